/* out_json.c: the JSON renderer (SPEC "JSON output"). */
/* SPDX-License-Identifier: MIT */
/* The only file that includes <cjson/cJSON.h>. */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "internal.h"

/* set with meson -Dhomepage=URL; SARIF informationUri when not empty */
#ifndef OGC_HOMEPAGE
#define OGC_HOMEPAGE ""
#endif

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

/*
 * Schema 2 adds, per diagnostic: fingerprint, end_line and end_column
 * (just after the value, when known) and expected (what would be right).
 */
static bool
add_diag_v2(cJSON *obj, const struct ogc_diag *d)
{
	char fingerprint[17];

	ogc_diag_fingerprint(d, fingerprint);
	return add_string(obj, "fingerprint", fingerprint) &&
		(d->end.line == 0 || (add_number(obj, "end_line", d->end.line) &&
		add_number(obj, "end_column", d->end.column))) &&
		(d->expected == NULL || add_string(obj, "expected", d->expected));
}

static bool
add_diag(cJSON *list, const struct ogc_diag *d, int schema)
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
		add_string(obj, "message", d->message) &&
		(!d->suppressed ||
		cJSON_AddBoolToObject(obj, "suppressed", 1) != NULL) &&
		(schema < 2 || add_diag_v2(obj, d));
}

static cJSON *
build_report(const struct ogc_report *report, int schema)
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
		!add_string(root, "version", ogc_version()) ||
		(schema >= 2 && !add_number(root, "schema", schema))) {
		goto fail;
	}
	summary = cJSON_AddObjectToObject(root, "summary");
	if (summary == NULL ||
		!add_number(summary, "files", (double)s.files) ||
		!add_number(summary, "errors", (double)s.errors) ||
		!add_number(summary, "warnings", (double)s.warnings) ||
		!add_number(summary, "infos", (double)s.infos) ||
		!add_number(summary, "skipped", (double)s.skipped) ||
		(s.baseline && !add_number(summary, "baselined",
		(double)s.baselined)) ||
		(s.suppressed > 0 && !add_number(summary, "suppressed",
		(double)s.suppressed))) {
		goto fail;
	}
	list = cJSON_AddArrayToObject(root, "diagnostics");
	if (list == NULL) {
		goto fail;
	}
	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!d->baselined && !add_diag(list, d, schema)) {
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
	return print_tree(build_report(report, 1), out, err);
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
	cJSON *wrap = cJSON_CreateArray();
	cJSON *obj;

	/* add_diag appends to a list; the line is the list's one item */
	if (wrap == NULL || !add_diag(wrap, d, 1)) {
		cJSON_Delete(wrap);
		return false;
	}
	obj = cJSON_DetachItemFromArray(wrap, 0);
	cJSON_Delete(wrap);
	return print_line(obj, out);
}

static cJSON *
build_summary_line(const struct ogc_report *report)
{
	cJSON *root = build_report(report, 1);

	/* the diagnostics went out line by line already */
	if (root != NULL) {
		cJSON_DeleteItemFromObjectCaseSensitive(root, "diagnostics");
	}
	return root;
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
	return print_tree(build_report(report, 2), out, err);
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
			!add_string(obj, "description", info.description) ||
			(info.help[0] != '\0' &&
			!add_string(obj, "help", info.help))) {
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

/*
 * SARIF 2.1.0 (OASIS), as GitHub code scanning reads it.
 */

/* SARIF levels by enum ogc_severity. */
static const char *const sarif_levels[] = {"none", "note", "warning", "error"};

/*
 * A file path as a SARIF artifact URI: relative paths stay relative to
 * the folder ogcheck ran in (the repository root in CI), "./" dropped,
 * bytes outside RFC 3986's unreserved set and "/" percent-encoded.
 *   "./content/a b.md" -> "content/a%20b.md"
 */
static char *
artifact_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct ogc_strbuf uri = {0};
	const unsigned char *p;
	char esc[3];

	while (strncmp(path, "./", 2) == 0) {
		path += 2;
	}
	if (path[0] == '/') {
		ogc_strbuf_add(&uri, "file://", 7);
	}
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
			*p == '_' || *p == '~' || *p == '/') {
			ogc_strbuf_add(&uri, (const char *)p, 1);
		} else {
			esc[0] = '%';
			esc[1] = hex[*p >> 4];
			esc[2] = hex[*p & 15];
			ogc_strbuf_add(&uri, esc, 3);
		}
	}
	if (uri.failed || uri.data == NULL) {
		ogc_strbuf_finish(&uri);
		return NULL;
	}
	return uri.data;
}

static cJSON *
add_text(cJSON *obj, const char *name, const char *text)
{
	cJSON *o = cJSON_AddObjectToObject(obj, name);

	if (o == NULL || cJSON_AddStringToObject(o, "text", text) == NULL) {
		return NULL;
	}
	return o;
}

static bool
add_sarif_rules(cJSON *driver, const struct ogc_ruleset *rules)
{
	struct ogc_rule_info info;
	cJSON *list = cJSON_AddArrayToObject(driver, "rules");
	cJSON *rule;
	cJSON *config;
	size_t i;

	if (list == NULL) {
		return false;
	}
	for (i = 0; ogc_ruleset_info(rules, i, &info); i++) {
		rule = cJSON_CreateObject();
		if (rule == NULL || !cJSON_AddItemToArray(list, rule)) {
			cJSON_Delete(rule);
			return false;
		}
		config = NULL;
		if (!add_string(rule, "id", info.id) ||
			add_text(rule, "shortDescription", info.description[0] !=
			'\0' ? info.description : info.id) == NULL ||
			add_text(rule, "help", info.help[0] != '\0' ? info.help :
			info.description[0] != '\0' ? info.description :
			info.id) == NULL) {
			return false;
		}
		config = cJSON_AddObjectToObject(rule, "defaultConfiguration");
		if (config == NULL || !add_string(config, "level",
			sarif_levels[info.severity])) {
			return false;
		}
	}
	return true;
}

static long
rule_index(const struct ogc_ruleset *rules, const char *id)
{
	struct ogc_rule_info info;
	size_t i;

	for (i = 0; ogc_ruleset_info(rules, i, &info); i++) {
		if (strcmp(info.id, id) == 0) {
			return (long)i;
		}
	}
	return -1;
}

/* SARIF's way: the result stays, marked as suppressed in the source. */
static bool
add_suppression(cJSON *result)
{
	cJSON *list = cJSON_AddArrayToObject(result, "suppressions");
	cJSON *suppression = list != NULL ? cJSON_CreateObject() : NULL;

	if (suppression != NULL && !cJSON_AddItemToArray(list, suppression)) {
		cJSON_Delete(suppression);
		suppression = NULL;
	}
	return suppression != NULL &&
		add_string(suppression, "kind", "inSource");
}

