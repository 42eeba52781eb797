/* url.c: URL text helpers through libcurl's URL API. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "net/curl_load.h"
#include "net/net.h"
#include "util/util.h"

/*
 * ASCII classes, independent of the locale (unlike <ctype.h>)
 */

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_xdigit(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static char
to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char
to_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/*
 * Whitespace, control and invisible characters
 */

/*
 * Code points that are never right in a URL but easy to paste into one
 * unseen: C1 controls, NO-BREAK SPACE, the Unicode spaces (Zs), zero-width
 * and bidirectional formatting characters, line and paragraph separators
 * and the byte order mark.
 */
static bool
is_invisible(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0xa0) || cp == 0x1680 || cp == 0x180e ||
		(cp >= 0x2000 && cp <= 0x200f) ||
		(cp >= 0x2028 && cp <= 0x202f) ||
		(cp >= 0x205f && cp <= 0x2064) ||
		(cp >= 0x2066 && cp <= 0x2069) || cp == 0x3000 || cp == 0xfeff;
}

/* Eight bytes at once: 0 when all are printable ASCII but the space. */
static uint64_t
not_graphic(const char *s)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = UINT64_C(0x8080808080808080);
	uint64_t w;

	memcpy(&w, s, sizeof(w));
	/* a byte below 0x21 borrows, 0x7f and up carry or have bit 7 */
	return ((w - ones * 0x21) | (w + ones) | w) & high;
}

bool
ogc_url_find_blank(const char *s, size_t len, size_t *at, uint32_t *cp)
{
	size_t i = 0;
	size_t n;
	uint32_t c;

	while (i < len) {
		/* printable ASCII, nearly all of any URL, needs no decoding:
		   eight bytes a step while there are */
		if (len - i >= 8 && not_graphic(s + i) == 0) {
			i += 8;
			continue;
		}
		/* fewer are left: the last eight bytes hold them */
		if (len - i < 8 && len >= 8 && not_graphic(s + len - 8) == 0) {
			return false;
		}
		if ((unsigned char)s[i] > 0x20 && (unsigned char)s[i] < 0x7f) {
			i++;
			continue;
		}
		n = ogc_utf8_decode(s + i, len - i, &c);
		if (n == 0) {
			i++;
			continue;
		}
		if (c <= 0x20 || c == 0x7f || is_invisible(c)) {
			*at = i;
			*cp = c;
			return true;
		}
		i += n;
	}
	return false;
}

/* Short text for why[] about the character ogc_url_find_blank() found. */
static const char *
blank_name(uint32_t cp)
{
	if (cp == ' ') {
		return "it contains a space";
	} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
		return "it contains a control character";
	}
	return "it contains an invisible character";
}

/*
 * HTML character references
 */

/*
 * Length of the character reference that starts at s[0] == '&', or 0.
 * HTML named references are a letter then letters and digits ("&amp;",
 * "&frac12;"); numeric ones are "&#38;" or "&#x26;". The caps keep a query
 * such as "?a=1&b2c3d4e5...;" (no entity is that long) from matching.
 *
 *     "&amp;w=1"  -> 5
 *     "&#x26;"    -> 6
 *     "&w=1"      -> 0
 */
static size_t
entity_length(const char *s, size_t len)
{
	size_t i = 1;
	size_t start;
	size_t max;
	bool hex = false;

	if (i < len && s[i] == '#') {
		i++;
		if (i < len && (s[i] == 'x' || s[i] == 'X')) {
			hex = true;
			i++;
		}
		start = i;
		max = hex ? 6 : 7;
		while (i < len && i - start < max &&
			(hex ? is_xdigit(s[i]) : is_digit(s[i]))) {
			i++;
		}
	} else {
		if (i >= len || !is_alpha(s[i])) {
			return 0;
		}
		start = i;
		max = 32;
		while (i < len && i - start < max &&
			(is_alpha(s[i]) || is_digit(s[i]))) {
			i++;
		}
	}
	if (i == start || i >= len || s[i] != ';') {
		return 0;
	}
	return i + 1;
}

bool
ogc_url_find_entity(const char *s, size_t len, size_t *start, size_t *elen)
{
	const char *amp;
	size_t i;
	size_t n;

	/* most URLs have no '&' at all, and a query few */
	amp = memchr(s, '&', len);
	while (amp != NULL) {
		i = (size_t)(amp - s);
		n = entity_length(amp, len - i);
		if (n != 0) {
			*start = i;
			*elen = n;
			return true;
		}
		amp = memchr(amp + 1, '&', len - i - 1);
	}
	return false;
}

