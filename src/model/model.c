/*
 * model.c - a framing model's directory (meta.json, vocab.tsv, model.liblinear), loaded with
 * every file validated first, saved atomically, and used to score vectors.
 *
 * liblinear reads its model file with fscanf and trusts every count in it: a truncated or
 * edited file makes it read garbage or past its arrays. So the file is parsed here first
 * (header, counts, one row of numbers per feature) and handed to liblinear only when it is
 * well formed and agrees with meta.json and the vocabulary.
 */
#define _GNU_SOURCE /* renameat2() */
#include "model.h"
#include "internal.h"
#include "../features/features.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MODEL_FORMAT 1
#define LIN_FILE "model.liblinear"
#define SVM_FILE "model.libsvm"

static const char *const our_files[] = { "meta.json", "vocab.tsv", LIN_FILE, SVM_FILE };

void slant_model_checksum(const void *data, size_t len, char out[17])
{
	const unsigned char *s = data;
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

void slant_model_free(struct slant_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nlabels; i++)
		free(m->labels[i]);
	free(m->labels);
	slant_features_free(m->f);
	slant_lexicon_free(m->lx);
	slant_people_free(m->pp);
	for (size_t i = 0; i < m->nres; i++)
		free(m->res[i].name);
	free(m->res);
	if (m->lin)
		free_and_destroy_model(&m->lin);
	if (m->svm)
		svm_free_and_destroy_model(&m->svm);
	free(m->svm_nodes);
	free(m->W);
	free(m->bias);
	free(m->calib);
	free(m->training);
	free(m->meta);
	free(m);
}

size_t slant_model_nlabels(const struct slant_model *m)
{
	return m->nlabels;
}

const char *slant_model_label(const struct slant_model *m, size_t i)
{
	return i < m->nlabels ? m->labels[i] : NULL;
}

int slant_model_has_axis(const struct slant_model *m)
{
	return m->axis;
}

const struct slant_features *slant_model_features(const struct slant_model *m)
{
	return m->f;
}

const char *slant_model_meta(const struct slant_model *m)
{
	return m->meta ? m->meta : "";
}

unsigned slant_model_doc_flags(const struct slant_model *m)
{
	return m->doc_flags;
}

const char *slant_model_kind(const struct slant_model *m)
{
	return m->kernel == SLANT_KERNEL_RBF ? "rbf" : m->kernel == SLANT_KERNEL_POLY ? "poly" :
									   "linear";
}

size_t slant_model_ndec(const struct slant_model *m)
{
	return m->ndec;
}

int slant_model_weights(struct slant_model *m)
{
	int nr_class = get_nr_class(m->lin), nr_feature = get_nr_feature(m->lin);
	int labels[64];
	size_t dim = slant_features_dim(m->f);

	if (nr_class != (int)m->nlabels || nr_class > 64)
		return SLANT_EDATA;
	get_labels(m->lin, labels);
	free(m->W);
	free(m->bias);
	m->ndec = m->nlabels == 2 ? 1 : m->nlabels;
	m->W = calloc((dim + 1) * m->ndec, sizeof(double));
	m->bias = calloc(m->ndec, sizeof(double));
	if (!m->W || !m->bias)
		return SLANT_ENOMEM;
	if (m->nlabels == 2) {
		/* liblinear's one value favours its first label: ours is the second's */
		double sign = labels[0] == 2 ? 1 : -1;
		for (size_t j = 1; j <= dim && (int)j <= nr_feature; j++)
			m->W[j] = sign * get_decfun_coef(m->lin, (int)j, 0);
		m->bias[0] = sign * get_decfun_bias(m->lin, 0);
		return 0;
	}
	for (int c = 0; c < nr_class; c++) {
		int ours = labels[c] - 1;
		if (ours < 0 || ours >= (int)m->nlabels)
			return SLANT_EDATA;
		for (size_t j = 1; j <= dim && (int)j <= nr_feature; j++)
			m->W[j * m->ndec + (size_t)ours] = get_decfun_coef(m->lin, (int)j, c);
		m->bias[ours] = get_decfun_bias(m->lin, c);
	}
	return 0;
}

void slant_model_calibrate(const struct slant_model *m, const double *dec, double *p)
{
	double mx = -HUGE_VAL, sum = 0;
	size_t w = m->ndec + 1;

	for (size_t k = 0; k < m->nlabels; k++) {
		const double *a = m->calib + k * w;
		double z = a[0];
		for (size_t c = 0; c < m->ndec; c++)
			z += a[c + 1] * dec[c];
		p[k] = z;
		mx = z > mx ? z : mx;
	}
	for (size_t k = 0; k < m->nlabels; k++)
		sum += (p[k] = exp(p[k] - mx));
	for (size_t k = 0; k < m->nlabels; k++)
		p[k] /= sum;
}

int slant_prediction_init(struct slant_prediction *p, const struct slant_model *m)
{
	memset(p, 0, sizeof(*p));
	p->prob = calloc(m->nlabels, sizeof(double));
	p->dec = calloc(m->ndec ? m->ndec : 1, sizeof(double));
	if (!p->prob || !p->dec) {
		slant_prediction_release(p);
		return SLANT_ENOMEM;
	}
	return 0;
}

void slant_prediction_release(struct slant_prediction *p)
{
	free(p->prob);
	free(p->dec);
	memset(p, 0, sizeof(*p));
}

/* Position of label k on the axis: -1 for the first to +1 for the last. */
static double axis_pos(const struct slant_model *m, size_t k)
{
	return m->nlabels > 1 ? -1.0 + 2.0 * (double)k / (double)(m->nlabels - 1) : 0;
}

static int cmp_node(const void *a, const void *b)
{
	int x = ((const struct svm_node *)a)->index, y = ((const struct svm_node *)b)->index;
	return (x > y) - (x < y);
}

/* A kernel model's prediction: libsvm's decision values and probability estimates. */
static int predict_svm(const struct slant_model *m, const struct slant_fvec *x,
		       struct slant_prediction *p, struct slant_err *err)
{
	size_t dim = slant_features_dim(m->f), n = 0;
	struct svm_node *nodes = malloc((x->n + 1) * sizeof(*nodes));
	double prob[64];
	int labels[64];

