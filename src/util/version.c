/* version.c: the version and the commit ogcheck was built from. */
/* SPDX-License-Identifier: MIT */
#include "commit.h"
#include "util/util.h"

#ifndef OGC_VERSION
#define OGC_VERSION "0.0.0"
#endif

const char *
ogc_version(void)
{
	return OGC_VERSION;
}

const char *
ogc_version_commit(void)
{
	return OGC_COMMIT;
}
