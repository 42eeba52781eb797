/* render.h: one renderer per output format, behind ogc_report_write(). */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_RENDER_H
#define OGC_RENDER_H

#include "report/report.h"
#include "rules/rules.h"

/* the renderers that ogc_report_write() (format.c) picks from */

bool
ogc_report_write_github(const struct ogc_report *report,
	const char *full_report, FILE *out, struct ogc_error *err);
bool
ogc_report_write_sarif(const struct ogc_report *report,
	const struct ogc_ruleset *rules, FILE *out, struct ogc_error *err);
bool
ogc_report_write_codeclimate(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);
bool
ogc_report_write_json_v2(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);
bool
ogc_report_write_statistics(const struct ogc_report *report,
	const struct ogc_ruleset *rules, const struct ogc_text_style *style,
	FILE *out, struct ogc_error *err);
bool
ogc_report_write_jsonl(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);

bool
ogc_report_write_html(const struct ogc_report *report,
	const struct ogc_ruleset *rules, FILE *out, struct ogc_error *err);

/* stats.c: findings counted by rule and by folder (--statistics, html) */

/* One group of findings: a rule id (with its severity) or a folder. */
struct ogc_stat {
	const char *key;  /* borrowed from a finding; len bytes */
	size_t len;       /* a folder's ends in '/'; 0: the top folder */
	enum ogc_severity severity; /* by rule; OGC_SEV_OFF by folder */
	size_t count;
};

/*
 * The findings shown (at least min_severity) counted by rule, or by
 * folder, the most first: a new array of *count groups (the caller frees
 * it), NULL when out of memory.
 */
struct ogc_stat *
ogc_stats_count(const struct ogc_report *report,
	enum ogc_severity min_severity, bool by_rule, size_t *count);

/*
 * The length of the deepest folder that holds every file with findings
 * shown: folders are counted below it.
 */
size_t
ogc_stats_common_folder(const struct ogc_report *report,
	enum ogc_severity min_severity);

/* The length of the folder `file` is counted under, below `common`. */
size_t
ogc_stats_folder(const char *file, size_t common);

#endif
