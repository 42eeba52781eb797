/* rules.c: rule files -> struct ogc_ruleset; merging and overriding by id. */
/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* strdup() */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks/check.h"
#include "read/read.h"
#include "rules/rules.h"
#include "util/util.h"

/* A loaded rule file; its document owns the strings rules borrow. */
struct rule_file {
	char *name;
	struct ogc_doc *doc;
	struct rule_file *next;
};

struct ogc_ruleset {
	struct ogc_rule_table table; /* what the checks see */
	struct rule_file *files;
	const char *loaded[16]; /* the profiles and presets merged so far */
	size_t loaded_count;
	bool no_site_model; /* generator: none */
};

static bool
in_list(const char *const *list, const char *s)
{
	size_t i;

	for (i = 0; list != NULL && list[i] != NULL; i++) {
		if (strcmp(list[i], s) == 0) {
			return true;
		}
	}
	return false;
}

static void
free_groups(struct ogc_rule *rule)
{
	size_t i;

	for (i = 0; i < rule->group_count; i++) {
		if (rule->kind != NULL && rule->kind->finish != NULL) {
			rule->kind->finish(&rule->groups[i]);
		}
		free(rule->groups[i].paths);
		free(rule->groups[i].expected);
	}
	free(rule->groups);
	rule->groups = NULL;
	rule->group_count = 0;
}

static void
rule_destroy(struct ogc_rule *rule)
{
	if (rule == NULL) {
		return;
	}
	free_groups(rule);
	ogc_when_free(rule);
	free(rule->keys);
	free(rule);
}

struct ogc_ruleset *
ogc_ruleset_create(struct ogc_error *err)
{
	struct ogc_ruleset *rules = calloc(1, sizeof(*rules));

	if (rules == NULL) {
		ogc_error_nomem(err);
	}
	return rules;
}

static void
clear_rules(struct ogc_ruleset *rules)
{
	size_t i;

	for (i = 0; i < rules->table.count; i++) {
		rule_destroy(rules->table.rules[i]);
	}
	rules->table.count = 0;
}

void
ogc_ruleset_destroy(struct ogc_ruleset *rules)
{
	struct rule_file *f;
	struct rule_file *next;
	size_t i;

	if (rules == NULL) {
		return;
	}
	clear_rules(rules);
	free(rules->table.rules);
	for (i = 0; i < rules->table.alias_count; i++) {
		free(rules->table.aliases[i].paths);
	}
	free(rules->table.aliases);
	free(rules->table.supplied);
	free(rules->table.excludes);
	free(rules->table.exclude_urls);
	for (f = rules->files; f != NULL; f = next) {
		next = f->next;
		ogc_doc_destroy(f->doc);
		free(f->name);
		free(f);
	}
	free(rules);
}


/* Sets rule->keys[name] = value, replacing an earlier file's value. */
static bool
set_key(struct ogc_rule *rule, const char *name, const struct ogc_node *value,
	const char *file)
{
	struct ogc_rule_key *keys;
	size_t i;

	for (i = 0; i < rule->key_count; i++) {
		if (strcmp(rule->keys[i].name, name) == 0) {
			rule->keys[i].value = value;
			rule->keys[i].file = file;
			return true;
		}
	}
	keys = realloc(rule->keys, (rule->key_count + 1) * sizeof(*keys));
	if (keys == NULL) {
		return false;
	}
	rule->keys = keys;
	keys[rule->key_count].name = name;
	keys[rule->key_count].value = value;
	keys[rule->key_count].file = file;
	rule->key_count++;
	return true;
}

static bool
add_group(struct ogc_rule *rule, const char **paths, size_t count,
	const struct ogc_node *params, const char *file)
{
	struct ogc_field_group *groups;
	struct ogc_field_group *g;

	groups = realloc(rule->groups, (rule->group_count + 1) *
		sizeof(*groups));
	if (groups == NULL) {
		return false;
	}
	rule->groups = groups;
	g = &groups[rule->group_count++];
	memset(g, 0, sizeof(*g));
	g->rule = rule;
	g->paths = paths;
	g->count = count;
	g->params = params;
	g->params_file = file;
	return true;
}

