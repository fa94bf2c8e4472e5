// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Boot loader checks: the BLS entries GRUB boots on EL9
 * carry fips=1 and a correct boot=, so do the arguments new kernels get,
 * the default kernel has its .hmac file, and whether the running kernel
 * already is what the configuration will boot.
 */
#include <errno.h>
#include <string.h>

#include "base/strv.h"
#include "parse/bls.h"
#include "boot/bootfs.h"
#include "engine/check.h"
#include "engine/hostfacts.h"
#include "checks.h"
#include "remedy.h"
#include "parse/cmdline.h"
#include "parse/fips-flag.h"
#include "parse/grubenv.h"
#include "boot/pin.h"

#define REQ_ARGS                                                               \
	"FIPS 140-3 operational environment: the kernel boots with fips=1, "   \
	"and with boot=<the /boot device> when /boot is separate so that "     \
	"dracut's fips module can verify the kernel's HMAC; RHEL 9 Security "  \
	"Hardening, ch. 2 'Switching the system to FIPS mode'; "              \
	"dracut.cmdline(7) 'FIPS'"

/* The default entry is certain only when the grubenv could be read (or
 * there is none: GRUB then has no saved_entry either). */
static bool default_known(const struct fc_host_boot *st)
{
	return fc_boot_conf_default_known(&st->conf);
}

/*
 * Start the finding of a check that reads the BLS entries; NULL when the
 * check is done already: there is no entries directory (skip) or it
 * cannot be read (error).
 */
static struct fc_finding *start_finding(struct fc_ctx *ctx,
					const struct fc_host_boot **stp)
{
	const struct fc_host_boot *st = *stp = fc_host_boot_conf(ctx);
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	if (st->err == 0)
		return f;
	fc_finding_fact(f, "path", "%s", FC_BLS_DIR);
	if (st->err == -ENOENT)
		fc_finding_status(f, FC_STATUS_SKIP,
				  "no %s: this system does not use Boot Loader "
				  "Specification entries (EL9 always does)",
				  FC_BLS_DIR);
	else
		fc_finding_status(f, FC_STATUS_ERROR, "%s", st->why);
	return NULL;
}

/* True (and f completed with st_none) when GRUB's menu is empty. */
static bool menu_empty(struct fc_finding *f, const struct fc_host_boot *st,
		       enum fc_status st_none, const char *consequence)
{
	if (st->conf.via != FC_BLS_DEFAULT_NONE)
		return false;
	fc_finding_status(f, st_none,
			  "%s holds no boot entry with a linux line: %s",
			  st->conf.bls_dir, consequence);
	fc_finding_fact(f, "files", "%zu", st->conf.dir.n + st->conf.dir.n_bad);
	return true;
}

static void fact_text(struct fc_finding *f, const char *key, const char *v)
{
	_cleanup_free_ char *p = fc_printable(v, 4096);
	fc_finding_fact(f, key, "%s", p);
}

/* Kernel arguments judged against what FIPS mode needs; V_CANNOT: what
 * the kernel receives is not known (an error, never a pass). */
enum verdict { V_OK, V_WARN, V_UNKNOWN, V_BAD, V_CANNOT };

struct judgement {
	enum verdict v;
	enum fc_fips_arg fips;
	char *fips_text;      /* the fips argument as given, or NULL */
	char *boot_value;     /* boot= value, or NULL */
	bool boot_judged;
	enum fc_bootarg boot;
	struct fc_buf problem; /* "; "-separated, empty when fine */
	struct fc_buf brief;   /* the same in a few words, ", "-separated */
};

static void judgement_free(struct judgement *j)
{
	free(j->fips_text);
	free(j->boot_value);
	fc_buf_free(&j->problem);
	fc_buf_free(&j->brief);
}

/* Record a problem: brief for lists of entries, fmt for the details. */
static void problem(struct judgement *j, enum verdict v, const char *brief,
		    const char *fmt, ...) FC_PRINTF(4, 5);
static void problem(struct judgement *j, enum verdict v, const char *brief,
		    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	_cleanup_free_ char *s = fc_vasprintf(fmt, ap);
	va_end(ap);
	if (j->problem.len)
		fc_buf_adds(&j->problem, "; ");
	fc_buf_adds(&j->problem, s);
	if (j->brief.len)
		fc_buf_adds(&j->brief, ", ");
	fc_buf_adds(&j->brief, brief);
	if (v > j->v)
		j->v = v;
}

/*
 * Judge a kernel command line.  unset names the variable that could not
 * be expanded and may hold the whole command line (then what is missing
 * is "unknown", not "missing"), or is NULL.
 */
