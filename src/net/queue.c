/* queue.c: URL uses queued by network rules, each distinct URL once. */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"
#include "util/util.h"

/* The slot holding url, or the empty slot where it belongs. */
static size_t
find_slot(const struct ogc_net_queue *q, const char *url)
{
	size_t mask = q->slot_count - 1;
	size_t i = ogc_hash32(url) & mask;

	while (q->slots[i] != 0 && strcmp(q->urls[q->slots[i] - 1], url) != 0) {
		i = (i + 1) & mask;
	}
	return i;
}

static bool
grow_slots(struct ogc_net_queue *q)
{
	size_t count = q->slot_count != 0 ? q->slot_count * 2 : 256;
	uint32_t *old = q->slots;
	size_t i;

	q->slots = calloc(count, sizeof(*q->slots));
	if (q->slots == NULL) {
		q->slots = old;
		return false;
	}
	q->slot_count = count;
	for (i = 0; i < q->url_count; i++) {
		q->slots[find_slot(q, q->urls[i])] = (uint32_t)(i + 1);
	}
	free(old);
	return true;
}

/* The index of url in the set, added when new; -1 when out of memory. */
static long
intern_url(struct ogc_net_queue *q, const char *url, bool want_image)
{
	size_t slot;
	char *copy;

	if ((q->url_count + 1) * 2 > q->slot_count && !grow_slots(q)) {
		return -1;
	}
	slot = find_slot(q, url);
	if (q->slots[slot] != 0) {
		q->want_image[q->slots[slot] - 1] |= want_image;
		return (long)q->slots[slot] - 1;
	}
	if (q->url_count >= UINT32_MAX - 1 ||
		!ogc_array_reserve(&q->urls, &q->url_cap, q->url_count + 1,
		sizeof(*q->urls), 64) ||
		!ogc_array_reserve(&q->want_image, &q->want_cap,
		q->url_count + 1, sizeof(*q->want_image), 64)) {
		return -1;
	}
	copy = strdup(url);
	if (copy == NULL) {
		return -1;
	}
	q->urls[q->url_count] = copy;
	q->want_image[q->url_count] = want_image;
	q->slots[slot] = (uint32_t)(q->url_count + 1);
	return (long)q->url_count++;
}

/* The index of the file's name: the last one again, or a new copy. */
static long
intern_file(struct ogc_net_queue *q, const char *file)
{
	if (q->file_count > 0 && strcmp(q->files[q->file_count - 1], file) == 0) {
		return (long)q->file_count - 1;
	}
	if (q->file_count >= UINT32_MAX ||
		!ogc_array_reserve(&q->files, &q->file_cap, q->file_count + 1,
		sizeof(*q->files), 64)) {
		return -1;
	}
	q->files[q->file_count] = strdup(file);
	if (q->files[q->file_count] == NULL) {
		return -1;
	}
	return (long)q->file_count++;
}

static bool
add_use(struct ogc_net_queue *q, const char *url, bool want_image,
	const char *file, const void *group,
	const struct ogc_net_place *at)
{
	long u = intern_url(q, url, want_image);
	long f = u >= 0 ? intern_file(q, file) : -1;
	struct ogc_net_use *use;

	if (f < 0 || !ogc_array_reserve(&q->uses, &q->use_cap,
		q->use_count + 1, sizeof(*q->uses), 64)) {
		return false;
	}
	use = &q->uses[q->use_count];
	memset(use, 0, sizeof(*use));
	if (at->value != NULL && strcmp(at->value, url) != 0) {
		use->value = strdup(at->value);
		if (use->value == NULL) {
			return false;
		}
	}
	use->url = (uint32_t)u;
	use->file = (uint32_t)f;
	use->group = group;
	use->field = at->field;
	use->pos = at->pos;
	use->end = at->end;
	use->declared = at->declared;
	q->use_count++;
	return true;
}

bool
ogc_net_queue_add(struct ogc_net_queue **queue, const char *url,
	bool want_image, const char *file, const void *group,
	const struct ogc_net_place *at)
{
	if (*queue == NULL) {
		*queue = calloc(1, sizeof(**queue));
		if (*queue == NULL) {
			return false;
		}
	}
	return add_use(*queue, url, want_image, file, group, at);
}

void
ogc_net_queue_destroy(struct ogc_net_queue *q)
{
	size_t i;

	if (q == NULL) {
		return;
	}
	for (i = 0; i < q->use_count; i++) {
		free(q->uses[i].value);
	}
	for (i = 0; i < q->url_count; i++) {
		free(q->urls[i]);
	}
	for (i = 0; i < q->file_count; i++) {
		free(q->files[i]);
	}
	free(q->uses);
	free(q->urls);
	free(q->want_image);
	free(q->slots);
	free(q->files);
	free(q);
}

bool
ogc_net_queue_merge(struct ogc_net_queue **dst, struct ogc_net_queue **src)
{
	struct ogc_net_queue *s = *src;
	struct ogc_net_place at;
	struct ogc_net_use *use;
	size_t i;

	if (s == NULL) {
		return true;
	}
	if (*dst == NULL) {
		*dst = s;
		*src = NULL;
		return true;
	}
	for (i = 0; i < s->use_count; i++) {
		use = &s->uses[i];
		at.field = use->field;
		at.value = use->value;
		at.pos = use->pos;
		at.end = use->end;
		at.declared = use->declared;
		if (!add_use(*dst, s->urls[use->url], s->want_image[use->url],
			s->files[use->file], use->group, &at)) {
			return false;
		}
	}
	ogc_net_queue_destroy(s);
	*src = NULL;
	return true;
}

