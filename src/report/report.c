/* report.c: the list of findings of a run: add, count, sort, cap. */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/util.h"

/* An image's bytes, kept for the html report's previews. */
struct image_bytes {
	unsigned char *data;
	size_t len;
	const char *type; /* static */
};

struct ogc_report {
	struct ogc_diag *diags; /* file, rule and field in `strings`; message,
	                           value and expected in one allocation each
	                           diag, starting at diag.message */
	size_t count;
	size_t cap;
	struct ogc_summary summary;
	bool failed;
	/* struct ogc_page_meta, one allocation each; [0, pages_sorted)
	   sorted by file */
	struct ogc_page_meta **pages;
	size_t page_count;
	size_t page_cap;
	size_t pages_sorted;
	const struct ogc_run_info *run; /* borrowed; may be NULL */
	struct ogc_strbuf clean; /* names of pages without findings, each
	                            ended by a NUL (escaped) */
	struct ogc_host_stats *hosts; /* each host string owned; sorted */
	size_t host_count;
	size_t host_cap;
	struct image_bytes *images; /* for the previews; each data owned */
	size_t image_count;
	size_t image_cap;
	size_t image_bytes;
	struct ogc_strtab strings; /* the diags' files, rules, fields */
	char *raw;            /* the file name last added, as given */
	size_t raw_cap;
	const char *escaped;  /* and as interned; NULL: none yet */
	char *name;           /* room to escape a file name in */
	size_t name_cap;
};

void
ogc_report_set_run(struct ogc_report *report,
	const struct ogc_run_info *info)
{
	report->run = info;
}

const struct ogc_run_info *
ogc_report_run(const struct ogc_report *report)
{
	return report->run;
}

struct ogc_report *
ogc_report_create(void)
{
	return calloc(1, sizeof(struct ogc_report));
}

void
ogc_report_destroy(struct ogc_report *report)
{
	size_t i;

	if (report == NULL) {
		return;
	}
	for (i = 0; i < report->count; i++) {
		free((char *)report->diags[i].message);
	}
	free(report->diags);
	ogc_strtab_free(&report->strings);
	free(report->raw);
	free(report->name);
	for (i = 0; i < report->page_count; i++) {
		free(report->pages[i]);
	}
	free(report->pages);
	ogc_strbuf_finish(&report->clean);
	for (i = 0; i < report->host_count; i++) {
		free((char *)report->hosts[i].host);
	}
	free(report->hosts);
	for (i = 0; i < report->image_count; i++) {
		free(report->images[i].data);
	}
	free(report->images);
	free(report);
}

size_t
ogc_report_host_count(const struct ogc_report *report)
{
	return report->host_count;
}

const struct ogc_host_stats *
ogc_report_host(const struct ogc_report *report, size_t index)
{
	return index < report->host_count ? &report->hosts[index] : NULL;
}

/* The most requests first, equal counts by host name. */
static int
compare_hosts(const void *a, const void *b)
{
	const struct ogc_host_stats *x = a;
	const struct ogc_host_stats *y = b;

	if (x->requests != y->requests) {
		return x->requests > y->requests ? -1 : 1;
	}
	return strcmp(x->host, y->host);
}

/* Adds the counts of `more` to those of `to`, the same host. */
static void
add_host(struct ogc_host_stats *to, const struct ogc_host_stats *more)
{
	to->requests += more->requests;
	to->failures += more->failures;
	to->timed_out += more->timed_out;
	to->not_found += more->not_found;
	to->refused += more->refused;
	to->tls += more->tls;
	to->down = to->down || more->down;
	to->ms += more->ms;
}

