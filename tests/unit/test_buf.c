/* test_buf.c - growable buffers, JSON strings and error records. */
#include "test.h"

static void test_init_is_empty_string(void **state)
{
	struct slant_buf b;

	(void)state;
	slant_buf_init(&b, 0);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	slant_buf_reset(&b); /* must not write to shared storage */
	assert_int_equal(b.len, 0);
	slant_buf_release(&b);
}

static void test_add_and_format(void **state)
{
	struct slant_buf b;
	char big[5000];

	(void)state;
	slant_buf_init(&b, 0);
	assert_int_equal(slant_buf_adds(&b, "abc"), 0);
	assert_int_equal(slant_buf_addc(&b, '-'), 0);
	assert_int_equal(slant_buf_addf(&b, "%d/%s", 42, "x"), 0);
	assert_string_equal(b.data, "abc-42/x");
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(slant_buf_addf(&b, "[%s]", big), 0);
	assert_int_equal(b.len, 8 + 2 + 4999);
	assert_int_equal(b.data[b.len - 1], ']');
	assert_int_equal(b.data[b.len], '\0');
	slant_buf_release(&b);
}

static void test_cap_refuses_growth(void **state)
{
	struct slant_buf b;

	(void)state;
	slant_buf_init(&b, 10);
	assert_int_equal(slant_buf_adds(&b, "0123456789"), 0);
	assert_int_equal(slant_buf_addc(&b, 'x'), SLANT_ELIMIT);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");
	slant_buf_release(&b);
}

static void test_json_escaping(void **state)
{
	struct slant_buf b;
	const char in[] = "a\"b\\c\n\t\x01<\xE2\x80\x9C>";

	(void)state;
	slant_buf_init(&b, 0);
	assert_int_equal(slant_buf_add_json(&b, in, sizeof(in) - 1), 0);
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\t\\u0001<\xE2\x80\x9C>\"");
	slant_buf_release(&b);
}

static void test_detach(void **state)
{
	struct slant_buf b;
	size_t n;
	char *s;

	(void)state;
	slant_buf_init(&b, 0);
	s = slant_buf_detach(&b, &n);
	assert_string_equal(s, "");
	assert_int_equal(n, 0);
	free(s);
	slant_buf_adds(&b, "kept");
	s = slant_buf_detach(&b, &n);
	assert_string_equal(s, "kept");
	assert_int_equal(n, 4);
	assert_string_equal(b.data, "");
	free(s);
	slant_buf_release(&b);
}

static void test_err_text(void **state)
{
	struct slant_err e;
	char buf[256];

	(void)state;
	slant_err_clear(&e);
	assert_string_equal(slant_err_text(&e, buf, sizeof(buf)), "no error");
	e.code = SLANT_EDATA;
	snprintf(e.msg, sizeof(e.msg), "missing field \"text\"");
	snprintf(e.file, sizeof(e.file), "corpus.jsonl");
	e.line = 17;
	assert_string_equal(slant_err_text(&e, buf, sizeof(buf)),
			    "corpus.jsonl:17: missing field \"text\"");
	e.line = 0;
	assert_string_equal(slant_err_text(&e, buf, sizeof(buf)),
			    "corpus.jsonl: missing field \"text\"");
	assert_string_equal(slant_strerror(SLANT_ENOMEM), "out of memory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty_string),
		cmocka_unit_test(test_add_and_format),
		cmocka_unit_test(test_cap_refuses_growth),
		cmocka_unit_test(test_json_escaping),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_err_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
