// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/engine/hostfacts.c: each fact is read through the
 * root once per run (the same object comes back), a failure is kept with
 * the message that names the file, and the parse is the lower layer's.
 */
#include "harness.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "engine/hostfacts.h"

/* A run on one scratch root: its context and report. */
struct run {
	char dir[64];
	struct fc_root *root;
	struct fc_ctx ctx;
};

static void run_open(struct run *r, const char *dir)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->dir, sizeof(r->dir), "%s", dir);
	if (fc_root_new(dir, &r->root) < 0)
		t_die(dir);
	r->ctx.root = r->root;
	r->ctx.report = fc_report_new();
}

static void run_close(struct run *r)
{
	fc_ctx_done(&r->ctx);
	fc_report_free(r->ctx.report);
	fc_root_free(r->root);
}

/* --- /proc/cmdline ---------------------------------------------------------- */

static void test_proc_cmdline(void)
{
	char dir[] = "/tmp/fc-hostfacts-XXXXXX";
	t_tree(dir);
	t_put(dir, "proc/cmdline", "BOOT_IMAGE=/vmlinuz ro fips=1\n");
	struct run r;
	run_open(&r, dir);
	const struct fc_proc_cmdline *pc = NULL, *again = NULL;
	CHECK_INT(fc_host_proc_cmdline(&r.ctx, &pc), 0);
	CHECK(pc != NULL);
	if (pc) {
		CHECK_INT(pc->args.n, 3);
		CHECK_INT(fc_cmdline_fips(&pc->args), FC_FIPS_ARG_ON);
	}
	/* Read once: changing the file within the run changes nothing. */
	t_put(dir, "proc/cmdline", "ro fips=0\n");
	CHECK_INT(fc_host_proc_cmdline(&r.ctx, &again), 0);
	CHECK(again == pc);
	run_close(&r);

	/* A parse error keeps the text for the finding. */
	t_put(dir, "proc/cmdline", "ro \"fips=1\n");
	run_open(&r, dir);
	CHECK_INT(fc_host_proc_cmdline(&r.ctx, &pc), -EBADMSG);
	CHECK(pc && pc->text && strstr(pc->text, "fips=1"));
	CHECK(pc && fc_streq(pc->args.err_what, "unterminated quote"));
	run_close(&r);

	/* Missing: the errno, and nothing to show. */
	char *p = fc_asprintf("%s/proc/cmdline", dir);
	CHECK_INT(unlink(p), 0);
	free(p);
	run_open(&r, dir);
	pc = (const struct fc_proc_cmdline *)1;
	CHECK_INT(fc_host_proc_cmdline(&r.ctx, &pc), -ENOENT);
	CHECK(pc == NULL);
	run_close(&r);
	t_rmtree(dir);
}

/* --- the mount table ---------------------------------------------------------- */

/* The live host's table is read once per run. */
static void test_mountinfo_live_once(void)
{
	struct run r;
	run_open(&r, "/");
	const struct fc_mountinfo *mi = NULL, *again = NULL;
	char *why = NULL;
	int e = fc_host_mountinfo(&r.ctx, &mi, &why);
	if (e == -ENOENT) {
		free(why);
		run_close(&r);
		SKIP("no /proc/self/mountinfo on this host");
	}
	CHECK_INT(e, 0);
	if (e == 0) {
		CHECK(mi->n > 0);
		/* Cached: the same table comes back. */
		CHECK_INT(fc_host_mountinfo(&r.ctx, &again, &why), 0);
		CHECK(again == mi);
	}
	free(why);
	run_close(&r);
}

static void test_mountinfo_errors_name_file_and_line(void)
{
	char dir[] = "/tmp/fc-hostfacts-XXXXXX";
	t_tree(dir);
	t_put(dir, "proc/self/mountinfo",
	      "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
	      "2 1 8:2 / /boot rw ext4 x\n");
	struct run r;
	run_open(&r, dir);
	const struct fc_mountinfo *mi = NULL;
	char *why = NULL;
	CHECK_INT(fc_host_mountinfo(&r.ctx, &mi, &why), -EBADMSG);
	char *want = fc_asprintf("%s/proc/self/mountinfo:2: malformed line",
				 dir);
	CHECK(why && strstr(why, want));
	free(want);
	free(why);
	why = NULL;
	/* The failure is cached too, with its message, and /boot's
	 * filesystem cannot be told either. */
	const struct fc_bootfs *b = NULL;
	CHECK_INT(fc_host_bootfs(&r.ctx, &b, &why), -EBADMSG);
	CHECK(why && strstr(why, "proc/self/mountinfo:2: malformed line"));
	free(why);
	run_close(&r);

	/* Missing file: -ENOENT, and the message names it. */
	char *p = fc_asprintf("%s/proc/self/mountinfo", dir);
	CHECK_INT(unlink(p), 0);
	free(p);
	run_open(&r, dir);
	why = NULL;
	CHECK_INT(fc_host_mountinfo(&r.ctx, &mi, &why), -ENOENT);
	CHECK(why && strstr(why, "mountinfo"));
	free(why);
	why = NULL;
	CHECK_INT(fc_host_bootfs(&r.ctx, &b, &why), -ENOENT);
	CHECK(why && strstr(why, "cannot read"));
	free(why);
	run_close(&r);
	t_rmtree(dir);
}

