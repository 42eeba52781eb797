/* site_templates.c: a site's templates, read for the fields they write. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"
#include "read/site_parts.h"
#include "util/util.h"

/* A template read for the fields it writes: at most this many bytes. */
#define MAX_TEMPLATE_BYTES (512u * 1024u)

/*
 * Reading a template for what it writes on every page. The template is
 * read as a sequence of events: a block opens ({{ if }}, {{ with }},
 * {{ range }}, {% if %}, {% for %}...), a branch changes ({{ else }},
 * {% elif %}...), a block ends, or a tag writes a field (<meta
 * property="og:title">, <link rel="canonical">, or a well-known SEO
 * template). A field is written on every page when it is written outside
 * any block, or in every branch of a block that has an else:
 *   {% if a %}<meta property="og:image" ...>{% else %}<meta
 *   property="og:image" ...>{% endif %}   -> og:image on every page
 */

#define MAX_FIELDS 48 /* distinct fields one template tracks */
#define MAX_NESTING 32

/* The fields of one template: names, and where each is first written. */
struct fields {
	char name[MAX_FIELDS][48];
	unsigned line[MAX_FIELDS];
	unsigned maybe_line[MAX_FIELDS]; /* first write under a condition
	                                    that does not read front matter */
	size_t count;
};

/*
 * One open block: the fields of its current branch, and of every branch
 * so far (all ones before the first branch ends).
 */
struct frame {
	uint64_t branch;
	uint64_t every;
	bool first;
	bool has_else;
	bool front_matter; /* the current branch's condition reads the
	                      page's front matter (page.x, .Params.x) */
};

struct reader {
	struct ogc_site *site;
	const char *rel;
	const char *text;
	struct fields fields;
	struct frame stack[MAX_NESTING];
	size_t depth;
	size_t overflow; /* blocks past MAX_NESTING, only counted */
	uint64_t top;    /* fields written on every page */
	uint64_t maybe;  /* written under conditions that do not read the
	                    page's front matter (a generated image, say) */
};

/*
 * An identifier in an Eleventy template's condition that is front matter:
 * Eleventy's data cascade puts the page's front matter (and data files)
 * at the top level (title, image), beside its own variables (page.url,
 * eleventy, collections) and the global data files (metadata, site).
 */
static bool
eleventy_data_name(const char *word, size_t n, char next)
{
	static const char *const not_data[] = {"if", "elif", "elseif",
		"else", "unless", "elsif", "not", "and", "or", "in", "is",
		"true", "false", "none", "null", "nil", "undefined", "defined",
		"empty", "blank", "page", "eleventy", "collections", "metadata",
		"site", "env", "pkg", "loop", "forloop", NULL};
	size_t i;

	if (next == '(') {
		return false; /* a function: a filter or a shortcode */
	}
	for (i = 0; not_data[i] != NULL; i++) {
		if (strlen(not_data[i]) == n && strncmp(word, not_data[i], n) == 0) {
			return false;
		}
	}
	return true;
}

/*
 * The action's condition reads the page's front matter: Jekyll's page.x,
 * Hugo's .Params.x, Eleventy's top-level data (eleventy_data_name()). A
 * tag written under such a condition is the front matter's field, which
 * the preset's aliases already look for.
 */
static bool
reads_front_matter(const struct reader *r, const char *p)
{
	bool eleventy = r->site->generator == OGC_GEN_ELEVENTY;
	const char *end = p;
	const char *word;
	char prev = ' '; /* the last character that is not a space */

	while (*end != '\0' && *end != '}' && *end != '%' && *end != '\n') {
		end++;
	}
	for (; p < end; p++) {
		if (!eleventy) {
			if (strncmp(p, "page.", 5) == 0 ||
				strncmp(p, ".Params", 7) == 0) {
				return true;
			}
			continue;
		}
		if ((isalpha((unsigned char)*p) || *p == '_') && prev != '.' &&
			prev != '|' && !isalnum((unsigned char)p[-1]) &&
			p[-1] != '_') {
			for (word = p; p < end && (isalnum((unsigned char)*p) ||
				*p == '_'); p++) {
			}
			if (eleventy_data_name(word, (size_t)(p - word), *p)) {
				return true;
			}
			p--;
		}
		if (*p != ' ' && *p != '\t') {
			prev = *p;
		}
	}
	return false;
}

