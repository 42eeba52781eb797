/* run.h: the pipeline's owner: walk, per-file engine, pool, network stage. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_RUN_H
#define OGC_RUN_H

#include "checks/check.h"
#include "cross/cross.h"
#include "rules/rules.h"


/* ignore.c: .gitignore files, for walks */

/** The .gitignore patterns in force in a folder of a walk, and above. */
struct ogc_ignore;

/**
 * Reads dir/.gitignore, if there is one, into a new layer over `up`
 * (returned; `up` itself when there is none or memory ran out). Paths
 * under `prefix` (the walk's path of dir, or of the walk's start) are
 * matched relative to dir: `lead` is the path from dir to the walk's
 * start for a .gitignore above it, NULL for one inside the walk.
 */
struct ogc_ignore *
ogc_ignore_read(struct ogc_ignore *up, const char *dir, const char *prefix,
	const char *lead);

/** Frees the layers from ig up to (not including) `until`. */
void
ogc_ignore_pop(struct ogc_ignore *ig, const struct ogc_ignore *until);

/**
 * True when the .gitignore files ignore `path` (as the walk builds it; a
 * folder when `dir`): the last matching pattern of the innermost file
 * decides, "!" keeps a path again (gitignore(5)).
 */
bool
ogc_ignore_match(const struct ogc_ignore *ig, const char *path, bool dir);

/* walk.c */

/**
 * Called for each content file found; `named` is true for a path the user
 * gave. Returning false stops the walk (out of memory).
 */
typedef bool ogc_walk_fn(void *arg, const char *path, bool named);

/** Told of a folder that cannot be read; false stops the walk. */
typedef bool ogc_walk_error_fn(void *arg, const char *path, int errnum);

/** True for an ignored folder that is walked all the same (a build). */
typedef bool ogc_walk_keep_fn(void *arg, const char *dir);

/**
 * Calls fn for `path` if it is a file, or for every content file below it
 * if it is a folder (sorted by name; .git, node_modules, hidden folders
 * and what the .gitignore files of the repository ignore skipped, but for
 * the folders `keep` (may be NULL) keeps; folder symlinks followed, loops
 * cut; .gitignore files read only when `gitignore`). A folder that cannot
 * be read is passed to `unreadable`. Adds the number of content files met
 * (passed to fn) to *seen. Returns false with err set when `path` does
 * not exist or fn failed.
 */
bool
ogc_walk(const char *path, ogc_walk_fn *fn, ogc_walk_error_fn *unreadable,
	ogc_walk_keep_fn *keep, void *arg, bool gitignore, size_t *seen,
	struct ogc_error *err);

/** True for the file names a folder walk checks (*.md, *.html...). */
bool
ogc_walk_is_content(const char *name);

/** True for *.html and *.htm. */
bool
ogc_walk_is_html(const char *name);

/* sites.c: each file's site and the rules of each site */

/** The sites a run met, shared by the pool's engines (thread-safe). */
struct ogc_sites;

/**
 * Creates the cache of sites of a run: `rules` (borrowed) are for files
 * outside any site, and for every file when options has no rule_spec.
 */
struct ogc_sites *
ogc_sites_create(const struct ogc_ruleset *rules,
	const struct ogc_options *options);

/** Frees the sites, their models and rules; accepts NULL. */
void
ogc_sites_destroy(struct ogc_sites *sites);

/** The rules of a site's files below one folder (sites.c owns them). */
struct ogc_site_rules;

/**
 * The site of the file at `path` (as given), found once per folder from
 * the generator's config nearest above it, not above the repository's
 * root; NULL when there is none (or memory ran out). Writes the file's
 * path relative to the site's root to rel, and to *rules the rules of its
 * folder: those of the .ogcheck.yaml nearest above it, inside the site or
 * at or above its root (NULL with no site).
 */
const struct ogc_site *
ogc_sites_find(struct ogc_sites *sites, const char *path, char *rel,
	size_t rel_size, struct ogc_site_rules **rules);

/**
 * The rules that ogc_sites_find() gave (NULL: outside any site, the
 * rules the sites were made with): front matter with the site's preset,
 * or built pages (`html`) without one. Loaded when first asked for; NULL
 * when a rule file failed to load (ogc_sites_failed() says why) or memory
 * ran out.
 */
const struct ogc_ruleset *
ogc_sites_rules(struct ogc_sites *sites, struct ogc_site_rules *rules,
	bool html);

/** The folder the rules' .ogcheck.yaml is looked for from (absolute). */
const char *
ogc_sites_rules_dir(const struct ogc_site_rules *rules);

/**
 * `rel` (a path from the site's root) made relative to the folder of the
 * rules' .ogcheck.yaml, which its exclude: globs are matched against.
 */
