/*
 * cmd_quotes.c - `slant quotes`: every quotation with its kind, speaker, group and verb; a
 * per-outlet summary; and the evaluation against a gold file.
 *
 * Workers extract each article's quotations into their job (records and, for the per-quote
 * formats, the rendered lines); emit writes, sums or scores them in input order.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char cmd_quotes_usage[] =
	"usage: slant quotes [OPTIONS] INPUT...\n"
	"\n"
	"Finds every quotation: its byte offsets in the article (marks excluded), its kind\n"
	"(direct, partial, scare, title), its speaker (one canonical name per person per\n"
	"article), the speaker's role and group, and the attribution verb with its class\n"
	"(neutral or loaded).\n"
	"\n"
	"Options:\n"
	"  --format table|tsv|jsonl\n"
	"                         output format (default table)\n"
	"  --per quote|outlet     one record per quotation (default), or a summary per outlet:\n"
	"                         quotes per article, share of quoted words per speaker group,\n"
	"                         scare-quote rate, loaded-verb rate, top speakers\n"
	"  --by FIELD             with --per outlet, group articles by FIELD instead\n"
	"  --top N                speakers listed per outlet (default 5)\n"
	"  --speakers FILE        who is who (default: the shipped lexicons/speakers.tsv);\n"
	"                         --speakers none for none\n"
	"  --roles FILE           titles and role nouns (default: lexicons/roles.tsv);\n"
	"                         --roles none for none\n"
	"  --verbs FILE           attribution verbs (default: lexicons/attribution-verbs.tsv);\n"
	"                         --verbs none for none\n"
	"  --gold FILE            instead of listing quotations, score them against FILE (TSV:\n"
	"                         id start end kind speaker group verb; repeatable) over the\n"
	"                         articles it names: span precision, recall and F1 (exact, and\n"
	"                         overlap of at least half), kind and speaker accuracy\n"
	"  --errors               with --gold, list every miss and mismatch on standard error\n"
	"  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
	"\n" CLI_INPUT_HELP
	"\n"
	"Examples:\n"
	"  slant quotes examples/\n"
	"  slant quotes --per outlet examples/\n"
	"  slant quotes --format jsonl --field text=content_original --field outlet=source \\\n"
	"      --field id=ID corpus.jsonl.gz\n";

enum { FMT_TABLE, FMT_TSV, FMT_JSONL };
enum { PER_QUOTE, PER_OUTLET };

/* One quotation as emit needs it; strings live in the job's `strs`. */
struct rec {
	uint32_t start, end, words;
	uint8_t kind;
	bool loaded, has_verb;
	uint32_t speaker; /* offset in strs, or UINT32_MAX */
	uint32_t verb;    /* offset in strs, or UINT32_MAX */
	const char *group; /* borrowed from the people table or the library, or NULL */
};

struct qjob {
	struct slant_buf out; /* rendered lines */
	struct rec *recs;
	size_t nrecs, caprecs;
	struct slant_buf strs;
	uint64_t words; /* words of the article */
};

/* ---------------------------------------------------------- outlet sums */

struct gsum {
	const char *group;
	uint64_t words;
};

struct ssum {
	char *name;
	const char *group;
	uint64_t quotes, words;
};

struct osum {
	char *name;
	uint64_t articles, words, quotes, quoted_words, kinds[4], verbs, loaded;
	struct gsum *groups;
	size_t ngroups;
	struct ssum *speakers;
	size_t nspeakers;
};

/* ----------------------------------------------------------- gold file */

struct gold {
	char *id;
	uint32_t start, end;
	uint8_t kind;
	char *speaker, *group, *verb;
	const char *file; /* the --gold argument, for messages */
};

struct eval {
	uint64_t gold, pred, exact, overlap, kind_ok, spk_n, spk_ok, grp_n, grp_ok, verb_n,
		verb_ok, articles;
	uint64_t kind_conf[4][4];
};

struct quotes {
	struct cli_input in; /* first: cli_bad_cb() and cli_progress_cb() find it at ctx */
	int format, per;
	const char *by;
	size_t top;
	const char *speakers_path, *roles_path, *verbs_path, *gold_path;
	bool errors;
	struct cli_out out;
	struct slant_people *people;
	struct slant_quote_conf conf;
	struct osum *outlets;
	size_t noutlets;
	struct gold *gold;
	size_t ngold;
	struct eval ev;
	bool header_done;
};

static void *job_new(void *ctx)
{
	struct qjob *j = calloc(1, sizeof(*j));

	(void)ctx;
	if (!j)
		return NULL;
	slant_buf_init(&j->out, 0);
	slant_buf_init(&j->strs, 0);
	return j;
}

static void job_free(void *data)
{
	struct qjob *j = data;

	if (!j)
		return;
	slant_buf_release(&j->out);
	slant_buf_release(&j->strs);
	free(j->recs);
	free(j);
}

static void *worker_new(void *ctx)
{
	(void)ctx;
	return slant_quotes_new();
}

static void worker_free(void *wstate, void *ctx)
{
	(void)ctx;
	slant_quotes_free(wstate);
}

static uint32_t add_str(struct slant_buf *b, const char *s, size_t n)
{
	uint32_t off = (uint32_t)b->len;
	if (slant_buf_add(b, s, n) || slant_buf_addc(b, '\0'))
		return UINT32_MAX;
	return off;
}

/* Appends a JSON string or null. */
static int add_json_or_null(struct slant_buf *b, const char *s)
{
	return s ? slant_buf_add_json(b, s, strlen(s)) : slant_buf_adds(b, "null");
}

