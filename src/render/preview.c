/* preview.c: how a page will look when shared, drawn in the html report. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "render/html.h"
#include "util/util.h"

/*
 * Each card is drawn at the width the platform shows it and cut by the
 * browser (line-clamp, text-overflow), in a font stack every plain
 * machine has, never by counting characters here. The sizes, ratios and
 * fallback orders are those of docs/previews.md, with their sources.
 */
const char ogc_html_preview_css[] =
	".pvs{display:flex;flex-wrap:wrap;gap:16px;overflow-x:auto}\n"
	".pv{margin:0;font-family:Arial,\"Liberation Sans\",Helvetica,"
	"sans-serif;color:#050505}\n"
	".pv figcaption{font:12px/1.4 system-ui,sans-serif;color:#555;"
	"max-width:600px;margin-bottom:4px}\n"
	".pv figcaption b{color:#222}\n"
	".card{background:#fff;border:1px solid #dadde1;overflow:hidden}\n"
	".one{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\n"
	".c2,.c3{display:-webkit-box;-webkit-box-orient:vertical;"
	"overflow:hidden}\n"
	".c2{-webkit-line-clamp:2}.c3{-webkit-line-clamp:3}\n"
	".im{position:relative;background:#e4e6eb;overflow:hidden;"
	"font:11px/1.3 system-ui,sans-serif;color:#444}\n"
	".im>span{position:absolute;left:4px;bottom:4px;right:4px;"
	"background:rgba(255,255,255,.85);padding:1px 3px}\n"
	".im>img{position:absolute;inset:0;width:100%;height:100%;"
	"object-fit:cover}\n"
	".cr{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);"
	"outline:2px dashed #c0392b;box-sizing:border-box}\n"
	".row{display:flex}.row>.im{flex:none}.row>div:last-child{min-width:0;"
	"flex:1}\n"
	".fb{width:500px}.fb .tx{padding:10px 12px;background:#f0f2f5}\n"
	".fb .dm{font-size:12px;color:#65676b;text-transform:uppercase}\n"
	".fb .ti{font-size:16px;font-weight:600;line-height:20px;"
	"max-height:40px}\n"
	".fb .de{font-size:14px;color:#65676b;line-height:20px}\n"
	".x{width:504px;border-radius:16px}\n"
	".x .ov{position:absolute;left:12px;bottom:12px;max-width:80%;"
	"background:rgba(0,0,0,.77);color:#fff;border-radius:4px;"
	"padding:0 4px;font-size:13px;line-height:20px}\n"
	".x .dm{font-size:13px;color:#536471;padding:4px 2px}\n"
	".x .tx{padding:12px;font-size:15px;line-height:20px}\n"
	".x .de{color:#536471}\n"
	".li{width:552px}.li .tx{padding:8px 12px}\n"
	".li .ti{font-size:14px;font-weight:600;line-height:20px}\n"
	".li .dm{font-size:12px;color:#666}\n"
	".sl{width:500px;border:0;border-left:4px solid #ddd;padding:0 12px;"
	"font-size:15px;line-height:22px}\n"
	".sl .sn{font-weight:700}.sl .ti{color:#1264a3;font-weight:700}\n"
	".dc{width:432px;background:#2b2d31;color:#dbdee1;border:0;"
	"border-left:4px solid #1e1f22;border-radius:4px;padding:8px 16px 16px 12px;"
	"font-size:14px;line-height:18px}\n"
	".dc .sn{font-size:12px;color:#b5bac1}.dc .ti{color:#00a8fc;"
	"font-weight:600;font-size:16px;margin:4px 0}\n"
	".mg{width:300px;border-radius:18px;background:#e9e9eb}\n"
	".mg .tx{padding:8px 12px}.mg .ti{font-size:15px;font-weight:600;"
	"line-height:19px}.mg .dm{font-size:13px;color:#6e6e73}\n"
	".gg{width:600px;border:0;background:none}\n"
	".gg .ur{font-size:14px;color:#202124}\n"
	".gg .ti{font-size:20px;line-height:26px;color:#1a0dab;margin:2px 0}\n"
	".gg .de{font-size:14px;line-height:22px;color:#4d5156}\n"
	".no{color:#999;font-style:italic}\n";

/* A value a platform takes, and the field it came from. */
struct pick {
	const char *text; /* NULL: none of the fields */
	const char *tag;
};

