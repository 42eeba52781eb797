/* render.h: one renderer per output format, behind ogc_report_write(). */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_RENDER_H
#define OGC_RENDER_H

#include "report/report.h"
#include "rules/rules.h"

/* the renderers that ogc_report_write() (format.c) picks from */

bool
ogc_report_write_github(const struct ogc_report *report,
	const char *full_report, FILE *out, struct ogc_error *err);
bool
ogc_report_write_sarif(const struct ogc_report *report,
	const struct ogc_ruleset *rules, FILE *out, struct ogc_error *err);
bool
ogc_report_write_codeclimate(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);
bool
ogc_report_write_json_v2(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);
bool
ogc_report_write_statistics(const struct ogc_report *report,
	const struct ogc_ruleset *rules, const struct ogc_text_style *style,
	FILE *out, struct ogc_error *err);
bool
ogc_report_write_markdown(const struct ogc_report *report,
	const struct ogc_ruleset *rules, FILE *out, struct ogc_error *err);
bool
ogc_report_write_jsonl(const struct ogc_report *report, FILE *out,
	struct ogc_error *err);

bool
ogc_report_write_html(const struct ogc_report *report,
	const struct ogc_ruleset *rules, FILE *out, struct ogc_error *err);

#endif
