/*
 * people.c - the people table: who is who (speakers.tsv), what titles and role nouns say
 * (roles.tsv), and the attribution verbs.
 *
 * Names, aliases, role words and verbs go into one lexicon, so an article is matched once and
 * gets the lexicon's normalisation and multi-word matching; ekind/eref say what each lexicon
 * entry stands for. Names written with a capital are added in caps-only mode: lower-case
 * tokens never start them.
 */
#include "internal.h"
#include "people.h"
#include "../text/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_PEOPLE_FILE ((size_t)64 << 20)

struct slant_people *slant_people_new(void)
{
	struct slant_people *pp = calloc(1, sizeof(*pp));

	if (!pp)
		return NULL;
	pp->lx = slant_lexicon_new();
	if (!pp->lx) {
		slant_people_free(pp);
		return NULL;
	}
	return pp;
}

void slant_people_free(struct slant_people *pp)
{
	if (!pp)
		return;
	for (size_t i = 0; i < pp->nspeakers; i++) {
		free(pp->speakers[i].name);
		free(pp->speakers[i].group);
		free(pp->speakers[i].role);
		free(pp->speakers[i].surname);
	}
	for (size_t i = 0; i < pp->nroles; i++) {
		free(pp->roles[i].word);
		free(pp->roles[i].role);
		free(pp->roles[i].group);
	}
	free(pp->speakers);
	free(pp->aliases);
	free(pp->roles);
	free(pp->surnames);
	free(pp->surname_slots);
	free(pp->verbs);
	free(pp->ekind);
	free(pp->eref);
	slant_lexicon_free(pp->lx);
	free(pp);
}

size_t slant_people_speakers(const struct slant_people *pp)
{
	return pp ? pp->nspeakers : 0;
}

size_t slant_people_roles(const struct slant_people *pp)
{
	return pp ? pp->nroles : 0;
}

size_t slant_people_verbs(const struct slant_people *pp)
{
	return pp ? pp->nverbs : 0;
}

const char *slant_people_verb(const struct slant_people *pp, uint32_t i, const char **cls)
{
	const struct slant_lexentry *e = slant_lexicon_entry(pp->lx, pp->verbs[i]);

	if (cls)
		*cls = slant_lexicon_category(pp->lx, e->category);
	return e->term;
}

/* Records what the lexicon entries added since `before` stand for: `first` on, one each. */
static int classify_entries(struct slant_people *pp, size_t before, uint8_t kind, size_t first,
			    const uint32_t *refs, struct slant_err *err)
{
	size_t n = slant_lexicon_size(pp->lx), capref = pp->capentries;

	if (n == before)
		return 0; /* a file with a header only */
	if (SLANT_GROW(pp->eref, capref, n) || SLANT_GROW(pp->ekind, pp->capentries, n))
		return slant_fail_oom(err);
	for (size_t e = before; e < n; e++) {
		pp->ekind[e] = kind;
		pp->eref[e] = refs ? refs[e - before] : (uint32_t)(first + (e - before));
	}
	pp->nentries = n;
	return 0;
}

/* An empty field is NULL; otherwise a heap copy. Returns false on out of memory. */
static bool dup_field(const char *s, size_t n, char **out)
{
	*out = NULL;
	if (!n)
		return true;
	*out = slant_memdup0(s, n);
	return *out != NULL;
}

/* Whether s[0..n) has a letter (any non-ASCII byte counts as one). */
static bool has_letter(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
			return true;
	}
	return false;
}

static bool has_upper(const char *s, size_t n, bool *all)
{
	bool any = false;

	*all = true;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			any = true;
		else if (c >= 'a' && c <= 'z')
			*all = false;
	}
	return any;
}

bool slant_people_suffix(const char *s, size_t n)
{
	static const char *const suffixes[] = { "jr", "jr.", "sr", "sr.", "ii", "iii", "iv" };

	for (size_t i = 0; i < SLANT_ARRAY_SIZE(suffixes); i++)
		if (n == strlen(suffixes[i]) && !strncasecmp(s, suffixes[i], n))
			return true;
	return false;
}

/* The surname key of a person's name: its last word, ASCII lower case, without "Jr." and
 * the like. NULL when the name has one word or no memory. */
