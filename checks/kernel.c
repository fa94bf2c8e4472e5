// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel FIPS mode (issue 2 item 5): /proc/sys/crypto/fips_enabled and the
 * kernel's FIPS module identity.
 */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "checks.h"

static int run_fips_enabled(struct fc_ctx *ctx)
{
	static const char path[] = "/proc/sys/crypto/fips_enabled";
	_cleanup_free_ char *v = NULL;
	int r = fc_root_read(ctx->root, path, FC_READ_SMALL, &v, NULL);
	if (r < 0) {
		struct fc_finding *f = fc_ctx_read_failed(ctx, path, r,
							  FC_STATUS_FAIL);
		if (r == -ENOENT) {
			fc_finding_status(f, FC_STATUS_FAIL,
					  "%s does not exist: the kernel has no "
					  "FIPS support (CONFIG_CRYPTO_FIPS)",
					  path);
			fc_finding_remedy(f, "boot a kernel built with "
					     "CONFIG_CRYPTO_FIPS=y (the validated "
					     "kernel for this release)");
		}
		return 0;
	}
	fc_strstrip(v);
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	_cleanup_free_ char *shown = fc_printable(v, 64);
	fc_finding_fact(f, "fips_enabled", "%s", shown);

	/* Reported when the kernel has them (6.x and EL9 backports). */
	static const char *const extra[] = { "fips_name", "fips_version" };
	for (size_t i = 0; i < FC_ARRAY_SIZE(extra); i++) {
		_cleanup_free_ char *p = fc_asprintf("/proc/sys/crypto/%s",
						     extra[i]);
		_cleanup_free_ char *x = NULL;
		if (fc_root_read(ctx->root, p, FC_READ_SMALL, &x, NULL) == 0) {
			fc_strstrip(x);
			_cleanup_free_ char *xs = fc_printable(x, 256);
			fc_finding_fact(f, extra[i], "%s", xs);
		}
	}

	if (fc_streq(v, "1"))
		fc_finding_status(f, FC_STATUS_PASS,
				  "kernel FIPS mode is enabled (fips_enabled=1)");
	else if (fc_streq(v, "0")) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "kernel FIPS mode is disabled (fips_enabled=0)");
		fc_finding_remedy(f, "fips-mode-setup --enable && reboot");
	} else
		fc_finding_status(f, FC_STATUS_ERROR,
				  "unexpected value in %s: '%s'", path, shown);
	return 0;
}

const struct fc_check fc_check_kernel_fips_enabled = {
	.id = "kernel.fips_enabled",
	.area = "kernel",
	.title = "Kernel FIPS mode flag",
	.requirement = "FIPS 140-3 operational environment: the kernel runs in "
		       "FIPS mode (fips=1 at boot sets "
		       "/proc/sys/crypto/fips_enabled=1); RHEL 9 Security "
		       "Hardening, ch. 2 'Switching the system to FIPS mode'",
	.run = run_fips_enabled,
};
