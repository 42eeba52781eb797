/* gen_completions.c: prints the bash, zsh or fish completion script for
 * ogcheck from the option table; run at build time, never installed. */
/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/options.h"

/* The words a value is completed from, space-separated: "text json". */
struct choices {
	char words[256];
};

/*
 * Fills c with the words an option's value may be, space-separated: its
 * `values`, or the words of an arg such as "auto|markdown|html". Returns
 * false when the value is free ("N", "URL", "FILE").
 */
static bool
option_choices(const struct ogc_cli_option *o, struct choices *c)
{
	size_t i;

	if (o->values != NULL) {
		snprintf(c->words, sizeof(c->words), "%s", o->values);
		return true;
	}
	if (o->arg == NULL || strchr(o->arg, '|') == NULL) {
		return false;
	}
	snprintf(c->words, sizeof(c->words), "%s", o->arg);
	for (i = 0; c->words[i] != '\0'; i++) {
		if (c->words[i] == '|') {
			c->words[i] = ' ';
		}
	}
	return true;
}

static bool
takes_file(const struct ogc_cli_option *o)
{
	return o->arg != NULL && strcmp(o->arg, "FILE") == 0;
}

/*
 * Names and values go into the scripts unquoted or in single quotes:
 * letters, digits, '-', '.', '/' and spaces only, or the build fails
 * rather than write a broken script.
 */
static bool
plain(const char *s)
{
	for (; *s != '\0'; s++) {
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			"0123456789-./ ", *s) == NULL) {
			return false;
		}
	}
	return true;
}

/*
 * Writes an option's --help text on one line, for zsh or fish: '\n'
 * becomes a space; each character of `special` gets a backslash before
 * it, and a single quote is written as `quote` (the text goes between
 * single quotes).
 */
static void
write_help(const char *help, const char *special, const char *quote)
{
	const char *p;

	for (p = help; *p != '\0'; p++) {
		if (*p == '\n') {
			putchar(' ');
		} else if (*p == '\'') {
			fputs(quote, stdout);
		} else {
			if (strchr(special, *p) != NULL) {
				putchar('\\');
			}
			putchar(*p);
		}
	}
}

/*
 * One branch of the case over the word before the cursor: the options
 * `want` picks ("--cache|--output|-o") and what to do; no branch when it
 * picks none.
 */
static void
bash_case(bool (*want)(const struct ogc_cli_option *), const char *body)
{
	const char *sep = "\t";
	size_t i;

	for (i = 0; i < ogc_cli_option_count; i++) {
		const struct ogc_cli_option *o = &ogc_cli_options[i];

		if (!want(o)) {
			continue;
		}
		printf("%s--%s", sep, o->name);
		sep = "|";
		if (o->short_name != '\0') {
			printf("|-%c", o->short_name);
		}
	}
	if (sep[0] == '|') {
		printf(")\n%s\t\treturn\n\t\t;;\n", body);
	}
}

static bool
free_value(const struct ogc_cli_option *o)
{
	struct choices c;

	return o->arg != NULL && !takes_file(o) && !option_choices(o, &c);
}

static void
write_bash(void)
{
	struct choices c;
	size_t i;

	fputs("# bash completion for ogcheck(1), made from its option table "
		"by\n# gen_completions (src/cli/gen_completions.c).\n\n"
		"_ogcheck_words()\n{\n"
		"\tmapfile -t COMPREPLY < <(compgen -W \"$1\" -- \"$cur\")\n}\n\n"
		"_ogcheck_files()\n{\n"
		"\tcompopt -o filenames 2>/dev/null\n"
		"\tmapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n}\n\n"
		"_ogcheck()\n{\n"
		"\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev= i\n"
		"\tif [ \"$COMP_CWORD\" -gt 0 ]; then\n"
		"\t\tprev=${COMP_WORDS[COMP_CWORD - 1]}\n\tfi\n"
		"\t# --name=value: bash splits the word at the \"=\"\n"
		"\tif [ \"$cur\" = = ]; then\n\t\tcur=\n"
		"\telif [ \"$prev\" = = ] && [ \"$COMP_CWORD\" -gt 1 ]; then\n"
		"\t\tprev=${COMP_WORDS[COMP_CWORD - 2]}\n\tfi\n"
		"\t# after \"--\" every word is a PATH\n"
		"\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
		"\t\tif [ \"${COMP_WORDS[i]}\" = -- ]; then\n"
		"\t\t\t_ogcheck_files\n\t\t\treturn\n\t\tfi\n\tdone\n"
		"\tcase $prev in\n", stdout);
	for (i = 0; i < ogc_cli_option_count; i++) {
		const struct ogc_cli_option *o = &ogc_cli_options[i];

		if (!option_choices(o, &c)) {
			continue;
		}
		printf("\t--%s", o->name);
		if (o->short_name != '\0') {
			printf("|-%c", o->short_name);
		}
		printf(")\n\t\t_ogcheck_words '%s'\n\t\treturn\n\t\t;;\n",
			c.words);
	}
	bash_case(takes_file, "\t\t_ogcheck_files\n");
	bash_case(free_value, "\t\t# a value of its own: nothing to offer\n"
		"\t\tCOMPREPLY=()\n");
	fputs("\tesac\n\tcase $cur in\n\t-*)\n\t\t_ogcheck_words '", stdout);
	for (i = 0; i < ogc_cli_option_count; i++) {
		printf("%s--%s", i > 0 ? " " : "", ogc_cli_options[i].name);
	}
	for (i = 0; i < ogc_cli_option_count; i++) {
		if (ogc_cli_options[i].short_name != '\0') {
			printf(" -%c", ogc_cli_options[i].short_name);
		}
	}
	fputs("'\n\t\t;;\n\t*)\n\t\t_ogcheck_files\n\t\t;;\n\tesac\n}\n\n"
		"complete -F _ogcheck ogcheck\n", stdout);
}

