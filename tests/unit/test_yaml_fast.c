/* test_yaml_fast.c: the fast YAML reader builds libyaml's trees or gives up. */
/* SPDX-License-Identifier: MIT */
/*
 * Differential: every input is read by the fast reader and by libyaml
 * alone (ogc_doc_parse_slow()); whenever the fast reader takes one, the
 * trees must be the same node for node, positions included. Inputs are
 * the cases below, and every front matter and YAML file found under the
 * folders given as arguments (meson passes tests/golden, the fuzz
 * corpora and rules/; by hand: any site). It prints how many it took.
 */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "harness.h"

#include "../fuzz/tree_same.h"

/* What a case expects of the fast reader. */
enum expect {
	TAKEN,
	LEFT, /* to libyaml */
};

struct tricky {
	enum expect expect;
	const char *text;
};

/*
 * The shapes taken, and the ones close to them that libyaml reads some
 * other way (or refuses), which the fast reader must leave to it.
 */
static const struct tricky cases[] = {
	{TAKEN, ""},
	{TAKEN, "\n\n# only a comment\n"},
	{TAKEN, "title: Harbour lights\n"},
	{TAKEN, "title: Harbour lights"},
	{TAKEN, "a: 1\nb: true\nc: 2024-01-02\nd: 1.5e3\ne: 0x1F\nf: yes\n"},
	{TAKEN, "a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: nULL\ng: \"\"\n"
		"h: ''\ni: 'null'\nj: \"~\"\n"},
	{TAKEN, "a:   \nb:  # c\nc:\n"},
	{TAKEN, "title: 'It''s here'\nq: \"say 'hi'\"\nr: '\"'\n"},
	{TAKEN, "title:   spaced out   \n"},
	{TAKEN, "t: a  b   c\n"},
	{TAKEN, "url: http://example.com/a?b=c#frag\n"},
	{TAKEN, "t: C# and F#\nu: a #comment\n"},
	{TAKEN, "t: a:b\nu: a:\"b\"\n"},
	{TAKEN, "t: x [y] {z}\n"},
	{LEFT, "t: [x] y {z}\n"},
	{TAKEN, "t: x 'y' \"z\"\n"},
	{TAKEN, "og:title: flat\nog:\n  image: /a.png\n  type: article\n"},
	{TAKEN, "a.b: literal\n\"quoted key\": 1\n'single key': 2\n"},
	{TAKEN, "t\xc3\xaft\xc5\x82\xc3\xa9: \xe2\x80\x9cHarbour\xe2\x80\x9d "
		"\xf0\x9f\x8c\x8a\nnext: \xc3\xa9t\xc3\xa9 # \xc3\xa9\n"},
	{TAKEN, "k\xc3\xa9y: [\xc3\xa9, \xf0\x9f\x8c\x8a b, '\xc3\xa9']\n"},
	{TAKEN, "tags: [a, b c, 'd', \"e\", ~, null]\n"},
	{TAKEN, "tags: []\nmore: [ ]\nx: [ a ,b ]  # c\n"},
	{TAKEN, "tags:\n- a\n- b\nnext: 1\n"},
	{TAKEN, "tags:\n  - a\n  - 'b'\n  - [c, d]\nnext: 1\n"},
	{TAKEN, "authors:\n  - name: A\n    url: B\n  - name: C\nx: y\n"},
	{TAKEN, "authors:\n- name: A\n  url:\n  more:\n  - x\n- name: C\n"},
	{TAKEN, "a:\n  b:\n    c:\n      d: deep\n  e: 1\nf: 2\n"},
	{TAKEN, "a:\n    b: 1\n    c: 2\nd: 3\n"},
	{TAKEN, "a:\n\n  # between\n  b: 1\n\n# end\n"},
	{TAKEN, "a: 1\r\nb:\r\n  c: 'x'\r\nd: [e, f]\r\n"},
	{TAKEN, "a: -1\nb: -x\n-c: d\n"},
	{TAKEN, "list:\n  - a # c\n  - \"b\"  # c\n"},
	{LEFT, "x: ]\n"},
	{TAKEN, "x: a,b\ny: a, b\n"},
	{TAKEN, "~: a\nnull: b\n"},
	{TAKEN, "\"\": empty key\n"},
	{TAKEN, "a:\n  - x\nb:\n- y\n"},
	{TAKEN, "a:: b\na b: c\n-x: d\n"},
	{TAKEN, "x:\n- \"a\": b\n  'c': d\n- e\n"},
	{TAKEN, "x: [a'b, c\"d, e!f, g-h, i?j, k|l]\n"},
	{TAKEN, "x: a  # one\n  # two, further right\ny: b\n"},
	{TAKEN, "x:\n  y: 1\n # left of y, right of x\nz: 2\n"},
	{LEFT, "a: b: c\n"},
	{LEFT, "a: b:\n"},
	{LEFT, "key:value\n"},
	{LEFT, "a : b\n"},
	{LEFT, "a: 1\na: 2\n"},
	{LEFT, "a:\n  b: 1\n  b: 2\n"},
	{LEFT, "a: b\n  c\n"},
	{LEFT, "a: b\n\n  c\n"},
	{TAKEN, "a: b\n  # c\n"},
	{LEFT, "a: 'b\n  c'\n"},
	{LEFT, "a: \"b\\\"c\"\n"},
	{LEFT, "a: \"b\\u00e9\"\n"},
	{LEFT, "a: |\n  text\n"},
	{LEFT, "a: >-\n  text\n"},
	{LEFT, "a: &x 1\nb: *x\n"},
	{LEFT, "base: &b {t: 1}\nog:\n  <<: *b\n"},
	{LEFT, "<<: {a: 1}\n"},
	{LEFT, "'<<': 7\n"},
	{LEFT, "a:\n  \"<<\": x\n"},
	{LEFT, "a: !!str 1\n"},
	{LEFT, "? a\n: b\n"},
	{LEFT, "a: {b: c}\n"},
	{LEFT, "a: [b, [c]]\n"},
	{LEFT, "a: [b, {c: d}]\n"},
	{LEFT, "a: [b,]\n"},
	{LEFT, "a: [b, , c]\n"},
	{LEFT, "a: [b,\n  c]\n"},
	{LEFT, "a: [b: c]\n"},
	{LEFT, "a: [b #c]\n"},
	{LEFT, "a: [b]c\n"},
	{LEFT, "a: [b]#c\n"},
	{LEFT, "a: \"b\"c\n"},
	{LEFT, "a: \"b\"#c\n"},
	{LEFT, "a:\tb\n"},
	{LEFT, "a: b\t\n"},
	{LEFT, "\ta: b\n"},
	{LEFT, "a: b\rc: d\n"},
	{LEFT, "\xef\xbb\xbf" "a: b\n"},
	{LEFT, "a: \xef\xbb\xbf" "b\n"},
	{LEFT, "a: b\xc2\x85" "c\n"},
	{LEFT, "a: b\xe2\x80\xa8" "c\n"},
	{TAKEN, "a: \xc2\xa0\n"},
	{LEFT, "a: \x01\n"},
	{LEFT, "a: \x7f\n"},
	{LEFT, "---\na: b\n"},
	{LEFT, "a: b\n---\nc: d\n"},
	{LEFT, "a: b\n...\n"},
	{LEFT, "%YAML 1.1\n---\na: b\n"},
	{LEFT, "  a: b\n  c: d\n"},
	{LEFT, "a: b\n c: d\n"},
	{LEFT, "a:\n  b: 1\n c: 2\n"},
	{LEFT, "- a\n- b\n"},
	{LEFT, "just text\n"},
	{LEFT, "a:\n  just text\n"},
	{LEFT, "a:\n  - x\n  y: 1\n"},
	{LEFT, "a:\n  - x\n - y\n"},
	{LEFT, "a:\n  -\n  - x\n"},
	{LEFT, "a:\n  - - x\n"},
	{LEFT, "a:\n  - x\n    y\n"},
	{LEFT, "a:\n  - b: 1\n   c: 2\n"},
	{LEFT, "a:\n  - b: 1\n      c: 2\n"},
	{LEFT, "a: - b\n"},
	{LEFT, "a: @b\n"},
	{LEFT, "a: `b`\n"},
	{LEFT, "a: %b\n"},
	{LEFT, "a: ?b\n"},
	{LEFT, "a: :b\n"},
	{LEFT, "a: ,b\n"},
	{TAKEN, "a#b: c\n"},
	{LEFT, "a #b: c\n"},
	{LEFT, "a: 'b' : c\n"},
	{TAKEN, "'a''b': c\n"},
	{LEFT, "- 'a''b': c\n"},
	{TAKEN, "x:\n- 'a': b\n  c: d\n"},
	{LEFT, "a:\n- b\n- c\n  d: e\n"},
	{LEFT, "a: b\n- c\n"},
	{TAKEN, "a: 'b'  \nc: \"d\" # e\n"},
	{LEFT, "a:# b\n"},
	{TAKEN, "a: #\n"},
	{TAKEN, "a: b #\n"},
	{TAKEN, "a: b\\c\n"},
	{TAKEN, "a: 'b\\c'\n"},
	{TAKEN, "a: \"b'c\"\n"},
	{TAKEN, "a:\n  - [x, y]\n  - ['z', \"w\"]\n"},
	{TAKEN, "a:\r\n- b\r\n"},
	{LEFT, "a: b\r"},
	{TAKEN, "a: b\r\n\r\n"},
	{LEFT, ": b\n"},
	{TAKEN, "a:b: c\n"},
	{TAKEN, "a:\n\n\n"},
	{TAKEN, "a: b\n  \n"},
	{TAKEN, "a: b\n   \nc: d\n"},
	{LEFT, "a:\n -\n"},
	{TAKEN, "a:\n  -   b\n  -   c: d\n      e: f\n"},
	{LEFT, "a:\n  - b\n  -\n"},
	{TAKEN, "a: [\xc3\xa9\xc3\xa9, b]\n"},
	{TAKEN, "\xc3\xa9: \xc3\xa9\n\xc3\xa9\xc3\xa9:\n  - \xc3\xa9\n"},
};

