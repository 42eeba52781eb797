/* reachable.c: the `reachable` check: a URL loads (network). */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "check.h"

/*
 * The parameters are validated now so that rule files stay valid when the
 * network stage lands; until then every URL is counted as skipped.
 */
struct reach {
	const char *content_type;
	unsigned long min_width;
	unsigned long min_height;
	unsigned long max_bytes;
};

/* A media range such as image/png or text/html, or a wildcard subtype. */
static bool
valid_media_range(const char *s)
{
	const char *slash = strchr(s, '/');
	size_t i;

	if (slash == NULL || slash == s || slash[1] == '\0') {
		return false;
	}
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == ' ' || s[i] == ';' || s[i] == ',' ||
			(s + i != slash && s[i] == '/')) {
			return false;
		}
	}
	return true;
}

static bool
compile(struct ogc_field_group *group, struct ogc_error *err)
{
	struct reach *r = calloc(1, sizeof(*r));

	if (r == NULL) {
		return ogc_error_nomem(err);
	}
	group->data = r;
	r->content_type = ogc_param_string(group, "content-type");
	if (ogc_param(group, "content-type") != NULL &&
		(r->content_type == NULL || !valid_media_range(r->content_type))) {
		return ogc_param_error(err, group, "content-type", "content-type "
			"must be a media type such as image/* or text/html");
	}
	return ogc_param_uint(group, "min-width", &r->min_width, err) &&
		ogc_param_uint(group, "min-height", &r->min_height, err) &&
		ogc_param_uint(group, "max-bytes", &r->max_bytes, err);
}

static void
queue_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	if (node->kind == OGC_NODE_SCALAR && node->len > 0) {
		ogc_ctx_skip(ctx);
	}
}

static void
run(const struct ogc_field_group *group, struct ogc_ctx *ctx)
{
	ogc_ctx_each_field(group, ctx, queue_field);
}

static void
finish(struct ogc_field_group *group)
{
	free(group->data);
	group->data = NULL;
}

static const char *const params[] = {
	"content-type", "max-bytes", "min-height", "min-width", NULL,
};

const struct ogc_check_kind ogc_check_reachable = {
	.name = "reachable",
	.network = true,
	.params = params,
	.compile = compile,
	.run = run,
	.finish = finish,
};
