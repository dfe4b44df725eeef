/*
 * fuzz_csv.c - CSV and TSV tables through the corpus reader.
 *
 * The bytes become a .csv file, or a .tsv file when the first byte is odd, read to its end with
 * text taken from content_original and a default outlet; the checks are those of
 * fuzz_read_inputs(). A seed meant as TSV starts with an odd byte ("id", "content_original",
 * "outlet", a BOM), one meant as CSV with an even one ("title", "date", a quotation mark).
 */
#include "fuzz.h"
#include "fuzz_helpers.h"

#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *suffix = size && (data[0] & 1) ? ".tsv" : ".csv";
	char *path = fuzz_temp_file(data, size, suffix);
	const char *paths[] = { path };

	fuzz_read_inputs(paths, 1, fuzz_record_budget(size), NULL, NULL, NULL);
	unlink(path);
	free(path);
	return 0;
}