bool
ogc_report_add_hosts(struct ogc_report *report, struct ogc_host_stats *hosts,
	size_t count)
{
	bool ok = ogc_array_reserve(&report->hosts, &report->host_cap,
		report->host_count + count, sizeof(*report->hosts), 8);
	size_t i;
	size_t k;

	for (i = 0; i < count; i++) {
		for (k = 0; ok && k < report->host_count &&
			strcmp(report->hosts[k].host, hosts[i].host) != 0; k++) {
		}
		if (ok && k == report->host_count) {
			report->hosts[report->host_count++] = hosts[i];
			continue;
		}
		if (ok) {
			add_host(&report->hosts[k], &hosts[i]);
		}
		free((char *)hosts[i].host);
	}
	free(hosts);
	if (report->host_count > 1) {
		qsort(report->hosts, report->host_count, sizeof(*report->hosts),
			compare_hosts);
	}
	return ok;
}

static char *
put(char **at, const char *s, size_t len)
{
	char *start = *at;

	memcpy(start, s, len);
	start[len] = '\0';
	*at += len + 1;
	return start;
}

/* Puts s[0..len) with URL credentials masked; `out_len` it takes. */
static char *
put_redacted(char **at, const char *s, size_t len, size_t out_len)
{
	char *start = *at;

	ogc_redact_userinfo(s, len, start);
	start[out_len] = '\0';
	*at += out_len + 1;
	return start;
}

/* Adds `delta` (1 or -1) to the summary's count of `severity`. */
static void
count_severity(struct ogc_report *report, enum ogc_severity severity,
	int delta)
{
	switch (severity) {
	case OGC_SEV_ERROR:
		report->summary.errors += (size_t)(ptrdiff_t)delta;
		break;
	case OGC_SEV_WARNING:
		report->summary.warnings += (size_t)(ptrdiff_t)delta;
		break;
	case OGC_SEV_INFO:
		report->summary.infos += (size_t)(ptrdiff_t)delta;
		break;
	case OGC_SEV_OFF:
		break;
	}
}

bool
ogc_report_reserve(struct ogc_report *report, size_t more)
{
	struct ogc_diag *diags;

	if (more <= report->cap - report->count) {
		return true;
	}
	if (more > SIZE_MAX / sizeof(*diags) - report->count) {
		return false;
	}
	diags = realloc(report->diags, (report->count + more) *
		sizeof(*diags));
	if (diags == NULL) {
		return false;
	}
	report->diags = diags;
	report->cap = report->count + more;
	return true;
}

/*
 * The report's copy of file name `file` escaped, or NULL out of memory.
 * A file's findings mostly come together: the same name as the last one
 * is found without escaping it again.
 */
static const char *
intern_file(struct ogc_report *report, const char *file)
{
	size_t raw_len = strlen(file);
	size_t len;
	const char *name;

	if (report->escaped != NULL && strcmp(report->raw, file) == 0) {
		return report->escaped;
	}
	len = ogc_escape_name(file, NULL);
	if (!ogc_array_reserve(&report->name, &report->name_cap, len + 1, 1,
		256)) {
		return NULL;
	}
	ogc_escape_name(file, report->name);
	report->name[len] = '\0';
	name = ogc_strtab_intern(&report->strings, report->name, len);
	if (name == NULL) {
		return NULL;
	}
	report->escaped = NULL;
	if (ogc_array_reserve(&report->raw, &report->raw_cap, raw_len + 1, 1,
		256)) {
		memcpy(report->raw, file, raw_len + 1);
		report->escaped = name;
	}
	return name;
}

