/* fuzz_date.c: the date parsers and the `date` check kind. */
/* SPDX-License-Identifier: MIT */
#include "fuzz.h"

static const char *date_paths[] = {"date"};

/*
 * Runs a `date` rule with formats [iso8601, date, pattern] (the defaults
 * when pattern is NULL) over `date: text`, and renders what it found.
 * Returns false when the pattern does not compile.
 */
static bool
run_check(const char *pattern, const char *text, size_t len)
{
	struct fuzz_check f;
	struct ogc_report *report;
	struct ogc_node *formats;
	bool ok;

	fuzz_check_init(&f, "date-format", &ogc_check_date, date_paths, 1);
	if (pattern != NULL) {
		formats = fuzz_check_add(&f, NULL, OGC_NODE_SEQ, "formats",
			NULL, 0);
		fuzz_check_add(&f, formats, OGC_NODE_SCALAR, NULL, "iso8601",
			7);
		fuzz_check_add(&f, formats, OGC_NODE_SCALAR, NULL, "date",
			4);
		fuzz_check_add(&f, formats, OGC_NODE_SCALAR, NULL, pattern,
			strlen(pattern));
		fuzz_check_param(&f, "formats", formats);
	}
	fuzz_check_add(&f, f.root, OGC_NODE_SCALAR, "date", text, len);
	report = ogc_report_create();
	FUZZ_CHECK(report != NULL);
	ok = fuzz_check_run(&f, report, NULL);
	fuzz_render(report);
	ogc_report_destroy(report);
	return ok;
}

/*
 * The input is a strftime-style pattern, a newline, then a value; without
 * a newline it is a value alone. Values are NUL-terminated copies, as the
 * field tree holds them; the parsers must keep within their length.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	char *pattern = NULL;
	char *text;
	size_t len;
	char why[200];
	bool iso;
	bool date;

	if (nl != NULL) {
		pattern = fuzz_strndup(data, (size_t)(nl - data));
		len = size - (size_t)(nl - data) - 1;
		text = fuzz_strndup(nl + 1, len);
	} else {
		len = size;
		text = fuzz_strndup(data, len);
	}
	iso = ogc_date_is_iso8601(text, len);
	date = ogc_date_is_date(text, len);
	/* a date alone is not a date-time, and %F is YYYY-MM-DD */
	FUZZ_CHECK(!(iso && date));
	FUZZ_CHECK(date == ogc_date_matches("%Y-%m-%d", text, len));
	FUZZ_CHECK(date == ogc_date_matches("%F", text, len));
	if (pattern != NULL) {
		why[0] = '\0';
		if (ogc_date_pattern_valid(pattern, why, sizeof(why))) {
			ogc_date_matches(pattern, text, len);
		} else {
			FUZZ_CHECK(why[0] != '\0');
		}
	}
	if (fuzz_value_ok(text, len) &&
		(pattern == NULL || fuzz_value_ok(pattern, strlen(pattern)))) {
		if (!run_check(pattern, text, len)) {
			run_check(NULL, text, len);
		}
	}
	free(pattern);
	free(text);
	return 0;
}
