/* when.c: rule conditions, `when: {og.type: article}`, and their tests. */
/* SPDX-License-Identifier: MIT */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "read/read.h"
#include "rules/rules.h"
#include "util/util.h"

enum op {
	OP_EQUALS,  /* og.type: article, or [article, blog] */
	OP_PRESENT, /* og.image: {present: true} */
	OP_ABSENT,  /* og.image: {present: false} */
	OP_MATCHES, /* og.url: {matches: "https://[^/]+/.+"} */
};

/* One `path: condition` of a when map. */
struct ogc_condition {
	const char *path;   /* borrowed from the rule file */
	enum op op;
	const char **values; /* OP_EQUALS: owned array, borrowed strings */
	size_t value_count;
	regex_t re;          /* OP_MATCHES */
	bool has_re;
};

static bool
when_error(struct ogc_error *err, const struct ogc_rule *rule,
	const char *file, const struct ogc_node *node, const char *what)
{
	ogc_error_set(err, OGC_ERR_RULES, file, node->pos, "rule \"%s\": %s",
		rule->id, what);
	return false;
}

/* path: {present: true|false} or {matches: REGEX} */
static bool
compile_map(struct ogc_condition *c, const struct ogc_rule *rule,
	const char *file, const struct ogc_node *map, struct ogc_error *err)
{
	const struct ogc_node *n = map->child;
	struct ogc_strbuf anchored = {0};
	char why[128];
	char msg[200];
	int rc;

	if (n == NULL || n->next != NULL) {
		return when_error(err, rule, file, map, "a when condition map "
			"has one key: present or matches");
	}
	if (strcmp(n->key, "present") == 0 && n->kind == OGC_NODE_SCALAR &&
		(strcmp(n->text, "true") == 0 || strcmp(n->text, "false") == 0)) {
		c->op = n->text[0] == 't' ? OP_PRESENT : OP_ABSENT;
		return true;
	}
	if (strcmp(n->key, "matches") != 0 || n->kind != OGC_NODE_SCALAR ||
		n->len == 0) {
		return when_error(err, rule, file, n, "a when condition is a "
			"value, a list of values, {present: true|false} or "
			"{matches: REGEX}");
	}
	ogc_strbuf_addf(&anchored, "^(%s)$", n->text);
	if (anchored.failed) {
		ogc_strbuf_finish(&anchored);
		return ogc_error_nomem(err);
	}
	rc = regcomp(&c->re, anchored.data, REG_EXTENDED | REG_NOSUB);
	ogc_strbuf_finish(&anchored);
	if (rc != 0) {
		regerror(rc, &c->re, why, sizeof(why));
		snprintf(msg, sizeof(msg), "\"%s\" is not a valid POSIX extended "
			"regular expression: %s", n->text, why);
		return when_error(err, rule, file, n, msg);
	}
	c->has_re = true;
	c->op = OP_MATCHES;
	return true;
}

static bool
compile_condition(struct ogc_condition *c, const struct ogc_rule *rule,
	const char *file, const struct ogc_node *entry, struct ogc_error *err)
{
	const struct ogc_node *v;
	size_t i = 0;

	c->path = entry->key;
	if (entry->kind == OGC_NODE_MAP) {
		return compile_map(c, rule, file, entry, err);
	}
	c->op = OP_EQUALS;
	if (entry->kind == OGC_NODE_SCALAR) {
		c->value_count = 1;
	} else if (entry->kind == OGC_NODE_SEQ) {
		for (v = entry->child; v != NULL; v = v->next) {
			if (v->kind != OGC_NODE_SCALAR) {
				return when_error(err, rule, file, v, "the values of "
					"a when condition are text");
			}
			c->value_count++;
		}
	}
	if (c->value_count == 0) {
		return when_error(err, rule, file, entry, "a when condition "
			"needs a value, a list of values, {present: true|false} "
			"or {matches: REGEX}");
	}
	c->values = calloc(c->value_count, sizeof(*c->values));
	if (c->values == NULL) {
		return ogc_error_nomem(err);
	}
	if (entry->kind == OGC_NODE_SCALAR) {
		c->values[0] = entry->text;
		return true;
	}
	for (v = entry->child; v != NULL; v = v->next) {
		c->values[i++] = v->text;
	}
	return true;
}

void
ogc_when_free(struct ogc_rule *rule)
{
	size_t i;

	for (i = 0; i < rule->when_count; i++) {
		free(rule->when[i].values);
		if (rule->when[i].has_re) {
			regfree(&rule->when[i].re);
		}
	}
	free(rule->when);
	rule->when = NULL;
	rule->when_count = 0;
}

bool
ogc_when_compile(struct ogc_rule *rule, const struct ogc_node *when,
	const char *file, struct ogc_error *err)
{
	const struct ogc_node *entry;
	size_t count = 0;

	ogc_when_free(rule);
	if (when->kind != OGC_NODE_MAP || when->child == NULL) {
		return when_error(err, rule, file, when, "when must be a map "
			"from field paths to conditions, such as {og.type: "
			"article}");
	}
	for (entry = when->child; entry != NULL; entry = entry->next) {
		count++;
	}
	rule->when = calloc(count, sizeof(*rule->when));
	if (rule->when == NULL) {
		return ogc_error_nomem(err);
	}
	for (entry = when->child; entry != NULL; entry = entry->next) {
		/* counted first, so that a failure frees what was made */
		rule->when_count++;
		if (!compile_condition(&rule->when[rule->when_count - 1], rule,
			file, entry, err)) {
			return false;
		}
	}
	return true;
}

/* Whether one scalar satisfies an EQUALS or MATCHES condition. */
static bool
scalar_holds(const struct ogc_condition *c, const struct ogc_node *n)
{
	size_t i;

	if (n->kind != OGC_NODE_SCALAR) {
		return false;
	}
	if (c->op == OP_MATCHES) {
		return strlen(n->text) == n->len &&
			regexec(&c->re, n->text, 0, NULL, 0) == 0;
	}
	for (i = 0; i < c->value_count; i++) {
		if (strcmp(c->values[i], n->text) == 0) {
			return true;
		}
	}
	return false;
}

static bool
condition_holds(const struct ogc_condition *c, const struct ogc_ctx *ctx)
{
	const struct ogc_node *n = ogc_ctx_lookup_any(ctx, c->path);
	const struct ogc_node *item;
	bool present = n != NULL && n->kind != OGC_NODE_NULL &&
		!(n->kind == OGC_NODE_SCALAR && n->len == 0);

	switch (c->op) {
	case OP_PRESENT:
		return present;
	case OP_ABSENT:
		return !present;
	case OP_EQUALS:
	case OP_MATCHES:
		break;
	}
	if (!present) {
		return false;
	}
	if (n->kind != OGC_NODE_SEQ) {
		return scalar_holds(c, n);
	}
	/* a repeated property: any of its values */
	for (item = n->child; item != NULL; item = item->next) {
		if (scalar_holds(c, item)) {
			return true;
		}
	}
	return false;
}

bool
ogc_when_holds(const struct ogc_rule *rule, const struct ogc_ctx *ctx)
{
	size_t i;

	for (i = 0; i < rule->when_count; i++) {
		if (!condition_holds(&rule->when[i], ctx)) {
			return false;
		}
	}
	return true;
}
