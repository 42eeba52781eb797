/* text.c: how long a text is as people and platforms see it: code points,
 * grapheme clusters (UAX #29) and terminal columns (UAX #11, as wcwidth). */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* Grapheme_Cluster_Break property values (UAX #29, table 2). */
enum gcb {
	OGC_GCB_OTHER,
	OGC_GCB_CR,
	OGC_GCB_LF,
	OGC_GCB_CONTROL,
	OGC_GCB_EXTEND,
	OGC_GCB_ZWJ,
	OGC_GCB_REGIONAL_INDICATOR,
	OGC_GCB_PREPEND,
	OGC_GCB_SPACINGMARK,
	OGC_GCB_L,
	OGC_GCB_V,
	OGC_GCB_T,
	OGC_GCB_LV,
	OGC_GCB_LVT,
};

/* A range of code points and a property value (a width in font units). */
struct ogc_urange {
	uint32_t lo;
	uint32_t hi;
	uint16_t value;
};

#include "unicode_tables.h"
#include "font_metrics.h"

/* The value of the range holding cp, or -1 (binary search). */
static int
lookup(const struct ogc_urange *t, size_t n, uint32_t cp)
{
	size_t lo = 0;
	size_t hi = n;
	size_t mid;

	if (n == 0 || cp < t[0].lo) {
		return -1; /* below the table: ASCII, for most text */
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp < t[mid].lo) {
			hi = mid;
		} else if (cp > t[mid].hi) {
			lo = mid + 1;
		} else {
			return t[mid].value;
		}
	}
	return -1;
}

#define COUNT(t) (sizeof(t) / sizeof(*(t)))

static enum gcb
gcb_of(uint32_t cp)
{
	int v;

	if (cp >= 0x20 && cp < 0x7f) {
		return OGC_GCB_OTHER; /* printable ASCII: no search */
	}
	v = lookup(gcb_ranges, COUNT(gcb_ranges), cp);
	return v < 0 ? OGC_GCB_OTHER : (enum gcb)v;
}

static bool
pictographic(uint32_t cp)
{
	return lookup(pict_ranges, COUNT(pict_ranges), cp) >= 0;
}

static bool
wide(uint32_t cp)
{
	return lookup(wide_ranges, COUNT(wide_ranges), cp) >= 0;
}

/* Where a cluster stands, for the rules that look back further. */
struct state {
	enum gcb prev;
	bool pict_run;  /* ExtPict Extend* so far (GB11) */
	bool pict_zwj;  /* ... then ZWJ */
	unsigned ri;    /* regional indicators in a row (GB12, GB13) */
};

/* No break between prev and cp (UAX #29, GB3 to GB13). */
static bool
joins(const struct state *s, enum gcb next, uint32_t cp)
{
	enum gcb prev = s->prev;

	if (prev == OGC_GCB_CR && next == OGC_GCB_LF) {
		return true; /* GB3 */
	}
	if (prev == OGC_GCB_CR || prev == OGC_GCB_LF ||
		prev == OGC_GCB_CONTROL || next == OGC_GCB_CR ||
		next == OGC_GCB_LF || next == OGC_GCB_CONTROL) {
		return false; /* GB4, GB5 */
	}
	if (prev == OGC_GCB_L && (next == OGC_GCB_L || next == OGC_GCB_V ||
		next == OGC_GCB_LV || next == OGC_GCB_LVT)) {
		return true; /* GB6 */
	}
	if ((prev == OGC_GCB_LV || prev == OGC_GCB_V) &&
		(next == OGC_GCB_V || next == OGC_GCB_T)) {
		return true; /* GB7 */
	}
	if ((prev == OGC_GCB_LVT || prev == OGC_GCB_T) && next == OGC_GCB_T) {
		return true; /* GB8 */
	}
	if (next == OGC_GCB_EXTEND || next == OGC_GCB_ZWJ ||
		next == OGC_GCB_SPACINGMARK || prev == OGC_GCB_PREPEND) {
		return true; /* GB9, GB9a, GB9b */
	}
	if (s->pict_zwj && prev == OGC_GCB_ZWJ && pictographic(cp)) {
		return true; /* GB11 */
	}
	if (prev == OGC_GCB_REGIONAL_INDICATOR &&
		next == OGC_GCB_REGIONAL_INDICATOR && s->ri % 2 == 1) {
		return true; /* GB12, GB13 */
	}
	return false; /* GB999 */
}

/* The columns of one cluster, from its first code point and its parts. */
static size_t
cluster_columns(uint32_t first, enum gcb first_gcb, bool emoji_style,
	unsigned ri)
{
	if (first_gcb == OGC_GCB_CR || first_gcb == OGC_GCB_LF ||
		first_gcb == OGC_GCB_CONTROL) {
		return 0;
	}
	if (wide(first) || (emoji_style && pictographic(first)) || ri == 2) {
		return 2; /* a flag is two regional indicators, shown wide */
	}
	return 1;
}

