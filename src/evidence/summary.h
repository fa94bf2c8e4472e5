/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * 'fipsctl evidence summarize': one row per bundle (host, time, overall
 * verdict, a verdict per module, whether the bundle verified), rendered
 * as a text table, JSON, CSV or HTML.  Rows are added as the helpers
 * read the bundles, in the order given, and written as they come (the
 * work is linear in their number, the memory independent of it).
 */
#ifndef FC_EVIDENCE_SUMMARY_H
#define FC_EVIDENCE_SUMMARY_H

#include <stdio.h>

#include <json-c/json.h>

#include "core/report.h"

struct fc_summary;

/* A summary in format ("text", "json", "csv" or "html") on out. */
struct fc_summary *fc_summary_new(const char *format, FILE *out);
void fc_summary_free(struct fc_summary *s);

/* The row of one bundle (the helper's verification and the text of its
 * report.json, NULL when it has none), written or spooled at once.
 * -EIO once a write failed. */
int fc_summary_add(struct fc_summary *s, struct json_object *verification,
		   const char *report, size_t len) FC_WUR;

/* What must wait for the last row; -EIO on a failed write. */
int fc_summary_finish(struct fc_summary *s) FC_WUR;

/* fail when a bundle does not verify or a host failed (or errored);
 * incomplete when none did but a host's verdict is incomplete. */
enum fc_outcome fc_summary_outcome(const struct fc_summary *s);

#endif
