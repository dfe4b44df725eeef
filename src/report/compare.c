/*
 * compare.c - per-group sums of framing scores, labels, loaded terms and quotations, and
 * their exact merge, state file and rows.
 *
 * Everything summed is an integer: a score counts in millionths (the sum of their squares in
 * 128 bits), so adding articles in any order, or merging the states of any split of a
 * corpus, gives the same sums to the bit, and the same table.
 */
#include "slant.h"
#include "internal.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCALE 1000000.0 /* scores count in millionths */

/* Names and their counts, found by name: terms, speaker groups, speakers. Names owned. */
struct nmap {
	struct slant_compare_count *v;
	size_t n, cap;
	uint32_t *slots; /* index + 1, or 0 */
	size_t nslots;   /* a power of two, or 0 */
};

struct group {
	const char *name; /* the names map's */
	uint64_t articles, words;
	int64_t sum;           /* scores, in millionths */
	uint64_t sq_hi, sq_lo; /* their squares, 128 bits */
	uint64_t *labels, *cats;
	struct nmap terms, qgroups, speakers;
	uint64_t quotes, quoted_words, kinds[4], verbs, loaded;
};

struct slant_compare {
	struct slant_compare_conf conf; /* strings and arrays owned */
	struct group *g;
	size_t ng, capg;
	struct nmap names; /* group i is names.v[i]'s */
	/* slant_compare_rows()'s results */
	struct slant_compare_row *rows;
	struct slant_compare_count *arena;
};

static uint64_t name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h ^ (h >> 29);
}

/* ---------------------------------------------------------------- nmap */

static void nmap_free(struct nmap *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free((char *)m->v[i].name);
		free((char *)m->v[i].group);
	}
	free(m->v);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

static int nmap_rehash(struct nmap *m, size_t nslots)
{
	uint32_t *s = calloc(nslots, sizeof(*s));

	if (!s)
		return SLANT_ENOMEM;
	free(m->slots);
	m->slots = s;
	m->nslots = nslots;
	for (size_t i = 0; i < m->n; i++) {
		size_t k = name_hash(m->v[i].name) & (nslots - 1);
		while (s[k])
			k = (k + 1) & (nslots - 1);
		s[k] = (uint32_t)(i + 1);
	}
	return 0;
}

/* The entry named `name`, added with zero counts when new; NULL out of memory. */
static struct slant_compare_count *nmap_get(struct nmap *m, const char *name)
{
	if (m->n && !m->nslots) { /* a rehash failed out of memory: make the table again */
		size_t want = 16;
		while (m->n * 2 > want)
			want *= 2;
		if (nmap_rehash(m, want))
			return NULL;
	}
	if (m->nslots) {
		size_t k = name_hash(name) & (m->nslots - 1);
		for (; m->slots[k]; k = (k + 1) & (m->nslots - 1))
			if (!strcmp(m->v[m->slots[k] - 1].name, name))
				return &m->v[m->slots[k] - 1];
	}
	if ((m->n + 1) * 2 > m->nslots) {
		size_t want = m->nslots ? m->nslots * 2 : 16;
		while ((m->n + 1) * 2 > want)
			want *= 2;
		if (nmap_rehash(m, want))
			return NULL;
	}
	if (SLANT_GROW(m->v, m->cap, m->n + 1))
		return NULL;
	char *copy = strdup(name);
	if (!copy)
		return NULL;
	m->v[m->n] = (struct slant_compare_count){ copy, NULL, 0, 0 };
	size_t k = name_hash(name) & (m->nslots - 1);
	while (m->slots[k])
		k = (k + 1) & (m->nslots - 1);
	m->slots[k] = (uint32_t)++m->n;
	return &m->v[m->n - 1];
}

/*
 * A speaker's group: the first in byte order of those it was quoted with, so that the group
 * does not depend on which article came first.
 */
static int set_group(struct slant_compare_count *e, const char *group)
{
	if (!group || (e->group && strcmp(group, e->group) >= 0))
		return 0;
	char *copy = strdup(group);
	if (!copy)
		return SLANT_ENOMEM;
	free((char *)e->group);
	e->group = copy;
	return 0;
}

