/*
 * train.c - training a framing model: vocabulary, vectors, folds (stratified, optionally by
 * group), a grid of C evaluated by cross-validation on liblinear's L2-regularised L2-loss SVM,
 * a multinomial logistic calibration fitted on the best point's out-of-fold decision values,
 * and the final fit on every article.
 *
 * The vectors are built once and shared: each fold's problem is an array of pointers into
 * them. Folds are ours (liblinear's cross_validation() shuffles articles, which would put one
 * outlet's articles on both sides of a fold).
 */
#include "model.h"
#include <svm.h>
#include "internal.h"
#include "../features/features.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct slant_trainset {
	struct slant_features *f;
	struct slant_lexicon *lx;
	struct slant_people *pp;
	struct model_res *res;
	size_t nres;
	struct slant_featraw *raws;
	size_t n, cap;
	char **ids;
	uint32_t *label; /* index into labels, as first seen */
	uint32_t *group;
	char **labels, **groups;
	size_t nlabels, ngroups, caplabels, capgroups, capids, caplab, capgrp;
};

static void quiet(const char *s)
{
	(void)s;
}

struct slant_trainset *slant_trainset_new(const struct slant_features_conf *fc,
					  struct slant_lexicon *lx, struct slant_people *pp,
					  const struct slant_resource *res, size_t nres,
					  struct slant_err *err)
{
	struct slant_trainset *ts = calloc(1, sizeof(*ts));
	struct slant_buf b;

	slant_buf_init(&b, (size_t)256 << 20);
	if (!ts)
		goto oom;
	ts->lx = lx;
	ts->pp = pp;
	struct slant_features_conf c = *fc;
	c.lexicon = lx;
	c.people = pp;
	if (!(ts->f = slant_features_new(&c)) || !(ts->res = calloc(nres ? nres : 1, sizeof(*ts->res))))
		goto oom;
	for (size_t i = 0; i < nres; i++) {
		slant_buf_reset(&b);
		if (slant_read_file(res[i].path, &b, err))
			goto fail;
		ts->res[i].kind = res[i].kind;
		if (!(ts->res[i].name = strdup(res[i].name)))
			goto oom;
		ts->nres++;
		slant_model_checksum(b.data, b.len, ts->res[i].sum);
	}
	slant_buf_release(&b);
	return ts;
oom:
	slant_fail_oom(err);
fail:
	slant_buf_release(&b);
	if (ts) {
		ts->lx = NULL; /* the caller still owns them */
		ts->pp = NULL;
	}
	slant_trainset_free(ts);
	return NULL;
}

void slant_trainset_free(struct slant_trainset *ts)
{
	if (!ts)
		return;
	slant_features_free(ts->f);
	slant_lexicon_free(ts->lx);
	slant_people_free(ts->pp);
	for (size_t i = 0; i < ts->nres; i++)
		free(ts->res[i].name);
	free(ts->res);
	for (size_t i = 0; i < ts->n; i++) {
		slant_featraw_release(&ts->raws[i]);
		free(ts->ids[i]);
	}
	free(ts->raws);
	free(ts->ids);
	free(ts->label);
	free(ts->group);
	for (size_t i = 0; i < ts->nlabels; i++)
		free(ts->labels[i]);
	for (size_t i = 0; i < ts->ngroups; i++)
		free(ts->groups[i]);
	free(ts->labels);
	free(ts->groups);
	free(ts);
}

const struct slant_features *slant_trainset_features(const struct slant_trainset *ts)
{
	return ts->f;
}

size_t slant_trainset_size(const struct slant_trainset *ts)
{
	return ts->n;
}

void slant_train_report_release(struct slant_train_report *r)
{
	free(r->text);
	free(r->folds);
	memset(r, 0, sizeof(*r));
}

const char *slant_trainset_id(const struct slant_trainset *ts, size_t i)
{
	return i < ts->n ? ts->ids[i] : NULL;
}

/* Index of `s` in names[0..*n), added when new. */
static int intern(char ***names, size_t *n, size_t *cap, const char *s, uint32_t *out)
{
	for (size_t i = *n; i-- > 0;)
		if (!strcmp((*names)[i], s)) {
			*out = (uint32_t)i;
			return 0;
		}
	if (SLANT_GROW(*names, *cap, *n + 1) || !((*names)[*n] = strdup(s)))
		return SLANT_ENOMEM;
	*out = (uint32_t)(*n)++;
	return 0;
}

int slant_trainset_add(struct slant_trainset *ts, struct slant_featraw *raw, const char *id,
		       const char *label, const char *group, struct slant_err *err)
{
	uint32_t l, g;

	if (SLANT_GROW(ts->raws, ts->cap, ts->n + 1) || SLANT_GROW(ts->ids, ts->capids, ts->n + 1) ||
	    SLANT_GROW(ts->label, ts->caplab, ts->n + 1) || SLANT_GROW(ts->group, ts->capgrp, ts->n + 1) ||
	    intern(&ts->labels, &ts->nlabels, &ts->caplabels, label, &l) ||
	    intern(&ts->groups, &ts->ngroups, &ts->capgroups, group ? group : id, &g) ||
	    !(ts->ids[ts->n] = strdup(id)))
		return slant_fail_oom(err);
	ts->raws[ts->n] = *raw; /* taken */
	slant_featraw_init(raw);
	ts->label[ts->n] = l;
	ts->group[ts->n] = g;
	ts->n++;
	return 0;
}

/* ------------------------------------------------------------------ folds */

static uint64_t next_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void shuffle(uint32_t *v, size_t n, uint64_t *seed)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = next_rand(seed) % i;
		uint32_t t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

struct gsize {
	uint32_t group, size;
	uint32_t order; /* shuffled rank, for ties */
};

