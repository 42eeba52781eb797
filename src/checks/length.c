/* length.c: the `length` check: min/max length as people and platforms
 * count it: columns (the default), grapheme clusters or code points. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "read/read.h"
#include "util/util.h"

enum unit {
	UNIT_COLUMNS,     /* clusters, wide ones 2 (as wcwidth) */
	UNIT_GRAPHEMES,   /* extended grapheme clusters */
	UNIT_CODE_POINTS,
	UNIT_PIXELS,      /* set in Arial at font-size pixels */
};

static const char *const unit_names[] = {"columns", "graphemes",
	"code-points", "pixels", NULL};

struct limits {
	unsigned long min;
	unsigned long max; /* 0 = none */
	bool has_max;
	enum unit unit;
	bool markdown; /* render: markdown (jekyll-seo-tag's markdownify) */
	unsigned long font_size; /* count: pixels: the text's size, px */
};

/*
 * The unit in the expected text: "at most 60 characters" for every unit
 * (in columns a wide character counts as two of them; the message says
 * so when it matters).
 */
static const char *
unit_word(enum unit unit)
{
	return unit == UNIT_PIXELS ? "pixels" : "characters";
}

/* False with err set when parameter `name` is given but is not text. */
static bool
one_word(const struct ogc_field_group *group, const char *name,
	const char *what, struct ogc_error *err)
{
	const struct ogc_node *n = ogc_param(group, name);

	if (n == NULL || n->kind == OGC_NODE_SCALAR) {
		return true;
	}
	return ogc_param_error(err, group, name, "%s, not %s", what,
		ogc_node_kind_name(n->kind));
}

static bool
compile(struct ogc_field_group *group, struct ogc_error *err)
{
	struct limits *l = calloc(1, sizeof(*l));
	const char *count;
	const char *render;
	size_t i;

	if (l == NULL) {
		return ogc_error_nomem(err);
	}
	group->data = l;
	if (!ogc_param_uint(group, "min", &l->min, err) ||
		!ogc_param_uint(group, "max", &l->max, err)) {
		return false;
	}
	l->has_max = ogc_param(group, "max") != NULL;
	/* a list or a map is no word: an error, not the default */
	if (!one_word(group, "count", "count is columns, graphemes, "
		"code-points or pixels", err) || !one_word(group, "render",
		"render is markdown or none", err)) {
		return false;
	}
	count = ogc_param_string(group, "count");
	for (i = 0; count != NULL && unit_names[i] != NULL &&
		strcmp(unit_names[i], count) != 0; i++) {
	}
	if (count != NULL && unit_names[i] == NULL) {
		return ogc_param_error(err, group, "count", "count is columns, "
			"graphemes, code-points or pixels, not \"%s\"", count);
	}
	l->unit = count != NULL ? (enum unit)i : UNIT_COLUMNS;
	render = ogc_param_string(group, "render");
	if (render != NULL && strcmp(render, "markdown") != 0 &&
		strcmp(render, "none") != 0) {
		return ogc_param_error(err, group, "render", "render is markdown "
			"or none, not \"%s\"", render);
	}
	l->markdown = render != NULL && strcmp(render, "markdown") == 0;
	l->font_size = 16;
	if (!ogc_param_uint(group, "font-size", &l->font_size, err)) {
		return false;
	}
	if (l->font_size == 0 || l->font_size > 200) {
		return ogc_param_error(err, group, "font-size", "font-size is "
			"the text's size in pixels, 1 to 200");
	}
	if (!l->has_max && ogc_param(group, "min") == NULL) {
		return ogc_param_error(err, group, "max", "length needs min, "
			"max or both");
	}
	if (l->has_max && l->min > l->max) {
		return ogc_param_error(err, group, "min", "min (%lu) is larger "
			"than max (%lu)", l->min, l->max);
	}
	if (l->has_max && l->min > 0) {
		return ogc_group_expect(group, err, "%lu to %lu %s", l->min,
			l->max, unit_word(l->unit));
	}
	if (l->has_max) {
		return ogc_group_expect(group, err, "at most %lu %s", l->max,
			unit_word(l->unit));
	}
	return ogc_group_expect(group, err, "at least %lu %s", l->min,
		unit_word(l->unit));
}

/*
 * "title is 64 columns wide; the limit is 60 (4 too many): 32
 * characters, 32 of them wide" -- what was counted, in the message.
 */
static void
check_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	const struct limits *l = group->data;
	struct ogc_text_size size;
	const char *text;
	char *rendered;
	size_t len;
	char detail[96];
	double pixels = 0;
	size_t n;

	if (!ogc_ctx_want_scalar(ctx, group->rule, field, node)) {
		return;
	}
	/* as the page shows it: entities decoded (an HTML page's are
	   already), markdown rendered where the generator renders it */
	text = node->text;
	len = node->len;
	rendered = NULL;
	if (l->markdown || (!ctx->flat && memchr(text, '&', len) != NULL)) {
		/* rendering never makes the text longer */
		rendered = malloc(node->len + 8);
		if (rendered == NULL) {
			ogc_report_fail(ctx->report);
			return;
		}
		len = ogc_text_render(node->text, node->len, l->markdown,
			rendered, node->len + 8);
		text = rendered;
	}
	if (l->unit == UNIT_PIXELS) {
		pixels = ogc_text_pixels(text, len, (double)l->font_size);
	} else {
		ogc_text_measure(text, len, &size);
	}
	free(rendered);
	if (l->unit == UNIT_PIXELS) {
		n = (size_t)(pixels + 0.5);
		if (l->has_max && n > l->max) {
			ogc_ctx_emit(ctx, group->rule, node, field, "%s is %zu pixels "
				"wide set in Arial at %lu px; the limit is %lu (%zu too "
				"many)", field, n, l->font_size, l->max, n - l->max);
		} else if (n < l->min) {
			ogc_ctx_emit(ctx, group->rule, node, field, "%s is %zu pixels "
				"wide set in Arial at %lu px; it should be at least %lu",
				field, n, l->font_size, l->min);
		}
		return;
	}
	n = l->unit == UNIT_COLUMNS ? size.columns : l->unit ==
		UNIT_GRAPHEMES ? size.graphemes : size.code_points;
	detail[0] = '\0';
	if (l->unit == UNIT_COLUMNS && size.wide > 0) {
		snprintf(detail, sizeof(detail), ": %zu characters, %zu of them "
			"wide", size.graphemes, size.wide);
	} else if (l->unit != UNIT_CODE_POINTS &&
		size.graphemes != size.code_points) {
		snprintf(detail, sizeof(detail), ": %zu characters of %zu code "
			"points", size.graphemes, size.code_points);
	}
	if (l->has_max && n > l->max) {
		ogc_ctx_emit(ctx, group->rule, node, field, l->unit ==
			UNIT_COLUMNS && size.wide > 0 ? "%s is %zu columns wide; "
			"the limit is %lu (%zu too many)%s" : "%s is %zu characters "
			"long; the limit is %lu (%zu too many)%s", field, n, l->max,
			n - l->max, detail);
	} else if (n < l->min) {
		ogc_ctx_emit(ctx, group->rule, node, field, "%s is %zu characters "
			"long; it should be at least %lu%s", field, n, l->min,
			detail);
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

static const char *const params[] = {"count", "font-size", "max", "min",
	"render", NULL};

const struct ogc_check_kind ogc_check_length = {
	.name = "length",
	.network = false,
	.params = params,
	.compile = compile,
	.run = run,
	.finish = finish,
};