static int nmap_merge(struct nmap *dst, const struct nmap *src)
{
	for (size_t i = 0; i < src->n; i++) {
		struct slant_compare_count *e = nmap_get(dst, src->v[i].name);
		if (!e || set_group(e, src->v[i].group))
			return SLANT_ENOMEM;
		e->count += src->v[i].count;
		e->words += src->v[i].words;
	}
	return 0;
}

/* ------------------------------------------------------------- compare */

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

static char **dup_list(const char *const *v, size_t n)
{
	char **out = calloc(n + 1, sizeof(*out));

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!(out[i] = strdup(v[i]))) {
			while (i--)
				free(out[i]);
			free(out);
			return NULL;
		}
	return out;
}

static void free_list(const char *const *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free((char *)v[i]);
	free((void *)v);
}

struct slant_compare *slant_compare_new(const struct slant_compare_conf *conf)
{
	struct slant_compare *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	if (!conf->nlabels || conf->nlabels > 64) {
		free(c);
		return NULL;
	}
	c->conf.nlabels = conf->nlabels;
	c->conf.ncategories = conf->ncategories;
	c->conf.axis = conf->axis;
	c->conf.no_quotes = conf->no_quotes;
	if (!(c->conf.by = dup_or_empty(conf->by)) || !(c->conf.setup = dup_or_empty(conf->setup)) ||
	    !(c->conf.labels = (const char *const *)dup_list(conf->labels, conf->nlabels)) ||
	    !(c->conf.categories =
		      (const char *const *)dup_list(conf->categories, conf->ncategories))) {
		slant_compare_free(c);
		return NULL;
	}
	return c;
}

static void group_free(struct group *g)
{
	free(g->labels);
	free(g->cats);
	nmap_free(&g->terms);
	nmap_free(&g->qgroups);
	nmap_free(&g->speakers);
}

void slant_compare_free(struct slant_compare *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->ng; i++)
		group_free(&c->g[i]);
	free(c->g);
	nmap_free(&c->names);
	free(c->rows);
	free(c->arena);
	free((char *)c->conf.by);
	free((char *)c->conf.setup);
	free_list(c->conf.labels, c->conf.nlabels);
	free_list(c->conf.categories, c->conf.ncategories);
	free(c);
}

const struct slant_compare_conf *slant_compare_conf(const struct slant_compare *c)
{
	return &c->conf;
}

static struct group *group_get(struct slant_compare *c, const char *name)
{
	if (!name || !*name)
		name = "(none)";
	struct slant_compare_count *e = nmap_get(&c->names, name);
	if (!e)
		return NULL;
	size_t i = (size_t)(e - c->names.v);
	if (i < c->ng)
		return &c->g[i];
	/* new: its sums */
	struct group *g;
	if (SLANT_GROW(c->g, c->capg, c->ng + 1))
		goto undo;
	g = &c->g[c->ng];
	memset(g, 0, sizeof(*g));
	g->name = e->name;
	if (!(g->labels = calloc(c->conf.nlabels, sizeof(uint64_t))) ||
	    !(g->cats = calloc(c->conf.ncategories + 1, sizeof(uint64_t)))) {
		group_free(g);
		goto undo;
	}
	c->ng++;
	return g;
undo:
	/* the name goes too, so that names and groups stay in step */
	free((char *)e->name);
	c->names.n--;
	if (nmap_rehash(&c->names, c->names.nslots)) { /* no table: the next lookup makes one */
		free(c->names.slots);
		c->names.slots = NULL;
		c->names.nslots = 0;
	}
	return NULL;
}

static void add_square(struct group *g, int64_t q)
{
	uint64_t a = (uint64_t)(q < 0 ? -q : q), sq = a * a; /* |q| <= 1e6: no overflow */
	uint64_t lo = g->sq_lo + sq;

	g->sq_hi += lo < g->sq_lo;
	g->sq_lo = lo;
}

