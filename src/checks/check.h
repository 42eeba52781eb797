/* check.h: the interface between rules and check kinds. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_CHECK_H
#define OGC_CHECK_H

#include "net/net.h"
#include "read/read.h"
#include "report/report.h"

struct ogc_rule;
struct ogc_condition;

/**
 * A group of alias paths (ogcheck-rules(5)): `required` is met when any path of
 * the group is present; other kinds check every present path. A group may
 * carry parameters of its own that override the rule's (`max: 200` for the
 * og:description group of description-length). Each group is compiled on
 * its own, so `data` holds that group's compiled parameters.
 */
struct ogc_field_group {
	const struct ogc_rule *rule;
	const char **paths; /* owned array; strings borrowed from the rule file */
	size_t count;
	const struct ogc_node *params; /* group's own keys (a map) or NULL */
	const char *params_file;
	void *data; /* compiled parameters, freed by kind->finish */
	char *expected; /* what a value should be ("at most 60 characters"),
	                   set by compile; owned, freed with the group */
};

/** One key of a rule as the rule files gave it, with where it came from. */
struct ogc_rule_key {
	const char *name;
	const struct ogc_node *value;
	const char *file; /* the rule file, owned by the ruleset */
};

/** A rule after merging every rule file that names its id. */
struct ogc_rule {
	const char *id;
	enum ogc_severity severity;
	const struct ogc_check_kind *kind; /* NULL for file-level rules */
	const char *description;
	struct ogc_field_group *groups; /* owned */
	size_t group_count;
	struct ogc_rule_key *keys; /* owned; one per key name, last file wins */
	size_t key_count;
	struct ogc_pos pos; /* where the rule was first defined */
	const char *file;
	const char *help;   /* why, citing the platform's requirement; "" */
	struct ogc_condition *when; /* owned: all must hold for the rule to
	                               apply to a document */
	size_t when_count;
	bool fallback;      /* a group's paths are fallbacks: only the first
	                       present one is checked */
	enum ogc_input input; /* OGC_INPUT_HTML or _MARKDOWN: the rule checks
	                         only that kind of document; AUTO: both */
};

/* Inline suppressions of the file being checked (read by run/). */
#define OGC_MAX_SUPPRESS 32

struct ogc_suppression {
	char id[64];
	struct ogc_pos pos;
	bool used;
};

struct ogc_suppressions {
	struct ogc_suppression items[OGC_MAX_SUPPRESS];
	size_t count;
};

/** Values a ctx remembers as seen; past that, repeats count again. */
#define OGC_CTX_SEEN 32

/* The rules ogc_facts_run() runs, in its order. */
enum ogc_fact {
	OGC_FACT_TITLE_AGREE,
	OGC_FACT_DESCRIPTION_AGREE,
	OGC_FACT_LOCALE_LANG,
	OGC_FACT_IMAGE_SVG,
	OGC_FACT_IMAGE_ICON,
	OGC_FACT_ROBOTS,
	OGC_FACT_DATE_ORDER,
	OGC_FACT_DATE_FILENAME,
	OGC_FACT_DATE_FUTURE,
	OGC_FACTS
};

/* The facts' rules of one rule table, each NULL when absent or off. */
struct ogc_facts_rules {
	const struct ogc_rule_table *table; /* NULL: not looked up yet */
	const struct ogc_rule *rule[OGC_FACTS];
};

/** What a check sees while it runs over one document. */
struct ogc_ctx {
	struct ogc_report *report;
	const char *file;
	const struct ogc_options *options;
	const struct ogc_node *root;
	struct ogc_pos missing_pos; /* where a missing field is reported */
	bool flat;                  /* fields are flat keys (HTML) */
	bool templated;             /* a value may hold template syntax
	                               (false: none does, none is looked
	                               for) */
	/* HTML: the url-relative rule, which reports relative references
	   that a url check finds; NULL for front matter or when it is off */
	const struct ogc_rule *relative_rule;
	struct ogc_suppressions *suppress; /* the file's own, or NULL */
	const struct ogc_rule_table *rules; /* for the limit-* rules, aliases */
	struct ogc_net_queue **queue; /* where URL uses go; given by the run */
	/* the page's site (NULL: none, or the site model is off) and the
	   page's path relative to the site's root */
	const struct ogc_site *site;
	const char *rel;
	/* a built page's site (site is NULL for them), whose built folder
	   holds the page's images; NULL for other pages */
	const struct ogc_site *built_site;
	long long file_time; /* a built page's modification time (seconds
	                        since 1970), 0: unknown */
	/* fields the page gets from files beside it (a Hugo page bundle's
	   image, Eleventy's data files), or NULL */
	const struct ogc_page_data *page_data;
	const char *expected; /* what would be right, for the group running */
	/* the values a network rule has seen, so that a skip (--offline)
	   or a limit finding comes once, however many rules read it */
	const struct ogc_node *seen[OGC_CTX_SEEN];
	size_t seen_count;
	/* bit (c & 63) for each first byte c of the root's keys: a path
	   whose first byte has none is not there (ogc_ctx_node()); 0:
	   unknown */
	uint64_t root_keys;
	struct ogc_ctx_memo *memo; /* the document's lookups; NULL: none */
	/* the facts' rules of `rules`, looked up once for the table (the
	   engine keeps them from one page to the next); NULL: looked up */
	const struct ogc_facts_rules *facts;
};

