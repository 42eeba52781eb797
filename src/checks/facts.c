/* facts.c: facts of a page that must agree; share images; what robots.txt lets crawlers fetch. */
/* SPDX-License-Identifier: MIT */
/*
 * File-level rules run once per document after the check kinds (the
 * engine calls ogc_facts_run()): title-agree, description-agree,
 * locale-lang, image-svg, image-icon and robots-blocks-card here, the
 * date rules in facts_dates.c. Each compares fields a page gives, so no
 * one rule's `fields` could say it; each is only a severity to set.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks/check.h"
#include "net/net.h"
#include "read/read.h"
#include "util/util.h"

/* Folded text longer than this is compared on its first part only. */
#define FOLD_MAX 2048

/*
 * The value at `dotted` (og.title) or else `colon` (og:title), no alias,
 * and *field the spelling found.
 */
static const struct ogc_node *
field_value(const struct ogc_ctx *ctx, const char *dotted, const char *colon,
	const char **field)
{
	const struct ogc_node *n = ogc_ctx_node(ctx, dotted);

	*field = dotted;
	if (n == NULL && colon != dotted) {
		n = ogc_ctx_node(ctx, colon);
		*field = colon;
	}
	while (n != NULL && n->kind == OGC_NODE_SEQ) {
		n = n->child; /* a repeated meta tag: the first counts */
	}
	/* a value the generator fills in ({{ .Title }}) is not judged */
	return n != NULL && n->kind == OGC_NODE_SCALAR && n->len > 0 &&
		!ogc_ctx_is_template(ctx, n) ? n : NULL;
}

/* Typographic punctuation that folds like ASCII punctuation. */
static bool
is_punct_cp(uint32_t cp)
{
	return cp == 0xa0 || cp == 0xab || cp == 0xb7 || cp == 0xbb ||
		(cp >= 0x2010 && cp <= 0x2027) || cp == 0x2039 ||
		cp == 0x203a || cp == 0x3000 || cp == 0x30fb || cp == 0xff5c;
}

/*
 * Folds s into out[0..FOLD_MAX]: ASCII letters in lower case, every run
 * of blanks and punctuation (ASCII or typographic: quotes, dashes, the
 * ellipsis, the middle dot) one space, none at either end; other
 * characters as they are. What templates change in a title (case,
 * quotes made curly, "|" or "-" before the site's name, "..." after a
 * cut) leaves the words alone:
 *   "Harbour\u2019s new ferry | News" -> "harbour s new ferry news"
 */
static size_t
fold(const char *s, size_t len, char *out)
{
	size_t n = 0;
	size_t i = 0;
	size_t step;
	uint32_t cp;
	bool space = false;
	unsigned char c;

	while (i < len && n + 5 < FOLD_MAX) {
		c = (unsigned char)s[i];
		if (c >= 0x80) {
			step = ogc_utf8_decode(s + i, len - i, &cp);
			if (step == 0) {
				step = 1;
				cp = 0xfffd;
			}
			if (is_punct_cp(cp)) {
				space = n > 0;
			} else {
				if (space) {
					out[n++] = ' ';
					space = false;
				}
				memcpy(out + n, s + i, step);
				n += step;
			}
			i += step;
			continue;
		}
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			(c >= 'A' && c <= 'Z')) {
			if (space) {
				out[n++] = ' ';
				space = false;
			}
			out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		} else {
			space = n > 0;
		}
		i++;
	}
	out[n] = '\0';
	return n;
}

/*
 * Drops `name` (folded) from the end or the start of folded text t, with
 * the space between: what a template adds ("Post | Site", "Site - Post").
 * Leaves t alone when nothing else would be left.
 */
static void
drop_name(char *t, const char *name)
{
	size_t tl = strlen(t);
	size_t nl = strlen(name);

	if (nl == 0 || tl <= nl + 1) {
		return;
	}
	if (strcmp(t + tl - nl, name) == 0 && t[tl - nl - 1] == ' ') {
		t[tl - nl - 1] = '\0';
	} else if (strncmp(t, name, nl) == 0 && t[nl] == ' ') {
		memmove(t, t + nl + 1, tl - nl);
	}
}

