/*
 * render.c - the compare table in text formats: an aligned table that fits the terminal,
 * TSV, CSV (RFC 4180), JSON and Markdown. HTML is html.c's.
 *
 * Every format is built from the same columns: a column has a header and one cell per row,
 * so the formats agree on what they show; the table picks the columns that fit.
 */
#include "slant.h"
#include "internal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static double ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0;
}

static uint64_t sum_cats(const struct slant_compare_row *r, size_t ncat)
{
	uint64_t n = 0;

	for (size_t k = 0; k < ncat; k++)
		n += r->categories[k];
	return n;
}

/* --------------------------------------------------------------- columns */

enum { ALIGN_LEFT, ALIGN_RIGHT };

/* A column: its header and cells, each a string in `text`. */
struct column {
	char *header;
	size_t *cell; /* offsets in text, one per row */
	int align;
	int priority; /* the table keeps lower numbers first */
	bool list;    /* a list that may be cut to fit */
	bool wide;    /* shown in the table only with --wide */
	size_t width; /* display width, set by the table */
	bool shown;
};

struct columns {
	struct column *v;
	size_t n, cap;
	size_t nrows;
	struct slant_buf text;
};

static void columns_free(struct columns *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		free(cs->v[i].header);
		free(cs->v[i].cell);
	}
	free(cs->v);
	slant_buf_release(&cs->text);
}

static struct column *column_new(struct columns *cs, const char *header, int align, int priority,
				 bool list, bool wide)
{
	if (SLANT_GROW(cs->v, cs->cap, cs->n + 1))
		return NULL;
	struct column *c = &cs->v[cs->n];
	memset(c, 0, sizeof(*c));
	if (!(c->header = strdup(header)) || !(c->cell = calloc(cs->nrows + 1, sizeof(size_t)))) {
		free(c->header);
		return NULL;
	}
	c->align = align;
	c->priority = priority;
	c->list = list;
	c->wide = wide;
	cs->n++;
	return c;
}

static const char *cell(const struct columns *cs, const struct column *c, size_t row)
{
	return cs->text.data + c->cell[row];
}

/* Starts cell `row` of column c: what is added to cs->text until the next start is its text. */
static int cell_begin(struct columns *cs, struct column *c, size_t row)
{
	if (slant_buf_addc(&cs->text, '\0')) /* ends the cell before */
		return SLANT_ENOMEM;
	c->cell[row] = cs->text.len;
	return 0;
}

static int cell_set(struct columns *cs, struct column *c, size_t row, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int cell_set(struct columns *cs, struct column *c, size_t row, const char *fmt, ...)
{
	char tmp[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (cell_begin(cs, c, row))
		return SLANT_ENOMEM;
	return slant_buf_adds(&cs->text, tmp);
}

/*
 * Control characters in s (not the cells' NUL separators) become spaces: C0 and DEL, C1
 * (U+0080-U+009F, which terminals obey: U+009B starts an escape sequence) and the bidi
 * controls (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069, which reorder the rest of
 * the line).
 */
static void blank_controls(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i], c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0,
			      c2 = i + 2 < n ? (unsigned char)s[i + 2] : 0;
		size_t len = 0;
		if ((c && c < 0x20) || c == 0x7f)
			len = 1;
		else if ((c == 0xc2 && c1 >= 0x80 && c1 <= 0x9f) || (c == 0xd8 && c1 == 0x9c))
			len = 2;
		else if (c == 0xe2 && ((c1 == 0x80 && ((c2 >= 0x8e && c2 <= 0x8f) ||
						       (c2 >= 0xaa && c2 <= 0xae))) ||
				       (c1 == 0x81 && c2 >= 0xa6 && c2 <= 0xa9)))
			len = 3;
		for (size_t k = 0; k < len; k++)
			s[i + k] = ' ';
		if (len)
			i += len - 1;
	}
}

