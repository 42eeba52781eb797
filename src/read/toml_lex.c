/* toml_lex.c: the TOML reader's lexer: bytes -> keys, strings and values. */
/* SPDX-License-Identifier: MIT */
/*
 * The lexical half of the TOML reader (toml_doc.c builds the tables):
 * positions, problems, blanks, comments and line ends, keys, strings of
 * the four kinds with their escapes, and the values written without
 * quotes (booleans, numbers, dates and times), checked against TOML 1.0
 * (https://toml.io/en/v1.0.0). Strings and keys are decoded into the
 * parser's buffer; nothing here makes a node.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "read/toml.h"
#include "read/read.h"
#include "util/util.h"

/* Where byte `off` is. Moving back (for an error only) counts afresh. */
static struct ogc_pos
pos_at(struct parser *p, size_t off)
{
	struct ogc_pos pos;
	unsigned char c;

	if (off < p->at_off) {
		return ogc_utf8_pos(p->s, off, p->first_line);
	}
	while (p->at_off < off) {
		c = (unsigned char)p->s[p->at_off++];
		if (c == '\n') {
			p->at_line++;
			p->at_col = 1;
		} else if ((c & 0xc0) != 0x80) {
			p->at_col++;
		}
	}
	pos.line = p->at_line;
	pos.column = p->at_col;
	return pos;
}

struct ogc_pos
ogc_toml_here(struct parser *p)
{
	return pos_at(p, p->i);
}

static void
vfail(struct parser *p, const char *rule, struct ogc_pos pos,
	const char *fmt, va_list ap) OGC_PRINTF(4, 0);

/* Records the fatal problem, of rule `rule`; only the first one is kept. */
static void
vfail(struct parser *p, const char *rule, struct ogc_pos pos,
	const char *fmt, va_list ap)
{
	ogc_doc_vfail(p->doc, &p->failed, rule, pos, fmt, ap);
}

/* The TOML is not valid: front-matter-invalid. */
void
ogc_toml_fail(struct parser *p, struct ogc_pos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(p, NULL, pos, fmt, ap);
	va_end(ap);
}

/* The TOML runs past one of the limits: rule is its limit-* id. */
void
ogc_toml_fail_limit(struct parser *p, const char *rule, struct ogc_pos pos,
	const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(p, rule, pos, fmt, ap);
	va_end(ap);
}

void
ogc_toml_nomem(struct parser *p)
{
	p->doc->nomem = true;
	p->failed = true;
}

/* The byte k bytes ahead, or NUL past the end (the text holds no NUL). */
char
ogc_toml_peek(const struct parser *p, size_t k)
{
	return p->len - p->i > k ? p->s[p->i + k] : '\0';
}

bool
ogc_toml_at_end(const struct parser *p)
{
	return p->i >= p->len;
}

bool
ogc_toml_at_newline(const struct parser *p)
{
	return ogc_toml_peek(p, 0) == '\n' ||
		(ogc_toml_peek(p, 0) == '\r' && ogc_toml_peek(p, 1) == '\n');
}

static void
skip_newline(struct parser *p)
{
	p->i += ogc_toml_peek(p, 0) == '\r' ? 2 : 1;
}

void
ogc_toml_skip_blanks(struct parser *p)
{
	while (ogc_toml_peek(p, 0) == ' ' || ogc_toml_peek(p, 0) == '\t') {
		p->i++;
	}
}

/* Control characters but tab: not allowed raw in strings and comments. */
static bool
is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

static bool
is_bare_key_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* How many bytes of s[0..len), at most about max, end on a character. */
int
ogc_toml_clip(const char *s, size_t len, size_t max)
{
	return (int)ogc_utf8_cut(s, len, max);
}

/* Names the character at s[off] for a message: 'x', U+00E9, the end... */
const char *
ogc_toml_describe(const struct parser *p, size_t off, char *out, size_t size)
{
	unsigned char c;
	uint32_t cp;

	if (off >= p->len) {
		return "the end of the front matter";
	}
	c = (unsigned char)p->s[off];
	if (c == '\n' || (c == '\r' && off + 1 < p->len &&
		p->s[off + 1] == '\n')) {
		return "the end of the line";
	}
	if (c > 0x20 && c < 0x7f) {
		snprintf(out, size, "'%c'", c);
	} else if (c == ' ') {
		return "a space";
	} else {
		if (ogc_utf8_decode(p->s + off, p->len - off, &cp) == 0) {
			cp = c;
		}
		snprintf(out, size, "U+%04X", (unsigned)cp);
	}
	return out;
}

