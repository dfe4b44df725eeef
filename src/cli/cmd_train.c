/*
 * cmd_train.c - `slant train`: measure a labelled corpus, cross-validate, write a model.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_train_usage[] =
	"usage: slant train [options] --label FIELD [-o DIR] INPUT...\n"
	"\n"
	"Trains a framing model on labelled articles and writes it to a directory. Features:\n"
	"TF-IDF of word 1-2 grams (the outlet's own name, web host, authors and dateline left\n"
	"out), loaded-term rates from the lexicons and quotation measures. The linear SVM\n"
	"(liblinear) is chosen by stratified k-fold cross-validation over a grid of C, with\n"
	"folds kept whole by group with --group-folds (the unseen-outlet score); probabilities\n"
	"come from a calibration fitted on the out-of-fold decision values. Prints the\n"
	"cross-validation figures; progress goes to standard error on a terminal.\n"
	"\n"
	"Options:\n"
	"  --label FIELD          the label of each article (two labels or more)\n"
	"  -o, --output DIR       model directory (default: model); replaced only once the new\n"
	"                         model is complete\n"
	"  --order A,B,...        the labels in order along the framing axis (default: left,\n"
	"                         center, right when those are the labels; otherwise no axis)\n"
	"  --group-folds FIELD    keep all articles with one FIELD value (an outlet) in one fold\n"
	"  --folds K              folds (default 5)\n"
	"  --seed N               seed of the fold assignment (default 1)\n"
	"  --C LIST               grid of C, comma-separated (default 0.01,0.03,0.1,0.3,1;\n"
	"                         kernel models 0.3,1,3,10)\n"
	"  --kernel K             linear (default: liblinear), or rbf or poly (libsvm, with its\n"
	"                         probability estimates): kernels pay off on small corpora and\n"
	"                         dense features, and cost time growing with the square of the\n"
	"                         corpus\n"
	"  --gamma LIST           kernel models' grid of gamma (default 0.3,1,3)\n"
	"  --min-df N             keep n-grams in at least N articles (default 3)\n"
	"  --min-groups N         keep n-grams found in at least N groups of --group-folds\n"
	"                         (outlets), so that no outlet's own phrases are features\n"
	"                         (default 1)\n"
	"  --max-vocab N          keep at most N n-grams, the most frequent (default 200000)\n"
	"  --max-n N              longest n-gram, 1 to 3 (default 2)\n"
	"  --dense BLOCKS         dense features besides the n-grams: lexicon, quotes (both by\n"
	"                         default; quotations cost time when scoring), or none\n"
	"  --dense-weight W       weight of the dense features (default 0.5)\n"
	"  --folds-out FILE       write each article's fold (id, fold from 0; TSV) to FILE, for\n"
	"                         comparing other models on the same folds\n"
	"  --keep-identity        keep in the n-grams what names the outlet (its name, host,\n"
	"                         authors, dateline, honorifics, photo and wire credits), which\n"
	"                         are left out by default\n"
	"  --no-balance           no class weights (default: weights inverse to label counts)\n"
	"  --lexicon FILE         a lexicon (repeatable; default: the shipped ones)\n"
	"  --speakers FILE, --roles FILE, --verbs FILE\n"
	"                         the people table, as for slant quotes (FILE or none)\n"
	"\n" CLI_INPUT_HELP
	"\n"
	"Example:\n"
	"  slant train --field text=content_original --field outlet=source --field id=ID \\\n"
	"      --label bias_text --group-folds outlet -o models/lean train.jsonl.gz\n";

struct train {
	struct cli_input in; /* first: cli_bad_cb() and cli_progress_cb() find it at ctx */
	const char *label, *group, *dir, *folds_out;
	struct cli_resources res;
	struct slant_trainset *ts;
	const struct slant_features *f;
	bool progress;
};

struct tjob {
	struct slant_featraw raw;
};

static void *job_new(void *ctx)
{
	struct tjob *j = calloc(1, sizeof(*j));

	(void)ctx;
	if (j)
		slant_featraw_init(&j->raw);
	return j;
}