static void judge_args(struct fc_ctx *ctx, const char *text, const char *unset,
		       struct judgement *j)
{
	memset(j, 0, sizeof(*j));
	struct fc_cmdline cl;
	if (fc_cmdline_parse(text, strlen(text), &cl) < 0) {
		problem(j, V_UNKNOWN, "unreadable options",
			"cannot split the arguments (%s at offset %zu)",
			cl.err_what, cl.err_offset);
		return;
	}
	const struct fc_cmdarg *fa = fc_cmdline_find(&cl, "fips");
	if (fa)
		j->fips_text = fa->value ? fc_asprintf("fips=%s", fa->value)
					 : fc_strdup("fips");
	j->fips = fc_cmdline_fips(&cl);
	switch (j->fips) {
	case FC_FIPS_ARG_ON:
		break;
	case FC_FIPS_ARG_OFF:
		problem(j, V_BAD, "fips=0", "fips=0");
		break;
	case FC_FIPS_ARG_INVALID: {
		_cleanup_free_ char *p = fc_printable(j->fips_text, 64);
		problem(j, V_BAD, "invalid fips", "'%s' is not fips=1", p);
		break;
	}
	case FC_FIPS_ARG_ABSENT:
		if (unset)
			problem(j, V_UNKNOWN, "fips=1 unknown",
				"no fips=1 unless $%s (not in grubenv; "
				"grub.cfg may set it) supplies it",
				unset);
		else
			problem(j, V_BAD, "no fips=1", "no fips=1");
		break;
	}

	const struct fc_cmdarg *ba = fc_cmdline_find(&cl, "boot");
	/* A bare "boot" names nothing; judge it as an empty value. */
	if (ba)
		j->boot_value = fc_strdup(ba->value ? ba->value : "");
	fc_cmdline_free(&cl);

	const struct fc_bootfs *bfs = NULL;
	_cleanup_free_ char *bwhy = NULL;
	if (fc_host_bootfs(ctx, &bfs, &bwhy) < 0) {
		problem(j, V_UNKNOWN, "boot= not judged",
			"boot= cannot be judged: %s",
			bwhy ? bwhy : "the /boot filesystem is unknown");
		return;
	}
	_cleanup_free_ char *why = NULL;
	j->boot = fc_host_bootarg_judge(ctx, bfs, j->boot_value, &why);
	j->boot_judged = true;
	const char *w = why ? why : "";
	switch (j->boot) {
	case FC_BOOTARG_OK:
		break;
	case FC_BOOTARG_NEEDLESS:
		problem(j, V_WARN, "needless boot=", "%s", w);
		break;
	case FC_BOOTARG_UNVERIFIED:
		problem(j, V_UNKNOWN, "boot= unverified", "%s", w);
		break;
	case FC_BOOTARG_MISSING:
		if (unset) {
			problem(j, V_UNKNOWN, "boot= unknown",
				"%s (unless $%s supplies it)", w, unset);
			break;
		}
		/* fall through */
	case FC_BOOTARG_WRONG:
	case FC_BOOTARG_EFI:
		problem(j, V_BAD,
			j->boot == FC_BOOTARG_MISSING ? "no boot="
			: j->boot == FC_BOOTARG_EFI   ? "boot= names the EFI "
							"system partition"
						      : "wrong boot=",
			"%s", w);
		break;
	}
}

static const char *boot_name(const struct judgement *j)
{
	if (!j->boot_judged)
		return "unknown";
	switch (j->boot) {
	case FC_BOOTARG_OK:
		return "ok";
	case FC_BOOTARG_MISSING:
		return "missing";
	case FC_BOOTARG_WRONG:
		return "wrong";
	case FC_BOOTARG_EFI:
		return "efi";
	case FC_BOOTARG_NEEDLESS:
		return "needless";
	case FC_BOOTARG_UNVERIFIED:
		return "unverified";
	}
	return "unknown";
}

static void judgement_facts(struct fc_finding *f, const struct judgement *j)
{
	if (j->v == V_CANNOT)
		return;
	fact_text(f, "fips_arg", j->fips_text ? j->fips_text : "(absent)");
	fact_text(f, "boot_arg", j->boot_value ? j->boot_value : "(absent)");
	fc_finding_fact(f, "boot_arg_verdict", "%s", boot_name(j));
}

static enum fc_status verdict_status(enum verdict v)
{
	switch (v) {
	case V_OK:
		return FC_STATUS_PASS;
	case V_WARN:
	case V_UNKNOWN:
		return FC_STATUS_WARN;
	case V_BAD:
		break;
	case V_CANNOT:
		return FC_STATUS_ERROR;
	}
	return FC_STATUS_FAIL;
}

