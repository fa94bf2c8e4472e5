/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where things are in a JSON text.  json-c builds objects without line or
 * column information, and json-c keeps only the last of two equal keys,
 * so a linter that must say "file:line:column: message"
 * needs a second, position-tracking pass.  This pass runs after json-c
 * accepted the text: it records, for every value, the path that reaches
 * it ("modules.kernel.builds[0].packages[1].evr") and where its key and
 * its value start, and it collects keys that appear twice in one object.
 *
 * Lines and columns are 1-based; a column counts characters (UTF-8 code
 * points), not bytes, the way an editor shows them.
 */
#ifndef FC_JSONPOS_H
#define FC_JSONPOS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

struct fc_jpos_entry {
	char *path;           /* "" for the top-level value */
	unsigned line, col;   /* start of the value */
	unsigned kline, kcol; /* start of the member's key; 0 for items */
};

struct fc_jpos_dup {
	char *path;           /* path of the repeated member */
	unsigned line, col;   /* its second occurrence's key */
	unsigned fline, fcol; /* the first occurrence's key */
};

struct fc_jpos {
	struct fc_jpos_entry *v;
	size_t n;
	struct fc_jpos_dup *dups;
	size_t n_dups;
	/* path -> entry (index + 1), filled once the text indexed whole */
	size_t *hash;
	size_t hash_cap;
	/* On -EBADMSG: where and why the text is not standard JSON. */
	size_t err_off;
	const char *err_what;
};

/*
 * Index text.  Returns 0, or -EBADMSG when the text is not standard JSON
 * (RFC 8259): json-c also takes single-quoted strings and NaN, which
 * other JSON tools reject.  The entries found so far stay usable.
 */
int fc_jpos_index(const char *text, size_t len, struct fc_jpos *out) FC_WUR;
void fc_jpos_free(struct fc_jpos *p);

/*
 * Position of path's value (key=false) or of its key (key=true; items of
 * arrays have none, their value position is used).  A path that was not
 * indexed falls back to its nearest indexed ancestor, then to 1:1.
 */
void fc_jpos_find(const struct fc_jpos *p, const char *path, bool key,
		  unsigned *line, unsigned *col);

/* Line and column of byte offset off in text (off may equal len). */
void fc_text_linecol(const char *text, size_t len, size_t off, unsigned *line,
		     unsigned *col);

#endif
