/*
 * test_features.c - n-grams (what counts, what breaks them, what is left out), the vocabulary
 * and its idf, TF-IDF and dense scaling in vectors, and vocab.tsv written, read and refused.
 */
#include "test.h"
#include "features/features.h"

#include <stdbool.h>

/* What an article's measurement needs: a definition, scratch and a document. */
struct fixture {
	struct slant_lexicon *lx;
	struct slant_features *f;
	struct slant_featx *fx;
	struct slant_doc *d;
};

static void fixture_init(struct fixture *fx, unsigned max_n, double dense_weight,
			 const char *lex)
{
	struct slant_err err;

	memset(fx, 0, sizeof(*fx));
	if (lex) {
		fx->lx = slant_lexicon_new();
		assert_non_null(fx->lx);
		slant_err_clear(&err);
		if (slant_lexicon_parse(fx->lx, lex, strlen(lex), "lex.tsv", SLANT_LEXICON_TSV,
					&err))
			fail_msg("%s:%ld: %s", err.file, err.line, err.msg);
	}
	struct slant_features_conf fc = { fx->lx, NULL, max_n, dense_weight, 0, 0 };
	fx->f = slant_features_new(&fc);
	fx->fx = slant_featx_new();
	fx->d = slant_doc_new();
	assert_non_null(fx->f);
	assert_non_null(fx->fx);
	assert_non_null(fx->d);
}

static void fixture_release(struct fixture *fx)
{
	slant_features_free(fx->f);
	slant_featx_free(fx->fx);
	slant_doc_free(fx->d);
	slant_lexicon_free(fx->lx);
}

/* Measures one hand-made article (url and authors may be NULL) into raw, with texts. */
static void measure_full(struct fixture *fx, const char *outlet, const char *url,
			 const char *authors, const char *source_url, const char *text, int texts,
			 struct slant_featraw *raw)
{
	struct slant_doc_opts o = { NULL, SLANT_DOC_NO_STRIP };
	struct slant_field fields[2];
	struct slant_article a;
	struct slant_err err;
	size_t nf = 0;

	memset(&a, 0, sizeof(a));
	a.id = "a1";
	a.outlet = outlet;
	a.url = url;
	a.text = text;
	a.text_len = strlen(text);
	if (authors)
		fields[nf++] = (struct slant_field){ "authors", authors, strlen(authors) };
	if (source_url)
		fields[nf++] = (struct slant_field){ "source_url", source_url, strlen(source_url) };
	a.fields = nf ? fields : NULL;
	a.nfields = nf;
	slant_err_clear(&err);
	assert_int_equal(slant_doc_analyze(fx->d, text, strlen(text), NULL, &o, &err), 0);
	assert_int_equal(slant_features_measure(fx->f, fx->fx, fx->d, &a, texts, raw, &err), 0);
}

static void measure(struct fixture *fx, const char *outlet, const char *text,
		    struct slant_featraw *raw)
{
	measure_full(fx, outlet, NULL, NULL, NULL, text, 1, raw);
}

/* The count of n-gram `text` in raw (texts kept), 0 when absent. */
static uint32_t count_of(const struct slant_featraw *raw, const char *text)
{
	for (size_t i = 0; i < raw->n; i++)
		if (!strcmp(raw->strings.data + raw->text[i], text))
			return raw->count[i];
	return 0;
}

/*
 * Checks that raw holds exactly the n-grams of `want` ("text=count" each, in order of first
 * appearance), printing both sides on a mismatch.
 */
static void expect_grams(const struct slant_featraw *raw, const char *const *want, size_t n)
{
	bool ok = raw->n == n && raw->text != NULL;

	for (size_t i = 0; ok && i < n; i++) {
		char got[128];
		snprintf(got, sizeof(got), "%s=%u", raw->strings.data + raw->text[i], raw->count[i]);
		ok = !strcmp(got, want[i]);
	}
	if (!ok) {
		fprintf(stderr, "want:");
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, " [%s]", want[i]);
		fprintf(stderr, "\ngot: ");
		for (size_t i = 0; raw->text && i < raw->n; i++)
			fprintf(stderr, " [%s=%u]", raw->strings.data + raw->text[i], raw->count[i]);
		fprintf(stderr, "\n");
		fail_msg("n-grams differ");
	}
}

#define EXPECT_GRAMS(raw, ...)                                                          \
	do {                                                                            \
		static const char *const want_[] = { __VA_ARGS__ };                     \
		expect_grams((raw), want_, sizeof(want_) / sizeof(want_[0]));           \
	} while (0)

/* ------------------------------------------------------------------- n-grams */

