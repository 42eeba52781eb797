/* spec.c: the rules in force for a site: built-in, preset, profiles, then
 * the user's rule files or the .ogcheck.yaml found above the site. */
/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read/read.h"

bool
ogc_ruleset_load_spec(struct ogc_ruleset *rules,
	const struct ogc_rule_spec *spec, const char *preset, const char *dir,
	char **found, struct ogc_error *err)
{
	size_t i;

	*found = NULL;
	if (!ogc_ruleset_load_builtin(rules, err)) {
		return false;
	}
	if (preset != NULL && strcmp(preset, "none") != 0 &&
		!ogc_ruleset_load_named(rules, "presets", preset, err)) {
		return false;
	}
	for (i = 0; i < spec->profile_count; i++) {
		if (!ogc_ruleset_load_named(rules, "profiles", spec->profiles[i],
			err)) {
			return false;
		}
	}
	for (i = 0; i < spec->rule_file_count; i++) {
		if (!ogc_ruleset_load_file(rules, spec->rule_files[i], err)) {
			return false;
		}
	}
	if (spec->rule_file_count > 0) {
		return true;
	}
	/* the caller frees *found after printing any error naming it */
	*found = ogc_rules_discover(dir);
	return *found == NULL || ogc_ruleset_load_file(rules, *found, err);
}

/* The preset of a generator, or NULL when ogcheck has none for it. */
static const char *
preset_of(enum ogc_generator generator)
{
	switch (generator) {
	case OGC_GEN_ASTRO:
		return "astro";
	case OGC_GEN_ELEVENTY:
		return "eleventy";
	case OGC_GEN_HUGO:
		return "hugo";
	case OGC_GEN_JEKYLL:
		return "jekyll";
	default:
		return NULL;
	}
}

const char *
ogc_preset_detect(const char *dir, const char **file)
{
	return preset_of(ogc_generator_at(dir, file));
}

const char *
ogc_preset_find(const char *path, char **root)
{
	enum ogc_generator generator = OGC_GEN_NONE;
	const char *config;
	char git[PATH_MAX + 8];
	char *dir = realpath(path, NULL);
	struct stat st;
	char *slash;

	*root = NULL;
	if (dir != NULL && stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		slash = strrchr(dir, '/');
		if (slash != NULL && slash != dir) {
			*slash = '\0';
		}
	}
	while (dir != NULL) {
		generator = ogc_generator_at(dir, &config);
		if (generator != OGC_GEN_NONE) {
			*root = dir;
			return preset_of(generator);
		}
		snprintf(git, sizeof(git), "%s/.git", dir);
		slash = strrchr(dir, '/');
		if (stat(git, &st) == 0 || slash == NULL || slash == dir) {
			break;
		}
		*slash = '\0';
	}
	free(dir);
	return NULL;
}

char *
ogc_rules_discover(const char *start_dir)
{
	struct stat st;
	char *dir;
	char *path;
	char *slash;
	size_t len;

	dir = realpath(start_dir, NULL);
	if (dir == NULL) {
		return NULL;
	}
	for (;;) {
		len = strlen(dir) + sizeof("/.ogcheck.yaml");
		path = malloc(len);
		if (path == NULL) {
			break;
		}
		snprintf(path, len, "%s/.ogcheck.yaml",
			strcmp(dir, "/") == 0 ? "" : dir);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			free(dir);
			return path;
		}
		free(path);
		slash = strrchr(dir, '/');
		if (slash == NULL || strcmp(dir, "/") == 0) {
			break;
		}
		if (slash == dir) {
			slash[1] = '\0';
		} else {
			*slash = '\0';
		}
	}
	free(dir);
	return NULL;
}
