/* test_image.c: unit tests of the image header reader of image.c. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"

/* PNG signature and IHDR: 1200x630. */
static const unsigned char png_1200x630[] = {
	0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a,
	0x00, 0x00, 0x00, 0x0d, 'I', 'H', 'D', 'R',
	0x00, 0x00, 0x04, 0xb0, 0x00, 0x00, 0x02, 0x76,
};

/* GIF89a logical screen: 320x200. */
static const unsigned char gif89_320x200[] = {
	'G', 'I', 'F', '8', '9', 'a', 0x40, 0x01, 0xc8, 0x00,
};

/* GIF87a logical screen: 1x65535. */
static const unsigned char gif87_1x65535[] = {
	'G', 'I', 'F', '8', '7', 'a', 0x01, 0x00, 0xff, 0xff,
};

/* SOI, APP0 (JFIF), APP1 (Exif), then a baseline frame (SOF0): 1200x630. */
static const unsigned char jpeg_app_1200x630[] = {
	0xff, 0xd8,
	0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00,
	0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
	0xff, 0xe1, 0x00, 0x0a, 'E', 'x', 'i', 'f', 0x00, 0x00, 'M', 'M',
	0xff, 0xc0, 0x00, 0x11, 0x08, 0x02, 0x76, 0x04, 0xb0,
};

/*
 * SOI, DQT, DHT (whose bytes would read as a size if DHT were taken for a
 * frame header), then a progressive frame (SOF2): 640x480.
 */
static const unsigned char jpeg_sof2_640x480[] = {
	0xff, 0xd8,
	0xff, 0xdb, 0x00, 0x05, 0x00, 0x01, 0x02,
	0xff, 0xc4, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x20, 0x00, 0x00, 0x00,
	0x00,
	0xff, 0xc2, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80,
};

/* SOI, fill bytes, RST0, TEM, RST7, fill, then SOF1: 32x16. */
static const unsigned char jpeg_fill_32x16[] = {
	0xff, 0xd8,
	0xff, 0xff, 0xff, 0xd0, 0xff, 0x01, 0xff, 0xd7,
	0xff, 0xff, 0xc1, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x20,
};

/* RIFF/WEBP with a lossy "VP8 " chunk (key frame): 1200x630. */
static const unsigned char webp_vp8_1200x630[] = {
	'R', 'I', 'F', 'F', 0x24, 0x00, 0x00, 0x00, 'W', 'E', 'B', 'P',
	'V', 'P', '8', ' ', 0x18, 0x00, 0x00, 0x00,
	0x50, 0x12, 0x00, 0x9d, 0x01, 0x2a, 0xb0, 0x04, 0x76, 0x02,
};

/* RIFF/WEBP with a lossless "VP8L" chunk: 1200x630. */
static const unsigned char webp_vp8l_1200x630[] = {
	'R', 'I', 'F', 'F', 0x1a, 0x00, 0x00, 0x00, 'W', 'E', 'B', 'P',
	'V', 'P', '8', 'L', 0x0d, 0x00, 0x00, 0x00,
	0x2f, 0xaf, 0x44, 0x9d, 0x00,
};

/* RIFF/WEBP with an extended "VP8X" chunk: canvas 1200x630. */
static const unsigned char webp_vp8x_1200x630[] = {
	'R', 'I', 'F', 'F', 0x4a, 0x00, 0x00, 0x00, 'W', 'E', 'B', 'P',
	'V', 'P', '8', 'X', 0x0a, 0x00, 0x00, 0x00,
	0x10, 0x00, 0x00, 0x00, 0xaf, 0x04, 0x00, 0x75, 0x02, 0x00,
};

/* A valid header, exactly as long as the reader needs, and its size. */
struct header {
	const char *name;
	const unsigned char *bytes;
	size_t len;
	enum ogc_image_format format;
	unsigned long width;
	unsigned long height;
};

#define HEADER(a, f, w, h) { #a, a, sizeof(a), f, w, h }

