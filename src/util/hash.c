/* hash.c: the one string hash (FNV-1a), for hash sets and sharding. */
/* SPDX-License-Identifier: MIT */
#include "util/util.h"

uint32_t
ogc_hash32(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

uint64_t
ogc_hash64(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}
