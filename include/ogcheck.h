/* ogcheck.h: the public API of the ogcheck metadata checker library. */
/* SPDX-License-Identifier: MIT */
#ifndef OGCHECK_H
#define OGCHECK_H

/*
 * Ownership, stated once for the whole header:
 *
 * - A returned `const` pointer is borrowed: it lives as long as the object
 *   it came from and must not be freed.
 * - A returned `char *` is the caller's to free().
 * - Arguments are never taken over; the library copies what it keeps.
 * - Every `_destroy` function accepts NULL.
 *
 * Errors come through two channels that are never mixed. Findings about
 * content (a missing og:title, broken YAML in one file) are diagnostics in
 * a struct ogc_report. Failures of the run itself (a bad rule file, a path
 * that does not exist, out of memory) make a function return false or NULL
 * and fill the caller's struct ogc_error.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/** A place in a file: 1-based line, column in code points; 0 = unknown. */
struct ogc_pos {
	unsigned line;
	unsigned column;
};

/** Why a run-level operation failed. */
enum ogc_status {
	OGC_OK = 0,
	OGC_ERR_NOMEM,
	OGC_ERR_IO,
	OGC_ERR_RULES,
	OGC_ERR_USAGE,
};

/**
 * A run-level failure. The caller owns the storage; the library fills it.
 * `file` is borrowed from the caller's argument (or from the ruleset for
 * rule-file errors) and may be NULL. Filling it never allocates, so it can
 * report out-of-memory too.
 */
struct ogc_error {
	enum ogc_status status;
	const char *file;
	struct ogc_pos pos;
	char msg[256];
};

/** Severity of a rule or a diagnostic, ordered from "off" to "error". */
enum ogc_severity {
	OGC_SEV_OFF = 0,
	OGC_SEV_INFO,
	OGC_SEV_WARNING,
	OGC_SEV_ERROR,
};

/**
 * Undoes the process-wide set-up of libcurl, which is loaded and set up
 * the first time a URL needs it; nothing when it was not. Call once, at
 * the end, when no other thread is left.
 */
void
ogc_global_cleanup(void);

/** The library version, such as "0.1.0". Never NULL. */
const char *
ogc_version(void);

/**
 * The short hash of the git commit the library was built from, such as
 * "1a2b3c4d", or "" when it was not built from a git checkout (a release
 * tarball, a Debian source package). Never NULL.
 */
const char *
ogc_version_commit(void);

/** The lower-case name of a severity ("error", "off", ...). Never NULL. */
const char *
ogc_severity_name(enum ogc_severity severity);

/**
 * The name of `names` (count of them, or up to a NULL) closest to `word`,
 * when it is at most a third of word's length away in edits (at least
 * one; a swap of neighbours is one edit, case does not count), for a
 * "did you mean" line; NULL when none is that close.
 */
const char *
ogc_suggest(const char *word, const char *const *names, size_t count);

/**
 * Parses "error", "warning", "info" or "off" into *out. Returns false and
 * leaves *out alone for anything else.
 */
bool
ogc_severity_parse(const char *name, enum ogc_severity *out);

/*
 * Rules
 */

/** A set of rules: the built-in ones merged with the user's rule files. */
struct ogc_ruleset;

/** Creates an empty ruleset. Returns NULL with err set when out of memory. */
struct ogc_ruleset *
ogc_ruleset_create(struct ogc_error *err);

/** Frees the ruleset and everything it owns. */
void
ogc_ruleset_destroy(struct ogc_ruleset *rules);

/**
 * Merges the built-in rules (rules/default.yaml, compiled into the
 * library) into the ruleset. Returns false with err set on failure.
 */
bool
ogc_ruleset_load_builtin(struct ogc_ruleset *rules, struct ogc_error *err);

/**
 * Merges a built-in profile or preset: kind is "profiles" (facebook,
 * linkedin, ogp, seo, x) or "presets" (astro, eleventy, hugo, jekyll),
 * compiled from rules/<kind>/<name>.yaml. Merging one twice does nothing
 * the second time. An unknown name is OGC_ERR_USAGE, naming the known
 * ones.
 */
bool
ogc_ruleset_load_named(struct ogc_ruleset *rules, const char *kind,
	const char *name, struct ogc_error *err);

