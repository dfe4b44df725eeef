/*
 * doc.c - an article's text as slant sees it: lines, boilerplate stripped, broken paragraphs
 * joined, tokens (normalised), sentences.
 *
 * Order matters: boilerplate goes first (an advertisement line may sit inside a broken
 * sentence), then paragraphs are formed and repaired, then each kept line is tokenised, and
 * sentences are split within paragraphs.
 */
#include "boiler.h"
#include "doc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct line {
	uint32_t start, end; /* without the newline and a trailing CR */
	bool blank;
	uint8_t zone; /* SLANT_ZONE_* when stripped, 0 when kept */
	const char *kind, *rule;
};

struct slant_doc {
	struct line *lines;
	size_t nlines, caplines;
	struct slant_token *toks;
	size_t ntoks, captoks;
	uint64_t *hashes; /* per token: slant_text_hash() of its normalised text */
	uint64_t *whashes; /* per token: slant_text_word_hash() of it */
	size_t caphashes; /* of both */
	struct slant_sentence *sents;
	size_t nsents, capsents;
	struct slant_paragraph *paras;
	size_t nparas, capparas;
	struct slant_strip *strips;
	size_t nstrips, capstrips;
	struct slant_buf norm;  /* normalised tokens, each NUL-terminated */
	struct slant_buf key;   /* scratch: a line's matching key */
	struct slant_buf title; /* the title's key */
	size_t words;
	const char *text; /* borrowed during slant_doc_analyze() only */
	size_t len;       /* its length */
};

struct slant_doc *slant_doc_new(void)
{
	struct slant_doc *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	slant_buf_init(&d->norm, 0);
	slant_buf_init(&d->key, 0);
	slant_buf_init(&d->title, 0);
	return d;
}

void slant_doc_free(struct slant_doc *d)
{
	if (!d)
		return;
	free(d->lines);
	free(d->toks);
	free(d->hashes);
	free(d->whashes);
	free(d->sents);
	free(d->paras);
	free(d->strips);
	slant_buf_release(&d->norm);
	slant_buf_release(&d->key);
	slant_buf_release(&d->title);
	free(d);
}

/* ------------------------------------------------------ character classes */

enum cclass {
	C_SPACE,
	C_LETTER, /* letters, marks, format characters and non-decimal numbers */
	C_DIGIT,
	C_QUOTE,
	C_HYPHEN, /* - and the Unicode hyphens: may join words */
	C_TERM,   /* . ! ? … */
	C_PUNCT,
	C_SYMBOL,
	C_FORMAT, /* soft hyphens and joiners: inside a word they belong to it, alone they are nothing */
};

static uint8_t ascii_class[128];

/* Case bits of ASCII bytes, so the word scanner learns a word's case in the same pass. */
enum { B_LOWER = 1, B_UPPER = 2, B_DIGIT = 4, B_ALNUM = 7 };
static uint8_t ascii_bits[256]; /* 0 for bytes of multibyte characters */
static uint8_t ascii_lower[128];

static void ascii_class_init(void)
{
	for (int c = 0; c < 128; c++) {
		uint8_t k;
		if (slant_is_space(c) || c < 0x20 || c == 0x7F)
			k = C_SPACE;
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			k = C_LETTER;
		else if (c >= '0' && c <= '9')
			k = C_DIGIT;
		else if (c == '"' || c == '\'' || c == '`')
			k = C_QUOTE;
		else if (c == '-')
			k = C_HYPHEN;
		else if (c == '.' || c == '!' || c == '?')
			k = C_TERM;
		else if (c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' ||
			 c == '|' || c == '~')
			k = C_SYMBOL;
		else
			k = C_PUNCT;
		ascii_class[c] = k;
		ascii_lower[c] = (uint8_t)slant_lower(c);
		ascii_bits[c] = (uint8_t)((c >= 'a' && c <= 'z') ? B_LOWER :
					  (c >= 'A' && c <= 'Z') ? B_UPPER :
					  (c >= '0' && c <= '9') ? B_DIGIT : 0);
	}
}

static bool is_quote_cp(int32_t cp)
{
	switch (cp) {
	case 0x00AB: case 0x00BB: case 0x2018: case 0x2019: case 0x201A: case 0x201B:
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2039: case 0x203A:
	case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0x301D: case 0x301E:
	case 0x301F: case 0xFF02: case 0xFF07:
		return true;
	}
	return false;
}

static enum cclass classify(int32_t cp)
{
	if (cp < 0x80)
		return (enum cclass)ascii_class[cp];
	if (is_quote_cp(cp))
		return C_QUOTE;
	if (cp == 0x2010 || cp == 0x2011)
		return C_HYPHEN;
	if (cp == 0x2026 || cp == 0x203C || cp == 0x2047 || cp == 0x2048 || cp == 0x2049 ||
	    cp == 0xFF01 || cp == 0xFF0E || cp == 0xFF1F || cp == 0x3002)
		return C_TERM;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_CO:
		return C_LETTER;
	case UTF8PROC_CATEGORY_CF:
		/* The zero-width space and the byte order mark separate. */
		return cp == 0x200B || cp == 0xFEFF ? C_SPACE : C_FORMAT;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_CS:
		return C_SPACE;
	case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO:
		return C_SYMBOL;
	default:
		return C_PUNCT;
	}
}

/* Decodes the character at i (text is valid UTF-8) and returns its class. */
static inline enum cclass class_at(const unsigned char *s, size_t n, size_t i, int32_t *cp,
				   size_t *len)
{
	if (s[i] < 0x80) {
		*cp = s[i];
		*len = 1;
		return (enum cclass)ascii_class[s[i]];
	}
	*len = slant_utf8_decode(s, n, i, cp);
	if (!*len) { /* not reached for repaired text; never loop forever */
		*len = 1;
		*cp = 0xFFFD;
	}
	return classify(*cp);
}

