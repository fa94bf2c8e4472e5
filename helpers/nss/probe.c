// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl-probe-nss: the NSS probe helper (src/engine/probe.h).
 *
 * What it establishes, each as findings with the values read:
 *   nss.system_fips  NSS version and SECMOD_GetSystemFIPSEnabled(), which
 *                    on Linux reads /proc/sys/crypto/fips_enabled.
 *   nss.database.*   per database (the system /etc/pki/nssdb and every
 *                    --nssdb): PK11_IsFIPS and the module/slot/token names.
 *   nss.selftest     the softoken power-up self-tests and .chk integrity
 *                    checks.  NSS has no public call that runs them; they
 *                    run only when the FIPS token initialises, so this
 *                    takes them from the first examined database that
 *                    NSS opened in FIPS mode (the system one on a FIPS
 *                    host), else initialises the token directly
 *                    (FC_Initialize without a database), on every run,
 *                    not only under --selftest.
 *   nss.summary      requested / active / self-tests / integrity.
 *
 * Each NSS initialisation runs in a forked child of this helper.  Measured
 * with NSS 3.87: after a FIPS database failed to initialise
 * (SEC_ERROR_PKCS11_DEVICE_ERROR), a later NSS_Initialize of a FIPS database
 * in the same process fails again within 0.1 ms without re-running the
 * tests, i.e. the first failure is cached process-wide; and a softoken that
 * crashes would take every other result with it.  A child per database
 * gives each one a fresh library state and its own crash boundary.
 */
#include <dlfcn.h>
#include <errno.h>
#include <string.h>

#include <nss.h>
#include <pk11pub.h>
#include <pkcs11.h>
#include <pkcs11n.h>
#include <prerror.h>
#include <secerr.h>
#include <secmod.h>

#include "probe-child.h"
#include "probe-module.h"
#include "core/sysroot.h"

#define SYSTEM_NSSDB "/etc/pki/nssdb"

/* The parameters NSS itself passes to softoken for a database-less FIPS
 * token (module-probes.md section 5): no files are opened or created. */
#define SOFTOKN_NODB_PARAMS                                                    \
	"configdir='' certPrefix='' keyPrefix='' secmod='' "                  \
	"flags=readOnly,noCertDB,noModDB,forceOpen,optimizeSpace"

struct nss_probe {
	struct fc_probe_ctx *ctx;
	struct fc_root *root; /* the live host: the helper never runs under --root */
};

/* --- forked parts ------------------------------------------------------- */

/* A part of the probe that initialises NSS; it adds findings to r. */
typedef void (*nss_part_fn)(struct nss_probe *np, struct fc_report *r,
			    const void *arg);

/* A part and what it needs, as the forked child runs it. */
struct nss_part {
	struct nss_probe *np;
	nss_part_fn fn;
	const void *arg;
};

static int nss_part_run(struct fc_probe_ctx *ctx, void *arg)
{
	const struct nss_part *p = arg;
	p->fn(p->np, ctx->report, p->arg);
	return 0;
}

/*
 * Run fn in a child and add its findings to the probe's report.  When the
 * child dies, says nothing usable or cannot be started, the finding
 * id+suffix of check_id is an error naming what happened to the child.
 */
static void run_forked(struct nss_probe *np, const char *check_id,
		       const char *suffix, const char *what, nss_part_fn fn,
		       const void *arg)
{
	struct nss_part part = { .np = np, .fn = fn, .arg = arg };
	_cleanup_free_ char *who = fc_asprintf("the child examining %s", what);
	int r = fc_probe_forked(np->ctx, check_id, suffix, who, nss_part_run,
				&part);
	if (r < 0) {
		struct fc_finding *f = fc_probe_finding(np->ctx, check_id, suffix);
		fc_finding_status(f, FC_STATUS_ERROR, "starting %s: %s", who,
				  strerror(-r));
	}
}

/* --- NSS error text ------------------------------------------------------ */

/* The NSS error of the last failed call, as facts and one line. */
static char *nss_error(struct fc_finding *f)
{
	PRErrorCode code = PR_GetError();
	const char *name = PR_ErrorToName(code);
	const char *text = PR_ErrorToString(code, PR_LANGUAGE_I_DEFAULT);
	fc_finding_fact(f, "nss_error", "%s", name ? name : "unknown");
	fc_finding_fact(f, "nss_error_code", "%d", (int)code);
	if (text && *text)
		fc_finding_fact(f, "nss_error_text", "%s", text);
	return fc_asprintf("%s (%d)%s%s", name ? name : "unknown error",
			   (int)code, text && *text ? ": " : "",
			   text && *text ? text : "");
}

