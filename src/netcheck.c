/* netcheck.c: the network stage: queued URLs, cache, fetch, findings. */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

/*
 * While files are checked, network rules queue the URLs they want checked
 * (ogc_ctx_queue_url()). Each distinct URL is kept once, in a hash set;
 * each use keeps only indices and positions, and consecutive uses in one
 * file share the file's name, so the queue costs a few dozen bytes a use.
 * After the last file, ogc_net_stage() fetches every distinct URL once and
 * judges every use by the result.
 */
struct use {
	uint32_t url;  /* index into urls */
	uint32_t file; /* index into files */
	const struct ogc_field_group *group;
	const char *field; /* borrowed from the rule */
	char *value;       /* owned: the URL as written, NULL when it is the
	                      normalised URL itself */
	struct ogc_pos pos;
	struct ogc_pos end;
	struct ogc_declared declared;
};

struct ogc_net_queue {
	struct use *uses;
	size_t use_count;
	size_t use_cap;
	char **urls; /* owned, distinct */
	bool *want_image;
	size_t url_count;
	size_t url_cap;
	uint32_t *slots; /* hash set: url index + 1, 0 when empty */
	size_t slot_count; /* a power of two, at least twice url_count */
	char **files; /* owned */
	size_t file_count;
	size_t file_cap;
};

static uint32_t
hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/* The slot holding url, or the empty slot where it belongs. */
static size_t
find_slot(const struct ogc_net_queue *q, const char *url)
{
	size_t mask = q->slot_count - 1;
	size_t i = hash(url) & mask;

	while (q->slots[i] != 0 && strcmp(q->urls[q->slots[i] - 1], url) != 0) {
		i = (i + 1) & mask;
	}
	return i;
}

static bool
grow_slots(struct ogc_net_queue *q)
{
	size_t count = q->slot_count != 0 ? q->slot_count * 2 : 256;
	uint32_t *old = q->slots;
	size_t i;

	q->slots = calloc(count, sizeof(*q->slots));
	if (q->slots == NULL) {
		q->slots = old;
		return false;
	}
	q->slot_count = count;
	for (i = 0; i < q->url_count; i++) {
		q->slots[find_slot(q, q->urls[i])] = (uint32_t)(i + 1);
	}
	free(old);
	return true;
}

/* Grows *items (of `size` bytes each) to hold one more; false on failure. */
static bool
reserve(void **items, size_t *cap, size_t count, size_t size)
{
	size_t new_cap;
	void *p;

	if (count < *cap) {
		return true;
	}
	new_cap = *cap != 0 ? *cap * 2 : 64;
	p = realloc(*items, new_cap * size);
	if (p == NULL) {
		return false;
	}
	*items = p;
	*cap = new_cap;
	return true;
}

/* The index of url in the set, added when new; -1 when out of memory. */
static long
intern_url(struct ogc_net_queue *q, const char *url, bool want_image)
{
	void *wants = q->want_image;
	size_t cap = q->url_cap;
	size_t slot;
	char *copy;

	if ((q->url_count + 1) * 2 > q->slot_count && !grow_slots(q)) {
		return -1;
	}
	slot = find_slot(q, url);
	if (q->slots[slot] != 0) {
		q->want_image[q->slots[slot] - 1] |= want_image;
		return (long)q->slots[slot] - 1;
	}
	if (q->url_count >= UINT32_MAX - 1 ||
		!reserve((void **)&q->urls, &q->url_cap, q->url_count,
		sizeof(*q->urls))) {
		return -1;
	}
	if (q->url_cap != cap) {
		wants = realloc(q->want_image, q->url_cap * sizeof(bool));
		if (wants == NULL) {
			return -1;
		}
		q->want_image = wants;
	}
	copy = strdup(url);
	if (copy == NULL) {
		return -1;
	}
	q->urls[q->url_count] = copy;
	q->want_image[q->url_count] = want_image;
	q->slots[slot] = (uint32_t)(q->url_count + 1);
	return (long)q->url_count++;
}

