/* date.c: date parsers: ISO 8601, YYYY-MM-DD, what Jekyll and Hugo read,
 * and strftime patterns (the `date` check kind is date_check.c). */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "checks/date.h"
#include "read/read.h"
#include "util/util.h"

/*
 * Every format is read in two passes. The first matches the shape and
 * collects the numbers; the second (validate) checks that they name a real
 * date and time. Keeping them apart lets a message tell "not a date at all"
 * from "2023-02-29 does not exist", which is what a user needs to fix it.
 */
enum parse_result {
	PARSE_OK,
	PARSE_SHAPE, /* the text does not have the format's shape */
	PARSE_RANGE, /* right shape, but not a real date or time: see reason */
};

/* Why a value of the right shape is not a real date or time. */
struct reason {
	bool time; /* the problem is in the time or zone, not the date */
	char text[128];
};

/* The fields a format can give; indexes into struct when.v. */
enum field {
	F_YEAR,
	F_MONTH,
	F_DAY,
	F_YDAY,
	F_WDAY,
	F_HOUR,
	F_HOUR12,
	F_MINUTE,
	F_SECOND,
	F_ZONE_HOUR,
	F_ZONE_MINUTE,
	F_COUNT,
};

/* Indexed by enum field, for "it gives the day twice" messages. */
static const char *const field_names[F_COUNT] = {
	"year", "month", "day", "day of year", "weekday", "hour", "hour",
	"minute", "second", "zone hour", "zone minute",
};

#define UNSET (-1)

/* What one value says, field by field; UNSET where the format is silent. */
struct when {
	int v[F_COUNT];
	int clash; /* first field given twice with different values, or -1 */
	int clash_first;
	int clash_second;
};

/* The part of a value still to be read: s[at..len). */
struct cursor {
	const char *s;
	size_t len;
	size_t at;
};

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Sunday first, as tm_wday and strftime's %w count. */
static const char *const day_names[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday",
};

static const char *const day_abbr[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};

static const char *const meridiem[2] = {"AM", "PM"};

/* The conversions a pattern may use, after the '%'. */
static const char supported[] = "%ABFHIMSTYZabdejmpyz";

static void
when_init(struct when *w)
{
	int i;

	for (i = 0; i < F_COUNT; i++) {
		w->v[i] = UNSET;
	}
	w->clash = -1;
	w->clash_first = 0;
	w->clash_second = 0;
}

/*
 * A pattern may name a field twice ("%F, day %d"). The first value stays;
 * a different second value is remembered and reported by validate().
 */
static void
when_set(struct when *w, enum field f, int value)
{
	if (w->v[f] == UNSET) {
		w->v[f] = value;
	} else if (w->v[f] != value && w->clash < 0) {
		w->clash = (int)f;
		w->clash_first = w->v[f];
		w->clash_second = value;
	}
}

static bool
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* An unknown year (UNSET) allows 29 February. */
static int
days_in_month(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	if (month == 2 && (year == UNSET || is_leap(year))) {
		return 29;
	}
	return days[month - 1];
}

static int
day_of_year(int year, int month, int day)
{
	int yday = day;
	int m;

	for (m = 1; m < month; m++) {
		yday += days_in_month(year, m);
	}
	return yday;
}

/*
 * Day of the week in the proleptic Gregorian calendar, 0 = Sunday
 * (Sakamoto's method). 400 Gregorian years are exactly 20871 weeks, so
 * adding 400 keeps year 0000 away from negative division without changing
 * the answer.
 */