static char *surname_of(const char *name)
{
	const char *w[8];
	size_t wl[8], nw = 0;
	const char *s = name;

	while (*s && nw < SLANT_ARRAY_SIZE(w)) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		w[nw] = s;
		while (*s && *s != ' ')
			s++;
		wl[nw] = (size_t)(s - w[nw]);
		if (wl[nw] && w[nw][wl[nw] - 1] == ',')
			wl[nw]--;
		nw++;
	}
	while (nw > 2 && slant_people_suffix(w[nw - 1], wl[nw - 1]))
		nw--;
	if (nw < 2)
		return NULL;
	char *k = slant_memdup0(w[nw - 1], wl[nw - 1]);
	if (k)
		for (char *p = k; *p; p++)
			*p = (char)slant_lower((unsigned char)*p);
	return k;
}

static int cmp_surname(const void *a, const void *b)
{
	const struct slant_surname *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->speaker > y->speaker) - (x->speaker < y->speaker);
}

/* Rebuilds the surname index: persons only; a surname two people share maps to neither. */
static int index_surnames(struct slant_people *pp, struct slant_err *err)
{
	size_t n = 0, out = 0, cap = 16;
	struct slant_surname *v = NULL;
	struct slant_surname_slot *slots;

	for (size_t i = 0; i < pp->nspeakers; i++)
		n += pp->speakers[i].surname != NULL;
	if (n && !(v = malloc(n * sizeof(*v))))
		return slant_fail_oom(err);
	n = 0;
	for (size_t i = 0; i < pp->nspeakers; i++)
		if (pp->speakers[i].surname)
			v[n++] = (struct slant_surname){ pp->speakers[i].surname, (uint32_t)i };
	if (n)
		qsort(v, n, sizeof(*v), cmp_surname);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && !strcmp(v[j].key, v[i].key))
			j++;
		if (j == i + 1)
			v[out++] = v[i];
		i = j;
	}
	/* looked up for every lone capitalised word in a quotation's attribution: by hash */
	while (cap < out * 2)
		cap *= 2;
	if (!(slots = calloc(cap, sizeof(*slots)))) {
		free(v);
		return slant_fail_oom(err);
	}
	for (size_t i = 0; i < out; i++) {
		uint64_t h = slant_text_hash(v[i].key, strlen(v[i].key));
		size_t k = h & (cap - 1);
		while (slots[k].at)
			k = (k + 1) & (cap - 1);
		slots[k] = (struct slant_surname_slot){ h, (uint32_t)i + 1 };
	}
	free(pp->surnames);
	free(pp->surname_slots);
	pp->surnames = v;
	pp->nsurnames = out;
	pp->surname_slots = slots;
	pp->capsurname_slots = cap;
	return 0;
}

uint32_t slant_people_role_key(const char *role)
{
	uint32_t h = 2166136261u;

	for (; *role; role++)
		h = (h ^ (unsigned char)*role) * 16777619u;
	return h | 1; /* never 0, which stands for no role */
}

static bool is_org_role(const char *role)
{
	static const char *const org[] = {
		"agency", "company", "court", "department", "government", "organization",
		"outlet", "party", "union", "office", "campaign", "newspaper", "network",
		"university", "group", "committee", "institute", "think tank",
	};
	if (!role)
		return false;
	for (size_t i = 0; i < SLANT_ARRAY_SIZE(org); i++)
		if (!strcmp(role, org[i]))
			return true;
	return false;
}

/*
 * Names or words to add to the table's lexicon, as generated lexicon lines. Every term of a
 * table has the same category, so the lexicon refuses a name given twice; `refs[k]` is the
 * alias or role that line k stands for, `lines[k]` its line in the file.
 */
struct batch {
	struct slant_buf gen;
	long *lines;
	uint32_t *refs;
	size_t n, cap;
	bool caps; /* names that start at a capitalised token */
};

static int batch_init(struct batch *b, bool caps)
{
	memset(b, 0, sizeof(*b));
	b->caps = caps;
	slant_buf_init(&b->gen, MAX_PEOPLE_FILE);
	return slant_buf_adds(&b->gen, "term\tcategory\tlean\tweight\tnote\n");
}

static void batch_release(struct batch *b)
{
	slant_buf_release(&b->gen);
	free(b->lines);
	free(b->refs);
}

static int batch_add(struct batch *b, const char *term, size_t n, long line, uint32_t ref)
{
	size_t cap = b->cap;

	if (SLANT_GROW(b->lines, cap, b->n + 1) || SLANT_GROW(b->refs, b->cap, b->n + 1) ||
	    slant_buf_add(&b->gen, term, n) || slant_buf_adds(&b->gen, "\tx\t\t\t\n"))
		return SLANT_ENOMEM;
	b->lines[b->n] = line;
	b->refs[b->n++] = ref;
	return 0;
}

