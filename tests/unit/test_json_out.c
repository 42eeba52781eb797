/* test_json_out.c: the streamed JSON writers against cJSON's printing. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "ogcheck.h"
#include "render/json_out.h"
#include "render/render.h"
#include "report/report.h"

/*
 * The writers print each finding themselves, no longer through a cJSON
 * tree: the bytes must stay those cJSON printed (the goldens hold them
 * for ordinary text). These texts hold every byte from 1 to 255, quotes,
 * backslashes and UTF-8.
 */
static const char *
every_byte(void)
{
	static char s[300];
	size_t i;

	for (i = 1; i < 256; i++) {
		s[i - 1] = (char)i;
	}
	s[255] = '\0';
	return s;
}

static const char *const texts[] = {
	"plain",
	"",
	"quote \" backslash \\ slash / tab \t newline \n cr \r",
	"\b\f\x01\x1f\x7f caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80",
	"\\u0041 \\\"",
	NULL, /* every_byte() */
};

/* What cJSON prints for the diagnostic, compact. */
static char *
cjson_line(const struct ogc_diag *d)
{
	cJSON *o = cJSON_CreateObject();
	char *text;

	assert_non_null(o);
	cJSON_AddStringToObject(o, "file", d->file);
	cJSON_AddNumberToObject(o, "line", d->pos.line);
	cJSON_AddNumberToObject(o, "column", d->pos.column);
	cJSON_AddStringToObject(o, "severity", ogc_severity_name(d->severity));
	cJSON_AddStringToObject(o, "rule", d->rule);
	if (d->field != NULL) {
		cJSON_AddStringToObject(o, "field", d->field);
	}
	if (d->value != NULL) {
		cJSON_AddStringToObject(o, "value", d->value);
	}
	cJSON_AddStringToObject(o, "message", d->message);
	if (d->suppressed) {
		cJSON_AddBoolToObject(o, "suppressed", 1);
	}
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	assert_non_null(text);
	return text;
}

