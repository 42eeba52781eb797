/* site_config.c: the generators' config files: folders and fields set. */
/* SPDX-License-Identifier: MIT */
/*
 * What Hugo's, Jekyll's and Eleventy's config files say of the site: its
 * content and built-site folders, the folders that are not pages, and the
 * fields the config supplies to pages (a default image). Reads strings
 * set in JavaScript, TOML or YAML config text; site.c calls these when it
 * lays out a site (site_parts.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"
#include "read/site_parts.h"
#include "util/util.h"

/*
 * The string value of `key: "value"` (or key = 'value') in config text
 * written in JavaScript, TOML or YAML, the first time it is set:
 *   dir: { input: "content", output: "_site" }  ->  input = "content"
 * NULL when it is not set to a literal string.
 */
static char *
config_string(const char *text, const char *key)
{
	const char *p;
	const char *q;
	const char *end;
	size_t n = strlen(key);
	char quote;

	for (p = strstr(text, key); p != NULL; p = strstr(p, key)) {
		q = p + n;
		if ((p > text && (isalnum((unsigned char)p[-1]) ||
			p[-1] == '_')) || (*q != ':' && *q != ' ' && *q != '=' &&
			*q != '"' && *q != '\'')) {
			p = q;
			continue;
		}
		if (*q == '"' || *q == '\'') {
			q++;
		}
		while (*q == ' ' || *q == '\t' || *q == ':' || *q == '=') {
			q++;
		}
		quote = *q;
		if (quote != '"' && quote != '\'' && quote != '`') {
			p = q;
			continue;
		}
		end = strchr(q + 1, quote);
		if (end == NULL || memchr(q + 1, '\n', (size_t)(end - q - 1))) {
			p = q;
			continue;
		}
		return strndup(q + 1, (size_t)(end - q - 1));
	}
	return NULL;
}

/* The text holds `word`, in any case. */
static bool
mentions(const char *text, const char *word)
{
	size_t n = strlen(word);

	for (; text != NULL && *text != '\0'; text++) {
		if (strncasecmp(text, word, n) == 0) {
			return true;
		}
	}
	return false;
}

void
ogc_site_set_folder(char **out, const char *text, const char *key,
	const char *def)
{
	char *v = text != NULL ? config_string(text, key) : NULL;
	char **list = NULL;
	size_t count = 0;

	if (v == NULL) {
		v = strdup(def);
	}
	if (v == NULL) {
		return;
	}
	ogc_site_add_folder(&list, &count, v, strlen(v));
	free(v);
	if (count == 1) {
		free(*out);
		*out = list[0];
	}
	free(list);
}

/* A site-wide default image in the config supplies og:image. */
static void
set_base_text(struct ogc_site *site, const char *text, size_t len,
	const char *path);

/*
 * The site's base URL from its config: the first key present (Jekyll:
 * url, then baseurl appended), if it is an absolute http(s) URL.
 */
static void
set_base_url(struct ogc_site *site, const struct ogc_doc *doc,
	const char *key, const char *other, const char *path_key)
{
	const struct ogc_node *n = NULL;
	const struct ogc_node *path = NULL;

	if (doc == NULL || doc->root == NULL) {
		return;
	}
	n = ogc_node_member(doc->root, key);
	if (n == NULL && other != NULL) {
		n = ogc_node_member(doc->root, other);
	}
	if (path_key != NULL) {
		path = ogc_node_member(doc->root, path_key);
	}
	if (n == NULL || n->kind != OGC_NODE_SCALAR || n->len == 0) {
		return;
	}
	set_base_text(site, n->text, n->len, path != NULL &&
		path->kind == OGC_NODE_SCALAR ? path->text : "");
}

/*
 * The site's base URL: text[0..len), then `path` (Jekyll's baseurl), if
 * it is an absolute http(s) URL.
 */
static void
set_base_text(struct ogc_site *site, const char *text, size_t len,
	const char *path)
{
	char url[2048];

	/* "https://x.org/" + "/blog" -> "https://x.org/blog/" */
	while (len > 0 && text[len - 1] == '/') {
		len--;
	}
	snprintf(url, sizeof(url), "%.*s%s", (int)len, text, path);
	len = strlen(url);
	if (len + 1 < sizeof(url) && (len == 0 || url[len - 1] != '/')) {
		url[len] = '/';
		url[len + 1] = '\0';
	}
	/* the URL is checked where it is used (net/url.c) */
	if (strncasecmp(url, "https://", 8) != 0 &&
		strncasecmp(url, "http://", 7) != 0) {
		return;
	}
	free(site->base_url);
	site->base_url = strdup(url);
}

