// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl pin-kernel: make the validated kernel the boot default
 * through grubby, and keep it there.
 *
 * Sites that must run only the certified kernel set it as the default by
 * hand today (dnf install kernel-<validated>; grubby --set-default=...),
 * and the next kernel update takes the default back; a wrong or missing
 * boot= is the most common way such hosts are made unbootable.  This
 * command does the same steps, but
 *  - plans from the files as GRUB reads them (src/boot/pin.h), refusing what
 *    would not boot in FIPS mode (no image, initramfs or .hmac, no dracut
 *    fips module, an unknown /boot UUID);
 *  - records the previous configuration before touching it
 *    (src/boot/pin-state.h), so --undo restores it byte for byte;
 *  - changes the entry and the default only through grubby (src/boot/grubby.h,
 *    through the exec layer), and /etc/sysconfig/kernel itself, atomically
 *    (src/boot/pin-change.c does the changing half);
 *  - verifies by reading back, never by grubby's exit status: grubby
 *    --default-kernel, grubby --info and the grubenv and BLS files read by
 *    fipsctl's own parsers must all agree;
 *  - rolls back whatever it changed when a step or the verification fails,
 *    and says what it did;
 *  - takes a lock, so two runs never interleave.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "base/strv.h"
#include "engine/check.h"
#include "engine/hostfacts.h"
#include "cli/cmd.h"
#include "core/exec.h"
#include "boot/grubby.h"
#include "boot/pin-run.h"
#include "boot/pin-state.h"
#include "boot/pin.h"
#include "policy/cmvp.h"
#include "policy/policy.h"
#include "core/rootwrite.h"

enum {
	OPT_KERNEL = 0x2100,
	OPT_DRY_RUN,
	OPT_YES,
	OPT_FORCE,
	OPT_UNDO,
	OPT_STATUS,
	OPT_GRUBBY,
	OPT_POLICY,
};

#define LSINITRD_DEFAULT "/usr/bin/lsinitrd"
#define LSINITRD_ENV "FIPSCTL_LSINITRD"
/* The checks --status shows (one data path with 'fipsctl check'). */
#define STATUS_CHECKS "boot.pinned,boot.default_entry,boot.hmac"

/* What the operator asked for. */
struct fc_pin_args {
	struct fc_global *g;
	const char *kernel;
	const char *grubby;
	const char *policy;
	bool dry_run, yes, force, undo, status;
};

/* Everything one run knows: the plan, which src/boot/pin-change.c carries
 * out (struct fc_pin_run), and what only the command uses to make it. */
struct pin_cmd {
	struct fc_pin_run run;
	const struct fc_pin_args *a;
	struct fc_report *report;
	struct fc_ctx ctx; /* for the host facts (src/engine/hostfacts.h) */
	struct fc_policy **tables;
	size_t n_tables;
	const struct fc_policy *table;
	struct fc_boot_kernels kernels;
	const struct fc_policy_build *build;
	int lock_fd;
};

static void run_free(struct pin_cmd *pk)
{
	struct fc_pin_run *p = &pk->run;
	fc_ctx_done(&pk->ctx);
	fc_report_free(pk->report);
	fc_root_free(p->root);
	fc_grubby_close(&p->grubby);
	for (size_t i = 0; i < pk->n_tables; i++)
		fc_policy_free(pk->tables[i]);
	free(pk->tables);
	fc_boot_kernels_free(&pk->kernels);
	free(p->release);
	free(p->evr);
	fc_boot_conf_free(&p->conf);
	free(p->wanted_boot);
	fc_arg_plan_free(&p->args);
	free(p->updatedefault);
	free(p->kernel_path);
	if (pk->lock_fd >= 0)
		close(pk->lock_fd);
}

/* ---- parse, verify --------------------------------------------------- */