/**
 * The preset for the site generator whose config file is in folder `dir`
 * (hugo.toml or config.toml: hugo; _config.yml: jekyll; .eleventy.js or
 * eleventy.config.*: eleventy; astro.config.*: astro), and that file's
 * name in *file; NULL when there is none.
 */
const char *
ogc_preset_detect(const char *dir, const char **file);

/** "facebook, linkedin, ...": the built-in names of a kind, into buf. */
const char *
ogc_rules_names(const char *kind, char *buf, size_t size);

/**
 * Reads the rule file at `path` and merges it into the ruleset: a rule with
 * a known id overrides the keys it names, a new id adds a rule, and
 * `extends: none` at the top drops the rules loaded before. Returns false
 * with err (status OGC_ERR_IO or OGC_ERR_RULES, file, line and the problem)
 * when the file cannot be read or is not a valid rule file.
 */
bool
ogc_ruleset_load_file(struct ogc_ruleset *rules, const char *path,
	struct ogc_error *err);

/**
 * Like ogc_ruleset_load_file() for rule-file text in memory; `name` is used
 * in error messages. `data` need not be NUL-terminated.
 */
bool
ogc_ruleset_load_buffer(struct ogc_ruleset *rules, const char *name,
	const char *data, size_t len, struct ogc_error *err);

/** The number of rules in the set, including those turned off. */
size_t
ogc_ruleset_count(const struct ogc_ruleset *rules);

/** What --list-rules shows of one rule. Strings are borrowed from the set. */
struct ogc_rule_info {
	const char *id;
	const char *check;       /* check kind; "" for file-level rules */
	const char *description; /* "" when the rule file gives none */
	const char *help;        /* why, with the source it cites; "" */
	enum ogc_severity severity;
	bool network;            /* needs the network; skipped under --offline */
};

/**
 * Fills *out for the rule at `index` (rules are kept sorted by id).
 * Returns false when index is out of range.
 */
bool
ogc_ruleset_info(const struct ogc_ruleset *rules, size_t index,
	struct ogc_rule_info *out);

/**
 * Keeps only the rules whose ids are among `ids` (for --list-rules ID...)
 * and drops the others. False with err set, and nothing dropped, when an
 * id names no rule (the message names the nearest one) or memory ran out.
 */
bool
ogc_ruleset_keep_only(struct ogc_ruleset *rules, char **ids, size_t count,
	struct ogc_error *err);

/**
 * Writes the rules as a table (id, severity, check, description) to `out`,
 * for --list-rules. Returns false with err set when writing fails.
 */
bool
ogc_ruleset_write_text(const struct ogc_ruleset *rules, FILE *out,
	struct ogc_error *err);

/**
 * --explain: writes what rule `id` checks, its severity, fields and
 * settings in force (each with the file that set it), where it is
 * defined, why, an example finding (made by running the rule on made-up
 * front matter) and how to turn it off. Keeps only that rule in `rules`.
 * False with err set when no rule has that id (the message names the
 * nearest), memory ran out or writing failed.
 */
bool
ogc_ruleset_explain(struct ogc_ruleset *rules, const char *id, FILE *out,
	struct ogc_error *err);

/** Like ogc_ruleset_write_text() as a JSON array of rule objects. */
bool
ogc_ruleset_write_json(const struct ogc_ruleset *rules, FILE *out,
	struct ogc_error *err);

/**
 * Looks for `.ogcheck.yaml` in `start_dir` and then in each parent folder.
 * Returns the path of the first one found, or NULL when there is none.
 */
char *
ogc_rules_discover(const char *start_dir);

/**
 * How the rules of a site are made, from the command line: a preset, the
 * profiles, and rule files that replace the discovery of .ogcheck.yaml.
 * Strings and arrays are borrowed.
 */
struct ogc_rule_spec {
	const char *preset; /* --preset: a name, "none", or NULL to follow
	                       the generator of each file's site */
	const char *const *profiles;
	size_t profile_count;
	const char *const *rule_files; /* --rules, in order; none: the
	                                  .ogcheck.yaml nearest above */
	size_t rule_file_count;
};

