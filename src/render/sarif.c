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
		ogc_json_add_string(suppression, "kind", "inSource");
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
	if (!ogc_json_add_string(result, "ruleId", d->rule) ||
		(index >= 0 && !ogc_json_add_number(result, "ruleIndex", (double)index)) ||
		!ogc_json_add_string(result, "level", sarif_levels[d->severity]) ||
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
		ogc_json_add_string(artifact, "uri", uri) &&
		ogc_json_add_number(region, "startLine", d->pos.line) &&
		ogc_json_add_number(region, "startColumn", d->pos.column) &&
		(d->end.line == 0 || (ogc_json_add_number(region, "endLine", d->end.line) &&
		ogc_json_add_number(region, "endColumn", d->end.column)));
	free(uri);
	if (ok && d->suppressed) {
		ok = add_suppression(result);
	}
	ogc_diag_fingerprint(d, fingerprint);
	fingerprints = ok ? cJSON_AddObjectToObject(result,
		"partialFingerprints") : NULL;
	return fingerprints != NULL &&
		ogc_json_add_string(fingerprints, "ogcheck/v1", fingerprint);
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
	return ogc_json_print(build_sarif(report, rules), out, err);
}
