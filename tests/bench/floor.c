/* floor.c: the floor for an offline check of a folder (issue 17): walk it
 * as ogcheck walks it, and have each file's head read by worker threads. */
/* SPDX-License-Identifier: MIT */
/*
 * floor DIR [THREADS]
 *
 * The walk runs on the calling thread: each folder's entries are read
 * with readdir, sorted by name and entered in that order, skipping hidden
 * names and node_modules, as src/run/walk.c does; a Markdown or HTML file
 * (by its ending) goes to a small bounded queue. THREADS workers (default
 * 2) each take a path, open the file, read its first 4 KiB, and close it.
 * Prints the number of files and of bytes read. Nothing is parsed: this
 * is what no checker of front matter can do without.
 */
#define _DEFAULT_SOURCE /* d_type and DT_* of readdir(), not in POSIX */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define QUEUE_SIZE 256
#define MAX_THREADS 16
#define HEAD 4096

struct queue {
	char *paths[QUEUE_SIZE];
	size_t head;
	size_t count;
	bool closed;
	pthread_mutex_t lock;
	pthread_cond_t not_empty;
	pthread_cond_t not_full;
};

struct worker {
	pthread_t thread;
	struct queue *queue;
	unsigned long files;
	unsigned long long bytes;
};

static void
queue_push(struct queue *q, char *path)
{
	pthread_mutex_lock(&q->lock);
	while (q->count == QUEUE_SIZE) {
		pthread_cond_wait(&q->not_full, &q->lock);
	}
	q->paths[(q->head + q->count) % QUEUE_SIZE] = path;
	q->count++;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
}

static char *
queue_pop(struct queue *q)
{
	char *path = NULL;

	pthread_mutex_lock(&q->lock);
	while (q->count == 0 && !q->closed) {
		pthread_cond_wait(&q->not_empty, &q->lock);
	}
	if (q->count > 0) {
		path = q->paths[q->head];
		q->head = (q->head + 1) % QUEUE_SIZE;
		q->count--;
		if (q->count == QUEUE_SIZE / 2) {
			pthread_cond_signal(&q->not_full); /* refilled in one go */
		}
	}
	pthread_mutex_unlock(&q->lock);
	return path;
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	char buf[HEAD];
	char *path;
	ssize_t n;
	int fd;

	for (path = queue_pop(w->queue); path != NULL;
		path = queue_pop(w->queue)) {
		fd = open(path, O_RDONLY | O_NOCTTY);
		if (fd >= 0) {
			n = read(fd, buf, sizeof(buf));
			if (n > 0) {
				w->bytes += (unsigned long long)n;
			}
			close(fd);
			w->files++;
		}
		free(path);
	}
	return NULL;
}

static bool
ends_with(const char *name, const char *ending)
{
	size_t n = strlen(name);
	size_t e = strlen(ending);

	return n > e && strcasecmp(name + n - e, ending) == 0;
}

static bool
is_content(const char *name)
{
	return ends_with(name, ".md") || ends_with(name, ".markdown") ||
		ends_with(name, ".mdx") || ends_with(name, ".html") ||
		ends_with(name, ".htm");
}

struct entry {
	char *name;
	unsigned char type;
};

static int
compare_entries(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
		((const struct entry *)b)->name);
}

static char *
join(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = malloc(len);

	if (path != NULL) {
		snprintf(path, len, "%s/%s", dir, name);
	}
	return path;
}

/* Walks `dir` in name order; false on out of memory. */
static bool
walk(struct queue *q, const char *dir)
{
	struct entry *entries = NULL;
	struct entry *grown;
	struct dirent *e;
	struct stat st;
	size_t cap = 0;
	size_t n = 0;
	size_t i;
	char *path;
	bool ok = true;
	DIR *d = opendir(dir);

	if (d == NULL) {
		return true;
	}
	for (e = readdir(d); e != NULL; e = readdir(d)) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "node_modules") == 0) {
			continue;
		}
		if (n == cap) {
			cap = cap != 0 ? cap * 2 : 32;
			grown = realloc(entries, cap * sizeof(*entries));
			if (grown == NULL) {
				ok = false;
				break;
			}
			entries = grown;
		}
		entries[n].name = strdup(e->d_name);
		if (entries[n].name == NULL) {
			ok = false;
			break;
		}
		entries[n].type = e->d_type;
		n++;
	}
	closedir(d);
	if (ok && n > 1) {
		qsort(entries, n, sizeof(*entries), compare_entries);
	}
	for (i = 0; ok && i < n; i++) {
		if (entries[i].type == DT_REG && !is_content(entries[i].name)) {
			continue;
		}
		path = join(dir, entries[i].name);
		if (path == NULL) {
			ok = false;
		} else if (entries[i].type == DT_REG) {
			queue_push(q, path);
			path = NULL;
		} else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			ok = walk(q, path);
		} else if (S_ISREG(st.st_mode) && is_content(entries[i].name)) {
			queue_push(q, path);
			path = NULL;
		}
		free(path);
	}
	for (i = 0; i < n; i++) {
		free(entries[i].name);
	}
	free(entries);
	return ok;
}

int
main(int argc, char **argv)
{
	struct worker workers[MAX_THREADS];
	struct queue q;
	unsigned long files = 0;
	unsigned long long bytes = 0;
	unsigned threads = 2;
	unsigned started = 0;
	unsigned i;
	bool ok;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: floor DIR [THREADS]\n");
		return 2;
	}
	if (argc == 3) {
		threads = (unsigned)strtoul(argv[2], NULL, 10);
		if (threads < 1 || threads > MAX_THREADS) {
			fprintf(stderr, "floor: THREADS is 1 to %d\n", MAX_THREADS);
			return 2;
		}
	}
	memset(&q, 0, sizeof(q));
	pthread_mutex_init(&q.lock, NULL);
	pthread_cond_init(&q.not_empty, NULL);
	pthread_cond_init(&q.not_full, NULL);
	for (i = 0; i < threads; i++) {
		memset(&workers[i], 0, sizeof(workers[i]));
		workers[i].queue = &q;
		if (pthread_create(&workers[i].thread, NULL, work,
			&workers[i]) != 0) {
			break;
		}
		started++;
	}
	ok = started > 0 && walk(&q, argv[1]);
	pthread_mutex_lock(&q.lock);
	q.closed = true;
	pthread_cond_broadcast(&q.not_empty);
	pthread_mutex_unlock(&q.lock);
	for (i = 0; i < started; i++) {
		pthread_join(workers[i].thread, NULL);
		files += workers[i].files;
		bytes += workers[i].bytes;
	}
	printf("%lu files, %llu bytes read\n", files, bytes);
	return ok ? 0 : 1;
}
