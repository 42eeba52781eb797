/* test_cache.c: unit tests of the URL cache file (store/cache.c). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/net.h"
#include "store/store.h"

/* A cache path in a fresh temporary folder; *dir is the folder. */
static char *
temp_cache(char *dir, size_t size)
{
	static char path[512];

	snprintf(dir, size, "/tmp/ogc-cache-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/urls.json", dir);
	return path;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void
clear_all(struct ogc_fetch *items, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		ogc_fetch_clear(&items[i]);
	}
	free(items);
}

static void
test_round_trip_keeps_every_fact(void **state)
{
	struct ogc_fetch a;
	struct ogc_fetch b;
	const struct ogc_fetch *items[2] = {&a, &b};
	struct ogc_error err = {0};
	struct ogc_fetch *back = NULL;
	size_t count = 0;
	char dir[64];
	char *path = temp_cache(dir, sizeof(dir));
	char a_url[] = "https://x.org/a.png";
	char a_type[] = "image/png";
	char b_url[] = "https://x.org/b";
	char b_final[] = "https://x.org/c";

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.url = a_url;
	a.state = OGC_FETCH_ANSWERED;
	a.status = 206;
	a.content_type = a_type;
	a.bytes = 48213;
	a.image_read = true;
	a.image.format = OGC_IMAGE_PNG;
	a.image.width = 1200;
	a.image.height = 630;
	a.checked = 1795910400;
	b.url = b_url;
	b.state = OGC_FETCH_ANSWERED;
	b.status = 200;
	b.bytes = -1;
	b.redirects = 2;
	b.final_url = b_final;
	b.checked = 1795910401;
	assert_true(ogc_cache_write(path, items, 2, &err));
	assert_true(ogc_cache_read(path, &back, &count, &err));
	assert_int_equal(count, 2);
	assert_string_equal(back[0].url, "https://x.org/a.png");
	assert_int_equal(back[0].state, OGC_FETCH_ANSWERED);
	assert_int_equal(back[0].status, 206);
	assert_string_equal(back[0].content_type, "image/png");
	assert_int_equal(back[0].bytes, 48213);
	assert_true(back[0].image_read);
	assert_int_equal(back[0].image.format, OGC_IMAGE_PNG);
	assert_int_equal(back[0].image.width, 1200);
	assert_int_equal(back[0].image.height, 630);
	assert_int_equal(back[0].checked, 1795910400);
	assert_null(back[0].final_url);
	assert_string_equal(back[1].url, "https://x.org/b");
	assert_null(back[1].content_type);
	assert_int_equal(back[1].bytes, -1);
	assert_false(back[1].image_read);
	assert_int_equal(back[1].redirects, 2);
	assert_string_equal(back[1].final_url, "https://x.org/c");
	clear_all(back, count);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void
test_missing_or_damaged_cache_reads_as_empty(void **state)
{
	static const char *const damaged[] = {
		"",
		"not json",
		"[1, 2]",
		"{\"entries\": {\"url\": \"https://x.org/\"}}",
		/* one document, each of its entries damaged (the parentheses:
		 * the two literals are one element, not a missing comma) */
		("{\"entries\": [1, \"x\", null, {\"url\": 7, \"checked\": 1, "
		 "\"status\": 200}]}"),
	};
	struct ogc_error err = {0};
	struct ogc_fetch *back = NULL;
	size_t count = 1;
	char dir[64];
	char *path = temp_cache(dir, sizeof(dir));
	size_t i;

	(void)state;
	assert_true(ogc_cache_read(path, &back, &count, &err));
	assert_int_equal(count, 0);
	for (i = 0; i < sizeof(damaged) / sizeof(*damaged); i++) {
		write_file(path, damaged[i]);
		count = 1;
		assert_true(ogc_cache_read(path, &back, &count, &err));
		assert_int_equal(count, 0);
		free(back);
	}
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void
test_damaged_entries_are_skipped_and_the_rest_kept(void **state)
{
	struct ogc_error err = {0};
	struct ogc_fetch *back = NULL;
	size_t count = 0;
	char dir[64];
	char *path = temp_cache(dir, sizeof(dir));

	(void)state;
	write_file(path, "{\"entries\": ["
		"{\"url\": \"https://x.org/neg\", \"checked\": -5, \"status\": 200},"
		"{\"url\": \"https://x.org/st\", \"checked\": 5, \"status\": 99},"
		"{\"url\": \"https://x.org/w\", \"checked\": 5, \"status\": 200, "
		"\"image\": {\"format\": \"PNG\", \"width\": 0, \"height\": 1}},"
		"{\"url\": \"https://x.org/frac\", \"checked\": 5.5, \"status\": 200},"
		"{\"url\": \"https://x.org/good\", \"checked\": 5, \"status\": 200,"
		" \"image\": {\"format\": \"unknown\"}}]}");
	assert_true(ogc_cache_read(path, &back, &count, &err));
	assert_int_equal(count, 1);
	assert_string_equal(back[0].url, "https://x.org/good");
	assert_true(back[0].image_read);
	assert_int_equal(back[0].image.format, OGC_IMAGE_NONE);
	clear_all(back, count);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void
test_unwritable_cache_is_an_error_and_leaves_no_temporary(void **state)
{
	struct ogc_error err = {0};
	const struct ogc_fetch *none[1] = {NULL};
	char dir[64];
	char path[128];

	(void)state;
	temp_cache(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/missing/urls.json", dir);
	assert_false(ogc_cache_write(path, none, 0, &err));
	assert_int_equal(err.status, OGC_ERR_IO);
	assert_non_null(strstr(err.msg, "cannot write the cache"));
	assert_int_equal(rmdir(dir), 0); /* empty: nothing was left */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_keeps_every_fact),
		cmocka_unit_test(test_missing_or_damaged_cache_reads_as_empty),
		cmocka_unit_test(test_damaged_entries_are_skipped_and_the_rest_kept),
		cmocka_unit_test(
			test_unwritable_cache_is_an_error_and_leaves_no_temporary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