/**
 * Loads into `rules` the built-in rules, then the preset `preset` (NULL or
 * "none": none), the spec's profiles, and the spec's rule files, or else
 * the .ogcheck.yaml nearest at or above the folder `dir`, each over the
 * ones before. *found is set to the .ogcheck.yaml read (the caller's to
 * free; NULL when none), so that an error naming it can be printed. False
 * with err set when a file cannot be read or is not valid.
 */
bool
ogc_ruleset_load_spec(struct ogc_ruleset *rules,
	const struct ogc_rule_spec *spec, const char *preset, const char *dir,
	char **found, struct ogc_error *err);

/**
 * The preset of the site generator whose config is nearest at or above
 * `path` (a file or a folder), not above the repository's root: "hugo",
 * "jekyll", "eleventy", "astro", or NULL (none found, or a generator
 * without a preset: Zola, MkDocs, Docusaurus, Next.js). *root is set to a
 * new string holding the site's folder (the caller frees it), or NULL.
 */
const char *
ogc_preset_find(const char *path, char **root);

/*
 * Diagnostics and reports
 */

/**
 * One finding. All strings are owned by the report. `field` and `value`
 * are NULL for file-level diagnostics.
 */
struct ogc_diag {
	const char *file;
	struct ogc_pos pos;
	struct ogc_pos end;   /* just after the value; 0:0 when unknown */
	const char *rule;
	const char *field;
	const char *value;
	const char *message;
	const char *expected; /* what would be right (the limit, the allowed
	                         values, the other URL); may be NULL */
	/* (beside the flags: 72 bytes a finding, not 80) */
	enum ogc_severity severity;
	bool suppressed; /* disabled in the file itself; not counted */
	bool baselined;  /* known from the baseline; not shown or counted */
	bool grouped;    /* its message names other pages (a rule over pages
	                    together): fingerprinted without it */
};

/** Counts over a whole run. */
struct ogc_summary {
	size_t files;
	size_t errors;
	size_t warnings;
	size_t infos;
	size_t skipped; /* network checks not run (offline or unavailable) */
	size_t baselined; /* findings hidden because the baseline has them */
	size_t suppressed; /* findings disabled in their own file */
	bool baseline;    /* a baseline was applied */
};

/** The list of diagnostics of a run, plus its counters. */
struct ogc_report;

/** Creates an empty report, or returns NULL when out of memory. */
struct ogc_report *
ogc_report_create(void);

/** Frees the report and every diagnostic in it. */
void
ogc_report_destroy(struct ogc_report *report);

/** The number of diagnostics in the report. */
size_t
ogc_report_count(const struct ogc_report *report);

/** The diagnostic at `index`, or NULL when out of range. */
const struct ogc_diag *
ogc_report_get(const struct ogc_report *report, size_t index);

/** Fills *out with the report's counters. */
void
ogc_report_summary(const struct ogc_report *report, struct ogc_summary *out);

/**
 * What the network stage asked of one host: a host and its port, so
 * 127.0.0.1:8080 and 127.0.0.1:8081 are two hosts. URLs served from the
 * cache or left out by --exclude-url ask nothing.
 */
struct ogc_host_stats {
	const char *host;   /* "img.example.org" (ports 80 and 443 left
	                       out), "127.0.0.1:8080" */
	size_t requests;    /* requests sent: retries and redirects count */
	size_t failures;    /* requests that got no HTTP answer */
	size_t timed_out;   /* ... of them: timed out */
	size_t not_found;   /* host not found */
	size_t refused;     /* could not connect */
	size_t tls;         /* TLS error */
	bool down;          /* taken as down: its last URLs were not tried */
	long long ms;       /* the time its requests took, summed */
};

/** The number of hosts the network stage asked (0 when it did not run). */
size_t
ogc_report_host_count(const struct ogc_report *report);

/**
 * The host at `index`, or NULL when out of range: the most requests
 * first, equal counts by host name.
 */
const struct ogc_host_stats *
ogc_report_host(const struct ogc_report *report, size_t index);

/**
 * Sorts the diagnostics by file, line, column, rule (then message), so the
 * same input always renders byte for byte the same.
 */
void
ogc_report_sort(struct ogc_report *report);

/**
 * Writes the diagnostics as text lines `FILE:LINE:COL: SEVERITY: MESSAGE
 * [RULE]` to `out`. Returns false with err set when writing fails.
 */
bool
ogc_report_write_text(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);

