/* main.c: the ogcheck command: options in, exit status out. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

/* Prints "ogcheck: NAME" with the name escaped as reports show it. */
static void
print_name(const char *name)
{
	size_t n = ogc_escape_name(name, NULL);
	char *shown = malloc(n + 1);

	fputs("ogcheck: ", stderr);
	if (shown == NULL) {
		fputs("(a file name)", stderr);
		return;
	}
	ogc_escape_name(name, shown);
	shown[n] = '\0';
	fputs(shown, stderr);
	free(shown);
}

static void
print_error(const struct ogc_error *err)
{
	if (err->file == NULL) {
		fprintf(stderr, "ogcheck: %s\n", err->msg);
		return;
	}
	print_name(err->file);
	if (err->pos.line > 0) {
		fprintf(stderr, ":%u:%u", err->pos.line, err->pos.column);
	}
	fprintf(stderr, ": %s\n", err->msg);
}

/* --verbose: what each site met is. */
static void
print_site(void *arg, const char *description)
{
	fprintf(stderr, "ogcheck: %s", description);
}

/* --show-config: the site model's decisions, then the rules in force. */
static int
show_config(const struct cli *cli, char **paths, int count,
	const struct ogc_ruleset *rules, struct ogc_error *err)
{
	static char dot[] = ".";
	char *here[] = {dot};
	int i;

	if (count == 0) {
		paths = here;
		count = 1;
	}
	for (i = 0; i < count; i++) {
		if (i > 0) {
			putchar('\n');
		}
		if (!ogc_show_config(paths[i], &cli->options, rules, stdout,
			err)) {
			return 2;
		}
	}
	return 0;
}