static bool
add_sarif_result(cJSON *results, const struct ogc_diag *d,
	const struct ogc_ruleset *rules)
{
	cJSON *result = cJSON_CreateObject();
	cJSON *locations;
	cJSON *location;
	cJSON *physical;
	cJSON *artifact;
	cJSON *region;
	cJSON *fingerprints;
	char fingerprint[17];
	char *uri;
	long index = rule_index(rules, d->rule);
	bool ok;

	if (result == NULL || !cJSON_AddItemToArray(results, result)) {
		cJSON_Delete(result);
		return false;
	}
	location = cJSON_CreateObject();
	locations = cJSON_AddArrayToObject(result, "locations");
	if (location == NULL || locations == NULL ||
		!cJSON_AddItemToArray(locations, location)) {
		cJSON_Delete(location);
		return false;
	}
	if (!add_string(result, "ruleId", d->rule) ||
		(index >= 0 && !add_number(result, "ruleIndex", (double)index)) ||
		!add_string(result, "level", sarif_levels[d->severity]) ||
		add_text(result, "message", d->message) == NULL) {
		return false;
	}
	physical = cJSON_AddObjectToObject(location, "physicalLocation");
	artifact = physical != NULL ?
		cJSON_AddObjectToObject(physical, "artifactLocation") : NULL;
	region = physical != NULL ?
		cJSON_AddObjectToObject(physical, "region") : NULL;
	uri = artifact_uri(d->file);
	ok = artifact != NULL && region != NULL && uri != NULL &&
		add_string(artifact, "uri", uri) &&
		add_number(region, "startLine", d->pos.line) &&
		add_number(region, "startColumn", d->pos.column) &&
		(d->end.line == 0 || (add_number(region, "endLine", d->end.line) &&
		add_number(region, "endColumn", d->end.column)));
	free(uri);
	if (ok && d->suppressed) {
		ok = add_suppression(result);
	}
	ogc_diag_fingerprint(d, fingerprint);
	fingerprints = ok ? cJSON_AddObjectToObject(result,
		"partialFingerprints") : NULL;
	return fingerprints != NULL &&
		add_string(fingerprints, "ogcheck/v1", fingerprint);
}

static cJSON *
build_sarif(const struct ogc_report *report, const struct ogc_ruleset *rules)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *runs;
	cJSON *run;
	cJSON *tool;
	cJSON *driver;
	cJSON *results;
	const struct ogc_diag *d;
	size_t i;

	if (root == NULL) {
		return NULL;
	}
	if (!add_string(root, "$schema", "https://json.schemastore.org/"
		"sarif-2.1.0.json") || !add_string(root, "version", "2.1.0")) {
		goto fail;
	}
	run = cJSON_CreateObject();
	runs = cJSON_AddArrayToObject(root, "runs");
	if (run == NULL || runs == NULL || !cJSON_AddItemToArray(runs, run)) {
		cJSON_Delete(run);
		goto fail;
	}
	tool = cJSON_AddObjectToObject(run, "tool");
	driver = tool != NULL ? cJSON_AddObjectToObject(tool, "driver") : NULL;
	if (driver == NULL || !add_string(driver, "name", "ogcheck") ||
		!add_string(driver, "version", ogc_version()) ||
		(OGC_HOMEPAGE[0] != '\0' &&
		!add_string(driver, "informationUri", OGC_HOMEPAGE)) ||
		!add_string(driver, "semanticVersion", ogc_version()) ||
		!add_sarif_rules(driver, rules)) {
		goto fail;
	}
	results = cJSON_AddArrayToObject(run, "results");
	if (results == NULL) {
		goto fail;
	}
	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!d->baselined && !add_sarif_result(results, d, rules)) {
			goto fail;
		}
	}
	return root;
fail:
	cJSON_Delete(root);
	return NULL;
}

bool
ogc_report_write_sarif(const struct ogc_report *report,
	const struct ogc_ruleset *rules, FILE *out, struct ogc_error *err)
{
	return print_tree(build_sarif(report, rules), out, err);
}

/*
 * GitLab Code Quality: a JSON array of issues. GitLab merges issues with
 * equal fingerprints, so a repeat of the same finding in a file gets
 * "-2", "-3"... after its fingerprint.
 */

/* GitLab severities by enum ogc_severity. */
static const char *const gitlab_severities[] = {
	"info", "info", "minor", "major",
};

struct fingerprint {
	char hex[17];
	size_t index;
};

static int
compare_fingerprints(const void *pa, const void *pb)
{
	const struct fingerprint *a = pa;
	const struct fingerprint *b = pb;
	int c = strcmp(a->hex, b->hex);

	if (c != 0) {
		return c;
	}
	return (a->index > b->index) - (a->index < b->index);
}

static bool
add_issue(cJSON *list, const struct ogc_diag *d, const char *fingerprint)
{
	cJSON *issue = cJSON_CreateObject();
	cJSON *location;
	cJSON *lines;
	const char *path = d->file;

	/* GitLab matches paths from the repository root: no "./" */
	while (strncmp(path, "./", 2) == 0) {
		path += 2;
	}
	if (issue == NULL || !cJSON_AddItemToArray(list, issue)) {
		cJSON_Delete(issue);
		return false;
	}
	location = cJSON_AddObjectToObject(issue, "location");
	lines = location != NULL ?
		cJSON_AddObjectToObject(location, "lines") : NULL;
	return lines != NULL &&
		add_string(issue, "description", d->message) &&
		add_string(issue, "check_name", d->rule) &&
		add_string(issue, "fingerprint", fingerprint) &&
		add_string(issue, "severity", gitlab_severities[d->severity]) &&
		add_string(location, "path", path) &&
		add_number(lines, "begin", d->pos.line);
}

static cJSON *
build_codeclimate(const struct ogc_report *report)
{
	size_t count = ogc_report_count(report);
	struct fingerprint *fps = calloc(count + 1, sizeof(*fps));
	size_t *repeats = calloc(count + 1, sizeof(*repeats));
	cJSON *list = cJSON_CreateArray();
	const struct ogc_diag *d;
	char unique[40];
	size_t repeat = 1;
	size_t i;
	bool ok = fps != NULL && repeats != NULL && list != NULL;

	for (i = 0; ok && i < count; i++) {
		ogc_diag_fingerprint(ogc_report_get(report, i), fps[i].hex);
		fps[i].index = i;
	}
	if (ok) {
		qsort(fps, count, sizeof(*fps), compare_fingerprints);
	}
	/* the n-th finding with a fingerprint, in report order, gets "-n" */
	for (i = 0; ok && i < count; i++) {
		repeat = i > 0 && strcmp(fps[i].hex, fps[i - 1].hex) == 0 ?
			repeat + 1 : 1;
		repeats[fps[i].index] = repeat;
	}
	for (i = 0; ok && i < count; i++) {
		d = ogc_report_get(report, i);
		if (!ogc_diag_shown(d)) {
			continue;
		}
		ogc_diag_fingerprint(d, unique);
		if (repeats[i] > 1) {
			snprintf(unique + 16, sizeof(unique) - 16, "-%zu",
				repeats[i]);
		}
		ok = add_issue(list, d, unique);
	}
	free(repeats);
	free(fps);
	if (!ok) {
		cJSON_Delete(list);
		return NULL;
	}
	return list;
}

