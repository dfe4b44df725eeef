/* test_corpus.c - every input kind, gzip, field mapping, filters and every bad-input case. */
#include "test.h"

struct run {
	size_t n;      /* articles kept */
	size_t bad;    /* bad records */
	char ids[16][64];
	char outlets[16][64];
	char texts[16][128];
	char errs[8][256];
	int codes[8];
	long lines[16];
};

/* Reads everything queued in `r`, collecting articles and bad records; fails on fatal errors. */
static void read_all(struct slant_reader *r, struct run *out)
{
	struct slant_article a;
	struct slant_err err;
	int ret;

	memset(out, 0, sizeof(*out));
	slant_article_init(&a);
	for (;;) {
		slant_err_clear(&err);
		ret = slant_reader_next(r, &a, &err);
		if (ret == 0)
			break;
		if (ret == 1) {
			ret = slant_reader_load(r, &a, &err);
			if (ret == 1)
				continue; /* filtered */
		}
		if (ret < 0) {
			if (ret == SLANT_EIO || ret == SLANT_ENOMEM)
				fail_msg("fatal: %s", err.msg);
			assert_true(out->bad < 8);
			slant_err_text(&err, out->errs[out->bad], sizeof(out->errs[0]));
			out->codes[out->bad++] = ret;
			continue;
		}
		assert_true(out->n < 16);
		assert_non_null(a.id);
		assert_non_null(a.outlet);
		assert_non_null(a.text);
		assert_int_equal(strlen(a.text), a.text_len);
		snprintf(out->ids[out->n], 64, "%s", a.id);
		snprintf(out->outlets[out->n], 64, "%s", a.outlet);
		snprintf(out->texts[out->n], 128, "%s", a.text);
		out->lines[out->n] = a.line;
		out->n++;
	}
	slant_article_release(&a);
}

static struct slant_reader *reader_for(const char *path, const char *const *maps)
{
	struct slant_reader *r = slant_reader_new();
	struct slant_err err;

	assert_non_null(r);
	for (size_t i = 0; maps && maps[i]; i++)
		assert_int_equal(slant_reader_map(r, maps[i], &err), 0);
	if (path && slant_reader_add(r, path, &err))
		fail_msg("%s", err.msg);
	return r;
}

static const char *const allsides_maps[] = { "text=content_original", "outlet=source",
					     "label=bias_text", "id=ID", NULL };

static const char jsonl[] =
	"{\"ID\":\"a1\",\"source\":\"CNN (Web News)\",\"bias_text\":\"left\",\"bias\":0,"
	"\"topic\":\"immigration\",\"title\":\"T1\",\"authors\":[\"X\",\"Y\"],\"url\":null,"
	"\"content_original\":\"First text.\"}\n"
	"\n"
	"{\"ID\":\"a2\",\"source\":\"Fox Online News\",\"bias_text\":\"right\",\"bias\":2,"
	"\"topic\":\"elections\",\"content_original\":\"Second \\u201ctext\\u201d.\"}\n"
	"{\"ID\":\"a3\",\"source\":\"Reuters\",\"bias_text\":\"center\",\"bias\":1.5,"
	"\"topic\":\"immigration\",\"content_original\":\"Third.\"}";

static void test_jsonl_mapping_and_fields(void **state)
{
	char *dir = make_tmpdir();
	char *path = write_str(dir, "c.jsonl", jsonl);
	struct slant_reader *r = reader_for(path, allsides_maps);
	struct slant_article a;
	struct slant_err err;

	(void)state;
	slant_article_init(&a);
	assert_int_equal(slant_reader_read(r, &a, &err), 1);
	assert_string_equal(a.id, "a1");
	assert_string_equal(a.outlet, "CNN (Web News)");
	assert_string_equal(a.title, "T1");
	assert_null(a.url);      /* null is absent */
	assert_null(a.date);
	assert_string_equal(a.text, "First text.");
	assert_int_equal(a.line, 1);
	assert_string_equal(slant_article_field(&a, "label"), "left");
	assert_string_equal(slant_article_field(&a, "bias"), "0");
	assert_string_equal(slant_article_field(&a, "topic"), "immigration");
	assert_string_equal(slant_article_field(&a, "authors"), "[\"X\",\"Y\"]");
	assert_null(slant_article_field(&a, "content_original")); /* it is the text now */
	assert_int_equal(slant_reader_read(r, &a, &err), 1);
	assert_string_equal(a.id, "a2");
	assert_int_equal(a.line, 3); /* the blank line counts */
	assert_string_equal(a.text, "Second \xE2\x80\x9Ctext\xE2\x80\x9D.");
	assert_int_equal(slant_reader_read(r, &a, &err), 1);
	assert_string_equal(slant_article_field(&a, "bias"), "1.5");
	assert_int_equal(slant_reader_read(r, &a, &err), 0);
	assert_true(slant_reader_bytes(r) == sizeof(jsonl) - 1);
	slant_article_release(&a);
	slant_reader_free(r);
	free(path);
	rm_tree(dir);
}

