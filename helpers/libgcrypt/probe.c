// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl-probe-libgcrypt: the libgcrypt probe helper.
 *
 *   libgcrypt.fips_mode  FIPS mode (GCRYCTL_FIPS_MODE_P), why it is on, the
 *                        operational state, gcry_get_config's fips-mode and
 *                        rng-type, the integrity mechanism of the build
 *   libgcrypt.selftest   GCRYCTL_SELFTEST with --selftest
 *   libgcrypt.summary    requested / active / self-tests / integrity
 *
 * libgcrypt decides FIPS mode once, when it initialises, and
 * gcry_check_version() already initialises it; so everything that explains
 * the decision is read first and the library is touched only afterwards.
 * Nothing here changes the decision (no GCRYCTL_FORCE_FIPS_MODE or
 * GCRYCTL_NO_FIPS_MODE): the probe sees what every application on the host
 * sees.  In FIPS mode a misuse makes libgcrypt abort(); that is why this
 * runs in its own process, and why the log handler copies every message
 * to stderr, where the parent finds it if the process dies.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <gcrypt.h>

#include "parse/elf-section.h"
#include "probe-child.h"
#include "probe-module.h"

#define CHECK_FIPS "libgcrypt.fips_mode"
#define CHECK_SELFTEST "libgcrypt.selftest"
#define CHECK_SUMMARY "libgcrypt.summary"

/* Since 1.10.1 the HMAC is an ELF note; before, a file beside the library. */
#define INTEGRITY_NOTE ".note.fdo.integrity"

enum integrity_kind {
	INTEGRITY_UNKNOWN, /* the library file could not be examined */
	INTEGRITY_NONE,    /* built without --enable-hmac-binary-check */
	INTEGRITY_NOTE_SECTION,
	INTEGRITY_HMAC_FILE,
};

struct gcry_probe {
	struct fc_probe_ctx *ctx;
	struct fc_root *root;

	/* What asks for FIPS mode, read before the library initialises. */
	int kernel;     /* fc_probe_kernel_fips() */
	int force_file; /* 1 present, 0 absent, -errno */
	bool env_force;
	struct fc_buf requested_by;
	struct fc_finding *f; /* libgcrypt.fips_mode, filled as we go */

	const char *version;
	bool init_at_load; /* initialised by its constructor before main() */
	double init_ms;
	bool fips, operational;
	char *module_version;

	char *library_path;
	enum integrity_kind integrity;
	char *integrity_detail;

	/* The self-test failures and errors libgcrypt logged. */
	struct fc_buf failures;
	size_t okays;

	bool selftest_ran;
	gcry_error_t selftest_err;
};

/*
 * libgcrypt's own self-test reporter logs "libgcrypt selftest: <domain>
 * <algo> (<n>): Okay" (only at verbosity 2) or the error text; the
 * integrity check reports the domain "binary".
 */
static void log_handler(void *opaque, int level, const char *fmt, va_list ap)
{
	struct gcry_probe *gp = opaque;
	_cleanup_free_ char *msg = fc_vasprintf(fmt, ap);
	/* Kept on stderr too: a fatal message is followed by abort(). */
	if (fc_write_all(STDERR_FILENO, msg, strlen(msg)) < 0) {
		/* stderr gone: the copy in gp->log still reaches the report */
	}
	fc_strstrip(msg);
	if (fc_startswith(msg, "libgcrypt selftest:")) {
		size_t n = strlen(msg);
		if (n >= 4 && fc_streq(msg + n - 4, "Okay"))
			gp->okays++;
		else
			fc_buf_addf(&gp->failures, "%s%s",
				    gp->failures.len ? "; " : "", msg);
	} else if (level >= GCRY_LOG_ERROR) {
		fc_buf_addf(&gp->failures, "%s%s", gp->failures.len ? "; " : "",
			    msg);
	}
}

static void add_reason(struct gcry_probe *gp, const char *why)
{
	fc_buf_addf(&gp->requested_by, "%s%s", gp->requested_by.len ? ", " : "",
		    why);
}

/* The three system settings libgcrypt checks (src/fips.c,
 * check_fips_system_setting), read the same way, before it does. */