	if (!nodes)
		return slant_fail_oom(err);
	for (size_t i = 0; i < x->n; i++)
		if (x->v[i].index >= 1 && x->v[i].index <= dim)
			nodes[n++] = (struct svm_node){ (int)x->v[i].index, x->v[i].value };
	/* libsvm wants ascending indices; a vector may come in any order */
	for (size_t i = 1; i < n; i++)
		if (nodes[i].index < nodes[i - 1].index) {
			qsort(nodes, n, sizeof(*nodes), cmp_node);
			break;
		}
	nodes[n] = (struct svm_node){ -1, 0 };
	svm_predict_values(m->svm, nodes, p->dec);
	svm_predict_probability(m->svm, nodes, prob);
	free(nodes);
	svm_get_labels(m->svm, labels);
	for (size_t k = 0; k < m->nlabels; k++)
		p->prob[labels[k] - 1] = prob[k];
	return 0;
}

int slant_model_predict(const struct slant_model *m, const struct slant_fvec *x,
			struct slant_prediction *p, struct slant_err *err)
{
	size_t dim = slant_features_dim(m->f);

	if (m->svm) {
		int ret = predict_svm(m, x, p, err);
		if (ret)
			return ret;
		goto label;
	}
	for (size_t c = 0; c < m->ndec; c++)
		p->dec[c] = m->bias[c];
	/* the weight rows are scattered over megabytes: fetch them ahead (see features.c) */
	for (size_t i = 0; i < x->n; i++)
		if (x->v[i].index <= dim)
			__builtin_prefetch(m->W + (size_t)x->v[i].index * m->ndec);
	for (size_t i = 0; i < x->n; i++) {
		uint32_t j = x->v[i].index;
		if (j < 1 || j > dim)
			continue;
		const double *w = m->W + (size_t)j * m->ndec;
		for (size_t c = 0; c < m->ndec; c++)
			p->dec[c] += w[c] * x->v[i].value;
	}
	slant_model_calibrate(m, p->dec, p->prob);
label:
	p->label = 0;
	p->score = 0;
	for (size_t k = 0; k < m->nlabels; k++) {
		if (p->prob[k] > p->prob[p->label])
			p->label = k;
		p->score += axis_pos(m, k) * p->prob[k];
	}
	return 0;
}

static int cmp_contrib(const void *a, const void *b)
{
	double x = ((const struct slant_feat *)a)->value, y = ((const struct slant_feat *)b)->value;
	return (x < y) - (x > y);
}

/* Feature j's weight along the score's direction u (in decision values). */
static double along(const struct slant_model *m, const double *u, uint32_t j)
{
	double s = 0;
	for (size_t c = 0; c < m->ndec && c < 64; c++)
		s += m->W[(size_t)j * m->ndec + c] * u[c];
	return s;
}

int slant_model_explain(const struct slant_model *m, const struct slant_fvec *x, size_t n,
			struct slant_feat *pos, size_t *npos, struct slant_feat *neg, size_t *nneg)
{
	size_t dim = slant_features_dim(m->f), w = m->ndec + 1;
	size_t nd = slant_features_ndense(m->f), nv = dim - nd;
	double u[64] = { 0 }, dw = slant_features_dense_weight(m->f);
	struct slant_feat *all = malloc((x->n + nd + 1) * sizeof(*all));

	*npos = *nneg = 0;
	if (!all)
		return SLANT_ENOMEM;
	if (!m->W) { /* a kernel model has no weight per feature */
		free(all);
		return SLANT_EUSAGE;
	}
	/* the score's direction in decision values, through the calibration's weights */
	for (size_t k = 0; k < m->nlabels; k++)
		for (size_t c = 0; c < m->ndec && c < 64; c++)
			u[c] += axis_pos(m, k) * m->calib[k * w + c + 1];
	/*
	 * An n-gram pushes by its weight times its value: most articles lack most n-grams, so
	 * zero is where they stand. A dense feature is measured against its training mean
	 * instead: every article has a lexicon rate, and measured from zero the same few would
	 * head every list whatever the article says. Dense features may be absent from x (zero).
	 */
	double *dv = nd ? calloc(nd, sizeof(*dv)) : NULL;
	if (nd && !dv) {
		free(all);
		return SLANT_ENOMEM;
	}
	size_t na = 0;
	for (size_t i = 0; i < x->n; i++) {
		uint32_t j = x->v[i].index;
		if (j < 1 || j > dim)
			continue;
		if (j > nv) {
			dv[j - nv - 1] = x->v[i].value;
			continue;
		}
		all[na++] = (struct slant_feat){ j, along(m, u, j) * x->v[i].value };
	}
	for (size_t k = 0; k < nd; k++) {
		uint32_t j = (uint32_t)(nv + k + 1);
		double c = along(m, u, j) * (dv[k] - dw * slant_features_mean(m->f, k));
		if (c != 0)
			all[na++] = (struct slant_feat){ j, c };
	}
	free(dv);
	qsort(all, na, sizeof(*all), cmp_contrib);
	for (size_t i = 0; i < na && *npos < n && all[i].value > 0; i++)
		pos[(*npos)++] = all[i];
	for (size_t i = na; i-- > 0 && *nneg < n && all[i].value < 0;)
		neg[(*nneg)++] = all[i];
	free(all);
	return 0;
}

/* ------------------------------------------------------------------- load */

static int fail_file(struct slant_err *err, const char *dir, const char *file, long line,
		     const char *msg)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return slant_fail(err, SLANT_EDATA, path, line, -1, "%s", msg);
}

static const char *const solver_names[] = {
	[L2R_LR] = "L2R_LR", [L2R_L2LOSS_SVC_DUAL] = "L2R_L2LOSS_SVC_DUAL",
	[L2R_L2LOSS_SVC] = "L2R_L2LOSS_SVC", [L2R_L1LOSS_SVC_DUAL] = "L2R_L1LOSS_SVC_DUAL",
	[MCSVM_CS] = "MCSVM_CS", [L2R_LR_DUAL] = "L2R_LR_DUAL",
};

/*
 * Reads a liblinear model file into *out (the caller's, freed with free_and_destroy_model()),
 * checking what liblinear's load_model() trusts: its header, that it has `nlabels` classes
 * labelled 1..n, `dim` features, a bias, and one row of the right count of finite numbers per
 * feature. One pass instead of a check and then liblinear's own fscanf reader, a third of
 * `slant score`'s start-up.
 */
