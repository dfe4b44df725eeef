/*
 * test_compare.c - per-group sums: scores, intervals, labels, terms and quotations; exact
 * merge in any split and order; the state file's round trip and its refusals; the text
 * formats' quoting and escaping and the table's fit.
 */
#include "test.h"

#include <cjson/cJSON.h>

static const char *const lcr[] = { "left", "center", "right" };
static const char *const cats[] = { "crime", "humanitarian" };

static struct slant_compare *new_compare(const char *setup)
{
	struct slant_compare_conf conf = { "outlet", lcr, 3, true, cats, 2, setup, false };
	struct slant_compare *c = slant_compare_new(&conf);

	assert_non_null(c);
	return c;
}

static void add(struct slant_compare *c, const char *group, double score, size_t label,
		uint64_t words)
{
	struct slant_err err;
	struct slant_compare_doc d = { group, words, label, score, NULL, NULL, 0, NULL, 0 };

	slant_err_clear(&err);
	assert_int_equal(slant_compare_add(c, &d, &err), 0);
}

static const struct slant_compare_row *row_named(struct slant_compare *c, const char *name)
{
	const struct slant_compare_row *rows;
	size_t n = slant_compare_rows(c, 0, &rows);

	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].name, name))
			return &rows[i];
	fail_msg("no row %s", name);
	return NULL;
}

/* ------------------------------------------------------------- numbers */

static void test_mean_and_interval(void **state)
{
	struct slant_compare *c = new_compare("s");
	double v[12] = { 0.1, -0.2, 0.3, 0.25, -0.05, 0.6, 0.0, 0.15, -0.3, 0.45, 0.2, 0.1 };
	double sum = 0, sq = 0;

	(void)state;
	for (size_t i = 0; i < 12; i++) {
		add(c, "A", v[i], i % 3, 100);
		sum += v[i];
	}
	double mean = sum / 12;
	for (size_t i = 0; i < 12; i++)
		sq += (v[i] - mean) * (v[i] - mean);
	double sd = sqrt(sq / 11), half = 2.2010 * sd / sqrt(12); /* t(0.975, 11) */
	const struct slant_compare_row *r = row_named(c, "A");
	assert_int_equal(r->articles, 12);
	assert_int_equal(r->words, 1200);
	assert_near(r->mean, mean, 1e-9);
	assert_near(r->sd, sd, 1e-9);
	assert_true(r->has_ci);
	assert_near(r->lo, mean - half, 1e-6);
	assert_near(r->hi, mean + half, 1e-6);
	assert_int_equal(r->labels[0], 4);
	assert_int_equal(r->labels[1], 4);
	assert_int_equal(r->labels[2], 4);
	slant_compare_free(c);
}

static void test_interval_needs_ten(void **state)
{
	struct slant_compare *c = new_compare("s");

	(void)state;
	for (int i = 0; i < 9; i++)
		add(c, "few", i % 2 ? 0.5 : -0.5, 0, 10);
	const struct slant_compare_row *r = row_named(c, "few");
	assert_false(r->has_ci);
	assert_true(r->sd > 0);
	add(c, "few", 0, 0, 10);
	assert_true(row_named(c, "few")->has_ci);
	/* large df: the expansion, t(0.975, 60) = 2.0003 */
	for (int i = 0; i < 61; i++)
		add(c, "many", i % 2 ? 0.4 : -0.2, 1, 10);
	r = row_named(c, "many");
	assert_near((r->hi - r->lo) / 2, 2.0003 * r->sd / sqrt(61), 1e-4);
	/* clipped to [-1, 1]; scores beyond it count as its ends */
	for (int i = 0; i < 10; i++)
		add(c, "edge", i ? 1 : 0.2, 2, 10);
	add(c, "edge", 7, 2, 10);
	r = row_named(c, "edge");
	assert_true(r->hi <= 1);
	assert_near(r->mean, (0.2 + 10) / 11, 1e-9);
	slant_compare_free(c);
}