static bool
check_group_keys(const struct ogc_rule *rule, const char *file,
	const struct ogc_node *map, struct ogc_error *err)
{
	const struct ogc_node *c;
	const char *near;

	for (c = map->child; c != NULL; c = c->next) {
		if (strcmp(c->key, "fields") != 0 &&
			!in_list(rule->kind->params, c->key)) {
			near = ogc_suggest(c->key, rule->kind->params, SIZE_MAX);
			return ogc_rule_node_error(err, rule, file, c, "unknown key \"%s\" "
				"in a field group (check \"%s\" takes no such "
				"parameter%s%s%s)", c->key, rule->kind->name, near != NULL ?
				"; did you mean \"" : "", near != NULL ? near : "",
				near != NULL ? "\"?" : "");
		}
	}
	return true;
}

/*
 * Builds rule->groups from the `fields` key:
 *   fields: og.title                  -> one group {og.title}
 *   fields: [og.title, "og:title"]    -> one group of two aliases
 *   fields: [[a, b], [c]]             -> two groups
 *   fields: [{fields: [d], max: 200}] -> a group with its own parameters
 */
static bool
build_groups(struct ogc_rule *rule, struct ogc_error *err)
{
	const struct ogc_rule_key *k = ogc_rule_key(rule, "fields");
	const struct ogc_node *n;
	const struct ogc_node *c;
	const struct ogc_node *inner;
	const struct ogc_node *params;
	const char **paths;
	size_t count;
	bool bad;
	bool all_text = true;

	if (k == NULL) {
		return ogc_rule_node_error(err, rule, rule->file, &(struct ogc_node){
			.pos = rule->pos}, "no fields: say which field paths "
			"the rule checks");
	}
	n = k->value;
	if (n->kind == OGC_NODE_SEQ) {
		for (c = n->child; c != NULL; c = c->next) {
			all_text = all_text && c->kind == OGC_NODE_SCALAR;
		}
	}
	if (n->kind == OGC_NODE_SCALAR || (n->kind == OGC_NODE_SEQ && all_text)) {
		paths = ogc_node_strings(n, &count, &bad);
		if (paths == NULL || count == 0) {
			free(paths);
			return bad || count == 0 ? ogc_rule_node_error(err, rule, k->file, n,
				"fields must name at least one field path") :
				ogc_error_nomem(err);
		}
		if (!add_group(rule, paths, count, NULL, k->file)) {
			free(paths);
			return ogc_error_nomem(err);
		}
		return true;
	}
	if (n->kind != OGC_NODE_SEQ) {
		return ogc_rule_node_error(err, rule, k->file, n, "fields must be a field "
			"path or a list");
	}
	for (c = n->child; c != NULL; c = c->next) {
		inner = c;
		params = NULL;
		if (c->kind == OGC_NODE_MAP) {
			if (!check_group_keys(rule, k->file, c, err)) {
				return false;
			}
			params = c;
			inner = ogc_node_member(c, "fields");
			if (inner == NULL) {
				return ogc_rule_node_error(err, rule, k->file, c, "a field "
					"group needs its own fields key");
			}
		} else if (c->kind == OGC_NODE_SCALAR) {
			return ogc_rule_node_error(err, rule, k->file, c, "fields mixes "
				"paths and groups: write each group as a list");
		}
		paths = ogc_node_strings(inner, &count, &bad);
		if (paths == NULL || count == 0) {
			free(paths);
			return bad || count == 0 ? ogc_rule_node_error(err, rule, k->file,
				inner, "a field group must be a list of field "
				"paths") : ogc_error_nomem(err);
		}
		if (!add_group(rule, paths, count, params, k->file)) {
			free(paths);
			return ogc_error_nomem(err);
		}
	}
	return true;
}

/*
 * Turns the merged keys of a rule into its severity, kind and compiled
 * groups, after any earlier compilation is undone.
 */
