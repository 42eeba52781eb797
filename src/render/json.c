/* json.c: the json (schema 1, 2) and jsonl renderers; the shared printer. */
/* SPDX-License-Identifier: MIT */
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "render/json_out.h"
#include "render/render.h"
#include "util/util.h"

bool
ogc_json_add_string(cJSON *obj, const char *name, const char *value)
{
	return cJSON_AddStringToObject(obj, name, value) != NULL;
}

bool
ogc_json_add_number(cJSON *obj, const char *name, double value)
{
	return cJSON_AddNumberToObject(obj, name, value) != NULL;
}

/*
 * The report's head: tool, version, schema (2 on), summary. The
 * diagnostics are not in the tree: they are written one at a time.
 */
static cJSON *
build_head(const struct ogc_report *report, int schema)
{
	struct ogc_summary s;
	cJSON *root = cJSON_CreateObject();
	cJSON *summary;

	if (root == NULL) {
		return NULL;
	}
	ogc_report_summary(report, &s);
	if (!ogc_json_add_string(root, "tool", "ogcheck") ||
		!ogc_json_add_string(root, "version", ogc_version()) ||
		(schema >= 2 && !ogc_json_add_number(root, "schema", schema))) {
		goto fail;
	}
	summary = cJSON_AddObjectToObject(root, "summary");
	if (summary == NULL ||
		!ogc_json_add_number(summary, "files", (double)s.files) ||
		!ogc_json_add_number(summary, "errors", (double)s.errors) ||
		!ogc_json_add_number(summary, "warnings", (double)s.warnings) ||
		!ogc_json_add_number(summary, "infos", (double)s.infos) ||
		!ogc_json_add_number(summary, "skipped", (double)s.skipped) ||
		(s.baseline && !ogc_json_add_number(summary, "baselined",
		(double)s.baselined)) ||
		(s.suppressed > 0 && !ogc_json_add_number(summary, "suppressed",
		(double)s.suppressed))) {
		goto fail;
	}
	return root;
fail:
	cJSON_Delete(root);
	return NULL;
}

/* Write errors stay in the stream's error flag (flushed() reads it). */
static void
sink_flush(struct ogc_json_sink *k)
{
	fwrite(k->buf, 1, k->len, k->out);
	k->len = 0;
}

/* Where the next n bytes go (n <= cap); the caller adds what it wrote to len. */
static char *
sink_room(struct ogc_json_sink *k, size_t n)
{
	if (k->cap - k->len < n) {
		sink_flush(k);
	}
	return k->buf + k->len;
}

static void
sink_put(struct ogc_json_sink *k, const char *s, size_t n)
{
	if (k->cap - k->len < n) {
		sink_flush(k);
		if (n > k->cap) {
			fwrite(s, 1, n, k->out);
			return;
		}
	}
	memcpy(k->buf + k->len, s, n);
	k->len += n;
}

static void
sink_byte(struct ogc_json_sink *k, char c)
{
	*sink_room(k, 1) = c;
	k->len++;
}

/* A newline, then the indentation of depth (two spaces a level). */
static void
newline(struct ogc_json_sink *k, int depth)
{
	size_t n = 2 * (size_t)(depth > 0 ? depth : 0);
	size_t part;
	char *at;

	sink_byte(k, '\n');
	while (n > 0) {
		part = n < 64 ? n : 64;
		at = sink_room(k, part);
		memset(at, ' ', part);
		k->len += part;
		n -= part;
	}
}

/*
 * The end of a JSON string whose text starts at s (after the opening
 * quote): the closing quote, or the NUL of a text that ends inside it
 * (then a lone last backslash is taken as part of the string).
 *   ab\"c"d  ->  the '"' before d
 */
static const char *
string_end(const char *s)
{
	for (;;) {
		s += strcspn(s, "\"\\");
		if (*s != '\\') {
			return s;
		}
		s += s[1] != '\0' ? 2 : 1;
	}
}