static int pin_option(void *args, int c, char *arg)
{
	struct fc_pin_args *a = args;
	switch (c) {
	case OPT_KERNEL:
		a->kernel = arg;
		return 1;
	case OPT_DRY_RUN:
		a->dry_run = true;
		return 1;
	case OPT_YES:
		a->yes = true;
		return 1;
	case OPT_FORCE:
		a->force = true;
		return 1;
	case OPT_UNDO:
		a->undo = true;
		return 1;
	case OPT_STATUS:
		a->status = true;
		return 1;
	case OPT_GRUBBY:
		a->grubby = arg;
		return 1;
	case OPT_POLICY:
		a->policy = arg;
		return 1;
	default:
		return 0;
	}
}

static int parse(struct fc_pin_args *a, int argc, char **argv)
{
	static const struct option opts[] = {
		FC_GLOBAL_OPTIONS,
		{ "kernel", required_argument, NULL, OPT_KERNEL },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "yes", no_argument, NULL, OPT_YES },
		{ "force-unvalidated", no_argument, NULL, OPT_FORCE },
		{ "undo", no_argument, NULL, OPT_UNDO },
		{ "status", no_argument, NULL, OPT_STATUS },
		{ "grubby", required_argument, NULL, OPT_GRUBBY },
		{ "policy", required_argument, NULL, OPT_POLICY },
		{ NULL, 0, NULL, 0 },
	};
	return fc_parse_options(a->g, "pin-kernel", opts, argc, argv,
				pin_option, a);
}

static int verify(struct fc_pin_args *a)
{
	static const char cmd[] = "pin-kernel";
	int r = fc_global_finish(a->g, cmd);
	if (r < 0)
		return r;
	if (a->status && (a->kernel || a->dry_run || a->yes || a->force ||
			  a->undo || a->grubby))
		return fc_usage_error(cmd, "--status only reports; it takes no "
					   "other pin-kernel option but "
					   "--policy");
	if (!a->status && !fc_streq(a->g->format, "text"))
		return fc_usage_error(cmd, "pin-kernel prints text; --format "
					   "applies to --status");
	if (a->undo && (a->kernel || a->force || a->policy))
		return fc_usage_error(cmd, "--undo restores what the last pin "
					   "recorded; it takes no --kernel, "
					   "--force-unvalidated or --policy");
	if (a->force && !a->kernel)
		return fc_usage_error(cmd,
				      "--force-unvalidated needs --kernel "
				      "VERSION (the kernel to pin anyway)");
	if (a->kernel) {
		_cleanup_free_ char *why = NULL;
		if (!fc_kernel_release_valid(a->kernel, &why)) {
			_cleanup_free_ char *shown = fc_printable(a->kernel,
								  64);
			return fc_usage_error(cmd,
					      "invalid --kernel '%s': %s "
					      "(a kernel release looks "
					      "like 5.14.0-284.11.1.el9_2"
					      ".x86_64)",
					      shown, why);
		}
	}
	/* A change to the boot configuration needs a yes; a script says it
	 * with --yes, a person at a terminal is asked. */
	if (!a->status && !a->dry_run && !a->yes && !isatty(STDIN_FILENO))
		return fc_usage_error(cmd, "pin-kernel changes the boot "
					   "configuration: confirm with --yes "
					   "(or look first with --dry-run)");
	return 0;
}

/* ---- choosing the kernel --------------------------------------------- */

static const char *const known_arches[] = { "x86_64", "aarch64", "ppc64le",
					    "s390x" };

static int find_arch(struct pin_cmd *pk)
{
	struct fc_pin_run *p = &pk->run;
	const char *arch = pk->report->host.arch;
	if (!arch && pk->a->kernel)
		for (size_t i = 0; i < FC_ARRAY_SIZE(known_arches); i++) {
			_cleanup_free_ char *evr =
				fc_release_evr(pk->a->kernel, known_arches[i]);
			if (evr)
				arch = known_arches[i];
		}
	if (!arch) {
		fc_err("pin-kernel: cannot tell the architecture of %s (no "
		       "/proc/sys/kernel/arch in it); name the kernel with its "
		       "architecture: --kernel 5.14.0-...el9_2.x86_64",
		       fc_root_dir(p->root));
		return -EINVAL;
	}
	if (fc_streq(arch, "s390x")) {
		fc_err("pin-kernel: s390x boots with zipl, not GRUB; "
		       "pin-kernel sets GRUB's default only");
		return -EINVAL;
	}
	p->arch = arch;
	return 0;
}

