/* test_html.c - the compare report as XHTML: escaping, self-containment, shape, determinism. */
#include "test.h"

#include <locale.h>

static const char *const labels[] = { "left", "center", "right" };
static const char *const cats[] = { "immigration", "crime", "economy" };

static struct slant_compare *new_compare(bool axis, size_t ncat)
{
	struct slant_compare_conf conf = { "outlet", labels, 3, axis, cats, ncat, "test", false };
	struct slant_compare *c = slant_compare_new(&conf);

	assert_non_null(c);
	return c;
}

/*
 * Adds `n` articles to `group` with scores spread around `score`, category matches
 * (cat[k] per article), a few terms and, when `quotes`, two quotations each: a politician's
 * and one by a speaker without a group.
 */
static void add_group(struct slant_compare *c, const char *group, size_t n, double score,
		      const uint64_t cat[3], bool quotes)
{
	const struct slant_compare_term terms[] = { { "alien", 5 }, { "crackdown", 4 },
						    { "raid", 3 }, { "sanctuary", 2 } };
	const struct slant_compare_quote q[] = {
		{ SLANT_QUOTE_DIRECT, true, false, 30, "Mayor Varga", "politician" },
		{ SLANT_QUOTE_PARTIAL, true, true, 10, NULL, NULL },
		{ SLANT_QUOTE_SCARE, false, false, 1, NULL, NULL },
	};

	for (size_t i = 0; i < n; i++) {
		struct slant_compare_doc d = { group, 500, i % 3, score + 0.02 * (double)(i % 5) - 0.04,
					       cat,   terms, 4, quotes ? q : NULL, quotes ? 3 : 0 };
		assert_int_equal(slant_compare_add(c, &d, NULL), 0);
	}
}

static char *render_top(struct slant_compare *c, const char *title, size_t top)
{
	struct slant_report_opts o = { SLANT_REPORT_HTML, top, 0, false, title };
	struct slant_buf b;

	slant_buf_init(&b, 0);
	assert_int_equal(slant_report_html(c, &o, &b), 0);
	return slant_buf_detach(&b, NULL);
}

static char *render(struct slant_compare *c)
{
	return render_top(c, NULL, 0);
}

static size_t occurrences(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static bool name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '-' || ch == ':' || ch == '_';
}

/* An entity at p ('&'): its length, or 0 when it is not one. */
static size_t entity(const char *p)
{
	size_t n = 1;

	while (name_char(p[n]) || p[n] == '#')
		n++;
	return n > 1 && p[n] == ';' ? n + 1 : 0;
}

/*
 * A small XML well-formedness check, enough for what the report writes: tags nest and
 * close by name, attributes are quoted and hold no '<', '&' starts an entity, no raw '>' in
 * text, one root element. NULL when fine, else what is wrong.
 */
static const char *xml_check(const char *s)
{
	const char *stack[64];
	size_t len[64], depth = 0, roots = 0;
	const char *p = s;

	while (*p) {
		if (*p == '&') {
			size_t n = entity(p);
			if (!n)
				return "'&' outside an entity";
			p += n;
			continue;
		}
		if (*p == '>')
			return "raw '>' in text";
		if (*p != '<') {
			p++;
			continue;
		}
		if (!strncmp(p, "<?", 2) || !strncmp(p, "<!--", 4) || !strncmp(p, "<!", 2)) {
			const char *stop = p[1] == '?' ? "?>" : p[2] == '-' ? "-->" : ">";
			const char *end = strstr(p, stop);
			if (!end)
				return "unterminated declaration";
			p = end + strlen(stop);
			continue;
		}
		bool close = p[1] == '/', empty = false;
		const char *name = p + 1 + close, *q = name;
		while (name_char(*q))
			q++;
		size_t n = (size_t)(q - name);
		if (!n)
			return "'<' without a tag name";
		for (;;) {
			q += strspn(q, " \t\n");
			if (*q == '>') {
				q++;
				break;
			}
			if (q[0] == '/' && q[1] == '>') {
				empty = true;
				q += 2;
				break;
			}
			if (close || !name_char(*q))
				return "bad attribute";
			while (name_char(*q))
				q++;
			if (q[0] != '=' || q[1] != '"')
				return "unquoted attribute";
			for (q += 2; *q != '"'; q++) {
				if (!*q || *q == '<')
					return "bad attribute value";
				if (*q == '&' && !entity(q))
					return "'&' in an attribute outside an entity";
			}
			q++;
		}
		if (close) {
			if (!depth || len[depth - 1] != n || strncmp(stack[depth - 1], name, n))
				return "a closing tag that does not match";
			depth--;
		} else if (!empty) {
			if (depth == sizeof(stack) / sizeof(stack[0]))
				return "too deep";
			if (!depth && roots++)
				return "two root elements";
			stack[depth] = name;
			len[depth++] = n;
		}
		p = q;
	}
	return depth ? "an element left open" : NULL;
}

