/* internal.h: declarations shared by the modules of src/ (never installed). */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_INTERNAL_H
#define OGC_INTERNAL_H

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

/* utf8.c */

/**
 * Decodes the well-formed UTF-8 sequence at s[0..len) (len > 0) into *cp
 * and returns its length, or 0 when the bytes there are not one.
 */
size_t
ogc_utf8_decode(const char *s, size_t len, uint32_t *cp);

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

/* source.c: front matter extraction, reading only the head of a file */

/** The language of a file's front matter. */
enum ogc_dialect {
	OGC_DIALECT_YAML = 0,
	OGC_DIALECT_TOML,
	OGC_DIALECT_JSON,
};

enum ogc_front_kind {
	OGC_FRONT_NONE,    /* the file does not open with front matter */
	OGC_FRONT_YAML,    /* text holds the front matter, in `dialect`;
	                      first_line says where */
	OGC_FRONT_INVALID, /* unclosed, too large or binary: see problem */
	OGC_FRONT_BINARY,  /* a NUL byte in the part read */
};

/**
 * A streaming front matter scanner. Feed the file in chunks of any size;
 * the result is the same however the bytes arrive.
 */
struct ogc_front {
	enum ogc_front_kind kind;
	char *text;          /* OGC_FRONT_YAML: the YAML, NUL-terminated */
	size_t len;
	unsigned first_line; /* line of the file that text starts on */
	bool fenced;         /* opened by ```yaml rather than --- */
	enum ogc_dialect dialect; /* YAML (--- or ```yaml), TOML (+++) or
	                             JSON (a leading object) */
	struct ogc_pos pos;  /* OGC_FRONT_INVALID/BINARY: where */
	char problem[160];   /* OGC_FRONT_INVALID/BINARY: what */
	const char *rule;    /* OGC_FRONT_INVALID: a limit-* id, or NULL for
	                        front-matter-invalid */
	/* scanner state */
	size_t start; /* offset in buf of the first YAML byte */
	char *buf;
	size_t buf_len;
	size_t buf_cap;
	size_t scanned;  /* bytes of buf already split into lines */
	unsigned lines;  /* complete lines seen */
	int state;
	bool done;
	bool nomem;
};

void
ogc_front_init(struct ogc_front *front);
void
ogc_front_finish(struct ogc_front *front);

/**
 * Feeds the next `len` bytes. Returns true once the scanner needs no more
 * input (front matter found, absent, or invalid); feeding more is a no-op.
 */
bool
ogc_front_feed(struct ogc_front *front, const char *data, size_t len);

/** Signals end of input; settles the result. */
void
ogc_front_end(struct ogc_front *front);

/**
 * The offset in s of the first "</head" or "<body" (any case) at or after
 * `from`, or len when there is none yet. `from` lets a reader scan only new
 * bytes (the previous length minus 6, or 0).
 */
size_t
ogc_html_head_end(const char *s, size_t len, size_t from);

/** Called for each <meta property|name="og:..."> found after the head. */
typedef void ogc_body_meta_fn(void *arg, struct ogc_pos pos,
	const char *property);

/** A streaming byte scan of an HTML body for misplaced meta tags. */
struct ogc_body_scan {
	struct ogc_pos at; /* position of buf[0] */
	char buf[4096];    /* bytes not yet scanned: a tag may span reads */
	size_t len;
};

/** Starts a scan whose first byte is at `start` in the file. */
void
ogc_body_scan_init(struct ogc_body_scan *scan, struct ogc_pos start);

/**
 * Scans the next `len` bytes, calling fn for each <meta> with a property
 * or name starting og:, twitter:, article: or fb:. `last` says no bytes
 * follow. Memory stays at the struct's size however long the body.
 */
void
ogc_body_scan_feed(struct ogc_body_scan *scan, const char *data, size_t len,
	bool last, ogc_body_meta_fn *fn, void *arg);

/* doc.c and yaml_doc.c: the field tree */

enum ogc_node_kind {
	OGC_NODE_NULL,
	OGC_NODE_SCALAR,
	OGC_NODE_MAP,
	OGC_NODE_SEQ,
};