/**
 * A check kind: one per file in src/checks/, listed in registry.c.
 * `params` names the keys the kind reads (NULL-terminated); the rule loader
 * rejects any other key. `compile` validates them when rules load and may
 * set group->data; `finish` frees group->data and may be NULL.
 */
struct ogc_check_kind {
	const char *name;
	bool network;
	const char *const *params;
	bool (*compile)(struct ogc_field_group *group, struct ogc_error *err);
	void (*run)(const struct ogc_field_group *group, struct ogc_ctx *ctx);
	void (*finish)(struct ogc_field_group *group);
	/* network kinds: judges one place that run() queued with
	   ogc_ctx_queue_url(), once the URL was fetched */
	void (*judge)(const struct ogc_field_group *group, struct ogc_ctx *ctx,
		const struct ogc_net_place *at, const struct ogc_fetch *result);
};

/* registry.c */

/** The kind called `name`, or NULL. */
const struct ogc_check_kind *
ogc_check_kind_find(const char *name);

/**
 * Writes the kinds' names, alphasorted and comma-separated ("date,
 * length, ..."), to buf[0..size) (cut when it is too small); returns buf.
 */
const char *
ogc_check_kind_names(char *buf, size_t size);

/** The registry table (alphasorted) and its length, for tests. */
const struct ogc_check_kind *const *
ogc_check_kinds(size_t *count);

/* param.c: parameter access for compile functions */

/** The key `name` of the rule as the rule files gave it, or NULL. */
const struct ogc_rule_key *
ogc_rule_key(const struct ogc_rule *rule, const char *name);

/** Sets an OGC_ERR_RULES error at `node` of rule file `file`: false. */
bool
ogc_rule_node_error(struct ogc_error *err, const struct ogc_rule *rule,
	const char *file, const struct ogc_node *node, const char *fmt, ...)
	OGC_PRINTF(5, 6);

/**
 * The texts of a scalar or of a list of scalars, as a new NULL-terminated
 * array (the caller frees the array; the strings are the nodes'):
 *   "a" -> {"a", NULL};  [a, b] -> {"a", "b", NULL}
 * NULL when the node is of another shape or memory ran out (*bad says
 * which).
 */
const char **
ogc_node_strings(const struct ogc_node *n, size_t *count, bool *bad);

/**
 * The value of parameter `name` for a group: the group's own key if it has
 * one, else the rule's. NULL when absent.
 */
const struct ogc_node *
ogc_param(const struct ogc_field_group *group, const char *name);

/**
 * Sets an OGC_ERR_RULES error that points at parameter `name` (or at the
 * rule when it is absent), naming the rule file and the rule id. Returns
 * false, for tail calls.
 */
bool
ogc_param_error(struct ogc_error *err, const struct ogc_field_group *group,
	const char *name, const char *fmt, ...) OGC_PRINTF(4, 5);

/**
 * Like ogc_param_error(), pointing at item `index` of a list parameter
 * (at the parameter when it is not a list).
 */
bool
ogc_param_item_error(struct ogc_error *err,
	const struct ogc_field_group *group, const char *name, size_t index,
	const char *fmt, ...) OGC_PRINTF(5, 6);

/**
 * Reads parameter `name` as a whole number >= 0 into *out. Absent: true,
 * *out untouched. Not such a number: false with err set.
 */
bool
ogc_param_uint(const struct ogc_field_group *group, const char *name,
	unsigned long *out, struct ogc_error *err);

/**
 * Reads parameter `name`, a string or a list of strings, into a newly
 * allocated NULL-terminated array of strings borrowed from the rule file
 * (the caller frees the array only) and its length. Absent: *out = NULL,
 * *count = 0 and true. Wrong type or out of memory: false with err set.
 */
