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

/* Packed bytes being written: those of out[0, size), then only counted. */
struct bits {
	unsigned char *out;
	size_t size;
	size_t len;
	uint32_t pending; /* its low `n` bits, not yet written */
	unsigned n;
};

/* Puts the low n bits (at most 13) of v. */
static void
put(struct bits *b, unsigned v, unsigned n)
{
	b->pending = b->pending << n | v;
	b->n += n;
	while (b->n >= 8) {
		b->n -= 8;
		if (b->len < b->size) {
			b->out[b->len] = (unsigned char)(b->pending >> b->n);
		}
		b->len++;
	}
	b->pending &= (1u << b->n) - 1;
}

size_t
ogc_xp_name_pack(const char *s, unsigned char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	struct bits b = {out, size, 0, 0, 0};
	unsigned code;

	while (*p != '\0') {
		if (digit(*p)) {
			put(&b, CODE_DIGITS, 5);
			for (; digit(*p); p++) {
				put(&b, (unsigned)(*p - '0'), 4);
			}
			put(&b, DIGITS_END, 4);
			continue;
		}
		code = code_of(*p);
		if (code != 0) {
			put(&b, code, 5);
		} else {
			put(&b, CODE_BYTE, 5);
			put(&b, *p, 8);
		}
		p++;
	}
	put(&b, CODE_END, 5);
	if (b.n > 0) {
		put(&b, 0, 8 - b.n);
	}
	return b.len <= size && b.len < (size_t)(p - (const unsigned char *)s) +
		1 ? b.len : 0;
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

/*
 * The next `n` bits (at most 8) of the packed name: from its byte, and
 * the next only when they go on into it (no byte past the name read).
 */
static unsigned
take(struct ogc_xp_name_reader *r, unsigned n)
{
	const unsigned char *p = r->rest + r->bit / 8;
	unsigned at = (unsigned)(r->bit % 8);
	unsigned v = (unsigned)p[0] << 8;

	if (at + n > 8) {
		v |= p[1];
	}
	r->bit += n;
	return (v >> (16 - at - n)) & ((1u << n) - 1);
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
