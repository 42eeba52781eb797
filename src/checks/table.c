/* table.c: the rules in force as checks see them: by id, and aliases. */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "checks/check.h"
#include "read/read.h"

size_t
ogc_rule_table_index(const struct ogc_rule_table *table, const char *id,
	bool *found)
{
	size_t lo = 0;
	size_t hi = table->count;
	size_t mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(table->rules[mid]->id, id);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	*found = false;
	return lo;
}

const struct ogc_rule *
ogc_rule_table_find(const struct ogc_rule_table *table, const char *id)
{
	bool found;
	size_t at = ogc_rule_table_index(table, id, &found);

	return found ? table->rules[at] : NULL;
}

const char **
ogc_rule_table_aliases(const struct ogc_rule_table *table, const char *path,
	size_t *count)
{
	char want[256];
	char have[256];
	size_t i;

	*count = 0;
	if (table->alias_count == 0) {
		return NULL;
	}
	ogc_path_nested_copy(path, want, sizeof(want));
	for (i = 0; i < table->alias_count; i++) {
		ogc_path_nested_copy(table->aliases[i].field, have, sizeof(have));
		if (strcmp(have, want) == 0) {
			*count = table->aliases[i].count;
			return table->aliases[i].paths;
		}
	}
	return NULL;
}
