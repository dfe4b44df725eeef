/*
 * quotes.c - quotation spans, their kind, speaker and attribution verb.
 *
 * Four passes over an analysed document:
 *   1. marks: pair quotation marks paragraph by paragraph (double marks first, then single
 *      ones, which must not cross them), recover unclosed marks at the paragraph's end and
 *      link multi-paragraph quotes;
 *   2. mentions: names (the people table, then capitalised runs with their titles), role
 *      noun phrases ("the mayor", "one local nurse") and pronouns, outside quotations, each
 *      resolved to an entity: one per person per article (surname, initials and a misspelling
 *      at edit distance 1 join the full name);
 *   3. attribution: for each quotation, the speaker and verb after it (“…,” X said / said X,
 *      or at the end of its sentence), before it in its sentence (X said: “…”; X called it
 *      “…”; according to X), carried over from the quotation before it, or, failing all,
 *      the subject of its sentence or of the one before;
 *   4. kinds: title, scare, partial or direct from the attribution, the words around the
 *      marks and the quotation's length and case.
 * Everything is rebuilt for each article in arrays the extractor keeps between articles.
 */
#include "internal.h"
#include "../text/doc.h"
#include "people.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NONE UINT32_MAX
/*
 * How far back searches go: the last LOOKBACK mentions or quotations, the last 2 * LOOKBACK
 * entities. Real articles stay far below; a hostile one (thousands of names or pronouns) would
 * otherwise cost time growing with the square of its length.
 */
#define LOOKBACK 256

enum { MARK_DOUBLE = 1, MARK_SINGLE = 2 };
enum { DIR_AMBIG = 0, DIR_OPEN = 1, DIR_CLOSE = 2 };

struct pair {
	uint32_t open, close; /* tokens; close NONE when unclosed */
	uint32_t end;         /* byte end of the quoted text */
	uint32_t para;
	uint8_t type, flags;
};

enum { M_NAME = 1, M_ROLE, M_PRONOUN };
#define SHEAD_SIZE 256 /* surname buckets: a power of two */
enum { G_UNKNOWN = 0, G_MALE, G_FEMALE };

struct mention {
	uint32_t tb, te;   /* tokens */
	uint32_t entity;
	uint8_t kind;
	uint8_t pron;      /* M_PRONOUN: 'h' he, 's' she, 't' they, 'i' it */
};

struct entity {
	uint32_t name;     /* offset of its canonical name in q->names */
	uint32_t namelen;
	uint32_t ntok;     /* words in the canonical name */
	uint32_t surname;  /* offset of the lower-case surname key in q->names, or NONE */
	uint32_t shash;    /* slant_text_hash() of the surname key, low bits */
	uint32_t slen;     /* length of the surname key */
	uint32_t snext;    /* the next older entity in its surname bucket, or NONE */
	uint32_t first;    /* offset of the lower-case first word, or NONE */
	uint32_t person;   /* people table entry, or NONE */
	uint32_t role;     /* roles table entry, or NONE */
	uint32_t affil;    /* people entry of an organisation it speaks for, or NONE */
	uint32_t speaker;  /* its index among speakers once it speaks, or NONE */
	uint32_t mentions;
	uint32_t last;     /* token of its latest mention that speaks of it as someone */
	const char *group; /* a party cue: "democrat" / "republican", or NULL */
	uint8_t type;      /* SLANT_SPEAKER_* */
	uint8_t gender;
	uint8_t plural;
	uint8_t thing; /* a place, law or event: never a pronoun's antecedent */
};

struct slant_quotes {
	struct slant_quote *quotes;
	size_t nquotes, capquotes;
	struct slant_speaker *speakers;
	size_t nspeakers, capspeakers;
	struct pair *pairs;
	size_t npairs, cappairs;
	uint32_t *dbl; /* scratch: a paragraph's double pairs */
	size_t capdbl;
	struct mention *ments;
	size_t nments, capments;
	struct entity *ents;
	size_t nents, capents;
	uint64_t *fuzzy; /* per entity: fuzzy_key(), what find_person()'s edit search reads */
	size_t capfuzzy;
	uint32_t *eperson; /* per entity: its person (set once), scanned without the entities */
	size_t capeperson;
	uint64_t *ekey; /* per entity: name_key(), for the scans for a name already used */
	size_t capekey;
	uint32_t shead[SHEAD_SIZE]; /* newest entity per surname-hash bucket, or NONE */
	uint32_t *tokinfo; /* per token: bits below */
	uint32_t *ment_end;  /* per token: mention ending at it + 1, or 0 */
	uint32_t *ment_start;
	uint32_t *verb_at;   /* per token: verb match starting at it + 1, or 0 */
	uint32_t *sent_of;   /* per token: its sentence */
	uint32_t *srank;     /* per sentence: how many up to it have the reporter's words */
	uint32_t *lead_end;  /* per sentence: the end of a clause opening it ("When ..., "), or 0 */
	size_t capsrank, caplead;
	uint32_t *role_at;   /* per token: role match starting at it + 1, or 0 */
	uint32_t *role_end;  /* per token end (exclusive): role match ending there + 1, or 0 */
	uint32_t *name_at;   /* per token: people-name match starting at it + 1, or 0 */
	uint32_t *wmask;     /* per token: W_* bits of its word */
	const uint64_t *thash; /* per token: slant_text_hash() of its text (the document's) */
	const char *normbuf;   /* the document's norm buffer, which tokens' norm offsets index */
	size_t captok;
	uint32_t scan_end; /* tokens from here on cannot attribute a quotation */
	struct slant_matches all, verbs, roles, names;
	struct slant_buf names_buf; /* canonical names and keys */
	struct slant_buf tmp;
	/* the article being read */
	const struct slant_doc *d;
	const char *text;
	const struct slant_token *toks;
	size_t ntoks;
	const struct slant_sentence *sents;
	size_t nsents;
	const struct slant_quote_conf *conf;
};

enum {
	TI_INQUOTE = 1u << 0, /* inside a top-level quotation, marks included */
	TI_MARK = 1u << 1,    /* a paired quotation mark */
	TI_USED = 1u << 2,    /* part of a mention */
};

const char *slant_quote_kind_name(int kind)
{
	static const char *const names[] = { "direct", "partial", "scare", "title" };
	return kind >= 0 && kind < (int)SLANT_ARRAY_SIZE(names) ? names[kind] : "?";
}

static void sort_lists(void);
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

struct slant_quotes *slant_quotes_new(void)
{
	struct slant_quotes *q;

	pthread_once(&lists_once, sort_lists);
	q = calloc(1, sizeof(*q));

	if (!q)
		return NULL;
	slant_buf_init(&q->names_buf, (size_t)64 << 20);
	slant_buf_init(&q->tmp, (size_t)64 << 20);
	return q;
}

void slant_quotes_free(struct slant_quotes *q)
{
	if (!q)
		return;
	free(q->quotes);
	free(q->speakers);
	free(q->pairs);
	free(q->dbl);
	free(q->ments);
	free(q->ents);
	free(q->fuzzy);
	free(q->eperson);
	free(q->ekey);
	free(q->tokinfo);
	free(q->ment_end);
	free(q->ment_start);
	free(q->verb_at);
	free(q->sent_of);
	free(q->srank);
	free(q->lead_end);
	free(q->role_at);
	free(q->role_end);
	free(q->name_at);
	free(q->wmask);
	free(q->verbs.v);
	free(q->roles.v);
	free(q->names.v);
	free(q->all.v);
	slant_buf_release(&q->names_buf);
	slant_buf_release(&q->tmp);
	free(q);
}

const struct slant_quote *slant_quotes_list(const struct slant_quotes *q, size_t *n)
{
	*n = q->nquotes;
	return q->quotes;
}

const struct slant_speaker *slant_quotes_speakers(const struct slant_quotes *q, size_t *n)
{
	*n = q->nspeakers;
	return q->speakers;
}

/* ----------------------------------------------------------------- tokens */

/* Inline: slant_doc_norm() is a call into another unit, and nearly every token asks. */
static inline const char *norm(const struct slant_quotes *q, uint32_t t)
{
	return q->normbuf + q->toks[t].norm;
}

/* Inlined: strlen() of a literal is a constant, and most tokens differ in length. */
static inline bool norm_is(const struct slant_quotes *q, uint32_t t, const char *w)
{
	size_t n = strlen(w);
	return t < q->ntoks && q->toks[t].norm_len == n && !memcmp(norm(q, t), w, n);
}

/*
 * Word lists: the extractor asks about nearly every token, so every list word goes into one
 * hash table with a bit per list (built by the first slant_quotes_new()), and each token's
 * bits are looked up once per article.
 */
#define WORDSET(name, ...) static const char *const name[] = { __VA_ARGS__ }

enum {
	W_APOS = 1u << 0, W_NOT_NAME = 1u << 1, W_PARTICLE = 1u << 2, W_ORG = 1u << 3,
	W_FEMALE = 1u << 4, W_MALE = 1u << 5, W_FTITLE = 1u << 6, W_MTITLE = 1u << 7,
	W_HONORIFIC = 1u << 8, W_DET = 1u << 9, W_ADVERB = 1u << 10, W_TIME = 1u << 11,
	W_SCARE = 1u << 12, W_TITLECUE = 1u << 13, W_HE = 1u << 14, W_SHE = 1u << 15,
	W_THEY = 1u << 16, W_IT = 1u << 17, W_DEM = 1u << 18, W_REP = 1u << 19, W_DOCUMENT = 1u << 20, W_THING = 1u << 21,
	W_FUNCTION = 1u << 22, W_CLERGY = 1u << 23, W_WORD_NAME = 1u << 24,
	W_PRE_TITLE = 1u << 25, W_OBJECT_CUE = 1u << 26, W_SUBORD = 1u << 27,
	W_FAMILY_FIRST = 1u << 28,
};

#define WTAB_SIZE 4096 /* a power of two, well above the words listed */
static struct wslot {
	const char *w;
	uint64_t hash;
	uint32_t len, mask;
} wtab[WTAB_SIZE];
static size_t wtab_maxlen; /* no listed word is longer */
/*
 * A bit per listed word's hash, 4 KiB: the table itself is 96 KiB and most words asked
 * about are in no list, so this turns them away without a cache miss on a slot.
 */
#define WBLOOM_WORDS 512 /* a power of two */
static uint64_t wbloom[WBLOOM_WORDS];
#define WBLOOM_HAS(h) (wbloom[((h) >> 20) & (WBLOOM_WORDS - 1)] & (1ULL << (((h) >> 40) & 63)))

/* The list bits of word s[0..n), whose slant_text_hash() is h. */
static uint32_t word_mask_h(const char *s, size_t n, uint64_t h)
{
	if (n > wtab_maxlen || !WBLOOM_HAS(h))
		return 0;
	for (uint32_t i = (uint32_t)h & (WTAB_SIZE - 1);; i = (i + 1) & (WTAB_SIZE - 1)) {
		if (!wtab[i].w)
			return 0;
		if (wtab[i].hash == h && wtab[i].len == n) {
			/* listed words are short: a loop beats calling memcmp() */
			size_t k = 0;
			while (k < n && wtab[i].w[k] == s[k])
				k++;
			if (k == n)
				return wtab[i].mask;
		}
	}
}

/* slant_text_hash() of "he", "it", "she" and "they" */
static uint64_t pron_hash[4];

static inline bool pron_hash_is(uint64_t h)
{
	return h == pron_hash[0] || h == pron_hash[1] || h == pron_hash[2] || h == pron_hash[3];
}

static uint32_t word_mask(const char *w)
{
	size_t n = strlen(w);
	return word_mask_h(w, n, slant_text_hash(w, n));
}

static void wtab_add(const char *w, uint32_t bit)
{
	size_t n = strlen(w);
	uint64_t h = slant_text_hash(w, n);

	if (n > wtab_maxlen)
		wtab_maxlen = n;
	wbloom[(h >> 20) & (WBLOOM_WORDS - 1)] |= 1ULL << ((h >> 40) & 63);
	for (uint32_t i = (uint32_t)h & (WTAB_SIZE - 1);; i = (i + 1) & (WTAB_SIZE - 1)) {
		if (!wtab[i].w)
			wtab[i] = (struct wslot){ w, h, (uint32_t)n, 0 };
		if (wtab[i].hash == h && wtab[i].len == n && !memcmp(wtab[i].w, w, n)) {
			wtab[i].mask |= bit;
			return;
		}
	}
}

#define WMASK_UNSET UINT32_MAX
/* The list bits of token t (0 for tokens that are not words), looked up on first use. */
#define TMASK(q, t) ((q)->wmask[t] != WMASK_UNSET ? (q)->wmask[t] : tmask_fill((q), (t)))

static uint32_t word_mask(const char *w);

static uint32_t tmask_fill(const struct slant_quotes *q, uint32_t t)
{
	uint32_t m = q->toks[t].kind == SLANT_TOK_WORD ?
			     word_mask_h(norm(q, t), q->toks[t].norm_len, q->thash[t]) : 0;
	q->wmask[t] = m; /* a cache: the array is the extractor's scratch */
	return m;
}

/* A possessive: "ABC's", "Monday’s" (normalised apostrophes are '). */
static bool possessive_word(const struct slant_quotes *q, uint32_t t)
{
	const struct slant_token *k = &q->toks[t];
	const char *n = norm(q, t);
	return k->kind == SLANT_TOK_WORD && k->norm_len > 2 && n[k->norm_len - 2] == '\'' &&
	       n[k->norm_len - 1] == 's';
}

/* Words written in lower case inside sentences (scripts/common-words.py). */
static const char *const common_words[] = {
#include "common_words.inc"
};

/* The common words' hashes (slant_text_hash(), never 0), open addressing: asked about once a
 * sentence, so apart from the word table every token asks about. */
#define CTAB_SIZE 32768 /* a power of two, well above the words listed */
static uint64_t ctab[CTAB_SIZE];

static void ctab_add(const char *w)
{
	uint64_t h = slant_text_hash(w, strlen(w)) | 1;
	uint32_t i = (uint32_t)h & (CTAB_SIZE - 1);

	while (ctab[i] && ctab[i] != h)
		i = (i + 1) & (CTAB_SIZE - 1);
	ctab[i] = h;
}

static bool is_common(const struct slant_quotes *q, uint32_t t)
{
	if (q->toks[t].kind != SLANT_TOK_WORD)
		return false;
	uint64_t h = q->thash[t] | 1; /* the document's hash of the token */
	for (uint32_t i = (uint32_t)h & (CTAB_SIZE - 1); ctab[i]; i = (i + 1) & (CTAB_SIZE - 1))
		if (ctab[i] == h)
			return true;
	return false;
}

static uint32_t sentence_start(const struct slant_quotes *q, uint32_t t);

/*
 * Whether token t is a common word capitalised only because it opens its sentence
 * ("Neither Nevárez", "Wages rose"), not a first name ("Will", "Hope").
 */
static bool common_opener(const struct slant_quotes *q, uint32_t t)
{
	return sentence_start(q, t) == t && !q->name_at[t] &&
	       !(TMASK(q, t) & (W_MALE | W_FEMALE | W_WORD_NAME)) && is_common(q, t);
}

/* A capitalised word that does not start a name ("The", "Monday's"). */
static bool not_name(const struct slant_quotes *q, uint32_t t)
{
	if (TMASK(q, t) & W_NOT_NAME)
		return true;
	const struct slant_token *k = &q->toks[t];
	/* "Following the vote, ...", "Speaking on Monday, ...": a participle opening a sentence */
	if (k->norm_len > 5 && !memcmp(norm(q, t) + k->norm_len - 3, "ing", 3) && !q->name_at[t] &&
	    (t == 0 || q->sent_of[t - 1] != q->sent_of[t]))
		return true;
	if (!possessive_word(q, t))
		return false;
	char key[64];
	size_t n = q->toks[t].norm_len - 2;
	if (n >= sizeof(key))
		return false;
	memcpy(key, norm(q, t), n);
	key[n] = '\0';
	return (word_mask(key) & W_NOT_NAME) != 0;
}

static bool is_word(const struct slant_quotes *q, uint32_t t)
{
	return t < q->ntoks &&
	       (q->toks[t].kind == SLANT_TOK_WORD || q->toks[t].kind == SLANT_TOK_NUMBER);
}

static uint32_t sentence_start(const struct slant_quotes *q, uint32_t t)
{
	return q->sents[q->sent_of[t]].tok_begin;
}

static uint32_t sentence_end(const struct slant_quotes *q, uint32_t t)
{
	return q->sents[q->sent_of[t]].tok_end;
}

/* The paragraph of token t (tokens' own field saturates at 65535): set once sent_of is. */
static uint32_t para_of(const struct slant_quotes *q, uint32_t t)
{
	return q->sents[q->sent_of[t]].para;
}

static bool is_cap(const struct slant_quotes *q, uint32_t t)
{
	return t < q->ntoks && q->toks[t].kind == SLANT_TOK_WORD &&
	       (q->toks[t].flags & SLANT_TOKF_CAP);
}

/* The token is one ASCII punctuation character c. */
static bool punct_is(const struct slant_quotes *q, uint32_t t, char c)
{
	return t < q->ntoks && q->toks[t].kind == SLANT_TOK_PUNCT &&
	       q->toks[t].end - q->toks[t].start == 1 && q->text[q->toks[t].start] == c;
}

/* A dash token: - – — or --. */
static bool is_dash(const struct slant_quotes *q, uint32_t t)
{
	if (t >= q->ntoks || q->toks[t].kind != SLANT_TOK_PUNCT)
		return false;
	const char *n = norm(q, t);
	return n[0] == '-';
}

static bool sentence_end_punct(const struct slant_quotes *q, uint32_t t)
{
	if (t >= q->ntoks || q->toks[t].kind != SLANT_TOK_PUNCT)
		return false;
	char c = q->text[q->toks[t].start];
	return c == '.' || c == '!' || c == '?' || !strcmp(norm(q, t), "...");
}

/* A quotation that is a sentence: a capital first, a full stop, ! or ? last ("I love it."). */
static bool whole_sentence(const struct slant_quotes *q, const struct slant_quote *qt)
{
	if (qt->tok_end <= qt->tok_begin || !is_word(q, qt->tok_begin))
		return false;
	return (q->toks[qt->tok_begin].flags & SLANT_TOKF_CAP) &&
	       sentence_end_punct(q, qt->tok_end - 1);
}

static int32_t first_cp(const struct slant_quotes *q, uint32_t t)
{
	int32_t cp = 0;
	const struct slant_token *k = &q->toks[t];

	slant_utf8_decode((const unsigned char *)q->text, k->end, k->start, &cp);
	return cp;
}

/* ------------------------------------------------------------------ marks */

static void mark_kind(const struct slant_quotes *q, uint32_t t, uint8_t *type, uint8_t *dir,
		      int32_t *cpo)
{
	int32_t cp = first_cp(q, t);

	*cpo = cp;
	switch (cp) {
	case 0x201C: case 0x201E: case 0x00AB: case 0x201F:
		*type = MARK_DOUBLE, *dir = DIR_OPEN;
		break;
	case 0x201D: case 0x00BB:
		*type = MARK_DOUBLE, *dir = DIR_CLOSE;
		break;
	case '"': case 0x2033: case 0xFF02:
		*type = MARK_DOUBLE, *dir = DIR_AMBIG;
		break;
	case 0x2018: case 0x201A: case 0x2039:
		*type = MARK_SINGLE, *dir = DIR_OPEN;
		break;
	case 0x2019: case 0x203A:
		*type = MARK_SINGLE, *dir = DIR_CLOSE;
		break;
	case '\'': case 0xFF07:
		*type = MARK_SINGLE, *dir = DIR_AMBIG;
		break;
	default:
		*type = 0, *dir = DIR_AMBIG;
	}
}

