/* test_xp_sort.c: the cross-page stage's sort against qsort(). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cross/cross_parts.h"

/* Items as the stage sorts them: a key, and the page as the tie-break. */
struct item {
	uint32_t key;
	uint32_t page;
};

static size_t compares;

static int
compare(const void *a, const void *b)
{
	const struct item *x = a;
	const struct item *y = b;

	compares++;
	if (x->key != y->key) {
		return x->key < y->key ? -1 : 1;
	}
	return x->page < y->page ? -1 : x->page > y->page;
}

/* A small deterministic generator (no libc rand state shared). */
static uint32_t
next(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return (uint32_t)(*s >> 33);
}

/*
 * n items in `runs` runs in order (each run's keys ascending, the runs
 * interleaved in range as two workers' pages are), sorted by
 * ogc_xp_sort(), by qsort() and, the runs told, ogc_merge_known_runs():
 * the same order.
 */
static size_t
check(size_t n, size_t runs, uint32_t spread, uint64_t seed)
{
	struct item *a = malloc((n + 1) * sizeof(*a));
	struct item *b = malloc((n + 1) * sizeof(*b));
	struct item *c = malloc((n + 1) * sizeof(*c));
	size_t per = runs > 0 ? (n + runs - 1) / runs : n;
	size_t len[OGC_MERGE_RUNS];
	uint32_t key = 0;
	size_t used;
	size_t i;
	size_t k = 0;
	size_t passes;

	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	for (i = 0; i < n; i++) {
		if (per > 0 && i % per == 0) {
			key = next(&seed) % 16; /* each run starts low */
		}
		key += runs > 0 ? next(&seed) % spread : 0;
		a[i].key = runs > 0 ? key : next(&seed) % spread;
		a[i].page = (uint32_t)i;
	}
	memcpy(b, a, n * sizeof(*a));
	memcpy(c, a, n * sizeof(*a));
	compares = 0;
	ogc_xp_sort(a, n, sizeof(*a), compare);
	used = compares;
	qsort(b, n, sizeof(*b), compare);
	assert_memory_equal(a, b, n * sizeof(*a));
	/* told where the runs are, merged with no comparison to find them:
	   at most one an item in each pass of merges two and two */
	for (i = 0, k = 0; runs > 0 && runs <= OGC_MERGE_RUNS && i < n;
		i += per) {
		len[k++] = n - i < per ? n - i : per;
	}
	for (i = 1, passes = 0; i < k; i *= 2) {
		passes++;
	}
	if (k > 0) {
		compares = 0;
		assert_true(ogc_merge_known_runs(c, sizeof(*c), len, k,
			compare));
		/* (and a binary search for each part cut to fit the room,
		   OGC_MERGE_ROOM: runs of 2,048 items of 8 bytes and more) */
		assert_true(compares <= n * passes + n / 32);
		assert_memory_equal(c, b, n * sizeof(*c));
	}
	free(a);
	free(b);
	free(c);
	return used;
}

static void
test_runs_merged(void **state)
{
	size_t n;
	size_t runs;
	size_t used;

	(void)state;
	for (n = 0; n < 70; n++) {
		for (runs = 1; runs <= 5; runs++) {
			check(n, runs, 3, n * 7 + runs);
		}
	}
	/* two workers' 10,000 pages each: a comparison or two a page, not
	   the 30 or so of a heapsort */
	check(20000, 2, 5, 1);
	used = check(20000, 2, 5, 1);
	assert_true(used <= 2 * 20000 + 2 + 20000 / 32); /* as check() */
	check(20000, 64, 5, 2);
	check(20000, 7, 1, 3); /* many equal keys */
}

/* Items the size of a finding, ordered by their key alone. */
struct big {
	uint32_t key;
	uint32_t seq;
	char pad[72];
};

static int
compare_big(const void *a, const void *b)
{
	const struct big *x = a;
	const struct big *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/*
 * Two runs longer than OGC_MERGE_ROOM holds, many keys equal: merged in
 * parts swapped in place, stably (equals in the order they came: seq
 * ascending), whichever run is the longer.
 */
static void
test_merged_in_parts(void **state)
{
	static const size_t lens[][2] = {
		{16000, 3930}, {3930, 16000}, {5000, 5000}, {1, 9000},
		{9000, 1}, {205, 205}, {204, 10000},
	};
	struct big *a;
	size_t n;
	size_t t;
	size_t i;
	uint64_t seed = 11;

	(void)state;
	assert_true(OGC_MERGE_ROOM / sizeof(struct big) < 205);
	for (t = 0; t < sizeof(lens) / sizeof(*lens); t++) {
		n = lens[t][0] + lens[t][1];
		a = calloc(n, sizeof(*a));
		assert_non_null(a);
		for (i = 0; i < n; i++) {
			/* each run ascending from 0, 300 keys in all */
			a[i].key = (i == 0 || i == lens[t][0]) ? 0 :
				a[i - 1].key + (next(&seed) % 50 == 0);
			a[i].seq = (uint32_t)i;
		}
		assert_true(ogc_merge_known_runs(a, sizeof(*a), lens[t], 2,
			compare_big));
		for (i = 1; i < n; i++) {
			assert_true(a[i - 1].key < a[i].key ||
				(a[i - 1].key == a[i].key && a[i - 1].seq < a[i].seq));
		}
		free(a);
	}
}

/* Not a few runs (65 and more, or no order at all): heapsorted. */
static void
test_shuffled(void **state)
{
	(void)state;
	check(20000, 0, 1000, 4);
	check(20000, 0, 2, 5);
	check(3000, 65, 5, 6);
	check(1, 0, 5, 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runs_merged),
		cmocka_unit_test(test_merged_in_parts),
		cmocka_unit_test(test_shuffled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
