/* cross_parts.h: what the cross-page stage's files share. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_CROSS_PARTS_H
#define OGC_CROSS_PARTS_H

#include "cross/cross.h"

/* A site the index holds pages of. */
struct ogc_xp_site {
	const void *site;
	char *root;  /* as the run names its files */
	bool whole;  /* the run checks all of its pages */
};

struct ogc_xp_index {
	struct ogc_xp_page *pages;
	size_t count;
	size_t cap;
	struct ogc_strbuf names; /* each name (and target URL) ended by NUL */
	bool sorted;             /* pages are in name order */
	struct ogc_xp_site *sites;
	size_t site_count;
	size_t site_cap;
};

#endif
