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

/*
 * A finding of a page as it is told (in a page's batch of them, each
 * followed by its message, ended by a NUL): its rule (of the run's
 * rules, which outlive the stage), place and field (a static name). A
 * batch is written to the spool only to be read back by this process.
 */
struct told {
	const struct ogc_rule *rule;
	struct ogc_pos pos;
	const char *field;
};

/*
 * The findings of page `index` (found[i, *end): those of one page) put
 * in words into `batch`: those of a rule the page's rules have on. False
 * when out of memory.
 */
static bool
put_in_words(struct ogc_xp_index *index, struct ogc_engine *engine,
	const char *name, const struct ogc_xp_finding *found, size_t i,
	size_t count, size_t *end, struct ogc_strbuf *batch)
{
	const void *page_rules = ogc_xp_page_rules(index, found[i].page);
	struct ogc_xp_places places;
	char message[1024];
	struct told t;
	size_t j;

	batch->len = 0;
	/* the index keeps no positions (--index, --merge): the page is
	   read again */
	if (!ogc_xp_page_places(index, found[i].page, &places) &&
		!ogc_engine_read_places(engine, name, &places)) {
		return false;
	}
	for (j = i; j < count && found[j].page == found[i].page; j++) {
		/* the rule as the page's own rules have it (a site's
		   .ogcheck.yaml may set it off) */
		t.rule = ogc_ruleset_find(page_rules, found[j].rule);
		if (t.rule == NULL || t.rule->severity == OGC_SEV_OFF) {
			continue;
		}
		t.pos = places.pos[found[j].field];
		if (t.pos.line == 0) {
			/* its file is gone (--merge): the file's place */
			t.pos.line = 1;
			t.pos.column = 1;
		}
		t.field = ogc_engine_xp_name(found[j].field,
			places.spelling[found[j].field]);
		ogc_xp_message(index, &found[j], t.field, message,
			sizeof(message));
		ogc_strbuf_add(batch, (const char *)&t, sizeof(t));
		ogc_strbuf_add(batch, message, strlen(message) + 1);
	}
	*end = j;
	return !batch->failed;
}

/*
 * Adds the findings of page `name` in batch[0, len) (put_in_words()) to
 * the report and finishes the file. False when out of memory.
 */
static bool
tell(struct ogc_report *report, const struct ogc_finisher *finisher,
	struct ogc_engine *engine, const char *name, const char *batch,
	size_t len)
{
	size_t first = ogc_report_count(report);
	struct ogc_page_meta *meta;
	const char *message;
	const char *nul;
	struct ogc_place at;
	struct told t;

	while (len > sizeof(t)) {
		memcpy(&t, batch, sizeof(t));
		message = batch + sizeof(t);
		nul = memchr(message, '\0', len - sizeof(t));
		if (nul == NULL) {
			break; /* (no batch put_in_words() made) */
		}
		memset(&at, 0, sizeof(at));
		at.file = name;
		at.pos = t.pos;
		at.field = t.field;
		/* the pages a message names change as pages join and leave
		   its group: a baselined finding stays known */
		at.grouped = true;
		ogc_emit_text(report, NULL, t.rule, &at, message);
		len -= (size_t)(nul + 1 - batch);
		batch = nul + 1;
	}
	ogc_file_finish(finisher, report, name, first, NULL, "site ");
	/* the html report's record of a page whose first findings these
	   are */
	return !finisher->options->page_meta || ogc_engine_page_meta(engine,
		report, name, ogc_report_shows_from(report, first), &meta);
}

/*
 * The findings are put in words while the index is there (they name
 * other pages), into a spool, a temporary file; the index and the
 * findings are freed; then the words are read back into the report. The
 * report's share of them (on the benchmark 3,930 findings, 0.79 MB with
 * absolute file names) thus takes memory the index gave back, where the
 * findings and the pages they name were held beside the report's growing
 * list, and the index beside them (one thread: +54 -> +33 bytes a page).
 * Without a temporary file (or once a write failed) a page's findings
 * are told at once; the report merges the two runs when it sorts.
 */
bool
ogc_cross_stage(struct ogc_xp_index *index, struct ogc_report *report,
	const struct ogc_options *options, const struct ogc_ruleset *rules,
	struct ogc_engine *engine, struct ogc_error *err)
{
	struct ogc_finisher finisher = {options, NULL, NULL, NULL, 0};
	struct ogc_xp_finding *found = NULL;
	struct ogc_strbuf batch = {NULL, 0, 0, false};
	struct ogc_xp_spool *spool = NULL;
	const void *words;
	const char *told;
	char *name;
	size_t count = 0;
	size_t spooled = 0;
	size_t len;
	size_t i;
	size_t j;
	bool direct = false;
	bool unread;
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
	finisher.too_many = ogc_ruleset_find(rules, "limit-diagnostics");
	ogc_report_sort_pages(report);
	spool = ogc_xp_spool_create();
	ok = spool != NULL;
	for (i = 0; ok && i < count; i = j) {
		name = ogc_xp_page_name(index, found[i].page);
		ok = name != NULL && put_in_words(index, engine, name, found, i,
			count, &j, &batch);
		if (ok && !direct && ogc_xp_spool_put(spool, name, batch.data,
			batch.len)) {
			spooled += j - i;
		} else if (ok) {
			direct = true;
			ok = tell(report, &finisher, engine, name, batch.data,
				batch.len);
		}
		free(name);
	}
	ogc_strbuf_finish(&batch);
	free(found);
	unread = ogc_xp_index_failed(index);
	ogc_xp_index_destroy(index);
#ifdef __GLIBC__
	/* and its memory given back: glibc keeps what is freed, a worker's
	   chunks in the worker's arena, which the main thread's findings
	   do not take from (two threads: +116 -> +63 bytes a page) */
	malloc_trim(0);
#endif
	/* a finding each, at most: the report's array grown by as many
	   (3,930 on the benchmark: doubled, it was 655 KB more) */
	ok = ok && (spooled == 0 || ogc_report_reserve(report, spooled));
	while (ok && !unread &&
		(told = ogc_xp_spool_next(spool, &words, &len)) != NULL) {
		ok = tell(report, &finisher, engine, told, words, len);
	}
	unread = unread || (spool != NULL && ogc_xp_spool_failed(spool));
	ogc_xp_spool_destroy(spool);
	if (unread) {
		return read_failed(err);
	}
	if (!ok || ogc_report_failed(report)) {
		return ogc_error_nomem(err);
	}
	return true;
}