/*
 * The site's title from its config (Hugo and Jekyll: `title`), which
 * templates add to page titles ("Post | Site"): title-agree drops it.
 */
static void
set_title(struct ogc_site *site, const struct ogc_doc *doc)
{
	const struct ogc_node *n = doc != NULL && doc->root != NULL ?
		ogc_node_member(doc->root, "title") : NULL;

	if (n != NULL && n->kind == OGC_NODE_SCALAR && n->len > 0) {
		free(site->title);
		site->title = strdup(n->text);
	}
}

/* The config's top-level `key` is true (YAML, TOML or JSON). */
static bool
is_true(const struct ogc_doc *doc, const char *key)
{
	const struct ogc_node *n = doc != NULL && doc->root != NULL ?
		ogc_node_member(doc->root, key) : NULL;

	return n != NULL && n->kind == OGC_NODE_SCALAR &&
		strcmp(n->text, "true") == 0;
}

/*
 * Hugo's module mounts (gohugo.io/configuration/module/#mounts): each
 * mount whose target is "content" (or a folder of it) makes its source a
 * folder of pages, and once one is given the default content folder is
 * no longer mounted:
 *   [[module.mounts]] source = "docs" target = "content"
 */
static void
hugo_mounts(struct ogc_site *site, const struct ogc_doc *doc)
{
	const struct ogc_node *mounts = doc != NULL && doc->root != NULL ?
		ogc_node_lookup(doc->root, "module.mounts") : NULL;
	const struct ogc_node *m;
	const struct ogc_node *source;
	const struct ogc_node *target;
	size_t before = site->page_count;

	for (m = mounts != NULL && mounts->kind == OGC_NODE_SEQ ?
		mounts->child : NULL; m != NULL; m = m->next) {
		source = ogc_node_member(m, "source");
		target = ogc_node_member(m, "target");
		if (source == NULL || target == NULL ||
			source->kind != OGC_NODE_SCALAR ||
			target->kind != OGC_NODE_SCALAR) {
			continue;
		}
		/* static, or static/img: published at /, or at /img/ */
		if (strncmp(target->text, "static", 6) == 0 &&
			(target->text[6] == '\0' || target->text[6] == '/')) {
			ogc_site_add_copy(site, source->text, source->len,
				target->text + 6, target->len - 6);
		}
		if (strncmp(target->text, "content", 7) != 0 ||
			(target->text[7] != '\0' && target->text[7] != '/')) {
			continue;
		}
		ogc_site_add_folder(&site->pages, &site->page_count,
			source->text, source->len);
	}
	if (site->page_count > before) {
		free(site->input);
		site->input = NULL; /* the mounts say where pages are */
	}
}

/*
 * Hugo's static files (gohugo.io/getting-started/directory-structure:
 * static/ is copied to the published site as it is): staticDir (default
 * static) unless module mounts to static replace it; each theme's static
 * folder is hugo_theme()'s. assets/ is left out on purpose: Hugo
 * publishes a file there only when a template processes it
 * (resources.Get ... .Permalink; gohugo.io/hugo-pipes/introduction,
 * "Asset publishing").
 */
static void
hugo_statics(struct ogc_site *site, const char *text)
{
	char *dir = NULL;

	if (site->copy_count == 0) {
		ogc_site_set_folder(&dir, text, "staticDir", "static");
		if (dir != NULL) {
			ogc_site_add_copy(site, dir, strlen(dir), "", 0);
		}
		free(dir);
	}
}

/*
 * The layouts of a theme or module the config names, found where Hugo
 * looks in the site: _vendor/PATH (hugo mod vendor), then themesDir/PATH
 * (gohugo.io/hugo-modules/use-modules/#vendor-your-modules,
 * gohugo.io/configuration/all/#themesdir). Its layouts/ are read as the
 * site's are (a file the site overrides is read too), and its static/ is
 * published at the site's root as the site's own (Hugo merges them,
 * the site's file first: gohugo.io/hugo-modules/theme-components). One
 * that is not
 * there (a module fetched when building, a --themesDir given to hugo)
 * has templates ogcheck cannot read, which may write any field: it
 * supplies what nothing else does, as --show-config says; and static
 * files it cannot see: an image found nowhere else may be one.
 */
