/* test_robots.c: robots.txt as RFC 9309 matches it (read/robots.c). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "read/read.h"
#include "util/util.h"

static struct ogc_robots *
parse(const char *text)
{
	struct ogc_robots *r = ogc_robots_parse(text, strlen(text));

	assert_non_null(r);
	return r;
}

static bool
allowed(const char *text, const char *agent, const char *path)
{
	struct ogc_robots *r = parse(text);
	bool ok = ogc_robots_allowed(r, agent, path, NULL);

	ogc_robots_destroy(r);
	return ok;
}

static void
test_groups(void **state)
{
	const char text[] =
		"User-agent: *\n"
		"Disallow: /\n"
		"\n"
		"User-agent: Twitterbot\n"
		"User-agent: LinkedInBot\n"
		"Disallow: /private/\n";

	(void)state;
	/* the group naming the crawler, not *, without case (2.2.1) */
	assert_true(allowed(text, "Twitterbot", "/posts/a/"));
	assert_true(allowed(text, "twitterbot", "/posts/a/"));
	assert_false(allowed(text, "Twitterbot", "/private/x.html"));
	/* two user-agent lines open one group */
	assert_false(allowed(text, "LinkedInBot", "/private/"));
	assert_true(allowed(text, "LinkedInBot", "/"));
	/* a crawler no group names takes the * group */
	assert_false(allowed(text, "facebookexternalhit", "/posts/a/"));
	/* /robots.txt is always allowed (2.2.2) */
	assert_true(allowed(text, "facebookexternalhit", "/robots.txt"));
	/* no robots.txt at all: everything */
	assert_true(ogc_robots_allowed(NULL, "Twitterbot", "/", NULL));
}

static void
test_groups_merge(void **state)
{
	/* groups naming the same crawler are merged; a product token with
	 * a version names the crawler ("Twitterbot/1.0") */
	const char text[] =
		"User-agent: Twitterbot/1.0\n"
		"Disallow: /a/\n"
		"User-agent: *\n"
		"Disallow: /c/\n"
		"User-agent: twitterbot\n"
		"Disallow: /b/\n";

	(void)state;
	assert_false(allowed(text, "Twitterbot", "/a/x"));
	assert_false(allowed(text, "Twitterbot", "/b/x"));
	assert_true(allowed(text, "Twitterbot", "/c/x"));
	assert_false(allowed(text, "LinkedInBot", "/c/x"));
	assert_true(allowed(text, "LinkedInBot", "/a/x"));
}

static void
test_longest_match(void **state)
{
	const char text[] =
		"User-agent: *\n"
		"Disallow: /images/\n"
		"Allow: /images/cards/\n"
		"Disallow: /images/cards/old/\n"
		"Allow: /page\n"
		"Disallow: /page\n";

	(void)state;
	assert_false(allowed(text, "Twitterbot", "/images/logo.png"));
	assert_true(allowed(text, "Twitterbot", "/images/cards/a.png"));
	assert_false(allowed(text, "Twitterbot", "/images/cards/old/a.png"));
	/* Allow wins a tie (2.2.2) */
	assert_true(allowed(text, "Twitterbot", "/page.html"));
	/* matching starts at the path's first character */
	assert_true(allowed(text, "Twitterbot", "/x/images/a.png"));
}

static void
test_wildcards(void **state)
{
	const char text[] =
		"User-agent: *\n"
		"Disallow: /*.svg$\n"
		"Disallow: /drafts*/secret\n"
		"Disallow: /exact$\n"
		"Allow: /*.svg$\n"
		"Disallow: /q?\n";

	(void)state;
	/* the svg pattern is both allowed and disallowed: the same length,
	 * Allow wins */
	assert_true(allowed(text, "Twitterbot", "/a/b.svg"));
	assert_false(allowed(text, "Twitterbot", "/drafts-2024/x/secret/y"));
	assert_true(allowed(text, "Twitterbot", "/drafts/x/secre"));
	/* $ anchors the end */
	assert_false(allowed(text, "Twitterbot", "/exact"));
	assert_true(allowed(text, "Twitterbot", "/exact/"));
	assert_false(allowed(text, "Twitterbot", "/q?x=1"));
	assert_true(allowed("User-agent: *\nDisallow: /*.png$\n",
		"Twitterbot", "/a.png?v=2"));
	assert_false(allowed("User-agent: *\nDisallow: /*.png\n",
		"Twitterbot", "/a.png?v=2"));
}

