/* page_index.c: a page's entry in the index of the cross-page stage. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cross/cross.h"
#include "net/net.h"
#include "run/engine_parts.h"

/*
 * The base URL pages' URLs are under (--base-url, else the site's),
 * normalised, ending in "/"; NULL when there is none. Normalised once
 * for each base met (c->xp_base).
 */
static const char *
base_of(struct ogc_engine *c)
{
	const char *raw = c->options->base_url != NULL ? c->options->base_url :
		c->site != NULL ? c->site->base_url : NULL;

	if (raw != c->xp_base_raw) {
		free(c->xp_base);
		c->xp_base = raw != NULL ? ogc_url_normalize(raw, NULL, NULL, 0) :
			NULL;
		if (c->xp_base != NULL &&
			c->xp_base[strlen(c->xp_base) - 1] != '/') {
			free(c->xp_base);
			c->xp_base = NULL;
		}
		c->xp_base_raw = raw;
	}
	return c->xp_base;
}

/*
 * The URL path of the page on its site (/posts/a/): a built page's from
 * its place in the built folder, a source page's from the generator's
 * default rule; "" when not known.
 */
static void
url_path(const struct ogc_engine *c, char *out, size_t size)
{
	out[0] = '\0';
	if (c->site != NULL && c->built) {
		if (!ogc_site_built_url(c->site, c->rel, out, size)) {
			out[0] = '\0';
		}
	} else if (c->site != NULL && c->page_url[0] == '/') {
		snprintf(out, size, "%s", c->page_url);
	}
}

/* The page's absolute URL, normalised (malloc), or NULL. */
static char *
absolute(struct ogc_engine *c, const char *path)
{
	const char *base = base_of(c);

	if (path[0] != '/' || base == NULL) {
		return NULL;
	}
	/* the path is below the base's own path: "/a/" under
	   "https://x.org/blog/" is https://x.org/blog/a/ */
	return ogc_url_normalize(path[1] != '\0' ? path + 1 : "./", base, NULL,
		0);
}

/* The hash of folder a's text, then a newline: hash_text()'s start. */
static uint64_t
hash_folder(const char *a)
{
	return ogc_hash64(ogc_hash64(OGC_HASH64_START, a, strlen(a)), "\n", 1);
}

/* The hash of b under folder a, its hash_folder() `under`. */
static uint64_t
hash_under(uint64_t under, const char *b)
{
	return ogc_hash64(under, b, strlen(b));
}

static uint64_t
hash_text(const char *a, const char *b)
{
	return hash_under(hash_folder(a), b);
}

/* Page 2, 3... of a list: /page/2/ (Hugo, Eleventy), /page2/ (Jekyll). */
static bool
paginated(const char *path)
{
	const char *s = path;

	while ((s = strstr(s, "/page")) != NULL) {
		s += 5;
		if (*s == '/') {
			s++;
		}
		if (*s >= '0' && *s <= '9') {
			return true;
		}
	}
	return false;
}

/*
 * The page's section: the first folder of its URL path when the page is
 * below one (/posts/a/ is in posts; /about/ is at the root), else of its
 * path in the site's content; the site's root otherwise.
 */
static void
section_of(const struct ogc_engine *c, const char *path, char *out,
	size_t size)
{
	const char *rel = c->rel;
	const char *slash;
	size_t n;

	out[0] = '\0';
	if (path[0] == '/') {
		slash = strchr(path + 1, '/');
		if (slash != NULL && slash[1] != '\0') {
			snprintf(out, size, "%.*s", (int)(slash - path - 1), path + 1);
		}
		return;
	}
	if (c->site != NULL && c->site->input != NULL) {
		n = strlen(c->site->input);
		if (n > 0 && strncmp(rel, c->site->input, n) == 0 &&
			rel[n] == '/') {
			rel += n + 1;
		}
	}
	slash = strchr(rel, '/');
	if (slash != NULL) {
		snprintf(out, size, "%.*s", (int)(slash - rel), rel);
	}
}

