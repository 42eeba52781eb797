/* robots.c: a built site's robots.txt, read as RFC 9309 says crawlers read it. */
/* SPDX-License-Identifier: MIT */
/*
 * RFC 9309 (the Robots Exclusion Protocol), which Google's parser and X's
 * crawler follow:
 * - a group is one or more user-agent lines and the rules after them; a
 *   rule before any user-agent line belongs to no group (2.1);
 * - a crawler takes the groups whose user-agent is its product token,
 *   without case, all of them merged; with none, the groups of `*`; with
 *   none of those either, it may crawl everything (2.2.1);
 * - the rule whose path matches the most octets wins, an allow rule over
 *   a disallow rule of the same length (2.2.2); `*` is any run of
 *   characters, `$` at the end anchors the match there; an empty
 *   disallow disallows nothing;
 * - /robots.txt itself is always allowed (2.2.2);
 * - a crawler reads at least 500 KiB (2.5), as Google reads that much
 *   and ignores the rest: the caller cuts the file there.
 * Paths are compared after percent-encoding is normalised (2.2.2): octets
 * outside US-ASCII encoded, hex digits in upper case, encoded unreserved
 * characters decoded.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"
#include "util/util.h"

/* A pattern or path longer than this is cut (no crawler reads a URL
 * path that long); keeps the matching of hostile files bounded. */
#define MAX_PATTERN 2048

struct robots_rule {
	unsigned group;
	unsigned line;
	bool allow;
	char *pattern; /* normalised; owned */
	size_t len;
	char *text;    /* the line as written, for messages; owned */
};

struct robots_agent {
	unsigned group;
	char *token; /* a product token, or "*"; owned */
};

struct ogc_robots {
	struct robots_agent *agents;
	size_t agent_count;
	size_t agent_cap;
	struct robots_rule *rules;
	size_t rule_count;
	size_t rule_cap;
	unsigned groups;
};

static bool
is_unreserved(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
		c == '~';
}

/* RFC 9309 2.2.1: a product token is made of these. */
static bool
is_token_char(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
		c == '-';
}

/*
 * Writes s[0..len) normalised to out (at least MAX_PATTERN * 3 + 1
 * bytes), cut at MAX_PATTERN input bytes; returns the length:
 *   "/caf\xc3\xa9/%7euser/%2f" -> "/caf%C3%A9/~user/%2F"
 */
static size_t
normalize(const char *s, size_t len, char *out)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;
	size_t n = 0;
	size_t i;
	int hi;
	int lo;

	if (len > MAX_PATTERN) {
		len = MAX_PATTERN;
	}
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		hi = c == '%' && i + 2 < len ? ogc_hex_digit(s[i + 1]) : -1;
		lo = hi >= 0 ? ogc_hex_digit(s[i + 2]) : -1;
		if (lo >= 0) {
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
			if (is_unreserved(c)) {
				out[n++] = (char)c;
				continue;
			}
		} else if (c > 0x20 && c < 0x7f) {
			out[n++] = (char)c;
			continue;
		}
		out[n++] = '%';
		out[n++] = hex[c >> 4];
		out[n++] = hex[c & 15];
	}
	out[n] = '\0';
	return n;
}

/*
 * True when the pattern p[0..plen) matches the start of s[0..slen) (all
 * of it when p ends in "$"): `*` is any run. Greedy with one point to go
 * back to, so at most plen * slen steps, whatever the pattern.
 */
static bool
glob_match(const char *p, size_t plen, const char *s, size_t slen)
{
	bool anchored = plen > 0 && p[plen - 1] == '$';
	size_t pi = 0;
	size_t si = 0;
	size_t star = (size_t)-1;
	size_t mark = 0;

	if (anchored) {
		plen--;
	}
	for (;;) {
		if (pi == plen && (!anchored || si == slen)) {
			return true;
		}
		if (pi < plen && p[pi] == '*') {
			star = pi++;
			mark = si;
		} else if (pi < plen && si < slen && p[pi] == s[si]) {
			pi++;
			si++;
		} else if (star != (size_t)-1 && mark < slen) {
			pi = star + 1;
			si = ++mark;
		} else {
			return false;
		}
	}
}

