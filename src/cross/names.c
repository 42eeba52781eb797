/* names.c: the pages' file names, kept in a temporary file, not in memory. */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cross/cross_parts.h"

/*
 * An index of 20,000 pages held 25 bytes a page of names (packed in five
 * bits a letter), a third of it; 100,000 files of an audit, 2.5 MB. The
 * names are read only to sort the pages (once, in order: sort_runs() in
 * index.c reads each run of pages added in name order from its start)
 * and for the few pages the findings name. So a name is appended to a
 * temporary file, unlinked from the start (sort(1) spills as much), and
 * its record keeps where it starts: the page cache holds it, which the
 * kernel may write out, not the process. Without a file (no writable
 * temporary folder) the records keep the names.
 */

/* Bytes of names gathered before they are written. */
#define NAMES_OUT 16384u

/* A file of our own, gone when closed: in $TMPDIR, else /tmp. -1: none. */
static int
temp_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (dir == NULL || dir[0] == '\0') {
		dir = "/tmp";
	}
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0) {
		return fd;
	}
#endif
	/* a file system without O_TMPFILE: named, then unlinked */
	if ((size_t)snprintf(path, sizeof(path), "%s/ogcheck-XXXXXX", dir) >=
		sizeof(path)) {
		return -1;
	}
	fd = mkostemp(path, O_CLOEXEC);
	if (fd >= 0) {
		unlink(path);
	}
	return fd;
}

/* Writes what is gathered; false on a write error. */
static bool
flush(struct ogc_xp_names *s)
{
	size_t done = 0;
	ssize_t n;

	while (done < s->out_len) {
		n = pwrite(s->fd, s->out + done, s->out_len - done,
			(off_t)(s->written + done));
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			return false;
		}
		done += (size_t)n;
	}
	s->written += s->out_len;
	s->out_len = 0;
	return true;
}

void
ogc_xp_names_put(struct ogc_xp_names *s, const void *head, size_t head_len,
	const char *name, size_t len, const void *tail, size_t tail_len,
	uint32_t *at, bool *spilled)
{
	size_t entry = head_len + len + 1 + tail_len;
	unsigned char *p;

	*spilled = false;
	if (!s->tried) {
		s->tried = true;
		s->fd = temp_file();
		s->out = s->fd >= 0 ? malloc(NAMES_OUT) : NULL;
		if (s->out == NULL && s->fd >= 0) {
			close(s->fd);
			s->fd = -1;
		}
	}
	/* no file, or one that took no more, or an entry longer than what
	   is gathered at once, or past the 4 GiB a record's number reaches:
	   the record keeps it */
	if (s->fd < 0 || s->full || entry > NAMES_OUT ||
		s->written + s->out_len + entry > UINT32_MAX) {
		return;
	}
	if (s->out_len + entry > NAMES_OUT && !flush(s)) {
		/* a full disk: what is gathered stays, read from memory as
		   before, and the records keep the rest */
		s->full = true;
		return;
	}
	*at = (uint32_t)(s->written + s->out_len);
	p = s->out + s->out_len;
	if (head_len > 0) {
		memcpy(p, head, head_len);
	}
	memcpy(p + head_len, name, len);
	p[head_len + len] = '\0';
	if (tail_len > 0) {
		memcpy(p + head_len + len + 1, tail, tail_len);
	}
	s->out_len += entry;
	*spilled = true;
}

/* Whether p[0, avail) holds n bytes, or with n 0 a NUL. */
static bool
holds(const unsigned char *p, size_t avail, size_t n)
{
	return n > 0 ? n <= avail : memchr(p, '\0', avail) != NULL;
}

/*
 * The bytes at `at` of file s: n of them, or with n 0 up to a NUL; NULL
 * (and r->failed) on a read error, or when the file has not as many.
 */
