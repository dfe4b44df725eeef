/*
 * reader.c - the corpus reader: queued inputs (JSON Lines, CSV, TSV, directories of text files
 * with a manifest, single text files, standard input), read one record at a time so memory is
 * bounded by the largest record, not the corpus.
 */
#include "corpus.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_MAX_RECORD ((size_t)64 << 20)

struct slant_reader *slant_reader_new(void)
{
	struct slant_reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->max_record = DEFAULT_MAX_RECORD;
	slant_buf_init(&r->rec, 0);
	atomic_init(&r->bytes, 0);
	return r;
}

static void manifest_release(struct manifest *m)
{
	for (size_t i = 0; i < m->nrows; i++) {
		for (size_t k = 0; m->rows[i].values && k < m->nnames; k++)
			free(m->rows[i].values[k]);
		free(m->rows[i].values);
		free(m->rows[i].error);
	}
	for (size_t k = 0; k < m->nnames; k++)
		free(m->names[k]);
	free(m->names);
	free(m->rows);
	free(m->path);
	memset(m, 0, sizeof(*m));
}

static void close_input(struct slant_reader *r)
{
	stream_close(&r->st);
	table_release(&r->table);
	for (size_t i = 0; i < r->nentries; i++) {
		free(r->entries[i].path);
		free(r->entries[i].id);
	}
	free(r->entries);
	r->entries = NULL;
	r->nentries = r->centry = 0;
	manifest_release(&r->man);
	r->open = false;
}

void slant_reader_free(struct slant_reader *r)
{
	if (!r)
		return;
	close_input(r);
	for (size_t i = 0; i < r->nmaps; i++) {
		free(r->maps[i].name);
		free(r->maps[i].source);
	}
	free(r->maps);
	for (size_t i = 0; i < r->nfilters; i++) {
		for (size_t k = 0; k < r->filters[i].nvalues; k++)
			free(r->filters[i].values[k]);
		free(r->filters[i].values);
		free(r->filters[i].field);
	}
	free(r->filters);
	for (size_t i = 0; i < r->ninputs; i++)
		free(r->inputs[i].path);
	free(r->inputs);
	free(r->outlet);
	slant_buf_release(&r->rec);
	free(r->offs);
	free(r);
}

/* ----------------------------------------------------------- configuration */

int slant_reader_map(struct slant_reader *r, const char *spec, struct slant_err *err)
{
	const char *eq = strchr(spec, '=');
	struct fieldmap m;

	if (!eq || eq == spec || !eq[1])
		return slant_fail(err, SLANT_EUSAGE, NULL, 0, -1,
				  "bad field mapping '%s': expected NAME=SOURCE, e.g. text=content", spec);
	for (size_t i = 0; i < r->nmaps; i++)
		if (strlen(r->maps[i].name) == (size_t)(eq - spec) &&
		    !strncmp(r->maps[i].name, spec, (size_t)(eq - spec)))
			return slant_fail(err, SLANT_EUSAGE, NULL, 0, -1,
					  "field '%.*s' is mapped twice", (int)(eq - spec), spec);
	if (SLANT_GROW(r->maps, r->capmaps, r->nmaps + 1))
		return slant_fail_oom(err);
	m.name = slant_memdup0(spec, (size_t)(eq - spec));
	m.source = strdup(eq + 1);
	if (!m.name || !m.source) {
		free(m.name);
		free(m.source);
		return slant_fail_oom(err);
	}
	r->maps[r->nmaps++] = m;
	return 0;
}

