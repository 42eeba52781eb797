/* length.c: the `length` check: min/max length in code points. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "checks/check.h"
#include "read/read.h"
#include "util/util.h"

struct limits {
	unsigned long min;
	unsigned long max; /* 0 = none */
	bool has_max;
};

static bool
compile(struct ogc_field_group *group, struct ogc_error *err)
{
	struct limits *l = calloc(1, sizeof(*l));

	if (l == NULL) {
		return ogc_error_nomem(err);
	}
	group->data = l;
	if (!ogc_param_uint(group, "min", &l->min, err) ||
		!ogc_param_uint(group, "max", &l->max, err)) {
		return false;
	}
	l->has_max = ogc_param(group, "max") != NULL;
	if (!l->has_max && ogc_param(group, "min") == NULL) {
		return ogc_param_error(err, group, "max", "length needs min, "
			"max or both");
	}
	if (l->has_max && l->min > l->max) {
		return ogc_param_error(err, group, "min", "min (%lu) is larger "
			"than max (%lu)", l->min, l->max);
	}
	if (l->has_max && l->min > 0) {
		return ogc_group_expect(group, err, "%lu to %lu characters",
			l->min, l->max);
	}
	if (l->has_max) {
		return ogc_group_expect(group, err, "at most %lu characters",
			l->max);
	}
	return ogc_group_expect(group, err, "at least %lu characters", l->min);
}

static void
check_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	const struct limits *l = group->data;
	size_t n;

	if (!ogc_ctx_want_scalar(ctx, group->rule, field, node)) {
		return;
	}
	n = ogc_utf8_length(node->text, node->len);
	if (l->has_max && n > l->max) {
		ogc_ctx_emit(ctx, group->rule, node, field, "%s is %zu characters "
			"long; the limit is %lu (%zu too many)", field, n, l->max,
			n - l->max);
	} else if (n < l->min) {
		ogc_ctx_emit(ctx, group->rule, node, field, "%s is %zu characters "
			"long; it should be at least %lu", field, n, l->min);
	}
}

static void
run(const struct ogc_field_group *group, struct ogc_ctx *ctx)
{
	ogc_ctx_each_field(group, ctx, check_field);
}

static void
finish(struct ogc_field_group *group)
{
	free(group->data);
	group->data = NULL;
}

static const char *const params[] = {"max", "min", NULL};

const struct ogc_check_kind ogc_check_length = {
	.name = "length",
	.network = false,
	.params = params,
	.compile = compile,
	.run = run,
	.finish = finish,
};