int slant_compare_add(struct slant_compare *c, const struct slant_compare_doc *d,
		      struct slant_err *err)
{
	if (d->label >= c->conf.nlabels)
		return slant_fail(err, SLANT_EUSAGE, NULL, 0, -1, "label %zu out of range", d->label);
	struct group *g = group_get(c, d->group);
	if (!g)
		return slant_fail_oom(err);
	g->articles++;
	g->words += d->words;
	g->labels[d->label]++;
	if (c->conf.axis) {
		double s = d->score != d->score ? 0 : d->score < -1 ? -1 : d->score > 1 ? 1 : d->score;
		int64_t q = (int64_t)llround(s * SCALE);
		g->sum += q;
		add_square(g, q);
	}
	for (size_t k = 0; d->categories && k < c->conf.ncategories; k++)
		g->cats[k] += d->categories[k];
	for (size_t i = 0; i < d->nterms; i++) {
		struct slant_compare_count *e = nmap_get(&g->terms, d->terms[i].term);
		if (!e)
			return slant_fail_oom(err);
		e->count += d->terms[i].count;
	}
	for (size_t i = 0; i < d->nquotes; i++) {
		const struct slant_compare_quote *q = &d->quotes[i];
		g->quotes++;
		g->kinds[q->kind & 3]++;
		g->verbs += q->has_verb;
		g->loaded += q->loaded && q->has_verb; /* a loaded verb is a verb */
		if (q->kind == SLANT_QUOTE_SCARE || q->kind == SLANT_QUOTE_TITLE)
			continue; /* nobody's words */
		g->quoted_words += q->words;
		struct slant_compare_count *e = nmap_get(&g->qgroups, q->group ? q->group : "unknown");
		if (!e)
			return slant_fail_oom(err);
		e->count += q->words;
		if (!q->speaker)
			continue;
		if (!(e = nmap_get(&g->speakers, q->speaker)) || set_group(e, q->group))
			return slant_fail_oom(err);
		e->count++;
		e->words += q->words;
	}
	return 0;
}

static bool same_list(const char *const *a, const char *const *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i], b[i]))
			return false;
	return true;
}

int slant_compare_merge(struct slant_compare *dst, const struct slant_compare *src,
			struct slant_err *err)
{
	const struct slant_compare_conf *a = &dst->conf, *b = &src->conf;

	if (strcmp(a->setup, b->setup) || strcmp(a->by, b->by) || a->axis != b->axis ||
	    a->no_quotes != b->no_quotes ||
	    a->nlabels != b->nlabels || a->ncategories != b->ncategories ||
	    !same_list(a->labels, b->labels, a->nlabels) ||
	    !same_list(a->categories, b->categories, a->ncategories))
		return slant_fail(err, SLANT_EDATA, NULL, 0, -1,
				  "the states were made with different models, lexicons, --by or --no-quotes");
	for (size_t i = 0; i < src->ng; i++) {
		const struct group *s = &src->g[i];
		struct group *g = group_get(dst, s->name);
		if (!g)
			return slant_fail_oom(err);
		/* states from a file may hold anything: sums that would overflow are refused */
		if (__builtin_add_overflow(g->articles, s->articles, &g->articles) ||
		    __builtin_add_overflow(g->words, s->words, &g->words) ||
		    __builtin_add_overflow(g->sum, s->sum, &g->sum))
			return slant_fail(err, SLANT_EDATA, NULL, 0, -1,
					  "group \"%s\": sums too large to add", s->name);
		uint64_t lo = g->sq_lo + s->sq_lo;
		g->sq_hi += s->sq_hi + (lo < g->sq_lo);
		g->sq_lo = lo;
		for (size_t k = 0; k < a->nlabels; k++)
			g->labels[k] += s->labels[k];
		for (size_t k = 0; k < a->ncategories; k++)
			g->cats[k] += s->cats[k];
		g->quotes += s->quotes;
		g->quoted_words += s->quoted_words;
		for (size_t k = 0; k < 4; k++)
			g->kinds[k] += s->kinds[k];
		g->verbs += s->verbs;
		g->loaded += s->loaded;
		if (nmap_merge(&g->terms, &s->terms) || nmap_merge(&g->qgroups, &s->qgroups) ||
		    nmap_merge(&g->speakers, &s->speakers))
			return slant_fail_oom(err);
	}
	return 0;
}

/* ---------------------------------------------------------------- rows */

/*
 * t(0.975, df): Student's t quantile for a two-sided 95% interval. Exact to 3 decimals up to
 * 30 degrees of freedom, then the Cornish-Fisher expansion around the normal quantile, whose
 * error there is below 1e-5.
 */