static void test_ngrams(void **state)
{
	struct fixture fx;
	struct slant_featraw raw;

	(void)state;
	fixture_init(&fx, 2, 0, NULL);
	slant_featraw_init(&raw);
	/* case folded; "12" and "1,200" are both "#"; the quotation marks around "sat down" do not
	 * break "then sat"; the comma breaks "miles then"; the full stop breaks "sat the" */
	measure(&fx, "Example", "The cat sat. THE Cat ran 12 miles, then \"sat down\" 1,200 times!",
		&raw);
	EXPECT_GRAMS(&raw, "the=2", "cat=2", "the cat=2", "sat=2", "cat sat=1", "ran=1",
		     "cat ran=1", "#=2", "ran #=1", "miles=1", "# miles=1", "then=1", "then sat=1",
		     "down=1", "sat down=1", "down #=1", "times=1", "# times=1");
	assert_int_equal(raw.words, 13);
	assert_int_equal(count_of(&raw, "miles then"), 0);
	assert_int_equal(count_of(&raw, "sat the"), 0);

	/* curly quotes and a scare quote inside a sentence skip the same way; a colon breaks */
	measure(&fx, "Example", "They called it \xe2\x80\x9c" "amnesty\xe2\x80\x9d again: no.", &raw);
	EXPECT_GRAMS(&raw, "they=1", "called=1", "they called=1", "it=1", "called it=1",
		     "amnesty=1", "it amnesty=1", "again=1", "amnesty again=1", "no=1");
	slant_featraw_release(&raw);
	fixture_release(&fx);
}

static void test_ngrams_max_n(void **state)
{
	struct fixture one, three;
	struct slant_featraw raw;
	const char *text = "Big red dog barked. Big red dog.";

	(void)state;
	fixture_init(&one, 1, 0, NULL);
	fixture_init(&three, 3, 0, NULL);
	slant_featraw_init(&raw);
	assert_int_equal(slant_features_max_n(one.f), 1);
	measure(&one, "Example", text, &raw);
	EXPECT_GRAMS(&raw, "big=2", "red=2", "dog=2", "barked=1");
	measure(&three, "Example", text, &raw);
	EXPECT_GRAMS(&raw, "big=2", "red=2", "big red=2", "dog=2", "red dog=2", "big red dog=2",
		     "barked=1", "dog barked=1", "red dog barked=1");
	slant_featraw_release(&raw);
	fixture_release(&one);
	fixture_release(&three);
}

/* Without texts, the same hashes and counts, and no text array. */
static void test_ngrams_without_texts(void **state)
{
	struct fixture fx;
	struct slant_featraw with, without;
	const char *text = "Officials said the plan would cost 3 billion dollars. Critics said no.";

	(void)state;
	fixture_init(&fx, 2, 0, NULL);
	slant_featraw_init(&with);
	slant_featraw_init(&without);
	measure_full(&fx, "Example", NULL, NULL, NULL, text, 1, &with);
	measure_full(&fx, "Example", NULL, NULL, NULL, text, 0, &without);
	assert_non_null(with.text);
	assert_null(without.text);
	assert_int_equal(with.n, without.n);
	assert_true(with.n > 10);
	for (size_t i = 0; i < with.n; i++) {
		assert_true(with.hash[i] == without.hash[i]);
		assert_int_equal(with.count[i], without.count[i]);
	}
	/* a builder refuses measurements without texts */
	struct slant_vocab_builder *vb = slant_vocab_builder_new();
	struct slant_err err;
	slant_err_clear(&err);
	assert_int_equal(slant_vocab_builder_add(vb, &without, 0, &err), SLANT_EUSAGE);
	slant_vocab_builder_free(vb);
	/* a copy is the same measurement */
	struct slant_featraw copy;
	slant_featraw_init(&copy);
	assert_int_equal(slant_featraw_copy(&copy, &with), 0);
	assert_int_equal(copy.n, with.n);
	assert_int_equal(count_of(&copy, "critics said"), 1);
	assert_int_equal(count_of(&copy, "said"), 2);
	assert_int_equal(copy.ndense, with.ndense);
	slant_featraw_release(&copy);
	slant_featraw_release(&with);
	slant_featraw_release(&without);
	fixture_release(&fx);
}

/* ------------------------------------------------------------------ left out */

static void test_outlet_left_out(void **state)
{
	struct fixture fx;
	struct slant_featraw raw;

	(void)state;
	fixture_init(&fx, 2, 0, NULL);
	slant_featraw_init(&raw);
	/*
	 * "Fox Online News (US)" leaves out the whole name (with "us": sentence 1), the name
	 * without its parenthesised part (sentence 2: else "online news" would stay), and the
	 * name without generic words, "Fox" (sentence 3, any case). Generic words on their own
	 * stay (sentence 4).
	 */
	measure(&fx, "Fox Online News (US)",
		"Fox Online News (US) reported. Fox Online News agreed. FOX said fox did. "
		"Online news is good.",
		&raw);
	EXPECT_GRAMS(&raw, "reported=1", "agreed=1", "said=1", "did=1", "online=1", "news=1",
		     "online news=1", "is=1", "news is=1", "good=1", "is good=1");
	/* a left-out name breaks the n-grams around it */
	measure(&fx, "Daily Beacon", "Readers of the Daily Beacon know. Beacon readers know.", &raw);
	EXPECT_GRAMS(&raw, "readers=2", "of=1", "readers of=1", "the=1", "of the=1", "know=2",
		     "readers know=1");
	slant_featraw_release(&raw);
	fixture_release(&fx);
}

/*
 * An outlet whose name has a number: "Channel 4 News" should be left out like any other name.
 * Measuring hashes number tokens as "#", while the name's words are hashed as written ("4"), so
 * the name never matches and "channel", "#" and "channel #" stay.
 */
