/* engine.c: the per-file engine: read a file's head, build its tree, run
 * the rules, finish its findings. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks/check.h"
#include "cross/cross.h"
#include "net/net.h"
#include "read/read.h"
#include "report/report.h"
#include "rules/rules.h"
#include "run/engine_parts.h"
#include "run/run.h"
#include "util/util.h"


/* Makes `rules` the rules in force, with their file-level rules. */
static void
use_rules(struct ogc_engine *c, const struct ogc_ruleset *rules)
{
	if (rules == c->rules) {
		return;
	}
	c->rules = rules;
	c->unreadable = ogc_ruleset_find(rules, "file-unreadable");
	c->missing = ogc_ruleset_find(rules, "front-matter-missing");
	c->invalid = ogc_ruleset_find(rules, "front-matter-invalid");
	c->unread = ogc_ruleset_find(rules, "front-matter-unread");
	c->unused = ogc_ruleset_find(rules, "suppression-unused");
	c->relative = ogc_ruleset_find(rules, "url-relative");
	c->not_utf8 = ogc_ruleset_find(rules, "html-not-utf8");
	c->misplaced = ogc_ruleset_find(rules, "meta-outside-head");
	c->too_many = ogc_ruleset_find(rules, "limit-diagnostics");
}

void
ogc_engine_set_sites(struct ogc_engine *engine, struct ogc_sites *sites)
{
	engine->sites = sites;
}

struct ogc_sites *
ogc_engine_sites(const struct ogc_engine *engine)
{
	return engine->sites;
}

void
ogc_engine_set_lock(struct ogc_engine *engine, void *lock)
{
	engine->lock = lock;
}

void
ogc_engine_set_order(struct ogc_engine *engine, struct ogc_order *order,
	size_t seq)
{
	engine->order = order;
	engine->seq = seq;
}

/* Finishes the file's findings, those added since `first`. */
static void
file_done(struct ogc_engine *c, const char *name, size_t first)
{
	struct ogc_finisher f = {c->options, c->too_many, c->lock, c->order,
		c->seq};

	ogc_file_finish(&f, c->report, name, first, &c->suppress, "");
	ogc_engine_keep_meta(c, name, first);
}

struct ogc_engine *
ogc_engine_create(const struct ogc_ruleset *rules,
	const struct ogc_options *options, struct ogc_error *err)
{
	struct ogc_engine *c;

	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		ogc_error_nomem(err);
		return NULL;
	}
	c->chunk = malloc(READ_CHUNK);
	c->front_spare = malloc(sizeof(*c->front_spare));
	if (c->chunk == NULL || c->front_spare == NULL) {
		free(c->chunk);
		free(c->front_spare);
		free(c);
		ogc_error_nomem(err);
		return NULL;
	}
	ogc_front_init(c->front_spare);
	c->options = options;
	c->base_rules = rules;
	c->front_rules = rules;
	c->html_rules = rules;
	use_rules(c, rules);
	return c;
}

void
ogc_engine_destroy(struct ogc_engine *engine)
{
	if (engine == NULL) {
		return;
	}
	free(engine->chunk);
	if (engine->front_spare != NULL) {
		ogc_front_finish(engine->front_spare);
		free(engine->front_spare);
	}
	free(engine->meta);
	ogc_net_queue_destroy(engine->queue);
	ogc_xp_index_destroy(engine->xp);
	free(engine->xp_base);
	free(engine);
}

void
ogc_engine_emit_file(struct ogc_engine *c, const char *file,
	const struct ogc_rule *rule, struct ogc_pos pos, const char *fmt, ...)
{
	struct ogc_place at = {file, pos, {0, 0}, NULL, NULL, 0, NULL, false};
	va_list ap;

	va_start(ap, fmt);
	ogc_emit_va(c->report, &c->suppress, rule, &at, fmt, ap);
	va_end(ap);
}

static void
run_rules(struct ogc_engine *c, const char *name, const struct ogc_node *root,
	struct ogc_pos missing_pos, bool flat, bool templated)
{
	struct ogc_ctx ctx;
	const struct ogc_rule *rule;
	size_t from = ogc_report_count(c->report);
	size_t i;
	size_t g;

