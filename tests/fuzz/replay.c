/* replay.c: runs a fuzz target over seed files, in the sanitizer build. */
/* SPDX-License-Identifier: MIT */
/*
 * Linked with one fuzz_<name>.c instead of libFuzzer's main, so that the
 * gcc ASan+UBSan test build replays every seed and regression of
 * tests/fuzz as an ordinary meson test (suite fuzz-replay):
 *   replay_<name> DIR_OR_FILE...
 * A folder that does not exist is skipped (not every target has
 * regressions). Exit status 1 when nothing was replayed.
 */
#define _DEFAULT_SOURCE /* d_type of readdir() */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Defined by the targets that set something up once; else NULL. */
int
LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Runs the target on one file; false when it cannot be read. */
static bool
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t len = 0;
	size_t cap = 0;
	size_t n;
	unsigned char *v;

	if (f == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return false;
	}
	for (;;) {
		if (len == cap) {
			cap = cap != 0 ? cap * 2 : 4096;
			v = realloc(data, cap);
			if (v == NULL) {
				free(data);
				fclose(f);
				return false;
			}
			data = v;
		}
		n = fread(data + len, 1, cap - len, f);
		if (n == 0) {
			break;
		}
		len += n;
	}
	fclose(f);
	/* an exact-size copy, so that ASan sees a read past the end */
	v = malloc(len != 0 ? len : 1);
	if (v == NULL) {
		free(data);
		return false;
	}
	memcpy(v, data, len);
	free(data);
	LLVMFuzzerTestOneInput(v, len);
	free(v);
	return true;
}

/* Replays every regular file of a folder; returns how many. */
static long
replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	long count = 0;

	if (d == NULL) {
		return 0;
	}
	for (;;) {
		e = readdir(d);
		if (e == NULL) {
			break;
		}
		if (e->d_name[0] == '.') {
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (!replay_file(path)) {
			closedir(d);
			return -1;
		}
		count++;
	}
	closedir(d);
	return count;
}

int
main(int argc, char **argv)
{
	struct stat st;
	long total = 0;
	long n;
	int i;

	if (LLVMFuzzerInitialize != NULL) {
		LLVMFuzzerInitialize(&argc, &argv);
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) != 0) {
			continue;
		}
		n = S_ISDIR(st.st_mode) ? replay_dir(argv[i]) :
			(replay_file(argv[i]) ? 1 : -1);
		if (n < 0) {
			return 1;
		}
		total += n;
	}
	printf("replay: %ld inputs\n", total);
	return total > 0 ? 0 : 1;
}