static void test_sorted_by_score(void **state)
{
	struct slant_compare *c = new_compare("s");
	const struct slant_compare_row *rows;

	(void)state;
	add(c, "Right Times", 0.8, 2, 10);
	add(c, "Left Post", -0.7, 0, 10);
	add(c, "Middle", 0.0, 1, 10);
	add(c, "", 0.1, 1, 10);
	add(c, NULL, 0.1, 1, 10);
	assert_int_equal(slant_compare_rows(c, 0, &rows), 4);
	assert_string_equal(rows[0].name, "Left Post");
	assert_string_equal(rows[1].name, "Middle");
	assert_string_equal(rows[2].name, "(none)");
	assert_int_equal(rows[2].articles, 2);
	assert_string_equal(rows[3].name, "Right Times");
	slant_compare_free(c);
}

/* ---------------------------------------------------------- quotations */

static void test_terms_and_quotes(void **state)
{
	struct slant_compare *c = new_compare("s");
	struct slant_err err;
	uint64_t cat1[2] = { 3, 1 }, cat2[2] = { 0, 5 };
	struct slant_compare_term t1[] = { { "raid", 2 }, { "illegal alien", 1 } },
				  t2[] = { { "raid", 1 }, { "families", 4 } };
	struct slant_compare_quote q1[] = {
		{ SLANT_QUOTE_DIRECT, true, false, 10, "JR Halloway", "federal" },
		{ SLANT_QUOTE_PARTIAL, true, true, 4, "JR Halloway", NULL },
		{ SLANT_QUOTE_SCARE, false, false, 2, NULL, NULL },
		{ SLANT_QUOTE_DIRECT, false, false, 6, NULL, NULL },
	};
	struct slant_compare_quote q2[] = {
		{ SLANT_QUOTE_DIRECT, true, false, 20, "JR Halloway", "democrat" },
		{ SLANT_QUOTE_TITLE, false, false, 3, NULL, NULL },
		{ SLANT_QUOTE_DIRECT, true, false, 8, "Ana Ruiz", "civil-society" },
	};
	struct slant_compare_doc d1 = { "X", 100, 0, -0.5, cat1, t1, 2, q1, 4 },
				 d2 = { "X", 200, 1, 0.1, cat2, t2, 2, q2, 3 };

	(void)state;
	slant_err_clear(&err);
	assert_int_equal(slant_compare_add(c, &d1, &err), 0);
	assert_int_equal(slant_compare_add(c, &d2, &err), 0);
	d2.label = 3;
	assert_int_equal(slant_compare_add(c, &d2, &err), SLANT_EUSAGE);

	const struct slant_compare_row *r = row_named(c, "X");
	assert_int_equal(r->articles, 2);
	assert_int_equal(r->categories[0], 3);
	assert_int_equal(r->categories[1], 6);
	assert_int_equal(r->nterms, 3);
	assert_string_equal(r->terms[0].name, "families");
	assert_int_equal(r->terms[0].count, 4);
	assert_string_equal(r->terms[1].name, "raid");
	assert_int_equal(r->terms[1].count, 3);
	assert_int_equal(r->quotes, 7);
	assert_int_equal(r->kinds[SLANT_QUOTE_DIRECT], 4);
	assert_int_equal(r->kinds[SLANT_QUOTE_SCARE], 1);
	assert_int_equal(r->kinds[SLANT_QUOTE_TITLE], 1);
	assert_int_equal(r->verbs, 4);
	assert_int_equal(r->loaded, 1);
	/* scare and title quotes are nobody's words */
	assert_int_equal(r->quoted_words, 10 + 4 + 6 + 20 + 8);
	assert_int_equal(r->ngroups, 4);
	assert_string_equal(r->groups[0].name, "democrat");
	assert_int_equal(r->groups[0].count, 20);
	assert_string_equal(r->groups[1].name, "federal");
	assert_string_equal(r->groups[2].name, "unknown"); /* 4 + 6 words without a group */
	assert_int_equal(r->groups[2].count, 10);
	assert_int_equal(r->nspeakers, 2);
	assert_string_equal(r->speakers[0].name, "JR Halloway");
	assert_int_equal(r->speakers[0].count, 3);
	assert_int_equal(r->speakers[0].words, 34);
	/* quoted with two groups: the first in byte order, whatever came first */
	assert_string_equal(r->speakers[0].group, "democrat");
	/* top cuts the lists, not the groups */
	const struct slant_compare_row *rows;
	assert_int_equal(slant_compare_rows(c, 1, &rows), 1);
	assert_int_equal(rows[0].nterms, 1);
	assert_int_equal(rows[0].nspeakers, 1);
	assert_int_equal(rows[0].ngroups, 4);
	slant_compare_free(c);
}

