/* fuzz_html.c: an HTML page's head end, head fields and body scan. */
/* SPDX-License-Identifier: MIT */
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv);

/* Flat fields the built-in rules read, and odd ones. Alphasorted. */
static const char *const fields[] = {
	"",
	"canonical",
	"description",
	"lang",
	"og:image",
	"og:image:width",
	"og:title",
	"og:url",
	"title",
	"twitter:card",
};

/* The built-in rules, loaded once, for the whole pipeline. */
static struct ogc_ruleset *rules;
static struct ogc_options options;

static void
teardown(void)
{
	ogc_ruleset_destroy(rules);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ogc_error err;

	memset(&err, 0, sizeof(err));
	ogc_options_init(&options);
	options.offline = true;
	options.input = OGC_INPUT_HTML;
	rules = ogc_ruleset_create(&err);
	if (rules == NULL || !ogc_ruleset_load_builtin(rules, &err)) {
		fuzz_fail(__FILE__, __LINE__, err.msg);
	}
	atexit(teardown);
	return 0;
}

/* The <meta> tags a body scan found: how many, and a digest of them. */
struct found {
	size_t count;
	uint64_t digest;
};

static void
on_meta(void *arg, struct ogc_pos pos, const char *property)
{
	struct found *f = arg;
	const unsigned char *p;

	FUZZ_CHECK(pos.line >= 1 && pos.column >= 1);
	f->count++;
	/* FNV-1a over line, column and property, in order */
	f->digest = (f->digest ^ pos.line) * 0x100000001b3ull;
	f->digest = (f->digest ^ pos.column) * 0x100000001b3ull;
	for (p = (const unsigned char *)property; *p != '\0'; p++) {
		f->digest = (f->digest ^ *p) * 0x100000001b3ull;
	}
}

/* Scans data[0..size) as a body starting at 3:5, `chunk` bytes a call. */
static struct found
scan_body(const uint8_t *data, size_t size, size_t chunk)
{
	struct ogc_pos start = {3, 5};
	struct ogc_body_scan scan;
	struct found found = {0, 0xcbf29ce484222325ull};
	size_t at = 0;
	size_t n;

	ogc_body_scan_init(&scan, start);
	do {
		n = size - at < chunk ? size - at : chunk;
		ogc_body_scan_feed(&scan, (const char *)data + at, n,
			at + n == size, on_meta, &found);
		at += n;
	} while (at < size);
	return found;
}

/*
 * Where the head ends when the page arrives `chunk` bytes at a time and
 * each read scans only the new bytes (less 6, for a "</head" cut in two),
 * as the file reader does.
 */
static size_t
head_end_streamed(const uint8_t *data, size_t size, size_t chunk)
{
	const char *s = (const char *)data;
	size_t have = 0;
	size_t from;
	size_t cut;

	while (have < size) {
		from = have > 6 ? have - 6 : 0;
		have = size - have < chunk ? size : have + chunk;
		cut = ogc_html_head_end(s, have, from);
		if (cut < have) {
			return cut;
		}
	}
	return size;
}

/* Parses the head as the checker does and reads every field. */
static void
parse_head(const uint8_t *data, size_t cut)
{
	const struct ogc_problem *p;
	const struct ogc_node *n;
	struct ogc_doc *doc;
	size_t i;

	doc = ogc_html_parse((const char *)data, cut);
	FUZZ_CHECK(doc != NULL && doc->root != NULL);
	FUZZ_CHECK(doc->root->kind == OGC_NODE_MAP);
	fuzz_walk(doc->root, 0);
	for (p = doc->problems; p != NULL; p = p->next) {
		FUZZ_CHECK(p->rule != NULL);
		FUZZ_CHECK(memchr(p->msg, '\0', sizeof(p->msg)) != NULL);
		fuzz_touch(p->rule);
	}
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		n = ogc_node_member(doc->root, fields[i]);
		if (n != NULL) {
			fuzz_touch(n->text);
		}
		n = ogc_node_lookup(doc->root, fields[i]);
		if (n != NULL) {
			fuzz_touch(n->text);
		}
	}
	ogc_doc_destroy(doc);
}

/*
 * The input is a page. Its head end and body findings must not depend on
 * how the bytes arrive; then the whole page goes through the checker with
 * the built-in rules, as `ogcheck --input html` reads it.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ogc_checker *checker;
	struct ogc_report *report;
	struct ogc_error err;
	struct found whole;
	struct found chunked;
	size_t chunk = 1 + size % 97;
	size_t cut;

	cut = ogc_html_head_end((const char *)data, size, 0);
	FUZZ_CHECK(cut <= size);
	FUZZ_CHECK(head_end_streamed(data, size, chunk) == cut);
	parse_head(data, cut);

	whole = scan_body(data + cut, size - cut, size - cut + 1);
	chunked = scan_body(data + cut, size - cut, chunk);
	FUZZ_CHECK(whole.count == chunked.count);
	FUZZ_CHECK(whole.digest == chunked.digest);

	memset(&err, 0, sizeof(err));
	report = ogc_report_create();
	checker = ogc_checker_create(rules, &options, &err);
	FUZZ_CHECK(report != NULL && checker != NULL);
	FUZZ_CHECK(ogc_checker_check_buffer(checker, "page.html",
		(const char *)data, size, report, &err));
	FUZZ_CHECK(ogc_checker_finish(checker, report, &err));
	ogc_checker_destroy(checker);
	fuzz_render(report);
	ogc_report_destroy(report);
	return 0;
}