static void test_gzip_is_read_transparently(void **state)
{
	char *dir = make_tmpdir();
	char *gz = write_file(dir, "c.jsonl.gz", jsonl, sizeof(jsonl) - 1, 1);
	char *odd = write_file(dir, "noext", jsonl, sizeof(jsonl) - 1, 1); /* sniffed: '{' */
	struct slant_reader *r = reader_for(gz, allsides_maps);
	struct slant_err err;
	struct run run;

	(void)state;
	assert_int_equal(slant_reader_add(r, odd, &err), 0);
	read_all(r, &run);
	assert_int_equal(run.n, 6);
	assert_string_equal(run.ids[3], "a1");
	assert_true(slant_reader_bytes(r) == 2 * (sizeof(jsonl) - 1));
	slant_reader_free(r);
	free(gz);
	free(odd);
	rm_tree(dir);
}

static void test_where(void **state)
{
	char *dir = make_tmpdir();
	char *path = write_str(dir, "c.jsonl", jsonl);
	struct slant_reader *r;
	struct slant_err err;
	struct run run;

	(void)state;
	r = reader_for(path, allsides_maps);
	assert_int_equal(slant_reader_where(r, "topic=immigration", &err), 0);
	read_all(r, &run);
	assert_int_equal(run.n, 2);
	assert_string_equal(run.ids[1], "a3");
	slant_reader_free(r);

	/* alternatives, all conditions, and the input's own name of a mapped field */
	r = reader_for(path, allsides_maps);
	assert_int_equal(slant_reader_where(r, "bias_text=left,right", &err), 0);
	assert_int_equal(slant_reader_where(r, "outlet=Fox Online News", &err), 0);
	read_all(r, &run);
	assert_int_equal(run.n, 1);
	assert_string_equal(run.ids[0], "a2");
	slant_reader_free(r);

	/* a field no record has keeps nothing */
	r = reader_for(path, allsides_maps);
	assert_int_equal(slant_reader_where(r, "nothere=x", &err), 0);
	read_all(r, &run);
	assert_int_equal(run.n, 0);
	assert_int_equal(slant_reader_where(r, "novalue", &err), SLANT_EUSAGE);
	slant_reader_free(r);
	free(path);
	rm_tree(dir);
}

