/*
 * fuzz_lexicon.c - lexicon files through slant_lexicon_parse(), as TSV or LIWC .dic (by the
 * first byte's parity), then matching a fixed text and the file's own bytes as text.
 *
 * A parse either fails (a negative code, a message naming the file and a line) or adds terms;
 * terms added before a failure stay usable. Matches must be in text order, inside the text,
 * not overlapping, on token boundaries, and name valid entries whose categories exist.
 */
#include "fuzz.h"
#include "fuzz_helpers.h"

#include <stdlib.h>
#include <string.h>

static const char fixed_text[] =
	"Agents arrested illegal aliens in so-called \xE2\x80\x9Craids\xE2\x80\x9D, officials "
	"said. Deportations rose; the mayor slammed the crackdown. DON\xE2\x80\x99T pro\xE2\x80\x93"
	"immigration safety fears.\n\nAccording to the report, families were afraid.";

static void check_matches(const struct slant_lexicon *lx, const char *text, size_t len)
{
	struct slant_doc *d = slant_doc_new();
	struct slant_matches m = { NULL, 0, 0 };
	struct slant_err err;
	size_t ntok;

	FUZZ_ASSERT(d);
	slant_err_clear(&err);
	FUZZ_ASSERT_MSG(slant_doc_analyze(d, text, len, NULL, NULL, &err) == 0, err.msg);
	FUZZ_ASSERT_MSG(slant_lexicon_match(lx, d, &m, &err) == 0, err.msg);
	const struct slant_token *toks = slant_doc_tokens(d, &ntok);
	for (size_t i = 0; i < m.n; i++) {
		const struct slant_match *x = &m.v[i];
		FUZZ_ASSERT(x->tok_begin < x->tok_end && x->tok_end <= ntok);
		FUZZ_ASSERT(x->start == toks[x->tok_begin].start);
		FUZZ_ASSERT(x->end == toks[x->tok_end - 1].end && x->end <= len);
		FUZZ_ASSERT(i == 0 || x->tok_begin >= m.v[i - 1].tok_end);
		FUZZ_ASSERT(x->entry < slant_lexicon_size(lx));
		for (uint32_t k = x->entry; k != UINT32_MAX;) {
			const struct slant_lexentry *e = slant_lexicon_entry(lx, k);
			FUZZ_ASSERT(e && e->category < slant_lexicon_ncategories(lx));
			FUZZ_ASSERT(e->lean >= -1 && e->lean <= 1 && e->weight > 0);
			k = e->next;
		}
	}
	free(m.v);
	slant_doc_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct slant_lexicon *lx = slant_lexicon_new();
	struct slant_buf text;
	struct slant_err err;
	int format = size && (data[0] & 1) ? SLANT_LEXICON_DIC : SLANT_LEXICON_TSV;
	int ret;

	FUZZ_ASSERT(lx);
	slant_err_clear(&err);
	ret = slant_lexicon_parse(lx, (const char *)data, size, "fuzz", format, &err);
	if (ret) {
		FUZZ_ASSERT(ret < 0 && err.code == ret && err.msg[0]);
		FUZZ_ASSERT_MSG(ret == SLANT_ENOMEM || (!strcmp(err.file, "fuzz") && err.line >= 1),
				err.msg);
	}
	for (size_t i = 0; i < slant_lexicon_size(lx); i++) {
		const struct slant_lexentry *e = slant_lexicon_entry(lx, i);
		FUZZ_ASSERT(fuzz_utf8_valid(e->term, strlen(e->term), false));
		FUZZ_ASSERT(!strcmp(e->source, "fuzz") && e->line >= 1);
	}
	check_matches(lx, fixed_text, sizeof(fixed_text) - 1);
	slant_buf_init(&text, 0);
	fuzz_repair(data, size, &text);
	check_matches(lx, text.data, text.len);
	slant_buf_release(&text);
	slant_lexicon_free(lx);
	return 0;
}
