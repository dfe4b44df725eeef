/* test_contrast.c - n-gram counting and the log-odds contrast against values worked by hand. */
#include "test.h"

static void add(struct slant_ngrams *g, const char *group, const char *text)
{
	static struct slant_doc *d;
	struct slant_doc_opts o = { NULL, SLANT_DOC_NO_STRIP };
	struct slant_err err;

	if (!d)
		d = slant_doc_new();
	assert_int_equal(slant_doc_analyze(d, text, strlen(text), NULL, &o, &err), 0);
	assert_int_equal(slant_ngrams_add(g, group, d, &err), 0);
}

/* Finds n-gram `s` among group `gi`'s rows. */
static const struct slant_contrast_row *row(const struct slant_contrast_row *rows,
					    const size_t *counts, size_t top, size_t gi,
					    const char *s)
{
	for (size_t k = 0; k < counts[gi]; k++)
		if (!strcmp(rows[gi * top + k].ngram, s))
			return &rows[gi * top + k];
	fail_msg("no row '%s' for group %zu", s, gi);
	return NULL;
}

/*
 * A: "x x y", B: "y y z"; a0 = 6 = n, so a_w is the pooled count. For A and x:
 *   delta = ln(4/5) - ln(2/7) = 1.0296194171811583, var = 1/4 + 1/2, z = 1.1889020953448148
 * A and y: delta = ln(4/5) - ln(5/4) = -0.4462871026284195, z = -0.6652855326390473
 * B and z: delta = ln(2/7) - ln(1/8) = 0.8266785731844677, z = 0.6749802285313289
 */
static void test_log_odds_by_hand(void **state)
{
	struct slant_ngrams *g = slant_ngrams_new(1, 0);
	struct slant_contrast_row rows[2 * 3];
	size_t counts[2];
	struct slant_err err;

	(void)state;
	add(g, "A", "x x y");
	add(g, "B", "Y y z");
	assert_int_equal(slant_ngrams_groups(g), 2);
	assert_string_equal(slant_ngrams_group(g, 1), "B");
	assert_int_equal(slant_ngrams_total(g, 0), 3);
	assert_int_equal(slant_ngrams_contrast(g, 6, 1, 3, rows, counts, &err), 0);
	assert_int_equal(counts[0], 2);
	assert_int_equal(counts[1], 2);
	assert_string_equal(rows[0].ngram, "x"); /* highest z first */
	assert_near(rows[0].delta, 1.0296194171811583, 1e-12);
	assert_near(rows[0].z, 1.1889020953448148, 1e-12);
	assert_int_equal(rows[0].count, 2);
	assert_int_equal(rows[0].rest, 0);
	assert_near(row(rows, counts, 3, 0, "y")->z, -0.6652855326390473, 1e-12);
	assert_string_equal(rows[3].ngram, "z");
	assert_near(rows[3].delta, 0.8266785731844677, 1e-12);
	assert_near(rows[3].z, 0.6749802285313289, 1e-12);
	assert_near(row(rows, counts, 3, 1, "y")->z, 0.6652855326390473, 1e-12);
	/* min_count drops rarer n-grams; a0 must be positive */
	assert_int_equal(slant_ngrams_contrast(g, 6, 3, 3, rows, counts, &err), 0);
	assert_int_equal(counts[0], 1);
	assert_string_equal(rows[0].ngram, "y");
	assert_int_equal(slant_ngrams_contrast(g, 0, 1, 3, rows, counts, &err), SLANT_EUSAGE);
	slant_ngrams_free(g);
}

