/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The OpenSSL probe helper's parts (helpers/openssl/probe.c says what it
 * examines and why), linked into fipsctl-probe-openssl only:
 *   events.c          self-test events and OpenSSL's error queue
 *   conf.c            the configuration, read the way the library reads it
 *   probe.c           the default library context, fips.so, --selftest,
 *                     the helper's main()
 *   lazy.c            the lazy load of the provider in a fresh exec
 *   provider-state.c  where the provider stands (a pure decision)
 *   findings.c        the openssl.* findings
 */
#ifndef FC_OSSL_PROBE_H
#define FC_OSSL_PROBE_H

#include <openssl/params.h>
#include <openssl/provider.h>

#include "probe-child.h"
#include "probe-module.h"
#include "core/sysroot.h"

#define FIPS_PROVIDER "fips"
/* Internal mode: this helper re-executed to load the provider lazily. */
#define LAZY_LOAD_ARG "--lazy-load-fips"

/* --- events.c ------------------------------------------------------------- */

struct fc_ossl_st_event {
	char *phase, *type, *desc;
};

struct fc_ossl_st_log {
	struct fc_ossl_st_event *ev;
	size_t n;
};

/* One entry of OpenSSL's error queue, oldest first. */
struct fc_ossl_err_entry {
	unsigned long code;
	char *text; /* "Provider routines::module integrity failure (func): data" */
};

struct fc_ossl_err_chain {
	struct fc_ossl_err_entry *e;
	size_t n;
};

void fc_ossl_st_log_add(struct fc_ossl_st_log *l, const char *phase,
			const char *type, const char *desc);
void fc_ossl_st_log_free(struct fc_ossl_st_log *l);
/* OSSL_CALLBACK for OSSL_SELF_TEST_set_callback; arg is a struct
 * fc_ossl_st_log ** so the caller can route events to the log of the
 * current step.  It returns 1: returning 0 in the Corrupt phase would
 * corrupt the test. */
int fc_ossl_st_callback(const OSSL_PARAM params[], void *arg);
/* Events in phase whose type starts with type_prefix (NULL: any). */
size_t fc_ossl_st_count(const struct fc_ossl_st_log *l, const char *phase,
			const char *type_prefix);
/* "type/desc" of every event in phase, comma separated; NULL if none. */
char *fc_ossl_st_list(const struct fc_ossl_st_log *l, const char *phase);

void fc_ossl_err_chain_add(struct fc_ossl_err_chain *c, unsigned long code,
			   const char *text);
void fc_ossl_err_chain_free(struct fc_ossl_err_chain *c);
/* Move OpenSSL's error queue into c: the one place that reads it. */
void fc_ossl_err_take(struct fc_ossl_err_chain *c);
char *fc_ossl_err_chain_join(const struct fc_ossl_err_chain *c);
/* The first entry of library lib with reason (-1: any), or NULL. */
const struct fc_ossl_err_entry *
fc_ossl_err_find(const struct fc_ossl_err_chain *c, int lib, int reason);
/* The library's own words for why the provider failed, keyed on codes. */
const char *fc_ossl_err_cause(const struct fc_ossl_err_chain *c);

/* --- conf.c --------------------------------------------------------------- */

struct fc_ossl_conf {
	char *file;		 /* the config file in effect */
	const char *file_source; /* "OPENSSL_CONF" or "built-in default" */
	char *error;		 /* why it could not be parsed, or NULL */
	bool fips_configured;	 /* [providers] names a fips provider */
	bool fips_activate;	 /* its section has an activate key */
	char *fips_section;
	char *module;		  /* module = ..., or NULL */
	char *default_properties; /* alg_section's default_properties */
	char *lazy_text; /* the fips section without activate, as a config */
};

/* The providers and default properties the file asks for.  Parsing with
 * NCONF has no effect on any library context. */
void fc_ossl_conf_read(struct fc_ossl_conf *c, const char *file);
void fc_ossl_conf_free(struct fc_ossl_conf *c);

/* --- what the probe learnt (probe.c) ------------------------------------ */

struct fc_ossl_probe {
	struct fc_probe_ctx *ctx;
	struct fc_root *root;
	struct fc_ossl_st_log *cur; /* where the callback files events */

	int kernel_fips; /* fc_probe_kernel_fips() */
	struct fc_ossl_conf conf;
	char *modules_dir;
	const char *modules_dir_source;
	struct fc_ossl_err_chain init_errors;
	/* what loading the configuration cost: the providers it activates,
	 * the fips provider's power-up integrity check among them */
	double config_load_ms;

	/* the default library context after the configuration loaded */
	struct fc_ossl_st_log load_events;
	bool default_props_fips;
	bool available;
	OSSL_PROVIDER *fips; /* the active fips provider, or NULL */
	char *active;	     /* active provider names */
	bool have_params;
	char *name, *version, *buildinfo;
	unsigned int status;

	/* fips.so */
	char *module_path;
	int module_errno; /* 0, or why it could not be hashed */
	char *module_sha256;
	char *module_sha256_by;
	double module_sha256_ms; /* what hashing it cost */

	/* the lazy load in a fresh process, when the provider is not active */
	bool lazy_ran;
	char *lazy_error; /* the lazy load itself could not run */
	bool lazy_loaded;
	struct fc_ossl_st_log lazy_events;
	struct fc_ossl_err_chain lazy_errors;

	/* --selftest */
	bool selftest_ran;
	int selftest_rc;
	double selftest_ms;
	struct fc_ossl_st_log selftest_events;
	struct fc_ossl_err_chain selftest_errors;
	bool have_status_after;
	unsigned int status_after;
	struct fc_ossl_err_chain error_state;
};

/* --- lazy.c --------------------------------------------------------------- */

/* The child side, run by main() for LAZY_LOAD_ARG: load the fips provider
 * from file's section on demand, print what happened, return the exit
 * status. */
int fc_ossl_lazy_load_main(const char *file);
/* Run it in a fresh exec of this helper and fill p->lazy_*. */
void fc_ossl_lazy_load(struct fc_ossl_probe *p);

/* --- findings.c ----------------------------------------------------------- */

void fc_ossl_report_provider(struct fc_ossl_probe *p);
void fc_ossl_report_integrity(struct fc_ossl_probe *p);
void fc_ossl_report_selftest(struct fc_ossl_probe *p);
void fc_ossl_report_summary(struct fc_ossl_probe *p);

#endif