static bool
resolve_rule(struct ogc_rule *rule, struct ogc_error *err)
{
	const struct ogc_rule_key *k;
	const struct ogc_check_kind *kind = NULL;
	static const char *const severities[] = {"error", "warning", "info",
		"off", NULL};
	bool file_level = in_list(ogc_rule_file_level_ids, rule->id);
	const struct ogc_check_kind *const *kinds;
	const char *kind_names[32];
	const char *near;
	size_t n_kinds;
	char known[160];
	size_t i;

	free_groups(rule);
	ogc_when_free(rule);
	rule->kind = NULL;
	rule->severity = OGC_SEV_WARNING;
	rule->description = "";
	rule->help = "";
	rule->fallback = false;

	k = ogc_rule_key(rule, "severity");
	if (k != NULL && (k->value->kind != OGC_NODE_SCALAR ||
		!ogc_severity_parse(k->value->text, &rule->severity))) {
		near = ogc_suggest(k->value->text, severities, SIZE_MAX);
		return ogc_rule_node_error(err, rule, k->file, k->value, "severity must be "
			"error, warning, info or off, not \"%s\"%s%s%s",
			k->value->text, near != NULL ? " (did you mean " : "",
			near != NULL ? near : "", near != NULL ? "?)" : "");
	}
	k = ogc_rule_key(rule, "description");
	if (k != NULL) {
		if (k->value->kind != OGC_NODE_SCALAR) {
			return ogc_rule_node_error(err, rule, k->file, k->value,
				"description must be text");
		}
		rule->description = k->value->text;
	}
	k = ogc_rule_key(rule, "help");
	if (k != NULL) {
		if (k->value->kind != OGC_NODE_SCALAR) {
			return ogc_rule_node_error(err, rule, k->file, k->value,
				"help must be text");
		}
		rule->help = k->value->text;
	}
	k = ogc_rule_key(rule, "check");
	if (file_level) {
		for (i = 0; i < rule->key_count; i++) {
			k = &rule->keys[i];
			if (strcmp(rule->id, "image-shared") == 0 &&
				(strcmp(k->name, "share") == 0 ||
				strcmp(k->name, "min-pages") == 0)) {
				if (!ogc_shared_limit_valid(k->name, k->value)) {
					return ogc_rule_node_error(err, rule, k->file,
						k->value, "%s must be %s", k->name,
						strcmp(k->name, "share") == 0 ? "a share of "
						"pages from 0 to 1, such as 0.5 or 50%" :
						"a whole number of pages, 2 or more");
				}
				continue;
			}
			if (strcmp(k->name, "severity") != 0 &&
				strcmp(k->name, "description") != 0 &&
				strcmp(k->name, "help") != 0 &&
				strcmp(k->name, "id") != 0) {
				return ogc_rule_node_error(err, rule, k->file, k->value,
					"a file-level rule takes only severity, "
					"description and help%s, not \"%s\"",
					strcmp(rule->id, "image-shared") == 0 ? " (and "
					"share and min-pages)" : "", k->name);
			}
		}
		return true;
	}
	if (k == NULL) {
		return ogc_rule_node_error(err, rule, rule->file, &(struct ogc_node){
			.pos = rule->pos}, "no check: say which check kind the "
			"rule uses (ogcheck --list-rules shows the rules)");
	}
	if (k->value->kind == OGC_NODE_SCALAR) {
		kind = ogc_check_kind_find(k->value->text);
	}
	if (kind == NULL) {
		for (i = 0, kinds = ogc_check_kinds(&n_kinds); i < n_kinds &&
			i < sizeof(kind_names) / sizeof(*kind_names) - 1; i++) {
			kind_names[i] = kinds[i]->name;
		}
		kind_names[i] = NULL;
		near = k->value->kind == OGC_NODE_SCALAR ?
			ogc_suggest(k->value->text, kind_names, SIZE_MAX) : NULL;
		return ogc_rule_node_error(err, rule, k->file, k->value,
			"unknown check \"%s\"%s%s%s (known: %s)", k->value->text,
			near != NULL ? ", did you mean \"" : "", near != NULL ?
			near : "", near != NULL ? "\"?" : "",
			ogc_check_kind_names(known, sizeof(known)));
	}
	rule->kind = kind;
	for (i = 0; i < rule->key_count; i++) {
		k = &rule->keys[i];
		if (!in_list(ogc_rule_common_keys, k->name) &&
			!in_list(kind->params, k->name)) {
			near = ogc_suggest(k->name, kind->params, SIZE_MAX);
			if (near == NULL) {
				near = ogc_suggest(k->name, ogc_rule_common_keys,
					SIZE_MAX);
			}
			return ogc_rule_node_error(err, rule, k->file, k->value, "unknown key "
				"\"%s\" (check \"%s\" takes no such parameter%s%s%s)",
				k->name, kind->name, near != NULL ? "; did you mean \"" :
				"", near != NULL ? near : "", near != NULL ? "\"?" : "");
		}
	}
	k = ogc_rule_key(rule, "when");
	if (k != NULL && !ogc_when_compile(rule, k->value, k->file, err)) {
		return false;
	}
	k = ogc_rule_key(rule, "input");
	rule->input = OGC_INPUT_AUTO;
	if (k != NULL) {
		if (k->value->kind == OGC_NODE_SCALAR &&
			strcmp(k->value->text, "html") == 0) {
			rule->input = OGC_INPUT_HTML;
		} else if (k->value->kind == OGC_NODE_SCALAR &&
			strcmp(k->value->text, "markdown") == 0) {
			rule->input = OGC_INPUT_MARKDOWN;
		} else {
			return ogc_rule_node_error(err, rule, k->file, k->value,
				"input must be html (built pages) or markdown "
				"(front matter)");
		}
	}
	k = ogc_rule_key(rule, "fallback");
	if (k != NULL) {
		if (k->value->kind != OGC_NODE_SCALAR ||
			(strcmp(k->value->text, "true") != 0 &&
			strcmp(k->value->text, "false") != 0)) {
			return ogc_rule_node_error(err, rule, k->file, k->value,
				"fallback must be true or false");
		}
		rule->fallback = k->value->text[0] == 't';
	}
	if (!build_groups(rule, err)) {
		return false;
	}
	for (i = 0; i < rule->group_count; i++) {
		if (kind->compile != NULL &&
			!kind->compile(&rule->groups[i], err)) {
			return false;
		}
	}
	return true;
}

