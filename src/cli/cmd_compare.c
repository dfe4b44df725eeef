/*
 * cmd_compare.c - `slant compare`: outlets (or any field) side by side on everything slant
 * measures: framing score with its interval, labels, loaded terms, quotations.
 *
 * Workers score each article, count its loaded terms and extract its quotations; the
 * emitting thread adds the article to its group (src/report/compare.c). --partial writes
 * the sums as a state file instead of a report; --merge reads such files instead of a
 * corpus and prints what one run over all their articles prints.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

const char cmd_compare_usage[] =
	"usage: slant compare [OPTIONS] INPUT...\n"
	"       slant compare --merge [OPTIONS] STATE...\n"
	"\n"
	"Compares outlets (or the values of any field) side by side: articles and words, the\n"
	"mean framing score with its 95% interval (Student's t over articles; none below 10\n"
	"articles), the predicted label distribution, loaded terms per 1,000 words by category\n"
	"and the top terms, quotations per article, the share of quoted words by speaker\n"
	"group, the scare-quote and loaded-verb rates and the most quoted speakers. Rows are\n"
	"sorted by framing score.\n"
	"\n"
	"Options:\n"
	"  --model DIR            the framing model (default: the shipped models/lean)\n"
	"  --by FIELD             group by FIELD instead of the outlet\n"
	"  --format F             table (default on a terminal), tsv (default otherwise), csv,\n"
	"                         json, markdown or html; with -o, guessed from the file's\n"
	"                         extension when not given\n"
	"  --top N                terms and speakers listed per group (default 5)\n"
	"  --wide                 table: every column, whatever the terminal's width\n"
	"  --width N              table: fit N columns (default: the terminal's, or 100)\n"
	"  --title TEXT           html and markdown: a heading\n"
	"  --no-quotes            leave out the quotation columns: no quotation extraction,\n"
	"                         about as fast as slant score\n"
	"  --partial              write the per-group sums as a state file for --merge\n"
	"  --merge                read state files written by --partial instead of a corpus\n"
	"  --lexicon FILE         a lexicon of loaded terms; repeat for several (default: the\n"
	"                         model's, or the shipped immigration, loaded and frames\n"
	"                         lexicons for a model without lexicon features)\n"
	"  --speakers FILE, --roles FILE, --verbs FILE\n"
	"                         the people tables quotations are attributed with\n"
	"  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
	"\n" CLI_INPUT_HELP
	"\n"
	"Examples:\n"
	"  slant compare examples/\n"
	"  slant compare --format html -o report.html examples/\n"
	"  slant compare --partial -o part1.state part1.jsonl.gz    (on each machine)\n"
	"  slant compare --merge part1.state part2.state            (anywhere)\n";

/* The shipped lexicons of loaded terms compare counts: the attribution verbs are measured
 * through the quotations instead. */
static const char *const loaded_lexicons[] = {
	"lexicons/immigration.tsv",
	"lexicons/loaded.tsv",
	"lexicons/frames.tsv",
	NULL,
};

struct term_count {
	uint32_t entry, count;
};

/* The capacity to grow an array of *cap to, to hold `need`: doubling, from 16. */
static size_t next_cap(size_t cap, size_t need)
{
	size_t n = cap ? cap : 16;

	while (n < need)
		n *= 2;
	return n;
}

/* Grows array `p` (of `cap` elements of `size` bytes) to hold `need`; NULL out of memory. */
#define GROW(p, cap, need)                                                        \
	((need) <= (cap) ? (void *)(p) :                                          \
			   grow_to((void **)&(p), &(cap), (need), sizeof(*(p))))

static void *grow_to(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = next_cap(*cap, need);
	void *v = realloc(*p, n * size);

	if (v) {
		*p = v;
		*cap = n;
	}
	return v;
}

struct cjob {
	struct slant_featraw raw;
	struct slant_fvec vec;
	struct slant_prediction pred;
	struct slant_matches m;
	uint64_t *cats;
	struct term_count *tc;
	size_t ntc, captc;
	struct slant_compare_term *terms;
	size_t capterms;
	struct slant_compare_quote *quotes;
	size_t nquotes, capquotes;
	struct slant_buf strs; /* speaker names, NUL-separated */
	uint64_t words;
};

