/* test_url.c: unit tests of the URL helpers of net/url.c. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "net/net.h"

/* Normalises url against base and compares the result with want. */
static void
assert_normal(const char *url, const char *base, const char *want)
{
	char why[160] = "";
	char *got = ogc_url_normalize(url, base, why, sizeof(why));

	if (got == NULL) {
		fail_msg("\"%s\" did not normalise: %s", url, why);
	}
	assert_string_equal(got, want);
	free(got);
}

/* Checks that url does not normalise and that why contains `because`. */
static void
assert_not_normal(const char *url, const char *base, const char *because)
{
	char why[160] = "";
	char *got = ogc_url_normalize(url, base, why, sizeof(why));

	if (got != NULL) {
		fail_msg("\"%s\" normalised to \"%s\"", url, got);
	}
	assert_non_null(strstr(why, because));
}

static void
test_normalize_case(void **state)
{
	(void)state;
	assert_normal("HTTPS://Example.ORG/Path/A", NULL,
		"https://example.org/Path/A");
	assert_normal("HtTp://WWW.x.org/?Q=A#F", NULL,
		"http://www.x.org/?Q=A#F");
	/* An IPv6 host is lower-cased too, and keeps its zone id. */
	assert_normal("https://[FE80::1%25eth0]/a", NULL,
		"https://[fe80::1%25eth0]/a");
}

static void
test_normalize_ports(void **state)
{
	(void)state;
	assert_normal("http://x.org:80/a", NULL, "http://x.org/a");
	assert_normal("https://x.org:443/a", NULL, "https://x.org/a");
	assert_normal("https://x.org:0443/a", NULL, "https://x.org/a");
	assert_normal("http://x.org:443/a", NULL, "http://x.org:443/a");
	assert_normal("https://x.org:80/a", NULL, "https://x.org:80/a");
	assert_normal("https://x.org:8443/a", NULL, "https://x.org:8443/a");
	assert_normal("https://x.org:/a", NULL, "https://x.org/a");
}

static void
test_normalize_empty_path(void **state)
{
	(void)state;
	assert_normal("https://x.org", NULL, "https://x.org/");
	assert_normal("https://x.org?q=1", NULL, "https://x.org/?q=1");
	assert_normal("https://x.org#top", NULL, "https://x.org/#top");
}

static void
test_normalize_percent_case(void **state)
{
	(void)state;
	assert_normal("https://x.org/a%2fb", NULL, "https://x.org/a%2Fb");
	assert_normal("https://x.org/a%2fb?q=%7e&r=%c3%a9#f%2a", NULL,
		"https://x.org/a%2Fb?q=%7E&r=%C3%A9#f%2A");
	/* Only the hex digits of an escape change. */
	assert_normal("https://x.org/abc%zz?def", NULL,
		"https://x.org/abc%zz?def");
}

static void
test_normalize_dot_segments(void **state)
{
	(void)state;
	assert_normal("https://x.org/a/./b/../c", NULL, "https://x.org/a/c");
	assert_normal("https://x.org/a/b/../../../c", NULL,
		"https://x.org/c");
	assert_normal("https://x.org/a/.", NULL, "https://x.org/a/");
}

static void
test_normalize_keeps_query_fragment(void **state)
{
	(void)state;
	assert_normal("https://x.org/p?b=2&a=1#top", NULL,
		"https://x.org/p?b=2&a=1#top");
	assert_normal("https://x.org/p/?utm=x#/route", NULL,
		"https://x.org/p/?utm=x#/route");
	assert_normal("https://user:pw@x.org/", NULL, "https://user:pw@x.org/");
}

static void
test_normalize_relative(void **state)
{
	const char *base = "https://news.example.org/2024/ferry/";

	(void)state;
	assert_normal("/x/", base, "https://news.example.org/x/");
	assert_normal("x", base, "https://news.example.org/2024/ferry/x");
	assert_normal("../x", base, "https://news.example.org/2024/x");
	assert_normal("//cdn.example.org/a.jpg", base,
		"https://cdn.example.org/a.jpg");
	assert_normal("x?q=%2f", base,
		"https://news.example.org/2024/ferry/x?q=%2F");
	/* The base is normalised like any URL... */
	assert_normal("b", "HTTPS://News.Example.ORG:443/a/",
		"https://news.example.org/a/b");
	assert_normal("/x", "https://news.example.org",
		"https://news.example.org/x");
	/* ...and ignored when the URL is absolute. */
	assert_normal("https://other.org/y", base, "https://other.org/y");
}

