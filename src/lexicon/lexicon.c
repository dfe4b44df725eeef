/*
 * lexicon.c - lexicon files (the TSV format and LIWC .dic) and term matching.
 *
 * Terms are tokenised with the document tokeniser, so a term and the text it should match are
 * cut and normalised the same way. The terms form a trie over tokens whose edges live in one
 * open-addressing hash table keyed by (parent node, token, prefix flag): matching a position
 * walks the trie a token at a time, so its cost depends on the tokens, never on how many terms
 * there are. A prefix term (`deport*`) is an edge flagged as a prefix; it is found by hashing
 * each prefix of the token in turn, a cost that grows with the token's length only.
 */
#include "internal.h"
#include "../text/doc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_ENTRY UINT32_MAX
#define ROOT_BLOOM_WORDS ((size_t)1 << 12) /* 2^18 bits, 32 KB: stays in cache; 2% false hits at 6,000 first words */

struct node {
	uint32_t entry;   /* first entry ending here, or NO_ENTRY */
	uint32_t filter;  /* with prefix edges: 1 + index of its prefix filter, else 0 */
	bool kids;        /* it has whole-word edges: a term goes on from here */
	bool any_case;    /* a term ending here may start at a lower-case token */
};

/*
 * What a token must look like to start one of a node's prefix terms: the prefix lengths
 * present here, and (in the lexicon's bit sets, shared by all nodes) the first three bytes of
 * each prefix and each prefix edge's key. Most tokens fail these tests, so prefix terms cost
 * almost nothing beyond the exact lookup.
 */
struct prefix_filter {
	uint64_t lengths;   /* bit k: a prefix of k bytes (k < 64); bit 0: one of 64 or more */
	uint8_t short_ones; /* some prefix is shorter than 3 bytes: no trigram to test */
};

#define PFX_BITS_WORDS ((size_t)1 << 10) /* 2^16 bits (8 KB) in each shared set: in cache; a few hundred prefix terms set under 1% of it */

/* A bit of a shared set for the first three bytes of a token under `node`. */
static inline uint64_t tri_key(const char *s, uint32_t node)
{
	uint64_t h = ((uint64_t)node << 24 | (uint64_t)(unsigned char)s[0] << 16 |
		      (uint64_t)(unsigned char)s[1] << 8 | (unsigned char)s[2]) *
		     0x9E3779B97F4A7C15ULL;
	return h >> 43; /* 21 bits */
}

static inline bool bit_test(const uint64_t *set, uint64_t bit)
{
	return set[(bit >> 6) & (PFX_BITS_WORDS - 1)] & (1ULL << (bit & 63));
}

static inline void bit_set(uint64_t *set, uint64_t bit)
{
	set[(bit >> 6) & (PFX_BITS_WORDS - 1)] |= 1ULL << (bit & 63);
}

#define EDGE_INLINE 8 /* the size of a pointer: longer tokens are kept apart */

struct edge {
	uint64_t hash;
	uint32_t parent, child;
	/* the token: up to EDGE_INLINE bytes in place, so checking a hit reads no more memory */
	union {
		char *str;
		char inl[EDGE_INLINE];
	} u;
	uint32_t len;
	bool prefix;
	bool used;
};

struct slant_lexicon {
	struct slant_lexentry *entries;
	size_t n, cap;
	char **cats;
	size_t ncats, capcats;
	struct node *nodes;
	size_t nnodes, capnodes;
	struct edge *edges; /* hash table, a power of two in size */
	size_t nedges, capedges;
	struct prefix_filter *filters;
	size_t nfilters, capfilters;
	uint64_t *pfx_tri, *pfx_keys; /* shared bit sets, PFX_BITS_WORDS words each */
	/* the tokens that start a whole-word term, as bits of their hash: most tokens start none */
	uint64_t *root_bloom; /* ROOT_BLOOM_WORDS words */
	/* the same for terms that only start at a capitalised token (slant_lexicon_caps_only()) */
	uint64_t *caps_bloom; /* ROOT_BLOOM_WORDS words */
	/*
	 * The keys of whole-word edges below the root: most words after a term's first word go
	 * on with none, and the bits say so without a walk through the (large) edge table.
	 */
	uint64_t *next_bloom; /* ROOT_BLOOM_WORDS words */
	bool caps_only;       /* terms being added now start at a capitalised token */
	struct slant_doc *scratch; /* tokenises terms */
};

