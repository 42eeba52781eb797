/* test_index_file.c: unit tests of the index file (store/index_file.c). */
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

#include "store/store.h"

#define HEAD 20 /* magic, version, fingerprint */

/* An index file of three pages written to a fresh folder, read whole. */
static unsigned char *
sample(size_t *len)
{
	struct ogc_index_entry e[3];
	struct ogc_index_out out;
	struct ogc_error err = {0};
	char dir[64];
	char path[128];
	unsigned char *data;
	FILE *f;
	long n;
	int i;

	memset(e, 0, sizeof(e));
	for (i = 0; i < 3; i++) {
		e[i].page.hash[OGC_XP_TITLE] = 0x1111 * (uint64_t)(i + 1);
		e[i].page.hash[OGC_XP_OG_IMAGE] = i == 1 ? 0xabcdefull : 0;
		e[i].page.url = i == 2 ? 0 : 0x77ull << i;
		e[i].page.id = 0x1234567890abcdefull + (uint64_t)i;
		e[i].page.flags = (uint8_t)(i == 0 ? OGC_XP_BUILT : 0);
		e[i].group = 5;
		e[i].section = 6 + (uint64_t)i;
		e[i].stamp = 99;
		e[i].size = 1000 + (uint64_t)i;
		e[i].mtime_sec = -5 + i;
		e[i].mtime_nsec = 123456789;
	}
	e[0].name = "site/a.md";
	e[1].name = "site/b\xc3\xa9.md";
	e[2].name = "site/c.md";
	e[2].target = "https://example.org/a/";
	e[2].page.flags |= OGC_XP_TARGET | OGC_XP_ELSEWHERE;
	snprintf(dir, sizeof(dir), "/tmp/ogc-index-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/site.idx", dir);
	assert_true(ogc_index_out_init(&out, path, 0xfeedull, &err));
	for (i = 0; i < 3; i++) {
		ogc_index_out_add(&out, &e[i]);
	}
	assert_true(ogc_index_out_write(&out, &err));
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	data = malloc((size_t)n);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	remove(path);
	rmdir(dir);
	*len = (size_t)n;
	return data;
}

/* Parses a copy of data[0..len) of exactly len bytes (ASan sees past it). */
static bool
parse_copy(const unsigned char *data, size_t len, char *why, size_t size)
{
	unsigned char *copy = malloc(len > 0 ? len : 1);
	struct ogc_index_file file;
	bool ok;

	assert_non_null(copy);
	memcpy(copy, data, len);
	why[0] = '\0';
	ok = ogc_index_file_parse(copy, len, &file, why, size);
	if (ok) {
		free(file.offsets);
	} else {
		assert_null(file.offsets);
		assert_int_equal(file.count, 0);
		assert_true(why[0] != '\0');
	}
	free(copy);
	return ok;
}

/* The checksum of data[0..len - 8) into its last 8 bytes. */
static void
seal(unsigned char *data, size_t len)
{
	uint64_t h = ogc_hash64(OGC_HASH64_START, data, len - 8);
	int i;

	for (i = 0; i < 8; i++) {
		data[len - 8 + (size_t)i] = (unsigned char)(h >> (8 * i));
	}
}

static void
test_round_trip(void **state)
{
	struct ogc_index_file file;
	struct ogc_index_entry e[3];
	unsigned char *data;
	size_t len;
	size_t i;
	char why[128];

	(void)state;
	data = sample(&len);
	assert_true(ogc_index_file_parse(data, len, &file, why, sizeof(why)));
	assert_int_equal(file.count, 3);
	assert_true(file.fingerprint == 0xfeedull);
	for (i = 0; i < 3; i++) {
		ogc_index_file_entry(&file, i, &e[i]);
	}
	assert_string_equal(e[1].name, "site/b\xc3\xa9.md");
	assert_null(e[0].target);
	assert_string_equal(e[2].target, "https://example.org/a/");
	assert_true(e[1].page.hash[OGC_XP_OG_IMAGE] == 0xabcdefull);
	assert_true(e[0].page.hash[OGC_XP_OG_IMAGE] == 0);
	assert_true(e[2].page.url == 0);
	assert_true(e[1].page.id == 0x1234567890abcdefull + 1);
	assert_int_equal(e[0].page.flags, OGC_XP_BUILT);
	assert_int_equal(e[2].page.flags, OGC_XP_TARGET | OGC_XP_ELSEWHERE);
	assert_true(e[2].section == 8);
	assert_true(e[0].mtime_sec == -5);
	assert_true(e[1].mtime_nsec == 123456789);
	assert_true(e[2].size == 1002);
	free(file.offsets);
	free(data);
}

