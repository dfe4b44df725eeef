/*
 * fuzz_helpers.c - see fuzz_helpers.h.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* mkstemps, mkdtemp */
#endif

#include "fuzz_helpers.h"
#include "text/doc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void fuzz_fail(const char *file, int line, const char *what, const char *detail)
{
	fprintf(stderr, "%s:%d: fuzz check failed: %s%s%s\n", file, line, what,
		detail ? ": " : "", detail ? detail : "");
	fflush(stderr);
	abort();
}

bool fuzz_utf8_valid(const char *str, size_t n, bool allow_nul)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		uint32_t cp, min;
		size_t len;

		if (c < 0x80) {
			if (!c && !allow_nul)
				return false;
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
			min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3;
			cp = c & 0x0F;
			min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += len;
	}
	return true;
}

void fuzz_repair(const uint8_t *data, size_t size, struct slant_buf *out)
{
	size_t from = out->len, n;
	long bad = slant_utf8_repair((const char *)data, size, out);

	FUZZ_ASSERT(bad >= 0);
	FUZZ_ASSERT((size_t)bad <= size);
	n = out->len - from;
	FUZZ_ASSERT(out->data[out->len] == '\0');
	FUZZ_ASSERT(fuzz_utf8_valid(out->data + from, n, false));
	if (fuzz_utf8_valid((const char *)data, size, false)) {
		FUZZ_ASSERT(bad == 0);
		FUZZ_ASSERT(n == size && (!size || !memcmp(out->data + from, data, size)));
	} else {
		/* Each bad byte (or sequence) became U+FFFD, three bytes. */
		FUZZ_ASSERT(bad > 0);
		FUZZ_ASSERT(n >= size - (size_t)bad + 3 && n <= size + 2 * (size_t)bad);
	}
}

/* ----------------------------------------------------------------- files */

const char *fuzz_tmpdir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir && *dir ? dir : "/tmp";
}

static void write_all(int fd, const void *data, size_t size, const char *path)
{
	const char *p = data;

	while (size) {
		ssize_t w = write(fd, p, size);
		if (w < 0 && errno == EINTR)
			continue;
		FUZZ_ASSERT_MSG(w > 0, path);
		p += w;
		size -= (size_t)w;
	}
}

void fuzz_write_file(const char *path, const void *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	FUZZ_ASSERT_MSG(fd >= 0, path);
	write_all(fd, data, size, path);
	FUZZ_ASSERT_MSG(close(fd) == 0, path);
}

char *fuzz_temp_file(const void *data, size_t size, const char *suffix)
{
	const char *dir = fuzz_tmpdir();
	size_t n = strlen(dir) + strlen(suffix) + 32;
	char *path = malloc(n);
	int fd;

	FUZZ_ASSERT(path);
	snprintf(path, n, "%s/slant-fuzz-XXXXXX%s", dir, suffix);
	fd = mkstemps(path, (int)strlen(suffix));
	FUZZ_ASSERT_MSG(fd >= 0, path);
	write_all(fd, data, size, path);
	FUZZ_ASSERT_MSG(close(fd) == 0, path);
	return path;
}

char *fuzz_temp_dir(void)
{
	const char *dir = fuzz_tmpdir();
	size_t n = strlen(dir) + 32;
	char *path = malloc(n);

	FUZZ_ASSERT(path);
	snprintf(path, n, "%s/slant-fuzz-XXXXXX", dir);
	FUZZ_ASSERT_MSG(mkdtemp(path) != NULL, path);
	return path;
}

/* ---------------------------------------------------------- corpus reader */

size_t fuzz_record_budget(size_t size)
{
	/* Every record takes at least one byte; deflate expands at most about 1032 times. */
	return (size + 16) * 2048;
}

static void check_value(const char *v, const char *what)
{
	if (!v)
		return;
	FUZZ_ASSERT_MSG(fuzz_utf8_valid(v, strlen(v), false), what);
}