void
ogc_toml_fail_expected(struct parser *p, const char *what)
{
	char c[16];

	ogc_toml_fail(p, ogc_toml_here(p), "expected %s, found %s", what,
		ogc_toml_describe(p, p->i, c, sizeof(c)));
}

/* A raw control character (not tab) in a string or comment. */
static void
fail_control(struct parser *p, bool in_string)
{
	unsigned c = (unsigned char)p->s[p->i];

	if (in_string) {
		ogc_toml_fail(p, ogc_toml_here(p), "control character U+%04X "
			"in a string: write it as an escape (\\u%04X)", c, c);
	} else {
		ogc_toml_fail(p, ogc_toml_here(p), "control character U+%04X "
			"in a comment", c);
	}
}

/*
 * A comment: '#' to the end of the line, which it leaves unread.
 *   # draft = true
 */
static bool
skip_comment(struct parser *p)
{
	if (ogc_toml_peek(p, 0) != '#') {
		return true;
	}
	while (!ogc_toml_at_end(p) && !ogc_toml_at_newline(p)) {
		if (is_control((unsigned char)p->s[p->i])) {
			fail_control(p, false);
			return false;
		}
		p->i++;
	}
	return true;
}

/* Blanks, a comment, then a newline or the end: what ends a line. */
bool
ogc_toml_end_of_line(struct parser *p, const char *after)
{
	char c[16];

	ogc_toml_skip_blanks(p);
	if (!skip_comment(p)) {
		return false;
	}
	if (ogc_toml_at_end(p)) {
		return true;
	}
	if (ogc_toml_at_newline(p)) {
		skip_newline(p);
		return true;
	}
	ogc_toml_fail(p, ogc_toml_here(p), "expected the end of the line "
		"after %s, found %s", after,
		ogc_toml_describe(p, p->i, c, sizeof(c)));
	return false;
}

/* Blanks, newlines and comments, as arrays allow between items. */
bool
ogc_toml_skip_space_and_comments(struct parser *p)
{
	for (;;) {
		ogc_toml_skip_blanks(p);
		if (!skip_comment(p)) {
			return false;
		}
		if (!ogc_toml_at_newline(p)) {
			return true;
		}
		skip_newline(p);
	}
}

/* Empties the buffer, which has storage from the start of the parse. */
static void
buf_reset(struct parser *p)
{
	p->buf.len = 0;
	p->buf.data[0] = '\0';
}

static bool
buf_add(struct parser *p, const char *s, size_t len)
{
	ogc_strbuf_add(&p->buf, s, len);
	if (p->buf.failed) {
		ogc_toml_nomem(p);
		return false;
	}
	return true;
}

/* Appends code point cp (a Unicode scalar value) as UTF-8. */
static bool
buf_add_utf8(struct parser *p, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return buf_add(p, u, n);
}

/*
 * An escape in a basic string, at the backslash; appends what it stands
 * for. TOML 1.0 has \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX, and the code
 * point must be a Unicode scalar value:
 *   "caf\u00E9"  -> café        "\q" -> invalid escape \q
 */
static bool
parse_escape(struct parser *p)
{
	static const char from[] = "btnfr\"\\";
	static const char to[] = "\b\t\n\f\r\"\\";
	struct ogc_pos pos = ogc_toml_here(p);
	const char *hit;
	char e = ogc_toml_peek(p, 1);
	char c[16];
	uint32_t cp = 0;
	size_t digits;
	size_t k;
	int v;

	hit = e != '\0' ? strchr(from, e) : NULL;
	if (hit != NULL) {
		p->i += 2;
		return buf_add(p, &to[hit - from], 1);
	}
	if (e != 'u' && e != 'U') {
		if (e > 0x20 && e < 0x7f) {
			ogc_toml_fail(p, pos, "invalid escape \\%c in a string "
				"(TOML has \\b \\t \\n \\f \\r \\\" \\\\ "
				"\\uXXXX \\UXXXXXXXX)", e);
		} else {
			ogc_toml_fail(p, pos, "invalid escape: a backslash "
				"followed by %s in a string (write \\\\ for a "
				"backslash)",
				ogc_toml_describe(p, p->i + 1, c, sizeof(c)));
		}
		return false;
	}
	digits = e == 'u' ? 4 : 8;
	for (k = 0; k < digits; k++) {
		v = ogc_hex_digit(ogc_toml_peek(p, 2 + k));
		if (v < 0) {
			ogc_toml_fail(p, pos, "invalid escape \\%c: it needs "
				"%zu hex digits", e, digits);
			return false;
		}
		cp = cp << 4 | (uint32_t)v;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		ogc_toml_fail(p, pos, "invalid escape \\%c%.*s: not a Unicode "
			"scalar value", e, (int)digits, p->s + p->i + 2);
		return false;
	}
	p->i += 2 + digits;
	return buf_add_utf8(p, cp);
}