static bool
printable_ascii(char c)
{
	return (unsigned char)c >= 0x20 && (unsigned char)c < 0x7f;
}

/* Every byte of s[0..len) is printable ASCII: 8 bytes tested at a time. */
static bool
all_printable_ascii(const char *s, size_t len)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = UINT64_C(0x8080808080808080);
	uint64_t w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, sizeof(w));
		/* a byte below 0x20, or above 0x7e (its top bit, or 0x7f + 1) */
		if ((((w - ones * 0x20) & ~w) | (w + ones) | w) & high) {
			return false;
		}
	}
	for (; i < len; i++) {
		if (!printable_ascii(s[i])) {
			return false;
		}
	}
	return true;
}

void
ogc_text_measure(const char *s, size_t len, struct ogc_text_size *out)
{
	struct state st = {OGC_GCB_CONTROL, false, false, 0};
	enum gcb g;
	enum gcb first_gcb = OGC_GCB_OTHER;
	uint32_t first = 0;
	uint32_t cp;
	bool emoji_style = false;
	bool open = false;
	unsigned cluster_ri = 0;
	size_t i = 0;
	size_t n;
	size_t w;

	if (all_printable_ascii(s, len)) {
		/* most titles: a character a cluster, a column each */
		out->code_points = len;
		out->graphemes = len;
		out->columns = len;
		out->wide = 0;
		return;
	}
	out->code_points = 0;
	out->graphemes = 0;
	out->columns = 0;
	out->wide = 0;
	while (i < len) {
		if (printable_ascii(s[i]) && st.prev != OGC_GCB_PREPEND) {
			/* a run of printable ASCII after anything but a Prepend:
			 * each character starts a cluster (GB999) of one column,
			 * and the last leaves the state of an Other */
			if (open) {
				w = cluster_columns(first, first_gcb, emoji_style,
					cluster_ri);
				out->columns += w;
				out->wide += w == 2;
			}
			for (n = 1; i + n < len && printable_ascii(s[i + n]); n++) {
			}
			out->code_points += n;
			out->graphemes += n;
			out->columns += n - 1;
			open = true;
			first = (unsigned char)s[i + n - 1];
			first_gcb = OGC_GCB_OTHER;
			emoji_style = false;
			cluster_ri = 0;
			st.prev = OGC_GCB_OTHER;
			st.pict_run = false;
			st.pict_zwj = false;
			st.ri = 0;
			i += n;
			continue;
		}
		n = ogc_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			cp = 0xfffd; /* a byte that is no UTF-8: one character */
			n = 1;
		}
		i += n;
		out->code_points++;
		g = gcb_of(cp);
		if (!open || !joins(&st, g, cp)) {
			if (open) {
				w = cluster_columns(first, first_gcb, emoji_style,
					cluster_ri);
				out->columns += w;
				out->wide += w == 2;
			}
			out->graphemes++;
			open = true;
			first = cp;
			first_gcb = g;
			emoji_style = false;
			cluster_ri = 0;
		}
		emoji_style = emoji_style || cp == 0xfe0f;
		cluster_ri += g == OGC_GCB_REGIONAL_INDICATOR;
		/* the state the next code point is judged against */
		st.ri = g == OGC_GCB_REGIONAL_INDICATOR ? st.ri + 1 : 0;
		if (pictographic(cp)) {
			st.pict_run = true;
			st.pict_zwj = false;
		} else if (g == OGC_GCB_EXTEND && st.pict_run) {
			st.pict_zwj = false;
		} else if (g == OGC_GCB_ZWJ && st.pict_run) {
			st.pict_zwj = true;
			st.pict_run = false;
		} else {
			st.pict_run = false;
			st.pict_zwj = false;
		}
		st.prev = g;
	}
	if (open) {
		w = cluster_columns(first, first_gcb, emoji_style, cluster_ri);
		out->columns += w;
		out->wide += w == 2;
	}
}

/* Named HTML entities text is written with, and their characters. */
static const struct {
	const char *name;
	const char *utf8;
} entities[] = {
	{"amp", "&"}, {"apos", "'"}, {"copy", "\xc2\xa9"},
	{"gt", ">"}, {"hellip", "\xe2\x80\xa6"}, {"laquo", "\xc2\xab"},
	{"ldquo", "\xe2\x80\x9c"}, {"lsquo", "\xe2\x80\x98"}, {"lt", "<"},
	{"mdash", "\xe2\x80\x94"}, {"nbsp", "\xc2\xa0"}, {"ndash", "\xe2\x80\x93"},
	{"quot", "\""}, {"raquo", "\xc2\xbb"}, {"rdquo", "\xe2\x80\x9d"},
	{"reg", "\xc2\xae"}, {"rsquo", "\xe2\x80\x99"}, {"trade", "\xe2\x84\xa2"},
};

