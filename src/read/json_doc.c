/* json_doc.c: JSON front matter (Hugo) -> the positioned field tree. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include <pthread.h>

#include "read/read.h"
#include "util/util.h"

/*
 * JSON front matter (Hugo)
 *
 * A content file may open with a JSON object instead of --- YAML ---:
 *   { "title": "Harbour", "tags": ["a", "b"] }
 * cJSON decodes it but keeps no positions, so a scanner of our own walks
 * the same text first, in document order. It checks the syntax strictly
 * (RFC 8259), so that every error gets a message and a place; it enforces
 * OGC_MAX_DEPTH and OGC_MAX_NODES before cJSON builds anything (cJSON
 * recurses up to 1000 levels); and it builds the node skeleton, each value
 * with its position and each member with its key's. cJSON then parses the
 * same bytes, and the two trees, which hold the same values in the same
 * pre-order, are zipped: keys and strings come from cJSON, numbers keep
 * the text written in the source ("1.50" stays "1.50").
 */

/*
 * cJSON_ParseWithLengthOpts() writes cJSON's global error state on every
 * call, even a successful one, and files are parsed on several threads:
 * this lock, the one piece of mutable static state, keeps cJSON's own
 * from being a data race. The baseline and cache readers above parse on
 * the main thread, before and after the files are checked.
 */
static pthread_mutex_t cjson_parse_lock = PTHREAD_MUTEX_INITIALIZER;

/* The state of one scan: the next byte to read and its place in the file. */
struct jscan {
	struct ogc_doc *doc;
	const char *s;
	size_t len;
	size_t off;
	struct ogc_pos pos;
	size_t values;
	bool failed; /* a fatal problem was recorded */
};

static void
jfail(struct jscan *sc, const char *rule, struct ogc_pos pos,
	const char *fmt, ...) OGC_PRINTF(4, 5);

/* Records the fatal problem (rule NULL: front-matter-invalid); once. */
static void
jfail(struct jscan *sc, const char *rule, struct ogc_pos pos,
	const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ogc_doc_vfail(sc->doc, &sc->failed, rule, pos, fmt, ap);
	va_end(ap);
}

static void
jnomem(struct jscan *sc)
{
	sc->doc->nomem = true;
	sc->failed = true;
}

/* The byte at the cursor, or -1 at the end of the text. */
static int
jpeek(const struct jscan *sc)
{
	if (sc->off >= sc->len) {
		return -1;
	}
	return (unsigned char)sc->s[sc->off];
}

/* Moves n bytes on; columns count code points, as ogc_utf8_pos() does. */
static void
jadvance(struct jscan *sc, size_t n)
{
	const unsigned char *p = (const unsigned char *)sc->s;
	size_t end = sc->off + n;

	for (; sc->off < end; sc->off++) {
		if (p[sc->off] == '\n') {
			sc->pos.line++;
			sc->pos.column = 1;
		} else if ((p[sc->off] & 0xc0) != 0x80) {
			sc->pos.column++;
		}
	}
}

/* RFC 8259 whitespace: space, tab, line feed, carriage return. */
static void
skip_ws(struct jscan *sc)
{
	int c = jpeek(sc);

	while (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
		jadvance(sc, 1);
		c = jpeek(sc);
	}
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_word_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		is_digit(c) || c == '_';
}

/* The length of the run of word characters at s[0..len). */
static size_t
word_length(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && is_word_char((unsigned char)s[n])) {
		n++;
	}
	return n;
}

/*
 * Describes the text at offset `at`, for "expected X, found Y":
 *   "the end of the front matter", "the word 'yes'", "':'",
 *   "'\u201c' (U+201C)" (the character itself), "a control character
 *   (U+0001)". The text is valid UTF-8 (checked first).
 */
