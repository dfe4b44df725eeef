/*
 * fuzz_norm.c - normalisation: the fast path against utf8proc over the whole text, and the map
 * back to original offsets.
 *
 * - The raw bytes first: slant_norm_run() must accept them exactly when they are valid UTF-8
 *   without NUL (our own validator decides) and fail with SLANT_EDATA otherwise.
 * - Then the repaired bytes, with flags 0 and with SLANT_NORM_SLOW: both must succeed with
 *   byte-identical results, valid UTF-8 without NUL.
 * - For the fast result, slant_norm_orig_start() and slant_norm_orig_end() over every offset
 *   0..len are non-decreasing, within the input and on character boundaries, and the character
 *   behind each normalised byte is not empty. ASCII input normalises to its lower case with
 *   the identity map.
 */
#include "fuzz.h"
#include "fuzz_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void hex(char *out, size_t size, const char *s, size_t n)
{
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && o + 4 < size; i++)
		o += (size_t)snprintf(out + o, size - o, "%02x ", (unsigned char)s[i]);
}

static void same_text(const char *fast, size_t nf, const char *slow, size_t ns)
{
	char msg[1024], a[480], b[480];

	if (nf == ns && !memcmp(fast, slow, nf))
		return;
	hex(a, sizeof(a), fast, nf);
	hex(b, sizeof(b), slow, ns);
	snprintf(msg, sizeof(msg), "\n  fast (%zu): %s\n  slow (%zu): %s", nf, a, ns, b);
	fuzz_fail(__FILE__, __LINE__, "the fast and slow normalisations differ", msg);
}

static bool boundary(const char *s, size_t n, size_t off)
{
	return off >= n || ((unsigned char)s[off] & 0xC0) != 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct slant_norm *fast = slant_norm_new(), *slow = slant_norm_new();
	struct slant_buf in;
	struct slant_err err;
	const char *ft, *st;
	size_t nf, ns, prev_start = 0, prev_end = 0;
	bool ascii = true;
	int ret;

	FUZZ_ASSERT(fast && slow);

	/* Raw bytes: accepted exactly when valid. */
	slant_err_clear(&err);
	ret = slant_norm_run(fast, (const char *)data, size, 0, &err);
	if (fuzz_utf8_valid((const char *)data, size, false)) {
		FUZZ_ASSERT_MSG(ret == 0, err.msg);
	} else {
		FUZZ_ASSERT_MSG(ret == SLANT_EDATA, "invalid UTF-8 accepted");
		FUZZ_ASSERT(err.code == SLANT_EDATA && err.msg[0]);
	}

	/* Repaired bytes: both paths, same result. The fast run replaces what `fast` held. */
	slant_buf_init(&in, 0);
	fuzz_repair(data, size, &in);
	slant_err_clear(&err);
	ret = slant_norm_run(fast, in.data, in.len, 0, &err);
	FUZZ_ASSERT_MSG(ret == 0, err.msg);
	ret = slant_norm_run(slow, in.data, in.len, SLANT_NORM_SLOW, &err);
	FUZZ_ASSERT_MSG(ret == 0, err.msg);
	ft = slant_norm_text(fast, &nf);
	st = slant_norm_text(slow, &ns);
	FUZZ_ASSERT(ft && st);
	same_text(ft, nf, st, ns);
	FUZZ_ASSERT(strlen(ft) == nf);
	FUZZ_ASSERT_MSG(fuzz_utf8_valid(ft, nf, false), "normalised text");

	/* The offset map. */
	FUZZ_ASSERT(slant_norm_orig_end(fast, 0) == 0);
	for (size_t off = 0; off <= nf; off++) {
		size_t s = slant_norm_orig_start(fast, off), e = slant_norm_orig_end(fast, off);

		FUZZ_ASSERT(s <= in.len && e <= in.len);
		FUZZ_ASSERT_MSG(s >= prev_start, "orig_start decreases");
		FUZZ_ASSERT_MSG(e >= prev_end, "orig_end decreases");
		FUZZ_ASSERT(boundary(in.data, in.len, s) && boundary(in.data, in.len, e));
		if (off < nf)
			FUZZ_ASSERT_MSG(s < slant_norm_orig_end(fast, off + 1),
					"a normalised byte from an empty span");
		prev_start = s;
		prev_end = e;
	}

	/* ASCII: lower case, byte for byte, with the identity map. */
	for (size_t i = 0; i < in.len; i++)
		ascii &= (unsigned char)in.data[i] < 0x80;
	if (ascii) {
		FUZZ_ASSERT(nf == in.len);
		for (size_t i = 0; i < nf; i++) {
			char c = in.data[i];
			FUZZ_ASSERT(ft[i] == (c >= 'A' && c <= 'Z' ? c + 32 : c));
			FUZZ_ASSERT(slant_norm_orig_start(fast, i) == i);
			FUZZ_ASSERT(slant_norm_orig_end(fast, i + 1) == i + 1);
		}
	}

	slant_buf_release(&in);
	slant_norm_free(fast);
	slant_norm_free(slow);
	return 0;
}
