/* fetch.c: fetching URLs in one libcurl multi loop, and libcurl setup. */
/* SPDX-License-Identifier: MIT */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "net/curl_load.h"
#include "net/fetch_parts.h"
#include "net/net.h"
#include "util/util.h"

/*
 * Fetching. Every distinct URL gets one job; a job goes through requests
 * one at a time (redirect hops, a GET after a refused HEAD, retries), and
 * the jobs run side by side in one libcurl multi loop. The caps count
 * connections: over HTTP/1.1 a request is a connection, over HTTP/2 up to
 * `streams_per_connection` requests share one (libcurl also keeps to the
 * server's SETTINGS_MAX_CONCURRENT_STREAMS). The loop starts a job only
 * while the requests running take fewer than `jobs` connections in all
 * and fewer than `jobs_per_host` at the job's host; libcurl is told the
 * same caps (CURLMOPT_MAX_TOTAL_CONNECTIONS, _MAX_HOST_CONNECTIONS), and
 * a host counts as HTTP/2 once it has answered over it. One share handle
 * keeps DNS answers, connections and TLS sessions for the whole fetch.
 * Redirects are followed here, not by libcurl, so that every hop is
 * checked for its scheme, for loops and against the per-host cap.
 */

/* The first bytes asked for when the image header is wanted. */
#define RANGE "0-65535"
/* The longest wait a Retry-After header is honoured for. */
#define RETRY_AFTER_MAX_MS 30000
/* The first wait before a retry when the server names none. */
#define BACKOFF_MS 500

struct job {
	struct ogc_fetch *f;
	CURL *easy;            /* the running request, or NULL */
	char *url;             /* owned: the URL of this hop */
	char **seen;           /* owned: the hops so far, for loops */
	size_t seen_count;
	size_t host;           /* index in fetcher.hosts */
	bool head;             /* this request is a HEAD */
	unsigned retries;
	long long not_before;  /* monotonic ms before which it waits */
	bool delayed;          /* counted in fetcher.delayed */
	long long started;     /* monotonic ms when the request started */
	unsigned char *body;   /* the first bytes, for the image header */
	size_t body_len;
	size_t received;
	bool image_done;       /* the header was read, or cannot be */
	bool stopped;          /* the body was cut short on purpose */
	long long range_total; /* the size a Content-Range gave; -1 */
	struct job *leader;    /* the job whose URL this one redirected to,
	                          whose answer it waits for; NULL */
	struct job *followers; /* jobs waiting for this one's answer */
	struct job *next_follower;
	char refused[80];      /* "127.0.0.1, a loopback address": an address
	                          --no-private-addresses refused, or "" */
	char errbuf[CURL_ERROR_SIZE];
};

struct fetcher {
	CURLM *multi;
	CURLSH *share; /* DNS, connections and TLS sessions */
	const struct ogc_options *options;
	struct job *jobs;
	size_t count;
	struct job **ready; /* waiting to start a request, in order */
	size_t ready_count;
	struct job **by_url; /* every job, sorted by its first URL */
	struct ogc_host_table hosts;
	size_t active;
	size_t slots; /* connections the running requests take */
	size_t multiplexed; /* hosts that answered over HTTP/2 */
	size_t host_down;   /* hosts found down */
	size_t delayed; /* ready jobs with a not_before still to come */
	size_t done;
	size_t failed;
	size_t kept; /* bytes of whole images kept (want_body) */
	bool nomem;
};