/*
 * A folder of the path named as a language is: "fr", "pt-br", "zh-hans"
 * (Hugo's contentDir per language, Starlight's and Docusaurus' locale
 * folders, a built site's /fr/). A two-letter folder that is no language
 * ("js") only keeps its pages apart from the others'.
 */
static bool
folder_language(const char *rel, char *out, size_t size)
{
	const char *s = rel;
	const char *slash;
	size_t n;

	for (; (slash = strchr(s, '/')) != NULL; s = slash + 1) {
		n = (size_t)(slash - s);
		if ((n == 2 || (n >= 5 && n <= 7 && s[2] == '-')) &&
			strspn(s, "abcdefghijklmnopqrstuvwxyz") == 2 &&
			strspn(s + 2, "-abcdefghijklmnopqrstuvwxyz0123456789") ==
			n - 2) {
			snprintf(out, size, "%.*s", (int)n, s);
			return true;
		}
	}
	return false;
}

/*
 * The page's language, as its generator tells it: <html lang>, a `lang`
 * or `language` field, a folder named as a language, or Hugo's file name
 * (about.fr.md); "" when none.
 */
static void
language_of(const struct ogc_engine *c, const struct ogc_ctx *ctx,
	char *out, size_t size)
{
	static const char *const fields[] = {"lang", "language"};
	const struct ogc_node *n;
	const char *base;
	const char *dot;
	const char *lang;
	size_t i;

	out[0] = '\0';
	for (i = 0; i < 2; i++) {
		n = ogc_engine_scalar_of(ogc_ctx_node(ctx, fields[i]),
			false);
		if (n != NULL) {
			snprintf(out, size, "%.*s", (int)n->len, n->text);
			return;
		}
	}
	if (folder_language(c->rel, out, size) || c->site == NULL ||
		c->site->generator != OGC_GEN_HUGO) {
		return;
	}
	base = strrchr(c->rel, '/');
	base = base != NULL ? base + 1 : c->rel;
	dot = strrchr(base, '.');
	/* "about.fr.md": the part between the last two dots */
	for (lang = dot; lang != NULL && lang > base && lang[-1] != '.';
		lang--) {
	}
	/* a language code: "fr", "fil", "pt-br" */
	if (lang != NULL && lang > base + 1 && (((dot - lang == 2 ||
		dot - lang == 3) && strspn(lang, "abcdefghijklmnopqrstuvwxyz") >=
		(size_t)(dot - lang)) || (dot - lang == 5 && lang[2] == '-'))) {
		snprintf(out, size, "%.*s", (int)(dot - lang), lang);
	}
}

/* A robots value that keeps the page out of search results. */
static bool
noindex(const struct ogc_ctx *ctx)
{
	const struct ogc_node *n = ogc_engine_scalar_of(ogc_ctx_node(ctx,
		"robots"), false);
	size_t i;

	for (i = 0; n != NULL && i + 4 <= n->len; i++) {
		if (strncasecmp(n->text + i, "noindex", 7) == 0 ||
			strncasecmp(n->text + i, "none", 4) == 0) {
			return true;
		}
	}
	return false;
}

/* The walk holds the whole built folder of the page's site. */
static bool
walk_covers_build(const struct ogc_engine *c)
{
	char built[4096];
	size_t n = strlen(c->walk_root);

	if (n == 0 || c->site == NULL || c->site->output == NULL) {
		return false;
	}
	snprintf(built, sizeof(built), "%s/%s", c->site->root, c->site->output);
	return strncmp(built, c->walk_root, n) == 0 && (built[n] == '/' ||
		built[n] == '\0' || strcmp(c->walk_root, "/") == 0);
}

/*
 * Field f of the page: each spelling as the page has it, then the rule
 * files' aliases of the field (any spelling finds them); *spelling gets
 * the spelling found. NULL when the page has none.
 */