/**
 * A node of the field tree. Positions are 1-based in the original file.
 * Members of a map carry their key; children are a singly linked list.
 */
struct ogc_node {
	enum ogc_node_kind kind;
	struct ogc_pos pos;     /* of the value */
	struct ogc_pos end;     /* just after a scalar value; 0:0 unknown */
	struct ogc_pos key_pos; /* of the key, for map members */
	const char *key;        /* map members: the key; else NULL */
	const char *text;       /* scalars: the value; NULL nodes: "" */
	size_t len;
	struct ogc_node *child; /* first member or item */
	struct ogc_node *next;  /* next sibling */
};

/** A problem found while building a tree (duplicate key, say). */
struct ogc_problem {
	const char *rule; /* its rule id; NULL: front-matter-invalid */
	struct ogc_pos pos;
	char msg[200];
	struct ogc_problem *next;
};

/** A parsed YAML document: owns its nodes, strings and problems. */
struct ogc_doc {
	struct ogc_node *root;         /* NULL when parsing failed */
	struct ogc_problem *problems;  /* fatal first when root is NULL */
	struct ogc_problem *last_problem; /* where the next is appended */
	bool nomem;
	struct ogc_arena *arena;
};

/**
 * Appends a problem of rule `rule` (NULL: front-matter-invalid) to the
 * document; on out-of-memory sets doc->nomem instead.
 */
void
ogc_doc_problem(struct ogc_doc *doc, const char *rule, struct ogc_pos pos,
	const char *fmt, ...) OGC_PRINTF(4, 5);

/**
 * Reports every key of `map` (of `count` members) that repeats an earlier
 * one, as a problem at the later key: lookups find the first, so the later
 * ones are not checked. Sorting keeps this O(n log n) for the large maps a
 * hostile file may hold. False (doc->nomem set) when memory ran out.
 */
bool
ogc_doc_check_duplicates(struct ogc_doc *doc, const struct ogc_node *map,
	size_t count);

/** Creates an empty document (root NULL); NULL when out of memory. */
struct ogc_doc *
ogc_doc_create(void);

/**
 * Allocates `size` bytes, aligned for any type, that live until the
 * document owning the arena is destroyed. NULL when out of memory.
 */
void *
ogc_arena_alloc(struct ogc_arena *arena, size_t size);

/** A NUL-terminated copy of s[0..len) in the arena, or NULL. */
char *
ogc_arena_strndup(struct ogc_arena *arena, const char *s, size_t len);

/**
 * Parses YAML text into a tree. `first_line` is the file line the text
 * starts on. Returns NULL only when out of memory; otherwise a document
 * whose root is NULL when the YAML is invalid (problems says why, with
 * position) and whose problems list non-fatal findings such as duplicate
 * keys. Free it with ogc_doc_destroy().
 */
struct ogc_doc *
ogc_doc_parse(const char *text, size_t len, unsigned first_line);

/**
 * Parses JSON front matter (Hugo: the file opens with `{`) in out_json.c,
 * with the contract of ogc_doc_parse(): NULL only when out of memory;
 * else a document whose root is the object's map, or NULL when the text
 * is not one valid JSON object (RFC 8259, strict; an optional UTF-8 byte
 * order mark and whitespace around it) or runs past a limit (rule
 * limit-depth or limit-values): its one problem says why and where.
 * Strings are decoded (a \u0000 escape is refused), numbers kept as
 * written ("1.50"), true and false are the scalars "true" and "false",
 * null is an OGC_NODE_NULL node. A repeated key is a non-fatal problem;
 * lookups find the first. text[0..len) need not be NUL-terminated.
 */
struct ogc_doc *
ogc_json_parse(const char *text, size_t len, unsigned first_line);

/**
 * The length of the JSON object at text[0..len) (through its closing
 * brace), 0 when it is not complete within len, or (size_t)-1 when text
 * does not start with '{' or a quote/brace structure is broken in a way
 * no more bytes can fix (a closing bracket of the wrong kind, a line
 * break inside a string). Strings and escapes are honoured; the rest of
 * the syntax is left to ogc_json_parse(), which finds a problem in the
 * bytes read whenever this returns (size_t)-1.
 */