/*
 * URL parsing and normalisation through libcurl
 */

/*
 * Length of the RFC 3986 section 3.1 scheme that starts url, not counting
 * the ':' that must follow it; 0 when url does not start with one, which
 * makes it a relative reference (section 4.2). This only classifies the
 * string; libcurl parses it.
 *
 *     "https://x.org/"  -> 5
 *     "/media/a.jpg"    -> 0
 *     "x.org:8080/a"    -> 5 (a scheme "x.org": libcurl then rejects it)
 */
static size_t
scheme_length(const char *url)
{
	size_t i;

	if (!is_alpha(url[0])) {
		return 0;
	}
	for (i = 1; url[i] != '\0'; i++) {
		if (url[i] == ':') {
			return i;
		}
		if (!is_alpha(url[i]) && !is_digit(url[i]) && url[i] != '+' &&
			url[i] != '-' && url[i] != '.') {
			return 0;
		}
	}
	return 0;
}

bool
ogc_url_is_relative(const char *url)
{
	return scheme_length(url) == 0;
}

static void
set_why(char *why, size_t why_size, const char *fmt, ...) OGC_PRINTF(3, 4);

static void
set_why(char *why, size_t why_size, const char *fmt, ...)
{
	va_list ap;

	if (why == NULL || why_size == 0) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(why, why_size, fmt, ap);
	va_end(ap);
}

/*
 * libcurl accepts "https:/x.org/" and "https:///x.org/" and quietly reads a
 * host out of them; browsers do the same, but crawlers that read og:url
 * need not. Ask for the "//" and a non-empty authority that RFC 3986
 * section 3 puts between an http(s) scheme and its host.
 */
static bool
has_authority(const char *url, size_t scheme_len, char *why,
	size_t why_size)
{
	const char *rest = url + scheme_len + 1;

	if (strncmp(rest, "//", 2) != 0) {
		set_why(why, why_size, "\"%.*s:\" must be followed by \"//\"",
			(int)scheme_len, url);
		return false;
	}
	if (rest[2] == '/' || rest[2] == '\0') {
		set_why(why, why_size, "no host");
		return false;
	}
	return true;
}

/* Fills why with libcurl's text for a failed curl_url_set/get. */
static void
curl_why(CURLUcode rc, char *why, size_t why_size)
{
	if (rc == CURLUE_NO_HOST) {
		set_why(why, why_size, "no host");
	} else if (rc == CURLUE_OUT_OF_MEMORY) {
		set_why(why, why_size, "out of memory");
	} else {
		set_why(why, why_size, "%s", curl_url_strerror(rc));
	}
}

/*
 * Checks what both entry points need before libcurl sees the string: no
 * whitespace or control characters (libcurl rejects some, percent-encodes
 * others when resolving a relative URL, and accepts a NO-BREAK SPACE),
 * and, for an absolute URL, "//" after the scheme.
 */
static bool
precheck(const char *url, char *why, size_t why_size)
{
	size_t at;
	size_t scheme_len;
	uint32_t cp;

	if (url[0] == '\0') {
		set_why(why, why_size, "empty");
		return false;
	}
	if (ogc_url_find_blank(url, strlen(url), &at, &cp)) {
		set_why(why, why_size, "%s", blank_name(cp));
		return false;
	}
	scheme_len = scheme_length(url);
	if (scheme_len != 0 && !has_authority(url, scheme_len, why, why_size)) {
		return false;
	}
	return true;
}

/* Copies the scheme that starts url, lower-cased, to scheme[]. */
static bool
copy_scheme(const char *url, size_t scheme_len, char *scheme,
	size_t scheme_size)
{
	size_t i;

	if (scheme_len >= scheme_size) {
		return false;
	}
	for (i = 0; i < scheme_len; i++) {
		scheme[i] = to_lower(url[i]);
	}
	scheme[scheme_len] = '\0';
	return true;
}

