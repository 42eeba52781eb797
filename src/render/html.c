/* html.c: --format html: one self-contained page people read. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render/html.h"
#include "render/render.h"
#include "render/tally.h"
#include "util/util.h"

/*
 * The page asks for nothing: its Content-Security-Policy allows inline
 * style and script only (and remote images with --report-images link),
 * so opening it from disk makes no request. Every string from content
 * (file names, values, messages) is escaped. It reads with JavaScript
 * off; the script only filters. Its size grows with the findings: a page
 * without findings is a name in a list.
 */

/* The worst pages listed in the overview. */
#define WORST 10

void
ogc_html_escape(FILE *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			putc(s[i], out);
		}
	}
}

void
ogc_html_text(FILE *out, const char *s)
{
	ogc_html_escape(out, s, strlen(s));
}

static const char css[] =
	"body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Arial,"
	"\"Liberation Sans\",sans-serif;margin:0 auto;max-width:1200px;"
	"padding:0 16px 48px;color:#1f2328}\n"
	"h1{font-size:24px;margin:16px 0 4px}h2{font-size:19px;margin:28px 0 8px}"
	"h3{font-size:16px;margin:18px 0 6px}\n"
	"table{border-collapse:collapse;margin:4px 0}td,th{padding:3px 8px;"
	"border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"table{display:block;max-width:100%;overflow-x:auto}\n"
	".tot{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0}"
	".tot div{border:1px solid #d0d7de;border-radius:6px;padding:6px 14px}"
	".tot b{display:block;font-size:22px}\n"
	".error{color:#cf222e}.warning{color:#9a6700}.info{color:#0969da}\n"
	".set{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px}"
	".set dt{color:#57606a}.set dd{margin:0;overflow-wrap:anywhere}\n"
	".page{border-top:2px solid #d0d7de;margin-top:24px;"
	"content-visibility:auto;contain-intrinsic-size:auto 260px}"
	".page h2{overflow-wrap:anywhere}\n"
	".fd td:nth-child(4){overflow-wrap:anywhere}"
	".fd .ex{color:#57606a;font-size:13px}\n"
	".clean{columns:18em;font-size:13px;padding:0;list-style:none}"
	".clean li{overflow-wrap:anywhere}\n"
	"#filters{position:sticky;top:0;background:#f6f8fa;padding:8px;"
	"border:1px solid #d0d7de;display:flex;gap:12px;flex-wrap:wrap}\n"
	"[hidden]{display:none!important}\n"
	"code{font-size:90%}.note{color:#57606a;font-size:13px}\n"
	"@media (max-width:600px){.fd td:nth-child(5){display:none}}\n";

/*
 * Filters by severity, rule and folder; the overview's tables set them.
 * Pages and finding rows carry data-s (severity), data-r (rule) and, for
 * pages, data-f (folder). Without script, every finding is shown.
 */
static const char script[] =
	"(function(){\n"
	"var pages=[].slice.call(document.querySelectorAll('.page'));\n"
	"var bar=document.getElementById('filters');bar.hidden=false;\n"
	"var sel={s:bar.querySelector('[name=s]'),r:bar.querySelector('[name=r]'),"
	"f:bar.querySelector('[name=f]')};\n"
	"var shown=document.getElementById('shown');\n"
	"function apply(){var s=sel.s.value,r=sel.r.value,f=sel.f.value,n=0;\n"
	"pages.forEach(function(p){var any=false;\n"
	"if(f&&p.getAttribute('data-f')!==f){p.hidden=true;return;}\n"
	"p.querySelectorAll('tr[data-r]').forEach(function(t){\n"
	"var ok=(!s||t.getAttribute('data-s')===s)&&"
	"(!r||t.getAttribute('data-r')===r);t.hidden=!ok;any=any||ok;});\n"
	"p.hidden=!any;if(any)n++;});\n"
	"shown.textContent=n+' of '+pages.length+' pages shown';}\n"
	"function opt(k,v){var o=[].slice.call(sel[k].options).some("
	"function(x){return x.value===v;});if(!o){var e=document.createElement("
	"'option');e.value=e.textContent=v;sel[k].appendChild(e);}}\n"
	"document.querySelectorAll('[data-fr],[data-ff],[data-fs]').forEach("
	"function(a){var k=a.hasAttribute('data-fr')?'r':a.hasAttribute('data-ff')"
	"?'f':'s';var v=a.getAttribute('data-f'+k);opt(k,v);\n"
	"a.addEventListener('click',function(){sel[k].value=v;apply();});});\n"
	"['s','r','f'].forEach(function(k){sel[k].addEventListener('change',"
	"apply);});\n"
	"document.getElementById('reset').addEventListener('click',function(){"
	"sel.s.value=sel.r.value=sel.f.value='';apply();});\n"
	"apply();})();\n";

