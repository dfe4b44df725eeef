/*
 * csv.c - byte streams through zlib, and CSV/TSV tables (RFC 4180 quoting, fields spanning
 * lines, CRLF, a byte order mark) read one record at a time.
 */
#include "corpus.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STREAM_CHUNK (256u << 10)

int stream_open(struct stream *st, const char *path, _Atomic uint64_t *counter,
		struct slant_err *err)
{
	int fd;

	memset(st, 0, sizeof(*st));
	st->name = path;
	st->counter = counter;
	fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : dup(0);
	if (fd < 0)
		return slant_fail(err, SLANT_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
	st->gz = gzdopen(fd, "rb");
	st->buf = malloc(STREAM_CHUNK);
	if (!st->gz || !st->buf) {
		if (st->gz)
			gzclose(st->gz);
		else
			close(fd);
		free(st->buf);
		memset(st, 0, sizeof(*st));
		return slant_fail_oom(err);
	}
	gzbuffer(st->gz, STREAM_CHUNK);
	return 0;
}

void stream_close(struct stream *st)
{
	if (st->gz)
		gzclose(st->gz);
	free(st->buf);
	memset(st, 0, sizeof(*st));
}

int stream_fill(struct stream *st, struct slant_err *err)
{
	int n, zerr;
	const char *msg;

	if (st->eof)
		return 0;
	if (st->pos < st->len)
		return 1;
	n = gzread(st->gz, st->buf, STREAM_CHUNK);
	if (n < 0) {
		msg = gzerror(st->gz, &zerr);
		return slant_fail(err, SLANT_EIO, st->name, st->line + 1, -1, "cannot read: %s",
				  zerr == Z_ERRNO ? strerror(errno) : msg);
	}
	if (n == 0) {
		/* zlib reports a truncated gzip member only here, as an error after the data. */
		msg = gzerror(st->gz, &zerr);
		if (zerr != Z_OK && zerr != Z_BUF_ERROR)
			return slant_fail(err, SLANT_EIO, st->name, st->line + 1, -1,
					  "cannot read: %s", msg);
		if (zerr == Z_BUF_ERROR)
			return slant_fail(err, SLANT_EIO, st->name, st->line + 1, -1,
					  "cannot read: compressed data is truncated");
		st->eof = true;
		return 0;
	}
	st->pos = 0;
	st->len = (size_t)n;
	if (st->counter)
		atomic_fetch_add_explicit(st->counter, (uint64_t)n, memory_order_relaxed);
	return 1;
}

void table_release(struct table *t)
{
	for (size_t i = 0; i < t->nnames; i++)
		free(t->names[i]);
	free(t->names);
	memset(t, 0, sizeof(*t));
}

enum { S_START, S_PLAIN, S_QUOTED, S_QUOTE_IN_QUOTED };

/*
 * A TSV field that opened with a quotation mark but was not quoted after all ("We will
 * fight," the mayor said): put back the marks the quoting took, so the text is as written.
 */
static int unquote(struct slant_buf *out, size_t field, bool closing)
{
	int ret = slant_buf_grow(out, 2);

	if (ret)
		return ret;
	memmove(out->data + field + 1, out->data + field, out->len - field);
	out->data[field] = '"';
	out->len++;
	if (closing)
		out->data[out->len++] = '"';
	out->data[out->len] = '\0';
	return 0;
}

/*
 * Reads one physical record, blank lines included; 1, 0 at the end, or a negative code. The
 * fields and their terminators count against `max`, so a record of separators is capped too.
 */
static int read_raw_record(struct table *t, struct stream *st, size_t max, struct slant_buf *out,
			   size_t **offs, size_t *noffs, size_t *capoffs, long *line,
			   struct slant_err *err)
{
	int state = S_START, ret;
	bool any = false, too_long = false, tsv = t->sep == '\t';
	long start = st->line + 1;
	unsigned char sep = (unsigned char)t->sep;

