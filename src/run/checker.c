/* checker.c: the public checker: owns the run from paths to the network
 * stage, over the per-file engine and the pool. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cross/cross.h"
#include "net/net.h"
#include "report/report.h"
#include "run/run.h"
#include "util/util.h"

struct ogc_checker {
	const struct ogc_ruleset *rules;
	const struct ogc_options *options;
	struct ogc_engine *engine; /* checks on this thread; holds the URL
	                              uses of the whole run */
	struct ogc_report *report; /* the report of the current walk */
	struct ogc_sites *sites;   /* the site model; NULL when off */
	size_t seen;               /* content files the walks met */
	struct ogc_index_state *index; /* --index and --merge; or NULL */
	bool merged;               /* the pages came from index parts */
};

/* A --base-url that is not an absolute http(s) URL is a usage error. */
static bool
base_url_valid(const struct ogc_options *options, struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	char why[128];
	char *base = NULL;

	if (options->base_url == NULL) {
		return true;
	}
	if (ogc_url_is_relative(options->base_url)) {
		snprintf(why, sizeof(why), "it has no scheme");
	} else {
		base = ogc_url_normalize(options->base_url, NULL, why,
			sizeof(why));
	}
	if (base == NULL && ogc_net_curl_failed(err)) {
		return false;
	}
	if (base == NULL) {
		ogc_error_set(err, OGC_ERR_USAGE, NULL, none, "--base-url \"%s\" "
			"is not an absolute http(s) URL: %s", options->base_url,
			why);
		return false;
	}
	free(base);
	return true;
}

struct ogc_checker *
ogc_checker_create(const struct ogc_ruleset *rules,
	const struct ogc_options *options, struct ogc_error *err)
{
	struct ogc_checker *c;

	if (!base_url_valid(options, err)) {
		return NULL;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		ogc_error_nomem(err);
		return NULL;
	}
	c->engine = ogc_engine_create(rules, options, err);
	if (c->engine == NULL) {
		free(c);
		return NULL;
	}
	if (options->site_model) {
		c->sites = ogc_sites_create(rules, options);
		if (c->sites == NULL) {
			ogc_checker_destroy(c);
			ogc_error_nomem(err);
			return NULL;
		}
		ogc_engine_set_sites(c->engine, c->sites);
	}
	if (options->index_file != NULL) {
		c->index = ogc_index_state_create(options);
		if (c->index == NULL) {
			ogc_checker_destroy(c);
			ogc_error_nomem(err);
			return NULL;
		}
		ogc_engine_set_index_state(c->engine, c->index);
	}
	c->rules = rules;
	c->options = options;
	return c;
}

void
ogc_checker_destroy(struct ogc_checker *checker)
{
	if (checker == NULL) {
		return;
	}
	ogc_engine_destroy(checker->engine);
	ogc_sites_destroy(checker->sites);
	ogc_index_state_destroy(checker->index);
	free(checker);
}

/*
 * A run-level error for an engine that stopped: a site's rule file that
 * could not be loaded, or out of memory.
 */
static bool
engine_result(struct ogc_checker *c, bool ok,
	const struct ogc_report *report, struct ogc_error *err)
{
	if (c->sites != NULL && ogc_sites_failed(c->sites, err)) {
		return false;
	}
	if (!ok || ogc_report_failed(report)) {
		return ogc_error_nomem(err);
	}
	return true;
}

bool
ogc_checker_check_fd(struct ogc_checker *checker, const char *name, int fd,
	struct ogc_report *report, struct ogc_error *err)
{
	return engine_result(checker, ogc_engine_check_fd(checker->engine,
		name, fd, report), report, err);
}

bool
ogc_checker_check_fd_at(struct ogc_checker *checker, const char *path,
	int fd, struct ogc_report *report, struct ogc_error *err)
{
	return engine_result(checker, ogc_engine_check_fd_at(checker->engine,
		path, fd, report), report, err);
}

bool
ogc_checker_check_buffer(struct ogc_checker *checker, const char *name,
	const char *data, size_t len, struct ogc_report *report,
	struct ogc_error *err)
{
	return engine_result(checker,
		ogc_engine_check_buffer(checker->engine, name, data, len, report),
		report, err);
}

