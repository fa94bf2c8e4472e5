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
	/* prometheus: the wall time of the run that made the report, in
	 * seconds; 0 when unknown (a report read back from a bundle). */
	double run_seconds;
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
extern const struct fc_renderer fc_render_prometheus;
extern const struct fc_renderer fc_render_html;

/* NULL-terminated table of every renderer. */
extern const struct fc_renderer *const fc_renderers[];
const struct fc_renderer *fc_renderer_find(const char *name);

/*
 * The report's overall verdict as a word, for the renderers that name it
 * (prometheus, html, the journal line of 'check --output'): the one call
 * they get it from, so that the rule that decides it lives in one place.
 * fc_render_verdicts lists every word it can return (NULL-terminated),
 * for the Prometheus state set.
 */
const char *fc_render_verdict(const struct fc_report *r);
extern const char *const fc_render_verdicts[];

/* The area of a check id: "crypto-policy" for "crypto-policy.config"
 * (a copy; "fipsctl" for an id that starts with '.'). */
char *fc_render_area(const char *id);

/*
 * HTML (src/render/render-html.c), also for the fleet summary: s as
 * text or, with attr, inside a double-quoted attribute value; invalid
 * UTF-8 and characters HTML forbids become U+FFFD, markup characters are
 * escaped, so a fixture's "<script>" is shown, never run.
 */
void fc_html_put(FILE *out, const char *s, bool attr);
/* The start of a self-contained document (its style sheet inline, for
 * screen and print) up to <body>, and its end. */
void fc_html_begin(FILE *out, const char *title);
void fc_html_end(FILE *out);

#endif
