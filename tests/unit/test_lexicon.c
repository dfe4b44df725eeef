/* test_lexicon.c - lexicon files (TSV and .dic), their errors, and matching. */
#include "test.h"
#include "internal.h"

static const char tsv[] =
	"# a test lexicon\n"
	"term\tcategory\tlean\tweight\tnote\n"
	"illegal alien*\tlabel-person\t0.9\t2\tright-coded\n"
	"illegal\tlegality\t0.1\t1\t\n"
	"undocumented immigrants\tlabel-person\t-0.6\t1\tleft-coded\n"
	"deport*\tlabel-enforcement\t0.2\t1\tprefix\n"
	"deportation force\tlabel-enforcement\t0.5\t1\tlonger than deport*\n"
	"raid*\tlabel-enforcement\t-0.5\t1\t\n"
	"so-called\thedge\t0\t1\tscare marker\n"
	"pro-immigration\tlabel-policy\t-0.3\t1\t\n"
	"don't\ttest\t0\t1\tapostrophe\n"
	"according to\tattribution\t0\t1\t\n";

static struct slant_lexicon *load(const char *data, const char *name)
{
	struct slant_lexicon *lx = slant_lexicon_new();
	struct slant_err err;

	slant_err_clear(&err);
	if (slant_lexicon_parse(lx, data, strlen(data), name, SLANT_LEXICON_AUTO, &err))
		fail_msg("%s:%ld: %s", err.file, err.line, err.msg);
	return lx;
}

struct found {
	size_t n;
	char text[16][64];
	char term[16][64];
	char cat[16][32];
	size_t entries[16];
};

static void match(const struct slant_lexicon *lx, const char *text, struct found *f)
{
	static struct slant_doc *d;
	struct slant_doc_opts o = { NULL, SLANT_DOC_NO_STRIP };
	struct slant_matches m = { NULL, 0, 0 };
	struct slant_err err;

	if (!d)
		d = slant_doc_new();
	assert_int_equal(slant_doc_analyze(d, text, strlen(text), NULL, &o, &err), 0);
	assert_int_equal(slant_lexicon_match(lx, d, &m, &err), 0);
	assert_true(m.n <= 16);
	f->n = m.n;
	for (size_t i = 0; i < m.n; i++) {
		const struct slant_lexentry *e = slant_lexicon_entry(lx, m.v[i].entry);
		snprintf(f->text[i], 64, "%.*s", (int)(m.v[i].end - m.v[i].start), text + m.v[i].start);
		snprintf(f->term[i], 64, "%s", e->term);
		snprintf(f->cat[i], 32, "%s", slant_lexicon_category(lx, e->category));
		f->entries[i] = 0;
		for (uint32_t k = m.v[i].entry; k != UINT32_MAX; k = slant_lexicon_entry(lx, k)->next)
			f->entries[i]++;
		if (i)
			assert_true(m.v[i].start >= m.v[i - 1].end); /* no overlaps, in order */
	}
	free(m.v);
}

static void test_tsv_terms(void **state)
{
	struct slant_lexicon *lx = load(tsv, "t.tsv");
	const struct slant_lexentry *e;

	(void)state;
	assert_int_equal(slant_lexicon_size(lx), 10);
	e = slant_lexicon_entry(lx, 0);
	assert_string_equal(e->term, "illegal alien*");
	assert_near(e->lean, 0.9, 1e-12);
	assert_near(e->weight, 2, 1e-12);
	assert_string_equal(e->note, "right-coded");
	assert_string_equal(e->source, "t.tsv");
	assert_int_equal(e->line, 3);
	assert_string_equal(slant_lexicon_category(lx, e->category), "label-person");
	assert_int_equal(slant_lexicon_ncategories(lx), 7);
	slant_lexicon_free(lx);
}

