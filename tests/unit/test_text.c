/* test_text.c - UTF-8 repair and normalisation with its offset map, fast path against slow. */
#include "test.h"
#include "internal.h"

static const char *norm(struct slant_norm *nm, const char *s, unsigned flags)
{
	struct slant_err err;

	slant_err_clear(&err);
	assert_int_equal(slant_norm_run(nm, s, strlen(s), flags, &err), 0);
	return slant_norm_text(nm, NULL);
}

static void test_ascii_is_lowered_with_identity_map(void **state)
{
	struct slant_norm *nm = slant_norm_new();

	(void)state;
	assert_string_equal(norm(nm, "Hello, World 42", 0), "hello, world 42");
	for (size_t i = 0; i < 15; i++) {
		assert_int_equal(slant_norm_orig_start(nm, i), i);
		assert_int_equal(slant_norm_orig_end(nm, i + 1), i + 1);
	}
	slant_norm_free(nm);
}

static void test_marks_and_dashes_are_unified(void **state)
{
	struct slant_norm *nm = slant_norm_new();

	(void)state;
	/* ’ “ ” — ‘ ‐ are all folded to ASCII; NBSP becomes a space through NFKC. */
	assert_string_equal(norm(nm, "Don\xE2\x80\x99t \xE2\x80\x9CGo\xE2\x80\x9D\xE2\x80\x94now",
				 0),
			    "don't \"go\"-now");
	assert_string_equal(norm(nm, "pro\xE2\x80\x90immigration \xE2\x80\x98x\xE2\x80\x99", 0),
			    "pro-immigration 'x'");
	assert_string_equal(norm(nm, "a\xC2\xA0" "b", 0), "a b");
	slant_norm_free(nm);
}

static void test_offsets_point_into_the_original(void **state)
{
	struct slant_norm *nm = slant_norm_new();
	/* "Ça va’ ﬁne": Ç is 2 bytes, ’ 3 bytes, the ligature ﬁ 3 bytes becoming "fi" */
	const char *in = "\xC3\x87" "a va\xE2\x80\x99 \xEF\xAC\x81ne";
	size_t len;
	const char *out = norm(nm, in, 0);

	(void)state;
	len = strlen(out);
	assert_string_equal(out, "\xC3\xA7" "a va' fine");
	/* ç (normalised bytes 0-1) comes from original bytes 0-2 */
	assert_int_equal(slant_norm_orig_start(nm, 0), 0);
	assert_int_equal(slant_norm_orig_end(nm, 2), 2);
	/* the apostrophe, normalised byte 6, is the 3-byte ’ at original 6..9 */
	assert_int_equal(out[6], '\'');
	assert_int_equal(slant_norm_orig_start(nm, 6), 6);
	assert_int_equal(slant_norm_orig_end(nm, 7), 9);
	/* "fi" (normalised 8..10) both map to the ligature at original 10..13 */
	assert_int_equal(slant_norm_orig_start(nm, 8), 10);
	assert_int_equal(slant_norm_orig_start(nm, 9), 10);
	assert_int_equal(slant_norm_orig_end(nm, 10), 13);
	/* "ne" maps byte for byte again */
	assert_int_equal(slant_norm_orig_start(nm, 10), 13);
	assert_int_equal(slant_norm_orig_end(nm, len), strlen(in));
	slant_norm_free(nm);
}

/* Code points chosen to break a naive piecewise normaliser. */
static const char *const hostile[] = {
	"\xEF\xAC\x81\xEF\xAC\x80\xEF\xAC\x83",         /* ligatures ﬁ ﬀ ﬃ */
	"\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\x91\xEF\xBC\x92", /* full-width ＡＢ１２ */
	"e\xCC\x81 A\xCC\x8A o\xCC\x88\xCC\x81",        /* combining marks after ASCII letters */
	"=\xCC\xB8 <\xCC\xB8",                          /* ≠ ≮ composed from ASCII + U+0338 */
	"\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4",         /* Hangul syllables */
	"\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8",         /* Hangul jamo L V T: compose to one */
	"Stra\xC3\x9F" "e \xCE\xA3\xCE\x99\xCE\xA3 \xC4\xB0stanbul", /* ß, Greek capitals, İ */
	"co\xC2\xAD" "operate a\xE2\x80\x8D" "b",       /* soft hyphen, zero-width joiner */
	"\xE2\x91\xA0 \xC2\xBD \xE2\x84\xA2 \xE3\x8E\x9E \xE2\x84\xA6 \xE2\x84\xAA", /* ① ½ ™ ㎞ Ω K */
	"\xC7\x85 \xEF\xB7\xBA \xCD\x84",               /* ǅ, Arabic ligature, U+0344 */
	"\xEF\xBE\x8A\xEF\xBE\x9E \xE3\x81\x8B\xE3\x82\x99", /* half-width kana + voiced mark */
	"\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x98single\xE2\x80\x99 \xE2\x80\x93 \xE2\x80\x94 "
	"\xE2\x88\x92 \xE2\x80\xB2 \xEF\xBC\x82",      /* curly marks, dashes, prime, full-width " */
	"\xCC\x81start with a combining mark",
	"5\xE2\x80\xB2 3\xE2\x80\xB3 \xE2\x80\xB6x\xE2\x80\xB6", /* primes: ″ and ‶ decompose (found by fuzz_norm) */
	"Cafe\xCC\x81 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9 \xC3\x85ngstr\xC3\xB6m",
};

