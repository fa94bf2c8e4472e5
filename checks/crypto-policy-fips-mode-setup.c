// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * crypto-policy.system_fips and crypto-policy.fips_mode_setup: the old
 * FIPS marker files, and the line `fips-mode-setup --check` would print.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/hostfacts.h"
#include "checks.h"
#include "crypto-policy.h"
#include "remedy.h"

/* ---- marker files --------------------------------------------------- */

/*
 * bash's test as root: -e/-d/-f follow links, -L does not, -x holds for
 * a directory or a file with any execute bit.  Errors that mean "not there"
 * are false, as for test; others cannot be told.
 */
static int shell_test(const struct fc_root *root, char op, const char *path,
		      bool *res)
{
	struct stat st;
	int r = op == 'L' ? fc_root_lstat(root, path, &st)
			  : fc_root_stat(root, path, &st);
	*res = false;
	if (r == -ENOENT || r == -ENOTDIR || r == -ELOOP)
		return 0;
	if (r < 0)
		return r;
	switch (op) {
	case 'e':
		*res = true;
		break;
	case 'd':
		*res = S_ISDIR(st.st_mode);
		break;
	case 'f':
		*res = S_ISREG(st.st_mode);
		break;
	case 'L':
		*res = S_ISLNK(st.st_mode);
		break;
	case 'x':
		*res = S_ISDIR(st.st_mode) || (st.st_mode & 0111);
		break;
	}
	return 0;
}

static int run_system_fips(struct fc_ctx *ctx)
{
	bool sysfips = false, gcrypt = false;
	int r = shell_test(ctx->root, 'f', SYSTEM_FIPS, &sysfips);
	if (r < 0) {
		fc_ctx_read_failed(ctx, SYSTEM_FIPS, r, FC_STATUS_ERROR);
		return 0;
	}
	/* libgcrypt: access(FIPS_FORCE_FILE, F_OK) == 0, any file type. */
	r = shell_test(ctx->root, 'e', GCRYPT_FIPS, &gcrypt);
	if (r < 0) {
		fc_ctx_read_failed(ctx, GCRYPT_FIPS, r, FC_STATUS_ERROR);
		return 0;
	}
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	fc_finding_fact(f, "system_fips", "%s", sysfips ? "present" : "absent");
	fc_finding_fact(f, "gcrypt_fips_enabled", "%s",
			gcrypt ? "present" : "absent");
	/*
	 * EL8 libraries read /etc/system-fips; on EL9 none does (the kernel
	 * flag decides), but EL9's fips-mode-setup --check still reports
	 * "Installation of FIPS modules is not completed." without it.
	 */
	fc_finding_status(f, FC_STATUS_PASS,
			  "%s is %s (deprecated on EL9, where only "
			  "fips-mode-setup --check still reads it); %s is %s%s",
			  SYSTEM_FIPS, sysfips ? "present" : "absent",
			  GCRYPT_FIPS, gcrypt ? "present" : "absent",
			  gcrypt ? " (libgcrypt enters FIPS mode because of it)"
				 : "");
	return 0;
}

const struct fc_check fc_check_crypto_policy_system_fips = {
	.id = "crypto-policy.system_fips",
	.area = "crypto-policy",
	.title = "FIPS marker files",
	.requirement = "Report the legacy FIPS markers: /etc/system-fips "
		       "(written by fips-finish-install; read by EL8 libraries, "
		       "deprecated on EL9) and /etc/gcrypt/fips_enabled "
		       "(libgcrypt's FIPS_FORCE_FILE, src/fips.c)",
	.run = run_system_fips,
};

/* ---- fips-mode-setup --check ---------------------------------------- */

/* [[ -d p || -L p ]] */
static int dir_or_link(const struct fc_root *root, const char *path, bool *res)
{
	int r = shell_test(root, 'd', path, res);
	if (r < 0 || *res)
		return r;
	return shell_test(root, 'L', path, res);
}

