/* sarif.c: the SARIF 2.1.0 renderer (GitHub code scanning). */
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

/*
 * meson's homepage: -Dhomepage=URL, else the installed README as a file:
 * URI; SARIF informationUri (left out only when a build defines it empty)
 */
#ifndef OGC_HOMEPAGE
#define OGC_HOMEPAGE ""
#endif

/*
 * SARIF 2.1.0 (OASIS), as GitHub code scanning reads it.
 */

/* SARIF levels by enum ogc_severity. */
static const char *const sarif_levels[] = {"none", "note", "warning", "error"};

/*
 * A file path as a SARIF artifact URI, in quotes: relative paths stay
 * relative to the folder ogcheck ran in (the repository root in CI), "./"
 * dropped, bytes outside RFC 3986's unreserved set and "/" percent-encoded.
 * No byte of it is one cJSON escapes.
 *   "./content/a b.md" -> "content/a%20b.md"
 */
static void
put_uri(struct ogc_json_sink *k, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char *at;

	while (strncmp(path, "./", 2) == 0) {
		path += 2;
	}
	ogc_json_sink_put(k, "\"", 1);
	if (path[0] == '/') {
		ogc_json_sink_put(k, "file://", 7);
	}
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		at = ogc_json_sink_room(k, 3);
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
			*p == '_' || *p == '~' || *p == '/') {
			at[0] = (char)*p;
			k->len++;
		} else {
			at[0] = '%';
			at[1] = hex[*p >> 4];
			at[2] = hex[*p & 15];
			k->len += 3;
		}
	}
	ogc_json_sink_put(k, "\"", 1);
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
		if (!ogc_json_add_string(rule, "id", info.id) ||
			add_text(rule, "shortDescription", info.description[0] !=
			'\0' ? info.description : info.id) == NULL ||
			/* GitHub code scanning wants it (SARIF Multitool GH2012):
			   the rule's help, which cites its source */
			add_text(rule, "fullDescription", info.help[0] != '\0' ?
			info.help : info.description[0] != '\0' ?
			info.description : info.id) == NULL ||
			add_text(rule, "help", info.help[0] != '\0' ? info.help :
			info.description[0] != '\0' ? info.description :
			info.id) == NULL) {
			return false;
		}
		config = cJSON_AddObjectToObject(rule, "defaultConfiguration");
		if (config == NULL || !ogc_json_add_string(config, "level",
			sarif_levels[info.severity])) {
			return false;
		}
	}
	return true;
}

/*
 * The index of rule `id` in the driver's list, -1 when no rule has it:
 * the set keeps its rules sorted by id (strcmp()'s order), one each, so
 * this halves the range each step.
 */
static long
rule_index(const struct ogc_ruleset *rules, const char *id)
{
	struct ogc_rule_info info;
	size_t lo = 0;
	size_t hi = ogc_ruleset_count(rules);
	size_t mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (!ogc_ruleset_info(rules, mid, &info)) {
			break;
		}
		c = strcmp(info.id, id);
		if (c == 0) {
			return (long)mid;
		}
		if (c < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return -1;
}

/* An object of one string member: {"text": ...} and the like. */
static void
text_member(struct ogc_json_stream *s, const char *name, const char *key,
	const char *text)
{
	ogc_json_key(s, name);
	ogc_json_begin(s, '{');
	ogc_json_string_member(s, key, text);
	ogc_json_end(s, '}');
}

/*
 * One result, the members in the order the tree had them: locations,
 * ruleId, ruleIndex (when the rule is in the set), level, message,
 * suppressions (SARIF's way: the result stays, marked as suppressed in the
 * source), partialFingerprints.
 */
static void
write_result(struct ogc_json_stream *s, const struct ogc_diag *d,
	const struct ogc_ruleset *rules)
{
	char fingerprint[17];
	long index = rule_index(rules, d->rule);

	ogc_json_item(s);
	ogc_json_begin(s, '{');
	ogc_json_key(s, "locations");
	ogc_json_begin(s, '[');
	ogc_json_item(s);
	ogc_json_begin(s, '{');
	ogc_json_key(s, "physicalLocation");
	ogc_json_begin(s, '{');
	ogc_json_key(s, "artifactLocation");
	ogc_json_begin(s, '{');
	ogc_json_key(s, "uri");
	put_uri(&s->sink, d->file);
	ogc_json_end(s, '}');
	ogc_json_key(s, "region");
	ogc_json_begin(s, '{');
	ogc_json_uint_member(s, "startLine", d->pos.line);
	ogc_json_uint_member(s, "startColumn", d->pos.column);
	if (d->end.line != 0) {
		ogc_json_uint_member(s, "endLine", d->end.line);
		ogc_json_uint_member(s, "endColumn", d->end.column);
	}
	ogc_json_end(s, '}');
	ogc_json_end(s, '}');
	ogc_json_end(s, '}');
	ogc_json_end(s, ']');
	ogc_json_string_member(s, "ruleId", d->rule);
	if (index >= 0) {
		ogc_json_uint_member(s, "ruleIndex", (unsigned)index);
	}
	ogc_json_string_member(s, "level", sarif_levels[d->severity]);
	text_member(s, "message", "text", d->message);
	if (d->suppressed) {
		ogc_json_key(s, "suppressions");
		ogc_json_begin(s, '[');
		ogc_json_item(s);
		ogc_json_begin(s, '{');
		ogc_json_string_member(s, "kind", "inSource");
		ogc_json_end(s, '}');
		ogc_json_end(s, ']');
	}
	ogc_diag_fingerprint(d, fingerprint);
	text_member(s, "partialFingerprints", "ogcheck/v1", fingerprint);
	ogc_json_end(s, '}');
}

/* All but the results: the results array is left empty (see write_result()). */
static cJSON *
build_head(const struct ogc_ruleset *rules)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *runs;
	cJSON *run;
	cJSON *tool;
	cJSON *driver;

	if (root == NULL) {
		return NULL;
	}
	if (!ogc_json_add_string(root, "$schema", "https://json.schemastore.org/"
		"sarif-2.1.0.json") || !ogc_json_add_string(root, "version", "2.1.0")) {
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
	if (driver == NULL || !ogc_json_add_string(driver, "name", "ogcheck") ||
		!ogc_json_add_string(driver, "version", ogc_version()) ||
		(OGC_HOMEPAGE[0] != '\0' &&
		!ogc_json_add_string(driver, "informationUri", OGC_HOMEPAGE)) ||
		!ogc_json_add_string(driver, "semanticVersion", ogc_version()) ||
		!add_sarif_rules(driver, rules) ||
		cJSON_AddArrayToObject(run, "results") == NULL) {
		goto fail;
	}
	return root;
fail:
	cJSON_Delete(root);
	return NULL;
}

/*
 * The head as a tree, the results written one at a time after it: memory
 * holds a buffer of the report, not its tree (some 2.3 KB a result) nor
 * its text, and the bytes are those the whole tree printed.
 */
bool
ogc_report_write_sarif(const struct ogc_report *report,
	const struct ogc_ruleset *rules, FILE *out, struct ogc_error *err)
{
	const struct ogc_diag *d;
	char buf[65536];
	struct ogc_json_stream s;
	size_t i;

	if (!ogc_json_stream_open(&s, build_head(rules), out, buf,
		sizeof(buf), err)) {
		return false;
	}
	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!d->baselined) {
			write_result(&s, d, rules);
		}
	}
	return ogc_json_stream_close(&s, err);
}
