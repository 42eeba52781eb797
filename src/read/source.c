/* source.c: finds the front matter at the head of a file, reading no more. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"
#include "util/util.h"

/*
 * A fence line is short; a first line longer than this (without its line
 * break) cannot open front matter, so the scanner stops reading there,
 * whether or not the line break has arrived yet.
 */
#define FENCE_LINE_MAX 64
/* Like git, a NUL byte in the first 8000 bytes makes a file binary. */
#define SNIFF_BYTES 8000

enum {
	STATE_FIRST_LINE,
	STATE_SNIFF, /* no front matter; looking for NUL bytes */
	STATE_BODY,  /* inside the front matter */
	STATE_JSON,  /* inside a leading JSON object */
	STATE_DONE,
};

void
ogc_front_init(struct ogc_front *front)
{
	memset(front, 0, sizeof(*front));
	front->state = STATE_FIRST_LINE;
}

void
ogc_front_finish(struct ogc_front *front)
{
	free(front->buf);
	ogc_front_init(front);
}

void
ogc_front_reset(struct ogc_front *front)
{
	char *buf = front->buf;
	size_t cap = front->buf_cap;

	ogc_front_init(front);
	front->buf = buf;
	front->buf_cap = cap;
}

/*
 * The length of a line without its line break and trailing blanks:
 * "---  \r" -> 3.
 */
static size_t
trimmed_length(const char *line, size_t len)
{
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' ||
		line[len - 1] == ' ' ||
		line[len - 1] == '\t')) {
		len--;
	}
	return len;
}

static bool
line_is(const char *line, size_t len, const char *word)
{
	size_t n = strlen(word);

	return trimmed_length(line, len) == n && memcmp(line, word, n) == 0;
}

/* Where the content starts: after a UTF-8 byte order mark, if any. */
static size_t
content_start(const struct ogc_front *front)
{
	if (front->buf_len >= 3 && memcmp(front->buf, "\xef\xbb\xbf", 3) == 0) {
		return 3;
	}
	return 0;
}

static void
settle_invalid(struct ogc_front *front, const char *problem)
{
	front->kind = OGC_FRONT_INVALID;
	front->pos.line = 1;
	front->pos.column = 1;
	snprintf(front->problem, sizeof(front->problem), "%s", problem);
	front->state = STATE_DONE;
	front->done = true;
}

/* The front matter runs past a limit: `rule` is its limit-* id. */
static void
settle_limit(struct ogc_front *front, const char *rule, unsigned line,
	const char *problem)
{
	settle_invalid(front, problem);
	front->rule = rule;
	front->pos.line = line;
}

/* The front matter runs on past OGC_MAX_FRONT_MATTER bytes. */
static void
settle_too_large(struct ogc_front *front)
{
	settle_limit(front, "limit-front-matter-size", 1,
		front->dialect == OGC_DIALECT_TOML ? "the TOML front matter is "
		"not closed within 1 MiB (limit front-matter-size): it is "
		"larger, or its closing +++ line is missing" :
		front->fenced ? "the fenced YAML block is not closed within "
		"1 MiB (limit front-matter-size): it is larger, or its closing "
		"``` line is missing" :
		"the front matter is not closed within 1 MiB (limit "
		"front-matter-size): it is larger, or its closing --- line is "
		"missing");
}

/* The line after the front->lines complete ones is too long. */
static void
settle_long_line(struct ogc_front *front)
{
	settle_limit(front, "limit-line-length", front->lines + 1,
		"this front matter line is longer than 64 KiB (limit "
		"line-length): the front matter is not checked");
}

static void
settle_none_or_binary(struct ogc_front *front)
{
	size_t n = front->buf_len < SNIFF_BYTES ? front->buf_len : SNIFF_BYTES;
	const char *nul = memchr(front->buf, '\0', n);

	if (nul != NULL) {
		front->kind = OGC_FRONT_BINARY;
		front->pos = ogc_utf8_pos(front->buf, (size_t)(nul - front->buf), 1);
		snprintf(front->problem, sizeof(front->problem),
			"binary file (a NUL byte at line %u, column %u); "
			"expected UTF-8 text", front->pos.line, front->pos.column);
	} else {
		front->kind = OGC_FRONT_NONE;
	}
	front->state = STATE_DONE;
	front->done = true;
}

/*
 * The front matter text, up to the closing line at `end`: where it is
 * in the bytes read, ended there (the scanner reads no more).
 */
