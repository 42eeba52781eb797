/* suppress.c: a file's own suppressions ("ogcheck: disable ..."), and those left unused. */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "rules/rules.h"
#include "run/engine_parts.h"

static void
add_suppression(struct ogc_suppressions *s, const char *id, size_t len,
	struct ogc_pos pos)
{
	struct ogc_suppression *item;

	if (len == 0 || len >= sizeof(item->id) || s->count == OGC_MAX_SUPPRESS) {
		return;
	}
	item = &s->items[s->count++];
	memcpy(item->id, id, len);
	item->id[len] = '\0';
	item->pos = pos;
	item->used = false;
}

/* Adds each rule id of a list written as text: "title-length, og-type". */
static void
add_suppression_words(struct ogc_suppressions *s, const char *text,
	struct ogc_pos pos)
{
	size_t n;

	for (;;) {
		text += strspn(text, " ,\t");
		n = strcspn(text, " ,\t");
		if (n == 0) {
			return;
		}
		add_suppression(s, text, n, pos);
		text += n;
	}
}

void
ogc_engine_read_suppressions(struct ogc_engine *c, const char *name,
	const struct ogc_node *root)
{
	const struct ogc_node *n = ogc_node_member(root, "ogcheck");
	const struct ogc_node *list;
	const struct ogc_node *item;

	if (n == NULL) {
		return;
	}
	list = ogc_node_member(n, "disable");
	if (n->kind == OGC_NODE_SCALAR && list == NULL &&
		strncmp(n->text, "disable ", 8) == 0) {
		add_suppression_words(&c->suppress, n->text + 8, n->pos);
		return;
	}
	if (n->kind == OGC_NODE_MAP && list != NULL &&
		list->kind == OGC_NODE_SCALAR) {
		add_suppression_words(&c->suppress, list->text, list->pos);
		return;
	}
	if (n->kind == OGC_NODE_MAP && list != NULL &&
		list->kind == OGC_NODE_SEQ) {
		for (item = list->child; item != NULL; item = item->next) {
			if (item->kind == OGC_NODE_SCALAR) {
				add_suppression(&c->suppress, item->text, item->len,
					item->pos);
			}
		}
		return;
	}
	ogc_engine_emit_file(c, name, c->unused, n->pos,
		"the ogcheck key is not understood: write ogcheck: "
		"{disable: [rule-id, ...]} (or, in HTML, <meta name=\"ogcheck\" "
		"content=\"disable rule-id ...\">)");
}

void
ogc_engine_read_comment_suppressions(struct ogc_engine *c, const struct ogc_front *f)
{
	static const char mark[] = "# ogcheck: disable ";
	const char *line = f->text;
	const char *end = f->text + f->len;
	const char *nl;
	const char *p;
	struct ogc_pos pos;
	char words[256];
	size_t n;

	pos.line = f->first_line;
	while (line < end) {
		nl = memchr(line, '\n', (size_t)(end - line));
		n = nl != NULL ? (size_t)(nl - line) : (size_t)(end - line);
		p = line;
		while (p < line + n && (*p == ' ' || *p == '\t')) {
			p++;
		}
		if ((size_t)(line + n - p) > sizeof(mark) - 1 &&
			memcmp(p, mark, sizeof(mark) - 1) == 0 &&
			(size_t)(line + n - p) - (sizeof(mark) - 1) < sizeof(words)) {
			n = (size_t)(line + n - p) - (sizeof(mark) - 1);
			memcpy(words, p + sizeof(mark) - 1, n);
			words[n] = '\0';
			words[strcspn(words, "\r")] = '\0';
			pos.column = (unsigned)(p - line) + 1;
			add_suppression_words(&c->suppress, words, pos);
		}
		pos.line++;
		line = nl != NULL ? nl + 1 : end;
	}
}

void
ogc_engine_finish_suppressions(struct ogc_engine *c, const char *name)
{
	struct ogc_suppression *item;
	const char *near;
	size_t i;

	for (i = 0; i < c->suppress.count; i++) {
		item = &c->suppress.items[i];
		if (item->used) {
			continue;
		}
		near = ogc_ruleset_find(c->rules, item->id) == NULL ?
			ogc_ruleset_near_id(c->rules, item->id) : NULL;
		if (near != NULL) {
			ogc_engine_emit_file(c, name, c->unused, item->pos, "ogcheck disables "
				"\"%s\", which is not a rule: did you mean \"%s\"?",
				item->id, near);
		} else if (ogc_ruleset_find(c->rules, item->id) == NULL) {
			ogc_engine_emit_file(c, name, c->unused, item->pos, "ogcheck disables "
				"\"%s\", which is not a rule (ogcheck --list-rules "
				"lists them)", item->id);
		} else {
			ogc_engine_emit_file(c, name, c->unused, item->pos, "ogcheck disables %s "
				"here, but it found nothing to suppress; remove it",
				item->id);
		}
	}
	c->suppress.count = 0;
}
