/* doc.c: the field tree both input kinds build, and lookups in it. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"

/*
 * Arena: nodes and strings of one document live in a few large blocks,
 * freed at once when the document is done.
 */
struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

struct ogc_arena {
	struct arena_block *head;
};

#define ARENA_BLOCK 16384

void *
ogc_arena_alloc(struct ogc_arena *arena, size_t size)
{
	struct arena_block *block = arena->head;
	size_t align = sizeof(max_align_t);
	size_t cap;
	void *p;

	size = (size + align - 1) / align * align;
	if (block == NULL || block->size - block->used < size) {
		cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
		block = malloc(sizeof(*block) + cap);
		if (block == NULL) {
			return NULL;
		}
		block->size = cap;
		block->used = 0;
		block->next = arena->head;
		arena->head = block;
	}
	p = (char *)block->data + block->used;
	block->used += size;
	return p;
}

char *
ogc_arena_strndup(struct ogc_arena *arena, const char *s, size_t len)
{
	char *p = ogc_arena_alloc(arena, len + 1);

	if (p != NULL) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

void
ogc_doc_problem(struct ogc_doc *doc, const char *rule, struct ogc_pos pos,
	const char *fmt, ...)
{
	struct ogc_problem *p = ogc_arena_alloc(doc->arena, sizeof(*p));
	va_list ap;

	if (p == NULL) {
		doc->nomem = true;
		return;
	}
	p->rule = rule;
	p->pos = pos;
	p->dup_map = NULL;
	p->dup_earlier = NULL;
	p->next = NULL;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
	va_end(ap);
	/* kept in the order found: the first is the fatal one, if any */
	if (doc->last_problem != NULL) {
		doc->last_problem->next = p;
	} else {
		doc->problems = p;
	}
	doc->last_problem = p;
}

void
ogc_doc_vfail(struct ogc_doc *doc, bool *failed, const char *rule,
	struct ogc_pos pos, const char *fmt, va_list ap)
{
	char msg[sizeof(((struct ogc_problem *)NULL)->msg)];

	if (*failed) {
		return;
	}
	*failed = true;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	ogc_doc_problem(doc, rule, pos, "%s", msg);
}

struct ogc_doc *
ogc_doc_create(void)
{
	struct ogc_doc *doc = calloc(1, sizeof(*doc));

	if (doc == NULL) {
		return NULL;
	}
	doc->arena = calloc(1, sizeof(*doc->arena));
	if (doc->arena == NULL) {
		free(doc);
		return NULL;
	}
	return doc;
}

void
ogc_doc_destroy(struct ogc_doc *doc)
{
	struct arena_block *block;
	struct arena_block *next;

	if (doc == NULL) {
		return;
	}
	if (doc->arena != NULL) {
		for (block = doc->arena->head; block != NULL; block = next) {
			next = block->next;
			free(block);
		}
		free(doc->arena);
	}
	free(doc);
}

struct ogc_node *
ogc_node_new(struct ogc_arena *arena, enum ogc_node_kind kind,
	struct ogc_pos pos)
{
	struct ogc_node *node = ogc_arena_alloc(arena, sizeof(*node));

	if (node == NULL) {
		return NULL;
	}
	memset(node, 0, sizeof(*node));
	node->kind = kind;
	node->pos = pos;
	node->text = "";
	return node;
}

static const struct ogc_node *
member_n(const struct ogc_node *map, const char *key, size_t len)
{
	const struct ogc_node *c;

	/* a map, or a value with structured properties (HTML og:image) */
	if (map == NULL || (map->kind != OGC_NODE_MAP &&
		map->kind != OGC_NODE_SCALAR)) {
		return NULL;
	}
	for (c = map->child; c != NULL; c = c->next) {
		if (c->key[0] == key[0] && strncmp(c->key, key, len) == 0 &&
			c->key[len] == '\0') {
			return c;
		}
	}
	return NULL;
}

const struct ogc_node *
ogc_node_member(const struct ogc_node *map, const char *key)
{
	return member_n(map, key, strlen(key));
}

bool
ogc_node_is_template(const struct ogc_node *node)
{
	const char *p;

	if (node->kind != OGC_NODE_SCALAR || node->text == NULL) {
		return false;
	}
	/* "{{" or "{%" before the first NUL */
	for (p = strchr(node->text, '{'); p != NULL; p = strchr(p + 1, '{')) {
		if (p[1] == '{' || p[1] == '%') {
			return true;
		}
	}
	return false;
}

/* ogc_node_find_template() below `depth` levels (at most 64). */
static const struct ogc_node *
find_template(const struct ogc_node *node, unsigned depth)
{
	const struct ogc_node *c;
	const struct ogc_node *found;

	if (ogc_node_is_template(node)) {
		return node;
	}
	for (c = depth < 64 ? node->child : NULL; c != NULL; c = c->next) {
		found = find_template(c, depth + 1);
		if (found != NULL) {
			return found;
		}
	}
	return NULL;
}

const struct ogc_node *
ogc_node_find_template(const struct ogc_node *root)
{
	return root != NULL ? find_template(root, 0) : NULL;
}

/*
 * Walks a dotted path. At each level the whole rest of the path is tried
 * as one key first, so "og:title" and a literal "og.title" key match:
 *   {og: {title: A}}  "og.title" -> A
 *   {"og:title": A}   "og:title" -> A
 */
const struct ogc_node *
ogc_node_lookup(const struct ogc_node *root, const char *path)
{
	const struct ogc_node *node = root;
	const struct ogc_node *c;
	const struct ogc_node *under; /* the first member named up to the dot */
	const char *rest = path;
	const char *dot;
	const char *k;
	const char *r;

	/* one pass over the members per level: a member named the whole
	   rest wins; else the first named up to the rest's first dot */
	while (node != NULL && (node->kind == OGC_NODE_MAP ||
		(node->kind == OGC_NODE_SCALAR && node->child != NULL))) {
		under = NULL;
		dot = NULL;
		for (c = node->child; c != NULL; c = c->next) {
			for (k = c->key, r = rest; *k != '\0' && *k == *r; k++) {
				r++;
			}
			if (*k != '\0') {
				continue;
			}
			if (*r == '\0') {
				return c;
			}
			if (under == NULL && *r == '.' &&
				memchr(rest, '.', (size_t)(r - rest)) == NULL) {
				under = c;
				dot = r;
			}
		}
		if (under == NULL) {
			return NULL;
		}
		node = under;
		rest = dot + 1;
	}
	return NULL;
}

const char *
ogc_node_kind_name(enum ogc_node_kind kind)
{
	switch (kind) {
	case OGC_NODE_MAP:
		return "a map";
	case OGC_NODE_SEQ:
		return "a list";
	case OGC_NODE_NULL:
		return "empty";
	case OGC_NODE_SCALAR:
		break;
	}
	return "text";
}

static int
compare_members(const void *pa, const void *pb)
{
	const struct ogc_node *a = *(const struct ogc_node *const *)pa;
	const struct ogc_node *b = *(const struct ogc_node *const *)pb;
	int c = strcmp(a->key, b->key);

	if (c != 0) {
		return c;
	}
	if (a->key_pos.line != b->key_pos.line) {
		return a->key_pos.line < b->key_pos.line ? -1 : 1;
	}
	if (a->key_pos.column != b->key_pos.column) {
		return a->key_pos.column < b->key_pos.column ? -1 : 1;
	}
	return 0;
}

void
ogc_doc_keep_last(struct ogc_doc *doc)
{
	struct ogc_problem *p;
	struct ogc_node **link;

	for (p = doc->problems; p != NULL; p = p->next) {
		if (p->dup_map == NULL) {
			continue;
		}
		for (link = &p->dup_map->child; *link != NULL &&
			*link != p->dup_earlier; link = &(*link)->next) {
		}
		if (*link != NULL) {
			*link = p->dup_earlier->next;
		}
	}
}

bool
ogc_doc_check_duplicates(struct ogc_doc *doc, const struct ogc_node *map,
	size_t count)
{
	const struct ogc_node **v;
	const struct ogc_node *c;
	size_t i = 0;

	if (count < 2) {
		return true;
	}
	v = malloc(count * sizeof(*v));
	if (v == NULL) {
		doc->nomem = true;
		return false;
	}
	for (c = map->child; c != NULL; c = c->next) {
		v[i++] = c;
	}
	qsort(v, count, sizeof(*v), compare_members);
	for (i = 1; i < count; i++) {
		if (strcmp(v[i - 1]->key, v[i]->key) == 0) {
			ogc_doc_problem(doc, NULL, v[i]->key_pos, "duplicate key "
				"\"%s\" (first defined at line %u, column %u)",
				v[i]->key, v[i - 1]->key_pos.line,
				v[i - 1]->key_pos.column);
			if (doc->last_problem != NULL && !doc->nomem) {
				doc->last_problem->dup_map = (struct ogc_node *)map;
				doc->last_problem->dup_earlier =
					(struct ogc_node *)v[i - 1];
			}
		}
	}
	free(v);
	return true;
}
