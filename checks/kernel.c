// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel FIPS mode: /proc/sys/crypto/fips_enabled and the
 * kernel's FIPS module identity, the fips= and boot= arguments the running
 * kernel was booted with, and the crypto API self-test results.
 */
#include <errno.h>
#include <string.h>

#include "boot/bootfs.h"
#include "engine/check.h"
#include "engine/hostfacts.h"
#include "checks.h"
#include "remedy.h"
#include "parse/cmdline.h"
#include "parse/fips-flag.h"
#include "parse/proc-crypto.h"

/* On an offline image: the finding for a /proc file that cannot be read
 * says there is no running kernel, and true. */
static bool offline_skip(struct fc_ctx *ctx, const char *path, int err)
{
	if (!fc_host_offline(ctx))
		return false;
	struct fc_finding *f = fc_ctx_read_failed(ctx, path, err,
						  FC_STATUS_SKIP);
	fc_finding_skip(f, FC_SKIP_NOT_EXAMINED, FC_OFFLINE_WHY " (%s)", path);
	return true;
}

static int run_fips_enabled(struct fc_ctx *ctx)
{
	const char *path = FC_FIPS_FLAG_PATH;
	const struct fc_fips_flag *flag = fc_host_fips_flag(ctx);
	int r = flag->err;
	if (r < 0 && offline_skip(ctx, path, r))
		return 0;
	if (r < 0) {
		struct fc_finding *f = fc_ctx_read_failed(ctx, path, r,
							  FC_STATUS_FAIL);
		struct stat st;
		if (r == -ENOENT &&
		    fc_root_stat(ctx->root, "/proc/sys", &st) < 0) {
			/* No procfs at all: an offline image or a partial
			 * fixture says nothing about a kernel. */
			fc_finding_skip(f, FC_SKIP_NOT_EXAMINED,
					"%s does not exist and neither does "
					"/proc/sys: no running kernel to ask "
					"(offline image?)",
					path);
		} else if (r == -ENOENT) {
			fc_finding_status(f, FC_STATUS_FAIL,
					  "%s does not exist: the kernel has no "
					  "FIPS support (CONFIG_CRYPTO_FIPS)",
					  path);
			fc_finding_remedy(f,
					  "boot a kernel built with "
					  "CONFIG_CRYPTO_FIPS=y (the validated "
					  "kernel for this release)");
		}
		return 0;
	}
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	_cleanup_free_ char *shown = fc_fips_flag_shown(flag, 64);
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

	if (flag->state == FC_FIPS_FLAG_ENABLED)
		fc_finding_status(f, FC_STATUS_PASS,
				  "kernel FIPS mode is enabled (fips_enabled=1)");
	else if (flag->state == FC_FIPS_FLAG_DISABLED) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "kernel FIPS mode is disabled (fips_enabled=0)");
		fc_remedy_enable_fips(ctx, f);
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

/* The /proc/cmdline checks share one read; false when it is unusable
 * (the finding saying why is already added). */
static bool proc_cmdline(struct fc_ctx *ctx, const struct fc_proc_cmdline **pc)
{
	static const char path[] = "/proc/cmdline";
	int r = fc_host_proc_cmdline(ctx, pc);
	if (r == 0)
		return true;
	if (r == -EBADMSG && *pc) {
		struct fc_finding *f = fc_ctx_finding(ctx, NULL);
		fc_finding_status(f, FC_STATUS_ERROR,
				  "%s: %s at byte %zu; cannot tell which "
				  "arguments the kernel saw",
				  path, (*pc)->args.err_what,
				  (*pc)->args.err_offset);
		_cleanup_free_ char *shown = fc_printable((*pc)->text, 4096);
		fc_finding_fact(f, "path", "%s", path);
		fc_finding_fact(f, "cmdline", "%s", shown);
		return false;
	}
	/* A running kernel always has /proc/cmdline: without it there is
	 * nothing to judge (offline image), which is not a "no". */
	if (!offline_skip(ctx, path, r))
		fc_ctx_read_failed(ctx, path, r, FC_STATUS_SKIP);
	return false;
}

static void cmdline_facts(struct fc_finding *f,
			  const struct fc_proc_cmdline *pc)
{
	_cleanup_free_ char *text = fc_strndup(pc->text, pc->len);
	fc_strstrip(text);
	_cleanup_free_ char *shown = fc_printable(text, 4096);
	fc_finding_fact(f, "cmdline", "%s", shown);
	fc_finding_fact(f, "kernel_args", "%zu", pc->args.n);
	if (pc->args.init_args) {
		_cleanup_free_ char *init = fc_printable(pc->args.init_args,
							 1024);
		fc_finding_fact(f, "init_args", "%s", init);
	}
}