void
ogc_report_add(struct ogc_report *report, const struct ogc_diag *draft,
	size_t value_len)
{
	struct ogc_diag *d;
	const char *file;   /* the report's copies */
	const char *rule;
	const char *field = NULL;
	size_t message_in;  /* the draft's message, and as masked */
	size_t message_len;
	size_t value_out;   /* the value as masked */
	size_t expected_len;
	char *mem;
	char *at;

	if (!ogc_array_reserve(&report->diags, &report->cap,
		report->count + 1, sizeof(*report->diags), 64)) {
		report->failed = true;
		return;
	}
	/* what reports show: a file name escaped, no URL's password */
	file = intern_file(report, draft->file);
	rule = ogc_strtab_intern(&report->strings, draft->rule,
		strlen(draft->rule));
	if (draft->field != NULL) {
		field = ogc_strtab_intern(&report->strings, draft->field,
			strlen(draft->field));
	}
	message_in = strlen(draft->message);
	message_len = ogc_redact_userinfo(draft->message, message_in, NULL);
	expected_len = draft->expected != NULL ? strlen(draft->expected) : 0;
	value_out = 0;
	if (draft->value != NULL) {
		value_len = ogc_utf8_cut(draft->value, value_len, OGC_MAX_VALUE);
		value_out = ogc_redact_userinfo(draft->value, value_len, NULL);
	}
	/* three strings, each with its NUL */
	mem = file == NULL || rule == NULL || (field == NULL &&
		draft->field != NULL) ? NULL : malloc(message_len + value_out +
		expected_len + 3);
	if (mem == NULL) {
		report->failed = true;
		return;
	}
	at = mem;
	d = &report->diags[report->count++];
	*d = *draft;
	d->file = file;
	d->rule = rule;
	d->field = field;
	d->message = put_redacted(&at, draft->message, message_in, message_len);
	d->value = draft->value != NULL ? put_redacted(&at, draft->value,
		value_len, value_out) : NULL;
	d->expected = draft->expected != NULL ? put(&at, draft->expected,
		expected_len) : NULL;
	if (d->suppressed) {
		report->summary.suppressed++;
		return;
	}
	count_severity(report, d->severity, 1);
}

/* Takes back what adding d counted. */
static void
uncount(struct ogc_report *report, const struct ogc_diag *d)
{
	if (d->suppressed) {
		report->summary.suppressed--;
	} else if (d->baselined) {
		report->summary.baselined--;
	} else {
		count_severity(report, d->severity, -1);
	}
}

void
ogc_report_remove(struct ogc_report *report, size_t index)
{
	struct ogc_diag *d = &report->diags[index];

	uncount(report, d);
	free((char *)d->message);
	memmove(d, d + 1, (report->count - index - 1) * sizeof(*d));
	report->count--;
}

/* The length of a string of a diag, with its NUL; 0 for NULL. */
static size_t
stored(const char *s)
{
	return s != NULL ? strlen(s) + 1 : 0;
}

void
ogc_report_append_message(struct ogc_report *report, size_t index,
	const char *more)
{
	struct ogc_diag *d = &report->diags[index];
	size_t message = strlen(d->message);
	char *mem = malloc(message + strlen(more) + 1 + stored(d->value) +
		stored(d->expected));
	char *old = (char *)d->message;
	char *at = mem;

	if (mem == NULL) {
		report->failed = true;
		return;
	}
	/* the same three strings in a new block, the message longer */
	memcpy(at, d->message, message);
	d->message = at;
	at += message;
	put(&at, more, strlen(more));
	d->value = d->value != NULL ? put(&at, d->value, strlen(d->value)) :
		NULL;
	d->expected = d->expected != NULL ? put(&at, d->expected,
		strlen(d->expected)) : NULL;
	free(old);
}

/* a is before b in the file. */
static bool
before(const struct ogc_diag *a, const struct ogc_diag *b)
{
	return a->pos.line < b->pos.line || (a->pos.line == b->pos.line &&
		a->pos.column < b->pos.column);
}

/*
 * d and e are one problem: the same rule and text, other fields (an empty
 * value is each field's own problem).
 */
static bool
same_text(const struct ogc_diag *d, const struct ogc_diag *e)
{
	return d->value != NULL && e->value != NULL && d->value[0] != '\0' &&
		!d->suppressed &&
		!e->suppressed && d->field != NULL && e->field != NULL &&
		strcmp(d->rule, e->rule) == 0 && strcmp(d->value, e->value) == 0 &&
		strcmp(d->field, e->field) != 0;
}