	slant_buf_reset(out);
	*noffs = 0;
#define ADD(c)                                                                     \
	do {                                                                       \
		if (too_long || out->len >= max || slant_buf_addc(out, (char)(c))) \
			too_long = true;                                           \
	} while (0)
#define START_FIELD()                                                              \
	do {                                                                       \
		if (!too_long && SLANT_GROW(*offs, *capoffs, *noffs + 1))          \
			return slant_fail_oom(err);                                \
		if (!too_long)                                                     \
			(*offs)[(*noffs)++] = out->len;                            \
	} while (0)
#define END_FIELD() ADD(0)
#define UNQUOTE(closing)                                                           \
	do {                                                                       \
		if (!too_long && (out->len + 2 > max ||                            \
				  unquote(out, (*offs)[*noffs - 1], closing)))     \
			too_long = true;                                           \
	} while (0)
	START_FIELD();
	for (;;) {
		if (st->pos == st->len) {
			ret = stream_fill(st, err);
			if (ret < 0)
				return ret;
			if (ret == 0) {
				if (!any)
					return 0;
				if (state == S_QUOTED && !tsv) {
					*line = start;
					return slant_fail(err, SLANT_EDATA, st->name, start, -1,
							  "unterminated quoted field");
				}
				if (state == S_QUOTED)
					UNQUOTE(false);
				goto done;
			}
		}
		unsigned char c = st->buf[st->pos++];
		any = true;
		if (c == '\n')
			st->line++;
		switch (state) {
		case S_START:
			if (c == '"') {
				state = S_QUOTED;
				continue;
			}
			state = S_PLAIN;
			/* fall through */
		case S_PLAIN:
			if (c == sep) {
				END_FIELD();
				START_FIELD();
				state = S_START;
				continue;
			}
			if (c == '\n')
				goto done;
			break;
		case S_QUOTED:
			if (c == '"') {
				state = S_QUOTE_IN_QUOTED;
				continue;
			}
			if (c == sep && tsv) {
				/* quoted TSV fields hold newlines, not tabs: this one was not quoted */
				UNQUOTE(false);
				END_FIELD();
				START_FIELD();
				state = S_START;
				continue;
			}
			break;
		case S_QUOTE_IN_QUOTED:
			if (c == '"') {
				state = S_QUOTED; /* "" is one quotation mark */
				break;
			}
			if (c == sep) {
				END_FIELD();
				START_FIELD();
				state = S_START;
				continue;
			}
			if (c == '\n')
				goto done;
			if (c == '\r')
				continue;
			/* Text after a closing quote: kept, as spreadsheets do (with its marks in TSV). */
			if (tsv)
				UNQUOTE(true);
			state = S_PLAIN;
			break;
		}
		ADD(c);
	}
done:
	/* CRLF: the CR belongs to the line ending, not the last field. */
	if (!too_long && state == S_PLAIN && out->len > (*offs)[*noffs - 1] &&
	    out->data[out->len - 1] == '\r')
		out->data[--out->len] = '\0';
	END_FIELD();
	*line = start;
	if (too_long)
		return slant_fail(err, SLANT_ELIMIT, st->name, start, -1,
				  "record larger than %zu bytes", max);
	return 1;
#undef ADD
#undef START_FIELD
#undef END_FIELD
#undef UNQUOTE
}

int table_read(struct table *t, struct stream *st, size_t max, struct slant_buf *out,
	       size_t **offs, size_t *noffs, size_t *capoffs, long *line, struct slant_err *err)
{
	int ret;

	if (!t->header_done && st->line == 0 && st->pos == 0) {
		/* A byte order mark goes before anything is parsed, so a quoted header still is. */
		if ((ret = stream_fill(st, err)) < 0)
			return ret;
		if (slant_has_bom(st->buf + st->pos, st->len - st->pos))
			st->pos += 3;
	}
	for (;;) {
		ret = read_raw_record(t, st, max, out, offs, noffs, capoffs, line, err);
		if (ret <= 0)
			return ret;
		if (*noffs == 1 && !out->data[(*offs)[0]])
			continue; /* a blank line */
		if (!t->header_done) {
			t->names = calloc(*noffs, sizeof(*t->names));
			if (!t->names)
				return slant_fail_oom(err);
			t->nnames = *noffs;
			for (size_t i = 0; i < *noffs; i++) {
				t->names[i] = strdup(out->data + (*offs)[i]);
				if (!t->names[i])
					return slant_fail_oom(err);
				if (!t->names[i][0])
					return slant_fail(err, SLANT_EDATA, st->name, *line, -1,
							  "header: column %zu has no name", i + 1);
			}
			t->header_done = true;
			continue;
		}
		if (*noffs != t->nnames)
			return slant_fail(err, SLANT_EDATA, st->name, *line, -1,
					  "expected %zu fields as in the header, found %zu",
					  t->nnames, *noffs);
		return 1;
	}
}