static const struct ogc_node *
find_field(const struct ogc_ctx *ctx, enum ogc_xp_field f,
	unsigned *spelling)
{
	const struct ogc_node *n = NULL;
	const char *const *names = ogc_engine_xp_names(f);
	const char *found;
	const char *name;
	unsigned s;

	for (s = 0; n == NULL && s < 4 && names[s] != NULL; s++) {
		name = names[s];
		if (ctx->flat && (strchr(name, '.') != NULL ||
			(f == OGC_XP_OG_IMAGE && s > 0))) {
			continue; /* <meta name=image> is no og:image */
		}
		n = ogc_engine_scalar_of(ogc_ctx_node(ctx, name), false);
	}
	if (n == NULL) {
		n = ogc_engine_scalar_of(ogc_ctx_lookup(ctx, names[0], &found),
			false);
		s = 1;
	}
	*spelling = s - 1;
	return n;
}

/* Where the page's fields are, and how each is spelt. */
static void
read_places(const struct ogc_ctx *ctx, struct ogc_xp_places *places)
{
	const struct ogc_node *n;
	unsigned f;
	unsigned s;

	memset(places, 0, sizeof(*places));
	for (f = 0; ctx != NULL && f < OGC_XP_FIELDS; f++) {
		n = find_field(ctx, (enum ogc_xp_field)f, &s);
		if (n != NULL) {
			places->pos[f] = n->pos;
			places->spelling[f] = (uint8_t)s;
		}
	}
}

/*
 * The hashes of the page's fields, and where they are (*places, as
 * read_places() has them). URL fields are hashed normalised and resolved
 * against the page's own URL `self` (may be NULL), as the page's own URL
 * is; *url gets the canonical URL (else og:url) so normalised (malloc;
 * NULL when there is none or it does not parse).
 */
static void
read_fields(const struct ogc_ctx *ctx, struct ogc_xp_page *p,
	const char *self, char **url, struct ogc_xp_places *places)
{
	const struct ogc_node *n;
	const struct ogc_node *canonical = NULL;
	const struct ogc_node *own[OGC_XP_FIELDS] = {NULL};
	const struct ogc_node *same; /* the own field an og: one copies */
	char *u;
	unsigned f;
	unsigned s;

	*url = NULL;
	for (f = 0; f < OGC_XP_FIELDS; f++) {
		n = find_field(ctx, (enum ogc_xp_field)f, &s);
		if (n == NULL) {
			continue;
		}
		places->pos[f] = n->pos;
		places->spelling[f] = (uint8_t)s;
		own[f] = n;
		same = f == OGC_XP_OG_TITLE ? own[OGC_XP_TITLE] :
			f == OGC_XP_OG_DESCRIPTION ? own[OGC_XP_DESCRIPTION] : NULL;
		if (same != NULL && same->len == n->len &&
			memcmp(same->text, n->text, n->len) == 0) {
			/* the template copies one into the other: folded once */
			p->hash[f] = p->hash[f == OGC_XP_OG_TITLE ? OGC_XP_TITLE :
				OGC_XP_DESCRIPTION];
		} else if (f == OGC_XP_OG_URL && canonical != NULL &&
			canonical->len == n->len &&
			memcmp(canonical->text, n->text, n->len) == 0) {
			p->hash[f] = p->hash[OGC_XP_CANONICAL]; /* the usual case */
		} else if (f == OGC_XP_CANONICAL || f == OGC_XP_OG_URL) {
			u = ogc_url_normalize(n->text, self, NULL, 0);
			p->hash[f] = u != NULL ? ogc_hash64(OGC_HASH64_START, u,
				strlen(u)) : ogc_hash64(OGC_HASH64_START, n->text,
				n->len);
			if (*url == NULL) {
				*url = u;
				u = NULL;
			}
			free(u);
			canonical = f == OGC_XP_CANONICAL ? n : canonical;
		} else if (f == OGC_XP_OG_IMAGE) {
			p->hash[f] = ogc_hash64(OGC_HASH64_START, n->text, n->len);
		} else {
			p->hash[f] = ogc_xp_fold_hash(n->text, n->len);
		}
		p->hash[f] |= p->hash[f] == 0; /* 0 is "none" */
	}
}