struct wstate {
	struct slant_featx *fx;
	struct slant_quotes *q;
};

struct compare {
	struct cli_input in; /* first: cli_bad_cb() and cli_progress_cb() find it at ctx */
	struct cli_out out;
	struct cli_resources res;
	struct slant_model *model;
	const struct slant_features *f;
	const struct slant_lexicon *lx; /* the loaded terms' */
	bool lx_is_model;               /* lx is the model's: its matches are reused */
	struct slant_quote_conf qconf;
	size_t ncats;
	const char *by;
	struct slant_compare *c;
	struct slant_report_opts ro;
	bool partial, no_quotes;
	uint64_t by_found; /* articles that have the --by field */
	char *shipped[4]; /* paths of loaded_lexicons[], which cli_data_path() does not keep */
};

static void *job_new(void *ctx)
{
	struct compare *x = ctx;
	struct cjob *j = calloc(1, sizeof(*j));

	if (!j)
		return NULL;
	slant_featraw_init(&j->raw);
	slant_buf_init(&j->strs, 0);
	if (!(j->cats = calloc(x->ncats + 1, sizeof(*j->cats))) ||
	    slant_prediction_init(&j->pred, x->model)) {
		free(j->cats);
		free(j);
		return NULL;
	}
	return j;
}

static void job_free(void *data)
{
	struct cjob *j = data;

	if (!j)
		return;
	slant_featraw_release(&j->raw);
	free(j->vec.v);
	slant_prediction_release(&j->pred);
	free(j->m.v);
	free(j->cats);
	free(j->tc);
	free(j->terms);
	free(j->quotes);
	slant_buf_release(&j->strs);
	free(j);
}

static void *worker_new(void *ctx)
{
	struct wstate *w = calloc(1, sizeof(*w));

	(void)ctx;
	if (!w)
		return NULL;
	if (!(w->fx = slant_featx_new()) || !(w->q = slant_quotes_new())) {
		slant_featx_free(w->fx);
		free(w);
		return NULL;
	}
	return w;
}

static void worker_free(void *wstate, void *ctx)
{
	struct wstate *w = wstate;

	(void)ctx;
	if (!w)
		return;
	slant_featx_free(w->fx);
	slant_quotes_free(w->q);
	free(w);
}