void
ogc_report_merge_same_text(struct ogc_report *report, size_t from)
{
	struct ogc_strbuf names = {NULL, 0, 0, false};
	size_t keep;
	size_t i;
	size_t k;
	size_t n;

	for (i = from; i < report->count; i += keep == i) {
		/* the first in the file of those like it is kept (when it is
		   not the one at i, that one goes and i holds the next) */
		keep = i;
		for (k = i + 1; k < report->count; k++) {
			if (same_text(&report->diags[i], &report->diags[k]) &&
				before(&report->diags[k], &report->diags[keep])) {
				keep = k;
			}
		}
		n = 0;
		names.len = 0;
		for (k = from; k < report->count; ) {
			if (k == keep || !same_text(&report->diags[keep],
				&report->diags[k])) {
				k++;
				continue;
			}
			ogc_strbuf_addf(&names, "%s%s (line %u)", n == 0 ?
				"; the same text is in " : ", ", report->diags[k].field,
				report->diags[k].pos.line);
			n++;
			ogc_report_remove(report, k);
			if (k < keep) {
				keep--;
			}
		}
		if (n > 0 && !names.failed) {
			ogc_report_append_message(report, keep, names.data);
		}
		if (names.failed) {
			report->failed = true;
		}
	}
	ogc_strbuf_finish(&names);
}

bool
ogc_report_merge(struct ogc_report *dst, struct ogc_report *src)
{
	if (!ogc_array_reserve(&dst->diags, &dst->cap, dst->count + src->count,
		sizeof(*dst->diags), 64) || (src->page_count > 0 &&
		!ogc_array_reserve(&dst->pages, &dst->page_cap, dst->page_count +
		src->page_count, sizeof(*dst->pages), 16)) ||
		!ogc_strtab_reserve(&dst->strings, dst->strings.count +
		src->strings.count)) {
		return false;
	}
	/* the structs move; their blocks (at .message) with them, and the
	   chunks of the strings they share */
	if (src->count > 0) {
		memcpy(dst->diags + dst->count, src->diags,
			src->count * sizeof(*src->diags));
	}
	ogc_strtab_move(&dst->strings, &src->strings);
	src->escaped = NULL;
	if (src->page_count > 0) {
		memcpy(dst->pages + dst->page_count, src->pages,
			src->page_count * sizeof(*src->pages));
		dst->page_count += src->page_count;
		dst->pages_sorted = 0;
		src->page_count = 0;
	}
	if (src->clean.len > 0) {
		ogc_strbuf_add(&dst->clean, src->clean.data, src->clean.len);
		ogc_strbuf_finish(&src->clean);
		memset(&src->clean, 0, sizeof(src->clean));
	}
	dst->count += src->count;
	dst->summary.files += src->summary.files;
	dst->summary.errors += src->summary.errors;
	dst->summary.warnings += src->summary.warnings;
	dst->summary.infos += src->summary.infos;
	dst->summary.skipped += src->summary.skipped;
	dst->summary.suppressed += src->summary.suppressed;
	dst->summary.baselined += src->summary.baselined;
	dst->summary.baseline = dst->summary.baseline || src->summary.baseline;
	dst->failed = dst->failed || src->failed;
	src->count = 0;
	memset(&src->summary, 0, sizeof(src->summary));
	return true;
}

void
ogc_report_add_file(struct ogc_report *report)
{
	report->summary.files++;
}

void
ogc_report_drop_file(struct ogc_report *report)
{
	report->summary.files -= report->summary.files > 0;
}

size_t
ogc_report_cap_from(struct ogc_report *report, size_t first)
{
	struct ogc_diag *d;
	size_t listed = 0;
	size_t dropped = 0;
	size_t keep;
	size_t i;

	if (report->count - first <= OGC_MAX_DIAGS) {
		return 0;
	}
	ogc_report_sort_from(report, first);
	for (keep = first; keep < report->count; keep++) {
		if (!report->diags[keep].suppressed) {
			if (listed == OGC_MAX_DIAGS) {
				break;
			}
			listed++;
		}
	}
	for (i = keep; i < report->count; i++) {
		d = &report->diags[i];
		if (d->suppressed) {
			report->summary.suppressed--;
		} else {
			count_severity(report, d->severity, -1);
			dropped++;
		}
		free((char *)d->message);
	}
	report->count = keep;
	return dropped;
}

