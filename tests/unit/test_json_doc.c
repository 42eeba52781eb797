/* test_json_doc.c: JSON front matter -> field tree with file positions. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "harness.h"

/*
 * Parses a copy of text[0..len) in a buffer of exactly len bytes, so that
 * AddressSanitizer catches a read past the end: the parser must not rely
 * on a NUL terminator.
 */
static struct ogc_doc *
parse_n(const char *text, size_t len, unsigned first_line)
{
	struct ogc_doc *doc;
	char *copy = malloc(len > 0 ? len : 1);

	assert_non_null(copy);
	memcpy(copy, text, len);
	doc = ogc_json_parse(copy, len, first_line);
	free(copy);
	assert_non_null(doc);
	return doc;
}

static struct ogc_doc *
parse(const char *text, unsigned first_line)
{
	return parse_n(text, strlen(text), first_line);
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
assert_pos(struct ogc_pos pos, unsigned line, unsigned column)
{
	if (pos.line != line || pos.column != column) {
		fail_msg("at %u:%u, expected %u:%u", pos.line, pos.column, line,
			column);
	}
}

/* A scalar with its text, the place of its value and just after it. */
static void
assert_scalar(const struct ogc_doc *doc, const char *path, const char *text,
	unsigned line, unsigned column, unsigned end_column)
{
	const struct ogc_node *n = must_find(doc, path);

	assert_int_equal(n->kind, OGC_NODE_SCALAR);
	assert_string_equal(n->text, text);
	assert_int_equal(n->len, strlen(text));
	assert_pos(n->pos, line, column);
	assert_pos(n->end, line, end_column);
}

/* The text fails with one problem: `msg` (a part of it) at line:column. */
static void
assert_fails(const char *text, size_t len, unsigned first_line,
	const char *rule, unsigned line, unsigned column, const char *msg)
{
	struct ogc_doc *doc = parse_n(text, len, first_line);

	if (doc->root != NULL || doc->problems == NULL) {
		fail_msg("no problem for %s", text);
	}
	assert_null(doc->problems->next);
	if (strstr(doc->problems->msg, msg) == NULL) {
		fail_msg("%s: got \"%s\", expected \"%s\"", text,
			doc->problems->msg, msg);
	}
	if (rule == NULL) {
		assert_null(doc->problems->rule);
	} else {
		assert_non_null(doc->problems->rule);
		assert_string_equal(doc->problems->rule, rule);
	}
	if (doc->problems->pos.line != line ||
		doc->problems->pos.column != column) {
		fail_msg("%s: \"%s\" at %u:%u, expected %u:%u", text,
			doc->problems->msg, doc->problems->pos.line,
			doc->problems->pos.column, line, column);
	}
	ogc_doc_destroy(doc);
}

static void
fails(const char *text, unsigned line, unsigned column, const char *msg)
{
	assert_fails(text, strlen(text), 1, NULL, line, column, msg);
}

static void
test_value_kinds(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;

	(void)state;
	/* the object starts on line 2 of the file */
	doc = parse("{\n"
		"  \"title\": \"Harbour\",\n"
		"  \"count\": 12,\n"
		"  \"price\": 1.50,\n"
		"  \"big\": -2.5e+10,\n"
		"  \"draft\": false,\n"
		"  \"pub\": true,\n"
		"  \"none\": null,\n"
		"  \"empty\": \"\"\n"
		"}\n", 2);
	assert_null(doc->problems);
	assert_int_equal(doc->root->kind, OGC_NODE_MAP);
	assert_pos(doc->root->pos, 2, 1);
	assert_null(doc->root->key);
	assert_scalar(doc, "title", "Harbour", 3, 12, 21);
	assert_pos(must_find(doc, "title")->key_pos, 3, 3);
	assert_scalar(doc, "count", "12", 4, 12, 14);
	assert_scalar(doc, "price", "1.50", 5, 12, 16);
	assert_scalar(doc, "big", "-2.5e+10", 6, 10, 18);
	assert_pos(must_find(doc, "big")->key_pos, 6, 3);
	assert_scalar(doc, "draft", "false", 7, 12, 17);
	assert_scalar(doc, "pub", "true", 8, 10, 14);
	n = must_find(doc, "none");
	assert_int_equal(n->kind, OGC_NODE_NULL);
	assert_string_equal(n->text, "");
	assert_int_equal(n->len, 0);
	assert_pos(n->pos, 9, 11);
	assert_pos(n->end, 0, 0); /* as yaml_doc.c: only scalars have one */
	assert_scalar(doc, "empty", "", 10, 12, 14);
	/* members in document order */
	n = doc->root->child;
	assert_string_equal(n->key, "title");
	assert_string_equal(n->next->key, "count");
	ogc_doc_destroy(doc);
}

static void
test_nested(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;
	const struct ogc_node *item;

	(void)state;
	doc = parse("{\"og\": {\"title\": \"T\", \"image\": {\"url\": \"/a.png\"}},\n"
		" \"tags\": [\"a\", 2, [true, null], {\"k\": \"v\"}, []],\n"
		" \"e\": {}}", 1);
	assert_null(doc->problems);
	assert_scalar(doc, "og.title", "T", 1, 18, 21);
	n = must_find(doc, "og");
	assert_int_equal(n->kind, OGC_NODE_MAP);
	assert_pos(n->pos, 1, 8);
	assert_pos(n->key_pos, 1, 2);
	assert_scalar(doc, "og.image.url", "/a.png", 1, 40, 48);
	n = must_find(doc, "tags");
	assert_int_equal(n->kind, OGC_NODE_SEQ);
	assert_pos(n->pos, 2, 10);
	assert_pos(n->key_pos, 2, 2);
	item = n->child;
	assert_null(item->key);
	assert_string_equal(item->text, "a");
	assert_pos(item->pos, 2, 11);
	assert_pos(item->end, 2, 14);
	item = item->next;
	assert_string_equal(item->text, "2");
	assert_pos(item->pos, 2, 16);
	item = item->next;
	assert_int_equal(item->kind, OGC_NODE_SEQ);
	assert_pos(item->pos, 2, 19);
	assert_string_equal(item->child->text, "true");
	assert_null(item->child->key);
	assert_int_equal(item->child->next->kind, OGC_NODE_NULL);
	assert_pos(item->child->next->pos, 2, 26);
	assert_null(item->child->next->next);
	item = item->next;
	assert_int_equal(item->kind, OGC_NODE_MAP);
	assert_string_equal(item->child->key, "k");
	assert_string_equal(item->child->text, "v");
	assert_pos(item->child->key_pos, 2, 34);
	item = item->next;
	assert_int_equal(item->kind, OGC_NODE_SEQ);
	assert_null(item->child);
	assert_null(item->next);
	n = must_find(doc, "e");
	assert_int_equal(n->kind, OGC_NODE_MAP);
	assert_null(n->child);
	ogc_doc_destroy(doc);

	doc = parse("{}", 7);
	assert_null(doc->problems);
	assert_int_equal(doc->root->kind, OGC_NODE_MAP);
	assert_null(doc->root->child);
	assert_pos(doc->root->pos, 7, 1);
	ogc_doc_destroy(doc);
}

static void
test_unicode_columns(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;

	(void)state;
	/* columns count code points: é is 2 bytes, the emoji 4; a tab is 1 */
	doc = parse("{\"\xc3\xa9\": \"\xf0\x9f\x98\x80x\", \"b\": \"\xc3\xbc\",\n"
		"\t\"t\": 1}", 1);
	assert_null(doc->problems);
	n = must_find(doc, "\xc3\xa9");
	assert_pos(n->key_pos, 1, 2);
	assert_scalar(doc, "\xc3\xa9", "\xf0\x9f\x98\x80x", 1, 7, 11);
	assert_int_equal(n->len, 5);
	assert_scalar(doc, "b", "\xc3\xbc", 1, 18, 21);
	assert_pos(must_find(doc, "b")->key_pos, 1, 13);
	assert_scalar(doc, "t", "1", 2, 7, 8);
	assert_pos(must_find(doc, "t")->key_pos, 2, 2);
	ogc_doc_destroy(doc);
}

static void
test_escapes(void **state)
{
	struct ogc_doc *doc;

	(void)state;
	doc = parse("{\"a\": \"q\\\"b\\\\s\\/f\\b\\f\\n\\r\\t\", "
		"\"u\": \"\\u00e9\\ud83d\\ude00\\u2019\", \"k\\u0041\": 1, "
		"\"og:title\": \"Harbour\\u2019s\"}", 1);
	assert_null(doc->problems);
	/* the end counts the escapes as written: 22 characters */
	assert_scalar(doc, "a", "q\"b\\s/f\b\f\n\r\t", 1, 7, 29);
	assert_scalar(doc, "u", "\xc3\xa9\xf0\x9f\x98\x80\xe2\x80\x99", 1, 36,
		62);
	/* keys are decoded too */
	assert_scalar(doc, "kA", "1", 1, 75, 76);
	assert_pos(must_find(doc, "kA")->key_pos, 1, 64);
	assert_string_equal(must_find(doc, "og:title")->text,
		"Harbour\xe2\x80\x99s");
	ogc_doc_destroy(doc);
}

static void
test_numbers_as_written(void **state)
{
	static const char *const want[] = {
		"0", "-0", "1.50", "1E5", "0.0e-0", "-1.5E+3",
		"12345678901234567890123456789012345678901234567890123456789012345",
		"1e999",
	};
	struct ogc_doc *doc;
	const struct ogc_node *n;
	size_t i = 0;

	(void)state;
	doc = parse("{\"n\": [0, -0, 1.50, 1E5, 0.0e-0, -1.5E+3, "
		"12345678901234567890123456789012345678901234567890123456789012345,"
		" 1e999]}", 1);
	assert_null(doc->problems);
	for (n = must_find(doc, "n")->child; n != NULL; n = n->next) {
		assert_true(i < sizeof(want) / sizeof(want[0]));
		assert_int_equal(n->kind, OGC_NODE_SCALAR);
		assert_string_equal(n->text, want[i]);
		assert_int_equal(n->len, strlen(want[i]));
		i++;
	}
	assert_int_equal(i, sizeof(want) / sizeof(want[0]));
	ogc_doc_destroy(doc);
}

static void
test_duplicate_keys(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_problem *p;

	(void)state;
	doc = parse("{\n\"title\": \"first\",\n\"x\": 1,\n\"title\": \"second\",\n"
		"\"t\\u0069tle\": \"third\",\n\"o\": {\"k\": 1, \"k\": 2}}", 2);
	assert_non_null(doc->root);
	assert_string_equal(must_find(doc, "title")->text, "first");
	assert_string_equal(must_find(doc, "o.k")->text, "1");
	/* the inner object is complete first, as in yaml_doc.c */
	p = doc->problems;
	assert_non_null(p);
	assert_null(p->rule);
	assert_pos(p->pos, 7, 15);
	assert_string_equal(p->msg, "duplicate key \"k\" (first defined at "
		"line 7, column 7)");
	p = p->next;
	assert_non_null(p);
	assert_pos(p->pos, 5, 1);
	assert_string_equal(p->msg, "duplicate key \"title\" (first defined "
		"at line 3, column 1)");
	p = p->next;
	assert_non_null(p);
	/* an escaped spelling is the same key; it names the one before it */
	assert_pos(p->pos, 6, 1);
	assert_non_null(strstr(p->msg, "line 5, column 1"));
	assert_null(p->next);
	ogc_doc_destroy(doc);
}

static void
test_syntax_errors(void **state)
{
	const char *text;

	(void)state;
	fails("{\"a\": 1 \"b\": 2}", 1, 9,
		"expected , or } after a member, found '\"'");
	fails("{\"a\": [1, 2}", 1, 12, "expected , or ] after an item, found '}'");
	fails("{\"a\": 1,}", 1, 8, "a comma before }: JSON allows no trailing comma");
	fails("{\"a\": [1,]}", 1, 9, "a comma before ]: JSON allows no trailing comma");
	fails("{\"a\" 1}", 1, 6, "expected : after the key, found '1'");
	fails("{a: 1}", 1, 2, "expected a key in double quotes or }, found the word 'a'");
	fails("{\"a\": 1, 2}", 1, 10, "expected a key in double quotes after the comma, found '2'");
	fails("{'a': 1}", 1, 2, "a key in single quotes: JSON keys take double quotes");
	fails("{\"a\": 'x'}", 1, 7, "a string in single quotes");
	fails("{\"a\": yes}", 1, 7, "unknown word 'yes': JSON has true, false and null");
	fails("{\"a\": 1, \"b\": nul}", 1, 15, "unknown word 'nul'");
	fails("{\"a\": True}", 1, 7, "unknown word 'True'");
	fails("{\"a\": }", 1, 7, "expected a value, found '}'");
	fails("{\"a\": \xe2\x80\x9cx\xe2\x80\x9d}", 1, 7,
		"expected a value, found '\xe2\x80\x9c' (U+201C)");
	fails("{\"a\": 1} x", 1, 10, "trailing characters after the object, which "
		"closes at line 1, column 8");
	fails("{\"a\": 1}}", 1, 9, "trailing characters after the object");
	fails("{\"a\": [1, 2]", 1, 13, "expected , or } after a member, found the end "
		"of the front matter (the object at line 1, column 1 is not closed)");
	fails("{\"a\": [1,", 1, 10, "expected a value, found the end of the front "
		"matter (the array at line 1, column 7 is not closed)");
	fails("{", 1, 2, "expected a key in double quotes or }, found the end");
	fails("{\"a\": 1\x01}", 1, 8, "found a control character (U+0001)");
	/* the position counts lines from first_line */
	text = "{\n  \"a\": 1,\n  \"b\" 2\n}";
	assert_fails(text, strlen(text), 5, NULL, 7, 7,
		"expected : after the key, found '2'");
}

static void
test_string_errors(void **state)
{
	(void)state;
	/* an unterminated string is reported where it opens */
	fails("{\"a\": \"abc}\n}", 1, 7,
		"unterminated string: no closing \" before the end of the line");
	fails("{\"a\": \"abc\r\n\"}", 1, 7, "unterminated string");
	fails("{\"a\": \"abc", 1, 7, "unterminated string: no closing \" before "
		"the end of the front matter");
	fails("{\"a\": \"x\\", 1, 7, "unterminated string");
	fails("{\"a\": \"x\\\n\"}", 1, 7, "unterminated string");
	fails("{\"abc: 1}", 1, 2, "unterminated string");
	/* escapes: at the backslash */
	fails("{\"a\": \"\\q\"}", 1, 8, "invalid escape \\q in a string");
	fails("{\"a\": \"\\\t\"}", 1, 8, "invalid escape \\ followed by a control "
		"character (U+0009)");
	fails("{\"a\": \"\\u12\"}", 1, 8, "\\u takes four hex digits");
	fails("{\"a\": \"\\u12", 1, 8, "\\u takes four hex digits");
	fails("{\"a\": \"\\u00G0\"}", 1, 8, "\\u takes four hex digits");
	fails("{\"a\": \"x\\u0000y\"}", 1, 9, "\\u0000 in a string: the front "
		"matter cannot hold a NUL character");
	fails("{\"a\\u0000\": 1}", 1, 4, "\\u0000 in a string");
	fails("{\"a\": \"\\ud83d\"}", 1, 8, "\\uD83D in a string starts a UTF-16 "
		"surrogate pair, but no \\uDC00 to \\uDFFF follows");
	fails("{\"a\": \"\\ud83d\\u0041\"}", 1, 8, "starts a UTF-16 surrogate pair");
	fails("{\"a\": \"\\ude00\"}", 1, 8, "\\uDE00 in a string is the second "
		"half of a UTF-16 surrogate pair without the first");
	/* raw control characters */
	fails("{\"a\": \"x\ty\"}", 1, 9, "a control character (U+0009) in a "
		"string: write it as \\u0009");
	fails("{\"\xc3\xa9\": \"\xc3\xa9\x1f\"}", 1, 9, "(U+001F)");
}

static void
test_number_errors(void **state)
{
	(void)state;
	fails("{\"a\": 01}", 1, 7, "invalid number: JSON allows no leading zero");
	fails("{\"a\": -01}", 1, 7, "leading zero");
	fails("{\"a\": 1.}", 1, 9, "expected a digit after the decimal point, found '}'");
	fails("{\"a\": 1.e5}", 1, 9, "expected a digit after the decimal point");
	fails("{\"a\": 1e+}", 1, 10, "expected a digit in the exponent, found '}'");
	fails("{\"a\": 1E}", 1, 9, "expected a digit in the exponent");
	fails("{\"a\": -x}", 1, 8, "expected a digit after -, found the word 'x'");
	fails("{\"a\": -}", 1, 8, "expected a digit after -, found '}'");
	fails("{\"a\": .5}", 1, 7, "expected a value, found '.'");
	fails("{\"a\": +1}", 1, 7, "expected a value, found '+'");
	fails("{\"a\": 1.5.3}", 1, 10, "expected , or } after a member, found '.'");
	fails("{\"a\": 0x10}", 1, 8, "expected , or } after a member, found the word 'x10'");
}

static void
test_not_an_object(void **state)
{
	(void)state;
	fails("[1, 2]", 1, 1, "the front matter is a JSON array; expected an object");
	fails("  \"x\"", 1, 3, "the front matter is a JSON string; expected an object");
	fails("42", 1, 1, "the front matter is a JSON number; expected an object");
	fails("-1", 1, 1, "a JSON number");
	fails("true", 1, 1, "the front matter is the JSON value true; expected an "
		"object");
	fails("null", 1, 1, "the JSON value null");
	fails("", 1, 1, "the front matter is empty; expected a JSON object");
	fails("\n\n  ", 3, 3, "the front matter is empty");
	fails("title: x", 1, 1, "expected { to open the front matter object, found "
		"the word 'title'");
	assert_fails("", 0, 4, NULL, 4, 1, "empty");
}

static void
test_utf8_and_bom(void **state)
{
	struct ogc_doc *doc;

	(void)state;
	fails("{\"a\": \"\xff\"}", 1, 8, "invalid UTF-8 byte 0xFF: the front matter "
		"must be UTF-8 text");
	/* a sequence cut short: the position counts code points before it */
	fails("{\"\xc3\xa9\": \"x\xc3\"}", 1, 9, "invalid UTF-8 byte 0xC3");
	fails("{\"a\":\n \"\xed\xa0\x80\"}", 2, 3, "invalid UTF-8 byte 0xED");
	assert_fails("{\"a\": \"x\0\"}", 11, 1, NULL, 1, 9, "a NUL byte: the front "
		"matter must be UTF-8 text");
	/* a byte order mark is skipped and takes no column */
	doc = parse("\xef\xbb\xbf{\"a\": 1}", 1);
	assert_null(doc->problems);
	assert_pos(doc->root->pos, 1, 1);
	assert_scalar(doc, "a", "1", 1, 7, 8);
	ogc_doc_destroy(doc);
	fails("\xef\xbb\xbf{\"a\": x}", 1, 7, "unknown word 'x'");
	/* only one, and only at the start */
	fails(" \xef\xbb\xbf{}", 1, 2, "expected { to open the front matter "
		"object, found '\xef\xbb\xbf' (U+FEFF)");
}

static void
test_whitespace_and_length(void **state)
{
	struct ogc_doc *doc;

	(void)state;
	doc = parse("\r\n\t {\"a\" :\r\n1 , \"b\":[ ] }\n\n", 3);
	assert_null(doc->problems);
	assert_pos(doc->root->pos, 4, 3);
	assert_scalar(doc, "a", "1", 5, 1, 2);
	ogc_doc_destroy(doc);
	/* only text[0..len) is read: what follows is the body */
	doc = parse_n("{\"a\": 1}\nbody {", 8, 1);
	assert_null(doc->problems);
	assert_scalar(doc, "a", "1", 1, 7, 8);
	ogc_doc_destroy(doc);
	assert_fails("{\"a\": 12}", 8, 1, NULL, 1, 9, "expected , or } after a "
		"member, found the end of the front matter");
}

/* text: a key "a" holding `levels` nested arrays around `inner`. */
static char *
nested_json(unsigned levels, const char *inner)
{
	size_t len = 6 + 2 * (size_t)levels + strlen(inner) + 2;
	char *s = malloc(len + 1);
	size_t n = 0;
	unsigned i;

	assert_non_null(s);
	memcpy(s, "{\"a\": ", 6);
	n = 6;
	for (i = 0; i < levels; i++) {
		s[n++] = '[';
	}
	memcpy(s + n, inner, strlen(inner));
	n += strlen(inner);
	for (i = 0; i < levels; i++) {
		s[n++] = ']';
	}
	s[n++] = '}';
	s[n] = '\0';
	return s;
}

/* The same, as YAML flow collections: {a: [[...]]}. */
static char *
nested_yaml(unsigned levels, const char *inner)
{
	char *s = nested_json(levels, inner);

	/* {"a": -> {a:  : the same length, the same columns after it */
	memcpy(s, "{  a:", 5);
	return s;
}

static void
test_limit_depth(void **state)
{
	struct ogc_doc *doc;
	struct ogc_doc *yaml;
	char *text;

	(void)state;
	/* the root object is level 1, so 63 arrays reach level 64 */
	text = nested_json(63, "");
	doc = parse(text, 1);
	assert_non_null(doc->root);
	assert_null(doc->problems);
	ogc_doc_destroy(doc);
	free(text);
	/* a value inside the 64th level is one too deep, as in YAML */
	text = nested_json(63, "1");
	assert_fails(text, strlen(text), 2, "limit-depth", 2, 70,
		"nested more than 64 levels deep (limit depth): the front matter is "
		"not checked");
	free(text);
	text = nested_json(64, "");
	assert_fails(text, strlen(text), 1, "limit-depth", 1, 70,
		"nested more than 64 levels deep (limit depth)");
	free(text);
	/* yaml_doc.c counts the same way */
	text = nested_yaml(63, "1");
	yaml = ogc_doc_parse(text, strlen(text), 2);
	assert_non_null(yaml);
	assert_null(yaml->root);
	assert_string_equal(yaml->problems->rule, "limit-depth");
	assert_pos(yaml->problems->pos, 2, 70);
	ogc_doc_destroy(yaml);
	free(text);
	text = nested_yaml(63, "");
	yaml = ogc_doc_parse(text, strlen(text), 2);
	assert_non_null(yaml);
	assert_non_null(yaml->root);
	ogc_doc_destroy(yaml);
	free(text);
	/* very deep and unclosed: the limit, found before cJSON is called */
	text = nested_json(100000, "");
	assert_fails(text, strlen(text) - 100001, 1, "limit-depth", 1, 70,
		"limit depth");
	free(text);
	/* depth comes before a syntax error further on, not after one before */
	text = nested_json(70, "x");
	assert_fails(text, strlen(text), 1, "limit-depth", 1, 70, "limit depth");
	free(text);
	fails("{\"a\": x, \"b\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]}", 1, 7,
		"unknown word 'x'");
}

/* {"a": [0,0,...]} with `items` zeros. */
static char *
many_values(size_t items, const char *shape)
{
	size_t len = 7 + 2 * items + 2;
	char *s = malloc(len + 1);
	size_t n;
	size_t i;

	assert_non_null(s);
	memcpy(s, shape, 7);
	n = 7;
	for (i = 0; i < items; i++) {
		s[n++] = '0';
		s[n++] = ',';
	}
	n--; /* the last comma */
	s[n++] = ']';
	s[n++] = '}';
	s[n] = '\0';
	return s;
}

static void
test_limit_values(void **state)
{
	struct ogc_doc *doc;
	struct ogc_doc *yaml;
	char *text;

	(void)state;
	/* root + array + 99998 items = 100000 values: fine */
	text = many_values(99998, "{\"a\": [");
	doc = parse(text, 1);
	assert_non_null(doc->root);
	assert_null(doc->problems);
	ogc_doc_destroy(doc);
	free(text);
	/* one more: the 100001st value is where it stops */
	text = many_values(99999, "{\"a\": [");
	assert_fails(text, strlen(text), 1, "limit-values", 1, 8 + 2 * 99998,
		"the front matter holds more than 100000 values (limit values): it "
		"is not checked");
	free(text);
	/* as yaml_doc.c counts */
	text = many_values(99999, "{  a: [");
	yaml = ogc_doc_parse(text, strlen(text), 1);
	assert_non_null(yaml);
	assert_null(yaml->root);
	assert_string_equal(yaml->problems->rule, "limit-values");
	assert_pos(yaml->problems->pos, 1, 8 + 2 * 99998);
	ogc_doc_destroy(yaml);
	free(text);
	text = many_values(99998, "{  a: [");
	yaml = ogc_doc_parse(text, strlen(text), 1);
	assert_non_null(yaml);
	assert_non_null(yaml->root);
	ogc_doc_destroy(yaml);
	free(text);
}

static size_t
object_end(const char *s)
{
	return ogc_json_object_end(s, strlen(s));
}

static void
test_object_end(void **state)
{
	static const char deep_open[] = "{\"a\": ";
	char *deep;
	size_t n;
	size_t i;

	(void)state;
	assert_int_equal(object_end("{\"a\": 1}\nbody"), 8);
	assert_int_equal(object_end("{}"), 2);
	assert_int_equal(object_end("{\"a\": {\"b\": [1, {}]}} {"), 21);
	/* braces and quotes inside strings, escaped quotes and backslashes */
	assert_int_equal(object_end("{\"a\": \"}\"} x"), 10);
	assert_int_equal(object_end("{\"a\": \"\\\"}\"} x"), 12);
	assert_int_equal(object_end("{\"a\": \"\\\\\"} x"), 11);
	assert_int_equal(object_end("{\"}{][\": \"[{\"} x"), 14);
	/* not complete yet */
	assert_int_equal(object_end(""), 0);
	assert_int_equal(object_end("{"), 0);
	assert_int_equal(object_end("{\"a\": \"}"), 0);
	assert_int_equal(object_end("{\"a\": \"x\\"), 0);
	assert_int_equal(object_end("{\"a\": [1, {}]"), 0);
	assert_int_equal(object_end("{\n\"a\": 1,\n"), 0);
	/* broken for good */
	assert_int_equal(object_end("[1]"), (size_t)-1);
	assert_int_equal(object_end(" {}"), (size_t)-1);
	assert_int_equal(object_end("title: x"), (size_t)-1);
	assert_int_equal(object_end("{\"a\": [1}"), (size_t)-1);
	assert_int_equal(object_end("{]"), (size_t)-1);
	assert_int_equal(object_end("{\"a\": {]}"), (size_t)-1);
	assert_int_equal(object_end("{\"a\": \"x\nmore\"}"), (size_t)-1);
	assert_int_equal(object_end("{\"a\": \"x\r\n\"}"), (size_t)-1);
	assert_int_equal(object_end("{\"a\": \"x\\\n\"}"), (size_t)-1);
	/* other syntax is the parser's business */
	assert_int_equal(object_end("{a: 'x', b: yes}"), 16);
	/* only len bytes are looked at */
	assert_int_equal(ogc_json_object_end("{}", 1), 0);
	assert_int_equal(ogc_json_object_end("{\"a\"}", 3), 0);
	/* deeper than the 1024 levels whose kinds are kept */
	n = strlen(deep_open) + 2 * 3000 + 1;
	deep = malloc(n + 1);
	assert_non_null(deep);
	memcpy(deep, deep_open, strlen(deep_open));
	for (i = 0; i < 3000; i++) {
		deep[strlen(deep_open) + i] = i % 2 == 0 ? '[' : '{';
		deep[strlen(deep_open) + 2 * 3000 - 1 - i] = i % 2 == 0 ? ']' : '}';
	}
	deep[n - 1] = '}';
	deep[n] = '\0';
	assert_int_equal(ogc_json_object_end(deep, n), n);
	assert_int_equal(ogc_json_object_end(deep, n - 1), 0);
	/* a wrong closer within the kept levels is still seen */
	deep[n - 2] = '}';
	assert_int_equal(ogc_json_object_end(deep, n), (size_t)-1);
	free(deep);
}

/*
 * Whenever ogc_json_object_end() gives up on bytes, the parser finds a
 * problem in them; whenever it finds the end, the parser reads the object
 * through it (or finds a problem within it).
 */
static void
test_object_end_agrees(void **state)
{
	static const char *const texts[] = {
		"{\"a\": [1}",
		"{]",
		"{\"a\": \"x\nmore\"}",
		"{\"a\": \"x\\\n\"}",
		"[1]",
		"x{}",
		"{\"a\": {\"b\": [1, \"}\"]}}",
	};
	struct ogc_doc *doc;
	size_t end;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		end = object_end(texts[i]);
		if (end == (size_t)-1) {
			doc = parse(texts[i], 1);
			assert_null(doc->root);
			ogc_doc_destroy(doc);
		} else {
			doc = parse_n(texts[i], end, 1);
			assert_non_null(doc->root);
			ogc_doc_destroy(doc);
		}
	}
}