bool
ogc_report_write_codeclimate(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	return print_tree(build_codeclimate(report), out, err);
}

/*
 * Baselines: {"tool": "ogcheck", "baseline": 1, "findings": [{"fingerprint":
 * "...", "rule": "...", "file": "...", "count": 2}, ...]}. The rule and
 * file are there for the person reviewing the file; only the fingerprint
 * and count are read back.
 */

static bool
fail_baseline(struct ogc_error *err, const char *path, const char *why)
{
	struct ogc_pos none = {0, 0};

	ogc_error_set(err, OGC_ERR_USAGE, path, none, "not an ogcheck "
		"baseline: %s", why);
	return false;
}

/*
 * Reads all of a file (at most 256 MiB) into a NUL-terminated buffer;
 * `what` names it in messages ("baseline").
 */
static char *
slurp(const char *path, const char *what, struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	struct ogc_strbuf data = {0};
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		ogc_error_set(err, OGC_ERR_IO, path, none, "cannot read the "
			"%s: %s", what, strerror(errno));
		return NULL;
	}
	n = fread(chunk, 1, sizeof(chunk), f);
	while (n > 0 && data.len < 256u * 1024 * 1024) {
		ogc_strbuf_add(&data, chunk, n);
		n = fread(chunk, 1, sizeof(chunk), f);
	}
	fclose(f);
	if (data.failed || data.data == NULL) {
		ogc_strbuf_finish(&data);
		if (!data.failed) {
			ogc_error_set(err, OGC_ERR_USAGE, path, none, "not an "
				"ogcheck %s: the file is empty", what);
		} else {
			ogc_error_nomem(err);
		}
		return NULL;
	}
	return data.data;
}

struct ogc_baseline *
ogc_baseline_load(const char *path, struct ogc_error *err)
{
	struct ogc_baseline *b = NULL;
	const cJSON *findings;
	const cJSON *item;
	const cJSON *fp;
	const cJSON *count;
	char *text = slurp(path, "baseline", err);
	cJSON *root;
	size_t i = 0;

	if (text == NULL) {
		return NULL;
	}
	root = cJSON_Parse(text);
	free(text);
	findings = cJSON_GetObjectItemCaseSensitive(root, "findings");
	if (root == NULL || !cJSON_IsArray(findings)) {
		fail_baseline(err, path, "expected a JSON object with findings");
		goto delete_root;
	}
	b = calloc(1, sizeof(*b));
	if (b != NULL) {
		b->entries = calloc((size_t)cJSON_GetArraySize(findings) + 1,
			sizeof(*b->entries));
	}
	if (b == NULL || b->entries == NULL) {
		ogc_error_nomem(err);
		goto fail;
	}
	cJSON_ArrayForEach(item, findings) {
		fp = cJSON_GetObjectItemCaseSensitive(item, "fingerprint");
		count = cJSON_GetObjectItemCaseSensitive(item, "count");
		if (!cJSON_IsString(fp) || strlen(fp->valuestring) != 16 ||
			(count != NULL && (!cJSON_IsNumber(count) ||
			count->valuedouble < 1))) {
			fail_baseline(err, path, "each finding needs a 16-digit "
				"fingerprint and a count of at least 1");
			goto fail;
		}
		memcpy(b->entries[i].fingerprint, fp->valuestring, 17);
		b->entries[i].count = count != NULL ?
			(size_t)count->valuedouble : 1;
		i++;
	}
	b->count = i;
	ogc_baseline_sort(b);
	cJSON_Delete(root);
	return b;
fail:
	ogc_baseline_destroy(b);
	b = NULL;
delete_root:
	cJSON_Delete(root);
	return NULL;
}

struct counted {
	char fingerprint[17];
	const struct ogc_diag *diag;
};

static int
compare_counted(const void *a, const void *b)
{
	return strcmp(((const struct counted *)a)->fingerprint,
		((const struct counted *)b)->fingerprint);
}

static cJSON *
build_baseline(const struct ogc_report *report)
{
	size_t n = ogc_report_count(report);
	struct counted *v = calloc(n + 1, sizeof(*v));
	cJSON *root = cJSON_CreateObject();
	cJSON *list = NULL;
	cJSON *item;
	size_t i;
	size_t j;

	if (v == NULL || root == NULL || !add_string(root, "tool", "ogcheck") ||
		!add_number(root, "baseline", 1)) {
		goto fail;
	}
	list = cJSON_AddArrayToObject(root, "findings");
	if (list == NULL) {
		goto fail;
	}
	j = 0;
	for (i = 0; i < n; i++) {
		if (!ogc_report_get(report, i)->suppressed) {
			v[j].diag = ogc_report_get(report, i);
			ogc_diag_fingerprint(v[j].diag, v[j].fingerprint);
			j++;
		}
	}
	n = j;
	qsort(v, n, sizeof(*v), compare_counted);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(v[j].fingerprint,
			v[i].fingerprint) == 0; j++) {
		}
		item = cJSON_CreateObject();
		if (item == NULL || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			goto fail;
		}
		if (!add_string(item, "fingerprint", v[i].fingerprint) ||
			!add_string(item, "rule", v[i].diag->rule) ||
			!add_string(item, "file", v[i].diag->file) ||
			!add_number(item, "count", (double)(j - i))) {
			goto fail;
		}
	}
	free(v);
	return root;
fail:
	free(v);
	cJSON_Delete(root);
	return NULL;
}

/*
 * Writes tree (deleted here; NULL means out of memory) to path through a
 * temporary file beside it and a rename, so that a reader never sees half
 * a file. `what` names it in messages.
 */
static bool
write_atomic(cJSON *tree, const char *path, const char *what,
	struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	struct ogc_strbuf tmp = {0};
	FILE *f;
	bool ok;

	ogc_strbuf_addf(&tmp, "%s.tmp%ld", path, (long)getpid());
	if (tmp.failed) {
		cJSON_Delete(tree);
		return ogc_error_nomem(err);
	}
	f = fopen(tmp.data, "w");
	if (f == NULL) {
		ogc_error_set(err, OGC_ERR_IO, path, none, "cannot write the "
			"%s: %s", what, strerror(errno));
		ogc_strbuf_finish(&tmp);
		cJSON_Delete(tree);
		return false;
	}
	ok = print_tree(tree, f, err);
	if (fclose(f) != 0 && ok) {
		ogc_error_set(err, OGC_ERR_IO, path, none, "cannot write the "
			"%s: %s", what, strerror(errno));
		ok = false;
	}
	if (ok && rename(tmp.data, path) != 0) {
		ogc_error_set(err, OGC_ERR_IO, path, none, "cannot write the "
			"%s: %s", what, strerror(errno));
		ok = false;
	}
	if (!ok) {
		remove(tmp.data);
	}
	ogc_strbuf_finish(&tmp);
	return ok;
}

