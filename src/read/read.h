/* read.h: what the readers offer: the front matter scanner and the positioned field tree. */
/* SPDX-License-Identifier: MIT */
#ifndef OGC_READ_H
#define OGC_READ_H

#include "util/util.h"

/* source.c: front matter extraction, reading only the head of a file */

/** The language of a file's front matter. */
enum ogc_dialect {
	OGC_DIALECT_YAML = 0,
	OGC_DIALECT_TOML,
	OGC_DIALECT_JSON,
};

enum ogc_front_kind {
	OGC_FRONT_NONE,    /* the file does not open with front matter */
	OGC_FRONT_YAML,    /* text holds the front matter, in `dialect`;
	                      first_line says where */
	OGC_FRONT_INVALID, /* unclosed, too large or binary: see problem */
	OGC_FRONT_BINARY,  /* a NUL byte in the part read */
	OGC_FRONT_SCRIPT,  /* front matter in JavaScript (---js), not run */
};

/**
 * A streaming front matter scanner. Feed the file in chunks of any size;
 * the result is the same however the bytes arrive.
 */
struct ogc_front {
	enum ogc_front_kind kind;
	char *text;          /* OGC_FRONT_YAML: the YAML, NUL-terminated (in
	                        buf) */
	size_t len;
	unsigned first_line; /* line of the file that text starts on */
	bool fenced;         /* opened by ```yaml rather than --- */
	bool script;         /* opened by ---js: JavaScript, never run */
	enum ogc_dialect dialect; /* YAML (--- or ```yaml), TOML (+++) or
	                             JSON (a leading object) */
	struct ogc_pos pos;  /* OGC_FRONT_INVALID/BINARY: where */
	char problem[160];   /* OGC_FRONT_INVALID/BINARY: what */
	const char *rule;    /* OGC_FRONT_INVALID: a limit-* id, or NULL for
	                        front-matter-invalid */
	/* scanner state */
	size_t start; /* offset in buf of the first YAML byte */
	char *buf;
	size_t buf_len;
	size_t buf_cap;
	size_t scanned;  /* bytes of buf already split into lines */
	unsigned lines;  /* complete lines seen */
	int state;
	bool done;
	bool nomem;
};

void
ogc_front_init(struct ogc_front *front);
void
ogc_front_finish(struct ogc_front *front);

/** Empties front for the next file, keeping its buffer. */
void
ogc_front_reset(struct ogc_front *front);

/**
 * Room for the next `len` bytes, to read into and then give with
 * ogc_front_fed() (no copy); NULL once the scanner needs no more input
 * or memory ran out.
 */
char *
ogc_front_room(struct ogc_front *front, size_t len);

/** Takes `len` bytes put at ogc_front_room(), as ogc_front_feed(). */
bool
ogc_front_fed(struct ogc_front *front, size_t len);

/**
 * Feeds the next `len` bytes. Returns true once the scanner needs no more
 * input (front matter found, absent, or invalid); feeding more is a no-op.
 */
bool
ogc_front_feed(struct ogc_front *front, const char *data, size_t len);

/** Signals end of input; settles the result. */
void
ogc_front_end(struct ogc_front *front);

/**
 * Parses the front matter the scanner found (kind OGC_FRONT_YAML) with
 * its dialect's reader: YAML, TOML or JSON. NULL when memory ran out.
 */
struct ogc_doc *
ogc_front_parse(const struct ogc_front *front);

/**
 * The offset in s of the first "</head" or "<body" (any case) at or after
 * `from`, or len when there is none yet. `from` lets a reader scan only new
 * bytes (the previous length minus 6, or 0).
 */
size_t
ogc_html_head_end(const char *s, size_t len, size_t from);

/** Called for each <meta property|name="og:..."> found after the head. */
typedef void ogc_body_meta_fn(void *arg, struct ogc_pos pos,
	const char *property);

/** A streaming byte scan of an HTML body for misplaced meta tags. */
struct ogc_body_scan {
	struct ogc_pos at; /* position of buf[0] */
	char buf[4096];    /* bytes not yet scanned: a tag may span reads */
	size_t len;
};

/** Starts a scan whose first byte is at `start` in the file. */
void
ogc_body_scan_init(struct ogc_body_scan *scan, struct ogc_pos start);

/**
 * Scans the next `len` bytes, calling fn for each <meta> with a property
 * or name starting og:, twitter:, article: or fb:. `last` says no bytes
 * follow. Memory stays at the struct's size however long the body.
 */