/*
 * Where the canonical URL `url` (or, without one, og:url) points, from
 * the page at `self`: *target the URL when it names another page under
 * the base URL (the index copies it); true when the canonical URL names
 * another page.
 */
static bool
points_elsewhere(struct ogc_engine *c, const struct ogc_xp_page *p,
	const char *self, const char *url, const char **target)
{
	const char *base = base_of(c);
	bool other = url != NULL && self != NULL && strcmp(url, self) != 0;

	*target = other && base != NULL && strncmp(url, base,
		strlen(base)) == 0 ? url : NULL;
	return other && p->hash[OGC_XP_CANONICAL] != 0;
}

/*
 * Notes the page's site in the index, with its root as the run names
 * files (the page's name less its path in the site) and whether the run
 * checks all of the site's pages: a walk from at or above its root, not
 * cut into shards (*whole_site, left as it is when the page is named
 * otherwise).
 */
static bool
note_site(struct ogc_engine *c, const char *name, bool *whole_site)
{
	size_t n = strlen(name);
	size_t r = strlen(c->rel);
	char root[4096];
	bool whole;

	if (n < r || strcmp(name + n - r, c->rel) != 0) {
		return true; /* named otherwise: not compared beyond the run */
	}
	/* "site/" of "site/content/a.md"; "." of "content/a.md" */
	while (n > r && n - r > 1 && name[n - r - 1] == '/') {
		n--;
	}
	snprintf(root, sizeof(root), "%.*s", (int)(n - r), name);
	if (root[0] == '\0') {
		snprintf(root, sizeof(root), ".");
	}
	whole = c->options->shards <= 1 && c->walk_root[0] != '\0' &&
		ogc_engine_walk_covers_site(c);
	*whole_site = whole;
	return ogc_xp_index_note_site(c->xp, c->site, root, whole);
}

bool
ogc_engine_index_page(struct ogc_engine *c, const char *name,
	const struct ogc_ctx *ctx, bool stub)
{
	struct ogc_xp_page p;
	struct ogc_xp_places places;
	char path[1024];
	char part[1024];
	char *self;
	char *url = NULL;
	const char *target = NULL;
	const char *root = c->site != NULL ? c->site->root : c->walk_root;
	uint64_t under; /* hash_folder(root): asked once a page */
	uint64_t group = 0;
	uint64_t section;
	bool whole = false;
	bool ok;

#ifdef OGC_BENCH_NO_INDEX
	/* a build to measure the stage against (meson_options.txt) */
	return true;
#endif
	if (c->xp_places != NULL) {
		/* read again for where its fields are: the page named, not
		   another read on the way */
		if (!c->xp_placed && strcmp(name, c->xp_places_name) == 0) {
			read_places(ctx, c->xp_places);
			c->xp_placed = true;
		}
		return true;
	}
	if (c->scratch) {
		return true; /* the other page of a pair, read again */
	}
	if (c->xp == NULL && (c->xp = ogc_xp_index_create()) == NULL) {
		return false;
	}
	memset(&p, 0, sizeof(p));
	memset(&places, 0, sizeof(places));
	under = hash_folder(root);
	url_path(c, path, sizeof(path));
	self = absolute(c, path);
	if (self != NULL) {
		p.url = ogc_hash64(OGC_HASH64_START, self, strlen(self));
	} else if (path[0] == '/') {
		p.url = hash_under(under, path);
	}
	p.flags = (uint8_t)((c->built || (ctx != NULL && ctx->flat) ?
		OGC_XP_BUILT : 0) | (stub ? OGC_XP_STUB : 0) |
		(paginated(path) ? OGC_XP_PAGINATED : 0) |
		(walk_covers_build(c) || c->context ? OGC_XP_WHOLE : 0) |
		(c->context ? OGC_XP_CONTEXT : 0));
	ok = c->site == NULL || c->context || note_site(c, name, &whole);
	/* the id tells a page read as context from the same page checked:
	   no page of a site checked whole is read as context */
	if (c->site != NULL && !whole) {
		p.id = hash_under(under, c->rel); /* root is the site's */
	}
	if (ctx != NULL) {
		read_fields(ctx, &p, self, &url, &places);
		if (noindex(ctx)) {
			p.flags |= OGC_XP_NOINDEX;
		}
		if (points_elsewhere(c, &p, self, url, &target)) {
			p.flags |= OGC_XP_ELSEWHERE;
		}
		/* sources and built pages apart: a page and its built copy
		   are one page */
		language_of(c, ctx, part, sizeof(part));
		group = hash_under(under, part) ^ (p.flags & OGC_XP_BUILT);
	}
	section_of(c, path, part, sizeof(part));
	section = hash_under(under, part);
	/* where its fields are, for its findings: no page read again (a
	   page from standard input could not be) */
	places.piped = c->once;
	ok = ok && ogc_xp_index_add(c->xp, &p, name, target, group, section,
		c->rules, &places);
	free(url);
	free(self);
	return ok;
}