/*
 * Copies the run of plain characters at the cursor, up to a quote, a
 * backslash or a control character (the first one is plain), into the
 * buffer.
 */
static bool
copy_run(struct parser *p, char quote)
{
	size_t run = 1;

	while (p->i + run < p->len && p->s[p->i + run] != quote &&
		p->s[p->i + run] != '\\' &&
		!is_control((unsigned char)p->s[p->i + run])) {
		run++;
	}
	if (!buf_add(p, p->s + p->i, run)) {
		return false;
	}
	p->i += run;
	return true;
}
/*
 * A one-line string, "basic" (with escapes) or 'literal', at its quote,
 * decoded into the buffer; leaves p->i after the closing quote.
 *   "Harbour\u2019s"  -> Harbour’s      'C:\path'  -> C:\path
 */
bool
ogc_toml_parse_line_string(struct parser *p)
{
	char quote = ogc_toml_peek(p, 0);
	struct ogc_pos open = ogc_toml_here(p);

	p->i++;
	buf_reset(p);
	for (;;) {
		if (ogc_toml_at_end(p) || ogc_toml_at_newline(p)) {
			ogc_toml_fail(p, open, quote == '"' ? "unterminated "
				"string: a \"...\" string must end on its line "
				"(use \"\"\"...\"\"\" for several lines)" :
				"unterminated string: a '...' string must end "
				"on its line (use '''...''' for several "
				"lines)");
			return false;
		}
		if (ogc_toml_peek(p, 0) == quote) {
			p->i++;
			return true;
		}
		if (quote == '"' && ogc_toml_peek(p, 0) == '\\') {
			if (!parse_escape(p)) {
				return false;
			}
			continue;
		}
		if (is_control((unsigned char)p->s[p->i])) {
			fail_control(p, true);
			return false;
		}
		if (!copy_run(p, quote)) {
			return false;
		}
	}
}

/*
 * A multi-line string, """basic""" or '''literal''', at its first quote.
 * A newline right after the opening quotes is dropped; in a basic one a
 * backslash that ends a line trims the whitespace and newlines after it.
 * One or two quotes may end the content: """a""""" -> a"".
 *   """
 *   Roses \
 *     are red"""   -> Roses are red
 */
bool
ogc_toml_parse_multiline_string(struct parser *p)
{
	char quote = ogc_toml_peek(p, 0);
	struct ogc_pos open = ogc_toml_here(p);
	size_t run;
	size_t k;

	p->i += 3;
	buf_reset(p);
	if (ogc_toml_at_newline(p)) {
		skip_newline(p);
	}
	for (;;) {
		if (ogc_toml_at_end(p)) {
			ogc_toml_fail(p, open, quote == '"' ? "unterminated "
				"multi-line string: no closing \"\"\"" :
				"unterminated multi-line string: no closing "
				"'''");
			return false;
		}
		if (ogc_toml_peek(p, 0) == quote) {
			run = 1;
			while (ogc_toml_peek(p, run) == quote) {
				run++;
			}
			if (run > 5) {
				ogc_toml_fail(p, ogc_toml_here(p), "%zu "
					"quotes in a row in a multi-line "
					"string: three or more must be "
					"escaped", run);
				return false;
			}
			k = run >= 3 ? run - 3 : run;
			if (!buf_add(p, p->s + p->i, k)) {
				return false;
			}
			p->i += run;
			if (run >= 3) {
				return true;
			}
			continue;
		}
		if (quote == '"' && ogc_toml_peek(p, 0) == '\\') {
			k = 1;
			while (ogc_toml_peek(p, k) == ' ' ||
				ogc_toml_peek(p, k) == '\t') {
				k++;
			}
			if (ogc_toml_peek(p, k) == '\n' ||
				(ogc_toml_peek(p, k) == '\r' &&
				ogc_toml_peek(p, k + 1) == '\n')) {
				/* a line-ending backslash */
				p->i += k;
				while (ogc_toml_at_newline(p) ||
					ogc_toml_peek(p, 0) == ' ' ||
					ogc_toml_peek(p, 0) == '\t') {
					p->i += ogc_toml_peek(p, 0) == '\r' ?
						2 : 1;
				}
				continue;
			}
			if (!parse_escape(p)) {
				return false;
			}
			continue;
		}
		if (ogc_toml_at_newline(p)) {
			/* CRLF reads as LF */
			skip_newline(p);
			if (!buf_add(p, "\n", 1)) {
				return false;
			}
			continue;
		}
		if (is_control((unsigned char)p->s[p->i])) {
			fail_control(p, true);
			return false;
		}
		if (!copy_run(p, quote)) {
			return false;
		}
	}
}