static bool opens_group(const struct slant_quotes *q, uint32_t t)
{
	if (q->toks[t].kind != SLANT_TOK_PUNCT)
		return false;
	char c = q->text[q->toks[t].start];
	return c == '(' || c == '[' || c == '{' || is_dash(q, t) || c == '/';
}

/* Could open a quotation: nothing or space or an opening bracket before, a word after. */
static bool left_flank(const struct slant_quotes *q, uint32_t t, uint32_t pb, uint32_t pe)
{
	const struct slant_token *k = &q->toks[t];

	if (t + 1 >= pe || (k->flags & SLANT_TOKF_SPACE_AFTER))
		return false;
	return t == pb || (k->flags & SLANT_TOKF_SPACE_BEFORE) || opens_group(q, t - 1) ||
	       q->toks[t - 1].kind == SLANT_TOK_QUOTE || punct_is(q, t - 1, ':');
}

/* Could close a quotation: a word or punctuation before, space, punctuation or the end after. */
static bool right_flank(const struct slant_quotes *q, uint32_t t, uint32_t pb, uint32_t pe)
{
	const struct slant_token *k = &q->toks[t];

	if (t == pb || (k->flags & SLANT_TOKF_SPACE_BEFORE) || opens_group(q, t - 1))
		return false;
	return t + 1 >= pe || (k->flags & SLANT_TOKF_SPACE_AFTER) ||
	       q->toks[t + 1].kind == SLANT_TOK_PUNCT || q->toks[t + 1].kind == SLANT_TOK_QUOTE;
}

static int add_pair(struct slant_quotes *q, uint32_t open, uint32_t close, uint32_t end,
		    uint32_t para, uint8_t type, uint8_t flags)
{
	if (SLANT_GROW(q->pairs, q->cappairs, q->npairs + 1))
		return SLANT_ENOMEM;
	q->pairs[q->npairs++] = (struct pair){ open, close, end, para, type, flags };
	return 0;
}

/* End of the text before token t in its paragraph (t > pb), trailing marks left out. */
static uint32_t text_end_before(const struct slant_quotes *q, uint32_t t, uint32_t pb)
{
	while (t > pb + 1 && q->toks[t - 1].kind == SLANT_TOK_QUOTE)
		t--;
	return q->toks[t - 1].end;
}

/* Double marks of paragraph [pb, pe): a toggle, with curly direction breaking ties. */
static int pair_double(struct slant_quotes *q, uint32_t pb, uint32_t pe, uint32_t para)
{
	uint32_t open = NONE;
	int32_t open_cp = 0;

	for (uint32_t t = pb; t < pe; t++) {
		uint8_t type, dir;
		int32_t cp;

		if (q->toks[t].kind != SLANT_TOK_QUOTE)
			continue;
		mark_kind(q, t, &type, &dir, &cp);
		if (type != MARK_DOUBLE)
			continue;
		bool lf = left_flank(q, t, pb, pe), rf = right_flank(q, t, pb, pe);
		if (open == NONE) {
			/* a closing mark with no opening one: a stray, unless it is set like one */
			if ((dir == DIR_CLOSE && !lf) || (dir == DIR_AMBIG && rf && !lf) ||
			    t + 1 >= pe)
				continue;
			open = t, open_cp = cp;
			continue;
		}
		if (dir == DIR_OPEN && lf && !rf && open_cp != 0x201E && t > open + 1) {
			/* a second opening mark: the first was never closed */
			if (add_pair(q, open, NONE, text_end_before(q, t, pb), para, MARK_DOUBLE,
				     SLANT_QUOTEF_UNCLOSED))
				return SLANT_ENOMEM;
			open = t, open_cp = cp;
			continue;
		}
		if (add_pair(q, open, t, q->toks[t].start, para, MARK_DOUBLE, 0))
			return SLANT_ENOMEM;
		open = NONE;
	}
	if (open != NONE && open + 1 < pe) {
		if (add_pair(q, open, NONE, text_end_before(q, pe, pb), para, MARK_DOUBLE,
			     SLANT_QUOTEF_UNCLOSED))
			return SLANT_ENOMEM;
	}
	return 0;
}

WORDSET(apostrophe_words, "em", "til", "tis", "twas", "cause", "n", "bout",
					     "round", "nuff", "ya" );

/* Contractions written with a leading apostrophe: 'em, 'til, rock 'n' roll, '90s. */
static bool leading_apostrophe(const struct slant_quotes *q, uint32_t t)
{
	if (t + 1 >= q->ntoks)
		return true;
	if (q->toks[t + 1].kind == SLANT_TOK_NUMBER)
		return true;
	int32_t cp = first_cp(q, t + 1);
	if (cp >= '0' && cp <= '9')
		return true;
	return (TMASK(q, t + 1) & W_APOS);
}

/* A closing-looking single mark that is more likely a plural possessive: Illinois' governor. */
static bool possessive(const struct slant_quotes *q, uint32_t t, uint32_t pe)
{
	const struct slant_token *w = &q->toks[t - 1];

	if (w->kind != SLANT_TOK_WORD || q->text[w->end - 1] != 's')
		return false;
	return t + 1 < pe && q->toks[t + 1].kind == SLANT_TOK_WORD &&
	       (q->toks[t].flags & SLANT_TOKF_SPACE_AFTER);
}

/* Single marks of the paragraph: an opener pairs with the next closer before another opener. */
static int pair_single(struct slant_quotes *q, uint32_t pb, uint32_t pe, uint32_t para)
{
	for (uint32_t t = pb; t < pe; t++) {
		uint8_t type, dir;
		int32_t cp;

		if (q->toks[t].kind != SLANT_TOK_QUOTE)
			continue;
		mark_kind(q, t, &type, &dir, &cp);
		if (type != MARK_SINGLE || dir == DIR_CLOSE || !left_flank(q, t, pb, pe) ||
		    right_flank(q, t, pb, pe) || leading_apostrophe(q, t))
			continue;
		uint32_t best = NONE, fallback = NONE;
		for (uint32_t u = t + 2; u < pe; u++) {
			uint8_t ut, ud;
			int32_t ucp;
			if (q->toks[u].kind != SLANT_TOK_QUOTE)
				continue;
			mark_kind(q, u, &ut, &ud, &ucp);
			if (ut != MARK_SINGLE)
				continue;
			bool lf = left_flank(q, u, pb, pe), rf = right_flank(q, u, pb, pe);
			if (ud != DIR_CLOSE && lf && !rf && !leading_apostrophe(q, u))
				break; /* the next opener */
			if (!rf || lf)
				continue;
			if (possessive(q, u, pe)) {
				fallback = u;
				continue;
			}
			best = u;
			break;
		}
		if (best == NONE)
			best = fallback;
		if (best == NONE)
			continue;
		if (add_pair(q, t, best, q->toks[best].start, para, MARK_SINGLE, 0))
			return SLANT_ENOMEM;
		t = best;
	}
	return 0;
}

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	if (x->open != y->open)
		return x->open < y->open ? -1 : 1;
	return (x->type > y->type) - (x->type < y->type);
}

/* Whether pair b lies inside pair a. */
static bool pair_inside(const struct slant_quotes *q, const struct pair *a, const struct pair *b)
{
	uint32_t a_end = a->close != NONE ? q->toks[a->close].start : a->end;
	uint32_t b_end = b->close != NONE ? q->toks[b->close].end : b->end;
	return b->open > a->open && b_end <= a_end;
}

/*
 * Whether single pair `pr` crosses the double pair holding token `at` (its last double pair
 * opening before `at`): it neither contains it nor lies inside it. q->dbl lists the
 * paragraph's `ndbl` double pairs.
 */
static bool crosses_double(const struct slant_quotes *q, const struct pair *pr, uint32_t at,
			   size_t ndbl)
{
	size_t lo = 0, hi = ndbl;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (q->pairs[q->dbl[mid]].open < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return false;
	const struct pair *o = &q->pairs[q->dbl[lo - 1]];
	uint32_t o_end = o->close != NONE ? o->close : NONE;
	bool overlap = o->open < pr->close && pr->open < o_end;
	return overlap && !pair_inside(q, pr, o) && !pair_inside(q, o, pr);
}

static int find_marks(struct slant_quotes *q)
{
	size_t np;
	const struct slant_paragraph *paras = slant_doc_paragraphs(q->d, &np);

	q->npairs = 0;
	for (size_t p = 0; p < np; p++) {
		size_t before = q->npairs;
		if (pair_double(q, paras[p].tok_begin, paras[p].tok_end, (uint32_t)p) ||
		    pair_single(q, paras[p].tok_begin, paras[p].tok_end, (uint32_t)p))
			return SLANT_ENOMEM;
		if (q->npairs > before)
			qsort(q->pairs + before, q->npairs - before, sizeof(*q->pairs), cmp_pair);
	}

	/* Drop single-mark pairs that cross a double one, and build the quotations. */
	q->nquotes = 0;
	uint32_t stack[32];
	size_t depth = 0;
	size_t group = 0, ndbl = 0; /* the paragraph's pairs start at `group`; its doubles */
	for (size_t i = 0; i < q->npairs; i++) {
		struct pair *pr = &q->pairs[i];
		if (i == group) {
			/* a new paragraph: list its double pairs, disjoint and in order */
			size_t end = i;
			ndbl = 0;
			while (end < q->npairs && q->pairs[end].para == pr->para) {
				if (q->pairs[end].type == MARK_DOUBLE) {
					if (SLANT_GROW(q->dbl, q->capdbl, ndbl + 1))
						return SLANT_ENOMEM;
					q->dbl[ndbl++] = (uint32_t)end;
				}
				end++;
			}
			group = end;
		}
		if (pr->type == MARK_SINGLE &&
		    (crosses_double(q, pr, pr->open, ndbl) || crosses_double(q, pr, pr->close, ndbl)))
			continue;
		uint32_t start = q->toks[pr->open].end;
		if (pr->end <= start)
			continue; /* empty: “” */
		while (depth && !pair_inside(q, &q->pairs[stack[depth - 1]], pr))
			depth--;
		if (SLANT_GROW(q->quotes, q->capquotes, q->nquotes + 1))
			return SLANT_ENOMEM;
		struct slant_quote *qt = &q->quotes[q->nquotes++];
		memset(qt, 0, sizeof(*qt));
		qt->start = start;
		qt->end = pr->end;
		qt->open = q->toks[pr->open].start;
		qt->close = pr->close != NONE ? q->toks[pr->close].end : pr->end;
		qt->tok_begin = pr->open + 1;
		qt->tok_end = pr->close != NONE ? pr->close : pr->open + 1;
		if (pr->close == NONE)
			while (qt->tok_end < q->ntoks && q->toks[qt->tok_end].end <= pr->end)
				qt->tok_end++;
		for (uint32_t t = qt->tok_begin; t < qt->tok_end; t++)
			qt->words += is_word(q, t);
		qt->depth = (uint16_t)depth;
		qt->para = pr->para;
		qt->flags = pr->flags;
		qt->speaker = NONE;
		qt->verb = NONE;
		qt->verb_start = qt->verb_end = 0;
		if (depth < SLANT_ARRAY_SIZE(stack))
			stack[depth++] = (uint32_t)i;
		if (qt->depth == 0)
			for (uint32_t t = pr->open; t < q->ntoks && q->toks[t].end <= qt->close; t++)
				q->tokinfo[t] |= TI_INQUOTE;
		q->tokinfo[pr->open] |= TI_MARK;
		if (pr->close != NONE)
			q->tokinfo[pr->close] |= TI_MARK;
	}

	/* Multi-paragraph quotations: unclosed at a paragraph's end, reopened at the next's start. */
	for (size_t i = 0; i + 1 < q->nquotes; i++) {
		struct slant_quote *a = &q->quotes[i];
		if (a->depth || !(a->flags & SLANT_QUOTEF_UNCLOSED))
			continue;
		uint32_t para = a->para;
		if (para + 1 >= np || a->end != paras[para].end)
			continue;
		for (size_t j = i + 1; j < q->nquotes; j++) {
			struct slant_quote *b = &q->quotes[j];
			if (b->depth)
				continue;
			if (b->para == para + 1 &&
			    b->tok_begin - 1 == paras[para + 1].tok_begin) {
				a->flags |= SLANT_QUOTEF_CONTINUES;
				b->flags |= SLANT_QUOTEF_CONTINUED;
			}
			break;
		}
	}
	return 0;
}

/* --------------------------------------------------------------- mentions */

/* Capitalised words that do not start names. */
WORDSET(not_names,
	"a", "about", "after", "again", "all", "also", "although", "an", "and", "another", "any",
	"april", "as", "at", "august", "because", "before", "both", "but", "by", "december",
	"despite", "during", "each", "even", "every", "february", "for", "friday", "from",
	"however", "i", "if", "in", "instead", "into", "it", "its", "january", "july", "june",
	"last", "like", "many", "march", "may", "meanwhile", "monday", "more", "most",
	"my", "new", "next", "no", "not", "november", "now", "october", "of", "on",
	"once", "one", "only", "or", "our", "over", "saturday", "september", "several", "she",
	"since", "so", "some", "still", "sunday", "that", "the", "their", "then", "there",
	"these", "they", "this", "those", "though", "through", "thursday", "to", "today",
	"tuesday", "under", "until", "we", "wednesday", "what", "when", "where", "whether",
	"which", "while", "who", "why", "with", "yes", "yet", "you", "he", "his", "her", "him",
	"them", "earlier", "later", "here", "how", "us", "me", "let", "just", "neither", "either",
	"nor", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "embed",
	"please", "thank", "thanks", "well", "oh", "dear",
);

/* Lower-case words that may sit inside a name: Beto de la Cruz, Ludwig van Beethoven. */
WORDSET(name_particles,
	"de", "la", "del", "van", "von", "der", "den", "bin", "al", "da", "di", "du", "le", "dos",
	"ibn", "y",
);

/* Last words that make a capitalised run an organisation. */
WORDSET(org_words,
	"administration", "agency", "alliance", "association", "authority", "board", "bureau",
	"campaign", "center", "centre", "church", "coalition", "college", "commission",
	"committee", "company", "congress", "corp", "corporation", "council", "court",
	"department", "fund", "foundation", "government", "group", "house", "inc", "institute",
	"journal", "league", "ministry", "network", "news", "office", "organization", "party",
	"patrol", "police", "post", "project", "senate", "service", "society", "times",
	"tribune", "union", "university", "watch", "press", "magazine", "daily",
	"reuters", "republicans", "democrats", "gop", "ice", "cbp", "dhs", "fbi", "aclu",
	"pentagon", "kremlin", "force", "army", "navy", "guard",
);

/* Last words of names that are neither people nor speakers: the Rose Garden, the Act. */
WORDSET(thing_words,
	"act", "acts", "law", "amendment", "program", "initiative", "plan", "agreement", "treaty",
	"bank", "club", "school", "hospital", "airport", "street", "avenue", "road", "park",
	"garden", "square", "county", "city", "state", "river", "island", "mountain", "museum",
	"prize", "award", "war", "day", "week", "summit", "conference", "forum", "festival",
	"tower", "hall", "building", "hotel", "bridge", "station", "memorial", "stadium",
	"highway", "valley", "lake", "beach", "coast", "border", "wall", "order", "rule",
	"policy", "crisis", "deal", "reform", "bill", "resolution", "district", "region",
	"province", "republic", "kingdom", "union", "world", "cup", "games", "olympics",
);

WORDSET(female_names,
	"alexandria", "amy", "ana", "andrea", "angela", "ann", "anna", "anne", "ashley",
	"barbara", "betsy", "carla", "carmen", "carol", "catherine", "chelsea", "cindy", "claire",
	"condoleezza", "cynthia", "dana", "debbie", "deborah", "dianne", "donna", "elaine",
	"elena", "elise", "elizabeth", "ellen", "emily", "gina", "gretchen", "heather", "heidi",
	"hillary", "ilhan", "ivanka", "jane", "janet", "jeanine", "jen", "jennifer", "jessica",
	"jill", "joni", "julia", "julie", "kamala", "karen", "karine", "kate", "katie",
	"kathy", "kay", "kellyanne", "kim", "kirsten", "kirstjen", "kristi", "kristen", "laura",
	"lauren", "linda", "lisa", "liz", "lori", "loretta", "maria", "marissa", "marjorie",
	"martha", "mary", "maxine", "megan", "melania", "melissa", "michele", "michelle",
	"nancy", "nicole", "nikki", "patricia", "patty", "pramila", "priya",
	"rachel", "rashida", "rebecca", "rosa", "samantha", "sandra", "sarah", "sharon",
	"sheila", "sonia", "stacey", "stephanie", "susan", "susana", "tammy", "tricia",
	"tulsi", "valerie", "victoria", "virginia", "whitney", "yvette",
);

WORDSET(male_names,
	"adam", "al", "alan", "alberto", "alejandro", "alex", "andrew", "anthony", "antonio",
	"barack", "ben", "benjamin", "bernie", "beto", "bill", "bob", "brad", "brandon", "brett",
	"brian", "bruce", "carlos", "charles", "chris", "christopher", "chuck", "cory", "dan",
	"daniel", "david", "dennis", "dick", "don", "donald", "doug", "douglas", "ed", "edward",
	"eric", "francisco", "frank", "gary", "george", "greg", "gregory", "harry", "henry",
	"hakeem", "jack", "jacob", "jake", "james", "jason", "jay", "jeb", "jeff", "jeffrey",
	"jerry", "jim", "joe", "john", "jon", "jonathan", "jorge", "jose", "josé", "joseph",
	"josh", "juan", "justin", "keith", "ken", "kenneth", "kevin", "kyle", "larry", "lindsey",
	"luis", "marco", "mark", "matt", "matthew", "michael", "miguel", "mike", "mitch",
	"mitt", "newt", "nick", "patrick", "paul", "pedro", "pete", "peter", "rahm", "rand",
	"ray", "raymond", "richard", "rick", "robert", "roger", "ron", "rudy", "ryan", "sam",
	"samuel", "scott", "sean", "stephen", "steve", "steven", "ted", "thomas", "tim",
	"timothy", "todd", "tom", "tony", "vladimir", "walter", "william", "xi",
);

/* Words opening a clause that is not the sentence's main one. */
WORDSET(subordinators,
	"when", "after", "as", "if", "while", "although", "though", "because", "since",
	"before", "once", "until", "despite", "whereas", "unless", "whether",
);

/* Words before an object: "according to Reuters", "told CNN". */
WORDSET(object_cues, "to", "with", "from", "for", "at", "of", "in", "on", "told");

/* Lower-case words before a title: "retired Lt. Col. Bill Cowen". */
WORDSET(pre_title,
	"retired", "former", "late", "acting", "outgoing", "incoming", "longtime", "veteran",
	"then", "current", "interim", "embattled", "freshman", "disgraced",
);

/* First names that are also common words: "Will Hurd", "Hope Hicks", "Rich Lowry". */
WORDSET(word_names,
	"will", "hope", "rich", "faith", "grant", "sue", "drew", "guy", "summer", "autumn",
	"penny", "cliff", "miles", "skip", "dot", "destiny", "harmony", "rocky", "mercy", "joy",
	"grace", "rose", "june", "dawn", "chase", "chip", "buck", "hunter", "pat", "earl", "dean",
	"gene", "art", "rob", "ivy", "holly", "sandy", "lance", "wade", "dale", "glen", "reed",
);

static uint8_t gender_of_first(const char *w)
{
	if (word_mask(w) & W_FEMALE)
		return G_FEMALE;
	if (word_mask(w) & W_MALE)
		return G_MALE;
	return G_UNKNOWN;
}

WORDSET(female_titles, "mrs", "ms", "miss", "madam", "congresswoman",
					 "spokeswoman", "chairwoman", "businesswoman", "councilwoman",
					 "assemblywoman", "woman", "mother", "wife", "daughter",
					 "sister", "grandmother", "girl", "queen", "lady" );
WORDSET(male_titles, "mr", "congressman", "spokesman", "chairman",
					 "businessman", "councilman", "assemblyman", "man", "father",
					 "husband", "son", "brother", "grandfather", "boy", "king" );

/* The gender a title word at token t gives ("Mrs", "congressman"); words use their cached bits. */
static uint8_t title_gender(const struct slant_quotes *q, uint32_t t)
{
	uint32_t m = q->toks[t].kind == SLANT_TOK_WORD ? TMASK(q, t) : word_mask(norm(q, t));
	if (m & W_FTITLE)
		return G_FEMALE;
	if (m & W_MTITLE)
		return G_MALE;
	return G_UNKNOWN;
}

WORDSET(honorifics,
	"mr", "mrs", "ms", "miss", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "lt",
	"sgt", "rev", "pres", "prof", "capt", "col", "cmdr", "adm", "maj", "fr", "hon", "supt",
	"det", "atty", "insp", "cpl", "pvt", "father", "reverend", "pastor",
	"rabbi", "imam", "bishop", "cardinal", "sister",
);

static int add_mention(struct slant_quotes *q, uint32_t tb, uint32_t te, uint8_t kind,
		       uint8_t pron, uint32_t entity)
{
	if (SLANT_GROW(q->ments, q->capments, q->nments + 1))
		return SLANT_ENOMEM;
	q->ments[q->nments++] = (struct mention){ tb, te, entity, kind, pron };
	if (entity != NONE && tb >= q->ents[entity].last)
		q->ents[entity].last = tb;
	for (uint32_t t = tb; t < te; t++)
		q->tokinfo[t] |= TI_USED;
	return 0;
}

static const struct slant_role *role_of(const struct slant_quotes *q, uint32_t r)
{
	return r != NONE && q->conf->people ? &q->conf->people->roles[r] : NULL;
}

static size_t ent_floor(const struct slant_quotes *q)
{
	return q->nents > 2 * LOOKBACK ? q->nents - 2 * LOOKBACK : 0;
}

/* An entity type and a name length as one number (names stay far below 4 GiB). */
static inline uint64_t type_len(uint8_t type, size_t len)
{
	return (uint64_t)type << 32 | (uint32_t)len;
}

/*
 * Keeps q->ekey[id] in step with entity id's type and name length, which the scans for an
 * entity of a type already given a name compare before reading the entity; called wherever
 * either changes.
 */
static void name_key(struct slant_quotes *q, uint32_t id)
{
	q->ekey[id] = type_len(q->ents[id].type, q->ents[id].namelen);
}

static int new_entity(struct slant_quotes *q, uint8_t type, uint32_t *id)
{
	if (SLANT_GROW(q->ents, q->capents, q->nents + 1) ||
	    SLANT_GROW(q->fuzzy, q->capfuzzy, q->nents + 1) ||
	    SLANT_GROW(q->eperson, q->capeperson, q->nents + 1) ||
	    SLANT_GROW(q->ekey, q->capekey, q->nents + 1))
		return SLANT_ENOMEM;
	q->fuzzy[q->nents] = 0;
	q->eperson[q->nents] = NONE;
	struct entity *e = &q->ents[q->nents];
	memset(e, 0, sizeof(*e));
	e->name = e->surname = e->first = e->person = e->role = e->affil = e->speaker = NONE;
	e->type = type;
	*id = (uint32_t)q->nents++;
	name_key(q, *id);
	return 0;
}

/* Stores s[0..n) (NUL-terminated) in the names buffer; its offset in *off. */
static int store(struct slant_quotes *q, const char *s, size_t n, uint32_t *off)
{
	*off = (uint32_t)q->names_buf.len;
	if (slant_buf_add(&q->names_buf, s, n) || slant_buf_addc(&q->names_buf, '\0'))
		return SLANT_ENOMEM;
	return 0;
}

static const char *stored(const struct slant_quotes *q, uint32_t off)
{
	return off == NONE ? NULL : q->names_buf.data + off;
}

/*
 * A name's words as a person's canonical name: dotted initials lose their periods
 * (J.R. -> JR), a possessive 's goes. Appends to q->tmp and returns the word count.
 */
static uint32_t name_form(struct slant_quotes *q, uint32_t tb, uint32_t te)
{
	uint32_t nw = 0;

	slant_buf_reset(&q->tmp);
	for (uint32_t t = tb; t < te; t++) {
		const struct slant_token *k = &q->toks[t];
		const char *s = q->text + k->start;
		size_t n = k->end - k->start;
		if (k->kind != SLANT_TOK_WORD)
			continue;
		if (n > 2 && (s[n - 2] == '\'' ) && (s[n - 1] == 's'))
			n -= 2;
		else if (n > 4 && !memcmp(s + n - 4, "\xE2\x80\x99s", 4))
			n -= 4;
		bool space = q->tmp.len, dotted = n >= 2 && s[n - 1] == '.' && n <= 6;
		/* the word written in place, not a call a byte; out of memory, the name is
		 * shorter (storing it fails then anyway) */
		if (slant_buf_grow(&q->tmp, n + 1))
			continue;
		char *o = q->tmp.data + q->tmp.len;
		if (space)
			*o++ = ' ';
		for (size_t i = 0; i < n; i++)
			if (!(dotted && s[i] == '.'))
				*o++ = s[i];
		*o = '\0';
		q->tmp.len = (size_t)(o - q->tmp.data);
		nw++;
	}
	return nw;
}

/* Word tokens of the name [tb, te). */
static uint32_t name_words(const struct slant_quotes *q, uint32_t tb, uint32_t te)
{
	uint32_t n = 0;
	for (uint32_t t = tb; t < te; t++)
		n += q->toks[t].kind == SLANT_TOK_WORD;
	return n;
}

/* The token of a name's surname: its last word, without "Jr." and the like. */
static uint32_t surname_token(const struct slant_quotes *q, uint32_t tb, uint32_t te)
{
	uint32_t t = te;

	while (t > tb + 1) {
		t--;
		if (q->toks[t].kind != SLANT_TOK_WORD)
			continue;
		if (!slant_people_suffix(norm(q, t), q->toks[t].norm_len))
			return t;
	}
	return tb;
}

/*
 * The lower-case key of word token t (possessive dropped), in a static-free way: into out.
 * Returns its length, which is the token's norm_len when the key is its normalised text.
 */
static size_t word_key(const struct slant_quotes *q, uint32_t t, char *out, size_t size)
{
	const char *n = norm(q, t);
	size_t len = q->toks[t].norm_len;

	if (len > 2 && n[len - 2] == '\'' && n[len - 1] == 's')
		len -= 2;
	else if (len > 2 && n[len - 1] == '\'' && n[len - 2] == 's')
		len--; /* "Google News'" */
	size_t j = 0;
	for (size_t i = 0; i < len && j + 1 < size; i++)
		if (n[i] != '.')
			out[j++] = n[i];
	out[j] = '\0';
	return j;
}

/* slant_text_hash() of key[0..n), word_key() of token t: the document's when it is the token. */
static uint64_t key_hash(const struct slant_quotes *q, uint32_t t, const char *key, size_t n)
{
	return n == q->toks[t].norm_len ? q->thash[t] : slant_text_hash(key, n);
}

/* word_mask() of key[0..n), word_key() of token t: the token's cached bits when it is the word. */
static uint32_t key_mask(const struct slant_quotes *q, uint32_t t, const char *key, size_t n)
{
	if (n == q->toks[t].norm_len && q->toks[t].kind == SLANT_TOK_WORD)
		return TMASK(q, t);
	return word_mask_h(key, n, key_hash(q, t, key, n));
}

static bool edit1(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la > lb + 1 || lb > la + 1)
		return false;
	size_t i = 0;
	while (i < la && i < lb && a[i] == b[i])
		i++;
	if (la == lb)
		return i < la && !strcmp(a + i + 1, b + i + 1);
	if (la > lb)
		return !strcmp(a + i + 1, b + i);
	return !strcmp(a + i, b + i + 1);
}