static void check_article(const struct slant_article *a)
{
	FUZZ_ASSERT(a->id && a->outlet && a->text);
	FUZZ_ASSERT_MSG(a->id[0], "an empty id");
	FUZZ_ASSERT_MSG(a->outlet[0], "an empty outlet");
	check_value(a->id, "id");
	check_value(a->outlet, "outlet");
	check_value(a->title, "title");
	check_value(a->date, "date");
	check_value(a->url, "url");
	FUZZ_ASSERT(a->text[a->text_len] == '\0');
	FUZZ_ASSERT(strlen(a->text) <= a->text_len);
	FUZZ_ASSERT_MSG(fuzz_utf8_valid(a->text, a->text_len, true), "text");
	FUZZ_ASSERT(a->nfields == 0 || a->fields);
	for (size_t i = 0; i < a->nfields; i++) {
		const struct slant_field *f = &a->fields[i];
		FUZZ_ASSERT(f->name && f->value);
		FUZZ_ASSERT(f->value[f->len] == '\0');
		FUZZ_ASSERT(strlen(f->value) <= f->len);
		FUZZ_ASSERT_MSG(fuzz_utf8_valid(f->value, f->len, true), f->name);
	}
	/* The accessor agrees with the named members. */
	FUZZ_ASSERT(slant_article_field(a, "id") == a->id);
	FUZZ_ASSERT(slant_article_field(a, "outlet") == a->outlet);
	FUZZ_ASSERT(slant_article_field(a, "text") == a->text);
	FUZZ_ASSERT(slant_article_field(a, "title") == a->title);
	FUZZ_ASSERT(a->source && a->line >= 1);
}

/* A failed call: the code is one the header allows and the error record says so. */
static void check_failure(int ret, const struct slant_err *err)
{
	FUZZ_ASSERT_MSG(err->code == ret, err->msg);
	FUZZ_ASSERT_MSG(err->msg[0], slant_strerror(ret));
	FUZZ_ASSERT(memchr(err->msg, '\0', sizeof(err->msg)));
	FUZZ_ASSERT(memchr(err->file, '\0', sizeof(err->file)));
}

void fuzz_read_inputs(const char *const *paths, size_t npaths, size_t budget,
		      fuzz_article_fn fn, void *ctx, struct fuzz_read_stats *stats)
{
	struct fuzz_read_stats st = { 0, 0, 0, 0, 0 };
	struct slant_reader *r = slant_reader_new();
	struct slant_article a;
	struct slant_err err;
	uint64_t last_index = 0;
	bool any = false;
	int ret;

	FUZZ_ASSERT(r);
	slant_err_clear(&err);
	FUZZ_ASSERT_MSG(slant_reader_map(r, FUZZ_TEXT_MAP, &err) == 0, err.msg);
	FUZZ_ASSERT_MSG(slant_reader_set_outlet(r, FUZZ_OUTLET, &err) == 0, err.msg);
	slant_reader_set_max_record(r, FUZZ_MAX_RECORD);
	for (size_t i = 0; i < npaths; i++)
		FUZZ_ASSERT_MSG(slant_reader_add(r, paths[i], &err) == 0, err.msg);
	slant_article_init(&a);
	for (;;) {
		FUZZ_ASSERT_MSG(st.calls < budget, "the reader makes no progress");
		st.calls++;
		slant_err_clear(&err);
		ret = slant_reader_next(r, &a, &err);
		if (ret == 0)
			break;
		if (ret < 0) {
			FUZZ_ASSERT_MSG(ret == SLANT_EDATA || ret == SLANT_ELIMIT || ret == SLANT_EIO ||
						ret == SLANT_ENOMEM,
					err.msg);
			check_failure(ret, &err);
			if (ret == SLANT_EIO || ret == SLANT_ENOMEM) {
				st.stop = ret;
				break;
			}
			st.bad++;
			continue;
		}
		FUZZ_ASSERT(ret == 1);
		st.records++;
		FUZZ_ASSERT(a.source && a.line >= 1);
		FUZZ_ASSERT(!any || a.index > last_index);
		last_index = a.index;
		any = true;
		slant_err_clear(&err);
		ret = slant_reader_load(r, &a, &err);
		if (ret < 0) {
			FUZZ_ASSERT_MSG(ret == SLANT_EDATA || ret == SLANT_ELIMIT || ret == SLANT_ENOMEM,
					err.msg);
			check_failure(ret, &err);
			if (ret == SLANT_ENOMEM) {
				st.stop = ret;
				break;
			}
			st.bad++;
			continue;
		}
		FUZZ_ASSERT_MSG(ret == 0, "a record dropped without a filter");
		FUZZ_ASSERT(err.code == 0);
		check_article(&a);
		st.kept++;
		if (fn)
			fn(&a, ctx);
	}
	/* The end stays the end. */
	if (!st.stop) {
		slant_err_clear(&err);
		FUZZ_ASSERT(slant_reader_next(r, &a, &err) == 0);
	}
	slant_article_release(&a);
	slant_reader_free(r);
	if (stats)
		*stats = st;
}

