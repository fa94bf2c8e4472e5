// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Proof that a module's files are the vendor's (checks/validated.h,
 * fc_vproof): a runtime module version and a package's version-release
 * are labels, and a rebuilt or patched fips.so keeps them
 * (policy-sources.md: "a rebuilt or patched module can carry the same
 * label").  The evidence that the bytes on disk are the vendor's is the
 * package's file digests, checked by the rpmdb helper as rpm -V does
 * (helpers/rpmdb/verify.c), and the key that signed the package header,
 * compared with the vendor's keys (policies/signing-keys.json).
 *
 *  - every module file as packaged, signed by the vendor: said in the
 *    summary;
 *  - a module file changed or missing since installation: fail, naming
 *    the file;
 *  - a package signed by another key, or not signed: warn, fail under
 *    --strict.
 */
#include <string.h>

#include "checks.h"
#include "validated.h"

/* "TuxCare (key 9F3C615A42B0FE1F)" or why the signer is not the vendor. */
static bool signer_phrase(const struct fc_vstate *st,
			  const struct fc_installed_pkg *p, char **out)
{
	const char *id = p->sigkey;
	if (!id || fc_streq(id, "none")) {
		*out = fc_strdup("not signed");
		return false;
	}
	const struct fc_signing_key *k = fc_signers_find(st->keys, st->table,
							 id);
	if (k && fc_policy_signer_is_vendor(st->table, k)) {
		*out = fc_asprintf("%s (key %s)", k->owner, id);
		return true;
	}
	if (k)
		*out = fc_asprintf("signed by %s (key %s), not by the vendor",
				   k->owner, id);
	else
		*out = fc_asprintf("signed by key %s, which is not a known key "
				   "of the vendor",
				   id);
	return false;
}

static const char *changed_phrase(const struct fc_module_file *mf)
{
	if (mf->result == FC_FILE_MISSING)
		return "missing";
	if (fc_streq(mf->what, "size"))
		return "size differs from the rpmdb's";
	if (fc_streq(mf->what, "link"))
		return "link target differs from the rpmdb's";
	if (fc_streq(mf->what, "type"))
		return "not the kind of file the package installed";
	return "digest differs from the rpmdb's";
}

void fc_vproof(const struct fc_vstate *st, enum fc_module m, const char *arch,
	       const char *only_nevra, bool strict, struct fc_finding *f,
	       struct fc_vproof_out *out)
{
	*out = (struct fc_vproof_out){ .status = FC_STATUS_PASS };
	if (!st->rpm_ok || !st->table)
		return;
	struct fc_buf signers = { 0 }, foreign = { 0 }, changed = { 0 },
		      unread = { 0 };
	size_t n_pkgs = 0, n_files = 0, n_ok = 0, n_fact = 0;
	for (size_t i = 0; i < st->n_pkgs; i++) {
		const struct fc_installed_pkg *p = &st->pkgs[i];
		if (p->module != m || !fc_streq(p->arch, arch) ||
		    (only_nevra && !fc_streq(p->nevra, only_nevra)))
			continue;
		/* The rpmdb helper names every package's signer ("none" when
		 * unsigned); a package without one was not examined (a
		 * hand-made state), and there is nothing to prove with. */
		if (!p->sigkey)
			continue;
		n_pkgs++;
		_cleanup_free_ char *who = NULL;
		bool vendor = signer_phrase(st, p, &who);
		_cleanup_free_ char *key = fc_asprintf("package_signer.%zu",
						       n_pkgs);
		fc_finding_fact(f, key, "%s: %s", p->nevra, who);
		if (vendor) {
			if (!signers.data || !strstr(signers.data, who))
				fc_buf_addf(&signers, "%s%s",
					    signers.len ? ", " : "", who);
		} else {
			fc_buf_addf(&foreign, "%s%s %s", foreign.len ? "; " : "",
				    p->nevra, who);
		}
		for (size_t k = 0; k < st->n_files; k++) {
			const struct fc_module_file *mf = &st->files[k];
			if (!fc_streq(mf->package, p->nevra))
				continue;
			n_files++;
			_cleanup_free_ char *fk =
				fc_asprintf("module_file.%zu", ++n_fact);
			fc_finding_fact(f, fk, "%s %s %s (%s)", mf->path,
					fc_file_result_name(mf->result),
					mf->found ? mf->found
						  : mf->digest ? mf->digest : "",
					mf->package);
			switch (mf->result) {
			case FC_FILE_OK:
				n_ok++;
				break;
			case FC_FILE_UNREADABLE:
				fc_buf_addf(&unread, "%s%s (%s)",
					    unread.len ? ", " : "", mf->path,
					    strerror(mf->err));
				break;
			case FC_FILE_MODIFIED:
			case FC_FILE_MISSING:
			default:
				fc_buf_addf(&changed, "%s%s (%s)",
					    changed.len ? ", " : "", mf->path,
					    changed_phrase(mf));
				break;
			}
		}
	}
	if (!n_pkgs)
		goto out;
	struct fc_buf ph = { 0 };
	if (changed.len) {
		/* The bytes are not the vendor's, whatever the labels say. */
		out->status = FC_STATUS_FAIL;
		fc_buf_addf(&ph, "; modified since installation: %s",
			    changed.data);
		out->modified = true;
	}
	if (unread.len) {
		out->status = fc_status_worse(out->status, FC_STATUS_WARN);
		fc_buf_addf(&ph, "; could not verify %s", unread.data);
	}
	if (foreign.len) {
		out->status = fc_status_worse(out->status, strict
							     ? FC_STATUS_FAIL
							     : FC_STATUS_WARN);
		fc_buf_addf(&ph, "; %s", foreign.data);
	}
	if (!changed.len && !unread.len && n_files)
		fc_buf_addf(&ph, "; %zu module file%s as packaged (rpm -V)",
			    n_ok, n_ok == 1 ? "" : "s");
	else if (!n_files)
		fc_buf_addf(&ph, "; no module file in the package%s to verify",
			    n_pkgs == 1 ? "" : "s");
	if (signers.len && !foreign.len)
		fc_buf_addf(&ph, ", signed by %s", signers.data);
	fc_finding_fact(f, "file_proof", "%zu of %zu module files as packaged",
			n_ok, n_files);
	out->phrase = fc_buf_steal(&ph);
out:
	fc_buf_free(&signers);
	fc_buf_free(&foreign);
	fc_buf_free(&changed);
	fc_buf_free(&unread);
}