static const struct header headers[] = {
	HEADER(png_1200x630, OGC_IMAGE_PNG, 1200, 630),
	HEADER(gif89_320x200, OGC_IMAGE_GIF, 320, 200),
	HEADER(gif87_1x65535, OGC_IMAGE_GIF, 1, 65535),
	HEADER(jpeg_app_1200x630, OGC_IMAGE_JPEG, 1200, 630),
	HEADER(jpeg_sof2_640x480, OGC_IMAGE_JPEG, 640, 480),
	HEADER(jpeg_fill_32x16, OGC_IMAGE_JPEG, 32, 16),
	HEADER(webp_vp8_1200x630, OGC_IMAGE_WEBP, 1200, 630),
	HEADER(webp_vp8l_1200x630, OGC_IMAGE_WEBP, 1200, 630),
	HEADER(webp_vp8x_1200x630, OGC_IMAGE_WEBP, 1200, 630),
};

#define HEADER_COUNT (sizeof(headers) / sizeof(headers[0]))

/*
 * Runs ogc_image_size() on a heap copy of exactly `len` bytes, so that the
 * address sanitizer catches a read past the end.
 */
static enum ogc_image_verdict
measure(const unsigned char *bytes, size_t len, bool complete,
	struct ogc_image_info *out)
{
	unsigned char *copy = malloc(len > 0 ? len : 1);
	enum ogc_image_verdict v;

	assert_non_null(copy);
	if (len > 0) {
		memcpy(copy, bytes, len);
	}
	out->format = OGC_IMAGE_GIF;
	out->width = 7;
	out->height = 7;
	v = ogc_image_size(copy, len, complete, out);
	free(copy);
	return v;
}

/* Checks that bytes[0..len) give `format` at width x height. */
static void
assert_found(const unsigned char *bytes, size_t len, bool complete,
	enum ogc_image_format format, unsigned long width, unsigned long height)
{
	struct ogc_image_info info;

	assert_int_equal(measure(bytes, len, complete, &info), OGC_IMAGE_FOUND);
	assert_int_equal(info.format, format);
	assert_int_equal(info.width, width);
	assert_int_equal(info.height, height);
}

/* Checks that bytes[0..len) are not an image, with or without more. */
static void
assert_unknown(const unsigned char *bytes, size_t len)
{
	struct ogc_image_info info;
	bool complete;
	int k;

	for (k = 0; k < 2; k++) {
		complete = k == 1;
		if (measure(bytes, len, complete, &info) != OGC_IMAGE_UNKNOWN) {
			fail_msg("%zu bytes (complete %d) are not UNKNOWN", len, k);
		}
		assert_int_equal(info.format, OGC_IMAGE_NONE);
		assert_int_equal(info.width, 0);
		assert_int_equal(info.height, 0);
	}
}

/* A JPEG whose size lies past OGC_IMAGE_HEAD_MAX, complete or not. */
static void
assert_past(const unsigned char *bytes, size_t len)
{
	struct ogc_image_info info;
	int k;

	for (k = 0; k < 2; k++) {
		if (measure(bytes, len, k == 1, &info) != OGC_IMAGE_PAST) {
			fail_msg("%zu bytes (complete %d) are not PAST", len, k);
		}
		assert_int_equal(info.format, OGC_IMAGE_JPEG);
		assert_int_equal(info.width, 0);
		assert_int_equal(info.height, 0);
	}
}

/* Copies a header into buf (at least its size) for a test to spoil. */
static void
copy_header(unsigned char *buf, const unsigned char *bytes, size_t len)
{
	memcpy(buf, bytes, len);
}

static void
test_png_size_from_ihdr(void **state)
{
	unsigned char buf[40];

	(void)state;
	assert_found(png_1200x630, sizeof(png_1200x630), false, OGC_IMAGE_PNG,
		1200, 630);
	/* More of the file after IHDR changes nothing. */
	memset(buf, 0xee, sizeof(buf));
	copy_header(buf, png_1200x630, sizeof(png_1200x630));
	assert_found(buf, sizeof(buf), true, OGC_IMAGE_PNG, 1200, 630);
}

static void
test_gif_87a_and_89a_sizes(void **state)
{
	(void)state;
	assert_found(gif89_320x200, sizeof(gif89_320x200), false,
		OGC_IMAGE_GIF, 320, 200);
	assert_found(gif87_1x65535, sizeof(gif87_1x65535), true,
		OGC_IMAGE_GIF, 1, 65535);
}

static void
test_jpeg_size_after_app_segments(void **state)
{
	(void)state;
	assert_found(jpeg_app_1200x630, sizeof(jpeg_app_1200x630), false,
		OGC_IMAGE_JPEG, 1200, 630);
}

