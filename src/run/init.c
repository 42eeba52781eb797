/* init.c: --init: a commented .ogcheck.yaml for the site in a folder. */
/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/read.h"
#include "rules/rules.h"
#include "run/run.h"
#include "util/util.h"

#ifndef OGC_SCHEMA
#define OGC_SCHEMA "/usr/share/ogcheck/ogcheck.schema.json"
#endif

/* The profiles compiled in ("facebook, linkedin, ..."), into b. */
static void
add_profiles(struct ogc_strbuf *b)
{
	const struct ogc_embedded *e;
	bool first = true;

	for (e = ogc_embedded_rules; e->name != NULL; e++) {
		if (strncmp(e->name, "profiles/", 9) == 0) {
			ogc_strbuf_addf(b, "%s%s", first ? "" : ", ", e->name + 9);
			first = false;
		}
	}
}

/* The site's part: what was found, as comments and keys. */
static void
add_site(struct ogc_strbuf *b, const struct ogc_site *site)
{
	const char *name = ogc_generator_name(site->generator);
	const char *config = strrchr(site->config, '/');
	size_t i;

	config = config != NULL ? config + 1 : site->config;
	ogc_strbuf_addf(b, "# The site: %s (found from %s)", name, config);
	if (site->input != NULL) {
		ogc_strbuf_addf(b, ", pages below %s/", site->input[0] != '\0' ?
			site->input : ".");
	}
	if (site->output != NULL) {
		ogc_strbuf_addf(b, ", built into %s/", site->output);
	}
	ogc_strbuf_addf(b, ".\n# ogcheck reads its fields as %s does; uncomment "
		"this line to check every\n# file as written instead:\n"
		"# generator: none\n\n", name);
	if (site->base_url != NULL) {
		ogc_strbuf_addf(b, "# Base URL (from %s): %s\n# ogcheck reads it "
			"from there; --base-url URL overrides it.\n\n", config,
			site->base_url);
	} else {
		ogc_strbuf_addf(b, "# No base URL in %s: give --base-url URL so "
			"relative canonical URLs can be\n# checked.\n\n", config);
	}
	if (site->exclude_count > 0) {
		ogc_strbuf_addf(b, "# %s's own exclude: list applies already:",
			config);
		for (i = 0; i < site->exclude_count; i++) {
			ogc_strbuf_addf(b, " %s", site->exclude[i]);
		}
		ogc_strbuf_addf(b, "\n");
	}
}

/* The whole file's text, for the folder `dir` (site NULL: no site). */
static char *
init_text(const struct ogc_site *site)
{
	struct ogc_strbuf b = {NULL, 0, 0, false};

	ogc_strbuf_addf(&b, "# yaml-language-server: $schema=%s\n"
		"# ogcheck's rules for this site, written by ogcheck --init. Each "
		"key is in\n# ogcheck-rules(5); ogcheck --show-config shows what "
		"is in force.\n\n", OGC_SCHEMA);
	if (site != NULL) {
		add_site(&b, site);
	} else {
		ogc_strbuf_addf(&b, "# No site generator's config (hugo.toml, "
			"_config.yml, eleventy.config.js,\n# astro.config.mjs...) "
			"was found here: files are checked as written.\n\n");
	}
	ogc_strbuf_addf(&b, "# Files that are no pages (globs, as --exclude); "
		"what .gitignore ignores is\n# skipped already. For instance: "
		"exclude: [drafts, content/old/]\nexclude: []\n\n");
	ogc_strbuf_addf(&b, "# Platforms' own rules to add (");
	add_profiles(&b);
	ogc_strbuf_addf(&b, ").\n# For instance: profiles: [facebook, x]\n"
		"profiles: []\n\n");
	ogc_strbuf_addf(&b, "# Fields the templates or plugins write that "
		"ogcheck cannot see (so front\n# matter need not carry them):\n"
		"# supplies:\n#   og.image: the og-image plugin, at build time\n\n");
	ogc_strbuf_addf(&b, "# Rules to change by id (ogcheck --list-rules, "
		"ogcheck --explain ID). For instance:\n# rules:\n#   title-length: "
		"{max: 70}\n#   og-locale: off\nrules: {}\n");
	if (b.failed) {
		ogc_strbuf_finish(&b);
		return NULL;
	}
	return b.data;
}

bool
ogc_site_init(const char *dir, const struct ogc_options *options,
	struct ogc_error *err)
{
	char name[4096 + 16];
	struct ogc_pos none = {0, 0};
	struct ogc_sites *sites;
	struct ogc_site_rules *rules;
	const struct ogc_site *site;
	char probe[4096 + 2];
	char rel[4096];
	struct stat st;
	char *text;
	size_t len;
	bool ok;
	int fd;

	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		ogc_error_set(err, OGC_ERR_USAGE, dir, none, "--init: not a "
			"folder");
		return false;
	}
	snprintf(name, sizeof(name), "%s/.ogcheck.yaml", dir);
	sites = ogc_sites_create(NULL, options);
	if (sites == NULL) {
		return ogc_error_nomem(err);
	}
	snprintf(probe, sizeof(probe), "%s/.", dir);
	site = ogc_sites_find(sites, probe, rel, sizeof(rel), &rules);
	text = init_text(site);
	ogc_sites_destroy(sites);
	if (text == NULL) {
		return ogc_error_nomem(err);
	}
	/* never over a file that is there, even one made meanwhile */
	fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0) {
		/* err outlives name, not dir (the caller's) */
		ogc_error_set(err, OGC_ERR_USAGE, dir, none, "--init: "
			".ogcheck.yaml: %s", errno == EEXIST ? "the file is there "
			"already; it is not overwritten" : strerror(errno));
		free(text);
		return false;
	}
	len = strlen(text);
	ok = write(fd, text, len) == (ssize_t)len;
	ok = close(fd) == 0 && ok;
	free(text);
	if (!ok) {
		ogc_error_set(err, OGC_ERR_IO, dir, none, "--init: cannot write "
			".ogcheck.yaml: %s", strerror(errno));
		return false;
	}
	return true;
}