/* Names read from a database are the database owner's text: one line,
 * bounded, control characters replaced. */
static void name_fact(struct fc_finding *f, const char *key, const char *v)
{
	_cleanup_free_ char *shown = fc_printable(v ? v : "", 256);
	fc_finding_fact(f, key, "%s", shown);
}

/* --- nss.system_fips ----------------------------------------------------- */

/* Returns SECMOD_GetSystemFIPSEnabled() for the summary. */
static int probe_system_fips(struct nss_probe *np)
{
	struct fc_finding *f =
		fc_probe_finding(np->ctx, "nss.system_fips", NULL);
	const char *ver = NSS_GetVersion();
	fc_finding_fact(f, "nss_version", "%s", ver);
	/* Needs no NSS initialisation: on Linux it only reads the kernel
	 * flag (NSS 3.87 knows no environment variable for this). */
	int sys = SECMOD_GetSystemFIPSEnabled();
	fc_finding_fact(f, "system_fips_enabled", "%d", sys);
	fc_finding_fact(f, "system_fips_source", "/proc/sys/crypto/fips_enabled");
	int kernel = fc_probe_kernel_fips(np->root, f);

	if (sys == 1) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "NSS %s sees the system in FIPS mode", ver);
	} else if (kernel == 1) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "the kernel is in FIPS mode but NSS %s does not "
				  "follow it (SECMOD_GetSystemFIPSEnabled() = %d)",
				  ver, sys);
		fc_finding_remedy(f, "dnf reinstall nss nss-softokn");
	} else {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "NSS %s does not see the system in FIPS mode "
				  "(SECMOD_GetSystemFIPSEnabled() = %d; "
				  "/proc/sys/crypto/fips_enabled %s)",
				  ver, sys,
				  kernel == 0	       ? "is not 1"
				  : kernel == -ENOENT  ? "does not exist"
				  : kernel == -EBADMSG ? "holds neither 0 nor 1"
						       : "cannot be read");
		fc_finding_remedy(f, "fips-mode-setup --enable && reboot");
	}
	return sys;
}

/* --- nss.database -------------------------------------------------------- */

struct nssdb_target {
	const char *given; /* as named: "/etc/pki/nssdb", "sql:db", "db" */
	char *spec;        /* what NSS_Initialize gets: "sql:/abs/dir" */
	char *dir;         /* absolute directory */
	char *suffix;      /* ".system", ".1", ... */
	/* no nss.selftest yet: a child that finds the database in FIPS
	 * mode reports the FIPS token's start-up it just saw */
	bool want_selftest;
};

static void nssdb_target_free(struct nssdb_target *t)
{
	free(t->spec);
	free(t->dir);
	free(t->suffix);
}

/* "sql:DIR" and "dbm:DIR" keep their type; a bare DIR means sql:, the
 * only format RHEL 9 creates. */
static void nssdb_target_init(struct nssdb_target *t, const char *given,
			      const char *suffix)
{
	const char *type = "sql:", *path = given;
	if (fc_startswith(given, "sql:") || fc_startswith(given, "dbm:")) {
		type = given[0] == 's' ? "sql:" : "dbm:";
		path = given + 4;
	}
	t->given = given;
	if (path[0] == '/') {
		t->dir = fc_strdup(path);
	} else {
		_cleanup_free_ char *cwd = getcwd(NULL, 0);
		t->dir = cwd ? fc_asprintf("%s/%s", cwd, path) : fc_strdup(path);
	}
	t->spec = fc_asprintf("%s%s", type, t->dir);
	t->suffix = fc_strdup(suffix);
}

static void selftest_from_database(struct nss_probe *np, struct fc_report *r,
				   const struct nssdb_target *t,
				   SECMODModule *mod, double ms);