static int cmp_entry(const void *a, const void *b)
{
	const struct slant_match *x = a, *y = b;

	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/*
 * Loaded terms: matches per category, and each term's count. With the model's own lexicons,
 * the matches its features just found are reused: matching is a fifth of the work.
 */
static int count_terms(struct compare *x, struct cjob *j, const struct slant_doc *d,
		       const struct slant_featx *fx, struct slant_err *err)
{
	const struct slant_matches *own = x->lx_is_model ? slant_featx_matches(fx) : NULL;
	int ret;

	memset(j->cats, 0, x->ncats * sizeof(*j->cats));
	j->ntc = 0;
	j->m.n = 0; /* the matcher appends */
	if (!x->ncats)
		return 0;
	if (own) {
		if (!GROW(j->m.v, j->m.cap, own->n + 1))
			return slant_err_set(err, SLANT_ENOMEM, NULL, 0, "out of memory");
		if (own->n) /* own->v may be NULL before a first match */
			memcpy(j->m.v, own->v, own->n * sizeof(*own->v));
		j->m.n = own->n;
	} else if ((ret = slant_lexicon_match(x->lx, d, &j->m, err))) {
		return ret;
	}
	if (j->m.n > 1)
		qsort(j->m.v, j->m.n, sizeof(*j->m.v), cmp_entry);
	for (size_t i = 0; i < j->m.n; i++) {
		uint32_t e = j->m.v[i].entry;
		for (uint32_t k = e; k != UINT32_MAX; k = slant_lexicon_entry(x->lx, k)->next)
			j->cats[slant_lexicon_entry(x->lx, k)->category]++;
		if (j->ntc && j->tc[j->ntc - 1].entry == e) {
			j->tc[j->ntc - 1].count++;
			continue;
		}
		if (!GROW(j->tc, j->captc, j->ntc + 1))
			return slant_err_set(err, SLANT_ENOMEM, NULL, 0, "out of memory");
		j->tc[j->ntc++] = (struct term_count){ e, 1 };
	}
	return 0;
}

/* Quotations, copied out of the worker's extractor (emit() runs after its next article). */
static int copy_quotes(struct compare *x, struct cjob *j, struct slant_quotes *q,
		       const struct slant_doc *d, const struct slant_article *a,
		       struct slant_err *err)
{
	size_t nq, ns;
	int ret;

	j->nquotes = 0;
	slant_buf_reset(&j->strs);
	if ((ret = slant_quotes_extract(q, d, a->text, &x->qconf, err)))
		return ret;
	const struct slant_quote *qs = slant_quotes_list(q, &nq);
	const struct slant_speaker *sps = slant_quotes_speakers(q, &ns);
	if (!GROW(j->quotes, j->capquotes, nq + 1))
		return slant_err_set(err, SLANT_ENOMEM, NULL, 0, "out of memory");
	for (size_t i = 0; i < nq; i++) {
		const struct slant_quote *qt = &qs[i];
		const struct slant_speaker *sp = qt->speaker != UINT32_MAX ? &sps[qt->speaker] : NULL;
		const char *cls = NULL;
		if (qt->verb != UINT32_MAX)
			slant_people_verb(x->res.pp, qt->verb, &cls);
		struct slant_compare_quote *r = &j->quotes[j->nquotes++];
		r->kind = qt->kind;
		r->has_verb = qt->verb != UINT32_MAX;
		r->loaded = cls && !strcmp(cls, "loaded");
		r->words = qt->words;
		r->group = sp ? sp->group : NULL; /* the people table's: lives as long as it */
		/* the name's offset for now: the buffer may move until the last one is added */
		r->speaker = sp ? (const char *)(uintptr_t)(j->strs.len + 1) : NULL;
		if (sp && slant_buf_add(&j->strs, sp->name, strlen(sp->name) + 1))
			return slant_err_set(err, SLANT_ENOMEM, NULL, 0, "out of memory");
	}
	for (size_t i = 0; i < j->nquotes; i++)
		if (j->quotes[i].speaker)
			j->quotes[i].speaker = j->strs.data + ((uintptr_t)j->quotes[i].speaker - 1);
	return 0;
}

static int work(struct slant_job *job, void *wstate, void *ctx, struct slant_err *err)
{
	struct compare *x = ctx;
	struct wstate *w = wstate;
	struct cjob *j = slant_job_data(job);
	const struct slant_article *a = slant_job_article(job);
	const struct slant_doc *d = slant_job_doc(job);
	int ret;

	if (!w || !j)
		return slant_err_set(err, SLANT_ENOMEM, a->source, a->line, "out of memory");
	j->words = slant_doc_words(d);
	if ((ret = slant_features_measure(x->f, w->fx, d, a, 0, &j->raw, err)) ||
	    (ret = slant_features_vector_any(x->f, &j->raw, &j->vec, err)) ||
	    (ret = slant_model_predict(x->model, &j->vec, &j->pred, err)) ||
	    (ret = count_terms(x, j, d, w->fx, err)))
		return ret;
	j->nquotes = 0;
	if (!x->no_quotes && (ret = copy_quotes(x, j, w->q, d, a, err)))
		return ret;
	return 0;
}

static int emit(struct slant_job *job, void *ctx)
{
	struct compare *x = ctx;
	struct cjob *j = slant_job_data(job);
	const struct slant_article *a = slant_job_article(job);
	struct slant_err err;

	if (!GROW(j->terms, j->capterms, j->ntc + 1))
		return SLANT_ENOMEM;
	for (size_t i = 0; i < j->ntc; i++)
		j->terms[i] = (struct slant_compare_term){
			slant_lexicon_entry(x->lx, j->tc[i].entry)->term, j->tc[i].count
		};
	const char *group = x->by ? slant_article_field(a, x->by) : a->outlet;
	if (x->by && group && *group)
		x->by_found++;
	struct slant_compare_doc doc = {
		group,
		j->words,
		j->pred.label,
		j->pred.score,
		j->cats,
		j->terms,
		j->ntc,
		j->quotes,
		j->nquotes,
	};
	slant_err_clear(&err);
	if (slant_compare_add(x->c, &doc, &err)) {
		cli_error_err(&err); /* the pipeline would only say it stopped */
		return SLANT_ESTOP;
	}
	return 0;
}

static int write_result(struct compare *x)
{
	struct slant_buf b;
	int ret;

	slant_buf_init(&b, 0);
	ret = x->partial ? slant_compare_save(x->c, &b) : slant_compare_render(x->c, &x->ro, &b);
	if (!ret)
		ret = cli_write(&x->in, x->out.f, b.data, b.len);
	slant_buf_release(&b);
	return ret;
}

static int tail(void *ctx, const struct slant_pipeline_stats *st)
{
	struct compare *x = ctx;

	/* most likely a misspelt field: say so rather than print one "(none)" row */
	if (x->by && st->articles && !x->by_found)
		cli_error("warning: no article has a field named \"%s\" (--by): all %llu are in "
			  "the group \"(none)\"",
			  x->by, (unsigned long long)st->articles);
	return write_result(x);
}

/* ---------------------------------------------------------------- setup */

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

/*
 * What the sums depend on besides the corpus: the model (its meta.json names its vocabulary,
 * weights' training and lexicons), the lexicons and the people tables, by content. States
 * merge only when theirs agree.
 */
static int setup_of(struct compare *x, char *out, size_t size)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const char *meta = slant_model_meta(x->model);

	struct slant_buf b;
	int ret = 0;

	h = fnv(h, meta, strlen(meta) + 1);
	slant_buf_init(&b, 0);
	for (size_t i = 0; !ret && i < x->res.nres; i++) {
		slant_buf_reset(&b);
		if (!(ret = cli_read_file(x->res.res[i].path, &b)))
			h = fnv(fnv(h, b.data, b.len), "", 1);
	}
	slant_buf_release(&b);
	if (ret)
		return ret;
	snprintf(out, size, "slant %s; model %016llx", SLANT_VERSION, (unsigned long long)h);
	return 0;
}