	ctx.report = c->report;
	ctx.file = name;
	ctx.options = c->options;
	ctx.root = root;
	ctx.missing_pos = missing_pos;
	ctx.flat = flat;
	ctx.templated = templated;
	ctx.suppress = &c->suppress;
	ctx.relative_rule = NULL;
	ctx.rules = ogc_ruleset_table(c->rules);
	ctx.queue = &c->queue;
	ctx.site = c->built ? NULL : c->site;
	ctx.rel = c->rel;
	ctx.built_site = c->built ? c->site : NULL;
	ctx.file_time = c->built ? c->file_time : 0;
	ctx.page_data = c->page_data.count > 0 ? &c->page_data : NULL;
	ctx.seen_count = 0;
	ctx.root_keys = ogc_ctx_root_keys(root);
	ogc_ctx_memo_next(&c->memo, root);
	ctx.memo = &c->memo;
	ogc_facts_rules(ctx.rules, &c->facts);
	ctx.facts = &c->facts;
	if (flat) {
		ctx.relative_rule = c->relative != NULL &&
			c->relative->severity != OGC_SEV_OFF ? c->relative : NULL;
	}
	/* a page read only for the cross-page index is not judged */
	for (i = 0; !c->context && (rule = ogc_ruleset_rule(c->rules, i)) !=
		NULL; i++) {
		if (ogc_report_count(c->report) > from) {
			ogc_report_merge_same_text(c->report, from);
			from = ogc_report_count(c->report);
		}
		if (rule->kind == NULL || rule->severity == OGC_SEV_OFF ||
			(rule->input == OGC_INPUT_HTML && !flat) ||
			(rule->input == OGC_INPUT_MARKDOWN && flat) ||
			!ogc_when_holds(rule, &ctx)) {
			continue;
		}
		for (g = 0; g < rule->group_count; g++) {
			ctx.expected = rule->groups[g].expected;
			rule->kind->run(&rule->groups[g], &ctx);
		}
	}
	ogc_report_merge_same_text(c->report, from);
	from = ogc_report_count(c->report);
	if (!c->context) {
		/* facts judge the page too: not one read only for the
		   index */
		ogc_facts_run(&ctx);
	}
	ogc_report_merge_same_text(c->report, from);
	if (c->options->page_meta) {
		ogc_engine_capture(c, &ctx);
	}
	if (!ogc_engine_index_page(c, name, &ctx, false)) {
		ogc_report_fail(c->report);
	}
}

/*
 * Which value of a duplicate key the generator keeps, and so is checked:
 * Ruby's YAML (Jekyll) keeps the last; Hugo's and Eleventy's YAML
 * readers stop with an error; without a site the first is checked.
 */
static const char *
duplicate_rule(struct ogc_engine *c, struct ogc_doc *doc)
{
	switch (c->site != NULL ? c->site->generator : OGC_GEN_NONE) {
	case OGC_GEN_JEKYLL:
		ogc_doc_keep_last(doc);
		return "Jekyll keeps the last value (Ruby's YAML), which is the "
			"one checked";
	case OGC_GEN_HUGO:
		return "Hugo stops the build on it; the first value is checked";
	case OGC_GEN_ELEVENTY:
		return "Eleventy stops on it (js-yaml); the first value is "
			"checked";
	default:
		return "the first value is checked";
	}
}

static const char *const dialect_names[] = {"YAML", "TOML", "JSON"};

/*
 * Whether a value of the front matter can hold template syntax ("{{" or
 * "{%"): a value's '{' is a '{' of the text (a 0x7b byte in UTF-16 too,
 * which libyaml reads by its BOM) or an escape of a YAML, TOML or JSON
 * string, which starts with '\'. Most pages have neither, and the walk
 * over all their values (ogc_node_find_template()) is spared.
 */
static bool
may_hold_template(const struct ogc_front *front)
{
	return memchr(front->text, '{', front->len) != NULL ||
		memchr(front->text, '\\', front->len) != NULL;
}