void
ogc_body_scan_feed(struct ogc_body_scan *scan, const char *data, size_t len,
	bool last, ogc_body_meta_fn *fn, void *arg);

/* doc.c and yaml_doc.c: the field tree */

enum ogc_node_kind {
	OGC_NODE_NULL,
	OGC_NODE_SCALAR,
	OGC_NODE_MAP,
	OGC_NODE_SEQ,
};

/**
 * A node of the field tree. Positions are 1-based in the original file.
 * Members of a map carry their key; children are a singly linked list.
 */
struct ogc_node {
	enum ogc_node_kind kind;
	struct ogc_pos pos;     /* of the value */
	struct ogc_pos end;     /* just after a scalar value; 0:0 unknown */
	struct ogc_pos key_pos; /* of the key, for map members */
	const char *key;        /* map members: the key; else NULL */
	const char *text;       /* scalars: the value; NULL nodes: "" */
	size_t len;
	struct ogc_node *child; /* first member or item */
	struct ogc_node *next;  /* next sibling */
};

/** A problem found while building a tree (duplicate key, say). */
struct ogc_problem {
	const char *rule; /* its rule id; NULL: front-matter-invalid */
	struct ogc_pos pos;
	char msg[200];
	/* a duplicate key: the map, and the member given before it */
	struct ogc_node *dup_map;
	struct ogc_node *dup_earlier;
	struct ogc_problem *next;
};

/** A parsed YAML document: owns its nodes, strings and problems. */
struct ogc_doc {
	struct ogc_node *root;         /* NULL when parsing failed */
	struct ogc_problem *problems;  /* fatal first when root is NULL */
	struct ogc_problem *last_problem; /* where the next is appended */
	bool nomem;
	struct ogc_arena *arena;
};

/**
 * Appends a problem of rule `rule` (NULL: front-matter-invalid) to the
 * document; on out-of-memory sets doc->nomem instead.
 */
void
ogc_doc_problem(struct ogc_doc *doc, const char *rule, struct ogc_pos pos,
	const char *fmt, ...) OGC_PRINTF(4, 5);

/**
 * Reports every key of `map` (of `count` members) that repeats an earlier
 * one, as a problem at the later key: lookups find the first, so the later
 * ones are not checked. Sorting keeps this O(n log n) for the large maps a
 * hostile file may hold. False (doc->nomem set) when memory ran out.
 */
bool
ogc_doc_check_duplicates(struct ogc_doc *doc, const struct ogc_node *map,
	size_t count);

/**
 * Records the fatal problem of a parse, of rule `rule` (NULL:
 * front-matter-invalid), unless *failed says one was recorded already;
 * sets *failed. Every reader reports its first error through it.
 */
void
ogc_doc_vfail(struct ogc_doc *doc, bool *failed, const char *rule,
	struct ogc_pos pos, const char *fmt, va_list ap) OGC_PRINTF(5, 0);

/** Creates an empty document (root NULL); NULL when out of memory. */
struct ogc_doc *
ogc_doc_create(void);

/**
 * Allocates `size` bytes, aligned for any type, that live until the
 * document owning the arena is destroyed. NULL when out of memory.
 */
void *
ogc_arena_alloc(struct ogc_arena *arena, size_t size);

/** A NUL-terminated copy of s[0..len) in the arena, or NULL. */
char *
ogc_arena_strndup(struct ogc_arena *arena, const char *s, size_t len);

/**
 * A new node of `kind` at `pos` in the arena: text "", no key, no end, no
 * children. NULL when out of memory.
 */
struct ogc_node *
ogc_node_new(struct ogc_arena *arena, enum ogc_node_kind kind,
	struct ogc_pos pos);

/**
 * Parses YAML text into a tree. `first_line` is the file line the text
 * starts on. Returns NULL only when out of memory; otherwise a document
 * whose root is NULL when the YAML is invalid (problems says why, with
 * position) and whose problems list non-fatal findings such as duplicate
 * keys. Free it with ogc_doc_destroy().
 */
struct ogc_doc *
ogc_doc_parse(const char *text, size_t len, unsigned first_line);

/**
 * ogc_doc_parse() through libyaml alone, without trying the fast reader
 * first: for the test that holds the two to the same trees.
 */