/* xorshift64: the same sequence on every run. */
static uint64_t
next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* What every parse promises: checked over the whole tree. */
static void
check_tree(const struct ogc_node *node, unsigned first_line, unsigned depth)
{
	const struct ogc_node *c;

	assert_true(depth <= 64);
	assert_non_null(node->text);
	assert_int_equal(strlen(node->text), node->len);
	assert_true(node->pos.line >= first_line && node->pos.column >= 1);
	if (node->kind == OGC_NODE_SCALAR) {
		/* a JSON scalar never spans lines */
		assert_int_equal(node->end.line, node->pos.line);
		assert_true(node->end.column > node->pos.column);
	}
	for (c = node->child; c != NULL; c = c->next) {
		if (node->kind == OGC_NODE_MAP) {
			assert_non_null(c->key);
			assert_true(c->key_pos.line >= first_line);
		} else {
			assert_int_equal(node->kind, OGC_NODE_SEQ);
			assert_null(c->key);
		}
		check_tree(c, first_line, depth + 1);
	}
}

static void
check_parse(const char *text, size_t len)
{
	const struct ogc_problem *p;
	struct ogc_doc *doc = parse_n(text, len, 3);
	size_t end = ogc_json_object_end(text, len);

	/* root NULL <=> a fatal problem, the only one */
	if (doc->root == NULL) {
		assert_non_null(doc->problems);
		assert_null(doc->problems->next);
		assert_null(strstr(doc->problems->msg, "duplicate key"));
	} else {
		check_tree(doc->root, 3, 1);
		for (p = doc->problems; p != NULL; p = p->next) {
			assert_non_null(strstr(p->msg, "duplicate key"));
		}
		if (len > 0 && text[0] == '{') {
			/* the object found ends where the parser's did */
			assert_true(end != 0 && end != (size_t)-1);
			for (; end < len; end++) {
				assert_non_null(strchr(" \t\r\n", text[end]));
			}
		}
	}
	for (p = doc->problems; p != NULL; p = p->next) {
		assert_true(p->msg[0] != '\0');
		assert_true(p->pos.line >= 3 && p->pos.column >= 1);
		/* the scanner and cJSON never disagree */
		assert_int_not_equal(strncmp(p->msg, "cJSON ", 6), 0);
	}
	if (len > 0 && text[0] == '{' && (end == 0 || end == (size_t)-1)) {
		assert_null(doc->root);
	}
	ogc_doc_destroy(doc);
}

