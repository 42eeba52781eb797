/* order.c: a pool's findings handed to file_done in the order of the walk. */
/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "run/run.h"
#include "util/util.h"

/*
 * Each file (or unreadable folder) the walk hands out gets the next
 * number. A file whose turn it is when it is done goes to file_done
 * straight from its report; one done before the files ahead of it parks
 * a copy of its findings in the slot of its number, and whoever finishes
 * the lowest number hands on every parked one after it. The walk waits while it
 * is OGC_ORDER_WINDOW files ahead of the lowest unfinished one, so at
 * most that many files' findings are parked, however slow one file is.
 * Numbering follows the walk, which visits names in the order the report
 * sorts them (ogc_walk()), so a stream written this way is the sorted
 * report's findings, file by file.
 */
#define OGC_ORDER_WINDOW 512

struct slot {
	struct ogc_report *report; /* where the file's findings are, from */
	size_t first;              /* first, until done or parked */
	struct ogc_diag *diags;    /* parked findings; NULL: none */
	size_t count;
	bool owned;                /* their strings are ours to free */
	bool done;                 /* done, waiting for its turn */
};

struct ogc_order {
	const struct ogc_options *options;
	pthread_mutex_t *lock;  /* the pool's, borrowed */
	pthread_cond_t room;    /* signalled as `next` moves while the walk
	                           waits for it */
	bool waiting;           /* the walk waits on `room` */
	size_t given;           /* numbers handed out (the walk's own) */
	atomic_size_t next;     /* the lowest number not yet handed on;
	                           moved with the lock held */
	struct slot slots[OGC_ORDER_WINDOW];
};

struct ogc_order *
ogc_order_create(const struct ogc_options *options, void *lock)
{
	struct ogc_order *o = calloc(1, sizeof(*o));

	if (o == NULL) {
		return NULL;
	}
	if (pthread_cond_init(&o->room, NULL) != 0) {
		free(o);
		return NULL;
	}
	o->options = options;
	o->lock = lock;
	return o;
}

static void
clear(struct slot *s)
{
	size_t i;

	if (s->owned) {
		for (i = 0; i < s->count; i++) {
			ogc_diag_release(&s->diags[i]);
		}
	}
	free(s->diags);
	memset(s, 0, sizeof(*s));
}

void
ogc_order_destroy(struct ogc_order *o)
{
	size_t i;

	if (o == NULL) {
		return;
	}
	for (i = 0; i < OGC_ORDER_WINDOW; i++) {
		clear(&o->slots[i]);
	}
	pthread_cond_destroy(&o->room);
	free(o);
}

size_t
ogc_order_next(struct ogc_order *o)
{
	size_t n = o->given++;

	/* the lock only when the window looks full: a stale `next` is
	   lower, which only sends the walk here */
	if (n - atomic_load(&o->next) < OGC_ORDER_WINDOW) {
		return n;
	}
	pthread_mutex_lock(o->lock);
	while (n - atomic_load(&o->next) >= OGC_ORDER_WINDOW) {
		o->waiting = true;
		pthread_cond_wait(&o->room, o->lock);
	}
	o->waiting = false;
	pthread_mutex_unlock(o->lock);
	return n;
}

void
ogc_order_hold(struct ogc_order *o, size_t n, struct ogc_report *report,
	size_t first)
{
	struct slot *s = &o->slots[n % OGC_ORDER_WINDOW];

	s->report = report;
	s->first = first;
}

/*
 * Copies the findings file `s` left in its report into the slot, to be
 * handed on by whichever thread gets to them: the structs are copied;
 * their strings move too when they are forgotten once streamed, else the
 * report keeps them (in blocks that do not move) until the end. On the
 * file's own thread, with the lock held.
 */
static void
park(const struct ogc_order *o, struct slot *s)
{
	size_t count = ogc_report_count(s->report) - s->first;

	if (count == 0) {
		return;
	}
	s->diags = malloc(count * sizeof(*s->diags));
	if (s->diags == NULL) {
		ogc_report_fail(s->report);
		return;
	}
	memcpy(s->diags, ogc_report_get(s->report, s->first),
		count * sizeof(*s->diags));
	s->count = count;
	s->owned = o->options->forget_done;
	if (s->owned) {
		ogc_report_release_from(s->report, s->first);
	}
}

/* Hands on file `s`'s findings, from the report when they are still there
 * (the file's own thread, which forgets them after the lock), else from
 * the slot. */
static void
hand_on(const struct ogc_order *o, struct slot *s)
{
	const struct ogc_options *opt = o->options;
	size_t count;

	if (s->diags != NULL) {
		opt->file_done(opt->file_done_arg, s->diags, s->count);
	} else if (s->report != NULL) {
		count = ogc_report_count(s->report) - s->first;
		if (count > 0) {
			opt->file_done(opt->file_done_arg,
				ogc_report_get(s->report, s->first), count);
		}
	}
	clear(s);
}

void
ogc_order_done(struct ogc_order *o, size_t n)
{
	struct slot *s = &o->slots[n % OGC_ORDER_WINDOW];
	struct ogc_report *own = NULL;
	size_t first = s->first;
	size_t next;

	pthread_mutex_lock(o->lock);
	next = atomic_load(&o->next);
	if (n == next) {
		own = s->report;
		hand_on(o, s); /* its turn: straight from the report */
		next++;
		/* then those parked behind it */
		for (s = &o->slots[next % OGC_ORDER_WINDOW]; s->done;
			s = &o->slots[next % OGC_ORDER_WINDOW]) {
			hand_on(o, s);
			next++;
		}
		atomic_store(&o->next, next);
		if (o->waiting) {
			pthread_cond_signal(&o->room);
		}
	} else {
		if (s->report != NULL) {
			park(o, s);
		}
		s->report = NULL;
		s->done = true;
	}
	pthread_mutex_unlock(o->lock);
	/* none of own's findings is parked now: a worker takes its files in
	   the walk's order, so those it parked before this one were handed
	   on before it; forgetting may empty own's strings */
	if (own != NULL && o->options->forget_done) {
		ogc_report_forget_from(own, first);
	}
}