static int
day_of_week(int year, int month, int day)
{
	static const int shift[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	int y = year + 400;

	if (month < 3) {
		y--;
	}
	return (y + y / 4 - y / 100 + y / 400 + shift[month - 1] + day) % 7;
}

static enum parse_result
range_error(struct reason *why, bool time, const char *fmt, ...)
	OGC_PRINTF(3, 4);

static enum parse_result
range_error(struct reason *why, bool time, const char *fmt, ...)
{
	va_list ap;

	why->time = time;
	va_start(ap, fmt);
	vsnprintf(why->text, sizeof(why->text), fmt, ap);
	va_end(ap);
	return PARSE_RANGE;
}

static enum parse_result
validate_date(const struct when *w, struct reason *why)
{
	int year = w->v[F_YEAR];
	int month = w->v[F_MONTH];
	int day = w->v[F_DAY];
	int yday = w->v[F_YDAY];
	int wday = w->v[F_WDAY];
	int n;

	if (month != UNSET && (month < 1 || month > 12)) {
		return range_error(why, false,
			"month %02d is out of range 01-12", month);
	}
	if (day != UNSET && (day < 1 || day > 31)) {
		return range_error(why, false,
			"day %02d is out of range 01-31", day);
	}
	if (day != UNSET && month != UNSET) {
		n = days_in_month(year, month);
		if (day > n && year != UNSET) {
			return range_error(why, false, "%s %04d has %d days",
				month_names[month - 1], year, n);
		} else if (day > n) {
			return range_error(why, false, "%s has %d days",
				month_names[month - 1], n);
		}
	}
	if (yday != UNSET) {
		n = year != UNSET && !is_leap(year) ? 365 : 366;
		if (yday < 1 || yday > n) {
			return range_error(why, false,
				"day of year %03d is out of range 001-%03d",
				yday, n);
		}
		if (year != UNSET && month != UNSET && day != UNSET &&
			yday != day_of_year(year, month, day)) {
			return range_error(why, false,
				"%04d-%02d-%02d is day %03d of the year, not %03d",
				year, month, day, day_of_year(year, month, day),
				yday);
		}
	}
	if (wday != UNSET && year != UNSET && month != UNSET &&
		day != UNSET) {
		n = day_of_week(year, month, day);
		if (wday != n) {
			return range_error(why, false,
				"%04d-%02d-%02d is a %s, not a %s", year, month,
				day, day_names[n], day_names[wday]);
		}
	}
	return PARSE_OK;
}

static enum parse_result
validate_time(const struct when *w, struct reason *why)
{
	/* Lowest and highest value of each time field, in field order. */
	static const struct {
		enum field f;
		int min;
		int max;
	} limits[] = {
		{F_HOUR, 0, 23},
		{F_HOUR12, 1, 12},
		{F_MINUTE, 0, 59},
		{F_SECOND, 0, 60}, /* 60: a leap second (RFC 3339 5.7) */
		{F_ZONE_HOUR, 0, 23},
		{F_ZONE_MINUTE, 0, 59},
	};
	size_t i;
	int value;

	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		value = w->v[limits[i].f];
		if (value != UNSET &&
			(value < limits[i].min || value > limits[i].max)) {
			return range_error(why, true,
				"%s %02d is out of range %02d-%02d",
				field_names[limits[i].f], value, limits[i].min,
				limits[i].max);
		}
	}
	return PARSE_OK;
}

/* Checks that the fields of a value that had the right shape are real. */
static enum parse_result
validate(const struct when *w, struct reason *why)
{
	if (w->clash >= 0) {
		/* enum field lists the date fields before the time ones. */
		return range_error(why, w->clash >= F_HOUR,
			"it gives the %s twice, as %d and %d",
			field_names[w->clash], w->clash_first, w->clash_second);
	}
	if (validate_date(w, why) != PARSE_OK) {
		return PARSE_RANGE;
	}
	return validate_time(w, why);
}

static bool
is_digit(char c)
{
	/* Not isdigit(): that one depends on the locale. */
	return c >= '0' && c <= '9';
}

static bool
at_end(const struct cursor *cur)
{
	return cur->at >= cur->len;
}

/* Consumes c when it is next. */
static bool
scan_char(struct cursor *cur, char c)
{
	if (at_end(cur) || cur->s[cur->at] != c) {
		return false;
	}
	cur->at++;
	return true;
}

/* Consumes exactly `count` digits into *out. */
static bool
scan_digits(struct cursor *cur, size_t count, int *out)
{
	int value = 0;
	size_t i;

	if (cur->len - cur->at < count) {
		return false;
	}
	for (i = 0; i < count; i++) {
		if (!is_digit(cur->s[cur->at + i])) {
			return false;
		}
		value = value * 10 + (cur->s[cur->at + i] - '0');
	}
	cur->at += count;
	*out = value;
	return true;
}

