/* fuzz_yaml_doc.c: YAML text to the field tree with positions. */
/* SPDX-License-Identifier: MIT */
#include "fuzz.h"
#include "tree_same.h"

/*
 * The input is front matter text as the scanner hands it over (starting
 * on line 2 of its file), not NUL-terminated: the parser must stay within
 * its length. Whenever the fast reader takes it, libyaml alone must
 * build the same tree (yaml_fast.c).
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ogc_doc *doc;
	char why[400];

	if (tree_compare((const char *)data, size, 2, why, sizeof(why)) ==
		TREE_DIFFERS) {
		fprintf(stderr, "%s\n", why);
		FUZZ_CHECK(!"the fast reader's tree is libyaml's");
	}
	doc = ogc_doc_parse((const char *)data, size, 2);
	if (doc == NULL) {
		return 0;
	}
	fuzz_doc(doc, 2);
	ogc_doc_destroy(doc);
	return 0;
}
