/*
 * html.c - the compare report as one self-contained XHTML file: the framing score per group,
 * quoted words by speaker group, loaded terms per 1,000 words and the table, drawn in inline
 * SVG with an inline style sheet.
 *
 * The file has to read the same as XML (xmllint, XSLT) and as HTML (a browser opens a local
 * .html file as HTML), so it keeps to what both parsers agree on: only void HTML elements
 * self-close, entities are the ones both know, the CSS holds no '<' or '&', and a meta
 * charset names the encoding for the HTML parser, which ignores the XML declaration. It
 * refers to nothing outside itself (no scripts, fonts, images or url()), so it opens offline.
 * Text from the data goes through put_esc() alone, in element text and attributes alike.
 *
 * Numbers are formatted without printf's %f, whose decimal point follows LC_NUMERIC: the
 * same compare gives the same bytes whatever locale the caller set, and SVG coordinates
 * never get a decimal comma.
 */
#include "slant.h"
#include "internal.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 1176  /* the page's width inside its margins: the style sheet's max-width */
#define NAME_W 250   /* the group names' column, left of every chart */
#define NAME_PAD 12  /* between a name and its chart */
#define FONT 13      /* chart text size, px */
#define ELLIPSIS "\xE2\x80\xA6"
#define ELLIPSIS_W 1 /* in FONT-sized em, generously */

/* Speaker groups over all rows, sorted by name; `rank` orders them by quoted words. */
struct sgroup {
	const char *name;
	uint64_t words;
	size_t rank;
};

struct html {
	struct slant_buf *out;
	int err; /* the first failure; every later write does nothing */
	const struct slant_compare_conf *conf;
	const struct slant_compare_row *rows;
	size_t n;
	const char *by; /* what a group is, for headings: conf->by or "group" */
	struct sgroup *sg;
	size_t nsg;
};

/* ------------------------------------------------------------- writing */

static void put(struct html *h, const char *s)
{
	if (!h->err)
		h->err = slant_buf_adds(h->out, s);
}

static void putn(struct html *h, const char *s, size_t n)
{
	if (!h->err)
		h->err = slant_buf_add(h->out, s, n);
}

static void putf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Only for markup, integers and strings from fixed()/count(): never text from the data. */
static void putf(struct html *h, const char *fmt, ...)
{
	va_list ap, ap2;
	int n;

	if (h->err)
		return;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		h->err = SLANT_ENOMEM;
	else if (!(h->err = slant_buf_grow(h->out, (size_t)n))) {
		vsnprintf(h->out->data + h->out->len, (size_t)n + 1, fmt, ap2);
		h->out->len += (size_t)n;
	}
	va_end(ap2);
	va_end(ap);
}

/*
 * Appends s[0..n) as XML character data, good in text and in attribute values alike: the
 * five markup characters become entities; control characters, which XML 1.0 forbids (and
 * which the data has no business holding), become U+FFFD, as does invalid UTF-8; tabs and
 * line breaks become spaces, since a name is one line.
 */
static void put_esc(struct html *h, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start = 0;

	while (i < n) {
		int32_t cp;
		size_t len = slant_utf8_decode(u, n, i, &cp);
		const char *rep = NULL;

		if (!len) {
			len = 1;
			rep = "\xEF\xBF\xBD";
		} else if (cp == '&') {
			rep = "&amp;";
		} else if (cp == '<') {
			rep = "&lt;";
		} else if (cp == '>') {
			rep = "&gt;";
		} else if (cp == '"') {
			rep = "&quot;";
		} else if (cp == '\'') {
			rep = "&#39;"; /* &apos; is not HTML 4, and some readers still are */
		} else if (cp == '\t' || cp == '\n' || cp == '\r') {
			rep = " ";
		} else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFE || cp == 0xFFFF) {
			rep = "\xEF\xBF\xBD";
		}
		if (rep) {
			putn(h, s + start, i - start);
			put(h, rep);
			start = i + len;
		}
		i += len;
	}
	putn(h, s + start, n - start);
}

static void put_text(struct html *h, const char *s)
{
	put_esc(h, s ? s : "", s ? strlen(s) : 0);
}

/*
 * The width of a character in hundredths of an em, roughly as DejaVu Sans draws it (wider
 * than most sans fonts, so an estimate errs towards fitting): charts cannot measure text,
 * and a name that runs into its chart is worse than one cut a little early.
 */
