/* args.c: argv -> struct cli, through the option table. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/options.h"

/* Room for getopt_long()'s copy of the table. */
#define OGC_MAX_OPTIONS 64

static int
usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "ogcheck: %s%s%s\nTry 'ogcheck --help'.\n", msg,
		arg != NULL ? ": " : "", arg != NULL ? arg : "");
	return 2;
}

/* A usage error whose value is close to a right one: "did you mean". */
static int
usage_suggest(const char *msg, const char *arg, const char *const *names)
{
	const char *near = ogc_suggest(arg, names, SIZE_MAX);

	fprintf(stderr, "ogcheck: %s: %s%s%s%s\nTry 'ogcheck --help'.\n", msg,
		arg, near != NULL ? " (did you mean " : "", near != NULL ?
		near : "", near != NULL ? "?)" : "");
	return 2;
}

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

/* getopt_long()'s table, from the option table. */
static void
long_options(struct option *out)
{
	size_t i;

	for (i = 0; i < ogc_cli_option_count; i++) {
		out[i].name = ogc_cli_options[i].name;
		out[i].has_arg = ogc_cli_options[i].arg != NULL ?
			required_argument : no_argument;
		out[i].flag = NULL;
		out[i].val = ogc_cli_options[i].id;
	}
	memset(&out[i], 0, sizeof(out[i]));
}

/* getopt's string of short options ("f:ho:V"), from the option table. */
static void
short_options(char *out, size_t size)
{
	size_t n = 0;
	size_t i;

	for (i = 0; i < ogc_cli_option_count && n + 3 < size; i++) {
		if (ogc_cli_options[i].short_name != '\0') {
			out[n++] = ogc_cli_options[i].short_name;
			if (ogc_cli_options[i].arg != NULL) {
				out[n++] = ':';
			}
		}
	}
	out[n] = '\0';
}

/* The option id of a short option character (getopt returns the char). */
static int
short_id(int c)
{
	size_t i;

	for (i = 0; i < ogc_cli_option_count; i++) {
		if (ogc_cli_options[i].short_name != '\0' &&
			ogc_cli_options[i].short_name == c) {
			return (int)ogc_cli_options[i].id;
		}
	}
	return c;
}

/* True when s compiles as a POSIX extended regular expression. */
static bool
regex_valid(const char *s)
{
	regex_t re;

	if (regcomp(&re, s, REG_EXTENDED | REG_NOSUB) != 0) {
		return false;
	}
	regfree(&re);
	return true;
}