/* The arguments FIPS mode needs on this system, for remediations. */
static char *wanted_args(struct fc_ctx *ctx)
{
	const struct fc_bootfs *bfs = NULL;
	_cleanup_free_ char *why = NULL;
	if (fc_host_bootfs(ctx, &bfs, &why) < 0)
		return fc_strdup("fips=1 boot=UUID=<UUID of /boot, when it is "
				 "a separate filesystem>");
	if (!bfs->separate)
		return fc_strdup("fips=1");
	if (bfs->uuid)
		return fc_asprintf("fips=1 boot=UUID=%s", bfs->uuid);
	return fc_strdup("fips=1 boot=UUID=<UUID of the /boot filesystem>");
}

/* grubby command(s) that fix what judge_args found for target. */
static void remedy_grubby(struct fc_ctx *ctx, struct fc_finding *f,
			  const char *target, bool bad, bool needless)
{
	if (bad) {
		_cleanup_free_ char *args = wanted_args(ctx);
		fc_remedy_kernel_args(ctx, f, target, args, NULL, false);
	} else if (needless) {
		fc_remedy_kernel_args(ctx, f, target, NULL, "boot", false);
	}
}

/* What GRUB passes for an entry in the menu (src/parse/grub-script.h). */
static const struct fc_grub_boot *entry_boot(const struct fc_host_boot *st,
					     const struct fc_bls_entry *e)
{
	return fc_boot_conf_boot(&st->conf, e);
}

/*
 * The unset variable that may hold the whole command line, or NULL.
 * grub.cfg (grub2-mkconfig's 10_linux) may set kernelopts and
 * default_kernelopts itself when grubenv lacks them, so their value is
 * unknown here.  Other variables grubenv lacks (tuned_params, ...) expand
 * to nothing or add tuning options only: they do not make fips=1 unknown
 * (they are listed in the facts).
 */
static const char *base_unset(const struct fc_grub_boot *b)
{
	for (size_t i = 0; i < b->n_unset; i++)
		if (fc_streq(b->unset[i], "kernelopts") ||
		    fc_streq(b->unset[i], "default_kernelopts"))
			return b->unset[i];
	return NULL;
}

/*
 * Judge the arguments GRUB passes for an entry: "cannot tell" when the
 * model met a construct it does not follow, else the kernel's command
 * line, with what GRUB did to the options line said beside a problem.
 */
static void judge_entry(struct fc_ctx *ctx, const struct fc_grub_boot *b,
			struct judgement *j)
{
	if (b->n_unknowns) {
		memset(j, 0, sizeof(*j));
		_cleanup_free_ char *u = fc_strv_join(b->unknowns,
						      b->n_unknowns, "; ");
		problem(j, V_CANNOT, "cannot tell what the kernel receives",
			"cannot tell what the kernel receives: %s", u);
		return;
	}
	judge_args(ctx, b->cmdline, base_unset(b), j);
	if (j->v != V_OK && b->n_notes) {
		_cleanup_free_ char *n = fc_strv_join(b->notes, b->n_notes,
						      "; ");
		fc_buf_addf(&j->problem, " (%s)", n);
	}
}

/* The facts of what GRUB passes. */
static void boot_facts(struct fc_finding *f, const char *prefix,
		       const struct fc_grub_boot *b)
{
	_cleanup_free_ char *k = fc_asprintf("%skernel_cmdline", prefix);
	fact_text(f, k, b->cmdline);
	if (b->n_notes) {
		_cleanup_free_ char *key = fc_asprintf("%sgrub_reads", prefix);
		_cleanup_free_ char *v = fc_strv_join(b->notes, b->n_notes,
						      "; ");
		fact_text(f, key, v);
	}
	if (b->n_unknowns) {
		_cleanup_free_ char *key = fc_asprintf("%sgrub_not_followed",
						       prefix);
		_cleanup_free_ char *v = fc_strv_join(b->unknowns,
						      b->n_unknowns, "; ");
		fact_text(f, key, v);
	}
}

/* Where the entry's kernel is inside the root: BLS paths are relative to
 * the filesystem GRUB reads them from, which is /boot when separate. */
static char *kernel_root_path(struct fc_ctx *ctx, const char *linux_path)
{
	const struct fc_bootfs *bfs = NULL;
	_cleanup_free_ char *why = NULL;
	bool separate;
	if (fc_host_bootfs(ctx, &bfs, &why) == 0)
		separate = bfs->separate;
	else
		/* Unknown mounts: the path tells which way it was written. */
		separate = !fc_startswith(linux_path, "/boot/");
	if (!separate)
		return fc_strdup(linux_path);
	return fc_asprintf("/boot%s%s", linux_path[0] == '/' ? "" : "/",
			   linux_path);
}

/* ---- boot.default_entry ------------------------------------------------ */