static void
describe_at(const struct jscan *sc, size_t at, char *buf, size_t size)
{
	const char *p = sc->s + at;
	size_t left = sc->len - at;
	unsigned char c;
	size_t n;
	uint32_t cp = 0;

	if (at >= sc->len) {
		snprintf(buf, size, "the end of the front matter");
		return;
	}
	c = (unsigned char)*p;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
		n = word_length(p, left);
		snprintf(buf, size, "the word '%.*s%s'", n > 32 ? 32 : (int)n,
			p, n > 32 ? "..." : "");
	} else if (c < 0x20 || c == 0x7f) {
		snprintf(buf, size, "a control character (U+%04X)", c);
	} else if (c < 0x80) {
		snprintf(buf, size, "'%c'", c);
	} else {
		n = ogc_utf8_decode(p, left, &cp);
		snprintf(buf, size, "'%.*s' (U+%04X)", (int)n, p, (unsigned)cp);
	}
}

/*
 * "expected WHAT, found ..." at the cursor. At the end of the text the
 * message names the object or array left open (`within`, may be NULL).
 */
static void
expected(struct jscan *sc, const char *what, const struct ogc_node *within)
{
	char found[64];

	describe_at(sc, sc->off, found, sizeof(found));
	if (sc->off >= sc->len && within != NULL) {
		jfail(sc, NULL, sc->pos, "expected %s, found %s (the %s at "
			"line %u, column %u is not closed)", what, found,
			within->kind == OGC_NODE_MAP ? "object" : "array",
			within->pos.line, within->pos.column);
		return;
	}
	jfail(sc, NULL, sc->pos, "expected %s, found %s", what, found);
}

/* A new node at `pos`, `depth` levels down (the root object is 1). */
static struct ogc_node *
jnode(struct jscan *sc, enum ogc_node_kind kind, struct ogc_pos pos,
	unsigned depth)
{
	struct ogc_node *node;

	/* the same checks, in the same order, as yaml_doc.c's build_node */
	if (depth > OGC_MAX_DEPTH) {
		jfail(sc, "limit-depth", pos, "nested more than %u levels deep "
			"(limit depth): the front matter is not checked",
			OGC_MAX_DEPTH);
		return NULL;
	}
	if (++sc->values > OGC_MAX_NODES) {
		jfail(sc, "limit-values", pos, "the front matter holds more "
			"than %u values (limit values): it is not checked",
			OGC_MAX_NODES);
		return NULL;
	}
	node = ogc_node_new(sc->doc->arena, kind, pos);
	if (node == NULL) {
		jnomem(sc);
	}
	return node;
}

/* The value of the four hex digits at s[at..at+4), or -1. */
static long
hex4(const struct jscan *sc, size_t at)
{
	long v = 0;
	size_t i;
	int c;

	if (at > sc->len || sc->len - at < 4) {
		return -1;
	}
	for (i = at; i < at + 4; i++) {
		c = ogc_hex_digit((unsigned char)sc->s[i]);
		if (c < 0) {
			return -1;
		}
		v = v * 16 + c;
	}
	return v;
}

/*
 * Checks the escape whose backslash is at the cursor (a byte follows it
 * on the same line) and moves past it. A \u escape of a UTF-16 surrogate
 * must be half of a pair, as Unicode and cJSON require; \u0000 is
 * refused, as a NUL byte in the file is.
 *   \n  \u00e9  \ud83d\ude00  -> fine
 *   \q  \u12  \ud83d  \u0000  -> the problem, at the backslash
 */
