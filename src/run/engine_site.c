/* engine_site.c: what a file is to its site: a page, a built page or
 * none, the rules and the fields its folder gives it. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "read/read.h"
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

