/* ctx.c: what a check may do while it runs over one document: look up
 * fields (with aliases), emit findings, queue URLs for the network. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "net/net.h"
#include "read/read.h"
#include "report/report.h"
#include "util/util.h"

/* Room for a message; longer ones are cut (values can be long). */
#define MESSAGE_MAX 1024

static void
format_message(char *buf, size_t size, const char *fmt, va_list ap)
	OGC_PRINTF(3, 0);

/*
 * Ends buf[0, size - 1), a message too long for it, on a character
 * boundary with "…" and the NUL.
 */
static void
end_cut(char *buf, size_t size)
{
	size_t len = ogc_utf8_cut(buf, size - 1, size - 4);

	memcpy(buf + len, "\xe2\x80\xa6", 4);
}

/* Cuts a formatted message that overflowed on a character boundary. */
static void
format_message(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, size, fmt, ap);

	if (n < 0) {
		buf[0] = '\0';
	} else if ((size_t)n >= size) {
		end_cut(buf, size);
	}
}

/* True (and marks it used) when the file disables rule `id`. */
static bool
suppressed(struct ogc_suppressions *s, const char *id)
{
	size_t i;

	for (i = 0; s != NULL && i < s->count; i++) {
		if (strcmp(s->items[i].id, id) == 0) {
			s->items[i].used = true;
			return true;
		}
	}
	return false;
}

/* Adds the finding of ogc_emit_va() or ogc_emit_text(). */
static void
add(struct ogc_report *report, struct ogc_suppressions *suppress,
	const struct ogc_rule *rule, const struct ogc_place *at,
	const char *message)
{
	struct ogc_diag d;

	memset(&d, 0, sizeof(d));
	d.file = at->file;
	d.pos = at->pos;
	d.end = at->end;
	d.severity = rule->severity;
	d.rule = rule->id;
	d.field = at->field;
	d.value = at->value;
	d.message = message;
	d.expected = at->expected;
	d.suppressed = suppressed(suppress, rule->id);
	d.grouped = at->grouped;
	ogc_report_add(report, &d, at->value_len);
}

void
ogc_emit_va(struct ogc_report *report, struct ogc_suppressions *suppress,
	const struct ogc_rule *rule, const struct ogc_place *at, const char *fmt,
	va_list ap)
{
	char message[MESSAGE_MAX];

	if (rule == NULL || rule->severity == OGC_SEV_OFF) {
		return;
	}
	format_message(message, sizeof(message), fmt, ap);
	add(report, suppress, rule, at, message);
}

void
ogc_emit_text(struct ogc_report *report, struct ogc_suppressions *suppress,
	const struct ogc_rule *rule, const struct ogc_place *at,
	const char *message)
{
	char cut[MESSAGE_MAX];

	if (rule == NULL || rule->severity == OGC_SEV_OFF) {
		return;
	}
	if (strlen(message) >= sizeof(cut)) {
		/* as format_message() cuts */
		memcpy(cut, message, sizeof(cut) - 1);
		end_cut(cut, sizeof(cut));
		message = cut;
	}
	add(report, suppress, rule, at, message);
}

void
ogc_ctx_emit_at(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	struct ogc_pos pos, struct ogc_pos end, const char *field,
	const char *value, const char *fmt, ...)
{
	struct ogc_place at = {ctx->file, pos, end, field, value,
		value != NULL ? strlen(value) : 0, ctx->expected, false};
	va_list ap;

	va_start(ap, fmt);
	ogc_emit_va(ctx->report, ctx->suppress, rule, &at, fmt, ap);
	va_end(ap);
}

void
ogc_ctx_emit(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const struct ogc_node *node, const char *field, const char *fmt, ...)
{
	struct ogc_place at = {ctx->file, {1, 1}, {0, 0}, field, NULL, 0,
		ctx->expected, false};
	va_list ap;

	if (node != NULL) {
		/* the key itself when the value is missing (ogcheck(1)) */
		at.pos = node->kind == OGC_NODE_NULL && node->key != NULL ?
			node->key_pos : node->pos;
		if (node->kind == OGC_NODE_SCALAR) {
			at.value = node->text;
			at.value_len = node->len;
			at.end = node->end;
		}
	}
	va_start(ap, fmt);
	ogc_emit_va(ctx->report, ctx->suppress, rule, &at, fmt, ap);
	va_end(ap);
}

const struct ogc_rule *
ogc_ctx_limit(const struct ogc_ctx *ctx, const char *id)
{
	return ctx->rules != NULL ? ogc_rule_table_find(ctx->rules, id) : NULL;
}

