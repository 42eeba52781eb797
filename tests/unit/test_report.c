/* test_report.c: the report's sort, sorted runs merged as a sort of the whole would order them. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/report.h"

/* A small random number (xorshift), the same on every run. */
static uint32_t
next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* File, line, rule: as the report orders them. */
static int
compare(const void *pa, const void *pb)
{
	const struct ogc_diag *a = pa;
	const struct ogc_diag *b = pb;
	int c = strcmp(a->file, b->file);

	if (c == 0 && a->pos.line != b->pos.line) {
		c = a->pos.line < b->pos.line ? -1 : 1;
	}
	return c != 0 ? c : strcmp(a->rule, b->rule);
}

/* Adds `n` findings in `runs` sorted runs of random lengths, sorts. */
static void
check(uint32_t seed, size_t n, size_t runs)
{
	static const char *const rules[] = {"a", "b", "c"};
	struct ogc_report *report = ogc_report_create();
	struct ogc_diag *want = calloc(n + 1, sizeof(*want));
	char (*files)[16] = calloc(n + 1, sizeof(*files));
	struct ogc_diag d;
	size_t from = 0;
	size_t end;
	size_t r;
	size_t i;

	assert_non_null(report);
	assert_non_null(want);
	assert_non_null(files);
	for (i = 0; i < n; i++) {
		memset(&want[i], 0, sizeof(want[i]));
		snprintf(files[i], sizeof(files[i]), "f%u.md", next(&seed) % 40);
		want[i].file = files[i];
		want[i].pos.line = next(&seed) % 3 + 1;
		want[i].rule = rules[next(&seed) % 3];
		want[i].message = "m";
		want[i].severity = OGC_SEV_WARNING;
	}
	/* runs of random lengths, each sorted as a file's findings are */
	for (r = 0; r < runs && from < n; r++, from = end) {
		end = r + 1 == runs ? n : from + next(&seed) % (n - from + 1);
		qsort(want + from, end - from, sizeof(*want), compare);
	}
	for (i = 0; i < n; i++) {
		d = want[i];
		ogc_report_add(report, &d, 0);
	}
	qsort(want, n, sizeof(*want), compare);
	ogc_report_sort(report);
	assert_int_equal(ogc_report_count(report), n);
	for (i = 0; i < n; i++) {
		assert_string_equal(ogc_report_get(report, i)->file, want[i].file);
		assert_int_equal(ogc_report_get(report, i)->pos.line,
			want[i].pos.line);
		assert_string_equal(ogc_report_get(report, i)->rule, want[i].rule);
	}
	free(files);
	free(want);
	ogc_report_destroy(report);
}

static void
test_sort_runs(void **state)
{
	uint32_t seed;

	(void)state;
	for (seed = 1; seed < 200; seed++) {
		check(seed * 2654435761u | 1, seed % 50 + 1, seed % 9 + 1);
	}
	/* a long run and a short one after it (a worker's findings, then
	   those about pages together), and the other way round */
	check(7, 3000, 2);
	check(11, 1000, 3);
	/* more runs than are merged: sorted whole */
	check(13, 2000, 100);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