/*
 * The classes of the bytes the shortcuts below read, a lookup a byte
 * (0 for the rest, all bytes from 0x80 among them):
 *   PATH   RFC 3986's unreserved characters and '/'
 *   QUERY  the other characters plainly_absolute() lets through
 *   LOWER  a host's letters, HOST its digits and '-' (plain_host_end())
 *   END    what ends a host: '/', '?', '#' or the NUL
 */
#define PATH 1u
#define QUERY 2u
#define LOWER 4u
#define HOST 8u
#define END 16u
static const unsigned char url_class[256] = {
	['\0'] = END, ['#'] = END, ['/'] = PATH | END, ['?'] = QUERY | END,
	['-'] = PATH | HOST, ['.'] = PATH, ['_'] = PATH, ['~'] = PATH,
	['0'] = PATH | HOST, ['1'] = PATH | HOST, ['2'] = PATH | HOST,
	['3'] = PATH | HOST, ['4'] = PATH | HOST, ['5'] = PATH | HOST,
	['6'] = PATH | HOST, ['7'] = PATH | HOST, ['8'] = PATH | HOST,
	['9'] = PATH | HOST,
	['a'] = PATH | LOWER, ['b'] = PATH | LOWER, ['c'] = PATH | LOWER,
	['d'] = PATH | LOWER, ['e'] = PATH | LOWER, ['f'] = PATH | LOWER,
	['g'] = PATH | LOWER, ['h'] = PATH | LOWER, ['i'] = PATH | LOWER,
	['j'] = PATH | LOWER, ['k'] = PATH | LOWER, ['l'] = PATH | LOWER,
	['m'] = PATH | LOWER, ['n'] = PATH | LOWER, ['o'] = PATH | LOWER,
	['p'] = PATH | LOWER, ['q'] = PATH | LOWER, ['r'] = PATH | LOWER,
	['s'] = PATH | LOWER, ['t'] = PATH | LOWER, ['u'] = PATH | LOWER,
	['v'] = PATH | LOWER, ['w'] = PATH | LOWER, ['x'] = PATH | LOWER,
	['y'] = PATH | LOWER, ['z'] = PATH | LOWER,
	['A'] = PATH, ['B'] = PATH, ['C'] = PATH, ['D'] = PATH, ['E'] = PATH,
	['F'] = PATH, ['G'] = PATH, ['H'] = PATH, ['I'] = PATH, ['J'] = PATH,
	['K'] = PATH, ['L'] = PATH, ['M'] = PATH, ['N'] = PATH, ['O'] = PATH,
	['P'] = PATH, ['Q'] = PATH, ['R'] = PATH, ['S'] = PATH, ['T'] = PATH,
	['U'] = PATH, ['V'] = PATH, ['W'] = PATH, ['X'] = PATH, ['Y'] = PATH,
	['Z'] = PATH,
	['!'] = QUERY, ['$'] = QUERY, ['&'] = QUERY, ['\''] = QUERY,
	['('] = QUERY, [')'] = QUERY, ['*'] = QUERY, ['+'] = QUERY,
	[','] = QUERY, [':'] = QUERY, [';'] = QUERY, ['='] = QUERY,
	['@'] = QUERY,
};

static unsigned
class_of(char c)
{
	return url_class[(unsigned char)c];
}

/*
 * The end of the host of an http or https URL whose host is a lower-case
 * name of letters, digits, dots and hyphens whose last label holds a
 * letter (libcurl rewrites "127.1"), with no user info or port before it;
 * NULL for any other URL.
 */
static const char *
plain_host_end(const char *url)
{
	const char *s = url;
	const char *host;
	const char *label;
	bool letter = false;

	if (strncmp(s, "https://", 8) == 0) {
		s += 8;
	} else if (strncmp(s, "http://", 7) == 0) {
		s += 7;
	} else {
		return NULL;
	}
	host = s;
	label = s;
	for (; (class_of(*s) & END) == 0; s++) {
		if (class_of(*s) & LOWER) {
			letter = true;
		} else if (*s == '.') {
			if (s == label) {
				return NULL; /* an empty label */
			}
			label = s + 1;
			letter = false;
		} else if ((class_of(*s) & HOST) == 0) {
			return NULL;
		}
	}
	return s == host || s == label || !letter ? NULL : s;
}

/*
 * A URL that normalising leaves as it is, known without parsing it: a
 * plain host (plain_host_end()), no query or fragment, and a path of
 * unreserved characters ("/a-b/c_d.html") without "." or ".." segments
 * or "//". Most URLs of real pages are so; libcurl's parser costs some
 * 17,000 instructions a URL.
 */
