/*
 * model.h - the model's insides, shared by model.c (load, save, predict) and train.c;
 * not installed.
 */
#ifndef SLANT_MODEL_H
#define SLANT_MODEL_H

#include "slant.h"

#include <linear.h>
#include <svm.h>
#include <stdint.h>

/* A data file the model was trained with, and its checksum. */
struct model_res {
	int kind;   /* SLANT_RES_* */
	char *name;
	char sum[17]; /* 64-bit FNV-1a of its bytes, hex */
};

struct slant_model {
	int kernel;              /* enum slant_kernel */
	char **labels;           /* axis order */
	size_t nlabels;
	int axis;
	struct slant_features *f;
	struct slant_lexicon *lx; /* owned, as the people table */
	struct slant_people *pp;
	struct model_res *res;
	size_t nres;
	struct model *lin;       /* liblinear's, for linear models */
	struct svm_model *svm;   /* libsvm's, for kernel models */
	struct svm_node *svm_nodes; /* what a freshly trained svm points into, or NULL */
	size_t ndec;             /* decision values: nlabels, or 1 for two labels */
	/*
	 * Decision values in our order: for several labels, value c is label c's; for two, the
	 * value is the second label's (positive: the second). W is (dim + 1) x ndec by feature
	 * index (row 0 unused), bias[ndec].
	 */
	double *W, *bias;
	double *calib;           /* nlabels x (ndec + 1): intercept, then a weight per value */
	double C, gamma;
	unsigned doc_flags;      /* SLANT_DOC_* of the training texts */
	char *training;          /* meta.json's "training" object, as JSON text */
	char *meta;              /* meta.json as loaded or saved */
};

/* Fills m->W and m->bias from m->lin (whose labels are our label index + 1). */
int slant_model_weights(struct slant_model *m);

/* 64-bit FNV-1a of data, as 16 hex digits into out[17]. */
void slant_model_checksum(const void *data, size_t len, char out[17]);

/* Softmax of the calibration over decision values dec: p[nlabels]. */
void slant_model_calibrate(const struct slant_model *m, const double *dec, double *p);

#endif
