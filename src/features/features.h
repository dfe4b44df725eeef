/*
 * features.h - what the model module needs of a feature definition to save and load it;
 * not installed.
 */
#ifndef SLANT_FEATURES_H
#define SLANT_FEATURES_H

#include "slant.h"

#include <stdint.h>

/* The vocabulary as vocab.tsv holds it: "ngram<TAB>df<TAB>idf" lines in index order, after a
 * "# slant vocabulary: N articles" line. Appends to `out`. */
int slant_features_write_vocab(const struct slant_features *f, struct slant_buf *out);

/* Reads vocab.tsv (`name` for messages), replacing any vocabulary. SLANT_EDATA with the line
 * on anything malformed: a bad count, a duplicate n-gram, an n-gram longer than max_n. */
int slant_features_read_vocab(struct slant_features *f, const char *data, size_t len,
			      const char *name, struct slant_err *err);

/* Training range of dense feature i. */
void slant_features_range(const struct slant_features *f, size_t i, double *lo, double *hi);
void slant_features_set_range(struct slant_features *f, size_t i, double lo, double hi);

/* Mean of dense feature i over the training articles, scaled (in [0, 1], before the weight):
 * what an explanation measures a dense feature against. */
double slant_features_mean(const struct slant_features *f, size_t i);
void slant_features_set_mean(struct slant_features *f, size_t i, double mean);

/* Articles the vocabulary's document frequencies were counted on. */
uint64_t slant_features_ndocs(const struct slant_features *f);

#endif
