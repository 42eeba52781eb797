/* fuzz.h: helpers shared by the libFuzzer targets of tests/fuzz. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_FUZZ_H
#define OGC_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "checks/date.h"
#include "render/render.h"
#include "rules/rules.h"
#include "run/run.h"
#include "store/store.h"

/*
 * Every target defines this one entry point and frees all it allocates:
 * LeakSanitizer reports a leak as a crash, like any other finding.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A broken invariant is a finding: say which and abort, which libFuzzer
 * turns into a crash artifact with the input that caused it.
 */
#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) { \
			fuzz_fail(__FILE__, __LINE__, #cond); \
		} \
	} while (0)

static inline void
fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	abort();
}

/*
 * A NUL-terminated copy of s[0..len), as the parsers hand values to the
 * checks. Running out of memory here ends the run: that is no finding.
 */
static inline char *
fuzz_strndup(const void *s, size_t len)
{
	char *copy = malloc(len + 1);

	if (copy == NULL) {
		fuzz_fail(__FILE__, __LINE__, "out of memory");
	}
	if (len > 0) {
		memcpy(copy, s, len);
	}
	copy[len] = '\0';
	return copy;
}

/*
 * True when s[0..len) is what the YAML or HTML reader can hand a check as
 * a value: well-formed UTF-8, where NUL may occur (YAML "\0").
 */
static inline bool
fuzz_value_ok(const char *s, size_t len)
{
	uint32_t cp;
	size_t i = 0;
	size_t n;

	while (i < len) {
		if (s[i] == '\0') {
			i++;
			continue;
		}
		n = ogc_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			return false;
		}
		i += n;
	}
	return true;
}

/* A stream that swallows what renderers write; opened once per process. */
static inline FILE *
fuzz_sink(void)
{
	static FILE *sink;

	if (sink == NULL) {
		sink = fopen("/dev/null", "w");
		if (sink == NULL) {
			fuzz_fail(__FILE__, __LINE__, "cannot open /dev/null");
		}
	}
	return sink;
}

/* Reads s to its end, which the compiler may not skip. */
static inline void
fuzz_touch(const char *s)
{
	volatile size_t n = strlen(s);

	(void)n;
}

/*
 * Reads every member of a field tree (so that the sanitizers see any
 * dangling pointer) and checks what all trees promise: every node has a
 * text, NUL-terminated at its length; map members carry their key, list
 * items none. (An HTML scalar may have members: og:image's width.)
 */
static inline void
fuzz_walk(const struct ogc_node *node, unsigned depth)
{
	const struct ogc_node *c;

	FUZZ_CHECK(depth <= OGC_MAX_DEPTH + 2);
	FUZZ_CHECK(node->kind == OGC_NODE_NULL ||
		node->kind == OGC_NODE_SCALAR || node->kind == OGC_NODE_MAP ||
		node->kind == OGC_NODE_SEQ);
	FUZZ_CHECK(node->text != NULL);
	FUZZ_CHECK(node->text[node->len] == '\0');
	FUZZ_CHECK(strlen(node->text) <= node->len);
	FUZZ_CHECK(node->kind != OGC_NODE_NULL || node->child == NULL);
	for (c = node->child; c != NULL; c = c->next) {
		if (node->kind == OGC_NODE_SEQ) {
			FUZZ_CHECK(c->key == NULL);
		} else {
			FUZZ_CHECK(c->key != NULL);
			fuzz_touch(c->key);
		}
		fuzz_walk(c, depth + 1);
	}
}

/* Positions are 1-based and never before the line the text starts on. */
static inline void
fuzz_positions(const struct ogc_node *node, unsigned first_line)
{
	const struct ogc_node *c;

	FUZZ_CHECK(node->pos.line >= first_line && node->pos.column >= 1);
	if (node->key != NULL) {
		FUZZ_CHECK(node->key_pos.line >= first_line);
		FUZZ_CHECK(node->key_pos.column >= 1);
	}
	for (c = node->child; c != NULL; c = c->next) {
		fuzz_positions(c, first_line);
	}
}

/*
 * What every front matter parser (YAML, TOML, JSON) promises about the
 * document it returns for text starting on `first_line`: no out-of-memory
 * flag, a reason with a position when there is no tree, a well-formed tree
 * otherwise; and lookups of a few paths must be safe.
 */
