/* engine_site.c: what a file is to its site: a page, a built page or
 * none, the rules and the fields its folder gives it. */
/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "report/report.h"
#include "rules/rules.h"
#include "run/engine_parts.h"
#include "run/run.h"
#include "util/util.h"

/* One of the globs names the file (at `path` as given, or `rel`). */
static const char *
excluded(const char *const *globs, size_t count, const char *path,
	const char *rel)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (ogc_path_glob_match(globs[i], path) ||
			(rel[0] != '\0' && ogc_path_glob_match(globs[i], rel))) {
			return globs[i];
		}
	}
	return NULL;
}

/*
 * --exclude, then the rule files' exclude: (paths there are relative to
 * the folder of the .ogcheck.yaml, or the site's root when it is above);
 * *why says which, in buf.
 */
static bool
is_excluded(struct ogc_engine *c, const char *path, const char **why,
	char *buf, size_t size)
{
	const struct ogc_rule_table *t = ogc_ruleset_table(c->front_rules);
	const char *glob;

	glob = excluded(c->options->excludes, c->options->exclude_count, path,
		c->rel);
	if (glob != NULL) {
		snprintf(buf, size, "excluded by --exclude %s", glob);
		*why = buf;
		return true;
	}
	glob = excluded(t->excludes, t->exclude_count, path,
		ogc_sites_rules_rel(c->site_rules, c->rel));
	if (glob != NULL) {
		snprintf(buf, size, "excluded by exclude: %s", glob);
		*why = buf;
		return true;
	}
	return false;
}

bool
ogc_engine_is_html(const struct ogc_engine *c, const char *name)
{
	return c->options->input == OGC_INPUT_HTML ||
		(c->options->input == OGC_INPUT_AUTO && ogc_walk_is_html(name));
}

void
ogc_engine_no_site(struct ogc_engine *c)
{
	c->site = NULL;
	c->site_rules = NULL;
	c->built = false;
	c->rel[0] = '\0';
	c->page_url[0] = '\0';
	c->page_data.count = 0;
	c->front_rules = c->base_rules;
	c->html_rules = c->base_rules;
}

/*
 * What a page's folder says of it: Hugo's leaf bundles' resources and the
 * pages of folders Hugo does not render are no pages (*skip says why); a
 * Hugo bundle's image and Eleventy's data files give the page fields.
 * What a folder says is kept for the next file, which is most often in
 * the same folder.
 */
static bool
site_page(struct ogc_engine *c, const char *path, const char **skip)
{
	const char *base = strrchr(c->rel, '/');
	size_t dir = base != NULL ? (size_t)(base - c->rel) : 0;
	bool hugo = c->site->generator == OGC_GEN_HUGO;
	bool leaf;
	size_t i;

	base = base != NULL ? base + 1 : c->rel;
	if (c->folder_site != c->site || strlen(c->folder_dir) != dir ||
		strncmp(c->folder_dir, c->rel, dir) != 0) {
		snprintf(c->folder_dir, sizeof(c->folder_dir), "%.*s", (int)dir,
			c->rel);
		c->folder_site = c->site;
		c->folder_why = NULL;
		c->folder_leaf = false;
		c->folder_data.count = 0;
		if (hugo) {
			c->folder_why = ogc_site_hugo_folder(c->site, c->folder_dir,
				true, &c->folder_leaf);
		} else {
			ogc_site_eleventy_folder_data(c->site, c->folder_dir,
				&c->folder_data);
		}
	}
	*skip = c->folder_why;
	if (hugo && strncmp(base, "_index.", 7) == 0) {
		/* its own cascade reaches the pages below, not itself */
		*skip = ogc_site_hugo_folder(c->site, c->folder_dir, false,
			&leaf);
	}
	if (*skip == NULL && c->folder_leaf && strncmp(base, "index.", 6) != 0) {
		*skip = "a resource of its folder's page bundle (index.md), "
			"not a page";
	}
	if (*skip != NULL) {
		return false;
	}
	if (hugo) {
		ogc_site_hugo_bundle_image(path, &c->page_data);
	} else {
		/* its own data file first: the nearer one wins */
		ogc_site_eleventy_page_data(c->site, c->rel, &c->page_data);
		for (i = 0; i < c->folder_data.count; i++) {
			ogc_page_data_add(&c->page_data,
				c->folder_data.items[i].field, "%s",
				c->folder_data.items[i].where);
		}
	}
	return true;
}

bool
ogc_engine_find_site(struct ogc_engine *c, const char *path,
	const char **skip)
{
	bool forced = c->options->input != OGC_INPUT_AUTO;
	enum ogc_page_kind kind = OGC_PAGE_SOURCE;

	*skip = NULL;
	ogc_engine_no_site(c);
	c->site = c->sites != NULL ? ogc_sites_find(c->sites, path, c->rel,
		sizeof(c->rel), &c->site_rules) : NULL;
	if (c->site != NULL) {
		c->front_rules = ogc_sites_rules(c->sites, c->site_rules, false);
		c->html_rules = ogc_sites_rules(c->sites, c->site_rules, true);
		if (c->front_rules == NULL || c->html_rules == NULL) {
			return false; /* *skip NULL: the rules failed to load */
		}
		if (!ogc_ruleset_site_model(c->front_rules)) {
			/* generator: none: checked as written */
			c->site = NULL;
			c->rel[0] = '\0';
		}
	}
	if (c->site != NULL) {
		kind = ogc_site_classify(c->site, c->rel, ogc_engine_is_html(c, path), skip);
	} else if (c->sites != NULL && ogc_path_is_repository_file(path)) {
		/* outside any site, a README is still no page */
		kind = OGC_PAGE_SKIP;
		*skip = "a file about the repository";
	}
	if (kind != OGC_PAGE_SKIP && ogc_path_is_binary_name(path)) {
		/* named explicitly: a walk never passes one on */
		kind = OGC_PAGE_SKIP;
		*skip = "an image, font, media, PDF or archive file";
	}
	if (!forced && kind == OGC_PAGE_SKIP) {
		return false;
	}
	*skip = NULL;
	if (!forced && is_excluded(c, path, skip, c->skip_why,
		sizeof(c->skip_why))) {
		return false;
	}
	c->built = kind == OGC_PAGE_BUILT;
	if (c->site != NULL && !c->built &&
		(c->site->generator == OGC_GEN_HUGO ||
		c->site->generator == OGC_GEN_ELEVENTY)) {
		return site_page(c, path, skip);
	}
	return true;
}


