/* ignore.c: .gitignore files, as git reads them, for folder walks. */
/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run/run.h"
#include "util/util.h"

/* A .gitignore is read whole up to this size; the rest is ignored. */
#define MAX_IGNORE_FILE (256u * 1024u)

/* One line of a .gitignore (gitignore(5), "PATTERN FORMAT"). */
struct pattern {
	char *glob;    /* without "!", a leading "/" and a trailing "/" */
	bool negate;   /* "!": a match keeps the path */
	bool dir_only; /* "x/": folders only */
	bool anchored; /* a "/" at the start or in the middle: matched from
	                  the .gitignore's folder, not against a name */
};

struct ogc_ignore {
	struct ogc_ignore *up; /* the .gitignore of an outer folder */
	char *prefix;          /* the walk's path of the folder it is in, or
	                          of the walk's start for an outer one */
	size_t prefix_len;
	char *lead;            /* an outer folder's: the walk's start from
	                          it ("site/content"); NULL inside the walk */
	struct pattern *patterns;
	size_t count;
	size_t cap;
};

/*
 * Parses one line: "# x" and blank lines are nothing; "!x" negates;
 * "\#", "\!" start with the character; trailing blanks are dropped unless
 * escaped. False for a line that is no pattern.
 */
static bool
parse_line(char *line, struct pattern *p)
{
	size_t n = strlen(line);

	memset(p, 0, sizeof(*p));
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\r') &&
		(n < 2 || line[n - 2] != '\\')) {
		line[--n] = '\0';
	}
	if (n == 0 || line[0] == '#') {
		return false;
	}
	if (line[0] == '!') {
		p->negate = true;
		line++;
		n--;
	} else if (line[0] == '\\' && (line[1] == '#' || line[1] == '!')) {
		line++;
		n--;
	}
	if (n > 0 && line[n - 1] == '/') {
		p->dir_only = true;
		line[--n] = '\0';
	}
	if (n == 0) {
		return false;
	}
	p->anchored = strchr(line, '/') != NULL;
	while (line[0] == '/') {
		line++;
	}
	p->glob = strdup(line);
	return p->glob != NULL;
}

struct ogc_ignore *
ogc_ignore_read(struct ogc_ignore *up, const char *dir, const char *prefix,
	const char *lead)
{
	struct ogc_ignore *ig;
	struct pattern p;
	char *text;
	char *line;
	char *next;
	size_t len = 0;

	text = ogc_read_small_file(dir, ".gitignore", MAX_IGNORE_FILE, &len);
	if (text == NULL) {
		return up;
	}
	ig = calloc(1, sizeof(*ig));
	if (ig == NULL) {
		free(text);
		return up;
	}
	ig->up = up;
	ig->prefix = strdup(prefix);
	ig->prefix_len = ig->prefix != NULL ? strlen(prefix) : 0;
	ig->lead = lead != NULL ? strdup(lead) : NULL;
	for (line = text; ig->prefix != NULL && line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL) {
			*next++ = '\0';
		}
		if (!parse_line(line, &p)) {
			continue;
		}
		if (!ogc_array_reserve(&ig->patterns, &ig->cap, ig->count + 1,
			sizeof(*ig->patterns), 16)) {
			free(p.glob);
			break;
		}
		ig->patterns[ig->count++] = p;
	}
	free(text);
	return ig;
}

void
ogc_ignore_pop(struct ogc_ignore *ig, const struct ogc_ignore *until)
{
	struct ogc_ignore *up;
	size_t i;

	while (ig != NULL && ig != until) {
		up = ig->up;
		for (i = 0; i < ig->count; i++) {
			free(ig->patterns[i].glob);
		}
		free(ig->patterns);
		free(ig->prefix);
		free(ig->lead);
		free(ig);
		ig = up;
	}
}

/*
 * A pattern against a path relative to its .gitignore's folder. A glob
 * with a "/" is matched from there, "*" not crossing folders but "**"
 * crossing any number; one without is matched against the last name:
 *   "public" ~ "site/public";  "/public" ~ "public", not "site/public"
 */
static bool
matches(const struct pattern *p, const char *rel)
{
	const char *name = strrchr(rel, '/');
	const char *s;

	if (!p->anchored) {
		return fnmatch(p->glob, name != NULL ? name + 1 : rel, 0) == 0;
	}
	if (strstr(p->glob, "**") == NULL) {
		return fnmatch(p->glob, rel, FNM_PATHNAME) == 0;
	}
	/* "**" matches across folders: fnmatch without FNM_PATHNAME, on the
	   path and (for a leading "**" "/") on each of its tails */
	if (fnmatch(p->glob, rel, 0) == 0) {
		return true;
	}
	if (strncmp(p->glob, "**/", 3) == 0) {
		for (s = strchr(rel, '/'); s != NULL; s = strchr(s + 1, '/')) {
			if (fnmatch(p->glob + 3, s + 1, 0) == 0) {
				return true;
			}
		}
		return fnmatch(p->glob + 3, rel, 0) == 0;
	}
	return false;
}

bool
ogc_ignore_match(const struct ogc_ignore *ig, const char *path, bool dir)
{
	const struct ogc_ignore *layers[64];
	char joined[PATH_MAX];
	const char *rel;
	size_t depth = 0;
	size_t i;
	size_t k;
	int verdict = 0; /* 1 ignored, -1 kept again, 0 no pattern */

	for (; ig != NULL && depth < sizeof(layers) / sizeof(*layers);
		ig = ig->up) {
		layers[depth++] = ig;
	}
	/* the outermost first: a deeper .gitignore, and a later line, win */
	for (i = depth; i-- > 0;) {
		ig = layers[i];
		if (strncmp(path, ig->prefix, ig->prefix_len) != 0) {
			continue;
		}
		rel = path + ig->prefix_len;
		while (*rel == '/') {
			rel++;
		}
		if (ig->lead != NULL && ig->lead[0] != '\0') {
			snprintf(joined, sizeof(joined), "%s%s%s", ig->lead,
				*rel != '\0' ? "/" : "", rel);
			rel = joined;
		}
		for (k = 0; k < ig->count; k++) {
			if ((!ig->patterns[k].dir_only || dir) &&
				matches(&ig->patterns[k], rel)) {
				verdict = ig->patterns[k].negate ? -1 : 1;
			}
		}
	}
	return verdict == 1;
}