static bool
already_normal(const char *url)
{
	const char *s = plain_host_end(url);

	if (s == NULL || *s != '/') {
		return false;
	}
	for (; *s != '\0'; s++) {
		if ((class_of(*s) & PATH) == 0 ||
			(s[0] == '/' && (s[1] == '/' || (s[1] == '.' &&
			(s[2] == '/' || s[2] == '\0' || (s[2] == '.' &&
			(s[3] == '/' || s[3] == '\0'))))))) {
			return false;
		}
	}
	return true;
}

/*
 * An absolute URL with a host, known without parsing it: a plain host
 * (plain_host_end()), then path, query and fragment of RFC 3986's
 * characters (unreserved, sub-delims, ':', '@', '/', '?', one '#', and
 * '%' before two hex digits). libcurl parses every such URL.
 */
static bool
plainly_absolute(const char *url)
{
	const char *s = plain_host_end(url);
	bool fragment = false;

	if (s == NULL) {
		return false;
	}
	for (; *s != '\0'; s++) {
		if (class_of(*s) & (PATH | QUERY)) {
			continue;
		}
		if (*s == '%' && is_xdigit(s[1]) && is_xdigit(s[2])) {
			s += 2;
		} else if (*s == '#' && !fragment) {
			fragment = true;
		} else {
			return false;
		}
	}
	return true;
}

#undef PATH
#undef QUERY
#undef LOWER
#undef HOST
#undef END

bool
ogc_url_parse_absolute(const char *url, char *scheme, size_t scheme_size,
	char *why, size_t why_size)
{
	CURLU *h = NULL;
	CURLUcode rc;
	char *host = NULL;
	size_t scheme_len;
	bool ok = false;

	/*
	 * The scheme is copied before anything else is checked, so that a
	 * caller can still say "mailto: is not allowed" about a URL that
	 * fails for another reason too.
	 */
	scheme_len = scheme_length(url);
	if (scheme != NULL && scheme_size != 0) {
		scheme[0] = '\0';
		if (!copy_scheme(url, scheme_len, scheme, scheme_size)) {
			set_why(why, why_size, "scheme too long");
			return false;
		}
	}
	if (plainly_absolute(url)) {
		return true;
	}
	if (!precheck(url, why, why_size)) {
		return false;
	}
	if (scheme_len == 0) {
		set_why(why, why_size, "no scheme");
		return false;
	}
	if (ogc_curl() == NULL) {
		set_why(why, why_size, "cannot load libcurl");
		return false;
	}
	h = curl_url();
	if (h == NULL) {
		set_why(why, why_size, "out of memory");
		return false;
	}
	/*
	 * No CURLU_GUESS_SCHEME or CURLU_DEFAULT_SCHEME: "x.org/a" must stay
	 * an error. CURLU_NON_SUPPORT_SCHEME lets any scheme through, so the
	 * caller's list decides which are allowed.
	 */
	rc = curl_url_set(h, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME);
	if (rc != CURLUE_OK) {
		curl_why(rc, why, why_size);
		goto out;
	}
	rc = curl_url_get(h, CURLUPART_HOST, &host, 0);
	if (rc != CURLUE_OK || host == NULL || host[0] == '\0') {
		set_why(why, why_size, "no host");
		goto out;
	}
	ok = true;
out:
	curl_free(host);
	curl_url_cleanup(h);
	return ok;
}

/*
 * Lower-cases the ASCII letters of the host (RFC 3986 section 6.2.2.1;
 * non-ASCII IDN labels are left as written). Setting the host drops an
 * IPv6 zone id, so it is read first and put back.
 */
static CURLUcode
lower_host(CURLU *h)
{
	CURLUcode rc;
	char *host = NULL;
	char *zone = NULL;
	bool changed = false;
	size_t i;

	rc = curl_url_get(h, CURLUPART_HOST, &host, 0);
	if (rc != CURLUE_OK) {
		return rc;
	}
	for (i = 0; host[i] != '\0'; i++) {
		if (host[i] != to_lower(host[i])) {
			host[i] = to_lower(host[i]);
			changed = true;
		}
	}
	if (!changed) {
		goto out;
	}
	rc = curl_url_get(h, CURLUPART_ZONEID, &zone, 0);
	if (rc != CURLUE_OK && rc != CURLUE_NO_ZONEID) {
		goto out;
	}
	rc = curl_url_set(h, CURLUPART_HOST, host, 0);
	if (rc == CURLUE_OK && zone != NULL) {
		rc = curl_url_set(h, CURLUPART_ZONEID, zone, 0);
	}
out:
	curl_free(zone);
	curl_free(host);
	return rc;
}