static bool
is_folder(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * The rules for files outside any site, and for --list-rules: those of
 * the site of the first PATH (found by walking up from it), or the
 * --preset, the profiles, then --rules files or the .ogcheck.yaml nearest
 * above the first PATH.
 */
static bool
load_rules(struct cli *cli, const char *first, struct ogc_ruleset *rules,
	char **found, struct ogc_error *err)
{
	const char *preset = cli->spec.preset;
	char *root = NULL;
	char *dir;
	char *slash;
	bool named_stdin = false;
	bool ok;

	if (first != NULL && strcmp(first, "-") == 0 && cli->stdin_name != NULL) {
		/* --stdin-filename: from the folder of a file that need not
		   exist */
		first = cli->stdin_name;
		named_stdin = true;
	} else if (first == NULL || strcmp(first, "-") == 0) {
		first = ".";
	}
	/* .ogcheck.yaml is looked for from the site's root, else the path */
	dir = strdup(first);
	if (dir == NULL) {
		err->status = OGC_ERR_NOMEM;
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return false;
	}
	slash = strrchr(dir, '/');
	if (named_stdin || (access(dir, F_OK) == 0 && !is_folder(dir))) {
		if (slash == NULL) {
			dir[0] = '.';
			dir[1] = '\0';
		} else {
			slash[slash == dir] = '\0';
		}
	}
	if (preset == NULL) {
		preset = ogc_preset_find(dir, &root);
	}
	ok = ogc_ruleset_load_spec(rules, &cli->spec, preset,
		root != NULL ? root : dir, found, err);
	free(root);
	free(dir);
	return ok;
}

/* The paths of --files-from, and the memory they live in. */
struct path_list {
	char *text;   /* the file's bytes, split in place */
	char **paths; /* the command line's PATHs, then the file's */
	int count;
};

/* Reads all of `f` into a NUL-terminated buffer; NULL on error. */
static char *
read_all(FILE *f, size_t *len)
{
	size_t cap = 4096;
	size_t n = 0;
	char *buf = malloc(cap);
	char *bigger;

	while (buf != NULL) {
		n += fread(buf + n, 1, cap - n - 1, f);
		if (ferror(f)) {
			break;
		}
		if (n < cap - 1) {
			buf[n] = '\0';
			*len = n;
			return buf;
		}
		bigger = realloc(buf, cap * 2);
		if (bigger == NULL) {
			break;
		}
		buf = bigger;
		cap *= 2;
	}
	free(buf);
	return NULL;
}

/*
 * --files-from FILE: the PATHs given, then FILE's (NUL-separated when it
 * holds a NUL, else one a line, a trailing CR dropped, empty ones
 * skipped). False, with the problem told, when FILE cannot be read.
 */
static bool
files_from(const char *name, char **given, int given_count,
	struct path_list *list)
{
	FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
	size_t len = 0;
	size_t lines = 1;
	char sep;
	char *p;
	char *end;
	size_t i;

	list->text = f != NULL ? read_all(f, &len) : NULL;
	if (f != NULL && f != stdin) {
		fclose(f);
	}
	if (list->text == NULL) {
		print_name(name);
		fprintf(stderr, ": --files-from: cannot read the list: %s\n",
			strerror(errno != 0 ? errno : EIO));
		return false;
	}
	sep = memchr(list->text, '\0', len) != NULL ? '\0' : '\n';
	for (i = 0; i < len; i++) {
		lines += list->text[i] == sep;
	}
	list->paths = calloc((size_t)given_count + lines + 1,
		sizeof(*list->paths));
	if (list->paths == NULL) {
		fputs("ogcheck: out of memory\n", stderr);
		return false;
	}
	memcpy(list->paths, given, (size_t)given_count * sizeof(*given));
	list->count = given_count;
	for (p = list->text; p < list->text + len; p = end + 1) {
		end = memchr(p, sep, (size_t)(list->text + len - p));
		if (end == NULL) {
			end = list->text + len;
		}
		*end = '\0';
		if (sep == '\n' && end > p && end[-1] == '\r') {
			end[-1] = '\0';
		}
		if (p[0] != '\0') {
			list->paths[list->count++] = p;
		}
	}
	return true;
}

/* "-" is among the paths. */
static bool
reads_stdin(char **paths, int count)
{
	int i;

	for (i = 0; i < count; i++) {
		if (strcmp(paths[i], "-") == 0) {
			return true;
		}
	}
	return false;
}

/* Fails early on a named path that does not exist: exit status 2. */
static bool
paths_exist(char **paths, int count)
{
	int i;

	for (i = 0; i < count; i++) {
		if (strcmp(paths[i], "-") != 0 && access(paths[i], F_OK) != 0) {
			print_name(paths[i]);
			fputs(": no such file or folder\n", stderr);
			return false;
		}
	}
	return true;
}

/* True when `file` is `dir` or below it ("." holds everything). */
static bool
is_within(const char *file, const char *dir)
{
	size_t n;

	while (strncmp(dir, "./", 2) == 0) {
		dir += 2;
	}
	n = strlen(dir);
	while (n > 0 && dir[n - 1] == '/') {
		n--;
	}
	if (strcmp(dir, ".") == 0 || n == 0) {
		return true;
	}
	return strncmp(file, dir, n) == 0 && (file[n] == '\0' ||
		file[n] == '/');
}

/*
 * The changed content files within the given paths (all when none), kept
 * in place in git's array; NULL with err set when git fails.
 */
static char **
changed_paths(const char *rev, char **paths, int count, size_t *kept,
	struct ogc_error *err)
{
	char **names = ogc_git_changed(rev, kept, err);
	size_t n = *kept;
	size_t i;
	int p;

	if (names == NULL) {
		return NULL;
	}
	*kept = 0;
	for (i = 0; i < n; i++) {
		for (p = 0; p < count && !is_within(names[i], paths[p]); p++) {
		}
		if (count == 0 || p < count) {
			names[(*kept)++] = names[i];
		} else {
			free(names[i]);
		}
	}
	names[*kept] = NULL;
	return names;
}

/*
 * Checks every path; *empty counts the folders given that hold no content
 * file at all (each told on stderr): an unbuilt public/ must not pass.
 */
static bool
check_all(const struct cli *cli, const struct ogc_ruleset *rules,
	char **paths, int count, struct ogc_report *report, int *empty,
	struct ogc_error *err)
{
	static char current[] = ".";
	char *dot[] = {current};
	struct ogc_checker *checker;
	const char *warning;
	size_t seen;
	bool ok = true;
	int i;

	*empty = 0;
	if (paths == NULL) {
		count = 0; /* --changed-since found nothing to check */
	} else if (count == 0) {
		paths = dot;
		count = 1;
	}
	checker = ogc_checker_create(rules, &cli->options, err);
	if (checker == NULL) {
		return false;
	}
	if (cli->merge) {
		/* the paths are index parts, not content */
		ok = ogc_checker_merge(checker, (const char *const *)paths,
			(size_t)count, err);
		count = 0;
	}
	for (i = 0; ok && i < count; i++) {
		if (strcmp(paths[i], "-") == 0) {
			ok = cli->stdin_name != NULL ?
				ogc_checker_check_fd_at(checker, cli->stdin_name,
				STDIN_FILENO, report, err) :
				ogc_checker_check_fd(checker, "-", STDIN_FILENO, report,
				err);
			continue;
		}
		seen = ogc_checker_seen(checker);
		ok = ogc_checker_check_path(checker, paths[i], report, err);
		if (ok && seen == ogc_checker_seen(checker) &&
			is_folder(paths[i])) {
			print_name(paths[i]);
			fputs(": no content file in this folder (*.md, *.html...): "
				"nothing to check\n", stderr);
			++*empty;
		}
	}
	ok = ok && ogc_checker_finish(checker, report, err);
	warning = ogc_checker_warning(checker);
	if (warning != NULL) {
		fprintf(stderr, "ogcheck: warning: %s\n", warning);
	}
	ogc_checker_destroy(checker);
	return ok;
}

static int
exit_status(const struct ogc_report *report, enum ogc_severity fail_on)
{
	struct ogc_summary s;

	ogc_report_summary(report, &s);
	if (fail_on == OGC_SEV_OFF) {
		return 0;
	}
	if (s.errors > 0 ||
		(fail_on <= OGC_SEV_WARNING && s.warnings > 0) ||
		(fail_on <= OGC_SEV_INFO && s.infos > 0)) {
		return 1;
	}
	return 0;
}

static bool
write_failed(struct ogc_error *err, const char *path)
{
	err->status = OGC_ERR_IO;
	err->file = path;
	err->pos.line = 0;
	err->pos.column = 0;
	snprintf(err->msg, sizeof(err->msg), "cannot write the report: %s",
		strerror(errno));
	return false;
}

/* A jsonl report streamed file by file, as checks finish. */
struct stream {
	FILE *out;
	bool failed;
};

static void
stream_jsonl(void *arg, const struct ogc_diag *diags, size_t count)
{
	struct stream *s = arg;
	size_t i;

	for (i = 0; i < count && !s->failed; i++) {
		if (!diags[i].baselined) {
			s->failed = !ogc_diag_write_jsonl(&diags[i], s->out);
		}
	}
	if (!s->failed) {
		s->failed = fflush(s->out) != 0;
	}
}

/*
 * Opens the jsonl report, if there is one, and streams into it; *index is
 * the report's index, or -1 when nothing streams. False on a file that
 * cannot be opened.
 */
static bool
start_stream(struct cli *cli, struct stream *s, int *index,
	struct ogc_error *err)
{
	size_t i;

	*index = -1;
	for (i = 0; i < cli->report_count; i++) {
		if (cli->reports[i].format != OGC_FORMAT_JSONL) {
			continue;
		}
		s->out = cli->reports[i].path != NULL ?
			fopen(cli->reports[i].path, "w") : stdout;
		if (s->out == NULL) {
			return write_failed(err, cli->reports[i].path);
		}
		s->failed = false;
		cli->options.file_done = stream_jsonl;
		cli->options.file_done_arg = s;
		/* the only report, no new baseline: nothing reads them again */
		cli->options.forget_done = cli->report_count == 1 &&
			cli->write_baseline == NULL;
		*index = (int)i;
		return true;
	}
	return true;
}

/*
 * Whether a text report going to `fd` (-1: a file) is coloured: --color
 * always or never, else FORCE_COLOR, NO_COLOR, then a terminal.
 */
static bool
use_color(const struct cli *cli, int fd)
{
	const char *force = getenv("FORCE_COLOR");
	const char *none = getenv("NO_COLOR");

	if (cli->color != CLI_COLOR_AUTO) {
		return cli->color == CLI_COLOR_ALWAYS;
	}
	if (force != NULL && force[0] != '\0' && strcmp(force, "0") != 0 &&
		strcmp(force, "false") != 0) {
		return true;
	}
	if (none != NULL && none[0] != '\0') {
		return false;
	}
	return fd >= 0 && isatty(fd);
}

/*
 * The first report that goes to a file and holds every finding (not
 * github's own, not a markdown summary), if any.
 */
static const char *
full_report(const struct cli *cli)
{
	size_t i;

	for (i = 0; i < cli->report_count; i++) {
		if (cli->reports[i].path != NULL &&
			cli->reports[i].format != OGC_FORMAT_GITHUB &&
			cli->reports[i].format != OGC_FORMAT_MARKDOWN) {
			return cli->reports[i].path;
		}
	}
	return NULL;
}

/* Writes every report; the summary line goes to stderr after text. */
static bool
write_reports(const struct cli *cli, const struct ogc_ruleset *rules,
	const struct ogc_report *report, const struct stream *stream,
	int streamed, struct ogc_error *err)
{
	struct ogc_text_style style = {false, OGC_SEV_OFF, cli->statistics};
	const struct report_out *r;
	FILE *out;
	bool ok = true;
	size_t i;

	if (cli->quiet) {
		style.min_severity = OGC_SEV_ERROR;
	}
	for (i = 0; ok && i < cli->report_count; i++) {
		r = &cli->reports[i];
		if ((int)i == streamed) {
			ok = !stream->failed &&
				ogc_report_write_jsonl_summary(report, stream->out,
				err);
			if (!ok && err->msg[0] == '\0') {
				ok = write_failed(err, r->path);
			}
			continue;
		}
		out = r->path != NULL ? fopen(r->path, "w") : stdout;
		if (out == NULL) {
			return write_failed(err, r->path);
		}
		if (r->format == OGC_FORMAT_TEXT) {
			style.color = use_color(cli, r->path == NULL ?
				STDOUT_FILENO : -1);
			ok = ogc_report_write_text_styled(report, rules, &style, out,
				err);
		} else {
			ok = ogc_report_write(report, rules, r->format,
				full_report(cli), out, err);
		}
		if (r->path != NULL && fclose(out) != 0 && ok) {
			ok = write_failed(err, r->path);
		}
		if (ok && r->path == NULL && r->format == OGC_FORMAT_TEXT &&
			!cli->quiet) {
			ok = ogc_report_write_summary_styled(report,
				use_color(cli, STDERR_FILENO), stderr, err);
		}
	}
	return ok;
}

/*
 * The run's time: SOURCE_DATE_EPOCH when set (reproducible reports and
 * date-future findings), else now. False when SOURCE_DATE_EPOCH is not a
 * number of seconds (*out is then now).
 */
static bool
run_time(long long *out)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long t;

	*out = (long long)time(NULL);
	if (epoch == NULL || epoch[0] == '\0') {
		return true;
	}
	errno = 0;
	t = strtoll(epoch, &end, 10);
	if (errno != 0 || *end != '\0' || t < 0) {
		return false;
	}
	*out = t;
	return true;
}