/* "Name (3), Other (2)": a cell listing names and their counts. */
static int list_cell(struct columns *cs, struct column *c, size_t row,
		     const struct slant_compare_count *v, size_t n)
{
	int ret = cell_begin(cs, c, row);

	for (size_t k = 0; !ret && k < n; k++)
		ret = slant_buf_addf(&cs->text, "%s%s (%" PRIu64 ")", k ? ", " : "", v[k].name,
				     v[k].count);
	return ret;
}

static int pct(struct columns *cs, struct column *c, size_t row, double share, bool tabular)
{
	return tabular ? cell_set(cs, c, row, "%.4f", share) :
			 cell_set(cs, c, row, "%.0f%%", 100 * share);
}

/*
 * Builds the columns of `rows`. `tabular`: machine-readable cells (TSV, CSV: fractions,
 * separate interval bounds, every category); otherwise for people (table, Markdown).
 */
static int build(struct columns *cs, const struct slant_compare_conf *conf,
		 const struct slant_compare_row *rows, size_t n, bool tabular)
{
	struct column *c;
	char head[256];
	int ret = 0;

	cs->nrows = n;
	slant_buf_init(&cs->text, 0);
#define COL(h, al, pr, li, wi)                                                  \
	do {                                                                    \
		if (!(c = column_new(cs, (h), (al), (pr), (li), (wi))))         \
			return SLANT_ENOMEM;                                    \
	} while (0)
#define EACH for (size_t i = 0; !ret && i < n; i++)

	COL(conf->by[0] ? conf->by : "group", ALIGN_LEFT, 0, false, false);
	EACH
	{
		if (!(ret = cell_begin(cs, c, i)))
			ret = slant_buf_adds(&cs->text, rows[i].name);
	}
	COL("articles", ALIGN_RIGHT, 1, false, false);
	EACH ret = cell_set(cs, c, i, "%" PRIu64, rows[i].articles);
	COL("words", ALIGN_RIGHT, 9, false, false);
	EACH ret = cell_set(cs, c, i, "%" PRIu64, rows[i].words);
	if (conf->axis && tabular) {
		COL("score", ALIGN_RIGHT, 2, false, false);
		EACH ret = cell_set(cs, c, i, "%.4f", rows[i].mean);
		COL("score_low", ALIGN_RIGHT, 2, false, false);
		EACH ret = rows[i].has_ci ? cell_set(cs, c, i, "%.4f", rows[i].lo) : cell_set(cs, c, i, "%s", "");
		COL("score_high", ALIGN_RIGHT, 2, false, false);
		EACH ret = rows[i].has_ci ? cell_set(cs, c, i, "%.4f", rows[i].hi) : cell_set(cs, c, i, "%s", "");
	} else if (conf->axis) {
		COL("score [95% interval]", ALIGN_LEFT, 2, false, false);
		EACH
		{
			const struct slant_compare_row *r = &rows[i];
			ret = r->has_ci ? cell_set(cs, c, i, "%+.3f [%+.2f, %+.2f]", r->mean, r->lo, r->hi) :
					  cell_set(cs, c, i, "%+.3f (n<%d)", r->mean, SLANT_COMPARE_MIN_CI);
		}
	}
	for (size_t k = 0; !ret && k < conf->nlabels; k++) {
		snprintf(head, sizeof(head), tabular ? "label_%s" : "%s", conf->labels[k]);
		COL(head, ALIGN_RIGHT, 3, false, false);
		EACH ret = pct(cs, c, i, ratio(rows[i].labels[k], rows[i].articles), tabular);
	}
	if (conf->ncategories) {
		COL(tabular ? "loaded_per_1000" : "loaded/1k", ALIGN_RIGHT, 4, false, false);
		EACH ret = cell_set(cs, c, i, tabular ? "%.3f" : "%.1f",
				    1000 * ratio(sum_cats(&rows[i], conf->ncategories), rows[i].words));
		for (size_t k = 0; !ret && k < conf->ncategories; k++) {
			snprintf(head, sizeof(head), tabular ? "%s_per_1000" : "%s/1k",
				 conf->categories[k]);
			COL(head, ALIGN_RIGHT, 20, false, !tabular);
			EACH ret = cell_set(cs, c, i, tabular ? "%.3f" : "%.1f",
					    1000 * ratio(rows[i].categories[k], rows[i].words));
		}
	}
	if (conf->no_quotes)
		goto lists;
	COL(tabular ? "quotes_per_article" : "quotes/art", ALIGN_RIGHT, 5, false, false);
	EACH ret = cell_set(cs, c, i, tabular ? "%.3f" : "%.1f", ratio(rows[i].quotes, rows[i].articles));
	COL(tabular ? "scare_quote_rate" : "scare", ALIGN_RIGHT, 6, false, false);
	EACH ret = pct(cs, c, i, ratio(rows[i].kinds[SLANT_QUOTE_SCARE], rows[i].quotes), tabular);
	COL(tabular ? "loaded_verb_rate" : "loaded verbs", ALIGN_RIGHT, 7, false, false);
	EACH ret = pct(cs, c, i, ratio(rows[i].loaded, rows[i].verbs), tabular);
	COL(tabular ? "quoted_words_by_group" : "quoted words by group", ALIGN_LEFT, 8, true, false);
	EACH
	{
		const struct slant_compare_row *r = &rows[i];
		ret = cell_begin(cs, c, i);
		for (size_t k = 0; !ret && k < r->ngroups; k++)
			ret = slant_buf_addf(&cs->text, tabular ? "%s%s %.4f" : "%s%s %.0f%%", k ? ", " : "",
					     r->groups[k].name,
					     (tabular ? 1 : 100) * ratio(r->groups[k].count, r->quoted_words));
	}
	COL(tabular ? "top_speakers" : "top speakers", ALIGN_LEFT, 10, true, false);
	EACH ret = list_cell(cs, c, i, rows[i].speakers, rows[i].nspeakers);
lists:
	if (conf->ncategories) {
		COL(tabular ? "top_terms" : "top terms", ALIGN_LEFT, 11, true, false);
		EACH ret = list_cell(cs, c, i, rows[i].terms, rows[i].nterms);
	}
	if (!ret)
		ret = slant_buf_addc(&cs->text, '\0');
	/* for people: a line break, tab or escape in a name (or, from a state file, a label or
	 * category) would break the table's lines or drive the terminal */
	if (!ret && !tabular) {
		blank_controls(cs->text.data, cs->text.len);
		for (size_t k = 0; k < cs->n; k++)
			blank_controls(cs->v[k].header, strlen(cs->v[k].header));
	}
#undef COL
#undef EACH
	return ret;
}

