/* strbuf.c: a growable NUL-terminated string that remembers failure. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static bool
reserve(struct ogc_strbuf *buf, size_t extra)
{
	size_t need;

	if (buf->failed) {
		return false;
	}
	need = buf->len + extra + 1;
	if (!ogc_array_reserve(&buf->data, &buf->cap, need, 1, 64)) {
		buf->failed = true;
		return false;
	}
	return true;
}

void
ogc_strbuf_finish(struct ogc_strbuf *buf)
{
	free(buf->data);
	buf->data = NULL;
	buf->len = 0;
	buf->cap = 0;
	buf->failed = false;
}

void
ogc_strbuf_add(struct ogc_strbuf *buf, const char *s, size_t len)
{
	if (!reserve(buf, len)) {
		return;
	}
	memcpy(buf->data + buf->len, s, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

void
ogc_strbuf_addf(struct ogc_strbuf *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !reserve(buf, (size_t)n)) {
		buf->failed = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf->len += (size_t)n;
}

size_t
ogc_str_join(char *buf, size_t size, const char *const *parts,
	size_t count)
{
	size_t len = 0;
	size_t n;
	size_t i;

	for (i = 0; i < count && len + 1 < size; i++) {
		n = strlen(parts[i]);
		if (n > size - 1 - len) {
			n = size - 1 - len;
		}
		memcpy(buf + len, parts[i], n);
		len += n;
	}
	buf[len] = '\0';
	return len;
}
