/*
 * cmd_terms.c - `slant terms`: loaded-term frequencies per article or per outlet.
 *
 * Workers find the matches and count them per category and per term; per article, they also
 * format the row. Per outlet, the emitting thread adds each article's counts to its outlet,
 * and the rows are printed at the end in outlet order.
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_terms_usage[] =
	"usage: slant terms [OPTIONS] INPUT...\n"
	"\n"
	"Counts the lexicons' loaded terms in each article or outlet: matches per category, the\n"
	"rate per 1,000 words, the mean lean of the matched terms (-1 left .. +1 right, weighted\n"
	"by the terms' weights) and the most frequent terms.\n"
	"\n"
	"Options:\n"
	"  --per article|outlet   one row per article (default) or per outlet\n"
	"  --format table|tsv|jsonl\n"
	"                         output format (default table)\n"
	"  --top N                how many top terms to list (default 5)\n"
	"  --matches              list every match with its byte offsets in the article text\n"
	"                         (per article only)\n"
	"  --lexicon FILE         a lexicon (TSV or LIWC .dic); repeat for several; default:\n"
	"                         the shipped immigration, loaded, frames and attribution-verbs\n"
	"  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
	"\n" CLI_INPUT_HELP
	"\n"
	"Examples:\n"
	"  slant terms --per outlet examples/\n"
	"  slant terms --format jsonl --matches examples/wire-1.txt --outlet Wire\n";

enum { FMT_TABLE, FMT_TSV, FMT_JSONL };

/* Counts of one article or one outlet. */
struct counts {
	uint64_t articles, tokens, words, matches;
	double lean_sum, weight_sum;
	uint64_t *cat;  /* per category */
	uint32_t *term; /* per entry, indexed by a match's first entry (outlets only) */
};

struct term_count {
	uint32_t entry, count;
};

struct job_out {
	struct slant_matches m;
	struct counts c;
	struct term_count *terms; /* this article's distinct terms, by count */
	size_t nterms, capterms;
	struct slant_buf out;
};

struct outlet {
	char *name;
	struct counts c;
};

struct terms {
	struct cli_input in; /* first: cli_bad_cb() and cli_progress_cb() find it at ctx */
	struct cli_lexicons lex;
	const struct slant_lexicon *lx;
	size_t ncats, nentries;
	int format, per_outlet, top, matches;
	struct cli_out out;
	struct outlet *outlets;
	size_t noutlets, capoutlets;
	uint32_t *index; /* outlets by name hash */
	size_t capindex;
};

static void *job_new(void *ctx)
{
	struct terms *x = ctx;
	struct job_out *j = calloc(1, sizeof(*j));

	if (!j)
		return NULL;
	j->c.cat = calloc(x->ncats + 1, sizeof(*j->c.cat));
	if (!j->c.cat) {
		free(j);
		return NULL;
	}
	slant_buf_init(&j->out, 0);
	return j;
}

static void job_free(void *data)
{
	struct job_out *j = data;

	free(j->m.v);
	free(j->c.cat);
	free(j->terms);
	slant_buf_release(&j->out);
	free(j);
}

