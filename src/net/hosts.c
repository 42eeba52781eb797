/* hosts.c: the hosts of one fetch: caps, HTTP/2, health and counts. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

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
	h->ms += ms;
	if (answered) {
		h->fail_kind = NULL;
		h->fail_run = 0;
		return false;
	}
	h->failures++;
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