static void
test_random_mutations(void **state)
{
	static const char *const seeds[] = {
		"{\"title\": \"Harbour\\u2019s\", \"n\": -1.5e3, \"t\": [true, "
		"false, null, {\"k\": \"v\"}], \"o\": {\"a\": {}}}",
		"{\n  \"og\": {\"title\": \"\xc3\xa9\xf0\x9f\x98\x80\", \"image\": "
		"\"/a.png\"},\n  \"a\": \"\\ud83d\\ude00\\\"\\\\\", \"a\": 0\n}\n",
		"{\"a\": [[[[1, 2], [3]], {\"b\": [\"c\", \"\\/\"]}]]}",
	};
	static const char alphabet[] = "{}[]\",:\\ \n\t0123456789.-+eEtrufalsn"
		"xu\xc3\xa9\xff\x01";
	uint64_t rnd = 0x9e3779b97f4a7c15u;
	char buf[512];
	size_t len;
	size_t i;
	size_t k;
	size_t at;
	size_t edits;
	const char *seed;

	(void)state;
	for (i = 0; i < 30000; i++) {
		seed = seeds[i % 3];
		len = strlen(seed);
		memcpy(buf, seed, len);
		edits = 1 + next_random(&rnd) % 4;
		for (k = 0; k < edits; k++) {
			at = len > 0 ? next_random(&rnd) % len : 0;
			switch (next_random(&rnd) % 4) {
			case 0: /* replace a byte */
				if (len > 0) {
					buf[at] = alphabet[next_random(&rnd) %
						(sizeof(alphabet) - 1)];
				}
				break;
			case 1: /* insert one */
				if (len < sizeof(buf)) {
					memmove(buf + at + 1, buf + at, len - at);
					buf[at] = alphabet[next_random(&rnd) %
						(sizeof(alphabet) - 1)];
					len++;
				}
				break;
			case 2: /* delete one */
				if (len > 0) {
					memmove(buf + at, buf + at + 1, len - at - 1);
					len--;
				}
				break;
			default: /* cut the text short */
				len = at;
				break;
			}
		}
		check_parse(buf, len);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_kinds),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_unicode_columns),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_numbers_as_written),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_string_errors),
		cmocka_unit_test(test_number_errors),
		cmocka_unit_test(test_not_an_object),
		cmocka_unit_test(test_utf8_and_bom),
		cmocka_unit_test(test_whitespace_and_length),
		cmocka_unit_test(test_limit_depth),
		cmocka_unit_test(test_limit_values),
		cmocka_unit_test(test_object_end),
		cmocka_unit_test(test_object_end_agrees),
		cmocka_unit_test(test_random_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