/* Runs in a child: initialise one database read-only and describe it. */
static void examine_database(struct nss_probe *np, struct fc_report *r,
			     const void *arg)
{
	const struct nssdb_target *t = arg;
	_cleanup_free_ char *id = fc_asprintf("nss.database%s", t->suffix);
	struct fc_finding *f = fc_report_add(r, id, "nss.database");
	fc_finding_fact(f, "path", "%s", t->dir);
	fc_finding_fact(f, "nss_spec", "%s", t->spec);

	/* Read-only and without the root-certificate module: look, never
	 * change the database or load more than the internal module. */
	unsigned long long t0 = fc_now_ns();
	SECStatus s = NSS_Initialize(t->spec, "", "", SECMOD_DB,
				     NSS_INIT_READONLY | NSS_INIT_NOROOTINIT);
	double ms = (double)(fc_now_ns() - t0) / 1e6;
	fc_finding_fact(f, "init_ms", "%.1f", ms);
	if (s != SECSuccess) {
		bool device = PR_GetError() == SEC_ERROR_PKCS11_DEVICE_ERROR;
		_cleanup_free_ char *e = nss_error(f);
		if (device) {
			/* Only the FIPS token runs the power-up tests; their
			 * failure surfaces as CKR_DEVICE_ERROR at init. */
			fc_finding_status(f, FC_STATUS_FAIL,
					  "NSS database %s cannot be used: its "
					  "token failed to initialise, as a "
					  "failed power-up self-test or "
					  "integrity check does (%s)",
					  t->dir, e);
			fc_finding_remedy(f, "dnf reinstall nss-softokn "
					     "nss-softokn-freebl");
		} else {
			fc_finding_status(f, FC_STATUS_ERROR,
					  "cannot open NSS database %s "
					  "read-only: %s", t->dir, e);
		}
		return;
	}

	bool fips = PK11_IsFIPS();
	fc_finding_fact(f, "pk11_is_fips", "%d", fips ? 1 : 0);
	SECMODModule *mod = SECMOD_GetInternalModule();
	_cleanup_free_ char *mod_name = fc_printable(
		mod && mod->commonName ? mod->commonName : "", 256);
	fc_finding_fact(f, "module_name", "%s", mod_name);
	PK11SlotInfo *slot = PK11_GetInternalKeySlot();
	if (slot) {
		name_fact(f, "slot_name", PK11_GetSlotName(slot));
		name_fact(f, "token_name", PK11_GetTokenName(slot));
		PK11_FreeSlot(slot);
	}
	if (fips && t->want_selftest)
		selftest_from_database(np, r, t, mod, ms);
	if (fips) {
		fc_finding_status(f, FC_STATUS_PASS,
				  "NSS database %s is in FIPS mode (%s)", t->dir,
				  mod_name);
	} else {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "NSS database %s is not in FIPS mode (%s)",
				  t->dir, mod_name);
		fc_finding_remedy(f, "modutil -fips true -dbdir %s", t->spec);
	}
	if (NSS_Shutdown() != SECSuccess) {
		_cleanup_free_ char *e = nss_error(f);
		fc_finding_fact(f, "shutdown", "NSS_Shutdown failed: %s", e);
	}
}

static void probe_database(struct nss_probe *np, struct nssdb_target *t,
			   bool is_system)
{
	struct stat st;
	int r = fc_root_stat(np->root, t->dir, &st);
	if (r == 0 && !S_ISDIR(st.st_mode))
		r = -ENOTDIR;
	if (r < 0) {
		struct fc_finding *f =
			fc_probe_finding(np->ctx, "nss.database", t->suffix);
		fc_finding_fact(f, "path", "%s", t->dir);
		fc_finding_fact(f, "error", "%s", strerror(-r));
		if (is_system && r == -ENOENT)
			fc_finding_skip(f, FC_SKIP_NOT_APPLICABLE,
					"no system NSS database: %s does not "
					"exist (Debian ships none)",
					t->dir);
		else if (r == -ENOENT)
			fc_finding_status(f, FC_STATUS_ERROR,
					  "NSS database %s does not exist",
					  t->given);
		else
			fc_finding_status(f, FC_STATUS_ERROR,
					  "NSS database %s: %s", t->given,
					  strerror(-r));
		return;
	}
	_cleanup_free_ char *what = fc_asprintf("NSS database %s", t->dir);
	run_forked(np, "nss.database", t->suffix, what, examine_database, t);
}

/* --- nss.selftest -------------------------------------------------------- */