static int
field_index(struct reader *r, const char *name, unsigned line)
{
	size_t i;

	for (i = 0; i < r->fields.count; i++) {
		if (strcmp(r->fields.name[i], name) == 0) {
			return (int)i;
		}
	}
	if (r->fields.count == MAX_FIELDS) {
		return -1;
	}
	snprintf(r->fields.name[i], sizeof(r->fields.name[i]), "%s", name);
	r->fields.line[i] = line;
	r->fields.count++;
	return (int)i;
}

static void
write_field(struct reader *r, const char *name, unsigned line)
{
	int i = field_index(r, name, line);
	size_t k;

	if (i < 0) {
		return;
	}
	if (r->overflow > 0) {
		return;
	}
	if (r->depth == 0) {
		r->top |= (uint64_t)1 << i;
		return;
	}
	r->stack[r->depth - 1].branch |= (uint64_t)1 << i;
	for (k = 0; k < r->depth; k++) {
		if (r->stack[k].front_matter) {
			return;
		}
	}
	if ((r->maybe & ((uint64_t)1 << i)) == 0) {
		r->fields.maybe_line[i] = line;
	}
	r->maybe |= (uint64_t)1 << i;
}

static void
end_branch(struct frame *f)
{
	f->every = f->first ? f->branch : (f->every & f->branch);
	f->first = false;
	f->branch = 0;
}

/* The keyword of a template action at p (after "{{" or "{%"). */
static void
template_action(struct reader *r, const char *p, unsigned line)
{
	static const char *const opens[] = {"if", "with", "range", "unless",
		"for", "case", "block", "macro", NULL};
	struct frame *f;
	char word[16];
	size_t n = 0;
	size_t i;

	while (*p == '-' || *p == ' ' || *p == '\t' || *p == '~') {
		p++;
	}
	while (n + 1 < sizeof(word) && (isalpha((unsigned char)p[n]) ||
		p[n] == '_')) {
		word[n] = p[n];
		n++;
	}
	word[n] = '\0';
	if (strcmp(word, "seo") == 0) {
		write_field(r, "jekyll-seo-tag", line);
		return;
	}
	if (strcmp(word, "template") == 0 || strcmp(word, "partial") == 0) {
		if (strncmp(p + n, " \"_internal/opengraph.html\"", 27) == 0 ||
			strncmp(p + n, " \"opengraph.html\"", 17) == 0) {
			write_field(r, "hugo-opengraph", line);
		} else if (strncmp(p + n, " \"_internal/twitter_cards.html\"",
			31) == 0 || strncmp(p + n, " \"twitter_cards.html\"",
			21) == 0) {
			write_field(r, "hugo-twitter-cards", line);
		}
		return;
	}
	if (strncmp(word, "end", 3) == 0) {
		if (r->overflow > 0) {
			r->overflow--;
			return;
		}
		if (r->depth == 0) {
			return;
		}
		f = &r->stack[--r->depth];
		end_branch(f);
		if (f->has_else) {
			if (r->depth == 0) {
				r->top |= f->every;
			} else {
				r->stack[r->depth - 1].branch |= f->every;
			}
		}
		return;
	}
	if (strcmp(word, "else") == 0 || strcmp(word, "elif") == 0 ||
		strcmp(word, "elseif") == 0 || strcmp(word, "elsif") == 0 ||
		strcmp(word, "when") == 0) {
		if (r->depth > 0 && r->overflow == 0) {
			f = &r->stack[r->depth - 1];
			end_branch(f);
			/* a plain else (not "else if") covers what is left */
			f->has_else = f->has_else || (strcmp(word, "else") == 0 &&
				strncmp(p + n, " if", 3) != 0 &&
				strncmp(p + n, " with", 5) != 0);
			/* an else branch runs when the condition fails */
			f->front_matter = strcmp(word, "else") != 0 ||
				strncmp(p + n, " if", 3) == 0 ||
				strncmp(p + n, " with", 5) == 0 ?
				reads_front_matter(r, p + n) : false;
		}
		return;
	}
	for (i = 0; opens[i] != NULL; i++) {
		if (strcmp(word, opens[i]) == 0) {
			if (r->depth == MAX_NESTING || r->overflow > 0) {
				r->overflow++;
				return;
			}
			f = &r->stack[r->depth++];
			memset(f, 0, sizeof(*f));
			f->first = true;
			f->front_matter = reads_front_matter(r, p + n);
			return;
		}
	}
}

