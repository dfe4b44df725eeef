/*
 * cmd_contrast.c - `slant contrast`: the words and phrases most characteristic of each outlet.
 *
 * Workers count each record's n-grams; the counts join the total in input order, so the
 * memory bound prunes at the same places and the table is the same for any number of threads.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char cmd_contrast_usage[] =
	"usage: slant contrast [OPTIONS] INPUT...\n"
	"\n"
	"Lists the words and phrases (1-3 grams of all words, not only lexicon terms) most\n"
	"characteristic of each outlet against all the others: the log-odds ratio with an\n"
	"informative Dirichlet prior and its z-score (Monroe, Colaresi and Quinn 2008,\n"
	"\"Fightin' Words\"). This is how to find the loaded terms a lexicon still misses.\n"
	"\n"
	"Options:\n"
	"  --by FIELD             group articles by FIELD instead of outlet (e.g. label)\n"
	"  --top N                n-grams per group (default 10)\n"
	"  --min-count N          ignore n-grams seen fewer than N times in all (default 5)\n"
	"  --max-n N              longest n-gram, 1 to 3 (default 3)\n"
	"  --prior A              size of the prior, in n-grams (default 1000): larger values\n"
	"                         pull rare n-grams harder toward the corpus average\n"
	"  --max-counts N         (n-gram, group) counts kept in memory, 200 bytes each or so\n"
	"                         (default 2097152); past it the rarest n-grams are dropped\n"
	"  --format table|tsv|jsonl\n"
	"                         output format (default table)\n"
	"  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
	"\n" CLI_INPUT_HELP
	"\n"
	"Examples:\n"
	"  slant contrast --min-count 2 examples/\n"
	"  slant contrast --by label --field label=bias_text --field text=content_original \\\n"
	"      --field outlet=source --where topic=immigration corpus.jsonl.gz\n";

enum { FMT_TABLE, FMT_TSV, FMT_JSONL };

/* (n-gram, group) counts kept in memory at once: 200 bytes each or so, n-grams included */
#define MAX_ENTRIES ((size_t)2 << 20)

struct contrast {
	struct cli_input in; /* first: cli_bad_cb() and cli_progress_cb() find it at ctx */
	const char *by;
	size_t top;
	uint64_t min_count;
	unsigned max_n;
	double prior;
	int format;
	struct cli_out out;
	struct slant_ngrams *all; /* every record's counts, added in input order */
	size_t max_counts;
};

/* Each record's n-grams are counted by a worker into its job's table... */
static void *job_new(void *ctx)
{
	struct contrast *x = ctx;

	return slant_ngrams_new(x->max_n, SIZE_MAX);
}

static void job_free(void *data)
{
	slant_ngrams_free(data);
}

/* ...and added to the total here, in input order, so that pruning happens at the same places
 * whatever the number of threads. */
static int emit(struct slant_job *job, void *ctx)
{
	struct contrast *x = ctx;
	struct slant_err err;

	return slant_ngrams_merge(x->all, slant_job_data(job), &err);
}

static int work(struct slant_job *job, void *wstate, void *ctx, struct slant_err *err)
{
	struct contrast *x = ctx;
	const struct slant_article *a = slant_job_article(job);
	const char *group = x->by ? slant_article_field(a, x->by) : a->outlet;

	struct slant_ngrams *g = slant_job_data(job);

	(void)wstate;
	if (!group || !*group)
		group = "(none)";
	slant_ngrams_reset(g);
	return slant_ngrams_add(g, group, slant_job_doc(job), err);
}

struct group_order {
	const struct slant_ngrams *g;
	size_t i;
};

static int cmp_order(const void *a, const void *b)
{
	const struct group_order *x = a, *y = b;

	return strcmp(slant_ngrams_group(x->g, x->i), slant_ngrams_group(y->g, y->i));
}