/* --------------------------------------------------------------- merge */

/* Article i of a made-up corpus: group, score, label, counts, a term and a quotation. */
static void add_article(struct slant_compare *c, unsigned i)
{
	static const char *const groups[] = { "Alpha", "Beta", "Γάμμα", "Delta, Inc.", "E \"quoted\"" };
	static const char *const speakers[] = { "Ana Ruiz", "JR Halloway", "the mayor" };
	static const char *const sgroups[] = { "civil-society", "federal", NULL };
	uint64_t s = i * 2654435761u + 17;
	double score = (double)(s % 2001) / 1000.0 - 1.0 + 1e-7 * (double)(i % 7);
	uint64_t cat[2] = { s % 5, (s >> 8) % 3 };
	struct slant_compare_term t[] = { { i % 2 ? "raid" : "families", (uint32_t)(1 + s % 3) } };
	struct slant_compare_quote q[] = {
		{ (uint8_t)(s % 4), (s >> 3) % 2 != 0, (s >> 5) % 3 == 0, (uint32_t)(3 + s % 11),
		  speakers[(s >> 7) % 3], sgroups[(s >> 9) % 3] },
	};
	struct slant_compare_doc d = { groups[s % 5], 100 + s % 900, (size_t)((s >> 11) % 3),
				       score, cat, t, 1, q, (s >> 13) % 2 };
	struct slant_err err;

	slant_err_clear(&err);
	assert_int_equal(slant_compare_add(c, &d, &err), 0);
}

static char *state_of(const struct slant_compare *c)
{
	struct slant_buf b;

	slant_buf_init(&b, 0);
	assert_int_equal(slant_compare_save(c, &b), 0);
	assert_int_equal(slant_buf_addc(&b, '\0'), 0);
	return b.data;
}

static char *render(struct slant_compare *c, enum slant_report_format f, size_t width, bool wide)
{
	struct slant_report_opts o = { f, 3, width, wide, NULL };
	struct slant_buf b;

	slant_buf_init(&b, 0);
	assert_int_equal(slant_compare_render(c, &o, &b), 0);
	assert_int_equal(slant_buf_addc(&b, '\0'), 0);
	return b.data;
}

/* A compare loaded back from its state; fails the test on an error. */
static struct slant_compare *reload(const struct slant_compare *c)
{
	char *s = state_of(c);
	struct slant_err err;

	slant_err_clear(&err);
	struct slant_compare *l = slant_compare_load(s, strlen(s), "state", &err);
	if (!l)
		fail_msg("load: %s", err.msg);
	free(s);
	return l;
}

