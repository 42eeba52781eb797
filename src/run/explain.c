/* explain.c: --explain RULE: a rule as it is in force, with an example
 * finding made by running the rule on made-up front matter. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "rules/rules.h"
#include "run/run.h"
#include "util/util.h"

/* A value shown in full up to this many characters, cut after. */
#define SHOWN_VALUE 72

/*
 * The values an example is tried with, in turn, until the rule reports
 * one: short, empty, no calendar date, a bad ISBN check digit, an HTML
 * entity in a URL, too long; last, the field left out. Each is a YAML
 * scalar once double-quoted (no quote or backslash in them).
 */
static const char *const candidates[] = {
	"x",
	"",
	"2024-02-30",
	"978-0-306-40615-6",
	"https://example.org/?a=1&amp;b=2",
	"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
	"eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim "
	"ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut "
	"aliquip ex ea commodo consequat. Duis aute irure dolor in "
	"reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla "
	"pariatur.",
	NULL, /* the field left out */
};

/* Writes a node's value on one line: text, [a, b] or {k: v}. */
static void
put_node(FILE *out, const struct ogc_node *node, unsigned depth)
{
	const struct ogc_node *c;

	if (node == NULL) {
		return;
	}
	if (node->kind == OGC_NODE_SCALAR || node->kind == OGC_NODE_NULL) {
		fprintf(out, "%.*s", (int)(node->len < 200 ? node->len : 200),
			node->text != NULL ? node->text : "");
		return;
	}
	if (depth > 3) {
		fputs("...", out);
		return;
	}
	fputs(node->kind == OGC_NODE_MAP ? "{" : "[", out);
	for (c = node->child; c != NULL; c = c->next) {
		if (node->kind == OGC_NODE_MAP) {
			fprintf(out, "%s: ", c->key != NULL ? c->key : "");
		}
		put_node(out, c, depth + 1);
		if (c->next != NULL) {
			fputs(", ", out);
		}
	}
	fputs(node->kind == OGC_NODE_MAP ? "}" : "]", out);
}

/* The first path of the rule's first field group, or NULL. */
static const char *
first_field(const struct ogc_rule *rule)
{
	return rule->group_count > 0 && rule->groups[0].count > 0 ?
		rule->groups[0].paths[0] : NULL;
}

/* An HTML head that sets `field` to `value` (NULL: an empty head). */
static bool
html_example(struct ogc_strbuf *doc, const char *field, const char *value)
{
	ogc_strbuf_addf(doc, "<!doctype html>\n<html>\n<head>\n");
	if (value == NULL) {
		/* nothing */
	} else if (strcmp(field, "title") == 0) {
		ogc_strbuf_addf(doc, "<title>%s</title>\n", value);
	} else if (strcmp(field, "canonical") == 0) {
		ogc_strbuf_addf(doc, "<link rel=\"canonical\" href=\"%s\">\n",
			value);
	} else {
		ogc_strbuf_addf(doc, "<meta %s=\"%s\" content=\"%s\">\n",
			strchr(field, ':') != NULL ? "property" : "name", field,
			value);
	}
	ogc_strbuf_addf(doc, "</head>\n</html>\n");
	return !doc->failed;
}

/* Front matter that sets `field` to `value` (NULL: no field at all). */
static bool
front_example(struct ogc_strbuf *doc, const char *field, const char *value)
{
	ogc_strbuf_addf(doc, "---\n");
	if (value != NULL) {
		ogc_strbuf_addf(doc, "\"%s\": \"%s\"\n", field, value);
	}
	ogc_strbuf_addf(doc, "---\n");
	return !doc->failed;
}

/*
 * Runs the rule (the only one left in `rules`) on each made-up document
 * in turn and prints the first that it reports, with the finding. False
 * only when out of memory or the run failed.
 */
