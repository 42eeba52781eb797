/* json.c: the json (schema 1, 2) and jsonl renderers; the shared printer. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "render/json_out.h"
#include "render/render.h"
#include "util/util.h"

bool
ogc_json_add_string(cJSON *obj, const char *name, const char *value)
{
	return cJSON_AddStringToObject(obj, name, value) != NULL;
}

bool
ogc_json_add_number(cJSON *obj, const char *name, double value)
{
	return cJSON_AddNumberToObject(obj, name, value) != NULL;
}

/*
 * The report's head: tool, version, schema (2 on), summary. The
 * diagnostics are not in the tree: they are written one at a time.
 */
static cJSON *
build_head(const struct ogc_report *report, int schema)
{
	struct ogc_summary s;
	cJSON *root = cJSON_CreateObject();
	cJSON *summary;

	if (root == NULL) {
		return NULL;
	}
	ogc_report_summary(report, &s);
	if (!ogc_json_add_string(root, "tool", "ogcheck") ||
		!ogc_json_add_string(root, "version", ogc_version()) ||
		(schema >= 2 && !ogc_json_add_number(root, "schema", schema))) {
		goto fail;
	}
	summary = cJSON_AddObjectToObject(root, "summary");
	if (summary == NULL ||
		!ogc_json_add_number(summary, "files", (double)s.files) ||
		!ogc_json_add_number(summary, "errors", (double)s.errors) ||
		!ogc_json_add_number(summary, "warnings", (double)s.warnings) ||
		!ogc_json_add_number(summary, "infos", (double)s.infos) ||
		!ogc_json_add_number(summary, "skipped", (double)s.skipped) ||
		(s.baseline && !ogc_json_add_number(summary, "baselined",
		(double)s.baselined)) ||
		(s.suppressed > 0 && !ogc_json_add_number(summary, "suppressed",
		(double)s.suppressed))) {
		goto fail;
	}
	return root;
fail:
	cJSON_Delete(root);
	return NULL;
}

static void
newline(FILE *out, int depth)
{
	putc_unlocked('\n', out);
	while (depth-- > 0) {
		putc_unlocked(' ', out);
		putc_unlocked(' ', out);
	}
}

/*
 * Writes cJSON's compact text indented by two spaces, the layout the
 * JSON report has (cJSON_Print indents with tabs, pads after colons):
 *   {"a":[1,2],"b":{}}  ->  {\n  "a": [\n    1,\n    2\n  ],\n  "b": {}
 * The text may be a piece of a document (no string is cut in two); *depth
 * carries the nesting from one piece to the next.
 */
static void
indent(FILE *out, const char *s, int *depth)
{
	bool in_string = false;

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
				newline(out, ++*depth);
			}
			break;
		case '}':
		case ']':
			newline(out, --*depth);
			fputc(*s, out);
			break;
		case ',':
			fputc(*s, out);
			newline(out, *depth);
			break;
		case ':':
			fputs(": ", out);
			break;
		default:
			fputc(*s, out);
			break;
		}
	}
}

/* A whole document, indented, and the newline after it. */
static void
write_indented(FILE *out, const char *s)
{
	int depth = 0;

	flockfile(out); /* newline() writes unlocked */
	indent(out, s, &depth);
	fputc('\n', out);
	funlockfile(out);
}

/* Flushes `out`; false with err set when writing failed. */
static bool
flushed(FILE *out, struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};

	if (fflush(out) == 0 && !ferror(out)) {
		return true;
	}
	ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot write the report: %s",
		strerror(errno));
	return false;
}

bool
ogc_json_print(cJSON *tree, FILE *out, struct ogc_error *err)
{
	char *text;

	if (tree == NULL) {
		return ogc_error_nomem(err);
	}
	text = cJSON_PrintUnformatted(tree);
	cJSON_Delete(tree);
	if (text == NULL) {
		return ogc_error_nomem(err);
	}
	write_indented(out, text);
	free(text);
	return flushed(out, err);
}

/*
 * A JSON string as cJSON prints one: '"' and '\\' escaped, the control
 * characters as \\b \\f \\n \\r \\t or \\u00xx, everything else as it is;
 * the runs between escapes are written whole.
 */
static void
put_string(FILE *out, const char *s)
{
	const char *run = s;
	unsigned char c;

	putc_unlocked('"', out);
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (c >= 32 && c != '"' && c != '\\') {
			continue;
		}
		fwrite(run, 1, (size_t)(s - run), out);
		run = s + 1;
		switch (c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\b':
			fputs("\\b", out);
			break;
		case '\f':
			fputs("\\f", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			fprintf(out, "\\u%04x", c);
			break;
		}
	}
	fwrite(run, 1, (size_t)(s - run), out);
	putc_unlocked('"', out);
}

/* An object being written: indented at depth, or compact (depth < 0). */
struct object {
	FILE *out;
	int depth;
	bool first;
};

/* The separator and the key of the object's next member. */
static void
key(struct object *o, const char *name)
{
	if (!o->first) {
		putc_unlocked(',', o->out);
	}
	o->first = false;
	if (o->depth >= 0) {
		newline(o->out, o->depth + 1);
	}
	put_string(o->out, name);
	fputs(o->depth >= 0 ? ": " : ":", o->out);
}

