/* test_cross.c: the cross-page index: names in a file, the pages kept, folded texts. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/resource.h>

#include <cmocka.h>

#include "cross/cross_parts.h"

/* A small random number (xorshift), the same on every run. */
static uint32_t
next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Page i's entry in the names' file: its values' bytes (i % 3 of them). */
static size_t
entry_head(size_t i, uint64_t *v)
{
	size_t k;

	for (k = 0; k < i % 3; k++) {
		v[k] = (uint64_t)i * 0x9e3779b97f4a7c15ull + k;
	}
	return i % 3 * sizeof(*v);
}

/* Entry i at `at` reads back as it was put. */
static void
read_entry(struct ogc_xp_name_reader *reader, const struct ogc_xp_names *names,
	uint32_t at, size_t i, const char *text)
{
	uint64_t v[2];
	size_t len = entry_head(i, v);
	const void *bytes;
	const char *back;

	if (len > 0) {
		bytes = ogc_xp_names_bytes(reader, names, at, len);
		assert_non_null(bytes);
		assert_memory_equal(bytes, v, len);
	}
	back = ogc_xp_names_read(reader, names, (uint64_t)at + len);
	assert_non_null(back);
	assert_string_equal(back, text);
}

/*
 * Entries put in the names' file (values, then a name) come back, read
 * in the order they were put or in any other, gathered or written; an
 * entry longer than what is gathered at once is left to the record.
 */
