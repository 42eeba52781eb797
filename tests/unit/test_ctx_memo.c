/* test_ctx_memo.c: a document's lookups through the engine's memo. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "checks/check.h"
#include "read/read.h"

static struct ogc_doc *
parse(const char *text)
{
	struct ogc_doc *doc = ogc_doc_parse(text, strlen(text), 1);

	assert_non_null(doc);
	assert_non_null(doc->root);
	return doc;
}

/* A ctx over doc's root, the memo at its next document. */
static void
start(struct ogc_ctx *ctx, struct ogc_ctx_memo *memo, struct ogc_doc *doc)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->root = doc->root;
	ctx->root_keys = ogc_ctx_root_keys(doc->root);
	ogc_ctx_memo_next(memo, doc->root);
	ctx->memo = memo;
}

static const char *
text_of(const struct ogc_node *n)
{
	return n != NULL && n->kind == OGC_NODE_SCALAR ? n->text : NULL;
}

static void
test_memo(void **state)
{
	struct ogc_ctx_memo *memo = calloc(1, sizeof(*memo));
	struct ogc_doc *one = parse("title: A\nog:\n  title: B\n");
	struct ogc_doc *two = parse("title: C\n\"og:title\": D\n");
	char *copy = strdup("og.title"); /* the same text, another pointer */
	struct ogc_ctx ctx;

	(void)state;
	assert_non_null(memo);
	assert_non_null(copy);
	start(&ctx, memo, one);
	assert_string_equal(text_of(ogc_ctx_node(&ctx, "title")), "A");
	assert_string_equal(text_of(ogc_ctx_node(&ctx, "og.title")), "B");
	assert_string_equal(text_of(ogc_ctx_node(&ctx, copy)), "B");
	assert_string_equal(text_of(ogc_ctx_node(&ctx, "title")), "A");
	assert_non_null(ogc_ctx_node(&ctx, "og")); /* asked in this doc only */
	/* the next document: nothing of the first is kept */
	start(&ctx, memo, two);
	assert_string_equal(text_of(ogc_ctx_node(&ctx, "title")), "C");
	assert_null(ogc_ctx_node(&ctx, copy));
	assert_null(ogc_ctx_node(&ctx, "og.title"));
	assert_string_equal(text_of(ogc_ctx_node(&ctx, "og:title")), "D");
	/* the documents' numbers wrap: what was found is forgotten */
	memo->doc = UINT32_MAX;
	start(&ctx, memo, two);
	assert_int_equal(memo->doc, 1);
	assert_null(ogc_ctx_node(&ctx, "og")); /* not the first doc's, of 1 */
	assert_string_equal(text_of(ogc_ctx_node(&ctx, "title")), "C");
	free(copy);
	ogc_doc_destroy(one);
	ogc_doc_destroy(two);
	free(memo);
}

/* More texts than the memo numbers: the rest are looked up each time. */
static void
test_memo_full(void **state)
{
	enum { N = OGC_CTX_TEXTS * 2 };
	struct ogc_ctx_memo *memo = calloc(1, sizeof(*memo));
	struct ogc_doc *doc = parse("k7: seven\nk300: three hundred\n");
	char (*paths)[16] = calloc(N, sizeof(*paths));
	struct ogc_ctx ctx;
	int round;
	int i;

	(void)state;
	assert_non_null(memo);
	assert_non_null(paths);
	for (i = 0; i < N; i++) {
		snprintf(paths[i], sizeof(paths[i]), "k%d", i);
	}
	for (round = 0; round < 2; round++) {
		start(&ctx, memo, doc);
		for (i = 0; i < N; i++) {
			const char *want = i == 7 ? "seven" : i == 300 ?
				"three hundred" : NULL;

			if (want == NULL) {
				assert_null(ogc_ctx_node(&ctx, paths[i]));
			} else {
				assert_string_equal(text_of(ogc_ctx_node(&ctx,
					paths[i])), want);
			}
		}
	}
	free(paths);
	ogc_doc_destroy(doc);
	free(memo);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memo),
		cmocka_unit_test(test_memo_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
