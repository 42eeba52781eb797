/* fixture.h: one rule of one check kind over a document built by hand. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_TEST_FIXTURE_H
#define OGC_TEST_FIXTURE_H

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
 * For tests that shape the tree directly (odd node kinds, positions) and
 * call a kind's compile and run themselves; harness.h goes through the
 * YAML reader and the checker instead.
 */
#define FIXTURE_NODES 32

struct fixture {
	struct ogc_node nodes[FIXTURE_NODES];
	size_t used;
	struct ogc_rule_key keys[2];
	struct ogc_rule rule;
	struct ogc_field_group group;
	struct ogc_node *root;
	struct ogc_options options;
	struct ogc_report *report;
	struct ogc_error err;
	bool compiled;
};

/* A node appended to parent's children (or a free one when parent is
 * NULL), on a line of its own so that tests can tell nodes apart. */
static inline struct ogc_node *
fixture_add(struct fixture *f, struct ogc_node *parent,
	enum ogc_node_kind kind, const char *key, const char *text)
{
	struct ogc_node *node;
	struct ogc_node **link;

	assert_true(f->used < FIXTURE_NODES);
	node = &f->nodes[f->used++];
	memset(node, 0, sizeof(*node));
	node->kind = kind;
	node->key = key;
	node->text = text != NULL ? text : "";
	node->len = strlen(node->text);
	node->pos.line = (unsigned)f->used;
	node->pos.column = 8;
	node->key_pos.line = (unsigned)f->used;
	node->key_pos.column = 1;
	if (parent != NULL) {
		link = &parent->child;
		while (*link != NULL) {
			link = &(*link)->next;
		}
		*link = node;
	}
	return node;
}

/* Adds key: value at the top of the document, and returns the value. */
static inline struct ogc_node *
fixture_put(struct fixture *f, const char *key, const char *value)
{
	return fixture_add(f, f->root, OGC_NODE_SCALAR, key, value);
}

/* Gives the rule parameter `name` the value node `value`. */
static inline void
fixture_param(struct fixture *f, const char *name,
	const struct ogc_node *value)
{
	assert_true(f->rule.key_count < 2);
	f->keys[f->rule.key_count].name = name;
	f->keys[f->rule.key_count].value = value;
	f->keys[f->rule.key_count].file = "rules.yaml";
	f->rule.key_count++;
}

/* A list parameter of up to three strings (NULL for fewer). */
static inline void
fixture_param_list(struct fixture *f, const char *name, const char *a,
	const char *b, const char *c)
{
	struct ogc_node *seq = fixture_add(f, NULL, OGC_NODE_SEQ, name, NULL);
	const char *items[] = {a, b, c};
	size_t i;

	for (i = 0; i < 3; i++) {
		if (items[i] != NULL) {
			fixture_add(f, seq, OGC_NODE_SCALAR, NULL, items[i]);
		}
	}
	fixture_param(f, name, seq);
}

/* A rule `id` of `kind` over `paths`, an empty document and a report. */
static inline int
fixture_setup(void **state, const char *id, const struct ogc_check_kind *kind,
	const char **paths, size_t count)
{
	struct fixture *f = test_calloc(1, sizeof(*f));

	if (f == NULL) {
		return -1;
	}
	f->rule.id = id;
	f->rule.severity = OGC_SEV_ERROR;
	f->rule.kind = kind;
	f->rule.keys = f->keys;
	f->rule.file = "rules.yaml";
	f->rule.pos.line = 1;
	f->rule.pos.column = 1;
	f->rule.groups = &f->group;
	f->rule.group_count = 1;
	f->group.rule = &f->rule;
	f->group.paths = paths;
	f->group.count = count;
	f->group.params_file = "rules.yaml";
	f->root = fixture_add(f, NULL, OGC_NODE_MAP, NULL, NULL);
	f->report = ogc_report_create();
	if (f->report == NULL) {
		test_free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static inline int
fixture_teardown(void **state)
{
	struct fixture *f = *state;

	if (f->compiled && f->rule.kind->finish != NULL) {
		f->rule.kind->finish(&f->group);
	}
	/* a ruleset frees it with its groups; this group is the fixture's */
	free(f->group.expected);
	ogc_report_destroy(f->report);
	test_free(f);
	return 0;
}

static inline bool
fixture_compile(struct fixture *f)
{
	f->compiled = f->rule.kind->compile(&f->group, &f->err);
	return f->compiled;
}

/* Compiles, runs the check over the document, returns the count. */
static inline size_t
fixture_run(struct fixture *f)
{
	struct ogc_ctx ctx;

	assert_true(fixture_compile(f));
	memset(&ctx, 0, sizeof(ctx));
	ctx.report = f->report;
	ctx.file = "page.md";
	ctx.options = &f->options;
	ctx.root = f->root;
	ctx.templated = ogc_node_find_template(f->root) != NULL;
	ctx.expected = f->group.expected;
	f->rule.kind->run(&f->group, &ctx);
	return ogc_report_count(f->report);
}

/* The diagnostic whose message is `want`; fails the test without one. */
static inline const struct ogc_diag *
fixture_find(struct fixture *f, const char *want)
{
	const struct ogc_diag *diag;
	size_t i;

	for (i = 0; i < ogc_report_count(f->report); i++) {
		diag = ogc_report_get(f->report, i);
		if (strcmp(diag->message, want) == 0) {
			return diag;
		}
	}
	fail_msg("no diagnostic \"%s\" (first: \"%s\")", want,
		ogc_report_count(f->report) != 0 ?
		ogc_report_get(f->report, 0)->message : "none");
	return NULL;
}

#endif