static int read_liblinear(const char *data, size_t len, size_t nlabels, size_t dim,
			  struct model **out, const char *dir, struct slant_err *err)
{
	const char *s = data, *end = data + len;
	long line = 0;
	long nr_class = -1, nr_feature = -1;
	int solver_type = -1, label[64];
	struct model *md = NULL;
	int ret = 0;
	/* the order liblinear writes, which its reader relies on (labels after nr_class) */
	static const char *const order[] = { "solver_type", "nr_class", "label", "nr_feature",
					     "bias", "w" };
	size_t next = 0;
	double bias = -2;
	bool mcsvm = false, labels = false, solver = false;
	char msg[160];

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			return fail_file(err, dir, LIN_FILE, line + 1, "truncated header");
		line++;
		char buf[512];
		size_t n = (size_t)(nl - s);
		if (n >= sizeof(buf))
			return fail_file(err, dir, LIN_FILE, line, "header line too long");
		memcpy(buf, s, n);
		buf[n] = '\0';
		s = nl + 1;
		char *v = strchr(buf, ' ');
		if (v)
			*v++ = '\0';
		if (next >= SLANT_ARRAY_SIZE(order) || strcmp(buf, order[next])) {
			snprintf(msg, sizeof(msg), "expected \"%s\" here",
				 next < SLANT_ARRAY_SIZE(order) ? order[next] : "w");
			return fail_file(err, dir, LIN_FILE, line, msg);
		}
		next++;
		if (!strcmp(buf, "w")) {
			if (v)
				return fail_file(err, dir, LIN_FILE, line, "text after \"w\"");
			break;
		}
		if (!v)
			return fail_file(err, dir, LIN_FILE, line, "a header line without its value");
		char *e;
		if (!strcmp(buf, "solver_type")) {
			if (strcmp(v, "L2R_L2LOSS_SVC_DUAL") && strcmp(v, "L2R_L2LOSS_SVC") &&
			    strcmp(v, "L2R_L1LOSS_SVC_DUAL") && strcmp(v, "MCSVM_CS") &&
			    strcmp(v, "L2R_LR") && strcmp(v, "L2R_LR_DUAL"))
				return fail_file(err, dir, LIN_FILE, line, "unsupported solver_type");
			mcsvm = !strcmp(v, "MCSVM_CS");
			solver = true;
			for (size_t k = 0; k < SLANT_ARRAY_SIZE(solver_names); k++)
				if (solver_names[k] && !strcmp(v, solver_names[k]))
					solver_type = (int)k;
		} else if (!strcmp(buf, "nr_class")) {
			nr_class = strtol(v, &e, 10);
			if (*e || nr_class != (long)nlabels)
				return fail_file(err, dir, LIN_FILE, line,
						 "nr_class disagrees with meta.json's labels");
		} else if (!strcmp(buf, "label")) {
			/* labels 1..n, each once */
			bool seen[64] = { false };
			long k = 0;
			char *save = NULL;
			for (char *t = strtok_r(v, " ", &save); t; t = strtok_r(NULL, " ", &save), k++) {
				long l = strtol(t, &e, 10);
				if (*e || l < 1 || l > (long)nlabels || l > 64 || seen[l - 1])
					return fail_file(err, dir, LIN_FILE, line, "bad label line");
				seen[l - 1] = true;
				label[k] = (int)l;
			}
			if (k != (long)nlabels)
				return fail_file(err, dir, LIN_FILE, line, "bad label count");
			labels = true;
		} else if (!strcmp(buf, "nr_feature")) {
			nr_feature = strtol(v, &e, 10);
			if (*e || nr_feature != (long)dim)
				return fail_file(err, dir, LIN_FILE, line,
						 "nr_feature disagrees with the vocabulary and dense features");
		} else if (!strcmp(buf, "bias")) {
			bias = strtod(v, &e);
			if (*e || !isfinite(bias))
				return fail_file(err, dir, LIN_FILE, line, "bad bias");
		} else {
			return fail_file(err, dir, LIN_FILE, line, "unknown header line");
		}
	}
	if (next != SLANT_ARRAY_SIZE(order) || !solver || nr_class < 0 || !labels ||
	    nr_feature < 0 || bias == -2)
		return fail_file(err, dir, LIN_FILE, line, "incomplete header");
	long rows = nr_feature + (bias >= 0 ? 1 : 0);
	long per = nr_class == 2 && !mcsvm ? 1 : nr_class;
	if (!(md = calloc(1, sizeof(*md))) || !(md->label = malloc((size_t)nr_class * sizeof(int))) ||
	    !(md->w = malloc((size_t)(rows * per + 1) * sizeof(double)))) {
		ret = slant_fail_oom(err);
		goto out;
	}
	md->param.solver_type = solver_type;
	md->nr_class = (int)nr_class;
	md->nr_feature = (int)nr_feature;
	md->bias = bias;
	memcpy(md->label, label, (size_t)nr_class * sizeof(int));
	for (long r = 0; r < rows; r++) {
		line++;
		for (long k = 0; k < per; k++) {
			while (s < end && *s == ' ')
				s++;
			if (s >= end || *s == '\n') {
				snprintf(msg, sizeof(msg), "row %ld: %ld weights, expected %ld", r + 1, k, per);
				ret = fail_file(err, dir, LIN_FILE, line, msg);
				goto out;
			}
			char num[64];
			size_t n = 0;
			while (s < end && *s != ' ' && *s != '\n' && n + 1 < sizeof(num))
				num[n++] = *s++;
			num[n] = '\0';
			char *e;
			double x = strtod(num, &e);
			if (*e || !n || !isfinite(x)) {
				ret = fail_file(err, dir, LIN_FILE, line, "bad weight");
				goto out;
			}
			md->w[r * per + k] = x;
		}
		while (s < end && *s == ' ')
			s++;
		if (s >= end || *s != '\n') {
			ret = fail_file(err, dir, LIN_FILE, line, "truncated or overlong weight row");
			goto out;
		}
		s++;
	}
	if (s != end) {
		ret = fail_file(err, dir, LIN_FILE, line + 1, "data after the last weight row");
		goto out;
	}
	*out = md;
	md = NULL;
out:
	if (md)
		free_and_destroy_model(&md);
	return ret;
}

/* Reads `count` numbers (integers when `ints`) from the text after a header word. */
static bool header_numbers(char *v, long count, bool ints, double *out)
{
	long k = 0;
	char *e, *save = NULL;

	for (char *t = strtok_r(v, " ", &save); t; t = strtok_r(NULL, " ", &save), k++) {
		if (k >= count)
			return false;
		double x = ints ? (double)strtol(t, &e, 10) : strtod(t, &e);
		if (*e || !isfinite(x))
			return false;
		if (out)
			out[k] = x;
	}
	return k == count;
}

