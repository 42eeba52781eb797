/* engine_parts.h: what engine.c and engine_site.c share. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_RUN_ENGINE_PARTS_H
#define OGC_RUN_ENGINE_PARTS_H

#include <pthread.h>

#include "checks/check.h"
#include "read/read.h"
#include "run/run.h"

/*
 * Private to the engine: engine.c reads and checks a file; engine_site.c
 * finds what the file is to its site (a page, a built page, none) and
 * pairs a source page with its built page.
 */

#define READ_CHUNK 65536
/*
 * The first read of a file with front matter: most front matter ends
 * within it, and the body, which is not checked, is then not read (a
 * Markdown post is often a few pages of the page cache past it).
 */
#define FIRST_READ 4096

struct ogc_engine {
	const struct ogc_ruleset *rules;
	const struct ogc_options *options;
	/* file-level rules, looked up once (NULL when a rule file dropped
	   them) */
	const struct ogc_rule *unreadable;
	const struct ogc_rule *missing;
	const struct ogc_rule *invalid;
	const struct ogc_rule *unused;     /* suppression-unused */
	const struct ogc_rule *relative;   /* url-relative */
	const struct ogc_rule *not_utf8;   /* html-not-utf8 */
	const struct ogc_rule *misplaced;  /* meta-outside-head */
	const struct ogc_rule *too_many;   /* limit-diagnostics */
	const struct ogc_rule *unread;     /* front-matter-unread */
	struct ogc_report *report; /* the report of the current call */
	char *chunk;               /* READ_CHUNK bytes, reused for every file */
	/* the front matter scanner whose buffer is kept from file to file,
	   NULL while a file has it (front_take()); not in the engine itself,
	   which a paired page's check copies and puts back */
	struct ogc_front *front_spare;
	struct ogc_suppressions suppress; /* of the file being checked */
	pthread_mutex_t *lock;     /* serialises file_done in a pool */
	struct ogc_facts_rules facts; /* of the last rule table used */
	struct ogc_ctx_memo memo;  /* the documents' lookups */
	struct ogc_order *order;   /* keeps a pool's findings in walk order */
	size_t seq;                /* the current file's number in it */
	struct ogc_net_queue *queue; /* URL uses of the files checked */
	struct ogc_xp_index *xp;   /* the pages checked, for the cross-page
	                              stage (page_index.c) */
	bool context;              /* reading a page only for the cross-page
	                              index (ogc_engine_index_context()) */
	const char *xp_base_raw;   /* the base URL last met, as given */
	char *xp_base;             /* ... normalised; NULL: none */
	/* the site model (options->site_model): the sites of the run, the
	   file's site and rules for its front matter and for built HTML */
	struct ogc_sites *sites;   /* borrowed; NULL: no site model */
	const struct ogc_site *site;
	const struct ogc_ruleset *base_rules; /* outside any site */
	const struct ogc_ruleset *front_rules;
	const struct ogc_ruleset *html_rules;
	bool built;                /* the file is a page of a built site */
	long long file_time;       /* a built page's modification time (when
	                              it was built), 0: unknown */
	char rel[4096];            /* the file's path from the site's root */
	struct ogc_site_rules *site_rules; /* its folder's (run/sites.c) */
	struct ogc_page_data page_data; /* fields from files beside it */
	/* what site_page() last read of a folder of a site: */
	const struct ogc_site *folder_site;
	char folder_dir[4096];     /* the folder (from the site's root) */
	const char *folder_why;    /* why its pages are none, or NULL */
	bool folder_leaf;          /* Hugo: a leaf bundle */
	struct ogc_page_data folder_data; /* Eleventy: its data files' */
	char skip_why[300];        /* why the file is skipped, when excluded */
	/* a source page and its built page, both walked, report a problem
	   once (ogc_engine_pair()): */
	char walk_root[4096];      /* the folder walked (absolute), or "" */
	char page_url[1024];       /* a source page's default URL, or "" */
	bool scratch;              /* checking the other page of a pair */
	/* options->page_meta: the record of the file being checked
	   (page_meta.c), given to the report when the file has findings */
	struct ogc_page_meta *meta;
	bool keep_meta;            /* ogc_engine_read_meta() takes it */
	bool once;                 /* the file being checked cannot be read
	                              again (standard input, a buffer) */
	/* ogc_engine_read_places(): where the fields of the page named are
	   (xp_placed once they are) */
	struct ogc_xp_places *xp_places;
	const char *xp_places_name;
	bool xp_placed;
	/* --index and --merge (index_store.c): the file of pages kept
	   between runs, shared by the pool's engines; NULL: none */
	struct ogc_index_state *index_state;
};