static void job_free(void *data)
{
	struct tjob *j = data;

	if (!j)
		return;
	slant_featraw_release(&j->raw);
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

static int work(struct slant_job *job, void *wstate, void *ctx, struct slant_err *err)
{
	struct train *x = ctx;
	struct tjob *j = slant_job_data(job);
	const struct slant_article *a = slant_job_article(job);
	const char *label = slant_article_field(a, x->label);

	if (!wstate || !j)
		return slant_err_set(err, SLANT_ENOMEM, a->source, a->line, "out of memory");
	if (!label || !label[0])
		return slant_err_set(err, SLANT_EDATA, a->source, a->line, "missing field \"%s\"",
				     x->label);
	if (x->group) {
		const char *g = slant_article_field(a, x->group);
		if (!g || !g[0])
			return slant_err_set(err, SLANT_EDATA, a->source, a->line,
					     "missing field \"%s\"", x->group);
	}
	return slant_features_measure(x->f, wstate, slant_job_doc(job), a, 1, &j->raw, err);
}

static int emit(struct slant_job *job, void *ctx)
{
	struct train *x = ctx;
	struct tjob *j = slant_job_data(job);
	const struct slant_article *a = slant_job_article(job);
	struct slant_err err;

	slant_err_clear(&err);
	if (slant_trainset_add(x->ts, &j->raw, a->id, slant_article_field(a, x->label),
			       x->group ? slant_article_field(a, x->group) : NULL, &err)) {
		cli_error_err(&err);
		return err.code;
	}
	return 0;
}

static void progress_line(void *ctx, const char *line)
{
	struct train *x = ctx;

	if (x->progress)
		fprintf(stderr, "slant: train: %s\n", line);
}

/* The run's description for meta.json: the command line. */
static char *describe(int argc, char **argv, const char *label, const char *group)
{
	struct slant_buf b;

	slant_buf_init(&b, 0);
	slant_buf_adds(&b, "{\"command\":");
	struct slant_buf cmd;
	slant_buf_init(&cmd, 0);
	slant_buf_adds(&cmd, "slant");
	for (int i = 0; i < argc; i++) {
		slant_buf_addc(&cmd, ' ');
		slant_buf_adds(&cmd, argv[i]);
	}
	slant_buf_add_json(&b, cmd.data, cmd.len);
	slant_buf_adds(&b, ",\"label\":");
	slant_buf_add_json(&b, label, strlen(label));
	if (group) {
		slant_buf_adds(&b, ",\"group_folds\":");
		slant_buf_add_json(&b, group, strlen(group));
	}
	slant_buf_addc(&b, '}');
	slant_buf_release(&cmd);
	return slant_buf_detach(&b, NULL);
}

/* Splits a comma-separated list of numbers into v (at most max); count, or -1. */
static int parse_numbers(const char *s, double *v, int max)
{
	int n = 0;
	char *end;

	while (*s) {
		if (n == max)
			return -1;
		double d = strtod(s, &end);
		if (end == s || !(d > 0) || d > 1e6)
			return -1;
		v[n++] = d;
		s = end;
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return n;
}

static int parse_count(const char *opt, const char *arg, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (end == arg || *end || v < lo || v > hi)
		return cli_usage_error("%s wants a number from %ld to %ld, not '%s'", opt, lo, hi, arg);
	*out = v;
	return 0;
}

int cmd_train(int argc, char **argv)
{
	enum { OPT_LABEL = OPT_FIRST_COMMAND, OPT_ORDER, OPT_GROUP, OPT_FOLDS, OPT_SEED, OPT_C,
	       OPT_MIN_DF, OPT_MIN_GROUPS, OPT_MAX_VOCAB, OPT_MAX_N, OPT_DENSE, OPT_BLOCKS, OPT_NO_BALANCE, OPT_KEEP_IDENTITY, OPT_FOLDS_OUT, OPT_KERNEL, OPT_GAMMA };
	static const struct option opts[] = {
		{ "label", required_argument, NULL, OPT_LABEL },
		{ "order", required_argument, NULL, OPT_ORDER },
		{ "group-folds", required_argument, NULL, OPT_GROUP },
		{ "folds", required_argument, NULL, OPT_FOLDS },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "C", required_argument, NULL, OPT_C },
		{ "min-df", required_argument, NULL, OPT_MIN_DF },
		{ "min-groups", required_argument, NULL, OPT_MIN_GROUPS },
		{ "max-vocab", required_argument, NULL, OPT_MAX_VOCAB },
		{ "max-n", required_argument, NULL, OPT_MAX_N },
		{ "dense-weight", required_argument, NULL, OPT_DENSE },
		{ "dense", required_argument, NULL, OPT_BLOCKS },
		{ "no-balance", no_argument, NULL, OPT_NO_BALANCE },
		{ "keep-identity", no_argument, NULL, OPT_KEEP_IDENTITY },
		{ "folds-out", required_argument, NULL, OPT_FOLDS_OUT },
		{ "kernel", required_argument, NULL, OPT_KERNEL },
		{ "gamma", required_argument, NULL, OPT_GAMMA },
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
	struct train x;
	struct slant_train_conf tc = { 0 };
	struct slant_features_conf fc = { 0 };
	struct slant_train_report rep = { 0 };
	struct slant_model *model = NULL;
	struct slant_err err;
	double Cs[32], Gs[32];
	char *order_buf = NULL, *desc = NULL;
	const char *order[64];
	long v = 0; /* set by parse_count; gcc -O3 cannot see that */
	int c, ret;

	memset(&x, 0, sizeof(x));
	x.dir = "model";
	tc.seed = 1;
	tc.balanced = 1;
	if ((ret = cli_input_init(&x.in)))
		return ret;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			x.dir = optarg;
			break;
		case OPT_LABEL:
			x.label = optarg;
			break;
		case OPT_GROUP:
			x.group = optarg;
			tc.grouped = 1;
			break;
		case OPT_ORDER: {
			free(order_buf);
			if (!(order_buf = strdup(optarg))) {
				ret = EXIT_IO;
				goto out;
			}
			tc.norder = 0;
			char *save = NULL;
			for (char *s = strtok_r(order_buf, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
				if (tc.norder == 64) {
					ret = cli_usage_error("--order: at most 64 labels");
					goto out;
				}
				order[tc.norder++] = s;
			}
			if (tc.norder < 2) {
				ret = cli_usage_error("--order wants two labels or more");
				goto out;
			}
			tc.order = order;
			break;
		}
		case OPT_FOLDS:
			if ((ret = parse_count("--folds", optarg, 2, 100, &v)))
				goto out;
			tc.folds = (unsigned)v;
			break;
		case OPT_SEED:
			if ((ret = parse_count("--seed", optarg, 0, 2147483647L, &v)))
				goto out;
			tc.seed = (uint64_t)v;
			break;
		case OPT_C: {
			int n = parse_numbers(optarg, Cs, 32);
			if (n <= 0) {
				ret = cli_usage_error("--C wants positive numbers separated by commas, not '%s'",
						      optarg);
				goto out;
			}
			tc.C = Cs;
			tc.nC = (size_t)n;
			break;
		}
		case OPT_MIN_DF:
			if ((ret = parse_count("--min-df", optarg, 1, 1000000, &v)))
				goto out;
			tc.min_df = (uint32_t)v;
			break;
		case OPT_MIN_GROUPS:
			if ((ret = parse_count("--min-groups", optarg, 1, 1000000, &v)))
				goto out;
			tc.min_groups = (uint32_t)v;
			break;
		case OPT_MAX_VOCAB:
			if ((ret = parse_count("--max-vocab", optarg, 1, 10000000, &v)))
				goto out;
			tc.max_vocab = (size_t)v;
			break;
		case OPT_MAX_N:
			if ((ret = parse_count("--max-n", optarg, 1, 3, &v)))
				goto out;
			fc.max_n = (unsigned)v;
			break;
		case OPT_DENSE: {
			char *end;
			double d = strtod(optarg, &end);
			if (end == optarg || *end || d < 0 || d > 100) {
				ret = cli_usage_error("--dense-weight wants a number from 0 to 100, not '%s'",
						      optarg);
				goto out;
			}
			fc.dense_weight = d == 0 ? -1 : d;
			break;
		}
		case OPT_BLOCKS: {
			fc.dense = 0;
			if (!strcmp(optarg, "none")) {
				fc.dense_weight = -1;
				break;
			}
			char *copy = strdup(optarg);
			char *save = NULL;
			for (char *t = copy ? strtok_r(copy, ",", &save) : NULL; t;
			     t = strtok_r(NULL, ",", &save)) {
				if (!strcmp(t, "lexicon"))
					fc.dense |= SLANT_DENSE_LEXICON;
				else if (!strcmp(t, "quotes"))
					fc.dense |= SLANT_DENSE_QUOTES;
				else {
					free(copy);
					ret = cli_usage_error("--dense wants lexicon, quotes or none, not '%s'",
							      optarg);
					goto out;
				}
			}
			free(copy);
			break;
		}
		case OPT_NO_BALANCE:
			tc.balanced = 0;
			break;
		case OPT_KEEP_IDENTITY:
			fc.keep_identity = 1;
			break;
		case OPT_FOLDS_OUT:
			x.folds_out = optarg;
			break;
		case OPT_KERNEL:
			if (!strcmp(optarg, "linear"))
				tc.kernel = SLANT_KERNEL_LINEAR;
			else if (!strcmp(optarg, "rbf"))
				tc.kernel = SLANT_KERNEL_RBF;
			else if (!strcmp(optarg, "poly"))
				tc.kernel = SLANT_KERNEL_POLY;
			else {
				ret = cli_usage_error("--kernel wants linear, rbf or poly, not '%s'", optarg);
				goto out;
			}
			break;
		case OPT_GAMMA: {
			int n = parse_numbers(optarg, Gs, 32);
			if (n <= 0) {
				ret = cli_usage_error("--gamma wants positive numbers separated by commas, not '%s'",
						      optarg);
				goto out;
			}
			tc.gamma = Gs;
			tc.ngamma = (size_t)n;
			break;
		}
		default: {
			if (cli_resources_option(&x.res, c, optarg, &ret)) {
				if (ret)
					goto out;
				break;
			}
			bool stop;
			const char *unused = NULL;
			ret = cli_common_option(&x.in, c, optarg, &unused, &stop);
			if (stop)
				goto out;
		}
		}
	}
	if (!x.label) {
		ret = cli_usage_error("train needs --label FIELD");
		goto out;
	}
	slant_err_clear(&err);
	if (slant_model_can_save(x.dir, &err)) { /* before all the work, not after */
		cli_error_err(&err);
		ret = cli_exit_code(err.code);
		goto out;
	}
	if ((ret = cli_resources_load(&x.res)))
		goto out;
	x.ts = slant_trainset_new(&fc, x.res.lx, x.res.pp, x.res.res, x.res.nres, &err);
	if (!x.ts) {
		cli_error_err(&err);
		ret = cli_exit_code(err.code);
		goto out;
	}
	x.res.lx = NULL; /* the trainset has them now */
	x.res.pp = NULL;
	x.f = slant_trainset_features(x.ts);
	x.progress = !x.in.quiet && isatty(2);
	struct cli_out out = { 0 };
	struct cli_command_run r = { &x.in, &out, NULL, &ops, &x, NULL, NULL };
	double t0 = cli_now();
	ret = cli_run_command(&r, argc - optind, argv + optind);
	if (ret != EXIT_OK && ret != EXIT_DATA)
		goto out;
	printf("measured: %zu articles in %.1f s\n", slant_trainset_size(x.ts), cli_now() - t0);
	if (!slant_trainset_size(x.ts)) {
		cli_error("no article to train on");
		ret = EXIT_DATA;
		goto out;
	}
	if (tc.kernel) {
		/*
		 * libsvm's cost grows with the square of the corpus: 30 s for one fit on 2,000
		 * AllSides articles and 189 s on 5,000 (TF-IDF 1-2 grams), so about 30 s * (n /
		 * 2,000)^2 per fit here.
		 */
		double n = (double)slant_trainset_size(x.ts) * (tc.folds ? tc.folds - 1 : 4) /
			   (tc.folds ? tc.folds : 5);
		double per = 30.0 * (n / 2000) * (n / 2000);
		size_t fits = (tc.C ? tc.nC : 4) * (tc.gamma ? tc.ngamma : 3) * (tc.folds ? tc.folds : 5);
		if (per * (double)fits > 600)
			cli_error("warning: a %s kernel on %zu articles: about %.0f minutes per fit, %zu "
				  "fits (libsvm's cost grows with the square of the corpus; "
				  "--kernel linear takes seconds)",
				  tc.kernel == SLANT_KERNEL_RBF ? "rbf" : "poly",
				  slant_trainset_size(x.ts), per / 60, fits);
	}
	desc = describe(argc, argv, x.label, x.group);
	tc.description = desc;
	tc.threads = x.in.threads;
	tc.doc_flags = x.in.doc_flags;
	tc.progress = progress_line;
	tc.progress_ctx = &x;
	model = slant_train(x.ts, &tc, &rep, &err);
	if (!model) {
		cli_error_err(&err);
		ret = cli_exit_code(err.code);
		goto out;
	}
	fputs(rep.text, stdout);
	if (x.folds_out) {
		struct cli_out fo = { 0 };
		if ((ret = cli_out_open(&fo, x.folds_out)))
			goto out;
		for (size_t i = 0; i < slant_trainset_size(x.ts); i++)
			fprintf(fo.f, "%s\t%u\n", slant_trainset_id(x.ts, i), rep.folds[i]);
		if ((ret = cli_out_close(&fo, true)))
			goto out;
	}
	if (slant_model_save(model, x.dir, &err)) {
		cli_error_err(&err);
		ret = cli_exit_code(err.code);
		goto out;
	}
	printf("model: %s (%s, %zu labels, %u features)\n", x.dir, slant_model_kind(model),
	       slant_model_nlabels(model), slant_features_dim(slant_model_features(model)));
	if (fflush(stdout)) {
		cli_error("cannot write output");
		ret = EXIT_IO;
	}
out:
	slant_train_report_release(&rep);
	free(desc);
	free(order_buf);
	slant_model_free(model);
	slant_trainset_free(x.ts);
	cli_resources_release(&x.res);
	cli_input_release(&x.in);
	return ret;
}
