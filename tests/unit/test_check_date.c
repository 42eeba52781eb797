/* test_check_date.c: the date parsers behind the `date` check kind. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "checks/date.h"

static bool
iso(const char *s)
{
	return ogc_date_is_iso8601(s, strlen(s));
}

static bool
date(const char *s)
{
	return ogc_date_is_date(s, strlen(s));
}

static bool
matches(const char *pattern, const char *s)
{
	return ogc_date_matches(pattern, s, strlen(s));
}

static bool
jekyll(const char *s)
{
	return ogc_date_is_jekyll(s, strlen(s));
}

static bool
hugo(const char *s)
{
	return ogc_date_is_hugo(s, strlen(s));
}

/* As Jekyll (Ruby's Time.parse) reads dates that real sites write. */
static void
test_jekyll(void **state)
{
	(void)state;
	assert_true(jekyll("2011-04-21 10:57 UTC"));
	assert_true(jekyll("2011-04-21 10:57 GMT"));
	assert_true(jekyll("2011-04-21 10:57:00 PDT"));
	assert_true(jekyll("2017-12-03 20:51 -0800"));
	assert_true(jekyll("2013-11-22 5:00:00 +0000"));
	assert_true(jekyll("2024-11-7 10:30:00 -0800"));
	assert_true(jekyll("2016-05-19 14:48:00 +02:00"));
	assert_true(jekyll("2016-05-19T14:48:00Z"));
	assert_true(jekyll("2016-05-19 14:48:00.25 +0200"));
	assert_true(jekyll("2024-03-01"));
	assert_true(jekyll("2024-3-1"));
	assert_false(jekyll("2023-01-29 18:30:22 2023 -0800"));
	assert_false(jekyll("16:08 29/05/2020"));
	assert_false(jekyll("2024-02-30 10:00"));
	assert_false(jekyll("2024-03-01 25:00"));
	assert_false(jekyll("2024-03-01 10:00 XYZ"));
	assert_false(jekyll("2 March 2024"));
	assert_false(jekyll("2024-03-01 10"));
}

/* Hugo's date layouts. */
static void
test_hugo(void **state)
{
	(void)state;
	assert_true(hugo("2024-03-01"));
	assert_true(hugo("2024-03-01T09:30:00-08:00"));
	assert_true(hugo("2024-03-01T09:30:00"));
	assert_true(hugo("2006-01-02 15:04:05 -0700"));
	assert_true(hugo("2006-01-02 15:04:05 -07:00"));
	assert_true(hugo("2006-01-02 15:04:05.999999999 -0700 MST"));
	assert_true(hugo("Mon, 02 Jan 2006 15:04:05 -0700"));
	assert_true(hugo("Mon, 02 Jan 2006 15:04:05 MST"));
	assert_true(hugo("02 Jan 06 15:04 -0700"));
	assert_true(hugo("Mon Jan  2 15:04:05 2006"));
	assert_true(hugo("Mon Jan 2 15:04:05 MST 2006"));
	assert_true(hugo("02 Jan 2006"));
	assert_false(hugo("02/03/2024"));
	assert_false(hugo("2024-3-1"));
	assert_false(hugo("2024-02-30"));
	assert_false(hugo("Tue, 02 Jan 2006 15:04:05 -0700"));
	assert_false(hugo("March 2, 2024"));
}

static bool
javascript(const char *s)
{
	struct ogc_date_reason why;

	return ogc_date_parse(OGC_DATE_JAVASCRIPT, NULL, s, strlen(s), &why) ==
		OGC_DATE_OK;
}

