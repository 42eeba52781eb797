/* text.c: the text renderer: FILE:LINE:COL: SEVERITY: MESSAGE [RULE]. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "report/report.h"
#include "util/util.h"

/* Control characters would break the one-finding-a-line format. */
static void
put_escaped(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			fputs("\\n", out);
		} else if (*s == '\r') {
			fputs("\\r", out);
		} else if (*s == '\t') {
			fputs("\\t", out);
		} else if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			fprintf(out, "\\x%02x", (unsigned)(unsigned char)*s);
		} else {
			fputc(*s, out);
		}
	}
}

static bool
flushed(FILE *out, struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};

	if (fflush(out) != 0 || ferror(out)) {
		ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot write the "
			"report: %s", strerror(errno));
		return false;
	}
	return true;
}

/* SGR sequences; each starts a span that RESET ends. */
#define BOLD "\033[1m"
#define RESET "\033[0m"

/* gcc's colours: errors red, warnings magenta, notes (infos) cyan. */
static const char *
severity_color(enum ogc_severity severity)
{
	switch (severity) {
	case OGC_SEV_ERROR:
		return "\033[1;31m";
	case OGC_SEV_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

/*
 * Folding the verdicts on a host that is down: after a few failures of one
 * kind in a row, the network stage marks a host down and gives each of
 * its remaining URLs the verdict "URL: not tried: HOST failed N times in a
 * row: KIND" (fetch.c). Such findings, one a page, would bury the others:
 * the text report shows the first FOLD_SHOWN of each host and then one
 * line for the rest. The text from "not tried: " on is the same for every
 * URL of the host, and names it: that is the key. A URL never holds a
 * space, so the URL itself cannot make one.
 */
#define FOLD_SHOWN 3
#define FOLD_MARK ": not tried: "

struct fold {
	const char *key; /* borrowed from a message: "HOST failed ..." */
	size_t total;
	size_t shown;
};

/*
 * The key of a host-down verdict, or NULL for any other finding. Only the
 * network rules' "FIELD does not load: URL: not tried: ..." counts, read
 * from the start: a value quoted in another finding's message cannot make
 * one (a URL holds no space, so the first space ends it).
 */
static const char *
fold_key(const struct ogc_diag *d)
{
	static const char loads[] = " does not load: ";
	const char *s = d->message;
	size_t n = d->field != NULL ? strlen(d->field) : 0;
	size_t url;

	if (n == 0 || strncmp(s, d->field, n) != 0 ||
		strncmp(s + n, loads, sizeof(loads) - 1) != 0) {
		return NULL;
	}
	s += n + sizeof(loads) - 1;
	url = strcspn(s, " ");
	if (url == 0 || strncmp(s + url - 1, FOLD_MARK,
		sizeof(FOLD_MARK) - 1) != 0) {
		return NULL;
	}
	return s + url - 1 + sizeof(FOLD_MARK) - 1;
}

/* The fold of `key` in folds[0..*count), added when new; NULL on no memory. */
static struct fold *
fold_find(struct fold **folds, size_t *count, size_t *cap, const char *key)
{
	size_t i;

	for (i = 0; i < *count; i++) {
		if (strcmp((*folds)[i].key, key) == 0) {
			return &(*folds)[i];
		}
	}
	if (!ogc_array_reserve(folds, cap, *count + 1, sizeof(**folds), 4)) {
		return NULL;
	}
	(*folds)[*count].key = key;
	(*folds)[*count].total = 0;
	(*folds)[*count].shown = 0;
	return &(*folds)[(*count)++];
}

/* "... and 1872 more findings with a URL on img.example.org (timed out)" */
static void
put_fold_line(FILE *out, const struct fold *f)
{
	const char *host_end = strstr(f->key, " failed ");
	const char *kind = strstr(f->key, " in a row: ");
	int host_len = host_end != NULL ? (int)(host_end - f->key) :
		(int)strlen(f->key);

	fprintf(out, "\u2026 and %zu more %s with a URL on %.*s (%s: not "
		"tried)\n", f->total - f->shown,
		f->total - f->shown == 1 ? "finding" : "findings", host_len,
		f->key, kind != NULL ? kind + strlen(" in a row: ") : "down");
}

bool
ogc_report_write_text_styled(const struct ogc_report *report,
	const struct ogc_ruleset *rules, const struct ogc_text_style *style,
	FILE *out, struct ogc_error *err)
{
	const struct ogc_diag *d;
	struct fold *folds = NULL;
	struct fold *f;
	size_t fold_count = 0;
	size_t fold_cap = 0;
	const char *key;
	const char *sev;
	bool folding = true;
	size_t i;

	if (style->statistics) {
		return ogc_report_write_statistics(report, rules, style, out,
			err);
	}
	for (i = 0; folding && (d = ogc_report_get(report, i)) != NULL; i++) {
		key = fold_key(d);
		if (key == NULL || !ogc_diag_shown(d) ||
			d->severity < style->min_severity) {
			continue;
		}
		f = fold_find(&folds, &fold_count, &fold_cap, key);
		folding = f != NULL; /* out of memory: every finding shown */
		if (f != NULL) {
			f->total++;
		}
	}
	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!ogc_diag_shown(d) || d->severity < style->min_severity) {
			continue;
		}
		key = folding ? fold_key(d) : NULL;
		f = key != NULL ? fold_find(&folds, &fold_count, &fold_cap,
			key) : NULL;
		if (f != NULL && f->shown == FOLD_SHOWN) {
			continue;
		}
		sev = style->color ? severity_color(d->severity) : "";
		fputs(style->color ? BOLD : "", out);
		put_escaped(out, d->file);
		fprintf(out, ":%u:%u:%s %s%s:%s ", d->pos.line, d->pos.column,
			style->color ? RESET : "", sev,
			ogc_severity_name(d->severity), style->color ? RESET : "");
		put_escaped(out, d->message);
		fprintf(out, " %s[%s]%s\n", sev, d->rule,
			style->color ? RESET : "");
		if (f != NULL && ++f->shown == FOLD_SHOWN &&
			f->total > FOLD_SHOWN) {
			put_fold_line(out, f);
		}
	}
	free(folds);
	return flushed(out, err);
}