struct ogc_doc *
ogc_doc_parse_slow(const char *text, size_t len, unsigned first_line);

/* yaml_fast.c: the plain shape of most front matter, without libyaml */

enum ogc_fast_result {
	OGC_FAST_DONE,    /* doc->root is the tree libyaml's path builds */
	OGC_FAST_GAVE_UP, /* not the shape: parse it with libyaml */
	OGC_FAST_NOMEM,
};

/**
 * Reads YAML text of the plain shape most front matter has (block maps
 * and lists, one-line scalars without escapes, flow lists of words) into
 * `doc`, an empty document, building the tree ogc_doc_parse_slow() builds
 * from the same text, positions included. On anything else it gives up:
 * then `doc` holds scraps and is only fit for ogc_doc_destroy().
 */
enum ogc_fast_result
ogc_yaml_fast_parse(struct ogc_doc *doc, const char *text, size_t len,
	unsigned first_line);

/**
 * Parses JSON front matter (Hugo: the file opens with `{`) in json_doc.c,
 * with the contract of ogc_doc_parse(): NULL only when out of memory;
 * else a document whose root is the object's map, or NULL when the text
 * is not one valid JSON object (RFC 8259, strict; an optional UTF-8 byte
 * order mark and whitespace around it) or runs past a limit (rule
 * limit-depth or limit-values): its one problem says why and where.
 * Strings are decoded (a \u0000 escape is refused), numbers kept as
 * written ("1.50"), true and false are the scalars "true" and "false",
 * null is an OGC_NODE_NULL node. A repeated key is a non-fatal problem;
 * lookups find the first. text[0..len) need not be NUL-terminated.
 */
struct ogc_doc *
ogc_json_parse(const char *text, size_t len, unsigned first_line);

/**
 * The length of the JSON object at text[0..len) (through its closing
 * brace), 0 when it is not complete within len, or (size_t)-1 when text
 * does not start with '{' or a quote/brace structure is broken in a way
 * no more bytes can fix (a closing bracket of the wrong kind, a line
 * break inside a string). Strings and escapes are honoured; the rest of
 * the syntax is left to ogc_json_parse(), which finds a problem in the
 * bytes read whenever this returns (size_t)-1.
 */
size_t
ogc_json_object_end(const char *text, size_t len);

/**
 * Parses TOML text (Hugo's +++ front matter) into the same tree as
 * ogc_doc_parse(), with the same contract: NULL only when out of memory,
 * else a document whose root is a map, or NULL when the TOML is invalid
 * (strict TOML 1.0: its one problem says why and where) or runs past a
 * limit (rule limit-depth or limit-values). Tables are maps, arrays
 * lists; strings are decoded, other values kept as written ("1_000",
 * "1979-05-27T07:32:00Z"). Free it with ogc_doc_destroy().
 */
struct ogc_doc *
ogc_toml_parse(const char *text, size_t len, unsigned first_line);

void
ogc_doc_destroy(struct ogc_doc *doc);

/**
 * Finds the node at a dotted path (`og.title`). A key that contains dots
 * or colons is matched as one segment first (`og:title`). Returns NULL
 * when absent.
 */
const struct ogc_node *
ogc_node_lookup(const struct ogc_node *root, const char *path);

/* html_doc.c */

/**
 * Parses the HTML in text[0..len) (the head of a page) into a tree of
 * flat fields: meta property/name -> its content, `title`, `canonical`,
 * `lang`; a repeated field becomes a list. The root's position is the
 * <head> element's. Problems carry the ids meta-duplicate,
 * canonical-multiple and title-missing. NULL when out of memory.
 */
struct ogc_doc *
ogc_html_parse(const char *text, size_t len);

/** The member of map `map` whose key is `key`, or NULL. */
const struct ogc_node *
ogc_node_member(const struct ogc_node *map, const char *key);

/**
 * Makes the doc's maps keep the last value of a duplicate key, as Ruby's
 * YAML (Jekyll) does: the members given before it are taken out of their
 * maps. Without it, lookups find the first.
 */
void
ogc_doc_keep_last(struct ogc_doc *doc);

/**
 * The first scalar below `root` whose text holds template syntax ("{{"
 * or "{%", which a generator fills in), or NULL.
 */
const struct ogc_node *
ogc_node_find_template(const struct ogc_node *root);

/** The scalar's text holds template syntax ("{{" or "{%"). */
bool
ogc_node_is_template(const struct ogc_node *node);

