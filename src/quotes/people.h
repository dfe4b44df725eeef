/*
 * people.h - the people table's insides, shared by people.c and quotes.c; not installed.
 */
#ifndef SLANT_PEOPLE_H
#define SLANT_PEOPLE_H

#include "slant.h"

#include <stdbool.h>
#include <stdint.h>

/* One line of speakers.tsv. Strings are owned by the table; group is never NULL. */
struct slant_person {
	char *name, *group, *role; /* role NULL when the file gives none */
	char *surname;             /* last word, lower case, for persons with two words or more */
	bool org;                  /* its role names an organisation */
};

/* A name or alias as a lexicon term stands for `speaker`. */
struct slant_alias {
	uint32_t speaker;
	uint8_t caps; /* 0 any case; 1 first word capitalised in text; 2 all capitals (ICE) */
};

/* One line of roles.tsv. */
struct slant_role {
	char *word, *role, *group; /* group NULL: the role says nothing about it */
	bool org, plural;
};

struct slant_surname {
	const char *key; /* the speaker's surname field */
	uint32_t speaker;
};

struct slant_people {
	struct slant_person *speakers;
	size_t nspeakers, capspeakers;
	struct slant_alias *aliases; /* alias i is entry i of `names` */
	size_t naliases, capaliases;
	struct slant_lexicon *names;
	struct slant_role *roles; /* role i is entry i of `rolelx` */
	size_t nroles, caproles;
	struct slant_lexicon *rolelx;
	struct slant_surname *surnames; /* sorted; surnames of one person only */
	size_t nsurnames;
};

/* The person whose surname is `key` (lower case) when exactly one has it, else UINT32_MAX. */
uint32_t slant_people_by_surname(const struct slant_people *pp, const char *key);

#endif