void
ogc_report_forget_from(struct ogc_report *report, size_t first)
{
	size_t i;

	for (i = first; i < report->count; i++) {
		ogc_diag_release(&report->diags[i]);
	}
	ogc_report_release_from(report, first);
	if (report->count == 0) {
		/* nothing points into the table now: a stream's names do not
		   pile up in it */
		ogc_strtab_clear(&report->strings);
		report->escaped = NULL;
	}
}

void
ogc_report_release_from(struct ogc_report *report, size_t first)
{
	report->count = first < report->count ? first : report->count;
}

void
ogc_diag_release(struct ogc_diag *d)
{
	/* the block of its own strings; file, rule and field are the
	   report's */
	free((char *)d->message);
	d->message = NULL;
	d->value = NULL;
	d->expected = NULL;
}

void
ogc_report_fail(struct ogc_report *report)
{
	report->failed = true;
}


void
ogc_report_add_skipped(struct ogc_report *report)
{
	report->summary.skipped++;
}

bool
ogc_report_failed(const struct ogc_report *report)
{
	return report->failed;
}

size_t
ogc_report_count(const struct ogc_report *report)
{
	return report->count;
}

const struct ogc_diag *
ogc_report_get(const struct ogc_report *report, size_t index)
{
	return index < report->count ? &report->diags[index] : NULL;
}

void
ogc_report_summary(const struct ogc_report *report, struct ogc_summary *out)
{
	*out = report->summary;
}

static int
compare_strings(const char *a, const char *b)
{
	if (a == NULL || b == NULL) {
		return (a != NULL) - (b != NULL);
	}
	return strcmp(a, b);
}

/* File, line, column, rule; the rest only makes the order total. */
static int
compare_diags(const void *pa, const void *pb)
{
	const struct ogc_diag *a = pa;
	const struct ogc_diag *b = pb;
	int c = strcmp(a->file, b->file);

	if (c != 0) {
		return c;
	}
	if (a->pos.line != b->pos.line) {
		return a->pos.line < b->pos.line ? -1 : 1;
	}
	if (a->pos.column != b->pos.column) {
		return a->pos.column < b->pos.column ? -1 : 1;
	}
	c = strcmp(a->rule, b->rule);
	if (c == 0) {
		c = compare_strings(a->field, b->field);
	}
	if (c == 0) {
		c = strcmp(a->message, b->message);
	}
	if (c == 0) {
		c = compare_strings(a->value, b->value);
	}
	return c;
}

void
ogc_report_sort_from(struct ogc_report *report, size_t from)
{
	if (report->count > from + 1) {
		qsort(report->diags + from, report->count - from,
			sizeof(*report->diags), compare_diags);
	}
}

/*
 * Sorts the report. Each file's findings are sorted as it finishes and
 * files come in the walk's order, so the list is a few sorted runs (one
 * a worker, then the findings about pages together and the network's):
 * they are merged, pair by pair, a pass over the list for every halving
 * of their number, where sorting it all again compared each finding with
 * some 17 others (ogc_merge_runs()). A merge sets aside only the shorter
 * of its two runs: the findings about pages together after one worker's
 * took a copy of the whole list (1.2 MB on the 20,000-file benchmark),
 * now of theirs. Many runs (or no memory for the merge) sort the whole.
 */
void
ogc_report_sort(struct ogc_report *report)
{
	if (!ogc_merge_runs(report->diags, report->count,
		sizeof(*report->diags), compare_diags)) {
		qsort(report->diags, report->count, sizeof(*report->diags),
			compare_diags);
	}
	ogc_report_sort_pages(report);
}

/* pages: the records previews are drawn from */

int
ogc_meta_image_slot(enum ogc_meta_field field)
{
	switch (field) {
	case OGC_META_OG_IMAGE:
		return 0;
	case OGC_META_OG_IMAGE_SECURE:
		return 1;
	case OGC_META_OG_IMAGE_URL:
		return 2;
	case OGC_META_TW_IMAGE:
		return 3;
	default:
		return -1;
	}
}