static bool
scan_field(struct cursor *cur, size_t count, struct when *w, enum field f)
{
	int value;

	if (!scan_digits(cur, count, &value)) {
		return false;
	}
	when_set(w, f, value);
	return true;
}

/*
 * Consumes the first of `count` names that the text starts with, ignoring
 * ASCII case, and stores its index. "mAy 4" with month_names -> 4 ("May").
 */
static bool
scan_name(struct cursor *cur, const char *const *names, int count, int *out)
{
	size_t n;
	size_t k;
	int i;
	char a;
	char b;

	for (i = 0; i < count; i++) {
		n = strlen(names[i]);
		if (cur->len - cur->at < n) {
			continue;
		}
		for (k = 0; k < n; k++) {
			a = cur->s[cur->at + k];
			b = names[i][k];
			if (a >= 'a' && a <= 'z') {
				a = (char)(a - 'a' + 'A');
			}
			if (b >= 'a' && b <= 'z') {
				b = (char)(b - 'a' + 'A');
			}
			if (a != b) {
				break;
			}
		}
		if (k == n) {
			cur->at += n;
			*out = i;
			return true;
		}
	}
	return false;
}

/*
 * Reads a zone: "Z" or "z", or a sign and hh:mm or hhmm, or a sign and hh
 * alone when hour_only is true (ISO 8601 allows it, %z does not).
 *   "+01:00" -> 1, 0     "-0530" -> 5, 30     "Z" -> 0, 0
 */
static bool
scan_zone(struct cursor *cur, struct when *w, bool hour_only)
{
	if (scan_char(cur, 'Z') || scan_char(cur, 'z')) {
		when_set(w, F_ZONE_HOUR, 0);
		when_set(w, F_ZONE_MINUTE, 0);
		return true;
	}
	if (!scan_char(cur, '+') && !scan_char(cur, '-')) {
		return false;
	}
	if (!scan_field(cur, 2, w, F_ZONE_HOUR)) {
		return false;
	}
	if (scan_char(cur, ':')) {
		return scan_field(cur, 2, w, F_ZONE_MINUTE);
	}
	if (!at_end(cur) && is_digit(cur->s[cur->at])) {
		return scan_field(cur, 2, w, F_ZONE_MINUTE);
	}
	return hour_only;
}

/* Reads YYYY-MM-DD, four, two and two digits. */
static bool
scan_ymd(struct cursor *cur, struct when *w)
{
	return scan_field(cur, 4, w, F_YEAR) && scan_char(cur, '-') &&
		scan_field(cur, 2, w, F_MONTH) && scan_char(cur, '-') &&
		scan_field(cur, 2, w, F_DAY);
}

/*
 * The ISO 8601 profile: RFC 3339's date-time (section 5.6) with 'T', 't'
 * or one space between date and time, optional seconds, and a zone that
 * may also be +hhmm or +hh, which ISO 8601 allows and RFC 3339 does not.
 *   "2024-03-01T09:30:00.25+01:00" -> PARSE_OK
 *   "2024-03-01 09:30"             -> PARSE_OK
 *   "2024-03-01T25:00Z"            -> PARSE_RANGE "hour 25 is out of ..."
 *   "2024-03-01"                   -> PARSE_SHAPE (that is the date format)
 */
static enum parse_result
parse_iso8601(const char *s, size_t len, struct reason *why)
{
	struct cursor cur = {s, len, 0};
	struct when w;
	size_t start;

	when_init(&w);
	if (!scan_ymd(&cur, &w)) {
		return PARSE_SHAPE;
	}
	if (!scan_char(&cur, 'T') && !scan_char(&cur, 't') &&
		!scan_char(&cur, ' ')) {
		return PARSE_SHAPE;
	}
	if (!scan_field(&cur, 2, &w, F_HOUR) || !scan_char(&cur, ':') ||
		!scan_field(&cur, 2, &w, F_MINUTE)) {
		return PARSE_SHAPE;
	}
	if (scan_char(&cur, ':')) {
		if (!scan_field(&cur, 2, &w, F_SECOND)) {
			return PARSE_SHAPE;
		}
		/* A fraction belongs to the seconds, as in RFC 3339. */
		if (scan_char(&cur, '.')) {
			start = cur.at;
			while (!at_end(&cur) && is_digit(cur.s[cur.at])) {
				cur.at++;
			}
			if (cur.at == start || cur.at - start > 9) {
				return PARSE_SHAPE;
			}
		}
	}
	if (!at_end(&cur) && !scan_zone(&cur, &w, true)) {
		return PARSE_SHAPE;
	}
	if (!at_end(&cur)) {
		return PARSE_SHAPE;
	}
	return validate(&w, why);
}

