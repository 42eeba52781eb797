/* groups.c: the cross-page rules: duplicates, one share image, canonical targets. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "cross/cross_parts.h"

struct run {
	struct ogc_xp_index *index;
	ogc_xp_limits_fn *limits; /* image-shared's, by the page's rules */
	struct ogc_xp_finding *found;
	size_t count;
	size_t cap;
	/* the findings before found[0], FOUND_SPOOL at a time (until a put
	   fails: spool_off): spooled of them */
	struct ogc_xp_spool *spool;
	size_t spooled;
	bool spool_off;
	bool nomem;
	bool *shadowed; /* pages out of every rule; NULL: none (a run
	                   without built pages or pages read as context) */
	/* what some page has (survey()): the rules no page could take part
	   in read no page */
	unsigned flags;   /* the flags of any page */
	unsigned fields;  /* 1 << f: a page with field f's hash */
	bool targets;     /* a built page, not a stub, naming a target */
};

/*
 * Page i of the index, read into *buf, its values as their short forms
 * (from memory): what the rules group pages by, and whether a page has a
 * value. Values are compared only as full() gives them.
 */
static const struct ogc_xp_page *
get(const struct ogc_xp_index *ix, size_t i, struct ogc_xp_page *buf)
{
	ogc_xp_page_short(ix, i, buf);
	return buf;
}

/* Page i with its full values (read from the names' file). */
static const struct ogc_xp_page *
full(const struct ogc_xp_index *ix, size_t i, struct ogc_xp_page *buf)
{
	ogc_xp_page(ix, i, buf);
	return buf;
}

/*
 * The findings are put in a spool FOUND_SPOOL at a time (10 KB), not
 * kept in an array that grows while the rules run: 3,930 on the
 * benchmark were 160 KB held with the index and the rules' keys, the
 * stage's peak; they are read back once those keys are freed.
 */
#define FOUND_SPOOL 256

/*
 * A finding of `kind` at page `page`, for the caller to fill in what its
 * message names; NULL for a page read only to compare with, or when out
 * of memory.
 */
static struct ogc_xp_finding *
add(struct run *r, size_t page, enum ogc_xp_field field, const char *rule,
	unsigned kind)
{
	struct ogc_xp_finding *f;
	struct ogc_xp_page p;

	if ((get(r->index, page, &p)->flags & OGC_XP_CONTEXT) != 0) {
		return NULL; /* read to compare with, not checked */
	}
	if (r->count == FOUND_SPOOL && r->spool != NULL && !r->spool_off) {
		if (ogc_xp_spool_put(r->spool, "", r->found,
			r->count * sizeof(*r->found))) {
			r->spooled += r->count;
			r->count = 0;
		} else {
			r->spool_off = true; /* kept in memory from now on */
		}
	}
	if (!ogc_array_reserve(&r->found, &r->cap, r->count + 1,
		sizeof(*r->found), 16)) {
		r->nomem = true;
		return NULL;
	}
	f = &r->found[r->count++];
	memset(f, 0, sizeof(*f));
	f->page = (uint32_t)page;
	f->field = (uint8_t)field;
	f->rule = rule;
	f->kind = (uint8_t)kind;
	f->owner = UINT32_MAX;
	return f;
}

/*
 * What a rule groups pages by: the key of a page, a group or section (a
 * number of the index's keys, or 0) and a hash (its short form), mixed
 * into 32 bits, then the page: 8 bytes a page (the key itself took 12).
 * The pages of one key have one mix; the rare pages of other keys with
 * the same mix are told apart by their full keys (sort_groups(),
 * group_end(): key_of()), read only for pages whose mix is another's.
 */
struct keyed {
	uint32_t h;
	uint32_t i;
};

/* Whom a key groups pages by. */
enum {
	BY_NONE,
	BY_GROUP,
	BY_SECTION
};

/* The values of a key beside the fields' hashes (key.value). */
enum {
	KEY_URL = OGC_XP_FIELDS,
	KEY_ID
};

/*
 * A key of pages: a group or section, or none, and a field's hash or
 * the page's URL or id.
 */
struct key {
	int by;
	int value;
};

/*
 * Page i's key: *g its group or section (0 for none), *v its value (in
 * full).
 */
