/* markdown.c: the markdown summary, for pull-request comments and job summaries. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "render/tally.h"
#include "util/util.h"

/*
 * GitHub Flavored Markdown, as GitHub renders comments and job summaries:
 * the totals, the findings counted by rule and by folder, then the first
 * findings of each rule. Every text that comes from content or rule files
 * (file names, messages, descriptions) is written as a code span, the one
 * place where GitHub makes no HTML, link, @mention, #reference or
 * emphasis of it; see put_code().
 */

/* The findings listed under each rule; the others are counted. */
#define FINDINGS_PER_RULE 10

/*
 * Lines stop here (GitHub takes at most 1 MiB per step summary and 64 KiB
 * characters per comment; a comment's author picks the part to paste),
 * which leaves room for the line that says what was left out.
 */
#define SIZE_LIMIT (512 * 1024)

/* " — " and "…" in UTF-8 */
#define DASH " \xe2\x80\x94 "
#define ELLIPSIS "\xe2\x80\xa6"

struct md {
	FILE *out;
	const struct ogc_ruleset *rules;
	struct ogc_strbuf line; /* the line being made */
	struct ogc_strbuf place; /* FILE:LINE:COL of a finding */
	size_t written;
	bool cut;           /* SIZE_LIMIT reached: nothing more is written */
	size_t rows_left;   /* table rows left out by the cut */
	size_t rules_left;  /* rules whose findings the cut left out */
};

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void
line_start(struct md *m)
{
	m->line.len = 0;
	if (m->line.data != NULL) {
		m->line.data[0] = '\0';
	}
}

/*
 * Writes the line made, with its newline, unless it would pass the size
 * limit: then nothing more is written. False once cut, or when memory ran
 * out making the line.
 */
static bool
line_end(struct md *m)
{
	ogc_strbuf_add(&m->line, "\n", 1);
	if (m->line.failed) {
		/* out of memory: the caller stops, and the writer says so */
		return false;
	}
	if (m->cut || m->written + m->line.len > SIZE_LIMIT) {
		m->cut = true;
		return false;
	}
	fwrite(m->line.data, 1, m->line.len, m->out);
	m->written += m->line.len;
	return true;
}

/* A code point that would reorder or break the text around it. */
static bool
hidden_control(uint32_t cp)
{
	return cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
		(cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029 ||
		cp == 0x85;
}

/*
 * Appends s as the text of a code span: control characters as \n, \r,
 * \t or \xNN (a line break would end the table row or list item), bytes
 * that are not UTF-8 as \xNN, bidirectional controls and line separators
 * as \u{NNNN}, and in a table cell '|' as "\|" (GFM reads that as a '|'
 * of the cell, inside code spans too). Nothing else needs escaping there.
 */
static void
add_code_text(struct ogc_strbuf *b, const char *s, bool cell)
{
	size_t len = strlen(s);
	size_t i = 0;
	size_t k;
	uint32_t cp;

	while (i < len) {
		k = ogc_utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			ogc_strbuf_addf(b, "\\x%02X", (unsigned)(unsigned char)s[i]);
			i++;
			continue;
		}
		if (cp == '\n') {
			ogc_strbuf_add(b, "\\n", 2);
		} else if (cp == '\r') {
			ogc_strbuf_add(b, "\\r", 2);
		} else if (cp == '\t') {
			ogc_strbuf_add(b, "\\t", 2);
		} else if (cp < 0x20 || cp == 0x7f) {
			ogc_strbuf_addf(b, "\\x%02X", (unsigned)cp);
		} else if (hidden_control(cp)) {
			ogc_strbuf_addf(b, "\\u{%04X}", (unsigned)cp);
		} else if (cp == '|' && cell) {
			ogc_strbuf_add(b, "\\|", 2);
		} else {
			ogc_strbuf_add(b, s + i, k);
		}
		i += k;
	}
}

/*
 * Appends s as a code span (CommonMark 6.1): fenced by one backtick more
 * than its longest run of backticks, and padded with a space on each side
 * when it starts or ends with a backtick or a space (one space is taken
 * off each side of such a span):
 *   a `b` c  ->  ``a `b` c``
 *   `b` c    ->  `` `b` c ``
 */