/*
 * Checks a libsvm model file as svm_save_model() writes it: a C-SVC with an rbf or poly
 * kernel, `nlabels` classes labelled 1..n, probability estimates, and total_sv support vectors
 * whose coefficients and indices (ascending, 1..dim) are well formed. svm_load_model() checks
 * none of it.
 */
static int check_libsvm(const char *data, size_t len, size_t nlabels, size_t dim,
			const char *dir, struct slant_err *err)
{
	const char *s = data, *end = data + len;
	long line = 0, pairs = (long)(nlabels * (nlabels - 1) / 2), total = -1;
	const char *const poly[] = { "svm_type", "kernel_type", "degree", "gamma", "coef0",
				     "nr_class", "total_sv", "rho", "label", "probA", "probB",
				     "nr_sv", "SV" };
	const char *const rbf[] = { "svm_type", "kernel_type", "gamma", "nr_class", "total_sv",
				    "rho", "label", "probA", "probB", "nr_sv", "SV" };
	const char *const *order = rbf;
	size_t norder = SLANT_ARRAY_SIZE(rbf), next = 0;
	char msg[160], buf[4096];

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			return fail_file(err, dir, SVM_FILE, line + 1, "truncated header");
		line++;
		size_t n = (size_t)(nl - s);
		if (n >= sizeof(buf))
			return fail_file(err, dir, SVM_FILE, line, "header line too long");
		memcpy(buf, s, n);
		buf[n] = '\0';
		s = nl + 1;
		char *v = strchr(buf, ' ');
		if (v)
			*v++ = '\0';
		if (next >= norder || strcmp(buf, order[next])) {
			snprintf(msg, sizeof(msg), "expected \"%s\" here", next < norder ? order[next] : "SV");
			return fail_file(err, dir, SVM_FILE, line, msg);
		}
		next++;
		if (!strcmp(buf, "SV"))
			break;
		if (!v)
			return fail_file(err, dir, SVM_FILE, line, "a header line without its value");
		double x[64];
		bool ok = true;
		if (!strcmp(buf, "svm_type")) {
			ok = !strcmp(v, "c_svc");
		} else if (!strcmp(buf, "kernel_type")) {
			ok = !strcmp(v, "rbf") || !strcmp(v, "polynomial");
			if (!strcmp(v, "polynomial")) {
				order = poly;
				norder = SLANT_ARRAY_SIZE(poly);
			}
		} else if (!strcmp(buf, "degree")) {
			ok = header_numbers(v, 1, true, x) && x[0] >= 1 && x[0] <= 10;
		} else if (!strcmp(buf, "gamma") || !strcmp(buf, "coef0")) {
			ok = header_numbers(v, 1, false, x);
		} else if (!strcmp(buf, "nr_class")) {
			ok = header_numbers(v, 1, true, x) && x[0] == (double)nlabels;
		} else if (!strcmp(buf, "total_sv")) {
			ok = header_numbers(v, 1, true, x) && x[0] >= 1 && x[0] < 1e9;
			total = ok ? (long)x[0] : -1;
		} else if (!strcmp(buf, "rho") || !strcmp(buf, "probA") || !strcmp(buf, "probB")) {
			ok = header_numbers(v, pairs, false, NULL);
		} else if (!strcmp(buf, "label")) {
			bool seen[64] = { false };
			ok = nlabels <= 64 && header_numbers(v, (long)nlabels, true, x);
			for (size_t k = 0; ok && k < nlabels; k++) {
				ok = x[k] >= 1 && x[k] <= (double)nlabels && !seen[(int)x[k] - 1];
				if (ok)
					seen[(int)x[k] - 1] = true;
			}
		} else if (!strcmp(buf, "nr_sv")) {
			ok = header_numbers(v, (long)nlabels, true, x);
			double sum = 0;
			for (size_t k = 0; ok && k < nlabels; k++) {
				ok = x[k] >= 0;
				sum += x[k];
			}
			ok = ok && sum == (double)total;
		}
		if (!ok) {
			snprintf(msg, sizeof(msg), "bad \"%.40s\" line", buf);
			return fail_file(err, dir, SVM_FILE, line, msg);
		}
	}
	if (next != norder)
		return fail_file(err, dir, SVM_FILE, line, "incomplete header");
	for (long r = 0; r < total; r++) {
		line++;
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl) {
			snprintf(msg, sizeof(msg), "%ld support vectors, expected %ld", r, total);
			return fail_file(err, dir, SVM_FILE, line, msg);
		}
		long k = 0, last = 0;
		for (const char *t = s; t < nl;) {
			while (t < nl && *t == ' ')
				t++;
			if (t >= nl)
				break;
			char num[96];
			size_t n = 0;
			while (t < nl && *t != ' ' && n + 1 < sizeof(num))
				num[n++] = *t++;
			num[n] = '\0';
			char *e, *colon = strchr(num, ':');
			if (k < (long)nlabels - 1) {
				double c = strtod(num, &e);
				if (colon || *e || !isfinite(c))
					return fail_file(err, dir, SVM_FILE, line, "bad coefficient");
			} else {
				if (!colon)
					return fail_file(err, dir, SVM_FILE, line, "expected index:value");
				*colon = '\0';
				long idx = strtol(num, &e, 10);
				if (*e || idx <= last || idx > (long)dim)
					return fail_file(err, dir, SVM_FILE, line,
							 "bad feature index (not ascending, or past the features)");
				double x = strtod(colon + 1, &e);
				if (*e || !isfinite(x))
					return fail_file(err, dir, SVM_FILE, line, "bad feature value");
				last = idx;
			}
			k++;
		}
		if (k < (long)nlabels - 1)
			return fail_file(err, dir, SVM_FILE, line, "too few coefficients");
		s = nl + 1;
	}
	if (s != end)
		return fail_file(err, dir, SVM_FILE, line + 1, "data after the last support vector");
	return 0;
}

static int read_in(const char *dir, const char *file, struct slant_buf *b, struct slant_err *err)
{
	char path[4096];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, file) >= sizeof(path))
		return slant_fail(err, SLANT_EIO, dir, 0, -1, "path too long");
	return slant_read_file(path, b, err);
}

