/* registry.c: the one table of check kinds. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "checks/check.h"

/* Keep this table alphasorted by name: lookups bisect it. */
static const struct ogc_check_kind *const kinds[] = {
	&ogc_check_absent,
	&ogc_check_date,
	&ogc_check_isbn,
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

const char *
ogc_check_kind_names(char *buf, size_t size)
{
	size_t used = 0;
	size_t i;
	int n;

	buf[0] = '\0';
	for (i = 0; i < KIND_COUNT && used < size; i++) {
		n = snprintf(buf + used, size - used, "%s%s", i > 0 ? ", " : "",
			kinds[i]->name);
		if (n < 0) {
			break;
		}
		used += (size_t)n;
	}
	return buf;
}