void
ogc_fetch_clear(struct ogc_fetch *f)
{
	free(f->url);
	free(f->final_url);
	free(f->content_type);
	free(f->error);
	free(f->body);
	memset(f, 0, sizeof(*f));
	f->bytes = -1;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The host of job j. */
static struct ogc_host *
host_of(struct fetcher *ft, const struct job *j)
{
	return &ft->hosts.hosts[j->host];
}

static void
fail(struct fetcher *ft, struct job *j, const char *fmt, ...)
	OGC_PRINTF(3, 4);

/* Ends a job without an answer; fmt says what happened. */
static void
fail(struct fetcher *ft, struct job *j, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	j->f->state = OGC_FETCH_FAILED;
	j->f->error = strdup(msg);
	ft->nomem = ft->nomem || j->f->error == NULL;
	ft->failed++;
	ft->done++;
}

/* Errors after which the same request may well work: a dropped line. */
static bool
is_reset(CURLcode rc)
{
	return rc == CURLE_GOT_NOTHING || rc == CURLE_RECV_ERROR ||
		rc == CURLE_SEND_ERROR || rc == CURLE_PARTIAL_FILE;
}

static void
fail_curl(struct fetcher *ft, struct job *j, CURLcode rc)
{
	char seconds[32] = "";

	if (j->refused[0] != '\0') {
		fail(ft, j, "%s: not fetched: the host is at %s, and "
			"--no-private-addresses refuses those", j->url, j->refused);
		return;
	}
	if (j->errbuf[0] == '\0') {
		snprintf(j->errbuf, sizeof(j->errbuf), "%s",
			curl_easy_strerror(rc));
	}
	ogc_curl_drop_timings(j->errbuf);
	if (rc == CURLE_OPERATION_TIMEDOUT) {
		snprintf(seconds, sizeof(seconds), " after %g s",
			ft->options->timeout_ms / 1000.0);
	}
	fail(ft, j, "%s: %s%s (%s)", j->url, ogc_curl_error_kind(rc), seconds,
		j->errbuf);
}

/*
 * Opens the socket for a connection, after name resolution, unless
 * --no-private-addresses refuses its address: then libcurl goes on to
 * the host's next address, or fails with "could not connect".
 */
static curl_socket_t
open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *address)
{
	struct job *j = arg;
	const struct sockaddr *sa = &address->addr;
	const char *kind = ogc_addr_kind(sa);
	char text[INET6_ADDRSTRLEN] = "?";
	const void *ip;

	(void)purpose;
	if (kind == NULL) {
		return socket(address->family, address->socktype,
			address->protocol);
	}
	ip = sa->sa_family == AF_INET6 ?
		(const void *)&((const struct sockaddr_in6 *)(const void *)sa)->
		sin6_addr :
		(const void *)&((const struct sockaddr_in *)(const void *)sa)->
		sin_addr;
	inet_ntop(sa->sa_family, ip, text, sizeof(text));
	snprintf(j->refused, sizeof(j->refused), "%s, a%s %s address", text,
		kind[0] == 'u' ? "n" : "", kind);
	return CURL_SOCKET_BAD;
}

/* Frees what a job holds once its URL is settled. */
static void
end_job(struct job *j)
{
	size_t i;

	for (i = 0; i < j->seen_count; i++) {
		free(j->seen[i]);
	}
	free(j->seen);
	free(j->url);
	free(j->body);
	j->seen = NULL;
	j->seen_count = 0;
	j->url = NULL;
	j->body = NULL;
}

/* Queues the job's next request, to start no sooner than delay ms. */
static void
requeue(struct fetcher *ft, struct job *j, long long delay)
{
	j->not_before = now_ms() + delay;
	j->delayed = delay > 0;
	ft->delayed += j->delayed;
	ft->ready[ft->ready_count++] = j;
}

/* Keeps the Content-Range total ("bytes 0-99/1234" gives 1234). */
static size_t
on_header(char *data, size_t size, size_t n, void *arg)
{
	struct job *j = arg;
	size_t len = size * n;
	char line[256];
	char *slash;

	if (len > 14 && len < sizeof(line) &&
		strncasecmp(data, "content-range:", 14) == 0) {
		memcpy(line, data, len);
		line[len] = '\0';
		slash = strchr(line, '/');
		if (slash != NULL && slash[1] >= '0' && slash[1] <= '9') {
			j->range_total = strtoll(slash + 1, NULL, 10);
		}
	}
	return len;
}

/* True when the answer's type may hold an image (or says nothing). */
static bool
may_be_image(CURL *easy)
{
	char *type = NULL;

	curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &type);
	return type == NULL || strncasecmp(type, "image/", 6) == 0;
}

/*
 * Keeps the first bytes of a 2xx answer while the image header needs them,
 * and never reads more than OGC_IMAGE_HEAD_MAX bytes of any answer: a
 * server that ignores the Range header is cut off there.
 */