static void
test_normalize_relative_without_base(void **state)
{
	(void)state;
	assert_not_normal("/2024/x/", NULL, "--base-url");
	/* a percent-encoded host that decodes to a control or invisible
	   character (found by fuzzing) */
	assert_not_normal("https://example%7F", NULL, "once decoded");
	assert_not_normal("https://ex%C2%A0ample.org/", NULL, "once decoded");
	assert_not_normal("x", NULL, "relative");
	assert_not_normal("//cdn.example.org/a.jpg", NULL, "relative");
	assert_not_normal("/x", "example.org", "base URL");
}

static void
test_normalize_rejects(void **state)
{
	(void)state;
	assert_not_normal("ftp://x.org/a", NULL, "unsupported scheme \"ftp\"");
	assert_not_normal("foo://x.org/a", NULL, "unsupported scheme \"foo\"");
	assert_not_normal("ftp://z.org/", "https://a.org/", "\"ftp\"");
	assert_not_normal("mailto:a@b.org", NULL, "//");
	assert_not_normal("http://", NULL, "no host");
	assert_not_normal("https:///x", NULL, "no host");
	assert_not_normal("https:/x.org/a", NULL, "\"https:\"");
	assert_not_normal("https://x.org:99999/", NULL, "");
	assert_not_normal("https://x.org/a b", NULL, "space");
	assert_not_normal("a b", "https://x.org/", "space");
	assert_not_normal("https://x.org/\xc2\xa0", NULL, "invisible");
	assert_not_normal("https://x.org/\t", NULL, "control");
	assert_not_normal("", NULL, "empty");
}

static void
test_normalize_equal_forms(void **state)
{
	char *a;
	char *b;
	char *c;

	(void)state;
	a = ogc_url_normalize("https://EXAMPLE.org:443", NULL, NULL, 0);
	b = ogc_url_normalize("https://example.org/", NULL, NULL, 0);
	c = ogc_url_normalize("/", "https://example.org/a/b", NULL, 0);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_string_equal(a, b);
	assert_string_equal(b, c);
	free(a);
	free(b);
	free(c);
	/* why may be NULL on failure too. */
	assert_null(ogc_url_normalize("ftp://x.org/", NULL, NULL, 0));
}

/* url with its "http" or "https" in upper case, which no shortcut takes. */
static void
upper_scheme(const char *url, char *upper, size_t size)
{
	size_t i;

	snprintf(upper, size, "%s", url);
	for (i = 0; i < 5 && upper[i] != ':' && upper[i] != '\0'; i++) {
		upper[i] = (char)(upper[i] - 'a' + 'A');
	}
}

/*
 * URLs normalising leaves as they are skip libcurl's parser: each URL
 * here gives what libcurl gives the same URL with its scheme in upper
 * case ("HTTPS://", which never takes that shortcut).
 */
static void
test_normalize_shortcut_agrees(void **state)
{
	static const char *const urls[] = {
		"https://example.org/", "http://example.org/a/b/",
		"https://www.example.org/posts/a-b_c.d~e/index.html",
		"https://example.org/A/B", "https://x-y.example.org/x",
		"https://127.1/", "https://1.2.3.4/a", "https://example.org",
		"https://example.org./", "https://ex..ample.org/",
		"https://example.org/a/../b", "https://example.org/a/./b",
		"https://example.org/a//b", "https://example.org/a/.",
		"https://example.org/a/..", "https://example.org/.a/..b",
		"https://example.org/a%2fb", "https://Example.org/",
		"https://example.org:443/", "https://example.org:8443/",
		"https://u@example.org/", "https://example.org/?q=1",
		"https://example.org/#f", "https://example.org/a b",
		"https://-x.org/", "https://x.org/caf\xc3\xa9/",
		"https://xn--caf-dma.example/a", "https://example.123/",
	};
	char upper[256];
	char *fast;
	char *slow;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(urls) / sizeof(*urls); i++) {
		upper_scheme(urls[i], upper, sizeof(upper));
		fast = ogc_url_normalize(urls[i], NULL, NULL, 0);
		slow = ogc_url_normalize(upper, NULL, NULL, 0);
		if ((fast == NULL) != (slow == NULL) || (fast != NULL &&
			strcmp(fast, slow) != 0)) {
			fail_msg("%s: %s, libcurl: %s", urls[i], fast != NULL ?
				fast : "(null)", slow != NULL ? slow : "(null)");
		}
		free(fast);
		free(slow);
	}
}

/*
 * Absolute URLs that skip libcurl's parser (a plain host, RFC 3986's
 * characters after it) parse as libcurl parses them: each URL here gives
 * the outcome of the same URL with its scheme in upper case, which never
 * takes that shortcut.
 */
