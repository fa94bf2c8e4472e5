// SPDX-License-Identifier: GPL-2.0-or-later
#include "render/render.h"

#include "base/util.h"

const struct fc_renderer *const fc_renderers[] = {
	&fc_render_text,
	&fc_render_json,
	&fc_render_junit,
	&fc_render_oscal,
	NULL,
};

const struct fc_renderer *fc_renderer_find(const char *name)
{
	for (size_t i = 0; fc_renderers[i]; i++)
		if (fc_streq(fc_renderers[i]->name, name))
			return fc_renderers[i];
	return NULL;
}
