/* util.h: helpers every folder may use: errors, arrays, hashing, UTF-8, strings. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_UTIL_H
#define OGC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "ogcheck.h"

#if defined(__GNUC__)
#define OGC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define OGC_PRINTF(fmt, args)
#endif

/* Limits that keep memory and time bounded on hostile input. */
#define OGC_MAX_FRONT_MATTER (1024u * 1024u) /* bytes of front matter */
#define OGC_MAX_DEPTH 64u                    /* YAML nesting */
#define OGC_MAX_NODES 100000u                /* nodes, aliases expanded */
#define OGC_MAX_ALIAS_VALUES 10000u          /* nodes copied for aliases */
#define OGC_MAX_LINE 65536u                  /* bytes of a front matter line */
#define OGC_MAX_DIAGS 1000u                  /* findings listed per file */
#define OGC_MAX_URL 8000u                    /* bytes of a URL fetched */

/* error.c */

/** Fills err (which may be NULL) with a status, a place and a message. */
void
ogc_error_set(struct ogc_error *err, enum ogc_status status,
	const char *file, struct ogc_pos pos, const char *fmt, ...)
	OGC_PRINTF(5, 6);

/** Sets an OGC_ERR_NOMEM error. Always returns false, for tail calls. */
bool
ogc_error_nomem(struct ogc_error *err);

/* array.c */

/**
 * Makes room for `need` items of `size` bytes in the heap array *items
 * (items is the address of the array pointer) whose room is *cap items:
 * the room doubles, from `first` items, until it holds need. False when
 * memory ran out or the size overflows; *items and *cap are then as they
 * were.
 */
bool
ogc_array_reserve(void *items, size_t *cap, size_t need, size_t size,
	size_t first);

/* file.c */

/**
 * Reads at most `max` bytes of dir/name into a new NUL-terminated buffer
 * that the caller frees (*len its length, the NUL left out); NULL when
 * the file cannot be opened or memory ran out.
 */
char *
ogc_read_small_file(const char *dir, const char *name, size_t max,
	size_t *len);

/* hash.c: FNV-1a, the same on every machine and every run */

/** The 32-bit FNV-1a hash of a NUL-terminated string. */
uint32_t
ogc_hash32(const char *s);

/** The start of a 64-bit FNV-1a hash (its offset basis). */
#define OGC_HASH64_START 0xcbf29ce484222325ull

/**
 * Goes on with the 64-bit FNV-1a hash `h` (OGC_HASH64_START at first)
 * over data[0..len).
 */
uint64_t
ogc_hash64(uint64_t h, const void *data, size_t len);

/* path.c */

/**
 * True when the glob (fnmatch(3), `*` crossing `/`) names `path` (a path
 * relative to where the glob was written, "./" ignored) or a folder above
 * it; a glob without `/` may also name any part of the path:
 *   "drafts" -> drafts/a.md, blog/drafts/b.md;  "*.tmp.md" -> x/y.tmp.md;
 *   "content/old/" -> content/old/a.md, not x/content/old/a.md
 */
bool
ogc_path_glob_match(const char *glob, const char *path);

/* text.c */

/** How long a text is, in each unit the length check counts. */
struct ogc_text_size {
	size_t code_points;
	size_t graphemes; /* extended grapheme clusters (UAX #29) */
	size_t columns;   /* clusters, East Asian Wide and Fullwidth ones and
	                     emoji 2, controls 0 (as wcwidth) */
	size_t wide;      /* clusters that count 2 columns */
};

/**
 * Measures the UTF-8 text s[0..len) (a byte that is no UTF-8 counts as
 * one character, U+FFFD).
 */
void
ogc_text_measure(const char *s, size_t len, struct ogc_text_size *out);

/**
 * How many pixels wide s[0..len) is set in Arial at `font_size` pixels
 * (Liberation Sans' metrics; wide characters one em), as Google sets
 * titles (20 px) and descriptions (14 px).
 */
double
ogc_text_pixels(const char *s, size_t len, double font_size);

/**
 * The text as a page shows it, into out (size bytes, NUL-terminated; cut
 * when it does not fit): HTML entities (&amp;, &#8217;) become their
 * characters; with `markdown`, also what jekyll-seo-tag's markdownify and
 * strip_html take away: emphasis markers (*, _, **), code backticks, HTML
 * tags, and a link's URL ([text](url) is text). Returns its length.
 */
size_t
ogc_text_render(const char *s, size_t len, bool markdown, char *out,
	size_t size);

/* utf8.c */

/**
 * Decodes the well-formed UTF-8 sequence at s[0..len) (len > 0) into *cp
 * and returns its length, or 0 when the bytes there are not one.
 */