static int cmp_term_count(const void *a, const void *b)
{
	const struct term_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct slant_match *x = a, *y = b;

	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/* Adds one match to the counts: every entry of its term counts in its category. */
static void count_match(const struct slant_lexicon *lx, const struct slant_match *m,
			struct counts *c)
{
	c->matches++;
	for (uint32_t k = m->entry; k != UINT32_MAX;) {
		const struct slant_lexentry *e = slant_lexicon_entry(lx, k);
		c->cat[e->category]++;
		c->lean_sum += e->lean * e->weight;
		c->weight_sum += e->weight;
		k = e->next;
	}
}

static double per_1000(uint64_t n, uint64_t words)
{
	return words ? 1000.0 * (double)n / (double)words : 0;
}

/* --------------------------------------------------------------- formats */

static int add_json_str(struct slant_buf *b, const char *s)
{
	return s ? slant_buf_add_json(b, s, strlen(s)) : slant_buf_adds(b, "null");
}

static int add_lean(struct slant_buf *b, const struct counts *c, bool json)
{
	if (!(c->weight_sum > 0))
		return slant_buf_adds(b, json ? "null" : "");
	return slant_buf_addf(b, "%.3f", c->lean_sum / c->weight_sum);
}

static int format_jsonl(const struct terms *x, const char *id, const char *outlet,
			const struct counts *c, const struct term_count *top, size_t ntop,
			const struct slant_article *a, const struct slant_matches *m,
			struct slant_buf *b)
{
	int ret = 0;

	if (id) {
		ret = slant_buf_adds(b, "{\"article\":");
		if (!ret)
			ret = add_json_str(b, id);
		if (!ret)
			ret = slant_buf_adds(b, ",\"outlet\":");
		if (!ret)
			ret = add_json_str(b, outlet);
	} else {
		ret = slant_buf_adds(b, "{\"outlet\":");
		if (!ret)
			ret = add_json_str(b, outlet);
		if (!ret)
			ret = slant_buf_addf(b, ",\"articles\":%llu", (unsigned long long)c->articles);
	}
	if (!ret)
		ret = slant_buf_addf(b, ",\"tokens\":%llu,\"words\":%llu,\"matches\":%llu,"
					"\"per_1000\":%.3f,\"lean\":",
				     (unsigned long long)c->tokens, (unsigned long long)c->words,
				     (unsigned long long)c->matches, per_1000(c->matches, c->words));
	if (!ret)
		ret = add_lean(b, c, true);
	if (!ret)
		ret = slant_buf_adds(b, ",\"categories\":{");
	for (size_t i = 0; !ret && i < x->ncats; i++) {
		ret = slant_buf_addf(b, "%s", i ? "," : "");
		if (!ret)
			ret = add_json_str(b, slant_lexicon_category(x->lx, i));
		if (!ret)
			ret = slant_buf_addf(b, ":{\"count\":%llu,\"per_1000\":%.3f}",
					     (unsigned long long)c->cat[i], per_1000(c->cat[i], c->words));
	}
	if (!ret)
		ret = slant_buf_adds(b, "},\"top\":[");
	for (size_t i = 0; !ret && i < ntop; i++) {
		ret = slant_buf_adds(b, i ? ",{\"term\":" : "{\"term\":");
		if (!ret)
			ret = add_json_str(b, slant_lexicon_entry(x->lx, top[i].entry)->term);
		if (!ret)
			ret = slant_buf_addf(b, ",\"count\":%u}", top[i].count);
	}
	if (!ret)
		ret = slant_buf_adds(b, "]");
	if (!ret && m) {
		ret = slant_buf_adds(b, ",\"matches\":[");
		for (size_t i = 0; !ret && i < m->n; i++) {
			const struct slant_lexentry *e = slant_lexicon_entry(x->lx, m->v[i].entry);
			ret = slant_buf_addf(b, "%s{\"start\":%u,\"end\":%u,\"text\":", i ? "," : "",
					     m->v[i].start, m->v[i].end);
			if (!ret)
				ret = slant_buf_add_json(b, a->text + m->v[i].start,
							 m->v[i].end - m->v[i].start);
			if (!ret)
				ret = slant_buf_adds(b, ",\"term\":");
			if (!ret)
				ret = add_json_str(b, e->term);
			if (!ret)
				ret = slant_buf_adds(b, ",\"categories\":[");
			for (uint32_t k = m->v[i].entry; !ret && k != UINT32_MAX;) {
				const struct slant_lexentry *f = slant_lexicon_entry(x->lx, k);
				ret = add_json_str(b, slant_lexicon_category(x->lx, f->category));
				k = f->next;
				if (!ret && k != UINT32_MAX)
					ret = slant_buf_addc(b, ',');
			}
			if (!ret)
				ret = slant_buf_addf(b, "],\"lean\":%.2f}", e->lean);
		}
		if (!ret)
			ret = slant_buf_adds(b, "]");
	}
	if (!ret)
		ret = slant_buf_adds(b, "}\n");
	return ret;
}

static int tsv_header(const struct terms *x, struct slant_buf *b)
{
	int ret;

	if (x->matches)
		return slant_buf_adds(b, "article\toutlet\tstart\tend\ttext\tterm\tcategories\tlean\n");
	ret = slant_buf_adds(b, x->per_outlet ? "outlet\tarticles" : "article\toutlet");
	if (!ret)
		ret = slant_buf_adds(b, "\ttokens\twords\tmatches\tper_1000\tlean");
	for (size_t i = 0; !ret && i < x->ncats; i++)
		ret = slant_buf_addf(b, "\t%s\t%s_per_1000", slant_lexicon_category(x->lx, i),
				     slant_lexicon_category(x->lx, i));
	if (!ret)
		ret = slant_buf_adds(b, "\ttop\n");
	return ret;
}

static int format_tsv(const struct terms *x, const char *id, const char *outlet,
		      const struct counts *c, const struct term_count *top, size_t ntop,
		      struct slant_buf *b)
{
	int ret;

	if (id) {
		ret = cli_add_tsv(b, id, strlen(id));
		if (!ret)
			ret = slant_buf_addc(b, '\t');
		if (!ret)
			ret = cli_add_tsv(b, outlet, strlen(outlet));
	} else {
		ret = cli_add_tsv(b, outlet, strlen(outlet));
		if (!ret)
			ret = slant_buf_addf(b, "\t%llu", (unsigned long long)c->articles);
	}
	if (!ret)
		ret = slant_buf_addf(b, "\t%llu\t%llu\t%llu\t%.3f\t", (unsigned long long)c->tokens,
				     (unsigned long long)c->words, (unsigned long long)c->matches,
				     per_1000(c->matches, c->words));
	if (!ret)
		ret = add_lean(b, c, false);
	for (size_t i = 0; !ret && i < x->ncats; i++)
		ret = slant_buf_addf(b, "\t%llu\t%.3f", (unsigned long long)c->cat[i],
				     per_1000(c->cat[i], c->words));
	if (!ret)
		ret = slant_buf_addc(b, '\t');
	for (size_t i = 0; !ret && i < ntop; i++) {
		const char *t = slant_lexicon_entry(x->lx, top[i].entry)->term;
		if (i)
			ret = slant_buf_adds(b, "; ");
		if (!ret)
			ret = cli_add_tsv(b, t, strlen(t));
		if (!ret)
			ret = slant_buf_addf(b, " (%u)", top[i].count);
	}
	if (!ret)
		ret = slant_buf_addc(b, '\n');
	return ret;
}

static int format_match_rows(const struct terms *x, const struct slant_article *a,
			     const struct slant_matches *m, struct slant_buf *b, bool tsv)
{
	int ret = 0;

	for (size_t i = 0; !ret && i < m->n; i++) {
		const struct slant_lexentry *e = slant_lexicon_entry(x->lx, m->v[i].entry);
		if (tsv) {
			ret = cli_add_tsv(b, a->id, strlen(a->id));
			if (!ret)
				ret = slant_buf_addc(b, '\t');
			if (!ret)
				ret = cli_add_tsv(b, a->outlet, strlen(a->outlet));
			if (!ret)
				ret = slant_buf_addf(b, "\t%u\t%u\t", m->v[i].start, m->v[i].end);
		} else {
			ret = slant_buf_addf(b, "  %7u-%-7u ", m->v[i].start, m->v[i].end);
		}
		if (!ret)
			ret = cli_add_tsv(b, a->text + m->v[i].start, m->v[i].end - m->v[i].start);
		if (!ret)
			ret = slant_buf_adds(b, tsv ? "\t" : "  = ");
		if (!ret)
			ret = cli_add_tsv(b, e->term, strlen(e->term));
		if (!ret)
			ret = slant_buf_adds(b, tsv ? "\t" : "  [");
		for (uint32_t k = m->v[i].entry; !ret && k != UINT32_MAX;) {
			const struct slant_lexentry *f = slant_lexicon_entry(x->lx, k);
			ret = slant_buf_adds(b, slant_lexicon_category(x->lx, f->category));
			k = f->next;
			if (!ret && k != UINT32_MAX)
				ret = slant_buf_addc(b, ',');
		}
		if (!ret)
			ret = slant_buf_addf(b, tsv ? "\t%.2f\n" : "]  lean %+.2f\n", e->lean);
	}
	return ret;
}

static int format_table(const struct terms *x, const char *id, const char *outlet,
			const struct counts *c, const struct term_count *top, size_t ntop,
			struct slant_buf *b)
{
	size_t order[512], n = 0;
	int ret;

	if (id)
		ret = slant_buf_addf(b, "%s  (%s)  %llu tokens, %llu words", id, outlet,
				     (unsigned long long)c->tokens, (unsigned long long)c->words);
	else
		ret = slant_buf_addf(b, "%s  %llu article%s, %llu tokens, %llu words", outlet,
				     (unsigned long long)c->articles, c->articles == 1 ? "" : "s",
				     (unsigned long long)c->tokens, (unsigned long long)c->words);
	if (!ret)
		ret = slant_buf_addf(b, "\n  %llu matches, %.1f per 1,000 words, mean lean ",
				     (unsigned long long)c->matches, per_1000(c->matches, c->words));
	if (!ret)
		ret = c->weight_sum > 0 ? slant_buf_addf(b, "%+.2f\n", c->lean_sum / c->weight_sum)
					: slant_buf_adds(b, "-\n");
	/* categories that matched, highest rate first */
	for (size_t i = 0; i < x->ncats && n < 512; i++)
		if (c->cat[i])
			order[n++] = i;
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && c->cat[order[k]] > c->cat[order[k - 1]]; k--) {
			size_t t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	if (!ret && n)
		ret = slant_buf_adds(b, "  category                              count  per 1,000\n");
	for (size_t i = 0; !ret && i < n; i++)
		ret = slant_buf_addf(b, "  %-36s %6llu  %9.2f\n",
				     slant_lexicon_category(x->lx, order[i]),
				     (unsigned long long)c->cat[order[i]],
				     per_1000(c->cat[order[i]], c->words));
	if (!ret && ntop)
		ret = slant_buf_adds(b, "  top terms: ");
	for (size_t i = 0; !ret && i < ntop; i++)
		ret = slant_buf_addf(b, "%s%s (%u)", i ? ", " : "",
				     slant_lexicon_entry(x->lx, top[i].entry)->term, top[i].count);
	if (!ret)
		ret = slant_buf_adds(b, ntop ? "\n\n" : "\n");
	return ret;
}

/* ---------------------------------------------------------------- pipeline */

static int work(struct slant_job *job, void *wstate, void *ctx, struct slant_err *err)
{
	struct terms *x = ctx;
	struct job_out *j = slant_job_data(job);
	const struct slant_article *a = slant_job_article(job);
	const struct slant_doc *d = slant_job_doc(job);
	struct slant_matches sorted;
	size_t ntok;
	int ret;

	(void)wstate;
	j->m.n = 0;
	j->nterms = 0;
	slant_buf_reset(&j->out);
	memset(j->c.cat, 0, x->ncats * sizeof(*j->c.cat));
	j->c.articles = 1;
	slant_doc_tokens(d, &ntok);
	j->c.tokens = ntok;
	j->c.words = slant_doc_words(d);
	j->c.matches = 0;
	j->c.lean_sum = j->c.weight_sum = 0;
	if ((ret = slant_lexicon_match(x->lx, d, &j->m, err)))
		return ret;
	for (size_t i = 0; i < j->m.n; i++)
		count_match(x->lx, &j->m.v[i], &j->c);
	if (x->per_outlet)
		return 0; /* the outlet counts each match's term in emit() */

	/* distinct terms with their counts: sort a copy of the matches by entry */
	sorted.n = sorted.cap = j->m.n;
	sorted.v = malloc((j->m.n + 1) * sizeof(*sorted.v));
	if (!sorted.v)
		return slant_err_set(err, SLANT_ENOMEM, NULL, 0, "out of memory");
	if (j->m.n)
		memcpy(sorted.v, j->m.v, j->m.n * sizeof(*sorted.v));
	qsort(sorted.v, sorted.n, sizeof(*sorted.v), cmp_entry);
	for (size_t i = 0; i < sorted.n; i++) {
		if (j->nterms && j->terms[j->nterms - 1].entry == sorted.v[i].entry) {
			j->terms[j->nterms - 1].count++;
			continue;
		}
		if (j->nterms == j->capterms) {
			size_t cap = j->capterms ? 2 * j->capterms : 16;
			struct term_count *t = realloc(j->terms, cap * sizeof(*t));
			if (!t) {
				free(sorted.v);
				return slant_err_set(err, SLANT_ENOMEM, NULL, 0, "out of memory");
			}
			j->terms = t;
			j->capterms = cap;
		}
		j->terms[j->nterms++] = (struct term_count){ sorted.v[i].entry, 1 };
	}
	free(sorted.v);
	if (j->nterms > 1)
		qsort(j->terms, j->nterms, sizeof(*j->terms), cmp_term_count);

	size_t ntop = j->nterms < (size_t)x->top ? j->nterms : (size_t)x->top;
	if (x->format == FMT_JSONL)
		ret = format_jsonl(x, a->id, a->outlet, &j->c, j->terms, ntop, a,
				   x->matches ? &j->m : NULL, &j->out);
	else if (x->matches)
		ret = format_match_rows(x, a, &j->m, &j->out, x->format == FMT_TSV);
	else if (x->format == FMT_TSV)
		ret = format_tsv(x, a->id, a->outlet, &j->c, j->terms, ntop, &j->out);
	else
		ret = format_table(x, a->id, a->outlet, &j->c, j->terms, ntop, &j->out);
	if (!ret && x->matches && x->format == FMT_TABLE) {
		/* the table's match list follows a heading per article */
		struct slant_buf head;
		slant_buf_init(&head, 0);
		ret = slant_buf_addf(&head, "%s  (%s)\n", a->id, a->outlet);
		if (!ret)
			ret = slant_buf_add(&head, j->out.data, j->out.len);
		if (!ret) {
			slant_buf_reset(&j->out);
			ret = slant_buf_add(&j->out, head.data, head.len);
		}
		slant_buf_release(&head);
	}
	if (ret)
		return slant_err_set(err, ret, a->source, a->line, "cannot format: %s",
				     slant_strerror(ret));
	return 0;
}

static uint64_t name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	return h;
}

