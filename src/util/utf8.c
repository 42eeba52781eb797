/* utf8.c: code point counting, validation, positions, safe text. */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "util/util.h"

/*
 * Decodes the well-formed UTF-8 sequence at s[0..len) into *cp and returns
 * its length, or 0 when the bytes there are not one (overlong forms,
 * surrogates and values above U+10FFFF are rejected, RFC 3629 section 4).
 */
size_t
ogc_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;
	size_t i;
	uint32_t v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		v = s[0] & 0x1fu;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		v = s[0] & 0x0fu;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		v = s[0] & 0x07u;
	} else {
		return 0;
	}
	if (len < n) {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			return 0;
		}
		v = (v << 6) | (s[i] & 0x3fu);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
		v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
		return 0;
	}
	*cp = v;
	return n;
}

size_t
ogc_utf8_length(const char *s, size_t len)
{
	size_t count = 0;
	size_t i = 0;
	size_t n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			count++;
			continue;
		}
		n = ogc_utf8_decode(s + i, len - i, &cp);
		i += n != 0 ? n : 1;
		count++;
	}
	return count;
}

bool
ogc_utf8_valid(const char *s, size_t len, size_t *bad_at)
{
	size_t i = 0;
	size_t n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80 && s[i] != '\0') {
			i++;
			continue;
		}
		n = s[i] == '\0' ? 0 : ogc_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			*bad_at = i;
			return false;
		}
		i += n;
	}
	return true;
}

struct ogc_pos
ogc_utf8_pos(const char *s, size_t offset, unsigned first_line)
{
	const unsigned char *p = (const unsigned char *)s;
	struct ogc_pos pos = {first_line, 1};
	size_t i;

	for (i = 0; i < offset; i++) {
		if (p[i] == '\n') {
			pos.line++;
			pos.column = 1;
		} else if ((p[i] & 0xc0) != 0x80) {
			pos.column++;
		}
	}
	return pos;
}

/* Writes byte c as \xNN (or \n, \t, \r) at out + n; returns the length. */
static size_t
escape_byte(unsigned char c, char *out)
{
	static const char hex[] = "0123456789abcdef";
	char pair = c == '\n' ? 'n' : c == '\t' ? 't' : c == '\r' ? 'r' :
		c == '\\' ? '\\' : '\0';

	if (pair != '\0') {
		if (out != NULL) {
			out[0] = '\\';
			out[1] = pair;
		}
		return 2;
	}
	if (out != NULL) {
		out[0] = '\\';
		out[1] = 'x';
		out[2] = hex[c >> 4];
		out[3] = hex[c & 0xf];
	}
	return 4;
}

/*
 * Eight bytes at once: true when all are printable ASCII (0x20-0x7e)
 * other than '\\', which a name shows as they are.
 */
static bool
plain_eight(const char *s)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = UINT64_C(0x8080808080808080);
	uint64_t w;
	uint64_t x;

	memcpy(&w, s, sizeof(w));
	x = w ^ (ones * '\\'); /* a zero byte where w has a '\\' */
	/* a byte below 0x20 borrows, 0x7f and up carry or have bit 7 */
	return (((w - ones * 0x20) | (w + ones) | w |
		((x - ones) & ~x)) & high) == 0;
}

size_t
ogc_escape_name(const char *name, char *out)
{
	size_t len = strlen(name);
	size_t n = 0;
	size_t i = 0;
	size_t k;
	uint32_t cp;

	while (i < len) {
		/* a run of printable ASCII other than '\\' as it is: most of
		   every name, eight bytes a step while there are */
		for (k = 0; len - i - k >= 8 && plain_eight(name + i + k);
			k += 8) {
		}
		for (; i + k < len && (unsigned char)name[i + k] >= 0x20 &&
			(unsigned char)name[i + k] < 0x7f && name[i + k] != '\\';
			k++) {
		}
		if (k > 0) {
			if (out != NULL) {
				memcpy(out + n, name + i, k);
			}
			n += k;
			i += k;
			continue;
		}
		k = ogc_utf8_decode(name + i, len - i, &cp);
		if (k == 0 || cp < 0x20 || cp == 0x7f || cp == '\\') {
			n += escape_byte((unsigned char)name[i],
				out != NULL ? out + n : NULL);
			i++;
			continue;
		}
		if (out != NULL) {
			memcpy(out + n, name + i, k);
		}
		n += k;
		i += k;
	}
	return n;
}

/*
 * The bytes that end an authority: its delimiters ('/', '?', '#'), the
 * quotes, brackets and blanks around a URL in text, and NUL (strchr()
 * over the old list matched its terminator).
 */
static const bool authority_stop[256] = {
	['\0'] = true, ['/'] = true, ['?'] = true, ['#'] = true,
	['"'] = true, ['\''] = true, ['<'] = true, ['>'] = true,
	[' '] = true, ['\t'] = true, ['\r'] = true, ['\n'] = true,
};

/* The end of the authority that starts at s[i], in s[0..len). */
static size_t
authority_end(const char *s, size_t len, size_t i)
{
	while (i < len && !authority_stop[(unsigned char)s[i]]) {
		i++;
	}
	return i;
}

/*
 * Finds the first "user:password@" after a "://" at or after `from` in
 * s[0..len): true with [*start, *end) its span without the "@".
 *
 * Most texts (findings' messages and values) have no '@' left at all,
 * and then none can follow a "://": one memchr() settles them. The
 * "://" is looked for by its ':', with memchr() too.
 */
static bool
next_userinfo(const char *s, size_t len, size_t from, size_t *start,
	size_t *end)
{
	size_t i = from;
	size_t stop;
	size_t at;
	const char *colon;

	if (from >= len || memchr(s + from, '@', len - from) == NULL) {
		return false;
	}
	for (;;) {
		for (;;) {
			if (i + 3 > len) {
				return false;
			}
			colon = memchr(s + i, ':', len - i - 2);
			if (colon == NULL) {
				return false;
			}
			i = (size_t)(colon - s);
			if (s[i + 1] == '/' && s[i + 2] == '/') {
				break;
			}
			i++;
		}
		i += 3;
		stop = authority_end(s, len, i);
		at = stop;
		while (at > i && s[at - 1] != '@') {
			at--;
		}
		if (at > i) {
			*start = i;
			*end = at - 1;
			return true;
		}
	}
}

bool
ogc_has_userinfo(const char *s, size_t len)
{
	size_t start;
	size_t end;

	return next_userinfo(s, len, 0, &start, &end);
}

size_t
ogc_redact_userinfo(const char *s, size_t len, char *out)
{
	size_t n = 0;
	size_t i = 0;
	size_t start;
	size_t end;

	while (next_userinfo(s, len, i, &start, &end)) {
		/* the text before it, then *** for it */
		if (out != NULL) {
			memcpy(out + n, s + i, start - i);
			memcpy(out + n + (start - i), "***", 3);
		}
		n += start - i + 3;
		i = end;
	}
	if (out != NULL) {
		memcpy(out + n, s + i, len - i);
	}
	return n + len - i;
}

size_t
ogc_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max) {
		return len;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80) {
		max--;
	}
	return max;
}

int
ogc_hex_digit(int c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}
