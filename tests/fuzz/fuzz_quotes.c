/*
 * fuzz_quotes.c - quotation extraction over any text.
 *
 * The bytes are repaired to valid UTF-8 and analysed, then their quotations extracted with a
 * small people table (names, aliases, roles, verbs) and without one. Every quotation must lie
 * inside the text with its marks around it, in text order (an outer one before those inside
 * it), its words counted from its tokens, its speaker and verb indices in range, and every
 * speaker must be quoted.
 */
#include "fuzz.h"
#include "fuzz_helpers.h"

#include <stdlib.h>
#include <string.h>

static const char speakers[] =
	"name\taliases\tgroup\trole\tnote\n"
	"Department of Homeland Security\tDHS\tfederal\tdepartment\t\n"
	"Dick Durbin\t\tdemocrat\tsenator\t\n";
static const char roles[] =
	"word\trole\tgroup\ttype\tnote\n"
	"mayor\tmayor\tgovernment\tperson\t\n"
	"sen.\tsenator\tgovernment\tperson\t\n"
	"spokeswoman\tspokesperson\t\tperson\t\n"
	"department\tdepartment\t\torg\t\n"
	"officials\tofficial\t\tperson\t\n";
static const char verbs[] =
	"term\tcategory\tlean\tweight\tnote\n"
	"said\tneutral\t0\t1\t\n"
	"told\tneutral\t0\t1\t\n"
	"according to\tneutral\t0\t1\t\n"
	"declaring\tneutral\t0\t1\t\n"
	"claimed\tloaded\t0\t2\t\n";

static struct slant_people *people(void)
{
	static struct slant_people *pp;
	struct slant_err err;

	if (pp)
		return pp;
	pp = slant_people_new();
	FUZZ_ASSERT(pp);
	FUZZ_ASSERT(!slant_people_parse(pp, SLANT_PEOPLE_SPEAKERS, speakers, strlen(speakers), "s", &err));
	FUZZ_ASSERT(!slant_people_parse(pp, SLANT_PEOPLE_ROLES, roles, strlen(roles), "r", &err));
	FUZZ_ASSERT(!slant_people_parse(pp, SLANT_PEOPLE_VERBS, verbs, strlen(verbs), "v", &err));
	return pp;
}

static void check(const struct slant_quotes *q, const struct slant_doc *d, const char *text,
		  size_t len, const struct slant_people *pp)
{
	size_t nq, ns, ntok;
	const struct slant_quote *qs = slant_quotes_list(q, &nq);
	const struct slant_speaker *sp = slant_quotes_speakers(q, &ns);
	const struct slant_token *toks = slant_doc_tokens(d, &ntok);
	bool *quoted = calloc(ns + 1, sizeof(*quoted));

	FUZZ_ASSERT(quoted);
	for (size_t i = 0; i < nq; i++) {
		const struct slant_quote *x = &qs[i];
		FUZZ_ASSERT(x->open < x->start && x->start < x->end && x->end <= x->close &&
			    x->close <= len);
		FUZZ_ASSERT(x->tok_begin <= x->tok_end && x->tok_end <= ntok);
		FUZZ_ASSERT(toks[x->tok_begin - 1].start == x->open);
		uint32_t words = 0;
		for (uint32_t t = x->tok_begin; t < x->tok_end; t++) {
			FUZZ_ASSERT(toks[t].start >= x->start && toks[t].end <= x->end);
			words += toks[t].kind == SLANT_TOK_WORD || toks[t].kind == SLANT_TOK_NUMBER;
		}
		FUZZ_ASSERT(words == x->words);
		FUZZ_ASSERT(x->kind <= SLANT_QUOTE_TITLE);
		FUZZ_ASSERT(i == 0 || qs[i - 1].open < x->open);
		FUZZ_ASSERT(x->depth == 0 || (i > 0 && qs[i - 1].open < x->open));
		if (x->speaker != UINT32_MAX) {
			FUZZ_ASSERT(x->speaker < ns);
			FUZZ_ASSERT(x->kind == SLANT_QUOTE_DIRECT || x->kind == SLANT_QUOTE_PARTIAL);
			quoted[x->speaker] = true;
		}
		if (x->verb != UINT32_MAX) {
			FUZZ_ASSERT(pp && x->verb < slant_people_verbs(pp));
			FUZZ_ASSERT(x->verb_start < x->verb_end && x->verb_end <= len);
		}
		/* the quoted text is text */
		FUZZ_ASSERT(fuzz_utf8_valid(text + x->start, x->end - x->start, false));
	}
	for (size_t i = 0; i < ns; i++) {
		FUZZ_ASSERT(quoted[i]);
		FUZZ_ASSERT(sp[i].name && fuzz_utf8_valid(sp[i].name, strlen(sp[i].name), false));
		FUZZ_ASSERT(sp[i].type >= SLANT_SPEAKER_PERSON && sp[i].type <= SLANT_SPEAKER_UNNAMED);
	}
	free(quoted);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct slant_buf text;
	struct slant_doc *d = slant_doc_new();
	struct slant_quotes *q = slant_quotes_new();
	struct slant_doc_opts raw = { NULL, SLANT_DOC_NO_STRIP };
	struct slant_quote_conf conf = { people() };
	struct slant_err err;

	FUZZ_ASSERT(d && q);
	slant_buf_init(&text, 0);
	fuzz_repair(data, size, &text);
	FUZZ_ASSERT(!slant_doc_analyze(d, text.data, text.len, NULL, &raw, &err));
	FUZZ_ASSERT(!slant_quotes_extract(q, d, text.data, &conf, &err));
	check(q, d, text.data, text.len, conf.people);
	FUZZ_ASSERT(!slant_quotes_extract(q, d, text.data, NULL, &err));
	check(q, d, text.data, text.len, NULL);
	slant_buf_release(&text);
	slant_quotes_free(q);
	slant_doc_free(d);
	return 0;
}
