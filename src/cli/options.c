/* options.c: the one table of options: the parser, --help, the man page's
 * OPTIONS section and the shell completions are made from it. */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>

#include "cli/options.h"

/* alphasorted by name, as curl keeps its option list */
const struct ogc_cli_option ogc_cli_options[] = {
	{
		.name = "base-url",
		.arg = "URL",
		.id = OGC_OPT_BASE_URL,
		.group = OGC_GROUP_INPUT,
		.help = "the site's base URL, for relative canonical URLs",
		.doc =
			"the site's base URL (absolute http/https), used to resolve "
			"a relative canonical URL before `url-canonical` compares "
			"it.",
	},
	{
		.name = "baseline",
		.arg = "FILE",
		.id = OGC_OPT_BASELINE,
		.group = OGC_GROUP_OUTPUT,
		.help =
			"hide the findings recorded in FILE: only new\n"
			"ones are reported and fail the run",
		.doc =
			"hide the findings recorded in FILE (see BASELINES): only "
			"new ones are reported, counted and fail the run.",
	},
	{
		.name = "cacert",
		.arg = "FILE",
		.id = OGC_OPT_CACERT,
		.group = OGC_GROUP_NETWORK,
		.help = "CA certificates (PEM) to trust for https",
		.doc =
			"CA certificates (PEM) to trust for https, for a private "
			"CA; by default the system's.",
	},
	{
		.name = "cache",
		.arg = "FILE",
		.id = OGC_OPT_CACHE,
		.group = OGC_GROUP_NETWORK,
		.help = "keep URL results in FILE between runs",
		.doc =
			"keep URL results in FILE between runs (JSON, written "
			"atomically); see NETWORK CHECKS.",
	},
	{
		.name = "cache-max-age",
		.arg = "AGE",
		.id = OGC_OPT_CACHE_MAX_AGE,
		.group = OGC_GROUP_NETWORK,
		.help =
			"how long a cached result holds: seconds, or\n"
			"with s, m, h or d (default: 1d)",
		.doc =
			"how long a cached result holds: seconds, or a number with "
			"`s`, `m`, `h` or `d` (default `1d`; `0` fetches everything "
			"again).",
	},
	{
		.name = "changed-since",
		.arg = "REV",
		.id = OGC_OPT_CHANGED_SINCE,
		.group = OGC_GROUP_INPUT,
		.help =
			"check only the content files that git diff REV\n"
			"shows changed (within PATH...)",
		.doc =
			"check only the content files that `git diff REV` shows "
			"added, copied, modified or renamed (work tree and index "
			"against REV; `main...HEAD` for a branch's own changes), "
			"within the PATHs given (default `.`). Deleted files and "
			"files git does not track are not checked. Runs `git` "
			"without a shell; a revision git does not know is exit "
			"status 2.",
	},
	{
		.name = "color",
		.arg = "WHEN",
		.values = "auto always never",
		.id = OGC_OPT_COLOR,
		.group = OGC_GROUP_OUTPUT,
		.help =
			"auto, always or never: colour the text report\n"
			"(auto: on a terminal, unless NO_COLOR is set)",
		.doc =
			"`auto`, `always` or `never`: colour the text report and "
			"its summary line as gcc does (the place bold, errors red, "
			"warnings magenta, infos cyan). `auto`, the default, "
			"colours a report that goes to a terminal, unless the "
			"environment variable `NO_COLOR` is set and not empty; "
			"`FORCE_COLOR` set and not empty (nor `0`) colours it "
			"wherever it goes. `--color always` and `never` win over "
			"both variables. Other formats are never coloured.",
	},
	{
		.name = "exclude",
		.arg = "GLOB",
		.id = OGC_OPT_EXCLUDE,
		.group = OGC_GROUP_INPUT,
		.help =
			"do not check files that GLOB names (repeatable;\n"
			"also exclude: in .ogcheck.yaml)",
		.doc =
			"do not check the files that GLOB names, matched against "
			"each file's path as given and as relative to its site's "
			"root, `*` crossing `/`; a GLOB without `/` may name any "
			"folder or file name on the path (`drafts`, "
			"`*.draft.md`), one with `/` names a path from the start "
			"(`content/old/`). Repeatable; an `exclude:` list in "
			"`.ogcheck.yaml` adds to it. See SITES.",
	},
	{
		.name = "exclude-url",
		.arg = "REGEX",
		.id = OGC_OPT_EXCLUDE_URL,
		.group = OGC_GROUP_NETWORK,
		.help =
			"neither fetch nor report URLs that REGEX matches\n"
			"(repeatable; also exclude-urls: in .ogcheck.yaml)",
		.doc =
			"neither fetch nor report the URLs that REGEX (a POSIX "
			"extended regular expression) matches anywhere in the "
			"normalised URL: a staging host "
			"(`'^https?://staging\\.example\\.org/'`), a path. "
			"Repeatable; an `exclude-urls:` list in `.ogcheck.yaml` "
			"adds to it. See NETWORK CHECKS.",
	},
	{
		.name = "explain",
		.arg = "RULE",
		.id = OGC_OPT_EXPLAIN,
		.group = OGC_GROUP_RULES,
		.help =
			"explain RULE: what it checks, its fields and\n"
			"settings in force, where it comes from",
		.doc =
			"explain RULE as it is in force for the first PATH (or "
			"`.`): what it checks and why, its severity, check kind, "
			"fields and parameters with their values, the conditions "
			"it applies under, the rule file and line it comes from, "
			"an example of a finding and of the fix, and how to turn "
			"it off. An unknown RULE is exit status 2, naming the "
			"nearest rule id.",
	},
	{
		.name = "fail-on",
		.arg = "LEVEL",
		.values = "error warning info never",
		.id = OGC_OPT_FAIL_ON,
		.group = OGC_GROUP_OUTPUT,
		.help =
			"error, warning, info or never: the lowest\n"
			"severity that makes the exit status 1\n"
			"(default: error)",
		.doc =
			"the lowest severity that makes the exit status 1; default "
			"`error`. `warn` is taken for `warning`, as in rule files; "
			"a near miss (`warnings`) is an error that names the right "
			"word.",
	},
	{
		.name = "files-from",
		.arg = "FILE",
		.id = OGC_OPT_FILES_FROM,
		.group = OGC_GROUP_INPUT,
		.help =
			"check the paths listed in FILE (- for standard\n"
			"input), one a line or NUL-separated",
		.doc =
			"check the paths listed in FILE (`-` for standard input) "
			"as if given as PATHs, after any PATHs given: separated by "
			"NUL characters when FILE holds one (`git diff -z "
			"--name-only`, `find -print0`), else one a line (a "
			"trailing carriage return is dropped; empty lines are "
			"skipped). Paths that do not exist are exit status 2, as "
			"PATHs are. An empty list checks nothing and passes.",
	},
	{
		.name = "format",
		.short_name = 'f',
		.arg = "FORMAT",
		.values = "text json jsonl sarif github codeclimate markdown html",
		.id = OGC_OPT_FORMAT,
		.group = OGC_GROUP_OUTPUT,
		.help =
			"text (default), json, jsonl, sarif, github,\n"
			"codeclimate, markdown or html; repeatable, each\n"
			"with its --output",
		.doc =
			"`text` (default): `FILE:LINE:COL: SEVERITY: MESSAGE "
			"[RULE]`, one finding a line on standard output, then a "
			"summary line on standard error. `json`: one JSON object. "
			"`jsonl`, `sarif`, `github`, `codeclimate`: see OUTPUT "
			"FORMATS. `markdown`: a summary for a pull-request comment "
			"or a GitHub job summary; `html`: one self-contained page "
			"with share previews (OUTPUT FORMATS). Repeatable: each "
			"`--format` may have its own `--output`.",
	},
	{
		.name = "help",
		.short_name = 'h',
		.arg = NULL,
		.id = OGC_OPT_HELP,
		.group = OGC_GROUP_GENERAL,
		.help = "print this help and exit",
		.doc =
			"print a summary of the options, by group, and exit 0.",
	},
	{
		.name = "index",
		.arg = "FILE",
		.id = OGC_OPT_INDEX,
		.group = OGC_GROUP_INPUT,
		.help =
			"keep the cross-page index in FILE: a run over\n"
			"part of a site takes the rest from it; with\n"
			"--shard, this shard's part for --merge",
		.doc =
			"keep the index the rules over pages together read "
			"(`title-duplicate`, `image-shared`...) in FILE between "
			"runs: every run writes FILE anew (atomically) with each "
			"page it checked or read, its file's size and modification "
			"time, and a fingerprint of the rules and options. A run "
			"over part of a site (named files, `--changed-since`, a "
			"subfolder) takes each other page of the site from FILE "
			"while its file's size and modification time are those "
			"FILE has, reads the ones that changed or that FILE lacks, "
			"and forgets those whose file is gone. A FILE that is "
			"missing, damaged, of another version or made under other "
			"rules or options is not used (a warning says why). With "
			"`--shard`, FILE is the shard's part: the shard reads no "
			"other page and leaves the rules over pages together to "
			"`--merge`. See docs/index-file.md.",
	},
	{
		.name = "init",
		.id = OGC_OPT_INIT,
		.group = OGC_GROUP_GENERAL,
		.help =
			"write a commented .ogcheck.yaml for the site\n"
			"found in PATH (default .)",
		.doc =
			"write a commented `.ogcheck.yaml` into the first PATH (a "
			"folder; default `.`) for the site found there: its "
			"generator, its base URL when the site's configuration "
			"gives one, the folders to exclude, and the profiles, each "
			"line explained. Its first line points editors at the JSON "
			"Schema of the rule file. An existing `.ogcheck.yaml` is "
			"never overwritten (exit status 2).",
	},
	{
		.name = "input",
		.arg = "auto|markdown|html",
		.id = OGC_OPT_INPUT,
		.group = OGC_GROUP_INPUT,
		.help =
			"how content is read (default auto: *.html and\n"
			"*.htm as HTML, the rest and - as front matter)",
		.doc =
			"how content is read: `auto` (default) reads `*.html` and "
			"`*.htm` as HTML and everything else, standard input "
			"included, as front matter; `markdown` or `html` reads "
			"every input so (`cat page.html | ogcheck --input html -`).",
	},
	{
		.name = "insecure",
		.arg = NULL,
		.id = OGC_OPT_INSECURE,
		.group = OGC_GROUP_NETWORK,
		.help = "do not verify https certificates (warns)",
		.doc =
			"do not verify https certificates (a self-signed staging "
			"server). Prints a warning on standard error: any server "
			"can then answer for an image host.",
	},
	{
		.name = "jobs",
		.arg = "N",
		.id = OGC_OPT_JOBS,
		.group = OGC_GROUP_NETWORK,
		.help = "connections at a time, in all (default: 32)",
		.doc =
			"connections open at once, in all (1–1024; default 32): "
			"over HTTP/1.1 one request each, over HTTP/2 up to "
			"`--streams-per-connection` requests each. See NETWORK "
			"CHECKS.",
	},
	{
		.name = "jobs-per-host",
		.arg = "N",
		.id = OGC_OPT_JOBS_PER_HOST,
		.group = OGC_GROUP_NETWORK,
		.help = "connections at a time to one host (default: 8)",
		.doc =
			"connections open at once to one host and port (1–1024; "
			"default 8), so one CDN is not hammered: over HTTP/1.1 "
			"one request each, over HTTP/2 up to "
			"`--streams-per-connection` requests each.",
	},
	{
		.name = "json-schema",
		.arg = "1|2",
		.id = OGC_OPT_JSON_SCHEMA,
		.group = OGC_GROUP_OUTPUT,
		.help =
			"json schema 2 adds fingerprint, end_line,\n"
			"end_column and expected (default: 1)",
		.doc =
			"the JSON schema of `--format json`: 1 (default, the stable "
			"one) or 2, which adds `fingerprint`, `end_line`, "
			"`end_column` and `expected` to each diagnostic (see OUTPUT "
			"FORMATS).",
	},
	{
		.name = "list-rules",
		.arg = NULL,
		.id = OGC_OPT_LIST_RULES,
		.group = OGC_GROUP_RULES,
		.help = "list the rules in force and exit",
		.doc =
			"print the rules in force (built-in merged with yours) and "
			"exit; with `--format json` as a JSON array of `{id, "
			"severity, check, network, description}`. Rule ids given "
			"after it list only those rules; an id that names no rule "
			"is exit status 2, naming the nearest one.",
	},
	{
		.name = "max-redirects",
		.arg = "N",
		.id = OGC_OPT_MAX_REDIRECTS,
		.group = OGC_GROUP_NETWORK,
		.help = "redirects followed per URL (default: 5)",
		.doc =
			"redirects followed per URL (0–50; default 5); one more is "
			"a finding that shows the chain.",
	},
	{
		.name = "merge",
		.arg = NULL,
		.id = OGC_OPT_MERGE,
		.group = OGC_GROUP_INPUT,
		.help =
			"the PATHs are the shards' --index parts: report\n"
			"the rules over pages together on their union",
		.doc =
			"the PATHs are index parts that runs of `--shard K/N "
			"--index PART` wrote: run the rules over pages together "
			"(`title-duplicate`, `image-shared`...) on their union and "
			"report only those findings, in the chosen format, at the "
			"positions read from the pages' files; the shards' findings "
			"and these are together exactly a whole run's. Parts made "
			"under different rules or options, or other than the "
			"merge's own, are exit status 2: give the merge the "
			"shards' options. With `--index FILE`, the union is "
			"written to FILE too.",
	},
	{
		.name = "no-ignore",
		.id = OGC_OPT_NO_IGNORE,
		.group = OGC_GROUP_INPUT,
		.help = "check files that .gitignore files ignore too",
		.doc =
			"check the files that `.gitignore` files ignore too (by "
			"default a folder walk skips them, as git does); "
			"`--exclude` and `exclude:` still apply.",
	},
	{
		.name = "no-private-addresses",
		.arg = NULL,
		.id = OGC_OPT_NO_PRIVATE_ADDRESSES,
		.group = OGC_GROUP_NETWORK,
		.help =
			"refuse to connect to loopback, private and\n"
			"link-local addresses (checked after DNS)",
		.doc =
			"refuse to connect to loopback, private, link-local and "
			"other addresses that are not on the public internet, "
			"checked on each address a name resolves to (see NETWORK "
			"CHECKS).",
	},
	{
		.name = "offline",
		.arg = NULL,
		.id = OGC_OPT_OFFLINE,
		.group = OGC_GROUP_NETWORK,
		.help = "no network access; network rules are skipped",
		.doc =
			"no network access at all (not even the cache is read). "
			"Network rules (`image-reachable`, `image-size`) are "
			"skipped and counted in the summary, once per URL value.",
	},
	{
		.name = "output",
		.short_name = 'o',
		.arg = "FILE",
		.id = OGC_OPT_OUTPUT,
		.group = OGC_GROUP_OUTPUT,
		.help =
			"write the report of the --format before it to\n"
			"FILE; text still goes to the terminal",
		.doc =
			"write the report of the `--format` just before it to FILE. "
			"When every report goes to a file, the text report still "
			"goes to the terminal; at most one report may go to "
			"standard output.",
	},
	{
		.name = "preset",
		.arg = "NAME",
		.values = "hugo jekyll eleventy astro none",
		.id = OGC_OPT_PRESET,
		.group = OGC_GROUP_RULES,
		.help =
			"read a site generator's fields: hugo, jekyll,\n"
			"eleventy, astro, or none (default: found from\n"
			"the generator's config file in this folder)",
		.doc =
			"read a site generator's front matter fields: `hugo`, "
			"`jekyll`, `eleventy`, `astro`, or `none`. Default: found "
			"from the generator's config file in the current folder "
			"(see ogcheck-rules(5), PRESETS).",
	},
	{
		.name = "profile",
		.arg = "NAME",
		.values = "ogp facebook x linkedin seo",
		.id = OGC_OPT_PROFILE,
		.group = OGC_GROUP_RULES,
		.help =
			"add a platform's rules: ogp, facebook, x,\n"
			"linkedin or seo (repeatable)",
		.doc =
			"add a platform's built-in rules: `ogp`, `facebook`, `x`, "
			"`linkedin`, `seo` (repeatable; see ogcheck-rules(5), "
			"PROFILES). An unknown name is exit status 2.",
	},
	{
		.name = "quiet",
		.short_name = 'q',
		.id = OGC_OPT_QUIET,
		.group = OGC_GROUP_OUTPUT,
		.help =
			"text report: only error findings, and no\n"
			"summary line or progress",
		.doc =
			"print only the findings of severity error in the text "
			"report, and no summary line or progress line. Machine "
			"formats (json, sarif...) still hold every finding, and "
			"the exit status is that of `--fail-on`.",
	},
	{
		.name = "report-images",
		.arg = "MODE",
		.values = "none link embed",
		.id = OGC_OPT_REPORT_IMAGES,
		.group = OGC_GROUP_OUTPUT,
		.help =
			"html report: images of previews: none (default,\n"
			"placeholders), link (fetched by the browser) or\n"
			"embed (small fetched images inlined)",
		.doc =
			"how the previews of `--format html` show images. `none` "
			"(default): placeholders of each platform's ratio, with "
			"what the network stage learned of the image (size, "
			"bytes, type) and the platform's crop drawn over them; "
			"the report asks for nothing when opened. `link`: the "
			"image at its remote URL as well, which the reader's "
			"browser fetches from the image's host when the preview "
			"is opened (the report says so). `embed`: the images the "
			"network stage read in full (those of at most 64 KiB, "
			"PNG, JPEG, GIF or WebP) inlined as `data:` URIs, each "
			"once however many pages use it, 4 MiB in all at most; "
			"other images stay placeholders, and the report still "
			"asks for nothing when opened. Embedding reads such "
			"images again rather than from `--cache`, which keeps no "
			"bytes.",
	},
	{
		.name = "retries",
		.arg = "N",
		.id = OGC_OPT_RETRIES,
		.group = OGC_GROUP_NETWORK,
		.help =
			"retries after 429, 503 or a dropped\n"
			"connection (default: 2)",
		.doc =
			"retries after a 429 or 503 answer or a dropped connection "
			"(0–10; default 2). Never after a 404 or other answer.",
	},
	{
		.name = "rules",
		.arg = "FILE",
		.id = OGC_OPT_RULES,
		.group = OGC_GROUP_RULES,
		.help =
			"a rule file, merged over the built-in rules\n"
			"(repeatable); default: .ogcheck.yaml in this\n"
			"folder or the nearest parent",
		.doc =
			"a rule file merged over the built-in rules; repeatable, "
			"applied in order. Without it: `.ogcheck.yaml` in the "
			"current folder or the nearest parent; without that, the "
			"built-in rules alone. Explicit `--rules` files replace "
			"discovery (the `.ogcheck.yaml` is then not read). A pipe "
			"works too: `--rules <(generate)`.",
	},
	{
		.name = "shard",
		.arg = "K/N",
		.id = OGC_OPT_SHARD,
		.group = OGC_GROUP_INPUT,
		.help =
			"check only shard K of N (a split by path hash),\n"
			"for N parallel CI jobs over one site",
		.doc =
			"check only shard K (1 to N) of N: each file's path "
			"(without a leading `./`) is hashed (FNV-1a) and taken by "
			"one shard, the same on every run and machine, so N CI jobs "
			"share a large site; the shards' findings together are the "
			"whole run's.",
	},
	{
		.name = "show-config",
		.arg = NULL,
		.id = OGC_OPT_SHOW_CONFIG,
		.group = OGC_GROUP_RULES,
		.help =
			"say what ogcheck decides for each PATH: its\n"
			"site, generator, pages and supplied fields",
		.doc =
			"print, for each PATH (default `.`), what ogcheck decides: "
			"the site's root and the generator's config it was found "
			"from, the preset, the `.ogcheck.yaml` in force, which "
			"folders hold pages, the built site, and every field the "
			"site's templates and config supply with the file and line "
			"that supplies it; then exit 0. See SITES.",
	},
	{
		.name = "statistics",
		.id = OGC_OPT_STATISTICS,
		.group = OGC_GROUP_OUTPUT,
		.help =
			"text report: count the findings by rule and\n"
			"by folder instead of listing them, and the\n"
			"requests by host",
		.doc =
			"in the text report, count the findings by rule (with "
			"severity and description) and by folder instead of "
			"listing them, as `ruff --statistics` does, the most "
			"findings first. Folders are those right below the "
			"deepest folder holding every file with findings (files "
			"right in it are counted under it). With `--quiet`, only "
			"errors are counted. When network checks ran, a third "
			"table gives each host (and port) the requests sent to "
			"it, those that got no answer, by kind, whether it was "
			"taken as down, and the time they took, the most "
			"requests first. See OUTPUT FORMATS.",
	},
	{
		.name = "stdin-filename",
		.arg = "NAME",
		.id = OGC_OPT_STDIN_FILENAME,
		.group = OGC_GROUP_INPUT,
		.help =
			"check - (standard input) as if it were the\n"
			"file NAME: reported as NAME, with its site,\n"
			"rules and format",
		.doc =
			"check what `-` (standard input) reads as if it were the file "
			"NAME, which need not exist: findings are reported under "
			"NAME, its extension chooses how it is read (as `--input "
			"auto` does), and its site, generator, `.ogcheck.yaml` and "
			"`exclude:` globs are found from NAME's folder, as for a "
			"file named on the command line. For editors, and for "
			"hooks that check what is staged (`git show :content/x.md "
			"| ogcheck --stdin-filename content/x.md -`). Without `-` "
			"among the PATHs it is exit status 2.",
	},
	{
		.name = "streams-per-connection",
		.arg = "N",
		.id = OGC_OPT_STREAMS_PER_CONNECTION,
		.group = OGC_GROUP_NETWORK,
		.help =
			"HTTP/2 requests at a time on one connection\n"
			"(default: 100)",
		.doc =
			"requests running at once on one HTTP/2 connection (1–1000; "
			"default 100), and never more than the server allows "
			"(its SETTINGS_MAX_CONCURRENT_STREAMS). https URLs are "
			"fetched over HTTP/2 when the server offers it.",
	},
	{
		.name = "threads",
		.arg = "N",
		.id = OGC_OPT_THREADS,
		.group = OGC_GROUP_INPUT,
		.help =
			"threads checking a folder's files (default: one\n"
			"per CPU; 1 checks on the main thread only)",
		.doc =
			"threads that check a folder's files, 1–256; default one "
			"per CPU (at most 16). The walk stays on the main thread "
			"and hands files to the workers through a bounded queue, so "
			"memory stays flat; the report is sorted at the end, so the "
			"output is byte-identical whatever N is. `--threads 1` "
			"checks everything on the main thread.",
	},
	{
		.name = "timeout",
		.arg = "SECONDS",
		.id = OGC_OPT_TIMEOUT,
		.group = OGC_GROUP_NETWORK,
		.help = "per request (default: 10)",
		.doc =
			"the most one request may take, connecting included (a "
			"number, fractions allowed, at most 3600; default 10).",
	},
	{
		.name = "verbose",
		.arg = NULL,
		.id = OGC_OPT_VERBOSE,
		.group = OGC_GROUP_GENERAL,
		.help = "say on standard error what each site is",
		.doc =
			"print on standard error, once per site met, what "
			"`--show-config` says of it.",
	},
	{
		.name = "version",
		.short_name = 'V',
		.arg = NULL,
		.id = OGC_OPT_VERSION,
		.group = OGC_GROUP_GENERAL,
		.help = "print the version and exit",
		.doc =
			"print the version and exit 0: `ogcheck 0.1.0`, followed "
			"by the commit (`ogcheck 0.1.0 (git 1a2b3c4)`) when built "
			"from a git checkout.",
	},
	{
		.name = "write-baseline",
		.arg = "FILE",
		.id = OGC_OPT_WRITE_BASELINE,
		.group = OGC_GROUP_OUTPUT,
		.help = "record every finding of this run in FILE",
		.doc =
			"record every finding of this run in FILE (written to a "
			"temporary file and renamed). With `--baseline` too, the "
			"old file is read first, so `--baseline b.json "
			"--write-baseline b.json` reports the new findings and "
			"drops fixed ones from the baseline.",
	},
};

const size_t ogc_cli_option_count =
	sizeof(ogc_cli_options) / sizeof(ogc_cli_options[0]);

const char *
ogc_cli_group_name(enum ogc_cli_group group)
{
	static const char *const names[OGC_GROUP_COUNT] = {
		"Rules", "Input", "Output", "Network", "General",
	};

	return group < OGC_GROUP_COUNT ? names[group] : "";
}