static void test_ngrams_stay_in_sentences(void **state)
{
	struct slant_ngrams *g = slant_ngrams_new(3, 0);
	struct slant_contrast_row rows[2 * 20];
	size_t counts[2];
	struct slant_err err;

	(void)state;
	/* sentences and punctuation end n-grams; quotation marks do not */
	add(g, "A", "Alpha beta gamma. Alpha beta, so-called \xE2\x80\x9Craids\xE2\x80\x9D");
	add(g, "B", "delta");
	assert_int_equal(slant_ngrams_contrast(g, 1, 1, 20, rows, counts, &err), 0);
	/* alpha, beta, gamma, alpha beta, beta gamma, alpha beta gamma | alpha, beta, alpha beta
	 * | so-called, raids, so-called raids */
	assert_int_equal(slant_ngrams_total(g, 0), 12);
	assert_int_equal(counts[0], 9);
	assert_int_equal(row(rows, counts, 20, 0, "alpha beta")->count, 2);
	assert_int_equal(row(rows, counts, 20, 0, "alpha beta gamma")->count, 1);
	assert_int_equal(row(rows, counts, 20, 0, "so-called raids")->count, 1);
	for (size_t k = 0; k < counts[0]; k++)
		assert_null(strstr(rows[k].ngram, "gamma alpha"));
	slant_ngrams_free(g);
}

static void test_merge_equals_one_pass(void **state)
{
	struct slant_ngrams *one = slant_ngrams_new(2, 0), *a = slant_ngrams_new(2, 0),
			    *b = slant_ngrams_new(2, 0);
	struct slant_contrast_row r1[3 * 10], r2[3 * 10];
	size_t c1[3], c2[3];
	struct slant_err err;
	const char *docs[][2] = {
		{ "L", "raids spread fear" }, { "R", "criminal aliens arrested" },
		{ "C", "an operation ended" }, { "L", "more raids and fear" },
		{ "R", "aliens arrested again" }, { "L", "fear" },
	};

	(void)state;
	for (size_t i = 0; i < 6; i++) {
		add(one, docs[i][0], docs[i][1]);
		add(i % 2 ? b : a, docs[i][0], docs[i][1]);
	}
	assert_int_equal(slant_ngrams_merge(a, b, &err), 0);
	assert_int_equal(slant_ngrams_contrast(one, 10, 1, 10, r1, c1, &err), 0);
	assert_int_equal(slant_ngrams_contrast(a, 10, 1, 10, r2, c2, &err), 0);
	/* the same groups (in another order) with the same rows */
	for (size_t i = 0; i < 3; i++) {
		size_t k = 0;
		while (strcmp(slant_ngrams_group(a, k), slant_ngrams_group(one, i)))
			k++;
		assert_int_equal(c1[i], c2[k]);
		for (size_t j = 0; j < c1[i]; j++) {
			assert_string_equal(r1[i * 10 + j].ngram, r2[k * 10 + j].ngram);
			assert_near(r1[i * 10 + j].z, r2[k * 10 + j].z, 1e-12);
		}
	}
	slant_ngrams_free(one);
	slant_ngrams_free(a);
	slant_ngrams_free(b);
}

static void test_pruning_keeps_frequent_counts(void **state)
{
	struct slant_ngrams *g = slant_ngrams_new(1, 64);
	struct slant_contrast_row rows[2 * 5];
	size_t counts[2];
	struct slant_err err;
	char text[64];

	(void)state;
	for (int i = 0; i < 300; i++) {
		snprintf(text, sizeof(text), "common rare%d", i);
		add(g, i % 2 ? "A" : "B", text);
	}
	assert_true(slant_ngrams_floor(g) >= 1);
	assert_int_equal(slant_ngrams_contrast(g, 10, 2, 5, rows, counts, &err), 0);
	assert_int_equal(counts[0], 1); /* only "common" is left above the floor */
	assert_string_equal(rows[0].ngram, "common");
	assert_int_equal(rows[0].count + rows[0].rest, 300);
	slant_ngrams_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log_odds_by_hand),
		cmocka_unit_test(test_ngrams_stay_in_sentences),
		cmocka_unit_test(test_merge_equals_one_pass),
		cmocka_unit_test(test_pruning_keeps_frequent_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