static void
put_code(struct md *m, const char *s, bool cell)
{
	struct ogc_strbuf *b = &m->line;
	size_t start = b->len;
	size_t longest = 0;
	size_t run = 0;
	size_t end;
	size_t i;
	bool pad;

	add_code_text(b, s, cell);
	if (b->failed || b->len == start) {
		return;
	}
	end = b->len;
	for (i = start; i < end; i++) {
		run = b->data[i] == '`' ? run + 1 : 0;
		if (run > longest) {
			longest = run;
		}
	}
	pad = b->data[start] == '`' || b->data[start] == ' ' ||
		b->data[end - 1] == '`' || b->data[end - 1] == ' ';
	/* the fence and padding go around the text: add, then move it */
	for (i = 0; i <= longest; i++) {
		ogc_strbuf_add(b, "`", 1);
	}
	if (pad) {
		ogc_strbuf_add(b, " ", 1);
	}
	if (b->failed) {
		return;
	}
	memmove(b->data + start + (b->len - end), b->data + start, end - start);
	memset(b->data + start, '`', longest + 1);
	if (pad) {
		b->data[start + longest + 1] = ' ';
		ogc_strbuf_add(b, " ", 1);
	}
	for (i = 0; i <= longest; i++) {
		ogc_strbuf_add(b, "`", 1);
	}
}

/* A line of fixed text (a heading, a table's head), when it fits. */
static bool
put_line(struct md *m, const char *text)
{
	line_start(m);
	ogc_strbuf_add(&m->line, text, strlen(text));
	return line_end(m);
}

/* "### ogcheck: 3 files checked: 1 error, 0 warnings, 2 infos; ..." */
static void
put_title(struct md *m, const struct ogc_summary *s)
{
	struct ogc_strbuf *b = &m->line;

	line_start(m);
	ogc_strbuf_addf(b, "### ogcheck: %zu %s checked: ", s->files,
		plural(s->files, "file", "files"));
	if (s->errors + s->warnings + s->infos == 0) {
		ogc_strbuf_addf(b, "no findings");
	} else {
		ogc_strbuf_addf(b, "%zu %s, %zu %s, %zu %s", s->errors,
			plural(s->errors, "error", "errors"), s->warnings,
			plural(s->warnings, "warning", "warnings"), s->infos,
			plural(s->infos, "info", "infos"));
	}
	if (s->skipped > 0) {
		ogc_strbuf_addf(b, "; %zu network %s skipped", s->skipped,
			plural(s->skipped, "check", "checks"));
	}
	if (s->suppressed > 0) {
		ogc_strbuf_addf(b, "; %zu suppressed in their files",
			s->suppressed);
	}
	if (s->baseline) {
		ogc_strbuf_addf(b, "; %zu known %s hidden by the baseline",
			s->baselined, plural(s->baselined, "finding", "findings"));
	}
	line_end(m);
}

/* The most severe first, then the most findings, then by rule id. */
static int
compare_rules(const void *a, const void *b)
{
	const struct ogc_tally *x = a;
	const struct ogc_tally *y = b;

	if (x->severity != y->severity) {
		return x->severity > y->severity ? -1 : 1;
	}
	if (x->count != y->count) {
		return x->count > y->count ? -1 : 1;
	}
	return ogc_tally_key_cmp(x, y);
}

static void
put_rule_table(struct md *m, const struct ogc_tally *t, size_t count)
{
	const struct ogc_rule *rule;
	size_t i;

	if (!put_line(m, "") || !put_line(m, "#### Findings by rule") ||
		!put_line(m, "") ||
		!put_line(m, "| Rule | Severity | Findings | Description |") ||
		!put_line(m, "| --- | --- | ---: | --- |")) {
		m->rows_left += count;
		return;
	}
	for (i = 0; i < count; i++) {
		rule = m->rules != NULL ? ogc_ruleset_find(m->rules, t[i].key) :
			NULL;
		line_start(m);
		ogc_strbuf_add(&m->line, "| ", 2);
		put_code(m, t[i].key, true);
		ogc_strbuf_addf(&m->line, " | %s | %zu | ",
			ogc_severity_name(t[i].severity), t[i].count);
		if (rule != NULL && rule->description != NULL) {
			put_code(m, rule->description, true);
		}
		ogc_strbuf_add(&m->line, " |", 2);
		if (!line_end(m)) {
			m->rows_left += count - i;
			return;
		}
	}
}

static void
put_folder_table(struct md *m, const struct ogc_tally *t, size_t count)
{
	char *folder;
	size_t i;

	if (!put_line(m, "") || !put_line(m, "#### Findings by folder") ||
		!put_line(m, "") || !put_line(m, "| Folder | Findings |") ||
		!put_line(m, "| --- | ---: |")) {
		m->rows_left += count;
		return;
	}
	for (i = 0; i < count; i++) {
		folder = t[i].len > 0 ? strndup(t[i].key, t[i].len) : NULL;
		line_start(m);
		ogc_strbuf_add(&m->line, "| ", 2);
		put_code(m, folder != NULL ? folder : "./", true);
		ogc_strbuf_addf(&m->line, " | %zu |", t[i].count);
		if (t[i].len > 0 && folder == NULL) {
			m->line.failed = true;
		}
		free(folder);
		if (!line_end(m)) {
			m->rows_left += count - i;
			return;
		}
	}
}

