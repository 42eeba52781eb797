/* file.c: reading a whole small file, and replacing one atomically. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "render/json_out.h"
#include "store/store.h"
#include "util/util.h"

/*
 * Reads all of a file (at most 256 MiB) into a NUL-terminated buffer;
 * `what` names it in messages ("baseline").
 */
char *
ogc_store_slurp(const char *path, const char *what, struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	struct ogc_strbuf data = {0};
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		ogc_error_set(err, OGC_ERR_IO, path, none, "cannot read the "
			"%s: %s", what, strerror(errno));
		return NULL;
	}
	n = fread(chunk, 1, sizeof(chunk), f);
	while (n > 0 && data.len < 256u * 1024 * 1024) {
		ogc_strbuf_add(&data, chunk, n);
		n = fread(chunk, 1, sizeof(chunk), f);
	}
	fclose(f);
	if (data.failed || data.data == NULL) {
		ogc_strbuf_finish(&data);
		if (!data.failed) {
			ogc_error_set(err, OGC_ERR_USAGE, path, none, "not an "
				"ogcheck %s: the file is empty", what);
		} else {
			ogc_error_nomem(err);
		}
		return NULL;
	}
	return data.data;
}

/*
 * Writes tree (deleted here; NULL means out of memory) to path through a
 * temporary file beside it and a rename, so that a reader never sees half
 * a file. `what` names it in messages.
 */
bool
ogc_store_write_json(cJSON *tree, const char *path, const char *what,
	struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	struct ogc_strbuf tmp = {0};
	FILE *f;
	bool ok;

	ogc_strbuf_addf(&tmp, "%s.tmp%ld", path, (long)getpid());
	if (tmp.failed) {
		cJSON_Delete(tree);
		return ogc_error_nomem(err);
	}
	f = fopen(tmp.data, "w");
	if (f == NULL) {
		ogc_error_set(err, OGC_ERR_IO, path, none, "cannot write the "
			"%s: %s", what, strerror(errno));
		ogc_strbuf_finish(&tmp);
		cJSON_Delete(tree);
		return false;
	}
	ok = ogc_json_print(tree, f, err);
	if (fclose(f) != 0 && ok) {
		ogc_error_set(err, OGC_ERR_IO, path, none, "cannot write the "
			"%s: %s", what, strerror(errno));
		ok = false;
	}
	if (ok && rename(tmp.data, path) != 0) {
		ogc_error_set(err, OGC_ERR_IO, path, none, "cannot write the "
			"%s: %s", what, strerror(errno));
		ok = false;
	}
	if (!ok) {
		remove(tmp.data);
	}
	ogc_strbuf_finish(&tmp);
	return ok;
}
