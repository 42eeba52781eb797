/* date_check.c: the `date` check kind: a field's value is a date in one
 * of the rule's formats (the parsers are date.c's). */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "checks/date.h"
#include "read/read.h"
#include "util/util.h"

struct format {
	enum ogc_date_format kind;
	const char *text; /* borrowed from the rule file */
};

/* A group's compiled `formats`, in group->data. */
struct date_formats {
	const char *head; /* "is not an ISO 8601 date", ... */
	char *expected;   /* " (expected ...)", or NULL for the defaults */
	size_t count;
	struct format list[];
};

static const char *const default_formats[] = {"iso8601", "date"};

/* Values longer than this many bytes are cut in messages. */
#define VALUE_MAX 80

static const char *const date_params[] = {"formats", NULL};

/* The formats named after what reads them, in words. */
static const struct named_format {
	enum ogc_date_format kind;
	const char *name;    /* in `formats` */
	const char *who;
	const char *head;    /* of the message when it is the only format */
	const char *reads;   /* " (it reads ...)" then */
	const char *such_as; /* in a list of formats */
} named_formats[] = {
	{OGC_DATE_JEKYLL, "jekyll", "Jekyll", "is not a date Jekyll reads",
		"2024-03-01, 2024-03-01 09:30:00 -0800, 2024-3-1 9:30 UTC",
		"2024-03-01, 2024-03-01 09:30:00 -0800 or 2024-3-1 9:30 UTC"},
	{OGC_DATE_HUGO, "hugo", "Hugo", "is not a date Hugo reads",
		"2024-03-01, 2024-03-01T09:30:00-08:00, 2024-03-01 09:30:00 "
		"-0800, 02 Jan 2024", "2024-03-01, 2024-03-01T09:30:00-08:00 or "
		"2024-03-01 09:30:00 -0800"},
	{OGC_DATE_JAVASCRIPT, "javascript", "JavaScript",
		"is not a date JavaScript reads", "2024-03-01, "
		"2024-03-01T09:30:00Z, Mar 01 2024, 1 March 2024, March 1, 2024",
		"2024-03-01, Mar 01 2024 or 1 March 2024"},
};

static const struct named_format *
named_format(enum ogc_date_format kind)
{
	size_t i;

	for (i = 0; i < sizeof(named_formats) / sizeof(*named_formats); i++) {
		if (named_formats[i].kind == kind) {
			return &named_formats[i];
		}
	}
	return NULL;
}

/* *kind gets the format `name` names, when it is a named one. */
static bool
named_kind(const char *name, enum ogc_date_format *kind)
{
	size_t i;

	for (i = 0; i < sizeof(named_formats) / sizeof(*named_formats); i++) {
		if (strcmp(named_formats[i].name, name) == 0) {
			*kind = named_formats[i].kind;
			return true;
		}
	}
	return false;
}

/* " (expected iso8601, a date as Hugo reads it... or \"%d/%m/%Y\")" */
static void
list_formats(const struct date_formats *df, struct ogc_strbuf *buf)
{
	const struct named_format *named;
	size_t i;

	ogc_strbuf_add(buf, " (expected ", 11);
	for (i = 0; i < df->count; i++) {
		if (i > 0 && i + 1 == df->count) {
			ogc_strbuf_add(buf, " or ", 4);
		} else if (i > 0) {
			ogc_strbuf_add(buf, ", ", 2);
		}
		named = named_format(df->list[i].kind);
		if (df->list[i].kind == OGC_DATE_PATTERN) {
			ogc_strbuf_addf(buf, "\"%s\"", df->list[i].text);
		} else if (named != NULL) {
			ogc_strbuf_addf(buf, "a date as %s reads it, such as %s",
				named->who, named->such_as);
		} else {
			ogc_strbuf_add(buf, df->list[i].text,
				strlen(df->list[i].text));
		}
	}
	ogc_strbuf_add(buf, ")", 1);
}

/*
 * The end of a message: " (expected iso8601 or \"%d/%m/%Y\")". The stable
 * message for the default formats (ogcheck-rules(5)) has no such part, so the
 * defaults get none. Returns false when out of memory.
 */
static bool
describe_expected(struct date_formats *df)
{
	struct ogc_strbuf buf = {NULL, 0, 0, false};
	const struct named_format *named;
	bool iso8601 = false;
	bool date = false;
	bool pattern = false;
	size_t i;

	for (i = 0; i < df->count; i++) {
		iso8601 = iso8601 || df->list[i].kind == OGC_DATE_ISO8601;
		date = date || df->list[i].kind == OGC_DATE_DATE;
		pattern = pattern || (df->list[i].kind != OGC_DATE_ISO8601 &&
			df->list[i].kind != OGC_DATE_DATE);
	}
	df->head = pattern ? "is not a date in an accepted format" :
		"is not an ISO 8601 date";
	df->expected = NULL;
	named = df->count == 1 ? named_format(df->list[0].kind) : NULL;
	if (named != NULL) {
		df->head = named->head;
		ogc_strbuf_addf(&buf, " (it reads %s)", named->reads);
	} else if (iso8601 && date && !pattern) {
		return true;
	} else {
		list_formats(df, &buf);
	}
	if (buf.failed) {
		ogc_strbuf_finish(&buf);
		return false;
	}
	df->expected = buf.data;
	return true;
}