/* The outlet named `name`, made when new; NULL on out of memory. */
static struct outlet *find_outlet(struct terms *x, const char *name)
{
	uint64_t h = name_hash(name);
	size_t k;

	/* an index of 1 + outlet, open addressing, at most half full */
	if (x->capindex)
		for (k = h & (x->capindex - 1); x->index[k]; k = (k + 1) & (x->capindex - 1))
			if (!strcmp(x->outlets[x->index[k] - 1].name, name))
				return &x->outlets[x->index[k] - 1];
	if ((x->noutlets + 1) * 2 > x->capindex) {
		size_t cap = x->capindex ? x->capindex * 2 : 256;
		uint32_t *v = calloc(cap, sizeof(*v));
		if (!v)
			return NULL;
		for (size_t i = 0; i < x->noutlets; i++) {
			size_t at = name_hash(x->outlets[i].name) & (cap - 1);
			while (v[at])
				at = (at + 1) & (cap - 1);
			v[at] = (uint32_t)i + 1;
		}
		free(x->index);
		x->index = v;
		x->capindex = cap;
	}
	for (k = h & (x->capindex - 1); x->index[k]; k = (k + 1) & (x->capindex - 1))
		;
	struct outlet *o = realloc(x->outlets, (x->noutlets + 1) * sizeof(*o));
	if (!o)
		return NULL;
	x->outlets = o;
	o = &x->outlets[x->noutlets];
	memset(o, 0, sizeof(*o));
	o->name = strdup(name);
	o->c.cat = calloc(x->ncats + 1, sizeof(*o->c.cat));
	o->c.term = calloc(x->nentries + 1, sizeof(*o->c.term));
	if (!o->name || !o->c.cat || !o->c.term) {
		free(o->name);
		free(o->c.cat);
		free(o->c.term);
		return NULL;
	}
	x->index[k] = (uint32_t)++x->noutlets;
	return o;
}

