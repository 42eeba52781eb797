/* report.h: the list of findings: adding, counting, sorting, capping, baselines. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_REPORT_H
#define OGC_REPORT_H

#include "util/util.h"

/* strtab.c: the strings findings share */

/*
 * A string table: the file names, rule ids and fields of a report's
 * findings, each distinct one stored once, in chunks that do not move, so
 * a finding's pointers stay good while the table lives, whatever is added
 * later. Zeroed, it is empty.
 */
struct ogc_strtab {
	const char **slots;   /* open addressing; NULL: empty; cap a power
	                         of two, at most three quarters used */
	size_t cap;
	size_t count;
	struct ogc_strtab_chunk *chunks; /* every chunk, for freeing */
	char *at;             /* where the next string goes, in a chunk */
	size_t left;          /* bytes free from `at` on */
};

/** Room in the slots for `need` strings in all. False when out of memory. */
bool
ogc_strtab_reserve(struct ogc_strtab *t, size_t need);

/**
 * The table's copy of s (len bytes, then its NUL), stored when it has
 * none; NULL when out of memory.
 */
const char *
ogc_strtab_intern(struct ogc_strtab *t, const char *s, size_t len);

/**
 * Moves the strings of `src` into `dst`, which has room in its slots for
 * them (ogc_strtab_reserve()); src is left empty. The chunks are dst's
 * now, so pointers into src stay good while dst lives; a string dst had
 * already keeps both copies, and is found as dst's.
 */
void
ogc_strtab_move(struct ogc_strtab *dst, struct ogc_strtab *src);

/** Frees the table's strings; it is empty again. */
void
ogc_strtab_free(struct ogc_strtab *t);

/** Empties the table, keeping its slots when they are few. */
void
ogc_strtab_clear(struct ogc_strtab *t);

/* report.c: adding to a report */

/**
 * Appends a copy of `draft` (its value taken as value_len bytes); every
 * string is copied (field, value and expected may be NULL; a value longer
 * than OGC_MAX_VALUE bytes is cut on a character boundary): the file name
 * (escaped), rule and field into the report's table, each distinct one
 * once; message, value and expected into one block of the finding's own,
 * starting at its message. On
 * out-of-memory the report remembers it (see ogc_report_failed()) and the
 * diagnostic is dropped.
 */
void
ogc_report_add(struct ogc_report *report, const struct ogc_diag *draft,
	size_t value_len);

/**
 * Takes out the diagnostic at `index` (its counts too); those after it
 * move up one.
 */
void
ogc_report_remove(struct ogc_report *report, size_t index);

/**
 * Adds `more` to the end of the message of the diagnostic at `index`. On
 * out-of-memory the report remembers it and the message stays as it was.
 */
void
ogc_report_append_message(struct ogc_report *report, size_t index,
	const char *more);

/**
 * One problem, one finding: of the findings from `from` on (one rule's,
 * on one document), those of the same rule about the same text in
 * different fields become one, the first in the document, whose message
 * names the others ("; the same text is in og:title (line 5)").
 */
void
ogc_report_merge_same_text(struct ogc_report *report, size_t from);

/** Counts one checked file. */
void
ogc_report_add_file(struct ogc_report *report);

/**
 * Takes back the count of the file being checked: it turned out to be no
 * page (a template or fragment, known only once its head was read).
 */
void
ogc_report_drop_file(struct ogc_report *report);

/**
 * Keeps the first OGC_MAX_DIAGS findings (suppressed ones aside) of those
 * added since `first`, one file's, in sorted order, and drops the rest.
 * Returns how many were dropped.
 */
size_t
ogc_report_cap_from(struct ogc_report *report, size_t first);

/**
 * Frees the diagnostics [first, count), keeping what they counted: they
 * were written out and nothing needs them again. A report left empty
 * empties its table of shared strings too: no diagnostic released from
 * it before (ogc_report_release_from()) may be used after that.
 */
void
ogc_report_forget_from(struct ogc_report *report, size_t first);