/*
 * One segment of a key into the buffer: bare (A-Z a-z 0-9 _ -), "basic"
 * or 'literal'. Sets *pos to where it starts.
 *   og.title   "og:title"   'the key'
 */
bool
ogc_toml_parse_simple_key(struct parser *p, struct ogc_pos *pos)
{
	size_t start = p->i;
	char c = ogc_toml_peek(p, 0);

	*pos = ogc_toml_here(p);
	if (c == '"' || c == '\'') {
		if (ogc_toml_peek(p, 1) == c && ogc_toml_peek(p, 2) == c) {
			ogc_toml_fail(p, *pos, "a multi-line string cannot be "
				"a key");
			return false;
		}
		return ogc_toml_parse_line_string(p);
	}
	while (is_bare_key_char(ogc_toml_peek(p, 0))) {
		p->i++;
	}
	if (p->i == start) {
		ogc_toml_fail_expected(p, "a key");
		return false;
	}
	buf_reset(p);
	return buf_add(p, p->s + start, p->i - start);
}

/* Days in a month of the proleptic Gregorian calendar. */
static unsigned
days_in_month(unsigned year, unsigned month)
{
	static const unsigned char days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/* The number in t[0..n) of n digits, or -1. */
static long
digits_value(const char *t, size_t n)
{
	long v = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		if (!is_digit(t[k])) {
			return -1;
		}
		v = v * 10 + (t[k] - '0');
	}
	return v;
}

/*
 * Checks a time HH:MM:SS[.fraction] at t[0..n); returns its length, or 0
 * with the reason in *why. TOML 1.0 requires the seconds.
 */
static size_t
check_time(const char *t, size_t n, const char **why)
{
	long h;
	long m;
	long s;
	size_t k = 8;

	if (n < 8 || t[2] != ':' || t[5] != ':') {
		*why = "expected a time HH:MM:SS";
		return 0;
	}
	h = digits_value(t, 2);
	m = digits_value(t + 3, 2);
	s = digits_value(t + 6, 2);
	if (h < 0 || m < 0 || s < 0) {
		*why = "expected a time HH:MM:SS";
		return 0;
	}
	/* no leap second: Go's time (Hugo) and most TOML readers refuse :60 */
	if (h > 23 || m > 59 || s > 59) {
		*why = "no such time of day";
		return 0;
	}
	if (k < n && t[k] == '.') {
		k++;
		if (k >= n || !is_digit(t[k])) {
			*why = "a fraction of a second needs digits";
			return 0;
		}
		while (k < n && is_digit(t[k])) {
			k++;
		}
	}
	return k;
}

/*
 * Checks a date, date-time or time as written, at t[0..n): a real
 * calendar date, 'T', 't' or a space before the time, an offset Z or
 * +HH:MM. NULL when valid, else why not.
 *   1979-05-27T07:32:00-08:00  1979-05-27 07:32:00.999  1979-05-27  07:32:00
 */