bool
ogc_ctx_first_read(struct ogc_ctx *ctx, const struct ogc_node *node)
{
	size_t i;

	for (i = 0; i < ctx->seen_count; i++) {
		if (ctx->seen[i] == node) {
			return false;
		}
	}
	if (ctx->seen_count < OGC_CTX_SEEN) {
		ctx->seen[ctx->seen_count++] = node;
	}
	return true;
}

void
ogc_ctx_queue_url(struct ogc_ctx *ctx, const struct ogc_field_group *group,
	const char *field, const struct ogc_node *node, bool want_image,
	const struct ogc_declared *declared)
{
	const char *base = NULL;
	struct ogc_net_place at;
	char *url;

	if (node->kind != OGC_NODE_SCALAR || node->len == 0 ||
		strlen(node->text) != node->len) {
		return;
	}
	if (suppressed(ctx->suppress, group->rule->id)) {
		return; /* disabled in this file: nothing to fetch for it */
	}
	if (ctx->options->offline) {
		if (ogc_ctx_first_read(ctx, node)) {
			ogc_report_add_skipped(ctx->report);
		}
		return;
	}
	if (node->len > OGC_MAX_URL) {
		if (ogc_ctx_first_read(ctx, node)) {
			ogc_ctx_emit(ctx, ogc_ctx_limit(ctx, "limit-url-length"),
				node, field, "%s is not "
				"fetched: the URL is %zu bytes long, and ogcheck "
				"fetches at most %u (limit url-length)", field,
				node->len, OGC_MAX_URL);
		}
		return;
	}
	if (ogc_url_is_relative(node->text)) {
		base = ctx->options->base_url;
		/* what the generator makes of it against the site's URL */
		if (base == NULL && !ctx->flat && ctx->site != NULL) {
			base = ctx->site->base_url;
		}
		if (base == NULL) {
			return;
		}
	}
	url = ogc_url_normalize(node->text, base, NULL, 0);
	if (url == NULL) {
		return;
	}
	at.field = field;
	at.value = node->text;
	at.pos = node->pos;
	at.end = node->end;
	memset(&at.declared, 0, sizeof(at.declared));
	if (declared != NULL) {
		at.declared = *declared;
	}
	if (!ogc_net_queue_add(ctx->queue, url,
		want_image, ctx->file, group, &at)) {
		ogc_report_fail(ctx->report);
	}
	free(url);
}

/* ogc_ctx_node() of a path in a buffer, which the memo must not keep. */
static const struct ogc_node *
lookup_once(const struct ogc_ctx *ctx, const char *path)
{
	return ogc_ctx_absent(ctx, path) ? NULL :
		ogc_node_lookup(ctx->root, path);
}

/*
 * The number of the path's text (numbered when new and `add`: *added),
 * or -1: not numbered, or all numbers taken.
 */
static int
text_number(struct ogc_ctx_memo *m, const char *path, bool add,
	bool *added)
{
	size_t len = strlen(path);
	const unsigned char *p = (const unsigned char *)path;
	size_t slot;
	size_t probe;

	/* a cheap key: the length and three bytes ("og.image", "og:image") */
	slot = len * 37 + (len > 0 ? p[0] * 7u + p[len - 1] : 0) +
		(len > 2 ? p[2] * 3u : 0);
	for (probe = 0; probe < 8; probe++, slot++) {
		slot %= OGC_CTX_TEXTS;
		if (m->text[slot] == NULL) {
			if (!add) {
				return -1;
			}
			m->text[slot] = path;
			m->len[slot] = len;
			m->dotted[slot] = memchr(path, '.', len) != NULL;
			*added = true;
			return (int)slot;
		}
		if (m->len[slot] == len && memcmp(m->text[slot], path, len) == 0) {
			return (int)slot;
		}
	}
	return -1;
}

void
ogc_ctx_memo_next(struct ogc_ctx_memo *memo, const struct ogc_node *root)
{
	const struct ogc_node *c;
	bool added;
	int n;

	if (++memo->doc == 0) {
		memset(memo->found_in, 0, sizeof(memo->found_in));
		memo->doc = 1;
	}
	/* a path without '.' is a key of the root or nothing (as
	   ogc_node_lookup() reads it): the first member of that name */
	memo->keys_read = root != NULL && root->kind == OGC_NODE_MAP;
	for (c = memo->keys_read ? root->child : NULL; c != NULL; c = c->next) {
		n = c->key != NULL ? text_number(memo, c->key, false, &added) :
			-1;
		if (n >= 0 && memo->found_in[n] != memo->doc) {
			memo->found_in[n] = memo->doc;
			memo->node[n] = c;
		}
	}
}