static void default_facts(struct fc_finding *f, const struct fc_host_boot *st,
			  const struct fc_bls_entry *e,
			  const struct fc_grub_boot *b)
{
	fact_text(f, "entry_id", e->id);
	fact_text(f, "entry_file", e->path);
	const char *title = fc_bls_get(e, "title");
	if (title)
		fact_text(f, "title", title);
	fact_text(f, "kernel_path", fc_bls_get(e, "linux"));
	_cleanup_free_ char *ver = fc_bls_kernel_version(e);
	if (ver)
		fact_text(f, "kernel_version", ver);
	const char *opts = b->options ? b->options : "";
	fact_text(f, "options", opts);
	const char *raw = fc_bls_get(e, "options");
	if (!raw || !fc_streq(raw, opts))
		fact_text(f, "options_raw", raw ? raw : "(no options line)");
	if (b->n_from_env) {
		_cleanup_free_ char *s = fc_strv_join(b->from_env,
						      b->n_from_env, ",");
		fact_text(f, "substituted_from_grubenv", s);
	}
	if (b->n_unset) {
		_cleanup_free_ char *s = fc_strv_join(b->unset, b->n_unset,
						      ",");
		fact_text(f, "variables_not_in_grubenv", s);
	}
	boot_facts(f, "", b);
	fc_finding_fact(f, "default_via", "%s",
			fc_bls_default_via_name(st->conf.via));
	if (fc_streq(st->conf.default_from, "next_entry"))
		fc_finding_fact(f, "default_from", "next_entry");
	fact_text(f, "grubenv", st->conf.have_env ? FC_GRUBENV_PATH
					     : st->conf.env_why);
	if (st->conf.saved_entry)
		fact_text(f, "saved_entry", st->conf.saved_entry);
	const char *next = fc_grubenv_get(st->conf.have_env ? &st->conf.env : NULL,
					  "next_entry");
	if (next && *next)
		fact_text(f, "next_entry", next);
	if (!fc_streq(st->conf.bls_dir, FC_BLS_DIR))
		fact_text(f, "bls_dir", st->conf.bls_dir);
	if (e->stopped_at)
		fc_finding_fact(f, "grub_stops_at_line", "%u", e->stopped_at);
}

/* The entry's image inside the root, for remedies and the HMAC path: the
 * image GRUB boots when the model is sure of it, else the linux line. */
static char *entry_image(struct fc_ctx *ctx, const struct fc_host_boot *st,
			 const struct fc_bls_entry *e)
{
	const struct fc_grub_boot *b = entry_boot(st, e);
	return kernel_root_path(ctx, b && b->image ? b->image
						   : fc_bls_get(e, "linux"));
}

static int run_default_entry(struct fc_ctx *ctx)
{
	const struct fc_host_boot *st;
	struct fc_finding *f = start_finding(ctx, &st);
	if (!f || menu_empty(f, st, FC_STATUS_FAIL, "GRUB has nothing to boot"))
		return 0;
	const struct fc_bls_entry *e = st->conf.def;
	const struct fc_grub_boot *b = entry_boot(st, e);
	default_facts(f, st, e, b);
	_cleanup_free_ char *id = fc_printable(e->id, 256);

	if (!default_known(st)) {
		fc_finding_status(f, FC_STATUS_ERROR,
				  "cannot tell the default entry: %s",
				  fc_boot_conf_default_why(&st->conf));
		if (st->conf.env_err && st->conf.env_err != -ENOENT) {
			_cleanup_free_ char *kp = entry_image(ctx, st, e);
			fc_finding_remedy(f, "grub2-editenv " FC_GRUBENV_PATH
					     " create && grubby --set-default=%s",
					  kp);
		}
		return 0;
	}
	if (st->conf.via == FC_BLS_DEFAULT_SAVED_MISSING) {
		_cleanup_free_ char *saved = fc_printable(st->conf.default_spec,
							  256);
		_cleanup_free_ char *kp = entry_image(ctx, st, e);
		fc_finding_status(f, FC_STATUS_FAIL,
				  "%s '%s' names no boot entry; GRUB "
				  "falls back to the first one, %s",
				  st->conf.default_from, saved, id);
		fc_remedy_set_default(ctx, f, kp);
		return 0;
	}

	struct judgement j;
	judge_entry(ctx, b, &j);
	judgement_facts(f, &j);
	if (j.v == V_OK)
		fc_finding_status(f, FC_STATUS_PASS,
				  "default entry %s boots with fips=1%s", id,
				  j.boot_value ? " and the right boot=" : "");
	else
		fc_finding_status(f, verdict_status(j.v),
				  "default entry %s: %s", id, j.problem.data);
	remedy_grubby(ctx, f, "DEFAULT", j.v == V_BAD,
		      j.boot == FC_BOOTARG_NEEDLESS);
	judgement_free(&j);
	return 0;
}

const struct fc_check fc_check_boot_default_entry = {
	.id = "boot.default_entry",
	.area = "boot",
	.title = "Default boot entry has fips=1",
	.requirement = REQ_ARGS,
	.run = run_default_entry,
};

/* ---- boot.entries ------------------------------------------------------ */

