/* fuzz_toml.c: TOML front matter (Hugo's +++) to the field tree with positions. */
/* SPDX-License-Identifier: MIT */
#include "fuzz.h"

/* Paths Hugo pages and the built-in rules look up. Alphasorted. */
static const char *const paths[] = {
	"",
	".",
	"a.b.c",
	"date",
	"description",
	"images",
	"menu.main",
	"og",
	"og.image",
	"og.title",
	"og:title",
	"params",
	"params.images",
	"tags",
	"title",
};

/*
 * Positions are 1-based and never before the line the text starts on; a
 * scalar ends after it starts; the tree is a map of maps and lists.
 */
static void
check_tree(const struct ogc_node *node, unsigned first_line)
{
	const struct ogc_node *c;

	FUZZ_CHECK(node->pos.line >= first_line && node->pos.column >= 1);
	if (node->key != NULL) {
		FUZZ_CHECK(node->key_pos.line >= first_line);
		FUZZ_CHECK(node->key_pos.column >= 1);
	}
	if (node->kind == OGC_NODE_SCALAR) {
		FUZZ_CHECK(node->child == NULL);
		FUZZ_CHECK(node->end.line > node->pos.line ||
			(node->end.line == node->pos.line &&
			node->end.column > node->pos.column));
		FUZZ_CHECK(fuzz_value_ok(node->text, node->len));
	} else {
		FUZZ_CHECK(node->kind == OGC_NODE_MAP ||
			node->kind == OGC_NODE_SEQ);
	}
	for (c = node->child; c != NULL; c = c->next) {
		check_tree(c, first_line);
	}
}

/*
 * The input is front matter text as the scanner hands it over (starting
 * on line 2 of its file), not NUL-terminated: the parser must stay within
 * its length. Either the TOML is valid (a map, no problem) or it is not
 * (no tree, one problem: front-matter-invalid or a limit).
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ogc_problem *p;
	const struct ogc_node *n;
	struct ogc_doc *doc;
	size_t i;

	doc = ogc_toml_parse((const char *)data, size, 2);
	if (doc == NULL) {
		return 0;
	}
	FUZZ_CHECK(!doc->nomem);
	FUZZ_CHECK((doc->root != NULL) == (doc->problems == NULL));
	p = doc->problems;
	if (p != NULL) {
		FUZZ_CHECK(p->next == NULL);
		FUZZ_CHECK(memchr(p->msg, '\0', sizeof(p->msg)) != NULL);
		FUZZ_CHECK(p->msg[0] != '\0');
		FUZZ_CHECK(fuzz_value_ok(p->msg, strlen(p->msg)));
		FUZZ_CHECK(p->pos.line >= 2 && p->pos.column >= 1);
		FUZZ_CHECK(p->pos.line <= 2 + size);
		FUZZ_CHECK(p->rule == NULL || strncmp(p->rule, "limit-", 6) == 0);
	}
	if (doc->root != NULL) {
		FUZZ_CHECK(doc->root->kind == OGC_NODE_MAP);
		fuzz_walk(doc->root, 0);
		check_tree(doc->root, 2);
		for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			n = ogc_node_lookup(doc->root, paths[i]);
			if (n != NULL) {
				fuzz_touch(n->text);
			}
		}
	}
	ogc_doc_destroy(doc);
	return 0;
}
