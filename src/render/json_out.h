/* json_out.h: building and printing JSON with cJSON, for render/ and store/. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_RENDER_JSON_OUT_H
#define OGC_RENDER_JSON_OUT_H

#include <cjson/cJSON.h>

#include "render/render.h"

/** Adds a string member; false when out of memory. */
bool
ogc_json_add_string(cJSON *obj, const char *name, const char *value);

/** Adds a number member; false when out of memory. */
bool
ogc_json_add_number(cJSON *obj, const char *name, double value);

/**
 * Prints `tree` indented by two spaces (the layout of the JSON report),
 * deletes it, and reports out-of-memory (tree NULL, or printing failed) or
 * a write error in err. Takes ownership of tree.
 */
bool
ogc_json_print(cJSON *tree, FILE *out, struct ogc_error *err);

#endif
