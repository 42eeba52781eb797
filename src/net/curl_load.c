/* curl_load.c: libcurl loaded with dlopen() on first use, and set up. */
/* SPDX-License-Identifier: MIT */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "net/curl_load.h"
#include "net/net.h"
#include "util/util.h"

/*
 * Linking libcurl would load its 36 libraries (TLS, LDAP, Kerberos...)
 * and relocate their symbols at every start, some 5.5 ms, and a run
 * without a URL to parse or fetch (--version, a pre-commit hook's few
 * files offline) needs none of it. So the library is opened the first
 * time a URL needs libcurl's parser or the network stage starts. The
 * handle is never closed: libcurl and its libraries keep state (and
 * allocations) until the process ends.
 *
 * The state below is written once, inside pthread_once(), which orders
 * those writes before every later reader's return from pthread_once().
 */

/* -DOGC_CURL_SONAME=... names another, as tests of a missing one do */
#ifndef OGC_CURL_SONAME
#define OGC_CURL_SONAME "libcurl.so.4"
#endif

#define SYM(name) {"curl_" #name, offsetof(struct ogc_curl_fns, name)}

/* alphasorted, as the table */
static const struct {
	const char *name;
	size_t offset;
} symbols[] = {
	SYM(easy_cleanup),
	SYM(easy_getinfo),
	SYM(easy_init),
	SYM(easy_setopt),
	SYM(easy_strerror),
	SYM(free),
	SYM(global_cleanup),
	SYM(global_init),
	SYM(multi_add_handle),
	SYM(multi_cleanup),
	SYM(multi_info_read),
	SYM(multi_init),
	SYM(multi_perform),
	SYM(multi_poll),
	SYM(multi_remove_handle),
	SYM(multi_setopt),
	SYM(multi_timeout),
	SYM(share_cleanup),
	SYM(share_init),
	SYM(share_setopt),
	SYM(url),
	SYM(url_cleanup),
	SYM(url_get),
	SYM(url_set),
	SYM(url_strerror),
};

#undef SYM

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static struct ogc_curl_fns fns;
static bool loaded;
static char load_error[256]; /* why loading failed; "" when it did not */

static void
load(void)
{
	void *lib;
	void *sym;
	const char *why;
	size_t i;

	lib = dlopen(OGC_CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		why = dlerror();
		snprintf(load_error, sizeof(load_error), "cannot load libcurl: "
			"%s", why != NULL ? why : OGC_CURL_SONAME);
		return;
	}
	for (i = 0; i < sizeof(symbols) / sizeof(*symbols); i++) {
		sym = dlsym(lib, symbols[i].name);
		if (sym == NULL) {
			snprintf(load_error, sizeof(load_error), "cannot load "
				"libcurl: %s has no %s", OGC_CURL_SONAME,
				symbols[i].name);
			return;
		}
		/* POSIX: a data pointer from dlsym() holds a function's */
		memcpy((char *)&fns + symbols[i].offset, &sym, sizeof(sym));
	}
	/* before any other call, as libcurl asks (thread-safe since 7.84:
	   a worker may be the first to need it) */
	if (fns.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(load_error, sizeof(load_error), "cannot initialise "
			"libcurl");
		return;
	}
	loaded = true;
}

const struct ogc_curl_fns *
ogc_curl(void)
{
	pthread_once(&load_once, load);
	return loaded ? &fns : NULL;
}

bool
ogc_curl_net(struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};

	if (ogc_curl() != NULL) {
		return true;
	}
	ogc_error_set(err, OGC_ERR_IO, NULL, none, "%s", load_error);
	return false;
}

/* Read, not tried: a run that needed no URL parsed stays without libcurl. */
bool
ogc_net_curl_failed(struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};

	if (load_error[0] == '\0') {
		return false;
	}
	ogc_error_set(err, OGC_ERR_IO, NULL, none, "%s", load_error);
	return true;
}

void
ogc_global_cleanup(void)
{
	if (loaded) {
		fns.global_cleanup();
	}
}
