/* site.c: the site around a file: its generator, its folders, its pages. */
/* SPDX-License-Identifier: MIT */
/*
 * The site around a file: which generator builds it, what becomes a page,
 * and which fields its config and templates supply. This file finds the
 * site, lays out its folders and classifies files; site_config.c reads
 * the generators' config files and site_templates.c the templates
 * (site_parts.h between the three).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/read.h"
#include "read/site_parts.h"
#include "util/util.h"

/* Templates read for the fields they write: at most this many files. */
#define MAX_TEMPLATES 4000

static const char *const generator_names[] = {
	"none", "Astro", "Docusaurus", "Eleventy", "Hugo", "Jekyll", "MkDocs",
	"Next.js", "Zola",
};

const char *
ogc_generator_name(enum ogc_generator generator)
{
	return generator <= OGC_GEN_ZOLA ? generator_names[generator] : "none";
}

/*
 * The config files that tell a generator, in the order they are looked
 * for (each generator's documented names). Hugo's and Zola's config.toml
 * share a name: the file's keys decide (config_is_zola()); and a config.*
 * names Hugo's only when it sets a setting of Hugo's (config_is_hugo()).
 */
static const struct {
	const char *file;
	enum ogc_generator generator;
} configs[] = {
	{"hugo.toml", OGC_GEN_HUGO},
	{"hugo.yaml", OGC_GEN_HUGO},
	{"hugo.yml", OGC_GEN_HUGO},
	{"hugo.json", OGC_GEN_HUGO},
	{"config/_default", OGC_GEN_HUGO},
	{"_config.yml", OGC_GEN_JEKYLL},
	{"_config.yaml", OGC_GEN_JEKYLL},
	{"eleventy.config.js", OGC_GEN_ELEVENTY},
	{"eleventy.config.cjs", OGC_GEN_ELEVENTY},
	{"eleventy.config.mjs", OGC_GEN_ELEVENTY},
	{"eleventy.config.ts", OGC_GEN_ELEVENTY},
	{".eleventy.js", OGC_GEN_ELEVENTY},
	{".eleventy.cjs", OGC_GEN_ELEVENTY},
	{"astro.config.mjs", OGC_GEN_ASTRO},
	{"astro.config.js", OGC_GEN_ASTRO},
	{"astro.config.ts", OGC_GEN_ASTRO},
	{"astro.config.mts", OGC_GEN_ASTRO},
	{"astro.config.cjs", OGC_GEN_ASTRO},
	{"config.toml", OGC_GEN_HUGO},
	{"config.yaml", OGC_GEN_HUGO},
	{"config.yml", OGC_GEN_HUGO},
	{"config.json", OGC_GEN_HUGO},
	{"mkdocs.yml", OGC_GEN_MKDOCS},
	{"mkdocs.yaml", OGC_GEN_MKDOCS},
	{"docusaurus.config.js", OGC_GEN_DOCUSAURUS},
	{"docusaurus.config.ts", OGC_GEN_DOCUSAURUS},
	{"docusaurus.config.mjs", OGC_GEN_DOCUSAURUS},
	{"next.config.js", OGC_GEN_NEXT},
	{"next.config.mjs", OGC_GEN_NEXT},
	{"next.config.ts", OGC_GEN_NEXT},
};

bool
ogc_site_is_file(const char *dir, const char *name, bool want_dir)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (stat(path, &st) != 0) {
		return false;
	}
	return want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode);
}
/* The line holds `key` then blanks and `=` or `:` (a config setting). */
static bool
line_sets(const char *line, const char *key)
{
	size_t n = strlen(key);

	while (*line == ' ' || *line == '\t') {
		line++;
	}
	if (strncmp(line, key, n) != 0) {
		return false;
	}
	line += n;
	while (*line == ' ' || *line == '\t') {
		line++;
	}
	return *line == '=' || *line == ':';
}

/*
 * Zola's config.toml has `base_url` (required there); Hugo spells it
 * baseURL. A config.toml that sets base_url is Zola's.
 */