/* Problems GRUB's reading of the file causes, beyond its arguments. */
static void grub_reading(const struct fc_bls_entry *e, struct judgement *j)
{
	if (e->stopped_at && e->ignored_keys)
		problem(j, V_WARN, "GRUB ignores lines",
			"GRUB stops reading at line %u (a line "
				   "without key and value) and ignores the "
				   "lines after it",
			e->stopped_at);
	size_t n = fc_bls_count(e, "options");
	if (n > 1)
		problem(j, V_WARN, "several options lines",
			"%zu options lines; GRUB uses only the "
				   "first",
			n);
}

static int run_entries(struct fc_ctx *ctx)
{
	const struct fc_host_boot *st;
	struct fc_finding *f = start_finding(ctx, &st);
	if (!f)
		return 0;
	size_t n_menu = 0, n_off = 0;
	enum verdict worst = V_OK;
	bool needless = false, bad_any = false;
	struct fc_buf offenders = { 0 }, not_in_menu = { 0 };

	for (size_t i = 0; i < st->conf.dir.n; i++) {
		const struct fc_bls_entry *e = st->conf.dir.entries[i];
		if (!fc_bls_get(e, "linux")) {
			fc_buf_addf(&not_in_menu, "%s%s",
				    not_in_menu.len ? "," : "", e->id);
			continue;
		}
		n_menu++;
		struct judgement j;
		judge_entry(ctx, entry_boot(st, e), &j);
		grub_reading(e, &j);
		if (j.v != V_OK) {
			bool rescue = fc_bls_is_rescue(e);
			_cleanup_free_ char *key = fc_asprintf("entry.%s", e->id);
			_cleanup_free_ char *val = fc_asprintf(
				"%s%s", rescue ? "rescue entry: " : "",
				j.problem.data);
			fact_text(f, key, val);
			_cleanup_free_ char *id = fc_printable(e->id, 256);
			fc_buf_addf(&offenders, "%s%s (%s%s)",
				    n_off ? ", " : "", id,
				    rescue ? "rescue entry: " : "",
				    j.brief.data);
			n_off++;
			if (j.v > worst)
				worst = j.v;
			needless |= j.boot == FC_BOOTARG_NEEDLESS;
			bad_any |= j.v == V_BAD;
		}
		judgement_free(&j);
	}
	for (size_t i = 0; i < st->conf.dir.n_bad; i++) {
		const struct fc_bls_bad *b = &st->conf.dir.bad[i];
		_cleanup_free_ char *key = fc_asprintf("entry.%s", b->file);
		fact_text(f, key, b->why);
		_cleanup_free_ char *name = fc_printable(b->file, 256);
		fc_buf_addf(&offenders, "%s%s (unreadable)", n_off ? ", " : "",
			    name);
		n_off++;
		/* An entry we cannot read may or may not say fips=1. */
		if (worst < V_UNKNOWN)
			worst = V_UNKNOWN;
	}
	/* Menu entries grub.cfg adds: their kernels are not audited. */
	const struct fc_grubcfg *cfg = &st->conf.cfg;
	for (size_t i = 0; i < cfg->n_menu_unknowns; i++) {
		_cleanup_free_ char *key = fc_asprintf("grub_cfg.%zu", i + 1);
		fact_text(f, key, cfg->menu_unknowns[i]);
		_cleanup_free_ char *m = fc_printable(cfg->menu_unknowns[i], 256);
		fc_buf_addf(&offenders, "%s%s", n_off ? ", " : "", m);
		n_off++;
		worst = V_CANNOT;
	}
	fc_finding_fact(f, "entries", "%zu", n_menu);
	if (!fc_streq(st->conf.bls_dir, FC_BLS_DIR))
		fact_text(f, "bls_dir", st->conf.bls_dir);
	if (not_in_menu.len)
		fact_text(f, "not_in_menu_no_linux_line", not_in_menu.data);
	if (!st->conf.have_env && st->conf.env_err != -ENOENT)
		fact_text(f, "grubenv", st->conf.env_why);

	if (n_menu == 0 && n_off == 0) {
		(void)menu_empty(f, st, FC_STATUS_FAIL,
				 "GRUB has nothing to boot");
	} else if (n_off == 0) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "all %zu boot entries carry fips=1 and a "
				  "correct boot=",
				  n_menu);
	} else if (worst == V_CANNOT) {
		fc_finding_fact(f, "offending", "%zu", n_off);
		fc_finding_status(f, FC_STATUS_ERROR,
				  "cannot tell what the kernel receives for "
				  "every boot entry: %s; details in the facts",
				  offenders.data);
		remedy_grubby(ctx, f, "ALL", bad_any, needless);
	} else {
		fc_finding_fact(f, "offending", "%zu", n_off);
		fc_finding_status(f, verdict_status(worst),
				  "%zu of %zu boot entries %s: %s; details "
				  "in the facts", n_off,
				  n_menu + st->conf.dir.n_bad,
				  worst == V_BAD ? "lack fips=1 or a correct "
						   "boot="
						 : "need a look",
				  offenders.data);
		remedy_grubby(ctx, f, "ALL", worst == V_BAD, needless);
	}
	fc_buf_free(&offenders);
	fc_buf_free(&not_in_menu);
	return 0;
}

