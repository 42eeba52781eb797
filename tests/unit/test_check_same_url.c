/* test_check_same_url.c: unit tests of the `same-url` check kind. */
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
 * The comparison the check makes (net/url.c)
 */

/* True when a (no base) and b (against base) normalise to one URL. */
static bool
same(const char *a, const char *b, const char *base)
{
	char *na = ogc_url_normalize(a, NULL, NULL, 0);
	char *nb = ogc_url_normalize(b, base, NULL, 0);
	bool equal;

	assert_non_null(na);
	assert_non_null(nb);
	equal = strcmp(na, nb) == 0;
	free(na);
	free(nb);
	return equal;
}

static void
test_same_after_normalisation(void **state)
{
	const char *base = "https://news.example.org";

	(void)state;
	assert_true(same("https://news.example.org/2024/x/",
		"HTTPS://News.Example.ORG:443/2024/./x/", NULL));
	assert_true(same("https://news.example.org/2024/x/", "/2024/x/",
		base));
	assert_true(same("https://news.example.org/a%2Fb", "/a%2fb", base));
	assert_true(same("https://news.example.org", "/", base));
	assert_true(same("http://x.org:80/", "http://x.org", NULL));
}

static void
test_different_after_normalisation(void **state)
{
	(void)state;
	/* Path case, a trailing slash, scheme, query and port all matter. */
	assert_false(same("https://x.org/A", "https://x.org/a", NULL));
	assert_false(same("https://x.org/a/", "https://x.org/a", NULL));
	assert_false(same("http://x.org/a", "https://x.org/a", NULL));
	assert_false(same("https://x.org/a?p=1", "https://x.org/a", NULL));
	assert_false(same("https://x.org:8443/", "https://x.org/", NULL));
	/* %2F is not "/": the escape stays. */
	assert_false(same("https://x.org/a%2Fb", "https://x.org/a/b", NULL));
}

/*
 * The check kind, run over hand-built trees
 */

static const char *paths[] = {"og.url", "og:url"};

/* Adds og.url: value (nested) and returns the value. */
static struct ogc_node *
put_og_url(struct fixture *f, const char *value)
{
	struct ogc_node *og = fixture_add(f, f->root, OGC_NODE_MAP, "og", NULL);

	return fixture_add(f, og, OGC_NODE_SCALAR, "url", value);
}

static int
setup(void **state)
{
	int rc = fixture_setup(state, "url-canonical", &ogc_check_same_url,
		paths, sizeof(paths) / sizeof(*paths));

	/* as in rules/default.yaml */
	if (rc == 0) {
		fixture_param_list(*state, "as", "canonical", "canonical_url",
			"url");
	}
	return rc;
}

/* Compiles, runs the check with `base_url`, returns the count. */
static size_t
run(struct fixture *f, const char *base_url)
{
	f->options.base_url = base_url;
	return fixture_run(f);
}

/* The only diagnostic, which must say `want`. */
static const struct ogc_diag *
only(struct fixture *f, const char *want)
{
	const struct ogc_diag *diag;

	assert_int_equal(ogc_report_count(f->report), 1);
	diag = ogc_report_get(f->report, 0);
	assert_non_null(diag);
	assert_string_equal(diag->message, want);
	return diag;
}

static void
test_kind_shape(void **state)
{
	(void)state;
	assert_string_equal(ogc_check_same_url.name, "same-url");
	assert_false(ogc_check_same_url.network);
	assert_string_equal(ogc_check_same_url.params[0], "as");
	assert_string_equal(ogc_check_same_url.params[1], "part");
	assert_null(ogc_check_same_url.params[2]);
}

static void
test_equal(void **state)
{
	struct fixture *f = *state;

	put_og_url(f, "https://news.example.org/2024/x/");
	fixture_put(f, "canonical", "HTTPS://news.EXAMPLE.org:443/2024/y/../x/");
	assert_int_equal(run(f, NULL), 0);
}

static void
test_differs(void **state)
{
	struct fixture *f = *state;
	const struct ogc_node *value;
	const struct ogc_diag *diag;

	value = put_og_url(f, "https://a.org/x");
	fixture_put(f, "canonical", "https://a.org/y");
	run(f, NULL);
	diag = only(f, "og.url \"https://a.org/x\" differs from canonical "
		"\"https://a.org/y\"");
	assert_int_equal(diag->pos.line, value->pos.line);
	assert_string_equal(diag->field, "og.url");
	assert_string_equal(diag->rule, "url-canonical");
}

static void
test_differs_shows_compared_forms(void **state)
{
	struct fixture *f = *state;

	fixture_put(f, "og:url", "https://a.org/x");
	fixture_put(f, "canonical", "/y");
	run(f, "https://A.org/");
	only(f, "og:url \"https://a.org/x\" differs from canonical \"/y\" "
		"(compared as https://a.org/x and https://a.org/y)");
}

