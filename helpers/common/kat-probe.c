// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The probe-helper side of the self-test core: the vectors to
 * run (the compiled table and any --vectors files), the run through one
 * library's adapter and the findings selftest.<module>.  Linked into the
 * probe helpers that have an adapter, never into the parent.
 */
#include "kat-probe.h"

#include <errno.h>
#include <string.h>

#include "kat/kat-load.h"

struct fc_finding *fc_kat_probe_run(struct fc_probe_ctx *ctx,
				    const char *check_id, const char *module,
				    const struct fc_kat_ops *ops, void *a)
{
	struct fc_kat_opts o = {
		.algorithms = (const char *const *)ctx->kat_algorithms,
		.bench = ctx->kat_bench,
		.seconds = ctx->kat_seconds,
	};
	struct fc_kat_set set = { 0 };
	struct fc_kat_tally t = { 0 };
	struct fc_finding *f = NULL;
	_cleanup_free_ char *err = NULL;

	/* Files named at run time come after the compiled table.  The parent
	 * read them already (a bad file stops it before any helper runs),
	 * so an error here means a file changed in between. */
	for (size_t i = 0; ctx->kat_vectors && ctx->kat_vectors[i]; i++) {
		if (fc_kat_load_path(&set, ctx->kat_vectors[i], NULL, &err) < 0) {
			f = fc_probe_finding(ctx, check_id, NULL);
			fc_finding_fact(f, "module", "%s", module);
			fc_finding_status(f, FC_STATUS_ERROR,
					  "cannot read the vectors: %s",
					  err ? err : ctx->kat_vectors[i]);
			fc_kat_set_free(&set);
			return f;
		}
	}
	size_t n = fc_kat_table_len + set.n;
	const struct fc_kat_vector **v = fc_calloc(n + 1, sizeof(*v));
	for (size_t i = 0; i < fc_kat_table_len; i++)
		v[i] = &fc_kat_table[i];
	for (size_t i = 0; i < set.n; i++)
		v[fc_kat_table_len + i] = &set.v[i];

	/* The summary first, so that it leads the module's findings. */
	f = fc_probe_finding(ctx, check_id, NULL);
	fc_kat_run(ops, a, v, n, &o, &t);
	unsigned failed = fc_kat_report(ctx->report, check_id, module, &t, &o);

	unsigned passed = 0, skipped = 0, warned = 0;
	size_t ran = 0;
	for (size_t i = 0; i < t.n; i++) {
		passed += t.cells[i].passed;
		skipped += t.cells[i].skipped;
		warned += t.cells[i].warned;
		ran += t.cells[i].passed + t.cells[i].failed +
			       t.cells[i].warned >
		       0;
	}
	fc_finding_fact(f, "module", "%s", module);
	fc_finding_fact(f, "vectors_passed", "%u", passed);
	fc_finding_fact(f, "vectors_failed", "%u", failed);
	fc_finding_fact(f, "vectors_skipped", "%u", skipped);
	if (warned)
		fc_finding_fact(f, "edge_cases_rejected", "%u", warned);
	fc_finding_fact(f, "algorithms_run", "%zu", ran);
	fc_finding_fact(f, "algorithms_not_offered", "%zu", t.n - ran);
	fc_finding_fact(f, "compiled_vectors", "%zu", fc_kat_table_len);
	fc_finding_fact(f, "runtime_vectors", "%zu", set.n);
	fc_finding_fact(f, "run_ms", "%.1f", t.run_ms);
	if (failed) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "%s: %u known-answer vectors failed, %u passed, "
				  "%u skipped (%.1f ms)",
				  module, failed, passed, skipped, t.run_ms);
		fc_finding_remedy(f, "see the failing algorithms below; a module "
				     "that computes a known answer wrongly must "
				     "not be used");
	} else if (passed && warned) {
		/* Rejected valid edge cases only (src/kat/kat-verdict.c). */
		fc_finding_status(f, FC_STATUS_WARN,
				  "%s: %u known-answer vectors passed in %zu "
				  "algorithms, %u valid edge case%s rejected, %u "
				  "skipped (%.1f ms)",
				  module, passed, ran, warned,
				  warned == 1 ? "" : "s", skipped, t.run_ms);
	} else if (passed) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "%s: %u known-answer vectors passed in %zu "
				  "algorithms, %u skipped (%.1f ms)",
				  module, passed, ran, skipped, t.run_ms);
	} else {
		/* With --algorithm the user chose what runs: nothing of it
		 * applies to this module.  Without, nothing ran at all. */
		fc_finding_skip(f,
				o.algorithms ? FC_SKIP_NOT_APPLICABLE
					     : FC_SKIP_NOT_EXAMINED,
				"%s: no known-answer vector could run%s", module,
				o.algorithms ? " for the selected algorithms" : "");
	}
	free(v);
	fc_kat_tally_free(&t);
	fc_kat_set_free(&set);
	return f;
}
