/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running the self-test core inside a probe helper.  An adapter
 * (helpers/<library>/selftest.c) prepares its library, fills a struct
 * fc_kat_ops and calls this once.
 */
#ifndef FC_KAT_PROBE_H
#define FC_KAT_PROBE_H

#include "kat/kat.h"
#include "probe-child.h"

/*
 * Run the compiled table (its default tier, or every vector with
 * --kat-full) and the --vectors files through ops with the options the
 * parent passed, add a finding per algorithm
 * (<check_id>.<algorithm>) and the summary <check_id>, which is returned
 * so the adapter can add its facts (provider, FIPS mode, ...).  module
 * names the library in every summary ("OpenSSL 3.0.19, default provider").
 */
struct fc_finding *fc_kat_probe_run(struct fc_probe_ctx *ctx,
				    const char *check_id, const char *module,
				    const struct fc_kat_ops *ops, void *a);

#endif
