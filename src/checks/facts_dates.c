/* facts_dates.c: a page's dates against each other, its file name and the run's time. */
/* SPDX-License-Identifier: MIT */
/*
 * The file-level rules date-order, date-filename and date-future. Each
 * reads values that date-format checks the shape of; a value this file
 * cannot read as a date is left to that rule, never reported twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checks/check.h"
#include "read/read.h"
#include "util/util.h"

/* A date as written: its calendar day, and its time when it has one. */
struct when {
	long long day;  /* days since 1970-01-01 */
	long long secs; /* seconds into that day, as written */
	long offset;    /* the zone's offset east of UTC, in seconds */
	bool time;      /* a time of day is given */
	bool zone;      /* a zone (Z, +01:00, UTC) is given */
};

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's). */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe;
	unsigned doy;
	unsigned doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/* Reads 1 to `max` digits at *s into *out; false when there is none. */
static bool
digits(const char **s, unsigned max, unsigned *out)
{
	unsigned n = 0;
	unsigned v = 0;

	while (n < max && (*s)[n] >= '0' && (*s)[n] <= '9') {
		v = v * 10 + (unsigned)((*s)[n] - '0');
		n++;
	}
	*s += n;
	*out = v;
	return n > 0;
}

/*
 * Reads a date as the generators write them: YYYY-M-D, then optionally
 * "T" or a space and H:MM[:SS[.fraction]], then optionally a zone (Z,
 * +HH:MM, +HHMM, +HH, UTC, GMT), blanks allowed before it:
 *   "2024-03-01"  "2024-03-01T09:30:00+01:00"  "2024-3-1 09:30 -0500"
 * False for anything else, or a day that is not real.
 */
static bool
parse_when(const char *s, struct when *w)
{
	static const unsigned char mdays[] = {31, 29, 31, 30, 31, 30, 31, 31,
		30, 31, 30, 31};
	unsigned y;
	unsigned mo;
	unsigned d;
	unsigned h;
	unsigned mi;
	unsigned sec = 0;
	unsigned zh;
	unsigned zm = 0;
	int sign;

	memset(w, 0, sizeof(*w));
	if (!digits(&s, 4, &y) || *s++ != '-' || !digits(&s, 2, &mo) ||
		*s++ != '-' || !digits(&s, 2, &d) || mo < 1 || mo > 12 ||
		d < 1 || d > mdays[mo - 1] || (mo == 2 && d == 29 &&
		(y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)))) {
		return false;
	}
	w->day = days_from_civil(y, mo, d);
	if (*s == 'T' || *s == 't' || (*s == ' ' && s[1] >= '0' &&
		s[1] <= '9')) {
		s++;
		if (!digits(&s, 2, &h) || *s++ != ':' || !digits(&s, 2, &mi) ||
			h > 23 || mi > 59) {
			return false;
		}
		if (*s == ':') {
			s++;
			if (!digits(&s, 2, &sec) || sec > 60) {
				return false;
			}
		}
		if (*s == '.' || *s == ',') {
			s++;
			if (!digits(&s, 9, &zh)) {
				return false;
			}
			while (*s >= '0' && *s <= '9') {
				s++;
			}
		}
		w->time = true;
		w->secs = h * 3600 + mi * 60 + sec;
	}
	while (*s == ' ') {
		s++;
	}
	if (*s == 'Z' || *s == 'z' || strcmp(s, "UTC") == 0 ||
		strcmp(s, "GMT") == 0) {
		w->zone = true;
		s += *s == 'Z' || *s == 'z' ? 1 : 3;
	} else if (*s == '+' || *s == '-') {
		sign = *s++ == '-' ? -1 : 1;
		if (!digits(&s, 2, &zh) || zh > 23) {
			return false;
		}
		if (*s == ':') {
			s++;
		}
		if (*s != '\0' && (!digits(&s, 2, &zm) || zm > 59)) {
			return false;
		}
		w->zone = true;
		w->offset = sign * (long)(zh * 3600 + zm * 60);
	}
	return *s == '\0';
}