static void
test_absolute_shortcut_agrees(void **state)
{
	static const char *const urls[] = {
		"https://example.org/", "http://example.org", "https://example.org",
		"https://example.org/a?b=c&d=e#f", "https://example.org?q",
		"https://example.org#f", "https://example.org/a#b#c",
		"https://example.org/%7e%41", "https://example.org/%zz",
		"https://example.org/%", "https://example.org/a%2",
		"https://example.org/!$&'()*+,;=:@", "https://example.org/a b",
		"https://example.org/\"<>", "https://example.org/{}|\\^`",
		"https://127.1/", "https://1.2.3.4/a", "https://ex..ample.org/",
		"https://example.org./", "https://-x.org/", "https://x-.org/",
		"https://Example.org/", "https://example.org:443/",
		"https://u@example.org/", "https://example.123/",
		"https://x.org/caf\xc3\xa9/", "https://xn--caf-dma.example/",
		"https://example.org//a/../b/./c", "https://.org/", "https://",
		"https:///a", "http://a/", "http://a1/", "http://1a/",
	};
	char upper[256];
	bool fast;
	bool slow;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(urls) / sizeof(*urls); i++) {
		upper_scheme(urls[i], upper, sizeof(upper));
		fast = ogc_url_parse_absolute(urls[i], NULL, 0, NULL, 0);
		slow = ogc_url_parse_absolute(upper, NULL, 0, NULL, 0);
		if (fast != slow) {
			fail_msg("%s: %d, libcurl: %d", urls[i], fast, slow);
		}
	}
}

static void
test_normalize_small_why(void **state)
{
	char why[8];

	(void)state;
	assert_null(ogc_url_normalize("/x", NULL, why, sizeof(why)));
	assert_int_equal(strlen(why), sizeof(why) - 1);
}

/* Parses url as absolute and checks the outcome and the scheme. */
static void
assert_absolute(const char *url, bool ok, const char *scheme)
{
	char got[16] = "unset";
	char why[160] = "";

	if (ogc_url_parse_absolute(url, got, sizeof(got), why, sizeof(why)) !=
		ok) {
		fail_msg("\"%s\": expected %s (%s)", url, ok ? "ok" : "failure",
			why);
	}
	assert_string_equal(got, scheme);
	if (!ok) {
		assert_true(why[0] != '\0');
	}
}

static void
test_parse_absolute(void **state)
{
	(void)state;
	assert_absolute("https://x.org/a", true, "https");
	assert_absolute("HTTP://x.org", true, "http");
	assert_absolute("ftp://x.org/f", true, "ftp");
	assert_absolute("git+ssh://x.org/r", true, "git+ssh");
	assert_absolute("https://x.org:8443/?q#f", true, "https");
	assert_absolute("https://user@x.org/", true, "https");
	assert_absolute("https://[::1]/", true, "https");
}

static void
test_parse_absolute_rejects(void **state)
{
	char why[160];

	(void)state;
	assert_absolute("/media/a.jpg", false, "");
	assert_absolute("media/a.jpg", false, "");
	assert_absolute("//cdn.x.org/a.jpg", false, "");
	/* No scheme is guessed: this is not http://x.org/a. */
	assert_absolute("x.org/a", false, "");
	assert_absolute("", false, "");
	/* The scheme is known even when the rest is wrong. */
	assert_absolute("mailto:a@b.org", false, "mailto");
	assert_absolute("https:/x.org/a", false, "https");
	assert_absolute("https:///a", false, "https");
	assert_absolute("https://", false, "https");
	assert_absolute("https://x.org:99999/", false, "https");
	assert_absolute("https://x.org/a b", false, "https");
	assert_absolute("https://x.org/\n", false, "https");

	assert_false(ogc_url_parse_absolute("https://", NULL, 0, why,
		sizeof(why)));
	assert_string_equal(why, "no host");
	assert_false(ogc_url_parse_absolute("x.org", NULL, 0, why,
		sizeof(why)));
	assert_string_equal(why, "no scheme");
	assert_true(ogc_url_parse_absolute("https://x.org", NULL, 0, NULL, 0));
}

static void
test_parse_absolute_small_scheme_buffer(void **state)
{
	char scheme[5];
	char why[160];

	(void)state;
	assert_false(ogc_url_parse_absolute("https://x.org/", scheme,
		sizeof(scheme), why, sizeof(why)));
	assert_string_equal(scheme, "");
	assert_true(ogc_url_parse_absolute("http://x.org/", scheme,
		sizeof(scheme), why, sizeof(why)));
	assert_string_equal(scheme, "http");
}