/* "2024-03-01" -> PARSE_OK; "2023-02-29" -> PARSE_RANGE; "2024-3-1" -> shape */
static enum parse_result
parse_date(const char *s, size_t len, struct reason *why)
{
	struct cursor cur = {s, len, 0};
	struct when w;

	when_init(&w);
	if (!scan_ymd(&cur, &w) || !at_end(&cur)) {
		return PARSE_SHAPE;
	}
	return validate(&w, why);
}

/* Consumes one or two digits into the field (a day or an hour: "5"). */
static bool
scan_short(struct cursor *cur, struct when *w, enum field f)
{
	if (cur->len - cur->at >= 2 && is_digit(cur->s[cur->at + 1])) {
		return scan_field(cur, 2, w, f);
	}
	return scan_field(cur, 1, w, f);
}

/* The zone names Ruby's Time.parse knows (Time::ZoneOffset), US and UTC. */
static const char *const zone_names[] = {"UTC", "GMT", "UT", "EST", "EDT",
	"CST", "CDT", "MST", "MDT", "PST", "PDT",
};

/* Consumes a fraction of a second: '.' and 1-9 digits. */
static bool
scan_fraction(struct cursor *cur)
{
	size_t start;

	if (!scan_char(cur, '.')) {
		return true;
	}
	start = cur->at;
	while (!at_end(cur) && is_digit(cur->s[cur->at])) {
		cur->at++;
	}
	return cur->at > start && cur->at - start <= 9;
}

/*
 * Jekyll: what Ruby's Time.parse reads in the shapes front matter uses
 * (jekyllrb.com/docs/front-matter: "YYYY-MM-DD HH:MM:SS +/-TTTT"; hours,
 * months and days may have one digit; a zone may be named):
 *   "2011-04-21 10:57 UTC", "2017-12-03 20:51 -0800",
 *   "2013-11-22 5:00:00 +0000", "2024-11-7 10:30:00 -0800" -> PARSE_OK
 *   "2023-01-29 18:30:22 2023 -0800" (a year twice)   -> PARSE_SHAPE
 */
static enum parse_result
parse_jekyll(const char *s, size_t len, struct reason *why)
{
	struct cursor cur = {s, len, 0};
	struct when w;
	int zone;

	when_init(&w);
	if (!scan_field(&cur, 4, &w, F_YEAR) || !scan_char(&cur, '-') ||
		!scan_short(&cur, &w, F_MONTH) || !scan_char(&cur, '-') ||
		!scan_short(&cur, &w, F_DAY)) {
		return PARSE_SHAPE;
	}
	if (at_end(&cur)) {
		return validate(&w, why);
	}
	if (!scan_char(&cur, 'T') && !scan_char(&cur, 't') &&
		!scan_char(&cur, ' ')) {
		return PARSE_SHAPE;
	}
	if (!scan_short(&cur, &w, F_HOUR) || !scan_char(&cur, ':') ||
		!scan_field(&cur, 2, &w, F_MINUTE)) {
		return PARSE_SHAPE;
	}
	if (scan_char(&cur, ':') && (!scan_field(&cur, 2, &w, F_SECOND) ||
		!scan_fraction(&cur))) {
		return PARSE_SHAPE;
	}
	while (scan_char(&cur, ' ')) {
	}
	if (!at_end(&cur) && !scan_zone(&cur, &w, true) &&
		!scan_name(&cur, zone_names, (int)(sizeof(zone_names) /
		sizeof(*zone_names)), &zone)) {
		return PARSE_SHAPE;
	}
	return at_end(&cur) ? validate(&w, why) : PARSE_SHAPE;
}

