// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The changing half of 'fipsctl pin-kernel' (see src/cli/cmd-pin-kernel.c for
 * why it works this way): grubby through the exec layer, the one file it
 * writes itself, verification by reading back (grubby, the grubenv and the
 * BLS entries by fipsctl's own parsers must agree; grubby's exit status
 * proves nothing), rollback of whatever changed, the record for --undo,
 * and the undo.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>

#include "base/strv.h"
#include "boot/pin-run.h"
#include "boot/pin-state.h"
#include "core/log.h"
#include "core/rootwrite.h"

/* ---- reading back ------------------------------------------------------ */

static void problem(struct fc_buf *b, const char *fmt, ...) FC_PRINTF(2, 3);
static void problem(struct fc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	_cleanup_free_ char *s = fc_vasprintf(fmt, ap);
	va_end(ap);
	fc_buf_addf(b, "%s%s", b->len ? "; " : "", s);
}

/* What grubby says, never taken on its exit status alone. */
void fc_pin_verify_grubby(const struct fc_pin_run *p, struct fc_buf *bad)
{
	_cleanup_free_ char *def = NULL, *why = NULL;
	if (fc_grubby_default_kernel(&p->grubby, &def, &why) < 0) {
		problem(bad, "%s", why);
	} else if (!fc_vmlinuz_is(def, p->release)) {
		_cleanup_free_ char *shown = fc_printable(def, 200);
		problem(bad, "grubby --default-kernel says %s, not %s", shown,
			p->kernel_path);
	}
	free(why);
	why = NULL;
	struct fc_grubby_info info = { 0 };
	if (fc_grubby_info(&p->grubby, p->kernel_path, &info, &why) < 0) {
		problem(bad, "%s", why);
		return;
	}
	if (!info.n)
		problem(bad, "grubby --info=%s lists no entry", p->kernel_path);
	for (size_t i = 0; i < info.n; i++) {
		const struct fc_grubby_entry *e = &info.v[i];
		if (!e->kernel || !fc_vmlinuz_is(e->kernel, p->release)) {
			problem(bad,
				"grubby --info=%s lists entry %ld for "
				"another kernel",
				p->kernel_path, e->index);
			continue;
		}
		/* EL9's grubby names the entry: it must be one of ours. */
		bool ours = !e->id;
		for (size_t k = 0; k < p->conf.dir.n && !ours; k++)
			ours = fc_streq(p->conf.dir.entries[k]->id, e->id) &&
			       fc_boot_conf_boots(&p->conf,
						  p->conf.dir.entries[k],
						  p->release);
		if (!ours) {
			_cleanup_free_ char *id = fc_printable(e->id, 200);
			problem(bad,
				"grubby --info=%s names entry %s, not one "
				"booting it in %s",
				p->kernel_path, id, FC_BLS_DIR);
		}
		struct fc_arg_plan ap;
		fc_arg_plan_make(e->args ? e->args : "", p->wanted_boot, &ap);
		if (!fc_arg_plan_empty(&ap)) {
			_cleanup_free_ char *shown =
				fc_printable(e->args ? e->args : "", 300);
			problem(bad, "grubby --info=%s shows args \"%s\"%s",
				p->kernel_path, shown,
				ap.problem ? " (unreadable)"
					   : ", not fips=1 with the right "
					     "boot=");
		}
		fc_arg_plan_free(&ap);
	}
	fc_grubby_info_free(&info);
}

/* What GRUB will read, by fipsctl's own parsers and its model of GRUB:
 * the arguments the kernel receives, not the options line as written. */
