/* test_check_url.c: unit tests of the `url` check kind and its helpers. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "fixture.h"

/*
 * Entity and blank detection (net/url.c)
 */

/* Checks that s holds its first character reference at want_start. */
static void
assert_entity(const char *s, size_t want_start, const char *want)
{
	size_t start = 99;
	size_t len = 99;

	if (!ogc_url_find_entity(s, strlen(s), &start, &len)) {
		fail_msg("no entity found in \"%s\"", s);
	}
	assert_int_equal(start, want_start);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(s + start, want, len);
}

static void
assert_no_entity(const char *s)
{
	size_t start;
	size_t len;

	if (ogc_url_find_entity(s, strlen(s), &start, &len)) {
		fail_msg("entity found in \"%s\" at %zu", s, start);
	}
}

static void
test_find_entity(void **state)
{
	(void)state;
	assert_entity("https://x.org/a.jpg?w=1&amp;h=2", 23, "&amp;");
	assert_entity("&quot;", 0, "&quot;");
	assert_entity("?a=&#38;b", 3, "&#38;");
	assert_entity("?a=&#x26;b", 3, "&#x26;");
	assert_entity("?a=&#X2f;b", 3, "&#X2f;");
	assert_entity("?q=1&lt;&gt;", 4, "&lt;");
	assert_entity("?q=a&b&frac12;", 6, "&frac12;");
	/* The first one of several. */
	assert_entity("?a=1&x=2&amp;y=3&amp;z", 8, "&amp;");
}

static void
test_find_entity_none(void **state)
{
	(void)state;
	assert_no_entity("https://x.org/a.jpg?w=1200&h=630");
	assert_no_entity("?a=1&b=2;c=3");
	assert_no_entity("?a&amp");
	assert_no_entity("&;");
	assert_no_entity("&#;");
	assert_no_entity("&#x;");
	assert_no_entity("&#xg;");
	assert_no_entity("&1;");
	assert_no_entity("&am p;");
	assert_no_entity("&");
	assert_no_entity("");
	/* Longer than any HTML entity name. */
	assert_no_entity("?x&abcdefghijklmnopqrstuvwxyzabcdefgh;");
	assert_no_entity("&#12345678;");
}

static void
test_find_entity_respects_len(void **state)
{
	size_t start;
	size_t len;

	(void)state;
	assert_false(ogc_url_find_entity("?a&amp;", 6, &start, &len));
	assert_true(ogc_url_find_entity("?a&amp;", 7, &start, &len));
}

static void
assert_blank(const char *s, size_t len, size_t want_at, uint32_t want_cp)
{
	size_t at = 99;
	uint32_t cp = 99;

	if (!ogc_url_find_blank(s, len, &at, &cp)) {
		fail_msg("no blank found in \"%s\"", s);
	}
	assert_int_equal(at, want_at);
	assert_int_equal(cp, want_cp);
}

static void
test_find_blank(void **state)
{
	size_t at;
	uint32_t cp;
	const char *clean = "https://x.org/caf\xc3\xa9?q=%20";

	(void)state;
	assert_blank("https://x.org/a b", 17, 15, 0x20);
	assert_blank(" https://x.org/", 15, 0, 0x20);
	assert_blank("https://x.org/\t", 15, 14, 0x09);
	assert_blank("https://x.org/a\n", 16, 15, 0x0a);
	assert_blank("https://x.org/\x7f", 15, 14, 0x7f);
	assert_blank("https://x.org/\xc2\xa0", 16, 14, 0xa0);
	assert_blank("https://x.org/\xc2\x85", 16, 14, 0x85);
	assert_blank("https://x.org/\xe2\x80\x8b", 17, 14, 0x200b);
	assert_blank("\xef\xbb\xbfhttps://x.org/", 17, 0, 0xfeff);
	assert_blank("https://x.org/\xe3\x80\x80", 17, 14, 0x3000);
	/* len counts, not the NUL. */
	assert_blank("ab\0cd", 5, 2, 0);
	assert_false(ogc_url_find_blank(clean, strlen(clean), &at, &cp));
	assert_false(ogc_url_find_blank("a b", 1, &at, &cp));
	/* A stray byte is the UTF-8 check's business, not a blank. */
	assert_false(ogc_url_find_blank("a\xff" "b", 3, &at, &cp));
}