/**
 * Drops the diagnostics [first, count) from the list without freeing
 * them, keeping what they counted: the caller copied the structs and now
 * owns their blocks of strings (ogc_diag_release()); their file, rule and
 * field stay the report's, good until it is destroyed (or, merged, until
 * the report it was merged into is).
 */
void
ogc_report_release_from(struct ogc_report *report, size_t first);

/**
 * Frees the block of strings of a diagnostic released from a report (its
 * message, value and expected, NULL then); not its file, rule or field.
 */
void
ogc_diag_release(struct ogc_diag *d);

/**
 * Room for `more` findings after those the report has, exactly: for a
 * stage that knows how many it adds (the array doubled would be up to
 * twice what it needs). False when out of memory (the report unchanged).
 */
bool
ogc_report_reserve(struct ogc_report *report, size_t more);

/** Marks the report as having run out of memory. */
void
ogc_report_fail(struct ogc_report *report);

/** Counts one network check that was not run. */
void
ogc_report_add_skipped(struct ogc_report *report);

/**
 * Adds what the network stage asked of hosts[0..count) to the report's
 * counts, taking ownership of the array and of each host string (a host
 * already there gets the sums). False when out of memory: then the
 * counts of the new hosts are dropped, still freed.
 */
bool
ogc_report_add_hosts(struct ogc_report *report, struct ogc_host_stats *hosts,
	size_t count);

/** True when an allocation failed while adding to the report. */
bool
ogc_report_failed(const struct ogc_report *report);

#define OGC_MAX_VALUE 1024u

/**
 * Moves every diagnostic and counter of `src` into `dst`, leaving src
 * empty; the strings the findings share move to dst's table, so their
 * pointers stay good after src is destroyed. Returns false when out of
 * memory (src is then unchanged).
 */
bool
ogc_report_merge(struct ogc_report *dst, struct ogc_report *src);

/* baselines: loaded in store/baseline.c, applied in report.c */

struct ogc_baseline_entry {
	char fingerprint[17];
	size_t count; /* findings with it still to hide */
};

struct ogc_baseline {
	struct ogc_baseline_entry *entries; /* sorted by fingerprint */
	size_t count;
};

/** Sorts the entries by fingerprint, merging repeats (after loading). */
void
ogc_baseline_sort(struct ogc_baseline *baseline);

/** ogc_report_apply_baseline() for the diagnostics [from, count). */
void
ogc_report_apply_baseline_from(struct ogc_report *report,
	struct ogc_baseline *baseline, size_t from);

/** True when a renderer shows the diagnostic (not suppressed or known). */
bool
ogc_diag_shown(const struct ogc_diag *diag);

/** Sorts the diagnostics [from, report count) as ogc_report_sort() does. */
void
ogc_report_sort_from(struct ogc_report *report, size_t from);

/* pages.c: what previews need of each page with findings */

/*
 * The fields a share preview is made of, as a page gives them. Which one
 * a platform shows is the renderer's business (render/html.c): the record
 * keeps each candidate with the field it was read from.
 */
enum ogc_meta_field {
	OGC_META_TITLE,          /* <title>, front matter title */
	OGC_META_DESCRIPTION,    /* <meta name=description>, description */
	OGC_META_OG_TITLE,
	OGC_META_OG_DESCRIPTION,
	OGC_META_OG_IMAGE,
	OGC_META_OG_IMAGE_SECURE, /* og:image:secure_url */
	OGC_META_OG_IMAGE_URL,    /* og:image:url */
	OGC_META_OG_IMAGE_WIDTH,
	OGC_META_OG_IMAGE_HEIGHT,
	OGC_META_OG_SITE_NAME,
	OGC_META_OG_URL,
	OGC_META_CANONICAL,
	OGC_META_TW_CARD,
	OGC_META_TW_TITLE,
	OGC_META_TW_DESCRIPTION,
	OGC_META_TW_IMAGE,
	OGC_META_COUNT
};