static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct job *j = arg;
	size_t len = size * n;
	enum ogc_image_verdict v;
	size_t take;
	long status = 0;

	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
	j->received += len;
	if (j->f->want_image && (!j->image_done || j->f->want_body) &&
		status >= 200 &&
		status < 300 && may_be_image(j->easy)) {
		if (j->body == NULL) {
			j->body = malloc(OGC_IMAGE_HEAD_MAX);
		}
		if (j->body == NULL) {
			j->stopped = true;
			return 0;
		}
		take = OGC_IMAGE_HEAD_MAX - j->body_len;
		take = len < take ? len : take;
		memcpy(j->body + j->body_len, data, take);
		j->body_len += take;
		if (!j->image_done) {
			v = ogc_image_size(j->body, j->body_len,
				j->body_len == OGC_IMAGE_HEAD_MAX, &j->f->image);
			/* the header goes on past the bytes ogcheck reads:
			   the format is known, the size is not */
			j->f->image_cut = v == OGC_IMAGE_PAST;
			j->image_done = v != OGC_IMAGE_MORE;
		}
	}
	if (j->received > OGC_IMAGE_HEAD_MAX) {
		j->stopped = true;
		return 0;
	}
	return len;
}

/* A request to h starts (up) or ends: the connections taken follow. */
static void
take_slot(struct fetcher *ft, struct ogc_host *h, bool up)
{
	unsigned streams = ft->options->streams_per_connection;

	ft->slots -= ogc_host_slots(h, h->active, streams);
	h->active = up ? h->active + 1 : h->active - 1;
	ft->slots += ogc_host_slots(h, h->active, streams);
	ft->active = up ? ft->active + 1 : ft->active - 1;
}

/* h answered over HTTP/2: its requests share connections from now on. */
static void
set_multiplexed(struct fetcher *ft, struct ogc_host *h)
{
	unsigned streams = ft->options->streams_per_connection;

	if (h->multiplexed) {
		return;
	}
	ft->slots -= ogc_host_slots(h, h->active, streams);
	h->multiplexed = true;
	ft->slots += ogc_host_slots(h, h->active, streams);
	ft->multiplexed++;
}

/*
 * The failures that say the host itself is unwell, which count towards
 * taking it as down; NULL for the others (a reset, a refused address).
 */
static const char *
health_kind(const struct job *j, CURLcode rc)
{
	if (j->refused[0] != '\0') {
		return NULL;
	}
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
		return ogc_curl_error_kind(rc);
	default:
		return strcmp(ogc_curl_error_kind(rc), "TLS error") == 0 ?
			"TLS error" : NULL;
	}
}

static bool
start(struct fetcher *ft, struct job *j)
{
	const struct ogc_options *o = ft->options;
	char agent[64];
	CURL *e = curl_easy_init();

	if (e == NULL) {
		return false;
	}
	snprintf(agent, sizeof(agent), "ogcheck/%s", ogc_version());
	j->easy = e;
	j->errbuf[0] = '\0';
	j->range_total = -1;
	j->received = 0;
	j->stopped = false;
	j->body_len = 0;
	j->image_done = false;
	j->f->image_cut = false;
	memset(&j->f->image, 0, sizeof(j->f->image));
	curl_easy_setopt(e, CURLOPT_URL, j->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, j);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
	curl_easy_setopt(e, CURLOPT_USERAGENT, agent);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	/* HTTP/2 when TLS offers it (ALPN), and wait for a connection that
	   may multiplex rather than open another one at once */
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
		(long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	curl_easy_setopt(e, CURLOPT_SHARE, ft->share);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)o->timeout_ms);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)o->timeout_ms);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, j);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
	if (o->cacert != NULL) {
		curl_easy_setopt(e, CURLOPT_CAINFO, o->cacert);
	}
	if (o->insecure) {
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	j->refused[0] = '\0';
	if (o->no_private_addresses) {
		curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_socket);
		curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, j);
	}
	if (j->head) {
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
	} else {
		curl_easy_setopt(e, CURLOPT_RANGE, RANGE);
	}
	if (curl_multi_add_handle(ft->multi, e) != CURLM_OK) {
		curl_easy_cleanup(e);
		j->easy = NULL;
		return false;
	}
	ft->delayed -= j->delayed;
	j->delayed = false;
	j->started = now_ms();
	take_slot(ft, host_of(ft, j), true);
	host_of(ft, j)->requests++;
	return true;
}