int slant_reader_where(struct slant_reader *r, const char *spec, struct slant_err *err)
{
	const char *eq = strchr(spec, '=');
	struct filter f = { NULL, NULL, 0 };
	struct slant_buf v;
	size_t cap = 0;
	int ret = SLANT_ENOMEM;

	if (!eq || eq == spec)
		return slant_fail(err, SLANT_EUSAGE, NULL, 0, -1,
				  "bad filter '%s': expected FIELD=VALUE or FIELD=A,B", spec);
	slant_buf_init(&v, 0);
	f.field = slant_memdup0(spec, (size_t)(eq - spec));
	if (!f.field)
		goto fail;
	for (const char *p = eq + 1;; p++) {
		if (*p == '\\' && p[1] == ',') {
			if (slant_buf_addc(&v, ','))
				goto fail;
			p++;
			continue;
		}
		if (*p && *p != ',') {
			if (slant_buf_addc(&v, *p))
				goto fail;
			continue;
		}
		if (SLANT_GROW(f.values, cap, f.nvalues + 1))
			goto fail;
		f.values[f.nvalues] = slant_buf_detach(&v, NULL);
		if (!f.values[f.nvalues])
			goto fail;
		f.nvalues++;
		if (!*p)
			break;
	}
	if (SLANT_GROW(r->filters, r->capfilters, r->nfilters + 1))
		goto fail;
	r->filters[r->nfilters++] = f;
	return 0;
fail:
	for (size_t i = 0; i < f.nvalues; i++)
		free(f.values[i]);
	free(f.values);
	free(f.field);
	slant_buf_release(&v);
	return ret == SLANT_ENOMEM ? slant_fail_oom(err) : ret;
}

int slant_reader_set_outlet(struct slant_reader *r, const char *outlet, struct slant_err *err)
{
	char *o = strdup(outlet);

	if (!o)
		return slant_fail_oom(err);
	free(r->outlet);
	r->outlet = o;
	return 0;
}

void slant_reader_set_format(struct slant_reader *r, enum slant_input_format fmt)
{
	r->fmt = fmt;
}

void slant_reader_set_max_record(struct slant_reader *r, size_t max)
{
	/* offsets inside a record are 32-bit */
	r->max_record = !max ? DEFAULT_MAX_RECORD : max > ((size_t)1 << 30) ? (size_t)1 << 30 : max;
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && !strncmp(s + n - k, suffix, k);
}

/* The format a file name says, or AUTO. */
static int format_of_name(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (ends_with(base, n, ".gz"))
		n -= 3;
	if (ends_with(base, n, ".jsonl") || ends_with(base, n, ".ndjson") ||
	    ends_with(base, n, ".json"))
		return SLANT_INPUT_JSONL;
	if (ends_with(base, n, ".csv"))
		return SLANT_INPUT_CSV;
	if (ends_with(base, n, ".tsv") || ends_with(base, n, ".tab"))
		return SLANT_INPUT_TSV;
	if (ends_with(base, n, ".txt") || ends_with(base, n, ".text"))
		return SLANT_INPUT_TXT;
	return SLANT_INPUT_AUTO;
}

int slant_reader_add(struct slant_reader *r, const char *path, struct slant_err *err)
{
	struct input in = { NULL, SLANT_INPUT_AUTO, false };
	struct stat sb;

	if (strcmp(path, "-")) {
		if (stat(path, &sb) < 0)
			return slant_fail(err, SLANT_EIO, path, 0, -1, "cannot open: %s",
					  strerror(errno));
		in.is_dir = S_ISDIR(sb.st_mode);
		if (access(path, R_OK | (in.is_dir ? X_OK : 0)) < 0)
			return slant_fail(err, SLANT_EIO, path, 0, -1, "cannot open: %s",
					  strerror(errno));
		in.fmt = r->fmt ? r->fmt : format_of_name(path);
	} else {
		in.fmt = r->fmt ? r->fmt : SLANT_INPUT_JSONL;
	}
	if (SLANT_GROW(r->inputs, r->capinputs, r->ninputs + 1))
		return slant_fail_oom(err);
	in.path = strdup(path);
	if (!in.path)
		return slant_fail_oom(err);
	r->inputs[r->ninputs++] = in;
	return 0;
}

uint64_t slant_reader_bytes(const struct slant_reader *r)
{
	return atomic_load_explicit(&((struct slant_reader *)r)->bytes, memory_order_relaxed);
}

/* ------------------------------------------------ directories and manifests */

