/* stats.c: --statistics: the findings counted by rule and by folder. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "util/util.h"

/* One finding's key: a rule id, or a folder (a prefix of its file name). */
struct key {
	const char *s;
	size_t len;
	enum ogc_severity severity; /* rules only; folders: OGC_SEV_OFF */
};

static int
key_cmp(const struct key *a, const struct key *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->s, b->s, n);

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
	return key_cmp(a, b);
}

static int
stat_cmp(const struct ogc_stat *x, const struct ogc_stat *y)
{
	struct key a = {x->key, x->len, x->severity};
	struct key b = {y->key, y->len, y->severity};

	return key_cmp(&a, &b);
}

/* The most findings first; equal counts in the keys' order. */
static int
compare_groups(const void *a, const void *b)
{
	const struct ogc_stat *x = a;
	const struct ogc_stat *y = b;

	if (x->count != y->count) {
		return x->count > y->count ? -1 : 1;
	}
	return stat_cmp(x, y);
}

/*
 * Sorts the keys and counts each run of equal ones into groups (room for
 * as many as there are keys).
 */
static size_t
count_runs(struct key *keys, size_t n, struct ogc_stat *groups)
{
	struct key last;
	size_t count = 0;
	size_t i;

	qsort(keys, n, sizeof(*keys), compare_keys);
	for (i = 0; i < n; i++) {
		if (count > 0 && key_cmp(&last, &keys[i]) == 0) {
			groups[count - 1].count++;
			continue;
		}
		last = keys[i];
		groups[count].key = keys[i].s;
		groups[count].len = keys[i].len;
		groups[count].severity = keys[i].severity;
		groups[count].count = 1;
		count++;
	}
	qsort(groups, count, sizeof(*groups), compare_groups);
	return count;
}

/* The length of the folder part of `file`, its last '/' included. */
static size_t
folder_len(const char *file)
{
	const char *slash = strrchr(file, '/');

	return slash != NULL ? (size_t)(slash - file) + 1 : 0;
}

/*
 * The folders findings are counted by: below the deepest folder that
 * holds every file with findings, each file's first folder (with the
 * files right in that folder counted under it), so that one run over
 * content/ counts content/posts/ and content/docs/ apart.
 */
size_t
ogc_stats_common_folder(const struct ogc_report *report,
	enum ogc_severity min_severity)
{
	const struct ogc_diag *d;
	const char *first = NULL;
	size_t common = 0;
	size_t n;
	size_t i;

	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!ogc_diag_shown(d) || d->severity < min_severity) {
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
ogc_stats_folder(const char *file, size_t common)
{
	const char *slash = strchr(file + common, '/');

	return slash != NULL ? (size_t)(slash - file) + 1 : common;
}

struct ogc_stat *
ogc_stats_count(const struct ogc_report *report,
	enum ogc_severity min_severity, bool by_rule, size_t *count)
{
	const struct ogc_diag *d;
	struct ogc_stat *groups;
	struct key *keys;
	size_t total = ogc_report_count(report);
	size_t common = by_rule ? 0 :
		ogc_stats_common_folder(report, min_severity);
	size_t n = 0;
	size_t i;

	*count = 0;
	keys = calloc(total > 0 ? total : 1, sizeof(*keys));
	groups = calloc(total > 0 ? total : 1, sizeof(*groups));
	if (keys == NULL || groups == NULL) {
		free(keys);
		free(groups);
		return NULL;
	}
	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!ogc_diag_shown(d) || d->severity < min_severity) {
			continue;
		}
		keys[n].s = by_rule ? d->rule : d->file;
		keys[n].len = by_rule ? strlen(d->rule) :
			ogc_stats_folder(d->file, common);
		keys[n].severity = by_rule ? d->severity : OGC_SEV_OFF;
		n++;
	}
	*count = count_runs(keys, n, groups);
	free(keys);
	return groups;
}

static void
put_groups(FILE *out, const struct ogc_ruleset *rules,
	const struct ogc_stat *groups, size_t count, bool by_rule)
{
	const struct ogc_rule *rule;
	size_t i;

	for (i = 0; i < count; i++) {
		const struct ogc_stat *k = &groups[i];

		fprintf(out, "%7zu  ", k->count);
		if (!by_rule) {
			fprintf(out, "%.*s\n", (int)k->len, k->len > 0 ? k->key :
				"./");
			continue;
		}
		rule = rules != NULL ? ogc_ruleset_find(rules, k->key) : NULL;
		fprintf(out, "%-8s %-24s %s\n", ogc_severity_name(k->severity),
			k->key, rule != NULL && rule->description != NULL ?
			rule->description : "");
	}
}

bool
ogc_report_write_statistics(const struct ogc_report *report,
	const struct ogc_ruleset *rules, const struct ogc_text_style *style,
	FILE *out, struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	struct ogc_stat *groups;
	size_t count;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		groups = ogc_stats_count(report, style->min_severity, pass == 0,
			&count);
		if (groups == NULL) {
			return ogc_error_nomem(err);
		}
		if (count > 0) {
			fputs(pass == 0 ? "Findings by rule:\n" :
				"Findings by folder:\n", out);
			put_groups(out, rules, groups, count, pass == 0);
		}
		free(groups);
	}
	if (fflush(out) != 0 || ferror(out)) {
		ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot write the "
			"report: %s", strerror(errno));
		return false;
	}
	return true;
}
