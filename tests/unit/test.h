/*
 * test.h - what the unit tests share: cmocka (Debian's 1.1.5 wants these headers first) and
 * small helpers for files.
 */
#ifndef SLANT_TEST_H
#define SLANT_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "slant.h"

#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

/* A fresh directory under /tmp; the caller removes it with rm_tree(). */
static inline char *make_tmpdir(void)
{
	char tmpl[] = "/tmp/slant-test-XXXXXX";
	char *d = mkdtemp(tmpl);

	assert_non_null(d);
	return strdup(d);
}

/* Writes `data` to dir/name (gzip-compressed when gz) and returns the heap path. */
static inline char *write_file(const char *dir, const char *name, const char *data, size_t len,
			       int gz)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);

	snprintf(path, n, "%s/%s", dir, name);
	if (gz) {
		gzFile f = gzopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(gzwrite(f, data, (unsigned)len), (int)len);
		assert_int_equal(gzclose(f), Z_OK);
	} else {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(data, 1, len, f), len);
		assert_int_equal(fclose(f), 0);
	}
	return path;
}

static inline char *write_str(const char *dir, const char *name, const char *data)
{
	return write_file(dir, name, data, strlen(data), 0);
}

static inline void rm_tree(char *dir)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

#endif