/*
 * The check kind, run over hand-built trees
 */

static const char *paths[] = {"og.url", "og:url", "og.image"};

/* Adds og.<key>: value (nested) and returns the value. */
static struct ogc_node *
put_og(struct fixture *f, const char *key, const char *value)
{
	struct ogc_node *og = (struct ogc_node *)ogc_node_member(f->root,
		"og");

	if (og == NULL) {
		og = fixture_add(f, f->root, OGC_NODE_MAP, "og", NULL);
	}
	return fixture_add(f, og, OGC_NODE_SCALAR, key, value);
}

static int
setup(void **state)
{
	return fixture_setup(state, "url-format", &ogc_check_url, paths,
		sizeof(paths) / sizeof(*paths));
}

static void
test_kind_shape(void **state)
{
	size_t i;

	(void)state;
	assert_string_equal(ogc_check_url.name, "url");
	assert_false(ogc_check_url.network);
	assert_non_null(ogc_check_url.compile);
	assert_non_null(ogc_check_url.run);
	assert_non_null(ogc_check_url.finish);
	for (i = 0; ogc_check_url.params[i] != NULL; i++) {
		assert_true(i < 2);
	}
	assert_int_equal(i, 2);
}

static void
test_format_accepts(void **state)
{
	struct fixture *f = *state;

	put_og(f, "url", "https://news.example.org/2024/ferry-timetable/");
	put_og(f, "image",
		"https://news.example.org/media/ferry.jpg?w=1200&h=630");
	fixture_put(f, "og:url", "HTTP://EXAMPLE.org:8080");
	assert_int_equal(fixture_run(f), 0);
}

static void
test_format_space(void **state)
{
	struct fixture *f = *state;
	const struct ogc_node *value;
	const struct ogc_diag *diag;

	value = put_og(f, "url", "https://x.org/a b");
	assert_int_equal(fixture_run(f), 1);
	diag = fixture_find(f, "og.url has a space at character 16: "
		"\"https://x.org/a b\" (percent-encode it as %20)");
	assert_int_equal(diag->pos.line, value->pos.line);
	assert_string_equal(diag->field, "og.url");
	assert_string_equal(diag->value, "https://x.org/a b");
}

static void
test_format_blanks(void **state)
{
	struct fixture *f = *state;

	put_og(f, "url", "https://x.org/caf\xc3\xa9\xc2\xa0x");
	fixture_put(f, "og:url", "https://x.org/a\tb");
	put_og(f, "image", "https://x.org/a.jpg ");
	assert_int_equal(fixture_run(f), 3);
	/* Columns count characters: the é is one. */
	fixture_find(f, "og.url has a non-breaking space (U+00A0) at character 19: "
		"\"https://x.org/caf\xc3\xa9\xc2\xa0x\" "
		"(remove it, or percent-encode it as %C2%A0)");
	fixture_find(f, "og:url has a tab at character 16: \"https://x.org/a\tb\" "
		"(remove it, or percent-encode it as %09)");
	fixture_find(f, "og.image has a space at character 20: "
		"\"https://x.org/a.jpg \" (remove it)");
}

static void
test_format_relative(void **state)
{
	struct fixture *f = *state;

	put_og(f, "image", "/media/a.jpg");
	fixture_put(f, "og:url", "news.example.org/a/");
	assert_int_equal(fixture_run(f), 2);
	fixture_find(f, "og.image is not an absolute URL: \"/media/a.jpg\" "
		"(expected a URL starting with http:// or https://)");
	fixture_find(f, "og:url is not an absolute URL: \"news.example.org/a/\" "
		"(expected a URL starting with http:// or https://)");
}