static bool
scan_escape(struct jscan *sc)
{
	struct ogc_pos at = sc->pos;
	char found[64];
	long hi;
	long lo;
	int c = (unsigned char)sc->s[sc->off + 1];

	switch (c) {
	case '"':
	case '/':
	case '\\':
	case 'b':
	case 'f':
	case 'n':
	case 'r':
	case 't':
		jadvance(sc, 2);
		return true;
	case 'u':
		break;
	default:
		if (c > 0x20 && c < 0x7f) {
			snprintf(found, sizeof(found), "\\%c", c);
		} else {
			describe_at(sc, sc->off + 1, found, sizeof(found));
		}
		jfail(sc, NULL, at, "invalid escape %s%s in a string (JSON has "
			"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
			c > 0x20 && c < 0x7f ? "" : "\\ followed by ", found);
		return false;
	}
	hi = hex4(sc, sc->off + 2);
	if (hi < 0) {
		jfail(sc, NULL, at, "invalid escape in a string: \\u takes "
			"four hex digits");
		return false;
	}
	if (hi == 0) {
		jfail(sc, NULL, at, "\\u0000 in a string: the front matter "
			"cannot hold a NUL character");
		return false;
	}
	if (hi >= 0xdc00 && hi <= 0xdfff) {
		jfail(sc, NULL, at, "\\u%04lX in a string is the second half "
			"of a UTF-16 surrogate pair without the first", hi);
		return false;
	}
	if (hi < 0xd800 || hi > 0xdbff) {
		jadvance(sc, 6);
		return true;
	}
	lo = -1;
	if (sc->len - sc->off >= 8 && sc->s[sc->off + 6] == '\\' &&
		sc->s[sc->off + 7] == 'u') {
		lo = hex4(sc, sc->off + 8);
	}
	if (lo < 0xdc00 || lo > 0xdfff) {
		jfail(sc, NULL, at, "\\u%04lX in a string starts a UTF-16 "
			"surrogate pair, but no \\uDC00 to \\uDFFF follows",
			hi);
		return false;
	}
	jadvance(sc, 12);
	return true;
}

/*
 * Checks the string whose opening quote is at the cursor and moves past
 * its closing quote (RFC 8259 section 7). A string must end on its line:
 * a raw line break, like any control character, is not allowed in one.
 *   "Harbour\u2019s"  -> fine
 *   "tab	here"       -> a control character (U+0009), at the tab
 *   "no end           -> unterminated string, at the opening quote
 */
static bool
scan_string(struct jscan *sc)
{
	struct ogc_pos open = sc->pos;
	int next;
	int c;

	jadvance(sc, 1);
	for (;;) {
		c = jpeek(sc);
		next = sc->off + 1 < sc->len ?
			(unsigned char)sc->s[sc->off + 1] : -1;
		if (c == -1 || c == '\n' || c == '\r' || (c == '\\' &&
			(next == -1 || next == '\n' || next == '\r'))) {
			jfail(sc, NULL, open, "unterminated string: no "
				"closing \" before the end of the %s",
				c == -1 || next == -1 ? "front matter" :
				"line");
			return false;
		}
		if (c == '"') {
			jadvance(sc, 1);
			return true;
		}
		if (c < 0x20) {
			jfail(sc, NULL, sc->pos, "a control character "
				"(U+%04X) in a string: write it as \\u%04X",
				(unsigned)c, (unsigned)c);
			return false;
		}
		if (c == '\\') {
			if (!scan_escape(sc)) {
				return false;
			}
			continue;
		}
		jadvance(sc, 1);
	}
}

/* Moves past a run of digits; false when there is none. */
static bool
scan_digits(struct jscan *sc)
{
	if (!is_digit(jpeek(sc))) {
		return false;
	}
	while (is_digit(jpeek(sc))) {
		jadvance(sc, 1);
	}
	return true;
}

/*
 * Checks the number at the cursor and moves past it (RFC 8259 section 6):
 *   -0  12  1.50  6.02e+23 -> fine
 *   01  1.  -  1e  -> the problem, at the offending character
 */
