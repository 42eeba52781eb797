/* tell.c: the cross-page findings put in words. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "cross/cross_parts.h"

/*
 * A message put together in out[0, size) (size > 4), as the report's
 * other messages are: cut on a character boundary, with "…", where it
 * does not fit. Plain copies, no format parsed: 3,930 messages made with
 * vsnprintf() were 29 M instructions.
 */
struct words {
	char *out;
	size_t size;
	size_t len;
	bool cut;
};

static void
say(struct words *w, const char *s, size_t n)
{
	size_t room = w->size - 4 - w->len; /* "…" and the NUL */

	if (w->cut) {
		return;
	}
	if (n > room) {
		n = ogc_utf8_cut(s, n, room);
		w->cut = true;
	}
	memcpy(w->out + w->len, s, n);
	w->len += n;
	if (w->cut) {
		memcpy(w->out + w->len, "\xe2\x80\xa6", 4);
		w->len += 3;
	} else {
		w->out[w->len] = '\0';
	}
}

static void
say_text(struct words *w, const char *s)
{
	say(w, s, strlen(s));
}

static void
say_number(struct words *w, size_t v)
{
	char digits[24];
	size_t n = sizeof(digits);

	do {
		digits[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	say(w, digits + n, sizeof(digits) - n);
}

/* The name of page i as reports show file names (ogc_escape_name()). */
static void
say_page(const struct ogc_xp_index *ix, struct words *w, size_t i)
{
	const char *name = ogc_xp_record_name(ix, ix->pages[i], ix->reader);
	size_t len = name != NULL ? strlen(name) : 0;
	size_t shown = name != NULL ? ogc_escape_name(name, NULL) : 0;
	char *e;

	if (name != NULL && shown == len) {
		say(w, name, len); /* nothing to escape */
		return;
	}
	e = name != NULL ? malloc(shown) : NULL;
	if (e == NULL) {
		say_text(w, "(a file)");
		return;
	}
	ogc_escape_name(name, e);
	say(w, e, shown);
	free(e);
}

/*
 * "a.md, b.md, c.md and 4 more": the other pages of f's group, as
 * name_others() chose them.
 */
static void
say_others(const struct ogc_xp_index *ix, const struct ogc_xp_finding *f,
	struct words *w)
{
	size_t named;

	for (named = 0; named < f->named; named++) {
		if (named > 0) {
			say_text(w, ", ");
		}
		say_page(ix, w, f->other[named]);
	}
	if (f->count - 1 > named) {
		say_text(w, " and ");
		say_number(w, (size_t)f->count - 1 - named);
		say_text(w, " more");
	}
}

/* What duplicates() compares, as its messages name it. */
static const char *const compared[OGC_XP_FIELDS] = {
	[OGC_XP_TITLE] = "title",
	[OGC_XP_DESCRIPTION] = "description",
	[OGC_XP_OG_TITLE] = "og:title",
	[OGC_XP_OG_DESCRIPTION] = "og:description",
};

size_t
ogc_xp_message(const struct ogc_xp_index *ix, const struct ogc_xp_finding *f,
	const char *field, char *out, size_t size)
{
	struct words w = {out, size, 0, false};
	const char *url = NULL;

	out[0] = '\0';
	if (f->kind >= OGC_XP_TARGET_NONE && f->kind <= OGC_XP_TARGET_MOVED) {
		url = ogc_xp_page_target(ix, f->page);
		say_text(&w, field);
		say_text(&w, " names ");
		say_text(&w, url != NULL ? url : "");
	}
	switch (f->kind) {
	case OGC_XP_SAME_TEXT:
		say_text(&w, "the same ");
		say_text(&w, compared[f->field]);
		say_text(&w, " is on ");
		say_number(&w, f->count);
		say_text(&w, " pages (also ");
		say_others(ix, f, &w);
		say_text(&w, ")");
		break;
	case OGC_XP_SHARED_IMAGE:
		say_text(&w, "the same og:image is on ");
		say_number(&w, f->count);
		say_text(&w, " of the ");
		say_number(&w, f->total);
		say_text(&w, " pages of this section (this one, ");
		say_page(ix, &w, f->other[0]);
		say_text(&w, " and others): their link previews all look alike");
		break;
	case OGC_XP_TARGET_NONE:
		say_text(&w, ", which is no page of the build");
		break;
	case OGC_XP_TARGET_STUB:
		say_text(&w, ", which is a redirect stub (");
		say_page(ix, &w, f->other[0]);
		say_text(&w, "): name the page it sends readers to");
		break;
	case OGC_XP_TARGET_NOINDEX:
		say_text(&w, ", which asks not to be indexed (robots noindex, ");
		say_page(ix, &w, f->other[0]);
		say_text(&w, ")");
		break;
	case OGC_XP_TARGET_MOVED:
		url = ogc_xp_page_target(ix, f->other[0]);
		say_text(&w, ", whose own canonical URL is ");
		say_text(&w, url != NULL ? url : "");
		say_text(&w, " (");
		say_page(ix, &w, f->other[0]);
		say_text(&w, "): name the final page");
		break;
	default:
		say_text(&w, "the same og:url is on ");
		say_number(&w, f->count);
		say_text(&w, " pages (also ");
		say_others(ix, f, &w);
		say_text(&w, ")");
		if (f->owner != UINT32_MAX) {
			say_text(&w, "; it is the URL of ");
			say_page(ix, &w, f->owner);
		}
		say_text(&w, ": a share of any of them shows and counts as that "
			"one URL");
		break;
	}
	return w.len;
}