static bool
valid_id(const char *id)
{
	size_t i;

	if (id[0] == '\0' || id[0] == '-') {
		return false;
	}
	for (i = 0; id[i] != '\0'; i++) {
		if (!((id[i] >= 'a' && id[i] <= 'z') ||
			(id[i] >= '0' && id[i] <= '9') || id[i] == '-')) {
			return false;
		}
	}
	return true;
}

/*
 * Merges one rule into the set: `item` holds its keys (a map), or is a
 * severity alone (`title-length: off` in the map form of `rules:`).
 */
const char *
ogc_ruleset_near_id(const struct ogc_ruleset *rules, const char *id)
{
	const char **names;
	const char *near;
	size_t i;

	names = malloc((rules->table.count + 1) * sizeof(*names));
	if (names == NULL) {
		return NULL;
	}
	for (i = 0; i < rules->table.count; i++) {
		names[i] = rules->table.rules[i]->id;
	}
	names[i] = NULL;
	near = ogc_suggest(id, names, rules->table.count);
	free(names);
	return near;
}

/*
 * A rule of the file's own has a check: kind; one without is taken for
 * a misspelt id when a rule in force has a near one.
 */
static bool
misspelt_id(const struct ogc_ruleset *rules, const char *id,
	struct ogc_pos id_pos, const struct ogc_node *item, const char *file,
	struct ogc_error *err)
{
	const char *near;

	if ((item->kind == OGC_NODE_MAP && ogc_node_member(item, "check") !=
		NULL) || in_list(ogc_rule_file_level_ids, id)) {
		return false;
	}
	near = ogc_ruleset_near_id(rules, id);
	if (near == NULL) {
		return false;
	}
	ogc_error_set(err, OGC_ERR_RULES, file, id_pos, "no rule \"%s\" to "
		"change: did you mean \"%s\"? (a rule of your own needs a "
		"check:)", id, near);
	return true;
}