static void
test_syntax(void **state)
{
	struct ogc_robots *r;
	struct ogc_robots_why why;

	(void)state;
	/* an empty Disallow disallows nothing; keys without case; comments,
	 * blanks, CRLF and a BOM; other keys ignored */
	assert_true(allowed("\xef\xbb\xbfuser-agent: *\r\nDISALLOW:\r\n",
		"Twitterbot", "/"));
	assert_false(allowed("USER-AGENT : * # all\r\n  disallow : /a # no\n"
		"Sitemap: https://x.org/s.xml\nCrawl-delay: 5\n", "Twitterbot",
		"/a/b"));
	/* a rule before any user-agent line is no group's */
	assert_true(allowed("Disallow: /\nUser-agent: *\nAllow: /x\n",
		"Twitterbot", "/y"));
	/* a user-agent line after rules starts a new group */
	assert_true(allowed("User-agent: a\nDisallow: /\nUser-agent: *\n"
		"Disallow: /z\n", "Twitterbot", "/y"));
	/* the rule that decided, for the message */
	r = parse("# robots\nUser-agent: *\nDisallow: /private/  # soon\n");
	assert_false(ogc_robots_allowed(r, "Twitterbot", "/private/a", &why));
	assert_int_equal(why.line, 3);
	assert_string_equal(why.rule, "Disallow: /private/");
	assert_true(why.star);
	ogc_robots_destroy(r);
}

static void
test_percent_encoding(void **state)
{
	const char text[] =
		"User-agent: *\n"
		"Disallow: /caf\xc3\xa9/\n"
		"Disallow: /%7euser/\n"
		"Disallow: /a%2fb\n";

	(void)state;
	/* octets outside ASCII and encoded ones compare the same; encoded
	 * unreserved characters are decoded; hex digits without case */
	assert_false(allowed(text, "Twitterbot", "/caf%C3%A9/x"));
	assert_false(allowed(text, "Twitterbot", "/caf%c3%a9/x"));
	assert_false(allowed(text, "Twitterbot", "/~user/x"));
	assert_false(allowed(text, "Twitterbot", "/a%2Fb"));
	/* an encoded "/" is not a "/" */
	assert_true(allowed(text, "Twitterbot", "/a/b"));
}

static void
test_garbage(void **state)
{
	char *text = malloc(OGC_MAX_ROBOTS);
	struct ogc_robots *r;
	size_t i;

	(void)state;
	assert_non_null(text);
	/* binary bytes, NULs, lone CRs, endless stars: no crash, and
	 * matching stays quick */
	for (i = 0; i < OGC_MAX_ROBOTS; i++) {
		text[i] = (char)(i * 7919 % 251);
	}
	r = ogc_robots_parse(text, OGC_MAX_ROBOTS);
	assert_non_null(r);
	(void)ogc_robots_allowed(r, "Twitterbot", "/a/b/c", NULL);
	ogc_robots_destroy(r);
	memcpy(text, "User-agent: *\nDisallow: ", 24);
	for (i = 24; i < 24 + 2000; i += 2) {
		text[i] = '*';
		text[i + 1] = 'a';
	}
	memcpy(text + i, "b\n", 2);
	r = ogc_robots_parse(text, i + 2);
	assert_non_null(r);
	memset(text, 'a', 4000);
	text[0] = '/';
	text[4000] = '\0';
	assert_true(ogc_robots_allowed(r, "Twitterbot", text, NULL));
	ogc_robots_destroy(r);
	free(text);
}

static void
test_many_groups(void **state)
{
	static const char group[] = "User-agent: bot\nDisallow: /x\n";
	size_t count = OGC_MAX_ROBOTS / (sizeof(group) - 1);
	char *text = malloc(count * (sizeof(group) - 1) + 64);
	struct ogc_robots *r;
	size_t i;

	(void)state;
	assert_non_null(text);
	/* 17,000 groups: each query looks up a group's agents by
	 * bisection, not by a walk over every agent */
	for (i = 0; i < count; i++) {
		memcpy(text + i * (sizeof(group) - 1), group, sizeof(group) - 1);
	}
	memcpy(text + i * (sizeof(group) - 1), "User-agent: Twitterbot\n"
		"Disallow: /y\n", 36);
	r = ogc_robots_parse(text, i * (sizeof(group) - 1) + 36);
	assert_non_null(r);
	for (i = 0; i < 200; i++) {
		assert_false(ogc_robots_allowed(r, "Twitterbot", "/y", NULL));
		assert_true(ogc_robots_allowed(r, "Twitterbot", "/x", NULL));
		assert_false(ogc_robots_allowed(r, "BOT", "/x", NULL));
	}
	ogc_robots_destroy(r);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_groups_merge),
		cmocka_unit_test(test_longest_match),
		cmocka_unit_test(test_wildcards),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_percent_encoding),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_many_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