static void test_longest_match_and_prefixes(void **state)
{
	struct slant_lexicon *lx = load(tsv, "t.tsv");
	struct found f;

	(void)state;
	match(lx, "the deportation force's budget", &f); /* exact words, then a possessive */
	assert_int_equal(f.n, 1);
	assert_string_equal(f.text[0], "deportation force's");
	match(lx, "Agents arrested Illegal Aliens, not illegal immigrants, in raids.", &f);
	assert_int_equal(f.n, 3);
	assert_string_equal(f.text[0], "Illegal Aliens");
	assert_string_equal(f.term[0], "illegal alien*");
	assert_string_equal(f.text[1], "illegal"); /* "illegal immigrants" is no term: the word is */
	assert_string_equal(f.cat[1], "legality");
	assert_string_equal(f.text[2], "raids");
	/* the whole word beats the prefix, the longer term beats both */
	match(lx, "a deportation force deported them", &f);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.text[0], "deportation force");
	assert_string_equal(f.text[1], "deported");
	assert_string_equal(f.term[1], "deport*");
	/* a prefix takes a possessive in; a term with the apostrophe still matches whole */
	match(lx, "The crackdown's toll: illegal alien's rights", &f);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.text[0], "illegal alien's");
	match(lx, "don't", &f);
	assert_int_equal(f.n, 1);
	/* a prefix needs the whole prefix: "depo" is not "deport" */
	match(lx, "the depot", &f);
	assert_int_equal(f.n, 0);
	slant_lexicon_free(lx);
}

static void test_variants_of_apostrophes_hyphens_and_quotes(void **state)
{
	struct slant_lexicon *lx = load(tsv, "t.tsv");
	struct found f;

	(void)state;
	match(lx, "DON’T say pro‐immigration or pro–immigration; ACCORDING TO them, "
		  "so‑called “raids” happened", &f);
	assert_int_equal(f.n, 6);
	assert_string_equal(f.text[0], "DON’T");
	assert_string_equal(f.text[1], "pro‐immigration");
	assert_string_equal(f.text[2], "pro–immigration");
	assert_string_equal(f.text[3], "ACCORDING TO");
	assert_string_equal(f.text[4], "so‑called");
	assert_string_equal(f.text[5], "raids");
	/* punctuation breaks a term; a quotation mark does not */
	match(lx, "undocumented, immigrants and undocumented “immigrants”", &f);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.text[0], "undocumented “immigrants");
	slant_lexicon_free(lx);
}

static void test_offsets(void **state)
{
	struct slant_lexicon *lx = load(tsv, "t.tsv");
	static struct slant_doc *d;
	struct slant_matches m = { NULL, 0, 0 };
	struct slant_err err;
	const char *text = "Café — illegal aliens.";

	(void)state;
	d = slant_doc_new();
	assert_int_equal(slant_doc_analyze(d, text, strlen(text), NULL, NULL, &err), 0);
	assert_int_equal(slant_lexicon_match(lx, d, &m, &err), 0);
	assert_int_equal(m.n, 1);
	assert_int_equal(m.v[0].start, 10); /* "Café" is 5 bytes, the em dash 3 */
	assert_int_equal(m.v[0].end, 24);
	assert_int_equal(m.v[0].tok_begin, 2);
	assert_int_equal(m.v[0].tok_end, 4);
	free(m.v);
	slant_doc_free(d);
	slant_lexicon_free(lx);
}

static void test_same_term_in_two_files(void **state)
{
	struct slant_lexicon *lx = load(tsv, "t.tsv");
	struct slant_err err;
	struct found f;
	const char other[] = "term\tcategory\tlean\tweight\tnote\nRaid*\tcrime\t0\t1\tx\n";

	(void)state;
	assert_int_equal(slant_lexicon_parse(lx, other, sizeof(other) - 1, "o.tsv",
					     SLANT_LEXICON_TSV, &err), 0);
	match(lx, "a raid", &f);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.entries[0], 2); /* both categories */
	slant_lexicon_free(lx);
}

static void test_prefixes_in_words_and_deep(void **state)
{
	static const char more[] =
		"term\tcategory\tlean\tweight\tnote\n"
		"anti-*\tstance\t\t\tempty lean and weight: 0 and 1\n"
		"o'*\tname\t0\t1\t\n"
		"women's march\tevent\t0\t1\t\n"
		"women\tperson\t0\t1\t\n"
		"mass de*\tdeep\t0\t1\ta short prefix under a word\n"
		"mass deportation campaign*\tdeep\t0\t1\ta long one\n"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa*\tlong\t0\t1\t\n";
	struct slant_lexicon *lx = load(more, "m.tsv");
	struct found f;
	const struct slant_lexentry *e = slant_lexicon_entry(lx, 0);

	(void)state;
	assert_string_equal(e->term, "anti-*");
	assert_near(e->lean, 0, 1e-12);
	assert_near(e->weight, 1, 1e-12);
	match(lx, "anti-immigrant O'Brien Obama open", &f);
	assert_int_equal(f.n, 2); /* "o'*" is not "o*" */
	assert_string_equal(f.text[0], "anti-immigrant");
	assert_string_equal(f.text[1], "O'Brien");
	/* the possessive ends the shorter term though a longer one starts with it */
	match(lx, "women's rights and the women's march", &f);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.text[0], "women's");
	assert_string_equal(f.cat[0], "person");
	assert_string_equal(f.text[1], "women's march");
	match(lx, "mass demonstrations, a mass deportation campaigns", &f);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.text[0], "mass demonstrations");
	assert_string_equal(f.text[1], "mass deportation campaigns");
	match(lx, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", &f);
	assert_int_equal(f.n, 1);
	slant_lexicon_free(lx);
}

