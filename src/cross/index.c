/* index.c: the index of pages the cross-page rules read. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "cross/cross.h"
#include "cross/cross_parts.h"

struct ogc_xp_index *
ogc_xp_index_create(void)
{
	struct ogc_xp_index *index = calloc(1, sizeof(*index));

	if (index == NULL) {
		return NULL;
	}
	index->reader = calloc(1, sizeof(*index->reader));
	if (index->reader == NULL) {
		free(index);
		return NULL;
	}
	/* read here and there: a record's values and name at a time */
	index->reader->window = 256;
	return index;
}

void
ogc_xp_index_destroy(struct ogc_xp_index *index)
{
	size_t i;

	if (index == NULL) {
		return;
	}
	for (i = 0; i < index->site_count; i++) {
		free(index->sites[i].root);
	}
	free(index->sites);
	free(index->pages);
	ogc_xp_store_finish(&index->records);
	ogc_xp_keys_finish(&index->keys);
	ogc_xp_names_finish(&index->names);
	ogc_xp_name_reader_finish(index->reader);
	free(index->reader);
	free(index->last_name);
	for (i = 0; i < index->part_count; i++) {
		free(index->parts[i].keys);
		ogc_xp_names_finish(&index->parts[i].names);
	}
	free(index->parts);
	free(index->chunk_part);
	free(index);
}

bool
ogc_xp_index_note_site(struct ogc_xp_index *index, const void *site,
	const char *root, bool whole)
{
	struct ogc_xp_site *s;
	size_t i;

	for (i = 0; i < index->site_count; i++) {
		if (index->sites[i].site == site) {
			index->sites[i].whole = index->sites[i].whole || whole;
			return true;
		}
	}
	if (!ogc_array_reserve(&index->sites, &index->site_cap,
		index->site_count + 1, sizeof(*index->sites), 4)) {
		return false;
	}
	s = &index->sites[index->site_count];
	s->site = site;
	s->whole = whole;
	s->root = strdup(root);
	if (s->root == NULL) {
		return false;
	}
	index->site_count++;
	return true;
}

const void *
ogc_xp_index_partial_site(const struct ogc_xp_index *index, size_t i,
	const char **root)
{
	size_t n = 0;
	size_t k;

	for (k = 0; k < index->site_count; k++) {
		if (!index->sites[k].whole && n++ == i) {
			*root = index->sites[k].root;
			return index->sites[k].site;
		}
	}
	return NULL;
}

/*
 * A record: a head word (a varint: whether its entry is in the names'
 * file, the hashes of the fields it has, og:url equal to the canonical
 * URL, its own URL, its id, then its flags), its group, section and
 * rules (varints), the values, the URL it names (ended by NUL), then
 * where its entry starts in the names' file (a varint): there, the
 * values in full (8 bytes each), the name (ended by NUL) and where its
 * fields are (put_places()), and in the record their short forms (3
 * bytes each, short_value()). Without a file (or once it took no more),
 * the values in full, the name and the places are the record's. The
 * bits a page of a source folder usually has are the word's first seven,
 * one byte.
 */
enum {
	HAS_SPILLED = 1 << 0,
	/* 1 to 7: the hashes, field_bit[] */
	HAS_OG_URL_CANONICAL = 1 << 8,
	HAS_URL = 1 << 9,
	HAS_ID = 1 << 10,
	HEAD_FLAGS = 11, /* the flags, from this bit on */
};

/* The bit of the head word that says a field's hash is in the record. */
static const unsigned char field_bit[OGC_XP_FIELDS] = {
	[OGC_XP_TITLE] = 1,
	[OGC_XP_DESCRIPTION] = 2,
	[OGC_XP_OG_TITLE] = 3,
	[OGC_XP_OG_IMAGE] = 4,
	[OGC_XP_OG_URL] = 5,
	[OGC_XP_CANONICAL] = 6,
	[OGC_XP_OG_DESCRIPTION] = 7,
};

/* A record read. */
struct record {
	struct ogc_xp_page page; /* its values short when spilled */
	const struct ogc_xp_names *names; /* the file of its name */
	bool spilled;       /* its values and name are there, at name_at */
	uint32_t has;       /* its head word */
	unsigned values;    /* how many values it has */
	uint32_t name_at;
	const char *name;   /* else the name, and after it its places */
	const char *target; /* or NULL */
};

