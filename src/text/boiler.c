/*
 * boiler.c - boilerplate patterns: loading lexicons/boilerplate.tsv and matching lines.
 *
 * A pattern is matched against a whole line after line_key() normalisation (doc.c) with `*`
 * as the only wildcard. Patterns are bucketed by their first byte so that a line is tried
 * against the few patterns that can match it, not the whole list.
 */
#include "boiler.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STAR_FILTER_WORDS 1024 /* 65,536 bits: few false hits over a line's windows */

struct pattern {
	char *text; /* normalised */
	char *kind;
	int where;  /* BOILER_HEAD | BOILER_TAIL, both for "any" */
	size_t next; /* next pattern in the same bucket, or SIZE_MAX */
	/*
	 * Cheap tests that reject almost every line before the glob runs: the bytes any match
	 * needs, the literal text before the first star and after the last, and the longest
	 * literal run, looked for with strstr().
	 */
	size_t minlen, prefix, suffix;
	char *longest;
};

struct slant_boiler {
	struct pattern *v;
	size_t n, cap;
	size_t bucket[257]; /* first byte -> first pattern; [256] holds patterns starting with '*' */
	uint8_t zones[257]; /* the zones the patterns of each bucket apply in */
	/*
	 * Patterns starting with '*' are tried on every line. A line can only match one if it
	 * holds the first eight bytes of its longest literal: those eight-byte words, hashed
	 * into a small filter, let one pass over the line skip them all. Off when one of them
	 * has a literal shorter than eight bytes.
	 */
	uint64_t star_filter[STAR_FILTER_WORDS];
	bool star_filtered;
};

bool boiler_may_match(const struct slant_boiler *bp, unsigned char first, int where)
{
	return (bp->zones[first] | bp->zones[256]) & where;
}

/* Glob match with '*' only; backtracks to the last star, so it is linear in practice. */
static bool glob_match(const char *p, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*p == '*') {
			star = ++p;
			resume = s;
		} else if (*p == *s) {
			p++;
			s++;
		} else if (star) {
			p = star;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*p == '*')
		p++;
	return !*p;
}

/* Fills in the pattern's cheap tests; 0 or SLANT_ENOMEM. */
static int prepare(struct pattern *p)
{
	const char *t = p->text, *best = t;
	size_t n = strlen(t), run = 0, bestlen = 0;

	p->minlen = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && t[i] != '*') {
			p->minlen++;
			run++;
			continue;
		}
		if (run > bestlen) {
			bestlen = run;
			best = t + i - run;
		}
		run = 0;
	}
	p->prefix = strcspn(t, "*");
	p->suffix = 0;
	while (p->suffix < n - p->prefix && t[n - 1 - p->suffix] != '*')
		p->suffix++;
	p->longest = slant_memdup0(best, bestlen);
	return p->longest ? 0 : SLANT_ENOMEM;
}

static uint32_t word8_bit(const char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
	return (uint32_t)((w * 0x9E3779B97F4A7C15ULL) >> 48); /* 16 bits */
}

/* Whether the line may hold one of the star patterns' literals (false: it holds none). */
static bool star_candidates(const struct slant_boiler *bp, const char *key, size_t len)
{
	if (!bp->star_filtered)
		return true;
	for (size_t i = 0; i + 8 <= len; i++) {
		uint32_t b = word8_bit(key + i);
		if (bp->star_filter[b >> 6] & (1ULL << (b & 63)))
			return true;
	}
	return false;
}

static bool pattern_match(const struct pattern *p, const char *key, size_t len)
{
	if (len < p->minlen || strncmp(key, p->text, p->prefix))
		return false;
	if (p->suffix && memcmp(key + len - p->suffix, p->text + strlen(p->text) - p->suffix,
				p->suffix))
		return false;
	if (p->prefix == p->minlen && !strchr(p->text, '*'))
		return len == p->minlen; /* no star: the prefix test compared all of it */
	return (!p->longest[0] || strstr(key, p->longest)) && glob_match(p->text, key);
}

const struct boiler_hit *boiler_match(const struct slant_boiler *bp, const char *key,
				      int where, struct boiler_hit *hit)
{
	size_t lists[2] = { bp->bucket[(unsigned char)key[0]], bp->bucket[256] };
	size_t len = strlen(key);

	if (lists[1] != SIZE_MAX && !star_candidates(bp, key, len))
		lists[1] = SIZE_MAX;
	for (int l = 0; l < 2; l++) {
		for (size_t i = lists[l]; i != SIZE_MAX; i = bp->v[i].next) {
			const struct pattern *p = &bp->v[i];
			if (!(p->where & where) || !pattern_match(p, key, len))
				continue;
			hit->kind = p->kind;
			hit->rule = p->text;
			return hit;
		}
	}
	return NULL;
}