/**
 * Writes the one-line summary ("3 files checked: 1 error, ...") to `out`.
 */
bool
ogc_report_write_summary(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);

/** How the text report looks (--color, --quiet, --statistics). */
struct ogc_text_style {
	bool color;  /* SGR colours, as gcc's: the place bold, the severity in
	                its colour */
	enum ogc_severity min_severity; /* findings less severe are left out
	                                   (OGC_SEV_OFF: none are) */
	bool statistics; /* counts by rule, by folder and by host instead
	                    of findings */
};

/**
 * Writes the text report in the given style: finding lines, or with
 * `statistics` the findings counted by rule (with the rule's description
 * from `rules`, which may be NULL) and by folder, then the requests of
 * each host when the network stage ran. Returns false with err
 * set when out of memory or when writing fails.
 */
bool
ogc_report_write_text_styled(const struct ogc_report *report,
	const struct ogc_ruleset *rules, const struct ogc_text_style *style,
	FILE *out, struct ogc_error *err);

/** ogc_report_write_summary() in colour when `color` (counts that matter). */
bool
ogc_report_write_summary_styled(const struct ogc_report *report,
	bool color, FILE *out, struct ogc_error *err);

/**
 * Writes the report as the JSON object of docs/report-schema.md (schema 1) to `out`.
 * Returns false with err set when out of memory or when writing fails.
 */
bool
ogc_report_write_json(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);

/** Report formats beyond text and json. */
enum ogc_format {
	OGC_FORMAT_TEXT,
	OGC_FORMAT_JSON,
	OGC_FORMAT_GITHUB,      /* GitHub Actions workflow commands */
	OGC_FORMAT_SARIF,       /* SARIF 2.1.0 */
	OGC_FORMAT_CODECLIMATE, /* GitLab Code Quality */
	OGC_FORMAT_JSON_V2,     /* json with schema 2: fingerprint, end, expected */
	OGC_FORMAT_JSONL,       /* one diagnostic a line, then the summary */
	OGC_FORMAT_MARKDOWN,    /* a summary for pull requests and job summaries */
	OGC_FORMAT_HTML,        /* one self-contained page: overview, previews */
};

/**
 * Writes one diagnostic as a line of JSON (the keys of a json report's
 * diagnostics). Returns false when out of memory or writing fails.
 */
bool
ogc_diag_write_jsonl(const struct ogc_diag *diag, FILE *out);

/**
 * Writes the last line of a jsonl report, {"tool", "version", "summary"},
 * after the diagnostics were streamed with ogc_diag_write_jsonl().
 */
bool
ogc_report_write_jsonl_summary(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);

/** How an html report shows the images of previews (--report-images). */
enum ogc_report_images {
	OGC_REPORT_IMAGES_NONE, /* placeholders of the right shape, no fetch */
	OGC_REPORT_IMAGES_LINK, /* <img> at the remote URL: the reader's
	                           browser fetches them */
	OGC_REPORT_IMAGES_EMBED, /* the images ogcheck read in full, inlined
	                            as data: URIs (ogc_options.embed_images) */
};

/** The bytes of images --report-images embed inlines, at most. */
#define OGC_EMBED_IMAGES_MAX (4u * 1024 * 1024)

/**
 * What a report can say of the run that made it, for the html format's
 * settings and dates. Strings and arrays are borrowed: the struct and
 * what it points to must outlive the report's writing. Any may be NULL.
 */
struct ogc_run_info {
	const char *generator;   /* the site's generator or preset, as found */
	const char *preset;      /* --preset */
	const char *const *profiles;
	size_t profile_count;
	const char *const *rule_files; /* --rules, or the .ogcheck.yaml used */
	size_t rule_file_count;
	const char *base_url;
	const char *fail_on;     /* "error", ..., "never" */
	bool offline;
	long long date;          /* when the run was (Unix seconds, UTC):
	                            the callers' SOURCE_DATE_EPOCH or now */
	enum ogc_report_images images;
};

/**
 * Tells the report of the run that made it (borrowed, see above; NULL
 * forgets it). Renderers that show no settings ignore it.
 */
void
ogc_report_set_run(struct ogc_report *report,
	const struct ogc_run_info *info);

/** Parses a --format name; false for an unknown one. */
bool
ogc_format_parse(const char *name, enum ogc_format *out);

