// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The rpmdb helper's file facts (src/policy/policy.h, struct
 * fc_module_file): written by helpers/rpmdb/verify.c, read by the
 * validated.* checks and the evidence export.
 */
#include "policy/policy.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char *const result_names[] = {
	[FC_FILE_OK] = "ok",
	[FC_FILE_MODIFIED] = "modified",
	[FC_FILE_MISSING] = "missing",
	[FC_FILE_UNREADABLE] = "unreadable",
};

const char *fc_file_result_name(enum fc_file_result r)
{
	return (unsigned)r < FC_ARRAY_SIZE(result_names) ? result_names[r]
							 : "?";
}

char *fc_module_file_format(const struct fc_module_file *f)
{
	struct fc_buf b = { 0 };
	fc_buf_addf(&b, "result=%s module=%s package=%s size=%lld",
		    fc_file_result_name(f->result), fc_module_name(f->module),
		    f->package, f->size);
	if (f->digest)
		fc_buf_addf(&b, " digest=%s", f->digest);
	if (f->found)
		fc_buf_addf(&b, " found=%s", f->found);
	if (f->what)
		fc_buf_addf(&b, " what=%s", f->what);
	if (f->err)
		fc_buf_addf(&b, " err=%d", f->err);
	fc_buf_addf(&b, " path=%s", f->path);
	return fc_buf_steal(&b);
}

void fc_module_file_clear(struct fc_module_file *f)
{
	free(f->package);
	free(f->path);
	free(f->digest);
	free(f->found);
	free(f->what);
	*f = (struct fc_module_file){ 0 };
}

int fc_module_file_parse(const char *value, struct fc_module_file *out)
{
	*out = (struct fc_module_file){ 0 };
	const char *pp = strstr(value, " path=");
	if (!pp || !pp[6])
		return -EBADMSG;
	out->path = fc_strdup(pp + 6);
	_cleanup_free_ char *head = fc_strndup(value, (size_t)(pp - value));
	bool have_result = false, have_module = false;
	char *save = NULL;
	for (char *t = strtok_r(head, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(t, '=');
		if (!eq || !eq[1])
			goto bad;
		*eq = '\0';
		const char *k = t, *v = eq + 1;
		char **slot = NULL;
		if (fc_streq(k, "result")) {
			size_t i;
			for (i = 0; i < FC_ARRAY_SIZE(result_names); i++)
				if (fc_streq(result_names[i], v))
					break;
			if (i == FC_ARRAY_SIZE(result_names))
				goto bad;
			out->result = (enum fc_file_result)i;
			have_result = true;
		} else if (fc_streq(k, "module")) {
			if (fc_module_from_name(v, &out->module) < 0)
				goto bad;
			have_module = true;
		} else if (fc_streq(k, "size") || fc_streq(k, "err")) {
			char *end = NULL;
			errno = 0;
			long long n = strtoll(v, &end, 10);
			if (errno || !end || *end || n < 0 ||
			    (fc_streq(k, "err") && n > INT_MAX))
				goto bad;
			if (fc_streq(k, "size"))
				out->size = n;
			else
				out->err = (int)n;
		} else if (fc_streq(k, "package")) {
			slot = &out->package;
		} else if (fc_streq(k, "digest")) {
			slot = &out->digest;
		} else if (fc_streq(k, "found")) {
			slot = &out->found;
		} else if (fc_streq(k, "what")) {
			slot = &out->what;
		}
		/* Unknown keys are ignored: a newer helper may say more. */
		if (slot) {
			if (*slot)
				goto bad;
			*slot = fc_strdup(v);
		}
	}
	if (have_result && have_module && out->package)
		return 0;
bad:
	fc_module_file_clear(out);
	return -EBADMSG;
}