static double t975(uint64_t df)
{
	static const double t[] = { 0, 12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646,
				    2.3060, 2.2622, 2.2281, 2.2010, 2.1788, 2.1604, 2.1448, 2.1314,
				    2.1199, 2.1098, 2.1009, 2.0930, 2.0860, 2.0796, 2.0739, 2.0687,
				    2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423 };
	if (df < SLANT_ARRAY_SIZE(t))
		return t[df];
	double z = 1.959963984540054, n = (double)df, z2 = z * z;
	return z + z * (z2 + 1) / (4 * n) + z * ((5 * z2 + 16) * z2 + 3) / (96 * n * n) +
	       z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / (384 * n * n * n);
}

static void stats(const struct slant_compare *c, const struct group *g,
		  struct slant_compare_row *r)
{
	r->mean = r->sd = r->lo = r->hi = 0;
	r->has_ci = false;
	if (!c->conf.axis || !g->articles)
		return;
	long double n = (long double)g->articles, sum = (long double)g->sum;
	long double sq = (long double)g->sq_hi * 18446744073709551616.0L + (long double)g->sq_lo;
	long double mean = sum / n;
	r->mean = (double)(mean / SCALE);
	if (g->articles < 2)
		return;
	long double var = (sq - sum * mean) / (n - 1);
	r->sd = var > 0 ? (double)(sqrtl(var) / SCALE) : 0;
	if (g->articles < SLANT_COMPARE_MIN_CI)
		return;
	double half = t975(g->articles - 1) * r->sd / sqrt((double)g->articles);
	r->lo = r->mean - half < -1 ? -1 : r->mean - half;
	r->hi = r->mean + half > 1 ? 1 : r->mean + half;
	r->has_ci = true;
}

static int cmp_count(const void *a, const void *b)
{
	const struct slant_compare_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->words != y->words)
		return x->words > y->words ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int cmp_row_name(const void *a, const void *b)
{
	return strcmp(((const struct slant_compare_row *)a)->name,
		      ((const struct slant_compare_row *)b)->name);
}

static int cmp_row_score(const void *a, const void *b)
{
	const struct slant_compare_row *x = a, *y = b;

	if (x->mean != y->mean)
		return x->mean < y->mean ? -1 : 1;
	return cmp_row_name(a, b);
}

/* Copies map m into the arena at *at, sorted and cut to `top`. */
static const struct slant_compare_count *sorted(const struct nmap *m, size_t top,
						struct slant_compare_count *arena, size_t *at,
						size_t *n)
{
	struct slant_compare_count *v = arena + *at;

	if (m->n) /* m->v is NULL for an empty map */
		memcpy(v, m->v, m->n * sizeof(*v));
	qsort(v, m->n, sizeof(*v), cmp_count);
	*n = top && m->n > top ? top : m->n;
	*at += m->n;
	return v;
}

size_t slant_compare_rows(struct slant_compare *c, size_t top,
			  const struct slant_compare_row **rows)
{
	size_t total = 0, at = 0;

	for (size_t i = 0; i < c->ng; i++)
		total += c->g[i].terms.n + c->g[i].qgroups.n + c->g[i].speakers.n;
	free(c->rows);
	free(c->arena);
	c->rows = calloc(c->ng + 1, sizeof(*c->rows));
	c->arena = malloc((total + 1) * sizeof(*c->arena));
	if (!c->rows || !c->arena)
		return (size_t)-1;
	for (size_t i = 0; i < c->ng; i++) {
		const struct group *g = &c->g[i];
		struct slant_compare_row *r = &c->rows[i];
		r->name = g->name;
		r->articles = g->articles;
		r->words = g->words;
		stats(c, g, r);
		r->labels = g->labels;
		r->categories = g->cats;
		r->terms = sorted(&g->terms, top, c->arena, &at, &r->nterms);
		r->groups = sorted(&g->qgroups, 0, c->arena, &at, &r->ngroups);
		r->speakers = sorted(&g->speakers, top, c->arena, &at, &r->nspeakers);
		r->quotes = g->quotes;
		r->quoted_words = g->quoted_words;
		memcpy(r->kinds, g->kinds, sizeof(r->kinds));
		r->verbs = g->verbs;
		r->loaded = g->loaded;
	}
	qsort(c->rows, c->ng, sizeof(*c->rows), c->conf.axis ? cmp_row_score : cmp_row_name);
	*rows = c->rows;
	return c->ng;
}

