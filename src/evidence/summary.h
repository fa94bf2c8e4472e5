/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * 'fipsctl evidence summarize': one row per bundle (host, time, overall
 * verdict, a verdict per module, whether the bundle verified), rendered
 * as a text table, JSON or CSV.  Rows are added as the helper reads the
 * bundles, in the order given, so the work is linear in their number.
 */
#ifndef FC_EVIDENCE_SUMMARY_H
#define FC_EVIDENCE_SUMMARY_H

#include <stdio.h>

#include <json-c/json.h>

#include "core/report.h"

struct fc_summary;

struct fc_summary *fc_summary_new(void);
void fc_summary_free(struct fc_summary *s);

/* Add the row for one line of the helper's "read" output. */
void fc_summary_add(struct fc_summary *s, struct json_object *verification);

/* "text", "json" or "csv"; -EIO on a failed write. */
int fc_summary_render(const struct fc_summary *s, const char *format,
		      FILE *out) FC_WUR;

/* fail when a bundle does not verify or a host failed (or errored);
 * incomplete when none did but a host's verdict is incomplete. */
enum fc_outcome fc_summary_outcome(const struct fc_summary *s);

#endif
