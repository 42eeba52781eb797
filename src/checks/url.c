/* url.c: the `url` check kind: absolute URLs, and URLs escaped twice. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks/check.h"
#include "net/net.h"
#include "read/read.h"
#include "util/util.h"

enum url_mode {
	URL_MODE_FORMAT,   /* absolute, allowed scheme, no blanks */
	URL_MODE_ENTITIES, /* no HTML character reference */
};

/* A group's compiled parameters (group->data). */
struct url_data {
	enum url_mode mode;
	const char **schemes; /* NULL-terminated; strings borrowed */
	size_t scheme_count;
	char *allowed;  /* "http, https", for messages */
	char *expected; /* "http:// or https://", for messages */
};

/* Alphasorted. */
static const char *const url_params[] = {"mode", "schemes", NULL};

static const char *const default_schemes[] = {"http", "https"};

/* RFC 3986 section 3.1: a letter, then letters, digits, '+', '-', '.'. */
static bool
is_scheme_name(const char *s)
{
	size_t i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) {
		return false;
	}
	for (i = 1; s[i] != '\0'; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= 'A' && s[i] <= 'Z') ||
			(s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
			s[i] == '-' || s[i] == '.')) {
			return false;
		}
	}
	return true;
}

static void
data_free(struct url_data *data)
{
	if (data == NULL) {
		return;
	}
	free(data->schemes);
	free(data->allowed);
	free(data->expected);
	free(data);
}

static bool
compile_mode(struct url_data *data, const struct ogc_field_group *group,
	struct ogc_error *err)
{
	const struct ogc_node *mode = ogc_param(group, "mode");

	if (mode == NULL) {
		data->mode = URL_MODE_FORMAT;
		return true;
	}
	if (mode->kind != OGC_NODE_SCALAR) {
		return ogc_param_error(err, group, "mode",
			"mode must be format or entities, not %s",
			ogc_node_kind_name(mode->kind));
	}
	if (strcmp(mode->text, "format") == 0) {
		data->mode = URL_MODE_FORMAT;
	} else if (strcmp(mode->text, "entities") == 0) {
		data->mode = URL_MODE_ENTITIES;
	} else {
		return ogc_param_error(err, group, "mode",
			"unknown mode \"%s\" (expected format or entities)",
			mode->text);
	}
	return true;
}

static bool
compile_schemes(struct url_data *data, const struct ogc_field_group *group,
	struct ogc_error *err)
{
	size_t i;

	if (!ogc_param_strings(group, "schemes", &data->schemes,
		&data->scheme_count, err)) {
		return false;
	}
	if (data->scheme_count == 0 && ogc_param(group, "schemes") != NULL) {
		return ogc_param_error(err, group, "schemes",
			"schemes must list at least one scheme, such as https");
	}
	for (i = 0; i < data->scheme_count; i++) {
		if (!is_scheme_name(data->schemes[i])) {
			return ogc_param_error(err, group, "schemes",
				"\"%s\" is not a URL scheme (a letter, then "
				"letters, digits, \"+\", \"-\" or \".\")",
				data->schemes[i]);
		}
	}
	if (data->scheme_count != 0) {
		return true;
	}
	free(data->schemes);
	data->scheme_count = sizeof(default_schemes) / sizeof(*default_schemes);
	data->schemes = calloc(data->scheme_count + 1, sizeof(*data->schemes));
	if (data->schemes == NULL) {
		return ogc_error_nomem(err);
	}
	for (i = 0; i < data->scheme_count; i++) {
		data->schemes[i] = default_schemes[i];
	}
	return true;
}

/*
 * Builds the two lists the messages show, once per rule rather than once
 * per value: "http, https" and "http:// or https://".
 */
static bool
compile_texts(struct url_data *data, struct ogc_error *err)
{
	struct ogc_strbuf allowed = {0};
	struct ogc_strbuf expected = {0};
	size_t i;

	for (i = 0; i < data->scheme_count; i++) {
		if (i != 0) {
			ogc_strbuf_add(&allowed, ", ", 2);
			if (i + 1 == data->scheme_count) {
				ogc_strbuf_add(&expected, " or ", 4);
			} else {
				ogc_strbuf_add(&expected, ", ", 2);
			}
		}
		ogc_strbuf_addf(&allowed, "%s", data->schemes[i]);
		ogc_strbuf_addf(&expected, "%s://", data->schemes[i]);
	}
	if (allowed.failed || expected.failed || allowed.data == NULL ||
		expected.data == NULL) {
		ogc_strbuf_finish(&allowed);
		ogc_strbuf_finish(&expected);
		return ogc_error_nomem(err);
	}
	data->allowed = allowed.data;
	data->expected = expected.data;
	return true;
}