static int cmp_gsize(const void *a, const void *b)
{
	const struct gsize *x = a, *y = b;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/*
 * fold[i] for each article. Stratified: each label's articles, shuffled, dealt in turn.
 * Grouped: whole groups, largest first, each to the fold where it adds least to the squared
 * gap between the folds' label counts and their share of the corpus.
 */
static int make_folds(const struct slant_trainset *ts, size_t nlab, const uint32_t *lab,
		      unsigned k, uint64_t seed, bool grouped, uint32_t *fold, struct slant_err *err)
{
	uint64_t s = seed ^ 0x5EEDULL;
	int ret = 0;

	if (!grouped) {
		uint32_t *idx = malloc(ts->n * sizeof(*idx));
		if (!idx)
			return slant_fail_oom(err);
		size_t turn = 0;
		for (size_t l = 0; l < nlab; l++) {
			size_t n = 0;
			for (size_t i = 0; i < ts->n; i++)
				if (lab[i] == l)
					idx[n++] = (uint32_t)i;
			shuffle(idx, n, &s);
			for (size_t i = 0; i < n; i++)
				fold[idx[i]] = (uint32_t)(turn++ % k);
		}
		free(idx);
		return 0;
	}
	size_t ng = ts->ngroups;
	struct gsize *gs = calloc(ng, sizeof(*gs));
	uint32_t *perm = malloc(ng * sizeof(*perm));
	double *gl = calloc(ng * nlab, sizeof(double)), *fl = calloc((size_t)k * nlab, sizeof(double));
	double *target = calloc(nlab, sizeof(double));
	uint32_t *gfold = malloc(ng * sizeof(*gfold));
	if (!gs || !perm || !gl || !fl || !target || !gfold) {
		ret = slant_fail_oom(err);
		goto out;
	}
	for (size_t g = 0; g < ng; g++)
		perm[g] = (uint32_t)g;
	shuffle(perm, ng, &s);
	for (size_t g = 0; g < ng; g++) {
		gs[perm[g]].order = (uint32_t)g;
		gs[g].group = (uint32_t)g;
	}
	for (size_t i = 0; i < ts->n; i++) {
		gs[ts->group[i]].size++;
		gl[ts->group[i] * nlab + lab[i]]++;
		target[lab[i]] += 1.0 / k;
	}
	qsort(gs, ng, sizeof(*gs), cmp_gsize);
	for (size_t r = 0; r < ng; r++) {
		uint32_t g = gs[r].group;
		double best = HUGE_VAL;
		uint32_t bf = 0;
		for (uint32_t f = 0; f < k; f++) {
			double cost = 0;
			for (size_t l = 0; l < nlab; l++) {
				double before = fl[f * nlab + l] - target[l];
				double after = before + gl[g * nlab + l];
				cost += after * after - before * before;
			}
			if (cost < best) {
				best = cost;
				bf = f;
			}
		}
		gfold[g] = bf;
		for (size_t l = 0; l < nlab; l++)
			fl[bf * nlab + l] += gl[g * nlab + l];
	}
	for (size_t i = 0; i < ts->n; i++)
		fold[i] = gfold[ts->group[i]];
out:
	free(gs);
	free(perm);
	free(gl);
	free(fl);
	free(target);
	free(gfold);
	return ret;
}

/* ------------------------------------------------------------- calibration */

/*
 * Multinomial logistic regression of labels y on decision values X (n x m), with an
 * intercept and a small ridge on the weights: A is K x (m + 1). Gradient descent with
 * backtracking; the problem is small (K, m <= 64) and convex.
 */
static double nll(const double *A, const double *X, const uint32_t *y, size_t n, size_t m,
		  size_t K, double lambda, double *grad)
{
	size_t w = m + 1;
	double loss = 0, p[64];

	if (grad)
		memset(grad, 0, K * w * sizeof(double));
	for (size_t i = 0; i < n; i++) {
		const double *x = X + i * m;
		double mx = -HUGE_VAL, sum = 0;
		for (size_t k = 0; k < K; k++) {
			double z = A[k * w];
			for (size_t c = 0; c < m; c++)
				z += A[k * w + c + 1] * x[c];
			p[k] = z;
			mx = z > mx ? z : mx;
		}
		for (size_t k = 0; k < K; k++)
			sum += (p[k] = exp(p[k] - mx));
		loss -= log(p[y[i]] / sum);
		if (grad)
			for (size_t k = 0; k < K; k++) {
				double g = p[k] / sum - (k == y[i]);
				grad[k * w] += g;
				for (size_t c = 0; c < m; c++)
					grad[k * w + c + 1] += g * x[c];
			}
	}
	loss /= (double)n;
	for (size_t k = 0; k < K; k++)
		for (size_t c = 0; c < m; c++)
			loss += 0.5 * lambda * A[k * w + c + 1] * A[k * w + c + 1];
	if (grad)
		for (size_t k = 0; k < K; k++)
			for (size_t c = 0; c <= m; c++)
				grad[k * w + c] = grad[k * w + c] / (double)n +
						  (c ? lambda * A[k * w + c] : 0);
	return loss;
}

static int fit_calibration(const double *X, const uint32_t *y, size_t n, size_t m, size_t K,
			   double *A, double *final_loss)
{
	size_t w = m + 1, np = K * w;
	double *g = malloc(np * sizeof(double)), *t = malloc(np * sizeof(double));
	double step = 1.0, lambda = 1e-4;

	if (!g || !t) {
		free(g);
		free(t);
		return SLANT_ENOMEM;
	}
	memset(A, 0, np * sizeof(double));
	for (size_t k = 0; k < K; k++) /* start from "the larger value wins" */
		if (m == K)
			A[k * w + k + 1] = 1;
		else if (m == 1)
			A[k * w + 1] = k ? 1 : -1;
	double loss = nll(A, X, y, n, m, K, lambda, g);
	for (int it = 0; it < 1000; it++) {
		double gg = 0;
		for (size_t i = 0; i < np; i++)
			gg += g[i] * g[i];
		if (gg < 1e-12) /* probabilities move by less than 1e-6 */
			break;
		for (;;) {
			for (size_t i = 0; i < np; i++)
				t[i] = A[i] - step * g[i];
			double l2 = nll(t, X, y, n, m, K, lambda, NULL);
			if (l2 <= loss - 0.5 * step * gg) {
				memcpy(A, t, np * sizeof(double));
				loss = nll(A, X, y, n, m, K, lambda, g);
				step *= 1.5;
				break;
			}
			step *= 0.5;
			if (step < 1e-12)
				goto done;
		}
	}
done:
	*final_loss = loss;
	free(g);
	free(t);
	return 0;
}

/* ------------------------------------------------------------- the grid */

struct fitjob {
	double C, gamma;
	size_t point;     /* its grid point */
	int fold;         /* -1: every article */
};

struct trainctx {
	const struct slant_trainset *ts;
	struct feature_node **x; /* per article */
	double *y;               /* label index + 1 */
	uint32_t *fold;
	unsigned k;
	bool balanced;
	size_t nlab;
	const uint32_t *lab;
	struct svm_node **sx;    /* kernel models: per article, libsvm's copy */
	int kernel;
	struct fitjob *jobs;
	size_t njobs;
	/* per grid point, per article: linear models' ndec decision values, or the label a
	 * kernel model predicts */
	double *dec;
	size_t ndec;
	uint64_t seed;
	void (*progress)(void *ctx, const char *line);
	void *pctx;
	size_t done;
};

/* Decision values in our order, as slant_model_weights() arranges them. */
static void decision(const struct model *md, const struct feature_node *x, size_t nlab, double *out)
{
	double dv[64];
	int labels[64];

	predict_values(md, x, dv);
	get_labels(md, labels);
	if (nlab == 2) {
		out[0] = labels[0] == 2 ? dv[0] : -dv[0];
		return;
	}
	for (int c = 0; c < get_nr_class(md); c++)
		out[labels[c] - 1] = dv[c];
}

/*
 * A job's training articles: their indices into idx[] (ts->n of room), with label counts
 * into count[] (zeroed here) and, when balanced, class weights inverse to those counts into
 * wl[] and wt[]. Returns how many.
 */
static size_t job_articles(const struct trainctx *tc, const struct fitjob *job, uint32_t *idx,
			   size_t *count, int *wl, double *wt)
{
	size_t n = 0;

	memset(count, 0, tc->nlab * sizeof(*count));
	for (size_t i = 0; i < tc->ts->n; i++)
		if (job->fold < 0 || tc->fold[i] != (uint32_t)job->fold) {
			idx[n++] = (uint32_t)i;
			count[tc->lab[i]]++;
		}
	for (size_t l = 0; l < tc->nlab; l++) {
		wl[l] = (int)l + 1;
		wt[l] = count[l] ? (double)n / ((double)tc->nlab * (double)count[l]) : 1;
	}
	return n;
}

/*
 * Job j's model. liblinear's dual solver shuffles with rand(): seeding it per job makes every
 * fit the same whatever ran before it. NULL with *error set on failure.
 */
static struct model *fit(const struct trainctx *tc, const struct fitjob *job, size_t j,
			 const char **error)
{
	const struct slant_trainset *ts = tc->ts;
	struct problem prob = { 0 };
	struct parameter par = { 0 };
	struct model *md = NULL;
	int wl[64];
	double wt[64];
	size_t count[64];
	uint32_t *idx = malloc(ts->n * sizeof(*idx));

	prob.x = malloc(ts->n * sizeof(*prob.x));
	prob.y = malloc(ts->n * sizeof(*prob.y));
	if (!prob.x || !prob.y || !idx) {
		*error = "out of memory";
		goto out;
	}
	size_t n = job_articles(tc, job, idx, count, wl, wt);
	for (size_t i = 0; i < n; i++) {
		prob.x[i] = tc->x[idx[i]];
		prob.y[i] = tc->y[idx[i]];
	}
	prob.l = (int)n;
	prob.n = (int)slant_features_dim(ts->f) + 1;
	prob.bias = 1;
	par.solver_type = L2R_L2LOSS_SVC_DUAL;
	par.eps = 0.1;
	par.C = job->C;
	if (tc->balanced) {
		par.nr_weight = (int)tc->nlab;
		par.weight_label = wl;
		par.weight = wt;
	}
	if ((*error = check_parameter(&prob, &par)))
		goto out;
	srand((unsigned)(tc->seed * 1000003u + j));
	if (!(md = train(&prob, &par)))
		*error = "liblinear failed";
out:
	free(idx);
	free(prob.x);
	free(prob.y);
	return md;
}

/*
 * Job j's kernel model (libsvm, C-SVC, rbf or poly of degree 2 with coef0 1), with libsvm's
 * probability estimates when asked. libsvm also draws on rand(): seeded per job as in fit().
 * The model points into tc->sx, which must outlive it.
 */
static struct svm_model *fit_svm(const struct trainctx *tc, const struct fitjob *job, size_t j,
				 bool probability, const char **error)
{
	const struct slant_trainset *ts = tc->ts;
	struct svm_problem prob = { 0 };
	struct svm_parameter par = { 0 };
	struct svm_model *md = NULL;
	int wl[64];
	double wt[64];
	size_t count[64];
	uint32_t *idx = malloc(ts->n * sizeof(*idx));

	prob.x = malloc(ts->n * sizeof(*prob.x));
	prob.y = malloc(ts->n * sizeof(*prob.y));
	if (!prob.x || !prob.y || !idx) {
		*error = "out of memory";
		goto out;
	}
	size_t n = job_articles(tc, job, idx, count, wl, wt);
	for (size_t i = 0; i < n; i++) {
		prob.x[i] = tc->sx[idx[i]];
		prob.y[i] = tc->y[idx[i]];
	}
	prob.l = (int)n;
	par.svm_type = C_SVC;
	par.kernel_type = tc->kernel == SLANT_KERNEL_POLY ? POLY : RBF;
	par.degree = 2;
	par.gamma = job->gamma;
	par.coef0 = 1;
	par.cache_size = 500;
	par.eps = 0.001;
	par.C = job->C;
	par.shrinking = 1;
	par.probability = probability;
	if (tc->balanced) {
		par.nr_weight = (int)tc->nlab;
		par.weight_label = wl;
		par.weight = wt;
	}
	if ((*error = svm_check_parameter(&prob, &par)))
		goto out;
	srand((unsigned)(tc->seed * 1000003u + j));
	if (!(md = svm_train(&prob, &par)))
		*error = "libsvm failed";
	else
		md->param.weight_label = NULL, md->param.weight = NULL, md->param.nr_weight = 0;
out:
	free(idx);
	free(prob.x);
	free(prob.y);
	return md;
}

/* Held-out articles of job j's fold, in order. */
static size_t held_out(const struct trainctx *tc, int fold, uint32_t *idx)
{
	size_t n = 0;
	for (size_t i = 0; i < tc->ts->n; i++)
		if (tc->fold[i] == (uint32_t)fold)
			idx[n++] = (uint32_t)i;
	return n;
}

/*
 * Fits job j and fills dv with its held-out values (held_out() order, tc->ndec each); idx is
 * scratch. NULL error, or what failed.
 */
static const char *job_values(const struct trainctx *tc, size_t j, double *dv, uint32_t *idx)
{
	const struct fitjob *job = &tc->jobs[j];
	const char *error = NULL;
	size_t n = held_out(tc, job->fold, idx);

	if (tc->kernel) {
		struct svm_model *md = fit_svm(tc, job, j, false, &error);
		if (!md)
			return error;
		for (size_t i = 0; i < n; i++)
			dv[i] = svm_predict(md, tc->sx[idx[i]]) - 1;
		svm_free_and_destroy_model(&md);
		return NULL;
	}
	struct model *md = fit(tc, job, j, &error);
	if (!md)
		return error;
	for (size_t i = 0; i < n; i++)
		decision(md, tc->x[idx[i]], tc->nlab, dv + i * tc->ndec);
	free_and_destroy_model(&md);
	return NULL;
}

/* A child process: fits job j and writes the held-out values to fd. */
static void child_fit(const struct trainctx *tc, size_t j, int fd)
{
	const struct fitjob *job = &tc->jobs[j];
	uint32_t *idx = malloc(tc->ts->n * sizeof(*idx));
	if (!idx)
		_exit(2);
	size_t n = held_out(tc, job->fold, idx);
	double *dv = malloc((n ? n : 1) * tc->ndec * sizeof(double));
	if (!dv || job_values(tc, j, dv, idx))
		_exit(2);
	const char *p = (const char *)dv;
	size_t left = n * tc->ndec * sizeof(double);
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			_exit(3);
		p += w;
		left -= (size_t)w;
	}
	_exit(0);
}