/* --- /boot ---------------------------------------------------------------------- */

static void test_bootfs_once(void)
{
	char dir[] = "/tmp/fc-hostfacts-XXXXXX";
	t_tree(dir);
	t_mkdirs(dir, "dev/disk/by-uuid");
	t_link(dir, "../../vdb1",
	       "dev/disk/by-uuid/6a1f3c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b");
	t_put(dir, "proc/self/mountinfo",
	      "1 0 253:0 / / rw - xfs /dev/vda3 rw\n"
	      "2 1 253:1 / /boot rw - xfs /dev/vdb1 rw\n");
	struct run r;
	run_open(&r, dir);
	const struct fc_bootfs *b = NULL, *again = NULL;
	char *why = NULL;
	CHECK_INT(fc_host_bootfs(&r.ctx, &b, &why), 0);
	CHECK(b && b->separate);
	CHECK(b && fc_streq(b->uuid, "6a1f3c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"));
	/* Computed once per run. */
	CHECK_INT(fc_host_bootfs(&r.ctx, &again, &why), 0);
	CHECK(again == b);
	if (b) {
		CHECK_INT(fc_host_bootarg_judge(
				  &r.ctx, b,
				  "UUID=6a1f3c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
				  &why),
			  FC_BOOTARG_OK);
		CHECK(why && strstr(why, "names the /boot filesystem"));
	}
	free(why);
	run_close(&r);
	t_rmtree(dir);
}

/* --- the kernel FIPS flag -------------------------------------------------------- */

static void test_fips_flag_once(void)
{
	char dir[] = "/tmp/fc-hostfacts-XXXXXX";
	t_tree(dir);
	t_put(dir, "proc/sys/crypto/fips_enabled", "1\n");
	struct run r;
	run_open(&r, dir);
	const struct fc_fips_flag *f = fc_host_fips_flag(&r.ctx);
	CHECK_INT(f->state, FC_FIPS_FLAG_ENABLED);
	/* Every check of the run sees the value read first. */
	t_put(dir, "proc/sys/crypto/fips_enabled", "0\n");
	CHECK(fc_host_fips_flag(&r.ctx) == f);
	CHECK_INT(f->state, FC_FIPS_FLAG_ENABLED);
	run_close(&r);
	run_open(&r, dir);
	CHECK_INT(fc_host_fips_flag(&r.ctx)->state, FC_FIPS_FLAG_DISABLED);
	run_close(&r);
	t_rmtree(dir);
}

/* --- the boot configuration ---------------------------------------------------- */

static void test_boot_conf_once(void)
{
	char dir[] = "/tmp/fc-hostfacts-XXXXXX";
	t_tree(dir);
	struct run r;
	run_open(&r, dir);
	/* No entries directory: the error is kept with its message. */
	const struct fc_host_boot *hb = fc_host_boot_conf(&r.ctx);
	CHECK_INT(hb->err, -ENOENT);
	CHECK(hb->why != NULL);
	/* Created later in the run: not seen, the first answer stands. */
	t_put(dir, "boot/loader/entries/a.conf",
	      "title A\nlinux /vmlinuz-6.1\n");
	CHECK(fc_host_boot_conf(&r.ctx) == hb);
	CHECK_INT(hb->err, -ENOENT);
	run_close(&r);

	run_open(&r, dir);
	hb = fc_host_boot_conf(&r.ctx);
	CHECK_INT(hb->err, 0);
	CHECK_INT(hb->conf.dir.n, 1);
	CHECK(hb->conf.def && fc_boot_conf_boots(&hb->conf, hb->conf.def, "6.1"));
	CHECK(fc_host_boot_conf(&r.ctx) == hb);
	run_close(&r);
	t_rmtree(dir);
}

int main(void)
{
	RUN(test_proc_cmdline);
	RUN(test_mountinfo_live_once);
	RUN(test_mountinfo_errors_name_file_and_line);
	RUN(test_bootfs_once);
	RUN(test_boot_conf_once);
	RUN(test_fips_flag_once);
	TEST_MAIN_END();
}