static bool
add_rule(struct ogc_robots *r, bool allow, unsigned line, const char *value,
	size_t len, const char *text, size_t text_len)
{
	char buf[MAX_PATTERN * 3 + 1];
	struct robots_rule *rule;
	size_t n = normalize(value, len, buf);

	if (!ogc_array_reserve(&r->rules, &r->rule_cap, r->rule_count + 1,
		sizeof(*r->rules), 16)) {
		return false;
	}
	rule = &r->rules[r->rule_count];
	rule->group = r->groups - 1;
	rule->line = line;
	rule->allow = allow;
	rule->len = n;
	rule->pattern = malloc(n + 1);
	if (text_len > 200) {
		text_len = 200;
	}
	rule->text = malloc(text_len + 1);
	if (rule->pattern == NULL || rule->text == NULL) {
		free(rule->pattern);
		free(rule->text);
		return false;
	}
	memcpy(rule->pattern, buf, n + 1);
	memcpy(rule->text, text, text_len);
	rule->text[text_len] = '\0';
	/* a cut line keeps whole characters */
	rule->text[ogc_utf8_cut(rule->text, text_len, text_len)] = '\0';
	r->rule_count++;
	return true;
}

static bool
add_agent(struct ogc_robots *r, const char *value, size_t len)
{
	struct robots_agent *a;
	size_t n = 0;

	/* the product token: "Twitterbot/1.0" names Twitterbot (2.2.1) */
	if (len > 0 && value[0] == '*') {
		n = 1;
	}
	while (n < len && value[0] != '*' && is_token_char(value[n])) {
		n++;
	}
	if (!ogc_array_reserve(&r->agents, &r->agent_cap, r->agent_count + 1,
		sizeof(*r->agents), 8)) {
		return false;
	}
	a = &r->agents[r->agent_count];
	a->group = r->groups - 1;
	a->token = malloc(n + 1);
	if (a->token == NULL) {
		return false;
	}
	memcpy(a->token, value, n);
	a->token[n] = '\0';
	r->agent_count++;
	return true;
}

/* s[0..len) without blanks at either end: *len is updated. */
static const char *
trim(const char *s, size_t *len)
{
	while (*len > 0 && (s[0] == ' ' || s[0] == '\t')) {
		s++;
		(*len)--;
	}
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t')) {
		(*len)--;
	}
	return s;
}

/*
 * One line, without its line break: "Disallow: /drafts/ # soon" adds a
 * disallow rule for /drafts/ to the group open. `*in_rules` says the
 * open group has rules already, so that a user-agent line starts a new
 * one. False when memory ran out.
 */
static bool
parse_line(struct ogc_robots *r, const char *s, size_t len, unsigned line,
	bool *in_rules)
{
	const char *hash = memchr(s, '#', len);
	const char *colon;
	const char *text = s;
	size_t text_len;
	size_t key_len;
	size_t value_len;
	const char *key;
	const char *value;

	if (hash != NULL) {
		len = (size_t)(hash - s);
	}
	text_len = len;
	text = trim(text, &text_len);
	colon = memchr(s, ':', len);
	if (colon == NULL) {
		return true; /* not a rule: ignored (2.2) */
	}
	key_len = (size_t)(colon - s);
	key = trim(s, &key_len);
	value_len = len - (size_t)(colon + 1 - s);
	value = trim(colon + 1, &value_len);
	if (key_len == 10 && strncasecmp(key, "user-agent", 10) == 0) {
		if (*in_rules || r->groups == 0) {
			r->groups++;
			*in_rules = false;
		}
		return add_agent(r, value, value_len);
	}
	if ((key_len == 5 && strncasecmp(key, "allow", 5) == 0) ||
		(key_len == 8 && strncasecmp(key, "disallow", 8) == 0)) {
		if (r->groups == 0) {
			return true; /* before any user-agent: no group's */
		}
		*in_rules = true;
		if (value_len == 0) {
			return true; /* "Disallow:" disallows nothing */
		}
		return add_rule(r, key_len == 5, line, value, value_len, text,
			text_len);
	}
	return true; /* sitemap:, crawl-delay: and others: not rules */
}

