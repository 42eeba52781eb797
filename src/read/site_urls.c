/* site_urls.c: the URL a generator gives a source page by default, and
 * the source pages a built page may come from. */
/* SPDX-License-Identifier: MIT */
/*
 * Only the default URLs, which follow from a page's path alone, are
 * known for certain; a page that sets its own (permalink:, url:, slug:),
 * and a site whose config changes them (Hugo's permalinks, uglyURLs,
 * languages; Jekyll's permalink:), have none here.
 *   Hugo (gohugo.io/content-management/urls): content/posts/My-Post.md
 *     -> /posts/my-post/ (lower case), posts/x/index.md -> /posts/x/,
 *     posts/_index.md -> /posts/
 *   Jekyll (jekyllrb.com/docs/permalinks): about.md -> /about.html,
 *     docs/index.md -> /docs/, _posts/2024-03-01-timetable.md ->
 *     /2024/03/01/timetable.html (no categories, no date: set)
 *   Eleventy (11ty.dev/docs/permalinks): blog/first.md -> /blog/first/,
 *     blog/index.njk -> /blog/
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "read/read.h"
#include "read/site_parts.h"

/* The front matter sets one of `keys`. */
static bool
sets_any(const struct ogc_node *root, const char *const *keys)
{
	size_t i;

	for (i = 0; keys[i] != NULL; i++) {
		if (ogc_node_member(root, keys[i]) != NULL) {
			return true;
		}
	}
	return false;
}

/* rel below folder `top` ("" the root): the rest, or NULL. */
static const char *
below_top(const char *rel, const char *top)
{
	size_t n = top != NULL ? strlen(top) : 0;

	if (top == NULL || n == 0) {
		return rel;
	}
	return strncmp(rel, top, n) == 0 && rel[n] == '/' ? rel + n + 1 : NULL;
}

/*
 * "/" + path (the part before the file name's first dot: blog/first of
 * blog/first.md) + "/", or the folder's "/blog/" for an index; false when
 * a character would need escaping in a URL.
 */
static bool
folder_url(const char *path, const char *index, bool lower, char *url,
	size_t size)
{
	const char *base = strrchr(path, '/');
	const char *dot;
	size_t len;
	size_t i;

	base = base != NULL ? base + 1 : path;
	dot = strchr(base, '.');
	len = dot != NULL ? (size_t)(dot - path) : strlen(path);
	if (strncmp(base, index, strlen(index)) == 0 &&
		(base[strlen(index)] == '.' || base[strlen(index)] == '\0')) {
		len = (size_t)(base - path); /* "blog/" or "" */
		snprintf(url, size, "/%.*s", (int)len, path);
	} else {
		snprintf(url, size, "/%.*s/", (int)len, path);
	}
	for (i = 0; url[i] != '\0'; i++) {
		if (lower) {
			url[i] = (char)tolower((unsigned char)url[i]);
		}
		if (!isalnum((unsigned char)url[i]) && strchr("/-_.", url[i]) ==
			NULL) {
			return false;
		}
	}
	return true;
}

/* Jekyll: a post's /YYYY/MM/DD/title.html, or a page's /about.html. */
static bool
jekyll_url(const char *rel, char *url, size_t size)
{
	const char *post = below_top(rel, "_posts");
	const char *base;
	const char *dot;
	size_t i;

	if (post != NULL) {
		dot = strrchr(post, '.');
		if (strchr(post, '/') != NULL || dot == NULL ||
			strlen(post) < 12 || post[4] != '-' || post[7] != '-' ||
			post[10] != '-') {
			return false;
		}
		snprintf(url, size, "/%.4s/%.2s/%.2s/%.*s.html", post, post + 5,
			post + 8, (int)(dot - post - 11), post + 11);
	} else if (rel[0] == '_') {
		return false; /* another collection: its own permalink */
	} else {
		base = strrchr(rel, '/');
		base = base != NULL ? base + 1 : rel;
		dot = strrchr(base, '.');
		if (dot == NULL || (strcmp(dot, ".md") != 0 &&
			strcmp(dot, ".markdown") != 0 && strcmp(dot, ".html") != 0)) {
			return false; /* feed.xml stays feed.xml: no page */
		}
		if ((size_t)(dot - base) == 5 && strncmp(base, "index", 5) == 0) {
			/* docs/index.md -> /docs/ */
			snprintf(url, size, "/%.*s", (int)(base - rel), rel);
		} else {
			/* docs/about.md -> /docs/about.html */
			snprintf(url, size, "/%.*s.html", (int)(dot - rel), rel);
		}
	}
	for (i = 0; url[i] != '\0'; i++) {
		if (!isalnum((unsigned char)url[i]) && strchr("/-_.", url[i]) ==
			NULL) {
			return false;
		}
	}
	return true;
}