static int write_out(struct terms *x, const struct slant_buf *b)
{
	return cli_write(&x->in, x->out.f, b->data, b->len);
}

static int emit(struct slant_job *job, void *ctx)
{
	struct terms *x = ctx;
	struct job_out *j = slant_job_data(job);
	const struct slant_article *a = slant_job_article(job);
	struct outlet *o;

	if (!x->per_outlet)
		return write_out(x, &j->out);
	if (!(o = find_outlet(x, a->outlet)))
		return SLANT_ENOMEM;
	o->c.articles++;
	o->c.tokens += j->c.tokens;
	o->c.words += j->c.words;
	o->c.matches += j->c.matches;
	o->c.lean_sum += j->c.lean_sum;
	o->c.weight_sum += j->c.weight_sum;
	for (size_t i = 0; i < x->ncats; i++)
		o->c.cat[i] += j->c.cat[i];
	for (size_t i = 0; i < j->m.n; i++)
		o->c.term[j->m.v[i].entry]++;
	return 0;
}

/* The TSV header, once the output is open. */
static int write_tsv_header(void *ctx)
{
	struct terms *x = ctx;
	struct slant_buf h;
	int ret;

	slant_buf_init(&h, 0);
	ret = tsv_header(x, &h) || write_out(x, &h) ? EXIT_IO : 0;
	if (ret)
		cli_error("cannot write output");
	slant_buf_release(&h);
	return ret;
}

