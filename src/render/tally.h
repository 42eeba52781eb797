/* tally.h: findings counted by rule or by folder: --statistics, markdown, html. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_RENDER_TALLY_H
#define OGC_RENDER_TALLY_H

#include "report/report.h"

/** One count of findings: a rule id at one severity, or a folder. */
struct ogc_tally {
	const char *key; /* borrowed from the report; a folder's is not
	                    NUL-ended at len */
	size_t len;      /* a folder's length, its last '/' included; 0 for
	                    the folder the run started in */
	enum ogc_severity severity; /* by rule; OGC_SEV_OFF by folder */
	size_t count;
};

/** What findings are counted by. */
enum ogc_tally_by {
	OGC_TALLY_RULE,
	OGC_TALLY_FOLDER,
};

/**
 * Counts the findings shown (neither suppressed nor baselined) at or
 * above `min_severity` by rule (and severity) or by folder: below the
 * deepest folder that holds every file with findings, each file's first
 * folder, so that a run over content/ counts content/posts/ and
 * content/docs/ apart. *out (the caller's to free(), never NULL on
 * success) gets the counts, the most first, equal counts by key (then
 * the more severe first), and *count how many. False when out of memory.
 */
bool
ogc_tally_findings(const struct ogc_report *report,
	enum ogc_severity min_severity, enum ogc_tally_by by,
	struct ogc_tally **out, size_t *count);

/**
 * The length of the deepest folder that holds every file with findings
 * counted (at or above min_severity): folders are counted below it.
 */
size_t
ogc_tally_common_folder(const struct ogc_report *report,
	enum ogc_severity min_severity);

/** The length of the folder `file` is counted under, below `common`. */
size_t
ogc_tally_folder(const char *file, size_t common);

/** Orders two counts by key, then the more severe first (for qsort). */
int
ogc_tally_key_cmp(const struct ogc_tally *a, const struct ogc_tally *b);

#endif
