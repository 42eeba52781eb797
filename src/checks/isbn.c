/* isbn.c: the `isbn` check: an ISBN-10 or ISBN-13 with a right check digit. */
/* SPDX-License-Identifier: MIT */
/*
 * ogp.me, book: book:isbn is the book's ISBN. An ISBN-13 (ISO 2108) has
 * 13 digits whose weights alternate 1 and 3 and whose sum is a multiple
 * of 10; an ISBN-10 has 9 digits and a check character (0-9 or X for 10)
 * whose weights run 10 down to 1 and whose sum is a multiple of 11.
 * Hyphens and spaces between the digits are allowed; anything else is
 * not an ISBN.
 */
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "read/read.h"
#include "util/util.h"

bool
ogc_isbn_valid(const char *text, const char **why)
{
	char digits[14];
	size_t n = 0;
	unsigned sum = 0;
	size_t i;

	for (; *text != '\0'; text++) {
		if (*text == '-' || *text == ' ') {
			continue;
		}
		if (n == sizeof(digits) - 1 || !((*text >= '0' && *text <= '9') ||
			((*text == 'X' || *text == 'x') && n == 9))) {
			*why = "an ISBN has 10 or 13 digits (and hyphens)";
			return false;
		}
		digits[n++] = *text;
	}
	if (n == 13 && strchr("Xx", digits[12]) == NULL) {
		for (i = 0; i < 13; i++) {
			sum += (unsigned)(digits[i] - '0') * (i % 2 == 0 ? 1u : 3u);
		}
		*why = "its check digit is wrong (ISBN-13)";
		return sum % 10 == 0;
	}
	if (n == 10) {
		for (i = 0; i < 10; i++) {
			sum += (digits[i] == 'X' || digits[i] == 'x' ? 10u :
				(unsigned)(digits[i] - '0')) * (unsigned)(10 - i);
		}
		*why = "its check digit is wrong (ISBN-10)";
		return sum % 11 == 0;
	}
	*why = "an ISBN has 10 or 13 digits (and hyphens)";
	return false;
}

static bool
compile(struct ogc_field_group *group, struct ogc_error *err)
{
	return ogc_group_expect(group, err, "an ISBN-10 or ISBN-13 whose check "
		"digit is right");
}

static void
check_field(const struct ogc_field_group *group, struct ogc_ctx *ctx,
	const char *field, const struct ogc_node *node)
{
	const char *why = NULL;

	if (!ogc_ctx_want_scalar(ctx, group->rule, field, node)) {
		return;
	}
	if (strlen(node->text) != node->len || !ogc_isbn_valid(node->text,
		&why)) {
		ogc_ctx_emit(ctx, group->rule, node, field, "%s \"%s\" is not an "
			"ISBN: %s", field, node->text, why != NULL ? why :
			"it holds a NUL byte");
	}
}

static void
run(const struct ogc_field_group *group, struct ogc_ctx *ctx)
{
	ogc_ctx_each_field(group, ctx, check_field);
}

static const char *const params[] = {NULL};

const struct ogc_check_kind ogc_check_isbn = {
	.name = "isbn",
	.network = false,
	.params = params,
	.compile = compile,
	.run = run,
	.finish = NULL,
};