static void
key_of(const struct ogc_xp_index *ix, const struct key *key, size_t i,
	uint32_t *g, uint64_t *v)
{
	struct ogc_xp_page p;

	full(ix, i, &p);
	*g = key->by == BY_GROUP ? p.group : key->by == BY_SECTION ?
		p.section : 0;
	*v = key->value == KEY_URL ? p.url : key->value == KEY_ID ? p.id :
		p.hash[key->value];
}

/* The 32-bit mix of the key g, v (less the bits a test collides). */
static uint32_t
mix(const struct ogc_xp_index *ix, uint32_t g, uint64_t v)
{
	uint64_t x = (v ^ (uint64_t)g * 0x9e3779b97f4a7c15ull) *
		0xbf58476d1ce4e5b9ull;

	return (uint32_t)(x >> 32) & ~ix->collide;
}

/* Adds page i to k[*n] under the key g, v. */
static void
put_key(const struct ogc_xp_index *ix, struct keyed *k, size_t *n,
	size_t i, uint32_t g, uint64_t v)
{
	k[*n].h = mix(ix, g, v);
	k[*n].i = (uint32_t)i;
	(*n)++;
}

/* x before y: by mix, then page (each item is unique). */
static inline bool
keyed_less(const struct keyed *x, const struct keyed *y)
{
	if (x->h != y->h) {
		return x->h < y->h;
	}
	return x->i < y->i;
}

/* Moves k[at] down the heap of n items until its children are less. */
static void
sift_keyed(struct keyed *k, size_t at, size_t n)
{
	struct keyed t = k[at];
	size_t child;

	while ((child = 2 * at + 1) < n) {
		if (child + 1 < n && keyed_less(&k[child], &k[child + 1])) {
			child++;
		}
		if (!keyed_less(&t, &k[child])) {
			break;
		}
		k[at] = k[child];
		at = child;
	}
	k[at] = t;
}

/* Sorts k[0, n) in place by heapsort: O(n log n) whatever the input. */
static void
heap_keyed(struct keyed *k, size_t n)
{
	struct keyed t;
	size_t i;

	for (i = n / 2; i-- > 0;) {
		sift_keyed(k, i, n);
	}
	for (i = n; i-- > 1;) {
		t = k[0];
		k[0] = k[i];
		k[i] = t;
		sift_keyed(k, 0, i);
	}
}

static void
swap_keyed(struct keyed *a, struct keyed *b)
{
	struct keyed t = *a;

	*a = *b;
	*b = t;
}

/*
 * Sorts k[0, n) in place: quicksort (the median of three as the pivot,
 * the smaller side first, the larger in the loop, so the stack stays
 * shallow), insertion sort for short runs, heapsort once `depth` runs
 * out so that no input is quadratic. Heapsort alone compared about twice
 * as often and jumped about memory; the rules sort every page seven times.
 */
static void
intro_keyed(struct keyed *k, size_t n, unsigned depth)
{
	struct keyed pivot;
	struct keyed t;
	size_t i;
	size_t j;
	size_t m;

	while (n > 16) {
		if (depth-- == 0) {
			heap_keyed(k, n);
			return;
		}
		m = n / 2;
		if (keyed_less(&k[m], &k[0])) {
			swap_keyed(&k[m], &k[0]);
		}
		if (keyed_less(&k[n - 1], &k[m])) {
			swap_keyed(&k[n - 1], &k[m]);
			if (keyed_less(&k[m], &k[0])) {
				swap_keyed(&k[m], &k[0]);
			}
		}
		pivot = k[m];
		/* Hoare's partition: k[0, j] <= pivot <= k[j + 1, n) */
		i = 0;
		j = n - 1;
		for (;;) {
			while (keyed_less(&k[i], &pivot)) {
				i++;
			}
			while (keyed_less(&pivot, &k[j])) {
				j--;
			}
			if (i >= j) {
				break;
			}
			swap_keyed(&k[i], &k[j]);
			i++;
			j--;
		}
		if (j + 1 < n - j - 1) {
			intro_keyed(k, j + 1, depth);
			k += j + 1;
			n -= j + 1;
		} else {
			intro_keyed(k + j + 1, n - j - 1, depth);
			n = j + 1;
		}
	}
	for (i = 1; i < n; i++) {
		t = k[i];
		for (j = i; j > 0 && keyed_less(&t, &k[j - 1]); j--) {
			k[j] = k[j - 1];
		}
		k[j] = t;
	}
}

