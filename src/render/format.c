/* format.c: the table of report formats. */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "render/render.h"

/* Keep this table alphasorted by name. */
static const struct {
	const char *name;
	enum ogc_format format;
} formats[] = {
	{"codeclimate", OGC_FORMAT_CODECLIMATE},
	{"github", OGC_FORMAT_GITHUB},
	{"html", OGC_FORMAT_HTML},
	{"json", OGC_FORMAT_JSON},
	{"jsonl", OGC_FORMAT_JSONL},
	{"markdown", OGC_FORMAT_MARKDOWN},
	{"sarif", OGC_FORMAT_SARIF},
	{"text", OGC_FORMAT_TEXT},
};

bool
ogc_format_parse(const char *name, enum ogc_format *out)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(*formats); i++) {
		if (strcmp(formats[i].name, name) == 0) {
			*out = formats[i].format;
			return true;
		}
	}
	return false;
}

bool
ogc_report_write(const struct ogc_report *report,
	const struct ogc_ruleset *rules, enum ogc_format format,
	const char *full_report, FILE *out, struct ogc_error *err)
{
	switch (format) {
	case OGC_FORMAT_TEXT:
		return ogc_report_write_text(report, out, err);
	case OGC_FORMAT_JSON:
		return ogc_report_write_json(report, out, err);
	case OGC_FORMAT_JSON_V2:
		return ogc_report_write_json_v2(report, out, err);
	case OGC_FORMAT_JSONL:
		return ogc_report_write_jsonl(report, out, err);
	case OGC_FORMAT_GITHUB:
		return ogc_report_write_github(report, full_report, out, err);
	case OGC_FORMAT_SARIF:
		return ogc_report_write_sarif(report, rules, out, err);
	case OGC_FORMAT_HTML:
		return ogc_report_write_html(report, rules, out, err);
	case OGC_FORMAT_CODECLIMATE:
		return ogc_report_write_codeclimate(report, out, err);
	case OGC_FORMAT_MARKDOWN:
		return ogc_report_write_markdown(report, rules, out, err);
	}
	return false;
}