bool
ogc_report_write_baseline(const struct ogc_report *report, const char *path,
	struct ogc_error *err)
{
	return write_atomic(build_baseline(report), path, "baseline", err);
}

/*
 * The URL cache: {"tool": "ogcheck", "cache": 1, "entries": [{"url": "...",
 * "checked": UNIX-SECONDS, "status": 200, "type": "image/png", "bytes":
 * 1234, "redirects": 1, "final": "...", "image": {"format": "PNG",
 * "width": 1200, "height": 630}}, ...]}. Only answers are stored; keys
 * that do not apply are left out.
 */

static bool
add_cache_entry(cJSON *list, const struct ogc_fetch *f)
{
	cJSON *item = cJSON_CreateObject();
	cJSON *image;

	if (item == NULL || !cJSON_AddItemToArray(list, item)) {
		cJSON_Delete(item);
		return false;
	}
	if (!add_string(item, "url", f->url) ||
		!add_number(item, "checked", (double)f->checked) ||
		!add_number(item, "status", (double)f->status) ||
		(f->content_type != NULL &&
		!add_string(item, "type", f->content_type)) ||
		(f->bytes >= 0 && !add_number(item, "bytes", (double)f->bytes)) ||
		(f->redirects > 0 &&
		!add_number(item, "redirects", (double)f->redirects)) ||
		(f->final_url != NULL && !add_string(item, "final", f->final_url))) {
		return false;
	}
	if (!f->image_read) {
		return true;
	}
	image = cJSON_AddObjectToObject(item, "image");
	if (image != NULL && f->image_cut) {
		return add_string(image, "format",
			ogc_image_format_name(f->image.format)) &&
			cJSON_AddTrueToObject(image, "cut") != NULL;
	}
	return image != NULL && add_string(image, "format",
		ogc_image_format_name(f->image.format)) &&
		(f->image.format == OGC_IMAGE_NONE ||
		(add_number(image, "width", (double)f->image.width) &&
		add_number(image, "height", (double)f->image.height)));
}

bool
ogc_cache_write(const char *path, const struct ogc_fetch *const *items,
	size_t count, struct ogc_error *err)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *list;
	size_t i;

	if (root == NULL || !add_string(root, "tool", "ogcheck") ||
		!add_number(root, "cache", 1)) {
		goto fail;
	}
	list = cJSON_AddArrayToObject(root, "entries");
	if (list == NULL) {
		goto fail;
	}
	for (i = 0; i < count; i++) {
		if (!add_cache_entry(list, items[i])) {
			goto fail;
		}
	}
	return write_atomic(root, path, "cache", err);
fail:
	cJSON_Delete(root);
	return ogc_error_nomem(err);
}

/* A whole number within [min, max] at key, or false. */
static bool
get_count(const cJSON *obj, const char *key, double min, double max,
	double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!cJSON_IsNumber(v) || v->valuedouble < min ||
		v->valuedouble > max || v->valuedouble != (double)(long long)
		v->valuedouble) {
		return false;
	}
	*out = v->valuedouble;
	return true;
}

/* A string at key, copied; NULL (and true) when absent. */
static bool
get_copy(const cJSON *obj, const char *key, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (v == NULL) {
		return true;
	}
	if (!cJSON_IsString(v)) {
		return false;
	}
	*out = strdup(v->valuestring);
	return *out != NULL;
}

static bool
read_image(const cJSON *item, struct ogc_fetch *f)
{
	const cJSON *image = cJSON_GetObjectItemCaseSensitive(item, "image");
	const cJSON *format = cJSON_GetObjectItemCaseSensitive(image, "format");
	double w = 0;
	double h = 0;
	int k;

	if (image == NULL) {
		return true;
	}
	if (!cJSON_IsString(format)) {
		return false;
	}
	f->image_read = true;
	for (k = OGC_IMAGE_PNG; k <= OGC_IMAGE_WEBP; k++) {
		if (strcmp(format->valuestring,
			ogc_image_format_name((enum ogc_image_format)k)) == 0) {
			f->image.format = (enum ogc_image_format)k;
		}
	}
	if (f->image.format == OGC_IMAGE_NONE) {
		return true;
	}
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(image, "cut"))) {
		f->image_cut = true;
		return true;
	}
	if (!get_count(image, "width", 1, 4294967295.0, &w) ||
		!get_count(image, "height", 1, 4294967295.0, &h)) {
		return false;
	}
	f->image.width = (unsigned long)w;
	f->image.height = (unsigned long)h;
	return true;
}

/* One entry; false when it is damaged (it is then skipped). */
static bool
read_cache_entry(const cJSON *item, struct ogc_fetch *f)
{
	double checked = 0;
	double status = 0;
	double bytes = -1;
	double redirects = 0;

	memset(f, 0, sizeof(*f));
	f->bytes = -1;
	if (!get_count(item, "checked", 0, 1e15, &checked) ||
		!get_count(item, "status", 100, 599, &status) ||
		(cJSON_HasObjectItem(item, "bytes") &&
		!get_count(item, "bytes", 0, 1e18, &bytes)) ||
		(cJSON_HasObjectItem(item, "redirects") &&
		!get_count(item, "redirects", 0, 1000, &redirects)) ||
		!get_copy(item, "url", &f->url) || f->url == NULL ||
		!get_copy(item, "type", &f->content_type) ||
		!get_copy(item, "final", &f->final_url) || !read_image(item, f)) {
		ogc_fetch_clear(f);
		return false;
	}
	f->state = OGC_FETCH_ANSWERED;
	f->checked = (long long)checked;
	f->status = (long)status;
	f->bytes = (long long)bytes;
	f->redirects = (unsigned)redirects;
	return true;
}

bool
ogc_cache_read(const char *path, struct ogc_fetch **items, size_t *count,
	struct ogc_error *err)
{
	struct ogc_error ignored;
	const cJSON *entries;
	const cJSON *item;
	char *text;
	cJSON *root;
	size_t n = 0;

	*items = NULL;
	*count = 0;
	text = slurp(path, "cache", &ignored);
	if (text == NULL) {
		return ignored.status != OGC_ERR_NOMEM || ogc_error_nomem(err);
	}
	root = cJSON_Parse(text);
	free(text);
	entries = cJSON_GetObjectItemCaseSensitive(root, "entries");
	if (!cJSON_IsArray(entries)) {
		entries = NULL; /* damaged: start afresh */
	}
	if (entries != NULL && cJSON_GetArraySize(entries) > 0) {
		*items = calloc((size_t)cJSON_GetArraySize(entries),
			sizeof(**items));
		if (*items == NULL) {
			cJSON_Delete(root);
			return ogc_error_nomem(err);
		}
	}
	cJSON_ArrayForEach(item, entries) {
		if (read_cache_entry(item, &(*items)[n])) {
			n++;
		}
	}
	*count = n;
	cJSON_Delete(root);
	return true;
}

