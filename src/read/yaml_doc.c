/* yaml_doc.c: libyaml events -> a field tree with positions in the file. */
/* SPDX-License-Identifier: MIT */
/* The only file that includes <yaml.h>. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "read/read.h"
#include "util/util.h"

struct anchor {
	char *name; /* arena */
	const struct ogc_node *node;
	struct anchor *next;
};

/* The state of one parse. */
struct builder {
	yaml_parser_t parser;
	struct ogc_doc *doc;
	struct ogc_arena *arena;
	const char *text;
	unsigned first_line;
	size_t nodes;
	size_t copies; /* nodes made by expanding aliases and merges */
	struct anchor *anchors;
	bool failed; /* a fatal problem was recorded */
};

/* libyaml marks are 0-based, columns in characters; the file's are not. */
static struct ogc_pos
mark_pos(const struct builder *b, yaml_mark_t mark)
{
	struct ogc_pos pos;

	pos.line = (unsigned)mark.line + b->first_line;
	pos.column = (unsigned)mark.column + 1;
	return pos;
}

static void
vfail(struct builder *b, const char *rule, struct ogc_pos pos,
	const char *fmt, va_list ap) OGC_PRINTF(4, 0);

/* Records the fatal problem, of rule `rule`; only the first one is kept. */
static void
vfail(struct builder *b, const char *rule, struct ogc_pos pos,
	const char *fmt, va_list ap)
{
	ogc_doc_vfail(b->doc, &b->failed, rule, pos, fmt, ap);
}

static void
fail(struct builder *b, struct ogc_pos pos, const char *fmt, ...)
	OGC_PRINTF(3, 4);

/* The YAML is not valid: front-matter-invalid. */
static void
fail(struct builder *b, struct ogc_pos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(b, NULL, pos, fmt, ap);
	va_end(ap);
}

static void
fail_limit(struct builder *b, const char *rule, struct ogc_pos pos,
	const char *fmt, ...) OGC_PRINTF(4, 5);

/* The YAML runs past one of the limits: rule is its limit-* id. */
static void
fail_limit(struct builder *b, const char *rule, struct ogc_pos pos,
	const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(b, rule, pos, fmt, ap);
	va_end(ap);
}

static void
fail_parser(struct builder *b)
{
	yaml_parser_t *p = &b->parser;
	struct ogc_pos pos;
	struct ogc_pos ctx;

	if (p->error == YAML_MEMORY_ERROR) {
		b->doc->nomem = true;
		b->failed = true;
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		pos = ogc_utf8_pos(b->text, p->problem_offset, b->first_line);
		fail(b, pos, "%s", p->problem != NULL ? p->problem : "bad input");
		return;
	}
	pos = mark_pos(b, p->problem_mark);
	if (p->context != NULL) {
		ctx = mark_pos(b, p->context_mark);
		fail(b, pos, "%s (%s started at line %u, column %u)",
			p->problem, p->context, ctx.line, ctx.column);
	} else {
		fail(b, pos, "%s", p->problem != NULL ? p->problem : "invalid YAML");
	}
}

static struct ogc_node *
new_node(struct builder *b, enum ogc_node_kind kind, struct ogc_pos pos)
{
	struct ogc_node *node;

	if (++b->nodes > OGC_MAX_NODES) {
		fail_limit(b, "limit-values", pos, "the front matter "
			"holds more than %u values (limit values): it is "
			"not checked", OGC_MAX_NODES);
		return NULL;
	}
	node = ogc_node_new(b->arena, kind, pos);
	if (node == NULL) {
		b->doc->nomem = true;
		b->failed = true;
	}
	return node;
}

