/* site_hugo.c: Hugo's page bundles: their images, their resources, and
 * the folders whose pages Hugo does not render. */
/* SPDX-License-Identifier: MIT */
/*
 * gohugo.io/content-management/page-bundles: a folder with an index.md is
 * a leaf bundle, whose other files (Markdown too) are the page's
 * resources, not pages; an image whose name holds "feature", "cover" or
 * "thumbnail" is the bundle's og:image in Hugo's opengraph template.
 * gohugo.io/content-management/build-options: a bundle whose front matter
 * sets build: {render: never} (headless: true before Hugo 0.123) is not
 * rendered, and an _index.md that cascades it hides every page below.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "read/read.h"
#include "read/site_parts.h"
#include "util/util.h"

/* The front matter read before this many bytes of an index file. */
#define MAX_INDEX_BYTES (64u * 1024u)

/* `word` (lower case) is in s, in any case. */
static bool
has_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s != '\0'; s++) {
		if (strncasecmp(s, word, n) == 0) {
			return true;
		}
	}
	return false;
}

void
ogc_site_hugo_bundle_image(const char *path, struct ogc_page_data *out)
{
	static const char *const words[] = {"feature", "cover", "thumbnail",
		NULL};
	static const char *const endings[] = {".png", ".jpg", ".jpeg", ".gif",
		".webp", NULL};
	const char *base = strrchr(path, '/');
	char dir[4096];
	struct dirent *e;
	size_t n;
	size_t i;
	size_t k;
	DIR *d;

	base = base != NULL ? base + 1 : path;
	if (strncmp(base, "index.", 6) != 0 && strncmp(base, "_index.", 7) != 0) {
		return;
	}
	snprintf(dir, sizeof(dir), "%.*s", (int)(base - path), path);
	d = opendir(dir[0] != '\0' ? dir : ".");
	while (d != NULL && (e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		for (i = 0; words[i] != NULL && !has_word(e->d_name, words[i]);
			i++) {
		}
		for (k = 0; words[i] != NULL && endings[k] != NULL; k++) {
			if (n > strlen(endings[k]) && strcasecmp(e->d_name + n -
				strlen(endings[k]), endings[k]) == 0) {
				ogc_page_data_add(out, "og.image", "the page "
					"bundle's image %s", e->d_name);
				closedir(d);
				return;
			}
		}
	}
	if (d != NULL) {
		closedir(d);
	}
}

/* The parsed front matter of site->root/rel; NULL when none is read. */
static struct ogc_doc *
read_front(const struct ogc_site *site, const char *rel)
{
	struct ogc_front front;
	struct ogc_doc *doc = NULL;
	size_t len;
	char *text = ogc_read_small_file(site->root, rel, MAX_INDEX_BYTES,
		&len);

	if (text == NULL) {
		return NULL;
	}
	ogc_front_init(&front);
	ogc_front_feed(&front, text, len);
	ogc_front_end(&front);
	if (front.kind == OGC_FRONT_YAML) {
		doc = ogc_front_parse(&front);
	}
	ogc_front_finish(&front);
	free(text);
	return doc;
}

/* The build options in `map` say the page is not rendered. */
static bool
never_rendered(const struct ogc_node *map)
{
	static const char *const keys[] = {"build.render", "_build.render",
		NULL};
	const struct ogc_node *n;
	size_t i;

	for (i = 0; map != NULL && keys[i] != NULL; i++) {
		n = ogc_node_lookup(map, keys[i]);
		if (n != NULL && n->kind == OGC_NODE_SCALAR &&
			(strcasecmp(n->text, "never") == 0 ||
			strcasecmp(n->text, "false") == 0)) {
			return true;
		}
	}
	return false;
}

/* cascade: a map, or a list of maps (those with a target left out). */
static bool
cascades_never(const struct ogc_node *root)
{
	const struct ogc_node *c = ogc_node_member(root, "cascade");
	const struct ogc_node *item;

	if (c == NULL) {
		return false;
	}
	if (c->kind == OGC_NODE_MAP) {
		return ogc_node_member(c, "target") == NULL &&
			ogc_node_member(c, "_target") == NULL && never_rendered(c);
	}
	for (item = c->kind == OGC_NODE_SEQ ? c->child : NULL; item != NULL;
		item = item->next) {
		if (item->kind == OGC_NODE_MAP &&
			ogc_node_member(item, "target") == NULL &&
			ogc_node_member(item, "_target") == NULL &&
			never_rendered(item)) {
			return true;
		}
	}
	return false;
}

/* The index file (index.md, _index.md, ...) in the folder dir, or false. */
static bool
index_in(const struct ogc_site *site, const char *dir, const char *stem,
	char *rel, size_t size)
{
	static const char *const endings[] = {"md", "markdown", "html", "htm",
		"adoc", "org", "rst", "pdc", NULL};
	size_t i;

	for (i = 0; endings[i] != NULL; i++) {
		snprintf(rel, size, "%s%s%s.%s", dir, dir[0] != '\0' ? "/" : "",
			stem, endings[i]);
		if (ogc_site_is_file(site->root, rel, false)) {
			return true;
		}
	}
	return false;
}

const char *
ogc_site_hugo_folder(const struct ogc_site *site, const char *dir,
	bool below, bool *leaf)
{
	const char *top = site->input != NULL ? site->input : "";
	const struct ogc_node *headless;
	const char *why = NULL;
	struct ogc_doc *doc;
	char here[4096];
	char rel[4200];
	char *slash;

	*leaf = index_in(site, dir, "index", rel, sizeof(rel));
	if (*leaf) {
		doc = read_front(site, rel);
		headless = doc != NULL && doc->root != NULL ?
			ogc_node_member(doc->root, "headless") : NULL;
		if (doc != NULL && doc->root != NULL &&
			(never_rendered(doc->root) || (headless != NULL &&
			headless->kind == OGC_NODE_SCALAR &&
			strcasecmp(headless->text, "true") == 0))) {
			why = "in a headless bundle, which Hugo does not render";
		}
		ogc_doc_destroy(doc);
		if (why != NULL) {
			return why;
		}
	}
	/* an _index.md at or above it that cascades build: render: never
	   (to the pages below it: not to its own, when `below` is false) */
	snprintf(here, sizeof(here), "%s", dir);
	for (;;) {
		if ((below || strcmp(here, dir) != 0) &&
			index_in(site, here, "_index", rel, sizeof(rel))) {
			doc = read_front(site, rel);
			if (doc != NULL && doc->root != NULL &&
				cascades_never(doc->root)) {
				why = "below an _index.md that cascades build: "
					"{render: never}";
			}
			ogc_doc_destroy(doc);
			if (why != NULL) {
				return why;
			}
		}
		if (strcmp(here, top) == 0 || here[0] == '\0') {
			return NULL;
		}
		slash = strrchr(here, '/');
		if (slash == NULL) {
			here[0] = '\0';
		} else {
			*slash = '\0';
		}
	}
}