static const cJSON *get(const cJSON *o, const char *key, int type)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		return NULL;
	if ((type == cJSON_Number && !cJSON_IsNumber(v)) || (type == cJSON_String && !cJSON_IsString(v)) ||
	    (type == cJSON_Array && !cJSON_IsArray(v)) || (type == cJSON_Object && !cJSON_IsObject(v)) ||
	    (type == cJSON_True && !cJSON_IsBool(v)))
		return NULL;
	return v;
}

static const char *const res_kinds[] = { NULL, "lexicon", "speakers", "roles", "verbs" };

static int load_resources(struct slant_model *m, const cJSON *arr, const char *dir,
			  slant_resolve_fn resolve, void *ctx, struct slant_err *err)
{
	struct slant_buf b;
	int ret = 0;
	size_t n = (size_t)cJSON_GetArraySize(arr);

	slant_buf_init(&b, (size_t)256 << 20);
	if (!(m->res = calloc(n ? n : 1, sizeof(*m->res))) || !(m->lx = slant_lexicon_new()) ||
	    !(m->pp = slant_people_new())) {
		ret = slant_fail_oom(err);
		goto out;
	}
	const cJSON *r;
	cJSON_ArrayForEach(r, arr)
	{
		const cJSON *kind = get(r, "kind", cJSON_String), *name = get(r, "name", cJSON_String),
			    *sum = get(r, "checksum", cJSON_String);
		int k = 0;
		for (int i = 1; kind && i < (int)SLANT_ARRAY_SIZE(res_kinds); i++)
			if (!strcmp(kind->valuestring, res_kinds[i]))
				k = i;
		if (!k || !name || !sum || strlen(sum->valuestring) != 16) {
			ret = fail_file(err, dir, "meta.json", 0, "bad entry in \"resources\"");
			goto out;
		}
		struct model_res *mr = &m->res[m->nres++];
		mr->kind = k;
		if (!(mr->name = strdup(name->valuestring))) {
			ret = slant_fail_oom(err);
			goto out;
		}
		memcpy(mr->sum, sum->valuestring, 17);
		const char *path = resolve ? resolve(mr->name, ctx) : mr->name;
		if (!path) {
			ret = slant_fail(err, SLANT_EIO, dir, 0, -1,
					 "the model needs %s %s, which cannot be found", res_kinds[k],
					 mr->name);
			goto out;
		}
		slant_buf_reset(&b);
		if ((ret = slant_read_file(path, &b, err)))
			goto out;
		char now[17];
		slant_model_checksum(b.data, b.len, now);
		if (strcmp(now, mr->sum)) {
			ret = slant_fail(err, SLANT_EDATA, path, 0, -1,
					 "changed since the model in %s was trained (checksum %s, "
					 "was %s): retrain the model or restore the file",
					 dir, now, mr->sum);
			goto out;
		}
		if (k == SLANT_RES_LEXICON)
			ret = slant_lexicon_parse(m->lx, b.data, b.len, path, SLANT_LEXICON_AUTO, err);
		else
			ret = slant_people_parse(m->pp, k == SLANT_RES_SPEAKERS ? SLANT_PEOPLE_SPEAKERS :
							k == SLANT_RES_ROLES ? SLANT_PEOPLE_ROLES :
									       SLANT_PEOPLE_VERBS,
						 b.data, b.len, path, err);
		if (ret)
			goto out;
	}
out:
	slant_buf_release(&b);
	return ret;
}

