/* test_html_doc.c: the head of an HTML page -> the field tree. */
/* SPDX-License-Identifier: MIT */
#include "harness.h"

static struct ogc_doc *
parse(const char *html)
{
	struct ogc_doc *doc = ogc_html_parse(html, strlen(html));

	assert_non_null(doc);
	assert_non_null(doc->root);
	return doc;
}

static const struct ogc_node *
field(const struct ogc_doc *doc, const char *key)
{
	const struct ogc_node *n = ogc_node_member(doc->root, key);

	if (n == NULL) {
		fail_msg("no field %s", key);
	}
	return n;
}

static void
test_fields_and_positions(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *n;

	(void)state;
	doc = parse("<!doctype html>\n<html lang=\"en-GB\">\n <head>\n"
		"\t<title>Caf&eacute; &amp; bar</title>\n"
		"\t<meta property=\"og:title\" content=\"A &amp;amp; B\">\n"
		"\t<meta name=\"description\" content='d'>\n"
		"\t<link rel=\"Canonical\" href=\"https://x.org/a\">\n"
		"</head><body></body></html>");
	/* the root stands at <head>, where missing fields are reported */
	assert_int_equal(doc->root->pos.line, 3);
	assert_int_equal(doc->root->pos.column, 2);
	n = field(doc, "title");
	assert_string_equal(n->text, "Caf\xc3\xa9 & bar");
	assert_int_equal(n->pos.line, 4);
	assert_int_equal(n->pos.column, 9);
	/* entities decoded once, as a browser does: &amp;amp; is "&amp;" */
	n = field(doc, "og:title");
	assert_string_equal(n->text, "A &amp; B");
	assert_int_equal(n->pos.line, 5);
	assert_int_equal(n->pos.column, 36);
	assert_int_equal(n->key_pos.column, 17);
	assert_string_equal(field(doc, "description")->text, "d");
	assert_string_equal(field(doc, "canonical")->text, "https://x.org/a");
	assert_string_equal(field(doc, "lang")->text, "en-GB");
	assert_null(doc->problems);
	ogc_doc_destroy(doc);
}

static void
test_images_and_structured_properties(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_node *images;
	const struct ogc_node *first;
	const struct ogc_node *second;

	(void)state;
	doc = parse("<head>"
		"<meta property=\"og:image:width\" content=\"1\">"
		"<meta property=\"og:image\" content=\"a.png\">"
		"<meta property=\"og:image:width\" content=\"1200\">"
		"<meta property=\"og:image:alt\" content=\"First\">"
		"<meta property=\"og:image\" content=\"b.png\">"
		"<meta property=\"og:image:width\" content=\"600\">"
		"</head>");
	images = field(doc, "og:image");
	assert_int_equal(images->kind, OGC_NODE_SEQ);
	first = images->child;
	second = first->next;
	assert_non_null(second);
	assert_null(second->next);
	assert_string_equal(first->text, "a.png");
	assert_string_equal(second->text, "b.png");
	/* each image holds the properties that follow it */
	assert_non_null(ogc_node_member(first, "width"));
	assert_string_equal(ogc_node_member(first, "width")->text, "1200");
	assert_string_equal(ogc_node_member(first, "alt")->text, "First");
	assert_string_equal(ogc_node_member(second, "width")->text, "600");
	assert_null(ogc_node_member(second, "alt"));
	/* a path does not fan out over a list of images */
	assert_null(ogc_node_lookup(doc->root, "og:image.width"));
	/* and the flat field lists every width, the stray one included */
	assert_int_equal(field(doc, "og:image:width")->kind, OGC_NODE_SEQ);
	/* repeating og:image is no duplicate; only the title is missing */
	assert_non_null(doc->problems);
	assert_string_equal(doc->problems->rule, "title-missing");
	assert_null(doc->problems->next);
	ogc_doc_destroy(doc);

	/* a lone image's properties are reached by path */
	doc = parse("<head><title>t</title>"
		"<meta property=\"og:image\" content=\"a.png\">"
		"<meta property=\"og:image:alt\" content=\"Alt\"></head>");
	assert_non_null(ogc_node_lookup(doc->root, "og:image.alt"));
	assert_string_equal(ogc_node_lookup(doc->root, "og:image.alt")->text,
		"Alt");
	assert_string_equal(field(doc, "og:image")->text, "a.png");
	ogc_doc_destroy(doc);
}

static void
test_problems(void **state)
{
	struct ogc_doc *doc;
	const struct ogc_problem *p;

	(void)state;
	doc = parse("<head>\n<meta property=\"og:type\" content=\"website\">\n"
		"<meta property=\"og:type\" content=\"article\">\n"
		"<link rel=canonical href=/a><link rel=canonical href=/b>\n"
		"</head>");
	p = doc->problems;
	assert_non_null(p);
	assert_string_equal(p->rule, "meta-duplicate");
	assert_int_equal(p->pos.line, 3);
	p = p->next;
	assert_non_null(p);
	assert_string_equal(p->rule, "canonical-multiple");
	assert_int_equal(p->pos.line, 4);
	p = p->next;
	assert_non_null(p);
	assert_string_equal(p->rule, "title-missing");
	assert_null(p->next);
	ogc_doc_destroy(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_positions),
		cmocka_unit_test(test_images_and_structured_properties),
		cmocka_unit_test(test_problems),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
