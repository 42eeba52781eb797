/* report.h: the list of findings: adding, counting, sorting, capping, baselines. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_REPORT_H
#define OGC_REPORT_H

#include "util/util.h"

/* report.c: adding to a report */

/**
 * Appends a copy of `draft` (its value taken as value_len bytes); every
 * string is copied (field, value and expected may be NULL; a value longer
 * than OGC_MAX_VALUE bytes is cut on a character boundary). On
 * out-of-memory the report remembers it (see ogc_report_failed()) and the
 * diagnostic is dropped.
 */
void
ogc_report_add(struct ogc_report *report, const struct ogc_diag *draft,
	size_t value_len);

/**
 * Takes out the diagnostic at `index` (its counts too); those after it
 * move up one.
 */
void
ogc_report_remove(struct ogc_report *report, size_t index);

/**
 * Adds `more` to the end of the message of the diagnostic at `index`. On
 * out-of-memory the report remembers it and the message stays as it was.
 */
void
ogc_report_append_message(struct ogc_report *report, size_t index,
	const char *more);

/**
 * One problem, one finding: of the findings from `from` on (one rule's,
 * on one document), those of the same rule about the same text in
 * different fields become one, the first in the document, whose message
 * names the others ("; the same text is in og:title (line 5)").
 */
void
ogc_report_merge_same_text(struct ogc_report *report, size_t from);

/** Counts one checked file. */
void
ogc_report_add_file(struct ogc_report *report);

/**
 * Takes back the count of the file being checked: it turned out to be no
 * page (a template or fragment, known only once its head was read).
 */
void
ogc_report_drop_file(struct ogc_report *report);

/**
 * Keeps the first OGC_MAX_DIAGS findings (suppressed ones aside) of those
 * added since `first`, one file's, in sorted order, and drops the rest.
 * Returns how many were dropped.
 */
size_t
ogc_report_cap_from(struct ogc_report *report, size_t first);

/** Marks the report as having run out of memory. */
void
ogc_report_fail(struct ogc_report *report);

/** Counts one network check that was not run. */
void
ogc_report_add_skipped(struct ogc_report *report);

/** True when an allocation failed while adding to the report. */
bool
ogc_report_failed(const struct ogc_report *report);

#define OGC_MAX_VALUE 1024u

/**
 * Moves every diagnostic and counter of `src` into `dst`, leaving src
 * empty. Returns false when out of memory (src is then unchanged).
 */
bool
ogc_report_merge(struct ogc_report *dst, struct ogc_report *src);

/* baselines: loaded in store/baseline.c, applied in report.c */

struct ogc_baseline_entry {
	char fingerprint[17];
	size_t count; /* findings with it still to hide */
};

struct ogc_baseline {
	struct ogc_baseline_entry *entries; /* sorted by fingerprint */
	size_t count;
};

/** Sorts the entries by fingerprint, merging repeats (after loading). */
void
ogc_baseline_sort(struct ogc_baseline *baseline);

/** ogc_report_apply_baseline() for the diagnostics [from, count). */
void
ogc_report_apply_baseline_from(struct ogc_report *report,
	struct ogc_baseline *baseline, size_t from);

/** True when a renderer shows the diagnostic (not suppressed or known). */
bool
ogc_diag_shown(const struct ogc_diag *diag);

/** Sorts the diagnostics [from, report count) as ogc_report_sort() does. */
void
ogc_report_sort_from(struct ogc_report *report, size_t from);

#endif
