/* site_files.c: the files a site publishes as they are, and where the
 * file of a URL path is. */
/* SPDX-License-Identifier: MIT */
/*
 * A site-relative image (og:image: /images/card.png) is a file of the
 * site. Where each generator keeps such files:
 * - Hugo: a page bundle's own files (relative values only), then the
 *   static folders (gohugo.io/getting-started/directory-structure,
 *   gohugo.io/configuration/module/#mounts); never assets/, which Hugo
 *   publishes only through a template (gohugo.io/hugo-pipes/introduction).
 * - Jekyll: the source tree, less folders and files whose names start
 *   with _ or . and what exclude: names (jekyllrb.com/docs/structure,
 *   jekyllrb.com/docs/configuration/options).
 * - Eleventy: its passthrough copies only (11ty.dev/docs/copy).
 * - Astro: public/ (or publicDir), for a value from the site's root
 *   (docs.astro.build/en/basics/project-structure/#public), unless the
 *   site is served under a base path; a relative one is an image a
 *   collection's schema resolves from its entry (image()), not a file of
 *   the built site, and is left alone.
 * - A built page: the built site's own files.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "read/site_parts.h"
#include "util/util.h"

/* "a/b" or "" with n bytes of s, slashes and "./" taken off both ends. */
static void
trim(char *out, size_t size, const char *s, size_t n)
{
	while (n >= 2 && s[0] == '.' && s[1] == '/') {
		s += 2;
		n -= 2;
	}
	while (n > 0 && s[0] == '/') {
		s++;
		n--;
	}
	while (n > 0 && s[n - 1] == '/') {
		n--;
	}
	if (n == 1 && s[0] == '.') {
		n = 0;
	}
	snprintf(out, size, "%.*s", (int)n, s);
}

void
ogc_site_add_copy(struct ogc_site *site, const char *from, size_t len,
	const char *to, size_t to_len)
{
	struct ogc_site_copy *v;
	char f[1024];
	char t[1024];

	trim(f, sizeof(f), from, len);
	trim(t, sizeof(t), to, to_len);
	ogc_path_normalize(f);
	ogc_path_normalize(t);
	if (strncmp(f, "..", 2) == 0 || strncmp(t, "..", 2) == 0) {
		return;
	}
	v = realloc(site->copies, (site->copy_count + 1) * sizeof(*v));
	if (v == NULL) {
		return;
	}
	site->copies = v;
	v += site->copy_count;
	v->from = strdup(f);
	v->to = strdup(t);
	if (v->from == NULL || v->to == NULL) {
		free(v->from);
		free(v->to);
		return;
	}
	site->copy_count++;
}

/* The part of `path` below folder `dir` ("" for dir itself), or NULL. */
static const char *
under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 0) {
		return path;
	}
	if (strncmp(path, dir, n) != 0) {
		return NULL;
	}
	return path[n] == '\0' ? path + n : path[n] == '/' ? path + n + 1 :
		NULL;
}

/* Looks for root/a[/b]; records the place in out->looked when absent. */
static bool
try_file(const struct ogc_site *site, const char *a, const char *b,
	struct ogc_site_lookup *out)
{
	char path[1024];
	size_t n = strlen(out->looked);

	snprintf(path, sizeof(path), "%s%s%s", a, a[0] != '\0' && b[0] != '\0' ?
		"/" : "", b);
	ogc_path_normalize(path);
	if (path[0] == '\0' || strncmp(path, "..", 2) == 0) {
		return false;
	}
	if (ogc_site_is_file(site->root, path, false)) {
		snprintf(out->file, sizeof(out->file), "%s", path);
		return true;
	}
	if (strstr(out->looked, path) == NULL && n + 2 < sizeof(out->looked)) {
		/* the list cut where it is full */
		ogc_str_join(out->looked + n, sizeof(out->looked) - n,
			(const char *const[]){n > 0 ? ", " : "", path}, 2);
	}
	return false;
}

/*
 * Whether a passthrough glob names the file at path; as in fast-glob, a
 * leading "**" and slash also match no folder at all.
 */
static bool
glob_names(const char *glob, const char *path)
{
	return fnmatch(glob, path, 0) == 0 || (strncmp(glob, "**/", 3) == 0 &&
		fnmatch(glob + 3, path, 0) == 0);
}

/* Eleventy's passthrough copies, and Hugo's static folders. */
static bool
copies(const struct ogc_site *site, const char *want,
	struct ogc_site_lookup *out)
{
	const struct ogc_site_copy *c;
	const char *rest;
	const char *in = site->input != NULL ? site->input : "";
	char src[1024];
	size_t i;

	for (i = 0; i < site->copy_count; i++) {
		c = &site->copies[i];
		if (strpbrk(c->from, "*?[{") != NULL) {
			/* a glob: the file keeps its path below the input */
			snprintf(src, sizeof(src), "%s%s%s", under(c->from, in) !=
				NULL && in[0] != '\0' ? in : "", under(c->from, in) !=
				NULL && in[0] != '\0' ? "/" : "", want);
			if (glob_names(c->from, src) && try_file(site, src, "",
				out)) {
				return true;
			}
			continue;
		}
		rest = under(want, c->to);
		if (rest != NULL && try_file(site, c->from, rest, out)) {
			return true;
		}
	}
	return false;
}

