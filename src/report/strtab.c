/* strtab.c: the strings findings share, each distinct one stored once. */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/util.h"

/* A part of a table's store: strings end to end, never moved. */
struct ogc_strtab_chunk {
	struct ogc_strtab_chunk *next;
	char data[];
};

/* A chunk's room; a string over a quarter of it gets a chunk of its own. */
#define CHUNK_SIZE 8192u

/* The slot of string s (hash h): the one holding it, or the empty one. */
static size_t
slot(const struct ogc_strtab *t, const char *s, uint64_t h)
{
	size_t i = (size_t)h & (t->cap - 1);

	while (t->slots[i] != NULL && strcmp(t->slots[i], s) != 0) {
		i = (i + 1) & (t->cap - 1);
	}
	return i;
}

bool
ogc_strtab_reserve(struct ogc_strtab *t, size_t need)
{
	const char **old = t->slots;
	size_t old_cap = t->cap;
	size_t cap = t->cap > 0 ? t->cap : 64;
	const char *s;
	size_t i;

	while (need > cap / 4 * 3) {
		if (cap > SIZE_MAX / 2 / sizeof(*t->slots)) {
			return false;
		}
		cap *= 2;
	}
	if (cap == t->cap) {
		return true;
	}
	t->slots = calloc(cap, sizeof(*t->slots));
	if (t->slots == NULL) {
		t->slots = old;
		return false;
	}
	t->cap = cap;
	for (i = 0; i < old_cap; i++) {
		s = old[i];
		if (s != NULL) {
			t->slots[slot(t, s, ogc_hash64(OGC_HASH64_START, s,
				strlen(s)))] = s;
		}
	}
	free(old);
	return true;
}

const char *
ogc_strtab_intern(struct ogc_strtab *t, const char *s, size_t len)
{
	uint64_t h = ogc_hash64(OGC_HASH64_START, s, len);
	struct ogc_strtab_chunk *c;
	size_t size;
	size_t i;
	char *at;

	if (!ogc_strtab_reserve(t, t->count + 1)) {
		return NULL;
	}
	i = slot(t, s, h);
	if (t->slots[i] != NULL) {
		return t->slots[i];
	}
	if (len + 1 > t->left) {
		/* a long string gets a chunk of its own; `at` stays */
		size = len + 1 > CHUNK_SIZE / 4 ? len + 1 : CHUNK_SIZE;
		c = malloc(sizeof(*c) + size);
		if (c == NULL) {
			return NULL;
		}
		c->next = t->chunks;
		t->chunks = c;
		at = c->data;
		if (size == CHUNK_SIZE) {
			t->at = at + len + 1;
			t->left = size - len - 1;
		}
	} else {
		at = t->at;
		t->at += len + 1;
		t->left -= len + 1;
	}
	memcpy(at, s, len);
	at[len] = '\0';
	t->slots[i] = at;
	t->count++;
	return at;
}

void
ogc_strtab_free(struct ogc_strtab *t)
{
	struct ogc_strtab_chunk *c;

	while (t->chunks != NULL) {
		c = t->chunks;
		t->chunks = c->next;
		free(c);
	}
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

void
ogc_strtab_move(struct ogc_strtab *dst, struct ogc_strtab *src)
{
	struct ogc_strtab_chunk *last;
	size_t i;
	size_t k;

	for (i = 0; i < src->cap; i++) {
		if (src->slots[i] == NULL) {
			continue;
		}
		k = slot(dst, src->slots[i], ogc_hash64(OGC_HASH64_START,
			src->slots[i], strlen(src->slots[i])));
		if (dst->slots[k] == NULL) {
			dst->slots[k] = src->slots[i];
			dst->count++;
		}
	}
	if (src->chunks != NULL) {
		for (last = src->chunks; last->next != NULL; last = last->next) {
		}
		last->next = dst->chunks;
		dst->chunks = src->chunks;
		src->chunks = NULL;
	}
	ogc_strtab_free(src);
}

void
ogc_strtab_clear(struct ogc_strtab *t)
{
	const char **slots = t->slots;
	size_t cap = t->cap;

	if (t->count == 0) {
		return;
	}
	if (cap > 1024) {
		ogc_strtab_free(t);
		return;
	}
	t->slots = NULL;
	ogc_strtab_free(t);
	memset(slots, 0, cap * sizeof(*slots));
	t->slots = slots;
	t->cap = cap;
}