static int open_model(struct compare *x, const char *dir)
{
	int ret = cli_model_open(dir, &x->model);

	if (ret)
		return ret;
	x->f = slant_model_features(x->model);
	x->in.doc_flags |= slant_model_doc_flags(x->model);
	return 0;
}

static int new_compare(struct compare *x)
{
	size_t nl = slant_model_nlabels(x->model);
	const char *labels[64], **cats = calloc(x->ncats + 1, sizeof(*cats));
	char setup[256];
	int ret;

	if (!cats) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	for (size_t k = 0; k < nl && k < 64; k++)
		labels[k] = slant_model_label(x->model, k);
	for (size_t k = 0; k < x->ncats; k++)
		cats[k] = slant_lexicon_category(x->lx, k);
	if ((ret = setup_of(x, setup, sizeof(setup)))) {
		free(cats);
		return ret;
	}
	struct slant_compare_conf conf = { x->by ? x->by : "outlet", labels, nl,
					   slant_model_has_axis(x->model), cats, x->ncats, setup,
					   x->no_quotes };
	x->c = slant_compare_new(&conf);
	free(cats);
	if (!x->c) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	return 0;
}

/* Adds the state on one line of `path` to x->c. Returns 0 or an exit code, said. */
static int merge_one(struct compare *x, const char *path, long line, const char *data, size_t len)
{
	struct slant_err err;
	char name[4200];
	int ret = 0;

	snprintf(name, sizeof(name), "%s:%ld", path, line);
	slant_err_clear(&err);
	struct slant_compare *s = slant_compare_load(data, len, name, &err);
	if (!s) {
		cli_error_err(&err);
		return cli_exit_code(err.code);
	}
	if (!x->c) {
		x->c = s;
		return 0;
	}
	slant_err_clear(&err);
	if (slant_compare_merge(x->c, s, &err)) {
		cli_error("%s: %s", name, err.msg);
		ret = cli_exit_code(err.code);
	}
	slant_compare_free(s);
	return ret;
}