static void test_outlet_with_number_left_out(void **state)
{
	struct fixture fx;
	struct slant_featraw raw;

	(void)state;
	fixture_init(&fx, 2, 0, NULL);
	slant_featraw_init(&raw);
	measure(&fx, "Channel 4 News", "Channel 4 News reported it.", &raw);
	EXPECT_GRAMS(&raw, "reported=1", "it=1", "reported it=1");
	slant_featraw_release(&raw);
	fixture_release(&fx);
}

static void test_host_left_out(void **state)
{
	struct fixture fx;
	struct slant_featraw raw;

	(void)state;
	fixture_init(&fx, 2, 0, NULL);
	slant_featraw_init(&raw);
	/* "breitbart" of https://www.breitbart.com/...: every token holding it */
	measure_full(&fx, "Example", "https://www.breitbart.com/politics/2020/story", NULL, NULL,
		     "Staff at Breitbart said breitbartnews wins.", 1, &raw);
	EXPECT_GRAMS(&raw, "staff=1", "at=1", "staff at=1", "said=1", "wins=1");
	/* the same from a source_url field */
	measure_full(&fx, "Example", NULL, NULL, "http://dailywire.com/x", "The Dailywire story.", 1,
		     &raw);
	EXPECT_GRAMS(&raw, "the=1", "story=1");
	/* host names shorter than three letters are not used */
	measure_full(&fx, "Example", "https://ab.com/x", NULL, NULL, "Ab said.", 1, &raw);
	EXPECT_GRAMS(&raw, "ab=1", "said=1", "ab said=1");
	/* without a url nothing of the kind goes */
	measure(&fx, "Example", "Staff at Breitbart said.", &raw);
	assert_int_equal(count_of(&raw, "breitbart"), 1);
	slant_featraw_release(&raw);
	fixture_release(&fx);
}

static void test_authors_left_out(void **state)
{
	struct fixture fx;
	struct slant_featraw raw;

	(void)state;
	fixture_init(&fx, 2, 0, NULL);
	slant_featraw_init(&raw);
	/* each name of "A, B and C" goes as a whole; a surname alone stays */
	measure_full(&fx, "Example", NULL, "John Smith, Mary Jones and Ann Lee", NULL,
		     "John Smith and Mary Jones wrote. Ann Lee edited. Smith said Lee agreed.", 1,
		     &raw);
	EXPECT_GRAMS(&raw, "and=1", "wrote=1", "edited=1", "smith=1", "said=1", "smith said=1",
		     "lee=1", "said lee=1", "agreed=1", "lee agreed=1");
	/* without the field, the names are n-grams like any words */
	measure(&fx, "Example", "John Smith wrote.", &raw);
	EXPECT_GRAMS(&raw, "john=1", "smith=1", "john smith=1", "wrote=1", "smith wrote=1");
	slant_featraw_release(&raw);
	fixture_release(&fx);
}

/* House style and credits: honorifics, photo and wire credits, caption labels. */
static void test_style_left_out(void **state)
{
	struct fixture fx;
	struct slant_featraw raw;

	(void)state;
	fixture_init(&fx, 2, 0, NULL);
	slant_featraw_init(&raw);
	measure(&fx, "Example", "Mr. Lee met Ms. Park. Photo: Getty Images. AP Photo shows it.",
		&raw);
	/* a left-out word breaks the n-grams around it, as a name does; credits stay: where the
	 * copy came from carries over to unseen outlets */
	EXPECT_GRAMS(&raw, "lee=1", "met=1", "lee met=1", "park=1", "photo=2", "getty=1",
		     "images=1", "getty images=1", "ap=1", "ap photo=1", "shows=1",
		     "photo shows=1", "it=1", "shows it=1");
	measure(&fx, "Example", "Mrs. Messrs. Mmes. Mr Lee.", &raw);
	EXPECT_GRAMS(&raw, "lee=1");
	/* a credit naming the outlet itself is its name, and left out */
	measure(&fx, "Reuters", "Crowds (Reuters photo) gathered.", &raw);
	EXPECT_GRAMS(&raw, "crowds=1", "photo=1", "gathered=1");
	slant_featraw_release(&raw);
	fixture_release(&fx);
}

static void test_dateline_left_out(void **state)
{
	struct fixture fx;
	struct slant_featraw raw;

	(void)state;
	fixture_init(&fx, 2, 0, NULL);
	slant_featraw_init(&raw);
	measure(&fx, "Example", "CHICAGO (AP) \xe2\x80\x94 The mayor spoke.", &raw);
	EXPECT_GRAMS(&raw, "the=1", "mayor=1", "the mayor=1", "spoke=1", "mayor spoke=1");
	measure(&fx, "Example", "WASHINGTON, D.C. (Reuters) -- Officials met.", &raw);
	EXPECT_GRAMS(&raw, "officials=1", "met=1", "officials met=1");
	/* only first thing: later in the text, the same words are counted */
	measure(&fx, "Example", "The mayor spoke in CHICAGO (UPI) \xe2\x80\x94 today.", &raw);
	assert_int_equal(count_of(&raw, "chicago"), 1);
	assert_int_equal(count_of(&raw, "upi"), 1);
	assert_int_equal(count_of(&raw, "the mayor"), 1);
	/* a lower-case opening is no dateline */
	measure(&fx, "Example", "the mayor \xe2\x80\x94 spoke.", &raw);
	EXPECT_GRAMS(&raw, "the=1", "mayor=1", "the mayor=1", "spoke=1");
	slant_featraw_release(&raw);
	fixture_release(&fx);
}