static const unsigned char *
span(struct ogc_xp_name_reader *r, const struct ogc_xp_names *s, uint64_t at,
	size_t n)
{
	unsigned char *buf;
	size_t want;
	ssize_t got;

	if (at >= s->written) {
		/* gathered, not written yet: whole there */
		if (at - s->written < s->out_len && holds(s->out + (at -
			s->written), s->out_len - (at - s->written), n)) {
			return s->out + (at - s->written);
		}
		r->failed = true;
		return NULL;
	}
	if (r->names == s && at >= r->at && at < r->at + r->len &&
		holds(r->buf + (at - r->at), r->len - (at - r->at), n)) {
		return r->buf + (at - r->at);
	}
	/* read from `at` on, more until what is asked is there: a window
	   that grows while the reads go forward near the last one (the
	   names of pages in the order they were put) */
	want = r->window > 0 ? r->window : NAMES_OUT / 2;
	if (r->names == s && at >= r->at && at - r->at < 2 * r->len + want) {
		want = r->len * 2 > want ? r->len * 2 : want;
		want = want < NAMES_OUT / 2 ? want : NAMES_OUT / 2;
	}
	for (;; want *= 2) {
		if (want > r->cap) {
			buf = realloc(r->buf, want);
			if (buf == NULL) {
				r->failed = true;
				return NULL;
			}
			r->buf = buf;
			r->cap = want;
		}
		do {
			got = pread(s->fd, r->buf, want, (off_t)at);
		} while (got < 0 && errno == EINTR);
		r->names = got > 0 ? s : NULL;
		r->at = at;
		r->len = got > 0 ? (size_t)got : 0;
		if (holds(r->buf, r->len, n)) {
			return r->buf;
		}
		if (r->len < want || want >= 2 * NAMES_OUT) {
			r->names = NULL;
			r->failed = true;
			return NULL;
		}
	}
}

void
ogc_xp_names_seal(struct ogc_xp_names *s)
{
	if (s->out == NULL || s->full) {
		return; /* none, or what it holds is not written */
	}
	if (s->out_len > 0 && !flush(s)) {
		s->full = true; /* read from memory, as put() leaves it */
		return;
	}
	free(s->out);
	s->out = NULL;
	s->full = true;
}

const char *
ogc_xp_names_read(struct ogc_xp_name_reader *r, const struct ogc_xp_names *s,
	uint64_t at)
{
	return (const char *)span(r, s, at, 0);
}

const void *
ogc_xp_names_bytes(struct ogc_xp_name_reader *r,
	const struct ogc_xp_names *s, uint64_t at, size_t n)
{
	return span(r, s, at, n);
}

void
ogc_xp_names_finish(struct ogc_xp_names *s)
{
	if (s->tried && s->fd >= 0) {
		close(s->fd);
	}
	free(s->out);
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}

void
ogc_xp_name_reader_finish(struct ogc_xp_name_reader *r)
{
	free(r->buf);
	r->buf = NULL;
	r->cap = 0;
	r->names = NULL;
	r->len = 0;
}

/* the spool: ogc_xp_names with a length before each entry */

struct ogc_xp_spool {
	struct ogc_xp_names names;
	struct ogc_xp_name_reader reader;
	uint64_t end;  /* the bytes put */
	uint64_t next; /* where the next entry read starts */
};

struct ogc_xp_spool *
ogc_xp_spool_create(void)
{
	struct ogc_xp_spool *spool = calloc(1, sizeof(*spool));

	if (spool != NULL) {
		spool->names.fd = -1;
	}
	return spool;
}

bool
ogc_xp_spool_put(struct ogc_xp_spool *spool, const char *name,
	const void *bytes, size_t len)
{
	size_t name_len = strlen(name);
	unsigned char head[4];
	uint32_t at = 0;
	uint32_t size;
	bool spilled;

	if (name_len + 1 + len < name_len || name_len + 1 + len > NAMES_OUT) {
		return false;
	}
	size = (uint32_t)(name_len + 1 + len);
	memcpy(head, &size, sizeof(head));
	ogc_xp_names_put(&spool->names, head, sizeof(head), name, name_len,
		bytes, len, &at, &spilled);
	if (spilled) {
		spool->end = (uint64_t)at + sizeof(head) + size;
	}
	return spilled;
}

const char *
ogc_xp_spool_next(struct ogc_xp_spool *spool, const void **bytes,
	size_t *len)
{
	const unsigned char *p;
	const char *name;
	uint32_t size;
	size_t name_len;

	if (spool->next >= spool->end || spool->reader.failed) {
		return NULL;
	}
	if (spool->next == 0) {
		ogc_xp_names_seal(&spool->names); /* read back: no more put */
	}
	p = ogc_xp_names_bytes(&spool->reader, &spool->names, spool->next, 4);
	if (p == NULL) {
		return NULL;
	}
	memcpy(&size, p, sizeof(size));
	name = ogc_xp_names_bytes(&spool->reader, &spool->names,
		spool->next + 4, size);
	name_len = name != NULL ? strnlen(name, size) : size;
	if (name == NULL || name_len == size) {
		spool->reader.failed = true; /* not an entry put */
		return NULL;
	}
	spool->next += 4 + (uint64_t)size;
	*bytes = name + name_len + 1;
	*len = size - name_len - 1;
	return name;
}

