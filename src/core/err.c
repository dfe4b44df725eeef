/*
 * err.c - error records and small allocation helpers.
 */
#include "internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void slant_err_clear(struct slant_err *err)
{
	if (!err)
		return;
	err->code = 0;
	err->msg[0] = '\0';
	err->file[0] = '\0';
	err->line = 0;
	err->byte = -1;
}

static int set_err(struct slant_err *err, int code, const char *file, long line, long byte,
		   const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->byte = byte;
	return code;
}

int slant_fail(struct slant_err *err, int code, const char *file, long line, long byte,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_err(err, code, file, line, byte, fmt, ap);
	va_end(ap);
	return code;
}

int slant_err_set(struct slant_err *err, int code, const char *file, long line,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_err(err, code, file, line, -1, fmt, ap);
	va_end(ap);
	return code;
}

int slant_fail_oom(struct slant_err *err)
{
	return slant_fail(err, SLANT_ENOMEM, NULL, 0, -1, "out of memory");
}

const char *slant_err_text(const struct slant_err *err, char *buf, size_t size)
{
	if (!size)
		return buf;
	if (!err || !err->code) {
		snprintf(buf, size, "no error");
	} else if (err->file[0] && err->line > 0) {
		snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->msg);
	} else if (err->file[0]) {
		snprintf(buf, size, "%s: %s", err->file, err->msg);
	} else {
		snprintf(buf, size, "%s", err->msg[0] ? err->msg : slant_strerror(err->code));
	}
	return buf;
}

const char *slant_strerror(int code)
{
	switch (code) {
	case SLANT_OK: return "success";
	case SLANT_ENOMEM: return "out of memory";
	case SLANT_EIO: return "input/output error";
	case SLANT_EDATA: return "malformed data";
	case SLANT_EUSAGE: return "invalid argument";
	case SLANT_ELIMIT: return "size limit reached";
	case SLANT_ESTOP: return "stopped";
	}
	return "unknown error";
}

int slant_grow_array(void **arr, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 16;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / size)
			return SLANT_ENOMEM;
		ncap *= 2;
	}
	p = realloc(*arr, ncap * size);
	if (!p)
		return SLANT_ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

size_t slant_split_tabs(const char *s, const char *e, const char **f, size_t *fl, size_t max)
{
	size_t n = 0;

	for (;;) {
		const char *t = memchr(s, '\t', (size_t)(e - s));
		if (n < max) {
			f[n] = s;
			fl[n] = (size_t)((t ? t : e) - s);
		}
		n++;
		if (!t)
			return n;
		s = t + 1;
	}
}

int slant_read_file(const char *path, struct slant_buf *out, struct slant_err *err)
{
	char chunk[65536];
	size_t n;
	int ret = 0;
	FILE *f = fopen(path, "rb");

	if (!f)
		return slant_fail(err, SLANT_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if ((ret = slant_buf_add(out, chunk, n))) {
			ret = slant_fail(err, ret, path, 0, -1, "cannot read: %s", slant_strerror(ret));
			goto out;
		}
	}
	if (ferror(f))
		ret = slant_fail(err, SLANT_EIO, path, 0, -1, "cannot read: %s", strerror(errno));
out:
	fclose(f);
	return ret;
}

int slant_cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *slant_memdup0(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
