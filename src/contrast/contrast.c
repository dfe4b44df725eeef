/*
 * contrast.c - n-gram counts per group and the "Fightin' Words" log-odds contrast.
 *
 * Two open-addressing tables: the n-grams (with their total count), and (n-gram, group)
 * pairs with the count in that group. Contrasting a group only walks that group's pairs: an
 * n-gram the group never used cannot be characteristic of it.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_ENTRIES ((size_t)8 << 20)

struct gram {
	char *s;
	uint64_t hash, total;
};

struct pair {
	uint32_t gram, group;
	uint64_t count; /* 0: an empty slot */
};

struct slant_ngrams {
	unsigned max_n;
	size_t max_entries;
	struct gram *grams;
	size_t ngrams, capgrams;
	uint32_t *gtab; /* gram index + 1, 0 empty */
	size_t gcap;
	struct pair *ptab;
	size_t pcap, npairs;
	char **groups;
	uint64_t *totals;
	size_t ngroups, capgroups;
	uint64_t floor, prunes;
	struct slant_buf tmp;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

static inline uint64_t pair_hash(uint32_t gram, uint32_t group)
{
	uint64_t h = ((uint64_t)gram << 32 | group) * 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 29);
}

struct slant_ngrams *slant_ngrams_new(unsigned max_n, size_t max_entries)
{
	struct slant_ngrams *g = calloc(1, sizeof(*g));

	if (!g)
		return NULL;
	g->max_n = max_n < 1 ? 1 : max_n > 3 ? 3 : max_n;
	g->max_entries = max_entries ? max_entries : DEFAULT_MAX_ENTRIES;
	g->gcap = g->pcap = 1024;
	g->gtab = calloc(g->gcap, sizeof(*g->gtab));
	g->ptab = calloc(g->pcap, sizeof(*g->ptab));
	slant_buf_init(&g->tmp, 0);
	if (!g->gtab || !g->ptab) {
		slant_ngrams_free(g);
		return NULL;
	}
	return g;
}

void slant_ngrams_free(struct slant_ngrams *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->ngrams; i++)
		free(g->grams[i].s);
	for (size_t i = 0; i < g->ngroups; i++)
		free(g->groups[i]);
	free(g->grams);
	free(g->gtab);
	free(g->ptab);
	free(g->groups);
	free(g->totals);
	slant_buf_release(&g->tmp);
	free(g);
}

void slant_ngrams_reset(struct slant_ngrams *g)
{
	for (size_t i = 0; i < g->ngrams; i++)
		free(g->grams[i].s);
	for (size_t i = 0; i < g->ngroups; i++)
		free(g->groups[i]);
	memset(g->gtab, 0, g->gcap * sizeof(*g->gtab));
	memset(g->ptab, 0, g->pcap * sizeof(*g->ptab));
	g->ngrams = g->npairs = g->ngroups = 0;
	g->floor = g->prunes = 0;
}

size_t slant_ngrams_groups(const struct slant_ngrams *g)
{
	return g->ngroups;
}

const char *slant_ngrams_group(const struct slant_ngrams *g, size_t i)
{
	return i < g->ngroups ? g->groups[i] : NULL;
}

uint64_t slant_ngrams_total(const struct slant_ngrams *g, size_t i)
{
	return i < g->ngroups ? g->totals[i] : 0;
}

uint64_t slant_ngrams_floor(const struct slant_ngrams *g)
{
	return g->floor;
}

uint64_t slant_ngrams_prunes(const struct slant_ngrams *g)
{
	return g->prunes;
}

static long group_id(struct slant_ngrams *g, const char *name)
{
	for (size_t i = 0; i < g->ngroups; i++)
		if (!strcmp(g->groups[i], name))
			return (long)i;
	if (SLANT_GROW(g->groups, g->capgroups, g->ngroups + 1))
		return -1;
	uint64_t *t = realloc(g->totals, g->capgroups * sizeof(*t));
	if (!t)
		return -1;
	g->totals = t;
	if (!(g->groups[g->ngroups] = strdup(name)))
		return -1;
	g->totals[g->ngroups] = 0;
	return (long)g->ngroups++;
}

/* Rebuilds the n-gram table at `cap` slots (a power of two). */
static int rehash_grams(struct slant_ngrams *g, size_t cap)
{
	uint32_t *t = calloc(cap, sizeof(*t));

	if (!t)
		return SLANT_ENOMEM;
	for (size_t i = 0; i < g->ngrams; i++) {
		size_t k = g->grams[i].hash & (cap - 1);
		while (t[k])
			k = (k + 1) & (cap - 1);
		t[k] = (uint32_t)i + 1;
	}
	free(g->gtab);
	g->gtab = t;
	g->gcap = cap;
	return 0;
}