struct ogc_page_meta *
ogc_page_meta_create(const char *file, const struct ogc_page_draft *draft)
{
	struct ogc_page_meta *m;
	size_t len[OGC_META_COUNT];
	size_t file_len = ogc_escape_name(file, NULL);
	size_t size = sizeof(*m) + file_len + 1;
	char *at;
	size_t i;

	for (i = 0; i < OGC_META_COUNT; i++) {
		len[i] = 0;
		if (draft->value[i] == NULL) {
			continue;
		}
		len[i] = ogc_utf8_cut(draft->value[i], draft->len[i],
			OGC_META_MAX);
		size += len[i] + 1 + strlen(draft->tag[i]) + 1;
	}
	m = calloc(1, size);
	if (m == NULL) {
		return NULL;
	}
	at = (char *)(m + 1);
	/* named as the findings are, escaped */
	ogc_escape_name(file, at);
	at[file_len] = '\0';
	m->file = at;
	at += file_len + 1;
	m->source = draft->source;
	for (i = 0; i < OGC_META_COUNT; i++) {
		if (draft->value[i] != NULL) {
			m->value[i] = put(&at, draft->value[i], len[i]);
			m->tag[i] = put(&at, draft->tag[i], strlen(draft->tag[i]));
		}
	}
	for (i = 0; i < OGC_META_IMAGES; i++) {
		m->image[i].bytes = -1;
	}
	return m;
}

void
ogc_report_add_page(struct ogc_report *report, struct ogc_page_meta *meta)
{
	if (!ogc_array_reserve(&report->pages, &report->page_cap,
		report->page_count + 1, sizeof(*report->pages), 16)) {
		free(meta);
		report->failed = true;
		return;
	}
	report->pages[report->page_count++] = meta;
}

static int
compare_pages(const void *a, const void *b)
{
	return strcmp((*(struct ogc_page_meta *const *)a)->file,
		(*(struct ogc_page_meta *const *)b)->file);
}

void
ogc_report_sort_pages(struct ogc_report *report)
{
	if (report->page_count > 1) {
		qsort(report->pages, report->page_count, sizeof(*report->pages),
			compare_pages);
	}
	report->pages_sorted = report->page_count;
}

struct ogc_page_meta *
ogc_report_find_page(const struct ogc_report *report, const char *file)
{
	struct ogc_page_meta key;
	struct ogc_page_meta *k = &key;
	struct ogc_page_meta **hit;
	size_t i;

	key.file = file;
	hit = report->pages_sorted == 0 ? NULL : bsearch(&k, report->pages,
		report->pages_sorted, sizeof(*report->pages), compare_pages);
	if (hit != NULL) {
		return *hit;
	}
	/* records added since the sort: few (pages read again) */
	for (i = report->pages_sorted; i < report->page_count; i++) {
		if (strcmp(report->pages[i]->file, file) == 0) {
			return report->pages[i];
		}
	}
	return NULL;
}

const struct ogc_page_meta *
ogc_report_page(const struct ogc_report *report, size_t index)
{
	return index < report->page_count ? report->pages[index] : NULL;
}

void
ogc_report_add_clean(struct ogc_report *report, const char *file)
{
	size_t len = ogc_escape_name(file, NULL);
	char *name = malloc(len + 1);

	if (name == NULL) {
		report->failed = true;
		return;
	}
	ogc_escape_name(file, name);
	name[len] = '\0';
	ogc_strbuf_add(&report->clean, name, len + 1);
	free(name);
	report->failed = report->failed || report->clean.failed;
}

const char *
ogc_report_clean(const struct ogc_report *report, size_t *len)
{
	*len = report->clean.len;
	return report->clean.data;
}

bool
ogc_report_shows_from(const struct ogc_report *report, size_t first)
{
	size_t i;

	for (i = first; i < report->count; i++) {
		if (ogc_diag_shown(&report->diags[i])) {
			return true;
		}
	}
	return false;
}

/*
 * FNV-1a over a string and a 0xff separator, so that ("ab", "c") and
 * ("a", "bc") differ; NULL hashes as "".
 */
static uint64_t
fnv1a(uint64_t h, const char *s)
{
	if (s != NULL) {
		h = ogc_hash64(h, s, strlen(s));
	}
	return ogc_hash64(h, "\xff", 1);
}

