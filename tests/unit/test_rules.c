/* test_rules.c: rule files, merging by id, and their errors. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

static struct ogc_ruleset *
builtin(void)
{
	struct ogc_error err = {0};
	struct ogc_ruleset *rules = ogc_ruleset_create(&err);

	assert_non_null(rules);
	assert_true(ogc_ruleset_load_builtin(rules, &err));
	return rules;
}

static const struct ogc_rule *
must_find(const struct ogc_ruleset *rules, const char *id)
{
	const struct ogc_rule *rule = ogc_ruleset_find(rules, id);

	if (rule == NULL) {
		fail_msg("rule %s not found", id);
	}
	return rule;
}

static void
test_builtin_ids(void **state)
{
	static const char *const ids[] = {
		"canonical-multiple", "canonical-target", "date-filename",
		"date-format", "date-future", "date-order", "description-agree",
		"description-duplicate", "description-length",
		"file-unreadable", "front-matter-invalid", "front-matter-missing",
		"front-matter-unread", "html-not-utf8", "image-icon",
		"image-in-site", "image-reachable", "image-shared", "image-size",
		"image-svg", "limit-aliases", "limit-depth", "limit-diagnostics",
		"limit-download-size", "limit-front-matter-size",
		"limit-line-length", "limit-redirects", "limit-url-length",
		"limit-values", "locale-lang", "meta-duplicate",
		"meta-outside-head", "not-a-page", "og-locale", "og-required",
		"og-type", "redirect-target", "robots-blocks-card",
		"suppression-unused", "title-agree", "title-duplicate",
		"title-length", "title-missing",
		"url-canonical", "url-duplicate",
		"url-entity", "url-format", "url-reachable", "url-relative",
	};
	struct ogc_ruleset *rules = builtin();
	struct ogc_rule_info info;
	size_t i;

	(void)state;
	assert_int_equal(ogc_ruleset_count(rules), sizeof(ids) / sizeof(*ids));
	for (i = 0; i < sizeof(ids) / sizeof(*ids); i++) {
		assert_true(ogc_ruleset_info(rules, i, &info));
		/* kept sorted by id */
		assert_string_equal(info.id, ids[i]);
		assert_int_equal(info.network,
			strcmp(ids[i], "image-reachable") == 0 ||
			strcmp(ids[i], "image-size") == 0 ||
			strcmp(ids[i], "url-reachable") == 0);
	}
	assert_false(ogc_ruleset_info(rules, i, &info));
	assert_int_equal(must_find(rules, "og-required")->group_count, 4);
	assert_int_equal(must_find(rules, "og-required")->severity,
		OGC_SEV_ERROR);
	assert_int_equal(must_find(rules, "front-matter-missing")->severity,
		OGC_SEV_WARNING);
	assert_null(must_find(rules, "front-matter-missing")->kind);
	ogc_ruleset_destroy(rules);
}

static bool
load(struct ogc_ruleset *rules, const char *text, struct ogc_error *err)
{
	return ogc_ruleset_load_buffer(rules, "user.yaml", text, strlen(text),
		err);
}

static void
test_override_by_id(void **state)
{
	struct ogc_ruleset *rules = builtin();
	struct ogc_error err = {0};
	const struct ogc_rule *rule;
	unsigned long max = 0;

	(void)state;
	assert_true(load(rules, "rules:\n  - id: title-length\n    max: 70\n"
		"    severity: error\n  - id: og-locale\n    severity: off\n"
		"  - id: front-matter-missing\n    severity: info\n"
		"    description: mine\n", &err));
	rule = must_find(rules, "title-length");
	assert_int_equal(rule->severity, OGC_SEV_ERROR);
	/* fields and check stay as the built-in file gave them */
	assert_string_equal(rule->kind->name, "length");
	assert_int_equal(rule->groups[0].count, 5);
	assert_true(ogc_param_uint(&rule->groups[0], "max", &max, &err));
	assert_int_equal(max, 70);
	assert_int_equal(must_find(rules, "og-locale")->severity, OGC_SEV_OFF);
	assert_string_equal(must_find(rules, "front-matter-missing")->description,
		"mine");
	assert_int_equal(ogc_ruleset_count(rules), 49);
	ogc_ruleset_destroy(rules);
}

