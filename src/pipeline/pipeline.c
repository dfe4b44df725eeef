/*
 * pipeline.c - reader thread -> worker threads -> results in input order.
 *
 * Records live in a ring of slots; record number `seq` always uses slot seq % nslots, so three
 * counters under one mutex say everything: emitted <= worked <= read <= emitted + nslots.
 * The reader fills slot `read` once it is free, a worker takes slot `worked`, and whichever
 * worker finishes the record at `emitted` emits it and every finished record after it, one
 * emitter at a time. Output order is input order whatever the number of workers; memory is
 * bounded by the number of slots.
 *
 * Waking a thread costs more than analysing a short article, so wake-ups are batched: the
 * reader wakes idle workers every few records, and a full reader is woken when half the ring
 * is free again.
 */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WAKE_BATCH 4
#define MAX_DEFAULT_SLOTS 64
/* A slot that held a record larger than this gives its memory back once it is emitted. */
#define TRIM_BYTES ((size_t)1 << 20)
/* Idle workers look for records at least this often, so a slow stream is never held back. */
#define IDLE_POLL_NS 50000000L

enum { SLOT_FREE, SLOT_READ, SLOT_BUSY, SLOT_DONE };
enum { ST_KEEP = 0, ST_FILTERED = 1, ST_PENDING = 2 }; /* negative: a bad record */

struct slant_job {
	struct slant_article art;
	struct slant_doc *doc;
	void *data;
	struct slant_err err;
	int status;
	int state;
};

struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t can_read, can_work, finished;
	struct slant_job *slots;
	size_t nslots;
	uint64_t read, worked, emitted;
	unsigned idle_workers;
	bool reader_waiting, reader_done, emitting, stop;
	int fatal, cb_ret;
	struct slant_err fatal_err, *cb_err;
	struct slant_pipeline_stats st;

	struct slant_reader *reader;
	const struct slant_pipeline_conf *conf;
	const struct slant_pipeline_ops *ops;
	void *ctx;
};

const struct slant_article *slant_job_article(const struct slant_job *job)
{
	return &job->art;
}

const struct slant_doc *slant_job_doc(const struct slant_job *job)
{
	return job->doc;
}

void *slant_job_data(const struct slant_job *job)
{
	return job->data;
}

static bool all_emitted(const struct pipe *p)
{
	return p->reader_done && p->emitted == p->read;
}

