/* test_options.c: the option table: alphasorted, complete, consistent. */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/options.h"

static void
test_alphasorted_and_unique(void **state)
{
	size_t i;

	(void)state;
	assert_true(ogc_cli_option_count > 20);
	for (i = 1; i < ogc_cli_option_count; i++) {
		if (strcmp(ogc_cli_options[i - 1].name,
			ogc_cli_options[i].name) >= 0) {
			fail_msg("\"%s\" comes before \"%s\"",
				ogc_cli_options[i - 1].name, ogc_cli_options[i].name);
		}
	}
}

static size_t
count_char(const char *s, char c)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		n += *s == c;
	}
	return n;
}

/* Each id once, each entry with help, a doc paragraph and a group. */
static void
test_complete(void **state)
{
	bool seen[OGC_OPT_WRITE_BASELINE - OGC_OPT_BASE_URL + 1] = {false};
	const struct ogc_cli_option *o;
	const char *line;
	const char *nl;
	size_t i;

	(void)state;
	for (i = 0; i < ogc_cli_option_count; i++) {
		o = &ogc_cli_options[i];
		assert_true(o->id >= OGC_OPT_BASE_URL &&
			o->id <= OGC_OPT_WRITE_BASELINE);
		assert_false(seen[o->id - OGC_OPT_BASE_URL]);
		seen[o->id - OGC_OPT_BASE_URL] = true;
		assert_true(o->group < OGC_GROUP_COUNT);
		assert_non_null(o->help);
		assert_non_null(o->doc);
		assert_true(strlen(o->doc) > 10);
		/* --help stays within 80 columns */
		for (line = o->help; line != NULL; line = nl) {
			nl = strchr(line, '\n');
			assert_true((nl != NULL ? (size_t)(nl - line) :
				strlen(line)) <= 52);
			nl = nl != NULL ? nl + 1 : NULL;
		}
		/* backquotes pair up, or the man page turns bold for good */
		assert_int_equal(count_char(o->doc, '`') % 2, 0);
	}
	for (i = 0; i < sizeof(seen) / sizeof(*seen); i++) {
		assert_true(seen[i]);
	}
}

/* --help lists every option once, under its group's heading. */
static void
test_help_lists_every_option(void **state)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	char want[64];
	size_t i;

	(void)state;
	assert_non_null(out);
	ogc_cli_help(out);
	assert_int_equal(fclose(out), 0);
	for (i = 0; i < ogc_cli_option_count; i++) {
		if (ogc_cli_options[i].short_name != '\0') {
			snprintf(want, sizeof(want), "\n  -%c, --%s",
				ogc_cli_options[i].short_name,
				ogc_cli_options[i].name);
		} else {
			snprintf(want, sizeof(want), "\n  --%s",
				ogc_cli_options[i].name);
		}
		if (strstr(text, want) == NULL) {
			free(text);
			fail_msg("--help does not list %s", want + 1);
		}
	}
	assert_non_null(strstr(text, "\nNetwork:\n"));
	free(text);
}

/*
 * The values the shell completions offer are the ones --help names, so
 * the two cannot drift apart: "json" is a word of --format's help.
 */
static void
test_values_in_help(void **state)
{
	const struct ogc_cli_option *o;
	char word[64];
	const char *p;
	const char *at;
	size_t len;
	size_t i;

	(void)state;
	for (i = 0; i < ogc_cli_option_count; i++) {
		o = &ogc_cli_options[i];
		if (o->values == NULL) {
			continue;
		}
		assert_non_null(o->arg);
		for (p = o->values; *p != '\0'; p += len) {
			p += strspn(p, " ");
			len = strcspn(p, " ");
			assert_true(len > 0 && len < sizeof(word));
			memcpy(word, p, len);
			word[len] = '\0';
			/* a whole word: "x" is not the x of "text" */
			for (at = strstr(o->help, word); at != NULL;
				at = strstr(at + 1, word)) {
				if ((at == o->help || strchr(" \n(", at[-1]) != NULL) &&
					strchr(" \n,;:.)", at[len]) != NULL) {
					break;
				}
			}
			if (at == NULL) {
				fail_msg("--%s offers \"%s\", which its help does "
					"not name", o->name, word);
			}
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alphasorted_and_unique),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_help_lists_every_option),
		cmocka_unit_test(test_values_in_help),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