/*
 * --merge: the states in the files named (one per line: a file may hold many, as a reducer's
 * input does; - for standard input), added up, then written as a run over the corpus would.
 */
static int merge(struct compare *x, const char *output, int argc, char **argv)
{
	int ret = 0;

	if (!argc) {
		cli_error("--merge needs state files written by --partial (- for standard input)");
		return EXIT_USAGE;
	}
	for (int i = 0; i < argc && !ret; i++) {
		struct slant_buf b;
		slant_buf_init(&b, 0);
		ret = cli_read_file(argv[i], &b);
		long line = 0, states = 0;
		for (size_t at = 0; !ret && at < b.len;) {
			const char *nl = memchr(b.data + at, '\n', b.len - at);
			size_t end = nl ? (size_t)(nl - b.data) : b.len;
			size_t k = at;
			line++;
			while (k < end && (b.data[k] == ' ' || b.data[k] == '\t' || b.data[k] == '\r'))
				k++;
			if (k < end) { /* not a blank line */
				ret = merge_one(x, argv[i], line, b.data + at, end - at);
				states++;
			}
			at = end + 1;
		}
		slant_buf_release(&b);
		if (!ret && !states) {
			cli_error("%s: no state in it", argv[i]);
			ret = EXIT_DATA;
		}
	}
	if (ret)
		return ret;
	if ((ret = cli_out_open(&x->out, output)))
		return ret;
	ret = write_result(x) ? EXIT_IO : EXIT_OK;
	int c = cli_out_close(&x->out, ret == EXIT_OK);
	return ret ? ret : c;
}

static size_t terminal_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (cols && *cols) {
		char *end;
		long n = strtol(cols, &end, 10);
		if (!*end && n >= 40 && n <= 10000)
			return (size_t)n;
	}
	if (isatty(STDOUT_FILENO) && !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col >= 40)
		return ws.ws_col;
	return 100;
}

/* The format a file's extension names, or -1. */
static int format_of_path(const char *path)
{
	static const struct {
		const char *ext;
		int format;
	} exts[] = { { ".html", SLANT_REPORT_HTML }, { ".htm", SLANT_REPORT_HTML },
		     { ".xhtml", SLANT_REPORT_HTML }, { ".csv", SLANT_REPORT_CSV },
		     { ".tsv", SLANT_REPORT_TSV },   { ".json", SLANT_REPORT_JSON },
		     { ".md", SLANT_REPORT_MARKDOWN }, { ".txt", SLANT_REPORT_TABLE } };
	size_t n = strlen(path);

	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		size_t e = strlen(exts[i].ext);
		if (n > e && !strcasecmp(path + n - e, exts[i].ext))
			return exts[i].format;
	}
	return -1;
}