static bool is_upper_cp(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool is_lower_cp(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool is_apostrophe_cp(int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0xFF07;
}

/* ------------------------------------------------------------------ lines */

static bool line_is_blank(const unsigned char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		if (slant_is_space(s[i]))
			continue;
		if (s[i] == 0xC2 && i + 1 < b && s[i + 1] == 0xA0) { /* no-break space */
			i++;
			continue;
		}
		return false;
	}
	return true;
}

static int split_lines(struct slant_doc *d, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i <= len) {
		const unsigned char *nl = i < len ? memchr(s + i, '\n', len - i) : NULL;
		size_t e = nl ? (size_t)(nl - s) : len, end = e;

		if (!nl && i == len && len > 0)
			break; /* text ending in a newline: no empty last line */
		while (end > i && s[end - 1] == '\r')
			end--;
		if (SLANT_GROW(d->lines, d->caplines, d->nlines + 1))
			return SLANT_ENOMEM;
		d->lines[d->nlines++] = (struct line){ (uint32_t)i, (uint32_t)end,
						       line_is_blank(s, i, end), 0, NULL, NULL };
		i = e + 1;
	}
	return 0;
}

/* ---------------------------------------------------------- boilerplate */

/* Counts words and notes the shape of a line for the general rules. */
struct shape {
	size_t words;
	bool letters, lower, upper, digits;
	bool list_item;    /* starts with a bullet, a dash or a number: part of a list */
	bool sentence_end; /* ends in . ! ? … (possibly inside closing quotes or brackets) */
};

static void line_shape(const unsigned char *s, size_t a, size_t b, struct shape *sh)
{
	bool inword = false;
	size_t i = a, len;
	int32_t cp, last = 0;

	memset(sh, 0, sizeof(*sh));
	while (i < b && slant_is_space(s[i]))
		i++;
	if (i < b) {
		enum cclass c = class_at(s, b, i, &cp, &len);
		sh->list_item = c == C_DIGIT || c == C_HYPHEN || cp == '*' || cp == 0x2022 ||
				cp == 0x00B7 || cp == 0x2013 || cp == 0x2014;
	}
	while (i < b) {
		enum cclass c = class_at(s, b, i, &cp, &len);
		if (c == C_LETTER || c == C_DIGIT) {
			sh->digits |= c == C_DIGIT;
			if (c == C_LETTER && (is_upper_cp(cp) || is_lower_cp(cp) || cp >= 0x80)) {
				sh->letters = true;
				if (is_lower_cp(cp))
					sh->lower = true;
				else if (is_upper_cp(cp))
					sh->upper = true;
			}
			if (!inword)
				sh->words++;
			inword = true;
		} else if (c != C_HYPHEN && !(c == C_QUOTE && inword)) {
			inword = false;
		}
		if (c == C_TERM)
			last = cp;
		else if (c != C_SPACE && c != C_QUOTE && cp != ')' && cp != ']')
			last = 0;
		i += len;
	}
	sh->sentence_end = last != 0;
}

/* Longest line a pattern or general rule is tried on: story paragraphs are longer. */
#define MAX_BOILER_LINE 400

static bool has_alnum(const unsigned char *s, size_t a, size_t b)
{
	size_t len;
	int32_t cp;

	for (size_t i = a; i < b; i += len) {
		enum cclass c = class_at(s, b, i, &cp, &len);
		if (c == C_LETTER || c == C_DIGIT)
			return true;
	}
	return false;
}

/* Words a date or time line is made of, besides numbers. Sorted. */
static const char *const date_words[] = {
	"a.m", "a.m.", "ago", "am", "apr", "april", "at", "aug", "august", "bst", "cdt", "cst", "ct",
	"day", "days", "dec", "december", "edt", "est", "et", "feb", "february", "fri", "friday",
	"gmt", "hour", "hours", "jan", "january", "jul", "july", "jun", "june", "last", "mar",
	"march", "may", "mdt", "min", "mins", "minute", "minutes", "modified", "mon", "monday",
	"month", "months", "mst", "mt", "nov", "november", "oct", "october", "on", "p.m", "p.m.",
	"pdt", "pm", "posted", "pst", "pt", "published", "sat", "saturday", "sep", "sept",
	"september", "sun", "sunday", "thu", "thur", "thurs", "thursday", "tue", "tues", "tuesday",
	"updated", "utc", "wed", "wednesday", "week", "weeks", "year", "years",
};

/*
 * A date or time stamp: "Oct. 4, 2025 | Updated 5:30 p.m.", "Published 6 years ago". Only
 * date words, numbers and separators, with at least one number and one date word or clock time.
 */
static bool is_timestamp(const char *key)
{
	char w[16];
	bool number = false, dateish = false;
	size_t words = 0;

	while (*key) {
		size_t n = 0, digits = 0;
		bool colon = false;
		while (*key && (*key == ' ' || *key == ',' || *key == '|' || *key == '-' ||
				*key == '/' || *key == '(' || *key == ')'))
			key++;
		if (!*key)
			break;
		while (*key && *key != ' ' && *key != ',' && *key != '|' && *key != '(' &&
		       *key != ')') {
			if (n + 1 >= sizeof(w))
				return false;
			if (*key >= '0' && *key <= '9')
				digits++;
			colon |= *key == ':';
			w[n++] = *key++;
		}
		while (n > 1 && w[n - 1] == '.' && !(n >= 3 && w[n - 3] == '.'))
			n--; /* "oct." -> "oct", but keep "p.m." */
		w[n] = '\0';
		if (++words > 12)
			return false;
		if (digits) {
			/* 2025, 4, 5:30, 10/08/2025, 6:14pm */
			number = true;
			dateish |= colon || digits >= 4;
			continue;
		}
		const char *pw = w;
		if (!bsearch(&pw, date_words, SLANT_ARRAY_SIZE(date_words), sizeof(*date_words),
			     slant_cmp_cstr))
			return false;
		if (strcmp(w, "at") && strcmp(w, "on") && strcmp(w, "last"))
			dateish = true;
	}
	return number && dateish && words >= 2;
}

/* A navigation bar: "Home | News | Politics" - three or more short items between separators. */
static bool is_nav_bar(const char *key)
{
	size_t items = 1, words = 0;
	bool inword = false;

	for (const char *p = key; *p; p++) {
		/* | • › » · */
		size_t sep = *p == '|' ? 1 :
			     !strncmp(p, "\xE2\x80\xA2", 3) || !strncmp(p, "\xE2\x80\xBA", 3) ? 3 :
			     !strncmp(p, "\xC2\xBB", 2) || !strncmp(p, "\xC2\xB7", 2) ? 2 : 0;
		if (sep) {
			if (words > 3)
				return false;
			items++;
			words = 0;
			inword = false;
			p += sep - 1;
			continue;
		}
		if (*p == ' ') {
			inword = false;
		} else if (!inword) {
			inword = true;
			words++;
		}
	}
	return items >= 3 && words <= 3;
}

