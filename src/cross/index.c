/* index.c: the index of pages the cross-page rules read. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "cross/cross.h"
#include "cross/cross_parts.h"

/* The names each field may have, as page_meta.c looks them up. */
static const char *const spellings[OGC_XP_FIELDS][4] = {
	[OGC_XP_TITLE] = {"title"},
	[OGC_XP_DESCRIPTION] = {"description"},
	[OGC_XP_OG_TITLE] = {"og:title", "og.title"},
	[OGC_XP_OG_DESCRIPTION] = {"og:description", "og.description"},
	[OGC_XP_OG_IMAGE] = {"og:image", "og.image", "image", "images"},
	[OGC_XP_CANONICAL] = {"canonical", "canonical_url"},
	[OGC_XP_OG_URL] = {"og:url", "og.url"},
};

const char *
ogc_xp_field_name(enum ogc_xp_field field, unsigned spelling)
{
	return spelling < ogc_xp_spellings(field) ? spellings[field][spelling] :
		spellings[field][0];
}

unsigned
ogc_xp_spellings(enum ogc_xp_field field)
{
	unsigned n = 0;

	while (n < 4 && spellings[field][n] != NULL) {
		n++;
	}
	return n;
}

struct ogc_xp_index *
ogc_xp_index_create(void)
{
	return calloc(1, sizeof(struct ogc_xp_index));
}

void
ogc_xp_index_destroy(struct ogc_xp_index *index)
{
	size_t i;

	if (index == NULL) {
		return;
	}
	for (i = 0; i < index->site_count; i++) {
		free(index->sites[i].root);
	}
	free(index->sites);
	free(index->pages);
	ogc_strbuf_finish(&index->names);
	free(index);
}

bool
ogc_xp_index_note_site(struct ogc_xp_index *index, const void *site,
	const char *root, bool whole)
{
	struct ogc_xp_site *s;
	size_t i;

	for (i = 0; i < index->site_count; i++) {
		if (index->sites[i].site == site) {
			index->sites[i].whole = index->sites[i].whole || whole;
			return true;
		}
	}
	if (!ogc_array_reserve(&index->sites, &index->site_cap,
		index->site_count + 1, sizeof(*index->sites), 4)) {
		return false;
	}
	s = &index->sites[index->site_count];
	s->site = site;
	s->whole = whole;
	s->root = strdup(root);
	if (s->root == NULL) {
		return false;
	}
	index->site_count++;
	return true;
}

const void *
ogc_xp_index_partial_site(const struct ogc_xp_index *index, size_t i,
	const char **root)
{
	size_t n = 0;
	size_t k;

	for (k = 0; k < index->site_count; k++) {
		if (!index->sites[k].whole && n++ == i) {
			*root = index->sites[k].root;
			return index->sites[k].site;
		}
	}
	return NULL;
}

/* Copies s with its NUL to the names; its offset, or false. */
static bool
add_name(struct ogc_xp_index *index, const char *s, uint32_t *at)
{
	size_t len = strlen(s) + 1;

	if (index->names.len > UINT32_MAX - len) {
		return false;
	}
	*at = (uint32_t)index->names.len;
	ogc_strbuf_add(&index->names, s, len);
	return !index->names.failed;
}

bool
ogc_xp_index_add(struct ogc_xp_index *index, struct ogc_xp_page *page,
	const char *name, const char *target)
{
	uint32_t at;

	if (!ogc_array_reserve(&index->pages, &index->cap, index->count + 1,
		sizeof(*index->pages), 64) || !add_name(index, name, &page->name)) {
		return false;
	}
	page->target = 0;
	if (target != NULL) {
		if (!add_name(index, target, &at)) {
			return false;
		}
		page->target = at + 1;
	}
	index->pages[index->count++] = *page;
	index->sorted = false;
	return true;
}

bool
ogc_xp_index_merge(struct ogc_xp_index *dst, struct ogc_xp_index *src)
{
	uint32_t shift = (uint32_t)dst->names.len;
	struct ogc_xp_index swap;
	size_t i;

	for (i = 0; i < src->site_count; i++) {
		if (!ogc_xp_index_note_site(dst, src->sites[i].site,
			src->sites[i].root, src->sites[i].whole)) {
			return false;
		}
	}
	if (src->count == 0) {
		return true;
	}
	if (dst->count == 0) {
		/* the first part's pages: taken whole, not copied */
		swap = *dst;
		dst->pages = src->pages;
		dst->count = src->count;
		dst->cap = src->cap;
		dst->names = src->names;
		dst->sorted = src->sorted;
		src->pages = swap.pages;
		src->count = 0;
		src->cap = swap.cap;
		src->names = swap.names;
		src->names.len = 0;
		return true;
	}
	if (dst->names.len > UINT32_MAX - src->names.len ||
		!ogc_array_reserve(&dst->pages, &dst->cap, dst->count + src->count,
		sizeof(*dst->pages), 64)) {
		return false;
	}
	ogc_strbuf_add(&dst->names, src->names.data, src->names.len);
	if (dst->names.failed) {
		return false;
	}
	for (i = 0; i < src->count; i++) {
		dst->pages[dst->count] = src->pages[i];
		dst->pages[dst->count].name += shift;
		if (dst->pages[dst->count].target > 0) {
			dst->pages[dst->count].target += shift;
		}
		dst->count++;
	}
	src->count = 0;
	src->names.len = 0;
	dst->sorted = false;
	return true;
}

size_t
ogc_xp_index_count(const struct ogc_xp_index *index)
{
	return index->count;
}

const char *
ogc_xp_page_name(const struct ogc_xp_index *index, size_t i)
{
	return index->names.data + index->pages[i].name;
}

const struct ogc_xp_page *
ogc_xp_page(const struct ogc_xp_index *index, size_t i)
{
	return &index->pages[i];
}

/* The 64-bit FNV prime (util/hash.c). */
#define FNV_PRIME 0x100000001b3ull

/* ASCII lower case, independent of the locale. */
static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * Titles and descriptions are compared as people read them: letters of
 * any case alike, every run of white space one space, none at the ends.
 */
uint64_t
ogc_xp_fold_hash(const char *text, size_t len)
{
	uint64_t h = OGC_HASH64_START;
	bool space = false;
	bool any = false;
	unsigned char c;
	size_t i;

	for (i = 0; i < len; i++) {
		c = (unsigned char)text[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = any;
			continue;
		}
		/* FNV-1a, as ogc_hash64() is, a byte at a time */
		if (space) {
			h = (h ^ ' ') * FNV_PRIME;
			space = false;
		}
		h = (h ^ lower(c)) * FNV_PRIME;
		any = true;
	}
	/* 0 stands for "none" */
	return !any ? 0 : h != 0 ? h : 1;
}