/* The property or name a meta tag sets, from `property="og:title"`. */
static size_t
meta_name(const char *p, char *out, size_t size)
{
	char quote = 0;
	size_t n = 0;

	if (*p == '"' || *p == '\'') {
		quote = *p++;
	}
	while (p[n] != '\0' && p[n] != quote && p[n] != ' ' && p[n] != '>' &&
		p[n] != '\n' && p[n] != '/' && (quote != 0 || p[n] != '"') &&
		n + 1 < size) {
		out[n] = p[n];
		n++;
	}
	out[n] = '\0';
	return n;
}

/* A <meta> or <link> tag at p: the field it writes, if one of ours. */
static void
html_tag(struct reader *r, const char *p, unsigned line)
{
	static const char *const attrs[] = {"property=", "name=", NULL};
	const char *end = strchr(p, '>');
	const char *a;
	char name[48];
	char field[48];
	size_t i;

	if (end == NULL) {
		return;
	}
	/* a tag's attributes may hold template actions, and so a '>' */
	while (end != NULL && (size_t)(end - p) < 2048 &&
		memchr(p, '{', (size_t)(end - p)) != NULL &&
		end[-1] == '}') {
		end = strchr(end + 1, '>');
	}
	for (i = 0; attrs[i] != NULL && end != NULL; i++) {
		a = strstr(p, attrs[i]);
		if (a == NULL || a > end) {
			continue;
		}
		meta_name(a + strlen(attrs[i]), name, sizeof(name));
		if (strncmp(name, "og:", 3) == 0 ||
			strncmp(name, "twitter:", 8) == 0) {
			ogc_path_nested_copy(name, field, sizeof(field));
			write_field(r, field, line);
			return;
		}
	}
	a = strstr(p, "canonical");
	if (strncmp(p, "<link", 5) == 0 && a != NULL && end != NULL && a < end) {
		write_field(r, "canonical", line);
	}
}

/* Whether a template's text names `package` in quotes (its import). */
static bool
imports(const char *text, const char *package)
{
	char quoted[32];

	snprintf(quoted, sizeof(quoted), "'%s'", package);
	if (strstr(text, quoted) != NULL) {
		return true;
	}
	snprintf(quoted, sizeof(quoted), "\"%s\"", package);
	return strstr(text, quoted) != NULL;
}

/*
 * An Astro SEO component (<AstroSeo> of @astrolib/seo, <SEO> of
 * astro-seo) at p, in a template that imports it, given its props in
 * code: a spread ({...props}) or an openGraph={...} expression. What it
 * writes is then what that code makes (a theme's default image from its
 * own config, say), which ogcheck does not run: it is taken to write
 * what the component can (seo_templates[]).
 */
static void
astro_seo(struct reader *r, const char *p, unsigned line)
{
	const char *package = strncmp(p, "<AstroSeo", 9) == 0 ?
		"@astrolib/seo" : strncmp(p, "<SEO", 4) == 0 ? "astro-seo" : NULL;
	size_t n = package == NULL ? 0 : package[0] == '@' ? 9 : 4;
	const char *end;
	const char *q;

	if (package == NULL || (p[n] != ' ' && p[n] != '\n' &&
		p[n] != '\t') || !imports(r->text, package) ||
		(end = strchr(p, '>')) == NULL) {
		return;
	}
	for (q = p + n; q < end; q++) {
		if ((q[0] == '{' && (strncmp(q + 1, "...", 3) == 0 ||
			strncmp(q + 1, " ...", 4) == 0)) ||
			strncmp(q, "openGraph={", 11) == 0) {
			write_field(r, "astro-seo", line);
			return;
		}
	}
}