const char *
ogc_sites_rules_rel(const struct ogc_site_rules *rules, const char *rel);

/** True when the folder `dir` is (in) the built output of its site. */
bool
ogc_sites_is_built(struct ogc_sites *sites, const char *dir);

/** True, with the error copied to err, when a site's rules failed. */
bool
ogc_sites_failed(struct ogc_sites *sites, struct ogc_error *err);

/* show.c */

/**
 * What the site model knows of `site`, in lines of text: generator and
 * config, preset, the rule file `rules_file` (NULL: none), which folders
 * hold pages and which not, and every supplied field with where it comes
 * from. A new string (the caller frees it), or NULL when out of memory.
 */
char *
ogc_site_describe(const struct ogc_site *site, const char *rules_file);

/* engine.c: the per-file engine, one per thread */

/** Reads files and runs the rules over them, one file at a time. */
struct ogc_engine;

/**
 * Creates an engine over `rules` and `options` (both borrowed, and read
 * only, so engines on several threads may share them). NULL with err set
 * when out of memory.
 */
struct ogc_engine *
ogc_engine_create(const struct ogc_ruleset *rules,
	const struct ogc_options *options, struct ogc_error *err);

/** Frees an engine and the URL uses it queued; accepts NULL. */
void
ogc_engine_destroy(struct ogc_engine *engine);

/**
 * Makes the engine take `lock` (a pthread_mutex_t, borrowed) around the
 * parts of finishing a file that engines share: the baseline's counts and
 * the file_done callback.
 */
void
ogc_engine_set_lock(struct ogc_engine *engine, void *lock);

struct ogc_order; /* order.c */

/**
 * Makes the engine hand the findings of the file it checks next, number
 * `seq` of `order`, to the order (order.c) rather than to file_done;
 * NULL: to file_done at once.
 */
void
ogc_engine_set_order(struct ogc_engine *engine, struct ogc_order *order,
	size_t seq);

/**
 * Tells the engine the folder a walk starts from (NULL: none, the files
 * are named): a source page and its built page both below it report a
 * problem they share once (ogc_engine_pair()).
 */
void
ogc_engine_set_walk(struct ogc_engine *engine, const char *root);

/**
 * Gives the engine the sites of the run (borrowed; NULL: no site model):
 * each file is then checked as its site makes it (ogc_sites_find()).
 */
void
ogc_engine_set_sites(struct ogc_engine *engine, struct ogc_sites *sites);

/**
 * Checks the file at `path`, adding its findings to `report` and its URL
 * uses to the engine's queue, and finishes the file (ogc_file_finish()).
 * A file that is no page of its site is skipped, or, when `named` (given
 * on the command line), reported once as not-a-page. False when memory
 * ran out or a site's rule files could not be loaded.
 */
bool
ogc_engine_check_file(struct ogc_engine *engine, const char *path,
	bool named, struct ogc_report *report);

/** The sites the engine was given, or NULL. */
struct ogc_sites *
ogc_engine_sites(const struct ogc_engine *engine);

/** ogc_engine_check_file() for an open file (standard input, say). */
bool
ogc_engine_check_fd(struct ogc_engine *engine, const char *name, int fd,
	struct ogc_report *report);

/**
 * ogc_engine_check_file() of a file named on the command line, read from
 * the open descriptor fd instead (not closed): what a staged copy of the
 * file at `path` holds is checked as that file would be.
 */
bool
ogc_engine_check_fd_at(struct ogc_engine *engine, const char *path, int fd,
	struct ogc_report *report);

/** ogc_engine_check_file() for content in memory. */
bool
ogc_engine_check_buffer(struct ogc_engine *engine, const char *name,
	const char *data, size_t len, struct ogc_report *report);

/**
 * Reports a folder that cannot be read (file-unreadable) and finishes it
 * like a file. False only when memory ran out.
 */
bool
ogc_engine_folder_unreadable(struct ogc_engine *engine, const char *path,
	int errnum, struct ogc_report *report);

/** Detaches the engine's queue of URL uses (NULL when none); the caller
 * owns it. */
struct ogc_net_queue *
ogc_engine_take_queue(struct ogc_engine *engine);

/** The engine's index of pages (NULL when none). */
const struct ogc_xp_index *
ogc_engine_index(const struct ogc_engine *engine);

/** Detaches the engine's index of pages (NULL when none); the caller
 * owns it. */
struct ogc_xp_index *
ogc_engine_take_index(struct ogc_engine *engine);

/**
 * Moves the pages of `from` (may be NULL) into the engine's index. False
 * when memory ran out.
 */
