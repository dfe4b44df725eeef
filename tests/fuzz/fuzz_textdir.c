/*
 * fuzz_textdir.c - a directory of text files with a manifest, through the corpus reader.
 *
 * The bytes are split at the first NUL (or, without one, half way): the first part becomes
 * manifest.tsv and the second a.txt in a fresh temporary directory (an empty first part means
 * no manifest at all). The directory is read, then a.txt alone (which looks up the same
 * manifest), with the checks of fuzz_read_inputs(), and:
 * - every kept article is a.txt, and it is kept from both inputs or, when the manifest is bad,
 *   from neither (always from both without a manifest);
 * - its text is the file's bytes when they were valid UTF-8 (not gzip, within the record cap).
 */
#include "fuzz.h"
#include "fuzz_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct textdir {
	char *a_path;
	const uint8_t *text;
	size_t len;
	bool exact; /* the article's text must equal text[0..len) */
	size_t kept;
};

static void on_article(const struct slant_article *a, void *ctx)
{
	struct textdir *t = ctx;

	FUZZ_ASSERT_MSG(!strcmp(a->source, t->a_path), a->source);
	t->kept++;
	if (t->exact) {
		FUZZ_ASSERT(a->text_len == t->len);
		FUZZ_ASSERT(!t->len || !memcmp(a->text, t->text, t->len));
	}
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	FUZZ_ASSERT(p);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = size ? memchr(data, 0, size) : NULL;
	size_t mlen = nul ? (size_t)(nul - data) : size / 2;
	const uint8_t *text = nul ? nul + 1 : data + mlen;
	size_t tlen = size - (size_t)(text - data);
	char *dir = fuzz_temp_dir(), *manifest = join(dir, "manifest.tsv");
	struct textdir t = { join(dir, "a.txt"), text, tlen, false, 0 };
	const char *paths[] = { dir, t.a_path };
	bool gz = tlen > 0 && text[0] == 0x1F; /* zlib would inflate it */
	struct fuzz_read_stats st;

	if (mlen)
		fuzz_write_file(manifest, data, mlen);
	fuzz_write_file(t.a_path, text, tlen);
	t.exact = !gz && tlen <= FUZZ_MAX_RECORD && fuzz_utf8_valid((const char *)text, tlen, false);

	fuzz_read_inputs(paths, 2, fuzz_record_budget(size), on_article, &t, &st);

	if (!gz && tlen <= FUZZ_MAX_RECORD && !st.stop) {
		if (mlen)
			FUZZ_ASSERT_MSG(t.kept == 0 || t.kept == 2, "a.txt read from one input only");
		else
			FUZZ_ASSERT_MSG(t.kept == 2, "a.txt without a manifest not read twice");
	}
	FUZZ_ASSERT(t.kept <= 2);

	if (mlen)
		FUZZ_ASSERT(unlink(manifest) == 0);
	FUZZ_ASSERT(unlink(t.a_path) == 0);
	FUZZ_ASSERT_MSG(rmdir(dir) == 0, dir);
	free(manifest);
	free(t.a_path);
	free(dir);
	return 0;
}