/* intro_keyed() of k[0, n), with its depth for n. */
static void
intro_sort_keyed(struct keyed *k, size_t n)
{
	unsigned depth = 0;
	size_t i;

	for (i = n; i > 1; i >>= 1) {
		depth += 2;
	}
	intro_keyed(k, n, depth);
}

/* The pages under which radix_keyed() sorts by comparing alone. */
#define RADIX_LEAST 4096

/*
 * Sorts k[0, n) in place: the items moved to the bucket of their mix's
 * top byte (an American flag sort: counted, then each put in its place,
 * the item there taken on in turn), then each bucket sorted by mix and
 * page. Mixes are spread evenly: a bucket of the 20,000 pages of the
 * benchmark has about 80, and a page is compared about 6 times, not 14.
 */
static void
radix_keyed(struct keyed *k, size_t n)
{
	size_t count[256] = {0};
	size_t start[256];
	size_t next[256];
	struct keyed t;
	struct keyed u;
	size_t at = 0;
	size_t end;
	unsigned b;
	unsigned d;
	size_t i;

	for (i = 0; i < n; i++) {
		count[k[i].h >> 24]++;
	}
	for (b = 0; b < 256; b++) {
		start[b] = next[b] = at;
		at += count[b];
	}
	for (b = 0; b < 256; b++) {
		end = start[b] + count[b];
		while (next[b] < end) {
			t = k[next[b]];
			for (d = t.h >> 24; d != b; d = t.h >> 24) {
				u = k[next[d]];
				k[next[d]++] = t;
				t = u;
			}
			k[next[b]++] = t;
		}
	}
	for (b = 0; b < 256; b++) {
		intro_sort_keyed(k + start[b], count[b]);
	}
}

/* Sorts k[0, n) in place (nothing to do when it is sorted already). */
static void
sort_keyed(struct keyed *k, size_t n)
{
	size_t i;

	for (i = 1; i < n && keyed_less(&k[i - 1], &k[i]); i++) {
	}
	if (i >= n) {
		return;
	}
	if (n < RADIX_LEAST) {
		intro_sort_keyed(k, n);
	} else {
		radix_keyed(k, n);
	}
}

/* What sort_groups() sorts by (ogc_xp_sort() takes no argument). */
static _Thread_local const struct ogc_xp_index *group_index;
static _Thread_local const struct key *group_key;