static void verify_files(const struct fc_pin_run *p, struct fc_buf *bad)
{
	struct fc_boot_conf c;
	_cleanup_free_ char *why = NULL;
	if (fc_boot_conf_load(p->root, p->bootfs, &c, &why) < 0) {
		problem(bad, "%s", why);
		return;
	}
	if (!fc_boot_conf_pinned_to(&c, p->release)) {
		_cleanup_free_ char *saved = fc_printable(c.saved_entry
								  ? c.saved_entry
								  : "(unset)",
							  200);
		_cleanup_free_ char *def = fc_printable(c.def ? c.def->id
							      : "(none)",
							200);
		const char *dwhy = fc_boot_conf_default_why(&c);
		problem(bad,
			"GRUB's default is %s (%s; saved_entry=%s%s%s), "
			"not the entry of %s named by saved_entry",
			def, fc_bls_default_via_name(c.via), saved,
			*dwhy ? "; " : "", dwhy, p->kernel_path);
	}
	size_t n = 0;
	for (size_t i = 0; i < c.dir.n; i++) {
		const struct fc_bls_entry *e = c.dir.entries[i];
		if (!fc_boot_conf_boots(&c, e, p->release))
			continue;
		n++;
		const struct fc_grub_boot *b = fc_boot_conf_boot(&c, e);
		if (b->n_unknowns) {
			_cleanup_free_ char *u = fc_strv_join(
				b->unknowns, b->n_unknowns, "; ");
			problem(bad, "%s: cannot tell what the kernel receives: "
				     "%s",
				e->path, u);
			continue;
		}
		struct fc_arg_plan ap;
		fc_arg_plan_make(b->cmdline, p->wanted_boot, &ap);
		if (!fc_arg_plan_empty(&ap)) {
			_cleanup_free_ char *shown = fc_printable(b->cmdline, 300);
			problem(bad,
				"the kernel of %s receives \"%s\", not fips=1 "
				"with the right boot=",
				e->path, shown);
		}
		fc_arg_plan_free(&ap);
	}
	if (!n)
		problem(bad, "no entry in %s boots %s any more", c.bls_dir,
			p->kernel_path);
	fc_boot_conf_free(&c);
	_cleanup_free_ char *ud = NULL;
	free(why);
	why = NULL;
	int r = fc_updatedefault_get(p->root, &ud, &why);
	if (r < 0 || !fc_streq(ud, "no"))
		problem(bad, "%s says UPDATEDEFAULT=%s", FC_SYSCONFIG_KERNEL,
			r == -ENOENT ? "(no file)"
			: r < 0	     ? why
			: ud	     ? ud
				     : "(not set)");
}

/* ---- snapshots, rollback --------------------------------------------- */

struct snapshot {
	struct fc_file_image *v;
	size_t n;
};