static void
string_member(struct object *o, const char *name, const char *value)
{
	key(o, name);
	put_string(o->out, value);
}

/* cJSON prints a whole number that fits an int with %d. */
static void
number_member(struct object *o, const char *name, unsigned value)
{
	char digits[12];
	size_t n = sizeof(digits);

	key(o, name);
	do {
		digits[--n] = (char)('0' + value % 10);
		value /= 10;
	} while (value > 0);
	fwrite(digits + n, 1, sizeof(digits) - n, o->out);
}

/*
 * One diagnostic's object, the text cJSON would print for it (file, line,
 * column, severity, rule, field and value when given, message, suppressed
 * when it is; schema 2 adds fingerprint, end_line and end_column when
 * known, and expected, what would be right): indented as a piece of the
 * report at `depth` (see indent()), or compact on one line when depth < 0.
 * The caller holds the lock of `out` (flockfile()): a finding is some
 * thirty pieces, each taking it again otherwise.
 */
static void
write_diag(FILE *out, const struct ogc_diag *d, int schema, int depth)
{
	struct object o = {out, depth, true};
	char fingerprint[17];

	putc_unlocked('{', out);
	string_member(&o, "file", d->file);
	number_member(&o, "line", d->pos.line);
	number_member(&o, "column", d->pos.column);
	string_member(&o, "severity", ogc_severity_name(d->severity));
	string_member(&o, "rule", d->rule);
	if (d->field != NULL) {
		string_member(&o, "field", d->field);
	}
	if (d->value != NULL) {
		string_member(&o, "value", d->value);
	}
	string_member(&o, "message", d->message);
	if (d->suppressed) {
		key(&o, "suppressed");
		fputs("true", out);
	}
	if (schema >= 2) {
		ogc_diag_fingerprint(d, fingerprint);
		string_member(&o, "fingerprint", fingerprint);
		if (d->end.line != 0) {
			number_member(&o, "end_line", d->end.line);
			number_member(&o, "end_column", d->end.column);
		}
		if (d->expected != NULL) {
			string_member(&o, "expected", d->expected);
		}
	}
	if (depth >= 0) {
		newline(out, depth);
	}
	putc_unlocked('}', out);
}

/*
 * The json report, written piece by piece: the head as one tree, then each
 * diagnostic's object, so that memory holds one diagnostic's tree at a
 * time, not the report's (a few hundred bytes a finding). The text is the
 * same as the whole tree's would be.
 */
static bool
write_report(const struct ogc_report *report, int schema, FILE *out,
	struct ogc_error *err)
{
	cJSON *root = build_head(report, schema);
	const struct ogc_diag *d;
	char *text;
	size_t len;
	size_t listed = 0;
	size_t i;
	int depth = 0;

	if (root == NULL || cJSON_AddArrayToObject(root, "diagnostics") == NULL) {
		cJSON_Delete(root);
		return ogc_error_nomem(err);
	}
	text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (text == NULL) {
		return ogc_error_nomem(err);
	}
	for (i = 0; (d = ogc_report_get(report, i)) != NULL && d->baselined;
		i++) {
	}
	if (d == NULL) {
		write_indented(out, text);
		free(text);
		return flushed(out, err);
	}
	/* the head ends with the empty list, "[]}": the items go in between */
	len = strlen(text);
	text[len - 2] = '\0';
	flockfile(out); /* the pieces below write unlocked */
	indent(out, text, &depth);
	free(text);
	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (d->baselined) {
			continue;
		}
		if (listed++ > 0) {
			indent(out, ",", &depth);
		}
		write_diag(out, d, schema, depth);
	}
	indent(out, "]}", &depth);
	fputc('\n', out);
	funlockfile(out);
	return flushed(out, err);
}

bool
ogc_report_write_json(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	return write_report(report, 1, out, err);
}

/* One compact line: jsonl consumers read a line at a time. */
static bool
print_line(cJSON *tree, FILE *out)
{
	char *text;
	bool ok;

	if (tree == NULL) {
		return false;
	}
	text = cJSON_PrintUnformatted(tree);
	cJSON_Delete(tree);
	if (text == NULL) {
		return false;
	}
	ok = fputs(text, out) >= 0 && fputc('\n', out) != EOF;
	free(text);
	return ok;
}

bool
ogc_diag_write_jsonl(const struct ogc_diag *d, FILE *out)
{
	flockfile(out);
	write_diag(out, d, 1, -1);
	putc_unlocked('\n', out);
	funlockfile(out);
	return !ferror(out);
}

static cJSON *
build_summary_line(const struct ogc_report *report)
{
	/* the diagnostics went out line by line already */
	return build_head(report, 1);
}

bool
ogc_report_write_jsonl_summary(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};

	if (!print_line(build_summary_line(report), out) || fflush(out) != 0) {
		ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot write the "
			"report: %s", strerror(errno));
		return false;
	}
	return true;
}

bool
ogc_report_write_jsonl(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	const struct ogc_diag *d;
	size_t i;

	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!d->baselined && !ogc_diag_write_jsonl(d, out)) {
			return ogc_error_nomem(err);
		}
	}
	return ogc_report_write_jsonl_summary(report, out, err);
}

bool
ogc_report_write_json_v2(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	return write_report(report, 2, out, err);
}
