/* site_parts.h: what site.c, site_config.c and site_templates.c share. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_READ_SITE_PARTS_H
#define OGC_READ_SITE_PARTS_H

#include "read/read.h"

/*
 * Private to the site model (read.h offers it): site.c finds the site,
 * lays out its folders and holds the helpers below; site_config.c reads
 * the generators' config files and site_templates.c the templates, both
 * called from site.c's layout of a site.
 */

/** A config file read for its settings: at most this many bytes. */
#define MAX_CONFIG_BYTES (1024u * 1024u)

/* site.c: files and the site's lists */

/**
 * True when dir/name is a folder (want_dir) or a regular file (otherwise),
 * symbolic links followed; false when it is not there or not of that kind.
 */
bool
ogc_site_is_file(const char *dir, const char *name, bool want_dir);

/**
 * Appends to *list (*count entries, both updated) a copy of the `len`
 * bytes at s as a folder: "./" in front and "/" at the end taken off, "."
 * made "". The list owns the copy (a site's lists are freed by
 * ogc_site_destroy()); when memory runs out nothing is added.
 */
void
ogc_site_add_folder(char ***list, size_t *count, const char *s, size_t len);

/**
 * Records in site->supplies that `field` (dotted: og.image) is supplied to
 * the files below `scope` (NULL: every file), by the place the printf-style
 * `fmt` names (cut at 511 bytes). Nothing is recorded for a field already
 * supplied to every file: the first place that writes it is named. The
 * strings are copied and the site owns them; when memory runs out nothing
 * is recorded.
 */
void
ogc_site_add_supply(struct ogc_site *site, const char *field,
	const char *scope, const char *fmt, ...) OGC_PRINTF(4, 5);

/* site_files.c: the files a site publishes */

/**
 * Adds to site->copies that `from` (len bytes; relative to the root, a
 * folder, file or glob; "./" in front and "/" at the end taken off) is
 * published at the URL path `to` (to_len bytes; slashes at either end
 * taken off). The site owns the copies; when memory runs out, or `from`
 * climbs out of the root, nothing is added.
 */
void
ogc_site_add_copy(struct ogc_site *site, const char *from, size_t len,
	const char *to, size_t to_len);

/* site_config.c: the generators' config files */

/**
 * Sets *out, freeing what it held, to the folder that `key` is set to in
 * the config text (JavaScript, TOML or YAML), or to `def` when text is
 * NULL or does not set it; the folder is cleaned as ogc_site_add_folder()
 * cleans it. *out stays the caller's (a site's input and output are freed
 * by ogc_site_destroy()); when memory runs out it is left as it was.
 */
void
ogc_site_set_folder(char **out, const char *text, const char *key,
	const char *def);

/**
 * Reads Hugo's config file (site->config; nothing for the config/_default
 * folder): contentDir and publishDir set site->input and site->output,
 * and a site-wide default image (params.images) supplies og.image. A
 * config that cannot be read changes nothing.
 */
void
ogc_site_hugo_config(struct ogc_site *site);

/**
 * A config file's text parsed as its name's ending says: TOML (.toml),
 * JSON (.json), else YAML. NULL when out of memory.
 */
struct ogc_doc *
ogc_site_parse_config(const char *name, const char *text, size_t len);

/**
 * Reads Jekyll's _config.yml (site->config): `exclude:` adds to
 * site->exclude, `destination:` replaces site->output, and each
 * `defaults:` entry whose values set an image supplies og.image below its
 * scope's path. A config that cannot be read changes nothing.
 */
void
ogc_site_jekyll_config(struct ogc_site *site);

/**
 * Reads Eleventy's dir: {input, includes, data, output} from its config
 * (site->config; Eleventy's defaults for what it does not set, or when it
 * cannot be read): sets site->input and site->output, adds the includes
 * folder to site->templates and site->skip and the data folder to
 * site->skip.
 */
void
ogc_site_eleventy_config(struct ogc_site *site);

/**
 * Reads Astro's config (site->config): outDir sets site->output (dist/
 * when it is not set or cannot be read); with Starlight, the fields its
 * head writes on every page; og: and twitter: tags the config's head:
 * adds; and route middleware, which may write any field ("*": supplies
 * what nothing else does). A config that cannot be read changes nothing.
 */
void
ogc_site_astro_config(struct ogc_site *site);

/* site_templates.c: templates read for the fields they write */

/**
 * Reads the templates below site->root/rel, walking its folders (those
 * whose name starts with "." and node_modules left out; `depth` is how
 * deep rel already is, and nothing is read 8 levels down), and records in
 * site->supplies the fields each template writes on every page. *budget
 * is the number of templates left to read, one taken for each. A folder
 * or template that cannot be read is passed over.
 */
void
ogc_site_scan_templates(struct ogc_site *site, const char *rel,
	unsigned *budget, unsigned depth);

#endif
