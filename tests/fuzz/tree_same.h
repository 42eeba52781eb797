/* tree_same.h: the fast YAML reader against libyaml's, node for node. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_TREE_SAME_H
#define OGC_TREE_SAME_H

#include <stdio.h>
#include <string.h>

#include "read/read.h"

static inline bool
tree_pos_same(struct ogc_pos a, struct ogc_pos b)
{
	return a.line == b.line && a.column == b.column;
}

/*
 * True when the trees at a and b are the same: kinds, keys, text, the
 * positions of values, keys and scalar ends, and the order of members.
 * Otherwise `why` (of `size` bytes) says where they part.
 */
static inline bool
tree_same(const struct ogc_node *a, const struct ogc_node *b, char *why,
	size_t size)
{
	if (a == NULL || b == NULL) {
		if (a != b) {
			snprintf(why, size, "one tree ends where the other "
				"goes on (%s)", a == NULL ? "fast" : "libyaml");
			return false;
		}
		return true;
	}
	if (a->kind != b->kind || !tree_pos_same(a->pos, b->pos) ||
		!tree_pos_same(a->end, b->end) ||
		!tree_pos_same(a->key_pos, b->key_pos) ||
		(a->key == NULL) != (b->key == NULL) ||
		(a->key != NULL && strcmp(a->key, b->key) != 0) ||
		a->len != b->len || memcmp(a->text, b->text, a->len) != 0 ||
		a->text[a->len] != '\0' || b->text[b->len] != '\0') {
		snprintf(why, size, "node at %u:%u (fast: kind %d, %u:%u-%u:%u, "
			"key %s at %u:%u, \"%.40s\"; libyaml: kind %d, "
			"%u:%u-%u:%u, key %s at %u:%u, \"%.40s\")",
			b->pos.line, b->pos.column, (int)a->kind, a->pos.line,
			a->pos.column, a->end.line, a->end.column,
			a->key != NULL ? a->key : "-", a->key_pos.line,
			a->key_pos.column, a->text, (int)b->kind, b->pos.line,
			b->pos.column, b->end.line, b->end.column,
			b->key != NULL ? b->key : "-", b->key_pos.line,
			b->key_pos.column, b->text);
		return false;
	}
	for (a = a->child, b = b->child; a != NULL || b != NULL;
		a = a->next, b = b->next) {
		if (!tree_same(a, b, why, size)) {
			return false; /* a NULL one among them too */
		}
	}
	return true;
}

enum tree_verdict {
	TREE_GAVE_UP, /* the fast reader left the text to libyaml */
	TREE_SAME,    /* it took the text, and built libyaml's tree */
	TREE_DIFFERS, /* it took the text, and built another tree */
	TREE_NOMEM,
};

/*
 * Reads text[0..len) with the fast reader and with libyaml alone and
 * compares what they built whenever the fast reader took the text: the
 * same root and no problems, since libyaml's path reports a repeated key
 * and the fast reader gives up on one.
 */
static inline enum tree_verdict
tree_compare(const char *text, size_t len, unsigned first_line, char *why,
	size_t size)
{
	struct ogc_doc *fast = ogc_doc_create();
	struct ogc_doc *slow;
	enum ogc_fast_result r;
	enum tree_verdict v = TREE_SAME;

	why[0] = '\0';
	if (fast == NULL) {
		return TREE_NOMEM;
	}
	r = ogc_yaml_fast_parse(fast, text, len, first_line);
	if (r != OGC_FAST_DONE) {
		ogc_doc_destroy(fast);
		return r == OGC_FAST_NOMEM ? TREE_NOMEM : TREE_GAVE_UP;
	}
	slow = ogc_doc_parse_slow(text, len, first_line);
	if (slow == NULL) {
		ogc_doc_destroy(fast);
		return TREE_NOMEM;
	}
	if (slow->root == NULL) {
		snprintf(why, size, "libyaml refused it: %s",
			slow->problems != NULL ? slow->problems->msg : "?");
		v = TREE_DIFFERS;
	} else if (slow->problems != NULL || fast->problems != NULL) {
		snprintf(why, size, "problems: %s", slow->problems != NULL ?
			slow->problems->msg : fast->problems->msg);
		v = TREE_DIFFERS;
	} else if (!tree_same(fast->root, slow->root, why, size)) {
		v = TREE_DIFFERS;
	}
	ogc_doc_destroy(fast);
	ogc_doc_destroy(slow);
	return v;
}

#endif
