/* toml_doc.c: TOML front matter (Hugo's +++) -> a field tree with positions. */
/* SPDX-License-Identifier: MIT */
/*
 * A strict reader of TOML 1.0 (https://toml.io/en/v1.0.0) that builds the
 * same tree as yaml_doc.c: tables and inline tables are maps, arrays are
 * lists, every other value is text (strings decoded, numbers, booleans and
 * dates as written). Invalid TOML is one fatal problem with its place.
 *
 * Recursion happens only for arrays and inline tables, one level per
 * nested value, and stops at OGC_MAX_DEPTH; headers and dotted keys are
 * walked in loops.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "util/util.h"

/*
 * How a node came to be, for TOML's rules on defining things once
 * (https://toml.io/en/v1.0.0#table):
 *   [a.b.c]     a and b are IMPLICIT, c is HEADER
 *   [a]         a: IMPLICIT -> HEADER (allowed once)
 *   x.y = 1     x is DOTTED; [x] later is a second definition
 *   t = {k = 1} t is INLINE: closed for good
 *   [[p]]       p is AOT (a list of HEADER maps); a = [1] is ARRAY
 * A dotted key may pass through DOTTED tables and IMPLICIT ones (which
 * then count as DOTTED), a header through any table but an inline one.
 */
enum origin {
	ORIGIN_VALUE,    /* a scalar */
	ORIGIN_ARRAY,    /* a static array: [1, 2] */
	ORIGIN_AOT,      /* an array of tables: [[name]] */
	ORIGIN_IMPLICIT, /* a table only named on the way to another */
	ORIGIN_DOTTED,   /* a table defined by a dotted key */
	ORIGIN_HEADER,   /* a table defined by [name], the root, a [[ ]] item */
	ORIGIN_INLINE,   /* an inline table: {k = v} */
};

/* A node and what TOML needs to know about it. */
struct tnode {
	struct ogc_node node; /* first: a struct ogc_node * converts back */
	enum origin origin;
	size_t key_len;        /* keys may hold NUL ("\u0000") */
	struct ogc_node *last; /* the last child, for appending */
};

/* An entry of the member index: `member` is a member of `map`. */
struct slot {
	const struct tnode *map;
	struct tnode *member;
};

/* The state of one parse. */
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

/* Where byte `off` is. Moving back (for an error only) counts afresh. */
static struct ogc_pos
pos_at(struct parser *p, size_t off)
{
	struct ogc_pos pos;
	unsigned char c;

	if (off < p->at_off) {
		return ogc_utf8_pos(p->s, off, p->first_line);
	}
	while (p->at_off < off) {
		c = (unsigned char)p->s[p->at_off++];
		if (c == '\n') {
			p->at_line++;
			p->at_col = 1;
		} else if ((c & 0xc0) != 0x80) {
			p->at_col++;
		}
	}
	pos.line = p->at_line;
	pos.column = p->at_col;
	return pos;
}

static struct ogc_pos
here(struct parser *p)
{
	return pos_at(p, p->i);
}

static void
vfail(struct parser *p, const char *rule, struct ogc_pos pos,
	const char *fmt, va_list ap) OGC_PRINTF(4, 0);

/* Records the fatal problem, of rule `rule`; only the first one is kept. */
static void
vfail(struct parser *p, const char *rule, struct ogc_pos pos,
	const char *fmt, va_list ap)
{
	char msg[200];

	if (p->failed) {
		return;
	}
	p->failed = true;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	ogc_doc_problem(p->doc, rule, pos, "%s", msg);
}

static void
fail(struct parser *p, struct ogc_pos pos, const char *fmt, ...)
	OGC_PRINTF(3, 4);

/* The TOML is not valid: front-matter-invalid. */
static void
fail(struct parser *p, struct ogc_pos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(p, NULL, pos, fmt, ap);
	va_end(ap);
}

static void
fail_limit(struct parser *p, const char *rule, struct ogc_pos pos,
	const char *fmt, ...) OGC_PRINTF(4, 5);

/* The TOML runs past one of the limits: rule is its limit-* id. */
static void
fail_limit(struct parser *p, const char *rule, struct ogc_pos pos,
	const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(p, rule, pos, fmt, ap);
	va_end(ap);
}

static void
nomem(struct parser *p)
{
	p->doc->nomem = true;
	p->failed = true;
}

/* The byte k bytes ahead, or NUL past the end (the text holds no NUL). */
static char
peek(const struct parser *p, size_t k)
{
	return p->len - p->i > k ? p->s[p->i + k] : '\0';
}

static bool
at_end(const struct parser *p)
{
	return p->i >= p->len;
}

static bool
at_newline(const struct parser *p)
{
	return peek(p, 0) == '\n' || (peek(p, 0) == '\r' && peek(p, 1) == '\n');
}

static void
skip_newline(struct parser *p)
{
	p->i += peek(p, 0) == '\r' ? 2 : 1;
}

static void
skip_blanks(struct parser *p)
{
	while (peek(p, 0) == ' ' || peek(p, 0) == '\t') {
		p->i++;
	}
}

/* Control characters but tab: not allowed raw in strings and comments. */
static bool
is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

static bool
is_bare_key_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* How many bytes of s[0..len), at most about max, end on a character. */
static int
clip(const char *s, size_t len, size_t max)
{
	if (len <= max) {
		return (int)len;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80) {
		max--;
	}
	return (int)max;
}

