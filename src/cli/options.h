/* options.h: the one table of command-line options, and what reads it. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_CLI_OPTIONS_H
#define OGC_CLI_OPTIONS_H

#include <stdio.h>

/*
 * The options, alphasorted as the table is; values start past the
 * characters getopt_long() returns for short options.
 */
enum ogc_cli_opt {
	OGC_OPT_BASE_URL = 256,
	OGC_OPT_BASELINE,
	OGC_OPT_CACERT,
	OGC_OPT_CACHE,
	OGC_OPT_CACHE_MAX_AGE,
	OGC_OPT_CHANGED_SINCE,
	OGC_OPT_COLOR,
	OGC_OPT_EXCLUDE,
	OGC_OPT_EXCLUDE_URL,
	OGC_OPT_EXPLAIN,
	OGC_OPT_FAIL_ON,
	OGC_OPT_FILES_FROM,
	OGC_OPT_FORMAT,
	OGC_OPT_HELP,
	OGC_OPT_INDEX,
	OGC_OPT_INIT,
	OGC_OPT_INPUT,
	OGC_OPT_INSECURE,
	OGC_OPT_JOBS,
	OGC_OPT_JOBS_PER_HOST,
	OGC_OPT_JSON_SCHEMA,
	OGC_OPT_LIST_RULES,
	OGC_OPT_MAX_REDIRECTS,
	OGC_OPT_MERGE,
	OGC_OPT_NO_IGNORE,
	OGC_OPT_NO_PRIVATE_ADDRESSES,
	OGC_OPT_OFFLINE,
	OGC_OPT_OUTPUT,
	OGC_OPT_PRESET,
	OGC_OPT_PROFILE,
	OGC_OPT_QUIET,
	OGC_OPT_REPORT_IMAGES,
	OGC_OPT_RETRIES,
	OGC_OPT_RULES,
	OGC_OPT_SHARD,
	OGC_OPT_SHOW_CONFIG,
	OGC_OPT_STATISTICS,
	OGC_OPT_STDIN_FILENAME,
	OGC_OPT_STREAMS_PER_CONNECTION,
	OGC_OPT_THREADS,
	OGC_OPT_TIMEOUT,
	OGC_OPT_VERBOSE,
	OGC_OPT_VERSION,
	OGC_OPT_WRITE_BASELINE,
};

/* The groups --help and the man page list the options in, in order. */
enum ogc_cli_group {
	OGC_GROUP_RULES,
	OGC_GROUP_INPUT,
	OGC_GROUP_OUTPUT,
	OGC_GROUP_NETWORK,
	OGC_GROUP_GENERAL,
	OGC_GROUP_COUNT,
};

/**
 * One option. `help` is what --help shows (lines of at most 52
 * characters, '\n' between them); `doc` is the man page's paragraph, in
 * plain sentences with `literal text` in backquotes (the man page
 * generator turns those into bold and escapes the rest for scdoc).
 *
 * The shell completions (gen_completions.c) offer `values` for the value,
 * else the words of an `arg` such as "auto|markdown|html", else files
 * when `arg` is "FILE", else nothing.
 */
struct ogc_cli_option {
	const char *name;     /* the long name, without "--" */
	char short_name;      /* '\0' when there is none */
	const char *arg;      /* the value's name ("FILE"); NULL: a flag */
	const char *values;   /* the values it takes, space-separated; NULL: any */
	enum ogc_cli_opt id;
	enum ogc_cli_group group;
	const char *help;
	const char *doc;
};

/** The table, alphasorted by name (a unit test checks). */
extern const struct ogc_cli_option ogc_cli_options[];

/** The number of entries of ogc_cli_options. */
extern const size_t ogc_cli_option_count;

/** A group's heading ("Rules"), for --help and the man page. */
const char *
ogc_cli_group_name(enum ogc_cli_group group);

/** Writes the --help text, from the table, to out. */
void
ogc_cli_help(FILE *out);

#endif