static void
test_names_file(void **state)
{
	struct ogc_xp_names names;
	struct ogc_xp_name_reader reader;
	static char texts[3000][48];
	char long_name[20000];
	uint32_t at[3000];
	uint32_t seed = 3;
	uint64_t v[2];
	const char *back;
	bool spilled;
	size_t i;
	size_t k;

	(void)state;
	memset(&names, 0, sizeof(names));
	memset(&reader, 0, sizeof(reader));
	for (i = 0; i < 3000; i++) {
		snprintf(texts[i], sizeof(texts[i]), "content/%zu/p-%u.md",
			i % 7, next(&seed) % 100000);
		ogc_xp_names_put(&names, v, entry_head(i, v), texts[i],
			strlen(texts[i]), NULL, 0, &at[i], &spilled);
		assert_true(spilled);
		if (i % 500 == 0) {
			/* the last one, gathered, not yet written */
			read_entry(&reader, &names, at[i], i, texts[i]);
		}
	}
	assert_true(names.fd >= 0);
	assert_true(names.written > 0);
	for (i = 0; i < 3000; i++) {
		read_entry(&reader, &names, at[i], i, texts[i]);
	}
	/* at random, a small window (as the index's own reader) */
	reader.window = 64;
	for (k = 0; k < 3000; k++) {
		i = next(&seed) % 3000;
		read_entry(&reader, &names, at[i], i, texts[i]);
	}
	assert_false(reader.failed);
	/* a name of 4,000 bytes is there; one of 20,000 is not */
	memset(long_name, 'x', 4000);
	long_name[4000] = '\0';
	ogc_xp_names_put(&names, NULL, 0, long_name, 4000, NULL, 0, &at[0],
		&spilled);
	assert_true(spilled);
	back = ogc_xp_names_read(&reader, &names, at[0]);
	assert_non_null(back);
	assert_int_equal(strlen(back), 4000);
	memset(long_name, 'y', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	ogc_xp_names_put(&names, NULL, 0, long_name, sizeof(long_name) - 1,
		NULL, 0, &at[1], &spilled);
	assert_false(spilled);
	back = ogc_xp_names_read(&reader, &names, at[0]);
	assert_non_null(back);
	assert_int_equal(strlen(back), 4000);
	ogc_xp_name_reader_finish(&reader);
	ogc_xp_names_finish(&names);
}

/*
 * A names' file that takes no more (a full disk: here a file size limit
 * of 20,000 bytes): what was put reads back, from the file or from
 * memory, and what comes after is left to the records.
 */
static void
test_names_full(void **state)
{
	struct ogc_xp_names names;
	struct ogc_xp_name_reader reader;
	static char texts[3000][48];
	struct sigaction ignore;
	struct sigaction was_signal;
	struct rlimit was;
	struct rlimit small;
	uint32_t at[3000];
	bool spilled[3000];
	uint64_t v[2];
	size_t put = 0;
	size_t i;

	(void)state;
	memset(&names, 0, sizeof(names));
	memset(&reader, 0, sizeof(reader));
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
	small = was;
	small.rlim_cur = 20000;
	assert_int_equal(sigaction(SIGXFSZ, &ignore, &was_signal), 0);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	for (i = 0; i < 3000; i++) {
		snprintf(texts[i], sizeof(texts[i]), "content/p-%zu.md", i);
		ogc_xp_names_put(&names, v, entry_head(i, v), texts[i],
			strlen(texts[i]), NULL, 0, &at[i], &spilled[i]);
		put += spilled[i];
	}
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
	assert_int_equal(sigaction(SIGXFSZ, &was_signal, NULL), 0);
	assert_true(names.full);
	assert_true(put > 500 && put < 3000);
	for (i = 0; i < 3000; i++) {
		assert_int_equal(spilled[i], i < put);
		if (spilled[i]) {
			read_entry(&reader, &names, at[i], i, texts[i]);
		}
	}
	assert_false(reader.failed);
	ogc_xp_name_reader_finish(&reader);
	ogc_xp_names_finish(&names);
}

/*
 * The places a page named `name` is given in these tests, made from its
 * name (a line past what a byte holds); false: none given.
 */
static bool
places_for(const char *name, struct ogc_xp_places *out)
{
	size_t len = strlen(name);

	memset(out, 0, sizeof(*out));
	if (len % 4 == 0) {
		return false;
	}
	out->pos[OGC_XP_TITLE].line = (unsigned)len * 1000u + 1;
	out->pos[OGC_XP_TITLE].column = (unsigned char)name[0];
	out->pos[OGC_XP_OG_URL].line = 70000u;
	out->pos[OGC_XP_OG_URL].column = (unsigned)len;
	out->spelling[OGC_XP_TITLE] = (uint8_t)(len % 3);
	out->spelling[OGC_XP_OG_URL] = 2;
	out->piped = len % 5 == 0;
	return true;
}

/* Page i of index is named `name` and has the places places_for() gave. */
static void
assert_places(const struct ogc_xp_index *index, size_t i, const char *name)
{
	struct ogc_xp_places want;
	struct ogc_xp_places got;
	bool has = places_for(name, &want);

	memset(&got, 0, sizeof(got));
	assert_int_equal(ogc_xp_page_places(index, i, &got), has);
	if (has) {
		assert_memory_equal(&got, &want, sizeof(got));
	}
}

/* The pages of an index come back with their names, in name order. */
static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
noop_limits(const void *rules, double *share, size_t *pages)
{
	(void)rules;
	*share = 0.5;
	*pages = 10;
}

static void
index_names(bool file)
{
	static const char *const words[] = {"a", "b-c", "D", "post", "_x",
		"9", "é", "page-2", "z.md", ".md", "01"};
	struct ogc_xp_index *index = ogc_xp_index_create();
	struct ogc_xp_finding *found = NULL;
	struct ogc_xp_places places;
	struct ogc_xp_page page;
	char *names[400];
	char *name;
	char s[300];
	uint32_t seed = 7;
	size_t count = 0;
	size_t len;
	size_t n;
	size_t i;

	assert_non_null(index);
	for (n = 0; n < 400; n++) {
		len = 0;
		s[0] = '\0';
		for (i = next(&seed) % 5 + 1; i > 0; i--) {
			len += (size_t)snprintf(s + len, sizeof(s) - len, "%s%s",
				words[next(&seed) % 11], next(&seed) % 4 == 0 ? "/" :
				"");
		}
		if (n % 100 == 5) {
			/* a name longer than page_name()'s buffer */
			for (len = 0; len < sizeof(s) - 1; len++) {
				s[len] = "ab1-"[(len + n) % 4];
			}
			s[len] = '\0';
		}
		names[n] = strdup(s);
		assert_non_null(names[n]);
		memset(&page, 0, sizeof(page));
		page.hash[OGC_XP_TITLE] = n + 1;
		assert_true(ogc_xp_index_add(index, &page, s, NULL, 1, 1,
			names, places_for(s, &places) ? &places : NULL));
	}
	assert_int_equal(index->names.tried && index->names.fd >= 0, file);
	assert_true(ogc_xp_run(index, noop_limits, &found, &count));
	free(found);
	qsort(names, 400, sizeof(*names), compare_strings);
	for (n = 0; n < 400; n++) {
		name = ogc_xp_page_name(index, n);
		assert_non_null(name);
		assert_string_equal(name, names[n]);
		assert_places(index, n, names[n]);
		free(name);
		free(names[n]);
	}
	ogc_xp_index_destroy(index);
}

static void
test_index_names(void **state)
{
	(void)state;
	index_names(true);
}

/*
 * TMPDIR made a folder that is none (no temporary file can be made), its
 * value before returned for restore_temp(); with `none` false, only that.
 */
static char *
no_temp(bool none)
{
	char *was = getenv("TMPDIR") != NULL ? strdup(getenv("TMPDIR")) :
		NULL;

	if (none) {
		assert_int_equal(setenv("TMPDIR", "/nonexistent/ogcheck-test",
			1), 0);
	}
	return was;
}

/* TMPDIR as no_temp() found it. */
static void
restore_temp(char *was)
{
	if (was != NULL) {
		setenv("TMPDIR", was, 1);
	} else {
		unsetenv("TMPDIR");
	}
	free(was);
}

/* Without a temporary folder, the records keep the names. */
static void
test_index_names_no_file(void **state)
{
	char *was = no_temp(true);

	(void)state;
	index_names(false);
	restore_temp(was);
}

/*
 * The rules over pages of every kind on one index: each finding's page
 * is named, with where its fields are, and its message names the pages
 * of its group.
 */
static void
test_index_findings(void **state)
{
	struct ogc_xp_index *index = ogc_xp_index_create();
	struct ogc_xp_finding *found = NULL;
	struct ogc_xp_places places;
	struct ogc_xp_page page;
	const char *target;
	char said[1024];
	char *text;
	char name[32];
	size_t count = 0;
	size_t i;
	int rules = 0;

	(void)state;
	assert_non_null(index);
	for (i = 0; i < 60; i++) {
		memset(&page, 0, sizeof(page));
		/* the titles of the first 30 pages three by three */
		page.hash[OGC_XP_TITLE] = i < 30 ? i / 3 + 1 : 1000 + i;
		page.hash[OGC_XP_OG_IMAGE] = i % 3 != 0 ? 77 : 0;
		/* pages 40-44: one og:url, page 40's own URL */
		page.hash[OGC_XP_OG_URL] = i >= 40 && i < 45 ? 500 : 0;
		page.url = i == 40 ? 500 : 0;
		target = NULL;
		if (i == 50 || i == 51) {
			/* a canonical URL of no page, one of a redirect stub */
			page.flags = OGC_XP_BUILT | OGC_XP_WHOLE;
			page.hash[OGC_XP_CANONICAL] = 900 + i;
			target = i == 50 ? "https://x.org/none/" :
				"https://x.org/p52/";
		}
		if (i == 52) {
			page.flags = OGC_XP_BUILT | OGC_XP_STUB;
			page.url = ogc_hash64(OGC_HASH64_START,
				"https://x.org/p52/", 18);
		}
		snprintf(name, sizeof(name), "%s/p%02zu.md", i % 2 ? "b" : "a",
			i);
		assert_true(ogc_xp_index_add(index, &page, name, target, 1, 1,
			&rules, places_for(name, &places) ? &places : NULL));
	}
	assert_true(ogc_xp_run(index, noop_limits, &found, &count));
	/* 30 title-duplicate, 1 image-shared, 4 url-duplicate (page 40's
	   own URL is right), 2 canonical-target */
	assert_int_equal(count, 37);
	for (i = 0; i < count; i++) {
		rules += strcmp(found[i].rule, "image-shared") == 0 ? 100 :
			strcmp(found[i].rule, "url-duplicate") == 0 ? 10 :
			strcmp(found[i].rule, "canonical-target") == 0 ? 1 : 0;
		assert_true(i == 0 || found[i].page >= found[i - 1].page);
		text = ogc_xp_page_name(index, found[i].page);
		assert_non_null(text);
		assert_places(index, found[i].page, text);
		ogc_xp_message(index, &found[i], "title", said, sizeof(said));
		if (strcmp(text, "a/p00.md") == 0) {
			assert_string_equal(said, "the same title is on 3 pages "
				"(also a/p02.md, b/p01.md)");
			rules += 1000;
		}
		free(text);
	}
	assert_int_equal(rules, 1142);
	free(found);
	ogc_xp_index_destroy(index);
}

/*
 * 1,000 pages, their titles two by two: 1,000 findings, more than the
 * rules hold in memory at once (256: the rest spooled), sorted by page,
 * each naming the other page of its pair; the same without a temporary
 * folder (all held in memory).
 */
static void
found_pairs(bool no_folder)
{
	struct ogc_xp_index *index;
	struct ogc_xp_finding *found = NULL;
	struct ogc_xp_page page;
	char *was = no_temp(no_folder);
	char name[32];
	size_t count = 0;
	size_t i;
	int rules = 0;

	index = ogc_xp_index_create();
	assert_non_null(index);
	for (i = 0; i < 1000; i++) {
		memset(&page, 0, sizeof(page));
		page.hash[OGC_XP_TITLE] = i / 2 + 1;
		snprintf(name, sizeof(name), "p%04zu.md", i);
		assert_true(ogc_xp_index_add(index, &page, name, NULL, 1, 1,
			&rules, NULL));
	}
	assert_true(ogc_xp_run(index, noop_limits, &found, &count));
	assert_int_equal(count, 1000);
	for (i = 0; i < count; i++) {
		assert_int_equal(found[i].page, i);
		assert_string_equal(found[i].rule, "title-duplicate");
		assert_int_equal(found[i].count, 2);
		assert_int_equal(found[i].named, 1);
		assert_int_equal(found[i].other[0], i ^ 1);
	}
	free(found);
	ogc_xp_index_destroy(index);
	restore_temp(was);
}

static void
test_found_spooled(void **state)
{
	(void)state;
	found_pairs(false);
	found_pairs(true);
}

/*
 * A spool gives back its entries in the order they were put, those
 * still gathered as those written; an entry over 16 KiB, or any without
 * a temporary folder, is not put.
 */
static void
spool_round(bool no_folder)
{
	struct ogc_xp_spool *spool = ogc_xp_spool_create();
	char *was = no_temp(no_folder);
	static char big[20000];
	const void *bytes;
	const char *name;
	char want[64];
	size_t len;
	size_t i;

	assert_non_null(spool);
	memset(big, 'x', sizeof(big));
	assert_false(ogc_xp_spool_put(spool, "big", big, sizeof(big)));
	for (i = 0; i < 2000; i++) {
		snprintf(want, sizeof(want), "page %zu", i);
		/* the bytes: i copies of i % 256, an empty name now and then */
		memset(big, (int)(i % 256), i % 40);
		assert_true(ogc_xp_spool_put(spool, i % 7 == 0 ? "" : want, big,
			i % 40) != no_folder);
	}
	for (i = 0; !no_folder && i < 2000; i++) {
		snprintf(want, sizeof(want), "page %zu", i);
		name = ogc_xp_spool_next(spool, &bytes, &len);
		assert_non_null(name);
		assert_string_equal(name, i % 7 == 0 ? "" : want);
		assert_int_equal(len, i % 40);
		memset(big, (int)(i % 256), i % 40);
		assert_memory_equal(bytes, big, len);
	}
	assert_null(ogc_xp_spool_next(spool, &bytes, &len));
	assert_false(ogc_xp_spool_failed(spool));
	/* read back: nothing more is put */
	assert_false(ogc_xp_spool_put(spool, "late", "x", 1));
	assert_null(ogc_xp_spool_next(spool, &bytes, &len));
	ogc_xp_spool_destroy(spool);
	restore_temp(was);
}

static void
test_spool(void **state)
{
	(void)state;
	spool_round(false);
	spool_round(true);
	ogc_xp_spool_destroy(NULL);
}

/*
 * A message names other files as reports show them (escaped), and is cut
 * with "…" on a character boundary where the names do not fit.
 */
static void
test_message_names(void **state)
{
	struct ogc_xp_index *index = ogc_xp_index_create();
	struct ogc_xp_finding *found = NULL;
	struct ogc_xp_page page;
	char name[3][1500];
	char said[1024];
	size_t count = 0;
	size_t len;
	size_t i;

	(void)state;
	assert_non_null(index);
	snprintf(name[0], sizeof(name[0]), "a/line\nbreak.md");
	/* a long name of two-byte characters, cut inside none */
	memset(name[1], 0, sizeof(name[1]));
	memcpy(name[1], "b/", 2);
	for (i = 2; i + 2 < sizeof(name[1]) - 4; i += 2) {
		memcpy(name[1] + i, "\xc3\xa9", 2);
	}
	memcpy(name[1] + i, ".md", 4);
	snprintf(name[2], sizeof(name[2]), "c/plain.md");
	for (i = 0; i < 3; i++) {
		memset(&page, 0, sizeof(page));
		page.hash[OGC_XP_TITLE] = 42;
		assert_true(ogc_xp_index_add(index, &page, name[i], NULL, 1, 1,
			name, NULL));
	}
	assert_true(ogc_xp_run(index, noop_limits, &found, &count));
	assert_int_equal(count, 3);
	/* c's: a's name escaped, then b's cut */
	len = ogc_xp_message(index, &found[2], "title", said, sizeof(said));
	assert_int_equal(len, strlen(said));
	assert_true(len < sizeof(said));
	assert_non_null(strstr(said, "the same title is on 3 pages (also "
		"a/line\\nbreak.md, b/\xc3\xa9"));
	assert_string_equal(said + len - 3, "\xe2\x80\xa6");
	assert_int_equal(ogc_utf8_cut(said, len, len), len);
	assert_int_equal((unsigned char)said[len - 4], 0xa9);
	/* b's, whole */
	ogc_xp_message(index, &found[1], "title", said, sizeof(said));
	assert_string_equal(said, "the same title is on 3 pages (also "
		"a/line\\nbreak.md, c/plain.md)");
	assert_false(ogc_xp_index_failed(index));
	free(found);
	ogc_xp_index_destroy(index);
}

static void
same_finding(const struct ogc_xp_finding *found,
	const struct ogc_xp_finding *want)
{
	assert_int_equal(found->page, want->page);
	assert_int_equal(found->field, want->field);
	assert_string_equal(found->rule, want->rule);
	assert_int_equal(found->kind, want->kind);
	assert_int_equal(found->count, want->count);
	assert_int_equal(found->total, want->total);
	assert_int_equal(found->named, want->named);
	assert_memory_equal(found->other, want->other, sizeof(found->other));
	assert_int_equal(found->owner, want->owner);
}

/* Adds pages named names[from, to) to index. */
static void
add_named(struct ogc_xp_index *index, char (*names)[16], size_t from,
	size_t to)
{
	struct ogc_xp_places places;
	struct ogc_xp_page page;
	size_t i;

	for (i = from; i < to; i++) {
		memset(&page, 0, sizeof(page));
		page.hash[OGC_XP_TITLE] = i + 1;
		assert_true(ogc_xp_index_add(index, &page, names[i], NULL, 1, 1,
			names, places_for(names[i], &places) ? &places : NULL));
	}
}

/*
 * Pages added in a few runs in name order, in two indexes merged as two
 * workers' are: the index knows its runs, and sorts the pages by merging
 * them (ogc_xp_index_sort(), each run's names read from the names' file
 * once), in name order as any sort puts them.
 */
static void
test_index_runs(void **state)
{
	struct ogc_xp_index *a = ogc_xp_index_create();
	struct ogc_xp_index *b = ogc_xp_index_create();
	struct ogc_xp_finding *found = NULL;
	char names[300][16];
	char *name;
	size_t count = 0;
	size_t i;

	(void)state;
	assert_true(a != NULL && b != NULL);
	for (i = 0; i < 300; i++) {
		/* in name order: "d/p000.md" to "d/p299.md" */
		snprintf(names[i], sizeof(names[i]), "d/p%03zu.md", i);
	}
	/* a: 100-149 then 0-49; b: 200-299 then 50-99 and 150-199 */
	add_named(a, names, 100, 150);
	add_named(a, names, 0, 50);
	add_named(b, names, 200, 300);
	add_named(b, names, 50, 100);
	add_named(b, names, 150, 200);
	assert_int_equal(a->run_count, 2);
	assert_int_equal(b->run_count, 2); /* 99 then 150: one run */
	assert_true(ogc_xp_index_merge(a, b));
	assert_false(a->runs_lost);
	assert_int_equal(a->run_count, 4);
	/* added after the merge: b's last name is the one before */
	add_named(a, names, 100, 101);
	assert_int_equal(a->run_count, 5);
	add_named(a, names, 0, 1);
	assert_int_equal(a->run_count, 6);
	assert_true(ogc_xp_run(a, noop_limits, &found, &count));
	free(found);
	assert_int_equal(ogc_xp_index_count(a), 302);
	for (i = 0; i < 302; i++) {
		name = ogc_xp_page_name(a, i);
		assert_non_null(name);
		/* p000 and p100 twice */
		assert_string_equal(name, names[i < 2 ? 0 : i < 102 ? i - 1 :
			i - 2]);
		assert_places(a, i, name);
		free(name);
	}
	ogc_xp_index_destroy(a);
	ogc_xp_index_destroy(b);
}

/*
 * Where the fields are stays with each page however indexes are merged:
 * a part taken whole (take_part()) and an index with parts of its own
 * copied page by page (move_pages()).
 */
static void
test_index_places_merged(void **state)
{
	struct ogc_xp_index *x = ogc_xp_index_create();
	struct ogc_xp_index *y = ogc_xp_index_create();
	struct ogc_xp_index *z = ogc_xp_index_create();
	struct ogc_xp_finding *found = NULL;
	char names[120][16];
	char *name;
	size_t count = 0;
	size_t i;

	(void)state;
	assert_true(x != NULL && y != NULL && z != NULL);
	for (i = 0; i < 120; i++) {
		/* names of 5 to 8 bytes: places_for() gives some none, some
		   piped */
		snprintf(names[i], sizeof(names[i]), "%.*s%03zu", (int)(i % 4 + 2),
			"abcde", i);
	}
	add_named(x, names, 0, 40);
	add_named(y, names, 40, 80);
	add_named(z, names, 80, 120);
	assert_true(ogc_xp_index_merge(y, z)); /* z: a part of y */
	assert_true(y->part_count > 0);
	assert_true(ogc_xp_index_merge(x, y)); /* y copied page by page */
	assert_true(ogc_xp_run(x, noop_limits, &found, &count));
	free(found);
	assert_int_equal(ogc_xp_index_count(x), 120);
	for (i = 0; i < 120; i++) {
		name = ogc_xp_page_name(x, i);
		assert_non_null(name);
		assert_places(x, i, name);
		free(name);
	}
	assert_false(ogc_xp_index_failed(x));
	ogc_xp_index_destroy(x);
	ogc_xp_index_destroy(y);
	ogc_xp_index_destroy(z);
}

/*
 * An index of pages of two groups and three sections with titles,
 * descriptions, images and og:urls shared, and canonical URLs that name
 * no page and a redirect stub; `collide` as the index's (groups.c).
 */
static struct ogc_xp_index *
mixed_index(uint32_t collide, const void *rules, size_t pages)
{
	struct ogc_xp_index *index = ogc_xp_index_create();
	struct ogc_xp_page page;
	const char *target;
	char name[32];
	size_t i;

	assert_non_null(index);
	index->collide = collide;
	for (i = 0; i < pages; i++) {
		memset(&page, 0, sizeof(page));
		/* 10 titles, or with many pages 1 in 3 pages' titles of
		   their own and the rest one of 500 */
		page.hash[OGC_XP_TITLE] = pages < 1000 ? (i % 30) / 3 + 1 :
			i % 3 == 0 ? 1000 + i : 1 + i % 500;
		page.hash[OGC_XP_DESCRIPTION] = i % 7 == 0 ? 5 : 100 + i;
		page.hash[OGC_XP_OG_TITLE] = i % 5 == 0 ? 3 : 0;
		page.hash[OGC_XP_OG_IMAGE] = i % 4 != 0 ? 77 : 88;
		page.hash[OGC_XP_OG_URL] = i >= 40 && i < 48 ? 500 + i % 2 : 0;
		page.url = i == 40 ? 500 : 0;
		target = NULL;
		if (i == 60 || i == 61) {
			page.flags = OGC_XP_BUILT | OGC_XP_WHOLE;
			page.hash[OGC_XP_CANONICAL] = 900 + i;
			target = i == 60 ? "https://x.org/none/" :
				"https://x.org/p62/";
		}
		if (i == 62 || i == 63) {
			/* two pages of one URL: the first is the one named */
			page.flags = OGC_XP_BUILT | (i == 62 ? OGC_XP_STUB :
				OGC_XP_NOINDEX);
			page.url = ogc_hash64(OGC_HASH64_START,
				"https://x.org/p62/", 18);
		}
		snprintf(name, sizeof(name), "s/p%02zu.md", i);
		assert_true(ogc_xp_index_add(index, &page, name, target,
			1 + i % 2, 10 + i % 3, rules, NULL));
	}
	return index;
}

/*
 * The rules group pages by 32-bit mixes of their keys: pages of other
 * keys whose mixes are the same are told apart, the findings those of
 * keys that never meet. With 9,000 pages the rules' sort puts the pages
 * in buckets by their mix's top byte first (radix_keyed()): 256 of them,
 * a few, or buckets whose pages all meet.
 */
static void
test_keys_collide(void **state)
{
	/* the findings with every mix one (each group told apart by its
	   keys alone) are those of every other: mixes left whole, or some
	   of their bits */
	static const uint32_t collide[] = {0, 0xfffffff0u, 0xffff0000u,
		0x7fffffffu, 0x00ffffffu};
	static const size_t pages[] = {90, 9000};
	struct ogc_xp_index *index;
	struct ogc_xp_finding *want = NULL;
	struct ogc_xp_finding *found = NULL;
	size_t want_count = 0;
	size_t count = 0;
	size_t c;
	size_t i;
	size_t p;
	int rules = 0;

	(void)state;
	for (p = 0; p < sizeof(pages) / sizeof(*pages); p++) {
		index = mixed_index(0xffffffffu, &rules, pages[p]);
		assert_true(ogc_xp_run(index, noop_limits, &want,
			&want_count));
		ogc_xp_index_destroy(index);
		assert_true(want_count > 40);
		for (c = 0; c < sizeof(collide) / sizeof(*collide); c++) {
			index = mixed_index(collide[c], &rules, pages[p]);
			assert_true(ogc_xp_run(index, noop_limits, &found,
				&count));
			assert_int_equal(count, want_count);
			for (i = 0; i < count; i++) {
				same_finding(&found[i], &want[i]);
			}
			free(found);
			ogc_xp_index_destroy(index);
		}
		free(want);
	}
}

/*
 * An index of n pages "p0.md"... with titles[] and og_urls[] (NULL:
 * none) as their values, under `rules`.
 */
static struct ogc_xp_index *
index_of_values(const uint64_t *titles, const uint64_t *og_urls, size_t n,
	const void *rules)
{
	struct ogc_xp_index *index = ogc_xp_index_create();
	struct ogc_xp_page page;
	char name[32];
	size_t i;

	assert_non_null(index);
	for (i = 0; i < n; i++) {
		memset(&page, 0, sizeof(page));
		page.hash[OGC_XP_TITLE] = titles[i];
		page.hash[OGC_XP_OG_URL] = og_urls != NULL ? og_urls[i] : 0;
		snprintf(name, sizeof(name), "p%zu.md", i);
		assert_true(ogc_xp_index_add(index, &page, name, NULL, 1, 1,
			rules, NULL));
	}
	return index;
}

/*
 * Values whose short forms (the 24 bits a record keeps in memory) are
 * one are told apart by their full values, read from the names' file:
 * titles 3 and 1 << 32 | 2 are not one title; og:urls likewise. A value
 * whose short form would be 0 is still a value.
 */
static void
test_short_forms(void **state)
{
	static const uint64_t titles[] = {3, 1ull << 32 | 2, 3,
		5ull << 32 | 5, 7};
	static const uint64_t og_urls[] = {9ull << 32 | 1, 8, 0, 0, 8};
	/* the findings' pages, and the page each names */
	static const size_t pages[] = {0, 1, 2, 4};
	static const uint32_t others[] = {2, 4, 0, 1};
	struct ogc_xp_index *index;
	struct ogc_xp_finding *found = NULL;
	struct ogc_xp_page page;
	size_t count = 0;
	size_t i;
	int rules = 0;

	(void)state;
	assert_int_equal(ogc_xp_short(3), ogc_xp_short(1ull << 32 | 2));
	assert_int_equal(ogc_xp_short(8), ogc_xp_short(9ull << 32 | 1));
	assert_int_not_equal(ogc_xp_short(5ull << 32 | 5), 0);
	/* 24 bits: the top byte of the 32 folded in */
	assert_int_equal(ogc_xp_short(0x12000034), ogc_xp_short(0x26));
	assert_true(ogc_xp_short(UINT64_MAX - 1) < 1u << 24);
	index = index_of_values(titles, og_urls, 5, &rules);
	assert_true(index->names.fd >= 0); /* the records keep short forms */
	assert_true(ogc_xp_run(index, noop_limits, &found, &count));
	/* p0 and p2 share a title (not p1), p1 and p4 an og:url (not p0):
	   each group of two */
	assert_int_equal(count, 4);
	for (i = 0; i < count; i++) {
		assert_int_equal(found[i].count, 2);
		assert_int_equal(found[i].page, pages[i]);
		assert_string_equal(found[i].rule, i % 2 == 0 ?
			"title-duplicate" : "url-duplicate");
		assert_int_equal(found[i].other[0], others[i]);
	}
	/* the full values come back */
	ogc_xp_page(index, 0, &page);
	assert_true(page.hash[OGC_XP_OG_URL] == (9ull << 32 | 1));
	ogc_xp_page(index, 1, &page);
	assert_true(page.hash[OGC_XP_TITLE] == (1ull << 32 | 2));
	assert_true(page.hash[OGC_XP_OG_URL] == 8);
	ogc_xp_page(index, 3, &page);
	assert_true(page.hash[OGC_XP_TITLE] == (5ull << 32 | 5));
	assert_false(ogc_xp_index_failed(index));
	free(found);
	ogc_xp_index_destroy(index);
}

/*
 * Titles whose 24-bit short forms are one (the top byte of the 32 folded
 * into the low one) are no duplicates; the same title on a third page
 * is.
 */
static void
test_short_forms_24(void **state)
{
	static const uint64_t titles[] = {0x12000034, 0x26, 0x12000034};
	struct ogc_xp_index *index;
	struct ogc_xp_finding *found = NULL;
	size_t count = 0;
	int rules = 0;

	(void)state;
	index = index_of_values(titles, NULL, 3, &rules);
	assert_true(ogc_xp_run(index, noop_limits, &found, &count));
	assert_int_equal(count, 2); /* p0 and p2 */
	assert_int_equal(found[0].page, 0);
	assert_int_equal(found[1].page, 2);
	assert_int_equal(found[0].count, 2);
	free(found);
	ogc_xp_index_destroy(index);
}

/* Folds s as people read it, a byte at a time: out gets the text. */
static size_t
fold_slowly(const char *s, size_t len, char *out)
{
	size_t n = 0;
	size_t i;
	bool space = false;
	char c;

	for (i = 0; i < len; i++) {
		c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = n > 0;
			continue;
		}
		if (space) {
			out[n++] = ' ';
			space = false;
		}
		out[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	return n;
}

static uint64_t
fold_text(const char *s)
{
	return ogc_xp_fold_hash(s, strlen(s));
}

/*
 * ogc_xp_fold_hash() folds 8 bytes at a time where it can: texts that
 * fold alike (case, runs of white space, the ends) hash alike, whatever
 * falls where in its words, and texts that fold otherwise do not.
 */
static void
test_fold_hash(void **state)
{
	static const char bytes[] = "aAzZ@[`{09 \t\n\r\x01\x1f!~\x7f\x80\xc3\xa9\xff";
	enum { TEXTS = 3000, MAX = 80 };
	uint64_t *seen = calloc(TEXTS, sizeof(*seen));
	char (*kept)[MAX] = calloc(TEXTS, sizeof(*kept));
	size_t *kept_len = calloc(TEXTS, sizeof(*kept_len));
	char text[MAX];
	char folded[MAX];
	char copy[MAX];
	uint32_t seed = 12345;
	size_t len;
	size_t flen;
	size_t i;
	size_t k;
	size_t j;

	assert_true(seen != NULL && kept != NULL && kept_len != NULL);
	assert_true(fold_text("") == 0);
	assert_true(fold_text(" \t\r\n  ") == 0);
	assert_true(fold_text("Hello  World, Again!") ==
		fold_text("\thello world,\nagain! "));
	assert_true(fold_text("Hello  World, Again!") !=
		fold_text("Hello  World,Again!"));
	assert_true(ogc_xp_fold_hash("a", 1) != ogc_xp_fold_hash("a\0", 2));
	/* white space to fold where 8-byte words meet, or at the ends */
	assert_true(fold_text("abcdefg  hijklmn") ==
		fold_text("abcdefg hijklmn"));
	assert_true(fold_text("abcdefgh  ijklmnop  q") ==
		fold_text("ABCDEFGH ijklmnop q"));
	assert_true(fold_text("abcdefg\thijklmn") ==
		fold_text("abcdefg hijklmn"));
	assert_true(fold_text("abcdefg \n hijklmnop") ==
		fold_text("abcdefg hijklmnop"));
	assert_true(fold_text("abcdefgh ") == fold_text("abcdefgh"));
	assert_true(fold_text(" abcdefgh") == fold_text("abcdefgh"));
	assert_true(fold_text("Zzz@[`{ \xc3\x89t\xc3\xa9") ==
		fold_text("zzz@[`{  \xc3\x89T\xc3\xa9"));
	assert_true(fold_text("\xc3\x89t\xc3\xa9") !=
		fold_text("\xc3\xa9t\xc3\xa9"));
	for (k = 0; k < TEXTS; k++) {
		len = next(&seed) % MAX;
		for (i = 0; i < len; i++) {
			text[i] = bytes[next(&seed) % (sizeof(bytes) - 1)];
		}
		flen = fold_slowly(text, len, folded);
		/* a text hashes as its folded text does, and a copy at
		   another offset with other case and spaces as well */
		assert_true(ogc_xp_fold_hash(text, len) ==
			ogc_xp_fold_hash(folded, flen));
		j = 0;
		copy[j++] = ' ';
		for (i = 0; i < flen && j < MAX - 2; i++) {
			copy[j++] = folded[i] >= 'a' && folded[i] <= 'z' &&
				next(&seed) % 2 == 0 ? (char)(folded[i] - 32) :
				folded[i];
			if (folded[i] == ' ' && j < MAX - 2) {
				copy[j++] = '\t';
			}
		}
		if (i == flen) {
			assert_true(ogc_xp_fold_hash(copy, j) ==
				ogc_xp_fold_hash(folded, flen));
		}
		/* two folded texts hash alike only when they are one */
		seen[k] = ogc_xp_fold_hash(folded, flen);
		memcpy(kept[k], folded, flen);
		kept_len[k] = flen;
		for (i = 0; i < k; i++) {
			if (seen[i] == seen[k]) {
				assert_int_equal(kept_len[i], flen);
				assert_memory_equal(kept[i], folded, flen);
			}
		}
	}
	free(seen);
	free(kept);
	free(kept_len);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_file),
		cmocka_unit_test(test_names_full),
		cmocka_unit_test(test_index_names),
		cmocka_unit_test(test_index_names_no_file),
		cmocka_unit_test(test_index_runs),
		cmocka_unit_test(test_message_names),
		cmocka_unit_test(test_index_places_merged),
		cmocka_unit_test(test_index_findings),
		cmocka_unit_test(test_spool),
		cmocka_unit_test(test_found_spooled),
		cmocka_unit_test(test_keys_collide),
		cmocka_unit_test(test_short_forms),
		cmocka_unit_test(test_short_forms_24),
		cmocka_unit_test(test_fold_hash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