struct slant_lexicon *slant_lexicon_new(void)
{
	struct slant_lexicon *lx = calloc(1, sizeof(*lx));

	if (!lx)
		return NULL;
	lx->scratch = slant_doc_new();
	lx->capedges = 1024;
	lx->edges = calloc(lx->capedges, sizeof(*lx->edges));
	lx->pfx_tri = calloc(PFX_BITS_WORDS, sizeof(uint64_t));
	lx->root_bloom = calloc(ROOT_BLOOM_WORDS, sizeof(uint64_t));
	lx->caps_bloom = calloc(ROOT_BLOOM_WORDS, sizeof(uint64_t));
	lx->next_bloom = calloc(ROOT_BLOOM_WORDS, sizeof(uint64_t));
	lx->pfx_keys = calloc(PFX_BITS_WORDS, sizeof(uint64_t));
	if (!lx->scratch || !lx->edges || !lx->pfx_tri || !lx->pfx_keys || !lx->root_bloom ||
	    !lx->caps_bloom || !lx->next_bloom ||
	    SLANT_GROW(lx->nodes, lx->capnodes, 1)) {
		slant_lexicon_free(lx);
		return NULL;
	}
	lx->nodes[0] = (struct node){ NO_ENTRY, 0, false, false };
	lx->nnodes = 1;
	return lx;
}

void slant_lexicon_free(struct slant_lexicon *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->n; i++) {
		free((char *)lx->entries[i].term);
		free((char *)lx->entries[i].note);
		free((char *)lx->entries[i].source);
	}
	for (size_t i = 0; i < lx->ncats; i++)
		free(lx->cats[i]);
	for (size_t i = 0; lx->edges && i < lx->capedges; i++)
		if (lx->edges[i].len > EDGE_INLINE)
			free(lx->edges[i].u.str);
	free(lx->entries);
	free(lx->cats);
	free(lx->nodes);
	free(lx->edges);
	free(lx->filters);
	free(lx->pfx_tri);
	free(lx->root_bloom);
	free(lx->caps_bloom);
	free(lx->next_bloom);
	free(lx->pfx_keys);
	slant_doc_free(lx->scratch);
	free(lx);
}

size_t slant_lexicon_size(const struct slant_lexicon *lx)
{
	return lx->n;
}

const struct slant_lexentry *slant_lexicon_entry(const struct slant_lexicon *lx, size_t i)
{
	return i < lx->n ? &lx->entries[i] : NULL;
}

size_t slant_lexicon_ncategories(const struct slant_lexicon *lx)
{
	return lx->ncats;
}

const char *slant_lexicon_category(const struct slant_lexicon *lx, size_t i)
{
	return i < lx->ncats ? lx->cats[i] : NULL;
}

/* ------------------------------------------------------------------ trie */

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static inline uint64_t fnv_step(uint64_t h, unsigned char c)
{
	return (h ^ c) * FNV_PRIME;
}

/* The table key of a token's bytes (already hashed into `h`) on an edge from `parent`. */
static inline uint64_t edge_hash(uint64_t h, uint32_t parent, bool prefix)
{
	h ^= (uint64_t)parent * 0x9E3779B97F4A7C15ULL + (prefix ? 0x5bd1e995ULL : 0);
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 29);
}

/* Byte at a time: prefix edges are looked up for each prefix length of a token in turn. */
static uint64_t fnv_hash(const char *s, size_t n)
{
	uint64_t h = FNV_OFFSET;

	for (size_t i = 0; i < n; i++)
		h = fnv_step(h, (unsigned char)s[i]);
	return h;
}

/* Whether the token of edge `e` is s[0..n): a byte loop for the short ones, no call. */
static inline bool edge_is(const struct edge *e, const char *s, size_t n)
{
	if (e->len != n)
		return false;
	if (n > EDGE_INLINE)
		return !memcmp(e->u.str, s, n);
	for (size_t i = 0; i < n; i++)
		if (e->u.inl[i] != s[i])
			return false;
	return true;
}