static void
hugo_theme(struct ogc_site *site, const char *themes, const char *name)
{
	char rel[1024];
	size_t len;

	if (name[0] == '\0' || name[0] == '/' || strstr(name, "..") != NULL) {
		return;
	}
	snprintf(rel, sizeof(rel), "_vendor/%s", name);
	if (!ogc_site_is_file(site->root, rel, true)) {
		snprintf(rel, sizeof(rel), "%s/%s", themes, name);
	}
	if (!ogc_site_is_file(site->root, rel, true)) {
		ogc_site_add_supply(site, "*", NULL, "the templates of %s, not "
			"in %s/ (a Hugo module, or a --themesDir given to hugo), "
			"which ogcheck does not read (nor its static files)", name,
			themes);
		site->copies_unread = true;
		return;
	}
	len = strlen(rel);
	snprintf(rel + len, sizeof(rel) - len, "/static");
	ogc_site_add_copy(site, rel, strlen(rel), "", 0);
	snprintf(rel + len, sizeof(rel) - len, "/layouts");
	ogc_site_add_folder(&site->templates, &site->template_count, rel,
		strlen(rel));
}

/* The themes (theme = "name", or a list) and module imports of Hugo. */
static void
hugo_themes(struct ogc_site *site, const char *text,
	const struct ogc_doc *doc)
{
	const struct ogc_node *root = doc != NULL ? doc->root : NULL;
	const struct ogc_node *theme = root != NULL ?
		ogc_node_member(root, "theme") : NULL;
	const struct ogc_node *imports = root != NULL ?
		ogc_node_lookup(root, "module.imports") : NULL;
	const struct ogc_node *n;
	const struct ogc_node *path;
	char *themes = NULL;

	ogc_site_set_folder(&themes, text, "themesDir", "themes");
	if (themes == NULL) {
		return;
	}
	if (theme != NULL && theme->kind == OGC_NODE_SCALAR) {
		hugo_theme(site, themes, theme->text);
	}
	for (n = theme != NULL && theme->kind == OGC_NODE_SEQ ? theme->child :
		NULL; n != NULL; n = n->next) {
		if (n->kind == OGC_NODE_SCALAR) {
			hugo_theme(site, themes, n->text);
		}
	}
	for (n = imports != NULL && imports->kind == OGC_NODE_SEQ ?
		imports->child : NULL; n != NULL; n = n->next) {
		path = n->kind == OGC_NODE_MAP ? ogc_node_member(n, "path") : NULL;
		if (path != NULL && path->kind == OGC_NODE_SCALAR) {
			hugo_theme(site, themes, path->text);
		}
	}
	free(themes);
}

struct ogc_doc *
ogc_site_parse_config(const char *name, const char *text, size_t len)
{
	if (strstr(name, ".toml") != NULL) {
		return ogc_toml_parse(text, len, 1);
	}
	if (strstr(name, ".json") != NULL) {
		return ogc_json_parse(text, len, 1);
	}
	return ogc_doc_parse(text, len, 1);
}

/*
 * A config directory (gohugo.io/configuration/introduction/#configuration-
 * directory): of its settings only the themes of its main file,
 * config/_default/hugo.* (or config.*), are read.
 */
static void
hugo_config_dir_themes(struct ogc_site *site)
{
	static const char *const names[] = {"hugo.toml", "hugo.yaml",
		"hugo.yml", "hugo.json", "config.toml", "config.yaml",
		"config.yml", "config.json"};
	char file[64];
	struct ogc_doc *doc;
	char *text = NULL;
	size_t len = 0;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names) && text == NULL; i++) {
		snprintf(file, sizeof(file), "config/_default/%s", names[i]);
		text = ogc_read_small_file(site->root, file, MAX_CONFIG_BYTES,
			&len);
	}
	if (text == NULL) {
		return;
	}
	doc = ogc_site_parse_config(file, text, len);
	hugo_themes(site, text, doc);
	ogc_doc_destroy(doc);
	free(text);
}

