/* pattern.c: the `pattern` check: the whole value matches a POSIX ERE. */
/* SPDX-License-Identifier: MIT */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "read/read.h"
#include "util/util.h"

struct pattern {
	regex_t re;
	const char *source;
	/* replace: [from, to]: what the generator rewrites before it writes
	   the value (jekyll-seo-tag's og:locale: "-" -> "_"); or NULL */
	const char *from;
	const char *to;
};

/* The field as the rule names it, for a value found through an alias. */
static const char *
own_name(const struct ogc_field_group *group, const char *field)
{
	size_t i;

	for (i = 0; i < group->count; i++) {
		if (strcmp(group->paths[i], field) == 0) {
			return NULL; /* the field itself */
		}
	}
	for (i = 0; i < group->count; i++) {
		if (strchr(group->paths[i], ':') != NULL) {
			return group->paths[i]; /* og:locale, as pages spell it */
		}
	}
	return group->count > 0 ? group->paths[0] : NULL;
}

/* text with every `from` made `to`, into buf; false when it is too long. */
static bool
rewrite(const struct pattern *p, const char *text, char *buf, size_t size)
{
	size_t from = strlen(p->from);
	size_t to = strlen(p->to);
	size_t n = 0;

	while (*text != '\0') {
		if (from > 0 && strncmp(text, p->from, from) == 0) {
			if (n + to >= size) {
				return false;
			}
			memcpy(buf + n, p->to, to);
			n += to;
			text += from;
		} else {
			if (n + 1 >= size) {
				return false;
			}
			buf[n++] = *text++;
		}
	}
	buf[n] = '\0';
	return true;
}

/* Anchors the user's expression: "[a-z]{2}" must match all of "en". */
static bool
compile(struct ogc_field_group *group, struct ogc_error *err)
{
	const char *source = ogc_param_string(group, "pattern");
	struct pattern *p;
	struct ogc_strbuf anchored = {0};
	const char **pair = NULL;
	size_t count = 0;
	char why[128];
	int rc;

	if (source == NULL || source[0] == '\0') {
		return ogc_param_error(err, group, "pattern", "pattern needs a "
			"POSIX extended regular expression");
	}
	ogc_strbuf_addf(&anchored, "^(%s)$", source);
	if (anchored.failed) {
		ogc_strbuf_finish(&anchored);
		return ogc_error_nomem(err);
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		ogc_strbuf_finish(&anchored);
		return ogc_error_nomem(err);
	}
	rc = regcomp(&p->re, anchored.data, REG_EXTENDED | REG_NOSUB);
	ogc_strbuf_finish(&anchored);
	if (rc != 0) {
		regerror(rc, &p->re, why, sizeof(why));
		free(p);
		return ogc_param_error(err, group, "pattern", "pattern \"%s\" "
			"is not a valid POSIX extended regular expression: %s",
			source, why);
	}
	p->source = source;
	group->data = p;
	if (!ogc_param_strings(group, "replace", &pair, &count, err)) {
		return false;
	}
	if (pair != NULL && (count != 2 || pair[0][0] == '\0')) {
		free(pair);
		return ogc_param_error(err, group, "replace", "replace is a pair "
			"[from, to], such as [\"-\", \"_\"]");
	}
	if (pair != NULL) {
		p->from = pair[0];
		p->to = pair[1];
		free(pair);
	}
	return ogc_group_expect(group, err, "a value matching %s", source);
}

static void
check_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	const struct pattern *p = group->data;
	const char *own = own_name(group, field);
	const char *text;
	char written[512];

	if (!ogc_ctx_want_scalar(ctx, group->rule, field, node)) {
		return;
	}
	/* regexec stops at a NUL; such a value cannot match as a whole */
	if (strlen(node->text) != node->len) {
		ogc_ctx_emit(ctx, group->rule, node, field, "%s \"%s\" does not "
			"match the pattern %s", field, node->text, p->source);
		return;
	}
	if (own != NULL && ctx->site != NULL && ogc_site_modelled(ctx->site) &&
		ogc_site_supplies(ctx->site, ctx->rel, own) == NULL) {
		return; /* nothing writes `own` from it: lang is not og:locale */
	}
	text = node->text;
	if (p->from != NULL && own != NULL && rewrite(p, text, written,
		sizeof(written))) {
		text = written;
	}
	if (regexec(&p->re, text, 0, NULL, 0) == 0) {
		return;
	}
	if (own != NULL) {
		/* judged as the field the page will carry */
		ogc_ctx_emit(ctx, group->rule, node, field, "%s would be \"%s\" "
			"(written from %s: \"%s\"), which does not match the "
			"pattern %s", own, text, field, node->text, p->source);
	} else {
		ogc_ctx_emit(ctx, group->rule, node, field, "%s \"%s\" does not "
			"match the pattern %s", field, text, p->source);
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
	struct pattern *p = group->data;

	if (p != NULL) {
		regfree(&p->re);
		free(p);
	}
	group->data = NULL;
}

static const char *const params[] = {"pattern", "replace", NULL};

const struct ogc_check_kind ogc_check_pattern = {
	.name = "pattern",
	.network = false,
	.params = params,
	.compile = compile,
	.run = run,
	.finish = finish,
};