static void
test_jpeg_progressive_frame_after_tables(void **state)
{
	(void)state;
	assert_found(jpeg_sof2_640x480, sizeof(jpeg_sof2_640x480), false,
		OGC_IMAGE_JPEG, 640, 480);
}

static void
test_jpeg_skips_fill_bytes_and_standalone_markers(void **state)
{
	(void)state;
	assert_found(jpeg_fill_32x16, sizeof(jpeg_fill_32x16), false,
		OGC_IMAGE_JPEG, 32, 16);
}

/* Every SOFn is a frame header; DHT (c4), JPG (c8) and DAC (cc) are not. */
static void
test_jpeg_only_sof_markers_give_the_size(void **state)
{
	unsigned char buf[] = {
		0xff, 0xd8, 0xff, 0x00, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x20,
		0x01, 0x01, 0x11, 0x00,
	};
	struct ogc_image_info info;
	unsigned m;

	(void)state;
	for (m = 0xc0; m <= 0xcf; m++) {
		buf[3] = (unsigned char)m;
		if (m == 0xc4 || m == 0xc8 || m == 0xcc) {
			/* Skipped as a segment: the next marker is still to come. */
			assert_int_equal(measure(buf, sizeof(buf), false, &info),
				OGC_IMAGE_MORE);
			assert_int_equal(info.format, OGC_IMAGE_JPEG);
		} else {
			assert_found(buf, sizeof(buf), false, OGC_IMAGE_JPEG, 32, 16);
		}
	}
}

static void
test_webp_lossy_vp8(void **state)
{
	unsigned char buf[sizeof(webp_vp8_1200x630)];

	(void)state;
	assert_found(webp_vp8_1200x630, sizeof(webp_vp8_1200x630), false,
		OGC_IMAGE_WEBP, 1200, 630);
	/* The top 2 bits of each dimension are an upscaling hint. */
	copy_header(buf, webp_vp8_1200x630, sizeof(buf));
	buf[27] |= 0x40;
	buf[29] |= 0xc0;
	assert_found(buf, sizeof(buf), false, OGC_IMAGE_WEBP, 1200, 630);
}

static void
test_webp_lossless_vp8l(void **state)
{
	unsigned char buf[sizeof(webp_vp8l_1200x630)];

	(void)state;
	assert_found(webp_vp8l_1200x630, sizeof(webp_vp8l_1200x630), false,
		OGC_IMAGE_WEBP, 1200, 630);
	/* The alpha hint (bit 28) is not part of the height. */
	copy_header(buf, webp_vp8l_1200x630, sizeof(buf));
	buf[24] = 0x10;
	assert_found(buf, sizeof(buf), false, OGC_IMAGE_WEBP, 1200, 630);
	/* 16384x16384, the largest a VP8L header holds. */
	buf[21] = 0xff;
	buf[22] = 0xff;
	buf[23] = 0xff;
	buf[24] = 0x0f;
	assert_found(buf, sizeof(buf), false, OGC_IMAGE_WEBP, 16384, 16384);
}

static void
test_webp_extended_vp8x(void **state)
{
	unsigned char buf[sizeof(webp_vp8x_1200x630)];

	(void)state;
	assert_found(webp_vp8x_1200x630, sizeof(webp_vp8x_1200x630), false,
		OGC_IMAGE_WEBP, 1200, 630);
	/* 24 bits each: up to 2^24. */
	copy_header(buf, webp_vp8x_1200x630, sizeof(buf));
	memset(buf + 24, 0xff, 6);
	assert_found(buf, sizeof(buf), false, OGC_IMAGE_WEBP, 16777216,
		16777216);
}

static void
test_every_proper_prefix_needs_more(void **state)
{
	struct ogc_image_info info;
	size_t i;
	size_t n;

	(void)state;
	for (i = 0; i < HEADER_COUNT; i++) {
		for (n = 0; n < headers[i].len; n++) {
			if (measure(headers[i].bytes, n, false, &info) != OGC_IMAGE_MORE) {
				fail_msg("%s: %zu bytes are not MORE", headers[i].name, n);
			}
			assert_int_equal(info.width, 0);
			assert_int_equal(info.height, 0);
		}
		assert_found(headers[i].bytes, headers[i].len, false,
			headers[i].format, headers[i].width, headers[i].height);
		assert_found(headers[i].bytes, headers[i].len, true,
			headers[i].format, headers[i].width, headers[i].height);
	}
}