static void test_fast_path_equals_utf8proc(void **state)
{
	struct slant_norm *fast = slant_norm_new(), *slow = slant_norm_new();

	(void)state;
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		const char *a = norm(fast, hostile[i], 0);
		const char *b = norm(slow, hostile[i], SLANT_NORM_SLOW);
		if (strcmp(a, b))
			fail_msg("case %zu: fast '%s' != slow '%s'", i, a, b);
	}
	slant_norm_free(fast);
	slant_norm_free(slow);
}

/* Random strings over a pool of ASCII and troublesome code points, with a fixed seed. */
static void test_fast_path_equals_utf8proc_random(void **state)
{
	static const int32_t pool[] = {
		'a', 'B', ' ', '.', '\'', '-', '=', 'e', 'K', 0x00E9, 0x0301, 0x0308, 0x0338,
		0x0345, 0x00DF, 0x0130, 0x03A3, 0x2019, 0x201C, 0x2014, 0x00A0, 0x00AD, 0x200D,
		0xFB01, 0xFF21, 0xFF11, 0x1100, 0x1161, 0x11A8, 0xAC00, 0xFF8A, 0xFF9E, 0x3099,
		0x2126, 0x212A, 0x2460, 0x00BD, 0x1E9E, 0x0344, 0x0F73, 0x0CC6, 0x0CC2, 0x1F600,
		0x2032, 0x2033, 0x2035, 0x2036, 0xFF07, 0xFF02, 0x2011, 0xFE58,
	};
	struct slant_norm *fast = slant_norm_new(), *slow = slant_norm_new();
	char s[256];
	unsigned seed = 12345;

	(void)state;
	for (int round = 0; round < 3000; round++) {
		size_t n = 0, count;
		seed = seed * 1103515245u + 12345u;
		count = 1 + (seed >> 16) % 24;
		for (size_t k = 0; k < count; k++) {
			seed = seed * 1103515245u + 12345u;
			n += slant_utf8_encode(pool[(seed >> 16) % (sizeof(pool) / sizeof(pool[0]))],
					       s + n);
		}
		s[n] = '\0';
		const char *a = norm(fast, s, 0);
		const char *b = norm(slow, s, SLANT_NORM_SLOW);
		if (strcmp(a, b))
			fail_msg("round %d: fast and slow differ", round);
		/* the map is monotonic and inside the original */
		size_t len = strlen(a), prev = 0;
		for (size_t off = 0; off <= len; off++) {
			size_t e = slant_norm_orig_end(fast, off);
			assert_true(e >= prev);
			assert_true(e <= n);
			assert_true(slant_norm_orig_start(fast, off) <= n);
			prev = e;
		}
	}
	slant_norm_free(fast);
	slant_norm_free(slow);
}

static void test_invalid_utf8_is_refused(void **state)
{
	struct slant_norm *nm = slant_norm_new();
	struct slant_err err;

	(void)state;
	slant_err_clear(&err);
	assert_int_equal(slant_norm_run(nm, "a\xFF", 2, 0, &err), SLANT_EDATA);
	assert_int_not_equal(err.msg[0], '\0');
	slant_norm_free(nm);
}

static long repair(const char *in, size_t n, char *out, size_t size)
{
	struct slant_buf b;
	long bad;

	slant_buf_init(&b, 0);
	bad = slant_utf8_repair(in, n, &b);
	snprintf(out, size, "%s", b.data);
	slant_buf_release(&b);
	return bad;
}

static void test_repair(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(repair("ok \xE2\x80\x99", 6, out, sizeof(out)), 0);
	assert_string_equal(out, "ok \xE2\x80\x99");
	assert_int_equal(repair("a\xFF" "b", 3, out, sizeof(out)), 1);
	assert_string_equal(out, "a\xEF\xBF\xBD" "b");
	/* overlong slash, a surrogate, a truncated sequence at the end, and NUL */
	assert_int_equal(repair("\xC0\xAF", 2, out, sizeof(out)), 2);
	assert_int_equal(repair("\xED\xA0\x80", 3, out, sizeof(out)), 3);
	assert_int_equal(repair("x\xE2\x80", 3, out, sizeof(out)), 2);
	assert_string_equal(out, "x\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_int_equal(repair("a\0b", 3, out, sizeof(out)), 1);
	assert_string_equal(out, "a\xEF\xBF\xBD" "b");
	/* past U+10FFFF */
	assert_int_equal(repair("\xF4\x90\x80\x80", 4, out, sizeof(out)), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_is_lowered_with_identity_map),
		cmocka_unit_test(test_marks_and_dashes_are_unified),
		cmocka_unit_test(test_offsets_point_into_the_original),
		cmocka_unit_test(test_fast_path_equals_utf8proc),
		cmocka_unit_test(test_fast_path_equals_utf8proc_random),
		cmocka_unit_test(test_invalid_utf8_is_refused),
		cmocka_unit_test(test_repair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
