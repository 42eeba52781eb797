/* sites.c: which site each file belongs to, and the rules of each site,
 * found once and shared by the pool's engines. */
/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read/read.h"
#include "rules/rules.h"
#include "run/run.h"
#include "util/util.h"

/*
 * The rules of a site's files below one folder (loaded when first needed):
 * those of the .ogcheck.yaml nearest above them, which is the one at or
 * above the site's root for most (dir NULL), or one inside the site.
 */
struct ogc_site_rules {
	const struct ogc_site *site;
	char *dir;    /* absolute: the folder of that .ogcheck.yaml; or NULL */
	size_t depth; /* the length of dir's part below the site's root */
	struct ogc_ruleset *rules;      /* front matter: with its preset */
	struct ogc_ruleset *html_rules; /* built pages: no preset */
	struct ogc_site_rules *next;
};

/* A site and the rules made for its folders. */
struct site_entry {
	struct ogc_site *site;
	struct ogc_site_rules top;     /* the rules found from its root */
	struct ogc_site_rules *inner;  /* those of .ogcheck.yaml inside it */
	struct site_entry *next;
};

/* One folder: where it is, and the site it belongs to (NULL: none). */
struct folder {
	char *key;  /* the folder as given, or an absolute one */
	char *abs;  /* owned by the entry keyed by the absolute path */
	struct site_entry *site;
	struct ogc_site_rules *rules; /* set when first asked for */
};

struct ogc_sites {
	const struct ogc_ruleset *rules; /* outside any site */
	const struct ogc_options *options;
	pthread_mutex_t lock;
	struct folder *slots; /* hash set by key */
	size_t slot_count;    /* a power of two */
	size_t used;
	struct site_entry *sites;
	struct ogc_error err; /* the first rule file that failed to load */
	char err_file[4096];  /* the file err names */
	bool failed;
};

struct ogc_sites *
ogc_sites_create(const struct ogc_ruleset *rules,
	const struct ogc_options *options)
{
	struct ogc_sites *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		return NULL;
	}
	s->slots = calloc(256, sizeof(*s->slots));
	if (s->slots == NULL) {
		free(s);
		return NULL;
	}
	s->slot_count = 256;
	s->rules = rules;
	s->options = options;
	pthread_mutex_init(&s->lock, NULL);
	return s;
}

void
ogc_sites_destroy(struct ogc_sites *s)
{
	struct site_entry *e;
	struct site_entry *next;
	struct ogc_site_rules *inner;
	size_t i;

	if (s == NULL) {
		return;
	}
	for (i = 0; i < s->slot_count; i++) {
		if (s->slots[i].key != s->slots[i].abs) {
			free(s->slots[i].key);
		}
		free(s->slots[i].abs);
	}
	free(s->slots);
	for (e = s->sites; e != NULL; e = next) {
		next = e->next;
		while (e->inner != NULL) {
			inner = e->inner;
			e->inner = inner->next;
			free(inner->dir);
			ogc_ruleset_destroy(inner->rules);
			ogc_ruleset_destroy(inner->html_rules);
			free(inner);
		}
		ogc_site_destroy(e->site);
		ogc_ruleset_destroy(e->top.rules);
		ogc_ruleset_destroy(e->top.html_rules);
		free(e);
	}
	pthread_mutex_destroy(&s->lock);
	free(s);
}

static struct folder *
slot_of(const struct ogc_sites *s, const char *key)
{
	size_t mask = s->slot_count - 1;
	size_t i = ogc_hash32(key) & mask;

	while (s->slots[i].key != NULL && strcmp(s->slots[i].key, key) != 0) {
		i = (i + 1) & mask;
	}
	return &s->slots[i];
}

static bool
grow(struct ogc_sites *s)
{
	struct folder *old = s->slots;
	size_t count = s->slot_count;
	struct folder *f;
	size_t i;

	s->slots = calloc(count * 2, sizeof(*s->slots));
	if (s->slots == NULL) {
		s->slots = old;
		return false;
	}
	s->slot_count = count * 2;
	for (i = 0; i < count; i++) {
		if (old[i].key != NULL) {
			f = slot_of(s, old[i].key);
			*f = old[i];
		}
	}
	free(old);
	return true;
}

/* Remembers key (taken over) -> abs (taken over, may be NULL), site. */
static struct folder *
remember(struct ogc_sites *s, char *key, char *abs, struct site_entry *site)
{
	struct folder *f;

	if ((s->used + 1) * 2 > s->slot_count && !grow(s)) {
		free(key);
		if (abs != key) {
			free(abs);
		}
		return NULL;
	}
	f = slot_of(s, key);
	f->key = key;
	f->abs = abs;
	f->site = site;
	s->used++;
	return f;
}