size_t
ogc_json_object_end(const char *text, size_t len);

/**
 * Parses TOML text (Hugo's +++ front matter) into the same tree as
 * ogc_doc_parse(), with the same contract: NULL only when out of memory,
 * else a document whose root is a map, or NULL when the TOML is invalid
 * (strict TOML 1.0: its one problem says why and where) or runs past a
 * limit (rule limit-depth or limit-values). Tables are maps, arrays
 * lists; strings are decoded, other values kept as written ("1_000",
 * "1979-05-27T07:32:00Z"). Free it with ogc_doc_destroy().
 */
struct ogc_doc *
ogc_toml_parse(const char *text, size_t len, unsigned first_line);

void
ogc_doc_destroy(struct ogc_doc *doc);

/**
 * Finds the node at a dotted path (`og.title`). A key that contains dots
 * or colons is matched as one segment first (`og:title`). Returns NULL
 * when absent.
 */
const struct ogc_node *
ogc_node_lookup(const struct ogc_node *root, const char *path);

/* html_doc.c */

/**
 * Parses the HTML in text[0..len) (the head of a page) into a tree of
 * flat fields: meta property/name -> its content, `title`, `canonical`,
 * `lang`; a repeated field becomes a list. The root's position is the
 * <head> element's. Problems carry the ids meta-duplicate,
 * canonical-multiple and title-missing. NULL when out of memory.
 */
struct ogc_doc *
ogc_html_parse(const char *text, size_t len);

/** The member of map `map` whose key is `key`, or NULL. */
const struct ogc_node *
ogc_node_member(const struct ogc_node *map, const char *key);

/** "a map", "a list", "empty" or "text", for messages. */
const char *
ogc_node_kind_name(enum ogc_node_kind kind);

/* net.c: URL handling through libcurl's URL API */

/**
 * Normalises an absolute http(s) URL for comparison: scheme and host in
 * lower case, default port dropped, empty path as "/", percent-encoding in
 * upper case, dot segments removed. A relative `url` is resolved against
 * `base` when base is not NULL. Returns the new string, or NULL with a
 * reason in why[0..why_size) when the URL cannot be parsed (why may be
 * NULL). Whitespace, control characters and schemes other than http(s)
 * are rejected.
 */
char *
ogc_url_normalize(const char *url, const char *base, char *why,
	size_t why_size);

/**
 * Parses an absolute URL and copies its lower-case scheme to
 * scheme[0..scheme_size) whenever the URL starts with one, even on
 * failure ("" otherwise). Returns false with a reason in why when it is not
 * an absolute URL with a host. scheme and why may be NULL.
 */
bool
ogc_url_parse_absolute(const char *url, char *scheme, size_t scheme_size,
	char *why, size_t why_size);

/**
 * True when url is a relative reference: it does not start with an
 * RFC 3986 scheme and ':' ("/x/", "x", "//host/x"). "x.org:8080/a"
 * counts as absolute (its scheme would be "x.org").
 */
bool
ogc_url_is_relative(const char *url);

/**
 * Finds the first whitespace, control or invisible character (NO-BREAK
 * SPACE, zero-width space, BOM, bidi controls, ...) in s[0..len). Returns
 * true with its byte offset in *at and its code point in *cp.
 */
bool
ogc_url_find_blank(const char *s, size_t len, size_t *at, uint32_t *cp);

/**
 * Finds the first HTML character reference ("&amp;", "&#38;", "&#x26;")
 * in s[0..len). Returns true with its byte offset in *start and its
 * length in *elen.
 */
bool
ogc_url_find_entity(const char *s, size_t len, size_t *start, size_t *elen);

/* image.c: image dimensions from the first bytes of a file */

/** The formats whose headers ogc_image_size() reads. */
enum ogc_image_format {
	OGC_IMAGE_NONE = 0, /* not (yet) recognised */
	OGC_IMAGE_PNG,
	OGC_IMAGE_JPEG,
	OGC_IMAGE_GIF,
	OGC_IMAGE_WEBP,
};