/**
 * Writes the report in `format` to `out`. `rules` (borrowed) describes the
 * rules for SARIF; `full_report` (may be NULL) names where the complete
 * report goes, for the github format's closing notice. The text format
 * writes the findings only (the summary is ogc_report_write_summary()'s).
 * Returns false with err set when out of memory or writing fails.
 */
bool
ogc_report_write(const struct ogc_report *report,
	const struct ogc_ruleset *rules, enum ogc_format format,
	const char *full_report, FILE *out, struct ogc_error *err);

/**
 * A stable fingerprint of a diagnostic, 16 hex digits in out[17], from its
 * file, rule, field and value (or message when it has no value, unless it
 * is `grouped`), never its line: it survives edits above the finding, and
 * a finding about pages together survives pages joining its group.
 */
void
ogc_diag_fingerprint(const struct ogc_diag *diag, char out[17]);

/*
 * Baselines: today's findings, recorded so that only new ones fail
 */

/** A set of finding fingerprints, each with a count. */
struct ogc_baseline;

/**
 * Reads a baseline file written by ogc_report_write_baseline(). Returns
 * NULL with err set (OGC_ERR_IO, or OGC_ERR_USAGE for a file that is not
 * a baseline) on failure.
 */
struct ogc_baseline *
ogc_baseline_load(const char *path, struct ogc_error *err);

/** Frees the baseline. */
void
ogc_baseline_destroy(struct ogc_baseline *baseline);

/**
 * Marks in the report each finding the baseline holds (as many times as
 * it holds its fingerprint) as baselined: renderers leave it out and the
 * summary counts it as `baselined` instead of by severity; a new baseline
 * still records it. The baseline is used up as it goes; apply it once
 * (ogc_options.baseline applies it file by file during a run).
 */
void
ogc_report_apply_baseline(struct ogc_report *report,
	struct ogc_baseline *baseline);

/**
 * Writes every finding of the report to `path` as a baseline (JSON),
 * through a temporary file renamed into place. Returns false with err set
 * on failure.
 */
bool
ogc_report_write_baseline(const struct ogc_report *report, const char *path,
	struct ogc_error *err);

/*
 * Changed files
 */

/**
 * The content files (by their ending) that `git diff REV` shows added,
 * copied, modified or renamed, relative to the current folder (and below
 * it), as a NULL-terminated array with *count entries; free it with
 * ogc_git_changed_free(). Runs git without a shell. NULL with err set
 * (OGC_ERR_USAGE) when REV is not a revision or git fails.
 */
char **
ogc_git_changed(const char *rev, size_t *count, struct ogc_error *err);

/** Frees what ogc_git_changed() returned; accepts NULL. */
void
ogc_git_changed_free(char **names);

/*
 * Checking
 */

/** How content is read. */
enum ogc_input {
	OGC_INPUT_AUTO = 0, /* by file ending: *.html and *.htm are HTML */
	OGC_INPUT_MARKDOWN, /* front matter */
	OGC_INPUT_HTML,     /* the <head> of an HTML page */
};

/**
 * Called when a file is done, with its diagnostics sorted (borrowed, valid
 * during the call). Calls come one at a time, from whichever thread
 * finished the file, in the order of the walk (file names compared with
 * strcmp(), the report's order) however many threads check; a file
 * without findings may be left out. Then come the files' findings about
 * pages together, then their network findings.
 */
typedef void ogc_file_done_fn(void *arg, const struct ogc_diag *diags,
	size_t count);

/**
 * Called by the network stage as URL checks finish: `done` of `total`
 * distinct URLs, `failed` of them failing so far. From one thread.
 */
/**
 * Told of each site a run meets, with what the site model decided for it
 * (lines of text, each ending in a newline; borrowed for the call). May be
 * called from any thread of a pool, one call at a time.
 */
typedef void ogc_site_fn(void *arg, const char *description);

typedef void ogc_progress_fn(void *arg, size_t done, size_t total,
	size_t failed);

/**
 * Options of a run; the caller's storage, read during checks. Start from
 * ogc_options_init(), which sets the documented defaults.
 */