static uint32_t find_edge(const struct slant_lexicon *lx, uint64_t key, uint32_t parent,
			  const char *s, size_t n, bool prefix)
{
	size_t mask = lx->capedges - 1;

	for (size_t i = key & mask;; i = (i + 1) & mask) {
		const struct edge *e = &lx->edges[i];
		if (!e->used)
			return NO_ENTRY;
		if (e->hash == key && e->parent == parent && e->prefix == prefix && edge_is(e, s, n))
			return e->child;
	}
}

static int grow_edges(struct slant_lexicon *lx)
{
	size_t cap = lx->capedges * 2;
	struct edge *old = lx->edges, *v = calloc(cap, sizeof(*v));

	if (!v)
		return SLANT_ENOMEM;
	for (size_t i = 0; i < lx->capedges; i++) {
		if (!old[i].used)
			continue;
		size_t k = old[i].hash & (cap - 1);
		while (v[k].used)
			k = (k + 1) & (cap - 1);
		v[k] = old[i];
	}
	free(old);
	lx->edges = v;
	lx->capedges = cap;
	return 0;
}

/* The child of `parent` along token s[0..n), made if missing. NO_ENTRY on out of memory. */
static uint32_t add_edge(struct slant_lexicon *lx, uint32_t parent, const char *s, size_t n,
			 bool prefix)
{
	/* whole tokens by the hash documents keep for each token (slant_doc_hashes()) */
	uint64_t key = edge_hash(prefix ? fnv_hash(s, n) : slant_text_hash(s, n), parent, prefix);
	uint32_t child = find_edge(lx, key, parent, s, n, prefix);
	size_t i;

	if (!prefix && parent == 0) {
		/* a first word: lower-case tokens look it up only for terms that allow them */
		uint64_t h = slant_text_hash(s, n);
		uint64_t *bloom = lx->caps_only ? lx->caps_bloom : lx->root_bloom;
		bloom[(h >> 20) & (ROOT_BLOOM_WORDS - 1)] |= 1ULL << ((h >> 40) & 63);
	}
	if (child != NO_ENTRY)
		return child;
	if ((lx->nedges + 1) * 2 > lx->capedges && grow_edges(lx))
		return NO_ENTRY;
	if (lx->nnodes >= UINT32_MAX - 1 || SLANT_GROW(lx->nodes, lx->capnodes, lx->nnodes + 1))
		return NO_ENTRY;
	char *copy = n > EDGE_INLINE ? slant_memdup0(s, n) : NULL;
	if (n > EDGE_INLINE && !copy)
		return NO_ENTRY;
	if (prefix && !lx->nodes[parent].filter) {
		if (SLANT_GROW(lx->filters, lx->capfilters, lx->nfilters + 1)) {
			free(copy);
			return NO_ENTRY;
		}
		memset(&lx->filters[lx->nfilters], 0, sizeof(*lx->filters));
		lx->nodes[parent].filter = (uint32_t)++lx->nfilters;
	}
	if (prefix) {
		struct prefix_filter *f = &lx->filters[lx->nodes[parent].filter - 1];
		f->lengths |= 1ULL << (n < 64 ? n : 0);
		if (n < 3)
			f->short_ones = 1;
		else
			bit_set(lx->pfx_tri, tri_key(s, parent));
		bit_set(lx->pfx_keys, key);
	}
	if (!prefix) {
		lx->nodes[parent].kids = true;
		if (parent)
			lx->next_bloom[(key >> 20) & (ROOT_BLOOM_WORDS - 1)] |= 1ULL << ((key >> 40) & 63);
	}
	child = (uint32_t)lx->nnodes++;
	lx->nodes[child] = (struct node){ NO_ENTRY, 0, false, false };
	for (i = key & (lx->capedges - 1); lx->edges[i].used; i = (i + 1) & (lx->capedges - 1))
		;
	struct edge *e = &lx->edges[i];
	*e = (struct edge){ .hash = key, .parent = parent, .child = child, .len = (uint32_t)n,
			    .prefix = prefix, .used = true };
	if (copy)
		e->u.str = copy;
	else
		memcpy(e->u.inl, s, n);
	lx->nedges++;
	return child;
}

/* ------------------------------------------------------------- adding terms */