void
ogc_site_hugo_config(struct ogc_site *site)
{
	size_t len;
	char *text = NULL;
	struct ogc_doc *doc = NULL;
	const struct ogc_node *images;

	if (strcmp(site->config, "config/_default") == 0) {
		ogc_site_add_copy(site, "static", 6, "", 0);
		hugo_config_dir_themes(site);
		return;
	}
	text = ogc_read_small_file(site->root, site->config, MAX_CONFIG_BYTES,
		&len);
	if (text == NULL) {
		return;
	}
	doc = ogc_site_parse_config(site->config, text, len);
	images = doc != NULL && doc->root != NULL ?
		ogc_node_lookup(doc->root, "params.images") : NULL;
	if (images != NULL && (images->kind == OGC_NODE_SEQ ?
		images->child != NULL : images->len > 0)) {
		ogc_site_add_supply(site, "og.image", NULL,
			"params.images in %s", site->config);
	}
	ogc_site_set_folder(&site->input, text, "contentDir", "content");
	ogc_site_set_folder(&site->output, text, "publishDir", "public");
	hugo_mounts(site, doc);
	hugo_statics(site, text);
	hugo_themes(site, text, doc);
	/* the default URLs, unless the config changes them */
	site->default_urls = site->page_count == 0 &&
		!mentions(text, "permalinks") && !mentions(text, "uglyurls") &&
		!mentions(text, "languages") &&
		!mentions(text, "disablepathtolower");
	/* Hugo's keys are not case-sensitive: baseURL, baseurl */
	set_base_url(site, doc, "baseURL", "baseurl", NULL);
	set_title(site, doc);
	/* buildFuture (gohugo.io/configuration/all/#buildfuture): pages
	   whose publishDate is in the future are built; false by default */
	site->future = is_true(doc, "buildFuture") ||
		is_true(doc, "buildfuture");
	ogc_doc_destroy(doc);
	free(text);
}

/*
 * GitHub Pages sets a Jekyll site's url from its CNAME file (the
 * jekyll-github-metadata plugin it always runs), when _config.yml has
 * none: "opensource.guide" -> https://opensource.guide/
 */
static void
cname_base_url(struct ogc_site *site)
{
	size_t len;
	char *text = ogc_read_small_file(site->root, "CNAME", 256, &len);
	char url[300];

	while (text != NULL && len > 0 && (text[len - 1] == '\n' ||
		text[len - 1] == '\r' || text[len - 1] == ' ')) {
		text[--len] = '\0';
	}
	if (text != NULL && len > 0 && strchr(text, '/') == NULL &&
		strchr(text, ' ') == NULL && strchr(text, '.') != NULL) {
		snprintf(url, sizeof(url), "https://%s/", text);
		site->base_url = strdup(url);
	}
	free(text);
}

/*
 * Jekyll's _config.yml: `exclude:` (not pages), `destination:` (the
 * built site), and `defaults:` whose values give a scope of pages a
 * field (an image for every post):
 *   defaults: [{scope: {path: "", type: posts}, values: {image: x.png}}]
 */
void
ogc_site_jekyll_config(struct ogc_site *site)
{
	const struct ogc_node *n;
	const struct ogc_node *item;
	const struct ogc_node *scope;
	const struct ogc_node *v;
	struct ogc_doc *doc;
	size_t len;
	char *text = ogc_read_small_file(site->root, site->config,
		MAX_CONFIG_BYTES, &len);

	if (text == NULL) {
		return;
	}
	doc = ogc_doc_parse(text, len, 1);
	n = doc != NULL && doc->root != NULL ?
		ogc_node_member(doc->root, "exclude") : NULL;
	for (item = n != NULL && n->kind == OGC_NODE_SEQ ? n->child : NULL;
		item != NULL; item = item->next) {
		if (item->kind == OGC_NODE_SCALAR) {
			ogc_site_add_folder(&site->exclude,
				&site->exclude_count, item->text, item->len);
		}
	}
	/* the default URLs (permalink: date), unless the config sets them */
	site->default_urls = doc != NULL && doc->root != NULL &&
		ogc_node_member(doc->root, "permalink") == NULL;
	/* jekyll-seo-tag makes URLs absolute with url + baseurl */
	set_base_url(site, doc, "url", NULL, "baseurl");
	set_title(site, doc);
	/* future (jekyllrb.com/docs/configuration/options/): posts dated
	   in the future are published; false by default since Jekyll 3 */
	site->future = is_true(doc, "future");
	if (site->base_url == NULL) {
		cname_base_url(site);
	}
	n = doc != NULL && doc->root != NULL ?
		ogc_node_member(doc->root, "destination") : NULL;
	if (n != NULL && n->kind == OGC_NODE_SCALAR && n->len > 0) {
		free(site->output);
		site->output = NULL;
		ogc_site_set_folder(&site->output, n->text, "", n->text);
	}
	n = doc != NULL && doc->root != NULL ?
		ogc_node_member(doc->root, "defaults") : NULL;
	for (item = n != NULL && n->kind == OGC_NODE_SEQ ? n->child : NULL;
		item != NULL; item = item->next) {
		v = ogc_node_lookup(item, "values.image");
		if (v == NULL || v->kind == OGC_NODE_NULL) {
			continue;
		}
		scope = ogc_node_lookup(item, "scope.path");
		ogc_site_add_supply(site, "og.image", scope != NULL &&
			scope->kind == OGC_NODE_SCALAR ? scope->text : "",
			"defaults: in %s:%u", site->config, v->pos.line);
	}
	ogc_doc_destroy(doc);
	free(text);
}