/* Parses a file's front matter and runs the rules over it. */
static bool
check_text(struct ogc_engine *c, const char *name,
	const struct ogc_front *front)
{
	const struct ogc_problem *p;
	const struct ogc_node *templated;
	const char *keep;
	struct ogc_doc *doc;

	use_rules(c, c->front_rules);
	doc = ogc_front_parse(front);
	if (doc == NULL) {
		return false;
	}
	if (front->dialect != OGC_DIALECT_JSON) {
		ogc_engine_read_comment_suppressions(c, front); /* # comments */
	}
	if (doc->root != NULL && doc->root->kind == OGC_NODE_MAP) {
		ogc_engine_read_suppressions(c, name, doc->root);
	}
	keep = duplicate_rule(c, doc);
	for (p = doc->problems; p != NULL; p = p->next) {
		if (p->dup_map != NULL) {
			ogc_engine_emit_file(c, name, c->invalid, p->pos, "%s; %s", p->msg,
				keep);
		} else if (p->rule != NULL) {
			ogc_engine_emit_file(c, name, ogc_ruleset_find(c->rules, p->rule),
				p->pos, "%s", p->msg);
		} else if (doc->root == NULL) {
			ogc_engine_emit_file(c, name, c->invalid, p->pos, "the front matter is "
				"not valid %s: %s", dialect_names[front->dialect],
				p->msg);
		} else {
			ogc_engine_emit_file(c, name, c->invalid, p->pos, "%s", p->msg);
		}
	}
	if (doc->root != NULL && doc->root->kind != OGC_NODE_MAP) {
		ogc_engine_emit_file(c, name, c->invalid, doc->root->pos, "the front matter "
			"is %s; expected a map of fields such as \"title: ...\"",
			ogc_node_kind_name(doc->root->kind));
	} else if (doc->root != NULL && c->site != NULL &&
		ogc_site_unpublished(c->site, doc->root) != NULL) {
		/* the generator makes no page of it: nothing to judge */
		ogc_report_drop_file(c->report);
	} else if (doc->root != NULL) {
		templated = may_hold_template(front) ?
			ogc_node_find_template(doc->root) : NULL;
		if (templated != NULL) {
			ogc_engine_emit_file(c, name, c->unread, templated->pos, "%s holds "
				"template syntax, which the generator fills in: values "
				"like it are not judged", templated->key != NULL ?
				templated->key : "a value");
		}
		/* its URL first: the cross-page index keeps it */
		if (c->site != NULL && !c->built && !ogc_site_page_url(c->site,
			c->rel, doc->root, &c->page_data, c->page_url,
			sizeof(c->page_url))) {
			c->page_url[0] = '\0';
		}
		run_rules(c, name, doc->root, (struct ogc_pos){1, 1}, false,
			templated != NULL);
	}
	ogc_doc_destroy(doc);
	return true;
}


/* Turns what the scanner found into diagnostics. */
static bool
check_front(struct ogc_engine *c, const char *name,
	const struct ogc_front *front)
{
	struct ogc_pos start = {1, 1};

	if (front->nomem) {
		return false;
	}
	switch (front->kind) {
	case OGC_FRONT_YAML:
		return check_text(c, name, front);
	case OGC_FRONT_INVALID:
		ogc_engine_emit_file(c, name, front->rule != NULL ?
			ogc_ruleset_find(c->rules, front->rule) : c->invalid,
			front->pos, "%s", front->problem);
		break;
	case OGC_FRONT_BINARY:
		ogc_engine_emit_file(c, name, c->unreadable, front->pos, "%s",
			front->problem);
		break;
	case OGC_FRONT_SCRIPT:
		ogc_engine_emit_file(c, name, c->unread, start, "the front matter is "
			"JavaScript (---js), which ogcheck does not run: its fields "
			"are not checked");
		break;
	case OGC_FRONT_NONE:
		if (c->site != NULL) {
			/* optional in every generator; Jekyll copies such a
			   file as it is, which is no page */
			break;
		}
		ogc_engine_emit_file(c, name, c->missing, start, "no front matter: the "
			"file does not open with a --- line, a ```yaml block, a +++ "
			"line or a JSON object");
		break;
	}
	return true;
}

/* s[0..len) holds `word` in any case. */
static bool
has_word(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);
	size_t i;

	for (i = 0; i + n <= len; i++) {
		if (strncasecmp(s + i, word, n) == 0) {
			return true;
		}
	}
	return false;
}

/* A template: Go template, Liquid or Nunjucks syntax in the head. */
static bool
is_template(const char *text, size_t len)
{
	return has_word(text, len, "{{") || has_word(text, len, "{%");
}

