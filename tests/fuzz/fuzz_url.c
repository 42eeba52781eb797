/* fuzz_url.c: URL parsing and normalising, and the URL check kinds. */
/* SPDX-License-Identifier: MIT */
#include "fuzz.h"

/* The URL as a field, and the one it is compared with or resolved on. */
static const char *url_paths[] = {"og:url"};
static const char *const other_path = "canonical";

/* Stands for the url-relative rule that HTML pages report with. */
static struct ogc_rule relative = {
	.id = "url-relative",
	.severity = OGC_SEV_ERROR,
	.file = "rules/default.yaml",
};

/*
 * Runs one rule of `kind` (with parameter `name` set to `value` when name
 * is not NULL) over `og:url: url` and `canonical: other`, then renders.
 */
static void
run_check(const struct ogc_check_kind *kind, const char *name,
	const char *value, const char *url, size_t url_len, const char *other,
	size_t other_len, const char *base_url, bool html)
{
	struct fuzz_check f;
	struct ogc_report *report;
	struct ogc_node *param;

	fuzz_check_init(&f, "url-rule", kind, url_paths, 1);
	f.options.base_url = base_url;
	if (name != NULL) {
		param = fuzz_check_add(&f, NULL, OGC_NODE_SCALAR, name, value,
			strlen(value));
		fuzz_check_param(&f, name, param);
	}
	fuzz_check_add(&f, f.root, OGC_NODE_SCALAR, url_paths[0], url,
		url_len);
	fuzz_check_add(&f, f.root, OGC_NODE_SCALAR, other_path, other,
		other_len);
	report = ogc_report_create();
	FUZZ_CHECK(report != NULL);
	FUZZ_CHECK(fuzz_check_run(&f, report, html ? &relative : NULL));
	fuzz_render(report);
	ogc_report_destroy(report);
}

/* The URL functions of net/url.c on one string, and what they promise. */
static void
check_functions(const char *url, size_t len, const char *base)
{
	char scheme[64];
	char why[160];
	char *norm;
	char *again;
	char *resolved;
	char *base_norm;
	size_t at;
	size_t elen;
	uint32_t cp;
	size_t i;

	ogc_url_find_blank(url, len, &at, &cp);
	if (ogc_url_find_entity(url, len, &at, &elen)) {
		FUZZ_CHECK(at + elen <= len && url[at] == '&');
	}
	scheme[0] = 'x';
	if (ogc_url_parse_absolute(url, scheme, sizeof(scheme), why,
		sizeof(why))) {
		FUZZ_CHECK(!ogc_url_is_relative(url));
	}
	FUZZ_CHECK(memchr(scheme, '\0', sizeof(scheme)) != NULL);
	for (i = 0; scheme[i] != '\0'; i++) {
		FUZZ_CHECK(!(scheme[i] >= 'A' && scheme[i] <= 'Z'));
	}
	why[0] = '\0';
	norm = ogc_url_normalize(url, NULL, why, sizeof(why));
	if (norm == NULL) {
		FUZZ_CHECK(why[0] != '\0');
	} else {
		/* a normalised URL is absolute, and normalising it again
		   changes nothing */
		FUZZ_CHECK(ogc_url_parse_absolute(norm, NULL, 0, NULL, 0));
		again = ogc_url_normalize(norm, NULL, NULL, 0);
		FUZZ_CHECK(again != NULL && strcmp(again, norm) == 0);
		free(again);
	}
	/* --base-url is checked once, when the run starts: resolving on a
	   base that does not normalise promises nothing */
	resolved = ogc_url_normalize(url, base, why, sizeof(why));
	base_norm = ogc_url_normalize(base, NULL, NULL, 0);
	if (resolved != NULL && base_norm != NULL) {
		FUZZ_CHECK(ogc_url_parse_absolute(resolved, NULL, 0, NULL, 0));
	}
	free(base_norm);
	free(resolved);
	free(norm);
}

/*
 * The input is a URL, a newline, then the URL it is compared with (also
 * used as the base to resolve it on). The functions of net/url.c take any
 * bytes, as argv and Location headers can hold; the check kinds get only
 * what the YAML and HTML readers can hand them.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t url_len = nl != NULL ? (size_t)(nl - data) : size;
	size_t other_len = nl != NULL ? size - url_len - 1 : 0;
	char *url = fuzz_strndup(data, url_len);
	char *other = fuzz_strndup(nl != NULL ? nl + 1 : data, other_len);

	check_functions(url, url_len, other);
	check_functions(other, other_len, url);
	if (fuzz_value_ok(url, url_len) && fuzz_value_ok(other, other_len)) {
		run_check(&ogc_check_url, NULL, NULL, url, url_len, other,
			other_len, NULL, false);
		run_check(&ogc_check_url, "mode", "entities", url, url_len,
			other, other_len, NULL, false);
		run_check(&ogc_check_url, NULL, NULL, url, url_len, other,
			other_len, NULL, true);
		run_check(&ogc_check_url, "schemes", "mailto", url, url_len,
			other, other_len, NULL, false);
		run_check(&ogc_check_same_url, "as", other_path, url, url_len,
			other, other_len, NULL, false);
		run_check(&ogc_check_same_url, "as", other_path, url, url_len,
			other, other_len, "https://example.org/a/b?c#d", false);
		run_check(&ogc_check_reachable, NULL, NULL, url, url_len, other,
			other_len, NULL, false);
	}
	free(url);
	free(other);
	return 0;
}