/* The validated-module table for this host, as 'check' finds it. */
static int find_table(struct pin_cmd *pk)
{
	struct fc_pin_run *p = &pk->run;
	const struct fc_host *h = &pk->report->host;
	struct fc_diags diags = { 0 };
	char **files = NULL;
	int r = fc_policy_candidates(pk->a->policy, h->os_id, h->os_version_id,
				     p->arch, &files, &diags);
	if (r < 0) {
		fc_diags_print(&diags, stderr);
		fc_diags_free(&diags);
		fc_err("pin-kernel: cannot use the validated-module tables "
		       "(see 'fipsctl policy lint')");
		return r;
	}
	for (size_t i = 0; files && files[i]; i++) {
		struct fc_policy *t = NULL;
		r = fc_policy_load(files[i], &t, &diags);
		if (r < 0) {
			fc_diags_print(&diags, stderr);
			break;
		}
		size_t n = pk->n_tables + 1;
		pk->tables = fc_realloc(pk->tables, n * sizeof(*pk->tables));
		pk->tables[pk->n_tables++] = t;
	}
	fc_diags_free(&diags);
	fc_strv_free(files);
	if (r < 0)
		return r;
	_cleanup_free_ char *why = NULL;
	long pick = fc_policy_choose(pk->tables, pk->n_tables, NULL, NULL,
				     &why);
	if (pick >= 0) {
		pk->table = pk->tables[pick];
		return 0;
	}
	if (pk->a->kernel && pk->a->force) {
		printf("No validated-module table applies (%s): pinning %s "
		       "unjudged, as --force-unvalidated asks.\n",
		       why ? why : "none", pk->a->kernel);
		return 0;
	}
	fc_err("pin-kernel: no validated-module table applies to %s %s on %s "
	       "(%s); name one with --policy NAME, or pin a kernel of your "
	       "choice with --kernel VERSION --force-unvalidated",
	       h->os_id ? h->os_id : "(unknown OS)",
	       h->os_version_id ? h->os_version_id : "", p->arch,
	       why ? why : "no table");
	return -EINVAL;
}

/* The dnf command that installs the validated kernel, for refusals. */
static char *install_command(const struct pin_cmd *pk)
{
	const struct fc_pin_run *p = &pk->run;
	if (p->evr)
		return fc_asprintf("dnf install %s-%s", FC_KERNEL_PACKAGE,
				   fc_evr_no_epoch(p->evr));
	const char *evr = pk->table ? fc_pin_first_evr(pk->table, p->arch)
				    : NULL;
	if (evr)
		return fc_asprintf("dnf install %s-%s", FC_KERNEL_PACKAGE,
				   fc_evr_no_epoch(evr));
	return NULL;
}

