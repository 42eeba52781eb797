/* cross.h: the cross-page stage: an index of every page, rules over pages together. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_CROSS_H
#define OGC_CROSS_H

#include <stdint.h>

#include "util/util.h"

/*
 * The per-file pass puts each page it checks in an index: a few hashes,
 * not texts (texts only for a canonical URL that names another page);
 * where its fields are (ogc_xp_places) goes with its name to the index's
 * temporary file, read back for the few pages that get a cross-page
 * finding. After it, the
 * cross-page rules compare the pages of each site: the same title or
 * description on several pages, one og:image on most pages of a section,
 * a canonical URL that names no page of the build. The rules give
 * findings by page (spooled to a temporary file while they run, out of
 * the memory their sort keys take); run/crossstage.c turns them into
 * each file's findings, by way of a spool too (ogc_xp_spool).
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
	OGC_XP_TARGET = 128,   /* the record holds the URL its canonical (or
	                          else its og:url) names, another page on its
	                          own site */
};

/*
 * A page of the index, as it is given and given back. The index keeps it
 * as a record (index.c) of only what it has, in chunks of 64 KiB that
 * never move: a head word of what it holds and its flags (a varint: one
 * byte for a page of a source folder); its group, section and rules as
 * numbers of the index's table of keys (as many as the distinct values);
 * the values it has as their 24-bit short forms (an og:title or
 * og:description equal to the title or description, which no rule
 * compares, is none; an og:url equal to the canonical URL is a bit); and
 * where its entry starts in the index's temporary file (names.c): the
 * full 64-bit values, the name and where its fields are, read back only
 * where short forms meet (equal values, or the rare others: the rules
 * then compare the full ones) and for the pages the findings name. On
 * the benchmark's 20,000 pages that is about 23 bytes a page (4 of head,
 * 15 of values, 3 of where), and 4 for its place in name order. Without a temporary file
 * the record holds the full values and the name.
 */
struct ogc_xp_page {
	uint64_t hash[OGC_XP_FIELDS]; /* of the value as compared; 0: none */
	uint64_t url;     /* its own URL, normalised; 0: not known */
	uint64_t id;      /* its site and path in it: the same file read as
	                     context and checked is one page (0 for a page
	                     of a site checked whole: none is read as
	                     context) */
	uint32_t group;   /* its site and language: pages compared together
	                     (a number of the index's keys; 0: none) */
	uint32_t section; /* and its first folder: share images (0: none) */
	uint32_t rules;   /* the rules in force for the page, a number of the
	                     index's (ogc_xp_page_rules()) */
	uint8_t flags;
};

/*
 * Where a page has its fields, for its findings: the position and the
 * name each field had (run.h: ogc_engine_xp_name()). The index keeps
 * them with the page's name (in its temporary file: no memory); a page
 * added without them (from an index file) is read again for them.
 */
struct ogc_xp_places {
	struct ogc_pos pos[OGC_XP_FIELDS];
	uint8_t spelling[OGC_XP_FIELDS];
	bool piped; /* the page was read from standard input: a file of
	               its name may hold something else */
};

struct ogc_xp_index;

/** A new empty index, or NULL when out of memory. */
struct ogc_xp_index *
ogc_xp_index_create(void);

/** Frees the index; accepts NULL. */
void
ogc_xp_index_destroy(struct ogc_xp_index *index);

/**
 * Adds `page` of file `name`, with `target` (the URL its canonical names,
 * or NULL) copied, in its `group` and `section` (hashes, 0: none) under
 * `rules` (borrowed, the run's: its findings take their severity); its
 * group, section, rules and OGC_XP_TARGET are set here.
 * `places`: where its fields are (NULL: not known, its file is read
 * again for them). False when out of memory.
 */
bool
ogc_xp_index_add(struct ogc_xp_index *index, struct ogc_xp_page *page,
	const char *name, const char *target, uint64_t group, uint64_t section,
	const void *rules, const struct ogc_xp_places *places);

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

/**
 * Moves every page of `src` into `dst`, leaving src empty. False when out
 * of memory.
 */
bool
ogc_xp_index_merge(struct ogc_xp_index *dst, struct ogc_xp_index *src);

/** The number of pages. */
size_t
ogc_xp_index_count(const struct ogc_xp_index *index);

/**
 * Whether a read of the index's temporary file (the pages' names and
 * values, names.c) failed: what was read of it since is not sure.
 */
bool
ogc_xp_index_failed(const struct ogc_xp_index *index);

/** The hash of a value as the duplicate rules compare it (0: empty). */
uint64_t
ogc_xp_fold_hash(const char *text, size_t len);

