/* test_check_pattern.c: the pattern check, end to end. */
/* SPDX-License-Identifier: MIT */
#include "harness.h"

static void
test_whole_value_must_match(void **state)
{
	struct run r = {0};
	const struct ogc_diag *d;

	(void)state;
	run_content(&r, true, NULL, "---\nog:\n  locale: en_GB\n---\n");
	assert_int_equal(count_rule(&r, "og-locale"), 0);
	run_finish(&r);

	/* a match inside the value is not enough: the pattern is anchored */
	run_content(&r, true, NULL, "---\nog:\n  locale: xen_GBx\n---\n");
	assert_int_equal(count_rule(&r, "og-locale"), 1);
	d = nth_diag(&r, "og-locale", 0);
	assert_diag(d, 3, 11, "og.locale", "xen_GBx");
	assert_string_equal(d->message, "og.locale \"xen_GBx\" does not match "
		"the pattern [a-z]{2,3}_[A-Z]{2}");
	run_finish(&r);
}

static void
test_alternation_is_grouped(void **state)
{
	struct run r = {0};

	(void)state;
	/* ^(a|b)$, not ^a|b$: "ab" must fail, "b" must pass */
	run_content(&r, false, "rules:\n  - id: p\n    check: pattern\n"
		"    pattern: a|b\n    fields: [x, y]\n",
		"---\nx: ab\ny: b\n---\n");
	assert_int_equal(count_rule(&r, "p"), 1);
	assert_string_equal(nth_diag(&r, "p", 0)->field, "x");
	run_finish(&r);
}

static void
test_bad_regex_is_a_rule_error(void **state)
{
	struct ogc_error err = {0};
	struct ogc_ruleset *rules = ogc_ruleset_create(&err);
	const char text[] = "rules:\n  - id: p\n    check: pattern\n"
		"    pattern: \"(\"\n    fields: x\n";

	(void)state;
	assert_false(ogc_ruleset_load_buffer(rules, "r.yaml", text,
		strlen(text), &err));
	assert_int_equal(err.status, OGC_ERR_RULES);
	assert_string_equal(err.file, "r.yaml");
	assert_int_equal(err.pos.line, 4);
	assert_int_equal(err.pos.column, 14);
	assert_non_null(strstr(err.msg, "not a valid POSIX extended"));
	ogc_ruleset_destroy(rules);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_value_must_match),
		cmocka_unit_test(test_alternation_is_grouped),
		cmocka_unit_test(test_bad_regex_is_a_rule_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