static enum parse_result
parse_pattern(const char *pattern, const char *s, size_t len,
	struct reason *why);

/* parse_iso8601(), else parse_date(): what every generator reads. */
static enum parse_result
parse_iso8601_or_date(const char *s, size_t len, struct reason *why)
{
	enum parse_result r = parse_iso8601(s, len, why);

	return r != PARSE_SHAPE ? r : parse_date(s, len, why);
}

/*
 * The first of `layouts` (strftime patterns) that reads s; else why the
 * first of the right shape is no real date, or PARSE_SHAPE.
 */
static enum parse_result
parse_layouts(const char *const *layouts, const char *s, size_t len,
	struct reason *why)
{
	enum parse_result best = PARSE_SHAPE;
	enum parse_result r;
	struct reason first = {false, ""};
	size_t i;

	for (i = 0; layouts[i] != NULL; i++) {
		r = parse_pattern(layouts[i], s, len, why);
		if (r == PARSE_OK) {
			return r;
		}
		if (r == PARSE_RANGE && best == PARSE_SHAPE) {
			best = r;
			first = *why;
		}
	}
	*why = first;
	return best;
}

/*
 * Hugo: the layouts its date parsing tries (Go's time layouts, as Hugo's
 * cast.ToTimeE lists them): RFC 3339 and ISO 8601 (parse_iso8601), a
 * date, and these; "%Z" is a zone's name (MST).
 */
static const char *const hugo_layouts[] = {
	"%Y-%m-%d %H:%M:%S %z",           /* 2006-01-02 15:04:05 -0700 */
	"%Y-%m-%d %H:%M:%S %z %Z",        /* ... -0700 MST */
	"%a, %d %b %Y %H:%M:%S %z",       /* RFC 1123 with a numeric zone */
	"%a, %d %b %Y %H:%M:%S %Z",       /* RFC 1123 */
	"%d %b %y %H:%M %z",              /* RFC 822 with a numeric zone */
	"%d %b %y %H:%M %Z",              /* RFC 822 */
	"%A, %d-%b-%y %H:%M:%S %Z",       /* RFC 850 */
	"%a %b %e %H:%M:%S %Y",           /* ANSI C */
	"%a %b %e %H:%M:%S %Z %Y",        /* Unix date */
	"%a %b %d %H:%M:%S %z %Y",        /* Ruby date */
	"%d %b %Y",                       /* 02 Jan 2006 */
	NULL,
};

static enum parse_result
parse_hugo(const char *s, size_t len, struct reason *why)
{
	enum parse_result r = parse_iso8601_or_date(s, len, why);
	char plain[128];
	size_t i;

	if (r != PARSE_SHAPE) {
		return r;
	}
	/* "2006-01-02 15:04:05.999999999 -0700 MST": seconds' fraction */
	if (len > 20 && len < sizeof(plain) && s[19] == '.') {
		i = 20;
		while (i < len && is_digit(s[i])) {
			i++;
		}
		snprintf(plain, sizeof(plain), "%.19s%.*s", s, (int)(len - i),
			s + i);
		s = plain;
		len = strlen(plain);
	}
	return parse_layouts(hugo_layouts, s, len, why);
}

/*
 * JavaScript: what `new Date(text)` reads, as Astro's collections read
 * dates (z.coerce.date(), docs.astro.build's blog template: pubDate:
 * 'Jul 08 2022'): ISO 8601 and a date (parse_iso8601, parse_date), and
 * the month named in words, before or after the day, with or without a
 * weekday, a comma or a time, and 2024/03/01.
 */
static const char *const javascript_layouts[] = {
	"%b %e %Y", "%B %e %Y", "%b %e, %Y", "%B %e, %Y",
	"%e %b %Y", "%e %B %Y", "%a %b %e %Y", "%A, %B %e, %Y",
	"%b %e %Y %H:%M", "%B %e %Y %H:%M", "%b %e, %Y %H:%M",
	"%B %e, %Y %H:%M", "%e %b %Y %H:%M", "%e %B %Y %H:%M",
	"%b %e %Y %H:%M:%S", "%B %e, %Y %H:%M:%S", "%e %B %Y %H:%M:%S",
	"%a, %d %b %Y %H:%M:%S %Z", /* toUTCString(): ... GMT */
	"%Y/%m/%d", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S",
	NULL,
};