bool
ogc_param_strings(const struct ogc_field_group *group, const char *name,
	const char ***out, size_t *count, struct ogc_error *err);

/**
 * Sets group->expected, what a right value is ("at most 60 characters"),
 * shown in JSON schema 2 and SARIF. Returns false with err set when out of
 * memory.
 */
bool
ogc_group_expect(struct ogc_field_group *group, struct ogc_error *err,
	const char *fmt, ...) OGC_PRINTF(3, 4);

/** Parameter `name` as a string; NULL when absent or not a scalar. */
const char *
ogc_param_string(const struct ogc_field_group *group, const char *name);

/** The rule with `id`, or NULL. */
const struct ogc_rule *
ogc_ruleset_find(const struct ogc_ruleset *rules, const char *id);

/** The rule at `index` (sorted by id), or NULL past the end. */
const struct ogc_rule *
ogc_ruleset_rule(const struct ogc_ruleset *rules, size_t index);

/** An `aliases:` entry: where else a field may be when it is absent. */
struct ogc_alias {
	const char *field;  /* as written; borrowed from its rule file */
	const char **paths; /* owned array, strings borrowed */
	size_t count;
};

/** A `supplies:` entry: a field the user says the site writes. */
struct ogc_supplied {
	const char *field; /* borrowed from its rule file */
	const char *why;   /* the user's words, or NULL */
	const char *file;  /* the rule file, owned by the ruleset */
};

/**
 * The rules in force as the checks see them while they run: the rules
 * sorted by id (the limit-* rules are found here), the aliases of every
 * rule file, what they say is supplied and which files are excluded. The
 * ruleset (rules/) owns and fills it.
 */
struct ogc_rule_table {
	struct ogc_rule **rules; /* owned, sorted by id */
	size_t count;
	size_t cap;
	struct ogc_alias *aliases; /* owned */
	size_t alias_count;
	struct ogc_supplied *supplied; /* owned array */
	size_t supplied_count;
	const char **excludes; /* owned array of globs, strings borrowed */
	size_t exclude_count;
	const char **exclude_urls; /* owned array of POSIX EREs, strings
	                              borrowed: URLs not fetched */
	size_t exclude_url_count;
};

/**
 * The index of the rule `id` in the table, or where it would be inserted;
 * *found says which.
 */
size_t
ogc_rule_table_index(const struct ogc_rule_table *table, const char *id,
	bool *found);

/** The rule with `id`, or NULL. */
const struct ogc_rule *
ogc_rule_table_find(const struct ogc_rule_table *table, const char *id);

/**
 * The paths that stand for field `path` (in either spelling) when it is
 * absent, from the rule files' and presets' `aliases:`; NULL and *count 0
 * when none do.
 */
const char **
ogc_rule_table_aliases(const struct ogc_rule_table *table, const char *path,
	size_t *count);

/**
 * Makes every path of the table's rules and aliases that has the same
 * text as another the same pointer (the strings stay their rule files'),
 * so that a document's memo of lookups (ogc_ctx_memo) finds a path asked
 * for again by its pointer, not by comparing texts. Left as it was when
 * memory runs out.
 */
void
ogc_rule_table_share_paths(struct ogc_rule_table *table);

/* ctx.c: services for run functions */

/** Where a finding is and what it is about, before it is formatted. */
struct ogc_place {
	const char *file;
	struct ogc_pos pos;
	struct ogc_pos end;
	const char *field;
	const char *value; /* value_len bytes; may be NULL */
	size_t value_len;
	const char *expected; /* may be NULL */
	bool grouped; /* a finding about pages together (ogc_diag.grouped) */
};

/**
 * Adds a finding of `rule` (nothing when rule is NULL or off) at `at` to
 * `report`, its message formatted from fmt and cut on a character
 * boundary past 1 KiB; marked suppressed when `suppress` (may be NULL)
 * disables the rule. The one way findings are made.
 */
void
ogc_emit_va(struct ogc_report *report, struct ogc_suppressions *suppress,
	const struct ogc_rule *rule, const struct ogc_place *at,
	const char *fmt, va_list ap) OGC_PRINTF(5, 0);

/**
 * ogc_emit_va() of a message already made (cut as ogc_emit_va() cuts).
 */
void
ogc_emit_text(struct ogc_report *report, struct ogc_suppressions *suppress,
	const struct ogc_rule *rule, const struct ogc_place *at,
	const char *message);

/**
 * Adds a diagnostic of `rule` at `node`: at its value, or at its key when
 * the value is empty; at 1:1 when node is NULL. `field` is the path as the
 * rule names it; a scalar node's text is copied as the value.
 */