static bool
config_is_zola(const char *dir)
{
	size_t len;
	char *text = ogc_read_small_file(dir, "config.toml", MAX_CONFIG_BYTES,
		&len);
	const char *line;
	bool zola = false;

	for (line = text; line != NULL && *line != '\0' && !zola;) {
		zola = line_sets(line, "base_url");
		line = strchr(line, '\n');
		line = line != NULL ? line + 1 : NULL;
	}
	free(text);
	return zola;
}

/*
 * Hugo's settings at the root of its config (gohugo.io/configuration/
 * all/), less the generic ones (title, build, server...), in lower case:
 * Hugo reads keys in any case.
 */
static const char *const hugo_keys[] = {
	"baseurl", "builddrafts", "buildexpired", "buildfuture",
	"canonifyurls", "contentdir", "defaultcontentlanguage",
	"disablekinds", "disqusshortname", "enableemoji", "enablegitinfo",
	"enablerobotstxt", "googleanalytics", "hascjklanguage",
	"languagecode", "languages", "mainsections", "markup", "menu",
	"menus", "module", "outputformats", "outputs", "paginate",
	"pagination", "params", "permalinks", "publishdir", "relativeurls",
	"summarylength", "taxonomies", "theme", "themesdir", "uglyurls",
};

/*
 * A config file of a name that other projects use too (config.yaml...)
 * is Hugo's when it sets one of Hugo's settings: an Astro theme's
 * src/config.yaml is no Hugo site around src/.
 */
static bool
config_is_hugo(const char *dir, const char *file)
{
	size_t len;
	char *text = ogc_read_small_file(dir, file, MAX_CONFIG_BYTES, &len);
	struct ogc_doc *doc;
	const struct ogc_node *c;
	bool hugo = false;
	size_t i;

	if (text == NULL) {
		return false;
	}
	doc = ogc_site_parse_config(file, text, len);
	c = doc != NULL && doc->root != NULL &&
		doc->root->kind == OGC_NODE_MAP ? doc->root->child : NULL;
	for (; c != NULL && !hugo; c = c->next) {
		for (i = 0; i < sizeof(hugo_keys) / sizeof(*hugo_keys); i++) {
			hugo = hugo || (c->key != NULL &&
				strcasecmp(c->key, hugo_keys[i]) == 0);
		}
	}
	ogc_doc_destroy(doc);
	free(text);
	return hugo;
}

static void
add_string(char ***list, size_t *count, const char *s, size_t len)
{
	char **v;
	char *copy = strndup(s, len);

	if (copy == NULL) {
		return;
	}
	v = realloc(*list, (*count + 1) * sizeof(*v));
	if (v == NULL) {
		free(copy);
		return;
	}
	*list = v;
	v[(*count)++] = copy;
}

/* A path without "./" in front and "/" at the end. */
void
ogc_site_add_folder(char ***list, size_t *count, const char *s, size_t len)
{
	while (len >= 2 && s[0] == '.' && s[1] == '/') {
		s += 2;
		len -= 2;
	}
	while (len > 0 && s[len - 1] == '/') {
		len--;
	}
	if (len == 1 && s[0] == '.') {
		len = 0;
	}
	add_string(list, count, s, len);
}

/* Records that `field` is supplied (for files below `scope`, NULL: all). */
void
ogc_site_add_supply(struct ogc_site *site, const char *field,
	const char *scope, const char *fmt, ...)
{
	struct ogc_supply *v;
	char where[512];
	va_list ap;
	size_t i;

	for (i = 0; i < site->supply_count; i++) {
		if (strcmp(site->supplies[i].field, field) == 0 &&
			site->supplies[i].scope == NULL) {
			return; /* the first place that writes it is named */
		}
	}
	va_start(ap, fmt);
	vsnprintf(where, sizeof(where), fmt, ap);
	va_end(ap);
	v = realloc(site->supplies, (site->supply_count + 1) * sizeof(*v));
	if (v == NULL) {
		return;
	}
	site->supplies = v;
	v += site->supply_count;
	v->field = strdup(field);
	v->where = strdup(where);
	v->scope = scope != NULL ? strdup(scope) : NULL;
	if (v->field == NULL || v->where == NULL ||
		(scope != NULL && v->scope == NULL)) {
		free(v->field);
		free(v->where);
		free(v->scope);
		return;
	}
	site->supply_count++;
}