static const char *
check_datetime(const char *t, size_t n)
{
	const char *why = "expected a date YYYY-MM-DD";
	long hours;
	long minutes;
	long year;
	long month;
	long day;
	size_t k;
	size_t used;

	if (n >= 3 && t[2] == ':') {
		used = check_time(t, n, &why);
		if (used == 0) {
			return why;
		}
		return used == n ? NULL : "unexpected text after the time";
	}
	if (n < 10 || t[4] != '-' || t[7] != '-') {
		return why;
	}
	year = digits_value(t, 4);
	month = digits_value(t + 5, 2);
	day = digits_value(t + 8, 2);
	if (year < 0 || month < 0 || day < 0) {
		return why;
	}
	if (month < 1 || month > 12) {
		return "no such month";
	}
	if (day < 1 || (unsigned long)day > days_in_month((unsigned)year,
		(unsigned)month)) {
		return "no such day in that month";
	}
	if (n == 10) {
		return NULL;
	}
	if (t[10] != 'T' && t[10] != 't' && t[10] != ' ') {
		return "expected T or a space between the date and the time";
	}
	used = check_time(t + 11, n - 11, &why);
	if (used == 0) {
		return why;
	}
	k = 11 + used;
	if (k == n) {
		return NULL;
	}
	if ((t[k] == 'Z' || t[k] == 'z') && k + 1 == n) {
		return NULL;
	}
	if ((t[k] == '+' || t[k] == '-') && n - k == 6 && t[k + 3] == ':') {
		hours = digits_value(t + k + 1, 2);
		minutes = digits_value(t + k + 4, 2);
		if (hours > 23 || minutes > 59) {
			return "no such time offset";
		}
		if (hours >= 0 && minutes >= 0) {
			return NULL;
		}
	}
	return "expected Z or an offset +HH:MM after the time";
}

/*
 * Reads digits of `base` with single underscores between them from
 * t[*k..n). Returns how many digits, or -1 when an underscore is not
 * between two digits.
 */
static long
scan_digits(const char *t, size_t n, size_t *k, int base)
{
	long count = 0;
	int v;

	while (*k < n) {
		v = ogc_hex_digit(t[*k]);
		if (t[*k] == '_') {
			v = *k + 1 < n ? ogc_hex_digit(t[*k + 1]) : -1;
			if (count == 0 || v < 0 || v >= base) {
				return -1;
			}
		} else if (v < 0 || v >= base) {
			break;
		} else {
			count++;
		}
		(*k)++;
	}
	return count;
}

/* True when the digits t[0..n) of `base` (underscores aside) exceed max. */
static bool
too_large(const char *t, size_t n, unsigned base, uint64_t max)
{
	uint64_t v = 0;
	uint64_t d;
	size_t k;

	for (k = 0; k < n; k++) {
		if (t[k] == '_') {
			continue;
		}
		d = (uint64_t)ogc_hex_digit(t[k]);
		if (v > (max - d) / base) {
			return true;
		}
		v = v * base + d;
	}
	return false;
}

/*
 * Checks a number as written at t[0..n): decimal integers with an
 * optional sign, 0x/0o/0b integers, floats with a fraction and/or an
 * exponent, inf and nan. Underscores sit between digits; no leading zeros;
 * integers fit in 64 bits. Fails with the reason.
 *   +1_000  0xDEAD_BEEF  6.626e-34  -inf      007 -> leading zeros
 */
