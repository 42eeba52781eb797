/* out_json.c: the JSON renderer (SPEC "JSON output"). */
/* SPDX-License-Identifier: MIT */
/* The only file that includes <cjson/cJSON.h>. */
#include <errno.h>
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
