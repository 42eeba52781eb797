/* date.h: date parsing shared by the date check and its tests. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_CHECKS_DATE_H
#define OGC_CHECKS_DATE_H

#include "util/util.h"

/* date.c: the parsers, for the date check (date_check.c) and tests */

/** A format of the date check's `formats`. */
enum ogc_date_format {
	OGC_DATE_ISO8601,
	OGC_DATE_DATE,
	OGC_DATE_JEKYLL,  /* what Jekyll reads */
	OGC_DATE_HUGO,    /* what Hugo reads */
	OGC_DATE_JAVASCRIPT, /* what JavaScript's Date reads (Astro) */
	OGC_DATE_PATTERN, /* a strftime pattern */
};

enum ogc_date_result {
	OGC_DATE_OK,
	OGC_DATE_SHAPE, /* the text does not have the format's shape */
	OGC_DATE_RANGE, /* right shape, but not a real date or time: why */
};

/** Why a value of the right shape is not a real date or time. */
struct ogc_date_reason {
	bool time; /* the problem is in the time or zone, not the date */
	char text[128];
};

/**
 * Reads text[0..len) in `format` (`pattern` for OGC_DATE_PATTERN, else
 * unused); on OGC_DATE_RANGE, *why says what is not real.
 */
enum ogc_date_result
ogc_date_parse(enum ogc_date_format format, const char *pattern,
	const char *text, size_t len, struct ogc_date_reason *why);

/**
 * True when text is a real ISO 8601 date-time of the profile ogcheck
 * accepts (RFC 3339 with a 'T' or space, optional seconds, fraction and
 * zone). A date alone is not accepted here.
 */
bool
ogc_date_is_iso8601(const char *text, size_t len);

/** True when text is a real calendar date YYYY-MM-DD. */
bool
ogc_date_is_date(const char *text, size_t len);

/**
 * True when Jekyll reads text as a real date: YYYY-M-D, then optionally a
 * time H:MM[:SS[.fraction]] and a zone (+HHMM, +HH:MM, Z, UTC, PST, ...).
 */
bool
ogc_date_is_jekyll(const char *text, size_t len);

/** True when Hugo reads text as a real date (its date layouts). */
bool
ogc_date_is_hugo(const char *text, size_t len);

/**
 * True when text matches the strftime-style pattern exactly and the date
 * and time it names are real. Supported conversions are listed in
 * ogc_date_pattern_valid().
 */
bool
ogc_date_matches(const char *pattern, const char *text, size_t len);

/**
 * Checks a strftime-style pattern. Returns false with the unsupported
 * conversion described in why when it cannot be used.
 */
bool
ogc_date_pattern_valid(const char *pattern, char *why, size_t why_size);

#endif
