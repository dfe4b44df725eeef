/*
 * fuzz_compare.c - compare states (what `slant compare --merge` reads from other machines)
 * through slant_compare_load(), then, for a state that loads, everything done with it: saved
 * and loaded again, merged with itself, and rendered in every format.
 *
 * A load either fails (SLANT_EDATA or SLANT_ENOMEM, with a message) or gives a compare that
 * saves to a state which loads to the same compare (saving it again gives the same bytes).
 * Merging a compare with a copy of itself doubles every group's articles, or fails on sums
 * too large. Every format renders as valid UTF-8; the delimited ones have one line per group
 * and a header; the HTML report holds no script, whatever the names in the state.
 */
#include "fuzz.h"
#include "fuzz_helpers.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* A copy of a compare, through its state. */
static struct slant_compare *reload(const struct slant_compare *c, struct slant_buf *state)
{
	struct slant_err err;
	struct slant_compare *copy;

	slant_buf_reset(state);
	FUZZ_ASSERT(slant_compare_save(c, state) == 0);
	FUZZ_ASSERT(state->len && state->data[state->len - 1] == '\n');
	FUZZ_ASSERT(memchr(state->data, '\n', state->len) == state->data + state->len - 1);
	slant_err_clear(&err);
	copy = slant_compare_load(state->data, state->len, "saved", &err);
	FUZZ_ASSERT_MSG(copy || err.code == SLANT_ENOMEM, err.msg);
	return copy;
}

static size_t count_lines(const struct slant_buf *b)
{
	size_t n = 0;

	for (size_t i = 0; i < b->len; i++)
		n += b->data[i] == '\n';
	return n;
}

static void render_all(struct slant_compare *c, size_t nrows)
{
	static const enum slant_report_format formats[] = {
		SLANT_REPORT_TABLE, SLANT_REPORT_TSV,	   SLANT_REPORT_CSV,
		SLANT_REPORT_JSON,  SLANT_REPORT_MARKDOWN, SLANT_REPORT_HTML,
	};
	struct slant_buf out;

	slant_buf_init(&out, 0);
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		for (int wide = 0; wide < 2; wide++) {
			struct slant_report_opts o = { formats[i], wide ? 0 : 2, wide ? 0 : 40,
						       wide, "a <title> & \"more\"" };
			slant_buf_reset(&out);
			FUZZ_ASSERT(slant_compare_render(c, &o, &out) == 0);
			FUZZ_ASSERT(fuzz_utf8_valid(out.data, out.len, false));
			if (formats[i] == SLANT_REPORT_TSV)
				FUZZ_ASSERT(count_lines(&out) == nrows + 1);
			if (formats[i] == SLANT_REPORT_JSON) {
				cJSON *j = cJSON_ParseWithLength(out.data, out.len);
				FUZZ_ASSERT(j);
				const cJSON *g = cJSON_GetObjectItemCaseSensitive(j, "groups");
				FUZZ_ASSERT(cJSON_IsArray(g) &&
					    (size_t)cJSON_GetArraySize(g) == nrows);
				cJSON_Delete(j);
			}
			if (formats[i] == SLANT_REPORT_HTML) {
				/* names are text: no markup of theirs gets through */
				FUZZ_ASSERT(out.len && !memchr(out.data, '\0', out.len));
				FUZZ_ASSERT(!strstr(out.data, "<script"));
				FUZZ_ASSERT(strstr(out.data, "a &lt;title&gt; &amp; "));
			}
		}
	}
	slant_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct slant_err err;
	struct slant_buf s1, s2;
	const struct slant_compare_row *rows;

	slant_err_clear(&err);
	struct slant_compare *c = slant_compare_load((const char *)data, size, "fuzz", &err);
	if (!c) {
		FUZZ_ASSERT(err.code == SLANT_EDATA || err.code == SLANT_ENOMEM);
		FUZZ_ASSERT(err.msg[0]);
		return 0;
	}
	slant_buf_init(&s1, 0);
	slant_buf_init(&s2, 0);
	struct slant_compare *copy = reload(c, &s1);
	if (!copy)
		goto out;
	/* the copy saves as the original did */
	FUZZ_ASSERT(slant_compare_save(copy, &s2) == 0);
	FUZZ_ASSERT(s1.len == s2.len && !memcmp(s1.data, s2.data, s1.len));

	size_t n = slant_compare_rows(c, 0, &rows);
	FUZZ_ASSERT(n != (size_t)-1);
	uint64_t *articles = calloc(n + 1, sizeof(*articles));
	FUZZ_ASSERT(articles);
	for (size_t i = 0; i < n; i++) {
		FUZZ_ASSERT(rows[i].name && rows[i].articles > 0);
		FUZZ_ASSERT(!rows[i].has_ci || (rows[i].lo <= rows[i].mean && rows[i].mean <= rows[i].hi &&
						 rows[i].lo >= -1 && rows[i].hi <= 1));
		articles[i] = rows[i].articles;
	}
	render_all(c, n);

	slant_err_clear(&err);
	if (slant_compare_merge(c, copy, &err) == 0) {
		const struct slant_compare_row *merged;
		FUZZ_ASSERT(slant_compare_rows(c, 0, &merged) == n);
		/* the same groups, each with twice the articles (the order may change with ties) */
		uint64_t before = 0, after = 0;
		for (size_t i = 0; i < n; i++)
			before += articles[i], after += merged[i].articles;
		FUZZ_ASSERT(after == 2 * before);
		render_all(c, n);
	} else {
		FUZZ_ASSERT_MSG(err.code == SLANT_EDATA || err.code == SLANT_ENOMEM, err.msg);
	}
	free(articles);
out:
	slant_compare_free(copy);
	slant_compare_free(c);
	slant_buf_release(&s1);
	slant_buf_release(&s2);
	return 0;
}