/* What new Date(text) reads, as Astro's collections write dates. */
static void
test_javascript(void **state)
{
	struct ogc_date_reason why;

	(void)state;
	assert_true(javascript("2024-03-01"));
	assert_true(javascript("2024-03-01T09:30:00Z"));
	assert_true(javascript("Jul 08 2022"));
	assert_true(javascript("Jul 8 2022"));
	assert_true(javascript("25 Aug 2024"));
	assert_true(javascript("4 July 2025"));
	assert_true(javascript("August 14, 2023"));
	assert_true(javascript("Aug 14, 2023 09:30"));
	assert_true(javascript("Mon Jul 08 2024"));
	assert_true(javascript("Mon, 08 Jul 2024 09:30:00 GMT"));
	assert_true(javascript("2024/07/08"));
	assert_false(javascript("the day after tomorrow"));
	assert_false(javascript("08/07/2024 and more"));
	assert_false(javascript("Jul 2022"));
	/* read, but rolled over to March 2 by Date: not the date meant */
	assert_int_equal(ogc_date_parse(OGC_DATE_JAVASCRIPT, NULL,
		"Feb 30 2025", 11, &why), OGC_DATE_RANGE);
	assert_non_null(strstr(why.text, "28 days"));
}

static void
test_iso_valid_forms(void **state)
{
	(void)state;
	assert_true(iso("2024-03-01T09:30:00+00:00"));
	assert_true(iso("2024-03-01T09:30:00Z"));
	assert_true(iso("2024-03-01T09:30:00"));
	assert_true(iso("2024-03-01T09:30"));
	assert_true(iso("2024-03-01T09:30Z"));
	assert_true(iso("2024-03-01T09:30+01:00"));
	assert_true(iso("0000-01-01T00:00:00Z"));
	assert_true(iso("9999-12-31T23:59:59Z"));
}

static void
test_iso_separator(void **state)
{
	(void)state;
	assert_true(iso("2024-03-01t09:30:00z"));
	assert_true(iso("2024-03-01 09:30:00"));
	assert_true(iso("2024-03-01 09:30"));
	assert_false(iso("2024-03-01  09:30"));
	assert_false(iso("2024-03-01_09:30"));
	assert_false(iso("2024-03-0109:30"));
	assert_false(iso("2024-03-01X09:30"));
}

static void
test_iso_zones(void **state)
{
	(void)state;
	assert_true(iso("2024-03-01T09:30:00+01:00"));
	assert_true(iso("2024-03-01T09:30:00-05:30"));
	assert_true(iso("2024-03-01T09:30:00+0100"));
	assert_true(iso("2024-03-01T09:30:00-0530"));
	assert_true(iso("2024-03-01T09:30:00+01"));
	assert_true(iso("2024-03-01T09:30:00-00:00"));
	assert_true(iso("2024-03-01T09:30:00+23:59"));
	assert_false(iso("2024-03-01T09:30:00+24:00"));
	assert_false(iso("2024-03-01T09:30:00+01:60"));
	assert_false(iso("2024-03-01T09:30:00+1"));
	assert_false(iso("2024-03-01T09:30:00+01:0"));
	assert_false(iso("2024-03-01T09:30:00+010"));
	assert_false(iso("2024-03-01T09:30:00+01:00:00"));
	assert_false(iso("2024-03-01T09:30:00 +01:00"));
	assert_false(iso("2024-03-01T09:30:00 Z"));
	assert_false(iso("2024-03-01T09:30:00UTC"));
	assert_false(iso("2024-03-01T09:30:00+"));
	assert_false(iso("2024-03-01T09:30:00ZZ"));
}

static void
test_iso_fractions(void **state)
{
	(void)state;
	assert_true(iso("2024-03-01T09:30:00.5Z"));
	assert_true(iso("2024-03-01T09:30:00.123456789+01:00"));
	assert_true(iso("2024-03-01T09:30:00.000"));
	assert_false(iso("2024-03-01T09:30:00.1234567890Z"));
	assert_false(iso("2024-03-01T09:30:00.Z"));
	assert_false(iso("2024-03-01T09:30:00."));
	assert_false(iso("2024-03-01T09:30:00,5Z"));
	/* A fraction belongs to the seconds. */
	assert_false(iso("2024-03-01T09:30.5Z"));
}