/* meta.json's labels, features, dense ranges and calibration into m. */
static int load_meta(struct slant_model *m, const cJSON *meta, const char *dir,
		     slant_resolve_fn resolve, void *ctx, struct slant_err *err)
{
	const cJSON *fmt = get(meta, "format", cJSON_Number), *kind = get(meta, "kind", cJSON_String),
		    *labels = get(meta, "labels", cJSON_Array), *axis = get(meta, "axis", cJSON_True),
		    *feat = get(meta, "features", cJSON_Object),
		    *cal = get(meta, "calibration", cJSON_Array),
		    *res = get(meta, "resources", cJSON_Array), *C = get(meta, "C", cJSON_Number);
	int ret;

	if (!fmt || fmt->valueint != MODEL_FORMAT)
		return fail_file(err, dir, "meta.json", 0, "not a slant model of format 1");
	if (!kind || (strcmp(kind->valuestring, "linear") && strcmp(kind->valuestring, "rbf") &&
		      strcmp(kind->valuestring, "poly")))
		return fail_file(err, dir, "meta.json", 0,
				 "\"kind\" must be \"linear\", \"rbf\" or \"poly\"");
	m->kernel = !strcmp(kind->valuestring, "rbf")    ? SLANT_KERNEL_RBF :
		    !strcmp(kind->valuestring, "poly") ? SLANT_KERNEL_POLY :
							  SLANT_KERNEL_LINEAR;
	if (!labels || !axis || !feat || !cal || !res || !C)
		return fail_file(err, dir, "meta.json", 0,
				 "missing or mistyped field (labels, axis, features, calibration, "
				 "resources, C)");
	m->axis = cJSON_IsTrue(axis);
	/* how the training texts were analysed (absent: the defaults) */
	const cJSON *tx = get(meta, "text", cJSON_Object);
	if (tx) {
		const cJSON *st = get(tx, "strip_boilerplate", cJSON_True),
			    *rp = get(tx, "repair_paragraphs", cJSON_True);
		if (st && cJSON_IsFalse(st))
			m->doc_flags |= SLANT_DOC_NO_STRIP;
		if (rp && cJSON_IsFalse(rp))
			m->doc_flags |= SLANT_DOC_NO_REPAIR;
	}
	m->C = C->valuedouble;
	size_t nl = (size_t)cJSON_GetArraySize(labels);
	if (nl < 2 || nl > 64)
		return fail_file(err, dir, "meta.json", 0, "a model has 2 to 64 labels");
	if (!(m->labels = calloc(nl, sizeof(*m->labels))))
		return slant_fail_oom(err);
	const cJSON *l;
	cJSON_ArrayForEach(l, labels)
	{
		if (!cJSON_IsString(l) || !l->valuestring[0])
			return fail_file(err, dir, "meta.json", 0, "labels must be non-empty strings");
		for (size_t i = 0; i < m->nlabels; i++)
			if (!strcmp(m->labels[i], l->valuestring))
				return fail_file(err, dir, "meta.json", 0, "a label is given twice");
		if (!(m->labels[m->nlabels++] = strdup(l->valuestring)))
			return slant_fail_oom(err);
	}
	m->ndec = m->kernel ? nl * (nl - 1) / 2 : nl == 2 ? 1 : nl;
	const cJSON *gamma = get(meta, "gamma", cJSON_Number);
	if (m->kernel && !gamma)
		return fail_file(err, dir, "meta.json", 0, "a kernel model needs \"gamma\"");
	m->gamma = gamma ? gamma->valuedouble : 0;
	if ((ret = load_resources(m, res, dir, resolve, ctx, err)))
		return ret;
	const cJSON *max_n = get(feat, "max_n", cJSON_Number), *dw = get(feat, "dense_weight", cJSON_Number),
		    *dense = get(feat, "dense", cJSON_Array), *blocks = get(feat, "blocks", cJSON_Array);
	if (!max_n || max_n->valueint < 1 || max_n->valueint > 3 || !dw || !dense || !blocks)
		return fail_file(err, dir, "meta.json", 0, "bad \"features\"");
	const cJSON *keep = get(feat, "keep_identity", cJSON_True);
	struct slant_features_conf fc = { m->lx, m->pp, (unsigned)max_n->valueint, dw->valuedouble,
					  0, keep && cJSON_IsTrue(keep) };
	const cJSON *bl;
	cJSON_ArrayForEach(bl, blocks)
	{
		if (cJSON_IsString(bl) && !strcmp(bl->valuestring, "lexicon"))
			fc.dense |= SLANT_DENSE_LEXICON;
		else if (cJSON_IsString(bl) && !strcmp(bl->valuestring, "quotes"))
			fc.dense |= SLANT_DENSE_QUOTES;
		else
			return fail_file(err, dir, "meta.json", 0, "unknown feature block");
	}
	if (dw->valuedouble == 0 || !fc.dense)
		fc.dense_weight = -1; /* no dense features */
	if (!(m->f = slant_features_new(&fc)))
		return slant_fail_oom(err);
	if ((size_t)cJSON_GetArraySize(dense) != slant_features_ndense(m->f))
		return slant_fail(err, SLANT_EDATA, dir, 0, -1,
				  "the model has %d dense features, its lexicons now give %zu",
				  cJSON_GetArraySize(dense), slant_features_ndense(m->f));
	size_t i = 0;
	const cJSON *d;
	cJSON_ArrayForEach(d, dense)
	{
		const cJSON *name = get(d, "name", cJSON_String), *lo = get(d, "lo", cJSON_Number),
			    *hi = get(d, "hi", cJSON_Number);
		if (!name || !lo || !hi || strcmp(name->valuestring, slant_features_dense_name(m->f, i)))
			return fail_file(err, dir, "meta.json", 0,
					 "dense features disagree with the lexicons");
		/* "mean" came after format 1's first models: without it, explanations measure
		 * from zero */
		const cJSON *mean = cJSON_GetObjectItemCaseSensitive(d, "mean");
		if (mean && !(cJSON_IsNumber(mean) && mean->valuedouble >= 0 && mean->valuedouble <= 1))
			return fail_file(err, dir, "meta.json", 0,
					 "a dense feature's mean must be a number from 0 to 1");
		slant_features_set_mean(m->f, i, mean ? mean->valuedouble : 0);
		slant_features_set_range(m->f, i++, lo->valuedouble, hi->valuedouble);
	}
	/* calibration: one row per label, 1 + ndec numbers each (kernel models: none) */
	if (m->kernel) {
		if (cJSON_GetArraySize(cal))
			return fail_file(err, dir, "meta.json", 0, "a kernel model has no calibration");
		goto training;
	}
	if ((size_t)cJSON_GetArraySize(cal) != nl)
		return fail_file(err, dir, "meta.json", 0, "calibration needs a row per label");
	if (!(m->calib = calloc(nl * (m->ndec + 1), sizeof(double))))
		return slant_fail_oom(err);
	size_t k = 0;
	cJSON_ArrayForEach(d, cal)
	{
		if (!cJSON_IsArray(d) || (size_t)cJSON_GetArraySize(d) != m->ndec + 1)
			return fail_file(err, dir, "meta.json", 0, "bad calibration row");
		size_t c = 0;
		const cJSON *x;
		cJSON_ArrayForEach(x, d)
		{
			if (!cJSON_IsNumber(x) || !isfinite(x->valuedouble))
				return fail_file(err, dir, "meta.json", 0, "bad calibration weight");
			m->calib[k * (m->ndec + 1) + c++] = x->valuedouble;
		}
		k++;
	}
training:;
	const cJSON *tr = cJSON_GetObjectItemCaseSensitive(meta, "training");
	if (tr && !(m->training = cJSON_PrintUnformatted(tr)))
		return slant_fail_oom(err);
	return 0;
}

struct slant_model *slant_model_load(const char *dir, slant_resolve_fn resolve, void *ctx,
				     struct slant_err *err)
{
	struct slant_model *m = calloc(1, sizeof(*m));
	struct slant_buf b;
	cJSON *meta = NULL;
	int ret = 0;

	slant_buf_init(&b, (size_t)1 << 30);
	if (!m) {
		slant_fail_oom(err);
		goto fail;
	}
	if ((ret = read_in(dir, "meta.json", &b, err)))
		goto fail;
	if (!(meta = cJSON_ParseWithLength(b.data, b.len)) || !cJSON_IsObject(meta)) {
		ret = fail_file(err, dir, "meta.json", 0, "not valid JSON");
		goto fail;
	}
	if (!(m->meta = slant_memdup0(b.data, b.len))) {
		ret = slant_fail_oom(err);
		goto fail;
	}
	if ((ret = load_meta(m, meta, dir, resolve, ctx, err)))
		goto fail;
	slant_buf_reset(&b);
	if ((ret = read_in(dir, "vocab.tsv", &b, err)))
		goto fail;
	char path[4096];
	snprintf(path, sizeof(path), "%s/vocab.tsv", dir);
	if ((ret = slant_features_read_vocab(m->f, b.data, b.len, path, err)))
		goto fail;
	slant_buf_reset(&b);
	if (m->kernel) {
		if ((ret = read_in(dir, SVM_FILE, &b, err)) ||
		    (ret = check_libsvm(b.data, b.len, m->nlabels, slant_features_dim(m->f), dir, err)))
			goto fail;
		snprintf(path, sizeof(path), "%s/%s", dir, SVM_FILE);
		if (!(m->svm = svm_load_model(path)) || svm_check_probability_model(m->svm) != 1) {
			ret = slant_fail(err, SLANT_EDATA, path, 0, -1, "libsvm cannot read it");
			goto fail;
		}
		goto done;
	}
	if ((ret = read_in(dir, LIN_FILE, &b, err)) ||
	    (ret = read_liblinear(b.data, b.len, m->nlabels, slant_features_dim(m->f), &m->lin, dir,
				  err)))
		goto fail;
	if ((ret = slant_model_weights(m))) {
		ret = ret == SLANT_ENOMEM ? slant_fail_oom(err) :
					    fail_file(err, dir, LIN_FILE, 0, "labels disagree with meta.json");
		goto fail;
	}
done:
	cJSON_Delete(meta);
	slant_buf_release(&b);
	return m;
fail:
	cJSON_Delete(meta);
	slant_buf_release(&b);
	slant_model_free(m);
	return NULL;
}