/*
 * Adds a batch to the table's lexicon. The lexicon reports its own line numbers: generated
 * line k + 2 (after the header) is file line b->lines[k].
 */
static int parse_batch(struct slant_people *pp, const struct batch *b, const char *name,
		       uint8_t kind, struct slant_err *err)
{
	struct slant_lexicon *lx = pp->lx;
	size_t before = slant_lexicon_size(lx);
	struct slant_err e;
	int ret;

	slant_err_clear(&e);
	slant_lexicon_caps_only(lx, b->caps);
	ret = slant_lexicon_parse(lx, b->gen.data, b->gen.len, name, SLANT_LEXICON_TSV, &e);
	slant_lexicon_caps_only(lx, false);
	if (!ret && slant_lexicon_size(lx) - before != b->n) /* a term the lexicon skipped */
		return slant_fail(err, SLANT_EDATA, name, 0, -1,
				  "%zu names or words were not usable terms",
				  b->n - (slant_lexicon_size(lx) - before));
	if (!ret)
		return classify_entries(pp, before, kind, 0, b->refs, err);
	long line = e.line >= 2 && (size_t)(e.line - 2) < b->n ? b->lines[e.line - 2] : 0;
	const char *dup = strstr(e.msg, "(first at line ");
	long at = 0;
	if (dup && sscanf(dup, "(first at line %ld)", &at) == 1 && at >= 2 && (size_t)(at - 2) < b->n)
		return slant_fail(err, ret, name, line, -1, "%.*s(first at line %ld)",
				  (int)(dup - e.msg), e.msg, b->lines[at - 2]);
	return slant_fail(err, ret, name, line, -1, "%s", e.msg);
}

/* Trims ASCII spaces around a field. */
static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' '))
		(*s)++, (*n)--;
	while (*n && (*s)[*n - 1] == ' ')
		(*n)--;
}

/* The rows of a people file: a header, then tab-separated rows of five fields. */
struct rows {
	const char *p, *end, *name;
	const char *const *header; /* its five names */
	bool have_header;
	long line;
};

static void rows_init(struct rows *r, const char *data, size_t len, const char *name,
		      const char *const *header)
{
	r->p = data + (slant_has_bom(data, len) ? 3 : 0);
	r->end = data + len;
	r->name = name;
	r->header = header;
	r->have_header = false;
	r->line = 0;
}

/*
 * The next row's five fields, the first four trimmed of spaces (blank and `#` lines skipped):
 * 1, or 0 at the end, or SLANT_EDATA for a missing header or a wrong field count.
 */
static int rows_next(struct rows *r, const char **f, size_t *fl, struct slant_err *err)
{
	while (r->p < r->end) {
		const char *e = memchr(r->p, '\n', (size_t)(r->end - r->p)), *ls = r->p;
		size_t nf;

		if (!e)
			e = r->end;
		r->line++;
		r->p = e < r->end ? e + 1 : r->end;
		if (e > ls && e[-1] == '\r')
			e--;
		if (e == ls || *ls == '#')
			continue;
		nf = slant_split_tabs(ls, e, f, fl, 6);
		if (!r->have_header) {
			bool ok = nf == 5;
			for (size_t i = 0; ok && i < 5; i++)
				ok = fl[i] == strlen(r->header[i]) && !memcmp(f[i], r->header[i], fl[i]);
			if (!ok)
				return slant_fail(err, SLANT_EDATA, r->name, r->line, -1,
						  "expected the header '%s<TAB>%s<TAB>%s<TAB>%s<TAB>%s'",
						  r->header[0], r->header[1], r->header[2], r->header[3],
						  r->header[4]);
			r->have_header = true;
			continue;
		}
		if (nf != 5)
			return slant_fail(err, SLANT_EDATA, r->name, r->line, -1,
					  "expected 5 tab-separated fields, found %zu", nf);
		for (size_t i = 0; i < 4; i++)
			trim(&f[i], &fl[i]);
		return 1;
	}
	if (!r->have_header)
		return slant_fail(err, SLANT_EDATA, r->name, 0, -1,
				  "missing header '%s<TAB>%s<TAB>%s<TAB>%s<TAB>%s'", r->header[0],
				  r->header[1], r->header[2], r->header[3], r->header[4]);
	return 0;
}

