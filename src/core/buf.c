/*
 * buf.c - growable, capped byte buffers (git's strbuf guarantees, curl's dynbuf cap).
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every empty buffer points here, so `data` is never NULL and reading it is always safe. */
static char empty_data[1];

void slant_buf_init(struct slant_buf *b, size_t max)
{
	b->data = empty_data;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void slant_buf_release(struct slant_buf *b)
{
	if (b->cap)
		free(b->data);
	slant_buf_init(b, b->max);
}

void slant_buf_reset(struct slant_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

int slant_buf_grow(struct slant_buf *b, size_t extra)
{
	size_t need, ncap;
	char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return SLANT_ENOMEM;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	if (b->max && need > b->max + 1)
		return SLANT_ELIMIT;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	if (b->max && ncap > b->max + 1)
		ncap = b->max + 1;
	p = realloc(b->cap ? b->data : NULL, ncap);
	if (!p)
		return SLANT_ENOMEM;
	if (!b->cap)
		p[0] = '\0';
	b->data = p;
	b->cap = ncap;
	return 0;
}

int slant_buf_add(struct slant_buf *b, const void *data, size_t len)
{
	int ret = slant_buf_grow(b, len);

	if (ret)
		return ret;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int slant_buf_adds(struct slant_buf *b, const char *s)
{
	return slant_buf_add(b, s, strlen(s));
}

int slant_buf_addc(struct slant_buf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		int ret = slant_buf_grow(b, 1);
		if (ret)
			return ret;
	}
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
	return 0;
}

int slant_buf_addu(struct slant_buf *b, unsigned long long v)
{
	char tmp[24];
	size_t n = sizeof(tmp);

	do
		tmp[--n] = (char)('0' + v % 10);
	while (v /= 10);
	return slant_buf_add(b, tmp + n, sizeof(tmp) - n);
}

int slant_buf_addf(struct slant_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, ret;

	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->cap ? b->cap - b->len : 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return SLANT_EUSAGE;
	if ((size_t)n < (b->cap ? b->cap - b->len : 0)) {
		b->len += (size_t)n;
		return 0;
	}
	ret = slant_buf_grow(b, (size_t)n);
	if (ret)
		return ret;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int slant_buf_add_json(struct slant_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;
	int ret;

	/* Worst case every byte becomes \u00XX: reserve once, then write without checks. */
	if (len > (SIZE_MAX - 2) / 6)
		return SLANT_ENOMEM;
	ret = slant_buf_grow(b, len * 6 + 2);
	if (ret)
		return ret;
	char *o = b->data + b->len;
	*o++ = '"';
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\') {
			run++;
			continue;
		}
		memcpy(o, s + i - run, run);
		o += run;
		run = 0;
		*o++ = '\\';
		switch (c) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\n': *o++ = 'n'; break;
		case '\r': *o++ = 'r'; break;
		case '\t': *o++ = 't'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		default:
			*o++ = 'u';
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	memcpy(o, s + len - run, run);
	o += run;
	*o++ = '"';
	*o = '\0';
	b->len = (size_t)(o - b->data);
	return 0;
}

char *slant_buf_detach(struct slant_buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = b->len;
	if (b->cap) {
		p = b->data;
	} else {
		p = malloc(1);
		if (!p)
			return NULL;
		p[0] = '\0';
	}
	slant_buf_init(b, b->max);
	return p;
}