/*
 * A document (<!doctype>, <html> or <head>), rather than a fragment that
 * a template includes.
 */
static bool
is_document(const char *text, size_t len)
{
	return has_word(text, len, "<html") || has_word(text, len, "<head") ||
		has_word(text, len, "<!doctype");
}

/* A redirect stub, as Hugo's aliases and jekyll-redirect-from write. */
static bool
is_redirect(const char *text, size_t len)
{
	return has_word(text, len, "http-equiv=\"refresh\"") ||
		has_word(text, len, "http-equiv='refresh'") ||
		has_word(text, len, "http-equiv=refresh");
}

/*
 * A redirect stub's target (<meta http-equiv="refresh" content="0;
 * url=https://x.org/new/">, as Hugo's aliases and jekyll-redirect-from
 * write it) must be an absolute URL: link previews and crawlers that
 * follow it resolve nothing. Reports redirect-target when it is not.
 */
static void
check_redirect(struct ogc_engine *c, const char *name, const char *text,
	size_t len)
{
	const char *tag = text;
	const char *content;
	const char *end;
	const char *url;
	char target[2048];
	char why[128];
	size_t n;
	char quote;

	while ((size_t)(tag - text) < len &&
		strncasecmp(tag, "http-equiv", 10) != 0) {
		tag++;
	}
	end = memchr(tag, '>', len - (size_t)(tag - text));
	content = tag;
	while (end != NULL && content < end &&
		strncasecmp(content, "content=", 8) != 0) {
		content++;
	}
	if (end == NULL || content >= end) {
		return;
	}
	content += 8;
	quote = *content == '"' || *content == '\'' ? *content++ : 0;
	for (url = content; url < end && strncasecmp(url, "url=", 4) != 0;
		url++) {
	}
	if (url >= end) {
		return; /* a refresh that stays on the page */
	}
	url += 4;
	if (*url == '\'' || *url == '"') {
		url++;
	}
	/* up to the closing quote, or a blank when unquoted */
	for (n = 0; url + n < end && n + 1 < sizeof(target); n++) {
		if (url[n] == '"' || url[n] == '\'' || (quote == 0 &&
			(url[n] == ' ' || url[n] == '\t'))) {
			break;
		}
		target[n] = url[n];
	}
	while (n > 0 && (target[n - 1] == ' ' || target[n - 1] == '\t')) {
		n--;
	}
	target[n] = '\0';
	if (!ogc_url_parse_absolute(target, NULL, 0, why, sizeof(why))) {
		ogc_engine_emit_file(c, name, ogc_ruleset_find(c->rules, "redirect-target"),
			ogc_utf8_pos(text, (size_t)(url - text), 1), "the "
			"redirect's target \"%s\" is not an absolute URL: %s", target,
			why);
	}
}

/* Runs the rules over the head of an HTML page, and its own findings. */
static bool
check_html(struct ogc_engine *c, const char *name, const char *text,
	size_t len)
{
	const struct ogc_problem *p;
	struct ogc_doc *doc;
	size_t bad;

	use_rules(c, c->html_rules);
	/* what platforms would show is a page: a template or a fragment is
	   not counted, a redirect stub gets only the redirect check */
	if (c->options->site_model && (is_template(text, len) ||
		(!is_redirect(text, len) && !is_document(text, len)))) {
		ogc_report_drop_file(c->report);
		return true;
	}
	if (c->options->site_model && is_redirect(text, len)) {
		check_redirect(c, name, text, len);
		if (!ogc_engine_index_page(c, name, NULL, true)) {
			ogc_report_fail(c->report);
		}
		return true;
	}
	doc = ogc_html_parse(text, len);
	if (doc == NULL) {
		return false;
	}
	ogc_engine_read_suppressions(c, name, doc->root);
	if (!ogc_utf8_valid(text, len, &bad)) {
		ogc_engine_emit_file(c, name, c->not_utf8,
			ogc_utf8_pos(text, bad, 1), "the page is not UTF-8 (byte "
			"0x%02X); its values are read with U+FFFD in place of such "
			"bytes, as a scraper expecting UTF-8 would",
			(unsigned char)text[bad]);
	}
	for (p = doc->problems; p != NULL; p = p->next) {
		ogc_engine_emit_file(c, name, ogc_ruleset_find(c->rules, p->rule), p->pos,
			"%s", p->msg);
	}
	run_rules(c, name, doc->root, doc->root->pos, true, true);
	ogc_doc_destroy(doc);
	return true;
}