static void
settle(struct fetcher *ft, struct job *j);

/*
 * Ends a job whose host is down without asking it: the verdict names the
 * host and its failures, and the job's URL, as a failure would.
 */
static void
not_tried(struct fetcher *ft, struct job *j)
{
	const struct ogc_host *h = host_of(ft, j);
	int len = (int)ogc_host_name_len(h->key);

	ft->delayed -= j->delayed;
	j->delayed = false;
	fail(ft, j, "%s: not tried: %.*s failed %u times in a row: %s",
		j->url, len, h->key, h->fail_run, h->fail_kind);
	settle(ft, j);
}

/* True when one more request to h keeps within the connection caps. */
static bool
room_for(const struct fetcher *ft, const struct ogc_host *h)
{
	unsigned streams = ft->options->streams_per_connection;
	unsigned now = ogc_host_slots(h, h->active, streams);
	unsigned then = ogc_host_slots(h, h->active + 1, streams);

	return then <= ft->options->jobs_per_host &&
		ft->slots - now + then <= ft->options->jobs;
}

/* Starts what the caps allow, in order; the rest keeps waiting. */
static bool
launch(struct fetcher *ft)
{
	const struct ogc_options *o = ft->options;
	long long now = now_ms();
	size_t kept = 0;
	struct job *j;
	size_t i;

	for (i = 0; i < ft->ready_count; i++) {
		j = ft->ready[i];
		if (ft->host_down > 0 && host_of(ft, j)->down) {
			not_tried(ft, j);
			continue;
		}
		if (ft->slots == o->jobs && ft->multiplexed == 0) {
			/* full: the rest keep their places */
			memmove(ft->ready + kept, ft->ready + i,
				(ft->ready_count - i) * sizeof(*ft->ready));
			kept += ft->ready_count - i;
			break;
		}
		if (j->not_before <= now && room_for(ft, host_of(ft, j))) {
			if (!start(ft, j)) {
				return false;
			}
		} else {
			ft->ready[kept++] = j;
		}
	}
	ft->ready_count = kept;
	return true;
}

/* True when url is one of the job's hops so far. */
static bool
seen(const struct job *j, const char *url)
{
	size_t i;

	for (i = 0; i < j->seen_count; i++) {
		if (strcmp(j->seen[i], url) == 0) {
			return true;
		}
	}
	return false;
}

/* "a -> b -> c": the hops of a job and `last`, for a loop message. */
static void
chain_text(const struct job *j, const char *last, char *out, size_t size)
{
	size_t i;
	size_t len;

	out[0] = '\0';
	for (i = 0; i < j->seen_count; i++) {
		len = strlen(out);
		snprintf(out + len, size - len, "%s -> ", j->seen[i]);
	}
	len = strlen(out);
	snprintf(out + len, size - len, "%s", last);
}

static int
compare_job_urls(const void *a, const void *b)
{
	return strcmp((*(struct job *const *)a)->f->url,
		(*(struct job *const *)b)->f->url);
}

/* The job whose first URL is url, or NULL. */
static struct job *
job_for(const struct fetcher *ft, const char *url)
{
	struct ogc_fetch key;
	struct job probe;
	struct job *p = &probe;
	struct job **hit;

	key.url = (char *)url;
	probe.f = &key;
	hit = bsearch(&p, ft->by_url, ft->count, sizeof(*ft->by_url),
		compare_job_urls);
	return hit != NULL ? *hit : NULL;
}

/*
 * Gives follower f the answer its leader got for the URL f redirected to:
 * the same facts, the redirects of both, or the leader's failure.
 */
