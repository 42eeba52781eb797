/* walk.c: expands a PATH into content files, skipping .git, node_modules, hidden ones. */
/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE /* d_type and DT_* of readdir(), not in POSIX */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "run/run.h"
#include "util/util.h"

/* Content file endings, compared without case. */
static const char *const content_endings[] = {
	".htm", ".html", ".markdown", ".md", ".mdx", NULL,
};

static bool
ends_with(const char *name, const char *ending)
{
	size_t n = strlen(name);
	size_t e = strlen(ending);

	return n > e && strcasecmp(name + n - e, ending) == 0;
}

bool
ogc_walk_is_content(const char *name)
{
	size_t i;

	for (i = 0; content_endings[i] != NULL; i++) {
		if (ends_with(name, content_endings[i])) {
			return true;
		}
	}
	return false;
}

bool
ogc_walk_is_html(const char *name)
{
	return ends_with(name, ".html") || ends_with(name, ".htm");
}

/* The folders on the way down, to cut symlink loops. */
struct ancestor {
	dev_t dev;
	ino_t ino;
	const struct ancestor *up;
};

struct walk {
	ogc_walk_fn *fn;
	ogc_walk_error_fn *unreadable;
	ogc_walk_keep_fn *keep; /* may be NULL */
	void *arg;
	bool gitignore; /* .gitignore files are read */
	size_t *seen;   /* counts the content files met */
};

/* A content file met: counted, then passed on. */
static bool
found(const struct walk *w, const char *path)
{
	(*w->seen)++;
	return w->fn(w->arg, path, false);
}

/* A folder entry; `type` is readdir's d_type (DT_UNKNOWN: ask stat). */
struct entry {
	char *name;
	unsigned char type;
	bool dir; /* a folder, or a link to one */
};

/*
 * By name, a folder's name as if it ended in '/': then the walk meets
 * paths in strcmp() order, the order the report sorts files in ("a-b.md",
 * "a.md", then "a/x.md"), and a stream in walk order is sorted.
 */
static int
compare_entries(const void *a, const void *b)
{
	const struct entry *ea = a;
	const struct entry *eb = b;
	const unsigned char *x = (const unsigned char *)ea->name;
	const unsigned char *y = (const unsigned char *)eb->name;
	int cx;
	int cy;

	while (*x != '\0' && *x == *y) {
		x++;
		y++;
	}
	cx = *x != '\0' ? *x : ea->dir ? '/' : 0;
	cy = *y != '\0' ? *y : eb->dir ? '/' : 0;
	return cx - cy;
}

/* Whether an entry of `d` is a folder: readdir's type, else stat's. */
static bool
is_dir(DIR *d, const struct dirent *e)
{
	struct stat st;

	if (e->d_type != DT_UNKNOWN && e->d_type != DT_LNK) {
		return e->d_type == DT_DIR;
	}
	return fstatat(dirfd(d), e->d_name, &st, 0) == 0 &&
		S_ISDIR(st.st_mode);
}

static void
free_entries(struct entry *entries, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(entries[i].name);
	}
	free(entries);
}

/*
 * The entries of a folder, sorted by name, without "." and "..". Sorting makes
 * the walk the same on every file system. Returns false on out of memory;
 * a folder that cannot be read gives *errnum and no names.
 */
static bool
read_entries(const char *dir, struct entry **out, size_t *count, int *errnum)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct entry *entries = NULL;
	size_t cap = 0;
	size_t n = 0;

	*out = NULL;
	*count = 0;
	*errnum = 0;
	if (d == NULL) {
		*errnum = errno;
		return true;
	}
	for (;;) {
		errno = 0;
		e = readdir(d);
		if (e == NULL) {
			*errnum = errno;
			break;
		}
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
			continue;
		}
		if (!ogc_array_reserve(&entries, &cap, n + 1, sizeof(*entries),
			32)) {
			goto nomem;
		}
		entries[n].name = strdup(e->d_name);
		if (entries[n].name == NULL) {
			goto nomem;
		}
		entries[n].type = e->d_type;
		entries[n].dir = is_dir(d, e);
		n++;
	}
	closedir(d);
	if (n > 1) {
		qsort(entries, n, sizeof(*entries), compare_entries);
	}
	*out = entries;
	*count = n;
	return true;
nomem:
	closedir(d);
	free_entries(entries, n);
	return false;
}

static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	size_t len = n + strlen(name) + 2;
	char *path = malloc(len);

	if (path == NULL) {
		return NULL;
	}
	/* "./a" stays "./a", "a/" + "b" is "a/b" */
	ogc_str_join(path, len, (const char *const[]){dir,
		n > 0 && dir[n - 1] == '/' ? "" : "/", name}, 3);
	return path;
}

static bool
walk_dir(const struct walk *w, const char *dir, const struct ancestor *up,
	struct ogc_ignore *ig);

/*
 * One entry of a folder: a content file, a folder to enter, or neither.
 * readdir's type spares a stat() per regular file, most of a large tree.
 */
