/* test_path.c: exclude: globs against file paths. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "read/read.h"
#include "util/util.h"

static void
test_glob(void **state)
{
	(void)state;
	/* a name without '/' names any folder or file on the path */
	assert_true(ogc_path_glob_match("drafts", "drafts/a.md"));
	assert_true(ogc_path_glob_match("drafts", "./blog/drafts/b.md"));
	assert_false(ogc_path_glob_match("drafts", "blog/drafts-old/b.md"));
	assert_true(ogc_path_glob_match("*.tmp.md", "x/y.tmp.md"));
	assert_false(ogc_path_glob_match("*.tmp.md", "x/y.md"));
	/* with '/', from the start; '*' crosses '/' */
	assert_true(ogc_path_glob_match("content/old/", "content/old/a.md"));
	assert_false(ogc_path_glob_match("content/old", "x/content/old/a.md"));
	assert_true(ogc_path_glob_match("content/*.md", "content/a/b.md"));
	assert_true(ogc_path_glob_match("./_site/", "_site/index.html"));
	assert_false(ogc_path_glob_match("", "a.md"));
	assert_false(ogc_path_glob_match("/", "a.md"));
}

static void
test_normalize(void **state)
{
	char a[] = "content/../_includes";
	char b[] = "./a//b/./c/..";
	char c[] = "../up";

	(void)state;
	ogc_path_normalize(a);
	ogc_path_normalize(b);
	ogc_path_normalize(c);
	assert_string_equal(a, "_includes");
	assert_string_equal(b, "a/b");
	assert_string_equal(c, "../up");
}

static void
test_repository_files(void **state)
{
	(void)state;
	assert_true(ogc_path_is_repository_file("README.md"));
	assert_true(ogc_path_is_repository_file("docs/readme.markdown"));
	assert_true(ogc_path_is_repository_file("CHANGELOG"));
	assert_true(ogc_path_is_repository_file("x/LICENSE.md"));
	assert_false(ogc_path_is_repository_file("readme-first.md"));
	assert_false(ogc_path_is_repository_file("content/licenses.md"));
}

/* ogc_str_join() writes what snprintf("%s%s%s") would, cut alike. */
static void
test_str_join(void **state)
{
	const char *const parts[] = {"content/posts", "/", "a.md"};
	char buf[32];
	char want[32];
	size_t size;

	(void)state;
	for (size = 1; size <= sizeof(buf); size++) {
		memset(buf, 'x', sizeof(buf));
		snprintf(want, size, "%s%s%s", parts[0], parts[1], parts[2]);
		assert_int_equal(ogc_str_join(buf, size, parts, 3), strlen(want));
		assert_string_equal(buf, want);
		assert_true(size == sizeof(buf) || buf[size] == 'x');
	}
	assert_int_equal(ogc_str_join(buf, sizeof(buf), parts, 0), 0);
	assert_string_equal(buf, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glob),
		cmocka_unit_test(test_str_join),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_repository_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