static int char_em100(int32_t cp)
{
	if (cp < 0x80) {
		if (cp == ' ')
			return 32;
		if (strchr("ijl.,:;'|!", (int)cp))
			return 30;
		if (strchr("frt()[]{}-/\"`", (int)cp))
			return 42;
		if (cp == 'm' || cp == 'W' || cp == 'M' || cp == 'w')
			return 100;
		if (cp >= 'A' && cp <= 'Z')
			return 74;
		if (cp >= '0' && cp <= '9')
			return 64;
		return 62;
	}
	/* combining marks and zero-width characters take no room */
	if ((cp >= 0x300 && cp < 0x370) || (cp >= 0x483 && cp < 0x48A) ||
	    (cp >= 0x591 && cp < 0x5C8) || (cp >= 0x610 && cp < 0x61B) ||
	    (cp >= 0x64B && cp < 0x660) || (cp >= 0x200B && cp < 0x2010) ||
	    (cp >= 0xFE00 && cp < 0xFE10))
		return 0;
	/* East Asian wide: a full em */
	if ((cp >= 0x1100 && cp < 0x1160) || (cp >= 0x2E80 && cp < 0xA4D0) ||
	    (cp >= 0xAC00 && cp < 0xD7A4) || (cp >= 0xF900 && cp < 0xFB00) ||
	    (cp >= 0xFE30 && cp < 0xFE50) || (cp >= 0xFF00 && cp < 0xFF61) ||
	    (cp >= 0xFFE0 && cp < 0xFFE7) || (cp >= 0x1F300 && cp < 0x1FA00) ||
	    (cp >= 0x20000 && cp < 0x3FFFE))
		return 100;
	return 70;
}

/*
 * How many bytes of `s` fit in `max` px at `font` px, leaving room for an ellipsis when the
 * whole does not fit; *whole says whether it did.
 */
static size_t fit(const char *s, double max, int font, bool *whole)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, cut = 0;
	double w = 0, room = max - ELLIPSIS_W * font;

	*whole = true;
	while (i < n) {
		int32_t cp = 0xFFFD;
		size_t len = slant_utf8_decode(u, n, i, &cp);
		w += char_em100(cp) * font / 100.0;
		i += len ? len : 1;
		if (w <= room)
			cut = i;
		if (w > max) {
			*whole = false;
			return cut;
		}
	}
	return n;
}

/* The estimated width of `s` in px at `font` px. */
static double text_px(const char *s, int font)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	double w = 0;

	while (i < n) {
		int32_t cp = 0xFFFD;
		size_t len = slant_utf8_decode(u, n, i, &cp);
		w += char_em100(cp) * font / 100.0;
		i += len ? len : 1;
	}
	return w;
}

/* `s` escaped, cut with an ellipsis to `max` px; returns whether it was cut. */
static bool put_fit(struct html *h, const char *s, double max, int font)
{
	bool whole;
	size_t keep = fit(s, max, font, &whole);

	put_esc(h, s, keep);
	if (!whole)
		put(h, ELLIPSIS);
	return !whole;
}

/* `v` with `dec` decimals (a sign on positives when `plus`), locale-free: see the top. */
static const char *fixed(char *buf, size_t size, double v, int dec, bool plus)
{
	unsigned long long scale = 1, a;
	long long q;

	for (int i = 0; i < dec; i++)
		scale *= 10;
	if (!isfinite(v))
		v = 0;
	v = v > 1e12 ? 1e12 : v < -1e12 ? -1e12 : v;
	q = llround(v * (double)scale);
	a = q < 0 ? 0ULL - (unsigned long long)q : (unsigned long long)q;
	if (dec)
		snprintf(buf, size, "%s%llu.%0*llu", q < 0 ? "-" : plus && q ? "+" : "", a / scale,
			 dec, a % scale);
	else
		snprintf(buf, size, "%s%llu", q < 0 ? "-" : plus && q ? "+" : "", a);
	return buf;
}