/* ---------------------------------------------------------------- vocabulary */

static const char *const corpus[] = {
	"Red apple. Red car.", /* red apple car, red apple, red car */
	"Red apple pie.",      /* red apple pie, red apple, apple pie */
	"Green apple.",        /* green apple, green apple */
	"Blue car.",           /* blue car, blue car */
};
/* their groups (outlets), each group's articles one after another */
static const uint32_t corpus_group[] = { 0, 0, 1, 2 };
#define NCORPUS (sizeof(corpus) / sizeof(corpus[0]))

static const char lexicon[] = "term\tcategory\tlean\tweight\tnote\n"
			      "red\tcolor\t1\t1\t\n"
			      "green\tcolor\t-1\t1\t\n"
			      "blue\tcolor\t0.5\t1\t\n";

static double idf(double n, double df)
{
	return log((1 + n) / (1 + df)) + 1;
}

/* Measures the corpus and builds a vocabulary over it. raws[] must hold NCORPUS. */
static void build_groups(struct fixture *fx, struct slant_featraw *raws, uint32_t min_df,
			 uint32_t min_groups, size_t max_size, size_t *distinct)
{
	struct slant_vocab_builder *vb = slant_vocab_builder_new();
	const struct slant_featraw *rp[NCORPUS];
	struct slant_err err;

	assert_non_null(vb);
	slant_err_clear(&err);
	for (size_t i = 0; i < NCORPUS; i++) {
		slant_featraw_init(&raws[i]);
		measure(fx, "Example", corpus[i], &raws[i]);
		assert_int_equal(slant_vocab_builder_add(vb, &raws[i], corpus_group[i], &err), 0);
		rp[i] = &raws[i];
	}
	if (distinct)
		*distinct = slant_vocab_builder_size(vb);
	if (slant_features_build(fx->f, vb, min_df, min_groups, max_size, rp, NCORPUS, &err))
		fail_msg("build: %s", err.msg);
	slant_vocab_builder_free(vb);
}

static void build(struct fixture *fx, struct slant_featraw *raws, uint32_t min_df,
		  size_t max_size, size_t *distinct)
{
	build_groups(fx, raws, min_df, 1, max_size, distinct);
}

static void release_raws(struct slant_featraw *raws)
{
	for (size_t i = 0; i < NCORPUS; i++)
		slant_featraw_release(&raws[i]);
}

/* The vocabulary's names in index order, joined by commas. */
static void vocab_names(const struct slant_features *f, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (uint32_t i = 1; i <= slant_features_nvocab(f); i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s", i > 1 ? "," : "",
				      slant_features_name(f, i));
}

/* df and idf of n-gram `g` as vocab.tsv gives them; -1 when absent. */
static long vocab_df(const struct slant_features *f, const char *g, double *idf_out)
{
	struct slant_buf b;
	long df = -1;

	slant_buf_init(&b, 0);
	assert_int_equal(slant_features_write_vocab(f, &b), 0);
	for (const char *s = strchr(b.data, '\n') + 1; *s; s = strchr(s, '\n') + 1) {
		size_t n = strcspn(s, "\t");
		if (n == strlen(g) && !strncmp(s, g, n)) {
			char *e;
			df = strtol(s + n + 1, &e, 10);
			*idf_out = strtod(e + 1, NULL);
			break;
		}
	}
	slant_buf_release(&b);
	return df;
}