static void
copy_answer(struct fetcher *ft, struct job *f, const struct job *leader)
{
	const struct ogc_fetch *from = leader->f;
	struct ogc_fetch *to = f->f;
	unsigned total = to->redirects + from->redirects;
	char chain[700];

	if (total > ft->options->max_redirects) {
		chain_text(f, from->url, chain, sizeof(chain));
		fail(ft, f, "more than %u redirects (limit redirects, set by "
			"--max-redirects): %s, then %u more",
			ft->options->max_redirects, chain, from->redirects);
		to->limit = "limit-redirects";
		return;
	}
	if (from->state == OGC_FETCH_FAILED) {
		fail(ft, f, "%s", from->error);
		to->limit = from->limit;
		return;
	}
	to->state = OGC_FETCH_ANSWERED;
	to->status = from->status;
	to->redirects = total;
	to->bytes = from->bytes;
	to->image_read = from->image_read;
	to->image_cut = from->image_cut;
	to->image = from->image;
	to->final_url = strdup(from->final_url != NULL ? from->final_url :
		from->url);
	ft->nomem = ft->nomem || to->final_url == NULL;
	if (from->content_type != NULL) {
		to->content_type = strdup(from->content_type);
		ft->nomem = ft->nomem || to->content_type == NULL;
	}
	if (to->status < 200 || to->status >= 300) {
		ft->failed++;
	}
	ft->done++;
}

/* A job is settled: so are those waiting for it, and theirs. */
static void
settle(struct fetcher *ft, struct job *j)
{
	struct job *f = j->followers;
	struct job *next;

	j->followers = NULL;
	while (f != NULL) {
		next = f->next_follower;
		copy_answer(ft, f, j);
		settle(ft, f);
		f = next;
	}
	end_job(j);
}

/* Appends the hops of x (its first URL left out) and where it went. */
static void
add_hops(const char **urls, size_t *n, const struct job *x)
{
	size_t i;

	for (i = 1; i < x->seen_count; i++) {
		urls[(*n)++] = x->seen[i];
	}
	urls[(*n)++] = x->url;
}

/*
 * Ends j, whose redirect to leader's first URL closes a circle of jobs
 * waiting for one another: a redirect loop through the first URLs of
 * several jobs. The loop is written from its smallest URL, so the message
 * is the same whichever job happened to close it.
 */
static void
fail_loop(struct fetcher *ft, struct job *j, const struct job *leader)
{
	const struct job *x;
	const char **urls;
	size_t total = j->seen_count + 1;
	size_t n = 0;
	size_t min = 0;
	size_t i;
	char text[700] = "";
	size_t len;

	for (x = leader; x != j; x = x->leader) {
		total += x->seen_count + 1;
	}
	urls = calloc(total, sizeof(*urls));
	if (urls == NULL) {
		ft->nomem = true;
		return;
	}
	urls[n++] = j->seen[0];
	add_hops(urls, &n, j);
	for (x = leader; x != j; x = x->leader) {
		add_hops(urls, &n, x);
	}
	/* urls[n - 1] is j's first URL again: the circle is urls[0..n-1) */
	for (i = 1; i + 1 < n; i++) {
		if (strcmp(urls[i], urls[min]) < 0) {
			min = i;
		}
	}
	for (i = 0; i < n; i++) {
		len = strlen(text);
		snprintf(text + len, sizeof(text) - len, "%s%s",
			i > 0 ? " -> " : "", urls[(min + i) % (n - 1)]);
	}
	free(urls);
	fail(ft, j, "redirect loop: %s", text);
}

/*
 * When a redirect leads to the first URL of another job, waits for that
 * job's answer instead of asking again, so each URL is asked for once.
 * Not when that job waits, directly or through others, for this one (the
 * waiting would go round in a circle), nor when it will not read the
 * image header this one needs.
 */
static bool
join(struct fetcher *ft, struct job *j, const char *url)
{
	struct job *leader = job_for(ft, url);
	const struct job *up;

	if (leader == NULL || (j->f->want_image && !leader->f->want_image)) {
		return false;
	}
	for (up = leader; up != NULL; up = up->leader) {
		if (up == j) {
			fail_loop(ft, j, leader);
			return true;
		}
	}
	j->leader = leader;
	if (leader->f->state != OGC_FETCH_PENDING) {
		copy_answer(ft, j, leader);
		settle(ft, j);
		return true;
	}
	j->next_follower = leader->followers;
	leader->followers = j;
	return true;
}