/* --------------------------------------------------------------- state */

#define STATE_VERSION 1

static int add_str(struct slant_buf *b, const char *s)
{
	return slant_buf_add_json(b, s, strlen(s));
}

static int add_list(struct slant_buf *b, const char *key, const char *const *v, size_t n)
{
	int ret = slant_buf_addf(b, ",\"%s\":[", key);

	for (size_t i = 0; !ret && i < n; i++) {
		if (i)
			ret = slant_buf_addc(b, ',');
		if (!ret)
			ret = add_str(b, v[i]);
	}
	return ret ? ret : slant_buf_addc(b, ']');
}

static int cmp_count_name(const void *a, const void *b)
{
	return strcmp(((const struct slant_compare_count *)a)->name,
		      ((const struct slant_compare_count *)b)->name);
}

static int add_nmap(struct slant_buf *b, const char *key, const struct nmap *m, bool speakers)
{
	/* sorted by name: the same sums, the same file */
	struct slant_compare_count *v = malloc((m->n + 1) * sizeof(*v));
	int ret;

	if (!v)
		return SLANT_ENOMEM;
	if (m->n) /* m->v is NULL for an empty map */
		memcpy(v, m->v, m->n * sizeof(*v));
	qsort(v, m->n, sizeof(*v), cmp_count_name); /* names in one map are unique */
	ret = slant_buf_addf(b, ",\"%s\":[", key);
	for (size_t i = 0; !ret && i < m->n; i++) {
		ret = slant_buf_adds(b, i ? ",[" : "[");
		if (!ret)
			ret = add_str(b, v[i].name);
		if (!ret)
			ret = slant_buf_addf(b, ",%" PRIu64, v[i].count);
		if (!ret && speakers) {
			ret = slant_buf_addf(b, ",%" PRIu64 ",", v[i].words);
			if (!ret)
				ret = v[i].group ? add_str(b, v[i].group) : slant_buf_adds(b, "null");
		}
		if (!ret)
			ret = slant_buf_addc(b, ']');
	}
	free(v);
	return ret ? ret : slant_buf_addc(b, ']');
}

static int add_u64s(struct slant_buf *b, const char *key, const uint64_t *v, size_t n)
{
	int ret = slant_buf_addf(b, ",\"%s\":[", key);

	for (size_t i = 0; !ret && i < n; i++)
		ret = slant_buf_addf(b, "%s%" PRIu64, i ? "," : "", v[i]);
	return ret ? ret : slant_buf_addc(b, ']');
}

static int cmp_group_name(const void *a, const void *b)
{
	return strcmp((*(const struct group *const *)a)->name, (*(const struct group *const *)b)->name);
}

