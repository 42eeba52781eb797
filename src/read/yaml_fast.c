/* yaml_fast.c: the plain shape of most front matter, read without libyaml. */
/* SPDX-License-Identifier: MIT */
/*
 * libyaml makes about 135 allocations for a page's front matter and can
 * neither reuse its buffers nor take an allocator (docs/benchmarks.md,
 * issue 17). Most front matter is a block map of `key: value` lines;
 * this reader builds the tree yaml_doc.c builds from libyaml's events for
 * that shape, node for node, with the same positions, and gives up on
 * anything else so that the caller hands the text to libyaml:
 *
 *   title: Harbour 'lights'     plain scalars, one line each
 *   og:                         a nested block map, by indentation
 *     image: "/a.png"           quoted on one line, no escapes
 *   tags: [a, b c, 'd']         a flow list of plain or quoted words
 *   authors:                    a block list of scalars or block maps
 *   - name: A                   (indented, or at the key's column)
 *     url: ~                    ~, null, Null, NULL or nothing: empty
 *
 * Given up on: tabs, control characters, a byte order mark, U+0085,
 * U+2028 and U+2029 (libyaml's reader and line breaks), a lone CR,
 * document markers, anchors, aliases, tags, `?` keys, merge keys, block
 * scalars, escapes, scalars over more than one line, flow maps, empty
 * list items, nested lists on one line, a repeated key, a key before
 * a blank, a root that is not a block map at column 1, and any line
 * indented in a way the shape does not expect. tests/unit/test_yaml_fast.c
 * holds the two readers to the same trees.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "util/util.h"

/* Well inside libyaml's own limits and OGC_MAX_DEPTH, OGC_MAX_NODES. */
#define FAST_MAX_DEPTH 32u
#define FAST_MAX_NODES 20000u
#define FAST_MAX_MEMBERS 512u
/* libyaml takes a simple key of at most 1024 characters */
#define FAST_MAX_KEY 1000u

/* The state of one read; `line` is the current content line. */
struct fast {
	struct ogc_doc *doc;
	const char *next; /* the first byte after the current line */
	const char *end;  /* of the text */
	unsigned first_line;
	const char *line; /* start of the current line; NULL at the end */
	const char *eol;  /* its CR or LF, or the end of the text */
	unsigned lineno;  /* 0-based */
	bool ascii;       /* no character past U+007F: a column is a byte */
	unsigned indent;  /* spaces before its content */
	/* the last column counted on the line: columns are characters */
	const char *col_at;
	unsigned col;
	size_t nodes;
	bool gave_up; /* not the shape, or out of memory (doc->nomem) */
};

/* Eight bytes at once: 0 when all are printable ASCII (0x20-0x7e). */
static uint64_t
not_printable(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u;
	const uint64_t highs = 0x8080808080808080u;
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	/* a byte below 0x20 borrows, 0x7f and up carry or have bit 7 */
	return ((w - 0x20 * ones) | (w + ones) | w) & highs;
}

/* A document marker (--- or ...) at p, or close to one: left to libyaml. */
static bool
is_marker(const unsigned char *p, const unsigned char *end)
{
	return end - p >= 3 && (p[0] == '-' || p[0] == '.') &&
		p[1] == p[0] && p[2] == p[0];
}

/*
 * The characters of the text, all at once: false for invalid UTF-8 and
 * for what libyaml's reader refuses or reads as a line break or marker
 * this reader leaves to it: controls but LF and CR LF (tabs too), DEL,
 * C1 controls with U+0085, U+2028, U+2029, U+FEFF (a byte order mark),
 * U+FFFE and U+FFFF. *ascii says no byte was past 0x7f, so that columns
 * are byte counts.
 */