struct ogc_options {
	ogc_file_done_fn *file_done; /* may be NULL */
	void *file_done_arg;
	struct ogc_baseline *baseline; /* applied to each file as it is done,
	                                  before file_done; may be NULL */
	enum ogc_input input; /* every file, standard input included */
	const char *base_url; /* resolves relative canonical URLs; may be NULL */
	bool offline;         /* no network access at all */
	unsigned threads;     /* threads checking a folder's files; 0: one
	                         per CPU (at most 16); 1: none */
	unsigned shard;       /* with shards > 1: check only the files of */
	unsigned shards;      /* shard `shard` (1-based) of `shards` */
	const char *index_file; /* --index: the cross-page index kept
	                           between runs; with a shard (even 1/1), its
	                           part for ogc_checker_merge(); NULL: none */
	/* the network stage (the `reachable` check) */
	unsigned jobs;          /* connections at a time (default 32) */
	unsigned jobs_per_host; /* connections at a time to one host:port
	                           (default 8) */
	unsigned streams_per_connection; /* HTTP/2 requests at a time on one
	                                    connection (default 100) */
	unsigned timeout_ms;    /* per request (default 10000) */
	unsigned max_redirects; /* redirects followed (default 5) */
	unsigned retries;       /* after 429, 503 or a reset (default 2) */
	const char *cacert;     /* CA certificates (PEM) to trust; NULL: the
	                           system's */
	bool insecure;          /* https certificates are not verified */
	bool no_private_addresses; /* refuse loopback, private, link-local
	                              and other non-public addresses */
	const char *cache;      /* results kept between runs; NULL: none */
	long long cache_max_age; /* seconds a cached success stays good
	                            (default 86400) */
	/* the site model: each file's site (found from its generator's
	   config above it) decides what is a page, what the templates
	   supply, and, with rule_spec, the rules (its preset) */
	bool site_model;
	const struct ogc_rule_spec *rule_spec; /* may be NULL: the checker's
	                                          rules for every file */
	bool no_ignore; /* folder walks do not read .gitignore files */
	const char *const *excludes; /* --exclude globs: files that are not
	                                checked (ogcheck(1), SITES) */
	size_t exclude_count;
	const char *const *exclude_urls; /* --exclude-url: POSIX EREs of URLs
	                                    the network checks neither fetch
	                                    nor report */
	size_t exclude_url_count;
	ogc_site_fn *site_found; /* told each site met, as --show-config
	                            describes it; may be NULL */
	void *site_found_arg;
	ogc_progress_fn *progress; /* may be NULL */
	void *progress_arg;
	long long now;  /* the run's time in seconds since 1970, which
	                   date-future compares with (SOURCE_DATE_EPOCH in
	                   ogcheck(1)); 0: the clock's when a page is read */
	bool page_meta; /* keep, for each page with findings, the few fields
	                   share previews are drawn from (--format html) */
	size_t embed_images; /* with page_meta: keep the bytes of fetched
	                        images read in full (up to 64 KiB each), this
	                        many in all at most, for the records'
	                        previews; 0: none (--report-images embed) */
	bool forget_done; /* with file_done: findings handed to it are not
	                     kept, only counted (the report's summary has
	                     them, its list does not), so that memory stays
	                     flat in findings; for a caller that needs nothing
	                     more of them (jsonl alone) */
};

/**
 * Writes file name `name` as reports show it, to out (NULL: only counts):
 * control characters as \n, \t, \r or \xNN, bytes that are not UTF-8 as
 * \xNN, a backslash as \\. Returns the length (no NUL is written).
 */
size_t
ogc_escape_name(const char *name, char *out);

/** Fills options with the defaults: all zero but for the network ones. */
void
ogc_options_init(struct ogc_options *options);

/**
 * True when `path` belongs to the shard that options select (always with
 * shards <= 1): a hash of the path without a leading "./", so every run
 * over the same tree splits it the same way.
 */
bool
ogc_shard_takes(const struct ogc_options *options, const char *path);

/**
 * Writes to `out` what ogcheck decides for `path` (a file or a folder):
 * its site's root, the generator and how it was recognised, the preset,
 * the .ogcheck.yaml in force, which folders hold pages, which fields the
 * site's templates and config supply, and where; then the rules in force
 * for its front matter: those of its site and folder, or `outside` (the
 * caller's) outside any site. False with err set when memory ran out or a
 * rule file failed to load.
 */
