/* store.h: the files ogcheck keeps between runs: the URL cache (and baselines, in ogcheck.h). */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_STORE_H
#define OGC_STORE_H

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

#endif
