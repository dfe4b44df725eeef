/*
 * features.c - articles as feature vectors for the framing model: n-gram TF-IDF over a
 * vocabulary chosen on the training corpus, plus scaled lexicon and quotation measures.
 *
 * Measuring an article (slant_features_measure) needs no vocabulary: it counts the article's
 * distinct n-grams by a 64-bit hash of their text and computes the dense values. Training
 * builds the vocabulary from those counts; scoring maps hashes to indices. A hash collision
 * between two n-grams of one vocabulary is refused when the vocabulary is built or read, so
 * every index stands for exactly one n-gram.
 */
#define _GNU_SOURCE /* memmem() */
#include "features.h"
#include "internal.h"
#include "../quotes/people.h"
#include "../text/doc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NONE UINT32_MAX

/* How many hash-table slots ahead of their lookup are fetched (see vector()). */
#define PREFETCH_AHEAD 16

struct vslot {
	uint64_t hash;
	uint32_t index; /* from 1; 0: empty slot */
};

struct slant_features {
	const struct slant_lexicon *lx;
	const struct slant_people *pp;
	unsigned max_n;
	double dense_weight;
	/* dense features */
	char **dnames;
	size_t ndense;
	bool use_lex, use_quotes, keep_identity;
	size_t ncat;     /* lexicon categories: dense 0..ncat-1, then the lean sum */
	size_t qoff;     /* the first quotation feature */
	const char **groups; /* quotation groups, sorted; borrowed from the people table */
	size_t ngroups;
	double *lo, *hi; /* training ranges */
	double *mean;    /* training mean of each scaled feature, in [0, 1] */
	/* vocabulary */
	char **vocab;    /* index i + 1 is vocab[i] */
	uint32_t *df;
	double *idf;
	size_t nvocab;
	uint64_t ndocs;
	struct vslot *slots;
	size_t capslots;
	double tf[64]; /* 1 + ln(count) for small counts */
};

/* Dense features after the lexicon categories and the lean sum. */
enum { Q_PER1K, Q_QUOTED, Q_SCARE, Q_PARTIAL, Q_LOADED, Q_UNATTRIBUTED, Q_FIXED };
static const char *const qnames[Q_FIXED] = {
	"quotes:per-1k-words", "quotes:quoted-word-share", "quotes:scare-per-1k-words",
	"quotes:partial-share", "quotes:loaded-verb-rate", "quotes:group:none",
};

/* ------------------------------------------------------------------ hashes */

/*
 * A token's text hash is slant_text_word_hash(), which the document already holds for each
 * token; an n-gram's is its tokens' combined in order.
 */
static inline uint64_t gram_join(uint64_t prefix, uint64_t word)
{
	return slant_text_mix(prefix * 0x100000001B3ULL + word);
}

/* The hash of an n-gram's text ("a b"), as measuring computes it from tokens. */
static uint64_t text_hash(const char *s, size_t n)
{
	uint64_t h = 0;
	size_t i = 0;
	bool first = true;

	while (i <= n) {
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		uint64_t w = slant_text_word_hash(s + i, j - i);
		h = first ? w : gram_join(h, w);
		first = false;
		i = j + 1;
	}
	return h;
}

/* ----------------------------------------------------------------- raw data */

void slant_featraw_init(struct slant_featraw *r)
{
	memset(r, 0, sizeof(*r));
	slant_buf_init(&r->strings, 0);
}

void slant_featraw_release(struct slant_featraw *r)
{
	free(r->hash);
	free(r->count);
	free(r->text);
	free(r->dense);
	slant_buf_release(&r->strings);
	slant_featraw_init(r);
}

static int raw_reserve(struct slant_featraw *r, size_t n, bool texts)
{
	if (n <= r->cap && (!texts || r->text))
		return 0;
	size_t cap = r->cap > 64 ? r->cap : 64;
	while (cap < n)
		cap *= 2;
	uint64_t *h = realloc(r->hash, cap * sizeof(*h));
	if (!h)
		return SLANT_ENOMEM;
	r->hash = h;
	uint32_t *c = realloc(r->count, cap * sizeof(*c));
	if (!c)
		return SLANT_ENOMEM;
	r->count = c;
	if (texts || r->text) {
		uint32_t *t = realloc(r->text, cap * sizeof(*t));
		if (!t)
			return SLANT_ENOMEM;
		r->text = t;
	}
	r->cap = cap;
	return 0;
}

int slant_featraw_copy(struct slant_featraw *to, const struct slant_featraw *from)
{
	if (raw_reserve(to, from->n ? from->n : 1, from->text != NULL))
		return SLANT_ENOMEM;
	memcpy(to->hash, from->hash, from->n * sizeof(*to->hash));
	memcpy(to->count, from->count, from->n * sizeof(*to->count));
	if (from->text)
		memcpy(to->text, from->text, from->n * sizeof(*to->text));
	else if (to->text) {
		free(to->text);
		to->text = NULL;
	}
	to->n = from->n;
	slant_buf_reset(&to->strings);
	if (slant_buf_add(&to->strings, from->strings.data, from->strings.len))
		return SLANT_ENOMEM;
	if (from->ndense) {
		double *d = realloc(to->dense, from->ndense * sizeof(*d));
		if (!d)
			return SLANT_ENOMEM;
		to->dense = d;
		memcpy(d, from->dense, from->ndense * sizeof(*d));
	}
	to->ndense = from->ndense;
	to->words = from->words;
	to->quotes = from->quotes;
	return 0;
}

/* -------------------------------------------------------------- definition */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The groups a quotation's speaker can have: the people table's, and the party cues. */
static int collect_groups(struct slant_features *f)
{
	const struct slant_people *pp = f->pp;
	size_t cap = 2 + (pp ? pp->nspeakers + pp->nroles : 0), n = 0;
	const char **g = malloc(cap * sizeof(*g));

	if (!g)
		return SLANT_ENOMEM;
	g[n++] = "democrat";
	g[n++] = "republican";
	for (size_t i = 0; pp && i < pp->nspeakers; i++)
		g[n++] = pp->speakers[i].group;
	for (size_t i = 0; pp && i < pp->nroles; i++)
		if (pp->roles[i].group)
			g[n++] = pp->roles[i].group;
	qsort(g, n, sizeof(*g), cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || strcmp(g[k - 1], g[i]))
			g[k++] = g[i];
	f->groups = g;
	f->ngroups = k;
	return 0;
}

