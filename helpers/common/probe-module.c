// SPDX-License-Identifier: GPL-2.0-or-later
#include "probe-module.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "parse/fips-flag.h"

int fc_probe_kernel_fips(struct fc_root *root, struct fc_finding *f)
{
	static const char path[] = FC_FIPS_FLAG_PATH;
	struct fc_fips_flag flag;
	fc_fips_flag_read(root, &flag);
	int r = flag.err;
	if (f && flag.state == FC_FIPS_FLAG_ABSENT) {
		fc_finding_fact(f, "kernel_fips_enabled",
				"absent (%s does not exist)", path);
	} else if (f && flag.state == FC_FIPS_FLAG_UNREADABLE) {
		fc_finding_fact(f, "kernel_fips_enabled", "unreadable (%s: %s)",
				path, strerror(-r));
	} else if (f) {
		_cleanup_free_ char *shown = fc_fips_flag_shown(&flag, 64);
		fc_finding_fact(f, "kernel_fips_enabled", "%s", shown);
	}
	/* The parent's rule (src/parse/fips-flag.h): a value no kernel
	 * writes says nothing about the mode, whatever a library's own
	 * reading would make of it. */
	if (flag.state == FC_FIPS_FLAG_ENABLED)
		r = 1;
	else if (flag.state == FC_FIPS_FLAG_DISABLED)
		r = 0;
	else if (flag.state == FC_FIPS_FLAG_MALFORMED)
		r = -EBADMSG;
	fc_fips_flag_free(&flag);
	return r;
}

char *fc_probe_kernel_fips_why(int r)
{
	if (r == -EBADMSG)
		return fc_strdup(FC_FIPS_FLAG_PATH " holds neither 0 nor 1");
	return fc_asprintf(FC_FIPS_FLAG_PATH " could not be read: %s",
			   strerror(-r));
}

void fc_probe_keep_wanted(struct fc_probe_ctx *ctx)
{
	struct fc_report *r = ctx->report;
	size_t kept = 0;
	for (size_t i = 0; i < r->n_findings; i++) {
		if (fc_probe_wants(ctx, r->findings[i]->check_id))
			r->findings[kept++] = r->findings[i];
		else
			fc_finding_free(r->findings[i]);
	}
	r->n_findings = kept;
}

void fc_tri_set(struct fc_tri_fact *t, enum fc_tri value, const char *fmt,
		...)
{
	va_list ap;
	free(t->why);
	t->value = value;
	va_start(ap, fmt);
	t->why = fc_vasprintf(fmt, ap);
	va_end(ap);
}

static const char *tri_name(enum fc_tri t)
{
	return t == FC_TRI_TRUE ? "true" : t == FC_TRI_FALSE ? "false" : "unknown";
}

void fc_probe_add_summary(struct fc_probe_ctx *ctx, const char *check_id,
			  struct fc_module_summary *s)
{
	struct fc_finding *f = fc_probe_finding(ctx, check_id, NULL);
	struct {
		const char *key;
		struct fc_tri_fact *t;
	} items[] = {
		{ "fips_requested", &s->requested },
		{ "fips_active", &s->active },
		{ "selftests_passed", &s->selftests },
		{ "integrity_verified", &s->integrity },
	};
	struct fc_buf missing = { 0 };
	size_t n_false = 0, n_unknown = 0;
	for (size_t i = 0; i < FC_ARRAY_SIZE(items); i++) {
		struct fc_tri_fact *t = items[i].t;
		fc_finding_fact(f, items[i].key, "%s", tri_name(t->value));
		if (t->why) {
			_cleanup_free_ char *k = fc_asprintf("%s_why", items[i].key);
			fc_finding_fact(f, k, "%s", t->why);
		}
		if (t->value != FC_TRI_TRUE)
			fc_buf_addf(&missing, "%s%s %s", missing.len ? ", " : "",
				    items[i].key, tri_name(t->value));
		n_false += t->value == FC_TRI_FALSE;
		n_unknown += t->value == FC_TRI_UNKNOWN;
		free(t->why);
		t->why = NULL;
	}
	fc_finding_fact(f, "library_version", "%s", s->library_version);
	fc_finding_fact(f, "module_version", "%s",
			s->module_version && *s->module_version
				? s->module_version
				: "none reported by the library");
	if (n_false)
		fc_finding_status(f, FC_STATUS_FAIL,
				  "%s is not working as a FIPS module here: %s",
				  s->module, missing.data);
	else if (n_unknown)
		fc_finding_status(f, FC_STATUS_WARN,
				  "%s: could not tell everything: %s",
				  s->module, missing.data);
	else
		fc_finding_status(f, FC_STATUS_PASS,
				  "%s: FIPS mode requested and active, self-tests "
				  "passed, integrity verified",
				  s->module);
	fc_buf_free(&missing);
}