/* A text file's id: its name without directories, .gz and the extension. */
static char *id_of(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (ends_with(base, n, ".gz"))
		n -= 3;
	for (size_t i = n; i-- > 0;) {
		if (base[i] == '.') {
			if (i > 0)
				n = i;
			break;
		}
	}
	return slant_memdup0(base, n);
}

static int load_manifest(struct manifest *m, const char *path, struct slant_err *err)
{
	struct stream st;
	struct table t = { 0 };
	struct slant_buf rec;
	size_t *offs = NULL, noffs = 0, capoffs = 0;
	long line;
	int ret;

	t.sep = ends_with(path, strlen(path), ".csv") ? ',' : '\t';
	slant_buf_init(&rec, 0);
	if ((ret = stream_open(&st, path, NULL, err)))
		return ret;
	m->path = strdup(path);
	m->file_col = -1;
	if (!m->path) {
		ret = slant_fail_oom(err);
		goto out;
	}
	for (;;) {
		ret = table_read(&t, &st, DEFAULT_MAX_RECORD, &rec, &offs, &noffs, &capoffs, &line,
				 err);
		if (ret == 0 || ret == SLANT_EIO || ret == SLANT_ENOMEM || (ret < 0 && !t.header_done))
			break;
		if (SLANT_GROW(m->rows, m->caprows, m->nrows + 1)) {
			ret = slant_fail_oom(err);
			goto out;
		}
		struct mrow *row = &m->rows[m->nrows];
		row->line = line;
		row->values = NULL;
		row->error = NULL;
		if (ret < 0) {
			/* A bad row is reported in its turn; the other rows still count. */
			row->error = strdup(err ? err->msg : "bad manifest row");
			if (!row->error) {
				ret = slant_fail_oom(err);
				goto out;
			}
			m->nrows++;
			continue;
		}
		row->values = calloc(t.nnames, sizeof(char *));
		if (!row->values) {
			ret = slant_fail_oom(err);
			goto out;
		}
		m->nrows++;
		for (size_t k = 0; k < t.nnames; k++) {
			row->values[k] = strdup(rec.data + offs[k]);
			if (!row->values[k]) {
				ret = slant_fail_oom(err);
				goto out;
			}
		}
	}
	if (ret)
		goto out;
	if (!t.header_done) {
		ret = slant_fail(err, SLANT_EDATA, path, 1, -1, "empty manifest");
		goto out;
	}
	for (size_t k = 0; k < t.nnames; k++)
		if (!strcmp(t.names[k], "file"))
			m->file_col = (long)k;
	if (m->file_col < 0)
		ret = slant_fail(err, SLANT_EDATA, path, 1, -1, "missing column \"file\"");
out:
	/* The rows were made with the header's width: the manifest keeps the header. */
	m->names = t.names;
	m->nnames = t.nnames;
	t.names = NULL;
	t.nnames = 0;
	table_release(&t);
	stream_close(&st);
	slant_buf_release(&rec);
	free(offs);
	return ret;
}

/* The manifest row for file `name` (with or without its extension), or -1. */
static long find_row(const struct manifest *m, const char *name, const char *id)
{
	for (size_t i = 0; i < m->nrows; i++) {
		if (!m->rows[i].values)
			continue;
		const char *f = m->rows[i].values[m->file_col];
		const char *slash = strrchr(f, '/');
		f = slash ? slash + 1 : f;
		if (!strcmp(f, name) || !strcmp(f, id))
			return (long)i;
	}
	return -1;
}

static int add_entry(struct slant_reader *r, size_t *cap, char *path, char *id, long row)
{
	if (SLANT_GROW(r->entries, *cap, r->nentries + 1)) {
		free(path);
		free(id);
		return SLANT_ENOMEM;
	}
	r->entries[r->nentries++] = (struct dir_entry){ path, id, row };
	return 0;
}