static void test_merge_equals_one_run(void **state)
{
	const unsigned n = 500;
	struct slant_compare *whole = new_compare("s"), *parts[3];
	struct slant_err err;

	(void)state;
	for (unsigned i = 0; i < n; i++)
		add_article(whole, i);
	/* three uneven parts, each articles in reverse order, merged out of order through
	 * their state files */
	for (int p = 0; p < 3; p++)
		parts[p] = new_compare("s");
	for (unsigned i = n; i-- > 0;)
		add_article(parts[i < 37 ? 0 : i < 300 ? 2 : 1], i);
	struct slant_compare *m = reload(parts[1]);
	for (int p = 2; p >= 0; p -= 2) {
		struct slant_compare *l = reload(parts[p]);
		slant_err_clear(&err);
		assert_int_equal(slant_compare_merge(m, l, &err), 0);
		slant_compare_free(l);
	}
	char *a = state_of(whole), *b = state_of(m);
	assert_string_equal(a, b);
	free(a);
	free(b);
	for (int f = SLANT_REPORT_TABLE; f <= SLANT_REPORT_MARKDOWN; f++) {
		a = render(whole, (enum slant_report_format)f, 120, false);
		b = render(m, (enum slant_report_format)f, 120, false);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	const struct slant_compare_row *rw, *rm;
	size_t nw = slant_compare_rows(whole, 0, &rw), nm = slant_compare_rows(m, 0, &rm);
	assert_int_equal(nw, 5);
	assert_int_equal(nm, 5);
	for (size_t i = 0; i < nw; i++) {
		assert_string_equal(rw[i].name, rm[i].name);
		assert_true(rw[i].mean == rm[i].mean && rw[i].lo == rm[i].lo && rw[i].hi == rm[i].hi);
	}
	for (int p = 0; p < 3; p++)
		slant_compare_free(parts[p]);
	slant_compare_free(whole);
	slant_compare_free(m);
}

static void test_merge_refuses_other_setup(void **state)
{
	struct slant_compare *a = new_compare("model 1"), *b = new_compare("model 2");
	struct slant_compare_conf conf = { "topic", lcr, 3, true, cats, 2, "model 1", false };
	struct slant_compare_conf nq = { "outlet", lcr, 3, true, cats, 2, "model 1", true };
	struct slant_compare *noq = slant_compare_new(&nq);
	struct slant_compare *by = slant_compare_new(&conf);
	struct slant_err err;

	(void)state;
	add_article(a, 1);
	add_article(b, 2);
	slant_err_clear(&err);
	assert_int_equal(slant_compare_merge(a, b, &err), SLANT_EDATA);
	assert_non_null(strstr(err.msg, "different"));
	slant_err_clear(&err);
	assert_int_equal(slant_compare_merge(a, by, &err), SLANT_EDATA);
	slant_err_clear(&err);
	assert_int_equal(slant_compare_merge(a, noq, &err), SLANT_EDATA);
	const struct slant_compare_row *rows;
	assert_int_equal(slant_compare_rows(a, 0, &rows), 1); /* unchanged */
	assert_int_equal(rows[0].articles, 1);
	slant_compare_free(a);
	slant_compare_free(b);
	slant_compare_free(by);
	slant_compare_free(noq);
}

/* Sums from state files that would overflow when added are refused, the target unchanged. */
static void test_merge_overflow(void **state)
{
	const char *big = "{\"slant_compare_state\":1,\"by\":\"outlet\",\"setup\":\"s\","
			  "\"axis\":true,\"quotes\":true,\"labels\":[\"left\",\"center\",\"right\"],"
			  "\"categories\":[\"crime\",\"humanitarian\"],\"groups\":[{\"name\":\"A\","
			  "\"articles\":9000000000000,\"words\":1,\"sum\":\"9000000000000000000\","
			  "\"sumsq\":[\"0\",\"0\"],\"labels\":[0,0,9000000000000],"
			  "\"categories\":[0,0],\"quotes\":0,\"quoted_words\":0,\"kinds\":[0,0,0,0],"
			  "\"verbs\":0,\"loaded\":0,\"terms\":[],\"speaker_groups\":[],\"speakers\":[]}]}";
	struct slant_err err;

	(void)state;
	slant_err_clear(&err);
	struct slant_compare *a = slant_compare_load(big, strlen(big), "a", &err);
	if (!a)
		fail_msg("load: %s", err.msg);
	struct slant_compare *b = slant_compare_load(big, strlen(big), "b", &err);
	assert_non_null(b);
	slant_err_clear(&err);
	assert_int_equal(slant_compare_merge(a, b, &err), SLANT_EDATA);
	assert_non_null(strstr(err.msg, "too large"));
	slant_compare_free(a);
	slant_compare_free(b);
}

/* Labels and categories (a state file's, say) with control characters: the table and the
 * Markdown print no raw escape or line break in their headers. */
static void test_headers_cleaned(void **state)
{
	static const char *const bad_labels[] = { "le\nft", "cen\x1b]0;pwned\x07ter", "right" };
	static const char *const bad_cats[] = { "cr\time", "hu\x7fman" };
	struct slant_compare_conf conf = { "out\nlet", bad_labels, 3, true, bad_cats, 2, "s", false };
	struct slant_compare *c = slant_compare_new(&conf);

	(void)state;
	assert_non_null(c);
	add(c, "A", 0.1, 0, 100);
	/* a C1 escape (U+009B) and a right-to-left override (U+202E) in an outlet's name */
	add(c, "B\xc2\x9b" "2J\xe2\x80\xae" "evil", 0.2, 0, 100);
	for (int f = SLANT_REPORT_TABLE; f <= SLANT_REPORT_MARKDOWN; f++) {
		if (f == SLANT_REPORT_TSV || f == SLANT_REPORT_CSV || f == SLANT_REPORT_JSON)
			continue;
		char *out = render(c, (enum slant_report_format)f, 300, true);
		for (const char *p = out; *p; p++)
			if ((unsigned char)*p < 0x20 && *p != '\n')
				fail_msg("control character %d in the output", *p);
		assert_null(strstr(out, "\xc2\x9b"));
		assert_null(strstr(out, "\xe2\x80\xae"));
		assert_non_null(strstr(out, "evil"));
		size_t lines = 0;
		for (const char *p = out; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, f == SLANT_REPORT_MARKDOWN ? 4 : 3);
		free(out);
	}
	slant_compare_free(c);
}

/* Without quotations measured, no format shows a quotation column, and the state says so. */
static void test_no_quotes(void **state)
{
	struct slant_compare_conf conf = { "outlet", lcr, 3, true, cats, 2, "s", true };
	struct slant_compare *c = slant_compare_new(&conf);

	(void)state;
	assert_non_null(c);
	for (unsigned i = 0; i < 30; i++)
		add_article(c, i);
	for (int f = SLANT_REPORT_TABLE; f <= SLANT_REPORT_HTML; f++) {
		char *out = render(c, (enum slant_report_format)f, 200, true);
		assert_null(strstr(out, "quotes/art"));
		assert_null(strstr(out, "quotes_per_article"));
		assert_null(strstr(out, "per_article"));
		assert_null(strstr(out, "speaker"));
		assert_non_null(strstr(out, "Alpha"));
		free(out);
	}
	char *s = state_of(c);
	assert_non_null(strstr(s, "\"quotes\":false"));
	struct slant_compare *l = reload(c);
	assert_true(slant_compare_conf(l)->no_quotes);
	free(s);
	slant_compare_free(l);
	slant_compare_free(c);
}

/* ---------------------------------------------------------------- state */

static void expect_refused(const char *state, const char *what)
{
	struct slant_err err;

	slant_err_clear(&err);
	struct slant_compare *c = slant_compare_load(state, strlen(state), "part.state", &err);
	if (c)
		fail_msg("loaded: %s", state);
	assert_int_equal(err.code, SLANT_EDATA);
	assert_string_equal(err.file, "part.state");
	if (!strstr(err.msg, what))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, what);
}

