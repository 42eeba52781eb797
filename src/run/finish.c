/* finish.c: the one way a file's findings are finished, whoever made them. */
/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdarg.h>

#include "checks/check.h"
#include "report/report.h"
#include "run/run.h"
#include "util/util.h"

static void
emit_limit(struct ogc_report *report, struct ogc_suppressions *suppress,
	const struct ogc_rule *rule, const char *file, const char *fmt, ...)
	OGC_PRINTF(5, 6);

static void
emit_limit(struct ogc_report *report, struct ogc_suppressions *suppress,
	const struct ogc_rule *rule, const char *file, const char *fmt, ...)
{
	struct ogc_place at = {file, {1, 1}, {0, 0}, NULL, NULL, 0, NULL,
		false};
	va_list ap;

	va_start(ap, fmt);
	ogc_emit_va(report, suppress, rule, &at, fmt, ap);
	va_end(ap);
}

void
ogc_file_finish(const struct ogc_finisher *finisher,
	struct ogc_report *report, const char *file, size_t first,
	struct ogc_suppressions *suppress, const char *what)
{
	const struct ogc_options *o = finisher->options;
	pthread_mutex_t *lock = finisher->lock;
	size_t dropped = ogc_report_cap_from(report, first);
	size_t count;

	if (dropped > 0) {
		emit_limit(report, suppress, finisher->too_many, file, "%zu more "
			"%sfindings in this file are not listed: at most %u are "
			"(limit diagnostics)", dropped, what, OGC_MAX_DIAGS);
	}
	count = ogc_report_count(report);
	/* sorted file by file, the report's sort at the end only merges */
	ogc_report_sort_from(report, first);
	if (o->file_done == NULL && o->baseline == NULL) {
		return;
	}
	/* the baseline's counts are shared by the pool's engines; the file's
	   slot in an order is its own until ogc_order_done() */
	if (lock != NULL && (o->baseline != NULL || finisher->order == NULL)) {
		pthread_mutex_lock(lock);
	} else {
		lock = NULL;
	}
	if (o->baseline != NULL) {
		ogc_report_apply_baseline_from(report, o->baseline, first);
	}
	if (o->file_done != NULL && finisher->order != NULL) {
		/* handed on in the walk's order (order.c) */
		ogc_order_hold(finisher->order, finisher->seq, report, first);
	} else if (o->file_done != NULL) {
		o->file_done(o->file_done_arg, ogc_report_get(report, first),
			count - first);
	}
	if (lock != NULL) {
		pthread_mutex_unlock(lock);
	}
	if (o->file_done != NULL && o->forget_done &&
		finisher->order == NULL) {
		ogc_report_forget_from(report, first);
	}
}
