/*
 * main.c - the slant command: a git-style table of subcommands.
 */
#include "cli.h"

#include <string.h>

static int cmd_help(int argc, char **argv);

static const char help_usage[] =
	"usage: slant help [COMMAND]\n"
	"\n"
	"Lists the commands, or prints the help of one.\n";

static const struct cmd commands[] = {
	{ "inspect", cmd_inspect, "show articles as slant sees them: paragraphs, sentences, boilerplate",
	  cmd_inspect_usage },
	{ "terms", cmd_terms, "loaded-term frequencies per article or outlet, from the lexicons",
	  cmd_terms_usage },
	{ "contrast", cmd_contrast, "the words and phrases that set each outlet apart",
	  cmd_contrast_usage },
	{ "quotes", cmd_quotes, "quotations: kind, speaker, speaker group, attribution verb",
	  cmd_quotes_usage },
	{ "train", cmd_train, "train a framing model on labelled articles", cmd_train_usage },
	{ "score", cmd_score, "each article's framing: label, probabilities and score",
	  cmd_score_usage },
	{ "eval", cmd_eval, "a model's accuracy and macro-F1 on labelled articles", cmd_eval_usage },
	{ "compare", cmd_compare, "outlets side by side: framing, labels, loaded terms, quotations",
	  cmd_compare_usage },
	{ "help", cmd_help, "show the commands, or the help of one", help_usage },
};

static const struct cmd *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void list_commands(FILE *f)
{
	fputs("usage: slant [--version] [--help] COMMAND [OPTIONS] [INPUT...]\n"
	      "\n"
	      "slant analyses how news outlets cover a story: loaded words, quotes and framing.\n"
	      "\n"
	      "Commands:\n",
	      f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'slant help COMMAND' or 'slant COMMAND --help' shows a command's options.\n"
	      "Exit status: 0 success, 1 bad records were skipped, 2 usage error, 3 input/output\n"
	      "or system error.\n",
	      f);
}

static int cmd_help(int argc, char **argv)
{
	const struct cmd *c;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		if (argc >= 2)
			return cli_help();
		list_commands(stdout);
		return EXIT_OK;
	}
	c = find_command(argv[1]);
	if (!c)
		return cli_usage_error("'%s' is not a slant command", argv[1]);
	fputs(c->usage, stdout);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	const struct cmd *c;
	int ret;

	if (argc < 2) {
		list_commands(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("slant %s\n", SLANT_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		list_commands(stdout);
		return EXIT_OK;
	}
	c = find_command(argv[1]);
	if (!c)
		return cli_usage_error("'%s' is not a slant command", argv[1]);
	cli_current = c;
	ret = c->fn(argc - 1, argv + 1);
	if (fflush(stdout) && ret == EXIT_OK) {
		cli_error("cannot write standard output");
		ret = EXIT_IO;
	}
	return ret;
}