static const char *ckr_name(CK_RV rv)
{
	static const struct {
		CK_RV rv;
		const char *name;
	} names[] = {
		{ CKR_OK, "CKR_OK" },
		{ CKR_HOST_MEMORY, "CKR_HOST_MEMORY" },
		{ CKR_GENERAL_ERROR, "CKR_GENERAL_ERROR" },
		{ CKR_FUNCTION_FAILED, "CKR_FUNCTION_FAILED" },
		{ CKR_ARGUMENTS_BAD, "CKR_ARGUMENTS_BAD" },
		{ CKR_DEVICE_ERROR, "CKR_DEVICE_ERROR" },
		{ CKR_TOKEN_NOT_PRESENT, "CKR_TOKEN_NOT_PRESENT" },
		{ CKR_CRYPTOKI_ALREADY_INITIALIZED,
		  "CKR_CRYPTOKI_ALREADY_INITIALIZED" },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(names); i++)
		if (names[i].rv == rv)
			return names[i].name;
	return "unknown CK_RV";
}

/* PKCS #11 strings are blank-padded, not terminated. */
static char *ck_string(const CK_UTF8CHAR *p, size_t n)
{
	_cleanup_free_ char *s = fc_strndup((const char *)p, n);
	return fc_printable(fc_strstrip(s), n);
}

/* key = the .chk path, key_present = true, false or why it is unknown. */
static void chk_fact(struct nss_probe *np, struct fc_finding *f,
		     const char *key, const char *dir, const char *name)
{
	_cleanup_free_ char *path = fc_asprintf("%s/%s", dir, name);
	_cleanup_free_ char *pkey = fc_asprintf("%s_present", key);
	struct stat st;
	int r = fc_root_stat(np->root, path, &st);
	fc_finding_fact(f, key, "%s", path);
	if (r == 0 || r == -ENOENT)
		fc_finding_fact(f, pkey, "%s", r == 0 ? "true" : "false");
	else
		fc_finding_fact(f, pkey, "unknown: %s", strerror(-r));
}

/* The directory libnss3 was loaded from: NSS loads softokn from there
 * first, so this follows LD_LIBRARY_PATH exactly as the loader did. */
static char *nss_library_dir(void)
{
	Dl_info info;
	if (!dladdr((void *)NSS_GetVersion, &info) || !info.dli_fname)
		return NULL;
	char *dir = fc_strdup(info.dli_fname);
	char *slash = strrchr(dir, '/');
	if (!slash) {
		free(dir);
		return NULL;
	}
	*slash = '\0';
	return dir;
}

static void dlclosep(void **h)
{
	if (*h)
		dlclose(*h);
}

/*
 * The module's own statement of its validation: softoken publishes a
 * CKO_NSS_VALIDATION object whose module id is set when NSS is built
 * (NSS_FIPS_MODULE_ID, which the RHEL, Fedora and SUSE packages set for
 * their FIPS builds; "Generic NSS <version> ... Unvalidated" without one).
 */
static void validation_facts(CK_FUNCTION_LIST_PTR fl, CK_SLOT_ID slot,
			     struct fc_finding *f)
{
	CK_SESSION_HANDLE s;
	CK_RV rv = fl->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s);
	if (rv != CKR_OK) {
		fc_finding_fact(f, "validation_module_id",
				"unknown (C_OpenSession: 0x%02lx %s)",
				(unsigned long)rv, ckr_name(rv));
		return;
	}
	CK_OBJECT_CLASS cls = CKO_NSS_VALIDATION;
	CK_ATTRIBUTE match = { CKA_CLASS, &cls, sizeof(cls) };
	CK_OBJECT_HANDLE obj;
	CK_ULONG found = 0;
	rv = fl->C_FindObjectsInit(s, &match, 1);
	if (rv == CKR_OK) {
		rv = fl->C_FindObjects(s, &obj, 1, &found);
		fl->C_FindObjectsFinal(s);
	}
	if (rv != CKR_OK || found == 0) {
		fc_finding_fact(f, "validation_module_id", "%s",
				rv != CKR_OK ? "unknown (C_FindObjects failed)"
					     : "none (no CKO_NSS_VALIDATION object)");
		fl->C_CloseSession(s);
		return;
	}
	CK_UTF8CHAR id[256];
	CK_VERSION ver = { 0, 0 };
	CK_ULONG level = 0, type = 0;
	CK_ATTRIBUTE a[] = {
		{ CKA_NSS_VALIDATION_MODULE_ID, id, sizeof(id) },
		{ CKA_NSS_VALIDATION_VERSION, &ver, sizeof(ver) },
		{ CKA_NSS_VALIDATION_LEVEL, &level, sizeof(level) },
		{ CKA_NSS_VALIDATION_TYPE, &type, sizeof(type) },
	};
	rv = fl->C_GetAttributeValue(s, obj, a, FC_ARRAY_SIZE(a));
	if (rv == CKR_OK) {
		_cleanup_free_ char *mid = ck_string(id, a[0].ulValueLen);
		fc_finding_fact(f, "validation_module_id", "%s", mid);
		fc_finding_fact(f, "validation_type", "%s",
				type == CKV_NSS_FIPS_140 ? "FIPS 140"
							 : "unknown");
		fc_finding_fact(f, "validation_version", "%u.%u", ver.major,
				ver.minor);
		fc_finding_fact(f, "validation_level", "%lu",
				(unsigned long)level);
	} else {
		fc_finding_fact(f, "validation_module_id",
				"unknown (C_GetAttributeValue: 0x%02lx %s)",
				(unsigned long)rv, ckr_name(rv));
	}
	fl->C_CloseSession(s);
}

