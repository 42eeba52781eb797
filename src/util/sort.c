/* sort.c: a list that is a few sorted runs, merged in little memory. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

#define MAX_RUNS OGC_MERGE_RUNS

/*
 * Block copies go 1 KiB at a time: glibc copies a larger block with `rep
 * movsb`, which callgrind (how ci/bench counts the stage's cost) counts
 * as an instruction a byte; copied in pieces it is as fast.
 */
#define PIECE 1024u

/* memmove() of n bytes, in pieces. */
static void
move_bytes(unsigned char *dst, const unsigned char *src, size_t n)
{
	size_t c;

	if (dst < src) {
		for (; n > 0; n -= c, dst += c, src += c) {
			c = n < PIECE ? n : PIECE;
			memmove(dst, src, c);
		}
		return;
	}
	for (; n > 0; n -= c) {
		c = n < PIECE ? n : PIECE;
		memmove(dst + n - c, src + n - c, c);
	}
}

/*
 * Merges the sorted runs p[0, m) and p[m, n) in place, stably, the
 * shorter of them set aside in tmp: the left one merged forwards, or the
 * right one backwards (a tie takes the left run's first).
 */
static void
merge_two(unsigned char *p, size_t m, size_t n, size_t size,
	unsigned char *tmp, int (*compare)(const void *, const void *))
{
	size_t i;
	size_t j;
	size_t k;

	if (m <= n - m) {
		move_bytes(tmp, p, m * size);
		for (i = 0, j = m, k = 0; i < m && j < n; k++) {
			if (compare(p + j * size, tmp + i * size) < 0) {
				memcpy(p + k * size, p + j++ * size, size);
			} else {
				memcpy(p + k * size, tmp + i++ * size, size);
			}
		}
		move_bytes(p + k * size, tmp + i * size, (m - i) * size);
		return;
	}
	move_bytes(tmp, p + m * size, (n - m) * size);
	for (i = m, j = n - m, k = n; i > 0 && j > 0;) {
		k--;
		if (compare(tmp + (j - 1) * size, p + (i - 1) * size) < 0) {
			memcpy(p + k * size, p + --i * size, size);
		} else {
			memcpy(p + k * size, tmp + --j * size, size);
		}
	}
	move_bytes(p + i * size, tmp, j * size);
}

/* Swaps the n bytes at a and at b (apart), in pieces via t's `room`. */
static void
swap_bytes(unsigned char *a, unsigned char *b, size_t n, unsigned char *t,
	size_t room)
{
	size_t c;

	room = room < PIECE ? room : PIECE;
	for (; n > 0; n -= c, a += c, b += c) {
		c = n < room ? n : room;
		memcpy(t, a, c);
		memcpy(a, b, c);
		memcpy(b, t, c);
	}
}

/*
 * p[0, m) and p[m, n) swapped in place (p[m, n) first), with t's room for
 * `room` items: the shorter part set aside when it fits, else swapped
 * with the end (or start) of the longer one, which puts it in its place,
 * and the rest rotated likewise. Block copies, each item moved about
 * once: swapped an item at a time, the report's final merge cost 5 M
 * instructions more.
 */
static void
rotate(unsigned char *p, size_t m, size_t n, size_t size, unsigned char *t,
	size_t room)
{
	size_t left = m;
	size_t right = n - m;

	while (left > 0 && right > 0) {
		if (left <= room && left <= right) {
			move_bytes(t, p, left * size);
			move_bytes(p, p + left * size, right * size);
			move_bytes(p + right * size, t, left * size);
			return;
		}
		if (right <= room) {
			move_bytes(t, p + left * size, right * size);
			move_bytes(p + right * size, p, left * size);
			move_bytes(p, t, right * size);
			return;
		}
		if (left <= right) {
			/* A B1 B2 -> B2 B1 A: then B2 B1 rotated */
			swap_bytes(p, p + right * size, left * size, t,
				room * size);
			right -= left;
		} else {
			/* A1 A2 B -> B A2 A1: then A2 A1 rotated */
			swap_bytes(p, p + left * size, right * size, t,
				room * size);
			p += right * size;
			left -= right;
		}
	}
}

/*
 * The first of the n items at p that `key` goes before (`after`: that it
 * does not go after): where key is put among them, after its equals (or
 * before them).
 */