/** "a map", "a list", "empty" or "text", for messages. */
const char *
ogc_node_kind_name(enum ogc_node_kind kind);

/* site.c, site_config.c, site_templates.c: the site model */

/** The site generators ogcheck recognises (alphasorted after NONE). */
enum ogc_generator {
	OGC_GEN_NONE = 0,
	OGC_GEN_ASTRO,
	OGC_GEN_DOCUSAURUS,
	OGC_GEN_ELEVENTY,
	OGC_GEN_HUGO,
	OGC_GEN_JEKYLL,
	OGC_GEN_MKDOCS,
	OGC_GEN_NEXT,
	OGC_GEN_ZOLA,
};

/** What a file is to its site. */
enum ogc_page_kind {
	OGC_PAGE_SOURCE, /* a source page: its front matter is checked */
	OGC_PAGE_BUILT,  /* a page of the built site, checked as platforms see
	                    it */
	OGC_PAGE_SKIP,   /* a template, data, asset or repository file */
};

/** A field the site's config or templates write for its pages. */
struct ogc_supply {
	char *field; /* nested spelling: og.title */
	char *where; /* "layouts/_partials/head.html:12", "params.images in
	                hugo.toml" */
	char *scope; /* only for files below this folder; NULL: every page */
};

/**
 * A folder (or file, or glob) of the site that the generator publishes as
 * it is, and the URL path it is published at: Hugo's static/ at "",
 * Eleventy's addPassthroughCopy({"src/img": "img"}) at "img".
 */
struct ogc_site_copy {
	char *from; /* relative to the root; may be a glob (Eleventy) */
	char *to;   /* the URL path below the site, without slashes at
	               either end ("" the site's root) */
};

/**
 * A site: the folder holding a generator's config, and what ogcheck read
 * from the config and the templates. Folders are relative to the root,
 * without "./" or a trailing "/"; "" is the root itself.
 */
struct ogc_site {
	enum ogc_generator generator;
	char *root;   /* the folder, as the caller gave it (absolute) */
	char *config; /* the config file (or folder) that told */
	char *input;  /* where content pages live ("" the root); NULL: any */
	char *output; /* the built site (_site, public, dist); may be NULL */
	char **skip;  /* folders that hold no pages */
	size_t skip_count;
	char **exclude; /* the config's exclude: list */
	size_t exclude_count;
	char **templates; /* folders whose templates were read */
	size_t template_count;
	char **pages; /* only these folders hold pages (Astro, Hugo mounts) */
	size_t page_count;
	struct ogc_supply *supplies;
	size_t supply_count;
	bool example; /* a Hugo theme's exampleSite: a demo, not pages */
	bool default_urls; /* pages get the generator's default URLs (no
	                      permalink config): site_urls.c knows them */
	char *base_url; /* the config's: Hugo baseURL, Jekyll url + baseurl
	                   (ending in "/"); NULL when not given */
	bool base_unread; /* the config gives one in code ogcheck does not
	                     run (Astro's site: siteConfig.url): there is a
	                     base URL, but base_url is NULL */
	char *title;    /* the config's site title (Hugo and Jekyll title);
	                   NULL when not given */
	bool future;    /* the generator builds pages dated in the future:
	                   Jekyll future: true, Hugo buildFuture = true */
	struct ogc_robots *robots; /* the built site's robots.txt (the
	                              output folder's), or NULL */
	struct ogc_site_copy *copies; /* what is published as it is: Hugo's
	                                 static folders, Eleventy's
	                                 passthrough copies */
	size_t copy_count;
	bool copies_unread; /* a theme or module whose static files ogcheck
	                       cannot read (Hugo's, not in the site): a file
	                       found in no copy may be one of them */
};

/**
 * The generator whose config file is in the folder `dir` (*config names
 * the file), or OGC_GEN_NONE (*config NULL). Reads no more than it must.
 */
enum ogc_generator
ogc_generator_at(const char *dir, const char **config);

/**
 * The site whose config is in the folder `dir` (absolute), or NULL when
 * the folder holds none of the config files of ogcheck-rules(5), or
 * memory ran out. Reads the config and the site's templates (at most a
 * few thousand files). Free it with ogc_site_destroy().
 */
struct ogc_site *
ogc_site_detect(const char *dir);

/** Frees a site; accepts NULL. */
void
ogc_site_destroy(struct ogc_site *site);