static int choose_kernel(struct pin_cmd *pk)
{
	struct fc_pin_run *p = &pk->run;
	int r = fc_boot_kernels_list(p->root, &pk->kernels);
	if (r < 0 && r != -ENOENT) {
		_cleanup_free_ char *shown = fc_root_display(p->root, "/boot");
		fc_err("pin-kernel: cannot list %s: %s", shown, strerror(-r));
		return r;
	}
	if (pk->a->kernel) {
		_cleanup_free_ char *evr = fc_release_evr(pk->a->kernel,
							  p->arch);
		p->release = evr ? fc_strdup(pk->a->kernel)
				 : fc_release_of(pk->a->kernel, p->arch);
		_cleanup_free_ char *why = NULL;
		if (!fc_kernel_release_valid(p->release, &why)) {
			fc_err("pin-kernel: --kernel %s with its architecture "
			       "is not a kernel release: %s",
			       pk->a->kernel, why);
			return -EINVAL;
		}
	} else {
		const struct fc_boot_kernel *k = fc_pin_pick(pk->table, p->arch,
							     &pk->kernels);
		if (!k) {
			_cleanup_free_ char *cmd = install_command(pk);
			fc_err("pin-kernel: no kernel that the table %s lists as "
			       "validated for %s is installed (image and "
			       "initramfs in /boot); nothing was changed",
			       pk->table->name, p->arch);
			if (cmd)
				fc_err_more("  install it: %s", cmd);
			else
				fc_err_more("  the table names no exact "
						"validated build to install");
			return 1;
		}
		p->release = fc_strdup(k->release);
	}
	p->evr = fc_release_evr(p->release, p->arch);
	p->kernel_path = fc_asprintf("/boot/vmlinuz-%s", p->release);
	if (!pk->table)
		return 0;
	if (fc_kernel_is_validated(pk->table, p->arch, p->release, &pk->build))
		return 0;
	if (pk->a->force) {
		printf("%s is not a validated build by the table %s: pinning "
		       "it anyway, as --force-unvalidated asks.\n",
		       p->release, pk->table->name);
		return 0;
	}
	fc_err("pin-kernel: %s is not a validated kernel by the table %s "
	       "(not the package of a validated build for %s); pin it anyway "
	       "with --force-unvalidated",
	       p->release, pk->table->name, p->arch);
	return -EINVAL;
}

/* ---- refusing what would not boot ------------------------------------- */

static int check_installed(struct pin_cmd *pk)
{
	struct fc_pin_run *p = &pk->run;
	const struct fc_boot_kernel *k = fc_boot_kernel_find(&pk->kernels,
							     p->release);
	_cleanup_free_ char *install = install_command(pk);
	_cleanup_free_ char *reinstall = fc_asprintf("dnf reinstall %s-%s",
						     FC_KERNEL_PACKAGE,
						     p->evr ? p->evr
							    : p->release);
	if (!k || !k->has_initramfs) {
		fc_err("pin-kernel: the kernel %s is not installed: %s is "
		       "missing; nothing was changed",
		       p->release,
		       !k ? p->kernel_path : "its initramfs in /boot");
		fc_err_more("  install it: %s",
			!k && install ? install : reinstall);
		return 1;
	}
	if (!k->has_hmac) {
		fc_err("pin-kernel: /boot/.vmlinuz-%s.hmac is missing: with "
		       "fips=1 the initramfs refuses to boot this kernel "
		       "(dracut's fips module verifies it); nothing was "
		       "changed",
		       p->release);
		fc_err_more("  restore it: %s", reinstall);
		return 1;
	}
	return 0;
}

/*
 * dracut's fips module in the initramfs (lsinitrd -m), when lsinitrd is
 * there; *note says what was found.  1 (refuse) when the module list has
 * no fips; a tool that is missing or fails is a note, not a refusal.
 */
