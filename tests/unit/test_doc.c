/* test_doc.c - tokens, sentences, paragraphs, repair and offsets. */
#include "test.h"
#include "text/doc.h"

struct fixture {
	struct slant_doc *d;
	const char *text;
};

static struct slant_doc *analyze(const char *text, const char *title,
				 const struct slant_doc_opts *o)
{
	static struct slant_doc *d;
	struct slant_err err;

	if (!d)
		d = slant_doc_new();
	slant_err_clear(&err);
	assert_int_equal(slant_doc_analyze(d, text, strlen(text), title, o, &err), 0);
	return d;
}

/* The original text of token i. */
static const char *tok_text(const struct slant_doc *d, const char *text, size_t i)
{
	static char buf[256];
	size_t n;
	const struct slant_token *t = slant_doc_tokens(d, &n);

	assert_true(i < n);
	snprintf(buf, sizeof(buf), "%.*s", (int)(t[i].end - t[i].start), text + t[i].start);
	return buf;
}

static void expect_tokens(const char *text, const char *const *want, const int *kinds)
{
	const struct slant_doc *d = analyze(text, NULL, NULL);
	size_t n, i;
	const struct slant_token *t = slant_doc_tokens(d, &n);

	for (i = 0; want[i]; i++) {
		if (i >= n)
			fail_msg("only %zu tokens, wanted '%s'", n, want[i]);
		if (strcmp(tok_text(d, text, i), want[i]))
			fail_msg("token %zu is '%s', wanted '%s'", i, tok_text(d, text, i), want[i]);
		if (kinds && kinds[i] && t[i].kind != kinds[i])
			fail_msg("token %zu '%s' has kind %d, wanted %d", i, want[i], t[i].kind,
				 kinds[i]);
	}
	assert_int_equal(n, i);
}

enum { W = SLANT_TOK_WORD, N = SLANT_TOK_NUMBER, Q = SLANT_TOK_QUOTE, P = SLANT_TOK_PUNCT,
       S = SLANT_TOK_SYMBOL };

static void test_words_numbers_and_punctuation(void **state)
{
	static const char *const want[] = { "Don't", "stop", "—", "O’Brien's", "well-known",
					    "firm", "paid", "$", "1,200", "(", "25%", ")", "and",
					    "3.5", "times", "...", NULL };
	static const int kinds[] = { W, W, P, W, W, W, W, S, N, P, N, P, W, N, W, P };

	(void)state;
	expect_tokens("Don't stop—O’Brien's well-known firm paid $1,200 (25%) and 3.5 times...",
		      want, kinds);
}

static void test_quotation_marks_are_tokens(void **state)
{
	static const char *const want[] = { "“", "Hi", ",", "”", "she", "said", ";", "'", "x", "'",
					    "«", "y", "»", "„", "z", "“", "\"", "w", "\"", NULL };
	static const int kinds[] = { Q, W, P, Q, W, W, P, Q, W, Q, Q, W, Q, Q, W, Q, Q, W, Q };

	(void)state;
	expect_tokens("“Hi,” she said; 'x' «y» „z“ \"w\"", want, kinds);
}

static void test_apostrophes(void **state)
{
	/* inside a word it belongs to the word; after a plural it stands alone */
	static const char *const want[] = { "Illinois", "’", "governor", "can’t", "’", "90s",
					    NULL };
	static const int kinds[] = { W, Q, W, W, Q, W };

	(void)state;
	expect_tokens("Illinois’ governor can’t ’90s", want, kinds);
}

static void test_abbreviations_and_hosts(void **state)
{
	static const char *const want[] = { "U.S.", "Ph.D.", "a.m.", "time.com", "v1.2", "COVID-19",
					    "5th", "pro–immigration", "–", "x", NULL };
	static const int kinds[] = { W, W, W, W, W, W, W, W, P, W };

	(void)state;
	expect_tokens("U.S. Ph.D. a.m. time.com v1.2 COVID-19 5th pro–immigration – x", want, kinds);
}