static int rehash_pairs(struct slant_ngrams *g, size_t cap)
{
	struct pair *t = calloc(cap, sizeof(*t)), *old = g->ptab;

	if (!t)
		return SLANT_ENOMEM;
	for (size_t i = 0; i < g->pcap; i++) {
		if (!old[i].count)
			continue;
		size_t k = pair_hash(old[i].gram, old[i].group) & (cap - 1);
		while (t[k].count)
			k = (k + 1) & (cap - 1);
		t[k] = old[i];
	}
	free(old);
	g->ptab = t;
	g->pcap = cap;
	return 0;
}

/* The index of n-gram s[0..n), added when new; -1 on out of memory. */
static long gram_id(struct slant_ngrams *g, const char *s, size_t n)
{
	uint64_t h = hash_bytes(s, n);
	size_t k;

	for (k = h & (g->gcap - 1); g->gtab[k]; k = (k + 1) & (g->gcap - 1)) {
		const struct gram *e = &g->grams[g->gtab[k] - 1];
		if (e->hash == h && !strncmp(e->s, s, n) && !e->s[n])
			return (long)g->gtab[k] - 1;
	}
	if (g->ngrams >= UINT32_MAX - 1 || SLANT_GROW(g->grams, g->capgrams, g->ngrams + 1))
		return -1;
	char *copy = slant_memdup0(s, n);
	if (!copy)
		return -1;
	g->grams[g->ngrams] = (struct gram){ copy, h, 0 };
	g->gtab[k] = (uint32_t)++g->ngrams;
	if (g->ngrams * 2 > g->gcap && rehash_grams(g, g->gcap * 2))
		return -1;
	return (long)g->ngrams - 1;
}

static int add_count(struct slant_ngrams *g, uint32_t gram, uint32_t group, uint64_t count)
{
	size_t k;

	for (k = pair_hash(gram, group) & (g->pcap - 1); g->ptab[k].count;
	     k = (k + 1) & (g->pcap - 1)) {
		if (g->ptab[k].gram == gram && g->ptab[k].group == group) {
			g->ptab[k].count += count;
			return 0;
		}
	}
	g->ptab[k] = (struct pair){ gram, group, count };
	g->npairs++;
	if (g->npairs * 2 > g->pcap)
		return rehash_pairs(g, g->pcap * 2);
	return 0;
}

/*
 * Past max_entries pairs, drop every n-gram seen `floor` times or less (raising the floor
 * until at most half the room is used) and renumber the rest.
 */
static int prune(struct slant_ngrams *g)
{
	uint32_t *remap = NULL;
	size_t kept;
	int ret = SLANT_ENOMEM;

	g->prunes++;
	while (g->npairs > g->max_entries / 2) {
		g->floor++;
		remap = malloc((g->ngrams + 1) * sizeof(*remap));
		if (!remap)
			return SLANT_ENOMEM;
		kept = 0;
		for (size_t i = 0; i < g->ngrams; i++) {
			if (g->grams[i].total <= g->floor) {
				free(g->grams[i].s);
				remap[i] = UINT32_MAX;
				continue;
			}
			remap[i] = (uint32_t)kept;
			g->grams[kept++] = g->grams[i];
		}
		g->ngrams = kept;
		g->npairs = 0;
		for (size_t i = 0; i < g->pcap; i++) {
			struct pair *p = &g->ptab[i];
			if (!p->count)
				continue;
			if (remap[p->gram] == UINT32_MAX) {
				p->count = 0;
				continue;
			}
			p->gram = remap[p->gram];
			g->npairs++;
		}
		free(remap);
		remap = NULL;
		/* rebuild both tables: removed slots break the probe chains */
		if (rehash_grams(g, g->gcap) || rehash_pairs(g, g->pcap))
			goto out;
	}
	ret = 0;
out:
	free(remap);
	return ret;
}

int slant_ngrams_add(struct slant_ngrams *g, const char *group, const struct slant_doc *d,
		     struct slant_err *err)
{
	size_t ntok, ns, run[3], nrun = 0;
	const struct slant_token *toks = slant_doc_tokens(d, &ntok);
	const struct slant_sentence *sents = slant_doc_sentences(d, &ns);
	long gid = group_id(g, group);

