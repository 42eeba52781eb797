/* index_file.c: the cross-page index kept between runs (--index FILE). */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "util/util.h"

/*
 * The format (docs/index-file.md), every number little-endian:
 *
 *   "OGCINDX\n"  8 bytes
 *   version      u32 (OGC_INDEX_FILE_VERSION)
 *   fingerprint  u64, the rules and options the pages were read under
 *   the pages, each:
 *     name       u16 length (1..4095), the bytes, a NUL
 *     target     u16 length (0..8000), the bytes and a NUL when not 0
 *     flags      u8 (OGC_XP_*)
 *     has        u16: bit f the hash of field f, bit 7 the page's URL,
 *                bit 8 its id; each u64 of them follows in that order
 *     group, section, stamp, size   u64 each
 *     mtime      i64 seconds, u32 nanoseconds
 *   count        u32, the pages
 *   checksum     u64, FNV-1a of every byte before it
 *
 * The count and checksum come last so that the file is written as it is
 * made, page by page, in no more memory than a page takes.
 */

static const char magic[8] = "OGCINDX\n";

/* The most bytes an index file may have: 256 MiB, over 1.5 M pages. */
#define MAX_FILE (256u * 1024 * 1024)

/* The most bytes a page takes. */
#define MAX_PAGE (2 + OGC_INDEX_MAX_NAME + 1 + 2 + OGC_INDEX_MAX_TARGET + 1 + \
	1 + 2 + (OGC_XP_FIELDS + 2) * 8 + 4 * 8 + 8 + 4)

enum {
	HEAD = 8 + 4 + 8,
	TAIL = 4 + 8,
	HAS_URL = 1 << OGC_XP_FIELDS,
	HAS_ID = 1 << (OGC_XP_FIELDS + 1),
	HAS_ALL = (1 << (OGC_XP_FIELDS + 2)) - 1,
	/* a page's fewest bytes: a name of one byte, no target, no hash */
	LEAST = 2 + 2 + 2 + 1 + 2 + 4 * 8 + 8 + 4,
};

/* A reader of data[0..len) that stops at its end. */
struct cursor {
	const unsigned char *p;
	const unsigned char *end;
	bool short_read;
};

static uint64_t
get(struct cursor *c, size_t n)
{
	uint64_t v = 0;
	size_t i;

	if ((size_t)(c->end - c->p) < n) {
		c->short_read = true;
		c->p = c->end;
		return 0;
	}
	for (i = 0; i < n; i++) {
		v |= (uint64_t)c->p[i] << (8 * i);
	}
	c->p += n;
	return v;
}

/*
 * A string of at most `max` bytes: its u16 length, the bytes, a NUL (none
 * when it is empty and `may_be_empty`). NULL for an empty one, or when
 * it is not one (*bad set).
 */
static const char *
get_string(struct cursor *c, size_t max, bool may_be_empty, bool *bad)
{
	size_t len = (size_t)get(c, 2);
	const char *s = (const char *)c->p;

	if (c->short_read || (len == 0 && may_be_empty)) {
		return NULL;
	}
	if (len == 0 || len > max) {
		*bad = true;
		return NULL;
	}
	if ((size_t)(c->end - c->p) < len + 1) {
		c->short_read = true;
		c->p = c->end;
		return NULL;
	}
	/* one string: no NUL inside, one after */
	if (memchr(s, '\0', len) != NULL || s[len] != '\0') {
		*bad = true;
		return NULL;
	}
	c->p += len + 1;
	return s;
}

static bool
fail(char *why, size_t size, const char *text)
{
	snprintf(why, size, "%s", text);
	return false;
}

/* Reads one page at c into *e; false when it is not one (*bad). */
static bool
get_entry(struct cursor *c, struct ogc_index_entry *e, bool *bad)
{
	unsigned has;
	int f;

	memset(e, 0, sizeof(*e));
	e->name = get_string(c, OGC_INDEX_MAX_NAME, false, bad);
	e->target = get_string(c, OGC_INDEX_MAX_TARGET, true, bad);
	e->page.flags = (uint8_t)get(c, 1);
	has = (unsigned)get(c, 2);
	if (*bad || c->short_read || (has & ~(unsigned)HAS_ALL) != 0) {
		*bad = *bad || !c->short_read;
		return false;
	}
	for (f = 0; f < OGC_XP_FIELDS; f++) {
		if ((has & 1u << f) != 0) {
			e->page.hash[f] = get(c, 8);
		}
	}
	e->page.url = (has & HAS_URL) != 0 ? get(c, 8) : 0;
	e->page.id = (has & HAS_ID) != 0 ? get(c, 8) : 0;
	e->group = get(c, 8);
	e->section = get(c, 8);
	e->stamp = get(c, 8);
	e->size = get(c, 8);
	e->mtime_sec = (int64_t)get(c, 8);
	e->mtime_nsec = (uint32_t)get(c, 4);
	/* a target only with the flag that says the page has one */
	if (!c->short_read && (e->target != NULL) !=
		((e->page.flags & OGC_XP_TARGET) != 0)) {
		*bad = true;
	}
	return !c->short_read && !*bad;
}

