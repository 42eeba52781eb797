/* sort.c: a list that is a few sorted runs, merged. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

#define MAX_RUNS OGC_MERGE_RUNS

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
		memcpy(tmp, p, m * size);
		for (i = 0, j = m, k = 0; i < m && j < n; k++) {
			if (compare(p + j * size, tmp + i * size) < 0) {
				memcpy(p + k * size, p + j++ * size, size);
			} else {
				memcpy(p + k * size, tmp + i++ * size, size);
			}
		}
		memcpy(p + k * size, tmp + i * size, (m - i) * size);
		return;
	}
	memcpy(tmp, p + m * size, (n - m) * size);
	for (i = m, j = n - m, k = n; i > 0 && j > 0;) {
		k--;
		if (compare(tmp + (j - 1) * size, p + (i - 1) * size) < 0) {
			memcpy(p + k * size, p + --i * size, size);
		} else {
			memcpy(p + k * size, tmp + --j * size, size);
		}
	}
	memcpy(p + i * size, tmp, j * size);
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
	tmp = malloc(most * size);
	if (tmp == NULL) {
		return false;
	}
	for (k = runs; k > 1; k = (k + 1) / 2) {
		for (i = 0, from = 0; i + 1 < k; i += 2) {
			merge_two(p + from * size, len[i], len[i] + len[i + 1], size,
				tmp, compare);
			from += len[i] + len[i + 1];
			merged(len, i, 0);
		}
		len[k / 2] = len[k - 1];
	}
	free(tmp);
	return true;
}
