/*
 * article.c - turning a record as read into an article: JSON decoding (the only user of cJSON),
 * field mapping, required fields, UTF-8 repair and filters.
 *
 * This runs on the pipeline's worker threads, so it only reads the reader's configuration.
 */
#include "corpus.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const corpus_named[F_NAMED] = { "id", "outlet", "title", "date", "url", "text" };

/* A decoded field waiting for its pointers: offsets into priv->store, which may still move. */
struct pending {
	size_t name, value, len;
	int slot; /* F_* or -1 for another field */
};

struct article_work {
	struct pending *v;
	size_t n, cap;
};

void slant_article_init(struct slant_article *a)
{
	memset(a, 0, sizeof(*a));
}

void slant_article_release(struct slant_article *a)
{
	struct slant_article_priv *p = a->priv;

	if (p) {
		slant_buf_release(&p->raw);
		slant_buf_release(&p->store);
		slant_buf_release(&p->source);
		slant_buf_release(&p->default_id);
		free(p->rf);
		free(p->fields);
		free(p);
	}
	memset(a, 0, sizeof(*a));
}

static struct slant_article_priv *priv_of(struct slant_article *a)
{
	if (!a->priv) {
		a->priv = calloc(1, sizeof(*a->priv));
		if (!a->priv)
			return NULL;
		slant_buf_init(&a->priv->raw, 0);
		slant_buf_init(&a->priv->store, 0);
		slant_buf_init(&a->priv->source, 0);
		slant_buf_init(&a->priv->default_id, 0);
	}
	return a->priv;
}

static void raw_reset(struct slant_article *a, int kind)
{
	struct slant_article_priv *p = a->priv;

	p->kind = kind;
	p->nrf = 0;
	p->text_rf = -1;
	slant_buf_reset(&p->default_id);
	slant_buf_reset(&p->raw);
	a->id = a->outlet = a->title = a->date = a->url = a->text = NULL;
	a->text_len = 0;
	a->fields = NULL;
	a->nfields = 0;
	a->invalid_bytes = 0;
}

int slant_article_prepare(struct slant_article *a, int kind)
{
	if (!priv_of(a))
		return SLANT_ENOMEM;
	raw_reset(a, kind);
	return 0;
}

int slant_article_raw_field(struct slant_article *a, const char *name, size_t name_len,
			    const char *value, size_t len)
{
	struct slant_article_priv *p = a->priv;
	struct slant_rawfield f;
	int ret;

	if (SLANT_GROW(p->rf, p->caprf, p->nrf + 1))
		return SLANT_ENOMEM;
	f.name = (uint32_t)p->raw.len;
	if ((ret = slant_buf_add(&p->raw, name, name_len)) || (ret = slant_buf_addc(&p->raw, 0)))
		return ret;
	f.value = (uint32_t)p->raw.len;
	f.len = (uint32_t)len;
	if ((ret = slant_buf_add(&p->raw, value, len)) || (ret = slant_buf_addc(&p->raw, 0)))
		return ret;
	p->rf[p->nrf++] = f;
	return 0;
}

/* The slot (F_*) a field named `name` in the input fills, -1 for none, -2 to drop it. */
static int slot_for(const struct slant_reader *r, const char *name, const char **target)
{
	*target = name;
	for (size_t i = 0; i < r->nmaps; i++) {
		if (strcmp(r->maps[i].source, name))
			continue;
		*target = r->maps[i].name;
		for (int s = 0; s < F_NAMED; s++)
			if (!strcmp(r->maps[i].name, corpus_named[s]))
				return s;
		return -1;
	}
	for (int s = 0; s < F_NAMED; s++) {
		if (strcmp(name, corpus_named[s]))
			continue;
		/* Its own `text` does not count when text comes from another field. */
		for (size_t i = 0; i < r->nmaps; i++)
			if (!strcmp(r->maps[i].name, name))
				return -1;
		return s;
	}
	return -1;
}

static int take(struct slant_article *a, struct article_work *w, const char *name, int slot,
		const char *value, size_t len)
{
	struct slant_article_priv *p = a->priv;
	struct pending pd = { 0, 0, 0, slot };
	long bad;
	int ret;

	if (SLANT_GROW(w->v, w->cap, w->n + 1))
		return SLANT_ENOMEM;
	if (slot < 0) {
		/* Names are repaired too: they end up as JSON keys in output. */
		pd.name = p->store.len;
		bad = slant_utf8_repair(name, strlen(name), &p->store);
		if (bad < 0)
			return (int)bad;
		a->invalid_bytes += (size_t)bad;
		if ((ret = slant_buf_addc(&p->store, 0)))
			return ret;
	}
	pd.value = p->store.len;
	bad = slant_utf8_repair(value, len, &p->store);
	if (bad < 0)
		return (int)bad;
	a->invalid_bytes += (size_t)bad;
	pd.len = p->store.len - pd.value;
	if ((ret = slant_buf_addc(&p->store, 0)))
		return ret;
	w->v[w->n++] = pd;
	return 0;
}