bool
ogc_show_config(const char *path, const struct ogc_options *options,
	const struct ogc_ruleset *outside, FILE *out, struct ogc_error *err);

/**
 * --init: writes `dir`/.ogcheck.yaml for the site found there (generator,
 * base URL, what to exclude, profiles and rules, commented), whose first
 * line points editors at the JSON Schema of rule files. Never overwrites
 * a file: one that exists is an OGC_ERR_USAGE error.
 */
bool
ogc_site_init(const char *dir, const struct ogc_options *options,
	struct ogc_error *err);

/** Runs rules over content files and adds diagnostics to a report. */
struct ogc_checker;

/**
 * Creates a checker over `rules` and `options`, both borrowed: they must
 * outlive the checker. Returns NULL with err set when out of memory.
 */
struct ogc_checker *
ogc_checker_create(const struct ogc_ruleset *rules,
	const struct ogc_options *options, struct ogc_error *err);

/** Frees the checker. */
void
ogc_checker_destroy(struct ogc_checker *checker);

/**
 * Checks a file, or every content file below a folder, adding diagnostics
 * to `report`. Problems with one content file are diagnostics; this returns
 * false (with err set) only when the run cannot go on: `path` does not
 * exist, or memory ran out.
 */
bool
ogc_checker_check_path(struct ogc_checker *checker, const char *path,
	struct ogc_report *report, struct ogc_error *err);

/**
 * Checks the content read from the open descriptor `fd` (standard input,
 * say), reporting it as `name`. Reads only as far as the front matter goes;
 * does not close fd. Returns false only when memory ran out.
 */
bool
ogc_checker_check_fd(struct ogc_checker *checker, const char *name, int fd,
	struct ogc_report *report, struct ogc_error *err);

/**
 * Checks the content read from the open descriptor `fd` as if it were the
 * file at `path`, which need not exist (standard input holding a file's
 * staged copy, say): its site, generator, .ogcheck.yaml and format are
 * found from `path` as for a file named on the command line, and it is
 * reported as `path`. Does not close fd. Returns false (with err set) only
 * when memory ran out or a site's rule file could not be loaded.
 */
bool
ogc_checker_check_fd_at(struct ogc_checker *checker, const char *path,
	int fd, struct ogc_report *report, struct ogc_error *err);

/**
 * Checks content held in memory (tests and fuzzers use this), reporting it
 * as `name`. Returns false only when memory ran out.
 */
bool
ogc_checker_check_buffer(struct ogc_checker *checker, const char *name,
	const char *data, size_t len, struct ogc_report *report,
	struct ogc_error *err);

/**
 * The number of content files (files a folder walk reads: *.md, *.html...,
 * pages or not) that ogc_checker_check_path() met so far, files named
 * explicitly included: a folder that adds none holds nothing to check.
 */
size_t
ogc_checker_seen(const struct ogc_checker *checker);

/**
 * Ends the run: fetches every distinct URL that network rules queued (all
 * at once, with the cache when options name one), adds their findings at
 * each place that used the URL, and sorts the report. Under --offline the
 * network checks were counted as skipped instead. Returns false with err
 * set when memory ran out or the cache could not be written.
 */
bool
ogc_checker_finish(struct ogc_checker *checker, struct ogc_report *report,
	struct ogc_error *err);

/**
 * Instead of checking files (--merge): puts the pages of the index parts
 * parts[0..count) (written by runs of the shards with options->index_file)
 * in the run's index; ogc_checker_finish() then runs the rules over pages
 * together on them and adds only those findings (no page is checked
 * again; those with findings are read for their positions when their
 * files are there). A part that cannot be read, or that was made under
 * other rules or options than the others or than this checker, is an
 * OGC_ERR_USAGE error.
 */
bool
ogc_checker_merge(struct ogc_checker *checker, const char *const *parts,
	size_t count, struct ogc_error *err);

/**
 * Why options->index_file could not be used by ogc_checker_finish() (a
 * line naming it: damaged, of another version, made under other rules:
 * the run read the pages instead and wrote the file anew), or could not
 * be written (a run that is no shard goes on: the file only spares the
 * next run reading pages); NULL when neither. Borrowed, as long as the
 * checker lives.
 */
const char *
ogc_checker_warning(const struct ogc_checker *checker);

#endif