static bool
scan_number(struct jscan *sc)
{
	struct ogc_pos start = sc->pos;

	if (jpeek(sc) == '-') {
		jadvance(sc, 1);
	}
	if (jpeek(sc) == '0') {
		jadvance(sc, 1);
		if (is_digit(jpeek(sc))) {
			jfail(sc, NULL, start, "invalid number: JSON allows no "
				"leading zero");
			return false;
		}
	} else if (!scan_digits(sc)) {
		expected(sc, "a digit after -", NULL);
		return false;
	}
	if (jpeek(sc) == '.') {
		jadvance(sc, 1);
		if (!scan_digits(sc)) {
			expected(sc, "a digit after the decimal point", NULL);
			return false;
		}
	}
	if (jpeek(sc) == 'e' || jpeek(sc) == 'E') {
		jadvance(sc, 1);
		if (jpeek(sc) == '+' || jpeek(sc) == '-') {
			jadvance(sc, 1);
		}
		if (!scan_digits(sc)) {
			expected(sc, "a digit in the exponent", NULL);
			return false;
		}
	}
	return true;
}

static struct ogc_node *
scan_value(struct jscan *sc, unsigned depth, const struct ogc_node *within);

/*
 * Reads the members of the object whose '{' is at the cursor:
 *   { "title": "A", "og": { "type": "article" } }
 * Each member is its value's node with key_pos set; the key itself stays
 * NULL until the zip copies cJSON's decoded one.
 */
static bool
scan_object(struct jscan *sc, struct ogc_node *map, unsigned depth)
{
	struct ogc_node **tail = &map->child;
	struct ogc_node *value;
	struct ogc_pos key_pos;
	struct ogc_pos comma = {0, 0};
	int c;

	jadvance(sc, 1);
	skip_ws(sc);
	if (jpeek(sc) == '}') {
		jadvance(sc, 1);
		return true;
	}
	for (;;) {
		c = jpeek(sc);
		if (c != '"') {
			if (comma.line != 0 && c == '}') {
				jfail(sc, NULL, comma, "a comma before }: JSON "
					"allows no trailing comma");
			} else if (c == '\'') {
				jfail(sc, NULL, sc->pos, "a key in single "
					"quotes: JSON keys take double quotes");
			} else {
				expected(sc, comma.line != 0 ? "a key in "
					"double quotes after the comma" :
					"a key in double quotes or }", map);
			}
			return false;
		}
		key_pos = sc->pos;
		if (!scan_string(sc)) {
			return false;
		}
		skip_ws(sc);
		if (jpeek(sc) != ':') {
			expected(sc, ": after the key", map);
			return false;
		}
		jadvance(sc, 1);
		skip_ws(sc);
		value = scan_value(sc, depth + 1, map);
		if (value == NULL) {
			return false;
		}
		value->key_pos = key_pos;
		*tail = value;
		tail = &value->next;
		skip_ws(sc);
		c = jpeek(sc);
		if (c == '}') {
			jadvance(sc, 1);
			return true;
		}
		if (c != ',') {
			expected(sc, ", or } after a member", map);
			return false;
		}
		comma = sc->pos;
		jadvance(sc, 1);
		skip_ws(sc);
	}
}

/* Reads the items of the array whose '[' is at the cursor: [1, "a", []]. */
static bool
scan_array(struct jscan *sc, struct ogc_node *seq, unsigned depth)
{
	struct ogc_node **tail = &seq->child;
	struct ogc_node *item;
	struct ogc_pos comma = {0, 0};
	int c;

	jadvance(sc, 1);
	skip_ws(sc);
	if (jpeek(sc) == ']') {
		jadvance(sc, 1);
		return true;
	}
	for (;;) {
		if (comma.line != 0 && jpeek(sc) == ']') {
			jfail(sc, NULL, comma, "a comma before ]: JSON allows "
				"no trailing comma");
			return false;
		}
		item = scan_value(sc, depth + 1, seq);
		if (item == NULL) {
			return false;
		}
		*tail = item;
		tail = &item->next;
		skip_ws(sc);
		c = jpeek(sc);
		if (c == ']') {
			jadvance(sc, 1);
			return true;
		}
		if (c != ',') {
			expected(sc, ", or ] after an item", seq);
			return false;
		}
		comma = sc->pos;
		jadvance(sc, 1);
		skip_ws(sc);
	}
}