/* Every fips argument, in order: "fips=0 fips=1". */
static char *args_named(const struct fc_cmdline *c, const char *key)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < c->n; i++) {
		const struct fc_cmdarg *a = &c->args[i];
		if (!fc_streq(a->key, key))
			continue;
		_cleanup_free_ char *v = a->value ? fc_printable(a->value, 256)
						  : NULL;
		fc_buf_addf(&b, "%s%s%s%s", b.len ? " " : "", key, v ? "=" : "",
			    v ? v : "");
	}
	return b.len ? fc_buf_steal(&b) : NULL;
}

/* Does init's part (after "--") carry fips?  Then the user put it on the
 * wrong side of the separator. */
static bool init_has(const struct fc_cmdline *c, const char *key)
{
	if (!c->init_args)
		return false;
	struct fc_cmdline init = { 0 };
	if (fc_cmdline_parse(c->init_args, strlen(c->init_args), &init) < 0)
		return false;
	bool found = fc_cmdline_find(&init, key) != NULL;
	fc_cmdline_free(&init);
	return found;
}

/* FIPS mode, and where both programs exist the kernel argument alone. */
static void remedy_enable(struct fc_ctx *ctx, struct fc_finding *f)
{
	const struct fc_host_release *hr = fc_host_release(ctx);
	if (hr->has_fips_mode_setup && hr->has_grubby &&
	    !(hr->el && hr->major >= 10))
		fc_finding_remedy(f, "fips-mode-setup --enable && reboot (the "
				     "kernel argument alone: grubby "
				     "--update-kernel=ALL --args=\"fips=1\" "
				     "&& reboot)");
	else
		fc_remedy_enable_fips(ctx, f);
}

static int run_cmdline_fips(struct fc_ctx *ctx)
{
	const struct fc_proc_cmdline *pc = NULL;
	if (!proc_cmdline(ctx, &pc))
		return 0;
	const struct fc_cmdline *c = &pc->args;
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	cmdline_facts(f, pc);
	_cleanup_free_ char *all = args_named(c, "fips");
	fc_finding_fact(f, "fips_args", "%s", all ? all : "(none)");

	switch (fc_cmdline_fips(c)) {
	case FC_FIPS_ARG_ON:
		fc_finding_status(f, FC_STATUS_PASS,
				  "the kernel was booted with fips=1");
		break;
	case FC_FIPS_ARG_OFF:
		fc_finding_status(f, FC_STATUS_FAIL,
				  "the kernel was booted with fips=0: FIPS "
				  "mode is off");
		remedy_enable(ctx, f);
		break;
	case FC_FIPS_ARG_ABSENT:
		if (init_has(c, "fips"))
			fc_finding_status(f, FC_STATUS_FAIL,
					  "fips= appears only after \"--\": "
					  "those arguments go to init, not to "
					  "the kernel");
		else
			fc_finding_status(f, FC_STATUS_FAIL,
					  "the kernel was booted without "
					  "fips=1");
		remedy_enable(ctx, f);
		break;
	case FC_FIPS_ARG_INVALID: {
		const struct fc_cmdarg *last = NULL;
		for (size_t i = c->n; i > 0 && !last; i--)
			if (fc_streq(c->args[i - 1].key, "fips") &&
			    c->args[i - 1].value)
				last = &c->args[i - 1];
		if (!last) {
			fc_finding_status(f, FC_STATUS_FAIL,
					  "bare \"fips\" is not the kernel's "
					  "fips= parameter (the kernel hands "
					  "it to init): FIPS mode is off");
			fc_remedy_kernel_args(ctx, f, "ALL", "fips=1", "fips",
					      true);
			break;
		}
		/* The kernel reads the value with simple_strtol(, 0). */
		long k = strtol(last->value, NULL, 0);
		_cleanup_free_ char *v = fc_printable(last->value, 64);
		if (k != 0) {
			fc_finding_status(f, FC_STATUS_WARN,
					  "fips=%s: the kernel reads it as "
					  "enabled, but the documented value "
					  "(and what dracut and tools expect) "
					  "is fips=1",
					  v);
			fc_remedy_kernel_args(ctx, f, "ALL", "fips=1", NULL,
					      false);
		} else {
			fc_finding_status(f, FC_STATUS_FAIL,
					  "fips=%s: the kernel reads it as 0, "
					  "so FIPS mode is off",
					  v);
			remedy_enable(ctx, f);
		}
		break;
	}
	}
	return 0;
}