/* Appends s cut to `width` characters (never inside one) and padded with spaces to it. */
static int add_column(struct slant_buf *b, const char *s, size_t width)
{
	size_t i = 0, chars = 0;

	while (s[i] && chars < width) {
		unsigned char c = (unsigned char)s[i];
		size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		for (size_t k = 1; k < l; k++)
			if (!s[i + k])
				l = k;
		i += l;
		chars++;
	}
	int ret = cli_add_tsv(b, s, i);
	while (!ret && chars++ < width)
		ret = slant_buf_addc(b, ' ');
	return ret;
}

static int render(struct quotes *x, struct qjob *j, const struct slant_article *a,
		  const struct slant_quote *qt, const struct slant_speaker *sp, const char *verb,
		  const char *vclass)
{
	struct slant_buf *b = &j->out;
	const char *kind = slant_quote_kind_name(qt->kind);
	const char *text = a->text + qt->start;
	size_t tlen = qt->end - qt->start;
	int ret = 0;

	if (x->format == FMT_JSONL) {
		ret = slant_buf_adds(b, "{\"article\":");
		if (!ret) ret = slant_buf_add_json(b, a->id, strlen(a->id));
		if (!ret) ret = slant_buf_adds(b, ",\"outlet\":");
		if (!ret) ret = slant_buf_add_json(b, a->outlet, strlen(a->outlet));
		if (!ret) ret = slant_buf_adds(b, ",\"start\":");
		if (!ret) ret = slant_buf_addu(b, qt->start);
		if (!ret) ret = slant_buf_adds(b, ",\"end\":");
		if (!ret) ret = slant_buf_addu(b, qt->end);
		if (!ret) ret = slant_buf_adds(b, ",\"text\":");
		if (!ret) ret = slant_buf_add_json(b, text, tlen);
		if (!ret) ret = slant_buf_adds(b, ",\"kind\":\"");
		if (!ret) ret = slant_buf_adds(b, kind);
		if (!ret) ret = slant_buf_adds(b, "\",\"speaker\":");
		if (!ret) ret = add_json_or_null(b, sp ? sp->name : NULL);
		if (!ret) ret = slant_buf_adds(b, ",\"group\":");
		if (!ret) ret = add_json_or_null(b, sp ? sp->group : NULL);
		if (!ret) ret = slant_buf_adds(b, ",\"role\":");
		if (!ret) ret = add_json_or_null(b, sp ? sp->role : NULL);
		if (!ret) ret = slant_buf_adds(b, ",\"verb\":");
		if (!ret) ret = add_json_or_null(b, verb);
		if (!ret) ret = slant_buf_adds(b, ",\"verb_class\":");
		if (!ret) ret = add_json_or_null(b, vclass);
		if (!ret) ret = slant_buf_adds(b, ",\"words\":");
		if (!ret) ret = slant_buf_addu(b, qt->words);
		if (!ret) ret = slant_buf_adds(b, ",\"depth\":");
		if (!ret) ret = slant_buf_addu(b, qt->depth);
		if (!ret)
			ret = slant_buf_adds(b, (qt->flags & SLANT_QUOTEF_INHERITED) ?
							",\"inherited\":true}\n" :
							",\"inherited\":false}\n");
		return ret;
	}
	if (x->format == FMT_TSV) {
		const char *f[] = { a->id, a->outlet };
		for (size_t i = 0; !ret && i < 2; i++) {
			ret = cli_add_tsv(b, f[i], strlen(f[i]));
			if (!ret) ret = slant_buf_addc(b, '\t');
		}
		if (!ret) ret = slant_buf_addf(b, "%u\t%u\t%s\t", qt->start, qt->end, kind);
		const char *g[] = { sp ? sp->name : "", sp && sp->group ? sp->group : "",
				    sp && sp->role ? sp->role : "", verb ? verb : "",
				    vclass ? vclass : "" };
		for (size_t i = 0; !ret && i < sizeof(g) / sizeof(g[0]); i++) {
			ret = cli_add_tsv(b, g[i], strlen(g[i]));
			if (!ret) ret = slant_buf_addc(b, '\t');
		}
		if (!ret) ret = cli_add_tsv(b, text, tlen);
		if (!ret) ret = slant_buf_addc(b, '\n');
		return ret;
	}
	/* table: one line per quotation, its text shortened */
	char who[96];
	snprintf(who, sizeof(who), "%s%s%s%s", sp ? sp->name : "-", sp && sp->group ? " (" : "",
		 sp && sp->group ? sp->group : "", sp && sp->group ? ")" : "");
	/* columns cut on character boundaries, padded by characters */
	ret = add_column(b, a->id, 14);
	if (!ret) ret = slant_buf_addf(b, " %6u  %-7s  ", qt->start, kind);
	if (!ret) ret = add_column(b, who, 34);
	if (!ret) ret = slant_buf_adds(b, "  ");
	if (!ret) ret = add_column(b, verb ? verb : "-", 12);
	if (!ret) ret = slant_buf_adds(b, "  ");
	/* the text on one line, cut at about 60 characters on a character boundary */
	size_t shown = 0, chars = 0;
	while (shown < tlen && chars < 60) {
		unsigned char c = (unsigned char)text[shown];
		size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (shown + l > tlen)
			break;
		shown += l;
		chars++;
	}
	if (!ret) ret = cli_add_tsv(b, text, shown);
	if (!ret && shown < tlen) ret = slant_buf_adds(b, "...");
	if (!ret) ret = slant_buf_addc(b, '\n');
	return ret;
}