static void
test_is_relative(void **state)
{
	(void)state;
	assert_true(ogc_url_is_relative("/x/"));
	assert_true(ogc_url_is_relative("x"));
	assert_true(ogc_url_is_relative("../x"));
	assert_true(ogc_url_is_relative("//cdn.x.org/a"));
	assert_true(ogc_url_is_relative("?q"));
	assert_true(ogc_url_is_relative("1http://x.org"));
	assert_true(ogc_url_is_relative("x/y:z"));
	assert_false(ogc_url_is_relative("https://x.org"));
	assert_false(ogc_url_is_relative("mailto:a@b.org"));
	/* Looks like a host and port, but RFC 3986 reads a scheme. */
	assert_false(ogc_url_is_relative("x.org:8080/a"));
}

/*
 * A blank at every offset of a 40-byte URL, so that it falls in each
 * byte of an eight-byte step, and in the last bytes, fewer than eight.
 */
static void
test_find_blank(void **state)
{
	static const struct {
		const char *text;
		uint32_t cp;
	} blanks[] = {
		{" ", ' '}, {"\t", '\t'}, {"\x01", 1}, {"\x7f", 0x7f},
		{"\xc2\x85", 0x85}, {"\xc2\xa0", 0xa0},
		{"\xe2\x80\x8b", 0x200b}, {"\xef\xbb\xbf", 0xfeff},
	};
	const char *url = "https://x.org/a-long/path/to/an/img.png";
	char s[64];
	size_t len = strlen(url);
	size_t blen;
	size_t at;
	uint32_t cp;
	size_t i;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(blanks) / sizeof(*blanks); k++) {
		blen = strlen(blanks[k].text);
		for (i = 0; i <= len; i++) {
			memcpy(s, url, i);
			memcpy(s + i, blanks[k].text, blen);
			memcpy(s + i + blen, url + i, len - i);
			at = 99;
			assert_true(ogc_url_find_blank(s, len + blen, &at,
				&cp));
			assert_int_equal(at, i);
			assert_int_equal(cp, blanks[k].cp);
			/* a text cut before it has none */
			assert_false(ogc_url_find_blank(s, i, &at, &cp));
		}
	}
	/* a NUL within the length counts; non-ASCII letters and bytes that
	   are not UTF-8 are no blanks */
	assert_true(ogc_url_find_blank("https://x.org/a\0b", 17, &at, &cp));
	assert_int_equal(at, 15);
	assert_int_equal(cp, 0);
	assert_false(ogc_url_find_blank("https://x.org/caf\xc3\xa9/\xff\x80",
		22, &at, &cp));
	assert_false(ogc_url_find_blank("", 0, &at, &cp));
}

static void
test_find_entity(void **state)
{
	size_t start;
	size_t len;

	(void)state;
	assert_false(ogc_url_find_entity("https://x.org/?a=1&b=2&c", 24,
		&start, &len));
	assert_true(ogc_url_find_entity("https://x.org/?a=1&b=2&amp;c=3", 30,
		&start, &len));
	assert_int_equal(start, 22);
	assert_int_equal(len, 5);
	assert_true(ogc_url_find_entity("&#38;", 5, &start, &len));
	assert_int_equal(start, 0);
	assert_int_equal(len, 5);
	assert_true(ogc_url_find_entity("a&&#x26;b", 9, &start, &len));
	assert_int_equal(start, 2);
	assert_int_equal(len, 6);
	/* cut by the length: no ';' */
	assert_false(ogc_url_find_entity("x&amp;", 5, &start, &len));
	assert_false(ogc_url_find_entity("x&", 2, &start, &len));
	assert_false(ogc_url_find_entity("", 0, &start, &len));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize_case),
		cmocka_unit_test(test_normalize_shortcut_agrees),
		cmocka_unit_test(test_absolute_shortcut_agrees),
		cmocka_unit_test(test_normalize_ports),
		cmocka_unit_test(test_normalize_empty_path),
		cmocka_unit_test(test_normalize_percent_case),
		cmocka_unit_test(test_normalize_dot_segments),
		cmocka_unit_test(test_normalize_keeps_query_fragment),
		cmocka_unit_test(test_normalize_relative),
		cmocka_unit_test(test_normalize_relative_without_base),
		cmocka_unit_test(test_normalize_rejects),
		cmocka_unit_test(test_normalize_equal_forms),
		cmocka_unit_test(test_normalize_small_why),
		cmocka_unit_test(test_parse_absolute),
		cmocka_unit_test(test_parse_absolute_rejects),
		cmocka_unit_test(test_parse_absolute_small_scheme_buffer),
		cmocka_unit_test(test_is_relative),
		cmocka_unit_test(test_find_blank),
		cmocka_unit_test(test_find_entity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
