/* site_image.c: images that are files of the page's own site, judged offline. */
/* SPDX-License-Identifier: MIT */
/*
 * og:image: /images/card.png in a Hugo or Jekyll page is a file of the
 * site (read/site_files.c says which). It is judged from the file, not
 * fetched: the network rules' judge() gets the facts a fetch would give
 * (a 200 answer, the type a web server gives the file's name, its size,
 * its header read by net/image.c), so image-size and the other image
 * rules read a local file exactly as they read a fetched one, offline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks/check.h"
#include "net/net.h"
#include "read/read.h"
#include "util/util.h"

/* The media types web servers give images by their names' endings.
 * Alphasorted. */
static const struct {
	const char *ending;
	const char *type;
} image_types[] = {
	{"avif", "image/avif"},
	{"bmp", "image/bmp"},
	{"gif", "image/gif"},
	{"ico", "image/x-icon"},
	{"jpeg", "image/jpeg"},
	{"jpg", "image/jpeg"},
	{"png", "image/png"},
	{"svg", "image/svg+xml"},
	{"tif", "image/tiff"},
	{"tiff", "image/tiff"},
	{"webp", "image/webp"},
};

/* The type a server gives the file at path; its format's, else octets. */
static const char *
type_of(const char *path, enum ogc_image_format format)
{
	const char *dot = strrchr(path, '.');
	size_t i;

	for (i = 0; dot != NULL && strchr(dot, '/') == NULL &&
		i < sizeof(image_types) / sizeof(*image_types); i++) {
		if (strcasecmp(dot + 1, image_types[i].ending) == 0) {
			return image_types[i].type;
		}
	}
	return ogc_image_media_type(format) != NULL ?
		ogc_image_media_type(format) : "application/octet-stream";
}

/*
 * Copies the path part of s (up to "?" or "#") to out, percent-decoded:
 *   "/img/my%20card.png?v=2" -> "/img/my card.png"
 * False when it does not fit or decodes to a NUL byte.
 */
static bool
decode_path(const char *s, char *out, size_t size)
{
	size_t n = 0;
	int hi;
	int lo;

	for (; *s != '\0' && *s != '?' && *s != '#'; s++) {
		if (n + 1 >= size) {
			return false;
		}
		hi = *s == '%' ? ogc_hex_digit(s[1]) : -1;
		lo = hi >= 0 ? ogc_hex_digit(s[2]) : -1;
		if (lo >= 0) {
			if (hi == 0 && lo == 0) {
				return false;
			}
			out[n++] = (char)(hi * 16 + lo);
			s += 2;
		} else {
			out[n++] = *s;
		}
	}
	out[n] = '\0';
	return n > 0;
}

/*
 * The URL path of `value` on the site: a relative reference as it is
 * ("/images/card.png", "card.png"), or the part of an absolute URL below
 * one of the site's base URLs, from its "/". False for any other URL
 * ("//cdn.example.org/x.png", another host, another base path).
 */
static bool
site_path(const struct ogc_ctx *ctx, const struct ogc_site *site,
	const char *value, char *out, size_t size)
{
	const char *bases[2];
	char *url;
	char *base;
	size_t n;
	size_t i;
	bool ok = false;

	const char *slash = strchr(value, '/');
	const char *dot = strchr(value, '.');

	if (ogc_url_is_relative(value)) {
		/* "news.example.org/b.jpg" is a host that lost its scheme
		   (url-format says so), "//cdn.example.org/b.jpg" another
		   host's */
		if (value[0] != '/' && value[0] != '.' && dot != NULL &&
			slash != NULL && dot < slash) {
			return false;
		}
		return strncmp(value, "//", 2) != 0 &&
			decode_path(value, out, size);
	}
	bases[0] = ctx->options != NULL ? ctx->options->base_url : NULL;
	bases[1] = site->base_url;
	url = ogc_url_normalize(value, NULL, NULL, 0);
	for (i = 0; url != NULL && i < 2 && !ok; i++) {
		base = bases[i] != NULL ? ogc_url_normalize(bases[i], NULL, NULL,
			0) : NULL;
		n = base != NULL ? strlen(base) : 0;
		/* base ends in "/" after normalising only when it has a path;
		   "https://x.org" is "https://x.org/" */
		if (n > 0 && base[n - 1] == '/' && strncmp(url, base, n) == 0) {
			ok = decode_path(url + n - 1, out, size);
		}
		free(base);
	}
	free(url);
	return ok;
}

/* Judges the found file as the rule's kind judges a fetched URL. */
static void
judge_file(struct ogc_ctx *ctx, const struct ogc_field_group *group,
	const struct ogc_site *site, const char *field,
	const struct ogc_node *node, const struct ogc_declared *declared,
	char *file)
{
	struct ogc_net_place at;
	struct ogc_fetch f;
	enum ogc_image_verdict verdict = OGC_IMAGE_UNKNOWN;
	char path[2048];
	char type[64];
	char why[256] = "";

	memset(&at, 0, sizeof(at));
	at.field = field;
	at.value = node->text;
	at.pos = node->pos;
	at.end = node->end;
	if (declared != NULL) {
		at.declared = *declared;
	}
	memset(&f, 0, sizeof(f));
	snprintf(path, sizeof(path), "%s/%s", site->root, file);
	if (!ogc_image_file(path, &f.image, &verdict, &f.bytes, why,
		sizeof(why))) {
		if (ogc_ctx_first_read(ctx, node)) {
			ogc_ctx_emit(ctx, ogc_ctx_limit(ctx, "image-in-site"), node,
				field, "%s %s is %s in the site, but it cannot be "
				"read: %s", field, node->text, file, why);
		}
		return;
	}
	snprintf(type, sizeof(type), "%s", type_of(file, f.image.format));
	f.url = file;
	f.final_url = file; /* what the messages name: the file */
	f.want_image = true;
	f.state = OGC_FETCH_ANSWERED;
	f.status = 200;
	f.content_type = type;
	f.image_read = true;
	f.image_cut = verdict == OGC_IMAGE_PAST;
	group->rule->kind->judge(group, ctx, &at, &f);
}

bool
ogc_ctx_site_image(struct ogc_ctx *ctx, const struct ogc_field_group *group,
	const char *field, const struct ogc_node *node,
	const struct ogc_declared *declared)
{
	const struct ogc_rule *rule = ogc_ctx_limit(ctx, "image-in-site");
	const struct ogc_site *site = ctx->site != NULL ? ctx->site :
		ctx->built_site;
	struct ogc_site_lookup look;
	char path[1024];

	if (rule == NULL || rule->severity == OGC_SEV_OFF || site == NULL ||
		group->rule->kind->judge == NULL ||
		node->kind != OGC_NODE_SCALAR || node->len == 0 ||
		strlen(node->text) != node->len ||
		!site_path(ctx, site, node->text, path, sizeof(path))) {
		return false;
	}
	switch (ogc_site_served_file(site, ctx->rel != NULL ? ctx->rel : "",
		ctx->site == NULL, path, &look)) {
	case OGC_SERVED_FOUND:
		judge_file(ctx, group, site, field, node, declared, look.file);
		return true;
	case OGC_SERVED_MISSING:
		if (ogc_ctx_first_read(ctx, node)) {
			ogc_ctx_emit(ctx, rule, node, field, "%s %s is not in the "
				"site%s%s%s%s", field, node->text, look.looked[0] !=
				'\0' ? ": looked in " : "", look.looked,
				look.why[0] != '\0' ? look.looked[0] != '\0' ? "; " :
				": " : "", look.why);
		}
		return true;
	case OGC_SERVED_UNKNOWN:
		break;
	}
	return false;
}
