/* test_report.c: the report's sort (sorted runs merged), its shared strings. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "checks/check.h"
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

/* Adds a finding of file, rule, field with message "m" and value v. */
static void
add(struct ogc_report *report, const char *file, const char *rule,
	const char *field, const char *value, unsigned line)
{
	struct ogc_diag d;

	memset(&d, 0, sizeof(d));
	d.file = file;
	d.rule = rule;
	d.field = field;
	d.value = value;
	d.message = "m";
	d.expected = field != NULL ? "e" : NULL;
	d.severity = OGC_SEV_WARNING;
	d.pos.line = line;
	ogc_report_add(report, &d, value != NULL ? strlen(value) : 0);
}

/* Each distinct file name (escaped), rule and field is kept once. */
static void
test_interned(void **state)
{
	struct ogc_report *report = ogc_report_create();
	char file[16];
	const struct ogc_diag *a;
	const struct ogc_diag *b;
	size_t i;

	(void)state;
	assert_non_null(report);
	snprintf(file, sizeof(file), "a.md");
	add(report, file, "r1", "og:title", "v", 1);
	add(report, "a.md", "r2", "og:title", NULL, 2);
	add(report, "b\nc.md", "r1", NULL, "w", 1);
	/* the same buffer, another name: not taken for the last one */
	snprintf(file, sizeof(file), "b\nc.md");
	add(report, file, "r2", "og:url", "x", 2);
	add(report, "a.md", "r1", "og:url", "y", 3);
	/* many names, so that the table grows */
	for (i = 0; i < 500; i++) {
		snprintf(file, sizeof(file), "f%zu.md", i % 200);
		add(report, file, i % 2 ? "r1" : "r2", "og:title", "z", 1);
	}
	assert_int_equal(ogc_report_count(report), 505);
	a = ogc_report_get(report, 0);
	b = ogc_report_get(report, 1);
	assert_string_equal(a->file, "a.md");
	assert_ptr_equal(a->file, b->file);
	assert_ptr_equal(a->field, b->field);
	assert_ptr_not_equal(a->file, file);
	assert_ptr_not_equal(a->rule, b->rule);
	assert_ptr_equal(a->rule, ogc_report_get(report, 2)->rule);
	assert_ptr_equal(a->file, ogc_report_get(report, 4)->file);
	/* escaped, as reports show it */
	b = ogc_report_get(report, 2);
	assert_string_equal(b->file, "b\\nc.md");
	assert_null(b->field);
	assert_null(b->expected);
	assert_ptr_equal(b->file, ogc_report_get(report, 3)->file);
	assert_string_equal(ogc_report_get(report, 3)->field, "og:url");
	assert_ptr_equal(ogc_report_get(report, 3)->field,
		ogc_report_get(report, 4)->field);
	/* each finding's own strings stay its own */
	assert_string_equal(ogc_report_get(report, 3)->value, "x");
	assert_string_equal(ogc_report_get(report, 3)->expected, "e");
	assert_string_equal(ogc_report_get(report, 4)->value, "y");
	for (i = 5; i < 505; i++) {
		snprintf(file, sizeof(file), "f%zu.md", (i - 5) % 200);
		a = ogc_report_get(report, i);
		assert_string_equal(a->file, file);
		assert_string_equal(a->rule, (i - 5) % 2 ? "r1" : "r2");
		if (i >= 205) {
			assert_ptr_equal(a->file, ogc_report_get(report, i - 200)->file);
		}
	}
	ogc_report_destroy(report);
}

/* Fills a report for test_merge: files p0..p(n-1), two findings each. */
static struct ogc_report *
filled(const char *prefix, size_t n, const char *rule)
{
	struct ogc_report *report = ogc_report_create();
	char file[32];
	char value[32];
	size_t i;

	assert_non_null(report);
	for (i = 0; i < n; i++) {
		snprintf(file, sizeof(file), "%s%zu.md", prefix, i);
		snprintf(value, sizeof(value), "%s %zu", rule, i);
		add(report, file, rule, "og:title", value, 1);
		add(report, file, "shared", NULL, NULL, 2);
	}
	return report;
}

/*
 * A worker's report merged into the main one, the same file names and
 * others, the worker's destroyed first: the main one's findings and
 * those added after read right (ASan would tell a pointer into a freed
 * table).
 */