static bool
merge_rule(struct ogc_ruleset *rules, const char *id, struct ogc_pos id_pos,
	const struct ogc_node *item, const char *file, struct ogc_error *err)
{
	const struct ogc_node *c;
	struct ogc_rule *rule;
	const char *name;
	size_t at;
	bool found;

	if (id == NULL || !valid_id(id)) {
		ogc_error_set(err, OGC_ERR_RULES, file, id_pos, "a rule needs an "
			"id in lower-case kebab-case (such as title-length)");
		return false;
	}
	if (item->kind != OGC_NODE_MAP && item->kind != OGC_NODE_SCALAR) {
		ogc_error_set(err, OGC_ERR_RULES, file, item->pos, "rule \"%s\" "
			"must be a map of keys or a severity, not %s", id,
			ogc_node_kind_name(item->kind));
		return false;
	}
	at = ogc_rule_table_index(&rules->table, id, &found);
	if (found) {
		rule = rules->table.rules[at];
	} else if (misspelt_id(rules, id, id_pos, item, file, err)) {
		return false;
	} else {
		rule = calloc(1, sizeof(*rule));
		if (rule == NULL) {
			return ogc_error_nomem(err);
		}
		rule->id = id;
		rule->pos = item->kind == OGC_NODE_MAP ? item->pos : id_pos;
		rule->file = file;
		if (!ogc_array_reserve(&rules->table.rules, &rules->table.cap,
			rules->table.count + 1, sizeof(*rules->table.rules), 32)) {
			free(rule);
			return ogc_error_nomem(err);
		}
		memmove(&rules->table.rules[at + 1], &rules->table.rules[at],
			(rules->table.count - at) * sizeof(*rules->table.rules));
		rules->table.rules[at] = rule;
		rules->table.count++;
	}
	if (item->kind == OGC_NODE_SCALAR) {
		if (!set_key(rule, "severity", item, file)) {
			return ogc_error_nomem(err);
		}
		return resolve_rule(rule, err);
	}
	for (c = item->child; c != NULL; c = c->next) {
		/* `field: x` reads as `fields: x` */
		name = strcmp(c->key, "field") == 0 ? "fields" : c->key;
		if (strcmp(name, "id") == 0 && (c->kind != OGC_NODE_SCALAR ||
			strcmp(c->text, id) != 0)) {
			ogc_error_set(err, OGC_ERR_RULES, file, c->pos, "id \"%s\" "
				"differs from the rule's key \"%s\"", c->text, id);
			return false;
		}
		if (!set_key(rule, name, c, file)) {
			return ogc_error_nomem(err);
		}
	}
	return resolve_rule(rule, err);
}

/*
 * Merges a `rules:` value in either form:
 *   rules:                        rules:
 *     - id: title-length            title-length: {max: 70}
 *       max: 70                     og-locale: off
 */
static bool
merge_rules(struct ogc_ruleset *rules, const struct ogc_node *list,
	const char *file, struct ogc_error *err)
{
	const struct ogc_node *c;
	const struct ogc_node *id;

	if (list->kind == OGC_NODE_MAP) {
		for (c = list->child; c != NULL; c = c->next) {
			if (!merge_rule(rules, c->key, c->key_pos, c, file, err)) {
				return false;
			}
		}
		return true;
	}
	if (list->kind != OGC_NODE_SEQ) {
		ogc_error_set(err, OGC_ERR_RULES, file, list->pos, "rules must "
			"be a list of rules or a map from rule ids to rules");
		return false;
	}
	for (c = list->child; c != NULL; c = c->next) {
		if (c->kind != OGC_NODE_MAP) {
			ogc_error_set(err, OGC_ERR_RULES, file, c->pos, "each rule "
				"must be a map with an id, not %s",
				ogc_node_kind_name(c->kind));
			return false;
		}
		id = ogc_node_member(c, "id");
		if (!merge_rule(rules, id != NULL && id->kind == OGC_NODE_SCALAR ?
			id->text : NULL, id != NULL ? id->pos : c->pos, c, file,
			err)) {
			return false;
		}
	}
	return true;
}

static bool
merge_aliases(struct ogc_ruleset *rules, const struct ogc_node *c,
	const char *file, struct ogc_error *err)
{
	return ogc_rule_table_merge_aliases(&rules->table, c, file, err);
}

static bool
merge_excludes(struct ogc_ruleset *rules, const struct ogc_node *c,
	const char *file, struct ogc_error *err)
{
	return ogc_rule_table_merge_excludes(&rules->table, c, file, err);
}

static bool
merge_exclude_urls(struct ogc_ruleset *rules, const struct ogc_node *c,
	const char *file, struct ogc_error *err)
{
	return ogc_rule_table_merge_exclude_urls(&rules->table, c, file, err);
}

static bool
merge_supplies(struct ogc_ruleset *rules, const struct ogc_node *c,
	const char *file, struct ogc_error *err)
{
	return ogc_rule_table_merge_supplies(&rules->table, c, file, err);
}

