/* html_doc.c: the <head> of an HTML page -> the same field tree as YAML. */
/* SPDX-License-Identifier: MIT */
/* The only file that includes <gumbo.h>. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "read/read.h"

/*
 * ogcheck(1), DESCRIPTION: <meta property|name=X content=V> is field X, <title> is
 * `title`, <link rel="canonical" href> is `canonical`, <html lang> is
 * `lang`. Fields stay flat ("og:title" is one key), so the built-in rules
 * reach them through their flat spellings. A property given more than once
 * becomes a list; for the single-valued ones that is also a finding
 * (meta-duplicate) when the values differ.
 */

/* Open Graph properties that may repeat (ogp.me "Arrays"), alphasorted. */
static const char *const repeatable[] = {
	"article:author",
	"article:tag",
	"book:author",
	"book:tag",
	"og:audio",
	"og:image",
	"og:locale:alternate",
	"og:video",
	"video:actor",
	"video:director",
	"video:tag",
	"video:writer",
};

/* Objects whose structured properties follow them ("og:image:width"). */
static const char *const structured[] = {"og:audio", "og:image", "og:video"};
#define STRUCTURED (sizeof(structured) / sizeof(*structured))

struct builder {
	struct ogc_doc *doc;
	struct ogc_node **tail; /* where the next root member goes */
	struct ogc_node *last[STRUCTURED]; /* the latest og:image... value */
	size_t canonicals;
	bool have_title;
};

static bool
is_repeatable(const char *key)
{
	size_t i;

	/* structured properties of a repeatable one repeat with it */
	for (i = 0; i < sizeof(repeatable) / sizeof(*repeatable); i++) {
		size_t n = strlen(repeatable[i]);

		if (strncmp(key, repeatable[i], n) == 0 &&
			(key[n] == '\0' || key[n] == ':')) {
			return true;
		}
	}
	return false;
}

static struct ogc_pos
gumbo_pos(GumboSourcePosition p)
{
	struct ogc_pos pos;

	pos.line = p.line;
	pos.column = p.column;
	return pos;
}

static struct ogc_node *
new_scalar(struct builder *b, const char *key, const char *text,
	struct ogc_pos key_pos, struct ogc_pos pos, struct ogc_pos end)
{
	struct ogc_node *n = ogc_node_new(b->doc->arena, OGC_NODE_SCALAR, pos);

	if (n == NULL) {
		b->doc->nomem = true;
		return NULL;
	}
	n->len = strlen(text);
	n->text = ogc_arena_strndup(b->doc->arena, text, n->len);
	n->key = key != NULL ? ogc_arena_strndup(b->doc->arena, key,
		strlen(key)) : NULL;
	n->key_pos = key_pos;
	n->end = end;
	if (n->text == NULL || (key != NULL && n->key == NULL)) {
		b->doc->nomem = true;
		return NULL;
	}
	return n;
}

/*
 * Adds field `key` = `text` and returns the value's node (NULL when out
 * of memory). A second value for the key turns the member into a list of
 * both, so every value is checked where it stands.
 */
static struct ogc_node *
add_field(struct builder *b, const char *key, const char *text,
	struct ogc_pos key_pos, struct ogc_pos pos, struct ogc_pos end)
{
	struct ogc_node *old = (struct ogc_node *)ogc_node_member(b->doc->root,
		key);
	struct ogc_node *item;
	struct ogc_node *first;
	struct ogc_node *last;
	size_t i;

	if (old == NULL) {
		item = new_scalar(b, key, text, key_pos, pos, end);
		if (item != NULL) {
			*b->tail = item;
			b->tail = &item->next;
		}
		return item;
	}
	/* a second canonical is canonical-multiple's finding */
	if (!is_repeatable(key) && strcmp(key, "canonical") != 0 &&
		old->kind == OGC_NODE_SCALAR && strcmp(old->text, text) != 0) {
		ogc_doc_problem(b->doc, "meta-duplicate", key_pos, "%s is given twice "
			"with different values (\"%s\" at line %u); platforms "
			"differ in which one they use", key, old->text,
			old->pos.line);
	}
	item = new_scalar(b, NULL, text, key_pos, pos, end);
	if (item == NULL) {
		return NULL;
	}
	if (old->kind == OGC_NODE_SCALAR) {
		/* the member becomes a list whose first item is the old value,
		   structured properties included */
		first = new_scalar(b, NULL, old->text, old->key_pos, old->pos,
			old->end);
		if (first == NULL) {
			return NULL;
		}
		first->child = old->child;
		for (i = 0; i < STRUCTURED; i++) {
			if (b->last[i] == old) {
				b->last[i] = first;
			}
		}
		old->kind = OGC_NODE_SEQ;
		old->child = first;
		old->text = "";
		old->len = 0;
	}
	for (last = old->child; last->next != NULL; last = last->next) {
	}
	last->next = item;
	return item;
}

