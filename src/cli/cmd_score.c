/*
 * cmd_score.c - `slant score` (each article's label, probabilities and framing score) and
 * `slant eval` (the same against a label field: accuracy, macro-F1, per class and per outlet).
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_score_usage[] =
	"usage: slant score [options] [--model DIR] INPUT...\n"
	"\n"
	"Scores each article with a framing model: the predicted label, the probability of each\n"
	"label, and a framing score in [-1, 1] along the model's label axis (for the shipped lean\n"
	"model, P(right) - P(left)). Texts are read as the model's training texts were: whether\n"
	"boilerplate is stripped and paragraphs repaired follows the model.\n"
	"\n"
	"Options:\n"
	"  --model DIR            the model (default: the shipped models/lean)\n"
	"  --format table|tsv|jsonl\n"
	"                         output format (default table); jsonl: one object per article\n"
	"                         with article, outlet, label, probabilities (label ->\n"
	"                         probability) and score (null when the labels have no axis)\n"
	"  --explain N            list the N features that pushed the score most each way\n"
	"  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
	"\n" CLI_INPUT_HELP;

const char cmd_eval_usage[] =
	"usage: slant eval [options] --label FIELD [--model DIR] INPUT...\n"
	"\n"
	"Scores labelled articles with a framing model and compares: accuracy, macro-F1,\n"
	"precision and recall per label, the confusion matrix, and accuracy per outlet.\n"
	"\n"
	"Options:\n"
	"  --label FIELD          the true label of each article\n"
	"  --model DIR            the model (default: the shipped models/lean)\n"
	"  --by FIELD             the per-outlet table by FIELD instead (default outlet)\n"
	"  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
	"\n" CLI_INPUT_HELP;

enum { FMT_TABLE, FMT_TSV, FMT_JSONL };

struct outlet_sum {
	char *name;
	uint64_t n, right;
	double score;
};

struct score {
	struct cli_input in; /* first: cli_bad_cb() and cli_progress_cb() find it at ctx */
	struct cli_out out;
	struct slant_model *model;
	const struct slant_features *f;
	int format;
	size_t explain;
	const char *label, *by; /* eval */
	uint64_t *conf;         /* eval: nlabels x nlabels */
	struct outlet_sum *outlets;
	size_t noutlets, capoutlets;
	uint64_t scored;
};

struct sjob {
	struct slant_featraw raw;
	struct slant_fvec vec;
	struct slant_prediction pred;
	struct slant_feat *pos, *neg;
	size_t npos, nneg;
	struct slant_buf out;
};

struct wstate {
	struct slant_featx *fx;
};

static void *job_new(void *ctx)
{
	struct score *x = ctx;
	struct sjob *j = calloc(1, sizeof(*j));

	if (!j)
		return NULL;
	slant_featraw_init(&j->raw);
	slant_buf_init(&j->out, 0);
	if (slant_prediction_init(&j->pred, x->model) ||
	    !(j->pos = calloc(x->explain + 1, sizeof(*j->pos))) ||
	    !(j->neg = calloc(x->explain + 1, sizeof(*j->neg)))) {
		slant_prediction_release(&j->pred);
		free(j->pos);
		free(j->neg);
		slant_buf_release(&j->out);
		free(j);
		return NULL;
	}
	return j;
}

static void job_free(void *data)
{
	struct sjob *j = data;

	if (!j)
		return;
	slant_featraw_release(&j->raw);
	free(j->vec.v);
	slant_prediction_release(&j->pred);
	free(j->pos);
	free(j->neg);
	slant_buf_release(&j->out);
	free(j);
}

static void *worker_new(void *ctx)
{
	(void)ctx;
	return slant_featx_new();
}

static void worker_free(void *wstate, void *ctx)
{
	(void)ctx;
	slant_featx_free(wstate);
}