/* The index of the file's name: the last one again, or a new copy. */
static long
intern_file(struct ogc_net_queue *q, const char *file)
{
	if (q->file_count > 0 && strcmp(q->files[q->file_count - 1], file) == 0) {
		return (long)q->file_count - 1;
	}
	if (q->file_count >= UINT32_MAX ||
		!reserve((void **)&q->files, &q->file_cap, q->file_count,
		sizeof(*q->files))) {
		return -1;
	}
	q->files[q->file_count] = strdup(file);
	if (q->files[q->file_count] == NULL) {
		return -1;
	}
	return (long)q->file_count++;
}

static bool
add_use(struct ogc_net_queue *q, const char *url, bool want_image,
	const char *file, const struct ogc_field_group *group,
	const struct ogc_net_place *at)
{
	long u = intern_url(q, url, want_image);
	long f = u >= 0 ? intern_file(q, file) : -1;
	struct use *use;

	if (f < 0 || !reserve((void **)&q->uses, &q->use_cap, q->use_count,
		sizeof(*q->uses))) {
		return false;
	}
	use = &q->uses[q->use_count];
	memset(use, 0, sizeof(*use));
	if (at->value != NULL && strcmp(at->value, url) != 0) {
		use->value = strdup(at->value);
		if (use->value == NULL) {
			return false;
		}
	}
	use->url = (uint32_t)u;
	use->file = (uint32_t)f;
	use->group = group;
	use->field = at->field;
	use->pos = at->pos;
	use->end = at->end;
	use->declared = at->declared;
	q->use_count++;
	return true;
}

bool
ogc_net_queue_add(struct ogc_net_queue **queue, const char *url,
	bool want_image, const char *file, const void *group,
	const struct ogc_net_place *at)
{
	if (*queue == NULL) {
		*queue = calloc(1, sizeof(**queue));
		if (*queue == NULL) {
			return false;
		}
	}
	return add_use(*queue, url, want_image, file, group, at);
}

void
ogc_net_queue_destroy(struct ogc_net_queue *q)
{
	size_t i;

	if (q == NULL) {
		return;
	}
	for (i = 0; i < q->use_count; i++) {
		free(q->uses[i].value);
	}
	for (i = 0; i < q->url_count; i++) {
		free(q->urls[i]);
	}
	for (i = 0; i < q->file_count; i++) {
		free(q->files[i]);
	}
	free(q->uses);
	free(q->urls);
	free(q->want_image);
	free(q->slots);
	free(q->files);
	free(q);
}

bool
ogc_net_queue_merge(struct ogc_net_queue **dst, struct ogc_net_queue **src)
{
	struct ogc_net_queue *s = *src;
	struct ogc_net_place at;
	struct use *use;
	size_t i;

	if (s == NULL) {
		return true;
	}
	if (*dst == NULL) {
		*dst = s;
		*src = NULL;
		return true;
	}
	for (i = 0; i < s->use_count; i++) {
		use = &s->uses[i];
		at.field = use->field;
		at.value = use->value;
		at.pos = use->pos;
		at.end = use->end;
		at.declared = use->declared;
		if (!add_use(*dst, s->urls[use->url], s->want_image[use->url],
			s->files[use->file], use->group, &at)) {
			return false;
		}
	}
	ogc_net_queue_destroy(s);
	*src = NULL;
	return true;
}