static void
test_merge(void **state)
{
	struct ogc_report *dst = filled("p", 40, "r-dst");
	struct ogc_report *src = filled("p", 30, "r-src");
	struct ogc_report *other = filled("q", 300, "r-other");
	struct ogc_report *empty = ogc_report_create();
	struct ogc_summary sum;
	const struct ogc_diag *d;
	size_t i;

	(void)state;
	assert_non_null(empty);
	/* a finding taken out and one made longer before the merge */
	ogc_report_remove(src, 0);
	ogc_report_append_message(src, 0, "; more");
	assert_true(ogc_report_merge(dst, src));
	assert_int_equal(ogc_report_count(src), 0);
	ogc_report_destroy(src);
	assert_true(ogc_report_merge(dst, other));
	ogc_report_destroy(other);
	assert_true(ogc_report_merge(dst, empty));
	assert_true(ogc_report_merge(empty, dst) && ogc_report_merge(dst, empty));
	ogc_report_destroy(empty);
	assert_int_equal(ogc_report_count(dst), 80 + 59 + 600);
	ogc_report_summary(dst, &sum);
	assert_int_equal(sum.warnings, 80 + 59 + 600);
	/* after the merge, the names come again */
	add(dst, "p3.md", "r-src", "og:title", "again", 9);
	add(dst, "q7.md", "r-other", "og:title", "again", 9);
	add(dst, "new.md", "r-new", "og:image", "again", 9);
	ogc_report_sort(dst);
	assert_int_equal(ogc_report_count(dst), 742);
	for (i = 0; i < ogc_report_count(dst); i++) {
		d = ogc_report_get(dst, i);
		assert_true(strlen(d->file) > 3);
		assert_true(strcmp(d->rule, "shared") == 0 ||
			strncmp(d->rule, "r-", 2) == 0);
		if (d->field != NULL) {
			assert_true(strncmp(d->field, "og:", 3) == 0);
			assert_true(strcmp(d->value, "again") == 0 ||
				strncmp(d->value, d->rule, strlen(d->rule)) == 0);
			assert_string_equal(d->expected, "e");
		}
	}
	d = ogc_report_get(dst, 0);
	assert_string_equal(d->file, "new.md");
	assert_string_equal(d->rule, "r-new");
	/* p0.md: dst's two, then src's second (its first was taken out) */
	d = ogc_report_get(dst, 1);
	assert_string_equal(d->file, "p0.md");
	assert_string_equal(d->rule, "r-dst");
	d = ogc_report_get(dst, 2);
	assert_string_equal(d->file, "p0.md");
	assert_string_equal(d->rule, "shared");
	assert_string_equal(d->message, "m");
	d = ogc_report_get(dst, 3);
	assert_string_equal(d->file, "p0.md");
	assert_string_equal(d->rule, "shared");
	assert_string_equal(d->message, "m; more");
	assert_null(d->value);
	assert_null(d->field);
	ogc_report_destroy(dst);
}

/* remove, append_message, release: the strings that stay are right. */
static void
test_remove_append(void **state)
{
	struct ogc_report *report = ogc_report_create();
	struct ogc_diag copy[2];
	const struct ogc_diag *d;

	(void)state;
	assert_non_null(report);
	add(report, "a.md", "r1", "og:title", "one", 1);
	add(report, "a.md", "r2", "og:url", "two", 2);
	add(report, "b.md", "r1", "og:title", "three", 3);
	ogc_report_append_message(report, 1, "; and more");
	d = ogc_report_get(report, 1);
	assert_string_equal(d->file, "a.md");
	assert_string_equal(d->rule, "r2");
	assert_string_equal(d->field, "og:url");
	assert_string_equal(d->message, "m; and more");
	assert_string_equal(d->value, "two");
	assert_string_equal(d->expected, "e");
	ogc_report_remove(report, 0);
	assert_int_equal(ogc_report_count(report), 2);
	d = ogc_report_get(report, 0);
	assert_string_equal(d->rule, "r2");
	assert_string_equal(d->message, "m; and more");
	/* the interned strings stay after the findings using them go */
	ogc_report_remove(report, 0);
	add(report, "a.md", "r2", NULL, NULL, 4);
	d = ogc_report_get(report, 1);
	assert_string_equal(d->file, "a.md");
	assert_string_equal(d->rule, "r2");
	assert_string_equal(d->message, "m");
	/* released: the caller frees the block, the report the rest */
	memcpy(copy, ogc_report_get(report, 0), sizeof(copy));
	ogc_report_release_from(report, 0);
	assert_int_equal(ogc_report_count(report), 0);
	assert_string_equal(copy[0].file, "b.md");
	assert_string_equal(copy[1].file, "a.md");
	assert_string_equal(copy[0].value, "three");
	ogc_diag_release(&copy[0]);
	ogc_diag_release(&copy[1]);
	assert_null(copy[0].message);
	add(report, "b.md", "r1", "og:title", "four", 5);
	add(report, "c.md", "r1", "og:title", "five", 6);
	/* forgotten while others stay: the table stays */
	ogc_report_forget_from(report, 1);
	assert_string_equal(ogc_report_get(report, 0)->file, "b.md");
	add(report, "b.md", "r2", NULL, NULL, 7);
	assert_ptr_equal(ogc_report_get(report, 0)->file,
		ogc_report_get(report, 1)->file);
	/* the report left empty empties its table; names come again */
	ogc_report_forget_from(report, 0);
	assert_int_equal(ogc_report_count(report), 0);
	add(report, "b.md", "r1", "og:title", "six", 8);
	add(report, "d.md", "r3", "og:url", "seven", 9);
	d = ogc_report_get(report, 0);
	assert_string_equal(d->file, "b.md");
	assert_string_equal(d->rule, "r1");
	assert_string_equal(d->field, "og:title");
	d = ogc_report_get(report, 1);
	assert_string_equal(d->file, "d.md");
	assert_string_equal(d->field, "og:url");
	ogc_report_destroy(report);
}