static bool
plain_text(const char *s, size_t len, bool *ascii)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	uint32_t cp;
	size_t n;

	*ascii = true;
	if (is_marker(p, end)) {
		return false;
	}
	while (p < end) {
		if (end - p >= 8 && not_printable(p) == 0) {
			p += 8;
			continue;
		}
		if (*p >= 0x20 && *p < 0x7f) {
			p++;
			continue;
		}
		if (*p == '\n' || (*p == '\r' && end - p >= 2 && p[1] == '\n')) {
			p += *p == '\r' ? 2 : 1;
			if (is_marker(p, end)) {
				return false;
			}
			continue;
		}
		n = *p < 0x80 ? 0 : ogc_utf8_decode((const char *)p,
			(size_t)(end - p), &cp);
		if (n == 0 || cp < 0xa0 || cp == 0x2028 || cp == 0x2029 ||
			cp == 0xfeff || cp == 0xfffe || cp == 0xffff) {
			return false;
		}
		*ascii = false;
		p += n;
	}
	return true;
}

/* Makes the line at f->next current, blank or not. */
static void
load_line(struct fast *f)
{
	const char *nl;
	const char *p;

	f->line = f->next;
	nl = memchr(f->line, '\n', (size_t)(f->end - f->line));
	if (nl == NULL) {
		f->eol = f->end;
		f->next = f->end;
	} else {
		f->eol = nl > f->line && nl[-1] == '\r' ? nl - 1 : nl;
		f->next = nl + 1;
	}
	for (p = f->line; p < f->eol && *p == ' '; p++) {
	}
	f->indent = (unsigned)(p - f->line);
	f->col_at = f->line;
	f->col = 1;
}

/*
 * Moves to the next line with content, past blank lines and comments;
 * f->line is NULL when none is left. `first` loads the text's first line.
 */
static void
next_content(struct fast *f, bool first)
{
	const char *c;

	for (;;) {
		if (!first) {
			if (f->next >= f->end) {
				f->line = NULL;
				return;
			}
			f->lineno++;
		}
		first = false;
		load_line(f);
		c = f->line + f->indent;
		if (c < f->eol && *c != '#') {
			return;
		}
	}
}

/* The position of p on the current line; calls go left to right. */
static struct ogc_pos
pos_at(struct fast *f, const char *p)
{
	struct ogc_pos pos;

	pos.line = f->lineno + f->first_line;
	if (f->ascii) {
		pos.column = (unsigned)(p - f->line) + 1;
		return pos;
	}
	if (p < f->col_at) {
		f->col_at = f->line;
		f->col = 1;
	}
	for (; f->col_at < p; f->col_at++) {
		if ((*f->col_at & 0xc0) != 0x80) {
			f->col++;
		}
	}
	pos.column = f->col;
	return pos;
}

static bool
give_up(struct fast *f)
{
	f->gave_up = true;
	return false;
}

static struct ogc_node *
new_node(struct fast *f, enum ogc_node_kind kind, struct ogc_pos pos)
{
	struct ogc_node *node;

	if (++f->nodes > FAST_MAX_NODES) {
		give_up(f);
		return NULL;
	}
	node = ogc_node_new(f->doc->arena, kind, pos);
	if (node == NULL) {
		f->doc->nomem = true;
		give_up(f);
	}
	return node;
}

/* Where a line's content may be: blank, or a comment after a blank. */
static bool
rest_is_empty(const struct fast *f, const char *p)
{
	const char *q = p;

	while (q < f->eol && *q == ' ') {
		q++;
	}
	return q == f->eol || (*q == '#' && q > p);
}

/*
 * Byte classes, a lookup a byte: INDICATOR starts something other than
 * a plain scalar (YAML 1.1, 9.1.1); IN_FLOW is what this reader gives up
 * on inside a plain item of a flow list (NUL among them, as strchr()
 * matched its terminator).
 */