static void read_triggers(struct gcry_probe *gp)
{
	static const char force_file[] = "/etc/gcrypt/fips_enabled";
	struct stat st;

	gp->env_force = getenv("LIBGCRYPT_FORCE_FIPS_MODE") != NULL;
	/* Presence is enough: libgcrypt tests getenv() != NULL, so even
	 * LIBGCRYPT_FORCE_FIPS_MODE=0 forces FIPS mode. */
	fc_finding_fact(gp->f, "env_LIBGCRYPT_FORCE_FIPS_MODE", "%s",
			gp->env_force ? "set" : "unset");
	if (gp->env_force)
		add_reason(gp, "LIBGCRYPT_FORCE_FIPS_MODE in the environment");

	int r = fc_root_stat(gp->root, force_file, &st);
	gp->force_file = r == 0 ? 1 : r == -ENOENT ? 0 : r;
	if (r == 0 || r == -ENOENT)
		fc_finding_fact(gp->f, "gcrypt_fips_enabled_file", "%s %s",
				force_file, r == 0 ? "exists" : "does not exist");
	else
		fc_finding_fact(gp->f, "gcrypt_fips_enabled_file",
				"%s: unknown (%s)", force_file, strerror(-r));
	if (r == 0)
		add_reason(gp, force_file);

	gp->kernel = fc_probe_kernel_fips(gp->root, gp->f);
	if (gp->kernel == 1)
		add_reason(gp, "/proc/sys/crypto/fips_enabled=1");
	fc_finding_fact(gp->f, "fips_requested_by", "%s",
			gp->requested_by.len ? gp->requested_by.data : "nothing");
}

/* The n-th ':'-separated field of a gcry_get_config line, or NULL. */
static char *config_field(const char *line, unsigned n)
{
	const char *p = line;
	for (unsigned i = 0; i < n; i++) {
		p = strchr(p, ':');
		if (!p)
			return NULL;
		p++;
	}
	return fc_strndup(p, strcspn(p, ":\n"));
}

static char *get_config(struct gcry_probe *gp, const char *what,
			const char *fact)
{
	char *c = gcry_get_config(0, what);
	if (!c) {
		fc_finding_fact(gp->f, fact, "unknown (gcry_get_config: %s)",
				strerror(errno));
		return NULL;
	}
	char *copy = fc_strdup(c);
	gcry_free(c);
	fc_strstrip(copy);
	_cleanup_free_ char *shown = fc_printable(copy, 256);
	fc_finding_fact(gp->f, fact, "%s", shown);
	return copy;
}

/* Which integrity mechanism the loaded library file carries. */
static void find_integrity(struct gcry_probe *gp)
{
	Dl_info info;
	if (!dladdr((void *)gcry_check_version, &info) || !info.dli_fname) {
		gp->integrity = INTEGRITY_UNKNOWN;
		gp->integrity_detail = fc_strdup("dladdr cannot name the "
						 "loaded libgcrypt file");
		return;
	}
	gp->library_path = fc_strdup(info.dli_fname);
	fc_finding_fact(gp->f, "library_path", "%s", gp->library_path);

	_cleanup_close_ int fd = fc_root_open(gp->root, gp->library_path,
					      O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		gp->integrity = INTEGRITY_UNKNOWN;
		gp->integrity_detail = fc_asprintf("cannot open %s: %s",
						   gp->library_path,
						   strerror(-fd));
		return;
	}
	struct fc_elf_section sec;
	const char *why = NULL;
	int r = fc_elf_find_section_fd(fd, INTEGRITY_NOTE, &sec, &why);
	if (r < 0) {
		gp->integrity = INTEGRITY_UNKNOWN;
		gp->integrity_detail = fc_asprintf(
			"cannot read the sections of %s: %s", gp->library_path,
			why ? why : strerror(-r));
		return;
	}
	if (r == 1) {
		gp->integrity = INTEGRITY_NOTE_SECTION;
		gp->integrity_detail = fc_asprintf(
			"HMAC in ELF section %s of %s (%llu bytes)",
			INTEGRITY_NOTE, gp->library_path,
			(unsigned long long)sec.size);
		return;
	}
	/* libgcrypt up to 1.10.0: "<dir>/.<file name>.hmac". */
	const char *slash = strrchr(gp->library_path, '/');
	_cleanup_free_ char *hmac = slash
		? fc_asprintf("%.*s/.%s.hmac", (int)(slash - gp->library_path),
			      gp->library_path, slash + 1)
		: fc_asprintf(".%s.hmac", gp->library_path);
	struct stat st;
	r = fc_root_stat(gp->root, hmac, &st);
	if (r == 0) {
		gp->integrity = INTEGRITY_HMAC_FILE;
		gp->integrity_detail = fc_asprintf("HMAC file %s", hmac);
	} else if (r == -ENOENT) {
		gp->integrity = INTEGRITY_NONE;
		gp->integrity_detail = fc_asprintf(
			"none: %s has no %s section and there is no %s; this "
			"build has no integrity check (configured without "
			"--enable-hmac-binary-check)",
			gp->library_path, INTEGRITY_NOTE, hmac);
	} else {
		gp->integrity = INTEGRITY_UNKNOWN;
		gp->integrity_detail = fc_asprintf("cannot look for %s: %s",
						   hmac, strerror(-r));
	}
}

