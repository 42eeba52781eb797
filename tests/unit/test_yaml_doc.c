/* test_yaml_doc.c: YAML text -> field tree with file positions. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "harness.h"

static struct ogc_doc *
parse(const char *text, unsigned first_line)
{
	struct ogc_doc *doc = ogc_doc_parse(text, strlen(text), first_line);

	assert_non_null(doc);
	return doc;
}

static const struct ogc_node *
must_find(const struct ogc_doc *doc, const char *path)
{
	const struct ogc_node *n = ogc_node_lookup(doc->root, path);

	if (n == NULL) {
		fail_msg("%s not found", path);
	}
	return n;
}

static void
test_positions(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;

	(void)state;
	/* the fenced block's YAML starts on line 2 of the file */
	doc = parse("og:\n  title: \"Harbour\\u2019s\"\nt\xc3\xaft\xc5\x82\xc3\xa9: x\n", 2);
	assert_null(doc->problems);
	n = must_find(doc, "og.title");
	assert_int_equal(n->kind, OGC_NODE_SCALAR);
	assert_string_equal(n->text, "Harbour\xe2\x80\x99s");
	assert_int_equal(n->pos.line, 3);
	assert_int_equal(n->pos.column, 10);
	assert_int_equal(n->key_pos.line, 3);
	assert_int_equal(n->key_pos.column, 3);
	/* columns count characters: "tïtłé: " is 7 characters, 10 bytes */
	n = must_find(doc, "t\xc3\xaft\xc5\x82\xc3\xa9");
	assert_int_equal(n->pos.line, 4);
	assert_int_equal(n->pos.column, 8);
	ogc_doc_destroy(doc);
}

static void
test_lookup(void **state)
{
	struct ogc_doc *doc;

	(void)state;
	doc = parse("og:title: flat\nog:\n  image: nested\n"
		"a.b: literal\na:\n  b: deep\nlist: [x, y]\n", 2);
	assert_string_equal(must_find(doc, "og:title")->text, "flat");
	assert_string_equal(must_find(doc, "og.image")->text, "nested");
	/* a literal dotted key is tried first */
	assert_string_equal(must_find(doc, "a.b")->text, "literal");
	assert_int_equal(must_find(doc, "list")->kind, OGC_NODE_SEQ);
	assert_null(ogc_node_lookup(doc->root, "og.title"));
	assert_null(ogc_node_lookup(doc->root, "og.image.x"));
	assert_null(ogc_node_lookup(doc->root, "list.x"));
	ogc_doc_destroy(doc);
}

static void
test_nulls_and_empty_strings(void **state)
{
	struct ogc_doc *doc;

	(void)state;
	doc = parse("a:\nb: ~\nc: null\nd: \"\"\ne: 'null'\n", 2);
	assert_int_equal(must_find(doc, "a")->kind, OGC_NODE_NULL);
	assert_int_equal(must_find(doc, "b")->kind, OGC_NODE_NULL);
	assert_int_equal(must_find(doc, "c")->kind, OGC_NODE_NULL);
	assert_int_equal(must_find(doc, "d")->kind, OGC_NODE_SCALAR);
	assert_int_equal(must_find(doc, "d")->len, 0);
	assert_string_equal(must_find(doc, "e")->text, "null");
	ogc_doc_destroy(doc);
}

static void
test_duplicate_keys(void **state)
{
	struct ogc_doc *doc;

	(void)state;
	doc = parse("title: first\nx: 1\ntitle: second\n", 2);
	assert_non_null(doc->root);
	assert_string_equal(must_find(doc, "title")->text, "first");
	assert_non_null(doc->problems);
	assert_null(doc->problems->next);
	assert_int_equal(doc->problems->pos.line, 4);
	assert_int_equal(doc->problems->pos.column, 1);
	assert_non_null(strstr(doc->problems->msg, "duplicate key \"title\""));
	assert_non_null(strstr(doc->problems->msg, "line 2"));
	ogc_doc_destroy(doc);
}

static void
test_invalid_yaml(void **state)
{
	struct ogc_doc *doc;

	(void)state;
	doc = parse("title: ok\nog:\n  title: [unclosed\n  type: x\n", 2);
	assert_null(doc->root);
	assert_non_null(doc->problems);
	assert_int_equal(doc->problems->pos.line, 5);
	/* libyaml's problem and its context, with the context's place */
	assert_non_null(strstr(doc->problems->msg, "flow sequence"));
	assert_non_null(strstr(doc->problems->msg, "line 4, column 10"));
	ogc_doc_destroy(doc);

	doc = parse("a: 1\n---\nb: 2\n", 2);
	assert_null(doc->root);
	assert_non_null(strstr(doc->problems->msg, "second YAML document"));
	ogc_doc_destroy(doc);
}

