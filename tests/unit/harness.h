/* harness.h: run rules over in-memory content through the public API. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_TEST_HARNESS_H
#define OGC_TEST_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "checks/check.h"
#include "checks/date.h"
#include "render/render.h"
#include "rules/rules.h"
#include "run/run.h"
#include "store/store.h"

/* One run: the rules, the report and any run-level error. */
struct run {
	struct ogc_ruleset *rules;
	struct ogc_report *report;
	struct ogc_error err;
	struct ogc_options options;
};

/*
 * Loads `rules_yaml` (over the built-in rules when `builtin`), checks
 * `content` as file "post.md" and sorts the report. Fails the test on a
 * run-level error.
 */
static inline void
run_content(struct run *r, bool builtin, const char *rules_yaml,
	const char *content)
{
	struct ogc_checker *checker;

	r->rules = ogc_ruleset_create(&r->err);
	assert_non_null(r->rules);
	if (builtin) {
		assert_true(ogc_ruleset_load_builtin(r->rules, &r->err));
	}
	if (rules_yaml != NULL && !ogc_ruleset_load_buffer(r->rules,
		"rules.yaml", rules_yaml, strlen(rules_yaml), &r->err)) {
		fail_msg("rules: %u:%u: %s", r->err.pos.line, r->err.pos.column,
			r->err.msg);
	}
	r->report = ogc_report_create();
	assert_non_null(r->report);
	r->options.offline = true;
	checker = ogc_checker_create(r->rules, &r->options, &r->err);
	assert_non_null(checker);
	assert_true(ogc_checker_check_buffer(checker, "post.md", content,
		strlen(content), r->report, &r->err));
	assert_true(ogc_checker_finish(checker, r->report, &r->err));
	ogc_checker_destroy(checker);
}

static inline void
run_finish(struct run *r)
{
	ogc_report_destroy(r->report);
	ogc_ruleset_destroy(r->rules);
	memset(r, 0, sizeof(*r));
}

/* The number of diagnostics of rule `id`. */
static inline size_t
count_rule(const struct run *r, const char *id)
{
	const struct ogc_diag *d;
	size_t n = 0;
	size_t i;

	for (i = 0; (d = ogc_report_get(r->report, i)) != NULL; i++) {
		n += strcmp(d->rule, id) == 0;
	}
	return n;
}

/* The nth (0-based) diagnostic of rule `id`; fails the test if absent. */
static inline const struct ogc_diag *
nth_diag(const struct run *r, const char *id, size_t nth)
{
	const struct ogc_diag *d;
	size_t i;

	for (i = 0; (d = ogc_report_get(r->report, i)) != NULL; i++) {
		if (strcmp(d->rule, id) == 0 && nth-- == 0) {
			return d;
		}
	}
	fail_msg("no diagnostic #%zu of rule %s", nth, id);
	return NULL;
}

/* Asserts one diagnostic's place, field and value (value may be NULL). */
static inline void
assert_diag(const struct ogc_diag *d, unsigned line, unsigned column,
	const char *field, const char *value)
{
	assert_int_equal(d->pos.line, line);
	assert_int_equal(d->pos.column, column);
	if (field == NULL) {
		assert_null(d->field);
	} else {
		assert_non_null(d->field);
		assert_string_equal(d->field, field);
	}
	if (value == NULL) {
		assert_null(d->value);
	} else {
		assert_non_null(d->value);
		assert_string_equal(d->value, value);
	}
}

/* Asserts that a diagnostic's message contains `part`. */
static inline void
assert_message_has(const struct ogc_diag *d, const char *part)
{
	if (strstr(d->message, part) == NULL) {
		fail_msg("message \"%s\" lacks \"%s\"", d->message, part);
	}
}

#endif