int slant_compare_save(const struct slant_compare *c, struct slant_buf *out)
{
	const struct group **order = malloc((c->ng + 1) * sizeof(*order));
	int ret;

	if (!order)
		return SLANT_ENOMEM;
	for (size_t i = 0; i < c->ng; i++)
		order[i] = &c->g[i];
	qsort(order, c->ng, sizeof(*order), cmp_group_name);
	ret = slant_buf_addf(out, "{\"slant_compare_state\":%d,\"by\":", STATE_VERSION);
	if (!ret)
		ret = add_str(out, c->conf.by);
	if (!ret)
		ret = slant_buf_adds(out, ",\"setup\":");
	if (!ret)
		ret = add_str(out, c->conf.setup);
	if (!ret)
		ret = slant_buf_addf(out, ",\"axis\":%s,\"quotes\":%s", c->conf.axis ? "true" : "false",
				     c->conf.no_quotes ? "false" : "true");
	if (!ret)
		ret = add_list(out, "labels", c->conf.labels, c->conf.nlabels);
	if (!ret)
		ret = add_list(out, "categories", c->conf.categories, c->conf.ncategories);
	if (!ret)
		ret = slant_buf_adds(out, ",\"groups\":[");
	for (size_t i = 0; !ret && i < c->ng; i++) {
		const struct group *g = order[i];
		ret = slant_buf_adds(out, i ? ",{\"name\":" : "{\"name\":");
		if (!ret)
			ret = add_str(out, g->name);
		/* the score sums as strings: JSON numbers lose integers past 2^53 */
		if (!ret)
			ret = slant_buf_addf(out,
					     ",\"articles\":%" PRIu64 ",\"words\":%" PRIu64
					     ",\"sum\":\"%" PRId64 "\",\"sumsq\":[\"%" PRIu64
					     "\",\"%" PRIu64 "\"]",
					     g->articles, g->words, g->sum, g->sq_hi, g->sq_lo);
		if (!ret)
			ret = add_u64s(out, "labels", g->labels, c->conf.nlabels);
		if (!ret)
			ret = add_u64s(out, "categories", g->cats, c->conf.ncategories);
		if (!ret)
			ret = slant_buf_addf(out,
					     ",\"quotes\":%" PRIu64 ",\"quoted_words\":%" PRIu64
					     ",\"kinds\":[%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
					     "],\"verbs\":%" PRIu64 ",\"loaded\":%" PRIu64,
					     g->quotes, g->quoted_words, g->kinds[0], g->kinds[1],
					     g->kinds[2], g->kinds[3], g->verbs, g->loaded);
		if (!ret)
			ret = add_nmap(out, "terms", &g->terms, false);
		if (!ret)
			ret = add_nmap(out, "speaker_groups", &g->qgroups, false);
		if (!ret)
			ret = add_nmap(out, "speakers", &g->speakers, true);
		if (!ret)
			ret = slant_buf_addc(out, '}');
	}
	if (!ret)
		ret = slant_buf_adds(out, "]}\n");
	free(order);
	return ret;
}

/* ---------------------------------------------------------------- load */

struct loader {
	const char *name;
	struct slant_err *err;
	const char *where; /* the group being read, for messages */
};

static int bad(struct loader *l, const char *what)
{
	if (l->where)
		return slant_fail(l->err, SLANT_EDATA, l->name, 0, -1, "group \"%s\": %s", l->where,
				  what);
	return slant_fail(l->err, SLANT_EDATA, l->name, 0, -1, "%s", what);
}

/* A field that is not the list it should be: `shape` says what its items are. */
static int bad_list(struct loader *l, const char *key, const char *shape)
{
	char what[160];

	snprintf(what, sizeof(what), "\"%s\" is not a list of %s", key, shape);
	return bad(l, what);
}

static bool num_u64(const cJSON *v, uint64_t *out)
{
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) || v->valuedouble > 9007199254740992.0 ||
	    v->valuedouble != floor(v->valuedouble))
		return false;
	*out = (uint64_t)v->valuedouble;
	return true;
}

static bool get_u64(const cJSON *o, const char *key, uint64_t *out)
{
	return num_u64(cJSON_GetObjectItemCaseSensitive(o, key), out);
}

static bool str_int(const cJSON *v, bool sign, uint64_t *u, int64_t *s)
{
	if (!cJSON_IsString(v) || !v->valuestring[0])
		return false;
	char *e;
	errno = 0;
	if (sign)
		*s = strtoll(v->valuestring, &e, 10);
	else if (v->valuestring[0] == '-')
		return false;
	else
		*u = strtoull(v->valuestring, &e, 10);
	return !*e && !errno;
}

static int get_u64s(struct loader *l, const cJSON *o, const char *key, uint64_t *v, size_t n)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key), *x;
	size_t i = 0;
	char shape[64];

	snprintf(shape, sizeof(shape), "%zu whole numbers", n);
	if (!cJSON_IsArray(a) || (size_t)cJSON_GetArraySize(a) != n)
		return bad_list(l, key, shape);
	cJSON_ArrayForEach(x, a)
	{
		if (!num_u64(x, &v[i++]))
			return bad_list(l, key, shape);
	}
	return 0;
}

