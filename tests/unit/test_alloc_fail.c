/* test_alloc_fail.c: each allocation of the report, the trees and the rule
 * loader fails in turn, and the library stays safe (pkgconf's way). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "checks/check.h"
#include "checks/date.h"
#include "render/render.h"
#include "rules/rules.h"
#include "run/run.h"
#include "store/store.h"

/*
 * The test executable is linked with -Wl,--wrap=malloc (and calloc,
 * realloc, strdup): every call the core library makes goes through the
 * wrappers below, which fail the `fail_at`th call after arm(). libyaml,
 * cJSON and gumbo allocate on their own and are not counted.
 */
void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);

static unsigned long fail_at; /* 0: no failure armed */
static unsigned long calls;   /* allocations since arm() */
static bool failed_once;      /* the armed failure happened */

static void
arm(unsigned long n)
{
	fail_at = n;
	calls = 0;
	failed_once = false;
}

static bool
should_fail(void)
{
	if (fail_at == 0) {
		return false;
	}
	if (++calls == fail_at) {
		failed_once = true;
		return true;
	}
	return false;
}

void *
__wrap_malloc(size_t size)
{
	return should_fail() ? NULL : __real_malloc(size);
}

void *
__wrap_calloc(size_t count, size_t size)
{
	return should_fail() ? NULL : __real_calloc(count, size);
}

void *
__wrap_realloc(void *p, size_t size)
{
	return should_fail() ? NULL : __real_realloc(p, size);
}

char *
__wrap_strdup(const char *s)
{
	return should_fail() ? NULL : __real_strdup(s);
}

/* Runs `scenario` with the 1st, 2nd, ... allocation failing, until a run
 * makes fewer allocations than the one that was to fail. */
static void
each_failure(void (*scenario)(void), unsigned long at_least)
{
	unsigned long n;
	bool failed;

	for (n = 1;; n++) {
		arm(n);
		scenario();
		failed = failed_once;
		arm(0);
		if (!failed) {
			break;
		}
	}
	/* the scenario allocated as much as it should: the hook works */
	assert_true(n > at_least);
}

/*
 * The reports that count and gather (markdown, --statistics): written
 * whole, or out of memory said, and nothing leaked either way.
 */
static void
write_summaries(const struct ogc_report *report)
{
	struct ogc_text_style style = {false, OGC_SEV_OFF, true};
	struct ogc_error err;
	FILE *out = fopen("/dev/null", "w");

	if (out == NULL) {
		return;
	}
	memset(&err, 0, sizeof(err));
	if (!ogc_report_write(report, NULL, OGC_FORMAT_MARKDOWN, NULL, out,
		&err)) {
		assert_int_equal(err.status, OGC_ERR_NOMEM);
	}
	memset(&err, 0, sizeof(err));
	if (!ogc_report_write_text_styled(report, NULL, &style, out, &err)) {
		assert_int_equal(err.status, OGC_ERR_NOMEM);
	}
	fclose(out);
}

/* 300 findings: past the first growth (64), the second and the third. */
static void
report_scenario(void)
{
	struct ogc_report *report = ogc_report_create();
	struct ogc_diag draft;
	const struct ogc_diag *d;
	char value[32];
	size_t count;
	size_t i;

	if (report == NULL) {
		return;
	}
	memset(&draft, 0, sizeof(draft));
	draft.file = "content/post.md";
	draft.rule = "title-length";
	draft.field = "title";
	draft.message = "title is too long";
	draft.expected = "at most 60 characters";
	draft.severity = OGC_SEV_WARNING;
	for (i = 0; i < 300; i++) {
		snprintf(value, sizeof(value), "value %zu", i);
		draft.value = value;
		draft.pos.line = (unsigned)(300 - i);
		draft.pos.column = 1;
		/* after a failed add the next one must not write past the
		   buffer (ASan watches) */
		ogc_report_add(report, &draft, strlen(value));
	}
	count = ogc_report_count(report);
	if (ogc_report_failed(report)) {
		assert_true(count < 300);
	} else {
		assert_int_equal(count, 300);
	}
	ogc_report_sort(report);
	for (i = 0; i < count; i++) {
		d = ogc_report_get(report, i);
		assert_non_null(d);
		assert_string_equal(d->rule, "title-length");
		assert_memory_equal(d->value, "value ", 6);
	}
	write_summaries(report);
	ogc_report_destroy(report);
}