static int category_id(struct slant_lexicon *lx, const char *name, size_t n, uint32_t *id)
{
	for (size_t i = 0; i < lx->ncats; i++) {
		if (strlen(lx->cats[i]) == n && !memcmp(lx->cats[i], name, n)) {
			*id = (uint32_t)i;
			return 0;
		}
	}
	if (SLANT_GROW(lx->cats, lx->capcats, lx->ncats + 1))
		return SLANT_ENOMEM;
	if (!(lx->cats[lx->ncats] = slant_memdup0(name, n)))
		return SLANT_ENOMEM;
	*id = (uint32_t)lx->ncats++;
	return 0;
}

struct term_in {
	const char *term;
	size_t len;
	const char *category;
	size_t category_len;
	double lean, weight;
	const char *note;
	size_t note_len;
};

/*
 * Adds one term; entries from `file_first` on came from the same file (the duplicate check).
 * 0, SLANT_ENOMEM, or SLANT_EDATA with `err` set.
 */
static int add_term(struct slant_lexicon *lx, const struct term_in *t, const char *source,
		    long line, size_t file_first, struct slant_err *err)
{
	struct slant_doc_opts o = { NULL, SLANT_DOC_NO_STRIP | SLANT_DOC_NO_REPAIR };
	const struct slant_token *toks;
	size_t ntok, len = t->len, units = 0, last_unit = SIZE_MAX;
	bool prefix = len && t->term[len - 1] == '*';
	uint32_t node = 0, cat, last = NO_ENTRY;
	struct slant_buf written, text;
	int ret = 0;

	slant_buf_init(&written, 0);
	slant_buf_init(&text, 0);
	if (prefix)
		len--;
	if (memchr(t->term, '*', len)) {
		ret = slant_fail(err, SLANT_EDATA, source, line, -1,
				 "'*' may only end a term: '%.*s'", (int)t->len, t->term);
		goto out;
	}
	/*
	 * A prefix is tokenised with a letter in place of the star, so "anti-*" and "o'*" stay
	 * inside their word as they are in text ("anti-immigrant"); the letter is dropped after.
	 */
	if (slant_buf_add(&text, t->term, len) || (prefix && slant_buf_addc(&text, 'x'))) {
		ret = SLANT_ENOMEM;
		goto out;
	}
	if ((ret = slant_doc_analyze(lx->scratch, text.data, text.len, NULL, &o, err))) {
		if (ret != SLANT_ENOMEM)
			ret = slant_fail(err, ret, source, line, -1, "cannot read term");
		goto out;
	}
	toks = slant_doc_tokens(lx->scratch, &ntok);
	for (size_t i = 0; i < ntok; i++)
		if (toks[i].kind != SLANT_TOK_QUOTE)
			last_unit = i;
	if (last_unit == SIZE_MAX ||
	    (prefix && (toks[last_unit].end != text.len || toks[last_unit].norm_len < 2))) {
		ret = slant_fail(err, SLANT_EDATA, source, line, -1,
				 prefix ? "'*' must follow a word: '%.*s'" : "empty term%.*s",
				 prefix ? (int)t->len : 0, t->term);
		goto out;
	}
	for (size_t i = 0; i <= last_unit; i++) {
		if (toks[i].kind == SLANT_TOK_QUOTE)
			continue;
		const char *s = slant_doc_norm(lx->scratch, &toks[i]);
		size_t n = toks[i].norm_len - (prefix && i == last_unit); /* without the letter */
		node = add_edge(lx, node, s, n, prefix && i == last_unit);
		if (node == NO_ENTRY ||
		    (units++ && slant_buf_addc(&written, ' ')) || slant_buf_add(&written, s, n)) {
			ret = SLANT_ENOMEM;
			goto out;
		}
	}
	if ((prefix && slant_buf_addc(&written, '*')) ||
	    (ret = category_id(lx, t->category, t->category_len, &cat))) {
		ret = SLANT_ENOMEM;
		goto out;
	}
	/* The same term twice in one file, with the same category, is a mistake in the file. */
	for (uint32_t k = lx->nodes[node].entry; k != NO_ENTRY; k = lx->entries[k].next) {
		if (k >= file_first && lx->entries[k].category == cat) {
			ret = slant_fail(err, SLANT_EDATA, source, line, -1,
					 "duplicate term '%s' (first at line %ld)", written.data,
					 lx->entries[k].line);
			goto out;
		}
		last = k;
	}
	if (lx->n >= NO_ENTRY - 1 || SLANT_GROW(lx->entries, lx->cap, lx->n + 1)) {
		ret = SLANT_ENOMEM;
		goto out;
	}
	struct slant_lexentry *e = &lx->entries[lx->n];
	e->term = slant_buf_detach(&written, NULL);
	e->note = slant_memdup0(t->note ? t->note : "", t->note ? t->note_len : 0);
	e->source = strdup(source);
	if (!e->term || !e->note || !e->source) {
		free((char *)e->term);
		free((char *)e->note);
		free((char *)e->source);
		ret = SLANT_ENOMEM;
		goto out;
	}
	e->category = cat;
	e->lean = t->lean;
	e->weight = t->weight;
	e->line = line;
	e->next = NO_ENTRY;
	if (!lx->caps_only)
		lx->nodes[node].any_case = true;
	if (last == NO_ENTRY)
		lx->nodes[node].entry = (uint32_t)lx->n;
	else
		lx->entries[last].next = (uint32_t)lx->n;
	lx->n++;
out:
	slant_buf_release(&written);
	slant_buf_release(&text);
	return ret;
}

