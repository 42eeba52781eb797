/* keys.c: the keys of rule files: those every rule has, the file-level
 * rule ids, and the top-level aliases:, exclude: and supplies:, merged
 * into the rule table. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "read/read.h"
#include "rules/rules.h"
#include "util/util.h"

/*
 * Keys every rule may have; a check kind adds its own parameters, and
 * `field` is read as `fields`. Alphasorted.
 */
const char *const ogc_rule_common_keys[] = {
	"check", "description", "fallback", "fields", "help", "id", "input",
	"severity", "when", NULL,
};

/*
 * Rules checked by the file loader (or by the cross-page stage) rather
 * than by a check kind: only their severity, description and help can be
 * set. Alphasorted.
 */
const char *const ogc_rule_file_level_ids[] = {
	"canonical-multiple", "canonical-target", "date-filename",
	"date-future", "date-order", "description-agree",
	"description-duplicate", "file-unreadable",
	"front-matter-invalid", "front-matter-missing",
	"front-matter-unread", "html-not-utf8", "image-icon",
	"image-in-site", "image-shared", "image-svg", "limit-aliases",
	"limit-depth", "limit-diagnostics", "limit-download-size",
	"limit-front-matter-size", "limit-line-length",
	"limit-redirects", "limit-url-length", "limit-values",
	"locale-lang", "meta-duplicate", "meta-outside-head",
	"not-a-page", "redirect-target", "robots-blocks-card",
	"suppression-unused", "title-agree", "title-duplicate",
	"title-missing", "url-duplicate", "url-relative", NULL,
};

/*
 * Merges `aliases: {og.image: [images, image.path], canonical:
 * canonical_url}`: where a field may be found when it is absent. A later
 * file replaces a field's list.
 */
bool
ogc_rule_table_merge_aliases(struct ogc_rule_table *table, const struct ogc_node *map,
	const char *file, struct ogc_error *err)
{
	const struct ogc_node *c;
	struct ogc_alias *v;
	const char **paths;
	size_t count;
	size_t i;
	bool bad;

	if (map->kind != OGC_NODE_MAP) {
		ogc_error_set(err, OGC_ERR_RULES, file, map->pos, "aliases must be "
			"a map from a field to the paths that stand for it, such "
			"as {og.image: [images, image.path]}");
		return false;
	}
	for (c = map->child; c != NULL; c = c->next) {
		paths = ogc_node_strings(c, &count, &bad);
		if (paths == NULL || count == 0) {
			free(paths);
			ogc_error_set(err, OGC_ERR_RULES, file, c->pos, "the aliases "
				"of %s must be a path or a list of paths", c->key);
			return bad || count == 0 ? false : ogc_error_nomem(err);
		}
		for (i = 0; i < table->alias_count; i++) {
			if (strcmp(table->aliases[i].field, c->key) == 0) {
				break;
			}
		}
		if (i == table->alias_count) {
			v = realloc(table->aliases, (i + 1) * sizeof(*v));
			if (v == NULL) {
				free(paths);
				return ogc_error_nomem(err);
			}
			table->aliases = v;
			table->alias_count++;
			v[i].paths = NULL;
		}
		free(table->aliases[i].paths);
		table->aliases[i].field = c->key;
		table->aliases[i].paths = paths;
		table->aliases[i].count = count;
	}
	return true;
}

/*
 * `exclude: [drafts, "*.tmp.md"]`: globs of files that are no pages
 * (ogc_ruleset_excluded()); each file's list adds to the ones before.
 */
bool
ogc_rule_table_merge_excludes(struct ogc_rule_table *table, const struct ogc_node *node,
	const char *file, struct ogc_error *err)
{
	const char **globs;
	const char **v;
	size_t count;
	size_t i;
	bool bad;

	globs = ogc_node_strings(node, &count, &bad);
	if (globs == NULL && bad) {
		ogc_error_set(err, OGC_ERR_RULES, file, node->pos, "exclude is a "
			"glob or a list of globs, such as [drafts/**]");
		return false;
	}
	if (globs == NULL && count == 0) {
		return true;
	}
	if (globs == NULL) {
		return ogc_error_nomem(err);
	}
	v = realloc(table->excludes, (table->exclude_count +
		count) * sizeof(*v));
	if (v == NULL) {
		free(globs);
		return ogc_error_nomem(err);
	}
	table->excludes = v;
	for (i = 0; i < count; i++) {
		v[table->exclude_count++] = globs[i];
	}
	free(globs);
	return true;
}

/*
 * `exclude-urls: ["^https?://staging\\."]`: URLs the network checks
 * neither fetch nor report (POSIX EREs, matched anywhere in the
 * normalised URL); each file's list adds to the ones before.
 */
