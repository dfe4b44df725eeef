/*
 * doc.h - what the matchers need of an analysed document beyond slant.h: each token's text
 * hashes, made once when the document is analysed; not installed.
 */
#ifndef SLANT_TEXT_DOC_H
#define SLANT_TEXT_DOC_H

#include "internal.h"

#include <string.h>

/* Mixes the bits of `h` (the finaliser of MurmurHash3). */
static inline uint64_t slant_text_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

/*
 * The hash the lexicon matcher keys its trie and bit sets with (the people table and the
 * sentence splitter use it too).
 */
static inline uint64_t slant_text_hash(const char *s, size_t n)
{
	uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ULL, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 29;
	}
	if (n) {
		w = 0;
		for (size_t i = 0; i < n; i++)
			w |= (uint64_t)(unsigned char)s[i] << (8 * i);
		h = (h ^ w) * 0x94d049bb133111ebULL;
		h ^= h >> 31;
	}
	return h;
}

/* The hash the n-gram features combine into n-gram hashes (features.c). */
static inline uint64_t slant_text_word_hash(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = slant_text_mix(h ^ w);
	}
	w = 0;
	for (size_t i = 0; i < n; i++)
		w |= (uint64_t)(unsigned char)s[i] << (8 * i);
	return slant_text_mix(h ^ w ^ 0xA5);
}

/*
 * slant_text_hash() and slant_text_word_hash() of each token's normalised text, by token
 * index: borrowed, like slant_doc_tokens(), until the document's next analysis or free.
 */
const uint64_t *slant_doc_hashes(const struct slant_doc *d);
const uint64_t *slant_doc_word_hashes(const struct slant_doc *d);

/*
 * The buffer that tokens' `norm` offsets index (slant_doc_norm() is data + tok->norm), for
 * loops that read every token's text; borrowed like slant_doc_tokens().
 */
const char *slant_doc_norm_data(const struct slant_doc *d);

#endif
