/* test_source.c: the streaming front matter scanner. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "harness.h"

/* Scans `len` bytes of `data` fed in pieces of `chunk` bytes (0: all). */
static void
scan(struct ogc_front *f, const char *data, size_t len, size_t chunk)
{
	size_t at = 0;
	size_t n;

	ogc_front_init(f);
	while (at < len) {
		n = chunk == 0 || chunk > len - at ? len - at : chunk;
		if (ogc_front_feed(f, data + at, n)) {
			return;
		}
		at += n;
	}
	ogc_front_end(f);
}

static void
assert_yaml(const char *data, const char *want, bool fenced)
{
	struct ogc_front f;

	scan(&f, data, strlen(data), 0);
	assert_int_equal(f.kind, OGC_FRONT_YAML);
	assert_string_equal(f.text, want);
	assert_int_equal(f.len, strlen(want));
	assert_int_equal(f.first_line, 2);
	assert_int_equal(f.fenced, fenced);
	ogc_front_finish(&f);
}

static void
assert_kind(const char *data, enum ogc_front_kind kind)
{
	struct ogc_front f;

	scan(&f, data, strlen(data), 0);
	assert_int_equal(f.kind, kind);
	ogc_front_finish(&f);
}

static void
test_dashes(void **state)
{
	(void)state;
	assert_yaml("---\ntitle: a\n---\nbody\n", "title: a\n", false);
	assert_yaml("---\ntitle: a\n...\nbody\n", "title: a\n", false);
	assert_yaml("---  \ntitle: a\n---\t\n", "title: a\n", false);
	assert_yaml("---\n---\n", "", false);
	/* the closer may be the last line, without a line break */
	assert_yaml("---\ntitle: a\n---", "title: a\n", false);
	/* "----" and "--- x" are not fences */
	assert_yaml("---\na: |\n  ----\n---\n", "a: |\n  ----\n", false);
	assert_kind("----\na: b\n----\n", OGC_FRONT_NONE);
}

static void
test_fenced(void **state)
{
	(void)state;
	assert_yaml("```yaml\nog:\n  title: x\n```\n\nBody\n",
		"og:\n  title: x\n", true);
	assert_yaml("```yml\na: b\n```", "a: b\n", true);
	/* inside a fenced block, --- does not close it */
	assert_yaml("```yaml\na: b\n---\n```\n", "a: b\n---\n", true);
	assert_kind("```json\n{}\n```\n", OGC_FRONT_NONE);
}

static void
test_bom_and_crlf(void **state)
{
	(void)state;
	assert_yaml("\xef\xbb\xbf---\r\ntitle: a\r\n---\r\nbody\r\n",
		"title: a\r\n", false);
	assert_yaml("```yaml\r\na: b\r\n```\r\n", "a: b\r\n", true);
}

static void
test_none_and_empty(void **state)
{
	(void)state;
	assert_kind("", OGC_FRONT_NONE);
	assert_kind("# Title\n\n---\na: b\n---\n", OGC_FRONT_NONE);
	assert_kind("\n---\na: b\n---\n", OGC_FRONT_NONE);
}

static void
test_unclosed(void **state)
{
	struct ogc_front f;
	const char data[] = "---\ntitle: a\n\nbody\n";

	(void)state;
	scan(&f, data, strlen(data), 0);
	assert_int_equal(f.kind, OGC_FRONT_INVALID);
	assert_int_equal(f.pos.line, 1);
	assert_int_equal(f.pos.column, 1);
	assert_non_null(strstr(f.problem, "not closed"));
	ogc_front_finish(&f);
}

static void
test_too_large_stops_reading(void **state)
{
	struct ogc_front f;
	const char line[] = "key: value\n";
	size_t fed = 0;
	bool done = false;

	(void)state;
	ogc_front_init(&f);
	done = ogc_front_feed(&f, "---\n", 4);
	while (!done && fed < 4 * OGC_MAX_FRONT_MATTER) {
		done = ogc_front_feed(&f, line, sizeof(line) - 1);
		fed += sizeof(line) - 1;
	}
	assert_true(done);
	assert_true(fed <= OGC_MAX_FRONT_MATTER + sizeof(line));
	assert_int_equal(f.kind, OGC_FRONT_INVALID);
	assert_non_null(strstr(f.problem, "1 MiB"));
	ogc_front_finish(&f);
}

/*
 * Closed front matter just over the limit, and just under it: the same
 * verdict whole and in reads of any size (found by fuzzing: whole, the
 * closing line was seen before the size).
 */
static void
test_limit_whatever_the_reads(void **state)
{
	static const size_t chunks[] = {0, 1, 4093, 65536};
	const char line[] = "a: b\n";
	size_t lines[] = {OGC_MAX_FRONT_MATTER / 5 + 1,
		OGC_MAX_FRONT_MATTER / 5};
	struct ogc_front f;
	size_t len;
	size_t i;
	size_t k;
	size_t c;
	char *data;

	(void)state;
	for (k = 0; k < 2; k++) {
		len = 4 + lines[k] * 5 + 9;
		data = malloc(len);
		assert_non_null(data);
		memcpy(data, "---\n", 4);
		for (i = 0; i < lines[k]; i++) {
			memcpy(data + 4 + i * 5, line, 5);
		}
		memcpy(data + 4 + lines[k] * 5, "---\nBody\n", 9);
		for (c = 0; c < sizeof(chunks) / sizeof(*chunks); c++) {
			scan(&f, data, len, chunks[c]);
			if (k == 0) {
				assert_int_equal(f.kind, OGC_FRONT_INVALID);
				assert_string_equal(f.rule,
					"limit-front-matter-size");
			} else {
				assert_int_equal(f.kind, OGC_FRONT_YAML);
				assert_int_equal(f.len, lines[k] * 5);
			}
			ogc_front_finish(&f);
		}
		free(data);
	}
}

