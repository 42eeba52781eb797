/* same_url.c: the `same-url` check kind: two fields name the same URL. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "net/net.h"
#include "read/read.h"
#include "util/util.h"

/* A group's compiled parameters (group->data). */
struct same_url_data {
	const char **as; /* NULL-terminated; strings borrowed */
	size_t count;
	bool host;       /* part: host: only the hosts (and ports) compare */
};

static const char *const same_url_params[] = {"as", "part", NULL};

static bool
same_url_compile(struct ogc_field_group *group, struct ogc_error *err)
{
	struct same_url_data *data;
	const char **as = NULL;
	size_t count = 0;
	size_t i;

	const char *part = ogc_param_string(group, "part");
	bool host = part != NULL && strcmp(part, "host") == 0;

	if (ogc_param(group, "part") != NULL && !host &&
		(part == NULL || strcmp(part, "url") != 0)) {
		return ogc_param_error(err, group, "part", "part is url (the "
			"whole URL, the default) or host");
	}
	if (!ogc_param_strings(group, "as", &as, &count, err)) {
		return false;
	}
	if (count == 0 && !host) {
		free(as);
		return ogc_param_error(err, group, "as",
			"same-url needs `as`: the field (or fields) "
			"holding the URL to compare with, such as "
			"[canonical] (with part: host, --base-url may stand "
			"for it)");
	}
	for (i = 0; i < count; i++) {
		if (as[i][0] == '\0') {
			free(as);
			return ogc_param_error(err, group, "as",
				"as: an empty string is not a field path");
		}
	}
	data = calloc(1, sizeof(*data));
	if (data == NULL) {
		free(as);
		return ogc_error_nomem(err);
	}
	data->as = as;
	data->count = count;
	data->host = host;
	group->data = data;
	return true;
}

static void
same_url_finish(struct ogc_field_group *group)
{
	struct same_url_data *data = group->data;

	if (data != NULL) {
		free(data->as);
		free(data);
	}
	group->data = NULL;
}

/*
 * The first path of `as` present as a non-empty scalar, other than the
 * field being checked. An absent or empty other URL is not this check's
 * business: `required` rules say whether it must exist.
 */
static const struct ogc_node *
find_other(const struct same_url_data *data, const struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node, const char **path)
{
	const struct ogc_node *other;
	const char *found;
	size_t i;

	for (i = 0; i < data->count; i++) {
		if (strcmp(data->as[i], field) == 0) {
			continue;
		}
		other = ogc_ctx_lookup(ctx, data->as[i], &found);
		if (other == NULL || other == node ||
			other->kind != OGC_NODE_SCALAR || other->len == 0) {
			continue;
		}
		*path = found;
		return other;
	}
	return NULL;
}

/* og:url differs from the canonical URL: the canonical one is expected. */
static void
report_difference(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const char *field, const struct ogc_node *node, const char *other_path,
	const struct ogc_node *other, const char *mine, const char *theirs)
{
	const char *saved = ctx->expected;

	ctx->expected = other->text;
	if (strcmp(mine, node->text) == 0 && strcmp(theirs, other->text) == 0) {
		ogc_ctx_emit(ctx, rule, node, field,
			"%s \"%s\" differs from %s \"%s\"",
			field, node->text, other_path, other->text);
	} else {
		/* Show what was compared when it is not what was written, as
		 * when a relative canonical URL was resolved. */
		ogc_ctx_emit(ctx, rule, node, field,
			"%s \"%s\" differs from %s \"%s\" "
			"(compared as %s and %s)",
			field, node->text, other_path, other->text, mine,
			theirs);
	}
	ctx->expected = saved;
}

/*
 * Cuts a normalised URL ("https://x.org:8080/a") down to its host and port
 * ("x.org:8080"), in place.
 */
static char *
host_of(char *url)
{
	char *host = strstr(url, "://");
	char *slash;

	if (host == NULL) {
		return url;
	}
	host += 3;
	slash = strchr(host, '/');
	if (slash != NULL) {
		*slash = '\0';
	}
	return host;
}

/* part: host: the field's host against the other's, or --base-url's. */
static void
compare_hosts(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const char *field, const struct ogc_node *node, const char *other_path,
	const struct ogc_node *other)
{
	const char *base = ctx->options != NULL ? ctx->options->base_url : NULL;
	char *mine = ogc_url_normalize(node->text, NULL, NULL, 0);
	char *theirs = NULL;
	const char *want;

	if (mine == NULL) {
		goto done; /* url-format's to report */
	}
	if (other != NULL) {
		theirs = ogc_url_normalize(other->text, base, NULL, 0);
	} else if (base != NULL) {
		theirs = ogc_url_normalize(base, NULL, NULL, 0);
	}
	if (theirs == NULL) {
		goto done;
	}
	want = host_of(theirs);
	if (strcmp(host_of(mine), want) != 0) {
		ogc_ctx_emit(ctx, rule, node, field, "%s is on %s, not on %s "
			"(the host of %s)", field, host_of(mine), want,
			other != NULL ? other_path : "--base-url");
	}
done:
	free(mine);
	free(theirs);
}

static void
compare(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	const struct same_url_data *data = group->data;
	const struct ogc_rule *rule = group->rule;
	const struct ogc_node *other;
	const char *other_path = NULL;
	const char *base;
	char *mine = NULL;
	char *theirs = NULL;
	char why[160];

	/* An empty value is the `required` check's to report. */
	if (data == NULL || node->kind == OGC_NODE_NULL) {
		return;
	}
	if (!ogc_ctx_want_scalar(ctx, rule, field, node) || node->len == 0) {
		return;
	}
	other = find_other(data, ctx, field, node, &other_path);
	if (data->host) {
		compare_hosts(ctx, rule, field, node, other_path, other);
		return;
	}
	/*
	 * Equal text is equal after normalisation too, and it is the common
	 * case: skip the two URL parses.
	 */
	if (other == NULL || (other->len == node->len &&
		memcmp(other->text, node->text, node->len) == 0)) {
		return;
	}
	/* A value that does not normalise is url-format's to report. */
	mine = ogc_url_normalize(node->text, NULL, why, sizeof(why));
	if (mine == NULL) {
		return;
	}
	base = ctx->options != NULL ? ctx->options->base_url : NULL;
	theirs = ogc_url_normalize(other->text, base, why, sizeof(why));
	if (theirs == NULL && base == NULL &&
		ogc_url_is_relative(other->text)) {
		ogc_ctx_emit(ctx, rule, node, field,
			"%s cannot be compared with %s \"%s\": it is relative "
			"and no --base-url was given",
			field, other_path, other->text);
	} else if (theirs == NULL) {
		ogc_ctx_emit(ctx, rule, other, other_path,
			"%s is not a valid URL: \"%s\" (%s)",
			other_path, other->text, why);
	} else if (strcmp(mine, theirs) != 0) {
		report_difference(ctx, rule, field, node, other_path, other,
			mine, theirs);
	}
	free(mine);
	free(theirs);
}

static void
same_url_run(const struct ogc_field_group *group, struct ogc_ctx *ctx)
{
	ogc_ctx_each_field(group, ctx, compare);
}

const struct ogc_check_kind ogc_check_same_url = {
	.name = "same-url",
	.network = false,
	.params = same_url_params,
	.compile = same_url_compile,
	.run = same_url_run,
	.finish = same_url_finish,
};
