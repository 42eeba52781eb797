/* tell.c: the cross-page findings put in words, and the pages they name kept apart. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cross/cross_parts.h"

/*
 * The name of page i as reports show file names (ogc_escape_name()), in
 * `out` (cut to fit, on a whole escape).
 */
static const char *
shown(const struct ogc_xp_index *ix, size_t i, char *out, size_t size)
{
	char *name = ogc_xp_page_name(ix, i);
	char *e = name != NULL ? malloc(ogc_escape_name(name, NULL) + 1) :
		NULL;

	if (e == NULL) {
		free(name);
		snprintf(out, size, "%s", "(a file)");
		return out;
	}
	e[ogc_escape_name(name, e)] = '\0';
	snprintf(out, size, "%s", e);
	free(e);
	free(name);
	return out;
}

/*
 * "a.md, b.md, c.md and 4 more": the other pages of f's group, as
 * name_others() chose them.
 */
static void
others(const struct ogc_xp_index *ix, const struct ogc_xp_finding *f,
	char *out, size_t size)
{
	char name[300];
	size_t named = 0;
	size_t len = 0;

	out[0] = '\0';
	for (named = 0; named < f->named;) {
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
			"%s%s", named > 0 ? ", " : "", shown(ix, f->other[named],
			name, sizeof(name)));
		named++;
		if (len >= size) {
			return;
		}
	}
	if (f->count - 1 > named) {
		snprintf(out + len, size - len, " and %zu more",
			(size_t)f->count - 1 - named);
	}
}

/*
 * The pages finding f names in its message besides its own (refs[], at
 * most OGC_XP_NAMED + 1), as ogc_xp_message() tells them; how many.
 */
static size_t
named_by(const struct ogc_xp_finding *f, uint32_t *refs)
{
	size_t n = 0;
	size_t k;

	switch (f->kind) {
	case OGC_XP_SAME_TEXT:
	case OGC_XP_SAME_OG_URL:
		for (k = 0; k < f->named; k++) {
			refs[n++] = f->other[k];
		}
		if (f->owner != UINT32_MAX) {
			refs[n++] = f->owner;
		}
		break;
	case OGC_XP_SHARED_IMAGE:
	case OGC_XP_TARGET_STUB:
	case OGC_XP_TARGET_NOINDEX:
	case OGC_XP_TARGET_MOVED:
		refs[n++] = f->other[0];
		break;
	default:
		break;
	}
	return n;
}

/* The place of page `page` in the sorted list[0, n) (it is there). */
static uint32_t
place_of(const uint32_t *list, size_t n, uint32_t page)
{
	size_t lo = 0;
	size_t hi = n;
	size_t mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (list[mid] < page) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return (uint32_t)lo;
}

struct ogc_xp_index *
ogc_xp_index_keep(const struct ogc_xp_index *index,
	struct ogc_xp_finding *found, size_t count)
{
	struct ogc_xp_index *kept = ogc_xp_index_create();
	bool *named = calloc(index->count + 1, sizeof(*named));
	struct ogc_xp_finding *f;
	uint32_t *list = NULL;
	uint32_t refs[OGC_XP_NAMED + 1];
	size_t n = 0;
	size_t i;
	size_t k;
	size_t r;
	bool ok = kept != NULL && named != NULL;

