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
 *
 * A report may hold thousands of pages, so the cards are not written as
 * HTML: each page's previews are a <details> holding the facts as text
 * (inside <noscript>: what each platform takes from which field, shown
 * with JavaScript off, one raw text node to the parser with it on) and a
 * compact JSON record of the cards, which ogc_html_preview_script draws
 * when the section is first opened. The records of all pages are one
 * array in one <script type="application/json"> at the end of the report
 * (thousands of script elements slow the parser down).
 * The record is a tree: an element is ["class", child...]; a child is an
 * element, a number (the text of that field of "v", or with -1 the
 * page's domain "d"), a string (literal
 * text) or an image slot {"f": field, "r": [w, h], "s": style, "u": 1
 * when the browser loads it, "e": n when it is the report's image n,
 * a data: URI in the array of <script id="pv-img">}, with the image's
 * facts in "i".
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
	".xi{position:relative}.xi>.im>span{top:4px;bottom:auto}"
	".pvu,.pvf{font-size:13px}"
	".pvf dd{margin-left:16px;overflow-wrap:anywhere}\n"
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

/*
 * Draws the cards of a <details class="pvd"> when it is first opened:
 * the captions are the <li>s of its <noscript> (raw text while script
 * runs, parsed here in an inert <template>), the cards the elements of
 * its record, built with textContent only.
 */
const char ogc_html_preview_script[] =
	"(function(){\n"
	"function el(t,c){var e=document.createElement(t);if(c)e.className=c;"
	"return e;}\n"
	"function image(r,n){var b=el('div','im'),w=r.i[n.f],s=el('span'),"
	"k=n.r[0]/n.r[1],q,c;b.style.cssText=n.s||'';b.style.aspectRatio=n.r[0]+"
	"'/'+n.r[1];\n"
	"if(n.u||n.e){var g=el('img');g.alt='';g.loading='lazy';"
	"g.referrerPolicy='no-referrer';g.src=n.u?r.v[n.f]:embedded()[n.e-1];"
	"b.appendChild(g);}\n"
	"s.textContent=n.f===undefined?'no image':w?w[2]:'size not known';\n"
	"if(w&&w[0]>0){q=w[0]/w[1];if(q>k*1.01){c=el('i','cr');"
	"c.style.height='100%';c.style.width=(100*q/k).toFixed(1)+'%';"
	"s.textContent+=' \\u00b7 sides cut';}else if(q<k*0.99){c=el('i','cr');"
	"c.style.width='100%';c.style.height=(100*k/q).toFixed(1)+'%';"
	"s.textContent+=' \\u00b7 top and bottom cut';}if(c)b.appendChild(c);}\n"
	"b.appendChild(s);return b;}\n"
	"function tree(r,n){var e=el('div',n[0]);n.slice(1).forEach(function(c){"
	"e.appendChild(typeof c==='number'?document.createTextNode(c<0?r.d:"
	"r.v[c]):typeof c==='string'?document.createTextNode(c):Array.isArray(c)?"
	"tree(r,c):image(r,c));});return e;}\n"
	"var all,imgs;\n"
	"function embedded(){return imgs=imgs||JSON.parse("
	"document.getElementById('pv-img').textContent);}\n"
	"function draw(d){var box=d.querySelector('.pvs');if(!box||"
	"box.firstChild)return;\n"
	"all=all||JSON.parse(document.getElementById('pv-data').textContent);\n"
	"var r=all[+d.getAttribute('data-i')],"
	"t=document.createElement('template');\n"
	"t.innerHTML=d.querySelector('noscript').textContent;\n"
	"var caps=t.content.querySelectorAll('li');\n"
	"r.c.forEach(function(c,k){var f=el('figure','pv'),"
	"fc=el('figcaption'),card=tree(r,c.slice(1));\n"
	"while(caps[k]&&caps[k].firstChild)fc.appendChild(caps[k].firstChild);\n"
	"card.setAttribute('data-pv',c[0]);f.appendChild(fc);f.appendChild(card);"
	"box.appendChild(f);});}\n"
	"document.addEventListener('toggle',function(e){"
	"if(e.target.open&&e.target.classList.contains('pvd'))draw(e.target);},"
	"true);\n"
	"document.querySelectorAll('details.pvd[open]').forEach(draw);\n"
	"})();\n";

/* A value a platform takes, and the field it came from. */
struct pick {
	int field; /* -1: none of the fields */
	const char *text;
	const char *tag;
};

