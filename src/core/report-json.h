/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The report as a json-c object, both ways.  One mapping serves the JSON
 * renderer, the probe helpers' pipe protocol and (later) evidence bundles.
 * The layout is docs/report.schema.json.
 */
#ifndef FC_REPORT_JSON_H
#define FC_REPORT_JSON_H

#include <json-c/json.h>

#include "core/report.h"

struct json_object *fc_finding_to_json(const struct fc_finding *f);
struct json_object *fc_report_to_json(const struct fc_report *r);

/*
 * Parse one finding object.  On a malformed object returns -EBADMSG with a
 * message in *err (caller frees).
 */
int fc_finding_from_json(struct json_object *o, struct fc_report *into,
			 char **err) FC_WUR;

/* The string member k of o; NULL when o is NULL or k is absent or not a
 * string. */
const char *fc_json_str(struct json_object *o, const char *k);

/*
 * Parse a whole report as fc_report_to_json() writes it (any 1.x schema
 * version): what 'evidence show' renders again.  -EBADMSG with *err.
 */
int fc_report_from_json(struct json_object *o, struct fc_report **out,
			char **err) FC_WUR;

#endif