/* --verbose: says what a new site is. */
static void
tell(const struct ogc_sites *s, const struct ogc_site *site)
{
	char *rules_file;
	char *text;

	if (s->options->site_found == NULL) {
		return;
	}
	rules_file = s->options->rule_spec != NULL &&
		s->options->rule_spec->rule_file_count > 0 ? NULL :
		ogc_rules_discover(site->root);
	text = ogc_site_describe(site, rules_file);
	if (text != NULL) {
		s->options->site_found(s->options->site_found_arg, text);
	}
	free(text);
	free(rules_file);
}

static bool
has_git(const char *dir)
{
	char path[PATH_MAX + 8];
	struct stat st;

	snprintf(path, sizeof(path), "%s/.git", dir);
	return stat(path, &st) == 0;
}

/*
 * The site of the absolute folder `abs`: the nearest folder at or above
 * it that holds a generator's config, not above the repository's root
 * (the folder with .git). Every folder passed on the way is remembered.
 */
static struct site_entry *
site_above(struct ogc_sites *s, const char *abs)
{
	struct site_entry *found = NULL;
	struct folder *f;
	struct ogc_site *site;
	const char *config;
	char dir[PATH_MAX];
	char *slash;
	bool done = false;

	snprintf(dir, sizeof(dir), "%s", abs);
	while (!done) {
		f = slot_of(s, dir);
		if (f->key != NULL) {
			found = f->site;
			break;
		}
		if (ogc_generator_at(dir, &config) != OGC_GEN_NONE) {
			site = ogc_site_detect(dir);
			found = site != NULL ? calloc(1, sizeof(*found)) : NULL;
			if (found == NULL) {
				ogc_site_destroy(site);
				break;
			}
			found->site = site;
			found->top.site = site;
			found->next = s->sites;
			s->sites = found;
			tell(s, site);
			break;
		}
		slash = strrchr(dir, '/');
		done = has_git(dir) || slash == NULL || slash == dir;
		if (!done) {
			*slash = '\0';
		}
	}
	/* the folders on the way belong to what was found */
	snprintf(dir, sizeof(dir), "%s", abs);
	for (;;) {
		f = slot_of(s, dir);
		if (f->key == NULL) {
			char *key = strdup(dir);

			if (key == NULL || remember(s, key, key, found) == NULL) {
				break;
			}
		}
		if (found != NULL && strcmp(dir, found->site->root) == 0) {
			break;
		}
		slash = strrchr(dir, '/');
		if (slash == NULL || slash == dir || (found == NULL &&
			has_git(dir))) {
			break;
		}
		*slash = '\0';
	}
	return found;
}

/* The folder part of `path` ("." for a bare name) into buf. */
static void
folder_of(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');

	size_t n = slash == NULL ? 0 : slash == path ? 1 :
		(size_t)(slash - path);

	if (slash == NULL) {
		snprintf(buf, size, ".");
		return;
	}
	/* a copy, not snprintf("%.*s"): every file's folder */
	n = n < size ? n : size - 1;
	memcpy(buf, path, n);
	buf[n] = '\0';
}

/*
 * The rules of the files in the absolute folder `abs` of site e: those of
 * the .ogcheck.yaml nearest above it inside the site (below its root), or
 * else e->top. Rule files named by --rules replace them all. NULL when
 * memory ran out. Called under the lock.
 */
static struct ogc_site_rules *
rules_for(struct ogc_sites *s, struct site_entry *e, const char *abs)
{
	const struct ogc_rule_spec *spec = s->options->rule_spec;
	size_t root = strlen(e->site->root);
	struct ogc_site_rules *r;
	char dir[PATH_MAX];
	char probe[PATH_MAX + 16];
	struct stat st;
	const char *below;
	char *slash;

	if (spec == NULL || spec->rule_file_count > 0 ||
		strncmp(abs, e->site->root, root) != 0) {
		return &e->top;
	}
	snprintf(dir, sizeof(dir), "%s", abs);
	for (; strlen(dir) > root; *slash = '\0') {
		snprintf(probe, sizeof(probe), "%s/.ogcheck.yaml", dir);
		if (stat(probe, &st) == 0 && S_ISREG(st.st_mode)) {
			break;
		}
		slash = strrchr(dir, '/');
		if (slash == NULL) {
			break;
		}
	}
	if (strlen(dir) <= root) {
		return &e->top;
	}
	for (r = e->inner; r != NULL && strcmp(r->dir, dir) != 0;
		r = r->next) {
	}
	if (r != NULL) {
		return r;
	}
	r = calloc(1, sizeof(*r));
	if (r == NULL || (r->dir = strdup(dir)) == NULL) {
		free(r);
		s->failed = true;
		ogc_error_nomem(&s->err);
		return NULL;
	}
	for (below = dir + root; *below == '/'; below++) {
	}
	r->site = e->site;
	r->depth = strlen(below);
	r->next = e->inner;
	e->inner = r;
	return r;
}