int cmd_compare(int argc, char **argv)
{
	enum { OPT_MODEL = OPT_FIRST_COMMAND, OPT_BY, OPT_FORMAT, OPT_TOP, OPT_WIDE, OPT_WIDTH,
	       OPT_TITLE, OPT_PARTIAL, OPT_MERGE, OPT_NO_QUOTES };
	static const struct option opts[] = {
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "by", required_argument, NULL, OPT_BY },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "top", required_argument, NULL, OPT_TOP },
		{ "wide", no_argument, NULL, OPT_WIDE },
		{ "width", required_argument, NULL, OPT_WIDTH },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "partial", no_argument, NULL, OPT_PARTIAL },
		{ "merge", no_argument, NULL, OPT_MERGE },
		{ "no-quotes", no_argument, NULL, OPT_NO_QUOTES },
		CLI_RESOURCE_OPTIONS,
		{ "output", required_argument, NULL, 'o' },
		CLI_INPUT_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	static const struct slant_pipeline_ops ops = {
		.worker_new = worker_new, .worker_free = worker_free, .job_new = job_new,
		.job_free = job_free, .work = work, .emit = emit, .bad = cli_bad_cb,
		.progress = cli_progress_cb,
	};
	static const char *const formats[] = { "table", "tsv", "csv", "json", "markdown", "html",
					       NULL };
	struct compare x;
	const char *output = NULL, *dir = NULL;
	int c, ret, format = -1;
	bool merging = false;
	size_t width = 0;

	memset(&x, 0, sizeof(x));
	if ((ret = cli_input_init(&x.in)))
		return ret;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_MODEL:
			dir = optarg;
			break;
		case OPT_BY:
			x.by = optarg;
			break;
		case OPT_FORMAT:
			if ((format = cli_format(optarg, formats)) < 0) {
				ret = EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_TOP:
		case OPT_WIDTH: {
			char *end;
			long n = strtol(optarg, &end, 10);
			long lo = c == OPT_TOP ? 1 : 40, hi = c == OPT_TOP ? 1000 : 10000;
			if (end == optarg || *end || n < lo || n > hi) {
				ret = cli_usage_error("--%s wants a number from %ld to %ld, not '%s'",
						      c == OPT_TOP ? "top" : "width", lo, hi, optarg);
				goto out;
			}
			if (c == OPT_TOP)
				x.ro.top = (size_t)n;
			else
				width = (size_t)n;
			break;
		}
		case OPT_WIDE:
			x.ro.wide = true;
			break;
		case OPT_TITLE:
			x.ro.title = optarg;
			break;
		case OPT_PARTIAL:
			x.partial = true;
			break;
		case OPT_MERGE:
			merging = true;
			break;
		case OPT_NO_QUOTES:
			x.no_quotes = true;
			break;
		default: {
			if (cli_resources_option(&x.res, c, optarg, &ret)) {
				if (ret)
					goto out;
				break;
			}
			bool stop;
			ret = cli_common_option(&x.in, c, optarg, &output, &stop);
			if (stop)
				goto out;
		}
		}
	}
	bool format_given = format >= 0;
	if (format < 0 && output && strcmp(output, "-"))
		format = format_of_path(output);
	if (format < 0)
		format = isatty(STDOUT_FILENO) && !output ? SLANT_REPORT_TABLE : SLANT_REPORT_TSV;
	x.ro.format = (enum slant_report_format)format;
	x.ro.width = width ? width : terminal_width();
	if (merging && (x.by || dir || x.no_quotes || x.res.nlexicons || x.res.speakers ||
			x.res.roles || x.res.verbs)) {
		ret = cli_usage_error("--merge takes the model, lexicons, --by and --no-quotes from "
				      "the states; give them to the --partial runs");
		goto out;
	}
	if (x.partial && format_given) {
		ret = cli_usage_error("--partial writes a state; --format is for the report");
		goto out;
	}
	if (merging) { /* with --partial, states merged into one state: a reducer's reducer */
		ret = merge(&x, output, argc - optind, argv + optind);
		goto out;
	}
	bool own_lexicons = !x.res.nlexicons;
	if (!x.res.nlexicons)
		for (size_t i = 0; loaded_lexicons[i]; i++) {
			const char *p = cli_data_path(loaded_lexicons[i]);
			if (!p)
				continue;
			if (!(x.shipped[i] = strdup(p))) {
				cli_error("out of memory");
				ret = EXIT_IO;
				goto out;
			}
			if ((ret = cli_resources_lexicon(&x.res, x.shipped[i])))
				goto out;
		}
	if ((ret = cli_resources_load(&x.res)) || (ret = open_model(&x, dir)))
		goto out;
	/* the model's lexicons when it has them and none were named: one match per article */
	x.lx = x.res.lx;
	if (own_lexicons && slant_features_lexicon(x.f)) {
		x.lx = slant_features_lexicon(x.f);
		x.lx_is_model = true;
	}
	x.ncats = slant_lexicon_ncategories(x.lx);
	x.qconf.people = x.res.pp;
	if ((ret = new_compare(&x)))
		goto out;
	struct cli_command_run r = { &x.in, &x.out, output, &ops, &x, NULL, tail };
	ret = cli_run_command(&r, argc - optind, argv + optind);
out:
	slant_compare_free(x.c);
	slant_model_free(x.model);
	cli_resources_release(&x.res);
	for (size_t i = 0; i < sizeof(x.shipped) / sizeof(x.shipped[0]); i++)
		free(x.shipped[i]);
	cli_input_release(&x.in);
	return ret;
}
