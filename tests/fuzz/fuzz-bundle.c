// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for the evidence helper's bundle reader
 * (helpers/evidence/bundle-read.c): bytes as a bundle file, read with
 * libarchive and verified against its MANIFEST and signature, as
 * 'fipsctl evidence verify' does.  Links the helper's code and libraries
 * (Makefile: FUZZ_fuzz-bundle_*).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ev.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ev_members m;
	struct ev_verification v;
	if (ev_bundle_read_memory(data, size, &m, &v) < 0)
		abort();
	ev_bundle_verify(&m, NULL, &v);
	/* Verified means: no problem named, a report, every member ok. */
	if (v.ok != (v.first_problem == NULL))
		abort();
	if (v.ok) {
		if (!v.report || !v.manifest_ok || v.damage)
			abort();
		for (size_t i = 0; i < v.n_checks; i++)
			if (v.checks[i].state != EV_STATE_OK)
				abort();
	}
	if (m.total > FC_EV_MAX_TOTAL_BYTES || m.n > FC_EV_MAX_MEMBERS)
		abort();
	ev_verification_clear(&v);
	ev_members_free(&m);
	return 0;
}