void
ogc_engine_set_walk(struct ogc_engine *engine, const char *root)
{
	char *abs = root != NULL ? realpath(root, NULL) : NULL;

	snprintf(engine->walk_root, sizeof(engine->walk_root), "%s",
		abs != NULL ? abs : "");
	free(abs);
}

/* The walk covers the site: the folder walked is at or above its root. */
bool
ogc_engine_walk_covers_site(const struct ogc_engine *c)
{
	size_t n = strlen(c->walk_root);

	if (n == 0 || strncmp(c->site->root, c->walk_root, n) != 0) {
		return false;
	}
	return c->site->root[n] == '/' || c->site->root[n] == '\0' ||
		strcmp(c->walk_root, "/") == 0;
}

/* A finding from `first` on is about a value. */
static bool
has_value_finding(const struct ogc_report *report, size_t first)
{
	const struct ogc_diag *d;
	size_t i;

	for (i = first; i < ogc_report_count(report); i++) {
		d = ogc_report_get(report, i);
		if (d->value != NULL && !d->suppressed) {
			return true;
		}
	}
	return false;
}

/*
 * Checks the file at `path` into a report of its own, as the walk does
 * but offline and without streaming, and gives in `url` the default URL
 * it found for a source page; the engine is left as it was. NULL when
 * memory ran out.
 */
static struct ogc_report *
scratch_check(struct ogc_engine *c, const char *path, char *url,
	size_t size)
{
	struct ogc_engine *saved = malloc(sizeof(*saved));
	struct ogc_report *r = ogc_report_create();
	struct ogc_options offline;

	if (saved == NULL || r == NULL) {
		free(saved);
		ogc_report_destroy(r);
		return NULL;
	}
	*saved = *c;
	ogc_engine_quiet_options(c->options, &offline);
	c->options = &offline;
	c->scratch = true;
	c->meta = NULL; /* the page's own, kept in saved */
	if (!ogc_engine_check_file(c, path, false, r)) {
		ogc_report_destroy(r);
		r = NULL;
	}
	snprintf(url, size, "%s", c->page_url);
	*c = *saved;
	free(saved);
	return r;
}

/* The other report has a finding of the same rule about the same value. */
static bool
has_same(const struct ogc_report *other, const struct ogc_diag *d)
{
	const struct ogc_diag *e;
	size_t i;

	for (i = 0; i < ogc_report_count(other); i++) {
		e = ogc_report_get(other, i);
		if (e->value != NULL && !e->suppressed &&
			strcmp(e->rule, d->rule) == 0 &&
			strcmp(e->value, d->value) == 0) {
			return true;
		}
	}
	return false;
}

void
ogc_engine_pair(struct ogc_engine *c, const char *path, size_t first)
{
	char cands[4][1024];
	char other[8192];
	char built[4096];
	char url[1024];
	char got[1024];
	struct ogc_report *r = NULL;
	const struct ogc_diag *d;
	size_t prefix;
	size_t n = 0;
	size_t i;
	size_t k;
	char more[8300];

	if (c->site == NULL || !ogc_engine_walk_covers_site(c) ||
		!has_value_finding(c->report, first) ||
		strlen(path) < strlen(c->rel) ||
		strcmp(path + strlen(path) - strlen(c->rel), c->rel) != 0) {
		return;
	}
	prefix = strlen(path) - strlen(c->rel); /* the site's root as given */
	if (c->built) {
		/* drop what its source reports: the first that is its source */
		if (ogc_site_built_url(c->site, c->rel, url, sizeof(url))) {
			n = ogc_site_sources_of(c->site, url, cands, 4);
		}
		for (k = 0; k < n && r == NULL; k++) {
			snprintf(other, sizeof(other), "%.*s%s", (int)prefix, path,
				cands[k]);
			r = scratch_check(c, other, got, sizeof(got));
			if (r != NULL && strcmp(got, url) != 0) {
				ogc_report_destroy(r);
				r = NULL;
			}
		}
		for (i = ogc_report_count(c->report); r != NULL && i > first;
			i--) {
			d = ogc_report_get(c->report, i - 1);
			if (d->value != NULL && !d->suppressed && has_same(r, d)) {
				ogc_report_remove(c->report, i - 1);
			}
		}
	} else if (c->page_url[0] != '\0' && ogc_site_built_file(c->site,
		c->page_url, built, sizeof(built))) {
		/* name the built page in what it reports too */
		snprintf(other, sizeof(other), "%.*s%s", (int)prefix, path, built);
		r = scratch_check(c, other, got, sizeof(got));
		snprintf(more, sizeof(more), " (the same in the built page %s, "
			"reported here once)", other);
		for (i = first; r != NULL && i < ogc_report_count(c->report);
			i++) {
			d = ogc_report_get(c->report, i);
			if (d->value != NULL && !d->suppressed && has_same(r, d)) {
				ogc_report_append_message(c->report, i, more);
			}
		}
	}
	ogc_report_destroy(r);
}
