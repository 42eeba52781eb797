/* out_json.c: the JSON renderer (SPEC "JSON output"). */
/* SPDX-License-Identifier: MIT */
/* The only file that includes <cjson/cJSON.h>. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "internal.h"

static bool
add_string(cJSON *obj, const char *name, const char *value)
{
	return cJSON_AddStringToObject(obj, name, value) != NULL;
}

static bool
add_number(cJSON *obj, const char *name, double value)
{
	return cJSON_AddNumberToObject(obj, name, value) != NULL;
}

static bool
add_diag(cJSON *list, const struct ogc_diag *d)
{
	cJSON *obj = cJSON_CreateObject();

	if (obj == NULL) {
		return false;
	}
	if (!cJSON_AddItemToArray(list, obj)) {
		cJSON_Delete(obj);
		return false;
	}
	return add_string(obj, "file", d->file) &&
		add_number(obj, "line", d->pos.line) &&
		add_number(obj, "column", d->pos.column) &&
		add_string(obj, "severity", ogc_severity_name(d->severity)) &&
		add_string(obj, "rule", d->rule) &&
		(d->field == NULL || add_string(obj, "field", d->field)) &&
		(d->value == NULL || add_string(obj, "value", d->value)) &&
		add_string(obj, "message", d->message);
}

static cJSON *
build_report(const struct ogc_report *report)
{
	struct ogc_summary s;
	const struct ogc_diag *d;
	cJSON *root = cJSON_CreateObject();
	cJSON *summary;
	cJSON *list;
	size_t i;

	if (root == NULL) {
		return NULL;
	}
	ogc_report_summary(report, &s);
	if (!add_string(root, "tool", "ogcheck") ||
		!add_string(root, "version", ogc_version())) {
		goto fail;
	}
	summary = cJSON_AddObjectToObject(root, "summary");
	if (summary == NULL ||
		!add_number(summary, "files", (double)s.files) ||
		!add_number(summary, "errors", (double)s.errors) ||
		!add_number(summary, "warnings", (double)s.warnings) ||
		!add_number(summary, "infos", (double)s.infos) ||
		!add_number(summary, "skipped", (double)s.skipped)) {
		goto fail;
	}
	list = cJSON_AddArrayToObject(root, "diagnostics");
	if (list == NULL) {
		goto fail;
	}
	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!add_diag(list, d)) {
			goto fail;
		}
	}
	return root;
fail:
	cJSON_Delete(root);
	return NULL;
}

static void
newline(FILE *out, int depth)
{
	fputc('\n', out);
	while (depth-- > 0) {
		fputs("  ", out);
	}
}

/*
 * Writes cJSON's compact text indented by two spaces, the layout SPEC
 * shows (cJSON_Print indents with tabs and pads after colons):
 *   {"a":[1,2],"b":{}}  ->  {\n  "a": [\n    1,\n    2\n  ],\n  "b": {}\n}
 */
static void
write_indented(FILE *out, const char *s)
{
	bool in_string = false;
	int depth = 0;

	for (; *s != '\0'; s++) {
		if (in_string) {
			fputc(*s, out);
			if (*s == '\\' && s[1] != '\0') {
				fputc(*++s, out);
			} else if (*s == '"') {
				in_string = false;
			}
			continue;
		}
		switch (*s) {
		case '"':
			in_string = true;
			fputc(*s, out);
			break;
		case '{':
		case '[':
			fputc(*s, out);
			if (s[1] == '}' || s[1] == ']') {
				fputc(*++s, out);
			} else {
				newline(out, ++depth);
			}
			break;
		case '}':
		case ']':
			newline(out, --depth);
			fputc(*s, out);
			break;
		case ',':
			fputc(*s, out);
			newline(out, depth);
			break;
		case ':':
			fputs(": ", out);
			break;
		default:
			fputc(*s, out);
			break;
		}
	}
	fputc('\n', out);
}

/* Prints a tree, frees it, and reports out-of-memory or a write error. */
static bool
print_tree(cJSON *tree, FILE *out, struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	char *text;
	bool ok;

	if (tree == NULL) {
		return ogc_error_nomem(err);
	}
	text = cJSON_PrintUnformatted(tree);
	cJSON_Delete(tree);
	if (text == NULL) {
		return ogc_error_nomem(err);
	}
	write_indented(out, text);
	ok = fflush(out) == 0 && !ferror(out);
	free(text);
	if (!ok) {
		ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot write the "
			"report: %s", strerror(errno));
	}
	return ok;
}

bool
ogc_report_write_json(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	return print_tree(build_report(report), out, err);
}

static cJSON *
build_rules(const struct ogc_ruleset *rules)
{
	struct ogc_rule_info info;
	cJSON *list = cJSON_CreateArray();
	cJSON *obj;
	size_t i;

	if (list == NULL) {
		return NULL;
	}
	for (i = 0; ogc_ruleset_info(rules, i, &info); i++) {
		obj = cJSON_CreateObject();
		if (obj == NULL || !cJSON_AddItemToArray(list, obj)) {
			cJSON_Delete(obj);
			goto fail;
		}
		if (!add_string(obj, "id", info.id) ||
			!add_string(obj, "severity",
			ogc_severity_name(info.severity)) ||
			!add_string(obj, "check", info.check) ||
			cJSON_AddBoolToObject(obj, "network", info.network) == NULL ||
			!add_string(obj, "description", info.description)) {
			goto fail;
		}
	}
	return list;
fail:
	cJSON_Delete(list);
	return NULL;
}

bool
ogc_ruleset_write_json(const struct ogc_ruleset *rules, FILE *out,
	struct ogc_error *err)
{
	return print_tree(build_rules(rules), out, err);
}
