/*
 * utf8.c - UTF-8 decoding, validation and repair.
 */
#include "internal.h"

size_t slant_utf8_decode(const unsigned char *s, size_t n, size_t i, int32_t *cp)
{
	unsigned char c = s[i];
	int32_t v;
	size_t len, k;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (n - i < len)
		return 0;
	for (k = 1; k < len; k++) {
		unsigned char d = s[i + k];
		if ((d & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (d & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

size_t slant_utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool slant_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	int32_t cp;

	while (i < n) {
		/* Eight ASCII bytes at a time: news text is mostly ASCII. */
		while (i + 8 <= n) {
			uint64_t w;
			__builtin_memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			/* A zero byte inside the word: the exact check below finds it. */
			if ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (s[i] == 0)
			return false;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t len = slant_utf8_decode(s, n, i, &cp);
		if (!len)
			return false;
		i += len;
	}
	return true;
}

long slant_utf8_repair(const char *str, size_t n, struct slant_buf *out)
{
	static const char fffd[] = "\xEF\xBF\xBD";
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;
	long bad = 0;
	int32_t cp;
	int ret;

	if (slant_utf8_valid(str, n))
		return slant_buf_add(out, str, n) ? SLANT_ENOMEM : 0;
	while (i < n) {
		size_t len = s[i] ? slant_utf8_decode(s, n, i, &cp) : 0;
		if (len) {
			i += len;
			run += len;
			continue;
		}
		ret = slant_buf_add(out, str + i - run, run);
		if (!ret)
			ret = slant_buf_add(out, fffd, 3);
		if (ret)
			return ret;
		run = 0;
		/*
		 * One U+FFFD per maximal invalid subpart would need the decoder's state; one per
		 * byte is simpler and the count then says exactly how many bytes were bad.
		 */
		i++;
		bad++;
	}
	if (slant_buf_add(out, str + n - run, run))
		return SLANT_ENOMEM;
	return bad;
}
