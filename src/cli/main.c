/* main.c: the ogcheck command: options in, exit status out. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ogcheck.h"

/* At most this many --format options in one run. */
#define MAX_REPORTS 8

/* One report: a format and where it goes (NULL: standard output). */
struct report_out {
	enum ogc_format format;
	const char *path;
};

#define MAX_PROFILES 16

struct cli {
	const char **rule_files;
	size_t rule_file_count;
	const char *profiles[MAX_PROFILES]; /* --profile, in order */
	size_t profile_count;
	const char *preset;                 /* --preset; NULL: detect */
	struct report_out reports[MAX_REPORTS];
	size_t report_count;
	enum ogc_severity fail_on; /* OGC_SEV_OFF for --fail-on never */
	struct ogc_options options;
	bool list_rules;
	int json_schema;            /* --json-schema: 1 or 2 */
	const char *changed_since;  /* --changed-since REV */
	const char *baseline;       /* --baseline FILE */
	const char *write_baseline; /* --write-baseline FILE */
};

static const char usage_text[] =
	"Usage: ogcheck [OPTIONS] [PATH...]\n"
	"\n"
	"Checks the Open Graph and page metadata in the front matter of content\n"
	"files. PATH is a file or a folder (walked for *.md, *.markdown, *.mdx,\n"
	"*.html, *.htm; .git, node_modules and hidden folders skipped); the\n"
	"default is the current folder; - reads one document from standard input.\n"
	"\n"
	"Options:\n"
	"  --rules FILE          a rule file, merged over the built-in rules\n"
	"                        (repeatable); default: .ogcheck.yaml in this\n"
	"                        folder or the nearest parent\n"
	"  --profile NAME        add a platform's rules: ogp, facebook, x,\n"
	"                        linkedin or seo (repeatable)\n"
	"  --preset NAME         read a site generator's fields: hugo, jekyll,\n"
	"                        eleventy, astro, or none (default: found from\n"
	"                        the generator's config file in this folder)\n"
	"  --format FORMAT       text (default), json, jsonl, sarif, github or\n"
	"                        codeclimate; repeatable, each with its --output\n"
	"  --json-schema 1|2     json schema 2 adds fingerprint, end_line,\n"
	"                        end_column and expected (default: 1)\n"
	"  --output FILE         write the report of the --format before it to\n"
	"                        FILE; text still goes to the terminal\n"
	"  --input auto|markdown|html\n"
	"                        how content is read (default auto: *.html and\n"
	"                        *.htm as HTML, the rest and - as front matter)\n"
	"  --offline             no network access; network rules are skipped\n"
	"  --jobs N              URL requests at a time (default: 32)\n"
	"  --jobs-per-host N     requests at a time to one host (default: 8)\n"
	"  --timeout SECONDS     per request (default: 10)\n"
	"  --max-redirects N     redirects followed per URL (default: 5)\n"
	"  --retries N           retries after 429, 503 or a dropped\n"
	"                        connection (default: 2)\n"
	"  --cacert FILE         CA certificates (PEM) to trust for https\n"
	"  --insecure            do not verify https certificates (warns)\n"
	"  --no-private-addresses\n"
	"                        refuse to connect to loopback, private and\n"
	"                        link-local addresses (checked after DNS)\n"
	"  --cache FILE          keep URL results in FILE between runs\n"
	"  --cache-max-age AGE   how long a cached result holds: seconds, or\n"
	"                        with s, m, h or d (default: 1d)\n"
	"  --fail-on LEVEL       error, warning, info or never: the lowest\n"
	"                        severity that makes the exit status 1\n"
	"                        (default: error)\n"
	"  --base-url URL        the site's base URL, for relative canonical URLs\n"
	"  --changed-since REV   check only the content files that git diff REV\n"
	"                        shows changed (within PATH...)\n"
	"  --shard K/N           check only shard K of N (a split by path hash),\n"
	"                        for N parallel CI jobs over one site\n"
	"  --threads N           threads checking a folder's files (default: one\n"
	"                        per CPU; 1 checks on the main thread only)\n"
	"  --baseline FILE       hide the findings recorded in FILE: only new\n"
	"                        ones are reported and fail the run\n"
	"  --write-baseline FILE record every finding of this run in FILE\n"
	"  --list-rules          list the rules in force and exit\n"
	"  --version             print the version and exit\n"
	"  --help                print this help and exit\n"
	"\n"
	"Exit status: 0 no finding at or above --fail-on, 1 findings at or\n"
	"above it, 2 the run could not be done (bad option, bad rule file,\n"
	"a path that does not exist).\n";

