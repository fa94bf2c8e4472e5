// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading and checking the signing-key data (src/policy/signers.h).
 */
#include "policy/signers.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/strv.h"
#include "policy/policy-lint.h"

#define SIGNERS_FORMAT "fipsctl-signing-keys/1"

void fc_signers_free(struct fc_signers *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].owner);
		free(s->v[i].name);
		free(s->v[i].fingerprint);
		free(s->v[i].key_file);
		fc_provenance_clear(&s->v[i].prov);
	}
	free(s->v);
	free(s->path);
	free(s);
}

/* "FAD7 8590 ..." with or without blanks: 40 hex digits, upper case. */
static char *fingerprint_norm(const char *s)
{
	char out[41];
	size_t n = 0;
	for (; *s; s++) {
		if (*s == ' ')
			continue;
		bool hex = (*s >= '0' && *s <= '9') ||
			   (*s >= 'a' && *s <= 'f') || (*s >= 'A' && *s <= 'F');
		if (!hex || n == 40)
			return NULL;
		out[n++] = (*s >= 'a' && *s <= 'f') ? (char)(*s - 32) : *s;
	}
	if (n != 40)
		return NULL;
	out[n] = '\0';
	return fc_strdup(out);
}

static void lint_signers(struct fc_lint *l, struct json_object *top, void *ud)
{
	static const struct fc_lint_key spec[] = {
		{ "format", FC_LINT_STRING, true },
		{ "keys", FC_LINT_ARRAY, true },
	};
	static const struct fc_lint_key key_spec[] = {
		{ "owner", FC_LINT_STRING, true },
		{ "name", FC_LINT_STRING, true },
		{ "fingerprint", FC_LINT_STRING_OR_NULL, true },
		{ "key_file", FC_LINT_STRING, true },
		{ "provenance", FC_LINT_OBJECT, true },
	};
	struct fc_signers *s = ud;
	if (!fc_lint_object(l, top, "", "the signing-key data", spec,
			    FC_ARRAY_SIZE(spec)))
		return;
	struct json_object *fmt = fc_lint_get(top, "format", FC_LINT_STRING);
	if (fmt && !fc_streq(json_object_get_string(fmt), SIGNERS_FORMAT)) {
		_cleanup_free_ char *shown =
			fc_printable(json_object_get_string(fmt), 64);
		fc_lint_err(l, "format", false,
			    "unsupported format \"%s\" (this fipsctl reads %s)",
			    shown, SIGNERS_FORMAT);
	}
	struct json_object *a = fc_lint_get(top, "keys", FC_LINT_ARRAY);
	size_t n = a ? json_object_array_length(a) : 0;
	s->v = fc_calloc(n + 1, sizeof(*s->v));
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(a, i);
		_cleanup_free_ char *ip = fc_lint_item("keys", i);
		if (!fc_lint_object(l, e, ip, "a key", key_spec,
				    FC_ARRAY_SIZE(key_spec)))
			continue;
		struct fc_signing_key *k = &s->v[s->n++];
		k->owner = fc_lint_get_str(e, "owner");
		k->name = fc_lint_get_str(e, "name");
		k->key_file = fc_lint_get_str(e, "key_file");
		fc_lint_prov(l, e, ip, &k->prov);
		_cleanup_free_ char *fp = fc_lint_get_str(e, "fingerprint");
		if (fp) {
			k->fingerprint = fingerprint_norm(fp);
			if (!k->fingerprint) {
				_cleanup_free_ char *kp =
					fc_lint_sub(ip, "fingerprint");
				fc_lint_err(l, kp, false,
					    "a fingerprint is 40 hexadecimal "
					    "digits (OpenPGP v4)");
			}
		} else if (k->prov.confidence != FC_CONF_UNCONFIRMED) {
			/* No fingerprint: nothing was confirmed. */
			_cleanup_free_ char *kp = fc_lint_sub(ip, "fingerprint");
			fc_lint_err(l, kp, false,
				    "a key without its fingerprint must be "
				    "marked \"unconfirmed\"");
		}
		for (size_t j = 0; j + 1 < s->n && k->fingerprint; j++)
			if (fc_streq(s->v[j].fingerprint, k->fingerprint) &&
			    fc_streq(s->v[j].owner, k->owner)) {
				fc_lint_err(l, ip, false,
					    "duplicate entry: key %s of %s is "
					    "listed twice",
					    k->fingerprint, k->owner);
				break;
			}
	}
}