/*
 * Whether line `ln` is boilerplate in `zone` (a BOILER_* bit): by a pattern, or with `rules`
 * by the general rules. Sets its kind and rule; marking it stripped is the caller's business.
 */
static int judge_line(struct slant_doc *d, struct line *ln, int zone, bool rules,
		      const struct slant_doc_opts *o, bool *strip)
{
	const unsigned char *s = (const unsigned char *)d->text;
	struct boiler_hit hit;
	struct shape sh;
	int ret;

	*strip = false;
	if (!has_alnum(s, ln->start, ln->end)) {
		ln->kind = "rule";
		ln->rule = "no words";
		goto yes;
	}
	if (ln->end - ln->start > MAX_BOILER_LINE)
		return 0;
	if (!rules || zone == BOILER_BODY) {
		/*
		 * Most lines cannot match a pattern: their first byte says so without normalising,
		 * unless a combining mark follows it (E + U+0301 normalises to é).
		 */
		size_t i = ln->start;
		while (i < ln->end && slant_is_space(s[i]))
			i++;
		if (!o || !o->boiler)
			return 0;
		if (s[i] < 0x80 && (i + 1 >= ln->end || s[i + 1] < 0x80) &&
		    !boiler_may_match(o->boiler, (unsigned char)slant_lower(s[i]), zone))
			return 0;
	}
	slant_buf_reset(&d->key);
	ret = boiler_line_key(d->text + ln->start, ln->end - ln->start, &d->key);
	if (ret)
		return ret;
	if (o && o->boiler && boiler_match(o->boiler, d->key.data, zone, &hit)) {
		ln->kind = hit.kind;
		ln->rule = hit.rule;
		goto yes;
	}
	if (!rules || zone == BOILER_BODY)
		return 0;
	if (zone == BOILER_HEAD && d->title.len && !strcmp(d->key.data, d->title.data)) {
		ln->kind = "title";
		ln->rule = "repeats the title";
		goto yes;
	}
	if (is_timestamp(d->key.data)) {
		ln->kind = "timestamp";
		ln->rule = "date or time";
		goto yes;
	}
	if (is_nav_bar(d->key.data)) {
		ln->kind = "nav";
		ln->rule = "navigation bar";
		goto yes;
	}
	line_shape(s, ln->start, ln->end, &sh);
	if (sh.letters && !sh.lower && !sh.sentence_end) {
		ln->kind = "nav";
		ln->rule = "all capitals";
		goto yes;
	}
	if (zone == BOILER_HEAD && !sh.sentence_end && sh.words <= 8 &&
	    !strncmp(d->key.data, "by ", 3)) {
		ln->kind = "byline";
		ln->rule = "by-line";
		goto yes;
	}
	/* Not a transcript's speaker label ("michael barbaro") or cue ("[music]"): no capitals. */
	if (!sh.sentence_end && sh.words <= 4 && !sh.digits && !sh.list_item && sh.upper) {
		ln->kind = "nav";
		ln->rule = "short line without a sentence";
		goto yes;
	}
	return 0;
yes:
	*strip = true;
	return 0;
}

/* A block: consecutive non-blank lines, or one line when the text has no blank lines. */
struct block {
	size_t first, last; /* line indices, inclusive */
};

/*
 * Scans one block from its head or tail end. A block every line of which is boilerplate goes
 * whole; otherwise only its outer lines that patterns name go (general rules would cut the
 * first line off a hard-wrapped paragraph), and *story is set: the scan stops there.
 */
static int scan_block(struct slant_doc *d, const struct block *b, int zone, bool rules,
		      const struct slant_doc_opts *o, bool *story)
{
	uint8_t mark = zone == BOILER_HEAD ? SLANT_ZONE_HEAD : SLANT_ZONE_TAIL;
	size_t n = b->last - b->first + 1;
	bool strip, all = true;
	int ret;

	for (size_t k = 0; k < n && all; k++) {
		if ((ret = judge_line(d, &d->lines[b->first + k], zone, rules, o, &strip)))
			return ret;
		all = strip;
	}
	*story = !all;
	for (size_t k = 0; k < n; k++) {
		struct line *ln = &d->lines[zone == BOILER_HEAD ? b->first + k : b->last - k];
		if (!all) {
			if ((ret = judge_line(d, ln, zone, false, o, &strip)))
				return ret;
			if (!strip)
				break;
		}
		ln->zone = mark;
	}
	return 0;
}

static int strip_pass(struct slant_doc *d, const struct block *blocks, size_t nb, bool rules,
		      const struct slant_doc_opts *o, bool *found_story)
{
	size_t first = nb, last = nb;
	bool story = false, strip;
	int ret;

	/* From the top, boilerplate until the first line of the story... */
	for (size_t b = 0; b < nb && !story; b++) {
		if ((ret = scan_block(d, &blocks[b], BOILER_HEAD, rules, o, &story)))
			return ret;
		if (story)
			first = b;
	}
	*found_story = story;
	if (!story)
		return 0;
	/* ...from the bottom, until its last line... */
	story = false;
	for (size_t b = nb; b-- > first && !story;) {
		/* the story's first block was scanned from the head: scan its tail by patterns only */
		if ((ret = scan_block(d, &blocks[b], BOILER_TAIL, rules && b > first, o, &story)))
			return ret;
		if (story)
			last = b;
	}
	/* ...and in between, only what can never be story text. */
	for (size_t b = first; b <= last && b < nb; b++) {
		for (size_t i = blocks[b].first; i <= blocks[b].last; i++) {
			struct line *ln = &d->lines[i];
			if (ln->zone)
				continue;
			if ((ret = judge_line(d, ln, BOILER_BODY, false, o, &strip)))
				return ret;
			if (strip)
				ln->zone = SLANT_ZONE_BODY;
		}
	}
	return 0;
}