/*
 * Reads the next chunk of fd (at most `size` bytes, READ_CHUNK at most)
 * into c->chunk: its length, 0 at the end, or -1 after reporting a read
 * error (file-unreadable) on `name`.
 */
static ssize_t
read_some(struct ogc_engine *c, const char *name, int fd, char *into,
	size_t size)
{
	struct ogc_pos start = {1, 1};
	ssize_t n;

	do {
		n = read(fd, into, size);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		ogc_engine_emit_file(c, name, c->unreadable, start, "cannot read the file: "
			"%s", strerror(errno));
	}
	return n;
}

/* read_some() of a whole chunk. */
static ssize_t
read_chunk(struct ogc_engine *c, const char *name, int fd)
{
	return read_some(c, name, fd, c->chunk, READ_CHUNK);
}

/* A page being checked: the head, then a scan of the body. */
struct page {
	struct ogc_engine *c;
	const char *name;
	bool html;      /* no front matter: the head was parsed */
	size_t cut;     /* where the head ends in the bytes read */
	struct ogc_body_scan body;
};

static void
misplaced_meta(void *arg, struct ogc_pos pos, const char *property)
{
	struct page *p = arg;

	ogc_engine_emit_file(p->c, p->name, p->c->misplaced, pos, "<meta> for %s is "
		"outside <head>: most scrapers ignore it there", property);
}

/*
 * A head that runs on past 1 MiB: its first MiB is checked, and the rest
 * of the page is not read, as a <meta> there is likely still in the head.
 */
static bool
check_big_head(struct page *p, const char *data, size_t len)
{
	struct ogc_pos start = {1, 1};
	size_t cut = ogc_utf8_cut(data, len, OGC_MAX_FRONT_MATTER);

	ogc_engine_emit_file(p->c, p->name, ogc_ruleset_find(p->c->rules,
		"limit-front-matter-size"), start, "the head of the page is "
		"not closed within 1 MiB (limit front-matter-size): only its "
		"first MiB is checked");
	p->html = false;
	return check_html(p->c, p->name, data, cut);
}

/*
 * Checks a page's first `len` bytes, which hold its head (or all of it):
 * its front matter when it opens with some (a template), else the head,
 * parsed up to its end. Then starts the body scan on the bytes after it.
 */
static bool
check_page_head(struct page *p, const char *data, size_t len, bool last)
{
	struct ogc_front front;
	bool ok;

	ogc_front_init(&front);
	if (!ogc_front_feed(&front, data, len)) {
		ogc_front_end(&front);
	}
	p->html = front.kind == OGC_FRONT_NONE && !front.nomem;
	if (p->html) {
		p->cut = ogc_html_head_end(data, len, 0);
		if (p->cut >= OGC_MAX_FRONT_MATTER) {
			ok = check_big_head(p, data, len);
			ogc_front_finish(&front);
			return ok;
		}
		ok = check_html(p->c, p->name, data, p->cut);
		ogc_body_scan_init(&p->body, ogc_utf8_pos(data, p->cut, 1));
		ogc_body_scan_feed(&p->body, data + p->cut, len - p->cut, last,
			misplaced_meta, p);
	} else {
		ok = check_front(p->c, p->name, &front);
	}
	ogc_front_finish(&front);
	return ok;
}

static bool
check_page(struct ogc_engine *c, const char *name, const char *data,
	size_t len)
{
	struct page p;

	memset(&p, 0, sizeof(p));
	p.c = c;
	p.name = name;
	return check_page_head(&p, data, len, true);
}

/*
 * Reads a page until its head is over (or 1 MiB) and checks it; then
 * streams the rest through the body scan, which keeps a few KiB.
 */
