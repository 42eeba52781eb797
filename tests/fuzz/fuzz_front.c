/* fuzz_front.c: front matter extraction, fed whole and in small chunks. */
/* SPDX-License-Identifier: MIT */
#include "fuzz.h"
#include "tree_same.h"

/*
 * Scans data[0..size) handing it over `chunk` bytes at a time, as a read
 * loop does, and stops feeding once the scanner says it is done.
 */
static void
scan(struct ogc_front *front, const uint8_t *data, size_t size, size_t chunk)
{
	size_t at = 0;
	size_t n;

	ogc_front_init(front);
	while (at < size) {
		n = size - at < chunk ? size - at : chunk;
		if (ogc_front_feed(front, (const char *)data + at, n)) {
			return;
		}
		at += n;
	}
	ogc_front_end(front);
}

/* What the scanner promises about its result, whatever the input. */
static void
check_result(const struct ogc_front *front)
{
	FUZZ_CHECK(front->done);
	FUZZ_CHECK(!front->nomem);
	FUZZ_CHECK(memchr(front->problem, '\0', sizeof(front->problem)) !=
		NULL);
	switch (front->kind) {
	case OGC_FRONT_YAML:
		FUZZ_CHECK(front->text != NULL);
		FUZZ_CHECK(front->text[front->len] == '\0');
		/* a JSON object starts on line 1, after a fence line (---,
		   ---json) on 2 */
		FUZZ_CHECK(front->first_line == 2u ||
			(front->dialect == OGC_DIALECT_JSON &&
			front->first_line == 1u));
		break;
	case OGC_FRONT_SCRIPT:
		FUZZ_CHECK(front->text == NULL);
		break;
	case OGC_FRONT_INVALID:
	case OGC_FRONT_BINARY:
		FUZZ_CHECK(front->text == NULL);
		FUZZ_CHECK(front->problem[0] != '\0');
		FUZZ_CHECK(front->pos.line >= 1 && front->pos.column >= 1);
		break;
	case OGC_FRONT_NONE:
		FUZZ_CHECK(front->text == NULL);
		break;
	}
}

/*
 * The first byte picks a chunk size of 1 to 256 bytes; the rest is the
 * file. SPEC: the result must be the same however the file arrives, so
 * the chunked scan is compared with a scan of the whole file at once.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ogc_front whole;
	struct ogc_front chunked;
	size_t chunk;
	char why[400];

	if (size == 0) {
		return 0;
	}
	chunk = (size_t)data[0] + 1;
	data++;
	size--;
	scan(&whole, data, size, size > 0 ? size : 1);
	scan(&chunked, data, size, chunk);
	check_result(&whole);
	check_result(&chunked);
	FUZZ_CHECK(whole.kind == chunked.kind);
	FUZZ_CHECK(whole.dialect == chunked.dialect);
	FUZZ_CHECK(whole.fenced == chunked.fenced);
	FUZZ_CHECK(whole.first_line == chunked.first_line);
	FUZZ_CHECK(whole.pos.line == chunked.pos.line);
	FUZZ_CHECK(whole.pos.column == chunked.pos.column);
	FUZZ_CHECK(strcmp(whole.problem, chunked.problem) == 0);
	FUZZ_CHECK((whole.rule == NULL) == (chunked.rule == NULL));
	if (whole.rule != NULL) {
		FUZZ_CHECK(strcmp(whole.rule, chunked.rule) == 0);
	}
	if (whole.kind == OGC_FRONT_YAML) {
		FUZZ_CHECK(whole.len == chunked.len &&
			memcmp(whole.text, chunked.text, whole.len) == 0);
	}
	/* the YAML found, read by the fast reader and by libyaml alone */
	if (whole.kind == OGC_FRONT_YAML &&
		whole.dialect == OGC_DIALECT_YAML &&
		tree_compare(whole.text, whole.len, whole.first_line, why,
		sizeof(why)) == TREE_DIFFERS) {
		fprintf(stderr, "%s\n", why);
		FUZZ_CHECK(!"the fast reader's tree is libyaml's");
	}
	ogc_front_finish(&whole);
	ogc_front_finish(&chunked);
	return 0;
}