static void initialise(struct gcry_probe *gp)
{
	/* Neither call initialises the library: the handler is a pointer
	 * assignment and ANY_INITIALIZATION_P only reads a flag. */
	gcry_set_log_handler(log_handler, gp);
	gp->init_at_load = gcry_control(GCRYCTL_ANY_INITIALIZATION_P, 0) != 0;

	/* The way an application starts libgcrypt; in FIPS mode the
	 * power-up self-tests run in INITIALIZATION_FINISHED, unless a
	 * build with the integrity check already ran them at load. */
	unsigned long long t0 = fc_now_ns();
	gp->version = gcry_check_version(NULL);
	gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
	gp->init_ms = (double)(fc_now_ns() - t0) / 1e6;

	gp->fips = gcry_control(GCRYCTL_FIPS_MODE_P, 0) != 0;
	gp->operational = gcry_control(GCRYCTL_OPERATIONAL_P, 0) != 0;
}

/*
 * A FIPS-mode libgcrypt that is not operational failed its power-up
 * tests.  When they ran at load, before this process could install a log
 * handler, run them again (GCRYCTL_SELFTEST is allowed from the Error
 * state) just to learn which one fails.  This changes nothing outside
 * this helper process.
 */
static void diagnose(struct gcry_probe *gp)
{
	if (!gp->fips || gp->operational || gp->failures.len)
		return;
	gcry_error_t err = gcry_control(GCRYCTL_SELFTEST, 0);
	fc_finding_fact(gp->f, "diagnosis",
			"GCRYCTL_SELFTEST re-run in this probe process to name "
			"the failure: %s",
			err ? gcry_strerror(err) : "passed this time");
}

static void report_fips_mode(struct gcry_probe *gp)
{
	struct fc_finding *f = gp->f;
	fc_finding_fact(f, "version", "%s", gp->version ? gp->version : "unknown");
	fc_finding_fact(f, "fips_mode_p", "%s", gp->fips ? "true" : "false");
	fc_finding_fact(f, "operational_p", "%s",
			gp->operational ? "true" : "false");
	fc_finding_fact(f, "module_version", "%s",
			gp->module_version && *gp->module_version
				? gp->module_version
				: "(empty)");
	fc_finding_fact(f, "integrity_check", "%s", gp->integrity_detail);
	if (!gp->fips)
		fc_finding_fact(f, "power_up_selftests",
				"not run: they run only in FIPS mode");
	else if (gp->init_at_load)
		fc_finding_fact(f, "power_up_selftests",
				"ran when the library was loaded (its "
				"constructor), %s",
				gp->operational ? "passed" : "failed");
	else
		fc_finding_fact(f, "power_up_selftests",
				"ran at GCRYCTL_INITIALIZATION_FINISHED, "
				"%s in %.1f ms",
				gp->operational ? "passed" : "failed",
				gp->init_ms);
	if (gp->failures.len)
		fc_finding_fact(f, "library_errors", "%s", gp->failures.data);

	const char *by = gp->requested_by.data;
	if (gp->fips && gp->operational) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "libgcrypt %s is in FIPS mode and operational "
				  "(requested by %s)",
				  gp->version, by ? by : "nothing this probe knows");
	} else if (gp->fips) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "libgcrypt %s is in FIPS mode but not "
				  "operational: its power-up self-tests or "
				  "integrity check failed%s%s",
				  gp->version, gp->failures.len ? ": " : "",
				  gp->failures.len ? gp->failures.data : "");
		fc_finding_remedy(f, "reinstall the libgcrypt package (dnf "
				     "reinstall libgcrypt) and check the system "
				     "log for 'Libgcrypt error'");
	} else if (by) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "libgcrypt %s is not in FIPS mode although %s "
				  "requests it",
				  gp->version, by);
	} else {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "libgcrypt %s is not in FIPS mode: nothing "
				  "requests it (no kernel FIPS mode, no "
				  "/etc/gcrypt/fips_enabled, no "
				  "LIBGCRYPT_FORCE_FIPS_MODE)",
				  gp->version);
		fc_finding_remedy(f, "fips-mode-setup --enable && reboot");
	}
}