const struct fc_check fc_check_boot_entries = {
	.id = "boot.entries",
	.area = "boot",
	.title = "Every boot entry has fips=1",
	.requirement = REQ_ARGS,
	.run = run_entries,
};

/* ---- boot.kernel_cmdline ----------------------------------------------- */

static int run_kernel_cmdline(struct fc_ctx *ctx)
{
	static const char path[] = "/etc/kernel/cmdline";
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_root_read(ctx->root, path, FC_READ_SMALL, &text, &len);
	if (r == -ENOENT) {
		struct fc_finding *f = fc_ctx_read_failed(ctx, path, r,
							  FC_STATUS_WARN);
		fc_finding_status(f, FC_STATUS_WARN,
				  "%s does not exist: new kernels get their "
				  "arguments from the running kernel's command "
				  "line or grubby's default-entry template, "
				  "not from a file this check can verify",
				  path);
		fc_finding_remedy(f, "grubby --info=DEFAULT | sed -n "
				     "'s/^args=\"\\(.*\\)\"$/\\1/p' > %s",
				  path);
		return 0;
	}
	if (r < 0) {
		fc_ctx_read_failed(ctx, path, r, FC_STATUS_ERROR);
		return 0;
	}
	struct fc_finding *f = fc_ctx_finding(ctx, NULL);
	fc_finding_fact(f, "path", "%s", path);
	if (memchr(text, '\0', len)) {
		fc_finding_status(f, FC_STATUS_ERROR, "%s holds a NUL byte",
				  path);
		return 0;
	}
	fc_strstrip(text);
	fact_text(f, "cmdline", text);
	struct judgement j;
	judge_args(ctx, text, NULL, &j);
	judgement_facts(f, &j);
	if (j.v == V_OK) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "%s (copied to new kernels) has fips=1%s",
				  path,
				  j.boot_value ? " and the right boot=" : "");
	} else {
		fc_finding_status(f, verdict_status(j.v), "%s: %s", path,
				  j.problem.data);
		_cleanup_free_ char *args = wanted_args(ctx);
		if (j.v == V_BAD)
			/* The kernel and dracut take the last fips= and
			 * boot=, so appending overrides what is there. */
			fc_finding_remedy(f, "sed -i '$ s/$/ %s/' %s", args,
					  path);
		else if (j.boot == FC_BOOTARG_NEEDLESS)
			fc_finding_remedy(f, "sed -i 's/ *boot=[^ ]*//g' %s",
					  path);
	}
	judgement_free(&j);
	return 0;
}

const struct fc_check fc_check_boot_kernel_cmdline = {
	.id = "boot.kernel_cmdline",
	.area = "boot",
	.title = "Arguments for new kernels have fips=1",
	.requirement = REQ_ARGS " (kernel-install copies /etc/kernel/cmdline "
		       "into the entries of newly installed kernels)",
	.run = run_kernel_cmdline,
};

/* ---- boot.hmac --------------------------------------------------------- */

static bool hex_digest(const char *s, size_t *bits)
{
	size_t n = strspn(s, "0123456789abcdefABCDEF");
	if ((n != 64 && n != 128) || (s[n] && s[n] != ' ' && s[n] != '\t' &&
				      s[n] != '\n'))
		return false;
	*bits = n * 4;
	return true;
}

