/* fuzz_image.c: the image header reader, as bytes arrive and at the end. */
/* SPDX-License-Identifier: MIT */
#include "fuzz.h"

static bool
same_info(const struct ogc_image_info *a, const struct ogc_image_info *b)
{
	return a->format == b->format && a->width == b->width &&
		a->height == b->height;
}

/* What every answer promises about the info it fills. */
static void
check_answer(enum ogc_image_verdict v, const struct ogc_image_info *info)
{
	switch (v) {
	case OGC_IMAGE_FOUND:
		FUZZ_CHECK(info->format != OGC_IMAGE_NONE);
		FUZZ_CHECK(info->width > 0 && info->height > 0);
		FUZZ_CHECK(strcmp(ogc_image_format_name(info->format),
			"unknown") != 0);
		break;
	case OGC_IMAGE_UNKNOWN:
		FUZZ_CHECK(info->format == OGC_IMAGE_NONE);
		FUZZ_CHECK(info->width == 0 && info->height == 0);
		break;
	case OGC_IMAGE_PAST:
		FUZZ_CHECK(info->format != OGC_IMAGE_NONE);
		FUZZ_CHECK(info->width == 0 && info->height == 0);
		break;
	case OGC_IMAGE_MORE:
		FUZZ_CHECK(info->width == 0 && info->height == 0);
		break;
	}
}

/*
 * The input is the first bytes of a file. The network stage calls the
 * reader each time more bytes arrive until it stops answering MORE, so an
 * answer given for the first k bytes must not change with more bytes, and
 * `complete` turns MORE into UNKNOWN and changes nothing else.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ogc_image_info open;
	struct ogc_image_info done;
	struct ogc_image_info part;
	enum ogc_image_verdict v_open;
	enum ogc_image_verdict v_done;
	enum ogc_image_verdict v;
	size_t step = size / 64 > 0 ? size / 64 : 1;
	size_t k;

	v_open = ogc_image_size(data, size, false, &open);
	v_done = ogc_image_size(data, size, true, &done);
	check_answer(v_open, &open);
	check_answer(v_done, &done);
	FUZZ_CHECK(v_done != OGC_IMAGE_MORE);
	if (v_open == OGC_IMAGE_MORE) {
		FUZZ_CHECK(v_done == OGC_IMAGE_UNKNOWN);
	} else {
		FUZZ_CHECK(v_done == v_open && same_info(&done, &open));
	}
	for (k = 0; k < size; k += k < 48 ? 1 : step) {
		v = ogc_image_size(data, k, false, &part);
		check_answer(v, &part);
		if (v != OGC_IMAGE_MORE) {
			FUZZ_CHECK(v == v_open && same_info(&part, &open));
		} else if (v_open != OGC_IMAGE_UNKNOWN &&
			part.format != OGC_IMAGE_NONE) {
			FUZZ_CHECK(part.format == open.format);
		}
	}
	return 0;
}