static void run_selftest(struct gcry_probe *gp)
{
	struct fc_finding *f = fc_probe_finding(gp->ctx, CHECK_SELFTEST, NULL);
	if (!gp->ctx->selftest) {
		const char *pu = fc_finding_get_fact(gp->f, "power_up_selftests");
		fc_finding_fact(f, "power_up_selftests", "%s", pu ? pu : "unknown");
		/* On demand only (FIPS 140-3 IG 10.3.A): not a requirement. */
		fc_finding_skip(f, FC_SKIP_NOT_APPLICABLE,
				"run with --selftest to run GCRYCTL_SELFTEST");
		return;
	}
	/* Verbosity 2 makes the reporter log each passing test too. */
	size_t okays = gp->okays, failed_len = gp->failures.len;
	gcry_control(GCRYCTL_SET_VERBOSITY, 2);
	unsigned long long t0 = fc_now_ns();
	gp->selftest_err = gcry_control(GCRYCTL_SELFTEST, 0);
	double ms = (double)(fc_now_ns() - t0) / 1e6;
	gcry_control(GCRYCTL_SET_VERBOSITY, 0);
	gp->selftest_ran = true;

	fc_finding_fact(f, "mode", "%s", gp->fips ? "FIPS" : "non-FIPS");
	fc_finding_fact(f, "ms", "%.1f", ms);
	fc_finding_fact(f, "tests_passed", "%zu", gp->okays - okays);
	if (gp->failures.len > failed_len)
		fc_finding_fact(f, "failures", "%s",
				gp->failures.data + failed_len +
					(failed_len ? 2 : 0));
	if (gp->selftest_err)
		fc_finding_status(f, FC_STATUS_FAIL,
				  "GCRYCTL_SELFTEST failed in %.1f ms: %s", ms,
				  gcry_strerror(gp->selftest_err));
	else
		fc_finding_status(f, FC_STATUS_PASS,
				  "GCRYCTL_SELFTEST passed in %.1f ms (%zu tests)",
				  ms, gp->okays - okays);
}

