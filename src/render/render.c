// SPDX-License-Identifier: GPL-2.0-or-later
#include "render/render.h"

#include <string.h>

#include "base/util.h"

const struct fc_renderer *const fc_renderers[] = {
	&fc_render_text,
	&fc_render_json,
	&fc_render_junit,
	&fc_render_oscal,
	&fc_render_prometheus,
	&fc_render_html,
	NULL,
};

const struct fc_renderer *fc_renderer_find(const char *name)
{
	for (size_t i = 0; fc_renderers[i]; i++)
		if (fc_streq(fc_renderers[i]->name, name))
			return fc_renderers[i];
	return NULL;
}

const char *const fc_render_verdicts[] = { "pass", "incomplete", "fail", NULL };

const char *fc_render_verdict(const struct fc_report *r)
{
	return fc_outcome_name(fc_report_verdict(r));
}

char *fc_render_area(const char *id)
{
	size_t n = strcspn(id, ".");
	return n ? fc_strndup(id, n) : fc_strdup("fipsctl");
}
