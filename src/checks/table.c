/* table.c: the rules in force as checks see them: by id, and aliases. */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
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
		/* the first byte tells most ids apart without a call */
		c = (unsigned char)table->rules[mid]->id[0] -
			(unsigned char)id[0];
		if (c == 0) {
			c = strcmp(table->rules[mid]->id, id);
		}
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

/*
 * Two paths are the same in their nested spelling ("og:title" is
 * "og.title"), over their first 255 characters, as ogc_path_nested_copy()
 * would give them, without copying either.
 */
static bool
same_nested(const char *a, const char *b)
{
	size_t i;

	for (i = 0; i < 255 && a[i] != '\0' && b[i] != '\0'; i++) {
		if ((a[i] == ':' ? '.' : a[i]) != (b[i] == ':' ? '.' : b[i])) {
			return false;
		}
	}
	return i == 255 || a[i] == b[i];
}

const char **
ogc_rule_table_aliases(const struct ogc_rule_table *table, const char *path,
	size_t *count)
{
	size_t i;

	*count = 0;
	for (i = 0; i < table->alias_count; i++) {
		if (same_nested(table->aliases[i].field, path)) {
			*count = table->aliases[i].count;
			return table->aliases[i].paths;
		}
	}
	return NULL;
}

/* The texts seen so far, by an FNV-1a hash of each (open addressing). */
struct shared {
	const char **slots;
	size_t mask;
};

/* The first pointer seen with the text of *path, which becomes it. */
static void
share(struct shared *t, const char **path)
{
	const unsigned char *p = (const unsigned char *)*path;
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t slot;

	while (*p != '\0') {
		h = (h ^ *p++) * UINT64_C(0x100000001b3);
	}
	for (slot = (size_t)h & t->mask; t->slots[slot] != NULL;
		slot = (slot + 1) & t->mask) {
		if (strcmp(t->slots[slot], *path) == 0) {
			*path = t->slots[slot];
			return;
		}
	}
	t->slots[slot] = *path;
}

void
ogc_rule_table_share_paths(struct ogc_rule_table *table)
{
	struct shared t;
	size_t count = 0;
	size_t cap = 16;
	size_t i;
	size_t g;
	size_t k;

	for (i = 0; i < table->count; i++) {
		for (g = 0; g < table->rules[i]->group_count; g++) {
			count += table->rules[i]->groups[g].count;
		}
	}
	for (i = 0; i < table->alias_count; i++) {
		count += table->aliases[i].count;
	}
	while (cap < 2 * count && cap < SIZE_MAX / 4) {
		cap *= 2;
	}
	t.slots = calloc(cap, sizeof(*t.slots));
	if (t.slots == NULL) {
		return;
	}
	t.mask = cap - 1;
	for (i = 0; i < table->count; i++) {
		for (g = 0; g < table->rules[i]->group_count; g++) {
			for (k = 0; k < table->rules[i]->groups[g].count; k++) {
				share(&t, &table->rules[i]->groups[g].paths[k]);
			}
		}
	}
	for (i = 0; i < table->alias_count; i++) {
		for (k = 0; k < table->aliases[i].count; k++) {
			share(&t, &table->aliases[i].paths[k]);
		}
	}
	free(t.slots);
}