static void report_summary(struct gcry_probe *gp)
{
	struct fc_module_summary s = { 0 };
	_cleanup_free_ char *name = fc_asprintf("libgcrypt %s", gp->version);
	s.module = name;
	s.library_version = gp->version;
	s.module_version = gp->module_version;

	if (gp->requested_by.len)
		fc_tri_set(&s.requested, FC_TRI_TRUE, "%s", gp->requested_by.data);
	else if (gp->fips)
		fc_tri_set(&s.requested, FC_TRI_TRUE,
			   "the library reports FIPS mode (GCRYCTL_FIPS_MODE_P) "
			   "for a reason this probe does not read");
	else if (gp->kernel < 0 && gp->kernel != -ENOENT) {
		_cleanup_free_ char *why = fc_probe_kernel_fips_why(gp->kernel);
		fc_tri_set(&s.requested, FC_TRI_UNKNOWN, "%s", why);
	} else if (gp->force_file < 0)
		fc_tri_set(&s.requested, FC_TRI_UNKNOWN,
			   "/etc/gcrypt/fips_enabled could not be examined: %s",
			   strerror(-gp->force_file));
	else
		s.requested.value = FC_TRI_FALSE;

	if (gp->fips && gp->operational)
		s.active.value = FC_TRI_TRUE;
	else if (gp->fips)
		fc_tri_set(&s.active, FC_TRI_FALSE,
			   "in FIPS mode but not operational (error state)");
	else
		s.active.value = FC_TRI_FALSE;

	if (gp->selftest_ran && gp->selftest_err)
		fc_tri_set(&s.selftests, FC_TRI_FALSE, "GCRYCTL_SELFTEST: %s",
			   gcry_strerror(gp->selftest_err));
	else if (gp->fips && !gp->operational)
		fc_tri_set(&s.selftests, FC_TRI_FALSE,
			   "the power-up tests failed (the integrity check is "
			   "one of them)%s%s",
			   gp->failures.len ? ": " : "",
			   gp->failures.len ? gp->failures.data : "");
	else if (gp->fips)
		fc_tri_set(&s.selftests, FC_TRI_TRUE,
			   "power-up self-tests passed%s",
			   gp->selftest_ran ? "; GCRYCTL_SELFTEST passed" : "");
	else if (gp->selftest_ran)
		fc_tri_set(&s.selftests, FC_TRI_TRUE, "GCRYCTL_SELFTEST passed");
	else
		fc_tri_set(&s.selftests, FC_TRI_UNKNOWN,
			   "power-up self-tests run only in FIPS mode; run "
			   "with --selftest");

	/* The integrity check runs only in FIPS mode, before the library
	 * becomes operational; only a build that has one can verify. */
	if (gp->integrity == INTEGRITY_NONE || gp->integrity == INTEGRITY_UNKNOWN)
		fc_tri_set(&s.integrity, FC_TRI_UNKNOWN, "%s",
			   gp->integrity_detail);
	else if (!gp->fips)
		fc_tri_set(&s.integrity, FC_TRI_UNKNOWN,
			   "libgcrypt checks its integrity only in FIPS mode");
	else if (gp->operational)
		fc_tri_set(&s.integrity, FC_TRI_TRUE,
			   "checked by the library before it became "
			   "operational (%s)",
			   gp->integrity_detail);
	else if (strstr(gp->failures.data ? gp->failures.data : "",
			"selftest: binary"))
		fc_tri_set(&s.integrity, FC_TRI_FALSE, "%s", gp->failures.data);
	else
		fc_tri_set(&s.integrity, FC_TRI_UNKNOWN,
			   "the library is in error state for another reason");

	fc_probe_add_summary(gp->ctx, CHECK_SUMMARY, &s);
}

static int run(struct fc_probe_ctx *ctx)
{
	struct gcry_probe gp = { .ctx = ctx };
	int r = fc_root_new(NULL, &gp.root);
	if (r < 0)
		return r;
	/* Filled whatever was asked: the summary is built from it. */
	gp.f = fc_probe_finding(ctx, CHECK_FIPS, NULL);

	read_triggers(&gp); /* before the library decides */
	initialise(&gp);
	_cleanup_free_ char *fips_cfg = get_config(&gp, "fips-mode",
						   "config_fips_mode");
	_cleanup_free_ char *rng = get_config(&gp, "rng-type", "config_rng_type");
	/* "fips-mode:y::<module version>:" */
	gp.module_version = fips_cfg ? config_field(fips_cfg, 3) : NULL;
	find_integrity(&gp);
	diagnose(&gp);
	report_fips_mode(&gp);

	if (fc_probe_wants(ctx, CHECK_SELFTEST) || fc_probe_wants(ctx, CHECK_SUMMARY))
		run_selftest(&gp);
	if (fc_probe_wants(ctx, CHECK_SUMMARY))
		report_summary(&gp);
	fc_probe_keep_wanted(ctx);

	/* rng-type started the jitter entropy collector; this is the
	 * library's call to release it (and the random device fds). */
	gcry_control(GCRYCTL_CLOSE_RANDOM_DEVICE, 0);
	fc_buf_free(&gp.requested_by);
	fc_buf_free(&gp.failures);
	free(gp.module_version);
	free(gp.library_path);
	free(gp.integrity_detail);
	fc_root_free(gp.root);
	return 0;
}

static const struct fc_probe_def probe_libgcrypt = {
	.name = "libgcrypt",
	.run = run,
	.selftest = fc_selftest_libgcrypt, /* helpers/libgcrypt/selftest.c */
};

int main(int argc, char **argv)
{
	return fc_probe_main(argc, argv, &probe_libgcrypt);
}