/* Prints "ogcheck: NAME" with the name escaped as reports show it. */
static void
print_name(const char *name)
{
	size_t n = ogc_escape_name(name, NULL);
	char *shown = malloc(n + 1);

	fputs("ogcheck: ", stderr);
	if (shown == NULL) {
		fputs("(a file name)", stderr);
		return;
	}
	ogc_escape_name(name, shown);
	shown[n] = '\0';
	fputs(shown, stderr);
	free(shown);
}

static void
print_error(const struct ogc_error *err)
{
	if (err->file == NULL) {
		fprintf(stderr, "ogcheck: %s\n", err->msg);
		return;
	}
	print_name(err->file);
	if (err->pos.line > 0) {
		fprintf(stderr, ":%u:%u", err->pos.line, err->pos.column);
	}
	fprintf(stderr, ": %s\n", err->msg);
}

static int
usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "ogcheck: %s%s%s\nTry 'ogcheck --help'.\n", msg,
		arg != NULL ? ": " : "", arg != NULL ? arg : "");
	return 2;
}

enum {
	OPT_RULES = 256,
	OPT_FORMAT,
	OPT_OFFLINE,
	OPT_FAIL_ON,
	OPT_BASE_URL,
	OPT_THREADS,
	OPT_SHARD,
	OPT_CHANGED_SINCE,
	OPT_INPUT,
	OPT_OUTPUT,
	OPT_BASELINE,
	OPT_JSON_SCHEMA,
	OPT_WRITE_BASELINE,
	OPT_JOBS,
	OPT_JOBS_PER_HOST,
	OPT_TIMEOUT,
	OPT_MAX_REDIRECTS,
	OPT_RETRIES,
	OPT_CACERT,
	OPT_PROFILE,
	OPT_PRESET,
	OPT_INSECURE,
	OPT_NO_PRIVATE_ADDRESSES,
	OPT_CACHE,
	OPT_CACHE_MAX_AGE,
	OPT_LIST_RULES,
	OPT_VERSION,
	OPT_HELP,
};

/* A whole number in [min, max]. */
static bool
parse_count(const char *s, unsigned long min, unsigned long max,
	unsigned *out)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-' || n < min ||
		n > max) {
		return false;
	}
	*out = (unsigned)n;
	return true;
}

/* "2.5" seconds -> 2500 ms; more than 0, at most an hour. */
static bool
parse_seconds(const char *s, unsigned *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= 0.001) ||
		v > 3600) {
		return false;
	}
	*ms = (unsigned)(v * 1000 + 0.5);
	return true;
}

/* "90", "90s", "30m", "12h", "7d" -> seconds. */
static bool
parse_age(const char *s, long long *out)
{
	char *end;
	unsigned long long n;
	long long unit = 1;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0 || end == s || s[0] == '-' || n > 100000000ull) {
		return false;
	}
	if (*end == 'm') {
		unit = 60;
	} else if (*end == 'h') {
		unit = 3600;
	} else if (*end == 'd') {
		unit = 86400;
	} else if (*end != 's' && *end != '\0') {
		return false;
	}
	if (*end != '\0' && end[1] != '\0') {
		return false;
	}
	*out = (long long)n * unit;
	return true;
}

/*
 * Settles the reports: text on standard output when none was asked for,
 * or when every one goes to a file (the log still shows the findings); at
 * most one on standard output. Returns -1 to go on, or 2.
 */
static int
finish_reports(struct cli *cli)
{
	size_t to_stdout = 0;
	size_t i;

	for (i = 0; i < cli->report_count; i++) {
		to_stdout += cli->reports[i].path == NULL;
		if (cli->json_schema == 2 &&
			cli->reports[i].format == OGC_FORMAT_JSON) {
			cli->reports[i].format = OGC_FORMAT_JSON_V2;
		}
	}
	if (to_stdout > 1) {
		return usage_error("only one --format can write to standard "
			"output; give the others an --output", NULL);
	}
	if (to_stdout == 0) {
		cli->reports[cli->report_count].format = OGC_FORMAT_TEXT;
		cli->reports[cli->report_count].path = NULL;
		cli->report_count++;
	}
	return -1;
}