/*
 * The stage
 */

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
		(hit->image_read || !want->want_image);
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
	const struct ogc_options *options, struct ogc_error *err)
{
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
		if (hit != NULL && cache_serves(hit, &items[i], options, now)) {
			take_cached(&items[i], hit);
			continue;
		}
		if (hit != NULL) {
			hit->checked = USED_UP; /* replaced by this run's answer */
		}
		to_fetch[fetch_count++] = &items[i];
	}
	if (!ogc_net_fetch(to_fetch, fetch_count, options, err)) {
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

/* Hands the findings [first, count) to file_done, one file at a time. */
static void
hand_over(struct ogc_report *report, const struct ogc_options *options,
	size_t first)
{
	size_t count = ogc_report_count(report);
	size_t start = first;
	size_t i;

	ogc_report_sort_from(report, first);
	if (options->baseline != NULL) {
		ogc_report_apply_baseline_from(report, options->baseline, first);
	}
	if (options->file_done == NULL) {
		return;
	}
	for (i = first + 1; i <= count; i++) {
		if (i == count || strcmp(ogc_report_get(report, i)->file,
			ogc_report_get(report, start)->file) != 0) {
			options->file_done(options->file_done_arg,
				ogc_report_get(report, start), i - start);
			start = i;
		}
	}
}

/* Ends a file's findings: those past OGC_MAX_DIAGS make one more. */
static void
end_file(struct ogc_ctx *ctx, size_t first)
{
	const struct ogc_rule *limit = ogc_ctx_limit(ctx, "limit-diagnostics");
	struct ogc_pos start = {1, 1};
	struct ogc_pos none = {0, 0};
	size_t dropped = ogc_report_cap_from(ctx->report, first);

	if (dropped > 0) {
		ctx->expected = NULL;
		ogc_ctx_emit_at(ctx, limit, start, none, NULL, NULL, "%zu more "
			"network findings in this file are not listed: at most "
			"%u are (limit diagnostics)", dropped, OGC_MAX_DIAGS);
	}
}

/*
 * Judges every use of every URL by what fetching it found. A file's uses
 * are next to each other in the queue, so its findings are capped as the
 * checker caps them.
 */
static void
judge_all(struct ogc_net_queue *q, const struct ogc_fetch *items,
	struct ogc_report *report, const struct ogc_options *options,
	const struct ogc_ruleset *rules)
{
	const struct ogc_field_group *group;
	struct ogc_net_place at;
	struct ogc_ctx ctx;
	struct use *use;
	size_t first = 0;
	size_t i;

	memset(&ctx, 0, sizeof(ctx));
	ctx.report = report;
	ctx.options = options;
	ctx.rules = rules;
	for (i = 0; i < q->use_count; i++) {
		use = &q->uses[i];
		group = use->group;
		if (i == 0 || use->file != q->uses[i - 1].file) {
			if (i > 0) {
				end_file(&ctx, first);
			}
			first = ogc_report_count(report);
		}
		ctx.file = q->files[use->file];
		ctx.expected = group->expected;
		at.field = use->field;
		at.value = use->value != NULL ? use->value : q->urls[use->url];
		at.pos = use->pos;
		at.end = use->end;
		at.declared = use->declared;
		group->rule->kind->judge(group, &ctx, &at, &items[use->url]);
	}
	if (q->use_count > 0) {
		end_file(&ctx, first);
	}
}

bool
ogc_net_stage(struct ogc_report *report, const struct ogc_options *options,
	const struct ogc_ruleset *rules, struct ogc_error *err)
{
	struct ogc_net_queue **queue = ogc_report_net_queue(report);
	struct ogc_net_queue *q = *queue;
	struct ogc_fetch *items;
	size_t first = ogc_report_count(report);
	bool ok;
	size_t i;

	if (q == NULL || q->use_count == 0) {
		return true;
	}
	items = calloc(q->url_count, sizeof(*items));
	if (items == NULL) {
		return ogc_error_nomem(err);
	}
	/* the fetches borrow the queue's URL strings, which it frees */
	for (i = 0; i < q->url_count; i++) {
		items[i].url = q->urls[i];
		items[i].want_image = q->want_image[i];
		items[i].bytes = -1;
	}
	ok = fetch_all(items, q->url_count, options, err);
	if (ok) {
		judge_all(q, items, report, options, rules);
		hand_over(report, options, first);
	}
	for (i = 0; i < q->url_count; i++) {
		items[i].url = NULL; /* still the queue's */
		ogc_fetch_clear(&items[i]);
	}
	free(items);
	ogc_net_queue_destroy(q);
	*queue = NULL;
	if (ok && ogc_report_failed(report)) {
		return ogc_error_nomem(err);
	}
	return ok;
}