static int run_hmac(struct fc_ctx *ctx)
{
	const struct fc_host_boot *st;
	struct fc_finding *f = start_finding(ctx, &st);
	if (!f || menu_empty(f, st, FC_STATUS_SKIP, "no default kernel"))
		return 0;
	if (!default_known(st)) {
		fc_finding_status(f, FC_STATUS_ERROR,
				  "cannot tell the default kernel: %s",
				  fc_boot_conf_default_why(&st->conf));
		return 0;
	}
	const struct fc_bls_entry *e = st->conf.def;
	const struct fc_grub_boot *b = entry_boot(st, e);
	_cleanup_free_ char *ver = fc_bls_kernel_version(e);
	fact_text(f, "entry_id", e->id);
	if (ver)
		fact_text(f, "kernel_version", ver);
	if (!b->image) {
		_cleanup_free_ char *u = fc_strv_join(b->unknowns,
						      b->n_unknowns, "; ");
		fc_finding_status(f, FC_STATUS_ERROR,
				  "cannot tell which image GRUB boots: %s", u);
		return 0;
	}
	/* The image GRUB loads, which dracut's fips module checks. */
	_cleanup_free_ char *kpath = kernel_root_path(ctx, b->image);
	_cleanup_free_ char *rel = fc_vmlinuz_release(b->image);
	fact_text(f, "kernel_image", kpath);

	/* dracut's fips module: the .hmac sits beside the image GRUB
	 * loaded, named ".<image name>.hmac"; it runs sha512hmac -c on it. */
	const char *slash = strrchr(kpath, '/');
	_cleanup_free_ char *hpath = fc_asprintf(
		"%.*s/.%s.hmac", (int)(slash - kpath), kpath, slash + 1);
	fact_text(f, "hmac_path", hpath);
	_cleanup_free_ char *pkg = rel ? fc_asprintf("kernel-core-%s", rel)
				       : fc_strdup("kernel-core");

	struct stat sb;
	int r = fc_root_stat(ctx->root, kpath, &sb);
	if (r < 0) {
		fc_finding_status(f, r == -ENOENT ? FC_STATUS_FAIL
						  : FC_STATUS_ERROR,
				  "default kernel image %s: %s", kpath,
				  r == -ENOENT ? "does not exist, GRUB cannot "
						 "boot the default entry"
					       : strerror(-r));
		fc_finding_remedy(f, "dnf reinstall %s", pkg);
		return 0;
	}
	_cleanup_free_ char *h = NULL;
	r = fc_root_read(ctx->root, hpath, FC_READ_SMALL, &h, NULL);
	if (r == -ENOENT) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "%s is missing: with fips=1 the initramfs "
				  "refuses to boot this kernel (dracut's fips "
				  "module verifies it)",
				  hpath);
		fc_finding_remedy(f, "dnf reinstall %s", pkg);
		return 0;
	}
	if (r < 0) {
		fc_finding_status(f, FC_STATUS_ERROR, "cannot read %s: %s",
				  hpath, strerror(-r));
		return 0;
	}
	size_t bits = 0;
	if (!hex_digest(h, &bits)) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "%s does not start with an HMAC-SHA-256 or "
				  "-512 digest: sha512hmac -c would reject it",
				  hpath);
		fc_finding_remedy(f, "dnf reinstall %s", pkg);
		return 0;
	}
	fc_finding_fact(f, "hmac_bits", "%zu", bits);
	fc_finding_status(f, FC_STATUS_PASS,
			  "%s is present beside the default kernel", hpath);
	return 0;
}

const struct fc_check fc_check_boot_hmac = {
	.id = "boot.hmac",
	.area = "boot",
	.title = "Default kernel has its HMAC file",
	.requirement = "FIPS 140-3 integrity test of the kernel module: with "
		       "fips=1 dracut's fips module checks "
		       "/boot/.vmlinuz-<version>.hmac (sha512hmac -c) before "
		       "switching root and halts the boot when it is missing "
		       "or wrong; dracut modules.d/01fips/fips.sh",
	.run = run_hmac,
};

/* ---- boot.pending_reboot ----------------------------------------------- */

enum tri { T_NO, T_YES, T_UNKNOWN };

static enum tri running_fips(struct fc_ctx *ctx, struct fc_finding *f)
{
	const struct fc_fips_flag *flag = fc_host_fips_flag(ctx);
	enum tri by_flag;
	if (flag->state == FC_FIPS_FLAG_ABSENT) {
		fc_finding_fact(f, "fips_enabled", "(absent)");
		by_flag = T_NO;
	} else if (flag->state == FC_FIPS_FLAG_UNREADABLE) {
		fc_finding_fact(f, "fips_enabled", "(unreadable: %s)",
				strerror(-flag->err));
		by_flag = T_UNKNOWN;
	} else {
		_cleanup_free_ char *shown = fc_fips_flag_shown(flag, 4096);
		fc_finding_fact(f, "fips_enabled", "%s", shown);
		by_flag = flag->state == FC_FIPS_FLAG_ENABLED	 ? T_YES
			  : flag->state == FC_FIPS_FLAG_DISABLED ? T_NO
								 : T_UNKNOWN;
	}

	const struct fc_proc_cmdline *pc = NULL;
	enum tri by_arg;
	int r = fc_host_proc_cmdline(ctx, &pc);
	if (r < 0) {
		fc_finding_fact(f, "running_fips_arg", "(%s)",
				r == -EBADMSG ? "cannot split /proc/cmdline"
					      : strerror(-r));
		by_arg = T_UNKNOWN;
	} else {
		enum fc_fips_arg a = fc_cmdline_fips(&pc->args);
		fc_finding_fact(f, "running_fips_arg", "%s",
				a == FC_FIPS_ARG_ON	? "fips=1"
				: a == FC_FIPS_ARG_OFF	? "fips=0"
				: a == FC_FIPS_ARG_ABSENT ? "(absent)"
							  : "(invalid)");
		by_arg = a == FC_FIPS_ARG_ON ? T_YES : T_NO;
	}
	if (by_flag == T_NO || by_arg == T_NO)
		return T_NO;
	if (by_flag == T_YES && by_arg == T_YES)
		return T_YES;
	return T_UNKNOWN;
}