/*
 * The most bytes put_places() puts: a length, a mask, then each field's
 * line and column (varints of up to 5 bytes) and spelling. PIPED: the
 * bit of the mask that says the page came from standard input.
 */
#define PLACES_MAX (2 + OGC_XP_FIELDS * 11)
#define PIPED 0x80u

static unsigned char *
put_varint(unsigned char *p, uint32_t v)
{
	while (v >= 0x80) {
		*p++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	return p;
}

static inline const unsigned char *
get_varint(const unsigned char *p, uint32_t *v)
{
	unsigned shift = 0;

	if (*p < 0x80) {
		*v = *p; /* the usual one byte */
		return p + 1;
	}
	*v = 0;
	while ((*p & 0x80) != 0) {
		*v |= (uint32_t)(*p++ & 0x7f) << shift;
		shift += 7;
	}
	*v |= (uint32_t)*p++ << shift;
	return p;
}

static unsigned char *
put_u64(unsigned char *p, uint64_t v)
{
	memcpy(p, &v, sizeof(v));
	return p + sizeof(v);
}

static const unsigned char *
get_u64(const unsigned char *p, uint64_t *v)
{
	memcpy(v, p, sizeof(*v));
	return p + sizeof(*v);
}

/*
 * Where the fields are of a page (NULL: not known, to be read again from
 * its file), after its name: the length of what follows (0: not known),
 * a mask of the fields placed (and PIPED), and for each its line and
 * column (varints) and spelling. Returns the bytes put.
 */
static size_t
put_places(unsigned char *out, const struct ogc_xp_places *places)
{
	unsigned char *p = out + 2;
	unsigned mask = 0;
	int f;

	out[0] = 0;
	if (places == NULL) {
		return 1;
	}
	for (f = 0; f < OGC_XP_FIELDS; f++) {
		if (places->pos[f].line == 0) {
			continue;
		}
		mask |= 1u << f;
		p = put_varint(p, places->pos[f].line);
		p = put_varint(p, places->pos[f].column);
		*p++ = places->spelling[f];
	}
	out[0] = (unsigned char)(p - out - 1);
	out[1] = (unsigned char)(mask | (places->piped ? PIPED : 0));
	return (size_t)(p - out);
}

/* Reads what put_places() put after its length byte, len bytes. */
static void
get_places(const unsigned char *p, struct ogc_xp_places *out)
{
	unsigned mask = *p++;
	uint32_t v;
	int f;

	memset(out, 0, sizeof(*out));
	out->piped = (mask & PIPED) != 0;
	for (f = 0; f < OGC_XP_FIELDS; f++) {
		if ((mask & 1u << f) != 0) {
			p = get_varint(p, &v);
			out->pos[f].line = v;
			p = get_varint(p, &v);
			out->pos[f].column = v;
			out->spelling[f] = *p++;
		}
	}
}

/*
 * The head of the record at `at` into r: its flags, group, section and
 * rules, as this index numbers them, and whether its name is in the
 * names' file (which: the index's or a part's); *has its head word.
 * Returns where its values start.
 */
static const unsigned char *
read_head(const struct ogc_xp_index *index, uint32_t at, struct record *r,
	uint32_t *has)
{
	const unsigned char *p = ogc_xp_store_at(&index->records, at);
	const struct ogc_xp_part *part;

	/* what every reader sets or reads (the values read_record()'s) */
	r->values = 0;
	r->name_at = 0;
	r->name = NULL;
	r->target = NULL;
	p = get_varint(p, has);
	r->page.flags = (uint8_t)(*has >> HEAD_FLAGS);
	r->spilled = (*has & HAS_SPILLED) != 0;
	r->has = *has;
	r->names = &index->names;
	p = get_varint(p, &r->page.group);
	p = get_varint(p, &r->page.section);
	p = get_varint(p, &r->page.rules);
	if ((at >> 16) < index->chunk_parts && index->chunk_part[at >> 16] > 0) {
		/* a record of an index merged in: its numbers, as ours */
		part = &index->parts[index->chunk_part[at >> 16] - 1];
		r->page.group = r->page.group > 0 ?
			part->keys[r->page.group - 1] : 0;
		r->page.section = r->page.section > 0 ?
			part->keys[r->page.section - 1] : 0;
		r->page.rules = r->page.rules > 0 ?
			part->keys[r->page.rules - 1] : 0;
		r->names = &part->names;
	}
	return p;
}

/*
 * The short form of value v, as a spilled record keeps it (SHORT bytes,
 * 24 bits: among 20,000 pages a dozen pairs of other values share one,
 * told apart by their full values): equal values have equal short forms,
 * and only 0 is 0.
 */
#define SHORT 3u

static uint32_t
short_value(uint64_t v)
{
	uint32_t s = (uint32_t)v ^ (uint32_t)(v >> 32);

	s = (s ^ s >> 24) & 0xffffffu;
	return s != 0 || v == 0 ? s : 1;
}

/* A value of a record: 8 bytes, or its short form's SHORT when spilled. */
static const unsigned char *
get_value(const unsigned char *p, bool spilled, uint64_t *v)
{
	if (!spilled) {
		return get_u64(p, v);
	}
	*v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
	return p + SHORT;
}

/* Reads where r's name is, from p. */
static void
read_where(const unsigned char *p, struct record *r)
{
	if (r->spilled) {
		get_varint(p, &r->name_at);
	} else {
		r->name = (const char *)p;
	}
}

/* Reads the record at `at`. */
static void
read_record(const struct ogc_xp_index *index, uint32_t at, struct record *r)
{
	uint32_t has;
	const unsigned char *p = read_head(index, at, r, &has);
	int f;

	memset(r->page.hash, 0, sizeof(r->page.hash));
	r->page.url = 0;
	r->page.id = 0;
	for (f = 0; f < OGC_XP_FIELDS; f++) {
		if ((has & 1u << field_bit[f]) != 0) {
			p = get_value(p, r->spilled, &r->page.hash[f]);
			r->values++;
		}
	}
	if ((has & HAS_URL) != 0) {
		p = get_value(p, r->spilled, &r->page.url);
		r->values++;
	}
	if ((has & HAS_ID) != 0) {
		p = get_value(p, r->spilled, &r->page.id);
		r->values++;
	}
	if ((has & HAS_OG_URL_CANONICAL) != 0) {
		r->page.hash[OGC_XP_OG_URL] = r->page.hash[OGC_XP_CANONICAL];
	}
	if ((r->page.flags & OGC_XP_TARGET) != 0) {
		r->target = (const char *)p;
		p += strlen(r->target) + 1;
	}
	read_where(p, r);
}

/*
 * The full values of a spilled record r, read from its names' file by
 * `reader`, in place of their short forms; false on a read error.
 */
static bool
read_values(struct record *r, struct ogc_xp_name_reader *reader)
{
	const unsigned char *p;
	uint64_t *v[OGC_XP_FIELDS + 2];
	unsigned n = 0;
	unsigned i;
	int f;

	if (!r->spilled || r->values == 0) {
		return true;
	}
	p = ogc_xp_names_bytes(reader, r->names, r->name_at, r->values * 8u);
	if (p == NULL) {
		return false;
	}
	/* in the order put_page() put them */
	for (f = 0; f < OGC_XP_FIELDS; f++) {
		if ((r->has & 1u << field_bit[f]) != 0) {
			v[n++] = &r->page.hash[f];
		}
	}
	if ((r->has & HAS_URL) != 0) {
		v[n++] = &r->page.url;
	}
	if ((r->has & HAS_ID) != 0) {
		v[n++] = &r->page.id;
	}
	for (i = 0; i < n; i++) {
		p = get_u64(p, v[i]);
	}
	if ((r->has & HAS_OG_URL_CANONICAL) != 0) {
		r->page.hash[OGC_XP_OG_URL] = r->page.hash[OGC_XP_CANONICAL];
	}
	return true;
}

/*
 * Reads only the head and the name of the record at `at`: the values
 * between them skipped unread (the sort by name compares only names).
 */
static void
read_name(const struct ogc_xp_index *index, uint32_t at, struct record *r)
{
	uint32_t has;
	const unsigned char *p = read_head(index, at, r, &has);
	size_t size = (has & HAS_SPILLED) != 0 ? SHORT : 8;
	int f;

	for (f = 0; f < OGC_XP_FIELDS; f++) {
		if ((has & 1u << field_bit[f]) != 0) {
			p += size;
			r->values++;
		}
	}
	p += (has & HAS_URL) != 0 ? size : 0;
	p += (has & HAS_ID) != 0 ? size : 0;
	r->values += ((has & HAS_URL) != 0) + ((has & HAS_ID) != 0);
	if ((r->page.flags & OGC_XP_TARGET) != 0) {
		p += strlen((const char *)p) + 1;
	}
	read_where(p, r);
}

/* The name of record r, read by `reader`; NULL on a read error. */
static const char *
name_of(const struct record *r, struct ogc_xp_name_reader *reader)
{
	return r->spilled ? ogc_xp_names_read(reader, r->names,
		(uint64_t)r->name_at + r->values * 8u) : r->name;
}

const char *
ogc_xp_record_name(const struct ogc_xp_index *index, uint32_t at,
	struct ogc_xp_name_reader *reader)
{
	struct record r;

	read_name(index, at, &r);
	return name_of(&r, reader);
}

/*
 * Room for `need` pages, the array grown by a quarter: doubled, it was
 * 6.6 bytes a page on the benchmark's 20,000 (room for 32,768) where
 * they need 4.
 */
static bool
reserve_pages(struct ogc_xp_index *index, size_t need)
{
	size_t cap = index->cap;
	uint32_t *pages;

	if (need <= cap) {
		return true;
	}
	while (cap < need) {
		cap = cap < 64 ? 64 : cap + cap / 4;
	}
	if (cap > SIZE_MAX / sizeof(*pages)) {
		return false;
	}
	pages = realloc(index->pages, cap * sizeof(*pages));
	if (pages == NULL) {
		return false;
	}
	index->pages = pages;
	index->cap = cap;
	return true;
}

/*
 * Adds the page `p` (its group, section and rules numbers of this index)
 * named `name`, with its target (or NULL) and where its fields are (or
 * NULL); *at gets its record.
 */
static bool
put_page(struct ogc_xp_index *index, const struct ogc_xp_page *p,
	const char *name, const char *target,
	const struct ogc_xp_places *places, uint32_t *at)
{
	unsigned char head[5 * 4 + (OGC_XP_FIELDS + 2) * 8];
	unsigned char full[(OGC_XP_FIELDS + 2) * 8];
	unsigned char placed[PLACES_MAX];
	unsigned char where[5];
	size_t placed_len = put_places(placed, places);
	uint64_t values[OGC_XP_FIELDS + 2];
	unsigned char *h;
	size_t name_len = strlen(name);
	size_t target_len = target != NULL ? strlen(target) + 1 : 0;
	size_t tail;
	size_t n = 0;
	size_t i;
	unsigned char *rec;
	uint32_t has = 0;
	uint32_t name_at;
	uint32_t v;
	bool spilled;
	int f;

	for (f = 0; f < OGC_XP_FIELDS; f++) {
		if (p->hash[f] == 0) {
			continue;
		}
		/* an og:title (og:description) equal to the title is not
		   compared: none; an og:url equal to the canonical URL is */
		if ((f == OGC_XP_OG_TITLE &&
			p->hash[f] == p->hash[OGC_XP_TITLE]) ||
			(f == OGC_XP_OG_DESCRIPTION &&
			p->hash[f] == p->hash[OGC_XP_DESCRIPTION])) {
			continue;
		}
		if (f == OGC_XP_OG_URL && p->hash[f] == p->hash[OGC_XP_CANONICAL]) {
			has |= HAS_OG_URL_CANONICAL;
			continue;
		}
		has |= 1u << field_bit[f];
		values[n++] = p->hash[f];
	}
	if (p->url != 0) {
		values[n++] = p->url;
	}
	if (p->id != 0) {
		values[n++] = p->id;
	}
	for (i = 0; i < n; i++) {
		put_u64(full + i * 8, values[i]);
	}
	/* the values and the name in the names' file, the values' short
	   forms in the record; else all in the record */
	if (!reserve_pages(index, index->count + 1)) {
		return false;
	}
	ogc_xp_names_put(&index->names, full, n * 8, name, name_len, placed,
		placed_len, &name_at, &spilled);
	tail = spilled ? (size_t)(put_varint(where, name_at) - where) :
		name_len + 1 + placed_len;
	has |= (spilled ? HAS_SPILLED : 0) | (p->url != 0 ? HAS_URL : 0) |
		(p->id != 0 ? HAS_ID : 0) |
		(uint32_t)((p->flags & ~OGC_XP_TARGET) |
		(target != NULL ? OGC_XP_TARGET : 0)) << HEAD_FLAGS;
	h = put_varint(head, has);
	h = put_varint(h, p->group);
	h = put_varint(h, p->section);
	h = put_varint(h, p->rules);
	for (i = 0; i < n; i++) {
		if (spilled) {
			v = short_value(values[i]);
			*h++ = (unsigned char)v;
			*h++ = (unsigned char)(v >> 8);
			*h++ = (unsigned char)(v >> 16);
		} else {
			h = put_u64(h, values[i]);
		}
	}
	if ((size_t)(h - head) > SIZE_MAX - tail - target_len) {
		return false;
	}
	rec = ogc_xp_store_put(&index->records, (size_t)(h - head) + tail +
		target_len, at);
	if (rec == NULL) {
		return false;
	}
	memcpy(rec, head, (size_t)(h - head));
	if (target != NULL) {
		memcpy(rec + (h - head), target, target_len);
	}
	if (spilled) {
		memcpy(rec + (h - head) + target_len, where, tail);
	} else {
		memcpy(rec + (h - head) + target_len, name, name_len + 1);
		memcpy(rec + (h - head) + target_len + name_len + 1, placed,
			placed_len);
	}
	index->pages[index->count++] = *at;
	index->sorted = false;
	return true;
}

/*
 * The number of key v, as the last page's group (k 0), section (1) or
 * rules (2) when it is the same: a walk's pages come site by site,
 * section by section.
 */
static bool
intern_last(struct ogc_xp_index *index, int k, uint64_t v, uint32_t *n)
{
	if (index->last_number[k] != 0 && index->last_key[k] == v) {
		*n = index->last_number[k];
		return true;
	}
	if (!ogc_xp_keys_intern(&index->keys, v, NULL, NULL, n)) {
		return false;
	}
	index->last_key[k] = v;
	index->last_number[k] = *n;
	return true;
}

/*
 * Notes the page just added, named `name`, in the index's runs of pages
 * in name order: the last run goes on when the name is not before the
 * last one's (strcmp(), as names compare when sorted).
 */
static bool
note_run(struct ogc_xp_index *index, const char *name)
{
	size_t len = strlen(name) + 1;

	if (index->runs_lost) {
		return true;
	}
	if (index->run_count > 0 && strcmp(index->last_name, name) <= 0) {
		index->run_len[index->run_count - 1]++;
	} else if (index->run_count < OGC_MERGE_RUNS) {
		index->run_len[index->run_count++] = 1;
	} else {
		index->runs_lost = true;
		return true;
	}
	if (!ogc_array_reserve(&index->last_name, &index->last_name_cap, len,
		1, 64)) {
		index->runs_lost = true;
		return false;
	}
	memcpy(index->last_name, name, len);
	return true;
}

bool
ogc_xp_index_add(struct ogc_xp_index *index, struct ogc_xp_page *page,
	const char *name, const char *target, uint64_t group, uint64_t section,
	const void *rules, const struct ogc_xp_places *places)
{
	uint32_t at;

	if (!intern_last(index, 0, group, &page->group) ||
		!intern_last(index, 1, section, &page->section) ||
		!intern_last(index, 2, (uint64_t)(uintptr_t)rules, &page->rules)) {
		return false;
	}
	if (!put_page(index, page, name, target, places, &at) ||
		!note_run(index, name)) {
		return false;
	}
	page->flags = (uint8_t)((page->flags & ~OGC_XP_TARGET) |
		(target != NULL ? OGC_XP_TARGET : 0));
	return true;
}

/* The number in dst of key number n of src's keys. */
static bool
move_key(struct ogc_xp_index *dst, const struct ogc_xp_index *src,
	uint32_t n, uint32_t *out)
{
	*out = 0;
	return n == 0 || ogc_xp_keys_intern(&dst->keys, src->keys.keys[n - 1],
		NULL, NULL, out);
}

/*
 * *out gets where record r's fields are, read by `reader` after its name
 * `name` (read by it last); false when the record has none, or on a read
 * error (reader->failed).
 */
static bool
record_places(const struct record *r, const char *name,
	struct ogc_xp_name_reader *reader, struct ogc_xp_places *out)
{
	const unsigned char *p;
	uint64_t at;
	size_t len;

	if (!r->spilled) {
		p = (const unsigned char *)name + strlen(name) + 1;
		if (p[0] == 0) {
			return false;
		}
		get_places(p + 1, out);
		return true;
	}
	at = (uint64_t)r->name_at + r->values * 8u + strlen(name) + 1;
	p = ogc_xp_names_bytes(reader, r->names, at, 1);
	len = p != NULL ? p[0] : 0;
	p = len > 0 ? ogc_xp_names_bytes(reader, r->names, at + 1, len) : NULL;
	if (p == NULL) {
		return false;
	}
	get_places(p, out);
	return true;
}

/* Moves the page at `from` of src into dst; *to gets its record. */
static bool
move_page(struct ogc_xp_index *dst, const struct ogc_xp_index *src,
	uint32_t from, uint32_t *to)
{
	struct ogc_xp_places places;
	struct record r;
	const char *name;
	char *copy;
	bool placed;
	bool ok;

	read_record(src, from, &r);
	name = read_values(&r, src->reader) ? name_of(&r, src->reader) : NULL;
	if (name == NULL || !move_key(dst, src, r.page.group, &r.page.group) ||
		!move_key(dst, src, r.page.section, &r.page.section) ||
		!move_key(dst, src, r.page.rules, &r.page.rules)) {
		return false;
	}
	copy = strdup(name); /* kept while the places after it are read */
	if (copy == NULL) {
		return false;
	}
	placed = record_places(&r, name, src->reader, &places);
	ok = !src->reader->failed && put_page(dst, &r.page, copy, r.target,
		placed ? &places : NULL, to);
	free(copy);
	return ok;
}

/*
 * Moves src's pages into dst, each chunk of src's records freed once its
 * pages are moved, so that the two indexes are not whole at once.
 */
static bool
move_pages(struct ogc_xp_index *dst, struct ogc_xp_index *src)
{
	uint32_t chunk;
	uint32_t at;
	size_t i;
	bool ok = true;
	bool in_order = true;

	/* pages in the order of their records, as they were added (not a
	   sorted index's, nor one with parts taken after its own) */
	for (i = 1; i < src->count && in_order; i++) {
		in_order = src->pages[i - 1] < src->pages[i];
	}
	for (i = 0; ok && i < src->count; i++) {
		ok = move_page(dst, src, src->pages[i], &at);
		/* a chunk the next page is past holds no page still to
		   move */
		chunk = src->pages[i] >> 16;
		if (ok && in_order && i + 1 < src->count &&
			src->pages[i + 1] >> 16 > chunk) {
			free(src->records.chunks[chunk]);
			src->records.chunks[chunk] = NULL;
		}
	}
	return ok;
}

/*
 * Takes src's records whole, as a part of dst with its numbers in dst's
 * (src has none of its own) and its names' file: nothing copied, and
 * src's chunks, taken, are not left behind freed (in a worker's arena,
 * that the main thread's memory does not reuse).
 */
static bool
take_part(struct ogc_xp_index *dst, struct ogc_xp_index *src)
{
	struct ogc_xp_part *part;
	uint32_t shift;
	size_t n;
	size_t i;

	if (dst->part_count >= 0xffff || !ogc_array_reserve(&dst->parts,
		&dst->part_cap, dst->part_count + 1, sizeof(*dst->parts), 4)) {
		return false;
	}
	part = &dst->parts[dst->part_count++];
	memset(part, 0, sizeof(*part));
	part->keys = malloc((src->keys.count + 1) * sizeof(*part->keys));
	if (part->keys == NULL) {
		return false;
	}
	for (i = 0; i < src->keys.count; i++) {
		if (!ogc_xp_keys_intern(&dst->keys, src->keys.keys[i], NULL, NULL,
			&part->keys[i])) {
			return false;
		}
	}
	/* all that may fail before the chunks change hands */
	n = dst->records.count + src->records.count;
	if (!ogc_array_reserve(&dst->chunk_part, &dst->chunk_part_cap, n,
		sizeof(*dst->chunk_part), 16) ||
		!reserve_pages(dst, dst->count + src->count) ||
		!ogc_xp_store_take(&dst->records, &src->records, &shift)) {
		return false;
	}
	for (i = dst->chunk_parts; i < n; i++) {
		dst->chunk_part[i] = i < shift ? 0 : (uint16_t)dst->part_count;
	}
	dst->chunk_parts = n;
	part->names = src->names;
	memset(&src->names, 0, sizeof(src->names));
	for (i = 0; i < src->count; i++) {
		dst->pages[dst->count++] = src->pages[i] + (shift << 16);
	}
	return true;
}

/* Swaps the pages, records and tables of a and b. */
static void
swap_pages(struct ogc_xp_index *a, struct ogc_xp_index *b)
{
	struct ogc_xp_site *sites = a->sites;
	size_t site_count = a->site_count;
	size_t site_cap = a->site_cap;
	struct ogc_xp_index t = *a;

	/* the sites stay where they are */
	*a = *b;
	*b = t;
	b->sites = a->sites;
	b->site_count = a->site_count;
	b->site_cap = a->site_cap;
	a->sites = sites;
	a->site_count = site_count;
	a->site_cap = site_cap;
}

/*
 * src's pages, put after dst's in their order, are its runs after dst's;
 * the name added last is src's.
 */
static void
join_runs(struct ogc_xp_index *dst, struct ogc_xp_index *src)
{
	char *name = dst->last_name;
	size_t cap = dst->last_name_cap;

	if (dst->runs_lost || src->runs_lost ||
		dst->run_count + src->run_count > OGC_MERGE_RUNS) {
		dst->runs_lost = true;
		return;
	}
	memcpy(dst->run_len + dst->run_count, src->run_len,
		src->run_count * sizeof(*src->run_len));
	dst->run_count += src->run_count;
	if (src->run_count > 0) {
		dst->last_name = src->last_name;
		dst->last_name_cap = src->last_name_cap;
		src->last_name = name;
		src->last_name_cap = cap;
	}
}

bool
ogc_xp_index_merge(struct ogc_xp_index *dst, struct ogc_xp_index *src)
{
	size_t i;

	/* what dst read last may be of a file that moves (a part's) */
	dst->reader->names = NULL;

	for (i = 0; i < src->site_count; i++) {
		if (!ogc_xp_index_note_site(dst, src->sites[i].site,
			src->sites[i].root, src->sites[i].whole)) {
			return false;
		}
	}
	if (src->count == 0) {
		return true;
	}
	if (dst->count == 0) {
		/* the first part's pages: taken whole, not copied */
		swap_pages(dst, src);
		src->count = 0;
		return true;
	}
	/* an index with parts of its own is copied, record by record */
	if (!(src->part_count == 0 ? take_part(dst, src) :
		move_pages(dst, src))) {
		dst->runs_lost = true;
		return false;
	}
	join_runs(dst, src);
	/* src is left empty, its records and tables freed (and the
	   numbers it last gave) */
	memset(src->last_number, 0, sizeof(src->last_number));
	ogc_xp_store_finish(&src->records);
	ogc_xp_keys_finish(&src->keys);
	ogc_xp_names_finish(&src->names);
	src->count = 0;
	src->run_count = 0;
	src->runs_lost = false;
	dst->sorted = false;
	return true;
}

size_t
ogc_xp_index_count(const struct ogc_xp_index *index)
{
	return index->count;
}

bool
ogc_xp_index_failed(const struct ogc_xp_index *index)
{
	return index->reader->failed;
}

char *
ogc_xp_page_name(const struct ogc_xp_index *index, size_t i)
{
	const char *name = ogc_xp_record_name(index, index->pages[i],
		index->reader);

	return name != NULL ? strdup(name) : NULL;
}

void
ogc_xp_page(const struct ogc_xp_index *index, size_t i,
	struct ogc_xp_page *out)
{
	struct record r;

	read_record(index, index->pages[i], &r);
	read_values(&r, index->reader);
	*out = r.page;
}

void
ogc_xp_page_short(const struct ogc_xp_index *index, size_t i,
	struct ogc_xp_page *out)
{
	struct record r;
	int f;

	read_record(index, index->pages[i], &r);
	if (!r.spilled) {
		/* the same forms whichever record has the page */
		for (f = 0; f < OGC_XP_FIELDS; f++) {
			r.page.hash[f] = short_value(r.page.hash[f]);
		}
		r.page.url = short_value(r.page.url);
		r.page.id = short_value(r.page.id);
	}
	*out = r.page;
}

unsigned
ogc_xp_page_fields(const struct ogc_xp_index *index, size_t i,
	uint8_t *flags)
{
	const unsigned char *p = ogc_xp_store_at(&index->records,
		index->pages[i]);
	uint32_t has;
	unsigned fields = 0;
	int f;

	get_varint(p, &has);
	*flags = (uint8_t)(has >> HEAD_FLAGS);
	for (f = 0; f < OGC_XP_FIELDS; f++) {
		fields |= (has & 1u << field_bit[f]) != 0 ? 1u << f : 0;
	}
	if ((has & HAS_OG_URL_CANONICAL) != 0) {
		fields |= 1u << OGC_XP_OG_URL;
	}
	return fields;
}

void
ogc_xp_page_one(const struct ogc_xp_index *index, size_t i,
	enum ogc_xp_field field, struct ogc_xp_page *out)
{
	struct record r;
	uint32_t has;
	const unsigned char *p = read_head(index, index->pages[i], &r, &has);
	size_t size = r.spilled ? SHORT : 8;
	enum ogc_xp_field kept = field;
	uint64_t v = 0;
	int f;

	if (field == OGC_XP_OG_URL && (has & HAS_OG_URL_CANONICAL) != 0) {
		kept = OGC_XP_CANONICAL; /* the same value, kept once */
	}
	memset(out, 0, sizeof(*out));
	if ((has & 1u << field_bit[kept]) != 0) {
		/* past the values of the fields before it */
		for (f = 0; f < (int)kept; f++) {
			p += (has & 1u << field_bit[f]) != 0 ? size : 0;
		}
		get_value(p, r.spilled, &v);
		out->hash[field] = r.spilled ? v : short_value(v);
	}
	out->group = r.page.group;
	out->section = r.page.section;
	out->rules = r.page.rules;
	out->flags = r.page.flags;
}

uint64_t
ogc_xp_short(uint64_t v)
{
	return short_value(v);
}

const void *
ogc_xp_page_rules(const struct ogc_xp_index *index, size_t i)
{
	struct record r;

	read_record(index, index->pages[i], &r);
	return r.page.rules > 0 ?
		(const void *)(uintptr_t)index->keys.keys[r.page.rules - 1] : NULL;
}

const char *
ogc_xp_page_target(const struct ogc_xp_index *index, size_t i)
{
	struct record r;

	read_record(index, index->pages[i], &r);
	return r.target;
}

void
ogc_xp_page_keys(const struct ogc_xp_index *index, size_t i,
	uint64_t *group, uint64_t *section)
{
	struct record r;

	read_record(index, index->pages[i], &r);
	*group = r.page.group > 0 ? index->keys.keys[r.page.group - 1] : 0;
	*section = r.page.section > 0 ?
		index->keys.keys[r.page.section - 1] : 0;
}

bool
ogc_xp_page_places(const struct ogc_xp_index *index, size_t i,
	struct ogc_xp_places *out)
{
	struct record r;
	const char *name;

	read_name(index, index->pages[i], &r);
	name = name_of(&r, index->reader);
	return name != NULL && record_places(&r, name, index->reader, out);
}