/*
 * A finding of the cross-page rules, about one page: what its message
 * says, put in words by ogc_xp_message() only when it is told (the words
 * of 4,000 findings held at once were 0.75 MB).
 */
struct ogc_xp_finding {
	const char *rule;       /* its id (static) */
	uint32_t page;          /* in the index, sorted by name */
	uint32_t count;         /* the pages of its group */
	uint32_t total;         /* image-shared: the pages of the section */
	uint32_t other[3];      /* the pages it names */
	uint32_t owner;         /* url-duplicate: the page whose URL it is,
	                           UINT32_MAX: none */
	uint8_t field;          /* an enum ogc_xp_field */
	uint8_t kind;           /* which message (groups.c) */
	uint8_t named;          /* how many of other[] a duplicate names */
};

/**
 * Writes the message of finding f to out[0, size) (size > 4), cut with
 * "…" where it does not fit; `field` the name the page spells its field
 * with (ogc_xp_places). Returns its length. A name the index cannot read
 * again is "(a file)" (and ogc_xp_index_failed() tells).
 */
size_t
ogc_xp_message(const struct ogc_xp_index *index,
	const struct ogc_xp_finding *f, const char *field, char *out,
	size_t size);

/**
 * The image-shared limits of a page's rules (ogc_xp_page_rules()): one
 * og:image is "everywhere" on more than *share of a section's pages and
 * on at least *pages of them.
 */
typedef void ogc_xp_limits_fn(const void *rules, double *share,
	size_t *pages);

/**
 * Runs the cross-page rules over the index (sorting it by name first).
 * *found gets the findings, sorted by page (the caller frees the
 * array); whether a page's rule is on is the caller's
 * to say (ogc_xp_page_rules()). False when out of memory.
 */
bool
ogc_xp_run(struct ogc_xp_index *index, ogc_xp_limits_fn *limits,
	struct ogc_xp_finding **found, size_t *count);

/*
 * A spool: entries, each a name (a NUL-ended string, empty or not) and
 * bytes, written to a temporary file (as the index's names are) and read
 * back once, in the order they were put (names.c): what a stage holds
 * out of memory until memory it needs first is freed.
 */
struct ogc_xp_spool;

/** An empty spool (its file made on the first entry); NULL: no memory. */
struct ogc_xp_spool *
ogc_xp_spool_create(void);

/**
 * Appends an entry. False when it is not in the spool: no temporary
 * folder, a write that failed, an entry over 16 KiB, or one put after an
 * entry was read; the caller keeps it some other way then.
 */
bool
ogc_xp_spool_put(struct ogc_xp_spool *spool, const char *name,
	const void *bytes, size_t len);

/**
 * The next entry: its name, and *len bytes in *bytes (both good until
 * the next call); NULL after the last, or on a read error
 * (ogc_xp_spool_failed()).
 */
const char *
ogc_xp_spool_next(struct ogc_xp_spool *spool, const void **bytes,
	size_t *len);

/** True when a read of the spool's file failed. */
bool
ogc_xp_spool_failed(const struct ogc_xp_spool *spool);

/** Closes the spool's file and frees it; NULL is nothing. */
void
ogc_xp_spool_destroy(struct ogc_xp_spool *spool);

/**
 * The file name of page `i` (sorted by ogc_xp_run()), to free; NULL when
 * out of memory.
 */
char *
ogc_xp_page_name(const struct ogc_xp_index *index, size_t i);

/** *out gets page `i`. */
void
ogc_xp_page(const struct ogc_xp_index *index, size_t i,
	struct ogc_xp_page *out);

/** The rules of page `i` (as given to ogc_xp_index_add()). */
const void *
ogc_xp_page_rules(const struct ogc_xp_index *index, size_t i);

/**
 * The URL page `i`'s canonical names on its site (OGC_XP_TARGET), or
 * NULL.
 */
const char *
ogc_xp_page_target(const struct ogc_xp_index *index, size_t i);

/**
 * *group and *section get the keys page `i` was added in (as given to
 * ogc_xp_index_add(); 0: none), which ogc_xp_page() gives as numbers of
 * this index only: what a page is given again with, in another index.
 */
void
ogc_xp_page_keys(const struct ogc_xp_index *index, size_t i,
	uint64_t *group, uint64_t *section);

/**
 * *out gets where page `i`'s fields are when the index has them; false
 * when it has not (a page added without them), or on a read error of
 * its temporary file (ogc_xp_index_failed()).
 */
bool
ogc_xp_page_places(const struct ogc_xp_index *index, size_t i,
	struct ogc_xp_places *out);

#endif