static int strip_boilerplate(struct slant_doc *d, const char *title,
			     const struct slant_doc_opts *o, bool blank_mode)
{
	struct block *blocks = NULL;
	size_t nb = 0, cap = 0;
	bool story;
	int ret = 0;

	slant_buf_reset(&d->title);
	if (title && *title && (ret = boiler_line_key(title, strlen(title), &d->title)))
		return ret;
	for (size_t i = 0; i < d->nlines; i++) {
		if (d->lines[i].blank)
			continue;
		if (blank_mode && nb && blocks[nb - 1].last + 1 == i) {
			blocks[nb - 1].last = i;
			continue;
		}
		if (SLANT_GROW(blocks, cap, nb + 1)) {
			ret = SLANT_ENOMEM;
			goto out;
		}
		blocks[nb++] = (struct block){ i, i };
	}
	if ((ret = strip_pass(d, blocks, nb, true, o, &story)))
		goto out;
	if (!story) {
		/* The rules took every line: a short text, not a page of boilerplate. Patterns only. */
		for (size_t i = 0; i < d->nlines; i++)
			d->lines[i].zone = 0;
		if ((ret = strip_pass(d, blocks, nb, false, o, &story)))
			goto out;
	}
	for (size_t i = 0; i < d->nlines; i++) {
		const struct line *ln = &d->lines[i];
		if (!ln->zone)
			continue;
		if (SLANT_GROW(d->strips, d->capstrips, d->nstrips + 1)) {
			ret = SLANT_ENOMEM;
			goto out;
		}
		d->strips[d->nstrips++] = (struct slant_strip){ ln->start, ln->end, ln->zone,
								ln->kind, ln->rule };
	}
out:
	free(blocks);
	return ret;
}

/* ---------------------------------------------------------------- tokens */

/*
 * The eight-bytes-at-a-time paths (lower_hash(), alnum_run8()) read words little-endian and
 * find a run's end with a GCC builtin; elsewhere the byte loops do the same work.
 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR 1
#else
#define SWAR 0
#endif

#if SWAR

/*
 * A-Z to a-z in each ASCII byte of `w` (SWAR: a byte's high bit flags it). A byte of 0x80 or
 * more may carry into the byte after it: callers keep only the bytes before any such byte.
 */
static inline uint64_t lower8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL;
	/* bit 7 of a byte of `up` is set for A-Z: no sum carries out of an ASCII byte */
	uint64_t up = (w + (0x80 - 'A') * ones) & ~(w + (0x80 - 'Z' - 1) * ones) & 0x80 * ones;
	return w | up >> 2;
}

/*
 * Writes the lower case of the ASCII text s[a..b) and a NUL at `o`, and sets *h to its
 * slant_text_hash() and *wh to its slant_text_word_hash(), in one pass of eight bytes at a
 * time: this runs for nearly every token. `len` is the whole text's length: loads stay inside
 * it, and the last store may write up to seven zero bytes after the NUL.
 */
static inline void lower_hash(const unsigned char *s, size_t a, size_t b, size_t len, char *o,
			      uint64_t *h, uint64_t *wh)
{
	size_t n = b - a, k = 0;
	uint64_t h1 = (uint64_t)n * 0x9E3779B97F4A7C15ULL, h2 = 0x9E3779B97F4A7C15ULL ^ n, w;

	for (; k + 8 <= n; k += 8) {
		memcpy(&w, s + a + k, 8);
		w = lower8(w);
		memcpy(o + k, &w, 8);
		h1 = (h1 ^ w) * 0xbf58476d1ce4e5b9ULL;
		h1 ^= h1 >> 29;
		h2 = slant_text_mix(h2 ^ w);
	}
	w = 0;
	if (k < n && a + k + 8 <= len) {
		memcpy(&w, s + a + k, 8);
		/* only the token's bytes: carries in lower8() go up, away from them */
		w = lower8(w) & (~0ULL >> (64 - 8 * (n - k)));
	} else {
		for (size_t i = k; i < n; i++)
			w |= (uint64_t)(unsigned char)ascii_lower[s[a + i]] << (8 * (i - k));
	}
	memcpy(o + k, &w, 8); /* the rest of the token, its NUL and zeros */
	if (k < n) {
		h1 = (h1 ^ w) * 0x94d049bb133111ebULL;
		h1 ^= h1 >> 31;
	}
	*h = h1;
	*wh = slant_text_mix(h2 ^ w ^ 0xA5);
}

#endif

/* Grows both hash arrays to hold `need` tokens. 0 or SLANT_ENOMEM. */
static int grow_hashes(struct slant_doc *d, size_t need)
{
	size_t c1 = d->caphashes, c2 = d->caphashes;

	if (SLANT_GROW(d->hashes, c1, need) || SLANT_GROW(d->whashes, c2, need))
		return SLANT_ENOMEM;
	d->caphashes = c1 < c2 ? c1 : c2;
	return 0;
}

static int add_token(struct slant_doc *d, size_t a, size_t b, int kind, unsigned flags,
		     bool ascii, uint32_t para)
{
	struct slant_token *t;
	size_t at = d->norm.len;
	int ret;

	if ((d->ntoks == d->captoks && SLANT_GROW(d->toks, d->captoks, d->ntoks + 1)) ||
	    (d->ntoks == d->caphashes && grow_hashes(d, d->ntoks + 1)))
		return SLANT_ENOMEM;
#if SWAR
	if (ascii) {
		/* room for the last eight-byte store, which may reach 7 bytes past the NUL */
		if (at + (b - a) + 9 > d->norm.cap && (ret = slant_buf_grow(&d->norm, b - a + 8)))
			return ret;
		lower_hash((const unsigned char *)d->text, a, b, d->len, d->norm.data + at, &d->hashes[d->ntoks],
			   &d->whashes[d->ntoks]);
		d->norm.len += b - a + 1;
	} else
#else
	(void)ascii;
#endif
	if ((ret = slant_norm_append(d->text + a, b - a, 0, &d->norm, NULL)) ||
		   (ret = slant_buf_addc(&d->norm, '\0'))) {
		return ret;
	} else {
		d->hashes[d->ntoks] = slant_text_hash(d->norm.data + at, d->norm.len - at - 1);
		d->whashes[d->ntoks] = slant_text_word_hash(d->norm.data + at, d->norm.len - at - 1);
	}
	t = &d->toks[d->ntoks++];
	t->start = (uint32_t)a;
	t->end = (uint32_t)b;
	t->norm = (uint32_t)at;
	t->norm_len = (uint32_t)(d->norm.len - at - 1);
	t->kind = (uint8_t)kind;
	t->flags = (uint8_t)flags;
	t->para = para > 0xFFFF ? 0xFFFF : (uint16_t)para;
	if (kind == SLANT_TOK_WORD || kind == SLANT_TOK_NUMBER)
		d->words++;
	return 0;
}

