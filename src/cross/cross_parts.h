/* cross_parts.h: what the cross-page stage's files share. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_CROSS_PARTS_H
#define OGC_CROSS_PARTS_H

#include "cross/cross.h"

/* A site the index holds pages of. */
struct ogc_xp_site {
	const void *site;
	char *root;  /* as the run names its files */
	bool whole;  /* the run checks all of its pages */
};

/*
 * Records in chunks of 64 KiB that never move (no copy left behind as an
 * array that doubles leaves one): a record's handle is its chunk (the
 * high 16 bits) and its offset in it.
 */
#define OGC_XP_CHUNK 65536u

struct ogc_xp_store {
	unsigned char **chunks;
	size_t count;
	size_t cap;
	size_t used; /* bytes of the last chunk */
};

/** Room for a record of len bytes, its handle in *at; NULL: no memory. */
unsigned char *
ogc_xp_store_put(struct ogc_xp_store *s, size_t len, uint32_t *at);

/** The record at handle `at`. */
static inline const unsigned char *
ogc_xp_store_at(const struct ogc_xp_store *s, uint32_t at)
{
	return s->chunks[at >> 16] + (at & 0xffff);
}

/**
 * Takes src's chunks after dst's (src is left without any): the handles
 * of src's records are *shift << 16 more. The next record of dst starts
 * a chunk of its own. False when the handles would not tell them apart.
 */
bool
ogc_xp_store_take(struct ogc_xp_store *dst, struct ogc_xp_store *src,
	uint32_t *shift);

/** Frees the records. */
void
ogc_xp_store_finish(struct ogc_xp_store *s);

/* The most keys a table numbers (the rules' 24 bits of a record). */
#define OGC_XP_MAX_KEYS ((1u << 24) - 1)

/*
 * Distinct 64-bit keys, numbered from 1 (keys[n - 1]); slots: a hash
 * table of their numbers (0: free).
 */
struct ogc_xp_keys {
	uint64_t *keys;
	size_t count;
	size_t cap;
	uint32_t *slots;
	size_t slot_cap;
};

/* Whether key number n is the one looked for (`arg`). */
typedef bool ogc_xp_same_fn(const void *arg, uint32_t n);

/**
 * *n gets the number of key v, added when new; with `same`, a key is v
 * only when same(arg, its number) too (a hash of a text: the texts
 * compared). Without `same`, 0 is number 0. False when out of memory.
 */
bool
ogc_xp_keys_intern(struct ogc_xp_keys *t, uint64_t v, ogc_xp_same_fn *same,
	const void *arg, uint32_t *n);

/** The number of key v (as ogc_xp_keys_intern() finds it), or 0. */
uint32_t
ogc_xp_keys_find(const struct ogc_xp_keys *t, uint64_t v,
	ogc_xp_same_fn *same, const void *arg);

/** Frees the table. */
void
ogc_xp_keys_finish(struct ogc_xp_keys *t);

/**
 * Sorts n items of `size` bytes (at most 128): a few runs in order are
 * merged (ogc_merge_runs(): memory for the shorter run of each merge, for
 * the time of the sort), anything else heapsorted in place.
 */
void
ogc_xp_sort(void *items, size_t n, size_t size,
	int (*compare)(const void *, const void *));

/**
 * Packs name s into out[0, size) (names.c): the bytes it takes, or 0
 * when that is no fewer than its text's with its NUL, or more than size.
 */
size_t
ogc_xp_name_pack(const char *s, unsigned char *out, size_t size);

/* A name read byte by byte: a folder's text, then the rest of it. */
struct ogc_xp_name_reader {
	const char *folder;
	const unsigned char *rest; /* text, or packed */
	bool packed;
	bool digits; /* in a run of digits */
	bool ended;
	size_t bit;  /* of rest, packed */
};

/**
 * Starts reading the name whose folder is `folder` (may be NULL) and the
 * rest `rest`, text or packed.
 */
void
ogc_xp_name_start(struct ogc_xp_name_reader *r, const char *folder,
	const void *rest, bool packed);

/**
 * The next byte of the name, 0 at its end (and after). Once it has
 * ended, r->bit is where a packed rest ends, in bits.
 */
unsigned char
ogc_xp_name_next(struct ogc_xp_name_reader *r);

/* How many other files a duplicate's message names. */
#define OGC_XP_NAMED 3

/* Which message a finding has (ogc_xp_finding.kind). */
enum {
	OGC_XP_SAME_TEXT,      /* title-duplicate, description-duplicate */
	OGC_XP_SHARED_IMAGE,   /* image-shared */
	OGC_XP_TARGET_NONE,    /* canonical-target: no page of the build */
	OGC_XP_TARGET_STUB,    /* a redirect stub */
	OGC_XP_TARGET_NOINDEX, /* a noindex page */
	OGC_XP_TARGET_MOVED,   /* a page whose canonical URL is another */
	OGC_XP_TARGET_RIGHT,   /* (none: the page it names is a final page) */
	OGC_XP_SAME_OG_URL     /* url-duplicate */
};

/* Where the fields are of a page that cannot be read again. */
struct ogc_xp_kept {
	uint32_t page; /* its record */
	struct ogc_xp_places places;
};

/** strcmp() of the names of the pages of records a and b. */
int
ogc_xp_compare_names(const struct ogc_xp_index *index, uint32_t a,
	uint32_t b);

/**
 * Adds page i of src to dst (after dst's pages) as the findings' messages
 * read it: its name, flags, rules and target, and where its fields are
 * when src keeps that; not its hashes, URL, id, group or section (0).
 * False when out of memory.
 */
bool
ogc_xp_index_copy_page(struct ogc_xp_index *dst,
	const struct ogc_xp_index *src, size_t i);

/*
 * The records of an index merged in whole (its chunks taken as they
 * are): its numbers of keys and folders as the index's.
 */
struct ogc_xp_part {
	uint32_t *keys;
	uint32_t *folders;
};

struct ogc_xp_index {
	uint32_t *pages; /* the records of the pages */
	size_t count;
	size_t cap;
	struct ogc_xp_store records; /* the pages and their folders */
	bool sorted;                 /* pages are in name order */
	/* pages as runs each added in name order (a name compared with the
	   last when added): their lengths; none known (runs_lost) after
	   pages copied in or more runs than a merge takes */
	size_t run_len[OGC_MERGE_RUNS];
	size_t run_count;
	bool runs_lost;
	char *last_name; /* the name last added */
	size_t last_name_cap;
	struct ogc_xp_site *sites;
	size_t site_count;
	size_t site_cap;
	/* the distinct groups, sections and rules of the pages (a rules
	   pointer as a number) */
	struct ogc_xp_keys keys;
	/* the folders of the pages' names ("content/posts/"), by hash, and
	   their records (the text) */
	struct ogc_xp_keys folder_keys;
	uint32_t *folders;
	size_t folder_cap;
	struct ogc_xp_kept *kept;
	size_t kept_count;
	size_t kept_cap;
	/* for each chunk of records (up to chunk_parts), the part whose
	   numbers its records have, 1 + a number of parts (0: this index's
	   own) */
	uint16_t *chunk_part;
	size_t chunk_parts;
	size_t chunk_part_cap;
	struct ogc_xp_part *parts;
	size_t part_count;
	size_t part_cap;
	/* the bits of the rules' 32-bit mixes of keys (groups.c) left out:
	   0, or for a test, so that pages of other keys meet */
	uint32_t collide;
	/* the numbers the last page added took (0: none) */
	uint64_t last_key[3];
	uint32_t last_number[3];
	uint32_t last_folder;
};

#endif
