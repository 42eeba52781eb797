/* codeclimate.c: the Code Climate renderer (GitLab Code Quality). */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "render/json_out.h"
#include "render/render.h"
#include "report/report.h"

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
		ogc_json_add_string(issue, "description", d->message) &&
		ogc_json_add_string(issue, "check_name", d->rule) &&
		ogc_json_add_string(issue, "fingerprint", fingerprint) &&
		ogc_json_add_string(issue, "severity", gitlab_severities[d->severity]) &&
		ogc_json_add_string(location, "path", path) &&
		ogc_json_add_number(lines, "begin", d->pos.line);
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
	return ogc_json_print(build_codeclimate(report), out, err);
}