/*
 * Dotted abbreviations (U.S., J.R., a.m., Ph.D.): chunks of one to three letters, each followed
 * by a period, at least two. Returns the end of the match, or `i` when there is none.
 */
static size_t match_dotted(const unsigned char *s, size_t n, size_t i)
{
	size_t j = i, chunks = 0;

	for (;;) {
		size_t k = j;
		while (k < n && k - j < 4 && s[k] < 0x80 && ascii_class[s[k]] == C_LETTER)
			k++;
		if (k == j || k - j > 3 || k >= n || s[k] != '.')
			break;
		chunks++;
		j = k + 1;
		if (j >= n || s[j] >= 0x80 || ascii_class[s[j]] != C_LETTER)
			break;
	}
	/* "U.S" then a letter run of 4+ was not an abbreviation after all */
	return chunks >= 2 ? j : i;
}

#if SWAR
/*
 * The bytes of the ASCII letters and digits at the start of the eight bytes at s[j] that come
 * before byte `lim` (at most 8): returns how many, and adds their B_* bits to *bits. Words
 * end at unpredictable lengths, so a byte loop's exit would be mispredicted once per word;
 * this finds the end with no branch per byte (SWAR: each byte's high bit flags it).
 */
static inline size_t alnum_run8(const unsigned char *s, size_t j, size_t lim, unsigned *bits)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x80 * ones;
	uint64_t x;

	memcpy(&x, s + j, 8);
	/* byte >= c, for bytes below 0x80: a byte of 0x80 or more may carry into the byte after
	 * it, but it ends the run, so nothing after it counts */
#define GE(c) (x + (0x80 - (c)) * ones)
	uint64_t up = GE('A') & ~GE('Z' + 1), lo = GE('a') & ~GE('z' + 1),
		 dg = GE('0') & ~GE('9' + 1);
#undef GE
	uint64_t stop = ~(up | lo | dg) & high;
	stop |= x & high;
	if (lim < 8)
		stop |= high << (8 * lim);
	size_t k = stop ? (size_t)__builtin_ctzll(stop) / 8 : 8;
	uint64_t keep = k == 8 ? ~0ULL : (1ULL << (8 * k)) - 1;
	*bits |= (up & keep & high ? B_UPPER : 0) | (lo & keep & high ? B_LOWER : 0) |
		 (dg & keep & high ? B_DIGIT : 0);
	return k;
}
#endif

/*
 * The rest of a word or number whose first character is at `i` (a letter or digit): digits
 * (1,200 3.5 25%), letters, and inner hyphens, apostrophes and host-name periods. Returns its
 * end; `*kind` becomes SLANT_TOK_WORD when letters follow a number; `*flags` receives
 * SLANT_TOKF_CAP and SLANT_TOKF_UPPER. ASCII runs go eight bytes at a time (alnum_run8()).
 */
static size_t scan_word(const unsigned char *s, size_t n, size_t len, size_t i, int *kind,
			bool *ascii, unsigned *flags)
{
	unsigned bits = 0;
	bool first = true, cap = false;
	size_t j = i, len2, len3;
	int32_t cp2, cp3;

	if (*kind == SLANT_TOK_NUMBER) {
		while (j < n && s[j] >= '0' && s[j] <= '9')
			j++;
		while (j + 1 < n && (s[j] == ',' || s[j] == '.') && s[j + 1] >= '0' &&
		       s[j + 1] <= '9') {
			j += 2;
			while (j < n && s[j] >= '0' && s[j] <= '9')
				j++;
		}
		if (j < n && s[j] == '%')
			return j + 1;
		first = false;
	}
	for (;;) {
		size_t run = j;
		/* eight bytes at a time while the text holds them (`len`: the whole text) */
		while (j < n) {
			if (!SWAR || j + 8 > len) {
				while (j < n && (ascii_bits[s[j]] & B_ALNUM))
					bits |= ascii_bits[s[j++]];
				break;
			}
#if SWAR
			size_t k = alnum_run8(s, j, n - j, &bits);
			j += k;
			if (k < 8)
				break;
#endif
		}
		if (j > run) {
			if (first)
				cap = ascii_bits[s[run]] & B_UPPER;
			first = false;
		}
		if (j >= n)
			break;
		if (s[j] < 0x80 && ascii_class[s[j]] == C_SPACE)
			break; /* the usual end of a word */
		enum cclass c2 = class_at(s, n, j, &cp2, &len2);
		if (c2 == C_LETTER || c2 == C_DIGIT || c2 == C_FORMAT) {
			if (c2 == C_LETTER) {
				bits |= is_lower_cp(cp2) ? B_LOWER : is_upper_cp(cp2) ? B_UPPER : 0;
				if (first)
					cap = is_upper_cp(cp2);
				first = false;
			}
			*ascii = false;
			j += len2;
			continue;
		}
		/* an en dash between letters is a hyphen typed the wrong way: pro–immigration */
		if (c2 != C_HYPHEN && cp2 != 0x2013 && !is_apostrophe_cp(cp2) &&
		    !(cp2 == '.' && (bits & (B_LOWER | B_UPPER))))
			break;
		size_t k = j + len2;
		if (k >= n)
			break;
		enum cclass c3 = class_at(s, n, k, &cp3, &len3);
		if (c3 != C_LETTER && c3 != C_DIGIT)
			break;
		/* a period joins only host names and versions: time.com, v1.2 */
		if (cp2 == '.' && !(is_lower_cp(cp3) || c3 == C_DIGIT))
			break;
		*ascii &= cp2 < 0x80;
		j = k; /* the character after the joiner is scanned by the loop */
	}
	if (bits & (B_LOWER | B_UPPER))
		*kind = SLANT_TOK_WORD;
	if (*kind == SLANT_TOK_WORD) {
		if (cap)
			*flags |= SLANT_TOKF_CAP;
		if ((bits & B_UPPER) && !(bits & B_LOWER))
			*flags |= SLANT_TOKF_UPPER;
	}
	return j;
}