static void snapshot_free(struct snapshot *s)
{
	for (size_t i = 0; i < s->n; i++)
		fc_file_image_clear(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static int snapshot_add(struct snapshot *s, const struct fc_root *root,
			const char *path, char **why)
{
	for (size_t i = 0; i < s->n; i++)
		if (fc_streq(s->v[i].path, path))
			return 0;
	struct fc_file_image img;
	int r = fc_file_image_read(root, path, FC_BLS_MAX_SIZE, &img, why);
	if (r < 0)
		return r;
	s->v = fc_realloc(s->v, (s->n + 1) * sizeof(*s->v));
	s->v[s->n++] = img;
	return 0;
}

/* Every *.conf in the entries directory as listed now (bad ones too). */
static char **entry_files(const struct fc_root *root)
{
	struct fc_bls_dir d;
	_cleanup_free_ char *why = NULL;
	char **v = fc_calloc(1, sizeof(char *));
	size_t n = 0;
	if (fc_bls_load_dir(root, FC_BLS_DIR, &d, &why) < 0)
		return v;
	for (size_t i = 0; i < d.n; i++)
		fc_strv_add(&v, &n, fc_strdup(d.entries[i]->path));
	for (size_t i = 0; i < d.n_bad; i++)
		fc_strv_add(&v, &n,
			    fc_asprintf("%s/%s", FC_BLS_DIR, d.bad[i].file));
	fc_bls_dir_free(&d);
	return v;
}

/* The files the pin may change: all entries (so an unexpected change by
 * grubby is seen and undone), the grubenv, /etc/sysconfig/kernel. */
static int snapshot_take(const struct fc_pin_run *p, struct snapshot *s,
			 char **why)
{
	char **files = entry_files(p->root);
	int r = 0;
	for (size_t i = 0; files[i] && r == 0; i++)
		r = snapshot_add(s, p->root, files[i], why);
	fc_strv_free(files);
	if (r == 0)
		r = snapshot_add(s, p->root, FC_GRUBENV_PATH, why);
	if (r == 0)
		r = snapshot_add(s, p->root, FC_SYSCONFIG_KERNEL, why);
	return r;
}

/* Is path one the pin is meant to change? */
static bool expected_change(const struct fc_pin_run *p, const char *path)
{
	if (fc_streq(path, FC_GRUBENV_PATH) ||
	    fc_streq(path, FC_SYSCONFIG_KERNEL))
		return true;
	for (size_t i = 0; i < p->conf.dir.n; i++)
		if (fc_streq(p->conf.dir.entries[i]->path, path))
			return fc_boot_conf_boots(&p->conf,
						  p->conf.dir.entries[i],
						  p->release);
	return false;
}

/* Files that differ from the snapshot now, and entry files that are new,
 * when the plan did not ask for them go to bad. */
static void diff_snapshot(const struct fc_pin_run *p, const struct snapshot *s,
			  struct fc_buf *bad)
{
	for (size_t i = 0; i < s->n; i++) {
		struct fc_file_image now;
		_cleanup_free_ char *why = NULL;
		if (fc_file_image_read(p->root, s->v[i].path, FC_BLS_MAX_SIZE,
				       &now, &why) < 0) {
			problem(bad, "%s", why);
			continue;
		}
		if (!fc_file_image_same(&now, &s->v[i]) &&
		    !expected_change(p, s->v[i].path))
			problem(bad,
				"%s changed, which pin-kernel did not "
				"ask for",
				s->v[i].path);
		fc_file_image_clear(&now);
	}
	char **files = entry_files(p->root);
	for (size_t i = 0; files[i]; i++) {
		bool known = false;
		for (size_t k = 0; k < s->n && !known; k++)
			known = fc_streq(s->v[k].path, files[i]);
		if (!known)
			problem(bad,
				"%s appeared, which pin-kernel did not "
				"ask for",
				files[i]);
	}
	fc_strv_free(files);
}

/*
 * Make path hold what want holds, unless it already does, and read it
 * back.  0 (*restored says whether anything was written), or -errno with
 * *why.  Files here are at most FC_BLS_MAX_SIZE (what was snapshot).
 */
static int restore_file(const struct fc_root *root,
			const struct fc_file_image *want, bool *restored,
			char **why)
{
	struct fc_file_image now;
	*restored = false;
	int r = fc_file_image_read(root, want->path, FC_BLS_MAX_SIZE, &now,
				   why);
	bool same = r == 0 && fc_file_image_same(&now, want);
	fc_file_image_clear(&now);
	if (r < 0 || same)
		return r;
	r = fc_file_image_apply(root, want, why);
	if (r == 0)
		r = fc_file_image_read(root, want->path, FC_BLS_MAX_SIZE, &now,
				       why);
	if (r == 0 && !fc_file_image_same(&now, want)) {
		*why = fc_asprintf("%s does not read back as it should",
				   want->path);
		r = -EIO;
	}
	fc_file_image_clear(&now);
	*restored = r == 0;
	return r;
}

/* Put every file back as the snapshot holds it and remove entry files
 * that appeared.  Returns 0 when every file reads back as before. */
static int rollback(const struct fc_pin_run *p, const struct snapshot *s,
		    struct fc_buf *done)
{
	int rc = 0;
	for (size_t i = 0; i < s->n; i++) {
		_cleanup_free_ char *why = NULL;
		bool restored = false;
		int r = restore_file(p->root, &s->v[i], &restored, &why);
		if (r < 0) {
			fc_err("pin-kernel: ROLLBACK INCOMPLETE: %s", why);
			rc = r;
		} else if (restored) {
			fc_buf_addf(done, "%s%s %s", done->len ? ", " : "",
				    s->v[i].exists ? "restored" : "removed",
				    s->v[i].path);
		}
	}
	char **files = entry_files(p->root);
	for (size_t i = 0; files[i]; i++) {
		bool known = false;
		for (size_t k = 0; k < s->n && !known; k++)
			known = fc_streq(s->v[k].path, files[i]);
		if (known)
			continue;
		_cleanup_free_ char *why = NULL;
		int r = fc_root_unlink(p->root, files[i], &why);
		if (r < 0) {
			fc_err("pin-kernel: ROLLBACK INCOMPLETE: %s", why);
			rc = r;
			continue;
		}
		fc_buf_addf(done, "%sremoved %s", done->len ? ", " : "",
			    files[i]);
	}
	fc_strv_free(files);
	return rc;
}

/* ---- the change ------------------------------------------------------ */

static char *utc_now(void)
{
	char buf[32];
	time_t t = time(NULL);
	struct tm tm;
	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
		return fc_strdup("unknown");
	return fc_strdup(buf);
}

/* The state recorded before the first change. */
static void state_init(const struct fc_pin_run *p, const struct snapshot *s,
		       struct fc_pin_state *st)
{
	memset(st, 0, sizeof(*st));
	st->created = utc_now();
	st->kernel = fc_strdup(p->release);
	if (p->conf.def) {
		st->prev_default_entry = fc_strdup(p->conf.def->id);
		const char *lp = fc_bls_get(p->conf.def, "linux");
		st->prev_default_kernel = lp ? fc_strdup(lp) : NULL;
	}
	if (p->conf.saved_entry)
		st->prev_saved_entry = fc_strdup(p->conf.saved_entry);
	const char *opts = fc_bls_get(p->entry, "options");
	st->prev_options = fc_strdup(opts ? opts : "");
	if (p->updatedefault)
		st->prev_updatedefault = fc_strdup(p->updatedefault);
	for (size_t i = 0; i < s->n; i++) {
		if (!expected_change(p, s->v[i].path))
			continue;
		st->files = fc_realloc(st->files,
				       (st->n_files + 1) * sizeof(*st->files));
		struct fc_pin_file *f = &st->files[st->n_files++];
		memset(f, 0, sizeof(*f));
		f->before = s->v[i];
		f->before.path = fc_strdup(s->v[i].path);
		f->before.data = s->v[i].exists
					 ? fc_strndup(s->v[i].data, s->v[i].len)
					 : NULL;
	}
}

/* After a verified pin: keep the files that changed, with what they
 * hold now. */
static int state_complete(const struct fc_pin_run *p, struct fc_pin_state *st,
			  char **why)
{
	size_t w = 0;
	for (size_t i = 0; i < st->n_files; i++) {
		struct fc_pin_file *f = &st->files[i];
		int r = fc_file_image_read(p->root, f->before.path,
					   FC_BLS_MAX_SIZE, &f->after, why);
		if (r < 0)
			return r;
		if (fc_file_image_same(&f->before, &f->after)) {
			fc_file_image_clear(&f->before);
			fc_file_image_clear(&f->after);
			continue;
		}
		f->have_after = true;
		st->files[w++] = *f;
	}
	st->n_files = w;
	st->complete = true;
	return fc_pin_state_save(p->root, st, why);
}

static int grubby_step(const struct fc_pin_run *p, const char *const *args,
		       char **why)
{
	struct fc_exec_result res;
	int r = fc_grubby_run(&p->grubby, args, &res, why);
	if (r == 0)
		fc_exec_result_free(&res);
	return r;
}

/* The grubby calls and the file write the plan needs, in that order
 * (the entry is right before it becomes the default).  *failed says what
 * failed; steps done so far are listed in done. */
static int apply(const struct fc_pin_run *p, bool write_files,
		 struct fc_buf *done, char **failed)
{
	if (!fc_arg_plan_empty(&p->args)) {
		_cleanup_free_ char *upd = fc_asprintf("--update-kernel=%s",
						       p->kernel_path);
		_cleanup_free_ char *rm = fc_strv_join(p->args.remove,
						       p->args.n_remove, " ");
		_cleanup_free_ char *add = fc_strv_join(p->args.add,
							p->args.n_add, " ");
		_cleanup_free_ char *rm_opt = fc_asprintf("--remove-args=%s",
							  rm);
		_cleanup_free_ char *add_opt = fc_asprintf("--args=%s", add);
		const char *args[4] = { upd, NULL, NULL, NULL };
		size_t n = 1;
		if (p->args.n_remove)
			args[n++] = rm_opt;
		if (p->args.n_add)
			args[n++] = add_opt;
		int r = grubby_step(p, args, failed);
		if (r < 0)
			return r;
		fc_buf_addf(done, "  grubby %s%s%s%s%s (exit 0)\n", upd,
			    p->args.n_remove ? " " : "",
			    p->args.n_remove ? rm_opt : "",
			    p->args.n_add ? " " : "",
			    p->args.n_add ? add_opt : "");
	}
	if (p->need_default) {
		_cleanup_free_ char *set = fc_asprintf("--set-default=%s",
						       p->kernel_path);
		const char *args[] = { set, NULL };
		int r = grubby_step(p, args, failed);
		if (r < 0)
			return r;
		fc_buf_addf(done, "  grubby %s (exit 0)\n", set);
	}
	if (p->need_updatedefault && write_files) {
		_cleanup_free_ char *text = NULL, *why = NULL;
		size_t len = 0;
		int r = fc_root_read(p->root, FC_SYSCONFIG_KERNEL,
				     FC_READ_SMALL, &text, &len);
		if (r < 0 && r != -ENOENT) {
			*failed = fc_asprintf("cannot read %s: %s",
					      FC_SYSCONFIG_KERNEL,
					      strerror(-r));
			return r;
		}
		size_t nlen = 0;
		_cleanup_free_ char *ntext = fc_updatedefault_set_no(text ? text
									  : "",
								     len,
								     &nlen);
		r = fc_root_write_atomic(p->root, FC_SYSCONFIG_KERNEL, ntext,
					 nlen, 0644, &why);
		if (r < 0) {
			*failed = FC_TAKE(why);
			return r;
		}
		fc_buf_addf(done, "  wrote UPDATEDEFAULT=no to %s\n",
			    FC_SYSCONFIG_KERNEL);
	}
	return 0;
}

/* The commands and writes a real run would make, through the same exec
 * layer in dry-run mode (it prints them and runs nothing). */
void fc_pin_dry_run(const struct fc_pin_run *p)
{
	struct fc_buf done = { 0 };
	_cleanup_free_ char *failed = NULL;
	printf("\nDry run: what pin-kernel would do (nothing is changed):\n");
	printf("would write: %s (the configuration before the pin, for "
	       "--undo)\n",
	       FC_PIN_STATE_PATH);
	if (!fc_arg_plan_empty(&p->args)) {
		const char *opts = fc_bls_get(p->entry, "options");
		_cleanup_free_ char *o = fc_printable(opts ? opts : "", 300);
		printf("would change (through grubby): %s, options now \"%s\"\n",
		       p->entry->path, o);
	}
	if (p->need_default) {
		_cleanup_free_ char *saved =
			fc_printable(p->conf.saved_entry ? p->conf.saved_entry
							 : "(unset)",
				     200);
		_cleanup_free_ char *id = fc_printable(p->entry->id, 200);
		printf("would change (through grubby): %s, saved_entry %s -> "
		       "%s\n",
		       FC_GRUBENV_PATH, saved, id);
	}
	/* In dry-run mode the exec layer prints each command instead of
	 * running it; files are written only by a real run. */
	if (apply(p, false, &done, &failed) < 0)
		printf("(%s)\n", failed);
	if (p->need_updatedefault)
		printf("would write: %s: UPDATEDEFAULT=%s -> UPDATEDEFAULT=no\n",
		       FC_SYSCONFIG_KERNEL,
		       p->updatedefault ? p->updatedefault : "(not set)");
	fc_buf_free(&done);
}

void fc_pin_print_versionlock(const struct fc_pin_run *p)
{
	if (!p->evr)
		return;
	_cleanup_free_ char *why = NULL;
	_cleanup_free_ char *cmd = fc_versionlock_command(p->evr);
	switch (fc_versionlock_state(p->root, p->evr, p->arch, &why)) {
	case FC_VLOCK_LOCKED:
		printf("dnf versionlock holds %s-%s (%s).\n", FC_KERNEL_PACKAGE,
		       p->evr, FC_VERSIONLOCK_LIST);
		break;
	case FC_VLOCK_MISSING:
		printf("%s has no lock for %s-%s: dnf may replace this kernel. "
		       "Lock it:\n  %s\n",
		       FC_VERSIONLOCK_LIST, FC_KERNEL_PACKAGE, p->evr, cmd);
		break;
	case FC_VLOCK_UNKNOWN:
		printf("Whether dnf versionlock holds the kernel is unknown "
		       "(%s). To lock it:\n  %s\n",
		       why, cmd);
		break;
	case FC_VLOCK_NO_LIST:
		printf("To keep dnf on this build, lock the version as the "
		       "vendor recommends:\n  %s\n",
		       cmd);
		break;
	}
}

static bool confirm(void)
{
	printf("Make these changes? [y/N] ");
	fflush(stdout);
	char line[16];
	if (!fgets(line, sizeof(line), stdin))
		return false;
	return fc_streq(line, "y\n") || fc_streq(line, "yes\n");
}

int fc_pin_change(struct fc_pin_run *p)
{
	struct fc_buf bad = { 0 };
	int r;
	struct fc_pin_state old;
	_cleanup_free_ char *why = NULL;
	r = fc_pin_state_load(p->root, &old, &why);
	if (r == 0) {
		_cleanup_free_ char *shown = fc_root_display(p->root,
							     FC_PIN_STATE_PATH);
		fc_err("pin-kernel: a previous pin (of %s, %s) is recorded in "
		       "%s; undo it first with 'fipsctl pin-kernel --undo'; "
		       "nothing was changed",
		       old.kernel, old.created ? old.created : "?", shown);
		fc_pin_state_free(&old);
		return 1;
	}
	if (r != -ENOENT) {
		fc_err("pin-kernel: %s; nothing was changed", why);
		return r;
	}

	if (!p->yes && !confirm()) {
		printf("Nothing was changed.\n");
		return 1;
	}

	struct snapshot snap = { 0 };
	struct fc_pin_state st;
	r = snapshot_take(p, &snap, &why);
	if (r < 0) {
		fc_err("pin-kernel: %s; nothing was changed", why);
		snapshot_free(&snap);
		return r;
	}
	state_init(p, &snap, &st);
	r = fc_pin_state_save(p->root, &st, &why);
	if (r < 0) {
		fc_err("pin-kernel: cannot record the configuration before the "
		       "pin: %s; nothing was changed",
		       why);
		free(why);
		why = NULL;
		if (fc_pin_state_remove(p->root, &st, &why) < 0)
			fc_err("pin-kernel: %s", why);
		fc_pin_state_free(&st);
		snapshot_free(&snap);
		return r;
	}

	struct fc_buf done = { 0 };
	_cleanup_free_ char *failed = NULL;
	r = apply(p, true, &done, &failed);
	if (r == 0) {
		verify_files(p, &bad);
		fc_pin_verify_grubby(p, &bad);
		diff_snapshot(p, &snap, &bad);
		if (bad.len) {
			failed = fc_asprintf("reading back the boot "
					     "configuration: %s",
					     bad.data);
			r = -EIO;
		}
	}
	if (r < 0) {
		struct fc_buf rolled = { 0 };
		fc_err("pin-kernel: failed: %s", failed);
		if (done.len)
			fprintf(stderr, "Steps done before the failure:\n%s",
				done.data);
		int rr = rollback(p, &snap, &rolled);
		if (rr == 0) {
			free(why);
			why = NULL;
			if (fc_pin_state_remove(p->root, &st, &why) < 0)
				fc_err("pin-kernel: %s", why);
			fprintf(stderr,
				"Rolled back: %s; the boot "
				"configuration is as it was before.\n",
				rolled.len ? rolled.data
					   : "nothing had changed");
			r = 1;
		} else {
			_cleanup_free_ char *shown =
				fc_root_display(p->root, FC_PIN_STATE_PATH);
			fprintf(stderr,
				"Rolled back only in part (%s); %s "
				"keeps the previous contents of the "
				"files pin-kernel meant to change "
				"('fipsctl pin-kernel --undo' restores "
				"them).\n",
				rolled.len ? rolled.data : "nothing", shown);
			r = -EIO;
		}
		fc_buf_free(&rolled);
	} else {
		r = state_complete(p, &st, &why);
		printf("\nPinned %s:\n%s", p->release, done.data);
		printf("Verified by reading back: grubby --default-kernel, "
		       "grubby --info=%s, %s and the entry itself agree.\n",
		       p->kernel_path, FC_GRUBENV_PATH);
		if (r < 0) {
			fc_err("pin-kernel: pinned, but the record for --undo "
			       "could not be completed: %s",
			       why);
			r = -EIO;
		} else {
			_cleanup_free_ char *shown =
				fc_root_display(p->root, FC_PIN_STATE_PATH);
			printf("The previous configuration is in %s "
			       "('fipsctl pin-kernel --undo' restores it).\n",
			       shown);
		}
	}
	fc_buf_free(&done);
	fc_buf_free(&bad);
	fc_pin_state_free(&st);
	snapshot_free(&snap);
	return r;
}

/* ---- undo ------------------------------------------------------------ */

int fc_pin_undo(struct fc_pin_run *p)
{
	struct fc_pin_state st;
	_cleanup_free_ char *why = NULL;
	_cleanup_free_ char *shown = fc_root_display(p->root,
						     FC_PIN_STATE_PATH);
	int r = fc_pin_state_load(p->root, &st, &why);
	if (r == -ENOENT) {
		fc_err("pin-kernel: nothing to undo: no pin is recorded in %s",
		       shown);
		return 1;
	}
	if (r < 0) {
		fc_err("pin-kernel: %s", why);
		return r;
	}
	_cleanup_free_ char *pe = fc_printable(st.prev_default_entry
						       ? st.prev_default_entry
						       : "(none)",
					       200);
	_cleanup_free_ char *po = fc_printable(st.prev_options ? st.prev_options
							       : "",
					       300);
	printf("Recorded pin of %s (%s%s):\n", st.kernel,
	       st.created ? st.created : "?",
	       st.complete ? "" : ", not completed");
	printf("  default before   %s (%s)\n", pe,
	       st.prev_default_kernel ? st.prev_default_kernel : "?");
	printf("  options before   %s\n", po);
	printf("  UPDATEDEFAULT    %s\n",
	       st.prev_updatedefault ? st.prev_updatedefault : "(not set)");

	/* Restore a file only while it is what the pin left: a change made
	 * since belongs to someone else and stops the undo. */
	bool any = false;
	for (size_t i = 0; i < st.n_files; i++) {
		const struct fc_pin_file *f = &st.files[i];
		struct fc_file_image now;
		free(why);
		why = NULL;
		r = fc_file_image_read(p->root, f->before.path, FC_BLS_MAX_SIZE,
				       &now, &why);
		if (r < 0) {
			fc_err("pin-kernel: %s; nothing was restored", why);
			fc_pin_state_free(&st);
			return r;
		}
		bool same_before = fc_file_image_same(&now, &f->before);
		bool same_after = f->have_after &&
				  fc_file_image_same(&now, &f->after);
		fc_file_image_clear(&now);
		if (same_before)
			continue;
		if (f->have_after && !same_after) {
			fc_err("pin-kernel: %s changed since the pin; nothing "
			       "was restored (restore the default and options "
			       "shown above with grubby, then remove %s)",
			       f->before.path, shown);
			fc_pin_state_free(&st);
			return 1;
		}
		any = true;
		if (p->dry_run)
			printf("would restore: %s (%zu bytes as before the "
			       "pin)\n",
			       f->before.path, f->before.len);
	}
	if (p->dry_run) {
		printf("would remove: %s\nDry run: nothing was changed.\n",
		       FC_PIN_STATE_PATH);
		fc_pin_state_free(&st);
		return 0;
	}
	struct fc_buf done = { 0 };
	int rc = 0;
	for (size_t i = 0; i < st.n_files && any; i++) {
		const struct fc_pin_file *f = &st.files[i];
		bool restored = false;
		free(why);
		why = NULL;
		if (restore_file(p->root, &f->before, &restored, &why) < 0) {
			fc_err("pin-kernel: undo incomplete: %s", why);
			rc = -EIO;
		} else if (restored) {
			fc_buf_addf(&done, "%s%s %s", done.len ? ", " : "",
				    f->before.exists ? "restored" : "removed",
				    f->before.path);
		}
	}
	if (rc == 0) {
		free(why);
		why = NULL;
		if (fc_pin_state_remove(p->root, &st, &why) < 0) {
			fc_err("pin-kernel: %s", why);
			rc = -EIO;
		}
		printf("Undone: %s; the boot configuration is as it was before "
		       "the pin.\n",
		       done.len ? done.data : "no file had changed");
	} else {
		fprintf(stderr,
			"%s keeps the recorded contents; run 'fipsctl "
			"pin-kernel --undo' again once the cause is "
			"fixed.\n",
			shown);
	}
	fc_buf_free(&done);
	fc_pin_state_free(&st);
	return rc;
}