static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + lb + 1);

	if (s) {
		memcpy(s, a, la);
		memcpy(s + la, b, lb + 1);
	}
	return s;
}

struct slant_features *slant_features_new(const struct slant_features_conf *conf)
{
	struct slant_features *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->lx = conf->lexicon;
	f->pp = conf->people;
	f->keep_identity = conf->keep_identity != 0;
	for (size_t c = 1; c < SLANT_ARRAY_SIZE(f->tf); c++)
		f->tf[c] = 1.0 + log((double)c);
	f->max_n = conf->max_n ? conf->max_n : 2;
	if (f->max_n > 3)
		f->max_n = 3;
	f->dense_weight = conf->dense_weight == 0 ? 0.5 : conf->dense_weight;
	unsigned use = conf->dense ? conf->dense : SLANT_DENSE_LEXICON | SLANT_DENSE_QUOTES;
	if (f->dense_weight < 0)
		use = 0;
	f->use_lex = (use & SLANT_DENSE_LEXICON) != 0;
	f->use_quotes = (use & SLANT_DENSE_QUOTES) != 0;
	if (collect_groups(f))
		goto fail;
	f->ncat = f->use_lex && f->lx ? slant_lexicon_ncategories(f->lx) : 0;
	size_t n = (f->use_lex ? f->ncat + 1 : 0) + (f->use_quotes ? Q_FIXED + f->ngroups : 0);
	if (!n)
		return f;
	if (!(f->dnames = calloc(n, sizeof(*f->dnames))) || !(f->lo = calloc(n, sizeof(double))) ||
	    !(f->hi = calloc(n, sizeof(double))) || !(f->mean = calloc(n, sizeof(double))))
		goto fail;
	if (f->use_lex) {
		for (size_t i = 0; i < f->ncat; i++)
			if (!(f->dnames[f->ndense++] =
				      join("lexicon:", slant_lexicon_category(f->lx, i))))
				goto fail;
		if (!(f->dnames[f->ndense++] = join("lexicon:", "lean")))
			goto fail;
	}
	f->qoff = f->ndense;
	if (f->use_quotes) {
		for (size_t i = 0; i < Q_FIXED; i++)
			if (!(f->dnames[f->ndense++] = join(qnames[i], "")))
				goto fail;
		for (size_t i = 0; i < f->ngroups; i++)
			if (!(f->dnames[f->ndense++] = join("quotes:group:", f->groups[i])))
				goto fail;
	}
	for (size_t i = 0; i < n; i++)
		f->hi[i] = 1;
	return f;
fail:
	slant_features_free(f);
	return NULL;
}

static void free_vocab(struct slant_features *f)
{
	for (size_t i = 0; i < f->nvocab; i++)
		free(f->vocab[i]);
	free(f->vocab);
	free(f->df);
	free(f->idf);
	free(f->slots);
	f->vocab = NULL;
	f->df = NULL;
	f->idf = NULL;
	f->slots = NULL;
	f->nvocab = f->capslots = 0;
}

void slant_features_free(struct slant_features *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->ndense; i++)
		free(f->dnames[i]);
	free(f->dnames);
	free(f->lo);
	free(f->hi);
	free(f->mean);
	free(f->groups);
	free_vocab(f);
	free(f);
}

size_t slant_features_ndense(const struct slant_features *f)
{
	return f->ndense;
}

const char *slant_features_dense_name(const struct slant_features *f, size_t i)
{
	return i < f->ndense ? f->dnames[i] : NULL;
}

size_t slant_features_nvocab(const struct slant_features *f)
{
	return f->nvocab;
}

uint32_t slant_features_dim(const struct slant_features *f)
{
	return (uint32_t)(f->nvocab + f->ndense);
}

unsigned slant_features_max_n(const struct slant_features *f)
{
	return f->max_n;
}

int slant_features_keeps_identity(const struct slant_features *f)
{
	return f->keep_identity;
}

const struct slant_lexicon *slant_features_lexicon(const struct slant_features *f)
{
	return f->use_lex ? f->lx : NULL;
}

unsigned slant_features_dense(const struct slant_features *f)
{
	return (f->use_lex ? SLANT_DENSE_LEXICON : 0) | (f->use_quotes ? SLANT_DENSE_QUOTES : 0);
}

double slant_features_dense_weight(const struct slant_features *f)
{
	return f->dense_weight;
}

uint64_t slant_features_ndocs(const struct slant_features *f)
{
	return f->ndocs;
}

const char *slant_features_name(const struct slant_features *f, uint32_t index)
{
	if (index >= 1 && index <= f->nvocab)
		return f->vocab[index - 1];
	if (index > f->nvocab && index - f->nvocab <= f->ndense)
		return f->dnames[index - f->nvocab - 1];
	return NULL;
}

void slant_features_range(const struct slant_features *f, size_t i, double *lo, double *hi)
{
	*lo = f->lo[i];
	*hi = f->hi[i];
}

void slant_features_set_range(struct slant_features *f, size_t i, double lo, double hi)
{
	f->lo[i] = lo;
	f->hi[i] = hi;
}

/* Dense feature k of a raw value: scaled to [0, 1] by the training range, clipped. */
static double scale_dense(const struct slant_features *f, size_t k, double raw)
{
	double span = f->hi[k] - f->lo[k];
	double v = span > 0 ? (raw - f->lo[k]) / span : 0;
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

double slant_features_mean(const struct slant_features *f, size_t i)
{
	return f->mean[i];
}

void slant_features_set_mean(struct slant_features *f, size_t i, double mean)
{
	f->mean[i] = mean;
}

/* Index of the n-gram with hash h (from 1), or 0. */
static uint32_t vocab_find(const struct slant_features *f, uint64_t h)
{
	if (!f->capslots)
		return 0;
	size_t mask = f->capslots - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		if (!f->slots[i].index)
			return 0;
		if (f->slots[i].hash == h)
			return f->slots[i].index;
	}
}

/* Fills the hash index of vocab[0..nvocab); SLANT_EDATA names a colliding pair, and *at
 * (when not NULL) receives the index of the second. */