static char *
written(bool (*fn)(const struct ogc_diag *, FILE *), const struct ogc_diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_true(fn(d, f));
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* d's jsonl line is cJSON's print of it, then a newline. */
static void
same_as_cjson(const struct ogc_diag *d)
{
	char *want = cjson_line(d);
	char *got = written(ogc_diag_write_jsonl, d);

	assert_int_equal(got[strlen(got) - 1], '\n');
	got[strlen(got) - 1] = '\0';
	assert_string_equal(got, want);
	free(want);
	free(got);
}

static void
test_jsonl_as_cjson(void **state)
{
	struct ogc_report *report = ogc_report_create();
	struct ogc_diag draft;
	const char *text;
	size_t i;
	size_t n;

	(void)state;
	assert_non_null(report);
	for (i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		text = texts[i] != NULL ? texts[i] : every_byte();
		memset(&draft, 0, sizeof(draft));
		draft.file = text[0] != '\0' ? text : "page.md";
		draft.pos.line = (unsigned)(i * 1000000 + 1);
		draft.pos.column = (unsigned)i + 1;
		draft.severity = OGC_SEV_WARNING;
		draft.rule = "title-length";
		draft.field = i % 2 == 0 ? text : NULL;
		draft.value = i % 3 == 0 ? text : NULL;
		draft.message = text;
		draft.suppressed = i == 2;
		ogc_report_add(report, &draft, draft.value != NULL ?
			strlen(draft.value) : 0);
	}
	n = ogc_report_count(report);
	assert_int_equal(n, sizeof(texts) / sizeof(*texts));
	for (i = 0; i < n; i++) {
		same_as_cjson(ogc_report_get(report, i));
	}
	ogc_report_destroy(report);
}

/*
 * A text longer than the writers' buffers (4 KiB a jsonl line, 64 KiB the
 * report; a message is never cut), its escapes falling at every offset: every_byte() over and
 * over, with a run of plain bytes that grows by one each time.
 */
static char *
long_text(size_t len)
{
	char *s = malloc(len + 1);
	size_t plain = 0;
	size_t i = 0;
	size_t j;

	assert_non_null(s);
	while (i < len) {
		for (j = 0; j < plain && i < len; j++) {
			s[i++] = 'a' + (char)(j % 26);
		}
		for (j = 1; j < 256 && i < len; j++) {
			s[i++] = (char)j;
		}
		plain++;
	}
	s[len] = '\0';
	return s;
}

/* A finding of title-length, an error at page.md:1:1, and nothing else. */
static void
page_draft(struct ogc_diag *draft)
{
	memset(draft, 0, sizeof(*draft));
	draft->file = "page.md";
	draft->pos.line = 1;
	draft->pos.column = 1;
	draft->severity = OGC_SEV_ERROR;
	draft->rule = "title-length";
}

static void
test_jsonl_long(void **state)
{
	struct ogc_report *report = ogc_report_create();
	struct ogc_diag draft;
	char *text = long_text(200000);

	(void)state;
	assert_non_null(report);
	page_draft(&draft);
	draft.field = "title";
	draft.value = text + 100000; /* cut to OGC_MAX_VALUE bytes */
	draft.message = text;
	ogc_report_add(report, &draft, strlen(draft.value));
	same_as_cjson(ogc_report_get(report, 0));
	free(text);
	ogc_report_destroy(report);
}

/*
 * The json report, byte for byte, is what ogc_json_print() makes of the
 * tree it parses back to (cJSON's compact printing, laid out), long texts
 * and every byte included.
 */
static void
test_json_report_as_cjson(void **state)
{
	struct ogc_report *report = ogc_report_create();
	struct ogc_error err;
	struct ogc_diag draft;
	char *text = long_text(150000);
	char *buf = NULL;
	char *again = NULL;
	size_t len = 0;
	size_t again_len = 0;
	size_t i;
	FILE *f;

	(void)state;
	assert_non_null(report);
	for (i = 0; i < sizeof(texts) / sizeof(*texts) + 2; i++) {
		memset(&draft, 0, sizeof(draft));
		draft.file = i < 6 && texts[i] != NULL && texts[i][0] != '\0' ?
			texts[i] : every_byte();
		draft.pos.line = (unsigned)i * 4294967u + 1;
		draft.pos.column = (unsigned)i + 1;
		draft.severity = i % 2 == 0 ? OGC_SEV_ERROR : OGC_SEV_WARNING;
		draft.rule = "title-length";
		draft.field = i % 2 == 0 ? "og.title" : NULL;
		draft.value = i % 3 == 0 ? text + i * 1000 : NULL;
		draft.message = i < 6 && texts[i] != NULL ? texts[i] : text;
		draft.suppressed = i == 4;
		ogc_report_add(report, &draft, draft.value != NULL ?
			strlen(draft.value) : 0);
	}
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	memset(&err, 0, sizeof(err));
	assert_true(ogc_report_write_json(report, f, &err));
	assert_int_equal(fclose(f), 0);
	f = open_memstream(&again, &again_len);
	assert_non_null(f);
	assert_true(ogc_json_print(cJSON_Parse(buf), f, &err));
	assert_int_equal(fclose(f), 0);
	assert_int_equal(len, again_len);
	assert_memory_equal(buf, again, len);
	free(again);
	free(buf);
	free(text);
	ogc_report_destroy(report);
}

/* The json report parses back to the findings cJSON would print. */
static void
test_json_report_parses(void **state)
{
	struct ogc_report *report = ogc_report_create();
	struct ogc_error err;
	struct ogc_diag draft;
	cJSON *doc;
	cJSON *list;
	cJSON *item;
	cJSON *want;
	char *buf = NULL;
	char *line;
	size_t len = 0;
	size_t i;
	FILE *f;

	(void)state;
	assert_non_null(report);
	memset(&draft, 0, sizeof(draft));
	draft.file = every_byte();
	draft.pos.line = 3;
	draft.pos.column = 4;
	draft.severity = OGC_SEV_ERROR;
	draft.rule = "og-required";
	draft.field = "og.title";
	draft.message = texts[3];
	ogc_report_add(report, &draft, 0);
	draft.message = texts[2];
	ogc_report_add(report, &draft, 0);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	memset(&err, 0, sizeof(err));
	assert_true(ogc_report_write_json(report, f, &err));
	assert_int_equal(fclose(f), 0);
	doc = cJSON_Parse(buf);
	assert_non_null(doc);
	list = cJSON_GetObjectItemCaseSensitive(doc, "diagnostics");
	assert_int_equal(cJSON_GetArraySize(list), 2);
	for (i = 0; i < 2; i++) {
		item = cJSON_GetArrayItem(list, (int)i);
		line = cjson_line(ogc_report_get(report, i));
		want = cJSON_Parse(line);
		assert_true(cJSON_Compare(item, want, 1));
		cJSON_Delete(want);
		free(line);
	}
	/* indented by two spaces, members one per line */
	assert_non_null(strstr(buf, "\n  \"diagnostics\": [\n    {\n      "
		"\"file\": "));
	cJSON_Delete(doc);
	free(buf);
	ogc_report_destroy(report);
}

/*
 * `buf` (len bytes) is laid out as ogc_json_print() lays out the tree it
 * parses back to: cJSON's escapes, its number text and its member order
 * kept, indented by two spaces.
 */
static void
assert_as_cjson(const char *buf, size_t len)
{
	struct ogc_error err;
	char *again = NULL;
	size_t again_len = 0;
	FILE *f = open_memstream(&again, &again_len);

	assert_non_null(f);
	memset(&err, 0, sizeof(err));
	assert_true(ogc_json_print(cJSON_Parse(buf), f, &err));
	assert_int_equal(fclose(f), 0);
	assert_int_equal(len, again_len);
	assert_memory_equal(buf, again, len);
	free(again);
}

static char *
sarif_of(const struct ogc_report *report, const struct ogc_ruleset *rules,
	size_t *len)
{
	struct ogc_error err;
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	memset(&err, 0, sizeof(err));
	assert_true(ogc_report_write_sarif(report, rules, f, &err));
	assert_int_equal(fclose(f), 0);
	return buf;
}

static struct ogc_ruleset *
builtin_rules(void)
{
	struct ogc_error err;
	struct ogc_ruleset *rules;

	memset(&err, 0, sizeof(err));
	rules = ogc_ruleset_create(&err);
	assert_non_null(rules);
	assert_true(ogc_ruleset_load_builtin(rules, &err));
	return rules;
}

/*
 * No results (none found, or all of them baselined): the streamed list is
 * "[]", as cJSON prints an empty array, in the sarif, code climate and
 * json reports.
 */
static void
test_stream_no_results(void **state)
{
	struct ogc_ruleset *rules = builtin_rules();
	struct ogc_report *report = ogc_report_create();
	struct ogc_error err;
	struct ogc_diag draft;
	char *buf;
	size_t len;
	int round;
	FILE *f;

	(void)state;
	assert_non_null(report);
	for (round = 0; round < 2; round++) {
		buf = sarif_of(report, rules, &len);
		assert_as_cjson(buf, len);
		assert_non_null(strstr(buf, "\n      \"results\": []\n    }\n"
			"  ]\n}\n"));
		free(buf);
		buf = NULL;
		f = open_memstream(&buf, &len);
		assert_non_null(f);
		memset(&err, 0, sizeof(err));
		assert_true(ogc_report_write_codeclimate(report, f, &err));
		assert_int_equal(fclose(f), 0);
		assert_string_equal(buf, "[]\n");
		free(buf);
		buf = NULL;
		f = open_memstream(&buf, &len);
		assert_non_null(f);
		assert_true(ogc_report_write_json(report, f, &err));
		assert_int_equal(fclose(f), 0);
		assert_as_cjson(buf, len);
		assert_non_null(strstr(buf, "\"diagnostics\": []\n}\n"));
		free(buf);
		/* then a finding, baselined */
		page_draft(&draft);
		draft.message = "m";
		draft.baselined = true;
		ogc_report_add(report, &draft, 0);
	}
	ogc_report_destroy(report);
	ogc_ruleset_destroy(rules);
}

/*
 * The sarif report's results, written one at a time, are cJSON's text of
 * them: every optional member (end, suppressions, ruleIndex) present and
 * absent, every byte in messages and paths, a message longer than the
 * writer's buffer (64 KiB); and each rule's ruleIndex is its place in the
 * driver's list.
 */
static void
test_sarif_as_cjson(void **state)
{
	struct ogc_ruleset *rules = builtin_rules();
	struct ogc_report *report = ogc_report_create();
	struct ogc_rule_info info;
	struct ogc_diag draft;
	char *text = long_text(150000);
	const cJSON *results;
	const cJSON *r;
	const cJSON *region;
	cJSON *doc;
	char *buf;
	size_t nrules;
	size_t len;
	size_t i;

	(void)state;
	assert_non_null(report);
	for (nrules = 0; ogc_ruleset_info(rules, nrules, &info); nrules++) {
		memset(&draft, 0, sizeof(draft));
		draft.file = nrules % 2 == 0 ? "./content/a b,100%.md" :
			"/abs/caf\xc3\xa9.md";
		draft.pos.line = (unsigned)nrules * 4294967u + 1;
		draft.pos.column = (unsigned)nrules + 1;
		draft.end.line = nrules % 3 == 0 ? draft.pos.line : 0;
		draft.end.column = nrules % 3 == 0 ? 200 : 0;
		draft.severity = info.severity;
		draft.rule = info.id;
		draft.message = nrules < 6 && texts[nrules] != NULL ?
			texts[nrules] : every_byte();
		draft.suppressed = nrules % 4 == 1;
		ogc_report_add(report, &draft, 0);
	}
	assert_true(nrules > 10);
	memset(&draft, 0, sizeof(draft));
	draft.file = every_byte();
	draft.pos.line = 7;
	draft.pos.column = 9;
	draft.severity = OGC_SEV_WARNING;
	draft.rule = "no-such-rule";
	draft.message = text;
	draft.suppressed = true;
	ogc_report_add(report, &draft, 0);
	buf = sarif_of(report, rules, &len);
	assert_as_cjson(buf, len);
	doc = cJSON_Parse(buf);
	assert_non_null(doc);
	results = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(
		cJSON_GetObjectItemCaseSensitive(doc, "runs"), 0), "results");
	assert_int_equal(cJSON_GetArraySize(results), nrules + 1);
	for (i = 0; i < nrules; i++) {
		r = cJSON_GetArrayItem(results, (int)i);
		assert_int_equal(cJSON_GetObjectItemCaseSensitive(r,
			"ruleIndex")->valueint, i);
		region = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
			cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r,
			"locations"), 0), "physicalLocation"), "region");
		assert_int_equal(cJSON_HasObjectItem(region, "endLine"),
			i % 3 == 0);
		assert_int_equal(cJSON_HasObjectItem(r, "suppressions"),
			i % 4 == 1);
	}
	r = cJSON_GetArrayItem(results, (int)nrules);
	assert_false(cJSON_HasObjectItem(r, "ruleIndex"));
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(r, "message"), "text")->valuestring,
		text);
	assert_non_null(strstr(buf, "\"uri\": \"content/a%20b%2C100%25.md\""));
	assert_non_null(strstr(buf, "\"uri\": \"file:///abs/caf%C3%A9.md\""));
	cJSON_Delete(doc);
	free(buf);
	free(text);
	ogc_report_destroy(report);
	ogc_ruleset_destroy(rules);
}