struct running {
	pid_t pid;
	int fd;
	size_t job;
	char *buf;
	size_t got, want;
};

static void note_done(struct trainctx *tc, const struct fitjob *job)
{
	tc->done++;
	if (tc->progress) {
		char line[160];
		if (tc->kernel)
			snprintf(line, sizeof(line), "fit %zu/%zu: C=%g gamma=%g, fold %d of %u",
				 tc->done, tc->njobs, job->C, job->gamma, job->fold + 1, tc->k);
		else
			snprintf(line, sizeof(line), "fit %zu/%zu: C=%g, fold %d of %u", tc->done,
				 tc->njobs, job->C, job->fold + 1, tc->k);
		tc->progress(tc->pctx, line);
	}
}

/* Stores the held-out decision values of job j (in held_out() order). */
static void store_dec(struct trainctx *tc, size_t j, const double *dv, uint32_t *idx)
{
	const struct fitjob *job = &tc->jobs[j];
	size_t ci = job->point;
	size_t n = held_out(tc, job->fold, idx);
	for (size_t i = 0; i < n; i++)
		memcpy(tc->dec + (ci * tc->ts->n + idx[i]) * tc->ndec, dv + i * tc->ndec,
		       tc->ndec * sizeof(double));
}

/*
 * The cross-validation fits, `procs` at a time in child processes (liblinear's global rand()
 * rules out threads: see fit()); each sends back its held-out decision values through a
 * pipe. Where fork() fails, the fit runs here.
 */
