/* json_out.h: building and printing JSON with cJSON, for render/ and store/. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_RENDER_JSON_OUT_H
#define OGC_RENDER_JSON_OUT_H

#include <cjson/cJSON.h>

#include "render/render.h"

/** Adds a string member; false when out of memory. */
bool
ogc_json_add_string(cJSON *obj, const char *name, const char *value);

/** Adds a number member; false when out of memory. */
bool
ogc_json_add_number(cJSON *obj, const char *name, double value);

/**
 * Prints `tree` indented by two spaces (the layout of the JSON report),
 * deletes it, and reports out-of-memory (tree NULL, or printing failed) or
 * a write error in err. Takes ownership of tree.
 */
bool
ogc_json_print(cJSON *tree, FILE *out, struct ogc_error *err);

/*
 * A report too big for a tree is written as a stream: its head (all but
 * the list of findings) built as a small tree, its findings written one at
 * a time, in the bytes ogc_json_print() would give the whole tree. Memory
 * is the caller's buffer, whatever the number of findings.
 */

/**
 * Bytes gathered for a stream and handed to it in big pieces: a finding
 * is some thirty pieces, and a stdio call costs more than copying one.
 * buf[0..len) waits to be written; cap is at least 64. Write errors stay
 * in the stream's error flag.
 */
struct ogc_json_sink {
	FILE *out;
	char *buf;
	size_t len;
	size_t cap;
};

/** Writes what waits in the buffer. */
void
ogc_json_sink_flush(struct ogc_json_sink *k);

/** Where the next n bytes go (n <= 64); the caller adds what it wrote to len. */
char *
ogc_json_sink_room(struct ogc_json_sink *k, size_t n);

/** Appends n bytes, however many. */
void
ogc_json_sink_put(struct ogc_json_sink *k, const char *s, size_t n);

/** A JSON string, escaped as cJSON prints one. */
void
ogc_json_put_string(struct ogc_json_sink *k, const char *s);

/** A number as cJSON prints a whole one that fits an int (%d). */
void
ogc_json_put_uint(struct ogc_json_sink *k, unsigned value);

/**
 * A report being streamed, indented as ogc_json_print() lays a tree out.
 * `first` says that the innermost array or object open has no member yet.
 */
struct ogc_json_stream {
	struct ogc_json_sink sink;
	char *head;       /* cJSON's compact text of the head; owned */
	const char *tail; /* in head: what follows the streamed list's "[]" */
	int depth;
	bool first;
};

/**
 * Prints the head up to the last array in it (its last member, or the last
 * member of its last member, and so on: cJSON's text ends "[]" and then
 * only closing brackets), which must be empty, and opens that array for
 * its items. buf of cap bytes is the sink's. Takes ownership of head;
 * false with err set when head is NULL or printing it ran out of memory,
 * and then nothing is to be closed.
 */
bool
ogc_json_stream_open(struct ogc_json_stream *s, cJSON *head, FILE *out,
	char *buf, size_t cap, struct ogc_error *err);

/** Opens an array ('[') or object ('{') as the next value. */
void
ogc_json_begin(struct ogc_json_stream *s, char open);

/** Closes the innermost array (']') or object ('}'): "[]" when empty. */
void
ogc_json_end(struct ogc_json_stream *s, char close);

/** Starts the next item of the innermost array; its value comes next. */
void
ogc_json_item(struct ogc_json_stream *s);

/**
 * Starts the next member of the innermost object: the key `name` (written
 * as it is: no byte of it is to be escaped); its value comes next.
 */
void
ogc_json_key(struct ogc_json_stream *s, const char *name);

/** A member whose value is a string. */
void
ogc_json_string_member(struct ogc_json_stream *s, const char *name,
	const char *value);

/** A member whose value is a number (see ogc_json_put_uint()). */
void
ogc_json_uint_member(struct ogc_json_stream *s, const char *name,
	unsigned value);

/**
 * Closes the streamed array, writes the rest of the head and a newline,
 * frees the head and flushes; false with err set when writing failed.
 */
bool
ogc_json_stream_close(struct ogc_json_stream *s, struct ogc_error *err);

#endif