/* ------------------------------------------------------------ delimited */

/* TSV: a tab or line break inside a field becomes a space. */
static int add_tsv(struct slant_buf *b, const char *s)
{
	int ret = 0;

	for (; !ret && *s; s++)
		ret = slant_buf_addc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
	return ret;
}

/* CSV (RFC 4180): quoted when it holds a comma, a quote or a line break; quotes doubled. */
static int add_csv(struct slant_buf *b, const char *s)
{
	int ret = 0;

	if (!s[strcspn(s, ",\"\r\n")])
		return slant_buf_adds(b, s);
	ret = slant_buf_addc(b, '"');
	for (; !ret && *s; s++)
		ret = *s == '"' ? slant_buf_adds(b, "\"\"") : slant_buf_addc(b, *s);
	return ret ? ret : slant_buf_addc(b, '"');
}

static int render_delimited(const struct columns *cs, bool csv, struct slant_buf *out)
{
	int ret = 0;
	const char *sep = csv ? "," : "\t", *eol = csv ? "\r\n" : "\n";

	for (size_t r = 0; !ret && r <= cs->nrows; r++) {
		for (size_t k = 0; !ret && k < cs->n; k++) {
			const char *s = r ? cell(cs, &cs->v[k], r - 1) : cs->v[k].header;
			if (k)
				ret = slant_buf_adds(out, sep);
			if (!ret)
				ret = csv ? add_csv(out, s) : add_tsv(out, s);
		}
		if (!ret)
			ret = slant_buf_adds(out, eol);
	}
	return ret;
}