/* The value of the first path present, as a scalar; *field its name. */
static const struct ogc_node *
scalar(const struct ogc_ctx *ctx, const char *const *paths,
	const char **field)
{
	const struct ogc_node *n;
	size_t i;

	for (i = 0; paths[i] != NULL; i++) {
		n = ogc_ctx_node(ctx, paths[i]);
		while (n != NULL && n->kind == OGC_NODE_SEQ) {
			n = n->child; /* a repeated meta tag: the first counts */
		}
		if (n != NULL && n->kind == OGC_NODE_SCALAR && n->len > 0 &&
			!ogc_ctx_is_template(ctx, n)) {
			*field = paths[i];
			return n;
		}
	}
	return NULL;
}

/*
 * a is after b: as instants when both have a time and a zone, else as
 * written (both with a time), else by their days.
 */
static bool
after(const struct when *a, const struct when *b)
{
	if (a->time && b->time && a->zone && b->zone) {
		return a->day * 86400 + a->secs - a->offset >
			b->day * 86400 + b->secs - b->offset;
	}
	if (a->time && b->time) {
		return a->day * 86400 + a->secs > b->day * 86400 + b->secs;
	}
	return a->day > b->day;
}

/*
 * date-order: a page is not modified before it is published. The pairs
 * are the ones generators and ogp.me name: article:published_time and
 * article:modified_time (ogp.me), Hugo's date or publishDate and
 * lastmod, Jekyll's date and last_modified_at (jekyll-seo-tag), Zola's
 * and Eleventy's date and updated, and published/updated.
 */
static void
date_order(struct ogc_ctx *ctx, const struct ogc_rule *rule)
{
	static const char *const pairs[][2][4] = {
		{{"article:published_time", "article.published_time", NULL},
			{"article:modified_time", "article.modified_time",
			NULL}},
		{{"publishDate", "publishdate", "date", NULL},
			{"lastmod", NULL}},
		{{"date", NULL}, {"last_modified_at", NULL}},
		{{"date", NULL}, {"updated", NULL}},
		{{"published", NULL}, {"updated", NULL}},
	};
	const struct ogc_node *first;
	const struct ogc_node *then;
	const struct ogc_node *reported = NULL;
	const char *first_field;
	const char *then_field;
	struct when a;
	struct when b;
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(*pairs); i++) {
		first = scalar(ctx, pairs[i][0], &first_field);
		then = scalar(ctx, pairs[i][1], &then_field);
		if (first == NULL || then == NULL ||
			!parse_when(first->text, &a) ||
			!parse_when(then->text, &b) || !after(&a, &b)) {
			continue;
		}
		if (then == reported) {
			continue; /* date and published both before updated */
		}
		reported = then;
		ogc_ctx_emit(ctx, rule, then, then_field, "%s \"%s\" is before "
			"%s \"%s\": a page is modified after it is published",
			then_field, then->text, first_field, first->text);
	}
}

/*
 * The date at the start of a Jekyll post's file name, "_posts/2024-03-01-
 * harbour.md" -> 2024-03-01 (jekyllrb.com/docs/posts/: posts are named
 * YEAR-MONTH-DAY-title.MARKUP in a _posts folder). False
 * for any other file.
 */
static bool
post_date(const struct ogc_ctx *ctx, const struct ogc_site *site,
	struct when *w, char *text, size_t size)
{
	const char *base;
	const char *posts;

	if (site == NULL || site->generator != OGC_GEN_JEKYLL ||
		ctx->rel == NULL) {
		return false;
	}
	base = strrchr(ctx->rel, '/');
	posts = strstr(ctx->rel, "_posts/");
	/* Jekyll reads _posts/ and the folders below it */
	if (base == NULL || posts == NULL || (posts != ctx->rel &&
		posts[-1] != '/') || posts + 6 > base) {
		return false;
	}
	base++;
	if (strlen(base) < 11 || base[10] != '-') {
		return false;
	}
	snprintf(text, size, "%.10s", base);
	return parse_when(text, w) && !w->time;
}

/*
 * date-filename: a Jekyll post's front matter date is its date (and its
 * URL's /2024/03/01/), the file name's only when it has none: two dates
 * that disagree are one too many. A date with a zone may fall on the
 * day before or after once Jekyll moves it to the site's time zone.
 */