static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	assert_non_null(at);
	size_t n = strlen(s) - strlen(from) + strlen(to);
	char *out = malloc(n + 1);
	assert_non_null(out);
	snprintf(out, n + 1, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	return out;
}

static void test_state_round_trip_and_refusals(void **state)
{
	struct slant_compare *c = new_compare("s");

	(void)state;
	for (unsigned i = 0; i < 40; i++)
		add_article(c, i);
	char *s = state_of(c);
	struct slant_compare *l = reload(c);
	char *s2 = state_of(l);
	assert_string_equal(s, s2);
	free(s2);
	slant_compare_free(l);

	expect_refused("", "bad JSON");
	/* two states on one line: refused, not half read */
	size_t sl = strlen(s);
	char *twice = malloc(2 * sl + 2);
	assert_non_null(twice);
	snprintf(twice, 2 * sl + 2, "%.*s %s", (int)(sl - 1), s, s);
	expect_refused(twice, "text after the state");
	free(twice);
	expect_refused("{\"x\":1}", "not a compare state");
	/* a name of bytes that are not UTF-8 would go on into every report */
	char *bytes = replace(s, "\"setup\":\"s\"", "\"setup\":\"\x9d\"");
	expect_refused(bytes, "not valid UTF-8");
	free(bytes);
	char *t = replace(s, "\"slant_compare_state\":1", "\"slant_compare_state\":2");
	expect_refused(t, "version 2");
	free(t);
	t = replace(s, "\"labels\":[\"left\",\"center\",\"right\"]", "\"labels\":[]");
	expect_refused(t, "labels");
	free(t);
	t = replace(s, "\"articles\":", "\"articles\":-");
	expect_refused(t, "bad articles");
	free(t);
	/* the first group's score sum, beyond what its articles' scores can add up to */
	const char *sum = strstr(s, "\"sum\":\"");
	assert_non_null(sum);
	const char *close = strchr(sum + 7, '"');
	t = malloc(strlen(s) + 32);
	assert_non_null(t);
	snprintf(t, strlen(s) + 32, "%.*s\"sum\":\"-900000000000%s", (int)(sum - s), s, close);
	expect_refused(t, "out of range");
	free(t);
	/* the first group's label counts, which must add up to its articles */
	const char *grp = strstr(s, "\"groups\"");
	assert_non_null(grp);
	char *tail = replace(grp, "\"labels\":[", "\"labels\":[1000");
	size_t head = (size_t)(grp - s);
	t = malloc(head + strlen(tail) + 1);
	assert_non_null(t);
	snprintf(t, head + strlen(tail) + 1, "%.*s%s", (int)head, s, tail);
	expect_refused(t, "label counts");
	free(t);
	free(tail);
	t = replace(s, "\"kinds\":[", "\"kinds\":[9");
	expect_refused(t, "quotation counts");
	free(t);
	t = replace(s, "\"terms\":[[", "\"terms\":[[7,");
	expect_refused(t, "\"terms\" is not a list of [name, count]");
	free(t);
	t = replace(s, "\"kinds\":[", "\"kinds\":[1,");
	expect_refused(t, "\"kinds\" is not a list of 4 whole numbers");
	free(t);
	/* a group listed twice */
	const char *g = strstr(s, "{\"name\":");
	const char *end = strstr(g, "},{\"name\":");
	assert_non_null(end);
	size_t glen = (size_t)(end - g) + 1;
	char *dup = malloc(strlen(s) + glen + 3);
	assert_non_null(dup);
	snprintf(dup, strlen(s) + glen + 3, "%.*s%.*s,%s", (int)(g - s), s, (int)glen, g, g);
	/* one state, one line: states stream as JSON Lines */
	assert_ptr_equal(strchr(s, '\n'), s + strlen(s) - 1);
	expect_refused(dup, "listed twice");
	free(dup);
	/* truncated anywhere: refused, never a crash */
	for (size_t n = 0; n < strlen(s); n += 97) {
		struct slant_err err;
		slant_err_clear(&err);
		assert_null(slant_compare_load(s, n, "cut", &err));
		assert_int_equal(err.code, SLANT_EDATA);
	}
	free(s);
	slant_compare_free(c);
}