static int render(struct score *x, struct sjob *j, const struct slant_article *a)
{
	struct slant_buf *b = &j->out;
	const struct slant_model *m = x->model;
	size_t nl = slant_model_nlabels(m);
	const char *label = slant_model_label(m, j->pred.label);
	bool axis = slant_model_has_axis(m);
	char num[64];
	int ret = 0;

	slant_buf_reset(b);
	if (x->format == FMT_JSONL) {
		ret = slant_buf_adds(b, "{\"article\":");
		if (!ret) ret = slant_buf_add_json(b, a->id, strlen(a->id));
		if (!ret) ret = slant_buf_adds(b, ",\"outlet\":");
		if (!ret) ret = slant_buf_add_json(b, a->outlet, strlen(a->outlet));
		if (!ret) ret = slant_buf_adds(b, ",\"label\":");
		if (!ret) ret = slant_buf_add_json(b, label, strlen(label));
		if (!ret) ret = slant_buf_adds(b, ",\"probabilities\":{");
		for (size_t k = 0; !ret && k < nl; k++) {
			const char *l = slant_model_label(m, k);
			if (k) ret = slant_buf_addc(b, ',');
			if (!ret) ret = slant_buf_add_json(b, l, strlen(l));
			snprintf(num, sizeof(num), ":%.4f", j->pred.prob[k]);
			if (!ret) ret = slant_buf_adds(b, num);
		}
		if (axis)
			snprintf(num, sizeof(num), "},\"score\":%.4f", j->pred.score);
		else
			snprintf(num, sizeof(num), "},\"score\":null");
		if (!ret) ret = slant_buf_adds(b, num);
		if (x->explain) {
			for (int side = 0; !ret && side < 2; side++) {
				const struct slant_feat *v = side ? j->neg : j->pos;
				size_t n = side ? j->nneg : j->npos;
				ret = slant_buf_adds(b, side ? "],\"against\":[" : ",\"toward\":[");
				for (size_t i = 0; !ret && i < n; i++) {
					const char *name = slant_features_name(x->f, v[i].index);
					if (i) ret = slant_buf_addc(b, ',');
					if (!ret) ret = slant_buf_adds(b, "{\"feature\":");
					if (!ret) ret = slant_buf_add_json(b, name, strlen(name));
					snprintf(num, sizeof(num), ",\"weight\":%.4f}", v[i].value);
					if (!ret) ret = slant_buf_adds(b, num);
				}
			}
			if (!ret) ret = slant_buf_addc(b, ']');
		}
		if (!ret) ret = slant_buf_adds(b, "}\n");
		return ret;
	}
	if (x->format == FMT_TSV) {
		ret = cli_add_tsv(b, a->id, strlen(a->id));
		if (!ret) ret = slant_buf_addc(b, '\t');
		if (!ret) ret = cli_add_tsv(b, a->outlet, strlen(a->outlet));
		if (!ret) ret = slant_buf_addc(b, '\t');
		if (!ret) ret = cli_add_tsv(b, label, strlen(label));
		if (axis)
			snprintf(num, sizeof(num), "\t%.4f", j->pred.score);
		else
			snprintf(num, sizeof(num), "\t");
		if (!ret) ret = slant_buf_adds(b, num);
		for (size_t k = 0; !ret && k < nl; k++) {
			snprintf(num, sizeof(num), "\t%.4f", j->pred.prob[k]);
			ret = slant_buf_adds(b, num);
		}
		if (!ret) ret = slant_buf_addc(b, '\n');
		return ret;
	}
	/* table */
	ret = slant_buf_addf(b, "%-20.20s %-24.24s %-8.8s", a->id, a->outlet, label);
	if (!ret && axis)
		ret = slant_buf_addf(b, " %+6.3f", j->pred.score);
	for (size_t k = 0; !ret && k < nl; k++)
		ret = slant_buf_addf(b, " %7.3f", j->pred.prob[k]);
	if (!ret) ret = slant_buf_addc(b, '\n');
	for (int side = 0; !ret && side < 2 && x->explain; side++) {
		const struct slant_feat *v = side ? j->neg : j->pos;
		size_t n = side ? j->nneg : j->npos;
		ret = slant_buf_adds(b, side ? "    against:" : "    toward: ");
		for (size_t i = 0; !ret && i < n; i++)
			ret = slant_buf_addf(b, "%s %s (%+.3f)", i ? "," : "",
					     slant_features_name(x->f, v[i].index), v[i].value);
		if (!ret) ret = slant_buf_addc(b, '\n');
	}
	return ret;
}