/*
 * Writes cJSON's compact text indented by two spaces, the layout the
 * JSON report has (cJSON_Print indents with tabs, pads after colons):
 *   {"a":[1,2],"b":{}}  ->  {\n  "a": [\n    1,\n    2\n  ],\n  "b": {}
 * The text may be a piece of a document (no string is cut in two); *depth
 * carries the nesting from one piece to the next.
 */
static void
indent(struct ogc_json_sink *k, const char *s, int *depth)
{
	const char *end;

	for (; *s != '\0'; s++) {
		switch (*s) {
		case '"':
			/* copied whole: nothing in a string is laid out */
			end = string_end(s + 1);
			if (*end == '\0') {
				sink_put(k, s, (size_t)(end - s));
				return;
			}
			sink_put(k, s, (size_t)(end + 1 - s));
			s = end;
			break;
		case '{':
		case '[':
			sink_byte(k, *s);
			if (s[1] == '}' || s[1] == ']') {
				sink_byte(k, *++s);
			} else {
				newline(k, ++*depth);
			}
			break;
		case '}':
		case ']':
			newline(k, --*depth);
			sink_byte(k, *s);
			break;
		case ',':
			sink_byte(k, *s);
			newline(k, *depth);
			break;
		case ':':
			sink_put(k, ": ", 2);
			break;
		default:
			sink_byte(k, *s);
			break;
		}
	}
}

/* A whole document, indented, and the newline after it. */
static void
write_indented(FILE *out, const char *s)
{
	char buf[16384];
	struct ogc_json_sink k = {out, buf, 0, sizeof(buf)};
	int depth = 0;

	indent(&k, s, &depth);
	sink_byte(&k, '\n');
	sink_flush(&k);
}

/* Flushes `out`; false with err set when writing failed. */
static bool
flushed(FILE *out, struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};

	if (fflush(out) == 0 && !ferror(out)) {
		return true;
	}
	ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot write the report: %s",
		strerror(errno));
	return false;
}

/*
 * cJSON's compact text of tree (NULL: a tree that could not be built),
 * the tree freed; NULL when memory ran out.
 */
static char *
compact(cJSON *tree)
{
	char *text = tree != NULL ? cJSON_PrintUnformatted(tree) : NULL;

	cJSON_Delete(tree);
	return text;
}

bool
ogc_json_print(cJSON *tree, FILE *out, struct ogc_error *err)
{
	char *text;

	text = compact(tree);
	if (text == NULL) {
		return ogc_error_nomem(err);
	}
	write_indented(out, text);
	free(text);
	return flushed(out, err);
}

/*
 * What cJSON writes after a backslash for each byte it escapes: '"', '\\'
 * and the control characters, as \b \f \n \r \t or \u00xx ('u'); 0 for
 * the bytes it writes as they are.
 */
static const char escapes[256] = {
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
	['"'] = '"',
	['\\'] = '\\',
};

/* Eight bytes at once: 0 when none of them is escaped (escapes[]). */
static uint64_t
escaped_in(const char *p)
{
	const uint64_t ones = 0x0101010101010101u;
	const uint64_t highs = 0x8080808080808080u;
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	/* a byte below 0x20 borrows, and so does a '"' or '\\' made 0 by its
	   xor; a byte with bit 7 set (UTF-8) is none of them */
	return ((w - 0x20 * ones) | ((w ^ '"' * ones) - ones) |
		((w ^ '\\' * ones) - ones)) & ~w & highs;
}

/*
 * A JSON string as cJSON prints one (see escapes[]); the runs between
 * escapes are copied whole, found eight bytes at a time.
 */
