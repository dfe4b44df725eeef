/* test_boiler.c - boilerplate pattern files and where lines are stripped. */
#include "test.h"
#include "text/boiler.h"

static const char patterns[] =
	"# test patterns\n"
	"pattern\tkind\twhere\n"
	"advertisement\tad\tany\n"
	"\n"
	"skip to content\tnav\thead\n"
	"sign up for our * newsletter*\tsubscription\ttail\n"
	"© * all rights reserved*\tcopyright\ttail\n"
	"listen to this article*\tplayer\thead\n";

static struct slant_boiler *load(void)
{
	struct slant_err err;
	struct slant_boiler *bp;

	slant_err_clear(&err);
	bp = slant_boiler_parse(patterns, sizeof(patterns) - 1, "t.tsv", &err);
	if (!bp)
		fail_msg("%s", err.msg);
	return bp;
}

static void test_parse(void **state)
{
	struct slant_boiler *bp = load();

	(void)state;
	assert_int_equal(slant_boiler_count(bp), 5);
	slant_boiler_free(bp);
	slant_boiler_free(NULL);
}

static void expect_error(const char *data, long line, const char *msg_part)
{
	struct slant_err err;
	struct slant_boiler *bp;

	slant_err_clear(&err);
	bp = slant_boiler_parse(data, strlen(data), "bad.tsv", &err);
	assert_null(bp);
	assert_int_equal(err.code, SLANT_EDATA);
	assert_string_equal(err.file, "bad.tsv");
	assert_int_equal(err.line, line);
	if (!strstr(err.msg, msg_part))
		fail_msg("message '%s' lacks '%s'", err.msg, msg_part);
}

static void test_errors_name_the_line(void **state)
{
	(void)state;
	expect_error("pat\tkind\twhere\n", 1, "header");
	expect_error("", 1, "missing header");
	expect_error("pattern\tkind\twhere\nfoo\tad\n", 2, "3 tab-separated fields");
	expect_error("pattern\tkind\twhere\n#c\nfoo\tad\tmiddle\n", 3, "head, tail or any");
	expect_error("pattern\tkind\twhere\nfoo\tad\tany\nFOO\tnav\thead\n", 3, "duplicate");
	expect_error("pattern\tkind\twhere\nfoo\t\tany\n", 2, "missing kind");
	expect_error("pattern\tkind\twhere\n*\tad\tany\n", 2, "every line");
	expect_error("pattern\tkind\twhere\nfo\xFFo\tad\tany\n", 2, "UTF-8");
}

struct stripped {
	size_t n;
	char text[8][128];
	char kind[8][32];
	int zone[8];
};

static void strip(const char *text, const char *title, struct slant_boiler *bp,
		  struct stripped *out)
{
	static struct slant_doc *d;
	struct slant_doc_opts o = { bp, 0 };
	struct slant_err err;
	const struct slant_strip *r;

	if (!d)
		d = slant_doc_new();
	assert_int_equal(slant_doc_analyze(d, text, strlen(text), title, &o, &err), 0);
	r = slant_doc_stripped(d, &out->n);
	assert_true(out->n <= 8);
	for (size_t i = 0; i < out->n; i++) {
		snprintf(out->text[i], 128, "%.*s", (int)(r[i].end - r[i].start), text + r[i].start);
		snprintf(out->kind[i], 32, "%s", r[i].kind);
		out->zone[i] = r[i].zone;
	}
}

static void test_head_body_tail(void **state)
{
	struct slant_boiler *bp = load();
	struct stripped s;
	const char *text =
		"Skip to content\n\n"
		"HOME | NEWS | LOCAL\n\n"
		"Listen to this article 4 min\n\n"
		"By Jane Reporter\n\n"
		"Agents arrived before dawn on Tuesday, neighbours said.\n\n"
		"Skip to content\n\n" /* a head pattern in the body stays */
		"Advertisement\n\n"
		"The operation lasted a week and ended on Friday.\n\n"
		"Sign up for our daily newsletter\n\n"
		"\xC2\xA9 2025 Patriot Daily Media. All rights reserved.\n\n"
		"Share\n";

	(void)state;
	strip(text, NULL, bp, &s);
	assert_int_equal(s.n, 8);
	assert_string_equal(s.text[0], "Skip to content");
	assert_string_equal(s.kind[0], "nav");
	assert_int_equal(s.zone[0], SLANT_ZONE_HEAD);
	assert_string_equal(s.text[1], "HOME | NEWS | LOCAL"); /* all capitals, a general rule */
	assert_string_equal(s.text[2], "Listen to this article 4 min");
	assert_string_equal(s.kind[2], "player");
	assert_string_equal(s.text[3], "By Jane Reporter");
	assert_string_equal(s.kind[3], "byline");
	assert_string_equal(s.text[4], "Advertisement");
	assert_int_equal(s.zone[4], SLANT_ZONE_BODY);
	assert_string_equal(s.text[5], "Sign up for our daily newsletter");
	assert_int_equal(s.zone[5], SLANT_ZONE_TAIL);
	assert_string_equal(s.kind[6], "copyright");
	assert_string_equal(s.text[7], "Share"); /* short line at the tail, a general rule */
	slant_boiler_free(bp);
}

static void test_story_text_is_kept(void **state)
{
	struct slant_boiler *bp = load();
	struct stripped s;

	(void)state;
	/* A sentence that merely starts like a pattern, short sentences, a title-like subhead. */
	strip("It rained.\n\nSign up for our daily newsletter, the mayor urged residents on Monday.\n\n"
	      "Advertisement revenue fell 20% last year, the company said.\n\n"
	      "What comes next\n\n"
	      "Nobody knows.\n\nThey left.", NULL, bp, &s);
	assert_int_equal(s.n, 0);
	slant_boiler_free(bp);
}

