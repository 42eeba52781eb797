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
};

/* Anchors the user's expression: "[a-z]{2}" must match all of "en". */
static bool
compile(struct ogc_field_group *group, struct ogc_error *err)
{
	const char *source = ogc_param_string(group, "pattern");
	struct pattern *p;
	struct ogc_strbuf anchored = {0};
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
	return ogc_group_expect(group, err, "a value matching %s", source);
}

static void
check_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	const struct pattern *p = group->data;

	if (!ogc_ctx_want_scalar(ctx, group->rule, field, node)) {
		return;
	}
	/* regexec stops at a NUL; such a value cannot match as a whole */
	if (strlen(node->text) != node->len ||
		regexec(&p->re, node->text, 0, NULL, 0) != 0) {
		ogc_ctx_emit(ctx, group->rule, node, field, "%s \"%s\" does not "
			"match the pattern %s", field, node->text, p->source);
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

static const char *const params[] = {"pattern", NULL};

const struct ogc_check_kind ogc_check_pattern = {
	.name = "pattern",
	.network = false,
	.params = params,
	.compile = compile,
	.run = run,
	.finish = finish,
};
