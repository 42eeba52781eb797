/* cross_parts.h: what the cross-page stage's files share. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_CROSS_PARTS_H
#define OGC_CROSS_PARTS_H

#include "cross/cross.h"

struct ogc_xp_index {
	struct ogc_xp_page *pages;
	size_t count;
	size_t cap;
	struct ogc_strbuf names; /* each name (and target URL) ended by NUL */
	bool sorted;             /* pages are in name order */
};

#endif
