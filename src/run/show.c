/* show.c: --show-config and --verbose: what the site model decided for a
 * path, in words. */
/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/read.h"
#include "run/run.h"
#include "util/util.h"

static void
add_list(struct ogc_strbuf *b, const char *label, char *const *list,
	size_t count)
{
	size_t i;

	if (count == 0) {
		return;
	}
	ogc_strbuf_addf(b, "  %s:", label);
	for (i = 0; i < count; i++) {
		ogc_strbuf_addf(b, " %s/", list[i][0] != '\0' ? list[i] : ".");
	}
	ogc_strbuf_add(b, "\n", 1);
}

/*
 * An absolute path as the user would write it from the current folder:
 * "." for the folder itself, "docs" below it, the absolute path
 * elsewhere. rules_file likewise.
 */
static const char *
shown(const char *path, char *buf, size_t size)
{
	char cwd[4096];
	size_t n;

	if (path == NULL || getcwd(cwd, sizeof(cwd)) == NULL) {
		return path;
	}
	n = strlen(cwd);
	if (strcmp(path, cwd) == 0) {
		return ".";
	}
	if (strncmp(path, cwd, n) == 0 && path[n] == '/') {
		snprintf(buf, size, "%s", path + n + 1);
		return buf;
	}
	return path;
}

char *
ogc_site_describe(const struct ogc_site *site, const char *rules_file)
{
	struct ogc_strbuf b = {0};
	const char *preset = ogc_site_preset(site);
	char root[4096];
	char rules[4096];
	size_t i;

	rules_file = shown(rules_file, rules, sizeof(rules));
	ogc_strbuf_addf(&b, "site %s\n", shown(site->root, root, sizeof(root)));
	ogc_strbuf_addf(&b, "  generator: %s (found from %s)\n",
		ogc_generator_name(site->generator), site->config);
	if (preset != NULL) {
		ogc_strbuf_addf(&b, "  preset: %s (its fields: ogcheck-rules(5), "
			"PRESETS)\n", preset);
	} else {
		ogc_strbuf_addf(&b, "  preset: none; front matter that spells no "
			"og: field is not asked for og: fields, which %s's own "
			"templates write\n", ogc_generator_name(site->generator));
	}
	if (site->base_url != NULL) {
		ogc_strbuf_addf(&b, "  base URL: %s (relative image fields the "
			"generator makes absolute are checked against it)\n",
			site->base_url);
	}
	ogc_strbuf_addf(&b, "  rules: %s\n", rules_file != NULL ? rules_file :
		"built-in (no .ogcheck.yaml at or above the site)");
	if (site->input != NULL) {
		ogc_strbuf_addf(&b, "  pages: below %s/\n", site->input[0] != '\0' ?
			site->input : ".");
	}
	add_list(&b, "pages only below", site->pages, site->page_count);
	if (site->output != NULL) {
		ogc_strbuf_addf(&b, "  built site: %s/ (checked as platforms see "
			"it, without the preset)\n", site->output);
	}
	add_list(&b, "not pages", site->skip, site->skip_count);
	add_list(&b, "excluded by the config", site->exclude,
		site->exclude_count);
	add_list(&b, "templates read", site->templates, site->template_count);
	if (site->supply_count == 0) {
		ogc_strbuf_addf(&b, "  supplied: nothing found in the templates or "
			"the config\n");
	}
	for (i = 0; i < site->supply_count; i++) {
		ogc_strbuf_addf(&b, "  supplied: %s by %s%s%s\n",
			strcmp(site->supplies[i].field, "*") == 0 ?
			"any field nothing else supplies" : site->supplies[i].field,
			site->supplies[i].where,
			site->supplies[i].scope != NULL ? ", for pages below " : "",
			site->supplies[i].scope != NULL ?
			(site->supplies[i].scope[0] != '\0' ?
			site->supplies[i].scope : ".") : "");
	}
	if (b.failed) {
		ogc_strbuf_finish(&b);
		return NULL;
	}
	return b.data;
}

/* The rules in force, after what ogc_show_config() said of the path. */
static bool
show_rules(const struct ogc_ruleset *rules, const char *what, FILE *out,
	struct ogc_error *err)
{
	fprintf(out, "  rules in force %s:\n", what);
	return ogc_ruleset_write_text(rules, out, err);
}

bool
ogc_show_config(const char *path, const struct ogc_options *options,
	const struct ogc_ruleset *outside, FILE *out, struct ogc_error *err)
{
	struct ogc_sites *sites = ogc_sites_create(outside, options);
	struct ogc_site_rules *rules;
	const struct ogc_ruleset *in_force;
	const struct ogc_site *site;
	const char *why = NULL;
	char probe[4096];
	char rel[4096];
	char *root = NULL;
	char *found;
	char *text;
	struct stat st;
	bool built = false;
	bool ok = true;

	if (sites == NULL) {
		return ogc_error_nomem(err);
	}
	/* a folder is described through a name inside it */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(probe, sizeof(probe), "%s/.", path);
	} else {
		snprintf(probe, sizeof(probe), "%s", path);
	}
	site = ogc_sites_find(sites, probe, rel, sizeof(rel), &rules);
	fprintf(out, "path %s\n", path);
	if (site == NULL) {
		root = realpath(path, NULL);
		found = ogc_rules_discover(root != NULL && S_ISDIR(st.st_mode) ?
			root : ".");
		fprintf(out, "  no site: no generator's config at or above it "
			"(up to the repository's root); the built-in rules%s%s "
			"apply as written\n", found != NULL ? " and " : "",
			found != NULL ? shown(found, probe, sizeof(probe)) : "");
		free(found);
		free(root);
		ok = outside == NULL || show_rules(outside, "(outside any site)",
			out, err);
		ogc_sites_destroy(sites);
		return ok;
	}
	found = ogc_rules_discover(ogc_sites_rules_dir(rules));
	text = ogc_site_describe(site, found);
	if (text == NULL) {
		ok = ogc_error_nomem(err);
	} else {
		fputs(text, out);
	}
	if (!S_ISDIR(st.st_mode)) {
		switch (ogc_site_classify(site, rel, ogc_walk_is_html(path),
			&why)) {
		case OGC_PAGE_SKIP:
			fprintf(out, "  this file: not a page (%s)\n", why);
			break;
		case OGC_PAGE_BUILT:
			fprintf(out, "  this file: a page of %s\n", why);
			built = true;
			break;
		default:
			fprintf(out, "  this file: a source page (%s)\n", rel);
			break;
		}
	}
	in_force = ok ? ogc_sites_rules(sites, rules, built) : NULL;
	if (ok && in_force == NULL) {
		ok = ogc_sites_failed(sites, err) ? false : ogc_error_nomem(err);
	}
	if (ok) {
		ok = show_rules(in_force, built ? "(a built page: no preset)" :
			"(front matter)", out, err);
	}
	free(text);
	free(found);
	ogc_sites_destroy(sites);
	return ok;
}