static void *reader_main(void *arg)
{
	struct pipe *p = arg;

	for (;;) {
		struct slant_job *job;
		int ret;

		pthread_mutex_lock(&p->mu);
		while (!p->stop && p->slots[p->read % p->nslots].state != SLOT_FREE) {
			/* The ring is full: let every worker at it before sleeping. */
			if (p->idle_workers)
				pthread_cond_broadcast(&p->can_work);
			p->reader_waiting = true;
			pthread_cond_wait(&p->can_read, &p->mu);
			p->reader_waiting = false;
		}
		if (p->stop) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		job = &p->slots[p->read % p->nslots];
		pthread_mutex_unlock(&p->mu);

		slant_err_clear(&job->err);
		ret = slant_reader_next(p->reader, &job->art, &job->err);
		pthread_mutex_lock(&p->mu);
		if (ret == 0 || ret == SLANT_EIO || ret == SLANT_ENOMEM) {
			if (ret) {
				p->fatal = ret;
				p->fatal_err = job->err;
			}
			p->reader_done = true;
			pthread_cond_broadcast(&p->can_work);
			if (all_emitted(p))
				pthread_cond_signal(&p->finished);
			pthread_mutex_unlock(&p->mu);
			break;
		}
		job->status = ret == 1 ? ST_PENDING : ret;
		job->state = SLOT_READ;
		p->read++;
		if (p->idle_workers && p->read - p->worked >= WAKE_BATCH)
			pthread_cond_signal(&p->can_work);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

/* Loads, analyses and runs the command's step on one record, off the lock. */
static void work_on(struct pipe *p, struct slant_job *job, void *wstate)
{
	const struct slant_pipeline_conf *c = p->conf;
	int ret;

	if (job->status != ST_PENDING)
		return;
	ret = slant_reader_load(p->reader, &job->art, &job->err);
	if (ret) {
		job->status = ret;
		return;
	}
	if (c->analyze) {
		ret = slant_doc_analyze(job->doc, job->art.text, job->art.text_len, job->art.title,
					&c->doc, &job->err);
		if (ret) {
			if (!job->err.file[0]) {
				char msg[sizeof(job->err.msg)];
				memcpy(msg, job->err.msg, sizeof(msg));
				slant_fail(&job->err, ret, job->art.source, job->art.line, -1, "%s",
					   msg);
			}
			job->status = ret;
			return;
		}
	}
	if (p->ops->work) {
		ret = p->ops->work(job, wstate, p->ctx, &job->err);
		if (ret) {
			job->status = ret < 0 ? ret : SLANT_EDATA;
			return;
		}
	}
	job->status = ST_KEEP;
}

/* Gives back the memory a very large record left in its slot. */
static void trim(struct slant_job *job, int analyze)
{
	if (job->art.text_len <= TRIM_BYTES)
		return;
	slant_article_release(&job->art);
	slant_article_init(&job->art);
	if (analyze) {
		struct slant_doc *fresh = slant_doc_new();
		if (fresh) { /* without memory for a new one, keep the old */
			slant_doc_free(job->doc);
			job->doc = fresh;
		}
	}
}

/*
 * Emits finished records in order, starting at `emitted`, with the mutex held on entry and
 * exit (released around the callbacks). Only one thread emits at a time.
 */
static void emit_ready(struct pipe *p)
{
	const struct slant_pipeline_ops *ops = p->ops;

	if (p->emitting)
		return;
	p->emitting = true;
	while (!p->stop && p->emitted < p->read &&
	       p->slots[p->emitted % p->nslots].state == SLOT_DONE) {
		struct slant_job *job = &p->slots[p->emitted % p->nslots];
		int ret = 0;

		pthread_mutex_unlock(&p->mu);
		p->st.records++;
		if (job->status == ST_KEEP) {
			p->st.articles++;
			ret = ops->emit ? ops->emit(job, p->ctx) : 0;
		} else if (job->status == ST_FILTERED) {
			p->st.filtered++;
		} else {
			p->st.bad++;
			ret = ops->bad ? ops->bad(&job->err, p->ctx) : 0;
		}
		if (ops->progress)
			ops->progress(p->ctx, p->st.records, slant_reader_bytes(p->reader));
		trim(job, p->conf->analyze);
		pthread_mutex_lock(&p->mu);
		job->state = SLOT_FREE;
		p->emitted++;
		if (ret < 0) {
			p->cb_ret = ret;
			p->stop = true;
			pthread_cond_broadcast(&p->can_read);
			pthread_cond_broadcast(&p->can_work);
		}
		if (p->reader_waiting && p->read - p->emitted <= p->nslots / 2)
			pthread_cond_signal(&p->can_read);
	}
	p->emitting = false;
	if (p->stop || all_emitted(p))
		pthread_cond_signal(&p->finished);
}

static void *worker_main(void *arg)
{
	struct pipe *p = arg;
	void *wstate = p->ops->worker_new ? p->ops->worker_new(p->ctx) : NULL;

	for (;;) {
		struct slant_job *job;

		pthread_mutex_lock(&p->mu);
		while (!p->stop && p->worked >= p->read && !p->reader_done) {
			/* the reader wakes idle workers in batches: poll for what it left unannounced */
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += IDLE_POLL_NS;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			p->idle_workers++;
			pthread_cond_timedwait(&p->can_work, &p->mu, &until);
			p->idle_workers--;
		}
		if (p->stop || p->worked >= p->read) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		job = &p->slots[p->worked++ % p->nslots];
		job->state = SLOT_BUSY;
		pthread_mutex_unlock(&p->mu);

		work_on(p, job, wstate);

		pthread_mutex_lock(&p->mu);
		job->state = SLOT_DONE;
		emit_ready(p);
		pthread_mutex_unlock(&p->mu);
	}
	if (p->ops->worker_free)
		p->ops->worker_free(wstate, p->ctx);
	return NULL;
}

static unsigned default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

int slant_pipeline_run(struct slant_reader *r, const struct slant_pipeline_conf *conf,
		       const struct slant_pipeline_ops *ops, void *ctx,
		       struct slant_pipeline_stats *stats, struct slant_err *err)
{
	struct pipe p;
	pthread_t reader, *workers = NULL;
	unsigned nthreads = conf->threads ? conf->threads : default_threads();
	unsigned started = 0;
	bool reader_started = false;
	int ret = 0;

	memset(&p, 0, sizeof(p));
	p.reader = r;
	p.conf = conf;
	p.ops = ops;
	p.ctx = ctx;
	/*
	 * 32 records per worker smooth out the reader's bursts; past 64 in all, more cores only
	 * cost memory, since each slot keeps the buffers of the largest record it held.
	 */
	p.nslots = conf->inflight ? conf->inflight : 32 * (size_t)nthreads;
	if (!conf->inflight && p.nslots > MAX_DEFAULT_SLOTS)
		p.nslots = MAX_DEFAULT_SLOTS;
	if (p.nslots < 2)
		p.nslots = 2;
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.can_read, NULL);
	pthread_cond_init(&p.can_work, NULL);
	pthread_cond_init(&p.finished, NULL);

	p.slots = calloc(p.nslots, sizeof(*p.slots));
	workers = calloc(nthreads, sizeof(*workers));
	if (!p.slots || !workers)
		goto oom;
	for (size_t i = 0; i < p.nslots; i++) {
		slant_article_init(&p.slots[i].art);
		if (conf->analyze && !(p.slots[i].doc = slant_doc_new()))
			goto oom;
		if (ops->job_new && !(p.slots[i].data = ops->job_new(ctx)))
			goto oom;
	}
	if (pthread_create(&reader, NULL, reader_main, &p))
		goto nothread;
	reader_started = true;
	for (; started < nthreads; started++)
		if (pthread_create(&workers[started], NULL, worker_main, &p))
			goto nothread;

	pthread_mutex_lock(&p.mu);
	while (!p.stop && !all_emitted(&p))
		pthread_cond_wait(&p.finished, &p.mu);
	pthread_mutex_unlock(&p.mu);
	if (p.cb_ret) {
		ret = slant_fail(err, p.cb_ret, NULL, 0, -1, "stopped");
	} else if (p.fatal) {
		ret = p.fatal;
		if (err)
			*err = p.fatal_err;
	}
	goto stop;
oom:
	ret = slant_fail_oom(err);
	goto stop;
nothread:
	ret = slant_fail(err, SLANT_ENOMEM, NULL, 0, -1, "cannot start a thread");
stop:
	pthread_mutex_lock(&p.mu);
	p.stop = true;
	pthread_cond_broadcast(&p.can_read);
	pthread_cond_broadcast(&p.can_work);
	pthread_mutex_unlock(&p.mu);
	if (reader_started)
		pthread_join(reader, NULL);
	for (unsigned i = 0; i < started; i++)
		pthread_join(workers[i], NULL);
	for (size_t i = 0; p.slots && i < p.nslots; i++) {
		slant_article_release(&p.slots[i].art);
		slant_doc_free(p.slots[i].doc);
		if (ops->job_free && p.slots[i].data)
			ops->job_free(p.slots[i].data);
	}
	free(p.slots);
	free(workers);
	pthread_cond_destroy(&p.can_read);
	pthread_cond_destroy(&p.can_work);
	pthread_cond_destroy(&p.finished);
	pthread_mutex_destroy(&p.mu);
	p.st.bytes = slant_reader_bytes(r);
	if (stats)
		*stats = p.st;
	return ret;
}
