/* git.c: the content files a git revision range changed, for --changed-since. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run/run.h"
#include "util/util.h"

/* More output than this is not a list of changed files. */
#define GIT_OUTPUT_MAX (64u * 1024 * 1024)

/*
 * Runs `git diff --name-only -z --relative --diff-filter=ACMR REV --` in
 * the current folder without a shell (REV is one argument, never parsed)
 * and returns its output, NUL-separated names relative to this folder.
 * Deleted files are left out: there is nothing to check in them.
 */
static bool
run_git_diff(const char *rev, struct ogc_strbuf *out, struct ogc_error *err)
{
	/* execvp wants writable strings; these arrays are */
	char git[] = "git";
	char diff[] = "diff";
	char name_only[] = "--name-only";
	char nul[] = "-z";
	char relative[] = "--relative";
	char filter[] = "--diff-filter=ACMR";
	char end[] = "--";
	char *rev_copy = strdup(rev);
	char *argv[] = {
		git, diff, name_only, nul, relative, filter, rev_copy, end, NULL,
	};
	struct ogc_pos none = {0, 0};
	char chunk[8192];
	ssize_t n;
	pid_t pid;
	int fds[2];
	int null_fd;
	int status;

	if (rev_copy == NULL) {
		return ogc_error_nomem(err);
	}
	if (pipe(fds) != 0) {
		ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot run git: %s",
			strerror(errno));
		free(rev_copy);
		return false;
	}
	pid = fork();
	if (pid < 0) {
		ogc_error_set(err, OGC_ERR_IO, NULL, none, "cannot run git: %s",
			strerror(errno));
		close(fds[0]);
		close(fds[1]);
		free(rev_copy);
		return false;
	}
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		/* git's own usage text (130 lines outside a repository) is
		   no help here: the message below says it in one line */
		null_fd = open("/dev/null", O_WRONLY);
		if (null_fd >= 0) {
			dup2(null_fd, STDERR_FILENO);
			close(null_fd);
		}
		execvp("git", argv);
		_exit(127);
	}
	close(fds[1]);
	free(rev_copy);
	for (;;) {
		n = read(fds[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;
		}
		if (out->len < GIT_OUTPUT_MAX) {
			ogc_strbuf_add(out, chunk, (size_t)n);
		}
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		ogc_error_set(err, OGC_ERR_USAGE, NULL, none, "--changed-since "
			"needs git, which is not installed");
		return false;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		ogc_error_set(err, OGC_ERR_USAGE, NULL, none, "--changed-since "
			"%s: git diff failed (exit %d): not in a git checkout, or "
			"%s is not a revision of it", rev, WIFEXITED(status) ?
			WEXITSTATUS(status) : -1, rev);
		return false;
	}
	if (out->failed) {
		return ogc_error_nomem(err);
	}
	return true;
}

char **
ogc_git_changed(const char *rev, size_t *count, struct ogc_error *err)
{
	struct ogc_pos none = {0, 0};
	struct ogc_strbuf out = {0};
	char **names = NULL;
	size_t cap = 0;
	size_t at = 0;
	size_t n;

	*count = 0;
	if (rev[0] == '-' || rev[0] == '\0') {
		ogc_error_set(err, OGC_ERR_USAGE, NULL, none, "--changed-since "
			"takes a revision such as main or HEAD~3, not \"%s\"", rev);
		return NULL;
	}
	if (!run_git_diff(rev, &out, err)) {
		ogc_strbuf_finish(&out);
		return NULL;
	}
	while (at < out.len) {
		n = strlen(out.data + at);
		if (n > 0 && ogc_walk_is_content(out.data + at)) {
			/* room for the name and the NULL that ends the list */
			if (!ogc_array_reserve(&names, &cap, *count + 2,
				sizeof(*names), 32)) {
				goto nomem;
			}
			names[*count] = strdup(out.data + at);
			if (names[*count] == NULL) {
				goto nomem;
			}
			(*count)++;
			names[*count] = NULL;
		}
		at += n + 1;
	}
	ogc_strbuf_finish(&out);
	if (names == NULL) {
		names = calloc(1, sizeof(*names));
		if (names == NULL) {
			ogc_error_nomem(err);
			return NULL;
		}
	}
	return names;
nomem:
	ogc_strbuf_finish(&out);
	ogc_git_changed_free(names);
	ogc_error_nomem(err);
	return NULL;
}

void
ogc_git_changed_free(char **names)
{
	size_t i;

	for (i = 0; names != NULL && names[i] != NULL; i++) {
		free(names[i]);
	}
	free(names);
}