static void
test_iso_leap_years(void **state)
{
	(void)state;
	assert_true(iso("2000-02-29T12:00:00Z"));
	assert_false(iso("1900-02-29T12:00:00Z"));
	assert_true(iso("2024-02-29T12:00:00Z"));
	assert_false(iso("2023-02-29T12:00:00Z"));
	assert_true(iso("2023-02-28T12:00:00Z"));
	assert_false(iso("2024-02-30T12:00:00Z"));
	assert_true(iso("0000-02-29T00:00Z"));
}

static void
test_iso_month_and_day_bounds(void **state)
{
	(void)state;
	assert_false(iso("2024-00-10T12:00Z"));
	assert_false(iso("2024-13-01T12:00Z"));
	assert_true(iso("2024-12-31T12:00Z"));
	assert_false(iso("2024-01-00T12:00Z"));
	assert_false(iso("2024-01-32T12:00Z"));
	assert_true(iso("2024-01-31T12:00Z"));
	assert_false(iso("2024-04-31T12:00Z"));
	assert_true(iso("2024-04-30T12:00Z"));
	assert_false(iso("2024-06-31T12:00Z"));
	assert_false(iso("2024-09-31T12:00Z"));
	assert_false(iso("2024-11-31T12:00Z"));
	assert_true(iso("2024-08-31T12:00Z"));
}

static void
test_iso_time_bounds(void **state)
{
	(void)state;
	assert_true(iso("2024-03-01T00:00:00Z"));
	assert_true(iso("2024-03-01T23:59:59Z"));
	assert_false(iso("2024-03-01T24:00:00Z"));
	assert_false(iso("2024-03-01T25:00Z"));
	assert_false(iso("2024-03-01T12:60:00Z"));
	assert_true(iso("2024-03-01T12:59Z"));
	/* 60 is a leap second; 61 never is. */
	assert_true(iso("2016-12-31T23:59:60Z"));
	assert_false(iso("2024-03-01T12:00:61Z"));
}

static void
test_iso_shape(void **state)
{
	(void)state;
	/* A date alone is the `date` format, not this one. */
	assert_false(iso("2024-03-01"));
	assert_false(iso("2024-03-01T"));
	assert_false(iso("2024-03-01T09"));
	assert_false(iso("2024-03-01T09:3"));
	assert_false(iso("2024-03-01T9:30"));
	assert_false(iso("2024-03-01T09:30:0"));
	assert_false(iso("2024-3-01T09:30"));
	assert_false(iso("2024-03-1T09:30"));
	assert_false(iso("24-03-01T09:30"));
	assert_false(iso("12024-03-01T09:30"));
	assert_false(iso("+2024-03-01T09:30"));
	assert_false(iso("20240301T093000Z"));
	assert_false(iso("2024/03/01T09:30"));
	assert_false(iso(""));
	assert_false(iso("16:08 29/05/2020"));
}

static void
test_iso_trailing_and_leading_junk(void **state)
{
	(void)state;
	assert_false(iso("2024-03-01T09:30:00Z "));
	assert_false(iso(" 2024-03-01T09:30:00Z"));
	assert_false(iso("2024-03-01T09:30:00Zx"));
	assert_false(iso("2024-03-01T09:30:00+01:00x"));
	assert_false(iso("2024-03-01T09:30:00\n"));
}

static void
test_iso_uses_len(void **state)
{
	static const char text[] = "2024-03-01T09:30Zjunk";

	(void)state;
	assert_true(ogc_date_is_iso8601(text, 17));
	assert_true(ogc_date_is_iso8601(text, 16));
	assert_false(ogc_date_is_iso8601(text, 15));
	assert_false(ogc_date_is_iso8601(text, 18));
	assert_false(ogc_date_is_iso8601(text, sizeof(text) - 1));
	/* An embedded NUL is not the end of the value. */
	assert_false(ogc_date_is_iso8601("2024-03-01T09:30\0Z", 18));
}