#define INDICATOR 1u
#define IN_FLOW 2u
static const unsigned char byte_class[256] = {
	['-'] = INDICATOR, ['?'] = INDICATOR, [':'] = INDICATOR | IN_FLOW,
	[','] = INDICATOR, ['['] = INDICATOR | IN_FLOW,
	[']'] = INDICATOR | IN_FLOW, ['{'] = INDICATOR | IN_FLOW,
	['}'] = INDICATOR | IN_FLOW, ['#'] = INDICATOR | IN_FLOW,
	['&'] = INDICATOR, ['*'] = INDICATOR, ['!'] = INDICATOR,
	['|'] = INDICATOR, ['>'] = INDICATOR, ['\''] = INDICATOR,
	['"'] = INDICATOR, ['%'] = INDICATOR, ['@'] = INDICATOR,
	['`'] = INDICATOR, ['\0'] = IN_FLOW,
};

/* What starts something other than a plain scalar (YAML 1.1, 9.1.1). */
static bool
is_indicator(char c)
{
	return (byte_class[(unsigned char)c] & INDICATOR) != 0;
}

/* A ':' that ends a key: followed by a blank or the line's end. */
static bool
is_value_colon(const struct fast *f, const char *p)
{
	return *p == ':' && (p + 1 == f->eol || p[1] == ' ');
}

/*
 * A quoted scalar that closes on its line, without escapes:
 *   "Harbour lights"   -> Harbour lights
 *   'It''s'            -> It's
 * *p is the quote; on success *after is the byte after the closing one
 * and *text, *len its value (in the arena).
 */
static bool
quoted(struct fast *f, const char *p, const char **after, char **text,
	size_t *len)
{
	char q = *p;
	const char *s = p + 1;
	const char *e = s;
	char *out;
	size_t n = 0;
	bool doubled = false; /* '' inside '...' */

	for (;;) {
		e = memchr(e, q, (size_t)(f->eol - e));
		if (e == NULL) {
			return give_up(f); /* it goes on over the next line */
		}
		if (q != '\'' || e + 1 == f->eol || e[1] != '\'') {
			break;
		}
		doubled = true;
		e += 2;
	}
	if (q == '"' && memchr(s, '\\', (size_t)(e - s)) != NULL) {
		return give_up(f);
	}
	out = ogc_arena_alloc(f->doc->arena, (size_t)(e - s) + 1);
	if (out == NULL) {
		f->doc->nomem = true;
		return give_up(f);
	}
	if (!doubled) {
		n = (size_t)(e - s);
		memcpy(out, s, n);
	}
	for (; doubled && s < e; s++) {
		out[n++] = *s;
		if (*s == '\'') {
			s++; /* the second quote of '' */
		}
	}
	out[n] = '\0';
	*after = e + 1;
	*text = out;
	*len = n;
	return true;
}

/*
 * A scalar node for s[0..len) from file bytes [start, stop): empty, ~,
 * null, Null and NULL written plain are null nodes (is_null_scalar() in
 * yaml_doc.c); `plain` says s is still in the text (a quoted scalar's
 * value is in the arena already).
 */
static struct ogc_node *
scalar_node(struct fast *f, const char *start, const char *stop,
	const char *s, size_t len, bool plain)
{
	struct ogc_node *node;

	if (plain && ((len == 1 && s[0] == '~') || (len == 4 &&
		(memcmp(s, "null", 4) == 0 || memcmp(s, "Null", 4) == 0 ||
		memcmp(s, "NULL", 4) == 0)))) {
		return new_node(f, OGC_NODE_NULL, pos_at(f, start));
	}
	node = new_node(f, OGC_NODE_SCALAR, pos_at(f, start));
	if (node == NULL) {
		return NULL;
	}
	node->end = pos_at(f, stop);
	node->len = len;
	node->text = plain ? ogc_arena_strndup(f->doc->arena, s, len) : s;
	if (node->text == NULL) {
		f->doc->nomem = true;
		give_up(f);
		return NULL;
	}
	return node;
}

/*
 * A quoted or plain scalar in a block, to the end of its line (or to a
 * comment); `s` is its first byte.
 *   Harbour [lights] C# #note   -> "Harbour [lights] C#"
 * A plain scalar holding ": " or ending in ':' is a YAML error; one
 * starting with an indicator is something else: both are given up.
 */