/* One file with findings: its run of the sorted findings, and counts. */
struct page {
	const char *file;
	size_t first; /* index of its first finding in the report */
	size_t end;
	size_t counts[4]; /* by severity */
	size_t index;     /* in file order, for its anchor */
};

/* Files with shown findings, in the report's (file) order. */
static struct page *
collect_pages(const struct ogc_report *report, size_t *count)
{
	const struct ogc_diag *d;
	struct page *pages;
	size_t n = 0;
	size_t i;

	pages = calloc(ogc_report_count(report) + 1, sizeof(*pages));
	if (pages == NULL) {
		return NULL;
	}
	for (i = 0; (d = ogc_report_get(report, i)) != NULL; i++) {
		if (!ogc_diag_shown(d)) {
			continue;
		}
		if (n == 0 || strcmp(pages[n - 1].file, d->file) != 0) {
			pages[n].file = d->file;
			pages[n].first = i;
			pages[n].index = n;
			n++;
		}
		pages[n - 1].end = i + 1;
		pages[n - 1].counts[d->severity]++;
	}
	*count = n;
	return pages;
}

/* The most errors first, then warnings, then infos, then by name. */
static int
compare_worst(const void *a, const void *b)
{
	const struct page *x = a;
	const struct page *y = b;
	int s;

	for (s = OGC_SEV_ERROR; s > OGC_SEV_OFF; s--) {
		if (x->counts[s] != y->counts[s]) {
			return x->counts[s] > y->counts[s] ? -1 : 1;
		}
	}
	return x->index < y->index ? -1 : x->index > y->index;
}

static void
put_counts(FILE *out, const size_t *counts)
{
	bool first = true;
	int s;

	for (s = OGC_SEV_ERROR; s > OGC_SEV_OFF; s--) {
		if (counts[s] == 0) {
			continue;
		}
		fprintf(out, "%s<span class=\"%s\">%zu %s%s</span>", first ? "" :
			", ", ogc_severity_name((enum ogc_severity)s), counts[s],
			ogc_severity_name((enum ogc_severity)s), counts[s] == 1 ? "" :
			"s");
		first = false;
	}
}

static void
put_setting(FILE *out, const char *name, const char *value)
{
	if (value == NULL || value[0] == '\0') {
		return;
	}
	fprintf(out, "<dt>%s</dt><dd>", name);
	ogc_html_text(out, value);
	fputs("</dd>", out);
}

static void
put_list_setting(FILE *out, const char *name, const char *const *items,
	size_t count)
{
	size_t i;

	if (count == 0) {
		return;
	}
	fprintf(out, "<dt>%s</dt><dd>", name);
	for (i = 0; i < count; i++) {
		fputs(i > 0 ? ", " : "", out);
		ogc_html_text(out, items[i]);
	}
	fputs("</dd>", out);
}

static void
put_settings(FILE *out, const struct ogc_report *report,
	const struct ogc_run_info *run, const char *date)
{
	static const char *const image_modes[] = {"none (placeholders)",
		"link (the browser fetches them from their hosts)",
		"embed (images read in full, inlined)"};
	size_t bytes = 0;
	size_t images = ogc_report_image_count(report, &bytes);

	fputs("<h3>Settings</h3><dl class=\"set\">", out);
	fprintf(out, "<dt>ogcheck</dt><dd>%s</dd><dt>run on</dt><dd>%s</dd>",
		ogc_version(), date);
	if (run != NULL) {
		put_setting(out, "generator", run->generator);
		put_setting(out, "preset", run->preset);
		put_list_setting(out, "profiles", run->profiles,
			run->profile_count);
		put_list_setting(out, "rule files", run->rule_files,
			run->rule_file_count);
		put_setting(out, "base URL", run->base_url);
		put_setting(out, "fail on", run->fail_on);
		put_setting(out, "network", run->offline ? "off (--offline): "
			"image sizes not fetched" : "on");
		put_setting(out, "report images", image_modes[run->images]);
	}
	if (images > 0) {
		fprintf(out, "<dt>images inlined</dt><dd>%zu, %zu KB</dd>", images,
			(bytes + 512) / 1024);
	}
	fputs("</dl>\n", out);
}