/* A copy of a subtree, for an alias; counts toward OGC_MAX_NODES. */
static struct ogc_node *
copy_tree(struct builder *b, const struct ogc_node *src, struct ogc_pos pos,
	unsigned depth)
{
	struct ogc_node *node;
	struct ogc_node **tail;
	const struct ogc_node *c;
	struct ogc_node *copy;

	if (++b->copies > OGC_MAX_ALIAS_VALUES) {
		fail_limit(b, "limit-aliases", pos, "aliases expand to "
			"more than %u values (limit aliases): the front "
			"matter is not checked", OGC_MAX_ALIAS_VALUES);
		return NULL;
	}
	if (depth > OGC_MAX_DEPTH) {
		fail_limit(b, "limit-depth", pos, "nested more than %u "
			"levels deep, aliases expanded (limit depth): the "
			"front matter is not checked", OGC_MAX_DEPTH);
		return NULL;
	}
	node = new_node(b, src->kind, pos);
	if (node == NULL) {
		return NULL;
	}
	node->text = src->text;
	node->len = src->len;
	tail = &node->child;
	for (c = src->child; c != NULL; c = c->next) {
		copy = copy_tree(b, c, pos, depth + 1);
		if (copy == NULL) {
			return NULL;
		}
		copy->key = c->key;
		copy->key_pos = pos;
		*tail = copy;
		tail = &copy->next;
	}
	return node;
}

static bool
is_null_scalar(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		return false;
	}
	return n == 0 || (n == 1 && v[0] == '~') ||
		(n == 4 && (memcmp(v, "null", 4) == 0 ||
		memcmp(v, "Null", 4) == 0 || memcmp(v, "NULL", 4) == 0));
}

static bool
next_event(struct builder *b, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&b->parser, ev)) {
		fail_parser(b);
		return false;
	}
	return true;
}

static void
remember_anchor(struct builder *b, const yaml_char_t *name,
	const struct ogc_node *node)
{
	struct anchor *a;

	if (name == NULL || node == NULL) {
		return;
	}
	a = ogc_arena_alloc(b->arena, sizeof(*a));
	if (a == NULL) {
		b->doc->nomem = true;
		b->failed = true;
		return;
	}
	a->name = ogc_arena_strndup(b->arena, (const char *)name,
		strlen((const char *)name));
	a->node = node;
	a->next = b->anchors;
	b->anchors = a;
}

static struct ogc_node *
build_node(struct builder *b, yaml_event_t *ev, unsigned depth);

static size_t
member_count(const struct ogc_node *map)
{
	const struct ogc_node *c;
	size_t n = 0;

	for (c = map->child; c != NULL; c = c->next) {
		n++;
	}
	return n;
}

/* Each merged key is looked up among the map's: bound the work. */
#define MERGE_WORK_MAX 4000000u

/* Appends copies of the members of `from` that `map` does not have. */
static void
merge_from(struct builder *b, struct ogc_node *map, const struct ogc_node *from,
	unsigned depth)
{
	const struct ogc_node *c;
	struct ogc_node **tail;
	struct ogc_node *copy;
	size_t mine = member_count(map);
	size_t theirs = member_count(from);

	if (theirs != 0 && mine + theirs > MERGE_WORK_MAX / theirs) {
		fail_limit(b, "limit-aliases", map->pos, "a merge key (<<) "
			"merges %zu keys into %zu (limit aliases): the front "
			"matter is not checked", theirs, mine);
		return;
	}
	for (c = from->child; c != NULL && !b->failed; c = c->next) {
		if (ogc_node_member(map, c->key) != NULL) {
			continue;
		}
		copy = copy_tree(b, c, c->pos, depth + 1);
		if (copy == NULL) {
			return;
		}
		copy->key = c->key;
		copy->key_pos = c->key_pos;
		tail = &map->child;
		while (*tail != NULL) {
			tail = &(*tail)->next;
		}
		*tail = copy;
	}
}

/*
 * YAML 1.1 merge keys, which Jekyll's and Hugo's YAML readers honour:
 *   base: &b {type: article, locale: en_GB}
 *   og: {<<: *b, title: T}   -> og has type, locale and title
 * A "<<" member (a map, or a list of maps) lends the keys the map does
 * not set itself; then it is dropped. Copies count toward the limits.
 */