bool
ogc_shard_takes(const struct ogc_options *options, const char *path)
{
	if (options->shards <= 1) {
		return true;
	}
	while (strncmp(path, "./", 2) == 0) {
		path += 2;
	}
	/* the same split on every machine and every run */
	return ogc_hash64(OGC_HASH64_START, path, strlen(path)) %
		options->shards == options->shard - 1;
}

static bool
walk_file(void *arg, const char *path, bool named)
{
	struct ogc_checker *c = arg;

	if (!ogc_shard_takes(c->options, path)) {
		return true;
	}
	return ogc_engine_check_file(c->engine, path, named, c->report);
}

/* A site's build is walked even when .gitignore ignores it. */
static bool
walk_keep(void *arg, const char *dir)
{
	struct ogc_checker *c = arg;

	return c->sites != NULL && ogc_sites_is_built(c->sites, dir);
}

static bool
walk_unreadable(void *arg, const char *path, int errnum)
{
	struct ogc_checker *c = arg;

	return ogc_engine_folder_unreadable(c->engine, path, errnum, c->report);
}

bool
ogc_checker_check_path(struct ogc_checker *checker, const char *path,
	struct ogc_report *report, struct ogc_error *err)
{
	unsigned threads = ogc_pool_threads(checker->options->threads);
	struct stat st;

	bool ok;

	if (threads > 1 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		ok = ogc_pool_check(checker->engine, checker->rules,
			checker->options, threads, path, report, &checker->seen,
			false, err);
	} else {
		checker->report = report;
		ogc_engine_set_walk(checker->engine, path);
		ok = ogc_walk(path, walk_file, walk_unreadable, walk_keep, checker,
			!checker->options->no_ignore, &checker->seen, err);
		ogc_engine_set_walk(checker->engine, NULL);
	}
	if (!ok && err->status != OGC_OK && err->status != OGC_ERR_NOMEM) {
		return false; /* the path does not exist */
	}
	return engine_result(checker, ok, report, err);
}

size_t
ogc_checker_seen(const struct ogc_checker *checker)
{
	return checker->seen;
}

static bool
context_file(void *arg, const char *path, bool named)
{
	struct ogc_checker *c = arg;

	(void)named;
	return ogc_engine_index_context(c->engine, path);
}

static bool
context_unreadable(void *arg, const char *path, int errnum)
{
	(void)arg;
	(void)path;
	(void)errnum;
	return true; /* the run itself reports what it cannot read */
}

/*
 * The cross-page rules compare the pages the run checks with the whole
 * of their sites: a site the run checked only in part (named files,
 * --changed-since, a subfolder, a shard) has its other pages read for
 * the index, judged by nothing.
 */
static bool
read_context(struct ogc_checker *c, struct ogc_error *err)
{
	const struct ogc_xp_index *index = ogc_engine_index(c->engine);
	unsigned threads = ogc_pool_threads(c->options->threads);
	struct ogc_report *scratch = NULL;
	char **roots = NULL;
	const char *root;
	size_t count = 0;
	size_t seen = 0;
	size_t i;
	bool ok = true;

	for (i = 0; index != NULL &&
		ogc_xp_index_partial_site(index, i, &root) != NULL; i++) {
		count++;
	}
	roots = calloc(count + 1, sizeof(*roots));
	for (i = 0; roots != NULL && i < count; i++) {
		ogc_xp_index_partial_site(index, i, &root);
		roots[i] = strdup(root);
		ok = ok && roots[i] != NULL;
	}
	ok = ok && roots != NULL;
	if (ok && count > 0 && threads > 1) {
		scratch = ogc_report_create(); /* the workers' reports: empty */
	}
	for (i = 0; ok && i < count; i++) {
		if (threads > 1) {
			ok = scratch != NULL && ogc_pool_check(c->engine, c->rules,
				c->options, threads, roots[i], scratch, &seen, true,
				err);
		} else {
			ok = ogc_walk(roots[i], context_file, context_unreadable,
				walk_keep, c, !c->options->no_ignore, &seen, err);
		}
	}
	ogc_report_destroy(scratch);
	for (i = 0; roots != NULL && i < count; i++) {
		free(roots[i]);
	}
	free(roots);
	if (!ok && err->status == OGC_OK) {
		return ogc_error_nomem(err);
	}
	return ok;
}

