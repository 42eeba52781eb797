/* net.h: URLs, fetching, address kinds, image headers and the queue of URL uses. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_NET_H
#define OGC_NET_H

#include "util/util.h"

/* url.c: URL handling through libcurl's URL API */

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

/**
 * Reads the format and pixel size of the image file at `path` as
 * ogc_image_size() reads fetched bytes, reading the file in small steps
 * and no further than the answer needs (at most OGC_IMAGE_HEAD_MAX
 * bytes). *bytes is the file's size. Returns false, with the reason in
 * why[0..why_size), when the file cannot be opened or read.
 */
bool
ogc_image_file(const char *path, struct ogc_image_info *out,
	enum ogc_image_verdict *verdict, long long *bytes, char *why,
	size_t why_size);

/** "PNG", "JPEG", "GIF", "WebP", or "unknown". */
const char *
ogc_image_format_name(enum ogc_image_format format);

/** "image/png", "image/jpeg", "image/gif", "image/webp", or NULL. */
const char *
ogc_image_media_type(enum ogc_image_format format);

/* fetch.c: fetching URLs (libcurl multi) */

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
	bool want_body;  /* ... and keep the whole image when it fits in
	                    the bytes read (--report-images embed) */
	bool excluded;   /* --exclude-url: not fetched, not judged */
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
	unsigned char *body; /* owned, with want_body: the whole image, of a
	                        known format, read in full; else NULL */
	size_t body_len;
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
 * redirects. *hosts gets what was asked of each host (the caller's to
 * free(), with each host string; NULL when none) and *host_count how
 * many. Returns false with err set only when the run cannot go on (out
 * of memory, libcurl not loaded or not set up).
 */
bool
ogc_net_fetch(struct ogc_fetch *const *items, size_t count,
	const struct ogc_options *options, struct ogc_host_stats **hosts,
	size_t *host_count, struct ogc_error *err);

/* curl_load.c: libcurl, loaded on first use */

/**
 * True, with err set (OGC_ERR_IO, "cannot load libcurl: ..."), when a URL
 * or the network stage needed libcurl and it could not be loaded: what
 * they found without it does not stand. False when libcurl was loaded or
 * never needed; this does not load it. Call when no other thread uses
 * net/.
 */
bool
ogc_net_curl_failed(struct ogc_error *err);

/* addr.c: which addresses are not public */

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

/* queue.c: URLs queued by network rules, checked when files are done */

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

/** A place a URL is used, as a network check kind's judge sees it. */
struct ogc_net_place {
	const char *field;
	const char *value; /* the URL as written */
	struct ogc_pos pos;
	struct ogc_pos end;
	struct ogc_declared declared;
};

/*
 * While files are checked, network rules queue the URLs they want checked
 * (ogc_ctx_queue_url()). Each distinct URL is kept once, in a hash set;
 * each use keeps only indices and positions, and consecutive uses in one
 * file share the file's name, so the queue costs a few dozen bytes a use.
 * A file's uses are next to each other. The network stage (run/) reads
 * the members; only the functions below change them.
 */
struct ogc_net_use {
	uint32_t url;      /* index into urls */
	uint32_t file;     /* index into files */
	const void *group; /* the check's, opaque here */
	const char *field; /* borrowed from the rule */
	char *value;       /* owned: the URL as written, NULL when it is the
	                      normalised URL itself */
	struct ogc_pos pos;
	struct ogc_pos end;
	struct ogc_declared declared;
};

/** The URLs the checked files queued, deduplicated, and their uses. */
struct ogc_net_queue {
	struct ogc_net_use *uses;
	size_t use_count;
	size_t use_cap;
	char **urls; /* owned, distinct */
	bool *want_image; /* by url index */
	size_t want_cap;
	size_t url_count;
	size_t url_cap;
	uint32_t *slots; /* hash set: url index + 1, 0 when empty */
	size_t slot_count; /* a power of two, at least twice url_count */
	char **files; /* owned */
	size_t file_count;
	size_t file_cap;
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

#endif