static void
test_truncated_header_is_unknown_when_complete(void **state)
{
	struct ogc_image_info info;
	size_t i;
	size_t n;

	(void)state;
	for (i = 0; i < HEADER_COUNT; i++) {
		for (n = 0; n < headers[i].len; n++) {
			if (measure(headers[i].bytes, n, true, &info) !=
				OGC_IMAGE_UNKNOWN) {
				fail_msg("%s: complete %zu bytes are not UNKNOWN",
					headers[i].name, n);
			}
			assert_int_equal(info.format, OGC_IMAGE_NONE);
		}
	}
}

/* The format is known from its signature, before the size comes. */
static void
test_format_known_before_size(void **state)
{
	struct ogc_image_info info;

	(void)state;
	assert_int_equal(measure(png_1200x630, 8, false, &info), OGC_IMAGE_MORE);
	assert_int_equal(info.format, OGC_IMAGE_PNG);
	assert_int_equal(measure(png_1200x630, 7, false, &info), OGC_IMAGE_MORE);
	assert_int_equal(info.format, OGC_IMAGE_NONE);
	assert_int_equal(measure(gif89_320x200, 6, false, &info), OGC_IMAGE_MORE);
	assert_int_equal(info.format, OGC_IMAGE_GIF);
	assert_int_equal(measure(jpeg_app_1200x630, 2, false, &info),
		OGC_IMAGE_MORE);
	assert_int_equal(info.format, OGC_IMAGE_JPEG);
	assert_int_equal(measure(jpeg_app_1200x630, 30, false, &info),
		OGC_IMAGE_MORE);
	assert_int_equal(info.format, OGC_IMAGE_JPEG);
	assert_int_equal(measure(webp_vp8_1200x630, 12, false, &info),
		OGC_IMAGE_MORE);
	assert_int_equal(info.format, OGC_IMAGE_WEBP);
	assert_int_equal(measure(webp_vp8_1200x630, 11, false, &info),
		OGC_IMAGE_MORE);
	assert_int_equal(info.format, OGC_IMAGE_NONE);
}

static void
test_empty_input_needs_more_unless_complete(void **state)
{
	struct ogc_image_info info;

	(void)state;
	assert_int_equal(measure(NULL, 0, false, &info), OGC_IMAGE_MORE);
	assert_int_equal(info.format, OGC_IMAGE_NONE);
	assert_int_equal(measure(NULL, 0, true, &info), OGC_IMAGE_UNKNOWN);
	assert_int_equal(info.format, OGC_IMAGE_NONE);
}

/* Text is ruled out by its first byte already. */
static void
test_text_is_unknown_at_once(void **state)
{
	static const unsigned char html[] = "<html><head>";
	static const unsigned char riff_text[] = "Rapport";
	static const unsigned char gif_text[] = "GIFT";
	size_t n;

	(void)state;
	for (n = 1; n < sizeof(html); n++) {
		assert_unknown(html, n);
	}
	assert_unknown(riff_text, 2);
	assert_unknown(gif_text, 4);
}

/* A signature that goes wrong halfway is UNKNOWN at the first wrong byte. */
static void
test_signature_mismatch_is_unknown_early(void **state)
{
	static const unsigned char png_x[] = { 0x89, 'P', 'N', 'X' };
	static const unsigned char gif_88[] = { 'G', 'I', 'F', '8', '8' };
	static const unsigned char gif_89b[] = { 'G', 'I', 'F', '8', '9', 'b' };
	static const unsigned char wave[] = {
		'R', 'I', 'F', 'F', 0x24, 0x00, 0x00, 0x00, 'W', 'A',
	};
	static const unsigned char vp9[] = {
		'R', 'I', 'F', 'F', 0x24, 0x00, 0x00, 0x00, 'W', 'E', 'B', 'P',
		'V', 'P', '9',
	};
	static const unsigned char vp8y[] = {
		'R', 'I', 'F', 'F', 0x24, 0x00, 0x00, 0x00, 'W', 'E', 'B', 'P',
		'V', 'P', '8', 'Y',
	};
	static const unsigned char jpeg_d9[] = { 0xff, 0xd9 };

	(void)state;
	assert_unknown(png_x, sizeof(png_x));
	assert_unknown(gif_88, sizeof(gif_88));
	assert_unknown(gif_89b, sizeof(gif_89b));
	assert_unknown(wave, sizeof(wave));
	assert_unknown(vp9, sizeof(vp9));
	assert_unknown(vp8y, sizeof(vp8y));
	assert_unknown(jpeg_d9, sizeof(jpeg_d9));
}