/* ------------------------------------------------------------- markdown */

static int add_md(struct slant_buf *b, const char *s)
{
	int ret = 0;

	for (; !ret && *s; s++) {
		if (strchr("\\|*_`[]<>#", *s))
			ret = slant_buf_addc(b, '\\');
		if (!ret)
			ret = slant_buf_addc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
	}
	return ret;
}

static int render_markdown(const struct columns *cs, const struct slant_report_opts *o,
			   struct slant_buf *out)
{
	int ret = 0;

	if (o->title) {
		ret = slant_buf_adds(out, "## ");
		if (!ret)
			ret = add_md(out, o->title);
		if (!ret)
			ret = slant_buf_adds(out, "\n\n");
	}
	for (size_t r = 0; !ret && r <= cs->nrows + 1; r++) {
		for (size_t k = 0; !ret && k < cs->n; k++) {
			const struct column *c = &cs->v[k];
			if (c->wide)
				continue;
			ret = slant_buf_adds(out, "| ");
			if (ret)
				break;
			if (r == 1)
				ret = slant_buf_adds(out, c->align == ALIGN_RIGHT ? "--: " : ":-- ");
			else if (!(ret = add_md(out, r ? cell(cs, c, r - 2) : c->header)))
				ret = slant_buf_addc(out, ' ');
		}
		if (!ret)
			ret = slant_buf_adds(out, "|\n");
	}
	return ret;
}

/* ---------------------------------------------------------------- table */

/* Display width of UTF-8 text (wide characters count two, combining marks none). */
static size_t text_width(const char *s, size_t n)
{
	size_t w = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;

	while (n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp);
		if (k <= 0) {
			k = 1;
			cp = 0xFFFD;
		}
		int cw = utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
		p += k;
		n -= (size_t)k;
	}
	return w;
}

/* Adds s cut to `width` display columns (an ellipsis where cut), padded to it. */
static int add_fitted(struct slant_buf *b, const char *s, size_t width, int align)
{
	size_t n = strlen(s), w = text_width(s, n), len = n;
	bool cut = w > width;
	int ret = 0;

	if (cut) { /* keep what fits in width - 1, then "…" */
		const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
		size_t at = 0, used = 0;
		while (at < n) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate(p + at, (utf8proc_ssize_t)(n - at), &cp);
			if (k <= 0) {
				k = 1;
				cp = 0xFFFD;
			}
			int cw = utf8proc_charwidth(cp);
			size_t cwz = cw > 0 ? (size_t)cw : 0;
			if (used + cwz > width - 1)
				break;
			used += cwz;
			at += (size_t)k;
		}
		len = at;
		w = used + 1;
	}
	for (size_t i = w; align == ALIGN_RIGHT && !ret && i < width; i++)
		ret = slant_buf_addc(b, ' ');
	if (!ret)
		ret = slant_buf_add(b, s, len);
	if (!ret && cut)
		ret = slant_buf_adds(b, "\xe2\x80\xa6");
	for (size_t i = w; align == ALIGN_LEFT && !ret && i < width; i++)
		ret = slant_buf_addc(b, ' ');
	return ret;
}

#define LIST_CAP 48 /* a list column's widest, unless --wide */
#define LIST_MIN 12 /* narrower than this, a list column is dropped instead of cut */

static int cmp_priority(const void *a, const void *b)
{
	const struct column *x = *(const struct column *const *)a,
			    *y = *(const struct column *const *)b;

	if (x->priority != y->priority)
		return x->priority - y->priority;
	return x < y ? -1 : x > y;
}

