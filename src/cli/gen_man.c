/* gen_man.c: prints the man page's OPTIONS section (scdoc) from the option
 * table; run at build time, never installed. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/options.h"

/* Writes text with scdoc's markup characters escaped. */
static void
write_escaped(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '*' || s[i] == '_' || s[i] == '\\') {
			putchar('\\');
		}
		putchar(s[i]);
	}
}

/*
 * Writes a doc paragraph: `literal` text in bold, the rest escaped, and
 * its first letter in upper case, as man pages write sentences:
 *   "print `x_y` and exit" -> "Print *x\_y* and exit"
 */
static void
write_doc(const char *doc)
{
	bool literal = false;
	const char *run = doc;
	const char *p;

	if (islower((unsigned char)doc[0])) {
		putchar(toupper((unsigned char)doc[0]));
		run = doc + 1;
	}
	for (p = run; *p != '\0'; p++) {
		if (*p != '`') {
			continue;
		}
		write_escaped(run, (size_t)(p - run));
		putchar('*');
		literal = !literal;
		run = p + 1;
	}
	write_escaped(run, (size_t)(p - run));
	if (literal) {
		putchar('*');
	}
}

static void
write_option(const struct ogc_cli_option *o)
{
	if (o->short_name != '\0') {
		printf("*-%c*, ", o->short_name);
	}
	fputs("*--", stdout);
	write_escaped(o->name, strlen(o->name));
	putchar('*');
	if (o->arg != NULL) {
		fputs(" _", stdout);
		write_escaped(o->arg, strlen(o->arg));
		putchar('_');
	}
	fputs("\n\t", stdout);
	write_doc(o->doc);
	fputs("\n\n", stdout);
}

int
main(void)
{
	int group;
	size_t i;

	fputs("# OPTIONS\n\nOptions may come before, between or after the "
		"PATHs, as GNU tools take them; *--* ends the options, so that "
		"a PATH may start with *-*. *-h*, *-V*, *-f* and *-o* are "
		"short for *--help*, *--version*, *--format* and *--output*."
		"\n\n", stdout);
	for (group = 0; group < OGC_GROUP_COUNT; group++) {
		printf("## %s\n\n", ogc_cli_group_name(group));
		for (i = 0; i < ogc_cli_option_count; i++) {
			if ((int)ogc_cli_options[i].group == group) {
				write_option(&ogc_cli_options[i]);
			}
		}
	}
	return ferror(stdout) ? 1 : 0;
}
