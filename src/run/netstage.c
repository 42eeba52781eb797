/* netstage.c: the network stage: cache, fetch, judge, finish each file. */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checks/check.h"
#include "net/net.h"
#include "report/report.h"
#include "rules/rules.h"
#include "run/run.h"
#include "store/store.h"
#include "util/util.h"

/* The `checked` time of a cache entry that this run has replaced. */
#define USED_UP (-1)

static int
compare_fetch_urls(const void *a, const void *b)
{
	return strcmp(((const struct ogc_fetch *)a)->url,
		((const struct ogc_fetch *)b)->url);
}

static int
compare_fetch_pointers(const void *a, const void *b)
{
	return strcmp((*(const struct ogc_fetch *const *)a)->url,
		(*(const struct ogc_fetch *const *)b)->url);
}

/* A cached result that still holds and tells what `want` needs. */
static bool
cache_serves(const struct ogc_fetch *hit, const struct ogc_fetch *want,
	const struct ogc_options *options, long long now)
{
	return hit->checked >= 0 && hit->checked <= now &&
		now - hit->checked < options->cache_max_age &&
		(hit->image_read || !want->want_image) &&
		/* the cache keeps no bytes: an image to embed is read again
		   unless it is known to be too big to be read in full */
		(!want->want_body || hit->bytes > OGC_IMAGE_HEAD_MAX);
}

/*
 * Moves the result of a cache entry into a fetch. The entry keeps its URL
 * (the array stays sorted for bsearch) and is marked used up, so it is not
 * written back twice.
 */
static void
take_cached(struct ogc_fetch *f, struct ogc_fetch *hit)
{
	char *url = f->url;
	bool want_image = f->want_image;

	*f = *hit;
	f->url = url;
	f->want_image = want_image;
	url = hit->url;
	memset(hit, 0, sizeof(*hit));
	hit->url = url;
	hit->checked = USED_UP;
}

/*
 * Only answers that passed are kept: a failure is checked again. A URL
 * with a user name or password is never written to the file.
 */
static bool
cacheable(const struct ogc_fetch *f)
{
	return f->state == OGC_FETCH_ANSWERED && f->status >= 200 &&
		f->status < 300 && !ogc_has_userinfo(f->url, strlen(f->url));
}

/*
 * Fetches what the cache does not hold, then rewrites the cache with the
 * new successes and the old entries that are still fresh.
 */
static bool
fetch_all(struct ogc_fetch *items, size_t count,
	const struct ogc_options *options, struct ogc_report *report,
	struct ogc_error *err)
{
	struct ogc_host_stats *hosts = NULL;
	size_t host_count = 0;
	struct ogc_fetch *cached = NULL;
	const struct ogc_fetch **keep = NULL;
	struct ogc_fetch **to_fetch = NULL;
	struct ogc_fetch *hit;
	size_t cached_count = 0;
	size_t fetch_count = 0;
	size_t keep_count = 0;
	long long now = (long long)time(NULL);
	bool ok = false;
	size_t i;

	if (options->cache != NULL &&
		!ogc_cache_read(options->cache, &cached, &cached_count, err)) {
		return false;
	}
	if (cached_count > 0) {
		qsort(cached, cached_count, sizeof(*cached), compare_fetch_urls);
	}
	to_fetch = calloc(count + 1, sizeof(*to_fetch));
	keep = calloc(count + cached_count + 1, sizeof(*keep));
	if (to_fetch == NULL || keep == NULL) {
		ogc_error_nomem(err);
		goto cleanup;
	}
	for (i = 0; i < count; i++) {
		hit = cached_count == 0 ? NULL : bsearch(&items[i], cached,
			cached_count, sizeof(*cached), compare_fetch_urls);
		if (items[i].excluded) {
			continue; /* --exclude-url: neither fetched nor told */
		}
		if (hit != NULL && cache_serves(hit, &items[i], options, now)) {
			take_cached(&items[i], hit);
			continue;
		}
		if (hit != NULL) {
			hit->checked = USED_UP; /* replaced by this run's answer */
		}
		to_fetch[fetch_count++] = &items[i];
	}
	if (!ogc_net_fetch(to_fetch, fetch_count, options, &hosts,
		&host_count, err)) {
		goto cleanup;
	}
	/* for --statistics; the report frees them */
	if (host_count > 0 && !ogc_report_add_hosts(report, hosts, host_count)) {
		ogc_error_nomem(err);
		goto cleanup;
	}
	for (i = 0; i < fetch_count; i++) {
		to_fetch[i]->checked = now;
	}
	ok = true;
	if (options->cache == NULL) {
		goto cleanup;
	}
	for (i = 0; i < count; i++) {
		if (cacheable(&items[i])) {
			keep[keep_count++] = &items[i];
		}
	}
	/* entries of other runs (other pages) that are still fresh */
	for (i = 0; i < cached_count; i++) {
		if (cacheable(&cached[i]) && cached[i].checked >= 0 &&
			cached[i].checked <= now &&
			now - cached[i].checked < options->cache_max_age) {
			keep[keep_count++] = &cached[i];
		}
	}
	if (keep_count > 1) {
		qsort(keep, keep_count, sizeof(*keep), compare_fetch_pointers);
	}
	ok = ogc_cache_write(options->cache, keep, keep_count, err);
cleanup:
	for (i = 0; i < cached_count; i++) {
		ogc_fetch_clear(&cached[i]);
	}
	free(cached);
	free(to_fetch);
	free(keep);
	return ok;
}