/*
 * One _arguments spec, such as
 *   '*'{-f+,--format=}'[text (default), json...]:FORMAT:(text json)'
 * Every option may be repeated ('*'), but --help and --version end the
 * command line ('(- *)').
 */
static void
write_zsh_option(const struct ogc_cli_option *o)
{
	bool alone = o->id == OGC_OPT_HELP || o->id == OGC_OPT_VERSION;
	const char *prefix = alone ? "(- *)" : "*";
	struct choices c;

	if (o->short_name != '\0') {
		printf("\t'%s'{-%c%s,--%s%s}'", prefix, o->short_name,
			o->arg != NULL ? "+" : "", o->name,
			o->arg != NULL ? "=" : "");
	} else {
		printf("\t'%s--%s%s", prefix, o->name,
			o->arg != NULL ? "=" : "");
	}
	putchar('[');
	write_help(o->help, "[]\\:", "'\\''");
	putchar(']');
	if (o->arg != NULL) {
		/* the message names the value; ':' would end it */
		putchar(':');
		write_help(o->arg, "\\:", "'\\''");
		if (option_choices(o, &c)) {
			printf(":(%s)", c.words);
		} else if (takes_file(o)) {
			fputs(":_files", stdout);
		} else {
			fputs(": ", stdout);
		}
	}
	fputs("' \\\n", stdout);
}

static void
write_zsh(void)
{
	size_t i;

	fputs("#compdef ogcheck\n# zsh completion for ogcheck(1), made from "
		"its option table by\n# gen_completions "
		"(src/cli/gen_completions.c).\n\n"
		"_arguments -s -S \\\n", stdout);
	for (i = 0; i < ogc_cli_option_count; i++) {
		write_zsh_option(&ogc_cli_options[i]);
	}
	fputs("\t'*:path:_files'\n", stdout);
}

static void
write_fish(void)
{
	struct choices c;
	size_t i;

	fputs("# fish completion for ogcheck(1), made from its option table "
		"by\n# gen_completions (src/cli/gen_completions.c). PATHs "
		"complete as files.\n", stdout);
	for (i = 0; i < ogc_cli_option_count; i++) {
		const struct ogc_cli_option *o = &ogc_cli_options[i];

		fputs("complete -c ogcheck", stdout);
		if (o->short_name != '\0') {
			printf(" -s %c", o->short_name);
		}
		printf(" -l %s", o->name);
		if (option_choices(o, &c)) {
			printf(" -x -a '%s'", c.words);
		} else if (takes_file(o)) {
			fputs(" -r -F", stdout);
		} else if (o->arg != NULL) {
			fputs(" -x", stdout);
		}
		fputs(" -d '", stdout);
		write_help(o->help, "\\", "\\'");
		fputs("'\n", stdout);
	}
}

int
main(int argc, char **argv)
{
	struct choices c;
	size_t i;

	for (i = 0; i < ogc_cli_option_count; i++) {
		const struct ogc_cli_option *o = &ogc_cli_options[i];

		if (!plain(o->name) || (option_choices(o, &c) &&
			!plain(c.words))) {
			fprintf(stderr, "gen_completions: --%s: a name or value "
				"the scripts cannot hold as it is\n", o->name);
			return 1;
		}
	}
	if (argc == 2 && strcmp(argv[1], "bash") == 0) {
		write_bash();
	} else if (argc == 2 && strcmp(argv[1], "zsh") == 0) {
		write_zsh();
	} else if (argc == 2 && strcmp(argv[1], "fish") == 0) {
		write_fish();
	} else {
		fputs("usage: gen_completions bash|zsh|fish\n", stderr);
		return 2;
	}
	return ferror(stdout) ? 1 : 0;
}