/** "Hugo", "Jekyll", ... or "none". */
const char *
ogc_generator_name(enum ogc_generator generator);

/**
 * What the file at `rel` (relative to the site's root) is: a source page,
 * a built page (HTML in the built site), or neither; *why says why it is
 * skipped or built (NULL for a source page).
 */
enum ogc_page_kind
ogc_site_classify(const struct ogc_site *site, const char *rel, bool html,
	const char **why);

/**
 * Where the site supplies `field` (either spelling) for the page at `rel`,
 * or NULL when it does not: a place that writes that field, else code
 * that may write any field (a supply of "*").
 */
const struct ogc_supply *
ogc_site_supplies(const struct ogc_site *site, const char *rel,
	const char *field);

/**
 * Hugo: what the folder `dir` (relative to the site's root) of a content
 * page says of it. *leaf is set when the folder is a leaf bundle (it has
 * an index.md): its other files are the page's resources, not pages.
 * Returns why its pages are not rendered (a headless bundle, or an
 * _index.md at or above it that cascades build: {render: never} to them),
 * or NULL. `below` is false for the folder's own _index.md, which its own
 * cascade does not reach. Reads those index files' front matter.
 */
const char *
ogc_site_hugo_folder(const struct ogc_site *site, const char *dir,
	bool below, bool *leaf);

/** A field a page gets from a file beside it, and the place that gives it. */
struct ogc_page_field {
	char field[64];  /* as the file spells it: title, image, og.image */
	char where[256]; /* "posts/posts.11tydata.json:3" */
};

/** The fields a page gets from files beside it (its own front matter's
 * win over them). */
struct ogc_page_data {
	struct ogc_page_field items[32];
	size_t count;
};

/**
 * Adds `field`, given at the place the printf-style `fmt` names, unless
 * the data has it already (the nearer file is added first) or is full.
 */
void
ogc_page_data_add(struct ogc_page_data *data, const char *field,
	const char *fmt, ...) OGC_PRINTF(3, 4);

/**
 * Hugo: when the page at `path` is a bundle's (index.md or _index.md) and
 * its folder holds an image whose name has "feature", "cover" or
 * "thumbnail" in it, which Hugo's opengraph template makes its og:image,
 * adds og.image to `out`.
 */
void
ogc_site_hugo_bundle_image(const char *path, struct ogc_page_data *out);

/**
 * Eleventy: sets `out` to the keys that the directory data files of the
 * folder `dir` (relative to the site's root) and of the folders above it
 * in the input set (posts/posts.11tydata.json, .js, posts/posts.json;
 * eleventyComputed's keys too), the nearest first.
 */
void
ogc_site_eleventy_folder_data(const struct ogc_site *site, const char *dir,
	struct ogc_page_data *out);

/**
 * Eleventy: adds to `out` the keys that the template data file of the
 * page at `rel` sets (post.11tydata.json, post.11tydata.js, post.json).
 */
void
ogc_site_eleventy_page_data(const struct ogc_site *site, const char *rel,
	struct ogc_page_data *out);

/**
 * The URL path (/posts/plain/) the generator gives the source page at
 * `rel` whose front matter is `root` (and Eleventy data `data`, may be
 * NULL), when it follows from the page's path by the generator's default
 * rule; false when the page or the site's config sets URLs otherwise, or
 * the generator has no such rule here (site_urls.c).
 */
bool
ogc_site_page_url(const struct ogc_site *site, const char *rel,
	const struct ogc_node *root, const struct ogc_page_data *data,
	char *url, size_t size);

/** The URL path of the built page at `rel`: public/a/index.html -> /a/. */
bool
ogc_site_built_url(const struct ogc_site *site, const char *rel, char *url,
	size_t size);

/**
 * Writes to rel the built page (relative to the site's root) that serves
 * the URL path `url`, and returns true when that file is there.
 */
bool
ogc_site_built_file(const struct ogc_site *site, const char *url,
	char *rel, size_t size);

/**
 * The source pages there are (at most `max`, written to out, relative to
 * the site's root) that the generator's default rule could give the URL
 * path `url`; each must still be read to know that it does.
 */
size_t
ogc_site_sources_of(const struct ogc_site *site, const char *url,
	char (*out)[1024], size_t max);