static void test_dic(void **state)
{
	static const char dic[] =
		"\xEF\xBB\xBF%\r\n"
		"1\tcare.virtue\tCare: words of care\r\n"
		"2\tharm.vice\n"
		"%\n"
		"safe*\t1\n"
		"kill\t2\n"
		"hurt*\t2\t1\n"
		"look after\t1\n";
	struct slant_lexicon *lx = load(dic, "mfd.dic");
	struct found f;

	(void)state;
	assert_int_equal(slant_lexicon_size(lx), 5);
	assert_int_equal(slant_lexicon_ncategories(lx), 2);
	match(lx, "Safety first: they hurt nobody and look after kids; killers kill.", &f);
	assert_int_equal(f.n, 4);
	assert_string_equal(f.cat[0], "care.virtue");
	assert_string_equal(f.text[1], "hurt");
	assert_int_equal(f.entries[1], 2);
	assert_string_equal(f.text[2], "look after");
	assert_string_equal(f.text[3], "kill");
	slant_lexicon_free(lx);
}

static void expect_error(const char *data, const char *name, long line, const char *part)
{
	struct slant_lexicon *lx = slant_lexicon_new();
	struct slant_err err;

	slant_err_clear(&err);
	assert_int_equal(slant_lexicon_parse(lx, data, strlen(data), name, SLANT_LEXICON_AUTO,
					     &err), SLANT_EDATA);
	assert_string_equal(err.file, name);
	if (err.line != line)
		fail_msg("line %ld, wanted %ld (%s)", err.line, line, err.msg);
	if (!strstr(err.msg, part))
		fail_msg("message '%s' lacks '%s'", err.msg, part);
	slant_lexicon_free(lx);
}

static void test_errors_name_file_and_line(void **state)
{
	static const char head[] = "term\tcategory\tlean\tweight\tnote\n";
	char buf[256];

	(void)state;
	expect_error("term\tcat\n", "a.tsv", 1, "expected the header");
	expect_error("", "a.tsv", 1, "missing header");
	snprintf(buf, sizeof(buf), "%sraid\tx\t0\n", head);
	expect_error(buf, "a.tsv", 2, "5 tab-separated fields");
	snprintf(buf, sizeof(buf), "%sraid\tx\t2\t1\t\n", head);
	expect_error(buf, "a.tsv", 2, "lean must be");
	snprintf(buf, sizeof(buf), "%sraid\tx\tleft\t1\t\n", head);
	expect_error(buf, "a.tsv", 2, "lean must be");
	snprintf(buf, sizeof(buf), "%sraid\tx\t0\t0\t\n", head);
	expect_error(buf, "a.tsv", 2, "weight must be");
	snprintf(buf, sizeof(buf), "%sra*id\tx\t0\t1\t\n", head);
	expect_error(buf, "a.tsv", 2, "'*' may only end");
	snprintf(buf, sizeof(buf), "%s\tx\t0\t1\t\n", head);
	expect_error(buf, "a.tsv", 2, "missing term");
	snprintf(buf, sizeof(buf), "%s#c\nRaid\tx\t0\t1\t\nraid\tx\t0.5\t1\t\n", head);
	expect_error(buf, "a.tsv", 4, "duplicate term 'raid' (first at line 3)");
	expect_error("%\n1\tcare\n%\nsafe\t3\n", "m.dic", 4, "unknown category 3");
	expect_error("%\n1\tcare\n%\nsafe\n", "m.dic", 4, "without a category");
	expect_error("1\tcare\n", "m.dic", 1, "expected '%'");
	expect_error("%\n1\tcare\n", "m.dic", 2, "two '%' lines");
	expect_error("%\nx\n%\n", "m.dic", 2, "category number and name");
	expect_error("%\n1\tcare\n1\tharm\n%\n", "m.dic", 3, "defined twice");
	snprintf(buf, sizeof(buf), "%sraid\tx\tnan\t1\t\n", head);
	expect_error(buf, "a.tsv", 2, "lean must be");
	snprintf(buf, sizeof(buf), "%sraid\tx\t 0.5\t1\t\n", head);
	expect_error(buf, "a.tsv", 2, "lean must be");
	snprintf(buf, sizeof(buf), "%sraid\tx\t0\tinf\t\n", head);
	expect_error(buf, "a.tsv", 2, "weight must be");
	snprintf(buf, sizeof(buf), "%santi- *\tx\t0\t1\t\n", head);
	expect_error(buf, "a.tsv", 2, "'*' must follow a word");
}