/* No control bytes but newline, and valid UTF-8 throughout. */
static bool clean_chars(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (u[i]) {
		if (u[i] < 0x20 && u[i] != '\n')
			return false;
		size_t n = 0; /* the sequence's length by its lead byte, 0 when none */
		if (u[i] < 0x80)
			n = 1;
		else if (u[i] >= 0xC2 && u[i] < 0xE0)
			n = 2;
		else if (u[i] >= 0xE0 && u[i] < 0xF0)
			n = 3;
		else if (u[i] >= 0xF0 && u[i] < 0xF5)
			n = 4;
		if (!n)
			return false;
		for (size_t k = 1; k < n; k++)
			if ((u[i + k] & 0xC0) != 0x80)
				return false;
		i += n;
	}
	return true;
}

/* The chart-1 row of `name` (escaped): from its <g> to its </g>, as a heap string. */
static char *score_row(const char *html, const char *name)
{
	char key[256];
	const char *chart = strstr(html, "Framing score by"), *g, *end;

	snprintf(key, sizeof(key), "<g class=\"row\" aria-label=\"%s\">", name);
	assert_non_null(chart);
	g = strstr(chart, key);
	assert_non_null(g);
	end = strstr(g, "</g>");
	assert_non_null(end);
	return strndup(g, (size_t)(end - g));
}

static const uint64_t some[3] = { 4, 1, 0 };

/* ------------------------------------------------------------------ tests */

