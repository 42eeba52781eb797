/* test_check_isbn.c: ISBN-10 and ISBN-13 check digits (the isbn check). */
/* SPDX-License-Identifier: MIT */
#include "harness.h"

static bool
isbn(const char *s)
{
	const char *why = NULL;
	bool ok = ogc_isbn_valid(s, &why);

	assert_true(ok || why != NULL);
	return ok;
}

static void
test_isbn13(void **state)
{
	(void)state;
	assert_true(isbn("978-0-306-40615-7"));
	assert_true(isbn("9780306406157"));
	assert_true(isbn("978 0 306 40615 7"));
	assert_false(isbn("978-0-306-40615-6"));
	assert_false(isbn("978-0-306-40615-X"));
}

static void
test_isbn10(void **state)
{
	(void)state;
	assert_true(isbn("0-306-40615-2"));
	assert_true(isbn("0306406152"));
	assert_true(isbn("0-8044-2957-X"));
	assert_true(isbn("0-8044-2957-x"));
	assert_false(isbn("0-306-40615-3"));
	assert_false(isbn("X-306-40615-2"));
}

static void
test_not_isbn(void **state)
{
	(void)state;
	assert_false(isbn(""));
	assert_false(isbn("978-0-306"));
	assert_false(isbn("97803064061570"));
	assert_false(isbn("ISBN 978-0-306-40615-7"));
	assert_false(isbn("978_0_306_40615_7"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_isbn13),
		cmocka_unit_test(test_isbn10),
		cmocka_unit_test(test_not_isbn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
