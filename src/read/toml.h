/* toml.h: the TOML reader's state and lexer, for toml_lex.c and toml_doc.c. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_READ_TOML_H
#define OGC_READ_TOML_H

#include "read/read.h"
#include "util/util.h"

/*
 * Private to the TOML reader: toml_lex.c turns the bytes into keys,
 * strings and checked values; toml_doc.c builds the tables from them.
 * A failing function has recorded the parse's one fatal problem (or set
 * doc->nomem) and set p->failed; the caller only stops.
 */

/** A node of the tree being built: defined and used in toml_doc.c only. */
struct tnode;

/** An entry of toml_doc.c's member index, which only it reads. */
struct slot;

/**
 * The state of one parse, owned by ogc_toml_parse() on its stack: the
 * text (not owned, not NUL-terminated), the read cursor, the document
 * the tree and problems go to, and the key or string being decoded.
 */
struct parser {
	const char *s;
	size_t len;
	size_t i; /* the next byte to read */
	unsigned first_line;
	/* a position cursor that only moves forward: s[at_off] is at
	   at_line:at_col */
	size_t at_off;
	unsigned at_line;
	unsigned at_col;
	struct ogc_doc *doc;
	struct ogc_arena *arena;
	size_t nodes;
	bool failed; /* a fatal problem was recorded, or memory ran out */
	struct tnode *root;
	struct tnode *table; /* the table keys go to: the last header's */
	unsigned table_depth;
	/* keys of every map, open addressing: duplicates in O(1) */
	struct slot *slots;
	size_t slot_cap; /* a power of two, or 0 */
	size_t slot_used;
	uint64_t seed;
	struct ogc_strbuf buf; /* the string or key being decoded */
};

/* toml_lex.c: positions and problems */

/** The position (file line and column) of the next byte to read. */
struct ogc_pos
ogc_toml_here(struct parser *p);

/**
 * Records that the TOML is not valid (front-matter-invalid) at `pos`,
 * with a printf-style message; only the first problem of a parse is kept.
 */
void
ogc_toml_fail(struct parser *p, struct ogc_pos pos, const char *fmt, ...)
	OGC_PRINTF(3, 4);

/**
 * Records that the TOML runs past one of the limits: `rule` is its
 * limit-* id. Only the first problem of a parse is kept.
 */
void
ogc_toml_fail_limit(struct parser *p, const char *rule, struct ogc_pos pos,
	const char *fmt, ...) OGC_PRINTF(4, 5);

/** Records that memory ran out: doc->nomem, and the parse stops. */
void
ogc_toml_nomem(struct parser *p);

/**
 * Records "expected `what`, found ..." at the cursor, naming what is
 * there instead.
 */
void
ogc_toml_fail_expected(struct parser *p, const char *what);

/**
 * How many bytes of s[0..len), at most about max, end on a character:
 * a length for "%.*s" that does not cut a UTF-8 sequence.
 */
int
ogc_toml_clip(const char *s, size_t len, size_t max);

/**
 * Names the character at s[off] for a message: 'x', U+00E9, "the end of
 * the line"... Returns a constant string or `out` (of `size` bytes),
 * which it writes.
 */
const char *
ogc_toml_describe(const struct parser *p, size_t off, char *out,
	size_t size);

/* toml_lex.c: reading the bytes */

/** The byte k bytes ahead of the cursor, or NUL past the end. */
char
ogc_toml_peek(const struct parser *p, size_t k);

/** True when the cursor is past the last byte. */
bool
ogc_toml_at_end(const struct parser *p);

/** True when the cursor is at a newline, LF or CRLF. */
bool
ogc_toml_at_newline(const struct parser *p);

/** Moves the cursor past spaces and tabs. */
void
ogc_toml_skip_blanks(struct parser *p);

/**
 * Reads what ends a line: blanks, a comment, then a newline (read too)
 * or the end. `after` names what came before, for the message; false
 * (the problem recorded) when anything else follows.
 */
bool
ogc_toml_end_of_line(struct parser *p, const char *after);

/**
 * Reads blanks, newlines and comments, as arrays allow between items;
 * false on a control character in a comment.
 */
bool
ogc_toml_skip_space_and_comments(struct parser *p);

/**
 * Reads a one-line string, "basic" (with escapes) or 'literal', at its
 * quote, decoded into p->buf; the cursor ends after the closing quote.
 * False (the problem recorded) when it is unterminated or invalid.
 */
bool
ogc_toml_parse_line_string(struct parser *p);

/**
 * Reads a multi-line string, """basic""" or '''literal''', at its first
 * quote, decoded into p->buf; the cursor ends after the closing quotes.
 * False (the problem recorded) when it is unterminated or invalid.
 */
bool
ogc_toml_parse_multiline_string(struct parser *p);

/**
 * Reads one segment of a key into p->buf: bare (A-Z a-z 0-9 _ -),
 * "basic" or 'literal'. Sets *pos to where it starts; false (the problem
 * recorded) when there is no valid key at the cursor.
 */
bool
ogc_toml_parse_simple_key(struct parser *p, struct ogc_pos *pos);

/**
 * True for the bytes of a value written without quotes: those of a bare
 * key, '+', '.' and ':'.
 */
bool
ogc_toml_is_token_char(char c);

/**
 * Reads a value written without quotes at the cursor (a boolean, number
 * or date, at `pos`) and checks it; sets *len to its length in bytes,
 * which start at the cursor's old place and are kept as written. False
 * (the problem recorded) when it is not a valid TOML value.
 */
bool
ogc_toml_scan_bare_value(struct parser *p, struct ogc_pos pos, size_t *len);

#endif