/*
 * Open Graph structured properties belong to the object before them:
 * og:image:width after an og:image is that image's width (ogp.me,
 * "Structured Properties"). The value also stays a field of its own;
 * here it is bound, as a member "width", to the og:image value node.
 */
static void
bind_structured(struct builder *b, const char *key, struct ogc_node *value)
{
	struct ogc_node *prop;
	struct ogc_node **link;
	size_t n;
	size_t i;

	if (value == NULL) {
		return;
	}
	for (i = 0; i < STRUCTURED; i++) {
		n = strlen(structured[i]);
		if (strcmp(key, structured[i]) == 0) {
			b->last[i] = value;
			return;
		}
		if (strncmp(key, structured[i], n) == 0 && key[n] == ':' &&
			b->last[i] != NULL) {
			prop = new_scalar(b, key + n + 1, value->text,
				value->key_pos, value->pos, value->end);
			if (prop == NULL) {
				return;
			}
			link = &b->last[i]->child;
			while (*link != NULL) {
				link = &(*link)->next;
			}
			*link = prop;
			return;
		}
	}
}

/*
 * Where an attribute's value starts and ends. A valueless attribute
 * (`<meta property="og:title" content>`, as Hugo's minifier writes an
 * empty one) is an empty value at the attribute itself: gumbo 0.10 leaves
 * value_start and value_end unset for it, and points original_value at
 * the attribute's name.
 */
static void
value_span(const GumboAttribute *a, struct ogc_pos *start,
	struct ogc_pos *end)
{
	if (a->original_value.length == 0 ||
		a->original_value.data == a->original_name.data) {
		*start = gumbo_pos(a->name_start);
		*end = gumbo_pos(a->name_end);
		return;
	}
	*start = gumbo_pos(a->value_start);
	*end = gumbo_pos(a->value_end);
}

static const char *
attribute(const GumboElement *e, const char *name, GumboAttribute **out)
{
	GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);

	*out = a;
	return a != NULL ? a->value : NULL;
}

static bool
rel_has(const char *rel, const char *word)
{
	size_t n = strlen(word);
	const char *p = rel;

	/* rel is a space-separated token list, compared without case */
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == '\n') {
			p++;
		}
		if (strncasecmp(p, word, n) == 0 && (p[n] == '\0' ||
			p[n] == ' ' || p[n] == '\t' || p[n] == '\n')) {
			return true;
		}
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n') {
			p++;
		}
	}
	return false;
}

/*
 * ogp.me: og:image:url is identical to og:image, and og:image:secure_url
 * is its https twin (og:video and og:audio likewise). Before any
 * og:image, either one is the page's image: it is read as og:image. After
 * one, it is that image's structured property.
 */
static const char *
object_key(const struct builder *b, const char *key)
{
	size_t n;
	size_t i;

	for (i = 0; i < STRUCTURED; i++) {
		n = strlen(structured[i]);
		if (strncmp(key, structured[i], n) == 0 && b->last[i] == NULL &&
			(strcmp(key + n, ":url") == 0 ||
			strcmp(key + n, ":secure_url") == 0)) {
			return structured[i];
		}
	}
	return key;
}