/* ------------------------------------------------------------------ files */

static bool parse_number(const char *s, size_t n, double *v)
{
	char buf[64], *end;

	/* plain decimal numbers only: strtod would also take "nan", " 1" and "0x1p3" */
	if (!n || n >= sizeof(buf) || strspn(s, "+-.0123456789eE") < n)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	*v = strtod(buf, &end);
	return !errno && end == buf + n && isfinite(*v);
}

static int parse_tsv(struct slant_lexicon *lx, const char *data, size_t len, const char *name,
		     struct slant_err *err)
{
	static const char *const header[] = { "term", "category", "lean", "weight", "note" };
	const char *s = data, *end = data + len;
	size_t first = lx->n;
	bool have_header = false;
	long line = 0;
	int ret;

	if (slant_has_bom(s, len))
		s += 3;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s)), *e = nl ? nl : end;
		const char *f[5];
		size_t fl[5], nf;

		line++;
		if (e > s && e[-1] == '\r')
			e--;
		if (e == s || *s == '#')
			goto next;
		if (!slant_utf8_valid(s, (size_t)(e - s)))
			return slant_fail(err, SLANT_EDATA, name, line, -1, "invalid UTF-8");
		nf = slant_split_tabs(s, e, f, fl, 5);
		if (!have_header) {
			bool ok = nf == 5;
			for (size_t i = 0; ok && i < 5; i++)
				ok = fl[i] == strlen(header[i]) && !memcmp(f[i], header[i], fl[i]);
			if (!ok)
				return slant_fail(err, SLANT_EDATA, name, line, -1,
						  "expected the header 'term<TAB>category<TAB>lean<TAB>weight<TAB>note'");
			have_header = true;
			goto next;
		}
		if (nf != 4 && nf != 5)
			return slant_fail(err, SLANT_EDATA, name, line, -1,
					  "expected 5 tab-separated fields, found %zu", nf);
		struct term_in t = { f[0], fl[0], f[1], fl[1], 0, 1, nf == 5 ? f[4] : NULL,
				     nf == 5 ? fl[4] : 0 };
		if (!fl[0])
			return slant_fail(err, SLANT_EDATA, name, line, -1, "missing term");
		if (!fl[1])
			return slant_fail(err, SLANT_EDATA, name, line, -1, "missing category");
		/* an empty lean is 0 (neither side), an empty weight 1 */
		if (fl[2] && (!parse_number(f[2], fl[2], &t.lean) || t.lean < -1 || t.lean > 1))
			return slant_fail(err, SLANT_EDATA, name, line, -1,
					  "lean must be a number from -1 to 1, not '%.*s'",
					  (int)(fl[2] > 20 ? 20 : fl[2]), f[2]);
		if (fl[3] && (!parse_number(f[3], fl[3], &t.weight) || !(t.weight > 0) ||
			      t.weight > 1e6))
			return slant_fail(err, SLANT_EDATA, name, line, -1,
					  "weight must be a positive number, not '%.*s'",
					  (int)(fl[3] > 20 ? 20 : fl[3]), f[3]);
		if ((ret = add_term(lx, &t, name, line, first, err)))
			return ret == SLANT_ENOMEM ? slant_fail_oom(err) : ret;