/* -------------------------------------------------------------- formats */

static struct slant_compare *hostile(void)
{
	struct slant_compare *c = new_compare("s");
	uint64_t cat[2] = { 1, 2 };
	struct slant_compare_term t[] = { { "a,b \"c\"", 2 } };
	struct slant_compare_quote q[] = { { SLANT_QUOTE_DIRECT, true, false, 5, "O'Hara | Sons",
					     "fed\teral" } };
	const char *names[] = { "Comma, Inc.", "Say \"hi\"", "Line\nbreak", "Tab\there",
				"<script>alert(1)</script>", "Pipe | * _ name", "Ελληνικά 中文" };
	struct slant_err err;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (int k = 0; k < 2; k++) {
			struct slant_compare_doc d = { names[i], 300, (size_t)k, 0.1 * (double)i - 0.3,
						       cat, t, 1, q, 1 };
			slant_err_clear(&err);
			assert_int_equal(slant_compare_add(c, &d, &err), 0);
		}
	return c;
}

/* The CSV fields of one record starting at *p (RFC 4180), advancing *p past its CRLF. */
static size_t csv_record(const char **p, char fields[][128], size_t max)
{
	const char *s = *p;
	size_t n = 0;

	for (;;) {
		size_t k = 0;
		assert_true(n < max);
		if (*s == '"') {
			for (s++;; s++) {
				if (*s == '"' && s[1] == '"') {
					fields[n][k++] = '"';
					s++;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					assert_true(*s != '\0');
					fields[n][k++] = *s;
				}
			}
		} else {
			while (*s && *s != ',' && *s != '\r')
				fields[n][k++] = *s++;
		}
		fields[n++][k] = '\0';
		if (*s == ',') {
			s++;
			continue;
		}
		assert_true(s[0] == '\r' && s[1] == '\n');
		*p = s + 2;
		return n;
	}
}