/*
 * What an html report says of the run: the settings, and its date (the
 * run's time, run_time()). False when SOURCE_DATE_EPOCH is not a number
 * of seconds: a report would not be reproducible.
 */
static bool
run_info(struct cli *cli, char **paths, int count, const char *found,
	struct ogc_report *report)
{
	static const char *const fail_on[] = {"never", "info", "warning",
		"error"};
	struct ogc_run_info *info = &cli->run_info;
	char *root = NULL;
	bool html = false;
	size_t i;

	for (i = 0; i < cli->report_count; i++) {
		html = html || cli->reports[i].format == OGC_FORMAT_HTML;
	}
	/* date-future compares with it; a bad value is an error only where
	   it is written down, in the html report */
	if (!run_time(&cli->options.now) && html) {
		fprintf(stderr, "ogcheck: SOURCE_DATE_EPOCH \"%s\" is not a "
			"number of seconds\n", getenv("SOURCE_DATE_EPOCH"));
		return false;
	}
	if (!html) {
		return true;
	}
	cli->options.page_meta = true;
	memset(info, 0, sizeof(*info));
	info->date = cli->options.now;
	info->generator = ogc_preset_find(paths != NULL && count > 0 &&
		strcmp(paths[0], "-") != 0 ? paths[0] : ".", &root);
	free(root);
	info->preset = cli->preset;
	info->profiles = cli->profiles;
	info->profile_count = cli->profile_count;
	if (cli->rule_file_count > 0) {
		info->rule_files = cli->rule_files;
		info->rule_file_count = cli->rule_file_count;
	} else if (found != NULL) {
		cli->found_rules = found;
		info->rule_files = &cli->found_rules;
		info->rule_file_count = 1;
	}
	info->base_url = cli->options.base_url;
	info->fail_on = fail_on[cli->fail_on];
	info->offline = cli->options.offline;
	info->images = cli->report_images;
	if (cli->report_images == OGC_REPORT_IMAGES_EMBED) {
		cli->options.embed_images = OGC_EMBED_IMAGES_MAX;
	}
	ogc_report_set_run(report, info);
	return true;
}