static void
settle_text(struct ogc_front *front, size_t end, unsigned first_line)
{
	size_t len = end - front->start;

	if (front->script) {
		/* JavaScript: read to its end, never run */
		front->kind = OGC_FRONT_SCRIPT;
		front->state = STATE_DONE;
		front->done = true;
		return;
	}
	front->text = front->buf + front->start;
	front->text[len] = '\0'; /* the buffer has room for one more */
	front->len = len;
	front->first_line = first_line;
	front->kind = OGC_FRONT_YAML;
	front->state = STATE_DONE;
	front->done = true;
}

/*
 * Handles one line, buf[start..start+len) including its '\n' if it has
 * one. The first line decides whether there is front matter:
 * "---" or "```yaml" (or "```yml") opens it, anything else means none.
 */
static void
scan_line(struct ogc_front *front, size_t start, size_t len)
{
	const char *line = front->buf + start;

	front->lines++;
	if (front->state == STATE_FIRST_LINE) {
		if (len - (line[len - 1] == '\n') > FENCE_LINE_MAX) {
			front->state = STATE_SNIFF;
			return;
		}
		if (line_is(line, len, "---") || line_is(line, len, "---yaml") ||
			line_is(line, len, "---yml")) {
			/* Eleventy names the language after the ---
			   (11ty.dev/docs/data-frontmatter-customize) */
			front->fenced = false;
		} else if (line_is(line, len, "---json")) {
			front->dialect = OGC_DIALECT_JSON;
		} else if (line_is(line, len, "---js") ||
			line_is(line, len, "---javascript")) {
			front->script = true;
		} else if (line_is(line, len, "+++")) {
			front->dialect = OGC_DIALECT_TOML;
		} else if (line_is(line, len, "```yaml") ||
			line_is(line, len, "```yml")) {
			front->fenced = true;
		} else {
			front->state = STATE_SNIFF;
			return;
		}
		front->start = start + len;
		front->state = STATE_BODY;
		return;
	}
	if (front->state != STATE_BODY) {
		return;
	}
	if (len > OGC_MAX_LINE) {
		front->lines--;
		settle_long_line(front);
		return;
	}
	if (front->dialect == OGC_DIALECT_TOML ? line_is(line, len, "+++") :
		front->fenced ? line_is(line, len, "```") :
		(line_is(line, len, "---") || line_is(line, len, "..."))) {
		if (start - front->start > OGC_MAX_FRONT_MATTER) {
			settle_too_large(front);
		} else {
			settle_text(front, start, 2);
		}
	}
}

/*
 * Whether the file opens with a JSON object (Hugo): "{", then after
 * blanks a quote or "}" (so that a template's "{{" is not one). 1: yes,
 * 0: no, -1: more bytes are needed to say.
 */
static int
json_opening(const struct ogc_front *front, bool at_end)
{
	size_t i = front->scanned;

	if (i >= front->buf_len) {
		return at_end ? 0 : -1;
	}
	if (front->buf[i] != '{') {
		return 0;
	}
	for (i++; i < front->buf_len; i++) {
		if (strchr(" \t\r\n", front->buf[i]) == NULL) {
			return front->buf[i] == '"' || front->buf[i] == '}';
		}
	}
	return at_end ? 0 : -1;
}

/*
 * Inside a leading JSON object: settles once its closing brace is in. A
 * broken object is handed to the parser, which says where it breaks, as
 * it stands at the end of the file or at 1 MiB, so that what the parser
 * sees does not depend on where a read ended.
 */
static void
scan_json(struct ogc_front *front, bool at_end)
{
	size_t have = front->buf_len - front->start;
	size_t n = ogc_json_object_end(front->buf + front->start,
		have < OGC_MAX_FRONT_MATTER ? have : OGC_MAX_FRONT_MATTER);

	if (n != 0 && n != (size_t)-1) {
		settle_text(front, front->start + n, 1);
	} else if (n == (size_t)-1 && (at_end ||
		have >= OGC_MAX_FRONT_MATTER)) {
		settle_text(front, front->start + (have < OGC_MAX_FRONT_MATTER ?
			have : OGC_MAX_FRONT_MATTER), 1);
	} else if (n == 0 && have > OGC_MAX_FRONT_MATTER) {
		settle_limit(front, "limit-front-matter-size", 1, "the JSON "
			"front matter is not closed within 1 MiB (limit "
			"front-matter-size): it is larger, or its closing } is "
			"missing");
	} else if (at_end) {
		/* unclosed: the parser says where it stops */
		settle_text(front, front->buf_len, 1);
	}
}

