/* reachable.c: the `reachable` check: a URL loads (network). */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks/check.h"
#include "net/net.h"
#include "read/read.h"
#include "util/util.h"

/*
 * run() only queues each URL; the network stage fetches every distinct URL
 * once, after all files, and calls judge() for each place that used it.
 */
struct reach {
	const char *content_type; /* NULL: any type */
	unsigned long min_width;
	unsigned long min_height;
	unsigned long max_width;  /* 0: no maximum */
	unsigned long max_height;
	unsigned long max_bytes;
	double ratio;             /* aspect-ratio, width / height; 0: none */
	const char *ratio_text;   /* as written: "1.91:1" */
	double tolerance;         /* aspect-tolerance, a fraction (0.05) */
	unsigned formats;         /* bit (1 << format) per allowed format;
	                             0: any */
	const char **declared_width;  /* paths of the declared size */
	size_t declared_width_count;
	const char **declared_height;
	size_t declared_height_count;
	bool report_unreachable; /* false: only the image facts are judged
	                            (another rule reports what does not load) */
};

/* Whether the rule needs the image's header bytes. */
static bool
wants_image(const struct reach *r)
{
	return r->min_width > 0 || r->min_height > 0 || r->max_width > 0 ||
		r->max_height > 0 || r->ratio > 0 || r->formats != 0 ||
		r->declared_width_count > 0 || r->declared_height_count > 0;
}

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

/* A positive decimal number such as 1.91; false when s is not one. */
static bool
parse_decimal(const char *s, size_t len, double *out)
{
	double v = 0;
	double scale = 1;
	bool digits = false;
	bool point = false;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '.' && !point) {
			point = true;
		} else if (s[i] >= '0' && s[i] <= '9' && (i < 12)) {
			digits = true;
			if (point) {
				scale /= 10;
				v += (s[i] - '0') * scale;
			} else {
				v = v * 10 + (s[i] - '0');
			}
		} else {
			return false;
		}
	}
	*out = v;
	return digits && v > 0;
}

/*
 * aspect-ratio: "1.91:1", "16:9" or "1.91" (width / height);
 * aspect-tolerance: a fraction of it, "0.05" or "5%" (default 5%).
 */
static bool
compile_ratio(struct ogc_field_group *group, struct reach *r,
	struct ogc_error *err)
{
	const char *text = ogc_param_string(group, "aspect-ratio");
	const char *tol = ogc_param_string(group, "aspect-tolerance");
	const char *colon;
	double w;
	double h = 1;
	size_t n;

	r->tolerance = 0.05;
	if (ogc_param(group, "aspect-ratio") == NULL) {
		return ogc_param(group, "aspect-tolerance") == NULL ||
			ogc_param_error(err, group, "aspect-tolerance",
			"aspect-tolerance needs an aspect-ratio");
	}
	colon = text != NULL ? strchr(text, ':') : NULL;
	n = text == NULL ? 0 : colon != NULL ? (size_t)(colon - text) :
		strlen(text);
	if (text == NULL || !parse_decimal(text, n, &w) || (colon != NULL &&
		!parse_decimal(colon + 1, strlen(colon + 1), &h))) {
		return ogc_param_error(err, group, "aspect-ratio", "aspect-ratio "
			"is width:height (1.91:1, 16:9) or a number (1.91)");
	}
	r->ratio = w / h;
	r->ratio_text = text;
	if (ogc_param(group, "aspect-tolerance") == NULL) {
		return true;
	}
	n = tol != NULL ? strlen(tol) : 0;
	if (tol == NULL || n == 0 || !parse_decimal(tol, tol[n - 1] == '%' ?
		n - 1 : n, &r->tolerance) || r->tolerance >= (tol[n - 1] == '%' ?
		100 : 1)) {
		return ogc_param_error(err, group, "aspect-tolerance",
			"aspect-tolerance is a fraction (0.05) or a percentage (5%%) "
			"below 100%%");
	}
	if (tol[n - 1] == '%') {
		r->tolerance /= 100;
	}
	return true;
}