static int get_nmap(struct loader *l, const cJSON *o, const char *key, struct nmap *m,
		    bool speakers)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key), *x;
	const char *shape = speakers ? "[name, quotes, words, group or null]" : "[name, count]";

	if (!cJSON_IsArray(a))
		return bad_list(l, key, shape);
	cJSON_ArrayForEach(x, a)
	{
		int want = speakers ? 4 : 2;
		const cJSON *name = cJSON_GetArrayItem(x, 0);
		uint64_t count, words = 0;
		if (!cJSON_IsArray(x) || cJSON_GetArraySize(x) != want || !cJSON_IsString(name) ||
		    !num_u64(cJSON_GetArrayItem(x, 1), &count) ||
		    (speakers && !num_u64(cJSON_GetArrayItem(x, 2), &words)))
			return bad_list(l, key, shape);
		const cJSON *grp = speakers ? cJSON_GetArrayItem(x, 3) : NULL;
		if (grp && !cJSON_IsString(grp) && !cJSON_IsNull(grp))
			return bad_list(l, key, shape);
		size_t before = m->n;
		struct slant_compare_count *e = nmap_get(m, name->valuestring);
		if (!e || (grp && cJSON_IsString(grp) && set_group(e, grp->valuestring)))
			return slant_fail_oom(l->err);
		if (m->n == before) {
			char what[160];
			snprintf(what, sizeof(what), "\"%s\" lists a name twice", key);
			return bad(l, what);
		}
		e->count = count;
		e->words = words;
	}
	return 0;
}

static int get_strings(struct loader *l, const cJSON *root, const char *key, const char ***out,
		       size_t *n)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, key), *x;
	size_t i = 0;

	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) > 100000)
		return bad_list(l, key, "at most 100,000 strings");
	*n = (size_t)cJSON_GetArraySize(a);
	const char **v = calloc(*n + 1, sizeof(*v));
	if (!v)
		return slant_fail_oom(l->err);
	*out = v;
	cJSON_ArrayForEach(x, a)
	{
		if (!cJSON_IsString(x))
			return bad_list(l, key, "strings");
		v[i++] = x->valuestring; /* borrowed from the tree */
	}
	return 0;
}

static int load_group(struct loader *l, struct slant_compare *c, const cJSON *o)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "name"),
		    *sq = cJSON_GetObjectItemCaseSensitive(o, "sumsq");
	struct group *g;
	size_t before = c->ng;
	int ret;

	if (!cJSON_IsObject(o) || !cJSON_IsString(name) || !name->valuestring[0])
		return bad(l, "a group without a name");
	l->where = name->valuestring;
	if (!(g = group_get(c, name->valuestring)))
		return slant_fail_oom(l->err);
	if (c->ng == before)
		return bad(l, "listed twice");
	if (!get_u64(o, "articles", &g->articles) || !get_u64(o, "words", &g->words) ||
	    !str_int(cJSON_GetObjectItemCaseSensitive(o, "sum"), true, NULL, &g->sum) ||
	    !cJSON_IsArray(sq) || cJSON_GetArraySize(sq) != 2 ||
	    !str_int(cJSON_GetArrayItem(sq, 0), false, &g->sq_hi, NULL) ||
	    !str_int(cJSON_GetArrayItem(sq, 1), false, &g->sq_lo, NULL))
		return bad(l, "bad articles, words or score sums");
	if (!g->articles)
		return bad(l, "no articles");
	/* a sum of scores in [-1, 1] */
	if ((g->sum < 0 ? -(double)g->sum : (double)g->sum) > (double)g->articles * SCALE ||
	    (long double)g->sq_hi * 18446744073709551616.0L + (long double)g->sq_lo >
		    (long double)g->articles * SCALE * SCALE)
		return bad(l, "score sums out of range");
	if ((ret = get_u64s(l, o, "labels", g->labels, c->conf.nlabels)) ||
	    (ret = get_u64s(l, o, "categories", g->cats, c->conf.ncategories)) ||
	    (ret = get_u64s(l, o, "kinds", g->kinds, 4)))
		return ret;
	uint64_t nl = 0;
	for (size_t k = 0; k < c->conf.nlabels; k++)
		nl += g->labels[k];
	if (nl != g->articles)
		return bad(l, "label counts do not add up to the articles");
	if (!get_u64(o, "quotes", &g->quotes) || !get_u64(o, "quoted_words", &g->quoted_words) ||
	    !get_u64(o, "verbs", &g->verbs) || !get_u64(o, "loaded", &g->loaded) ||
	    g->kinds[0] + g->kinds[1] + g->kinds[2] + g->kinds[3] != g->quotes ||
	    g->loaded > g->verbs || g->verbs > g->quotes)
		return bad(l, "bad quotation counts");
	if ((ret = get_nmap(l, o, "terms", &g->terms, false)) ||
	    (ret = get_nmap(l, o, "speaker_groups", &g->qgroups, false)) ||
	    (ret = get_nmap(l, o, "speakers", &g->speakers, true)))
		return ret;
	/* every quoted word has a group ("unknown" at worst): the shares add up to one */
	uint64_t gw = 0;
	for (size_t k = 0; k < g->qgroups.n; k++)
		gw += g->qgroups.v[k].count;
	if (gw != g->quoted_words)
		return bad(l, "quoted words by group do not add up to the quoted words");
	l->where = NULL;
	return 0;
}

