/*
 * cli.h - what the command-line tool's files share.
 *
 * The tool parses options, opens files, calls libslant and prints. Exit codes: 0 ok, 1 bad
 * data, 2 usage, 3 input/output or system.
 */
#ifndef SLANT_CLI_H
#define SLANT_CLI_H

#include "slant.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const char *usage; /* full help text */
};

extern const struct cmd *cli_current; /* the command running, for messages */

/* Prints "slant: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a library error as "slant: file:line: message". */
void cli_error_err(const struct slant_err *err);
/* A usage error: the message, then a pointer to help; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Maps a SLANT_E* code to an exit code. */
int cli_exit_code(int code);
/* Prints the current command's help to stdout and returns EXIT_OK. */
int cli_help(void);

/*
 * The path of a shipped data file (e.g. "lexicons/boilerplate.tsv"): from $SLANT_DATA_DIR,
 * beside the installed binary (../share/slant), or in the source tree the binary was built
 * from. Returns a static buffer, or NULL when no such file exists.
 */
const char *cli_data_path(const char *rel);

/* Appends the whole of file `path` (- for standard input) to b; 0 or an exit code, said. */
int cli_read_file(const char *path, struct slant_buf *b);

/* Loads the model in `dir` (NULL: the shipped models/lean) into *out; 0 or an exit code,
 * said. The caller frees it. */
int cli_model_open(const char *dir, struct slant_model **out);

/* Appends s[0..n) as one TSV field: tabs and line breaks, which cannot stand in one, become spaces. */
int cli_add_tsv(struct slant_buf *b, const char *s, size_t n);

/* Output to stdout or, with -o, to a file written under a temporary name and renamed. */
struct cli_out {
	FILE *f;
	char *path;
	char *tmp;
	bool device; /* -o named a device or pipe: written in place */
};
int cli_out_open(struct cli_out *o, const char *path);
/* Flushes and, for a file, renames it into place. Returns an exit code. */
int cli_out_close(struct cli_out *o, bool keep);

/* Progress on stderr when it is a terminal: articles, MB, MB/s. */
struct cli_progress {
	bool on;
	double start, last;
};
void cli_progress_init(struct cli_progress *p, bool quiet);
void cli_progress_update(struct cli_progress *p, uint64_t records, uint64_t bytes);
void cli_progress_done(struct cli_progress *p);
double cli_now(void);

/* ----------------------------------------------------------- input options */

/* The options every analysing command takes; see INPUT_HELP. */
struct cli_input {
	struct slant_reader *reader;
	struct slant_boiler *boiler;
	const char *boiler_path; /* NULL: the shipped one */
	bool no_boiler;
	unsigned doc_flags;
	unsigned threads;
	bool strict;
	bool quiet;
	bool write_failed; /* set by cli_write() */
	uint64_t bad;
	struct cli_progress progress;
};

enum {
	OPT_FIELD = 0x1000,
	OPT_WHERE,
	OPT_OUTLET,
	OPT_INPUT_FORMAT,
	OPT_STRICT,
	OPT_THREADS,
	OPT_MAX_RECORD,
	OPT_BOILERPLATE,
	OPT_NO_STRIP,
	OPT_NO_REPAIR,
	OPT_QUIET,
	OPT_HELP,
	OPT_FIRST_COMMAND = 0x1100, /* commands number their own options from here */
};

#define CLI_INPUT_OPTIONS                                                   \
	{ "field", required_argument, NULL, OPT_FIELD },                    \
	{ "where", required_argument, NULL, OPT_WHERE },                    \
	{ "outlet", required_argument, NULL, OPT_OUTLET },                  \
	{ "input-format", required_argument, NULL, OPT_INPUT_FORMAT },      \
	{ "strict", no_argument, NULL, OPT_STRICT },                        \
	{ "threads", required_argument, NULL, OPT_THREADS },                \
	{ "max-record", required_argument, NULL, OPT_MAX_RECORD },          \
	{ "boilerplate", required_argument, NULL, OPT_BOILERPLATE },        \
	{ "no-strip", no_argument, NULL, OPT_NO_STRIP },                    \
	{ "no-repair", no_argument, NULL, OPT_NO_REPAIR },                  \
	{ "quiet", no_argument, NULL, OPT_QUIET },                          \
	{ "help", no_argument, NULL, OPT_HELP }

#define CLI_INPUT_HELP                                                                       \
	"Input options:\n"                                                                   \
	"  INPUT                  a .jsonl/.csv/.tsv/.txt file (any may be .gz), a directory\n" \
	"                         of .txt files with an optional manifest.tsv or manifest.csv,\n" \
	"                         or - for JSON Lines on standard input\n"                   \
	"  --field NAME=SOURCE    read the input's field SOURCE as NAME (id, outlet, title,\n" \
	"                         date, url, text, or any other name such as label)\n"      \
	"  --where FIELD=VALUE    keep articles whose FIELD is VALUE; FIELD=A,B for any of\n" \
	"                         several; repeat for conditions that must all hold\n"      \
	"  --outlet NAME          outlet of articles whose input names none\n"             \
	"  --input-format F       read inputs as jsonl, csv, tsv or txt instead of guessing\n" \
	"  --strict               stop at the first bad record instead of skipping it\n"     \
	"  --threads N            worker threads (default: the number of cores)\n"          \
	"  --max-record SIZE      largest record accepted, e.g. 64M (default)\n"            \
	"  --boilerplate FILE     boilerplate patterns (default: the shipped\n"              \
	"                         lexicons/boilerplate.tsv); --boilerplate none for none\n"  \
	"  --no-strip             keep boilerplate lines\n"                                \
	"  --no-repair            keep paragraphs broken by blank lines as they are\n"      \
	"  --quiet                no progress on standard error\n"