static bool
check_number(struct parser *p, struct ogc_pos pos, const char *t, size_t n)
{
	const char *digits;
	int shown = ogc_toml_clip(t, n, 40);
	size_t k = 0;
	size_t int_start;
	bool is_float = false;
	bool neg = false;
	unsigned base = 0;

	if (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-';
		k = 1;
	}
	if ((n - k == 3 && (memcmp(t + k, "inf", 3) == 0 ||
		memcmp(t + k, "nan", 3) == 0))) {
		return true;
	}
	if (n - k >= 2 && t[k] == '0' && (t[k + 1] == 'x' || t[k + 1] == 'o' ||
		t[k + 1] == 'b')) {
		base = t[k + 1] == 'x' ? 16 : t[k + 1] == 'o' ? 8 : 2;
		if (k != 0) {
			ogc_toml_fail(p, pos, "a sign is not allowed on a "
				"hexadecimal, octal or binary integer: %.*s",
				shown, t);
			return false;
		}
		k = 2;
		digits = t + k;
		if (scan_digits(t, n, &k, (int)base) <= 0 || k != n) {
			ogc_toml_fail(p, pos, "invalid %s integer %.*s",
				base == 16 ? "hexadecimal" : base == 8 ?
				"octal" : "binary", shown, t);
			return false;
		}
		if (too_large(digits, (size_t)(t + n - digits), base,
			INT64_MAX)) {
			goto range;
		}
		return true;
	}
	int_start = k;
	if (k >= n || !is_digit(t[k])) {
		goto invalid;
	}
	if (t[k] == '0' && k + 1 < n &&
		(is_digit(t[k + 1]) || t[k + 1] == '_')) {
		ogc_toml_fail(p, pos, "leading zeros are not allowed in %.*s",
			shown, t);
		return false;
	}
	if (scan_digits(t, n, &k, 10) < 0) {
		goto underscore;
	}
	digits = t + int_start;
	if (k < n && t[k] == '.') {
		k++;
		is_float = true;
		if (k >= n || !is_digit(t[k])) {
			ogc_toml_fail(p, pos, "invalid number %.*s: a decimal "
				"point needs digits on both sides", shown, t);
			return false;
		}
		if (scan_digits(t, n, &k, 10) < 0) {
			goto underscore;
		}
	}
	if (k < n && (t[k] == 'e' || t[k] == 'E')) {
		k++;
		is_float = true;
		if (k < n && (t[k] == '+' || t[k] == '-')) {
			k++;
		}
		if (k >= n || !is_digit(t[k])) {
			goto invalid;
		}
		if (scan_digits(t, n, &k, 10) < 0) {
			goto underscore;
		}
	}
	if (k != n) {
		goto invalid;
	}
	if (!is_float && too_large(digits, n - int_start, 10,
		neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX)) {
		goto range;
	}
	return true;
range:
	ogc_toml_fail(p, pos, "integer %.*s is out of range (TOML integers "
		"are 64-bit)", shown, t);
	return false;
underscore:
	ogc_toml_fail(p, pos, "invalid number %.*s: an underscore must sit "
		"between two digits", shown, t);
	return false;
invalid:
	if ((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z')) {
		ogc_toml_fail(p, pos, "invalid value %.*s: a string needs "
			"quotes (\"...\"), booleans are true and false",
			shown, t);
	} else {
		ogc_toml_fail(p, pos, "invalid number %.*s", shown, t);
	}
	return false;
}

bool
ogc_toml_is_token_char(char c)
{
	return is_bare_key_char(c) || c == '+' || c == '.' || c == ':';
}

/*
 * A value written without quotes, at p->i: a boolean, number or date,
 * checked and kept as written. A date followed by a space and a time is
 * one value (1979-05-27 07:32:00Z).
 */
bool
ogc_toml_scan_bare_value(struct parser *p, struct ogc_pos pos, size_t *len)
{
	size_t start = p->i;
	const char *t = p->s + start;
	const char *why;
	size_t n;

	while (ogc_toml_is_token_char(ogc_toml_peek(p, 0))) {
		p->i++;
	}
	n = p->i - start;
	if (n == 10 && is_digit(t[0]) && t[4] == '-' &&
		ogc_toml_peek(p, 0) == ' ' && is_digit(ogc_toml_peek(p, 1)) &&
		is_digit(ogc_toml_peek(p, 2)) && ogc_toml_peek(p, 3) == ':') {
		p->i++;
		while (ogc_toml_is_token_char(ogc_toml_peek(p, 0))) {
			p->i++;
		}
		n = p->i - start;
	}
	if ((n == 4 && memcmp(t, "true", 4) == 0) ||
		(n == 5 && memcmp(t, "false", 5) == 0)) {
		/* a boolean */
	} else if ((n >= 5 && is_digit(t[0]) && is_digit(t[1]) &&
		is_digit(t[2]) && is_digit(t[3]) && t[4] == '-') ||
		(n >= 3 && is_digit(t[0]) && is_digit(t[1]) && t[2] == ':')) {
		why = check_datetime(t, n);
		if (why != NULL) {
			ogc_toml_fail(p, pos, "invalid date or time %.*s: %s",
				ogc_toml_clip(t, n, 40), t, why);
			return false;
		}
	} else if (!check_number(p, pos, t, n)) {
		return false;
	}
	*len = n;
	return true;
}