static void
test_encoding(void **state)
{
	struct ogc_doc *doc;
	const char nul[] = "a: b\nc: d\0e\n";

	(void)state;
	doc = parse("a: ok\nb: caf\xe9\n", 2);
	assert_null(doc->root);
	assert_int_equal(doc->problems->pos.line, 3);
	assert_int_equal(doc->problems->pos.column, 7);
	assert_non_null(strstr(doc->problems->msg, "0xE9"));
	ogc_doc_destroy(doc);

	doc = ogc_doc_parse(nul, sizeof(nul) - 1, 2);
	assert_non_null(doc);
	assert_null(doc->root);
	assert_int_equal(doc->problems->pos.line, 3);
	assert_int_equal(doc->problems->pos.column, 5);
	ogc_doc_destroy(doc);
}

static void
test_aliases(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;

	(void)state;
	doc = parse("base: &b\n  title: shared\nog: *b\n", 2);
	n = must_find(doc, "og.title");
	assert_string_equal(n->text, "shared");
	/* a copy points at the alias */
	assert_int_equal(n->pos.line, 4);
	ogc_doc_destroy(doc);

	doc = parse("og: *nowhere\n", 2);
	assert_null(doc->root);
	assert_non_null(strstr(doc->problems->msg, "no anchor"));
	ogc_doc_destroy(doc);
}

static void
test_merge_keys(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *og;

	(void)state;
	doc = parse("base: &b\n  type: article\n  title: base title\n"
		"extra: &e {locale: en_GB}\n"
		"og:\n  <<: [*b, *e]\n  title: own title\n", 2);
	assert_non_null(doc->root);
	og = must_find(doc, "og");
	/* explicit keys win, whatever their order; merged ones fill in */
	assert_string_equal(must_find(doc, "og.title")->text, "own title");
	assert_string_equal(must_find(doc, "og.type")->text, "article");
	assert_string_equal(must_find(doc, "og.locale")->text, "en_GB");
	/* the merge key itself is gone, and nothing was reported */
	assert_null(ogc_node_member(og, "<<"));
	assert_null(doc->problems);
	/* a merged value points where it comes in, as an alias's does */
	assert_int_equal(must_find(doc, "og.type")->pos.line, 7);
	assert_int_equal(must_find(doc, "og.title")->pos.line, 8);
	ogc_doc_destroy(doc);
}

static void
test_alias_bomb(void **state)
{
	struct ogc_doc *doc;
	char text[2048];
	size_t used;
	int level;
	int i;

	(void)state;
	used = (size_t)snprintf(text, sizeof(text), "l0: &l0 [x, x, x, x, x, "
		"x, x, x, x, x]\n");
	for (level = 1; level < 9; level++) {
		used += (size_t)snprintf(text + used, sizeof(text) - used,
			"l%d: &l%d [", level, level);
		for (i = 0; i < 10; i++) {
			used += (size_t)snprintf(text + used, sizeof(text) - used,
				"%s*l%d", i > 0 ? ", " : "", level - 1);
		}
		used += (size_t)snprintf(text + used, sizeof(text) - used, "]\n");
	}
	/* 10^9 values if expanded: stopped at OGC_MAX_ALIAS_VALUES */
	doc = parse(text, 2);
	assert_null(doc->root);
	assert_string_equal(doc->problems->rule, "limit-aliases");
	assert_non_null(strstr(doc->problems->msg, "more than 10000 values"));
	ogc_doc_destroy(doc);
}

/* "a: [[...[x]...]]" with `n` lists; the caller frees it. */
static char *
nested_lists(size_t n)
{
	char *text = malloc(2 * n + 8);
	size_t i;

	assert_non_null(text);
	memcpy(text, "a: ", 3);
	for (i = 0; i < n; i++) {
		text[3 + i] = '[';
		text[4 + n + i] = ']';
	}
	text[3 + n] = 'x';
	text[4 + 2 * n] = '\0';
	return text;
}

static void
test_depth_limit(void **state)
{
	struct ogc_doc *doc;
	char *text = nested_lists(10000);

	(void)state;
	doc = parse(text, 2);
	assert_null(doc->root);
	assert_string_equal(doc->problems->rule, "limit-depth");
	assert_non_null(strstr(doc->problems->msg, "levels deep"));
	ogc_doc_destroy(doc);
	free(text);

	/* the root map, 62 lists and the scalar: 64 levels, the limit */
	text = nested_lists(62);
	doc = parse(text, 2);
	assert_non_null(doc->root);
	ogc_doc_destroy(doc);
	free(text);
	text = nested_lists(63);
	doc = parse(text, 2);
	assert_null(doc->root);
	ogc_doc_destroy(doc);
	free(text);
}

static void
test_empty_text_is_empty_map(void **state)
{
	struct ogc_doc *doc;

	(void)state;
	doc = parse("", 2);
	assert_non_null(doc->root);
	assert_int_equal(doc->root->kind, OGC_NODE_MAP);
	assert_null(doc->root->child);
	ogc_doc_destroy(doc);

	doc = parse("- a\n- b\n", 2);
	assert_int_equal(doc->root->kind, OGC_NODE_SEQ);
	ogc_doc_destroy(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_nulls_and_empty_strings),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_invalid_yaml),
		cmocka_unit_test(test_encoding),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_merge_keys),
		cmocka_unit_test(test_alias_bomb),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_empty_text_is_empty_map),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
