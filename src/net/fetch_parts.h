/* fetch_parts.h: fetch.c's helpers: the host table (hosts.c), libcurl's error texts. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_NET_FETCH_PARTS_H
#define OGC_NET_FETCH_PARTS_H

#include <stdbool.h>
#include <stddef.h>

struct ogc_host_stats;

/* Failures of one kind in a row after which a host is taken as down. */
#define OGC_HOST_DOWN_AFTER 3

/* One host and port that requests went to. */
struct ogc_host {
	char *key;             /* owned: "host:port" */
	unsigned active;       /* requests running */
	bool multiplexed;      /* it answered over HTTP/2: requests share
	                          its connections, up to the streams cap */
	const char *fail_kind; /* static: the kind of the failures in a row
	                          ("timed out"); NULL after an answer */
	unsigned fail_run;     /* how many in a row */
	bool down;             /* fail_run reached OGC_HOST_DOWN_AFTER */
	unsigned long requests; /* requests started */
	unsigned long failures; /* requests that got no answer */
	unsigned long by_kind[4]; /* ... of them: timed out, host not found,
	                             could not connect, TLS error */
	long long ms;           /* the time its requests took, summed */
};

/* The hosts of one fetch, in the order they were met. */
struct ogc_host_table {
	struct ogc_host *hosts;
	size_t count;
	size_t cap;
};

/**
 * The index of the host and port of absolute URL `url` in the table,
 * added when new. False when memory ran out.
 */
bool
ogc_host_find(struct ogc_host_table *table, const char *url, size_t *out);

/**
 * The length of the part of a host key that names it: "img.example.org"
 * of "img.example.org:443" (ports 80 and 443 left out), all of
 * "127.0.0.1:8080".
 */
size_t
ogc_host_name_len(const char *key);

/**
 * The counts of the table's hosts as a new array in *out (the caller's
 * to free(), with each host string), NULL when there are none. False
 * when memory ran out.
 */
bool
ogc_host_table_stats(const struct ogc_host_table *table,
	struct ogc_host_stats **out, size_t *count);

/** Frees what the table holds and zeroes it. */
void
ogc_host_table_finish(struct ogc_host_table *table);

/**
 * The connection slots `active` requests to host h take: one each over
 * HTTP/1.1, one per `streams` over HTTP/2 (rounded up).
 */
unsigned
ogc_host_slots(const struct ogc_host *h, unsigned active, unsigned streams);

/**
 * Records how a request to h ended, which took `ms`: `answered` (any HTTP
 * answer), or failed; `kind` names a failure that says the host itself is
 * unwell ("host not found", "could not connect", "TLS error", "timed
 * out"), NULL for other failures. Returns true when this made the host
 * down: OGC_HOST_DOWN_AFTER failures of one kind in a row.
 */
bool
ogc_host_record(struct ogc_host *h, bool answered, const char *kind,
	long long ms);

/* curl_text.c */

/**
 * Removes the timings libcurl puts in its error texts ("after 1001
 * milliseconds", "after 0 ms"), in place, so a report is the same every
 * run.
 */
void
ogc_curl_drop_timings(char *s);

/**
 * What a libcurl error code means, in the words of a diagnostic ("timed
 * out", "host not found", "TLS error"...): a static string.
 */
const char *
ogc_curl_error_kind(int rc);

#endif