static int render_table(struct columns *cs, const struct slant_report_opts *o,
			struct slant_buf *out)
{
	size_t width = o->width ? o->width : 100, used = 0;
	struct column **order = malloc((cs->n + 1) * sizeof(*order));
	int ret = 0;

	if (!order)
		return SLANT_ENOMEM;
	for (size_t k = 0; k < cs->n; k++) {
		struct column *c = &cs->v[k];
		c->width = text_width(c->header, strlen(c->header));
		for (size_t r = 0; r < cs->nrows; r++) {
			const char *s = cell(cs, c, r);
			size_t w = text_width(s, strlen(s));
			c->width = w > c->width ? w : c->width;
		}
		if (c->list && !o->wide && c->width > LIST_CAP)
			c->width = LIST_CAP;
		order[k] = c;
	}
	/* the most important columns first, as long as they fit; the name always */
	qsort(order, cs->n, sizeof(*order), cmp_priority);
	for (size_t k = 0; k < cs->n; k++) {
		struct column *c = order[k];
		size_t need = (used ? 2 : 0) + c->width;
		if (o->wide || !used) {
			if (!o->wide && c->width > width / 2)
				c->width = width / 2 > 8 ? width / 2 : 8; /* a long name */
			c->shown = true;
			used += (used ? 2 : 0) + c->width;
			continue;
		}
		if (c->wide)
			continue;
		if (used + need <= width) {
			c->shown = true;
			used += need;
		} else if (c->list && used + 2 + LIST_MIN <= width) {
			c->width = width - used - 2;
			c->shown = true;
			used = width;
		}
	}
	free(order);
	size_t dropped = 0;
	for (size_t k = 0; k < cs->n; k++)
		dropped += !cs->v[k].shown && !cs->v[k].wide;
	for (size_t r = 0; !ret && r <= cs->nrows; r++) {
		bool first = true;
		size_t line = out->len;
		for (size_t k = 0; !ret && k < cs->n; k++) {
			const struct column *c = &cs->v[k];
			if (!c->shown)
				continue;
			if (!first)
				ret = slant_buf_adds(out, "  ");
			first = false;
			if (!ret)
				ret = add_fitted(out, r ? cell(cs, c, r - 1) : c->header, c->width,
						 c->align);
		}
		while (!ret && out->len > line && out->data[out->len - 1] == ' ')
			out->len--; /* no trailing blanks */
		if (!ret)
			ret = slant_buf_addc(out, '\n');
	}
	if (!ret && dropped) {
		ret = slant_buf_addf(out, "(%zu column%s left out to fit %zu columns:", dropped,
				     dropped == 1 ? "" : "s", width);
		for (size_t k = 0; !ret && k < cs->n; k++)
			if (!cs->v[k].shown && !cs->v[k].wide)
				ret = slant_buf_addf(out, " %s;", cs->v[k].header);
		if (!ret) {
			out->len--;
			ret = slant_buf_adds(out, "; --wide shows them all)\n");
		}
	}
	return ret;
}

/* ----------------------------------------------------------------- json */

static int add_js(struct slant_buf *b, const char *s)
{
	return s ? slant_buf_add_json(b, s, strlen(s)) : slant_buf_adds(b, "null");
}

static int add_num(struct slant_buf *b, double v)
{
	return slant_buf_addf(b, "%.6g", v);
}