struct ogc_robots *
ogc_robots_parse(const char *text, size_t len)
{
	struct ogc_robots *r = calloc(1, sizeof(*r));
	const char *end = text + len;
	const char *s = text;
	const char *eol;
	unsigned line = 1;
	bool in_rules = false;

	if (r == NULL) {
		return NULL;
	}
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
	}
	while (s < end) {
		eol = s;
		while (eol < end && *eol != '\n' && *eol != '\r') {
			eol++;
		}
		if (!parse_line(r, s, (size_t)(eol - s), line, &in_rules)) {
			ogc_robots_destroy(r);
			return NULL;
		}
		if (eol + 1 < end && eol[0] == '\r' && eol[1] == '\n') {
			eol++;
		}
		s = eol + 1;
		line++;
	}
	return r;
}

struct ogc_robots *
ogc_robots_read(const char *dir)
{
	struct ogc_robots *r;
	size_t len;
	char *text = ogc_read_small_file(dir, "robots.txt", OGC_MAX_ROBOTS,
		&len);

	if (text == NULL) {
		return NULL;
	}
	r = ogc_robots_parse(text, len);
	free(text);
	return r;
}

void
ogc_robots_destroy(struct ogc_robots *r)
{
	size_t i;

	if (r == NULL) {
		return;
	}
	for (i = 0; i < r->agent_count; i++) {
		free(r->agents[i].token);
	}
	for (i = 0; i < r->rule_count; i++) {
		free(r->rules[i].pattern);
		free(r->rules[i].text);
	}
	free(r->agents);
	free(r->rules);
	free(r);
}

/*
 * Group g names `agent` (or `*` when star). The agents are in the order
 * of their groups: the group's are found by bisection, so that a file
 * of thousands of groups costs no more than its rules.
 */
static bool
group_names(const struct ogc_robots *r, unsigned g, const char *agent,
	bool star)
{
	size_t lo = 0;
	size_t hi = r->agent_count;
	size_t mid;
	size_t i;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->agents[mid].group < g) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	for (i = lo; i < r->agent_count && r->agents[i].group == g; i++) {
		if (star ? strcmp(r->agents[i].token, "*") == 0 :
			strcasecmp(r->agents[i].token, agent) == 0) {
			return true;
		}
	}
	return false;
}

bool
ogc_robots_allowed(const struct ogc_robots *r, const char *agent,
	const char *path, struct ogc_robots_why *why)
{
	char buf[MAX_PATTERN * 3 + 1];
	const struct robots_rule *best = NULL;
	const struct robots_rule *rule;
	size_t len;
	size_t i;
	bool star = true;
	unsigned last_group = (unsigned)-1;
	bool in_group = false;

	if (why != NULL) {
		memset(why, 0, sizeof(*why));
	}
	if (r == NULL || strcmp(path, "/robots.txt") == 0) {
		return true;
	}
	for (i = 0; i < r->agent_count && star; i++) {
		if (strcasecmp(r->agents[i].token, agent) == 0) {
			star = false;
		}
	}
	len = normalize(path, strlen(path), buf);
	for (i = 0; i < r->rule_count; i++) {
		rule = &r->rules[i];
		if (rule->group != last_group) {
			last_group = rule->group;
			in_group = group_names(r, rule->group, agent, star);
		}
		if (!in_group || !glob_match(rule->pattern, rule->len, buf,
			len)) {
			continue;
		}
		if (best == NULL || rule->len > best->len ||
			(rule->len == best->len && rule->allow && !best->allow)) {
			best = rule;
		}
	}
	if (best == NULL || best->allow) {
		return true;
	}
	if (why != NULL) {
		why->line = best->line;
		why->rule = best->text;
		why->star = star;
	}
	return false;
}