bool
ogc_engine_give_index(struct ogc_engine *engine, struct ogc_xp_index *from);

/**
 * Moves the URL uses of *from into the engine's queue. False when memory
 * ran out (*from then still holds them).
 */
bool
ogc_engine_give_queue(struct ogc_engine *engine, struct ogc_net_queue **from);

/**
 * Reads the file at `path` again, offline, for its record (page_meta.c)
 * and gives it to `report`: for a page whose only findings came from the
 * network stage. False when memory ran out.
 */
bool
ogc_engine_read_meta(struct ogc_engine *engine, const char *path,
	struct ogc_report *report);

/**
 * *meta gets the html record of the page `file` (as walked) in the
 * report, or NULL; with `read`, a page without one is read again for it
 * first (ogc_engine_read_meta()). False when memory ran out.
 */
bool
ogc_engine_page_meta(struct ogc_engine *engine, struct ogc_report *report,
	const char *file, bool read, struct ogc_page_meta **meta);

/**
 * Reads the page at `path` only to put it in the cross-page index, as a
 * page the run does not check (no finding, nothing streamed). False when
 * memory ran out.
 */
bool
ogc_engine_index_context(struct ogc_engine *engine, const char *path);

/**
 * The name field `field` of the cross-page index is looked up and told
 * by, by its spelling (0: the Open Graph tag's, then the front matter's
 * and the fields generators take it from): page_meta.c's names of the
 * field, so that the index and the page's record read it alike.
 */
const char *
ogc_engine_xp_name(enum ogc_xp_field field, unsigned spelling);

/**
 * Every spelling ogc_engine_xp_name() knows of a field, in its order
 * (at most 4; NULL after the last when fewer).
 */
const char *const *
ogc_engine_xp_names(enum ogc_xp_field field);


/**
 * *places gets where the fields of the page at `path` are, read again
 * (offline, nothing told) for its cross-page findings when the index has
 * them not (a page taken from an index file: --index, --merge); all 0
 * when it cannot be read. False when memory ran out.
 */
bool
ogc_engine_read_places(struct ogc_engine *engine, const char *path,
	struct ogc_xp_places *places);

/* crossstage.c */

/**
 * The cross-page stage: runs the rules over pages together on the index
 * (taking ownership of it; NULL: none) and finishes each file's findings
 * (file_done, in file name order); with options->page_meta, a page whose
 * first findings these are gets its record (read again). The findings
 * are put in words while the index is there and held in a temporary
 * file (a spool) until the index is freed, so that the report's share of
 * them takes the memory the index gave back. False with err set when
 * memory ran out or the temporary file could not be read.
 */
bool
ogc_cross_stage(struct ogc_xp_index *index, struct ogc_report *report,
	const struct ogc_options *options, const struct ogc_ruleset *rules,
	struct ogc_engine *engine, struct ogc_error *err);

/* finish.c: the one way a file's findings are finished */

/** What finishing a file needs; the members are borrowed. */
struct ogc_finisher {
	const struct ogc_options *options; /* baseline and file_done */
	const struct ogc_rule *too_many;   /* limit-diagnostics; NULL: off */
	void *lock; /* a pthread_mutex_t shared by a pool's engines, or NULL */
	struct ogc_order *order; /* a pool's, with file_done; or NULL */
	size_t seq;              /* the file's number in `order` */
};

/**
 * Finishes the findings [first, count) of `report`, which are one file's
 * (or folder's), from one producer: keeps the first OGC_MAX_DIAGS and
 * counts the rest in one limit-diagnostics finding ("N more <what>findings
 * ..."; `what` is "" or "network "), marked suppressed when `suppress`
 * (may be NULL) disables it; sorts them, hides those the baseline knows,
 * and hands them to the file_done callback (jsonl streams them). Files,
 * unreadable folders and the network stage all end here.
 */
void
ogc_file_finish(const struct ogc_finisher *finisher,
	struct ogc_report *report, const char *file, size_t first,
	struct ogc_suppressions *suppress, const char *what);

/* order.c: a pool's findings handed on in the walk's order */

/*
 * struct ogc_order keeps a pool's findings in the order of its walk on
 * their way to options->file_done, whichever thread finishes which file
 * first.
 */

/**
 * Creates an order for a pool whose engines share `lock` (a
 * pthread_mutex_t, borrowed). NULL when out of memory.
 */
struct ogc_order *
ogc_order_create(const struct ogc_options *options, void *lock);

/** Frees an order, with the findings still parked in it; accepts NULL. */
void
ogc_order_destroy(struct ogc_order *order);

/**
 * The number of the next file the walk hands out; waits, on the walk's
 * thread, while it is a window (512 files) ahead of the lowest file not
 * yet done. Takes the lock only to wait.
 */
