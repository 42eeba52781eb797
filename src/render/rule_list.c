/* rule_list.c: --list-rules as JSON. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "render/json_out.h"

static cJSON *
build_rules(const struct ogc_ruleset *rules)
{
	struct ogc_rule_info info;
	cJSON *list = cJSON_CreateArray();
	cJSON *obj;
	size_t i;

	if (list == NULL) {
		return NULL;
	}
	for (i = 0; ogc_ruleset_info(rules, i, &info); i++) {
		obj = cJSON_CreateObject();
		if (obj == NULL || !cJSON_AddItemToArray(list, obj)) {
			cJSON_Delete(obj);
			goto fail;
		}
		if (!ogc_json_add_string(obj, "id", info.id) ||
			!ogc_json_add_string(obj, "severity",
			ogc_severity_name(info.severity)) ||
			!ogc_json_add_string(obj, "check", info.check) ||
			cJSON_AddBoolToObject(obj, "network", info.network) == NULL ||
			!ogc_json_add_string(obj, "description", info.description) ||
			(info.help[0] != '\0' &&
			!ogc_json_add_string(obj, "help", info.help))) {
			goto fail;
		}
	}
	return list;
fail:
	cJSON_Delete(list);
	return NULL;
}

bool
ogc_ruleset_write_json(const struct ogc_ruleset *rules, FILE *out,
	struct ogc_error *err)
{
	return ogc_json_print(build_rules(rules), out, err);
}
