/*
 * fuzz_jsonl.c - JSON Lines through the corpus reader.
 *
 * The bytes become a .jsonl file, read to its end with text taken from content_original and a
 * default outlet. Bad records must come back as SLANT_EDATA or SLANT_ELIMIT with reading going
 * on; every kept article must have id, outlet and text, all valid UTF-8 (fuzz_read_inputs()).
 */
#include "fuzz.h"
#include "fuzz_helpers.h"

#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_temp_file(data, size, ".jsonl");
	const char *paths[] = { path };

	fuzz_read_inputs(paths, 1, fuzz_record_budget(size), NULL, NULL, NULL);
	unlink(path);
	free(path);
	return 0;
}
