/* test_netaddr.c: unit tests of ogc_addr_kind (--no-private-addresses). */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "net/net.h"

/* The kind of address text `ip` ("" for a public one). */
static const char *
kind_of(const char *ip)
{
	struct sockaddr_in v4;
	struct sockaddr_in6 v6;
	const char *kind;

	memset(&v4, 0, sizeof(v4));
	memset(&v6, 0, sizeof(v6));
	if (inet_pton(AF_INET, ip, &v4.sin_addr) == 1) {
		v4.sin_family = AF_INET;
		kind = ogc_addr_kind((const struct sockaddr *)&v4);
	} else if (inet_pton(AF_INET6, ip, &v6.sin6_addr) == 1) {
		v6.sin6_family = AF_INET6;
		kind = ogc_addr_kind((const struct sockaddr *)&v6);
	} else {
		fail_msg("bad test address %s", ip);
		return NULL;
	}
	return kind != NULL ? kind : "";
}

static void
test_ipv4(void **state)
{
	(void)state;
	assert_string_equal(kind_of("127.0.0.1"), "loopback");
	assert_string_equal(kind_of("127.255.255.254"), "loopback");
	assert_string_equal(kind_of("10.0.0.1"), "private");
	assert_string_equal(kind_of("172.16.0.1"), "private");
	assert_string_equal(kind_of("172.31.255.255"), "private");
	assert_string_equal(kind_of("192.168.1.1"), "private");
	assert_string_equal(kind_of("100.64.0.1"), "private");
	assert_string_equal(kind_of("169.254.169.254"), "link-local");
	assert_string_equal(kind_of("0.0.0.0"), "unspecified");
	assert_string_equal(kind_of("224.0.0.1"), "multicast");
	assert_string_equal(kind_of("255.255.255.255"), "special-purpose");
	assert_string_equal(kind_of("192.0.2.10"), "special-purpose");
	/* the blocks' neighbours are public */
	assert_string_equal(kind_of("8.8.8.8"), "");
	assert_string_equal(kind_of("172.15.255.255"), "");
	assert_string_equal(kind_of("172.32.0.0"), "");
	assert_string_equal(kind_of("100.128.0.1"), "");
	assert_string_equal(kind_of("11.0.0.1"), "");
	assert_string_equal(kind_of("126.255.255.255"), "");
	assert_string_equal(kind_of("128.0.0.1"), "");
	assert_string_equal(kind_of("223.255.255.255"), "");
}

static void
test_ipv6(void **state)
{
	(void)state;
	assert_string_equal(kind_of("::1"), "loopback");
	assert_string_equal(kind_of("::"), "unspecified");
	assert_string_equal(kind_of("fe80::1"), "link-local");
	assert_string_equal(kind_of("febf::1"), "link-local");
	assert_string_equal(kind_of("fc00::1"), "private");
	assert_string_equal(kind_of("fd12:3456::1"), "private");
	assert_string_equal(kind_of("ff02::1"), "multicast");
	assert_string_equal(kind_of("2001:db8::1"), "special-purpose");
	/* IPv4 inside IPv6 is judged by the IPv4 address */
	assert_string_equal(kind_of("::ffff:127.0.0.1"), "loopback");
	assert_string_equal(kind_of("::ffff:10.1.2.3"), "private");
	assert_string_equal(kind_of("::ffff:8.8.8.8"), "");
	assert_string_equal(kind_of("64:ff9b::192.168.0.1"), "private");
	assert_string_equal(kind_of("64:ff9b::8.8.4.4"), "");
	assert_string_equal(kind_of("::127.0.0.1"), "special-purpose");
	/* public */
	assert_string_equal(kind_of("2001:4860:4860::8888"), "");
	assert_string_equal(kind_of("2a00:1450::1"), "");
	assert_string_equal(kind_of("fec0::1"), "private");
	assert_string_equal(kind_of("fb00::1"), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_ipv6),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