/* formats: [png, jpeg, gif, webp] (jpg for jpeg; any case). */
static bool
compile_formats(struct ogc_field_group *group, struct reach *r,
	struct ogc_error *err)
{
	const char **names;
	size_t count;
	size_t i;
	int k;
	bool ok = true;

	if (!ogc_param_strings(group, "formats", &names, &count, err)) {
		return false;
	}
	for (i = 0; i < count && ok; i++) {
		for (k = OGC_IMAGE_PNG; k <= OGC_IMAGE_WEBP; k++) {
			if (strcasecmp(names[i], ogc_image_format_name(
				(enum ogc_image_format)k)) == 0 ||
				(k == OGC_IMAGE_JPEG &&
				strcasecmp(names[i], "jpg") == 0)) {
				r->formats |= 1u << k;
				break;
			}
		}
		if (k > OGC_IMAGE_WEBP) {
			ok = ogc_param_item_error(err, group, "formats", i,
				"\"%s\" is not an image format ogcheck reads (png, "
				"jpeg, gif, webp)", names[i]);
		}
	}
	free(names);
	return ok;
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
		ogc_param_uint(group, "max-width", &r->max_width, err) &&
		ogc_param_uint(group, "max-height", &r->max_height, err) &&
		ogc_param_uint(group, "max-bytes", &r->max_bytes, err) &&
		compile_ratio(group, r, err) && compile_formats(group, r, err) &&
		ogc_param_strings(group, "declared-width", &r->declared_width,
		&r->declared_width_count, err) &&
		ogc_param_strings(group, "declared-height", &r->declared_height,
		&r->declared_height_count, err) &&
		expect(group, r, err);
}

/*
 * A declared size: the first of `paths` that is a member of the image's
 * own value (HTML's og:image:width after its og:image), else a single
 * value at that path in the document. 0 when none is a whole number.
 */
static uint32_t
declared(const struct ogc_ctx *ctx, const struct ogc_node *image,
	const char **paths, size_t count, const char **field)
{
	const struct ogc_node *n;
	unsigned long v;
	char *end;
	size_t i;

	for (i = 0; i < count; i++) {
		n = ogc_node_member(image, paths[i]);
		if (n == NULL) {
			n = ogc_ctx_lookup_any(ctx, paths[i]);
		}
		if (n == NULL || n->kind != OGC_NODE_SCALAR || n->len == 0 ||
			n->text[0] < '0' || n->text[0] > '9') {
			continue;
		}
		v = strtoul(n->text, &end, 10);
		if (*end == '\0' && v > 0 && v <= UINT32_MAX) {
			*field = paths[i];
			return (uint32_t)v;
		}
	}
	return 0;
}

static void
queue_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	const struct reach *r = group->data;
	struct ogc_declared d;

	memset(&d, 0, sizeof(d));
	d.width = declared(ctx, node, r->declared_width,
		r->declared_width_count, &d.width_field);
	d.height = declared(ctx, node, r->declared_height,
		r->declared_height_count, &d.height_field);
	/* an image that is a file of the site: judged from the file */
	if ((wants_image(r) || (r->content_type != NULL &&
		strncasecmp(r->content_type, "image/", 6) == 0)) &&
		ogc_ctx_site_image(ctx, group, field, node, &d)) {
		return;
	}
	ogc_ctx_queue_url(ctx, group, field, node, wants_image(r), &d);
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

/* "PNG, JPEG or WebP": the formats a rule allows. */
static const char *
format_list(unsigned formats, char *buf, size_t size)
{
	size_t n = 0;
	int k;

	buf[0] = '\0';
	for (k = OGC_IMAGE_PNG; k <= OGC_IMAGE_WEBP; k++) {
		if ((formats & (1u << k)) != 0 && n < size) {
			n += (size_t)snprintf(buf + n, size - n, "%s%s",
				n > 0 ? ", " : "",
				ogc_image_format_name((enum ogc_image_format)k));
		}
	}
	return buf;
}