static void
merge_keys(struct builder *b, struct ogc_node *map, unsigned depth)
{
	struct ogc_node **link = &map->child;
	struct ogc_node *merge;
	const struct ogc_node *item;

	while (*link != NULL && strcmp((*link)->key, "<<") != 0) {
		link = &(*link)->next;
	}
	if (*link == NULL) {
		return;
	}
	merge = *link;
	*link = merge->next; /* explicit keys first, so they win */
	if (merge->kind == OGC_NODE_MAP) {
		merge_from(b, map, merge, depth);
	} else if (merge->kind == OGC_NODE_SEQ) {
		for (item = merge->child; item != NULL; item = item->next) {
			if (item->kind == OGC_NODE_MAP) {
				merge_from(b, map, item, depth);
			}
		}
	}
}

/*
 * Builds the members of a mapping whose start event was just read:
 * alternating key and value events up to MAPPING-END.
 *   title: A       -> member key "title", scalar "A"
 */
static bool
build_map(struct builder *b, struct ogc_node *map, unsigned depth)
{
	struct ogc_node **tail = &map->child;
	struct ogc_node *value;
	yaml_event_t ev;
	struct ogc_pos key_pos;
	char *key;
	size_t count = 0;

	for (;;) {
		if (!next_event(b, &ev)) {
			return false;
		}
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		key_pos = mark_pos(b, ev.start_mark);
		if (ev.type == YAML_ALIAS_EVENT) {
			fail(b, key_pos, "an alias as a key is not supported");
			yaml_event_delete(&ev);
			return false;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			fail(b, key_pos, "a key must be text, not a map or a list");
			yaml_event_delete(&ev);
			return false;
		}
		key = ogc_arena_strndup(b->arena, (const char *)ev.data.scalar.value,
			ev.data.scalar.length);
		yaml_event_delete(&ev);
		if (key == NULL) {
			b->doc->nomem = true;
			b->failed = true;
			return false;
		}
		if (!next_event(b, &ev)) {
			return false;
		}
		value = build_node(b, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (value == NULL) {
			return false;
		}
		value->key = key;
		value->key_pos = key_pos;
		*tail = value;
		tail = &value->next;
		count++;
	}
	if (!ogc_doc_check_duplicates(b->doc, map, count)) {
		b->failed = true;
	}
	if (!b->failed) {
		merge_keys(b, map, depth);
	}
	return !b->failed;
}

static bool
build_seq(struct builder *b, struct ogc_node *seq, unsigned depth)
{
	struct ogc_node **tail = &seq->child;
	struct ogc_node *item;
	yaml_event_t ev;

	for (;;) {
		if (!next_event(b, &ev)) {
			return false;
		}
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return true;
		}
		item = build_node(b, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (item == NULL) {
			return false;
		}
		*tail = item;
		tail = &item->next;
	}
}

/* Builds the node that starts with event `ev` (which the caller frees). */
static struct ogc_node *
build_node(struct builder *b, yaml_event_t *ev, unsigned depth)
{
	struct ogc_pos pos = mark_pos(b, ev->start_mark);
	struct ogc_node *node = NULL;
	const struct anchor *a;
	const char *name;

	if (depth > OGC_MAX_DEPTH) {
		fail_limit(b, "limit-depth", pos, "nested more than %u "
			"levels deep (limit depth): the front matter is not "
			"checked", OGC_MAX_DEPTH);
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (is_null_scalar(ev)) {
			node = new_node(b, OGC_NODE_NULL, pos);
		} else {
			node = new_node(b, OGC_NODE_SCALAR, pos);
			if (node != NULL) {
				node->end = mark_pos(b, ev->end_mark);
				node->len = ev->data.scalar.length;
				node->text = ogc_arena_strndup(b->arena,
					(const char *)ev->data.scalar.value, node->len);
				if (node->text == NULL) {
					b->doc->nomem = true;
					b->failed = true;
					return NULL;
				}
			}
		}
		remember_anchor(b, ev->data.scalar.anchor, node);
		return node;
	case YAML_MAPPING_START_EVENT:
		node = new_node(b, OGC_NODE_MAP, pos);
		if (node == NULL || !build_map(b, node, depth)) {
			return NULL;
		}
		remember_anchor(b, ev->data.mapping_start.anchor, node);
		return node;
	case YAML_SEQUENCE_START_EVENT:
		node = new_node(b, OGC_NODE_SEQ, pos);
		if (node == NULL || !build_seq(b, node, depth)) {
			return NULL;
		}
		remember_anchor(b, ev->data.sequence_start.anchor, node);
		return node;
	case YAML_ALIAS_EVENT:
		name = (const char *)ev->data.alias.anchor;
		for (a = b->anchors; a != NULL; a = a->next) {
			if (strcmp(a->name, name) == 0) {
				return copy_tree(b, a->node, pos, depth);
			}
		}
		fail(b, pos, "alias *%s refers to no anchor defined before it", name);
		return NULL;
	default:
		fail(b, pos, "unexpected YAML event");
		return NULL;
	}
}

/* STREAM-START, DOCUMENT-START, node, DOCUMENT-END, STREAM-END. */
static void
build_document(struct builder *b)
{
	yaml_event_t ev;
	struct ogc_node *root = NULL;
	struct ogc_pos start = {b->first_line, 1};
	bool have_doc = false;

	for (;;) {
		if (!next_event(b, &ev)) {
			return;
		}
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			if (have_doc) {
				fail(b, mark_pos(b, ev.start_mark), "a second YAML "
					"document: front matter holds one");
				yaml_event_delete(&ev);
				return;
			}
			have_doc = true;
			yaml_event_delete(&ev);
			if (!next_event(b, &ev)) {
				return;
			}
			root = build_node(b, &ev, 1);
			yaml_event_delete(&ev);
			if (root == NULL) {
				return;
			}
			continue;
		}
		yaml_event_delete(&ev);
	}
	if (root == NULL) {
		/* an empty front matter is an empty map */
		root = new_node(b, OGC_NODE_MAP, start);
	}
	b->doc->root = root;
}