void
ogc_ctx_emit(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const struct ogc_node *node, const char *field, const char *fmt, ...)
	OGC_PRINTF(5, 6);

/**
 * Where the site supplies a field of `group` that the front matter lacks
 * (a template, the config), or NULL when nothing does. A site whose
 * generator ogcheck does not model writes the og: fields itself: front
 * matter that spells none of them is not asked for them. Built pages
 * (flat documents) are never supplied for: they are what platforms see.
 */
const char *
ogc_ctx_supplier(const struct ogc_ctx *ctx,
	const struct ogc_field_group *group);

/** The limit-* rule `id` ("limit-redirects"), or NULL when it is off. */
const struct ogc_rule *
ogc_ctx_limit(const struct ogc_ctx *ctx, const char *id);

/**
 * Adds a diagnostic of `rule` at an explicit position, ending at `end`
 * (0:0 when not known); `value` (copied) and `field` may be NULL.
 */
void
ogc_ctx_emit_at(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	struct ogc_pos pos, struct ogc_pos end, const char *field,
	const char *value, const char *fmt, ...) OGC_PRINTF(7, 8);

/* site_image.c: images that are files of the page's site */

/**
 * When the image URL in scalar `node` is a file of the page's site (a
 * site-relative path, or a URL under the site's base URL or --base-url)
 * and the image-in-site rule is on: judges it now, offline, through the
 * kind's judge() with the file's facts (size in bytes, type from its
 * name, format and pixel size from its header), or reports image-in-site
 * once per value when the site does not publish such a file. Returns
 * true when it did either; false when the value is for the network.
 */
bool
ogc_ctx_site_image(struct ogc_ctx *ctx, const struct ogc_field_group *group,
	const char *field, const struct ogc_node *node,
	const struct ogc_declared *declared);

/**
 * True the first time a network rule reads this value in the document
 * (what is said once per value, however many rules read it).
 */
bool
ogc_ctx_first_read(struct ogc_ctx *ctx, const struct ogc_node *node);

/**
 * Queues the URL in scalar `node` for the network stage, which calls the
 * kind's judge() with what fetching it found. `want_image` asks for the
 * image's header bytes (its size); `declared` (may be NULL) is the size
 * the page gives, handed to judge(). Under --offline the check is counted
 * as skipped; in a file that disables the rule, nothing is queued. A
 * relative URL is resolved against --base-url; one that cannot be fetched
 * (relative without a base, not http(s), malformed) is left to the `url`
 * checks and not queued.
 */
void
ogc_ctx_queue_url(struct ogc_ctx *ctx, const struct ogc_field_group *group,
	const char *field, const struct ogc_node *node, bool want_image,
	const struct ogc_declared *declared);

/* Powers of two: the path texts numbered, the path pointers known. */
#define OGC_CTX_TEXTS 256
#define OGC_CTX_POINTERS 1024

/*
 * The paths looked up in documents and what they found: many rules (and
 * their aliases, the page index, the facts) ask for the same few fields
 * of every page, each with its own copy of the path. Kept by an engine
 * across its documents: each path text gets a number (its slot in
 * text[]), each path pointer asked with remembers its text's number, so
 * that a path asked for again is a pointer compared and an array read;
 * what a number found is kept for the document being checked (doc).
 * Paths must live as long as the memo: rule files' paths, literals.
 */
struct ogc_ctx_memo {
	const char *pointer[OGC_CTX_POINTERS]; /* NULL: an empty slot */
	uint16_t number[OGC_CTX_POINTERS];     /* the text's, of each */
	const char *text[OGC_CTX_TEXTS];       /* NULL: an empty slot */
	size_t len[OGC_CTX_TEXTS];
	bool dotted[OGC_CTX_TEXTS];            /* the text holds a '.' */
	uint32_t doc;                          /* the document's, from 1 */
	bool keys_read;                        /* its root's keys are in */
	uint32_t found_in[OGC_CTX_TEXTS];      /* the doc node[] is of */
	const struct ogc_node *node[OGC_CTX_TEXTS];
};

/**
 * Starts the memo's next document, whose fields are `root` (a zeroed
 * memo is a new one): each key of a map root that is a text the memo
 * numbers is found at once, and a text without '.' that no key is, is
 * absent without a look.
 */
void
ogc_ctx_memo_next(struct ogc_ctx_memo *memo, const struct ogc_node *root);

/** ogc_node_lookup() through ctx->memo (ctx.c). */
const struct ogc_node *
ogc_ctx_remember(const struct ogc_ctx *ctx, const char *path);

/** The bits of ogc_ctx.root_keys for the document `root`. */
uint64_t
ogc_ctx_root_keys(const struct ogc_node *root);