static void
scan(struct ogc_front *front, bool at_end)
{
	const char *nl;
	size_t start;
	size_t avail;
	int json;

	if (front->state == STATE_FIRST_LINE && front->scanned == 0) {
		if (front->buf_len < 3 && !at_end) {
			return; /* a BOM may still be arriving */
		}
		front->scanned = content_start(front);
		json = json_opening(front, at_end);
		if (json < 0) {
			front->scanned = 0;
			return;
		}
		if (json > 0) {
			front->dialect = OGC_DIALECT_JSON;
			front->start = front->scanned;
			front->state = STATE_JSON;
		}
	}
	if (front->state == STATE_JSON) {
		scan_json(front, at_end);
		return;
	}
	while (front->state == STATE_FIRST_LINE || front->state == STATE_BODY) {
		start = front->scanned;
		avail = front->buf_len - start;
		nl = memchr(front->buf + start, '\n', avail);
		if (nl != NULL) {
			front->scanned = (size_t)(nl - front->buf) + 1;
			scan_line(front, start, front->scanned - start);
			continue;
		}
		if (front->state == STATE_FIRST_LINE && avail > FENCE_LINE_MAX) {
			front->state = STATE_SNIFF;
			break;
		}
		if (front->state == STATE_BODY && avail > OGC_MAX_LINE) {
			settle_long_line(front);
			return;
		}
		/* complete lines only, as scan_line() measures: the result
		   does not depend on where a read ended */
		if (front->state == STATE_BODY &&
			front->scanned - front->start > OGC_MAX_FRONT_MATTER) {
			settle_too_large(front);
			return;
		}
		if (!at_end) {
			return;
		}
		if (avail > 0) {
			/* the last line has no line break */
			front->scanned = front->buf_len;
			scan_line(front, start, avail);
			continue;
		}
		if (front->state == STATE_BODY) {
			settle_invalid(front, front->dialect == OGC_DIALECT_TOML ?
				"the TOML front matter opened on line 1 is not "
				"closed by a +++ line" : front->fenced ?
				"the fenced YAML block opened on line 1 is not "
				"closed by a ``` line" :
				"the front matter opened on line 1 is not closed "
				"by a --- line");
			return;
		}
		front->state = STATE_SNIFF;
	}
	if (front->state == STATE_SNIFF &&
		(at_end || front->buf_len >= SNIFF_BYTES)) {
		settle_none_or_binary(front);
	}
}

char *
ogc_front_room(struct ogc_front *front, size_t len)
{
	if (front->done) {
		return NULL;
	}
	/* and one byte more, to end the text with a NUL */
	if (!ogc_array_reserve(&front->buf, &front->buf_cap,
		front->buf_len + len + 1, 1, 4096)) {
		front->nomem = true;
		front->done = true;
		return NULL;
	}
	return front->buf + front->buf_len;
}

bool
ogc_front_fed(struct ogc_front *front, size_t len)
{
	if (front->done) {
		return true;
	}
	front->buf_len += len;
	scan(front, false);
	return front->done;
}

bool
ogc_front_feed(struct ogc_front *front, const char *data, size_t len)
{
	char *room = ogc_front_room(front, len);

	if (room == NULL) {
		return true;
	}
	memcpy(room, data, len);
	return ogc_front_fed(front, len);
}

void
ogc_front_end(struct ogc_front *front)
{
	if (front->done) {
		return;
	}
	if (front->buf_len == 0) {
		front->kind = OGC_FRONT_NONE;
		front->state = STATE_DONE;
		front->done = true;
		return;
	}
	scan(front, true);
	if (!front->done) {
		settle_none_or_binary(front);
	}
}

size_t
ogc_html_head_end(const char *s, size_t len, size_t from)
{
	const char *p = s + from;
	const char *end = s + len;

	for (;;) {
		p = memchr(p, '<', (size_t)(end - p));
		if (p == NULL) {
			return len;
		}
		if ((end - p >= 6 && strncasecmp(p, "</head", 6) == 0) ||
			(end - p >= 5 && strncasecmp(p, "<body", 5) == 0)) {
			return (size_t)(p - s);
		}
		p++;
	}
}

/* Open Graph and related prefixes whose tags belong in the head. */
static const char *const head_prefixes[] = {
	"article:", "fb:", "og:", "twitter:", NULL,
};

/*
 * The value of attribute `name` inside the tag text t[0..len), unquoted,
 * copied to out; false when absent. A byte scan, not a parser: enough to
 * spot <meta property="og:title" ...> in a body.
 *   ` property="og:x" content=y` , "property" -> "og:x"
 */