static void
head_element(struct builder *b, const GumboElement *e)
{
	GumboAttribute *key_attr;
	GumboAttribute *value_attr;
	const GumboNode *text;
	const char *key;
	const char *value;
	struct ogc_pos key_pos;
	struct ogc_pos pos;
	struct ogc_pos end;

	switch (e->tag) {
	case GUMBO_TAG_META:
		key = attribute(e, "property", &key_attr);
		if (key == NULL) {
			key = attribute(e, "name", &key_attr);
		}
		value = attribute(e, "content", &value_attr);
		if (key != NULL && key[0] != '\0' && value != NULL) {
			key = object_key(b, key);
			value_span(key_attr, &key_pos, &end);
			value_span(value_attr, &pos, &end);
			bind_structured(b, key, add_field(b, key, value,
				key_pos, pos, end));
		}
		break;
	case GUMBO_TAG_TITLE:
		b->have_title = true;
		if (e->children.length > 0) {
			text = e->children.data[0];
			if (text->type == GUMBO_NODE_TEXT) {
				add_field(b, "title", text->v.text.text,
					gumbo_pos(e->start_pos),
					gumbo_pos(text->v.text.start_pos),
					gumbo_pos(e->end_pos));
				break;
			}
		}
		add_field(b, "title", "", gumbo_pos(e->start_pos),
			gumbo_pos(e->start_pos), gumbo_pos(e->end_pos));
		break;
	case GUMBO_TAG_LINK:
		value = attribute(e, "rel", &key_attr);
		if (value == NULL || !rel_has(value, "canonical")) {
			break;
		}
		value = attribute(e, "href", &value_attr);
		if (value == NULL) {
			break;
		}
		if (++b->canonicals == 2) {
			ogc_doc_problem(b->doc, "canonical-multiple",
				gumbo_pos(e->start_pos), "a second <link "
				"rel=\"canonical\">: search engines may ignore "
				"both; keep one");
		}
		value_span(value_attr, &pos, &end);
		add_field(b, "canonical", value, gumbo_pos(e->start_pos), pos,
			end);
		break;
	default:
		break;
	}
}

static const GumboElement *
child_element(const GumboElement *parent, GumboTag tag)
{
	const GumboNode *n;
	unsigned i;

	for (i = 0; i < parent->children.length; i++) {
		n = parent->children.data[i];
		if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag) {
			return &n->v.element;
		}
	}
	return NULL;
}

static void
build(struct builder *b, const GumboOutput *out)
{
	const GumboElement *html = &out->root->v.element;
	const GumboElement *head = child_element(html, GUMBO_TAG_HEAD);
	GumboAttribute *lang_attr;
	const char *lang = attribute(html, "lang", &lang_attr);
	const GumboNode *n;
	struct ogc_pos pos;
	struct ogc_pos end;
	unsigned i;

	if (head == NULL) {
		return; /* gumbo always makes one; this keeps that assumption safe */
	}
	b->doc->root->pos = gumbo_pos(head->start_pos);
	/* an element the parser made up has no place: use the html one */
	if (head->original_tag.length == 0) {
		b->doc->root->pos = html->original_tag.length > 0 ?
			gumbo_pos(html->start_pos) : (struct ogc_pos){1, 1};
	}
	if (lang != NULL) {
		value_span(lang_attr, &pos, &end);
		add_field(b, "lang", lang, gumbo_pos(lang_attr->name_start), pos,
			end);
	}
	for (i = 0; i < head->children.length; i++) {
		n = head->children.data[i];
		if (n->type == GUMBO_NODE_ELEMENT) {
			head_element(b, &n->v.element);
		}
	}
	if (!b->have_title) {
		ogc_doc_problem(b->doc, "title-missing", b->doc->root->pos, "the page "
			"has no <title>; search engines and link previews show "
			"it");
	}
}

struct ogc_doc *
ogc_html_parse(const char *text, size_t len)
{
	GumboOptions options = kGumboDefaultOptions;
	struct builder b;
	GumboOutput *out;
	struct ogc_doc *doc;

	doc = ogc_doc_create();
	if (doc == NULL) {
		return NULL;
	}
	doc->root = ogc_node_new(doc->arena, OGC_NODE_MAP,
		(struct ogc_pos){0, 0});
	if (doc->root == NULL) {
		ogc_doc_destroy(doc);
		return NULL;
	}
	/* columns count characters: a tab is one, as in YAML */
	options.tab_stop = 1;
	options.max_errors = 0;
	out = gumbo_parse_with_options(&options, text, len);
	if (out == NULL) {
		ogc_doc_destroy(doc);
		return NULL;
	}
	memset(&b, 0, sizeof(b));
	b.doc = doc;
	b.tail = &doc->root->child;
	build(&b, out);
	gumbo_destroy_output(&options, out);
	if (doc->nomem) {
		ogc_doc_destroy(doc);
		return NULL;
	}
	return doc;
}