static void test_load_file(void **state)
{
	char *dir = make_tmpdir();
	char *path = write_str(dir, "l.tsv", tsv);
	struct slant_lexicon *lx = slant_lexicon_new();
	struct slant_err err;

	(void)state;
	assert_int_equal(slant_lexicon_load(lx, path, SLANT_LEXICON_AUTO, &err), 0);
	assert_int_equal(slant_lexicon_size(lx), 10);
	assert_int_equal(slant_lexicon_load(lx, "/nonexistent/l.tsv", 0, &err), SLANT_EIO);
	slant_lexicon_free(lx);
	free(path);
	rm_tree(dir);
}

/* Skipped runs and the end: no term starts in them or goes across them; capitalised-only terms. */
static void test_match_where_and_caps(void **state)
{
	static const char verbs[] = "term\tcategory\tlean\tweight\tnote\n"
				    "according to\tv\t0\t1\t\n"
				    "said\tv\t0\t1\t\n";
	static const char names[] = "term\tcategory\tlean\tweight\tnote\n"
				    "will hurd\tname\t0\t1\t\n";
	const char *text = "He said according to them, “according” to Will Hurd, and will hurd said.";
	struct slant_lexicon *lx = slant_lexicon_new();
	struct slant_doc *d = slant_doc_new();
	struct slant_matches m = { 0 };
	struct slant_err err;
	size_t ntok;

	(void)state;
	assert_int_equal(slant_lexicon_parse(lx, verbs, strlen(verbs), "v", SLANT_LEXICON_TSV, &err), 0);
	slant_lexicon_caps_only(lx, true);
	assert_int_equal(slant_lexicon_parse(lx, names, strlen(names), "n", SLANT_LEXICON_TSV, &err), 0);
	slant_lexicon_caps_only(lx, false);
	assert_int_equal(slant_doc_analyze(d, text, strlen(text), NULL, NULL, &err), 0);
	const struct slant_token *toks = slant_doc_tokens(d, &ntok);
	/* skip the quotation (its marks and word) */
	uint32_t *skip = calloc(ntok + 1, sizeof(*skip));
	for (size_t i = 0; i < ntok; i++)
		if (toks[i].start >= (uint32_t)(strstr(text, "“") - text) &&
		    toks[i].end <= (uint32_t)(strstr(text, " to Will") - text))
			skip[i] = 1;
	assert_int_equal(slant_lexicon_match_where(lx, d, ntok, skip, 1, &m, &err), 0);
	/* said, according to (the first), Will Hurd, said: not "according” to" across the
	 * skipped run, not the lower-case "will hurd" */
	assert_int_equal(m.n, 4);
	assert_int_equal(m.v[0].start, strstr(text, "said") - text);
	assert_int_equal(m.v[1].start, strstr(text, "according to them") - text);
	assert_int_equal(m.v[2].start, strstr(text, "Will Hurd") - text);
	assert_int_equal(m.v[3].start, strstr(text, "said.") - text);
	/* and nothing from `end` on */
	m.n = 0;
	assert_int_equal(slant_lexicon_match_where(lx, d, 2, NULL, 0, &m, &err), 0);
	assert_int_equal(m.n, 1);
	free(skip);
	free(m.v);
	slant_doc_free(d);
	slant_lexicon_free(lx);
}

/*
 * A capitalised-only term whose first word also starts another term: a lower-case start
 * walks into it (the trie is shared) but never ends there, so "the state department" is
 * the role word "state", whichever bits the words hash to.
 */