static void test_bad_records_are_reported_and_skipped(void **state)
{
	static const char data[] =
		"{\"text\":\"ok one\",\"outlet\":\"A\"}\n"
		"{\"text\":\"broken\",\"outlet\":\n"
		"{\"outlet\":\"A\"}\n"
		"{\"text\":\"no outlet\"}\n"
		"[1,2]\n"
		"{\"text\":\"bad \xFF\xFE utf8\",\"outlet\":\"B\"}\n"
		"{\"text\":\"ok two\",\"outlet\":\"A\",\"id\":\"x\"}\n"
		"{\"text\":\"one\",\"outlet\":\"A\"} {\"text\":\"two\",\"outlet\":\"A\"}\n";
	char *dir = make_tmpdir();
	char *path = write_str(dir, "bad.jsonl", data);
	struct slant_reader *r = reader_for(path, NULL);
	struct slant_article a;
	struct slant_err err;
	struct run run;
	int ret;

	(void)state;
	read_all(r, &run);
	assert_int_equal(run.n, 3);
	assert_string_equal(run.ids[0], "bad.jsonl:1"); /* no id: file and line */
	assert_string_equal(run.texts[1], "bad \xEF\xBF\xBD\xEF\xBF\xBD utf8");
	assert_string_equal(run.ids[2], "x");
	assert_int_equal(run.bad, 5);
	assert_non_null(strstr(run.errs[0], "bad.jsonl:2: invalid JSON at byte"));
	assert_non_null(strstr(run.errs[1], "bad.jsonl:3: missing field \"text\""));
	assert_non_null(strstr(run.errs[2], "bad.jsonl:4: missing field \"outlet\""));
	assert_non_null(strstr(run.errs[3], "bad.jsonl:5: expected a JSON object"));
	assert_non_null(strstr(run.errs[4], "bad.jsonl:8: unexpected data after the JSON object"));
	for (size_t i = 0; i < run.bad; i++)
		assert_int_equal(run.codes[i], SLANT_EDATA);
	slant_reader_free(r);

	/* the invalid bytes are counted */
	r = reader_for(path, NULL);
	slant_article_init(&a);
	for (int i = 0; i < 6; i++) {
		ret = slant_reader_next(r, &a, &err);
		assert_int_equal(ret, 1);
		ret = slant_reader_load(r, &a, &err);
	}
	assert_int_equal(ret, 0);
	assert_int_equal(a.invalid_bytes, 2);
	slant_article_release(&a);
	slant_reader_free(r);

	/* mapped names appear in messages */
	r = reader_for(path, allsides_maps);
	read_all(r, &run);
	assert_non_null(strstr(run.errs[0], "missing field \"content_original\""));
	slant_reader_free(r);
	free(path);
	rm_tree(dir);
}

static void test_nul_escapes_and_bad_names(void **state)
{
	static const char data[] =
		"{\"outlet\":\"A\",\"text\":\"NUL \\u0000 inside, and \\\\u0000 as text.\","
		"\"la\xFF" "bel\":\"x\"}\n";
	char *dir = make_tmpdir();
	char *path = write_str(dir, "n.jsonl", data);
	struct slant_reader *r = reader_for(path, NULL);
	struct slant_article a;
	struct slant_err err;

	(void)state;
	slant_article_init(&a);
	assert_int_equal(slant_reader_read(r, &a, &err), 1);
	/* the text goes on past the NUL, which became U+FFFD; an escaped backslash stays text */
	assert_string_equal(a.text, "NUL \xEF\xBF\xBD inside, and \\u0000 as text.");
	assert_int_equal(a.nfields, 1);
	assert_string_equal(a.fields[0].name, "la\xEF\xBF\xBD" "bel");
	assert_int_equal(a.invalid_bytes, 2);
	slant_article_release(&a);
	slant_reader_free(r);
	free(path);
	rm_tree(dir);
}

static void test_record_size_cap(void **state)
{
	char *dir = make_tmpdir();
	char big[400];
	char *path;
	struct slant_reader *r;
	struct run run;

	(void)state;
	memset(big, 'x', sizeof(big));
	memcpy(big, "{\"outlet\":\"A\",\"text\":\"", 22);
	snprintf(big + 300, 100, "\"}\n{\"outlet\":\"A\",\"text\":\"small\"}\n");
	path = write_str(dir, "big.jsonl", big);
	r = reader_for(path, NULL);
	slant_reader_set_max_record(r, 100);
	read_all(r, &run);
	assert_int_equal(run.n, 1);
	assert_string_equal(run.texts[0], "small");
	assert_int_equal(run.lines[0], 2);
	assert_int_equal(run.bad, 1);
	assert_int_equal(run.codes[0], SLANT_ELIMIT);
	assert_non_null(strstr(run.errs[0], "big.jsonl:1: record larger than 100 bytes"));
	slant_reader_free(r);
	free(path);
	rm_tree(dir);
}