bool
ogc_site_page_url(const struct ogc_site *site, const char *rel,
	const struct ogc_node *root, const struct ogc_page_data *data,
	char *url, size_t size)
{
	static const char *const hugo_keys[] = {"url", "slug", NULL};
	static const char *const jekyll_keys[] = {"permalink", "slug",
		"categories", "category", "date", NULL};
	static const char *const eleventy_keys[] = {"permalink", NULL};
	const char *path;
	size_t i;

	if (!site->default_urls || root == NULL) {
		return false;
	}
	switch (site->generator) {
	case OGC_GEN_HUGO:
		path = below_top(rel, site->input);
		return path != NULL && !sets_any(root, hugo_keys) &&
			folder_url(path, strncmp(strrchr(path, '/') != NULL ?
			strrchr(path, '/') + 1 : path, "_index.", 7) == 0 ?
			"_index" : "index", true, url, size);
	case OGC_GEN_JEKYLL:
		return !sets_any(root, jekyll_keys) && jekyll_url(rel, url, size);
	case OGC_GEN_ELEVENTY:
		for (i = 0; data != NULL && i < data->count; i++) {
			if (strcmp(data->items[i].field, "permalink") == 0) {
				return false; /* the data cascade sets it */
			}
		}
		path = below_top(rel, site->input);
		return path != NULL && !sets_any(root, eleventy_keys) &&
			folder_url(path, "index", false, url, size);
	default:
		return false;
	}
}

bool
ogc_site_built_url(const struct ogc_site *site, const char *rel, char *url,
	size_t size)
{
	const char *path = below_top(rel, site->output);
	size_t n;

	if (path == NULL || site->output == NULL) {
		return false;
	}
	snprintf(url, size, "/%s", path);
	n = strlen(url);
	if (n >= 11 && strcmp(url + n - 11, "/index.html") == 0) {
		url[n - 10] = '\0'; /* "/blog/index.html" -> "/blog/" */
	}
	return true;
}

bool
ogc_site_built_file(const struct ogc_site *site, const char *url,
	char *rel, size_t size)
{
	if (site->output == NULL || url[0] != '/') {
		return false;
	}
	snprintf(rel, size, "%s%s%s", site->output, url,
		url[strlen(url) - 1] == '/' ? "index.html" : "");
	return ogc_site_is_file(site->root, rel, false);
}

size_t
ogc_site_sources_of(const struct ogc_site *site, const char *url,
	char (*out)[1024], size_t max)
{
	static const char *const hugo_ends[] = {".md", "/index.md",
		"/_index.md", ".markdown", "/index.markdown", ".html", NULL};
	static const char *const jekyll_ends[] = {".md", ".markdown", ".html",
		NULL};
	static const char *const eleventy_ends[] = {".md", ".njk", ".html",
		".liquid", ".11ty.js", "/index.md", "/index.njk", "/index.html",
		"/index.liquid", "/index.11ty.js", NULL};
	const char *const *ends;
	const char *top = site->input != NULL ? site->input : "";
	char path[1024];
	size_t len = strlen(url);
	size_t n = 0;
	size_t i;

	if (!site->default_urls || len == 0 || url[0] != '/') {
		return 0;
	}
	switch (site->generator) {
	case OGC_GEN_HUGO:
		ends = hugo_ends;
		break;
	case OGC_GEN_ELEVENTY:
		ends = eleventy_ends;
		break;
	case OGC_GEN_JEKYLL:
		ends = jekyll_ends;
		top = "";
		if (len > 16 && isdigit((unsigned char)url[1]) && url[5] == '/' &&
			url[8] == '/' && url[11] == '/' &&
			strcmp(url + len - 5, ".html") == 0) {
			/* /2024/03/01/timetable.html */
			snprintf(path, sizeof(path), "_posts/%.4s-%.2s-%.2s-%.*s",
				url + 1, url + 6, url + 9, (int)(len - 17), url + 12);
		} else if (url[len - 1] == '/') {
			snprintf(path, sizeof(path), "%.*sindex", (int)(len - 1),
				url + 1);
		} else if (len > 5 && strcmp(url + len - 5, ".html") == 0) {
			snprintf(path, sizeof(path), "%.*s", (int)(len - 6),
				url + 1);
		} else {
			return 0;
		}
		for (i = 0; ends[i] != NULL && n < max; i++) {
			ogc_str_join(out[n], sizeof(*out),
				(const char *const[]){path, ends[i]}, 2);
			if (ogc_site_is_file(site->root, out[n], false)) {
				n++;
			}
		}
		return n;
	default:
		return 0;
	}
	/* Hugo and Eleventy: /blog/first/ from blog/first.md, or an index */
	if (url[len - 1] != '/') {
		return 0;
	}
	for (i = 0; ends[i] != NULL && n < max; i++) {
		if (len == 1 && ends[i][0] != '/') {
			continue; /* the home page is only an index */
		}
		snprintf(out[n], sizeof(*out), "%s%s%.*s%s", top, top[0] != '\0' ?
			"/" : "", (int)(len - 2), url + 1, len == 1 ? ends[i] + 1 :
			ends[i]);
		if (ogc_site_is_file(site->root, out[n], false)) {
			n++;
		}
	}
	return n;
}