/*
 * Keeps q->fuzzy[id] in step with entity id: 0 unless it is a person named in full with a
 * surname of two letters or more, else a flag, the surname's length and its first two
 * bytes. find_person()'s edit search over all entities then reads 8 bytes an entity
 * instead of the entity. Called wherever type, surname or first name may have changed.
 */
static void fuzzy_key(struct slant_quotes *q, uint32_t id)
{
	const struct entity *e = &q->ents[id];

	q->fuzzy[id] = 0;
	if (e->type != SLANT_SPEAKER_PERSON || e->surname == NONE || e->first == NONE ||
	    e->slen < 2)
		return;
	const unsigned char *es = (const unsigned char *)stored(q, e->surname);
	q->fuzzy[id] = 1ULL << 63 | (uint64_t)e->slen << 16 | (uint64_t)es[1] << 8 | es[0];
}

/*
 * The person entity a name belongs to: the same surname, else (for surnames of five letters
 * or more) one at edit distance 1 of a person named in full; with a first name or initial
 * that agrees when both are given. NONE when there is none.
 */
static uint32_t find_person(const struct slant_quotes *q, const char *sur, size_t sl,
			    uint64_t shash, const char *first, size_t fl)
{
	uint32_t h = (uint32_t)shash;
	size_t floor = ent_floor(q);

	if (!first)
		fl = 0;

	/* the same first name, or an initial of it, or none given */
#define FIRST_AGREES(e)                                                                    \
	(!first || (e)->first == NONE || !strcmp(first, stored(q, (e)->first)) ||          \
	 (fl == 1 && stored(q, (e)->first)[0] == first[0]) ||                              \
	 (stored(q, (e)->first)[0] && !stored(q, (e)->first)[1] &&                         \
	  first[0] == stored(q, (e)->first)[0]))
	/*
	 * The newest with the same surname (one bucket of the surname index); a surname alone
	 * names the one of them mentioned most ("Obama" is Barack after Michelle is named).
	 */
	uint32_t best = NONE;
	for (uint32_t i = q->shead[h & (SHEAD_SIZE - 1)]; i != NONE && i >= floor;
	     i = q->ents[i].snext) {
		const struct entity *e = &q->ents[i];
		if (e->type == SLANT_SPEAKER_PERSON && e->shash == h && e->slen == sl &&
		    !memcmp(stored(q, e->surname), sur, sl) && FIRST_AGREES(e)) {
			if (first)
				return i;
			if (best == NONE || e->mentions > q->ents[best].mentions)
				best = i;
		}
	}
	if (best != NONE)
		return best;
	if (sl < 5)
		return NONE;
	/* else the newest person named in full one edit away (sl >= 5: no surname of fewer
	 * than two letters is near) */
	for (size_t i = q->nents; i-- > floor;) {
		uint64_t k = q->fuzzy[i];
		if (!k)
			continue;
		size_t el = (size_t)(k >> 16 & 0xFFFFFFFFu);
		char e0 = (char)(k & 0xFF), e1 = (char)(k >> 8 & 0xFF);
		if (el + 1 < sl || el > sl + 1)
			continue;
		/* one edit leaves the first or second letter in place, or shifts it by one */
		if (!(e0 == sur[0] || e1 == sur[1] || e1 == sur[0] || e0 == sur[1]))
			continue;
		const struct entity *e = &q->ents[i];
		if (edit1(stored(q, e->surname), sur) && FIRST_AGREES(e))
			return (uint32_t)i;
	}
	return NONE;
#undef FIRST_AGREES
}

/* Files entity id under its surname (already stored, with its hash and length). */
static void index_surname(struct slant_quotes *q, uint32_t id)
{
	struct entity *e = &q->ents[id];
	uint32_t *head = &q->shead[e->shash & (SHEAD_SIZE - 1)];

	e->snext = *head;
	*head = id;
}

/* Chinese and Korean family names, which come first: "Kim Jong-un", "Xi Jinping". */
WORDSET(family_first_names,
	"kim", "lee", "park", "moon", "yoon", "choi", "jung", "xi", "li", "wang", "zhang", "liu",
	"chen", "yang", "huang", "zhao", "wu", "zhou", "hu", "sun", "guo", "deng", "mao", "jiang",
	"wen", "han",
);

/*
 * The family name of `name` when it comes first (a family name from the list, then two
 * given names or a hyphenated one, or a foreign official): "kim" for "Kim Jong Un" and
 * "Moon Jae-in", not for "Kim Reynolds". Written to key (lower case); false when it does not.
 */
static bool family_first(const char *name, bool foreign, char *key, size_t size)
{
	size_t n = strcspn(name, " ");
	const char *last = strrchr(name, ' ');

	if (!last || n + 1 >= size)
		return false;
	for (size_t i = 0; i < n; i++)
		key[i] = (char)slant_lower((unsigned char)name[i]);
	key[n] = '\0';
	if (!(word_mask(key) & W_FAMILY_FIRST))
		return false;
	const char *h = strchr(last, '-');
	return foreign || strchr(name + n + 1, ' ') || (h && h[1] >= 'a' && h[1] <= 'z');
}

static int entity_for_person(struct slant_quotes *q, uint32_t person, uint32_t *id)
{
	const struct slant_people *pp = q->conf->people;

	for (size_t i = ent_floor(q); i < q->nents; i++)
		if (q->eperson[i] == person) {
			*id = (uint32_t)i;
			return 0;
		}
	const struct slant_person *sp = &pp->speakers[person];
	if (new_entity(q, sp->org ? SLANT_SPEAKER_ORG : SLANT_SPEAKER_PERSON, id))
		return SLANT_ENOMEM;
	struct entity *e = &q->ents[*id];
	e->person = q->eperson[*id] = person;
	if (store(q, sp->name, strlen(sp->name), &e->name))
		return SLANT_ENOMEM;
	e->namelen = (uint32_t)strlen(sp->name);
	name_key(q, *id);
	const char *sur = sp->surname;
	char fam[32];
	if (sur && family_first(sp->name, sp->group && !strcmp(sp->group, "foreign"), fam,
				sizeof(fam)))
		sur = fam; /* "Kim said" after "Kim Jong Un" */
	if (sur && store(q, sur, strlen(sur), &e->surname))
		return SLANT_ENOMEM;
	if (sur) {
		e->slen = (uint32_t)strlen(sur);
		e->shash = (uint32_t)slant_text_hash(sur, e->slen);
		index_surname(q, *id);
	}
	/* first word key for matching initials and first names */
	const char *sp_first = sp->name;
	size_t fl = strcspn(sp_first, " ");
	if (!sp->org) {
		char key[64];
		size_t j = 0;
		for (size_t i = 0; i < fl && j + 1 < sizeof(key); i++)
			if (sp_first[i] != '.')
				key[j++] = (char)slant_lower((unsigned char)sp_first[i]);
		key[j] = 0;
		if (store(q, key, j, &e->first))
			return SLANT_ENOMEM;
		e->gender = gender_of_first(key);
	}
	fuzzy_key(q, *id);
	return 0;
}

static bool is_orgish_run(const struct slant_quotes *q, uint32_t tb, uint32_t te)
{
	char key[64];
	size_t n = word_key(q, te - 1, key, sizeof(key));

	if ((key_mask(q, te - 1, key, n) & W_ORG))
		return true;
	/* an acronym: ICE, DHS */
	return te - tb == 1 && (q->toks[tb].flags & SLANT_TOKF_UPPER) &&
	       q->toks[tb].end - q->toks[tb].start >= 2;
}

/* The role match covering token t, or NONE. */
static uint32_t role_at(const struct slant_quotes *q, uint32_t t, uint32_t *te)
{
	if (!q->role_at[t])
		return NONE;
	const struct slant_match *m = &q->roles.v[q->role_at[t] - 1];
	*te = m->tok_end;
	return m->entry;
}

/* The role match ending just before token `end`, or NONE (matches do not overlap). */
static uint32_t role_ending(const struct slant_quotes *q, uint32_t end)
{
	return q->role_end[end] ? q->role_end[end] - 1 : NONE;
}

/* A party cue around a name: "(D-Ill.)", ", R-Texas,", "Democratic Sen.", ", a Republican,". */
static const char *party_cue(const struct slant_quotes *q, uint32_t tb, uint32_t te)
{
	/* "Republican state Rep. Rick Becker", "Democratic Sen." */
	for (uint32_t t = tb, k = 0; t > 0 && k < 5; k++) {
		t--;
		if (q->toks[t].kind != SLANT_TOK_WORD && !punct_is(q, t, '.'))
			break;
		if (!is_cap(q, t))
			continue; /* the party is a capitalised word */
		uint32_t w = TMASK(q, t);
		if (w & (W_DEM | W_REP))
			return (w & W_DEM) ? "democrat" : "republican";
	}
	/* only in what is set off after the name: ", a Republican," "(D-Ill.)" */
	if (!punct_is(q, te, ',') && !punct_is(q, te, '('))
		return NULL;
	for (uint32_t t = te + 1; t < te + 6 && t < q->ntoks; t++) {
		const struct slant_token *k = &q->toks[t];
		if (k->kind == SLANT_TOK_QUOTE || sentence_end_punct(q, t) || punct_is(q, t, ','))
			break;
		if (k->kind != SLANT_TOK_WORD || !(k->flags & SLANT_TOKF_CAP))
			continue;
		const char *n = norm(q, t);
		if ((n[0] == 'd' || n[0] == 'r') &&
		    ((n[1] == '-' && k->norm_len <= 10) || (!n[1] && is_dash(q, t + 1))))
			return n[0] == 'd' ? "democrat" : "republican";
		uint32_t w = TMASK(q, t);
		if (w & (W_DEM | W_REP))
			return (w & W_DEM) ? "democrat" : "republican";
	}
	return NULL;
}

/* An appositive after a name, ", director of the ICE field office," : its role and org. */
static void appositive(const struct slant_quotes *q, uint32_t tb, uint32_t te, struct entity *e)
{
	if (!punct_is(q, te, ','))
		return;
	/* "In Lakeview, the mayor spoke": a place, not an appositive */
	if (tb > 0 && (norm_is(q, tb - 1, "in") || norm_is(q, tb - 1, "at") ||
		       norm_is(q, tb - 1, "from") || norm_is(q, tb - 1, "near") ||
		       norm_is(q, tb - 1, "to") || norm_is(q, tb - 1, "across")))
		return;
	for (uint32_t t = te + 1; t < q->ntoks && t < te + 14; t++) {
		if (punct_is(q, t, ',') || sentence_end_punct(q, t) ||
		    (q->tokinfo[t] & TI_INQUOTE) || q->verb_at[t])
			break;
		uint32_t re = t + 1;
		uint32_t r = role_at(q, t, &re);
		/* a role word inside a name is not a role: "the Calder Immigrant Rights Coalition" */
		bool in_name = is_cap(q, t) && ((t > te + 1 && is_cap(q, t - 1)) || is_cap(q, re));
		if (r != NONE && e->role == NONE && !role_of(q, r)->org && !in_name)
			e->role = r;
		if (q->name_at[t] && e->affil == NONE) {
			const struct slant_match *m = &q->names.v[q->name_at[t] - 1];
			uint32_t a = m->entry;
			e->affil = q->conf->people->aliases[a].speaker;
		}
	}
}

/* The role whose word is `word` in the people table, or NONE. */
static uint32_t role_by_word(const struct slant_quotes *q, const char *word)
{
	const struct slant_people *pp = q->conf->people;

	for (size_t i = 0; pp && i < pp->nroles; i++)
		if (!strcmp(pp->roles[i].word, word))
			return (uint32_t)i;
	return NONE;
}

