/* index_store.c: the cross-page index kept in a file between runs
 * (--index FILE) and the shards' parts merged (--merge). */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cross/cross.h"
#include "run/engine_parts.h"
#include "store/store.h"

/*
 * What a page's entry was read under besides the run's options: its
 * site as the site model sees it, the .ogcheck.yaml in force, and
 * whether it was read as HTML (the rules differ). Known once for each.
 */
struct stamp {
	const struct ogc_site *site;
	const struct ogc_site_rules *rules;
	bool html;
	uint64_t stamp;
};

/*
 * An entry of the file by its page's id; `used` once the run took the
 * page from it (its file then stat()ed: the writer need not again). Each
 * is set by the one engine that met its page.
 */
struct by_id {
	uint64_t id;
	uint32_t entry; /* its number in the file */
	bool used;
};

struct ogc_index_state {
	uint64_t fingerprint; /* the run's options and rules */
	struct ogc_index_file file; /* the file read, or none */
	struct by_id *ids;          /* its entries by id, sorted */
	size_t id_count;
	pthread_mutex_t lock;       /* the stamps, for the pool's engines */
	struct stamp *stamps;
	size_t stamp_count;
	size_t stamp_cap;
	char warning[600];          /* why the file was not used, or "" */
};

/* The content of the file at `path` into the hash h (nothing: none). */
static uint64_t
hash_file(uint64_t h, const char *path)
{
	bool abs = path != NULL && path[0] == '/';
	size_t len = 0;
	/* ogc_read_small_file() joins dir and name: "" + "/" + "a/b" */
	char *text = path != NULL ? ogc_read_small_file(abs ? "" : ".",
		abs ? path + 1 : path, 1024 * 1024, &len) : NULL;

	h = ogc_hash64(h, "\n", 1);
	if (text != NULL) {
		h = ogc_hash64(h, text, len);
	}
	free(text);
	return h;
}

static uint64_t
hash_str(uint64_t h, const char *s)
{
	h = ogc_hash64(h, "\n", 1);
	return s != NULL ? ogc_hash64(h, s, strlen(s)) : ogc_hash64(h, "\1", 1);
}

/*
 * The run's options that what the index holds of a page depends on, and
 * the rules of pages outside any site: this ogcheck (the hashes are its
 * code's), --base-url, --input, the site model, the preset, profiles and
 * rule files (their text), --exclude, and the .ogcheck.yaml found from
 * the current folder.
 */
static uint64_t
fingerprint(const struct ogc_options *o)
{
	const struct ogc_rule_spec *spec = o->rule_spec;
	uint64_t h = hash_str(OGC_HASH64_START, "ogcheck index");
	struct stat st;
	long long now;
	char flags[3];
	char *found;
	size_t i;

	h = hash_str(h, ogc_version());
	h = hash_str(h, ogc_version_commit());
	h = hash_str(h, o->base_url);
	flags[0] = (char)('0' + o->input);
	flags[1] = o->site_model ? 's' : '-';
	flags[2] = spec != NULL ? 'r' : '-';
	h = ogc_hash64(h, flags, sizeof(flags));
	for (i = 0; spec != NULL && i < spec->profile_count; i++) {
		h = hash_str(h, spec->profiles[i]);
	}
	h = hash_str(h, spec != NULL ? spec->preset : NULL);
	for (i = 0; spec != NULL && i < spec->rule_file_count; i++) {
		h = hash_str(h, spec->rule_files[i]);
		h = hash_file(h, spec->rule_files[i]);
		/* a pipe (--rules <(generate)) was read by the rules' loader and
		   cannot be again: no FILE is ever of such rules */
		if (stat(spec->rule_files[i], &st) != 0 || !S_ISREG(st.st_mode)) {
			now = (long long)time(NULL) ^ (long long)getpid() << 32;
			h = ogc_hash64(h, &now, sizeof(now));
		}
	}
	for (i = 0; i < o->exclude_count; i++) {
		h = hash_str(h, o->excludes[i]);
	}
	found = ogc_rules_discover(".");
	h = hash_file(h, found);
	free(found);
	return h;
}