uint64_t
ogc_engine_page_id(const struct ogc_engine *c)
{
	return hash_text(c->site->root, c->rel);
}

bool
ogc_engine_index_context(struct ogc_engine *c, const char *path)
{
	struct ogc_report *scratch;
	const struct ogc_options *options = c->options;
	struct ogc_options quiet;
	char *walk;
	bool done;
	bool ok;

	/* the index file's entry when it is still the page's: no read */
	ok = ogc_engine_index_kept(c, path, &done);
	if (!ok || done) {
		return ok;
	}
	scratch = ogc_report_create();
	walk = strdup(c->walk_root);
	if (scratch == NULL || walk == NULL) {
		ogc_report_destroy(scratch);
		free(walk);
		return false;
	}
	/* nothing is told of it: no finding, no stream, no progress */
	ogc_engine_quiet_options(c->options, &quiet);
	c->options = &quiet;
	c->context = true;
	c->walk_root[0] = '\0'; /* no source and built page paired */
	ok = ogc_engine_check_file(c, path, false, scratch) &&
		!ogc_report_failed(scratch);
	c->context = false;
	c->options = options;
	snprintf(c->walk_root, sizeof(c->walk_root), "%s", walk);
	free(walk);
	ogc_report_destroy(scratch);
	return ok;
}

/*
 * Only what the read changes for its own sake is put back, not the whole
 * engine as ogc_engine_read_meta() puts it back: a copy of the engine is
 * 37 KB, as many instructions as reading the page; the file's site and
 * its folder's data stay as any check leaves them.
 */
bool
ogc_engine_read_places(struct ogc_engine *c, const char *path,
	struct ogc_xp_places *places)
{
	struct ogc_report *scratch = ogc_report_create();
	const struct ogc_options *options = c->options;
	struct ogc_report *report = c->report;
	struct ogc_options offline;
	bool was_scratch = c->scratch;
	bool was_context = c->context;
	bool ok;

	memset(places, 0, sizeof(*places));
	if (scratch == NULL) {
		return false;
	}
	ogc_engine_quiet_options(c->options, &offline);
	c->options = &offline;
	c->xp_places = places;
	c->xp_places_name = path;
	c->xp_placed = false;
	c->scratch = true; /* no pair read with it */
	c->context = true; /* nor the rules run: only where fields are */
	ok = ogc_engine_check_file(c, path, false, scratch);
	c->options = options;
	c->report = report;
	c->scratch = was_scratch;
	c->context = was_context;
	c->xp_places = NULL;
	c->xp_places_name = NULL;
	ogc_report_destroy(scratch);
	return ok;
}