/* Formats a JSON scalar that is not a string the way it was most likely written. */
static void json_number(const cJSON *item, char *out, size_t size)
{
	double v = item->valuedouble;

	if (isfinite(v) && v == floor(v) && fabs(v) < 1e15)
		snprintf(out, size, "%.0f", v);
	else
		snprintf(out, size, "%.17g", v);
}

/*
 * cJSON ends a string at \u0000, which would cut an article short without a word. Every such
 * escape becomes \ufffd in place (same length), as invalid bytes do; returns how many.
 */
static size_t nul_escapes(struct slant_buf *raw)
{
	char *s = raw->data, *end = raw->data + raw->len;
	size_t n = 0;

	while ((s = memchr(s, '\\', (size_t)(end - s))) != NULL) {
		if (end - s >= 6 && s[1] == 'u' && s[2] == '0' && s[3] == '0' && s[4] == '0' &&
		    s[5] == '0') {
			memcpy(s + 2, "fffd", 4);
			n++;
			s += 6;
		} else {
			s += 2; /* an escape is two characters at least: \\ is not the start of \u */
		}
		if (s >= end)
			break;
	}
	return n;
}

static int take_json(const struct slant_reader *r, struct slant_article *a,
		     struct article_work *w, struct slant_err *err)
{
	struct slant_article_priv *p = a->priv;
	const char *end = NULL;
	cJSON *root, *it;
	int ret = 0;

	a->invalid_bytes += nul_escapes(&p->raw);
	root = cJSON_ParseWithLengthOpts(p->raw.data, p->raw.len, &end, 0);
	if (!root) {
		long at = end && end >= p->raw.data ? (long)(end - p->raw.data) : -1;
		if (at >= 0)
			return slant_fail(err, SLANT_EDATA, a->source, a->line, at,
					  "invalid JSON at byte %ld", at + 1);
		return slant_fail(err, SLANT_EDATA, a->source, a->line, -1, "invalid JSON");
	}
	if (end) {
		while (end < p->raw.data + p->raw.len && slant_is_space((unsigned char)*end))
			end++;
		if (end < p->raw.data + p->raw.len) {
			long at = (long)(end - p->raw.data);
			ret = slant_fail(err, SLANT_EDATA, a->source, a->line, at,
					 "unexpected data after the JSON object at byte %ld", at + 1);
			goto out;
		}
	}
	if (!cJSON_IsObject(root)) {
		ret = slant_fail(err, SLANT_EDATA, a->source, a->line, 0,
				 "expected a JSON object, one per line");
		goto out;
	}
	for (it = root->child; it; it = it->next) {
		const char *target, *val;
		char num[64], *printed = NULL;
		int slot;

		if (!it->string || cJSON_IsNull(it))
			continue;
		slot = slot_for(r, it->string, &target);
		if (cJSON_IsString(it)) {
			val = it->valuestring;
		} else if (cJSON_IsNumber(it)) {
			json_number(it, num, sizeof(num));
			val = num;
		} else if (cJSON_IsBool(it)) {
			val = cJSON_IsTrue(it) ? "true" : "false";
		} else {
			printed = cJSON_PrintUnformatted(it);
			if (!printed) {
				ret = SLANT_ENOMEM;
				goto out;
			}
			val = printed;
		}
		ret = take(a, w, target, slot, val, strlen(val));
		free(printed);
		if (ret)
			goto out;
	}
out:
	cJSON_Delete(root);
	if (ret == SLANT_ENOMEM)
		return slant_fail_oom(err);
	return ret;
}

static int take_fields(const struct slant_reader *r, struct slant_article *a,
		       struct article_work *w)
{
	struct slant_article_priv *p = a->priv;
	int ret;

	for (size_t i = 0; i < p->nrf; i++) {
		const struct slant_rawfield *f = &p->rf[i];
		const char *name = p->raw.data + f->name, *target = name;
		int slot;

		if ((int)i == p->text_rf) {
			slot = F_TEXT;
			target = "text";
		} else {
			slot = slot_for(r, name, &target);
			/* A manifest cannot name the text: the file is the text. */
			if (slot == F_TEXT && p->text_rf >= 0)
				slot = -1;
		}
		if ((ret = take(a, w, target, slot, p->raw.data + f->value, f->len)))
			return ret;
	}
	return 0;
}

/* The name the input uses for slot `s`, for messages. */
static const char *source_name(const struct slant_reader *r, int s)
{
	for (size_t i = 0; i < r->nmaps; i++)
		if (!strcmp(r->maps[i].name, corpus_named[s]))
			return r->maps[i].source;
	return corpus_named[s];
}

