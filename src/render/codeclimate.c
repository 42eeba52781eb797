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

/* One issue, the members in the order the tree had them. */
static void
write_issue(struct ogc_json_stream *s, const struct ogc_diag *d,
	const char *fingerprint)
{
	const char *path = d->file;

	/* GitLab matches paths from the repository root: no "./" */
	while (strncmp(path, "./", 2) == 0) {
		path += 2;
	}
	ogc_json_item(s);
	ogc_json_begin(s, '{');
	ogc_json_key(s, "location");
	ogc_json_begin(s, '{');
	ogc_json_key(s, "lines");
	ogc_json_begin(s, '{');
	ogc_json_uint_member(s, "begin", d->pos.line);
	ogc_json_end(s, '}');
	ogc_json_string_member(s, "path", path);
	ogc_json_end(s, '}');
	ogc_json_string_member(s, "description", d->message);
	ogc_json_string_member(s, "check_name", d->rule);
	ogc_json_string_member(s, "fingerprint", fingerprint);
	ogc_json_string_member(s, "severity", gitlab_severities[d->severity]);
	ogc_json_end(s, '}');
}

/*
 * The issues are written one at a time (the array's head and tail are
 * cJSON's), so that memory holds a buffer of the report and a fingerprint
 * a finding, not the report's tree; the bytes are those the tree printed.
 */
bool
ogc_report_write_codeclimate(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	size_t count = ogc_report_count(report);
	struct fingerprint *fps = calloc(count + 1, sizeof(*fps));
	size_t *repeats = calloc(count + 1, sizeof(*repeats));
	const struct ogc_diag *d;
	char buf[65536];
	struct ogc_json_stream s;
	char unique[40];
	size_t repeat = 1;
	size_t i;
	bool ok = false;

	if (fps == NULL || repeats == NULL) {
		ogc_error_nomem(err);
		goto free_lists;
	}
	for (i = 0; i < count; i++) {
		ogc_diag_fingerprint(ogc_report_get(report, i), fps[i].hex);
		fps[i].index = i;
	}
	qsort(fps, count, sizeof(*fps), compare_fingerprints);
	/* the n-th finding with a fingerprint, in report order, gets "-n" */
	for (i = 0; i < count; i++) {
		repeat = i > 0 && strcmp(fps[i].hex, fps[i - 1].hex) == 0 ?
			repeat + 1 : 1;
		repeats[fps[i].index] = repeat;
	}
	if (!ogc_json_stream_open(&s, cJSON_CreateArray(), out, buf,
		sizeof(buf), err)) {
		goto free_lists;
	}
	for (i = 0; i < count; i++) {
		d = ogc_report_get(report, i);
		if (!ogc_diag_shown(d)) {
			continue;
		}
		ogc_diag_fingerprint(d, unique);
		if (repeats[i] > 1) {
			snprintf(unique + 16, sizeof(unique) - 16, "-%zu",
				repeats[i]);
		}
		write_issue(&s, d, unique);
	}
	ok = ogc_json_stream_close(&s, err);
free_lists:
	free(repeats);
	free(fps);
	return ok;
}
