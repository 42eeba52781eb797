/* site_data.c: fields a page gets from files beside it: Eleventy's data
 * files, a Hugo bundle's image (site_hugo.c). */
/* SPDX-License-Identifier: MIT */
/*
 * 11ty.dev/docs/data-template-dir: Eleventy merges into a template's data
 * the directory data files of its folder and of every folder above it in
 * the input (posts/posts.11tydata.json, posts/posts.11tydata.js,
 * posts/posts.json) and its own template data file (post.11tydata.json,
 * post.11tydata.js); a key they set (title, image) is the page's unless
 * its front matter sets it, and eleventyComputed keys are computed for
 * every page. ogcheck reads the keys such a file sets, not their values:
 * a page whose title comes from there has one.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "read/site_parts.h"
#include "util/util.h"

/* A data file read for its keys: at most this many bytes. */
#define MAX_DATA_BYTES (256u * 1024u)

void
ogc_page_data_add(struct ogc_page_data *data, const char *field,
	const char *fmt, ...)
{
	struct ogc_page_field *item;
	va_list ap;
	size_t i;

	for (i = 0; i < data->count; i++) {
		if (strcmp(data->items[i].field, field) == 0) {
			return; /* the nearer file was added first */
		}
	}
	if (data->count == sizeof(data->items) / sizeof(*data->items)) {
		return;
	}
	item = &data->items[data->count++];
	snprintf(item->field, sizeof(item->field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(item->where, sizeof(item->where), fmt, ap);
	va_end(ap);
}

/* Adds the keys of a JSON object's members (and of eleventyComputed). */
static void
json_keys(const struct ogc_node *map, const char *rel,
	struct ogc_page_data *out)
{
	const struct ogc_node *c;

	for (c = map != NULL && map->kind == OGC_NODE_MAP ? map->child : NULL;
		c != NULL; c = c->next) {
		if (c->key == NULL || c->kind == OGC_NODE_NULL) {
			continue;
		}
		if (strcmp(c->key, "eleventyComputed") == 0) {
			json_keys(c, rel, out);
		} else {
			ogc_page_data_add(out, c->key, "%s:%u", rel, c->pos.line);
		}
	}
}

/* Skips a JavaScript string or comment at *p; false when there is none. */
static bool
skip_literal(const char **p)
{
	const char *s = *p;
	char quote = *s;

	if (s[0] == '/' && s[1] == '/') {
		s = strchr(s, '\n');
		*p = s != NULL ? s : *p + strlen(*p);
		return true;
	}
	if (s[0] == '/' && s[1] == '*') {
		s = strstr(s + 2, "*/");
		*p = s != NULL ? s + 2 : *p + strlen(*p);
		return true;
	}
	if (quote != '"' && quote != '\'' && quote != '`') {
		return false;
	}
	for (s++; *s != '\0' && *s != quote; s++) {
		if (*s == '\\' && s[1] != '\0') {
			s++;
		}
	}
	*p = *s != '\0' ? s + 1 : s;
	return true;
}

/*
 * Adds the keys of the object literal a JavaScript data file exports
 * (export default {...} or module.exports = {...}); the keys at its top
 * level, and those of its eleventyComputed. A file that exports a
 * function gives nothing: its keys are known only by running it.
 */
static void
js_keys(const char *text, const char *rel, struct ogc_page_data *out)
{
	const char *p = strstr(text, "export default");
	const char *from;
	const char *key;
	unsigned line = 1;
	int depth = 0;
	int computed = -1; /* the depth of eleventyComputed's object */
	char name[64];
	size_t n;

	if (p == NULL) {
		p = strstr(text, "module.exports");
	}
	if (p == NULL) {
		return;
	}
	p += strcspn(p, "{(=");
	p += *p == '=' ? 1 : 0;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '=') {
		p++;
	}
	if (*p != '{') {
		return;
	}
	for (key = text; key < p; key++) {
		line += *key == '\n';
	}
	for (; *p != '\0'; p++) {
		from = p;
		if (skip_literal(&p)) {
			for (; from < p; from++) {
				line += *from == '\n';
			}
			p--;
			continue;
		}
		line += *p == '\n';
		if (*p == '{' || *p == '[' || *p == '(') {
			depth++;
		} else if (*p == '}' || *p == ']' || *p == ')') {
			if (--depth == 0) {
				return;
			}
			if (depth < computed) {
				computed = -1;
			}
		} else if ((depth == 1 || depth == computed) &&
			(isalpha((unsigned char)*p) || *p == '_') &&
			!isalnum((unsigned char)p[-1]) && p[-1] != '_' &&
			p[-1] != '.') {
			key = p;
			while (isalnum((unsigned char)*p) || *p == '_' || *p == '$') {
				p++;
			}
			n = (size_t)(p - key);
			while (*p == ' ' || *p == '\t') {
				p++;
			}
			if ((*p == ':' || *p == '(') && n < sizeof(name)) {
				snprintf(name, sizeof(name), "%.*s", (int)n, key);
				if (strcmp(name, "eleventyComputed") == 0) {
					computed = depth + 1;
				} else {
					ogc_page_data_add(out, name, "%s:%u", rel, line);
				}
			}
			p--;
		}
	}
}

/* Adds the keys of the data file site->root/rel, when there is one. */
static void
data_file(const struct ogc_site *site, const char *rel,
	struct ogc_page_data *out)
{
	struct ogc_doc *doc;
	size_t len;
	char *text = ogc_read_small_file(site->root, rel, MAX_DATA_BYTES,
		&len);

	if (text == NULL) {
		return;
	}
	if (len > 5 && strcmp(rel + strlen(rel) - 5, ".json") == 0) {
		doc = ogc_json_parse(text, len, 1);
		if (doc != NULL) {
			json_keys(doc->root, rel, out);
		}
		ogc_doc_destroy(doc);
	} else {
		js_keys(text, rel, out);
	}
	free(text);
}

/* The data files named `stem` + each ending, in the folder dir. */
static void
data_files(const struct ogc_site *site, const char *dir, const char *stem,
	struct ogc_page_data *out)
{
	static const char *const endings[] = {".11tydata.json", ".11tydata.js",
		".11tydata.cjs", ".11tydata.mjs", ".json", NULL};
	char rel[4200];
	size_t i;

	for (i = 0; endings[i] != NULL; i++) {
		snprintf(rel, sizeof(rel), "%s%s%s%s", dir, dir[0] != '\0' ? "/" :
			"", stem, endings[i]);
		if (ogc_site_is_file(site->root, rel, false)) {
			data_file(site, rel, out);
		}
	}
}

void
ogc_site_eleventy_folder_data(const struct ogc_site *site, const char *dir,
	struct ogc_page_data *out)
{
	const char *top = site->input != NULL ? site->input : "";
	char here[4096];
	const char *name;
	char *slash;

	out->count = 0;
	snprintf(here, sizeof(here), "%s", dir);
	for (;;) {
		/* the folder's own name: posts/posts.11tydata.json */
		name = strrchr(here, '/');
		name = name != NULL ? name + 1 : here;
		if (name[0] != '\0' && strcmp(name, ".") != 0) {
			data_files(site, here, name, out);
		}
		if (strcmp(here, top) == 0 || here[0] == '\0') {
			return;
		}
		slash = strrchr(here, '/');
		if (slash == NULL) {
			here[0] = '\0';
		} else {
			*slash = '\0';
		}
	}
}

void
ogc_site_eleventy_page_data(const struct ogc_site *site, const char *rel,
	struct ogc_page_data *out)
{
	const char *base = strrchr(rel, '/');
	const char *dot;
	char dir[4096];
	char stem[512];

	base = base != NULL ? base + 1 : rel;
	dot = strrchr(base, '.');
	snprintf(dir, sizeof(dir), "%.*s", base > rel ? (int)(base - rel - 1) :
		0, rel);
	snprintf(stem, sizeof(stem), "%.*s", dot != NULL ? (int)(dot - base) :
		(int)strlen(base), base);
	data_files(site, dir, stem, out);
}