static int vocab_index(struct slant_features *f, size_t *at, struct slant_err *err)
{
	size_t cap = 16;

	while (cap < f->nvocab * 2)
		cap *= 2;
	free(f->slots);
	if (!(f->slots = calloc(cap, sizeof(*f->slots))))
		return slant_fail_oom(err);
	f->capslots = cap;
	for (size_t v = 0; v < f->nvocab; v++) {
		uint64_t h = text_hash(f->vocab[v], strlen(f->vocab[v]));
		size_t i = h & (cap - 1);
		for (; f->slots[i].index; i = (i + 1) & (cap - 1))
			if (f->slots[i].hash == h) {
				if (at)
					*at = v;
				if (!strcmp(f->vocab[f->slots[i].index - 1], f->vocab[v]))
					return slant_fail(err, SLANT_EDATA, NULL, 0, -1,
							  "n-gram \"%s\" given twice", f->vocab[v]);
				return slant_fail(err, SLANT_EDATA, NULL, 0, -1,
						  "n-grams \"%s\" and \"%s\" have the same hash",
						  f->vocab[f->slots[i].index - 1], f->vocab[v]);
			}
		f->slots[i].hash = h;
		f->slots[i].index = (uint32_t)v + 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ measure */

struct gslot {
	uint64_t hash;
	uint32_t at;  /* position in raw + 1 */
	uint32_t gen; /* the article it was filled for: any other, and the slot is empty */
};

/* An n-gram of the article, in order: its hash and its tokens. */
struct gram {
	uint64_t hash;
	uint32_t tok[3];
	uint32_t n;
};

struct slant_featx {
	struct slant_doc *names; /* outlet and author names, analysed */
	struct slant_quotes *q;
	struct slant_matches m;
	struct gslot *gs;
	size_t capgs, maskgs;
	uint32_t gen; /* the article being measured, counted from 1 */
	uint8_t *skip;   /* per token: left out of n-grams */
	size_t capskip;
	uint64_t *wh;    /* per token: word hash */
	size_t capwh;
	struct gram *grams; /* the article's n-grams, before they are counted */
	size_t capgrams;
	/* left-out word sequences: hashes of their tokens */
	uint64_t *seq;
	uint32_t *seqlen;
	size_t nseq, capseq, capseqh;
	uint64_t firsts[4]; /* a bit per first word's hash (its top 8 bits): most words start none */
	bool matched;      /* m holds the last article's lexicon matches */
	char stems[4][64]; /* host names without www. and the domain */
	size_t stemlen[4], nstems;
};

struct slant_featx *slant_featx_new(void)
{
	struct slant_featx *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return NULL;
	if (!(fx->names = slant_doc_new()) || !(fx->q = slant_quotes_new())) {
		slant_featx_free(fx);
		return NULL;
	}
	return fx;
}

const struct slant_matches *slant_featx_matches(const struct slant_featx *fx)
{
	return fx->matched ? &fx->m : NULL;
}

void slant_featx_free(struct slant_featx *fx)
{
	if (!fx)
		return;
	slant_doc_free(fx->names);
	slant_quotes_free(fx->q);
	free(fx->m.v);
	free(fx->gs);
	free(fx->skip);
	free(fx->wh);
	free(fx->grams);
	free(fx->seq);
	free(fx->seqlen);
	free(fx);
}

/* Adds the word sequences of `s` (a name) to what is left out. */
static int add_name(struct slant_featx *fx, const char *s, size_t n)
{
	static const struct slant_doc_opts opts = { NULL, SLANT_DOC_NO_STRIP | SLANT_DOC_NO_REPAIR };
	size_t ntok;

	if (!n || slant_doc_analyze(fx->names, s, n, NULL, &opts, NULL))
		return 0; /* a name that cannot be analysed leaves nothing out */
	const struct slant_token *t = slant_doc_tokens(fx->names, &ntok);
	size_t words = 0;
	for (size_t i = 0; i < ntok; i++)
		words += t[i].kind == SLANT_TOK_WORD || t[i].kind == SLANT_TOK_NUMBER;
	if (!words || words > 8)
		return 0;
	if (SLANT_GROW(fx->seq, fx->capseqh, fx->nseq + words) ||
	    SLANT_GROW(fx->seqlen, fx->capseq, fx->nseq + words))
		return SLANT_ENOMEM;
	/* stored as: length at its first slot, word hashes in the following slots */
	size_t at = fx->nseq;
	const uint64_t *hashes = slant_doc_word_hashes(fx->names);
	for (size_t i = 0; i < ntok; i++)
		if (t[i].kind == SLANT_TOK_WORD || t[i].kind == SLANT_TOK_NUMBER)
			fx->seq[fx->nseq++] = t[i].kind == SLANT_TOK_NUMBER ?
						      slant_text_word_hash("#", 1) : /* as measured */
						      hashes[i];
	fx->seqlen[at] = (uint32_t)words;
	fx->firsts[fx->seq[at] >> 62] |= 1ULL << (fx->seq[at] >> 56 & 63);
	for (size_t i = at + 1; i < fx->nseq; i++)
		fx->seqlen[i] = 0;
	return 0;
}

/* Generic words an outlet's name has besides its own: "Fox Online News" is "Fox". */
static bool generic_name_word(const char *s, size_t n)
{
	static const char *const words[] = { "online", "news", "web", "the", "opinion", "blog",
					     "magazine", "newspaper", "daily", "editorial" };
	for (size_t i = 0; i < SLANT_ARRAY_SIZE(words); i++)
		if (strlen(words[i]) == n && !strncasecmp(words[i], s, n))
			return true;
	return false;
}

/* The outlet's name, whole and without its generic words or parenthesised part. */
static int add_outlet(struct slant_featx *fx, const char *outlet)
{
	char core[256];
	size_t n = 0;
	int ret;

	for (const char *s = outlet; *s && n + 1 < sizeof(core); s++) {
		if (*s == '(') {
			while (*s && *s != ')')
				s++;
			if (!*s)
				break;
			continue;
		}
		core[n++] = *s;
	}
	core[n] = '\0';
	if ((ret = add_name(fx, outlet, strlen(outlet))) || (ret = add_name(fx, core, n)))
		return ret;
	/* and without the generic words, when a word of its own remains */
	char bare[256];
	size_t b = 0, own = 0;
	for (size_t i = 0; i < n;) {
		while (i < n && core[i] == ' ')
			i++;
		size_t j = i;
		while (j < n && core[j] != ' ')
			j++;
		if (j > i && !generic_name_word(core + i, j - i)) {
			if (b)
				bare[b++] = ' ';
			memcpy(bare + b, core + i, j - i);
			b += j - i;
			own++;
		}
		i = j;
	}
	return own ? add_name(fx, bare, b) : 0;
}

/* The host of a web address without "www." and its last label: "foxnews" of foxnews.com. */
static void add_host(struct slant_featx *fx, const char *url)
{
	const char *s = strstr(url, "://");
	s = s ? s + 3 : url;
	if (!strncasecmp(s, "www.", 4))
		s += 4;
	size_t n = strcspn(s, "/:?#");
	/* the label before the top-level domain (and before co.uk and the like): yahoo of
	 * news.yahoo.com, not news */
	const char *lab[8];
	size_t len[8], nl = 0;
	for (size_t i = 0; i < n && nl < 8;) {
		size_t j = i;
		while (j < n && s[j] != '.')
			j++;
		lab[nl] = s + i;
		len[nl++] = j - i;
		i = j + 1;
	}
	size_t k = nl >= 2 ? nl - 2 : 0;
	if (nl >= 3 && len[nl - 1] == 2 && len[nl - 2] <= 3)
		k = nl - 3; /* bbc.co.uk */
	if (!nl)
		return;
	const char *stem_s = lab[k];
	size_t stem = len[k];
	if (stem < 3 || stem >= sizeof(fx->stems[0]) || fx->nstems == SLANT_ARRAY_SIZE(fx->stems))
		return;
	for (size_t i = 0; i < stem; i++)
		fx->stems[fx->nstems][i] = (char)slant_lower((unsigned char)stem_s[i]);
	fx->stems[fx->nstems][stem] = '\0';
	for (size_t i = 0; i < fx->nstems; i++)
		if (!strcmp(fx->stems[i], fx->stems[fx->nstems]))
			return;
	fx->stemlen[fx->nstems++] = stem;
}

/* Authors "A. Smith, B. Jones and C. Lee": each name. */
static int add_authors(struct slant_featx *fx, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, ",;|&");
		const char *and = NULL;
		for (size_t i = 0; i + 5 <= n; i++)
			if (!strncmp(s + i, " and ", 5)) {
				and = s + i;
				break;
			}
		if (and)
			n = (size_t)(and - s);
		int ret = add_name(fx, s, n);
		if (ret)
			return ret;
		s += n;
		if (and)
			s += 5;
		else if (*s)
			s++;
	}
	return 0;
}