static int check_initramfs(struct fc_pin_run *p, char **note)
{
	_cleanup_free_ char *prog = NULL, *why = NULL, *img = NULL;
	_cleanup_free_ char *ird = fc_asprintf("/boot/initramfs-%s.img",
					       p->release);
	if (fc_exec_program(NULL, NULL, LSINITRD_ENV, LSINITRD_DEFAULT, &prog,
			    &why) < 0) {
		*note = fc_asprintf("not checked: %s", why);
		return 0;
	}
	if (access(prog, X_OK) < 0) {
		*note = fc_asprintf("not checked: %s is not available "
				    "(package dracut)",
				    prog);
		return 0;
	}
	if (fc_root_host_path(p->root, ird, &img, &why) < 0) {
		*note = fc_asprintf("not checked: %s", why);
		return 0;
	}
	const char *argv[] = { prog, "-m", img, NULL };
	struct fc_exec_result res;
	int r = fc_exec_run(&p->grubby.exec, argv, &res);
	if (r < 0) {
		*note = fc_asprintf("not checked: cannot run %s: %s", prog,
				    strerror(-r));
		return 0;
	}
	if (!res.ran) {
		*note = fc_strdup("not checked in a dry run");
		fc_exec_result_free(&res);
		return 0;
	}
	_cleanup_free_ char *fail = fc_exec_failure(&res);
	/* "dracut modules:" then one name per line up to a "====" rule. */
	bool section = false, fips = false;
	for (char *save = NULL, *l = strtok_r(res.out, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		fc_strstrip(l);
		if (fc_streq(l, "dracut modules:"))
			section = true;
		else if (section && fc_startswith(l, "===="))
			break;
		else if (section && fc_streq(l, "fips"))
			fips = true;
	}
	fc_exec_result_free(&res);
	if (fail) {
		*note = fc_asprintf("not checked: lsinitrd %s", fail);
		return 0;
	}
	if (!section) {
		*note = fc_strdup("not known: lsinitrd lists no dracut modules "
				  "for it");
		return 0;
	}
	if (!fips) {
		fc_err("pin-kernel: the initramfs of %s has no dracut fips "
		       "module: with fips=1 it cannot verify the kernel and "
		       "the boot stops; nothing was changed",
		       p->release);
		fc_err_more("  rebuild it: dracut -f --kver %s (with "
			"add_dracutmodules+=\" fips \" in "
			"/etc/dracut.conf.d/, as fips-mode-setup "
			"--enable sets)",
			p->release);
		return 1;
	}
	*note = fc_strdup("has the dracut fips module");
	return 0;
}

/* ---- planning -------------------------------------------------------- */

/* What the entries booting the kernel need, merged: grubby's
 * --update-kernel changes all of them the same way.  grubby edits the
 * options line as text; an entry whose line GRUB reads otherwise (a
 * comment, a ';', a value expanded twice, anything not followed) cannot
 * be fixed through it, so nothing is changed. */
static int plan_args(struct fc_pin_run *p)
{
	for (size_t i = 0; i < p->conf.dir.n; i++) {
		const struct fc_bls_entry *e = p->conf.dir.entries[i];
		if (!fc_boot_conf_boots(&p->conf, e, p->release))
			continue;
		const struct fc_grub_boot *b = fc_boot_conf_boot(&p->conf, e);
		if (b->n_unknowns || b->n_notes) {
			_cleanup_free_ char *u = fc_strv_join(
				b->n_unknowns ? b->unknowns : b->notes,
				b->n_unknowns ? b->n_unknowns : b->n_notes,
				"; ");
			_cleanup_free_ char *shown = fc_printable(u, 400);
			fc_err("pin-kernel: %s: %s%s; grubby cannot change "
			       "that, edit the entry; nothing was changed",
			       e->path,
			       b->n_unknowns ? "cannot tell what the kernel "
					       "receives: "
					     : "GRUB does not read the options "
					       "as written: ",
			       shown);
			return 1;
		}
		struct fc_arg_plan one;
		fc_arg_plan_make(b->cmdline, p->wanted_boot, &one);
		if (one.problem) {
			fc_err("pin-kernel: %s: %s; nothing was changed",
			       e->path, one.problem);
			fc_arg_plan_free(&one);
			return 1;
		}
		fc_arg_plan_merge(&p->args, &one);
		fc_arg_plan_free(&one);
	}
	return 0;
}

static int plan(struct pin_cmd *pk)
{
	struct fc_pin_run *p = &pk->run;
	_cleanup_free_ char *why = NULL;
	/* /boot's filesystem first: a grubenv blsdir is a directory on it;
	 * when it is unknown, boot= cannot be planned either (below). */
	const struct fc_bootfs *bootfs = NULL;
	struct fc_mounts *mounts = NULL;
	int br = fc_host_bootfs(&pk->ctx, &bootfs, &why);
	p->bootfs = br == 0 ? bootfs : NULL;
	_cleanup_free_ char *cwhy = NULL;
	int r = fc_boot_conf_load(p->root, p->bootfs, &p->conf, &cwhy);
	if (r < 0) {
		fc_err("pin-kernel: %s", cwhy);
		return r;
	}
	if (!fc_streq(p->conf.bls_dir, FC_BLS_DIR)) {
		fc_err("pin-kernel: GRUB reads the boot entries from %s "
		       "(grubenv's blsdir), grubby edits %s; nothing was "
		       "changed",
		       p->conf.bls_dir, FC_BLS_DIR);
		return 1;
	}
	for (size_t i = 0; i < p->conf.dir.n && !p->entry; i++)
		if (fc_boot_conf_boots(&p->conf, p->conf.dir.entries[i],
				       p->release))
			p->entry = p->conf.dir.entries[i];
	if (!p->entry) {
		fc_err("pin-kernel: no boot entry in %s boots %s; nothing was "
		       "changed",
		       FC_BLS_DIR, p->kernel_path);
		fc_err_more("  create it: kernel-install add %s "
			"/lib/modules/%s/vmlinuz",
			p->release, p->release);
		return 1;
	}
	if (!fc_boot_conf_default_known(&p->conf)) {
		fc_err("pin-kernel: cannot tell the current default entry: %s; "
		       "nothing was changed",
		       fc_boot_conf_default_why(&p->conf));
		return 1;
	}
	r = br;
	if (r == 0)
		r = fc_host_mounts(&pk->ctx, &mounts, &why);
	if (r == 0)
		r = fc_pin_wanted_boot(mounts, bootfs, &p->wanted_boot, &why);
	if (r < 0) {
		fc_err("pin-kernel: cannot tell which boot= the kernel needs: "
		       "%s; nothing was changed",
		       why);
		return 1;
	}
	r = plan_args(p);
	if (r)
		return r;
	p->need_default = !fc_boot_conf_pinned_to(&p->conf, p->release);
	free(why);
	why = NULL;
	r = fc_updatedefault_get(p->root, &p->updatedefault, &why);
	if (r < 0 && r != -ENOENT) {
		fc_err("pin-kernel: %s; nothing was changed", why);
		return r;
	}
	p->need_updatedefault = !fc_streq(p->updatedefault, "no");
	return 0;
}

static void print_plan(const struct pin_cmd *pk, const char *initramfs_note)
{
	const struct fc_pin_run *p = &pk->run;
	printf("Kernel to pin: %s\n", p->release);
	if (pk->build) {
		/* The certificate as of now, from the certificate data. */
		struct fc_life_at life;
		struct fc_diags d = { 0 };
		_cleanup_cmvp_ struct fc_cmvp *db = NULL;
		if (fc_cmvp_load_default(&db, &d) < 0)
			db = NULL;
		fc_diags_free(&d);
		fc_cert_life(db, &pk->build->cert,
			     fc_time_day(fc_time_now(NULL)), &life);
		_cleanup_free_ char *ph = fc_life_phrase(&life,
							 &pk->build->cert);
		printf("  validated by    %s (%s)\n", pk->table->name, ph);
	} else {
		printf("  validated by    nothing (--force-unvalidated)\n");
	}
	printf("  image           %s, initramfs and .hmac present\n",
	       p->kernel_path);
	printf("  initramfs       %s\n", initramfs_note);
	_cleanup_free_ char *id = fc_printable(p->entry->id, 200);
	printf("  boot entry      %s\n", id);
	const struct fc_bls_entry *d = p->conf.def;
	_cleanup_free_ char *did = d ? fc_printable(d->id, 200)
				     : fc_strdup("(none)");
	printf("  default now     %s (%s)%s\n", did,
	       fc_bls_default_via_name(p->conf.via),
	       p->need_default ? "" : ": already this kernel");
	printf("  boot= wanted    %s\n",
	       p->wanted_boot ? p->wanted_boot
			      : "none (/boot is on the root filesystem)");
	if (fc_arg_plan_empty(&p->args)) {
		printf("  arguments       already right (fips=1%s%s)\n",
		       p->wanted_boot ? " boot=" : "",
		       p->wanted_boot ? p->wanted_boot : "");
	} else {
		_cleanup_free_ char *rm = fc_strv_join(p->args.remove,
						       p->args.n_remove, " ");
		_cleanup_free_ char *add = fc_strv_join(p->args.add,
							p->args.n_add, " ");
		printf("  arguments       remove: %s; add: %s\n",
		       *rm ? rm : "nothing", *add ? add : "nothing");
	}
	printf("  UPDATEDEFAULT   %s in %s%s\n",
	       p->updatedefault ? p->updatedefault : "(not set)",
	       FC_SYSCONFIG_KERNEL,
	       p->need_updatedefault ? " (new kernels may take the default)"
				     : "");
}

static int pin(struct pin_cmd *pk)
{
	struct fc_pin_run *p = &pk->run;
	_cleanup_free_ char *note = NULL;
	int r = find_arch(pk);
	if (r == 0)
		r = find_table(pk);
	if (r == 0)
		r = choose_kernel(pk);
	if (r == 0)
		r = check_installed(pk);
	if (r == 0)
		r = check_initramfs(p, &note);
	if (r == 0)
		r = plan(pk);
	if (r)
		return r;
	print_plan(pk, note);

	bool nothing = fc_arg_plan_empty(&p->args) && !p->need_default &&
		       !p->need_updatedefault;
	if (pk->a->dry_run) {
		if (nothing)
			printf("\nAlready pinned: a real run would change "
			       "nothing.\n");
		else
			fc_pin_dry_run(p);
		return 0;
	}
	struct fc_buf bad = { 0 };
	if (nothing) {
		fc_pin_verify_grubby(p, &bad);
		if (bad.len) {
			fc_err("pin-kernel: the files say %s is pinned, but "
			       "grubby disagrees: %s; nothing was changed",
			       p->release, bad.data);
			fc_buf_free(&bad);
			return 1;
		}
		printf("\nAlready pinned: %s is the boot default with fips=1 "
		       "and the right boot=, and new kernels do not take the "
		       "default (UPDATEDEFAULT=no); nothing was changed.\n",
		       p->release);
		fc_pin_print_versionlock(p);
		return 0;
	}
	r = fc_pin_change(p);
	if (r == 0) {
		fc_pin_print_versionlock(p);
		const char *running = pk->report->host.kernel_release;
		if (!fc_streq(running, p->release))
			printf("The running kernel is %s: reboot to run %s.\n",
			       running ? running : "unknown", p->release);
	}
	return r;
}

/* ---- the command -------------------------------------------------------- */

/* --status is 'fipsctl check --only STATUS_CHECKS': the same collector
 * and renderer, so every output format and check's exit status. */
static int status(struct fc_pin_args *a)
{
	char ids[] = STATUS_CHECKS; /* split in place */
	const char **only = NULL;
	size_t n_only = 0;
	fc_strv_push_list(&only, &n_only, ids);
	struct fc_check_opts opts = { .policy = a->policy };
	struct fc_selection sel = { .only = only };
	_cleanup_root_ struct fc_root *root = NULL;
	_cleanup_report_ struct fc_report *report = NULL;
	int r = fc_open_root(a->g, &root);
	if (r == 0)
		r = fc_check_collect(root, &opts, &sel, &report);
	if (r == 0)
		r = fc_render_report(a->g, report);
	free(only);
	return r;
}

static int run_pin_kernel(struct fc_global *g, int argc, char **argv)
{
	struct fc_pin_args a = { .g = g };
	int r = parse(&a, argc, argv);
	if (r == 0)
		r = verify(&a);
	if (r < 0)
		return r;
	if (a.status)
		return status(&a);

	struct pin_cmd pk = { .a = &a, .lock_fd = -1 };
	struct fc_pin_run *p = &pk.run;
	p->dry_run = a.dry_run;
	p->yes = a.yes;
	r = fc_open_root(g, &p->root);
	if (r < 0)
		return r;
	if (!a.dry_run && fc_root_is_live(p->root) && geteuid() != 0) {
		fc_err("pin-kernel changes this host's boot configuration and "
		       "must run as root (see what it would do with "
		       "--dry-run)");
		run_free(&pk);
		return -EACCES;
	}
	pk.report = fc_report_new();
	pk.ctx.root = p->root;
	pk.ctx.report = pk.report;
	_cleanup_free_ char *why = NULL;
	r = fc_report_fill_host(pk.report, p->root);
	struct fc_exec_opts ex = { .dry_run = a.dry_run,
				   .verbose = g->verbose > 0 };
	if (r == 0)
		r = fc_grubby_open(&p->grubby, a.grubby, p->root, &ex, &why);
	if (r < 0) {
		if (why)
			fc_err("pin-kernel: %s", why);
		run_free(&pk);
		return r;
	}
	/* One run at a time, from the first read to the last write. */
	if (!a.dry_run) {
		free(why);
		why = NULL;
		r = fc_pin_lock(p->root, &pk.lock_fd, &why);
		if (r < 0) {
			fc_err("pin-kernel: %s; nothing was changed", why);
			run_free(&pk);
			return r == -EBUSY ? 1 : r;
		}
	}
	r = a.undo ? fc_pin_undo(p) : pin(&pk);
	run_free(&pk);
	return r;
}

const struct fc_cmd fc_cmd_pin_kernel = {
	.name = "pin-kernel",
	.summary = "make the validated kernel the boot default, safely",
	.help = "Usage: fipsctl [--root DIR] pin-kernel [OPTIONS]\n"
		"\n"
		"Make the kernel the validated-module table names for this host\n"
		"and architecture the boot default, through grubby: the entry\n"
		"gets fips=1 and boot=UUID=<the /boot filesystem> (no boot= when\n"
		"/boot is on /), grubby --set-default makes it the default, and\n"
		"UPDATEDEFAULT=no in /etc/sysconfig/kernel stops new kernels from\n"
		"taking the default.  The result is verified by reading it back\n"
		"(grubby and the files must agree); a failure rolls back what was\n"
		"changed.  The previous configuration is recorded in\n"
		"/var/lib/fipsctl/pin-kernel.state for --undo.  Refuses when the\n"
		"kernel, its initramfs or its .hmac file is missing, or when the\n"
		"initramfs lacks dracut's fips module (checked with lsinitrd).\n"
		"\n"
		"Options:\n"
		"  --kernel VERSION      pin this kernel release (with or without\n"
		"                        .ARCH); it must be validated\n"
		"  --force-unvalidated   pin --kernel even when it is not validated\n"
		"  --policy FILE|NAME    judge by this validated-module table\n"
		"  --dry-run             print every command and file change; change\n"
		"                        nothing\n"
		"  --yes                 do not ask (needed when stdin is not a\n"
		"                        terminal)\n"
		"  --undo                restore the configuration the last pin\n"
		"                        recorded, byte for byte\n"
		"  --status              report whether the validated kernel is the\n"
		"                        default and stays so (the checks\n"
		"                        " STATUS_CHECKS "; --format\n"
		"                        applies)\n"
		"  --grubby PATH         the grubby to run (default /usr/sbin/grubby,\n"
		"                        or $FIPSCTL_GRUBBY); lsinitrd: $FIPSCTL_LSINITRD\n"
		"\n"
		"A change to the live host needs root; with --root DIR, write\n"
		"access to DIR's files.  Programs run with a clean environment.\n"
		"\n"
		"pin-kernel exit status: 0 pinned and verified, already pinned,\n"
		"undone, or a dry run; 1 refused or failed and rolled back (the\n"
		"boot configuration is as it was), or another run holds the lock;\n"
		"2 usage error, an unvalidated --kernel without\n"
		"--force-unvalidated, no table for the host, not root; 3 a\n"
		"rollback or undo that did not complete (the message says what is\n"
		"left).  --status exits as 'check' does.\n",
	.run = run_pin_kernel,
};
