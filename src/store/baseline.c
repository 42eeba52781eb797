/* baseline.c: baseline files: load and write (applied in report/). */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "render/json_out.h"
#include "report/report.h"
#include "store/store.h"
#include "util/util.h"

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


struct ogc_baseline *
ogc_baseline_load(const char *path, struct ogc_error *err)
{
	struct ogc_baseline *b = NULL;
	const cJSON *findings;
	const cJSON *item;
	const cJSON *fp;
	const cJSON *count;
	char *text = ogc_store_slurp(path, "baseline", err);
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

	if (v == NULL || root == NULL || !ogc_json_add_string(root, "tool", "ogcheck") ||
		!ogc_json_add_number(root, "baseline", 1)) {
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
		if (!ogc_json_add_string(item, "fingerprint", v[i].fingerprint) ||
			!ogc_json_add_string(item, "rule", v[i].diag->rule) ||
			!ogc_json_add_string(item, "file", v[i].diag->file) ||
			!ogc_json_add_number(item, "count", (double)(j - i))) {
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


bool
ogc_report_write_baseline(const struct ogc_report *report, const char *path,
	struct ogc_error *err)
{
	return ogc_store_write_json(build_baseline(report), path, "baseline", err);
}