/* Whether s[0, n) holds needle (m >= 2 bytes): inline, as most words are short and hold no
 * first two bytes of it, where memmem() costs a call and a set-up per word. */
static inline bool contains(const char *s, size_t n, const char *needle, size_t m)
{
	for (size_t p = 0; p + m <= n; p++)
		if (s[p] == needle[0] && s[p + 1] == needle[1] && !memcmp(s + p, needle, m))
			return true;
	return false;
}

static bool is_word_tok(const struct slant_token *t)
{
	return t->kind == SLANT_TOK_WORD || t->kind == SLANT_TOK_NUMBER;
}

/*
 * Marks the tokens n-grams leave out: names of the outlet and authors wherever they occur,
 * tokens holding the outlet's host name, and a dateline opening the text ("CHICAGO —",
 * "WASHINGTON (AP) --").
 */
static void mark_skips(struct slant_featx *fx, const struct slant_doc *d,
		       const struct slant_token *t, size_t ntok)
{
	memset(fx->skip, 0, ntok);
	for (size_t i = 0; i < ntok; i++) {
		if (!is_word_tok(&t[i]))
			continue;
		/* a name: its words in a row, punctuation between them ignored */
		bool first = fx->firsts[fx->wh[i] >> 62] >> (fx->wh[i] >> 56 & 63) & 1;
		for (size_t s = 0; first && s < fx->nseq; s += fx->seqlen[s]) {
			uint32_t len = fx->seqlen[s];
			size_t k = 0, j = i, last = i;
			while (j < ntok && k < len) {
				if (!is_word_tok(&t[j])) {
					/* "Fox-News", “Fox” News, "CNN (US)"; never across a
					 * sentence end */
					const char *pn = slant_doc_norm(d, &t[j]);
					if (t[j].kind == SLANT_TOK_QUOTE ||
					    (t[j].kind == SLANT_TOK_PUNCT && !pn[1] &&
					     (pn[0] == '-' || pn[0] == '(' || pn[0] == ')'))) {
						j++;
						continue;
					}
					break;
				}
				if (fx->wh[j] != fx->seq[s + k])
					break;
				last = j++;
				k++;
			}
			if (k == len) {
				for (size_t u = i; u <= last; u++)
					fx->skip[u] = 1;
				break;
			}
		}
		/* any token holding the host: "foxnews", "foxnews.com", "@foxnewspolitics" */
		const char *tn = slant_doc_norm(d, &t[i]);
		for (size_t s = 0; s < fx->nstems && !fx->skip[i]; s++)
			if (t[i].norm_len >= fx->stemlen[s] &&
			    contains(tn, t[i].norm_len, fx->stems[s], fx->stemlen[s]))
				fx->skip[i] = 1;
	}
	/*
	 * House style, which tells a model who published an article instead of how it frames the
	 * story: honorifics (one newspaper writes "Mr. Trump", most write "Trump"). Photo and wire
	 * credits ("Getty Images", "AP Photo") stay: they say where the copy came from, which
	 * carries over to outlets a model never saw (README, "What worked").
	 */
	static const char *const style[] = { "mr", "mrs", "ms", "messrs", "mmes" };
	for (size_t i = 0; i < ntok; i++) {
		if (t[i].kind != SLANT_TOK_WORD || t[i].norm_len < 2 || t[i].norm_len > 6)
			continue;
		const char *n = slant_doc_norm(d, &t[i]);
		if (n[0] != 'm')
			continue;
		for (size_t k = 0; k < SLANT_ARRAY_SIZE(style); k++)
			if (!strcmp(n, style[k])) {
				fx->skip[i] = 1;
				break;
			}
	}
	/* a dateline: capitalised words, parentheses and commas, then a dash, first thing */
	for (size_t i = 0; i < ntok && i < 12; i++) {
		const char *n = slant_doc_norm(d, &t[i]);
		if (t[i].kind == SLANT_TOK_PUNCT && (!strcmp(n, "-") || !strcmp(n, "--"))) {
			if (i > 0)
				memset(fx->skip, 1, i + 1);
			break;
		}
		/* "CHICAGO (AP) —", "NEW YORK, March 3 —": it opens with a word in capitals */
		if (i == 0 && !(t[i].kind == SLANT_TOK_WORD && (t[i].flags & SLANT_TOKF_UPPER) &&
				t[i].norm_len >= 2))
			break;
		if (t[i].kind == SLANT_TOK_WORD && (t[i].flags & (SLANT_TOKF_CAP | SLANT_TOKF_UPPER)))
			continue;
		if (t[i].kind == SLANT_TOK_NUMBER)
			continue;
		if (t[i].kind == SLANT_TOK_PUNCT && strchr("(),.", n[0]) && !n[1])
			continue;
		break;
	}
}

