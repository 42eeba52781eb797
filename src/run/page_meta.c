/* page_meta.c: the record of a page that previews are drawn from. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "run/engine_parts.h"

/*
 * Where each field of a record is looked for, first match wins: both
 * spellings of the Open Graph and X fields, and for front matter the
 * fields the site model reads for them (Jekyll's and Hugo's `image`,
 * Hugo's `images`). Aliases of the rule files count too (ogc_ctx_lookup).
 */
static const char *const paths[OGC_META_COUNT][4] = {
	[OGC_META_TITLE] = {"title"},
	[OGC_META_DESCRIPTION] = {"description"},
	[OGC_META_OG_TITLE] = {"og:title", "og.title"},
	[OGC_META_OG_DESCRIPTION] = {"og:description", "og.description"},
	[OGC_META_OG_IMAGE] = {"og:image", "og.image", "image", "images"},
	[OGC_META_OG_IMAGE_SECURE] = {"og:image:secure_url",
		"og.image.secure_url"},
	[OGC_META_OG_IMAGE_URL] = {"og:image:url", "og.image.url"},
	[OGC_META_OG_IMAGE_WIDTH] = {"og:image:width", "og.image.width"},
	[OGC_META_OG_IMAGE_HEIGHT] = {"og:image:height", "og.image.height"},
	[OGC_META_OG_SITE_NAME] = {"og:site_name", "og.site_name"},
	[OGC_META_OG_URL] = {"og:url", "og.url"},
	[OGC_META_CANONICAL] = {"canonical", "canonical_url"},
	[OGC_META_TW_CARD] = {"twitter:card", "twitter.card"},
	[OGC_META_TW_TITLE] = {"twitter:title", "twitter.title"},
	[OGC_META_TW_DESCRIPTION] = {"twitter:description",
		"twitter.description"},
	[OGC_META_TW_IMAGE] = {"twitter:image", "twitter.image"},
};

/* The record's field of each field of the cross-page index. */
static const enum ogc_meta_field xp_fields[OGC_XP_FIELDS] = {
	[OGC_XP_TITLE] = OGC_META_TITLE,
	[OGC_XP_DESCRIPTION] = OGC_META_DESCRIPTION,
	[OGC_XP_OG_TITLE] = OGC_META_OG_TITLE,
	[OGC_XP_OG_DESCRIPTION] = OGC_META_OG_DESCRIPTION,
	[OGC_XP_OG_IMAGE] = OGC_META_OG_IMAGE,
	[OGC_XP_CANONICAL] = OGC_META_CANONICAL,
	[OGC_XP_OG_URL] = OGC_META_OG_URL,
};

/* How many spellings ogc_engine_xp_name() knows of a field. */
static unsigned
xp_spellings(enum ogc_xp_field field)
{
	unsigned n = 0;

	while (n < 4 && paths[xp_fields[field]][n] != NULL) {
		n++;
	}
	return n;
}

const char *const *
ogc_engine_xp_names(enum ogc_xp_field field)
{
	return paths[xp_fields[field]];
}

const char *
ogc_engine_xp_name(enum ogc_xp_field field, unsigned spelling)
{
	return spelling < xp_spellings(field) ?
		paths[xp_fields[field]][spelling] : paths[xp_fields[field]][0];
}

/*
 * A page's first og:image is the one platforms take; X reads the last
 * twitter:card tag; a map is og: {image: {url: ...}}.
 */
const struct ogc_node *
ogc_engine_scalar_of(const struct ogc_node *n, bool last)
{
	const struct ogc_node *item;

	if (n != NULL && n->kind == OGC_NODE_SEQ) {
		item = n->child;
		while (last && item != NULL && item->next != NULL) {
			item = item->next;
		}
		n = item;
	}
	if (n != NULL && n->kind == OGC_NODE_MAP) {
		n = ogc_node_member(n, "url");
	}
	if (n == NULL || n->kind != OGC_NODE_SCALAR || n->len == 0) {
		return NULL;
	}
	return n;
}

void
ogc_engine_capture(struct ogc_engine *c, const struct ogc_ctx *ctx)
{
	struct ogc_page_draft draft;
	const struct ogc_node *n;
	const char *found;
	size_t f;
	size_t i;

	memset(&draft, 0, sizeof(draft));
	draft.source = !ctx->flat;
	for (f = 0; f < OGC_META_COUNT; f++) {
		for (i = 0; i < 4 && paths[f][i] != NULL; i++) {
			if (ctx->flat && strchr(paths[f][i], '.') != NULL) {
				continue;
			}
			if (ctx->flat && i > 0 && f == OGC_META_OG_IMAGE) {
				break; /* a page's <meta name=image> is no og:image */
			}
			n = ogc_engine_scalar_of(ogc_ctx_lookup(ctx, paths[f][i],
				&found), f == OGC_META_TW_CARD);
			if (n != NULL) {
				draft.value[f] = n->text;
				draft.len[f] = n->len;
				draft.tag[f] = found;
				break;
			}
		}
	}
	free(c->meta);
	c->meta = ogc_page_meta_create(ctx->file, &draft);
}

void
ogc_engine_keep_meta(struct ogc_engine *c, const char *name, size_t first)
{
	if (!c->options->page_meta || c->keep_meta) {
		return;
	}
	if (!ogc_report_shows_from(c->report, first)) {
		ogc_report_add_clean(c->report, name);
	} else if (c->meta != NULL) {
		ogc_report_add_page(c->report, c->meta);
		c->meta = NULL;
	}
	free(c->meta);
	c->meta = NULL;
}

bool
ogc_engine_read_meta(struct ogc_engine *c, const char *path,
	struct ogc_report *report)
{
	struct ogc_engine *saved = malloc(sizeof(*saved));
	struct ogc_report *scratch = ogc_report_create();
	struct ogc_page_meta *meta;
	struct ogc_options offline;
	bool ok = false;

	if (saved == NULL || scratch == NULL) {
		goto cleanup;
	}
	*saved = *c;
	ogc_engine_quiet_options(c->options, &offline);
	offline.page_meta = c->options->page_meta; /* the record is wanted */
	c->options = &offline;
	c->scratch = true;
	c->keep_meta = true;
	c->meta = NULL;
	ok = ogc_engine_check_file(c, path, false, scratch);
	meta = c->meta;
	*c = *saved;
	if (meta != NULL) {
		ogc_report_add_page(report, meta);
	}
cleanup:
	free(saved);
	ogc_report_destroy(scratch);
	return ok;
}

bool
ogc_engine_page_meta(struct ogc_engine *c, struct ogc_report *report,
	const char *file, bool read, struct ogc_page_meta **meta)
{
	char *name = malloc(ogc_escape_name(file, NULL) + 1);
	bool ok = true;

	*meta = NULL;
	if (name == NULL) {
		return false;
	}
	name[ogc_escape_name(file, name)] = '\0';
	*meta = ogc_report_find_page(report, name);
	if (*meta == NULL && read && c != NULL) {
		ok = ogc_engine_read_meta(c, file, report);
		*meta = ok ? ogc_report_find_page(report, name) : NULL;
	}
	free(name);
	return ok;
}
