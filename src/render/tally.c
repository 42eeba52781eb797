/* tally.c: findings counted by rule or by folder, for --statistics and markdown. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "render/tally.h"

int
ogc_tally_key_cmp(const struct ogc_tally *a, const struct ogc_tally *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->key, b->key, n);

	if (c != 0) {
		return c;
	}
	if (a->len != b->len) {
		return a->len < b->len ? -1 : 1;
	}
	/* the more severe first */
	return (int)b->severity - (int)a->severity;
}

static int
compare_keys(const void *a, const void *b)
{
	return ogc_tally_key_cmp(a, b);
}

/* The most findings first; equal counts in the keys' order. */
static int
compare_counts(const void *a, const void *b)
{
	const struct ogc_tally *x = a;
	const struct ogc_tally *y = b;

	if (x->count != y->count) {
		return x->count > y->count ? -1 : 1;
	}
	return ogc_tally_key_cmp(x, y);
}

static bool
counted(const struct ogc_diag *d, enum ogc_severity min_severity)
{
	return ogc_diag_shown(d) && d->severity >= min_severity;
}

/* The length of the folder part of `file`, its last '/' included. */
static size_t
folder_len(const char *file)
{
	const char *slash = strrchr(file, '/');

	return slash != NULL ? (size_t)(slash - file) + 1 : 0;
}

size_t
ogc_tally_common_folder(const struct ogc_report *report,
	enum ogc_severity min_severity)
{
	const struct ogc_diag *d;
	const char *first = NULL;
	size_t common = 0;
	size_t n;
	size_t i;

	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!counted(d, min_severity)) {
			continue;
		}
		n = folder_len(d->file);
		if (first == NULL) {
			first = d->file;
			common = n;
			continue;
		}
		if (n < common) {
			common = n;
		}
		for (n = 0; n < common && first[n] == d->file[n]; n++) {
		}
		common = n;
	}
	/* back to a whole folder name */
	while (common > 0 && first[common - 1] != '/') {
		common--;
	}
	return common;
}

size_t
ogc_tally_folder(const char *file, size_t common)
{
	const char *slash = strchr(file + common, '/');

	return slash != NULL ? (size_t)(slash - file) + 1 : common;
}

bool
ogc_tally_findings(const struct ogc_report *report,
	enum ogc_severity min_severity, enum ogc_tally_by by,
	struct ogc_tally **out, size_t *count)
{
	const struct ogc_diag *d;
	struct ogc_tally *t;
	size_t total = ogc_report_count(report);
	size_t common = 0;
	size_t n = 0;
	size_t runs = 0;
	size_t i;

	*out = NULL;
	*count = 0;
	t = calloc(total > 0 ? total : 1, sizeof(*t));
	if (t == NULL) {
		return false;
	}
	if (by == OGC_TALLY_FOLDER) {
		common = ogc_tally_common_folder(report, min_severity);
	}
	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!counted(d, min_severity)) {
			continue;
		}
		if (by == OGC_TALLY_RULE) {
			t[n].key = d->rule;
			t[n].len = strlen(d->rule);
			t[n].severity = d->severity;
		} else {
			t[n].key = d->file;
			t[n].len = ogc_tally_folder(d->file, common);
			t[n].severity = OGC_SEV_OFF;
		}
		t[n].count = 1;
		n++;
	}
	/* equal keys side by side, then each run counted into its first */
	qsort(t, n, sizeof(*t), compare_keys);
	for (i = 0; i < n; i++) {
		if (runs > 0 && ogc_tally_key_cmp(&t[runs - 1], &t[i]) == 0) {
			t[runs - 1].count++;
			continue;
		}
		t[runs] = t[i];
		runs++;
	}
	qsort(t, runs, sizeof(*t), compare_counts);
	*out = t;
	*count = runs;
	return true;
}