static int work(struct slant_job *job, void *wstate, void *ctx, struct slant_err *err)
{
	struct quotes *x = ctx;
	struct slant_quotes *q = wstate;
	struct qjob *j = slant_job_data(job);
	const struct slant_article *a = slant_job_article(job);
	const struct slant_doc *d = slant_job_doc(job);
	size_t nq, ns;
	int ret;

	slant_buf_reset(&j->out);
	slant_buf_reset(&j->strs);
	j->nrecs = 0;
	j->words = slant_doc_words(d);
	if (!q)
		return slant_err_set(err, SLANT_ENOMEM, NULL, 0, "out of memory");
	if ((ret = slant_quotes_extract(q, d, a->text, &x->conf, err)))
		return ret;
	const struct slant_quote *qs = slant_quotes_list(q, &nq);
	const struct slant_speaker *sps = slant_quotes_speakers(q, &ns);
	if (nq > j->caprecs) {
		struct rec *r = realloc(j->recs, nq * sizeof(*r));
		if (!r)
			return slant_err_set(err, SLANT_ENOMEM, NULL, 0, "out of memory");
		j->recs = r;
		j->caprecs = nq;
	}
	for (size_t i = 0; i < nq; i++) {
		const struct slant_quote *qt = &qs[i];
		const struct slant_speaker *sp = qt->speaker != UINT32_MAX ? &sps[qt->speaker] : NULL;
		const char *verb = NULL, *vclass = NULL;
		if (qt->verb != UINT32_MAX)
			verb = slant_people_verb(x->people, qt->verb, &vclass);
		struct rec *r = &j->recs[j->nrecs++];
		r->start = qt->start;
		r->end = qt->end;
		r->words = qt->words;
		r->kind = qt->kind;
		r->has_verb = verb != NULL;
		r->loaded = vclass && !strcmp(vclass, "loaded");
		r->group = sp ? sp->group : NULL;
		r->speaker = sp ? add_str(&j->strs, sp->name, strlen(sp->name)) : UINT32_MAX;
		r->verb = verb ? add_str(&j->strs, verb, strlen(verb)) : UINT32_MAX;
		if (x->per == PER_QUOTE && !x->gold_path &&
		    render(x, j, a, qt, sp, verb, vclass))
			return slant_err_set(err, SLANT_ENOMEM, NULL, 0, "out of memory");
	}
	return 0;
}

/* ------------------------------------------------------------ summaries */

static struct osum *outlet_of(struct quotes *x, const char *name)
{
	for (size_t i = 0; i < x->noutlets; i++)
		if (!strcmp(x->outlets[i].name, name))
			return &x->outlets[i];
	struct osum *o = realloc(x->outlets, (x->noutlets + 1) * sizeof(*o));
	if (!o)
		return NULL;
	x->outlets = o;
	o = &x->outlets[x->noutlets];
	memset(o, 0, sizeof(*o));
	if (!(o->name = strdup(name)))
		return NULL;
	x->noutlets++;
	return o;
}

static int sum_article(struct quotes *x, const struct slant_article *a, const struct qjob *j)
{
	const char *name = x->by ? slant_article_field(a, x->by) : a->outlet;
	struct osum *o = outlet_of(x, name && *name ? name : "(none)");

	if (!o)
		return SLANT_ENOMEM;
	o->articles++;
	o->words += j->words;
	for (size_t i = 0; i < j->nrecs; i++) {
		const struct rec *r = &j->recs[i];
		o->quotes++;
		o->kinds[r->kind & 3]++;
		o->verbs += r->has_verb;
		o->loaded += r->loaded;
		if (r->kind == SLANT_QUOTE_SCARE || r->kind == SLANT_QUOTE_TITLE)
			continue;
		o->quoted_words += r->words;
		const char *g = r->group ? r->group : "unknown";
		size_t k;
		for (k = 0; k < o->ngroups && strcmp(o->groups[k].group, g); k++)
			;
		if (k == o->ngroups) {
			struct gsum *v = realloc(o->groups, (k + 1) * sizeof(*v));
			if (!v)
				return SLANT_ENOMEM;
			o->groups = v;
			v[k] = (struct gsum){ g, 0 };
			o->ngroups++;
		}
		o->groups[k].words += r->words;
		if (r->speaker == UINT32_MAX)
			continue;
		const char *sn = j->strs.data + r->speaker;
		for (k = 0; k < o->nspeakers && strcmp(o->speakers[k].name, sn); k++)
			;
		if (k == o->nspeakers) {
			struct ssum *v = realloc(o->speakers, (k + 1) * sizeof(*v));
			if (!v)
				return SLANT_ENOMEM;
			o->speakers = v;
			v[k] = (struct ssum){ strdup(sn), r->group, 0, 0 };
			if (!v[k].name)
				return SLANT_ENOMEM;
			o->nspeakers++;
		}
		o->speakers[k].quotes++;
		o->speakers[k].words += r->words;
	}
	return 0;
}

static int cmp_gsum(const void *a, const void *b)
{
	const struct gsum *x = a, *y = b;
	if (x->words != y->words)
		return x->words > y->words ? -1 : 1;
	return strcmp(x->group, y->group);
}

static int cmp_ssum(const void *a, const void *b)
{
	const struct ssum *x = a, *y = b;
	if (x->quotes != y->quotes)
		return x->quotes > y->quotes ? -1 : 1;
	if (x->words != y->words)
		return x->words > y->words ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int cmp_osum(const void *a, const void *b)
{
	return strcmp(((const struct osum *)a)->name, ((const struct osum *)b)->name);
}

static double ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0;
}