struct ogc_doc *
ogc_doc_parse(const char *text, size_t len, unsigned first_line)
{
	struct ogc_doc *doc;

	/* most front matter is a plain block map: no libyaml parser for it */
	doc = ogc_doc_create();
	if (doc == NULL) {
		return NULL;
	}
	switch (ogc_yaml_fast_parse(doc, text, len, first_line)) {
	case OGC_FAST_DONE:
		return doc;
	case OGC_FAST_NOMEM:
		ogc_doc_destroy(doc);
		return NULL;
	case OGC_FAST_GAVE_UP:
		break;
	}
	ogc_doc_destroy(doc);
	return ogc_doc_parse_slow(text, len, first_line);
}

struct ogc_doc *
ogc_doc_parse_slow(const char *text, size_t len, unsigned first_line)
{
	struct builder b;
	struct ogc_doc *doc;
	size_t bad;

	doc = ogc_doc_create();
	if (doc == NULL) {
		return NULL;
	}
	memset(&b, 0, sizeof(b));
	b.doc = doc;
	b.arena = doc->arena;
	b.text = text;
	b.first_line = first_line;
	if (!ogc_utf8_valid(text, len, &bad)) {
		fail(&b, ogc_utf8_pos(text, bad, first_line),
			text[bad] == '\0' ? "a NUL byte: the front matter must be "
			"UTF-8 text" : "invalid UTF-8 byte 0x%02X: the front "
			"matter must be UTF-8 text", (unsigned char)text[bad]);
		goto out;
	}
	if (!yaml_parser_initialize(&b.parser)) {
		goto nomem;
	}
	yaml_parser_set_input_string(&b.parser, (const unsigned char *)text,
		len);
	yaml_parser_set_encoding(&b.parser, YAML_UTF8_ENCODING);
	build_document(&b);
	yaml_parser_delete(&b.parser);
	if (b.failed) {
		doc->root = NULL;
	}
out:
	if (doc->nomem) {
		goto nomem;
	}
	return doc;
nomem:
	ogc_doc_destroy(doc);
	return NULL;
}

