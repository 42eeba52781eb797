/* image.c: pixel size of PNG, JPEG, GIF and WebP images from their first bytes. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "net/net.h"

/* PNG (RFC 2083, section 11.2.2) caps width and height at 2^31 - 1. */
#define PNG_SIZE_MAX 0x7fffffffUL

static unsigned long
be16(const unsigned char *p)
{
	return ((unsigned long)p[0] << 8) | p[1];
}

static unsigned long
le16(const unsigned char *p)
{
	return ((unsigned long)p[1] << 8) | p[0];
}

static unsigned long
be32(const unsigned char *p)
{
	return ((unsigned long)p[0] << 24) | ((unsigned long)p[1] << 16) |
		((unsigned long)p[2] << 8) | p[3];
}

static unsigned long
le24(const unsigned char *p)
{
	return ((unsigned long)p[2] << 16) | ((unsigned long)p[1] << 8) | p[0];
}

static unsigned long
le32(const unsigned char *p)
{
	return ((unsigned long)p[3] << 24) | le24(p);
}

/*
 * Whether the bytes of data[0..len) from `off` on agree with the n bytes of
 * `want`, as far as there are any: "GI" agrees with "GIF8" at offset 0,
 * and so does "" (nothing contradicts it yet), but "GIX" does not.
 */
static bool
agrees(const unsigned char *data, size_t len, size_t off, const char *want,
	size_t n)
{
	size_t i;

	for (i = 0; i < n && off + i < len; i++) {
		if (data[off + i] != (unsigned char)want[i]) {
			return false;
		}
	}
	return true;
}

/* Stores a size, which must not be 0 in either direction. */
static enum ogc_image_verdict
sized(struct ogc_image_info *out, unsigned long width, unsigned long height)
{
	if (width == 0 || height == 0) {
		return OGC_IMAGE_UNKNOWN;
	}
	out->width = width;
	out->height = height;
	return OGC_IMAGE_FOUND;
}

/*
 * PNG: the 8-byte signature, then the first chunk, which must be IHDR with
 * its length 13, its type and a big-endian u32 width and height:
 * 89 50 4e 47 0d 0a 1a 0a  00 00 00 0d  49 48 44 52  00 00 04 b0  00 00 02 76
 * is 1200x630.
 */
static enum ogc_image_verdict
read_png(const unsigned char *data, size_t len, struct ogc_image_info *out)
{
	static const char head[] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR";

	if (!agrees(data, len, 0, head, 8)) {
		return OGC_IMAGE_UNKNOWN;
	}
	if (len < 8) {
		return OGC_IMAGE_MORE;
	}
	out->format = OGC_IMAGE_PNG;
	if (!agrees(data, len, 8, head + 8, 8)) {
		return OGC_IMAGE_UNKNOWN;
	}
	if (len < 24) {
		return OGC_IMAGE_MORE;
	}
	if (be32(data + 16) > PNG_SIZE_MAX || be32(data + 20) > PNG_SIZE_MAX) {
		return OGC_IMAGE_UNKNOWN;
	}
	return sized(out, be32(data + 16), be32(data + 20));
}

/*
 * GIF: "GIF87a" or "GIF89a", then the logical screen width and height as
 * little-endian u16: "GIF89a" 40 01 c8 00 is 320x200.
 */
static enum ogc_image_verdict
read_gif(const unsigned char *data, size_t len, struct ogc_image_info *out)
{
	if (!agrees(data, len, 0, "GIF8", 4) ||
		(len > 4 && data[4] != '7' && data[4] != '9') ||
		!agrees(data, len, 5, "a", 1)) {
		return OGC_IMAGE_UNKNOWN;
	}
	if (len < 6) {
		return OGC_IMAGE_MORE;
	}
	out->format = OGC_IMAGE_GIF;
	if (len < 10) {
		return OGC_IMAGE_MORE;
	}
	return sized(out, le16(data + 6), le16(data + 8));
}

/* A JPEG segment that ends at byte `end` (exclusive) is not in data yet. */
static enum ogc_image_verdict
jpeg_short(size_t end)
{
	return end > OGC_IMAGE_HEAD_MAX ? OGC_IMAGE_PAST : OGC_IMAGE_MORE;
}

/* SOF0..SOF15 (ITU T.81, table B.1), without DHT, JPG and DAC. */
static bool
jpeg_is_sof(unsigned marker)
{
	return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 &&
		marker != 0xc8 && marker != 0xcc;
}

/*
 * JPEG (ITU T.81, annex B): SOI (ff d8), then segments up to the frame
 * header. A segment is a marker (ff, any number of ff fill bytes, a code)
 * and, unless the code is RSTn (d0..d7) or TEM (01), a big-endian u16
 * length that counts itself. The frame header (SOFn) holds the precision,
 * then the height and the width as big-endian u16:
 * ff d8  ff e0 00 04 00 00  ff ff c0 00 11 08 02 76 04 b0 is 1200x630.
 * A scan (SOS) or the end (EOI) before any SOFn gives up; a frame header
 * past OGC_IMAGE_HEAD_MAX bytes is OGC_IMAGE_PAST.
 */