/* The tables of findings by rule and by folder; false when out of memory. */
static bool
put_stats(FILE *out, const struct ogc_report *report,
	const struct ogc_ruleset *rules)
{
	const struct ogc_rule *rule;
	struct ogc_tally *st;
	size_t count;
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		if (!ogc_tally_findings(report, OGC_SEV_OFF, pass == 0 ?
			OGC_TALLY_RULE : OGC_TALLY_FOLDER, &st, &count)) {
			return false;
		}
		if (count == 0) {
			free(st);
			return true;
		}
		fprintf(out, "<h3>Findings by %s</h3><table id=\"by-%s\"><tr>"
			"<th>%s</th>%s<th>findings</th>%s</tr>\n", pass == 0 ? "rule" :
			"folder", pass == 0 ? "rule" : "folder", pass == 0 ? "rule" :
			"folder", pass == 0 ? "<th>severity</th>" : "", pass == 0 ?
			"<th>what it checks</th>" : "");
		for (i = 0; i < count; i++) {
			fprintf(out, "<tr><td><a href=\"#pages\" data-f%s=\"",
				pass == 0 ? "r" : "f");
			ogc_html_escape(out, st[i].key, st[i].len);
			fputs("\">", out);
			if (st[i].len == 0) {
				fputs("./", out);
			}
			ogc_html_escape(out, st[i].key, st[i].len);
			fputs("</a></td>", out);
			if (pass == 0) {
				fprintf(out, "<td class=\"%s\">%s</td>",
					ogc_severity_name(st[i].severity),
					ogc_severity_name(st[i].severity));
			}
			fprintf(out, "<td class=\"n\">%zu</td>", st[i].count);
			if (pass == 0) {
				rule = rules != NULL ? ogc_ruleset_find(rules,
					st[i].key) : NULL;
				fputs("<td>", out);
				if (rule != NULL && rule->description != NULL) {
					ogc_html_text(out, rule->description);
				}
				fputs("</td>", out);
			}
			fputs("</tr>\n", out);
		}
		fputs("</table>\n", out);
		free(st);
	}
	return true;
}

static void
put_worst(FILE *out, const struct page *pages, size_t count)
{
	struct page *worst = malloc((count > 0 ? count : 1) * sizeof(*worst));
	size_t i;

	if (worst == NULL || count == 0) {
		free(worst);
		return;
	}
	memcpy(worst, pages, count * sizeof(*worst));
	qsort(worst, count, sizeof(*worst), compare_worst);
	fprintf(out, "<h3>Worst pages</h3><ol id=\"worst\">\n");
	for (i = 0; i < count && i < WORST; i++) {
		fprintf(out, "<li><a href=\"#p%zu\">", worst[i].index);
		ogc_html_text(out, worst[i].file);
		fputs("</a>: ", out);
		put_counts(out, worst[i].counts);
		fputs("</li>\n", out);
	}
	fputs("</ol>\n", out);
	free(worst);
}

static void
put_finding(FILE *out, const struct ogc_diag *d)
{
	const char *sev = ogc_severity_name(d->severity);

	fprintf(out, "<tr data-s=\"%s\" data-r=\"", sev);
	ogc_html_text(out, d->rule);
	fprintf(out, "\"><td>%u:%u</td><td class=\"%s\">%s</td><td>",
		d->pos.line, d->pos.column, sev, sev);
	ogc_html_text(out, d->rule);
	fputs("</td><td>", out);
	ogc_html_text(out, d->message);
	fputs("</td><td class=\"ex\">", out);
	if (d->expected != NULL) {
		fputs("expected: ", out);
		ogc_html_text(out, d->expected);
	}
	fputs("</td></tr>\n", out);
}

static bool
put_page(FILE *out, const struct ogc_report *report, const struct page *p,
	size_t common, enum ogc_report_images images, size_t *records,
	struct ogc_strbuf *data)
{
	const struct ogc_page_meta *meta;
	const struct ogc_diag *d;
	size_t i;
	bool ok;