/* The first present of `fields` (ended by OGC_META_COUNT). */
static struct pick
pick(const struct ogc_page_meta *m, const enum ogc_meta_field *fields)
{
	struct pick p = {NULL, NULL};
	size_t i;

	for (i = 0; fields[i] != OGC_META_COUNT; i++) {
		if (m->value[fields[i]] != NULL) {
			p.text = m->value[fields[i]];
			p.tag = m->tag[fields[i]];
			return p;
		}
	}
	return p;
}

/* The image a platform takes, with its field, and what is known of it. */
struct image {
	struct pick p;
	unsigned long width;  /* 0: not known */
	unsigned long height;
	const char *how;      /* "fetched", "declared" or NULL */
	const struct ogc_image_facts *facts; /* NULL: not fetched */
};

static struct image
pick_image(const struct ogc_page_meta *m, const enum ogc_meta_field *fields)
{
	struct image im;
	size_t i;
	int slot;

	memset(&im, 0, sizeof(im));
	for (i = 0; fields[i] != OGC_META_COUNT; i++) {
		if (m->value[fields[i]] != NULL) {
			break;
		}
	}
	if (fields[i] == OGC_META_COUNT) {
		return im;
	}
	im.p.text = m->value[fields[i]];
	im.p.tag = m->tag[fields[i]];
	slot = ogc_meta_image_slot(fields[i]);
	if (slot >= 0 && m->image[slot].checked) {
		im.facts = &m->image[slot];
	}
	if (im.facts != NULL && im.facts->width > 0 && im.facts->height > 0) {
		im.width = im.facts->width;
		im.height = im.facts->height;
		im.how = "fetched";
	} else if (fields[i] != OGC_META_TW_IMAGE &&
		m->value[OGC_META_OG_IMAGE_WIDTH] != NULL &&
		m->value[OGC_META_OG_IMAGE_HEIGHT] != NULL) {
		im.width = strtoul(m->value[OGC_META_OG_IMAGE_WIDTH], NULL, 10);
		im.height = strtoul(m->value[OGC_META_OG_IMAGE_HEIGHT], NULL, 10);
		im.how = im.width > 0 && im.height > 0 ? "declared" : NULL;
	}
	if (im.how == NULL) {
		im.width = 0;
		im.height = 0;
	}
	return im;
}

/* The host of an absolute URL, into buf ("" when there is none). */
static const char *
host_of(const char *url, char *buf, size_t size)
{
	const char *s = url != NULL ? strstr(url, "://") : NULL;
	size_t n = 0;

	buf[0] = '\0';
	if (s == NULL) {
		return buf;
	}
	s += 3;
	while (s[n] != '\0' && strchr("/?#:", s[n]) == NULL) {
		n++;
	}
	if (strncmp(s, "www.", 4) == 0 && n > 4) {
		s += 4;
		n -= 4;
	}
	snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), s);
	return buf;
}

static void
put_text(FILE *out, const char *cls, struct pick p, const char *none)
{
	fprintf(out, "<div class=\"%s\">", cls);
	if (p.text != NULL) {
		ogc_html_text(out, p.text);
	} else {
		fprintf(out, "<span class=\"no\">%s</span>", none);
	}
	fputs("</div>", out);
}

/* "og:title" or "none", for the caption's list of fields used. */
static void
put_used(FILE *out, const char *what, struct pick p, bool *first)
{
	fprintf(out, "%s%s: ", *first ? "" : ", ", what);
	if (p.tag != NULL) {
		fputs("<code>", out);
		ogc_html_text(out, p.tag);
		fputs("</code>", out);
	} else {
		fputs("none", out);
	}
	*first = false;
}

/*
 * An image slot of ratio w:h, `style` extra CSS: the URL's facts as text,
 * the platform's crop as a dashed outline of the whole image over the
 * slot, and the image itself when `images` links it.
 */