static int parse_speakers(struct slant_people *pp, const char *data, size_t len,
			  const char *name, struct slant_err *err)
{
	static const char *const header[] = { "name", "aliases", "group", "role", "note" };
	struct batch caps, any; /* aliases written with a capital, and the others */
	struct rows rows;
	const char *f[6];
	size_t fl[6];
	int ret = 0;

	if (batch_init(&caps, true) | batch_init(&any, false))
		goto oom;
	rows_init(&rows, data, len, name, header);
	while ((ret = rows_next(&rows, f, fl, err)) == 1) {
		long line = rows.line;
		if (!fl[0]) {
			ret = slant_fail(err, SLANT_EDATA, name, line, -1, "empty name");
			goto out;
		}
		if (!fl[2]) {
			ret = slant_fail(err, SLANT_EDATA, name, line, -1, "empty group");
			goto out;
		}
		if (SLANT_GROW(pp->speakers, pp->capspeakers, pp->nspeakers + 1))
			goto oom;
		struct slant_person *sp = &pp->speakers[pp->nspeakers];
		memset(sp, 0, sizeof(*sp));
		if (!dup_field(f[0], fl[0], &sp->name) || !dup_field(f[2], fl[2], &sp->group) ||
		    !dup_field(f[3], fl[3], &sp->role)) {
			free(sp->name);
			free(sp->group);
			free(sp->role);
			goto oom;
		}
		sp->org = is_org_role(sp->role);
		sp->rkey = sp->role ? slant_people_role_key(sp->role) : 0;
		pp->nspeakers++;
		if (!sp->org && !(sp->surname = surname_of(sp->name)) && strchr(sp->name, ' '))
			goto oom;
		/* the name, then each alias */
		const char *a = f[0];
		size_t al = fl[0];
		const char *rest = f[1], *rend = f[1] + fl[1];
		const char *seen[16];
		size_t seenl[16], nseen = 0;
		for (;;) {
			trim(&a, &al);
			/* "The New York Times" is matched as "New York Times": a leading article
			 * would make every "the" of every text start a match */
			if (al > 4 && !strncasecmp(a, "the ", 4) && memchr(a + 4, ' ', al - 4)) {
				a += 4;
				al -= 4;
			}
			if (al && (*a == '#' || !has_letter(a, al))) {
				ret = slant_fail(err, SLANT_EDATA, name, line, -1,
						 "name or alias '%.*s' needs a letter and may not start "
						 "with '#'", (int)al, a);
				goto out;
			}
			bool dup = false;
			for (size_t k = 0; k < nseen && !dup; k++)
				dup = seenl[k] == al && !strncasecmp(seen[k], a, al);
			if (al && !dup && nseen < 16)
				seen[nseen] = a, seenl[nseen++] = al;
			if (al && !dup) {
				bool all;
				if (SLANT_GROW(pp->aliases, pp->capaliases, pp->naliases + 1))
					goto oom;
				bool up = has_upper(a, al, &all);
				pp->aliases[pp->naliases] = (struct slant_alias){
					.speaker = (uint32_t)(pp->nspeakers - 1),
					.caps = !up ? 0 : (all && al > 1) ? 2 : 1,
				};
				if (batch_add(up ? &caps : &any, a, al, line, (uint32_t)pp->naliases))
					goto oom;
				pp->naliases++;
			}
			if (rest >= rend)
				break;
			const char *bar = memchr(rest, '|', (size_t)(rend - rest));
			a = rest;
			al = bar ? (size_t)(bar - rest) : (size_t)(rend - rest);
			rest = bar ? bar + 1 : rend;
		}
	}
	if (ret)
		goto out;
	if ((ret = parse_batch(pp, &caps, name, PEOPLE_NAME, err)) ||
	    (ret = parse_batch(pp, &any, name, PEOPLE_NAME, err)))
		goto out;
	ret = index_surnames(pp, err);
	goto out;
oom:
	ret = slant_fail_oom(err);
out:
	batch_release(&caps);
	batch_release(&any);
	return ret;
}

static int parse_roles(struct slant_people *pp, const char *data, size_t len, const char *name,
		       struct slant_err *err)
{
	static const char *const header[] = { "word", "role", "group", "type", "note" };
	struct batch words;
	struct rows rows;
	const char *f[6];
	size_t fl[6];
	int ret = 0;