/* Moves a job on to the URL a redirect names, or ends it with why not. */
static void
follow(struct fetcher *ft, struct job *j, const char *location)
{
	char scheme[16];
	char why[160];
	char chain[700];
	char *next;
	char **v;

	ogc_url_parse_absolute(location, scheme, sizeof(scheme), NULL, 0);
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
		fail(ft, j, "%s redirects to %s; only http and https URLs are "
			"fetched", j->url, location);
		return;
	}
	next = ogc_url_normalize(location, NULL, why, sizeof(why));
	if (next == NULL) {
		fail(ft, j, "%s redirects to \"%s\", which is not a valid URL: "
			"%s", j->url, location, why);
		return;
	}
	v = realloc(j->seen, (j->seen_count + 1) * sizeof(*v));
	if (v == NULL) {
		free(next);
		ft->nomem = true;
		return;
	}
	j->seen = v;
	j->seen[j->seen_count++] = j->url;
	j->url = next;
	if (seen(j, next)) {
		chain_text(j, "", chain, sizeof(chain));
		chain[strlen(chain) - 4] = '\0'; /* the last " -> " */
		fail(ft, j, "redirect loop: %s -> %s", chain, next);
		return;
	}
	if (j->f->redirects == ft->options->max_redirects) {
		chain_text(j, next, chain, sizeof(chain));
		fail(ft, j, "more than %u redirects (limit redirects, set by "
			"--max-redirects): %s", ft->options->max_redirects, chain);
		j->f->limit = "limit-redirects";
		return;
	}
	j->f->redirects++;
	if (join(ft, j, next)) {
		return;
	}
	if (!ogc_host_find(&ft->hosts, next, &j->host)) {
		ft->nomem = true;
		return;
	}
	requeue(ft, j, 0);
}

/* ASCII lower case, independent of the locale (unlike <ctype.h>). */
static char
to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Copies the media type of a Content-Type value, lower case. */
static char *
media_type(const char *value)
{
	size_t len = strcspn(value, "; \t");
	char *out = malloc(len + 1);
	size_t i;

	if (out == NULL) {
		return NULL;
	}
	for (i = 0; i < len; i++) {
		out[i] = to_lower(value[i]);
	}
	out[len] = '\0';
	return out;
}

/*
 * With want_body: takes the bytes read as the whole image when they are
 * all of it (a 200 read to its end, or a 206 whose Content-Range total is
 * what came) and of a known format, while the run keeps no more than
 * four times the report's cap (ogc_options.embed_images) of them.
 */
static void
keep_body(struct fetcher *ft, struct job *j, long status,
	curl_off_t length)
{
	struct ogc_fetch *f = j->f;
	size_t cap = ft->options->embed_images; /* 0: none */
	bool whole = status == 206 ? j->range_total == (long long)j->body_len :
		status >= 200 && status < 300 && (length < 0 ||
		length == (curl_off_t)j->body_len);

	if (!f->want_body || !whole || j->stopped || j->received != j->body_len ||
		f->image_cut || ogc_image_media_type(f->image.format) == NULL ||
		(ft->kept + j->body_len) / 4 > cap) {
		return;
	}
	ft->kept += j->body_len;
	free(f->body);
	f->body = j->body;
	f->body_len = j->body_len;
	j->body = NULL;
}

/* Records a final answer. */
static void
answered(struct fetcher *ft, struct job *j, CURL *e, long status)
{
	struct ogc_fetch *f = j->f;
	curl_off_t length = -1;
	char *type = NULL;

	curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &type);
	curl_easy_getinfo(e, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
	f->state = OGC_FETCH_ANSWERED;
	f->status = status;
	f->bytes = status == 206 ? j->range_total : (long long)length;
	if (type != NULL && type[0] != '\0') {
		f->content_type = media_type(type);
		ft->nomem = ft->nomem || f->content_type == NULL;
	}
	if (f->redirects > 0) {
		f->final_url = strdup(j->url);
		ft->nomem = ft->nomem || f->final_url == NULL;
	}
	if (f->want_image && j->body_len > 0) {
		if (!j->image_done) {
			f->image_cut = ogc_image_size(j->body, j->body_len, true,
				&f->image) == OGC_IMAGE_PAST;
		}
		f->image_read = true;
		keep_body(ft, j, status, length);
	}
	if (status < 200 || status >= 300) {
		ft->failed++;
	}
	ft->done++;
}