/*
 * The image lsinitrd inspects without arguments (dracut's lsinitrd.sh, as
 * on EL9): the BLS layout /efi or /boot/<machine-id>/<kver>/initrd when
 * that directory and loader/entries exist, else /boot/initramfs-<kver>.img.
 */
static int lsinitrd_image(struct fc_ctx *ctx, const char *kver, char **image)
{
	_cleanup_free_ char *mid = NULL;
	bool is_file = false;
	int r = shell_test(ctx->root, 'f', "/etc/machine-id", &is_file);
	if (r < 0)
		return r;
	if (is_file) {
		r = fc_root_read(ctx->root, "/etc/machine-id", FC_READ_SMALL,
				 &mid, NULL);
		if (r < 0)
			return r;
		/* read -r: the first line, IFS blanks trimmed. */
		mid[strcspn(mid, "\n")] = '\0';
		fc_strstrip(mid);
	}
	static const char *const bases[] = { "/efi", "/boot" };
	for (size_t i = 0; mid && *mid && i < FC_ARRAY_SIZE(bases); i++) {
		_cleanup_free_ char *entries = fc_asprintf("%s/loader/entries",
							   bases[i]);
		_cleanup_free_ char *middir = fc_asprintf("%s/%s", bases[i],
							  mid);
		bool a = false, b = false;
		if ((r = dir_or_link(ctx->root, entries, &a)) < 0 ||
		    (r = dir_or_link(ctx->root, middir, &b)) < 0)
			return r;
		if (a && b) {
			*image = fc_asprintf("%s/%s/initrd", middir, kver);
			return 0;
		}
	}
	*image = fc_asprintf("/boot/initramfs-%s.img", kver);
	return 0;
}

/*
 * The script's fips_install_complete (EL9):
 *   if test -f /etc/system-fips ; then
 *     if test ! -d /boot -o "$is_ostree_system" = 1 \
 *        -o ! -x /usr/bin/lsinitrd \
 *        -o x"$(/usr/bin/lsinitrd -f etc/system-fips 2>/dev/null \
 *               || test $? = 2 && echo y)" != x
 *     then fips_install_complete=1
 * The last test reads "(lsinitrd || test $? = 2) && echo y": it prints y
 * whenever lsinitrd exits 0 or 2, and lsinitrd exits 0 even when the
 * initramfs lacks the file (GNU cpio 2.13 returns 0 for a name it does not
 * find; measured) and 2 when the image is unreadable.  It exits 1 only
 * when it finds no image for the running kernel.  So whether the fips
 * dracut module put etc/system-fips into the initramfs does not matter;
 * only the image's presence does.
 * -ENODATA when the running kernel's release is unknown (offline image).
 */
static int install_complete(struct fc_ctx *ctx, bool *complete, char **why)
{
	bool t = false;
	int r = shell_test(ctx->root, 'f', SYSTEM_FIPS, &t);
	*complete = false;
	if (r < 0)
		return r;
	if (!t) {
		*why = fc_strdup(SYSTEM_FIPS " is missing");
		return 0;
	}
	*complete = true;
	if ((r = shell_test(ctx->root, 'd', "/boot", &t)) < 0)
		return r;
	if (!t) {
		*why = fc_strdup(SYSTEM_FIPS " exists and there is no /boot");
		return 0;
	}
	bool booted = false, ostree = false;
	if ((r = shell_test(ctx->root, 'f', "/run/ostree-booted", &booted)) <
		    0 ||
	    (r = shell_test(ctx->root, 'd', "/ostree", &ostree)) < 0)
		return r;
	if (booted || ostree) {
		*why = fc_strdup(SYSTEM_FIPS " exists on an OSTree system");
		return 0;
	}
	if ((r = shell_test(ctx->root, 'x', "/usr/bin/lsinitrd", &t)) < 0)
		return r;
	if (!t) {
		*why = fc_strdup(
			SYSTEM_FIPS
			" exists and there is no "
			"/usr/bin/lsinitrd to look into the initramfs");
		return 0;
	}
	const char *kver = ctx->report->host.kernel_release;
	if (!kver || !*kver || strchr(kver, '/'))
		return -ENODATA;
	_cleanup_free_ char *image = NULL;
	if ((r = lsinitrd_image(ctx, kver, &image)) < 0 ||
	    (r = shell_test(ctx->root, 'f', image, &t)) < 0)
		return r;
	*complete = t;
	*why = t ? fc_asprintf(SYSTEM_FIPS " exists and lsinitrd finds %s",
			       image)
		 : fc_asprintf("lsinitrd finds no initramfs for the running "
			       "kernel (%s)",
			       image);
	return 0;
}

