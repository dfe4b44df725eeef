/*
 * util.c - messages, exit codes, data files, atomic output and progress for the tool.
 */
#include "cli.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const struct cmd *cli_current;

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("slant: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_error_err(const struct slant_err *err)
{
	char buf[1024];

	cli_error("%s", slant_err_text(err, buf, sizeof(buf)));
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("slant: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cli_current)
		fprintf(stderr, "see 'slant %s --help'\n", cli_current->name);
	else
		fputs("see 'slant help'\n", stderr);
	return EXIT_USAGE;
}

int cli_exit_code(int code)
{
	switch (code) {
	case SLANT_OK: return EXIT_OK;
	case SLANT_EDATA: case SLANT_ELIMIT: return EXIT_DATA;
	case SLANT_EUSAGE: return EXIT_USAGE;
	default: return EXIT_IO;
	}
}

int cli_help(void)
{
	fputs(cli_current->usage, stdout);
	return EXIT_OK;
}

static bool readable(const char *p)
{
	return access(p, R_OK) == 0;
}

const char *cli_data_path(const char *rel)
{
	static char buf[PATH_MAX];
	char exe[PATH_MAX];
	const char *env = getenv("SLANT_DATA_DIR");
	ssize_t n;

	if (env && *env) {
		if (snprintf(buf, sizeof(buf), "%s/%s", env, rel) >= (int)sizeof(buf))
			return NULL;
		return readable(buf) ? buf : NULL;
	}
	/* Installed: <prefix>/bin/slant finds <prefix>/share/slant, wherever the prefix moved. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			if (snprintf(buf, sizeof(buf), "%s/../share/slant/%s", exe, rel) <
				    (int)sizeof(buf) && readable(buf))
				return buf;
		}
	}
	if (snprintf(buf, sizeof(buf), "%s/%s", SLANT_SOURCE_DIR, rel) < (int)sizeof(buf) &&
	    readable(buf))
		return buf;
	if (snprintf(buf, sizeof(buf), "%s/%s", SLANT_INSTALL_DATADIR, rel) < (int)sizeof(buf) &&
	    readable(buf))
		return buf;
	return NULL;
}

int cli_out_open(struct cli_out *o, const char *path)
{
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	/* A device or a pipe (/dev/stdout, a FIFO) is written in place, never renamed over. */
	struct stat sb;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		if (!(o->f = fopen(path, "w"))) {
			cli_error("cannot write '%s': %s", path, strerror(errno));
			return EXIT_IO;
		}
		o->device = true;
		o->path = strdup(path); /* for messages; NULL is fine */
		return 0;
	}
	o->path = strdup(path);
	o->tmp = malloc(strlen(path) + 16);
	if (!o->path || !o->tmp) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	/* Same directory as the target, so rename() is atomic. */
	snprintf(o->tmp, strlen(path) + 16, "%s.tmp.XXXXXX", path);
	fd = mkstemp(o->tmp);
	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		cli_error("cannot write '%s': %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->path);
		free(o->tmp);
		o->path = o->tmp = NULL;
		return EXIT_IO;
	}
	fchmod(fd, 0644);
	return 0;
}

int cli_out_close(struct cli_out *o, bool keep)
{
	int ret = EXIT_OK;

	if (!o->f)
		return EXIT_OK;
	int failed_before = ferror(o->f);
	errno = 0;
	if (fflush(o->f) || failed_before) {
		/* errno says why only when this flush failed; an earlier write's reason is gone */
		cli_error("cannot write '%s'%s%s", o->path ? o->path : "standard output",
			  errno ? ": " : "", errno ? strerror(errno) : "");
		ret = EXIT_IO;
	}
	if (o->device) {
		if (fclose(o->f) && ret == EXIT_OK)
			ret = EXIT_IO;
	} else if (o->path) {
		if (fclose(o->f) && ret == EXIT_OK) {
			cli_error("cannot write '%s': %s", o->path, strerror(errno));
			ret = EXIT_IO;
		}
		if (keep && ret == EXIT_OK) {
			if (rename(o->tmp, o->path)) {
				cli_error("cannot rename '%s' to '%s': %s", o->tmp, o->path,
					  strerror(errno));
				ret = EXIT_IO;
			}
		}
		if (!keep || ret != EXIT_OK)
			unlink(o->tmp);
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return ret;
}

int cli_read_file(const char *path, struct slant_buf *b)
{
	bool in = !strcmp(path, "-");
	FILE *f = in ? stdin : fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int ret = 0;

	if (!f) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return EXIT_IO;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (slant_buf_add(b, chunk, n)) {
			cli_error("'%s' is too large", path);
			ret = EXIT_IO;
			break;
		}
	if (!ret && ferror(f)) {
		cli_error("cannot read '%s': %s", path, strerror(errno));
		ret = EXIT_IO;
	}
	if (!in)
		fclose(f);
	return ret;
}

int cli_model_open(const char *dir, struct slant_model **out)
{
	char shipped[PATH_MAX];
	struct slant_err err;

	if (!dir) {
		const char *p = cli_data_path("models/lean/meta.json");
		if (!p) {
			cli_error("cannot find the shipped model models/lean: give --model DIR or set "
				  "SLANT_DATA_DIR");
			return EXIT_IO;
		}
		snprintf(shipped, sizeof(shipped), "%s", p);
		dir = dirname(shipped);
	}
	slant_err_clear(&err);
	if (!(*out = slant_model_load(dir, cli_resolve, NULL, &err))) {
		cli_error_err(&err);
		return cli_exit_code(err.code);
	}
	return 0;
}

double cli_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_init(struct cli_progress *p, bool quiet)
{
	p->on = !quiet && isatty(2);
	p->start = p->last = cli_now();
}

void cli_progress_update(struct cli_progress *p, uint64_t records, uint64_t bytes)
{
	double now;

	/* Checking the clock costs little, but not nothing: every 64 records is plenty. */
	if (!p->on || (records & 63))
		return;
	now = cli_now();
	if (now - p->last < 0.25)
		return;
	p->last = now;
	fprintf(stderr, "\rslant: %llu articles, %.1f MB, %.1f MB/s\033[K",
		(unsigned long long)records, (double)bytes / 1e6,
		(double)bytes / 1e6 / (now - p->start > 1e-9 ? now - p->start : 1e-9));
}

void cli_progress_done(struct cli_progress *p)
{
	if (p->on && p->last > p->start)
		fputs("\r\033[K", stderr);
}

int cli_add_tsv(struct slant_buf *b, const char *s, size_t n)
{
	int ret = slant_buf_grow(b, n);

	for (size_t i = 0; !ret && i < n; i++)
		ret = slant_buf_addc(b, s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	return ret;
}