static void
emit_formatted(struct ogc_report *report, const struct ogc_rule *rule,
	const struct ogc_place *at, const char *fmt, ...) OGC_PRINTF(4, 5);

static void
emit_formatted(struct ogc_report *report, const struct ogc_rule *rule,
	const struct ogc_place *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ogc_emit_va(report, NULL, rule, at, fmt, ap);
	va_end(ap);
}

/* A title-duplicate warning at a.md, `line`:`column`, of no field yet. */
static void
duplicate_at(struct ogc_rule *rule, struct ogc_place *at, unsigned line,
	unsigned column)
{
	memset(rule, 0, sizeof(*rule));
	rule->id = "title-duplicate";
	rule->severity = OGC_SEV_WARNING;
	memset(at, 0, sizeof(*at));
	at->file = "a.md";
	at->pos.line = line;
	at->pos.column = column;
}

/*
 * A message made already (ogc_emit_text()) is added as the same text
 * formatted (ogc_emit_va()) is: whole when it fits, else cut on a
 * character boundary with "…"; nothing for a rule that is off.
 */
static void
test_emit_text(void **state)
{
	struct ogc_report *report = ogc_report_create();
	struct ogc_rule rule;
	struct ogc_place at;
	char long_text[3000];
	const char *texts[] = {"short", long_text};
	const struct ogc_diag *a;
	const struct ogc_diag *b;
	size_t i;

	(void)state;
	assert_non_null(report);
	duplicate_at(&rule, &at, 1, 1);
	/* two-byte characters after one byte: a cut inside one is wrong */
	long_text[0] = 'x';
	for (i = 1; i + 2 < sizeof(long_text); i += 2) {
		memcpy(long_text + i, "\xc3\xa9", 2);
	}
	long_text[i] = '\0';
	for (i = 0; i < 2; i++) {
		ogc_emit_text(report, NULL, &rule, &at, texts[i]);
		emit_formatted(report, &rule, &at, "%s", texts[i]);
		a = ogc_report_get(report, 2 * i);
		b = ogc_report_get(report, 2 * i + 1);
		assert_string_equal(a->message, b->message);
	}
	assert_string_equal(ogc_report_get(report, 0)->message, "short");
	a = ogc_report_get(report, 2);
	assert_true(strlen(a->message) < 1024);
	assert_string_equal(a->message + strlen(a->message) - 3,
		"\xe2\x80\xa6");
	assert_int_equal(ogc_utf8_cut(a->message, strlen(a->message) - 3,
		strlen(a->message) - 3), strlen(a->message) - 3);
	rule.severity = OGC_SEV_OFF;
	ogc_emit_text(report, NULL, &rule, &at, "off");
	assert_int_equal(ogc_report_count(report), 4);
	ogc_report_destroy(report);
}

/*
 * A finding about pages together is fingerprinted by its file, rule and
 * field, not by its message (which names its group); any other finding
 * without a value by its message too.
 */
static void
test_fingerprint_grouped(void **state)
{
	struct ogc_report *report = ogc_report_create();
	const char *messages[] = {
		"the same title is on 2 pages (also b.md)",
		"the same title is on 3 pages (also b.md, c.md)",
	};
	char fp[4][17];
	struct ogc_rule rule;
	struct ogc_place at;
	size_t i;

	(void)state;
	assert_non_null(report);
	duplicate_at(&rule, &at, 2, 8);
	at.field = "title";
	for (i = 0; i < 4; i++) {
		at.grouped = i < 2;
		ogc_emit_text(report, NULL, &rule, &at, messages[i % 2]);
		assert_int_equal(ogc_report_get(report, i)->grouped, i < 2);
		ogc_diag_fingerprint(ogc_report_get(report, i), fp[i]);
	}
	assert_string_equal(fp[0], fp[1]);
	assert_string_not_equal(fp[2], fp[3]);
	assert_string_not_equal(fp[0], fp[2]);
	/* another field of the page is another finding */
	at.field = "og:title";
	at.grouped = true;
	ogc_emit_text(report, NULL, &rule, &at, messages[0]);
	ogc_diag_fingerprint(ogc_report_get(report, 4), fp[2]);
	assert_string_not_equal(fp[0], fp[2]);
	ogc_report_destroy(report);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_runs),
		cmocka_unit_test(test_interned),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_emit_text),
		cmocka_unit_test(test_fingerprint_grouped),
		cmocka_unit_test(test_remove_append),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