/* True when the answer named its Content-Type. */
static bool
has_type(CURL *e)
{
	char *type = NULL;

	curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &type);
	return type != NULL && type[0] != '\0';
}

/* The wait before retrying a 429 or 503 answer. */
static long long
retry_delay(CURL *e, unsigned retries)
{
	curl_off_t after = 0;

	curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &after);
	if (after > 0) {
		return after * 1000 < RETRY_AFTER_MAX_MS ? after * 1000 :
			RETRY_AFTER_MAX_MS;
	}
	return (long long)BACKOFF_MS << retries;
}

/* A request ended: decide what the job does next. */
static void
finished(struct fetcher *ft, CURL *e, CURLcode rc)
{
	struct job *j = NULL;
	char *location = NULL;
	long status = 0;
	long long delay;

	struct ogc_host *h;
	long version = 0;

	curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&j);
	curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
	h = host_of(ft, j);
	take_slot(ft, h, false);
	curl_easy_getinfo(e, CURLINFO_HTTP_VERSION, &version);
	if (rc == CURLE_OK && version == CURL_HTTP_VERSION_2_0) {
		set_multiplexed(ft, h);
	}
	if (ogc_host_record(h, rc == CURLE_OK, rc == CURLE_OK ? NULL :
		health_kind(j, rc), now_ms() - j->started)) {
		ft->host_down++;
	}
	if (rc == CURLE_WRITE_ERROR && j->stopped) {
		rc = CURLE_OK;
	}
	if (rc != CURLE_OK && is_reset(rc) && j->retries < ft->options->retries) {
		requeue(ft, j, (long long)BACKOFF_MS << j->retries++);
	} else if (rc != CURLE_OK) {
		fail_curl(ft, j, rc);
	} else if (status >= 300 && status < 400 &&
		curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &location) ==
		CURLE_OK && location != NULL) {
		follow(ft, j, location);
	} else if (j->head && (status == 405 || status == 501 ||
		(status >= 200 && status < 300 && !has_type(e)))) {
		j->head = false; /* HEAD refused, or it left out the type */
		requeue(ft, j, 0);
	} else if ((status == 429 || status == 503) &&
		j->retries < ft->options->retries) {
		delay = retry_delay(e, j->retries++);
		requeue(ft, j, delay);
	} else {
		answered(ft, j, e, status);
	}
	curl_multi_remove_handle(ft->multi, e);
	curl_easy_cleanup(e);
	j->easy = NULL;
	if (j->f->state != OGC_FETCH_PENDING) {
		settle(ft, j);
	}
}

/* How long the loop may sleep: until libcurl or a waiting job needs it. */
static int
wait_ms(struct fetcher *ft)
{
	long curl_ms = -1;
	long long now = now_ms();
	long long wait = 1000;
	size_t i;

	curl_multi_timeout(ft->multi, &curl_ms);
	if (curl_ms >= 0 && curl_ms < wait) {
		wait = curl_ms;
	}
	for (i = 0; ft->delayed > 0 && i < ft->ready_count; i++) {
		if (ft->ready[i]->not_before - now < wait) {
			wait = ft->ready[i]->not_before - now;
		}
	}
	return wait > 0 ? (int)wait : 0;
}

