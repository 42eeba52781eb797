/* fuzz_index.c: the index file's reader (--index FILE, --merge). */
/* SPDX-License-Identifier: MIT */
#include "fuzz.h"

/*
 * Any bytes: the reader says no, or every page it says yes to decodes
 * to names and targets of the lengths the format allows, inside the
 * bytes given.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ogc_index_file file;
	struct ogc_index_entry e;
	char why[128];
	size_t i;

	if (!ogc_index_file_parse(data, size, &file, why, sizeof(why))) {
		FUZZ_CHECK(why[0] != '\0' && file.offsets == NULL);
		return 0;
	}
	for (i = 0; i < file.count; i++) {
		ogc_index_file_entry(&file, i, &e);
		FUZZ_CHECK(e.name != NULL && strlen(e.name) > 0 &&
			strlen(e.name) <= OGC_INDEX_MAX_NAME);
		FUZZ_CHECK((const uint8_t *)e.name > data &&
			(const uint8_t *)e.name < data + size);
		FUZZ_CHECK(e.target == NULL || (strlen(e.target) > 0 &&
			strlen(e.target) <= OGC_INDEX_MAX_TARGET));
	}
	ogc_index_file_finish(&file);
	return 0;
}
