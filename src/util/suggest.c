/* suggest.c: the known name a mistyped one was probably meant to be. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <string.h>

#include "util/util.h"

/* Longest name compared; longer ones are never suggested. */
#define SUGGEST_MAX 64

/*
 * The edit distance of a and b, case aside, counting a swap of two
 * neighbours as one edit (optimal string alignment): "lenght" is one
 * edit from "length".
 */
static size_t
distance(const char *a, size_t n, const char *b, size_t m)
{
	size_t d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];
	size_t cost;
	size_t best;
	size_t i;
	size_t j;

	for (i = 0; i <= n; i++) {
		d[i][0] = i;
	}
	for (j = 0; j <= m; j++) {
		d[0][j] = j;
	}
	for (i = 1; i <= n; i++) {
		for (j = 1; j <= m; j++) {
			cost = tolower((unsigned char)a[i - 1]) !=
				tolower((unsigned char)b[j - 1]);
			best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best) {
				best = d[i][j - 1] + 1;
			}
			if (d[i - 1][j - 1] + cost < best) {
				best = d[i - 1][j - 1] + cost;
			}
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
				a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best) {
				best = d[i - 2][j - 2] + 1;
			}
			d[i][j] = best;
		}
	}
	return d[n][m];
}

const char *
ogc_suggest(const char *word, const char *const *names, size_t count)
{
	size_t n = strlen(word);
	size_t limit = n / 3 > 1 ? n / 3 : 1;
	const char *best = NULL;
	size_t best_d = limit + 1;
	size_t d;
	size_t i;

	if (n == 0 || n > SUGGEST_MAX) {
		return NULL;
	}
	for (i = 0; i < count && names[i] != NULL; i++) {
		if (strlen(names[i]) > SUGGEST_MAX) {
			continue;
		}
		d = distance(word, n, names[i], strlen(names[i]));
		/* "warnings" for "warning": a plural is one letter away */
		if (d < best_d) {
			best = names[i];
			best_d = d;
		}
	}
	return best;
}