static bool
load_name_node(struct ogc_ruleset *rules, const char *kind,
	const struct ogc_node *n, const char *file, struct ogc_error *err)
{
	char known[160];

	if (n->kind != OGC_NODE_SCALAR || n->len == 0) {
		ogc_error_set(err, OGC_ERR_RULES, file, n->pos, "a %.*s is named "
			"by text (known: %s)", (int)(strlen(kind) - 1), kind,
			ogc_rules_names(kind, known, sizeof(known)));
		return false;
	}
	if (!ogc_ruleset_load_named(rules, kind, n->text, err)) {
		if (err->status == OGC_ERR_USAGE) {
			err->status = OGC_ERR_RULES;
			err->file = file;
			err->pos = n->pos;
		}
		return false;
	}
	return true;
}

/* `preset: hugo` or `profiles: [facebook, x]` in a rule file. */
static bool
load_named(struct ogc_ruleset *rules, const struct ogc_node *c,
	const char *file, struct ogc_error *err)
{
	const char *kind = strcmp(c->key, "preset") == 0 ? "presets" :
		"profiles";
	const struct ogc_node *item;

	if (c->kind != OGC_NODE_SEQ) {
		return load_name_node(rules, kind, c, file, err);
	}
	for (item = c->child; item != NULL; item = item->next) {
		if (!load_name_node(rules, kind, item, file, err)) {
			return false;
		}
	}
	return true;
}

/* `generator: none`: the site model is off for the file's site. */
static bool
merge_generator(struct ogc_ruleset *rules, const struct ogc_node *c,
	const char *file, struct ogc_error *err)
{
	if (c->kind != OGC_NODE_SCALAR || strcmp(c->text, "none") != 0) {
		ogc_error_set(err, OGC_ERR_RULES, file, c->pos, "generator takes "
			"none (no site model: files are checked as written); a "
			"generator is found from its config, a preset chosen "
			"with preset:");
		return false;
	}
	rules->no_site_model = true;
	return true;
}

/* `extends: default` keeps the rules loaded before; `none` drops them. */
static bool
merge_extends(struct ogc_ruleset *rules, const struct ogc_node *c,
	const char *file, struct ogc_error *err)
{
	if (c->kind != OGC_NODE_SCALAR || (strcmp(c->text, "none") != 0 &&
		strcmp(c->text, "default") != 0)) {
		ogc_error_set(err, OGC_ERR_RULES, file, c->pos, "extends must be "
			"default or none");
		return false;
	}
	if (strcmp(c->text, "none") == 0) {
		clear_rules(rules);
	}
	return true;
}

/*
 * The top-level keys of a rule file and what merges each, alphasorted;
 * `rules` (merge NULL) is merged after the others, wherever it stands.
 */
static const struct file_key {
	const char *name;
	bool (*merge)(struct ogc_ruleset *rules, const struct ogc_node *c,
		const char *file, struct ogc_error *err);
} file_keys[] = {
	{"aliases", merge_aliases},
	{"exclude", merge_excludes},
	{"exclude-urls", merge_exclude_urls},
	{"extends", merge_extends},
	{"generator", merge_generator},
	{"preset", load_named},
	{"profiles", load_named},
	{"rules", NULL},
	{"supplies", merge_supplies},
};

#define FILE_KEY_COUNT (sizeof(file_keys) / sizeof(*file_keys))

static const struct file_key *
find_file_key(const char *name)
{
	size_t i;

	for (i = 0; i < FILE_KEY_COUNT; i++) {
		if (strcmp(file_keys[i].name, name) == 0) {
			return &file_keys[i];
		}
	}
	return NULL;
}

/* "aliases, exclude, ... and supplies" into buf. */
static void
file_key_names(char *buf, size_t size)
{
	size_t used = 0;
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < FILE_KEY_COUNT && used < size; i++) {
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
			i == 0 ? "" : i + 1 == FILE_KEY_COUNT ? " and " : ", ",
			file_keys[i].name);
	}
}

/* The top-level key nearest to a misspelt one, or NULL. */
static const char *
near_file_key(const char *key)
{
	const char *names[FILE_KEY_COUNT + 1];
	size_t i;

	for (i = 0; i < FILE_KEY_COUNT; i++) {
		names[i] = file_keys[i].name;
	}
	names[i] = NULL;
	return ogc_suggest(key, names, FILE_KEY_COUNT);
}

const char *
ogc_rule_file_key(size_t index)
{
	return index < FILE_KEY_COUNT ? file_keys[index].name : NULL;
}