static void test_case_flags_and_norm(void **state)
{
	const char *text = "CAFÉ Café café Ｆｕｌｌ ﬁne Don’t";
	const struct slant_doc *d = analyze(text, NULL, NULL);
	size_t n;
	const struct slant_token *t = slant_doc_tokens(d, &n);

	(void)state;
	assert_int_equal(n, 6);
	assert_true(t[0].flags & SLANT_TOKF_UPPER);
	assert_true(t[0].flags & SLANT_TOKF_CAP);
	assert_true(t[1].flags & SLANT_TOKF_CAP);
	assert_false(t[1].flags & SLANT_TOKF_UPPER);
	assert_false(t[2].flags & (SLANT_TOKF_CAP | SLANT_TOKF_UPPER));
	assert_string_equal(slant_doc_norm(d, &t[0]), "café");
	assert_string_equal(slant_doc_norm(d, &t[1]), "café");
	assert_string_equal(slant_doc_norm(d, &t[3]), "full");
	assert_string_equal(slant_doc_norm(d, &t[4]), "fine");
	assert_string_equal(slant_doc_norm(d, &t[5]), "don't");
	assert_int_equal(t[5].norm_len, 5);
	assert_int_equal(slant_doc_words(d), 6);
}

/* Splits `text` and compares the sentences' original text with `want`. */
static void expect_sentences(const char *text, const char *const *want)
{
	const struct slant_doc *d = analyze(text, NULL, NULL);
	size_t n, i;
	const struct slant_sentence *s = slant_doc_sentences(d, &n);

	for (i = 0; want[i]; i++) {
		char got[512];
		if (i >= n)
			fail_msg("only %zu sentences, wanted '%s'", n, want[i]);
		snprintf(got, sizeof(got), "%.*s", (int)(s[i].end - s[i].start), text + s[i].start);
		if (strcmp(got, want[i]))
			fail_msg("sentence %zu is '%s', wanted '%s'", i, got, want[i]);
	}
	if (n != i)
		fail_msg("%zu sentences, wanted %zu", n, i);
}

static void test_sentences_and_abbreviations(void **state)
{
	static const char *const a[] = {
		"Gov. Whitcomb met Sen. Dunmore, Mr. Sturgis and Dr. Nandakumar on Jan. 5 at "
		"St. Brigid's in the U.S. Capitol.",
		"They talked.", NULL
	};
	static const char *const b[] = { "He lives in the U.S.", "The rest stayed home.", NULL };
	static const char *const c[] = { "It ended at 5 p.m. Thursday, e.g. the vote.", NULL };
	static const char *const dd[] = { "Wait... and then it rained!", "Really?", "Yes.", NULL };
	static const char *const e[] = { "Apple Inc. makes phones.", "Apple Inc.", "The firm grew.",
					 NULL };

	(void)state;
	expect_sentences("Gov. Whitcomb met Sen. Dunmore, Mr. Sturgis and Dr. Nandakumar on Jan. 5 "
			 "at St. Brigid's in the U.S. Capitol. They talked.", a);
	expect_sentences("He lives in the U.S. The rest stayed home.", b);
	expect_sentences("It ended at 5 p.m. Thursday, e.g. the vote.", c);
	expect_sentences("Wait... and then it rained! Really? Yes.", dd);
	expect_sentences("Apple Inc. makes phones. Apple Inc. The firm grew.", e);
}

static void test_sentences_and_initials(void **state)
{
	static const char *const a[] = { "J.B. Pritzker spoke.", "J. R. Halloway and JR Smith did too.",
					 NULL };

	(void)state;
	expect_sentences("J.B. Pritzker spoke. J. R. Halloway and JR Smith did too.", a);
}

static void test_sentences_and_quotes(void **state)
{
	static const char *const a[] = { "“We will win.”", "The mayor left.", NULL };
	static const char *const b[] = { "“Why?” she asked.", NULL };
	static const char *const c[] = { "He said, \"Go.\"", "Then he left.", NULL };
	static const char *const dd[] = { "She said it was “over.”", "(He disagreed.)", NULL };
	static const char *const e[] = { "“It is the end. ”", "She left.", NULL };

	(void)state;
	expect_sentences("“We will win.” The mayor left.", a);
	expect_sentences("“Why?” she asked.", b);
	expect_sentences("He said, \"Go.\" Then he left.", c);
	expect_sentences("She said it was “over.” (He disagreed.)", dd);
	expect_sentences("“It is the end. ” She left.", e);
}

