/* test_safe_text.c: unit tests of file name escaping and URL redaction. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static void
assert_escaped(const char *name, const char *want)
{
	size_t n = ogc_escape_name(name, NULL);
	char *out = malloc(n + 1);

	assert_non_null(out);
	assert_int_equal(ogc_escape_name(name, out), n);
	out[n] = '\0';
	assert_string_equal(out, want);
	free(out);
}

static void
test_escape_name(void **state)
{
	(void)state;
	assert_escaped("content/post.md", "content/post.md");
	assert_escaped("my post.md", "my post.md");
	assert_escaped("caf\xc3\xa9.md", "caf\xc3\xa9.md");
	assert_escaped("a\nb.md", "a\\nb.md");
	assert_escaped("a\tb\r.md", "a\\tb\\r.md");
	assert_escaped("a\\b.md", "a\\\\b.md");
	assert_escaped("\x1b[31mred.md", "\\x1b[31mred.md");
	assert_escaped("del\x7f.md", "del\\x7f.md");
	/* Latin-1 bytes, a lone continuation byte, a cut sequence */
	assert_escaped("caf\xe9.md", "caf\\xe9.md");
	assert_escaped("\x80.md", "\\x80.md");
	assert_escaped("\xe2\x82.md", "\\xe2\\x82.md");
	/* overlong "/" and a UTF-16 surrogate are not UTF-8 */
	assert_escaped("\xc0\xaf.md", "\\xc0\\xaf.md");
	assert_escaped("\xed\xa0\x80.md", "\\xed\\xa0\\x80.md");
	assert_escaped("", "");
}

/*
 * A byte to escape at every offset of a longer name, so that it falls in
 * each byte of an eight-byte step and in the bytes after the last one.
 */
static void
test_escape_name_offsets(void **state)
{
	static const struct {
		const char *byte;
		const char *shown;
	} cases[] = {
		{"\\", "\\\\"}, {"\n", "\\n"}, {"\x7f", "\\x7f"},
		{"\x1f", "\\x1f"}, {"\xff", "\\xff"},
		{"\xc3\xa9", "\xc3\xa9"}, /* not escaped, but decoded */
	};
	const char *base = "content/posts/2024/a-long-name.md";
	size_t len = strlen(base);
	char name[64];
	char want[80];
	size_t bl;
	size_t sl;
	size_t i;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(cases) / sizeof(*cases); k++) {
		bl = strlen(cases[k].byte);
		sl = strlen(cases[k].shown);
		for (i = 0; i <= len; i++) {
			memcpy(name, base, i);
			memcpy(name + i, cases[k].byte, bl);
			memcpy(name + i + bl, base + i, len - i + 1);
			memcpy(want, base, i);
			memcpy(want + i, cases[k].shown, sl);
			memcpy(want + i + sl, base + i, len - i + 1);
			assert_escaped(name, want);
		}
	}
}

/* s[0..len) redacts to want[0..want_len): a text may hold a NUL */
static void
assert_redacted_len(const char *s, size_t len, const char *want,
	size_t want_len)
{
	size_t n = ogc_redact_userinfo(s, len, NULL);
	char *out = malloc(n + 1);

	assert_non_null(out);
	assert_int_equal(n, want_len);
	assert_int_equal(ogc_redact_userinfo(s, len, out), n);
	assert_memory_equal(out, want, n);
	free(out);
}

static void
assert_redacted(const char *s, const char *want)
{
	assert_redacted_len(s, strlen(s), want, strlen(want));
}

static void
test_redact_userinfo(void **state)
{
	(void)state;
	assert_redacted("https://x.org/a.png", "https://x.org/a.png");
	assert_redacted("https://user:secret@x.org/a.png",
		"https://***@x.org/a.png");
	assert_redacted("https://token@x.org", "https://***@x.org");
	assert_redacted("http://u:p@x.org:8080?q#f", "http://***@x.org:8080?q#f");
	/* an @ in the path, query or fragment is not a credential */
	assert_redacted("https://x.org/@user?a=b@c#d@e",
		"https://x.org/@user?a=b@c#d@e");
	/* a password with an @ in it: up to the last @ of the authority */
	assert_redacted("https://u:p@ss@x.org/", "https://***@x.org/");
	/* every URL of a message, and text around them */
	assert_redacted("og.image does not load: https://a:b@x.org/r -> "
		"http://c:d@y.org/i.png answered HTTP 404",
		"og.image does not load: https://***@x.org/r -> "
		"http://***@y.org/i.png answered HTTP 404");
	assert_redacted("\"https://a:b@x.org\"", "\"https://***@x.org\"");
	assert_redacted("no URL: a@b", "no URL: a@b");
	assert_redacted("ends with ://", "ends with ://");
	assert_redacted("://@", "://***@");
	assert_redacted("", "");
	assert_redacted("a://b@c://d@e/", "a://***@c://***@e/");
	/* an @ only before the "://", or only after the authority */
	assert_redacted("me@x.org: https://x.org/a",
		"me@x.org: https://x.org/a");
	assert_redacted("a@b://", "a@b://");
	assert_redacted("https://x.org/a@b ftp://u@y", "https://x.org/a@b "
		"ftp://***@y");
	/* colons that start no "://" before the one that does */
	assert_redacted("at 10:30 (:/ :x/) https://u:p@x.org",
		"at 10:30 (:/ :x/) https://***@x.org");
	/* a "://" cut by the end of the text, and one inside an authority */
	assert_redacted("u@x :/", "u@x :/");
	assert_redacted("u@x :", "u@x :");
	assert_redacted("a://b:://c@d", "a://b:://***@d");
	/* the first URL without credentials, the second with */
	assert_redacted("http://x.org/ and https://u@y.org/",
		"http://x.org/ and https://***@y.org/");
	/* a NUL ends the authority as a blank does */
	assert_redacted_len("https://u\0@x", 13, "https://u\0@x", 13);
	assert_redacted_len("https://u@\0x@y", 15, "https://***@\0x@y", 17);
}

static void
test_has_userinfo(void **state)
{
	(void)state;
	assert_true(ogc_has_userinfo("https://abc@x.org/", 18));
	assert_true(ogc_has_userinfo("https://u:p@x.org", 17));
	assert_false(ogc_has_userinfo("https://x.org/@abc", 18));
	assert_false(ogc_has_userinfo("https://x.org", 13));
	assert_false(ogc_has_userinfo("a@b", 3));
	assert_false(ogc_has_userinfo("a@b https://x.org", 17));
	assert_true(ogc_has_userinfo("a:b https://u@x.org", 19));
	assert_false(ogc_has_userinfo("u@x ://", 6));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_name),
		cmocka_unit_test(test_escape_name_offsets),
		cmocka_unit_test(test_redact_userinfo),
		cmocka_unit_test(test_has_userinfo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