static int print_outlets(struct quotes *x)
{
	struct slant_buf b;
	int ret = 0;

	slant_buf_init(&b, 0);
	if (x->noutlets)
		qsort(x->outlets, x->noutlets, sizeof(*x->outlets), cmp_osum);
	if (x->format == FMT_TSV)
		ret = slant_buf_adds(&b, "outlet\tarticles\tquotes\tquotes_per_article\tquoted_words\t"
					 "direct\tpartial\tscare\ttitle\tscare_rate\tloaded_verb_rate\t"
					 "group_shares\ttop_speakers\n");
	else if (x->format == FMT_TABLE)
		ret = slant_buf_addf(&b, "%-24s %8s %7s %8s %7s %7s  %-40s  %s\n", "outlet", "articles",
				     "quotes", "q/article", "scare%", "loaded%",
				     "quoted words by group", "top speakers");
	for (size_t i = 0; !ret && i < x->noutlets; i++) {
		struct osum *o = &x->outlets[i];
		if (o->ngroups)
			qsort(o->groups, o->ngroups, sizeof(*o->groups), cmp_gsum);
		if (o->nspeakers)
			qsort(o->speakers, o->nspeakers, sizeof(*o->speakers), cmp_ssum);
		double qpa = ratio(o->quotes, o->articles);
		double scare = ratio(o->kinds[SLANT_QUOTE_SCARE], o->quotes);
		double loaded = ratio(o->loaded, o->verbs);
		size_t ns = o->nspeakers < x->top ? o->nspeakers : x->top;
		if (x->format == FMT_JSONL) {
			ret = slant_buf_adds(&b, "{\"outlet\":");
			if (!ret) ret = slant_buf_add_json(&b, o->name, strlen(o->name));
			if (!ret)
				ret = slant_buf_addf(&b,
					",\"articles\":%llu,\"words\":%llu,\"quotes\":%llu,"
					"\"quotes_per_article\":%.4f,\"quoted_words\":%llu,"
					"\"kinds\":{\"direct\":%llu,\"partial\":%llu,\"scare\":%llu,"
					"\"title\":%llu},\"scare_rate\":%.4f,\"attributed_verbs\":%llu,"
					"\"loaded_verb_rate\":%.4f,\"group_shares\":{",
					(unsigned long long)o->articles, (unsigned long long)o->words,
					(unsigned long long)o->quotes, qpa,
					(unsigned long long)o->quoted_words,
					(unsigned long long)o->kinds[0], (unsigned long long)o->kinds[1],
					(unsigned long long)o->kinds[2], (unsigned long long)o->kinds[3],
					scare, (unsigned long long)o->verbs, loaded);
			for (size_t k = 0; !ret && k < o->ngroups; k++) {
				if (k) ret = slant_buf_addc(&b, ',');
				if (!ret) ret = slant_buf_add_json(&b, o->groups[k].group, strlen(o->groups[k].group));
				if (!ret) ret = slant_buf_addf(&b, ":%.4f", ratio(o->groups[k].words, o->quoted_words));
			}
			if (!ret) ret = slant_buf_adds(&b, "},\"top_speakers\":[");
			for (size_t k = 0; !ret && k < ns; k++) {
				ret = slant_buf_adds(&b, k ? ",{\"speaker\":" : "{\"speaker\":");
				if (!ret) ret = slant_buf_add_json(&b, o->speakers[k].name, strlen(o->speakers[k].name));
				if (!ret) ret = slant_buf_adds(&b, ",\"group\":");
				if (!ret) ret = add_json_or_null(&b, o->speakers[k].group);
				if (!ret)
					ret = slant_buf_addf(&b, ",\"quotes\":%llu,\"words\":%llu}",
							     (unsigned long long)o->speakers[k].quotes,
							     (unsigned long long)o->speakers[k].words);
			}
			if (!ret) ret = slant_buf_adds(&b, "]}\n");
			continue;
		}
		/* "democrat 41%, civil-society 22%" and "Halloway (5), Varga (3)" */
		struct slant_buf gs, ss;
		slant_buf_init(&gs, 0);
		slant_buf_init(&ss, 0);
		for (size_t k = 0; !ret && k < o->ngroups; k++)
			ret = slant_buf_addf(&gs, "%s%s %.0f%%", k ? ", " : "", o->groups[k].group,
					     100 * ratio(o->groups[k].words, o->quoted_words));
		for (size_t k = 0; !ret && k < ns; k++)
			ret = slant_buf_addf(&ss, "%s%s (%llu)", k ? ", " : "", o->speakers[k].name,
					     (unsigned long long)o->speakers[k].quotes);
		if (!ret && x->format == FMT_TSV) {
			ret = cli_add_tsv(&b, o->name, strlen(o->name));
			if (!ret)
				ret = slant_buf_addf(&b, "\t%llu\t%llu\t%.3f\t%llu\t%llu\t%llu\t%llu\t%llu\t%.4f\t%.4f\t",
					(unsigned long long)o->articles, (unsigned long long)o->quotes,
					qpa, (unsigned long long)o->quoted_words,
					(unsigned long long)o->kinds[0], (unsigned long long)o->kinds[1],
					(unsigned long long)o->kinds[2], (unsigned long long)o->kinds[3],
					scare, loaded);
			if (!ret) ret = cli_add_tsv(&b, gs.len ? gs.data : "", gs.len);
			if (!ret) ret = slant_buf_addc(&b, '\t');
			if (!ret) ret = cli_add_tsv(&b, ss.len ? ss.data : "", ss.len);
			if (!ret) ret = slant_buf_addc(&b, '\n');
		} else if (!ret) {
			ret = slant_buf_addf(&b, "%-24.24s %8llu %7llu %8.1f %6.1f%% %6.1f%%  %-40.40s  %s\n",
					     o->name, (unsigned long long)o->articles,
					     (unsigned long long)o->quotes, qpa, 100 * scare,
					     100 * loaded, gs.len ? gs.data : "-",
					     ss.len ? ss.data : "-");
		}
		slant_buf_release(&gs);
		slant_buf_release(&ss);
	}
	if (!ret)
		ret = cli_write(&x->in, x->out.f, b.data, b.len);
	slant_buf_release(&b);
	return ret;
}

