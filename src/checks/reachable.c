/* reachable.c: the `reachable` check: a URL loads (network). */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"

/*
 * run() only queues each URL; the network stage fetches every distinct URL
 * once, after all files, and calls judge() for each place that used it.
 */
struct reach {
	const char *content_type; /* NULL: any type */
	unsigned long min_width;
	unsigned long min_height;
	unsigned long max_bytes;
	bool report_unreachable; /* false: only the image facts are judged
	                            (another rule reports what does not load) */
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

/*
 * True when media type `type` ("image/png") is in `range`: a type, or a
 * major type with a wildcard subtype.
 */
static bool
type_matches(const char *range, const char *type)
{
	const char *slash = strchr(range, '/');
	size_t major = (size_t)(slash - range);

	if (strcmp(range, "*/*") == 0) {
		return true;
	}
	if (strcmp(slash + 1, "*") == 0) {
		return strncasecmp(range, type, major + 1) == 0;
	}
	return strcasecmp(range, type) == 0;
}

/* "200x200 pixels", "1200 pixels wide" or "630 pixels high". */
static const char *
minimum(const struct reach *r, char *buf, size_t size)
{
	if (r->min_height == 0) {
		snprintf(buf, size, "%lu pixels wide", r->min_width);
	} else if (r->min_width == 0) {
		snprintf(buf, size, "%lu pixels high", r->min_height);
	} else {
		snprintf(buf, size, "%lux%lu pixels", r->min_width,
			r->min_height);
	}
	return buf;
}

/* What a passing URL is, for JSON schema 2 and SARIF. */
static bool
expect(struct ogc_field_group *group, const struct reach *r,
	struct ogc_error *err)
{
	char size[96] = "";
	char wanted[64];

	if (r->min_width > 0 || r->min_height > 0) {
		snprintf(size, sizeof(size), ", at least %s",
			minimum(r, wanted, sizeof(wanted)));
	}
	if (r->max_bytes > 0) {
		snprintf(size + strlen(size), sizeof(size) - strlen(size),
			", at most %lu bytes", r->max_bytes);
	}
	return ogc_group_expect(group, err, "a 2xx answer%s%s%s",
		r->content_type != NULL ? " with " : "",
		r->content_type != NULL ? r->content_type : "", size);
}

static bool
compile(struct ogc_field_group *group, struct ogc_error *err)
{
	struct reach *r = calloc(1, sizeof(*r));
	const char *unreachable;

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
	unreachable = ogc_param_string(group, "unreachable");
	r->report_unreachable = unreachable == NULL ||
		strcmp(unreachable, "report") == 0;
	if (ogc_param(group, "unreachable") != NULL && !r->report_unreachable &&
		(unreachable == NULL || strcmp(unreachable, "ignore") != 0)) {
		return ogc_param_error(err, group, "unreachable", "unreachable "
			"takes report or ignore");
	}
	return ogc_param_uint(group, "min-width", &r->min_width, err) &&
		ogc_param_uint(group, "min-height", &r->min_height, err) &&
		ogc_param_uint(group, "max-bytes", &r->max_bytes, err) &&
		expect(group, r, err);
}

static void
queue_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	const struct reach *r = group->data;

	ogc_ctx_queue_url(ctx, group, field, node,
		r->min_width > 0 || r->min_height > 0);
}

static void
run(const struct ogc_field_group *group, struct ogc_ctx *ctx)
{
	ogc_ctx_each_field(group, ctx, queue_field);
}

/* Reports an answer that is not a loadable resource; false when it is. */
static bool
judge_load(const struct ogc_field_group *group, const struct reach *r,
	struct ogc_ctx *ctx, const struct ogc_net_place *at, const char *where,
	const struct ogc_fetch *f)
{
	const struct ogc_rule *rule = group->rule;
	bool ok_type = r->content_type == NULL || (f->content_type != NULL &&
		type_matches(r->content_type, f->content_type));

	if (f->state == OGC_FETCH_ANSWERED && f->status >= 200 &&
		f->status < 300 && ok_type) {
		return false;
	}
	if (!r->report_unreachable) {
		return true;
	}
	if (f->state == OGC_FETCH_FAILED && f->limit != NULL) {
		/* past a limit: reported as that limit (limit-redirects) */
		ogc_ctx_emit_at(ctx, ogc_ctx_limit(ctx, f->limit), at->pos,
			at->end, at->field, at->value, "%s does not load: %s",
			at->field, f->error);
	} else if (f->state == OGC_FETCH_FAILED) {
		ogc_ctx_emit_at(ctx, rule, at->pos, at->end, at->field, at->value,
			"%s does not load: %s", at->field, f->error);
	} else if (f->status < 200 || f->status >= 300) {
		ogc_ctx_emit_at(ctx, rule, at->pos, at->end, at->field, at->value,
			"%s does not load: %s answered HTTP %ld%s", at->field, where,
			f->status, f->redirects > 0 ? " (after redirects)" : "");
	} else {
		ogc_ctx_emit_at(ctx, rule, at->pos, at->end, at->field, at->value,
			"%s is not %s: %s answered with %s%s", at->field,
			r->content_type, where, f->content_type != NULL ?
			f->content_type : "no Content-Type",
			f->content_type != NULL ? "" : " header");
	}
	return true;
}

static void
judge(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const struct ogc_net_place *at, const struct ogc_fetch *f)
{
	const struct reach *r = group->data;
	const struct ogc_rule *rule = group->rule;
	const char *where = f->final_url != NULL ? f->final_url : at->value;
	const struct ogc_image_info *img = &f->image;
	char wanted[64];

	if (judge_load(group, r, ctx, at, where, f)) {
		return;
	}
	if ((r->min_width > 0 || r->min_height > 0) && f->image_cut) {
		ogc_ctx_emit_at(ctx, ogc_ctx_limit(ctx, "limit-download-size"),
			at->pos, at->end, at->field, at->value, "the size of %s "
			"is not known: the header of the %s at %s goes on past "
			"the first %u bytes, which is all ogcheck reads (limit "
			"download-size)", at->field,
			ogc_image_format_name(img->format), where,
			OGC_IMAGE_HEAD_MAX);
	} else if ((r->min_width > 0 || r->min_height > 0) && f->image_read &&
		img->format != OGC_IMAGE_NONE &&
		(img->width < r->min_width || img->height < r->min_height)) {
		ogc_ctx_emit_at(ctx, rule, at->pos, at->end, at->field, at->value,
			"%s is too small: the %s at %s is %lux%lu pixels, at least "
			"%s wanted", at->field, ogc_image_format_name(img->format),
			where, img->width, img->height, minimum(r, wanted,
			sizeof(wanted)));
	}
	if (r->max_bytes > 0 && f->bytes >= 0 &&
		(unsigned long long)f->bytes > r->max_bytes) {
		ogc_ctx_emit_at(ctx, rule, at->pos, at->end, at->field, at->value,
			"%s is too large: %s is %lld bytes, at most %lu wanted",
			at->field, where, f->bytes, r->max_bytes);
	}
}

static void
finish(struct ogc_field_group *group)
{
	free(group->data);
	group->data = NULL;
}

static const char *const params[] = {
	"content-type", "max-bytes", "min-height", "min-width", "unreachable",
	NULL,
};

const struct ogc_check_kind ogc_check_reachable = {
	.name = "reachable",
	.network = true,
	.params = params,
	.compile = compile,
	.run = run,
	.finish = finish,
	.judge = judge,
};