static void
test_relative_with_base(void **state)
{
	struct fixture *f = *state;

	put_og_url(f, "https://news.example.org/2024/x/");
	fixture_put(f, "canonical", "/2024/x/");
	assert_int_equal(run(f, "https://news.example.org/"), 0);
}

static void
test_relative_without_base(void **state)
{
	struct fixture *f = *state;
	const struct ogc_node *value;
	const struct ogc_diag *diag;

	value = put_og_url(f, "https://news.example.org/2024/x/");
	fixture_put(f, "canonical", "/2024/x/");
	run(f, NULL);
	diag = only(f, "og.url cannot be compared with canonical \"/2024/x/\": "
		"it is relative and no --base-url was given");
	assert_int_equal(diag->pos.line, value->pos.line);
}

static void
test_other_invalid(void **state)
{
	struct fixture *f = *state;
	const struct ogc_node *other;
	const struct ogc_diag *diag;

	put_og_url(f, "https://a.org/x");
	other = fixture_put(f, "canonical", "ftp://a.org/x");
	run(f, NULL);
	diag = only(f, "canonical is not a valid URL: \"ftp://a.org/x\" "
		"(unsupported scheme \"ftp\")");
	assert_int_equal(diag->pos.line, other->pos.line);
	assert_string_equal(diag->field, "canonical");
}

static void
test_first_present_alias(void **state)
{
	struct fixture *f = *state;

	put_og_url(f, "https://a.org/x");
	/* Empty and a map do not count as present. */
	fixture_put(f, "canonical", "");
	fixture_add(f, f->root, OGC_NODE_MAP, "canonical_url", NULL);
	fixture_put(f, "url", "https://a.org/z");
	run(f, NULL);
	only(f, "og.url \"https://a.org/x\" differs from url "
		"\"https://a.org/z\"");
}

static void
test_nothing_to_compare(void **state)
{
	struct fixture *f = *state;

	put_og_url(f, "https://a.org/x");
	fixture_put(f, "title", "https://a.org/y");
	assert_int_equal(run(f, NULL), 0);
}

static void
test_own_value_invalid(void **state)
{
	struct fixture *f = *state;

	/* url-format reports these; same-url stays quiet. */
	put_og_url(f, "/x");
	fixture_put(f, "og:url", "https://a.org/a b");
	fixture_put(f, "canonical", "https://a.org/y");
	assert_int_equal(run(f, "https://a.org/"), 0);
}

static void
test_skips_itself(void **state)
{
	struct fixture *f = *state;

	/* Compared with itself og.url would always pass. */
	f->rule.key_count = 0;
	fixture_param_list(f, "as", "og.url", "canonical", NULL);
	put_og_url(f, "https://a.org/x");
	fixture_put(f, "canonical", "https://a.org/y");
	run(f, NULL);
	only(f, "og.url \"https://a.org/x\" differs from canonical "
		"\"https://a.org/y\"");
}

static void
test_compile_needs_as(void **state)
{
	struct fixture *f = *state;

	f->rule.key_count = 0;
	assert_false(fixture_compile(f));
	assert_int_equal(f->err.status, OGC_ERR_RULES);
	assert_null(f->group.data);
}

static void
test_compile_rejects_empty_as(void **state)
{
	struct fixture *f = *state;

	f->keys[0].value = fixture_add(f, NULL, OGC_NODE_SEQ, "as", NULL);
	assert_false(fixture_compile(f));
	assert_int_equal(f->err.status, OGC_ERR_RULES);
}

static void
test_compile_accepts_string(void **state)
{
	struct fixture *f = *state;

	f->keys[0].value = fixture_add(f, NULL, OGC_NODE_SCALAR, "as",
		"canonical");
	put_og_url(f, "https://a.org/x");
	fixture_put(f, "canonical", "https://a.org/x/");
	assert_int_equal(run(f, NULL), 1);
}

#define WITH_FIXTURE(test) \
	cmocka_unit_test_setup_teardown(test, setup, fixture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_after_normalisation),
		cmocka_unit_test(test_different_after_normalisation),
		cmocka_unit_test(test_kind_shape),
		WITH_FIXTURE(test_equal),
		WITH_FIXTURE(test_differs),
		WITH_FIXTURE(test_differs_shows_compared_forms),
		WITH_FIXTURE(test_relative_with_base),
		WITH_FIXTURE(test_relative_without_base),
		WITH_FIXTURE(test_other_invalid),
		WITH_FIXTURE(test_first_present_alias),
		WITH_FIXTURE(test_nothing_to_compare),
		WITH_FIXTURE(test_own_value_invalid),
		WITH_FIXTURE(test_skips_itself),
		WITH_FIXTURE(test_compile_needs_as),
		WITH_FIXTURE(test_compile_rejects_empty_as),
		WITH_FIXTURE(test_compile_accepts_string),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
