/* cache.c: the URL cache file: what fetching found, kept between runs. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "net/net.h"
#include "render/json_out.h"
#include "store/store.h"
#include "util/util.h"

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
	if (!ogc_json_add_string(item, "url", f->url) ||
		!ogc_json_add_number(item, "checked", (double)f->checked) ||
		!ogc_json_add_number(item, "status", (double)f->status) ||
		(f->content_type != NULL &&
		!ogc_json_add_string(item, "type", f->content_type)) ||
		(f->bytes >= 0 && !ogc_json_add_number(item, "bytes", (double)f->bytes)) ||
		(f->redirects > 0 &&
		!ogc_json_add_number(item, "redirects", (double)f->redirects)) ||
		(f->final_url != NULL && !ogc_json_add_string(item, "final", f->final_url))) {
		return false;
	}
	if (!f->image_read) {
		return true;
	}
	image = cJSON_AddObjectToObject(item, "image");
	if (image != NULL && f->image_cut) {
		return ogc_json_add_string(image, "format",
			ogc_image_format_name(f->image.format)) &&
			cJSON_AddTrueToObject(image, "cut") != NULL;
	}
	return image != NULL && ogc_json_add_string(image, "format",
		ogc_image_format_name(f->image.format)) &&
		(f->image.format == OGC_IMAGE_NONE ||
		(ogc_json_add_number(image, "width", (double)f->image.width) &&
		ogc_json_add_number(image, "height", (double)f->image.height)));
}

bool
ogc_cache_write(const char *path, const struct ogc_fetch *const *items,
	size_t count, struct ogc_error *err)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *list;
	size_t i;

	if (root == NULL || !ogc_json_add_string(root, "tool", "ogcheck") ||
		!ogc_json_add_number(root, "cache", 1)) {
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
	return ogc_store_write_json(root, path, "cache", err);
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
	text = ogc_store_slurp(path, "cache", &ignored);
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