bool
ogc_xp_spool_failed(const struct ogc_xp_spool *spool)
{
	return spool->reader.failed;
}

void
ogc_xp_spool_destroy(struct ogc_xp_spool *spool)
{
	if (spool == NULL) {
		return;
	}
	ogc_xp_names_finish(&spool->names);
	ogc_xp_name_reader_finish(&spool->reader);
	free(spool);
}

/* A page whose name is read into memory, for a sort without runs. */
struct loaded {
	char *name;
	uint32_t page;
};

static int
compare_loaded(const void *a, const void *b)
{
	const struct loaded *x = a;
	const struct loaded *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : x->page < y->page ? -1 : x->page > y->page;
}

/*
 * Sorts pages whose runs in name order are not known (more of them than
 * a merge takes, or a merge that failed half-way), their names read
 * into memory for it.
 */
static bool
sort_loaded(struct ogc_xp_index *index)
{
	struct loaded *all = malloc(index->count * sizeof(*all));
	const char *name;
	size_t n = 0;
	size_t i;
	bool ok = all != NULL;

	for (i = 0; ok && i < index->count; i++) {
		name = ogc_xp_record_name(index, index->pages[i], index->reader);
		all[i].page = index->pages[i];
		all[i].name = name != NULL ? strdup(name) : NULL;
		ok = all[i].name != NULL;
		n += ok;
	}
	if (ok) {
		ogc_xp_sort(all, index->count, sizeof(*all), compare_loaded);
		for (i = 0; i < index->count; i++) {
			index->pages[i] = all[i].page;
		}
	}
	for (i = 0; i < n; i++) {
		free(all[i].name);
	}
	free(all);
	return ok;
}

/* A run of pages in name order being merged: the next, and its name. */
struct cursor {
	size_t next;
	size_t end;
	const char *name;
	struct ogc_xp_name_reader reader;
};

/* Reads the name of c's next page, if it has one; false on an error. */
static bool
advance(const struct ogc_xp_index *index, struct cursor *c)
{
	c->name = NULL;
	if (c->next < c->end) {
		c->name = ogc_xp_record_name(index, index->pages[c->next],
			&c->reader);
		return c->name != NULL;
	}
	return true;
}

/*
 * Merges the runs (a walk's pages come in name order: a run for each
 * worker, or for each of the few places a folder's walk order is not
 * strcmp()'s): each run's names read from its start, in the order they
 * were written, into a new array of the pages. Ties keep the runs'
 * order.
 */
static bool
merge_runs(struct ogc_xp_index *index)
{
	struct cursor c[OGC_MERGE_RUNS];
	uint32_t *out = malloc(index->count * sizeof(*out));
	size_t runs = index->run_count;
	size_t start = 0;
	size_t best;
	size_t i;
	size_t k;
	bool ok = out != NULL;

	memset(c, 0, sizeof(c));
	for (k = 0; k < runs; k++) {
		c[k].next = start;
		c[k].end = start + index->run_len[k];
		start = c[k].end;
		ok = ok && advance(index, &c[k]);
	}
	for (i = 0; ok && i < index->count; i++) {
		best = runs;
		for (k = 0; k < runs; k++) {
			if (c[k].name != NULL && (best == runs ||
				strcmp(c[k].name, c[best].name) < 0)) {
				best = k;
			}
		}
		out[i] = index->pages[c[best].next++];
		ok = advance(index, &c[best]);
	}
	for (k = 0; k < runs; k++) {
		index->reader->failed = index->reader->failed ||
			c[k].reader.failed;
		ogc_xp_name_reader_finish(&c[k].reader);
	}
	if (!ok) {
		free(out);
		return false;
	}
	free(index->pages);
	index->pages = out;
	index->cap = index->count;
	return true;
}

bool
ogc_xp_index_sort(struct ogc_xp_index *index)
{
	size_t n = 0;
	size_t i;
	bool ok = true;

	for (i = 0; i < index->run_count; i++) {
		n += index->run_len[i];
	}
	if (index->count > 1 && (index->runs_lost || n != index->count)) {
		ok = sort_loaded(index);
	} else if (index->run_count > 1) {
		ok = merge_runs(index);
	}
	index->sorted = ok;
	return ok;
}