/* ----------------------------------------------------------- evaluation */

static int kind_of(const char *s)
{
	for (int k = 0; k < 4; k++)
		if (!strcmp(s, slant_quote_kind_name(k)))
			return k;
	return -1;
}

static int load_gold(struct quotes *x, const char *path)
{
	struct slant_buf data;
	int ret;
	long line = 0;

	slant_buf_init(&data, (size_t)256 << 20);
	if ((ret = cli_read_file(path, &data)))
		goto out;
	for (char *p = data.data, *end = data.data + data.len; p < end;) {
		char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		*e = '\0';
		line++;
		char *l = p;
		p = e + 1;
		if (e > l && e[-1] == '\r')
			e[-1] = '\0';
		if (line == 1 && !strncmp(l, "\xEF\xBB\xBF", 3))
			l += 3; /* a byte order mark */
		if (!*l || *l == '#' || !strncmp(l, "id\tstart\t", 9))
			continue; /* blank, comment or header */
		char *f[7] = { 0 };
		size_t nf = 0;
		for (char *s = l; nf < 7;) {
			f[nf++] = s;
			char *t = strchr(s, '\t');
			if (!t)
				break;
			*t = '\0';
			s = t + 1;
		}
		char *e1, *e2;
		unsigned long st = nf >= 3 ? strtoul(f[1], &e1, 10) : 0;
		unsigned long en = nf >= 3 ? strtoul(f[2], &e2, 10) : 0;
		int kind = nf >= 4 ? kind_of(f[3]) : -1;
		if (nf < 7 || *e1 || *e2 || e1 == f[1] || e2 == f[2] || en <= st || kind < 0 ||
		    en > UINT32_MAX) {
			cli_error("%s:%ld: expected 'id<TAB>start<TAB>end<TAB>kind<TAB>speaker<TAB>"
				  "group<TAB>verb' with start < end and a kind of direct, partial, "
				  "scare or title",
				  path, line);
			ret = EXIT_DATA;
			goto out;
		}
		struct gold *g = realloc(x->gold, (x->ngold + 1) * sizeof(*g));
		if (!g) {
			cli_error("out of memory");
			ret = EXIT_IO;
			goto out;
		}
		x->gold = g;
		g = &x->gold[x->ngold++];
		*g = (struct gold){ strdup(f[0]), (uint32_t)st, (uint32_t)en, (uint8_t)kind,
				    strdup(f[4]), strdup(f[5]), strdup(f[6]), path };
		if (!g->id || !g->speaker || !g->group || !g->verb) {
			cli_error("out of memory");
			ret = EXIT_IO;
			goto out;
		}
	}
out:
	slant_buf_release(&data);
	return ret;
}

/* Lower case, without a leading article, periods and commas; curly apostrophes straight
 * ("O’Connor" is "O'Connor"), hyphens spaces ("Jong-un" is "Jong Un"). */
static void name_key(const char *s, char *out, size_t size)
{
	size_t j = 0;

	if (!strncasecmp(s, "the ", 4))
		s += 4;
	for (; *s && j + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '.' || c == ',')
			continue;
		if (c == '-') {
			out[j++] = ' '; /* "Kim Jong-un" is "Kim Jong Un" */
			continue;
		}
		if (!strncmp(s, "\xe2\x80\x99", 3) || !strncmp(s, "\xe2\x80\x98", 3)) {
			out[j++] = '\'';
			s += 2;
			continue;
		}
		out[j++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
	}
	out[j] = '\0';
}

static const char *last_word(const char *s)
{
	const char *sp = strrchr(s, ' ');
	return sp ? sp + 1 : s;
}

/* Whether word string w holds the whole word sub (a run of words bounded by spaces). */
static bool has_words(const char *w, const char *sub)
{
	size_t n = strlen(sub);

	for (const char *s = strstr(w, sub); s; s = strstr(s + 1, sub))
		if ((s == w || s[-1] == ' ') && (s[n] == '\0' || s[n] == ' '))
			return true;
	return false;
}

/* Whether `acro` ("IRS", "D.H.S.", three letters or more: "AP" could be anyone's initials) is
 * made of the initials of the capitalised words of `name` ("Internal Revenue Service"; words
 * in lower case such as "of" left out). */
static bool acronym_of(const char *acro, const char *name)
{
	char a[32], n[32];
	size_t na = 0, nn = 0;

	for (const char *s = acro; *s; s++) {
		if (*s == '.')
			continue;
		if (*s < 'A' || *s > 'Z' || na + 1 >= sizeof(a))
			return false;
		a[na++] = *s;
	}
	for (const char *s = name; *s; s++)
		if ((s == name || s[-1] == ' ') && *s >= 'A' && *s <= 'Z' && nn + 1 < sizeof(n))
			n[nn++] = *s;
	return na >= 3 && na == nn && !memcmp(a, n, na);
}