static void test_paragraphs(void **state)
{
	const char *text = "First para line one\nline two.\n\n\nSecond para.\r\n\r\nThird.";
	const struct slant_doc *d = analyze(text, NULL, NULL);
	size_t n, ns;
	const struct slant_paragraph *p = slant_doc_paragraphs(d, &n);

	(void)state;
	slant_doc_sentences(d, &ns);
	assert_int_equal(n, 3);
	assert_int_equal(ns, 3);
	assert_int_equal(p[0].start, 0);
	assert_memory_equal(text + p[1].start, "Second para.", 12);
	assert_int_equal(p[1].end - p[1].start, 12);
	assert_int_equal(p[2].sent_begin, 2);
	assert_int_equal(p[2].sent_end, 3);
	/* without blank lines, each line is a paragraph; blank lines before or after do not count */
	d = analyze("One.\nTwo.\nThree.\n", NULL, NULL);
	slant_doc_paragraphs(d, &n);
	assert_int_equal(n, 3);
	d = analyze("\nOne.\nTwo.\nThree.\n\n\n", NULL, NULL);
	slant_doc_paragraphs(d, &n);
	assert_int_equal(n, 3);
}

static void test_broken_paragraph_is_joined(void **state)
{
	const char *text = "Later the mayor flew in to\n\nmeet the organisers at the hall. Then she left.";
	struct slant_doc_opts o = { NULL, SLANT_DOC_NO_REPAIR };
	const struct slant_doc *d;
	size_t n, ns;
	const struct slant_paragraph *p;
	const struct slant_sentence *s;
	struct slant_buf b;

	(void)state;
	d = analyze(text, NULL, NULL);
	p = slant_doc_paragraphs(d, &n);
	s = slant_doc_sentences(d, &ns);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].joined, 1);
	assert_int_equal(ns, 2);
	slant_buf_init(&b, 0);
	assert_int_equal(slant_doc_span_text(d, text, s[0].start, s[0].end, &b), 0);
	assert_string_equal(b.data, "Later the mayor flew in to meet the organisers at the hall.");
	slant_buf_release(&b);

	d = analyze(text, NULL, &o);
	slant_doc_paragraphs(d, &n);
	assert_int_equal(n, 2);

	/* not joined: a full stop before, or a capital after */
	d = analyze("It ended.\n\nthen more.", NULL, NULL);
	slant_doc_paragraphs(d, &n);
	assert_int_equal(n, 2);
	d = analyze("It began.\n\nChicago Tonight\n\nThe show.", NULL, NULL);
	slant_doc_paragraphs(d, &n);
	assert_int_equal(n, 3);
}

static void test_join_across_stripped_line(void **state)
{
	const char pats[] = "pattern\tkind\twhere\nadvertisement\tad\tany\n";
	struct slant_err err;
	struct slant_boiler *bp = slant_boiler_parse(pats, sizeof(pats) - 1, "p", &err);
	struct slant_doc_opts o = { bp, 0 };
	const char *text = "The story begins here and goes on.\n\nThe agents moved from one block to\n\n"
			   "ADVERTISEMENT\n\nthe next one before dawn.\n\nIt ends.";
	const struct slant_doc *d;
	size_t n, nr, ns;
	const struct slant_paragraph *p;
	const struct slant_strip *r;
	const struct slant_sentence *s;
	struct slant_buf b;

	(void)state;
	assert_non_null(bp);
	d = analyze(text, NULL, &o);
	p = slant_doc_paragraphs(d, &n);
	r = slant_doc_stripped(d, &nr);
	s = slant_doc_sentences(d, &ns);
	assert_int_equal(nr, 1);
	assert_string_equal(r[0].kind, "ad");
	assert_int_equal(r[0].zone, SLANT_ZONE_BODY);
	assert_memory_equal(text + r[0].start, "ADVERTISEMENT", 13);
	assert_int_equal(n, 3);
	assert_int_equal(p[1].joined, 1);
	slant_buf_init(&b, 0);
	assert_int_equal(slant_doc_span_text(d, text, s[1].start, s[1].end, &b), 0);
	assert_string_equal(b.data, "The agents moved from one block to the next one before dawn.");
	slant_buf_release(&b);
	/* no token comes from the stripped line */
	size_t nt;
	const struct slant_token *t = slant_doc_tokens(d, &nt);
	for (size_t i = 0; i < nt; i++)
		assert_false(t[i].start >= r[0].start && t[i].start < r[0].end);
	slant_boiler_free(bp);
}

