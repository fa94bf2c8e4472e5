/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Evidence bundles: one tar archive (gzip or zstd) that lets an
 * auditor see what was checked, on which host, when, with which module
 * builds, and confirm that nothing was changed since.  Members:
 *
 *   report.json        the evidence document: the full check report and
 *                      what it was made from (docs/evidence.md)
 *   sources/<path>     each file of the audited system behind a finding,
 *                      byte for byte as read through the sysroot layer
 *   policy/<name>.json the validated-module table the verdicts used
 *   signer.pem         with --sign-key: the public key or certificate
 *   MANIFEST           "<sha256>  <member>\n" for every other member
 *                      except MANIFEST.sig, sorted: 'sha256sum -c' reads it
 *   MANIFEST.sig       with --sign-key: a detached signature over MANIFEST
 *
 * Who does what.  The parent (fipsctl) gathers the report and the sources,
 * because only it runs the checks and reads through the sysroot layer.
 * Every digest, signature and the archive itself are made by the helper
 * fipsctl-probe-evidence (helpers/evidence/), which
 * links libcrypto and libarchive.  libarchive stays out of the parent too:
 * Debian's libarchive13 links libnettle (GnuTLS's crypto back end) and
 * EL9's links libcrypto, so linking it would load an audited module into
 * the parent, which must stay free of them (src/engine/probe.h).
 *
 * This header holds what both sides agree on: member names, bounds, and
 * the MANIFEST format (src/parse/manifest.c).
 */
#ifndef FC_EVIDENCE_H
#define FC_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

#define FC_EV_REPORT "report.json"
#define FC_EV_MANIFEST "MANIFEST"
#define FC_EV_SIGNATURE "MANIFEST.sig"
#define FC_EV_SIGNER "signer.pem"
#define FC_EV_SOURCES "sources"
#define FC_EV_POLICY "policy"

/* The evidence document inside report.json (docs/evidence.schema.json). */
#define FC_EV_SCHEMA_VERSION "1.0"
#define FC_EV_SCHEMA_ID "https://fipsctl.invalid/schemas/evidence-1.0.json"

/* The helper: <probe dir>/fipsctl-probe-evidence (src/engine/probe.h). */
#define FC_EV_HELPER "fipsctl-probe-evidence"
/* Helper exit codes besides 0: bad input (a key, a bundle path) and
 * anything else that stopped it (a write error, no memory). */
#define FC_EV_HELPER_EXIT_INPUT 2
#define FC_EV_HELPER_EXIT_FAILED 3

/* What a reader accepts: a bundle is evidence, not a file system. */
#define FC_EV_MAX_MEMBERS 4096
#define FC_EV_MAX_MEMBER_BYTES (64UL * 1024 * 1024)
#define FC_EV_MAX_TOTAL_BYTES (256UL * 1024 * 1024)
/* Module binaries are hashed, never copied: vmlinuz is the largest. */
#define FC_EV_MAX_HASHED_BYTES (512UL * 1024 * 1024)

/*
 * Member names: relative, '/'-separated, no empty, "." or ".." component,
 * only [A-Za-z0-9._+@,:=~%-].  That keeps every MANIFEST line readable by
 * sha256sum, every name safe to extract, and leaves '%' for escaping.
 */
bool fc_ev_member_name_ok(const char *name);
/* "<dir>/<path>" (dir "sources" or "policy"), path's components kept,
 * every byte outside the allowed set (and '%') as %XX. */
char *fc_ev_member_for(const char *dir, const char *path);

struct fc_manifest_entry {
	char *name;
	char sha256[65]; /* lower-case hex */
};

struct fc_manifest {
	struct fc_manifest_entry *v;
	size_t n;
};

/*
 * Parse a MANIFEST strictly: "<64 lower-case hex>  <name>\n" per line,
 * names valid and in strictly increasing byte order (so unique), neither
 * MANIFEST nor MANIFEST.sig listed.  -EBADMSG with err set on anything
 * else; an empty MANIFEST is valid (a bundle of nothing else).
 */
int fc_manifest_parse(const char *data, size_t len, struct fc_manifest *out,
		      struct fc_parse_err *err) FC_WUR;
/* Append an entry (entries must then be sorted with fc_manifest_sort). */
void fc_manifest_add(struct fc_manifest *m, const char *name,
		     const char *sha256_hex);
void fc_manifest_sort(struct fc_manifest *m);
/* The text form; entries must be sorted. */
char *fc_manifest_format(const struct fc_manifest *m);
/* Binary search in a sorted manifest. */
const struct fc_manifest_entry *
fc_manifest_find(const struct fc_manifest *m, const char *name);
void fc_manifest_free(struct fc_manifest *m);

#endif