static int work(struct slant_job *job, void *wstate, void *ctx, struct slant_err *err)
{
	struct score *x = ctx;
	struct sjob *j = slant_job_data(job);
	const struct slant_article *a = slant_job_article(job);
	int ret;

	if (!wstate || !j)
		return slant_err_set(err, SLANT_ENOMEM, a->source, a->line, "out of memory");
	if (x->label) {
		const char *l = slant_article_field(a, x->label);
		if (!l || !l[0])
			return slant_err_set(err, SLANT_EDATA, a->source, a->line,
					     "missing field \"%s\"", x->label);
		size_t k = 0;
		while (k < slant_model_nlabels(x->model) && strcmp(slant_model_label(x->model, k), l))
			k++;
		if (k == slant_model_nlabels(x->model))
			return slant_err_set(err, SLANT_EDATA, a->source, a->line,
					     "label \"%s\" is not one of the model's", l);
	}
	if ((ret = slant_features_measure(x->f, wstate, slant_job_doc(job), a, 0, &j->raw, err)) ||
	    (ret = slant_features_vector_any(x->f, &j->raw, &j->vec, err)) ||
	    (ret = slant_model_predict(x->model, &j->vec, &j->pred, err)))
		return ret;
	if (x->explain && slant_model_explain(x->model, &j->vec, x->explain, j->pos, &j->npos,
					      j->neg, &j->nneg))
		return slant_err_set(err, SLANT_ENOMEM, a->source, a->line, "out of memory");
	if (!x->label && render(x, j, a))
		return slant_err_set(err, SLANT_ENOMEM, a->source, a->line, "out of memory");
	return 0;
}

static struct outlet_sum *outlet_of(struct score *x, const char *name)
{
	for (size_t i = 0; i < x->noutlets; i++)
		if (!strcmp(x->outlets[i].name, name))
			return &x->outlets[i];
	struct outlet_sum *v = realloc(x->outlets, (x->noutlets + 1) * sizeof(*v));
	if (!v)
		return NULL;
	x->outlets = v;
	struct outlet_sum *o = &v[x->noutlets];
	memset(o, 0, sizeof(*o));
	if (!(o->name = strdup(name)))
		return NULL;
	x->noutlets++;
	return o;
}

static int emit(struct slant_job *job, void *ctx)
{
	struct score *x = ctx;
	struct sjob *j = slant_job_data(job);
	const struct slant_article *a = slant_job_article(job);

	x->scored++;
	if (!x->label)
		return cli_write(&x->in, x->out.f, j->out.data, j->out.len);
	size_t nl = slant_model_nlabels(x->model), t = 0;
	const char *l = slant_article_field(a, x->label);
	while (t < nl && strcmp(slant_model_label(x->model, t), l))
		t++;
	x->conf[t * nl + j->pred.label]++;
	const char *g = x->by ? slant_article_field(a, x->by) : a->outlet;
	struct outlet_sum *o = outlet_of(x, g ? g : "");
	if (!o)
		return SLANT_ENOMEM;
	o->n++;
	o->right += t == j->pred.label;
	o->score += j->pred.score;
	return 0;
}

