/* fold.c: a text's hash as the duplicate rules compare it, folded. */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "cross/cross.h"

/* Bytes as one 64-bit word, ONES times b in each byte. */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/*
 * Mixes 8 bytes into the hash: a bijection of h ^ w, so two texts that
 * differ in their last word never meet.
 */
static uint64_t
mix_word(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ull;
	return h ^ h >> 29;
}

/*
 * The hash of a folded text of len bytes whose last word (the bytes
 * after the last 8) is `last`, h its words before.
 */
static uint64_t
fold_end(uint64_t h, uint64_t last, size_t len)
{
	/* the bytes left, then the length: "a" and "a\0" differ */
	h = mix_word(mix_word(h, last), len);
	return h != 0 ? h : 1; /* 0 stands for "none" */
}

/* 8 bytes at p, the first in the low byte (as fold_byte() puts them). */
static uint64_t
load_le64(const char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/*
 * Tests of the 8 bytes of v at once, each exact for every byte (no carry
 * leaves a byte): 0x80 in each byte that is a space, under ' ' (tab,
 * line ends, other control bytes), 'A'..'Z'.
 */
static uint64_t
spaces(uint64_t v)
{
	uint64_t t = v ^ ONES * ' ';

	return ~((((t & ~HIGHS) + ~HIGHS) | t) & HIGHS) & HIGHS;
}

static uint64_t
controls(uint64_t v)
{
	return ~((v & ~HIGHS) + ONES * (0x80 - ' ')) & ~v & HIGHS;
}

static uint64_t
lower_word(uint64_t v)
{
	uint64_t x = v & ~HIGHS;
	uint64_t upper = (x + ONES * (0x80 - 'A')) & ~(x + ONES * (0x80 -
		'Z' - 1)) & ~v & HIGHS;

	return v | upper >> 2; /* 0x80 >> 2: the bit of lower case */
}

/*
 * The hash of a text that folds to itself but for case, 8 bytes at a
 * time: no control byte, single spaces, none at the ends (a title, a
 * description as most are). False for any other text.
 */
static bool
hash_plain(const char *text, size_t len, uint64_t *out)
{
	char tail[8] = {0};
	uint64_t h = OGC_HASH64_START;
	uint64_t before = 0; /* the last word's spaces */
	uint64_t v;
	uint64_t sp;
	size_t i;

	if (len == 0 || text[0] == ' ' || text[len - 1] == ' ') {
		return false;
	}
	for (i = 0; i + 8 <= len; i += 8) {
		v = load_le64(text + i);
		sp = spaces(v);
		/* two spaces: in the word, or its first and the last one's
		   last */
		if ((controls(v) | (sp & (sp >> 8 | before >> 56))) != 0) {
			return false;
		}
		h = mix_word(h, lower_word(v));
		before = sp;
	}
	memcpy(tail, text + i, len - i);
	v = load_le64(tail);
	sp = spaces(v);
	if (((controls(v) & ((1ull << 8 * (len - i)) - 1)) |
		(sp & (sp >> 8 | before >> 56))) != 0) {
		return false;
	}
	*out = fold_end(h, lower_word(v), len);
	return true;
}

/* The folded text being hashed a byte at a time (hash_plain()'s words). */
struct fold {
	uint64_t h;
	uint64_t word; /* the `pending` bytes not mixed in, the first low */
	unsigned pending;
	size_t len;
};

static void
fold_byte(struct fold *f, unsigned char c)
{
	f->word |= (uint64_t)c << (8 * f->pending);
	f->len++;
	if (++f->pending == 8) {
		f->h = mix_word(f->h, f->word);
		f->word = 0;
		f->pending = 0;
	}
}

/* ASCII lower case, independent of the locale. */
static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * Titles and descriptions are compared as people read them: letters of
 * any case alike, every run of white space one space, none at the ends.
 * A text with nothing to fold but case is hashed 8 bytes at a time, any
 * other folded a byte at a time into the same words.
 */
uint64_t
ogc_xp_fold_hash(const char *text, size_t len)
{
	struct fold f = {OGC_HASH64_START, 0, 0, 0};
	bool space = false;
	unsigned char c;
	uint64_t h;
	size_t i;

	if (hash_plain(text, len, &h)) {
		return h;
	}
	for (i = 0; i < len; i++) {
		c = (unsigned char)text[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = f.len > 0;
			continue;
		}
		if (space) {
			fold_byte(&f, ' ');
			space = false;
		}
		fold_byte(&f, lower(c));
	}
	return f.len > 0 ? fold_end(f.h, f.word, f.len) : 0;
}