static void
put_string(struct ogc_json_sink *k, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *end = s + strlen(s);
	const char *run;
	unsigned char c;
	char *at;

	sink_byte(k, '"');
	for (;;) {
		run = s;
		while (end - s >= 8 && escaped_in(s) == 0) {
			s += 8;
		}
		/* the NUL at end stops it too */
		while (escapes[(unsigned char)*s] == 0) {
			s++;
		}
		sink_put(k, run, (size_t)(s - run));
		if (s == end) {
			break;
		}
		c = (unsigned char)*s++;
		at = sink_room(k, 6);
		at[0] = '\\';
		at[1] = escapes[c];
		if (at[1] != 'u') {
			k->len += 2;
		} else {
			at[2] = '0';
			at[3] = '0';
			at[4] = hex[c >> 4];
			at[5] = hex[c & 15];
			k->len += 6;
		}
	}
	sink_byte(k, '"');
}

/* A finding's members, in the order cJSON printed them. */
enum member {
	M_FILE,
	M_LINE,
	M_COLUMN,
	M_SEVERITY,
	M_RULE,
	M_FIELD,
	M_VALUE,
	M_MESSAGE,
	M_SUPPRESSED,
	M_FINGERPRINT,
	M_END_LINE,
	M_END_COLUMN,
	M_EXPECTED,
};

/*
 * The text before a member's value, from the ',' after the one before:
 * a fixed 32 bytes, so that it is copied in two moves whatever its length.
 */
struct key_text {
	char text[32];
	size_t len;
};

#define KEY_TEXT(s) {s, sizeof(s) - 1}

/*
 * Each member's key_text in jsonl (compact) and in the json report, where
 * a finding is an item of "diagnostics" (depth 2: its members are at 3).
 */
#define KEYS(name) {KEY_TEXT(",\"" name "\":"), \
	KEY_TEXT(",\n      \"" name "\": ")}

static const struct key_text keys[][2] = {
	[M_FILE] = KEYS("file"),
	[M_LINE] = KEYS("line"),
	[M_COLUMN] = KEYS("column"),
	[M_SEVERITY] = KEYS("severity"),
	[M_RULE] = KEYS("rule"),
	[M_FIELD] = KEYS("field"),
	[M_VALUE] = KEYS("value"),
	[M_MESSAGE] = KEYS("message"),
	[M_SUPPRESSED] = KEYS("suppressed"),
	[M_FINGERPRINT] = KEYS("fingerprint"),
	[M_END_LINE] = KEYS("end_line"),
	[M_END_COLUMN] = KEYS("end_column"),
	[M_EXPECTED] = KEYS("expected"),
};

/* The depth of the report's findings that keys[][1] is written for. */
#define ITEM_DEPTH 2

/* A finding's object being written: compact, or indented (keys[][1]). */
struct object {
	struct ogc_json_sink *sink;
	bool indented;
	bool first;
};

/*
 * The separator and the key of the object's next member; the first
 * member's ',' is the object's '{'.
 */
static void
key(struct object *o, enum member m)
{
	const struct key_text *kt = &keys[m][o->indented];
	char *at = sink_room(o->sink, sizeof(kt->text));

	memcpy(at, kt->text, sizeof(kt->text));
	if (o->first) {
		at[0] = '{';
		o->first = false;
	}
	o->sink->len += kt->len;
}

static void
string_member(struct object *o, enum member m, const char *value)
{
	key(o, m);
	put_string(o->sink, value);
}

/* cJSON prints a whole number that fits an int with %d. */
static void
put_uint(struct ogc_json_sink *k, unsigned value)
{
	unsigned rest = value;
	size_t n = 1;
	char *at;

	while (rest >= 10) {
		rest /= 10;
		n++;
	}
	at = sink_room(k, n);
	k->len += n;
	do {
		at[--n] = (char)('0' + value % 10);
		value /= 10;
	} while (n > 0);
}

static void
number_member(struct object *o, enum member m, unsigned value)
{
	key(o, m);
	put_uint(o->sink, value);
}