struct ogc_index_state *
ogc_index_state_create(const struct ogc_options *options)
{
	struct ogc_index_state *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		return NULL;
	}
	s->fingerprint = fingerprint(options);
	pthread_mutex_init(&s->lock, NULL);
	return s;
}

void
ogc_index_state_destroy(struct ogc_index_state *s)
{
	if (s == NULL) {
		return;
	}
	ogc_index_file_finish(&s->file);
	free(s->ids);
	free(s->stamps);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

void
ogc_index_state_release(struct ogc_index_state *s)
{
	ogc_index_file_finish(&s->file);
	free(s->ids);
	s->ids = NULL;
	s->id_count = 0;
}

void
ogc_index_state_warn(struct ogc_index_state *s, const char *text)
{
	snprintf(s->warning, sizeof(s->warning), "%s", text);
}

const char *
ogc_index_state_warning(const struct ogc_index_state *s)
{
	return s != NULL && s->warning[0] != '\0' ? s->warning : NULL;
}

static int
compare_ids(const void *a, const void *b)
{
	const struct by_id *x = a;
	const struct by_id *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The entry of the page `id`, or NULL. */
static struct by_id *
find_id(const struct ogc_index_state *s, uint64_t id)
{
	struct by_id key = {id, 0, false};

	return s->id_count > 0 ? bsearch(&key, s->ids, s->id_count,
		sizeof(*s->ids), compare_ids) : NULL;
}

bool
ogc_index_state_load(struct ogc_index_state *s, const char *path)
{
	struct ogc_index_entry e;
	struct stat st;
	char why[256];
	size_t i;

	if (stat(path, &st) != 0 && errno == ENOENT) {
		return true; /* not made yet: this run makes it */
	}
	if (!ogc_index_file_read(path, &s->file, why, sizeof(why))) {
		snprintf(s->warning, sizeof(s->warning), "--index %s: %s; the "
			"pages were read instead", path, why);
		return true;
	}
	if (s->file.fingerprint != s->fingerprint) {
		snprintf(s->warning, sizeof(s->warning), "--index %s: made under "
			"other rules or options (or another ogcheck): not used; the "
			"pages were read instead", path);
		ogc_index_file_finish(&s->file);
		return true;
	}
	s->ids = malloc((s->file.count + 1) * sizeof(*s->ids));
	if (s->ids == NULL) {
		return false;
	}
	for (i = 0; i < s->file.count; i++) {
		ogc_index_file_entry(&s->file, i, &e);
		if (e.page.id != 0) {
			s->ids[s->id_count].id = e.page.id;
			s->ids[s->id_count].used = false;
			s->ids[s->id_count++].entry = (uint32_t)i;
		}
	}
	qsort(s->ids, s->id_count, sizeof(*s->ids), compare_ids);
	return true;
}

void
ogc_engine_set_index_state(struct ogc_engine *engine,
	struct ogc_index_state *state)
{
	engine->index_state = state;
}

struct ogc_index_state *
ogc_engine_index_state(const struct ogc_engine *engine)
{
	return engine->index_state;
}

/* The stamp of the page the engine found the site of (under s->lock). */
static uint64_t
make_stamp(const struct ogc_engine *c, bool html)
{
	uint64_t h = hash_str(OGC_HASH64_START, html ? "html" : "front");
	char *rules_file;
	char *text;

	if (c->site == NULL) {
		return h;
	}
	rules_file = ogc_rules_discover(ogc_sites_rules_dir(c->site_rules));
	text = ogc_site_describe(c->site, rules_file);
	h = hash_str(h, text != NULL ? text : "");
	h = hash_file(h, rules_file);
	h = hash_file(h, c->site->config);
	free(text);
	free(rules_file);
	return h;
}

/*
 * The page at `path` as this run sees it: *id (0 outside any site), the
 * stamp of its site and rules, and its rules. False when memory ran out
 * or its site's rules did not load.
 */
static bool
page_key(struct ogc_engine *c, const char *path, uint64_t *id,
	uint64_t *stamp, const struct ogc_ruleset **rules, bool *page)
{
	struct ogc_index_state *s = c->index_state;
	bool html = ogc_engine_is_html(c, path);
	const char *skip;
	size_t i;

	*page = ogc_engine_find_site(c, path, &skip);
	if (!*page && skip == NULL) {
		return false;
	}
	*rules = html ? c->html_rules : c->front_rules;
	*id = c->site != NULL ? ogc_engine_page_id(c) : 0;
	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->stamp_count; i++) {
		if (s->stamps[i].site == c->site && s->stamps[i].html == html &&
			s->stamps[i].rules == c->site_rules) {
			break;
		}
	}
	if (i == s->stamp_count) {
		if (!ogc_array_reserve(&s->stamps, &s->stamp_cap, i + 1,
			sizeof(*s->stamps), 4)) {
			pthread_mutex_unlock(&s->lock);
			return false;
		}
		s->stamps[i].site = c->site;
		s->stamps[i].rules = c->site_rules;
		s->stamps[i].html = html;
		s->stamps[i].stamp = make_stamp(c, html);
		s->stamp_count++;
	}
	*stamp = s->stamps[i].stamp;
	pthread_mutex_unlock(&s->lock);
	return true;
}

/* The file is as the entry saw it: the same size and modification time. */
static bool
unchanged(const struct ogc_index_entry *e, const struct stat *st)
{
	return S_ISREG(st->st_mode) && e->size == (uint64_t)st->st_size &&
		e->mtime_sec == (int64_t)st->st_mtim.tv_sec &&
		e->mtime_nsec == (uint32_t)st->st_mtim.tv_nsec;
}

bool
ogc_engine_index_kept(struct ogc_engine *c, const char *path, bool *done)
{
	struct ogc_index_state *s = c->index_state;
	const struct ogc_ruleset *rules;
	struct by_id *found;
	struct by_id key = {0, 0, false};
	struct ogc_index_entry e;
	struct ogc_xp_page p;
	struct stat st;
	uint64_t stamp;
	bool page;

	*done = false;
	if (s == NULL || s->id_count == 0) {
		return true;
	}
	if (!page_key(c, path, &key.id, &stamp, &rules, &page)) {
		return false;
	}
	if (!page || key.id == 0) {
		return true; /* the read that follows says what it is */
	}
	found = find_id(s, key.id);
	if (found == NULL) {
		return true;
	}
	/* a stat, no read: a page whose file or rules changed is read */
	ogc_index_file_entry(&s->file, found->entry, &e);
	if (e.stamp != stamp || stat(path, &st) != 0 || !unchanged(&e, &st)) {
		return true;
	}
	if (c->xp == NULL && (c->xp = ogc_xp_index_create()) == NULL) {
		return false;
	}
	p = e.page;
	p.flags |= OGC_XP_CONTEXT | OGC_XP_WHOLE; /* as a page read so */
	found->used = true;
	*done = true;
	return ogc_xp_index_add(c->xp, &p, path, e.target, e.group, e.section,
		rules, NULL);
}

static int
compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a;
	uint64_t y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Entry *e of page i of the index; false when its file is not there to
 * stat or the page was read from standard input (*e->name NULL), or when
 * memory ran out (*ok false).
 */
static bool
entry_of(struct ogc_engine *c, const struct ogc_xp_index *index, size_t i,
	struct ogc_index_entry *e, bool *ok)
{
	const struct ogc_ruleset *rules;
	struct ogc_xp_places places;
	const struct by_id *kept;
	struct stat st;
	char *name = ogc_xp_page_name(index, i);
	uint64_t id;
	bool page;

	memset(e, 0, sizeof(*e));
	*ok = name != NULL;
	ogc_xp_page(index, i, &e->page);
	kept = (e->page.flags & OGC_XP_CONTEXT) != 0 && e->page.id != 0 ?
		find_id(c->index_state, e->page.id) : NULL;
	if (name != NULL && kept != NULL && kept->used) {
		/* taken from the file read, after a stat: as it was */
		ogc_index_file_entry(&c->index_state->file, kept->entry, e);
		e->name = name;
		e->page.flags |= OGC_XP_CONTEXT | OGC_XP_WHOLE;
		return true;
	}
	/* a page read from standard input may not be what its file
	   holds: the next run reads it */
	if (name == NULL || (ogc_xp_page_places(index, i, &places) &&
		places.piped) || stat(name, &st) != 0 || !S_ISREG(st.st_mode)) {
		free(name);
		return false;
	}
	ogc_xp_page_keys(index, i, &e->group, &e->section);
	e->target = ogc_xp_page_target(index, i);
	*ok = page_key(c, name, &id, &e->stamp, &rules, &page);
	/* a page of a site checked whole has no id in the index: the next
	   run finds its entry by it */
	e->page.id = id != 0 ? id : e->page.id;
	e->size = (uint64_t)st.st_size;
	e->mtime_sec = (int64_t)st.st_mtim.tv_sec;
	e->mtime_nsec = (uint32_t)st.st_mtim.tv_nsec;
	e->name = name;
	return *ok;
}

/*
 * The ids of the pages of the index (sorted): in all[0..*n), and of those
 * the run checked in all[*n + 1..*n + 1 + *nc) (a page read as context
 * too is written once, as checked; only a run over part of a site has
 * such ids). NULL when memory ran out.
 */
static uint64_t *
index_ids(const struct ogc_xp_index *index, size_t count, size_t *n,
	size_t *nc)
{
	uint64_t *all = malloc((2 * count + 1) * sizeof(*all));
	uint64_t *checked = all + count + 1;
	struct ogc_xp_page p;
	size_t i;

	*n = 0;
	*nc = 0;
	for (i = 0; all != NULL && i < count; i++) {
		ogc_xp_page(index, i, &p);
		if (p.id != 0) {
			all[(*n)++] = p.id;
		}
		if ((p.flags & OGC_XP_CONTEXT) == 0 && p.id != 0) {
			checked[(*nc)++] = p.id;
		}
	}
	if (all != NULL) {
		memmove(all + *n + 1, checked, *nc * sizeof(*all));
		qsort(all, *n, sizeof(*all), compare_u64);
		qsort(all + *n + 1, *nc, sizeof(*all), compare_u64);
	}
	return all;
}

/*
 * The pages of the file read that the run did not meet and whose files
 * are as they were: another site's, which the run had no reason to walk.
 * A page whose file is gone or changed is left out (a run reads it).
 */
static void
carry_over(const struct ogc_index_state *s, const uint64_t *ids, size_t n,
	struct ogc_index_out *out)
{
	struct ogc_index_entry e;
	struct stat st;
	size_t i;

	for (i = 0; i < s->id_count; i++) {
		if (s->ids[i].used || bsearch(&s->ids[i].id, ids, n,
			sizeof(*ids), compare_u64) != NULL) {
			continue;
		}
		ogc_index_file_entry(&s->file, s->ids[i].entry, &e);
		if (stat(e.name, &st) == 0 && unchanged(&e, &st)) {
			ogc_index_out_add(out, &e);
		}
	}
}

bool
ogc_index_write(struct ogc_engine *c, const struct ogc_xp_index *index,
	const char *path, struct ogc_error *err)
{
	size_t count = index != NULL ? ogc_xp_index_count(index) : 0;
	struct ogc_index_out out;
	struct ogc_index_entry e;
	size_t n = 0;
	size_t checked = 0;
	uint64_t *ids = index_ids(index, count, &n, &checked);
	size_t i;
	bool ok = ids != NULL;

	if (!ok) {
		return ogc_error_nomem(err);
	}
	if (!ogc_index_out_init(&out, path, c->index_state->fingerprint,
		err)) {
		free(ids);
		return false;
	}
	for (i = 0; ok && i < count; i++) {
		if (entry_of(c, index, i, &e, &ok) && ((e.page.flags &
			OGC_XP_CONTEXT) == 0 || bsearch(&e.page.id, ids + n + 1,
			checked, sizeof(*ids), compare_u64) == NULL)) {
			ogc_index_out_add(&out, &e);
		}
		free((char *)e.name);
	}
	if (ok) {
		carry_over(c->index_state, ids, n, &out);
	}
	free(ids);
	if (!ok) {
		ogc_index_out_finish(&out);
		return ogc_error_nomem(err);
	}
	return ogc_index_out_write(&out, err);
}

/* A part's entry and its name, without a leading "./" (as shards take
 * it). */
struct part_page {
	struct ogc_index_entry e;
	const char *name;
};

static int
compare_part_pages(const void *a, const void *b)
{
	return strcmp(((const struct part_page *)a)->name,
		((const struct part_page *)b)->name);
}

/* Adds the pages of the parts, each once, as pages the run checked. */
static bool
add_parts(struct ogc_engine *c, const struct ogc_index_file *files,
	size_t count)
{
	const struct ogc_ruleset *rules;
	struct part_page *pages;
	struct ogc_xp_page p;
	size_t total = 0;
	size_t n = 0;
	size_t i;
	size_t k;
	uint64_t id;
	uint64_t stamp;
	bool page;
	bool ok = true;

	for (i = 0; i < count; i++) {
		total += files[i].count;
	}
	pages = malloc((total + 1) * sizeof(*pages));
	if (pages == NULL ||
		(c->xp == NULL && (c->xp = ogc_xp_index_create()) == NULL)) {
		free(pages);
		return false;
	}
	for (i = 0; i < count; i++) {
		for (k = 0; k < files[i].count; k++) {
			ogc_index_file_entry(&files[i], k, &pages[n].e);
			pages[n].name = pages[n].e.name;
			while (strncmp(pages[n].name, "./", 2) == 0) {
				pages[n].name += 2;
			}
			n++;
		}
	}
	qsort(pages, n, sizeof(*pages), compare_part_pages);
	for (i = 0; ok && i < n; i++) {
		if (i > 0 && strcmp(pages[i].name, pages[i - 1].name) == 0) {
			continue; /* in two parts: once */
		}
		/* its rules as the tree has them now (the shards' are the
		   same: the fingerprints agree) */
		ok = page_key(c, pages[i].name, &id, &stamp, &rules, &page);
		p = pages[i].e.page;
		p.flags &= (uint8_t)~OGC_XP_CONTEXT;
		ok = ok && ogc_xp_index_add(c->xp, &p, pages[i].name,
			pages[i].e.target, pages[i].e.group, pages[i].e.section,
			rules, NULL);
	}
	free(pages);
	return ok;
}

bool
ogc_index_merge(struct ogc_engine *c, const char *const *parts,
	size_t count, struct ogc_error *err)
{
	struct ogc_index_state *s = c->index_state;
	struct ogc_index_file *files = calloc(count + 1, sizeof(*files));
	struct ogc_pos none = {0, 0};
	char why[256];
	size_t i;
	bool ok = files != NULL;

	for (i = 0; ok && i < count; i++) {
		if (!ogc_index_file_read(parts[i], &files[i], why, sizeof(why))) {
			ogc_error_set(err, OGC_ERR_USAGE, parts[i], none, "not an "
				"index part ogcheck can merge: %s", why);
			ok = false;
		} else if (files[i].fingerprint != files[0].fingerprint) {
			ogc_error_set(err, OGC_ERR_USAGE, parts[i], none, "made under "
				"other rules or options than %s: the parts do not go "
				"together", parts[0]);
			ok = false;
		} else if (files[i].fingerprint != s->fingerprint) {
			ogc_error_set(err, OGC_ERR_USAGE, parts[i], none, "made under "
				"other rules or options (or another ogcheck) than this "
				"merge: give it the shards' options");
			ok = false;
		}
	}
	if (files == NULL) {
		return ogc_error_nomem(err);
	}
	if (ok && !add_parts(c, files, count)) {
		ok = ogc_error_nomem(err);
	}
	for (i = 0; i < count; i++) {
		ogc_index_file_finish(&files[i]);
	}
	free(files);
	return ok;
}