static bool filter_holds(const struct slant_reader *r, const struct slant_article *a,
			 const struct filter *f)
{
	const char *v = slant_article_field(a, f->field);

	/* The input's own name for a mapped field. */
	for (size_t i = 0; !v && i < r->nmaps; i++)
		if (!strcmp(r->maps[i].source, f->field))
			v = slant_article_field(a, r->maps[i].name);

	if (!v)
		return false;
	for (size_t i = 0; i < f->nvalues; i++)
		if (!strcmp(v, f->values[i]))
			return true;
	return false;
}

int slant_reader_load(const struct slant_reader *r, struct slant_article *a,
		      struct slant_err *err)
{
	struct slant_article_priv *p = a->priv;
	struct article_work w = { NULL, 0, 0 };
	size_t slots[F_NAMED], nextra = 0;
	int ret;

	if (!p || p->kind == SLANT_RAW_NONE)
		return slant_fail(err, SLANT_EUSAGE, NULL, 0, -1, "no record to load");
	slant_buf_reset(&p->store);
	a->invalid_bytes = 0;
	if (p->kind == SLANT_RAW_JSON)
		ret = take_json(r, a, &w, err);
	else
		ret = take_fields(r, a, &w);
	if (ret)
		goto out;

	/* The default outlet, copied: the article owns every pointer it has. */
	if (r->outlet) {
		bool has_outlet = false;
		for (size_t i = 0; i < w.n; i++)
			if (w.v[i].slot == F_OUTLET)
				has_outlet = w.v[i].len > 0;
		if (!has_outlet && (ret = take(a, &w, "outlet", F_OUTLET, r->outlet,
					       strlen(r->outlet))))
			goto out;
	}

	/* Resolve offsets to pointers now that the store no longer moves. */
	for (int s = 0; s < F_NAMED; s++)
		slots[s] = SIZE_MAX;
	for (size_t i = 0; i < w.n; i++) {
		if (w.v[i].slot >= 0)
			slots[w.v[i].slot] = i; /* the last of duplicates wins, as in most parsers */
		else
			nextra++;
	}
	if (SLANT_GROW(p->fields, p->capfields, nextra + 1)) {
		ret = SLANT_ENOMEM;
		goto out;
	}
	nextra = 0;
	for (size_t i = 0; i < w.n; i++) {
		if (w.v[i].slot >= 0)
			continue;
		p->fields[nextra++] = (struct slant_field){ p->store.data + w.v[i].name,
							    p->store.data + w.v[i].value, w.v[i].len };
	}
	a->fields = p->fields;
	a->nfields = nextra;
	const char **dst[F_NAMED] = { &a->id, &a->outlet, &a->title, &a->date, &a->url, &a->text };
	for (int s = 0; s < F_NAMED; s++) {
		*dst[s] = NULL;
		/* An empty metadata value says nothing; an empty text is still a text. */
		if (slots[s] != SIZE_MAX && (s == F_TEXT || w.v[slots[s]].len))
			*dst[s] = p->store.data + w.v[slots[s]].value;
	}
	if (!a->text) {
		ret = slant_fail(err, SLANT_EDATA, a->source, a->line, -1, "missing field \"%s\"",
				 source_name(r, F_TEXT));
		goto out;
	}
	a->text_len = w.v[slots[F_TEXT]].len;
	if (!a->outlet) {
		if (p->kind == SLANT_RAW_JSON || p->text_rf < 0)
			ret = slant_fail(err, SLANT_EDATA, a->source, a->line, -1,
					 "missing field \"%s\"", source_name(r, F_OUTLET));
		else
			ret = slant_fail(err, SLANT_EDATA, a->source, a->line, -1,
					 "no outlet: give --outlet or a manifest row");
		goto out;
	}
	if (!a->id)
		a->id = p->default_id.len ? p->default_id.data : p->source_id;
	for (size_t i = 0; i < r->nfilters; i++) {
		if (!filter_holds(r, a, &r->filters[i])) {
			ret = 1;
			goto out;
		}
	}
	ret = 0;
out:
	free(w.v);
	if (ret == SLANT_ENOMEM || ret == SLANT_ELIMIT)
		ret = slant_fail(err, ret, a->source, a->line, -1, "%s", slant_strerror(ret));
	return ret;
}

const char *slant_article_field(const struct slant_article *a, const char *name)
{
	for (int s = 0; s < F_NAMED; s++) {
		if (strcmp(name, corpus_named[s]))
			continue;
		const char *const v[F_NAMED] = { a->id, a->outlet, a->title, a->date, a->url,
						 a->text };
		return v[s];
	}
	for (size_t i = 0; i < a->nfields; i++)
		if (!strcmp(a->fields[i].name, name))
			return a->fields[i].value;
	return NULL;
}