/* Counts n-gram h (text: the tokens toks[0..nt) when texts are kept); `raw` has room. */
static int count_gram(struct slant_featx *fx, const struct slant_doc *d, struct slant_featraw *raw,
		      uint64_t h, const uint32_t *toks, size_t nt, bool texts)
{
	size_t mask = fx->maskgs;
	size_t i = h & mask;

	for (; fx->gs[i].gen == fx->gen; i = (i + 1) & mask)
		if (fx->gs[i].hash == h) {
			raw->count[fx->gs[i].at - 1]++;
			return 0;
		}
	fx->gs[i].hash = h;
	fx->gs[i].gen = fx->gen;
	fx->gs[i].at = (uint32_t)++raw->n;
	raw->hash[raw->n - 1] = h;
	raw->count[raw->n - 1] = 1;
	if (texts) {
		size_t ntok;
		const struct slant_token *t = slant_doc_tokens(d, &ntok);
		raw->text[raw->n - 1] = (uint32_t)raw->strings.len;
		for (size_t k = 0; k < nt; k++) {
			const struct slant_token *w = &t[toks[k]];
			if ((k && slant_buf_addc(&raw->strings, ' ')) ||
			    (w->kind == SLANT_TOK_NUMBER ? slant_buf_addc(&raw->strings, '#') :
			     slant_buf_add(&raw->strings, slant_doc_norm(d, w), w->norm_len)))
				return SLANT_ENOMEM;
		}
		if (slant_buf_addc(&raw->strings, '\0'))
			return SLANT_ENOMEM;
	}
	return 0;
}

static int measure_grams(const struct slant_features *f, struct slant_featx *fx,
			 const struct slant_doc *d, bool texts, struct slant_featraw *raw)
{
	size_t ntok, nsent;
	const struct slant_token *t = slant_doc_tokens(d, &ntok);
	const struct slant_sentence *sents = slant_doc_sentences(d, &nsent);
	const uint64_t *hashes = slant_doc_word_hashes(d);
	uint64_t numhash = slant_text_word_hash("#", 1);
	int ret;

	raw->n = 0;
	slant_buf_reset(&raw->strings);
	if (SLANT_GROW(fx->skip, fx->capskip, ntok + 1) || SLANT_GROW(fx->wh, fx->capwh, ntok + 1))
		return SLANT_ENOMEM;
	size_t want = 64;
	while (want < ntok * f->max_n * 2)
		want *= 2;
	if (want > fx->capgs) {
		free(fx->gs);
		if (!(fx->gs = calloc(want, sizeof(*fx->gs))))
			return SLANT_ENOMEM;
		fx->capgs = want;
		fx->gen = 0;
	}
	/* a table sized for this article: one long article must not slow every later one */
	fx->maskgs = want - 1;
	/* slots of earlier articles are empty by their generation: no clearing per article */
	if (++fx->gen == 0) {
		memset(fx->gs, 0, fx->capgs * sizeof(*fx->gs));
		fx->gen = 1;
	}
	for (size_t i = 0; i < ntok; i++)
		fx->wh[i] = t[i].kind == SLANT_TOK_NUMBER ? numhash :
			    t[i].kind == SLANT_TOK_WORD ? hashes[i] : 0;
	if (f->keep_identity)
		memset(fx->skip, 0, ntok);
	else
		mark_skips(fx, d, t, ntok);
	/*
	 * The n-grams are listed first and counted after, so that each one's slot in the table
	 * can be fetched a few n-grams ahead of its turn.
	 */
	size_t ng = 0;
	if (SLANT_GROW(fx->grams, fx->capgrams, ntok * f->max_n + 1) ||
	    raw_reserve(raw, ntok * f->max_n + 1, texts))
		return SLANT_ENOMEM;
	for (size_t s = 0; s < nsent; s++) {
		/* the last max_n words of the sentence so far, without a break between them */
		uint32_t win[3];
		size_t nw = 0;
		for (uint32_t i = sents[s].tok_begin; i < sents[s].tok_end; i++) {
			if (t[i].kind == SLANT_TOK_QUOTE)
				continue;
			if (!is_word_tok(&t[i]) || fx->skip[i] || !t[i].norm_len) {
				nw = 0;
				continue;
			}
			if (nw == f->max_n)
				memmove(win, win + 1, --nw * sizeof(*win));
			win[nw++] = i;
			/* the n-grams ending here: unigram, bigram... */
			for (size_t k = 1; k <= nw; k++) {
				/* hash left to right, as text_hash() does */
				uint64_t h = fx->wh[win[nw - k]];
				for (size_t u = nw - k + 1; u < nw; u++)
					h = gram_join(h, fx->wh[win[u]]);
				struct gram *g = &fx->grams[ng++];
				g->hash = h;
				g->n = (uint32_t)k;
				memcpy(g->tok, &win[nw - k], k * sizeof(*win));
			}
		}
	}
	for (size_t g = 0; g < ng; g++) {
		if (g + PREFETCH_AHEAD < ng)
			__builtin_prefetch(&fx->gs[fx->grams[g + PREFETCH_AHEAD].hash & fx->maskgs]);
		if ((ret = count_gram(fx, d, raw, fx->grams[g].hash, fx->grams[g].tok,
				      fx->grams[g].n, texts)))
			return ret;
	}
	return 0;
}

