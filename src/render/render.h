/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One data path, many formats (docs/style.md habit 7): a renderer turns a
 * finished report into bytes on a stream.  --format only picks one here.
 */
#ifndef FC_RENDER_H
#define FC_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "core/report.h"

struct fc_render_opts {
	bool color;
	bool quiet;   /* text: only what needs attention, and the verdict */
	int verbose;  /* text: facts and requirements too */
};

struct fc_renderer {
	const char *name;
	/* Return 0 or -errno (a failed write is an error, habit 8). */
	int (*render)(const struct fc_report *r, FILE *out,
		      const struct fc_render_opts *o);
};

extern const struct fc_renderer fc_render_text;
extern const struct fc_renderer fc_render_json;
extern const struct fc_renderer fc_render_junit;
extern const struct fc_renderer fc_render_oscal;

/* NULL-terminated table of every renderer. */
extern const struct fc_renderer *const fc_renderers[];
const struct fc_renderer *fc_renderer_find(const char *name);

#endif
