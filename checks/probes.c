// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The library probe helpers the parent knows about (src/probe.h).  Their
 * implementations are checks/probe-<name>.c, each linked into its own
 * helper executable.
 */
#include "probe.h"

const struct fc_probe_info fc_probe_infos[] = {
	{ NULL, NULL, NULL, NULL },
};