/* ------------------------------------------------------------------- save */

/* A number cJSON prints with all 17 digits, so that it reads back exactly. */
static cJSON *num17(double x)
{
	char buf[40];

	snprintf(buf, sizeof(buf), "%.17g", isfinite(x) ? x : 0);
	return cJSON_CreateRaw(buf);
}

static const char *solver_name(const struct model *md);

static cJSON *meta_json(const struct slant_model *m)
{
	cJSON *o = cJSON_CreateObject(), *a, *d;
	const struct slant_features *f = m->f;

	if (!o)
		return NULL;
	cJSON_AddNumberToObject(o, "format", MODEL_FORMAT);
	cJSON_AddStringToObject(o, "slant_version", SLANT_VERSION);
	cJSON_AddStringToObject(o, "kind", slant_model_kind(m));
	if (m->svm) {
		cJSON_AddStringToObject(o, "solver", m->kernel == SLANT_KERNEL_POLY ?
							     "libsvm C_SVC poly (degree 2, coef0 1)" :
							     "libsvm C_SVC rbf");
		cJSON_AddItemToObject(o, "gamma", num17(m->gamma));
	} else {
		cJSON_AddStringToObject(o, "solver", solver_name(m->lin));
	}
	a = cJSON_AddArrayToObject(o, "labels");
	for (size_t i = 0; a && i < m->nlabels; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(m->labels[i]));
	cJSON_AddBoolToObject(o, "axis", m->axis);
	cJSON *tx = cJSON_AddObjectToObject(o, "text");
	if (tx) {
		cJSON_AddBoolToObject(tx, "strip_boilerplate", !(m->doc_flags & SLANT_DOC_NO_STRIP));
		cJSON_AddBoolToObject(tx, "repair_paragraphs", !(m->doc_flags & SLANT_DOC_NO_REPAIR));
	}
	cJSON_AddItemToObject(o, "C", num17(m->C));
	d = cJSON_AddObjectToObject(o, "features");
	if (d) {
		cJSON_AddNumberToObject(d, "max_n", slant_features_max_n(f));
		cJSON_AddNumberToObject(d, "vocabulary", (double)slant_features_nvocab(f));
		cJSON_AddNumberToObject(d, "dense_weight",
					slant_features_ndense(f) ? slant_features_dense_weight(f) : 0);
		cJSON_AddBoolToObject(d, "keep_identity", slant_features_keeps_identity(f));
		cJSON *bl = cJSON_AddArrayToObject(d, "blocks");
		unsigned use = slant_features_dense(f);
		if (bl && (use & SLANT_DENSE_LEXICON))
			cJSON_AddItemToArray(bl, cJSON_CreateString("lexicon"));
		if (bl && (use & SLANT_DENSE_QUOTES))
			cJSON_AddItemToArray(bl, cJSON_CreateString("quotes"));
		a = cJSON_AddArrayToObject(d, "dense");
		for (size_t i = 0; a && i < slant_features_ndense(f); i++) {
			double lo, hi;
			cJSON *x = cJSON_CreateObject();
			slant_features_range(f, i, &lo, &hi);
			cJSON_AddStringToObject(x, "name", slant_features_dense_name(f, i));
			cJSON_AddItemToObject(x, "lo", num17(lo));
			cJSON_AddItemToObject(x, "hi", num17(hi));
			cJSON_AddItemToObject(x, "mean", num17(slant_features_mean(f, i)));
			cJSON_AddItemToArray(a, x);
		}
	}
	a = cJSON_AddArrayToObject(o, "calibration");
	for (size_t k = 0; a && m->calib && k < m->nlabels; k++) {
		cJSON *row = cJSON_CreateArray();
		for (size_t c = 0; row && c <= m->ndec; c++)
			cJSON_AddItemToArray(row, num17(m->calib[k * (m->ndec + 1) + c]));
		cJSON_AddItemToArray(a, row);
	}
	a = cJSON_AddArrayToObject(o, "resources");
	for (size_t i = 0; a && i < m->nres; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "kind", res_kinds[m->res[i].kind]);
		cJSON_AddStringToObject(x, "name", m->res[i].name);
		cJSON_AddStringToObject(x, "checksum", m->res[i].sum);
		cJSON_AddItemToArray(a, x);
	}
	if (m->training) {
		cJSON *t = cJSON_Parse(m->training);
		if (t)
			cJSON_AddItemToObject(o, "training", t);
	}
	return o;
}

/*
 * A liblinear model file as save_model() writes it, but with 9 significant digits instead of
 * 17: half the size, which keeps a 200,000-feature model small enough for git. The weights in
 * memory are rounded the same way, so a saved model scores exactly as the one just trained.
 */