bool
ogc_index_file_parse(const unsigned char *data, size_t len,
	struct ogc_index_file *out, char *why, size_t size)
{
	struct cursor c = {data, data + len, false};
	struct cursor tail;
	struct ogc_index_entry e;
	unsigned version;
	size_t count;
	size_t i;
	bool bad = false;

	memset(out, 0, sizeof(*out));
	if (len < sizeof(magic) || memcmp(data, magic, sizeof(magic)) != 0) {
		return fail(why, size, len < sizeof(magic) &&
			memcmp(data, magic, len) == 0 ? "truncated" :
			"not an ogcheck index file");
	}
	c.p += sizeof(magic);
	version = (unsigned)get(&c, 4);
	if (c.short_read) {
		return fail(why, size, "truncated");
	}
	if (version != OGC_INDEX_FILE_VERSION) {
		snprintf(why, size, "format version %u, not %u", version,
			OGC_INDEX_FILE_VERSION);
		return false;
	}
	out->fingerprint = get(&c, 8);
	if (c.short_read || len < HEAD + TAIL) {
		return fail(why, size, "truncated");
	}
	if (len > MAX_FILE) {
		return fail(why, size, "too large");
	}
	/* the checksum first: a damaged file is told as such, and the
	   count is then the writer's */
	c.end = data + len - TAIL;
	tail.p = c.end;
	tail.end = data + len;
	tail.short_read = false;
	count = (size_t)get(&tail, 4);
	if (ogc_hash64(OGC_HASH64_START, data, len - 8) != get(&tail, 8)) {
		return fail(why, size, "truncated or damaged (its checksum "
			"does not match)");
	}
	/* no more pages than the bytes could hold: memory bounded by len */
	if (count > (len - HEAD - TAIL) / LEAST) {
		return fail(why, size, "damaged (more pages than bytes)");
	}
	out->offsets = malloc((count + 1) * sizeof(*out->offsets));
	if (out->offsets == NULL) {
		return fail(why, size, "out of memory");
	}
	for (i = 0; i < count; i++) {
		out->offsets[i] = (uint32_t)(c.p - data);
		if (!get_entry(&c, &e, &bad)) {
			break;
		}
	}
	if (i < count || c.p != c.end) {
		free(out->offsets);
		memset(out, 0, sizeof(*out));
		return fail(why, size, bad ? "damaged (a page that is not one)" :
			c.short_read ? "truncated" : "damaged (bytes after the "
			"pages)");
	}
	out->count = count;
	out->data = data;
	out->end = len - TAIL;
	return true;
}

void
ogc_index_file_entry(const struct ogc_index_file *file, size_t i,
	struct ogc_index_entry *e)
{
	struct cursor c = {file->data + file->offsets[i], file->data +
		file->end, false};
	bool bad = false;

	get_entry(&c, e, &bad);
}

bool
ogc_index_file_read(const char *path, struct ogc_index_file *out,
	char *why, size_t size)
{
	unsigned char *data = NULL;
	size_t len = 0;
	size_t cap = 0;
	size_t n;
	FILE *f = fopen(path, "rb");
	bool ok = f != NULL;

	memset(out, 0, sizeof(*out));
	if (f == NULL) {
		snprintf(why, size, "cannot read it: %s", strerror(errno));
		return false;
	}
	/* read as it comes (no size asked first): a file that grows as it
	   is read still stops at MAX_FILE */
	while (ok && len <= MAX_FILE) {
		ok = ogc_array_reserve(&data, &cap, len + 65536, 1, 65536);
		n = ok ? fread(data + len, 1, cap - len, f) : 0;
		len += n;
		if (n == 0) {
			break;
		}
	}
	ok = ok && !ferror(f);
	fclose(f);
	if (!ok || len > MAX_FILE) {
		free(data);
		return fail(why, size, !ok ? "cannot read it" : "too large");
	}
	if (len == 0) {
		free(data);
		return fail(why, size, "empty");
	}
	if (!ogc_index_file_parse(data, len, out, why, size)) {
		free(data);
		return false;
	}
	out->owned = data;
	return true;
}

void
ogc_index_file_finish(struct ogc_index_file *file)
{
	free(file->offsets);
	free(file->owned);
	memset(file, 0, sizeof(*file));
}

/* A page being encoded: its bytes so far. */
struct ogc_index_bytes {
	unsigned char bytes[MAX_PAGE];
	size_t len;
};

static void
put(struct ogc_index_bytes *b, uint64_t v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		b->bytes[b->len++] = (unsigned char)(v >> (8 * i) & 0xff);
	}
}