static int tokenize_line(struct slant_doc *d, const struct line *ln, uint32_t para)
{
	const unsigned char *s = (const unsigned char *)d->text;
	size_t n = ln->end, i = ln->start, len, len2;
	bool space = true;
	int32_t cp, cp2;
	int ret;

	while (i < n) {
		enum cclass c = class_at(s, n, i, &cp, &len), c2;
		size_t a = i, j = i + len;
		unsigned flags = space ? SLANT_TOKF_SPACE_BEFORE : 0;
		bool ascii = cp < 0x80;
		int kind;

		if (c == C_SPACE || c == C_FORMAT) {
			space = true;
			i = j;
			continue;
		}
		space = false;
		switch (c) {
		case C_LETTER:
		case C_DIGIT: {
			/* A period within three bytes is the cheap sign of U.S. or Ph.D. */
			size_t dot = c == C_LETTER && s[i] < 0x80 && i + 2 < n &&
					     (s[i + 1] == '.' || s[i + 2] == '.' ||
					      (i + 3 < n && s[i + 3] == '.'))
					     ? match_dotted(s, n, i)
					     : i;
			kind = c == C_DIGIT ? SLANT_TOK_NUMBER : SLANT_TOK_WORD;
			if (dot > i) {
				j = dot;
				flags |= (ascii_bits[s[i]] & B_UPPER) ? SLANT_TOKF_CAP : 0;
				bool lower = false;
				for (size_t k = i; k < j; k++)
					lower |= ascii_bits[s[k]] & B_LOWER;
				flags |= lower ? 0 : SLANT_TOKF_UPPER;
			} else {
				j = scan_word(s, n, d->len, i, &kind, &ascii, &flags);
			}
			break;
		}
		case C_QUOTE:
			kind = SLANT_TOK_QUOTE;
			break;
		case C_TERM:
			kind = SLANT_TOK_PUNCT;
			while (j < n) {
				c2 = class_at(s, n, j, &cp2, &len2);
				if (c2 != C_TERM)
					break;
				ascii &= cp2 < 0x80;
				j += len2;
			}
			break;
		case C_HYPHEN:
			kind = SLANT_TOK_PUNCT;
			while (j < n && s[j] == '-')
				j++;
			break;
		case C_SYMBOL:
			kind = SLANT_TOK_SYMBOL;
			break;
		default:
			kind = SLANT_TOK_PUNCT;
			break;
		}
		if (j >= n || class_at(s, n, j, &cp2, &len2) == C_SPACE)
			flags |= SLANT_TOKF_SPACE_AFTER;
		if ((ret = add_token(d, a, j, kind, flags, ascii, para)))
			return ret;
		i = j;
	}
	return 0;
}

/* ------------------------------------------------------------ paragraphs */

/* The last character of a line before trailing whitespace; 0 when none. */
static int32_t last_char(const unsigned char *s, const struct line *ln)
{
	size_t e = ln->end;
	int32_t cp = 0;

	while (e > ln->start && slant_is_space(s[e - 1]))
		e--;
	if (e == ln->start)
		return 0;
	size_t b = e - 1;
	while (b > ln->start && (s[b] & 0xC0) == 0x80)
		b--;
	if (!slant_utf8_decode(s, e, b, &cp))
		return 0;
	return cp;
}

static int32_t first_char(const unsigned char *s, const struct line *ln)
{
	size_t i = ln->start;
	int32_t cp = 0;

	while (i < ln->end && slant_is_space(s[i]))
		i++;
	if (i == ln->end || !slant_utf8_decode(s, ln->end, i, &cp))
		return 0;
	return cp;
}

/*
 * Extraction damage: a sentence cut by a blank line ("...flew in to" / "meet the..."). The
 * first part ends in a letter, digit, comma or hyphen, never in sentence punctuation, a colon
 * or a quotation mark; the second starts with a lower-case letter.
 */
static bool broken_between(const unsigned char *s, const struct line *prev,
			   const struct line *next)
{
	int32_t a = last_char(s, prev), b = first_char(s, next);

	if (!a || !b || !is_lower_cp(b))
		return false;
	if (a == ',' || a == '-')
		return true;
	enum cclass c = classify(a);
	return c == C_LETTER || c == C_DIGIT;
}

/* With blank lines, a paragraph is a block of lines; without, each line is one. */
static bool has_blank_lines(const struct slant_doc *d)
{
	bool text_before = false, blank = false;

	/* only a blank line between two lines of text counts: not leading or trailing ones */
	for (size_t i = 0; i < d->nlines; i++) {
		if (d->lines[i].blank) {
			blank = text_before;
		} else {
			if (blank)
				return true;
			text_before = true;
		}
	}
	return false;
}

static int build_paragraphs(struct slant_doc *d, unsigned flags, bool blank_mode)
{
	const unsigned char *s = (const unsigned char *)d->text;
	bool gap = true;
	const struct line *prev = NULL;
	int ret;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct line *ln = &d->lines[i];
		if (ln->blank || ln->zone) {
			gap = true;
			continue;
		}
		bool join = false;
		if (d->nparas && (gap || !blank_mode)) {
			if (!(flags & SLANT_DOC_NO_REPAIR) && broken_between(s, prev, ln))
				join = true;
		} else if (d->nparas) {
			join = true; /* the next line of the same block */
		}
		if (join) {
			struct slant_paragraph *p = &d->paras[d->nparas - 1];
			if (gap || !blank_mode)
				p->joined++;
			p->end = ln->end;
		} else {
			if (SLANT_GROW(d->paras, d->capparas, d->nparas + 1))
				return SLANT_ENOMEM;
			d->paras[d->nparas++] = (struct slant_paragraph){
				ln->start, ln->end, (uint32_t)d->ntoks, 0, 0, 0, 0
			};
		}
		if ((ret = tokenize_line(d, ln, (uint32_t)(d->nparas - 1))))
			return ret;
		d->paras[d->nparas - 1].tok_end = (uint32_t)d->ntoks;
		prev = ln;
		gap = false;
	}
	/* Trim paragraph spans to their text. */
	for (size_t p = 0; p < d->nparas; p++) {
		struct slant_paragraph *pp = &d->paras[p];
		if (pp->tok_end > pp->tok_begin) {
			pp->start = d->toks[pp->tok_begin].start;
			pp->end = d->toks[pp->tok_end - 1].end;
		}
	}
	return 0;
}

/* ------------------------------------------------------------- sentences */