/** What ogc_image_size() could tell from the bytes it was given. */
enum ogc_image_verdict {
	OGC_IMAGE_MORE,    /* a known format so far: more bytes are needed */
	OGC_IMAGE_FOUND,   /* format, width and height are set */
	OGC_IMAGE_UNKNOWN, /* not one of the formats, or malformed */
	OGC_IMAGE_PAST,    /* a known format (set) whose size lies past the
	                      first OGC_IMAGE_HEAD_MAX bytes: a JPEG with a
	                      large Exif or colour profile block */
};

/** The most bytes of a file ogc_image_size() ever needs. */
#define OGC_IMAGE_HEAD_MAX 65536

struct ogc_image_info {
	enum ogc_image_format format;
	unsigned long width;
	unsigned long height;
};

/**
 * Reads the format and pixel size of a PNG, JPEG, GIF or WebP image from
 * its first `len` bytes. `complete` says no more bytes will come (the
 * whole file, or OGC_IMAGE_HEAD_MAX bytes of it): then the answer is never
 * OGC_IMAGE_MORE. out->format is set while the answer is OGC_IMAGE_MORE
 * or OGC_IMAGE_FOUND, and is OGC_IMAGE_NONE with OGC_IMAGE_UNKNOWN.
 */
enum ogc_image_verdict
ogc_image_size(const unsigned char *data, size_t len, bool complete,
	struct ogc_image_info *out);

/** "PNG", "JPEG", "GIF", "WebP", or "unknown". */
const char *
ogc_image_format_name(enum ogc_image_format format);

/* net.c: fetching URLs (libcurl multi) */

/** How far checking one URL got. */
enum ogc_fetch_state {
	OGC_FETCH_PENDING = 0,
	OGC_FETCH_ANSWERED, /* a final HTTP answer: status and headers */
	OGC_FETCH_FAILED,   /* no answer: `error` says why */
};

/** One distinct URL to check, and what checking it found. */
struct ogc_fetch {
	char *url;       /* owned: the normalised URL */
	bool want_image; /* read the image header (a ranged GET) */
	enum ogc_fetch_state state;
	long status;         /* the final HTTP status */
	char *final_url;     /* owned: where the final answer came from,
	                        NULL when there was no redirect */
	unsigned redirects;
	char *content_type;  /* owned: the media type, lower case, without
	                        parameters; NULL when the answer had none */
	long long bytes;     /* the resource's size; -1 when not known */
	bool image_read;     /* the first bytes were read into `image` */
	bool image_cut;      /* ... and the size lies past them (image has
	                        the format only; limit download-size) */
	struct ogc_image_info image;
	char *error;         /* owned: what went wrong, when FAILED */
	const char *limit;   /* FAILED past a limit: its id
	                        ("limit-redirects"), else NULL */
	long long checked;   /* when (Unix seconds) */
};

/** Frees what a fetch owns and zeroes it. */
void
ogc_fetch_clear(struct ogc_fetch *fetch);

/**
 * Checks items[0..count) concurrently with the limits of `options` (jobs,
 * jobs per host, timeout, redirects, retries, CA file), setting each
 * item's state and facts. Only http and https are fetched, also after
 * redirects. Returns false with err set only when the run cannot go on
 * (out of memory).
 */
bool
ogc_net_fetch(struct ogc_fetch *const *items, size_t count,
	const struct ogc_options *options, struct ogc_error *err);

/* netaddr.c */

struct sockaddr;

/**
 * What kind of address sa is when it is not on the public internet:
 * "loopback", "private", "link-local", "multicast", "unspecified" or
 * "special-purpose" (documentation, benchmarking, reserved blocks). NULL
 * for a public (global) address. IPv4-mapped IPv6 addresses are judged by
 * their IPv4 address.
 */
const char *
ogc_addr_kind(const struct sockaddr *sa);

/* out_json.c: the URL cache file */

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

/* netcheck.c: URLs queued by network rules, checked when files are done */

/** The URLs a report's files queued, deduplicated, and where each is used. */
struct ogc_net_queue;