static void test_offsets_are_original_bytes(void **state)
{
	const char *text = "  Café “naïve” — résumé’s end.";
	const struct slant_doc *d = analyze(text, NULL, NULL);
	size_t n;
	const struct slant_token *t = slant_doc_tokens(d, &n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		assert_true(t[i].start < t[i].end);
		assert_true(t[i].end <= strlen(text));
		if (i)
			assert_true(t[i].start >= t[i - 1].end);
	}
	assert_string_equal(tok_text(d, text, 0), "Café");
	assert_int_equal(t[0].start, 2);
	assert_string_equal(tok_text(d, text, 2), "naïve");
	assert_string_equal(tok_text(d, text, 5), "résumé’s");
	assert_string_equal(slant_doc_norm(d, &t[5]), "résumé's");
	assert_true(t[0].flags & SLANT_TOKF_SPACE_BEFORE);
	assert_false(t[2].flags & SLANT_TOKF_SPACE_BEFORE);
}

static void test_empty_and_blank(void **state)
{
	const struct slant_doc *d;
	size_t n;

	(void)state;
	d = analyze("", NULL, NULL);
	slant_doc_tokens(d, &n);
	assert_int_equal(n, 0);
	slant_doc_paragraphs(d, &n);
	assert_int_equal(n, 0);
	d = analyze("\n\n  \n\xC2\xA0\n", NULL, NULL);
	slant_doc_paragraphs(d, &n);
	assert_int_equal(n, 0);
}

/*
 * Each token's hashes are slant_text_hash() and slant_text_word_hash() of its normalised text:
 * ASCII words of every length around the eight-byte steps, upper case, words ending the text
 * (where the analyser may not read eight bytes ahead), and words normalised the slow way.
 */
static void test_token_hashes(void **state)
{
	static const char *const texts[] = {
		"A an The ABOUT Mixed ABCDEFG abcdefgh ABCDEFGHI Sixteen-Letters Seventeen-Letters1 "
		"immigration-enforcement's x",
		"Straße Ｆｕｌｌｗｉｄｔｈ Café naïve — “quoted” 1,200 25% U.S. ph.d. time.com",
		"ends-with-a-long-word-here",
		"Z",
	};
	struct slant_doc *d = slant_doc_new();
	struct slant_err err;
	size_t n;

	(void)state;
	for (size_t k = 0; k < SLANT_ARRAY_SIZE(texts); k++) {
		/* a copy of exactly the text's length, so reading past it is caught by ASan */
		size_t len = strlen(texts[k]);
		char *text = malloc(len);
		memcpy(text, texts[k], len);
		assert_int_equal(slant_doc_analyze(d, text, len, NULL, NULL, &err), 0);
		const struct slant_token *t = slant_doc_tokens(d, &n);
		const uint64_t *h = slant_doc_hashes(d), *wh = slant_doc_word_hashes(d);
		assert_true(n > 0);
		for (size_t i = 0; i < n; i++) {
			const char *norm = slant_doc_norm(d, &t[i]);
			assert_int_equal(strlen(norm), t[i].norm_len);
			assert_true(h[i] == slant_text_hash(norm, t[i].norm_len));
			assert_true(wh[i] == slant_text_word_hash(norm, t[i].norm_len));
		}
		free(text);
	}
	/* equal texts, equal hashes; the case is folded first */
	const char *same = "Border border BORDER borders";
	assert_int_equal(slant_doc_analyze(d, same, strlen(same), NULL, NULL, &err), 0);
	const uint64_t *h = slant_doc_hashes(d), *wh = slant_doc_word_hashes(d);
	assert_true(h[0] == h[1] && h[1] == h[2] && h[2] != h[3]);
	assert_true(wh[0] == wh[1] && wh[1] == wh[2] && wh[2] != wh[3]);
	slant_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_numbers_and_punctuation),
		cmocka_unit_test(test_token_hashes),
		cmocka_unit_test(test_quotation_marks_are_tokens),
		cmocka_unit_test(test_apostrophes),
		cmocka_unit_test(test_abbreviations_and_hosts),
		cmocka_unit_test(test_case_flags_and_norm),
		cmocka_unit_test(test_sentences_and_abbreviations),
		cmocka_unit_test(test_sentences_and_initials),
		cmocka_unit_test(test_sentences_and_quotes),
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_broken_paragraph_is_joined),
		cmocka_unit_test(test_join_across_stripped_line),
		cmocka_unit_test(test_offsets_are_original_bytes),
		cmocka_unit_test(test_empty_and_blank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