size_t
ogc_utf8_decode(const char *s, size_t len, uint32_t *cp);

/** The value of hex digit c (0-9, a-f, A-F), or -1. */
int
ogc_hex_digit(int c);

/**
 * Writes s[0..len) to out (NULL: only counts) with the user name and
 * password of every URL in it masked: after "://", "user:pass@host"
 * reads "***@host". Returns the length (no NUL is written).
 */
size_t
ogc_redact_userinfo(const char *s, size_t len, char *out);

/** True when a URL in s[0..len) has a user name or password. */
bool
ogc_has_userinfo(const char *s, size_t len);

/**
 * The length of s[0..len) cut to at most `max` bytes on a character
 * boundary: len when it fits, else the most bytes up to max that end
 * before a character (never inside its UTF-8 sequence).
 */
size_t
ogc_utf8_cut(const char *s, size_t len, size_t max);

/** Number of code points in s[0..len); a stray byte counts as one. */
size_t
ogc_utf8_length(const char *s, size_t len);

/**
 * Checks that s[0..len) is valid UTF-8 without NUL bytes. On failure
 * returns false and sets *bad_at to the offset of the first bad byte.
 */
bool
ogc_utf8_valid(const char *s, size_t len, size_t *bad_at);

/**
 * The 1-based position of byte `offset` in s, counting lines from
 * `first_line` and columns in code points.
 */
struct ogc_pos
ogc_utf8_pos(const char *s, size_t offset, unsigned first_line);

/* strbuf.c: a growable string */

struct ogc_strbuf {
	char *data; /* NUL-terminated; NULL until something is added */
	size_t len;
	size_t cap;
	bool failed; /* an allocation failed; contents are truncated */
};

void
ogc_strbuf_finish(struct ogc_strbuf *buf);
void
ogc_strbuf_add(struct ogc_strbuf *buf, const char *s, size_t len);
void
ogc_strbuf_addf(struct ogc_strbuf *buf, const char *fmt, ...)
	OGC_PRINTF(2, 3);

/**
 * Writes the `count` texts of parts[] one after another into buf (size
 * bytes, size > 0), NUL-terminated and cut where they do not fit, as
 * snprintf("%s%s...") would, without parsing a format: a path joined on
 * every file. Returns the length written.
 */
size_t
ogc_str_join(char *buf, size_t size, const char *const *parts,
	size_t count);

/* sort.c */

/**
 * Sorts n items of `size` bytes when they are at most 64 runs already in
 * order (a list built from sorted parts: a worker's files, each file's
 * findings): the runs are merged two and two, stably, with room for the
 * shorter of each pair set aside, or OGC_MERGE_ROOM bytes when that is
 * less (then the runs are cut in parts that fit and swapped in place: a
 * few more moves, no memory the size of the list). False, items as they
 * were, when they are more runs or that room is not there: the caller
 * sorts them otherwise.
 */
bool
ogc_merge_runs(void *items, size_t n, size_t size,
	int (*compare)(const void *, const void *));

/* The most runs ogc_merge_runs() and ogc_merge_known_runs() merge. */
#define OGC_MERGE_RUNS 64

/*
 * The most memory they set aside, in bytes (one item when it is larger):
 * the report's 3,930 findings about pages together, merged with those of
 * the 20,000 files, set aside 283 KB, the peak of a run.
 */
#define OGC_MERGE_ROOM 16384u

/**
 * ogc_merge_runs() of items in `runs` runs known to be in order, of
 * len[0], len[1]... items: none compared to find them.
 */
bool
ogc_merge_known_runs(void *items, size_t size, const size_t *len,
	size_t runs, int (*compare)(const void *, const void *));

/* regex_set.c: POSIX extended regular expressions */

/**
 * True when `source` compiles as a POSIX extended regular expression;
 * else false with regerror()'s reason in why[0..size).
 */
bool
ogc_regex_valid(const char *source, char *why, size_t size);

/** Compiled regular expressions, any of which may match (opaque). */
struct ogc_regex_set;

/**
 * Compiles a[0..a_count) and b[0..b_count), each already checked with
 * ogc_regex_valid(). NULL when memory ran out.
 */
struct ogc_regex_set *
ogc_regex_set_create(const char *const *a, size_t a_count,
	const char *const *b, size_t b_count);

/** True when one of the set matches somewhere in s; false for NULL. */
bool
ogc_regex_set_match(const struct ogc_regex_set *set, const char *s);

/** Frees a set; accepts NULL. */
void
ogc_regex_set_destroy(struct ogc_regex_set *set);

#endif