void
ogc_diag_fingerprint(const struct ogc_diag *d, char out[17])
{
	uint64_t h = OGC_HASH64_START;
	const char *file = d->file;

	/* "./content/a.md" and "content/a.md" are the same file */
	while (strncmp(file, "./", 2) == 0) {
		file += 2;
	}
	h = fnv1a(h, file);
	h = fnv1a(h, d->rule);
	h = fnv1a(h, d->field);
	/* a finding about pages together is about its page's field: its
	   message names the group, which others change */
	h = fnv1a(h, d->value != NULL ? d->value : d->grouped ? NULL :
		d->message);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static int
compare_entries(const void *a, const void *b)
{
	return strcmp(((const struct ogc_baseline_entry *)a)->fingerprint,
		((const struct ogc_baseline_entry *)b)->fingerprint);
}

void
ogc_baseline_destroy(struct ogc_baseline *baseline)
{
	if (baseline == NULL) {
		return;
	}
	free(baseline->entries);
	free(baseline);
}

bool
ogc_diag_shown(const struct ogc_diag *d)
{
	return !d->suppressed && !d->baselined;
}

void
ogc_report_apply_baseline_from(struct ogc_report *report,
	struct ogc_baseline *baseline, size_t from)
{
	struct ogc_baseline_entry key;
	struct ogc_baseline_entry *e;
	struct ogc_diag *d;
	size_t i;

	report->summary.baseline = true;
	for (i = from; i < report->count; i++) {
		d = &report->diags[i];
		if (d->suppressed || d->baselined) {
			continue;
		}
		ogc_diag_fingerprint(d, key.fingerprint);
		e = baseline->count == 0 ? NULL : bsearch(&key,
			baseline->entries, baseline->count,
			sizeof(*baseline->entries), compare_entries);
		if (e == NULL || e->count == 0) {
			continue;
		}
		e->count--;
		d->baselined = true;
		report->summary.baselined++;
		count_severity(report, d->severity, -1);
	}
}

void
ogc_report_apply_baseline(struct ogc_report *report,
	struct ogc_baseline *baseline)
{
	ogc_report_apply_baseline_from(report, baseline, 0);
}

/* Sorts a loaded baseline's entries for bsearch; merges repeats. */
void
ogc_baseline_sort(struct ogc_baseline *baseline)
{
	size_t kept = 0;
	size_t i;

	if (baseline->count == 0) {
		return;
	}
	qsort(baseline->entries, baseline->count, sizeof(*baseline->entries),
		compare_entries);
	for (i = 1; i < baseline->count; i++) {
		if (strcmp(baseline->entries[i].fingerprint,
			baseline->entries[kept].fingerprint) == 0) {
			baseline->entries[kept].count += baseline->entries[i].count;
		} else {
			baseline->entries[++kept] = baseline->entries[i];
		}
	}
	baseline->count = kept + 1;
}

size_t
ogc_report_add_image(struct ogc_report *report, const unsigned char *data,
	size_t len, const char *type)
{
	struct image_bytes *im;

	if (len == 0 || len > OGC_EMBED_IMAGES_MAX - report->image_bytes ||
		!ogc_array_reserve(&report->images, &report->image_cap,
		report->image_count + 1, sizeof(*report->images), 8)) {
		return 0;
	}
	im = &report->images[report->image_count];
	im->data = malloc(len);
	if (im->data == NULL) {
		return 0;
	}
	memcpy(im->data, data, len);
	im->len = len;
	im->type = type;
	report->image_bytes += len;
	return ++report->image_count;
}

const unsigned char *
ogc_report_image(const struct ogc_report *report, size_t id, size_t *len,
	const char **type)
{
	if (id == 0 || id > report->image_count) {
		return NULL;
	}
	*len = report->images[id - 1].len;
	*type = report->images[id - 1].type;
	return report->images[id - 1].data;
}

size_t
ogc_report_image_count(const struct ogc_report *report, size_t *bytes)
{
	*bytes = report->image_bytes;
	return report->image_count;
}