static int cmp_outlet(const void *a, const void *b)
{
	return strcmp(((const struct outlet *)a)->name, ((const struct outlet *)b)->name);
}

static int print_outlets(void *ctx, const struct slant_pipeline_stats *st)
{
	struct terms *x = ctx;
	struct term_count *top = NULL;
	struct slant_buf b;
	int ret = 0;

	(void)st;
	if (x->noutlets > 1)
		qsort(x->outlets, x->noutlets, sizeof(*x->outlets), cmp_outlet);
	slant_buf_init(&b, 0);
	top = malloc((x->nentries + 1) * sizeof(*top));
	if (!top)
		return SLANT_ENOMEM;
	for (size_t i = 0; !ret && i < x->noutlets; i++) {
		struct outlet *o = &x->outlets[i];
		size_t n = 0;
		for (size_t e = 0; e < x->nentries; e++)
			if (o->c.term[e])
				top[n++] = (struct term_count){ (uint32_t)e, o->c.term[e] };
		qsort(top, n, sizeof(*top), cmp_term_count);
		if (n > (size_t)x->top)
			n = (size_t)x->top;
		slant_buf_reset(&b);
		if (x->format == FMT_JSONL)
			ret = format_jsonl(x, NULL, o->name, &o->c, top, n, NULL, NULL, &b);
		else if (x->format == FMT_TSV)
			ret = format_tsv(x, NULL, o->name, &o->c, top, n, &b);
		else
			ret = format_table(x, NULL, o->name, &o->c, top, n, &b);
		if (!ret)
			ret = write_out(x, &b);
	}
	free(top);
	slant_buf_release(&b);
	return ret;
}