/* The file is read as an HTML page: --input html, or its name says so. */
bool
ogc_engine_is_html(const struct ogc_engine *c, const char *name);

/*
 * Standard input and content in memory belong to no site: the rules the
 * engine was made with, nothing supplied.
 */
void
ogc_engine_no_site(struct ogc_engine *c);

/*
 * Finds the file's site and what the file is to it, and picks the rules.
 * Returns false when the file is not a page (*skip says why) or when the
 * site's rules could not be loaded (*skip NULL).
 */
bool
ogc_engine_find_site(struct ogc_engine *c, const char *path,
	const char **skip);

/* The walk started at or above the file's site's root. */
bool
ogc_engine_walk_covers_site(const struct ogc_engine *c);

/*
 * After a walked file's checks (its findings from `first` on): when its
 * site's source page and built page are both in the walk, and the
 * generator's default URL pairs them, a finding about a value that the
 * other page has too (the same rule and value) is reported once, at the
 * source: the built page's is dropped, and the source's names the built
 * page. Reads the other page to know.
 */
void
ogc_engine_pair(struct ogc_engine *c, const char *path, size_t first);

/* engine.c */

/* A finding of one of the file-level rules, which may be turned off. */
void
ogc_engine_emit_file(struct ogc_engine *c, const char *file,
	const struct ogc_rule *rule, struct ogc_pos pos, const char *fmt, ...)
	OGC_PRINTF(5, 6);

/* suppress.c */

/*
 * Reads the file's own suppressions, before any finding is made:
 *   ogcheck: {disable: [title-length, og-type]}          front matter
 *   <meta name="ogcheck" content="disable title-length">  HTML
 * A value in another shape is reported as suppression-unused.
 */
void
ogc_engine_read_suppressions(struct ogc_engine *c, const char *name,
	const struct ogc_node *root);

/*
 * The comment form, for front matter that keeps tool settings out of its
 * data: a line "# ogcheck: disable title-length, og-type". libyaml drops
 * comments, so the text is scanned for them. A "#" inside a block scalar
 * is text, not a comment, but a front matter line that reads exactly so
 * is rare enough.
 */
void
ogc_engine_read_comment_suppressions(struct ogc_engine *c,
	const struct ogc_front *f);

/* Reports each suppression that suppressed nothing in the file. */
void
ogc_engine_finish_suppressions(struct ogc_engine *c, const char *name);

/* page_meta.c */

/*
 * The scalar a value stands for: itself; of a list, the first item (or
 * with `last` the last); of a map, its `url`. NULL when there is none.
 */
const struct ogc_node *
ogc_engine_scalar_of(const struct ogc_node *n, bool last);

/* Makes the record of the document ctx runs over (c->meta). */
void
ogc_engine_capture(struct ogc_engine *c, const struct ogc_ctx *ctx);

/*
 * After the findings of file `name` from `first` on are finished, with
 * options->page_meta: the record goes to the report when some of them
 * are shown; else the record is freed and the name goes to the report's
 * list of pages without findings.
 */
void
ogc_engine_keep_meta(struct ogc_engine *c, const char *name, size_t first);

/* page_index.c */

/*
 * Puts the page `name` in the engine's index (c->xp) for the cross-page
 * stage: its fields as ctx reads them (NULL for a redirect stub, `stub`).
 * False when memory ran out.
 */
bool
ogc_engine_index_page(struct ogc_engine *c, const char *name,
	const struct ogc_ctx *ctx, bool stub);

/*
 * The id of the page whose site ogc_engine_find_site() found (c->site
 * not NULL): its site's root and its path there.
 */
uint64_t
ogc_engine_page_id(const struct ogc_engine *c);

/* index_store.c */

/*
 * Puts the page at `path` in the index as context from the index file
 * (--index) when the file has it, under the same rules and site, and its
 * file's size and modification time are still those it had: *done then.
 * False when memory ran out or its site's rules did not load.
 */
bool
ogc_engine_index_kept(struct ogc_engine *c, const char *path, bool *done);

/*
 * The options of a page read again for its own sake (a record, where its
 * fields are, the rest of a site): offline, and nothing told of it: no
 * stream, no baseline, no progress, no record kept.
 */
static inline void
ogc_engine_quiet_options(const struct ogc_options *in, struct ogc_options *out)
{
	*out = *in;
	out->offline = true;
	out->file_done = NULL;
	out->baseline = NULL;
	out->progress = NULL;
	out->page_meta = false;
}

#endif