static void
test_png_first_chunk_not_ihdr_is_unknown(void **state)
{
	unsigned char buf[sizeof(png_1200x630)];

	(void)state;
	/* gAMA (length 4) first. */
	copy_header(buf, png_1200x630, sizeof(buf));
	buf[11] = 0x04;
	memcpy(buf + 12, "gAMA", 4);
	assert_unknown(buf, sizeof(buf));
	assert_unknown(buf, 12);
	/* IHDR, but not 13 bytes long. */
	copy_header(buf, png_1200x630, sizeof(buf));
	buf[11] = 0x0c;
	assert_unknown(buf, sizeof(buf));
	/* The type is case-sensitive: "ihdr" is another chunk. */
	copy_header(buf, png_1200x630, sizeof(buf));
	buf[12] = 'i';
	assert_unknown(buf, 13);
}

static void
test_png_size_above_2_31_is_unknown(void **state)
{
	unsigned char buf[sizeof(png_1200x630)];

	(void)state;
	copy_header(buf, png_1200x630, sizeof(buf));
	memcpy(buf + 16, "\x7f\xff\xff\xff", 4);
	assert_found(buf, sizeof(buf), false, OGC_IMAGE_PNG, 0x7fffffffUL, 630);
	buf[16] = 0x80;
	assert_unknown(buf, sizeof(buf));
}

static void
test_zero_sizes_are_unknown(void **state)
{
	unsigned char buf[64];

	(void)state;
	copy_header(buf, png_1200x630, sizeof(png_1200x630));
	memset(buf + 16, 0, 4);
	assert_unknown(buf, sizeof(png_1200x630));
	copy_header(buf, png_1200x630, sizeof(png_1200x630));
	memset(buf + 20, 0, 4);
	assert_unknown(buf, sizeof(png_1200x630));

	copy_header(buf, gif89_320x200, sizeof(gif89_320x200));
	memset(buf + 6, 0, 2);
	assert_unknown(buf, sizeof(gif89_320x200));
	copy_header(buf, gif89_320x200, sizeof(gif89_320x200));
	memset(buf + 8, 0, 2);
	assert_unknown(buf, sizeof(gif89_320x200));

	/* Height 0: the height would come in a DNL segment after the scan. */
	copy_header(buf, jpeg_app_1200x630, sizeof(jpeg_app_1200x630));
	memset(buf + sizeof(jpeg_app_1200x630) - 4, 0, 2);
	assert_unknown(buf, sizeof(jpeg_app_1200x630));
	copy_header(buf, jpeg_app_1200x630, sizeof(jpeg_app_1200x630));
	memset(buf + sizeof(jpeg_app_1200x630) - 2, 0, 2);
	assert_unknown(buf, sizeof(jpeg_app_1200x630));

	/* 0x4000: a scale bit, and 0 pixels. */
	copy_header(buf, webp_vp8_1200x630, sizeof(webp_vp8_1200x630));
	buf[26] = 0x00;
	buf[27] = 0x40;
	assert_unknown(buf, sizeof(webp_vp8_1200x630));
	copy_header(buf, webp_vp8_1200x630, sizeof(webp_vp8_1200x630));
	memset(buf + 28, 0, 2);
	assert_unknown(buf, sizeof(webp_vp8_1200x630));
}