/* "2/5" -> shard 2 of 5. */
static bool
parse_shard(const char *s, struct ogc_options *options)
{
	char *end;
	unsigned long k;
	unsigned long n;

	errno = 0;
	k = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '/' || s[0] == '-') {
		return false;
	}
	s = end + 1;
	n = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-' || k < 1 ||
		n < 1 || k > n || n > 100000) {
		return false;
	}
	options->shard = (unsigned)k;
	options->shards = (unsigned)n;
	return true;
}

/* Returns -1 to go on, or the exit status to stop with. */
static int
parse_args(int argc, char **argv, struct cli *cli)
{
	/* alphasorted */
	static const struct option longopts[] = {
		{"base-url", required_argument, NULL, OPT_BASE_URL},
		{"baseline", required_argument, NULL, OPT_BASELINE},
		{"cacert", required_argument, NULL, OPT_CACERT},
		{"cache", required_argument, NULL, OPT_CACHE},
		{"cache-max-age", required_argument, NULL, OPT_CACHE_MAX_AGE},
		{"changed-since", required_argument, NULL, OPT_CHANGED_SINCE},
		{"fail-on", required_argument, NULL, OPT_FAIL_ON},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"help", no_argument, NULL, OPT_HELP},
		{"input", required_argument, NULL, OPT_INPUT},
		{"insecure", no_argument, NULL, OPT_INSECURE},
		{"jobs", required_argument, NULL, OPT_JOBS},
		{"jobs-per-host", required_argument, NULL, OPT_JOBS_PER_HOST},
		{"json-schema", required_argument, NULL, OPT_JSON_SCHEMA},
		{"list-rules", no_argument, NULL, OPT_LIST_RULES},
		{"max-redirects", required_argument, NULL, OPT_MAX_REDIRECTS},
		{"no-private-addresses", no_argument, NULL,
			OPT_NO_PRIVATE_ADDRESSES},
		{"offline", no_argument, NULL, OPT_OFFLINE},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"preset", required_argument, NULL, OPT_PRESET},
		{"profile", required_argument, NULL, OPT_PROFILE},
		{"retries", required_argument, NULL, OPT_RETRIES},
		{"rules", required_argument, NULL, OPT_RULES},
		{"shard", required_argument, NULL, OPT_SHARD},
		{"threads", required_argument, NULL, OPT_THREADS},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"version", no_argument, NULL, OPT_VERSION},
		{"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
		{NULL, 0, NULL, 0},
	};
	int opt;

	opterr = 0;
	for (;;) {
		opt = getopt_long(argc, argv, "+", longopts, NULL);
		if (opt == -1) {
			break;
		}
		switch (opt) {
		case OPT_RULES:
			cli->rule_files[cli->rule_file_count++] = optarg;
			break;
		case OPT_FORMAT:
			if (cli->report_count == MAX_REPORTS) {
				return usage_error("too many --format options", optarg);
			}
			if (!ogc_format_parse(optarg,
				&cli->reports[cli->report_count].format)) {
				return usage_error("--format takes text, json, jsonl, "
					"sarif, github or codeclimate", optarg);
			}
			cli->reports[cli->report_count++].path = NULL;
			break;
		case OPT_OUTPUT:
			if (cli->report_count == 0 ||
				cli->reports[cli->report_count - 1].path != NULL) {
				return usage_error("--output goes after the --format "
					"it is for", optarg);
			}
			cli->reports[cli->report_count - 1].path = optarg;
			break;
		case OPT_INPUT:
			if (strcmp(optarg, "auto") == 0) {
				cli->options.input = OGC_INPUT_AUTO;
			} else if (strcmp(optarg, "markdown") == 0) {
				cli->options.input = OGC_INPUT_MARKDOWN;
			} else if (strcmp(optarg, "html") == 0) {
				cli->options.input = OGC_INPUT_HTML;
			} else {
				return usage_error("--input takes auto, markdown or "
					"html", optarg);
			}
			break;
		case OPT_OFFLINE:
			cli->options.offline = true;
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "never") == 0) {
				cli->fail_on = OGC_SEV_OFF;
			} else if (!ogc_severity_parse(optarg, &cli->fail_on) ||
				cli->fail_on == OGC_SEV_OFF) {
				return usage_error("--fail-on takes error, warning, "
					"info or never", optarg);
			}
			break;
		case OPT_BASE_URL:
			cli->options.base_url = optarg;
			break;
		case OPT_CHANGED_SINCE:
			cli->changed_since = optarg;
			break;
		case OPT_SHARD:
			if (!parse_shard(optarg, &cli->options)) {
				return usage_error("--shard takes K/N with 1 <= K <= N",
					optarg);
			}
			break;
		case OPT_THREADS:
			if (!parse_count(optarg, 1, 256, &cli->options.threads)) {
				return usage_error("--threads takes a number from 1 "
					"to 256", optarg);
			}
			break;
		case OPT_JOBS:
			if (!parse_count(optarg, 1, 1024, &cli->options.jobs)) {
				return usage_error("--jobs takes a number from 1 to "
					"1024", optarg);
			}
			break;
		case OPT_JOBS_PER_HOST:
			if (!parse_count(optarg, 1, 1024,
				&cli->options.jobs_per_host)) {
				return usage_error("--jobs-per-host takes a number "
					"from 1 to 1024", optarg);
			}
			break;
		case OPT_TIMEOUT:
			if (!parse_seconds(optarg, &cli->options.timeout_ms)) {
				return usage_error("--timeout takes seconds, more "
					"than 0 and at most 3600", optarg);
			}
			break;
		case OPT_MAX_REDIRECTS:
			if (!parse_count(optarg, 0, 50,
				&cli->options.max_redirects)) {
				return usage_error("--max-redirects takes a number "
					"from 0 to 50", optarg);
			}
			break;
		case OPT_RETRIES:
			if (!parse_count(optarg, 0, 10, &cli->options.retries)) {
				return usage_error("--retries takes a number from 0 "
					"to 10", optarg);
			}
			break;
		case OPT_CACERT:
			if (access(optarg, R_OK) != 0) {
				return usage_error("--cacert: cannot read the file",
					optarg);
			}
			cli->options.cacert = optarg;
			break;
		case OPT_PROFILE:
			if (cli->profile_count == MAX_PROFILES) {
				return usage_error("too many --profile options",
					optarg);
			}
			cli->profiles[cli->profile_count++] = optarg;
			break;
		case OPT_PRESET:
			cli->preset = optarg;
			break;
		case OPT_INSECURE:
			cli->options.insecure = true;
			break;
		case OPT_NO_PRIVATE_ADDRESSES:
			cli->options.no_private_addresses = true;
			break;
		case OPT_CACHE:
			cli->options.cache = optarg;
			break;
		case OPT_CACHE_MAX_AGE:
			if (!parse_age(optarg, &cli->options.cache_max_age)) {
				return usage_error("--cache-max-age takes seconds, or "
					"a number with s, m, h or d", optarg);
			}
			break;
		case OPT_JSON_SCHEMA:
			if (strcmp(optarg, "1") != 0 && strcmp(optarg, "2") != 0) {
				return usage_error("--json-schema takes 1 or 2",
					optarg);
			}
			cli->json_schema = optarg[0] - '0';
			break;
		case OPT_BASELINE:
			cli->baseline = optarg;
			break;
		case OPT_WRITE_BASELINE:
			cli->write_baseline = optarg;
			break;
		case OPT_LIST_RULES:
			cli->list_rules = true;
			break;
		case OPT_VERSION:
			printf("ogcheck %s\n", ogc_version());
			return 0;
		case OPT_HELP:
			fputs(usage_text, stdout);
			return 0;
		default:
			if (optopt != 0) {
				return usage_error("this option needs a value",
					argv[optind - 1]);
			}
			return usage_error("unknown option", argv[optind - 1]);
		}
	}
	return finish_reports(cli);
}