static void
put_string(struct ogc_index_bytes *b, const char *s, size_t len)
{
	put(b, len, 2);
	if (len > 0) {
		memcpy(b->bytes + b->len, s, len);
		b->bytes[b->len + len] = '\0';
		b->len += len + 1;
	}
}

/* Encodes e, whose name and target are of lengths n and t that fit. */
static void
put_entry(struct ogc_index_bytes *b, const struct ogc_index_entry *e, size_t n,
	size_t t)
{
	unsigned has = 0;
	int f;

	for (f = 0; f < OGC_XP_FIELDS; f++) {
		has |= e->page.hash[f] != 0 ? 1u << f : 0;
	}
	has |= e->page.url != 0 ? HAS_URL : 0;
	has |= e->page.id != 0 ? HAS_ID : 0;
	put_string(b, e->name, n);
	put_string(b, e->target, t);
	put(b, (uint8_t)((e->page.flags & ~OGC_XP_TARGET) |
		(e->target != NULL ? OGC_XP_TARGET : 0)), 1);
	put(b, has, 2);
	for (f = 0; f < OGC_XP_FIELDS; f++) {
		if (e->page.hash[f] != 0) {
			put(b, e->page.hash[f], 8);
		}
	}
	if (e->page.url != 0) {
		put(b, e->page.url, 8);
	}
	if (e->page.id != 0) {
		put(b, e->page.id, 8);
	}
	put(b, e->group, 8);
	put(b, e->section, 8);
	put(b, e->stamp, 8);
	put(b, e->size, 8);
	put(b, (uint64_t)e->mtime_sec, 8);
	put(b, e->mtime_nsec, 4);
}

/* Writes b's bytes to the file, into its checksum. */
static void
emit(struct ogc_index_out *out, const struct ogc_index_bytes *b)
{
	if (out->f == NULL || out->errnum != 0) {
		return;
	}
	if (fwrite(b->bytes, 1, b->len, out->f) != b->len) {
		out->errnum = errno != 0 ? errno : EIO;
	}
	out->hash = ogc_hash64(out->hash, b->bytes, b->len);
}

bool
ogc_index_out_init(struct ogc_index_out *out, const char *path,
	uint64_t fingerprint, struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	struct ogc_index_bytes *b = malloc(sizeof(*b));

	memset(out, 0, sizeof(*out));
	out->path = path;
	out->hash = OGC_HASH64_START;
	ogc_strbuf_addf(&out->tmp, "%s.tmp%ld", path, (long)getpid());
	if (b == NULL || out->tmp.failed) {
		free(b);
		ogc_strbuf_finish(&out->tmp);
		return ogc_error_nomem(err);
	}
	out->f = fopen(out->tmp.data, "wb");
	if (out->f == NULL) {
		ogc_error_set(err, OGC_ERR_IO, path, none, "cannot write the "
			"index: %s", strerror(errno));
		ogc_strbuf_finish(&out->tmp);
		free(b);
		return false;
	}
	out->page = b;
	memcpy(b->bytes, magic, sizeof(magic));
	b->len = sizeof(magic);
	put(b, OGC_INDEX_FILE_VERSION, 4);
	put(b, fingerprint, 8);
	emit(out, b);
	return true;
}

void
ogc_index_out_add(struct ogc_index_out *out, const struct ogc_index_entry *e)
{
	size_t n = strlen(e->name);
	size_t t = e->target != NULL ? strlen(e->target) : 0;

	if (n == 0 || n > OGC_INDEX_MAX_NAME || (e->target != NULL &&
		(t == 0 || t > OGC_INDEX_MAX_TARGET)) || out->count >=
		UINT32_MAX) {
		return; /* read again by the next run */
	}
	out->page->len = 0;
	put_entry(out->page, e, n, t);
	emit(out, out->page);
	out->count++;
}

bool
ogc_index_out_write(struct ogc_index_out *out, struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	struct ogc_index_bytes *b = out->page;
	bool ok;

	b->len = 0;
	put(b, out->count, 4);
	emit(out, b);
	b->len = 0;
	put(b, out->hash, 8);
	emit(out, b);
	ok = out->errnum == 0;
	if (fclose(out->f) != 0 && ok) {
		out->errnum = errno;
		ok = false;
	}
	out->f = NULL;
	if (ok && rename(out->tmp.data, out->path) != 0) {
		out->errnum = errno;
		ok = false;
	}
	if (!ok) {
		ogc_error_set(err, OGC_ERR_IO, out->path, none, "cannot write "
			"the index: %s", strerror(out->errnum));
	}
	ogc_index_out_finish(out);
	return ok;
}

void
ogc_index_out_finish(struct ogc_index_out *out)
{
	if (out->f != NULL) {
		fclose(out->f);
	}
	if (out->f != NULL || out->errnum != 0) {
		remove(out->tmp.data); /* never half a file left behind */
	}
	ogc_strbuf_finish(&out->tmp);
	free(out->page);
	memset(out, 0, sizeof(*out));
}