static int run_cv(struct trainctx *tc, unsigned procs, struct slant_err *err)
{
	struct running run[64];
	size_t nrun = 0, next = 0;
	uint32_t *idx = malloc(tc->ts->n * sizeof(*idx));
	int ret = 0;

	if (!idx)
		return slant_fail_oom(err);
	if (procs > 64)
		procs = 64;
	fflush(NULL);
	while ((next < tc->njobs || nrun) && !ret) {
		while (nrun < procs && next < tc->njobs) {
			size_t j = next++;
			int p[2];
			size_t n = held_out(tc, tc->jobs[j].fold, idx);
			pid_t pid = -1;
			if (pipe(p) == 0 && (pid = fork()) == 0) {
				close(p[0]);
				child_fit(tc, j, p[1]);
			}
			if (pid < 0) { /* no process: fit it here */
				double *dv = malloc((n ? n : 1) * tc->ndec * sizeof(double));
				const char *error = dv ? job_values(tc, j, dv, idx) : "out of memory";
				if (error) {
					free(dv);
					ret = slant_fail(err, SLANT_EDATA, NULL, 0, -1, "%s", error);
					break;
				}
				store_dec(tc, j, dv, idx);
				free(dv);
				note_done(tc, &tc->jobs[j]);
				continue;
			}
			close(p[1]);
			run[nrun] = (struct running){ pid, p[0], j, NULL, 0,
						      n * tc->ndec * sizeof(double) };
			if (!(run[nrun].buf = malloc(run[nrun].want ? run[nrun].want : 1))) {
				close(p[0]);
				waitpid(pid, NULL, 0);
				ret = slant_fail_oom(err);
				break;
			}
			nrun++;
		}
		if (!nrun || ret)
			break;
		struct pollfd pf[64];
		for (size_t r = 0; r < nrun; r++)
			pf[r] = (struct pollfd){ run[r].fd, POLLIN, 0 };
		if (poll(pf, nrun, -1) < 0) {
			if (errno == EINTR)
				continue;
			ret = slant_fail(err, SLANT_EIO, NULL, 0, -1, "poll: %s", strerror(errno));
			break;
		}
		for (size_t r = 0; r < nrun; r++) {
			if (!pf[r].revents)
				continue;
			struct running *R = &run[r];
			ssize_t got = R->got < R->want ? read(R->fd, R->buf + R->got, R->want - R->got) :
							 read(R->fd, (char[1]){ 0 }, 1);
			if (got < 0 && errno == EINTR)
				continue;
			if (got > 0 && R->got < R->want) {
				R->got += (size_t)got;
				continue;
			}
			/* the end: all of it, and a clean exit */
			int status = 0;
			close(R->fd);
			waitpid(R->pid, &status, 0);
			if (got != 0 || R->got != R->want || !WIFEXITED(status) || WEXITSTATUS(status))
				ret = slant_fail(err, SLANT_EDATA, NULL, 0, -1,
						 "the fit for C=%g, fold %d failed",
						 tc->jobs[R->job].C, tc->jobs[R->job].fold + 1);
			else
				store_dec(tc, R->job, (const double *)R->buf, idx);
			note_done(tc, &tc->jobs[R->job]);
			free(R->buf);
			run[r--] = run[--nrun];
			break; /* pf[] no longer matches run[] */
		}
	}
	for (size_t r = 0; r < nrun; r++) { /* after a failure */
		close(run[r].fd);
		kill(run[r].pid, SIGKILL);
		waitpid(run[r].pid, NULL, 0);
		free(run[r].buf);
	}
	free(idx);
	return ret;
}

