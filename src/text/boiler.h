/*
 * boiler.h - boilerplate matching shared by boiler.c and doc.c; not installed.
 */
#ifndef SLANT_BOILER_H
#define SLANT_BOILER_H

#include "internal.h"

enum {
	BOILER_HEAD = 1 << 0,
	BOILER_TAIL = 1 << 1,
	BOILER_BODY = 1 << 2,
};

struct boiler_hit {
	const char *kind; /* owned by the pattern set */
	const char *rule;
};

/*
 * The key a line is matched by: normalised (norm.c), whitespace runs collapsed to one space,
 * trimmed. Appended to `out`. 0 or a negative code.
 */
int boiler_line_key(const char *s, size_t n, struct slant_buf *out);

/*
 * The first pattern allowed in zone `where` (one BOILER_* bit) matching `key`, written to
 * `hit`; NULL when none matches.
 */
const struct boiler_hit *boiler_match(const struct slant_boiler *bp, const char *key,
				      int where, struct boiler_hit *hit);

/* Whether any pattern for zone `where` can match a key starting with byte `first`. */
bool boiler_may_match(const struct slant_boiler *bp, unsigned char first, int where);

#endif
