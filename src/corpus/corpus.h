/*
 * corpus.h - what the corpus module's files share; not installed.
 */
#ifndef SLANT_CORPUS_H
#define SLANT_CORPUS_H

#include "internal.h"

#include <stdatomic.h>
#include <zlib.h>
#ifdef SLANT_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

/* The six fields slant itself uses, by slot. */
enum { F_ID, F_OUTLET, F_TITLE, F_DATE, F_URL, F_TEXT, F_NAMED };
extern const char *const corpus_named[F_NAMED];

struct fieldmap {
	char *name;   /* what slant calls it */
	char *source; /* what the input calls it */
};

struct filter {
	char *field; /* the mapped name when the input's name was given */
	char **values;
	size_t nvalues;
};

/*
 * A byte stream, plain or gzip, read in large chunks. gzip goes through ISA-L's inflate when
 * slant is built with it (four times zlib's speed here: 0.3 s against 1.3 s for AllSides
 * train, a sixth of what `score` spends), else through zlib.
 */
struct stream {
#ifdef SLANT_HAVE_ISAL
	int fd;
	struct inflate_state *isal; /* NULL: a plain file, served from `in` */
	unsigned char *in;          /* compressed input */
	size_t in_len;
	bool in_eof, probed, gzip; /* probed: the first bytes told gzip from plain */
	bool in_header;             /* a member's header is being read */
	struct isal_gzip_header gzh; /* its fields, kept across reads: a header may span two */
#else
	gzFile gz;
#endif
	const char *name;
	unsigned char *buf;
	size_t pos, len;
	bool eof;
	long line;                 /* newlines consumed so far */
	_Atomic uint64_t *counter; /* uncompressed bytes read, or NULL */
};

int stream_open(struct stream *st, const char *path, _Atomic uint64_t *counter,
		struct slant_err *err);
void stream_close(struct stream *st);
/* Reads more into the buffer, keeping unread bytes. 1 = more, 0 = end, SLANT_EIO. */
int stream_fill(struct stream *st, struct slant_err *err);

/* A table with a header (CSV, TSV, a manifest). */
struct table {
	char sep;
	char **names;
	size_t nnames;
	bool header_done;
};

void table_release(struct table *t);
/*
 * Reads one record: its fields into `out` as NUL-terminated strings back to back, their starts
 * in `*offs`. `*line` receives the line the record starts on. Blank lines are skipped. The
 * first record read is kept as the header. 1 = a record, 0 = end, SLANT_EDATA / SLANT_ELIMIT
 * for a bad record (skipped; reading may go on), SLANT_EIO.
 */
int table_read(struct table *t, struct stream *st, size_t max, struct slant_buf *out,
	       size_t **offs, size_t *noffs, size_t *capoffs, long *line, struct slant_err *err);

/* One .txt file of a directory (or a single text file), or a manifest row naming none. */
struct dir_entry {
	char *path;  /* NULL for a manifest row whose file is missing */
	char *id;    /* file name without extension */
	long row;    /* index into the manifest's rows, -1 when none */
};

struct manifest {
	char *path;
	char **names;
	size_t nnames;
	struct mrow {
		char **values; /* NULL for a bad row */
		char *error;   /* why a bad row is bad */
		long line;
	} *rows;
	size_t nrows, caprows;
	long file_col;
};

struct input {
	char *path;
	int fmt; /* SLANT_INPUT_* as given or guessed from the name; AUTO until opened */
	bool is_dir;
};

struct slant_reader {
	struct fieldmap *maps;
	size_t nmaps, capmaps;
	struct filter *filters;
	size_t nfilters, capfilters;
	char *outlet;
	int fmt;
	size_t max_record;

	struct input *inputs;
	size_t ninputs, capinputs, cur;
	bool open; /* inputs[cur] is open */

	/* a JSON Lines, CSV or TSV file being read */
	struct stream st;
	int st_fmt;
	struct table table;
	struct slant_buf rec;
	size_t *offs, noffs, capoffs;

	/* a directory or a text file being read */
	struct dir_entry *entries;
	size_t nentries, centry;
	struct manifest man;

	uint64_t index;
	_Atomic uint64_t bytes;
};

#endif
