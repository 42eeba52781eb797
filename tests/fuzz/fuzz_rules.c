/* fuzz_rules.c: the rule-file loader, then its rules over two pages. */
/* SPDX-License-Identifier: MIT */
#include "fuzz.h"

/* Front matter with the fields rule files usually name. */
static const char post[] =
	"---\n"
	"title: A post about metadata\n"
	"description: What front matter is for, and how to check it.\n"
	"date: 2024-03-01T09:30:00+01:00\n"
	"lastmod: 01/03/2024\n"
	"author: Ada\n"
	"tags: [c, yaml, \"\"]\n"
	"draft: false\n"
	"canonical: https://example.org/post/\n"
	"og:\n"
	"  title: A post\n"
	"  type: article\n"
	"  url: https://example.org/post\n"
	"  image: /img/a.png\n"
	"  description: ~\n"
	"twitter:\n"
	"  card: summary_large_image\n"
	"  image: https://example.org/a.png?a=1&amp;b=2\n"
	"---\n"
	"Body.\n";

/* An HTML page: its head becomes flat fields, the body is scanned. */
static const char page[] =
	"<!doctype html><html lang=\"en\"><head>\n"
	"<title>A page</title>\n"
	"<link rel=\"canonical\" href=\"https://example.org/page\">\n"
	"<meta property=\"og:title\" content=\"A page\">\n"
	"<meta property=\"og:type\" content=\"website\">\n"
	"<meta property=\"og:url\" content=\"page\">\n"
	"<meta property=\"og:image\" content=\"https://example.org/a.png\">\n"
	"<meta property=\"og:image:width\" content=\"1200\">\n"
	"<meta name=\"twitter:card\" content=\"summary\">\n"
	"<meta property=\"article:published_time\" content=\"2024-02-30\">\n"
	"</head><body><meta property=\"og:title\" content=\"late\">\n"
	"</body></html>\n";

/* Lists, describes and applies the rules of a ruleset that loaded. */
static void
use_rules(const struct ogc_ruleset *rules)
{
	struct ogc_options options;
	struct ogc_rule_info info;
	struct ogc_checker *checker;
	struct ogc_report *report;
	struct ogc_error err;
	size_t i;

	memset(&err, 0, sizeof(err));
	for (i = 0; i < ogc_ruleset_count(rules); i++) {
		FUZZ_CHECK(ogc_ruleset_info(rules, i, &info));
		FUZZ_CHECK(info.id != NULL && info.check != NULL &&
			info.description != NULL);
	}
	FUZZ_CHECK(!ogc_ruleset_info(rules, i, &info));
	FUZZ_CHECK(ogc_ruleset_write_text(rules, fuzz_sink(), &err));
	FUZZ_CHECK(ogc_ruleset_write_json(rules, fuzz_sink(), &err));

	/* offline: network rules count skips and never fetch */
	ogc_options_init(&options);
	options.offline = true;
	options.threads = 1;
	report = ogc_report_create();
	FUZZ_CHECK(report != NULL);
	checker = ogc_checker_create(rules, &options, &err);
	FUZZ_CHECK(checker != NULL);
	FUZZ_CHECK(ogc_checker_check_buffer(checker, "post.md", post,
		sizeof(post) - 1, report, &err));
	FUZZ_CHECK(ogc_checker_check_buffer(checker, "page.html", page,
		sizeof(page) - 1, report, &err));
	FUZZ_CHECK(ogc_checker_finish(checker, report, &err));
	ogc_checker_destroy(checker);
	/* the formats that show rule data: ids, messages, `expected` */
	ogc_report_sort(report);
	FUZZ_CHECK(ogc_report_write(report, rules, OGC_FORMAT_TEXT, NULL,
		fuzz_sink(), &err));
	FUZZ_CHECK(ogc_report_write(report, rules, OGC_FORMAT_SARIF, NULL,
		fuzz_sink(), &err));
	ogc_report_destroy(report);
}

/*
 * The input is a rule file, merged over the built-in rules as the CLI
 * does. One that loads is listed and used; one that does not must say
 * why with a rules error, never anything else.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ogc_ruleset *rules;
	struct ogc_error err;

	memset(&err, 0, sizeof(err));
	rules = ogc_ruleset_create(&err);
	FUZZ_CHECK(rules != NULL);
	FUZZ_CHECK(ogc_ruleset_load_builtin(rules, &err));
	if (ogc_ruleset_load_buffer(rules, "rules.yaml", (const char *)data,
		size, &err)) {
		use_rules(rules);
	} else {
		FUZZ_CHECK(err.status == OGC_ERR_RULES);
		FUZZ_CHECK(memchr(err.msg, '\0', sizeof(err.msg)) != NULL);
		FUZZ_CHECK(err.msg[0] != '\0');
		FUZZ_CHECK(err.file != NULL);
		fuzz_touch(err.file);
	}
	ogc_ruleset_destroy(rules);
	return 0;
}
