/*
 * norm.c - normalisation for matching, with a map back to original byte offsets.
 *
 * The result is what utf8proc_map(NFKC | case folding | ignorables removed) gives for the whole
 * text, followed by unify(): apostrophe, double quote and dash variants become ' " and -.
 * unify() lists only characters NFKC leaves alone, so that a lone one may skip utf8proc.
 * utf8proc runs at about 41 MB/s, so text is cut into pieces that normalise independently:
 * - ASCII runs, which only need lower-casing (NFKC and case folding of ASCII are exactly that);
 * - clusters: a character and everything that may compose or reorder with it (combining marks,
 *   characters whose decomposition starts with one, ignorables, Hangul vowel and final jamo).
 *   Composition and canonical reordering never reach across a starter, so normalising cluster
 *   by cluster equals normalising the whole, which test_text checks on hostile text.
 * The offset map is a list of segments: ASCII runs map byte for byte, a cluster maps as a whole.
 */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NORM_OPTIONS \
	(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

struct slant_norm {
	struct slant_buf text;
	struct slant_segs segs;
	size_t orig_len;
};

/* The ASCII character a quotation mark, apostrophe or dash variant is unified to, or 0. */
static char unify(int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2035:
	case 0x02BC: case 0xFF07:
		return '\'';
	/* not U+2033 and U+2036: NFKC makes them two primes, so they become '' */
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0xFF02:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
	case 0x2212: case 0x2043: case 0xFE58: case 0xFE63: case 0xFF0D:
		return '-';
	}
	return 0;
}

/* Appends the UTF-8 in s[0..n) to out with unify() applied. */
static int add_unified(struct slant_buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, len;
	int32_t cp;
	int ret;

	while (i < n) {
		char c;
		if (u[i] < 0x80) {
			i++;
			run++;
			continue;
		}
		len = slant_utf8_decode(u, n, i, &cp);
		if (!len)
			len = 1; /* utf8proc's output is valid; be safe anyway */
		c = len > 1 ? unify(cp) : 0;
		if (!c) {
			i += len;
			run += len;
			continue;
		}
		if ((ret = slant_buf_add(out, s + i - run, run)) || (ret = slant_buf_addc(out, c)))
			return ret;
		run = 0;
		i += len;
	}
	return slant_buf_add(out, s + n - run, run);
}

/*
 * Whether `cp` belongs to the cluster before it. Computed once per code point of the BMP into a
 * bitmap, since the answer needs a decomposition.
 */
static bool joins_compute(int32_t cp)
{
	utf8proc_int32_t buf[32];
	int last = 0;
	utf8proc_ssize_t r;
	const utf8proc_property_t *p;

	if (cp >= 0x1160 && cp <= 0x11FF)
		return true; /* Hangul vowel and final jamo compose with what precedes */
	if (cp >= 0xD7B0 && cp <= 0xD7FF)
		return true;
	p = utf8proc_get_property(cp);
	if (p->category == UTF8PROC_CATEGORY_MN || p->category == UTF8PROC_CATEGORY_MC ||
	    p->category == UTF8PROC_CATEGORY_ME || p->combining_class)
		return true;
	r = utf8proc_decompose_char(cp, buf, 32, (utf8proc_option_t)NORM_OPTIONS, &last);
	if (r == 0)
		return true; /* ignorable: vanishes, so what follows meets what precedes */
	if (r < 0 || r > 32)
		return false;
	return utf8proc_get_property(buf[0])->combining_class != 0;
}

static uint8_t joins_bmp[0x10000 / 8];
static pthread_once_t joins_once = PTHREAD_ONCE_INIT;

static void joins_init(void)
{
	for (int32_t cp = 0x80; cp < 0x10000; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		if (joins_compute(cp))
			joins_bmp[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	}
}

static bool joins(int32_t cp)
{
	if (cp < 0x80)
		return false;
	if (cp < 0x10000) {
		pthread_once(&joins_once, joins_init);
		return joins_bmp[cp >> 3] & (1u << (cp & 7));
	}
	return joins_compute(cp);
}

/* Normalises one cluster s[0..n) and appends it. */
static int add_cluster(struct slant_buf *out, const char *s, size_t n)
{
	utf8proc_int32_t stackbuf[64], *buf = stackbuf;
	utf8proc_ssize_t r;
	int32_t cp;
	int ret;

	/* A lone unified mark is stable under NFKC and case folding: skip utf8proc. */
	if (slant_utf8_decode((const unsigned char *)s, n, 0, &cp) == n && unify(cp))
		return slant_buf_addc(out, unify(cp));
	r = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, buf, 64,
			       (utf8proc_option_t)NORM_OPTIONS);
	if (r > 64) {
		buf = malloc(((size_t)r + 1) * sizeof(*buf));
		if (!buf)
			return SLANT_ENOMEM;
		r = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, buf, r,
				       (utf8proc_option_t)NORM_OPTIONS);
	}
	if (r < 0) {
		ret = SLANT_EDATA;
		goto out;
	}
	r = utf8proc_reencode(buf, r, (utf8proc_option_t)NORM_OPTIONS);
	if (r < 0) {
		ret = SLANT_EDATA;
		goto out;
	}
	ret = add_unified(out, (const char *)buf, (size_t)r);
out:
	if (buf != stackbuf)
		free(buf);
	return ret;
}

