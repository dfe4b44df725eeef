/*
 * fuzz_main.c - the regression driver: runs saved inputs through a fuzz target without
 * libFuzzer, so ctest replays every corpus on each build.
 *
 *   fuzz_<name> PATH...
 *
 * A directory runs every regular file in it (not recursing, in name order, hidden files
 * included); a file runs itself. Prints "N inputs ok" and exits 0; a failed check aborts
 * (after naming the input on stderr), and a path that cannot be read exits 1.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the whole file; NULL (with a message) when it cannot. */
static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t n = 0, cap = 0, got;

	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 4096;
			uint8_t *p = realloc(data, ncap);
			if (!p) {
				fprintf(stderr, "%s: out of memory\n", path);
				free(data);
				fclose(f);
				return NULL;
			}
			data = p;
			cap = ncap;
		}
		got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", path);
		free(data);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*size = n;
	return data;
}

static int run_file(const char *path)
{
	size_t size = 0;
	uint8_t *data = read_file(path, &size);

	if (!data)
		return -1;
	fprintf(stderr, "running %s (%zu bytes)\n", path, size);
	/* An exact-size copy, so reading past the input is caught by a sanitizer. */
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy) {
		free(data);
		return -1;
	}
	if (size)
		memcpy(copy, data, size);
	free(data);
	LLVMFuzzerTestOneInput(copy, size);
	free(copy);
	return 0;
}

static int run_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int ret = 0;

	if (!d) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			char **p = realloc(names, ncap * sizeof(*names));
			if (!p) {
				fprintf(stderr, "%s: out of memory\n", dir);
				ret = -1;
				break;
			}
			names = p;
			cap = ncap;
		}
		size_t len = strlen(dir) + strlen(de->d_name) + 2;
		if (!(names[n] = malloc(len))) {
			fprintf(stderr, "%s: out of memory\n", dir);
			ret = -1;
			break;
		}
		snprintf(names[n], len, "%s/%s", dir, de->d_name);
		n++;
	}
	closedir(d);
	if (names)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n && !ret; i++) {
		struct stat sb;
		if (stat(names[i], &sb) < 0) {
			fprintf(stderr, "%s: %s\n", names[i], strerror(errno));
			ret = -1;
		} else if (S_ISREG(sb.st_mode)) {
			ret = run_file(names[i]);
			if (!ret)
				(*count)++;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ret;
}

int main(int argc, char **argv)
{
	size_t count = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) < 0) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		if (S_ISDIR(sb.st_mode)) {
			if (run_dir(argv[i], &count))
				return 1;
		} else {
			if (run_file(argv[i]))
				return 1;
			count++;
		}
	}
	printf("%zu inputs ok\n", count);
	return 0;
}