/*
 * One diagnostic's object, the text cJSON would print for it (file, line,
 * column, severity, rule, field and value when given, message, suppressed
 * when it is; schema 2 adds fingerprint, end_line and end_column when
 * known, and expected, what would be right): compact, or indented as an
 * item of the report's "diagnostics" (see indent()).
 */
static void
write_diag(struct ogc_json_sink *k, const struct ogc_diag *d, int schema,
	bool indented)
{
	struct object o = {k, indented, true};
	char fingerprint[17];

	string_member(&o, M_FILE, d->file);
	number_member(&o, M_LINE, d->pos.line);
	number_member(&o, M_COLUMN, d->pos.column);
	string_member(&o, M_SEVERITY, ogc_severity_name(d->severity));
	string_member(&o, M_RULE, d->rule);
	if (d->field != NULL) {
		string_member(&o, M_FIELD, d->field);
	}
	if (d->value != NULL) {
		string_member(&o, M_VALUE, d->value);
	}
	string_member(&o, M_MESSAGE, d->message);
	if (d->suppressed) {
		key(&o, M_SUPPRESSED);
		sink_put(k, "true", 4);
	}
	if (schema >= 2) {
		ogc_diag_fingerprint(d, fingerprint);
		string_member(&o, M_FINGERPRINT, fingerprint);
		if (d->end.line != 0) {
			number_member(&o, M_END_LINE, d->end.line);
			number_member(&o, M_END_COLUMN, d->end.column);
		}
		if (d->expected != NULL) {
			string_member(&o, M_EXPECTED, d->expected);
		}
	}
	if (indented) {
		newline(k, ITEM_DEPTH);
	}
	sink_byte(k, '}');
}

/* The sink's and the printer's own, for the renderers that stream. */

void
ogc_json_sink_flush(struct ogc_json_sink *k)
{
	sink_flush(k);
}

char *
ogc_json_sink_room(struct ogc_json_sink *k, size_t n)
{
	return sink_room(k, n);
}

void
ogc_json_sink_put(struct ogc_json_sink *k, const char *s, size_t n)
{
	sink_put(k, s, n);
}

void
ogc_json_put_string(struct ogc_json_sink *k, const char *s)
{
	put_string(k, s);
}

void
ogc_json_put_uint(struct ogc_json_sink *k, unsigned value)
{
	put_uint(k, value);
}

bool
ogc_json_stream_open(struct ogc_json_stream *s, cJSON *head, FILE *out,
	char *buf, size_t cap, struct ogc_error *err)
{
	char *text;
	char *list;

	text = compact(head);
	if (text == NULL) {
		return ogc_error_nomem(err);
	}
	/* back over the closing brackets: the list's "]" is the first */
	list = text + strlen(text);
	while (list > text && (list[-1] == ']' || list[-1] == '}')) {
		list--;
	}
	assert(list > text && list[-1] == '[' && list[0] == ']');
	list--;
	s->sink.out = out;
	s->sink.buf = buf;
	s->sink.len = 0;
	s->sink.cap = cap;
	s->head = text;
	s->tail = list + 2;
	s->depth = 0;
	*list = '\0';
	indent(&s->sink, text, &s->depth);
	s->first = false;
	ogc_json_begin(s, '[');
	return true;
}

void
ogc_json_begin(struct ogc_json_stream *s, char open)
{
	sink_byte(&s->sink, open);
	s->depth++;
	s->first = true;
}

void
ogc_json_end(struct ogc_json_stream *s, char close)
{
	/* an empty one stays "[]" or "{}", as indent() leaves it */
	s->depth--;
	if (!s->first) {
		newline(&s->sink, s->depth);
	}
	sink_byte(&s->sink, close);
	s->first = false;
}

/* The ',' after the member or item before, and the next one's line. */
static void
next_line(struct ogc_json_stream *s)
{
	if (!s->first) {
		sink_byte(&s->sink, ',');
	}
	newline(&s->sink, s->depth);
	s->first = false;
}

