/*
 * lexicons.c - the lexicons a command uses: the ones named with --lexicon, or the shipped set.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char *const cli_shipped_lexicons[] = {
	"lexicons/immigration.tsv",
	"lexicons/loaded.tsv",
	"lexicons/frames.tsv",
	"lexicons/attribution-verbs.tsv",
	NULL,
};

int cli_lexicons_load(struct cli_lexicons *l)
{
	struct slant_err err;
	size_t loaded = 0;

	slant_err_clear(&err);
	l->lx = slant_lexicon_new();
	if (!l->lx) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	for (size_t i = 0; i < l->npaths; i++) {
		if (slant_lexicon_load(l->lx, l->paths[i], SLANT_LEXICON_AUTO, &err)) {
			cli_error_err(&err);
			return cli_exit_code(err.code);
		}
	}
	if (l->npaths)
		return 0;
	for (size_t i = 0; cli_shipped_lexicons[i]; i++) {
		const char *path = cli_data_path(cli_shipped_lexicons[i]);
		if (!path)
			continue;
		if (slant_lexicon_load(l->lx, path, SLANT_LEXICON_AUTO, &err)) {
			cli_error_err(&err);
			return cli_exit_code(err.code);
		}
		loaded++;
	}
	if (!loaded) {
		cli_error("no lexicon found: give --lexicon FILE or set SLANT_DATA_DIR");
		return EXIT_IO;
	}
	return 0;
}

int cli_lexicons_add(struct cli_lexicons *l, const char *path)
{
	const char **p = realloc(l->paths, (l->npaths + 1) * sizeof(*p));

	if (!p) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	l->paths = p;
	l->paths[l->npaths++] = path;
	return 0;
}

void cli_lexicons_release(struct cli_lexicons *l)
{
	slant_lexicon_free(l->lx);
	free(l->paths);
	memset(l, 0, sizeof(*l));
}