static void
date_filename(struct ogc_ctx *ctx, const struct ogc_rule *rule)
{
	static const char *const date_paths[] = {"date", NULL};
	const struct ogc_node *n;
	const char *field;
	char name[16];
	struct when file;
	struct when front;
	long long gap;

	if (ctx->flat || !post_date(ctx, ctx->site, &file, name,
		sizeof(name))) {
		return;
	}
	n = scalar(ctx, date_paths, &field);
	if (n == NULL || !parse_when(n->text, &front)) {
		return;
	}
	gap = front.day - file.day;
	if (gap == 0 || (front.zone && front.time && (gap == 1 ||
		gap == -1))) {
		return;
	}
	ogc_ctx_emit(ctx, rule, n, field, "date \"%s\" is not the date in the "
		"post's file name (%s): Jekyll dates the post (and its URL) by "
		"the front matter, and the file name's date is ignored", n->text,
		name);
}

/* The run's time, in seconds since 1970 (options->now, else now). */
static long long
run_now(const struct ogc_ctx *ctx)
{
	if (ctx->options != NULL && ctx->options->now > 0) {
		return ctx->options->now;
	}
	return (long long)time(NULL);
}

/*
 * date-future: a page dated after the run's time (by more than a day,
 * so that no time zone makes a page of today look early) that is in the
 * built site, or that its generator builds now: Hugo with buildFuture
 * (its publishDate, else pubdate, published, date: Hugo's order), a
 * Jekyll post with future: true. Both leave such pages out by default,
 * which is how a post is scheduled; built anyway, it is out early.
 */
static void
date_future(struct ogc_ctx *ctx, const struct ogc_rule *rule)
{
	static const char *const built_paths[] = {"article:published_time",
		NULL};
	static const char *const hugo_paths[] = {"publishDate", "publishdate",
		"pubdate", "pubDate", "published", "date", NULL};
	static const char *const jekyll_paths[] = {"date", NULL};
	const struct ogc_site *site = ctx->site;
	const struct ogc_node *n = NULL;
	const char *field = NULL;
	const char *why;
	char name[16];
	struct when w;
	long long at;
	bool by_name = false;
	long long built = 0;

	if (ctx->flat && ctx->built_site != NULL) {
		n = scalar(ctx, built_paths, &field);
		/* not before the page was built: a page stamped with its
		   build time (Jekyll dates a document without a date so) is
		   not early, whatever SOURCE_DATE_EPOCH says */
		built = ctx->file_time;
		why = "yet the page is in the built site: a post scheduled for "
			"later was built and published early";
	} else if (!ctx->flat && site != NULL && site->future &&
		site->generator == OGC_GEN_HUGO) {
		n = scalar(ctx, hugo_paths, &field);
		why = "and the site's config sets buildFuture: Hugo builds the "
			"page now, not on that date";
	} else if (!ctx->flat && site != NULL && site->future &&
		post_date(ctx, site, &w, name, sizeof(name))) {
		/* the front matter's date, else the file name's */
		n = scalar(ctx, jekyll_paths, &field);
		by_name = true;
		why = "and the site's config sets future: true: Jekyll "
			"publishes the post now, not on that date";
	} else {
		return;
	}
	if (n != NULL ? !parse_when(n->text, &w) : !by_name) {
		return;
	}
	at = w.day * 86400 + w.secs - w.offset;
	if (at <= run_now(ctx) + 86400 || at <= built + 86400) {
		return;
	}
	if (n == NULL) {
		ogc_ctx_emit_at(ctx, rule, ctx->missing_pos,
			(struct ogc_pos){0, 0}, NULL, NULL, "the post's file name "
			"dates it %s, in the future, %s", name, why);
		return;
	}
	ogc_ctx_emit(ctx, rule, n, field, "%s \"%s\" is in the future, %s",
		field, n->text, why);
}

void
ogc_facts_dates(struct ogc_ctx *ctx)
{
	const struct ogc_rule *rule;

	rule = ogc_fact_rule(ctx, OGC_FACT_DATE_ORDER);
	if (rule != NULL) {
		date_order(ctx, rule);
	}
	rule = ogc_fact_rule(ctx, OGC_FACT_DATE_FILENAME);
	if (rule != NULL) {
		date_filename(ctx, rule);
	}
	rule = ogc_fact_rule(ctx, OGC_FACT_DATE_FUTURE);
	if (rule != NULL) {
		date_future(ctx, rule);
	}
}
