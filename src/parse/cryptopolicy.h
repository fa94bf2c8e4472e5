/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The system crypto policy setting of crypto-policies (RHEL 8/9, Fedora):
 * /etc/crypto-policies/config, and state/current where update-crypto-policies
 * records what it applied.  Both hold "POLICY[:SUBPOLICY...]".
 *
 * Grammar, as update-crypto-policies reads the file (ProfileConfig in
 * python/update-crypto-policies.py of crypto-policies):
 *  - the file is UTF-8 text; lines end at "\n", "\r\n" or "\r" (Python's
 *    universal newlines);
 *  - '#' starts a comment that runs to the end of the line; then white
 *    space is stripped at both ends and empty lines are skipped;
 *  - the first remaining line is POLICY[:SUB1[:SUB2...]], split at ':';
 *  - every later non-empty line adds all its ':'-separated names as
 *    further subpolicies ("FIPS" then "OSPP" means "FIPS:OSPP");
 *  - names are upper-cased; the policy is looked up as <NAME>.pol, each
 *    subpolicy as modules/<NAME>.pmod.
 *
 * Malformed (-EBADMSG, with the line and the reason): text that is not
 * UTF-8 or holds a NUL byte (Python cannot decode it), no policy line, an
 * empty name ("FIPS::OSPP", "FIPS:", ":OSPP": update-crypto-policies
 * looks for ".pol"/".pmod" and fails).  We are stricter in one way: a name
 * must be ASCII letters, digits, '_', '-' or '.', at most
 * FC_CRYPTO_POLICY_NAME_MAX long; update-crypto-policies would accept any
 * characters there and fail later because no policy file has such a name
 * (spaces, '/', non-ASCII letters).
 */
#ifndef FC_CRYPTOPOLICY_H
#define FC_CRYPTOPOLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

#define FC_CRYPTO_POLICY_DIR "/etc/crypto-policies"
#define FC_CRYPTO_POLICY_CONFIG "/etc/crypto-policies/config"
#define FC_CRYPTO_POLICY_STATE "/etc/crypto-policies/state/current"
#define FC_CRYPTO_POLICY_BACKENDS "/etc/crypto-policies/back-ends"
#define FC_CRYPTO_POLICY_LOCAL_D "/etc/crypto-policies/local.d"
/* Pre-generated back-end files, one directory per policy. */
#define FC_CRYPTO_POLICY_SHARE "/usr/share/crypto-policies"
/* What update-crypto-policies reads when config is missing. */
#define FC_CRYPTO_POLICY_DEFAULT_CONFIG                                        \
	"/usr/share/crypto-policies/default-config"
/* A name plus ".pmod" must fit in NAME_MAX. */
#define FC_CRYPTO_POLICY_NAME_MAX 250

struct fc_crypto_policy {
	char *base;	    /* "FIPS" */
	char **subpolicies; /* "OSPP", ... in order */
	size_t n_subpolicies;
	char *name;    /* "FIPS:OSPP": what state/current records */
	unsigned line; /* 1-based line naming the base policy */
};

/*
 * Parse len bytes of config or state text.  On -EBADMSG *err_line is the
 * 1-based line at fault (for "no policy" the last line, at least 1) and
 * *why the reason without the location (caller frees).
 */
int fc_crypto_policy_parse(const char *text, size_t len,
			   struct fc_crypto_policy *out, unsigned *err_line,
			   char **why) FC_WUR;
void fc_crypto_policy_free(struct fc_crypto_policy *p);

/* The base policy is FIPS, whatever the subpolicies. */
bool fc_crypto_policy_is_fips(const struct fc_crypto_policy *p);

/* Subpolicies joined with sep; "" when there are none (caller frees). */
char *fc_crypto_policy_join_subpolicies(const struct fc_crypto_policy *p,
					const char *sep);

/*
 * What `fips-mode-setup --check` prints on EL9, from its inputs; the
 * caller gathers them from the audited system.  Mirrors the rhel9-branch
 * script of crypto-policies-scripts (see cryptopolicy.c for the version).
 */
struct fc_fips_mode_setup_state {
	/* /proc/sys/crypto/fips_enabled and state/current as `cat` prints
	 * them ("" when the file is missing: cat prints nothing). */
	const char *fips_enabled;
	const char *current_policy;
	/* The file does not exist: cat says so on stderr, which the
	 * terminal shows among the script's lines. */
	bool fips_enabled_missing;
	bool current_policy_missing;
	/* The script's fips_install_complete (checks/crypto-policy.c). */
	bool install_complete;
};

/*
 * *output: every line the script prints, each ending in '\n', cat's
 * complaint about a missing file included where it comes; *verdict: its
 * last line ("FIPS mode is enabled.", "FIPS mode is disabled.",
 * "Inconsistent state detected.", or "FIPS mode is ." on a kernel without
 * FIPS support); both for the caller to free.
 * Returns the script's exit status (0 or 1).
 */
int fc_fips_mode_setup_check(const struct fc_fips_mode_setup_state *in,
			     char **output, char **verdict);

#endif