static void
test_format_scheme(void **state)
{
	struct fixture *f = *state;

	put_og(f, "url", "ftp://x.org/a");
	fixture_put(f, "og:url", "mailto:news@example.org");
	put_og(f, "image", "FTP://x.org/a.jpg");
	assert_int_equal(fixture_run(f), 3);
	fixture_find(f, "og.url uses scheme \"ftp\" (allowed: http, https)");
	fixture_find(f, "og:url uses scheme \"mailto\" (allowed: http, https)");
	fixture_find(f, "og.image uses scheme \"ftp\" (allowed: http, https)");
}

static void
test_format_invalid(void **state)
{
	struct fixture *f = *state;

	put_og(f, "url", "https://x.org:99999/");
	fixture_put(f, "og:url", "https:/x.org/a");
	put_og(f, "image", "https://");
	assert_int_equal(fixture_run(f), 3);
	fixture_find(f, "og:url is not a valid URL: \"https:/x.org/a\" "
		"(\"https:\" must be followed by \"//\")");
	fixture_find(f, "og.image is not a valid URL: \"https://\" (no host)");
}

static void
test_format_schemes_param(void **state)
{
	struct fixture *f = *state;

	fixture_param_list(f, "schemes", "HTTPS", NULL, NULL);
	put_og(f, "url", "http://x.org/");
	fixture_put(f, "og:url", "/x");
	put_og(f, "image", "https://x.org/a.jpg");
	assert_int_equal(fixture_run(f), 2);
	fixture_find(f, "og.url uses scheme \"http\" (allowed: HTTPS)");
	fixture_find(f, "og:url is not an absolute URL: \"/x\" "
		"(expected a URL starting with HTTPS://)");
}

static void
test_format_three_schemes(void **state)
{
	struct fixture *f = *state;

	fixture_param_list(f, "schemes", "http", "https", "ftp");
	put_og(f, "url", "//x.org/");
	fixture_put(f, "og:url", "ftp://x.org/");
	assert_int_equal(fixture_run(f), 1);
	fixture_find(f, "og.url is not an absolute URL: \"//x.org/\" "
		"(expected a URL starting with http://, https:// or ftp://)");
}

static void
test_format_lists_and_empty(void **state)
{
	struct fixture *f = *state;
	struct ogc_node *og = fixture_add(f, f->root, OGC_NODE_MAP, "og", NULL);
	struct ogc_node *images = fixture_add(f, og, OGC_NODE_SEQ, "image", NULL);

	fixture_add(f, images, OGC_NODE_SCALAR, NULL, "https://x.org/1.jpg");
	fixture_add(f, images, OGC_NODE_SCALAR, NULL, "2.jpg");
	fixture_add(f, og, OGC_NODE_SCALAR, "url", "");
	fixture_add(f, f->root, OGC_NODE_NULL, "og:url", NULL);
	assert_int_equal(fixture_run(f), 1);
	fixture_find(f, "og.image is not an absolute URL: \"2.jpg\" "
		"(expected a URL starting with http:// or https://)");
}

static void
test_entities(void **state)
{
	struct fixture *f = *state;
	const struct ogc_node *value;
	const struct ogc_diag *diag;

	f->rule.id = "url-entity";
	fixture_param(f, "mode", fixture_add(f, NULL, OGC_NODE_SCALAR, "mode", "entities"));
	value = put_og(f, "image",
		"https://x.org/a.jpg?w=1&amp;h=2&amp;q=3");
	put_og(f, "url", "/relative/is/fine/here?a=1&b=2");
	fixture_put(f, "og:url", "https://x.org/?q=&#x22;a&#34;");
	assert_int_equal(fixture_run(f), 2);
	diag = fixture_find(f, "og.image holds the HTML entity \"&amp;\": the URL "
		"was escaped twice (use \"&\" instead)");
	assert_int_equal(diag->pos.line, value->pos.line);
	assert_int_equal(diag->pos.column, value->pos.column);
	fixture_find(f, "og:url holds the HTML entity \"&#x22;\": the URL was "
		"escaped twice (use '\"' instead)");
}