static int print(void *ctx, const struct slant_pipeline_stats *st)
{
	struct contrast *x = ctx;
	size_t ng = slant_ngrams_groups(x->all);
	struct slant_contrast_row *rows = calloc(ng * x->top + 1, sizeof(*rows));
	size_t *counts = calloc(ng + 1, sizeof(*counts));
	struct group_order *order = calloc(ng + 1, sizeof(*order));
	struct slant_err err;
	struct slant_buf b;
	int ret = SLANT_ENOMEM;

	(void)st;
	slant_buf_init(&b, 0);
	if (!rows || !counts || !order)
		goto out;
	if ((ret = slant_ngrams_contrast(x->all, x->prior, x->min_count, x->top, rows, counts,
					 &err)))
		goto out;
	for (size_t i = 0; i < ng; i++)
		order[i] = (struct group_order){ x->all, i };
	qsort(order, ng, sizeof(*order), cmp_order);
	static const char header[] = "group\trank\tngram\tz\tdelta\tcount\trest\n";
	if (x->format == FMT_TSV &&
	    (ret = cli_write(&x->in, x->out.f, header, sizeof(header) - 1)))
		goto out;
	for (size_t o = 0; o < ng; o++) {
		size_t i = order[o].i;
		const char *name = slant_ngrams_group(x->all, i);
		const struct slant_contrast_row *r = rows + i * x->top;
		slant_buf_reset(&b);
		if (x->format == FMT_JSONL) {
			ret = slant_buf_adds(&b, "{\"group\":");
			if (!ret)
				ret = slant_buf_add_json(&b, name, strlen(name));
			if (!ret)
				ret = slant_buf_addf(&b, ",\"ngrams\":%llu,\"top\":[",
						     (unsigned long long)slant_ngrams_total(x->all, i));
			for (size_t k = 0; !ret && k < counts[i]; k++) {
				ret = slant_buf_adds(&b, k ? ",{\"ngram\":" : "{\"ngram\":");
				if (!ret)
					ret = slant_buf_add_json(&b, r[k].ngram, strlen(r[k].ngram));
				if (!ret)
					ret = slant_buf_addf(&b, ",\"z\":%.4f,\"delta\":%.4f,\"count\":%llu,"
								 "\"rest\":%llu}",
							     r[k].z, r[k].delta,
							     (unsigned long long)r[k].count,
							     (unsigned long long)r[k].rest);
			}
			if (!ret)
				ret = slant_buf_adds(&b, "]}\n");
		} else if (x->format == FMT_TSV) {
			ret = 0;
			for (size_t k = 0; !ret && k < counts[i]; k++) {
				ret = cli_add_tsv(&b, name, strlen(name));
				if (!ret)
					ret = slant_buf_addf(&b, "\t%zu\t%s\t%.4f\t%.4f\t%llu\t%llu\n", k + 1,
							     r[k].ngram, r[k].z, r[k].delta,
							     (unsigned long long)r[k].count,
							     (unsigned long long)r[k].rest);
			}
		} else {
			ret = slant_buf_addf(&b, "%s  (%llu n-grams)\n", name,
					     (unsigned long long)slant_ngrams_total(x->all, i));
			if (!ret && counts[i])
				ret = slant_buf_adds(&b, "      z    delta   count    rest  n-gram\n");
			for (size_t k = 0; !ret && k < counts[i]; k++)
				ret = slant_buf_addf(&b, "  %6.2f  %6.3f  %6llu  %6llu  %s\n", r[k].z,
						     r[k].delta, (unsigned long long)r[k].count,
						     (unsigned long long)r[k].rest, r[k].ngram);
			if (!ret)
				ret = slant_buf_addc(&b, '\n');
		}
		if (ret)
			goto out;
		if ((ret = cli_write(&x->in, x->out.f, b.data, b.len)))
			goto out;
	}
	ret = 0;
out:
	free(rows);
	free(counts);
	free(order);
	slant_buf_release(&b);
	return ret;
}