static struct ogc_node *
block_scalar_value(struct fast *f, const char *s)
{
	const char *p;
	const char *stop;
	char *text;
	size_t len;

	if (*s == '"' || *s == '\'') {
		if (!quoted(f, s, &p, &text, &len)) {
			return NULL;
		}
		if (!rest_is_empty(f, p)) {
			give_up(f);
			return NULL;
		}
		return scalar_node(f, s, p, text, len, false);
	}
	if (is_indicator(*s) && (*s != '-' || s + 1 == f->eol ||
		s[1] == ' ')) {
		give_up(f);
		return NULL;
	}
	/* a comment starts at the first '#' after a blank (*s is no '#') */
	stop = f->eol;
	for (p = memchr(s, '#', (size_t)(stop - s)); p != NULL;
		p = memchr(p + 1, '#', (size_t)(stop - p - 1))) {
		if (p[-1] == ' ') {
			stop = p;
			break;
		}
	}
	for (p = memchr(s, ':', (size_t)(stop - s)); p != NULL;
		p = memchr(p + 1, ':', (size_t)(stop - p - 1))) {
		if (is_value_colon(f, p)) {
			give_up(f);
			return NULL;
		}
	}
	/* s is no blank: the scalar ends after its last non-blank */
	while (stop[-1] == ' ') {
		stop--;
	}
	return scalar_node(f, s, stop, s, (size_t)(stop - s), true);
}

/*
 * A flow list on one line, of plain words or quoted scalars:
 *   [a, b c, 'd', ~]
 * An empty item, a trailing comma, a nested collection or a ':' or '#'
 * inside a plain item is given up.
 */
static struct ogc_node *
flow_list(struct fast *f, const char *s)
{
	struct ogc_node *seq = new_node(f, OGC_NODE_SEQ, pos_at(f, s));
	struct ogc_node **tail;
	struct ogc_node *item;
	const char *p = s + 1;
	const char *start;
	const char *stop;
	char *text;
	size_t len;

	if (seq == NULL) {
		return NULL;
	}
	tail = &seq->child;
	while (p < f->eol && *p == ' ') {
		p++;
	}
	while (p < f->eol && *p != ']') {
		start = p;
		if (*p == '"' || *p == '\'') {
			if (!quoted(f, p, &p, &text, &len)) {
				return NULL;
			}
			item = scalar_node(f, start, p, text, len, false);
		} else {
			if (is_indicator(*p)) {
				give_up(f);
				return NULL;
			}
			stop = p;
			for (; p < f->eol && *p != ',' && *p != ']'; p++) {
				if (byte_class[(unsigned char)*p] & IN_FLOW) {
					give_up(f);
					return NULL;
				}
				if (*p != ' ') {
					stop = p + 1;
				}
			}
			item = scalar_node(f, start, stop, start,
				(size_t)(stop - start), true);
		}
		if (item == NULL) {
			return NULL;
		}
		*tail = item;
		tail = &item->next;
		while (p < f->eol && *p == ' ') {
			p++;
		}
		if (p < f->eol && *p == ',') {
			p++;
			while (p < f->eol && *p == ' ') {
				p++;
			}
			if (p < f->eol && *p == ']') {
				give_up(f);
				return NULL;
			}
		} else if (p < f->eol && *p != ']') {
			give_up(f);
			return NULL;
		}
	}
	if (p == f->eol || !rest_is_empty(f, p + 1)) {
		give_up(f);
		return NULL;
	}
	return seq;
}

static struct ogc_node *
block_map(struct fast *f, const char *at, unsigned depth);

static struct ogc_node *
block_list(struct fast *f, unsigned depth);

/* A "- " or "-" alone at the current line's content. */
static bool
is_entry(const struct fast *f)
{
	const char *c = f->line + f->indent;

	return *c == '-' && (c + 1 == f->eol || c[1] == ' ');
}

/*
 * The line after a value is at the block's column or to the left of it:
 * one further right would continue a plain scalar, or be an error.
 */