	fprintf(out, "<article class=\"page\" id=\"p%zu\" data-f=\"",
		p->index);
	ogc_html_escape(out, p->file, ogc_tally_folder(p->file, common));
	fputs("\"><h2>", out);
	ogc_html_text(out, p->file);
	fputs("</h2><p>", out);
	put_counts(out, p->counts);
	fputs("</p><table class=\"fd\"><tr><th>line</th><th>severity</th>"
		"<th>rule</th><th>finding</th><th>fix</th></tr>\n", out);
	for (i = p->first; i < p->end; i++) {
		d = ogc_report_get(report, i);
		if (ogc_diag_shown(d)) {
			put_finding(out, d);
		}
	}
	fputs("</table>\n", out);
	meta = ogc_report_find_page(report, p->file);
	ok = meta == NULL || ogc_html_previews(out, meta, images, (*records)++,
		data);
	fputs("</article>\n", out);
	return ok;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A file of pages (sorted by file) has findings. */
static bool
has_findings(const struct page *pages, size_t count, const char *file)
{
	size_t lo = 0;
	size_t hi = count;
	size_t mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(pages[mid].file, file);
		if (c == 0) {
			return true;
		}
		if (c < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return false;
}

/* The names of pages without findings, sorted, in a compact list. */
static bool
put_clean(FILE *out, const struct ogc_report *report,
	const struct page *pages, size_t count)
{
	const char **names;
	const char *prev = NULL;
	const char *at;
	size_t len;
	size_t n = 0;
	size_t shown = 0;
	size_t i;

	at = ogc_report_clean(report, &len);
	for (i = 0; i < len; i++) {
		n += at[i] == '\0';
	}
	names = calloc(n + 1, sizeof(*names));
	if (names == NULL) {
		return false;
	}
	for (i = 0; i < n; i++) {
		names[i] = at;
		at += strlen(at) + 1;
	}
	qsort(names, n, sizeof(*names), compare_names);
	/*
	 * A page is listed once, and not at all when the network stage gave
	 * it findings after its check had called it clean; `prev` is the name
	 * before it, which may already be struck out.
	 */
	for (i = 0; i < n; i++) {
		at = names[i];
		if ((prev != NULL && strcmp(at, prev) == 0) ||
			has_findings(pages, count, at)) {
			names[i] = NULL;
		} else {
			shown++;
		}
		prev = at;
	}
	fprintf(out, "<h2 id=\"clean\">Pages without findings (%zu)</h2>\n",
		shown);
	if (shown > 0) {
		fputs("<details><summary>their names</summary><ul class=\"clean\">",
			out);
		for (i = 0; i < n; i++) {
			if (names[i] != NULL) {
				fputs("<li>", out);
				ogc_html_text(out, names[i]);
				fputs("</li>", out);
			}
		}
		fputs("</ul></details>\n", out);
	}
	free(names);
	return true;
}

/* The run's date as "YYYY-MM-DD HH:MM UTC". */
static void
run_date(const struct ogc_run_info *run, char *buf, size_t size)
{
	time_t t = run != NULL ? (time_t)run->date : time(NULL);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
		strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm) == 0) {
		snprintf(buf, size, "(unknown)");
	}
}

/*
 * The images of --report-images embed, a JSON array of data: URIs that
 * the previews' image slots name by number ("e"); base64 holds nothing a
 * <script> element or JSON would read as markup or an escape.
 */
static void
put_embedded(FILE *out, const struct ogc_report *report)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		"abcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *d;
	const char *type;
	unsigned long v;
	size_t len;
	size_t id;
	size_t i;

	fputs("<script type=\"application/json\" id=\"pv-img\">[", out);
	for (id = 1; (d = ogc_report_image(report, id, &len, &type)) != NULL;
		id++) {
		fprintf(out, "%s\"data:%s;base64,", id > 1 ? ",\n" : "", type);
		for (i = 0; i < len; i += 3) {
			v = (unsigned long)d[i] << 16;
			v |= i + 1 < len ? (unsigned long)d[i + 1] << 8 : 0;
			v |= i + 2 < len ? d[i + 2] : 0;
			putc(digits[v >> 18 & 63], out);
			putc(digits[v >> 12 & 63], out);
			putc(i + 1 < len ? digits[v >> 6 & 63] : '=', out);
			putc(i + 2 < len ? digits[v & 63] : '=', out);
		}
		putc('"', out);
	}
	fputs("]</script>\n", out);
}