size_t
ogc_order_next(struct ogc_order *order);

/**
 * Notes that file number `n`'s findings are [first, count) of `report`.
 * At ogc_order_done(n) they go on straight from there when the files
 * before it are done, else a copy of them is parked (with
 * options->forget_done they leave the report). From the thread checking
 * file `n`; the lock is not needed.
 */
void
ogc_order_hold(struct ogc_order *order, size_t n, struct ogc_report *report,
	size_t first);

/**
 * File number `n` is done (whether it held findings or not): hands on,
 * in order, every parked file that now may go. Takes the lock.
 */
void
ogc_order_done(struct ogc_order *order, size_t n);

/* pool.c: parallel folder checks */

/** The number of threads to use: `wanted`, or the CPUs when 0; capped. */
unsigned
ogc_pool_threads(unsigned wanted);

/**
 * Walks the folder `path` on the calling thread and checks its files on
 * `threads` workers, each with an engine of its own over `rules` and
 * `options`; `main` (the caller's engine) reports unreadable folders and
 * receives every worker's URL uses and pages. Findings end up in `report`
 * (unsorted). With `context` every file (shard or not) is only read for
 * the cross-page index (ogc_engine_index_context()), and nothing is
 * reported. Returns false with err set when the path does not exist or
 * memory ran out.
 */
bool
ogc_pool_check(struct ogc_engine *main, const struct ogc_ruleset *rules,
	const struct ogc_options *options, unsigned threads, const char *path,
	struct ogc_report *report, size_t *seen, bool context,
	struct ogc_error *err);

/* netstage.c: the network stage */

/**
 * Runs the network stage: fetches (or takes from the cache) every URL of
 * `queue`, judges each use and finishes each file's network findings
 * (ogc_file_finish(), in file order). `rules` give the limit-* rules.
 * With options->page_meta, the image facts go into the pages' records,
 * and `engine` reads again a page that had none (may be NULL).
 * Takes ownership of queue (may be NULL).
 */
bool
ogc_net_stage(struct ogc_net_queue *queue, struct ogc_report *report,
	const struct ogc_options *options, const struct ogc_ruleset *rules,
	struct ogc_engine *engine, struct ogc_error *err);

/* index_store.c: --index FILE and --merge */

/*
 * What a run keeps of the index file: the fingerprint of the options and
 * rules pages are read under (which a file must have to be used), the
 * file read, and what each site and rule file stamps its pages with.
 */
struct ogc_index_state;

/** A new state for a run under `options`, or NULL when out of memory. */
struct ogc_index_state *
ogc_index_state_create(const struct ogc_options *options);

/** Frees the state; accepts NULL. */
void
ogc_index_state_destroy(struct ogc_index_state *state);

/**
 * Reads the index file at `path` for the pages the run reads as context.
 * A file that is damaged, of another version or made under other options
 * is not used: ogc_index_state_warning() says why; one not made yet is
 * not used either, and says nothing. False only when memory ran out.
 */
bool
ogc_index_state_load(struct ogc_index_state *state, const char *path);

/**
 * Frees the index file read (the pages taken from it are the index's
 * now): after ogc_index_write(), before the rules over pages run.
 */
void
ogc_index_state_release(struct ogc_index_state *state);

/**
 * Why the index file was not used, or could not be written (one line,
 * naming it), or NULL.
 */
const char *
ogc_index_state_warning(const struct ogc_index_state *state);

/** Sets the line ogc_index_state_warning() gives (copied). */
void
ogc_index_state_warn(struct ogc_index_state *state, const char *text);

/** The engine reads context pages from `state` (borrowed; NULL: none). */
void
ogc_engine_set_index_state(struct ogc_engine *engine,
	struct ogc_index_state *state);

/** The engine's index state (NULL: none). */
struct ogc_index_state *
ogc_engine_index_state(const struct ogc_engine *engine);

/**
 * Writes every page of `index` whose file is there (not standard input)
 * to the index file at `path`, a page checked and read as context once,
 * with what the engine (which has an index state) finds of its site now.
 * False with err set when it cannot.
 */
bool
ogc_index_write(struct ogc_engine *engine, const struct ogc_xp_index *index,
	const char *path, struct ogc_error *err);

/**
 * Reads the index parts parts[0..count) into the engine's index, each
 * page once, as pages the run checked, with their rules as the engine
 * finds them. A part that cannot be read or was made under other options
 * than the others or this run is an OGC_ERR_USAGE error.
 */
bool
ogc_index_merge(struct ogc_engine *engine, const char *const *parts,
	size_t count, struct ogc_error *err);

/* git.c: see ogc_git_changed() in ogcheck.h */

#endif