/* What the initialised FIPS token says of itself: the library's
 * C_GetInfo, the token's label and the validation object. */
static void token_facts(CK_FUNCTION_LIST_PTR fl, struct fc_finding *f)
{
	CK_INFO ci;
	if (fl->C_GetInfo(&ci) == CKR_OK) {
		_cleanup_free_ char *man = ck_string(ci.manufacturerID,
						     sizeof(ci.manufacturerID));
		_cleanup_free_ char *desc = ck_string(
			ci.libraryDescription, sizeof(ci.libraryDescription));
		fc_finding_fact(f, "manufacturer", "%s", man);
		fc_finding_fact(f, "library_description", "%s", desc);
		fc_finding_fact(f, "library_version", "%u.%u",
				ci.libraryVersion.major, ci.libraryVersion.minor);
		fc_finding_fact(f, "cryptoki_version", "%u.%u",
				ci.cryptokiVersion.major,
				ci.cryptokiVersion.minor);
	}
	/* The FIPS token has one slot. */
	CK_SLOT_ID slots[4];
	CK_ULONG n = FC_ARRAY_SIZE(slots);
	CK_TOKEN_INFO ti;
	if (fl->C_GetSlotList(CK_TRUE, slots, &n) == CKR_OK && n > 0) {
		if (fl->C_GetTokenInfo(slots[0], &ti) == CKR_OK) {
			_cleanup_free_ char *label =
				ck_string(ti.label, sizeof(ti.label));
			fc_finding_fact(f, "token_name", "%s", label);
		}
		validation_facts(fl, slots[0], f);
	}
}

/* The softoken library and the .chk files of its integrity check. */
static void softokn_facts(struct nss_probe *np, struct fc_finding *f,
			  const char *softokn)
{
	fc_finding_fact(f, "softokn", "%s", softokn);
	_cleanup_free_ char *dir = fc_strdup(softokn);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		chk_fact(np, f, "softokn_chk", dir, "libsoftokn3.chk");
		chk_fact(np, f, "freeblpriv_chk", dir, "libfreeblpriv3.chk");
		chk_fact(np, f, "freebl_chk", dir, "libfreebl3.chk");
	}
}

/*
 * Runs in a database's child that found the database in FIPS mode: NSS
 * started the FIPS token of softoken to open it (FC_Initialize), which
 * runs the power-up self-tests and the integrity check, so they passed in
 * this process.  On a FIPS host the system database is such a database:
 * starting the token a second time, without a database, would run the
 * same tests again for nothing (the status check's largest cost).
 */
