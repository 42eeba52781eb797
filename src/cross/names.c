/* names.c: file names in the index, packed in five bits a letter. */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "cross/cross_parts.h"

/*
 * A packed name is a stream of 5-bit codes, the high bits of each byte
 * first: 0 ends it, 1-26 are 'a'-'z', 27 '-', 28 '.', 29 '_'; 30 starts
 * digits, 4 bits each (0-9), until a 4-bit 15; 31 is followed by a byte
 * as it is (8 bits). "post-01063.md" is 4 + 1 letters, a run of five
 * digits, 3 more and the end: 9 * 5 + 5 + 5 * 4 + 4 bits, 10 bytes
 * against 14 of text; a page of the benchmark's 20,000 keeps 24 bytes of
 * name where it kept 39.
 */
enum {
	CODE_END = 0,
	CODE_DASH = 27,
	CODE_DOT = 28,
	CODE_UNDERSCORE = 29,
	CODE_DIGITS = 30,
	CODE_BYTE = 31,
	DIGITS_END = 15,
};

/* The code of letter c, or 0 for none. */
static unsigned
code_of(unsigned char c)
{
	if (c >= 'a' && c <= 'z') {
		return 1u + (unsigned)(c - 'a');
	}
	return c == '-' ? CODE_DASH : c == '.' ? CODE_DOT : c == '_' ?
		CODE_UNDERSCORE : 0;
}

static bool
digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Puts the low n bits of v at bit *bits of out (none without out). */
static void
put(unsigned char *out, size_t *bits, unsigned v, int n)
{
	for (n--; n >= 0; n--, (*bits)++) {
		if (out != NULL && ((v >> n) & 1u) != 0) {
			out[*bits / 8] |= (unsigned char)(0x80u >> (*bits % 8));
		}
	}
}

/* The bits s packs into; with `out` (zeroed), written there. */
static size_t
pack(const char *s, unsigned char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t bits = 0;
	unsigned code;

	while (*p != '\0') {
		if (digit(*p)) {
			put(out, &bits, CODE_DIGITS, 5);
			for (; digit(*p); p++) {
				put(out, &bits, (unsigned)(*p - '0'), 4);
			}
			put(out, &bits, DIGITS_END, 4);
			continue;
		}
		code = code_of(*p);
		if (code != 0) {
			put(out, &bits, code, 5);
		} else {
			put(out, &bits, CODE_BYTE, 5);
			put(out, &bits, *p, 8);
		}
		p++;
	}
	put(out, &bits, CODE_END, 5);
	return bits;
}

size_t
ogc_xp_name_packed_size(const char *s)
{
	size_t bytes = (pack(s, NULL) + 7) / 8;

	return bytes < strlen(s) + 1 ? bytes : 0;
}

void
ogc_xp_name_pack(const char *s, unsigned char *out)
{
	memset(out, 0, ogc_xp_name_packed_size(s));
	pack(s, out);
}

void
ogc_xp_name_start(struct ogc_xp_name_reader *r, const char *folder,
	const void *rest, bool packed)
{
	memset(r, 0, sizeof(*r));
	r->folder = folder;
	r->rest = rest;
	r->packed = packed;
}

/* The next `n` bits of the packed name. */
static unsigned
take(struct ogc_xp_name_reader *r, int n)
{
	unsigned v = 0;

	for (; n > 0; n--, r->bit++) {
		v = v << 1 | ((r->rest[r->bit / 8] >> (7 - r->bit % 8)) & 1u);
	}
	return v;
}

unsigned char
ogc_xp_name_next(struct ogc_xp_name_reader *r)
{
	unsigned v;

	if (r->folder != NULL && *r->folder != '\0') {
		return (unsigned char)*r->folder++;
	}
	if (!r->packed) {
		return *r->rest != '\0' ? *r->rest++ : 0;
	}
	if (r->ended) {
		return 0;
	}
	if (r->digits) {
		v = take(r, 4);
		if (v < 10) {
			return (unsigned char)('0' + v);
		}
		r->digits = false;
	}
	v = take(r, 5);
	switch (v) {
	case CODE_END:
		r->ended = true;
		return 0;
	case CODE_DASH:
		return '-';
	case CODE_DOT:
		return '.';
	case CODE_UNDERSCORE:
		return '_';
	case CODE_DIGITS:
		r->digits = true;
		return ogc_xp_name_next(r);
	case CODE_BYTE:
		return (unsigned char)take(r, 8);
	default:
		return (unsigned char)('a' + v - 1);
	}
}