/* By key, then page. */
static int
compare_keys(const void *a, const void *b)
{
	const struct keyed *x = a;
	const struct keyed *y = b;
	uint32_t g;
	uint32_t h;
	uint64_t v;
	uint64_t w;

	key_of(group_index, group_key, x->i, &g, &v);
	key_of(group_index, group_key, y->i, &h, &w);
	if (g != h) {
		return g < h ? -1 : 1;
	}
	if (v != w) {
		return v < w ? -1 : 1;
	}
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * Sorts k[0, n) by mix, then page; a run of one mix whose pages have
 * more than one key (two keys mixed alike) is sorted by key, then page:
 * the pages of each key come together, in their order.
 */
static void
sort_groups(const struct run *r, struct keyed *k, size_t n,
	const struct key *key)
{
	uint32_t g;
	uint32_t h;
	uint64_t v;
	uint64_t w;
	size_t a;
	size_t b;
	bool one;

	sort_keyed(k, n);
	for (a = 0; a < n; a = b) {
		b = a + 1;
		if (b >= n || k[b].h != k[a].h) {
			continue; /* the one page of its mix */
		}
		one = true;
		key_of(r->index, key, k[a].i, &g, &v);
		for (; b < n && k[b].h == k[a].h; b++) {
			key_of(r->index, key, k[b].i, &h, &w);
			one = one && h == g && w == v;
		}
		if (!one) {
			group_index = r->index;
			group_key = key;
			ogc_xp_sort(k + a, b - a, sizeof(*k), compare_keys);
			group_index = NULL;
			group_key = NULL;
		}
	}
}

/* The end of the pages of one key that start at k[a] (sort_groups()). */
static size_t
group_end(const struct run *r, const struct keyed *k, size_t a, size_t n,
	const struct key *key)
{
	uint32_t g;
	uint32_t h;
	uint64_t v;
	uint64_t w;
	size_t b = a + 1;

	if (b >= n || k[b].h != k[a].h) {
		return b;
	}
	key_of(r->index, key, k[a].i, &g, &v);
	for (; b < n && k[b].h == k[a].h; b++) {
		key_of(r->index, key, k[b].i, &h, &w);
		if (h != g || w != v) {
			break;
		}
	}
	return b;
}

/*
 * Page i (p, as read) takes part in groups: not a redirect stub, not
 * page 2 of a list, not a page whose canonical URL names another, and not
 * a built page whose source page is checked too (the same page, told
 * once).
 */
static bool
grouped(const struct run *r, size_t i, const struct ogc_xp_page *p)
{
	return (p->flags & (OGC_XP_STUB | OGC_XP_PAGINATED |
		OGC_XP_ELSEWHERE)) == 0 &&
		(r->shadowed == NULL || !r->shadowed[i]);
}

/* Reads every page once for what survey() notes in r. */
static void
survey(struct run *r)
{
	uint8_t flags;
	size_t i;

	for (i = 0; i < r->index->count; i++) {
		r->fields |= ogc_xp_page_fields(r->index, i, &flags);
		r->flags |= flags;
		r->targets = r->targets || (flags & (OGC_XP_TARGET |
			OGC_XP_BUILT | OGC_XP_STUB)) == (OGC_XP_TARGET | OGC_XP_BUILT);
	}
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
	const struct key key = {BY_NONE, by_url ? KEY_URL : KEY_ID};
	struct ogc_xp_page p;
	uint64_t v;
	size_t n = 0;
	size_t a;
	size_t b;
	size_t i;
	bool told;

	for (i = 0; i < ix->count; i++) {
		get(ix, i, &p);
		v = by_url ? p.url : p.id;
		if (v != 0) {
			put_key(ix, k, &n, i, 0, v);
		}
	}
	sort_groups(r, k, n, &key);
	for (a = 0; a < n; a = b) {
		told = false;
		b = group_end(r, k, a, n, &key);
		for (i = a; i < b; i++) {
			told = told || (get(ix, k[i].i, &p)->flags & told_not) == 0;
		}
		for (i = a; told && i < b; i++) {
			r->shadowed[k[i].i] = r->shadowed[k[i].i] ||
				(get(ix, k[i].i, &p)->flags & copy) != 0;
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
	if ((r->flags & (OGC_XP_CONTEXT | OGC_XP_BUILT)) == 0) {
		return;
	}
	r->shadowed = calloc(r->index->count + 1, sizeof(*r->shadowed));
	if (r->shadowed == NULL) {
		r->nomem = true;
		return;
	}
	/* each marks only pages of its flag `copy` */
	if ((r->flags & OGC_XP_CONTEXT) != 0) {
		shadow(r, k, false, OGC_XP_CONTEXT, OGC_XP_CONTEXT);
	}
	if ((r->flags & OGC_XP_BUILT) != 0) {
		shadow(r, k, true, OGC_XP_BUILT | OGC_XP_CONTEXT, OGC_XP_BUILT);
	}
}

/* Names the group [a, b) but page `self` in f (others()), of b - a. */
static void
name_others(struct ogc_xp_finding *f, const struct keyed *k, size_t a,
	size_t b, size_t self)
{
	size_t i;

	f->count = (uint32_t)(b - a);
	for (i = a; i < b && f->named < OGC_XP_NAMED; i++) {
		if (k[i].i != self) {
			f->other[f->named++] = k[i].i;
		}
	}
}

/*
 * title-duplicate and description-duplicate: pages of one site and
 * language with the same value of `field` (folded), each told once. An
 * og:title equal to the page's own title is the title's problem, not a
 * second one: the index keeps none (index.c, put_page()).
 */
static void
duplicates(struct run *r, struct keyed *k, const char *rule,
	enum ogc_xp_field field)
{
	const struct key key = {BY_GROUP, (int)field};
	struct ogc_xp_page buf;
	const struct ogc_xp_page *p;
	struct ogc_xp_finding *f;
	size_t n = 0;
	size_t a;
	size_t b;
	size_t i;

	if ((r->fields & 1u << field) == 0) {
		return;
	}
	for (i = 0; i < r->index->count; i++) {
		ogc_xp_page_one(r->index, i, field, &buf);
		p = &buf;
		if (p->hash[field] == 0 || !grouped(r, i, p)) {
			continue;
		}
		put_key(r->index, k, &n, i, p->group, p->hash[field]);
	}
	sort_groups(r, k, n, &key);
	for (a = 0; a < n; a = b) {
		b = group_end(r, k, a, n, &key);
		for (i = a; b - a > 1 && i < b; i++) {
			if ((f = add(r, k[i].i, field, rule, OGC_XP_SAME_TEXT)) != NULL) {
				name_others(f, k, a, b, k[i].i);
			}
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
	const struct key key = {BY_SECTION, OGC_XP_OG_IMAGE};
	struct ogc_xp_page buf;
	const struct ogc_xp_page *p;
	struct ogc_xp_finding *f;
	const void *rules;
	const void *limited = NULL; /* the rules share and least are of */
	uint32_t *pages; /* of each section (a number of the keys) */
	uint32_t section;
	size_t n = 0;
	double share = 0;
	size_t least = 0;
	size_t b;
	size_t i;

	pages = calloc(r->index->keys.count + 1, sizeof(*pages));
	if (pages == NULL) {
		r->nomem = true;
		return;
	}
	for (i = 0; i < r->index->count; i++) {
		ogc_xp_page_one(r->index, i, OGC_XP_OG_IMAGE, &buf);
		p = &buf;
		if (p->section == 0 || !grouped(r, i, p)) {
			continue;
		}
		/* the section's pages, with an image or without */
		pages[p->section]++;
		if (p->hash[OGC_XP_OG_IMAGE] != 0) {
			put_key(r->index, k, &n, i, p->section,
				p->hash[OGC_XP_OG_IMAGE]);
		}
	}
	sort_groups(r, k, n, &key);
	for (i = 0; i < n; i = b) {
		b = group_end(r, k, i, n, &key);
		if (b - i < 2) {
			continue; /* min-pages is 2 or more (rules.c) */
		}
		section = get(r->index, k[i].i, &buf)->section;
		/* a site's pages share their rules: asked once */
		rules = ogc_xp_page_rules(r->index, k[i].i);
		if (rules != limited || limited == NULL) {
			r->limits(rules, &share, &least);
			limited = rules;
		}
		if (b - i < least ||
			(double)(b - i) <= share * (double)pages[section]) {
			continue;
		}
		/* at the first of them, whichever pages the run checks
		   (shards together tell it once) */
		f = add(r, k[i].i, OGC_XP_OG_IMAGE, "image-shared",
			OGC_XP_SHARED_IMAGE);
		if (f != NULL) {
			f->count = (uint32_t)(b - i);
			f->total = pages[section];
			f->other[0] = k[i + 1].i;
		}
	}
	free(pages);
}

/*
 * The first page of urls[0, n) (sort_groups() of built pages' own URLs)
 * whose own URL hashes to `url`, or SIZE_MAX.
 */
static size_t
page_at(const struct run *r, const struct keyed *urls, size_t n,
	uint64_t url)
{
	const struct key key = {BY_NONE, KEY_URL};
	uint32_t h = mix(r->index, 0, ogc_xp_short(url));
	uint32_t g;
	uint64_t v;
	size_t lo = 0;
	size_t hi = n;
	size_t mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (urls[mid].h < h) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	for (; lo < n && urls[lo].h == h; lo++) {
		key_of(r->index, &key, urls[lo].i, &g, &v);
		if (v == url) {
			return urls[lo].i;
		}
	}
	return SIZE_MAX;
}

/*
 * canonical-target: in a built site checked whole, with its base URL,
 * the page a canonical URL (or, without one, og:url) names on the site
 * is a page of the build, not a redirect stub, not noindex, and its own
 * canonical.
 */
static int
compare_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a;
	uint32_t y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static void
targets(struct run *r, struct keyed *k)
{
	const struct ogc_xp_index *ix = r->index;
	const struct key url_key = {BY_NONE, KEY_URL};
	uint32_t *whole;
	uint32_t last = 0;
	size_t w = 0;
	struct ogc_xp_page pbuf;
	struct ogc_xp_page tbuf;
	const struct ogc_xp_page *p;
	const struct ogc_xp_page *t;
	const char *url;
	enum ogc_xp_field field;
	struct ogc_xp_finding *f;
	unsigned kind;
	size_t n = 0;
	size_t at;
	size_t i;

	/* the groups whose pages were read as context are read whole: as
	   many as there are, each once where its pages come together */
	for (i = 0; i < ix->count; i++) {
		p = get(ix, i, &pbuf);
		if ((p->flags & OGC_XP_CONTEXT) != 0 && (w == 0 ||
			p->group != last)) {
			last = p->group;
			w++;
		}
	}
	whole = malloc((w + 1) * sizeof(*whole));
	if (whole == NULL) {
		r->nomem = true;
		return;
	}
	for (i = 0, w = 0; i < ix->count; i++) {
		p = get(ix, i, &pbuf);
		if ((p->flags & OGC_XP_CONTEXT) != 0 && (w == 0 ||
			p->group != whole[w - 1])) {
			whole[w++] = p->group;
		}
	}
	ogc_xp_sort(whole, w, sizeof(*whole), compare_u32);
	for (i = 0; i < ix->count; i++) {
		p = get(ix, i, &pbuf);
		if (p->url != 0 && (p->flags & OGC_XP_BUILT) != 0) {
			put_key(ix, k, &n, i, 0, p->url);
		}
	}
	sort_groups(r, k, n, &url_key);
	for (i = 0; i < ix->count; i++) {
		p = get(ix, i, &pbuf);
		if ((p->flags & OGC_XP_TARGET) == 0 || (p->flags & (OGC_XP_BUILT |
			OGC_XP_STUB)) != OGC_XP_BUILT || ((p->flags &
			OGC_XP_WHOLE) == 0 && bsearch(&p->group, whole, w,
			sizeof(*whole), compare_u32) == NULL)) {
			continue;
		}
		url = ogc_xp_page_target(ix, i);
		field = p->hash[OGC_XP_CANONICAL] != 0 ? OGC_XP_CANONICAL :
			OGC_XP_OG_URL;
		at = page_at(r, k, n, ogc_hash64(OGC_HASH64_START, url,
			strlen(url)));
		t = at != SIZE_MAX ? get(ix, at, &tbuf) : NULL;
		kind = t == NULL ? OGC_XP_TARGET_NONE : (t->flags & OGC_XP_STUB) != 0 ?
			OGC_XP_TARGET_STUB : (t->flags & OGC_XP_NOINDEX) != 0 ?
			OGC_XP_TARGET_NOINDEX : (t->flags & OGC_XP_TARGET) != 0 ?
			OGC_XP_TARGET_MOVED : OGC_XP_TARGET_RIGHT;
		if (kind != OGC_XP_TARGET_RIGHT &&
			(f = add(r, i, field, "canonical-target", kind)) != NULL) {
			f->other[0] = (uint32_t)at;
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
	const struct key key = {BY_GROUP, OGC_XP_OG_URL};
	struct ogc_xp_page buf;
	struct ogc_xp_page first;
	const struct ogc_xp_page *p;
	struct ogc_xp_finding *f;
	size_t n = 0;
	size_t a;
	size_t b;
	size_t i;
	size_t owner;
	bool agreed;

	for (i = 0; i < r->index->count; i++) {
		p = get(r->index, i, &buf);
		if (p->hash[OGC_XP_OG_URL] == 0 || (p->flags & (OGC_XP_STUB |
			OGC_XP_PAGINATED)) != 0 ||
			(r->shadowed != NULL && r->shadowed[i])) {
			continue;
		}
		put_key(r->index, k, &n, i, p->group, p->hash[OGC_XP_OG_URL]);
	}
	sort_groups(r, k, n, &key);
	for (a = 0; a < n; a = b) {
		agreed = true;
		owner = SIZE_MAX;
		b = group_end(r, k, a, n, &key);
		if (b - a < 2) {
			continue;
		}
		/* the values compared in full */
		full(r->index, k[a].i, &first);
		for (i = a; i < b; i++) {
			p = full(r->index, k[i].i, &buf);
			owner = p->url == p->hash[OGC_XP_OG_URL] ? k[i].i : owner;
			agreed = agreed && p->hash[OGC_XP_CANONICAL] != 0 &&
				p->hash[OGC_XP_CANONICAL] ==
				first.hash[OGC_XP_CANONICAL];
		}
		for (i = a; !agreed && i < b; i++) {
			p = full(r->index, k[i].i, &buf);
			/* the page whose own URL it is is right; an og:url
			   that differs from the page's canonical URL is
			   url-canonical's finding */
			if (p->url == p->hash[OGC_XP_OG_URL] ||
				(p->hash[OGC_XP_CANONICAL] != 0 &&
				p->hash[OGC_XP_CANONICAL] != p->hash[OGC_XP_OG_URL])) {
				continue;
			}
			f = add(r, k[i].i, OGC_XP_OG_URL, "url-duplicate",
				OGC_XP_SAME_OG_URL);
			if (f != NULL) {
				name_others(f, k, a, b, k[i].i);
				f->owner = owner != SIZE_MAX ? (uint32_t)owner :
					UINT32_MAX;
			}
		}
	}
}

/*
 * The findings spooled, then those in memory, in the order they were
 * found, into one array of their number (r->found, r->count). False
 * when out of memory, or on a read error of the spool (the index's
 * reader marked failed: a read of a temporary file of the stage).
 */
static bool
gather(struct run *r)
{
	struct ogc_xp_finding *all;
	const void *bytes;
	size_t len;
	size_t n = 0;

	if (r->spooled == 0) {
		/* no bigger than they are */
		all = r->count > 0 && r->count < r->cap ?
			realloc(r->found, r->count * sizeof(*r->found)) : NULL;
		r->found = all != NULL ? all : r->found;
		return true;
	}
	all = malloc((r->spooled + r->count) * sizeof(*all));
	if (all == NULL) {
		return false;
	}
	while (ogc_xp_spool_next(r->spool, &bytes, &len) != NULL &&
		len % sizeof(*all) == 0 && len / sizeof(*all) <= r->spooled - n) {
		memcpy(all + n, bytes, len);
		n += len / sizeof(*all);
	}
	if (n != r->spooled) {
		r->index->reader->failed = true;
		free(all);
		return false;
	}
	if (r->count > 0) {
		memcpy(all + n, r->found, r->count * sizeof(*all));
	}
	free(r->found);
	r->found = all;
	r->count += n;
	r->cap = r->count;
	return true;
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
	bool ok;

	memset(&r, 0, sizeof(r));
	r.index = index;
	r.limits = limits;
	*found = NULL;
	*count = 0;
	if (!index->sorted && !ogc_xp_index_sort(index)) {
		return false;
	}
	/* no page is added now: what is gathered of the names written, and
	   its room freed before the rules' keys take theirs */
	ogc_xp_names_seal(&index->names);
	for (i = 0; i < index->part_count; i++) {
		ogc_xp_names_seal(&index->parts[i].names);
	}
	k = malloc((index->count + 1) * sizeof(*k));
	if (k == NULL) {
		return false;
	}
	r.spool = ogc_xp_spool_create(); /* NULL: the findings in memory */
	survey(&r);
	find_shadowed(&r, k);
	duplicates(&r, k, "title-duplicate", OGC_XP_TITLE);
	duplicates(&r, k, "title-duplicate", OGC_XP_OG_TITLE);
	duplicates(&r, k, "description-duplicate", OGC_XP_DESCRIPTION);
	duplicates(&r, k, "description-duplicate", OGC_XP_OG_DESCRIPTION);
	if ((r.fields & 1u << OGC_XP_OG_IMAGE) != 0) {
		shared_images(&r, k);
	}
	if (r.targets) {
		targets(&r, k);
	}
	if ((r.fields & 1u << OGC_XP_OG_URL) != 0) {
		same_og_url(&r, k);
	}
	free(k);
	free(r.shadowed);
	/* a read of the names' file that failed: no finding is sure */
	ok = !r.nomem && !index->reader->failed && gather(&r);
	ogc_xp_spool_destroy(r.spool);
	if (!ok) {
		free(r.found);
		return false;
	}
	/* in place: qsort() takes a copy */
	ogc_xp_sort(r.found, r.count, sizeof(*r.found), compare_found);
	*found = r.found;
	*count = r.count;
	return true;
}
