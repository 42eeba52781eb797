/* store.h: the files ogcheck keeps between runs: the URL cache (and baselines, in ogcheck.h). */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_STORE_H
#define OGC_STORE_H

#include "cross/cross.h"
#include "net/net.h"
#include "report/report.h"

/* cache.c: the URL cache file */

/**
 * Reads the cache at `path` into a new array of fetches (the caller clears
 * and frees each and the array). A missing, unreadable or damaged cache
 * reads as empty: it is only a cache, and the run rewrites it.
 */
bool
ogc_cache_read(const char *path, struct ogc_fetch **items, size_t *count,
	struct ogc_error *err);

/**
 * Writes items[0..count) to `path` atomically (a temporary file in the
 * same folder, then rename). False with err set when it cannot.
 */
bool
ogc_cache_write(const char *path, const struct ogc_fetch *const *items,
	size_t count, struct ogc_error *err);

/* file.c */

struct cJSON;

/**
 * Reads all of the file at `path` (at most 256 MiB) into a new
 * NUL-terminated buffer, the caller's to free; `what` names it in
 * messages ("baseline"). NULL with err set when it cannot.
 */
char *
ogc_store_slurp(const char *path, const char *what, struct ogc_error *err);

/**
 * Writes `tree` (NULL means out of memory; deleted here) to `path` through
 * a temporary file beside it and a rename, so that a reader never sees
 * half a file. False with err set when it cannot.
 */
bool
ogc_store_write_json(struct cJSON *tree, const char *path, const char *what,
	struct ogc_error *err);

/* index_file.c: the cross-page index kept between runs (--index FILE) */

/* The version of the index file's format that this ogcheck reads. */
#define OGC_INDEX_FILE_VERSION 1u

/* The longest name and target an index file holds (bytes, no NUL). */
#define OGC_INDEX_MAX_NAME 4095u
#define OGC_INDEX_MAX_TARGET OGC_MAX_URL

/*
 * A page of an index file: the page as the index gives it (its group,
 * section and rules numbers unused: `group` and `section` are the keys
 * the index was given), what identifies the rules and site it was read
 * under (`stamp`), and its file as it was when written.
 */
struct ogc_index_entry {
	struct ogc_xp_page page;
	uint64_t group;
	uint64_t section;
	uint64_t stamp;
	uint64_t size;
	int64_t mtime_sec;
	uint32_t mtime_nsec;
	const char *name;   /* NUL-terminated; read: into the file's data */
	const char *target; /* or NULL */
};

/*
 * An index file read: where each page starts in `data` (the pages are
 * decoded when asked for, so that 20,000 of them take 80 KB, not 3 MB).
 */
struct ogc_index_file {
	uint64_t fingerprint; /* the rules and options it was made under */
	uint32_t *offsets;
	size_t count;
	const unsigned char *data;
	size_t end;           /* where the pages end in data */
	unsigned char *owned; /* data, when ogc_index_file_read() read it */
};

/**
 * Reads the index file data[0..len) (borrowed: the file's pages point
 * into it) into *out. False, with why[0..size) saying what is wrong in a
 * few words ("truncated", "format version 2, not 1"), when it is not a
 * whole index file of this version; never reads outside data, and takes
 * memory in proportion to len only. *out is then empty.
 */
bool
ogc_index_file_parse(const unsigned char *data, size_t len,
	struct ogc_index_file *out, char *why, size_t size);

/**
 * *e gets page i (below file->count) of a file read; its strings point
 * into the file's data.
 */
void
ogc_index_file_entry(const struct ogc_index_file *file, size_t i,
	struct ogc_index_entry *e);

/**
 * Reads the index file at `path` (at most 256 MiB) into *out, which owns
 * its data then; false with why set as ogc_index_file_parse() does, or to
 * why the file cannot be read.
 */
bool
ogc_index_file_read(const char *path, struct ogc_index_file *out,
	char *why, size_t size);

/** Frees what ogc_index_file_read() put in *file; accepts a zeroed one. */
void
ogc_index_file_finish(struct ogc_index_file *file);

/*
 * An index file being written, page by page, to a temporary file beside
 * it that becomes it at the end (a reader never sees half a file).
 */
struct ogc_index_out {
	const char *path;      /* borrowed */
	struct ogc_strbuf tmp; /* the temporary file's name */
	FILE *f;
	struct ogc_index_bytes *page; /* a page's bytes, being encoded */
	uint64_t hash;         /* of the bytes written so far */
	size_t count;
	int errnum;            /* the first failed write's errno, or 0 */
};

/**
 * Starts the index file `path` (borrowed until the end) of pages read
 * under `fingerprint`. False with err set when the temporary file
 * cannot be made; *out is then finished.
 */
bool
ogc_index_out_init(struct ogc_index_out *out, const char *path,
	uint64_t fingerprint, struct ogc_error *err);

/**
 * Adds the page e; one whose name or target is too long is left out (the
 * next run reads it). A failed write shows at the end.
 */
void
ogc_index_out_add(struct ogc_index_out *out,
	const struct ogc_index_entry *e);

/**
 * Ends the file and puts it in place (a rename), and finishes *out.
 * False with err set when a write or the rename failed.
 */
bool
ogc_index_out_write(struct ogc_index_out *out, struct ogc_error *err);

/**
 * Frees *out, the temporary file removed (after a failure elsewhere);
 * accepts a zeroed one.
 */
void
ogc_index_out_finish(struct ogc_index_out *out);

#endif