static bool
url_compile(struct ogc_field_group *group, struct ogc_error *err)
{
	struct url_data *data;

	data = calloc(1, sizeof(*data));
	if (data == NULL) {
		return ogc_error_nomem(err);
	}
	if (!compile_mode(data, group, err) ||
		!compile_schemes(data, group, err) ||
		!compile_texts(data, err) ||
		!(data->mode == URL_MODE_ENTITIES ?
		ogc_group_expect(group, err, "a URL with no HTML entity") :
		ogc_group_expect(group, err, "an absolute URL (scheme %s)",
		data->allowed))) {
		data_free(data);
		return false;
	}
	group->data = data;
	return true;
}

static void
url_finish(struct ogc_field_group *group)
{
	data_free(group->data);
	group->data = NULL;
}

/* Writes cp as UTF-8 percent-escapes ("%C2%A0") to out[0..size). */
static void
percent_encode(uint32_t cp, char *out, size_t size)
{
	unsigned char b[4];
	size_t n;
	size_t i;
	size_t used = 0;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	out[0] = '\0';
	for (i = 0; i < n && used + 3 < size; i++) {
		snprintf(out + used, size - used, "%%%02X", b[i]);
		used += 3;
	}
}

/* "a tab", "a non-breaking space (U+00A0)", ... for blank messages. */
static void
blank_name(uint32_t cp, char *out, size_t size)
{
	if (cp == '\t') {
		snprintf(out, size, "a tab");
	} else if (cp == '\n') {
		snprintf(out, size, "a line break");
	} else if (cp == '\r') {
		snprintf(out, size, "a carriage return");
	} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
		snprintf(out, size, "a control character (U+%04X)",
			(unsigned)cp);
	} else if (cp == 0xa0) {
		snprintf(out, size, "a non-breaking space (U+00A0)");
	} else {
		snprintf(out, size, "an invisible character (U+%04X)",
			(unsigned)cp);
	}
}

/*
 * True when s[0..len) holds only blanks: the blank found is part of a
 * leading or trailing run, which is removed rather than encoded.
 */
static bool
only_blanks(const char *s, size_t len)
{
	size_t at;
	uint32_t cp;
	size_t n;

	while (len > 0) {
		if (!ogc_url_find_blank(s, len, &at, &cp) || at != 0) {
			return false;
		}
		n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		s += n;
		len -= n;
	}
	return true;
}

static void
report_blank(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const char *field, const struct ogc_node *node, size_t at, uint32_t cp)
{
	size_t column = ogc_utf8_length(node->text, at) + 1;
	bool edge = at == 0 || only_blanks(node->text + at, node->len - at);
	char name[64];
	char escape[16];

	percent_encode(cp, escape, sizeof(escape));
	if (cp == ' ' && !edge) {
		ogc_ctx_emit(ctx, rule, node, field,
			"%s has a space at character %zu: \"%s\" "
			"(percent-encode it as %%20)",
			field, column, node->text);
		return;
	}
	if (cp == ' ') {
		snprintf(name, sizeof(name), "a space");
	} else {
		blank_name(cp, name, sizeof(name));
	}
	if (edge) {
		ogc_ctx_emit(ctx, rule, node, field,
			"%s has %s at character %zu: \"%s\" (remove it)",
			field, name, column, node->text);
	} else {
		ogc_ctx_emit(ctx, rule, node, field,
			"%s has %s at character %zu: \"%s\" "
			"(remove it, or percent-encode it as %s)",
			field, name, column, node->text, escape);
	}
}