static enum parse_result
parse_javascript(const char *s, size_t len, struct reason *why)
{
	enum parse_result r = parse_iso8601_or_date(s, len, why);

	return r != PARSE_SHAPE ? r : parse_layouts(javascript_layouts, s, len,
		why);
}

static bool
scan_pattern(const char *pattern, struct cursor *cur, struct when *w);

/*
 * Reads what one conversion (the character after '%') stands for.
 * Returns false when the text does not fit or c is not supported.
 */
static bool
scan_conversion(char c, struct cursor *cur, struct when *w)
{
	int value;

	switch (c) {
	case 'Y':
		return scan_field(cur, 4, w, F_YEAR);
	case 'y':
		if (!scan_digits(cur, 2, &value)) {
			return false;
		}
		/* POSIX strptime: 69-99 are 1969-1999, 00-68 are 2000-2068. */
		when_set(w, F_YEAR, value < 69 ? 2000 + value : 1900 + value);
		return true;
	case 'm':
		return scan_field(cur, 2, w, F_MONTH);
	case 'd':
		return scan_field(cur, 2, w, F_DAY);
	case 'e':
		/* strftime pads %e with a space: " 5", but people write "5". */
		if (scan_char(cur, ' ')) {
			return scan_field(cur, 1, w, F_DAY);
		}
		if (cur->len - cur->at >= 2 && is_digit(cur->s[cur->at + 1])) {
			return scan_field(cur, 2, w, F_DAY);
		}
		return scan_field(cur, 1, w, F_DAY);
	case 'j':
		return scan_field(cur, 3, w, F_YDAY);
	case 'H':
		return scan_field(cur, 2, w, F_HOUR);
	case 'I':
		return scan_field(cur, 2, w, F_HOUR12);
	case 'M':
		return scan_field(cur, 2, w, F_MINUTE);
	case 'S':
		return scan_field(cur, 2, w, F_SECOND);
	case 'p':
		return scan_name(cur, meridiem, 2, &value);
	case 'b':
	case 'B':
		if (!scan_name(cur, c == 'b' ? month_abbr : month_names, 12,
				&value)) {
			return false;
		}
		when_set(w, F_MONTH, value + 1);
		return true;
	case 'a':
	case 'A':
		if (!scan_name(cur, c == 'a' ? day_abbr : day_names, 7,
				&value)) {
			return false;
		}
		when_set(w, F_WDAY, value);
		return true;
	case 'z':
		return scan_zone(cur, w, false);
	case 'Z':
		/* a zone's name: MST, CEST, UTC */
		for (value = 0; !at_end(cur) && value < 5 &&
			cur->s[cur->at] >= 'A' && cur->s[cur->at] <= 'Z'; value++) {
			cur->at++;
		}
		return value >= 2;
	case 'F':
		return scan_pattern("%Y-%m-%d", cur, w);
	case 'T':
		return scan_pattern("%H:%M:%S", cur, w);
	case '%':
		return scan_char(cur, '%');
	default:
		return false;
	}
}

/*
 * Matches the text at cur against a pattern: conversions read fields,
 * any other byte must be there as it is. There is no backtracking, so
 * "%e%m" reads two digits for %e when it can.
 *   "%d/%m/%Y" on "29/05/2020" -> true, day 29, month 5, year 2020
 */
static bool
scan_pattern(const char *pattern, struct cursor *cur, struct when *w)
{
	const char *p;

	for (p = pattern; *p != '\0'; p++) {
		if (*p != '%') {
			if (!scan_char(cur, *p)) {
				return false;
			}
			continue;
		}
		p++;
		/* A lone '%' at the end stops here: '\0' is no conversion. */
		if (!scan_conversion(*p, cur, w)) {
			return false;
		}
	}
	return true;
}

static enum parse_result
parse_pattern(const char *pattern, const char *s, size_t len,
	struct reason *why)
{
	struct cursor cur = {s, len, 0};
	struct when w;

