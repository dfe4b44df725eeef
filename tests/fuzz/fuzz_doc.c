/*
 * fuzz_doc.c - text analysis: slant_utf8_repair() then slant_doc_analyze().
 *
 * The bytes are repaired to valid UTF-8 (checked by fuzz_repair()) and analysed three times
 * with one document: with no options; without paragraph repair and with the first line as the
 * title; and without stripping or repair. fuzz_check_doc() checks each analysis: tokens in
 * order and apart, paragraphs and sentences covering every token, stripped lines apart from
 * the tokens, normalised forms, and the text of every sentence and paragraph.
 */
#include "fuzz.h"
#include "fuzz_helpers.h"

#include <stdlib.h>
#include <string.h>

/* The first line, without its line break: a title a head line may repeat. */
static char *first_line(const char *text, size_t len)
{
	const char *nl = memchr(text, '\n', len);
	size_t n = nl ? (size_t)(nl - text) : len;
	char *t;

	if (n > 200) {
		n = 200;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--; /* cut on a character boundary */
	}
	t = malloc(n + 1);
	FUZZ_ASSERT(t);
	memcpy(t, text, n);
	t[n] = '\0';
	return t;
}

static void analyze(struct slant_doc *d, const struct slant_buf *text, const char *title,
		    const struct slant_doc_opts *opts)
{
	struct slant_err err;
	int ret;

	slant_err_clear(&err);
	ret = slant_doc_analyze(d, text->data, text->len, title, opts, &err);
	FUZZ_ASSERT_MSG(ret == 0, err.msg);
	FUZZ_ASSERT(err.code == 0);
	fuzz_check_doc(d, text->data, text->len, opts ? opts->flags : 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct slant_buf text;
	struct slant_doc *d = slant_doc_new();
	struct slant_doc_opts no_repair = { NULL, SLANT_DOC_NO_REPAIR };
	struct slant_doc_opts raw = { NULL, SLANT_DOC_NO_REPAIR | SLANT_DOC_NO_STRIP };
	char *title;

	FUZZ_ASSERT(d);
	slant_buf_init(&text, 0);
	fuzz_repair(data, size, &text);
	title = first_line(text.data, text.len);
	FUZZ_ASSERT(fuzz_utf8_valid(title, strlen(title), false));

	analyze(d, &text, NULL, NULL);
	analyze(d, &text, title, &no_repair);
	analyze(d, &text, NULL, &raw);

	free(title);
	slant_buf_release(&text);
	slant_doc_free(d);
	return 0;
}
