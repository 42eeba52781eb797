/* test_text.c: code points, grapheme clusters and columns (util/text.c),
 * and UAX #29's own conformance test for the clusters. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static const char *test_file; /* GraphemeBreakTest.txt, from argv */

static struct ogc_text_size
measure(const char *s)
{
	struct ogc_text_size size;

	ogc_text_measure(s, strlen(s), &size);
	return size;
}

static void
test_ascii(void **state)
{
	struct ogc_text_size n = measure("Harbour ferries");

	(void)state;
	assert_int_equal(n.code_points, 15);
	assert_int_equal(n.graphemes, 15);
	assert_int_equal(n.columns, 15);
	assert_int_equal(n.wide, 0);
}

/*
 * A byte that is no printable ASCII anywhere in a run of it (the run is
 * tested 8 bytes at a time): DEL and a control are clusters of no
 * column, a byte of UTF-8 and one of no UTF-8 a character each.
 */
static void
test_ascii_runs(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;   /* of bytes */
		size_t cps;   /* code points it adds */
		size_t cols;  /* columns it adds */
	} odd[] = {
		{"\x7f", 1, 1, 0}, {"\x1f", 1, 1, 0}, {"\t", 1, 1, 0},
		{"\xc3\xa9", 2, 1, 1}, {"\xff", 1, 1, 1}, {"\x80", 1, 1, 1},
	};
	struct ogc_text_size n;
	char text[64];
	size_t len;
	size_t at;
	size_t k;

	(void)state;
	for (len = 0; len < 40; len++) {
		memset(text, 'a', len);
		ogc_text_measure(text, len, &n);
		assert_int_equal(n.code_points, len);
		assert_int_equal(n.columns, len);
		assert_int_equal(n.graphemes, len);
		for (at = 0; at < len; at++) {
			for (k = 0; k < sizeof(odd) / sizeof(*odd); k++) {
				memset(text, 'a', len + 1);
				memcpy(text + at, odd[k].bytes, odd[k].len);
				ogc_text_measure(text, len + odd[k].len - 1, &n);
				assert_int_equal(n.code_points, len - 1 + odd[k].cps);
				assert_int_equal(n.columns, len - 1 + odd[k].cols);
				assert_int_equal(n.wide, 0);
			}
		}
	}
}

static void
test_wide(void **state)
{
	/* 7 Japanese characters, all East Asian Wide */
	struct ogc_text_size n = measure("\xe6\x96\xb0\xe3\x81\x97\xe3\x81\x84"
		"\xe3\x83\x95\xe3\x82\xa7\xe3\x83\xaa\xe3\x83\xbc");

	(void)state;
	assert_int_equal(n.code_points, 7);
	assert_int_equal(n.graphemes, 7);
	assert_int_equal(n.columns, 14);
	assert_int_equal(n.wide, 7);
}

static void
test_emoji_and_flags(void **state)
{
	/* man ZWJ woman ZWJ girl ZWJ boy: one cluster, two columns */
	struct ogc_text_size family = measure("\xf0\x9f\x91\xa8\xe2\x80\x8d"
		"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7\xe2\x80\x8d"
		"\xf0\x9f\x91\xa6");
	/* two flags (four regional indicators) */
	struct ogc_text_size flags = measure("\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"
		"\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5");
	/* a heart with VS16 (emoji style) */
	struct ogc_text_size heart = measure("\xe2\x9d\xa4\xef\xb8\x8f");

	(void)state;
	assert_int_equal(family.code_points, 7);
	assert_int_equal(family.graphemes, 1);
	assert_int_equal(family.columns, 2);
	assert_int_equal(flags.graphemes, 2);
	assert_int_equal(flags.columns, 4);
	assert_int_equal(heart.graphemes, 1);
	assert_int_equal(heart.columns, 2);
}

static void
test_combining_and_ambiguous(void **state)
{
	/* e + COMBINING ACUTE; curly quotes are ambiguous: one column */
	struct ogc_text_size e = measure("e\xcc\x81");
	struct ogc_text_size q = measure("\xe2\x80\x9cHi\xe2\x80\x9d");
	struct ogc_text_size bad = measure("a\xffz");

	(void)state;
	assert_int_equal(e.code_points, 2);
	assert_int_equal(e.graphemes, 1);
	assert_int_equal(e.columns, 1);
	assert_int_equal(q.columns, 4);
	assert_int_equal(bad.code_points, 3);
	assert_int_equal(bad.columns, 3);
}