void slant_boiler_free(struct slant_boiler *bp)
{
	if (!bp)
		return;
	for (size_t i = 0; i < bp->n; i++) {
		free(bp->v[i].text);
		free(bp->v[i].kind);
		free(bp->v[i].longest);
	}
	free(bp->v);
	free(bp);
}

size_t slant_boiler_count(const struct slant_boiler *bp)
{
	return bp ? bp->n : 0;
}

static int parse_where(const char *s, size_t n)
{
	if (n == 4 && !memcmp(s, "head", 4))
		return BOILER_HEAD;
	if (n == 4 && !memcmp(s, "tail", 4))
		return BOILER_TAIL;
	if (n == 3 && !memcmp(s, "any", 3))
		return BOILER_HEAD | BOILER_TAIL | BOILER_BODY;
	return 0;
}

struct slant_boiler *slant_boiler_parse(const char *data, size_t len, const char *name,
					struct slant_err *err)
{
	struct slant_boiler *bp = calloc(1, sizeof(*bp));
	struct slant_buf key;
	const char *s = data, *end = data + len;
	long lineno = 0;
	bool header = false;
	int ret = SLANT_ENOMEM;

	slant_buf_init(&key, 0);
	if (!bp)
		goto out;
	if (slant_has_bom(s, len))
		s += 3;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		const char *f[4];
		size_t fl[4], nf;
		int where;

		lineno++;
		if (e > s && e[-1] == '\r')
			e--;
		if (e == s || *s == '#') {
			s = nl ? nl + 1 : end;
			continue;
		}
		nf = slant_split_tabs(s, e, f, fl, 4);
		if (!header) {
			if (nf != 3 || fl[0] != 7 || memcmp(f[0], "pattern", 7) || fl[1] != 4 ||
			    memcmp(f[1], "kind", 4) || fl[2] != 5 || memcmp(f[2], "where", 5)) {
				ret = slant_fail(err, SLANT_EDATA, name, lineno, -1,
						 "expected the header 'pattern<TAB>kind<TAB>where'");
				goto fail;
			}
			header = true;
			s = nl ? nl + 1 : end;
			continue;
		}
		if (nf != 3) {
			ret = slant_fail(err, SLANT_EDATA, name, lineno, -1,
					 "expected 3 tab-separated fields, found %zu", nf);
			goto fail;
		}
		if (!slant_utf8_valid(f[0], fl[0]) || !slant_utf8_valid(f[1], fl[1])) {
			ret = slant_fail(err, SLANT_EDATA, name, lineno, -1, "invalid UTF-8");
			goto fail;
		}
		where = parse_where(f[2], fl[2]);
		if (!where) {
			ret = slant_fail(err, SLANT_EDATA, name, lineno, -1,
					 "where must be head, tail or any, not '%.*s'",
					 (int)(fl[2] > 40 ? 40 : fl[2]), f[2]);
			goto fail;
		}
		if (!fl[1]) {
			ret = slant_fail(err, SLANT_EDATA, name, lineno, -1, "missing kind");
			goto fail;
		}
		slant_buf_reset(&key);
		ret = boiler_line_key(f[0], fl[0], &key);
		if (ret == SLANT_EDATA)
			slant_fail(err, ret, name, lineno, -1, "cannot normalise pattern");
		if (ret)
			goto fail;
		if (!key.len || strspn(key.data, "*") == key.len) {
			ret = slant_fail(err, SLANT_EDATA, name, lineno, -1,
					 "pattern '%.*s' matches every line",
					 (int)(fl[0] > 40 ? 40 : fl[0]), f[0]);
			goto fail;
		}
		for (size_t i = 0; i < bp->n; i++) {
			if (!strcmp(bp->v[i].text, key.data)) {
				ret = slant_fail(err, SLANT_EDATA, name, lineno, -1,
						 "duplicate pattern '%s'", key.data);
				goto fail;
			}
		}
		ret = SLANT_ENOMEM;
		if (SLANT_GROW(bp->v, bp->cap, bp->n + 1))
			goto fail;
		struct pattern *p = &bp->v[bp->n];
		p->text = slant_buf_detach(&key, NULL);
		p->kind = slant_memdup0(f[1], fl[1]);
		p->where = where;
		p->longest = NULL;
		if (!p->text || !p->kind || prepare(p)) {
			free(p->text);
			free(p->kind);
			free(p->longest);
			goto fail;
		}
		bp->n++;
		s = nl ? nl + 1 : end;
	}
	if (!header) {
		ret = slant_fail(err, SLANT_EDATA, name, lineno ? lineno : 1, -1,
				 "missing header 'pattern<TAB>kind<TAB>where'");
		goto fail;
	}
	/* Buckets keep file order, so the first listed pattern is the one reported. */
	for (size_t b = 0; b < 257; b++)
		bp->bucket[b] = SIZE_MAX;
	for (size_t i = bp->n; i-- > 0;) {
		unsigned char c = (unsigned char)bp->v[i].text[0];
		size_t b = c == '*' ? 256 : c;
		bp->v[i].next = bp->bucket[b];
		bp->bucket[b] = i;
		bp->zones[b] |= (uint8_t)bp->v[i].where;
	}
	bp->star_filtered = true;
	for (size_t i = 0; i < bp->n; i++) {
		const struct pattern *p = &bp->v[i];
		if (p->text[0] != '*')
			continue;
		if (strlen(p->longest) < 8) {
			bp->star_filtered = false;
			break;
		}
		uint32_t b = word8_bit(p->longest);
		bp->star_filter[b >> 6] |= 1ULL << (b & 63);
	}
	slant_buf_release(&key);
	return bp;