int cmd_contrast(int argc, char **argv)
{
	enum { OPT_BY = OPT_FIRST_COMMAND, OPT_TOP, OPT_MIN, OPT_MAXN, OPT_PRIOR, OPT_FORMAT,
	       OPT_MAXC };
	static const struct option opts[] = {
		{ "by", required_argument, NULL, OPT_BY },
		{ "top", required_argument, NULL, OPT_TOP },
		{ "min-count", required_argument, NULL, OPT_MIN },
		{ "max-n", required_argument, NULL, OPT_MAXN },
		{ "prior", required_argument, NULL, OPT_PRIOR },
		{ "max-counts", required_argument, NULL, OPT_MAXC },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		CLI_INPUT_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	static const struct slant_pipeline_ops ops = {
		.job_new = job_new, .job_free = job_free, .work = work, .emit = emit,
		.bad = cli_bad_cb, .progress = cli_progress_cb,
	};
	struct contrast x;
	const char *output = NULL;
	char *end;
	int c, ret;

	memset(&x, 0, sizeof(x));
	x.top = 10;
	x.min_count = 5;
	x.max_n = 3;
	x.prior = 1000;
	x.max_counts = MAX_ENTRIES;
	if ((ret = cli_input_init(&x.in)))
		goto done;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		long n;
		switch (c) {
		case OPT_BY:
			x.by = optarg;
			break;
		case OPT_TOP:
		case OPT_MIN:
		case OPT_MAXN:
			n = strtol(optarg, &end, 10);
			if (end == optarg || *end || n < (c == OPT_MIN ? 1 : c == OPT_MAXN ? 1 : 0) ||
			    n > (c == OPT_MAXN ? 3 : 1000000)) {
				ret = cli_usage_error("bad number '%s' for --%s", optarg,
						      c == OPT_TOP ? "top" : c == OPT_MIN ? "min-count"
										  : "max-n");
				goto out;
			}
			if (c == OPT_TOP)
				x.top = (size_t)n;
			else if (c == OPT_MIN)
				x.min_count = (uint64_t)n;
			else
				x.max_n = (unsigned)n;
			break;
		case OPT_MAXC: {
			long long v = strtoll(optarg, &end, 10);
			if (end == optarg || *end || v < 16 || v > (1LL << 40)) {
				ret = cli_usage_error("--max-counts wants a number of at least 16, not '%s'",
						      optarg);
				goto out;
			}
			x.max_counts = (size_t)v;
			break;
		}
		case OPT_PRIOR:
			x.prior = strtod(optarg, &end);
			if (end == optarg || *end || !(x.prior > 0) || x.prior > 1e12) {
				ret = cli_usage_error("--prior wants a positive number, not '%s'", optarg);
				goto out;
			}
			break;
		case OPT_FORMAT: {
			static const char *const names[] = { "table", "tsv", "jsonl", NULL };
			if ((x.format = cli_format(optarg, names)) < 0) {
				ret = EXIT_USAGE;
				goto out;
			}
			break;
		}
		default: {
			bool stop;
			ret = cli_common_option(&x.in, c, optarg, &output, &stop);
			if (stop)
				goto out;
		}
		}
	}
	x.all = slant_ngrams_new(x.max_n, x.max_counts);
	if (!x.all) {
		cli_error("out of memory");
		ret = EXIT_IO;
		goto out;
	}
	struct cli_command_run r = { &x.in, &x.out, output, &ops, &x, NULL, print };
	ret = cli_run_command(&r, argc - optind, argv + optind);
	if ((ret == EXIT_OK || ret == EXIT_DATA) && slant_ngrams_prunes(x.all))
		cli_error("note: to bound memory, n-grams seen %llu times or fewer were dropped "
			  "%llu times while counting, so counts may be low by up to %llu",
			  (unsigned long long)slant_ngrams_floor(x.all),
			  (unsigned long long)slant_ngrams_prunes(x.all),
			  (unsigned long long)(slant_ngrams_floor(x.all) * slant_ngrams_prunes(x.all)));
out:
	slant_ngrams_free(x.all);
	cli_input_release(&x.in);
done:
	return ret;
}