static void selftest_from_database(struct nss_probe *np, struct fc_report *r,
				   const struct nssdb_target *t,
				   SECMODModule *mod, double ms)
{
	CK_FUNCTION_LIST_PTR fl =
		mod ? (CK_FUNCTION_LIST_PTR)mod->functionList : NULL;
	Dl_info info;
	if (!fl || !dladdr((void *)fl->C_Initialize, &info) || !info.dli_fname)
		return; /* the probe starts the token itself */
	struct fc_finding *f = fc_report_add(r, "nss.selftest", "nss.selftest");
	softokn_facts(np, f, info.dli_fname);
	fc_finding_fact(f, "initialised_by", "NSS_Initialize of %s (FIPS mode)",
			t->spec);
	fc_finding_fact(f, "fc_initialize_ms", "%.1f", ms);
	fc_finding_fact(f, "ck_rv", "0x%02lx", (unsigned long)CKR_OK);
	fc_finding_fact(f, "ck_rv_name", "%s", ckr_name(CKR_OK));
	token_facts(fl, f);
	fc_finding_status(f, FC_STATUS_PASS,
			  "FIPS token initialised when NSS opened %s: power-up "
			  "self-tests and integrity checks passed (%.1f ms)",
			  t->dir, ms);
}

/* Runs in a child: initialise the FIPS token of softoken, no database. */
static void examine_softoken(struct nss_probe *np, struct fc_report *r,
			     const void *arg)
{
	(void)arg;
	struct fc_finding *f = fc_report_add(r, "nss.selftest", "nss.selftest");
	_cleanup_free_ char *nss_dir = nss_library_dir();
	_cleanup_free_ char *cand =
		nss_dir ? fc_asprintf("%s/libsoftokn3.so", nss_dir) : NULL;
	struct stat st;
	const char *want = cand && fc_root_stat(np->root, cand, &st) == 0
				   ? cand
				   : "libsoftokn3.so";
	__attribute__((cleanup(dlclosep))) void *h =
		dlopen(want, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		fc_finding_fact(f, "softokn", "%s", want);
		fc_finding_fact(f, "dlopen_error", "%s", e ? e : "unknown");
		fc_finding_status(f, FC_STATUS_FAIL,
				  "the NSS softoken cannot be loaded, so no FIPS "
				  "token exists: %s", e ? e : want);
		fc_finding_remedy(f, "dnf install nss-softokn");
		return;
	}
	CK_C_GetFunctionList get_list =
		(CK_C_GetFunctionList)dlsym(h, "FC_GetFunctionList");
	const char *sym_err = get_list ? NULL : dlerror();
	_cleanup_free_ char *no_symbol =
		get_list ? NULL : fc_strdup(sym_err ? sym_err : "not exported");
	Dl_info info;
	_cleanup_free_ char *path =
		get_list && dladdr((void *)get_list, &info) && info.dli_fname
			? fc_strdup(info.dli_fname)
			: fc_strdup(want);
	softokn_facts(np, f, path);
	CK_FUNCTION_LIST_PTR fl = NULL;
	CK_RV rv = get_list ? get_list(&fl) : CKR_FUNCTION_FAILED;
	if (rv != CKR_OK || !fl) {
		fc_finding_status(f, FC_STATUS_ERROR,
				  "softoken has no usable FC_GetFunctionList "
				  "(%s)", get_list ? ckr_name(rv) : no_symbol);
		return;
	}

	CK_C_INITIALIZE_ARGS args = { 0 };
	args.flags = CKF_OS_LOCKING_OK;
	/* Declared CK_CHAR_PTR * in NSS's pkcs11t.h, read as a string. */
	args.LibraryParameters = (CK_CHAR_PTR *)SOFTOKN_NODB_PARAMS;
	unsigned long long t0 = fc_now_ns();
	rv = fl->C_Initialize(&args);
	double ms = (double)(fc_now_ns() - t0) / 1e6;
	fc_finding_fact(f, "fc_initialize_ms", "%.1f", ms);
	fc_finding_fact(f, "ck_rv", "0x%02lx", (unsigned long)rv);
	fc_finding_fact(f, "ck_rv_name", "%s", ckr_name(rv));
	if (rv == CKR_DEVICE_ERROR) {
		fc_finding_status(f, FC_STATUS_FAIL,
				  "power-up self-test or integrity check failed: "
				  "FC_Initialize returned CKR_DEVICE_ERROR (0x%02lx)",
				  (unsigned long)rv);
		fc_finding_remedy(f, "dnf reinstall nss-softokn "
				     "nss-softokn-freebl");
		return;
	}
	if (rv != CKR_OK) {
		fc_finding_status(f, FC_STATUS_ERROR,
				  "FC_Initialize returned 0x%02lx (%s); the "
				  "self-tests did not report a result",
				  (unsigned long)rv, ckr_name(rv));
		return;
	}

	token_facts(fl, f);
	rv = fl->C_Finalize(NULL);
	if (rv != CKR_OK)
		fc_finding_fact(f, "c_finalize", "0x%02lx %s", (unsigned long)rv,
				ckr_name(rv));
	fc_finding_status(f, FC_STATUS_PASS,
			  "FIPS token initialised: power-up self-tests and "
			  "integrity checks passed (%.1f ms)", ms);
}