const struct ogc_site *
ogc_sites_find(struct ogc_sites *s, const char *path, char *rel,
	size_t rel_size, struct ogc_site_rules **rules)
{
	char dir[PATH_MAX];
	char *key;
	char *abs;
	struct folder *f;
	struct site_entry *e = NULL;
	const char *base = strrchr(path, '/');
	size_t n;

	base = base != NULL ? base + 1 : path;
	folder_of(path, dir, sizeof(dir));
	pthread_mutex_lock(&s->lock);
	f = slot_of(s, dir);
	if (f->key == NULL) {
		abs = realpath(dir, NULL);
		e = abs != NULL ? site_above(s, abs) : NULL;
		/* an absolute folder is remembered by site_above() already */
		f = slot_of(s, dir);
		if (f->key != NULL) {
			free(abs);
		} else {
			key = strdup(dir);
			f = key != NULL ? remember(s, key, abs, e) : NULL;
			if (key == NULL) {
				free(abs);
			}
		}
	}
	/* read under the lock: another engine may grow the slots; the
	   strings and sites themselves never move */
	abs = f != NULL ? f->abs : NULL;
	e = f != NULL ? f->site : NULL;
	if (e != NULL && abs != NULL && f->rules == NULL) {
		f->rules = rules_for(s, e, abs);
	}
	*rules = e != NULL && abs != NULL ? f->rules : NULL;
	pthread_mutex_unlock(&s->lock);
	if (e == NULL || abs == NULL || *rules == NULL) {
		return NULL;
	}
	/* the path relative to the site's root */
	n = strlen(e->site->root);
	if (strncmp(abs, e->site->root, n) != 0) {
		return NULL;
	}
	abs += n;
	while (*abs == '/') {
		abs++;
	}
	ogc_str_join(rel, rel_size, (const char *const[]){abs,
		*abs != '\0' ? "/" : "", base}, 3);
	return e->site;
}

/* Loads the rules `r` with `preset`; NULL with s->err set on failure. */
static struct ogc_ruleset *
load_one(struct ogc_sites *s, const struct ogc_site_rules *r,
	const char *preset)
{
	struct ogc_ruleset *rules = ogc_ruleset_create(&s->err);
	char *found = NULL;

	if (rules != NULL && !ogc_ruleset_load_spec(rules,
		s->options->rule_spec, preset, ogc_sites_rules_dir(r), &found,
		&s->err)) {
		/* the message names a file that goes with the ruleset */
		if (s->err.file != NULL) {
			snprintf(s->err_file, sizeof(s->err_file), "%s",
				s->err.file);
			s->err.file = s->err_file;
		}
		ogc_ruleset_destroy(rules);
		rules = NULL;
	}
	free(found);
	return rules;
}

/* Loads the rules `r`, once; NULL with s->err set on failure. */
static struct ogc_ruleset *
load(struct ogc_sites *s, const struct ogc_site_rules *r, bool html)
{
	const struct ogc_rule_spec *spec = s->options->rule_spec;
	const char *preset = spec->preset != NULL ? spec->preset :
		ogc_site_preset(r->site);
	struct ogc_ruleset *rules;

	if (html) {
		preset = NULL; /* presets read front matter, never built pages */
	}
	rules = load_one(s, r, preset);
	/* generator: none: the site's rules, without its preset */
	if (rules != NULL && preset != NULL && !ogc_ruleset_site_model(rules)) {
		ogc_ruleset_destroy(rules);
		rules = load_one(s, r, NULL);
	}
	if (rules == NULL) {
		s->failed = true;
	}
	return rules;
}

const struct ogc_ruleset *
ogc_sites_rules(struct ogc_sites *s, struct ogc_site_rules *r, bool html)
{
	struct ogc_ruleset **slot;

	if (r == NULL || s->options->rule_spec == NULL) {
		return s->rules;
	}
	pthread_mutex_lock(&s->lock);
	slot = html ? &r->html_rules : &r->rules;
	if (*slot == NULL && !s->failed) {
		*slot = load(s, r, html);
	}
	pthread_mutex_unlock(&s->lock);
	return *slot;
}

const char *
ogc_sites_rules_dir(const struct ogc_site_rules *r)
{
	return r->dir != NULL ? r->dir : r->site->root;
}

const char *
ogc_sites_rules_rel(const struct ogc_site_rules *r, const char *rel)
{
	return r != NULL && r->depth > 0 && strlen(rel) > r->depth ?
		rel + r->depth + 1 : rel;
}

bool
ogc_sites_failed(struct ogc_sites *s, struct ogc_error *err)
{
	bool failed;

	pthread_mutex_lock(&s->lock);
	failed = s->failed;
	if (failed && err != NULL) {
		*err = s->err;
	}
	pthread_mutex_unlock(&s->lock);
	return failed;
}

bool
ogc_sites_is_built(struct ogc_sites *s, const char *dir)
{
	const struct ogc_site *site;
	struct ogc_site_rules *rules;
	const char *why;
	char probe[PATH_MAX];
	char rel[PATH_MAX];

	snprintf(probe, sizeof(probe), "%s/.", dir);
	site = ogc_sites_find(s, probe, rel, sizeof(rel), &rules);
	return site != NULL &&
		ogc_site_classify(site, rel, true, &why) == OGC_PAGE_BUILT;
}