static void
add_list(char ***list, size_t *count, const char *const *names)
{
	size_t i;

	for (i = 0; names[i] != NULL; i++) {
		add_string(list, count, names[i], strlen(names[i]));
	}
}

/*
 * The built site's robots.txt, read once for all its pages (the
 * robots-blocks-card rule): the one at the root of the output folder,
 * which is what the site serves at /robots.txt.
 */
static void
robots(struct ogc_site *site)
{
	char dir[4096];

	if (site->output == NULL) {
		return;
	}
	snprintf(dir, sizeof(dir), "%s%s%s", site->root,
		site->output[0] != '\0' ? "/" : "", site->output);
	site->robots = ogc_robots_read(dir);
}

/* What each generator's documentation says of its folders. */
static void
layout(struct ogc_site *site)
{
	static const char *const hugo_skip[] = {"layouts", "archetypes",
		"assets", "data", "i18n", "themes", "resources", "node_modules",
		NULL};
	static const char *const hugo_templates[] = {"layouts", NULL};
	static const char *const jekyll_skip[] = {"_layouts", "_includes",
		"_sass", "_data", "_plugins", "vendor", "node_modules",
		".jekyll-cache", NULL};
	static const char *const jekyll_templates[] = {"_layouts", "_includes",
		NULL};
	static const char *const astro_pages[] = {"src/pages", "src/content",
		NULL};
	static const char *const astro_templates[] = {"src/layouts",
		"src/components", NULL};
	static const char *const zola_skip[] = {"templates", "themes", "sass",
		"static", NULL};
	static const char *const zola_templates[] = {"templates", NULL};
	unsigned budget = MAX_TEMPLATES;
	size_t i;

	switch (site->generator) {
	case OGC_GEN_HUGO:
		add_list(&site->skip, &site->skip_count, hugo_skip);
		add_list(&site->templates, &site->template_count,
			hugo_templates);
		ogc_site_hugo_config(site);
		break;
	case OGC_GEN_JEKYLL:
		ogc_site_set_folder(&site->output, NULL, "", "_site");
		add_list(&site->skip, &site->skip_count, jekyll_skip);
		add_list(&site->templates, &site->template_count,
			jekyll_templates);
		ogc_site_jekyll_config(site);
		break;
	case OGC_GEN_ELEVENTY:
		ogc_site_eleventy_config(site);
		break;
	case OGC_GEN_ASTRO:
		add_list(&site->pages, &site->page_count, astro_pages);
		add_list(&site->templates, &site->template_count,
			astro_templates);
		ogc_site_astro_config(site);
		break;
	case OGC_GEN_ZOLA:
		ogc_site_set_folder(&site->input, NULL, "", "content");
		ogc_site_set_folder(&site->output, NULL, "", "public");
		add_list(&site->skip, &site->skip_count, zola_skip);
		add_list(&site->templates, &site->template_count,
			zola_templates);
		break;
	case OGC_GEN_MKDOCS:
		ogc_site_set_folder(&site->input, NULL, "", "docs");
		ogc_site_set_folder(&site->output, NULL, "", "site");
		break;
	case OGC_GEN_DOCUSAURUS:
		ogc_site_set_folder(&site->output, NULL, "", "build");
		break;
	case OGC_GEN_NEXT:
		ogc_site_set_folder(&site->output, NULL, "", "out");
		break;
	default:
		break;
	}
	for (i = 0; i < site->template_count; i++) {
		ogc_site_scan_templates(site, site->templates[i], &budget, 0);
	}
	robots(site);
}

