/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the crypto-policy checks share (checks/crypto-policy*.c): the
 * crypto-policies files read once per run, and how a missing, unreadable
 * or malformed one is reported.
 */
#ifndef FC_CHECKS_CRYPTO_POLICY_H
#define FC_CHECKS_CRYPTO_POLICY_H

#include "engine/check.h"
#include "parse/cryptopolicy.h"
#include "parse/fips-flag.h"

#define KERNEL_FLAG FC_FIPS_FLAG_PATH
#define SYSTEM_FIPS "/etc/system-fips"
#define GCRYPT_FIPS "/etc/gcrypt/fips_enabled"

/* A policy file as read and parsed. */
struct policy_file {
	const char *path;  /* inside the root */
	int err;	   /* 0, or -errno from reading it */
	unsigned bad_line; /* when malformed: where, and why */
	char *why;
	struct fc_crypto_policy pol;
	bool ok;
};

/* The crypto-policies files every check here reads, read once per run. */
struct cpol_files {
	int dir_err; /* /etc/crypto-policies itself */
	/* The configured policy: config, or what update-crypto-policies
	 * falls back to without it (config_fallback says which). */
	struct policy_file config;
	const char *config_fallback;
	struct policy_file state;
};

/* The files, read and parsed once per run (the run's cache). */
struct cpol_files *fc_cpol_files(struct fc_ctx *ctx);
/* Without /etc/crypto-policies: a finding is made and true returned. */
bool fc_cpol_absent(struct fc_ctx *ctx, const struct cpol_files *c);
/* Missing means "not set up": fail; unreadable means "cannot tell". */
enum fc_status fc_cpol_read_status(int err);
/* A malformed policy file: an error that names the file and line. */
void fc_cpol_report_malformed(struct fc_ctx *ctx, const struct policy_file *pf);
/* The supported way to the FIPS policy on this root, as the fix of f. */
void fc_cpol_remedy_set_fips(struct fc_ctx *ctx, struct fc_finding *f);

#endif