static void test_csv_quoting(void **state)
{
	struct slant_compare *c = hostile();
	char *out = render(c, SLANT_REPORT_CSV, 0, false);
	const char *p = out;
	static char f[64][128];
	size_t nh, found = 0;

	(void)state;
	nh = csv_record(&p, f, 64);
	assert_string_equal(f[0], "outlet");
	while (*p) {
		assert_int_equal(csv_record(&p, f, 64), nh); /* every record as wide as the header */
		found += !strcmp(f[0], "Comma, Inc.") + !strcmp(f[0], "Say \"hi\"") +
			 !strcmp(f[0], "Line\nbreak");
	}
	assert_int_equal(found, 3);
	assert_non_null(strstr(out, "\"a,b \"\"c\"\" (4)\""));
	free(out);
	slant_compare_free(c);
}

static void test_tsv_json_markdown_escaping(void **state)
{
	struct slant_compare *c = hostile();

	(void)state;
	/* TSV: one line per group, every line with the header's fields */
	char *out = render(c, SLANT_REPORT_TSV, 0, false);
	size_t lines = 0, tabs0 = 0;
	for (char *line = out; *line; lines++) {
		char *nl = strchr(line, '\n');
		assert_non_null(nl);
		size_t tabs = 0;
		for (char *q = line; q < nl; q++)
			tabs += *q == '\t';
		if (!lines)
			tabs0 = tabs;
		assert_int_equal(tabs, tabs0);
		line = nl + 1;
	}
	assert_int_equal(lines, 8);
	assert_non_null(strstr(out, "Line break\t"));
	free(out);

	/* JSON: parses, and the names come back as they were */
	out = render(c, SLANT_REPORT_JSON, 0, false);
	cJSON *j = cJSON_Parse(out);
	assert_non_null(j);
	const cJSON *groups = cJSON_GetObjectItem(j, "groups"), *g;
	assert_int_equal(cJSON_GetArraySize(groups), 7);
	bool script = false, nl = false;
	cJSON_ArrayForEach(g, groups)
	{
		const char *name = cJSON_GetObjectItem(g, "name")->valuestring;
		script |= !strcmp(name, "<script>alert(1)</script>");
		nl |= !strcmp(name, "Line\nbreak");
		assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(g, "score"), "low"));
	}
	assert_true(script && nl);
	cJSON_Delete(j);
	free(out);

	/* Markdown: a pipe in a name does not split the row; markup characters are escaped */
	out = render(c, SLANT_REPORT_MARKDOWN, 0, false);
	assert_non_null(strstr(out, "| Pipe \\| \\* \\_ name |"));
	assert_non_null(strstr(out, "\\<script\\>"));
	assert_null(strstr(out, "<script>"));
	assert_null(strstr(out, "Line\nbreak"));
	size_t bars = 0;
	for (char *line = out; *line;) {
		char *e = strchr(line, '\n');
		size_t n = 0;
		for (char *q = line; q < e; q++)
			n += *q == '|' && (q == line || q[-1] != '\\');
		if (!bars)
			bars = n;
		assert_int_equal(n, bars);
		line = e + 1;
	}
	free(out);
	slant_compare_free(c);
}

