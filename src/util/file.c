/* file.c: reading a small file whole (configs, templates, .gitignore). */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/util.h"

char *
ogc_read_small_file(const char *dir, const char *name, size_t max,
	size_t *len)
{
	char path[4096];
	char *buf;
	ssize_t n;
	size_t got = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		return NULL;
	}
	buf = malloc(max + 1);
	while (buf != NULL && got < max) {
		n = read(fd, buf + got, max - got);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;
		}
		got += (size_t)n;
	}
	close(fd);
	if (buf != NULL) {
		buf[got] = '\0';
		*len = got;
	}
	return buf;
}