/* --- nss.summary --------------------------------------------------------- */

static bool fact_is(const struct fc_finding *f, const char *key,
		    const char *value)
{
	const char *v = f ? fc_finding_get_fact(f, key) : NULL;
	return v && fc_streq(v, value);
}

static void probe_summary(struct nss_probe *np, int system_fips)
{
	const struct fc_report *rep = np->ctx->report;
	/* Databases: FIPS on, off, failed at the FIPS token, or unknown. */
	size_t db_fips = 0, db_plain = 0, db_failed = 0, db_unknown = 0;
	_cleanup_free_ char *fips_module = NULL;
	for (size_t i = 0; i < rep->n_findings; i++) {
		const struct fc_finding *d = rep->findings[i];
		if (!fc_streq(d->check_id, "nss.database") ||
		    d->status == FC_STATUS_SKIP)
			continue;
		if (fact_is(d, "pk11_is_fips", "1")) {
			db_fips++;
			free(fips_module);
			fips_module = fc_strdup(fc_finding_get_fact(d, "module_name"));
		} else if (fact_is(d, "pk11_is_fips", "0")) {
			db_plain++;
		} else if (fact_is(d, "nss_error", "SEC_ERROR_PKCS11_DEVICE_ERROR")) {
			db_failed++;
		} else {
			db_unknown++;
		}
	}
	const struct fc_finding *st = fc_report_find(rep, "nss.selftest");
	_cleanup_free_ char *module = fc_asprintf("NSS %s", NSS_GetVersion());
	/* The module's name: the id it publishes for its validation, else
	 * the FIPS token's label. */
	const char *mid = st ? fc_finding_get_fact(st, "validation_module_id")
			     : NULL;
	bool have_id = mid && !fc_startswith(mid, "none (") &&
		       !fc_startswith(mid, "unknown (");
	const char *label = st ? fc_finding_get_fact(st, "token_name") : NULL;
	_cleanup_free_ char *mname = fc_strdup(have_id ? mid : label ? label : "");
	const char *mname_source = have_id ? "CKO_NSS_VALIDATION module id"
					   : "FIPS token label";
	struct fc_module_summary s = {
		.module = module,
		.library_version = NSS_GetVersion(),
		/* softoken's C_GetInfo: the FIPS module's own version */
		.module_version = st ? fc_finding_get_fact(st, "library_version")
				     : NULL,
	};

	if (system_fips == 1)
		fc_tri_set(&s.requested, FC_TRI_TRUE,
			   "SECMOD_GetSystemFIPSEnabled() = 1 (kernel FIPS mode)");
	else if (db_fips || db_failed)
		fc_tri_set(&s.requested, FC_TRI_TRUE,
			   "%zu examined database(s) configured for FIPS mode",
			   db_fips + db_failed);
	else if (db_unknown)
		fc_tri_set(&s.requested, FC_TRI_UNKNOWN,
			   "system FIPS mode is off and %zu database(s) could "
			   "not be examined", db_unknown);
	else
		fc_tri_set(&s.requested, FC_TRI_FALSE,
			   "SECMOD_GetSystemFIPSEnabled() = 0 and no examined "
			   "database is in FIPS mode");

	if (db_plain || db_failed)
		fc_tri_set(&s.active, FC_TRI_FALSE,
			   "%zu database(s) not in FIPS mode, %zu whose FIPS "
			   "token failed to initialise", db_plain, db_failed);
	else if (db_fips && !db_unknown)
		fc_tri_set(&s.active, FC_TRI_TRUE,
			   "every examined database (%zu) uses the FIPS token",
			   db_fips);
	else if (db_unknown)
		fc_tri_set(&s.active, FC_TRI_UNKNOWN,
			   "%zu database(s) could not be examined", db_unknown);
	else
		fc_tri_set(&s.active, FC_TRI_UNKNOWN,
			   "no NSS database to examine (name one with --nssdb)");

	if (fact_is(st, "ck_rv_name", "CKR_OK")) {
		fc_tri_set(&s.selftests, FC_TRI_TRUE,
			   "the FIPS token initialised (CKR_OK)");
		fc_tri_set(&s.integrity, FC_TRI_TRUE,
			   "the FIPS token initialised (CKR_OK)");
	} else if (fact_is(st, "ck_rv_name", "CKR_DEVICE_ERROR")) {
		/* One code for both: which one failed cannot be told, except
		 * that a missing .chk can never verify. */
		fc_tri_set(&s.selftests, FC_TRI_UNKNOWN,
			   "FC_Initialize returned CKR_DEVICE_ERROR: a self-test "
			   "or the integrity check failed, which one NSS does "
			   "not say");
		if (fact_is(st, "softokn_chk_present", "false") ||
		    fact_is(st, "freeblpriv_chk_present", "false"))
			fc_tri_set(&s.integrity, FC_TRI_FALSE,
				   "a .chk file is missing and the FIPS token "
				   "failed to initialise (CKR_DEVICE_ERROR)");
		else
			fc_tri_set(&s.integrity, FC_TRI_UNKNOWN,
				   "FC_Initialize returned CKR_DEVICE_ERROR: a "
				   "self-test or the integrity check failed, "
				   "which one NSS does not say");
	} else {
		fc_tri_set(&s.selftests, FC_TRI_UNKNOWN,
			   "the FIPS token could not be initialised");
		fc_tri_set(&s.integrity, FC_TRI_UNKNOWN,
			   "the FIPS token could not be initialised");
	}

	fc_probe_add_summary(np->ctx, "nss.summary", &s);
	struct fc_finding *f = fc_report_find(np->ctx->report, "nss.summary");
	if (*mname) {
		fc_finding_fact(f, "module_name", "%s", mname);
		fc_finding_fact(f, "module_name_source", "%s", mname_source);
	}
	if (fips_module)
		fc_finding_fact(f, "pkcs11_module", "%s", fips_module);
	fc_finding_fact(f, "databases", "%zu in FIPS mode, %zu not, %zu failed, "
					"%zu unknown",
			db_fips, db_plain, db_failed, db_unknown);
}