bool
ogc_rule_table_merge_exclude_urls(struct ogc_rule_table *table,
	const struct ogc_node *node, const char *file, struct ogc_error *err)
{
	const char **res;
	const char **v;
	char why[160];
	size_t count;
	size_t i;
	bool bad;

	res = ogc_node_strings(node, &count, &bad);
	if (res == NULL && bad) {
		ogc_error_set(err, OGC_ERR_RULES, file, node->pos, "exclude-urls "
			"is a regular expression or a list of them, such as "
			"[\"^https://staging\\\\.\"]");
		return false;
	}
	if (res == NULL && count == 0) {
		return true;
	}
	if (res == NULL) {
		return ogc_error_nomem(err);
	}
	for (i = 0; i < count; i++) {
		if (!ogc_regex_valid(res[i], why, sizeof(why))) {
			ogc_error_set(err, OGC_ERR_RULES, file, node->pos,
				"exclude-urls: \"%s\" is not a valid regular "
				"expression: %s", res[i], why);
			free(res);
			return false;
		}
	}
	v = realloc(table->exclude_urls, (table->exclude_url_count +
		count) * sizeof(*v));
	if (v == NULL) {
		free(res);
		return ogc_error_nomem(err);
	}
	table->exclude_urls = v;
	for (i = 0; i < count; i++) {
		v[table->exclude_url_count++] = res[i];
	}
	free(res);
	return true;
}

/*
 * `supplies: {og.image: generated by the og-image plugin}`, or a list of
 * fields: what the site writes where ogcheck cannot read it (an image
 * made at build time, a value set in JavaScript). A supplied field is not
 * asked of the front matter.
 */
bool
ogc_rule_table_merge_supplies(struct ogc_rule_table *table, const struct ogc_node *node,
	const char *file, struct ogc_error *err)
{
	const struct ogc_node *c;
	struct ogc_supplied *v;
	size_t n = 0;

	if (node->kind != OGC_NODE_MAP && node->kind != OGC_NODE_SEQ) {
		ogc_error_set(err, OGC_ERR_RULES, file, node->pos, "supplies is a "
			"map from a field to what writes it, or a list of fields");
		return false;
	}
	for (c = node->child; c != NULL; c = c->next) {
		n++;
	}
	v = realloc(table->supplied, (table->supplied_count + n) *
		sizeof(*v));
	if (v == NULL) {
		return ogc_error_nomem(err);
	}
	table->supplied = v;
	for (c = node->child; c != NULL; c = c->next) {
		v = &table->supplied[table->supplied_count];
		v->file = file;
		if (node->kind == OGC_NODE_MAP) {
			v->field = c->key;
			v->why = c->kind == OGC_NODE_SCALAR && c->len > 0 ?
				c->text : NULL;
		} else if (c->kind == OGC_NODE_SCALAR && c->len > 0) {
			v->field = c->text;
			v->why = NULL;
		} else {
			ogc_error_set(err, OGC_ERR_RULES, file, c->pos, "supplies "
				"lists fields such as og.image");
			return false;
		}
		table->supplied_count++;
	}
	return true;
}

/* Reads a share: "0.5", "50%"; false unless in (0, 1]. */
static bool
read_share(const char *text, double *out)
{
	char *end = NULL;
	double v = strtod(text, &end);

	if (end == text) {
		return false;
	}
	if (*end == '%') {
		v /= 100;
		end++;
	}
	if (*end != '\0' || !(v > 0 && v <= 1)) {
		return false;
	}
	*out = v;
	return true;
}

/* Reads a number of pages, 2 or more. */
static bool
read_pages(const char *text, size_t *out)
{
	char *end = NULL;
	unsigned long v;

	if (text[0] < '0' || text[0] > '9') {
		return false;
	}
	v = strtoul(text, &end, 10);
	if (*end != '\0' || v < 2 || v > 100000000ul) {
		return false;
	}
	*out = (size_t)v;
	return true;
}

bool
ogc_shared_limit_valid(const char *key, const struct ogc_node *value)
{
	double share;
	size_t pages;

	if (value->kind != OGC_NODE_SCALAR) {
		return false;
	}
	return strcmp(key, "share") == 0 ? read_share(value->text, &share) :
		read_pages(value->text, &pages);
}

void
ogc_shared_limits(const struct ogc_ruleset *rules, double *share,
	size_t *pages)
{
	const struct ogc_rule *rule = ogc_ruleset_find(rules, "image-shared");
	const struct ogc_rule_key *k;

	*share = 0.5;
	*pages = 10;
	k = rule != NULL ? ogc_rule_key(rule, "share") : NULL;
	if (k != NULL && k->value->kind == OGC_NODE_SCALAR) {
		read_share(k->value->text, share);
	}
	k = rule != NULL ? ogc_rule_key(rule, "min-pages") : NULL;
	if (k != NULL && k->value->kind == OGC_NODE_SCALAR) {
		read_pages(k->value->text, pages);
	}
}