enum ogc_generator
ogc_generator_at(const char *dir, const char **config)
{
	size_t i;

	for (i = 0; i < sizeof(configs) / sizeof(*configs); i++) {
		if (!ogc_site_is_file(dir, configs[i].file,
			strchr(configs[i].file, '/') != NULL)) {
			continue;
		}
		if (strcmp(configs[i].file, "config.toml") == 0 &&
			config_is_zola(dir)) {
			*config = configs[i].file;
			return OGC_GEN_ZOLA;
		}
		if (strncmp(configs[i].file, "config.", 7) == 0 &&
			!config_is_hugo(dir, configs[i].file)) {
			continue;
		}
		*config = configs[i].file;
		return configs[i].generator;
	}
	*config = NULL;
	return OGC_GEN_NONE;
}

/* The folder above dir holds a Hugo theme's theme.toml. */
static bool
is_theme(const char *dir)
{
	char parent[4096];
	char *slash;

	snprintf(parent, sizeof(parent), "%s", dir);
	slash = strrchr(parent, '/');
	if (slash == NULL || slash == parent) {
		return false;
	}
	*slash = '\0';
	return ogc_site_is_file(parent, "theme.toml", false);
}

struct ogc_site *
ogc_site_detect(const char *dir)
{
	struct ogc_site *site;
	const char *config;
	enum ogc_generator generator = ogc_generator_at(dir, &config);

	if (generator == OGC_GEN_NONE) {
		return NULL;
	}
	site = calloc(1, sizeof(*site));
	if (site == NULL) {
		return NULL;
	}
	site->generator = generator;
	site->root = strdup(dir);
	site->config = strdup(config);
	site->input = strdup("");
	if (site->root == NULL || site->config == NULL || site->input == NULL) {
		ogc_site_destroy(site);
		return NULL;
	}
	/* Hugo themes ship a demo in exampleSite/ beside theme.toml */
	site->example = site->generator == OGC_GEN_HUGO &&
		strlen(dir) > 12 && strcmp(dir + strlen(dir) - 12,
		"/exampleSite") == 0 && is_theme(dir);
	layout(site);
	return site;
}

static void
free_list(char **list, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(list[i]);
	}
	free(list);
}

void
ogc_site_destroy(struct ogc_site *site)
{
	size_t i;

	if (site == NULL) {
		return;
	}
	for (i = 0; i < site->supply_count; i++) {
		free(site->supplies[i].field);
		free(site->supplies[i].where);
		free(site->supplies[i].scope);
	}
	free(site->supplies);
	free_list(site->skip, site->skip_count);
	free_list(site->exclude, site->exclude_count);
	free_list(site->templates, site->template_count);
	free_list(site->pages, site->page_count);
	for (i = 0; i < site->copy_count; i++) {
		free(site->copies[i].from);
		free(site->copies[i].to);
	}
	free(site->copies);
	free(site->root);
	free(site->config);
	free(site->base_url);
	free(site->title);
	ogc_robots_destroy(site->robots);
	free(site->input);
	free(site->output);
	free(site);
}

/* rel is `folder` or below it ("" holds everything). */
static bool
below(const char *rel, const char *folder)
{
	size_t n = strlen(folder);

	return n == 0 || (strncmp(rel, folder, n) == 0 &&
		(rel[n] == '/' || rel[n] == '\0'));
}

static bool
in_any(const char *rel, char *const *list, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (below(rel, list[i])) {
			return true;
		}
	}
	return false;
}

/* README, CHANGELOG and their kin document the repository, not the site. */
bool
ogc_path_is_repository_file(const char *rel)
{
	static const char *const names[] = {"readme", "changelog", "changes",
		"history", "contributing", "license", "licence", "code_of_conduct",
		"security", "authors", "codeowners", "support", NULL};
	const char *base = strrchr(rel, '/');
	size_t n;
	size_t i;

	base = base != NULL ? base + 1 : rel;
	for (i = 0; names[i] != NULL; i++) {
		if ((base[0] | 0x20) != names[i][0]) {
			continue; /* most names: a first letter tells */
		}
		n = strlen(names[i]);
		if (strncasecmp(base, names[i], n) == 0 &&
			(base[n] == '.' || base[n] == '\0')) {
			return true;
		}
	}
	return false;
}

