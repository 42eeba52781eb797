/* required.c: the `required` check: some alias of each group is present. */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "checks/check.h"
#include "read/read.h"

static bool
is_empty(const struct ogc_node *node)
{
	return node->kind == OGC_NODE_NULL ||
		(node->kind == OGC_NODE_SCALAR && node->len == 0) ||
		((node->kind == OGC_NODE_MAP || node->kind == OGC_NODE_SEQ) &&
		node->child == NULL);
}

/*
 * The map that would hold `path` if the document had it: "og.title" ->
 * the `og` member when it is a map. NULL when there is none.
 */
static const struct ogc_node *
parent_of(const struct ogc_node *root, const char *path)
{
	const char *dot = strrchr(path, '.');
	const struct ogc_node *parent;
	char prefix[128];
	size_t n;

	if (dot == NULL) {
		return NULL;
	}
	n = (size_t)(dot - path);
	if (n >= sizeof(prefix)) {
		return NULL;
	}
	memcpy(prefix, path, n);
	prefix[n] = '\0';
	parent = ogc_node_lookup(root, prefix);
	return parent != NULL && parent->kind == OGC_NODE_MAP ? parent : NULL;
}

/* True when a top-level key shares the "og:" style prefix of `path`. */
static bool
flat_style_used(const struct ogc_node *root, const char *path)
{
	const char *colon = strchr(path, ':');
	const struct ogc_node *c;
	size_t n;

	if (colon == NULL) {
		return false;
	}
	n = (size_t)(colon - path) + 1;
	for (c = root->child; c != NULL; c = c->next) {
		if (strncmp(c->key, path, n) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * Reports a group with no alias present, naming the alias in the style the
 * document uses: og.title beside an og: map, og:title beside og:type or in
 * HTML.
 * Points at the key of the enclosing map when there is one, else where the
 * document says missing fields go (1:1 for front matter, <head> in HTML).
 */
static void
report_missing(const struct ogc_field_group *group, struct ogc_ctx *ctx)
{
	const char *path = group->paths[0];
	const struct ogc_node *parent = NULL;
	struct ogc_pos pos = ctx->missing_pos;
	bool site = ctx->site != NULL && !ctx->flat;
	size_t i;

	for (i = 0; i < group->count; i++) {
		parent = parent_of(ctx->root, group->paths[i]);
		if (parent != NULL) {
			path = group->paths[i];
			pos = parent->key_pos;
			break;
		}
	}
	for (i = 0; parent == NULL && i < group->count; i++) {
		if ((ctx->flat && strchr(group->paths[i], ':') != NULL) ||
			flat_style_used(ctx->root, group->paths[i])) {
			path = group->paths[i];
			break;
		}
	}
	ogc_ctx_emit_at(ctx, group->rule, pos, (struct ogc_pos){0, 0}, path,
		NULL, "%s is missing%s%s%s", path, site ? ": not in the front "
		"matter, nor written by the " : "", site ?
		ogc_generator_name(ctx->site->generator) : "", site ? " site's "
		"templates or config" : "");
}

static void
run(const struct ogc_field_group *group, struct ogc_ctx *ctx)
{
	const struct ogc_node *empty = NULL;
	const char *empty_path = NULL;
	const struct ogc_node *node;
	const char *found;
	size_t i;

	for (i = 0; i < group->count; i++) {
		node = ogc_ctx_lookup(ctx, group->paths[i], &found);
		if (node == NULL) {
			continue;
		}
		if (!is_empty(node)) {
			return;
		}
		if (empty == NULL) {
			empty = node;
			empty_path = found;
		}
	}
	if (empty != NULL) {
		ogc_ctx_emit(ctx, group->rule, empty, empty_path, "%s is empty; "
			"give it a value", empty_path);
	} else if (ogc_ctx_supplier(ctx, group) == NULL) {
		report_missing(group, ctx);
	}
}

static bool
compile(struct ogc_field_group *group, struct ogc_error *err)
{
	return ogc_group_expect(group, err, "%s, present and not empty",
		group->paths[0]);
}

static const char *const params[] = {NULL};

const struct ogc_check_kind ogc_check_required = {
	.name = "required",
	.network = false,
	.params = params,
	.compile = compile,
	.run = run,
	.finish = NULL,
};
