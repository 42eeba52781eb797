/* absent.c: the `absent` check: a field that should not be there. */
/* SPDX-License-Identifier: MIT */
/*
 * For properties a protocol dropped (Open Graph 1.0's og:latitude,
 * og:email, ...): platforms ignore them, so a page that gives one means
 * something nobody reads. `because` says why it should not be there.
 */
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "read/read.h"
#include "util/util.h"

static bool
compile(struct ogc_field_group *group, struct ogc_error *err)
{
	const char *because = ogc_param_string(group, "because");

	if (because == NULL || because[0] == '\0') {
		return ogc_param_error(err, group, "because", "absent needs "
			"because: why the field should not be there");
	}
	group->data = (void *)because;
	return ogc_group_expect(group, err, "absent");
}

static void
check_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	ogc_ctx_emit(ctx, group->rule, node, field, "%s is given, but %s",
		field, (const char *)group->data);
}

static void
run(const struct ogc_field_group *group, struct ogc_ctx *ctx)
{
	ogc_ctx_each_field(group, ctx, check_field);
}

static void
finish(struct ogc_field_group *group)
{
	group->data = NULL;
}

static const char *const params[] = {"because", NULL};

const struct ogc_check_kind ogc_check_absent = {
	.name = "absent",
	.network = false,
	.params = params,
	.compile = compile,
	.run = run,
	.finish = finish,
};
