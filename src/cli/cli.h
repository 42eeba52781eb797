/* cli.h: what the command line parses into, for main.c. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_CLI_H
#define OGC_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "ogcheck.h"

/* At most this many --format options in one run. */
#define MAX_REPORTS 8

/* One report: a format and where it goes (NULL: standard output). */
struct report_out {
	enum ogc_format format;
	const char *path;
};

#define MAX_PROFILES 16

/* --color */
enum cli_color {
	CLI_COLOR_AUTO,
	CLI_COLOR_ALWAYS,
	CLI_COLOR_NEVER,
};

/** The command line, parsed; strings are argv's. */
struct cli {
	const char **excludes;       /* --exclude, at most argc; owns the
	                                array exclude_urls points into */
	size_t exclude_count;
	const char **exclude_urls;   /* --exclude-url, at most argc: the
	                                second half of excludes' array */
	size_t exclude_url_count;
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
	const char *explain;        /* --explain RULE */
	bool init;                  /* --init */
	bool quiet;                 /* --quiet */
	bool statistics;            /* --statistics */
	enum cli_color color;       /* --color */
	const char *files_from;     /* --files-from FILE */
	bool show_config;           /* --show-config */
	bool verbose;               /* --verbose */
	int json_schema;            /* --json-schema: 1 or 2 */
	const char *changed_since;  /* --changed-since REV */
	bool merge;                 /* --merge: the paths are index parts */
	const char *stdin_name;     /* --stdin-filename NAME */
	const char *baseline;       /* --baseline FILE */
	const char *write_baseline; /* --write-baseline FILE */
	struct ogc_rule_spec spec;  /* how each site's rules are made */
	enum ogc_report_images report_images; /* --report-images */
	struct ogc_run_info run_info; /* what an html report says of the run */
	const char *found_rules;      /* the .ogcheck.yaml it names */
};

/**
 * Parses argv into cli (whose rule_files has room for argc entries).
 * Returns -1 to go on with the run, or the exit status to stop with:
 * 0 after --help or --version, 2 after a usage error (printed).
 */
int
ogc_cli_parse(int argc, char **argv, struct cli *cli);

#endif
