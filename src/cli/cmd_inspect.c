/*
 * cmd_inspect.c - `slant inspect`: articles as slant sees them after repair and stripping.
 *
 * Workers format each article into its job's buffer, so the writer thread only copies bytes
 * out in input order.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char cmd_inspect_usage[] =
	"usage: slant inspect [OPTIONS] INPUT...\n"
	"\n"
	"Shows each article as slant sees it: its paragraphs and sentences after broken\n"
	"paragraphs were repaired and boilerplate stripped, token and sentence counts, the lines\n"
	"removed and the invalid bytes repaired.\n"
	"\n"
	"Options:\n"
	"  --format text|jsonl    output format (default text)\n"
	"  --summary              print only the totals over all articles\n"
	"  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
	"\n" CLI_INPUT_HELP
	"\n"
	"Examples:\n"
	"  slant inspect examples/\n"
	"  slant inspect --summary --field text=content_original --field outlet=source \\\n"
	"      --where topic=immigration corpus.jsonl.gz\n";

enum { FMT_TEXT, FMT_JSONL };

struct counts {
	uint64_t articles, bytes, tokens, words, sentences, paragraphs, repaired, removed, invalid;
};

struct job_out {
	struct slant_buf out;
	struct counts c;
};

struct inspect {
	struct cli_input in; /* first: cli_bad_cb() and cli_progress_cb() find it at ctx */
	int format;
	bool summary;
	struct cli_out out;
	struct counts total;
};

static void *job_new(void *ctx)
{
	struct job_out *j = calloc(1, sizeof(*j));

	(void)ctx;
	if (j)
		slant_buf_init(&j->out, 0);
	return j;
}

static void job_free(void *data)
{
	struct job_out *j = data;

	slant_buf_release(&j->out);
	free(j);
}

static void count(const struct slant_article *a, const struct slant_doc *d, struct counts *c)
{
	size_t n, np;
	const struct slant_paragraph *p = slant_doc_paragraphs(d, &np);

	memset(c, 0, sizeof(*c));
	c->articles = 1;
	c->bytes = a->text_len;
	slant_doc_tokens(d, &n);
	c->tokens = n;
	c->words = slant_doc_words(d);
	slant_doc_sentences(d, &n);
	c->sentences = n;
	c->paragraphs = np;
	for (size_t i = 0; i < np; i++)
		c->repaired += p[i].joined;
	slant_doc_stripped(d, &n);
	c->removed = n;
	c->invalid = a->invalid_bytes;
}

static const char *zone_name(int z)
{
	return z == SLANT_ZONE_HEAD ? "head" : z == SLANT_ZONE_TAIL ? "tail" : "body";
}

static int add_json_field(struct slant_buf *b, const char *key, const char *v)
{
	int ret = slant_buf_addf(b, ",\"%s\":", key);

	if (ret)
		return ret;
	return v ? slant_buf_add_json(b, v, strlen(v)) : slant_buf_adds(b, "null");
}

/* Appends the raw line [start, end) trimmed, for the list of removed lines. */
static int add_line_text(struct slant_buf *b, const char *text, uint32_t start, uint32_t end,
			 bool json)
{
	while (start < end && (text[start] == ' ' || text[start] == '\t'))
		start++;
	while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
		end--;
	return json ? slant_buf_add_json(b, text + start, end - start)
		    : slant_buf_add(b, text + start, end - start);
}