bool
ogc_ruleset_load_buffer(struct ogc_ruleset *rules, const char *name,
	const char *data, size_t len, struct ogc_error *err)
{
	struct rule_file *f;
	const struct ogc_node *root;
	const struct ogc_node *c;
	const struct ogc_node *list = NULL;
	const struct file_key *key;
	const char *near;
	char known[160];

	f = calloc(1, sizeof(*f));
	if (f == NULL) {
		return ogc_error_nomem(err);
	}
	f->name = strdup(name);
	if (f->name == NULL) {
		free(f);
		return ogc_error_nomem(err);
	}
	/* kept even on failure: err->file points at f->name */
	f->next = rules->files;
	rules->files = f;
	f->doc = ogc_doc_parse(data, len, 1);
	if (f->doc == NULL) {
		return ogc_error_nomem(err);
	}
	if (f->doc->problems != NULL) {
		ogc_error_set(err, OGC_ERR_RULES, f->name, f->doc->problems->pos,
			"%s", f->doc->problems->msg);
		return false;
	}
	root = f->doc->root;
	if (root->kind == OGC_NODE_SEQ) {
		/* a bare list of rules */
		list = root;
	} else if (root->kind != OGC_NODE_MAP) {
		ogc_error_set(err, OGC_ERR_RULES, f->name, root->pos, "a rule "
			"file is a map with a rules: list, not %s",
			ogc_node_kind_name(root->kind));
		return false;
	}
	for (c = list == NULL ? root->child : NULL; c != NULL; c = c->next) {
		key = find_file_key(c->key);
		if (key == NULL) {
			file_key_names(known, sizeof(known));
			near = near_file_key(c->key);
			ogc_error_set(err, OGC_ERR_RULES, f->name, c->key_pos,
				"unknown key \"%s\"%s%s%s (a rule file has %s)", c->key,
				near != NULL ? ", did you mean \"" : "", near != NULL ?
				near : "", near != NULL ? "\"?" : "", known);
			return false;
		}
		if (key->merge == NULL) {
			list = c; /* rules: merged after the rest of the file */
		} else if (!key->merge(rules, c, f->name, err)) {
			return false;
		}
	}
	if (list != NULL && list->kind != OGC_NODE_NULL &&
		!merge_rules(rules, list, f->name, err)) {
		return false;
	}
	ogc_rule_table_share_paths(&rules->table);
	return true;
}

bool
ogc_ruleset_load_builtin(struct ogc_ruleset *rules, struct ogc_error *err)
{
	return ogc_ruleset_load_buffer(rules, "rules/default.yaml",
		ogc_default_rules, ogc_default_rules_len, err);
}

const char *
ogc_rules_names(const char *kind, char *buf, size_t size)
{
	const struct ogc_embedded *e;
	size_t n = strlen(kind);
	size_t used = 0;

	buf[0] = '\0';
	for (e = ogc_embedded_rules; e->name != NULL; e++) {
		if (strncmp(e->name, kind, n) == 0 && e->name[n] == '/' &&
			used < size) {
			used += (size_t)snprintf(buf + used, size - used, "%s%s",
				used > 0 ? ", " : "", e->name + n + 1);
		}
	}
	return buf;
}

bool
ogc_ruleset_load_named(struct ogc_ruleset *rules, const char *kind,
	const char *name, struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	const struct ogc_embedded *e;
	size_t n = strlen(kind);
	const char *names[32];
	const char *near;
	char known[160];
	size_t i;

	for (e = ogc_embedded_rules; e->name != NULL; e++) {
		if (strncmp(e->name, kind, n) == 0 && e->name[n] == '/' &&
			strcmp(e->name + n + 1, name) == 0) {
			break;
		}
	}
	if (e->name == NULL) {
		for (e = ogc_embedded_rules, i = 0; e->name != NULL && i <
			sizeof(names) / sizeof(*names) - 1; e++) {
			if (strncmp(e->name, kind, n) == 0 && e->name[n] == '/') {
				names[i++] = e->name + n + 1;
			}
		}
		names[i] = NULL;
		near = ogc_suggest(name, names, SIZE_MAX);
		ogc_error_set(err, OGC_ERR_USAGE, NULL, none, "unknown %.*s \"%s\""
			"%s%s%s (known: %s)", (int)(n - 1), kind, name, near != NULL ?
			", did you mean \"" : "", near != NULL ? near : "",
			near != NULL ? "\"?" : "",
			ogc_rules_names(kind, known, sizeof(known)));
		return false;
	}
	for (i = 0; i < rules->loaded_count; i++) {
		if (rules->loaded[i] == e->name) {
			return true; /* once is enough */
		}
	}
	if (rules->loaded_count < sizeof(rules->loaded) /
		sizeof(*rules->loaded)) {
		rules->loaded[rules->loaded_count++] = e->name;
	}
	return ogc_ruleset_load_buffer(rules, e->path, e->text, e->len, err);
}

