/* rule_tables.c: prints the rule loader's tables as JSON, for
 * tests/schema_check.py to hold schema/ogcheck.schema.json against. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "checks/check.h"
#include "rules/rules.h"

/*
 * The names in the tables are plain ASCII words (check kinds, keys, rule
 * ids); anything that would need escaping in JSON is a bug to report.
 */
static bool
print_string(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '"' || s[i] == '\\' || (unsigned char)s[i] < 0x20 ||
			(unsigned char)s[i] >= 0x7f) {
			fprintf(stderr, "rule_tables: a name to escape: %s\n", s);
			return false;
		}
	}
	printf("\"%s\"", s);
	return true;
}

/* A NULL-ended list as a JSON array. */
static bool
print_list(const char *const *list)
{
	size_t i;

	printf("[");
	for (i = 0; list[i] != NULL; i++) {
		printf("%s", i > 0 ? ", " : "");
		if (!print_string(list[i])) {
			return false;
		}
	}
	printf("]");
	return true;
}

/* The names of the embedded rule files of a kind ("profiles"). */
static bool
print_embedded(const char *kind)
{
	const struct ogc_embedded *e;
	size_t n = strlen(kind);
	bool first = true;

	printf("[");
	for (e = ogc_embedded_rules; e->name != NULL; e++) {
		if (strncmp(e->name, kind, n) != 0 || e->name[n] != '/') {
			continue;
		}
		printf("%s", first ? "" : ", ");
		first = false;
		if (!print_string(e->name + n + 1)) {
			return false;
		}
	}
	printf("]");
	return true;
}

int
main(void)
{
	const struct ogc_check_kind *const *kinds;
	const char *file_keys[32];
	size_t count;
	size_t i;
	int s;

	kinds = ogc_check_kinds(&count);
	printf("{\n\"kinds\": {");
	for (i = 0; i < count; i++) {
		printf("%s\n  ", i > 0 ? "," : "");
		if (!print_string(kinds[i]->name)) {
			return 1;
		}
		printf(": {\"network\": %s, \"params\": ",
			kinds[i]->network ? "true" : "false");
		if (!print_list(kinds[i]->params)) {
			return 1;
		}
		printf("}");
	}
	printf("},\n\"rule_keys\": ");
	if (!print_list(ogc_rule_common_keys)) {
		return 1;
	}
	printf(",\n\"file_level_ids\": ");
	if (!print_list(ogc_rule_file_level_ids)) {
		return 1;
	}
	for (i = 0; i + 1 < sizeof(file_keys) / sizeof(*file_keys) &&
		ogc_rule_file_key(i) != NULL; i++) {
		file_keys[i] = ogc_rule_file_key(i);
	}
	file_keys[i] = NULL;
	printf(",\n\"file_keys\": ");
	if (!print_list(file_keys)) {
		return 1;
	}
	printf(",\n\"severities\": [");
	for (s = OGC_SEV_OFF; s <= OGC_SEV_ERROR; s++) {
		printf("%s\"%s\"", s > OGC_SEV_OFF ? ", " : "",
			ogc_severity_name((enum ogc_severity)s));
	}
	printf("],\n\"profiles\": ");
	if (!print_embedded("profiles")) {
		return 1;
	}
	printf(",\n\"presets\": ");
	if (!print_embedded("presets")) {
		return 1;
	}
	printf("\n}\n");
	return 0;
}
