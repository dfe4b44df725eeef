/*
 * slant.h - the public interface of libslant, a source bias and framing analyzer.
 *
 * Conventions, for every function below:
 * - Fallible functions return 0 (or a documented positive value) on success and a negative
 *   SLANT_E* code on failure; constructors return a pointer or NULL.
 * - The last parameter, `struct slant_err *err`, may be NULL. On failure it receives the code, a
 *   message in lower case without a final period, and where known the file, line and byte of the
 *   fault. It is left untouched on success, so calls can be chained and checked once.
 * - `x_new`/`x_free` pair heap handles (`x_free(NULL)` is a no-op); `x_init`/`x_release` pair
 *   structures the caller embeds.
 * - The library never prints and never exits; out of memory is SLANT_ENOMEM.
 * - Every byte offset is an offset into the article text as loaded (after invalid UTF-8 was
 *   replaced by U+FFFD, which is the only change slant ever makes to the text it reports on).
 */
#ifndef SLANT_H
#define SLANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SLANT_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

enum slant_code {
	SLANT_OK = 0,
	SLANT_ENOMEM = -1, /* out of memory */
	SLANT_EIO = -2,    /* a file could not be opened, read or written */
	SLANT_EDATA = -3,  /* malformed input: a record, a pattern file line */
	SLANT_EUSAGE = -4, /* an argument the caller got wrong */
	SLANT_ELIMIT = -5, /* a size cap was reached (record too large) */
	SLANT_ESTOP = -6,  /* a callback asked to stop */
};

struct slant_err {
	int code;
	char msg[512];
	char file[256]; /* "" when not about a file */
	long line;      /* 1-based, 0 when unknown */
	long byte;      /* 0-based byte in the line or record, -1 when unknown */
};

/** Resets `err` to "no error". */
void slant_err_clear(struct slant_err *err);

/**
 * Formats `err` as "file:line: message" (or "file: message", or "message") into `buf`,
 * always NUL-terminated. Returns `buf`.
 */
const char *slant_err_text(const struct slant_err *err, char *buf, size_t size);

/**
 * Fills `err` (may be NULL) with `code`, the place (`file` may be NULL, `line` 0 when unknown)
 * and a printf-style message, and returns `code`: for callbacks that report a bad record.
 */
int slant_err_set(struct slant_err *err, int code, const char *file, long line,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/** A short static description of a SLANT_E* code. */
const char *slant_strerror(int code);

/* --------------------------------------------------------------- buffers */

/*
 * A growable byte buffer in git's strbuf manner: `data` is never NULL and always NUL-terminated
 * after slant_buf_init(). `max` (0 = no cap) bounds its size: growing past it fails with
 * SLANT_ELIMIT, which is how hostile input is kept from taking all memory.
 */
struct slant_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
};

/** Makes `b` an empty buffer of at most `max` bytes (0: no cap). Allocates nothing. */
void slant_buf_init(struct slant_buf *b, size_t max);
/** Frees the storage; the buffer may be initialised again. */
void slant_buf_release(struct slant_buf *b);
/** Empties the buffer, keeping its storage. */
void slant_buf_reset(struct slant_buf *b);
/** Makes room for `extra` more bytes. SLANT_ENOMEM or SLANT_ELIMIT on failure. */
int slant_buf_grow(struct slant_buf *b, size_t extra);
/**
 * Append bytes, a C string, one byte or printf-style output. 0, or SLANT_ENOMEM or
 * SLANT_ELIMIT with the buffer unchanged.
 */
