/* test_people.c - the people table's surname index. */
#include "test.h"
#include "quotes/people.h"

static const char speakers_tsv[] =
	"name\taliases\tgroup\trole\tnote\n"
	"JR Halloway\tJ.R. Halloway\tdemocrat\tgovernor\t\n"
	"Dana Whitcomb\t\trepublican\tgovernor\t\n"
	"Kim Whitcomb\t\tdemocrat\tsenator\t\n"
	"Marcus Ortega-Lind Jr.\t\tcivil-society\tactivist\t\n"
	"Customs and Border Protection\tCBP\tfederal\tagency\t\n"
	"Madonna\t\tpublic\t\t\n";

/* One person per surname, by the last word without a suffix; shared and one-word names: none. */
static void test_by_surname(void **state)
{
	struct slant_people *pp = slant_people_new();
	struct slant_err err;

	(void)state;
	assert_int_equal(slant_people_by_surname(pp, "halloway"), UINT32_MAX);
	assert_int_equal(slant_people_parse(pp, SLANT_PEOPLE_SPEAKERS, speakers_tsv,
					    strlen(speakers_tsv), "speakers", &err), 0);
	uint32_t p = slant_people_by_surname(pp, "halloway");
	assert_int_not_equal(p, UINT32_MAX);
	assert_string_equal(pp->speakers[p].name, "JR Halloway");
	p = slant_people_by_surname(pp, "ortega-lind");
	assert_int_not_equal(p, UINT32_MAX);
	assert_string_equal(pp->speakers[p].name, "Marcus Ortega-Lind Jr.");
	assert_int_equal(slant_people_by_surname(pp, "whitcomb"), UINT32_MAX); /* two people */
	assert_int_equal(slant_people_by_surname(pp, "madonna"), UINT32_MAX);  /* one word */
	assert_int_equal(slant_people_by_surname(pp, "protection"), UINT32_MAX); /* an agency */
	assert_int_equal(slant_people_by_surname(pp, "Halloway"), UINT32_MAX); /* keys are lower case */
	assert_int_equal(slant_people_by_surname(pp, "hallowa"), UINT32_MAX);
	assert_int_equal(slant_people_by_surname(pp, ""), UINT32_MAX);
	assert_int_equal(slant_people_by_surname(NULL, "halloway"), UINT32_MAX);
	slant_people_free(pp);
}

/* Many surnames: the index grows and still finds each one. */
static void test_by_surname_many(void **state)
{
	struct slant_buf tsv;
	struct slant_people *pp = slant_people_new();
	struct slant_err err;
	char line[128], key[64];

	(void)state;
	slant_buf_init(&tsv, 0);
	assert_int_equal(slant_buf_adds(&tsv, "name\taliases\tgroup\trole\tnote\n"), 0);
	for (int i = 0; i < 3000; i++) {
		snprintf(line, sizeof(line), "Person Surname%dx\t\tpublic\t\t\n", i);
		assert_int_equal(slant_buf_adds(&tsv, line), 0);
	}
	assert_int_equal(slant_people_parse(pp, SLANT_PEOPLE_SPEAKERS, tsv.data, tsv.len,
					    "speakers", &err), 0);
	for (int i = 0; i < 3000; i++) {
		snprintf(key, sizeof(key), "surname%dx", i);
		uint32_t p = slant_people_by_surname(pp, key);
		assert_int_not_equal(p, UINT32_MAX);
		snprintf(line, sizeof(line), "Person Surname%dx", i);
		assert_string_equal(pp->speakers[p].name, line);
	}
	assert_int_equal(slant_people_by_surname(pp, "surname3000x"), UINT32_MAX);
	slant_buf_release(&tsv);
	slant_people_free(pp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_surname),
		cmocka_unit_test(test_by_surname_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