static bool
walk_entry(const struct walk *w, const char *dir, const struct entry *e,
	const struct ancestor *up, struct ogc_ignore *ig)
{
	const char *name = e->name;
	const struct ancestor *a;
	struct ancestor here;
	struct stat st;
	char *path;
	bool ok = true;

	if (name[0] == '.' || strcmp(name, "node_modules") == 0) {
		return true;
	}
	if (e->type == DT_REG && !ogc_walk_is_content(name)) {
		return true;
	}
	path = join(dir, name);
	if (path == NULL) {
		return false;
	}
	if (e->type == DT_REG) {
		if (!ogc_ignore_match(ig, path, false)) {
			ok = found(w, path);
		}
	} else if (stat(path, &st) != 0) {
		/* a dangling or looping symlink: report it if it looks like
		   content, as the user would expect the file to be checked */
		if (ogc_walk_is_content(name)) {
			ok = found(w, path);
		}
	} else if (S_ISDIR(st.st_mode)) {
		/* an ignored folder is skipped, unless it is a site's build */
		if (ogc_ignore_match(ig, path, true) && (w->keep == NULL ||
			!w->keep(w->arg, path))) {
			free(path);
			return true;
		}
		for (a = up; a != NULL; a = a->up) {
			if (a->dev == st.st_dev && a->ino == st.st_ino) {
				break;
			}
		}
		if (a == NULL) {
			here.dev = st.st_dev;
			here.ino = st.st_ino;
			here.up = up;
			ok = walk_dir(w, path, &here, ig);
		}
	} else if (S_ISREG(st.st_mode) && ogc_walk_is_content(name) &&
		!ogc_ignore_match(ig, path, false)) {
		ok = found(w, path);
	}
	free(path);
	return ok;
}

static bool
walk_dir(const struct walk *w, const char *dir, const struct ancestor *up,
	struct ogc_ignore *ig)
{
	struct ogc_ignore *here;
	struct entry *entries;
	size_t count;
	size_t i;
	int errnum;
	bool ok = true;

	if (!read_entries(dir, &entries, &count, &errnum)) {
		return false;
	}
	if (errnum != 0 && !w->unreadable(w->arg, dir, errnum)) {
		ok = false;
	}
	here = w->gitignore ? ogc_ignore_read(ig, dir, dir, NULL) : ig;
	for (i = 0; ok && i < count; i++) {
		ok = walk_entry(w, dir, &entries[i], up, here);
	}
	ogc_ignore_pop(here, ig);
	free_entries(entries, count);
	return ok;
}

/*
 * The .gitignore files of the folders above a walk's start, from the
 * repository's root (the folder holding .git) down; none outside a
 * repository.
 */
static struct ogc_ignore *
ignores_above(const char *path)
{
	struct ogc_ignore *ig = NULL;
	char *abs = realpath(path, NULL);
	char dir[4096];
	char git[4096 + 8];
	struct stat st;
	size_t root;
	size_t n;
	char *slash;

	if (abs == NULL || strlen(abs) >= sizeof(dir)) {
		free(abs);
		return NULL;
	}
	/* the repository's root: the nearest folder above with .git */
	snprintf(dir, sizeof(dir), "%s", abs);
	for (;;) {
		snprintf(git, sizeof(git), "%s/.git", dir);
		if (stat(git, &st) == 0) {
			break;
		}
		slash = strrchr(dir, '/');
		if (slash == NULL || slash == dir) {
			free(abs);
			return NULL;
		}
		*slash = '\0';
	}
	/* from it down to the start's parent: each with its lead */
	root = strlen(dir);
	for (n = root; n < strlen(abs);) {
		snprintf(dir, sizeof(dir), "%.*s", (int)n, abs);
		ig = ogc_ignore_read(ig, dir[0] != '\0' ? dir : "/", path,
			abs + n + (abs[n] == '/'));
		slash = strchr(abs + n + 1, '/');
		n = slash != NULL ? (size_t)(slash - abs) : strlen(abs);
	}
	free(abs);
	return ig;
}

bool
ogc_walk(const char *path, ogc_walk_fn *fn, ogc_walk_error_fn *unreadable,
	ogc_walk_keep_fn *keep, void *arg, bool gitignore, size_t *seen,
	struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	struct ogc_ignore *ig;
	struct ancestor top;
	struct walk w;
	struct stat st;
	bool ok;

	w.fn = fn;
	w.unreadable = unreadable;
	w.keep = keep;
	w.arg = arg;
	w.gitignore = gitignore;
	w.seen = seen;
	if (stat(path, &st) != 0) {
		ogc_error_set(err, OGC_ERR_USAGE, path, none, "%s",
			strerror(errno));
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		top.dev = st.st_dev;
		top.ino = st.st_ino;
		top.up = NULL;
		ig = gitignore ? ignores_above(path) : NULL;
		ok = walk_dir(&w, path, &top, ig);
		ogc_ignore_pop(ig, NULL);
		return ok || ogc_error_nomem(err);
	}
	/* a file named explicitly is always checked */
	(*seen)++;
	if (!fn(arg, path, true)) {
		return ogc_error_nomem(err);
	}
	return true;
}