int slant_buf_add(struct slant_buf *b, const void *data, size_t len);
int slant_buf_adds(struct slant_buf *b, const char *s);
int slant_buf_addc(struct slant_buf *b, char c);
int slant_buf_addf(struct slant_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/** Appends `v` in decimal: what "%llu" prints, without printf's cost per call. */
int slant_buf_addu(struct slant_buf *b, unsigned long long v);
/** Appends `s` as a JSON string literal, quotes included. */
int slant_buf_add_json(struct slant_buf *b, const char *s, size_t len);
/**
 * Takes the contents out of `b`: returns the heap string (caller frees it) and leaves `b`
 * initialised and empty. NULL on out of memory.
 */
char *slant_buf_detach(struct slant_buf *b, size_t *len);

/* --------------------------------------------------------------- articles */

/* A field of an article other than the six named ones, or a renamed one (`label`). */
struct slant_field {
	const char *name;
	const char *value;
	size_t len;
};

/*
 * One article. slant_reader_next() fills `source`, `line` and `index`; slant_reader_load()
 * fills the rest. Every pointer is owned by the article and stays valid until the next
 * slant_reader_next() into it or slant_article_release(). `title`, `date` and `url` are NULL
 * when the input does not give them; `id`, `outlet` and `text` are never NULL after a
 * successful load.
 */
struct slant_article {
	const char *id;
	const char *outlet;
	const char *title;
	const char *date;
	const char *url;
	const char *text;
	size_t text_len;
	const struct slant_field *fields; /* every other field, in input order */
	size_t nfields;
	const char *source;   /* input name as given ("-" for stdin), for messages */
	long line;            /* 1-based line where the record starts */
	uint64_t index;       /* 0-based ordinal of the record across all inputs */
	size_t invalid_bytes; /* bytes of invalid UTF-8 replaced by U+FFFD, all fields */
	struct slant_article_priv *priv;
};

/** Makes `a` an empty article; its storage is allocated by the first read into it. */
void slant_article_init(struct slant_article *a);
/** Frees what `a` holds (every pointer in it becomes invalid); `a` may be initialised again. */
void slant_article_release(struct slant_article *a);
/**
 * The value of field `name`: one of id, outlet, title, date, url, text, or any other field
 * by its name after mapping. NULL when absent. Borrowed, as the article's other pointers.
 */
const char *slant_article_field(const struct slant_article *a, const char *name);

/* ---------------------------------------------------------- corpus reader */

enum slant_input_format {
	SLANT_INPUT_AUTO = 0, /* by content and name: see slant_reader_add() */
	SLANT_INPUT_JSONL,
	SLANT_INPUT_CSV,
	SLANT_INPUT_TSV,
	SLANT_INPUT_TXT,
};

struct slant_reader;

/** A reader with no inputs yet. NULL on out of memory. Free with slant_reader_free(). */
struct slant_reader *slant_reader_new(void);
/** Closes what `r` has open and frees it; articles read from it stay valid. */
void slant_reader_free(struct slant_reader *r);

/**
 * Maps a field: `spec` is "NAME=SOURCE", e.g. "text=content_original", so the input's field
 * SOURCE is read as NAME. Names id, outlet, title, date, url and text are the ones slant uses;
 * any other name (label) is kept among the article's fields. SLANT_EUSAGE on a bad spec.
 */
int slant_reader_map(struct slant_reader *r, const char *spec, struct slant_err *err);
/**
 * Adds a filter: `spec` is "FIELD=VALUE" or "FIELD=A,B" (any of them; "\," is a literal
 * comma). Values compare exactly. All filters must hold for an article to be kept; an article
 * without the field is not kept. FIELD may be a mapped name or the input's own name.
 */
int slant_reader_where(struct slant_reader *r, const char *spec, struct slant_err *err);
/** The outlet of articles whose input names none (text files without a manifest row); copied. */
int slant_reader_set_outlet(struct slant_reader *r, const char *outlet, struct slant_err *err);
/** Reads every input as `fmt` instead of guessing. */
void slant_reader_set_format(struct slant_reader *r, enum slant_input_format fmt);
/** Largest record accepted in bytes (default 64 MiB, at most 1 GiB); larger ones are bad records. */
void slant_reader_set_max_record(struct slant_reader *r, size_t max);

/**
 * Queues an input: "-" (standard input, JSON Lines unless a format was set), a directory (its
 * .txt files in name order, with metadata from manifest.tsv or manifest.csv in it), or a file.
 * Files are read through zlib, so any of them may be gzip-compressed. The format of a file is
 * taken from its name (.jsonl .ndjson .json, .csv, .tsv, .txt, before any .gz), else from its
 * first byte ('{' is JSON Lines, anything else text); .tab and .text count as .tsv and .txt.
 * Fails with SLANT_EIO when `path` cannot be opened or listed; nothing is read until
 * slant_reader_next().
 */
int slant_reader_add(struct slant_reader *r, const char *path, struct slant_err *err);

/**
 * Reads the next record into `a` (its storage is reused). Returns 1 when a record was read
 * (complete it with slant_reader_load()), 0 at the end of all inputs, SLANT_EDATA or
 * SLANT_ELIMIT for a bad record that was skipped (`err` says where; reading may go on), and
 * SLANT_EIO or SLANT_ENOMEM when reading cannot go on.
 */
int slant_reader_next(struct slant_reader *r, struct slant_article *a, struct slant_err *err);

/**
 * Completes a record read by slant_reader_next(): decodes it, applies the field mapping,
 * checks the fields slant needs, repairs invalid UTF-8 and applies the filters. Returns 0 when
 * the article is kept, 1 when a filter drops it, SLANT_EDATA for a bad record. Only reads `r`,
 * so several threads may load records of one reader at once.
 */
int slant_reader_load(const struct slant_reader *r, struct slant_article *a,
		      struct slant_err *err);

/**
 * slant_reader_next() then slant_reader_load(), skipping filtered records: 1 = an article,
 * 0 = end, negative as above.
 */
int slant_reader_read(struct slant_reader *r, struct slant_article *a, struct slant_err *err);

/** Uncompressed input bytes consumed so far; safe to call from any thread. */
uint64_t slant_reader_bytes(const struct slant_reader *r);

/* ------------------------------------------------------------------ text */

/*
 * Normalisation for matching: NFKC, Unicode case folding, and every apostrophe, quotation mark
 * and dash variant unified (’ ‘ ′ ʼ → ', “ ” „ ‟ → ", ‐ ‑ ‒ – — ― − → -; ″ is two primes, so '').
 * Plain ASCII takes a fast path; the result is byte-for-byte what the utf8proc path gives
 * (SLANT_NORM_SLOW forces it).
 */
enum {
	SLANT_NORM_SLOW = 1 << 0, /* run utf8proc over the whole text: for tests and benchmarks */
};

struct slant_norm;

/** An empty normaliser, reusable for many texts; NULL on out of memory. */
struct slant_norm *slant_norm_new(void);
void slant_norm_free(struct slant_norm *nm);
/**
 * Normalises `s` (`n` bytes, valid UTF-8) into `nm`, replacing what it held. SLANT_EDATA if
 * `s` is not valid UTF-8.
 */
int slant_norm_run(struct slant_norm *nm, const char *s, size_t n, unsigned flags,
		   struct slant_err *err);
/** The normalised text, NUL-terminated; borrowed until the next run or free. */
const char *slant_norm_text(const struct slant_norm *nm, size_t *len);
/** Offset in the original of the character that produced normalised byte `off`. */
size_t slant_norm_orig_start(const struct slant_norm *nm, size_t off);
/** End (exclusive) in the original of the character that produced normalised byte `end - 1`. */
size_t slant_norm_orig_end(const struct slant_norm *nm, size_t end);

/**
 * Repairs `s` into `out` (appending): every invalid UTF-8 sequence, and NUL, becomes U+FFFD.
 * Returns the number of bytes replaced, or a negative code.
 */
long slant_utf8_repair(const char *s, size_t n, struct slant_buf *out);

enum slant_tok_kind {
	SLANT_TOK_WORD = 1, /* letters and digits, with inner apostrophes and hyphens */
	SLANT_TOK_NUMBER,   /* 12, 1,200, 3.5, 25% */
	SLANT_TOK_QUOTE,    /* any quotation mark or apostrophe standing alone: " ' “ ” ‘ ’ « » „ */
	SLANT_TOK_PUNCT,    /* sentence and other punctuation; "..." is one token */
	SLANT_TOK_SYMBOL,   /* $ € @ # & + and other symbols */
};

enum {
	SLANT_TOKF_SPACE_BEFORE = 1 << 0, /* whitespace or start of paragraph before */
	SLANT_TOKF_SPACE_AFTER = 1 << 1,  /* whitespace or end of paragraph after */
	SLANT_TOKF_CAP = 1 << 2,          /* starts with an upper-case letter */
	SLANT_TOKF_UPPER = 1 << 3,        /* has letters, none lower case */
};

struct slant_token {
	uint32_t start, end; /* bytes of the original text */
	uint32_t norm;       /* offset of the normalised form in the document's norm buffer */
	uint32_t norm_len;
	uint8_t kind;
	uint8_t flags;
	uint16_t para; /* index of its paragraph (saturates at 65535) */
};

struct slant_sentence {
	uint32_t start, end; /* from its first token's start to its last token's end */
	uint32_t tok_begin, tok_end;
	uint32_t para;
};

struct slant_paragraph {
	uint32_t start, end;
	uint32_t tok_begin, tok_end;
	uint32_t sent_begin, sent_end;
	uint32_t joined; /* breaks repaired inside it: 0 when it was whole */
};

enum slant_strip_zone {
	SLANT_ZONE_HEAD = 1,
	SLANT_ZONE_BODY,
	SLANT_ZONE_TAIL,
};

/* A line removed as boilerplate. */
struct slant_strip {
	uint32_t start, end; /* the line, without its newline */
	uint8_t zone;
	const char *kind; /* "ad", "subscription", ... or a general rule's: "short-line", "title" */
	const char *rule; /* the pattern that matched or the rule's name: static, or the pattern set's */
};

/* Boilerplate patterns: see lexicons/boilerplate.tsv for the format. */
struct slant_boiler;

/**
 * Loads patterns from the TSV file at `path`. NULL on failure, with `err` naming the file and
 * line. Free with slant_boiler_free(). A loaded set is read-only and may be shared by threads.
 */
struct slant_boiler *slant_boiler_load(const char *path, struct slant_err *err);
/** The same from memory; `name` is used in messages. */
struct slant_boiler *slant_boiler_parse(const char *data, size_t len, const char *name,
					struct slant_err *err);
/** Frees a pattern set; the kind and rule strings of strips made with it become invalid. */
void slant_boiler_free(struct slant_boiler *bp);
/** Number of patterns loaded. */
size_t slant_boiler_count(const struct slant_boiler *bp);

enum {
	SLANT_DOC_NO_STRIP = 1 << 0,  /* keep boilerplate */
	SLANT_DOC_NO_REPAIR = 1 << 1, /* keep paragraphs broken by blank lines */
};

struct slant_doc_opts {
	const struct slant_boiler *boiler; /* NULL: general rules only */
	unsigned flags;
};

/* An analysed text: paragraphs, sentences, tokens, and what was stripped. */
struct slant_doc;

/** An empty document, reusable for many analyses; NULL on out of memory. */
struct slant_doc *slant_doc_new(void);
void slant_doc_free(struct slant_doc *d);
/**
 * Analyses `text` (valid UTF-8, as slant_reader_load() leaves it): splits lines, strips
 * boilerplate, repairs broken paragraphs, tokenises, normalises tokens and splits sentences.
 * `title` (may be NULL) lets a head line repeating the title go. `opts` may be NULL. The
 * document keeps pointers into neither `text` nor `title`; its arrays are replaced by the next
 * analysis. Texts of 4 GiB or more are SLANT_ELIMIT.
 */
int slant_doc_analyze(struct slant_doc *d, const char *text, size_t len, const char *title,
		      const struct slant_doc_opts *opts, struct slant_err *err);

/** The document's arrays, borrowed until its next analysis or free; `n` receives the count. */
const struct slant_token *slant_doc_tokens(const struct slant_doc *d, size_t *n);
const struct slant_sentence *slant_doc_sentences(const struct slant_doc *d, size_t *n);
const struct slant_paragraph *slant_doc_paragraphs(const struct slant_doc *d, size_t *n);
const struct slant_strip *slant_doc_stripped(const struct slant_doc *d, size_t *n);
/** The normalised form of a token, NUL-terminated (length in tok->norm_len). */
const char *slant_doc_norm(const struct slant_doc *d, const struct slant_token *tok);
/** Word and number tokens. */
size_t slant_doc_words(const struct slant_doc *d);
/**
 * Appends the original text of [start, end) to `out` as a reader sees it: stripped lines left
 * out and every run of whitespace, line breaks included, turned into one space.
 */
int slant_doc_span_text(const struct slant_doc *d, const char *text, uint32_t start,
			uint32_t end, struct slant_buf *out);

/* --------------------------------------------------------------- lexicons */

/*
 * Lexicons: terms with a category, a lean (-1 used by the left .. +1 by the right) and a
 * weight, from the project's TSV format (header `term category lean weight note`) or
 * LIWC-style .dic dictionaries. Terms may be several words and end in `*` (a prefix of the
 * last word); they match normalised tokens, so case, apostrophe and dash variants do not
 * matter. Quotation marks between words are skipped; other punctuation breaks a term.
 * Longest match wins and matches do not overlap. A loaded lexicon is read-only and may be
 * shared by threads.
 */
struct slant_lexicon;

/* One term as a file gave it; a term listed in several files has an entry for each. */
struct slant_lexentry {
	const char *term;   /* as written, normalised */
	uint32_t category;  /* index for slant_lexicon_category() */
	double lean, weight;
	const char *note;   /* "" when none */
	const char *source; /* the file it came from */
	long line;
	uint32_t next;      /* the next entry of the same term, or UINT32_MAX */
};

enum slant_lexicon_format {
	SLANT_LEXICON_AUTO = 0, /* .dic by the name, the TSV format otherwise */
	SLANT_LEXICON_TSV,
	SLANT_LEXICON_DIC,
};

/** An empty lexicon; NULL on out of memory. Free with slant_lexicon_free(). */
struct slant_lexicon *slant_lexicon_new(void);
void slant_lexicon_free(struct slant_lexicon *lx);
/**
 * Adds the terms of the file at `path`. A malformed or duplicate line fails the whole file
 * with SLANT_EDATA, `err` naming the file and line; terms added before stay. SLANT_EIO when the
 * file cannot be read.
 */
int slant_lexicon_load(struct slant_lexicon *lx, const char *path, int format,
		       struct slant_err *err);
/** The same from memory; `name` is used as the source in entries and messages. */
int slant_lexicon_parse(struct slant_lexicon *lx, const char *data, size_t len, const char *name,
			int format, struct slant_err *err);
/** Number of entries. */
size_t slant_lexicon_size(const struct slant_lexicon *lx);
/** Entry `i` (< slant_lexicon_size()); borrowed until the lexicon is freed or grows. */
const struct slant_lexentry *slant_lexicon_entry(const struct slant_lexicon *lx, size_t i);
/** Number of categories, and the name of category `i`, borrowed like entries. */
size_t slant_lexicon_ncategories(const struct slant_lexicon *lx);
const char *slant_lexicon_category(const struct slant_lexicon *lx, size_t i);

/* A run of tokens a term matched. */
struct slant_match {
	uint32_t start, end;         /* bytes of the original text */
	uint32_t tok_begin, tok_end; /* tokens of the document */
	uint32_t entry;              /* its first entry; the others follow through `next` */
};

struct slant_matches {
	struct slant_match *v;
	size_t n, cap;
};

/**
 * Finds the terms of `lx` in analysed document `d` and appends them to `m` (the caller frees
 * m->v), in text order. Cost grows with the number of tokens, not the number of terms.
 * 0 or SLANT_ENOMEM.
 */
int slant_lexicon_match(const struct slant_lexicon *lx, const struct slant_doc *d,
			struct slant_matches *m, struct slant_err *err);

/* ----------------------------------------------------------------- quotes */

/*
 * Who speaks in an article: quotation spans, their kind, their speaker (people and
 * organisations, one canonical name per person per article), the speaker's role and group,
 * and the attribution verb.
 *
 * A people table says who is who and how they speak. It is loaded from three TSV files:
 * speakers (header `name aliases group role note`: a canonical name, `|`-separated aliases, a
 * group id, a role), roles (header `word role group type note`: a title or role noun, its
 * canonical role, the group it implies when the speaker's own is unknown, `person` or `org`)
 * and attribution verbs (the lexicon format; a verb's category is its class, such as neutral
 * or loaded). See lexicons/README.md. A loaded table is read-only and may be shared by threads.
 */
struct slant_people;

/** An empty table; NULL on out of memory. Free with slant_people_free() (NULL is a no-op). */
struct slant_people *slant_people_new(void);
void slant_people_free(struct slant_people *pp);
/**
 * Adds the speakers (SLANT_PEOPLE_SPEAKERS), roles (SLANT_PEOPLE_ROLES) or attribution verbs
 * (SLANT_PEOPLE_VERBS) of the file at `path`, or of `data` (`len` bytes, `name` used in
 * messages). A malformed line or a name or word given twice fails with SLANT_EDATA, `err`
 * naming the file and line; SLANT_EIO when the file cannot be read. After a failure the
 * table is incomplete: free it.
 */
enum { SLANT_PEOPLE_SPEAKERS = 1, SLANT_PEOPLE_ROLES, SLANT_PEOPLE_VERBS };
int slant_people_load(struct slant_people *pp, int what, const char *path, struct slant_err *err);
int slant_people_parse(struct slant_people *pp, int what, const char *data, size_t len,
		       const char *name, struct slant_err *err);
/** Number of speakers, roles and attribution verbs loaded (0 for a NULL table). */
size_t slant_people_speakers(const struct slant_people *pp);
size_t slant_people_roles(const struct slant_people *pp);
size_t slant_people_verbs(const struct slant_people *pp);
/**
 * Attribution verb `i` (< slant_people_verbs()): its term, and its class in *cls (may be
 * NULL). Borrowed until the table is freed.
 */
const char *slant_people_verb(const struct slant_people *pp, uint32_t i, const char **cls);

enum slant_quote_kind {
	SLANT_QUOTE_DIRECT = 0, /* a statement: a sentence or more, set off from the attribution */
	SLANT_QUOTE_PARTIAL,    /* a fragment woven into the reporter's sentence, attributed */
	SLANT_QUOTE_SCARE,      /* a word or phrase held at a distance, no speaker */
	SLANT_QUOTE_TITLE,      /* a name of a work or a nickname */
};
/** "direct", "partial", "scare" or "title". */
const char *slant_quote_kind_name(int kind);

enum {
	SLANT_QUOTEF_UNCLOSED = 1 << 0, /* no closing mark: runs to its paragraph's end */
	SLANT_QUOTEF_CONTINUES = 1 << 1, /* continued in the next paragraph (multi-paragraph quote) */
	SLANT_QUOTEF_CONTINUED = 1 << 2, /* continues the previous paragraph's quote */
	SLANT_QUOTEF_INHERITED = 1 << 3, /* speaker carried over from an earlier quote */
};

struct slant_quote {
	uint32_t start, end;       /* the quoted text, marks excluded (bytes of the original) */
	uint32_t open, close;      /* from the opening mark's first byte to the closing mark's last */
	uint32_t tok_begin, tok_end; /* the tokens inside */
	uint32_t words;            /* word and number tokens inside */
	uint32_t speaker;          /* index into slant_quotes_speakers(), or UINT32_MAX */
	uint32_t verb;             /* attribution verb of the people table, or UINT32_MAX */
	uint32_t verb_start, verb_end; /* the verb in the original text */
	uint32_t para;             /* its paragraph (slant_doc_paragraphs() index) */
	uint16_t depth;            /* 0, or 1 and more inside another quote */
	uint8_t kind;              /* enum slant_quote_kind */
	uint8_t flags;             /* SLANT_QUOTEF_* */
};

enum { SLANT_SPEAKER_PERSON = 1, SLANT_SPEAKER_ORG, SLANT_SPEAKER_UNNAMED };

/*
 * A speaker of one article. `name` is the extractor's, valid until its next extraction or
 * free; `role` and `group` point into the people table (or are static: "democrat",
 * "republican" from a party cue) and live as long as it.
 */
struct slant_speaker {
	const char *name;  /* canonical: full name, the table's name, or an unnamed description */
	const char *role;  /* "mayor", "agency"...; NULL when unknown */
	const char *group; /* a group id of the people table; NULL when unknown */
	uint32_t mentions; /* mentions of it in the article */
	uint8_t type;      /* SLANT_SPEAKER_* */
};

struct slant_quote_conf {
	const struct slant_people *people; /* NULL: names, titles and pronouns only, no verbs */
};

/* An extractor and its results for one article; reusable, one per thread. */
struct slant_quotes;

/** An empty extractor; NULL on out of memory. Free with slant_quotes_free() (NULL is a no-op). */
struct slant_quotes *slant_quotes_new(void);
void slant_quotes_free(struct slant_quotes *q);
/**
 * Finds the quotations of analysed document `d` and attributes them. `text` must be the text
 * `d` was analysed from: offsets index it. `conf` (may be NULL) and its table are only read
 * during the call, but speakers' roles and groups point into the table (see slant_speaker).
 * Results replace the previous article's. 0, or SLANT_ENOMEM.
 */
int slant_quotes_extract(struct slant_quotes *q, const struct slant_doc *d, const char *text,
			 const struct slant_quote_conf *conf, struct slant_err *err);
/** The quotations in text order (an outer quote before those inside it); borrowed until the
 * next extraction or free. */
const struct slant_quote *slant_quotes_list(const struct slant_quotes *q, size_t *n);
/** The speakers of the article, in order of first mention; borrowed likewise. */
const struct slant_speaker *slant_quotes_speakers(const struct slant_quotes *q, size_t *n);

/* --------------------------------------------------------------- contrast */

/*
 * Which words and phrases set each group of articles (an outlet) apart from the rest: the
 * log-odds ratio with an informative Dirichlet prior and its z-score (Monroe, Colaresi and
 * Quinn 2008, "Fightin' Words"). For an n-gram w, group i and the rest j of the corpus,
 * with prior counts a_w = a0 * y_w / n from the pooled corpus:
 *   delta = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
 *   var   = 1 / (y_iw + a_w) + 1 / (y_jw + a_w),   z = delta / sqrt(var)
 * N-grams are 1 to `max_n` consecutive word and number tokens of one sentence (quotation marks
 * skipped, other punctuation breaks them), normalised.
 */
struct slant_ngrams;

struct slant_contrast_row {
	const char *ngram; /* borrowed from the counts */
	double delta, z;
	uint64_t count, rest; /* in the group, in all other groups */
};

/**
 * Counts for n-grams of 1..max_n (1 to 3) tokens. `max_entries` (0: 8 million) bounds memory:
 * past it the n-grams seen slant_ngrams_floor() times or fewer are dropped and counting goes
 * on, so once that has happened (slant_ngrams_prunes() times) any count may be low by up to
 * floor * prunes. Pruning depends on the order counts arrive in: add them in one order for
 * reproducible results. NULL on out of memory.
 */
struct slant_ngrams *slant_ngrams_new(unsigned max_n, size_t max_entries);
void slant_ngrams_free(struct slant_ngrams *g);
/** Empties `g`, keeping its memory for the next counts. */
void slant_ngrams_reset(struct slant_ngrams *g);
/** Adds the n-grams of document `d` to group `group` (copied). 0 or SLANT_ENOMEM. */
int slant_ngrams_add(struct slant_ngrams *g, const char *group, const struct slant_doc *d,
		     struct slant_err *err);
/** Adds all counts of `from` into `g` (same max_n). 0 or SLANT_ENOMEM. */
int slant_ngrams_merge(struct slant_ngrams *g, const struct slant_ngrams *from,
		       struct slant_err *err);
/** Number of groups, and group `i`'s name (borrowed), in order of first appearance. */
size_t slant_ngrams_groups(const struct slant_ngrams *g);
const char *slant_ngrams_group(const struct slant_ngrams *g, size_t i);
/** Total n-gram count of group `i`. */
uint64_t slant_ngrams_total(const struct slant_ngrams *g, size_t i);
/** The count at or below which n-grams were dropped (0 when none was). */
uint64_t slant_ngrams_floor(const struct slant_ngrams *g);
/** How many times n-grams were dropped. */
uint64_t slant_ngrams_prunes(const struct slant_ngrams *g);
/**
 * The `top` n-grams most characteristic of each group (highest z first; ties by n-gram), among
 * n-grams seen at least `min_count` times in all, with prior size `a0` (> 0). `rows` holds
 * groups * top rows: group i's are rows[i * top ...], `counts[i]` of them. One pass over all
 * counts, whatever the number of groups. 0 or SLANT_EUSAGE.
 */
int slant_ngrams_contrast(const struct slant_ngrams *g, double a0, uint64_t min_count,
			  size_t top, struct slant_contrast_row *rows, size_t *counts,
			  struct slant_err *err);

/* -------------------------------------------------------------- features */

/*
 * An article as the framing model sees it: one sparse vector, indices from 1, ascending.
 *
 * Text features (indices 1..V): TF-IDF of word 1..max_n-grams over a vocabulary chosen on the
 * training corpus. N-grams are normalised word tokens of one sentence (numbers become "#";
 * quotation marks are skipped, other punctuation breaks them). tf is sublinear (1 + ln count),
 * idf = ln((1 + N) / (1 + df)) + 1, and the text part is scaled to unit length. Before
 * counting, what says who published an article rather than how it frames the story is left
 * out: the outlet's name, the host name of its web address, the authors' names and a dateline
 * ("CHICAGO (AP) —"); boilerplate is gone already.
 *
 * Dense features (indices V+1..V+D), named: per lexicon category, matches per 1,000 words
 * ("lexicon:<category>"); the sum of matched terms' lean per 1,000 words ("lexicon:lean");
 * and from the quotations: quotes and scare quotes per 1,000 words, the share of words that
 * are quoted, the loaded-verb rate, and the share of quoted words per speaker group
 * ("quotes:group:<group>"). Each is scaled to [0, 1] by its range on the training corpus
 * (values outside it are clipped), then multiplied by the dense weight, as libsvm's guide
 * prescribes.
 */
struct slant_feat {
	uint32_t index; /* from 1 */
	double value;
};

/* What the vocabulary and scaling are applied to: an article's raw measurements. Reusable;
 * every array is owned by it (slant_featraw_release() frees them). */
struct slant_featraw {
	uint64_t *hash;   /* distinct n-grams, by hash, in order of first appearance */
	uint32_t *count;
	uint32_t *text;   /* with texts asked for: each n-gram's offset in `strings`, else NULL */
	size_t n, cap;
	struct slant_buf strings;
	double *dense;    /* unscaled dense values, slant_features_ndense() of them */
	size_t ndense;
	uint32_t words;   /* word and number tokens */
	uint32_t quotes;  /* quotations at depth 0 */
};

void slant_featraw_init(struct slant_featraw *r);
void slant_featraw_release(struct slant_featraw *r);
/** Copies `from` into `to` (both initialised). 0 or SLANT_ENOMEM. */
int slant_featraw_copy(struct slant_featraw *to, const struct slant_featraw *from);

/* Dense feature blocks. */
enum { SLANT_DENSE_LEXICON = 1 << 0, SLANT_DENSE_QUOTES = 1 << 1 };

struct slant_features_conf {
	const struct slant_lexicon *lexicon; /* categories to count; may be NULL */
	const struct slant_people *people;   /* speakers, roles, verbs; may be NULL */
	unsigned max_n;                      /* longest n-gram, 1..3 (0: 2) */
	double dense_weight;                 /* < 0: none at all; 0 is the default 0.5 */
	unsigned dense;                      /* SLANT_DENSE_* blocks; 0: both */
	int keep_identity;                   /* keep outlet names, hosts, authors, datelines,
					      * honorifics and credits in the n-grams */
};

/*
 * A feature definition: the dense features' names, and once a vocabulary is set, everything
 * needed to turn raw measurements into vectors. Read-only once built: threads may share it.
 * Borrows the lexicon and people table of its conf, which must outlive it.
 */
struct slant_features;

struct slant_features *slant_features_new(const struct slant_features_conf *conf);
void slant_features_free(struct slant_features *f);
size_t slant_features_ndense(const struct slant_features *f);
/** Dense feature i's name ("lexicon:label-threat"), borrowed. */
const char *slant_features_dense_name(const struct slant_features *f, size_t i);
/** Vocabulary size V (0 before one is set). */
size_t slant_features_nvocab(const struct slant_features *f);
/** The name of vector index `index` (an n-gram, or a dense feature's name); NULL past the end. */
const char *slant_features_name(const struct slant_features *f, uint32_t index);
/** Largest index a vector can have: V + D. */
uint32_t slant_features_dim(const struct slant_features *f);
unsigned slant_features_max_n(const struct slant_features *f);
double slant_features_dense_weight(const struct slant_features *f);
/** The lexicon the dense lexicon features match (borrowed), or NULL without them. */
const struct slant_lexicon *slant_features_lexicon(const struct slant_features *f);
/** The dense blocks in use: SLANT_DENSE_* bits (quotations are extracted only with them). */
unsigned slant_features_dense(const struct slant_features *f);
/** Whether n-grams keep what names the outlet (see slant_features_conf). */
int slant_features_keeps_identity(const struct slant_features *f);

/* Per-thread scratch for measuring articles (quotation extractor, match lists...). */
struct slant_featx;
struct slant_featx *slant_featx_new(void);
void slant_featx_free(struct slant_featx *fx);
/** The lexicon matches of the article last measured with `fx` (the features' lexicon, in text
 * order), valid until its next measure; NULL when those features have no lexicon block. */
const struct slant_matches *slant_featx_matches(const struct slant_featx *fx);

/**
 * Measures analysed document `d` of article `a` into `raw` (replacing what it held): n-grams
 * with their counts (and their text when `texts`), dense values unscaled. 0 or SLANT_ENOMEM.
 */
int slant_features_measure(const struct slant_features *f, struct slant_featx *fx,
			   const struct slant_doc *d, const struct slant_article *a, int texts,
			   struct slant_featraw *raw, struct slant_err *err);

/*
 * Vocabulary building, on the training corpus: add each article's raw n-grams (with texts)
 * and its group (an outlet), then keep those in at least `min_df` articles of at least
 * `min_groups` groups, the `max_size` most frequent (ties by text). Groups are counted
 * exactly when each group's articles are added one after another.
 */
struct slant_vocab_builder;
struct slant_vocab_builder *slant_vocab_builder_new(void);
void slant_vocab_builder_free(struct slant_vocab_builder *vb);
int slant_vocab_builder_add(struct slant_vocab_builder *vb, const struct slant_featraw *raw,
			    uint32_t group, struct slant_err *err);
/** Distinct n-grams seen so far. */
size_t slant_vocab_builder_size(const struct slant_vocab_builder *vb);
/**
 * Sets f's vocabulary (sorted by text) and idf from `vb`, and the dense ranges from the
 * `n` raw measurements `raws` of the same corpus. 0, SLANT_ENOMEM or SLANT_EDATA (no n-gram
 * reaches min_df).
 */
int slant_features_build(struct slant_features *f, const struct slant_vocab_builder *vb,
			 uint32_t min_df, uint32_t min_groups, size_t max_size,
			 const struct slant_featraw *const *raws, size_t n, struct slant_err *err);

/* A sparse vector; the caller owns v (free()). */
struct slant_fvec {
	struct slant_feat *v;
	size_t n, cap;
};

/** The vector of `raw` under f's vocabulary and scaling, replacing `out`'s content. */
int slant_features_vector(const struct slant_features *f, const struct slant_featraw *raw,
			  struct slant_fvec *out, struct slant_err *err);
/** The same with the text features in no particular order (dense ones still last): all that
 * slant_model_predict() and slant_model_explain() need, and faster. */
int slant_features_vector_any(const struct slant_features *f, const struct slant_featraw *raw,
			      struct slant_fvec *out, struct slant_err *err);

/* ----------------------------------------------------------------- model */

/*
 * The framing model: a feature definition, an SVM over its vectors and a calibration that
 * turns the SVM's decision values into probabilities. Linear models are trained with
 * liblinear's L2-regularised SVM, kernel models (rbf, poly) with libsvm; nothing outside this
 * module knows which. Labels are kept in the order of the model's axis (left, center, right
 * for lean): the framing score is the probability-weighted position on that axis, -1 for the
 * first label to +1 for the last (for lean, P(right) - P(left)).
 *
 * A model lives in a directory: meta.json (labels, options, feature ranges, calibration, the
 * training figures and the lexicons it was trained with, by checksum), vocab.tsv and the
 * library's own model file. Loading validates every file before liblinear or libsvm reads
 * one, and refuses a model whose lexicons changed since it was trained.
 */
enum slant_kernel { SLANT_KERNEL_LINEAR = 0, SLANT_KERNEL_RBF, SLANT_KERNEL_POLY };

/* A data file a model was trained with. `kind` is SLANT_RES_*; `name` is how the model
 * records it ("lexicons/loaded.tsv", or a path as given), `path` where to read it now. */
enum { SLANT_RES_LEXICON = 1, SLANT_RES_SPEAKERS, SLANT_RES_ROLES, SLANT_RES_VERBS };
struct slant_resource {
	int kind;
	const char *name;
	const char *path;
};

struct slant_model;

/*
 * Where the data file a model names is now: a path, or NULL when it cannot be found. The
 * returned string needs to live only until the next call.
 */
typedef const char *(*slant_resolve_fn)(const char *name, void *ctx);

/**
 * Loads the model in directory `dir`, with the lexicons it names found through `resolve`.
 * SLANT_EIO when a file is missing or unreadable, SLANT_EDATA when one is malformed or a
 * lexicon changed since training (err says which file and what).
 */
struct slant_model *slant_model_load(const char *dir, slant_resolve_fn resolve, void *ctx,
				     struct slant_err *err);
void slant_model_free(struct slant_model *m);

/**
 * Writes the model to directory `dir` atomically: a failed or interrupted save leaves what was
 * there untouched. An existing `dir` is replaced only if it holds nothing but a model's files.
 * The weights are kept to 9 significant digits, in the file and in `m`, so `m` scores as the
 * saved model will.
 */
int slant_model_save(struct slant_model *m, const char *dir, struct slant_err *err);

/** Whether slant_model_save() may write to `dir` (absent, empty, or a model): 0 or SLANT_EIO. */
int slant_model_can_save(const char *dir, struct slant_err *err);

size_t slant_model_nlabels(const struct slant_model *m);
/** Label i in axis order, borrowed. */
const char *slant_model_label(const struct slant_model *m, size_t i);
/** Whether the labels are ordered on an axis (the framing score means something). */
int slant_model_has_axis(const struct slant_model *m);
const struct slant_features *slant_model_features(const struct slant_model *m);
/** meta.json's text, borrowed. */
const char *slant_model_meta(const struct slant_model *m);
/** The SLANT_DOC_* flags the training texts were analysed with; score texts the same way. */
unsigned slant_model_doc_flags(const struct slant_model *m);
/** "linear", "rbf" or "poly". */
const char *slant_model_kind(const struct slant_model *m);

/* One article's result. */
struct slant_prediction {
	size_t label;  /* index of the most probable label */
	double *prob;  /* per label, axis order; sum 1 */
	double *dec;   /* the SVM's decision values (slant_model_ndec() of them) */
	double score;  /* in [-1, 1] along the axis */
};

/** Decision values per article: one per class, or one for a two-class linear model. */
size_t slant_model_ndec(const struct slant_model *m);
/** Allocates p's arrays for m. 0 or SLANT_ENOMEM; free with slant_prediction_release(). */
int slant_prediction_init(struct slant_prediction *p, const struct slant_model *m);
void slant_prediction_release(struct slant_prediction *p);

/** Scores vector `x` (from slant_features_vector() or _vector_any() with m's features).
 * Thread-safe. */
int slant_model_predict(const struct slant_model *m, const struct slant_fvec *x,
			struct slant_prediction *p, struct slant_err *err);

/*
 * What pushed vector `x`'s score most: its features' contributions to the score direction
 * (linear models only: the weight along the axis times the value; for a dense feature, times
 * its difference from the training mean, so a rate pushes only where it is unusual). Fills up to
 * `n` most positive and `n` most negative into pos[] and neg[] (index, contribution),
 * returns how many of each through *npos / *nneg.
 */
int slant_model_explain(const struct slant_model *m, const struct slant_fvec *x, size_t n,
			struct slant_feat *pos, size_t *npos, struct slant_feat *neg,
			size_t *nneg);

/* ----------------------------------------------------------------- training */

struct slant_train_conf {
	const char *const *order; /* label order on the axis; NULL: left,center,right when those
				   * are the labels, else sorted with no axis */
	size_t norder;
	int kernel;               /* enum slant_kernel */
	const double *C;          /* grid; NULL: the default one */
	size_t nC;
	const double *gamma;      /* rbf/poly grid; NULL: the default one */
	size_t ngamma;
	unsigned folds;           /* 0: 5 */
	uint64_t seed;
	int grouped;              /* keep each group in one fold */
	int balanced;             /* class weights inverse to label frequency */
	unsigned threads;         /* 0: online cores */
	uint32_t min_df;          /* 0: 3 */
	uint32_t min_groups;      /* n-grams must appear in this many groups (0: 1) */
	size_t max_vocab;         /* 0: 200,000 */
	/* progress lines ("fold 3/5 C=0.1: ..."), may be NULL */
	void (*progress)(void *ctx, const char *line);
	void *progress_ctx;
	/* recorded in meta.json as they are: how the corpus was read */
	const char *description;  /* a JSON object's text, or NULL */
	unsigned doc_flags;       /* SLANT_DOC_* the texts were analysed with: scoring must
				   * analyse them the same way (slant_model_doc_flags()) */
};

/*
 * A training corpus: each article's raw measurements with its label and group. Owns the
 * lexicon and people table (given to slant_trainset_new) and the measurements added.
 */
struct slant_trainset;

struct slant_trainset *slant_trainset_new(const struct slant_features_conf *fc,
					  struct slant_lexicon *lx, struct slant_people *pp,
					  const struct slant_resource *res, size_t nres,
					  struct slant_err *err);
void slant_trainset_free(struct slant_trainset *ts);
/** The feature definition articles are measured with (its vocabulary comes later). */
const struct slant_features *slant_trainset_features(const struct slant_trainset *ts);
/** Adds one article: takes `raw`'s arrays (leaving it empty, initialised). */
int slant_trainset_add(struct slant_trainset *ts, struct slant_featraw *raw, const char *id,
		       const char *label, const char *group, struct slant_err *err);
size_t slant_trainset_size(const struct slant_trainset *ts);
/** Article i's id, borrowed. */
const char *slant_trainset_id(const struct slant_trainset *ts, size_t i);

/* What cross-validation found, for people. */
struct slant_train_report {
	char *text; /* the summary: grid, best point, accuracy, macro-F1, confusion; caller frees */
	double accuracy, macro_f1, C, gamma;
	uint32_t *folds; /* each article's fold (from 0), in the order added */
};
/** Frees what a report holds (text, folds); it may be filled again. */
void slant_train_report_release(struct slant_train_report *r);

/**
 * Builds the vocabulary, cross-validates the grid, calibrates on the out-of-fold decision
 * values of the best point and fits the final model on every article. The trainset's lexicon
 * and people table pass to the model. SLANT_EDATA for unusable data (one label, a label with
 * fewer articles than folds, fewer groups than folds).
 */
struct slant_model *slant_train(struct slant_trainset *ts, const struct slant_train_conf *conf,
				struct slant_train_report *report, struct slant_err *err);

/* --------------------------------------------------------------- compare */

/*
 * Per-group sums of what slant measures (framing score, labels, loaded terms, quotations),
 * added article by article, merged across runs, saved to and loaded from a state file, and
 * read back as rows. Every sum is an integer (scores are counted in millionths), so sums
 * merge exactly: merging the states of parts of a corpus gives what one run over all of it
 * gives, in any order.
 */
struct slant_compare;

/* What a compare measures; every string is copied. */
struct slant_compare_conf {
	const char *by;                       /* what groups are: "outlet" or an article field */
	const char *const *labels;            /* the model's labels in axis order */
	size_t nlabels;                       /* 1 to 64 */
	bool axis;                            /* the labels lie on an axis: a framing score */
	const char *const *categories;        /* loaded-term categories (may be none) */
	size_t ncategories;
	const char *setup;                    /* model and lexicons: states merge only when equal */
	bool no_quotes;                       /* quotations not measured: no quotation columns */
};

/* One quotation of an article, as a compare counts it; strings borrowed for the call. */
struct slant_compare_quote {
	uint8_t kind;          /* enum slant_quote_kind */
	bool has_verb, loaded; /* an attribution verb; a loaded one */
	uint32_t words;
	const char *speaker;   /* canonical name, or NULL */
	const char *group;     /* the speaker's group, or NULL */
};

/* A term and its count. */
struct slant_compare_term {
	const char *term;
	uint32_t count;
};

/* One article's measurements; everything borrowed for the call. */
struct slant_compare_doc {
	const char *group;     /* its group's name (outlet); "" or NULL count as "(none)" */
	uint64_t words;
	size_t label;          /* predicted label (index into conf.labels) */
	double score;          /* framing score in [-1, 1] (ignored without an axis) */
	const uint64_t *categories;          /* matches per category */
	const struct slant_compare_term *terms; /* matched terms */
	size_t nterms;
	const struct slant_compare_quote *quotes;
	size_t nquotes;
};

/* A name and its counts: a term, a speaker group, a speaker. */
struct slant_compare_count {
	const char *name;
	const char *group; /* a speaker's group, or NULL */
	uint64_t count;    /* terms: matches; groups: quoted words; speakers: quotes */
	uint64_t words;    /* speakers: quoted words */
};

/* The fewest articles a group needs for its score's interval. */
#define SLANT_COMPARE_MIN_CI 10

/* One group's results. Pointers live until the compare's next add, merge or free. */
struct slant_compare_row {
	const char *name;
	uint64_t articles, words;
	double mean;       /* mean framing score (0 without an axis) */
	double sd;         /* its standard deviation over articles */
	double lo, hi;     /* 95% interval of the mean (Student's t), within [-1, 1] */
	bool has_ci;       /* false below SLANT_COMPARE_MIN_CI articles or without an axis */
	const uint64_t *labels;      /* articles per label, conf.nlabels of them */
	const uint64_t *categories;  /* matches per category */
	const struct slant_compare_count *terms;    /* by count, most first */
	size_t nterms;
	uint64_t quotes, quoted_words, kinds[4], verbs, loaded;
	const struct slant_compare_count *groups;   /* quoted words per speaker group, most first */
	size_t ngroups;
	const struct slant_compare_count *speakers; /* by quotes, most first */
	size_t nspeakers;
};

struct slant_compare *slant_compare_new(const struct slant_compare_conf *conf);
void slant_compare_free(struct slant_compare *c);

/* Adds one article. SLANT_ENOMEM, or SLANT_EUSAGE for a label out of range. */
int slant_compare_add(struct slant_compare *c, const struct slant_compare_doc *d,
		      struct slant_err *err);

/* Adds everything `src` holds to `dst`. SLANT_EDATA when their setups differ. */
int slant_compare_merge(struct slant_compare *dst, const struct slant_compare *src,
			struct slant_err *err);

/* Appends the state to `out`: one JSON object on one line, so that states stream as JSON
 * Lines (one per mapper of a MapReduce job, say). */
int slant_compare_save(const struct slant_compare *c, struct slant_buf *out);

/* A compare from a state that slant_compare_save() wrote; `name` is for messages. NULL with
 * *err set (SLANT_EDATA, SLANT_ENOMEM) on anything malformed. The caller frees it. */
struct slant_compare *slant_compare_load(const char *data, size_t len, const char *name,
					 struct slant_err *err);

/* The configuration (labels, categories...) as given or loaded; valid as long as `c`. */
const struct slant_compare_conf *slant_compare_conf(const struct slant_compare *c);

/*
 * The rows, sorted by mean framing score (then by name; by name alone without an axis), each
 * list sorted and cut to `top` entries (0: all). *rows is owned by `c`, valid until its next
 * add, merge, rows or free. Returns the number of rows, or (size_t)-1 out of memory.
 */
size_t slant_compare_rows(struct slant_compare *c, size_t top,
			  const struct slant_compare_row **rows);

/* Output formats of slant_compare_render(). */
enum slant_report_format {
	SLANT_REPORT_TABLE,
	SLANT_REPORT_TSV,
	SLANT_REPORT_CSV,
	SLANT_REPORT_JSON,
	SLANT_REPORT_MARKDOWN,
	SLANT_REPORT_HTML,
};

struct slant_report_opts {
	enum slant_report_format format;
	size_t top;      /* terms and speakers listed per group (0: 5) */
	size_t width;    /* table: the terminal's width (0: 100) */
	bool wide;       /* table: every column, whatever the width */
	const char *title; /* html and markdown: a heading (NULL: none) */
};

/* Appends the rows of `c` in a format to `out`. SLANT_ENOMEM, or SLANT_ELIMIT when `out` is
 * capped. */
int slant_compare_render(struct slant_compare *c, const struct slant_report_opts *o,
			 struct slant_buf *out);

/* The html format alone: one self-contained XHTML file with the table and SVG charts. `o` may
 * be NULL (defaults). SLANT_ENOMEM or SLANT_ELIMIT, `out` unchanged on failure. */
int slant_report_html(struct slant_compare *c, const struct slant_report_opts *o,
		      struct slant_buf *out);

/* -------------------------------------------------------------- pipeline */

/*
 * Every analysing command is one pipeline: a reader thread streams records, worker threads
 * load and analyse them, and results are emitted in input order, whatever the number of
 * workers. At most `inflight` records are in memory at once.
 */
struct slant_job; /* one record in flight */

struct slant_pipeline_ops {
	/* Per-worker state, made and freed on the worker's thread (may be NULL). worker_free
	 * runs once the worker has no more records, before slant_pipeline_run() returns. */
	void *(*worker_new)(void *ctx);
	void (*worker_free)(void *wstate, void *ctx);
	/* Per-job result storage, made once per slot on the calling thread and reused (may be NULL). */
	void *(*job_new)(void *ctx);
	void (*job_free)(void *data);
	/* Worker thread, after the article was loaded and (if asked) analysed. Non-zero return:
	 * the record is bad, with the message in `err`. */
	int (*work)(struct slant_job *job, void *wstate, void *ctx, struct slant_err *err);
	/*
	 * The next three run one at a time, in input order, on whichever worker finished the
	 * record (so they need no locking of their own, but must not block for long).
	 */
	/* For each kept article. A negative return stops the run. */
	int (*emit)(struct slant_job *job, void *ctx);
	/* For each bad record. A negative return stops the run. */
	int (*bad)(const struct slant_err *err, void *ctx);
	/* After each record, with running totals (may be NULL). */
	void (*progress)(void *ctx, uint64_t records, uint64_t bytes);
};

struct slant_pipeline_conf {
	unsigned threads;  /* workers; 0 = the number of online cores */
	unsigned inflight; /* records in memory at once; 0 = 32 per worker, 64 at most */
	int analyze;       /* run slant_doc_analyze() on each article before `work` */
	struct slant_doc_opts doc;
};

struct slant_pipeline_stats {
	uint64_t records;  /* records read, bad ones included */
	uint64_t articles; /* kept and emitted */
	uint64_t filtered; /* dropped by a filter */
	uint64_t bad;      /* bad records reported */
	uint64_t bytes;    /* uncompressed input bytes */
};

/**
 * Runs the pipeline over everything queued in `r`. `ops` and `ctx` are the command's; `stats`
 * (may be NULL) receives totals. Returns 0 when every record was read (bad ones reported
 * through ops->bad), the negative code of a callback that stopped the run, or SLANT_EIO /
 * SLANT_ENOMEM when reading or a thread failed.
 */
int slant_pipeline_run(struct slant_reader *r, const struct slant_pipeline_conf *conf,
		       const struct slant_pipeline_ops *ops, void *ctx,
		       struct slant_pipeline_stats *stats, struct slant_err *err);

/* Accessors for a job, valid inside the callbacks that receive it. */
const struct slant_article *slant_job_article(const struct slant_job *job);
/** The analysis, or NULL when the pipeline was not asked to analyse. */
const struct slant_doc *slant_job_doc(const struct slant_job *job);
void *slant_job_data(const struct slant_job *job);

#ifdef __cplusplus
}
#endif

#endif
