/* regex_set.c: a set of POSIX extended regular expressions, any of which may match. */
/* SPDX-License-Identifier: MIT */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/util.h"

struct ogc_regex_set {
	regex_t *res;
	size_t count;
};

bool
ogc_regex_valid(const char *source, char *why, size_t size)
{
	regex_t re;
	int rc = regcomp(&re, source, REG_EXTENDED | REG_NOSUB);

	if (rc != 0) {
		regerror(rc, &re, why, size);
		return false;
	}
	regfree(&re);
	return true;
}

struct ogc_regex_set *
ogc_regex_set_create(const char *const *a, size_t a_count,
	const char *const *b, size_t b_count)
{
	struct ogc_regex_set *set = calloc(1, sizeof(*set));
	const char *source;
	size_t i;

	if (set == NULL) {
		return NULL;
	}
	set->res = calloc(a_count + b_count + 1, sizeof(*set->res));
	if (set->res == NULL) {
		free(set);
		return NULL;
	}
	for (i = 0; i < a_count + b_count; i++) {
		source = i < a_count ? a[i] : b[i - a_count];
		/* each was checked when it was read: a failure is no memory */
		if (regcomp(&set->res[set->count], source,
			REG_EXTENDED | REG_NOSUB) != 0) {
			ogc_regex_set_destroy(set);
			return NULL;
		}
		set->count++;
	}
	return set;
}

bool
ogc_regex_set_match(const struct ogc_regex_set *set, const char *s)
{
	size_t i;

	for (i = 0; set != NULL && i < set->count; i++) {
		if (regexec(&set->res[i], s, 0, NULL, 0) == 0) {
			return true;
		}
	}
	return false;
}

void
ogc_regex_set_destroy(struct ogc_regex_set *set)
{
	size_t i;

	if (set == NULL) {
		return;
	}
	for (i = 0; i < set->count; i++) {
		regfree(&set->res[i]);
	}
	free(set->res);
	free(set);
}