/* Role words and names just before a name: "ICE field office director JR Halloway". */
static void title_before(struct slant_quotes *q, uint32_t tb, struct entity *e)
{
	uint32_t t = tb;

	/* only what touches the name: titles, capitalised names, "Sen." periods, possessives;
	 * "a law professor at Temple University" gives the university no title */
	for (int k = 0; k < 5 && t > 0; k++) {
		t--;
		if ((q->tokinfo[t] & TI_INQUOTE) || para_of(q, t) != para_of(q, tb))
			break;
		if (punct_is(q, t, '.') && t > 0 &&
		    ((TMASK(q, t - 1) & W_HONORIFIC) || role_ending(q, t) != NONE))
			continue; /* "Sen." */
		if (!is_word(q, t) || (t + 1 < tb && q->sent_of[t] != q->sent_of[tb]))
			break;
		uint32_t rb = role_ending(q, t + 1);
		uint32_t w = TMASK(q, t);
		if ((w & W_CLERGY) && is_cap(q, t)) {
			if (e->role == NONE)
				e->role = role_by_word(q, "priest");
			continue;
		}
		if (rb != NONE) {
			const struct slant_match *rm = &q->roles.v[rb];
			if (e->role == NONE && !role_of(q, rm->entry)->org)
				e->role = rm->entry;
			if (e->role == NONE && role_of(q, rm->entry)->org && t + 1 == tb &&
			    e->person == NONE && e->first == NONE) {
				/* "the group AllSides", "the agency ICE": an organisation */
				e->role = rm->entry;
				e->type = SLANT_SPEAKER_ORG;
				fuzzy_key(q, (uint32_t)(e - q->ents));
				name_key(q, (uint32_t)(e - q->ents));
			}
			for (uint32_t u = rm->tok_begin; u <= t; u++) {
				uint32_t uw = TMASK(q, u);
				if (!e->gender && (uw & (W_FTITLE | W_MTITLE)))
					e->gender = (uw & W_FTITLE) ? G_FEMALE : G_MALE;
			}
			t = rm->tok_begin;
			continue;
		}
		if (!e->gender && (w & (W_FTITLE | W_MTITLE)))
			e->gender = (w & W_FTITLE) ? G_FEMALE : G_MALE;
		if (q->name_at[t] && e->affil == NONE)
			e->affil = q->conf->people->aliases[q->names.v[q->name_at[t] - 1].entry].speaker;
		/* after a title, its lower-case modifiers: "ICE field office director" */
		if (!is_cap(q, t) && !(w & W_HONORIFIC) &&
		    (e->role == NONE || (w & (W_FUNCTION | W_DET | W_NOT_NAME)) || q->verb_at[t]))
			break;
	}
}

/*
 * Whether a lone capitalised word [tb, te) is used as a person's name, so that the people
 * table's only person with that surname may be meant: after a title, as a possessive, before
 * a speech verb ("Trump said", "Giuliani then said"), or anywhere but after a preposition and
 * before a comma ("in Lincoln", "Lincoln, a small community").
 */
static bool surname_use(const struct slant_quotes *q, uint32_t tb, uint32_t te, bool titled)
{
	uint32_t t = te;

	if (titled || possessive_word(q, tb))
		return true;
	for (int k = 0; k < 3 && t < q->ntoks && (TMASK(q, t) & W_ADVERB); k++)
		t++;
	if (t < q->ntoks && q->verb_at[t])
		return true;
	if (te < q->ntoks && punct_is(q, te, ','))
		return false;
	return !(tb > 0 && (norm_is(q, tb - 1, "in") || norm_is(q, tb - 1, "at") ||
			    norm_is(q, tb - 1, "from") || norm_is(q, tb - 1, "to") ||
			    norm_is(q, tb - 1, "near") || norm_is(q, tb - 1, "of")));
}

/* A capitalised run [tb, te) with its title stripped (`titled`: there was one): resolve it
 * to an entity. */
static int name_mention(struct slant_quotes *q, uint32_t tb, uint32_t te, bool titled)
{
	char sur[64], first[64];
	uint32_t id = NONE;
	bool org = is_orgish_run(q, tb, te);

	uint32_t st = surname_token(q, tb, te);
	size_t sl = word_key(q, st, sur, sizeof(sur)), fl = word_key(q, tb, first, sizeof(first));
	uint64_t sh = key_hash(q, st, sur, sl);
	bool thing = !org && te - tb > 1 && (key_mask(q, st, sur, sl) & W_THING);
	org |= thing;
	if (!org) {
		bool single = te - tb == 1;
		id = find_person(q, sur, sl, sh, single ? NULL : first, fl);
		/* a lone surname names the table's only person with it when it is used as a
		 * person's name: after a title or before a speech verb ("President Trump",
		 * "Trump said"), not "Lincoln, a small community" */
		if (id == NONE && single && q->conf->people &&
		    surname_use(q, tb, te, titled)) {
			uint32_t p = slant_people_by_surname_h(q->conf->people, sur, sh);
			if (p != NONE && entity_for_person(q, p, &id))
				return SLANT_ENOMEM;
		}
	} else {
		/* the same organisation named again */
		name_form(q, tb, te);
		for (size_t i = ent_floor(q); i < q->nents && id == NONE; i++)
			if (q->ekey[i] == type_len(SLANT_SPEAKER_ORG, q->tmp.len) &&
			    q->ents[i].person == NONE &&
			    !memcmp(stored(q, q->ents[i].name), q->tmp.data, q->tmp.len))
				id = (uint32_t)i;
	}
	if (id == NONE) {
		if (new_entity(q, org ? SLANT_SPEAKER_ORG : SLANT_SPEAKER_PERSON, &id))
			return SLANT_ENOMEM;
		struct entity *e = &q->ents[id];
		e->thing = thing;
		e->ntok = name_form(q, tb, te);
		if (store(q, q->tmp.data, q->tmp.len, &e->name))
			return SLANT_ENOMEM;
		e->namelen = (uint32_t)q->tmp.len;
		name_key(q, (uint32_t)(e - q->ents));
		if (!org) {
			if (store(q, sur, sl, &e->surname))
				return SLANT_ENOMEM;
			e->shash = (uint32_t)sh;
			e->slen = (uint32_t)sl;
			index_surname(q, id);
			if (te - tb > 1) {
				if (store(q, first, fl, &e->first))
					return SLANT_ENOMEM;
				e->gender = gender_of_first(first);
			}
		}
	} else if (q->ents[id].person == NONE && q->ents[id].type == SLANT_SPEAKER_PERSON &&
		   name_words(q, tb, te) > q->ents[id].ntok) {
		/* a fuller form: "Halloway" first, "J.R. Halloway" later */
		struct entity *e = &q->ents[id];
		e->ntok = name_form(q, tb, te);
		if (store(q, q->tmp.data, q->tmp.len, &e->name))
			return SLANT_ENOMEM;
		e->namelen = (uint32_t)q->tmp.len;
		name_key(q, (uint32_t)(e - q->ents));
		if (e->first == NONE && store(q, first, fl, &e->first))
			return SLANT_ENOMEM;
		if (!e->gender)
			e->gender = gender_of_first(first);
	}
	fuzzy_key(q, id);
	struct entity *e = &q->ents[id];
	title_before(q, tb, e);
	appositive(q, tb, te, e);
	if (!e->group)
		e->group = party_cue(q, tb, te);
	e->mentions++;
	uint32_t last = e->last;
	if (add_mention(q, tb, te, M_NAME, 0, id))
		return SLANT_ENOMEM;
	/* "the Obama administration" speaks of an administration, not of Obama */
	if (tb > 0 && norm_is(q, tb - 1, "the") && te < q->ntoks &&
	    q->toks[te].kind == SLANT_TOK_WORD && !is_cap(q, te) && !q->verb_at[te])
		q->ents[id].last = last;
	return 0;
}

WORDSET(determiners,
	"the", "a", "an", "one", "two", "three", "several", "some", "many", "another", "other",
	"his", "her", "their", "its", "our", "this", "that", "these", "those", "each", "most",
	"few", "dozens", "hundreds", "both", "all",
);

/*
 * Who a document ("the complaint", "the release", "the statement") speaks for: the subject
 * of the nearest of the five sentences before it whose subject is a person or an
 * organisation.
 */
static uint32_t document_owner(const struct slant_quotes *q, uint32_t rb, uint32_t re)
{
	uint32_t s = q->sent_of[rb], best = NONE, best_tok = NONE;
	const char *doc = norm(q, re - 1);

	/* "Trump's memorandum ... the memo states": whoever owned a document named before */
	for (size_t i = q->nments; i-- > (q->nments > LOOKBACK ? q->nments - LOOKBACK : 0);) {
		const struct mention *m = &q->ments[i];
		if (m->tb >= rb)
			continue;
		if (q->sent_of[m->tb] + 5 < s)
			break;
		if (m->entity == NONE || m->kind != M_NAME || q->ents[m->entity].thing)
			continue;
		/* a document word right after the name, or after a modifier or two ("an
		 * internal Border Patrol intelligence memo") */
		uint32_t d = m->te;
		while (d < q->ntoks && d < m->te + 2 && !(TMASK(q, d) & W_DOCUMENT) &&
		       q->toks[d].kind == SLANT_TOK_WORD && !is_cap(q, d) &&
		       !(TMASK(q, d) & (W_FUNCTION | W_DET)) && !q->verb_at[d])
			d++;
		if (d >= q->ntoks || !(TMASK(q, d) & W_DOCUMENT))
			continue;
		/* any document of theirs; without the possessive, the same one ("the Border
		 * Patrol memo ... the memo says", not "the Obama administration") */
		if ((d == m->te && possessive_word(q, m->te - 1)) || !strncmp(norm(q, d), doc, 4))
			return m->entity;
	}

	for (size_t i = q->nments; i-- > (q->nments > LOOKBACK ? q->nments - LOOKBACK : 0);) {
		const struct mention *m = &q->ments[i];
		uint32_t ms = q->sent_of[m->tb];
		if (m->tb >= rb)
			continue;
		if (ms + 5 < s)
			break;
		if (m->entity == NONE || q->ents[m->entity].thing ||
		    q->ents[m->entity].type == SLANT_SPEAKER_UNNAMED)
			continue;
		/* the leftmost mention of the latest sentence */
		if (best == NONE || ms > q->sent_of[best_tok] ||
		    (ms == q->sent_of[best_tok] && m->tb < best_tok))
			best = m->entity, best_tok = m->tb;
	}
	return best;
}

/* Whether entity e has role r (its own, or its table entry's). */
static bool has_role(const struct slant_quotes *q, const struct entity *e, uint32_t r)
{
	const struct slant_role *ro = role_of(q, r), *er = role_of(q, e->role);
	const struct slant_people *pp = q->conf->people;

	if (er && !strcmp(er->role, ro->role))
		return true;
	return e->person != NONE && pp->speakers[e->person].role &&
	       !strcmp(pp->speakers[e->person].role, ro->role);
}

/*
 * "The senators said": the two or three people last named with that role, as one speaker
 * ("Dick Durbin and Tammy Duckworth"), with their group when they share one. *id stays NONE
 * when fewer than two were named.
 */
static int plural_speaker(struct slant_quotes *q, uint32_t r, uint32_t *id)
{
	uint32_t members[3];
	size_t n = 0;
	const char *group = NULL;
	bool same = true;

	for (size_t i = q->nents; i-- > ent_floor(q) && n < 3;) {
		const struct entity *e = &q->ents[i];
		if (e->type == SLANT_SPEAKER_PERSON && has_role(q, e, r))
			members[n++] = (uint32_t)i;
	}
	if (n < 2)
		return 0;
	slant_buf_reset(&q->tmp);
	for (size_t k = n; k-- > 0;) {
		const struct entity *e = &q->ents[members[k]];
		const char *g = e->person != NONE ? q->conf->people->speakers[e->person].group : e->group;
		if (k != n - 1 && slant_buf_adds(&q->tmp, k ? ", " : " and "))
			return SLANT_ENOMEM;
		if (slant_buf_add(&q->tmp, stored(q, e->name), e->namelen))
			return SLANT_ENOMEM;
		same &= g && (!group || !strcmp(g, group));
		group = g;
	}
	for (size_t i = ent_floor(q); i < q->nents; i++)
		if (q->ekey[i] == type_len(SLANT_SPEAKER_UNNAMED, q->tmp.len) &&
		    q->ents[i].plural &&
		    !memcmp(stored(q, q->ents[i].name), q->tmp.data, q->tmp.len)) {
			*id = (uint32_t)i;
			return 0;
		}
	if (new_entity(q, SLANT_SPEAKER_UNNAMED, id))
		return SLANT_ENOMEM;
	struct entity *e = &q->ents[*id];
	if (store(q, q->tmp.data, q->tmp.len, &e->name))
		return SLANT_ENOMEM;
	e->namelen = (uint32_t)q->tmp.len;
	name_key(q, (uint32_t)(e - q->ents));
	e->role = r;
	e->plural = 1;
	e->group = same ? group : NULL;
	return 0;
}

/* A role noun phrase ending with the role word at [rb, re). */
static int role_mention(struct slant_quotes *q, uint32_t rb, uint32_t re, uint32_t r)
{
	uint32_t tb = rb;
	bool definite = false, indefinite = false;
	const struct slant_role *ro = role_of(q, r);

	/* modifiers and a determiner before the role word, in the same sentence */
	for (int k = 0; k < 5 && tb > 0; k++) {
		uint32_t t = tb - 1;
		if ((q->tokinfo[t] & (TI_INQUOTE | TI_USED)) || q->sent_of[t] != q->sent_of[rb] ||
		    q->verb_at[t])
			break;
		if (!is_word(q, t) && !(q->toks[t].kind == SLANT_TOK_PUNCT &&
					(norm(q, t)[0] == '\'' || is_dash(q, t))))
			break;
		if ((TMASK(q, t) & W_DET)) {
			tb = t;
			definite = norm_is(q, t, "the") || norm_is(q, t, "his") ||
				   norm_is(q, t, "her") || norm_is(q, t, "their") ||
				   norm_is(q, t, "its") || norm_is(q, t, "this");
			indefinite = !definite;
			break;
		}
		if ((TMASK(q, t) & (W_NOT_NAME | W_PARTICLE)) || q->toks[t].kind == SLANT_TOK_NUMBER)
			break;
		tb = t;
	}
	uint32_t id = NONE;
	if (definite && ro->org && (TMASK(q, re - 1) & W_DOCUMENT))
		id = document_owner(q, rb, re); /* "the complaint says": whoever filed it */
	if (id == NONE && definite && ro->plural && plural_speaker(q, r, &id))
		return SLANT_ENOMEM;
	if (id == NONE && (definite || (!indefinite && tb == rb && ro->org))) {
		/*
		 * "the mayor", "the department": the entity with that role or word mentioned
		 * last ("the president" after "Trump said", though Obama was named later)
		 */
		uint32_t best = NONE;
		int best_tier = 0;
		/* what the organisation tiers ask of the role, worked out once, not per entity */
		size_t wl = strlen(ro->word);
		bool generic = !strcmp(ro->role, "agency") || !strcmp(ro->role, "department") ||
			       !strcmp(ro->role, "organization");
		for (size_t i = q->nents; i-- > ent_floor(q);) {
			const struct entity *e = &q->ents[i];
			const struct slant_role *er = role_of(q, e->role);
			if (e->type == SLANT_SPEAKER_UNNAMED)
				continue;
			const struct slant_person *ep =
				e->person != NONE ? &q->conf->people->speakers[e->person] : NULL;
			/* the role itself beats the word in a name, which beats any organisation
			 * ("the group" is AllSides, not Google News named after it) */
			int tier = 0;
			if (er && er->rkey == ro->rkey && !strcmp(er->role, ro->role))
				tier = 3;
			else if (ep && !er && ep->rkey == ro->rkey && !strcmp(ep->role, ro->role))
				tier = 3;
			else if (ro->org && e->type == SLANT_SPEAKER_ORG && best_tier < 3 &&
				 (best == NONE || e->last > q->ents[best].last || best_tier < 2)) {
				/* "the agency" after "U.S. Immigration and Customs Enforcement" */
				const char *nm = stored(q, e->name);
				for (const char *s = nm; *s && !tier; s++)
					if ((s == nm || s[-1] == ' ') && !strncasecmp(s, ro->word, wl))
						tier = 2;
				if (!tier && generic)
					tier = 1;
			}
			if (tier && (best == NONE || tier > best_tier ||
				     (tier == best_tier && e->last > q->ents[best].last)))
				best = (uint32_t)i, best_tier = tier;
		}
		id = best;
	}
	if (id == NONE) {
		/* an unnamed speaker, kept as described: "one local nurse", "a DHS spokesperson" */
		uint32_t db = tb, de = re;
		if (db < rb && (norm_is(q, db, "the") || norm_is(q, db, "a") || norm_is(q, db, "an")))
			db++;
		/* and the organisation it speaks for: "a spokesman for Customs and Border Protection" */
		if (de + 1 < q->ntoks && (norm_is(q, de, "for") || norm_is(q, de, "at") ||
					  norm_is(q, de, "of"))) {
			uint32_t u = de + 1;
			if (norm_is(q, u, "the"))
				u++;
			if (u < q->ntoks && q->name_at[u] && !(q->tokinfo[u] & TI_INQUOTE))
				de = q->names.v[q->name_at[u] - 1].tok_end;
		}
		/* "a group of Honduran migrants": who the group is */
		if (ro->org && de == re && de + 1 < q->ntoks && norm_is(q, de, "of")) {
			uint32_t u = de + 1, n = 0;
			while (u < q->ntoks && n < 4 && q->toks[u].kind == SLANT_TOK_WORD &&
			       !(q->tokinfo[u] & TI_INQUOTE) && !q->verb_at[u] &&
			       !(TMASK(q, u) & (W_FUNCTION | W_DET)) && q->sent_of[u] == q->sent_of[re - 1])
				u++, n++;
			if (n)
				de = u;
		}
		slant_buf_reset(&q->tmp);
		if (slant_doc_span_text(q->d, q->text, q->toks[db].start, q->toks[de - 1].end,
					&q->tmp))
			return SLANT_ENOMEM;
		for (size_t i = ent_floor(q); i < q->nents && id == NONE; i++)
			if (q->ekey[i] == type_len(SLANT_SPEAKER_UNNAMED, q->tmp.len) &&
			    !memcmp(stored(q, q->ents[i].name), q->tmp.data, q->tmp.len))
				id = (uint32_t)i;
		if (id == NONE) {
			if (new_entity(q, ro->org ? SLANT_SPEAKER_ORG : SLANT_SPEAKER_UNNAMED, &id))
				return SLANT_ENOMEM;
			struct entity *e = &q->ents[id];
			if (store(q, q->tmp.data, q->tmp.len, &e->name))
				return SLANT_ENOMEM;
			e->namelen = (uint32_t)q->tmp.len;
			name_key(q, id);
			e->role = r;
			e->plural = ro->plural;
			for (uint32_t t = tb; t < re; t++) {
				uint8_t g = title_gender(q, t);
				if (g)
					e->gender = g;
			}
			/* "a DHS spokesperson", "a spokeswoman for ICE" */
			for (uint32_t t = tb; t < re + 4 && t < q->ntoks && e->affil == NONE; t++) {
				if (t >= re && !(norm_is(q, t, "for") || norm_is(q, t, "of") ||
						 norm_is(q, t, "at") || norm_is(q, t, "the") ||
						 q->name_at[t]))
					break;
				if (q->name_at[t]) {
					const struct slant_match *m = &q->names.v[q->name_at[t] - 1];
					uint32_t a = m->entry;
					e->affil = q->conf->people->aliases[a].speaker;
				}
			}
		}
	}
	q->ents[id].mentions++;
	return add_mention(q, tb, re, M_ROLE, 0, id);
}

