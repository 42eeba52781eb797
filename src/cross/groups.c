/* groups.c: the cross-page rules: duplicates, one share image, canonical targets. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cross/cross_parts.h"

/* How many other files a duplicate's message names. */
#define NAMED 3

struct run {
	struct ogc_xp_index *index;
	ogc_xp_limits_fn *limits; /* image-shared's, by the page's rules */
	struct ogc_xp_finding *found;
	size_t count;
	size_t cap;
	bool nomem;
	size_t *order; /* page numbers, sorted by what a rule groups by */
	bool *shadowed; /* built pages whose source page is in the index */
};

static void
add(struct run *r, size_t page, enum ogc_xp_field field, const char *rule,
	const char *fmt, ...) OGC_PRINTF(5, 6);

static void
add(struct run *r, size_t page, enum ogc_xp_field field, const char *rule,
	const char *fmt, ...)
{
	struct ogc_xp_finding *f;
	va_list ap;
	int n;

	if ((r->index->pages[page].flags & OGC_XP_CONTEXT) != 0) {
		return; /* read to compare with, not checked */
	}
	if (!ogc_array_reserve(&r->found, &r->cap, r->count + 1,
		sizeof(*r->found), 16)) {
		r->nomem = true;
		return;
	}
	f = &r->found[r->count];
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	f->message = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (f->message == NULL) {
		r->nomem = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(f->message, (size_t)n + 1, fmt, ap);
	va_end(ap);
	f->page = page;
	f->field = field;
	f->rule = rule;
	r->count++;
}

/* The names of the index being sorted (qsort() takes no argument). */
static _Thread_local const char *sort_names;

static int
compare_names(const void *a, const void *b)
{
	return strcmp(sort_names + ((const struct ogc_xp_page *)a)->name,
		sort_names + ((const struct ogc_xp_page *)b)->name);
}

/* Sorts the pages by file name, in place. */
static void
sort_by_name(struct ogc_xp_index *index)
{
	sort_names = index->names.data;
	if (index->count > 1) {
		qsort(index->pages, index->count, sizeof(*index->pages),
			compare_names);
	}
	sort_names = NULL;
	index->sorted = true;
}

/* What a rule groups pages by: up to three keys, then the page. */
struct keyed {
	uint64_t k[3];
	size_t i;
};

/* Adds page i to k[*n] under the keys a, b. */
static void
put_key(struct keyed *k, size_t *n, size_t i, uint64_t a, uint64_t b)
{
	k[*n].k[0] = a;
	k[*n].k[1] = b;
	k[*n].k[2] = 0;
	k[*n].i = i;
	(*n)++;
}

static int
compare_keyed(const void *a, const void *b)
{
	const struct keyed *x = a;
	const struct keyed *y = b;
	int j;

	for (j = 0; j < 3; j++) {
		if (x->k[j] != y->k[j]) {
			return x->k[j] < y->k[j] ? -1 : 1;
		}
	}
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * A page that takes part in groups: not a redirect stub, not page 2 of a
 * list, not a page whose canonical URL names another, and not a built
 * page whose source page is checked too (the same page, told once).
 */
static bool
grouped(const struct run *r, size_t i)
{
	const struct ogc_xp_page *p = &r->index->pages[i];

	return (p->flags & (OGC_XP_STUB | OGC_XP_PAGINATED |
		OGC_XP_ELSEWHERE)) == 0 && !r->shadowed[i];
}

/*
 * Of pages with the same key (their id, or with `by_url` their own URL),
 * when one is a page the run told about (none of the flags `told_not`),
 * marks those with flag `copy` as its copies, out of every rule.
 */
static void
shadow(struct run *r, struct keyed *k, bool by_url, unsigned told_not,
	unsigned copy)
{
	struct ogc_xp_index *ix = r->index;
	uint64_t key;
	size_t n = 0;
	size_t a;
	size_t b;
	size_t i;
	bool told;

	for (i = 0; i < ix->count; i++) {
		key = by_url ? ix->pages[i].url : ix->pages[i].id;
		if (key != 0) {
			put_key(k, &n, i, key, 0);
		}
	}
	qsort(k, n, sizeof(*k), compare_keyed);
	for (a = 0; a < n; a = b) {
		told = false;
		for (b = a; b < n && k[b].k[0] == k[a].k[0]; b++) {
			told = told || (ix->pages[k[b].i].flags & told_not) == 0;
		}
		for (i = a; told && i < b; i++) {
			r->shadowed[k[i].i] = r->shadowed[k[i].i] ||
				(ix->pages[k[i].i].flags & copy) != 0;
		}
	}
}

/*
 * The pages out of every rule: a page read as context that the run
 * checked too (the same site and path), and a built page whose source
 * page the run checks (the same URL): one page, told once.
 */
static void
find_shadowed(struct run *r, struct keyed *k)
{
	shadow(r, k, false, OGC_XP_CONTEXT, OGC_XP_CONTEXT);
	shadow(r, k, true, OGC_XP_BUILT | OGC_XP_CONTEXT, OGC_XP_BUILT);
}

/*
 * The name of page i as reports show file names (ogc_escape_name()), in
 * `out` (cut to fit, on a whole escape).
 */
static const char *
shown(const struct run *r, size_t i, char *out, size_t size)
{
	const char *name = ogc_xp_page_name(r->index, i);
	char *e = malloc(ogc_escape_name(name, NULL) + 1);

	if (e == NULL) {
		snprintf(out, size, "%s", "(a file)");
		return out;
	}
	e[ogc_escape_name(name, e)] = '\0';
	snprintf(out, size, "%s", e);
	free(e);
	return out;
}

/* "a.md, b.md, c.md and 4 more": the group [a, b) but page `self`. */
static void
others(const struct run *r, const struct keyed *k, size_t a, size_t b,
	size_t self, char *out, size_t size)
{
	char name[300];
	size_t named = 0;
	size_t len = 0;
	size_t i;

	out[0] = '\0';
	for (i = a; i < b && named < NAMED; i++) {
		if (k[i].i == self) {
			continue;
		}
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
			"%s%s", named > 0 ? ", " : "", shown(r, k[i].i, name,
			sizeof(name)));
		named++;
		if (len >= size) {
			return;
		}
	}
	if (b - a - 1 > named) {
		snprintf(out + len, size - len, " and %zu more", b - a - 1 - named);
	}
}

/*
 * title-duplicate and description-duplicate: pages of one site and
 * language with the same value of `field` (folded), each told once. An
 * og:title equal to the page's own title is the title's problem, not a
 * second one.
 */
static void
duplicates(struct run *r, struct keyed *k, const char *rule,
	enum ogc_xp_field field, enum ogc_xp_field plain, const char *what)
{
	const struct ogc_xp_page *p;
	char names[600];
	size_t n = 0;
	size_t a;
	size_t b;
	size_t i;

	for (i = 0; i < r->index->count; i++) {
		p = &r->index->pages[i];
		if (p->hash[field] == 0 || !grouped(r, i) ||
			(field != plain && p->hash[field] == p->hash[plain])) {
			continue;
		}
		put_key(k, &n, i, p->group, p->hash[field]);
	}
	qsort(k, n, sizeof(*k), compare_keyed);
	for (a = 0; a < n; a = b) {
		for (b = a; b < n && k[b].k[0] == k[a].k[0] &&
			k[b].k[1] == k[a].k[1]; b++) {
		}
		for (i = a; b - a > 1 && i < b; i++) {
			others(r, k, a, b, k[i].i, names, sizeof(names));
			add(r, k[i].i, field, rule, "the same %s is on %zu pages "
				"(also %s): search engines may show another text for "
				"such pages, and their link previews look alike", what,
				b - a, names);
		}
	}
}

/*
 * image-shared: one og:image on more than a share of a section's pages
 * (half) and on at least so many of them (10), the limits of the rules of
 * the first of them, is one finding, at that page.
 */
static void
shared_images(struct run *r, struct keyed *k)
{
	const struct ogc_xp_page *p;
	char name[300];
	size_t n = 0;
	double share;
	size_t least;
	size_t pages;
	size_t a;
	size_t b;
	size_t c;
	size_t i;

	for (i = 0; i < r->index->count; i++) {
		p = &r->index->pages[i];
		if (p->section == 0 || !grouped(r, i)) {
			continue;
		}
		/* k[1] 0 first: the section's pages without an image */
		put_key(k, &n, i, p->section, p->hash[OGC_XP_OG_IMAGE]);
	}
	qsort(k, n, sizeof(*k), compare_keyed);
	for (a = 0; a < n; a = c) {
		for (c = a; c < n && k[c].k[0] == k[a].k[0]; c++) {
		}
		pages = c - a;
		for (i = a; i < c; i = b) {
			for (b = i; b < c && k[b].k[1] == k[i].k[1]; b++) {
			}
			r->limits(r->index->pages[k[i].i].rules, &share, &least);
			if (k[i].k[1] == 0 || b - i < least ||
				(double)(b - i) <= share * (double)pages) {
				continue;
			}
			/* at the first of them, whichever pages the run checks
			   (shards together tell it once) */
			add(r, k[i].i, OGC_XP_OG_IMAGE, "image-shared", "the same "
				"og:image is on %zu of the %zu pages of this section "
				"(this one, %s and others): their link previews all "
				"look alike", b - i, pages, shown(r, k[i + 1].i, name,
				sizeof(name)));
		}
	}
}

/* The page whose own URL hashes to `url`, or SIZE_MAX. */
static size_t
page_at(const struct keyed *urls, size_t n, uint64_t url)
{
	size_t lo = 0;
	size_t hi = n;
	size_t mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (urls[mid].k[0] < url) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo < n && urls[lo].k[0] == url ? urls[lo].i : SIZE_MAX;
}

/*
 * canonical-target: in a built site checked whole, with its base URL,
 * the page a canonical URL (or, without one, og:url) names on the site
 * is a page of the build, not a redirect stub, not noindex, and its own
 * canonical.
 */
static int
compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a;
	uint64_t y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void
targets(struct run *r, struct keyed *k)
{
	const struct ogc_xp_index *ix = r->index;
	uint64_t *whole = malloc((ix->count + 1) * sizeof(*whole));
	size_t w = 0;
	const struct ogc_xp_page *p;
	const struct ogc_xp_page *t;
	const char *url;
	enum ogc_xp_field field;
	char name[300];
	size_t n = 0;
	size_t at;
	size_t i;

	if (whole == NULL) {
		r->nomem = true;
		return;
	}
	for (i = 0; i < ix->count; i++) {
		if (ix->pages[i].url != 0 &&
			(ix->pages[i].flags & OGC_XP_BUILT) != 0) {
			put_key(k, &n, i, ix->pages[i].url, 0);
		}
	}
	qsort(k, n, sizeof(*k), compare_keyed);
	/* the groups whose pages were read as context are read whole */
	for (i = 0; i < ix->count; i++) {
		if ((ix->pages[i].flags & OGC_XP_CONTEXT) != 0) {
			whole[w++] = ix->pages[i].group;
		}
	}
	qsort(whole, w, sizeof(*whole), compare_u64);
	for (i = 0; i < ix->count; i++) {
		p = &ix->pages[i];
		if (p->target == 0 || (p->flags & (OGC_XP_BUILT |
			OGC_XP_STUB)) != OGC_XP_BUILT || ((p->flags &
			OGC_XP_WHOLE) == 0 && bsearch(&p->group, whole, w,
			sizeof(*whole), compare_u64) == NULL)) {
			continue;
		}
		url = ix->names.data + p->target - 1;
		field = p->hash[OGC_XP_CANONICAL] != 0 ? OGC_XP_CANONICAL :
			OGC_XP_OG_URL;
		at = page_at(k, n, ogc_hash64(OGC_HASH64_START, url,
			strlen(url)));
		t = at != SIZE_MAX ? &ix->pages[at] : NULL;
		if (t == NULL) {
			add(r, i, field, "canonical-target", "%s names %s, which is "
				"no page of the build", ogc_xp_field_name(field,
				p->spelling[field]), url);
		} else if ((t->flags & OGC_XP_STUB) != 0) {
			add(r, i, field, "canonical-target", "%s names %s, which is "
				"a redirect stub (%s): name the page it sends readers "
				"to", ogc_xp_field_name(field, p->spelling[field]), url,
				shown(r, at, name, sizeof(name)));
		} else if ((t->flags & OGC_XP_NOINDEX) != 0) {
			add(r, i, field, "canonical-target", "%s names %s, which "
				"asks not to be indexed (robots noindex, %s)",
				ogc_xp_field_name(field, p->spelling[field]), url,
				shown(r, at, name, sizeof(name)));
		} else if (t->target != 0) {
			add(r, i, field, "canonical-target", "%s names %s, whose own "
				"canonical URL is %s (%s): name the final page",
				ogc_xp_field_name(field, p->spelling[field]), url,
				ix->names.data + t->target - 1, shown(r, at, name,
				sizeof(name)));
		}
	}
	free(whole);
}

/*
 * url-duplicate: pages of one site with the same og:url, when they are
 * not all canonical to that URL (an AMP copy and its page are).
 */
static void
same_og_url(struct run *r, struct keyed *k)
{
	const struct ogc_xp_page *p;
	char names[600];
	char name[300];
	size_t n = 0;
	size_t a;
	size_t b;
	size_t i;
	size_t owner;
	bool agreed;

	for (i = 0; i < r->index->count; i++) {
		p = &r->index->pages[i];
		if (p->hash[OGC_XP_OG_URL] == 0 || (p->flags & (OGC_XP_STUB |
			OGC_XP_PAGINATED)) != 0 || r->shadowed[i]) {
			continue;
		}
		put_key(k, &n, i, p->group, p->hash[OGC_XP_OG_URL]);
	}
	qsort(k, n, sizeof(*k), compare_keyed);
	for (a = 0; a < n; a = b) {
		agreed = true;
		owner = SIZE_MAX;
		for (b = a; b < n && k[b].k[0] == k[a].k[0] &&
			k[b].k[1] == k[a].k[1]; b++) {
			p = &r->index->pages[k[b].i];
			owner = p->url == p->hash[OGC_XP_OG_URL] ? k[b].i : owner;
			agreed = agreed && p->hash[OGC_XP_CANONICAL] != 0 &&
				p->hash[OGC_XP_CANONICAL] ==
				r->index->pages[k[a].i].hash[OGC_XP_CANONICAL];
		}
		for (i = a; b - a > 1 && !agreed && i < b; i++) {
			p = &r->index->pages[k[i].i];
			/* the page whose own URL it is is right; an og:url
			   that differs from the page's canonical URL is
			   url-canonical's finding */
			if (p->url == p->hash[OGC_XP_OG_URL] ||
				(p->hash[OGC_XP_CANONICAL] != 0 &&
				p->hash[OGC_XP_CANONICAL] != p->hash[OGC_XP_OG_URL])) {
				continue;
			}
			others(r, k, a, b, k[i].i, names, sizeof(names));
			add(r, k[i].i, OGC_XP_OG_URL, "url-duplicate", "the same "
				"og:url is on %zu pages (also %s)%s%s: a share of any "
				"of them shows and counts as that one URL", b - a, names,
				owner != SIZE_MAX ? "; it is the URL of " : "",
				owner != SIZE_MAX ? shown(r, owner, name, sizeof(name)) :
				"");
		}
	}
}

static int
compare_found(const void *a, const void *b)
{
	const struct ogc_xp_finding *x = a;
	const struct ogc_xp_finding *y = b;

	if (x->page != y->page) {
		return x->page < y->page ? -1 : 1;
	}
	return x->field != y->field ? (x->field < y->field ? -1 : 1) :
		strcmp(x->rule, y->rule);
}

bool
ogc_xp_run(struct ogc_xp_index *index, ogc_xp_limits_fn *limits,
	struct ogc_xp_finding **found, size_t *count)
{
	struct run r;
	struct keyed *k;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.index = index;
	r.limits = limits;
	*found = NULL;
	*count = 0;
	if (!index->sorted) {
		sort_by_name(index);
	}
	k = malloc((index->count + 1) * sizeof(*k));
	r.shadowed = calloc(index->count + 1, sizeof(*r.shadowed));
	if (k == NULL || r.shadowed == NULL) {
		free(k);
		free(r.shadowed);
		return false;
	}
	find_shadowed(&r, k);
	duplicates(&r, k, "title-duplicate", OGC_XP_TITLE, OGC_XP_TITLE,
		"title");
	duplicates(&r, k, "title-duplicate", OGC_XP_OG_TITLE, OGC_XP_TITLE,
		"og:title");
	duplicates(&r, k, "description-duplicate", OGC_XP_DESCRIPTION,
		OGC_XP_DESCRIPTION, "description");
	duplicates(&r, k, "description-duplicate", OGC_XP_OG_DESCRIPTION,
		OGC_XP_DESCRIPTION, "og:description");
	shared_images(&r, k);
	targets(&r, k);
	same_og_url(&r, k);
	free(k);
	free(r.shadowed);
	if (r.nomem) {
		for (i = 0; i < r.count; i++) {
			free(r.found[i].message);
		}
		free(r.found);
		return false;
	}
	if (r.count > 0) {
		qsort(r.found, r.count, sizeof(*r.found), compare_found);
	}
	*found = r.found;
	*count = r.count;
	return true;
}
