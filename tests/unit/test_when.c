/* test_when.c: rule conditions (when:) and fallbacks, end to end. */
/* SPDX-License-Identifier: MIT */
#include "harness.h"

#include <stdlib.h>

static const char rules[] =
	"rules:\n"
	"  - id: needs-date\n"
	"    severity: error\n"
	"    check: required\n"
	"    when: {og.type: article}\n"
	"    fields: [[date]]\n"
	"  - id: card-alt\n"
	"    severity: warning\n"
	"    check: required\n"
	"    when: {twitter.card: [summary, summary_large_image],\n"
	"           og.image: {present: true}}\n"
	"    fields: [[twitter.image.alt, \"og:image:alt\"]]\n"
	"  - id: no-root-canonical\n"
	"    severity: error\n"
	"    check: pattern\n"
	"    pattern: \"https?://[^/]+/.+\"\n"
	"    when: {og.url: {matches: \"https?://[^/]+/.+\"}}\n"
	"    fields: [canonical]\n"
	"  - id: short-card-title\n"
	"    check: length\n"
	"    max: 10\n"
	"    fallback: true\n"
	"    fields: [twitter.title, og.title]\n";

/* Runs the rules above over front matter `fm`. */
static void
run_fm(struct run *r, const char *fm)
{
	char *content = malloc(strlen(fm) + 16);

	assert_non_null(content);
	snprintf(content, strlen(fm) + 16, "---\n%s---\n", fm);
	run_content(r, false, rules, content);
	free(content);
}

static void
test_equals(void **state)
{
	struct run r = {0};

	(void)state;
	run_fm(&r, "og:\n  type: article\n");
	assert_int_equal(count_rule(&r, "needs-date"), 1);
	run_finish(&r);
	run_fm(&r, "og:\n  type: website\n");
	assert_int_equal(count_rule(&r, "needs-date"), 0);
	run_finish(&r);
	/* the flat spelling of the condition's path counts too */
	run_fm(&r, "og:type: article\n");
	assert_int_equal(count_rule(&r, "needs-date"), 1);
	run_finish(&r);
	run_fm(&r, "og:\n  type: article\ndate: 2024-01-01\n");
	assert_int_equal(count_rule(&r, "needs-date"), 0);
	run_finish(&r);
	/* a list value holds when any item does */
	run_fm(&r, "og:\n  type: [website, article]\n");
	assert_int_equal(count_rule(&r, "needs-date"), 1);
	run_finish(&r);
}

static void
test_list_and_present(void **state)
{
	struct run r = {0};

	(void)state;
	run_fm(&r, "twitter:\n  card: summary\nog:\n  image: https://x.org/i\n");
	assert_int_equal(count_rule(&r, "card-alt"), 1);
	run_finish(&r);
	/* every condition must hold: no image, no rule */
	run_fm(&r, "twitter:\n  card: summary\n");
	assert_int_equal(count_rule(&r, "card-alt"), 0);
	run_finish(&r);
	run_fm(&r, "twitter:\n  card: summary\nog:\n  image: \"\"\n");
	assert_int_equal(count_rule(&r, "card-alt"), 0);
	run_finish(&r);
	run_fm(&r, "twitter:\n  card: player\nog:\n  image: https://x.org/i\n");
	assert_int_equal(count_rule(&r, "card-alt"), 0);
	run_finish(&r);
}

static void
test_matches(void **state)
{
	struct run r = {0};

	(void)state;
	/* a page that is not the root, whose canonical is the root */
	run_fm(&r, "og:\n  url: https://x.org/a/\ncanonical: https://x.org/\n");
	assert_int_equal(count_rule(&r, "no-root-canonical"), 1);
	assert_diag(nth_diag(&r, "no-root-canonical", 0), 4, 12, "canonical",
		"https://x.org/");
	run_finish(&r);
	/* the root page itself may say so */
	run_fm(&r, "og:\n  url: https://x.org/\ncanonical: https://x.org/\n");
	assert_int_equal(count_rule(&r, "no-root-canonical"), 0);
	run_finish(&r);
}

static void
test_fallback(void **state)
{
	struct run r = {0};

	(void)state;
	/* twitter.title present: og.title is not X's title, not checked */
	run_fm(&r, "twitter:\n  title: short\nog:\n  title: a long og title\n");
	assert_int_equal(count_rule(&r, "short-card-title"), 0);
	run_finish(&r);
	/* absent: X falls back to og.title, which is checked */
	run_fm(&r, "og:\n  title: a long og title\n");
	assert_int_equal(count_rule(&r, "short-card-title"), 1);
	assert_diag(nth_diag(&r, "short-card-title", 0), 3, 10, "og.title",
		"a long og title");
	run_finish(&r);
}

/* Loads one rule file; returns the error message, "" when it loads. */
static const char *
load_error(struct ogc_error *err, const char *text)
{
	struct ogc_ruleset *set = ogc_ruleset_create(err);
	bool ok;

	assert_non_null(set);
	ok = ogc_ruleset_load_buffer(set, "r.yaml", text, strlen(text), err);
	ogc_ruleset_destroy(set);
	return ok ? "" : err->msg;
}

static void
test_bad_conditions(void **state)
{
	struct ogc_error err;

	(void)state;
	assert_non_null(strstr(load_error(&err, "rules:\n  - id: a\n"
		"    check: required\n    fields: [x]\n    when: article\n"),
		"when must be a map"));
	assert_int_equal(err.pos.line, 5);
	assert_non_null(strstr(load_error(&err, "rules:\n  - id: a\n"
		"    check: required\n    fields: [x]\n"
		"    when: {og.type: {present: maybe}}\n"),
		"{present: true|false}"));
	assert_non_null(strstr(load_error(&err, "rules:\n  - id: a\n"
		"    check: required\n    fields: [x]\n"
		"    when: {og.url: {matches: \"(\"}}\n"),
		"not a valid POSIX extended regular expression"));
	assert_non_null(strstr(load_error(&err, "rules:\n  - id: a\n"
		"    check: required\n    fields: [x]\n    fallback: yes\n"),
		"fallback must be true or false"));
	assert_string_equal(load_error(&err, "rules:\n  - id: a\n"
		"    check: required\n    fields: [x]\n    help: see ogp.me\n"
		"    when: {og.type: [a, b], og.image: {present: false}}\n"), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equals),
		cmocka_unit_test(test_list_and_present),
		cmocka_unit_test(test_matches),
		cmocka_unit_test(test_fallback),
		cmocka_unit_test(test_bad_conditions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