fail:
	if (ret == SLANT_ENOMEM)
		slant_fail_oom(err); /* every other failure has set its message */
out:
	slant_buf_release(&key);
	slant_boiler_free(bp);
	return NULL;
}

struct slant_boiler *slant_boiler_load(const char *path, struct slant_err *err)
{
	struct slant_buf data;
	struct slant_boiler *bp = NULL;

	slant_buf_init(&data, 64u << 20);
	if (!slant_read_file(path, &data, err))
		bp = slant_boiler_parse(data.data, data.len, path, err);
	slant_buf_release(&data);
	return bp;
}

int boiler_line_key(const char *str, size_t n, struct slant_buf *out)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t from = out->len, i = 0, w;
	bool space = true; /* drops leading whitespace */
	int ret;

	if ((ret = slant_buf_grow(out, n + 1)))
		return ret;
	/* ASCII, the usual case, in one pass: lower case and whitespace collapsed. */
	char *o = out->data + out->len;
	bool prev_ascii = false; /* the last byte written came from one ASCII letter or mark */
	for (; i < n; i++) {
		/*
		 * Eight bytes at a time while they are plain ASCII whose only whitespace is single
		 * spaces: then the key is the bytes lower-cased (SWAR: a byte's high bit flags it).
		 */
		while (i + 8 <= n) {
			const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
			uint64_t x, t, sp, ctl, upper;
			memcpy(&x, s + i, 8);
			if (x & high)
				break;
			t = x ^ (0x20 * ones);
			sp = ~(((t & (0x7F * ones)) + 0x7F * ones) | t | 0x7F * ones); /* == ' ' */
			ctl = ~(x + 0x5F * ones) & high;                              /* < 0x21 */
			if ((ctl & ~sp) || (sp & (sp << 8)) || (space && (sp & 0x80)))
				break;
			upper = (x + 0x3F * ones) & ~(x + 0x25 * ones) & high; /* 'A'..'Z' */
			x |= upper >> 2;
			memcpy(o, &x, 8);
			o += 8;
			i += 8;
			space = (sp >> 56) != 0;
			prev_ascii = !space;
		}
		if (i >= n)
			break;
		if (s[i] >= 0x80) {
			/* Curly quotes and dashes are in most lines: unify them here (no mark composes
			 * with them, and NFKC leaves them alone). */
			/* U+2010..U+201F: hyphens and dashes, then single and double marks */
			static const char unified[16] = {
				'-', '-', '-', '-', '-', '-', 0, 0,
				'\'', '\'', '\'', '\'', '"', '"', '"', '"',
			};
			if (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] >= 0x90 &&
			    s[i + 2] <= 0x9F && unified[s[i + 2] - 0x90]) {
				*o++ = unified[s[i + 2] - 0x90];
				space = prev_ascii = false;
				i += 2;
				continue;
			}
			break;
		}
		if (slant_is_space(s[i])) {
			if (!space)
				*o++ = ' ';
			space = true;
			prev_ascii = false;
		} else {
			*o++ = (char)slant_lower(s[i]);
			space = false;
			prev_ascii = true;
		}
	}
	out->len = (size_t)(o - out->data);
	if (i < n) {
		/* The rest through norm.c, from the last ASCII letter on: a mark may combine with it. */
		if (prev_ascii) {
			i--;
			out->len--;
		}
		w = out->len;
		if ((ret = slant_norm_append(str + i, n - i, 0, out, NULL)))
			return ret;
		/* Collapse whitespace in place (NFKC already turned no-break spaces into spaces). */
		for (size_t r = w; r < out->len; r++) {
			char c = out->data[r];
			if (slant_is_space((unsigned char)c)) {
				if (!space)
					out->data[w++] = ' ';
				space = true;
			} else {
				out->data[w++] = c;
				space = false;
			}
		}
		out->len = w;
	}
	if (out->len > from && out->data[out->len - 1] == ' ')
		out->len--;
	out->data[out->len] = '\0';
	return 0;
}
