/* crossstage.c: the cross-page stage: the index's findings, file by file. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "checks/check.h"
#include "cross/cross.h"
#include "report/report.h"
#include "rules/rules.h"
#include "run/run.h"

/* image-shared's limits, as the page's rules set them. */
static void
shared_limits(const void *rules, double *share, size_t *pages)
{
	ogc_shared_limits(rules, share, pages);
}

/* A read of the index's temporary file failed: an error of the run. */
static bool
read_failed(struct ogc_error *err)
{
	ogc_error_set(err, OGC_ERR_IO, NULL, (struct ogc_pos){0, 0},
		"cannot read the cross-page index's temporary file (in $TMPDIR "
		"or /tmp)");
	return false;
}

/* The rules over pages together (groups.c), alphasorted. */
static const char *const cross_rules[] = {
	"canonical-target",
	"description-duplicate",
	"image-shared",
	"title-duplicate",
	"url-duplicate",
};

/*
 * Whether the rules of some page have a rule over pages together on:
 * when none has, the rules are not run (their findings would all be
 * dropped) nor the pages with findings read again.
 */
static bool
any_cross_rule(const struct ogc_xp_index *index)
{
	const struct ogc_rule *rule;
	const void *asked = NULL;
	const void *rules;
	size_t n = ogc_xp_index_count(index);
	size_t i;
	size_t k;

	for (i = 0; i < n; i++) {
		rules = ogc_xp_page_rules(index, i);
		if (rules == NULL || (i > 0 && rules == asked)) {
			continue; /* a site's pages share their rules */
		}
		asked = rules;
		for (k = 0; k < sizeof(cross_rules) / sizeof(*cross_rules); k++) {
			rule = ogc_ruleset_find(rules, cross_rules[k]);
			if (rule != NULL && rule->severity != OGC_SEV_OFF) {
				return true;
			}
		}
	}
	return false;
}

bool
ogc_cross_stage(struct ogc_xp_index *index, struct ogc_report *report,
	const struct ogc_options *options, const struct ogc_ruleset *rules,
	struct ogc_engine *engine, struct ogc_error *err)
{
	struct ogc_finisher finisher = {options, NULL, NULL, NULL, 0};
	struct ogc_xp_finding *found = NULL;
	struct ogc_xp_index *kept;
	struct ogc_xp_places places;
	const void *page_rules;
	struct ogc_place at;
	char message[1024];
	char *name;
	size_t count = 0;
	size_t first;
	size_t i;
	size_t j;
	struct ogc_page_meta *meta;
	bool ok = true;

	if (index == NULL || ogc_xp_index_count(index) < 2 ||
		!any_cross_rule(index)) {
		ogc_xp_index_destroy(index);
		return true;
	}
	if (!ogc_xp_run(index, shared_limits, &found, &count)) {
		if (ogc_xp_index_failed(index)) {
			read_failed(err);
		} else {
			ogc_error_nomem(err);
		}
		ogc_xp_index_destroy(index);
		return false;
	}
	/* the pages the findings name, apart: the index is freed before
	   the findings take their memory in the report */
	kept = ogc_xp_index_keep(index, found, count);
	ogc_xp_index_destroy(index);
#ifdef __GLIBC__
	/* and its memory given back: glibc keeps what is freed, a worker's
	   chunks in the worker's arena, which the main thread's findings
	   do not take from (two threads: +116 -> +63 bytes a page) */
	malloc_trim(0);
#endif
	index = kept;
	if (index == NULL) {
		free(found);
		return ogc_error_nomem(err);
	}
	finisher.too_many = ogc_ruleset_find(rules, "limit-diagnostics");
	ogc_report_sort_pages(report);
	/* a finding each, at most: the report's array grown by as many
	   (3,930 on the benchmark: doubled, it was 655 KB more) */
	if (!ogc_report_reserve(report, count)) {
		ok = false;
	}
	for (i = 0; ok && i < count; i = j) {
		name = ogc_xp_page_name(index, found[i].page);
		if (name == NULL) {
			ok = false;
			break;
		}
		page_rules = ogc_xp_page_rules(index, found[i].page);
		/* the index keeps no positions: the page is read again */
		if (!ogc_xp_page_places(index, found[i].page, &places)) {
			ok = ogc_engine_read_places(engine, name, &places);
		}
		first = ogc_report_count(report);
		for (j = i; j < count && found[j].page == found[i].page; j++) {
			memset(&at, 0, sizeof(at));
			at.file = name;
			at.pos = places.pos[found[j].field];
			if (at.pos.line == 0) {
				/* its file is gone (--merge): the file's place */
				at.pos.line = 1;
				at.pos.column = 1;
			}
			at.field = ogc_engine_xp_name(found[j].field,
				places.spelling[found[j].field]);
			ogc_xp_message(index, &found[j], at.field, message,
				sizeof(message));
			/* the rule as the page's own rules have it (a site's
			   .ogcheck.yaml may set it off) */
			ogc_emit_text(report, NULL, ogc_ruleset_find(page_rules,
				found[j].rule), &at, message);
		}
		ogc_file_finish(&finisher, report, name, first, NULL, "site ");
		/* the html report's record of a page whose first findings
		   these are */
		if (ok && options->page_meta) {
			ok = ogc_engine_page_meta(engine, report, name,
				ogc_report_shows_from(report, first), &meta);
		}
		free(name);
	}
	free(found);
	if (ogc_xp_index_failed(index)) {
		ogc_xp_index_destroy(index);
		return read_failed(err);
	}
	ogc_xp_index_destroy(index);
	if (!ok || ogc_report_failed(report)) {
		return ogc_error_nomem(err);
	}
	return true;
}