static void
test_date_format(void **state)
{
	(void)state;
	assert_true(date("2024-03-01"));
	assert_true(date("2000-02-29"));
	assert_true(date("2024-02-29"));
	assert_false(date("1900-02-29"));
	assert_false(date("2023-02-29"));
	assert_false(date("2024-13-01"));
	assert_false(date("2024-00-01"));
	assert_false(date("2024-04-31"));
	assert_false(date("2024-01-00"));
	assert_false(date("2024-3-1"));
	assert_false(date("2024-03-01T09:30"));
	assert_false(date("2024-03-01 "));
	assert_false(date("01/03/2024"));
	assert_false(date(""));
	assert_true(ogc_date_is_date("2024-03-01T", 10));
}

static void
test_pattern_day_month_year(void **state)
{
	(void)state;
	assert_true(matches("%d/%m/%Y", "29/05/2020"));
	assert_true(matches("%d/%m/%Y", "29/02/2024"));
	assert_false(matches("%d/%m/%Y", "29/02/2023"));
	assert_false(matches("%d/%m/%Y", "31/04/2024"));
	assert_false(matches("%d/%m/%Y", "01/13/2024"));
	assert_false(matches("%d/%m/%Y", "1/5/2020"));
	assert_false(matches("%d/%m/%Y", "29/05/20"));
	assert_false(matches("%d/%m/%Y", "29/05/2020 "));
	assert_false(matches("%d/%m/%Y", "29/05/2020/"));
	assert_false(matches("%d/%m/%Y", "29-05-2020"));
	assert_true(matches("%m/%d/%y", "02/29/24"));
	/* %y 69-99 is 19xx: 1969 is not a leap year, 2068 is. */
	assert_false(matches("%m/%d/%y", "02/29/69"));
	assert_true(matches("%m/%d/%y", "02/29/68"));
}

static void
test_pattern_time_and_date(void **state)
{
	(void)state;
	/* The value from the SPEC's example, in a format that fits it. */
	assert_true(matches("%H:%M %d/%m/%Y", "16:08 29/05/2020"));
	assert_false(matches("%H:%M %d/%m/%Y", "24:08 29/05/2020"));
	assert_false(matches("%H:%M %d/%m/%Y", "16:60 29/05/2020"));
	assert_false(matches("%H:%M %d/%m/%Y", "16:08  29/05/2020"));
	assert_true(matches("%F %T", "2024-03-01 09:30:00"));
	assert_true(matches("%T", "23:59:60"));
	assert_false(matches("%T", "23:59:61"));
	assert_false(matches("%F", "2023-02-29"));
	assert_false(matches("%F", "2024-03-01 "));
}

static void
test_pattern_day_without_year(void **state)
{
	(void)state;
	/* Without a year, 29 February may be real. */
	assert_true(matches("%d/%m", "29/02"));
	assert_false(matches("%d/%m", "30/02"));
	assert_false(matches("%d/%m", "31/06"));
	assert_true(matches("%d", "31"));
	assert_false(matches("%d", "32"));
	assert_false(matches("%d", "00"));
}

static void
test_pattern_e(void **state)
{
	(void)state;
	assert_true(matches("%e %B %Y", "5 March 2024"));
	assert_true(matches("%e %B %Y", " 5 March 2024"));
	assert_true(matches("%e %B %Y", "05 March 2024"));
	assert_true(matches("%e %B %Y", "15 March 2024"));
	assert_false(matches("%e %B %Y", "32 March 2024"));
	assert_false(matches("%e %B %Y", "  5 March 2024"));
	assert_false(matches("%e %B %Y", " 15 March 2024"));
}

static void
test_pattern_month_names(void **state)
{
	(void)state;
	assert_true(matches("%d %B %Y", "01 March 2024"));
	assert_true(matches("%d %B %Y", "01 march 2024"));
	assert_true(matches("%d %B %Y", "01 MARCH 2024"));
	assert_true(matches("%d %B %Y", "30 September 2024"));
	assert_false(matches("%d %B %Y", "31 September 2024"));
	assert_false(matches("%d %B %Y", "29 February 2023"));
	assert_false(matches("%d %B %Y", "01 Mar 2024"));
	assert_false(matches("%d %B %Y", "01 Marchy 2024"));
	assert_true(matches("%b %d, %Y", "Mar 01, 2024"));
	assert_true(matches("%b %d, %Y", "sep 30, 2024"));
	assert_false(matches("%b %d, %Y", "March 01, 2024"));
	assert_false(matches("%b %d, %Y", "Foo 01, 2024"));
}