/**
 * Why the page whose front matter is `root` is not published by its
 * generator (a Hugo or Astro draft, Hugo's build.render: never, Jekyll's
 * published: false, Eleventy's permalink: false), or why it is no page
 * to preview (permalink: 404.html, the not-found page); NULL otherwise.
 */
const char *
ogc_site_unpublished(const struct ogc_site *site,
	const struct ogc_node *root);

/** True for the generators whose front matter ogcheck models (presets). */
bool
ogc_site_modelled(const struct ogc_site *site);

/** The preset of the site's generator, or NULL when there is none. */
const char *
ogc_site_preset(const struct ogc_site *site);

/* robots.c: a built site's robots.txt (RFC 9309) */

/** Bytes of a robots.txt read; the rest is ignored, as Google does. */
#define OGC_MAX_ROBOTS (500u * 1024u)

struct ogc_robots;

/** Why a path is disallowed: the rule that decided. */
struct ogc_robots_why {
	unsigned line;    /* of the rule in robots.txt */
	const char *rule; /* the rule as written ("Disallow: /drafts/"),
	                     borrowed from the robots */
	bool star;        /* the rule is of the `*` group: no group names
	                     the crawler */
};

/**
 * Parses robots.txt text[0..len) (any bytes: lines that are not rules are
 * ignored). NULL only when memory ran out. Free with
 * ogc_robots_destroy().
 */
struct ogc_robots *
ogc_robots_parse(const char *text, size_t len);

/**
 * Reads and parses dir/robots.txt, its first OGC_MAX_ROBOTS bytes; NULL
 * when there is none (or memory ran out).
 */
struct ogc_robots *
ogc_robots_read(const char *dir);

/** Frees a robots.txt; accepts NULL. */
void
ogc_robots_destroy(struct ogc_robots *robots);

/**
 * True when the crawler whose product token is `agent` ("Twitterbot")
 * may fetch the URL path `path` ("/drafts/a.html", with its query): the
 * rules of the groups naming it (else of `*`), the longest match
 * winning, an allow over a disallow of the same length. On false, *why
 * (may be NULL) names the rule. A NULL robots allows everything.
 */
bool
ogc_robots_allowed(const struct ogc_robots *robots, const char *agent,
	const char *path, struct ogc_robots_why *why);

/* site_files.c: the files a site publishes */

/** Where ogc_site_served_file() found a URL path's file, or looked. */
struct ogc_site_lookup {
	char file[1024];   /* found: the file, relative to the site's root */
	char looked[1024]; /* not found: the places looked, relative to the
	                      root, comma-separated (cut when long) */
	char why[512];     /* not found: why a file that is there is not
	                      published (Jekyll's _folders, Hugo's assets/),
	                      or "" */
};

/** What ogc_site_served_file() found. */
enum ogc_served {
	OGC_SERVED_UNKNOWN = 0, /* the site model does not say: no such
	                           model for the generator, or the path
	                           climbs out of the site or names a folder */
	OGC_SERVED_FOUND,       /* out->file is the file */
	OGC_SERVED_MISSING,     /* out->looked and out->why say where it is
	                           not */
};

/**
 * Finds the file the site publishes at URL path `path` (percent-decoded,
 * without query or fragment): "/images/card.png" from the site's root, or
 * "card.png" relative to the page at `rel` (relative to the root; a built
 * page when `built`). Hugo: a page bundle's own files for a relative
 * path, then the static folders (static/, module mounts to static, the
 * theme's); Jekyll: the source tree, less _ and . folders and exclude:;
 * Eleventy: the passthrough copies; a built page: the built site's files.
 * Reads only the file system's directory entries, never the file.
 */
enum ogc_served
ogc_site_served_file(const struct ogc_site *site, const char *rel,
	bool built, const char *path, struct ogc_site_lookup *out);

/**
 * True for README, CHANGELOG, CONTRIBUTING, LICENSE and their kin, in any
 * case and with any ending: files about a repository, never pages.
 */
bool
ogc_path_is_repository_file(const char *path);

/**
 * True for a name whose ending says it is an image, a font, audio or
 * video, a PDF or an archive (.png, .woff2, .zip...): never a page.
 */
bool
ogc_path_is_binary_name(const char *path);

/** Copies `path` in nested spelling (og:image -> og.image) to buf. */
void
ogc_path_nested_copy(const char *path, char *buf, size_t size);

/** Removes "." and "a/.." segments and repeated "/" from a relative path. */
void
ogc_path_normalize(char *path);

#endif
