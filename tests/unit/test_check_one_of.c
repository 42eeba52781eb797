/* test_check_one_of.c: the one-of check, end to end. */
/* SPDX-License-Identifier: MIT */
#include "harness.h"

static void
test_builtin_og_type(void **state)
{
	struct run r = {0};
	const struct ogc_diag *d;

	(void)state;
	run_content(&r, true, NULL, "---\nog:\n  type: article\n---\n");
	assert_int_equal(count_rule(&r, "og-type"), 0);
	run_finish(&r);

	run_content(&r, true, NULL, "---\nog:\n  type: Article\n---\n");
	assert_int_equal(count_rule(&r, "og-type"), 1);
	d = nth_diag(&r, "og-type", 0);
	assert_diag(d, 3, 9, "og.type", "Article");
	assert_message_has(d, "is not one of: website, article,");
	assert_int_equal(d->severity, OGC_SEV_WARNING);
	run_finish(&r);

	run_content(&r, true, NULL, "---\nog:type: video.tv_show\n---\n");
	assert_int_equal(count_rule(&r, "og-type"), 0);
	run_finish(&r);
}

static void
test_custom_values(void **state)
{
	struct run r = {0};

	(void)state;
	run_content(&r, false, "rules:\n  - id: card\n    check: one-of\n"
		"    values: [summary, summary_large_image]\n"
		"    fields: \"twitter:card\"\n",
		"---\ntwitter:card: summary_large\n---\n");
	assert_int_equal(count_rule(&r, "card"), 1);
	assert_string_equal(nth_diag(&r, "card", 0)->message,
		"twitter:card \"summary_large\" is not one of: summary, "
		"summary_large_image");
	run_finish(&r);
}

static void
test_values_required(void **state)
{
	struct ogc_error err = {0};
	struct ogc_ruleset *rules = ogc_ruleset_create(&err);
	const char text[] = "rules:\n  - id: x\n    check: one-of\n"
		"    fields: a\n";

	(void)state;
	assert_false(ogc_ruleset_load_buffer(rules, "r.yaml", text,
		strlen(text), &err));
	assert_int_equal(err.status, OGC_ERR_RULES);
	assert_non_null(strstr(err.msg, "values"));
	ogc_ruleset_destroy(rules);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_og_type),
		cmocka_unit_test(test_custom_values),
		cmocka_unit_test(test_values_required),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
