/* cross.h: the cross-page stage: an index of every page, rules over pages together. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_CROSS_H
#define OGC_CROSS_H

#include <stdint.h>

#include "util/util.h"

/*
 * The per-file pass puts each page it checks in an index: a few hashes
 * and positions, not texts (texts only for a canonical URL that names
 * another page). After it, the cross-page rules compare the pages of
 * each site: the same title or description on several pages, one
 * og:image on most pages of a section, a canonical URL that names no
 * page of the build. The rules give findings by page; run/crossstage.c
 * turns them into each file's findings.
 */

/* The fields the index keeps of a page. */
enum ogc_xp_field {
	OGC_XP_TITLE,
	OGC_XP_DESCRIPTION,
	OGC_XP_OG_TITLE,
	OGC_XP_OG_DESCRIPTION,
	OGC_XP_OG_IMAGE,
	OGC_XP_CANONICAL,
	OGC_XP_OG_URL,
	OGC_XP_FIELDS
};

/* What a page is to the rules (ogc_xp_page.flags). */
enum {
	OGC_XP_BUILT = 1,      /* a page of a built site, not a source */
	OGC_XP_STUB = 2,       /* a redirect stub (meta refresh) */
	OGC_XP_NOINDEX = 4,    /* robots noindex */
	OGC_XP_PAGINATED = 8,  /* page 2, 3... of a list */
	OGC_XP_ELSEWHERE = 16, /* its canonical URL names another page */
	OGC_XP_WHOLE = 32,     /* the run checks its whole built folder */
	OGC_XP_CONTEXT = 64,   /* not checked by the run, read only to compare
	                          the checked pages with: gets no finding */
};

/* One page of the index: about 160 bytes, and its name. */
struct ogc_xp_page {
	uint64_t hash[OGC_XP_FIELDS]; /* of the value as compared; 0: none */
	struct ogc_pos pos[OGC_XP_FIELDS];
	uint64_t url;     /* its own URL, normalised; 0: not known */
	uint64_t group;   /* its site and language: pages compared together */
	uint64_t section; /* and its first folder: share images */
	uint64_t id;      /* its site and path in it: the same file read as
	                     context and checked is one page */
	uint32_t name;    /* the file, at this offset of the names */
	uint32_t target;  /* 1 + the offset of the URL its canonical (or else
	                     its og:url) names when that is another page on
	                     its own site; 0: none */
	uint8_t spelling[OGC_XP_FIELDS]; /* which name the field had (see
	                                    ogc_xp_field_name()) */
	uint8_t flags;
	const void *rules; /* the rules in force for the page (borrowed, the
	                      run's): its findings take their severity */
};

/** The name a field of the index is reported under, by its spelling. */
const char *
ogc_xp_field_name(enum ogc_xp_field field, unsigned spelling);

/** How many spellings ogc_xp_field_name() knows of a field. */
unsigned
ogc_xp_spellings(enum ogc_xp_field field);

struct ogc_xp_index;

/** A new empty index, or NULL when out of memory. */
struct ogc_xp_index *
ogc_xp_index_create(void);

/** Frees the index; accepts NULL. */
void
ogc_xp_index_destroy(struct ogc_xp_index *index);

/**
 * Adds `page` of file `name`, with `target` (the URL its canonical names,
 * or NULL) copied; page->name and page->target are set here. False when
 * out of memory.
 */
bool
ogc_xp_index_add(struct ogc_xp_index *index, struct ogc_xp_page *page,
	const char *name, const char *target);

/**
 * Notes that the index holds pages of `site` (opaque), whose root is
 * `root` as the run names its files (copied); `whole` when the run checks
 * all of the site's pages. False when out of memory.
 */
bool
ogc_xp_index_note_site(struct ogc_xp_index *index, const void *site,
	const char *root, bool whole);

/**
 * The sites of the index that the run did not check whole, one by one
 * (i from 0; NULL past the end), with their *root.
 */
const void *
ogc_xp_index_partial_site(const struct ogc_xp_index *index, size_t i,
	const char **root);

/** Moves every page of `src` into `dst`. False when out of memory. */
bool
ogc_xp_index_merge(struct ogc_xp_index *dst, struct ogc_xp_index *src);

/** The number of pages. */
size_t
ogc_xp_index_count(const struct ogc_xp_index *index);

/** The hash of a value as the duplicate rules compare it (0: empty). */
uint64_t
ogc_xp_fold_hash(const char *text, size_t len);

/** A finding of the cross-page rules, about one page. */
struct ogc_xp_finding {
	size_t page;            /* in the index, sorted by name */
	enum ogc_xp_field field;
	const char *rule;       /* its id (static) */
	char *message;          /* owned */
};

/**
 * The image-shared limits of a page's rules (ogc_xp_page.rules): one
 * og:image is "everywhere" on more than *share of a section's pages and
 * on at least *pages of them.
 */
typedef void ogc_xp_limits_fn(const void *rules, double *share,
	size_t *pages);

/**
 * Runs the cross-page rules over the index (sorting it by name first).
 * *found gets the findings, sorted by page (the caller frees each
 * message and the array); whether a page's rule is on is the caller's
 * to say (ogc_xp_page.rules). False when out of memory.
 */
bool
ogc_xp_run(struct ogc_xp_index *index, ogc_xp_limits_fn *limits,
	struct ogc_xp_finding **found, size_t *count);

/** The file name of page `i` (sorted by ogc_xp_run()). */
const char *
ogc_xp_page_name(const struct ogc_xp_index *index, size_t i);

/** Page `i`. */
const struct ogc_xp_page *
ogc_xp_page(const struct ogc_xp_index *index, size_t i);

#endif