static int format_jsonl(const struct slant_article *a, const struct slant_doc *d,
			const struct counts *c, struct slant_buf *b, struct slant_buf *tmp)
{
	size_t np, ns, nr;
	const struct slant_paragraph *p = slant_doc_paragraphs(d, &np);
	const struct slant_sentence *s = slant_doc_sentences(d, &ns);
	const struct slant_strip *r = slant_doc_stripped(d, &nr);
	int ret;

	if ((ret = slant_buf_adds(b, "{\"id\":")) || (ret = slant_buf_add_json(b, a->id, strlen(a->id))))
		return ret;
	if ((ret = add_json_field(b, "outlet", a->outlet)) ||
	    (ret = add_json_field(b, "title", a->title)) ||
	    (ret = add_json_field(b, "date", a->date)) || (ret = add_json_field(b, "url", a->url)) ||
	    (ret = add_json_field(b, "source", a->source)))
		return ret;
	if ((ret = slant_buf_addf(b, ",\"line\":%ld,\"fields\":{", a->line)))
		return ret;
	for (size_t i = 0; i < a->nfields; i++) {
		if ((i && (ret = slant_buf_addc(b, ','))) ||
		    (ret = slant_buf_add_json(b, a->fields[i].name, strlen(a->fields[i].name))) ||
		    (ret = slant_buf_addc(b, ':')) ||
		    (ret = slant_buf_add_json(b, a->fields[i].value, a->fields[i].len)))
			return ret;
	}
	if ((ret = slant_buf_addf(b,
				  "},\"bytes\":%llu,\"tokens\":%llu,\"words\":%llu,\"sentences\":%llu,"
				  "\"paragraphs_repaired\":%llu,\"invalid_bytes\":%llu,\"removed\":[",
				  (unsigned long long)c->bytes, (unsigned long long)c->tokens,
				  (unsigned long long)c->words, (unsigned long long)c->sentences,
				  (unsigned long long)c->repaired, (unsigned long long)c->invalid)))
		return ret;
	for (size_t i = 0; i < nr; i++) {
		if ((ret = slant_buf_addf(b, "%s{\"start\":%u,\"end\":%u,\"zone\":\"%s\",\"kind\":",
					  i ? "," : "", r[i].start, r[i].end, zone_name(r[i].zone))) ||
		    (ret = slant_buf_add_json(b, r[i].kind, strlen(r[i].kind))) ||
		    (ret = slant_buf_adds(b, ",\"rule\":")) ||
		    (ret = slant_buf_add_json(b, r[i].rule, strlen(r[i].rule))) ||
		    (ret = slant_buf_adds(b, ",\"text\":")) ||
		    (ret = add_line_text(b, a->text, r[i].start, r[i].end, true)) ||
		    (ret = slant_buf_addc(b, '}')))
			return ret;
	}
	if ((ret = slant_buf_adds(b, "],\"paragraphs\":[")))
		return ret;
	for (size_t i = 0; i < np; i++) {
		if ((ret = slant_buf_addf(b, "%s{\"start\":%u,\"end\":%u,\"joined\":%u,\"sentences\":[",
					  i ? "," : "", p[i].start, p[i].end, p[i].joined)))
			return ret;
		for (size_t k = p[i].sent_begin; k < p[i].sent_end; k++) {
			slant_buf_reset(tmp);
			if ((ret = slant_doc_span_text(d, a->text, s[k].start, s[k].end, tmp)) ||
			    (ret = slant_buf_addf(b, "%s{\"start\":%u,\"end\":%u,\"tokens\":%u,\"text\":",
						  k > p[i].sent_begin ? "," : "", s[k].start, s[k].end,
						  s[k].tok_end - s[k].tok_begin)) ||
			    (ret = slant_buf_add_json(b, tmp->data, tmp->len)) ||
			    (ret = slant_buf_addc(b, '}')))
				return ret;
		}
		if ((ret = slant_buf_adds(b, "]}")))
			return ret;
	}
	return slant_buf_adds(b, "]}\n");
}

static int format_text(const struct slant_article *a, const struct slant_doc *d,
		       const struct counts *c, struct slant_buf *b, struct slant_buf *tmp)
{
	size_t np, ns, nr;
	const struct slant_paragraph *p = slant_doc_paragraphs(d, &np);
	const struct slant_sentence *s = slant_doc_sentences(d, &ns);
	const struct slant_strip *r = slant_doc_stripped(d, &nr);
	int ret;

	ret = slant_buf_addf(b, "article %s:%ld\n  id        %s\n  outlet    %s\n", a->source,
			     a->line, a->id, a->outlet);
	if (!ret && a->title)
		ret = slant_buf_addf(b, "  title     %s\n", a->title);
	if (!ret)
		ret = slant_buf_addf(b,
				     "  counts    %llu tokens, %llu words, %llu sentences, "
				     "%llu paragraphs\n  repaired  %llu paragraph break%s, "
				     "%llu invalid byte%s\n",
				     (unsigned long long)c->tokens, (unsigned long long)c->words,
				     (unsigned long long)c->sentences, (unsigned long long)c->paragraphs,
				     (unsigned long long)c->repaired, c->repaired == 1 ? "" : "s",
				     (unsigned long long)c->invalid, c->invalid == 1 ? "" : "s");
	for (size_t i = 0; !ret && i < nr; i++) {
		ret = slant_buf_addf(b, "  %-9s %s  %-12s ", i ? "" : "removed", zone_name(r[i].zone),
				     r[i].kind);
		if (!ret)
			ret = add_line_text(b, a->text, r[i].start, r[i].end, false);
		if (!ret)
			ret = slant_buf_addf(b, "  [%s]\n", r[i].rule);
	}
	for (size_t i = 0; !ret && i < np; i++) {
		if (p[i].joined)
			ret = slant_buf_addf(b, "paragraph %zu (%u break%s repaired)\n", i + 1,
					     p[i].joined, p[i].joined == 1 ? "" : "s");
		else
			ret = slant_buf_addf(b, "paragraph %zu\n", i + 1);
		for (size_t k = p[i].sent_begin; !ret && k < p[i].sent_end; k++) {
			slant_buf_reset(tmp);
			ret = slant_doc_span_text(d, a->text, s[k].start, s[k].end, tmp);
			if (!ret)
				ret = slant_buf_addf(b, "  [%zu] %s\n", k + 1, tmp->data);
		}
	}
	if (!ret)
		ret = slant_buf_addc(b, '\n');
	return ret;
}

