/* rules.h: rule files, merging by id, conditions, profiles and presets. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_RULES_H
#define OGC_RULES_H

#include "checks/check.h"

/** The rule with `id`, or NULL. */
const struct ogc_rule *
ogc_ruleset_find(const struct ogc_ruleset *rules, const char *id);

/** The rule id in force nearest to a misspelt `id` (ogc_suggest), or NULL. */
const char *
ogc_ruleset_near_id(const struct ogc_ruleset *rules, const char *id);

/** The rule at `index` (sorted by id), or NULL past the end. */
const struct ogc_rule *
ogc_ruleset_rule(const struct ogc_ruleset *rules, size_t index);

/**
 * False when a rule file says `generator: none`: its site's files are
 * checked as written, without the site model or a preset.
 */
bool
ogc_ruleset_site_model(const struct ogc_ruleset *rules);

/** What the checks see of the ruleset while they run. */
const struct ogc_rule_table *
ogc_ruleset_table(const struct ogc_ruleset *rules);

/* keys.c: the keys of rule files */

/** Keys every rule may have besides its kind's parameters, NULL-ended. */
extern const char *const ogc_rule_common_keys[];

/**
 * Ids of the rules the file loader checks (no check kind): a rule file
 * may set only their severity, description and help. NULL-ended.
 */
extern const char *const ogc_rule_file_level_ids[];

/**
 * The top-level key of rule files at `index` (alphasorted: aliases,
 * exclude, ...), or NULL past the end. rules.c's dispatch table.
 */
const char *
ogc_rule_file_key(size_t index);

/**
 * Merges `aliases: {og.image: [images, image.path]}` into the table: where
 * a field may be found when it is absent; a later file replaces a field's
 * list. False with err set (naming `file`) when it is not such a map.
 */
bool
ogc_rule_table_merge_aliases(struct ogc_rule_table *table,
	const struct ogc_node *map, const char *file, struct ogc_error *err);

/**
 * Merges `exclude-urls:`, a POSIX extended regular expression or a list
 * of them, each checked to compile; false with err set.
 */
bool
ogc_rule_table_merge_exclude_urls(struct ogc_rule_table *table,
	const struct ogc_node *node, const char *file, struct ogc_error *err);

/** Merges `exclude:`, a glob or a list of globs; false with err set. */
bool
ogc_rule_table_merge_excludes(struct ogc_rule_table *table,
	const struct ogc_node *node, const char *file, struct ogc_error *err);

/**
 * Merges `supplies:`, a map from a field to what writes it or a list of
 * fields; false with err set.
 */
bool
ogc_rule_table_merge_supplies(struct ogc_rule_table *table,
	const struct ogc_node *node, const char *file, struct ogc_error *err);

/* when.c: rule conditions (when:) */

/**
 * Compiles a rule's `when` map into rule->when (replacing any earlier):
 *   when: {og.type: article}              the field's value is article
 *   when: {twitter:card: [summary, app]}  ... one of these
 *   when: {og.image: {present: true}}     present and not empty (false:
 *                                         absent or empty)
 *   when: {og.url: {matches: REGEX}}      the whole value matches
 * False with err set (naming `file`) when it is not such a map.
 */
bool
ogc_when_compile(struct ogc_rule *rule, const struct ogc_node *when,
	const char *file, struct ogc_error *err);

/** Frees rule->when. */
void
ogc_when_free(struct ogc_rule *rule);

/** True when every condition of the rule holds in ctx's document. */
bool
ogc_when_holds(const struct ogc_rule *rule, const struct ogc_ctx *ctx);

/* embedded_rules.c (generated from rules/ by rules/embed.py) */

/** A rule file compiled into the binary. */
struct ogc_embedded {
	const char *name; /* "default", "profiles/x", "presets/hugo" */
	const char *path; /* "rules/profiles/x.yaml", for messages */
	const char *text; /* NUL-terminated */
	size_t len;
};

/** Every embedded rule file, ended by an entry with a NULL name. */
extern const struct ogc_embedded ogc_embedded_rules[];

extern const char *const ogc_default_rules;
extern const size_t ogc_default_rules_len;

/**
 * True when `value` is a valid `share` (0.5, 50%: more than 0, at most 1)
 * or `min-pages` (2 or more) of the image-shared rule.
 */
bool
ogc_shared_limit_valid(const char *key, const struct ogc_node *value);

/**
 * The image-shared rule's limits in `rules`: *share of a section's pages
 * (default 0.5, "more than half") and *pages at least (default 10).
 */
void
ogc_shared_limits(const struct ogc_ruleset *rules, double *share,
	size_t *pages);

#endif
