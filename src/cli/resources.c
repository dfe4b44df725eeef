/*
 * resources.c - the data files a model is built from: lexicons (--lexicon, or the shipped
 * set) and the people table (--speakers, --roles, --verbs, or the shipped files), each
 * recorded by the name a model keeps for it.
 */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Records file `path` under `name` (copied). */
static int add(struct cli_resources *r, int kind, const char *name, const char *path)
{
	struct slant_resource *v = realloc(r->res, (r->nres + 1) * sizeof(*v));
	char **s = realloc(r->strs, (r->nstrs + 2) * sizeof(*s));

	if (v)
		r->res = v;
	if (s)
		r->strs = s;
	if (!v || !s)
		return EXIT_IO;
	char *n = strdup(name), *p = strdup(path);
	if (!n || !p) {
		free(n);
		free(p);
		return EXIT_IO;
	}
	r->strs[r->nstrs++] = n;
	r->strs[r->nstrs++] = p;
	r->res[r->nres++] = (struct slant_resource){ kind, n, p };
	return 0;
}

/* The shipped data files a given path may name: such a file keeps its shipped name. */
static const char *const shipped_files[] = {
	"lexicons/immigration.tsv", "lexicons/loaded.tsv",  "lexicons/frames.tsv",
	"lexicons/attribution-verbs.tsv", "lexicons/speakers.tsv", "lexicons/roles.tsv",
};

/*
 * A file given by the user is recorded by its absolute path, shipped ones by their name: a
 * model trained with `--lexicon lexicons/loaded.tsv` in the source tree finds that lexicon
 * wherever slant is installed.
 */
static int add_given(struct cli_resources *r, int kind, const char *path)
{
	char abs[PATH_MAX], ship[PATH_MAX];

	if (!realpath(path, abs)) {
		cli_error("%s: cannot be read", path);
		return EXIT_IO;
	}
	for (size_t i = 0; i < sizeof(shipped_files) / sizeof(shipped_files[0]); i++) {
		const char *p = cli_data_path(shipped_files[i]);
		if (p && realpath(p, ship) && !strcmp(ship, abs))
			return add(r, kind, shipped_files[i], abs);
	}
	return add(r, kind, abs, abs);
}

static int add_shipped(struct cli_resources *r, int kind, const char *name, const char *opt)
{
	const char *p = cli_data_path(name);

	if (!p) {
		cli_error("cannot find %s: set SLANT_DATA_DIR, or give --%s FILE", name, opt);
		return EXIT_IO;
	}
	return add(r, kind, name, p);
}

static int add_people(struct cli_resources *r, int kind, const char *given, const char *name,
		      const char *opt)
{
	if (given && !strcmp(given, "none"))
		return 0;
	return given ? add_given(r, kind, given) : add_shipped(r, kind, name, opt);
}

int cli_resources_load(struct cli_resources *r)
{
	struct slant_err err;
	int ret;

	if (r->nlexicons) {
		for (size_t i = 0; i < r->nlexicons; i++)
			if ((ret = add_given(r, SLANT_RES_LEXICON, r->lexicons[i])))
				return ret;
	} else {
		for (size_t i = 0; cli_shipped_lexicons[i]; i++)
			if (cli_data_path(cli_shipped_lexicons[i]) &&
			    (ret = add_shipped(r, SLANT_RES_LEXICON, cli_shipped_lexicons[i], "lexicon")))
				return ret;
	}
	if ((ret = add_people(r, SLANT_RES_SPEAKERS, r->speakers, "lexicons/speakers.tsv",
			      "speakers")) ||
	    (ret = add_people(r, SLANT_RES_ROLES, r->roles, "lexicons/roles.tsv", "roles")) ||
	    (ret = add_people(r, SLANT_RES_VERBS, r->verbs, "lexicons/attribution-verbs.tsv",
			      "verbs")))
		return ret;
	if (!(r->lx = slant_lexicon_new()) || !(r->pp = slant_people_new())) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	slant_err_clear(&err);
	for (size_t i = 0; i < r->nres; i++) {
		const struct slant_resource *s = &r->res[i];
		int k = s->kind;
		if (k == SLANT_RES_LEXICON)
			ret = slant_lexicon_load(r->lx, s->path, SLANT_LEXICON_AUTO, &err);
		else
			ret = slant_people_load(r->pp, k == SLANT_RES_SPEAKERS ? SLANT_PEOPLE_SPEAKERS :
						k == SLANT_RES_ROLES ? SLANT_PEOPLE_ROLES :
								       SLANT_PEOPLE_VERBS,
						s->path, &err);
		if (ret) {
			cli_error_err(&err);
			return cli_exit_code(err.code);
		}
	}
	return 0;
}

void cli_resources_release(struct cli_resources *r)
{
	for (size_t i = 0; i < r->nstrs; i++)
		free(r->strs[i]);
	free(r->strs);
	free(r->res);
	free(r->lexicons);
	slant_lexicon_free(r->lx);
	slant_people_free(r->pp);
	memset(r, 0, sizeof(*r));
}

bool cli_resources_option(struct cli_resources *r, int opt, const char *arg, int *ret)
{
	*ret = 0;
	switch (opt) {
	case OPT_RES_LEXICON:
		*ret = cli_resources_lexicon(r, arg);
		return true;
	case OPT_RES_SPEAKERS:
		r->speakers = arg;
		return true;
	case OPT_RES_ROLES:
		r->roles = arg;
		return true;
	case OPT_RES_VERBS:
		r->verbs = arg;
		return true;
	}
	return false;
}

int cli_resources_lexicon(struct cli_resources *r, const char *path)
{
	const char **p = realloc(r->lexicons, (r->nlexicons + 1) * sizeof(*p));

	if (!p) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	r->lexicons = p;
	r->lexicons[r->nlexicons++] = path;
	return 0;
}

const char *cli_resolve(const char *name, void *ctx)
{
	(void)ctx;
	if (name[0] == '/')
		return access(name, R_OK) ? NULL : name;
	return cli_data_path(name);
}