/*
 * The JavaScript string literal at p ("img", 'img' or `img`, without
 * escapes): its text in *out and *len, and the byte after it; NULL when p
 * holds no such literal.
 */
static const char *
js_string(const char *p, const char **out, size_t *len)
{
	const char *end;

	if (*p != '"' && *p != '\'' && *p != '`') {
		return NULL;
	}
	end = p + 1;
	while (*end != '\0' && *end != *p && *end != '\n' && *end != '\\') {
		end++;
	}
	if (*end != *p) {
		return NULL;
	}
	*out = p + 1;
	*len = (size_t)(end - p - 1);
	return end + 1;
}

static const char *
skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
		p++;
	}
	return p;
}

/*
 * Eleventy's passthrough copies (11ty.dev/docs/copy): a path or glob
 * relative to the project's root, published at the same path with the
 * input folder taken off its front, or an object of source: target pairs:
 *   addPassthroughCopy("src/img")           src/img  -> /img/
 *   addPassthroughCopy({"public": "/"})     public   -> /
 * Arguments that are not literals (variables, calls) are passed over.
 */
static void
eleventy_passthrough(struct ogc_site *site, const char *text)
{
	static const char call[] = "addPassthroughCopy(";
	const char *p;
	const char *q;
	const char *from;
	const char *to;
	size_t from_len;
	size_t to_len;
	size_t in = site->input != NULL ? strlen(site->input) : 0;

	for (p = strstr(text, call); p != NULL; p = strstr(p, call)) {
		p = skip_blanks(p + sizeof(call) - 1);
		if (js_string(p, &from, &from_len) != NULL) {
			to = from;
			to_len = from_len;
			if (to[0] == '.' && to[1] == '/') {
				to += 2;
				to_len -= 2;
			}
			if (in > 0 && to_len > in && strncmp(to, site->input,
				in) == 0 && to[in] == '/') {
				to += in + 1;
				to_len -= in + 1;
			}
			ogc_site_add_copy(site, from, from_len, to, to_len);
			continue;
		}
		if (*p != '{') {
			continue;
		}
		for (q = js_string(skip_blanks(p + 1), &from, &from_len);
			q != NULL; q = js_string(skip_blanks(q + 1), &from,
			&from_len)) {
			q = skip_blanks(q);
			q = *q == ':' ? js_string(skip_blanks(q + 1), &to,
				&to_len) : NULL;
			if (q == NULL) {
				break;
			}
			ogc_site_add_copy(site, from, from_len, to, to_len);
			q = skip_blanks(q);
			if (*q != ',') {
				break;
			}
		}
	}
}