next:
		s = nl ? nl + 1 : end;
	}
	if (!have_header)
		return slant_fail(err, SLANT_EDATA, name, line ? line : 1, -1,
				  "missing header 'term<TAB>category<TAB>lean<TAB>weight<TAB>note'");
	return 0;
}

/* Reads a decimal number in [s, e) without reading past e; returns its end, or s if none. */
static const char *read_long(const char *s, const char *e, long *v)
{
	const char *p = s;
	long n = 0;

	while (p < e && *p >= '0' && *p <= '9' && n < 100000000) {
		n = n * 10 + (*p - '0');
		p++;
	}
	if (p < e && *p >= '0' && *p <= '9')
		return s; /* too long to be a category number */
	*v = n;
	return p;
}

/*
 * LIWC-style dictionaries: a '%' line, numbered categories ("1<TAB>posemo"), a '%' line, then
 * terms each followed by category numbers ("abandon*<TAB>2<TAB>5"). Terms of several words
 * are separated from their numbers by tabs.
 */
static int parse_dic(struct slant_lexicon *lx, const char *data, size_t len, const char *name,
		     struct slant_err *err)
{
	const char *s = data, *end = data + len;
	size_t first = lx->n;
	struct {
		long num;
		const char *name;
		size_t len;
	} *cats = NULL;
	size_t ncats = 0, capcats = 0;
	int section = 0, ret = 0; /* 0 before the first %, 1 categories, 2 terms */
	long line = 0;

	if (slant_has_bom(s, len))
		s += 3;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s)), *e = nl ? nl : end;
		const char *p = s;

		line++;
		if (e > s && e[-1] == '\r')
			e--;
		while (p < e && slant_is_space((unsigned char)*p))
			p++;
		if (p == e)
			goto next;
		if (!slant_utf8_valid(p, (size_t)(e - p))) {
			ret = slant_fail(err, SLANT_EDATA, name, line, -1, "invalid UTF-8");
			goto out;
		}
		if (*p == '%') {
			if (section == 2) {
				ret = slant_fail(err, SLANT_EDATA, name, line, -1, "a third '%%' line");
				goto out;
			}
			section++;
			goto next;
		}
		if (section == 0) {
			ret = slant_fail(err, SLANT_EDATA, name, line, -1,
					 "expected '%%' before the categories");
			goto out;
		}
		if (section == 1) {
			long num = 0;
			const char *numend = read_long(p, e, &num);
			const char *nm = numend;
			while (nm < e && slant_is_space((unsigned char)*nm))
				nm++;
			if (numend == p || nm == numend || nm == e) {
				ret = slant_fail(err, SLANT_EDATA, name, line, -1,
						 "expected a category number and name");
				goto out;
			}
			/* the name is one field: LIWC files may add a description after a tab */
			const char *ne = memchr(nm, '\t', (size_t)(e - nm));
			if (!ne)
				ne = e;
			while (ne > nm && slant_is_space((unsigned char)ne[-1]))
				ne--;
			for (size_t c = 0; c < ncats; c++) {
				if (cats[c].num == num) {
					ret = slant_fail(err, SLANT_EDATA, name, line, -1,
							 "category %ld defined twice", num);
					goto out;
				}
			}
			if (SLANT_GROW(cats, capcats, ncats + 1)) {
				ret = slant_fail_oom(err);
				goto out;
			}
			cats[ncats].num = num;
			cats[ncats].name = nm;
			cats[ncats++].len = (size_t)(ne - nm);
			goto next;
		}
		/* a term, then its category numbers: after a tab, or after the first space */
		const char *te = memchr(p, '\t', (size_t)(e - p));
		if (!te) {
			te = p;
			while (te < e && !slant_is_space((unsigned char)*te))
				te++;
		}
		const char *q = te, *term_end = te;
		while (term_end > p && slant_is_space((unsigned char)term_end[-1]))
			term_end--;
		size_t found = 0;
		while (q < e) {
			while (q < e && slant_is_space((unsigned char)*q))
				q++;
			if (q == e)
				break;
			long num = 0;
			const char *numend = read_long(q, e, &num);
			size_t c;
			if (numend == q || (numend < e && !slant_is_space((unsigned char)*numend))) {
				ret = slant_fail(err, SLANT_EDATA, name, line, -1,
						 "expected category numbers after the term");
				goto out;
			}
			for (c = 0; c < ncats && cats[c].num != num; c++)
				;
			if (c == ncats) {
				ret = slant_fail(err, SLANT_EDATA, name, line, -1,
						 "unknown category %ld", num);
				goto out;
			}
			struct term_in t = { p, (size_t)(term_end - p), cats[c].name, cats[c].len,
					     0, 1, NULL, 0 };
			if ((ret = add_term(lx, &t, name, line, first, err))) {
				if (ret == SLANT_ENOMEM)
					slant_fail_oom(err);
				goto out;
			}
			found++;
			q = numend;
		}
		if (!found) {
			ret = slant_fail(err, SLANT_EDATA, name, line, -1, "term without a category");
			goto out;
		}