static void test_vocab_min_df(void **state)
{
	struct fixture fx;
	struct slant_featraw raws[NCORPUS];
	size_t distinct;
	char names[256];
	double v;

	(void)state;
	fixture_init(&fx, 2, 0, NULL);
	build(&fx, raws, 2, 0, &distinct);
	assert_int_equal(distinct, 11);
	vocab_names(fx.f, names, sizeof(names));
	assert_string_equal(names, "apple,car,red,red apple");
	assert_int_equal(slant_features_nvocab(fx.f), 4);
	assert_int_equal(slant_features_ndocs(fx.f), NCORPUS);
	/* no lexicon: the lean sum, 6 quotation measures and 2 party groups follow the n-grams */
	assert_int_equal(slant_features_ndense(fx.f), 9);
	assert_int_equal(slant_features_dim(fx.f), 4 + 9);
	assert_null(slant_features_name(fx.f, 0));
	assert_string_equal(slant_features_name(fx.f, 5), "lexicon:lean");
	assert_string_equal(slant_features_name(fx.f, 13), "quotes:group:republican");
	assert_null(slant_features_name(fx.f, 14));
	assert_int_equal(vocab_df(fx.f, "apple", &v), 3);
	assert_near(v, idf(4, 3), 1e-8);
	assert_near(v, log(5.0 / 4.0) + 1, 1e-8);
	assert_int_equal(vocab_df(fx.f, "car", &v), 2);
	assert_near(v, idf(4, 2), 1e-8);
	assert_int_equal(vocab_df(fx.f, "red apple", &v), 2);
	assert_near(v, log(5.0 / 3.0) + 1, 1e-8);
	assert_int_equal(vocab_df(fx.f, "pie", &v), -1);
	release_raws(raws);

	/* min_df 1 keeps all 11; a min_df nothing reaches is refused */
	build(&fx, raws, 1, 0, NULL);
	vocab_names(fx.f, names, sizeof(names));
	assert_string_equal(names, "apple,apple pie,blue,blue car,car,green,green apple,pie,red,"
				   "red apple,red car");
	assert_int_equal(vocab_df(fx.f, "blue car", &v), 1);
	assert_near(v, log(5.0 / 2.0) + 1, 1e-8);
	release_raws(raws);

	struct slant_vocab_builder *vb = slant_vocab_builder_new();
	struct slant_err err;
	slant_err_clear(&err);
	for (size_t i = 0; i < NCORPUS; i++) {
		slant_featraw_init(&raws[i]);
		measure(&fx, "Example", corpus[i], &raws[i]);
		assert_int_equal(slant_vocab_builder_add(vb, &raws[i], corpus_group[i], &err), 0);
	}
	assert_int_equal(slant_features_build(fx.f, vb, 4, 1, 0, NULL, 0, &err), SLANT_EDATA);
	assert_int_equal(err.code, SLANT_EDATA);
	slant_err_clear(&err);
	assert_int_equal(slant_features_build(fx.f, vb, 1, 3, 0, NULL, 0, &err), SLANT_EDATA);
	assert_int_equal(err.code, SLANT_EDATA);
	slant_vocab_builder_free(vb);
	release_raws(raws);
	fixture_release(&fx);
}

/* N-grams of too few groups go: "red" and "red apple" are only in group 0's two articles. */
static void test_vocab_min_groups(void **state)
{
	struct fixture fx;
	struct slant_featraw raws[NCORPUS];
	char names[256];
	double v;

	(void)state;
	fixture_init(&fx, 2, 0, NULL);
	build_groups(&fx, raws, 2, 2, 0, NULL);
	vocab_names(fx.f, names, sizeof(names));
	assert_string_equal(names, "apple,car");
	/* idf still counts articles */
	assert_int_equal(vocab_df(fx.f, "apple", &v), 3);
	assert_near(v, idf(4, 3), 1e-8);
	release_raws(raws);
	/* min_df 1: the n-grams of two groups, of any count */
	build_groups(&fx, raws, 1, 2, 0, NULL);
	vocab_names(fx.f, names, sizeof(names));
	assert_string_equal(names, "apple,car");
	release_raws(raws);
	fixture_release(&fx);
}

static void test_vocab_max_size(void **state)
{
	struct fixture fx;
	struct slant_featraw raws[NCORPUS];
	char names[256];

	(void)state;
	fixture_init(&fx, 2, 0, NULL);
	/* the most frequent: apple (3), then of car, red, "red apple" (2 each) by text */
	build(&fx, raws, 1, 2, NULL);
	vocab_names(fx.f, names, sizeof(names));
	assert_string_equal(names, "apple,car");
	release_raws(raws);
	build(&fx, raws, 1, 3, NULL);
	vocab_names(fx.f, names, sizeof(names));
	assert_string_equal(names, "apple,car,red");
	release_raws(raws);
	build(&fx, raws, 1, 5, NULL);
	vocab_names(fx.f, names, sizeof(names));
	assert_string_equal(names, "apple,apple pie,car,red,red apple");
	release_raws(raws);
	/* with min_df, max_size above what is left changes nothing */
	build(&fx, raws, 2, 100, NULL);
	vocab_names(fx.f, names, sizeof(names));
	assert_string_equal(names, "apple,car,red,red apple");
	release_raws(raws);
	fixture_release(&fx);
}

/* ------------------------------------------------------------------- vectors */

/* Value at `index` in v, or 0. */
static double value_at(const struct slant_fvec *v, uint32_t index)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i].index == index)
			return v->v[i].value;
	return 0;
}

static uint32_t index_of(const struct slant_features *f, const char *name)
{
	for (uint32_t i = 1; i <= slant_features_dim(f); i++)
		if (!strcmp(slant_features_name(f, i), name))
			return i;
	fail_msg("no feature %s", name);
	return 0;
}

static void check_vector_shape(const struct slant_features *f, const struct slant_fvec *v)
{
	double norm = 0;
	size_t text = 0;

	for (size_t i = 0; i < v->n; i++) {
		assert_true(v->v[i].index >= 1);
		assert_true(v->v[i].index <= slant_features_dim(f));
		if (i)
			assert_true(v->v[i].index > v->v[i - 1].index);
		assert_true(v->v[i].value != 0);
		if (v->v[i].index <= slant_features_nvocab(f)) {
			norm += v->v[i].value * v->v[i].value;
			text++;
		}
	}
	if (text)
		assert_near(norm, 1, 1e-12);
}

