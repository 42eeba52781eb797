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

/*
 * The names of an index's pages, in a temporary file (names.c): what is
 * gathered (out) written when full.
 */
struct ogc_xp_names {
	bool tried;        /* the file was asked for (fd: -1, none) */
	bool full;         /* a write failed (out is kept) or it was sealed
	                      (ogc_xp_names_seal()): nothing more put */
	int fd;
	uint64_t written;  /* bytes in the file */
	unsigned char *out;
	size_t out_len;
};

/*
 * Names read back: the last bytes read, from `at` of file `names`, at
 * least `window` of them at once (0: 8 KiB, for names read in order).
 */
struct ogc_xp_name_reader {
	const struct ogc_xp_names *names;
	unsigned char *buf;
	size_t cap;
	uint64_t at;
	size_t len;
	size_t window;
	bool failed; /* a read failed (or found less than it was told) */
};

/**
 * Appends head[0, head_len), name[0, len) with a NUL and tail[0,
 * tail_len), one entry, to the file (made on the first entry); *spilled
 * whether it is there, at *at (not when there is no file, nor room, nor
 * after a write failed: the record keeps it then).
 */
void
ogc_xp_names_put(struct ogc_xp_names *s, const void *head, size_t head_len,
	const char *name, size_t len, const void *tail, size_t tail_len,
	uint32_t *at, bool *spilled);

/**
 * The name at `at` of file s, NUL-ended, in r's bytes (valid until r
 * reads again; names read in the order they were put read the file
 * once); NULL (r->failed) on a read error.
 */
const char *
ogc_xp_names_read(struct ogc_xp_name_reader *r, const struct ogc_xp_names *s,
	uint64_t at);

/** The n bytes at `at` of file s, as ogc_xp_names_read() reads. */
const void *
ogc_xp_names_bytes(struct ogc_xp_name_reader *r,
	const struct ogc_xp_names *s, uint64_t at, size_t n);

/**
 * Writes what is gathered and frees the room it was gathered in (16
 * KiB): nothing more is put (ogc_xp_names_put() keeps no entry), what
 * was is read from the file.
 */
void
ogc_xp_names_seal(struct ogc_xp_names *s);

/** Closes the file; s can be put to again. */
void
ogc_xp_names_finish(struct ogc_xp_names *s);

/** Frees what r read (its window and failed stay). */
void
ogc_xp_name_reader_finish(struct ogc_xp_name_reader *r);

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

/**
 * The name of the page of record `at`, read by `reader` (valid until it
 * reads again); NULL on a read error of the names' file.
 */
const char *
ogc_xp_record_name(const struct ogc_xp_index *index, uint32_t at,
	struct ogc_xp_name_reader *reader);

/**
 * *out gets page `i` as ogc_xp_page() does, but its values as their
 * short forms (ogc_xp_short()), read from memory alone (a record whose
 * values are in the names' file keeps only those): equal values have
 * equal short forms, and only 0 is 0; pages of equal short forms are
 * told apart by ogc_xp_page().
 */
void
ogc_xp_page_short(const struct ogc_xp_index *index, size_t i,
	struct ogc_xp_page *out);

/**
 * The fields page i has a value of (1 << field), *flags its flags: its
 * record's head alone read.
 */
unsigned
ogc_xp_page_fields(const struct ogc_xp_index *index, size_t i,
	uint8_t *flags);

/**
 * ogc_xp_page_short() of one field only: *out gets page i's flags,
 * group, section and rules and the short form of `field`'s value, its
 * other values 0 (a rule's pass over every page decodes no more).
 */
void
ogc_xp_page_one(const struct ogc_xp_index *index, size_t i,
	enum ogc_xp_field field, struct ogc_xp_page *out);

/** The short form of value v, as ogc_xp_page_short() gives it. */
uint64_t
ogc_xp_short(uint64_t v);

/**
 * Sorts the pages by file name: the runs of pages added in name order
 * merged, each read once from its start; without them, every name read
 * into memory for the sort. False when out of memory or on a read error
 * of the names' file.
 */
bool
ogc_xp_index_sort(struct ogc_xp_index *index);

/*
 * The records of an index merged in whole (its chunks taken as they
 * are): its numbers of keys as the index's, and its names.
 */
struct ogc_xp_part {
	uint32_t *keys;
	struct ogc_xp_names names;
};

struct ogc_xp_index {
	uint32_t *pages; /* the records of the pages */
	size_t count;
	size_t cap;
	struct ogc_xp_store records; /* the pages */
	struct ogc_xp_names names;   /* their names */
	struct ogc_xp_name_reader *reader; /* a name read (malloc) */
	bool sorted;                 /* pages are in name order */
	/* pages as runs each added in name order (a name compared with the
	   last when added): their lengths; none known (runs_lost) after
	   a merge that failed or more runs than a merge takes */
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
};

#endif
