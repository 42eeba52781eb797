/* test_cross.c: the cross-page index: packed names, the pages kept. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cross/cross_parts.h"

/* A small random number (xorshift), the same on every run. */
static uint32_t
next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* The name read back from `rest` as packed (or as text). */
static void
unpack(const char *folder, const void *rest, bool packed, char *out,
	size_t size)
{
	struct ogc_xp_name_reader r;
	size_t n = 0;

	ogc_xp_name_start(&r, folder, rest, packed);
	do {
		assert_true(n < size);
		out[n] = (char)ogc_xp_name_next(&r);
	} while (out[n++] != '\0');
	/* and it stays ended */
	assert_int_equal(ogc_xp_name_next(&r), 0);
}

/* s packed and read back is s; its size is what was asked. */
static void
round_trip(const char *s)
{
	unsigned char packed[512];
	char back[512];
	size_t size = ogc_xp_name_packed_size(s);

	if (size == 0) {
		return; /* kept as text */
	}
	assert_true(size < strlen(s) + 1);
	memset(packed, 0xff, sizeof(packed));
	ogc_xp_name_pack(s, packed);
	unpack(NULL, packed, true, back, sizeof(back));
	assert_string_equal(back, s);
	unpack("content/posts/", packed, true, back, sizeof(back));
	assert_true(strncmp(back, "content/posts/", 14) == 0);
	assert_string_equal(back + 14, s);
}

static void
test_names_packed(void **state)
{
	static const char *const names[] = {
		"a-bridge-school-16900.md", "index.html", "post_1.md", "0",
		"2024-01-01-new-year.markdown", "README.md", "Über.md",
		"x", "", "a..b", "9999999999999999999.md", "page2",
		"zz~tilde+plus%20.md", "ABC", "éèê.md",
	};
	const char alphabet[] = "abcz-._0189AZ/~ \x7f\xc3\xa9";
	char s[300];
	uint32_t seed = 1;
	size_t len;
	size_t i;
	size_t k;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		round_trip(names[i]);
	}
	/* a name of the usual letters is packed in fewer bytes */
	assert_int_equal(ogc_xp_name_packed_size("a-bridge-school-16900.md"),
		17);
	assert_int_equal(ogc_xp_name_packed_size("ABC"), 0);
	for (k = 0; k < 5000; k++) {
		len = next(&seed) % 200;
		for (i = 0; i < len; i++) {
			s[i] = alphabet[next(&seed) % (sizeof(alphabet) - 1)];
		}
		s[len] = '\0';
		round_trip(s);
	}
}

/* The pages of an index come back with their names, in name order. */
static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
noop_limits(const void *rules, double *share, size_t *pages)
{
	(void)rules;
	*share = 0.5;
	*pages = 10;
}

static void
test_index_names(void **state)
{
	static const char *const words[] = {"a", "b-c", "D", "post", "_x",
		"9", "é", "page-2", "z.md", ".md", "01"};
	struct ogc_xp_index *index = ogc_xp_index_create();
	struct ogc_xp_finding *found = NULL;
	struct ogc_xp_page page;
	char *names[400];
	char *name;
	char s[200];
	uint32_t seed = 7;
	size_t count = 0;
	size_t len;
	size_t n;
	size_t i;

	(void)state;
	assert_non_null(index);
	for (n = 0; n < 400; n++) {
		len = 0;
		s[0] = '\0';
		for (i = next(&seed) % 5 + 1; i > 0; i--) {
			len += (size_t)snprintf(s + len, sizeof(s) - len, "%s%s",
				words[next(&seed) % 11], next(&seed) % 4 == 0 ? "/" :
				"");
		}
		names[n] = strdup(s);
		assert_non_null(names[n]);
		memset(&page, 0, sizeof(page));
		page.hash[OGC_XP_TITLE] = n + 1;
		assert_true(ogc_xp_index_add(index, &page, s, NULL, 1, 1,
			names, NULL));
	}
	assert_true(ogc_xp_run(index, noop_limits, &found, &count));
	free(found);
	qsort(names, 400, sizeof(*names), compare_strings);
	for (n = 0; n < 400; n++) {
		name = ogc_xp_page_name(index, n);
		assert_non_null(name);
		assert_string_equal(name, names[n]);
		free(name);
		free(names[n]);
	}
	ogc_xp_index_destroy(index);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_packed),
		cmocka_unit_test(test_index_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