/* Arial's advance widths (Liberation Sans has the same metrics). */
static void
test_pixels(void **state)
{
	(void)state;
	/* W is 1933 units of 2048, i 455: at a 2048 px size, those pixels */
	assert_true(ogc_text_pixels("Wi", 2, 2048.0) == 2388.0);
	assert_true(ogc_text_pixels(" ", 1, 2048.0) == 569.0);
	/* a wide character is one em; a combining mark adds nothing */
	assert_true(ogc_text_pixels("\xe6\x97\xa5", 3, 20.0) == 20.0);
	assert_true(ogc_text_pixels("e\xcc\x81", 3, 2048.0) ==
		ogc_text_pixels("e", 1, 2048.0));
}

static const char *
render(const char *s, bool markdown)
{
	static char out[256];

	ogc_text_render(s, strlen(s), markdown, out, sizeof(out));
	return out;
}

static void
test_render(void **state)
{
	(void)state;
	/* jekyll-seo-tag's example: markdownify, then strip_html */
	assert_string_equal(render("*Fries* **with** _that:_", true),
		"Fries with that:");
	assert_string_equal(render("a [link](https://x.org/) and `code`",
		true), "a link and code");
	assert_string_equal(render("<em>Bold</em> move", true), "Bold move");
	assert_string_equal(render("snake_case_name stays", true),
		"snake_case_name stays");
	assert_string_equal(render("Fish &amp; chips &#8217; &#x2019; &mdash;",
		false), "Fish & chips \xe2\x80\x99 \xe2\x80\x99 \xe2\x80\x94");
	assert_string_equal(render("AT&T &bogus; & more", false),
		"AT&T &bogus; & more");
	assert_string_equal(render("*not markdown*", false), "*not markdown*");
}

/* Every line of GraphemeBreakTest.txt: as many clusters as it says. */
static void
test_uax29_conformance(void **state)
{
	char line[4096];
	char text[1024];
	struct ogc_text_size size;
	unsigned long cp;
	size_t len;
	size_t want;
	size_t lines = 0;
	char *p;
	char *end;
	FILE *f;

	(void)state;
	f = fopen(test_file, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#' || line[0] == '\n') {
			continue;
		}
		len = 0;
		want = 0;
		for (p = line; *p != '\0' && *p != '#'; ) {
			if (strncmp(p, "\xc3\xb7", 2) == 0) { /* ÷: a break */
				want++;
				p += 2;
			} else if (strncmp(p, "\xc3\x97", 2) == 0) { /* ×: none */
				p += 2;
			} else if (*p == ' ' || *p == '\t') {
				p++;
			} else {
				cp = strtoul(p, &end, 16);
				assert_true(end > p);
				p = end;
				/* UTF-8 of cp, which the test names in hex */
				if (cp < 0x80) {
					text[len++] = (char)cp;
				} else if (cp < 0x800) {
					text[len++] = (char)(0xc0 | (cp >> 6));
					text[len++] = (char)(0x80 | (cp & 0x3f));
				} else if (cp < 0x10000) {
					text[len++] = (char)(0xe0 | (cp >> 12));
					text[len++] = (char)(0x80 | ((cp >> 6) & 0x3f));
					text[len++] = (char)(0x80 | (cp & 0x3f));
				} else {
					text[len++] = (char)(0xf0 | (cp >> 18));
					text[len++] = (char)(0x80 | ((cp >> 12) & 0x3f));
					text[len++] = (char)(0x80 | ((cp >> 6) & 0x3f));
					text[len++] = (char)(0x80 | (cp & 0x3f));
				}
			}
		}
		if (len == 0) {
			continue;
		}
		ogc_text_measure(text, len, &size);
		/* a break before the first and after the last: want - 1 */
		if (size.graphemes != want - 1) {
			fclose(f);
			fail_msg("%zu clusters, not %zu: %s", size.graphemes,
				want - 1, line);
		}
		lines++;
	}
	fclose(f);
	assert_true(lines > 500);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_ascii_runs),
		cmocka_unit_test(test_wide),
		cmocka_unit_test(test_emoji_and_flags),
		cmocka_unit_test(test_combining_and_ambiguous),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_pixels),
		cmocka_unit_test(test_uax29_conformance),
	};

	if (argc != 2) {
		fprintf(stderr, "usage: test_text GraphemeBreakTest.txt\n");
		return 2;
	}
	test_file = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
