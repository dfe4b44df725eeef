/*
 * fuzz_boiler.c - boilerplate pattern files through slant_boiler_parse().
 *
 * A parse either fails (NULL, a negative code, a message, and for bad data the name and a line
 * of the file) or gives a set, which then analyses a fixed text and a text made of the
 * patterns' own lines: first on their own (short lines all, so the general rules would take
 * every one and the patterns decide alone) and then each between two story lines (the body
 * zone). Both paths screen lines by their first byte before normalising. A line is always
 * matched by its own pattern, so every line from an "any" pattern (within the length patterns
 * are tried on) must be stripped.
 */
#include "fuzz.h"
#include "fuzz_helpers.h"

#include <stdlib.h>
#include <string.h>

static const char fixed_text[] =
	"ADVERTISEMENT\n"
	"By Ann Example and Bo Sample\n"
	"\n"
	"The council of Exampleton met on Monday to\n"
	"\n"
	"discuss a made-up budget. Gov. J.R. Smith said the U.S. plan was \xE2\x80\x9C"
	"fine\xE2\x80\x9D.\n"
	"Advertisement\n"
	"Officials expect a vote in March. It is not clear when.\n"
	"\n"
	"Subscribe to our newsletter\n"
	"Share this article\n"
	"\xC2\xA9 2024 Example Media Group\n";

/* Longest line patterns are tried on (MAX_BOILER_LINE in src/text/doc.c). */
#define MAX_BOILER_LINE 400

/* A story line: kept unless a pattern matches it, so the pattern lines between are body. */
static const char story[] = "This invented line is the story, and it ends here.\n";

struct own_lines {
	struct slant_buf text;
	uint32_t *start; /* of each line from an "any" pattern that must go */
	size_t n;
};

/*
 * Builds a text of the patterns' first fields, one a line, the way slant_boiler_parse() saw
 * them (the parse succeeded, so every line after the header is a pattern). With `sandwich`,
 * a story line goes before and after each, so the patterns are tried in the body zone.
 */
static void own_lines(const uint8_t *data, size_t size, bool sandwich, struct own_lines *o)
{
	const char *s = (const char *)data, *end = s + size;
	bool header = false;

	slant_buf_init(&o->text, 0);
	o->start = calloc(size + 1, sizeof(*o->start));
	o->n = 0;
	FUZZ_ASSERT(o->start);
	if (size >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		s += 3;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end, *tab, *tab2;

		if (e > s && e[-1] == '\r')
			e--;
		if (e == s || *s == '#') {
			s = nl ? nl + 1 : end;
			continue;
		}
		if (!header) {
			header = true;
			s = nl ? nl + 1 : end;
			continue;
		}
		tab = memchr(s, '\t', (size_t)(e - s));
		FUZZ_ASSERT(tab);
		tab2 = memchr(tab + 1, '\t', (size_t)(e - tab - 1));
		FUZZ_ASSERT(tab2);
		size_t flen = (size_t)(tab - s), tlen = flen;
		while (tlen && s[tlen - 1] == '\r')
			tlen--;
		if (sandwich)
			FUZZ_ASSERT(!slant_buf_adds(&o->text, story));
		if (e - tab2 - 1 == 3 && !memcmp(tab2 + 1, "any", 3) && tlen <= MAX_BOILER_LINE)
			o->start[o->n++] = (uint32_t)o->text.len;
		FUZZ_ASSERT(!slant_buf_add(&o->text, s, flen));
		FUZZ_ASSERT(!slant_buf_addc(&o->text, '\n'));
		s = nl ? nl + 1 : end;
	}
	if (sandwich)
		FUZZ_ASSERT(!slant_buf_adds(&o->text, story));
}


static void analyze(struct slant_doc *d, const char *text, size_t len, const char *title,
		    const struct slant_doc_opts *opts)
{
	struct slant_err err;
	int ret;

	slant_err_clear(&err);
	ret = slant_doc_analyze(d, text, len, title, opts, &err);
	FUZZ_ASSERT_MSG(ret == 0, err.msg);
	fuzz_check_doc(d, text, len, opts->flags);
}

/* Analyses the patterns' own lines: each from an "any" pattern must be stripped. */
static void check_own_lines(struct slant_doc *d, const uint8_t *data, size_t size,
			    bool sandwich, const struct slant_doc_opts *opts)
{
	struct own_lines own;
	const struct slant_strip *x;
	size_t nx, k = 0;

	own_lines(data, size, sandwich, &own);
	FUZZ_ASSERT(fuzz_utf8_valid(own.text.data, own.text.len, false));
	analyze(d, own.text.data, own.text.len, NULL, opts);
	x = slant_doc_stripped(d, &nx);
	for (size_t i = 0; i < own.n; i++) {
		while (k < nx && x[k].start < own.start[i])
			k++;
		FUZZ_ASSERT_MSG(k < nx && x[k].start == own.start[i],
				sandwich ? "a body line its own \"any\" pattern does not strip" :
					   "a line its own \"any\" pattern does not strip");
	}
	slant_buf_release(&own.text);
	free(own.start);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct slant_err err;
	struct slant_boiler *bp;
	struct slant_doc *d;
	struct slant_doc_opts opts;
	struct slant_buf repaired;
	size_t lines = 1;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	slant_err_clear(&err);
	bp = slant_boiler_parse((const char *)data, size, "fuzz", &err);
	if (!bp) {
		FUZZ_ASSERT(err.code < 0);
		FUZZ_ASSERT_MSG(err.code == SLANT_EDATA || err.code == SLANT_ENOMEM, err.msg);
		FUZZ_ASSERT_MSG(err.msg[0], "a failure without a message");
		if (err.code == SLANT_EDATA) {
			FUZZ_ASSERT_MSG(!strcmp(err.file, "fuzz"), err.file);
			FUZZ_ASSERT_MSG(err.line >= 1 && (size_t)err.line <= lines, err.msg);
		}
		return 0;
	}
	FUZZ_ASSERT_MSG(err.code == 0, "an error record touched on success");
	FUZZ_ASSERT(slant_boiler_count(bp) < lines);

	d = slant_doc_new();
	FUZZ_ASSERT(d);
	opts.boiler = bp;
	opts.flags = 0;
	analyze(d, fixed_text, sizeof(fixed_text) - 1, "The council of Exampleton met", &opts);

	/* The input itself as a text. */
	slant_buf_init(&repaired, 0);
	fuzz_repair(data, size, &repaired);
	analyze(d, repaired.data, repaired.len, NULL, &opts);
	slant_buf_release(&repaired);

	/* Each pattern's own line, at the top and between story lines. */
	check_own_lines(d, data, size, false, &opts);
	check_own_lines(d, data, size, true, &opts);

	slant_doc_free(d);
	slant_boiler_free(bp);
	return 0;
}
