/*
 * internal.h - helpers shared by libslant's modules; not installed.
 */
#ifndef SLANT_INTERNAL_H
#define SLANT_INTERNAL_H

#include "slant.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SLANT_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Sets `err` (if not NULL) and returns `code`, so a failure reads `return slant_fail(err, ...)`.
 * `file` may be NULL; `line` 0 and `byte` -1 mean unknown.
 */
int slant_fail(struct slant_err *err, int code, const char *file, long line, long byte,
	       const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Out of memory, the one message for it. */
int slant_fail_oom(struct slant_err *err);

/*
 * Grows `*arr` (of `*cap` elements of `size` bytes) to hold at least `need` elements, doubling.
 * Returns 0 or SLANT_ENOMEM, leaving the array as it was on failure.
 */
int slant_grow_array(void **arr, size_t *cap, size_t need, size_t size);

/* The common case, room already, is tested inline: hot loops grow arrays per match. `need`
 * is evaluated twice. */
#define SLANT_GROW(arr, cap, need)                                                     \
	((need) > (cap) ? slant_grow_array((void **)&(arr), &(cap), (need), sizeof(*(arr))) \
			: 0)

/* qsort()/bsearch() comparison of two `const char *` elements. */
int slant_cmp_cstr(const void *a, const void *b);

/* Whether s[0..n) starts with a UTF-8 byte order mark. */
static inline bool slant_has_bom(const void *s, size_t n)
{
	const unsigned char *u = s;
	return n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
}

/*
 * Splits the line [s, e) at tabs: the first `max` fields' starts and lengths go to f[] and
 * fl[]. Returns how many fields there are (possibly more than max).
 */
size_t slant_split_tabs(const char *s, const char *e, const char **f, size_t *fl, size_t max);

/*
 * Reads the whole file at `path` into `out` (which caps its size). 0, or SLANT_EIO /
 * SLANT_ENOMEM / SLANT_ELIMIT with `err` naming the file.
 */
int slant_read_file(const char *path, struct slant_buf *out, struct slant_err *err);

/* Duplicates `n` bytes of `s` as a NUL-terminated heap string; NULL on out of memory. */
char *slant_memdup0(const char *s, size_t n);

/* ------------------------------------------------------------ UTF-8 and text */

/*
 * Decodes one UTF-8 character at s[i] (i < n) into *cp and returns its length, or 0 when the
 * bytes at s[i] are not a valid character (overlong, surrogate, truncated, > U+10FFFF).
 */
size_t slant_utf8_decode(const unsigned char *s, size_t n, size_t i, int32_t *cp);

/* Encodes `cp` into out (at least 4 bytes) and returns the length. */
size_t slant_utf8_encode(int32_t cp, char *out);

/* Whether every byte of s[0..n) is valid UTF-8 with no NUL. */
bool slant_utf8_valid(const char *s, size_t n);

/*
 * Appends the normalised form of s[0..n) (valid UTF-8) to `out`: the shared core of token
 * normalisation and slant_norm_run(). When `segs` is not NULL, appends the offset map to it as
 * described in norm.c. Returns 0 or a negative code.
 */
struct slant_norm_seg {
	uint32_t norm; /* start in the normalised text */
	uint32_t orig; /* start in the original */
	uint32_t norm_len, orig_len;
	uint32_t linear; /* 1: byte i of the one is byte i of the other (ASCII runs) */
};
struct slant_segs {
	struct slant_norm_seg *v;
	size_t n, cap;
};
int slant_norm_append(const char *s, size_t n, uint32_t base, struct slant_buf *out,
		      struct slant_segs *segs);
/* The whole-string utf8proc route with the same result, for the slow path and its test. */
int slant_norm_append_slow(const char *s, size_t n, struct slant_buf *out);

/* ASCII case folding and classes without locale. */
static inline int slant_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}
static inline bool slant_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* --------------------------------------------------------------- lexicons */

/*
 * While on, terms added to `lx` only start at a capitalised token (names: "Will Hurd" is not
 * looked up at every "will"). Matches are the same as checking the case afterwards, minus the
 * work on lower-case tokens.
 */
void slant_lexicon_caps_only(struct slant_lexicon *lx, bool on);
/*
 * slant_lexicon_match() over the tokens before `end` whose skip[] has none of `skip_bits`
 * (skip may be NULL): no term starts in, or goes across, a skipped run.
 */
int slant_lexicon_match_where(const struct slant_lexicon *lx, const struct slant_doc *d,
			      size_t end, const uint32_t *skip, uint32_t skip_bits,
			      struct slant_matches *m, struct slant_err *err);

/* --------------------------------------------------------------- corpus */

/* The reader's decoding step, shared by the formats (corpus/article.c). */
struct slant_rawfield {
	uint32_t name;  /* offset of the NUL-terminated name in the article's raw buffer */
	uint32_t value; /* offset of the value */
	uint32_t len;   /* length of the value */
};

enum slant_raw_kind {
	SLANT_RAW_NONE = 0,
	SLANT_RAW_JSON,   /* raw holds one JSON text to decode */
	SLANT_RAW_FIELDS, /* raw holds fields already split (CSV, TSV, text file + manifest) */
};

struct slant_article_priv {
	int kind;
	struct slant_buf raw;      /* the record as read: JSON text, or name\0value\0 pairs */
	struct slant_buf store;    /* decoded, repaired strings the article points into */
	struct slant_rawfield *rf; /* raw fields (SLANT_RAW_FIELDS) */
	size_t nrf, caprf;
	int text_rf;               /* the raw field that is the text whatever the mapping, or -1 */
	struct slant_field *fields;
	size_t capfields;
	char source_id[80];        /* fallback id: "<input>:<line>" */
	struct slant_buf source;   /* the input's name: the reader may close it first */
	struct slant_buf default_id; /* a text file's base name, or empty */
};

/* Makes `a` ready to receive a raw record of `kind`. 0 or SLANT_ENOMEM. */
int slant_article_prepare(struct slant_article *a, int kind);
/* Adds a raw field (name and value copied into the raw buffer). */
int slant_article_raw_field(struct slant_article *a, const char *name, size_t name_len,
			    const char *value, size_t len);

#endif