/* Eleventy's dir: {input, includes, data, output} from its config. */
void
ogc_site_eleventy_config(struct ogc_site *site)
{
	size_t len;
	char *text = ogc_read_small_file(site->root, site->config,
		MAX_CONFIG_BYTES, &len);
	char *includes = NULL;
	char *data = NULL;
	char joined[4096];

	ogc_site_set_folder(&site->input, text, "input", ".");
	ogc_site_set_folder(&site->output, text, "output", "_site");
	/* a config that computes permalinks makes URLs of its own */
	site->default_urls = text != NULL && !mentions(text, "permalink");
	ogc_site_set_folder(&includes, text, "includes", "_includes");
	ogc_site_set_folder(&data, text, "data", "_data");
	if (includes != NULL) {
		/* relative to the input folder, and may climb out of it */
		snprintf(joined, sizeof(joined), "%s%s%s", site->input,
			site->input[0] != '\0' ? "/" : "", includes);
		ogc_path_normalize(joined);
		ogc_site_add_folder(&site->templates, &site->template_count,
			joined, strlen(joined));
		ogc_site_add_folder(&site->skip, &site->skip_count, joined,
			strlen(joined));
	}
	if (data != NULL) {
		snprintf(joined, sizeof(joined), "%s%s%s", site->input,
			site->input[0] != '\0' ? "/" : "", data);
		ogc_path_normalize(joined);
		ogc_site_add_folder(&site->skip, &site->skip_count, joined,
			strlen(joined));
	}
	if (text != NULL) {
		eleventy_passthrough(site, text);
	}
	free(includes);
	free(data);
	free(text);
}

/* The line of text that p points into (1-based). */
static unsigned
line_at(const char *text, const char *p)
{
	unsigned line = 1;

	for (; text < p; text++) {
		line += *text == '\n';
	}
	return line;
}

/* The first "name" or 'name' in text (a JavaScript string), or NULL. */
static const char *
quoted(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = strstr(text, name); p != NULL; p = strstr(p + n, name)) {
		if (p > text && (p[-1] == '"' || p[-1] == '\'') &&
			p[n] == p[-1]) {
			return p;
		}
	}
	return NULL;
}

/*
 * The `base:` option of a glob() call whose arguments start at p, up to
 * the call's ")" (strings passed over: a pattern such as "*.(md|mdx)"
 * holds one), as a folder of the project less its "./": false when the
 * call has none, or names the root, a folder above it, or a URL.
 */
static bool
glob_base(const char *p, const char **base, size_t *len)
{
	const char *after;
	int depth = 1;

	while (*p != '\0' && depth > 0) {
		after = js_string(p, base, len);
		if (after != NULL) {
			p = after;
			continue;
		}
		depth += *p == '(';
		depth -= *p == ')';
		if (strncmp(p, "base", 4) == 0 && !isalnum((unsigned char)p[-1]) &&
			p[-1] != '_' && p[-1] != '$' &&
			*skip_blanks(p + 4) == ':' &&
			js_string(skip_blanks(skip_blanks(p + 4) + 1), base, len) !=
			NULL) {
			while (*len >= 2 && (*base)[0] == '.' && (*base)[1] == '/') {
				*base += 2;
				*len -= 2;
			}
			return *len > 0 && (*base)[0] != '/' && (*base)[0] != '.' &&
				memchr(*base, ':', *len) == NULL;
		}
		p++;
	}
	return false;
}

/*
 * Astro's content collections (docs.astro.build/en/reference/
 * content-loader-reference/#glob-loader): a collection loaded by glob()
 * from a `base` folder (relative to the project's root) holds pages
 * wherever it is, src/data/post or content/posts as well as src/content.
 * The collections are defined in src/content.config.* (Astro 5), or
 * src/content/config.* (before it, and still read).
 */
static void
astro_collections(struct ogc_site *site)
{
	static const char *const files[] = {"src/content.config.ts",
		"src/content.config.mts", "src/content.config.js",
		"src/content.config.mjs", "src/content/config.ts",
		"src/content/config.mts", "src/content/config.js",
		"src/content/config.mjs", NULL};
	const char *call;
	const char *base;
	size_t base_len;
	size_t len;
	char *text = NULL;
	size_t i;

	for (i = 0; files[i] != NULL && text == NULL; i++) {
		text = ogc_read_small_file(site->root, files[i], MAX_CONFIG_BYTES,
			&len);
	}
	for (call = text != NULL ? strstr(text, "glob(") : NULL; call != NULL;
		call = strstr(call + 5, "glob(")) {
		if (call > text && (isalnum((unsigned char)call[-1]) ||
			call[-1] == '_' || call[-1] == '.')) {
			continue; /* another function: myglob(, x.glob( */
		}
		if (glob_base(call + 5, &base, &base_len)) {
			ogc_site_add_folder(&site->pages, &site->page_count, base,
				base_len);
		}
	}
	free(text);
}