static bool
value_done(struct fast *f, unsigned indent)
{
	next_content(f, false);
	if (f->line != NULL && f->indent > indent) {
		return give_up(f);
	}
	return true;
}

/*
 * The value of a map member whose ':' is at colon[0], in a map at
 * column `indent` + 1; leaves the next content line current.
 *   key: value        the scalar or flow list on the line
 *   key:              a block below it, further right, or a list at the
 *     nested: map     key's own column; else an empty value, placed
 *                     just after the ':' as libyaml places it
 */
static struct ogc_node *
member_value(struct fast *f, const char *colon, unsigned indent,
	unsigned depth)
{
	const char *s = colon + 1;
	struct ogc_node *node;
	struct ogc_pos after;

	while (s < f->eol && *s == ' ') {
		s++;
	}
	if (s < f->eol && *s != '#') {
		node = *s == '[' ? flow_list(f, s) : block_scalar_value(f, s);
		if (node == NULL || !value_done(f, indent)) {
			return NULL;
		}
		return node;
	}
	after = pos_at(f, colon + 1);
	next_content(f, false);
	if (f->line != NULL && f->indent > indent) {
		if (is_entry(f)) {
			return block_list(f, depth);
		}
		return block_map(f, f->line + f->indent, depth);
	}
	if (f->line != NULL && f->indent == indent && is_entry(f)) {
		return block_list(f, depth);
	}
	return new_node(f, OGC_NODE_NULL, after);
}

/*
 * A key at `s`, plain or quoted, up to its ':'; NULL when the line holds
 * none this reader takes.
 *   og:title: x    -> key "og:title", colon at the second ':'
 */
static const char *
key_at(struct fast *f, const char *s, char **key)
{
	const char *p;
	size_t len;

	if (*s == '"' || *s == '\'') {
		if (!quoted(f, s, &p, key, &len)) {
			return NULL;
		}
		if (p == f->eol || !is_value_colon(f, p)) {
			give_up(f);
			return NULL;
		}
		return p;
	}
	if (is_indicator(*s) && (*s != '-' || s + 1 == f->eol ||
		s[1] == ' ')) {
		give_up(f);
		return NULL;
	}
	for (p = s; p < f->eol && !is_value_colon(f, p); p++) {
		if (*p == '#' && p[-1] == ' ') {
			break;
		}
	}
	len = (size_t)(p - s);
	if (p == f->eol || *p != ':' || p[-1] == ' ' || len > FAST_MAX_KEY) {
		give_up(f);
		return NULL;
	}
	*key = ogc_arena_strndup(f->doc->arena, s, len);
	if (*key == NULL) {
		f->doc->nomem = true;
		give_up(f);
		return NULL;
	}
	return p;
}