	if (gid < 0)
		return slant_fail_oom(err);
	for (size_t si = 0; si < ns; si++) {
		nrun = 0;
		for (size_t t = sents[si].tok_begin; t < sents[si].tok_end; t++) {
			const struct slant_token *k = &toks[t];
			if (k->kind == SLANT_TOK_QUOTE)
				continue;
			if (k->kind != SLANT_TOK_WORD && k->kind != SLANT_TOK_NUMBER) {
				nrun = 0;
				continue;
			}
			/* the last max_n words, newest last */
			if (nrun == g->max_n) {
				for (size_t r = 1; r < nrun; r++)
					run[r - 1] = run[r];
				nrun--;
			}
			run[nrun++] = t;
			/* every n-gram that ends here */
			for (size_t n = 1; n <= nrun; n++) {
				slant_buf_reset(&g->tmp);
				for (size_t w = nrun - n; w < nrun; w++) {
					if ((w > nrun - n && slant_buf_addc(&g->tmp, ' ')) ||
					    slant_buf_add(&g->tmp, slant_doc_norm(d, &toks[run[w]]),
							  toks[run[w]].norm_len))
						return slant_fail_oom(err);
				}
				long id = gram_id(g, g->tmp.data, g->tmp.len);
				if (id < 0 || add_count(g, (uint32_t)id, (uint32_t)gid, 1))
					return slant_fail_oom(err);
				g->grams[id].total++;
				g->totals[gid]++;
			}
		}
	}
	if (g->npairs > g->max_entries && prune(g))
		return slant_fail_oom(err);
	return 0;
}

int slant_ngrams_merge(struct slant_ngrams *g, const struct slant_ngrams *from,
		       struct slant_err *err)
{
	long *gmap = calloc(from->ngroups + 1, sizeof(*gmap));
	int ret = 0;

	if (!gmap)
		return slant_fail_oom(err);
	for (size_t i = 0; i < from->ngroups; i++) {
		if ((gmap[i] = group_id(g, from->groups[i])) < 0)
			goto oom;
		g->totals[gmap[i]] += from->totals[i];
	}
	for (size_t i = 0; i < from->pcap; i++) {
		const struct pair *p = &from->ptab[i];
		if (!p->count)
			continue;
		const char *s = from->grams[p->gram].s;
		long id = gram_id(g, s, strlen(s));
		if (id < 0 || add_count(g, (uint32_t)id, (uint32_t)gmap[p->group], p->count))
			goto oom;
		g->grams[id].total += p->count;
	}
	if (from->floor > g->floor)
		g->floor = from->floor;
	g->prunes += from->prunes;
	if (g->npairs > g->max_entries && prune(g))
		goto oom;
	goto out;
oom:
	ret = slant_fail_oom(err);
out:
	free(gmap);
	return ret;
}

static int cmp_row(const void *a, const void *b)
{
	const struct slant_contrast_row *x = a, *y = b;

	if (x->z != y->z)
		return x->z > y->z ? -1 : 1;
	return strcmp(x->ngram, y->ngram);
}

int slant_ngrams_contrast(const struct slant_ngrams *g, double a0, uint64_t min_count,
			  size_t top, struct slant_contrast_row *rows, size_t *counts,
			  struct slant_err *err)
{
	double n_all = 0;

	if (!(a0 > 0))
		return slant_fail(err, SLANT_EUSAGE, NULL, 0, -1, "the prior size must be positive");
	for (size_t k = 0; k < g->ngroups; k++) {
		n_all += (double)g->totals[k];
		counts[k] = 0;
	}
	if (!top || n_all <= 0)
		return 0;
	/* One pass over all pairs; each group keeps its best `top` rows sorted, the worst last. */
	for (size_t k = 0; k < g->pcap; k++) {
		const struct pair *p = &g->ptab[k];
		if (!p->count)
			continue;
		const struct gram *w = &g->grams[p->gram];
		if (w->total < min_count)
			continue;
		double n_i = (double)g->totals[p->group], n_j = n_all - n_i;
		double y_i = (double)p->count, y_j = (double)(w->total - p->count);
		double a_w = a0 * (double)w->total / n_all;
		double delta = log((y_i + a_w) / (n_i + a0 - y_i - a_w)) -
			       log((y_j + a_w) / (n_j + a0 - y_j - a_w));
		double z = delta / sqrt(1.0 / (y_i + a_w) + 1.0 / (y_j + a_w));
		if (!isfinite(z))
			continue; /* one group and one n-gram: nothing to contrast */
		struct slant_contrast_row r = { w->s, delta, z, p->count, w->total - p->count };
		struct slant_contrast_row *v = rows + p->group * top;
		size_t *n = &counts[p->group];
		if (*n == top && cmp_row(&r, &v[*n - 1]) >= 0)
			continue;
		size_t at = *n < top ? (*n)++ : *n - 1;
		while (at > 0 && cmp_row(&r, &v[at - 1]) < 0) {
			v[at] = v[at - 1];
			at--;
		}
		v[at] = r;
	}
	return 0;
}