/*
 * Same speaker, leniently: the same name, one name's words inside the other's ("Halloway" in
 * "JR Halloway", "DHS spokesperson" in "a DHS spokesperson"), the same surname unless both
 * give first names that differ ("Melania Trump" is not "Donald Trump"; "D. Trump" is), or an
 * acronym of the other ("IRS").
 */
static bool same_speaker(const char *gold, const char *pred)
{
	char g[256], p[256];

	if (!*gold || !pred)
		return !*gold && !pred;
	if (acronym_of(gold, pred) || acronym_of(pred, gold))
		return true;
	name_key(gold, g, sizeof(g));
	name_key(pred, p, sizeof(p));
	if (!strcmp(g, p) || has_words(g, p) || has_words(p, g))
		return true;
	if (strcmp(last_word(g), last_word(p)))
		return false;
	const char *gs = strchr(g, ' '), *ps = strchr(p, ' ');
	if (!gs || !ps)
		return true; /* a surname alone */
	return g[0] == p[0] && (gs - g == 1 || ps - p == 1 ||
				(gs - g == ps - p && !strncmp(g, p, (size_t)(gs - g))));
}

static uint32_t overlap(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1)
{
	uint32_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
	return hi > lo ? hi - lo : 0;
}

/* A (gold row, found quotation) pair overlapping by at least half. */
struct cand {
	size_t g, k;
	double iou;
	bool exact;
};

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->iou != y->iou)
		return x->iou > y->iou ? -1 : 1;
	if (x->exact != y->exact)
		return x->exact ? -1 : 1;
	if (x->g != y->g)
		return x->g < y->g ? -1 : 1;
	return (x->k > y->k) - (x->k < y->k);
}

/* The article's text at [start, end), clamped to it, for messages. */
static int span_len(const struct slant_article *a, uint32_t start)
{
	size_t left = start < a->text_len ? a->text_len - start : 0;
	return (int)(left < 60 ? left : 60);
}

static void score_match(struct quotes *x, const struct slant_article *a, const struct gold *g,
			const struct rec *r, const struct qjob *j)
{
	x->ev.overlap++;
	x->ev.exact += r->start == g->start && r->end == g->end;
	x->ev.kind_ok += r->kind == g->kind;
	x->ev.kind_conf[g->kind][r->kind]++;
	const char *ps = r->speaker != UINT32_MAX ? j->strs.data + r->speaker : NULL;
	const char *text = a->text + g->start;
	int tl = span_len(a, g->start);
	if (*g->speaker) {
		bool ok = same_speaker(g->speaker, ps);
		bool group_ok = r->group && !strcmp(r->group, g->group);
		x->ev.spk_n++;
		x->ev.spk_ok += ok;
		x->ev.grp_n++;
		x->ev.grp_ok += group_ok;
		if (*g->verb) {
			const char *pv = r->verb != UINT32_MAX ? j->strs.data + r->verb : "";
			size_t gl = strcspn(g->verb, " "), pl = strcspn(pv, " ");
			x->ev.verb_n++;
			x->ev.verb_ok += gl == pl && !strncmp(g->verb, pv, gl);
		}
		if (x->errors && !ok)
			fprintf(stderr, "speaker\t%s\t%u\t%u\tgold=%s\tpred=%s\t%.*s\n", a->id,
				g->start, g->end, g->speaker, ps ? ps : "-", tl, text);
		else if (x->errors && !group_ok)
			fprintf(stderr, "group\t%s\t%u\t%u\t%s\tgold=%s\tpred=%s\n", a->id, g->start,
				g->end, ps, g->group, r->group ? r->group : "-");
	}
	if (x->errors && r->kind != g->kind)
		fprintf(stderr, "kind\t%s\t%u\t%u\tgold=%s\tpred=%s\t%.*s\n", a->id, g->start,
			g->end, slant_quote_kind_name(g->kind), slant_quote_kind_name(r->kind), tl,
			text);
}

/*
 * Scores one article against its gold rows: every (gold, found) pair overlapping by at least
 * half of their union, best overlap first (exact before not, then in order), each row and
 * quotation matched once, so the scores do not depend on the order of the rows.
 */
