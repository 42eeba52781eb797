/* fuzz_yaml_doc.c: YAML text to the field tree with positions. */
/* SPDX-License-Identifier: MIT */
#include "fuzz.h"

/*
 * The input is front matter text as the scanner hands it over (starting
 * on line 2 of its file), not NUL-terminated: the parser must stay within
 * its length.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ogc_doc *doc;

	doc = ogc_doc_parse((const char *)data, size, 2);
	if (doc == NULL) {
		return 0;
	}
	fuzz_doc(doc, 2);
	ogc_doc_destroy(doc);
	return 0;
}