/*
 * JSON front matter (Hugo)
 *
 * A content file may open with a JSON object instead of --- YAML ---:
 *   { "title": "Harbour", "tags": ["a", "b"] }
 * cJSON decodes it but keeps no positions, so a scanner of our own walks
 * the same text first, in document order. It checks the syntax strictly
 * (RFC 8259), so that every error gets a message and a place; it enforces
 * OGC_MAX_DEPTH and OGC_MAX_NODES before cJSON builds anything (cJSON
 * recurses up to 1000 levels); and it builds the node skeleton, each value
 * with its position and each member with its key's. cJSON then parses the
 * same bytes, and the two trees, which hold the same values in the same
 * pre-order, are zipped: keys and strings come from cJSON, numbers keep
 * the text written in the source ("1.50" stays "1.50").
 */

/*
 * cJSON_ParseWithLengthOpts() writes cJSON's global error state on every
 * call, even a successful one, and files are parsed on several threads:
 * this lock, the one piece of mutable static state, keeps cJSON's own
 * from being a data race. The baseline and cache readers above parse on
 * the main thread, before and after the files are checked.
 */
static pthread_mutex_t cjson_parse_lock = PTHREAD_MUTEX_INITIALIZER;

/* The state of one scan: the next byte to read and its place in the file. */
struct jscan {
	struct ogc_doc *doc;
	const char *s;
	size_t len;
	size_t off;
	struct ogc_pos pos;
	size_t values;
	bool failed; /* a fatal problem was recorded */
};

static void
jfail(struct jscan *sc, const char *rule, struct ogc_pos pos,
	const char *fmt, ...) OGC_PRINTF(4, 5);

/* Records the fatal problem (rule NULL: front-matter-invalid); once. */
static void
jfail(struct jscan *sc, const char *rule, struct ogc_pos pos,
	const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	if (sc->failed) {
		return;
	}
	sc->failed = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ogc_doc_problem(sc->doc, rule, pos, "%s", msg);
}

static void
jnomem(struct jscan *sc)
{
	sc->doc->nomem = true;
	sc->failed = true;
}

/* The byte at the cursor, or -1 at the end of the text. */
static int
jpeek(const struct jscan *sc)
{
	if (sc->off >= sc->len) {
		return -1;
	}
	return (unsigned char)sc->s[sc->off];
}

/* Moves n bytes on; columns count code points, as ogc_utf8_pos() does. */
static void
jadvance(struct jscan *sc, size_t n)
{
	const unsigned char *p = (const unsigned char *)sc->s;
	size_t end = sc->off + n;

	for (; sc->off < end; sc->off++) {
		if (p[sc->off] == '\n') {
			sc->pos.line++;
			sc->pos.column = 1;
		} else if ((p[sc->off] & 0xc0) != 0x80) {
			sc->pos.column++;
		}
	}
}

/* RFC 8259 whitespace: space, tab, line feed, carriage return. */
static void
skip_ws(struct jscan *sc)
{
	int c = jpeek(sc);

	while (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
		jadvance(sc, 1);
		c = jpeek(sc);
	}
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_word_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		is_digit(c) || c == '_';
}

/* The length of the run of word characters at s[0..len). */
static size_t
word_length(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && is_word_char((unsigned char)s[n])) {
		n++;
	}
	return n;
}

/*
 * Describes the text at offset `at`, for "expected X, found Y":
 *   "the end of the front matter", "the word 'yes'", "':'",
 *   "'\u201c' (U+201C)" (the character itself), "a control character
 *   (U+0001)". The text is valid UTF-8 (checked first).
 */
static void
describe_at(const struct jscan *sc, size_t at, char *buf, size_t size)
{
	const char *p = sc->s + at;
	size_t left = sc->len - at;
	unsigned char c;
	size_t n;
	uint32_t cp = 0;

	if (at >= sc->len) {
		snprintf(buf, size, "the end of the front matter");
		return;
	}
	c = (unsigned char)*p;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
		n = word_length(p, left);
		snprintf(buf, size, "the word '%.*s%s'", n > 32 ? 32 : (int)n,
			p, n > 32 ? "..." : "");
	} else if (c < 0x20 || c == 0x7f) {
		snprintf(buf, size, "a control character (U+%04X)", c);
	} else if (c < 0x80) {
		snprintf(buf, size, "'%c'", c);
	} else {
		n = ogc_utf8_decode(p, left, &cp);
		snprintf(buf, size, "'%.*s' (U+%04X)", (int)n, p, (unsigned)cp);
	}
}

/*
 * "expected WHAT, found ..." at the cursor. At the end of the text the
 * message names the object or array left open (`within`, may be NULL).
 */
static void
expected(struct jscan *sc, const char *what, const struct ogc_node *within)
{
	char found[64];

	describe_at(sc, sc->off, found, sizeof(found));
	if (sc->off >= sc->len && within != NULL) {
		jfail(sc, NULL, sc->pos, "expected %s, found %s (the %s at "
			"line %u, column %u is not closed)", what, found,
			within->kind == OGC_NODE_MAP ? "object" : "array",
			within->pos.line, within->pos.column);
		return;
	}
	jfail(sc, NULL, sc->pos, "expected %s, found %s", what, found);
}

/* A new node at `pos`, `depth` levels down (the root object is 1). */
static struct ogc_node *
jnode(struct jscan *sc, enum ogc_node_kind kind, struct ogc_pos pos,
	unsigned depth)
{
	struct ogc_node *node;

	/* the same checks, in the same order, as yaml_doc.c's build_node */
	if (depth > OGC_MAX_DEPTH) {
		jfail(sc, "limit-depth", pos, "nested more than %u levels deep "
			"(limit depth): the front matter is not checked",
			OGC_MAX_DEPTH);
		return NULL;
	}
	if (++sc->values > OGC_MAX_NODES) {
		jfail(sc, "limit-values", pos, "the front matter holds more "
			"than %u values (limit values): it is not checked",
			OGC_MAX_NODES);
		return NULL;
	}
	node = ogc_arena_alloc(sc->doc->arena, sizeof(*node));
	if (node == NULL) {
		jnomem(sc);
		return NULL;
	}
	memset(node, 0, sizeof(*node));
	node->kind = kind;
	node->pos = pos;
	node->text = "";
	return node;
}

/* The value of the four hex digits at s[at..at+4), or -1. */
static long
hex4(const struct jscan *sc, size_t at)
{
	long v = 0;
	size_t i;
	int c;

	if (at > sc->len || sc->len - at < 4) {
		return -1;
	}
	for (i = at; i < at + 4; i++) {
		c = (unsigned char)sc->s[i];
		if (is_digit(c)) {
			v = v * 16 + (c - '0');
		} else if (c >= 'a' && c <= 'f') {
			v = v * 16 + (c - 'a' + 10);
		} else if (c >= 'A' && c <= 'F') {
			v = v * 16 + (c - 'A' + 10);
		} else {
			return -1;
		}
	}
	return v;
}

