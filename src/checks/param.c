/* param.c: how check kinds read their parameters from the rule files. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "read/read.h"
#include "util/util.h"

const struct ogc_rule_key *
ogc_rule_key(const struct ogc_rule *rule, const char *name)
{
	size_t i;

	for (i = 0; i < rule->key_count; i++) {
		if (strcmp(rule->keys[i].name, name) == 0) {
			return &rule->keys[i];
		}
	}
	return NULL;
}

const struct ogc_node *
ogc_param(const struct ogc_field_group *group, const char *name)
{
	const struct ogc_node *n = ogc_node_member(group->params, name);
	const struct ogc_rule_key *k;

	if (n != NULL) {
		return n;
	}
	k = ogc_rule_key(group->rule, name);
	return k != NULL ? k->value : NULL;
}

static bool
rule_fail(struct ogc_error *err, const struct ogc_rule *rule,
	const char *file, struct ogc_pos pos, const char *fmt, va_list ap)
	OGC_PRINTF(5, 0);

static bool
rule_fail(struct ogc_error *err, const struct ogc_rule *rule,
	const char *file, struct ogc_pos pos, const char *fmt, va_list ap)
{
	char msg[200];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	ogc_error_set(err, OGC_ERR_RULES, file, pos, "rule \"%s\": %s",
		rule->id, msg);
	return false;
}

/*
 * Where parameter `name` stands: its value, or its item `index` when the
 * value is a list (SIZE_MAX: the value itself); the rule when absent.
 */
static void
param_place(const struct ogc_field_group *group, const char *name,
	size_t index, const char **file, struct ogc_pos *pos)
{
	const struct ogc_rule *rule = group->rule;
	const struct ogc_node *n = ogc_node_member(group->params, name);
	const struct ogc_rule_key *k = ogc_rule_key(rule, name);
	const struct ogc_node *item;

	*file = rule->file;
	*pos = rule->pos;
	if (n != NULL) {
		*file = group->params_file;
	} else if (k != NULL) {
		*file = k->file;
		n = k->value;
	}
	if (n == NULL) {
		return;
	}
	*pos = n->pos;
	if (n->kind != OGC_NODE_SEQ || index == SIZE_MAX) {
		return;
	}
	for (item = n->child; item != NULL && index > 0; item = item->next) {
		index--;
	}
	if (item != NULL) {
		*pos = item->pos;
	}
}

static bool
param_error_va(struct ogc_error *err, const struct ogc_field_group *group,
	const char *name, size_t index, const char *fmt, va_list ap)
	OGC_PRINTF(5, 0);

static bool
param_error_va(struct ogc_error *err, const struct ogc_field_group *group,
	const char *name, size_t index, const char *fmt, va_list ap)
{
	struct ogc_pos pos;
	const char *file;

	param_place(group, name, index, &file, &pos);
	return rule_fail(err, group->rule, file, pos, fmt, ap);
}

bool
ogc_param_error(struct ogc_error *err, const struct ogc_field_group *group,
	const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	param_error_va(err, group, name, SIZE_MAX, fmt, ap);
	va_end(ap);
	return false;
}

bool
ogc_param_item_error(struct ogc_error *err,
	const struct ogc_field_group *group, const char *name, size_t index,
	const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	param_error_va(err, group, name, index, fmt, ap);
	va_end(ap);
	return false;
}

/* Like ogc_param_error() for an error at a given node of a given file. */
bool
ogc_rule_node_error(struct ogc_error *err, const struct ogc_rule *rule,
	const char *file, const struct ogc_node *node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rule_fail(err, rule, file, node->pos, fmt, ap);
	va_end(ap);
	return false;
}

bool
ogc_param_uint(const struct ogc_field_group *group, const char *name,
	unsigned long *out, struct ogc_error *err)
{
	const struct ogc_node *n = ogc_param(group, name);
	unsigned long v = 0;
	size_t i;

	if (n == NULL) {
		return true;
	}
	if (n->kind != OGC_NODE_SCALAR || n->len == 0 || n->len > 9) {
		return ogc_param_error(err, group, name, "%s must be a whole "
			"number from 0 to 999999999", name);
	}
	for (i = 0; i < n->len; i++) {
		if (n->text[i] < '0' || n->text[i] > '9') {
			return ogc_param_error(err, group, name, "%s must be a "
				"whole number, not \"%s\"", name, n->text);
		}
		v = v * 10 + (unsigned long)(n->text[i] - '0');
	}
	*out = v;
	return true;
}

bool
ogc_group_expect(struct ogc_field_group *group, struct ogc_error *err,
	const char *fmt, ...)
{
	struct ogc_strbuf buf = {0};
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	ogc_strbuf_add(&buf, text, strlen(text));
	if (buf.failed) {
		ogc_strbuf_finish(&buf);
		return ogc_error_nomem(err);
	}
	free(group->expected);
	group->expected = buf.data;
	return true;
}

const char *
ogc_param_string(const struct ogc_field_group *group, const char *name)
{
	const struct ogc_node *n = ogc_param(group, name);

	return n != NULL && n->kind == OGC_NODE_SCALAR ? n->text : NULL;
}

/*
 * Collects the text of a scalar or of a list of scalars:
 *   "a"        -> {"a", NULL}
 *   [a, b]     -> {"a", "b", NULL}
 * Returns NULL when the node is of another shape or memory ran out
 * (*bad tells which).
 */
const char **
ogc_node_strings(const struct ogc_node *n, size_t *count, bool *bad)
{
	const struct ogc_node *c;
	const char **v;
	size_t i = 0;

	*bad = false;
	*count = 0;
	if (n->kind == OGC_NODE_SCALAR) {
		*count = 1;
	} else if (n->kind == OGC_NODE_SEQ) {
		for (c = n->child; c != NULL; c = c->next) {
			if (c->kind != OGC_NODE_SCALAR) {
				*bad = true;
				return NULL;
			}
			(*count)++;
		}
	} else {
		*bad = true;
		return NULL;
	}
	v = calloc(*count + 1, sizeof(*v));
	if (v == NULL) {
		return NULL;
	}
	if (n->kind == OGC_NODE_SCALAR) {
		v[i++] = n->text;
	} else {
		for (c = n->child; c != NULL; c = c->next) {
			v[i++] = c->text;
		}
	}
	return v;
}

bool
ogc_param_strings(const struct ogc_field_group *group, const char *name,
	const char ***out, size_t *count, struct ogc_error *err)
{
	const struct ogc_node *n = ogc_param(group, name);
	bool bad;

	*out = NULL;
	*count = 0;
	if (n == NULL) {
		return true;
	}
	*out = ogc_node_strings(n, count, &bad);
	if (bad) {
		return ogc_param_error(err, group, name, "%s must be text or a "
			"list of text", name);
	}
	if (*out == NULL) {
		return ogc_error_nomem(err);
	}
	return true;
}