/* Display columns of a UTF-8 line (the test's names are one column a character). */
static size_t columns_of(const char *s, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w += (unsigned char)s[i] >= 0xE4 && (unsigned char)s[i] <= 0xE9 ? 2 : 1;
	return w;
}

static void test_table_fits(void **state)
{
	struct slant_compare *c = hostile();

	(void)state;
	for (size_t width = 60; width <= 200; width += 70) {
		char *out = render(c, SLANT_REPORT_TABLE, width, false);
		size_t lines = 0;
		for (char *line = out; *line; lines++) {
			char *nl = strchr(line, '\n');
			if (strncmp(line, "(", 1) && columns_of(line, (size_t)(nl - line)) > width)
				fail_msg("wider than %zu: %.*s", width, (int)(nl - line), line);
			line = nl + 1;
		}
		assert_true(lines >= 8);
		assert_null(strstr(out, "Line\nbreak"));
		if (width == 60)
			assert_non_null(strstr(out, "--wide shows them all"));
		free(out);
	}
	/* non-ASCII names take the columns they show in: the next column lines up */
	char *out = render(c, SLANT_REPORT_TABLE, 200, false);
	char *a = strstr(out, "Ελληνικά"), *b = strstr(out, "Comma, Inc.");
	assert_non_null(a);
	assert_non_null(b);
	while (a > out && a[-1] != '\n')
		a--;
	char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
	/* the articles column ends at the same display column on both lines */
	char *na = strstr(a, " 2 "), *nb = strstr(b, " 2 ");
	assert_true(na && na < ea && nb && nb < eb);
	assert_int_equal(columns_of(a, (size_t)(na - a)), columns_of(b, (size_t)(nb - b)));
	free(out);
	out = render(c, SLANT_REPORT_TABLE, 60, true);
	assert_null(strstr(out, "--wide"));
	assert_non_null(strstr(out, "humanitarian/1k"));
	free(out);
	slant_compare_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mean_and_interval),
		cmocka_unit_test(test_interval_needs_ten),
		cmocka_unit_test(test_sorted_by_score),
		cmocka_unit_test(test_terms_and_quotes),
		cmocka_unit_test(test_merge_equals_one_run),
		cmocka_unit_test(test_merge_refuses_other_setup),
		cmocka_unit_test(test_no_quotes),
		cmocka_unit_test(test_merge_overflow),
		cmocka_unit_test(test_headers_cleaned),
		cmocka_unit_test(test_state_round_trip_and_refusals),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_tsv_json_markdown_escaping),
		cmocka_unit_test(test_table_fits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