static void test_title_and_no_patterns(void **state)
{
	struct stripped s;

	(void)state;
	strip("Raids Spread Fear in Port Calder\n\nAgents came at dawn, residents said.\n\n---\n",
	      "Raids spread fear in Port Calder", NULL, &s);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.kind[0], "title");
	assert_string_equal(s.text[1], "---");
	assert_string_equal(s.kind[1], "rule");
}

static void test_timestamps_and_nav_bars(void **state)
{
	struct stripped s;

	(void)state;
	strip("Home | Invasion Watch | Politics | Video | Store\n\n"
	      "Oct. 4, 2025 | Updated 5:30 p.m.\n\n"
	      "Published 6 years ago\n\n"
	      "On Oct. 5, 2025, agents arrived at 5:30 a.m., residents said.\n\n"
	      "Wed 8 Oct 2025 13.37 BST\n\n"
	      "The end came on Friday.\n\n"
	      "Last updated October 9, 2025 at 6:14 p.m. ET\n",
	      NULL, NULL, &s);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.kind[0], "nav");
	assert_string_equal(s.kind[1], "timestamp");
	assert_string_equal(s.text[2], "Published 6 years ago");
	assert_string_equal(s.kind[3], "timestamp");
	assert_int_equal(s.zone[3], SLANT_ZONE_TAIL);
	/* a transcript's speaker labels and cues are not navigation */
	strip("michael barbaro\n\nFrom New York Times, this is the show.\n\n[music]\n", NULL, NULL, &s);
	assert_int_equal(s.n, 0);
	/* bullets and guillemets separate items too */
	strip("Home \xE2\x80\xA2 Crime and Justice \xE2\x80\xA2 Politics\n\nAgents came, they said.\n\n"
	      "News \xC2\xBB Local \xC2\xBB Schools\n", NULL, NULL, &s);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.kind[0], "nav");
	assert_string_equal(s.kind[1], "nav");
	/* a story line that has a date in it, and a sentence listing things with bars, stay */
	strip("It rained | it poured | and then it stopped raining for good.\n\nThen it ended.",
	      NULL, NULL, &s);
	assert_int_equal(s.n, 0);
}

/* The key by the plain route: normalise everything, then collapse whitespace and trim. */
static void reference_key(const char *s, size_t n, struct slant_buf *out)
{
	struct slant_buf norm;
	bool space = true;

	slant_buf_init(&norm, 0);
	assert_int_equal(slant_norm_append(s, n, 0, &norm, NULL), 0);
	for (size_t i = 0; i < norm.len; i++) {
		char c = norm.data[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			if (!space)
				slant_buf_addc(out, ' ');
			space = true;
		} else {
			slant_buf_addc(out, c);
			space = false;
		}
	}
	if (out->len && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
	slant_buf_release(&norm);
}

/* The line key's fast paths (eight bytes at a time, curly marks inline) against the plain one. */
static void test_line_key_fast_paths(void **state)
{
	static const char *const pieces[] = {
		"A", "b", "Z", "z", " ", "  ", "\t", "Hello", "WORLD", "sign up for ",
		"\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x94", "\xE2\x80\x90",
		"\xE2\x80\x96", "E\xCC\x81", "\xCC\x81", "\xC3\xA9", "\xEF\xAC\x81", "12345678",
		"@[`{", "\xC2\xA0", "\x01",
	};
	struct slant_buf fast, slow;
	char s[256];
	unsigned seed = 7;

	(void)state;
	slant_buf_init(&fast, 0);
	slant_buf_init(&slow, 0);
	for (int round = 0; round < 5000; round++) {
		size_t n = 0;
		seed = seed * 1103515245u + 12345u;
		int count = 1 + (int)((seed >> 16) % 20);
		for (int k = 0; k < count; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *p = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
			if (n + strlen(p) >= sizeof(s))
				break;
			memcpy(s + n, p, strlen(p));
			n += strlen(p);
		}
		slant_buf_reset(&fast);
		slant_buf_reset(&slow);
		assert_int_equal(boiler_line_key(s, n, &fast), 0);
		reference_key(s, n, &slow);
		if (strcmp(fast.data, slow.data))
			fail_msg("round %d: '%.*s' keys '%s' != '%s'", round, (int)n, s, fast.data,
				 slow.data);
	}
	slant_buf_release(&fast);
	slant_buf_release(&slow);
}

static void test_load_file(void **state)
{
	char *dir = make_tmpdir();
	char *path = write_str(dir, "b.tsv", patterns);
	struct slant_err err;
	struct slant_boiler *bp;

	(void)state;
	bp = slant_boiler_load(path, &err);
	assert_non_null(bp);
	assert_int_equal(slant_boiler_count(bp), 5);
	slant_boiler_free(bp);
	assert_null(slant_boiler_load("/nonexistent/b.tsv", &err));
	assert_int_equal(err.code, SLANT_EIO);
	assert_non_null(strstr(err.msg, "cannot open"));
	free(path);
	rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_errors_name_the_line),
		cmocka_unit_test(test_head_body_tail),
		cmocka_unit_test(test_story_text_is_kept),
		cmocka_unit_test(test_title_and_no_patterns),
		cmocka_unit_test(test_timestamps_and_nav_bars),
		cmocka_unit_test(test_line_key_fast_paths),
		cmocka_unit_test(test_load_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