static int add_seg(struct slant_segs *segs, uint32_t norm, uint32_t orig, size_t norm_len,
		   size_t orig_len, bool linear)
{
	struct slant_norm_seg *last = segs->n ? &segs->v[segs->n - 1] : NULL;

	if (linear && last && last->linear && last->norm + last->norm_len == norm &&
	    last->orig + last->orig_len == orig) {
		last->norm_len += (uint32_t)norm_len;
		last->orig_len += (uint32_t)orig_len;
		return 0;
	}
	if (SLANT_GROW(segs->v, segs->cap, segs->n + 1))
		return SLANT_ENOMEM;
	segs->v[segs->n++] = (struct slant_norm_seg){ norm, orig, (uint32_t)norm_len,
						      (uint32_t)orig_len, linear };
	return 0;
}

int slant_norm_append(const char *str, size_t n, uint32_t base, struct slant_buf *out,
		      struct slant_segs *segs)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	int32_t cp;
	int ret;

	while (i < n) {
		size_t j = i, len;

		while (j < n && s[j] < 0x80)
			j++;
		/* A combining character after an ASCII letter takes the letter into its cluster. */
		if (j < n && j > i && slant_utf8_decode(s, n, j, &cp) && joins(cp))
			j--;
		if (j > i) {
			size_t at = out->len;
			if ((ret = slant_buf_grow(out, j - i)))
				return ret;
			for (size_t k = i; k < j; k++)
				out->data[at + k - i] = (char)slant_lower(s[k]);
			out->len += j - i;
			out->data[out->len] = '\0';
			if (segs && (ret = add_seg(segs, (uint32_t)at, base + (uint32_t)i, j - i,
						   j - i, true)))
				return ret;
			i = j;
		}
		if (i >= n)
			break;
		/* One cluster: a base character and the characters that join it. */
		j = i;
		len = slant_utf8_decode(s, n, j, &cp);
		if (!len)
			return SLANT_EDATA;
		j += len;
		while (j < n && s[j] >= 0x80) {
			len = slant_utf8_decode(s, n, j, &cp);
			if (!len)
				return SLANT_EDATA;
			if (!joins(cp))
				break;
			j += len;
		}
		size_t at = out->len;
		if ((ret = add_cluster(out, str + i, j - i)))
			return ret;
		if (segs && (ret = add_seg(segs, (uint32_t)at, base + (uint32_t)i, out->len - at,
					   j - i, false)))
			return ret;
		i = j;
	}
	return 0;
}

int slant_norm_append_slow(const char *s, size_t n, struct slant_buf *out)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t r;
	int ret;

	if (!n)
		return 0;
	r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &mapped,
			 (utf8proc_option_t)NORM_OPTIONS);
	if (r < 0)
		return r == UTF8PROC_ERROR_NOMEM ? SLANT_ENOMEM : SLANT_EDATA;
	ret = add_unified(out, (const char *)mapped, (size_t)r);
	free(mapped);
	return ret;
}

struct slant_norm *slant_norm_new(void)
{
	struct slant_norm *nm = calloc(1, sizeof(*nm));

	if (nm)
		slant_buf_init(&nm->text, 0);
	return nm;
}

void slant_norm_free(struct slant_norm *nm)
{
	if (!nm)
		return;
	slant_buf_release(&nm->text);
	free(nm->segs.v);
	free(nm);
}

int slant_norm_run(struct slant_norm *nm, const char *s, size_t n, unsigned flags,
		   struct slant_err *err)
{
	int ret;

	slant_buf_reset(&nm->text);
	nm->segs.n = 0;
	nm->orig_len = n;
	if (n > UINT32_MAX / 4)
		return slant_fail(err, SLANT_ELIMIT, NULL, 0, -1, "text too large to normalise");
	if (!slant_utf8_valid(s, n))
		return slant_fail(err, SLANT_EDATA, NULL, 0, -1, "text is not valid UTF-8");
	if (flags & SLANT_NORM_SLOW) {
		ret = slant_norm_append_slow(s, n, &nm->text);
		if (!ret && nm->text.len)
			ret = add_seg(&nm->segs, 0, 0, nm->text.len, n, false);
	} else {
		ret = slant_norm_append(s, n, 0, &nm->text, &nm->segs);
	}
	if (ret == SLANT_ENOMEM)
		return slant_fail_oom(err);
	if (ret)
		return slant_fail(err, ret, NULL, 0, -1, "cannot normalise text");
	return 0;
}

const char *slant_norm_text(const struct slant_norm *nm, size_t *len)
{
	if (len)
		*len = nm->text.len;
	return nm->text.data;
}

/* The segment holding normalised byte `off`, or NULL past the end. */
static const struct slant_norm_seg *find_seg(const struct slant_norm *nm, size_t off)
{
	size_t lo = 0, hi = nm->segs.n;

	/* Last segment whose start is <= off; empty segments (ignorables) never hold a byte. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (nm->segs.v[mid].norm <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo > 0) {
		const struct slant_norm_seg *g = &nm->segs.v[lo - 1];
		if (off < (size_t)g->norm + g->norm_len)
			return g;
		if (g->norm_len)
			return NULL;
		lo--;
	}
	return NULL;
}

size_t slant_norm_orig_start(const struct slant_norm *nm, size_t off)
{
	const struct slant_norm_seg *g = find_seg(nm, off);

	if (!g)
		return nm->orig_len;
	return g->linear ? g->orig + (off - g->norm) : g->orig;
}

size_t slant_norm_orig_end(const struct slant_norm *nm, size_t end)
{
	const struct slant_norm_seg *g;

	if (!end)
		return 0;
	g = find_seg(nm, end - 1);
	if (!g)
		return nm->orig_len;
	return g->linear ? g->orig + (end - g->norm) : (size_t)g->orig + g->orig_len;
}