/* A role of several words starting with a capital but not a title: "U.S. attorney". */
static bool role_phrase_at(const struct slant_quotes *q, uint32_t t)
{
	uint32_t re = 0;

	if (!q->conf->people || role_at(q, t, &re) == NONE || re < t + 2)
		return false;
	for (uint32_t u = t; u < re; u++)
		if (q->toks[u].kind == SLANT_TOK_WORD && !is_cap(q, u))
			return true;
	return false;
}

static bool caps_ok(const struct slant_quotes *q, const struct slant_match *m, uint8_t caps)
{
	if (caps == 0)
		return true;
	if (caps == 2) {
		for (uint32_t t = m->tok_begin; t < m->tok_end; t++)
			if (q->toks[t].kind == SLANT_TOK_WORD && !(q->toks[t].flags & SLANT_TOKF_UPPER))
				return false;
		return true;
	}
	return is_cap(q, m->tok_begin);
}

/*
 * Matches the people table's one lexicon (names, role words, verbs) and files each match
 * outside quotations under its kinds, its `entry` turned into the alias, role or verb index.
 */
static int match_table(struct slant_quotes *q)
{
	const struct slant_people *pp = q->conf->people;

	q->names.n = q->roles.n = q->verbs.n = q->all.n = 0;
	if (!pp)
		return 0;
	/* nothing inside quotations or after the last one's paragraph is looked up */
	if (slant_lexicon_match_where(pp->lx, q->d, q->scan_end, q->tokinfo, TI_INQUOTE, &q->all,
				      NULL))
		return SLANT_ENOMEM;
	for (size_t i = 0; i < q->all.n; i++) {
		const struct slant_match *m = &q->all.v[i];
		if (q->tokinfo[m->tok_begin] & TI_INQUOTE)
			continue;
		for (uint32_t e = m->entry; e != NONE; e = slant_lexicon_entry(pp->lx, e)->next) {
			uint8_t kind = pp->ekind[e];
			uint32_t ref = pp->eref[e];
			struct slant_matches *dst = kind == PEOPLE_NAME ? &q->names :
						    kind == PEOPLE_ROLE ? &q->roles : &q->verbs;
			if (kind == PEOPLE_NAME && !caps_ok(q, m, pp->aliases[ref].caps))
				continue;
			if (dst->n && dst->v[dst->n - 1].tok_begin == m->tok_begin)
				continue; /* the same term in two categories */
			if (SLANT_GROW(dst->v, dst->cap, dst->n + 1))
				return SLANT_ENOMEM;
			dst->v[dst->n] = *m;
			dst->v[dst->n++].entry = ref;
		}
	}
	for (size_t i = 0; i < q->names.n; i++)
		q->name_at[q->names.v[i].tok_begin] = (uint32_t)i + 1;
	for (size_t i = 0; i < q->roles.n; i++) {
		q->role_at[q->roles.v[i].tok_begin] = (uint32_t)i + 1;
		q->role_end[q->roles.v[i].tok_end] = (uint32_t)i + 1;
	}
	for (size_t i = 0; i < q->verbs.n; i++)
		q->verb_at[q->verbs.v[i].tok_begin] = (uint32_t)i + 1;
	return 0;
}

/* Whether the run [tb, te) names someone the article has named already. */
static bool known_person_at(const struct slant_quotes *q, uint32_t tb, uint32_t te)
{
	char sur[64], first[64];

	uint32_t st = surname_token(q, tb, te);
	size_t sl = word_key(q, st, sur, sizeof(sur)), fl = word_key(q, tb, first, sizeof(first));

	return find_person(q, sur, sl, key_hash(q, st, sur, sl), te - tb > 1 ? first : NULL, fl) !=
	       NONE;
}

/* Whether the word at t is the surname of someone named already, or of the people table. */
static bool known_surname(const struct slant_quotes *q, uint32_t t)
{
	char key[64];

	size_t n = word_key(q, t, key, sizeof(key));
	uint64_t h = key_hash(q, t, key, n);

	return find_person(q, key, n, h, NULL, 0) != NONE ||
	       (q->conf->people && slant_people_by_surname_h(q->conf->people, key, h) != NONE);
}

static int find_mentions(struct slant_quotes *q)
{
	const struct slant_people *pp = q->conf->people;
	int ret;

	for (size_t s = 0; s < q->nsents; s++)
		for (uint32_t t = q->sents[s].tok_begin; t < q->sents[s].tok_end; t++)
			q->sent_of[t] = (uint32_t)s;

	if ((ret = match_table(q)))
		return ret;

	uint32_t title_from = NONE, title_to = NONE, title_r = NONE; /* a title before a known name */
	const uint32_t end = q->scan_end, *tinfo = q->tokinfo, *nat = q->name_at,
		       *rat = q->role_at;
	const struct slant_token *toks = q->toks;
	for (uint32_t t = 0; t < end; t++) {
		/*
		 * Most tokens start nothing: not a table name or role, not a capitalised word,
		 * not a word with a pronoun's hash. Skipped here in a loop that keeps the arrays
		 * in registers; the rest go through the checks below.
		 */
		while (t < end && ((tinfo[t] & (TI_INQUOTE | TI_USED)) ||
				   (!nat[t] && !rat[t] &&
				    (toks[t].kind != SLANT_TOK_WORD ||
				     (!(toks[t].flags & SLANT_TOKF_CAP) &&
				      (toks[t].norm_len < 2 || toks[t].norm_len > 4 ||
				       !pron_hash_is(q->thash[t])))))))
			t++;
		if (t >= end)
			break;
		const struct slant_token *k = &q->toks[t];

		/* a name the people table knows */
		if (q->name_at[t]) {
			const struct slant_match *m = &q->names.v[q->name_at[t] - 1];
			uint32_t a = m->entry;
			uint32_t id;
			uint32_t te = m->tok_end;
			/* "Homeland Security Secretary Kristi Noem": a longer run goes on */
			if (te < q->ntoks && is_cap(q, te) && !(q->tokinfo[te] & TI_INQUOTE) &&
			    !pp->speakers[pp->aliases[a].speaker].org)
				goto run;
			if (pp->speakers[pp->aliases[a].speaker].org && te < q->ntoks &&
			    (q->role_at[te] || (is_cap(q, te) && !(TMASK(q, te) & W_NOT_NAME)))) {
				/* "DHS spokesperson", "ICE Director Todd Lyons": the org qualifies */
				t = te - 1;
				continue;
			}
			if (entity_for_person(q, pp->aliases[a].speaker, &id))
				return SLANT_ENOMEM;
			struct entity *e = &q->ents[id];
			uint32_t tb = m->tok_begin;
			title_before(q, tb, e);
			if (title_to == tb) {
				tb = title_from;
				if (title_r != NONE && e->role == NONE)
					e->role = title_r;
			}
			appositive(q, tb, te, e);
			e->mentions++;
			if (add_mention(q, tb, te, M_NAME, 0, id))
				return SLANT_ENOMEM;
			t = te - 1;
			continue;
		}
	run:
		if (k->kind == SLANT_TOK_WORD && (k->flags & SLANT_TOKF_CAP) && !not_name(q, t) &&
		    !role_phrase_at(q, t)) {
			/* a capitalised run, titles included */
			uint32_t te = t, last_title_end = t;
			uint32_t title_role = NONE;
			while (te < q->ntoks && !(q->tokinfo[te] & TI_INQUOTE) &&
			       para_of(q, te) == para_of(q, t)) {
				const struct slant_token *w = &q->toks[te];
				if (w->kind == SLANT_TOK_WORD && (w->flags & SLANT_TOKF_CAP) &&
				    (te == t || !not_name(q, te))) {
					uint32_t re = 0;
					uint32_t r = pp ? role_at(q, te, &re) : NONE;
					if (TMASK(q, te) & W_CLERGY) {
						/* "Father Luis Ortega" is a priest, not a family member */
						r = role_by_word(q, "priest");
						re = te + 1;
					}
					if (r != NONE && !role_of(q, r)->org && re > te) {
						bool all_cap = true;
						for (uint32_t u = te; u < re; u++)
							all_cap &= is_cap(q, u);
						if (all_cap) {
							title_role = r;
							te = re;
							if (punct_is(q, te, '.'))
								te++;
							last_title_end = te;
							continue;
						}
					}
					if ((TMASK(q, te) & W_HONORIFIC)) {
						te++;
						if (punct_is(q, te, '.'))
							te++;
						last_title_end = te;
						continue;
					}
					/* a possessive ends the name: "ABC's Jonathan Karl" */
					if (possessive_word(q, te++))
						break;
					continue;
				}
				/* a middle initial or a suffix: "George W. Bush", "Donald Trump Jr." */
				if (punct_is(q, te, '.') && te > t && q->toks[te - 1].kind == SLANT_TOK_WORD &&
				    q->toks[te - 1].norm_len == 1 && is_cap(q, te + 1)) {
					te++;
					continue;
				}
				if (punct_is(q, te, '.') && te > t && (norm_is(q, te - 1, "jr") ||
								       norm_is(q, te - 1, "sr"))) {
					te++;
					break;
				}
				if (w->kind == SLANT_TOK_WORD && (TMASK(q, te) & W_PARTICLE) &&
				    te + 1 < q->ntoks && is_cap(q, te + 1) && te > t) {
					te++;
					continue;
				}
				break;
			}
			uint32_t nb = last_title_end;
			if (nb >= te) {
				/* only a title: "the Chicago Mayor said" is a role mention */
				if (title_role != NONE) {
					uint32_t rb = nb;
					while (rb > t && !(q->role_at[rb - 1]))
						rb--;
					if (rb > t)
						rb--;
					if (role_mention(q, rb, nb, title_role))
						return SLANT_ENOMEM;
				}
				t = te - 1;
				continue;
			}
			/* a known name inside the run ("Kristi Noem" after the title) */
			if (q->name_at[nb] && nb > t) {
				for (uint32_t u = t; u < nb; u++)
					q->tokinfo[u] |= TI_USED;
				title_from = t, title_to = nb, title_r = title_role;
				t = nb - 1;
				continue;
			}
			if (nb == t && common_opener(q, t)) {
				if (te > t + 1 && (q->name_at[t + 1] || known_person_at(q, t + 1, te))) {
					/* "Impeach Trump": the name is what follows (not "Young Kim") */
					t = ++nb;
				} else if (te == t + 1 && !known_surname(q, t)) {
					continue; /* "Wages rose": nobody */
				}
			}
			/* "Another Republican feeling pressure": a party word names no one, unless
			 * it speaks ("one Republican said") */
			if (nb == t && te == t + 1 && (TMASK(q, t) & (W_DEM | W_REP)) && te < q->ntoks &&
			    q->toks[te].kind == SLANT_TOK_WORD && !is_cap(q, te) && !q->verb_at[te] &&
			    !(TMASK(q, te) & W_ADVERB))
				continue;
			/* "dined at Junior's": a place or a firm; people are named in full first */
			if (nb == t && te == t + 1 && possessive_word(q, t) && !known_surname(q, t))
				continue;
			if (name_mention(q, nb, te, nb > t))
				return SLANT_ENOMEM;
			/* the mention takes its title: "said Sen. Ray Dunmore" */
			q->ments[q->nments - 1].tb = t;
			struct entity *e = &q->ents[q->ments[q->nments - 1].entity];
			if (title_role != NONE && e->role == NONE)
				e->role = title_role;
			for (uint32_t u = t; u < nb; u++) {
				uint8_t g = title_gender(q, u);
				if (g)
					e->gender = g;
				if (!e->group && (norm_is(q, u, "democratic") || norm_is(q, u, "democrat")))
					e->group = "democrat";
				if (!e->group && (norm_is(q, u, "republican") || norm_is(q, u, "gop")))
					e->group = "republican";
				q->tokinfo[u] |= TI_USED;
			}
			t = te - 1;
			continue;
		}
		/* a role noun phrase */
		uint32_t re = 0;
		uint32_t r = pp ? role_at(q, t, &re) : NONE;
		if (r != NONE) {
			/* a title before a name is not a mention of its own */
			uint32_t after = re;
			if (punct_is(q, after, '.'))
				after++;
			if (after < q->ntoks && is_cap(q, after) && !(TMASK(q, after) & W_NOT_NAME) &&
			    q->sent_of[after] == q->sent_of[t] &&
			    (!role_of(q, r)->org ||
			     (after == re && !is_cap(q, t) && !q->role_at[after] &&
			      !(TMASK(q, after) & W_HONORIFIC)))) {
				t = re - 1;
				continue;
			}
			/* "vying to host the Democrats", "will host": a verb, not the role */
			if (t > 0 && !is_cap(q, t) && (norm_is(q, t - 1, "to") || norm_is(q, t - 1, "will") ||
						       norm_is(q, t - 1, "would") || norm_is(q, t - 1, "can") ||
						       norm_is(q, t - 1, "could"))) {
				t = re - 1;
				continue;
			}
			if (role_mention(q, t, re, r))
				return SLANT_ENOMEM;
			t = re - 1;
			continue;
		}
		/* pronouns, told apart by their hash (the commonest words pass here), then by
		 * their letters */
		if (k->kind == SLANT_TOK_WORD && k->norm_len >= 2 && k->norm_len <= 4) {
			uint64_t h = q->thash[t];
			uint8_t pr = 0;
			if (h == pron_hash[0] && norm_is(q, t, "he"))
				pr = 'h';
			else if (h == pron_hash[1] && norm_is(q, t, "it"))
				pr = 'i';
			else if (h == pron_hash[2] && norm_is(q, t, "she"))
				pr = 's';
			else if (h == pron_hash[3] && norm_is(q, t, "they"))
				pr = 't';
			if (pr && add_mention(q, t, t + 1, M_PRONOUN, pr, NONE))
				return SLANT_ENOMEM;
		}
	}
	return 0;
}

/* Orders mentions by token (runs may have been added out of order). */
static int cmp_mention(const void *a, const void *b)
{
	const struct mention *x = a, *y = b;
	return (x->tb > y->tb) - (x->tb < y->tb);
}

/* Whether the words before token t make it an object: "according to X", "told X". */
static bool object_of(const struct slant_quotes *q, uint32_t t)
{
	if (t > 0 && (TMASK(q, t - 1) & W_DET))
		t--;
	return t > 0 && (TMASK(q, t - 1) & W_OBJECT_CUE);
}

/*
 * Whether token t is in a clause opening its sentence ("When ABC's Jonathan Karl asked,
 * West snapped"): not the sentence's subject.
 */
static bool in_leading_clause(const struct slant_quotes *q, uint32_t t)
{
	return t < q->lead_end[q->sent_of[t]];
}

/* Whether entity e can be what pronoun `pron` refers to. */
static bool pronoun_fits(const struct entity *e, uint8_t pron)
{
	if (e->thing)
		return false;
	switch (pron) {
	case 'h':
	case 's':
		/* a person named in full, from the table, with a title, or described */
		if (e->type == SLANT_SPEAKER_UNNAMED)
			return !e->plural;
		if (e->type != SLANT_SPEAKER_PERSON ||
		    (e->first == NONE && e->person == NONE && e->role == NONE &&
		     e->gender == G_UNKNOWN))
			return false;
		return e->gender == G_UNKNOWN || e->gender == (pron == 'h' ? G_MALE : G_FEMALE);
	case 't':
		return e->type == SLANT_SPEAKER_ORG || e->plural;
	default:
		return e->type == SLANT_SPEAKER_ORG && !e->plural;
	}
}

/*
 * Pronouns: the first (subject-most) fitting mention of the pronoun's sentence before it,
 * else of each of the four sentences before, nearest first.
 */
static int resolve_pronouns(struct slant_quotes *q)
{
	enum { BACK = 5 };
	bool ranked = false;

	for (size_t i = 0; i < q->nments; i++) {
		struct mention *m = &q->ments[i];
		if (m->kind != M_PRONOUN)
			continue;
		if (!ranked) {
			/* sentences are counted back without those inside quotations: a long
			 * quotation keeps its speaker within reach */
			if (SLANT_GROW(q->srank, q->capsrank, q->nsents + 1) ||
			    SLANT_GROW(q->lead_end, q->caplead, q->nsents + 1))
				return SLANT_ENOMEM;
			uint32_t n = 0;
			for (size_t k = 0; k < q->nsents; k++) {
				uint32_t b = q->sents[k].tok_begin, e = q->sents[k].tok_end, t = b;
				while (t < e && ((q->tokinfo[t] & TI_INQUOTE) || !is_word(q, t)))
					t++;
				n += t < e;
				q->srank[k] = n;
				/* a clause opening the sentence runs to its first comma */
				q->lead_end[k] = 0;
				if (b < e && (TMASK(q, b) & W_SUBORD)) {
					for (t = b + 1; t < e && !punct_is(q, t, ','); t++)
						;
					q->lead_end[k] = t;
				}
			}
			ranked = true;
		}
		uint32_t s = q->sent_of[m->tb];
		/* per sentence, the leftmost name, else the leftmost pronoun (a chain) */
		uint32_t best[BACK], chain[BACK];
		int rank[BACK];
		for (int k = 0; k < BACK; k++)
			best[k] = chain[k] = NONE, rank[k] = -1;
		for (size_t j = i; j-- > (i > LOOKBACK ? i - LOOKBACK : 0);) {
			const struct mention *c = &q->ments[j];
			uint32_t cs = q->sent_of[c->tb];
			if (cs > s || q->srank[s] - q->srank[cs] >= BACK)
				break;
			cs = s - (q->srank[s] - q->srank[cs]); /* the distance in those */
			if (c->entity != NONE && pronoun_fits(&q->ents[c->entity], m->pron)) {
				const struct entity *e = &q->ents[c->entity];
				/* "At Bloodworks Northwest, Haley says": a known gender and a
				 * subject rank first, then the leftmost (walking back, ties go
				 * left) */
				int r = (e->gender != G_UNKNOWN) * 4 + !object_of(q, c->tb) * 2 +
					!in_leading_clause(q, c->tb);
				if (c->kind == M_PRONOUN) {
					chain[s - cs] = c->entity;
				} else if (r >= rank[s - cs]) {
					best[s - cs] = c->entity;
					rank[s - cs] = r;
				}
			}
		}
		m->entity = NONE;
		for (int k = 0; k < BACK && m->entity == NONE; k++)
			m->entity = best[k] != NONE ? best[k] : chain[k];
		if (m->entity != NONE) {
			struct entity *e = &q->ents[m->entity];
			if (e->gender == G_UNKNOWN && (m->pron == 'h' || m->pron == 's'))
				e->gender = m->pron == 'h' ? G_MALE : G_FEMALE;
		}
	}
	return 0;
}

/* ------------------------------------------------------------ attribution */

/* Words that may stand between a speaker and the verb: "Halloway also said". */
WORDSET(adverbs,
	"also", "later", "then", "previously", "repeatedly", "again", "has", "have", "had",
	"would", "will", "could", "once", "simply", "recently", "reportedly", "flatly",
	"publicly", "privately", "quickly", "first", "further", "even", "still", "never",
	"often", "long", "last", "earlier", "bluntly", "frequently", "herself",
	"himself", "themselves", "itself", "only", "just", "already", "finally", "angrily",
	"defiantly", "openly", "separately", "similarly", "likewise", "immediately", "tearfully",
	"famously",
);

/* Words that go on a sentence rather than name a thing: "the “X” of ...". */
WORDSET(function_words,
	"of", "to", "in", "on", "at", "for", "and", "or", "that", "which", "who", "is", "was",
	"are", "were", "from", "with", "by", "as", "but", "be", "has", "have", "had", "will",
	"would", "can", "could", "should", "may", "might", "must", "if", "than", "then", "when",
	"while", "because", "so", "into", "over", "about", "after", "before", "since", "until",
	"said", "says", "not", "also", "it", "he", "she", "they", "we", "i", "you",
);