static int cmp_outlet(const void *a, const void *b)
{
	const struct outlet_sum *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int eval_tail(void *ctx, const struct slant_pipeline_stats *st)
{
	struct score *x = ctx;
	const struct slant_model *m = x->model;
	size_t nl = slant_model_nlabels(m);
	uint64_t n = 0, right = 0;
	double f1 = 0;
	size_t present = 0; /* labels given or predicted: macro-F1 averages over them */
	struct slant_buf b;
	int ret = 0;

	(void)st;
	slant_buf_init(&b, 0);
	for (size_t i = 0; i < nl * nl; i++)
		n += x->conf[i];
	for (size_t l = 0; l < nl; l++)
		right += x->conf[l * nl + l];
	slant_buf_addf(&b, "%-14s %9s %9s %9s %9s\n", "label", "precision", "recall", "F1",
		       "articles");
	for (size_t l = 0; l < nl; l++) {
		double tp = (double)x->conf[l * nl + l], pred = 0, gold = 0;
		for (size_t k = 0; k < nl; k++) {
			pred += (double)x->conf[k * nl + l];
			gold += (double)x->conf[l * nl + k];
		}
		double p = pred ? tp / pred : 0, r = gold ? tp / gold : 0, f = p + r > 0 ? 2 * p * r / (p + r) : 0;
		f1 += f;
		present += pred > 0 || gold > 0;
		slant_buf_addf(&b, "%-14.14s %9.3f %9.3f %9.3f %9.0f\n", slant_model_label(m, l), p, r,
			       f, gold);
	}
	slant_buf_addf(&b, "articles %llu, accuracy %.1f%%, macro-F1 %.3f\n",
		       (unsigned long long)n, n ? 100.0 * (double)right / (double)n : 0,
		       present ? f1 / (double)present : 0);
	slant_buf_addf(&b, "\nconfusion (rows: true, columns: predicted)\n%-14s", "");
	for (size_t l = 0; l < nl; l++)
		slant_buf_addf(&b, " %8.8s", slant_model_label(m, l));
	slant_buf_addc(&b, '\n');
	for (size_t l = 0; l < nl; l++) {
		slant_buf_addf(&b, "%-14.14s", slant_model_label(m, l));
		for (size_t k = 0; k < nl; k++)
			slant_buf_addf(&b, " %8llu", (unsigned long long)x->conf[l * nl + k]);
		slant_buf_addc(&b, '\n');
	}
	qsort(x->outlets, x->noutlets, sizeof(*x->outlets), cmp_outlet);
	slant_buf_addf(&b, "\n%-30s %8s %9s", x->by ? x->by : "outlet", "articles", "accuracy");
	if (slant_model_has_axis(m))
		slant_buf_addf(&b, " %10s", "mean score");
	slant_buf_addc(&b, '\n');
	for (size_t i = 0; i < x->noutlets; i++) {
		const struct outlet_sum *o = &x->outlets[i];
		slant_buf_addf(&b, "%-30.30s %8llu %8.1f%%", o->name, (unsigned long long)o->n,
			       100.0 * (double)o->right / (double)o->n);
		if (slant_model_has_axis(m))
			slant_buf_addf(&b, " %+10.3f", o->score / (double)o->n);
		slant_buf_addc(&b, '\n');
	}
	if (cli_write(&x->in, x->out.f, b.data, b.len))
		ret = SLANT_EIO;
	slant_buf_release(&b);
	return ret;
}

/* The header line of the table and TSV formats. */
static int write_header(void *ctx)
{
	struct score *x = ctx;
	const struct slant_model *m = x->model;
	struct slant_buf b;
	int ret = 0;

	if (x->format == FMT_JSONL)
		return 0;
	slant_buf_init(&b, 0);
	if (x->format == FMT_TSV) {
		slant_buf_adds(&b, "article\toutlet\tlabel\tscore");
		for (size_t k = 0; k < slant_model_nlabels(m); k++) {
			slant_buf_adds(&b, "\tp_");
			cli_add_tsv(&b, slant_model_label(m, k), strlen(slant_model_label(m, k)));
		}
	} else {
		slant_buf_addf(&b, "%-20s %-24s %-8s", "article", "outlet", "label");
		if (slant_model_has_axis(m))
			slant_buf_addf(&b, " %6s", "score");
		for (size_t k = 0; k < slant_model_nlabels(m); k++)
			slant_buf_addf(&b, " %7.7s", slant_model_label(m, k));
	}
	if (slant_buf_addc(&b, '\n') || cli_write(&x->in, x->out.f, b.data, b.len)) {
		cli_error("cannot write output");
		ret = EXIT_IO;
	}
	slant_buf_release(&b);
	return ret;
}

static int run(int argc, char **argv, bool eval)
{
	enum { OPT_MODEL = OPT_FIRST_COMMAND, OPT_FORMAT, OPT_EXPLAIN, OPT_LABEL, OPT_BY };
	static const struct option opts[] = {
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "explain", required_argument, NULL, OPT_EXPLAIN },
		{ "label", required_argument, NULL, OPT_LABEL },
		{ "by", required_argument, NULL, OPT_BY },
		{ "output", required_argument, NULL, 'o' },
		CLI_INPUT_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	static const struct slant_pipeline_ops ops = {
		.worker_new = worker_new, .worker_free = worker_free, .job_new = job_new,
		.job_free = job_free, .work = work, .emit = emit, .bad = cli_bad_cb,
		.progress = cli_progress_cb,
	};
	struct score x;
	const char *output = NULL, *dir = NULL;
	int c, ret;

	memset(&x, 0, sizeof(x));
	if ((ret = cli_input_init(&x.in)))
		return ret;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_MODEL:
			dir = optarg;
			break;
		case OPT_FORMAT: {
			static const char *const names[] = { "table", "tsv", "jsonl", NULL };
			if (eval) {
				ret = cli_usage_error("eval prints a table; --format is for score");
				goto out;
			}
			if ((x.format = cli_format(optarg, names)) < 0) {
				ret = EXIT_USAGE;
				goto out;
			}
			break;
		}
		case OPT_EXPLAIN: {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (eval || end == optarg || *end || n < 0 || n > 1000) {
				ret = cli_usage_error("--explain wants a number from 0 to 1000 (score only)");
				goto out;
			}
			x.explain = (size_t)n;
			break;
		}
		case OPT_LABEL:
			if (!eval) {
				ret = cli_usage_error("--label is for eval");
				goto out;
			}
			x.label = optarg;
			break;
		case OPT_BY:
			if (!eval) {
				ret = cli_usage_error("--by is for eval");
				goto out;
			}
			x.by = optarg;
			break;
		default: {
			bool stop;
			ret = cli_common_option(&x.in, c, optarg, &output, &stop);
			if (stop)
				goto out;
		}
		}
	}
	if (eval && !x.label) {
		ret = cli_usage_error("eval needs --label FIELD");
		goto out;
	}
	if ((ret = cli_model_open(dir, &x.model)))
		goto out;
	x.f = slant_model_features(x.model);
	/* texts are read as the model's were: --no-strip and --no-repair follow the model */
	x.in.doc_flags |= slant_model_doc_flags(x.model);
	if (x.explain && strcmp(slant_model_kind(x.model), "linear")) {
		ret = cli_usage_error("--explain needs a linear model; %s is %s", dir,
				      slant_model_kind(x.model));
		goto out;
	}
	if (eval) {
		size_t nl = slant_model_nlabels(x.model);
		if (!(x.conf = calloc(nl * nl, sizeof(*x.conf)))) {
			ret = EXIT_IO;
			goto out;
		}
	}
	struct cli_command_run r = { &x.in, &x.out, output, &ops, &x, eval ? NULL : write_header,
				     eval ? eval_tail : NULL };
	ret = cli_run_command(&r, argc - optind, argv + optind);
out:
	for (size_t i = 0; i < x.noutlets; i++)
		free(x.outlets[i].name);
	free(x.outlets);
	free(x.conf);
	slant_model_free(x.model);
	cli_input_release(&x.in);
	return ret;
}

int cmd_score(int argc, char **argv)
{
	return run(argc, argv, false);
}

int cmd_eval(int argc, char **argv)
{
	return run(argc, argv, true);
}
