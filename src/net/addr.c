/* addr.c: which IP addresses are private, loopback, link-local... */
/* SPDX-License-Identifier: MIT */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "net/net.h"

/* An IPv4 block: address and prefix length, host byte order. */
struct block {
	uint32_t net;
	unsigned bits;
	const char *kind;
};

/* The IPv4 blocks that are not the public internet (RFC 6890). */
static const struct block v4_blocks[] = {
	{0x00000000u, 8, "unspecified"},      /* 0.0.0.0/8 */
	{0x0a000000u, 8, "private"},          /* 10.0.0.0/8 */
	{0x64400000u, 10, "private"},         /* 100.64.0.0/10, carrier NAT */
	{0x7f000000u, 8, "loopback"},         /* 127.0.0.0/8 */
	{0xa9fe0000u, 16, "link-local"},      /* 169.254.0.0/16 */
	{0xac100000u, 12, "private"},         /* 172.16.0.0/12 */
	{0xc0000000u, 24, "special-purpose"}, /* 192.0.0.0/24 */
	{0xc0000200u, 24, "special-purpose"}, /* 192.0.2.0/24 */
	{0xc0a80000u, 16, "private"},         /* 192.168.0.0/16 */
	{0xc6120000u, 15, "special-purpose"}, /* 198.18.0.0/15 */
	{0xc6336400u, 24, "special-purpose"}, /* 198.51.100.0/24 */
	{0xcb007100u, 24, "special-purpose"}, /* 203.0.113.0/24 */
	{0xe0000000u, 4, "multicast"},        /* 224.0.0.0/4 */
	{0xf0000000u, 4, "special-purpose"},  /* 240.0.0.0/4, broadcast */
};

static const char *
v4_kind(const unsigned char *a)
{
	uint32_t ip = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 |
		(uint32_t)a[2] << 8 | (uint32_t)a[3];
	uint32_t mask;
	size_t i;

	for (i = 0; i < sizeof(v4_blocks) / sizeof(*v4_blocks); i++) {
		mask = 0xffffffffu << (32 - v4_blocks[i].bits);
		if ((ip & mask) == v4_blocks[i].net) {
			return v4_blocks[i].kind;
		}
	}
	return NULL;
}

static const char *
v6_kind(const unsigned char *a)
{
	static const unsigned char zero[16] = {0};
	static const unsigned char mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
	};
	static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b};

	if (memcmp(a, zero, 15) == 0 && a[15] == 1) {
		return "loopback";
	}
	if (memcmp(a, zero, 16) == 0) {
		return "unspecified";
	}
	/* IPv4-mapped and NAT64 addresses reach the IPv4 address inside */
	if (memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0) {
		return v4_kind(a + 12);
	}
	if (memcmp(a, zero, 12) == 0) {
		return "special-purpose"; /* IPv4-compatible, deprecated */
	}
	if ((a[0] & 0xfe) == 0xfc || (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)) {
		return "private"; /* unique local fc00::/7, site-local fec0::/10 */
	}
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) {
		return "link-local"; /* fe80::/10 */
	}
	if (a[0] == 0xff) {
		return "multicast";
	}
	if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8) {
		return "special-purpose"; /* 2001:db8::/32, documentation */
	}
	return NULL;
}

const char *
ogc_addr_kind(const struct sockaddr *sa)
{
	const struct sockaddr_in *v4;
	const struct sockaddr_in6 *v6;

	switch (sa->sa_family) {
	case AF_INET:
		v4 = (const struct sockaddr_in *)(const void *)sa;
		return v4_kind((const unsigned char *)&v4->sin_addr);
	case AF_INET6:
		v6 = (const struct sockaddr_in6 *)(const void *)sa;
		return v6_kind(v6->sin6_addr.s6_addr);
	default:
		return "special-purpose";
	}
}
