/* stats.c: --statistics: the findings counted by rule and by folder. */
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
	if (fflush(out) != 0 || ferror(out)) {
		ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot write the "
			"report: %s", strerror(errno));
		return false;
	}
	return true;
}
