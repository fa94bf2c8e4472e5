/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The vendors' package signing keys (policies/signing-keys.json, format
 * fipsctl-signing-keys/1, docs/policies.md): who owns which OpenPGP key,
 * by fingerprint, with the source of each.  A table names the owners
 * whose keys sign its module packages ("package_signers"); the rpmdb
 * helper reports the key id in each package's header signature, and the
 * validated.* findings say whose it is.
 */
#ifndef FC_SIGNERS_H
#define FC_SIGNERS_H

#include "policy/policy.h"

#define FC_SIGNERS_FILE "signing-keys.json"

struct fc_signing_key {
	char *owner;       /* "TuxCare": what tables name */
	char *name;        /* the key's user id or title */
	char *fingerprint; /* 40 hex digits, upper case; NULL: not found */
	char *key_file;    /* where the vendor publishes or installs it */
	struct fc_provenance prov;
};

struct fc_signers {
	char *path;
	struct fc_signing_key *v;
	size_t n;
};

void fc_signers_free(struct fc_signers *s);
static inline void fc_signers_freep(struct fc_signers **s)
{
	fc_signers_free(*s);
}
#define _cleanup_signers_ __attribute__((cleanup(fc_signers_freep)))

int fc_signers_parse(const char *text, size_t len, const char *file,
		     struct fc_signers **out, struct fc_diags *diags) FC_WUR;
int fc_signers_load(const char *path, struct fc_signers **out,
		    struct fc_diags *diags) FC_WUR;
/* The keys of every FC_SIGNERS_FILE in the search path, together (a site
 * file adds keys; it does not replace the shipped ones): -ENOENT when
 * there is none, -EBADMSG / -errno with diagnostics. */
int fc_signers_load_default(struct fc_signers **out,
			    struct fc_diags *diags) FC_WUR;

/* The key whose fingerprint ends in key_id (16 hex digits, any case, as
 * rpm prints a signature's "Key ID"), or NULL; when several owners list
 * it, the one table p names as its package signer (p may be NULL). */
const struct fc_signing_key *fc_signers_find(const struct fc_signers *s,
					     const struct fc_policy *p,
					     const char *key_id);
/* Does the table name this key's owner among its package signers? */
bool fc_policy_signer_is_vendor(const struct fc_policy *p,
				const struct fc_signing_key *k);
/* Every owner a table names must be in the data (s NULL: none): problems
 * added to *diags, counted. */
size_t fc_signers_check_refs(const struct fc_policy *p,
			     const struct fc_signers *s,
			     struct fc_diags *diags);

#endif