static int measure_dense(const struct slant_features *f, struct slant_featx *fx,
			 const struct slant_doc *d, const struct slant_article *a,
			 struct slant_featraw *raw, struct slant_err *err)
{
	double words = raw->words ? raw->words : 1;
	int ret;

	if (raw->ndense < f->ndense) {
		double *v = realloc(raw->dense, f->ndense * sizeof(*v));
		if (!v)
			return slant_fail_oom(err);
		raw->dense = v;
	}
	raw->ndense = f->ndense;
	if (!f->ndense)
		return 0;
	memset(raw->dense, 0, f->ndense * sizeof(double));
	double *lex = raw->dense, *q = raw->dense + f->qoff, *grp = q + Q_FIXED;
	if (f->use_lex && f->lx) {
		fx->m.n = 0;
		if ((ret = slant_lexicon_match(f->lx, d, &fx->m, err)))
			return ret;
		fx->matched = true;
		for (size_t i = 0; i < fx->m.n; i++)
			for (uint32_t e = fx->m.v[i].entry; e != NONE;) {
				const struct slant_lexentry *le = slant_lexicon_entry(f->lx, e);
				lex[le->category] += 1;
				lex[f->ncat] += le->lean;
				e = le->next;
			}
		for (size_t c = 0; c <= f->ncat; c++)
			lex[c] *= 1000.0 / words;
	}
	if (!f->use_quotes)
		return 0;
	struct slant_quote_conf qc = { f->pp };
	if ((ret = slant_quotes_extract(fx->q, d, a->text, &qc, err)))
		return ret;
	size_t nq, nsp;
	const struct slant_quote *qs = slant_quotes_list(fx->q, &nq);
	const struct slant_speaker *sp = slant_quotes_speakers(fx->q, &nsp);
	double quoted = 0, with_verb = 0, loaded = 0, partial = 0, scare = 0, top = 0;
	for (size_t i = 0; i < nq; i++) {
		const struct slant_quote *qt = &qs[i];
		if (qt->depth)
			continue;
		top++;
		if (qt->kind == 2) {
			scare++;
			continue; /* scare and title quotes are nobody's words */
		}
		if (qt->kind == 3)
			continue;
		partial += qt->kind == 1;
		quoted += qt->words;
		if (qt->verb != NONE && f->pp) {
			const char *cls = NULL;
			slant_people_verb(f->pp, qt->verb, &cls);
			with_verb++;
			loaded += cls && !strcmp(cls, "loaded");
		}
		const char *g = qt->speaker != NONE ? sp[qt->speaker].group : NULL;
		const char **hit = g ? bsearch(&g, f->groups, f->ngroups, sizeof(*f->groups), cmp_str) : NULL;
		if (hit)
			grp[hit - f->groups] += qt->words;
		else
			q[Q_UNATTRIBUTED] += qt->words;
	}
	raw->quotes = (uint32_t)top;
	q[Q_PER1K] = top * 1000.0 / words;
	q[Q_QUOTED] = quoted / words;
	q[Q_SCARE] = scare * 1000.0 / words;
	q[Q_PARTIAL] = top > scare ? partial / (top - scare) : 0;
	q[Q_LOADED] = with_verb ? loaded / with_verb : 0;
	if (quoted > 0) {
		q[Q_UNATTRIBUTED] /= quoted;
		for (size_t g = 0; g < f->ngroups; g++)
			grp[g] /= quoted;
	}
	return 0;
}

int slant_features_measure(const struct slant_features *f, struct slant_featx *fx,
			   const struct slant_doc *d, const struct slant_article *a, int texts,
			   struct slant_featraw *raw, struct slant_err *err)
{
	int ret;

	fx->nseq = 0;
	fx->nstems = 0;
	fx->matched = false;
	memset(fx->firsts, 0, sizeof(fx->firsts));
	if ((ret = add_outlet(fx, a->outlet)))
		return slant_fail_oom(err);
	if (a->url)
		add_host(fx, a->url);
	const char *v = slant_article_field(a, "source_url");
	if (v)
		add_host(fx, v);
	if ((v = slant_article_field(a, "authors")) && (ret = add_authors(fx, v)))
		return slant_fail_oom(err);
	raw->words = (uint32_t)slant_doc_words(d);
	if ((ret = measure_grams(f, fx, d, texts, raw)))
		return slant_fail_oom(err);
	if (!texts && raw->text) {
		free(raw->text);
		raw->text = NULL;
	}
	return measure_dense(f, fx, d, a, raw, err);
}

/* -------------------------------------------------------------- vocabulary */

struct bslot {
	uint64_t hash;
	uint32_t df;
	uint32_t text; /* offset in strings + 1; 0: empty */
	uint32_t groups, last; /* distinct groups, and the last one counted */
};

struct slant_vocab_builder {
	struct bslot *slots;
	size_t n, cap;
	struct slant_buf strings;
	uint64_t docs;
};

struct slant_vocab_builder *slant_vocab_builder_new(void)
{
	struct slant_vocab_builder *vb = calloc(1, sizeof(*vb));

	if (!vb)
		return NULL;
	slant_buf_init(&vb->strings, 0);
	vb->cap = 1 << 16;
	if (!(vb->slots = calloc(vb->cap, sizeof(*vb->slots)))) {
		free(vb);
		return NULL;
	}
	return vb;
}

void slant_vocab_builder_free(struct slant_vocab_builder *vb)
{
	if (!vb)
		return;
	free(vb->slots);
	slant_buf_release(&vb->strings);
	free(vb);
}

size_t slant_vocab_builder_size(const struct slant_vocab_builder *vb)
{
	return vb->n;
}

static int vb_grow(struct slant_vocab_builder *vb)
{
	size_t cap = vb->cap * 2;
	struct bslot *v = calloc(cap, sizeof(*v));

	if (!v)
		return SLANT_ENOMEM;
	for (size_t i = 0; i < vb->cap; i++) {
		if (!vb->slots[i].text)
			continue;
		size_t k = vb->slots[i].hash & (cap - 1);
		while (v[k].text)
			k = (k + 1) & (cap - 1);
		v[k] = vb->slots[i];
	}
	free(vb->slots);
	vb->slots = v;
	vb->cap = cap;
	return 0;
}

