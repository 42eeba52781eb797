/* store.c: the index's memory: records in chunks, tables of keys, a sort. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "cross/cross_parts.h"

unsigned char *
ogc_xp_store_put(struct ogc_xp_store *s, size_t len, uint32_t *at)
{
	unsigned char *chunk;

	if (s->count == 0 || s->used + len > OGC_XP_CHUNK) {
		/* the handle has 16 bits for the chunk */
		if (s->count >= 0x10000 || !ogc_array_reserve(&s->chunks, &s->cap,
			s->count + 1, sizeof(*s->chunks), 16)) {
			return NULL;
		}
		/* a record longer than a chunk (a name of 64 KiB) has its
		   own, which nothing follows */
		chunk = malloc(len > OGC_XP_CHUNK ? len : OGC_XP_CHUNK);
		if (chunk == NULL) {
			return NULL;
		}
		s->chunks[s->count++] = chunk;
		s->used = 0;
	}
	*at = (uint32_t)((s->count - 1) << 16 | s->used);
	chunk = s->chunks[s->count - 1] + s->used;
	s->used = len > OGC_XP_CHUNK ? OGC_XP_CHUNK : s->used + len;
	return chunk;
}

bool
ogc_xp_store_take(struct ogc_xp_store *dst, struct ogc_xp_store *src,
	uint32_t *shift)
{
	if (dst->count + src->count > 0x10000 ||
		!ogc_array_reserve(&dst->chunks, &dst->cap, dst->count +
		src->count, sizeof(*dst->chunks), 16)) {
		return false;
	}
	*shift = (uint32_t)dst->count;
	if (src->count > 0) {
		memcpy(dst->chunks + dst->count, src->chunks, src->count *
			sizeof(*src->chunks));
	}
	dst->count += src->count;
	dst->used = OGC_XP_CHUNK;
	src->count = 0;
	src->used = 0;
	return true;
}

void
ogc_xp_store_finish(struct ogc_xp_store *s)
{
	size_t i;

	for (i = 0; i < s->count; i++) {
		free(s->chunks[i]);
	}
	free(s->chunks);
	memset(s, 0, sizeof(*s));
}

/* The slot of hash v in a table of `cap` slots (a power of two). */
static size_t
slot_of(uint64_t v, size_t cap)
{
	return (size_t)((v * 0x9e3779b97f4a7c15ull) >> 32) & (cap - 1);
}

/* Makes the table twice as large (at least 64 slots). */
static bool
grow_slots(struct ogc_xp_keys *t)
{
	size_t cap = t->slot_cap > 0 ? t->slot_cap * 2 : 64;
	uint32_t *slots = calloc(cap, sizeof(*slots));
	size_t at;
	size_t i;

	if (slots == NULL) {
		return false;
	}
	for (i = 0; i < t->count; i++) {
		for (at = slot_of(t->keys[i], cap); slots[at] != 0;
			at = (at + 1) & (cap - 1)) {
		}
		slots[at] = (uint32_t)(i + 1);
	}
	free(t->slots);
	t->slots = slots;
	t->slot_cap = cap;
	return true;
}

/* The slot of key v: its number's, or the free one it would take. */
static size_t
probe(const struct ogc_xp_keys *t, uint64_t v, ogc_xp_same_fn *same,
	const void *arg)
{
	size_t at;

	for (at = slot_of(v, t->slot_cap); t->slots[at] != 0;
		at = (at + 1) & (t->slot_cap - 1)) {
		if (t->keys[t->slots[at] - 1] == v &&
			(same == NULL || same(arg, t->slots[at]))) {
			break;
		}
	}
	return at;
}

uint32_t
ogc_xp_keys_find(const struct ogc_xp_keys *t, uint64_t v,
	ogc_xp_same_fn *same, const void *arg)
{
	return t->slot_cap > 0 ? t->slots[probe(t, v, same, arg)] : 0;
}

bool
ogc_xp_keys_intern(struct ogc_xp_keys *t, uint64_t v, ogc_xp_same_fn *same,
	const void *arg, uint32_t *n)
{
	size_t at;

	*n = 0;
	if (v == 0 && same == NULL) {
		return true;
	}
	if ((t->count + 1) * 2 > t->slot_cap && !grow_slots(t)) {
		return false;
	}
	at = probe(t, v, same, arg);
	if (t->slots[at] != 0) {
		*n = t->slots[at];
		return true;
	}
	if (t->count >= OGC_XP_MAX_KEYS || !ogc_array_reserve(&t->keys,
		&t->cap, t->count + 1, sizeof(*t->keys), 64)) {
		return false;
	}
	t->keys[t->count++] = v;
	*n = (uint32_t)t->count;
	t->slots[at] = *n;
	return true;
}

void
ogc_xp_keys_finish(struct ogc_xp_keys *t)
{
	free(t->keys);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

/* Exchanges two items of `size` bytes (at most 128). */
static void
exchange(unsigned char *a, unsigned char *b, size_t size)
{
	unsigned char t[128];

	memcpy(t, a, size);
	memcpy(a, b, size);
	memcpy(b, t, size);
}

/* Moves item `at` down the heap of n items until its children are less. */
static void
sift(unsigned char *items, size_t at, size_t n, size_t size,
	int (*compare)(const void *, const void *))
{
	size_t child;

	while ((child = 2 * at + 1) < n) {
		if (child + 1 < n && compare(items + child * size,
			items + (child + 1) * size) < 0) {
			child++;
		}
		if (compare(items + at * size, items + child * size) >= 0) {
			return;
		}
		exchange(items + at * size, items + child * size, size);
		at = child;
	}
}

/* Heapsort, in place. */
static void
heapsort_items(unsigned char *p, size_t n, size_t size,
	int (*compare)(const void *, const void *))
{
	size_t i;

	for (i = n / 2; i-- > 0;) {
		sift(p, i, n, size, compare);
	}
	for (i = n; i-- > 1;) {
		exchange(p, p + i * size, size);
		sift(p, 0, i, size, compare);
	}
}

/*
 * The pages come as a few runs in order, one a worker (each walks its
 * share of the files in name order): they are merged (ogc_merge_runs()),
 * a comparison or two an item, where a heapsort of the 20,000 pages of
 * two workers compared each about 30 times, and each comparison reads two
 * records. Anything else, or no memory for the merge, is heapsorted in
 * place: qsort() takes a copy of all it sorts. The comparisons order
 * every item (the page number last), so the result is the one order.
 */
void
ogc_xp_sort(void *items, size_t n, size_t size,
	int (*compare)(const void *, const void *))
{
	if (!ogc_merge_runs(items, n, size, compare)) {
		heapsort_items(items, n, size, compare);
	}
}