bool
ogc_path_is_binary_name(const char *path)
{
	static const char *const endings[] = {"avif", "bmp", "gif", "gz", "ico",
		"jpeg", "jpg", "mov", "mp3", "mp4", "ogg", "otf", "pdf", "png",
		"svg", "tar", "tif", "tiff", "ttf", "wav", "webm", "webp", "woff",
		"woff2", "zip", NULL};
	const char *dot = strrchr(path, '.');
	size_t i;

	if (dot == NULL || strchr(dot, '/') != NULL) {
		return false;
	}
	for (i = 0; endings[i] != NULL; i++) {
		if ((dot[1] | 0x20) == endings[i][0] &&
			strcasecmp(dot + 1, endings[i]) == 0) {
			return true;
		}
	}
	return false;
}

#define NOT_FOUND "the site's not-found page (404), never shared"

/*
 * The site's not-found page: 404.html (or its source, 404.md, ...) at the
 * top of the site, its content folder, its built site or (Astro) a pages
 * folder or one of its collections, which GitHub Pages, Netlify and
 * Cloudflare Pages serve for a URL that is not there. Nobody shares it,
 * so it is no page to preview.
 */
static bool
not_found_page(const struct ogc_site *site, const char *rel)
{
	const char *base = strrchr(rel, '/');
	size_t dir = base != NULL ? (size_t)(base - rel) : 0;
	const char *top;
	size_t i;

	base = base != NULL ? base + 1 : rel;
	if (strncmp(base, "404.", 4) != 0 || strchr(base + 4, '.') != NULL) {
		return false;
	}
	if (dir == 0 || (site->input != NULL && strlen(site->input) == dir &&
		strncmp(rel, site->input, dir) == 0) || (site->output != NULL &&
		strlen(site->output) == dir && strncmp(rel, site->output,
		dir) == 0)) {
		return true;
	}
	/* Astro: src/pages/404.astro, a collection's (Starlight's docs/) */
	for (i = 0; i < site->page_count; i++) {
		top = site->pages[i];
		if (strncmp(rel, top, strlen(top)) == 0 && rel[strlen(top)] ==
			'/' && (strlen(top) == dir || memchr(rel + strlen(top) + 1,
			'/', dir - strlen(top) - 1) == NULL)) {
			return true;
		}
	}
	return false;
}

enum ogc_page_kind
ogc_site_classify(const struct ogc_site *site, const char *rel, bool html,
	const char **why)
{
	if (not_found_page(site, rel)) {
		*why = NOT_FOUND;
		return OGC_PAGE_SKIP;
	}
	if (site->example) {
		*why = "a theme's example site";
		return OGC_PAGE_SKIP;
	}
	if (site->output != NULL && below(rel, site->output)) {
		*why = "the built site";
		return html ? OGC_PAGE_BUILT : OGC_PAGE_SKIP;
	}
	if (in_any(rel, site->skip, site->skip_count) ||
		in_any(rel, site->templates, site->template_count)) {
		*why = "in a folder of templates, data or assets";
		return OGC_PAGE_SKIP;
	}
	if (in_any(rel, site->exclude, site->exclude_count)) {
		*why = "excluded by the site's config";
		return OGC_PAGE_SKIP;
	}
	if (ogc_path_is_repository_file(rel)) {
		*why = "a file about the repository";
		return OGC_PAGE_SKIP;
	}
	if (site->page_count > 0 &&
		!in_any(rel, site->pages, site->page_count)) {
		*why = "outside the folders that hold pages";
		return OGC_PAGE_SKIP;
	}
	if (site->input != NULL && !below(rel, site->input)) {
		*why = "outside the content folder";
		return OGC_PAGE_SKIP;
	}
	*why = NULL;
	return OGC_PAGE_SOURCE;
}