/* true, false or null at the cursor: its length, or 0. */
static size_t
literal_length(const struct jscan *sc)
{
	static const char *const words[] = {"false", "null", "true"};
	size_t n = word_length(sc->s + sc->off, sc->len - sc->off);
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strlen(words[i]) == n &&
			memcmp(sc->s + sc->off, words[i], n) == 0) {
			return n;
		}
	}
	return 0;
}

/*
 * Reads the value at the cursor, `depth` levels down, into a new node.
 * `within` is the object or array that holds it (NULL for the root).
 * String scalars get a NULL text for now: the zip fills it in.
 */
static struct ogc_node *
scan_value(struct jscan *sc, unsigned depth, const struct ogc_node *within)
{
	struct ogc_pos pos = sc->pos;
	struct ogc_node *node;
	size_t start = sc->off;
	size_t n;
	int c = jpeek(sc);

	if (c == '{' || c == '[') {
		node = jnode(sc, c == '{' ? OGC_NODE_MAP : OGC_NODE_SEQ, pos,
			depth);
		if (node == NULL || !(c == '{' ? scan_object(sc, node, depth) :
			scan_array(sc, node, depth))) {
			return NULL;
		}
		return node;
	}
	if (c == '"') {
		node = jnode(sc, OGC_NODE_SCALAR, pos, depth);
		if (node == NULL || !scan_string(sc)) {
			return NULL;
		}
		node->text = NULL;
		node->end = sc->pos;
		return node;
	}
	if (c == '-' || is_digit(c)) {
		node = jnode(sc, OGC_NODE_SCALAR, pos, depth);
		if (node == NULL || !scan_number(sc)) {
			return NULL;
		}
		node->end = sc->pos;
		node->len = sc->off - start;
		node->text = ogc_arena_strndup(sc->doc->arena, sc->s + start,
			node->len);
		if (node->text == NULL) {
			jnomem(sc);
			return NULL;
		}
		return node;
	}
	n = literal_length(sc);
	if (n == 4 && sc->s[start] == 'n') {
		node = jnode(sc, OGC_NODE_NULL, pos, depth);
		jadvance(sc, n);
		return node;
	}
	if (n != 0) {
		node = jnode(sc, OGC_NODE_SCALAR, pos, depth);
		if (node == NULL) {
			return NULL;
		}
		jadvance(sc, n);
		node->end = sc->pos;
		node->text = n == 4 ? "true" : "false";
		node->len = n;
		return node;
	}
	if (c == '\'') {
		jfail(sc, NULL, pos, "a string in single quotes: JSON strings "
			"take double quotes");
	} else if (is_word_char(c) && !is_digit(c)) {
		n = word_length(sc->s + start, sc->len - start);
		jfail(sc, NULL, pos, "unknown word '%.*s%s': JSON has true, "
			"false and null, and text goes in double quotes",
			n > 32 ? 32 : (int)n, sc->s + start,
			n > 32 ? "..." : "");
	} else {
		expected(sc, "a value", within);
	}
	return NULL;
}

/* The root is not an object: say what it is instead. */
static void
not_an_object(struct jscan *sc)
{
	int c = jpeek(sc);
	size_t n = literal_length(sc);

	if (c == -1) {
		jfail(sc, NULL, sc->pos, "the front matter is empty; expected "
			"a JSON object");
	} else if (c == '[') {
		jfail(sc, NULL, sc->pos, "the front matter is a JSON array; "
			"expected an object");
	} else if (c == '"') {
		jfail(sc, NULL, sc->pos, "the front matter is a JSON string; "
			"expected an object");
	} else if (c == '-' || is_digit(c)) {
		jfail(sc, NULL, sc->pos, "the front matter is a JSON number; "
			"expected an object");
	} else if (n != 0) {
		jfail(sc, NULL, sc->pos, "the front matter is the JSON value "
			"%.*s; expected an object", (int)n, sc->s + sc->off);
	} else {
		expected(sc, "{ to open the front matter object", NULL);
	}
}