/*
 * The built-in rules, the preset (--preset, or the one of the site
 * generator whose config file is here), the --profile rules, then --rules
 * files or the discovered .ogcheck.yaml, each over the ones before.
 */
static bool
load_rules(const struct cli *cli, struct ogc_ruleset *rules,
	char **found, struct ogc_error *err)
{
	const char *preset = cli->preset;
	const char *config;
	size_t i;

	if (!ogc_ruleset_load_builtin(rules, err)) {
		return false;
	}
	if (preset == NULL) {
		preset = ogc_preset_detect(".", &config);
	}
	if (preset != NULL && strcmp(preset, "none") != 0 &&
		!ogc_ruleset_load_named(rules, "presets", preset, err)) {
		return false;
	}
	for (i = 0; i < cli->profile_count; i++) {
		if (!ogc_ruleset_load_named(rules, "profiles", cli->profiles[i],
			err)) {
			return false;
		}
	}
	for (i = 0; i < cli->rule_file_count; i++) {
		if (!ogc_ruleset_load_file(rules, cli->rule_files[i], err)) {
			return false;
		}
	}
	if (cli->rule_file_count > 0) {
		return true;
	}
	/* the caller frees *found after printing any error naming it */
	*found = ogc_rules_discover(".");
	return *found == NULL || ogc_ruleset_load_file(rules, *found, err);
}