/*
 * A failure of the index file's work: err as it is, but for memory that
 * ran out where a site's rule file did not load (which says so).
 */
static bool
failed(struct ogc_checker *c, struct ogc_error *err)
{
	if ((err->status == OGC_OK || err->status == OGC_ERR_NOMEM) &&
		c->sites != NULL && ogc_sites_failed(c->sites, err)) {
		return false;
	}
	return err->status != OGC_OK ? false : ogc_error_nomem(err);
}

/*
 * The cross-page stage. With --index FILE: a run over part of a site
 * takes the rest of it from FILE where FILE still has it, and every run
 * writes FILE anew; a shard's run writes only its own pages (its part),
 * reads no other page and leaves the rules over pages together to
 * --merge.
 */
static bool
cross_pages(struct ogc_checker *c, struct ogc_error *err)
{
	const struct ogc_xp_index *index = ogc_engine_index(c->engine);
	const char *file = c->options->index_file;
	const char *root;
	char why[600];
	bool part = file != NULL && c->options->shard > 0 && !c->merged;

	if (file != NULL && !part && !c->merged && index != NULL &&
		ogc_xp_index_partial_site(index, 0, &root) != NULL &&
		!ogc_index_state_load(c->index, file)) {
		return ogc_error_nomem(err);
	}
	if (!part && !read_context(c, err)) {
		return false;
	}
	/* a run that met no page (--changed-since found none) leaves FILE
	   as it is; a shard's part is written even so */
	index = ogc_engine_index(c->engine);
	if (file != NULL && (part || (index != NULL &&
		ogc_xp_index_count(index) > 0)) && !ogc_index_write(c->engine,
		index, file, err)) {
		if (part || err->status == OGC_ERR_NOMEM ||
			err->status == OGC_OK) {
			return failed(c, err); /* the merge would miss the part */
		}
		/* FILE only spares the next run reading pages: this run's
		   findings stand, and it says what it could not do */
		snprintf(why, sizeof(why), "--index %s: %s; the next run reads "
			"the pages again", file, err->msg);
		ogc_index_state_warn(c->index, why);
		memset(err, 0, sizeof(*err));
	}
	if (c->index != NULL) {
		ogc_index_state_release(c->index); /* not needed any more */
	}
	if (part) {
		ogc_xp_index_destroy(ogc_engine_take_index(c->engine));
		return true;
	}
	return ogc_cross_stage(ogc_engine_take_index(c->engine), c->report,
		c->options, c->rules, c->engine, err);
}

bool
ogc_checker_merge(struct ogc_checker *checker, const char *const *parts,
	size_t count, struct ogc_error *err)
{
	if (checker->index == NULL) {
		checker->index = ogc_index_state_create(checker->options);
		if (checker->index == NULL) {
			return ogc_error_nomem(err);
		}
		ogc_engine_set_index_state(checker->engine, checker->index);
	}
	checker->merged = true;
	if (!ogc_index_merge(checker->engine, parts, count, err)) {
		return failed(checker, err);
	}
	return true;
}

const char *
ogc_checker_warning(const struct ogc_checker *checker)
{
	return ogc_index_state_warning(checker->index);
}

bool
ogc_checker_finish(struct ogc_checker *checker, struct ogc_report *report,
	struct ogc_error *err)
{
	if (ogc_report_failed(report)) {
		return ogc_error_nomem(err);
	}
	checker->report = report;
	if (!cross_pages(checker, err)) {
		return false;
	}
	if (!ogc_net_stage(ogc_engine_take_queue(checker->engine), report,
		checker->options, checker->rules, checker->engine, err)) {
		return false;
	}
	/* a URL that libcurl was to parse found libcurl missing */
	if (ogc_net_curl_failed(err)) {
		return false;
	}
	ogc_report_sort(report);
	return true;
}

void
ogc_options_init(struct ogc_options *options)
{
	memset(options, 0, sizeof(*options));
	options->jobs = 32;
	options->jobs_per_host = 8;
	options->streams_per_connection = 100;
	options->timeout_ms = 10000;
	options->max_redirects = 5;
	options->retries = 2;
	options->cache_max_age = 86400;
}