/*
 * The code climate report, issue by issue, is cJSON's text of it, repeats
 * of a fingerprint numbered, long and escaped texts included.
 */
static void
test_codeclimate_as_cjson(void **state)
{
	struct ogc_report *report = ogc_report_create();
	struct ogc_error err;
	struct ogc_diag draft;
	char *text = long_text(100000);
	char *buf = NULL;
	size_t len = 0;
	size_t i;
	FILE *f;

	(void)state;
	assert_non_null(report);
	for (i = 0; i < 12; i++) {
		memset(&draft, 0, sizeof(draft));
		draft.file = i < 6 ? "./a/page \"1\".md" : every_byte();
		draft.pos.line = (unsigned)i / 3 + 1;
		draft.pos.column = 1;
		draft.severity = (enum ogc_severity)(i % 4);
		draft.rule = "title-length";
		draft.field = "title";
		draft.message = i == 5 ? text : i < 6 && texts[i] != NULL ?
			texts[i] : every_byte();
		draft.suppressed = i == 8;
		ogc_report_add(report, &draft, 0);
	}
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	memset(&err, 0, sizeof(err));
	assert_true(ogc_report_write_codeclimate(report, f, &err));
	assert_int_equal(fclose(f), 0);
	assert_as_cjson(buf, len);
	assert_non_null(strstr(buf, "\"path\": \"a/page \\\"1\\\".md\""));
	assert_non_null(strstr(buf, "-2\",\n"));
	free(buf);
	free(text);
	ogc_report_destroy(report);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonl_as_cjson),
		cmocka_unit_test(test_json_report_parses),
		cmocka_unit_test(test_jsonl_long),
		cmocka_unit_test(test_json_report_as_cjson),
		cmocka_unit_test(test_stream_no_results),
		cmocka_unit_test(test_sarif_as_cjson),
		cmocka_unit_test(test_codeclimate_as_cjson),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