static void test_json_array_and_truncated_gzip(void **state)
{
	char *dir = make_tmpdir();
	char *arr = write_str(dir, "a.json", "[{\"text\":\"x\",\"outlet\":\"y\"}]\n");
	char *gz = write_file(dir, "t.jsonl.gz", jsonl, sizeof(jsonl) - 1, 1);
	struct slant_reader *r = reader_for(arr, NULL);
	struct slant_article a;
	struct slant_err err;
	struct run run;
	FILE *f;
	long size;
	int ret;

	(void)state;
	read_all(r, &run);
	assert_int_equal(run.bad, 1);
	assert_non_null(strstr(run.errs[0], "a JSON array is not JSON Lines"));
	slant_reader_free(r);

	/* cut the gzip file in half: reading ends with an I/O error, not a crash */
	f = fopen(gz, "r+");
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	assert_int_equal(ftruncate(fileno(f), size / 2), 0);
	fclose(f);
	r = reader_for(gz, allsides_maps);
	slant_article_init(&a);
	do
		ret = slant_reader_next(r, &a, &err);
	while (ret == 1);
	assert_int_equal(ret, SLANT_EIO);
	assert_non_null(strstr(err.msg, "cannot read"));
	slant_article_release(&a);
	slant_reader_free(r);
	free(arr);
	free(gz);
	rm_tree(dir);
}

/* Appends gzip member `data` to file `path` (one member per call). */
static void append_member(const char *path, const char *data)
{
	gzFile f = gzopen(path, "ab");

	assert_non_null(f);
	assert_int_equal(gzwrite(f, data, (unsigned)strlen(data)), (int)strlen(data));
	assert_int_equal(gzclose(f), Z_OK);
}

/* Reads `path` to its end: the articles, or the fatal error's code and message. */
static int read_to_end(const char *path, struct run *run, char *msg, size_t size)
{
	struct slant_reader *r = reader_for(path, NULL);
	struct slant_article a;
	struct slant_err err;
	int ret;

	memset(run, 0, sizeof(*run));
	slant_article_init(&a);
	for (;;) {
		slant_err_clear(&err);
		if ((ret = slant_reader_next(r, &a, &err)) == 1 &&
		    (ret = slant_reader_load(r, &a, &err)) == 0) {
			assert_true(run->n < 16);
			snprintf(run->texts[run->n++], 128, "%s", a.text);
			continue;
		}
		if (ret <= 0 && ret != SLANT_EDATA)
			break;
	}
	snprintf(msg, size, "%.*s", (int)(size > 1 ? size - 1 : 0), err.msg);
	slant_article_release(&a);
	slant_reader_free(r);
	return ret;
}

/*
 * gzip's corners, whichever library inflates: several members in one file (what `cat a.gz
 * b.gz` makes) read as one stream; bytes after the last member ignored, as gzip does; a
 * damaged checksum refused; and a plain file is never taken for gzip because some later
 * chunk of it starts with gzip's magic bytes.
 */
static void test_gzip_members_and_damage(void **state)
{
	char *dir = make_tmpdir();
	char path[512], msg[600];
	struct run run;

	(void)state;
	snprintf(path, sizeof(path), "%s/m.jsonl.gz", dir);
	append_member(path, "{\"id\":\"1\",\"outlet\":\"A\",\"text\":\"one\"}\n");
	append_member(path, "{\"id\":\"2\",\"outlet\":\"A\",\"text\":\"two\"}\n");
	append_member(path, "{\"id\":\"3\",\"outlet\":\"A\",\"text\":\"three\"}\n");
	assert_int_equal(read_to_end(path, &run, msg, sizeof(msg)), 0);
	assert_int_equal(run.n, 3);
	assert_string_equal(run.texts[2], "three");

	/* trailing zeros after the last member */
	FILE *f = fopen(path, "ab");
	assert_non_null(f);
	assert_int_equal(fwrite("\0\0\0\0\0\0\0\0", 1, 8, f), 8);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(read_to_end(path, &run, msg, sizeof(msg)), 0);
	assert_int_equal(run.n, 3);

	/* one byte of the last member's CRC flipped */
	snprintf(path, sizeof(path), "%s/c.jsonl.gz", dir);
	append_member(path, "{\"id\":\"1\",\"outlet\":\"A\",\"text\":\"one\"}\n");
	f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, -8, SEEK_END), 0);
	int c = fgetc(f);
	assert_int_equal(fseek(f, -8, SEEK_END), 0);
	fputc(c ^ 0xff, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(read_to_end(path, &run, msg, sizeof(msg)), SLANT_EIO);
	assert_non_null(strstr(msg, "cannot read"));

	/* plain text whose 256 KiB chunk boundary falls on 0x1f 0x8b */
	size_t n = (256u << 10) + 64;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memset(big, 'a', n);
	for (size_t i = 79; i < n; i += 80)
		big[i] = ' ';
	big[256u << 10] = 0x1f;
	big[(256u << 10) + 1] = (char)0x8b;
	big[n - 1] = 'z';
	big[n] = '\0';
	free(write_file(dir, "big.txt", big, n, 0));
	snprintf(path, sizeof(path), "%s/big.txt", dir);
	struct slant_reader *r = reader_for(NULL, NULL);
	struct slant_err err;
	struct slant_article a;
	assert_int_equal(slant_reader_set_outlet(r, "X", &err), 0);
	assert_int_equal(slant_reader_add(r, path, &err), 0);
	slant_article_init(&a);
	assert_int_equal(slant_reader_next(r, &a, &err), 1);
	assert_int_equal(slant_reader_load(r, &a, &err), 0);
	assert_true(a.text_len >= n - 2);
	assert_int_equal(a.text[a.text_len - 1], 'z');
	slant_article_release(&a);
	slant_reader_free(r);
	free(big);
	rm_tree(dir);
}

