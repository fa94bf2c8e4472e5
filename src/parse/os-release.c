// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/os-release.h"

#include <errno.h>

int fc_os_release_parse(const char *text, size_t len, struct fc_kv_list *out,
			unsigned *line)
{
	if (len > FC_OS_RELEASE_MAX)
		return -EFBIG;
	return fc_kv_parse(text, len, FC_KV_SHELL, out, line);
}

int fc_os_release_read(const struct fc_root *root, struct fc_kv_list *out)
{
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_root_read(root, FC_OS_RELEASE_PATH, FC_OS_RELEASE_MAX, &text,
			     &len);
	if (r == -ENOENT)
		r = fc_root_read(root, FC_OS_RELEASE_FALLBACK,
				 FC_OS_RELEASE_MAX, &text, &len);
	if (r < 0)
		return r;
	unsigned line = 0;
	return fc_os_release_parse(text, len, out, &line);
}