/*
 * Paths of the same text are one pointer (a document's memo of lookups
 * finds them by it), in rules of the built-in file, of a user's file
 * loaded after it, and in aliases; the texts stay as written.
 */
static void
test_paths_shared(void **state)
{
	struct ogc_ruleset *rules = builtin();
	const struct ogc_rule_table *table = ogc_ruleset_table(rules);
	struct ogc_error err = {0};
	const char *mine;
	const char *alias;
	const char *builtin_path;
	size_t count = 0;

	(void)state;
	assert_true(load(rules, "aliases:\n  og.title: [headline, title]\n"
		"rules:\n  - id: title-plain\n    check: pattern\n"
		"    pattern: \"[^|]*\"\n    fields: [title, headline]\n",
		&err));
	builtin_path = must_find(rules, "title-length")->groups[0].paths[0];
	assert_string_equal(builtin_path, "title");
	mine = must_find(rules, "title-plain")->groups[0].paths[0];
	assert_string_equal(mine, "title");
	assert_ptr_equal(mine, builtin_path);
	alias = ogc_rule_table_aliases(table, "og.title", &count)[1];
	assert_int_equal(count, 2);
	assert_ptr_equal(alias, builtin_path);
	assert_ptr_equal(ogc_rule_table_aliases(table, "og.title", &count)[0],
		must_find(rules, "title-plain")->groups[0].paths[1]);
	assert_string_equal(must_find(rules, "title-plain")->groups[0].paths[1],
		"headline");
	ogc_ruleset_destroy(rules);
}

static void
test_add_and_extends_none(void **state)
{
	struct ogc_ruleset *rules = builtin();
	struct ogc_error err = {0};

	(void)state;
	assert_true(load(rules, "rules:\n  - id: author\n    check: required\n"
		"    fields: author\n", &err));
	assert_int_equal(ogc_ruleset_count(rules), 50);
	/* a new rule without severity is a warning */
	assert_int_equal(must_find(rules, "author")->severity, OGC_SEV_WARNING);
	assert_true(load(rules, "extends: none\nrules:\n  - id: slug\n"
		"    check: pattern\n    pattern: \"[a-z-]+\"\n    fields: slug\n",
		&err));
	assert_int_equal(ogc_ruleset_count(rules), 1);
	assert_null(ogc_ruleset_find(rules, "title-length"));
	ogc_ruleset_destroy(rules);
}

static void
test_other_forms(void **state)
{
	struct ogc_ruleset *rules = builtin();
	struct ogc_error err = {0};
	const struct ogc_rule *rule;

	(void)state;
	/* rules as a map from ids, with a severity alone as shorthand */
	assert_true(load(rules, "rules:\n  title-length: {max: 70}\n"
		"  og-locale: off\n  slug:\n    check: required\n"
		"    field: slug\n", &err));
	assert_int_equal(must_find(rules, "og-locale")->severity, OGC_SEV_OFF);
	rule = must_find(rules, "slug");
	/* `field` reads as `fields` */
	assert_int_equal(rule->group_count, 1);
	assert_string_equal(rule->groups[0].paths[0], "slug");
	/* a bare list of rules at the top */
	assert_true(load(rules, "- id: og-type\n  severity: error\n", &err));
	assert_int_equal(must_find(rules, "og-type")->severity, OGC_SEV_ERROR);
	ogc_ruleset_destroy(rules);
}

/* Loads `text` over the built-in rules; asserts the error's place. */
static void
assert_rule_error(const char *text, unsigned line, unsigned column,
	const char *part)
{
	struct ogc_ruleset *rules = builtin();
	struct ogc_error err = {0};

	if (load(rules, text, &err)) {
		fail_msg("loaded: %s", text);
	}
	assert_int_equal(err.status, OGC_ERR_RULES);
	assert_non_null(err.file);
	assert_string_equal(err.file, "user.yaml");
	if (err.pos.line != line || err.pos.column != column ||
		strstr(err.msg, part) == NULL) {
		fail_msg("got %u:%u: %s; want %u:%u: ...%s...", err.pos.line,
			err.pos.column, err.msg, line, column, part);
	}
	ogc_ruleset_destroy(rules);
}