static int write_liblinear(struct model *md, struct slant_buf *b)
{
	int nr_class = md->nr_class, nr_feature = md->nr_feature;
	int st = md->param.solver_type;
	long rows = nr_feature + (md->bias >= 0 ? 1 : 0);
	int per = nr_class == 2 && st != MCSVM_CS ? 1 : nr_class;
	char num[40];

	if (st < 0 || st >= (int)SLANT_ARRAY_SIZE(solver_names) || !solver_names[st])
		return SLANT_EUSAGE;
	if (slant_buf_addf(b, "solver_type %s\nnr_class %d\nlabel", solver_names[st], nr_class))
		return SLANT_ENOMEM;
	for (int i = 0; i < nr_class; i++)
		if (slant_buf_addf(b, " %d", md->label[i]))
			return SLANT_ENOMEM;
	if (slant_buf_addf(b, "\nnr_feature %d\nbias %.17g\nw\n", nr_feature, md->bias))
		return SLANT_ENOMEM;
	for (long i = 0; i < rows; i++) {
		for (int j = 0; j < per; j++) {
			double *w = &md->w[i * per + j];
			snprintf(num, sizeof(num), "%.9g ", *w);
			*w = strtod(num, NULL);
			if (slant_buf_adds(b, num))
				return SLANT_ENOMEM;
		}
		if (slant_buf_addc(b, '\n'))
			return SLANT_ENOMEM;
	}
	return 0;
}

static const char *solver_name(const struct model *md)
{
	int st = md ? md->param.solver_type : -1;
	return st >= 0 && st < (int)SLANT_ARRAY_SIZE(solver_names) && solver_names[st] ?
		       solver_names[st] : "unknown";
}

static int write_all(const char *path, const char *data, size_t len, struct slant_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return slant_fail(err, SLANT_EIO, path, 0, -1, "%s", strerror(errno));
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;
			close(fd);
			return slant_fail(err, SLANT_EIO, path, 0, -1, "%s", strerror(e));
		}
		off += (size_t)w;
	}
	if (fsync(fd) || close(fd))
		return slant_fail(err, SLANT_EIO, path, 0, -1, "%s", strerror(errno));
	return 0;
}

/* Removes a model directory's own files and the directory; refuses any other content. */
static int remove_model_dir(const char *dir)
{
	char path[4200];

	for (size_t i = 0; i < SLANT_ARRAY_SIZE(our_files); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, our_files[i]);
		unlink(path);
	}
	return rmdir(dir);
}

/* Whether `dir` may be replaced: absent, empty, or holding only a model's files. */
static int replaceable(const char *dir, struct slant_err *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;

	if (!d) {
		if (errno == ENOENT)
			return 0;
		if (!stat(dir, &st) && !S_ISDIR(st.st_mode))
			return slant_fail(err, SLANT_EIO, dir, 0, -1, "exists and is not a directory");
		return slant_fail(err, SLANT_EIO, dir, 0, -1, "%s", strerror(errno));
	}
	int ret = 0;
	while ((e = readdir(d))) {
		bool ours = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
		for (size_t i = 0; i < SLANT_ARRAY_SIZE(our_files); i++)
			ours |= !strcmp(e->d_name, our_files[i]);
		if (!ours) {
			ret = slant_fail(err, SLANT_EIO, dir, 0, -1,
					 "holds %s, which is no model file: not replacing it",
					 e->d_name);
			break;
		}
	}
	closedir(d);
	return ret;
}

int slant_model_can_save(const char *dir, struct slant_err *err)
{
	return replaceable(dir, err);
}

int slant_model_save(struct slant_model *m, const char *dir, struct slant_err *err)
{
	char tmp[4000], path[4096];
	struct slant_buf b;
	cJSON *meta = NULL;
	char *text = NULL;
	int ret;

	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	if (dl + 32 >= sizeof(tmp))
		return slant_fail(err, SLANT_EIO, dir, 0, -1, "path too long");
	if ((ret = replaceable(dir, err)))
		return ret;
	snprintf(tmp, sizeof(tmp), "%.*s.tmp-XXXXXX", (int)dl, dir);
	if (!mkdtemp(tmp))
		return slant_fail(err, SLANT_EIO, tmp, 0, -1, "%s", strerror(errno));
	chmod(tmp, 0755); /* mkdtemp() makes it private; a model is data like any other */
	slant_buf_init(&b, 0);
	if (!(meta = meta_json(m)) || !(text = cJSON_Print(meta))) {
		ret = slant_fail_oom(err);
		goto fail;
	}
	snprintf(path, sizeof(path), "%s/meta.json", tmp);
	if ((ret = write_all(path, text, strlen(text), err)))
		goto fail;
	if (slant_features_write_vocab(m->f, &b)) {
		ret = slant_fail_oom(err);
		goto fail;
	}
	snprintf(path, sizeof(path), "%s/vocab.tsv", tmp);
	if ((ret = write_all(path, b.data, b.len, err)))
		goto fail;
	if (m->svm) {
		/* libsvm writes it; it is read back so that m is what the file holds (svm_save_model
		 * keeps 8 digits of feature values) */
		snprintf(path, sizeof(path), "%s/%s", tmp, SVM_FILE);
		struct svm_model *back = NULL;
		if (svm_save_model(path, m->svm) || !(back = svm_load_model(path))) {
			ret = slant_fail(err, SLANT_EIO, path, 0, -1, "libsvm could not write it");
			goto fail;
		}
		svm_free_and_destroy_model(&m->svm);
		free(m->svm_nodes);
		m->svm_nodes = NULL;
		m->svm = back;
		goto placed;
	}
	snprintf(path, sizeof(path), "%s/%s", tmp, LIN_FILE);
	slant_buf_reset(&b);
	if (write_liblinear(m->lin, &b)) {
		ret = slant_fail_oom(err);
		goto fail;
	}
	if ((ret = write_all(path, b.data, b.len, err)))
		goto fail;
	if (slant_model_weights(m)) { /* the rounded weights */
		ret = slant_fail_oom(err);
		goto fail;
	}
placed:
	/* in place: a new directory is renamed; an old one is swapped with it, then removed */
	if (rename(tmp, dir) == 0)
		goto done;
	if (errno != EEXIST && errno != ENOTEMPTY) {
		ret = slant_fail(err, SLANT_EIO, dir, 0, -1, "%s", strerror(errno));
		goto fail;
	}
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE)) {
		ret = slant_fail(err, SLANT_EIO, dir, 0, -1, "cannot replace it: %s", strerror(errno));
		goto fail;
	}
	remove_model_dir(tmp); /* the old model, now under the temporary name */
done:
	free(m->meta);
	m->meta = text; /* what was saved */
	cJSON_Delete(meta);
	slant_buf_release(&b);
	return 0;
fail:
	if (m->lin)
		slant_model_weights(m); /* the weights may be rounded already */
	remove_model_dir(tmp);
	cJSON_Delete(meta);
	free(text);
	slant_buf_release(&b);
	return ret;
}