	for (i = 0; ok && i < count; i++) {
		named[found[i].page] = true;
		r = named_by(&found[i], refs);
		for (k = 0; k < r; k++) {
			named[refs[k]] = true;
		}
	}
	for (i = 0; ok && i < index->count; i++) {
		n += named[i];
	}
	list = ok ? malloc((n + 1) * sizeof(*list)) : NULL;
	ok = ok && list != NULL;
	/* in the index's order (by name): the new index is sorted too */
	for (i = 0, n = 0; ok && i < index->count; i++) {
		if (named[i]) {
			list[n++] = (uint32_t)i;
			ok = ogc_xp_index_copy_page(kept, index, i);
		}
	}
	for (i = 0; ok && i < count; i++) {
		f = &found[i];
		f->page = place_of(list, n, (uint32_t)f->page);
		for (k = 0; k < f->named; k++) {
			f->other[k] = place_of(list, n, f->other[k]);
		}
		/* the one page of image-shared's and canonical-target's */
		if (f->named == 0 && named_by(f, refs) > 0) {
			f->other[0] = place_of(list, n, f->other[0]);
		}
		if (f->owner != UINT32_MAX) {
			f->owner = place_of(list, n, f->owner);
		}
	}
	free(list);
	free(named);
	if (!ok) {
		ogc_xp_index_destroy(kept);
		return NULL;
	}
	kept->sorted = true;
	return kept;
}

static char *
format(const char *fmt, ...) OGC_PRINTF(1, 2);

/* The text fmt makes (malloc), or NULL when out of memory. */
static char *
format(const char *fmt, ...)
{
	va_list ap;
	char *out;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	out = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (out != NULL) {
		va_start(ap, fmt);
		vsnprintf(out, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	return out;
}

/* What duplicates() compares, as its messages name it. */
static const char *const compared[OGC_XP_FIELDS] = {
	[OGC_XP_TITLE] = "title",
	[OGC_XP_DESCRIPTION] = "description",
	[OGC_XP_OG_TITLE] = "og:title",
	[OGC_XP_OG_DESCRIPTION] = "og:description",
};

char *
ogc_xp_message(const struct ogc_xp_index *ix, const struct ogc_xp_finding *f,
	const char *field)
{
	char names[600];
	char name[300];
	const char *url = NULL;
	const char *moved = NULL;
	char *out = NULL;

	if (f->kind == OGC_XP_SAME_TEXT || f->kind == OGC_XP_SAME_OG_URL) {
		others(ix, f, names, sizeof(names));
	}
	if (f->kind >= OGC_XP_TARGET_NONE && f->kind <= OGC_XP_TARGET_MOVED) {
		url = ogc_xp_page_target(ix, f->page);
		if (f->kind != OGC_XP_TARGET_NONE) {
			shown(ix, f->other[0], name, sizeof(name));
			moved = ogc_xp_page_target(ix, f->other[0]);
		}
	}
	switch (f->kind) {
	case OGC_XP_SAME_TEXT:
		out = format("the same %s is on %zu pages (also %s): "
			"search engines may show another text for such pages, and "
			"their link previews look alike", compared[f->field],
			(size_t)f->count, names);
		break;
	case OGC_XP_SHARED_IMAGE:
		out = format("the same og:image is on %zu of the %zu "
			"pages of this section (this one, %s and others): their link "
			"previews all look alike", (size_t)f->count, (size_t)f->total,
			shown(ix, f->other[0], name, sizeof(name)));
		break;
	case OGC_XP_TARGET_NONE:
		out = format("%s names %s, which is no page of the build",
			field, url);
		break;
	case OGC_XP_TARGET_STUB:
		out = format("%s names %s, which is a redirect stub (%s): "
			"name the page it sends readers to", field, url, name);
		break;
	case OGC_XP_TARGET_NOINDEX:
		out = format("%s names %s, which asks not to be indexed "
			"(robots noindex, %s)", field, url, name);
		break;
	case OGC_XP_TARGET_MOVED:
		out = format("%s names %s, whose own canonical URL is %s "
			"(%s): name the final page", field, url, moved, name);
		break;
	default:
		out = format("the same og:url is on %zu pages (also %s)%s%s: "
			"a share of any of them shows and counts as that one URL",
			(size_t)f->count, names, f->owner != UINT32_MAX ?
			"; it is the URL of " : "", f->owner != UINT32_MAX ?
			shown(ix, f->owner, name, sizeof(name)) : "");
		break;
	}
	return out;
}