/*
 * Checks the escape whose backslash is at the cursor (a byte follows it
 * on the same line) and moves past it. A \u escape of a UTF-16 surrogate
 * must be half of a pair, as Unicode and cJSON require; \u0000 is
 * refused, as a NUL byte in the file is.
 *   \n  \u00e9  \ud83d\ude00  -> fine
 *   \q  \u12  \ud83d  \u0000  -> the problem, at the backslash
 */
static bool
scan_escape(struct jscan *sc)
{
	struct ogc_pos at = sc->pos;
	char found[64];
	long hi;
	long lo;
	int c = (unsigned char)sc->s[sc->off + 1];

	switch (c) {
	case '"':
	case '/':
	case '\\':
	case 'b':
	case 'f':
	case 'n':
	case 'r':
	case 't':
		jadvance(sc, 2);
		return true;
	case 'u':
		break;
	default:
		if (c > 0x20 && c < 0x7f) {
			snprintf(found, sizeof(found), "\\%c", c);
		} else {
			describe_at(sc, sc->off + 1, found, sizeof(found));
		}
		jfail(sc, NULL, at, "invalid escape %s%s in a string (JSON has "
			"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
			c > 0x20 && c < 0x7f ? "" : "\\ followed by ", found);
		return false;
	}
	hi = hex4(sc, sc->off + 2);
	if (hi < 0) {
		jfail(sc, NULL, at, "invalid escape in a string: \\u takes "
			"four hex digits");
		return false;
	}
	if (hi == 0) {
		jfail(sc, NULL, at, "\\u0000 in a string: the front matter "
			"cannot hold a NUL character");
		return false;
	}
	if (hi >= 0xdc00 && hi <= 0xdfff) {
		jfail(sc, NULL, at, "\\u%04lX in a string is the second half "
			"of a UTF-16 surrogate pair without the first", hi);
		return false;
	}
	if (hi < 0xd800 || hi > 0xdbff) {
		jadvance(sc, 6);
		return true;
	}
	lo = -1;
	if (sc->len - sc->off >= 8 && sc->s[sc->off + 6] == '\\' &&
		sc->s[sc->off + 7] == 'u') {
		lo = hex4(sc, sc->off + 8);
	}
	if (lo < 0xdc00 || lo > 0xdfff) {
		jfail(sc, NULL, at, "\\u%04lX in a string starts a UTF-16 "
			"surrogate pair, but no \\uDC00 to \\uDFFF follows",
			hi);
		return false;
	}
	jadvance(sc, 12);
	return true;
}

/*
 * Checks the string whose opening quote is at the cursor and moves past
 * its closing quote (RFC 8259 section 7). A string must end on its line:
 * a raw line break, like any control character, is not allowed in one.
 *   "Harbour\u2019s"  -> fine
 *   "tab	here"       -> a control character (U+0009), at the tab
 *   "no end           -> unterminated string, at the opening quote
 */
static bool
scan_string(struct jscan *sc)
{
	struct ogc_pos open = sc->pos;
	int next;
	int c;

	jadvance(sc, 1);
	for (;;) {
		c = jpeek(sc);
		next = sc->off + 1 < sc->len ?
			(unsigned char)sc->s[sc->off + 1] : -1;
		if (c == -1 || c == '\n' || c == '\r' || (c == '\\' &&
			(next == -1 || next == '\n' || next == '\r'))) {
			jfail(sc, NULL, open, "unterminated string: no "
				"closing \" before the end of the %s",
				c == -1 || next == -1 ? "front matter" :
				"line");
			return false;
		}
		if (c == '"') {
			jadvance(sc, 1);
			return true;
		}
		if (c < 0x20) {
			jfail(sc, NULL, sc->pos, "a control character "
				"(U+%04X) in a string: write it as \\u%04X",
				(unsigned)c, (unsigned)c);
			return false;
		}
		if (c == '\\') {
			if (!scan_escape(sc)) {
				return false;
			}
			continue;
		}
		jadvance(sc, 1);
	}
}

/* Moves past a run of digits; false when there is none. */
static bool
scan_digits(struct jscan *sc)
{
	if (!is_digit(jpeek(sc))) {
		return false;
	}
	while (is_digit(jpeek(sc))) {
		jadvance(sc, 1);
	}
	return true;
}

/*
 * Checks the number at the cursor and moves past it (RFC 8259 section 6):
 *   -0  12  1.50  6.02e+23 -> fine
 *   01  1.  -  1e  -> the problem, at the offending character
 */
static bool
scan_number(struct jscan *sc)
{
	struct ogc_pos start = sc->pos;

	if (jpeek(sc) == '-') {
		jadvance(sc, 1);
	}
	if (jpeek(sc) == '0') {
		jadvance(sc, 1);
		if (is_digit(jpeek(sc))) {
			jfail(sc, NULL, start, "invalid number: JSON allows no "
				"leading zero");
			return false;
		}
	} else if (!scan_digits(sc)) {
		expected(sc, "a digit after -", NULL);
		return false;
	}
	if (jpeek(sc) == '.') {
		jadvance(sc, 1);
		if (!scan_digits(sc)) {
			expected(sc, "a digit after the decimal point", NULL);
			return false;
		}
	}
	if (jpeek(sc) == 'e' || jpeek(sc) == 'E') {
		jadvance(sc, 1);
		if (jpeek(sc) == '+' || jpeek(sc) == '-') {
			jadvance(sc, 1);
		}
		if (!scan_digits(sc)) {
			expected(sc, "a digit in the exponent", NULL);
			return false;
		}
	}
	return true;
}

static struct ogc_node *
scan_value(struct jscan *sc, unsigned depth, const struct ogc_node *within);

/*
 * Reads the members of the object whose '{' is at the cursor:
 *   { "title": "A", "og": { "type": "article" } }
 * Each member is its value's node with key_pos set; the key itself stays
 * NULL until the zip copies cJSON's decoded one.
 */
