/* help.c: --help, written from the option table group by group. */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "cli/options.h"

/* The column help text starts in; a longer name gets a line of its own. */
#define HELP_COLUMN 24

static const char intro[] =
	"Usage: ogcheck [OPTIONS] [PATH...]\n"
	"\n"
	"Checks the Open Graph and page metadata in the front matter of content\n"
	"files and the <head> of HTML pages. PATH is a file or a folder (walked\n"
	"for *.md, *.markdown, *.mdx, *.html, *.htm; .git, node_modules and\n"
	"hidden folders skipped); the default is the current folder; - reads\n"
	"one document from standard input.\n";

static const char outro[] =
	"\n"
	"Exit status: 0 no finding at or above --fail-on, 1 findings at or\n"
	"above it, 2 the run could not be done (bad option, bad rule file,\n"
	"a path that does not exist). More: man ogcheck, man ogcheck-rules.\n";

/* Writes `help`, its lines after the first indented to HELP_COLUMN. */
static void
write_help(FILE *out, const char *help)
{
	const char *nl;

	for (;;) {
		nl = strchr(help, '\n');
		if (nl == NULL) {
			fprintf(out, "%s\n", help);
			return;
		}
		fprintf(out, "%.*s\n%*s", (int)(nl - help), help, HELP_COLUMN,
			"");
		help = nl + 1;
	}
}

static void
write_option(FILE *out, const struct ogc_cli_option *o)
{
	int n;

	if (o->short_name != '\0') {
		n = fprintf(out, "  -%c, --%s", o->short_name, o->name);
	} else {
		n = fprintf(out, "  --%s", o->name);
	}
	if (o->arg != NULL) {
		n += fprintf(out, " %s", o->arg);
	}
	if (n + 2 > HELP_COLUMN) {
		fprintf(out, "\n%*s", HELP_COLUMN, "");
	} else {
		fprintf(out, "%*s", HELP_COLUMN - n, "");
	}
	write_help(out, o->help);
}

void
ogc_cli_help(FILE *out)
{
	int group;
	size_t i;

	fputs(intro, out);
	for (group = 0; group < OGC_GROUP_COUNT; group++) {
		fprintf(out, "\n%s:\n", ogc_cli_group_name(group));
		for (i = 0; i < ogc_cli_option_count; i++) {
			if ((int)ogc_cli_options[i].group == group) {
				write_option(out, &ogc_cli_options[i]);
			}
		}
	}
	fputs(outro, out);
}