static int run_pending_reboot(struct fc_ctx *ctx)
{
	if (fc_host_offline(ctx)) {
		struct fc_finding *f = fc_ctx_finding(ctx, NULL);
		fc_finding_skip(f, FC_SKIP_NOT_EXAMINED,
				FC_OFFLINE_WHY " to compare with the default "
					       "boot entry");
		return 0;
	}
	const struct fc_host_boot *st;
	struct fc_finding *f = start_finding(ctx, &st);
	if (!f || menu_empty(f, st, FC_STATUS_SKIP,
			     "no boot configuration to compare with the "
			     "running kernel"))
		return 0;
	enum tri running = running_fips(ctx, f);

	enum tri configured = T_UNKNOWN;
	_cleanup_free_ char *why = NULL;
	if (!default_known(st)) {
		why = fc_asprintf("cannot tell the default entry: %s",
				  fc_boot_conf_default_why(&st->conf));
	} else {
		const struct fc_grub_boot *b = entry_boot(st, st->conf.def);
		struct fc_cmdline cl;
		if (b->n_unknowns) {
			_cleanup_free_ char *u = fc_strv_join(
				b->unknowns, b->n_unknowns, "; ");
			why = fc_asprintf("cannot tell what the kernel "
					  "receives: %s",
					  u);
		} else if (fc_cmdline_parse(b->cmdline, strlen(b->cmdline),
					    &cl) == 0) {
			enum fc_fips_arg a = fc_cmdline_fips(&cl);
			if (a == FC_FIPS_ARG_ON)
				configured = T_YES;
			else if (a != FC_FIPS_ARG_ABSENT || !base_unset(b))
				configured = T_NO;
			else
				why = fc_asprintf("the default entry's $%s is "
						  "not in grubenv",
						  base_unset(b));
			fc_cmdline_free(&cl);
		} else {
			why = fc_asprintf("cannot split the default entry's "
					  "options (%s)",
					  cl.err_what);
		}
	}
	fact_text(f, "default_entry", st->conf.def->id);
	fc_finding_fact(f, "configured_fips", "%s",
			configured == T_YES ? "yes"
			: configured == T_NO ? "no" : "unknown");
	fc_finding_fact(f, "running_fips", "%s",
			running == T_YES ? "yes"
			: running == T_NO ? "no" : "unknown");

	if (configured == T_UNKNOWN || running == T_UNKNOWN) {
		fc_finding_fact(f, "state", "unknown");
		fc_finding_status(f, FC_STATUS_WARN,
				  "cannot compare the boot configuration with "
				  "the running kernel: %s",
				  why ? why : "the running kernel's FIPS state "
					      "is unknown");
	} else if (configured == T_YES && running == T_YES) {
		fc_finding_fact(f, "state", "consistent");
		fc_finding_status(f, FC_STATUS_PASS,
				  "the running kernel and the default boot "
				  "entry are both in FIPS mode");
	} else if (configured == T_YES) {
		fc_finding_fact(f, "state", "pending-reboot");
		fc_finding_status(f, FC_STATUS_FAIL,
				  "pending reboot: the default boot entry has "
				  "fips=1 but the running kernel is not in "
				  "FIPS mode");
		fc_finding_remedy(f, "reboot");
	} else if (running == T_YES) {
		fc_finding_fact(f, "state", "will-lose-fips-on-reboot");
		fc_finding_status(f, FC_STATUS_FAIL,
				  "the running kernel is in FIPS mode but the "
				  "default boot entry lacks fips=1: the next "
				  "boot leaves FIPS mode");
		_cleanup_free_ char *args = wanted_args(ctx);
		fc_remedy_kernel_args(ctx, f, "DEFAULT", args, NULL, false);
	} else {
		fc_finding_fact(f, "state", "not-configured");
		fc_finding_status(f, FC_STATUS_FAIL,
				  "neither the running kernel nor the default "
				  "boot entry is in FIPS mode");
		fc_remedy_enable_fips(ctx, f);
	}
	return 0;
}

const struct fc_check fc_check_boot_pending_reboot = {
	.id = "boot.pending_reboot",
	.area = "boot",
	.title = "Running kernel matches the boot configuration",
	.requirement = "FIPS mode takes effect at boot: a fips=1 added to the "
		       "boot entries protects nothing until the system "
		       "reboots; RHEL 9 Security Hardening, ch. 2 'Switching "
		       "the system to FIPS mode'",
	.run = run_pending_reboot,
};