static void
put_image(FILE *out, const struct image *im, double w, double h,
	const char *style, enum ogc_report_images images)
{
	double slot = w / h;
	double ratio;

	fprintf(out, "<div class=\"im\" style=\"aspect-ratio:%g/%g;%s\">", w, h,
		style);
	if (images == OGC_REPORT_IMAGES_LINK && im->p.text != NULL &&
		(strncmp(im->p.text, "https://", 8) == 0 ||
		strncmp(im->p.text, "http://", 7) == 0)) {
		fputs("<img alt=\"\" loading=\"lazy\" referrerpolicy=\"no-referrer\" "
			"src=\"", out);
		ogc_html_text(out, im->p.text);
		fputs("\">", out);
	}
	if (im->width > 0 && im->height > 0) {
		ratio = (double)im->width / (double)im->height;
		if (ratio > slot * 1.01) {
			fprintf(out, "<i class=\"cr\" style=\"height:100%%;"
				"width:%.1f%%\"></i>", 100.0 * ratio / slot);
		} else if (ratio < slot * 0.99) {
			fprintf(out, "<i class=\"cr\" style=\"width:100%%;"
				"height:%.1f%%\"></i>", 100.0 * slot / ratio);
		}
	}
	fputs("<span>", out);
	if (im->p.text == NULL) {
		fputs("no image", out);
	} else {
		if (im->width > 0) {
			fprintf(out, "%lu\xc3\x97%lu (%s)", im->width, im->height,
				im->how);
		} else {
			fputs("size not known", out);
		}
		if (im->facts != NULL && im->facts->bytes >= 0) {
			fprintf(out, " \xc2\xb7 %lld KB", (im->facts->bytes + 512) /
				1024);
		}
		if (im->facts != NULL && im->facts->type[0] != '\0') {
			fputs(" \xc2\xb7 ", out);
			ogc_html_text(out, im->facts->type);
		}
		if (im->facts != NULL && !im->facts->ok) {
			fputs(" \xc2\xb7 did not load", out);
		}
		if (im->width > 0 && (double)im->width / (double)im->height >
			slot * 1.01) {
			fputs(" \xc2\xb7 sides cut", out);
		} else if (im->width > 0 && (double)im->width /
			(double)im->height < slot * 0.99) {
			fputs(" \xc2\xb7 top and bottom cut", out);
		}
	}
	fputs("</span></div>", out);
}

static void
caption(FILE *out, const char *platform, const char *note)
{
	fprintf(out, "<figure class=\"pv\"><figcaption><b>%s</b> \xe2\x80\x94 "
		"approximation as of %s%s. Uses ", platform,
		OGC_PREVIEW_FACTS_DATE, note);
}

#define END OGC_META_COUNT

static const enum ogc_meta_field og_title[] = {OGC_META_OG_TITLE,
	OGC_META_TITLE, END};
static const enum ogc_meta_field og_desc[] = {OGC_META_OG_DESCRIPTION,
	OGC_META_DESCRIPTION, END};
static const enum ogc_meta_field og_image[] = {OGC_META_OG_IMAGE,
	OGC_META_OG_IMAGE_URL, OGC_META_OG_IMAGE_SECURE, END};
static const enum ogc_meta_field page_url[] = {OGC_META_OG_URL,
	OGC_META_CANONICAL, END};
static const enum ogc_meta_field x_title[] = {OGC_META_TW_TITLE,
	OGC_META_OG_TITLE, END};
static const enum ogc_meta_field x_desc[] = {OGC_META_TW_DESCRIPTION,
	OGC_META_OG_DESCRIPTION, END};
static const enum ogc_meta_field x_image[] = {OGC_META_TW_IMAGE,
	OGC_META_OG_IMAGE, END};
static const enum ogc_meta_field any_title[] = {OGC_META_OG_TITLE,
	OGC_META_TW_TITLE, OGC_META_TITLE, END};
static const enum ogc_meta_field any_desc[] = {OGC_META_OG_DESCRIPTION,
	OGC_META_TW_DESCRIPTION, OGC_META_DESCRIPTION, END};
static const enum ogc_meta_field any_image[] = {OGC_META_OG_IMAGE,
	OGC_META_TW_IMAGE, END};
static const enum ogc_meta_field imsg_image[] = {OGC_META_OG_IMAGE_SECURE,
	OGC_META_OG_IMAGE, OGC_META_OG_IMAGE_URL, OGC_META_TW_IMAGE, END};
static const enum ogc_meta_field site_name[] = {OGC_META_OG_SITE_NAME, END};
static const enum ogc_meta_field g_title[] = {OGC_META_TITLE,
	OGC_META_OG_TITLE, END};
static const enum ogc_meta_field g_desc[] = {OGC_META_DESCRIPTION,
	OGC_META_OG_DESCRIPTION, END};

/*
 * Facebook's link card: the image on top at 1.91:1; an image known to be
 * smaller than 600x315 is a square thumbnail beside the text, one smaller
 * than 200x200 is not shown.
 */