/* Jekyll: why the source file at `want` is not published, or NULL. */
static const char *
jekyll_unpublished(const struct ogc_site *site, const char *want)
{
	const char *p;
	size_t i;

	for (p = want; p != NULL; p = strchr(p, '/')) {
		p += *p == '/';
		if (*p == '_' || *p == '.') {
			return "Jekyll does not publish files and folders whose "
				"names start with _ or .";
		}
	}
	for (i = 0; i < site->exclude_count; i++) {
		if (ogc_path_glob_match(site->exclude[i], want)) {
			return "the exclude: list of the Jekyll config leaves it out";
		}
	}
	for (i = 0; i < site->skip_count; i++) {
		if (under(want, site->skip[i]) != NULL) {
			return "Jekyll does not publish that folder";
		}
	}
	return NULL;
}

/* A Hugo page bundle's page: index.md or _index.md (any ending). */
static bool
is_bundle_page(const char *rel)
{
	const char *base = strrchr(rel, '/');

	base = base != NULL ? base + 1 : rel;
	return strncmp(base, "index.", 6) == 0 ||
		strncmp(base, "_index.", 7) == 0;
}

/* The folder of `rel` ("" at the root) into dir. */
static void
folder_of(const char *rel, char *dir, size_t size)
{
	const char *slash = strrchr(rel, '/');

	snprintf(dir, size, "%.*s", slash != NULL ? (int)(slash - rel) : 0,
		rel);
}

static enum ogc_served
built_file(const struct ogc_site *site, const char *rel, const char *path,
	const char *want, struct ogc_site_lookup *out)
{
	char dir[1024];
	char file[2048];

	if (path[0] == '/') {
		return try_file(site, site->output, want, out) ?
			OGC_SERVED_FOUND : OGC_SERVED_MISSING;
	}
	folder_of(rel, dir, sizeof(dir));
	snprintf(file, sizeof(file), "%s/%s", dir, path);
	ogc_path_normalize(file);
	if (under(file, site->output) == NULL) {
		return OGC_SERVED_UNKNOWN; /* above the built site */
	}
	return try_file(site, file, "", out) ? OGC_SERVED_FOUND :
		OGC_SERVED_MISSING;
}

enum ogc_served
ogc_site_served_file(const struct ogc_site *site, const char *rel,
	bool built, const char *path, struct ogc_site_lookup *out)
{
	char want[1024];
	char dir[1024];
	const char *why;
	size_t n = strlen(path);

	out->file[0] = '\0';
	out->looked[0] = '\0';
	out->why[0] = '\0';
	snprintf(want, sizeof(want), "%s", path);
	ogc_path_normalize(want);
	if (n == 0 || path[n - 1] == '/' || want[0] == '\0' ||
		strncmp(want, "..", 2) == 0 || n >= sizeof(want)) {
		return OGC_SERVED_UNKNOWN;
	}
	if (built) {
		return site->output == NULL ? OGC_SERVED_UNKNOWN :
			built_file(site, rel, path, want, out);
	}
	switch (site->generator) {
	case OGC_GEN_HUGO:
		/* a bundle's own image: its resource, found before static/ */
		folder_of(rel, dir, sizeof(dir));
		if (path[0] != '/' && is_bundle_page(rel) &&
			try_file(site, dir, want, out)) {
			return OGC_SERVED_FOUND;
		}
		if (copies(site, want, out)) {
			return OGC_SERVED_FOUND;
		}
		if (site->copies_unread) {
			return OGC_SERVED_UNKNOWN; /* a theme's, maybe */
		}
		snprintf(dir, sizeof(dir), "assets/%.1000s", want);
		if (ogc_site_is_file(site->root, dir, false)) {
			snprintf(out->why, sizeof(out->why), "%.300s is there, but Hugo "
				"publishes a file of assets/ only when a template "
				"processes it (resources.Get)", dir);
		}
		return OGC_SERVED_MISSING;
	case OGC_GEN_JEKYLL:
		why = jekyll_unpublished(site, want);
		if (why == NULL && try_file(site, "", want, out)) {
			return OGC_SERVED_FOUND;
		}
		if (why != NULL) {
			snprintf(out->looked, sizeof(out->looked), "%s", want);
			if (ogc_site_is_file(site->root, want, false)) {
				snprintf(out->why, sizeof(out->why), "%.300s is there, but "
					"%s", want, why);
			}
		}
		return OGC_SERVED_MISSING;
	case OGC_GEN_ELEVENTY:
		if (copies(site, want, out)) {
			return OGC_SERVED_FOUND;
		}
		if (out->looked[0] == '\0') {
			snprintf(out->why, sizeof(out->why), "no "
				"addPassthroughCopy() in %s copies it to the built "
				"site", site->config);
		}
		return OGC_SERVED_MISSING;
	case OGC_GEN_ASTRO:
		/* no public/ modelled under a base path (site_config.c) */
		if (path[0] != '/' || site->copy_count == 0) {
			return OGC_SERVED_UNKNOWN;
		}
		return copies(site, want, out) ? OGC_SERVED_FOUND :
			OGC_SERVED_MISSING;
	default:
		return OGC_SERVED_UNKNOWN;
	}
}