const struct ogc_supply *
ogc_site_supplies(const struct ogc_site *site, const char *rel,
	const char *field)
{
	char want[256];
	size_t i;

	ogc_path_nested_copy(field, want, sizeof(want));
	for (i = 0; i < site->supply_count; i++) {
		if (strcmp(site->supplies[i].field, want) == 0 &&
			(site->supplies[i].scope == NULL ||
			below(rel, site->supplies[i].scope))) {
			return &site->supplies[i];
		}
	}
	/* then code that may write any field (Astro's route middleware) */
	for (i = 0; i < site->supply_count; i++) {
		if (strcmp(site->supplies[i].field, "*") == 0 &&
			(site->supplies[i].scope == NULL ||
			below(rel, site->supplies[i].scope))) {
			return &site->supplies[i];
		}
	}
	return NULL;
}

bool
ogc_site_modelled(const struct ogc_site *site)
{
	switch (site->generator) {
	case OGC_GEN_HUGO:
	case OGC_GEN_JEKYLL:
	case OGC_GEN_ELEVENTY:
	case OGC_GEN_ASTRO:
		return true;
	default:
		return false;
	}
}

const char *
ogc_site_preset(const struct ogc_site *site)
{
	static const char *const presets[] = {NULL, "astro", NULL, "eleventy",
		"hugo", "jekyll", NULL, NULL, NULL};

	return site->generator <= OGC_GEN_ZOLA ? presets[site->generator] :
		NULL;
}

void
ogc_path_nested_copy(const char *path, char *buf, size_t size)
{
	size_t i;

	for (i = 0; path[i] != '\0' && i + 1 < size; i++) {
		buf[i] = path[i] == ':' ? '.' : path[i];
	}
	buf[i] = '\0';
}

void
ogc_path_normalize(char *path)
{
	char *parts[64];
	char *out;
	char *p;
	size_t n = 0;
	size_t i;

	for (p = strtok_r(path, "/", &out); p != NULL;
		p = strtok_r(NULL, "/", &out)) {
		if (strcmp(p, ".") == 0) {
			continue;
		}
		if (strcmp(p, "..") == 0 && n > 0 && strcmp(parts[n - 1],
			"..") != 0) {
			n--;
			continue;
		}
		if (n < sizeof(parts) / sizeof(*parts)) {
			parts[n++] = p;
		}
	}
	out = path;
	for (i = 0; i < n; i++) {
		p = parts[i];
		if (i > 0) {
			*out++ = '/';
		}
		memmove(out, p, strlen(p));
		out += strlen(p);
	}
	*out = '\0';
}

/* The scalar at `path` reads as `want` ("true", "false", "never"). */
static bool
field_is(const struct ogc_node *root, const char *path, const char *want)
{
	const struct ogc_node *n = ogc_node_lookup(root, path);

	return n != NULL && n->kind == OGC_NODE_SCALAR &&
		strcasecmp(n->text, want) == 0;
}

/* Jekyll's and Eleventy's not-found page: permalink: 404.html. */
static bool
not_found_permalink(const struct ogc_node *root)
{
	return field_is(root, "permalink", "404.html") ||
		field_is(root, "permalink", "/404.html");
}

const char *
ogc_site_unpublished(const struct ogc_site *site,
	const struct ogc_node *root)
{
	switch (site->generator) {
	case OGC_GEN_HUGO:
		/* gohugo.io: front matter draft, build options (render) */
		if (field_is(root, "draft", "true")) {
			return "a draft";
		}
		if (field_is(root, "build.render", "never") ||
			field_is(root, "build.render", "false") ||
			field_is(root, "_build.render", "never") ||
			field_is(root, "_build.render", "false")) {
			return "a page Hugo does not render (build.render)";
		}
		return NULL;
	case OGC_GEN_JEKYLL:
		if (not_found_permalink(root)) {
			return NOT_FOUND;
		}
		/* jekyllrb.com: published: false is not written out */
		return field_is(root, "published", "false") ?
			"not published (published: false)" : NULL;
	case OGC_GEN_ELEVENTY:
		/* 11ty.dev: permalink: false writes no file */
		if (not_found_permalink(root)) {
			return NOT_FOUND;
		}
		return field_is(root, "permalink", "false") ?
			"a template Eleventy writes no file for (permalink: false)" :
			NULL;
	case OGC_GEN_ASTRO:
		return field_is(root, "draft", "true") ? "a draft" : NULL;
	default:
		return NULL;
	}
}