/* --------------------------------------------------------------- documents */

static bool ascii_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* slant_doc_span_text() over [a, b): one line of text as a reader sees it. */
static void check_span(const struct slant_doc *d, const char *text, uint32_t a, uint32_t b,
		       bool nonempty, struct slant_buf *out)
{
	const char *s;
	size_t n;

	slant_buf_reset(out);
	FUZZ_ASSERT(slant_doc_span_text(d, text, a, b, out) == 0);
	s = out->data;
	n = out->len;
	FUZZ_ASSERT(s[n] == '\0');
	if (nonempty)
		FUZZ_ASSERT_MSG(n > 0, "the span of a sentence or paragraph is empty");
	FUZZ_ASSERT_MSG(fuzz_utf8_valid(s, n, false), "span text");
	if (!n)
		return;
	FUZZ_ASSERT_MSG(s[0] != ' ' && s[n - 1] != ' ', s);
	for (size_t i = 0; i < n; i++) {
		FUZZ_ASSERT_MSG(!ascii_space((unsigned char)s[i]) || s[i] == ' ', s);
		FUZZ_ASSERT_MSG(!(s[i] == ' ' && s[i + 1] == ' '), s);
	}
}

void fuzz_check_doc(const struct slant_doc *d, const char *text, size_t len, unsigned flags)
{
	size_t nt, ns, np, nx, words = 0, next_tok = 0, next_sent = 0, xi = 0;
	const struct slant_token *t = slant_doc_tokens(d, &nt);
	const struct slant_sentence *s = slant_doc_sentences(d, &ns);
	const struct slant_paragraph *p = slant_doc_paragraphs(d, &np);
	const struct slant_strip *x = slant_doc_stripped(d, &nx);
	const unsigned char *u = (const unsigned char *)text;
	const uint64_t *h = slant_doc_hashes(d), *wh = slant_doc_word_hashes(d);
	struct slant_buf span;

	/* Tokens: inside the text, on character boundaries, in order, not overlapping. */
	for (size_t i = 0; i < nt; i++) {
		const struct slant_token *k = &t[i];
		const char *norm = slant_doc_norm(d, k);
		bool ascii = true;

		FUZZ_ASSERT(k->start < k->end && k->end <= len);
		FUZZ_ASSERT(i == 0 || k->start >= t[i - 1].end);
		FUZZ_ASSERT(!is_cont(u[k->start]) && (k->end == len || !is_cont(u[k->end])));
		FUZZ_ASSERT(k->kind >= SLANT_TOK_WORD && k->kind <= SLANT_TOK_SYMBOL);
		FUZZ_ASSERT(k->para < np || k->para == 0xFFFF);
		FUZZ_ASSERT(norm && strlen(norm) == k->norm_len);
		/* the hashes the matchers use are those of the normal form */
		FUZZ_ASSERT(h[i] == slant_text_hash(norm, k->norm_len));
		FUZZ_ASSERT(wh[i] == slant_text_word_hash(norm, k->norm_len));
		FUZZ_ASSERT_MSG(fuzz_utf8_valid(norm, k->norm_len, false), "a token's normal form");
		for (uint32_t j = k->start; j < k->end; j++) {
			FUZZ_ASSERT_MSG(!ascii_space(u[j]), "whitespace inside a token");
			ascii &= u[j] < 0x80;
		}
		if (ascii) {
			/* ASCII normalises to its lower case, byte for byte. */
			FUZZ_ASSERT(k->norm_len == k->end - k->start);
			for (uint32_t j = 0; j < k->norm_len; j++) {
				unsigned char c = u[k->start + j];
				if (c >= 'A' && c <= 'Z')
					c = (unsigned char)(c + 32);
				FUZZ_ASSERT_MSG((unsigned char)norm[j] == c, norm);
			}
		}
		if (k->kind == SLANT_TOK_WORD || k->kind == SLANT_TOK_NUMBER)
			words++;
	}
	FUZZ_ASSERT(words == slant_doc_words(d));

	/* Paragraphs: contiguous token and sentence ranges covering everything, in order. */
	for (size_t k = 0; k < np; k++) {
		const struct slant_paragraph *pp = &p[k];
		uint32_t tb = pp->tok_begin;

		FUZZ_ASSERT(pp->tok_begin == next_tok);
		FUZZ_ASSERT(pp->tok_begin <= pp->tok_end && pp->tok_end <= nt);
		FUZZ_ASSERT(pp->start <= pp->end && pp->end <= len);
		FUZZ_ASSERT(k == 0 || pp->start >= p[k - 1].end);
		if (pp->tok_end > pp->tok_begin) {
			FUZZ_ASSERT(pp->start == t[pp->tok_begin].start);
			FUZZ_ASSERT(pp->end == t[pp->tok_end - 1].end);
		}
		for (uint32_t i = pp->tok_begin; i < pp->tok_end; i++)
			FUZZ_ASSERT(t[i].para == (k > 0xFFFF ? 0xFFFF : k));
		if (flags & SLANT_DOC_NO_REPAIR)
			FUZZ_ASSERT_MSG(pp->joined == 0, "a paragraph repaired under NO_REPAIR");
		FUZZ_ASSERT(pp->sent_begin == next_sent);
		FUZZ_ASSERT(pp->sent_begin <= pp->sent_end && pp->sent_end <= ns);
		for (uint32_t j = pp->sent_begin; j < pp->sent_end; j++) {
			const struct slant_sentence *ss = &s[j];
			FUZZ_ASSERT(ss->para == k);
			FUZZ_ASSERT(ss->tok_begin == tb && ss->tok_begin < ss->tok_end);
			FUZZ_ASSERT(ss->tok_end <= pp->tok_end);
			FUZZ_ASSERT(ss->start == t[ss->tok_begin].start);
			FUZZ_ASSERT(ss->end == t[ss->tok_end - 1].end);
			tb = ss->tok_end;
		}
		FUZZ_ASSERT_MSG(tb == pp->tok_end, "sentences leave tokens of their paragraph out");
		next_tok = pp->tok_end;
		next_sent = pp->sent_end;
	}
	FUZZ_ASSERT_MSG(next_tok == nt, "tokens outside every paragraph");
	FUZZ_ASSERT_MSG(next_sent == ns, "sentences outside every paragraph");

	/* Stripped lines: whole lines, in order, apart from every token. */
	if (flags & SLANT_DOC_NO_STRIP)
		FUZZ_ASSERT(nx == 0);
	for (size_t k = 0; k < nx; k++) {
		FUZZ_ASSERT(x[k].start <= x[k].end && x[k].end <= len);
		FUZZ_ASSERT(k == 0 || x[k].start > x[k - 1].end);
		FUZZ_ASSERT(x[k].start == 0 || text[x[k].start - 1] == '\n');
		FUZZ_ASSERT(x[k].end == len || text[x[k].end] == '\n' || text[x[k].end] == '\r');
		FUZZ_ASSERT(x[k].zone >= SLANT_ZONE_HEAD && x[k].zone <= SLANT_ZONE_TAIL);
		FUZZ_ASSERT(x[k].kind && x[k].kind[0] && x[k].rule);
	}
	for (size_t i = 0; i < nt; i++) {
		while (xi < nx && x[xi].end <= t[i].start)
			xi++;
		FUZZ_ASSERT_MSG(xi == nx || t[i].end <= x[xi].start, "a token in a stripped line");
	}

	/* What a reader sees of each sentence and paragraph, and of the whole. */
	slant_buf_init(&span, 0);
	for (size_t j = 0; j < ns; j++)
		check_span(d, text, s[j].start, s[j].end, true, &span);
	for (size_t k = 0; k < np; k++)
		check_span(d, text, p[k].start, p[k].end, p[k].tok_end > p[k].tok_begin, &span);
	check_span(d, text, 0, (uint32_t)len, nt > 0, &span);
	slant_buf_release(&span);
}