next:
		s = nl ? nl + 1 : end;
	}
	if (section < 2)
		ret = slant_fail(err, SLANT_EDATA, name, line ? line : 1, -1,
				 "expected two '%%' lines around the categories");
out:
	free(cats);
	return ret;
}

int slant_lexicon_parse(struct slant_lexicon *lx, const char *data, size_t len, const char *name,
			int format, struct slant_err *err)
{
	if (format == SLANT_LEXICON_AUTO) {
		size_t n = strlen(name);
		format = n >= 4 && !strcmp(name + n - 4, ".dic") ? SLANT_LEXICON_DIC
								  : SLANT_LEXICON_TSV;
	}
	return format == SLANT_LEXICON_DIC ? parse_dic(lx, data, len, name, err)
					   : parse_tsv(lx, data, len, name, err);
}

int slant_lexicon_load(struct slant_lexicon *lx, const char *path, int format,
		       struct slant_err *err)
{
	struct slant_buf data;
	int ret;

	slant_buf_init(&data, 256u << 20);
	ret = slant_read_file(path, &data, err);
	if (!ret)
		ret = slant_lexicon_parse(lx, data.data, data.len, path, format, err);
	slant_buf_release(&data);
	return ret;
}

/* --------------------------------------------------------------- matching */

static inline bool bloom_has(const uint64_t *bloom, uint64_t h)
{
	return bloom[(h >> 20) & (ROOT_BLOOM_WORDS - 1)] & (1ULL << ((h >> 40) & 63));
}

/*
 * The whole-word edge from `node` along token s[0..n) whose slant_text_hash() is `h`, or
 * NO_ENTRY; the bit sets turn most tokens away before the edge table is read.
 */
static inline uint32_t word_edge(const struct slant_lexicon *lx, uint64_t h, uint32_t node,
				 bool cap, const char *s, size_t n)
{
	if (!node) {
		if (!bloom_has(lx->root_bloom, h) && !(cap && bloom_has(lx->caps_bloom, h)))
			return NO_ENTRY;
		return find_edge(lx, edge_hash(h, 0, false), 0, s, n, false);
	}
	uint64_t key = edge_hash(h, node, false);
	if (!bloom_has(lx->next_bloom, key))
		return NO_ENTRY;
	return find_edge(lx, key, node, s, n, false);
}

/*
 * Whether a term ends at `node` for a match that started at a token with (`start_cap`) or
 * without a capital: terms of slant_lexicon_caps_only() share the trie with the others, so
 * their edges can be walked from a lower-case token, but they never end a match there.
 */
static inline bool ends_here(const struct slant_lexicon *lx, uint32_t node, bool start_cap)
{
	return lx->nodes[node].entry != NO_ENTRY && (start_cap || lx->nodes[node].any_case);
}

void slant_lexicon_caps_only(struct slant_lexicon *lx, bool on)
{
	lx->caps_only = on;
}

int slant_lexicon_match(const struct slant_lexicon *lx, const struct slant_doc *d,
			struct slant_matches *m, struct slant_err *err)
{
	size_t ntok;