/* Counts over all inputs; every difference is printed as it is found. */
struct tally {
	unsigned inputs;
	unsigned taken;
	unsigned differ;
	unsigned fronts; /* of the inputs, front matter (not YAML files) */
	unsigned fronts_taken;
};

static void
compare(struct tally *t, const char *name, const char *text, size_t len,
	unsigned first_line, bool front)
{
	char why[400];

	t->inputs++;
	t->fronts += front;
	switch (tree_compare(text, len, first_line, why, sizeof(why))) {
	case TREE_SAME:
		t->taken++;
		t->fronts_taken += front;
		break;
	case TREE_DIFFERS:
		t->differ++;
		print_message("%s: %s\n", name, why);
		break;
	case TREE_NOMEM:
		fail_msg("out of memory");
		break;
	case TREE_GAVE_UP:
		if (getenv("TEST_YAML_FAST_LEFT") != NULL) {
			print_message("left to libyaml: %s\n", name);
		}
		break;
	}
}

static void
test_cases(void **state)
{
	struct tally t = {0, 0, 0, 0, 0};
	struct ogc_doc *doc;
	char name[32];
	size_t i;
	enum ogc_fast_result r;
	unsigned wrong = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "case %zu", i);
		compare(&t, name, cases[i].text, strlen(cases[i].text), 2,
			true);
		doc = ogc_doc_create();
		assert_non_null(doc);
		r = ogc_yaml_fast_parse(doc, cases[i].text,
			strlen(cases[i].text), 2);
		ogc_doc_destroy(doc);
		if (cases[i].expect == TAKEN && r != OGC_FAST_DONE) {
			print_message("case %zu given up: %s\n", i,
				cases[i].text);
			wrong++;
		}
		if (cases[i].expect == LEFT && r != OGC_FAST_GAVE_UP) {
			print_message("case %zu taken: %s\n", i,
				cases[i].text);
			wrong++;
		}
	}
	print_message("cases: %u, taken %u, differences %u\n", t.inputs,
		t.taken, t.differ);
	assert_int_equal(t.differ, 0);
	assert_int_equal(wrong, 0);
}