/* --- the probe ----------------------------------------------------------- */

static int run(struct fc_probe_ctx *ctx)
{
	struct nss_probe np = { .ctx = ctx };
	int r = fc_root_new(NULL, &np.root);
	if (r < 0)
		return r;
	bool summary = fc_probe_wants(ctx, "nss.summary");

	int system_fips = probe_system_fips(&np);

	if (summary || fc_probe_wants(ctx, "nss.database")) {
		size_t n = 0;
		while (ctx->nssdb[n])
			n++;
		bool st = summary || fc_probe_wants(ctx, "nss.selftest");
		struct nssdb_target *t = fc_calloc(n + 1, sizeof(*t));
		nssdb_target_init(&t[0], SYSTEM_NSSDB, ".system");
		t[0].want_selftest = st;
		probe_database(&np, &t[0], true);
		for (size_t i = 0; i < n; i++) {
			_cleanup_free_ char *sfx = fc_asprintf(".%zu", i + 1);
			nssdb_target_init(&t[i + 1], ctx->nssdb[i], sfx);
			t[i + 1].want_selftest =
				st && !fc_report_find(ctx->report, "nss.selftest");
			probe_database(&np, &t[i + 1], false);
		}
		for (size_t i = 0; i <= n; i++)
			nssdb_target_free(&t[i]);
		free(t);
	}
	/* Unless a database's child saw the FIPS token start already. */
	if ((summary || fc_probe_wants(ctx, "nss.selftest")) &&
	    !fc_report_find(ctx->report, "nss.selftest"))
		run_forked(&np, "nss.selftest", NULL, "the NSS softoken",
			   examine_softoken, NULL);
	if (summary)
		probe_summary(&np, system_fips);

	fc_probe_keep_wanted(ctx);
	fc_root_free(np.root);
	return 0;
}

static const struct fc_probe_def probe_nss = {
	.name = "nss",
	.run = run,
	.selftest = fc_selftest_nss, /* helpers/nss/selftest.c */
};

int main(int argc, char **argv)
{
	return fc_probe_main(argc, argv, &probe_nss);
}
