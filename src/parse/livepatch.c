// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/livepatch.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* A sysfs boolean attribute: "0\n" or "1\n" (kernel/livepatch/core.c
 * prints them with "%d\n"); -1 for anything else or an error. */
static int read_flag(const struct fc_root *root, const char *path)
{
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	if (fc_root_read(root, path, FC_READ_SMALL, &text, &len) < 0)
		return -1;
	if (len == 2 && text[1] == '\n')
		len = 1;
	if (len != 1 || (text[0] != '0' && text[0] != '1'))
		return -1;
	return text[0] - '0';
}

static int by_name(const void *a, const void *b)
{
	const struct fc_livepatch *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static int read_sysfs(const struct fc_root *root, struct fc_livepatches *lp)
{
	_cleanup_closedir_ DIR *d = NULL;
	int r = fc_root_opendir(root, FC_LIVEPATCH_DIR, &d);
	if (r < 0)
		return r;
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(d);
		if (!de)
			return errno ? -errno : 0;
		if (de->d_name[0] == '.')
			continue;
		_cleanup_free_ char *dir =
			fc_asprintf(FC_LIVEPATCH_DIR "/%s", de->d_name);
		struct stat sb;
		if (fc_root_stat(root, dir, &sb) < 0 || !S_ISDIR(sb.st_mode))
			continue;
		_cleanup_free_ char *en = fc_asprintf("%s/enabled", dir);
		_cleanup_free_ char *tr = fc_asprintf("%s/transition", dir);
		lp->v = fc_realloc(lp->v, (lp->n + 1) * sizeof(*lp->v));
		lp->v[lp->n++] = (struct fc_livepatch){
			.name = fc_printable(de->d_name, 128),
			.enabled = read_flag(root, en),
			.transition = read_flag(root, tr),
		};
	}
}

void fc_livepatches_read(const struct fc_root *root,
			 struct fc_livepatches *out)
{
	memset(out, 0, sizeof(*out));
	out->sys_err = read_sysfs(root, out);
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_name);

	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	out->kcare_err = fc_root_read(root, FC_KCARE_VERSION_PATH,
				      FC_READ_SMALL, &text, &len);
	if (out->kcare_err == 0) {
		/* One line; the first is the version. */
		text[strcspn(text, "\n")] = '\0';
		out->kcare_version = fc_printable(text, 128);
	}
}

void fc_livepatches_free(struct fc_livepatches *lp)
{
	for (size_t i = 0; i < lp->n; i++)
		free(lp->v[i].name);
	free(lp->v);
	free(lp->kcare_version);
	memset(lp, 0, sizeof(*lp));
}

static bool patch_active(const struct fc_livepatch *p)
{
	return p->enabled != 0 || p->transition == 1;
}

size_t fc_livepatches_active(const struct fc_livepatches *lp)
{
	size_t n = lp->kcare_version ? 1 : 0;
	for (size_t i = 0; i < lp->n; i++)
		n += patch_active(&lp->v[i]);
	return n;
}

char *fc_livepatches_phrase(const struct fc_livepatches *lp)
{
	struct fc_buf b = { 0 };
	for (size_t i = 0; i < lp->n; i++) {
		const struct fc_livepatch *p = &lp->v[i];
		if (!patch_active(p))
			continue;
		fc_buf_addf(&b, "%s%s (%s)", b.len ? ", " : "", p->name,
			    p->transition == 1 ? "in transition"
			    : p->enabled == 1  ? "enabled"
					       : "state unreadable");
	}
	if (lp->kcare_version)
		fc_buf_addf(&b, "%sKernelCare (effective kernel %s)",
			    b.len ? ", " : "",
			    *lp->kcare_version ? lp->kcare_version : "(empty)");
	return b.len ? fc_buf_steal(&b) : NULL;
}
