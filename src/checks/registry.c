/* registry.c: the one table of check kinds. */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "checks/check.h"

/* Keep this table alphasorted by name: lookups bisect it. */
static const struct ogc_check_kind *const kinds[] = {
	&ogc_check_date,
	&ogc_check_length,
	&ogc_check_one_of,
	&ogc_check_pattern,
	&ogc_check_reachable,
	&ogc_check_required,
	&ogc_check_same_url,
	&ogc_check_url,
};

#define KIND_COUNT (sizeof(kinds) / sizeof(*kinds))

const struct ogc_check_kind *
ogc_check_kind_find(const char *name)
{
	size_t lo = 0;
	size_t hi = KIND_COUNT;
	size_t mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(kinds[mid]->name, name);
		if (c == 0) {
			return kinds[mid];
		}
		if (c < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return NULL;
}

const struct ogc_check_kind *const *
ogc_check_kinds(size_t *count)
{
	*count = KIND_COUNT;
	return kinds;
}