/* A repeated key: libyaml's path reports it (ogc_doc_check_duplicates). */
static bool
has_key(const struct ogc_node *map, const char *key)
{
	const struct ogc_node *c;

	for (c = map->child; c != NULL; c = c->next) {
		if (c->key[0] == key[0] && strcmp(c->key, key) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * A block map whose first key is at `at` on the current line, at the
 * column of `at` (a map can start after "- "); its members are the
 * lines at that column, up to a line further left or the end.
 *   title: A
 *   og:
 *     type: article
 */
static struct ogc_node *
block_map(struct fast *f, const char *at, unsigned depth)
{
	unsigned indent = (unsigned)(at - f->line);
	struct ogc_node *map;
	struct ogc_node **tail;
	struct ogc_node *value;
	struct ogc_pos key_pos;
	const char *colon;
	char *key;
	size_t count = 0;

	if (depth > FAST_MAX_DEPTH) {
		give_up(f);
		return NULL;
	}
	map = new_node(f, OGC_NODE_MAP, pos_at(f, at));
	if (map == NULL) {
		return NULL;
	}
	tail = &map->child;
	for (;;) {
		key_pos = pos_at(f, at);
		colon = key_at(f, at, &key);
		if (colon == NULL) {
			return NULL;
		}
		/* yaml_doc.c takes "<<" as a merge key, quoted or not */
		if (++count > FAST_MAX_MEMBERS || has_key(map, key) ||
			strcmp(key, "<<") == 0) {
			give_up(f);
			return NULL;
		}
		value = member_value(f, colon, indent, depth + 1);
		if (value == NULL) {
			return NULL;
		}
		value->key = key;
		value->key_pos = key_pos;
		*tail = value;
		tail = &value->next;
		if (f->line == NULL || f->indent < indent) {
			return map;
		}
		if (f->indent > indent) {
			give_up(f);
			return NULL;
		}
		at = f->line + indent;
	}
}

/*
 * A block list whose first "- " is the current line's content; its items
 * are the "- " lines at that column: a scalar, a flow list, or a block
 * map starting on the item's line.
 *   - a
 *   - name: A
 *     url: B
 */
static struct ogc_node *
block_list(struct fast *f, unsigned depth)
{
	unsigned indent = f->indent;
	struct ogc_node *seq;
	struct ogc_node **tail;
	struct ogc_node *item;
	const char *s;
	const char *p;

	if (depth > FAST_MAX_DEPTH) {
		give_up(f);
		return NULL;
	}
	seq = new_node(f, OGC_NODE_SEQ, pos_at(f, f->line + indent));
	if (seq == NULL) {
		return NULL;
	}
	tail = &seq->child;
	for (;;) {
		s = f->line + indent + 1;
		while (s < f->eol && *s == ' ') {
			s++;
		}
		if (s == f->eol || *s == '#' || *s == '-') {
			give_up(f); /* an empty item, or a list in a list */
			return NULL;
		}
		p = s;
		if (*s == '"' || *s == '\'') {
			/* a quoted key, or a quoted item: the quote closes */
			for (p = s + 1; p < f->eol && *p != *s; p++) {
			}
			p = p < f->eol && p + 1 < f->eol ? p + 1 : f->eol;
		} else if (*s != '[') {
			for (; p < f->eol && !is_value_colon(f, p); p++) {
				if (*p == '#' && p[-1] == ' ') {
					p = f->eol;
					break;
				}
			}
		}
		if (*s == '[') {
			item = flow_list(f, s);
			if (item != NULL && !value_done(f, indent)) {
				return NULL;
			}
		} else if (p < f->eol && is_value_colon(f, p)) {
			item = block_map(f, s, depth + 1);
		} else {
			item = block_scalar_value(f, s);
			if (item != NULL && !value_done(f, indent)) {
				return NULL;
			}
		}
		if (item == NULL) {
			return NULL;
		}
		*tail = item;
		tail = &item->next;
		if (f->line == NULL || f->indent < indent) {
			return seq;
		}
		if (f->indent > indent) {
			give_up(f);
			return NULL;
		}
		if (!is_entry(f)) {
			return seq; /* a key after a list at its column */
		}
	}
}

enum ogc_fast_result
ogc_yaml_fast_parse(struct ogc_doc *doc, const char *text, size_t len,
	unsigned first_line)
{
	struct fast f;
	struct ogc_pos start = {first_line, 1};

	memset(&f, 0, sizeof(f));
	if (!plain_text(text, len, &f.ascii)) {
		return OGC_FAST_GAVE_UP;
	}
	f.doc = doc;
	f.next = text;
	f.end = text + len;
	f.first_line = first_line;
	next_content(&f, true);
	if (f.line == NULL) {
		/* no document: an empty map, as yaml_doc.c makes it */
		doc->root = new_node(&f, OGC_NODE_MAP, start);
	} else if (f.indent == 0 && !is_entry(&f)) {
		doc->root = block_map(&f, f.line, 1);
		if (f.line != NULL) {
			give_up(&f);
		}
	} else {
		give_up(&f);
	}
	if (doc->nomem) {
		return OGC_FAST_NOMEM;
	}
	if (f.gave_up || doc->root == NULL) {
		doc->root = NULL;
		return OGC_FAST_GAVE_UP;
	}
	return OGC_FAST_DONE;
}