int fc_signers_parse(const char *text, size_t len, const char *file,
		     struct fc_signers **out, struct fc_diags *diags)
{
	*out = NULL;
	struct fc_signers *s = fc_calloc(1, sizeof(*s));
	s->path = fc_strdup(file);
	int r = fc_lint_document(text, len, file, "the signing-key data",
				 diags, lint_signers, s);
	if (r < 0) {
		fc_signers_free(s);
		return r;
	}
	*out = s;
	return 0;
}

int fc_signers_load(const char *path, struct fc_signers **out,
		    struct fc_diags *diags)
{
	*out = NULL;
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_policy_read_diag(path, &text, &len, diags);
	if (r < 0)
		return r;
	return fc_signers_parse(text, len, path, out, diags);
}

int fc_signers_load_default(struct fc_signers **out, struct fc_diags *diags)
{
	/* Unlike tables, the keys of every directory count: a site adds the
	 * keys of its own vendors without copying the shipped ones. */
	*out = NULL;
	char **dirs = fc_policy_dirs();
	struct fc_signers *all = NULL;
	int rc = -ENOENT;
	for (size_t i = 0; dirs[i]; i++) {
		_cleanup_free_ char *path =
			fc_asprintf("%s/%s", dirs[i], FC_SIGNERS_FILE);
		if (access(path, F_OK) != 0)
			continue;
		struct fc_signers *s = NULL;
		int r = fc_signers_load(path, &s, diags);
		if (r < 0) {
			rc = r;
			break;
		}
		if (!all) {
			all = s;
			rc = 0;
			continue;
		}
		all->v = fc_realloc(all->v, (all->n + s->n + 1) * sizeof(*all->v));
		memcpy(all->v + all->n, s->v, s->n * sizeof(*s->v));
		all->n += s->n;
		s->n = 0;
		char *p = fc_asprintf("%s and %s", all->path, s->path);
		free(all->path);
		all->path = p;
		fc_signers_free(s);
	}
	fc_strv_free(dirs);
	if (rc < 0 && rc != -ENOENT) {
		fc_signers_free(all);
		return rc;
	}
	*out = all;
	return all ? 0 : -ENOENT;
}

const struct fc_signing_key *fc_signers_find(const struct fc_signers *s,
					     const struct fc_policy *p,
					     const char *key_id)
{
	size_t n = key_id ? strlen(key_id) : 0;
	const struct fc_signing_key *first = NULL;
	if (n != 16)
		return NULL;
	for (size_t i = 0; s && i < s->n; i++) {
		const char *fp = s->v[i].fingerprint;
		if (!fp || strcasecmp(fp + 40 - 16, key_id) != 0)
			continue;
		/* A key several owners share: the table's vendor first. */
		if (p && fc_policy_signer_is_vendor(p, &s->v[i]))
			return &s->v[i];
		first = first ? first : &s->v[i];
	}
	return first;
}

bool fc_policy_signer_is_vendor(const struct fc_policy *p,
				const struct fc_signing_key *k)
{
	for (size_t i = 0; k && i < p->n_signers; i++)
		if (fc_streq(p->signers[i], k->owner))
			return true;
	return false;
}

size_t fc_signers_check_refs(const struct fc_policy *p,
			     const struct fc_signers *s,
			     struct fc_diags *diags)
{
	size_t bad = 0;
	for (size_t i = 0; i < p->n_signers; i++) {
		bool found = false;
		for (size_t k = 0; s && k < s->n && !found; k++)
			found = fc_streq(s->v[k].owner, p->signers[i]);
		if (found)
			continue;
		fc_diags_add(diags, p->path, p->signers_line, p->signers_col,
			     "package signer \"%s\" has no key in %s",
			     p->signers[i], s ? s->path : FC_SIGNERS_FILE);
		bad++;
	}
	return bad;
}