	if (batch_init(&words, false))
		goto oom;
	rows_init(&rows, data, len, name, header);
	while ((ret = rows_next(&rows, f, fl, err)) == 1) {
		long line = rows.line;
		/* "sen." is matched as "sen": the tokeniser keeps the period apart */
		if (fl[0] > 1 && f[0][fl[0] - 1] == '.')
			fl[0]--;
		if (!fl[0] || !fl[1]) {
			ret = slant_fail(err, SLANT_EDATA, name, line, -1,
					 !fl[0] ? "empty word" : "empty role");
			goto out;
		}
		if (*f[0] == '#' || !has_letter(f[0], fl[0])) {
			ret = slant_fail(err, SLANT_EDATA, name, line, -1,
					 "word '%.*s' needs a letter and may not start with '#'",
					 (int)fl[0], f[0]);
			goto out;
		}
		bool org = fl[3] == 3 && !memcmp(f[3], "org", 3);
		if (!org && !(fl[3] == 6 && !memcmp(f[3], "person", 6))) {
			ret = slant_fail(err, SLANT_EDATA, name, line, -1,
					 "type must be 'person' or 'org'");
			goto out;
		}
		if (SLANT_GROW(pp->roles, pp->caproles, pp->nroles + 1))
			goto oom;
		struct slant_role *r = &pp->roles[pp->nroles];
		memset(r, 0, sizeof(*r));
		if (!dup_field(f[0], fl[0], &r->word) || !dup_field(f[1], fl[1], &r->role) ||
		    !dup_field(f[2], fl[2], &r->group)) {
			free(r->word);
			free(r->role);
			free(r->group);
			goto oom;
		}
		r->org = org;
		r->rkey = slant_people_role_key(r->role);
		/* a plural person noun ("senators", "officials") names several people */
		r->plural = !org && fl[0] > 3 && f[0][fl[0] - 1] == 's' &&
			    strncmp(r->word, r->role, strlen(r->word)) != 0;
		if (batch_add(&words, f[0], fl[0], line, (uint32_t)pp->nroles))
			goto oom;
		pp->nroles++;
	}
	if (ret)
		goto out;
	ret = parse_batch(pp, &words, name, PEOPLE_ROLE, err);
	goto out;
oom:
	ret = slant_fail_oom(err);
out:
	batch_release(&words);
	return ret;
}

int slant_people_parse(struct slant_people *pp, int what, const char *data, size_t len,
		       const char *name, struct slant_err *err)
{
	if (what == SLANT_PEOPLE_SPEAKERS)
		return parse_speakers(pp, data, len, name, err);
	if (what == SLANT_PEOPLE_ROLES)
		return parse_roles(pp, data, len, name, err);
	if (what == SLANT_PEOPLE_VERBS) {
		/* the lexicon format as it is: its categories are the verbs' classes */
		size_t before = slant_lexicon_size(pp->lx);
		int ret = slant_lexicon_parse(pp->lx, data, len, name, SLANT_LEXICON_TSV, err);
		if (ret)
			return ret;
		size_t n = slant_lexicon_size(pp->lx);
		if (SLANT_GROW(pp->verbs, pp->capverbs, pp->nverbs + (n - before)))
			return slant_fail_oom(err);
		size_t first = pp->nverbs;
		for (size_t e = before; e < n; e++)
			pp->verbs[pp->nverbs++] = (uint32_t)e;
		return classify_entries(pp, before, PEOPLE_VERB, first, NULL, err);
	}
	return slant_fail(err, SLANT_EUSAGE, name, 0, -1, "unknown people table kind %d", what);
}

int slant_people_load(struct slant_people *pp, int what, const char *path, struct slant_err *err)
{
	struct slant_buf data;
	int ret;

	slant_buf_init(&data, MAX_PEOPLE_FILE);
	ret = slant_read_file(path, &data, err);
	if (!ret)
		ret = slant_people_parse(pp, what, data.data, data.len, path, err);
	slant_buf_release(&data);
	return ret;
}

uint32_t slant_people_by_surname(const struct slant_people *pp, const char *key)
{
	return slant_people_by_surname_h(pp, key, slant_text_hash(key, strlen(key)));
}

uint32_t slant_people_by_surname_h(const struct slant_people *pp, const char *key, uint64_t h)
{
	if (!pp || !pp->surname_slots)
		return UINT32_MAX;
	size_t mask = pp->capsurname_slots - 1;

	for (size_t k = h & mask; pp->surname_slots[k].at; k = (k + 1) & mask) {
		const struct slant_surname *sn = &pp->surnames[pp->surname_slots[k].at - 1];
		if (pp->surname_slots[k].hash == h && !strcmp(sn->key, key))
			return sn->speaker;
	}
	return UINT32_MAX;
}