const struct ogc_node *
ogc_ctx_remember(const struct ogc_ctx *ctx, const char *path)
{
	struct ogc_ctx_memo *m = ctx->memo;
	size_t slot = (size_t)(((uint64_t)(uintptr_t)path *
		UINT64_C(0x9e3779b97f4a7c15)) >> 40);
	size_t probe;
	size_t at = slot;
	bool added = false;
	int n = -1;

	for (probe = 0; probe < 8; probe++) {
		at = (slot + probe) % OGC_CTX_POINTERS;
		if (m->pointer[at] == path) {
			n = m->number[at];
			break;
		}
		if (m->pointer[at] == NULL) {
			break;
		}
	}
	if (n < 0) {
		n = text_number(m, path, true, &added);
		if (n < 0) {
			return ogc_node_lookup(ctx->root, path); /* all taken */
		}
		if (probe < 8) {
			m->pointer[at] = path;
			m->number[at] = (uint16_t)n;
		}
	}
	if (m->found_in[n] != m->doc) {
		m->found_in[n] = m->doc;
		/* a key of the root was found when the document began, but
		   for a text numbered only now */
		m->node[n] = m->keys_read && !m->dotted[n] && !added ? NULL :
			ogc_node_lookup(ctx->root, path);
	}
	return m->node[n];
}

uint64_t
ogc_ctx_root_keys(const struct ogc_node *root)
{
	const struct ogc_node *c;
	uint64_t keys = 0;

	if (root == NULL || (root->kind != OGC_NODE_MAP &&
		root->kind != OGC_NODE_SCALAR)) {
		return 0;
	}
	for (c = root->child; c != NULL; c = c->next) {
		if (c->key == NULL || c->key[0] == '\0') {
			return 0; /* no shortcut */
		}
		keys |= (uint64_t)1 << ((unsigned char)c->key[0] & 63);
	}
	return keys;
}

const struct ogc_node *
ogc_ctx_lookup(const struct ogc_ctx *ctx, const char *path,
	const char **found)
{
	const struct ogc_node *node = ogc_ctx_node(ctx, path);
	const char **aliases;
	size_t count = 0;
	size_t i;

	*found = path;
	if (node != NULL || ctx->rules == NULL) {
		return node;
	}
	aliases = ogc_rule_table_aliases(ctx->rules, path, &count);
	for (i = 0; i < count; i++) {
		node = ogc_ctx_node(ctx, aliases[i]);
		if (node != NULL) {
			*found = aliases[i];
			return node;
		}
	}
	return NULL;
}

/* `path` with every `from` turned into `to`, into buf; false if none. */
static bool
respell(const char *path, char from, char to, char *buf, size_t size)
{
	size_t len = strlen(path);
	size_t i;

	if (strchr(path, from) == NULL || len >= size) {
		return false;
	}
	for (i = 0; i <= len; i++) {
		buf[i] = path[i] == from ? to : path[i];
	}
	return true;
}

const struct ogc_node *
ogc_ctx_lookup_any(const struct ogc_ctx *ctx, const char *path)
{
	const struct ogc_node *n = ogc_ctx_node(ctx, path);
	const char *found;
	char other[256];

	if (n == NULL && respell(path, '.', ':', other, sizeof(other))) {
		n = lookup_once(ctx, other);
	}
	if (n == NULL && respell(path, ':', '.', other, sizeof(other))) {
		n = lookup_once(ctx, other);
	}
	/* the aliases are found in either spelling of the path */
	return n != NULL ? n : ogc_ctx_lookup(ctx, path, &found);
}

/*
 * A path of the rule (of any of its groups) names `node` itself: a value
 * found through an alias is judged under that name, not twice.
 */
static bool
named_by_rule(const struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const struct ogc_node *node)
{
	const struct ogc_node *n;
	char other[256];
	size_t g;
	size_t i;

	for (g = 0; g < rule->group_count; g++) {
		for (i = 0; i < rule->groups[g].count; i++) {
			n = ogc_ctx_node(ctx, rule->groups[g].paths[i]);
			if (n == NULL && respell(rule->groups[g].paths[i], '.', ':',
				other, sizeof(other))) {
				n = lookup_once(ctx, other);
			}
			if (n == node) {
				return true;
			}
		}
	}
	return false;
}

/* `field` is one of the group's own paths, not an alias of one. */
static bool
own_path(const struct ogc_field_group *group, const char *field)
{
	size_t i;

	for (i = 0; i < group->count; i++) {
		/* the same text is mostly the same pointer (shared paths) */
		if (group->paths[i] == field ||
			strcmp(group->paths[i], field) == 0) {
			return true;
		}
	}
	return false;
}