const struct fc_check fc_check_kernel_cmdline_fips = {
	.id = "kernel.cmdline_fips",
	.area = "kernel",
	.title = "fips=1 on the running kernel's command line",
	.requirement = "FIPS 140-3 operational environment: the kernel is "
		       "booted with fips=1 (crypto/fips.c fips_enable), which "
		       "also makes dracut verify the kernel's HMAC; RHEL 9 "
		       "Security Hardening, ch. 2 'Switching the system to "
		       "FIPS mode'",
	.run = run_cmdline_fips,
};

static void bootfs_facts(struct fc_finding *f, const struct fc_bootfs *b)
{
	fc_finding_fact(f, "boot_mount_point", "%s", b->mount_point);
	fc_finding_fact(f, "boot_separate", "%s", b->separate ? "yes" : "no");
	fc_finding_fact(f, "boot_source", "%s", b->source);
	fc_finding_fact(f, "boot_fstype", "%s", b->fstype);
	fc_finding_fact(f, "boot_majmin", "%s", b->majmin);
	fc_finding_fact(f, "boot_uuid", "%s", b->uuid ? b->uuid : "unknown");
	if (b->uuid)
		fc_finding_fact(f, "boot_uuid_via", "%s", b->uuid_via);
	else
		fc_finding_fact(f, "boot_uuid_unknown_reason", "%s",
				b->unknown_reason);
	if (b->label)
		fc_finding_fact(f, "boot_label", "%s", b->label);
}

static int run_cmdline_boot(struct fc_ctx *ctx)
{
	const struct fc_proc_cmdline *pc = NULL;
	if (!proc_cmdline(ctx, &pc))
		return 0;
	const struct fc_cmdline *c = &pc->args;
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	/* dracut's getarg, like the kernel, takes the last boot=. */
	const struct fc_cmdarg *arg = fc_cmdline_find(c, "boot");
	const char *value = arg ? (arg->value ? arg->value : "") : NULL;
	_cleanup_free_ char *all = args_named(c, "boot");
	fc_finding_fact(f, "boot_args", "%s", all ? all : "(none)");

	const struct fc_bootfs *b = NULL;
	_cleanup_free_ char *why = NULL;
	int r = fc_host_bootfs(ctx, &b, &why);
	if (r < 0) {
		fc_finding_status(f,
				  r == -ENOENT ? FC_STATUS_SKIP
					       : FC_STATUS_ERROR,
				  "cannot tell which filesystem holds /boot: %s",
				  why);
		return 0;
	}
	bootfs_facts(f, b);
	free(why);
	why = NULL;
	enum fc_bootarg verdict = fc_host_bootarg_judge(ctx, b, value, &why);
	const char *set_uuid = b->uuid ? b->uuid : "$(findmnt -no UUID /boot)";
	switch (verdict) {
	case FC_BOOTARG_OK:
		fc_finding_status(f, FC_STATUS_PASS, "%s", why);
		break;
	case FC_BOOTARG_MISSING:
	case FC_BOOTARG_WRONG:
	case FC_BOOTARG_EFI:
		fc_finding_status(f, FC_STATUS_FAIL, "%s", why);
		if (b->separate) {
			_cleanup_free_ char *add =
				fc_asprintf("boot=UUID=%s", set_uuid);
			fc_remedy_kernel_args(ctx, f, "ALL", add, NULL, false);
		} else {
			fc_remedy_kernel_args(ctx, f, "ALL", NULL, "boot",
					      false);
		}
		break;
	case FC_BOOTARG_NEEDLESS:
		fc_finding_status(f, FC_STATUS_WARN, "%s", why);
		fc_remedy_kernel_args(ctx, f, "ALL", NULL, "boot", false);
		break;
	case FC_BOOTARG_UNVERIFIED:
		fc_finding_status(f, FC_STATUS_WARN, "%s", why);
		fc_finding_fact(f, "verify_with",
				"findmnt -no SOURCE,UUID /boot");
		break;
	}
	return 0;
}