static enum ogc_image_verdict
read_jpeg(const unsigned char *data, size_t len, struct ogc_image_info *out)
{
	size_t pos = 2;
	unsigned marker;
	unsigned long seglen;

	if (len < 2) {
		return OGC_IMAGE_MORE;
	}
	if (data[1] != 0xd8) {
		return OGC_IMAGE_UNKNOWN;
	}
	out->format = OGC_IMAGE_JPEG;
	for (;;) {
		if (pos >= len || pos >= OGC_IMAGE_HEAD_MAX) {
			return jpeg_short(pos + 1);
		}
		if (data[pos] != 0xff) {
			return OGC_IMAGE_UNKNOWN;
		}
		while (pos < len && pos < OGC_IMAGE_HEAD_MAX && data[pos] == 0xff) {
			pos++;
		}
		if (pos >= len || pos >= OGC_IMAGE_HEAD_MAX) {
			return jpeg_short(pos + 1);
		}
		marker = data[pos];
		pos++;
		if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			continue;
		}
		if (marker == 0x00 || marker == 0xd8 || marker == 0xd9 ||
			marker == 0xda) {
			return OGC_IMAGE_UNKNOWN;
		}
		if (pos + 2 > len || pos + 2 > OGC_IMAGE_HEAD_MAX) {
			return jpeg_short(pos + 2);
		}
		seglen = be16(data + pos);
		if (seglen < 2) {
			return OGC_IMAGE_UNKNOWN;
		}
		if (jpeg_is_sof(marker)) {
			/* 8 + 3 bytes per component, and there is at least one. */
			if (seglen < 11) {
				return OGC_IMAGE_UNKNOWN;
			}
			if (pos + 7 > len || pos + 7 > OGC_IMAGE_HEAD_MAX) {
				return jpeg_short(pos + 7);
			}
			return sized(out, be16(data + pos + 5), be16(data + pos + 3));
		}
		pos += seglen;
	}
}

/*
 * The "VP8 " chunk of a lossy WebP (RFC 9649, section 2.5; RFC 6386,
 * section 9.1), payload at byte 20: a 3-byte frame tag whose lowest bit is
 * 0 for a key frame, the start code 9d 01 2a, then the width and the
 * height as little-endian u16 whose top 2 bits are a scale, not pixels:
 * 50 12 00  9d 01 2a  b0 04  76 02 is 1200x630.
 */
static enum ogc_image_verdict
read_vp8(const unsigned char *data, size_t len, struct ogc_image_info *out)
{
	if ((len >= 20 && le32(data + 16) < 10) ||
		(len >= 21 && (data[20] & 1) != 0) ||
		!agrees(data, len, 23, "\x9d\x01\x2a", 3)) {
		return OGC_IMAGE_UNKNOWN;
	}
	if (len < 30) {
		return OGC_IMAGE_MORE;
	}
	return sized(out, le16(data + 26) & 0x3fff, le16(data + 28) & 0x3fff);
}

/*
 * The "VP8L" chunk of a lossless WebP (RFC 9649, section 3.2), payload at
 * byte 20: the signature 2f, then a little-endian u32 holding width - 1
 * (bits 0..13), height - 1 (bits 14..27), an alpha hint (bit 28) and a
 * version that must be 0 (bits 29..31): 2f af 44 9d 00 is 1200x630.
 */