struct slant_compare *slant_compare_load(const char *data, size_t len, const char *name,
					 struct slant_err *err)
{
	struct loader l = { name, err, NULL };
	struct slant_compare *c = NULL;
	const char **labels = NULL, **cats = NULL;
	const char *end = NULL;
	cJSON *root = NULL;
	int ret = 0;

	/* slant writes UTF-8; cJSON would pass other bytes on into every report */
	if (!slant_utf8_valid(data, len)) {
		ret = bad(&l, "not a compare state (not valid UTF-8)");
		goto out;
	}
	root = cJSON_ParseWithLengthOpts(data, len, &end, false);
	if (!root) {
		ret = bad(&l, "not a compare state (bad JSON)");
		goto out;
	}
	for (; end && end < data + len; end++)
		if (*end != ' ' && *end != '\t' && *end != '\r' && *end != '\n') {
			ret = bad(&l, "text after the state (two states on one line?)");
			goto out;
		}
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "slant_compare_state"),
		    *by = cJSON_GetObjectItemCaseSensitive(root, "by"),
		    *setup = cJSON_GetObjectItemCaseSensitive(root, "setup"),
		    *axis = cJSON_GetObjectItemCaseSensitive(root, "axis"),
		    *quotes = cJSON_GetObjectItemCaseSensitive(root, "quotes"),
		    *groups = cJSON_GetObjectItemCaseSensitive(root, "groups"), *g;
	if (!cJSON_IsNumber(ver)) {
		ret = bad(&l, "not a compare state (no \"slant_compare_state\")");
		goto out;
	}
	if (ver->valuedouble != STATE_VERSION) {
		ret = slant_fail(err, SLANT_EDATA, name, 0, -1,
			   "compare state version %g; this slant reads version %d", ver->valuedouble,
			   STATE_VERSION);
		goto out;
	}
	if (!cJSON_IsString(by) || !cJSON_IsString(setup) || !cJSON_IsBool(axis) ||
	    !cJSON_IsBool(quotes) || !cJSON_IsArray(groups)) {
		ret = bad(&l, "missing \"by\", \"setup\", \"axis\", \"quotes\" or \"groups\"");
		goto out;
	}
	struct slant_compare_conf conf = { by->valuestring, NULL, 0, cJSON_IsTrue(axis), NULL, 0,
					   setup->valuestring, !cJSON_IsTrue(quotes) };
	if ((ret = get_strings(&l, root, "labels", &labels, &conf.nlabels)) ||
	    (ret = get_strings(&l, root, "categories", &cats, &conf.ncategories)))
		goto out;
	if (!conf.nlabels || conf.nlabels > 64) {
		ret = bad(&l, "1 to 64 labels");
		goto out;
	}
	conf.labels = labels;
	conf.categories = cats;
	if (!(c = slant_compare_new(&conf))) {
		ret = slant_fail_oom(err);
		goto out;
	}
	cJSON_ArrayForEach(g, groups)
	{
		if ((ret = load_group(&l, c, g)))
			break;
	}
out:
	if (c && ret) {
		slant_compare_free(c);
		c = NULL;
	}
	free(labels);
	free(cats);
	cJSON_Delete(root);
	return c;
}
