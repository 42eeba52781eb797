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
 *
 * This file builds the tables: keys, headers, the member index and the
 * rules on defining things once. toml_lex.c reads the bytes: positions,
 * problems, keys, strings and bare values (toml.h between the two).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "read/toml.h"
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
		ogc_toml_nomem(p);
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
		ogc_toml_fail_limit(p, "limit-depth", pos, "nested more than "
			"%u levels deep (limit depth): the front matter is "
			"not checked", OGC_MAX_DEPTH);
		return NULL;
	}
	if (++p->nodes > OGC_MAX_NODES) {
		ogc_toml_fail_limit(p, "limit-values", pos, "the front matter "
			"holds more than %u values (limit values): it is "
			"not checked", OGC_MAX_NODES);
		return NULL;
	}
	t = ogc_arena_alloc(p->arena, sizeof(*t));
	if (t == NULL) {
		ogc_toml_nomem(p);
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
		ogc_toml_nomem(p);
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

/*
 * A value written without quotes, at p->i, as a node at nesting level
 * `depth`: ogc_toml_scan_bare_value() reads and checks it.
 */
static struct tnode *
parse_bare_value(struct parser *p, struct ogc_pos pos, unsigned depth)
{
	const char *t = p->s + p->i;
	struct tnode *node;
	size_t n;

	if (!ogc_toml_scan_bare_value(p, pos, &n)) {
		return NULL;
	}
	node = new_node(p, OGC_NODE_SCALAR, ORIGIN_VALUE, pos, depth);
	if (node == NULL) {
		return NULL;
	}
	node->node.text = ogc_arena_strndup(p->arena, t, n);
	if (node->node.text == NULL) {
		ogc_toml_nomem(p);
		return NULL;
	}
	node->node.len = n;
	node->node.end = ogc_toml_here(p);
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
		if (!ogc_toml_skip_space_and_comments(p)) {
			return NULL;
		}
		if (ogc_toml_peek(p, 0) == ']') {
			p->i++;
			return seq;
		}
		if (ogc_toml_at_end(p)) {
			ogc_toml_fail(p, pos, "unterminated array: no "
				"closing ]");
			return NULL;
		}
		item = parse_value(p, depth + 1);
		if (item == NULL || !append(p, seq, item)) {
			return NULL;
		}
		if (!ogc_toml_skip_space_and_comments(p)) {
			return NULL;
		}
		if (ogc_toml_peek(p, 0) == ',') {
			p->i++;
		} else if (ogc_toml_peek(p, 0) != ']') {
			ogc_toml_fail(p, ogc_toml_here(p), "expected , or ] "
				"after an item of the array started at line "
				"%u, column %u, found %s", pos.line, pos.column,
				ogc_toml_describe(p, p->i, c, sizeof(c)));
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
	ogc_toml_skip_blanks(p);
	if (ogc_toml_peek(p, 0) == '}') {
		p->i++;
		return map;
	}
	while (!ogc_toml_at_end(p) && !ogc_toml_at_newline(p)) {
		if (!parse_keyval(p, map, depth)) {
			return NULL;
		}
		ogc_toml_skip_blanks(p);
		if (ogc_toml_peek(p, 0) == '}') {
			p->i++;
			return map;
		}
		if (ogc_toml_peek(p, 0) != ',') {
			break;
		}
		p->i++;
		ogc_toml_skip_blanks(p);
		if (ogc_toml_peek(p, 0) == '}') {
			ogc_toml_fail(p, ogc_toml_here(p), "a trailing comma "
				"is not allowed in an inline table");
			return NULL;
		}
	}
	if (ogc_toml_at_end(p)) {
		ogc_toml_fail(p, pos, "unterminated inline table: no "
			"closing }");
	} else if (ogc_toml_at_newline(p)) {
		ogc_toml_fail(p, ogc_toml_here(p), "an inline table must stay "
			"on one line (the one started at line %u, column %u)",
			pos.line, pos.column);
	} else {
		ogc_toml_fail(p, ogc_toml_here(p), "expected , or } in the "
			"inline table started at line %u, column %u, found %s",
			pos.line, pos.column,
			ogc_toml_describe(p, p->i, c, sizeof(c)));
	}
	return NULL;
}

/* Any value, at p->i, as a node at nesting level `depth`. */
static struct tnode *
parse_value(struct parser *p, unsigned depth)
{
	struct ogc_pos pos = ogc_toml_here(p);
	struct tnode *node;
	char c = ogc_toml_peek(p, 0);
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
		if (ogc_toml_peek(p, 1) == c && ogc_toml_peek(p, 2) == c) {
			ok = ogc_toml_parse_multiline_string(p);
		} else {
			ok = ogc_toml_parse_line_string(p);
		}
		if (!ok) {
			return NULL;
		}
		node->node.text = buf_copy(p);
		if (node->node.text == NULL) {
			return NULL;
		}
		node->node.len = p->buf.len;
		node->node.end = ogc_toml_here(p);
		return node;
	}
	if (ogc_toml_is_token_char(c)) {
		return parse_bare_value(p, pos, depth);
	}
	ogc_toml_fail_expected(p, "a value");
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
	ogc_toml_fail(p, pos, "key \"%.*s\" is already %s (line %u): %s",
		ogc_toml_clip(p->buf.data, p->buf.len, 60), p->buf.data,
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
		if (!ogc_toml_parse_simple_key(p, &key_pos)) {
			return false;
		}
		ogc_toml_skip_blanks(p);
		next = find_member(p, t, p->buf.data, p->buf.len);
		if (ogc_toml_peek(p, 0) != '.') {
			break;
		}
		p->i++;
		ogc_toml_skip_blanks(p);
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
	if (ogc_toml_peek(p, 0) != '=') {
		ogc_toml_fail_expected(p, "= after the key");
		return false;
	}
	if (next != NULL) {
		ogc_toml_fail(p, key_pos, "duplicate key \"%.*s\" (first at "
			"line %u)", ogc_toml_clip(p->buf.data, p->buf.len, 60),
			p->buf.data, defined_line(next));
		return false;
	}
	/* the value may decode strings into the buffer: keep the key first */
	key = buf_copy(p);
	if (key == NULL) {
		return false;
	}
	key_len = p->buf.len;
	p->i++;
	ogc_toml_skip_blanks(p);
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
		ogc_toml_fail(p, pos, "a table [%.*s] defined twice (first at "
			"line %u)", name_len, name, defined_line(next));
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
	struct ogc_pos pos = ogc_toml_here(p);
	bool aot = ogc_toml_peek(p, 1) == '[';
	struct tnode *t = p->root;
	struct tnode *next;
	struct ogc_pos key_pos;
	unsigned d = 1;
	size_t name_start;
	size_t name_end;
	const char *name;
	int name_len;

	p->i += aot ? 2 : 1;
	ogc_toml_skip_blanks(p);
	name_start = p->i;
	for (;;) {
		if (!ogc_toml_parse_simple_key(p, &key_pos)) {
			return false;
		}
		name_end = p->i;
		ogc_toml_skip_blanks(p);
		next = find_member(p, t, p->buf.data, p->buf.len);
		if (ogc_toml_peek(p, 0) != '.') {
			break;
		}
		p->i++;
		ogc_toml_skip_blanks(p);
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
	if (ogc_toml_peek(p, 0) != ']' || (aot && ogc_toml_peek(p, 1) != ']')) {
		ogc_toml_fail_expected(p, aot ? "]] after the name of an array "
			"of tables" : "] after the table name");
		return false;
	}
	p->i += aot ? 2 : 1;
	if (!ogc_toml_end_of_line(p, aot ? "]]" : "]")) {
		return false;
	}
	/* the name as written, for messages */
	name = p->s + name_start;
	name_len = ogc_toml_clip(name, name_end - name_start, 60);
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
		ogc_toml_skip_blanks(p);
		if (ogc_toml_at_end(p)) {
			return;
		}
		if (ogc_toml_peek(p, 0) == '[') {
			if (!parse_header(p)) {
				return;
			}
			continue;
		}
		if (ogc_toml_peek(p, 0) != '#' && !ogc_toml_at_newline(p)) {
			if (!parse_keyval(p, p->table, p->table_depth)) {
				return;
			}
			if (!ogc_toml_end_of_line(p, "the value")) {
				return;
			}
			continue;
		}
		if (!ogc_toml_end_of_line(p, "a comment")) {
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
		ogc_toml_fail(&p, ogc_utf8_pos(text, bad, first_line),
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
		ogc_toml_nomem(&p);
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