static void test_csv(void **state)
{
	static const char csv[] =
		"\xEF\xBB\xBFid,source,content,topic\r\n"
		"c1,\"Outlet, Inc.\",\"He said \"\"no\"\".\r\nSecond line.\",immigration\r\n"
		"\r\n"
		"c2,Plain,Short text,economy\r\n"
		"c3,Too,Few\r\n"
		"c4,Last,\"unterminated\n";
	static const char *const maps[] = { "outlet=source", "text=content", NULL };
	char *dir = make_tmpdir();
	char *path = write_str(dir, "c.csv", csv);
	struct slant_reader *r = reader_for(path, maps);
	struct run run;

	(void)state;
	read_all(r, &run);
	assert_int_equal(run.n, 2);
	assert_string_equal(run.ids[0], "c1");
	assert_string_equal(run.outlets[0], "Outlet, Inc.");
	assert_string_equal(run.texts[0], "He said \"no\".\r\nSecond line.");
	assert_int_equal(run.lines[0], 2);
	assert_string_equal(run.ids[1], "c2");
	assert_int_equal(run.lines[1], 5);
	assert_int_equal(run.bad, 2);
	assert_non_null(strstr(run.errs[0], "c.csv:6: expected 4 fields as in the header, found 3"));
	assert_non_null(strstr(run.errs[1], "c.csv:7: unterminated quoted field"));
	slant_reader_free(r);
	free(path);
	rm_tree(dir);
}

static void test_tsv_gz_and_forced_format(void **state)
{
	/* a quoted field spanning lines; then fields that only start with a quotation mark */
	static const char tsv[] = "text\toutlet\tlean\nA text.\tO1\tleft\n\"Quoted\nline\"\tO2\tright\n"
				  "\"We will fight,\" the mayor said.\tO3\tleft\n"
				  "\"Unclosed quote\tO4\tcenter\n";
	char *dir = make_tmpdir();
	char *gz = write_file(dir, "t.tsv.gz", tsv, sizeof(tsv) - 1, 1);
	char *plain = write_str(dir, "data.dat", tsv);
	struct slant_reader *r = reader_for(gz, NULL);
	struct slant_err err;
	struct run run;

	(void)state;
	read_all(r, &run);
	assert_int_equal(run.n, 4);
	assert_int_equal(run.bad, 0);
	assert_string_equal(run.texts[1], "Quoted\nline");
	assert_string_equal(run.texts[2], "\"We will fight,\" the mayor said.");
	assert_string_equal(run.outlets[2], "O3");
	assert_string_equal(run.texts[3], "\"Unclosed quote");
	assert_string_equal(run.outlets[3], "O4");
	assert_string_equal(run.ids[0], "t.tsv.gz:2");
	slant_reader_free(r);

	r = slant_reader_new();
	slant_reader_set_format(r, SLANT_INPUT_TSV);
	assert_int_equal(slant_reader_add(r, plain, &err), 0);
	read_all(r, &run);
	assert_int_equal(run.n, 4);
	assert_string_equal(run.outlets[1], "O2");
	slant_reader_free(r);
	free(gz);
	free(plain);
	rm_tree(dir);
}