static size_t
bound(const unsigned char *p, size_t n, size_t size, const void *key,
	bool after, int (*compare)(const void *, const void *))
{
	size_t lo = 0;
	size_t hi = n;
	size_t mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (after ? compare(key, p + mid * size) < 0 :
			compare(p + mid * size, key) >= 0) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	return lo;
}

/*
 * merge_two() with room for `room` items only (one at least): while both
 * runs are longer, the longer one's middle item is placed in the other
 * (a binary search), the two parts between swapped (rotate()), and each
 * side merged on its own. Stable as merge_two(): an item of the left run
 * goes before its equals of the right one.
 */
static void
merge_in(unsigned char *p, size_t m, size_t n, size_t size,
	unsigned char *tmp, size_t room,
	int (*compare)(const void *, const void *))
{
	size_t cut1;
	size_t cut2;
	size_t mid;

	while (m > 0 && m < n && m > room && n - m > room) {
		if (m >= n - m) {
			cut1 = m / 2;
			cut2 = m + bound(p + m * size, n - m, size, p + cut1 * size,
				false, compare);
		} else {
			cut2 = m + (n - m) / 2;
			cut1 = bound(p, m, size, p + cut2 * size, true, compare);
		}
		rotate(p + cut1 * size, m - cut1, cut2 - cut1, size, tmp, room);
		mid = cut1 + (cut2 - m);
		merge_in(p, cut1, mid, size, tmp, room, compare);
		/* the right side in the loop: the depth is the halvings */
		p += mid * size;
		m = cut2 - mid;
		n -= mid;
	}
	if (m > 0 && m < n) {
		merge_two(p, m, n, size, tmp, compare);
	}
}

/*
 * Runs len[i] and len[i + 1] merged into len[i / 2]; the larger of
 * `most` and the shorter of the two, the room the merge takes.
 */
static size_t
merged(size_t *len, size_t i, size_t most)
{
	size_t shorter = len[i] < len[i + 1] ? len[i] : len[i + 1];

	len[i / 2] = len[i] + len[i + 1];
	return shorter > most ? shorter : most;
}

bool
ogc_merge_runs(void *items, size_t n, size_t size,
	int (*compare)(const void *, const void *))
{
	unsigned char *p = items;
	size_t len[MAX_RUNS];
	size_t runs = 0;
	size_t from;
	size_t i;

	for (i = 0, from = 0; i < n && runs <= MAX_RUNS; i++) {
		if (i + 1 == n || compare(p + i * size, p + (i + 1) * size) > 0) {
			if (runs < MAX_RUNS) {
				len[runs] = i + 1 - from;
			}
			runs++;
			from = i + 1;
		}
	}
	return runs <= MAX_RUNS && ogc_merge_known_runs(items, size, len, runs,
		compare);
}

bool
ogc_merge_known_runs(void *items, size_t size, const size_t *runs_len,
	size_t runs, int (*compare)(const void *, const void *))
{
	unsigned char *p = items;
	unsigned char *tmp;
	size_t len[MAX_RUNS];
	size_t was[MAX_RUNS];
	size_t most = 0;
	size_t room;
	size_t from;
	size_t i;
	size_t k;

	if (runs <= 1) {
		return true; /* in order already */
	}
	if (runs > MAX_RUNS) {
		return false;
	}
	memcpy(len, runs_len, runs * sizeof(*len));
	/* the room the merges take: their shorter runs, pass by pass */
	memcpy(was, len, runs * sizeof(*len));
	for (k = runs; k > 1; k = (k + 1) / 2) {
		for (i = 0; i + 1 < k; i += 2) {
			most = merged(was, i, most);
		}
		was[k / 2] = was[k - 1];
	}
	/* at most OGC_MERGE_ROOM bytes: merge_in() makes do */
	room = OGC_MERGE_ROOM / size > 0 ? OGC_MERGE_ROOM / size : 1;
	if (most < room) {
		room = most > 0 ? most : 1;
	}
	tmp = malloc(room * size);
	if (tmp == NULL) {
		return false;
	}
	for (k = runs; k > 1; k = (k + 1) / 2) {
		for (i = 0, from = 0; i + 1 < k; i += 2) {
			merge_in(p + from * size, len[i], len[i] + len[i + 1], size,
				tmp, room, compare);
			from += len[i] + len[i + 1];
			merged(len, i, 0);
		}
		len[k / 2] = len[k - 1];
	}
	free(tmp);
	return true;
}