/* One rule's heading, its first findings, and how many more there are. */
static bool
put_rule_findings(struct md *m, const struct ogc_report *report,
	const struct ogc_tally *t)
{
	const struct ogc_diag *d;
	size_t listed = 0;
	size_t i;

	line_start(m);
	ogc_strbuf_add(&m->line, "\n#### ", 6);
	put_code(m, t->key, false);
	ogc_strbuf_addf(&m->line, ": %zu %s\n", t->count,
		t->severity == OGC_SEV_ERROR ? plural(t->count, "error", "errors") :
		t->severity == OGC_SEV_WARNING ?
		plural(t->count, "warning", "warnings") :
		plural(t->count, "info", "infos"));
	if (!line_end(m)) {
		return false;
	}
	for (i = 0; listed < FINDINGS_PER_RULE &&
		(d = ogc_report_get(report, i)) != NULL; i++) {
		if (!ogc_diag_shown(d) || d->severity != t->severity ||
			strcmp(d->rule, t->key) != 0) {
			continue;
		}
		/* the place is one code span: the file name is the only text */
		m->place.len = 0;
		ogc_strbuf_addf(&m->place, "%s:%u:%u", d->file, d->pos.line,
			d->pos.column);
		line_start(m);
		ogc_strbuf_add(&m->line, "- ", 2);
		if (m->place.failed) {
			m->line.failed = true;
		} else {
			put_code(m, m->place.data, false);
		}
		ogc_strbuf_add(&m->line, DASH, strlen(DASH));
		put_code(m, d->message, false);
		if (!line_end(m)) {
			return false;
		}
		listed++;
	}
	if (t->count > listed) {
		line_start(m);
		ogc_strbuf_addf(&m->line, "- " ELLIPSIS " and %zu more", t->count - listed);
		return line_end(m);
	}
	return true;
}

/* The line that says what the size limit left out. */
static void
put_cut(struct md *m)
{
	struct ogc_strbuf *b = &m->line;

	line_start(m);
	ogc_strbuf_addf(b, "\n**Cut at %d KiB** to fit a job summary or a comment: ",
		SIZE_LIMIT / 1024);
	if (m->rows_left > 0) {
		ogc_strbuf_addf(b, "%zu table %s%s", m->rows_left,
			plural(m->rows_left, "row", "rows"),
			m->rules_left > 0 ? " and " : "");
	}
	if (m->rules_left > 0) {
		ogc_strbuf_addf(b, "the findings of %zu %s", m->rules_left,
			plural(m->rules_left, "rule", "rules"));
	}
	ogc_strbuf_addf(b, " left out; the counts above include them, and "
		"`--format text` lists every finding.\n");
	if (!b->failed) {
		fwrite(b->data, 1, b->len, m->out);
	}
}

bool
ogc_report_write_markdown(const struct ogc_report *report,
	const struct ogc_ruleset *rules, FILE *out, struct ogc_error *err)
{
	struct md m = {out, rules, {0}, {0}, 0, false, 0, 0};
	struct ogc_pos none = {0, 0};
	struct ogc_summary s;
	struct ogc_tally *by_rule = NULL;
	struct ogc_tally *by_folder = NULL;
	size_t rule_count;
	size_t folder_count;
	size_t i;
	bool ok = false;

	if (!ogc_tally_findings(report, OGC_SEV_OFF, OGC_TALLY_RULE, &by_rule,
		&rule_count) || !ogc_tally_findings(report, OGC_SEV_OFF,
		OGC_TALLY_FOLDER, &by_folder, &folder_count)) {
		ogc_error_nomem(err);
		goto free_tallies;
	}
	qsort(by_rule, rule_count, sizeof(*by_rule), compare_rules);
	ogc_report_summary(report, &s);
	put_title(&m, &s);
	if (rule_count > 0) {
		put_rule_table(&m, by_rule, rule_count);
		put_folder_table(&m, by_folder, folder_count);
	}
	for (i = 0; i < rule_count; i++) {
		if (m.cut || !put_rule_findings(&m, report, &by_rule[i])) {
			m.rules_left++;
		}
	}
	if (m.cut && !m.line.failed) {
		put_cut(&m);
	}
	if (m.line.failed || m.place.failed) {
		ogc_error_nomem(err);
		goto free_lines;
	}
	if (fflush(out) != 0 || ferror(out)) {
		ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot write the "
			"report: %s", strerror(errno));
		goto free_lines;
	}
	ok = true;
free_lines:
	ogc_strbuf_finish(&m.line);
	ogc_strbuf_finish(&m.place);
free_tallies:
	free(by_rule);
	free(by_folder);
	return ok;
}