/* What speaks for its owner: "Warren's plan says". */
WORDSET(documents,
	"plan", "statement", "campaign", "office", "report", "letter", "lawsuit", "complaint",
	"ruling", "order", "tweet", "post", "website", "memo", "proposal", "bill", "release",
	"filing", "spokesman", "spokeswoman", "spokesperson", "team", "lawyers", "attorneys",
	"lawyer", "attorney", "brief", "policy", "budget", "administration", "government",
	"ad", "video", "book", "speech", "remarks", "testimony", "account", "suit", "petition",
	"motion", "memorandum", "affidavit", "study", "survey", "analysis", "document", "poll",
	"audit", "indictment", "warrant", "notice", "guidance",
);

/* Words between a verb and an inverted subject: "said Tuesday the mayor". */
WORDSET(time_words,
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
	"yesterday", "tonight", "recently", "later", "earlier", "then", "also",
);

static uint32_t mention_entity(const struct slant_quotes *q, uint32_t mi)
{
	return mi == NONE ? NONE : q->ments[mi].entity;
}

/* A mention that can name a speaker: resolved, or a pronoun resolved later from the quotes. */
static bool speaks(const struct slant_quotes *q, uint32_t m)
{
	return m != NONE && (q->ments[m].entity != NONE || q->ments[m].kind == M_PRONOUN);
}

/* The mention ending at token t (exclusive end t + 1), or NONE. */
static uint32_t mention_ending(const struct slant_quotes *q, uint32_t t)
{
	return t < q->ntoks && q->ment_end[t] ? q->ment_end[t] - 1 : NONE;
}

static uint32_t mention_starting(const struct slant_quotes *q, uint32_t t)
{
	return t < q->ntoks && q->ment_start[t] ? q->ment_start[t] - 1 : NONE;
}

/*
 * "Dana Whitlow of the Calder Immigrant Rights Coalition said", "a spokeswoman for DHS
 * said": the speaker is the mention before the of-phrase.
 */
static uint32_t of_phrase_head(const struct slant_quotes *q, uint32_t m, uint32_t lo)
{
	uint32_t t = q->ments[m].tb;

	if (t > lo && norm_is(q, t - 1, "the"))
		t--;
	if (t <= lo + 1 || !(norm_is(q, t - 1, "of") || norm_is(q, t - 1, "for") ||
			     norm_is(q, t - 1, "at") || norm_is(q, t - 1, "with")))
		return m;
	uint32_t h = mention_ending(q, t - 2);
	if (h == NONE || q->ments[h].entity == NONE)
		return m;
	const struct entity *e = &q->ents[q->ments[h].entity];
	return e->type == SLANT_SPEAKER_ORG ? m : h;
}

/* The subject of a verb starting at token v, searched back to `lo`. */
static uint32_t subject_before(const struct slant_quotes *q, uint32_t v, uint32_t lo)
{
	uint32_t t = v;

	for (int k = 0; k < 3 && t > lo && (TMASK(q, t - 1) & W_ADVERB); k++)
		t--;
	if (t <= lo)
		return NONE;
	uint32_t m = mention_ending(q, t - 1);
	if (m != NONE)
		return of_phrase_head(q, m, lo);
	/* "Warren's plan pledges", "the ACLU's lawsuit says": the owner speaks */
	if (t >= lo + 2 && (TMASK(q, t - 1) & W_DOCUMENT) && possessive_word(q, t - 2) &&
	    (m = mention_ending(q, t - 2)) != NONE)
		return m;
	/* an appositive or a parenthesis between: "Halloway, director of ..., said" */
	if (punct_is(q, t - 1, ',') || punct_is(q, t - 1, ')') || is_dash(q, t - 1)) {
		bool paren = punct_is(q, t - 1, ')');
		for (uint32_t u = t - 1; u > lo && u + 40 > t; u--) {
			if (q->tokinfo[u - 1] & TI_INQUOTE)
				break;
			if (paren ? punct_is(q, u, '(') : (punct_is(q, u, ',') || is_dash(q, u))) {
				if (u == t - 1)
					continue;
				if ((m = mention_ending(q, u - 1)) != NONE)
					return of_phrase_head(q, m, lo);
				if (paren)
					break;
			}
		}
	}
	return NONE;
}

/* "ABC's Jonathan Karl", "Bank of America's Ethan Harris": the name after a possessive
 * mention m, else m. */
static uint32_t past_owner(const struct slant_quotes *q, uint32_t m)
{
	if (m == NONE)
		return m;
	uint32_t te = q->ments[m].te;
	const struct entity *e = q->ments[m].entity != NONE ? &q->ents[q->ments[m].entity] : NULL;
	/* not "Ricardo Mello of WWF's Amazon Program" */
	if (te + 1 < q->ntoks && norm_is(q, te, "of") && !possessive_word(q, te - 1) && e &&
	    e->first == NONE && e->person == NONE) {
		uint32_t o = mention_starting(q, te + 1), n;
		if (o != NONE && possessive_word(q, q->ments[o].te - 1))
			m = o;
		else if (o == NONE && te + 2 < q->ntoks && is_cap(q, te + 1) &&
			 possessive_word(q, te + 1) && (n = mention_starting(q, te + 2)) != NONE &&
			 q->ments[n].kind == M_NAME)
			return n; /* an owner that is no mention of its own */
	}
	if (e && e->type == SLANT_SPEAKER_ORG && !possessive_word(q, q->ments[m].te - 1)) {
		/* "CMD executive director Lisa Graves": the organisation qualifies a person */
		uint32_t u = te;
		while (u < q->ntoks && u < te + 3 && q->toks[u].kind == SLANT_TOK_WORD &&
		       !is_cap(q, u) && (q->role_at[u] || (u > te && q->role_at[u - 1])))
			u++;
		uint32_t n = u > te ? mention_starting(q, u) : NONE;
		if (n != NONE && q->ments[n].kind == M_NAME && q->ments[n].entity != NONE &&
		    q->ents[q->ments[n].entity].type == SLANT_SPEAKER_PERSON)
			return n;
	}
	if (!possessive_word(q, q->ments[m].te - 1))
		return m;
	uint32_t n = mention_starting(q, q->ments[m].te);
	return n != NONE && q->ments[n].kind == M_NAME ? n : m;
}

/* The mention starting at t, or after an owner that is none ("Junior's Ann Lee"). */
static uint32_t mention_after_owner(const struct slant_quotes *q, uint32_t t)
{
	uint32_t m = mention_starting(q, t);

	if (m == NONE && t + 1 < q->ntoks && is_cap(q, t) && possessive_word(q, t) &&
	    (m = mention_starting(q, t + 1)) != NONE && q->ments[m].kind != M_NAME)
		m = NONE;
	return past_owner(q, m);
}

/* The mention right after token t (a verb's end), skipping time words. */
static uint32_t subject_after(const struct slant_quotes *q, uint32_t t, uint32_t hi)
{
	for (int k = 0; k < 2 && t < hi && (TMASK(q, t) & W_TIME); k++)
		t++;
	if (t >= hi)
		return NONE;
	uint32_t m = mention_after_owner(q, t);
	/* "said retired Lt. Col. Bill Cowen", "said former Gov. Jeb Bush" */
	if (m == NONE && t + 1 < hi && (TMASK(q, t) & W_PRE_TITLE) &&
	    (m = mention_starting(q, t + 1)) != NONE && q->ments[m].kind != M_NAME)
		m = NONE;
	if (m == NONE && t + 1 < hi && norm_is(q, t, "the"))
		m = mention_starting(q, t + 1); /* said the Department of Homeland Security */
	return m;
}