/* fold() makes nothing of s: it holds only blanks and punctuation. */
static bool
folds_to_nothing(const char *s)
{
	size_t len = strlen(s);
	size_t i = 0;
	size_t step;
	uint32_t cp;
	unsigned char c;

	while (i < len) {
		c = (unsigned char)s[i];
		if (c < 0x80) {
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
				(c >= 'A' && c <= 'Z')) {
				return false;
			}
			i++;
			continue;
		}
		step = ogc_utf8_decode(s + i, len - i, &cp);
		if (step == 0 || !is_punct_cp(cp)) {
			return false;
		}
		i += step;
	}
	return true;
}

static bool
is_continuation(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

/*
 * a and b agree without folding them: after the bytes both start with,
 * one has only blanks and punctuation left ("Post" and "Post | Site",
 * "A cut title..." and "A cut title that goes on"). Then fold() gives
 * the shorter the same text as the start they share, which also starts
 * the other's: one holds the other, as agree() asks. The shared start is
 * taken back to where both texts start a character, so that fold()
 * decodes its bytes alike in each; fold()'s cut at FOLD_MAX falls alike
 * in both too.
 */
static bool
prefix_agrees(const char *a, const char *b)
{
	size_t k = 0;

	while (a[k] != '\0' && a[k] == b[k]) {
		k++;
	}
	while (k > 0 && (is_continuation(a[k]) || is_continuation(b[k]))) {
		k--;
	}
	return folds_to_nothing(a + k) || folds_to_nothing(b + k);
}

/*
 * a and b say the same: one holds the other once folded (a title cut, a
 * description shortened), before or after the site's names are dropped
 * ("Post | Site" and "Post, and more").
 */
static bool
agree(const char *a, const char *b, const char *const *names)
{
	char fa[FOLD_MAX + 1];
	char fb[FOLD_MAX + 1];
	char fn[FOLD_MAX + 1];
	size_t i;

	if (strcmp(a, b) == 0) {
		return true; /* most pages: the template copies one into the
		                other */
	}
	if (prefix_agrees(a, b)) {
		return true; /* most others: "Post" and "Post | Site" */
	}
	fold(a, strlen(a), fa);
	fold(b, strlen(b), fb);
	/* "Site | Tagline" and "Site" (jekyll-seo-tag's home page) */
	if (fa[0] == '\0' || fb[0] == '\0' || strstr(fa, fb) != NULL ||
		strstr(fb, fa) != NULL) {
		return true;
	}
	for (i = 0; names[i] != NULL; i++) {
		fold(names[i], strlen(names[i]), fn);
		drop_name(fa, fn);
		drop_name(fb, fn);
	}
	return fa[0] == '\0' || fb[0] == '\0' || strstr(fa, fb) != NULL ||
		strstr(fb, fa) != NULL;
}

/* The spellings of a field agree_fields() compares: own, og, twitter. */
struct agreeing {
	const char *own;
	const char *og_dotted;
	const char *og_colon;
	const char *tw_dotted;
	const char *tw_colon;
};

/*
 * title-agree, description-agree: og:<x> against the page's own <x>, and
 * twitter:<x> against what X shows without it (og:<x>, else <x>), as X's
 * markup docs say it falls back.
 */
static void
agree_fields(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const struct agreeing *what, const char *const *names,
	const char *beyond, const char *shown)
{
	const struct ogc_node *own;
	const struct ogc_node *og;
	const struct ogc_node *tw;
	const struct ogc_node *other;
	const char *own_field = NULL;
	const char *og_field = NULL;
	const char *tw_field = NULL;
	const char *other_field;
	size_t cut;

	own = field_value(ctx, what->own, what->own, &own_field);
	og = field_value(ctx, what->og_dotted, what->og_colon, &og_field);
	tw = field_value(ctx, what->tw_dotted, what->tw_colon, &tw_field);
	if (og != NULL && own != NULL && !agree(og->text, own->text, names)) {
		cut = ogc_utf8_cut(own->text, own->len, 80);
		ogc_ctx_emit(ctx, rule, og, og_field, "%s differs from %s "
			"(\"%.*s%s\") in more than %s: %s", og_field, own_field,
			(int)cut, own->text, cut < own->len ? "..." : "", beyond,
			shown);
	}
	other = og != NULL ? og : own;
	other_field = og != NULL ? og_field : own_field;
	if (tw != NULL && other != NULL && !agree(tw->text, other->text,
		names)) {
		cut = ogc_utf8_cut(other->text, other->len, 80);
		ogc_ctx_emit(ctx, rule, tw, tw_field, "%s differs from %s "
			"(\"%.*s%s\") in more than %s: X shows one, other "
			"platforms the other", tw_field, other_field, (int)cut,
			other->text, cut < other->len ? "..." : "", beyond);
	}
}

/*
 * locale-lang: og:locale (language_TERRITORY, ogp.me) and the page's
 * language (<html lang>, a BCP 47 tag) name the same language, and the
 * same territory when both give one: "en_GB" and "en-GB" or "en" agree,
 * "en_US" and "de" do not.
 */
static void
locale_lang(struct ogc_ctx *ctx, const struct ogc_rule *rule)
{
	const struct ogc_node *locale;
	const struct ogc_node *lang;
	const char *locale_field = NULL;
	const char *lang_field = NULL;
	size_t ll;
	size_t gl;
	size_t lr;
	size_t gr;
	const char *lreg;
	const char *greg;

	locale = field_value(ctx, "og.locale", "og:locale", &locale_field);
	lang = field_value(ctx, "lang", "lang", &lang_field);
	if (locale == NULL || lang == NULL) {
		return;
	}
	ll = strcspn(locale->text, "_-");
	gl = strcspn(lang->text, "_-");
	if (ll < 2 || ll > 3 || gl < 2 || gl > 8) {
		return; /* not a language: og-locale's and the HTML's problem */
	}
	lreg = locale->text[ll] != '\0' ? locale->text + ll + 1 : "";
	greg = lang->text[gl] != '\0' ? lang->text + gl + 1 : "";
	lr = strcspn(lreg, "_-");
	gr = strcspn(greg, "_-");
	/* BCP 47: a territory is 2 letters or 3 digits; a 4-letter subtag
	 * is a script (zh-Hant-TW) */
	if (gr == 4) {
		greg += greg[gr] != '\0' ? gr + 1 : gr;
		gr = strcspn(greg, "_-");
	}
	if (ll == gl && strncasecmp(locale->text, lang->text, ll) == 0 &&
		(lr != 2 || gr != 2 || strncasecmp(lreg, greg, 2) == 0)) {
		return;
	}
	ogc_ctx_emit(ctx, rule, locale, locale_field, "%s \"%s\" is not the "
		"page's language, %s \"%s\"", locale_field, locale->text,
		ctx->flat ? "<html lang>" : lang_field, lang->text);
}

/* The last segment of a URL's path, without query or fragment. */
static size_t
url_file(const char *url, const char **name)
{
	size_t end = strcspn(url, "?#");
	size_t start = end;

	while (start > 0 && url[start - 1] != '/') {
		start--;
	}
	*name = url + start;
	return end - start;
}

/* The image URL names an SVG file (or is an SVG data: URL). */
static bool
is_svg(const char *url)
{
	const char *name;
	size_t len = url_file(url, &name);

	return strncasecmp(url, "data:image/svg", 14) == 0 ||
		(len > 4 && strncasecmp(name + len - 4, ".svg", 4) == 0) ||
		(len > 5 && strncasecmp(name + len - 5, ".svgz", 5) == 0);
}

/*
 * The image's file name is an icon's: .ico, or the names favicon
 * generators and browsers use (favicon*, apple-touch-icon*,
 * android-chrome-*, mstile-*, safari-pinned-tab*).
 */
static bool
is_icon(const char *url)
{
	static const char *const prefixes[] = {"favicon", "apple-touch-icon",
		"android-chrome-", "mstile-", "safari-pinned-tab"};
	const char *name;
	size_t len = url_file(url, &name);
	size_t i;

	if (strncmp(url, "data:", 5) == 0) {
		return false;
	}
	if (len > 4 && strncasecmp(name + len - 4, ".ico", 4) == 0) {
		return true;
	}
	for (i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
		if (len >= strlen(prefixes[i]) && strncasecmp(name, prefixes[i],
			strlen(prefixes[i])) == 0) {
			return true;
		}
	}
	return false;
}

/* Calls fn for each image URL of the page (og:image, twitter:image). */
typedef void image_fn(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const char *field, const struct ogc_node *node);

static void
each_image(struct ogc_ctx *ctx, const struct ogc_rule *rule, image_fn *fn)
{
	static const char *const paths[] = {"og:image", "og.image",
		"twitter:image", "twitter.image"};
	const struct ogc_node *nodes[5] = {NULL};
	const char *fields[5] = {NULL};
	const struct ogc_node *item;
	size_t count = 0;
	size_t i;
	size_t k;
	bool again;

	for (i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
		nodes[count] = ogc_ctx_node(ctx, paths[i]);
		fields[count] = paths[i];
		count += nodes[count] != NULL;
	}
	if (count == 0 || strncmp(fields[0], "og", 2) != 0) {
		/* an alias of the rule files (Jekyll's image: for og:image) */
		nodes[count] = ogc_ctx_lookup(ctx, "og.image", &fields[count]);
		count += nodes[count] != NULL;
	}
	for (i = 0; i < count; i++) {
		again = false;
		for (k = 0; k < i; k++) {
			again = again || nodes[k] == nodes[i];
		}
		if (again) {
			continue;
		}
		item = nodes[i]->kind == OGC_NODE_SEQ ? nodes[i]->child :
			nodes[i];
		for (; item != NULL; item = nodes[i]->kind == OGC_NODE_SEQ ?
			item->next : NULL) {
			if (item->kind == OGC_NODE_SCALAR && item->len > 0 &&
				!ogc_ctx_is_template(ctx, item)) {
				fn(ctx, rule, fields[i], item);
			}
		}
	}
}

static void
svg_image(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const char *field, const struct ogc_node *node)
{
	if (is_svg(node->text)) {
		ogc_ctx_emit(ctx, rule, node, field, "%s is an SVG image, which "
			"X's cards do not support; give a PNG or JPEG, which every "
			"platform shows", field);
	}
}

static void
icon_image(struct ogc_ctx *ctx, const struct ogc_rule *rule,
	const char *field, const struct ogc_node *node)
{
	if (is_icon(node->text)) {
		ogc_ctx_emit(ctx, rule, node, field, "%s is the site's icon "
			"(favicon), not an image of the page: platforms show it "
			"small or cropped, or drop it as too small", field);
	}
}

/* image-svg: og:image:type says SVG too. */
static void
svg_type(struct ogc_ctx *ctx, const struct ogc_rule *rule)
{
	const char *field;
	const struct ogc_node *n = field_value(ctx, "og.image.type",
		"og:image:type", &field);

	if (n != NULL && strncasecmp(n->text, "image/svg", 9) == 0) {
		ogc_ctx_emit(ctx, rule, n, field, "%s is %s, which X's cards do "
			"not support; give a PNG or JPEG, which every platform "
			"shows", field, n->text);
	}
}

/* The crawlers of the platforms that draw cards, and who they are. */
static const struct {
	const char *agent;
	const char *platform;
} crawlers[] = {
	{"Twitterbot", "X"},
	{"facebookexternalhit", "Facebook"},
	{"LinkedInBot", "LinkedIn"},
};

#define CRAWLERS (sizeof(crawlers) / sizeof(*crawlers))

/* Writes "a", "a and b", "a, b and c" to out[0..size). */
static void
join(const char *const *words, size_t count, char *out, size_t size)
{
	size_t used = 0;
	size_t i;
	int n;

	out[0] = '\0';
	for (i = 0; i < count && used < size; i++) {
		n = snprintf(out + used, size - used, "%s%s", i == 0 ? "" :
			i + 1 == count ? " and " : ", ", words[i]);
		if (n < 0) {
			break;
		}
		used += (size_t)n;
	}
}

/*
 * Which crawlers robots.txt keeps from URL path `path`: their names and
 * platforms in agents and platforms ("Twitterbot and LinkedInBot"), the
 * first rule that does in *why. False when none is kept out.
 */
static bool
blocked(const struct ogc_robots *robots, const char *path, char *agents,
	char *platforms, size_t size, struct ogc_robots_why *first)
{
	struct ogc_robots_why why;
	const char *names[CRAWLERS];
	const char *owners[CRAWLERS];
	size_t count = 0;
	size_t i;

	for (i = 0; i < CRAWLERS; i++) {
		if (ogc_robots_allowed(robots, crawlers[i].agent, path, &why)) {
			continue;
		}
		if (count == 0) {
			*first = why;
		}
		names[count] = crawlers[i].agent;
		owners[count++] = crawlers[i].platform;
	}
	join(names, count, agents, size);
	join(owners, count, platforms, size);
	return count > 0;
}

/*
 * The site's root ("https://x.org", no slash) from its base URL, into
 * root[0..size); false when the site is served below a path
 * ("https://x.org/blog/"): its built robots.txt is then not the one at
 * the host's /robots.txt, which is the only one crawlers read. "" when
 * no base URL is known (the site is taken to be at a host's root).
 */
static bool
site_root(const struct ogc_ctx *ctx, const struct ogc_site *site,
	char *root, size_t size)
{
	const char *base = ctx->options != NULL &&
		ctx->options->base_url != NULL ? ctx->options->base_url :
		site->base_url;
	char *url = base != NULL ? ogc_url_normalize(base, NULL, NULL, 0) :
		NULL;
	const char *host;
	const char *path;
	bool ok;

	root[0] = '\0';
	if (url == NULL) {
		return true;
	}
	host = strstr(url, "://");
	path = host != NULL ? strchr(host + 3, '/') : NULL;
	ok = path != NULL && strcmp(path, "/") == 0;
	if (ok) {
		snprintf(root, size, "%.*s", (int)(path - url), url);
	}
	free(url);
	return ok;
}

/*
 * The URL path (and query) of image URL `value` on the site whose root
 * is `root`, resolved against the page's path; false for another host,
 * or any URL when the root is not known and the value is absolute.
 */
static bool
image_path(const char *value, const char *root, const char *page,
	char *out, size_t size)
{
	char base[4200];
	char *url;
	const char *at;
	size_t rl = strlen(root);
	bool ok = false;

	snprintf(base, sizeof(base), "%s%s", rl > 0 ? root :
		"http://site.invalid", page);
	if (!ogc_url_is_relative(value) && rl == 0) {
		return false;
	}
	url = ogc_url_normalize(value, base, NULL, 0);
	at = url;
	if (url != NULL && rl == 0 &&
		strncmp(url, "http://site.invalid/", 20) == 0) {
		at = url + 19;
		ok = true;
	} else if (url != NULL && rl > 0 && strncmp(url, root, rl) == 0 &&
		url[rl] == '/') {
		at = url + rl;
		ok = true;
	}
	if (ok) {
		snprintf(out, size, "%.*s", (int)strcspn(at, "#"), at);
	}
	free(url);
	return ok;
}

/*
 * robots-blocks-card: a built page, or its og:image on the site's own
 * host, that the built site's robots.txt keeps Twitterbot,
 * facebookexternalhit or LinkedInBot from: X's docs say a page its
 * crawler may not fetch gets no card, an image it may not fetch shows
 * no image.
 */
static void
robots_card(struct ogc_ctx *ctx, const struct ogc_rule *rule)
{
	const struct ogc_site *site = ctx->built_site;
	const struct ogc_node *image;
	const struct ogc_node *at;
	struct ogc_robots_why why;
	char root[2048];
	char page[2048];
	char path[4096];
	char agents[128];
	char platforms[128];
	char robots_txt[1100];
	const char *field;

	if (!ctx->flat || site == NULL || site->robots == NULL ||
		ctx->rel == NULL || !site_root(ctx, site, root, sizeof(root)) ||
		!ogc_site_built_url(site, ctx->rel, page, sizeof(page))) {
		return;
	}
	/* the file as the site's root names it: public/robots.txt */
	snprintf(robots_txt, sizeof(robots_txt), "%s%srobots.txt",
		site->output, site->output[0] != '\0' ? "/" : "");
	if (blocked(site->robots, page, agents, platforms, sizeof(agents),
		&why)) {
		at = field_value(ctx, "og.title", "og:title", &field);
		if (at == NULL) {
			at = field_value(ctx, "title", "title", &field);
		}
		ogc_ctx_emit_at(ctx, rule, at != NULL ? at->pos :
			ctx->missing_pos, (struct ogc_pos){0, 0}, NULL, NULL,
			"%s:%u (%s) keeps %s from this page (%s): %s show%s no "
			"card for it", robots_txt, why.line, why.rule, agents,
			page, platforms, strstr(platforms, " and ") != NULL ? "" :
			"s");
		return; /* no card at all: its image does not matter */
	}
	image = ogc_ctx_node(ctx, "og:image");
	while (image != NULL && image->kind == OGC_NODE_SEQ) {
		image = image->child;
	}
	if (image == NULL || image->kind != OGC_NODE_SCALAR ||
		!image_path(image->text, root, page, path, sizeof(path))) {
		return;
	}
	if (blocked(site->robots, path, agents, platforms, sizeof(agents),
		&why)) {
		ogc_ctx_emit(ctx, rule, image, "og:image", "%s:%u (%s) keeps %s "
			"from og:image %s: %s show%s the card without its image",
			robots_txt, why.line, why.rule, agents, path, platforms,
			strstr(platforms, " and ") != NULL ? "" : "s");
	}
}

/* The ids of enum ogc_fact. */
static const char *const fact_ids[OGC_FACTS] = {
	[OGC_FACT_TITLE_AGREE] = "title-agree",
	[OGC_FACT_DESCRIPTION_AGREE] = "description-agree",
	[OGC_FACT_LOCALE_LANG] = "locale-lang",
	[OGC_FACT_IMAGE_SVG] = "image-svg",
	[OGC_FACT_IMAGE_ICON] = "image-icon",
	[OGC_FACT_ROBOTS] = "robots-blocks-card",
	[OGC_FACT_DATE_ORDER] = "date-order",
	[OGC_FACT_DATE_FILENAME] = "date-filename",
	[OGC_FACT_DATE_FUTURE] = "date-future",
};

/* The rule `id` of `table` when it is on, else NULL. */
static const struct ogc_rule *
rule_on(const struct ogc_rule_table *table, const char *id)
{
	const struct ogc_rule *rule = table != NULL ?
		ogc_rule_table_find(table, id) : NULL;

	return rule != NULL && rule->severity != OGC_SEV_OFF ? rule : NULL;
}

void
ogc_facts_rules(const struct ogc_rule_table *table,
	struct ogc_facts_rules *out)
{
	size_t i;

	if (out->table == table && table != NULL) {
		return;
	}
	out->table = table;
	for (i = 0; i < OGC_FACTS; i++) {
		out->rule[i] = rule_on(table, fact_ids[i]);
	}
}

const struct ogc_rule *
ogc_fact_rule(const struct ogc_ctx *ctx, enum ogc_fact fact)
{
	if (ctx->facts != NULL && ctx->facts->table == ctx->rules) {
		return ctx->facts->rule[fact];
	}
	return rule_on(ctx->rules, fact_ids[fact]);
}

void
ogc_facts_run(struct ogc_ctx *ctx)
{
	static const struct agreeing title = {"title", "og.title",
		"og:title", "twitter.title", "twitter:title"};
	static const struct agreeing description = {"description",
		"og.description", "og:description", "twitter.description",
		"twitter:description"};
	const struct ogc_site *site = ctx->site != NULL ? ctx->site :
		ctx->built_site;
	const struct ogc_rule *rule;
	const char *names[3] = {NULL, NULL, NULL};
	const char *field;
	const struct ogc_node *n = field_value(ctx, "og.site_name",
		"og:site_name", &field);
	size_t count = 0;

	if (ctx->root == NULL || ctx->root->kind != OGC_NODE_MAP) {
		return;
	}
	ctx->expected = NULL;
	if (n != NULL) {
		names[count++] = n->text;
	}
	if (site != NULL && site->title != NULL) {
		names[count++] = site->title;
	}
	rule = ogc_fact_rule(ctx, OGC_FACT_TITLE_AGREE);
	if (rule != NULL) {
		agree_fields(ctx, rule, &title, names, "the site's name",
			"shares show one title, search results the other");
	}
	rule = ogc_fact_rule(ctx, OGC_FACT_DESCRIPTION_AGREE);
	if (rule != NULL) {
		agree_fields(ctx, rule, &description, names, "wording",
			"shares show one, search results the other");
	}
	rule = ogc_fact_rule(ctx, OGC_FACT_LOCALE_LANG);
	if (rule != NULL) {
		locale_lang(ctx, rule);
	}
	rule = ogc_fact_rule(ctx, OGC_FACT_IMAGE_SVG);
	if (rule != NULL) {
		each_image(ctx, rule, svg_image);
		svg_type(ctx, rule);
	}
	rule = ogc_fact_rule(ctx, OGC_FACT_IMAGE_ICON);
	if (rule != NULL) {
		each_image(ctx, rule, icon_image);
	}
	rule = ogc_fact_rule(ctx, OGC_FACT_ROBOTS);
	if (rule != NULL) {
		robots_card(ctx, rule);
	}
	ogc_facts_dates(ctx);
}