/** A place a URL is used, as a network check kind's judge sees it. */
/**
 * The size a page declares for an image (og:image:width/height), to be
 * compared with the real one. The fields are paths borrowed from the rule
 * files; NULL (and 0) when nothing was declared.
 */
struct ogc_declared {
	const char *width_field;
	const char *height_field;
	uint32_t width;
	uint32_t height;
};

struct ogc_net_place {
	const char *field;
	const char *value; /* the URL as written */
	struct ogc_pos pos;
	struct ogc_pos end;
	struct ogc_declared declared;
};

/**
 * Queues the check of normalised URL `url` for `group` at a place of file
 * `file` (all copied). Returns false when memory ran out.
 */
bool
ogc_net_queue_add(struct ogc_net_queue **queue, const char *url,
	bool want_image, const char *file, const void *group,
	const struct ogc_net_place *at);

/** Moves everything queued in src to dst. False when memory ran out. */
bool
ogc_net_queue_merge(struct ogc_net_queue **dst, struct ogc_net_queue **src);

/** Frees a queue; accepts NULL. */
void
ogc_net_queue_destroy(struct ogc_net_queue *queue);

/**
 * Runs the network stage of a report: fetches (or takes from the cache)
 * every queued URL, judges each use, applies the baseline and hands the
 * new findings to file_done file by file. A file's network findings past
 * OGC_MAX_DIAGS are counted in one limit-diagnostics finding of `rules`,
 * which also give the other limit-* rules. Empties the queue.
 */
bool
ogc_net_stage(struct ogc_report *report, const struct ogc_options *options,
	const struct ogc_ruleset *rules, struct ogc_error *err);

/* date.c helpers exported for tests */

/**
 * True when text is a real ISO 8601 date-time of the profile ogcheck
 * accepts (RFC 3339 with a 'T' or space, optional seconds, fraction and
 * zone). A date alone is not accepted here.
 */
bool
ogc_date_is_iso8601(const char *text, size_t len);

/** True when text is a real calendar date YYYY-MM-DD. */
bool
ogc_date_is_date(const char *text, size_t len);

/**
 * True when text matches the strftime-style pattern exactly and the date
 * and time it names are real. Supported conversions are listed in
 * ogc_date_pattern_valid().
 */
bool
ogc_date_matches(const char *pattern, const char *text, size_t len);

/**
 * Checks a strftime-style pattern. Returns false with the unsupported
 * conversion described in why when it cannot be used.
 */
bool
ogc_date_pattern_valid(const char *pattern, char *why, size_t why_size);

/* diag.c: adding to a report */

/**
 * Appends a copy of `draft` (its value taken as value_len bytes); every
 * string is copied (field, value and expected may be NULL; a value longer
 * than OGC_MAX_VALUE bytes is cut on a character boundary). On
 * out-of-memory the report remembers it (see ogc_report_failed()) and the
 * diagnostic is dropped.
 */
void
ogc_report_add(struct ogc_report *report, const struct ogc_diag *draft,
	size_t value_len);

/* Inline suppressions of the file being checked (checker.c). */
#define OGC_MAX_SUPPRESS 32

struct ogc_suppression {
	char id[64];
	struct ogc_pos pos;
	bool used;
};

struct ogc_suppressions {
	struct ogc_suppression items[OGC_MAX_SUPPRESS];
	size_t count;
};

/** Counts one checked file. */
void
ogc_report_add_file(struct ogc_report *report);

/**
 * Keeps the first OGC_MAX_DIAGS findings (suppressed ones aside) of those
 * added since `first`, one file's, in sorted order, and drops the rest.
 * Returns how many were dropped.
 */
size_t
ogc_report_cap_from(struct ogc_report *report, size_t first);

/** Marks the report as having run out of memory. */
void
ogc_report_fail(struct ogc_report *report);

/** The report's queue of network checks (NULL until one is queued). */
struct ogc_net_queue **
ogc_report_net_queue(struct ogc_report *report);

/** Counts one network check that was not run. */
void
ogc_report_add_skipped(struct ogc_report *report);

/** True when an allocation failed while adding to the report. */
bool
ogc_report_failed(const struct ogc_report *report);