static void test_csv_edges(void **state)
{
	char *dir = make_tmpdir();
	char *bom = write_str(dir, "bom.csv", "\xEF\xBB\xBF\"id\",\"outlet\",\"text\"\r\nx1,O,\"Last one\"\r\n"
						 "x2,O,Last one\r");
	struct slant_buf commas;
	char *big;
	struct slant_reader *r;
	struct run run;

	(void)state;
	r = reader_for(bom, NULL);
	read_all(r, &run);
	assert_int_equal(run.n, 2);
	assert_string_equal(run.ids[0], "x1"); /* the quoted header after the BOM is a header */
	assert_string_equal(run.texts[1], "Last one"); /* no CR kept at the end of the file */
	slant_reader_free(r);

	/* a record of nothing but separators is capped like any other */
	slant_buf_init(&commas, 0);
	slant_buf_adds(&commas, "id,outlet,text\n");
	for (int i = 0; i < 100000; i++)
		slant_buf_addc(&commas, ',');
	slant_buf_adds(&commas, "\nok,O,fine\n");
	big = write_str(dir, "commas.csv", commas.data);
	r = reader_for(big, NULL);
	slant_reader_set_max_record(r, 1000);
	read_all(r, &run);
	assert_int_equal(run.n, 1);
	assert_int_equal(run.codes[0], SLANT_ELIMIT);
	assert_non_null(strstr(run.errs[0], "record larger than 1000 bytes"));
	slant_reader_free(r);
	slant_buf_release(&commas);
	free(bom);
	free(big);
	rm_tree(dir);
}

static void test_directory_with_manifest(void **state)
{
	char *dir = make_tmpdir();
	struct slant_reader *r;
	struct slant_article a;
	struct slant_err err;
	struct run run;
	char *p[5];

	(void)state;
	p[0] = write_str(dir, "b.txt", "Text of b.\n");
	p[1] = write_str(dir, "a.txt", "Text of a.\n");
	p[2] = write_file(dir, "c.txt.gz", "Text of c.", 10, 1);
	p[3] = write_str(dir, "manifest.tsv",
			 "file\toutlet\ttitle\tdate\turl\tlean\n"
			 "a.txt\tOutlet A\tTitle A\t2025-10-01\thttps://example.com/a\tleft\n"
			 "b\tOutlet B\t\t\t\tright\n"
			 "missing.txt\tOutlet M\tT\t\t\tcenter\n");
	p[4] = write_str(dir, "notes.md", "not an article");
	r = reader_for(dir, NULL);
	slant_article_init(&a);
	assert_int_equal(slant_reader_read(r, &a, &err), 1);
	assert_string_equal(a.id, "a");
	assert_string_equal(a.outlet, "Outlet A");
	assert_string_equal(a.title, "Title A");
	assert_string_equal(a.date, "2025-10-01");
	assert_string_equal(a.url, "https://example.com/a");
	assert_string_equal(slant_article_field(&a, "lean"), "left");
	assert_string_equal(a.text, "Text of a.\n");
	assert_int_equal(slant_reader_read(r, &a, &err), 1);
	assert_string_equal(a.id, "b");
	assert_null(a.title); /* empty manifest cells are absent */
	/* c.txt.gz has no manifest row and there is no default outlet */
	assert_int_equal(slant_reader_read(r, &a, &err), SLANT_EDATA);
	assert_non_null(strstr(err.msg, "no outlet"));
	assert_int_equal(slant_reader_read(r, &a, &err), SLANT_EDATA);
	assert_non_null(strstr(err.msg, "no file 'missing.txt'"));
	assert_int_equal(err.line, 4);
	assert_int_equal(slant_reader_read(r, &a, &err), 0);
	slant_article_release(&a);
	slant_reader_free(r);

	/* with a default outlet, c is read too */
	r = reader_for(dir, NULL);
	assert_int_equal(slant_reader_set_outlet(r, "Default", &err), 0);
	read_all(r, &run);
	assert_int_equal(run.n, 3);
	assert_string_equal(run.ids[2], "c");
	assert_string_equal(run.outlets[2], "Default");
	assert_string_equal(run.texts[2], "Text of c.");
	assert_int_equal(run.bad, 1);
	slant_reader_free(r);
	for (int i = 0; i < 5; i++)
		free(p[i]);
	rm_tree(dir);
}