/* Names the character at s[off] for a message: 'x', U+00E9, the end... */
static const char *
describe(const struct parser *p, size_t off, char *out, size_t size)
{
	unsigned char c;
	uint32_t cp;

	if (off >= p->len) {
		return "the end of the front matter";
	}
	c = (unsigned char)p->s[off];
	if (c == '\n' || (c == '\r' && off + 1 < p->len &&
		p->s[off + 1] == '\n')) {
		return "the end of the line";
	}
	if (c > 0x20 && c < 0x7f) {
		snprintf(out, size, "'%c'", c);
	} else if (c == ' ') {
		return "a space";
	} else {
		if (ogc_utf8_decode(p->s + off, p->len - off, &cp) == 0) {
			cp = c;
		}
		snprintf(out, size, "U+%04X", (unsigned)cp);
	}
	return out;
}

static void
fail_expected(struct parser *p, const char *what)
{
	char c[16];

	fail(p, here(p), "expected %s, found %s", what,
		describe(p, p->i, c, sizeof(c)));
}

/* A raw control character (not tab) in a string or comment. */
static void
fail_control(struct parser *p, bool in_string)
{
	unsigned c = (unsigned char)p->s[p->i];

	if (in_string) {
		fail(p, here(p), "control character U+%04X in a string: "
			"write it as an escape (\\u%04X)", c, c);
	} else {
		fail(p, here(p), "control character U+%04X in a comment", c);
	}
}

/*
 * A comment: '#' to the end of the line, which it leaves unread.
 *   # draft = true
 */
static bool
skip_comment(struct parser *p)
{
	if (peek(p, 0) != '#') {
		return true;
	}
	while (!at_end(p) && !at_newline(p)) {
		if (is_control((unsigned char)p->s[p->i])) {
			fail_control(p, false);
			return false;
		}
		p->i++;
	}
	return true;
}

/* Blanks, a comment, then a newline or the end: what ends a line. */
static bool
end_of_line(struct parser *p, const char *after)
{
	char c[16];

	skip_blanks(p);
	if (!skip_comment(p)) {
		return false;
	}
	if (at_end(p)) {
		return true;
	}
	if (at_newline(p)) {
		skip_newline(p);
		return true;
	}
	fail(p, here(p), "expected the end of the line after %s, found %s",
		after, describe(p, p->i, c, sizeof(c)));
	return false;
}

/* Blanks, newlines and comments, as arrays allow between items. */
static bool
skip_space_and_comments(struct parser *p)
{
	for (;;) {
		skip_blanks(p);
		if (!skip_comment(p)) {
			return false;
		}
		if (!at_newline(p)) {
			return true;
		}
		skip_newline(p);
	}
}

/* Member index: a seeded FNV-1a of the key, mixed with the map's address. */
static size_t
slot_hash(const struct parser *p, const struct tnode *map, const char *key,
	size_t len)
{
	uint64_t h = ogc_hash64(OGC_HASH64_START ^ p->seed, key, len);

	h ^= (uint64_t)(uintptr_t)map;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	return (size_t)h;
}

/* The member of `map` whose key is key[0..len), or NULL. */
static struct tnode *
find_member(const struct parser *p, const struct tnode *map, const char *key,
	size_t len)
{
	const struct slot *s;
	size_t mask = p->slot_cap - 1;
	size_t at;

	if (p->slot_cap == 0) {
		return NULL;
	}
	at = slot_hash(p, map, key, len) & mask;
	for (;;) {
		s = &p->slots[at];
		if (s->map == NULL) {
			return NULL;
		}
		if (s->map == map && s->member->key_len == len &&
			memcmp(s->member->node.key, key, len) == 0) {
			return s->member;
		}
		at = (at + 1) & mask;
	}
}

static void
slot_put(struct parser *p, const struct tnode *map, struct tnode *member)
{
	size_t mask = p->slot_cap - 1;
	size_t at = slot_hash(p, map, member->node.key, member->key_len) & mask;

	while (p->slots[at].map != NULL) {
		at = (at + 1) & mask;
	}
	p->slots[at].map = map;
	p->slots[at].member = member;
	p->slot_used++;
}

/* Keeps the index at most half full. */
static bool
slot_reserve(struct parser *p)
{
	struct slot *old = p->slots;
	size_t old_cap = p->slot_cap;
	size_t cap;
	size_t i;

	if ((p->slot_used + 1) * 2 <= p->slot_cap) {
		return true;
	}
	cap = old_cap != 0 ? old_cap * 2 : 64;
	p->slots = calloc(cap, sizeof(*p->slots));
	if (p->slots == NULL) {
		p->slots = old;
		nomem(p);
		return false;
	}
	p->slot_cap = cap;
	p->slot_used = 0;
	for (i = 0; i < old_cap; i++) {
		if (old[i].map != NULL) {
			slot_put(p, old[i].map, old[i].member);
		}
	}
	free(old);
	return true;
}

/* Appends `child` to a map or list; a map member goes in the index. */
static bool
append(struct parser *p, struct tnode *parent, struct tnode *child)
{
	if (parent->node.kind == OGC_NODE_MAP) {
		if (!slot_reserve(p)) {
			return false;
		}
		slot_put(p, parent, child);
	}
	if (parent->last == NULL) {
		parent->node.child = &child->node;
	} else {
		parent->last->next = &child->node;
	}
	parent->last = &child->node;
	return true;
}

/* A new node at nesting level `depth` (the root map is level 1). */
static struct tnode *
new_node(struct parser *p, enum ogc_node_kind kind, enum origin origin,
	struct ogc_pos pos, unsigned depth)
{
	struct tnode *t;