/**
 * Whether `path` is surely not in the document: no key of the root
 * starts as it does (most of the fields rules ask for and a page does not
 * have).
 */
static inline bool
ogc_ctx_absent(const struct ogc_ctx *ctx, const char *path)
{
	return ctx->root_keys != 0 &&
		(ctx->root_keys >> ((unsigned char)path[0] & 63) & 1) == 0;
}

/**
 * ogc_node_is_template(node) for a node of the document, told at once
 * when no value of it holds template syntax (ctx->templated false, which
 * the engine sets after its walk over all the values): most documents.
 */
static inline bool
ogc_ctx_is_template(const struct ogc_ctx *ctx, const struct ogc_node *node)
{
	return ctx->templated && ogc_node_is_template(node);
}

/**
 * ogc_node_lookup(ctx->root, path), told at once when the path is absent
 * (ogc_ctx_absent()) and remembered (ogc_ctx_memo). `path` must stay as
 * it is while the engine checks files (a rule's path, an alias, a
 * literal), never a buffer: its pointer is remembered across documents.
 */
static inline const struct ogc_node *
ogc_ctx_node(const struct ogc_ctx *ctx, const char *path)
{
	if (ogc_ctx_absent(ctx, path)) {
		return NULL;
	}
	return ctx->memo != NULL ? ogc_ctx_remember(ctx, path) :
		ogc_node_lookup(ctx->root, path);
}

/**
 * The node at `path` in the document, or, when it is absent, at the first
 * of the path's aliases (`aliases:` of the rule files and presets) that is
 * present; *found is the path that matched. NULL when none is.
 */
const struct ogc_node *
ogc_ctx_lookup(const struct ogc_ctx *ctx, const char *path,
	const char **found);

/**
 * ogc_ctx_lookup() in the path's own spelling, then with its dots as
 * colons (og.type -> og:type) and its colons as dots, as the built-in
 * rules list both spellings.
 */
const struct ogc_node *
ogc_ctx_lookup_any(const struct ogc_ctx *ctx, const char *path);

/**
 * Calls fn for every path of the group that is present in the document
 * (itself or through an alias), with the path that matched as `field`; a
 * value two paths lead to is passed once. A list value calls fn once for
 * each item. For a `fallback` rule only the first present path counts.
 */
typedef void ogc_field_fn(const struct ogc_field_group *group,
	struct ogc_ctx *ctx, const char *field, const struct ogc_node *node);
void
ogc_ctx_each_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	ogc_field_fn *fn);

/**
 * Emits "FIELD must be a single value, not a map" and returns false when
 * node is not a scalar; returns true for scalars.
 */
bool
ogc_ctx_want_scalar(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const char *field, const struct ogc_node *node);

/**
 * True when text is an ISBN-10 or ISBN-13 (hyphens and spaces allowed)
 * whose check digit is right; else false, and *why says what is wrong.
 */
bool
ogc_isbn_valid(const char *text, const char **why);

/*
 * facts.c, facts_dates.c: the file-level rules that compare a page's
 * fields with each other, its file name, its site and the run's time
 */

/**
 * Runs the file-level rules title-agree, description-agree, locale-lang,
 * image-svg, image-icon, robots-blocks-card, date-order, date-filename
 * and date-future (those that are on) over the document of ctx, after
 * the check kinds.
 */
void
ogc_facts_run(struct ogc_ctx *ctx);

/**
 * Fills *out with the facts' rules of `table` (the rules of a run or a
 * site live as long as the run), unless it holds that table's already.
 */
void
ogc_facts_rules(const struct ogc_rule_table *table,
	struct ogc_facts_rules *out);

/** The fact rule `fact` of the document, or NULL when absent or off. */
const struct ogc_rule *
ogc_fact_rule(const struct ogc_ctx *ctx, enum ogc_fact fact);

/** The date rules of ogc_facts_run() (facts_dates.c). */
void
ogc_facts_dates(struct ogc_ctx *ctx);

extern const struct ogc_check_kind ogc_check_absent;
extern const struct ogc_check_kind ogc_check_date;
extern const struct ogc_check_kind ogc_check_isbn;
extern const struct ogc_check_kind ogc_check_length;
extern const struct ogc_check_kind ogc_check_one_of;
extern const struct ogc_check_kind ogc_check_pattern;
extern const struct ogc_check_kind ogc_check_reachable;
extern const struct ogc_check_kind ogc_check_required;
extern const struct ogc_check_kind ogc_check_same_url;
extern const struct ogc_check_kind ogc_check_url;

#endif