/* Predicted label from decision values in our order. */
static uint32_t argmax_dec(const double *d, size_t nlab)
{
	if (nlab == 2)
		return d[0] > 0 ? 1 : 0;
	uint32_t b = 0;
	for (size_t c = 1; c < nlab; c++)
		if (d[c] > d[b])
			b = (uint32_t)c;
	return b;
}

struct scores {
	double accuracy, macro_f1;
};

static struct scores score_of(const uint32_t *conf, size_t nlab, size_t n)
{
	struct scores s = { 0, 0 };
	double right = 0, present = 0;

	for (size_t l = 0; l < nlab; l++) {
		double tp = conf[l * nlab + l], pred = 0, gold = 0;
		for (size_t k = 0; k < nlab; k++) {
			pred += conf[k * nlab + l];
			gold += conf[l * nlab + k];
		}
		right += tp;
		present += pred > 0 || gold > 0;
		double p = pred ? tp / pred : 0, r = gold ? tp / gold : 0;
		s.macro_f1 += p + r > 0 ? 2 * p * r / (p + r) : 0;
	}
	s.accuracy = n ? right / (double)n : 0;
	s.macro_f1 = present ? s.macro_f1 / present : 0;
	return s;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const double default_kC[] = { 0.3, 1, 3, 10 };
static const double default_gamma[] = { 0.3, 1, 3 };
static const double default_C[] = { 0.01, 0.03, 0.1, 0.3, 1 };

/* The axis order: the one given, or left/center/right, or sorted with no axis. */
static int label_order(const struct slant_trainset *ts, const struct slant_train_conf *conf,
		       char ***out, int *axis, struct slant_err *err)
{
	static const char *const lean[] = { "left", "center", "right" };
	size_t n = ts->nlabels;
	char **o = calloc(n, sizeof(*o));

	if (!o)
		return slant_fail_oom(err);
	*out = o;
	if (conf->order) {
		if (conf->norder != n)
			return slant_fail(err, SLANT_EDATA, NULL, 0, -1,
					  "--order names %zu labels, the corpus has %zu", conf->norder, n);
		for (size_t i = 0; i < n; i++) {
			size_t j = 0;
			for (size_t k = 0; k < i; k++)
				if (!strcmp(conf->order[k], conf->order[i]))
					return slant_fail(err, SLANT_EDATA, NULL, 0, -1,
							  "label \"%s\" is given twice in --order",
							  conf->order[i]);
			while (j < n && strcmp(ts->labels[j], conf->order[i]))
				j++;
			if (j == n)
				return slant_fail(err, SLANT_EDATA, NULL, 0, -1,
						  "label \"%s\" of --order is not in the corpus",
						  conf->order[i]);
			if (!(o[i] = strdup(conf->order[i])))
				return slant_fail_oom(err);
		}
		*axis = 1;
		return 0;
	}
	bool is_lean = n >= 2 && n <= 3;
	for (size_t i = 0; i < n && is_lean; i++) {
		bool found = false;
		for (size_t j = 0; j < 3; j++)
			found |= !strcmp(ts->labels[i], lean[j]);
		is_lean &= found;
	}
	if (is_lean) {
		size_t k = 0;
		for (size_t j = 0; j < 3; j++)
			for (size_t i = 0; i < n; i++)
				if (!strcmp(ts->labels[i], lean[j]) && !(o[k++] = strdup(lean[j])))
					return slant_fail_oom(err);
		*axis = 1;
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (!(o[i] = strdup(ts->labels[i])))
			return slant_fail_oom(err);
	qsort(o, n, sizeof(*o), slant_cmp_cstr);
	*axis = 0;
	return 0;
}

static void progress(const struct slant_train_conf *conf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void progress(const struct slant_train_conf *conf, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	if (!conf->progress)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	conf->progress(conf->progress_ctx, line);
}

struct slant_model *slant_train(struct slant_trainset *ts, const struct slant_train_conf *conf,
				struct slant_train_report *report, struct slant_err *err)
{
	struct slant_model *m = calloc(1, sizeof(*m));
	struct trainctx tc = { 0 };
	struct slant_vocab_builder *vb = NULL;
	const struct slant_featraw **raws = NULL;
	struct feature_node *nodes = NULL;
	struct svm_node *snodes = NULL;
	uint32_t *lab = NULL, *conf_m = NULL;
	struct slant_fvec vec = { 0 };
	struct slant_buf rep;
	cJSON *tr = NULL;
	unsigned k = conf->folds ? conf->folds : 5;
	int ret = 0;

	set_print_string_function(quiet);
	svm_set_print_string_function(quiet);
	slant_buf_init(&rep, 0);
	memset(report, 0, sizeof(*report));
	if (!m)
		goto oom;
	if (ts->nlabels < 2) {
		ret = slant_fail(err, SLANT_EDATA, NULL, 0, -1,
				 "the corpus has %zu label; a model needs two or more", ts->nlabels);
		goto fail;
	}
	if (ts->nlabels > 64) {
		ret = slant_fail(err, SLANT_EDATA, NULL, 0, -1, "more than 64 labels");
		goto fail;
	}
	if ((ret = label_order(ts, conf, &m->labels, &m->axis, err))) {
		m->nlabels = ts->nlabels;
		goto fail;
	}
	m->nlabels = ts->nlabels;
	m->ndec = m->nlabels == 2 ? 1 : m->nlabels;
	/* each article's label in axis order */
	if (!(lab = malloc(ts->n * sizeof(*lab))))
		goto oom;
	size_t count[64] = { 0 };
	for (size_t i = 0; i < ts->n; i++) {
		size_t j = 0;
		while (strcmp(m->labels[j], ts->labels[ts->label[i]]))
			j++;
		lab[i] = (uint32_t)j;
		count[j]++;
	}
	if (k < 2 || k > 100) {
		ret = slant_fail(err, SLANT_EUSAGE, NULL, 0, -1, "folds must be 2 to 100");
		goto fail;
	}
	if (!conf->grouped) {
		for (size_t l = 0; l < m->nlabels; l++)
			if (count[l] < k) {
				ret = slant_fail(err, SLANT_EDATA, NULL, 0, -1,
						 "label \"%s\" has %zu articles, fewer than the %u folds",
						 m->labels[l], count[l], k);
				goto fail;
			}
	} else if (ts->ngroups < k) {
		ret = slant_fail(err, SLANT_EDATA, NULL, 0, -1,
				 "%zu groups cannot fill %u folds", ts->ngroups, k);
		goto fail;
	}

	double t0 = now(), t_vocab, t_vec, t_cv, t_fit;
	/* vocabulary and dense ranges */
	progress(conf, "vocabulary: %zu articles", ts->n);
	if (!(vb = slant_vocab_builder_new()) || !(raws = malloc(ts->n * sizeof(*raws))))
		goto oom;
	/* group by group, so that each n-gram's groups are counted exactly */
	for (size_t i = 0; i < ts->n; i++)
		raws[i] = &ts->raws[i];
	{
		uint32_t *byg = malloc(ts->n * sizeof(*byg)), *at = calloc(ts->ngroups + 1, sizeof(*at));
		if (!byg || !at) {
			free(byg);
			free(at);
			goto oom;
		}
		for (size_t i = 0; i < ts->n; i++)
			at[ts->group[i] + 1]++;
		for (size_t g = 0; g < ts->ngroups; g++)
			at[g + 1] += at[g];
		for (size_t i = 0; i < ts->n; i++)
			byg[at[ts->group[i]]++] = (uint32_t)i;
		for (size_t i = 0; i < ts->n && !ret; i++)
			ret = slant_vocab_builder_add(vb, &ts->raws[byg[i]], ts->group[byg[i]], err);
		free(byg);
		free(at);
		if (ret)
			goto fail;
	}
	if ((ret = slant_features_build(ts->f, vb, conf->min_df ? conf->min_df : 3,
					conf->min_groups ? conf->min_groups : 1,
					conf->max_vocab ? conf->max_vocab : 200000, raws, ts->n, err)))
		goto fail;
	progress(conf, "vocabulary: %zu of %zu n-grams kept", slant_features_nvocab(ts->f),
		 slant_vocab_builder_size(vb));
	slant_vocab_builder_free(vb);
	vb = NULL;
	t_vocab = now();

	/* vectors, each with the bias node and the terminator */
	size_t total = 0, capnodes = 0;
	size_t *start = malloc((ts->n + 1) * sizeof(*start));
	if (!start || !(tc.x = malloc(ts->n * sizeof(*tc.x))) || !(tc.y = malloc(ts->n * sizeof(*tc.y)))) {
		free(start);
		goto oom;
	}
	uint32_t dim = slant_features_dim(ts->f);
	for (size_t i = 0; i < ts->n; i++) {
		if ((ret = slant_features_vector(ts->f, &ts->raws[i], &vec, err))) {
			free(start);
			goto fail;
		}
		if (SLANT_GROW(nodes, capnodes, total + vec.n + 2)) {
			free(start);
			goto oom;
		}
		start[i] = total;
		for (size_t j = 0; j < vec.n; j++)
			nodes[total++] = (struct feature_node){ (int)vec.v[j].index, vec.v[j].value };
		nodes[total++] = (struct feature_node){ (int)dim + 1, 1.0 };
		nodes[total++] = (struct feature_node){ -1, 0 };
		tc.y[i] = lab[i] + 1;
		slant_featraw_release(&ts->raws[i]); /* measured: no longer needed */
	}
	for (size_t i = 0; i < ts->n; i++)
		tc.x[i] = nodes + start[i];
	tc.kernel = conf->kernel;
	if (tc.kernel) {
		/* libsvm's own copy, without liblinear's bias node (libsvm has its rho) */
		if (!(snodes = malloc((total ? total : 1) * sizeof(*snodes))) ||
		    !(tc.sx = malloc(ts->n * sizeof(*tc.sx)))) {
			free(start);
			goto oom;
		}
		size_t o = 0;
		for (size_t i = 0; i < ts->n; i++) {
			tc.sx[i] = snodes + o;
			for (const struct feature_node *fnp = tc.x[i]; fnp->index != -1; fnp++)
				if (fnp->index <= (int)dim)
					snodes[o++] = (struct svm_node){ fnp->index, fnp->value };
			snodes[o++] = (struct svm_node){ -1, 0 };
		}
	}
	free(start);
	t_vec = now();
	progress(conf, "vectors: %zu articles, %u features, %.0f non-zeros per article", ts->n,
		 dim, ts->n ? (double)total / (double)ts->n - 2 : 0);

	/* folds and the grid: C, and gamma for kernel models */
	const double *Cs = conf->C ? conf->C : tc.kernel ? default_kC : default_C;
	size_t nC = conf->C ? conf->nC : tc.kernel ? SLANT_ARRAY_SIZE(default_kC) :
							 SLANT_ARRAY_SIZE(default_C);
	const double *Gs = conf->gamma ? conf->gamma : default_gamma;
	size_t nG = !tc.kernel ? 1 : conf->gamma ? conf->ngamma : SLANT_ARRAY_SIZE(default_gamma);
	for (size_t c = 0; c < nC; c++)
		for (size_t d = 0; d < c; d++)
			if (Cs[c] == Cs[d] || !(Cs[c] > 0)) {
				ret = slant_fail(err, SLANT_EUSAGE, NULL, 0, -1,
						 "the grid of C needs distinct positive values");
				goto fail;
			}
	for (size_t c = 0; tc.kernel && c < nG; c++)
		for (size_t d = 0; d <= c; d++)
			if ((d < c && Gs[c] == Gs[d]) || !(Gs[c] > 0)) {
				ret = slant_fail(err, SLANT_EUSAGE, NULL, 0, -1,
						 "the grid of gamma needs distinct positive values");
				goto fail;
			}
	size_t npts = nC * nG;
	tc.ndec = tc.kernel ? 1 : m->ndec; /* kernel models: the predicted label */
	if (!(tc.fold = malloc(ts->n * sizeof(*tc.fold))) ||
	    !(tc.jobs = calloc(npts * k, sizeof(*tc.jobs))) ||
	    !(tc.dec = calloc(npts * ts->n * tc.ndec, sizeof(double))))
		goto oom;
	if ((ret = make_folds(ts, m->nlabels, lab, k, conf->seed, conf->grouped, tc.fold, err)))
		goto fail;
	/* every fold must leave every label to train on */
	for (unsigned f = 0; f < k; f++)
		for (size_t l = 0; l < m->nlabels; l++) {
			size_t left = 0;
			for (size_t i = 0; i < ts->n; i++)
				left += lab[i] == l && tc.fold[i] != f;
			if (!left) {
				ret = slant_fail(err, SLANT_EDATA, NULL, 0, -1,
						 "fold %u leaves no \"%s\" article to train on", f + 1,
						 m->labels[l]);
				goto fail;
			}
		}
	tc.ts = ts;
	tc.k = k;
	tc.balanced = conf->balanced;
	tc.nlab = m->nlabels;
	tc.lab = lab;
	tc.progress = conf->progress;
	tc.pctx = conf->progress_ctx;
	for (size_t c = 0; c < nC; c++)
		for (size_t g = 0; g < nG; g++)
			for (unsigned f = 0; f < k; f++)
				tc.jobs[tc.njobs++] = (struct fitjob){ Cs[c], tc.kernel ? Gs[g] : 0,
								       c * nG + g, (int)f };
	unsigned threads = conf->threads ? conf->threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	if (!threads)
		threads = 1;
	tc.seed = conf->seed;
	if ((ret = run_cv(&tc, threads, err)))
		goto fail;
	t_cv = now();

	/* the best point by macro-F1 (ties: the smaller C, listed first) */
	if (!(conf_m = calloc(npts * m->nlabels * m->nlabels, sizeof(*conf_m))))
		goto oom;
	size_t best = 0;
	struct scores bs = { -1, -1 };
	if (!(tr = cJSON_CreateObject()))
		goto oom;
	cJSON *grid = cJSON_AddArrayToObject(tr, "grid");
	slant_buf_addf(&rep, "cross-validation: %u folds%s, %zu articles, %zu groups\n", k,
		       conf->grouped ? " by group" : " (stratified)", ts->n, ts->ngroups);
	if (tc.kernel)
		slant_buf_addf(&rep, "%-10s %-10s %9s %9s\n", "C", "gamma", "accuracy", "macro-F1");
	else
		slant_buf_addf(&rep, "%-10s %9s %9s\n", "C", "accuracy", "macro-F1");
	for (size_t c = 0; c < npts; c++) {
		uint32_t *cm = conf_m + c * m->nlabels * m->nlabels;
		for (size_t i = 0; i < ts->n; i++) {
			const double *v = tc.dec + (c * ts->n + i) * tc.ndec;
			uint32_t pred = tc.kernel ? (uint32_t)v[0] : argmax_dec(v, m->nlabels);
			cm[lab[i] * m->nlabels + (pred < m->nlabels ? pred : 0)]++;
		}
		struct scores s = score_of(cm, m->nlabels, ts->n);
		if (tc.kernel)
			slant_buf_addf(&rep, "%-10g %-10g %8.1f%% %9.3f\n", Cs[c / nG], Gs[c % nG],
				       100 * s.accuracy, s.macro_f1);
		else
			slant_buf_addf(&rep, "%-10g %8.1f%% %9.3f\n", Cs[c], 100 * s.accuracy,
				       s.macro_f1);
		cJSON *g = cJSON_CreateObject();
		cJSON_AddNumberToObject(g, "C", Cs[c / nG]);
		if (tc.kernel)
			cJSON_AddNumberToObject(g, "gamma", Gs[c % nG]);
		cJSON_AddNumberToObject(g, "accuracy", s.accuracy);
		cJSON_AddNumberToObject(g, "macro_f1", s.macro_f1);
		cJSON_AddItemToArray(grid, g);
		if (s.macro_f1 > bs.macro_f1) {
			bs = s;
			best = c;
		}
	}
	m->C = Cs[best / nG];
	m->gamma = tc.kernel ? Gs[best % nG] : 0;
	report->accuracy = bs.accuracy;
	report->macro_f1 = bs.macro_f1;
	report->C = m->C;
	report->gamma = m->gamma;

	/* calibration on the best point's out-of-fold decision values (kernel models have
	 * libsvm's own probability estimates) */
	double loss = 0;
	if (!tc.kernel) {
		if (!(m->calib = calloc(m->nlabels * (m->ndec + 1), sizeof(double))))
			goto oom;
		if (fit_calibration(tc.dec + best * ts->n * m->ndec, lab, ts->n, m->ndec,
				    m->nlabels, m->calib, &loss))
			goto oom;
	}

	/* report: the best point in detail */
	const uint32_t *cm = conf_m + best * m->nlabels * m->nlabels;
	if (tc.kernel)
		slant_buf_addf(&rep, "best: C=%g gamma=%g: ", m->C, m->gamma);
	else
		slant_buf_addf(&rep, "best: C=%g: ", m->C);
	slant_buf_addf(&rep, "accuracy %.1f%%, macro-F1 %.3f (out of fold%s)\n", 100 * bs.accuracy,
		       bs.macro_f1, conf->grouped ? ", unseen groups" : "");
	slant_buf_addf(&rep, "%-12s %9s %9s %9s %8s\n", "label", "precision", "recall", "F1", "articles");
	for (size_t l = 0; l < m->nlabels; l++) {
		double tp = cm[l * m->nlabels + l], pred = 0, gold = 0;
		for (size_t j = 0; j < m->nlabels; j++) {
			pred += cm[j * m->nlabels + l];
			gold += cm[l * m->nlabels + j];
		}
		double p = pred ? tp / pred : 0, r = gold ? tp / gold : 0;
		slant_buf_addf(&rep, "%-12.12s %9.3f %9.3f %9.3f %8.0f\n", m->labels[l], p, r,
			       p + r > 0 ? 2 * p * r / (p + r) : 0, gold);
	}
	slant_buf_addf(&rep, "confusion (rows: true, columns: predicted)\n%-12s", "");
	for (size_t l = 0; l < m->nlabels; l++)
		slant_buf_addf(&rep, " %8.8s", m->labels[l]);
	slant_buf_addc(&rep, '\n');
	cJSON *cj = cJSON_AddArrayToObject(tr, "confusion");
	for (size_t l = 0; l < m->nlabels; l++) {
		slant_buf_addf(&rep, "%-12.12s", m->labels[l]);
		int row[64];
		for (size_t j = 0; j < m->nlabels; j++) {
			slant_buf_addf(&rep, " %8u", cm[l * m->nlabels + j]);
			row[j] = (int)cm[l * m->nlabels + j];
		}
		slant_buf_addc(&rep, '\n');
		cJSON_AddItemToArray(cj, cJSON_CreateIntArray(row, (int)m->nlabels));
	}
	if (!tc.kernel)
		slant_buf_addf(&rep, "calibration: log loss %.4f on the out-of-fold decision values\n",
			       loss);
	cJSON_AddNumberToObject(tr, "folds", k);
	cJSON_AddBoolToObject(tr, "grouped", conf->grouped);
	cJSON_AddNumberToObject(tr, "seed", (double)conf->seed);
	cJSON_AddBoolToObject(tr, "balanced", conf->balanced);
	cJSON_AddNumberToObject(tr, "articles", (double)ts->n);
	cJSON_AddNumberToObject(tr, "groups", (double)ts->ngroups);
	cJSON_AddNumberToObject(tr, "min_df", conf->min_df ? conf->min_df : 3);
	cJSON_AddNumberToObject(tr, "min_groups", conf->min_groups ? conf->min_groups : 1);
	cJSON_AddNumberToObject(tr, "max_vocab", (double)(conf->max_vocab ? conf->max_vocab : 200000));
	cJSON *lc = cJSON_AddObjectToObject(tr, "label_counts");
	for (size_t l = 0; l < m->nlabels; l++)
		cJSON_AddNumberToObject(lc, m->labels[l], (double)count[l]);
	cJSON_AddNumberToObject(tr, "accuracy", bs.accuracy);
	cJSON_AddNumberToObject(tr, "macro_f1", bs.macro_f1);
	if (!tc.kernel)
		cJSON_AddNumberToObject(tr, "calibration_log_loss", loss);
	if (conf->description) {
		cJSON *d = cJSON_Parse(conf->description);
		if (d)
			cJSON_AddItemToObject(tr, "corpus", d);
	}

	/* the final fit on everything */
	struct fitjob fin = { m->C, m->gamma, best, -1 };
	const char *error = NULL;
	progress(conf, "final fit: C=%g, %zu articles", m->C, ts->n);
	if (tc.kernel) {
		/* with libsvm's probability estimates; the model points into snodes */
		if (!(m->svm = fit_svm(&tc, &fin, tc.njobs, true, &error))) {
			ret = slant_fail(err, SLANT_EDATA, NULL, 0, -1, "libsvm: %s", error);
			goto fail;
		}
		m->svm_nodes = snodes;
		snodes = NULL;
	} else if (!(m->lin = fit(&tc, &fin, tc.njobs, &error))) {
		ret = slant_fail(err, SLANT_EDATA, NULL, 0, -1, "liblinear: %s", error);
		goto fail;
	}
	t_fit = now();
	slant_buf_addf(&rep, "time: vocabulary %.1f s, vectors %.1f s, cross-validation %.1f s "
		       "(%zu fits, %u threads), calibration and final fit %.1f s\n",
		       t_vocab - t0, t_vec - t_vocab, t_cv - t_vec, npts * k, threads ? threads : 1,
		       t_fit - t_cv);

	/* the model takes the features, lexicon and people table */
	m->kernel = tc.kernel;
	m->doc_flags = conf->doc_flags;
	m->f = ts->f;
	ts->f = NULL;
	m->lx = ts->lx;
	ts->lx = NULL;
	m->pp = ts->pp;
	ts->pp = NULL;
	/* the model depends only on the files its features read */
	unsigned use = slant_features_dense(m->f);
	m->res = ts->res;
	m->nres = 0;
	for (size_t i = 0; i < ts->nres; i++) {
		bool lex = ts->res[i].kind == SLANT_RES_LEXICON;
		if ((lex && (use & SLANT_DENSE_LEXICON)) || (!lex && (use & SLANT_DENSE_QUOTES)))
			m->res[m->nres++] = ts->res[i];
		else
			free(ts->res[i].name);
	}
	ts->res = NULL;
	ts->nres = 0;
	if (tc.kernel)
		m->ndec = m->nlabels * (m->nlabels - 1) / 2;
	else if ((ret = slant_model_weights(m))) {
		ret = slant_fail(err, ret, NULL, 0, -1, "the fitted model's labels are inconsistent");
		goto fail;
	}
	if (!(m->training = cJSON_PrintUnformatted(tr)))
		goto oom;
	report->text = slant_buf_detach(&rep, NULL);
	report->folds = tc.fold;
	tc.fold = NULL;
	goto out;
oom:
	ret = slant_fail_oom(err);
fail:
	slant_model_free(m);
	m = NULL;
out:
	(void)ret;
	cJSON_Delete(tr);
	slant_vocab_builder_free(vb);
	free(raws);
	free(nodes);
	free(lab);
	free(conf_m);
	free(vec.v);
	free(tc.x);
	free(tc.sx);
	free(snodes);
	free(tc.y);
	free(tc.fold);
	free(tc.jobs);
	free(tc.dec);
	slant_buf_release(&rep);
	return m;
}
