/* curl_load.h: libcurl, loaded with dlopen() the first time it is needed. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_NET_CURL_LOAD_H
#define OGC_NET_CURL_LOAD_H

/*
 * The files of net/ include this header, not <curl/curl.h>: libcurl's
 * functions are called through a table that ogc_curl() fills, and the
 * macros at the end make the usual names call through it. libcurl's
 * type-checking macros for the setopt and getinfo calls would call the
 * linked functions, so they are off here; the build compiles net/ once
 * more with them on (OGC_CURL_TYPECHECK: the names left libcurl's), to
 * check every option's type, and links that copy nowhere.
 */
#ifndef OGC_CURL_TYPECHECK
#define CURL_DISABLE_TYPECHECK
#endif
#include <curl/curl.h>

#include <stdbool.h>

struct ogc_error;

/* libcurl's functions that net/ calls; alphasorted. */
struct ogc_curl_fns {
	void (*easy_cleanup)(CURL *curl);
	CURLcode (*easy_getinfo)(CURL *curl, CURLINFO info, ...);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *curl, CURLoption option, ...);
	const char *(*easy_strerror)(CURLcode code);
	void (*free)(void *p);
	void (*global_cleanup)(void);
	CURLcode (*global_init)(long flags);
	CURLMcode (*multi_add_handle)(CURLM *multi, CURL *curl);
	CURLMcode (*multi_cleanup)(CURLM *multi);
	CURLMsg *(*multi_info_read)(CURLM *multi, int *left);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_perform)(CURLM *multi, int *running);
	CURLMcode (*multi_poll)(CURLM *multi, struct curl_waitfd extra[],
		unsigned int extra_count, int timeout_ms, int *ret);
	CURLMcode (*multi_remove_handle)(CURLM *multi, CURL *curl);
	CURLMcode (*multi_setopt)(CURLM *multi, CURLMoption option, ...);
	CURLMcode (*multi_timeout)(CURLM *multi, long *ms);
	CURLSHcode (*share_cleanup)(CURLSH *share);
	CURLSH *(*share_init)(void);
	CURLSHcode (*share_setopt)(CURLSH *share, CURLSHoption option, ...);
	CURLU *(*url)(void);
	void (*url_cleanup)(CURLU *url);
	CURLUcode (*url_get)(CURLU *url, CURLUPart what, char **part,
		unsigned int flags);
	CURLUcode (*url_set)(CURLU *url, CURLUPart what, const char *part,
		unsigned int flags);
	const char *(*url_strerror)(CURLUcode code);
};

/**
 * libcurl's functions, the library loaded (dlopen) and set up
 * (curl_global_init()) on the first call from any thread, once; NULL
 * when it cannot be (then ogc_net_curl_failed() says why).
 */
const struct ogc_curl_fns *
ogc_curl(void);

/** As ogc_curl(); false with err set (OGC_ERR_IO) when it is NULL. */
bool
ogc_curl_net(struct ogc_error *err);

/*
 * The calls of net/ go through the table. Each caller has had a non-NULL
 * ogc_curl() (or a true ogc_curl_net()) before its first libcurl call.
 */
#ifndef OGC_CURL_TYPECHECK
#undef curl_easy_getinfo /* curl.h's three-argument checks */
#undef curl_easy_setopt
#undef curl_multi_setopt
#undef curl_share_setopt
#define curl_easy_cleanup (*ogc_curl()->easy_cleanup)
#define curl_easy_getinfo (*ogc_curl()->easy_getinfo)
#define curl_easy_init (*ogc_curl()->easy_init)
#define curl_easy_setopt (*ogc_curl()->easy_setopt)
#define curl_easy_strerror (*ogc_curl()->easy_strerror)
#define curl_free (*ogc_curl()->free)
#define curl_multi_add_handle (*ogc_curl()->multi_add_handle)
#define curl_multi_cleanup (*ogc_curl()->multi_cleanup)
#define curl_multi_info_read (*ogc_curl()->multi_info_read)
#define curl_multi_init (*ogc_curl()->multi_init)
#define curl_multi_perform (*ogc_curl()->multi_perform)
#define curl_multi_poll (*ogc_curl()->multi_poll)
#define curl_multi_remove_handle (*ogc_curl()->multi_remove_handle)
#define curl_multi_setopt (*ogc_curl()->multi_setopt)
#define curl_multi_timeout (*ogc_curl()->multi_timeout)
#define curl_share_cleanup (*ogc_curl()->share_cleanup)
#define curl_share_init (*ogc_curl()->share_init)
#define curl_share_setopt (*ogc_curl()->share_setopt)
#define curl_url (*ogc_curl()->url)
#define curl_url_cleanup (*ogc_curl()->url_cleanup)
#define curl_url_get (*ogc_curl()->url_get)
#define curl_url_set (*ogc_curl()->url_set)
#define curl_url_strerror (*ogc_curl()->url_strerror)
#endif

#endif
