// SPDX-License-Identifier: GPL-2.0-or-later
/* Remedies worded for the audited root's release and programs (remedy.h). */
#include "remedy.h"

#include "engine/hostfacts.h"

void fc_remedy_enable_fips(struct fc_ctx *ctx, struct fc_finding *f)
{
	const struct fc_host_release *hr = fc_host_release(ctx);
	if (hr->el && hr->major >= 10)
		fc_finding_remedy(f, "reinstall the system with fips=1 on the "
				     "installer's kernel command line (EL10 "
				     "enables FIPS mode only at installation)");
	else if (hr->has_fips_mode_setup)
		fc_finding_remedy(f, "fips-mode-setup --enable && reboot");
	else if (hr->has_update_crypto_policies && hr->has_grubby)
		fc_finding_remedy(f, "update-crypto-policies --set FIPS && "
				     "grubby --update-kernel=ALL "
				     "--args=\"fips=1\" && reboot "
				     "(fips-mode-setup is not installed)");
	else
		fc_finding_remedy(f, "set the FIPS system crypto policy and "
				     "fips=1 on the kernel command line of "
				     "every boot entry, then reboot (this root "
				     "has neither fips-mode-setup nor "
				     "grubby)");
}

void fc_remedy_kernel_args(struct fc_ctx *ctx, struct fc_finding *f,
			   const char *target, const char *add,
			   const char *remove, bool reboot)
{
	if (fc_host_release(ctx)->has_grubby) {
		/* One grubby run per change: removals first. */
		struct fc_buf b = { 0 };
		if (remove)
			fc_buf_addf(&b, "grubby --update-kernel=%s "
					"--remove-args=\"%s\"",
				    target, remove);
		if (add)
			fc_buf_addf(&b, "%sgrubby --update-kernel=%s --args=\"%s\"",
				    b.len ? " && " : "", target, add);
		fc_finding_remedy(f, "%s%s", b.data ? b.data : "",
				  reboot ? " && reboot" : "");
		fc_buf_free(&b);
		return;
	}
	const char *which = fc_streq(target, "ALL")	 ? "every entry"
			    : fc_streq(target, "DEFAULT") ? "the default entry"
							  : target;
	fc_finding_remedy(f, "on the options line of %s in /boot/loader/"
			     "entries/: %s%s%s%s%s (grubby is not installed)%s",
			  which, remove ? "remove " : "", remove ? remove : "",
			  remove && add ? " and " : "", add ? "add " : "",
			  add ? add : "", reboot ? ", then reboot" : "");
}

void fc_remedy_set_default(struct fc_ctx *ctx, struct fc_finding *f,
			   const char *kernel_path)
{
	if (fc_host_release(ctx)->has_grubby)
		fc_finding_remedy(f, "grubby --set-default=%s", kernel_path);
	else
		fc_finding_remedy(f, "set saved_entry in /boot/grub2/grubenv "
				     "to the boot entry of %s (grubby is not "
				     "installed)",
				  kernel_path);
}

void fc_remedy_crypto_policy(struct fc_ctx *ctx, struct fc_finding *f,
			     const char *policy)
{
	if (fc_host_release(ctx)->has_update_crypto_policies) {
		if (policy)
			fc_finding_remedy(f, "update-crypto-policies --set %s",
					  policy);
		else
			fc_finding_remedy(f, "update-crypto-policies");
		return;
	}
	fc_finding_remedy(f, "install crypto-policies-scripts: this root has "
			     "no update-crypto-policies to %s",
			  policy ? "set the policy" : "apply the policy");
}