/* What `cat` prints of len bytes: NUL bytes dropped (as bash does in
 * $(...)). */
static char *as_cat(const char *s, size_t len)
{
	char *out = fc_malloc(len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i])
			out[o++] = s[i];
	out[o] = '\0';
	return out;
}

static char *read_as_cat(const struct fc_root *root, const char *path, int *err)
{
	_cleanup_free_ char *s = NULL;
	size_t len = 0;
	*err = fc_root_read(root, path, FC_READ_SMALL, &s, &len);
	return *err < 0 ? NULL : as_cat(s, len);
}

/* A value read from a file, trimmed and made printable, for a fact. */
static char *shown_value(const char *s, size_t max)
{
	if (!s)
		return fc_strdup("(missing)");
	_cleanup_free_ char *copy = fc_strdup(s);
	return fc_printable(fc_strstrip(copy), max);
}

static int run_fips_mode_setup(struct fc_ctx *ctx)
{
	/* The kernel flag as the script's $(cat ...) sees it; the script's
	 * own reading of it is modelled by fc_fips_mode_setup_check(). */
	const struct fc_fips_flag *kflag = fc_host_fips_flag(ctx);
	int r = kflag->err;
	_cleanup_free_ char *flag = kflag->text
					    ? as_cat(kflag->text, kflag->len)
					    : NULL;
	/* EL10 removed fips-mode-setup: FIPS mode is chosen when the
	 * system is installed, and there is no such verdict to reproduce
	 * (RHEL 10 Security Hardening, "Installing the system with FIPS
	 * mode enabled"). */
	const struct fc_host_release *hr = fc_host_release(ctx);
	if (hr->el && hr->major >= 10) {
		struct fc_finding *f = fc_ctx_finding(ctx, NULL);
		fc_finding_fact(f, "release", "EL%u", hr->major);
		fc_finding_fact(f, "fips_mode_setup", "%s",
				hr->has_fips_mode_setup ? "installed"
							: "not installed");
		fc_finding_skip(f, FC_SKIP_NOT_APPLICABLE,
				"EL%u has no fips-mode-setup: FIPS mode is "
				"chosen at installation (the kernel flag, boot "
				"entries and crypto policy are judged by the "
				"other checks)",
				hr->major);
		return 0;
	}
	if (r == -ENOENT && !fc_root_is_live(ctx->root)) {
		struct fc_finding *f = fc_ctx_finding(ctx, NULL);
		if (fc_host_offline(ctx))
			fc_finding_skip(f, FC_SKIP_NOT_EXAMINED,
					FC_OFFLINE_WHY " (%s)", KERNEL_FLAG);
		else
			fc_finding_skip(f, FC_SKIP_NOT_EXAMINED,
					"%s does not exist under this root: an "
					"offline image has no running kernel "
					"to ask",
					KERNEL_FLAG);
		return 0;
	}
	if (r < 0 && r != -ENOENT) {
		fc_ctx_read_failed(ctx, KERNEL_FLAG, r, FC_STATUS_ERROR);
		return 0;
	}
	_cleanup_free_ char *current = read_as_cat(ctx->root,
						   FC_CRYPTO_POLICY_STATE, &r);
	if (r < 0 && r != -ENOENT && r != -ENOTDIR && r != -EISDIR) {
		fc_ctx_read_failed(ctx, FC_CRYPTO_POLICY_STATE, r,
				   FC_STATUS_ERROR);
		return 0;
	}
	bool complete = false;
	_cleanup_free_ char *why = NULL;
	r = install_complete(ctx, &complete, &why);
	if (r < 0) {
		struct fc_finding *f = fc_ctx_finding(ctx, NULL);
		if (r == -ENODATA)
			fc_finding_skip(f, FC_SKIP_NOT_EXAMINED,
					"cannot tell which initramfs lsinitrd "
					"would inspect: the running kernel's "
					"release is unknown under this root");
		else
			fc_finding_status(f, FC_STATUS_ERROR,
					  "cannot tell whether the FIPS "
					  "installation is complete: %s",
					  strerror(-r));
		return 0;
	}

	struct fc_fips_mode_setup_state in = {
		.fips_enabled = flag ? flag : "",
		.current_policy = current ? current : "",
		.install_complete = complete,
		.fips_enabled_missing = !flag,
		.current_policy_missing = !current,
	};
	_cleanup_free_ char *output = NULL, *verdict = NULL;
	int rc = fc_fips_mode_setup_check(&in, &output, &verdict);

	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	_cleanup_free_ char *flag_shown = kflag->text
						  ? fc_fips_flag_shown(kflag,
								       64)
						  : fc_strdup("(missing)");
	_cleanup_free_ char *cur_shown = shown_value(current, 256);
	fc_finding_fact(f, "fips_enabled", "%s", flag_shown);
	fc_finding_fact(f, "current_policy", "%s", cur_shown);
	fc_finding_fact(f, "install_complete", "%s: %s",
			complete ? "yes" : "no", why);
	/* Every line as the terminal shows it, for the report. */
	free(ctx->report->fips_mode_setup_output);
	ctx->report->fips_mode_setup_output = fc_strdup(output);
	fc_strstrip(ctx->report->fips_mode_setup_output);
	/* The lines, one sentence each, on one line. */
	for (char *nl = strchr(output, '\n'); nl && nl[1];
	     nl = strchr(nl, '\n'))
		*nl = ' ';
	_cleanup_free_ char *out_shown = fc_printable(fc_strstrip(output),
						      1024);
	fc_finding_fact(f, "output", "%s", out_shown);
	fc_finding_fact(f, "exit_status", "%d", rc);
	/* An EL9 root without it (crypto-policies-scripts): what it would
	 * print once installed, said as such. */
	const char *absent = hr->has_fips_mode_setup
				     ? ""
				     : " (fips-mode-setup is not installed in "
				       "this root)";
	fc_finding_fact(f, "fips_mode_setup", "%s",
			hr->has_fips_mode_setup ? "installed" : "not installed");

	free(ctx->report->fips_mode_setup_verdict);
	ctx->report->fips_mode_setup_verdict = fc_strdup(verdict);
	if (fc_streq(verdict, "FIPS mode is enabled.")) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "fips-mode-setup --check would say: %s%s",
				  verdict, absent);
	} else if (!flag) {
		/* The script's enable2txt of nothing, after cat's
		 * complaint: a kernel without CONFIG_CRYPTO_FIPS. */
		fc_finding_status(f, FC_STATUS_FAIL,
				  "fips-mode-setup --check would print \"cat: "
				  "%s: No such file or directory\" and \"%s\": "
				  "the kernel has no FIPS support%s",
				  KERNEL_FLAG, verdict, absent);
		fc_remedy_enable_fips(ctx, f);
	} else {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "fips-mode-setup --check would say: %s%s",
				  verdict, absent);
		fc_remedy_enable_fips(ctx, f);
	}
	return 0;
}

const struct fc_check fc_check_crypto_policy_fips_mode_setup = {
	.id = "crypto-policy.fips_mode_setup",
	.area = "crypto-policy",
	.title = "fips-mode-setup --check equivalent",
	.requirement = "The verdict EL9's fips-mode-setup --check gives on this "
		       "state (kernel flag, /etc/system-fips and the "
		       "initramfs, state/current), so runbooks that rely on "
		       "it keep working; crypto-policies-scripts, "
		       "fips-mode-setup(8)",
	.run = run_fips_mode_setup,
};