	if (depth > OGC_MAX_DEPTH) {
		fail_limit(p, "limit-depth", pos, "nested more than %u "
			"levels deep (limit depth): the front matter is not "
			"checked", OGC_MAX_DEPTH);
		return NULL;
	}
	if (++p->nodes > OGC_MAX_NODES) {
		fail_limit(p, "limit-values", pos, "the front matter "
			"holds more than %u values (limit values): it is "
			"not checked", OGC_MAX_NODES);
		return NULL;
	}
	t = ogc_arena_alloc(p->arena, sizeof(*t));
	if (t == NULL) {
		nomem(p);
		return NULL;
	}
	memset(t, 0, sizeof(*t));
	t->node.kind = kind;
	t->node.pos = pos;
	t->node.text = "";
	t->origin = origin;
	return t;
}

/* A copy of the buffer in the arena (NULL when out of memory). */
static char *
buf_copy(struct parser *p)
{
	char *copy = ogc_arena_strndup(p->arena, p->buf.data, p->buf.len);

	if (copy == NULL) {
		nomem(p);
	}
	return copy;
}

/* Gives `t` a copy of the key in the buffer, found at key_pos. */
static bool
set_key(struct parser *p, struct tnode *t, struct ogc_pos key_pos)
{
	char *key = buf_copy(p);

	if (key == NULL) {
		return false;
	}
	t->node.key = key;
	t->key_len = p->buf.len;
	t->node.key_pos = key_pos;
	return true;
}

/* Empties the buffer, which has storage from the start of the parse. */
static void
buf_reset(struct parser *p)
{
	p->buf.len = 0;
	p->buf.data[0] = '\0';
}

static bool
buf_add(struct parser *p, const char *s, size_t len)
{
	ogc_strbuf_add(&p->buf, s, len);
	if (p->buf.failed) {
		nomem(p);
		return false;
	}
	return true;
}

