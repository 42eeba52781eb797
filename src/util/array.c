/* array.c: the one checked growth of a heap array. */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>

#include "util/util.h"

bool
ogc_array_reserve(void *items, size_t *cap, size_t need, size_t size,
	size_t first)
{
	void **p = items;
	size_t n = *cap != 0 ? *cap : first;
	void *v;

	if (need <= *cap) {
		return true;
	}
	while (n < need) {
		if (n > SIZE_MAX / 2) {
			n = need;
			break;
		}
		n *= 2;
	}
	if (size != 0 && n > SIZE_MAX / size) {
		return false;
	}
	/* *cap changes only once the memory is there: a failed growth
	   leaves the array as it was, still safe to use and to free */
	v = realloc(*p, n * size);
	if (v == NULL) {
		return false;
	}
	*p = v;
	*cap = n;
	return true;
}
