/* test_check_length.c: the length check, end to end. */
/* SPDX-License-Identifier: MIT */
#include "harness.h"

static const char rules[] =
	"rules:\n"
	"  - id: len\n"
	"    severity: warning\n"
	"    check: length\n"
	"    min: 3\n"
	"    max: 5\n"
	"    fields:\n"
	"      - [title, \"og:title\"]\n"
	"      - fields: [description]\n"
	"        max: 8\n";

static const char code_point_rules[] =
	"rules:\n"
	"  - id: len\n"
	"    check: length\n"
	"    max: 5\n"
	"    count: code-points\n"
	"    fields: title\n";

static const char grapheme_rules[] =
	"rules:\n"
	"  - id: len\n"
	"    check: length\n"
	"    max: 1\n"
	"    count: graphemes\n"
	"    fields: title\n";

static void
test_counts_code_points(void **state)
{
	struct run r = {0};

	(void)state;
	/* five code points, eleven bytes: within 5 */
	run_content(&r, false, code_point_rules,
		"---\ntitle: \"\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80\"\n---\n");
	assert_int_equal(count_rule(&r, "len"), 0);
	run_finish(&r);
}

static void
test_counts_columns_by_default(void **state)
{
	struct run r = {0};
	const struct ogc_diag *d;

	(void)state;
	/* the emoji is wide: six columns, one more than 5 */
	run_content(&r, false, rules,
		"---\ntitle: \"\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80\"\n---\n");
	assert_int_equal(count_rule(&r, "len"), 1);
	d = nth_diag(&r, "len", 0);
	assert_string_equal(d->message, "title is 6 columns wide; the limit "
		"is 5 (1 too many): 5 characters, 1 of them wide");
	run_finish(&r);
}

static void
test_counts_graphemes(void **state)
{
	struct run r = {0};

	(void)state;
	/* a family emoji (seven code points) is one character */
	run_content(&r, false, grapheme_rules, "---\ntitle: \"\xf0\x9f\x91\xa8"
		"\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7\"\n---\n");
	assert_int_equal(count_rule(&r, "len"), 0);
	run_finish(&r);
}

static void
test_too_long_and_too_short(void **state)
{
	struct run r = {0};
	const struct ogc_diag *d;

	(void)state;
	run_content(&r, false, rules,
		"---\ntitle: abcdef\nog:title: ab\n---\n");
	assert_int_equal(count_rule(&r, "len"), 2);
	d = nth_diag(&r, "len", 0);
	assert_diag(d, 2, 8, "title", "abcdef");
	assert_string_equal(d->message,
		"title is 6 characters long; the limit is 5 (1 too many)");
	assert_int_equal(d->severity, OGC_SEV_WARNING);
	d = nth_diag(&r, "len", 1);
	assert_diag(d, 3, 11, "og:title", "ab");
	assert_message_has(d, "at least 3");
	run_finish(&r);
}

static void
test_group_parameters_override(void **state)
{
	struct run r = {0};

	(void)state;
	/* the description group allows 8, not the rule's 5 */
	run_content(&r, false, rules, "---\ndescription: abcdefgh\n---\n");
	assert_int_equal(count_rule(&r, "len"), 0);
	run_finish(&r);
	run_content(&r, false, rules, "---\ndescription: abcdefghi\n---\n");
	assert_int_equal(count_rule(&r, "len"), 1);
	assert_message_has(nth_diag(&r, "len", 0), "the limit is 8");
	run_finish(&r);
}

static void
test_list_items_and_maps(void **state)
{
	struct run r = {0};

	(void)state;
	run_content(&r, false, rules,
		"---\ntitle: [abcd, abcdefg]\nog:title: {a: b}\n---\n");
	assert_int_equal(count_rule(&r, "len"), 2);
	assert_diag(nth_diag(&r, "len", 0), 2, 15, "title", "abcdefg");
	assert_string_equal(nth_diag(&r, "len", 1)->message,
		"og:title must be a single value, not a map");
	run_finish(&r);
}

static void
test_builtin_description_length(void **state)
{
	struct run r = {0};
	char a[171];
	char b[191];
	char doc[600];
	const struct ogc_diag *d;

	(void)state;
	memset(a, 'x', sizeof(a) - 1);
	a[sizeof(a) - 1] = '\0';
	memset(b, 'y', sizeof(b) - 1);
	b[sizeof(b) - 1] = '\0';
	snprintf(doc, sizeof(doc), "---\ndescription: %s\nog:\n  "
		"description: %s\n---\n", a, b);
	run_content(&r, true, NULL, doc);
	/* 170 > 160 for description; 190 <= 200 for og.description */
	assert_int_equal(count_rule(&r, "description-length"), 1);
	d = nth_diag(&r, "description-length", 0);
	assert_diag(d, 2, 14, "description", a);
	assert_message_has(d, "170 characters long; the limit is 160");
	run_finish(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_code_points),
		cmocka_unit_test(test_counts_columns_by_default),
		cmocka_unit_test(test_counts_graphemes),
		cmocka_unit_test(test_too_long_and_too_short),
		cmocka_unit_test(test_group_parameters_override),
		cmocka_unit_test(test_list_items_and_maps),
		cmocka_unit_test(test_builtin_description_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
