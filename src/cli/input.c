/*
 * input.c - the input options every analysing command shares, and what they set up.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int cli_input_init(struct cli_input *in)
{
	memset(in, 0, sizeof(*in));
	in->reader = slant_reader_new();
	if (!in->reader) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	return 0;
}

void cli_input_release(struct cli_input *in)
{
	slant_reader_free(in->reader);
	slant_boiler_free(in->boiler);
	memset(in, 0, sizeof(*in));
}

/* Parses "64M", "512k", "1000000"; 0 on a bad size. */
static size_t parse_size(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return 0;
	unsigned shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (*end && strcmp(end, "B") && strcmp(end, "iB"))
		return 0;
	/* record offsets are 32-bit: 1 GiB is plenty for one article */
	if (v > (1ULL << 30) >> shift)
		return 0;
	return (size_t)(v << shift);
}

int cli_input_option(struct cli_input *in, int opt, const char *arg)
{
	struct slant_err err;
	char *end;
	long n;

	slant_err_clear(&err);
	switch (opt) {
	case OPT_FIELD:
		if (slant_reader_map(in->reader, arg, &err))
			return cli_usage_error("%s", err.msg);
		return 0;
	case OPT_WHERE:
		if (slant_reader_where(in->reader, arg, &err))
			return cli_usage_error("%s", err.msg);
		return 0;
	case OPT_OUTLET:
		if (!*arg)
			return cli_usage_error("--outlet needs a name");
		if (slant_reader_set_outlet(in->reader, arg, &err))
			return cli_usage_error("%s", err.msg);
		return 0;
	case OPT_INPUT_FORMAT:
		if (!strcmp(arg, "jsonl"))
			slant_reader_set_format(in->reader, SLANT_INPUT_JSONL);
		else if (!strcmp(arg, "csv"))
			slant_reader_set_format(in->reader, SLANT_INPUT_CSV);
		else if (!strcmp(arg, "tsv"))
			slant_reader_set_format(in->reader, SLANT_INPUT_TSV);
		else if (!strcmp(arg, "txt"))
			slant_reader_set_format(in->reader, SLANT_INPUT_TXT);
		else
			return cli_usage_error("unknown input format '%s': use jsonl, csv, tsv or txt",
					       arg);
		return 0;
	case OPT_STRICT:
		in->strict = true;
		return 0;
	case OPT_THREADS:
		errno = 0;
		n = strtol(arg, &end, 10);
		if (errno || end == arg || *end || n < 1 || n > 256)
			return cli_usage_error("--threads wants a number from 1 to 256, not '%s'", arg);
		in->threads = (unsigned)n;
		return 0;
	case OPT_MAX_RECORD: {
		size_t sz = parse_size(arg);
		if (!sz)
			return cli_usage_error("--max-record wants a size up to 1G such as 64M, not '%s'",
					       arg);
		slant_reader_set_max_record(in->reader, sz);
		return 0;
	}
	case OPT_BOILERPLATE:
		if (!strcmp(arg, "none"))
			in->no_boiler = true;
		else
			in->boiler_path = arg;
		return 0;
	case OPT_NO_STRIP:
		in->doc_flags |= SLANT_DOC_NO_STRIP;
		return 0;
	case OPT_NO_REPAIR:
		in->doc_flags |= SLANT_DOC_NO_REPAIR;
		return 0;
	case OPT_QUIET:
		in->quiet = true;
		return 0;
	case OPT_HELP:
		return -1; /* the caller prints help */
	}
	return cli_usage_error("unknown option");
}

int cli_input_open(struct cli_input *in, int argc, char **argv)
{
	struct slant_err err;

	slant_err_clear(&err);
	if (argc < 1)
		return cli_usage_error("no input given (use - for standard input)");
	if (!in->no_boiler && !(in->doc_flags & SLANT_DOC_NO_STRIP)) {
		const char *path = in->boiler_path;
		if (!path && !(path = cli_data_path("lexicons/boilerplate.tsv"))) {
			cli_error("cannot find lexicons/boilerplate.tsv: set SLANT_DATA_DIR or "
				  "give --boilerplate FILE");
			return EXIT_IO;
		}
		in->boiler = slant_boiler_load(path, &err);
		if (!in->boiler) {
			cli_error_err(&err);
			return cli_exit_code(err.code);
		}
	}
	for (int i = 0; i < argc; i++) {
		if (slant_reader_add(in->reader, argv[i], &err)) {
			cli_error_err(&err);
			return cli_exit_code(err.code);
		}
	}
	cli_progress_init(&in->progress, in->quiet);
	return 0;
}