/* Verbs whose object is not the speaker: "told CNN", "asked reporters", "called him". */
static bool verb_takes_object(const struct slant_quotes *q, uint32_t vm)
{
	static const char *const prefixes[] = { "tell", "told", "ask", "urg", "call", "describ",
						"assur", "warn", "prais", "thank", "accus", "blam" };
	const char *term = slant_people_verb(q->conf->people, q->verbs.v[vm].entry, NULL);
	for (size_t i = 0; i < SLANT_ARRAY_SIZE(prefixes); i++)
		if (!strncmp(term, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

static bool verb_is(const struct slant_quotes *q, uint32_t vm, const char *prefix)
{
	const char *term = slant_people_verb(q->conf->people, q->verbs.v[vm].entry, NULL);
	return !strncmp(term, prefix, strlen(prefix));
}

struct attrib {
	uint32_t entity, verb; /* verb: index into q->verbs, or NONE */
	uint32_t ment;         /* the mention that named the speaker */
	bool found;
};

/* “…” if the county refuses refugees, he said. : the attribution closes the sentence */

/*
 * A mention that may stand as the subject of a sentence: not a place, and not a lone
 * capitalised word opening the sentence that nothing else marks as a name ("Compare that").
 */
static bool subject_like(const struct slant_quotes *q, uint32_t mi)
{
	const struct mention *m = &q->ments[mi];
	if (m->entity == NONE || q->ents[m->entity].thing)
		return false;
	const struct entity *e = &q->ents[m->entity];
	bool weak = e->type == SLANT_SPEAKER_PERSON && e->first == NONE && e->person == NONE &&
		    e->role == NONE && e->gender == G_UNKNOWN;
	return !(weak && m->kind == M_NAME && sentence_start(q, m->tb) == m->tb);
}

static struct attrib attrib_tail(const struct slant_quotes *q, uint32_t rb, uint32_t re)
{
	struct attrib a = { NONE, NONE, NONE, false };

	for (uint32_t t = rb; t + 2 < re; t++) {
		if (!punct_is(q, t, ','))
			continue;
		uint32_t m = mention_starting(q, t + 1);
		if (m == NONE || q->ments[m].entity == NONE)
			continue;
		uint32_t u = q->ments[m].te;
		if (u >= re || !q->verb_at[u])
			continue;
		uint32_t v = q->verb_at[u] - 1, ve = q->verbs.v[v].tok_end;
		if (ve == re || sentence_end_punct(q, ve)) {
			a.entity = q->ments[m].entity, a.verb = v, a.ment = m, a.found = true;
			return a;
		}
	}
	return a;
}

/* A lower-case word in -ed: "seethed", "marveled". */
static bool past_tense(const struct slant_quotes *q, uint32_t t)
{
	const struct slant_token *k = &q->toks[t];
	const char *n = norm(q, t);

	return k->kind == SLANT_TOK_WORD && !is_cap(q, t) && k->norm_len >= 5 &&
	       n[k->norm_len - 2] == 'e' && n[k->norm_len - 1] == 'd';
}

/* The token after a short parenthesis opening at u ("(D., Md.)") before re, else u. */
static uint32_t past_parenthesis(const struct slant_quotes *q, uint32_t u, uint32_t re)
{
	if (!punct_is(q, u, '('))
		return u;
	uint32_t w = u + 1;
	while (w < re && w < u + 40 && !punct_is(q, w, ')'))
		w++;
	return w < re && punct_is(q, w, ')') ? w + 1 : u;
}

/* “…,” X said / “…,” said X / “…,” according to X. */
static struct attrib attrib_right(const struct slant_quotes *q, uint32_t rb, uint32_t re)
{
	struct attrib a = { NONE, NONE, NONE, false };
	uint32_t t = rb;

	bool credit = false;
	while (t < re && (punct_is(q, t, ',') || is_dash(q, t) || punct_is(q, t, '(') ||
			  punct_is(q, t, '~') || q->toks[t].kind == SLANT_TOK_QUOTE)) {
		credit |= is_dash(q, t) || punct_is(q, t, '~');
		t++;
	}
	if (credit && t < re) {
		/* a credit line: “…” — Donald J. Trump (@realDonaldTrump) June 22, 2018 */
		uint32_t m = mention_starting(q, t);
		if (m != NONE && q->ments[m].kind == M_NAME && q->ments[m].entity != NONE &&
		    (q->ments[m].te >= re || punct_is(q, q->ments[m].te, '(') ||
		     punct_is(q, q->ments[m].te, ','))) {
			a.entity = q->ments[m].entity, a.ment = m, a.found = true;
			return a;
		}
	}
	if (t >= re || t > rb + 2) {
		a = attrib_tail(q, rb, re);
		return a;
	}
	if (q->verb_at[t]) {
		/* “…?” asked Pedro Rios: right after a quotation, who asks is named after */
		uint32_t vm = q->verb_at[t] - 1;
		bool inverted = verb_is(q, vm, "ask") || verb_is(q, vm, "warn") ||
				verb_is(q, vm, "urg") || verb_is(q, vm, "assur");
		uint32_t m = verb_takes_object(q, vm) && !inverted ?
				     NONE :
				     subject_after(q, q->verbs.v[vm].tok_end, re);
		if (speaks(q, m))
			a.entity = mention_entity(q, m), a.verb = vm, a.ment = m, a.found = true;
		return a;
	}
	uint32_t m = mention_after_owner(q, t);
	if (m == NONE && t + 1 < re && (norm_is(q, t, "the") || norm_is(q, t, "a") ||
					norm_is(q, t, "an")))
		m = mention_starting(q, t + 1); /* “…,” the Pentagon said */
	if (m == NONE)
		return attrib_tail(q, rb, re);
	/* a party and state: “…,” Steny Hoyer (D., Md.), the No. 2 Democrat, said */
	uint32_t u = past_parenthesis(q, q->ments[m].te, re);
	/* what they speak for: “…,” Dana Whitlow of the Calder Coalition told reporters */
	if (u + 1 < re && (TMASK(q, u) & W_OBJECT_CUE) && !norm_is(q, u, "told")) {
		uint32_t w = u + 1;
		if (w < re && norm_is(q, w, "the"))
			w++;
		uint32_t o = mention_starting(q, w);
		if (o != NONE && q->ments[o].te < re)
			u = past_parenthesis(q, q->ments[o].te, re);
	}
	/* two speakers: “…,” Mrs. Pelosi and Senate Minority Leader Chuck Schumer said */
	if (u + 1 < re && norm_is(q, u, "and")) {
		uint32_t m2 = mention_starting(q, u + 1);
		if (m2 != NONE && q->ments[m2].kind == M_NAME && speaks(q, m2)) {
			m = m2;
			u = past_parenthesis(q, q->ments[m2].te, re);
		}
	}
	/* an appositive: “…,” Halloway, the director, said */
	if (punct_is(q, u, ',') && !q->verb_at[u + 1]) {
		uint32_t w = u + 1;
		while (w < re && w < u + 20 && !punct_is(q, w, ','))
			w++;
		if (w < re && punct_is(q, w, ','))
			u = w + 1;
	} else if (punct_is(q, u, ',')) {
		u++;
	}
	for (int k = 0; k < 3 && u < re && (TMASK(q, u) & W_ADVERB); k++)
		u++;
	if (u < re && q->verb_at[u] && speaks(q, m))
		a.entity = mention_entity(q, m), a.verb = q->verb_at[u] - 1, a.ment = m, a.found = true;
	else if (u < re && u == q->ments[m].te && q->ments[m].kind == M_NAME && speaks(q, m) &&
		 past_tense(q, u) &&
		 ((t == rb + 1 && punct_is(q, rb, ',')) ||
		  (t == rb && rb >= 2 && (punct_is(q, rb - 2, ',') || punct_is(q, rb - 2, '!') ||
					  punct_is(q, rb - 2, '?')))))
		/* “…,” Graham seethed: a verb no list has, in the attribution's place */
		a.entity = mention_entity(q, m), a.ment = m, a.found = true;
	return a;
}

/* X said: “…” / X told CNN, “…” / X called it “…” / According to X, “…” / X: “…”. */
static struct attrib attrib_left(const struct slant_quotes *q, uint32_t lo, uint32_t open)
{
	struct attrib a = { NONE, NONE, NONE, false };

	for (uint32_t t = open; t-- > lo;) {
		if (q->tokinfo[t] & TI_INQUOTE)
			continue;
		if (!q->verb_at[t])
			continue;
		uint32_t vm = q->verb_at[t] - 1;
		uint32_t m;
		const char *term = slant_people_verb(q->conf->people, q->verbs.v[vm].entry, NULL);
		size_t tl = strlen(term);
		m = NONE;
		if (verb_is(q, vm, "according")) {
			m = mention_starting(q, q->verbs.v[vm].tok_end);
		} else if (tl > 4 && !strcmp(term + tl - 3, "ing")) {
			/* "Obama made a speech from the White House declaring": the sentence's
			 * subject speaks through a participle */
			for (uint32_t u = lo; u < t && m == NONE; u++) {
				uint32_t c = mention_starting(q, u);
				if (c != NONE && subject_like(q, c) &&
				    q->ents[q->ments[c].entity].type != SLANT_SPEAKER_ORG)
					m = c;
			}
		}
		if (m == NONE && (m = subject_before(q, t, lo)) == NONE && !verb_takes_object(q, vm))
			m = subject_after(q, q->verbs.v[vm].tok_end, open);
		if (speaks(q, m)) {
			a.entity = mention_entity(q, m), a.verb = vm, a.ment = m, a.found = true;
			return a;
		}
	}
	if (open > lo + 1 && punct_is(q, open - 1, ':')) {
		/* "Kanye West just now in the Oval Office:" - the first named */
		uint32_t m = NONE;
		for (uint32_t t = lo; t + 1 < open && m == NONE; t++)
			m = mention_starting(q, t);
		if (m != NONE && q->ments[m].kind == M_PRONOUN && q->ments[m].tb + 1 != open - 1)
			m = NONE;
		if (speaks(q, m)) {
			a.entity = mention_entity(q, m), a.ment = m, a.found = true;
			return a;
		}
	}
	return a;
}

/* Title-case: every word of four letters or more, and the first, capitalised. */
static bool title_case(const struct slant_quotes *q, const struct slant_quote *qt)
{
	uint32_t words = 0;

	for (uint32_t t = qt->tok_begin; t < qt->tok_end; t++) {
		const struct slant_token *k = &q->toks[t];
		/* one sentence: a mark ending one goes last, or before a last comma ("We?,") */
		if (k->kind == SLANT_TOK_PUNCT && sentence_end_punct(q, t) && t + 1 < qt->tok_end &&
		    !(t + 2 == qt->tok_end && punct_is(q, t + 1, ',')))
			return false;
		if (k->kind != SLANT_TOK_WORD)
			continue;
		if (!(k->flags & SLANT_TOKF_CAP) && (words == 0 || k->end - k->start >= 4))
			return false;
		words++;
	}
	return words > 0;
}

static bool cue_before(const struct slant_quotes *q, uint32_t open, uint32_t lo, uint32_t cues,
		       int reach)
{
	for (uint32_t t = open; t > lo && reach-- > 0;) {
		t--;
		if (TMASK(q, t) & cues)
			return true;
	}
	return false;
}

WORDSET(scare_cues,
	"so-called", "self-styled", "self-described", "self-proclaimed", "quote-unquote",
	"term", "word", "words", "phrase", "label", "euphemism", "slogan", "dubbed", "nicknamed",
	"branded", "so", "called", "terms", "phrases", "mantra", "buzzword",
);
WORDSET(title_cues,
	"show", "program", "programme", "series", "book", "film", "movie", "song", "album",
	"documentary", "column", "op-ed", "article", "essay", "podcast", "segment", "titled",
	"entitled", "headlined", "memoir", "novel", "play", "musical", "report", "episode",
	"newsletter", "broadcast", "special", "sitcom", "hit", "titles", "books", "shows", "films",
	"songs", "videos", "author", "episodes", "columns", "articles", "headline",
);

/* Whether quotation qt (five words at most) modifies the noun after it, after a determiner or
 * a possessive: the “Remain in Mexico” policy, the “public safety” sweep. */
static bool as_modifier(const struct slant_quotes *q, const struct slant_quote *qt, uint32_t lo)
{
	uint32_t open = qt->tok_begin - 1, after = qt->tok_end + 1;

	return qt->words <= 5 && !(qt->flags & SLANT_QUOTEF_UNCLOSED) && open > lo &&
	       ((TMASK(q, open - 1) & W_DET) || possessive_word(q, open - 1)) && after < q->ntoks &&
	       q->toks[after].kind == SLANT_TOK_WORD && !(q->toks[after].flags & SLANT_TOKF_CAP) &&
	       !(TMASK(q, after) & W_FUNCTION);
}

static uint8_t decide_kind(const struct slant_quotes *q, const struct slant_quote *qt, uint32_t lo,
			   bool has_speaker)
{
	uint32_t open = qt->tok_begin - 1;
	bool inner_end = false;

	for (uint32_t t = qt->tok_begin; t + 1 < qt->tok_end; t++)
		if (sentence_end_punct(q, t) && !(q->tokinfo[t] & TI_MARK))
			inner_end = true;
	bool tc = title_case(q, qt);
	if (tc && qt->words <= 8 &&
	    (cue_before(q, open, lo, W_TITLECUE, 3) ||
	     (qt->words <= 5 && open > lo && norm_is(q, open - 1, "told") &&
	      !(qt->flags & SLANT_QUOTEF_UNCLOSED)) ||
	     (open > lo && norm_is(q, open - 1, "on") && open > lo + 1 &&
	      (norm_is(q, open - 2, "appeared") || norm_is(q, open - 2, "appearing") ||
	       norm_is(q, open - 2, "interview") || norm_is(q, open - 2, "said") ||
	       norm_is(q, open - 2, "told") || is_cap(q, open - 2)))))
		return SLANT_QUOTE_TITLE;
	/* a headline's form: “Political Animals: How Our Brain Gets in the Way”, or a
	 * capitalised phrase the sentence goes on from: “Just How Stupid Are We?,” was about */
	if (tc && !has_speaker && qt->words >= 3 && qt->words <= 15 &&
	    !(qt->flags & SLANT_QUOTEF_UNCLOSED)) {
		bool colon = false;
		for (uint32_t t = qt->tok_begin; t + 1 < qt->tok_end && !colon; t++)
			colon = punct_is(q, t, ':');
		uint32_t next = qt->tok_end + 1;
		while (next < q->ntoks && punct_is(q, next, ','))
			next++;
		if (colon || (next < q->ntoks && (norm_is(q, next, "was") || norm_is(q, next, "is"))))
			return SLANT_QUOTE_TITLE;
	}
	/* a name used as a modifier: the “Remain in Mexico” policy, a red “MAGA” hat */
	if ((!has_speaker || tc) && !inner_end && as_modifier(q, qt, lo))
		return SLANT_QUOTE_SCARE;
	/* “…” after "called" is the speaker's word for it ("Levine called it “a bait-and-switch”",
	 * "Sanders called open borders a “Koch brothers proposal”"), up to four words after it */
	bool called = false;
	for (uint32_t t = open; t > lo && t + 5 > open; t--) {
		if (norm_is(q, t - 1, "called")) {
			called = !(t - 1 > lo && norm_is(q, t - 2, "so"));
			break;
		}
		if (TMASK(q, t - 1) & W_SCARE)
			break; /* "called the so-called “sweep”": the nearer cue says scare */
	}
	if (qt->words <= 6 && !inner_end &&
	    cue_before(q, open, lo, W_SCARE, 2) && !(called && has_speaker))
		return SLANT_QUOTE_SCARE;
	if (!has_speaker) {
		/* a sentence of its own: “Is Papa coming home?” */
		uint32_t last = qt->tok_end > qt->tok_begin ? qt->tok_end - 1 : qt->tok_begin;
		int32_t c0 = first_cp(q, qt->tok_begin);
		bool sentence = qt->words >= 3 && sentence_end_punct(q, last) &&
				((c0 >= 'A' && c0 <= 'Z') || (q->toks[qt->tok_begin].flags & SLANT_TOKF_CAP));
		if (sentence)
			return SLANT_QUOTE_DIRECT;
		if (qt->words <= 6 && !inner_end)
			return SLANT_QUOTE_SCARE;
		/* a long fragment woven into a sentence: "pledges that “there will be no ...”" */
		int32_t c1 = first_cp(q, qt->tok_begin);
		if (open > lo && is_word(q, open - 1) && c1 >= 'a' && c1 <= 'z')
			return SLANT_QUOTE_PARTIAL;
		return SLANT_QUOTE_DIRECT;
	}
	/* a speaker: direct when set off from the reporter's words, partial when woven in */
	bool starts_sentence = open == lo || punct_is(q, open - 1, ',') || punct_is(q, open - 1, ':') ||
			       is_dash(q, open - 1) || punct_is(q, open - 1, '(') ||
			       (open > 0 && sentence_end_punct(q, open - 1)) ||
			       (qt->flags & SLANT_QUOTEF_CONTINUED);
	int32_t cp = first_cp(q, qt->tok_begin);
	bool upper = (cp >= 'A' && cp <= 'Z') || (cp > 127 && (q->toks[qt->tok_begin].flags & SLANT_TOKF_CAP));
	if (qt->tok_begin < q->ntoks && q->toks[qt->tok_begin].kind == SLANT_TOK_NUMBER)
		upper = true;
	if (starts_sentence && (upper || (qt->flags & SLANT_QUOTEF_CONTINUED)))
		return SLANT_QUOTE_DIRECT;
	return SLANT_QUOTE_PARTIAL;
}

/* The first person or organisation named in sentence s: the likely subject. */
static uint32_t sentence_subject_but(const struct slant_quotes *q, uint32_t s, uint32_t skip)
{
	for (uint32_t t = q->sents[s].tok_begin; t < q->sents[s].tok_end; t++) {
		uint32_t mi = mention_starting(q, t);
		if (mi != NONE && mi != skip && q->ments[mi].entity != NONE)
			return q->ments[mi].entity;
	}
	return NONE;
}

/* Whether sentence s names entity e (by name, not by pronoun or role). */
static bool named_in(const struct slant_quotes *q, uint32_t s, uint32_t e)
{
	for (uint32_t t = q->sents[s].tok_begin; t < q->sents[s].tok_end; t++) {
		uint32_t mi = mention_starting(q, t);
		if (mi != NONE && q->ments[mi].entity == e && q->ments[mi].kind == M_NAME)
			return true;
	}
	return false;
}

static uint32_t sentence_subject(const struct slant_quotes *q, uint32_t s)
{
	return sentence_subject_but(q, s, NONE);
}

/*
 * "he said" after a quotation: news goes on with the speaker it just quoted, unless the
 * sentence (or the one before) opens with another person the pronoun fits.
 */
static uint32_t pronoun_speaker(const struct slant_quotes *q, const struct mention *m, size_t qi,
				uint32_t para)
{
	uint32_t p = m->entity, last = NONE;

	if (m->pron != 'h' && m->pron != 's')
		return p;
	for (size_t j = qi; j-- > (qi > LOOKBACK ? qi - LOOKBACK : 0);) {
		const struct slant_quote *pq = &q->quotes[j];
		if (pq->depth || pq->speaker == NONE)
			continue;
		if (pq->para + 2 < para)
			break;
		if (pronoun_fits(&q->ents[pq->speaker], m->pron))
			last = pq->speaker;
		break;
	}
	if (p == NONE || last == NONE || p == last)
		return p != NONE ? p : last;
	/* the person the sentence is about, or the one before it */
	uint32_t s = q->sent_of[m->tb];
	const struct entity *e = &q->ents[p];
	bool strong = e->person != NONE || e->role != NONE || e->gender != G_UNKNOWN;
	uint32_t self = (uint32_t)(m - q->ments); /* not the pronoun itself */
	if (strong && (sentence_subject_but(q, s, self) == p || named_in(q, s, p) ||
		       (s > 0 && (sentence_subject_but(q, s - 1, self) == p || named_in(q, s - 1, p)))))
		return p;
	return last;
}

/*
 * The speaker of an earlier top-level quotation whose words hold those of quotation qi
 * (letters compared without case, on word boundaries), or NONE.
 */
static uint32_t echo_speaker(const struct slant_quotes *q, size_t qi)
{
	const struct slant_quote *x = &q->quotes[qi];
	size_t n = x->end - x->start;
	const char *w = q->text + x->start;

	while (n && (w[n - 1] == ',' || w[n - 1] == '.' || w[n - 1] == ' '))
		n--;
	if (n < 3)
		return NONE;
	for (size_t j = qi; j-- > (qi > LOOKBACK ? qi - LOOKBACK : 0);) {
		const struct slant_quote *p = &q->quotes[j];
		if (p->depth || p->speaker == NONE || p->end - p->start <= n)
			continue;
		const char *t = q->text + p->start;
		size_t tl = p->end - p->start;
		for (size_t k = 0; k + n <= tl; k++) {
			if (strncasecmp(t + k, w, n))
				continue;
			bool left = k == 0 || !((t[k - 1] | 32) >= 'a' && (t[k - 1] | 32) <= 'z');
			bool right = k + n == tl || !((t[k + n] | 32) >= 'a' && (t[k + n] | 32) <= 'z');
			if (left && right)
				return p->speaker;
		}
	}
	return NONE;
}

/* Whether the original text breaks the line between tokens a and b. */
static bool line_break_between(const struct slant_quotes *q, uint32_t a, uint32_t b)
{
	uint32_t from = q->toks[a].end, to = q->toks[b].start;

	return to > from && memchr(q->text + from, '\n', to - from) != NULL;
}

/* Word tokens outside quotations in [a, b). */
static uint32_t reporter_words(const struct slant_quotes *q, uint32_t a, uint32_t b)
{
	uint32_t n = 0;

	for (uint32_t t = a; t < b; t++)
		n += q->toks[t].kind == SLANT_TOK_WORD && !(q->tokinfo[t] & TI_INQUOTE);
	return n;
}

/*
 * Opinion roundups quote an excerpt, then credit it on a line of its own: "David Schraub, The
 * Atlantic", "Editorial Board, New York Times". Such a line, right after a quotation, names
 * the speaker of the quotations no verb attributed in the run of excerpts it closes: back to
 * the last credit line, or to reporter's text longer than a few words ("Some note that").
 */
static int credit_lines(struct slant_quotes *q)
{
	uint32_t last_credit = 0;

	for (size_t i = 0; i < q->nquotes; i++) {
		struct slant_quote *pq = &q->quotes[i];
		/* a pull quote: “…” — House Speaker Paul Ryan, the name closing the line */
		if (!pq->depth && pq->speaker == NONE && !(pq->flags & SLANT_QUOTEF_UNCLOSED) &&
		    pq->tok_end + 2 < q->scan_end && is_dash(q, pq->tok_end + 1)) {
			for (uint32_t v = pq->tok_end + 2; v < pq->tok_end + 6 && v < q->scan_end; v++) {
				uint32_t n = mention_starting(q, v);
				if (n != NONE && q->ments[n].kind == M_NAME &&
				    q->ents[q->ments[n].entity].type == SLANT_SPEAKER_PERSON) {
					uint32_t e = q->ments[n].te;
					/* a word or two held apart stays nobody's ("Shameful." — X) */
					bool aside = pq->kind == SLANT_QUOTE_SCARE ||
						     pq->kind == SLANT_QUOTE_TITLE;
					if ((e >= q->ntoks || line_break_between(q, e - 1, e)) &&
					    (!aside || pq->words >= 4)) {
						pq->speaker = q->ments[n].entity;
						if (aside)
							pq->kind = SLANT_QUOTE_DIRECT;
					}
					break;
				}
				if (!is_cap(q, v) && !punct_is(q, v, '.')) /* "Sen. Dick Durbin" */
					break;
			}
		}
		const struct slant_quote *cq = pq;
		uint32_t tb = cq->tok_end + 1, te = tb, comma = NONE;
		if (cq->depth || (cq->flags & SLANT_QUOTEF_UNCLOSED) || tb >= q->scan_end ||
		    !line_break_between(q, cq->tok_end, tb))
			continue;
		/* the line: capitalised words, one comma, capitalised words */
		size_t words = 0;
		bool ok = is_cap(q, tb);
		for (; ok && te < q->scan_end && (te == tb || !line_break_between(q, te - 1, te)); te++) {
			const struct slant_token *k = &q->toks[te];
			if (te - tb > 16 || (q->tokinfo[te] & TI_INQUOTE) || k->kind == SLANT_TOK_QUOTE) {
				ok = false;
			} else if (k->kind == SLANT_TOK_WORD) {
				words++;
				ok = is_cap(q, te) || norm_is(q, te, "and") || norm_is(q, te, "of") ||
				     norm_is(q, te, "the") || norm_is(q, te, "for");
			} else if (punct_is(q, te, ',')) {
				ok = comma == NONE && te > tb;
				comma = te;
			} else {
				ok = k->kind == SLANT_TOK_PUNCT &&
				     (punct_is(q, te, '.') || punct_is(q, te, '-') || punct_is(q, te, '&'));
			}
		}
		if (!ok || comma == NONE || comma + 1 >= te || words < 2 || words > 12)
			continue;
		/* who: the name the line starts with */
		uint32_t who = NONE;
		for (size_t m = q->nments; m-- > 0 && who == NONE;)
			if (q->ments[m].tb == tb && q->ments[m].te <= comma &&
			    q->ments[m].kind != M_PRONOUN)
				who = q->ments[m].entity;
		if (who == NONE) {
			if (name_mention(q, tb, comma, false))
				return SLANT_ENOMEM;
			who = q->ments[q->nments - 1].entity;
		}
		/* back over the run of excerpts */
		uint32_t next_open = NONE;
		for (size_t j = i + 1; j-- > 0;) {
			struct slant_quote *qt = &q->quotes[j];
			if (qt->depth)
				continue;
			if (qt->tok_begin < last_credit ||
			    (next_open != NONE && reporter_words(q, qt->tok_end + 1, next_open) > 6))
				break;
			next_open = qt->tok_begin - 1;
			if (qt->speaker != NONE ||
			    ((qt->kind == SLANT_QUOTE_SCARE || qt->kind == SLANT_QUOTE_TITLE) &&
			     qt->words < 4))
				continue;
			qt->speaker = who;
			qt->flags |= SLANT_QUOTEF_INHERITED;
			if ((qt->kind == SLANT_QUOTE_SCARE || qt->kind == SLANT_QUOTE_TITLE) &&
			    qt->words >= 4)
				qt->kind = SLANT_QUOTE_DIRECT;
		}
		last_credit = te;
	}
	return 0;
}

/*
 * A description that names someone nearby: "the spokesman, Don Stewart", "the chairman of the
 * Joint Chiefs of Staff, Gen. Martin Dempsey" (a name after a comma, a few words on), or "the
 * Virginia Republican" (the last person named of that party). The named entity, or NONE.
 */
static uint32_t described_person(const struct slant_quotes *q, uint32_t mi)
{
	const struct mention *m = &q->ments[mi];
	const struct entity *e = &q->ents[m->entity];

	if (m->kind != M_ROLE && m->kind != M_NAME)
		return NONE;
	if (e->type == SLANT_SPEAKER_ORG) {
		/* "INPE researcher Alberto Setzer", "Bank of America's Ethan Harris": the person
		 * the organisation qualifies */
		for (uint32_t u = m->te; u < m->te + 6 && u < q->scan_end; u++) {
			uint32_t n = mention_starting(q, u);
			if (n != NONE && q->ments[n].kind == M_NAME &&
			    q->ents[q->ments[n].entity].type == SLANT_SPEAKER_PERSON)
				return q->ments[n].entity;
			const char *w = norm(q, u);
			bool poss = !strcmp(w, "'s") || !strcmp(w, "s") || !strcmp(w, "'") ||
				    punct_is(q, u, '\'');
			if (!poss && (q->toks[u].kind != SLANT_TOK_WORD || q->verb_at[u] ||
				      (q->tokinfo[u] & TI_INQUOTE)))
				break;
		}
		return NONE;
	}
	/* an appositive name after the description, in the same sentence */
	for (uint32_t u = m->te; m->kind == M_ROLE && u < m->te + 8 && u + 1 < q->scan_end; u++) {
		if ((q->tokinfo[u] & TI_INQUOTE) || q->toks[u].kind == SLANT_TOK_QUOTE ||
		    q->sent_of[u] != q->sent_of[m->tb] || q->verb_at[u])
			break;
		if (!punct_is(q, u, ','))
			continue;
		for (uint32_t v = u + 1; v < u + 4 && v < q->scan_end; v++) {
			uint32_t n = mention_starting(q, v);
			if (n != NONE && q->ments[n].kind == M_NAME &&
			    q->ents[q->ments[n].entity].type == SLANT_SPEAKER_PERSON)
				return q->ments[n].entity;
			if (!is_cap(q, v)) /* only a title may stand between: "Gen.", "Rep." */
				break;
		}
		break;
	}
	/* "the Virginia Republican", "the Illinois Democrat": the last of that party named (the
	 * capitalised run reads as a name, the role table may know the word) */
	uint32_t last = m->te - 1;
	const char *party = norm_is(q, last, "republican") ? "republican" :
			    norm_is(q, last, "democrat") ? "democrat" : NULL;
	if (!party || (m->kind == M_NAME && (m->tb == 0 || !norm_is(q, m->tb - 1, "the"))))
		return NONE;
	for (size_t i = mi; i-- > 0;) {
		const struct mention *pm = &q->ments[i];
		if (pm->kind != M_NAME)
			continue;
		const struct entity *pe = &q->ents[pm->entity];
		const char *g = pe->person != NONE ? q->conf->people->speakers[pe->person].group :
						     pe->group;
		if (pe->type == SLANT_SPEAKER_PERSON && g && !strcmp(g, party))
			return pm->entity;
	}
	return NONE;
}

/*
 * Whether tokens [a, b) join two items of a list: a comma (or one closing the item before,
 * inside its marks: “mixed,” “conservative”), "and" or "or", and nothing else but quotation
 * marks (“No.” “Never.” is a dialogue, not a list).
 */
static bool only_list_glue(const struct slant_quotes *q, uint32_t a, uint32_t b)
{
	bool glue = a >= 2 && punct_is(q, a - 2, ',');

	if (a > b || b - a > 4)
		return false;
	for (uint32_t t = a; t < b; t++) {
		bool g = punct_is(q, t, ',') || norm_is(q, t, "and") || norm_is(q, t, "or");
		if (!g && q->toks[t].kind != SLANT_TOK_QUOTE)
			return false;
		glue |= g;
	}
	return glue;
}

/* Whether someone other than entity `who` is named in [a, b) as a subject ("according to
 * Reuters", "told CNN" name no one new). */
static bool name_between(const struct slant_quotes *q, uint32_t a, uint32_t b, uint32_t who)
{
	for (uint32_t t = a; t < b; t++) {
		uint32_t mi = mention_starting(q, t);
		/* not an object: "according to Reuters", "West assured Trump" */
		if (mi != NONE && q->ments[mi].kind == M_NAME && q->ments[mi].entity != who &&
		    !object_of(q, t) && !(t > 0 && q->verb_at[t - 1] &&
					  verb_takes_object(q, q->verb_at[t - 1] - 1)))
			return true;
	}
	return false;
}

static int attribute(struct slant_quotes *q)
{
	size_t np;
	const struct slant_paragraph *paras = slant_doc_paragraphs(q->d, &np);
	uint32_t prev = NONE;      /* previous top-level quotation */
	uint32_t prev_verb = NONE; /* its verb match */

	for (size_t i = 0; i < q->nquotes; i++) {
		struct slant_quote *qt = &q->quotes[i];
		uint32_t open = qt->tok_begin - 1;
		uint32_t para = qt->para;
		const struct slant_paragraph *pg = &paras[para];
		uint32_t lo = sentence_start(q, open);
		struct attrib a = { NONE, NONE, NONE, false };

		if (qt->depth) {
			/* inside another quotation: the speaker quotes someone, or sneers */
			uint8_t k = decide_kind(q, qt, qt->tok_begin - 1, false);
			qt->kind = k;
			continue;
		}
		/* the reporter's words around it: back to the sentence start or the last quote */
		if (prev != NONE && q->quotes[prev].close > q->toks[lo].start &&
		    q->quotes[prev].para == para) {
			uint32_t pc = q->quotes[prev].tok_end;
			if (!(q->quotes[prev].flags & SLANT_QUOTEF_UNCLOSED))
				lo = pc + 1 > lo ? pc + 1 : lo;
		}
		uint32_t rb = NONE, re = NONE;
		if (!(qt->flags & SLANT_QUOTEF_UNCLOSED) && qt->tok_end + 1 < pg->tok_end) {
			rb = qt->tok_end + 1;
			re = sentence_end(q, rb);
			if (re > pg->tok_end)
				re = pg->tok_end;
			for (size_t j = i + 1; j < q->nquotes; j++)
				if (!q->quotes[j].depth) {
					if (q->quotes[j].tok_begin - 1 < re)
						re = q->quotes[j].tok_begin - 1;
					break;
				}
		}
		struct attrib r = { NONE, NONE, NONE, false }, l = r;
		/* “…now.” Barrow said X: a new sentence about someone else, not an attribution */
		bool ended = qt->tok_end > qt->tok_begin && punct_is(q, qt->tok_end - 1, '.') &&
			     rb != NONE && is_cap(q, rb);
		if (rb != NONE && rb < re && !ended)
			r = attrib_right(q, rb, re);
		l = attrib_left(q, lo, open);
		if (!l.found && open == pg->tok_begin && para > 0) {
			/* "Halloway said:" closing the paragraph before */
			const struct slant_paragraph *pp = &paras[para - 1];
			if (pp->tok_end > pp->tok_begin && punct_is(q, pp->tok_end - 1, ':'))
				l = attrib_left(q, sentence_start(q, pp->tok_end - 1), pp->tok_end);
		}
		a = r.found ? r : l;
		if (a.found && a.ment != NONE && q->ments[a.ment].kind == M_PRONOUN)
			a.entity = pronoun_speaker(q, &q->ments[a.ment], i, para);
		if (a.found && a.ment != NONE &&
		    (q->ments[a.ment].kind == M_ROLE || q->ments[a.ment].kind == M_NAME)) {
			uint32_t named = described_person(q, a.ment);
			if (named != NONE) {
				/* the description says what the name does not: "a DHS spokesman" */
				struct entity *ne = &q->ents[named];
				const struct entity *de = &q->ents[q->ments[a.ment].entity];
				if (ne->person == NONE && ne->role == NONE)
					ne->role = de->role;
				if (ne->person == NONE && ne->affil == NONE)
					ne->affil = de->affil;
				a.entity = named;
			}
		}
		a.found = a.entity != NONE;
		bool inherited = false, echo = false;
		if (!a.found && (qt->flags & SLANT_QUOTEF_CONTINUED) && prev != NONE &&
		    q->quotes[prev].speaker != NONE) {
			a.entity = q->quotes[prev].speaker, a.found = true, inherited = true;
		}
		if (!a.found && prev != NONE && q->quotes[prev].speaker != NONE) {
			/* the same speaker goes on: “…,” she added. “…” */
			const struct slant_quote *pq = &q->quotes[prev];
			uint32_t ppara = pq->para;
			bool same_para = ppara == para;
			bool next_para = ppara + 1 == para && open == pg->tok_begin && qt->words >= 4;
			if ((same_para || next_para) && pq->kind == SLANT_QUOTE_DIRECT) {
				/* unless someone else is named between them */
				if (!name_between(q, pq->tok_end + 1, open, pq->speaker)) {
					a.entity = pq->speaker, a.found = true, inherited = true;
				}
			}
		}
		if (!a.found && prev != NONE && q->quotes[prev].speaker != NONE &&
		    q->quotes[prev].kind == SLANT_QUOTE_PARTIAL &&
		    q->sent_of[q->quotes[prev].tok_begin] == q->sent_of[qt->tok_begin] &&
		    !(q->quotes[prev].flags & SLANT_QUOTEF_INHERITED)) {
			/* what they call “raids” on “undocumented” residents: one attribution */
			a.entity = q->quotes[prev].speaker, a.found = true;
			a.verb = prev_verb;
		}
		if (!a.found && !cue_before(q, open, lo, W_SCARE | W_TITLECUE, 2)) {
			/* no verb ties it to anyone: whoever the sentence is about, named before it
			 * ("Warren's plan would cost “just under”", "protesters spray-painted
			 * the words “colonizer”") */
			for (uint32_t t = lo; t < open && !a.found; t++) {
				uint32_t mi = mention_starting(q, t);
				if (mi == NONE || !subject_like(q, mi) || object_of(q, t))
					continue;
				a.entity = q->ments[mi].entity, a.ment = mi, a.found = true;
				for (uint32_t u = q->ments[mi].te; u < open && a.verb == NONE; u++)
					if (q->verb_at[u])
						a.verb = q->verb_at[u] - 1;
			}
		}
		if (!a.found && prev != NONE && q->quotes[prev].speaker != NONE &&
		    q->quotes[prev].kind == SLANT_QUOTE_PARTIAL && q->quotes[prev].para == para &&
		    !cue_before(q, open, lo, W_SCARE | W_TITLECUE, 2) && !as_modifier(q, qt, lo) &&
		    !name_between(q, q->quotes[prev].tok_end + 1, open, q->quotes[prev].speaker)) {
			/* after a partial quotation, within its paragraph: "As he said, we have
			 * “…”. But “countenancing” the “lawlessness” ..." */
			a.entity = q->quotes[prev].speaker, a.found = true, inherited = true;
		}
		if (!a.found && (qt->words >= 4 || whole_sentence(q, qt)) && lo > pg->tok_begin) {
			/* Varga disagreed. “…” : the subject of the sentence before */
			uint32_t s = q->sent_of[open];
			if (s > 0 && q->sent_of[pg->tok_begin] < s) {
				uint32_t e = sentence_subject(q, s - 1);
				if (e != NONE && q->ents[e].type != SLANT_SPEAKER_ORG) {
					a.entity = e, a.found = true, inherited = true;
				}
			}
		}
		if (!a.found && qt->words <= 4 && !cue_before(q, open, lo, W_SCARE | W_TITLECUE, 2)) {
			/* “Hate”? “Division”? : words taken back from someone's earlier quotation */
			uint32_t e = echo_speaker(q, i);
			if (e != NONE)
				a.entity = e, a.found = true, inherited = echo = true;
		}
		if (a.found && !inherited) {
			qt->speaker = a.entity;
		} else if (a.found) {
			qt->speaker = a.entity;
			qt->flags |= SLANT_QUOTEF_INHERITED;
		}
		if (a.verb != NONE) {
			const struct slant_match *vm = &q->verbs.v[a.verb];
			qt->verb = vm->entry;
			qt->verb_start = vm->start;
			qt->verb_end = vm->end;
		}
		qt->kind = echo ? SLANT_QUOTE_PARTIAL : decide_kind(q, qt, lo, a.found);
		if (qt->kind == SLANT_QUOTE_SCARE || qt->kind == SLANT_QUOTE_TITLE) {
			qt->speaker = NONE;
			qt->verb = NONE;
			qt->verb_start = qt->verb_end = 0;
			qt->flags &= (uint8_t)~SLANT_QUOTEF_INHERITED;
		}
		prev = (uint32_t)i;
		prev_verb = qt->verb != NONE ? a.verb : NONE;
	}
	/* “consistently liberal,” “mostly liberal,” “mixed” and “conservative”: a list of
	 * three or more short quotations is a list of labels */
	for (size_t i = 0; i < q->nquotes;) {
		size_t j = i, n = 0, last = i;
		while (j < q->nquotes && (q->quotes[j].depth || q->quotes[j].words <= 4)) {
			if (q->quotes[j].depth) {
				j++;
				continue;
			}
			n++;
			last = j;
			size_t k = j + 1;
			while (k < q->nquotes && q->quotes[k].depth)
				k++;
			if (k >= q->nquotes ||
			    q->sent_of[q->quotes[k].tok_begin] != q->sent_of[q->quotes[j].tok_begin] ||
			    !only_list_glue(q, q->quotes[j].tok_end + 1, q->quotes[k].tok_begin - 1))
				break;
			j = k;
		}
		if (n >= 3)
			for (size_t k = i; k <= last; k++)
				/* not one a verb after it attributes: “…,” “…” and “…,” she said */
				if (!q->quotes[k].depth && (q->quotes[k].verb == NONE ||
							     q->quotes[k].verb_start < q->quotes[k].end)) {
					struct slant_quote *x = &q->quotes[k];
					x->kind = SLANT_QUOTE_SCARE;
					x->speaker = x->verb = NONE;
					x->verb_start = x->verb_end = 0;
					x->flags &= (uint8_t)~SLANT_QUOTEF_INHERITED;
				}
		i = last + 1;
	}
	/* If they aren't “accompanied by ...”, you'll see “...,” Kurdieh said: a fragment
	 * nobody speaks is the words of whoever the sentence quotes next */
	for (size_t i = 0; i + 1 < q->nquotes; i++) {
		struct slant_quote *a = &q->quotes[i];
		if (a->depth || a->speaker != NONE || a->kind != SLANT_QUOTE_PARTIAL)
			continue;
		for (size_t j = i + 1; j < q->nquotes; j++) {
			const struct slant_quote *b = &q->quotes[j];
			if (b->depth)
				continue;
			if (b->speaker != NONE && !(b->flags & SLANT_QUOTEF_INHERITED) &&
			    q->sent_of[b->tok_begin] == q->sent_of[a->tok_begin]) {
				a->speaker = b->speaker;
				a->flags |= SLANT_QUOTEF_INHERITED;
			}
			break;
		}
	}
	int ret = credit_lines(q);
	if (ret)
		return ret;
	/* a multi-paragraph quotation has one speaker: carry an attribution back to its start */
	for (size_t i = q->nquotes; i-- > 1;) {
		struct slant_quote *b = &q->quotes[i];
		if (!(b->flags & SLANT_QUOTEF_CONTINUED) || b->speaker == NONE)
			continue;
		for (size_t j = i; j-- > 0;) {
			struct slant_quote *a = &q->quotes[j];
			if (a->depth)
				continue;
			if ((a->flags & SLANT_QUOTEF_CONTINUES) && a->speaker == NONE) {
				a->speaker = b->speaker;
				a->flags |= SLANT_QUOTEF_INHERITED;
				if (a->kind == SLANT_QUOTE_SCARE || a->kind == SLANT_QUOTE_TITLE)
					a->kind = SLANT_QUOTE_DIRECT;
			}
			break;
		}
	}
	return 0;
}

/* --------------------------------------------------------------- speakers */

static int make_speakers(struct slant_quotes *q)
{
	const struct slant_people *pp = q->conf->people;

	q->nspeakers = 0;
	for (size_t i = 0; i < q->nents; i++)
		q->ents[i].speaker = NONE;
	for (size_t i = 0; i < q->nquotes; i++) {
		struct slant_quote *qt = &q->quotes[i];
		if (qt->speaker == NONE)
			continue;
		struct entity *e = &q->ents[qt->speaker];
		if (e->speaker == NONE) {
			if (SLANT_GROW(q->speakers, q->capspeakers, q->nspeakers + 1))
				return SLANT_ENOMEM;
			struct slant_speaker *sp = &q->speakers[q->nspeakers];
			const struct slant_person *person = e->person != NONE ? &pp->speakers[e->person] : NULL;
			const struct slant_role *role = role_of(q, e->role);
			const struct slant_person *affil = e->affil != NONE ? &pp->speakers[e->affil] : NULL;
			sp->name = stored(q, e->name);
			sp->role = role ? role->role : person && person->role ? person->role : NULL;
			sp->group = person ? person->group : e->group ? e->group :
				    affil && (!role || !role->group) ? affil->group :
				    role && role->group ? role->group : affil ? affil->group : NULL;
			sp->mentions = e->mentions;
			sp->type = e->type;
			e->speaker = (uint32_t)q->nspeakers++;
		}
		qt->speaker = e->speaker;
	}
	return 0;
}


/* ------------------------------------------------------------- word lists */

static void add_list(const char *const *words, size_t n, uint32_t bit)
{
	for (size_t i = 0; i < n; i++)
		wtab_add(words[i], bit);
}

static void sort_lists(void)
{
#define ADD(name, bit) add_list(name, SLANT_ARRAY_SIZE(name), bit)
	ADD(apostrophe_words, W_APOS);
	ADD(not_names, W_NOT_NAME);
	ADD(name_particles, W_PARTICLE);
	ADD(org_words, W_ORG);
	ADD(female_names, W_FEMALE);
	ADD(male_names, W_MALE);
	ADD(female_titles, W_FTITLE);
	ADD(male_titles, W_MTITLE);
	ADD(honorifics, W_HONORIFIC);
	ADD(determiners, W_DET);
	ADD(adverbs, W_ADVERB);
	ADD(time_words, W_TIME);
	ADD(scare_cues, W_SCARE);
	ADD(title_cues, W_TITLECUE);
	ADD(documents, W_DOCUMENT);
	ADD(thing_words, W_THING);
	ADD(function_words, W_FUNCTION);
	ADD(word_names, W_WORD_NAME);
	ADD(pre_title, W_PRE_TITLE);
	ADD(object_cues, W_OBJECT_CUE);
	ADD(subordinators, W_SUBORD);
	ADD(family_first_names, W_FAMILY_FIRST);
	for (size_t i = 0; i < SLANT_ARRAY_SIZE(common_words); i++)
		ctab_add(common_words[i]);
	wtab_add("father", W_CLERGY);
	wtab_add("fr", W_CLERGY);
	wtab_add("monsignor", W_CLERGY);
#undef ADD
	wtab_add("he", W_HE);
	wtab_add("she", W_SHE);
	wtab_add("they", W_THEY);
	wtab_add("it", W_IT);
	wtab_add("democrat", W_DEM);
	wtab_add("democratic", W_DEM);
	wtab_add("republican", W_REP);
	wtab_add("gop", W_REP);
	static const char *const prons[] = { "he", "it", "she", "they" };
	for (size_t i = 0; i < SLANT_ARRAY_SIZE(prons); i++)
		pron_hash[i] = slant_text_hash(prons[i], strlen(prons[i]));
}


/* ------------------------------------------------------------------- main */

static int grow_tokens(struct slant_quotes *q, size_t n)
{
	if (n <= q->captok)
		return 0;
	size_t cap = q->captok ? q->captok : 256;
	while (cap < n)
		cap *= 2;
	uint32_t **arrays[] = { &q->tokinfo, &q->ment_end, &q->ment_start, &q->verb_at,
				&q->sent_of, &q->role_at, &q->role_end, &q->name_at, &q->wmask };
	for (size_t i = 0; i < SLANT_ARRAY_SIZE(arrays); i++) {
		uint32_t *p = realloc(*arrays[i], cap * sizeof(uint32_t));
		if (!p)
			return SLANT_ENOMEM;
		*arrays[i] = p;
	}
	q->captok = cap;
	/* the sparse arrays start out zero; clear_sparse() keeps them so */
	uint32_t *sparse[] = { q->ment_end, q->ment_start, q->verb_at, q->role_at, q->role_end,
			       q->name_at };
	for (size_t i = 0; i < SLANT_ARRAY_SIZE(sparse); i++)
		memset(sparse[i], 0, cap * sizeof(uint32_t));
	return 0;
}

/*
 * Zeroes what an article set in the sparse per-token arrays (matches and mentions), which
 * costs far less than clearing them whole for the next article.
 */
static void clear_sparse(struct slant_quotes *q)
{
	for (size_t i = 0; i < q->names.n; i++)
		q->name_at[q->names.v[i].tok_begin] = 0;
	for (size_t i = 0; i < q->roles.n; i++) {
		q->role_at[q->roles.v[i].tok_begin] = 0;
		q->role_end[q->roles.v[i].tok_end] = 0;
	}
	for (size_t i = 0; i < q->verbs.n; i++)
		q->verb_at[q->verbs.v[i].tok_begin] = 0;
	for (size_t i = 0; i < q->nments; i++) {
		q->ment_start[q->ments[i].tb] = 0;
		q->ment_end[q->ments[i].te - 1] = 0;
	}
	q->names.n = q->roles.n = q->verbs.n = q->nments = 0;
}

int slant_quotes_extract(struct slant_quotes *q, const struct slant_doc *d, const char *text,
			 const struct slant_quote_conf *conf, struct slant_err *err)
{
	static const struct slant_quote_conf none = { NULL };
	int ret;

	q->d = d;
	q->text = text;
	q->conf = conf ? conf : &none;
	q->toks = slant_doc_tokens(d, &q->ntoks);
	q->thash = slant_doc_hashes(d);
	q->normbuf = slant_doc_norm_data(d);
	q->sents = slant_doc_sentences(d, &q->nsents);
	q->nquotes = q->nspeakers = q->nments = q->nents = 0;
	slant_buf_reset(&q->names_buf);
	if (grow_tokens(q, q->ntoks + 1))
		return slant_fail_oom(err);
	size_t bytes = (q->ntoks + 1) * sizeof(uint32_t);
	memset(q->tokinfo, 0, bytes);
	memset(q->wmask, 0xFF, bytes); /* find_marks() asks about words too */
	q->wmask[q->ntoks] = 0;
	if ((ret = find_marks(q)))
		goto fail;
	if (!q->nquotes)
		return 0; /* nobody to attribute anything to */
	memset(q->sent_of, 0, bytes);
	memset(q->shead, 0xFF, sizeof(q->shead));
	/* mentions after the last quotation's paragraph can attribute nothing */
	{
		size_t np;
		const struct slant_paragraph *paras = slant_doc_paragraphs(d, &np);
		const struct slant_quote *last = &q->quotes[q->nquotes - 1];
		q->scan_end = paras[last->para].tok_end;
		/* and a line after it, which may credit it (credit_lines()) */
		if (last->para + 1 < np && paras[last->para + 1].tok_begin < paras[last->para + 1].tok_end)
			q->scan_end = paras[last->para + 1].tok_begin +
				      (paras[last->para + 1].tok_end - paras[last->para + 1].tok_begin < 18 ?
					       paras[last->para + 1].tok_end - paras[last->para + 1].tok_begin : 18);
		for (size_t i = 0; i < q->nquotes; i++) /* an outer quotation may end later */
			if (q->quotes[i].tok_end + 1 > q->scan_end)
				q->scan_end = q->quotes[i].tok_end + 1 < q->ntoks ? q->quotes[i].tok_end + 1 : (uint32_t)q->ntoks;
	}
	if ((ret = find_mentions(q)))
		goto fail;
	/* mentions come nearly in order: sort only when one is out of place */
	for (size_t i = 1; i < q->nments; i++)
		if (q->ments[i].tb < q->ments[i - 1].tb) {
			qsort(q->ments, q->nments, sizeof(*q->ments), cmp_mention);
			break;
		}
	for (size_t i = 0; i < q->nments; i++) {
		q->ment_start[q->ments[i].tb] = (uint32_t)i + 1;
		q->ment_end[q->ments[i].te - 1] = (uint32_t)i + 1;
	}
	if ((ret = resolve_pronouns(q)) || (ret = attribute(q)) || (ret = make_speakers(q)))
		goto fail;
	clear_sparse(q);
	return 0;
fail:
	clear_sparse(q);
	q->nquotes = q->nspeakers = 0;
	return ret == SLANT_ENOMEM ? slant_fail_oom(err) : ret;
}