static bool
compile_date(struct ogc_field_group *group, struct ogc_error *err)
{
	const char **names = NULL;
	const char *const *list;
	size_t count = 0;
	struct date_formats *df = NULL;
	enum ogc_date_format kind;
	char why[200];
	bool ok = false;
	size_t i;

	if (!ogc_param_strings(group, "formats", &names, &count, err)) {
		return false;
	}
	list = names;
	if (ogc_param(group, "formats") == NULL) {
		list = default_formats;
		count = sizeof(default_formats) / sizeof(default_formats[0]);
	}
	if (count == 0) {
		ogc_param_error(err, group, "formats",
			"formats is empty: give iso8601, date or a strftime "
			"pattern such as \"%%d/%%m/%%Y\"");
		goto free_names;
	}
	if (count > (SIZE_MAX - sizeof(*df)) / sizeof(df->list[0])) {
		ogc_error_nomem(err);
		goto free_names;
	}
	df = malloc(sizeof(*df) + count * sizeof(df->list[0]));
	if (df == NULL) {
		ogc_error_nomem(err);
		goto free_names;
	}
	df->count = count;
	for (i = 0; i < count; i++) {
		kind = OGC_DATE_PATTERN;
		if (strcmp(list[i], "iso8601") == 0) {
			kind = OGC_DATE_ISO8601;
		} else if (strcmp(list[i], "date") == 0) {
			kind = OGC_DATE_DATE;
		} else if (named_kind(list[i], &kind)) {
			/* jekyll, hugo, javascript */
		} else if (!ogc_date_pattern_valid(list[i], why, sizeof(why))) {
			ogc_param_item_error(err, group, "formats", i, "%s", why);
			goto free_df;
		}
		df->list[i].kind = kind;
		df->list[i].text = list[i];
	}
	if (!describe_expected(df)) {
		ogc_error_nomem(err);
		goto free_df;
	}
	/* " (expected a or b)" -> "a or b", and " (it reads a, b)" (as
	   long) -> "a, b"; the default pair in words */
	if (!ogc_group_expect(group, err, "%.*s", df->expected != NULL ?
		(int)strlen(df->expected) - 12 : 50, df->expected != NULL ?
		df->expected + 11 : "an ISO 8601 date (YYYY-MM-DD) or date-time")) {
		goto free_df;
	}
	group->data = df;
	df = NULL;
	ok = true;
free_df:
	free(df);
free_names:
	free(names);
	return ok;
}


/*
 * How many bytes of a value a message shows: at most VALUE_MAX, cut before
 * a UTF-8 continuation byte so that no character is split.
 */
static size_t
shown_length(const char *s, size_t len)
{
	return ogc_utf8_cut(s, len, VALUE_MAX);
}

static void
check_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	const struct date_formats *df = group->data;
	const char *text;
	const char *more;
	struct ogc_date_reason why;
	struct ogc_date_reason first = {false, ""};
	bool have_reason = false;
	size_t shown;
	size_t i;

	if (!ogc_ctx_want_scalar(ctx, group->rule, field, node)) {
		return;
	}
	text = node->text != NULL ? node->text : "";
	for (i = 0; i < df->count; i++) {
		switch (ogc_date_parse(df->list[i].kind, df->list[i].text, text,
			node->len, &why)) {
		case OGC_DATE_OK:
			return;
		case OGC_DATE_RANGE:
			/* The first format that fits in shape explains best. */
			if (!have_reason) {
				first = why;
				have_reason = true;
			}
			break;
		case OGC_DATE_SHAPE:
			break;
		}
	}
	shown = shown_length(text, node->len);
	/* U+2026 HORIZONTAL ELLIPSIS, in UTF-8 */
	more = shown < node->len ? "\xe2\x80\xa6" : "";
	if (have_reason) {
		ogc_ctx_emit(ctx, group->rule, node, field,
			"%s is not a real %s: \"%.*s%s\" (%s)", field,
			first.time ? "time" : "calendar date", (int)shown, text,
			more, first.text);
	} else {
		ogc_ctx_emit(ctx, group->rule, node, field,
			"%s %s: \"%.*s%s\"%s", field, df->head, (int)shown, text,
			more, df->expected != NULL ? df->expected : "");
	}
}

static void
run_date(const struct ogc_field_group *group, struct ogc_ctx *ctx)
{
	ogc_ctx_each_field(group, ctx, check_field);
}

static void
finish_date(struct ogc_field_group *group)
{
	struct date_formats *df = group->data;

	if (df != NULL) {
		free(df->expected);
		free(df);
	}
	group->data = NULL;
}

const struct ogc_check_kind ogc_check_date = {
	.name = "date",
	.network = false,
	.params = date_params,
	.compile = compile_date,
	.run = run_date,
	.finish = finish_date,
};