/* Fails early on a named path that does not exist: exit status 2. */
static bool
paths_exist(char **paths, int count)
{
	int i;

	for (i = 0; i < count; i++) {
		if (strcmp(paths[i], "-") != 0 && access(paths[i], F_OK) != 0) {
			print_name(paths[i]);
			fputs(": no such file or folder\n", stderr);
			return false;
		}
	}
	return true;
}

/* True when `file` is `dir` or below it ("." holds everything). */
static bool
is_within(const char *file, const char *dir)
{
	size_t n;

	while (strncmp(dir, "./", 2) == 0) {
		dir += 2;
	}
	n = strlen(dir);
	while (n > 0 && dir[n - 1] == '/') {
		n--;
	}
	if (strcmp(dir, ".") == 0 || n == 0) {
		return true;
	}
	return strncmp(file, dir, n) == 0 && (file[n] == '\0' ||
		file[n] == '/');
}

/*
 * The changed content files within the given paths (all when none), kept
 * in place in git's array; NULL with err set when git fails.
 */
static char **
changed_paths(const char *rev, char **paths, int count, size_t *kept,
	struct ogc_error *err)
{
	char **names = ogc_git_changed(rev, kept, err);
	size_t n = *kept;
	size_t i;
	int p;

	if (names == NULL) {
		return NULL;
	}
	*kept = 0;
	for (i = 0; i < n; i++) {
		for (p = 0; p < count && !is_within(names[i], paths[p]); p++) {
		}
		if (count == 0 || p < count) {
			names[(*kept)++] = names[i];
		} else {
			free(names[i]);
		}
	}
	names[*kept] = NULL;
	return names;
}

static bool
check_all(const struct cli *cli, const struct ogc_ruleset *rules,
	char **paths, int count, struct ogc_report *report,
	struct ogc_error *err)
{
	static char current[] = ".";
	char *dot[] = {current};
	struct ogc_checker *checker;
	bool ok = true;
	int i;

	if (paths == NULL) {
		count = 0; /* --changed-since found nothing to check */
	} else if (count == 0) {
		paths = dot;
		count = 1;
	}
	checker = ogc_checker_create(rules, &cli->options, err);
	if (checker == NULL) {
		return false;
	}
	for (i = 0; ok && i < count; i++) {
		if (strcmp(paths[i], "-") == 0) {
			ok = ogc_checker_check_fd(checker, "-", STDIN_FILENO, report,
				err);
		} else {
			ok = ogc_checker_check_path(checker, paths[i], report, err);
		}
	}
	ok = ok && ogc_checker_finish(checker, report, err);
	ogc_checker_destroy(checker);
	return ok;
}

static int
exit_status(const struct ogc_report *report, enum ogc_severity fail_on)
{
	struct ogc_summary s;

	ogc_report_summary(report, &s);
	if (fail_on == OGC_SEV_OFF) {
		return 0;
	}
	if (s.errors > 0 ||
		(fail_on <= OGC_SEV_WARNING && s.warnings > 0) ||
		(fail_on <= OGC_SEV_INFO && s.infos > 0)) {
		return 1;
	}
	return 0;
}