static void test_hostile_names_are_escaped(void **state)
{
	static const char *const bad_labels[] = { "<b>left</b>", "center", "right & co" };
	static const char *const bad_cats[] = { "a<b", "c&d" };
	struct slant_compare_conf conf = { "out\"let", bad_labels, 3, true, bad_cats, 2, "x", false };
	struct slant_compare *c = slant_compare_new(&conf);
	const struct slant_compare_term terms[] = { { "<img src=x>", 2 } };
	const struct slant_compare_quote q[] = {
		{ SLANT_QUOTE_DIRECT, true, false, 8, "O'Brien <i>", "gr&up" },
	};
	const uint64_t cat[2] = { 1, 2 };
	(void)state;

	assert_non_null(c);
	for (int i = 0; i < 12; i++) {
		const char *g = i % 2 ? "<script>alert(1)</script>" : "A & B \"quoted\" 'x'";
		struct slant_compare_doc d = { g, 100, 0, 0.1 * (i % 3), cat, terms, 1, q, 1 };
		assert_int_equal(slant_compare_add(c, &d, NULL), 0);
	}
	char *html = render_top(c, "Title </h1><script>", 0);
	assert_null(xml_check(html));
	/* raw forms nowhere */
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "A & B"));
	assert_null(strstr(html, "\"quoted\""));
	assert_null(strstr(html, "'x'"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<b>"));
	assert_null(strstr(html, "O'Brien"));
	assert_null(strstr(html, "gr&up"));
	assert_null(strstr(html, "c&d"));
	/* escaped forms in text and in attributes */
	assert_non_null(strstr(html, ">&lt;script&gt;alert(1)&lt;/script&gt;<"));
	assert_non_null(strstr(html, "aria-label=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
	assert_non_null(strstr(html, ">A &amp; B &quot;quoted&quot; &#39;x&#39;<"));
	assert_non_null(strstr(html, "aria-label=\"A &amp; B &quot;quoted&quot; &#39;x&#39;\""));
	assert_non_null(strstr(html, "<h1>Title &lt;/h1&gt;&lt;script&gt;</h1>"));
	assert_non_null(strstr(html, "&lt;img src=x&gt;"));
	assert_non_null(strstr(html, "O&#39;Brien &lt;i&gt;"));
	assert_non_null(strstr(html, "gr&amp;up"));
	assert_non_null(strstr(html, "&lt;b&gt;left&lt;/b&gt;"));
	assert_non_null(strstr(html, "c&amp;d"));
	assert_non_null(strstr(html, "aria-label=\"Framing score by out&quot;let\""));
	free(html);
	slant_compare_free(c);
}

static void test_self_contained(void **state)
{
	struct slant_compare *c = new_compare(true, 3);
	(void)state;

	add_group(c, "Left Daily", 12, -0.5, some, true);
	add_group(c, "Right Post", 4, 0.6, some, true);
	char *html = render(c);
	size_t ns = occurrences(html, "http://www.w3.org/1999/xhtml") +
		    occurrences(html, "http://www.w3.org/2000/svg");
	assert_int_equal(occurrences(html, "http"), ns);
	assert_true(ns >= 2);
	for (char *p = html; *p; p++) /* case-blind from here on */
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	assert_null(strstr(html, "src="));
	assert_null(strstr(html, "href"));
	assert_null(strstr(html, "url("));
	assert_null(strstr(html, "@import"));
	assert_null(strstr(html, "@font-face"));
	assert_null(strstr(html, "<link"));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	free(html);
	slant_compare_free(c);
}

static void test_prolog_and_shape(void **state)
{
	struct slant_compare *c = new_compare(true, 3);
	(void)state;

	add_group(c, "Left Daily", 12, -0.5, some, true);
	char *html = render(c);
	const char *prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
			     "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">";
	assert_memory_equal(html, prolog, strlen(prolog));
	assert_non_null(strstr(html, "<meta charset=\"UTF-8\"/>"));
	assert_non_null(strstr(html, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	assert_non_null(strstr(html, "<h1>slant compare</h1>"));
	assert_non_null(strstr(html, "1 group by outlet, 12 articles, 6,000 words"));
	/* the sections, in order */
	const char *s1 = strstr(html, "<h2>Framing score by outlet</h2>");
	const char *s2 = strstr(html, "<h2>Quoted words by speaker group</h2>");
	const char *s3 = strstr(html, "<h2>Loaded terms per 1,000 words</h2>");
	const char *s4 = strstr(html, "<table>");
	const char *s5 = strstr(html, "<footer>made by slant");
	assert_true(s1 && s2 && s3 && s4 && s5);
	assert_true(s1 < s2 && s2 < s3 && s3 < s4 && s4 < s5);
	assert_non_null(strstr(s5, "95% interval of the mean score: Student's t over articles; "
				   "none below 10 articles"));
	/* axis ends named by the first and last labels */
	assert_non_null(strstr(html, "\xE2\x86\x90 left</text>"));
	assert_non_null(strstr(html, ">right \xE2\x86\x92</text>"));
	assert_null(xml_check(html));
	assert_true(clean_chars(html));
	assert_string_equal(html + strlen(html) - 8, "</html>\n");
	free(html);
	slant_compare_free(c);
}

static void test_checker_catches_faults(void **state)
{
	(void)state;
	/* the checker itself has to be able to fail */
	assert_non_null(xml_check("<a><b></a></b>"));
	assert_non_null(xml_check("<a>x & y</a>"));
	assert_non_null(xml_check("<a t=\"<\"></a>"));
	assert_non_null(xml_check("<a t=x></a>"));
	assert_non_null(xml_check("<a>"));
	assert_non_null(xml_check("<a></a><b></b>"));
	assert_null(xml_check("<?xml?><!DOCTYPE html><a t=\"&amp;\"><b/>&#39;</a>"));
	assert_false(clean_chars("a\x01"));
	assert_false(clean_chars("a\xff"));
}

static void test_every_group_named(void **state)
{
	static const char *const names[] = { "Ελληνικά Νέα", "中文新闻网", "العربية اليوم",
					     "Plain Outlet" };
	struct slant_compare *c = new_compare(true, 3);
	(void)state;

	for (size_t i = 0; i < 4; i++)
		add_group(c, names[i], 5 + 3 * i, -0.6 + 0.4 * (double)i, some, i != 1);
	char *html = render(c);
	assert_null(xml_check(html));
	assert_true(clean_chars(html));
	for (size_t i = 0; i < 4; i++) {
		char key[128];
		snprintf(key, sizeof(key), "<tr><th scope=\"row\">%s</th>", names[i]);
		assert_non_null(strstr(html, key));
		/* in each chart too: a row per group */
		snprintf(key, sizeof(key), "aria-label=\"%s\"", names[i]);
		assert_int_equal(occurrences(html, key), 3);
	}
	/* rows in the compare's order: by mean score */
	assert_true(strstr(html, "<th scope=\"row\">Ελληνικά Νέα") <
		    strstr(html, "<th scope=\"row\">Plain Outlet"));
	/* the group without quotations says so in chart 2 */
	const char *chart2 = strstr(html, "Quoted words by speaker group");
	const char *row = strstr(chart2, "aria-label=\"中文新闻网\"");
	assert_non_null(row);
	assert_true(strstr(row, "no quotations") < strstr(row, "</g>"));
	free(html);
	slant_compare_free(c);
}

static void test_too_few_for_an_interval(void **state)
{
	struct slant_compare *c = new_compare(true, 3);
	(void)state;

	add_group(c, "Tiny", 3, 0.2, some, true);
	add_group(c, "Big", 12, -0.2, some, true);
	char *html = render(c);
	char *tiny = score_row(html, "Tiny"), *big = score_row(html, "Big");
	assert_non_null(strstr(tiny, "(n=3, too few for an interval)"));
	assert_non_null(strstr(tiny, "class=\"few\""));
	assert_null(strstr(tiny, "class=\"ci\""));
	assert_null(strstr(tiny, "class=\"dot\""));
	assert_null(strstr(big, "too few"));
	assert_non_null(strstr(big, "class=\"ci\""));
	assert_non_null(strstr(big, "class=\"dot\""));
	/* the table: an interval for Big, none for Tiny */
	const char *t = strstr(html, "<th scope=\"row\">Tiny</th>");
	assert_non_null(t);
	assert_true(strstr(t, "n&lt;10: no interval") < strstr(t, "</tr>"));
	t = strstr(html, "<th scope=\"row\">Big</th>");
	assert_true(strstr(t, "<td class=\"n\">-0.2") < strstr(t, "</tr>"));
	assert_true(strstr(t, " to ") < strstr(t, "</tr>"));
	free(tiny);
	free(big);
	free(html);
	slant_compare_free(c);
}

static void test_no_axis(void **state)
{
	struct slant_compare *c = new_compare(false, 3);
	(void)state;

	add_group(c, "Left Daily", 12, -0.5, some, true);
	add_group(c, "Right Post", 12, 0.5, some, true);
	char *html = render(c);
	assert_null(strstr(html, "Framing score"));
	assert_null(strstr(html, "mean score"));
	assert_null(strstr(html, "class=\"ci\""));
	assert_null(strstr(html, "Student"));
	assert_non_null(strstr(html, "<h2>Quoted words by speaker group</h2>"));
	assert_non_null(strstr(html, "<h2>Loaded terms per 1,000 words</h2>"));
	assert_non_null(strstr(html, "<th class=\"n\">% center</th>"));
	assert_null(xml_check(html));
	free(html);
	slant_compare_free(c);
}

static void test_zero_groups(void **state)
{
	struct slant_compare *c = new_compare(true, 3);
	(void)state;

	char *html = render(c);
	assert_non_null(strstr(html, "no articles"));
	assert_null(strstr(html, "<svg"));
	assert_null(strstr(html, "<table"));
	assert_non_null(strstr(html, "<footer>"));
	assert_null(xml_check(html));
	free(html);
	slant_compare_free(c);
}

static void test_control_characters(void **state)
{
	struct slant_compare *c = new_compare(true, 3);
	(void)state;

	add_group(c, "Bad\x01Name\x1b[31m", 2, 0, some, true);
	add_group(c, "Tab\tLine\nBreak\r", 2, 0.1, some, true);
	add_group(c, "Broken \xff\xfe UTF-8 \xC3", 2, 0.2, some, true);
	add_group(c, "Del\x7f C1\xC2\x85", 2, 0.3, some, true);
	char *html = render(c);
	assert_true(clean_chars(html));
	assert_null(xml_check(html));
	assert_non_null(strstr(html, ">Bad\xEF\xBF\xBDName\xEF\xBF\xBD[31m<"));
	assert_non_null(strstr(html, ">Tab Line Break <"));
	assert_non_null(strstr(html, ">Broken \xEF\xBF\xBD\xEF\xBF\xBD UTF-8 \xEF\xBF\xBD<"));
	assert_non_null(strstr(html, ">Del\xEF\xBF\xBD C1\xEF\xBF\xBD<"));
	free(html);
	slant_compare_free(c);
}

static struct slant_compare *sample(void)
{
	struct slant_compare *c = new_compare(true, 3);
	const uint64_t more[3] = { 9, 0, 2 };

	add_group(c, "Left Daily", 15, -0.5, some, true);
	add_group(c, "Centre Wire", 11, 0.0, more, true);
	add_group(c, "Right Post", 4, 0.6, more, false);
	return c;
}

static void test_deterministic(void **state)
{
	struct slant_compare *a = sample(), *b = sample();
	(void)state;

	char *x = render(a), *y = render(a), *z = render(b);
	assert_string_equal(x, y);
	assert_string_equal(x, z);
	assert_null(xml_check(x));
	free(x);
	free(y);
	free(z);
	slant_compare_free(a);
	slant_compare_free(b);
}

/* Numbers do not go through the locale: a decimal comma would break the SVG coordinates. */
static void test_numbers_ignore_the_locale(void **state)
{
	struct slant_compare *c = sample();
	char *x = render(c), *y;
	(void)state;

	if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "fr_FR.UTF-8") &&
	    !setlocale(LC_NUMERIC, "de_DE.utf8")) {
		free(x);
		slant_compare_free(c);
		skip(); /* no locale with a decimal comma installed */
	}
	y = render(c);
	setlocale(LC_NUMERIC, "C");
	assert_string_equal(x, y);
	free(x);
	free(y);
	slant_compare_free(c);
}

static void test_failure_leaves_the_buffer(void **state)
{
	struct slant_compare *c = sample();
	struct slant_buf b;
	(void)state;

	/* a capped buffer that cannot take the page: an error, and what it held stays */
	slant_buf_init(&b, 4000);
	assert_int_equal(slant_buf_adds(&b, "before"), 0);
	assert_true(slant_report_html(c, NULL, &b) < 0);
	assert_string_equal(b.data, "before");
	assert_int_equal(b.len, 6);
	slant_buf_release(&b);
	/* NULL options are the defaults */
	slant_buf_init(&b, 0);
	assert_int_equal(slant_report_html(c, NULL, &b), 0);
	assert_non_null(strstr(b.data, "<h1>slant compare</h1>"));
	slant_buf_release(&b);
	slant_compare_free(c);
}

static void test_no_quotes_no_categories(void **state)
{
	struct slant_compare *c = new_compare(true, 0);
	(void)state;

	add_group(c, "Left Daily", 12, -0.5, NULL, false);
	add_group(c, "Right Post", 12, 0.5, NULL, false);
	char *html = render(c);
	assert_non_null(strstr(html, "No quotations"));
	assert_null(strstr(html, "Loaded terms"));
	assert_null(strstr(html, "class=\"legend\""));
	assert_non_null(strstr(html, "Framing score by outlet"));
	assert_null(xml_check(html));
	free(html);
	slant_compare_free(c);
}

static void test_speaker_group_colours(void **state)
{
	struct slant_compare *c = sample();
	(void)state;

	char *html = render(c);
	/* politician has the most quoted words overall: the first colour in every bar */
	assert_non_null(strstr(html, "fill=\"#0072B2\" stroke=\"#fff\" stroke-width=\"1\"><title>"
				     "Left Daily \xE2\x80\x94 politician: 75.0% of quoted words"));
	assert_non_null(strstr(html, "fill=\"#0072B2\" stroke=\"#fff\" stroke-width=\"1\"><title>"
				     "Centre Wire \xE2\x80\x94 politician: 75.0%"));
	/* speakers without a group are grey */
	assert_non_null(strstr(html, "fill=\"#C4C9D0\" stroke=\"#fff\" stroke-width=\"1\"><title>"
				     "Left Daily \xE2\x80\x94 unknown: 25.0%"));
	/* a legend with both */
	const char *legend = strstr(html, "<ul class=\"legend\">");
	assert_non_null(legend);
	assert_true(strstr(legend, "#0072B2\"></span>politician</li>") < strstr(legend, "</ul>"));
	assert_true(strstr(legend, "#C4C9D0\"></span>unknown") < strstr(legend, "</ul>"));
	/* Right Post has no quotations */
	const char *row = strstr(strstr(html, "Quoted words by speaker group"),
				 "aria-label=\"Right Post\"");
	assert_true(strstr(row, "no quotations") < strstr(row, "</g>"));
	free(html);
	slant_compare_free(c);
}

static void test_segments_stack_in_one_order(void **state)
{
	struct slant_compare *c = new_compare(true, 0);
	const struct slant_compare_quote qa[] = {
		{ SLANT_QUOTE_DIRECT, true, false, 30, "P", "politician" },
		{ SLANT_QUOTE_DIRECT, true, false, 20, "E", "expert" },
	};
	const struct slant_compare_quote qb[] = {
		{ SLANT_QUOTE_DIRECT, true, false, 50, NULL, NULL },
		{ SLANT_QUOTE_DIRECT, true, false, 25, "E", "expert" },
		{ SLANT_QUOTE_DIRECT, true, false, 10, "P", "politician" },
	};
	struct slant_compare_doc a = { "A", 100, 0, -0.5, NULL, NULL, 0, qa, 2 };
	struct slant_compare_doc b = { "B", 100, 0, 0.5, NULL, NULL, 0, qb, 3 };
	(void)state;

	assert_int_equal(slant_compare_add(c, &a, NULL), 0);
	assert_int_equal(slant_compare_add(c, &b, NULL), 0);
	char *html = render(c);
	/* overall: politician 40 words, expert 45: expert first in every bar, unknown last,
	 * whatever each bar's own order (B's is unknown, expert, politician) */
	const char *row = strstr(strstr(html, "Quoted words by"), "aria-label=\"B\"");
	const char *e = strstr(row, "B \xE2\x80\x94 expert");
	const char *p = strstr(row, "B \xE2\x80\x94 politician");
	const char *u = strstr(row, "B \xE2\x80\x94 unknown");
	assert_true(e && p && u);
	assert_true(e < p && p < u);
	assert_non_null(strstr(html, "fill=\"#0072B2\" stroke=\"#fff\" stroke-width=\"1\"><title>A "
				     "\xE2\x80\x94 expert"));
	assert_non_null(strstr(html, "fill=\"#E69F00\" stroke=\"#fff\" stroke-width=\"1\"><title>A "
				     "\xE2\x80\x94 politician"));
	/* the legend in the same order */
	const char *legend = strstr(html, "<ul class=\"legend\">");
	assert_true(strstr(legend, ">expert<") < strstr(legend, ">politician<"));
	assert_true(strstr(legend, ">politician<") < strstr(legend, ">unknown"));
	free(html);
	slant_compare_free(c);
}

static void test_table_numbers_and_top(void **state)
{
	struct slant_compare *c = sample();
	(void)state;

	char *html = render_top(c, NULL, 2);
	const char *t = strstr(html, "<th scope=\"row\">Left Daily</th>");
	const char *end = strstr(t, "</tr>");
	char *row = strndup(t, (size_t)(end - t));
	/* 15 articles, 7,500 words, labels 0,1,2 cycling: a third each */
	assert_non_null(strstr(row, "<td class=\"n\">15</td><td class=\"n\">7,500</td>"));
	assert_int_equal(occurrences(row, "<td class=\"n\">33%</td>"), 3);
	/* three quotations an article, one a scare quote, one of two verbs loaded */
	assert_non_null(strstr(row, ">3.0</td>"));
	assert_non_null(strstr(row, ">33%</td><td class=\"n\" title=\"of attribution verbs\">50%<"));
	assert_non_null(strstr(row, "<bdi>Mayor Varga</bdi> (15)"));
	/* top 2 terms only */
	assert_non_null(strstr(row, "<bdi>alien</bdi> (75), <bdi>crackdown</bdi> (60)"));
	assert_null(strstr(row, "raid"));
	free(row);
	free(html);
	/* top 0 means 5: all four */
	html = render(c);
	assert_non_null(strstr(html, "<bdi>sanctuary</bdi> (30)"));
	free(html);
	slant_compare_free(c);
}

static void test_heat_map_scaled_per_column(void **state)
{
	struct slant_compare *c = new_compare(true, 3);
	const uint64_t a[3] = { 100, 0, 1 }, b[3] = { 50, 0, 2 };
	(void)state;

	add_group(c, "A", 10, -0.1, a, false);
	add_group(c, "B", 10, 0.1, b, false);
	char *html = render(c);
	const char *map = strstr(html, "Loaded terms per 1,000 words");
	/* the rare category's maximum is as dark as the common one's */
	assert_non_null(strstr(map, "fill=\"#08306B\" stroke=\"#fff\" stroke-width=\"1\"><title>A "
				    "\xE2\x80\x94 immigration: 200.00 per 1,000 words"));
	assert_non_null(strstr(map, "fill=\"#08306B\" stroke=\"#fff\" stroke-width=\"1\"><title>B "
				    "\xE2\x80\x94 economy: 4.00 per 1,000 words"));
	assert_null(strstr(map, "fill=\"#08306B\" stroke=\"#fff\" stroke-width=\"1\"><title>A "
				 "\xE2\x80\x94 economy"));
	/* a column of zeros stays pale */
	assert_non_null(strstr(map, "fill=\"#F7FBFF\" stroke=\"#fff\" stroke-width=\"1\"><title>A "
				    "\xE2\x80\x94 crime: 0.00"));
	/* values printed in the cells */
	assert_non_null(strstr(map, ">200</text>"));
	assert_non_null(strstr(map, ">2.0</text>"));
	free(html);
	slant_compare_free(c);
}

static void test_many_groups_and_long_names(void **state)
{
	static const char *const many[] = {
		"c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10", "c11", "c12",
		"c13", "c14", "c15", "c16", "c17", "c18", "c19", "c20", "c21", "c22", "c23", "c24",
		"c25", "c26", "c27", "c28", "c29", "c30", "c31", "c32", "c33", "c34", "c35",
	};
	struct slant_compare_conf conf = { "outlet", labels, 3, true, many, 35, "x", false };
	struct slant_compare *c = slant_compare_new(&conf);
	uint64_t cat[35] = { 0 };
	char name[64], longname[600] = "";
	(void)state;

	for (size_t k = 0; k < 35; k++)
		cat[k] = k;
	for (int i = 0; i < 250; i++) {
		snprintf(name, sizeof(name), "outlet %03d", i);
		struct slant_compare_doc d = { name, 1000, 0, -1 + i / 125.0, cat, NULL, 0, NULL, 0 };
		assert_int_equal(slant_compare_add(c, &d, NULL), 0);
	}
	for (int i = 0; i < 30; i++)
		strcat(longname, i ? " Very Long Name" : "Very Long Name");
	struct slant_compare_doc d = { longname, 10, 0, 0, cat, NULL, 0, NULL, 0 };
	assert_int_equal(slant_compare_add(c, &d, NULL), 0);
	char *html = render(c);
	assert_null(xml_check(html));
	for (int i = 0; i < 250; i++) {
		snprintf(name, sizeof(name), "<th scope=\"row\">outlet %03d</th>", i);
		assert_non_null(strstr(html, name));
	}
	/* the score chart grows with the groups: at least 20 px a row */
	const char *svg = strstr(strstr(html, "Framing score by"), "<svg");
	const char *hp = strstr(svg, "height=\"");
	assert_true(strtol(hp + 8, NULL, 10) >= 251 * 20);
	/* no chart wider than the page: 35 columns of 40 px make a heat map of two blocks */
	for (svg = strstr(html, "<svg"); svg; svg = strstr(svg + 1, "<svg"))
		assert_true(strtol(strstr(svg, "width=\"") + 7, NULL, 10) <= 1176);
	svg = strstr(html, "Loaded terms per");
	assert_int_equal(occurrences(svg, "<svg"), 2);
	assert_int_equal(occurrences(svg, "aria-label=\"outlet 042\""), 2);
	for (size_t k = 0; k < 35; k++) {
		snprintf(name, sizeof(name), ">%s</text>", many[k]);
		assert_int_equal(occurrences(svg, name), 1);
	}
	/* each block starts with a column of cells 40 px wide, one per group */
	assert_int_equal(occurrences(svg, "<rect x=\"250\" y=\""), 2 * 251);
	assert_int_equal(occurrences(svg, "width=\"40\" height=\"20\""), 35 * 251);
	/* a long name is cut with an ellipsis in the charts, whole in its tooltip and table */
	const char *cut = strstr(html, "text-anchor=\"end\">Very Long Name");
	assert_non_null(cut);
	cut += strlen("text-anchor=\"end\">");
	size_t kept = (size_t)(strstr(cut, "\xE2\x80\xA6</text>") - cut);
	assert_true(kept > 10 && kept < 40);
	assert_memory_equal(cut, longname, kept);
	char *key = malloc(strlen(longname) + 64);
	snprintf(key, strlen(longname) + 64, "<title>%s: mean", longname);
	assert_non_null(strstr(html, key));
	snprintf(key, strlen(longname) + 64, "<th scope=\"row\">%s</th>", longname);
	assert_non_null(strstr(html, key));
	free(key);
	free(html);
	slant_compare_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checker_catches_faults),
		cmocka_unit_test(test_hostile_names_are_escaped),
		cmocka_unit_test(test_self_contained),
		cmocka_unit_test(test_prolog_and_shape),
		cmocka_unit_test(test_every_group_named),
		cmocka_unit_test(test_too_few_for_an_interval),
		cmocka_unit_test(test_no_axis),
		cmocka_unit_test(test_zero_groups),
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_numbers_ignore_the_locale),
		cmocka_unit_test(test_failure_leaves_the_buffer),
		cmocka_unit_test(test_no_quotes_no_categories),
		cmocka_unit_test(test_speaker_group_colours),
		cmocka_unit_test(test_segments_stack_in_one_order),
		cmocka_unit_test(test_table_numbers_and_top),
		cmocka_unit_test(test_heat_map_scaled_per_column),
		cmocka_unit_test(test_many_groups_and_long_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