/*
 * Upper-cases the hex digits of every "%XX" (RFC 3986 section 6.2.2.1).
 * This is done on the finished string because libcurl 7.88 lower-cases
 * them when a path, query or fragment is set on its own. Scheme and port
 * hold no '%', and libcurl writes a zone id as "%25", so only path, query,
 * fragment and user info change.
 *
 *     "https://x.org/a%2fb?q=%7e"  ->  "https://x.org/a%2Fb?q=%7E"
 */
static void
upper_escapes(char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '%' && is_xdigit(s[i + 1]) && is_xdigit(s[i + 2])) {
			s[i + 1] = to_upper(s[i + 1]);
			s[i + 2] = to_upper(s[i + 2]);
			i += 2;
		}
	}
}

char *
ogc_url_normalize(const char *url, const char *base, char *why,
	size_t why_size)
{
	CURLU *h = NULL;
	CURLUcode rc;
	char *part = NULL;
	char *out = NULL;
	bool relative;
	size_t at;
	uint32_t cp;

	if (already_normal(url)) {
		out = strdup(url);
		if (out == NULL) {
			set_why(why, why_size, "out of memory");
		}
		return out;
	}
	if (!precheck(url, why, why_size)) {
		return NULL;
	}
	relative = ogc_url_is_relative(url);
	if (relative && base == NULL) {
		set_why(why, why_size,
			"relative URL and no --base-url to resolve it");
		return NULL;
	}
	if (ogc_curl() == NULL) {
		set_why(why, why_size, "cannot load libcurl");
		return NULL;
	}
	h = curl_url();
	if (h == NULL) {
		set_why(why, why_size, "out of memory");
		return NULL;
	}
	if (relative) {
		/* Setting a relative URL on a handle that holds one resolves it
		 * (RFC 3986 section 5.2), as libcurl does for redirects. */
		rc = curl_url_set(h, CURLUPART_URL, base,
			CURLU_NON_SUPPORT_SCHEME);
		if (rc != CURLUE_OK) {
			set_why(why, why_size,
				"base URL \"%s\" is not valid: %s", base,
				curl_url_strerror(rc));
			goto out;
		}
	}
	/* Parsing removes dot segments (no CURLU_PATH_AS_IS). */
	rc = curl_url_set(h, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME);
	if (rc != CURLUE_OK) {
		curl_why(rc, why, why_size);
		goto out;
	}
	rc = curl_url_get(h, CURLUPART_SCHEME, &part, 0);
	if (rc != CURLUE_OK) {
		curl_why(rc, why, why_size);
		goto out;
	}
	if (strcmp(part, "http") != 0 && strcmp(part, "https") != 0) {
		set_why(why, why_size, "unsupported scheme \"%s\"", part);
		goto out;
	}
	curl_free(part);
	part = NULL;
	rc = lower_host(h);
	if (rc != CURLUE_OK) {
		curl_why(rc, why, why_size);
		goto out;
	}
	/* The full URL always has a path, "/" when it was empty. */
	rc = curl_url_get(h, CURLUPART_URL, &part, CURLU_NO_DEFAULT_PORT);
	if (rc != CURLUE_OK) {
		curl_why(rc, why, why_size);
		goto out;
	}
	/* libcurl decodes a percent-encoded host ("example%7F"): what it
	   decodes to must not be a control or invisible character */
	if (ogc_url_find_blank(part, strlen(part), &at, &cp)) {
		set_why(why, why_size, "the host holds U+%04X once decoded, "
			"which no host name may", (unsigned)cp);
		goto out;
	}
	/* A copy, so the caller can free() it without knowing about curl. */
	out = strdup(part);
	if (out == NULL) {
		set_why(why, why_size, "out of memory");
		goto out;
	}
	upper_escapes(out);
out:
	curl_free(part);
	curl_url_cleanup(h);
	return out;
}