static int eval_article(struct quotes *x, const struct slant_article *a, const struct qjob *j)
{
	size_t *rows = NULL, nrows = 0;
	struct cand *c = NULL;
	size_t nc = 0;
	bool *gused = NULL, *kused = NULL;
	int ret = SLANT_ENOMEM;

	for (size_t i = 0; i < x->ngold; i++) {
		if (strcmp(x->gold[i].id, a->id))
			continue;
		if (x->gold[i].end > a->text_len) {
			cli_error("%s: gold span %u-%u is past the end of article '%s' (%zu bytes)",
				  x->gold[i].file, x->gold[i].start, x->gold[i].end, a->id, a->text_len);
			ret = SLANT_ESTOP; /* reported */
			goto out;
		}
		size_t *v = realloc(rows, (nrows + 1) * sizeof(*v));
		if (!v)
			goto out;
		rows = v;
		rows[nrows++] = i;
	}
	if (!nrows) {
		ret = 0;
		goto out;
	}
	x->ev.articles++;
	x->ev.pred += j->nrecs;
	x->ev.gold += nrows;
	if (!(gused = calloc(nrows, sizeof(*gused))) || !(kused = calloc(j->nrecs + 1, sizeof(*kused))))
		goto out;
	for (size_t gi = 0; gi < nrows; gi++) {
		const struct gold *g = &x->gold[rows[gi]];
		for (size_t k = 0; k < j->nrecs; k++) {
			const struct rec *r = &j->recs[k];
			uint32_t ov = overlap(g->start, g->end, r->start, r->end);
			uint32_t un = (g->end - g->start) + (r->end - r->start) - ov;
			double iou = un ? (double)ov / un : 0;
			if (iou < 0.5)
				continue;
			struct cand *v = realloc(c, (nc + 1) * sizeof(*v));
			if (!v)
				goto out;
			c = v;
			c[nc++] = (struct cand){ gi, k, iou, r->start == g->start && r->end == g->end };
		}
	}
	if (nc)
		qsort(c, nc, sizeof(*c), cmp_cand);
	for (size_t i = 0; i < nc; i++) {
		if (gused[c[i].g] || kused[c[i].k])
			continue;
		gused[c[i].g] = kused[c[i].k] = true;
		score_match(x, a, &x->gold[rows[c[i].g]], &j->recs[c[i].k], j);
	}
	if (x->errors) {
		for (size_t gi = 0; gi < nrows; gi++) {
			const struct gold *g = &x->gold[rows[gi]];
			if (!gused[gi])
				fprintf(stderr, "miss\t%s\t%u\t%u\t%s\t%s\t%.*s\n", a->id, g->start,
					g->end, slant_quote_kind_name(g->kind), g->speaker,
					span_len(a, g->start), a->text + g->start);
		}
		for (size_t k = 0; k < j->nrecs; k++)
			if (!kused[k])
				fprintf(stderr, "extra\t%s\t%u\t%u\t%s\t%.*s\n", a->id, j->recs[k].start,
					j->recs[k].end, slant_quote_kind_name(j->recs[k].kind),
					span_len(a, j->recs[k].start), a->text + j->recs[k].start);
	}
	ret = 0;
out:
	free(rows);
	free(c);
	free(gused);
	free(kused);
	return ret;
}

static int print_eval(struct quotes *x)
{
	const struct eval *e = &x->ev;
	struct slant_buf b;
	int ret;
	double pe = ratio(e->exact, e->pred), re = ratio(e->exact, e->gold);
	double po = ratio(e->overlap, e->pred), ro = ratio(e->overlap, e->gold);
	double fe = pe + re > 0 ? 2 * pe * re / (pe + re) : 0;
	double fo = po + ro > 0 ? 2 * po * ro / (po + ro) : 0;

	slant_buf_init(&b, 0);
	ret = slant_buf_addf(&b,
		"articles\t%llu\ngold quotes\t%llu\nfound quotes\t%llu\n"
		"span exact\tP %.1f\tR %.1f\tF1 %.1f\n"
		"span overlap>=0.5\tP %.1f\tR %.1f\tF1 %.1f\n"
		"kind accuracy\t%.1f%%\t(%llu/%llu matched)\n"
		"speaker accuracy\t%.1f%%\t(%llu/%llu matched with a gold speaker)\n"
		"group accuracy\t%.1f%%\t(%llu/%llu)\n"
		"verb accuracy\t%.1f%%\t(%llu/%llu with a gold verb)\n"
		"kind confusion (rows gold, columns found): direct partial scare title\n",
		(unsigned long long)e->articles, (unsigned long long)e->gold,
		(unsigned long long)e->pred, 100 * pe, 100 * re, 100 * fe, 100 * po, 100 * ro,
		100 * fo, 100 * ratio(e->kind_ok, e->overlap), (unsigned long long)e->kind_ok,
		(unsigned long long)e->overlap, 100 * ratio(e->spk_ok, e->spk_n),
		(unsigned long long)e->spk_ok, (unsigned long long)e->spk_n,
		100 * ratio(e->grp_ok, e->grp_n), (unsigned long long)e->grp_ok,
		(unsigned long long)e->grp_n, 100 * ratio(e->verb_ok, e->verb_n),
		(unsigned long long)e->verb_ok, (unsigned long long)e->verb_n);
	for (int k = 0; !ret && k < 4; k++)
		ret = slant_buf_addf(&b, "  %-8s %5llu %5llu %5llu %5llu\n", slant_quote_kind_name(k),
				     (unsigned long long)e->kind_conf[k][0],
				     (unsigned long long)e->kind_conf[k][1],
				     (unsigned long long)e->kind_conf[k][2],
				     (unsigned long long)e->kind_conf[k][3]);
	if (!ret)
		ret = cli_write(&x->in, x->out.f, b.data, b.len);
	slant_buf_release(&b);
	return ret;
}

/* --------------------------------------------------------------- driver */

static int emit(struct slant_job *job, void *ctx)
{
	struct quotes *x = ctx;
	const struct qjob *j = slant_job_data(job);
	const struct slant_article *a = slant_job_article(job);

	if (x->gold_path)
		return eval_article(x, a, j);
	if (x->per == PER_OUTLET)
		return sum_article(x, a, j);
	if (x->format == FMT_TSV && !x->header_done) {
		static const char header[] = "article\toutlet\tstart\tend\tkind\tspeaker\tgroup\trole\t"
					     "verb\tverb_class\ttext\n";
		x->header_done = true;
		int ret = cli_write(&x->in, x->out.f, header, sizeof(header) - 1);
		if (ret)
			return ret;
	}
	return j->out.len ? cli_write(&x->in, x->out.f, j->out.data, j->out.len) : 0;
}

static int tail(void *ctx, const struct slant_pipeline_stats *st)
{
	struct quotes *x = ctx;

	(void)st;
	if (x->gold_path) {
		if (!x->ev.articles) {
			cli_error("none of the gold file's articles was in the input (check --field id=...)");
			return SLANT_ESTOP; /* reported */
		}
		return print_eval(x);
	}
	if (x->per == PER_OUTLET)
		return print_outlets(x);
	if (x->format == FMT_TSV && !x->header_done) {
		static const char header[] = "article\toutlet\tstart\tend\tkind\tspeaker\tgroup\trole\t"
					     "verb\tverb_class\ttext\n";
		return cli_write(&x->in, x->out.f, header, sizeof(header) - 1);
	}
	return 0;
}

