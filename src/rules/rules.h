/* rules.h: rule files, merging by id, conditions, profiles and presets. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_RULES_H
#define OGC_RULES_H

#include "checks/check.h"

/** The rule with `id`, or NULL. */
const struct ogc_rule *
ogc_ruleset_find(const struct ogc_ruleset *rules, const char *id);

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

#endif
