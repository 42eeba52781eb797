/* pool.c: checks the files of a folder walk on worker threads. */
/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cross/cross.h"
#include "net/net.h"
#include "report/report.h"
#include "run/run.h"
#include "util/util.h"

/*
 * The walk runs on the calling thread and hands paths to the workers
 * through a small bounded queue, so memory stays flat however large the
 * tree. Each worker has its own engine and report; the reports are moved
 * into the caller's after the join, and sorting at the end makes the
 * output the same as a run on one thread. Findings streamed as files
 * finish (file_done) go through an order (order.c), which hands them on
 * in the walk's order: the same stream on any number of threads.
 */
#define QUEUE_SIZE 256
#define MAX_THREADS 16

struct job {
	char *path;
	size_t seq; /* its number in the order, if any */
};

struct queue {
	struct job jobs[QUEUE_SIZE];
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
	struct ogc_engine *engine;
	struct ogc_report *report;
	struct ogc_order *order; /* NULL: findings go on as files finish */
	bool context; /* read pages for the cross-page index only */
	bool ok;
};

/* Takes ownership of the job's path. Blocks while the queue is full. */
static void
queue_push(struct queue *q, struct job job)
{
	pthread_mutex_lock(&q->lock);
	while (q->count == QUEUE_SIZE) {
		pthread_cond_wait(&q->not_full, &q->lock);
	}
	q->jobs[(q->head + q->count) % QUEUE_SIZE] = job;
	q->count++;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
}

/* The next job (its path the caller's to free); false once closed and
 * empty. */
static bool
queue_pop(struct queue *q, struct job *job)
{
	bool got = false;

	pthread_mutex_lock(&q->lock);
	while (q->count == 0 && !q->closed) {
		pthread_cond_wait(&q->not_empty, &q->lock);
	}
	if (q->count > 0) {
		*job = q->jobs[q->head];
		got = true;
		q->head = (q->head + 1) % QUEUE_SIZE;
		q->count--;
		/* the walk, blocked on a full queue, is woken once it is half
		 * empty, to refill it in one go rather than a path at a time */
		if (q->count == QUEUE_SIZE / 2) {
			pthread_cond_signal(&q->not_full);
		}
	}
	pthread_mutex_unlock(&q->lock);
	return got;
}

static void
queue_close(struct queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = true;
	pthread_cond_broadcast(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
}

/* A worker checks paths until the queue closes; after a failure (out of
 * memory) it only drains the queue so the walk never blocks. */
static void *
work(void *arg)
{
	struct worker *w = arg;
	struct job job;

	while (queue_pop(w->queue, &job)) {
		if (w->ok && w->order != NULL) {
			ogc_engine_set_order(w->engine, w->order, job.seq);
		}
		if (w->ok) {
			w->ok = w->context ? ogc_engine_index_context(w->engine,
				job.path) : ogc_engine_check_file(w->engine, job.path,
				false, w->report);
		}
		if (w->order != NULL) {
			ogc_order_done(w->order, job.seq);
		}
		free(job.path);
	}
	return NULL;
}

struct walk_state {
	const struct ogc_options *options;
	struct queue *queue;
	struct ogc_engine *engine; /* reports unreadable folders */
	struct ogc_report *report;
	struct ogc_order *order; /* NULL: none */
	bool context; /* every page, none reported */
};

static bool
enqueue(void *arg, const char *path, bool named)
{
	struct walk_state *s = arg;
	struct job job = {NULL, 0};

	if (!s->context && !ogc_shard_takes(s->options, path)) {
		return true;
	}
	job.path = strdup(path);
	if (job.path == NULL) {
		return false;
	}
	if (s->order != NULL) {
		job.seq = ogc_order_next(s->order);
	}
	queue_push(s->queue, job);
	return true;
}

static bool
folder_unreadable(void *arg, const char *path, int errnum)
{
	struct walk_state *s = arg;
	size_t seq;
	bool ok;

	if (s->context) {
		return true; /* the run itself tells what it cannot read */
	}
	if (s->order == NULL) {
		return ogc_engine_folder_unreadable(s->engine, path, errnum,
			s->report);
	}
	seq = ogc_order_next(s->order);
	ogc_engine_set_order(s->engine, s->order, seq);
	ok = ogc_engine_folder_unreadable(s->engine, path, errnum, s->report);
	ogc_engine_set_order(s->engine, NULL, 0);
	ogc_order_done(s->order, seq);
	return ok;
}

/* A site's build is walked even when .gitignore ignores it. */
static bool
keep_built(void *arg, const char *dir)
{
	struct walk_state *s = arg;
	struct ogc_sites *sites = ogc_engine_sites(s->engine);

	return sites != NULL && ogc_sites_is_built(sites, dir);
}

unsigned
ogc_pool_threads(unsigned wanted)
{
	long n = wanted != 0 ? (long)wanted : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1) {
		return 1;
	}
	return n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}

