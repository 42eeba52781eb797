/* utf8.c: code point counting, validation and positions. */
/* SPDX-License-Identifier: MIT */
#include "internal.h"

/*
 * Length of the well-formed UTF-8 sequence at s[0..len), or 0 when the
 * bytes there are not one (overlong forms, surrogates and values above
 * U+10FFFF are rejected, per RFC 3629 section 4).
 */
static size_t
sequence_length(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t n;
	size_t i;
	uint32_t cp;

	if (c < 0x80) {
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
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
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		return 0;
	}
	return n;
}

size_t
ogc_utf8_length(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t count = 0;
	size_t i = 0;
	size_t n;

	while (i < len) {
		n = sequence_length(p + i, len - i);
		i += n != 0 ? n : 1;
		count++;
	}
	return count;
}

bool
ogc_utf8_valid(const char *s, size_t len, size_t *bad_at)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	size_t n;

	while (i < len) {
		n = p[i] == 0 ? 0 : sequence_length(p + i, len - i);
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