static void
test_errors(void **state)
{
	(void)state;
	assert_rule_error("rules:\n  - id: x\n    check: lenght\n"
		"    fields: t\n", 3, 12, "unknown check \"lenght\"");
	assert_rule_error("rules:\n  - id: title-length\n    maximum: 1\n",
		3, 14, "unknown key \"maximum\"");
	assert_rule_error("rules:\n  - id: title-length\n    severity: fatal\n",
		3, 15, "severity must be");
	assert_rule_error("rules:\n  - check: required\n    fields: t\n",
		2, 5, "needs an id");
	assert_rule_error("rules:\n  - id: Bad_Id\n", 2, 9, "kebab-case");
	assert_rule_error("rules:\n  - id: x\n    check: required\n",
		2, 5, "no fields");
	assert_rule_error("rules:\n  - id: x\n    fields: t\n",
		2, 5, "no check");
	assert_rule_error("rules:\n  - id: x\n    check: length\n    min: 5\n"
		"    max: 2\n    fields: t\n", 4, 10, "min (5) is larger");
	assert_rule_error("rules:\n  - id: x\n    check: length\n"
		"    fields: t\n", 2, 5, "needs min, max");
	assert_rule_error("rules:\n  - id: date-format\n"
		"    formats: [iso8601, \"%Q\"]\n", 3, 24, "%Q");
	assert_rule_error("rules:\n  - id: front-matter-missing\n"
		"    check: required\n", 3, 12, "file-level rule");
	assert_rule_error("just text\n", 1, 1, "a map with a rules: list");
	assert_rule_error("rules: 5\n", 1, 8, "list of rules or a map");
	assert_rule_error("rules:\n  title-length: fatal\n", 2, 17,
		"severity must be");
	assert_rule_error("rules:\n  title-length:\n    id: other\n", 3, 9,
		"differs from the rule's key");
	assert_rule_error("rules:\n  - 5\n", 2, 5, "must be a map with an id");
	assert_rule_error("rules:\n  - id: x\n   check: required\n", 3, 4,
		"did not find expected");
	assert_rule_error("rulez: []\n", 1, 1, "unknown key \"rulez\"");
	assert_rule_error("rules:\n  - id: x\n    check: required\n"
		"    fields: [a, [b]]\n", 4, 14, "mixes paths and groups");
	assert_rule_error("rules:\n  - id: x\n    check: length\n    max: 3\n"
		"    fields:\n      - fields: [a]\n        maxi: 2\n", 7, 15,
		"unknown key \"maxi\"");
}

static void
test_missing_file(void **state)
{
	struct ogc_ruleset *rules = builtin();
	struct ogc_error err = {0};

	(void)state;
	assert_false(ogc_ruleset_load_file(rules, "no/such/rules.yaml", &err));
	assert_int_equal(err.status, OGC_ERR_IO);
	assert_string_equal(err.file, "no/such/rules.yaml");
	assert_non_null(strstr(err.msg, "No such file"));
	ogc_ruleset_destroy(rules);
}

static void
test_discover(void **state)
{
	char top[] = "/tmp/ogc-discover-XXXXXX";
	char child[64];
	char grandchild[96];
	char config[96];
	char *found;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(top));
	snprintf(child, sizeof(child), "%s/a", top);
	snprintf(grandchild, sizeof(grandchild), "%s/a/b", top);
	snprintf(config, sizeof(config), "%s/a/.ogcheck.yaml", top);
	assert_int_equal(mkdir(child, 0700), 0);
	assert_int_equal(mkdir(grandchild, 0700), 0);
	/* nothing above may hold one for the "absent" half to mean much */
	found = ogc_rules_discover(grandchild);
	if (found != NULL) {
		assert_null(strstr(found, top));
		free(found);
	}
	f = fopen(config, "w");
	assert_non_null(f);
	fputs("rules: []\n", f);
	fclose(f);
	found = ogc_rules_discover(grandchild);
	assert_non_null(found);
	assert_non_null(strstr(found, "/a/.ogcheck.yaml"));
	free(found);
	found = ogc_rules_discover(child);
	assert_non_null(found);
	free(found);
	assert_int_equal(unlink(config), 0);
	assert_int_equal(rmdir(grandchild), 0);
	assert_int_equal(rmdir(child), 0);
	assert_int_equal(rmdir(top), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_ids),
		cmocka_unit_test(test_override_by_id),
		cmocka_unit_test(test_paths_shared),
		cmocka_unit_test(test_add_and_extends_none),
		cmocka_unit_test(test_other_forms),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_discover),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