static bool
check_page_fd(struct ogc_engine *c, const char *name, int fd)
{
	struct ogc_strbuf head = {0};
	struct page p;
	bool eof = false;
	bool ok;
	size_t from;
	ssize_t n;

	memset(&p, 0, sizeof(p));
	p.c = c;
	p.name = name;
	for (;;) {
		n = read_chunk(c, name, fd);
		if (n < 0) {
			ogc_strbuf_finish(&head);
			return true;
		}
		if (n == 0) {
			eof = true;
			break;
		}
		/* "</head" may straddle two reads */
		from = head.len > 6 ? head.len - 6 : 0;
		ogc_strbuf_add(&head, c->chunk, (size_t)n);
		if (head.failed) {
			ogc_strbuf_finish(&head);
			return false;
		}
		if (head.len >= OGC_MAX_FRONT_MATTER ||
			ogc_html_head_end(head.data, head.len, from) < head.len) {
			break;
		}
	}
	ok = check_page_head(&p, head.data != NULL ? head.data : "", head.len,
		eof);
	ogc_strbuf_finish(&head);
	while (ok && p.html && !eof) {
		n = read_chunk(c, name, fd);
		eof = n <= 0;
		ogc_body_scan_feed(&p.body, c->chunk, n > 0 ? (size_t)n : 0, eof,
			misplaced_meta, &p);
	}
	return ok;
}

/*
 * The scanner for a file's front matter, read straight into its buffer:
 * the engine's, kept from file to file, but for a file read while another
 * is (a page paired with it): that one uses `local`, freed when done.
 */
static struct ogc_front *
front_take(struct ogc_engine *c, struct ogc_front *local)
{
	struct ogc_front *front = c->front_spare;

	if (front == NULL) {
		ogc_front_init(local);
		return local;
	}
	c->front_spare = NULL;
	ogc_front_reset(front);
	return front;
}

/* The most of a front matter buffer kept for the next file. */
#define FRONT_KEPT 65536

/* Gives back front_take()'s scanner; a buffer grown bigger is not kept. */
static void
front_give(struct ogc_engine *c, struct ogc_front *front,
	struct ogc_front *local)
{
	if (front == local || front->buf_cap > FRONT_KEPT) {
		ogc_front_finish(front);
	}
	if (front != local) {
		c->front_spare = front;
	}
}

/* Reads from fd until the scanner has what it needs: the head only. */
static bool
check_open_fd(struct ogc_engine *c, const char *name, int fd)
{
	struct stat st;
	struct ogc_front local;
	struct ogc_front *front;
	char *room;
	size_t size;
	ssize_t n;
	bool first;
	bool ok;

	c->suppress.count = 0;
	/* when a built page was written, for date-future */
	c->file_time = c->built && fstat(fd, &st) == 0 ?
		(long long)st.st_mtime : 0;
	if (ogc_engine_is_html(c, name)) {
		ok = check_page_fd(c, name, fd);
		ogc_engine_finish_suppressions(c, name);
		return ok;
	}
	front = front_take(c, &local);
	for (first = true;; first = false) {
		size = first ? FIRST_READ : READ_CHUNK;
		room = ogc_front_room(front, size);
		if (room == NULL) {
			break; /* no memory: check_front() tells */
		}
		n = read_some(c, name, fd, room, size);
		if (n < 0) {
			front_give(c, front, &local);
			return true;
		}
		if (n == 0) {
			ogc_front_end(front);
			break;
		}
		if (ogc_front_fed(front, (size_t)n)) {
			break;
		}
	}
	ok = check_front(c, name, front);
	front_give(c, front, &local);
	ogc_engine_finish_suppressions(c, name);
	return ok;
}

/* Starts a file: counts it, and its findings go to `report`. */
static void
begin_file(struct ogc_engine *c, struct ogc_report *report)
{
	c->report = report;
	free(c->meta);
	c->meta = NULL;
	ogc_report_add_file(report);
	use_rules(c, c->front_rules);
}

/*
 * Checks the file at `path`, or, when fd is not -1, what fd holds as if
 * it were that file (its site, rules and format all come from the path).
 */
static bool
check_file_at(struct ogc_engine *c, const char *path, int given, bool named,
	struct ogc_report *report)
{
	struct ogc_pos start = {1, 1};
	size_t first = ogc_report_count(report);
	const char *skip;
	bool ok = true;
	int fd = given;