int
ogc_cli_parse(int argc, char **argv, struct cli *cli)
{
	static const char *const fail_on_names[] = {"error", "warning", "info",
		"never", NULL};
	static const char *const color_names[] = {"auto", "always", "never",
		NULL};
	struct option longopts[OGC_MAX_OPTIONS + 1];
	char shortopts[2 * OGC_MAX_OPTIONS + 2];
	int opt;

	long_options(longopts);
	short_options(shortopts, sizeof(shortopts));
	opterr = 0;
	for (;;) {
		/* options anywhere among the paths, as GNU tools, ruff and
		   eslint take them; "--" ends them */
		opt = getopt_long(argc, argv, shortopts, longopts, NULL);
		if (opt == -1) {
			break;
		}
		opt = short_id(opt);
		switch (opt) {
		case OGC_OPT_RULES:
			cli->rule_files[cli->rule_file_count++] = optarg;
			break;
		case OGC_OPT_FORMAT:
			if (cli->report_count == MAX_REPORTS) {
				return usage_error("too many --format options", optarg);
			}
			if (!ogc_format_parse(optarg,
				&cli->reports[cli->report_count].format)) {
				return usage_error("--format takes text, json, jsonl, "
					"sarif, github, codeclimate, markdown or html",
					optarg);
			}
			cli->reports[cli->report_count++].path = NULL;
			break;
		case OGC_OPT_OUTPUT:
			if (cli->report_count == 0 ||
				cli->reports[cli->report_count - 1].path != NULL) {
				return usage_error("--output goes after the --format "
					"it is for", optarg);
			}
			cli->reports[cli->report_count - 1].path = optarg;
			break;
		case OGC_OPT_INPUT:
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
		case OGC_OPT_OFFLINE:
			cli->options.offline = true;
			break;
		case OGC_OPT_FAIL_ON:
			if (strcmp(optarg, "never") == 0) {
				cli->fail_on = OGC_SEV_OFF;
			} else if (!ogc_severity_parse(optarg, &cli->fail_on) ||
				cli->fail_on == OGC_SEV_OFF) {
				return usage_suggest("--fail-on takes error, warning, "
					"info or never", optarg, fail_on_names);
			}
			break;
		case OGC_OPT_BASE_URL:
			cli->options.base_url = optarg;
			break;
		case OGC_OPT_CHANGED_SINCE:
			cli->changed_since = optarg;
			break;
		case OGC_OPT_INDEX:
			cli->options.index_file = optarg;
			break;
		case OGC_OPT_MERGE:
			cli->merge = true;
			break;
		case OGC_OPT_STDIN_FILENAME:
			if (optarg[0] == '\0' || strcmp(optarg, "-") == 0) {
				return usage_error("--stdin-filename takes the name "
					"of a file", optarg);
			}
			cli->stdin_name = optarg;
			break;
		case OGC_OPT_SHARD:
			if (!parse_shard(optarg, &cli->options)) {
				return usage_error("--shard takes K/N with 1 <= K <= N",
					optarg);
			}
			break;
		case OGC_OPT_THREADS:
			if (!parse_count(optarg, 1, 256, &cli->options.threads)) {
				return usage_error("--threads takes a number from 1 "
					"to 256", optarg);
			}
			break;
		case OGC_OPT_JOBS:
			if (!parse_count(optarg, 1, 1024, &cli->options.jobs)) {
				return usage_error("--jobs takes a number from 1 to "
					"1024", optarg);
			}
			break;
		case OGC_OPT_JOBS_PER_HOST:
			if (!parse_count(optarg, 1, 1024,
				&cli->options.jobs_per_host)) {
				return usage_error("--jobs-per-host takes a number "
					"from 1 to 1024", optarg);
			}
			break;
		case OGC_OPT_STREAMS_PER_CONNECTION:
			if (!parse_count(optarg, 1, 1000,
				&cli->options.streams_per_connection)) {
				return usage_error("--streams-per-connection takes a "
					"number from 1 to 1000", optarg);
			}
			break;
		case OGC_OPT_TIMEOUT:
			if (!parse_seconds(optarg, &cli->options.timeout_ms)) {
				return usage_error("--timeout takes seconds, more "
					"than 0 and at most 3600", optarg);
			}
			break;
		case OGC_OPT_MAX_REDIRECTS:
			if (!parse_count(optarg, 0, 50,
				&cli->options.max_redirects)) {
				return usage_error("--max-redirects takes a number "
					"from 0 to 50", optarg);
			}
			break;
		case OGC_OPT_RETRIES:
			if (!parse_count(optarg, 0, 10, &cli->options.retries)) {
				return usage_error("--retries takes a number from 0 "
					"to 10", optarg);
			}
			break;
		case OGC_OPT_CACERT:
			if (access(optarg, R_OK) != 0) {
				return usage_error("--cacert: cannot read the file",
					optarg);
			}
			cli->options.cacert = optarg;
			break;
		case OGC_OPT_PROFILE:
			if (cli->profile_count == MAX_PROFILES) {
				return usage_error("too many --profile options",
					optarg);
			}
			cli->profiles[cli->profile_count++] = optarg;
			break;
		case OGC_OPT_PRESET:
			cli->preset = optarg;
			break;
		case OGC_OPT_INSECURE:
			cli->options.insecure = true;
			break;
		case OGC_OPT_NO_PRIVATE_ADDRESSES:
			cli->options.no_private_addresses = true;
			break;
		case OGC_OPT_CACHE:
			cli->options.cache = optarg;
			break;
		case OGC_OPT_CACHE_MAX_AGE:
			if (!parse_age(optarg, &cli->options.cache_max_age)) {
				return usage_error("--cache-max-age takes seconds, or "
					"a number with s, m, h or d", optarg);
			}
			break;
		case OGC_OPT_JSON_SCHEMA:
			if (strcmp(optarg, "1") != 0 && strcmp(optarg, "2") != 0) {
				return usage_error("--json-schema takes 1 or 2",
					optarg);
			}
			cli->json_schema = optarg[0] - '0';
			break;
		case OGC_OPT_BASELINE:
			cli->baseline = optarg;
			break;
		case OGC_OPT_WRITE_BASELINE:
			cli->write_baseline = optarg;
			break;
		case OGC_OPT_EXCLUDE:
			cli->excludes[cli->exclude_count++] = optarg;
			break;
		case OGC_OPT_EXCLUDE_URL:
			if (!regex_valid(optarg)) {
				return usage_error("--exclude-url takes a POSIX "
					"extended regular expression", optarg);
			}
			cli->exclude_urls[cli->exclude_url_count++] = optarg;
			break;
		case OGC_OPT_LIST_RULES:
			cli->list_rules = true;
			break;
		case OGC_OPT_EXPLAIN:
			cli->explain = optarg;
			break;
		case OGC_OPT_INIT:
			cli->init = true;
			break;
		case OGC_OPT_QUIET:
			cli->quiet = true;
			break;
		case OGC_OPT_REPORT_IMAGES:
			if (strcmp(optarg, "none") == 0) {
				cli->report_images = OGC_REPORT_IMAGES_NONE;
			} else if (strcmp(optarg, "link") == 0) {
				cli->report_images = OGC_REPORT_IMAGES_LINK;
			} else if (strcmp(optarg, "embed") == 0) {
				cli->report_images = OGC_REPORT_IMAGES_EMBED;
			} else {
				return usage_error("--report-images takes none, link "
					"or embed", optarg);
			}
			break;
		case OGC_OPT_STATISTICS:
			cli->statistics = true;
			break;
		case OGC_OPT_NO_IGNORE:
			cli->options.no_ignore = true;
			break;
		case OGC_OPT_FILES_FROM:
			cli->files_from = optarg;
			break;
		case OGC_OPT_COLOR:
			if (strcmp(optarg, "auto") == 0) {
				cli->color = CLI_COLOR_AUTO;
			} else if (strcmp(optarg, "always") == 0) {
				cli->color = CLI_COLOR_ALWAYS;
			} else if (strcmp(optarg, "never") == 0) {
				cli->color = CLI_COLOR_NEVER;
			} else {
				return usage_suggest("--color takes auto, always or "
					"never", optarg, color_names);
			}
			break;
		case OGC_OPT_SHOW_CONFIG:
			cli->show_config = true;
			break;
		case OGC_OPT_VERBOSE:
			cli->verbose = true;
			break;
		case OGC_OPT_VERSION:
			/* from a git checkout, the commit too */
			if (ogc_version_commit()[0] != '\0') {
				printf("ogcheck %s (git %s)\n", ogc_version(),
					ogc_version_commit());
			} else {
				printf("ogcheck %s\n", ogc_version());
			}
			return 0;
		case OGC_OPT_HELP:
			ogc_cli_help(stdout);
			return 0;
		default:
			/* a long option's id, or a short one known to take a
			   value, that came without its value */
			if (optopt >= OGC_OPT_BASE_URL || (optopt != 0 &&
				short_id(optopt) != optopt)) {
				return usage_error("this option needs a value",
					argv[optind - 1]);
			}
			return usage_error("unknown option", argv[optind - 1]);
		}
	}
	if (cli->merge && (cli->options.shard > 0 ||
		cli->changed_since != NULL || cli->files_from != NULL ||
		cli->stdin_name != NULL)) {
		return usage_error("--merge reads index parts: no --shard, "
			"--changed-since, --files-from or --stdin-filename", NULL);
	}
	if (cli->merge && optind >= argc) {
		return usage_error("--merge needs the index parts to merge",
			NULL);
	}
	return finish_reports(cli);
}