static void test_vector_tfidf(void **state)
{
	struct fixture fx;
	struct slant_featraw raws[NCORPUS], raw;
	struct slant_fvec v = { NULL, 0, 0 };
	struct slant_err err;

	(void)state;
	fixture_init(&fx, 2, 0, NULL);
	build(&fx, raws, 2, 0, NULL); /* apple (df 3), car, red, red apple (df 2) */
	slant_featraw_init(&raw);
	slant_err_clear(&err);
	/* apple 3 times, car once; zebra and "apple car" are not in the vocabulary */
	measure(&fx, "Example", "Apple apple apple. Car zebra.", &raw);
	assert_int_equal(slant_features_vector(fx.f, &raw, &v, &err), 0);
	check_vector_shape(fx.f, &v);
	assert_int_equal(v.n, 2);
	assert_int_equal(v.v[0].index, index_of(fx.f, "apple"));
	assert_int_equal(v.v[1].index, index_of(fx.f, "car"));
	double a = (1 + log(3.0)) * idf(4, 3), c = 1 * idf(4, 2), norm = sqrt(a * a + c * c);
	assert_near(v.v[0].value / v.v[1].value, a / c, 1e-12);
	assert_near(v.v[0].value, a / norm, 1e-12);
	assert_near(v.v[1].value, c / norm, 1e-12);

	/* one n-gram alone has value 1; none known gives an empty vector, not NaN */
	measure(&fx, "Example", "Car.", &raw);
	assert_int_equal(slant_features_vector(fx.f, &raw, &v, &err), 0);
	assert_int_equal(v.n, 1);
	assert_near(v.v[0].value, 1, 1e-15);
	measure(&fx, "Example", "Zebra crossing.", &raw);
	assert_int_equal(slant_features_vector(fx.f, &raw, &v, &err), 0);
	assert_int_equal(v.n, 0);

	/* a bigram and its words, idf from df 2 and 3 */
	measure(&fx, "Example", "Red apple.", &raw);
	assert_int_equal(slant_features_vector(fx.f, &raw, &v, &err), 0);
	check_vector_shape(fx.f, &v);
	assert_int_equal(v.n, 3);
	assert_near(value_at(&v, index_of(fx.f, "red")) / value_at(&v, index_of(fx.f, "apple")),
		    idf(4, 2) / idf(4, 3), 1e-12);
	assert_near(value_at(&v, index_of(fx.f, "red apple")), value_at(&v, index_of(fx.f, "red")),
		    1e-15);
	free(v.v);
	slant_featraw_release(&raw);
	release_raws(raws);
	fixture_release(&fx);
}

static void test_vector_dense(void **state)
{
	struct fixture fx;
	struct slant_featraw raws[NCORPUS], raw;
	struct slant_fvec v = { NULL, 0, 0 };
	struct slant_err err;
	double lo, hi;

	(void)state;
	fixture_init(&fx, 2, 0.8, lexicon);
	assert_near(slant_features_dense_weight(fx.f), 0.8, 0);
	/* lexicon:color, lexicon:lean, 6 quotation measures, 2 party groups */
	assert_int_equal(slant_features_ndense(fx.f), 10);
	assert_string_equal(slant_features_dense_name(fx.f, 0), "lexicon:color");
	assert_string_equal(slant_features_dense_name(fx.f, 1), "lexicon:lean");
	assert_null(slant_features_dense_name(fx.f, 10));
	build(&fx, raws, 2, 0, NULL);
	assert_int_equal(slant_features_dim(fx.f), 4 + 10);
	assert_string_equal(slant_features_name(fx.f, 5), "lexicon:color");
	assert_string_equal(slant_features_name(fx.f, 6), "lexicon:lean");
	assert_null(slant_features_name(fx.f, 15));
	/*
	 * colour matches per 1,000 words: 2 of 4, 1 of 3, 1 of 2, 1 of 2; lean per 1,000 words:
	 * 2 of 4 (+1), 1 of 3 (+1), 1 of 2 (-1), 1 of 2 (+0.5)
	 */
	slant_features_range(fx.f, 0, &lo, &hi);
	assert_near(lo, 1000.0 / 3, 1e-9);
	assert_near(hi, 500, 1e-9);
	slant_features_range(fx.f, 1, &lo, &hi);
	assert_near(lo, -500, 1e-9);
	assert_near(hi, 500, 1e-9);
	slant_features_range(fx.f, 2, &lo, &hi); /* no quotation anywhere */
	assert_near(lo, 0, 0);
	assert_near(hi, 0, 0);

	slant_featraw_init(&raw);
	slant_err_clear(&err);
	/* 1 colour in 3 words: 333.3 (the bottom: 0, left out); lean +1: 333.3 -> 0.8333 */
	measure(&fx, "Example", "Red car apple.", &raw);
	assert_int_equal(raw.ndense, 10);
	assert_near(raw.dense[0], 1000.0 / 3, 1e-9);
	assert_int_equal(slant_features_vector(fx.f, &raw, &v, &err), 0);
	check_vector_shape(fx.f, &v);
	assert_near(value_at(&v, 5), 0, 0);
	assert_near(value_at(&v, 6), 0.8 * (1000.0 / 3 + 500) / 1000, 1e-12);
	/* 4 in 4: 1000 per 1,000 words, above both ranges: clipped to 1 */
	measure(&fx, "Example", "Red red red red.", &raw);
	assert_int_equal(slant_features_vector(fx.f, &raw, &v, &err), 0);
	check_vector_shape(fx.f, &v);
	assert_near(value_at(&v, 5), 0.8, 1e-15);
	assert_near(value_at(&v, 6), 0.8, 1e-15);
	/* 1 in 4: colour 250, below the range (0); lean -250 -> 0.25 */
	measure(&fx, "Example", "Green car apple apple.", &raw);
	assert_int_equal(slant_features_vector(fx.f, &raw, &v, &err), 0);
	check_vector_shape(fx.f, &v);
	assert_near(value_at(&v, 5), 0, 0);
	assert_near(value_at(&v, 6), 0.8 * 0.25, 1e-12);
	/* no dense value is ever above the weight or below 0 */
	for (size_t i = 0; i < v.n; i++)
		if (v.v[i].index > slant_features_nvocab(fx.f))
			assert_true(v.v[i].value > 0 && v.v[i].value <= 0.8);
	free(v.v);
	v = (struct slant_fvec){ NULL, 0, 0 };
	slant_featraw_release(&raw);
	release_raws(raws);
	fixture_release(&fx);

	/* weight 0 is the default, 0.5 */
	fixture_init(&fx, 2, 0, lexicon);
	assert_near(slant_features_dense_weight(fx.f), 0.5, 0);
	fixture_release(&fx);
}