static void
test_pattern_weekday_names(void **state)
{
	(void)state;
	assert_true(matches("%a, %d %b %Y", "Fri, 01 Mar 2024"));
	assert_true(matches("%A %d %B %Y", "friday 01 March 2024"));
	assert_false(matches("%a, %d %b %Y", "Fry, 01 Mar 2024"));
	/* A weekday that does not fit the date is wrong. */
	assert_false(matches("%a, %d %b %Y", "Mon, 01 Mar 2024"));
	assert_true(matches("%a, %d %b %Y", "Sat, 01 Jan 2000"));
	assert_true(matches("%a, %d %b %Y", "Sat, 01 Jan 0000"));
	/* Without a year the weekday cannot be checked. */
	assert_true(matches("%A %d %B", "Monday 01 March"));
}

static void
test_pattern_twelve_hour_clock(void **state)
{
	(void)state;
	assert_true(matches("%I:%M %p", "09:30 AM"));
	assert_true(matches("%I:%M %p", "12:00 pm"));
	assert_true(matches("%I:%M %p", "01:00 Pm"));
	assert_false(matches("%I:%M %p", "00:30 AM"));
	assert_false(matches("%I:%M %p", "13:30 PM"));
	assert_false(matches("%I:%M %p", "09:30 XM"));
	assert_false(matches("%I:%M %p", "09:30 A.M."));
	assert_false(matches("%I:%M %p", "09:30"));
}

static void
test_pattern_zone(void **state)
{
	(void)state;
	assert_true(matches("%F %T %z", "2024-03-01 09:30:00 +0100"));
	assert_true(matches("%F %T %z", "2024-03-01 09:30:00 -05:30"));
	assert_true(matches("%F %T %z", "2024-03-01 09:30:00 Z"));
	assert_false(matches("%F %T %z", "2024-03-01 09:30:00 +01"));
	assert_false(matches("%F %T %z", "2024-03-01 09:30:00 +2400"));
	assert_false(matches("%F %T %z", "2024-03-01 09:30:00 +0160"));
	assert_false(matches("%F %T %z", "2024-03-01 09:30:00 CET"));
}

static void
test_pattern_day_of_year(void **state)
{
	(void)state;
	assert_true(matches("%Y-%j", "2024-366"));
	assert_false(matches("%Y-%j", "2023-366"));
	assert_true(matches("%Y-%j", "2023-365"));
	assert_false(matches("%Y-%j", "2024-000"));
	assert_false(matches("%Y-%j", "2024-367"));
	assert_false(matches("%Y-%j", "2024-60"));
	assert_true(matches("%F (%j)", "2024-03-01 (061)"));
	assert_false(matches("%F (%j)", "2024-03-01 (062)"));
}

static void
test_pattern_literals(void **state)
{
	(void)state;
	assert_true(matches("%Y%%", "2024%"));
	assert_false(matches("%Y%%", "2024"));
	assert_false(matches("%Y%%", "2024%%"));
	assert_true(matches("year %Y", "year 2024"));
	assert_false(matches("year %Y", "Year 2024"));
	assert_false(matches("%Y.%m", "2024-03"));
	assert_true(matches("%Y.%m", "2024.03"));
	/* A field given twice must say the same thing both times. */
	assert_true(matches("%F, day %d", "2024-03-01, day 01"));
	assert_false(matches("%F, day %d", "2024-03-01, day 02"));
}

static void
test_pattern_unsupported_never_matches(void **state)
{
	(void)state;
	assert_false(matches("%Q-%d", "x-01"));
	assert_false(matches("%Q-%d", "%Q-01"));
	assert_false(matches("%d%", "01%"));
	assert_false(matches("%d%", "01"));
}