int cli_input_init(struct cli_input *in);
void cli_input_release(struct cli_input *in);
/* Handles one input option; returns 0, or an exit code for a bad one. */
int cli_input_option(struct cli_input *in, int opt, const char *arg);
/* Loads what the options name and queues the inputs. Returns 0 or an exit code. */
int cli_input_open(struct cli_input *in, int argc, char **argv);
/*
 * What every analysing command's option loop shares: `-o FILE` (into *output), the input
 * options, --help and unknown options. Returns 0 to go on, or sets *stop and returns the exit
 * code (EXIT_OK after printing the help).
 */
int cli_common_option(struct cli_input *in, int opt, const char *arg, const char **output,
		      bool *stop);
/* The index of `arg` in `names` (NULL-terminated) for --format, or a usage error (negative). */
int cli_format(const char *arg, const char *const *names);

/* Fills a pipeline configuration from the options. */
void cli_input_conf(const struct cli_input *in, struct slant_pipeline_conf *conf, bool analyze);
/* Reports a bad record; with --strict, asks the run to stop. */
int cli_input_bad(struct cli_input *in, const struct slant_err *err);
/*
 * The pipeline's `bad` and `progress` callbacks for every command: each command's context
 * starts with its struct cli_input, so `ctx` points at one.
 */
int cli_bad_cb(const struct slant_err *err, void *ctx);
void cli_progress_cb(void *ctx, uint64_t records, uint64_t bytes);
/* The exit code after a run: pipeline result, bad records, output. */
int cli_input_finish(struct cli_input *in, int run_ret, const struct slant_err *err);

/* Writes len bytes to f; on failure notes it in `in` and returns SLANT_EIO (stops a run). */
int cli_write(struct cli_input *in, FILE *f, const char *data, size_t len);
/*
 * The part of every analysing command after its options: queues the inputs, opens the output,
 * runs the pipeline (analysing each article) with `ops` and `ctx`, lets `tail` (may be NULL)
 * write what follows the records, and closes the output, kept only when the run went through.
 * `ready` (may be NULL) runs once the inputs and output are open. Returns the exit code.
 */
struct cli_command_run {
	struct cli_input *in;
	struct cli_out *out;
	const char *output; /* -o, or NULL */
	const struct slant_pipeline_ops *ops;
	void *ctx;
	int (*ready)(void *ctx);                                           /* exit code */
	int (*tail)(void *ctx, const struct slant_pipeline_stats *st); /* SLANT_E* */
};
int cli_run_command(const struct cli_command_run *r, int argc, char **argv);

/* ---------------------------------------------------------------- lexicons */

/* The lexicons named with --lexicon, or the shipped set when none is. */
struct cli_lexicons {
	const char **paths; /* borrowed from argv */
	size_t npaths;
	struct slant_lexicon *lx;
};
/* The shipped lexicons of loaded terms, in order, NULL-terminated; a missing one is skipped. */
extern const char *const cli_shipped_lexicons[];
int cli_lexicons_add(struct cli_lexicons *l, const char *path);
/* Loads them into l->lx. Returns 0 or an exit code, the message printed. */
int cli_lexicons_load(struct cli_lexicons *l);
void cli_lexicons_release(struct cli_lexicons *l);

/* --------------------------------------------------------------- resources */

/* The data files a model is trained with: lexicons and the people table. */
struct cli_resources {
	const char **lexicons; /* --lexicon paths, borrowed from argv; none: the shipped set */
	size_t nlexicons;
	const char *speakers, *roles, *verbs; /* NULL: shipped; "none": none */
	struct slant_resource *res;
	size_t nres;
	char **strs; /* names and paths the resources point to */
	size_t nstrs;
	struct slant_lexicon *lx; /* loaded by cli_resources_load() */
	struct slant_people *pp;
};
int cli_resources_lexicon(struct cli_resources *r, const char *path);
/* The options naming them, for the commands that take them (train, compare). */
enum { OPT_RES_LEXICON = 0x1080, OPT_RES_SPEAKERS, OPT_RES_ROLES, OPT_RES_VERBS };
#define CLI_RESOURCE_OPTIONS                                                \
	{ "lexicon", required_argument, NULL, OPT_RES_LEXICON },            \
	{ "speakers", required_argument, NULL, OPT_RES_SPEAKERS },          \
	{ "roles", required_argument, NULL, OPT_RES_ROLES },                \
	{ "verbs", required_argument, NULL, OPT_RES_VERBS }
/* Takes option `opt` when it is one of those: true, with *ret 0 or an exit code. */
bool cli_resources_option(struct cli_resources *r, int opt, const char *arg, int *ret);
/* Finds and loads them; returns 0 or an exit code, the message printed. */
int cli_resources_load(struct cli_resources *r);
void cli_resources_release(struct cli_resources *r);
/* slant_model_load()'s resolver: shipped names through cli_data_path(), paths as they are. */
const char *cli_resolve(const char *name, void *ctx);

/* Commands */
int cmd_compare(int argc, char **argv);
extern const char cmd_compare_usage[];
int cmd_inspect(int argc, char **argv);
extern const char cmd_inspect_usage[];
int cmd_terms(int argc, char **argv);
extern const char cmd_terms_usage[];
int cmd_contrast(int argc, char **argv);
extern const char cmd_contrast_usage[];
int cmd_quotes(int argc, char **argv);
extern const char cmd_quotes_usage[];
int cmd_train(int argc, char **argv);
extern const char cmd_train_usage[];
int cmd_score(int argc, char **argv);
extern const char cmd_score_usage[];
int cmd_eval(int argc, char **argv);
extern const char cmd_eval_usage[];

#endif