static void
test_binary(void **state)
{
	struct ogc_front f;
	const char data[] = "\x89PNG\r\n\x1a\nab\0cd";

	(void)state;
	scan(&f, data, sizeof(data) - 1, 0);
	assert_int_equal(f.kind, OGC_FRONT_BINARY);
	assert_int_equal(f.pos.line, 3);
	assert_int_equal(f.pos.column, 3);
	ogc_front_finish(&f);
}

static void
test_long_first_line_decided_early(void **state)
{
	struct ogc_front f;
	char *big = malloc(1 << 20);
	size_t fed = 0;
	bool done = false;

	(void)state;
	assert_non_null(big);
	memset(big, 'x', 1 << 20);
	ogc_front_init(&f);
	while (!done && fed < (1u << 20)) {
		done = ogc_front_feed(&f, big + fed, 1024);
		fed += 1024;
	}
	/* no fence can be that long; the NUL sniff needs 8000 bytes */
	assert_true(done);
	assert_true(fed <= 9 * 1024);
	assert_int_equal(f.kind, OGC_FRONT_NONE);
	ogc_front_finish(&f);
	free(big);
}

/* However the bytes arrive, the scanner decides the same. */
static void
test_chunking_does_not_matter(void **state)
{
	static const char *const inputs[] = {
		"---\ntitle: a\n---\nbody\n",
		"\xef\xbb\xbf```yaml\r\na: b\r\n```\r\n",
		"---\nnever closed\n",
		"plain text\nmore\n",
		"\xef\xbb",
		"-",
		"---",
		"```yaml\na: 1\n``",
	};
	static const size_t chunks[] = {1, 2, 3, 7, 64, 0};
	struct ogc_front want;
	struct ogc_front got;
	size_t i;
	size_t c;

	(void)state;
	for (i = 0; i < sizeof(inputs) / sizeof(*inputs); i++) {
		scan(&want, inputs[i], strlen(inputs[i]), 0);
		for (c = 0; c < sizeof(chunks) / sizeof(*chunks); c++) {
			scan(&got, inputs[i], strlen(inputs[i]), chunks[c]);
			assert_int_equal(got.kind, want.kind);
			assert_int_equal(got.len, want.len);
			if (want.kind == OGC_FRONT_YAML) {
				assert_memory_equal(got.text, want.text, want.len);
			}
			assert_int_equal(got.pos.line, want.pos.line);
			assert_int_equal(got.pos.column, want.pos.column);
			assert_string_equal(got.problem, want.problem);
			ogc_front_finish(&got);
		}
		ogc_front_finish(&want);
	}
}

struct found {
	char text[512];
	size_t used;
};

static void
collect(void *arg, struct ogc_pos pos, const char *property)
{
	struct found *f = arg;

	f->used += (size_t)snprintf(f->text + f->used, sizeof(f->text) - f->used,
		"%u:%u %s;", pos.line, pos.column, property);
}

/* The body scan finds the same tags at the same places however fed. */
static void
test_body_scan(void **state)
{
	static const char body[] =
		"<body>\n<p>caf\xc3\xa9</p> <meta property=\"og:title\" "
		"content=\"x\">\n<META\tNAME='twitter:card' content=s>"
		"<meta itemprop=\"name\" content=\"n\"><meta name=description>"
		"<meta\nproperty=og:image content=y><meta property=\"og:url";
	static const size_t chunks[] = {1, 2, 5, 17, 4096, sizeof(body)};
	struct ogc_body_scan scan;
	struct found want = {{0}, 0};
	struct found got;
	struct ogc_pos start = {10, 3};
	size_t c;
	size_t at;
	size_t n;

	(void)state;
	ogc_body_scan_init(&scan, start);
	ogc_body_scan_feed(&scan, body, sizeof(body) - 1, true, collect, &want);
	assert_string_equal(want.text, "11:13 og:title;12:1 twitter:card;"
		"12:94 og:image;13:29 og:url;");
	for (c = 0; c < sizeof(chunks) / sizeof(*chunks); c++) {
		memset(&got, 0, sizeof(got));
		ogc_body_scan_init(&scan, start);
		for (at = 0; at < sizeof(body) - 1; at += n) {
			n = sizeof(body) - 1 - at;
			n = n < chunks[c] ? n : chunks[c];
			ogc_body_scan_feed(&scan, body + at, n,
				at + n == sizeof(body) - 1, collect, &got);
		}
		assert_string_equal(got.text, want.text);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dashes),
		cmocka_unit_test(test_fenced),
		cmocka_unit_test(test_bom_and_crlf),
		cmocka_unit_test(test_none_and_empty),
		cmocka_unit_test(test_unclosed),
		cmocka_unit_test(test_too_large_stops_reading),
		cmocka_unit_test(test_limit_whatever_the_reads),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_long_first_line_decided_early),
		cmocka_unit_test(test_chunking_does_not_matter),
		cmocka_unit_test(test_body_scan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