static void
test_pattern_valid(void **state)
{
	char why[200];

	(void)state;
	assert_true(ogc_date_pattern_valid("%d/%m/%Y", why, sizeof(why)));
	assert_true(ogc_date_pattern_valid("%H:%M %d/%m/%Y", why, sizeof(why)));
	assert_true(ogc_date_pattern_valid("%a %A %b %B %e %j %I %p %y %z",
		why, sizeof(why)));
	assert_true(ogc_date_pattern_valid("%F %T %S%%", why, sizeof(why)));
	assert_true(ogc_date_pattern_valid("%Y", NULL, 0));
}

static void
test_pattern_invalid(void **state)
{
	char why[200];

	(void)state;
	assert_false(ogc_date_pattern_valid("%Q-%d", why, sizeof(why)));
	assert_string_equal(why, "unsupported conversion \"%Q\" in \"%Q-%d\"");
	assert_false(ogc_date_pattern_valid("%d/%m/%", why, sizeof(why)));
	assert_string_equal(why, "\"%d/%m/%\" ends with a lone \"%\"");
	assert_false(ogc_date_pattern_valid("", why, sizeof(why)));
	assert_string_equal(why, "the date pattern is empty");
	assert_false(ogc_date_pattern_valid("%-d/%m", why, sizeof(why)));
	assert_string_equal(why, "unsupported conversion \"%-\" in \"%-d/%m\"");
	assert_false(ogc_date_pattern_valid("%Ey", why, sizeof(why)));
	assert_string_equal(why, "unsupported conversion \"%E\" in \"%Ey\"");
	/* A multibyte character is quoted whole. */
	assert_false(ogc_date_pattern_valid("%\xc3\xa9", why, sizeof(why)));
	assert_string_equal(why,
		"unsupported conversion \"%\xc3\xa9\" in \"%\xc3\xa9\"");
	/* No conversion: a misspelt format name, not a pattern. */
	assert_false(ogc_date_pattern_valid("iso-8601", why, sizeof(why)));
	assert_non_null(strstr(why, "\"iso-8601\" names no date or time"));
	assert_false(ogc_date_pattern_valid("100%%", why, sizeof(why)));
	assert_false(ogc_date_pattern_valid("%Q", NULL, 0));
}

static void
test_pattern_invalid_short_buffer(void **state)
{
	char why[8];

	(void)state;
	assert_false(ogc_date_pattern_valid("%Q-%d", why, sizeof(why)));
	assert_int_equal(strlen(why), sizeof(why) - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jekyll),
		cmocka_unit_test(test_hugo),
		cmocka_unit_test(test_iso_valid_forms),
		cmocka_unit_test(test_iso_separator),
		cmocka_unit_test(test_iso_zones),
		cmocka_unit_test(test_iso_fractions),
		cmocka_unit_test(test_iso_leap_years),
		cmocka_unit_test(test_iso_month_and_day_bounds),
		cmocka_unit_test(test_iso_time_bounds),
		cmocka_unit_test(test_iso_shape),
		cmocka_unit_test(test_iso_trailing_and_leading_junk),
		cmocka_unit_test(test_iso_uses_len),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_pattern_day_month_year),
		cmocka_unit_test(test_pattern_time_and_date),
		cmocka_unit_test(test_pattern_day_without_year),
		cmocka_unit_test(test_pattern_e),
		cmocka_unit_test(test_pattern_month_names),
		cmocka_unit_test(test_pattern_weekday_names),
		cmocka_unit_test(test_pattern_twelve_hour_clock),
		cmocka_unit_test(test_pattern_zone),
		cmocka_unit_test(test_pattern_day_of_year),
		cmocka_unit_test(test_pattern_literals),
		cmocka_unit_test(test_pattern_unsupported_never_matches),
		cmocka_unit_test(test_javascript),
		cmocka_unit_test(test_pattern_valid),
		cmocka_unit_test(test_pattern_invalid),
		cmocka_unit_test(test_pattern_invalid_short_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