int slant_vocab_builder_add(struct slant_vocab_builder *vb, const struct slant_featraw *raw,
			    uint32_t group, struct slant_err *err)
{
	if (!raw->text)
		return slant_fail(err, SLANT_EUSAGE, NULL, 0, -1, "n-grams measured without texts");
	vb->docs++;
	for (size_t g = 0; g < raw->n; g++) {
		if ((vb->n + 1) * 2 > vb->cap && vb_grow(vb))
			return slant_fail_oom(err);
		uint64_t h = raw->hash[g];
		size_t i = h & (vb->cap - 1);
		while (vb->slots[i].text && vb->slots[i].hash != h)
			i = (i + 1) & (vb->cap - 1);
		if (vb->slots[i].text) {
			vb->slots[i].df++;
			if (vb->slots[i].last != group) {
				vb->slots[i].groups++;
				vb->slots[i].last = group;
			}
			continue;
		}
		const char *s = raw->strings.data + raw->text[g];
		size_t len = strlen(s);
		if (vb->strings.len + len + 1 >= UINT32_MAX)
			return slant_fail(err, SLANT_ELIMIT, NULL, 0, -1, "vocabulary texts over 4 GiB");
		vb->slots[i].hash = h;
		vb->slots[i].df = 1;
		vb->slots[i].groups = 1;
		vb->slots[i].last = group;
		vb->slots[i].text = (uint32_t)vb->strings.len + 1;
		if (slant_buf_add(&vb->strings, s, len + 1))
			return slant_fail_oom(err);
		vb->n++;
	}
	return 0;
}

struct pick {
	const char *text;
	uint32_t df;
};

static int cmp_pick_df(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;
	if (x->df != y->df)
		return x->df > y->df ? -1 : 1;
	return strcmp(x->text, y->text);
}

static int cmp_pick_text(const void *a, const void *b)
{
	return strcmp(((const struct pick *)a)->text, ((const struct pick *)b)->text);
}

static double idf_of(uint64_t ndocs, uint32_t df)
{
	return log((1.0 + (double)ndocs) / (1.0 + df)) + 1.0;
}

