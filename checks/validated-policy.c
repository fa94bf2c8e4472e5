// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * validated.policy: which validated-module table applies to the host (its
 * OS, version and architecture; --policy NAME names one), as
 * checks/verdict.c chose it once the rpmdb helper reported.  Every other
 * validated.* check judges by that table.
 */
#include "base/strv.h"
#include "checks.h"
#include "validated.h"

static int run_policy(struct fc_ctx *ctx)
{
	const struct fc_vstate *st = fc_vstate_get(ctx);
	const struct fc_host *h = st->host;
	const char *id = h->os_id ? h->os_id : "unknown";
	const char *ver = h->os_version_id ? h->os_version_id : "unknown";
	const char *arch = h->arch ? h->arch : "unknown";
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	fc_finding_fact(f, "os", "%s %s", id, ver);
	fc_finding_fact(f, "arch", "%s", arch);
	fc_finding_fact(f, "mode", "%s", ctx->opts.strict ? "strict" : "default");
	if (ctx->opts.policy)
		fc_finding_fact(f, "policy_option", "%s", ctx->opts.policy);
	for (size_t i = 0; i < st->n_tables; i++) {
		_cleanup_free_ char *k = fc_asprintf("candidate.%zu", i + 1);
		fc_finding_fact(f, k, "%s (%s)", st->tables[i]->name,
				st->tables[i]->path);
	}
	if (st->choice)
		fc_finding_fact(f, "choice", "%s", st->choice);

	if (st->load_error) {
		fc_finding_status(f, FC_STATUS_ERROR,
				  "a validated-module table changed while "
				  "fipsctl ran: %s",
				  st->load_error);
		return 0;
	}
	if (!st->table && st->n_tables) {
		/* Cannot tell which table: not a "no", but not done either. */
		fc_finding_status(f, FC_STATUS_ERROR,
				  "cannot tell which validated-module table "
				  "applies to %s %s %s: %s",
				  id, ver, arch, st->choice);
		fc_finding_remedy(f, "fipsctl check --policy NAME (see "
				     "'fipsctl policy list')");
		return 0;
	}
	if (!st->table) {
		/*
		 * Without a table fipsctl cannot tell whether the modules are
		 * validated builds: that is "could not tell", a skip.  A
		 * --strict site demands that proof, so there it fails.
		 */
		char **dirs = fc_policy_dirs();
		struct fc_buf b = { 0 };
		for (size_t i = 0; dirs[i]; i++)
			fc_buf_addf(&b, "%s%s", i ? " " : "", dirs[i]);
		fc_finding_fact(f, "searched", "%s", b.data ? b.data : "");
		fc_buf_free(&b);
		fc_strv_free(dirs);
		fc_finding_status(f, ctx->opts.strict ? FC_STATUS_FAIL
						      : FC_STATUS_SKIP,
				  "no validated-module table for %s %s %s: "
				  "module versions cannot be judged",
				  id, ver, arch);
		fc_finding_remedy(f, "add a site table to "
				     "/etc/fipsctl/policies.d/ (see "
				     "docs/policies.md) or name one with "
				     "--policy");
		return 0;
	}

	const struct fc_policy *t = st->table;
	fc_vfacts_table(f, st);
	fc_finding_fact(f, "title", "%s", t->title);
	fc_finding_fact(f, "vendor", "%s", t->vendor);
	fc_vfacts_prov(f, "table", &t->prov);
	const struct fc_policy_os *os = fc_policy_os_find(t, h->os_id,
							  h->os_version_id);
	if (os) {
		fc_finding_fact(f, "operational_environment", "%s",
				os->vendor_affirmed ? "vendor-affirmed"
						    : "listed");
		fc_vfacts_prov(f, "os", &os->prov);
	}
	if (!fc_policy_applies(t, h->os_id, h->os_version_id, h->arch)) {
		fc_finding_status(f, FC_STATUS_WARN,
				  "judging by table %s as --policy asks, but "
				  "it does not list %s %s %s",
				  t->name, id, ver, arch);
		return 0;
	}
	fc_finding_status(f, FC_STATUS_PASS, "table %s (%s) applies to %s %s "
					     "%s%s",
			  t->name, t->title, id, ver, arch,
			  os && os->vendor_affirmed
				  ? ", a vendor-affirmed operating environment"
				  : "");
	return 0;
}

const struct fc_check fc_check_validated_policy = {
	.id = "validated.policy",
	.area = "validated",
	.title = "Validated-module table for this host",
	.requirement = FC_VREQ_TABLES,
	.run = run_policy,
	.after_probes = true,
	.uses_policy = true,
};