/* `v` with thousands separators: 1,234,567. */
static const char *count(char *buf, size_t size, uint64_t v)
{
	char digits[24];
	int n = snprintf(digits, sizeof(digits), "%" PRIu64, v);
	size_t o = 0;

	for (int i = 0; i < n && o + 2 < size; i++) {
		if (i && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/* a / b as a whole percentage, "-" when b is 0. */
static const char *percent(char *buf, size_t size, uint64_t a, uint64_t b)
{
	if (!b)
		return "-";
	fixed(buf, size, 100.0 * (double)a / (double)b, 0, false);
	size_t n = strlen(buf);
	if (n + 1 < size) {
		buf[n] = '%';
		buf[n + 1] = '\0';
	}
	return buf;
}

static double ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0;
}

/* ---------------------------------------------------------------- colours */

/* Okabe and Ito's palette, which colour-blind readers tell apart, black left out. */
static const char *const palette[] = { "#0072B2", "#E69F00", "#009E73", "#CC79A7",
				       "#56B4E9", "#D55E00", "#F0E442" };
#define OTHER_COLOUR "#5F6B7A"   /* speaker groups past the palette */
#define UNKNOWN_COLOUR "#C4C9D0" /* quotations whose speaker has no group */

/* Whether text on `hex` (#RRGGBB) reads better white than dark. */
static bool dark(const char *hex)
{
	unsigned long v = strtoul(hex + 1, NULL, 16);
	double r = (double)((v >> 16) & 255), g = (double)((v >> 8) & 255), b = (double)(v & 255);

	return 0.299 * r + 0.587 * g + 0.114 * b < 140;
}

static bool is_unknown(const char *name)
{
	return !strcmp(name, "unknown");
}

static int cmp_sg_name(const void *a, const void *b)
{
	return strcmp(((const struct sgroup *)a)->name, ((const struct sgroup *)b)->name);
}

static int cmp_sg_words(const void *a, const void *b)
{
	const struct sgroup *x = *(const struct sgroup *const *)a,
			    *y = *(const struct sgroup *const *)b;

	if (x->words != y->words)
		return x->words > y->words ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * Collects the speaker groups of every row and ranks them by quoted words over all rows, so
 * a group keeps its colour from bar to bar. "unknown" is ranked last, and grey.
 */
static int rank_speaker_groups(struct html *h)
{
	struct sgroup **order = NULL;
	size_t total = 0, k = 0, rank = 0;
	int ret = SLANT_ENOMEM;

	for (size_t i = 0; i < h->n; i++)
		total += h->rows[i].ngroups;
	if (!(h->sg = calloc(total + 1, sizeof(*h->sg))))
		goto out;
	for (size_t i = 0; i < h->n; i++)
		for (size_t j = 0; j < h->rows[i].ngroups; j++)
			h->sg[k++] = (struct sgroup){ h->rows[i].groups[j].name,
						      h->rows[i].groups[j].count, 0 };
	qsort(h->sg, total, sizeof(*h->sg), cmp_sg_name);
	for (size_t i = 0; i < total; i++) { /* merge the rows' entries for one name */
		if (h->nsg && !strcmp(h->sg[h->nsg - 1].name, h->sg[i].name))
			h->sg[h->nsg - 1].words += h->sg[i].words;
		else
			h->sg[h->nsg++] = h->sg[i];
	}
	if (!(order = calloc(h->nsg + 1, sizeof(*order))))
		goto out;
	for (size_t i = 0; i < h->nsg; i++)
		order[i] = &h->sg[i];
	qsort(order, h->nsg, sizeof(*order), cmp_sg_words);
	for (size_t i = 0; i < h->nsg; i++)
		if (!is_unknown(order[i]->name))
			order[i]->rank = rank++;
	for (size_t i = 0; i < h->nsg; i++)
		if (is_unknown(order[i]->name))
			order[i]->rank = rank++;
	ret = 0;
out:
	free(order);
	return ret;
}

static const struct sgroup *find_sg(const struct html *h, const char *name)
{
	struct sgroup key = { name, 0, 0 };

	return bsearch(&key, h->sg, h->nsg, sizeof(*h->sg), cmp_sg_name);
}

static const char *sg_colour(const struct sgroup *g)
{
	if (!g || is_unknown(g->name))
		return UNKNOWN_COLOUR;
	return g->rank < SLANT_ARRAY_SIZE(palette) ? palette[g->rank] : OTHER_COLOUR;
}

/* ColorBrewer's sequential Blues, from none to the column's maximum. */
static void heat_colour(char *buf, size_t size, double t)
{
	static const unsigned char stops[][3] = {
		{ 0xf7, 0xfb, 0xff }, { 0xde, 0xeb, 0xf7 }, { 0xc6, 0xdb, 0xef },
		{ 0x9e, 0xca, 0xe1 }, { 0x6b, 0xae, 0xd6 }, { 0x42, 0x92, 0xc6 },
		{ 0x21, 0x71, 0xb5 }, { 0x08, 0x51, 0x9c }, { 0x08, 0x30, 0x6b },
	};
	size_t last = SLANT_ARRAY_SIZE(stops) - 1;
	double x = (t < 0 || t != t ? 0 : t > 1 ? 1 : t) * (double)last;
	size_t i = (size_t)x < last ? (size_t)x : last - 1;
	double f = x - (double)i;
	int c[3];

	for (int k = 0; k < 3; k++)
		c[k] = (int)lround(stops[i][k] + f * (stops[i + 1][k] - stops[i][k]));
	snprintf(buf, size, "#%02X%02X%02X", c[0], c[1], c[2]);
}

/* ------------------------------------------------------------------ page */

static const char style[] =
	"body{margin:0 auto;padding:24px 32px 48px;max-width:1176px;color:#1d2330;"
	"background:#fff;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
	"\"Noto Sans\",\"DejaVu Sans\",\"Helvetica Neue\",Arial,sans-serif}\n"
	"h1{font-size:26px;margin:0 0 4px}\n"
	"h2{font-size:19px;margin:40px 0 4px}\n"
	".summary{color:#4a5468;margin:0 0 8px}\n"
	".note{color:#4a5468;font-size:13px;margin:0 0 10px;max-width:64em}\n"
	".empty{color:#4a5468;font-style:italic}\n"
	".chart{overflow-x:auto;padding-bottom:4px}\n"
	"svg{display:block;font-family:inherit}\n"
	"svg text{font-size:13px;fill:#1d2330}\n"
	".band{fill:#f1f3f7}\n"
	".grid{stroke:#d3d8e0;stroke-width:1}\n"
	".zero{stroke:#5b6475;stroke-width:1.5}\n"
	"svg .tick{font-size:12px;fill:#5b6475}\n"
	"svg .end{font-weight:600;fill:#39424f}\n"
	".ci{stroke:#1f5fa8;stroke-width:2}\n"
	".dot{fill:#1f5fa8;stroke:#fff;stroke-width:1}\n"
	".few{fill:#fff;stroke:#1f5fa8;stroke-width:2}\n"
	"svg .val{font-size:12px;fill:#4a5468}\n"
	"svg .pct,svg .v{font-size:11px;pointer-events:none}\n"
	"svg .none{font-size:12px;fill:#7a8394;font-style:italic}\n"
	"svg .col{font-size:12px}\n"
	".legend{list-style:none;padding:0;margin:6px 0 10px;display:flex;flex-wrap:wrap;"
	"gap:6px 20px;font-size:13px}\n"
	".sw{display:inline-block;width:12px;height:12px;margin-right:6px;"
	"vertical-align:-1px;border-radius:2px}\n"
	"table{border-collapse:collapse;font-size:13px;margin-top:8px;width:100%}\n"
	"th,td{padding:5px 7px;border-bottom:1px solid #e3e7ed;vertical-align:top;"
	"text-align:left}\n"
	"thead th{position:sticky;top:0;background:#fff;border-bottom:2px solid #9aa3b2;"
	"vertical-align:bottom;font-size:12px}\n"
	"tbody th{min-width:11em;max-width:16em}\n"
	"tbody tr:nth-child(even){background:#f7f8fa}\n"
	".n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"td.n{white-space:nowrap}\n"
	".list{min-width:15em}\n"
	"footer{margin-top:36px;padding-top:8px;border-top:1px solid #e3e7ed;color:#6b7385;"
	"font-size:12px}\n";

static void page_head(struct html *h, const char *title)
{
	put(h, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
	       "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
	       "<meta charset=\"UTF-8\"/>\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
	       "<meta name=\"generator\" content=\"slant " SLANT_VERSION "\"/>\n<title>");
	put_text(h, title);
	put(h, "</title>\n<style>\n");
	put(h, style);
	put(h, "</style>\n</head>\n<body>\n<h1>");
	put_text(h, title);
	put(h, "</h1>\n");
}

static void summary(struct html *h)
{
	uint64_t articles = 0, words = 0;
	char a[32], b[32], c[32];

	if (!h->n) {
		put(h, "<p class=\"summary\">no articles</p>\n");
		return;
	}
	for (size_t i = 0; i < h->n; i++) {
		articles += h->rows[i].articles;
		words += h->rows[i].words;
	}
	putf(h, "<p class=\"summary\">%s group%s by ", count(a, sizeof(a), h->n),
	     h->n == 1 ? "" : "s");
	put_text(h, h->by);
	putf(h, ", %s article%s, %s words</p>\n", count(b, sizeof(b), articles),
	     articles == 1 ? "" : "s", count(c, sizeof(c), words));
}

/* <svg> opening a chart of w x ht px, named by `label` and `by`. */
static void svg_open(struct html *h, int w, int ht, const char *label)
{
	putf(h,
	     "<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	     "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s ",
	     w, ht, w, ht, label);
	put_text(h, h->by);
	put(h, "\">\n");
}

static void section_open(struct html *h, const char *id, const char *title, bool by)
{
	putf(h, "<section id=\"%s\">\n<h2>%s", id, title);
	if (by) {
		put(h, " ");
		put_text(h, h->by);
	}
	put(h, "</h2>\n");
}

/* A group's name at the left of a chart row whose text baseline is y. */
static void row_name(struct html *h, const char *name, int y)
{
	putf(h, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", NAME_W - NAME_PAD, y);
	put_fit(h, name, NAME_W - NAME_PAD - 4, FONT);
	put(h, "</text>\n");
}

/* --------------------------------------------------------- framing score */

static int score_x(double v, int plot)
{
	v = v != v ? 0 : v < -1 ? -1 : v > 1 ? 1 : v;
	return NAME_W + (int)lround((v + 1) / 2 * plot);
}

/* One dot per group at its mean, with its 95% interval; rows in the compare's order. */
static void chart_score(struct html *h)
{
	static const double ticks[] = { -1, -0.5, 0, 0.5, 1 };
	static const char *const tick_text[] = { "-1", "-0.5", "0", "+0.5", "+1" };
	const int plot = 560, right = 280, top = 58, bottom = 40;
	const int rh = h->n > 60 ? 20 : 26;
	const int w = NAME_W + plot + right, ht = top + (int)h->n * rh + bottom;
	const char *first = h->conf->labels[0], *last = h->conf->labels[h->conf->nlabels - 1];
	char m[32], lo[32], hi[32], n[32];

	section_open(h, "score", "Framing score by", true);
	put(h, "<p class=\"note\">Each dot is a group's mean framing score, from -1 (");
	put_text(h, first);
	put(h, ") to +1 (");
	put_text(h, last);
	putf(h, "); the bar is its 95%% interval. A hollow dot marks a group with fewer than %d "
		"articles, too few for an interval.</p>\n",
	     SLANT_COMPARE_MIN_CI);
	svg_open(h, w, ht, "Framing score by");
	for (size_t i = 0; i < h->n; i += 2)
		putf(h, "<rect class=\"band\" x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\"/>\n",
		     top + (int)i * rh, w, rh);
	for (size_t t = 0; t < SLANT_ARRAY_SIZE(ticks); t++) {
		int x = score_x(ticks[t], plot);
		putf(h,
		     "<line class=\"%s\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n"
		     "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n"
		     "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
		     ticks[t] == 0 ? "zero" : "grid", x, top - 6, x, ht - bottom + 6, x, top - 12,
		     tick_text[t], x, ht - bottom + 22, tick_text[t]);
	}
	/* the ends of the axis, named by the model's outer labels */
	putf(h, "<text class=\"end\" x=\"%d\" y=\"20\" text-anchor=\"start\">\xE2\x86\x90 ",
	     NAME_W);
	put_fit(h, first, plot / 2 - 20, FONT);
	putf(h, "</text>\n<text class=\"end\" x=\"%d\" y=\"20\" text-anchor=\"end\">",
	     NAME_W + plot);
	put_fit(h, last, plot / 2 - 20, FONT);
	put(h, " \xE2\x86\x92</text>\n");
	for (size_t i = 0; i < h->n; i++) {
		const struct slant_compare_row *r = &h->rows[i];
		int cy = top + (int)i * rh + rh / 2, x = score_x(r->mean, plot);

		fixed(m, sizeof(m), r->mean, 2, true);
		fixed(lo, sizeof(lo), r->lo, 2, true);
		fixed(hi, sizeof(hi), r->hi, 2, true);
		count(n, sizeof(n), r->articles);
		put(h, "<g class=\"row\" aria-label=\"");
		put_text(h, r->name);
		put(h, "\">\n<title>");
		put_text(h, r->name);
		if (r->has_ci)
			putf(h, ": mean %s, 95%% interval %s to %s, %s articles</title>\n", m, lo, hi,
			     n);
		else
			putf(h, ": mean %s, %s article%s, too few for an interval</title>\n", m, n,
			     r->articles == 1 ? "" : "s");
		row_name(h, r->name, cy + 4);
		if (r->has_ci) {
			int x1 = score_x(r->lo, plot), x2 = score_x(r->hi, plot);
			putf(h,
			     "<line class=\"ci\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n"
			     "<line class=\"ci\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n"
			     "<line class=\"ci\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n"
			     "<circle class=\"dot\" cx=\"%d\" cy=\"%d\" r=\"5.5\"/>\n"
			     "<text class=\"val\" x=\"%d\" y=\"%d\">%s  [%s, %s]</text>\n",
			     x1, cy, x2, cy, x1, cy - 5, x1, cy + 5, x2, cy - 5, x2, cy + 5, x, cy,
			     NAME_W + plot + 16, cy + 4, m, lo, hi);
		} else {
			putf(h,
			     "<circle class=\"few\" cx=\"%d\" cy=\"%d\" r=\"4.5\"/>\n"
			     "<text class=\"val\" x=\"%d\" y=\"%d\">%s  (n=%s, too few for an "
			     "interval)</text>\n",
			     x, cy, NAME_W + plot + 16, cy + 4, m, n);
		}
		put(h, "</g>\n");
	}
	put(h, "</svg></div>\n</section>\n");
}

/* -------------------------------------------------------- speaker groups */

static void legend_item(struct html *h, const char *colour, const char *name, const char *after)
{
	putf(h, "<li><span class=\"sw\" style=\"background:%s\"></span>", colour);
	put_text(h, name);
	put(h, after);
	put(h, "</li>\n");
}

/* The palette's groups in rank order, then how many share the "other" grey, then unknown. */
static void legend(struct html *h)
{
	size_t other = 0;
	bool unknown = false;
	char n[32];

	put(h, "<ul class=\"legend\">\n");
	for (size_t r = 0; r < SLANT_ARRAY_SIZE(palette); r++)
		for (size_t i = 0; i < h->nsg; i++)
			if (h->sg[i].rank == r && !is_unknown(h->sg[i].name))
				legend_item(h, palette[r], h->sg[i].name, "");
	for (size_t i = 0; i < h->nsg; i++) {
		if (is_unknown(h->sg[i].name))
			unknown = true;
		else if (h->sg[i].rank >= SLANT_ARRAY_SIZE(palette))
			other++;
	}
	if (other)
		putf(h, "<li><span class=\"sw\" style=\"background:%s\"></span>%s other group%s"
			"</li>\n",
		     OTHER_COLOUR, count(n, sizeof(n), other), other == 1 ? "" : "s");
	if (unknown)
		legend_item(h, UNKNOWN_COLOUR, "unknown", " (speaker without a group)");
	put(h, "</ul>\n");
}

/* A bar's segment: a speaker group's count and its rank over all rows. */
struct seg {
	const struct slant_compare_count *c;
	const char *colour;
	size_t rank;
};

static int cmp_seg(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;

	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/*
 * One 100% bar per group: the shares of its quoted words by the speakers' groups, stacked in
 * the same order in every bar (the overall rank, "unknown" last), so that a colour sits in
 * the same place from bar to bar and the eye compares lengths, not positions.
 */
static void chart_speakers(struct html *h)
{
	const int plot = 600, right = 150, top = 8, rh = h->n > 60 ? 22 : 28, bar = rh - 8;
	const int w = NAME_W + plot + right, ht = top + (int)h->n * rh + 8;
	uint64_t all = 0;
	size_t most = 0;
	struct seg *segs = NULL;
	char pct[32], num[32];

	for (size_t i = 0; i < h->n; i++) {
		all += h->rows[i].quoted_words;
		most = h->rows[i].ngroups > most ? h->rows[i].ngroups : most;
	}
	put(h, "<section id=\"quotes\">\n<h2>Quoted words by speaker group</h2>\n");
	if (!all) {
		put(h, "<p class=\"empty\">No quotations: nobody is quoted in any ");
		put_text(h, h->by);
		put(h, ".</p>\n</section>\n");
		return;
	}
	if (!(segs = calloc(most + 1, sizeof(*segs)))) {
		h->err = SLANT_ENOMEM;
		return;
	}
	put(h, "<p class=\"note\">How each group's quoted words divide among the groups of the "
	       "people quoted (scare quotes and titles left out). Hover a segment for its "
	       "share.</p>\n");
	legend(h);
	svg_open(h, w, ht, "Quoted words by speaker group, per");
	for (size_t i = 0; i < h->n; i++) {
		const struct slant_compare_row *r = &h->rows[i];
		int y = top + (int)i * rh, cy = y + rh / 2;
		uint64_t before = 0;

		put(h, "<g class=\"row\" aria-label=\"");
		put_text(h, r->name);
		put(h, "\">\n");
		row_name(h, r->name, cy + 4);
		if (!r->quoted_words) {
			putf(h, "<text class=\"none\" x=\"%d\" y=\"%d\">no quotations</text>\n",
			     NAME_W + 4, cy + 4);
			put(h, "</g>\n");
			continue;
		}
		for (size_t j = 0; j < r->ngroups; j++) {
			const struct sgroup *g = find_sg(h, r->groups[j].name);
			segs[j] = (struct seg){ &r->groups[j], sg_colour(g), g ? g->rank : SIZE_MAX };
		}
		qsort(segs, r->ngroups, sizeof(*segs), cmp_seg);
		for (size_t j = 0; j < r->ngroups; j++) {
			const struct slant_compare_count *g = segs[j].c;
			/* ends rounded from the running sums, so segments neither gap nor overlap */
			double s0 = ratio(before, r->quoted_words);
			double s1 = ratio(before + g->count, r->quoted_words);
			int x0 = (int)lround((s0 > 1 ? 1 : s0) * plot);
			int x1 = (int)lround((s1 > 1 ? 1 : s1) * plot);

			before += g->count;
			if (x1 <= x0)
				continue;
			fixed(pct, sizeof(pct), 100 * (s1 - s0), 1, false);
			putf(h,
			     "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
			     "stroke=\"#fff\" stroke-width=\"1\"><title>",
			     NAME_W + x0, cy - bar / 2, x1 - x0, bar, segs[j].colour);
			put_text(h, r->name);
			put(h, " \xE2\x80\x94 ");
			put_text(h, g->name);
			putf(h, ": %s%% of quoted words (%s)</title></rect>\n", pct,
			     count(num, sizeof(num), g->count));
			if (x1 - x0 >= 36)
				putf(h,
				     "<text class=\"pct\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
				     "style=\"fill:%s\">%s%%</text>\n",
				     NAME_W + (x0 + x1) / 2, cy + 4,
				     dark(segs[j].colour) ? "#fff" : "#1d2330",
				     fixed(pct, sizeof(pct), 100 * (s1 - s0), 0, false));
		}
		putf(h, "<text class=\"val\" x=\"%d\" y=\"%d\">%s words</text>\n",
		     NAME_W + plot + 12, cy + 4, count(num, sizeof(num), r->quoted_words));
		put(h, "</g>\n");
	}
	put(h, "</svg></div>\n</section>\n");
	free(segs);
}

/* ----------------------------------------------------------- loaded terms */

#define HEAT_HEAD_MAX 190 /* px of a column header before it is cut */

/* Columns k0..k1 of the heat map as one SVG, the group names repeated at its left. */
static void heat_block(struct html *h, size_t k0, size_t k1, const double *colmax, int cw)
{
	const int rh = h->n > 60 ? 20 : 24, font = 12, cell_font = 11;
	double longest = 0;

	for (size_t k = k0; k < k1; k++) {
		double wk = text_px(h->conf->categories[k], font);
		longest = wk > longest ? wk : longest;
	}
	longest = longest > HEAT_HEAD_MAX ? HEAT_HEAD_MAX : longest;
	/* headers slant up to the right at 45 degrees: sin 45 of their length up and across */
	const int head = (int)(longest * 0.71) + 22, right = (int)(longest * 0.71) + 16;
	const int w = NAME_W + (int)(k1 - k0) * cw + right, ht = head + (int)h->n * rh + 8;
	char v[32], col[16], num[32];

	svg_open(h, w, ht, "Loaded terms per 1,000 words, by");
	for (size_t k = k0; k < k1; k++) {
		int x = NAME_W + (int)(k - k0) * cw + cw / 2 - 2, y = head - 8;
		bool whole;
		fit(h->conf->categories[k], HEAT_HEAD_MAX, font, &whole);
		put(h, "<g>");
		if (!whole) {
			put(h, "<title>");
			put_text(h, h->conf->categories[k]);
			put(h, "</title>");
		}
		putf(h, "<text class=\"col\" transform=\"translate(%d,%d) rotate(-45)\">", x, y);
		put_fit(h, h->conf->categories[k], HEAT_HEAD_MAX, font);
		put(h, "</text></g>\n");
	}
	for (size_t i = 0; i < h->n; i++) {
		const struct slant_compare_row *r = &h->rows[i];
		int y = head + (int)i * rh;

		put(h, "<g class=\"row\" aria-label=\"");
		put_text(h, r->name);
		put(h, "\">\n");
		row_name(h, r->name, y + rh / 2 + 4);
		for (size_t k = k0; k < k1; k++) {
			int x = NAME_W + (int)(k - k0) * cw;
			double rate = r->words ? (double)r->categories[k] * 1000 / (double)r->words : 0;
			/* the square root: rates are skewed, and a few small groups set the maxima */
			double t = colmax[k] > 0 ? sqrt(rate / colmax[k]) : 0;

			heat_colour(col, sizeof(col), t);
			putf(h,
			     "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
			     "stroke=\"#fff\" stroke-width=\"1\"><title>",
			     x, y, cw, rh, col);
			put_text(h, r->name);
			put(h, " \xE2\x80\x94 ");
			put_text(h, h->conf->categories[k]);
			if (r->words)
				putf(h, ": %s per 1,000 words (%s matches)</title></rect>\n",
				     fixed(v, sizeof(v), rate, 2, false),
				     count(num, sizeof(num), r->categories[k]));
			else
				put(h, ": no words</title></rect>\n");
			if (r->words && rate > 0)
				fixed(v, sizeof(v), rate, rate < 9.95 ? 1 : 0, false);
			else if (r->words)
				snprintf(v, sizeof(v), "0");
			else
				snprintf(v, sizeof(v), "-");
			/* zeros muted: a sparse map reads as its non-zero cells */
			if (text_px(v, cell_font) <= cw - 6)
				putf(h,
				     "<text class=\"v\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
				     "style=\"fill:%s\">%s</text>\n",
				     x + cw / 2, y + rh / 2 + 4,
				     t > 0.62 ? "#fff" : rate > 0 ? "#1d2330" : "#a3abb8", v);
		}
		put(h, "</g>\n");
	}
	put(h, "</svg></div>\n");
}

/*
 * A heat map: groups by categories, each column coloured to its own maximum. Columns are
 * never narrower than their numbers; when there are more than the page is wide, the map is
 * cut into blocks stacked down the page, each with the names again: a chart as tall as
 * hundreds of groups would otherwise hide its horizontal scroll bar at its very bottom.
 */
static void chart_terms(struct html *h)
{
	const size_t ncat = h->conf->ncategories;
	const int cw = ncat * 40 >= 640 ? 40 : (int)(640 / ncat) > 84 ? 84 : (int)(640 / ncat);
	double longest = 0, *colmax = NULL;

	if (!(colmax = calloc(ncat, sizeof(*colmax)))) {
		h->err = SLANT_ENOMEM;
		return;
	}
	for (size_t k = 0; k < ncat; k++) {
		double wk = text_px(h->conf->categories[k], 12);
		longest = wk > longest ? wk : longest;
		for (size_t i = 0; i < h->n; i++) {
			const struct slant_compare_row *r = &h->rows[i];
			double rate = r->words ? (double)r->categories[k] * 1000 / (double)r->words : 0;
			colmax[k] = rate > colmax[k] ? rate : colmax[k];
		}
	}
	longest = longest > HEAT_HEAD_MAX ? HEAT_HEAD_MAX : longest;
	size_t fits = (size_t)((PAGE_W - NAME_W - (int)(longest * 0.71) - 16) / cw);
	fits = fits ? fits : 1;
	size_t blocks = (ncat + fits - 1) / fits, per = (ncat + blocks - 1) / blocks;

	section_open(h, "terms", "Loaded terms per 1,000 words", false);
	put(h, "<p class=\"note\">Matches of each lexicon category per 1,000 words. Each column is "
	       "shaded against its own highest rate (on a square-root scale), so rare categories "
	       "show too: compare shades down a column, numbers across a row.</p>\n");
	for (size_t k = 0; k < ncat; k += per)
		heat_block(h, k, k + per < ncat ? k + per : ncat, colmax, cw);
	put(h, "</section>\n");
	free(colmax);
}

/* ------------------------------------------------------------------ table */

/* "name (n), name (n)": the first entries of a sorted list, names isolated for bidi. */
static void count_list(struct html *h, const struct slant_compare_count *v, size_t n)
{
	char num[32];

	if (!n)
		put(h, "-");
	for (size_t i = 0; i < n; i++) {
		put(h, i ? ", <bdi>" : "<bdi>");
		put_text(h, v[i].name);
		putf(h, "</bdi> (%s)", count(num, sizeof(num), v[i].count));
	}
}

static void table(struct html *h)
{
	const struct slant_compare_conf *conf = h->conf;
	char a[32], b[32], c[32];

	put(h, "<section id=\"table\">\n<h2>Table</h2>\n<table>\n<thead><tr><th>");
	put_text(h, h->by);
	put(h, "</th><th class=\"n\">articles</th><th class=\"n\">words</th>");
	if (conf->axis)
		put(h, "<th class=\"n\">mean score</th><th class=\"n\">95% interval</th>");
	for (size_t k = 0; k < conf->nlabels; k++) {
		put(h, "<th class=\"n\">% ");
		put_text(h, conf->labels[k]);
		put(h, "</th>");
	}
	if (!conf->no_quotes)
		put(h, "<th class=\"n\">quotes per article</th><th class=\"n\">scare quotes</th>"
		       "<th class=\"n\">loaded verbs</th><th>top speakers</th>");
	put(h, "<th>top terms</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < h->n; i++) {
		const struct slant_compare_row *r = &h->rows[i];

		put(h, "<tr><th scope=\"row\">");
		put_text(h, r->name);
		putf(h, "</th><td class=\"n\">%s</td><td class=\"n\">%s</td>",
		     count(a, sizeof(a), r->articles), count(b, sizeof(b), r->words));
		if (conf->axis) {
			putf(h, "<td class=\"n\">%s</td>", fixed(a, sizeof(a), r->mean, 2, true));
			if (r->has_ci)
				putf(h, "<td class=\"n\">%s to %s</td>",
				     fixed(b, sizeof(b), r->lo, 2, true),
				     fixed(c, sizeof(c), r->hi, 2, true));
			else
				putf(h, "<td class=\"n\">n&lt;%d: no interval</td>",
				     SLANT_COMPARE_MIN_CI);
		}
		for (size_t k = 0; k < conf->nlabels; k++)
			putf(h, "<td class=\"n\">%s</td>",
			     percent(a, sizeof(a), r->labels[k], r->articles));
		if (!conf->no_quotes) {
			putf(h,
			     "<td class=\"n\">%s</td><td class=\"n\" title=\"of quotations\">%s</td>"
			     "<td class=\"n\" title=\"of attribution verbs\">%s</td><td class=\"list\">",
			     fixed(a, sizeof(a), ratio(r->quotes, r->articles), 1, false),
			     percent(b, sizeof(b), r->kinds[SLANT_QUOTE_SCARE], r->quotes),
			     percent(c, sizeof(c), r->loaded, r->verbs));
			count_list(h, r->speakers, r->nspeakers);
			put(h, "</td>");
		}
		put(h, "<td class=\"list\">");
		count_list(h, r->terms, r->nterms);
		put(h, "</td></tr>\n");
	}
	put(h, "</tbody>\n</table>\n");
	if (conf->no_quotes)
		put(h, "<p class=\"note\">Quotations were not measured (--no-quotes).</p>\n");
	else
		put(h, "<p class=\"note\">Scare quotes: the share of quotations that "
		       "quote no one. Loaded verbs: the share of attribution verbs that are loaded "
		       "(&#8220;claimed&#8221;, &#8220;slammed&#8221;) rather than neutral "
		       "(&#8220;said&#8221;).</p>\n");
	put(h, "</section>\n");
}

/* ------------------------------------------------------------------- entry */

int slant_report_html(struct slant_compare *c, const struct slant_report_opts *o,
		      struct slant_buf *out)
{
	struct html h = { 0 };
	const char *title = o && o->title && *o->title ? o->title : "slant compare";
	size_t top = o && o->top ? o->top : 5, start = 0;
	int ret = SLANT_EUSAGE;

	if (!c || !out)
		goto out;
	start = out->len;
	h.out = out;
	h.conf = slant_compare_conf(c);
	h.by = h.conf->by && *h.conf->by ? h.conf->by : "group";
	h.n = slant_compare_rows(c, top, &h.rows);
	if (h.n == (size_t)-1) {
		ret = SLANT_ENOMEM;
		goto out;
	}
	if ((ret = rank_speaker_groups(&h)))
		goto out;
	page_head(&h, title);
	summary(&h);
	if (h.n) {
		if (h.conf->axis)
			chart_score(&h);
		if (!h.conf->no_quotes)
			chart_speakers(&h);
		if (h.conf->ncategories)
			chart_terms(&h);
		table(&h);
	}
	put(&h, "<footer>made by slant " SLANT_VERSION);
	if (h.conf->axis)
		putf(&h, " \xC2\xB7 95%% interval of the mean score: Student's t over articles; "
			 "none below %d articles",
		     SLANT_COMPARE_MIN_CI);
	put(&h, "</footer>\n</body>\n</html>\n");
	ret = h.err;
	if (ret && out->len > start) { /* no half page: the buffer as it was */
		out->len = start;
		out->data[start] = '\0';
	}
out:
	free(h.sg);
	return ret;
}