/* Joins a directory and a name; NULL on out of memory. */
static char *join_path(const char *dir, const char *name)
{
	size_t dn = strlen(dir), nn = strlen(name);
	char *p = malloc(dn + nn + 2);

	if (!p)
		return NULL;
	while (dn > 1 && dir[dn - 1] == '/')
		dn--;
	memcpy(p, dir, dn);
	p[dn] = '/';
	memcpy(p + dn + 1, name, nn + 1);
	return p;
}

/* Loads manifest.tsv or manifest.csv from `dir` if there is one. */
static int find_manifest(struct slant_reader *r, const char *dir, struct slant_err *err)
{
	static const char *const names[] = { "manifest.tsv", "manifest.csv" };
	int ret = 0;

	for (size_t i = 0; i < SLANT_ARRAY_SIZE(names) && !r->man.path; i++) {
		char *p = join_path(dir, names[i]);
		if (!p)
			return slant_fail_oom(err);
		if (access(p, F_OK) == 0)
			ret = load_manifest(&r->man, p, err);
		free(p);
		if (ret)
			return ret;
	}
	return 0;
}

static int open_dir(struct slant_reader *r, const char *path, struct slant_err *err)
{
	DIR *dir = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, ecap = 0;
	bool *used = NULL;
	int ret = 0;

	if (!dir)
		return slant_fail(err, SLANT_EIO, path, 0, -1, "cannot list: %s", strerror(errno));
	while ((de = readdir(dir))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' ||
		    !(ends_with(de->d_name, len, ".txt") || ends_with(de->d_name, len, ".txt.gz")))
			continue;
		if (SLANT_GROW(names, cap, n + 1) || !(names[n] = strdup(de->d_name))) {
			ret = slant_fail_oom(err);
			goto out;
		}
		n++;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), slant_cmp_cstr);
	if ((ret = find_manifest(r, path, err)))
		goto out;
	used = calloc(r->man.nrows + 1, sizeof(*used));
	if (!used) {
		ret = slant_fail_oom(err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		char *full = join_path(path, names[i]), *id = id_of(names[i]);
		long row = -1;
		if (full && id && r->man.path) {
			row = find_row(&r->man, names[i], id);
			if (row >= 0)
				used[row] = true;
		}
		if (!full || !id || add_entry(r, &ecap, full, id, row)) {
			if (!full || !id) {
				free(full);
				free(id);
			}
			ret = slant_fail_oom(err);
			goto out;
		}
	}
	/* Rows naming files that are not there are reported, in manifest order, at the end. */
	for (size_t k = 0; k < r->man.nrows; k++) {
		if (used[k])
			continue;
		if (add_entry(r, &ecap, NULL, NULL, (long)k)) {
			ret = slant_fail_oom(err);
			goto out;
		}
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(used);
	closedir(dir);
	return ret;
}

static int open_text_file(struct slant_reader *r, const char *path, struct slant_err *err)
{
	const char *slash = strrchr(path, '/');
	bool is_stdin = !strcmp(path, "-");
	char *dir, *full = NULL, *id = NULL;
	size_t ecap = 0;
	long row = -1;
	int ret;

	dir = slash ? slant_memdup0(path, (size_t)(slash - path)) : strdup(".");
	full = strdup(path);
	id = is_stdin ? strdup("stdin") : id_of(path);
	if (!dir || !full || !id) {
		ret = slant_fail_oom(err);
		goto out;
	}
	if (!is_stdin && (ret = find_manifest(r, dir, err)))
		goto out;
	if (r->man.path)
		row = find_row(&r->man, slash ? slash + 1 : path, id);
	ret = add_entry(r, &ecap, full, id, row);
	full = id = NULL; /* the entry owns them now, or add_entry freed them */
	if (ret)
		ret = slant_fail_oom(err);
out:
	free(dir);
	free(full);
	free(id);
	return ret;
}

static int open_input(struct slant_reader *r, struct input *in, struct slant_err *err)
{
	int ret;

	if (in->is_dir)
		return open_dir(r, in->path, err);
	if (in->fmt == SLANT_INPUT_TXT)
		return open_text_file(r, in->path, err);
	if ((ret = stream_open(&r->st, in->path, &r->bytes, err)))
		return ret;
	if (in->fmt == SLANT_INPUT_AUTO) {
		/* Guess from the first bytes: a JSON object starts JSON Lines, anything else is text. */
		if ((ret = stream_fill(&r->st, err)) < 0)
			return ret;
		size_t i = 0;
		if (slant_has_bom(r->st.buf, r->st.len))
			i = 3;
		while (i < r->st.len && slant_is_space(r->st.buf[i]))
			i++;
		if (i < r->st.len && r->st.buf[i] == '{') {
			in->fmt = SLANT_INPUT_JSONL;
		} else {
			stream_close(&r->st);
			in->fmt = SLANT_INPUT_TXT;
			return open_text_file(r, in->path, err);
		}
	}
	if (in->fmt == SLANT_INPUT_CSV || in->fmt == SLANT_INPUT_TSV)
		r->table.sep = in->fmt == SLANT_INPUT_CSV ? ',' : '\t';
	return 0;
}

/* ---------------------------------------------------------------- records */

/* Numbers the record and notes where it starts; the article keeps its own copy of the name. */
static int set_position(struct slant_reader *r, struct slant_article *a, const char *source,
			long line)
{
	const char *base = strrchr(source, '/');
	struct slant_article_priv *p = a->priv;

	a->line = line;
	a->index = r->index++;
	slant_buf_reset(&p->source);
	if (slant_buf_adds(&p->source, source))
		return SLANT_ENOMEM;
	a->source = p->source.data;
	snprintf(p->source_id, sizeof(p->source_id), "%s:%ld", base ? base + 1 : source, line);
	return 0;
}

static int next_jsonl(struct slant_reader *r, struct slant_article *a, struct slant_err *err)
{
	struct stream *st = &r->st;
	struct slant_buf *raw;
	int ret;

	if (slant_article_prepare(a, SLANT_RAW_JSON))
		return slant_fail_oom(err);
	raw = &a->priv->raw;
	for (;;) {
		long start = st->line + 1;
		bool got = false, too_long = false;

		slant_buf_reset(raw);
		for (;;) {
			if (st->pos == st->len) {
				ret = stream_fill(st, err);
				if (ret < 0)
					return ret;
				if (ret == 0)
					break;
			}
			const unsigned char *p = st->buf + st->pos;
			const unsigned char *nl = memchr(p, '\n', st->len - st->pos);
			size_t chunk = nl ? (size_t)(nl - p) : st->len - st->pos;
			got = true;
			if (!too_long && raw->len + chunk > r->max_record)
				too_long = true;
			if (!too_long && slant_buf_add(raw, p, chunk))
				return slant_fail_oom(err);
			st->pos += chunk + (nl ? 1 : 0);
			if (nl) {
				st->line++;
				break;
			}
		}
		if (!got)
			return 0;
		if (set_position(r, a, st->name, start))
			return slant_fail_oom(err);
		if (too_long)
			return slant_fail(err, SLANT_ELIMIT, st->name, start, -1,
					  "record larger than %zu bytes", r->max_record);
		size_t i = 0;
		if (start == 1 && slant_has_bom(raw->data, raw->len))
			i = 3;
		while (i < raw->len && slant_is_space((unsigned char)raw->data[i]))
			i++;
		if (i == raw->len) {
			r->index--; /* a blank line is no record */
			continue;
		}
		if (start == 1 && raw->data[i] == '[')
			return slant_fail(err, SLANT_EDATA, st->name, start, (long)i,
					  "a JSON array is not JSON Lines: write one object per line");
		return 1;
	}
}

static int next_table(struct slant_reader *r, struct slant_article *a, struct slant_err *err)
{
	long line = r->st.line + 1;
	bool had_header = r->table.header_done;
	int ret;

	ret = table_read(&r->table, &r->st, r->max_record, &r->rec, &r->offs, &r->noffs,
			 &r->capoffs, &line, err);
	if (ret == 0)
		return 0;
	if (slant_article_prepare(a, SLANT_RAW_FIELDS))
		return slant_fail_oom(err);
	if (set_position(r, a, r->st.name, line))
		return slant_fail_oom(err);
	if (ret < 0) {
		/* Without a header nothing in the file can be read. */
		if (!had_header && !r->table.header_done && ret != SLANT_EIO) {
			close_input(r);
			r->cur++;
		}
		return ret;
	}
	for (size_t i = 0; i < r->noffs; i++) {
		const char *v = r->rec.data + r->offs[i];
		const char *name = r->table.names[i];
		if (slant_article_raw_field(a, name, strlen(name), v, strlen(v)))
			return slant_fail_oom(err);
	}
	return 1;
}

static int next_entry(struct slant_reader *r, struct slant_article *a, struct slant_err *err)
{
	struct dir_entry *e;
	struct stream st;
	int ret;

	if (r->centry >= r->nentries)
		return 0;
	e = &r->entries[r->centry++];
	if (slant_article_prepare(a, SLANT_RAW_FIELDS))
		return slant_fail_oom(err);
	if (!e->path) {
		const struct mrow *row = &r->man.rows[e->row];
		if (set_position(r, a, r->man.path, row->line))
			return slant_fail_oom(err);
		if (row->error)
			return slant_fail(err, SLANT_EDATA, r->man.path, row->line, -1, "%s",
					  row->error);
		return slant_fail(err, SLANT_EDATA, r->man.path, row->line, -1,
				  "no file '%s' in the directory", row->values[r->man.file_col]);
	}
	if (set_position(r, a, e->path, 1) || slant_buf_adds(&a->priv->default_id, e->id))
		return slant_fail_oom(err);
	if ((ret = stream_open(&st, e->path, &r->bytes, err)))
		return ret;
	slant_buf_reset(&r->rec);
	while ((ret = stream_fill(&st, err)) == 1) {
		if (r->rec.len + st.len > r->max_record) {
			ret = slant_fail(err, SLANT_ELIMIT, e->path, 0, -1, "file larger than %zu bytes",
					 r->max_record);
			break;
		}
		if (slant_buf_add(&r->rec, st.buf, st.len)) {
			ret = slant_fail_oom(err);
			break;
		}
		st.pos = st.len;
	}
	stream_close(&st);
	if (ret < 0)
		return ret;
	a->priv->text_rf = 0;
	if (slant_article_raw_field(a, "text", 4, r->rec.data, r->rec.len))
		return slant_fail_oom(err);
	if (e->row >= 0) {
		const struct mrow *row = &r->man.rows[e->row];
		for (size_t k = 0; k < r->man.nnames; k++) {
			const char *v = row->values[k];
			if ((long)k == r->man.file_col || !*v)
				continue;
			if (slant_article_raw_field(a, r->man.names[k], strlen(r->man.names[k]), v,
						    strlen(v)))
				return slant_fail_oom(err);
		}
	}
	return 1;
}

int slant_reader_next(struct slant_reader *r, struct slant_article *a, struct slant_err *err)
{
	int ret;

	while (r->cur < r->ninputs) {
		struct input *in = &r->inputs[r->cur];
		if (!r->open) {
			ret = open_input(r, in, err);
			if (ret) {
				close_input(r);
				r->cur++;
				return ret;
			}
			r->open = true;
		}
		if (r->entries || in->fmt == SLANT_INPUT_TXT || in->is_dir)
			ret = next_entry(r, a, err);
		else if (in->fmt == SLANT_INPUT_JSONL)
			ret = next_jsonl(r, a, err);
		else
			ret = next_table(r, a, err);
		if (ret)
			return ret;
		close_input(r);
		r->cur++;
	}
	return 0;
}

int slant_reader_read(struct slant_reader *r, struct slant_article *a, struct slant_err *err)
{
	int ret;

	for (;;) {
		ret = slant_reader_next(r, a, err);
		if (ret <= 0)
			return ret;
		ret = slant_reader_load(r, a, err);
		if (ret == 0)
			return 1;
		if (ret < 0)
			return ret;
	}
}