/*
 * Scans the whole text: whitespace, one object, whitespace. Sets
 * [*start, *end) to the object's bytes.
 */
static struct ogc_node *
scan_document(struct jscan *sc, size_t *start, size_t *end)
{
	struct ogc_node *root;
	struct ogc_pos close;

	skip_ws(sc);
	if (jpeek(sc) != '{') {
		not_an_object(sc);
		return NULL;
	}
	*start = sc->off;
	root = scan_value(sc, 1, NULL);
	if (root == NULL) {
		return NULL;
	}
	*end = sc->off;
	close = sc->pos;
	close.column--; /* the '}' just read */
	skip_ws(sc);
	if (jpeek(sc) != -1) {
		jfail(sc, NULL, sc->pos, "trailing characters after the "
			"object, which closes at line %u, column %u",
			close.line, close.column);
		return NULL;
	}
	return root;
}

/* cJSON read the text differently from the scanner: never expected. */
static bool
disagree(struct jscan *sc, struct ogc_pos pos)
{
	jfail(sc, NULL, pos, "cJSON reads the JSON here differently: the "
		"front matter is not checked");
	return false;
}

/* Whether cJSON's item is the value the scanner found for `node`. */
static bool
same_kind(const struct ogc_node *node, const cJSON *item)
{
	switch (node->kind) {
	case OGC_NODE_MAP:
		return cJSON_IsObject(item);
	case OGC_NODE_SEQ:
		return cJSON_IsArray(item);
	case OGC_NODE_NULL:
		return cJSON_IsNull(item);
	case OGC_NODE_SCALAR:
		break;
	}
	if (node->text == NULL) {
		return cJSON_IsString(item) && item->valuestring != NULL;
	}
	if (strcmp(node->text, "true") == 0) {
		return cJSON_IsTrue(item);
	}
	if (strcmp(node->text, "false") == 0) {
		return cJSON_IsFalse(item);
	}
	return cJSON_IsNumber(item);
}

/*
 * Walks the scanner's node and cJSON's item together, in pre-order,
 * copying decoded keys and strings into the arena, and reports duplicate
 * keys of each object once its members are complete.
 */
static bool
zip(struct jscan *sc, struct ogc_node *node, const cJSON *item)
{
	struct ogc_node *c;
	const cJSON *ci;
	size_t count = 0;

	if (!same_kind(node, item)) {
		return disagree(sc, node->pos);
	}
	if (node->kind == OGC_NODE_SCALAR && node->text == NULL) {
		node->len = strlen(item->valuestring);
		node->text = ogc_arena_strndup(sc->doc->arena,
			item->valuestring, node->len);
		if (node->text == NULL) {
			jnomem(sc);
			return false;
		}
	}
	ci = item->child;
	for (c = node->child; c != NULL; c = c->next) {
		if (ci == NULL) {
			return disagree(sc, c->pos);
		}
		if (node->kind == OGC_NODE_MAP) {
			if (ci->string == NULL) {
				return disagree(sc, c->key_pos);
			}
			c->key = ogc_arena_strndup(sc->doc->arena, ci->string,
				strlen(ci->string));
			if (c->key == NULL) {
				jnomem(sc);
				return false;
			}
		}
		if (!zip(sc, c, ci)) {
			return false;
		}
		ci = ci->next;
		count++;
	}
	if (ci != NULL && (node->kind == OGC_NODE_MAP ||
		node->kind == OGC_NODE_SEQ)) {
		return disagree(sc, node->pos);
	}
	if (node->kind == OGC_NODE_MAP) {
		if (!ogc_doc_check_duplicates(sc->doc, node, count)) {
			jnomem(sc);
		}
	}
	return !sc->failed;
}

