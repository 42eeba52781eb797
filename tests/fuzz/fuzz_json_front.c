/* fuzz_json_front.c: JSON front matter to the field tree, and its end. */
/* SPDX-License-Identifier: MIT */
#include "fuzz.h"

/* Paths the built-in rules look up, and a few odd ones. Alphasorted. */
static const char *const paths[] = {
	"",
	".",
	"a.b.c",
	"article:published_time",
	"canonical",
	"date",
	"og",
	"og.",
	"og.image",
	"og.title",
	"og:image:width",
	"og:title",
	"publish.date",
	"tags",
	"title",
	"twitter.card",
};

/*
 * Positions are 1-based and never before the line the text starts on; a
 * JSON scalar never spans lines, and its end lies after its start.
 */
static void
check_positions(const struct ogc_node *node, unsigned first_line)
{
	const struct ogc_node *c;

	FUZZ_CHECK(node->pos.line >= first_line && node->pos.column >= 1);
	if (node->key != NULL) {
		FUZZ_CHECK(node->key_pos.line >= first_line);
		FUZZ_CHECK(node->key_pos.column >= 1);
	}
	if (node->kind == OGC_NODE_SCALAR) {
		FUZZ_CHECK(node->end.line == node->pos.line);
		FUZZ_CHECK(node->end.column > node->pos.column);
		/* decoded: valid UTF-8 without NUL (\u0000 is refused) */
		FUZZ_CHECK(strlen(node->text) == node->len);
		FUZZ_CHECK(fuzz_value_ok(node->text, node->len));
	} else {
		FUZZ_CHECK(node->end.line == 0 && node->end.column == 0);
	}
	for (c = node->child; c != NULL; c = c->next) {
		check_positions(c, first_line);
	}
}

/*
 * ogc_json_object_end() against the parser: an end it finds is a '}' that
 * every shorter prefix lacks; when it gives up, no more bytes help; a text
 * opening with '{' that parses has its object end where the parser's did.
 */
static void
check_object_end(const char *text, size_t size, const struct ogc_doc *doc)
{
	size_t end = ogc_json_object_end(text, size);
	size_t i;

	if (size == 0) {
		FUZZ_CHECK(end == 0);
		return;
	}
	if (text[0] != '{') {
		FUZZ_CHECK(end == (size_t)-1);
		return;
	}
	if (end == 0 || end == (size_t)-1) {
		FUZZ_CHECK(doc->root == NULL);
		return;
	}
	FUZZ_CHECK(end <= size && text[end - 1] == '}');
	FUZZ_CHECK(ogc_json_object_end(text, end) == end);
	FUZZ_CHECK(ogc_json_object_end(text, end - 1) == 0);
	if (doc->root != NULL) {
		for (i = end; i < size; i++) {
			FUZZ_CHECK(strchr(" \t\r\n", text[i]) != NULL);
		}
	}
}

/*
 * The input is front matter text as the reader hands it over (starting
 * on line 2 of its file), not NUL-terminated: the parser must stay within
 * its length.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const struct ogc_problem *p;
	const struct ogc_node *n;
	struct ogc_doc *doc;
	size_t i;

	doc = ogc_json_parse(text, size, 2);
	if (doc == NULL) {
		return 0;
	}
	FUZZ_CHECK(!doc->nomem);
	/* a document that failed says why, in one problem */
	FUZZ_CHECK(doc->root != NULL || (doc->problems != NULL &&
		doc->problems->next == NULL));
	for (p = doc->problems; p != NULL; p = p->next) {
		FUZZ_CHECK(memchr(p->msg, '\0', sizeof(p->msg)) != NULL);
		FUZZ_CHECK(p->msg[0] != '\0');
		FUZZ_CHECK(p->pos.line >= 2 && p->pos.column >= 1);
		/* the scanner and cJSON read every text alike */
		FUZZ_CHECK(strncmp(p->msg, "cJSON ", 6) != 0);
		/* with a tree, the only problems are repeated keys */
		FUZZ_CHECK(doc->root == NULL ||
			strncmp(p->msg, "duplicate key", 13) == 0);
		if (p->rule != NULL) {
			fuzz_touch(p->rule);
		}
	}
	if (doc->root != NULL) {
		FUZZ_CHECK(doc->root->kind == OGC_NODE_MAP);
		fuzz_walk(doc->root, 0);
		check_positions(doc->root, 2);
		for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			n = ogc_node_lookup(doc->root, paths[i]);
			if (n != NULL) {
				fuzz_touch(n->text);
			}
		}
	}
	check_object_end(text, size, doc);
	ogc_doc_destroy(doc);
	return 0;
}
