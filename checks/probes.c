// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The library probe helpers the parent knows about (src/engine/probe.h).  Each
 * module's parent-side file checks/<module>.c defines its fc_probe_info and
 * its check descriptors; the implementation is helpers/<module>/probe.c,
 * linked into its own helper executable.  Add a probe: one line here, its
 * descriptors in checks/registry.c.
 */
#include "checks.h"
#include "engine/probe.h"

/* The rpmdb helper serves the validated.* checks (checks/validated.c),
 * which have no module file of their own. */
const struct fc_probe_info fc_probe_info_rpmdb = {
	.name = "rpmdb",
	.library = "librpm.so.9",
	.packages = "rpm-libs (EL9), librpm9 (Debian)",
	.install = "dnf install rpm-libs",
	.reads_root = true,
	.wants_policy = true,
};

const struct fc_probe_info *const fc_probe_infos[] = {
	&fc_probe_info_openssl,
	&fc_probe_info_nss,
	&fc_probe_info_libgcrypt,
	&fc_probe_info_gnutls,
	&fc_probe_info_rpmdb,
	NULL,
};