int slant_features_build(struct slant_features *f, const struct slant_vocab_builder *vb,
			 uint32_t min_df, uint32_t min_groups, size_t max_size,
			 const struct slant_featraw *const *raws, size_t n, struct slant_err *err)
{
	struct pick *p = malloc((vb->n ? vb->n : 1) * sizeof(*p));
	size_t np = 0;
	int ret = 0;

	if (!p)
		return slant_fail_oom(err);
	for (size_t i = 0; i < vb->cap; i++)
		if (vb->slots[i].text && vb->slots[i].df >= min_df &&
		    vb->slots[i].groups >= min_groups)
			p[np++] = (struct pick){ vb->strings.data + vb->slots[i].text - 1,
						 vb->slots[i].df };
	if (!np) {
		ret = slant_fail(err, SLANT_EDATA, NULL, 0, -1,
				 "no n-gram is in %u articles and %u groups or more: too few articles",
				 min_df, min_groups);
		goto out;
	}
	if (max_size && np > max_size) {
		qsort(p, np, sizeof(*p), cmp_pick_df);
		np = max_size;
	}
	qsort(p, np, sizeof(*p), cmp_pick_text);
	free_vocab(f);
	f->ndocs = vb->docs;
	if (!(f->vocab = calloc(np, sizeof(*f->vocab))) || !(f->df = malloc(np * sizeof(*f->df))) ||
	    !(f->idf = malloc(np * sizeof(*f->idf)))) {
		ret = slant_fail_oom(err);
		goto out;
	}
	for (size_t i = 0; i < np; i++) {
		if (!(f->vocab[i] = strdup(p[i].text))) {
			f->nvocab = i;
			ret = slant_fail_oom(err);
			goto out;
		}
		f->df[i] = p[i].df;
		f->idf[i] = idf_of(f->ndocs, p[i].df);
	}
	f->nvocab = np;
	if ((ret = vocab_index(f, NULL, err)))
		goto out;
	/* dense ranges */
	for (size_t k = 0; k < f->ndense; k++) {
		double lo = n ? HUGE_VAL : 0, hi = n ? -HUGE_VAL : 1;
		for (size_t i = 0; i < n; i++) {
			double v = k < raws[i]->ndense ? raws[i]->dense[k] : 0;
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
		f->lo[k] = lo;
		f->hi[k] = hi;
		double sum = 0;
		for (size_t i = 0; i < n; i++)
			sum += scale_dense(f, k, k < raws[i]->ndense ? raws[i]->dense[k] : 0);
		f->mean[k] = n ? sum / (double)n : 0;
	}
out:
	free(p);
	return ret;
}

int slant_features_write_vocab(const struct slant_features *f, struct slant_buf *out)
{
	char line[64];

	snprintf(line, sizeof(line), "# slant vocabulary: %llu articles\n",
		 (unsigned long long)f->ndocs);
	if (slant_buf_adds(out, line))
		return SLANT_ENOMEM;
	for (size_t i = 0; i < f->nvocab; i++) {
		snprintf(line, sizeof(line), "\t%u\t%.9g\n", f->df[i], f->idf[i]);
		if (slant_buf_adds(out, f->vocab[i]) || slant_buf_adds(out, line))
			return SLANT_ENOMEM;
	}
	return 0;
}

int slant_features_read_vocab(struct slant_features *f, const char *data, size_t len,
			      const char *name, struct slant_err *err)
{
	const char *s = data, *end = data + len;
	long line = 1;
	size_t cap = 0;
	int ret = 0;

	free_vocab(f);
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	unsigned long long docs;
	static const char head[] = "# slant vocabulary: ";
	if (!nl || (size_t)(nl - s) <= sizeof(head) - 1 || memcmp(s, head, sizeof(head) - 1) ||
	    s[sizeof(head) - 1] < '1' || s[sizeof(head) - 1] > '9' ||
	    sscanf(s, "# slant vocabulary: %llu articles", &docs) != 1 || !docs)
		return slant_fail(err, SLANT_EDATA, name, 1, -1,
				  "not a slant vocabulary (first line \"# slant vocabulary: N articles\")");
	f->ndocs = docs;
	for (s = nl + 1; s < end; s = nl + 1) {
		line++;
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			return slant_fail(err, SLANT_EDATA, name, line, -1, "truncated line");
		const char *fl[3];
		size_t fn[3];
		if (slant_split_tabs(s, nl, fl, fn, 3) != 3 || !fn[0])
			return slant_fail(err, SLANT_EDATA, name, line, -1,
					  "expected \"ngram<TAB>df<TAB>idf\"");
		size_t words = 1;
		for (size_t i = 0; i < fn[0]; i++)
			words += fl[0][i] == ' ';
		if (words > f->max_n || fl[0][0] == ' ' || fl[0][fn[0] - 1] == ' ' ||
		    memchr(fl[0], '\0', fn[0]))
			return slant_fail(err, SLANT_EDATA, name, line, -1,
					  "bad n-gram (more than %u words, or stray spaces)", f->max_n);
		char num[32];
		char *e;
		if (fn[1] == 0 || fn[1] >= sizeof(num))
			return slant_fail(err, SLANT_EDATA, name, line, -1, "bad document frequency");
		memcpy(num, fl[1], fn[1]);
		num[fn[1]] = '\0';
		unsigned long df = strtoul(num, &e, 10);
		if (*e || !df || df > docs || num[0] == '-')
			return slant_fail(err, SLANT_EDATA, name, line, -1, "bad document frequency");
		/* the three arrays grow together, doubling (one capacity for all) */
		if (f->nvocab == cap) {
			size_t c1 = cap, c2 = cap, c3 = cap;
			if (SLANT_GROW(f->vocab, c1, cap + 1) ||
			    slant_grow_array((void **)&f->df, &c2, c1, sizeof(*f->df)) ||
			    slant_grow_array((void **)&f->idf, &c3, c1, sizeof(*f->idf)))
				return slant_fail_oom(err);
			cap = c1;
		}
		if (!(f->vocab[f->nvocab] = slant_memdup0(fl[0], fn[0])))
			return slant_fail_oom(err);
		f->df[f->nvocab] = (uint32_t)df;
		f->idf[f->nvocab] = idf_of(f->ndocs, (uint32_t)df); /* recomputed: exact */
		f->nvocab++;
	}
	if (!f->nvocab)
		return slant_fail(err, SLANT_EDATA, name, 0, -1, "empty vocabulary");
	size_t dup = 0;
	if ((ret = vocab_index(f, &dup, err)) && err) {
		snprintf(err->file, sizeof(err->file), "%s", name);
		err->line = (long)dup + 2; /* after the header line */
	}
	return ret;
}

/* ------------------------------------------------------------------ vectors */

/*
 * Sorts v[0..n) by index (all distinct): quicksort on the middle element, insertion sort for
 * short runs, the smaller side first so the stack stays shallow. Several times faster than
 * qsort() with a comparison callback, and this runs for every article scored.
 */
static void sort_feats(struct slant_feat *v, size_t n)
{
	while (n > 16) {
		uint32_t pivot = v[n / 2].index;
		size_t i = 0, j = n - 1;
		for (;;) {
			while (v[i].index < pivot)
				i++;
			while (v[j].index > pivot)
				j--;
			if (i >= j)
				break;
			struct slant_feat t = v[i];
			v[i++] = v[j];
			v[j--] = t;
		}
		/* [0, j] <= pivot <= [j + 1, n) */
		if (j + 1 < n - j - 1) {
			sort_feats(v, j + 1);
			v += j + 1;
			n -= j + 1;
		} else {
			sort_feats(v + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++) {
		struct slant_feat t = v[i];
		size_t j = i;
		while (j > 0 && v[j - 1].index > t.index) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = t;
	}
}

/*
 * The vocabulary's hash table is far larger than the caches, so each n-gram's lookup would
 * wait on memory in turn; each n-gram's slot is fetched PREFETCH_AHEAD n-grams ahead of its
 * lookup, and the idf entries of those found are fetched while the rest are looked up, so
 * that the waits overlap.
 */
static int vector(const struct slant_features *f, const struct slant_featraw *raw,
		  struct slant_fvec *out, bool sorted, struct slant_err *err)
{
	size_t need = raw->n + f->ndense + 1, mask = f->capslots ? f->capslots - 1 : 0;
	double norm = 0;

	out->n = 0;
	if (SLANT_GROW(out->v, out->cap, need))
		return slant_fail_oom(err);
	for (size_t g = 0; g < PREFETCH_AHEAD && g < raw->n && f->capslots; g++)
		__builtin_prefetch(&f->slots[raw->hash[g] & mask]);
	for (size_t g = 0; g < raw->n && f->capslots; g++) {
		if (g + PREFETCH_AHEAD < raw->n)
			__builtin_prefetch(&f->slots[raw->hash[g + PREFETCH_AHEAD] & mask]);
		uint32_t ix = vocab_find(f, raw->hash[g]);
		if (!ix)
			continue;
		__builtin_prefetch(&f->idf[ix - 1]);
		/* the count for now; its value once the idf is in */
		out->v[out->n++] = (struct slant_feat){ ix, (double)raw->count[g] };
	}
	for (size_t i = 0; i < out->n; i++) {
		uint32_t c = (uint32_t)out->v[i].value;
		double v = (c < SLANT_ARRAY_SIZE(f->tf) ? f->tf[c] : 1.0 + log((double)c)) *
			   f->idf[out->v[i].index - 1];
		out->v[i].value = v;
		norm += v * v;
	}
	if (sorted)
		sort_feats(out->v, out->n);
	if (norm > 0) {
		norm = 1.0 / sqrt(norm);
		for (size_t i = 0; i < out->n; i++)
			out->v[i].value *= norm;
	}
	for (size_t k = 0; k < f->ndense && k < raw->ndense; k++) {
		double v = scale_dense(f, k, raw->dense[k]);
		if (v != 0)
			out->v[out->n++] =
				(struct slant_feat){ (uint32_t)(f->nvocab + k + 1), v * f->dense_weight };
	}
	return 0;
}

int slant_features_vector(const struct slant_features *f, const struct slant_featraw *raw,
			  struct slant_fvec *out, struct slant_err *err)
{
	return vector(f, raw, out, true, err);
}

int slant_features_vector_any(const struct slant_features *f, const struct slant_featraw *raw,
			      struct slant_fvec *out, struct slant_err *err)
{
	return vector(f, raw, out, false, err);
}