static bool
write_failed(struct ogc_error *err, const char *path)
{
	err->status = OGC_ERR_IO;
	err->file = path;
	err->pos.line = 0;
	err->pos.column = 0;
	snprintf(err->msg, sizeof(err->msg), "cannot write the report: %s",
		strerror(errno));
	return false;
}

/* A jsonl report streamed file by file, as checks finish. */
struct stream {
	FILE *out;
	bool failed;
};

static void
stream_jsonl(void *arg, const struct ogc_diag *diags, size_t count)
{
	struct stream *s = arg;
	size_t i;

	for (i = 0; i < count && !s->failed; i++) {
		if (!diags[i].baselined) {
			s->failed = !ogc_diag_write_jsonl(&diags[i], s->out);
		}
	}
	if (!s->failed) {
		s->failed = fflush(s->out) != 0;
	}
}

/*
 * Opens the jsonl report, if there is one, and streams into it; *index is
 * the report's index, or -1 when nothing streams. False on a file that
 * cannot be opened.
 */
static bool
start_stream(struct cli *cli, struct stream *s, int *index,
	struct ogc_error *err)
{
	size_t i;

	*index = -1;
	for (i = 0; i < cli->report_count; i++) {
		if (cli->reports[i].format != OGC_FORMAT_JSONL) {
			continue;
		}
		s->out = cli->reports[i].path != NULL ?
			fopen(cli->reports[i].path, "w") : stdout;
		if (s->out == NULL) {
			return write_failed(err, cli->reports[i].path);
		}
		s->failed = false;
		cli->options.file_done = stream_jsonl;
		cli->options.file_done_arg = s;
		*index = (int)i;
		return true;
	}
	return true;
}

/* The first report that goes to a file other than github's own, if any. */
static const char *
full_report(const struct cli *cli)
{
	size_t i;

	for (i = 0; i < cli->report_count; i++) {
		if (cli->reports[i].path != NULL &&
			cli->reports[i].format != OGC_FORMAT_GITHUB) {
			return cli->reports[i].path;
		}
	}
	return NULL;
}

/* Writes every report; the summary line goes to stderr after text. */
static bool
write_reports(const struct cli *cli, const struct ogc_ruleset *rules,
	const struct ogc_report *report, const struct stream *stream,
	int streamed, struct ogc_error *err)
{
	const struct report_out *r;
	FILE *out;
	bool ok = true;
	size_t i;

	for (i = 0; ok && i < cli->report_count; i++) {
		r = &cli->reports[i];
		if ((int)i == streamed) {
			ok = !stream->failed &&
				ogc_report_write_jsonl_summary(report, stream->out,
				err);
			if (!ok && err->msg[0] == '\0') {
				ok = write_failed(err, r->path);
			}
			continue;
		}
		out = r->path != NULL ? fopen(r->path, "w") : stdout;
		if (out == NULL) {
			return write_failed(err, r->path);
		}
		ok = ogc_report_write(report, rules, r->format, full_report(cli),
			out, err);
		if (r->path != NULL && fclose(out) != 0 && ok) {
			ok = write_failed(err, r->path);
		}
		if (ok && r->path == NULL && r->format == OGC_FORMAT_TEXT) {
			ok = ogc_report_write_summary(report, stderr, err);
		}
	}
	return ok;
}

/* Fewer URLs than this are checked without a progress line. */
#define PROGRESS_MIN_URLS 20

/* The network stage's progress line, on a terminal only. */
struct progress {
	struct timespec last;
	bool shown;
};