static bool
scan_object(struct jscan *sc, struct ogc_node *map, unsigned depth)
{
	struct ogc_node **tail = &map->child;
	struct ogc_node *value;
	struct ogc_pos key_pos;
	struct ogc_pos comma = {0, 0};
	int c;

	jadvance(sc, 1);
	skip_ws(sc);
	if (jpeek(sc) == '}') {
		jadvance(sc, 1);
		return true;
	}
	for (;;) {
		c = jpeek(sc);
		if (c != '"') {
			if (comma.line != 0 && c == '}') {
				jfail(sc, NULL, comma, "a comma before }: JSON "
					"allows no trailing comma");
			} else if (c == '\'') {
				jfail(sc, NULL, sc->pos, "a key in single "
					"quotes: JSON keys take double quotes");
			} else {
				expected(sc, comma.line != 0 ? "a key in "
					"double quotes after the comma" :
					"a key in double quotes or }", map);
			}
			return false;
		}
		key_pos = sc->pos;
		if (!scan_string(sc)) {
			return false;
		}
		skip_ws(sc);
		if (jpeek(sc) != ':') {
			expected(sc, ": after the key", map);
			return false;
		}
		jadvance(sc, 1);
		skip_ws(sc);
		value = scan_value(sc, depth + 1, map);
		if (value == NULL) {
			return false;
		}
		value->key_pos = key_pos;
		*tail = value;
		tail = &value->next;
		skip_ws(sc);
		c = jpeek(sc);
		if (c == '}') {
			jadvance(sc, 1);
			return true;
		}
		if (c != ',') {
			expected(sc, ", or } after a member", map);
			return false;
		}
		comma = sc->pos;
		jadvance(sc, 1);
		skip_ws(sc);
	}
}

/* Reads the items of the array whose '[' is at the cursor: [1, "a", []]. */
static bool
scan_array(struct jscan *sc, struct ogc_node *seq, unsigned depth)
{
	struct ogc_node **tail = &seq->child;
	struct ogc_node *item;
	struct ogc_pos comma = {0, 0};
	int c;

	jadvance(sc, 1);
	skip_ws(sc);
	if (jpeek(sc) == ']') {
		jadvance(sc, 1);
		return true;
	}
	for (;;) {
		if (comma.line != 0 && jpeek(sc) == ']') {
			jfail(sc, NULL, comma, "a comma before ]: JSON allows "
				"no trailing comma");
			return false;
		}
		item = scan_value(sc, depth + 1, seq);
		if (item == NULL) {
			return false;
		}
		*tail = item;
		tail = &item->next;
		skip_ws(sc);
		c = jpeek(sc);
		if (c == ']') {
			jadvance(sc, 1);
			return true;
		}
		if (c != ',') {
			expected(sc, ", or ] after an item", seq);
			return false;
		}
		comma = sc->pos;
		jadvance(sc, 1);
		skip_ws(sc);
	}
}

/* true, false or null at the cursor: its length, or 0. */
static size_t
literal_length(const struct jscan *sc)
{
	static const char *const words[] = {"false", "null", "true"};
	size_t n = word_length(sc->s + sc->off, sc->len - sc->off);
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strlen(words[i]) == n &&
			memcmp(sc->s + sc->off, words[i], n) == 0) {
			return n;
		}
	}
	return 0;
}

/*
 * Reads the value at the cursor, `depth` levels down, into a new node.
 * `within` is the object or array that holds it (NULL for the root).
 * String scalars get a NULL text for now: the zip fills it in.
 */
static struct ogc_node *
scan_value(struct jscan *sc, unsigned depth, const struct ogc_node *within)
{
	struct ogc_pos pos = sc->pos;
	struct ogc_node *node;
	size_t start = sc->off;
	size_t n;
	int c = jpeek(sc);

	if (c == '{' || c == '[') {
		node = jnode(sc, c == '{' ? OGC_NODE_MAP : OGC_NODE_SEQ, pos,
			depth);
		if (node == NULL || !(c == '{' ? scan_object(sc, node, depth) :
			scan_array(sc, node, depth))) {
			return NULL;
		}
		return node;
	}
	if (c == '"') {
		node = jnode(sc, OGC_NODE_SCALAR, pos, depth);
		if (node == NULL || !scan_string(sc)) {
			return NULL;
		}
		node->text = NULL;
		node->end = sc->pos;
		return node;
	}
	if (c == '-' || is_digit(c)) {
		node = jnode(sc, OGC_NODE_SCALAR, pos, depth);
		if (node == NULL || !scan_number(sc)) {
			return NULL;
		}
		node->end = sc->pos;
		node->len = sc->off - start;
		node->text = ogc_arena_strndup(sc->doc->arena, sc->s + start,
			node->len);
		if (node->text == NULL) {
			jnomem(sc);
			return NULL;
		}
		return node;
	}
	n = literal_length(sc);
	if (n == 4 && sc->s[start] == 'n') {
		node = jnode(sc, OGC_NODE_NULL, pos, depth);
		jadvance(sc, n);
		return node;
	}
	if (n != 0) {
		node = jnode(sc, OGC_NODE_SCALAR, pos, depth);
		if (node == NULL) {
			return NULL;
		}
		jadvance(sc, n);
		node->end = sc->pos;
		node->text = n == 4 ? "true" : "false";
		node->len = n;
		return node;
	}
	if (c == '\'') {
		jfail(sc, NULL, pos, "a string in single quotes: JSON strings "
			"take double quotes");
	} else if (is_word_char(c) && !is_digit(c)) {
		n = word_length(sc->s + start, sc->len - start);
		jfail(sc, NULL, pos, "unknown word '%.*s%s': JSON has true, "
			"false and null, and text goes in double quotes",
			n > 32 ? 32 : (int)n, sc->s + start,
			n > 32 ? "..." : "");
	} else {
		expected(sc, "a value", within);
	}
	return NULL;
}

/* The root is not an object: say what it is instead. */
static void
not_an_object(struct jscan *sc)
{
	int c = jpeek(sc);
	size_t n = literal_length(sc);

	if (c == -1) {
		jfail(sc, NULL, sc->pos, "the front matter is empty; expected "
			"a JSON object");
	} else if (c == '[') {
		jfail(sc, NULL, sc->pos, "the front matter is a JSON array; "
			"expected an object");
	} else if (c == '"') {
		jfail(sc, NULL, sc->pos, "the front matter is a JSON string; "
			"expected an object");
	} else if (c == '-' || is_digit(c)) {
		jfail(sc, NULL, sc->pos, "the front matter is a JSON number; "
			"expected an object");
	} else if (n != 0) {
		jfail(sc, NULL, sc->pos, "the front matter is the JSON value "
			"%.*s; expected an object", (int)n, sc->s + sc->off);
	} else {
		expected(sc, "{ to open the front matter object", NULL);
	}
}

/*
 * Scans the whole text: whitespace, one object, whitespace. Sets
 * [*start, *end) to the object's bytes.
 */
static struct ogc_node *
scan_document(struct jscan *sc, size_t *start, size_t *end)
{
	struct ogc_node *root;
	struct ogc_pos close;

	skip_ws(sc);
	if (jpeek(sc) != '{') {
		not_an_object(sc);
		return NULL;
	}
	*start = sc->off;
	root = scan_value(sc, 1, NULL);
	if (root == NULL) {
		return NULL;
	}
	*end = sc->off;
	close = sc->pos;
	close.column--; /* the '}' just read */
	skip_ws(sc);
	if (jpeek(sc) != -1) {
		jfail(sc, NULL, sc->pos, "trailing characters after the "
			"object, which closes at line %u, column %u",
			close.line, close.column);
		return NULL;
	}
	return root;
}