/* The image fields the network stage may have facts about. */
#define OGC_META_IMAGES 4

/* What the network stage learned of one image URL. */
struct ogc_image_facts {
	bool checked;       /* fetched (or from the cache) */
	bool ok;            /* answered 2xx */
	unsigned long width; /* 0: not known */
	unsigned long height;
	long long bytes;    /* -1: not known */
	char type[40];      /* media type; "" when none */
	size_t embed;       /* its bytes in the report (ogc_report_image()),
	                       from 1; 0: none */
};

/*
 * One page's record: a few hundred bytes, kept only for pages with
 * findings and only when ogc_options.page_meta asks for it. Every string
 * lives in one allocation with the record.
 */
struct ogc_page_meta {
	const char *file;
	bool source;  /* front matter (fields as the site model reads them),
	                 not a built page */
	const char *value[OGC_META_COUNT]; /* NULL: absent */
	const char *tag[OGC_META_COUNT];   /* the field it was read from */
	/* for og:image, og:image:secure_url, og:image:url, twitter:image */
	struct ogc_image_facts image[OGC_META_IMAGES];
};

/** The facts slot of an image field, or -1 for other fields. */
int
ogc_meta_image_slot(enum ogc_meta_field field);

/** A draft of a record: borrowed strings with their lengths. */
struct ogc_page_draft {
	bool source;
	const char *value[OGC_META_COUNT];
	size_t len[OGC_META_COUNT];
	const char *tag[OGC_META_COUNT];
};

/** Values longer than this are cut (on a character) in a record. */
#define OGC_META_MAX 600u

/**
 * A new record of `file` from the draft, every string copied; NULL when
 * out of memory. Freed with free(), or owned by a report once given.
 */
struct ogc_page_meta *
ogc_page_meta_create(const char *file, const struct ogc_page_draft *draft);

/**
 * Gives the report the record (takes ownership of meta). On out of memory
 * the record is freed and the report remembers the failure.
 */
void
ogc_report_add_page(struct ogc_report *report, struct ogc_page_meta *meta);

/**
 * The record of `file` (named as findings are, escaped), or NULL: quick
 * over the records sorted by ogc_report_sort_pages(), slow over those
 * added since.
 */
struct ogc_page_meta *
ogc_report_find_page(const struct ogc_report *report, const char *file);

/** The record at `index` (sorted by file), or NULL past the end. */
const struct ogc_page_meta *
ogc_report_page(const struct ogc_report *report, size_t index);

/** Sorts the records by file (ogc_report_sort() does it too). */
void
ogc_report_sort_pages(struct ogc_report *report);

/** Adds `file` (escaped) to the names of pages without findings. */
void
ogc_report_add_clean(struct ogc_report *report, const char *file);

/**
 * The names of pages without findings, each ended by a NUL, *len bytes in
 * all (in the order added; a page the network stage found something on
 * later may be among them); NULL when none.
 */
const char *
ogc_report_clean(const struct ogc_report *report, size_t *len);

/**
 * Keeps a copy of an image's bytes (of media type `type`, a static
 * string) for the records' previews, while the report's images stay
 * within OGC_EMBED_IMAGES_MAX bytes. Returns its number, from 1; 0 when
 * it does not fit or on out of memory.
 */
size_t
ogc_report_add_image(struct ogc_report *report, const unsigned char *data,
	size_t len, const char *type);

/** The image numbered `id` (from 1): its bytes and *len, *type; or NULL. */
const unsigned char *
ogc_report_image(const struct ogc_report *report, size_t id, size_t *len,
	const char **type);

/** How many images the report keeps, and *bytes their size in all. */
size_t
ogc_report_image_count(const struct ogc_report *report, size_t *bytes);

/** What ogc_report_set_run() gave, or NULL. */
const struct ogc_run_info *
ogc_report_run(const struct ogc_report *report);

/** True when a diagnostic of [first, count) of the report is shown. */
bool
ogc_report_shows_from(const struct ogc_report *report, size_t first);

#endif
