/* test_pipeline.c - input order whatever the threads, bad records in order, stopping, bounds. */
#include "test.h"

#include <stdatomic.h>

struct log {
	struct slant_buf events;
	int job_news;
	_Atomic int live, max_live; /* records between work and emit */
	int stop_after; /* emits before asking to stop; 0 = never */
	int emits;
};

static void *job_new(void *ctx)
{
	struct log *l = ctx;

	l->job_news++; /* only called from the calling thread, before the threads start */
	return malloc(sizeof(size_t));
}

static int work(struct slant_job *job, void *wstate, void *ctx, struct slant_err *err)
{
	size_t *ntok = slant_job_data(job), n;
	const struct slant_article *a = slant_job_article(job);

	(void)wstate;
	slant_doc_tokens(slant_job_doc(job), &n);
	*ntok = n;
	/* a record the command itself refuses */
	if (!strcmp(a->id, "refuse"))
		return slant_err_set(err, SLANT_EDATA, a->source, a->line, "refused");
	struct log *l = ctx;
	int now = atomic_fetch_add(&l->live, 1) + 1, max = atomic_load(&l->max_live);
	while (now > max && !atomic_compare_exchange_weak(&l->max_live, &max, now))
		;
	return 0;
}

static int emit(struct slant_job *job, void *ctx)
{
	struct log *l = ctx;
	const struct slant_article *a = slant_job_article(job);

	slant_buf_addf(&l->events, "%s:%zu ", a->id, *(size_t *)slant_job_data(job));
	atomic_fetch_sub(&l->live, 1);
	l->emits++;
	if (l->stop_after && l->emits == l->stop_after)
		return SLANT_ESTOP;
	return 0;
}

static int bad(const struct slant_err *err, void *ctx)
{
	struct log *l = ctx;

	slant_buf_addf(&l->events, "BAD@%ld ", err->line);
	return 0;
}

/* A corpus of varied sizes, with bad and filtered records in it. */
static char *make_corpus(const char *dir, int n)
{
	struct slant_buf b;
	char *path;

	slant_buf_init(&b, 0);
	for (int i = 0; i < n; i++) {
		if (i % 37 == 5) {
			slant_buf_adds(&b, "{not json\n");
			continue;
		}
		slant_buf_addf(&b, "{\"id\":\"%s\",\"outlet\":\"o%d\",\"keep\":\"%s\",\"text\":\"",
			       i == 77 ? "refuse" : "", i % 5, i % 11 == 3 ? "no" : "yes");
		/* the id is replaced below when empty: the file name and line */
		for (int w = 0; w < (i * 7919) % 400; w++)
			slant_buf_addf(&b, "w%d. ", w);
		slant_buf_adds(&b, "\"}\n");
	}
	path = write_file(dir, "p.jsonl", b.data, b.len, 1);
	slant_buf_release(&b);
	return path;
}

static int run(const char *path, unsigned threads, unsigned inflight, struct log *l,
	       struct slant_pipeline_stats *st)
{
	static const struct slant_pipeline_ops ops = {
		.job_new = job_new, .job_free = free, .work = work, .emit = emit, .bad = bad,
	};
	struct slant_pipeline_conf conf = { threads, inflight, 1, { NULL, 0 } };
	struct slant_reader *r = slant_reader_new();
	struct slant_err err;
	int ret;

	assert_int_equal(slant_reader_add(r, path, &err), 0);
	assert_int_equal(slant_reader_where(r, "keep=yes", &err), 0);
	slant_buf_init(&l->events, 0);
	slant_err_clear(&err);
	ret = slant_pipeline_run(r, &conf, &ops, l, st, &err);
	slant_reader_free(r);
	return ret;
}

static void test_output_identical_for_every_thread_count(void **state)
{
	char *dir = make_tmpdir();
	char *path = make_corpus(dir, 600);
	struct slant_pipeline_stats st1, st;
	struct log l1 = { 0 }, l;
	unsigned threads[] = { 2, 3, 8 };

	(void)state;
	assert_int_equal(run(path, 1, 0, &l1, &st1), 0);
	assert_true(l1.events.len > 1000);
	assert_int_equal(st1.records, 600);
	assert_int_equal(st1.bad, 17 + 1); /* 17 broken lines (i % 37 == 5), one refused */
	assert_int_equal(st1.filtered, 53); /* i % 11 == 3: 55, two of them broken (190, 597) */
	assert_int_equal(st1.articles + st1.bad + st1.filtered, 600);
	assert_non_null(strstr(l1.events.data, "BAD@6 "));
	assert_non_null(strstr(l1.events.data, "BAD@78 "));
	for (size_t i = 0; i < sizeof(threads) / sizeof(threads[0]); i++) {
		memset(&l, 0, sizeof(l));
		assert_int_equal(run(path, threads[i], 0, &l, &st), 0);
		assert_string_equal(l.events.data, l1.events.data);
		assert_memory_equal(&st, &st1, sizeof(st));
		slant_buf_release(&l.events);
	}
	/* the smallest ring gives the same result too */
	memset(&l, 0, sizeof(l));
	assert_int_equal(run(path, 4, 2, &l, &st), 0);
	assert_string_equal(l.events.data, l1.events.data);
	/* memory bounded: two slots, and never more than two records between work and emit */
	assert_int_equal(l.job_news, 2);
	assert_true(l.max_live >= 1 && l.max_live <= 2);
	slant_buf_release(&l.events);
	slant_buf_release(&l1.events);
	free(path);
	rm_tree(dir);
}

static void test_callback_stops_the_run(void **state)
{
	char *dir = make_tmpdir();
	char *path = make_corpus(dir, 300);
	struct slant_pipeline_stats st;
	struct log l = { 0 };

	(void)state;
	l.stop_after = 10;
	assert_int_equal(run(path, 2, 0, &l, &st), SLANT_ESTOP);
	assert_int_equal(l.emits, 10);
	assert_true(st.records < 300);
	slant_buf_release(&l.events);
	free(path);
	rm_tree(dir);
}

static void test_read_error_is_fatal_after_what_was_read(void **state)
{
	char *dir = make_tmpdir();
	char *path = make_corpus(dir, 300);
	struct slant_pipeline_stats st;
	struct log l = { 0 };
	FILE *f = fopen(path, "r+");
	long size;

	(void)state;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	assert_int_equal(ftruncate(fileno(f), size * 2 / 3), 0);
	fclose(f);
	assert_int_equal(run(path, 2, 0, &l, &st), SLANT_EIO);
	assert_true(l.emits > 0);
	slant_buf_release(&l.events);
	free(path);
	rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_output_identical_for_every_thread_count),
		cmocka_unit_test(test_callback_stops_the_run),
		cmocka_unit_test(test_read_error_is_fatal_after_what_was_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