/* The whole of a file, NUL-terminated; NULL when it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0;
	size_t n = 0;
	size_t got;

	if (fp == NULL) {
		return NULL;
	}
	do {
		if (cap - n < 4096) {
			cap = cap * 2 + 8192;
			buf = realloc(buf, cap + 1);
			assert_non_null(buf);
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static bool
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s);
	size_t m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

/*
 * One file: a YAML file whole (rule files and site configs go through
 * ogc_doc_parse() too), else its YAML front matter, if any. A file of
 * the front fuzz corpus opens with its chunk size byte.
 */
static void
compare_file(struct tally *t, const char *path)
{
	struct ogc_front front;
	size_t len;
	char *text = slurp(path, &len);
	const char *data = text;

	if (text == NULL) {
		return;
	}
	if (ends_with(path, ".yaml") || ends_with(path, ".yml") ||
		strstr(path, "/corpus/yaml_doc/") != NULL ||
		strstr(path, "/corpus/rules/") != NULL) {
		compare(t, path, text, len, 1, false);
		free(text);
		return;
	}
	if (strstr(path, "/corpus/front/") != NULL && len > 0) {
		data++;
		len--;
	}
	ogc_front_init(&front);
	ogc_front_feed(&front, data, len);
	ogc_front_end(&front);
	if (front.kind == OGC_FRONT_YAML && front.dialect == OGC_DIALECT_YAML) {
		compare(t, path, front.text, front.len, front.first_line,
			true);
	}
	ogc_front_finish(&front);
	free(text);
}

static void
walk(struct tally *t, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	char path[4096];

	if (d == NULL) {
		compare_file(t, dir);
		return;
	}
	for (e = readdir(d); e != NULL; e = readdir(d)) {
		if (e->d_name[0] == '.' ||
			strcmp(e->d_name, "node_modules") == 0) {
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &st) != 0) {
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			walk(t, path);
		} else if (S_ISREG(st.st_mode)) {
			compare_file(t, path);
		}
	}
	closedir(d);
}

static int n_dirs;
static char **dirs;

static void
test_corpus(void **state)
{
	struct tally t = {0, 0, 0, 0, 0};
	int i;

	(void)state;
	for (i = 0; i < n_dirs; i++) {
		walk(&t, dirs[i]);
	}
	print_message("corpus: %u YAML texts, taken %u (%.1f %%), "
		"differences %u\n", t.inputs, t.taken,
		t.inputs > 0 ? 100.0 * t.taken / t.inputs : 0.0, t.differ);
	print_message("of them front matter: %u, taken %u (%.1f %%)\n",
		t.fronts, t.fronts_taken,
		t.fronts > 0 ? 100.0 * t.fronts_taken / t.fronts : 0.0);
	assert_int_equal(t.differ, 0);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_corpus),
	};

	n_dirs = argc - 1;
	dirs = argv + 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