/* Cut short at every byte: a clean "no", never a read past the end. */
static void
test_truncated_everywhere(void **state)
{
	unsigned char *data;
	size_t len;
	size_t n;
	char why[128];

	(void)state;
	data = sample(&len);
	for (n = 0; n < len; n++) {
		assert_false(parse_copy(data, n, why, sizeof(why)));
	}
	assert_true(parse_copy(data, len, why, sizeof(why)));
	free(data);
}

/* Any bit changed anywhere: the checksum or the header says so. */
static void
test_every_bit_flipped(void **state)
{
	unsigned char *data;
	size_t len;
	size_t i;
	int bit;
	char why[128];

	(void)state;
	data = sample(&len);
	for (i = 0; i < len; i++) {
		for (bit = 0; bit < 8; bit++) {
			data[i] ^= (unsigned char)(1 << bit);
			assert_false(parse_copy(data, len, why, sizeof(why)));
			data[i] ^= (unsigned char)(1 << bit);
		}
	}
	free(data);
}

/* Damage behind a right checksum: bounded lengths and counts. */
static void
test_sealed_damage(void **state)
{
	unsigned char *data;
	unsigned char *bad;
	size_t len;
	char why[128];

	(void)state;
	data = sample(&len);
	bad = malloc(len + 16);
	assert_non_null(bad);
	/* a count of 2^32 - 1 pages: no room taken for them */
	memcpy(bad, data, len);
	memset(bad + len - 12, 0xff, 4);
	seal(bad, len);
	assert_false(parse_copy(bad, len, why, sizeof(why)));
	assert_non_null(strstr(why, "more pages than bytes"));
	/* one page fewer than there are: bytes after the pages */
	memcpy(bad, data, len);
	bad[len - 12] = 2;
	seal(bad, len);
	assert_false(parse_copy(bad, len, why, sizeof(why)));
	/* one more than there are: cut short */
	bad[len - 12] = 4;
	seal(bad, len);
	assert_false(parse_copy(bad, len, why, sizeof(why)));
	/* a name longer than the file */
	memcpy(bad, data, len);
	bad[HEAD] = 0xff;
	bad[HEAD + 1] = 0x0f;
	seal(bad, len);
	assert_false(parse_copy(bad, len, why, sizeof(why)));
	/* a name of no bytes */
	bad[HEAD] = 0;
	bad[HEAD + 1] = 0;
	seal(bad, len);
	assert_false(parse_copy(bad, len, why, sizeof(why)));
	/* a NUL inside the name */
	memcpy(bad, data, len);
	bad[HEAD + 4] = '\0';
	seal(bad, len);
	assert_false(parse_copy(bad, len, why, sizeof(why)));
	/* another version */
	memcpy(bad, data, len);
	bad[8] = 2;
	seal(bad, len);
	assert_false(parse_copy(bad, len, why, sizeof(why)));
	assert_non_null(strstr(why, "version 2"));
	/* not an index at all */
	assert_false(parse_copy((const unsigned char *)"{}\n", 3, why,
		sizeof(why)));
	assert_non_null(strstr(why, "not an ogcheck index"));
	free(bad);
	free(data);
}

static void
test_read_missing(void **state)
{
	struct ogc_index_file file;
	char why[128];

	(void)state;
	assert_false(ogc_index_file_read("/nonexistent/ogc/site.idx", &file,
		why, sizeof(why)));
	assert_non_null(strstr(why, "cannot read"));
	ogc_index_file_finish(&file);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_truncated_everywhere),
		cmocka_unit_test(test_every_bit_flipped),
		cmocka_unit_test(test_sealed_damage),
		cmocka_unit_test(test_read_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
