// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for the validated-module table loader
 * (src/policy/policy-lint.c and policy-table.c, with src/base/jsonpos.c)
 * and for the rpmdb helper's package facts (fc_installed_pkg_parse):
 * whatever the bytes, the loader either returns a table whose lookups
 * work, or refuses with at least one diagnostic that has a position.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const struct fc_policy *p)
{
	for (int m = 0; m < FC_MODULE_COUNT_; m++) {
		const struct fc_policy_module *mo = &p->modules[m];
		for (size_t a = 0; a < p->n_arches; a++) {
			const struct fc_policy_gap *g;
			(void)fc_policy_coverage(p, (enum fc_module)m,
						 p->arches[a], &g);
		}
		for (size_t i = 0; i < mo->n_builds; i++) {
			const struct fc_policy_build *b = &mo->builds[i];
			for (size_t k = 0; k < b->n_pkgs && b->n_arches; k++) {
				const char *ref = b->pkgs[k].evr
							  ? b->pkgs[k].evr
							  : b->pkgs[k].evr_glob;
				/* What the loader accepted, lookups find. */
				if (!ref || !fc_policy_find_build(
						    p, (enum fc_module)m,
						    b->arches[0],
						    b->pkgs[k].name, ref, NULL))
					abort();
				if (b->pkgs[k].evr && !fc_evr_valid(b->pkgs[k].evr))
					abort();
			}
		}
	}
	for (size_t i = 0; i < p->n_os; i++)
		if (!fc_policy_os_find(p, p->os[i].id, p->os[i].version_id))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fc_policy *p = NULL;
	struct fc_diags d = { 0 };
	int r = fc_policy_parse((const char *)data, size, "fuzz.json", &p, &d);
	if (r == 0) {
		if (!p || d.n)
			abort();
		walk(p);
		char *why = NULL;
		(void)fc_policy_choose(&p, 1, NULL, NULL, &why);
		free(why);
		fc_policy_free(p);
	} else {
		/* A refusal says where and why. */
		if (p || d.n == 0)
			abort();
		for (size_t i = 0; i < d.n; i++)
			if (d.v[i].line == 0 || d.v[i].col == 0 ||
			    !d.v[i].msg[0])
				abort();
	}
	fc_diags_free(&d);

	/* The same bytes as a package fact from the rpmdb helper. */
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	struct fc_installed_pkg pkg;
	if (fc_installed_pkg_parse(s, &pkg) == 0) {
		char *again = fc_installed_pkg_format(&pkg);
		char *rel = fc_installed_pkg_release(&pkg);
		free(again);
		free(rel);
		fc_installed_pkg_clear(&pkg);
	}
	free(s);
	return 0;
}