bool
ogc_pool_check(struct ogc_engine *main, const struct ogc_ruleset *rules,
	const struct ogc_options *options, unsigned threads, const char *path,
	struct ogc_report *report, size_t *seen, bool context,
	struct ogc_error *err)
{
	struct worker workers[MAX_THREADS];
	struct walk_state state;
	struct queue queue;
	pthread_mutex_t done_lock;
	struct ogc_net_queue *taken;
	struct ogc_xp_index *pages;
	struct ogc_order *order = NULL;
	unsigned started = 0;
	unsigned i;
	bool ok = true;

	memset(&queue, 0, sizeof(queue));
	memset(workers, 0, sizeof(workers));
	pthread_mutex_init(&queue.lock, NULL);
	pthread_cond_init(&queue.not_empty, NULL);
	pthread_cond_init(&queue.not_full, NULL);
	pthread_mutex_init(&done_lock, NULL);
	if (options->file_done != NULL && !context) {
		order = ogc_order_create(options, &done_lock);
		ok = order != NULL;
	}
	for (i = 0; i < threads && ok; i++) {
		workers[i].queue = &queue;
		workers[i].order = order;
		workers[i].context = context;
		workers[i].ok = true;
		workers[i].report = ogc_report_create();
		workers[i].engine = ogc_engine_create(rules, options, err);
		if (workers[i].engine != NULL) {
			ogc_engine_set_lock(workers[i].engine, &done_lock);
			ogc_engine_set_walk(workers[i].engine, path);
			ogc_engine_set_sites(workers[i].engine,
				ogc_engine_sites(main));
			ogc_engine_set_index_state(workers[i].engine,
				ogc_engine_index_state(main));
		}
		ok = workers[i].report != NULL && workers[i].engine != NULL &&
			pthread_create(&workers[i].thread, NULL, work,
			&workers[i]) == 0;
		if (ok) {
			started++;
		}
	}
	state.options = options;
	state.queue = &queue;
	state.engine = main;
	state.report = report;
	state.order = order;
	state.context = context;
	/* the main engine finishes unreadable folders beside the workers */
	ogc_engine_set_lock(main, &done_lock);
	if (ok) {
		ok = ogc_walk(path, enqueue, folder_unreadable, keep_built,
			&state, !options->no_ignore, seen, err);
	}
	queue_close(&queue);
	for (i = 0; i < started; i++) {
		pthread_join(workers[i].thread, NULL);
	}
	ogc_engine_set_lock(main, NULL);
	for (i = 0; i < threads; i++) {
		if (workers[i].report != NULL) {
			ok = ok && workers[i].ok &&
				ogc_report_merge(report, workers[i].report);
		}
		if (workers[i].engine != NULL) {
			taken = ogc_engine_take_queue(workers[i].engine);
			ok = ok && ogc_engine_give_queue(main, &taken);
			ogc_net_queue_destroy(taken);
			pages = ogc_engine_take_index(workers[i].engine);
			ok = ok && ogc_engine_give_index(main, pages);
			ogc_xp_index_destroy(pages);
		}
		ogc_report_destroy(workers[i].report);
		ogc_engine_destroy(workers[i].engine);
	}
	ogc_order_destroy(order);
	pthread_mutex_destroy(&done_lock);
	pthread_cond_destroy(&queue.not_full);
	pthread_cond_destroy(&queue.not_empty);
	pthread_mutex_destroy(&queue.lock);
	if (!ok && err->status == OGC_OK) {
		return ogc_error_nomem(err);
	}
	return ok;
}
