/* error.c: filling struct ogc_error, and severity names. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "util/util.h"

void
ogc_error_set(struct ogc_error *err, enum ogc_status status,
	const char *file, struct ogc_pos pos, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL) {
		return;
	}
	err->status = status;
	err->file = file;
	err->pos = pos;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

bool
ogc_error_nomem(struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};

	ogc_error_set(err, OGC_ERR_NOMEM, NULL, none, "out of memory");
	return false;
}

/* Indexed by enum ogc_severity. */
static const char *const severity_names[] = {
	"off",
	"info",
	"warning",
	"error",
};

const char *
ogc_severity_name(enum ogc_severity severity)
{
	if ((unsigned)severity >= sizeof(severity_names) / sizeof(*severity_names)) {
		return "off";
	}
	return severity_names[severity];
}

bool
ogc_severity_parse(const char *name, enum ogc_severity *out)
{
	size_t i;

	for (i = 0; i < sizeof(severity_names) / sizeof(*severity_names); i++) {
		if (strcmp(name, severity_names[i]) == 0) {
			*out = (enum ogc_severity)i;
			return true;
		}
	}
	/* as eslint and pylint users write it */
	if (strcmp(name, "warn") == 0) {
		*out = OGC_SEV_WARNING;
		return true;
	}
	return false;
}