static bool
scheme_allowed(const struct url_data *data, const char *scheme)
{
	size_t i;

	for (i = 0; i < data->scheme_count; i++) {
		if (strcasecmp(data->schemes[i], scheme) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * A relative front matter field that the site's generator makes absolute
 * (jekyll-seo-tag's absolute_url on image, Hugo's absURL on images) is
 * the URL it makes against the site's base URL; against one that the
 * config sets in code (base_unread), a path that makes a URL against
 * any. Fields spelled as og: tags, and built pages, are taken as
 * written.
 */
static bool
made_absolute(const struct ogc_ctx *ctx, const char *field,
	const struct ogc_node *node)
{
	const char *slash = strchr(node->text, '/');
	const char *dot = strchr(node->text, '.');
	char *url;

	/* "news.example.org/b.jpg": a host that lost its scheme, which the
	   generator would turn into a path below the site */
	if (node->text[0] != '/' && node->text[0] != '.' && dot != NULL &&
		slash != NULL && dot < slash) {
		return false;
	}
	if (ctx->flat || ctx->site == NULL || (ctx->site->base_url == NULL &&
		!ctx->site->base_unread) || !ogc_site_modelled(ctx->site) ||
		strchr(field, ':') != NULL || strncmp(field, "og.", 3) == 0 ||
		strncmp(field, "twitter.", 8) == 0) {
		return false;
	}
	/* (example.invalid: a name that is never looked up, RFC 2606) */
	url = ogc_url_normalize(node->text, ctx->site->base_url != NULL ?
		ctx->site->base_url : "https://example.invalid/", NULL, 0);
	free(url);
	return url != NULL;
}

static void
check_format(const struct url_data *data, struct ogc_ctx *ctx,
	const struct ogc_rule *rule, const char *field,
	const struct ogc_node *node)
{
	char scheme[64];
	char why[160];
	size_t at;
	uint32_t cp;
	bool ok;

	/* words, not an address: "Jane Doe" where a profile's URL goes */
	if (strchr(node->text, '/') == NULL && strchr(node->text, ':') ==
		NULL && strchr(node->text, ' ') != NULL) {
		ogc_ctx_emit(ctx, rule, node, field, "%s \"%s\" is not a URL "
			"(expected the address of a page, starting with %s)", field,
			node->text, data->expected);
		return;
	}
	/* First, since libcurl rejects some blanks and accepts others. */
	if (ogc_url_find_blank(node->text, node->len, &at, &cp)) {
		report_blank(ctx, rule, field, node, at, cp);
		return;
	}
	ok = ogc_url_parse_absolute(node->text, scheme, sizeof(scheme), why,
		sizeof(why));
	/* A wrong scheme is the clearer message even when parsing failed
	 * too ("mailto:a@b.org" has no host as well). */
	if (scheme[0] != '\0' && !scheme_allowed(data, scheme)) {
		ogc_ctx_emit(ctx, rule, node, field,
			"%s uses scheme \"%s\" (allowed: %s)",
			field, scheme, data->allowed);
	} else if (!ok && ogc_url_is_relative(node->text) &&
		ctx->relative_rule != NULL) {
		/* in an HTML page this is url-relative's finding */
		ogc_ctx_emit(ctx, ctx->relative_rule, node, field,
			"%s is a relative URL: \"%s\"; scrapers read it without "
			"the page's address, so give it in full (starting with "
			"%s)", field, node->text, data->expected);
	} else if (!ok && ogc_url_is_relative(node->text) &&
		made_absolute(ctx, field, node)) {
		return;
	} else if (!ok && ogc_url_is_relative(node->text)) {
		ogc_ctx_emit(ctx, rule, node, field,
			"%s is not an absolute URL: \"%s\" "
			"(expected a URL starting with %s)",
			field, node->text, data->expected);
	} else if (!ok) {
		ogc_ctx_emit(ctx, rule, node, field,
			"%s is not a valid URL: \"%s\" (%s)",
			field, node->text, why);
	}
}

/* Entities whose character is worth naming; alphasorted. */
static const struct {
	const char *name;
	const char *text;
} named_entities[] = {
	{"amp", "\"&\""},
	{"apos", "\"'\""},
	{"gt", "\">\""},
	{"lt", "\"<\""},
	{"quot", "'\"'"},
};

/*
 * What to write instead of the reference s[0..len), quoted for the
 * message: "&amp;" and "&#38;" give "\"&\"". Falls back to a description
 * for references that stand for nothing printable.
 */
static void
entity_advice(const char *s, size_t len, char *out, size_t size)
{
	size_t count = sizeof(named_entities) / sizeof(*named_entities);
	unsigned long cp;
	size_t i;

	if (len > 3 && s[1] == '#') {
		if (s[2] == 'x' || s[2] == 'X') {
			cp = strtoul(s + 3, NULL, 16);
		} else {
			cp = strtoul(s + 2, NULL, 10);
		}
		if (cp > 0x20 && cp < 0x7f) {
			if (cp == '"') {
				snprintf(out, size, "'\"'");
			} else {
				snprintf(out, size, "\"%c\"", (int)cp);
			}
			return;
		}
	} else {
		for (i = 0; i < count; i++) {
			if (strlen(named_entities[i].name) == len - 2 &&
				strncasecmp(s + 1, named_entities[i].name,
					len - 2) == 0) {
				snprintf(out, size, "%s", named_entities[i].text);
				return;
			}
		}
	}
	snprintf(out, size, "the character it stands for");
}

static void
check_entities(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const char *field, const struct ogc_node *node)
{
	size_t start;
	size_t len;
	char advice[64];

	if (!ogc_url_find_entity(node->text, node->len, &start, &len)) {
		return;
	}
	entity_advice(node->text + start, len, advice, sizeof(advice));
	ogc_ctx_emit(ctx, rule, node, field,
		"%s holds the HTML entity \"%.*s\": the URL was escaped twice "
		"(use %s instead)",
		field, (int)len, node->text + start, advice);
}

static void
check_value(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	const struct url_data *data = group->data;

	/* An empty value is the `required` check's to report. */
	if (data == NULL || node->kind == OGC_NODE_NULL) {
		return;
	}
	if (!ogc_ctx_want_scalar(ctx, group->rule, field, node) ||
		node->len == 0) {
		return;
	}
	if (data->mode == URL_MODE_ENTITIES) {
		check_entities(ctx, group->rule, field, node);
	} else {
		check_format(data, ctx, group->rule, field, node);
	}
}

static void
url_run(const struct ogc_field_group *group, struct ogc_ctx *ctx)
{
	ogc_ctx_each_field(group, ctx, check_value);
}

const struct ogc_check_kind ogc_check_url = {
	.name = "url",
	.network = false,
	.params = url_params,
	.compile = url_compile,
	.run = url_run,
	.finish = url_finish,
};
