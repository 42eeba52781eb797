/* curl_text.c: libcurl's errors in the words of a diagnostic. */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "net/curl_load.h"
#include "net/fetch_parts.h"

/*
 * Removes the timings libcurl puts in its error texts ("after 1001
 * milliseconds", "after 0 ms"), so that a report is the same every run.
 *
 *     "Failed to connect to x port 1 after 0 ms: Couldn't connect"
 *  -> "Failed to connect to x port 1: Couldn't connect"
 */
void
ogc_curl_drop_timings(char *s)
{
	char *at = strstr(s, " after ");
	char *p;

	while (at != NULL) {
		p = at + 7;
		while (*p >= '0' && *p <= '9') {
			p++;
		}
		if (p > at + 7 && strncmp(p, " ms", 3) == 0) {
			p += 3;
		} else if (p > at + 7 && strncmp(p, " milliseconds", 13) == 0) {
			p += 13;
		} else {
			at = strstr(at + 1, " after ");
			continue;
		}
		memmove(at, p, strlen(p) + 1);
		at = strstr(at, " after ");
	}
}

/* What a libcurl error means, in the words of a diagnostic. */
const char *
ogc_curl_error_kind(int rc)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		return "timed out";
	case CURLE_COULDNT_CONNECT:
		return "could not connect";
	case CURLE_COULDNT_RESOLVE_HOST:
		return "host not found";
	case CURLE_COULDNT_RESOLVE_PROXY:
		return "proxy not found";
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_USE_SSL_FAILED:
		return "TLS error";
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
		return "connection closed without a whole answer";
	default:
		return "request failed";
	}
}
