/* test_toml_doc.c: TOML front matter -> field tree with file positions. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "harness.h"

/*
 * Parses text[0..len) from a heap copy of exactly that size, so that
 * AddressSanitizer catches any read past the end.
 */
static struct ogc_doc *
parse_n(const char *text, size_t len, unsigned first_line)
{
	char *copy = malloc(len > 0 ? len : 1);
	struct ogc_doc *doc;

	assert_non_null(copy);
	memcpy(copy, text, len);
	doc = ogc_toml_parse(copy, len, first_line);
	free(copy);
	assert_non_null(doc);
	return doc;
}

/* Parses text that the front matter reader found starting on line 2. */
static struct ogc_doc *
parse(const char *text)
{
	return parse_n(text, strlen(text), 2);
}

/* Parses valid TOML: fails the test with the problem otherwise. */
static struct ogc_doc *
parse_ok(const char *text)
{
	struct ogc_doc *doc = parse(text);

	if (doc->problems != NULL) {
		fail_msg("%u:%u: %s", doc->problems->pos.line,
			doc->problems->pos.column, doc->problems->msg);
	}
	assert_non_null(doc->root);
	assert_int_equal(doc->root->kind, OGC_NODE_MAP);
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

/* Asserts a scalar's text and where it starts and ends. */
static void
assert_scalar(const struct ogc_node *n, const char *text, unsigned line,
	unsigned column, unsigned end_line, unsigned end_column)
{
	assert_int_equal(n->kind, OGC_NODE_SCALAR);
	assert_string_equal(n->text, text);
	assert_int_equal(n->len, strlen(text));
	assert_int_equal(n->pos.line, line);
	assert_int_equal(n->pos.column, column);
	assert_int_equal(n->end.line, end_line);
	assert_int_equal(n->end.column, end_column);
}

static void
assert_pos(struct ogc_pos pos, unsigned line, unsigned column)
{
	assert_int_equal(pos.line, line);
	assert_int_equal(pos.column, column);
}

/* The nth (0-based) item of a list or member of a map. */
static const struct ogc_node *
nth(const struct ogc_node *n, size_t i)
{
	const struct ogc_node *c = n->child;

	while (c != NULL && i-- > 0) {
		c = c->next;
	}
	if (c == NULL) {
		fail_msg("no child %zu", i);
	}
	return c;
}

static size_t
count_children(const struct ogc_node *n)
{
	const struct ogc_node *c;
	size_t count = 0;

	for (c = n->child; c != NULL; c = c->next) {
		count++;
	}
	return count;
}

/* Asserts that parsing fails with a message containing `part` at line:column. */
static void
assert_invalid(const char *text, unsigned line, unsigned column,
	const char *part)
{
	struct ogc_doc *doc = parse(text);

	if (doc->root != NULL || doc->problems == NULL) {
		fail_msg("accepted: %s", text);
	}
	assert_null(doc->problems->rule);
	assert_null(doc->problems->next);
	if (strstr(doc->problems->msg, part) == NULL ||
		doc->problems->pos.line != line ||
		doc->problems->pos.column != column) {
		fail_msg("%s\ngave %u:%u: %s\nwanted %u:%u: ...%s...", text,
			doc->problems->pos.line, doc->problems->pos.column,
			doc->problems->msg, line, column, part);
	}
	ogc_doc_destroy(doc);
}

static void
test_empty_and_comments(void **state)
{
	struct ogc_doc *doc;

	(void)state;
	doc = parse_n("", 0, 2);
	assert_non_null(doc->root);
	assert_int_equal(doc->root->kind, OGC_NODE_MAP);
	assert_null(doc->root->child);
	assert_pos(doc->root->pos, 2, 1);
	assert_null(doc->problems);
	ogc_doc_destroy(doc);

	doc = parse_ok("# only a comment\n\n  \t\n# é and tabs\t\r\n");
	assert_null(doc->root->child);
	ogc_doc_destroy(doc);

	/* CRLF line ends, a comment without a newline at the very end */
	doc = parse_ok("a = 1\r\nb = 'x' # c\r\n# end");
	assert_scalar(must_find(doc, "a"), "1", 2, 5, 2, 6);
	assert_scalar(must_find(doc, "b"), "x", 3, 5, 3, 8);
	ogc_doc_destroy(doc);

	/* a byte order mark takes no column */
	doc = parse_ok("\xef\xbb\xbftitle = 'x'\n");
	assert_scalar(must_find(doc, "title"), "x", 2, 9, 2, 12);
	assert_pos(must_find(doc, "title")->key_pos, 2, 1);
	ogc_doc_destroy(doc);
}

static void
test_basic_strings(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;

	(void)state;
	doc = parse_ok("title = \"Harbour\\u2019s \\\"view\\\"\"\n"
		"esc = \"\\b\\t\\n\\f\\r\\\\\"\n"
		"big = \"\\U0001F600 \\u00e9\\u00E9\"\n"
		"\"t\xc3\xaft\xc5\x82\xc3\xa9\" = \"caf\xc3\xa9\"\n"
		"nul = \"a\\u0000b\"\n"
		"empty = \"\"\n");
	/* the value starts at its opening quote and ends after the closing */
	assert_scalar(must_find(doc, "title"), "Harbour\xe2\x80\x99s \"view\"",
		2, 9, 2, 34);
	assert_pos(must_find(doc, "title")->key_pos, 2, 1);
	assert_scalar(must_find(doc, "esc"), "\b\t\n\f\r\\", 3, 7, 3, 21);
	assert_scalar(must_find(doc, "big"), "\xf0\x9f\x98\x80 \xc3\xa9\xc3\xa9",
		4, 7, 4, 32);
	/* columns count characters: "tïtłé" = is 10 characters, 13 bytes */
	n = must_find(doc, "t\xc3\xaft\xc5\x82\xc3\xa9");
	assert_scalar(n, "caf\xc3\xa9", 5, 11, 5, 17);
	/* an escaped NUL is kept: the length says where the text ends */
	n = must_find(doc, "nul");
	assert_int_equal(n->len, 3);
	assert_memory_equal(n->text, "a\0b", 4);
	assert_scalar(must_find(doc, "empty"), "", 7, 9, 7, 11);
	ogc_doc_destroy(doc);
}

static void
test_literal_strings(void **state)
{
	struct ogc_doc *doc;

	(void)state;
	doc = parse_ok("path = 'C:\\Users\\nodejs\\templates'\n"
		"quoted = 'Tom \"Dubs\" Preston-Werner'\n"
		"tab = '\tx'\n");
	assert_scalar(must_find(doc, "path"), "C:\\Users\\nodejs\\templates",
		2, 8, 2, 35);
	assert_scalar(must_find(doc, "quoted"), "Tom \"Dubs\" Preston-Werner",
		3, 10, 3, 37);
	/* a tab is allowed raw and counts as one column */
	assert_scalar(must_find(doc, "tab"), "\tx", 4, 7, 4, 11);
	ogc_doc_destroy(doc);
}

static void
test_multiline_strings(void **state)
{
	struct ogc_doc *doc;

	(void)state;
	doc = parse_ok("a = \"\"\"\nRoses are red\nViolets are blue\"\"\"\n"
		"b = \"\"\"\\\n    The quick \\\n\n     brown \\   \n   fox.\\\n"
		"    \"\"\"\n"
		"c = \"\"\"Here are two quotes: \"\". Simple.\"\"\"\n"
		"d = \"\"\"ends with two quotes\"\"\"\"\"\n"
		"e = '''\nThe first newline is\r\ntrimmed in raw strings.\n'''\n"
		"f = '''Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"'''\n"
		"g = ''''That,' she said, 'is still pointless.''''\n"
		"h = \"\"\"\r\nx\\t\\u00e9\"\"\"\n");
	/* the first newline is dropped; a value ends after its quotes */
	assert_scalar(must_find(doc, "a"), "Roses are red\nViolets are blue",
		2, 5, 4, 20);
	/* a line-ending backslash trims whitespace and newlines after it */
	assert_scalar(must_find(doc, "b"), "The quick brown fox.", 5, 5, 10, 8);
	assert_scalar(must_find(doc, "c"), "Here are two quotes: \"\". Simple.",
		11, 5, 11, 43);
	/* one or two quotes may end the content */
	assert_scalar(must_find(doc, "d"), "ends with two quotes\"\"", 12, 5, 12,
		33);
	/* CRLF reads as LF in a multi-line string */
	assert_scalar(must_find(doc, "e"),
		"The first newline is\ntrimmed in raw strings.\n", 13, 5, 16, 4);
	assert_scalar(must_find(doc, "f"),
		"Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"",
		17, 5, 17, 60);
	assert_scalar(must_find(doc, "g"),
		"'That,' she said, 'is still pointless.'", 18, 5, 18, 50);
	assert_scalar(must_find(doc, "h"), "x\t\xc3\xa9", 19, 5, 20, 13);
	ogc_doc_destroy(doc);
}

static void
test_numbers_and_booleans(void **state)
{
	/* every value is kept as written */
	static const char *const values[] = {
		"+99", "42", "0", "-17", "+0", "-0", "1_000", "5_349_221",
		"1_2_3_4_5", "9223372036854775807", "-9223372036854775808",
		"0xDEADBEEF", "0xdead_beef", "0x7FFFFFFFFFFFFFFF", "0o01234567",
		"0o755", "0b11010110", "0b1_0", "+1.0", "3.1415", "-0.01",
		"5e+22", "1e06", "-2E-2", "6.626e-34", "224_617.445_991_228",
		"0.0", "-0.0", "+0.0", "0e0", "1e1_0", "inf", "+inf", "-inf",
		"nan", "+nan", "-nan", "true", "false",
	};
	char text[128];
	struct ogc_doc *doc;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		snprintf(text, sizeof(text), "v = %s\n", values[i]);
		doc = parse_ok(text);
		assert_scalar(must_find(doc, "v"), values[i], 2, 5, 2,
			5 + (unsigned)strlen(values[i]));
		ogc_doc_destroy(doc);
	}
	/* values need no blank before a comment or a comma */
	doc = parse_ok("a = 1#c\nb = [true,false]\n");
	assert_scalar(must_find(doc, "a"), "1", 2, 5, 2, 6);
	assert_scalar(nth(must_find(doc, "b"), 1), "false", 3, 11, 3, 16);
	ogc_doc_destroy(doc);
}

static void
test_dates_and_times(void **state)
{
	static const char *const values[] = {
		"1979-05-27T07:32:00Z", "1979-05-27T00:32:00-07:00",
		"1979-05-27T00:32:00.999999-07:00", "1979-05-27 07:32:00Z",
		"1979-05-27t07:32:00z", "2024-03-01T09:30:00+00:00",
		"1979-05-27T07:32:00", "1979-05-27 00:32:00.999999",
		"1979-05-27", "2024-02-29", "2000-02-29", "07:32:00",
		"00:32:00.999999", "23:59:59", "1987-07-05T17:45:00+14:00",
		"0000-01-01",
	};
	char text[128];
	struct ogc_doc *doc;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		snprintf(text, sizeof(text), "date = %s # when\n", values[i]);
		doc = parse_ok(text);
		assert_scalar(must_find(doc, "date"), values[i], 2, 8, 2,
			8 + (unsigned)strlen(values[i]));
		ogc_doc_destroy(doc);
	}
	/* a date and a time with a space between are one value, in a list too */
	doc = parse_ok("d = [1979-05-27 07:32:00Z, 1979-05-27 ]\n");
	assert_scalar(nth(must_find(doc, "d"), 0), "1979-05-27 07:32:00Z", 2, 6,
		2, 26);
	assert_scalar(nth(must_find(doc, "d"), 1), "1979-05-27", 2, 28, 2, 38);
	ogc_doc_destroy(doc);
}

static void
test_arrays(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;

	(void)state;
	doc = parse_ok("empty = []\n"
		"mixed = [ 1, 'two', 3.0, [4, \"five\"], {six = 6}, 1979-05-27 ]\n"
		"tags = [\n"
		"  \"hugo\", # the generator\n"
		"  # a comment line\n"
		"\n"
		"  'toml',\n"
		"]\n");
	n = must_find(doc, "empty");
	assert_int_equal(n->kind, OGC_NODE_SEQ);
	assert_null(n->child);
	assert_pos(n->pos, 2, 9);
	n = must_find(doc, "mixed");
	assert_int_equal(n->kind, OGC_NODE_SEQ);
	assert_pos(n->pos, 3, 9);
	assert_pos(n->key_pos, 3, 1);
	assert_int_equal(count_children(n), 6);
	assert_scalar(nth(n, 0), "1", 3, 11, 3, 12);
	assert_scalar(nth(n, 1), "two", 3, 14, 3, 19);
	assert_null(nth(n, 1)->key);
	assert_int_equal(nth(n, 3)->kind, OGC_NODE_SEQ);
	assert_pos(nth(n, 3)->pos, 3, 26);
	assert_scalar(nth(nth(n, 3), 1), "five", 3, 30, 3, 36);
	assert_int_equal(nth(n, 4)->kind, OGC_NODE_MAP);
	assert_pos(nth(n, 4)->pos, 3, 39);
	assert_scalar(nth(n, 4)->child, "6", 3, 46, 3, 47);
	assert_string_equal(nth(n, 4)->child->key, "six");
	assert_scalar(nth(n, 5), "1979-05-27", 3, 50, 3, 60);
	n = must_find(doc, "tags");
	assert_int_equal(count_children(n), 2);
	assert_scalar(nth(n, 0), "hugo", 5, 3, 5, 9);
	assert_scalar(nth(n, 1), "toml", 8, 3, 8, 9);
	ogc_doc_destroy(doc);
}

static void
test_inline_tables(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;

	(void)state;
	doc = parse_ok("name = { first = \"Tom\", last = \"Preston-Werner\" }\n"
		"point = {x=1,y=2}\n"
		"empty = {}\n"
		"animal = { type.name = \"pug\", type.size = 'small' }\n"
		"nested = {a = {b = {c = [1, {d = 2}]}}}\n");
	n = must_find(doc, "name");
	assert_int_equal(n->kind, OGC_NODE_MAP);
	assert_pos(n->pos, 2, 8);
	assert_scalar(must_find(doc, "name.first"), "Tom", 2, 18, 2, 23);
	assert_pos(must_find(doc, "name.first")->key_pos, 2, 10);
	assert_scalar(must_find(doc, "name.last"), "Preston-Werner", 2, 32, 2,
		48);
	assert_scalar(must_find(doc, "point.y"), "2", 3, 16, 3, 17);
	n = must_find(doc, "empty");
	assert_int_equal(n->kind, OGC_NODE_MAP);
	assert_null(n->child);
	/* dotted keys inside: the implicit table is where its key first is */
	n = must_find(doc, "animal.type");
	assert_int_equal(n->kind, OGC_NODE_MAP);
	assert_pos(n->pos, 5, 12);
	assert_pos(n->key_pos, 5, 12);
	assert_int_equal(count_children(n), 2);
	assert_scalar(must_find(doc, "animal.type.size"), "small", 5, 43, 5, 50);
	assert_pos(must_find(doc, "animal.type.size")->key_pos, 5, 36);
	assert_scalar(must_find(doc, "nested.a.b.c")->child, "1", 6, 26, 6, 27);
	assert_int_equal(nth(must_find(doc, "nested.a.b.c"), 1)->kind,
		OGC_NODE_MAP);
	ogc_doc_destroy(doc);
}

static void
test_keys(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;

	(void)state;
	doc = parse_ok("bare_key-1 = 1\n"
		"1234 = 2\n"
		"\"og:title\" = 3\n"
		"'quoted \"value\"' = 4\n"
		"\"\" = 5\n"
		"\"\\u00e9t\\u00e9\" = 6\n"
		"\"a\\u0000b\" = 7\n"
		"\"a\\u0000c\" = 8\n"
		"3.14159 = 'pi'\n");
	assert_scalar(must_find(doc, "bare_key-1"), "1", 2, 14, 2, 15);
	assert_scalar(must_find(doc, "1234"), "2", 3, 8, 3, 9);
	n = must_find(doc, "og:title");
	assert_scalar(n, "3", 4, 14, 4, 15);
	assert_pos(n->key_pos, 4, 1);
	assert_scalar(must_find(doc, "quoted \"value\""), "4", 5, 20, 5, 21);
	n = ogc_node_member(doc->root, "");
	assert_non_null(n);
	assert_scalar(n, "5", 6, 6, 6, 7);
	assert_scalar(must_find(doc, "\xc3\xa9t\xc3\xa9"), "6", 7, 19, 7, 20);
	/* keys that differ after a NUL are different keys */
	assert_int_equal(count_children(doc->root), 9);
	/* a dotted number is two keys */
	assert_scalar(must_find(doc, "3.14159"), "pi", 10, 11, 10, 15);
	assert_int_equal(must_find(doc, "3")->kind, OGC_NODE_MAP);
	ogc_doc_destroy(doc);
}

static void
test_dotted_keys(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;

	(void)state;
	doc = parse_ok("og.title = \"A\"\n"
		"og . \"type\" = 'article'\n"
		"og.image.url = 'a.png'\n"
		"og.image.alt = \"An image\"\n"
		"site.\"og:locale\" = 'en_GB'\n");
	/* og is one map, made by the first key that names it */
	n = must_find(doc, "og");
	assert_int_equal(n->kind, OGC_NODE_MAP);
	assert_pos(n->pos, 2, 1);
	assert_pos(n->key_pos, 2, 1);
	assert_int_equal(count_children(n), 3);
	assert_int_equal(count_children(doc->root), 2);
	/* a member's key position is its own segment's */
	n = must_find(doc, "og.title");
	assert_scalar(n, "A", 2, 12, 2, 15);
	assert_pos(n->key_pos, 2, 4);
	n = must_find(doc, "og.type");
	assert_scalar(n, "article", 3, 15, 3, 24);
	assert_pos(n->key_pos, 3, 6);
	n = must_find(doc, "og.image");
	assert_pos(n->pos, 4, 4);
	assert_pos(n->key_pos, 4, 4);
	assert_scalar(must_find(doc, "og.image.alt"), "An image", 5, 16, 5, 26);
	assert_scalar(must_find(doc, "site.og:locale"), "en_GB", 6, 20, 6, 27);
	ogc_doc_destroy(doc);

	/* a dotted key may pass through a table a header only named */
	doc = parse_ok("[a.b.c]\nz = 9\n[a]\nb.d = 1\n");
	assert_scalar(must_find(doc, "a.b.d"), "1", 5, 7, 5, 8);
	assert_scalar(must_find(doc, "a.b.c.z"), "9", 3, 5, 3, 6);
	ogc_doc_destroy(doc);
}

static void
test_tables(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;

	(void)state;
	doc = parse_ok("title = 'root'\n"
		"\n"
		"[params]\n"
		"author = 'Ann'\n"
		"[params.social]  # a sub-table\n"
		"twitter = '@ann'\n"
		"[ dog . \"tater.man\" ]\n"
		"type.name = 'pug'\n"
		"[x.y.z]\n"
		"[x]\n"
		"w = 1\n"
		"[fruit]\n"
		"apple.color = 'red'\n"
		"[fruit.apple.texture]\n"
		"smooth = true\n");
	/* a table made by a header is at its '[', its key at the last name */
	n = must_find(doc, "params");
	assert_int_equal(n->kind, OGC_NODE_MAP);
	assert_pos(n->pos, 4, 1);
	assert_pos(n->key_pos, 4, 2);
	assert_int_equal(count_children(n), 2);
	assert_scalar(must_find(doc, "params.author"), "Ann", 5, 10, 5, 15);
	n = must_find(doc, "params.social");
	assert_pos(n->pos, 6, 1);
	assert_pos(n->key_pos, 6, 9);
	assert_scalar(must_find(doc, "params.social.twitter"), "@ann", 7, 11, 7,
		17);
	/* keys with dots are one segment when quoted */
	n = ogc_node_member(must_find(doc, "dog"), "tater.man");
	assert_non_null(n);
	assert_pos(n->pos, 8, 1);
	assert_pos(n->key_pos, 8, 9);
	assert_int_equal(must_find(doc, "dog")->kind, OGC_NODE_MAP);
	assert_pos(must_find(doc, "dog")->pos, 8, 3);
	assert_scalar(ogc_node_member(n->child, "name"), "pug", 9, 13, 9, 18);
	/* [x.y.z] names x and y (made where named); [x] may define x later */
	n = must_find(doc, "x");
	assert_pos(n->pos, 10, 2);
	assert_int_equal(count_children(n), 2);
	assert_pos(must_find(doc, "x.y")->pos, 10, 4);
	assert_pos(must_find(doc, "x.y.z")->pos, 10, 1);
	assert_scalar(must_find(doc, "x.w"), "1", 12, 5, 12, 6);
	/* a header may add a sub-table to a table of dotted keys */
	assert_scalar(must_find(doc, "fruit.apple.texture.smooth"), "true", 16,
		10, 16, 14);
	assert_scalar(must_find(doc, "fruit.apple.color"), "red", 14, 15, 14,
		20);
	/* the root holds title, params, dog, x and fruit in their order */
	assert_int_equal(count_children(doc->root), 5);
	assert_string_equal(nth(doc->root, 3)->key, "x");
	ogc_doc_destroy(doc);
}

static void
test_arrays_of_tables(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;
	const struct ogc_node *item;

	(void)state;
	doc = parse_ok("[[products]]\n"
		"name = 'Hammer'\n"
		"sku = 738594937\n"
		"\n"
		"[[products]]  # an empty table in the array\n"
		"\n"
		"[[products]]\n"
		"name = 'Nail'\n"
		"[products.size]\n"
		"mm = 30\n"
		"[[products.variants]]\n"
		"colour = 'grey'\n"
		"[[products.variants]]\n"
		"colour = 'black'\n");
	n = must_find(doc, "products");
	assert_int_equal(n->kind, OGC_NODE_SEQ);
	assert_pos(n->pos, 2, 1);
	assert_pos(n->key_pos, 2, 3);
	assert_int_equal(count_children(n), 3);
	item = nth(n, 0);
	assert_int_equal(item->kind, OGC_NODE_MAP);
	assert_null(item->key);
	assert_pos(item->pos, 2, 1);
	assert_scalar(ogc_node_member(item, "sku"), "738594937", 4, 7, 4, 16);
	item = nth(n, 1);
	assert_pos(item->pos, 6, 1);
	assert_null(item->child);
	/* [products.size] and [[products.variants]] go to the last table */
	item = nth(n, 2);
	assert_pos(item->pos, 8, 1);
	assert_int_equal(count_children(item), 3);
	assert_scalar(ogc_node_member(ogc_node_member(item, "size"), "mm"),
		"30", 11, 6, 11, 8);
	n = ogc_node_member(item, "variants");
	assert_int_equal(n->kind, OGC_NODE_SEQ);
	assert_int_equal(count_children(n), 2);
	assert_pos(nth(n, 1)->pos, 14, 1);
	assert_scalar(nth(n, 1)->child, "black", 15, 10, 15, 17);
	ogc_doc_destroy(doc);
}

static void
test_hugo_front_matter(void **state)
{
	/* the text between the +++ lines of a Hugo page (line 1 is +++) */
	static const char text[] =
		"title = \"Harbour lights at dusk\"\n"
		"date = 2024-03-01T09:30:00+00:00\n"
		"lastmod = 2024-03-02\n"
		"draft = false\n"
		"description = '''\n"
		"Boats coming home.'''\n"
		"tags = [\"harbour\", \"evening\"]\n"
		"images = [\n"
		"  \"/img/harbour.jpg\",\n"
		"  \"/img/boats.jpg\",\n"
		"]\n"
		"weight = 10\n"
		"\n"
		"[params]\n"
		"  author = \"Ann\"\n"
		"  og.type = \"article\"\n"
		"\n"
		"[[menu.main]]\n"
		"  name = \"Blog\"\n"
		"  weight = 2\n"
		"\n"
		"[[menu.main]]\n"
		"  identifier = \"about\"\n"
		"\n"
		"[cascade]\n"
		"  [cascade.build]\n"
		"    list = 'never'\n";
	struct ogc_doc *doc;
	const struct ogc_node *n;

	(void)state;
	doc = parse_ok(text);
	assert_scalar(must_find(doc, "title"), "Harbour lights at dusk", 2, 9, 2,
		33);
	assert_scalar(must_find(doc, "date"), "2024-03-01T09:30:00+00:00", 3, 8,
		3, 33);
	assert_scalar(must_find(doc, "lastmod"), "2024-03-02", 4, 11, 4, 21);
	assert_scalar(must_find(doc, "draft"), "false", 5, 9, 5, 14);
	assert_scalar(must_find(doc, "description"), "Boats coming home.", 6, 15,
		7, 22);
	n = must_find(doc, "images");
	assert_int_equal(n->kind, OGC_NODE_SEQ);
	assert_int_equal(count_children(n), 2);
	assert_scalar(nth(n, 0), "/img/harbour.jpg", 10, 3, 10, 21);
	assert_scalar(nth(n, 1), "/img/boats.jpg", 11, 3, 11, 19);
	assert_scalar(must_find(doc, "weight"), "10", 13, 10, 13, 12);
	assert_scalar(must_find(doc, "params.author"), "Ann", 16, 12, 16, 17);
	assert_scalar(must_find(doc, "params.og.type"), "article", 17, 13, 17,
		22);
	n = must_find(doc, "menu.main");
	assert_int_equal(n->kind, OGC_NODE_SEQ);
	assert_int_equal(count_children(n), 2);
	assert_scalar(ogc_node_member(nth(n, 0), "name"), "Blog", 20, 10, 20, 16);
	assert_scalar(ogc_node_member(nth(n, 1), "identifier"), "about", 24, 16,
		24, 23);
	assert_scalar(must_find(doc, "cascade.build.list"), "never", 28, 12, 28,
		19);
	/* the same text on line 5 of its file moves every line by 3 */
	ogc_doc_destroy(doc);
	doc = parse_n(text, sizeof(text) - 1, 5);
	assert_non_null(doc->root);
	assert_pos(must_find(doc, "title")->pos, 5, 9);
	assert_pos(must_find(doc, "cascade.build.list")->pos, 31, 12);
	ogc_doc_destroy(doc);
}

/* Syntax: keys, values, strings, lines. */
static void
test_syntax_errors(void **state)
{
	(void)state;
	assert_invalid("title \"x\"\n", 2, 7, "expected = after the key");
	/* bare keys are ASCII letters, digits, _ and - */
	assert_invalid("t\xc3\xaftle = 1\n", 2, 2,
		"expected = after the key, found U+00EF");
	assert_invalid("title: \"x\"\n", 2, 6, "expected = after the key");
	assert_invalid("= 1\n", 2, 1, "expected a key, found '='");
	assert_invalid("a.\n", 2, 3, "expected a key");
	assert_invalid("a = \n", 2, 5, "expected a value, found the end of the line");
	assert_invalid("a =", 2, 4, "expected a value, found the end of the front matter");
	assert_invalid("a = @x\n", 2, 5, "expected a value, found '@'");
	assert_invalid("a = 1 2\n", 2, 7, "expected the end of the line after the value");
	assert_invalid("a = 'x' y\n", 2, 9, "expected the end of the line");
	assert_invalid("a = 1\rb = 2\n", 2, 6, "found U+000D");
	assert_invalid("a = \"abc\nb = 1\n", 2, 5, "unterminated string");
	assert_invalid("a = 'abc", 2, 5, "unterminated string");
	assert_invalid("x = 1\na = \"\"\"abc\n\n", 3, 5,
		"unterminated multi-line string: no closing \"\"\"");
	assert_invalid("a = '''abc''\n", 2, 5, "no closing '''");
	assert_invalid("a = \"\"\"x\"\"\"\"\"\"\n", 2, 9, "6 quotes in a row");
	assert_invalid("\"\"\"k\"\"\" = 1\n", 2, 1, "a multi-line string cannot be a key");
	assert_invalid("a = \"\\q\"\n", 2, 6, "invalid escape \\q in a string");
	assert_invalid("a = \"\\e\"\n", 2, 6, "invalid escape \\e");
	assert_invalid("a = \"\\/\"\n", 2, 6, "invalid escape \\/");
	assert_invalid("a = \"x\\ y\"\n", 2, 7, "a backslash followed by a space");
	assert_invalid("a = \"x\\\ny\"\n", 2, 7, "backslash followed by the end of the line");
	assert_invalid("a = \"\\u12\"\n", 2, 6, "invalid escape \\u: it needs 4 hex digits");
	assert_invalid("a = \"\\U0001F60\"\n", 2, 6, "\\U: it needs 8 hex digits");
	assert_invalid("a = \"\\uD800\"\n", 2, 6, "\\uD800: not a Unicode scalar value");
	assert_invalid("a = \"\\U00110000\"\n", 2, 6, "not a Unicode scalar value");
	assert_invalid("a = \"\"\"\\q\"\"\"\n", 2, 8, "invalid escape \\q");
	assert_invalid("a = \"x\x01\"\n", 2, 7, "control character U+0001 in a string");
	assert_invalid("a = 'x\x7f'\n", 2, 7, "control character U+007F in a string");
	assert_invalid("a = '''x\ry'''\n", 2, 9, "control character U+000D");
	assert_invalid("# x\x1f\n", 2, 4, "control character U+001F in a comment");
	assert_invalid("a = 1 # \x0b\n", 2, 9, "in a comment");
}

/* Numbers, booleans and dates. */
static void
test_value_errors(void **state)
{
	(void)state;
	assert_invalid("a = 007\n", 2, 5, "leading zeros are not allowed in 007");
	assert_invalid("a = -01\n", 2, 5, "leading zeros are not allowed in -01");
	assert_invalid("a = 0_1\n", 2, 5, "leading zeros");
	assert_invalid("a = 03.14\n", 2, 5, "leading zeros");
	assert_invalid("a = 1__0\n", 2, 5, "an underscore must sit between two digits");
	assert_invalid("a = _1\n", 2, 5, "invalid");
	assert_invalid("a = 1_\n", 2, 5, "underscore");
	assert_invalid("a = 1_.5\n", 2, 5, "underscore");
	assert_invalid("a = 1e_5\n", 2, 5, "invalid number 1e_5");
	assert_invalid("a = 1.\n", 2, 5, "a decimal point needs digits on both sides");
	assert_invalid("a = .5\n", 2, 5, "invalid number .5");
	assert_invalid("a = 1.2.3\n", 2, 5, "invalid number 1.2.3");
	assert_invalid("a = 1e\n", 2, 5, "invalid number 1e");
	assert_invalid("a = 9223372036854775808\n", 2, 5, "out of range");
	assert_invalid("a = -9223372036854775809\n", 2, 5, "out of range");
	assert_invalid("a = 0x8000000000000000\n", 2, 5, "out of range");
	assert_invalid("a = +0x1\n", 2, 5, "a sign is not allowed");
	assert_invalid("a = -0b1\n", 2, 5, "a sign is not allowed");
	assert_invalid("a = 0x\n", 2, 5, "invalid hexadecimal integer 0x");
	assert_invalid("a = 0X1F\n", 2, 5, "invalid number 0X1F");
	assert_invalid("a = 0o8\n", 2, 5, "invalid octal integer");
	assert_invalid("a = 0b102\n", 2, 5, "invalid binary integer 0b102");
	assert_invalid("a = infinity\n", 2, 5, "invalid value infinity");
	assert_invalid("a = Inf\n", 2, 5, "invalid value Inf");
	assert_invalid("title = Hello world\n", 2, 9,
		"invalid value Hello: a string needs quotes");
	assert_invalid("a = True\n", 2, 5, "booleans are true and false");
	assert_invalid("a = truex\n", 2, 5, "invalid value truex");
	assert_invalid("a = 2024-02-30\n", 2, 5, "invalid date or time 2024-02-30: no such day");
	assert_invalid("a = 2023-02-29T00:00:00Z\n", 2, 5, "no such day");
	assert_invalid("a = 1900-02-29\n", 2, 5, "no such day");
	assert_invalid("a = 2024-13-01\n", 2, 5, "no such month");
	assert_invalid("a = 2024-00-01\n", 2, 5, "no such month");
	assert_invalid("a = 2024-1-01\n", 2, 5, "expected a date YYYY-MM-DD");
	assert_invalid("a = 24:00:00\n", 2, 5, "no such time of day");
	assert_invalid("a = 23:60:00\n", 2, 5, "no such time of day");
	assert_invalid("a = 1990-12-31T23:59:60Z\n", 2, 5, "no such time of day");
	assert_invalid("a = 07:32\n", 2, 5, "expected a time HH:MM:SS");
	assert_invalid("a = 1979-05-27T07:32Z\n", 2, 5, "expected a time HH:MM:SS");
	assert_invalid("a = 1979-05-27T07:32:00.\n", 2, 5, "a fraction of a second needs digits");
	assert_invalid("a = 1979-05-27T07:32:00+24:00\n", 2, 5, "no such time offset");
	assert_invalid("a = 1979-05-27T07:32:00+0700\n", 2, 5, "expected Z or an offset");
	assert_invalid("a = 1979-05-27X07:32:00\n", 2, 5, "expected T or a space");
	assert_invalid("a = 07:32:00Z\n", 2, 5, "unexpected text after the time");
}

/* Arrays, inline tables and headers. */
static void
test_structure_errors(void **state)
{
	(void)state;
	assert_invalid("a = [1 2]\n", 2, 8,
		"expected , or ] after an item of the array started at line 2, column 5");
	assert_invalid("a = [1,,2]\n", 2, 8, "expected a value, found ','");
	assert_invalid("a = [\n1,\n# c\n", 2, 5, "unterminated array: no closing ]");
	assert_invalid("a = {b = 1,}\n", 2, 12, "a trailing comma is not allowed");
	assert_invalid("a = {b = 1\n}\n", 2, 11, "an inline table must stay on one line");
	assert_invalid("a = {\nb = 1}\n", 2, 6, "an inline table must stay on one line");
	assert_invalid("a = {b = 1", 2, 5, "unterminated inline table");
	assert_invalid("a = {b = 1 c = 2}\n", 2, 12,
		"expected , or } in the inline table started at line 2, column 5");
	assert_invalid("a = {b = 1, b = 2}\n", 2, 13,
		"duplicate key \"b\" (first at line 2)");
	assert_invalid("[]\n", 2, 2, "expected a key, found ']'");
	assert_invalid("[a\n", 2, 3, "expected ] after the table name");
	assert_invalid("[a.]\n", 2, 4, "expected a key");
	assert_invalid("[[a]\n", 2, 4, "expected ]] after the name of an array of tables");
	assert_invalid("[[a] ]\n", 2, 4, "expected ]]");
	assert_invalid("[a] x = 1\n", 2, 5, "expected the end of the line after ]");
	assert_invalid("[a] # ok\n[b]]\n", 3, 4, "expected the end of the line after ]");
}

/* TOML's rules on defining keys and tables once. */
static void
test_definition_errors(void **state)
{
	(void)state;
	assert_invalid("title = \"a\"\ntitle = \"b\"\n", 3, 1,
		"duplicate key \"title\" (first at line 2)");
	assert_invalid("\"title\" = 1\n'title' = 2\n", 3, 1,
		"duplicate key \"title\"");
	assert_invalid("\"\" = 1\n'' = 2\n", 3, 1, "duplicate key \"\"");
	assert_invalid("a.b = 1\na.b = 2\n", 3, 3,
		"duplicate key \"b\" (first at line 2)");
	assert_invalid("a.b = 1\na = 2\n", 3, 1, "duplicate key \"a\"");
	assert_invalid("[og]\n[og]\n", 3, 1,
		"a table [og] defined twice (first at line 2)");
	assert_invalid("[a.b]\n[a]\n[ a ]\n", 4, 1, "a table [a] defined twice");
	assert_invalid("[a]\nb = 1\n[a.b]\n", 4, 1,
		"key \"b\" is already a value (line 3): [a.b] cannot make it a table");
	assert_invalid("[a]\nb = 1\n[a.b.c]\n", 4, 4,
		"key \"b\" is already a value (line 3): a header cannot add to it");
	assert_invalid("a = 1\n[a.b]\n", 3, 2, "key \"a\" is already a value (line 2)");
	assert_invalid("a = [1]\n[a.b]\n", 3, 2,
		"key \"a\" is already an array (line 2): a header cannot add to it");
	assert_invalid("a = 1\n[a]\n", 3, 1,
		"key \"a\" is already a value (line 2): [a] cannot make it a table");
	assert_invalid("a = 1\na.b = 2\n", 3, 1,
		"key \"a\" is already a value (line 2): a dotted key cannot add to it");
	assert_invalid("a = [1]\na.b = 2\n", 3, 1, "key \"a\" is already an array");
	/* a table defined by dotted keys cannot be defined again by a header */
	assert_invalid("[fruit]\napple.color = \"red\"\n[fruit.apple]\n", 4, 1,
		"a table [fruit.apple] defined twice (first at line 3)");
	assert_invalid("a.b = 1\n[a]\n", 3, 1, "a table [a] defined twice");
	/* nor may a dotted key add to a table a header defined */
	assert_invalid("[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n", 5, 3,
		"key \"c\" is already a table with a [header] (line 2): a dotted "
		"key cannot add to it");
	/* inline tables are closed */
	assert_invalid("a = {b = 1}\n[a]\n", 3, 1, "a table [a] defined twice");
	assert_invalid("a = {b = 1}\n[a.c]\n", 3, 2,
		"key \"a\" is already an inline table (line 2): a header cannot "
		"add to it");
	assert_invalid("a = {b = 1}\na.c = 2\n", 3, 1,
		"key \"a\" is already an inline table (line 2): a dotted key");
	assert_invalid("a = {b = {}, b.c = 1}\n", 2, 14,
		"key \"b\" is already an inline table");
	/* arrays of tables */
	assert_invalid("a = [1]\n[[a]]\n", 3, 1,
		"key \"a\" is already an array (line 2): [[a]] cannot add a table to it");
	assert_invalid("a = []\n[[a]]\n", 3, 1, "is already an array");
	assert_invalid("[a]\n[[a]]\n", 3, 1,
		"key \"a\" is already a table with a [header] (line 2): [[a]]");
	assert_invalid("a = 1\n[[a]]\n", 3, 1, "key \"a\" is already a value");
	assert_invalid("[[a]]\n[a]\n", 3, 1,
		"key \"a\" is already an array of tables (line 2): [[a]] adds a "
		"table to it");
	assert_invalid("[a.b]\n[[a]]\n", 3, 1, "key \"a\" is already a table (line 2)");
	assert_invalid("[[a.b]]\n[a]\nb.y = 2\n", 4, 1,
		"key \"b\" is already an array of tables (line 2): a dotted key");
	assert_invalid("a = [{b = 1}]\n[a.c]\n", 3, 2, "key \"a\" is already an array");
}

static void
test_encoding(void **state)
{
	struct ogc_doc *doc;
	const char nul[] = "a = 'b'\nc = 'd\0e'\n";

	(void)state;
	assert_invalid("a = 'ok'\nb = \"caf\xe9\"\n", 3, 9,
		"invalid UTF-8 byte 0xE9: the front matter must be UTF-8 text");
	assert_invalid("\xc3\xa9\xc3\xa9 = 1\n\xff", 3, 1, "0xFF");
	/* an overlong form and a surrogate are not UTF-8 */
	assert_invalid("a = '\xc0\xaf'\n", 2, 6, "0xC0");
	assert_invalid("a = '\xed\xa0\x80'\n", 2, 6, "0xED");
	doc = parse_n(nul, sizeof(nul) - 1, 2);
	assert_null(doc->root);
	assert_pos(doc->problems->pos, 3, 7);
	assert_non_null(strstr(doc->problems->msg, "a NUL byte"));
	ogc_doc_destroy(doc);
	/* a character cut by the end of the text */
	doc = parse_n("a = '\xc3\xa9'", 6, 2);
	assert_null(doc->root);
	assert_pos(doc->problems->pos, 2, 6);
	ogc_doc_destroy(doc);
}

/* "a = [[...[1]...]]" with `n` arrays; the caller frees it. */
static char *
nested_arrays(size_t n)
{
	char *text = malloc(2 * n + 8);
	size_t i;

	assert_non_null(text);
	memcpy(text, "a = ", 4);
	for (i = 0; i < n; i++) {
		text[4 + i] = '[';
		text[5 + n + i] = ']';
	}
	text[4 + n] = '1';
	text[5 + 2 * n] = '\0';
	return text;
}

/* `prefix`, then `unit` `n` times, then `suffix`; the caller frees it. */
static char *
repeat(const char *prefix, const char *unit, size_t n, const char *suffix)
{
	size_t plen = strlen(prefix);
	size_t ulen = strlen(unit);
	size_t slen = strlen(suffix);
	char *text = malloc(plen + ulen * n + slen + 1);
	size_t i;

	assert_non_null(text);
	memcpy(text, prefix, plen);
	for (i = 0; i < n; i++) {
		memcpy(text + plen + i * ulen, unit, ulen);
	}
	memcpy(text + plen + n * ulen, suffix, slen + 1);
	return text;
}

/* "[[a]]", "[[a.a]]"... `n` arrays of tables, each in the last; to free. */
static char *
nested_tables(size_t n)
{
	char *text = malloc(n * (2 * n + 6) + 1);
	size_t used = 0;
	size_t i;
	size_t k;

	assert_non_null(text);
	for (i = 1; i <= n; i++) {
		memcpy(text + used, "[[a", 3);
		used += 3;
		for (k = 1; k < i; k++) {
			memcpy(text + used, ".a", 2);
			used += 2;
		}
		memcpy(text + used, "]]\n", 3);
		used += 3;
	}
	text[used] = '\0';
	return text;
}

/* Asserts that text passes a limit, with rule `rule`; frees text. */
static void
assert_limit(char *text, const char *rule)
{
	struct ogc_doc *doc = parse(text);

	if (doc->root != NULL || doc->problems == NULL) {
		fail_msg("accepted: %.60s...", text);
	}
	assert_non_null(doc->problems->rule);
	assert_string_equal(doc->problems->rule, rule);
	assert_null(doc->problems->next);
	ogc_doc_destroy(doc);
	free(text);
}

/* Asserts that text is valid TOML; frees text. */
static void
assert_valid(char *text)
{
	ogc_doc_destroy(parse_ok(text));
	free(text);
}

static void
test_depth_limit(void **state)
{
	struct ogc_doc *doc;
	char *text;

	(void)state;
	/* the root map, 62 arrays and the value: 64 levels, the limit */
	assert_valid(nested_arrays(62));
	text = nested_arrays(63);
	doc = parse(text);
	assert_null(doc->root);
	assert_string_equal(doc->problems->rule, "limit-depth");
	assert_string_equal(doc->problems->msg, "nested more than 64 levels "
		"deep (limit depth): the front matter is not checked");
	/* where the 65th level starts: the value 1 */
	assert_pos(doc->problems->pos, 2, 68);
	ogc_doc_destroy(doc);
	free(text);
	/* a megabyte of brackets stops at the limit, not the stack's */
	assert_limit(nested_arrays(1u << 20), "limit-depth");
	assert_limit(repeat("a = ", "{b = ", 200000, ""), "limit-depth");
	assert_limit(repeat("a = ", "[{b = ", 100000, ""), "limit-depth");
	/* tables: the root and 63 names; a key inside is one more */
	assert_valid(repeat("[a", ".a", 62, "]\n"));
	assert_limit(repeat("[a", ".a", 62, "]\nb = 1\n"), "limit-depth");
	assert_limit(repeat("[a", ".a", 500000, "]\n"), "limit-depth");
	assert_valid(repeat("a", ".a", 62, " = 1\n"));
	assert_limit(repeat("a", ".a", 63, " = 1\n"), "limit-depth");
	assert_limit(repeat("a", ".a", 500000, " = 1\n"), "limit-depth");
	/* an array of tables is two levels: the list and its table */
	assert_valid(nested_tables(31));
	assert_limit(nested_tables(32), "limit-depth");
	/* bracket soup is invalid TOML long before any limit */
	text = repeat("", "[", 1u << 20, "");
	doc = parse(text);
	assert_null(doc->root);
	assert_null(doc->problems->rule);
	ogc_doc_destroy(doc);
	free(text);
}

/* "k0 = 0", "k1 = 1"... `n` lines; the caller frees it. */
static char *
numbered_keys(size_t n)
{
	char *text = malloc(n * 24 + 1);
	size_t used = 0;
	size_t i;

	assert_non_null(text);
	text[0] = '\0';
	for (i = 0; i < n; i++) {
		used += (size_t)snprintf(text + used, 24, "k%zu = %zu\n", i, i);
	}
	return text;
}

static void
test_values_limit(void **state)
{
	struct ogc_doc *doc;
	char *text;

	(void)state;
	/* the root and 99,999 values: the limit */
	assert_valid(repeat("a = [", "1,", 99998, "]\n"));
	text = repeat("a = [", "1,", 99999, "]\n");
	doc = parse(text);
	assert_null(doc->root);
	assert_string_equal(doc->problems->rule, "limit-values");
	assert_string_equal(doc->problems->msg, "the front matter holds more "
		"than 100000 values (limit values): it is not checked");
	ogc_doc_destroy(doc);
	free(text);
	assert_limit(repeat("", "[[t]]\n", 100000, ""), "limit-values");
	/* keys of one table: found in constant time, so this is quick */
	assert_valid(numbered_keys(99999));
	assert_limit(numbered_keys(100000), "limit-values");
}

/* Asserts what every tree promises, below level `depth`. */
static void
check_tree(const struct ogc_node *node, unsigned depth, size_t *count)
{
	const struct ogc_node *c;

	assert_true(depth <= OGC_MAX_DEPTH);
	assert_true(node->pos.line >= 2 && node->pos.column >= 1);
	assert_non_null(node->text);
	assert_int_equal(node->text[node->len], '\0');
	if (node->kind == OGC_NODE_SCALAR) {
		assert_true(node->end.line > node->pos.line ||
			(node->end.line == node->pos.line &&
			node->end.column > node->pos.column));
		assert_null(node->child);
	} else {
		assert_true(node->kind == OGC_NODE_MAP || node->kind == OGC_NODE_SEQ);
	}
	(*count)++;
	for (c = node->child; c != NULL; c = c->next) {
		if (node->kind == OGC_NODE_MAP) {
			assert_non_null(c->key);
			assert_true(c->key_pos.line >= 2 && c->key_pos.column >= 1);
		} else {
			assert_null(c->key);
		}
		check_tree(c, depth + 1, count);
	}
}

static uint32_t
next_random(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 16;
}

/*
 * Random mutations of valid TOML (bytes replaced, inserted, removed, the
 * text cut): never a crash or a read past the end (exact-size copies),
 * and always the contract: a map root and no problem, or no root and one
 * problem, of front-matter-invalid or a limit, placed in the text.
 */
static void
test_random_mutations(void **state)
{
	static const char *const seeds[] = {
		"title = \"Harbour\\u2019s\"\ndate = 2024-03-01T09:30:00Z\n"
			"tags = ['a', \"b\",]\n[params]\nog.type = 'article'\n",
		"[[menu.main]]\nname = \"\"\"\nx \\\n  y\"\"\"\nweight = 0x1F\n"
			"[[menu.main]]\nw = -1_000.5e+3\n",
		"a = {b = [1, {c = 1979-05-27 07:32:00}], d.e = '''z'''}\n"
			"[x.y]\n[x]\nz = inf # c\n",
		"\"k\" = 1\n'l' = 2\n[t]\nu.v = 07:32:00.5\n[t.u.w]\n",
	};
	static const char alphabet[] = "[]{}=.,\"'#\\\n \t01_+-:eTZxinafu\xc3\xa9";
	char buf[256];
	char *copy;
	struct ogc_doc *doc;
	uint32_t seed = 20240611u;
	size_t rounds;
	size_t len;
	size_t at;
	size_t count;
	size_t k;
	size_t edits;
	const char *s;

	(void)state;
	for (rounds = 0; rounds < 20000; rounds++) {
		s = seeds[rounds % (sizeof(seeds) / sizeof(seeds[0]))];
		len = strlen(s);
		memcpy(buf, s, len);
		edits = 1 + next_random(&seed) % 4;
		for (k = 0; k < edits; k++) {
			at = len > 0 ? next_random(&seed) % len : 0;
			switch (next_random(&seed) % 5) {
			case 0:
				buf[at] = alphabet[next_random(&seed) %
					(sizeof(alphabet) - 1)];
				break;
			case 1:
				buf[at] = (char)next_random(&seed);
				break;
			case 2:
				if (len + 1 < sizeof(buf)) {
					memmove(buf + at + 1, buf + at, len - at);
					buf[at] = alphabet[next_random(&seed) %
						(sizeof(alphabet) - 1)];
					len++;
				}
				break;
			case 3:
				if (len > 0) {
					memmove(buf + at, buf + at + 1, len - at - 1);
					len--;
				}
				break;
			default:
				len = at;
				break;
			}
		}
		copy = malloc(len > 0 ? len : 1);
		assert_non_null(copy);
		memcpy(copy, buf, len);
		doc = ogc_toml_parse(copy, len, 2);
		assert_non_null(doc);
		if (doc->root != NULL) {
			assert_null(doc->problems);
			assert_int_equal(doc->root->kind, OGC_NODE_MAP);
			count = 0;
			check_tree(doc->root, 1, &count);
		} else {
			assert_non_null(doc->problems);
			assert_null(doc->problems->next);
			assert_true(doc->problems->rule == NULL ||
				strncmp(doc->problems->rule, "limit-", 6) == 0);
			assert_true(doc->problems->msg[0] != '\0');
			assert_true(doc->problems->pos.line >= 2);
			assert_true(doc->problems->pos.column >= 1);
			assert_true(doc->problems->pos.line <= 2 + len);
		}
		ogc_doc_destroy(doc);
		free(copy);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_comments),
		cmocka_unit_test(test_basic_strings),
		cmocka_unit_test(test_literal_strings),
		cmocka_unit_test(test_multiline_strings),
		cmocka_unit_test(test_numbers_and_booleans),
		cmocka_unit_test(test_dates_and_times),
		cmocka_unit_test(test_arrays),
		cmocka_unit_test(test_inline_tables),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_dotted_keys),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_arrays_of_tables),
		cmocka_unit_test(test_hugo_front_matter),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_value_errors),
		cmocka_unit_test(test_structure_errors),
		cmocka_unit_test(test_definition_errors),
		cmocka_unit_test(test_encoding),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_values_limit),
		cmocka_unit_test(test_random_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