/* Writes n bytes to a new temporary file; its name in path. */
static void
temp_file(char *path, size_t size, const unsigned char *data, size_t n)
{
	FILE *f;
	int fd;

	snprintf(path, size, "/tmp/ogcheck-image-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/*
 * A file of the site is read as a fetched image is: the same answer as
 * from its bytes, and its whole size in bytes, however large it is.
 */
static void
test_image_file(void **state)
{
	struct ogc_image_info info;
	enum ogc_image_verdict v;
	long long bytes = -1;
	unsigned char *big;
	char path[64];
	char why[128];

	(void)state;
	temp_file(path, sizeof(path), jpeg_app_1200x630,
		sizeof(jpeg_app_1200x630));
	assert_true(ogc_image_file(path, &info, &v, &bytes, why, sizeof(why)));
	assert_int_equal(v, OGC_IMAGE_FOUND);
	assert_int_equal(info.format, OGC_IMAGE_JPEG);
	assert_int_equal(info.width, 1200);
	assert_int_equal(info.height, 630);
	assert_int_equal(bytes, (long long)sizeof(jpeg_app_1200x630));
	remove(path);

	big = calloc(1, 200000);
	assert_non_null(big);
	memcpy(big, png_1200x630, sizeof(png_1200x630));
	temp_file(path, sizeof(path), big, 200000);
	free(big);
	assert_true(ogc_image_file(path, &info, &v, &bytes, why, sizeof(why)));
	assert_int_equal(v, OGC_IMAGE_FOUND);
	assert_int_equal(info.format, OGC_IMAGE_PNG);
	assert_int_equal(bytes, 200000);
	remove(path);

	/* text is no image; a file that is not there says why */
	temp_file(path, sizeof(path), (const unsigned char *)"hello", 5);
	assert_true(ogc_image_file(path, &info, &v, &bytes, why, sizeof(why)));
	assert_int_equal(v, OGC_IMAGE_UNKNOWN);
	assert_int_equal(bytes, 5);
	remove(path);
	assert_false(ogc_image_file(path, &info, &v, &bytes, why, sizeof(why)));
	assert_string_equal(why, "No such file or directory");
}

static void
test_jpeg_segment_length_below_2_is_unknown(void **state)
{
	unsigned char buf[sizeof(jpeg_app_1200x630)];
	unsigned char sof[] = {
		0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0a, 0x08, 0x00, 0x10, 0x00, 0x20,
		0x01, 0x01, 0x11,
	};

	(void)state;
	copy_header(buf, jpeg_app_1200x630, sizeof(buf));
	buf[5] = 0x00;
	assert_unknown(buf, sizeof(buf));
	assert_unknown(buf, 6);
	buf[5] = 0x01;
	assert_unknown(buf, sizeof(buf));
	/* A frame header too short for one component (8 + 3 bytes). */
	assert_unknown(sof, sizeof(sof));
	assert_unknown(sof, 6);
}

static void
test_jpeg_scan_or_end_before_frame_is_unknown(void **state)
{
	unsigned char buf[sizeof(jpeg_app_1200x630)];
	static const unsigned char codes[] = { 0xda, 0xd9, 0xd8, 0x00 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(codes); i++) {
		copy_header(buf, jpeg_app_1200x630, sizeof(buf));
		buf[21] = codes[i];
		assert_unknown(buf, sizeof(buf));
		assert_unknown(buf, 22);
	}
	/* Something other than a marker where a marker belongs. */
	copy_header(buf, jpeg_app_1200x630, sizeof(buf));
	buf[20] = 0xfe;
	assert_unknown(buf, sizeof(buf));
	assert_unknown(buf, 21);
	assert_unknown((const unsigned char *)"\xff\xd8\x00", 3);
}

/*
 * Writes APP1 segments (zero-filled, up to 1002 bytes each) over
 * buf[pos..end); end - pos must be at least 4.
 */
static void
fill_app_segments(unsigned char *buf, size_t pos, size_t end)
{
	size_t total;

	while (pos < end) {
		total = end - pos > 2000 ? 1002 : end - pos;
		buf[pos] = 0xff;
		buf[pos + 1] = 0xe1;
		buf[pos + 2] = (unsigned char)((total - 2) >> 8);
		buf[pos + 3] = (unsigned char)((total - 2) & 0xff);
		memset(buf + pos + 4, 0, total - 4);
		pos += total;
	}
}

/*
 * A JPEG whose SOF0 marker (1200x630) starts at byte `at`, after a run of
 * APP1 segments, followed by the rest of its frame header. Sets *len.
 */
static unsigned char *
jpeg_frame_at(size_t at, size_t *len)
{
	static const unsigned char sof[] = {
		0xff, 0xc0, 0x00, 0x11, 0x08, 0x02, 0x76, 0x04, 0xb0,
		0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03,
	};
	unsigned char *buf;

	*len = at + sizeof(sof);
	buf = malloc(*len);
	assert_non_null(buf);
	buf[0] = 0xff;
	buf[1] = 0xd8;
	fill_app_segments(buf, 2, at);
	memcpy(buf + at, sof, sizeof(sof));
	return buf;
}

static void
test_jpeg_frame_beyond_head_max_is_past(void **state)
{
	struct ogc_image_info info;
	unsigned char *buf;
	size_t len;

	(void)state;
	/* The width ends exactly at OGC_IMAGE_HEAD_MAX: still read. */
	buf = jpeg_frame_at(OGC_IMAGE_HEAD_MAX - 9, &len);
	assert_int_equal(measure(buf, OGC_IMAGE_HEAD_MAX - 1, false, &info),
		OGC_IMAGE_MORE);
	assert_found(buf, OGC_IMAGE_HEAD_MAX, true, OGC_IMAGE_JPEG, 1200, 630);
	assert_found(buf, len, false, OGC_IMAGE_JPEG, 1200, 630);
	free(buf);
	/* One byte later: past, even though the bytes are there. */
	buf = jpeg_frame_at(OGC_IMAGE_HEAD_MAX - 8, &len);
	assert_past(buf, len);
	assert_past(buf, OGC_IMAGE_HEAD_MAX);
	free(buf);
	buf = jpeg_frame_at(OGC_IMAGE_HEAD_MAX + 1000, &len);
	assert_past(buf, len);
	assert_past(buf, OGC_IMAGE_HEAD_MAX);
	free(buf);
}

static void
test_jpeg_fill_run_beyond_head_max_is_past(void **state)
{
	size_t len = OGC_IMAGE_HEAD_MAX + 16;
	unsigned char *buf = malloc(len);
	struct ogc_image_info info;

	(void)state;
	assert_non_null(buf);
	memset(buf, 0xff, len);
	buf[1] = 0xd8;
	assert_int_equal(measure(buf, OGC_IMAGE_HEAD_MAX - 1, false, &info),
		OGC_IMAGE_MORE);
	assert_past(buf, OGC_IMAGE_HEAD_MAX);
	assert_past(buf, len);
	free(buf);
}

static void
test_webp_malformed_chunks_are_unknown(void **state)
{
	unsigned char buf[32];

	(void)state;
	/* VP8: chunk too small, not a key frame, no start code. */
	copy_header(buf, webp_vp8_1200x630, sizeof(webp_vp8_1200x630));
	buf[16] = 0x09;
	assert_unknown(buf, sizeof(webp_vp8_1200x630));
	assert_unknown(buf, 20);
	copy_header(buf, webp_vp8_1200x630, sizeof(webp_vp8_1200x630));
	buf[20] |= 0x01;
	assert_unknown(buf, sizeof(webp_vp8_1200x630));
	assert_unknown(buf, 21);
	copy_header(buf, webp_vp8_1200x630, sizeof(webp_vp8_1200x630));
	buf[24] = 0x02;
	assert_unknown(buf, sizeof(webp_vp8_1200x630));
	assert_unknown(buf, 25);

	/* VP8L: chunk too small, wrong signature, a version other than 0. */
	copy_header(buf, webp_vp8l_1200x630, sizeof(webp_vp8l_1200x630));
	buf[16] = 0x04;
	assert_unknown(buf, sizeof(webp_vp8l_1200x630));
	copy_header(buf, webp_vp8l_1200x630, sizeof(webp_vp8l_1200x630));
	buf[20] = 0x2e;
	assert_unknown(buf, sizeof(webp_vp8l_1200x630));
	assert_unknown(buf, 21);
	copy_header(buf, webp_vp8l_1200x630, sizeof(webp_vp8l_1200x630));
	buf[24] = 0x20;
	assert_unknown(buf, sizeof(webp_vp8l_1200x630));

	/* VP8X: chunk too small. */
	copy_header(buf, webp_vp8x_1200x630, sizeof(webp_vp8x_1200x630));
	buf[16] = 0x09;
	assert_unknown(buf, sizeof(webp_vp8x_1200x630));
	assert_unknown(buf, 20);
}

/* A linear congruential generator: the same bytes on every run. */
static unsigned char
next_byte(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (unsigned char)(*seed >> 16);
}

/*
 * Feeds every prefix of random buffers (some starting as a valid header,
 * with a few bytes changed): no read past the end (the copies in measure()
 * are exact), answers that fit the contract, and an answer other than MORE
 * that stays the same as the buffer grows.
 */
static void
test_random_prefixes_do_not_crash(void **state)
{
	enum { ROUNDS = 3000, SIZE = 48 };
	unsigned char buf[SIZE];
	struct ogc_image_info info;
	struct ogc_image_info first;
	enum ogc_image_verdict v;
	enum ogc_image_verdict settled;
	const struct header *h;
	uint32_t seed = 20240611u;
	size_t round;
	size_t at;
	size_t n;
	size_t i;

	(void)state;
	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < SIZE; i++) {
			buf[i] = next_byte(&seed);
		}
		if (round % 4 != 0) {
			h = &headers[round % HEADER_COUNT];
			copy_header(buf, h->bytes, h->len);
			for (i = 0; i < round % 3; i++) {
				at = next_byte(&seed) % h->len;
				buf[at] = next_byte(&seed);
			}
		}
		settled = OGC_IMAGE_MORE;
		memset(&first, 0, sizeof(first));
		for (n = 0; n <= SIZE; n++) {
			v = measure(buf, n, true, &info);
			assert_true(v == OGC_IMAGE_FOUND || v == OGC_IMAGE_UNKNOWN ||
				v == OGC_IMAGE_PAST);
			v = measure(buf, n, false, &info);
			assert_true(v == OGC_IMAGE_MORE || v == OGC_IMAGE_FOUND ||
				v == OGC_IMAGE_UNKNOWN || v == OGC_IMAGE_PAST);
			if (v == OGC_IMAGE_PAST) {
				assert_int_equal(info.format, OGC_IMAGE_JPEG);
				assert_int_equal(info.width, 0);
			} else if (v == OGC_IMAGE_FOUND) {
				assert_int_not_equal(info.format, OGC_IMAGE_NONE);
				assert_true(info.width > 0 && info.height > 0);
			} else if (v == OGC_IMAGE_UNKNOWN) {
				assert_int_equal(info.format, OGC_IMAGE_NONE);
			}
			if (settled != OGC_IMAGE_MORE) {
				assert_int_equal(v, settled);
				assert_int_equal(info.format, first.format);
				assert_int_equal(info.width, first.width);
				assert_int_equal(info.height, first.height);
			} else if (v != OGC_IMAGE_MORE) {
				settled = v;
				first = info;
			}
		}
	}
}