/* Appends the UTF-8 of cp to out (room for 4 bytes is checked by the caller). */
static size_t
put_utf8(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The entity at s ("&amp;", "&#8217;", "&#x2019;"): its length, or 0. */
static size_t
entity_at(const char *s, size_t len, char *out, size_t *out_len)
{
	const char *semi = memchr(s, ';', len < 12 ? len : 12);
	unsigned long cp;
	char *end;
	size_t n;
	size_t i;

	if (semi == NULL || s[0] != '&') {
		return 0;
	}
	n = (size_t)(semi - s) + 1;
	if (s[1] == '#') {
		cp = s[2] == 'x' || s[2] == 'X' ? strtoul(s + 3, &end, 16) :
			strtoul(s + 2, &end, 10);
		if (end != semi || cp == 0 || cp > 0x10ffff ||
			(cp >= 0xd800 && cp <= 0xdfff)) {
			return 0;
		}
		*out_len = put_utf8((uint32_t)cp, out);
		return n;
	}
	for (i = 0; i < COUNT(entities); i++) {
		if (strlen(entities[i].name) == n - 2 &&
			strncmp(s + 1, entities[i].name, n - 2) == 0) {
			*out_len = strlen(entities[i].utf8);
			memcpy(out, entities[i].utf8, *out_len);
			return n;
		}
	}
	return 0;
}

static bool
word_char(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/*
 * A run of * or _ at s[i..i+n) is emphasis markup (CommonMark's flanking
 * rule, simplified): it touches text on one side and a space,
 * punctuation or an end on the other; "_" inside a word is a letter.
 */
static bool
emphasis_run(const char *s, size_t len, size_t i, size_t n)
{
	char before = i > 0 ? s[i - 1] : ' ';
	char after = i + n < len ? s[i + n] : ' ';
	bool left = after != ' ' && !word_char(before);
	bool right = before != ' ' && !word_char(after);

	if (s[i] == '_' && word_char(before) && word_char(after)) {
		return false;
	}
	return left || right || (s[i] == '*' && before != ' ' && after != ' ');
}

size_t
ogc_text_render(const char *s, size_t len, bool markdown, char *out,
	size_t size)
{
	const char *close;
	size_t o = 0;
	size_t i = 0;
	size_t n;
	size_t e;

	while (i < len && o + 5 < size) {
		if (s[i] == '&' && (n = entity_at(s + i, len - i, out + o, &e)) > 0) {
			o += e;
			i += n;
			continue;
		}
		if (markdown && s[i] == '<' && (close = memchr(s + i, '>',
			len - i)) != NULL && (isalpha((unsigned char)s[i + 1]) ||
			s[i + 1] == '/')) {
			i = (size_t)(close - s) + 1; /* an HTML tag: stripped */
			continue;
		}
		if (markdown && (s[i] == '*' || s[i] == '_')) {
			for (n = 1; i + n < len && s[i + n] == s[i]; n++) {
			}
			if (emphasis_run(s, len, i, n)) {
				i += n;
				continue;
			}
			memcpy(out + o, s + i, n < size - o - 1 ? n : size - o - 1);
			o += n < size - o - 1 ? n : size - o - 1;
			i += n;
			continue;
		}
		if (markdown && s[i] == '`') {
			i++;
			continue;
		}
		if (markdown && s[i] == '[' && (close = memchr(s + i, ']',
			len - i)) != NULL && (size_t)(close - s) + 1 < len &&
			close[1] == '(' && memchr(close, ')', len - (size_t)(close -
			s)) != NULL) {
			/* [text](url): the text */
			n = (size_t)(close - s) - i - 1;
			if (o + n + 1 >= size) {
				break;
			}
			o += ogc_text_render(s + i + 1, n, true, out + o, size - o);
			i = (size_t)((const char *)memchr(close, ')', len -
				(size_t)(close - s)) - s) + 1;
			continue;
		}
		out[o++] = s[i++];
	}
	out[o] = '\0';
	return o;
}

/*
 * How wide the text is set in Arial (Liberation Sans' advance widths, the
 * same metrics) at `font_size` pixels, as search results set titles:
 * East Asian Wide and Fullwidth characters one em (the CJK fallback font's
 * square), marks and joiners nothing, a character the font lacks about a
 * digit's width.
 */
double
ogc_text_pixels(const char *s, size_t len, double font_size)
{
	double units = 0;
	size_t i = 0;
	size_t n;
	uint32_t cp;
	enum gcb g;
	int width;

	while (i < len) {
		n = ogc_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			cp = 0xfffd;
			n = 1;
		}
		i += n;
		g = gcb_of(cp);
		if (g == OGC_GCB_EXTEND || g == OGC_GCB_ZWJ ||
			g == OGC_GCB_CONTROL || g == OGC_GCB_CR || g == OGC_GCB_LF) {
			continue;
		}
		if (wide(cp)) {
			units += FONT_UNITS_PER_EM;
			continue;
		}
		width = lookup(font_advances, COUNT(font_advances), cp);
		units += width >= 0 ? width : FONT_UNITS_PER_EM * 0.556;
	}
	return units * font_size / FONT_UNITS_PER_EM;
}