static bool
tag_attribute(const char *t, size_t len, const char *name, char *out,
	size_t size)
{
	size_t n = strlen(name);
	size_t i;
	size_t j;
	char quote;

	for (i = 0; i + n < len; i++) {
		if ((t[i] != ' ' && t[i] != '\t' && t[i] != '\n' &&
			t[i] != '\r') || strncasecmp(t + i + 1, name, n) != 0) {
			continue;
		}
		j = i + 1 + n;
		while (j < len && (t[j] == ' ' || t[j] == '\t')) {
			j++;
		}
		if (j >= len || t[j] != '=') {
			continue;
		}
		j++;
		while (j < len && (t[j] == ' ' || t[j] == '\t')) {
			j++;
		}
		quote = j < len && (t[j] == '"' || t[j] == '\'') ? t[j++] : ' ';
		for (i = 0; j < len && t[j] != quote && t[j] != '>' &&
			i + 1 < size; j++) {
			out[i++] = t[j];
		}
		out[i] = '\0';
		return true;
	}
	return false;
}

/* The position of s->buf[n], counting lines and characters from s->at. */
static struct ogc_pos
position(const struct ogc_body_scan *s, size_t n)
{
	struct ogc_pos pos = s->at;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s->buf[i] == '\n') {
			pos.line++;
			pos.column = 1;
		} else if (((unsigned char)s->buf[i] & 0xc0) != 0x80) {
			pos.column++;
		}
	}
	return pos;
}

void
ogc_body_scan_init(struct ogc_body_scan *s, struct ogc_pos start)
{
	memset(s, 0, sizeof(*s));
	s->at = start;
}

/* True when the tag text t[0..len) ("<meta ...") names a head property. */
static bool
is_head_meta(const char *t, size_t len, char *value, size_t size)
{
	size_t i;

	if (len < 6 || strncasecmp(t, "<meta", 5) != 0 ||
		(t[5] != ' ' && t[5] != '\t' && t[5] != '\n' && t[5] != '\r')) {
		return false;
	}
	if (!tag_attribute(t + 5, len - 5, "property", value, size) &&
		!tag_attribute(t + 5, len - 5, "name", value, size)) {
		return false;
	}
	for (i = 0; head_prefixes[i] != NULL; i++) {
		if (strncmp(value, head_prefixes[i],
			strlen(head_prefixes[i])) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * Scans buf for "<meta ...>" tags whose property or name has one of the
 * head prefixes, then drops what it has scanned. A tag that may go on
 * past the bytes at hand is kept for the next call unless `last`.
 */
static void
scan_body(struct ogc_body_scan *s, bool last, ogc_body_meta_fn *fn,
	void *arg)
{
	char value[128];
	const char *lt;
	const char *gt;
	size_t i = 0;
	size_t end;

	for (;;) {
		lt = memchr(s->buf + i, '<', s->len - i);
		if (lt == NULL) {
			i = s->len;
			break;
		}
		i = (size_t)(lt - s->buf);
		gt = memchr(lt, '>', s->len - i);
		if (gt == NULL && !last && s->len - i < sizeof(s->buf)) {
			break; /* the tag goes on in the next chunk */
		}
		end = gt != NULL ? (size_t)(gt - s->buf) : s->len;
		if (is_head_meta(lt, end - i, value, sizeof(value))) {
			fn(arg, position(s, i), value);
		}
		i++;
	}
	s->at = position(s, i);
	memmove(s->buf, s->buf + i, s->len - i);
	s->len -= i;
}

void
ogc_body_scan_feed(struct ogc_body_scan *s, const char *data, size_t len,
	bool last, ogc_body_meta_fn *fn, void *arg)
{
	size_t n;

	do {
		n = sizeof(s->buf) - s->len;
		n = n < len ? n : len;
		memcpy(s->buf + s->len, data, n);
		s->len += n;
		data += n;
		len -= n;
		scan_body(s, last && len == 0, fn, arg);
	} while (len > 0);
}

struct ogc_doc *
ogc_front_parse(const struct ogc_front *front)
{
	switch (front->dialect) {
	case OGC_DIALECT_TOML:
		return ogc_toml_parse(front->text, front->len, front->first_line);
	case OGC_DIALECT_JSON:
		return ogc_json_parse(front->text, front->len, front->first_line);
	case OGC_DIALECT_YAML:
	default:
		return ogc_doc_parse(front->text, front->len, front->first_line);
	}
}
