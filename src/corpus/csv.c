/*
 * csv.c - byte streams (plain or gzip, through ISA-L or zlib), and CSV/TSV tables (RFC 4180 quoting, fields spanning
 * lines, CRLF, a byte order mark) read one record at a time.
 */
#include "corpus.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STREAM_CHUNK (256u << 10)

#ifdef SLANT_HAVE_ISAL

int stream_open(struct stream *st, const char *path, _Atomic uint64_t *counter,
		struct slant_err *err)
{
	memset(st, 0, sizeof(*st));
	st->name = path;
	st->counter = counter;
	st->fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : dup(0);
	if (st->fd < 0)
		return slant_fail(err, SLANT_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
	if (!(st->buf = malloc(STREAM_CHUNK)) || !(st->in = malloc(STREAM_CHUNK))) {
		close(st->fd);
		free(st->buf);
		free(st->in);
		memset(st, 0, sizeof(*st));
		return slant_fail_oom(err);
	}
	return 0;
}

void stream_close(struct stream *st)
{
	if (st->buf)
		close(st->fd);
	free(st->isal);
	free(st->in);
	free(st->buf);
	memset(st, 0, sizeof(*st));
}

/* Reads more compressed (or plain) input into `in`, after what is left of it. */
static int read_in(struct stream *st, struct slant_err *err)
{
	/* what is left: gzip input not consumed yet, or the first bytes while probing */
	size_t keep = st->isal ? st->isal->avail_in : st->in_len;

	if (st->isal && keep)
		memmove(st->in, st->isal->next_in, keep);
	ssize_t n;
	do
		n = read(st->fd, st->in + keep, STREAM_CHUNK - keep);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return slant_fail(err, SLANT_EIO, st->name, st->line + 1, -1, "cannot read: %s",
				  strerror(errno));
	st->in_eof = n == 0;
	st->in_len = keep + (size_t)n;
	if (st->isal) {
		st->isal->next_in = st->in;
		st->isal->avail_in = (uint32_t)st->in_len;
	}
	return 0;
}

/*
 * A member starts: its header is read by isal_read_gzip_header(), which resumes across reads
 * (isal_inflate() would lose a header cut by a read: intel/isa-l#224, a long file name at a
 * 256 KiB boundary); isal_inflate() then checks the trailer's CRC and size.
 */
static int start_member(struct stream *st)
{
	isal_inflate_reset(st->isal);
	isal_gzip_header_init(&st->gzh);
	st->in_header = true;
	st->isal->crc_flag = ISAL_GZIP_NO_HDR_VER;
	return 0;
}

/* The next chunk of a gzip stream into buf: its length, 0 at the end, or a negative code. */
static int inflate_chunk(struct stream *st, struct slant_err *err)
{
	struct inflate_state *z = st->isal;
	int ret;

	z->next_out = st->buf;
	z->avail_out = STREAM_CHUNK;
	for (;;) {
		if (z->block_state == ISAL_BLOCK_FINISH) {
			/* a member ends: another may follow; anything else after it is ignored, as
			 * gzip and zlib do */
			if (!z->avail_in && !st->in_eof && (ret = read_in(st, err)))
				return ret;
			if (z->avail_in < 2 && !st->in_eof && (ret = read_in(st, err)))
				return ret;
			if (z->avail_in >= 2 && z->next_in[0] == 0x1f && z->next_in[1] == 0x8b) {
				uint8_t *next = z->next_in;
				uint32_t avail = z->avail_in;
				start_member(st);
				z->next_in = next;
				z->avail_in = avail;
				z->next_out = st->buf;
				z->avail_out = STREAM_CHUNK;
			} else {
				return 0;
			}
		}
		if (!z->avail_in && !st->in_eof && (ret = read_in(st, err)))
			return ret;
		if (!z->avail_in && st->in_eof)
			return slant_fail(err, SLANT_EIO, st->name, st->line + 1, -1,
					  "cannot read: compressed data is truncated");
		if (st->in_header) {
			ret = isal_read_gzip_header(z, &st->gzh);
			if (ret == ISAL_END_INPUT)
				continue; /* the rest of it comes with the next read */
			if (ret != ISAL_DECOMP_OK)
				return slant_fail(err, SLANT_EIO, st->name, st->line + 1, -1,
						  "cannot read: bad gzip header");
			st->in_header = false;
		}
		ret = isal_inflate(z);
		if (ret < 0)
			return slant_fail(err, SLANT_EIO, st->name, st->line + 1, -1,
					  "cannot read: %s",
					  ret == ISAL_INCORRECT_CHECKSUM ? "compressed data fails its checksum" :
					  ret == ISAL_INVALID_WRAPPER || ret == ISAL_UNSUPPORTED_METHOD ?
									"bad gzip header" :
									"invalid compressed data");
		size_t made = STREAM_CHUNK - z->avail_out;
		if (made)
			return (int)made;
	}
}

int stream_fill(struct stream *st, struct slant_err *err)
{
	int ret;

	if (st->eof)
		return 0;
	if (st->pos < st->len)
		return 1;
	if (!st->probed) {
		/* the first two bytes tell gzip from plain (a pipe may give them one at a time) */
		st->probed = true;
		do
			if ((ret = read_in(st, err)))
				return ret;
		while (st->in_len < 2 && !st->in_eof);
		if (st->in_len >= 2 && st->in[0] == 0x1f && st->in[1] == 0x8b) {
			if (!(st->isal = malloc(sizeof(*st->isal))))
				return slant_fail_oom(err);
			isal_inflate_init(st->isal);
			start_member(st);
			st->isal->next_in = st->in;
			st->isal->avail_in = (uint32_t)st->in_len;
			st->gzip = true;
		}
	} else if (!st->gzip && (ret = read_in(st, err))) {
		return ret;
	}
	size_t n;
	if (st->gzip) {
		if ((ret = inflate_chunk(st, err)) < 0)
			return ret;
		n = (size_t)ret;
	} else {
		/* plain: the input buffer is the output; swap them */
		unsigned char *t = st->buf;
		st->buf = st->in;
		st->in = t;
		n = st->in_len;
		st->in_len = 0;
	}
	if (!n) {
		st->eof = true;
		return 0;
	}
	st->pos = 0;
	st->len = n;
	if (st->counter)
		atomic_fetch_add_explicit(st->counter, (uint64_t)n, memory_order_relaxed);
	return 1;
}

#else /* zlib */

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

#endif

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