static void
facebook(FILE *out, const struct ogc_page_meta *m, const char *domain,
	enum ogc_report_images images)
{
	struct pick t = pick(m, og_title);
	struct pick d = pick(m, og_desc);
	struct image im = pick_image(m, og_image);
	bool tiny = im.width > 0 && (im.width < 200 || im.height < 200);
	bool small = im.width > 0 && (im.width < 600 || im.height < 315);
	bool first = true;

	caption(out, "Facebook", "");
	put_used(out, "title", t, &first);
	put_used(out, "description", d, &first);
	put_used(out, "image", im.p, &first);
	fputs(tiny ? "; the image is under 200\xc3\x97" "200: not shown" : small ?
		"; the image is under 600\xc3\x97" "315: small layout" : "", out);
	fprintf(out, "</figcaption><div class=\"card fb%s\" data-pv=\"facebook\">",
		small && !tiny ? " row" : "");
	if (im.p.text != NULL && !tiny) {
		put_image(out, &im, small ? 1 : 1.91, 1, small ? "width:158px" :
			"", images);
	}
	fputs("<div class=\"tx\"><div class=\"dm one\">", out);
	ogc_html_text(out, domain);
	fputs("</div>", out);
	put_text(out, "ti c2", t, "(no title)");
	put_text(out, "de one", d, "");
	fputs("</div></div></figure>\n", out);
}

/* X: summary_large_image (2:1, the title over the image) and summary. */
static void
x_cards(FILE *out, const struct ogc_page_meta *m, const char *domain,
	enum ogc_report_images images)
{
	struct pick t = pick(m, x_title);
	struct pick d = pick(m, x_desc);
	struct image im = pick_image(m, x_image);
	const char *card = m->value[OGC_META_TW_CARD];
	bool first = true;
	int large;

	for (large = 1; large >= 0; large--) {
		caption(out, large ? "X, summary_large_image" : "X, summary", "");
		put_used(out, "title", t, &first);
		put_used(out, "description", d, &first);
		put_used(out, "image", im.p, &first);
		first = true;
		if (card == NULL) {
			fputs("; the page has no <code>twitter:card</code>, which "
				"X's docs require", out);
		} else if (strcmp(card, large ? "summary_large_image" :
			"summary") == 0) {
			fputs("; the card the page asks for (<code>", out);
			ogc_html_text(out, m->tag[OGC_META_TW_CARD]);
			fputs("</code>)", out);
		}
		fprintf(out, "</figcaption><div class=\"card x%s\" data-pv=\"%s\">",
			large ? "" : " row", large ? "x-large" : "x-summary");
		if (large) {
			fputs("<div style=\"position:relative\">", out);
			put_image(out, &im, 2, 1, "", images);
			put_text(out, "ov one", t, "(no title)");
			fputs("</div><div class=\"dm one\">From ", out);
			ogc_html_text(out, domain);
			fputs("</div></div></figure>\n", out);
			continue;
		}
		put_image(out, &im, 1, 1, "width:130px", images);
		fputs("<div class=\"tx\"><div class=\"dm one\">", out);
		ogc_html_text(out, domain);
		fputs("</div>", out);
		put_text(out, "ti one", t, "(no title)");
		put_text(out, "de c2", d, "");
		fputs("</div></div></figure>\n", out);
	}
}

/* LinkedIn: 1.91:1; an image known to be under 401 px wide on the left. */
static void
linkedin(FILE *out, const struct ogc_page_meta *m, const char *domain,
	enum ogc_report_images images)
{
	struct pick t = pick(m, og_title);
	struct image im = pick_image(m, og_image);
	bool small = im.width > 0 && im.width < 401;
	bool first = true;

	caption(out, "LinkedIn", "");
	put_used(out, "title", t, &first);
	put_used(out, "image", im.p, &first);
	fprintf(out, "%s</figcaption><div class=\"card li%s\" "
		"data-pv=\"linkedin\">", small ? "; the image is under 401 px "
		"wide: thumbnail layout" : "", small ? " row" : "");
	if (im.p.text != NULL) {
		put_image(out, &im, small ? 1 : 1.91, 1, small ? "width:128px" :
			"", images);
	}
	fputs("<div class=\"tx\">", out);
	put_text(out, "ti c2", t, "(no title)");
	fputs("<div class=\"dm one\">", out);
	ogc_html_text(out, domain);
	fputs("</div></div></div></figure>\n", out);
}

