/*
 * fuzz_helpers.h - what the fuzz targets share: checks that stay on in release builds, a UTF-8
 * validator of our own (so the library's is not trusted to check itself), temporary files, the
 * corpus reader loop with its invariants, and the invariants of an analysed document.
 */
#ifndef SLANT_FUZZ_HELPERS_H
#define SLANT_FUZZ_HELPERS_H

#include "slant.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Prints where and what failed, then abort()s: libFuzzer and ctest both see a crash. */
_Noreturn void fuzz_fail(const char *file, int line, const char *what, const char *detail);

#define FUZZ_ASSERT(cond)                                                  \
	do {                                                               \
		if (!(cond))                                               \
			fuzz_fail(__FILE__, __LINE__, #cond, NULL);        \
	} while (0)

/* The same with a string saying more, e.g. an error message. */
#define FUZZ_ASSERT_MSG(cond, detail)                                      \
	do {                                                               \
		if (!(cond))                                               \
			fuzz_fail(__FILE__, __LINE__, #cond, (detail));    \
	} while (0)

/* Strict UTF-8 (RFC 3629: no overlong forms, surrogates or values past U+10FFFF). */
bool fuzz_utf8_valid(const char *s, size_t n, bool allow_nul);

/*
 * slant_utf8_repair() of data[0..size) appended to `out`, checked: the result is valid UTF-8
 * without NUL, equal to the input when that was already valid, and its length agrees with the
 * count of replaced bytes.
 */
void fuzz_repair(const uint8_t *data, size_t size, struct slant_buf *out);

/* The temporary directory: $TMPDIR, else /tmp. */
const char *fuzz_tmpdir(void);
/* Writes `data` to `path` (created or truncated); aborts when the file system fails. */
void fuzz_write_file(const char *path, const void *data, size_t size);
/* Writes `data` to a new temporary file whose name ends in `suffix`; returns its path (free it). */
char *fuzz_temp_file(const void *data, size_t size, const char *suffix);
/* Makes a new empty temporary directory; returns its path (free it). */
char *fuzz_temp_dir(void);

/* ------------------------------------------------------------ corpus reader */

/* Largest record the fuzzed readers accept: small, so the size cap paths are reached too. */
#define FUZZ_MAX_RECORD 1024

/* The field mapping and default outlet every reader target uses. */
#define FUZZ_TEXT_MAP "text=content_original"
#define FUZZ_OUTLET "fuzz-outlet"

struct fuzz_read_stats {
	size_t calls;   /* slant_reader_next() calls */
	size_t records; /* records read (next returned 1) */
	size_t kept;    /* articles loaded */
	size_t bad;     /* bad records: EDATA or ELIMIT from next or load */
	int stop;       /* SLANT_EIO or SLANT_ENOMEM when reading stopped early, else 0 */
};

/* Called for every kept article, after the generic checks. */
typedef void (*fuzz_article_fn)(const struct slant_article *a, void *ctx);

/*
 * Reads every path to the end through one reader (FUZZ_TEXT_MAP, FUZZ_OUTLET,
 * FUZZ_MAX_RECORD), checking return codes, error records and every kept article: id, outlet
 * and text set, values valid UTF-8 and NUL-terminated at their length. `budget` bounds the
 * calls to slant_reader_next(), so a reader that stops making progress is a failure.
 */
void fuzz_read_inputs(const char *const *paths, size_t npaths, size_t budget,
		      fuzz_article_fn fn, void *ctx, struct fuzz_read_stats *stats);

/* A bound on the records `size` input bytes can hold, gzip expansion included. */
size_t fuzz_record_budget(size_t size);

/* --------------------------------------------------------------- documents */

/*
 * Checks everything slant.h promises about an analysis of text[0..len) (valid UTF-8 without
 * NUL) made with `flags`: tokens, paragraphs, sentences, stripped lines, normalised forms and
 * slant_doc_span_text() over every sentence and paragraph.
 */
void fuzz_check_doc(const struct slant_doc *d, const char *text, size_t len, unsigned flags);

#endif