void
ogc_ctx_each_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	ogc_field_fn *fn)
{
	const struct ogc_node *seen[16];
	const struct ogc_node *node;
	const struct ogc_node *item;
	const char *field;
	size_t seen_count = 0;
	size_t i;
	size_t k;

	for (i = 0; i < group->count; i++) {
		node = ogc_ctx_lookup(ctx, group->paths[i], &field);
		if (node == NULL || node->kind == OGC_NODE_NULL) {
			continue;
		}
		/* "{{ .Site.BaseURL }}/x.png": the generator fills it in, so
		   it is no value to judge (front-matter-unread says so) */
		if (!ctx->flat && ogc_ctx_is_template(ctx, node)) {
			continue;
		}
		/* an alias may lead to a value a path of the group names too:
		   it is checked once */
		k = 0;
		while (k < seen_count && seen[k] != node) {
			k++;
		}
		if (k < seen_count) {
			continue;
		}
		/* an alias applies only when the rule does not name the value
		   itself (og:description from description: the description's
		   own limit judges it); found at the path itself (most
		   values), it is the group's own */
		if (field != group->paths[i] && !own_path(group, field) &&
			named_by_rule(ctx, group->rule, node)) {
			continue;
		}
		if (seen_count < sizeof(seen) / sizeof(*seen)) {
			seen[seen_count++] = node;
		}
		if (node->kind != OGC_NODE_SEQ) {
			fn(group, ctx, field, node);
		} else {
			for (item = node->child; item != NULL;
				item = item->next) {
				if (item->kind != OGC_NODE_NULL) {
					fn(group, ctx, field, item);
				}
			}
		}
		if (group->rule->fallback) {
			return; /* the first present path stands for the rest */
		}
	}
}

bool
ogc_ctx_want_scalar(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const char *field, const struct ogc_node *node)
{
	if (node->kind == OGC_NODE_SCALAR) {
		return true;
	}
	ogc_ctx_emit(ctx, rule, node, field, "%s must be a single value, not "
		"%s", field, ogc_node_kind_name(node->kind));
	return false;
}

/* The front matter spells an og: field (og: map or og:* key). */
static bool
spells_og(const struct ogc_node *root)
{
	const struct ogc_node *c;

	for (c = root != NULL ? root->child : NULL; c != NULL; c = c->next) {
		if (c->key != NULL && strncmp(c->key, "og", 2) == 0 &&
			(c->key[2] == '\0' || c->key[2] == ':' ||
			c->key[2] == '.')) {
			return true;
		}
	}
	return false;
}

/* `key` is the field at `path` (either spelling), or one of its aliases. */
static bool
names_field(const struct ogc_ctx *ctx, const char *path, const char *key)
{
	char want[256];
	char have[256];
	const char **aliases;
	size_t count = 0;
	size_t i;

	ogc_path_nested_copy(key, have, sizeof(have));
	ogc_path_nested_copy(path, want, sizeof(want));
	if (strcmp(want, have) == 0) {
		return true;
	}
	aliases = ctx->rules != NULL ? ogc_rule_table_aliases(ctx->rules, path,
		&count) : NULL;
	for (i = 0; i < count; i++) {
		ogc_path_nested_copy(aliases[i], want, sizeof(want));
		if (strcmp(want, have) == 0) {
			return true;
		}
	}
	return false;
}

const char *
ogc_ctx_supplier(const struct ogc_ctx *ctx,
	const struct ogc_field_group *group)
{
	const struct ogc_supplied *supplied;
	const struct ogc_supply *supply;
	char want[256];
	char have[256];
	size_t i;
	size_t k;

	if (ctx->flat) {
		return NULL;
	}
	/* the rule files' supplies: */
	for (i = 0; ctx->rules != NULL && i < ctx->rules->supplied_count; i++) {
		supplied = &ctx->rules->supplied[i];
		for (k = 0; k < group->count; k++) {
			ogc_path_nested_copy(group->paths[k], want, sizeof(want));
			ogc_path_nested_copy(supplied->field, have, sizeof(have));
			if (strcmp(want, have) == 0) {
				return supplied->why != NULL ? supplied->why :
					supplied->file;
			}
		}
	}
	if (ctx->site == NULL) {
		return NULL;
	}
	for (i = 0; ctx->page_data != NULL && i < ctx->page_data->count; i++) {
		for (k = 0; k < group->count; k++) {
			if (names_field(ctx, group->paths[k],
				ctx->page_data->items[i].field)) {
				return ctx->page_data->items[i].where;
			}
		}
	}
	for (i = 0; i < group->count; i++) {
		supply = ogc_site_supplies(ctx->site, ctx->rel, group->paths[i]);
		if (supply != NULL) {
			return supply->where;
		}
	}
	if (!ogc_site_modelled(ctx->site) && !spells_og(ctx->root)) {
		for (i = 0; i < group->count; i++) {
			if (strncmp(group->paths[i], "og", 2) == 0 &&
				(group->paths[i][2] == '.' ||
				group->paths[i][2] == ':')) {
				return "the site's generator";
			}
		}
	}
	return NULL;
}