static int render_json(const struct slant_compare_conf *conf, const struct slant_compare_row *rows,
		       size_t n, struct slant_buf *b)
{
	int ret = slant_buf_adds(b, "{\"by\":");

	if (!ret) ret = add_js(b, conf->by);
	if (!ret)
		ret = slant_buf_addf(b, ",\"axis\":%s,\"quotes\":%s,\"labels\":[", conf->axis ? "true" : "false",
				     conf->no_quotes ? "false" : "true");
	for (size_t k = 0; !ret && k < conf->nlabels; k++) {
		if (k) ret = slant_buf_addc(b, ',');
		if (!ret) ret = add_js(b, conf->labels[k]);
	}
	if (!ret) ret = slant_buf_adds(b, "],\"categories\":[");
	for (size_t k = 0; !ret && k < conf->ncategories; k++) {
		if (k) ret = slant_buf_addc(b, ',');
		if (!ret) ret = add_js(b, conf->categories[k]);
	}
	if (!ret)
		ret = slant_buf_addf(b, "],\"interval\":{\"method\":\"student-t\",\"level\":0.95,"
					"\"min_articles\":%d},\"groups\":[",
				     SLANT_COMPARE_MIN_CI);
	for (size_t i = 0; !ret && i < n; i++) {
		const struct slant_compare_row *r = &rows[i];
		ret = slant_buf_adds(b, i ? ",\n{\"name\":" : "\n{\"name\":");
		if (!ret) ret = add_js(b, r->name);
		if (!ret)
			ret = slant_buf_addf(b, ",\"articles\":%" PRIu64 ",\"words\":%" PRIu64, r->articles,
					     r->words);
		if (!ret && conf->axis) {
			ret = slant_buf_adds(b, ",\"score\":{\"mean\":");
			if (!ret) ret = add_num(b, r->mean);
			if (!ret) ret = slant_buf_adds(b, ",\"sd\":");
			if (!ret) ret = add_num(b, r->sd);
			if (!ret && r->has_ci) {
				ret = slant_buf_adds(b, ",\"low\":");
				if (!ret) ret = add_num(b, r->lo);
				if (!ret) ret = slant_buf_adds(b, ",\"high\":");
				if (!ret) ret = add_num(b, r->hi);
			} else if (!ret) {
				ret = slant_buf_adds(b, ",\"low\":null,\"high\":null");
			}
			if (!ret) ret = slant_buf_addc(b, '}');
		}
		if (!ret) ret = slant_buf_adds(b, ",\"labels\":{");
		for (size_t k = 0; !ret && k < conf->nlabels; k++) {
			if (k) ret = slant_buf_addc(b, ',');
			if (!ret) ret = add_js(b, conf->labels[k]);
			if (!ret) ret = slant_buf_addf(b, ":%" PRIu64, r->labels[k]);
		}
		if (!ret) ret = slant_buf_adds(b, "}");
		if (!ret && conf->ncategories) {
			ret = slant_buf_adds(b, ",\"loaded_per_1000\":");
			if (!ret) ret = add_num(b, 1000 * ratio(sum_cats(r, conf->ncategories), r->words));
			if (!ret) ret = slant_buf_adds(b, ",\"categories\":{");
			for (size_t k = 0; !ret && k < conf->ncategories; k++) {
				if (k) ret = slant_buf_addc(b, ',');
				if (!ret) ret = add_js(b, conf->categories[k]);
				if (!ret) ret = slant_buf_addf(b, ":{\"count\":%" PRIu64 ",\"per_1000\":", r->categories[k]);
				if (!ret) ret = add_num(b, 1000 * ratio(r->categories[k], r->words));
				if (!ret) ret = slant_buf_addc(b, '}');
			}
			if (!ret) ret = slant_buf_adds(b, "},\"top_terms\":[");
			for (size_t k = 0; !ret && k < r->nterms; k++) {
				ret = slant_buf_adds(b, k ? ",{\"term\":" : "{\"term\":");
				if (!ret) ret = add_js(b, r->terms[k].name);
				if (!ret) ret = slant_buf_addf(b, ",\"count\":%" PRIu64 "}", r->terms[k].count);
			}
			if (!ret) ret = slant_buf_addc(b, ']');
		}
		if (conf->no_quotes) {
			if (!ret)
				ret = slant_buf_addc(b, '}');
			continue;
		}
		if (!ret)
			ret = slant_buf_addf(b, ",\"quotes\":{\"count\":%" PRIu64 ",\"per_article\":",
					     r->quotes);
		if (!ret) ret = add_num(b, ratio(r->quotes, r->articles));
		if (!ret)
			ret = slant_buf_addf(b, ",\"quoted_words\":%" PRIu64 ",\"kinds\":{\"direct\":%" PRIu64
						",\"partial\":%" PRIu64 ",\"scare\":%" PRIu64 ",\"title\":%" PRIu64
						"},\"scare_rate\":",
					     r->quoted_words, r->kinds[SLANT_QUOTE_DIRECT],
					     r->kinds[SLANT_QUOTE_PARTIAL], r->kinds[SLANT_QUOTE_SCARE],
					     r->kinds[SLANT_QUOTE_TITLE]);
		if (!ret) ret = add_num(b, ratio(r->kinds[SLANT_QUOTE_SCARE], r->quotes));
		if (!ret) ret = slant_buf_addf(b, ",\"attributed\":%" PRIu64 ",\"loaded_verb_rate\":", r->verbs);
		if (!ret) ret = add_num(b, ratio(r->loaded, r->verbs));
		if (!ret) ret = slant_buf_adds(b, ",\"speaker_groups\":{");
		for (size_t k = 0; !ret && k < r->ngroups; k++) {
			if (k) ret = slant_buf_addc(b, ',');
			if (!ret) ret = add_js(b, r->groups[k].name);
			if (!ret) ret = slant_buf_addf(b, ":{\"words\":%" PRIu64 ",\"share\":", r->groups[k].count);
			if (!ret) ret = add_num(b, ratio(r->groups[k].count, r->quoted_words));
			if (!ret) ret = slant_buf_addc(b, '}');
		}
		if (!ret) ret = slant_buf_adds(b, "},\"top_speakers\":[");
		for (size_t k = 0; !ret && k < r->nspeakers; k++) {
			ret = slant_buf_adds(b, k ? ",{\"speaker\":" : "{\"speaker\":");
			if (!ret) ret = add_js(b, r->speakers[k].name);
			if (!ret) ret = slant_buf_adds(b, ",\"group\":");
			if (!ret) ret = add_js(b, r->speakers[k].group);
			if (!ret)
				ret = slant_buf_addf(b, ",\"quotes\":%" PRIu64 ",\"words\":%" PRIu64 "}",
						     r->speakers[k].count, r->speakers[k].words);
		}
		if (!ret) ret = slant_buf_adds(b, "]}}");
	}
	if (!ret) ret = slant_buf_adds(b, "\n]}\n");
	return ret;
}