/* Fewer URLs than this are checked without a progress line. */
#define PROGRESS_MIN_URLS 20

/* The network stage's progress line, on a terminal only. */
struct progress {
	struct timespec last;
	bool shown;
};

static void
show_progress(void *arg, size_t done, size_t total, size_t failed)
{
	struct progress *p = arg;
	struct timespec now;

	if (total < PROGRESS_MIN_URLS) {
		return;
	}
	if (done == total) {
		if (p->shown) {
			fputs("\r\033[K", stderr);
		}
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (p->shown && (now.tv_sec - p->last.tv_sec) * 1000 +
		(now.tv_nsec - p->last.tv_nsec) / 1000000 < 100) {
		return;
	}
	fprintf(stderr, "\rogcheck: checking URLs %zu/%zu, %zu failed", done,
		total, failed);
	fflush(stderr);
	p->shown = true;
	p->last = now;
}

/* --init [DIR]: one folder, default "." */
static int
init(const struct cli *cli, char **paths, int count, struct ogc_error *err)
{
	const char *dir = count > 0 ? paths[0] : ".";

	if (count > 1) {
		fputs("ogcheck: --init takes one folder\nTry 'ogcheck --help'.\n",
			stderr);
		return 2;
	}
	if (!ogc_site_init(dir, &cli->options, err)) {
		return 2;
	}
	fprintf(stderr, "ogcheck: wrote %s%s.ogcheck.yaml\n", dir,
		dir[strlen(dir) - 1] == '/' ? "" : "/");
	return 0;
}

static int
run(struct cli *cli, char **paths, int count)
{
	struct ogc_error err = {0};
	struct ogc_ruleset *rules;
	struct ogc_report *report = NULL;
	struct ogc_baseline *baseline = NULL;
	struct stream stream = {NULL, false};
	struct progress progress;
	int streamed = -1;
	int empty = 0;
	char **changed = NULL;
	size_t changed_count = 0;
	char *found = NULL;
	int status = 2;
	bool ok;

	rules = ogc_ruleset_create(&err);
	if (rules == NULL || !load_rules(cli, count > 0 ? paths[0] : NULL,
		rules, &found, &err)) {
		goto fail;
	}
	if (cli->show_config) {
		status = show_config(cli, paths, count, rules, &err);
		goto fail;
	}
	if (cli->init) {
		status = init(cli, paths, count, &err);
		goto fail;
	}
	if (cli->explain != NULL) {
		status = ogc_ruleset_explain(rules, cli->explain, stdout, &err) ?
			0 : 2;
		goto fail;
	}
	if (cli->list_rules) {
		/* --list-rules ID...: only those */
		if (count > 0 && !ogc_ruleset_keep_only(rules, paths, (size_t)count,
			&err)) {
			goto fail;
		}
		ok = cli->reports[0].format == OGC_FORMAT_JSON ||
			cli->reports[0].format == OGC_FORMAT_JSON_V2 ?
			ogc_ruleset_write_json(rules, stdout, &err) :
			ogc_ruleset_write_text(rules, stdout, &err);
		status = ok ? 0 : 2;
		goto fail;
	}
	if (!paths_exist(paths, count)) {
		goto destroy_rules;
	}
	report = ogc_report_create();
	if (report == NULL) {
		fputs("ogcheck: out of memory\n", stderr);
		goto destroy_rules;
	}
	if (cli->baseline != NULL) {
		baseline = ogc_baseline_load(cli->baseline, &err);
		if (baseline == NULL) {
			goto fail;
		}
		cli->options.baseline = baseline;
	}
	if (!start_stream(cli, &stream, &streamed, &err)) {
		goto fail;
	}
	if (cli->changed_since != NULL && paths != NULL) {
		changed = changed_paths(cli->changed_since, paths, count,
			&changed_count, &err);
		if (changed == NULL) {
			goto fail;
		}
		paths = changed;
		count = (int)changed_count;
		if (count == 0) {
			paths = NULL;
		}
	}
	if (!run_info(cli, paths, count, found, report)) {
		goto destroy_report;
	}
	memset(&progress, 0, sizeof(progress));
	if (isatty(STDERR_FILENO) && !cli->quiet) {
		cli->options.progress = show_progress;
		cli->options.progress_arg = &progress;
	}
	if (!check_all(cli, rules, paths, count, report, &empty, &err)) {
		goto fail;
	}
	/* the new baseline records everything found today, known or not */
	if (cli->write_baseline != NULL &&
		!ogc_report_write_baseline(report, cli->write_baseline, &err)) {
		goto fail;
	}
	if (!write_reports(cli, rules, report, &stream, streamed, &err)) {
		goto fail;
	}
	if (stream.out != NULL && stream.out != stdout) {
		ok = fclose(stream.out) == 0;
		stream.out = NULL;
		if (!ok) {
			write_failed(&err, cli->reports[streamed].path);
			goto fail;
		}
	}
	status = empty > 0 ? 2 : exit_status(report, cli->fail_on);
	goto destroy_report;
fail:
	if (status != 0 && err.msg[0] != '\0') {
		print_error(&err);
	}
destroy_report:
	ogc_git_changed_free(changed);
	if (stream.out != NULL && stream.out != stdout) {
		fclose(stream.out);
	}
	ogc_baseline_destroy(baseline);
	ogc_report_destroy(report);
destroy_rules:
	ogc_ruleset_destroy(rules);
	free(found);
	return status;
}

int
main(int argc, char **argv)
{
	struct path_list list = {NULL, NULL, 0};
	struct cli cli;
	int status;

	memset(&cli, 0, sizeof(cli));
	ogc_options_init(&cli.options);
	cli.fail_on = OGC_SEV_ERROR;
	/* at most one --rules per argument */
	cli.rule_files = calloc((size_t)argc, sizeof(*cli.rule_files));
	cli.excludes = calloc(2 * (size_t)argc, sizeof(*cli.excludes));
	cli.exclude_urls = cli.excludes != NULL ? cli.excludes + argc : NULL;
	if (cli.rule_files == NULL || cli.excludes == NULL) {
		fputs("ogcheck: out of memory\n", stderr);
		free(cli.rule_files);
		free(cli.excludes);
		return 2;
	}
	status = ogc_cli_parse(argc, argv, &cli);
	if (status >= 0) {
		free(cli.rule_files);
		free(cli.excludes);
		return status;
	}
	if (cli.stdin_name != NULL && !reads_stdin(argv + optind,
		argc - optind)) {
		fputs("ogcheck: --stdin-filename names standard input, but - is "
			"not among the paths\n", stderr);
		free(cli.rule_files);
		free(cli.excludes);
		return 2;
	}
	if (cli.options.insecure && !cli.options.offline) {
		fputs("ogcheck: warning: --insecure: https certificates are not "
			"verified, so any server can answer for an image host\n",
			stderr);
	}
	/* the site model: off with --preset none */
	cli.spec.preset = cli.preset;
	cli.spec.profiles = cli.profiles;
	cli.spec.profile_count = cli.profile_count;
	cli.spec.rule_files = cli.rule_files;
	cli.spec.rule_file_count = cli.rule_file_count;
	cli.options.rule_spec = &cli.spec;
	cli.options.excludes = cli.excludes;
	cli.options.exclude_count = cli.exclude_count;
	cli.options.exclude_urls = cli.exclude_urls;
	cli.options.exclude_url_count = cli.exclude_url_count;
	cli.options.site_model = cli.preset == NULL ||
		strcmp(cli.preset, "none") != 0;
	if (cli.verbose) {
		cli.options.site_found = print_site;
	}
	if (cli.files_from == NULL) {
		status = run(&cli, argv + optind, argc - optind);
	} else if (strcmp(cli.files_from, "-") == 0 && reads_stdin(argv + optind,
		argc - optind)) {
		fputs("ogcheck: --files-from - and the PATH - both read standard "
			"input\nTry 'ogcheck --help'.\n", stderr);
		status = 2;
	} else if (files_from(cli.files_from, argv + optind, argc - optind,
		&list)) {
		/* an empty list checks nothing, not "." */
		status = list.count > 0 ? run(&cli, list.paths, list.count) :
			run(&cli, NULL, 0);
	} else {
		status = 2;
	}
	free(list.text);
	free(list.paths);
	ogc_global_cleanup();
	free(cli.rule_files);
	free(cli.excludes);
	return status;
}