/* Runs the loop until every job is done. */
static bool
run_loop(struct fetcher *ft)
{
	const struct ogc_options *o = ft->options;
	size_t reported = (size_t)-1;
	struct CURLMsg *msg;
	size_t ended;
	int running = 0;
	int left = 0;

	while (ft->done < ft->count && !ft->nomem) {
		if (!launch(ft)) {
			return false;
		}
		if (curl_multi_perform(ft->multi, &running) != CURLM_OK) {
			return false;
		}
		ended = 0;
		msg = curl_multi_info_read(ft->multi, &left);
		while (msg != NULL) {
			if (msg->msg == CURLMSG_DONE) {
				finished(ft, msg->easy_handle, msg->data.result);
				ended++;
			}
			msg = curl_multi_info_read(ft->multi, &left);
		}
		if (o->progress != NULL && reported != ft->done) {
			reported = ft->done;
			o->progress(o->progress_arg, ft->done, ft->count, ft->failed);
		}
		/* a request that ended makes room: start the next one first */
		if (ended == 0 && ft->done < ft->count &&
			curl_multi_poll(ft->multi, NULL, 0, wait_ms(ft), NULL) !=
			CURLM_OK) {
			return false;
		}
	}
	return !ft->nomem;
}

bool
ogc_net_fetch(struct ogc_fetch *const *items, size_t count,
	const struct ogc_options *options, struct ogc_host_stats **hosts,
	size_t *host_count, struct ogc_error *err)
{
	struct ogc_options o = *options;
	struct fetcher ft;
	struct job *j;
	bool ok = false;
	size_t i;

	*hosts = NULL;
	*host_count = 0;
	if (count == 0) {
		return true;
	}
	if (!ogc_curl_net(err)) {
		return false;
	}
	/* zero would mean "no limit" to libcurl, or no progress at all */
	o.jobs = o.jobs != 0 ? o.jobs : 1;
	o.jobs_per_host = o.jobs_per_host != 0 ? o.jobs_per_host : 1;
	o.timeout_ms = o.timeout_ms != 0 ? o.timeout_ms : 10000;
	memset(&ft, 0, sizeof(ft));
	ft.options = &o;
	ft.count = count;
	o.streams_per_connection = o.streams_per_connection != 0 ?
		o.streams_per_connection : 1;
	ft.multi = curl_multi_init();
	ft.share = curl_share_init();
	ft.jobs = calloc(count, sizeof(*ft.jobs));
	ft.ready = calloc(count, sizeof(*ft.ready));
	ft.by_url = calloc(count, sizeof(*ft.by_url));
	if (ft.multi == NULL || ft.share == NULL || ft.jobs == NULL ||
		ft.ready == NULL || ft.by_url == NULL) {
		goto cleanup;
	}
	curl_share_setopt(ft.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
	curl_share_setopt(ft.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
	curl_share_setopt(ft.share, CURLSHOPT_SHARE,
		CURL_LOCK_DATA_SSL_SESSION);
	curl_multi_setopt(ft.multi, CURLMOPT_MAXCONNECTS, (long)o.jobs);
	curl_multi_setopt(ft.multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
	curl_multi_setopt(ft.multi, CURLMOPT_MAX_HOST_CONNECTIONS,
		(long)o.jobs_per_host);
	curl_multi_setopt(ft.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
		(long)o.jobs);
	curl_multi_setopt(ft.multi, CURLMOPT_MAX_CONCURRENT_STREAMS,
		(long)o.streams_per_connection);
	for (i = 0; i < count; i++) {
		j = &ft.jobs[i];
		j->f = items[i];
		j->head = !items[i]->want_image;
		j->url = strdup(items[i]->url);
		if (j->url == NULL || !ogc_host_find(&ft.hosts, j->url, &j->host)) {
			goto cleanup;
		}
		ft.ready[ft.ready_count++] = j;
		ft.by_url[i] = j;
	}
	qsort(ft.by_url, count, sizeof(*ft.by_url), compare_job_urls);
	ok = run_loop(&ft) &&
		ogc_host_table_stats(&ft.hosts, hosts, host_count);
cleanup:
	for (i = 0; ft.jobs != NULL && i < count; i++) {
		if (ft.jobs[i].easy != NULL) {
			curl_multi_remove_handle(ft.multi, ft.jobs[i].easy);
			curl_easy_cleanup(ft.jobs[i].easy);
		}
		end_job(&ft.jobs[i]);
	}
	ogc_host_table_finish(&ft.hosts);
	free(ft.ready);
	free(ft.by_url);
	free(ft.jobs);
	curl_multi_cleanup(ft.multi);
	curl_share_cleanup(ft.share);
	if (!ok) {
		return ogc_error_nomem(err);
	}
	return true;
}