/*
 * Loads one table of the people table: the file the option names, the shipped one when it
 * names none, or nothing for "none". A shipped file that cannot be found is an error.
 */
static int load_table(struct quotes *x, int what, const char *opt, const char *given,
		      const char *shipped)
{
	struct slant_err err;
	const char *p = given ? given : cli_data_path(shipped);

	if (given && !strcmp(given, "none"))
		return 0;
	if (!p) {
		cli_error("cannot find %s: set SLANT_DATA_DIR, or give --%s FILE (or --%s none)",
			  shipped, opt, opt);
		return EXIT_IO;
	}
	slant_err_clear(&err);
	if (slant_people_load(x->people, what, p, &err)) {
		cli_error_err(&err);
		return cli_exit_code(err.code);
	}
	return 0;
}

static int load_resources(struct quotes *x)
{
	int ret;

	if (!(x->people = slant_people_new())) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	if ((ret = load_table(x, SLANT_PEOPLE_SPEAKERS, "speakers", x->speakers_path,
			      "lexicons/speakers.tsv")) ||
	    (ret = load_table(x, SLANT_PEOPLE_ROLES, "roles", x->roles_path, "lexicons/roles.tsv")) ||
	    (ret = load_table(x, SLANT_PEOPLE_VERBS, "verbs", x->verbs_path,
			      "lexicons/attribution-verbs.tsv")))
		return ret;
	x->conf.people = x->people;
	return 0;
}

int cmd_quotes(int argc, char **argv)
{
	enum { OPT_FORMAT = OPT_FIRST_COMMAND, OPT_PER, OPT_BY, OPT_TOP, OPT_SPEAKERS, OPT_ROLES,
	       OPT_VERBS, OPT_GOLD, OPT_ERRORS };
	static const struct option opts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "per", required_argument, NULL, OPT_PER },
		{ "by", required_argument, NULL, OPT_BY },
		{ "top", required_argument, NULL, OPT_TOP },
		{ "speakers", required_argument, NULL, OPT_SPEAKERS },
		{ "roles", required_argument, NULL, OPT_ROLES },
		{ "verbs", required_argument, NULL, OPT_VERBS },
		{ "gold", required_argument, NULL, OPT_GOLD },
		{ "errors", no_argument, NULL, OPT_ERRORS },
		{ "output", required_argument, NULL, 'o' },
		CLI_INPUT_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	static const struct slant_pipeline_ops ops = {
		.worker_new = worker_new, .worker_free = worker_free,
		.job_new = job_new, .job_free = job_free, .work = work, .emit = emit,
		.bad = cli_bad_cb, .progress = cli_progress_cb,
	};
	struct quotes x;
	const char *output = NULL;
	int c, ret;

	memset(&x, 0, sizeof(x));
	x.top = 5;
	if ((ret = cli_input_init(&x.in)))
		return ret;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT: {
			static const char *const names[] = { "table", "tsv", "jsonl", NULL };
			if ((x.format = cli_format(optarg, names)) < 0) {
				ret = EXIT_USAGE;
				goto out;
			}
			break;
		}
		case OPT_PER:
			if (!strcmp(optarg, "quote"))
				x.per = PER_QUOTE;
			else if (!strcmp(optarg, "outlet"))
				x.per = PER_OUTLET;
			else {
				ret = cli_usage_error("--per wants quote or outlet, not '%s'", optarg);
				goto out;
			}
			break;
		case OPT_BY:
			x.by = optarg;
			break;
		case OPT_TOP: {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (end == optarg || *end || n < 0 || n > 1000) {
				ret = cli_usage_error("bad number '%s' for --top", optarg);
				goto out;
			}
			x.top = (size_t)n;
			break;
		}
		case OPT_SPEAKERS:
			x.speakers_path = optarg;
			break;
		case OPT_ROLES:
			x.roles_path = optarg;
			break;
		case OPT_VERBS:
			x.verbs_path = optarg;
			break;
		case OPT_GOLD:
			x.gold_path = optarg;
			if ((ret = load_gold(&x, optarg)))
				goto out;
			break;
		case OPT_ERRORS:
			x.errors = true;
			break;
		default: {
			bool stop;
			ret = cli_common_option(&x.in, c, optarg, &output, &stop);
			if (stop)
				goto out;
		}
		}
	}
	if (x.by && x.per != PER_OUTLET) {
		ret = cli_usage_error("--by goes with --per outlet");
		goto out;
	}
	if ((ret = load_resources(&x)))
		goto out;
	struct cli_command_run r = { &x.in, &x.out, output, &ops, &x, NULL, tail };
	ret = cli_run_command(&r, argc - optind, argv + optind);
out:
	for (size_t i = 0; i < x.noutlets; i++) {
		for (size_t k = 0; k < x.outlets[i].nspeakers; k++)
			free(x.outlets[i].speakers[k].name);
		free(x.outlets[i].speakers);
		free(x.outlets[i].groups);
		free(x.outlets[i].name);
	}
	free(x.outlets);
	for (size_t i = 0; i < x.ngold; i++) {
		free(x.gold[i].id);
		free(x.gold[i].speaker);
		free(x.gold[i].group);
		free(x.gold[i].verb);
	}
	free(x.gold);
	slant_people_free(x.people);
	cli_input_release(&x.in);
	return ret;
}