/*
 * Reads a whole rule file, at most OGC_MAX_FRONT_MATTER bytes. Pipes work
 * too, so `--rules <(generate-rules)` does.
 */
bool
ogc_ruleset_load_file(struct ogc_ruleset *rules, const char *path,
	struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	struct ogc_strbuf data = {0};
	char chunk[8192];
	ssize_t n;
	bool ok = false;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		ogc_error_set(err, OGC_ERR_IO, path, none, "cannot open the rule "
			"file: %s", strerror(errno));
		return false;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			ogc_error_set(err, OGC_ERR_IO, path, none, "cannot read the "
				"rule file: %s", strerror(errno));
			goto finish_data;
		}
		if (n == 0) {
			break;
		}
		ogc_strbuf_add(&data, chunk, (size_t)n);
		if (data.len > OGC_MAX_FRONT_MATTER) {
			ogc_error_set(err, OGC_ERR_RULES, path, none, "the rule "
				"file is larger than 1 MiB");
			goto finish_data;
		}
	}
	if (data.failed) {
		ogc_error_nomem(err);
		goto finish_data;
	}
	ok = ogc_ruleset_load_buffer(rules, path, data.data != NULL ?
		data.data : "", data.len, err);
finish_data:
	ogc_strbuf_finish(&data);
	close(fd);
	return ok;
}

size_t
ogc_ruleset_count(const struct ogc_ruleset *rules)
{
	return rules->table.count;
}

bool
ogc_ruleset_info(const struct ogc_ruleset *rules, size_t index,
	struct ogc_rule_info *out)
{
	const struct ogc_rule *rule;

	if (index >= rules->table.count) {
		return false;
	}
	rule = rules->table.rules[index];
	out->id = rule->id;
	out->check = rule->kind != NULL ? rule->kind->name : "";
	out->description = rule->description;
	out->help = rule->help != NULL ? rule->help : "";
	out->severity = rule->severity;
	out->network = rule->kind != NULL && rule->kind->network;
	return true;
}

bool
ogc_ruleset_keep_only(struct ogc_ruleset *rules, char **ids, size_t count,
	struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	const char *near;
	size_t kept = 0;
	size_t i;
	size_t k;

	for (k = 0; k < count; k++) {
		if (ogc_ruleset_find(rules, ids[k]) != NULL) {
			continue;
		}
		near = ogc_ruleset_near_id(rules, ids[k]);
		ogc_error_set(err, OGC_ERR_USAGE, NULL, none, "no rule \"%s\"%s%s%s "
			"(ogcheck --list-rules lists them)", ids[k], near != NULL ?
			", did you mean \"" : "", near != NULL ? near : "",
			near != NULL ? "\"?" : "");
		return false;
	}
	for (i = 0; i < rules->table.count; i++) {
		for (k = 0; k < count && strcmp(ids[k],
			rules->table.rules[i]->id) != 0; k++) {
		}
		if (k < count) {
			rules->table.rules[kept++] = rules->table.rules[i];
		} else {
			rule_destroy(rules->table.rules[i]);
		}
	}
	rules->table.count = kept;
	return true;
}

const struct ogc_rule *
ogc_ruleset_find(const struct ogc_ruleset *rules, const char *id)
{
	return ogc_rule_table_find(&rules->table, id);
}

const struct ogc_rule *
ogc_ruleset_rule(const struct ogc_ruleset *rules, size_t index)
{
	return index < rules->table.count ? rules->table.rules[index] : NULL;
}

const struct ogc_rule_table *
ogc_ruleset_table(const struct ogc_ruleset *rules)
{
	return &rules->table;
}

bool
ogc_ruleset_site_model(const struct ogc_ruleset *rules)
{
	return !rules->no_site_model;
}