	when_init(&w);
	if (!scan_pattern(pattern, &cur, &w) || !at_end(&cur)) {
		return PARSE_SHAPE;
	}
	return validate(&w, why);
}

bool
ogc_date_is_iso8601(const char *text, size_t len)
{
	struct reason why;

	return parse_iso8601(text, len, &why) == PARSE_OK;
}

bool
ogc_date_is_date(const char *text, size_t len)
{
	struct reason why;

	return parse_date(text, len, &why) == PARSE_OK;
}

bool
ogc_date_is_jekyll(const char *text, size_t len)
{
	struct reason why;

	return parse_jekyll(text, len, &why) == PARSE_OK;
}

bool
ogc_date_is_hugo(const char *text, size_t len)
{
	struct reason why;

	return parse_hugo(text, len, &why) == PARSE_OK;
}

bool
ogc_date_matches(const char *pattern, const char *text, size_t len)
{
	struct reason why;

	return parse_pattern(pattern, text, len, &why) == PARSE_OK;
}

static bool
pattern_error(char *why, size_t why_size, const char *fmt, ...)
	OGC_PRINTF(3, 4);

static bool
pattern_error(char *why, size_t why_size, const char *fmt, ...)
{
	va_list ap;

	if (why != NULL && why_size > 0) {
		va_start(ap, fmt);
		vsnprintf(why, why_size, fmt, ap);
		va_end(ap);
	}
	return false;
}

bool
ogc_date_pattern_valid(const char *pattern, char *why, size_t why_size)
{
	const char *p;
	bool has_field = false;
	int n;

	if (pattern[0] == '\0') {
		return pattern_error(why, why_size,
			"the date pattern is empty");
	}
	for (p = pattern; *p != '\0'; p++) {
		if (*p != '%') {
			continue;
		}
		p++;
		if (*p == '\0') {
			return pattern_error(why, why_size,
				"\"%s\" ends with a lone \"%%\"", pattern);
		}
		if (strchr(supported, *p) == NULL) {
			/* Quote a whole UTF-8 character, not its first byte. */
			n = 1;
			while (n < 4 && ((unsigned char)p[n] & 0xc0) == 0x80) {
				n++;
			}
			return pattern_error(why, why_size,
				"unsupported conversion \"%%%.*s\" in \"%s\"", n, p,
				pattern);
		}
		if (*p != '%') {
			has_field = true;
		}
	}
	/*
	 * Without a conversion a pattern only matches itself: that is a typo
	 * for a format name ("iso-8601"), never a date format.
	 */
	if (!has_field) {
		return pattern_error(why, why_size,
			"\"%s\" names no date or time field (expected iso8601, "
			"date or a pattern such as \"%%d/%%m/%%Y\")", pattern);
	}
	return true;
}

/*
 * The check kind
 */

enum ogc_date_result
ogc_date_parse(enum ogc_date_format format, const char *pattern,
	const char *text, size_t len, struct ogc_date_reason *why)
{
	struct reason r = {false, ""};
	enum parse_result result;

	switch (format) {
	case OGC_DATE_ISO8601:
		result = parse_iso8601(text, len, &r);
		break;
	case OGC_DATE_DATE:
		result = parse_date(text, len, &r);
		break;
	case OGC_DATE_JEKYLL:
		result = parse_jekyll(text, len, &r);
		break;
	case OGC_DATE_HUGO:
		result = parse_hugo(text, len, &r);
		break;
	case OGC_DATE_JAVASCRIPT:
		result = parse_javascript(text, len, &r);
		break;
	case OGC_DATE_PATTERN:
	default:
		result = parse_pattern(pattern, text, len, &r);
		break;
	}
	why->time = r.time;
	/* the reason is told only for a date of the right shape */
	why->text[0] = '\0';
	if (result == PARSE_RANGE) {
		snprintf(why->text, sizeof(why->text), "%s", r.text);
	}
	return result == PARSE_OK ? OGC_DATE_OK : result == PARSE_RANGE ?
		OGC_DATE_RANGE : OGC_DATE_SHAPE;
}