/* The facts of an image whose header was read: format and size. */
static void
judge_image(const struct ogc_field_group *group, const struct reach *r,
	struct ogc_ctx *ctx, const struct ogc_net_place *at, const char *where,
	const struct ogc_fetch *f)
{
	const struct ogc_rule *rule = group->rule;
	const struct ogc_image_info *img = &f->image;
	const char *name = ogc_image_format_name(img->format);
	char wanted[96];
	double ratio;
	double off;

	if (r->formats != 0 && (img->format == OGC_IMAGE_NONE ||
		(r->formats & (1u << img->format)) == 0)) {
		ogc_ctx_emit_at(ctx, rule, at->pos, at->end, at->field, at->value,
			"%s is not in a format wanted (%s): %s is %s", at->field,
			format_list(r->formats, wanted, sizeof(wanted)), where,
			img->format != OGC_IMAGE_NONE ? name : f->content_type !=
			NULL ? f->content_type : "of no known type");
	}
	if (img->format == OGC_IMAGE_NONE) {
		return;
	}
	if (img->width < r->min_width || img->height < r->min_height) {
		ogc_ctx_emit_at(ctx, rule, at->pos, at->end, at->field, at->value,
			"%s is too small: the %s at %s is %lux%lu pixels, at least "
			"%s wanted", at->field, name, where, img->width, img->height,
			minimum(r, wanted, sizeof(wanted)));
	}
	if ((r->max_width > 0 && img->width > r->max_width) ||
		(r->max_height > 0 && img->height > r->max_height)) {
		ogc_ctx_emit_at(ctx, rule, at->pos, at->end, at->field, at->value,
			"%s is too large: the %s at %s is %lux%lu pixels, at most "
			"%lux%lu wanted", at->field, name, where, img->width,
			img->height, r->max_width, r->max_height);
	}
	if (r->ratio > 0 && img->height > 0) {
		ratio = (double)img->width / (double)img->height;
		off = ratio > r->ratio ? ratio - r->ratio : r->ratio - ratio;
		if (off > r->ratio * r->tolerance) {
			ogc_ctx_emit_at(ctx, rule, at->pos, at->end, at->field,
				at->value, "%s has the wrong shape: the %s at %s is "
				"%lux%lu pixels, %.2f:1, and %s is wanted (within "
				"%g%%)", at->field, name, where, img->width,
				img->height, ratio, r->ratio_text,
				r->tolerance * 100);
		}
	}
	if (at->declared.width != 0 && at->declared.width != img->width) {
		ogc_ctx_emit_at(ctx, rule, at->pos, at->end, at->field, at->value,
			"%s says %u, but the %s at %s is %lu pixels wide",
			at->declared.width_field, at->declared.width, name, where,
			img->width);
	}
	if (at->declared.height != 0 && at->declared.height != img->height) {
		ogc_ctx_emit_at(ctx, rule, at->pos, at->end, at->field, at->value,
			"%s says %u, but the %s at %s is %lu pixels high",
			at->declared.height_field, at->declared.height, name, where,
			img->height);
	}
}

static void
judge(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const struct ogc_net_place *at, const struct ogc_fetch *f)
{
	const struct reach *r = group->data;
	const struct ogc_rule *rule = group->rule;
	const char *where = f->final_url != NULL ? f->final_url : at->value;

	if (judge_load(group, r, ctx, at, where, f)) {
		return;
	}
	if (wants_image(r) && f->image_cut) {
		ogc_ctx_emit_at(ctx, ogc_ctx_limit(ctx, "limit-download-size"),
			at->pos, at->end, at->field, at->value, "the size of %s "
			"is not known: the header of the %s at %s goes on past "
			"the first %u bytes, which is all ogcheck reads (limit "
			"download-size)", at->field,
			ogc_image_format_name(f->image.format), where,
			OGC_IMAGE_HEAD_MAX);
	} else if (wants_image(r) && f->image_read) {
		judge_image(group, r, ctx, at, where, f);
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
	struct reach *r = group->data;

	if (r != NULL) {
		free(r->declared_width);
		free(r->declared_height);
	}
	free(group->data);
	group->data = NULL;
}

static const char *const params[] = {
	"aspect-ratio", "aspect-tolerance", "content-type", "declared-height",
	"declared-width", "formats", "max-bytes", "max-height", "max-width",
	"min-height", "min-width", "unreachable", NULL,
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