/* A run of uses that belong to one file: [start, end) of the queue. */
struct file_run {
	const char *file;
	size_t start;
	size_t end;
};

static int
compare_runs(const void *a, const void *b)
{
	const struct file_run *x = a;
	const struct file_run *y = b;
	int c = strcmp(x->file, y->file);

	if (c != 0) {
		return c;
	}
	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * The files of the queue in name order, each with its run of uses (a
 * file's uses are next to each other): findings then reach file_done in
 * the same order however the pool's workers merged their queues. NULL
 * when memory ran out.
 */
static struct file_run *
file_runs(const struct ogc_net_queue *q, size_t *count)
{
	struct file_run *runs;
	size_t n = 0;
	size_t i;

	runs = calloc(q->use_count, sizeof(*runs));
	if (runs == NULL) {
		return NULL;
	}
	for (i = 0; i < q->use_count; i++) {
		if (i == 0 || q->uses[i].file != q->uses[i - 1].file) {
			runs[n].file = q->files[q->uses[i].file];
			runs[n].start = i;
			n++;
		}
		runs[n - 1].end = i + 1;
	}
	qsort(runs, n, sizeof(*runs), compare_runs);
	*count = n;
	return runs;
}

/*
 * What a fetch found of an image, as a page's record keeps it; its bytes,
 * when it was read in full, are given to the report once (*embed: their
 * number there, 0 before they are given).
 */
static void
put_facts(struct ogc_image_facts *facts, const struct ogc_fetch *f,
	struct ogc_report *report, size_t *embed)
{
	facts->checked = f->state == OGC_FETCH_ANSWERED;
	facts->ok = facts->checked && f->status >= 200 && f->status < 300;
	facts->width = f->image_read ? f->image.width : 0;
	facts->height = f->image_read ? f->image.height : 0;
	facts->bytes = f->bytes;
	snprintf(facts->type, sizeof(facts->type), "%s",
		f->content_type != NULL ? f->content_type : "");
	if (f->body != NULL && *embed == 0) {
		*embed = ogc_report_add_image(report, f->body, f->body_len,
			ogc_image_media_type(f->image.format));
	}
	facts->embed = f->body != NULL ? *embed : 0;
}

/*
 * With options->page_meta: the record of a file with findings (read again
 * when the network stage gave it its first ones) gets what fetching its
 * image fields found.
 */
static bool
attach_facts(const struct ogc_net_queue *q, const struct file_run *run,
	const struct ogc_fetch *items, size_t *embeds, struct ogc_report *report,
	struct ogc_engine *engine, size_t first)
{
	struct ogc_page_meta *meta;
	const struct ogc_net_use *use;
	const char *written;
	size_t i;
	int f;
	int slot;

	if (!ogc_engine_page_meta(engine, report, run->file,
		ogc_report_shows_from(report, first), &meta)) {
		return false;
	}
	for (i = run->start; meta != NULL && i < run->end; i++) {
		use = &q->uses[i];
		written = use->value != NULL ? use->value : q->urls[use->url];
		for (f = 0; f < OGC_META_COUNT; f++) {
			slot = ogc_meta_image_slot((enum ogc_meta_field)f);
			if (slot >= 0 && meta->value[f] != NULL &&
				strcmp(meta->value[f], written) == 0) {
				put_facts(&meta->image[slot], &items[use->url],
					report, &embeds[use->url]);
			}
		}
	}
	return true;
}

/*
 * Judges every use of every URL by what fetching it found, file by file,
 * and finishes each file's network findings.
 */
static bool
judge_all(const struct ogc_net_queue *q, const struct ogc_fetch *items,
	struct ogc_report *report, const struct ogc_options *options,
	const struct ogc_ruleset *rules, struct ogc_engine *engine)
{
	const struct ogc_field_group *group;
	const struct ogc_net_use *use;
	struct ogc_finisher finisher = {options, NULL, NULL, NULL, 0};
	struct ogc_net_place at;
	struct ogc_ctx ctx;
	struct file_run *runs;
	size_t *embeds = NULL; /* each URL's image in the report, or 0 */
	size_t run_count = 0;
	size_t first;
	size_t r;
	size_t i;
	bool ok = true;

	runs = file_runs(q, &run_count);
	if (options->page_meta) {
		embeds = calloc(q->url_count, sizeof(*embeds));
	}
	if (runs == NULL || (options->page_meta && embeds == NULL)) {
		free(runs);
		return false;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.report = report;
	ctx.options = options;
	ctx.rules = ogc_ruleset_table(rules);
	finisher.too_many = ogc_ruleset_find(rules, "limit-diagnostics");
	ogc_report_sort_pages(report);
	for (r = 0; ok && r < run_count; r++) {
		first = ogc_report_count(report);
		ctx.file = runs[r].file;
		for (i = runs[r].start; i < runs[r].end; i++) {
			use = &q->uses[i];
			if (items[use->url].excluded) {
				continue;
			}
			group = use->group;
			ctx.expected = group->expected;
			at.field = use->field;
			at.value = use->value != NULL ? use->value :
				q->urls[use->url];
			at.pos = use->pos;
			at.end = use->end;
			at.declared = use->declared;
			group->rule->kind->judge(group, &ctx, &at,
				&items[use->url]);
		}
		ogc_file_finish(&finisher, report, runs[r].file, first, NULL,
			"network ");
		ok = !options->page_meta || attach_facts(q, &runs[r], items,
			embeds, report, engine, first);
	}
	free(embeds);
	free(runs);
	return ok;
}

bool
ogc_net_stage(struct ogc_net_queue *q, struct ogc_report *report,
	const struct ogc_options *options, const struct ogc_ruleset *rules,
	struct ogc_engine *engine, struct ogc_error *err)
{
	const struct ogc_rule_table *table;
	struct ogc_regex_set *excluded;
	struct ogc_fetch *items;
	bool ok;
	size_t i;

	if (q == NULL || q->use_count == 0) {
		ogc_net_queue_destroy(q);
		return true;
	}
	items = calloc(q->url_count, sizeof(*items));
	table = ogc_ruleset_table(rules);
	excluded = ogc_regex_set_create(options->exclude_urls,
		options->exclude_url_count, table->exclude_urls,
		table->exclude_url_count);
	if (items == NULL || excluded == NULL) {
		free(items);
		ogc_regex_set_destroy(excluded);
		ogc_net_queue_destroy(q);
		return ogc_error_nomem(err);
	}
	/* the fetches borrow the queue's URL strings, which it frees */
	for (i = 0; i < q->url_count; i++) {
		items[i].url = q->urls[i];
		items[i].want_image = q->want_image[i];
		items[i].want_body = q->want_image[i] && options->page_meta &&
			options->embed_images > 0;
		items[i].bytes = -1;
		items[i].excluded = ogc_regex_set_match(excluded, q->urls[i]);
	}
	ogc_regex_set_destroy(excluded);
	ok = fetch_all(items, q->url_count, options, report, err);
	if (ok && !judge_all(q, items, report, options, rules,
		engine)) {
		ok = ogc_error_nomem(err);
	}
	for (i = 0; i < q->url_count; i++) {
		items[i].url = NULL; /* still the queue's */
		ogc_fetch_clear(&items[i]);
	}
	free(items);
	ogc_net_queue_destroy(q);
	if (ok && ogc_report_failed(report)) {
		return ogc_error_nomem(err);
	}
	return ok;
}