static void
show_progress(void *arg, size_t done, size_t total, size_t failed)
{
	struct progress *p = arg;
	struct timespec now;

	if (total < PROGRESS_MIN_URLS) {
		return;
	}
	if (done == total) {
		if (p->shown) {
			fputs("\r\033[K", stderr);
		}
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (p->shown && (now.tv_sec - p->last.tv_sec) * 1000 +
		(now.tv_nsec - p->last.tv_nsec) / 1000000 < 100) {
		return;
	}
	fprintf(stderr, "\rogcheck: checking URLs %zu/%zu, %zu failed", done,
		total, failed);
	fflush(stderr);
	p->shown = true;
	p->last = now;
}

static int
run(struct cli *cli, char **paths, int count)
{
	struct ogc_error err = {0};
	struct ogc_ruleset *rules;
	struct ogc_report *report = NULL;
	struct ogc_baseline *baseline = NULL;
	struct stream stream = {NULL, false};
	struct progress progress;
	int streamed = -1;
	char **changed = NULL;
	size_t changed_count = 0;
	char *found = NULL;
	int status = 2;
	bool ok;

	rules = ogc_ruleset_create(&err);
	if (rules == NULL || !load_rules(cli, rules, &found, &err)) {
		goto fail;
	}
	if (cli->list_rules) {
		ok = cli->reports[0].format == OGC_FORMAT_JSON ||
			cli->reports[0].format == OGC_FORMAT_JSON_V2 ?
			ogc_ruleset_write_json(rules, stdout, &err) :
			ogc_ruleset_write_text(rules, stdout, &err);
		status = ok ? 0 : 2;
		goto fail;
	}
	if (!paths_exist(paths, count)) {
		goto destroy_rules;
	}
	report = ogc_report_create();
	if (report == NULL) {
		fputs("ogcheck: out of memory\n", stderr);
		goto destroy_rules;
	}
	if (cli->baseline != NULL) {
		baseline = ogc_baseline_load(cli->baseline, &err);
		if (baseline == NULL) {
			goto fail;
		}
		cli->options.baseline = baseline;
	}
	if (!start_stream(cli, &stream, &streamed, &err)) {
		goto fail;
	}
	if (cli->changed_since != NULL) {
		changed = changed_paths(cli->changed_since, paths, count,
			&changed_count, &err);
		if (changed == NULL) {
			goto fail;
		}
		paths = changed;
		count = (int)changed_count;
		if (count == 0) {
			paths = NULL;
		}
	}
	memset(&progress, 0, sizeof(progress));
	if (isatty(STDERR_FILENO)) {
		cli->options.progress = show_progress;
		cli->options.progress_arg = &progress;
	}
	if (!check_all(cli, rules, paths, count, report, &err)) {
		goto fail;
	}
	/* the new baseline records everything found today, known or not */
	if (cli->write_baseline != NULL &&
		!ogc_report_write_baseline(report, cli->write_baseline, &err)) {
		goto fail;
	}
	if (!write_reports(cli, rules, report, &stream, streamed, &err)) {
		goto fail;
	}
	if (stream.out != NULL && stream.out != stdout) {
		ok = fclose(stream.out) == 0;
		stream.out = NULL;
		if (!ok) {
			write_failed(&err, cli->reports[streamed].path);
			goto fail;
		}
	}
	status = exit_status(report, cli->fail_on);
	goto destroy_report;
fail:
	if (status != 0 && err.msg[0] != '\0') {
		print_error(&err);
	}
destroy_report:
	ogc_git_changed_free(changed);
	if (stream.out != NULL && stream.out != stdout) {
		fclose(stream.out);
	}
	ogc_baseline_destroy(baseline);
	ogc_report_destroy(report);
destroy_rules:
	ogc_ruleset_destroy(rules);
	free(found);
	return status;
}

int
main(int argc, char **argv)
{
	struct cli cli;
	int status;

	memset(&cli, 0, sizeof(cli));
	ogc_options_init(&cli.options);
	cli.fail_on = OGC_SEV_ERROR;
	/* at most one --rules per argument */
	cli.rule_files = calloc((size_t)argc, sizeof(*cli.rule_files));
	if (cli.rule_files == NULL) {
		fputs("ogcheck: out of memory\n", stderr);
		return 2;
	}
	status = parse_args(argc, argv, &cli);
	if (status >= 0) {
		free(cli.rule_files);
		return status;
	}
	if (cli.options.insecure && !cli.options.offline) {
		fputs("ogcheck: warning: --insecure: https certificates are not "
			"verified, so any server can answer for an image host\n",
			stderr);
	}
	if (!ogc_global_init()) {
		fputs("ogcheck: cannot initialise libcurl\n", stderr);
		free(cli.rule_files);
		return 2;
	}
	status = run(&cli, argv + optind, argc - optind);
	ogc_global_cleanup();
	free(cli.rule_files);
	return status;
}