/* Titles always precede a name: a period after them never ends a sentence. Sorted. */
static const char *const titles[] = {
	"adm", "capt", "cmdr", "col", "cpl", "dr", "fr", "gen", "gov", "hon", "lt", "maj",
	"messrs", "mmes", "mr", "mrs", "ms", "mt", "pres", "prof", "pvt", "rep", "reps", "rev",
	"sen", "sens", "sgt", "supt",
};

/* Abbreviations that may also end a sentence: they do only before a sentence opener. Sorted. */
static const char *const ambiguous[] = {
	"al", "ald", "apr", "approx", "assn", "aug", "ave", "blvd", "bros", "co", "corp",
	"dec", "dept", "est", "etc", "feb", "fig", "ft", "govt", "inc", "jan", "jr", "jul",
	"jun", "ltd", "mar", "mass", "no", "nov", "oct", "sep", "sept", "sr", "st", "univ",
	"vs",
};

/* Words that open sentences; after an ambiguous abbreviation they mark a boundary. Sorted. */
static const char *const openers[] = {
	"a", "according", "after", "all", "also", "although", "an", "and", "as", "at",
	"because", "before", "both", "but", "by", "during", "each", "for", "from", "he",
	"her", "here", "his", "how", "however", "i", "if", "in", "it", "its", "last",
	"many", "meanwhile", "more", "most", "my", "no", "not", "now", "of", "on", "one",
	"only", "or", "our", "she", "since", "so", "some", "still", "that", "the", "their",
	"then", "there", "these", "they", "this", "those", "though", "to", "under", "we",
	"what", "when", "where", "while", "who", "why", "with", "yet", "you",
};

/*
 * The three lists above in one hash table keyed by the hash each token already has, so a
 * word is looked up with one probe and one strcmp() instead of a binary search of strcmp()s.
 */
enum { SET_TITLE = 1, SET_AMBIGUOUS = 2, SET_OPENER = 4 };

struct set_slot {
	uint64_t hash;
	const char *word; /* NULL: empty */
	uint8_t sets;     /* SET_* */
};

#define SET_SLOTS 512 /* a power of two, over twice the words */
static struct set_slot word_sets[SET_SLOTS];

static void add_to_sets(const char *const *words, size_t n, uint8_t set)
{
	for (size_t w = 0; w < n; w++) {
		uint64_t h = slant_text_hash(words[w], strlen(words[w]));
		size_t i = h & (SET_SLOTS - 1);
		while (word_sets[i].word && strcmp(word_sets[i].word, words[w]))
			i = (i + 1) & (SET_SLOTS - 1);
		word_sets[i].hash = h;
		word_sets[i].word = words[w];
		word_sets[i].sets |= set;
	}
}

static void word_sets_init(void)
{
	add_to_sets(titles, SLANT_ARRAY_SIZE(titles), SET_TITLE);
	add_to_sets(ambiguous, SLANT_ARRAY_SIZE(ambiguous), SET_AMBIGUOUS);
	add_to_sets(openers, SLANT_ARRAY_SIZE(openers), SET_OPENER);
}

/* The tables every analysis reads, made once per process. */
static void tables_init(void)
{
	ascii_class_init();
	word_sets_init();
}

/* The SET_* bits of token t's normalised text. */
static unsigned sets_of(const struct slant_doc *d, size_t t)
{
	uint64_t h = d->hashes[t];

	for (size_t i = h & (SET_SLOTS - 1); word_sets[i].word; i = (i + 1) & (SET_SLOTS - 1))
		if (word_sets[i].hash == h &&
		    !strcmp(word_sets[i].word, d->norm.data + d->toks[t].norm))
			return word_sets[i].sets;
	return 0;
}

static bool is_opener(const struct slant_doc *d, size_t t)
{
	const struct slant_token *k = &d->toks[t];

	if (k->kind == SLANT_TOK_QUOTE)
		return true;
	if (k->kind != SLANT_TOK_WORD)
		return false;
	return sets_of(d, t) & SET_OPENER;
}

static bool is_closer(const struct slant_doc *d, size_t t)
{
	const struct slant_token *k = &d->toks[t];
	const char *c = d->text + k->start;

	/* A curly closing mark closes even after a stray space: “…the end. ” */
	if (k->kind == SLANT_TOK_QUOTE && k->end - k->start == 3 &&
	    (!memcmp(c, "\xE2\x80\x9D", 3) || !memcmp(c, "\xE2\x80\x99", 3)))
		return true;
	if (k->flags & SLANT_TOKF_SPACE_BEFORE)
		return false;
	return k->kind == SLANT_TOK_QUOTE || *c == ')' || *c == ']' || *c == '}';
}

/* Whether a sentence ends after terminator token `t`; `n` is the next token after any closers. */
static bool ends_sentence(const struct slant_doc *d, size_t t, size_t n, size_t pbegin)
{
	const struct slant_token *tk = &d->toks[t], *nk = &d->toks[n];
	const char *ns = d->text + nk->start;
	int32_t cp;
	const struct slant_token *w = NULL;

	/* What follows must look like the start of a sentence. */
	switch (nk->kind) {
	case SLANT_TOK_WORD:
	case SLANT_TOK_NUMBER:
		if (!slant_utf8_decode((const unsigned char *)ns, nk->end - nk->start, 0, &cp) ||
		    is_lower_cp(cp))
			return false;
		break;
	case SLANT_TOK_QUOTE:
		if (n + 1 < d->ntoks && d->toks[n + 1].kind == SLANT_TOK_WORD &&
		    d->toks[n + 1].para == nk->para &&
		    slant_utf8_decode((const unsigned char *)d->text + d->toks[n + 1].start,
				      d->toks[n + 1].end - d->toks[n + 1].start, 0, &cp) &&
		    is_lower_cp(cp))
			return false;
		break;
	case SLANT_TOK_PUNCT:
		if (*ns != '(' && *ns != '[')
			return false;
		break;
	default:
		break;
	}
	/* Abbreviations: "Gov. Whitcomb", "Oct. 7", "the U.S. attorney". */
	if (tk->kind == SLANT_TOK_WORD) {
		w = tk; /* a dotted abbreviation carries its own period */
	} else if (tk->end - tk->start == 1 && d->text[tk->start] == '.' && t > pbegin &&
		   d->toks[t - 1].kind == SLANT_TOK_WORD && d->toks[t - 1].end == tk->start) {
		w = &d->toks[t - 1];
	}
	if (!w)
		return true;
	if (w == tk)
		return is_opener(d, n);
	unsigned sets = sets_of(d, (size_t)(w - d->toks));
	if (sets & SET_TITLE)
		return false;
	if (w->end - w->start == 1 && (w->flags & SLANT_TOKF_CAP))
		return false; /* an initial: J. Smith */
	if (sets & SET_AMBIGUOUS)
		return is_opener(d, n);
	return true;
}