static void
test_entities_advice(void **state)
{
	struct fixture *f = *state;

	fixture_param(f, "mode", fixture_add(f, NULL, OGC_NODE_SCALAR, "mode", "entities"));
	put_og(f, "image", "https://x.org/?a=&#38;");
	fixture_put(f, "og:url", "https://x.org/?a=&eacute;");
	put_og(f, "url", "https://x.org/?a=&LT;");
	assert_int_equal(fixture_run(f), 3);
	fixture_find(f, "og.image holds the HTML entity \"&#38;\": the URL was "
		"escaped twice (use \"&\" instead)");
	fixture_find(f, "og:url holds the HTML entity \"&eacute;\": the URL was "
		"escaped twice (use the character it stands for instead)");
	fixture_find(f, "og.url holds the HTML entity \"&LT;\": the URL was "
		"escaped twice (use \"<\" instead)");
}

static void
test_compile_rejects_mode(void **state)
{
	struct fixture *f = *state;

	fixture_param(f, "mode", fixture_add(f, NULL, OGC_NODE_SCALAR, "mode", "strict"));
	assert_false(fixture_compile(f));
	assert_int_equal(f->err.status, OGC_ERR_RULES);
	assert_non_null(strstr(f->err.msg, "format or entities"));
	assert_null(f->group.data);
}

static void
test_compile_rejects_mode_list(void **state)
{
	struct fixture *f = *state;

	fixture_param_list(f, "mode", "format", NULL, NULL);
	assert_false(fixture_compile(f));
	assert_int_equal(f->err.status, OGC_ERR_RULES);
}

static void
test_compile_rejects_schemes(void **state)
{
	struct fixture *f = *state;

	fixture_param_list(f, "schemes", "https", "ht tp", NULL);
	assert_false(fixture_compile(f));
	assert_int_equal(f->err.status, OGC_ERR_RULES);
	assert_non_null(strstr(f->err.msg, "\"ht tp\""));
}

static void
test_compile_rejects_scheme_syntax(void **state)
{
	struct fixture *f = *state;

	fixture_param_list(f, "schemes", "https", "http://", NULL);
	assert_false(fixture_compile(f));
	assert_non_null(strstr(f->err.msg, "not a URL scheme"));
}

static void
test_compile_rejects_empty_schemes(void **state)
{
	struct fixture *f = *state;

	fixture_param(f, "schemes", fixture_add(f, NULL, OGC_NODE_SEQ, "schemes", NULL));
	assert_false(fixture_compile(f));
	assert_int_equal(f->err.status, OGC_ERR_RULES);
}

static void
test_compile_accepts(void **state)
{
	struct fixture *f = *state;

	fixture_param(f, "mode", fixture_add(f, NULL, OGC_NODE_SCALAR, "mode", "format"));
	fixture_param_list(f, "schemes", "https", "git+ssh", "x-y.z");
	assert_true(fixture_compile(f));
	assert_non_null(f->group.data);
}

#define WITH_FIXTURE(test) \
	cmocka_unit_test_setup_teardown(test, setup, fixture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_entity),
		cmocka_unit_test(test_find_entity_none),
		cmocka_unit_test(test_find_entity_respects_len),
		cmocka_unit_test(test_find_blank),
		cmocka_unit_test(test_kind_shape),
		WITH_FIXTURE(test_format_accepts),
		WITH_FIXTURE(test_format_space),
		WITH_FIXTURE(test_format_blanks),
		WITH_FIXTURE(test_format_relative),
		WITH_FIXTURE(test_format_scheme),
		WITH_FIXTURE(test_format_invalid),
		WITH_FIXTURE(test_format_schemes_param),
		WITH_FIXTURE(test_format_three_schemes),
		WITH_FIXTURE(test_format_lists_and_empty),
		WITH_FIXTURE(test_entities),
		WITH_FIXTURE(test_entities_advice),
		WITH_FIXTURE(test_compile_rejects_mode),
		WITH_FIXTURE(test_compile_rejects_mode_list),
		WITH_FIXTURE(test_compile_rejects_schemes),
		WITH_FIXTURE(test_compile_rejects_scheme_syntax),
		WITH_FIXTURE(test_compile_rejects_empty_schemes),
		WITH_FIXTURE(test_compile_accepts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