static void test_manifest_csv_and_single_files(void **state)
{
	char *dir = make_tmpdir();
	char *p[3];
	struct slant_reader *r;
	struct slant_err err;
	struct run run;

	(void)state;
	p[0] = write_str(dir, "one.txt", "One.");
	p[1] = write_str(dir, "manifest.csv", "file,outlet\n\"one.txt\",\"Outlet, One\"\n");
	p[2] = write_str(dir, "two.text", "Two.");
	r = reader_for(p[0], NULL);
	read_all(r, &run);
	assert_int_equal(run.n, 1);
	assert_string_equal(run.outlets[0], "Outlet, One");
	assert_string_equal(run.ids[0], "one");
	slant_reader_free(r);

	r = reader_for(p[2], NULL);
	read_all(r, &run);
	assert_int_equal(run.n, 0);
	assert_non_null(strstr(run.errs[0], "no outlet: give --outlet"));
	slant_reader_free(r);
	r = reader_for(NULL, NULL);
	assert_int_equal(slant_reader_set_outlet(r, "Mine", &err), 0);
	assert_int_equal(slant_reader_add(r, p[2], &err), 0);
	read_all(r, &run);
	assert_int_equal(run.n, 1);
	assert_string_equal(run.outlets[0], "Mine");
	assert_string_equal(run.ids[0], "two");
	slant_reader_free(r);
	for (int i = 0; i < 3; i++)
		free(p[i]);
	rm_tree(dir);
}

static void test_bad_manifest(void **state)
{
	char *dir = make_tmpdir();
	char *p[2];
	struct slant_reader *r;
	struct run run;

	(void)state;
	p[0] = write_str(dir, "a.txt", "A.");
	p[1] = write_str(dir, "manifest.tsv", "name\toutlet\na.txt\tX\n");
	r = reader_for(dir, NULL);
	read_all(r, &run);
	assert_int_equal(run.n, 0);
	assert_int_equal(run.bad, 1);
	assert_non_null(strstr(run.errs[0], "manifest.tsv:1: missing column \"file\""));
	slant_reader_free(r);

	/* one short row: reported with its line, the other rows and files still read */
	free(p[1]);
	p[1] = write_str(dir, "manifest.tsv", "file\toutlet\ttitle\nbroken row\na.txt\tX\tT\n");
	r = reader_for(dir, NULL);
	read_all(r, &run);
	assert_int_equal(run.n, 1);
	assert_string_equal(run.outlets[0], "X");
	assert_int_equal(run.bad, 1);
	assert_non_null(strstr(run.errs[0], "manifest.tsv:2: expected 3 fields as in the header"));
	slant_reader_free(r);
	free(p[0]);
	free(p[1]);
	rm_tree(dir);
}

static void test_usage_errors(void **state)
{
	struct slant_reader *r = slant_reader_new();
	struct slant_err err;

	(void)state;
	assert_int_equal(slant_reader_map(r, "text", &err), SLANT_EUSAGE);
	assert_non_null(strstr(err.msg, "NAME=SOURCE"));
	assert_int_equal(slant_reader_map(r, "=x", &err), SLANT_EUSAGE);
	assert_int_equal(slant_reader_map(r, "text=", &err), SLANT_EUSAGE);
	assert_int_equal(slant_reader_map(r, "text=a", &err), 0);
	assert_int_equal(slant_reader_map(r, "text=b", &err), SLANT_EUSAGE);
	assert_int_equal(slant_reader_add(r, "/nonexistent/corpus.jsonl", &err), SLANT_EIO);
	assert_string_equal(err.file, "/nonexistent/corpus.jsonl");
	assert_non_null(strstr(err.msg, "No such file"));
	slant_reader_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonl_mapping_and_fields),
		cmocka_unit_test(test_gzip_is_read_transparently),
		cmocka_unit_test(test_where),
		cmocka_unit_test(test_bad_records_are_reported_and_skipped),
		cmocka_unit_test(test_nul_escapes_and_bad_names),
		cmocka_unit_test(test_record_size_cap),
		cmocka_unit_test(test_json_array_and_truncated_gzip),
		cmocka_unit_test(test_gzip_members_and_damage),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_tsv_gz_and_forced_format),
		cmocka_unit_test(test_csv_edges),
		cmocka_unit_test(test_directory_with_manifest),
		cmocka_unit_test(test_manifest_csv_and_single_files),
		cmocka_unit_test(test_bad_manifest),
		cmocka_unit_test(test_usage_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