#define OGC_MAX_VALUE 1024u

/* walk.c */

/**
 * Called for each content file found; `named` is true for a path the user
 * gave. Returning false stops the walk (out of memory).
 */
typedef bool ogc_walk_fn(void *arg, const char *path, bool named);

/**
 * Calls fn for `path` if it is a file, or for every content file below it
 * if it is a folder (sorted by name; .git, node_modules and hidden folders
 * skipped; folder symlinks followed, loops cut). A folder that cannot be
 * read is passed to `unreadable`. Returns false with err set when `path`
 * does not exist or fn failed.
 */
typedef bool ogc_walk_error_fn(void *arg, const char *path, int errnum);
bool
ogc_walk(const char *path, ogc_walk_fn *fn, ogc_walk_error_fn *unreadable,
	void *arg, struct ogc_error *err);

/** True for the file names a folder walk checks (*.md, *.html...). */
bool
ogc_walk_is_content(const char *name);

/** True for *.html and *.htm. */
bool
ogc_walk_is_html(const char *name);

/* checker.c: one file, for the walk and the pool */

/**
 * Checks the file at `path`, adding to `report`. Returns false only when
 * memory ran out.
 */
bool
ogc_checker_check_file(struct ogc_checker *checker, const char *path,
	struct ogc_report *report);

/** Reports a folder that cannot be read (file-unreadable). */
bool
ogc_checker_folder_unreadable(struct ogc_checker *checker, const char *path,
	int errnum, struct ogc_report *report);

/* pool.c: parallel folder checks */

/** The number of threads to use: `wanted`, or the CPUs when 0; capped. */
unsigned
ogc_pool_threads(unsigned wanted);

/**
 * Walks the folder `path` on the calling thread and checks its files on
 * `threads` workers, each with a checker of its own over `rules` and
 * `options`; `checker` reports unreadable folders. Diagnostics end up in
 * `report` (unsorted). Returns false with err set like
 * ogc_checker_check_path().
 */
bool
ogc_pool_check(struct ogc_checker *checker, const struct ogc_ruleset *rules,
	const struct ogc_options *options, unsigned threads, const char *path,
	struct ogc_report *report, struct ogc_error *err);

/**
 * Moves every diagnostic and counter of `src` into `dst`, leaving src
 * empty. Returns false when out of memory (src is then unchanged).
 */
bool
ogc_report_merge(struct ogc_report *dst, struct ogc_report *src);

/* out_text.c and out_json.c: the renderers behind ogc_report_write() */

bool
ogc_report_write_github(const struct ogc_report *report,
	const char *full_report, FILE *out, struct ogc_error *err);
bool
ogc_report_write_sarif(const struct ogc_report *report,
	const struct ogc_ruleset *rules, FILE *out, struct ogc_error *err);
bool
ogc_report_write_codeclimate(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);
bool
ogc_report_write_json_v2(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);
bool
ogc_report_write_jsonl(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);

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

/**
 * Serialises the file_done calls of a pool's workers: set by the pool on
 * each worker's checker, NULL on one thread.
 */
void
ogc_checker_set_lock(struct ogc_checker *checker, void *lock);

/* baselines: loaded in out_json.c, applied in diag.c */

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

/**
 * The paths that stand for field `path` (in either spelling) when it is
 * absent, from the rule files' and presets' `aliases:`; NULL and *count 0
 * when none do.
 */
const char **
ogc_ruleset_aliases(const struct ogc_ruleset *rules, const char *path,
	size_t *count);

/* embedded_rules.c (generated from rules/ by rules/embed.py) */

/** A rule file compiled into the binary. */
struct ogc_embedded {
	const char *name; /* "default", "profiles/x", "presets/hugo" */
	const char *path; /* "rules/profiles/x.yaml", for messages */
	const char *text; /* NUL-terminated */
	size_t len;
};

/** Every embedded rule file, ended by an entry with a NULL name. */
extern const struct ogc_embedded ogc_embedded_rules[];

extern const char *const ogc_default_rules;
extern const size_t ogc_default_rules_len;

#endif