static enum ogc_image_verdict
read_vp8l(const unsigned char *data, size_t len, struct ogc_image_info *out)
{
	unsigned long bits;

	if ((len >= 20 && le32(data + 16) < 5) || !agrees(data, len, 20, "\x2f", 1)) {
		return OGC_IMAGE_UNKNOWN;
	}
	if (len < 25) {
		return OGC_IMAGE_MORE;
	}
	bits = le32(data + 21);
	if ((bits >> 29) != 0) {
		return OGC_IMAGE_UNKNOWN;
	}
	return sized(out, (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
}

/*
 * The "VP8X" chunk of an extended WebP (RFC 9649, section 2.7), payload at
 * byte 20: flags, 3 reserved bytes, then the canvas width - 1 and height - 1
 * as little-endian u24: 10 00 00 00  af 04 00  75 02 00 is 1200x630.
 */
static enum ogc_image_verdict
read_vp8x(const unsigned char *data, size_t len, struct ogc_image_info *out)
{
	if (len >= 20 && le32(data + 16) < 10) {
		return OGC_IMAGE_UNKNOWN;
	}
	if (len < 30) {
		return OGC_IMAGE_MORE;
	}
	return sized(out, le24(data + 24) + 1, le24(data + 27) + 1);
}

/*
 * WebP: "RIFF", the little-endian u32 file size, "WEBP", then the first
 * chunk: a FourCC ("VP8 ", "VP8L" or "VP8X"), its little-endian u32 size
 * and its payload at byte 20.
 */
static enum ogc_image_verdict
read_webp(const unsigned char *data, size_t len, struct ogc_image_info *out)
{
	if (!agrees(data, len, 0, "RIFF", 4) || !agrees(data, len, 8, "WEBP", 4)) {
		return OGC_IMAGE_UNKNOWN;
	}
	if (len < 12) {
		return OGC_IMAGE_MORE;
	}
	out->format = OGC_IMAGE_WEBP;
	if (!agrees(data, len, 12, "VP8", 3)) {
		return OGC_IMAGE_UNKNOWN;
	}
	if (len < 16) {
		return OGC_IMAGE_MORE;
	}
	if (data[15] == ' ') {
		return read_vp8(data, len, out);
	} else if (data[15] == 'L') {
		return read_vp8l(data, len, out);
	} else if (data[15] == 'X') {
		return read_vp8x(data, len, out);
	}
	return OGC_IMAGE_UNKNOWN;
}

/*
 * The first byte tells the formats apart (89 PNG, "G" GIF, ff JPEG, "R"
 * WebP); each reader answers MORE while the bytes so far may still begin
 * its format. UNKNOWN clears out->format, so that a format is only ever
 * reported with its size or while more bytes may bring the size.
 */
enum ogc_image_verdict
ogc_image_size(const unsigned char *data, size_t len, bool complete,
	struct ogc_image_info *out)
{
	enum ogc_image_verdict v;

	out->format = OGC_IMAGE_NONE;
	out->width = 0;
	out->height = 0;
	if (len == 0) {
		v = OGC_IMAGE_MORE;
	} else if (data[0] == 0x89) {
		v = read_png(data, len, out);
	} else if (data[0] == 'G') {
		v = read_gif(data, len, out);
	} else if (data[0] == 0xff) {
		v = read_jpeg(data, len, out);
	} else if (data[0] == 'R') {
		v = read_webp(data, len, out);
	} else {
		v = OGC_IMAGE_UNKNOWN;
	}
	if (v == OGC_IMAGE_MORE && complete) {
		v = OGC_IMAGE_UNKNOWN;
	}
	if (v == OGC_IMAGE_UNKNOWN) {
		out->format = OGC_IMAGE_NONE;
		out->width = 0;
		out->height = 0;
	}
	return v;
}

/* errno's text, from a worker thread (strerror_r, POSIX's form). */
static void
say_errno(char *why, size_t size)
{
	int e = errno;

	if (strerror_r(e, why, size) != 0) {
		snprintf(why, size, "error %d", e);
	}
}

/* The first read, then each next one doubles what was read. */
#define FILE_STEP 512

bool
ogc_image_file(const char *path, struct ogc_image_info *out,
	enum ogc_image_verdict *verdict, long long *bytes, char *why,
	size_t why_size)
{
	unsigned char *buf = NULL;
	unsigned char *grown;
	size_t len = 0;
	size_t cap = 0;
	size_t got;
	struct stat st;
	bool ok = false;
	bool end = false;
	FILE *f = fopen(path, "rb");

	if (f == NULL || fstat(fileno(f), &st) != 0) {
		say_errno(why, why_size);
		goto close;
	}
	*bytes = (long long)st.st_size;
	*verdict = OGC_IMAGE_MORE;
	while (*verdict == OGC_IMAGE_MORE) {
		cap = cap == 0 ? FILE_STEP : cap * 2;
		cap = cap > OGC_IMAGE_HEAD_MAX ? OGC_IMAGE_HEAD_MAX : cap;
		grown = realloc(buf, cap);
		if (grown == NULL) {
			snprintf(why, why_size, "out of memory");
			goto close;
		}
		buf = grown;
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (ferror(f)) {
			say_errno(why, why_size);
			goto close;
		}
		end = feof(f) || len == OGC_IMAGE_HEAD_MAX;
		*verdict = ogc_image_size(buf, len, end, out);
	}
	ok = true;
close:
	free(buf);
	if (f != NULL) {
		fclose(f);
	}
	return ok;
}

const char *
ogc_image_format_name(enum ogc_image_format format)
{
	switch (format) {
	case OGC_IMAGE_PNG:
		return "PNG";
	case OGC_IMAGE_JPEG:
		return "JPEG";
	case OGC_IMAGE_GIF:
		return "GIF";
	case OGC_IMAGE_WEBP:
		return "WebP";
	case OGC_IMAGE_NONE:
		break;
	}
	return "unknown";
}

const char *
ogc_image_media_type(enum ogc_image_format format)
{
	switch (format) {
	case OGC_IMAGE_PNG:
		return "image/png";
	case OGC_IMAGE_JPEG:
		return "image/jpeg";
	case OGC_IMAGE_GIF:
		return "image/gif";
	case OGC_IMAGE_WEBP:
		return "image/webp";
	case OGC_IMAGE_NONE:
		break;
	}
	return NULL;
}