static bool
put_example(FILE *out, const struct ogc_ruleset *rules,
	const struct ogc_rule *rule, struct ogc_error *err)
{
	const char *field = first_field(rule);
	bool html = rule->input == OGC_INPUT_HTML;
	const char *name = html ? "example.html" : "example.md";
	const struct ogc_diag *d = NULL;
	struct ogc_options options;
	struct ogc_checker *checker;
	struct ogc_report *report = NULL;
	struct ogc_strbuf doc = {NULL, 0, 0, false};
	size_t c;
	size_t i;
	bool ok = true;

	if (rule->kind == NULL || rule->kind->network || field == NULL) {
		fputs(rule->kind == NULL ? "  (found while reading a file: no "
			"field to make an example of)\n" : "  (checked over the "
			"network: run ogcheck on a page to see one)\n", out);
		return true;
	}
	ogc_options_init(&options);
	options.offline = true;
	checker = ogc_checker_create(rules, &options, err);
	if (checker == NULL) {
		return false;
	}
	for (c = 0; ok && d == NULL && c < sizeof(candidates) /
		sizeof(*candidates); c++) {
		ogc_report_destroy(report);
		report = ogc_report_create();
		doc.len = 0;
		ok = report != NULL && (html ? html_example(&doc, field,
			candidates[c]) : front_example(&doc, field, candidates[c]));
		ok = ok && ogc_checker_check_buffer(checker, name, doc.data,
			doc.len, report, err) &&
			ogc_checker_finish(checker, report, err);
		for (i = 0; ok && (d = ogc_report_get(report, i)) != NULL &&
			strcmp(d->rule, rule->id) != 0; i++) {
		}
	}
	if (!ok) {
		if (err->status == OGC_OK) {
			ogc_error_nomem(err);
		}
	} else if (d == NULL) {
		fprintf(out, "  (no made-up value of %s makes it report: it "
			"applies under conditions, or compares fields)\n", field);
	} else {
		fprintf(out, "  %s with\n", name);
		for (i = 0; i < doc.len; i = c + 1) {
			for (c = i; c < doc.len && doc.data[c] != '\n'; c++) {
			}
			fprintf(out, "    %.*s%s\n", (int)(c - i > SHOWN_VALUE ?
				SHOWN_VALUE : c - i), doc.data + i, c - i >
				SHOWN_VALUE ? "..." : "");
		}
		fprintf(out, "  is reported as\n    %s:%u:%u: %s: %s [%s]\n",
			d->file, d->pos.line, d->pos.column,
			ogc_severity_name(d->severity), d->message, d->rule);
		if (d->value == NULL && d->field != NULL) {
			fprintf(out, "\nFix: add %s.\n", d->field);
		} else if (d->expected != NULL && d->expected[0] != '\0') {
			fprintf(out, "\nFix: make %s %s.\n", d->field != NULL ?
				d->field : field, d->expected);
		}
	}
	ogc_report_destroy(report);
	ogc_checker_destroy(checker);
	free(doc.data);
	return ok;
}

static void
put_fields(FILE *out, const struct ogc_rule *rule)
{
	const struct ogc_field_group *g;
	size_t i;
	size_t k;

	for (i = 0; i < rule->group_count; i++) {
		g = &rule->groups[i];
		fputs(i == 0 ? "Fields:      " : "             ", out);
		if (rule->fallback && g->count > 1) {
			fputs("the first present of ", out);
		}
		for (k = 0; k < g->count; k++) {
			fprintf(out, "%s%s", k > 0 ? ", " : "", g->paths[k]);
		}
		if (g->expected != NULL) {
			fprintf(out, ": %s", g->expected);
		}
		fputc('\n', out);
	}
}

static void
put_settings(FILE *out, const struct ogc_rule *rule)
{
	const struct ogc_rule_key *k;
	size_t i;
	bool any = false;

	for (i = 0; i < rule->key_count; i++) {
		k = &rule->keys[i];
		if (strcmp(k->name, "description") == 0 ||
			strcmp(k->name, "help") == 0 || strcmp(k->name, "id") == 0) {
			continue;
		}
		fprintf(out, "%s%s: ", any ? "             " : "Settings:    ",
			k->name);
		put_node(out, k->value, 0);
		fprintf(out, "  (%s)\n", k->file != NULL ? k->file : "built in");
		any = true;
	}
}

bool
ogc_ruleset_explain(struct ogc_ruleset *rules, const char *id, FILE *out,
	struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	const struct ogc_rule *rule;
	char *ids[1];

	ids[0] = (char *)(uintptr_t)id;
	if (!ogc_ruleset_keep_only(rules, ids, 1, err)) {
		return false;
	}
	rule = ogc_ruleset_find(rules, id);
	fprintf(out, "%s: %s\n\n", rule->id, rule->description != NULL &&
		rule->description[0] != '\0' ? rule->description :
		"(no description)");
	fprintf(out, "Severity:    %s\n", ogc_severity_name(rule->severity));
	fprintf(out, "Check:       %s%s\n", rule->kind != NULL ?
		rule->kind->name : "(file-level: found while reading the file)",
		rule->kind != NULL && rule->kind->network ?
		" (network; skipped under --offline)" : "");
	fprintf(out, "Reads:       %s\n", rule->input == OGC_INPUT_HTML ?
		"built HTML pages" : rule->input == OGC_INPUT_MARKDOWN ?
		"front matter" : "front matter and built HTML pages");
	put_fields(out, rule);
	put_settings(out, rule);
	if (rule->file != NULL) {
		fprintf(out, "Defined in:  %s", rule->file);
		if (rule->pos.line > 0) {
			fprintf(out, ":%u:%u", rule->pos.line, rule->pos.column);
		}
		fputc('\n', out);
	}
	if (rule->help != NULL && rule->help[0] != '\0') {
		fprintf(out, "\nWhy: %s\n", rule->help);
	}
	fputs("\nExample:\n", out);
	if (!put_example(out, rules, rule, err)) {
		return false;
	}
	fprintf(out, "\nTurn it off for a site in .ogcheck.yaml:\n"
		"  rules:\n    %s: off\n"
		"or in one file's front matter:\n"
		"  ogcheck: {disable: [%s]}\n", rule->id, rule->id);
	if (fflush(out) != 0 || ferror(out)) {
		ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot write: %s",
			strerror(errno));
		return false;
	}
	return true;
}