/* cJSON read the text differently from the scanner: never expected. */
static bool
disagree(struct jscan *sc, struct ogc_pos pos)
{
	jfail(sc, NULL, pos, "cJSON reads the JSON here differently: the "
		"front matter is not checked");
	return false;
}

/* Whether cJSON's item is the value the scanner found for `node`. */
static bool
same_kind(const struct ogc_node *node, const cJSON *item)
{
	switch (node->kind) {
	case OGC_NODE_MAP:
		return cJSON_IsObject(item);
	case OGC_NODE_SEQ:
		return cJSON_IsArray(item);
	case OGC_NODE_NULL:
		return cJSON_IsNull(item);
	case OGC_NODE_SCALAR:
		break;
	}
	if (node->text == NULL) {
		return cJSON_IsString(item) && item->valuestring != NULL;
	}
	if (strcmp(node->text, "true") == 0) {
		return cJSON_IsTrue(item);
	}
	if (strcmp(node->text, "false") == 0) {
		return cJSON_IsFalse(item);
	}
	return cJSON_IsNumber(item);
}

/*
 * Walks the scanner's node and cJSON's item together, in pre-order,
 * copying decoded keys and strings into the arena, and reports duplicate
 * keys of each object once its members are complete.
 */
static bool
zip(struct jscan *sc, struct ogc_node *node, const cJSON *item)
{
	struct ogc_node *c;
	const cJSON *ci;
	size_t count = 0;

	if (!same_kind(node, item)) {
		return disagree(sc, node->pos);
	}
	if (node->kind == OGC_NODE_SCALAR && node->text == NULL) {
		node->len = strlen(item->valuestring);
		node->text = ogc_arena_strndup(sc->doc->arena,
			item->valuestring, node->len);
		if (node->text == NULL) {
			jnomem(sc);
			return false;
		}
	}
	ci = item->child;
	for (c = node->child; c != NULL; c = c->next) {
		if (ci == NULL) {
			return disagree(sc, c->pos);
		}
		if (node->kind == OGC_NODE_MAP) {
			if (ci->string == NULL) {
				return disagree(sc, c->key_pos);
			}
			c->key = ogc_arena_strndup(sc->doc->arena, ci->string,
				strlen(ci->string));
			if (c->key == NULL) {
				jnomem(sc);
				return false;
			}
		}
		if (!zip(sc, c, ci)) {
			return false;
		}
		ci = ci->next;
		count++;
	}
	if (ci != NULL && (node->kind == OGC_NODE_MAP ||
		node->kind == OGC_NODE_SEQ)) {
		return disagree(sc, node->pos);
	}
	if (node->kind == OGC_NODE_MAP) {
		if (!ogc_doc_check_duplicates(sc->doc, node, count)) {
			jnomem(sc);
		}
	}
	return !sc->failed;
}

struct ogc_doc *
ogc_json_parse(const char *text, size_t len, unsigned first_line)
{
	struct jscan sc;
	struct ogc_doc *doc;
	struct ogc_node *root;
	const char *stop = NULL;
	cJSON *tree;
	size_t start = 0;
	size_t end = 0;
	size_t bad;

	doc = ogc_doc_create();
	if (doc == NULL) {
		return NULL;
	}
	/* a byte order mark takes no column, as in libyaml's positions */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	memset(&sc, 0, sizeof(sc));
	sc.doc = doc;
	sc.s = text;
	sc.len = len;
	sc.pos.line = first_line;
	sc.pos.column = 1;
	if (!ogc_utf8_valid(text, len, &bad)) {
		jfail(&sc, NULL, ogc_utf8_pos(text, bad, first_line),
			text[bad] == '\0' ? "a NUL byte: the front matter "
			"must be UTF-8 text" : "invalid UTF-8 byte 0x%02X: the "
			"front matter must be UTF-8 text",
			(unsigned char)text[bad]);
		goto out;
	}
	root = scan_document(&sc, &start, &end);
	if (root == NULL) {
		goto out;
	}
	/* valid and within the limits: cJSON fails only when out of memory */
	pthread_mutex_lock(&cjson_parse_lock);
	tree = cJSON_ParseWithLengthOpts(text + start, end - start, &stop,
		false);
	pthread_mutex_unlock(&cjson_parse_lock);
	if (tree == NULL) {
		if (stop == NULL || stop < text + start || stop > text + end) {
			stop = text + start;
		}
		jfail(&sc, NULL, ogc_utf8_pos(text, (size_t)(stop - text),
			first_line), "cJSON cannot read the JSON here (out of "
			"memory?): the front matter is not checked");
		goto out;
	}
	if (zip(&sc, root, tree)) {
		doc->root = root;
	}
	cJSON_Delete(tree);
out:
	if (doc->nomem) {
		ogc_doc_destroy(doc);
		return NULL;
	}
	return doc;
}

/* Levels whose bracket ogc_json_object_end() remembers, to match closers. */
#define OBJECT_END_LEVELS 1024u

/*
 * Finds the '}' that closes the object opening text, tracking strings,
 * escapes and brackets only: the rest of the syntax is the parser's job.
 *   {"a": "}"} body  -> 10
 *   {"a": [1, 2}     -> (size_t)-1: ']' expected, no byte can fix it
 *   {"a": "x<LF>     -> (size_t)-1: a line break inside a string
 * Deeper than OBJECT_END_LEVELS only the count of brackets is kept: such
 * text fails the depth limit when parsed anyway.
 */
size_t
ogc_json_object_end(const char *text, size_t len)
{
	uint64_t square[OBJECT_END_LEVELS / 64] = {0}; /* bit: opened by [ */
	bool in_string = false;
	bool matches;
	uint64_t bit;
	size_t depth = 0;
	size_t i;
	char c;

	if (len == 0) {
		return 0;
	}
	if (text[0] != '{') {
		return (size_t)-1;
	}
	for (i = 0; i < len; i++) {
		c = text[i];
		if (in_string) {
			if (c == '"') {
				in_string = false;
			} else if (c == '\n' || c == '\r') {
				return (size_t)-1;
			} else if (c == '\\') {
				if (i + 1 < len && (text[i + 1] == '\n' ||
					text[i + 1] == '\r')) {
					return (size_t)-1;
				}
				i++;
			}
			continue;
		}
		if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			bit = UINT64_C(1) << (depth % 64);
			if (depth < OBJECT_END_LEVELS && c == '[') {
				square[depth / 64] |= bit;
			} else if (depth < OBJECT_END_LEVELS) {
				square[depth / 64] &= ~bit;
			}
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
			bit = UINT64_C(1) << (depth % 64);
			/* deeper than the levels kept, any closer matches */
			matches = depth >= OBJECT_END_LEVELS ||
				((square[depth / 64] & bit) != 0) == (c == ']');
			if (!matches) {
				return (size_t)-1;
			}
			if (depth == 0) {
				return i + 1;
			}
		}
	}
	return 0;
}