	slant_doc_tokens(d, &ntok);
	return slant_lexicon_match_where(lx, d, ntok, NULL, 0, m, err);
}

/*
 * Walks the tokens directly, with the hashes the document made when it was analysed: each call
 * allocates nothing and hashes only possessives. A skipped token, or one with empty
 * normalised text, ends any term going through it; quotation marks are passed over, so
 * so-called “raids” is still "so-called raids".
 */
int slant_lexicon_match_where(const struct slant_lexicon *lx, const struct slant_doc *d,
			      size_t end, const uint32_t *skip, uint32_t skip_bits,
			      struct slant_matches *m, struct slant_err *err)
{
	size_t ntok;
	const struct slant_token *toks = slant_doc_tokens(d, &ntok);
	const uint64_t *hashes = slant_doc_hashes(d);

	if (end > ntok)
		end = ntok;
	for (size_t i = 0; i < end;) {
		uint32_t node = 0, best_entry = NO_ENTRY;
		size_t best_end = 0; /* the token after the longest match */
		bool start_cap = toks[i].flags & SLANT_TOKF_CAP;

		for (size_t pos = i; pos < end; pos++) {
			const struct slant_token *t = &toks[pos];
			if (skip && (skip[pos] & skip_bits))
				break;
			if (t->kind == SLANT_TOK_QUOTE) {
				if (pos == i)
					break; /* no term starts at a mark */
				continue;
			}
			const char *s = slant_doc_norm(d, t);
			if (!s[0])
				break;
			const struct prefix_filter *f =
				lx->nodes[node].filter ? &lx->filters[lx->nodes[node].filter - 1] : NULL;
			if (f && !f->short_ones &&
			    (t->norm_len < 3 || !bit_test(lx->pfx_tri, tri_key(s, node))))
				f = NULL;
			if (f) {
				/* the longest prefix of the token that a prefix term names */
				uint64_t h = FNV_OFFSET;
				for (size_t k = 1; k <= t->norm_len; k++) {
					h = fnv_step(h, (unsigned char)s[k - 1]);
					if (k < 64 ? !(f->lengths & (1ULL << k)) : !(f->lengths & 1))
						continue;
					uint64_t key = edge_hash(h, node, true);
					if (!bit_test(lx->pfx_keys, key))
						continue;
					uint32_t c = find_edge(lx, key, node, s, k, true);
					if (c != NO_ENTRY && ends_here(lx, c, start_cap)) {
						best_entry = lx->nodes[c].entry;
						best_end = pos + 1;
					}
				}
			}
			uint32_t child = NO_ENTRY;
			bool cap = t->flags & SLANT_TOKF_CAP, kids = lx->nodes[node].kids;
			if (kids)
				child = word_edge(lx, hashes[pos], node, cap, s, t->norm_len);
			/*
			 * A possessive is its word: "the regime's" has "regime" in it. The word ends
			 * a term here even when the possessive itself goes on to a longer one.
			 */
			if (t->norm_len > 2 && s[t->norm_len - 2] == '\'' && s[t->norm_len - 1] == 's') {
				uint32_t c1 = NO_ENTRY;
				if (kids)
					c1 = word_edge(lx, slant_text_hash(s, t->norm_len - 2), node, cap,
						       s, t->norm_len - 2);
				if (c1 != NO_ENTRY && child == NO_ENTRY) {
					child = c1;
				} else if (c1 != NO_ENTRY && ends_here(lx, c1, start_cap)) {
					best_entry = lx->nodes[c1].entry;
					best_end = pos + 1;
				}
			}
			if (child == NO_ENTRY)
				break;
			node = child;
			if (ends_here(lx, node, start_cap)) {
				best_entry = lx->nodes[node].entry; /* a whole word beats a prefix */
				best_end = pos + 1;
			}
		}
		if (best_entry == NO_ENTRY) {
			i++;
			continue;
		}
		if (SLANT_GROW(m->v, m->cap, m->n + 1))
			return slant_fail_oom(err);
		m->v[m->n++] = (struct slant_match){
			toks[i].start, toks[best_end - 1].end, (uint32_t)i, (uint32_t)best_end,
			best_entry,
		};
		i = best_end;
	}
	return 0;
}
