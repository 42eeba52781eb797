/* one_of.c: the `one-of` check: the value is one of a list. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "read/read.h"
#include "util/util.h"

struct choices {
	const char **values; /* NULL-terminated, borrowed from the rule file */
	size_t count;
	char *listing;       /* "a, b, c" for messages */
};

static bool
compile(struct ogc_field_group *group, struct ogc_error *err)
{
	struct choices *c = calloc(1, sizeof(*c));
	struct ogc_strbuf list = {0};
	size_t i;

	if (c == NULL) {
		return ogc_error_nomem(err);
	}
	group->data = c;
	if (!ogc_param_strings(group, "values", &c->values, &c->count, err)) {
		return false;
	}
	if (c->count == 0) {
		return ogc_param_error(err, group, "values", "one-of needs a "
			"list of values");
	}
	for (i = 0; i < c->count; i++) {
		/* an empty value is allowed too: shown as "" */
		ogc_strbuf_addf(&list, "%s%s", i > 0 ? ", " : "",
			c->values[i][0] != '\0' ? c->values[i] : "\"\"");
	}
	if (list.failed) {
		ogc_strbuf_finish(&list);
		return ogc_error_nomem(err);
	}
	c->listing = list.data;
	return ogc_group_expect(group, err, "one of: %s", c->listing);
}

static void
check_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	const struct choices *c = group->data;
	size_t i;

	if (!ogc_ctx_want_scalar(ctx, group->rule, field, node)) {
		return;
	}
	for (i = 0; i < c->count; i++) {
		if (strcmp(c->values[i], node->text) == 0) {
			return;
		}
	}
	ogc_ctx_emit(ctx, group->rule, node, field, "%s \"%s\" is not one of: "
		"%s", field, node->text, c->listing);
}

static void
run(const struct ogc_field_group *group, struct ogc_ctx *ctx)
{
	ogc_ctx_each_field(group, ctx, check_field);
}

static void
finish(struct ogc_field_group *group)
{
	struct choices *c = group->data;

	if (c != NULL) {
		free(c->values);
		free(c->listing);
		free(c);
	}
	group->data = NULL;
}

static const char *const params[] = {"values", NULL};

const struct ogc_check_kind ogc_check_one_of = {
	.name = "one-of",
	.network = false,
	.params = params,
	.compile = compile,
	.run = run,
	.finish = finish,
};