	c->once = given >= 0;
	if (!ogc_engine_find_site(c, path, &skip)) {
		if (skip == NULL) {
			return false; /* the site's rule files: ogc_sites_failed() */
		}
		if (named) {
			begin_file(c, report);
			use_rules(c, c->base_rules);
			ogc_engine_emit_file(c, path, ogc_ruleset_find(c->rules, "not-a-page"),
				start, "not a page%s%s%s (%s): not checked; --input "
				"markdown or html checks it", c->site != NULL ?
				" of this " : "", c->site != NULL ?
				ogc_generator_name(c->site->generator) : "",
				c->site != NULL ? " site" : "", skip);
			file_done(c, path, first);
		}
		return !ogc_report_failed(report);
	}
	begin_file(c, report);
	if (fd < 0) {
		fd = open(path, O_RDONLY | O_NOCTTY);
	}
	if (fd < 0) {
		ogc_engine_emit_file(c, path, c->unreadable, start, "cannot open the file: "
			"%s", strerror(errno));
	} else {
		ok = check_open_fd(c, path, fd);
		if (given < 0) {
			close(fd);
		}
	}
	if (!named && !c->scratch) {
		ogc_engine_pair(c, path, first);
	}
	file_done(c, path, first);
	return ok && !ogc_report_failed(report);
}

bool
ogc_engine_check_file(struct ogc_engine *c, const char *path, bool named,
	struct ogc_report *report)
{
	return check_file_at(c, path, -1, named, report);
}

bool
ogc_engine_check_fd_at(struct ogc_engine *c, const char *path, int fd,
	struct ogc_report *report)
{
	return check_file_at(c, path, fd, true, report);
}

bool
ogc_engine_folder_unreadable(struct ogc_engine *c, const char *path,
	int errnum, struct ogc_report *report)
{
	struct ogc_pos start = {1, 1};
	size_t first = ogc_report_count(report);

	c->report = report;
	ogc_engine_emit_file(c, path, c->unreadable, start, "cannot read the folder: %s",
		strerror(errnum));
	/* finished like a file: streamed, and hidden by a baseline */
	file_done(c, path, first);
	return !ogc_report_failed(report);
}

bool
ogc_engine_check_fd(struct ogc_engine *c, const char *name, int fd,
	struct ogc_report *report)
{
	size_t first = ogc_report_count(report);
	bool ok;

	ogc_engine_no_site(c);
	begin_file(c, report);
	c->once = true;
	ok = check_open_fd(c, name, fd);
	file_done(c, name, first);
	return ok && !ogc_report_failed(report);
}

bool
ogc_engine_check_buffer(struct ogc_engine *c, const char *name,
	const char *data, size_t len, struct ogc_report *report)
{
	struct ogc_front front;
	size_t first = ogc_report_count(report);
	bool ok;

	ogc_engine_no_site(c);
	begin_file(c, report);
	c->once = true;
	c->suppress.count = 0;
	if (ogc_engine_is_html(c, name)) {
		ok = check_page(c, name, data, len);
	} else {
		ogc_front_init(&front);
		if (!ogc_front_feed(&front, data, len)) {
			ogc_front_end(&front);
		}
		ok = check_front(c, name, &front);
		ogc_front_finish(&front);
	}
	ogc_engine_finish_suppressions(c, name);
	file_done(c, name, first);
	return ok && !ogc_report_failed(report);
}

struct ogc_net_queue *
ogc_engine_take_queue(struct ogc_engine *engine)
{
	struct ogc_net_queue *q = engine->queue;

	engine->queue = NULL;
	return q;
}

const struct ogc_xp_index *
ogc_engine_index(const struct ogc_engine *engine)
{
	return engine->xp;
}

struct ogc_xp_index *
ogc_engine_take_index(struct ogc_engine *engine)
{
	struct ogc_xp_index *index = engine->xp;

	engine->xp = NULL;
	return index;
}

bool
ogc_engine_give_index(struct ogc_engine *engine, struct ogc_xp_index *from)
{
	if (from == NULL) {
		return true;
	}
	if (engine->xp == NULL && (engine->xp = ogc_xp_index_create()) == NULL) {
		return false;
	}
	return ogc_xp_index_merge(engine->xp, from);
}

bool
ogc_engine_give_queue(struct ogc_engine *engine, struct ogc_net_queue **from)
{
	return ogc_net_queue_merge(&engine->queue, from);
}
