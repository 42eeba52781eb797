/* hosts.c: the hosts of one fetch: caps, HTTP/2, health and counts. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/curl_load.h"
#include "net/fetch_parts.h"
#include "util/util.h"

/* "host:port" of an absolute URL into key[]; "" when it has none. */
static void
host_key(const char *url, char *key, size_t size)
{
	CURLU *h = curl_url();
	char *host = NULL;
	char *port = NULL;

	key[0] = '\0';
	if (h != NULL && curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK &&
		curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
		curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ==
		CURLUE_OK) {
		snprintf(key, size, "%s:%s", host, port);
	}
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(h);
}

bool
ogc_host_find(struct ogc_host_table *t, const char *url, size_t *out)
{
	char key[300];
	struct ogc_host *h;
	size_t i;

	host_key(url, key, sizeof(key));
	for (i = 0; i < t->count; i++) {
		if (strcmp(t->hosts[i].key, key) == 0) {
			*out = i;
			return true;
		}
	}
	if (!ogc_array_reserve(&t->hosts, &t->cap, t->count + 1,
		sizeof(*t->hosts), 16)) {
		return false;
	}
	h = &t->hosts[t->count];
	memset(h, 0, sizeof(*h));
	h->key = strdup(key);
	if (h->key == NULL) {
		return false;
	}
	*out = t->count++;
	return true;
}

size_t
ogc_host_name_len(const char *key)
{
	const char *colon = strrchr(key, ':');

	if (colon != NULL && (strcmp(colon, ":80") == 0 ||
		strcmp(colon, ":443") == 0)) {
		return (size_t)(colon - key);
	}
	return strlen(key);
}

bool
ogc_host_table_stats(const struct ogc_host_table *t,
	struct ogc_host_stats **out, size_t *count)
{
	struct ogc_host_stats *s;
	const struct ogc_host *h;
	size_t i;

	*out = NULL;
	*count = 0;
	if (t->count == 0) {
		return true;
	}
	s = calloc(t->count, sizeof(*s));
	if (s == NULL) {
		return false;
	}
	for (i = 0; i < t->count; i++) {
		h = &t->hosts[i];
		s[i].host = strndup(h->key, ogc_host_name_len(h->key));
		if (s[i].host == NULL) {
			while (i-- > 0) {
				free((char *)s[i].host);
			}
			free(s);
			return false;
		}
		s[i].requests = h->requests;
		s[i].failures = h->failures;
		s[i].timed_out = h->by_kind[0];
		s[i].not_found = h->by_kind[1];
		s[i].refused = h->by_kind[2];
		s[i].tls = h->by_kind[3];
		s[i].down = h->down;
		s[i].ms = h->ms;
	}
	*out = s;
	*count = t->count;
	return true;
}

void
ogc_host_table_finish(struct ogc_host_table *t)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		free(t->hosts[i].key);
	}
	free(t->hosts);
	memset(t, 0, sizeof(*t));
}

unsigned
ogc_host_slots(const struct ogc_host *h, unsigned active, unsigned streams)
{
	if (!h->multiplexed || streams <= 1) {
		return active;
	}
	return (active + streams - 1) / streams;
}

/*
 * A host is down after OGC_HOST_DOWN_AFTER failures of the same kind with
 * no answer in between: failures of different kinds (a timeout, then a
 * refused connection) start the count again, as does any HTTP answer, so
 * a host that is only slow now and then is still asked.
 */
bool
ogc_host_record(struct ogc_host *h, bool answered, const char *kind,
	long long ms)
{
	/* the order of h->by_kind */
	static const char *const kinds[] = {
		"timed out", "host not found", "could not connect", "TLS error",
	};
	size_t k;

	h->ms += ms;
	if (answered) {
		h->fail_kind = NULL;
		h->fail_run = 0;
		return false;
	}
	h->failures++;
	for (k = 0; kind != NULL && k < sizeof(kinds) / sizeof(*kinds); k++) {
		if (strcmp(kind, kinds[k]) == 0) {
			h->by_kind[k]++;
		}
	}
	if (kind == NULL || h->down) {
		return false;
	}
	if (h->fail_kind != NULL && strcmp(h->fail_kind, kind) == 0) {
		h->fail_run++;
	} else {
		h->fail_kind = kind;
		h->fail_run = 1;
	}
	h->down = h->fail_run >= OGC_HOST_DOWN_AFTER;
	return h->down;
}
