/* test_registry.c: the table of check kinds. */
/* SPDX-License-Identifier: MIT */
#include "harness.h"

static void
test_sorted_and_unique(void **state)
{
	const struct ogc_check_kind *const *kinds;
	size_t count;
	size_t i;

	(void)state;
	kinds = ogc_check_kinds(&count);
	assert_int_equal(count, 10);
	for (i = 1; i < count; i++) {
		if (strcmp(kinds[i - 1]->name, kinds[i]->name) >= 0) {
			fail_msg("%s before %s: keep the table alphasorted",
				kinds[i - 1]->name, kinds[i]->name);
		}
	}
}

static void
test_find(void **state)
{
	static const char *const names[] = {
		"absent", "date", "isbn", "length", "one-of", "pattern",
		"reachable", "required", "same-url", "url",
	};
	const struct ogc_check_kind *kind;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		kind = ogc_check_kind_find(names[i]);
		assert_non_null(kind);
		assert_string_equal(kind->name, names[i]);
		assert_non_null(kind->run);
		assert_non_null(kind->params);
		/* only reachable touches the network */
		assert_int_equal(kind->network,
			strcmp(names[i], "reachable") == 0);
	}
	assert_null(ogc_check_kind_find("lenght"));
	assert_null(ogc_check_kind_find(""));
	assert_null(ogc_check_kind_find("zzz"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sorted_and_unique),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