int cmd_terms(int argc, char **argv)
{
	enum { OPT_PER = OPT_FIRST_COMMAND, OPT_FORMAT, OPT_TOP, OPT_MATCHES, OPT_LEXICON };
	static const struct option opts[] = {
		{ "per", required_argument, NULL, OPT_PER },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "top", required_argument, NULL, OPT_TOP },
		{ "matches", no_argument, NULL, OPT_MATCHES },
		{ "lexicon", required_argument, NULL, OPT_LEXICON },
		{ "output", required_argument, NULL, 'o' },
		CLI_INPUT_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	static const struct slant_pipeline_ops ops = {
		.job_new = job_new, .job_free = job_free, .work = work,
		.emit = emit, .bad = cli_bad_cb, .progress = cli_progress_cb,
	};
	struct terms x;
	const char *output = NULL;
	char *end;
	int c, ret;

	memset(&x, 0, sizeof(x));
	x.top = 5;
	if ((ret = cli_input_init(&x.in)))
		return ret;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_PER:
			if (!strcmp(optarg, "article") || !strcmp(optarg, "outlet")) {
				x.per_outlet = !strcmp(optarg, "outlet");
				break;
			}
			ret = cli_usage_error("--per wants article or outlet, not '%s'", optarg);
			goto out;
		case OPT_FORMAT: {
			static const char *const names[] = { "table", "tsv", "jsonl", NULL };
			if ((x.format = cli_format(optarg, names)) < 0) {
				ret = EXIT_USAGE;
				goto out;
			}
			break;
		}
		case OPT_TOP: {
			long n = strtol(optarg, &end, 10);
			if (end == optarg || *end || n < 0 || n > 1000) {
				ret = cli_usage_error("--top wants a number from 0 to 1000, not '%s'",
						      optarg);
				goto out;
			}
			x.top = (int)n;
			break;
		}
		case OPT_MATCHES:
			x.matches = 1;
			break;
		case OPT_LEXICON:
			if ((ret = cli_lexicons_add(&x.lex, optarg)))
				goto out;
			break;
		default: {
			bool stop;
			ret = cli_common_option(&x.in, c, optarg, &output, &stop);
			if (stop)
				goto out;
		}
		}
	}
	if (x.matches && x.per_outlet) {
		ret = cli_usage_error("--matches lists matches per article, not with --per outlet");
		goto out;
	}
	if ((ret = cli_lexicons_load(&x.lex)))
		goto out;
	x.lx = x.lex.lx;
	x.ncats = slant_lexicon_ncategories(x.lx);
	x.nentries = slant_lexicon_size(x.lx);
	struct cli_command_run r = { &x.in, &x.out, output, &ops, &x,
				     x.format == FMT_TSV ? write_tsv_header : NULL,
				     x.per_outlet ? print_outlets : NULL };
	ret = cli_run_command(&r, argc - optind, argv + optind);
out:
	for (size_t i = 0; i < x.noutlets; i++) {
		free(x.outlets[i].name);
		free(x.outlets[i].c.cat);
		free(x.outlets[i].c.term);
	}
	free(x.outlets);
	free(x.index);
	cli_lexicons_release(&x.lex);
	cli_input_release(&x.in);
	return ret;
}