/* ---------------------------------------------------------------- entry */

int slant_compare_render(struct slant_compare *c, const struct slant_report_opts *o,
			 struct slant_buf *out)
{
	const struct slant_compare_row *rows;
	const struct slant_compare_conf *conf = slant_compare_conf(c);
	struct columns cs;
	int ret;

	if (o->format == SLANT_REPORT_HTML)
		return slant_report_html(c, o, out);
	size_t n = slant_compare_rows(c, o->top ? o->top : 5, &rows);
	if (n == (size_t)-1)
		return SLANT_ENOMEM;
	if (o->format == SLANT_REPORT_JSON)
		return render_json(conf, rows, n, out);
	memset(&cs, 0, sizeof(cs));
	bool tabular = o->format == SLANT_REPORT_TSV || o->format == SLANT_REPORT_CSV;
	if (!(ret = build(&cs, conf, rows, n, tabular))) {
		switch (o->format) {
		case SLANT_REPORT_TSV:
		case SLANT_REPORT_CSV:
			ret = render_delimited(&cs, o->format == SLANT_REPORT_CSV, out);
			break;
		case SLANT_REPORT_MARKDOWN:
			ret = render_markdown(&cs, o, out);
			break;
		default:
			ret = render_table(&cs, o, out);
			break;
		}
	}
	columns_free(&cs);
	return ret;
}
