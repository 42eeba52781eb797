/* stats.c: --statistics: findings by rule and by folder, requests by host. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "render/tally.h"
#include "util/util.h"

static void
put_counts(FILE *out, const struct ogc_ruleset *rules,
	const struct ogc_tally *t, size_t count, enum ogc_tally_by by)
{
	const struct ogc_rule *rule;
	size_t i;

	for (i = 0; i < count; i++) {
		fprintf(out, "%7zu  ", t[i].count);
		if (by == OGC_TALLY_FOLDER) {
			fprintf(out, "%.*s\n", (int)t[i].len, t[i].len > 0 ?
				t[i].key : "./");
			continue;
		}
		rule = rules != NULL ? ogc_ruleset_find(rules, t[i].key) : NULL;
		fprintf(out, "%-8s %-24s %s\n", ogc_severity_name(t[i].severity),
			t[i].key, rule != NULL && rule->description != NULL ?
			rule->description : "");
	}
}

/* "(3 timed out, 1 other)": a host's failures by kind. */
static void
put_kinds(FILE *out, const struct ogc_host_stats *h)
{
	const struct {
		size_t n;
		const char *name;
	} kinds[] = {
		{h->timed_out, "timed out"},
		{h->not_found, "host not found"},
		{h->refused, "could not connect"},
		{h->tls, "TLS error"},
		{h->failures - h->timed_out - h->not_found - h->refused - h->tls,
			"other"},
	};
	const char *sep = "  (";
	size_t k;

	for (k = 0; k < sizeof(kinds) / sizeof(*kinds); k++) {
		if (kinds[k].n > 0) {
			fprintf(out, "%s%zu %s", sep, kinds[k].n, kinds[k].name);
			sep = ", ";
		}
	}
	if (h->failures > 0) {
		fputs(")", out);
	}
}

/*
 * The hosts the network stage asked, in the report's order (the most
 * requests first):
 *
 *     requests failures       time  host
 *           12        0     0.840s  img.example.org
 *            3        3     6.004s  cdn.example.net  down  (3 timed out)
 */
static void
put_hosts(FILE *out, const struct ogc_report *report)
{
	const struct ogc_host_stats *h;
	size_t i;

	if (ogc_report_host_count(report) == 0) {
		return;
	}
	fputs("Requests by host:\nrequests failures       time  host\n", out);
	for (i = 0; (h = ogc_report_host(report, i)) != NULL; i++) {
		fprintf(out, "%8zu %8zu %5lld.%03llds  %s%s", h->requests,
			h->failures, h->ms / 1000, h->ms % 1000, h->host,
			h->down ? "  down" : "");
		put_kinds(out, h);
		fputc('\n', out);
	}
}

bool
ogc_report_write_statistics(const struct ogc_report *report,
	const struct ogc_ruleset *rules, const struct ogc_text_style *style,
	FILE *out, struct ogc_error *err)
{
	static const enum ogc_tally_by tables[] = {
		OGC_TALLY_RULE, OGC_TALLY_FOLDER,
	};
	struct ogc_pos none = {0, 0};
	struct ogc_tally *t;
	size_t count;
	size_t k;

	for (k = 0; k < sizeof(tables) / sizeof(*tables); k++) {
		if (!ogc_tally_findings(report, style->min_severity, tables[k], &t,
			&count)) {
			return ogc_error_nomem(err);
		}
		if (count > 0) {
			fputs(tables[k] == OGC_TALLY_RULE ? "Findings by rule:\n" :
				"Findings by folder:\n", out);
			put_counts(out, rules, t, count, tables[k]);
		}
		free(t);
	}
	put_hosts(out, report);
	if (fflush(out) != 0 || ferror(out)) {
		ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot write the "
			"report: %s", strerror(errno));
		return false;
	}
	return true;
}
