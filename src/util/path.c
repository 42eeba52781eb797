/* path.c: matching a file's path against the globs of exclude: lists. */
/* SPDX-License-Identifier: MIT */
#include <fnmatch.h>
#include <string.h>

#include "util/util.h"

/* glob matches path[start..end) (a copy, as fnmatch wants a string). */
static bool
match_part(const char *glob, const char *path, size_t start, size_t end)
{
	char part[4096];

	if (end - start >= sizeof(part)) {
		return false;
	}
	memcpy(part, path + start, end - start);
	part[end - start] = '\0';
	return fnmatch(glob, part, 0) == 0;
}

bool
ogc_path_glob_match(const char *glob, const char *path)
{
	char g[1024];
	size_t len = strlen(path);
	size_t n = strlen(glob);
	bool anchored;
	size_t start;
	size_t end;

	while (strncmp(path, "./", 2) == 0) {
		path += 2;
		len -= 2;
	}
	while (strncmp(glob, "./", 2) == 0) {
		glob += 2;
		n -= 2;
	}
	/* "drafts/" is the folder drafts */
	while (n > 0 && glob[n - 1] == '/') {
		n--;
	}
	if (n == 0 || n >= sizeof(g)) {
		return false;
	}
	memcpy(g, glob, n);
	g[n] = '\0';
	anchored = strchr(g, '/') != NULL;
	/* the glob names the whole path, a folder above the file, or (when
	   it has no '/') any run of path segments */
	for (start = 0; start <= len; start++) {
		if (start > 0 && path[start - 1] != '/') {
			continue;
		}
		for (end = start + 1; end <= len; end++) {
			if ((end == len || path[end] == '/') &&
				match_part(g, path, start, end)) {
				return true;
			}
		}
		if (anchored) {
			break;
		}
	}
	return false;
}
