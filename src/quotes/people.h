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
	uint32_t rkey;             /* slant_people_role_key(role), 0 without one */
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
	uint32_t rkey;             /* slant_people_role_key(role) */
	bool org, plural;
};

struct slant_surname {
	const char *key; /* the speaker's surname field */
	uint32_t speaker;
};

/* A slot of the surnames' hash index. */
struct slant_surname_slot {
	uint64_t hash; /* slant_text_hash() of the key */
	uint32_t at;   /* 1 + its index in surnames; 0: empty */
};

/* What a lexicon entry of the table stands for. */
enum { PEOPLE_NAME = 1, PEOPLE_ROLE, PEOPLE_VERB };

struct slant_people {
	struct slant_person *speakers;
	size_t nspeakers, capspeakers;
	struct slant_alias *aliases;
	size_t naliases, capaliases;
	struct slant_role *roles;
	size_t nroles, caproles;
	uint32_t *verbs; /* verb i is this lexicon entry */
	size_t nverbs, capverbs;
	/* names, aliases, role words and verbs in one lexicon, so that an article is matched once */
	struct slant_lexicon *lx;
	uint8_t *ekind; /* by lexicon entry: PEOPLE_* */
	uint32_t *eref; /* by lexicon entry: the alias, role or verb index */
	size_t nentries, capentries;
	struct slant_surname *surnames; /* sorted; surnames of one person only */
	size_t nsurnames;
	struct slant_surname_slot *surname_slots; /* surnames by hash; a power of two of them */
	size_t capsurname_slots;
};

/* A hash of a role name: equal roles have equal keys, so most unequal ones need no strcmp. */
uint32_t slant_people_role_key(const char *role);

/* Whether s[0..n) is a name suffix that is no surname: Jr., Sr., II, III, IV (any case). */
bool slant_people_suffix(const char *s, size_t n);

/* The person whose surname is `key` (lower case) when exactly one has it, else UINT32_MAX. */
uint32_t slant_people_by_surname(const struct slant_people *pp, const char *key);
/* The same, given slant_text_hash() of the key (the extractor often has it already). */
uint32_t slant_people_by_surname_h(const struct slant_people *pp, const char *key, uint64_t h);

#endif