static inline void
fuzz_doc(const struct ogc_doc *doc, unsigned first_line)
{
	/* paths the built-in rules look up, and a few odd ones; alphasorted */
	static const char *const paths[] = {
		"", ".", "a.b.c", "article:published_time", "canonical", "date",
		"og", "og.", "og.image", "og.title", "og:image:width",
		"og:title", "publish.date", "tags", "title", "twitter.card",
	};
	const struct ogc_problem *p;
	const struct ogc_node *n;
	size_t i;

	FUZZ_CHECK(!doc->nomem);
	FUZZ_CHECK(doc->root != NULL || doc->problems != NULL);
	for (p = doc->problems; p != NULL; p = p->next) {
		FUZZ_CHECK(memchr(p->msg, '\0', sizeof(p->msg)) != NULL);
		FUZZ_CHECK(p->msg[0] != '\0');
		FUZZ_CHECK(p->pos.line >= first_line && p->pos.column >= 1);
		if (p->rule != NULL) {
			fuzz_touch(p->rule);
		}
	}
	if (doc->root == NULL) {
		return;
	}
	fuzz_walk(doc->root, 0);
	fuzz_positions(doc->root, first_line);
	fuzz_touch(ogc_node_kind_name(doc->root->kind));
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		n = ogc_node_lookup(doc->root, paths[i]);
		if (n != NULL) {
			fuzz_touch(n->text);
		}
		n = ogc_node_member(doc->root, paths[i]);
		if (n != NULL) {
			fuzz_touch(n->text);
		}
	}
}

/* Writes the report in every format that needs no ruleset. */
static inline void
fuzz_render(struct ogc_report *report)
{
	static const enum ogc_format formats[] = {
		OGC_FORMAT_CODECLIMATE,
		OGC_FORMAT_GITHUB,
		OGC_FORMAT_JSON,
		OGC_FORMAT_JSON_V2,
		OGC_FORMAT_JSONL,
		OGC_FORMAT_TEXT,
	};
	struct ogc_error err;
	size_t i;

	ogc_report_sort(report);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		memset(&err, 0, sizeof(err));
		ogc_report_write(report, NULL, formats[i], NULL, fuzz_sink(),
			&err);
	}
	ogc_report_write_summary(report, fuzz_sink(), &err);
}

/*
 * One rule of one check kind over a document built by hand (as
 * tests/unit/fixture.h does), for values no YAML text needs to spell.
 */
#define FUZZ_NODES 16

struct fuzz_check {
	struct ogc_node nodes[FUZZ_NODES];
	size_t used;
	struct ogc_rule_key keys[2];
	struct ogc_rule rule;
	struct ogc_field_group group;
	struct ogc_node *root;
	struct ogc_options options;
	struct ogc_error err;
};

/* Adds a node to parent's children (a free node when parent is NULL). */
static inline struct ogc_node *
fuzz_check_add(struct fuzz_check *f, struct ogc_node *parent,
	enum ogc_node_kind kind, const char *key, const char *text, size_t len)
{
	struct ogc_node *node;
	struct ogc_node **link;

	FUZZ_CHECK(f->used < FUZZ_NODES);
	node = &f->nodes[f->used++];
	memset(node, 0, sizeof(*node));
	node->kind = kind;
	node->key = key;
	node->text = text != NULL ? text : "";
	node->len = text != NULL ? len : 0;
	node->pos.line = (unsigned)f->used;
	node->pos.column = 8;
	node->end.line = (unsigned)f->used;
	node->end.column = 9;
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

/* A rule `id` of `kind` over `paths`, with an empty map as document. */
static inline void
fuzz_check_init(struct fuzz_check *f, const char *id,
	const struct ogc_check_kind *kind, const char **paths, size_t count)
{
	memset(f, 0, sizeof(*f));
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
	f->root = fuzz_check_add(f, NULL, OGC_NODE_MAP, NULL, NULL, 0);
	ogc_options_init(&f->options);
	f->options.offline = true;
}

/* Gives the rule parameter `name` the value node `value`. */
static inline void
fuzz_check_param(struct fuzz_check *f, const char *name,
	const struct ogc_node *value)
{
	FUZZ_CHECK(f->rule.key_count < 2);
	f->keys[f->rule.key_count].name = name;
	f->keys[f->rule.key_count].value = value;
	f->keys[f->rule.key_count].file = "rules.yaml";
	f->rule.key_count++;
}

/*
 * Compiles the rule and, when that works, runs it over the document into
 * `report`; `relative` stands for the url-relative rule of HTML pages
 * (NULL for front matter). Frees what compiling made either way, as a
 * ruleset does. Returns whether it compiled.
 */
static inline bool
fuzz_check_run(struct fuzz_check *f, struct ogc_report *report,
	const struct ogc_rule *relative)
{
	struct ogc_ctx ctx;
	bool ok;

	ok = f->rule.kind->compile == NULL ||
		f->rule.kind->compile(&f->group, &f->err);
	if (ok) {
		memset(&ctx, 0, sizeof(ctx));
		ctx.report = report;
		ctx.file = "page.md";
		ctx.options = &f->options;
		ctx.root = f->root;
		ctx.missing_pos.line = 1;
		ctx.missing_pos.column = 1;
		ctx.flat = relative != NULL;
		ctx.relative_rule = relative;
		ctx.expected = f->group.expected;
		f->rule.kind->run(&f->group, &ctx);
	}
	if (f->rule.kind->finish != NULL) {
		f->rule.kind->finish(&f->group);
	}
	free(f->group.expected);
	f->group.expected = NULL;
	return ok;
}

#endif