static int work(struct slant_job *job, void *wstate, void *ctx, struct slant_err *err)
{
	struct inspect *x = ctx;
	struct job_out *j = slant_job_data(job);
	const struct slant_article *a = slant_job_article(job);
	const struct slant_doc *d = slant_job_doc(job);
	struct slant_buf tmp;
	int ret;

	(void)wstate;
	count(a, d, &j->c);
	slant_buf_reset(&j->out);
	if (x->summary)
		return 0;
	slant_buf_init(&tmp, 0);
	ret = x->format == FMT_JSONL ? format_jsonl(a, d, &j->c, &j->out, &tmp)
				     : format_text(a, d, &j->c, &j->out, &tmp);
	slant_buf_release(&tmp);
	if (ret)
		return slant_err_set(err, ret, a->source, a->line, "cannot format: %s",
				     slant_strerror(ret));
	return 0;
}

static int emit(struct slant_job *job, void *ctx)
{
	struct inspect *x = ctx;
	struct job_out *j = slant_job_data(job);
	struct counts *t = &x->total;

	t->articles++;
	t->bytes += j->c.bytes;
	t->tokens += j->c.tokens;
	t->words += j->c.words;
	t->sentences += j->c.sentences;
	t->paragraphs += j->c.paragraphs;
	t->repaired += j->c.repaired;
	t->removed += j->c.removed;
	t->invalid += j->c.invalid;
	return cli_write(&x->in, x->out.f, j->out.data, j->out.len);
}

static int print_summary(void *ctx, const struct slant_pipeline_stats *st)
{
	struct inspect *x = ctx;
	const struct counts *t = &x->total;
	const struct {
		const char *key, *label;
		unsigned long long v;
	} rows[] = {
		{ "articles", "articles", t->articles },
		{ "bytes", "text bytes", t->bytes },
		{ "input_bytes", "input bytes", st->bytes },
		{ "tokens", "tokens", t->tokens },
		{ "words", "words", t->words },
		{ "sentences", "sentences", t->sentences },
		{ "paragraphs", "paragraphs", t->paragraphs },
		{ "paragraphs_repaired", "paragraph breaks repaired", t->repaired },
		{ "boilerplate_removed", "boilerplate lines removed", t->removed },
		{ "invalid_bytes", "invalid bytes repaired", t->invalid },
		{ "filtered", "articles filtered out", st->filtered },
		{ "bad_records", "bad records skipped", st->bad },
	};

	if (x->format == FMT_JSONL) {
		for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
			fprintf(x->out.f, "%s\"%s\":%llu", i ? "," : "{", rows[i].key, rows[i].v);
		fputs("}\n", x->out.f);
		return 0;
	}
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		fprintf(x->out.f, "%-27s %llu\n", rows[i].label, rows[i].v);
	return 0; /* a failed write shows when the output is closed */
}

int cmd_inspect(int argc, char **argv)
{
	enum { OPT_FORMAT = OPT_FIRST_COMMAND, OPT_SUMMARY };
	static const struct option opts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ "output", required_argument, NULL, 'o' },
		CLI_INPUT_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	static const struct slant_pipeline_ops ops = {
		.job_new = job_new, .job_free = job_free, .work = work,
		.emit = emit, .bad = cli_bad_cb, .progress = cli_progress_cb,
	};
	struct inspect x;
	const char *output = NULL;
	int c, ret;

	memset(&x, 0, sizeof(x));
	if ((ret = cli_input_init(&x.in)))
		return ret;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT: {
			static const char *const names[] = { "text", "jsonl", NULL };
			if ((x.format = cli_format(optarg, names)) < 0) {
				ret = EXIT_USAGE;
				goto out;
			}
			break;
		}
		case OPT_SUMMARY:
			x.summary = true;
			break;
		default: {
			bool stop;
			ret = cli_common_option(&x.in, c, optarg, &output, &stop);
			if (stop)
				goto out;
		}
		}
	}
	struct cli_command_run r = { &x.in, &x.out, output, &ops, &x, NULL,
				     x.summary ? print_summary : NULL };
	ret = cli_run_command(&r, argc - optind, argv + optind);
out:
	cli_input_release(&x.in);
	return ret;
}