/* What the well-known SEO templates write for every page. */
static const struct {
	const char *marker; /* the pseudo field write_field() got */
	const char *what;
	const char *fields[8];
} seo_templates[] = {
	{"hugo-opengraph", "Hugo's opengraph template", {"og.title", "og.url",
		"og.type", "og.description", "og.locale", NULL}},
	{"hugo-twitter-cards", "Hugo's twitter_cards template",
		{"twitter.card", "twitter.title", NULL}},
	{"jekyll-seo-tag", "jekyll-seo-tag ({% seo %})", {"og.title",
		"og.url", "og.type", "og.description", "og.locale", "canonical",
		"twitter.card", NULL}},
	{"astro-seo", "an SEO component (its props set in code)",
		{"og.title", "og.url", "og.type", "og.description",
		"og.image", "canonical", "twitter.card", NULL}},
};

/* Reads one template, then records what it writes on every page. */
static void
scan_template(struct ogc_site *site, const char *rel, const char *text)
{
	struct reader r;
	const char *p;
	unsigned line = 1;
	size_t i;
	size_t k;

	memset(&r, 0, sizeof(r));
	r.site = site;
	r.rel = rel;
	r.text = text;
	for (p = text; *p != '\0'; p++) {
		if (*p == '\n') {
			line++;
		} else if (*p == '{' && (p[1] == '{' || p[1] == '%')) {
			template_action(&r, p + 2, line);
		} else if (*p == '<' && (strncasecmp(p, "<meta", 5) == 0 ||
			strncasecmp(p, "<link", 5) == 0)) {
			html_tag(&r, p, line);
		} else if (*p == '<' && (p[1] == 'A' || p[1] == 'S')) {
			astro_seo(&r, p, line);
		}
	}
	for (i = 0; i < r.fields.count; i++) {
		if ((r.top & ((uint64_t)1 << i)) == 0) {
			if ((r.maybe & ((uint64_t)1 << i)) != 0 &&
				strchr(r.fields.name[i], '.') != NULL) {
				ogc_site_add_supply(site, r.fields.name[i], NULL,
					"%s:%u, under a condition that does not read "
					"the front matter", rel,
					r.fields.maybe_line[i]);
			}
			continue;
		}
		for (k = 0; k < sizeof(seo_templates) / sizeof(*seo_templates);
			k++) {
			if (strcmp(r.fields.name[i], seo_templates[k].marker) == 0) {
				break;
			}
		}
		if (k == sizeof(seo_templates) / sizeof(*seo_templates)) {
			ogc_site_add_supply(site, r.fields.name[i], NULL,
				"%s:%u", rel, r.fields.line[i]);
			continue;
		}
		for (size_t f = 0; seo_templates[k].fields[f] != NULL; f++) {
			ogc_site_add_supply(site, seo_templates[k].fields[f],
				NULL, "%s in %s:%u", seo_templates[k].what, rel,
				r.fields.line[i]);
		}
	}
}

static bool
is_template_name(const char *name)
{
	static const char *const endings[] = {".html", ".htm", ".njk",
		".liquid", ".astro", ".hbs", ".webc", ".jsx", ".tsx", ".11ty.js",
		".vto", ".ejs", ".pug", NULL};
	size_t n = strlen(name);
	size_t e;
	size_t i;

	for (i = 0; endings[i] != NULL; i++) {
		e = strlen(endings[i]);
		if (n > e && strcmp(name + n - e, endings[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* Reads the templates below root/rel (folders walked, at most a budget). */
void
ogc_site_scan_templates(struct ogc_site *site, const char *rel,
	unsigned *budget, unsigned depth)
{
	char path[4096];
	char child[4096];
	struct dirent *e;
	size_t len;
	char *text;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", site->root, rel);
	d = opendir(path);
	if (d == NULL) {
		return;
	}
	while (*budget > 0 && depth < 8) {
		e = readdir(d);
		if (e == NULL) {
			break;
		}
		if (e->d_name[0] == '.' || strcmp(e->d_name, "node_modules") == 0) {
			continue;
		}
		snprintf(child, sizeof(child), "%s/%s", rel, e->d_name);
		if (ogc_site_is_file(site->root, child, true)) {
			ogc_site_scan_templates(site, child, budget, depth + 1);
			continue;
		}
		if (!is_template_name(e->d_name)) {
			continue;
		}
		(*budget)--;
		text = ogc_read_small_file(site->root, child, MAX_TEMPLATE_BYTES,
			&len);
		if (text != NULL) {
			scan_template(site, child, text);
		}
		free(text);
	}
	closedir(d);
}