const struct fc_check fc_check_kernel_cmdline_boot = {
	.id = "kernel.cmdline_boot",
	.area = "kernel",
	.title = "boot= names the /boot filesystem",
	.requirement = "dracut fips module: with fips=1 and a separate /boot, "
		       "boot=<the /boot device> (UUID=, LABEL=, PARTUUID=, "
		       "PARTLABEL= or /dev/...) lets the initramfs verify "
		       "/boot/.vmlinuz-<version>.hmac; never the EFI system "
		       "partition; RHEL 9 Security Hardening, ch. 2 "
		       "'Switching the system to FIPS mode'",
	.run = run_cmdline_boot,
};

static int run_crypto_selftests(struct fc_ctx *ctx)
{
	static const char path[] = "/proc/crypto";
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_root_read(ctx->root, path, FC_READ_TABLE, &text, &len);
	if (r < 0) {
		if (!offline_skip(ctx, path, r))
			fc_ctx_read_failed(ctx, path, r, FC_STATUS_SKIP);
		return 0;
	}
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	struct fc_proc_crypto pc = { 0 };
	struct fc_parse_err pe = { 0 };
	r = fc_proc_crypto_parse(text, len, &pc, &pe);
	if (r < 0) {
		fc_finding_status(f, FC_STATUS_ERROR, "%s:%u: %s", path,
				  pe.line, pe.what);
		fc_finding_fact(f, "path", "%s", path);
		fc_finding_fact(f, "line", "%u", pe.line);
		return 0;
	}

	/* "passed" only means something when the tests ran. */
	const struct fc_fips_flag *flag = fc_host_fips_flag(ctx);
	if (flag->state != FC_FIPS_FLAG_ENABLED) {
		/* "absent" also when it could not be read: the fact has
		 * always said so (tests/cases/all/fifo-for-file/report.json). */
		_cleanup_free_ char *fes = fc_fips_flag_shown(flag, 32);
		fc_finding_fact(f, "selftest_evidence",
				"weak: fips_enabled is %s; a kernel built "
				"without CONFIG_CRYPTO_SELFTESTS (or booted "
				"with cryptomgr.notests) reports \"passed\" "
				"for algorithms it never tested",
				fes ? fes : "absent");
	}

	/* All of them in a fact; the first few in the one-line summary. */
	struct fc_buf failed = { 0 }, first = { 0 };
	size_t n_failed = 0;
	for (size_t i = 0; i < pc.n; i++) {
		const struct fc_crypto_alg *a = &pc.algs[i];
		if (fc_streq(a->selftest, "passed"))
			continue;
		n_failed++;
		_cleanup_free_ char *d = fc_printable(a->driver, 128);
		_cleanup_free_ char *nm = fc_printable(a->name, 128);
		_cleanup_free_ char
			*st = a->selftest ? fc_printable(a->selftest, 64)
					  : fc_strdup("(no selftest line)");
		fc_buf_addf(&failed, "%s%s (%s): %s", failed.len ? ", " : "", d,
			    nm, st);
		if (n_failed <= 3)
			fc_buf_addf(&first, "%s%s: %s", first.len ? ", " : "",
				    d, st);
	}
	fc_finding_fact(f, "algorithms", "%zu", pc.n);
	fc_finding_fact(f, "not_passed", "%zu", n_failed);
	if (pc.n == 0) {
		fc_finding_skip(f, FC_SKIP_NOT_EXAMINED,
				"%s lists no algorithms: nothing to judge",
				path);
	} else if (n_failed == 0) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "all %zu algorithms in %s report "
				  "\"selftest : passed\"",
				  pc.n, path);
	} else {
		fc_finding_fact(f, "failed", "%s", failed.data);
		fc_finding_status(f, FC_STATUS_FAIL,
				  "%zu of %zu algorithms in %s did not pass "
				  "their self-test: %s%s",
				  n_failed, pc.n, path, first.data,
				  n_failed > 3 ? ", ..." : "");
		fc_finding_remedy(f, "dmesg | grep -E 'alg: .*(self-test|"
				     "failed)' (then boot the validated kernel "
				     "and its crypto modules)");
	}
	fc_buf_free(&failed);
	fc_buf_free(&first);
	fc_proc_crypto_free(&pc);
	return 0;
}

const struct fc_check fc_check_kernel_crypto_selftests = {
	.id = "kernel.crypto_selftests",
	.area = "kernel",
	.title = "Kernel crypto self-tests passed",
	.requirement = "FIPS 140-3 (ISO/IEC 19790:2012 §7.10 self-tests): the "
		       "kernel crypto API runs a known-answer test for each "
		       "algorithm before use (crypto/testmgr.c) and "
		       "/proc/crypto shows \"selftest : passed\"",
	.run = run_crypto_selftests,
};