static bool is_terminator(const struct slant_doc *d, const struct slant_token *k)
{
	int32_t cp;

	if (k->kind == SLANT_TOK_WORD)
		return d->text[k->end - 1] == '.'; /* a dotted abbreviation */
	if (k->kind != SLANT_TOK_PUNCT)
		return false;
	if ((unsigned char)d->text[k->start] < 0x80)
		return ascii_class[(unsigned char)d->text[k->start]] == C_TERM;
	if (!slant_utf8_decode((const unsigned char *)d->text, k->end, k->start, &cp))
		return false;
	return classify(cp) == C_TERM;
}

static int add_sentence(struct slant_doc *d, size_t b, size_t e, uint32_t para)
{
	if (SLANT_GROW(d->sents, d->capsents, d->nsents + 1))
		return SLANT_ENOMEM;
	d->sents[d->nsents++] = (struct slant_sentence){ d->toks[b].start, d->toks[e - 1].end,
							 (uint32_t)b, (uint32_t)e, para };
	return 0;
}

static int split_sentences(struct slant_doc *d)
{
	int ret;

	for (size_t p = 0; p < d->nparas; p++) {
		struct slant_paragraph *pp = &d->paras[p];
		size_t b = pp->tok_begin, end = pp->tok_end;

		pp->sent_begin = (uint32_t)d->nsents;
		for (size_t t = b; t < end; t++) {
			const struct slant_token *k = &d->toks[t];
			if (!is_terminator(d, k))
				continue;
			size_t e = t + 1;
			while (e < end && is_closer(d, e))
				e++;
			if (e >= end)
				break;
			if (!ends_sentence(d, t, e, pp->tok_begin))
				continue;
			if ((ret = add_sentence(d, b, e, (uint32_t)p)))
				return ret;
			b = e;
			t = e - 1;
		}
		if (b < end && (ret = add_sentence(d, b, end, (uint32_t)p)))
			return ret;
		pp->sent_end = (uint32_t)d->nsents;
	}
	return 0;
}

/* ------------------------------------------------------------------ API */

int slant_doc_analyze(struct slant_doc *d, const char *text, size_t len, const char *title,
		      const struct slant_doc_opts *opts, struct slant_err *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	unsigned flags = opts ? opts->flags : 0;
	int ret;

	pthread_once(&once, tables_init);
	d->nlines = d->ntoks = d->nsents = d->nparas = d->nstrips = 0;
	d->words = 0;
	slant_buf_reset(&d->norm);
	if (len >= UINT32_MAX)
		return slant_fail(err, SLANT_ELIMIT, NULL, 0, -1, "text of %zu bytes is too large",
				  len);
	d->text = text;
	d->len = len;
	/* Room for what typical text needs at once (a token every 5-6 bytes), grown when not. */
	ret = slant_buf_grow(&d->norm, len + len / 2 + 16);
	if (!ret && (SLANT_GROW(d->toks, d->captoks, len / 5 + 16) ||
		     (len / 5 + 16 > d->caphashes && grow_hashes(d, len / 5 + 16))))
		ret = SLANT_ENOMEM;
	if (!ret)
		ret = split_lines(d, text, len);
	bool blank_mode = has_blank_lines(d);
	if (!ret && !(flags & SLANT_DOC_NO_STRIP))
		ret = strip_boilerplate(d, title, opts, blank_mode);
	if (!ret)
		ret = build_paragraphs(d, flags, blank_mode);
	if (!ret)
		ret = split_sentences(d);
	d->text = NULL;
	if (ret == SLANT_ENOMEM)
		return slant_fail_oom(err);
	if (ret)
		return slant_fail(err, ret, NULL, 0, -1, "cannot analyse text: %s",
				  slant_strerror(ret));
	return 0;
}

const struct slant_token *slant_doc_tokens(const struct slant_doc *d, size_t *n)
{
	*n = d->ntoks;
	return d->toks;
}

const uint64_t *slant_doc_hashes(const struct slant_doc *d)
{
	return d->hashes;
}

const uint64_t *slant_doc_word_hashes(const struct slant_doc *d)
{
	return d->whashes;
}

const char *slant_doc_norm_data(const struct slant_doc *d)
{
	return d->norm.data;
}

const struct slant_sentence *slant_doc_sentences(const struct slant_doc *d, size_t *n)
{
	*n = d->nsents;
	return d->sents;
}

const struct slant_paragraph *slant_doc_paragraphs(const struct slant_doc *d, size_t *n)
{
	*n = d->nparas;
	return d->paras;
}

const struct slant_strip *slant_doc_stripped(const struct slant_doc *d, size_t *n)
{
	*n = d->nstrips;
	return d->strips;
}

const char *slant_doc_norm(const struct slant_doc *d, const struct slant_token *tok)
{
	return d->norm.data + tok->norm;
}

size_t slant_doc_words(const struct slant_doc *d)
{
	return d->words;
}

int slant_doc_span_text(const struct slant_doc *d, const char *text, uint32_t start,
			uint32_t end, struct slant_buf *out)
{
	size_t si = 0;
	bool space = false, any = false;
	int ret;

	while (si < d->nstrips && d->strips[si].end <= start)
		si++;
	for (uint32_t i = start; i < end; i++) {
		if (si < d->nstrips && i >= d->strips[si].start) {
			i = d->strips[si].end; /* the newline after it is whitespace anyway */
			si++;
			space = any;
			if (i >= end)
				break;
		}
		unsigned char c = (unsigned char)text[i];
		if (slant_is_space(c)) {
			space = any;
			continue;
		}
		if (space && (ret = slant_buf_addc(out, ' ')))
			return ret;
		if ((ret = slant_buf_addc(out, (char)c)))
			return ret;
		space = false;
		any = true;
	}
	return 0;
}