struct ogc_doc *
ogc_json_parse(const char *text, size_t len, unsigned first_line)
{
	struct jscan sc;
	struct ogc_doc *doc;
	struct ogc_node *root;
	const char *stop = NULL;
	cJSON *tree;
	size_t start = 0;
	size_t end = 0;
	size_t bad;

	doc = ogc_doc_create();
	if (doc == NULL) {
		return NULL;
	}
	/* a byte order mark takes no column, as in libyaml's positions */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	memset(&sc, 0, sizeof(sc));
	sc.doc = doc;
	sc.s = text;
	sc.len = len;
	sc.pos.line = first_line;
	sc.pos.column = 1;
	if (!ogc_utf8_valid(text, len, &bad)) {
		jfail(&sc, NULL, ogc_utf8_pos(text, bad, first_line),
			text[bad] == '\0' ? "a NUL byte: the front matter "
			"must be UTF-8 text" : "invalid UTF-8 byte 0x%02X: the "
			"front matter must be UTF-8 text",
			(unsigned char)text[bad]);
		goto out;
	}
	root = scan_document(&sc, &start, &end);
	if (root == NULL) {
		goto out;
	}
	/* valid and within the limits: cJSON fails only when out of memory */
	pthread_mutex_lock(&cjson_parse_lock);
	tree = cJSON_ParseWithLengthOpts(text + start, end - start, &stop,
		false);
	pthread_mutex_unlock(&cjson_parse_lock);
	if (tree == NULL) {
		if (stop == NULL || stop < text + start || stop > text + end) {
			stop = text + start;
		}
		jfail(&sc, NULL, ogc_utf8_pos(text, (size_t)(stop - text),
			first_line), "cJSON cannot read the JSON here (out of "
			"memory?): the front matter is not checked");
		goto out;
	}
	if (zip(&sc, root, tree)) {
		doc->root = root;
	}
	cJSON_Delete(tree);
out:
	if (doc->nomem) {
		ogc_doc_destroy(doc);
		return NULL;
	}
	return doc;
}

/* Levels whose bracket ogc_json_object_end() remembers, to match closers. */
#define OBJECT_END_LEVELS 1024u

/*
 * Finds the '}' that closes the object opening text, tracking strings,
 * escapes and brackets only: the rest of the syntax is the parser's job.
 *   {"a": "}"} body  -> 10
 *   {"a": [1, 2}     -> (size_t)-1: ']' expected, no byte can fix it
 *   {"a": "x<LF>     -> (size_t)-1: a line break inside a string
 * Deeper than OBJECT_END_LEVELS only the count of brackets is kept: such
 * text fails the depth limit when parsed anyway.
 */
size_t
ogc_json_object_end(const char *text, size_t len)
{
	uint64_t square[OBJECT_END_LEVELS / 64] = {0}; /* bit: opened by [ */
	bool in_string = false;
	bool matches;
	uint64_t bit;
	size_t depth = 0;
	size_t i;
	char c;

	if (len == 0) {
		return 0;
	}
	if (text[0] != '{') {
		return (size_t)-1;
	}
	for (i = 0; i < len; i++) {
		c = text[i];
		if (in_string) {
			if (c == '"') {
				in_string = false;
			} else if (c == '\n' || c == '\r') {
				return (size_t)-1;
			} else if (c == '\\') {
				if (i + 1 < len && (text[i + 1] == '\n' ||
					text[i + 1] == '\r')) {
					return (size_t)-1;
				}
				i++;
			}
			continue;
		}
		if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			bit = UINT64_C(1) << (depth % 64);
			if (depth < OBJECT_END_LEVELS && c == '[') {
				square[depth / 64] |= bit;
			} else if (depth < OBJECT_END_LEVELS) {
				square[depth / 64] &= ~bit;
			}
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
			bit = UINT64_C(1) << (depth % 64);
			/* deeper than the levels kept, any closer matches */
			matches = depth >= OBJECT_END_LEVELS ||
				((square[depth / 64] & bit) != 0) == (c == ']');
			if (!matches) {
				return (size_t)-1;
			}
			if (depth == 0) {
				return i + 1;
			}
		}
	}
	return 0;
}