static void
put_head(FILE *out, enum ogc_report_images images)
{
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
		"<meta charset=\"utf-8\">\n<meta http-equiv="
		"\"Content-Security-Policy\" content=\"default-src 'none'; "
		"style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
		"img-src data:%s\">\n<meta name=\"viewport\" content=\""
		"width=device-width, initial-scale=1\">\n"
		"<meta name=\"referrer\" content=\"no-referrer\">\n"
		"<title>ogcheck report</title>\n<style>\n%s%s</style></head>\n"
		"<body>\n", images == OGC_REPORT_IMAGES_LINK ? " http: https:" :
		"", css, ogc_html_preview_css);
}

static void
put_filters(FILE *out)
{
	fputs("<form id=\"filters\" hidden onsubmit=\"return false\">"
		"<label>severity <select name=\"s\"><option value=\"\">all</option>"
		"<option>error</option><option>warning</option><option>info"
		"</option></select></label> <label>rule <select name=\"r\">"
		"<option value=\"\">all</option></select></label> <label>folder "
		"<select name=\"f\"><option value=\"\">all</option></select>"
		"</label> <button type=\"button\" id=\"reset\">show all</button> "
		"<span id=\"shown\"></span></form>\n", out);
}

bool
ogc_report_write_html(const struct ogc_report *report,
	const struct ogc_ruleset *rules, FILE *out, struct ogc_error *err)
{
	const struct ogc_run_info *run = ogc_report_run(report);
	enum ogc_report_images images = run != NULL ? run->images :
		OGC_REPORT_IMAGES_NONE;
	struct ogc_pos none = {0, 0};
	struct ogc_strbuf data = {NULL, 0, 0, false};
	struct ogc_summary sum;
	size_t records = 0;
	struct page *pages;
	size_t count = 0;
	size_t common;
	size_t i;
	char date[64];
	bool ok;

	ogc_report_summary(report, &sum);
	run_date(run, date, sizeof(date));
	pages = collect_pages(report, &count);
	if (pages == NULL) {
		return ogc_error_nomem(err);
	}
	common = ogc_tally_common_folder(report, OGC_SEV_OFF);
	put_head(out, images);
	fprintf(out, "<h1>ogcheck report</h1>\n<p class=\"note\">Run on %s. "
		"Share previews are approximations as of %s (see "
		"docs/previews.md).</p>\n<section id=\"overview\"><h2>Overview"
		"</h2><div class=\"tot\"><div><b id=\"n-files\">%zu</b>pages "
		"checked</div><div><b id=\"n-pages\">%zu</b>with findings</div>"
		"<div class=\"error\"><b id=\"n-errors\">%zu</b>errors</div>"
		"<div class=\"warning\"><b id=\"n-warnings\">%zu</b>warnings</div>"
		"<div class=\"info\"><b id=\"n-infos\">%zu</b>infos</div>", date,
		OGC_PREVIEW_FACTS_DATE, sum.files, count, sum.errors,
		sum.warnings, sum.infos);
	if (sum.skipped > 0) {
		fprintf(out, "<div><b id=\"n-skipped\">%zu</b>network checks "
			"skipped</div>", sum.skipped);
	}
	if (sum.baseline) {
		fprintf(out, "<div><b>%zu</b>known from the baseline</div>",
			sum.baselined);
	}
	fputs("</div>\n", out);
	ok = put_stats(out, report, rules);
	put_worst(out, pages, count);
	put_settings(out, report, run, date);
	fputs("</section>\n<section id=\"pages\"><h2>Pages with findings</h2>\n",
		out);
	put_filters(out);
	for (i = 0; ok && i < count; i++) {
		ok = put_page(out, report, &pages[i], common, images, &records,
			&data);
	}
	fputs("</section>\n", out);
	ok = ok && put_clean(out, report, pages, count);
	fprintf(out, "<script type=\"application/json\" id=\"pv-data\">[%s]"
		"</script>\n", data.data != NULL ? data.data : "");
	if (images == OGC_REPORT_IMAGES_EMBED) {
		put_embedded(out, report);
	}
	fprintf(out, "<script>\n%s%s</script>\n</body></html>\n", script,
		ogc_html_preview_script);
	ogc_strbuf_finish(&data);
	free(pages);
	if (!ok) {
		return ogc_error_nomem(err);
	}
	if (fflush(out) != 0 || ferror(out)) {
		ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot write the "
			"report: %s", strerror(errno));
		return false;
	}
	return true;
}
