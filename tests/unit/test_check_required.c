/* test_check_required.c: the required check, end to end. */
/* SPDX-License-Identifier: MIT */
#include "harness.h"

static void
test_one_finding_per_missing_group(void **state)
{
	struct run r = {0};

	(void)state;
	run_content(&r, true, NULL, "---\ntitle: x\n---\n");
	assert_int_equal(count_rule(&r, "og-required"), 4);
	/* sorted by field at the same place, named in nested spelling */
	assert_diag(nth_diag(&r, "og-required", 0), 1, 1, "og.image", NULL);
	assert_diag(nth_diag(&r, "og-required", 1), 1, 1, "og.title", NULL);
	assert_diag(nth_diag(&r, "og-required", 2), 1, 1, "og.type", NULL);
	assert_diag(nth_diag(&r, "og-required", 3), 1, 1, "og.url", NULL);
	assert_string_equal(nth_diag(&r, "og-required", 0)->message,
		"og.image is missing");
	run_finish(&r);
}

static void
test_any_alias_satisfies(void **state)
{
	struct run r = {0};

	(void)state;
	run_content(&r, true, NULL, "---\nog:title: a\nog:\n  type: website\n"
		"  url: https://x.org/\nog:image: https://x.org/i.png\n---\n");
	assert_int_equal(count_rule(&r, "og-required"), 0);
	run_finish(&r);
}

static void
test_empty_points_at_key(void **state)
{
	struct run r = {0};

	(void)state;
	run_content(&r, true, NULL, "---\nog:\n  title: \"\"\n  type:\n"
		"  url: []\n  image: ~\n---\n");
	assert_int_equal(count_rule(&r, "og-required"), 4);
	/* an empty string is a value: its own place; null: the key */
	assert_diag(nth_diag(&r, "og-required", 0), 3, 10, "og.title", "");
	assert_diag(nth_diag(&r, "og-required", 1), 4, 3, "og.type", NULL);
	assert_diag(nth_diag(&r, "og-required", 2), 5, 8, "og.url", NULL);
	assert_diag(nth_diag(&r, "og-required", 3), 6, 3, "og.image", NULL);
	assert_message_has(nth_diag(&r, "og-required", 1), "is empty");
	run_finish(&r);
}

static void
test_missing_named_in_document_style(void **state)
{
	struct run r = {0};
	const struct ogc_diag *d;

	(void)state;
	/* flat og: keys: the missing one is named og:image, at 1:1 */
	run_content(&r, true, NULL, "---\nog:title: a\nog:type: website\n"
		"og:url: https://x.org/\n---\n");
	assert_int_equal(count_rule(&r, "og-required"), 1);
	assert_diag(nth_diag(&r, "og-required", 0), 1, 1, "og:image", NULL);
	run_finish(&r);

	/* an og: map: named og.image, at the og key */
	run_content(&r, true, NULL, "---\ntitle: t\nog:\n  title: a\n"
		"  type: website\n  url: https://x.org/\n---\n");
	assert_int_equal(count_rule(&r, "og-required"), 1);
	d = nth_diag(&r, "og-required", 0);
	assert_diag(d, 3, 1, "og.image", NULL);
	run_finish(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_finding_per_missing_group),
		cmocka_unit_test(test_any_alias_satisfies),
		cmocka_unit_test(test_empty_points_at_key),
		cmocka_unit_test(test_missing_named_in_document_style),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
