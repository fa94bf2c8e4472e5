// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The findings of a tally (src/kat/kat.h fc_kat_report): one per
 * algorithm cell, in the core's report order.
 */
#include "kat/kat.h"

#include <ctype.h>
#include <string.h>

static char *cell_id(const char *check_id, const char *alg)
{
	char *id = fc_asprintf("%s.%s", check_id, alg);
	for (char *p = id + strlen(check_id); *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return id;
}

static void report_cell(struct fc_report *r, const char *check_id,
			const char *module, const struct fc_kat_cell *c,
			const struct fc_kat_opts *o)
{
	_cleanup_free_ char *id = cell_id(check_id, c->alg);
	struct fc_finding *f = fc_report_add(r, id, check_id);
	fc_finding_fact(f, "module", "%s", module);
	fc_finding_fact(f, "algorithm", "%s", c->alg);
	fc_finding_fact(f, "passed", "%u", c->passed);
	fc_finding_fact(f, "failed", "%u", c->failed);
	fc_finding_fact(f, "skipped", "%u", c->skipped);
	if (c->warned)
		fc_finding_fact(f, "edge_cases_rejected", "%u", c->warned);
	if (c->first_failure)
		fc_finding_fact(f, "first_failure", "%s", c->first_failure);
	if (c->first_warning)
		fc_finding_fact(f, "first_edge_case", "%s", c->first_warning);
	if (c->skip_reason)
		fc_finding_fact(f, "skip_reason", "%s", c->skip_reason);
	struct fc_buf extra = { 0 };
	if (c->skipped && c->passed)
		fc_buf_addf(&extra, ", %u skipped (%s)", c->skipped,
			    c->skip_reason);
	if (o && o->bench && c->ns_per_kat > 0) {
		fc_finding_fact(f, "ns_per_kat", "%.0f", c->ns_per_kat);
		fc_finding_fact(f, "bench_kats", "%llu", c->bench_kats);
		fc_buf_addf(&extra, "; %.0f ns/KAT", c->ns_per_kat);
		if (c->mb_per_s > 0) {
			fc_finding_fact(f, "mb_per_s", "%.1f", c->mb_per_s);
			fc_buf_addf(&extra, ", %.1f MB/s", c->mb_per_s);
		}
	}
	if (c->failed) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "%s: %u of %u vectors failed; first: %s",
				  c->alg, c->failed,
				  c->passed + c->failed, c->first_failure);
		fc_finding_remedy(f, "do not rely on this module's %s until it "
				     "passes: update or reinstall the library "
				     "(dnf upgrade / dnf reinstall), and report "
				     "the vector named to its maintainers if it "
				     "still fails",
				  c->alg);
	} else if (c->warned) {
		fc_finding_status(f, FC_STATUS_WARN,
				  "%s: %u vectors passed, %u valid edge case%s "
				  "rejected; first: %s",
				  c->alg, c->passed, c->warned,
				  c->warned == 1 ? "" : "s", c->first_warning);
		fc_finding_remedy(f, "report the vector named to the library's "
				     "maintainers: a valid input that rarely "
				     "occurs is refused (no wrong answer was "
				     "computed)");
	} else if (c->passed) {
		fc_finding_status(f, FC_STATUS_PASS, "%s: %u vectors passed%s",
				  c->alg, c->passed,
				  extra.data ? extra.data : "");
	} else {
		/* Only "not offered" leaves a cell without vectors run: a
		 * known answer of an algorithm the module does not offer does
		 * not apply to it. */
		fc_finding_skip(f, FC_SKIP_NOT_APPLICABLE, "%s: not run: %s",
				c->alg,
				  c->skip_reason ? c->skip_reason : "no vectors");
	}
	fc_buf_free(&extra);
}

unsigned fc_kat_report(struct fc_report *r, const char *check_id,
		       const char *module, const struct fc_kat_tally *t,
		       const struct fc_kat_opts *o)
{
	unsigned failed = 0;
	/* Report order: the core's algorithm list, then anything else. */
	bool *done = fc_calloc(t->n + 1, sizeof(bool));
	for (size_t k = 0; fc_kat_algorithms[k]; k++)
		for (size_t i = 0; i < t->n; i++)
			if (!done[i] && fc_streq(t->cells[i].alg,
						 fc_kat_algorithms[k])) {
				done[i] = true;
				report_cell(r, check_id, module, &t->cells[i], o);
			}
	for (size_t i = 0; i < t->n; i++) {
		if (!done[i])
			report_cell(r, check_id, module, &t->cells[i], o);
		failed += t->cells[i].failed;
	}
	free(done);
	return failed;
}
