// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading a bundle's report.json back (docs/evidence.md): the check
 * report inside it becomes an fc_report again, with what the bundle adds
 * (bundle id, host identity, the table and its digest) in ->evidence, so
 * every renderer shows a stored report as 'check' showed it.
 */
#include "evidence/export.h"

#include <errno.h>
#include <string.h>

#include "parse/manifest.h"
#include "core/report-json.h"

static char *opt_str(struct json_object *o, const char *k)
{
	const char *v = fc_json_str(o, k);
	return v ? fc_strdup(v) : NULL;
}

int fc_evidence_doc_parse(const char *text, size_t len, struct fc_report **out,
			  struct json_object **doc, char **err)
{
	*out = NULL;
	*err = NULL;
	if (doc)
		*doc = NULL;
	if (len > INT32_MAX) {
		*err = fc_strdup("report.json is too large");
		return -EBADMSG;
	}
	struct json_tokener *tok = json_tokener_new();
	if (!tok)
		fc_oom();
	struct json_object *o = json_tokener_parse_ex(tok, text, (int)len);
	enum json_tokener_error je = json_tokener_get_error(tok);
	/* The whole text must be one document (a trailing newline is
	 * fine). */
	size_t used = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	while (o && used < len && strchr(" \t\r\n", text[used]))
		used++;
	if (!o || used != len) {
		*err = fc_asprintf("report.json is not JSON: %s",
				   o ? "text after the document"
				     : json_tokener_error_desc(je));
		json_object_put(o);
		return -EBADMSG;
	}
	const char *schema = NULL;
	struct json_object *v = NULL;
	if (json_object_object_get_ex(o, "schema", &v) &&
	    json_object_is_type(v, json_type_string))
		schema = json_object_get_string(v);
	/* Same major version only (docs/evidence.md: minor versions add
	 * members, which this reader ignores). */
	if (!fc_startswith(schema, "https://fipsctl.invalid/schemas/evidence-1.")) {
		*err = fc_asprintf("report.json: not an evidence document "
				   "(schema \"%s\")",
				   schema ? schema : "missing");
		json_object_put(o);
		return -EBADMSG;
	}
	struct json_object *rep = NULL;
	if (!json_object_object_get_ex(o, "report", &rep)) {
		*err = fc_strdup("report.json: no \"report\" member");
		json_object_put(o);
		return -EBADMSG;
	}
	char *e = NULL;
	int r = fc_report_from_json(rep, out, &e);
	if (r < 0) {
		*err = fc_asprintf("report.json: the report: %s", e);
		free(e);
		json_object_put(o);
		return r;
	}
	struct fc_report_evidence *ev = fc_calloc(1, sizeof(*ev));
	struct json_object *host = NULL, *pol = NULL;
	json_object_object_get_ex(o, "host", &host);
	json_object_object_get_ex(o, "policy", &pol);
	ev->bundle_id = opt_str(o, "bundle_id");
	ev->machine_id = opt_str(host, "machine_id");
	ev->boot_id = opt_str(host, "boot_id");
	ev->policy_name = opt_str(pol, "name");
	ev->policy_file = opt_str(pol, "file");
	ev->policy_member = opt_str(pol, "member");
	ev->policy_sha256 = opt_str(pol, "sha256");
	(*out)->evidence = ev;
	if (doc)
		*doc = o;
	else
		json_object_put(o);
	return 0;
}