/*
 * A negative dense weight: no dense features at all. (Last in the list: measuring with no
 * dense features passes NULL to memset() in measure_dense(), which UBSan builds stop on.)
 */
static void test_no_dense_features(void **state)
{
	struct fixture fx;
	struct slant_featraw raws[NCORPUS], raw;
	struct slant_fvec v = { NULL, 0, 0 };
	struct slant_err err;

	(void)state;
	fixture_init(&fx, 2, -1, lexicon);
	assert_int_equal(slant_features_ndense(fx.f), 0);
	assert_null(slant_features_dense_name(fx.f, 0));
	build(&fx, raws, 2, 0, NULL);
	assert_int_equal(slant_features_dim(fx.f), 4);
	assert_null(slant_features_name(fx.f, 5));
	slant_featraw_init(&raw);
	slant_err_clear(&err);
	measure(&fx, "Example", "Red red red red.", &raw);
	assert_int_equal(raw.ndense, 0);
	assert_int_equal(slant_features_vector(fx.f, &raw, &v, &err), 0);
	assert_int_equal(v.n, 1);
	assert_int_equal(v.v[0].index, index_of(fx.f, "red"));
	assert_near(v.v[0].value, 1, 1e-15);
	free(v.v);
	slant_featraw_release(&raw);
	release_raws(raws);
	fixture_release(&fx);
}

/* ----------------------------------------------------------------- vocab.tsv */

static void test_vocab_round_trip(void **state)
{
	struct fixture fx, fresh;
	struct slant_featraw raws[NCORPUS], raw;
	struct slant_fvec a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	struct slant_buf text, again;
	struct slant_err err;

	(void)state;
	fixture_init(&fx, 2, 0, lexicon);
	build(&fx, raws, 1, 0, NULL);
	slant_buf_init(&text, 0);
	assert_int_equal(slant_features_write_vocab(fx.f, &text), 0);
	assert_true(!strncmp(text.data, "# slant vocabulary: 4 articles\napple\t3\t1.22314355\n",
			     50));

	fixture_init(&fresh, 2, 0, lexicon);
	slant_err_clear(&err);
	assert_int_equal(slant_features_read_vocab(fresh.f, text.data, text.len, "vocab.tsv", &err),
			 0);
	assert_int_equal(slant_features_nvocab(fresh.f), 11);
	assert_int_equal(slant_features_ndocs(fresh.f), 4);
	assert_int_equal(slant_features_dim(fresh.f), slant_features_dim(fx.f));
	for (uint32_t i = 1; i <= slant_features_dim(fx.f); i++)
		assert_string_equal(slant_features_name(fresh.f, i), slant_features_name(fx.f, i));
	/* the ranges live in meta.json: copy them */
	for (size_t k = 0; k < slant_features_ndense(fx.f); k++) {
		double lo, hi;
		slant_features_range(fx.f, k, &lo, &hi);
		slant_features_set_range(fresh.f, k, lo, hi);
	}
	/* written again, byte for byte */
	slant_buf_init(&again, 0);
	assert_int_equal(slant_features_write_vocab(fresh.f, &again), 0);
	assert_int_equal(again.len, text.len);
	assert_memory_equal(again.data, text.data, text.len);

	static const char *const texts[] = { "Red apple pie and a blue car.",
					     "Green apple, green apple, red car!", "Nothing known." };
	slant_featraw_init(&raw);
	for (size_t t = 0; t < 3; t++) {
		measure(&fx, "Example", texts[t], &raw);
		assert_int_equal(slant_features_vector(fx.f, &raw, &a, &err), 0);
		assert_int_equal(slant_features_vector(fresh.f, &raw, &b, &err), 0);
		assert_int_equal(a.n, b.n);
		for (size_t i = 0; i < a.n; i++) {
			assert_int_equal(a.v[i].index, b.v[i].index);
			assert_true(a.v[i].value == b.v[i].value);
		}
	}
	assert_true(a.n > 0);
	free(a.v);
	free(b.v);
	slant_featraw_release(&raw);
	slant_buf_release(&text);
	slant_buf_release(&again);
	release_raws(raws);
	fixture_release(&fx);
	fixture_release(&fresh);
}