/*
 * Whether p, in a JavaScript file's text, is in a comment: after a "//"
 * on its line (not a URL's "://"), or in a block comment (slash star to
 * star slash); one of these in a string is taken for a comment too: the
 * key is then not read, as if it were not there.
 */
static bool
in_js_comment(const char *text, const char *p)
{
	const char *line = p;
	const char *open = NULL;
	const char *q;

	while (line > text && line[-1] != '\n') {
		line--;
	}
	for (q = line; q + 1 < p; q++) {
		if (q[0] == '/' && q[1] == '/' && (q == line || q[-1] != ':')) {
			return true;
		}
	}
	for (q = text; (q = strstr(q, "/*")) != NULL && q < p; q += 2) {
		open = q;
	}
	return open != NULL && ((q = strstr(open + 2, "*/")) == NULL ||
		q >= p);
}

/*
 * Astro's config: outDir is the built site (dist/ by default). With
 * Starlight (starlight.astro.build/reference/
 * configuration) its head writes og:title, og:type, og:url,
 * og:description, og:site_name, og:locale and twitter:card on every
 * page; a `head:` entry in the config adds a tag to every page; and route
 * middleware (routeMiddleware: a JavaScript file) may change any page's
 * head in code ogcheck does not run, so it supplies what nothing else
 * does.
 */
void
ogc_site_astro_config(struct ogc_site *site)
{
	static const char *const starlight[] = {"og.type", "og.url",
		"og.site_name", "og.locale", "twitter.card", NULL};
	static const char *const tags[] = {"og:image", "og:image:url",
		"og:type", "og:url", "og:site_name", "twitter:card",
		"twitter:image", "twitter:site", NULL};
	char field[64];
	const char *p;
	const char *value;
	const char *url;
	char *base;
	char *public_dir;
	size_t url_len;
	size_t len;
	size_t i;
	char *text = ogc_read_small_file(site->root, site->config,
		MAX_CONFIG_BYTES, &len);

	astro_collections(site);
	/* docs.astro.build/en/reference/configuration-reference/#outdir */
	ogc_site_set_folder(&site->output, text, "outDir", "dist");
	/* #publicdir: its files are copied to the built site's root as they
	   are (docs.astro.build/en/basics/project-structure/#public); under
	   a #base path they are served below it, and whether a value names
	   one with the base or without is the templates' doing: not
	   modelled */
	base = text != NULL ? config_string(text, "base") : NULL;
	if (base == NULL || strcmp(base, "/") == 0 || base[0] == '\0') {
		public_dir = text != NULL ? config_string(text, "publicDir") :
			NULL;
		value = public_dir != NULL ? public_dir : "public";
		ogc_site_add_copy(site, value, strlen(value), "", 0);
		free(public_dir);
	}
	free(base);
	if (text == NULL) {
		return;
	}
	/* #site: the deployed URL, which Astro.site and the blog template's
	   new URL(image, Astro.url) make image paths absolute against */
	for (p = strstr(text, "site"); p != NULL; p = strstr(p + 4, "site")) {
		value = skip_blanks(p + 4);
		if ((p == text || (!isalnum((unsigned char)p[-1]) &&
			p[-1] != '_' && p[-1] != '.')) && *value == ':' &&
			!in_js_comment(text, p)) {
			/* a string, or an expression (a variable, an env
			   lookup): a URL ogcheck cannot read, but one */
			if (js_string(skip_blanks(value + 1), &url, &url_len) !=
				NULL) {
				set_base_text(site, url, url_len, "");
			}
			site->base_unread = site->base_url == NULL;
			break;
		}
	}
	for (i = 0; tags[i] != NULL; i++) {
		p = quoted(text, tags[i]);
		if (p != NULL) {
			ogc_path_nested_copy(tags[i], field, sizeof(field));
			ogc_site_add_supply(site, field, NULL, "a head: tag in %s:%u",
				site->config, line_at(text, p));
		}
	}
	p = quoted(text, "@astrojs/starlight");
	for (i = 0; p != NULL && starlight[i] != NULL; i++) {
		ogc_site_add_supply(site, starlight[i], NULL, "Starlight's head "
			"(%s:%u)", site->config, line_at(text, p));
	}
	p = strstr(text, "routeMiddleware");
	if (p != NULL) {
		ogc_site_add_supply(site, "*", NULL, "route middleware set at "
			"%s:%u (code ogcheck does not run)", site->config,
			line_at(text, p));
	}
	free(text);
}