bool
ogc_report_write_text(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	struct ogc_text_style plain = {false, OGC_SEV_OFF, false};

	return ogc_report_write_text_styled(report, NULL, &plain, out, err);
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "N things", in the severity's colour when there are any and color. */
static void
put_count(FILE *out, size_t n, const char *one, const char *many,
	enum ogc_severity severity, bool color)
{
	color = color && n > 0;
	fprintf(out, "%s%zu %s%s", color ? severity_color(severity) : "", n,
		plural(n, one, many), color ? RESET : "");
}

bool
ogc_report_write_summary_styled(const struct ogc_report *report,
	bool color, FILE *out, struct ogc_error *err)
{
	struct ogc_summary s;

	ogc_report_summary(report, &s);
	fprintf(out, "%zu %s checked: ", s.files,
		plural(s.files, "file", "files"));
	put_count(out, s.errors, "error", "errors", OGC_SEV_ERROR, color);
	fputs(", ", out);
	put_count(out, s.warnings, "warning", "warnings", OGC_SEV_WARNING,
		color);
	fputs(", ", out);
	put_count(out, s.infos, "info", "infos", OGC_SEV_INFO, color);
	if (s.skipped > 0) {
		fprintf(out, "; %zu network %s skipped", s.skipped,
			plural(s.skipped, "check", "checks"));
	}
	if (s.suppressed > 0) {
		fprintf(out, "; %zu suppressed in their files", s.suppressed);
	}
	if (s.baseline) {
		fprintf(out, "; %zu known %s hidden by the baseline", s.baselined,
			plural(s.baselined, "finding", "findings"));
	}
	fputc('\n', out);
	return flushed(out, err);
}

bool
ogc_report_write_summary(const struct ogc_report *report, FILE *out,
	struct ogc_error *err)
{
	return ogc_report_write_summary_styled(report, false, out, err);
}

bool
ogc_ruleset_write_text(const struct ogc_ruleset *rules, FILE *out,
	struct ogc_error *err)
{
	struct ogc_rule_info info;
	size_t i;

	fprintf(out, "%-22s %-8s %-10s %s\n", "RULE", "SEVERITY", "CHECK",
		"DESCRIPTION");
	for (i = 0; ogc_ruleset_info(rules, i, &info); i++) {
		fprintf(out, "%-22s %-8s %-10s %s\n", info.id,
			ogc_severity_name(info.severity),
			info.check[0] != '\0' ? info.check : "(file)",
			info.description);
	}
	return flushed(out, err);
}

/*
 * GitHub Actions workflow commands: "::error file=F,line=L,col=C,title=T::M".
 * The runner decodes %25, %0D and %0A in the message, and %3A and %2C too
 * in properties, where ':' and ',' would end the value.
 */
static void
put_workflow(FILE *out, const char *s, bool property)
{
	for (; *s != '\0'; s++) {
		if (*s == '%') {
			fputs("%25", out);
		} else if (*s == '\r') {
			fputs("%0D", out);
		} else if (*s == '\n') {
			fputs("%0A", out);
		} else if (property && *s == ':') {
			fputs("%3A", out);
		} else if (property && *s == ',') {
			fputs("%2C", out);
		} else {
			fputc(*s, out);
		}
	}
}

bool
ogc_report_write_github(const struct ogc_report *report,
	const char *full_report, FILE *out, struct ogc_error *err)
{
	/* GitHub keeps the first 10 of each kind: the most severe go first */
	static const enum ogc_severity order[] = {
		OGC_SEV_ERROR, OGC_SEV_WARNING, OGC_SEV_INFO,
	};
	static const char *const commands[] = {"error", "warning", "notice"};
	const struct ogc_diag *d;
	struct ogc_summary s;
	size_t k;
	size_t i;

	for (k = 0; k < sizeof(order) / sizeof(*order); k++) {
		for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
			if (d->severity != order[k] || !ogc_diag_shown(d)) {
				continue;
			}
			fprintf(out, "::%s file=", commands[k]);
			put_workflow(out, d->file, true);
			fprintf(out, ",line=%u,col=%u,title=", d->pos.line,
				d->pos.column);
			put_workflow(out, d->rule, true);
			fputs("::", out);
			put_workflow(out, d->message, false);
			fputc('\n', out);
		}
	}
	ogc_report_summary(report, &s);
	fprintf(out, "::notice title=ogcheck::%zu %s checked: %zu %s, %zu %s, "
		"%zu %s. GitHub shows the first 10 annotations of each kind; ",
		s.files, plural(s.files, "file", "files"), s.errors,
		plural(s.errors, "error", "errors"), s.warnings,
		plural(s.warnings, "warning", "warnings"), s.infos,
		plural(s.infos, "info", "infos"));
	if (full_report != NULL) {
		fputs("the full report is ", out);
		put_workflow(out, full_report, false);
		fputs("\n", out);
	} else {
		fputs("run ogcheck with --format text for the full report\n", out);
	}
	return flushed(out, err);
}