static void
test_report(void **state)
{
	(void)state;
	each_failure(report_scenario, 3);
}

static const char yaml_text[] =
	"title: A post\n"
	"og:\n"
	"  title: &t A post\n"
	"  image: [https://x.org/a.png, https://x.org/b.png]\n"
	"  copy: *t\n"
	"tags: {a: 1, b: 2}\n"
	"title: again\n";

static const char toml_text[] =
	"title = \"A post\"\n"
	"tags = [\"a\", \"b\"]\n"
	"[og]\n"
	"title = 'A post'\n"
	"image = \"https://x.org/a.png\"\n"
	"[[og.images]]\n"
	"url = \"https://x.org/b.png\"\n";

static const char json_text[] =
	"{\"title\": \"A post\", \"og\": {\"title\": \"A \\u00e9\", "
	"\"image\": [\"https://x.org/a.png\", 1.50, true, null]}, "
	"\"title\": \"again\"}";

static const char html_text[] =
	"<!doctype html><html lang=en><head><title>A post</title>"
	"<meta property=og:title content=\"A post\">"
	"<meta property=og:image content=https://x.org/a.png>"
	"<meta property=og:image:width content=1200>"
	"<meta property=og:title content=again>"
	"<link rel=canonical href=https://x.org/a/>"
	"<link rel=canonical href=https://x.org/b/></head>";

/* A tree is NULL (out of memory) or whole enough to walk and free. */
static void
walk_tree(const struct ogc_node *node)
{
	for (; node != NULL; node = node->next) {
		if (node->kind == OGC_NODE_SCALAR) {
			assert_non_null(node->text);
			assert_int_equal(strlen(node->text), node->len);
		}
		walk_tree(node->child);
	}
}

static void
check_doc(struct ogc_doc *doc)
{
	if (doc != NULL) {
		walk_tree(doc->root);
		ogc_doc_destroy(doc);
	}
}

static void
tree_scenario(void)
{
	check_doc(ogc_doc_parse(yaml_text, strlen(yaml_text), 2));
	check_doc(ogc_toml_parse(toml_text, strlen(toml_text), 2));
	check_doc(ogc_json_parse(json_text, strlen(json_text), 1));
	check_doc(ogc_html_parse(html_text, strlen(html_text)));
}

static void
test_trees(void **state)
{
	(void)state;
	each_failure(tree_scenario, 8);
}

static const char rules_text[] =
	"rules:\n"
	"  - id: title-length\n"
	"    max: 50\n"
	"  - id: house-style\n"
	"    severity: warning\n"
	"    check: pattern\n"
	"    fields: [title, og.title]\n"
	"    pattern: '[A-Z].*'\n"
	"    when: {og.type: article, og.image: {present: true}}\n"
	"  - id: kinds\n"
	"    check: one-of\n"
	"    fields: [kind]\n"
	"    values: [post, page]\n";

/* The rules load, or fail with OGC_ERR_NOMEM and nothing else. */
static void
rules_scenario(void)
{
	struct ogc_error err;
	struct ogc_ruleset *rules;

	memset(&err, 0, sizeof(err));
	rules = ogc_ruleset_create(&err);
	if (rules == NULL) {
		assert_int_equal(err.status, OGC_ERR_NOMEM);
		return;
	}
	if (!ogc_ruleset_load_builtin(rules, &err) ||
		!ogc_ruleset_load_buffer(rules, "rules.yaml", rules_text,
		strlen(rules_text), &err)) {
		if (err.status != OGC_ERR_NOMEM) {
			fail_msg("allocation %lu: %s", fail_at, err.msg);
		}
	}
	ogc_ruleset_destroy(rules);
}

static void
test_rules(void **state)
{
	(void)state;
	each_failure(rules_scenario, 50);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_trees),
		cmocka_unit_test(test_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