void cli_input_conf(const struct cli_input *in, struct slant_pipeline_conf *conf, bool analyze)
{
	memset(conf, 0, sizeof(*conf));
	conf->threads = in->threads;
	conf->analyze = analyze;
	conf->doc.boiler = in->boiler;
	conf->doc.flags = in->doc_flags;
}

int cli_input_bad(struct cli_input *in, const struct slant_err *err)
{
	in->bad++;
	cli_progress_done(&in->progress);
	cli_error_err(err);
	return in->strict ? SLANT_ESTOP : 0;
}

int cli_bad_cb(const struct slant_err *err, void *ctx)
{
	return cli_input_bad(ctx, err);
}

void cli_progress_cb(void *ctx, uint64_t records, uint64_t bytes)
{
	cli_progress_update(&((struct cli_input *)ctx)->progress, records, bytes);
}

int cli_input_finish(struct cli_input *in, int run_ret, const struct slant_err *err)
{
	cli_progress_done(&in->progress);
	if (run_ret == SLANT_ESTOP)
		return EXIT_DATA; /* --strict: the bad record was reported */
	if (run_ret) {
		cli_error_err(err);
		return cli_exit_code(run_ret);
	}
	if (in->bad) {
		cli_error("%llu bad record%s skipped", (unsigned long long)in->bad,
			  in->bad == 1 ? "" : "s");
		return EXIT_DATA;
	}
	return EXIT_OK;
}

int cli_common_option(struct cli_input *in, int opt, const char *arg, const char **output,
		      bool *stop)
{
	int ret;

	*stop = true;
	switch (opt) {
	case 'o':
		*output = arg;
		*stop = false;
		return 0;
	case '?':
		return EXIT_USAGE; /* getopt_long has said what is wrong */
	}
	ret = cli_input_option(in, opt, arg);
	if (ret < 0)
		return cli_help();
	*stop = ret != 0;
	return ret;
}

int cli_format(const char *arg, const char *const *names)
{
	struct slant_buf list;
	int i;

	for (i = 0; names[i]; i++)
		if (!strcmp(arg, names[i]))
			return i;
	slant_buf_init(&list, 0);
	for (i = 0; names[i]; i++)
		slant_buf_addf(&list, "%s%s", i ? (names[i + 1] ? ", " : " or ") : "", names[i]);
	cli_usage_error("unknown format '%s': use %s", arg, list.data);
	slant_buf_release(&list);
	return -1;
}

int cli_write(struct cli_input *in, FILE *f, const char *data, size_t len)
{
	if (len && fwrite(data, 1, len, f) != len) {
		in->write_failed = true;
		return SLANT_EIO;
	}
	return 0;
}

int cli_run_command(const struct cli_command_run *r, int argc, char **argv)
{
	struct slant_pipeline_conf conf;
	struct slant_pipeline_stats st;
	struct slant_err err;
	int ret, run, c;

	if ((ret = cli_input_open(r->in, argc, argv)) || (ret = cli_out_open(r->out, r->output)))
		return ret;
	if (r->ready && (ret = r->ready(r->ctx))) {
		cli_out_close(r->out, false);
		return ret;
	}
	cli_input_conf(r->in, &conf, true);
	slant_err_clear(&err);
	run = slant_pipeline_run(r->in->reader, &conf, r->ops, r->ctx, &st, &err);
	if (!run && !r->in->write_failed && r->tail && (run = r->tail(r->ctx, &st)) &&
	    run != SLANT_EIO)
		slant_err_set(&err, run, NULL, 0, "%s", slant_strerror(run));
	if (r->in->write_failed) {
		cli_progress_done(&r->in->progress);
		cli_out_close(r->out, false); /* says what could not be written */
		return EXIT_IO;
	}
	ret = cli_input_finish(r->in, run, &err);
	/* A run stopped by an error leaves no output file behind; skipped records do not. */
	c = cli_out_close(r->out, run == 0 && (ret == EXIT_OK || ret == EXIT_DATA));
	return c && ret == EXIT_OK ? c : ret;
}