static void
test_format_names(void **state)
{
	(void)state;
	assert_string_equal(ogc_image_format_name(OGC_IMAGE_PNG), "PNG");
	assert_string_equal(ogc_image_format_name(OGC_IMAGE_JPEG), "JPEG");
	assert_string_equal(ogc_image_format_name(OGC_IMAGE_GIF), "GIF");
	assert_string_equal(ogc_image_format_name(OGC_IMAGE_WEBP), "WebP");
	assert_string_equal(ogc_image_format_name(OGC_IMAGE_NONE), "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_size_from_ihdr),
		cmocka_unit_test(test_gif_87a_and_89a_sizes),
		cmocka_unit_test(test_jpeg_size_after_app_segments),
		cmocka_unit_test(test_jpeg_progressive_frame_after_tables),
		cmocka_unit_test(test_jpeg_skips_fill_bytes_and_standalone_markers),
		cmocka_unit_test(test_jpeg_only_sof_markers_give_the_size),
		cmocka_unit_test(test_webp_lossy_vp8),
		cmocka_unit_test(test_webp_lossless_vp8l),
		cmocka_unit_test(test_webp_extended_vp8x),
		cmocka_unit_test(test_every_proper_prefix_needs_more),
		cmocka_unit_test(test_truncated_header_is_unknown_when_complete),
		cmocka_unit_test(test_format_known_before_size),
		cmocka_unit_test(test_empty_input_needs_more_unless_complete),
		cmocka_unit_test(test_text_is_unknown_at_once),
		cmocka_unit_test(test_signature_mismatch_is_unknown_early),
		cmocka_unit_test(test_png_first_chunk_not_ihdr_is_unknown),
		cmocka_unit_test(test_png_size_above_2_31_is_unknown),
		cmocka_unit_test(test_zero_sizes_are_unknown),
		cmocka_unit_test(test_jpeg_segment_length_below_2_is_unknown),
		cmocka_unit_test(test_image_file),
		cmocka_unit_test(test_jpeg_scan_or_end_before_frame_is_unknown),
		cmocka_unit_test(test_jpeg_frame_beyond_head_max_is_past),
		cmocka_unit_test(test_jpeg_fill_run_beyond_head_max_is_past),
		cmocka_unit_test(test_webp_malformed_chunks_are_unknown),
		cmocka_unit_test(test_random_prefixes_do_not_crash),
		cmocka_unit_test(test_format_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