/* Slack and Discord draw an attachment: site name, title, text, image. */
static void
chat(FILE *out, const struct ogc_page_meta *m, const char *domain,
	bool discord, enum ogc_report_images images)
{
	struct pick t = pick(m, any_title);
	struct pick d = pick(m, any_desc);
	struct pick s = pick(m, site_name);
	struct image im = pick_image(m, any_image);
	const char *card = m->value[OGC_META_TW_CARD];
	bool large = card != NULL && strcmp(card, "summary_large_image") == 0;
	bool first = true;

	caption(out, discord ? "Discord" : "Slack", "");
	put_used(out, "site", s, &first);
	put_used(out, "title", t, &first);
	put_used(out, "description", d, &first);
	put_used(out, "image", im.p, &first);
	fprintf(out, "</figcaption><div class=\"card %s\" data-pv=\"%s\">",
		discord ? "dc" : "sl", discord ? "discord" : "slack");
	if (s.text == NULL) {
		s.text = domain;
	}
	put_text(out, "sn one", s, "");
	put_text(out, "ti c2", t, "(no title)");
	put_text(out, "de c3", d, "");
	if (im.p.text != NULL) {
		put_image(out, &im, discord && !large ? 1 : 1.91, 1,
			discord && !large ? "width:80px" : discord ? "" :
			"max-width:360px", images);
	}
	fputs("</div></figure>\n", out);
}

/* iMessage: a large image over the title and the domain, no description. */
static void
imessage(FILE *out, const struct ogc_page_meta *m, const char *domain,
	enum ogc_report_images images)
{
	static const enum ogc_meta_field titles[] = {OGC_META_OG_TITLE,
		OGC_META_TW_TITLE, OGC_META_TITLE, END};
	struct pick t = pick(m, titles);
	struct image im = pick_image(m, imsg_image);
	bool first = true;

	caption(out, "iMessage", "");
	put_used(out, "title", t, &first);
	put_used(out, "image", im.p, &first);
	fputs("</figcaption><div class=\"card mg\" data-pv=\"imessage\">", out);
	if (im.p.text != NULL) {
		put_image(out, &im, 1.91, 1, "", images);
	}
	fputs("<div class=\"tx\">", out);
	put_text(out, "ti c2", t, "(no title)");
	fputs("<div class=\"dm one\">", out);
	ogc_html_text(out, domain);
	fputs("</div></div></div></figure>\n", out);
}

/* A Google result: the title cut at about 600 px, two lines of text. */
static void
google(FILE *out, const struct ogc_page_meta *m, const char *domain)
{
	struct pick t = pick(m, g_title);
	struct pick d = pick(m, g_desc);
	bool first = true;

	caption(out, "Google result", "");
	put_used(out, "title", t, &first);
	put_used(out, "description", d, &first);
	if (t.text != NULL) {
		fprintf(out, "; the title is %.0f px wide in Arial 20 px",
			ogc_text_pixels(t.text, strlen(t.text), 20));
	}
	fputs(". Google may write its own title and snippet"
		"</figcaption><div class=\"card gg\" data-pv=\"google\">"
		"<div class=\"ur one\">", out);
	ogc_html_text(out, domain);
	fputs("</div>", out);
	put_text(out, "ti one", t, "(no title)");
	put_text(out, "de c2", d, "");
	fputs("</div></figure>\n", out);
}

void
ogc_html_previews(FILE *out, const struct ogc_page_meta *m,
	enum ogc_report_images images)
{
	struct pick u = pick(m, page_url);
	char domain[256];

	host_of(u.text, domain, sizeof(domain));
	if (domain[0] == '\0') {
		snprintf(domain, sizeof(domain), "(no og:url or canonical)");
	}
	fputs("<details class=\"pvd\"><summary>Share previews", out);
	if (m->source) {
		fputs(" (from the front matter: approximate, the templates may "
			"write other values)", out);
	}
	fputs("</summary><div class=\"pvs\">\n", out);
	facebook(out, m, domain, images);
	x_cards(out, m, domain, images);
	linkedin(out, m, domain, images);
	chat(out, m, domain, false, images);
	chat(out, m, domain, true, images);
	imessage(out, m, domain, images);
	google(out, m, domain);
	fputs("</div></details>\n", out);
}
