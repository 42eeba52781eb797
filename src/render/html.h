/* html.h: what html.c and preview.c share (--format html). */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_RENDER_HTML_H
#define OGC_RENDER_HTML_H

#include <stdio.h>

#include "report/report.h"
#include "util/util.h"

/* The day the platform facts of docs/previews.md were last checked. */
#define OGC_PREVIEW_FACTS_DATE "2026-12-02"

/* Writes s (len bytes) with & < > " ' as character references. */
void
ogc_html_escape(FILE *out, const char *s, size_t len);

/* ogc_html_escape() of a NUL-terminated string. */
void
ogc_html_text(FILE *out, const char *s);

/*
 * Writes the share previews of a page with findings, from its record:
 * what each platform takes from which field, as text, and appends to
 * `records` (",\n" before all but the first) the JSON record of its cards
 * that ogc_html_preview_script draws, at each platform's width, with the
 * image as `images` says; `index` is the record's place in that array.
 * False when out of memory.
 */
bool
ogc_html_previews(FILE *out, const struct ogc_page_meta *meta,
	enum ogc_report_images images, size_t index,
	struct ogc_strbuf *records);

/* The CSS of the previews (preview.c), written inside <style>. */
extern const char ogc_html_preview_css[];

/* The script that draws a page's cards when its previews are opened. */
extern const char ogc_html_preview_script[];

#endif