/* Appends code point cp (a Unicode scalar value) as UTF-8. */
static bool
buf_add_utf8(struct parser *p, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return buf_add(p, u, n);
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/*
 * An escape in a basic string, at the backslash; appends what it stands
 * for. TOML 1.0 has \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX, and the code
 * point must be a Unicode scalar value:
 *   "caf\u00E9"  -> café        "\q" -> invalid escape \q
 */
static bool
parse_escape(struct parser *p)
{
	static const char from[] = "btnfr\"\\";
	static const char to[] = "\b\t\n\f\r\"\\";
	struct ogc_pos pos = here(p);
	const char *hit;
	char e = peek(p, 1);
	char c[16];
	uint32_t cp = 0;
	size_t digits;
	size_t k;
	int v;

	hit = e != '\0' ? strchr(from, e) : NULL;
	if (hit != NULL) {
		p->i += 2;
		return buf_add(p, &to[hit - from], 1);
	}
	if (e != 'u' && e != 'U') {
		if (e > 0x20 && e < 0x7f) {
			fail(p, pos, "invalid escape \\%c in a string (TOML has "
				"\\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)",
				e);
		} else {
			fail(p, pos, "invalid escape: a backslash followed by "
				"%s in a string (write \\\\ for a backslash)",
				describe(p, p->i + 1, c, sizeof(c)));
		}
		return false;
	}
	digits = e == 'u' ? 4 : 8;
	for (k = 0; k < digits; k++) {
		v = hex_value(peek(p, 2 + k));
		if (v < 0) {
			fail(p, pos, "invalid escape \\%c: it needs %zu hex "
				"digits", e, digits);
			return false;
		}
		cp = cp << 4 | (uint32_t)v;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		fail(p, pos, "invalid escape \\%c%.*s: not a Unicode scalar "
			"value", e, (int)digits, p->s + p->i + 2);
		return false;
	}
	p->i += 2 + digits;
	return buf_add_utf8(p, cp);
}


/*
 * Copies the run of plain characters at the cursor, up to a quote, a
 * backslash or a control character (the first one is plain), into the
 * buffer.
 */
static bool
copy_run(struct parser *p, char quote)
{
	size_t run = 1;

	while (p->i + run < p->len && p->s[p->i + run] != quote &&
		p->s[p->i + run] != '\\' &&
		!is_control((unsigned char)p->s[p->i + run])) {
		run++;
	}
	if (!buf_add(p, p->s + p->i, run)) {
		return false;
	}
	p->i += run;
	return true;
}
/*
 * A one-line string, "basic" (with escapes) or 'literal', at its quote,
 * decoded into the buffer; leaves p->i after the closing quote.
 *   "Harbour\u2019s"  -> Harbour’s      'C:\path'  -> C:\path
 */
static bool
parse_line_string(struct parser *p)
{
	char quote = peek(p, 0);
	struct ogc_pos open = here(p);

	p->i++;
	buf_reset(p);
	for (;;) {
		if (at_end(p) || at_newline(p)) {
			fail(p, open, quote == '"' ? "unterminated string: a "
				"\"...\" string must end on its line (use "
				"\"\"\"...\"\"\" for several lines)" : "unterminated "
				"string: a '...' string must end on its line (use "
				"'''...''' for several lines)");
			return false;
		}
		if (peek(p, 0) == quote) {
			p->i++;
			return true;
		}
		if (quote == '"' && peek(p, 0) == '\\') {
			if (!parse_escape(p)) {
				return false;
			}
			continue;
		}
		if (is_control((unsigned char)p->s[p->i])) {
			fail_control(p, true);
			return false;
		}
		if (!copy_run(p, quote)) {
			return false;
		}
	}
}

/*
 * A multi-line string, """basic""" or '''literal''', at its first quote.
 * A newline right after the opening quotes is dropped; in a basic one a
 * backslash that ends a line trims the whitespace and newlines after it.
 * One or two quotes may end the content: """a""""" -> a"".
 *   """
 *   Roses \
 *     are red"""   -> Roses are red
 */
static bool
parse_multiline_string(struct parser *p)
{
	char quote = peek(p, 0);
	struct ogc_pos open = here(p);
	size_t run;
	size_t k;

	p->i += 3;
	buf_reset(p);
	if (at_newline(p)) {
		skip_newline(p);
	}
	for (;;) {
		if (at_end(p)) {
			fail(p, open, quote == '"' ? "unterminated multi-line "
				"string: no closing \"\"\"" : "unterminated "
				"multi-line string: no closing '''");
			return false;
		}
		if (peek(p, 0) == quote) {
			run = 1;
			while (peek(p, run) == quote) {
				run++;
			}
			if (run > 5) {
				fail(p, here(p), "%zu quotes in a row in a "
					"multi-line string: three or more must be "
					"escaped", run);
				return false;
			}
			k = run >= 3 ? run - 3 : run;
			if (!buf_add(p, p->s + p->i, k)) {
				return false;
			}
			p->i += run;
			if (run >= 3) {
				return true;
			}
			continue;
		}
		if (quote == '"' && peek(p, 0) == '\\') {
			k = 1;
			while (peek(p, k) == ' ' || peek(p, k) == '\t') {
				k++;
			}
			if (peek(p, k) == '\n' || (peek(p, k) == '\r' &&
				peek(p, k + 1) == '\n')) {
				/* a line-ending backslash */
				p->i += k;
				while (at_newline(p) || peek(p, 0) == ' ' ||
					peek(p, 0) == '\t') {
					p->i += peek(p, 0) == '\r' ? 2 : 1;
				}
				continue;
			}
			if (!parse_escape(p)) {
				return false;
			}
			continue;
		}
		if (at_newline(p)) {
			/* CRLF reads as LF */
			skip_newline(p);
			if (!buf_add(p, "\n", 1)) {
				return false;
			}
			continue;
		}
		if (is_control((unsigned char)p->s[p->i])) {
			fail_control(p, true);
			return false;
		}
		if (!copy_run(p, quote)) {
			return false;
		}
	}
}

/*
 * One segment of a key into the buffer: bare (A-Z a-z 0-9 _ -), "basic"
 * or 'literal'. Sets *pos to where it starts.
 *   og.title   "og:title"   'the key'
 */
static bool
parse_simple_key(struct parser *p, struct ogc_pos *pos)
{
	size_t start = p->i;
	char c = peek(p, 0);

	*pos = here(p);
	if (c == '"' || c == '\'') {
		if (peek(p, 1) == c && peek(p, 2) == c) {
			fail(p, *pos, "a multi-line string cannot be a key");
			return false;
		}
		return parse_line_string(p);
	}
	while (is_bare_key_char(peek(p, 0))) {
		p->i++;
	}
	if (p->i == start) {
		fail_expected(p, "a key");
		return false;
	}
	buf_reset(p);
	return buf_add(p, p->s + start, p->i - start);
}

/* Days in a month of the proleptic Gregorian calendar. */
static unsigned
days_in_month(unsigned year, unsigned month)
{
	static const unsigned char days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/* The number in t[0..n) of n digits, or -1. */
static long
digits_value(const char *t, size_t n)
{
	long v = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		if (!is_digit(t[k])) {
			return -1;
		}
		v = v * 10 + (t[k] - '0');
	}
	return v;
}

/*
 * Checks a time HH:MM:SS[.fraction] at t[0..n); returns its length, or 0
 * with the reason in *why. TOML 1.0 requires the seconds.
 */
static size_t
check_time(const char *t, size_t n, const char **why)
{
	long h;
	long m;
	long s;
	size_t k = 8;

	if (n < 8 || t[2] != ':' || t[5] != ':') {
		*why = "expected a time HH:MM:SS";
		return 0;
	}
	h = digits_value(t, 2);
	m = digits_value(t + 3, 2);
	s = digits_value(t + 6, 2);
	if (h < 0 || m < 0 || s < 0) {
		*why = "expected a time HH:MM:SS";
		return 0;
	}
	/* no leap second: Go's time (Hugo) and most TOML readers refuse :60 */
	if (h > 23 || m > 59 || s > 59) {
		*why = "no such time of day";
		return 0;
	}
	if (k < n && t[k] == '.') {
		k++;
		if (k >= n || !is_digit(t[k])) {
			*why = "a fraction of a second needs digits";
			return 0;
		}
		while (k < n && is_digit(t[k])) {
			k++;
		}
	}
	return k;
}

/*
 * Checks a date, date-time or time as written, at t[0..n): a real
 * calendar date, 'T', 't' or a space before the time, an offset Z or
 * +HH:MM. NULL when valid, else why not.
 *   1979-05-27T07:32:00-08:00  1979-05-27 07:32:00.999  1979-05-27  07:32:00
 */
static const char *
check_datetime(const char *t, size_t n)
{
	const char *why = "expected a date YYYY-MM-DD";
	long hours;
	long minutes;
	long year;
	long month;
	long day;
	size_t k;
	size_t used;

	if (n >= 3 && t[2] == ':') {
		used = check_time(t, n, &why);
		if (used == 0) {
			return why;
		}
		return used == n ? NULL : "unexpected text after the time";
	}
	if (n < 10 || t[4] != '-' || t[7] != '-') {
		return why;
	}
	year = digits_value(t, 4);
	month = digits_value(t + 5, 2);
	day = digits_value(t + 8, 2);
	if (year < 0 || month < 0 || day < 0) {
		return why;
	}
	if (month < 1 || month > 12) {
		return "no such month";
	}
	if (day < 1 || (unsigned long)day > days_in_month((unsigned)year,
		(unsigned)month)) {
		return "no such day in that month";
	}
	if (n == 10) {
		return NULL;
	}
	if (t[10] != 'T' && t[10] != 't' && t[10] != ' ') {
		return "expected T or a space between the date and the time";
	}
	used = check_time(t + 11, n - 11, &why);
	if (used == 0) {
		return why;
	}
	k = 11 + used;
	if (k == n) {
		return NULL;
	}
	if ((t[k] == 'Z' || t[k] == 'z') && k + 1 == n) {
		return NULL;
	}
	if ((t[k] == '+' || t[k] == '-') && n - k == 6 && t[k + 3] == ':') {
		hours = digits_value(t + k + 1, 2);
		minutes = digits_value(t + k + 4, 2);
		if (hours > 23 || minutes > 59) {
			return "no such time offset";
		}
		if (hours >= 0 && minutes >= 0) {
			return NULL;
		}
	}
	return "expected Z or an offset +HH:MM after the time";
}

/*
 * Reads digits of `base` with single underscores between them from
 * t[*k..n). Returns how many digits, or -1 when an underscore is not
 * between two digits.
 */
static long
scan_digits(const char *t, size_t n, size_t *k, int base)
{
	long count = 0;
	int v;

	while (*k < n) {
		v = hex_value(t[*k]);
		if (t[*k] == '_') {
			v = *k + 1 < n ? hex_value(t[*k + 1]) : -1;
			if (count == 0 || v < 0 || v >= base) {
				return -1;
			}
		} else if (v < 0 || v >= base) {
			break;
		} else {
			count++;
		}
		(*k)++;
	}
	return count;
}

/* True when the digits t[0..n) of `base` (underscores aside) exceed max. */
static bool
too_large(const char *t, size_t n, unsigned base, uint64_t max)
{
	uint64_t v = 0;
	uint64_t d;
	size_t k;

	for (k = 0; k < n; k++) {
		if (t[k] == '_') {
			continue;
		}
		d = (uint64_t)hex_value(t[k]);
		if (v > (max - d) / base) {
			return true;
		}
		v = v * base + d;
	}
	return false;
}

/*
 * Checks a number as written at t[0..n): decimal integers with an
 * optional sign, 0x/0o/0b integers, floats with a fraction and/or an
 * exponent, inf and nan. Underscores sit between digits; no leading zeros;
 * integers fit in 64 bits. Fails with the reason.
 *   +1_000  0xDEAD_BEEF  6.626e-34  -inf      007 -> leading zeros
 */
static bool
check_number(struct parser *p, struct ogc_pos pos, const char *t, size_t n)
{
	const char *digits;
	int shown = clip(t, n, 40);
	size_t k = 0;
	size_t int_start;
	bool is_float = false;
	bool neg = false;
	unsigned base = 0;

	if (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-';
		k = 1;
	}
	if ((n - k == 3 && (memcmp(t + k, "inf", 3) == 0 ||
		memcmp(t + k, "nan", 3) == 0))) {
		return true;
	}
	if (n - k >= 2 && t[k] == '0' && (t[k + 1] == 'x' || t[k + 1] == 'o' ||
		t[k + 1] == 'b')) {
		base = t[k + 1] == 'x' ? 16 : t[k + 1] == 'o' ? 8 : 2;
		if (k != 0) {
			fail(p, pos, "a sign is not allowed on a hexadecimal, "
				"octal or binary integer: %.*s", shown, t);
			return false;
		}
		k = 2;
		digits = t + k;
		if (scan_digits(t, n, &k, (int)base) <= 0 || k != n) {
			fail(p, pos, "invalid %s integer %.*s", base == 16 ?
				"hexadecimal" : base == 8 ? "octal" : "binary",
				shown, t);
			return false;
		}
		if (too_large(digits, (size_t)(t + n - digits), base,
			INT64_MAX)) {
			goto range;
		}
		return true;
	}
	int_start = k;
	if (k >= n || !is_digit(t[k])) {
		goto invalid;
	}
	if (t[k] == '0' && k + 1 < n &&
		(is_digit(t[k + 1]) || t[k + 1] == '_')) {
		fail(p, pos, "leading zeros are not allowed in %.*s", shown, t);
		return false;
	}
	if (scan_digits(t, n, &k, 10) < 0) {
		goto underscore;
	}
	digits = t + int_start;
	if (k < n && t[k] == '.') {
		k++;
		is_float = true;
		if (k >= n || !is_digit(t[k])) {
			fail(p, pos, "invalid number %.*s: a decimal point "
				"needs digits on both sides", shown, t);
			return false;
		}
		if (scan_digits(t, n, &k, 10) < 0) {
			goto underscore;
		}
	}
	if (k < n && (t[k] == 'e' || t[k] == 'E')) {
		k++;
		is_float = true;
		if (k < n && (t[k] == '+' || t[k] == '-')) {
			k++;
		}
		if (k >= n || !is_digit(t[k])) {
			goto invalid;
		}
		if (scan_digits(t, n, &k, 10) < 0) {
			goto underscore;
		}
	}
	if (k != n) {
		goto invalid;
	}
	if (!is_float && too_large(digits, n - int_start, 10,
		neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX)) {
		goto range;
	}
	return true;
range:
	fail(p, pos, "integer %.*s is out of range (TOML integers are "
		"64-bit)", shown, t);
	return false;
underscore:
	fail(p, pos, "invalid number %.*s: an underscore must sit between two "
		"digits", shown, t);
	return false;
invalid:
	if ((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z')) {
		fail(p, pos, "invalid value %.*s: a string needs quotes "
			"(\"...\"), booleans are true and false", shown, t);
	} else {
		fail(p, pos, "invalid number %.*s", shown, t);
	}
	return false;
}

static bool
is_token_char(char c)
{
	return is_bare_key_char(c) || c == '+' || c == '.' || c == ':';
}

/*
 * A value written without quotes, at p->i: a boolean, number or date,
 * checked and kept as written. A date followed by a space and a time is
 * one value (1979-05-27 07:32:00Z).
 */
static struct tnode *
parse_bare_value(struct parser *p, struct ogc_pos pos, unsigned depth)
{
	size_t start = p->i;
	const char *t = p->s + start;
	const char *why;
	struct tnode *node;
	size_t n;

	while (is_token_char(peek(p, 0))) {
		p->i++;
	}
	n = p->i - start;
	if (n == 10 && is_digit(t[0]) && t[4] == '-' && peek(p, 0) == ' ' &&
		is_digit(peek(p, 1)) && is_digit(peek(p, 2)) &&
		peek(p, 3) == ':') {
		p->i++;
		while (is_token_char(peek(p, 0))) {
			p->i++;
		}
		n = p->i - start;
	}
	if ((n == 4 && memcmp(t, "true", 4) == 0) ||
		(n == 5 && memcmp(t, "false", 5) == 0)) {
		/* a boolean */
	} else if ((n >= 5 && is_digit(t[0]) && is_digit(t[1]) &&
		is_digit(t[2]) && is_digit(t[3]) && t[4] == '-') ||
		(n >= 3 && is_digit(t[0]) && is_digit(t[1]) && t[2] == ':')) {
		why = check_datetime(t, n);
		if (why != NULL) {
			fail(p, pos, "invalid date or time %.*s: %s",
				clip(t, n, 40), t, why);
			return NULL;
		}
	} else if (!check_number(p, pos, t, n)) {
		return NULL;
	}
	node = new_node(p, OGC_NODE_SCALAR, ORIGIN_VALUE, pos, depth);
	if (node == NULL) {
		return NULL;
	}
	node->node.text = ogc_arena_strndup(p->arena, t, n);
	if (node->node.text == NULL) {
		nomem(p);
		return NULL;
	}
	node->node.len = n;
	node->node.end = here(p);
	return node;
}

static struct tnode *
parse_value(struct parser *p, unsigned depth);

static bool
parse_keyval(struct parser *p, struct tnode *base, unsigned depth);

/*
 * An array at its '[': values separated by commas, over several lines if
 * need be, with comments and a trailing comma allowed.
 *   tags = [
 *     "hugo", # the generator
 *     "toml",
 *   ]
 */
static struct tnode *
parse_array(struct parser *p, struct ogc_pos pos, unsigned depth)
{
	struct tnode *seq;
	struct tnode *item;
	char c[16];

	seq = new_node(p, OGC_NODE_SEQ, ORIGIN_ARRAY, pos, depth);
	if (seq == NULL) {
		return NULL;
	}
	p->i++;
	for (;;) {
		if (!skip_space_and_comments(p)) {
			return NULL;
		}
		if (peek(p, 0) == ']') {
			p->i++;
			return seq;
		}
		if (at_end(p)) {
			fail(p, pos, "unterminated array: no closing ]");
			return NULL;
		}
		item = parse_value(p, depth + 1);
		if (item == NULL || !append(p, seq, item)) {
			return NULL;
		}
		if (!skip_space_and_comments(p)) {
			return NULL;
		}
		if (peek(p, 0) == ',') {
			p->i++;
		} else if (peek(p, 0) != ']') {
			fail(p, here(p), "expected , or ] after an item of "
				"the array started at line %u, column %u, found "
				"%s", pos.line, pos.column,
				describe(p, p->i, c, sizeof(c)));
			return NULL;
		}
	}
}

/*
 * An inline table at its '{': key = value pairs separated by commas, on
 * one line, without a trailing comma. It is closed once read: neither a
 * header nor a dotted key may add to it.
 *   author = {name = "Ann", email = "ann@example.org"}
 */
static struct tnode *
parse_inline_table(struct parser *p, struct ogc_pos pos, unsigned depth)
{
	struct tnode *map;
	char c[16];

	map = new_node(p, OGC_NODE_MAP, ORIGIN_INLINE, pos, depth);
	if (map == NULL) {
		return NULL;
	}
	p->i++;
	skip_blanks(p);
	if (peek(p, 0) == '}') {
		p->i++;
		return map;
	}
	while (!at_end(p) && !at_newline(p)) {
		if (!parse_keyval(p, map, depth)) {
			return NULL;
		}
		skip_blanks(p);
		if (peek(p, 0) == '}') {
			p->i++;
			return map;
		}
		if (peek(p, 0) != ',') {
			break;
		}
		p->i++;
		skip_blanks(p);
		if (peek(p, 0) == '}') {
			fail(p, here(p), "a trailing comma is not allowed in an "
				"inline table");
			return NULL;
		}
	}
	if (at_end(p)) {
		fail(p, pos, "unterminated inline table: no closing }");
	} else if (at_newline(p)) {
		fail(p, here(p), "an inline table must stay on one line (the "
			"one started at line %u, column %u)", pos.line,
			pos.column);
	} else {
		fail(p, here(p), "expected , or } in the inline table started "
			"at line %u, column %u, found %s", pos.line, pos.column,
			describe(p, p->i, c, sizeof(c)));
	}
	return NULL;
}

/* Any value, at p->i, as a node at nesting level `depth`. */
static struct tnode *
parse_value(struct parser *p, unsigned depth)
{
	struct ogc_pos pos = here(p);
	struct tnode *node;
	char c = peek(p, 0);
	bool ok;

	if (c == '[') {
		return parse_array(p, pos, depth);
	}
	if (c == '{') {
		return parse_inline_table(p, pos, depth);
	}
	if (c == '"' || c == '\'') {
		node = new_node(p, OGC_NODE_SCALAR, ORIGIN_VALUE, pos, depth);
		if (node == NULL) {
			return NULL;
		}
		if (peek(p, 1) == c && peek(p, 2) == c) {
			ok = parse_multiline_string(p);
		} else {
			ok = parse_line_string(p);
		}
		if (!ok) {
			return NULL;
		}
		node->node.text = buf_copy(p);
		if (node->node.text == NULL) {
			return NULL;
		}
		node->node.len = p->buf.len;
		node->node.end = here(p);
		return node;
	}
	if (is_token_char(c)) {
		return parse_bare_value(p, pos, depth);
	}
	fail_expected(p, "a value");
	return NULL;
}

/* The line a member was first defined on, for messages. */
static unsigned
defined_line(const struct tnode *t)
{
	return t->node.key != NULL ? t->node.key_pos.line : t->node.pos.line;
}

/* What a node is, for messages: "a value", "an inline table"... */
static const char *
origin_name(enum origin origin)
{
	switch (origin) {
	case ORIGIN_VALUE:
		return "a value";
	case ORIGIN_ARRAY:
		return "an array";
	case ORIGIN_AOT:
		return "an array of tables";
	case ORIGIN_INLINE:
		return "an inline table";
	case ORIGIN_HEADER:
		return "a table with a [header]";
	case ORIGIN_DOTTED:
		return "a table of dotted keys";
	case ORIGIN_IMPLICIT:
		break;
	}
	return "a table";
}

/*
 * The key in the buffer names `t`, which cannot be used as `use` says:
 *   key "a" is already a value (line 2): a dotted key cannot add to it
 */
static void
fail_conflict(struct parser *p, struct ogc_pos pos, const struct tnode *t,
	const char *use)
{
	fail(p, pos, "key \"%.*s\" is already %s (line %u): %s",
		clip(p->buf.data, p->buf.len, 60), p->buf.data,
		origin_name(t->origin), defined_line(t), use);
}

/*
 * A key/value pair into table `base` (at level `depth`), at its key:
 * each dotted segment but the last names a table, made on the way.
 *   og.title = "Harbour"   site."og:image" = 'a.png'
 */
static bool
parse_keyval(struct parser *p, struct tnode *base, unsigned depth)
{
	struct tnode *t = base;
	struct tnode *next;
	struct tnode *value;
	struct ogc_pos key_pos;
	unsigned d = depth;
	size_t key_len;
	char *key;

	for (;;) {
		if (!parse_simple_key(p, &key_pos)) {
			return false;
		}
		skip_blanks(p);
		next = find_member(p, t, p->buf.data, p->buf.len);
		if (peek(p, 0) != '.') {
			break;
		}
		p->i++;
		skip_blanks(p);
		if (next == NULL) {
			next = new_node(p, OGC_NODE_MAP, ORIGIN_DOTTED, key_pos,
				d + 1);
			if (next == NULL || !set_key(p, next, key_pos) ||
				!append(p, t, next)) {
				return false;
			}
		} else if (next->origin == ORIGIN_IMPLICIT) {
			/* [a.b.c] named b; [a] then b.d = 1 defines it */
			next->origin = ORIGIN_DOTTED;
		} else if (next->origin != ORIGIN_DOTTED) {
			fail_conflict(p, key_pos, next,
				"a dotted key cannot add to it");
			return false;
		}
		t = next;
		d++;
	}
	if (peek(p, 0) != '=') {
		fail_expected(p, "= after the key");
		return false;
	}
	if (next != NULL) {
		fail(p, key_pos, "duplicate key \"%.*s\" (first at line %u)",
			clip(p->buf.data, p->buf.len, 60), p->buf.data,
			defined_line(next));
		return false;
	}
	/* the value may decode strings into the buffer: keep the key first */
	key = buf_copy(p);
	if (key == NULL) {
		return false;
	}
	key_len = p->buf.len;
	p->i++;
	skip_blanks(p);
	value = parse_value(p, d + 1);
	if (value == NULL) {
		return false;
	}
	value->node.key = key;
	value->node.key_pos = key_pos;
	value->key_len = key_len;
	return append(p, t, value);
}

/*
 * Defines the table [name] as member `next` (NULL: new) of `t`, at level
 * `d` of t; it becomes the table keys go to.
 */
static bool
define_table(struct parser *p, struct tnode *t, struct tnode *next,
	unsigned d, struct ogc_pos pos, struct ogc_pos key_pos,
	const char *name, int name_len)
{
	char use[100];

	if (next == NULL) {
		next = new_node(p, OGC_NODE_MAP, ORIGIN_HEADER, pos, d + 1);
		if (next == NULL || !set_key(p, next, key_pos) ||
			!append(p, t, next)) {
			return false;
		}
	} else if (next->origin == ORIGIN_IMPLICIT) {
		next->origin = ORIGIN_HEADER;
	} else if (next->node.kind == OGC_NODE_MAP) {
		fail(p, pos, "a table [%.*s] defined twice (first at line %u)",
			name_len, name, defined_line(next));
		return false;
	} else {
		snprintf(use, sizeof(use), next->origin == ORIGIN_AOT ?
			"[[%.*s]] adds a table to it" :
			"[%.*s] cannot make it a table", name_len, name);
		fail_conflict(p, pos, next, use);
		return false;
	}
	p->table = next;
	p->table_depth = d + 1;
	return true;
}

/*
 * Adds a table to the array of tables [[name]], member `next` (NULL: new)
 * of `t`, at level `d` of t; it becomes the table keys go to.
 */
static bool
add_table(struct parser *p, struct tnode *t, struct tnode *next,
	unsigned d, struct ogc_pos pos, struct ogc_pos key_pos,
	const char *name, int name_len)
{
	struct tnode *item;
	char use[100];

	if (next == NULL) {
		next = new_node(p, OGC_NODE_SEQ, ORIGIN_AOT, pos, d + 1);
		if (next == NULL || !set_key(p, next, key_pos) ||
			!append(p, t, next)) {
			return false;
		}
	} else if (next->origin != ORIGIN_AOT) {
		snprintf(use, sizeof(use), "[[%.*s]] cannot add a table to it",
			name_len, name);
		fail_conflict(p, pos, next, use);
		return false;
	}
	item = new_node(p, OGC_NODE_MAP, ORIGIN_HEADER, pos, d + 2);
	if (item == NULL || !append(p, next, item)) {
		return false;
	}
	p->table = item;
	p->table_depth = d + 2;
	return true;
}

/*
 * A table header [a.b] or an array of tables header [[a.b]], at its '[',
 * up to the end of its line; keys that follow go to the table it names.
 * Names before the last dot are walked (an array of tables: its last
 * table) or made IMPLICIT.
 *   [params]    [[menu.main]]    [ "og:image" ]
 */
static bool
parse_header(struct parser *p)
{
	struct ogc_pos pos = here(p);
	bool aot = peek(p, 1) == '[';
	struct tnode *t = p->root;
	struct tnode *next;
	struct ogc_pos key_pos;
	unsigned d = 1;
	size_t name_start;
	size_t name_end;
	const char *name;
	int name_len;

	p->i += aot ? 2 : 1;
	skip_blanks(p);
	name_start = p->i;
	for (;;) {
		if (!parse_simple_key(p, &key_pos)) {
			return false;
		}
		name_end = p->i;
		skip_blanks(p);
		next = find_member(p, t, p->buf.data, p->buf.len);
		if (peek(p, 0) != '.') {
			break;
		}
		p->i++;
		skip_blanks(p);
		if (next == NULL) {
			next = new_node(p, OGC_NODE_MAP, ORIGIN_IMPLICIT,
				key_pos, d + 1);
			if (next == NULL || !set_key(p, next, key_pos) ||
				!append(p, t, next)) {
				return false;
			}
		} else if (next->origin == ORIGIN_AOT) {
			/* the table last added to the array */
			next = (struct tnode *)(void *)next->last;
			d++;
		} else if (next->node.kind != OGC_NODE_MAP ||
			next->origin == ORIGIN_INLINE) {
			fail_conflict(p, key_pos, next,
				"a header cannot add to it");
			return false;
		}
		t = next;
		d++;
	}
	if (peek(p, 0) != ']' || (aot && peek(p, 1) != ']')) {
		fail_expected(p, aot ? "]] after the name of an array of "
			"tables" : "] after the table name");
		return false;
	}
	p->i += aot ? 2 : 1;
	if (!end_of_line(p, aot ? "]]" : "]")) {
		return false;
	}
	/* the name as written, for messages */
	name = p->s + name_start;
	name_len = clip(name, name_end - name_start, 60);
	if (aot) {
		return add_table(p, t, next, d, pos, key_pos, name, name_len);
	}
	return define_table(p, t, next, d, pos, key_pos, name, name_len);
}

/* Lines of key = value pairs, headers, comments and blank lines. */
static void
parse_document(struct parser *p)
{
	for (;;) {
		skip_blanks(p);
		if (at_end(p)) {
			return;
		}
		if (peek(p, 0) == '[') {
			if (!parse_header(p)) {
				return;
			}
			continue;
		}
		if (peek(p, 0) != '#' && !at_newline(p)) {
			if (!parse_keyval(p, p->table, p->table_depth)) {
				return;
			}
			if (!end_of_line(p, "the value")) {
				return;
			}
			continue;
		}
		if (!end_of_line(p, "a comment")) {
			return;
		}
	}
}

struct ogc_doc *
ogc_toml_parse(const char *text, size_t len, unsigned first_line)
{
	struct parser p;
	struct ogc_doc *doc;
	struct ogc_pos start = {first_line, 1};
	size_t bad;

	doc = ogc_doc_create();
	if (doc == NULL) {
		return NULL;
	}
	memset(&p, 0, sizeof(p));
	p.doc = doc;
	p.arena = doc->arena;
	p.s = text;
	p.len = len;
	p.first_line = first_line;
	p.at_line = first_line;
	p.at_col = 1;
	/* crafted keys should not all land in one chain of the index */
	p.seed = (uint64_t)(uintptr_t)doc ^ ((uint64_t)(uintptr_t)&p << 17);
	if (!ogc_utf8_valid(text, len, &bad)) {
		fail(&p, ogc_utf8_pos(text, bad, first_line),
			text[bad] == '\0' ? "a NUL byte: the front matter must "
			"be UTF-8 text" : "invalid UTF-8 byte 0x%02X: the "
			"front matter must be UTF-8 text",
			(unsigned char)text[bad]);

		goto out;
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		/* a byte order mark takes no column */
		p.i = 3;
		p.at_off = 3;
	}
	/* storage for the buffer, so that even an empty key has some */
	ogc_strbuf_add(&p.buf, "", 0);
	if (p.buf.failed) {
		nomem(&p);
		goto out;
	}
	p.root = new_node(&p, OGC_NODE_MAP, ORIGIN_HEADER, start, 1);
	if (p.root == NULL) {
		goto out;
	}
	p.table = p.root;
	p.table_depth = 1;
	parse_document(&p);
	if (!p.failed) {
		doc->root = &p.root->node;
	}
out:
	free(p.slots);
	ogc_strbuf_finish(&p.buf);
	if (doc->nomem) {
		ogc_doc_destroy(doc);
		return NULL;
	}
	return doc;
}