/* Reads `data` as vocab.tsv into a max_n 2 definition: the code, with the line in *line. */
static int read_bad(const char *data, long *line, char *msg, size_t size)
{
	struct fixture fx;
	struct slant_err err;

	fixture_init(&fx, 2, -1, NULL);
	slant_err_clear(&err);
	int ret = slant_features_read_vocab(fx.f, data, strlen(data), "bad.tsv", &err);
	*line = err.line;
	if (msg)
		snprintf(msg, size, "%s", err.msg);
	if (ret) {
		assert_int_equal(err.code, ret);
		assert_string_equal(err.file, "bad.tsv");
	}
	fixture_release(&fx);
	return ret;
}

static void expect_bad(const char *data, long want_line)
{
	long line;
	char msg[512];
	int ret = read_bad(data, &line, msg, sizeof(msg));

	if (ret != SLANT_EDATA || line != want_line)
		fail_msg("want SLANT_EDATA at line %ld, got %d at line %ld (%s) for:\n%s", want_line,
			 ret, line, msg, data);
}

#define HEAD "# slant vocabulary: 4 articles\n"

static void test_vocab_malformed(void **state)
{
	long line;

	(void)state;
	/* the good one they are made from */
	assert_int_equal(read_bad(HEAD "apple\t3\t1.2\ncar\t2\t1.5\nred apple\t2\t1.5\n", &line,
				  NULL, 0),
			 0);
	expect_bad("", 1);
	expect_bad("# vocabulary\napple\t3\t1.2\n", 1);
	expect_bad("apple\t3\t1.2\n", 1);
	expect_bad("# slant vocabulary: 0 articles\napple\t3\t1.2\n", 1);
	expect_bad("# slant vocabulary: 4 articles", 1); /* no newline */
	expect_bad(HEAD "apple\t3\t1.2\ncar 2 1.5\n", 3);
	expect_bad(HEAD "apple\t3\t1.2\ncar\t2\n", 3);
	expect_bad(HEAD "apple\t3\t1.2\ncar\t0\t1.5\n", 3);
	expect_bad(HEAD "apple\t3\t1.2\ncar\t5\t1.5\n", 3); /* df > N */
	expect_bad(HEAD "apple\t3\t1.2\ncar\t-2\t1.5\n", 3);
	expect_bad(HEAD "apple\t3\t1.2\ncar\ttwo\t1.5\n", 3);
	expect_bad(HEAD "apple\t3\t1.2\ncar\t\t1.5\n", 3);
	expect_bad(HEAD "apple\t3\t1.2\nbig red car\t2\t1.5\n", 3); /* 3 words, max_n 2 */
	expect_bad(HEAD "apple\t3\t1.2\n car\t2\t1.5\n", 3);
	expect_bad(HEAD "apple\t3\t1.2\n\t2\t1.5\n", 3);
	expect_bad(HEAD "apple\t3\t1.2\ncar\t2\t1.5", 3); /* truncated */
	expect_bad(HEAD "apple\t3\t1.2\n\n", 3);
	/* a header and nothing else: an empty vocabulary */
	assert_int_equal(read_bad(HEAD, &line, NULL, 0), SLANT_EDATA);
}

/* features.h: "SLANT_EDATA with the line on anything malformed: ... a duplicate n-gram". */
static void test_vocab_duplicate_has_line(void **state)
{
	(void)state;
	expect_bad(HEAD "apple\t3\t1.2\ncar\t2\t1.5\napple\t2\t1.5\n", 4);
}

/* The article count is unsigned: "-4" must not read as 2^64 - 4. */
static void test_vocab_negative_count(void **state)
{
	(void)state;
	expect_bad("# slant vocabulary: -4 articles\napple\t3\t1.2\n", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ngrams),
		cmocka_unit_test(test_ngrams_max_n),
		cmocka_unit_test(test_ngrams_without_texts),
		cmocka_unit_test(test_outlet_left_out),
		cmocka_unit_test(test_outlet_with_number_left_out),
		cmocka_unit_test(test_host_left_out),
		cmocka_unit_test(test_authors_left_out),
		cmocka_unit_test(test_dateline_left_out),
		cmocka_unit_test(test_style_left_out),
		cmocka_unit_test(test_vocab_min_df),
		cmocka_unit_test(test_vocab_min_groups),
		cmocka_unit_test(test_vocab_max_size),
		cmocka_unit_test(test_vector_tfidf),
		cmocka_unit_test(test_vector_dense),
		cmocka_unit_test(test_vocab_round_trip),
		cmocka_unit_test(test_vocab_malformed),
		cmocka_unit_test(test_vocab_duplicate_has_line),
		cmocka_unit_test(test_vocab_negative_count),
		cmocka_unit_test(test_no_dense_features),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