/* The first present of `fields` (ended by OGC_META_COUNT). */
static struct pick
pick(const struct ogc_page_meta *m, const enum ogc_meta_field *fields)
{
	struct pick p = {-1, NULL, NULL};
	size_t i;

	for (i = 0; fields[i] != OGC_META_COUNT; i++) {
		if (m->value[fields[i]] != NULL) {
			p.field = (int)fields[i];
			p.text = m->value[fields[i]];
			p.tag = m->tag[fields[i]];
			return p;
		}
	}
	return p;
}

/* What is known of the image in one field. */
struct image {
	unsigned long width;  /* 0: not known */
	unsigned long height;
	const char *how;      /* "fetched", "declared" or NULL */
	const struct ogc_image_facts *facts; /* NULL: not fetched */
};

/*
 * The image of `field`: its fetched size, or the size og:image:width and
 * og:image:height declare (for the Open Graph fields only).
 */
static struct image
image_of(const struct ogc_page_meta *m, enum ogc_meta_field field)
{
	struct image im;
	int slot = ogc_meta_image_slot(field);

	memset(&im, 0, sizeof(im));
	if (slot >= 0 && m->image[slot].checked) {
		im.facts = &m->image[slot];
	}
	if (im.facts != NULL && im.facts->width > 0 && im.facts->height > 0) {
		im.width = im.facts->width;
		im.height = im.facts->height;
		im.how = "fetched";
	} else if (field != OGC_META_TW_IMAGE &&
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

/* The image a platform takes: the first present of `fields`. */
static struct image
pick_image(const struct ogc_page_meta *m, const enum ogc_meta_field *fields,
	struct pick *p)
{
	struct image none;

	*p = pick(m, fields);
	if (p->field < 0) {
		memset(&none, 0, sizeof(none));
		return none;
	}
	return image_of(m, (enum ogc_meta_field)p->field);
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

/*
 * s as a JSON string that cannot end the <script> element it is in:
 * '<', '>' and '&' as \u escapes, and U+2028 and U+2029 too.
 */
static void
json_str(struct ogc_strbuf *js, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	ogc_strbuf_add(js, "\"", 1);
	for (i = 0; u[i] != '\0'; i++) {
		if (u[i] == '"' || u[i] == '\\') {
			ogc_strbuf_addf(js, "\\%c", u[i]);
		} else if (u[i] < 0x20 || u[i] == '<' || u[i] == '>' ||
			u[i] == '&') {
			ogc_strbuf_addf(js, "\\u%04x", u[i]);
		} else if (u[i] == 0xe2 && u[i + 1] == 0x80 &&
			(u[i + 2] == 0xa8 || u[i + 2] == 0xa9)) {
			ogc_strbuf_addf(js, "\\u%04x", u[i + 2] == 0xa8 ? 0x2028 :
				0x2029);
			i += 2;
		} else {
			ogc_strbuf_add(js, s + i, 1);
		}
	}
	ogc_strbuf_add(js, "\"", 1);
}

/* A card's text: ,["cls",field] or, without a value, its placeholder. */
static void
put_text(struct ogc_strbuf *js, const char *cls, struct pick p,
	const char *none)
{
	ogc_strbuf_addf(js, ",[\"%s\"", cls);
	if (p.field >= 0) {
		ogc_strbuf_addf(js, ",%d", p.field);
	} else if (none[0] != '\0') {
		ogc_strbuf_addf(js, ",[\"no\",\"%s\"]", none);
	}
	ogc_strbuf_add(js, "]", 1);
}

/* A line of a card with the page's domain (-1: the record's "d"). */
static void
put_line(struct ogc_strbuf *js, const char *cls, const char *prefix)
{
	ogc_strbuf_addf(js, ",[\"%s\",%s%s%s-1]", cls, prefix[0] != '\0' ?
		"\"" : "", prefix, prefix[0] != '\0' ? "\"," : "");
}

/*
 * A card's text block that closes the card: the domain line, the title
 * and the description (d NULL: the title, then the domain line, as
 * LinkedIn and iMessage lay it out).
 */
static void
put_text_block(struct ogc_strbuf *js, const char *title_cls, struct pick t,
	const char *desc_cls, const struct pick *d)
{
	ogc_strbuf_add(js, ",[\"tx\"", 6);
	if (d != NULL) {
		put_line(js, "dm one", "");
		put_text(js, title_cls, t, "(no title)");
		put_text(js, desc_cls, *d, "");
	} else {
		put_text(js, title_cls, t, "(no title)");
		put_line(js, "dm one", "");
	}
	ogc_strbuf_add(js, "]]", 2);
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

/* What a card is drawn from: the page's record and --report-images. */
struct card_ctx {
	const struct ogc_page_meta *m;
	enum ogc_report_images images;
	FILE *out;             /* the captions */
	struct ogc_strbuf *js; /* the cards */
};

/*
 * An image slot of ratio w:h and extra CSS `style`: the script draws the
 * image's facts over it and the platform's crop as a dashed outline, and
 * shows the image itself when `images` links it or embeds its bytes.
 */
static void
put_image(const struct card_ctx *c, struct pick p, double w, double h,
	const char *style)
{
	int slot = p.field >= 0 ?
		ogc_meta_image_slot((enum ogc_meta_field)p.field) : -1;

	ogc_strbuf_addf(c->js, ",{\"r\":[%g,%g]", w, h);
	if (style[0] != '\0') {
		ogc_strbuf_addf(c->js, ",\"s\":\"%s\"", style);
	}
	if (p.field >= 0) {
		ogc_strbuf_addf(c->js, ",\"f\":%d", p.field);
	}
	if (c->images == OGC_REPORT_IMAGES_LINK && p.text != NULL &&
		(strncmp(p.text, "https://", 8) == 0 ||
		strncmp(p.text, "http://", 7) == 0)) {
		ogc_strbuf_add(c->js, ",\"u\":1", 6);
	} else if (c->images == OGC_REPORT_IMAGES_EMBED && slot >= 0 &&
		c->m->image[slot].embed > 0) {
		ogc_strbuf_addf(c->js, ",\"e\":%zu", c->m->image[slot].embed);
	}
	ogc_strbuf_add(c->js, "}", 1);
}

/* The start of a platform's caption (an <li>) and of its card. */
static void
begin(FILE *out, struct ogc_strbuf *js, const char *pv, const char *platform,
	const char *cls)
{
	fprintf(out, "<li><b>%s</b>. Uses ", platform);
	ogc_strbuf_addf(js, "%s[\"%s\",\"card %s\"", js->data != NULL &&
		js->data[js->len - 1] == '[' ? "" : ",", pv, cls);
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
facebook(const struct card_ctx *c)
{
	struct pick t = pick(c->m, og_title);
	struct pick d = pick(c->m, og_desc);
	struct pick ip;
	struct image im = pick_image(c->m, og_image, &ip);
	bool tiny = im.width > 0 && (im.width < 200 || im.height < 200);
	bool small = im.width > 0 && (im.width < 600 || im.height < 315);
	bool first = true;

	begin(c->out, c->js, "facebook", "Facebook", small && !tiny ? "fb row" :
		"fb");
	put_used(c->out, "title", t, &first);
	put_used(c->out, "description", d, &first);
	put_used(c->out, "image", ip, &first);
	fputs(tiny ? "; the image is under 200\xc3\x97" "200: not shown" : small ?
		"; the image is under 600\xc3\x97" "315: small layout" : "", c->out);
	fputs("</li>", c->out);
	if (ip.text != NULL && !tiny) {
		put_image(c, ip, small ? 1 : 1.91, 1, small ? "width:158px" :
			"");
	}
	put_text_block(c->js, "ti c2", t, "de one", &d);
}

/* X: summary_large_image (2:1, the title over the image) and summary. */
static void
x_cards(const struct card_ctx *c)
{
	struct pick t = pick(c->m, x_title);
	struct pick d = pick(c->m, x_desc);
	struct pick ip;
	const char *card = c->m->value[OGC_META_TW_CARD];
	bool first;
	int large;

	pick_image(c->m, x_image, &ip);
	for (large = 1; large >= 0; large--) {
		first = true;
		begin(c->out, c->js, large ? "x-large" : "x-summary", large ?
			"X, summary_large_image" : "X, summary", large ? "x" :
			"x row");
		put_used(c->out, "title", t, &first);
		put_used(c->out, "description", d, &first);
		put_used(c->out, "image", ip, &first);
		if (card == NULL) {
			fputs("; the page has no <code>twitter:card</code>: X "
				"may still show a summary card from og:type, og:title "
				"and og:description", c->out);
		} else if (strcmp(card, large ? "summary_large_image" :
			"summary") == 0) {
			fputs("; the card the page asks for (<code>", c->out);
			ogc_html_text(c->out, c->m->tag[OGC_META_TW_CARD]);
			fputs("</code>)", c->out);
		}
		fputs("</li>", c->out);
		if (large) {
			ogc_strbuf_add(c->js, ",[\"xi\"", 6);
			put_image(c, ip, 2, 1, "");
			put_text(c->js, "ov one", t, "(no title)");
			ogc_strbuf_add(c->js, "]", 1);
			put_line(c->js, "dm one", "From ");
			ogc_strbuf_add(c->js, "]", 1);
			continue;
		}
		put_image(c, ip, 1, 1, "width:130px");
		put_text_block(c->js, "ti one", t, "de c2", &d);
	}
}

/* LinkedIn: 1.91:1; an image known to be under 401 px wide on the left. */
static void
linkedin(const struct card_ctx *c)
{
	struct pick t = pick(c->m, og_title);
	struct pick ip;
	struct image im = pick_image(c->m, og_image, &ip);
	bool small = im.width > 0 && im.width < 401;
	bool first = true;

	begin(c->out, c->js, "linkedin", "LinkedIn", small ? "li row" : "li");
	put_used(c->out, "title", t, &first);
	put_used(c->out, "image", ip, &first);
	fprintf(c->out, "%s</li>", small ? "; the image is under 401 px "
		"wide: thumbnail layout" : "");
	if (ip.text != NULL) {
		put_image(c, ip, small ? 1 : 1.91, 1, small ? "width:128px" :
			"");
	}
	put_text_block(c->js, "ti c2", t, NULL, NULL);
}

/* Slack and Discord draw an attachment: site name, title, text, image. */
static void
chat(const struct card_ctx *c, bool discord)
{
	struct pick t = pick(c->m, any_title);
	struct pick d = pick(c->m, any_desc);
	struct pick s = pick(c->m, site_name);
	struct pick ip;
	const char *card = c->m->value[OGC_META_TW_CARD];
	bool large = card != NULL && strcmp(card, "summary_large_image") == 0;
	bool first = true;

	pick_image(c->m, any_image, &ip);
	begin(c->out, c->js, discord ? "discord" : "slack", discord ?
		"Discord" : "Slack", discord ? "dc" : "sl");
	put_used(c->out, "site", s, &first);
	put_used(c->out, "title", t, &first);
	put_used(c->out, "description", d, &first);
	put_used(c->out, "image", ip, &first);
	fputs("</li>", c->out);
	if (s.text != NULL) {
		put_text(c->js, "sn one", s, "");
	} else {
		put_line(c->js, "sn one", "");
	}
	put_text(c->js, "ti c2", t, "(no title)");
	put_text(c->js, "de c3", d, "");
	if (ip.text != NULL) {
		put_image(c, ip, discord && !large ? 1 : 1.91, 1,
			discord && !large ? "width:80px" : discord ? "" :
			"max-width:360px");
	}
	ogc_strbuf_add(c->js, "]", 1);
}

/* iMessage: a large image over the title and the domain, no description. */
static void
imessage(const struct card_ctx *c)
{
	static const enum ogc_meta_field titles[] = {OGC_META_OG_TITLE,
		OGC_META_TW_TITLE, OGC_META_TITLE, END};
	struct pick t = pick(c->m, titles);
	struct pick ip;
	bool first = true;

	pick_image(c->m, imsg_image, &ip);
	begin(c->out, c->js, "imessage", "iMessage", "mg");
	put_used(c->out, "title", t, &first);
	put_used(c->out, "image", ip, &first);
	fputs("</li>", c->out);
	if (ip.text != NULL) {
		put_image(c, ip, 1.91, 1, "");
	}
	put_text_block(c->js, "ti c2", t, NULL, NULL);
}

/* A Google result: the title cut at about 600 px, two lines of text. */
static void
google(const struct card_ctx *c)
{
	struct pick t = pick(c->m, g_title);
	struct pick d = pick(c->m, g_desc);
	bool first = true;

	begin(c->out, c->js, "google", "Google result", "gg");
	put_used(c->out, "title", t, &first);
	put_used(c->out, "description", d, &first);
	if (t.text != NULL) {
		fprintf(c->out, "; the title is %.0f px wide in Arial 20 px",
			ogc_text_pixels(t.text, strlen(t.text), 20));
	}
	fputs(". Google may write its own title and snippet</li>", c->out);
	put_line(c->js, "ur one", "");
	put_text(c->js, "ti one", t, "(no title)");
	put_text(c->js, "de c2", d, "");
	ogc_strbuf_add(c->js, "]", 1);
}

/*
 * What is known of an image, as text: "1200×630 (fetched) · 12 KB", or
 * "· 300 bytes" under 1 KB.
 */
static void
image_label(struct ogc_strbuf *b, const struct image *im)
{
	if (im->width > 0) {
		ogc_strbuf_addf(b, "%lu\xc3\x97%lu (%s)", im->width, im->height,
			im->how);
	} else {
		ogc_strbuf_addf(b, "size not known");
	}
	if (im->facts != NULL && im->facts->bytes >= 1024) {
		ogc_strbuf_addf(b, " \xc2\xb7 %lld KB", (im->facts->bytes + 512) /
			1024);
	} else if (im->facts != NULL && im->facts->bytes >= 0) {
		/* a small image is not "0 KB" */
		ogc_strbuf_addf(b, " \xc2\xb7 %lld bytes", im->facts->bytes);
	}
	if (im->facts != NULL && im->facts->type[0] != '\0') {
		ogc_strbuf_addf(b, " \xc2\xb7 %s", im->facts->type);
	}
	if (im->facts != NULL && !im->facts->ok) {
		ogc_strbuf_addf(b, " \xc2\xb7 did not load");
	}
}

/*
 * The record's fields, as text in the <noscript> (a <dl>) and as the
 * record's "v" and "i" members; false when out of memory.
 */
static bool
put_fields(FILE *out, const struct ogc_page_meta *m, struct ogc_strbuf *js)
{
	struct ogc_strbuf label = {NULL, 0, 0, false};
	struct image im;
	bool first = true;
	int f;

	fputs("<dl class=\"pvf\">", out);
	ogc_strbuf_add(js, ",\"v\":{", 6);
	for (f = 0; f < OGC_META_COUNT; f++) {
		if (m->value[f] == NULL) {
			continue;
		}
		fputs("<dt><code>", out);
		ogc_html_text(out, m->tag[f]);
		fputs("</code></dt><dd>", out);
		ogc_html_text(out, m->value[f]);
		ogc_strbuf_addf(js, "%s\"%d\":", first ? "" : ",", f);
		json_str(js, m->value[f]);
		first = false;
		if (ogc_meta_image_slot((enum ogc_meta_field)f) >= 0) {
			im = image_of(m, (enum ogc_meta_field)f);
			label.len = 0;
			image_label(&label, &im);
			if (label.data != NULL) {
				fputs(" <span class=\"note\">(", out);
				ogc_html_text(out, label.data);
				fputs(")</span>", out);
			}
		}
		fputs("</dd>", out);
	}
	fputs("</dl>", out);
	ogc_strbuf_add(js, "},\"i\":{", 7);
	first = true;
	for (f = 0; f < OGC_META_COUNT; f++) {
		if (m->value[f] == NULL ||
			ogc_meta_image_slot((enum ogc_meta_field)f) < 0) {
			continue;
		}
		im = image_of(m, (enum ogc_meta_field)f);
		label.len = 0;
		image_label(&label, &im);
		ogc_strbuf_addf(js, "%s\"%d\":[%lu,%lu,", first ? "" : ",", f,
			im.width, im.height);
		json_str(js, label.data != NULL ? label.data : "");
		ogc_strbuf_add(js, "]", 1);
		first = false;
	}
	ogc_strbuf_add(js, "}}", 2);
	first = !label.failed;
	ogc_strbuf_finish(&label);
	return first;
}

bool
ogc_html_previews(FILE *out, const struct ogc_page_meta *m,
	enum ogc_report_images images, size_t index, struct ogc_strbuf *records)
{
	struct ogc_strbuf js = {NULL, 0, 0, false};
	struct pick u = pick(m, page_url);
	struct card_ctx c;
	char domain[256];
	bool ok;

	host_of(u.text, domain, sizeof(domain));
	if (domain[0] == '\0') {
		snprintf(domain, sizeof(domain), "(no og:url or canonical)");
	}
	c.m = m;
	c.images = images;
	c.out = out;
	c.js = &js;
	fprintf(out, "<details class=\"pvd\" data-i=\"%zu\"><summary>Share "
		"previews, approximations as of %s%s</summary><div class=\"pvs\">"
		"</div>"
		"<noscript><p class=\"note\">With JavaScript on, the cards are drawn "
		"here. What each platform takes:</p><ul class=\"pvu\">",
		index, OGC_PREVIEW_FACTS_DATE, m->source ? " (from the front matter: the "
		"templates may write other values)" : "");
	ogc_strbuf_add(&js, "{\"d\":", 5);
	json_str(&js, domain);
	ogc_strbuf_add(&js, ",\"c\":[", 6);
	facebook(&c);
	x_cards(&c);
	linkedin(&c);
	chat(&c, false);
	chat(&c, true);
	imessage(&c);
	google(&c);
	ogc_strbuf_add(&js, "]", 1);
	fputs("</ul><p class=\"note\">The page's fields:</p>", out);
	ok = put_fields(out, m, &js);
	fputs("</noscript>", out);
	fputs("</details>\n", out);
	if (records->len > 0) {
		ogc_strbuf_add(records, ",\n", 2);
	}
	ogc_strbuf_add(records, js.data, js.len);
	ok = ok && !js.failed && !records->failed;
	ogc_strbuf_finish(&js);
	return ok;
}