static void test_caps_only_shared_start(void **state)
{
	static const char roles[] = "term\tcategory\tlean\tweight\tnote\n"
				    "state\trole\t0\t1\t\n"
				    "citizen\trole\t0\t1\t\n";
	static const char names[] = "term\tcategory\tlean\tweight\tnote\n"
				    "state department\tname\t0\t1\t\n"
				    "public citizen\tname\t0\t1\t\n";
	const char *text = "The state department and the State Department; a public citizen, "
			   "Public Citizen.";
	struct slant_lexicon *lx = slant_lexicon_new();
	struct slant_doc *d = slant_doc_new();
	struct slant_matches m = { 0 };
	struct slant_err err;

	(void)state;
	assert_int_equal(slant_lexicon_parse(lx, roles, strlen(roles), "r", SLANT_LEXICON_TSV, &err), 0);
	slant_lexicon_caps_only(lx, true);
	assert_int_equal(slant_lexicon_parse(lx, names, strlen(names), "n", SLANT_LEXICON_TSV, &err), 0);
	slant_lexicon_caps_only(lx, false);
	assert_int_equal(slant_doc_analyze(d, text, strlen(text), NULL, NULL, &err), 0);
	assert_int_equal(slant_lexicon_match(lx, d, &m, &err), 0);
	assert_int_equal(m.n, 4);
	assert_int_equal(m.v[0].start, strstr(text, "state department") - text);
	assert_int_equal(m.v[0].end - m.v[0].start, strlen("state"));
	assert_int_equal(m.v[1].start, strstr(text, "State Department") - text);
	assert_int_equal(m.v[1].end - m.v[1].start, strlen("State Department"));
	/* "public" starts only the capitalised term: the walk goes on to "citizen" */
	assert_int_equal(m.v[2].start, strstr(text, "citizen,") - text);
	assert_int_equal(m.v[3].start, strstr(text, "Public Citizen") - text);
	assert_int_equal(m.v[3].end - m.v[3].start, strlen("Public Citizen"));
	free(m.v);
	slant_doc_free(d);
	slant_lexicon_free(lx);
}

/*
 * Words of eight bytes or fewer are kept inside the trie's edges, longer ones apart: both
 * match only themselves, one word after another, and a possessive still matches its word.
 */
static void test_short_and_long_words(void **state)
{
	static const char words[] = "term\tcategory\tlean\tweight\tnote\n"
				  "abcdefgh\teight\t0\t1\t\n"
				  "abcdefghi\tnine\t0\t1\t\n"
				  "enforcement surge\ttwo\t0\t1\t\n"
				  "mass deportation operations\tthree\t0\t1\t\n"
				  "sanctuary\tone\t0\t1\t\n";
	const char *text = "abcdefgh abcdefghi abcdefg abcdefghij Enforcement surge, "
			   "enforcement surges, mass deportation operations; mass deportation "
			   "operation; the sanctuary's policy";
	struct slant_lexicon *lx = slant_lexicon_new();
	struct found f;
	struct slant_err err;

	(void)state;
	assert_int_equal(slant_lexicon_parse(lx, words, strlen(words), "t", SLANT_LEXICON_TSV, &err), 0);
	static const char *const want[][2] = {
		{ "abcdefgh", "eight" }, { "abcdefghi", "nine" }, { "Enforcement surge", "two" },
		{ "mass deportation operations", "three" }, { "sanctuary's", "one" },
	};
	match(lx, text, &f);
	assert_int_equal(f.n, SLANT_ARRAY_SIZE(want));
	for (size_t i = 0; i < f.n; i++) {
		assert_string_equal(f.text[i], want[i][0]);
		assert_string_equal(f.cat[i], want[i][1]);
	}
	slant_lexicon_free(lx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_where_and_caps),
		cmocka_unit_test(test_caps_only_shared_start),
		cmocka_unit_test(test_short_and_long_words),
		cmocka_unit_test(test_tsv_terms),
		cmocka_unit_test(test_longest_match_and_prefixes),
		cmocka_unit_test(test_variants_of_apostrophes_hyphens_and_quotes),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_same_term_in_two_files),
		cmocka_unit_test(test_prefixes_in_words_and_deep),
		cmocka_unit_test(test_dic),
		cmocka_unit_test(test_errors_name_file_and_line),
		cmocka_unit_test(test_load_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