void
ogc_json_item(struct ogc_json_stream *s)
{
	next_line(s);
}

static void
member_key(struct ogc_json_stream *s, const char *name)
{
	size_t n = strlen(name);

	next_line(s);
	sink_byte(&s->sink, '"');
	sink_put(&s->sink, name, n);
	sink_put(&s->sink, "\": ", 3);
}

void
ogc_json_key(struct ogc_json_stream *s, const char *name)
{
	member_key(s, name);
}

void
ogc_json_string_member(struct ogc_json_stream *s, const char *name,
	const char *value)
{
	member_key(s, name);
	put_string(&s->sink, value);
}

void
ogc_json_uint_member(struct ogc_json_stream *s, const char *name,
	unsigned value)
{
	member_key(s, name);
	put_uint(&s->sink, value);
}

bool
ogc_json_stream_close(struct ogc_json_stream *s, struct ogc_error *err)
{
	ogc_json_end(s, ']');
	indent(&s->sink, s->tail, &s->depth);
	assert(s->depth == 0);
	sink_byte(&s->sink, '\n');
	sink_flush(&s->sink);
	free(s->head);
	s->head = NULL;
	return flushed(s->sink.out, err);
}

/*
 * The json report, written piece by piece: the head as one tree, then each
 * diagnostic's object by write_diag(), so that memory never holds the
 * report's tree or text (a few hundred bytes a finding), only a buffer of
 * it. The text is the same as the whole tree's would be.
 */
static bool
write_report(const struct ogc_report *report, int schema, FILE *out,
	struct ogc_error *err)
{
	cJSON *root = build_head(report, schema);
	const struct ogc_diag *d;
	char buf[65536];
	struct ogc_json_stream s;
	size_t i;

	if (root != NULL &&
		cJSON_AddArrayToObject(root, "diagnostics") == NULL) {
		cJSON_Delete(root);
		root = NULL;
	}
	if (!ogc_json_stream_open(&s, root, out, buf, sizeof(buf), err)) {
		return false;
	}
	assert(s.depth == ITEM_DEPTH);
	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!d->baselined) {
			ogc_json_item(&s);
			write_diag(&s.sink, d, schema, true);
		}
	}
	return ogc_json_stream_close(&s, err);
}

bool
ogc_report_write_json(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	return write_report(report, 1, out, err);
}

/* One compact line: jsonl consumers read a line at a time. */
static bool
print_line(cJSON *tree, FILE *out)
{
	char *text;
	bool ok;

	text = compact(tree);
	if (text == NULL) {
		return false;
	}
	ok = fputs(text, out) >= 0 && fputc('\n', out) != EOF;
	free(text);
	return ok;
}

bool
ogc_diag_write_jsonl(const struct ogc_diag *d, FILE *out)
{
	char buf[4096];
	struct ogc_json_sink k = {out, buf, 0, sizeof(buf)};

	/* a line longer than buf is written in pieces: kept whole */
	flockfile(out);
	write_diag(&k, d, 1, false);
	sink_byte(&k, '\n');
	sink_flush(&k);
	funlockfile(out);
	return !ferror(out);
}

static cJSON *
build_summary_line(const struct ogc_report *report)
{
	/* the diagnostics went out line by line already */
	return build_head(report, 1);
}

bool
ogc_report_write_jsonl_summary(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};

	if (!print_line(build_summary_line(report), out) || fflush(out) != 0) {
		ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot write the "
			"report: %s", strerror(errno));
		return false;
	}
	return true;
}

bool
ogc_report_write_jsonl(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	const struct ogc_diag *d;
	size_t i;

	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!d->baselined && !ogc_diag_write_jsonl(d, out)) {
			return ogc_error_nomem(err);
		}
	}
	return ogc_report_write_jsonl_summary(report, out, err);
}

bool
ogc_report_write_json_v2(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	return write_report(report, 2, out, err);
}
