// SPDX-License-Identifier: GPL-2.0-or-later
#include "render/render.h"

#include <errno.h>
#include <string.h>

#include "core/report-json.h"

static int render_json(const struct fc_report *r, FILE *out,
		       const struct fc_render_opts *o)
{
	(void)o;
	struct json_object *j = fc_report_to_json(r);
	const char *s = json_object_to_json_string_ext(
		j, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
			   JSON_C_TO_STRING_NOSLASHESCAPE);
	int rc = fputs(s, out) < 0 || fputc('\n', out) == EOF ? -EIO : 0;
	json_object_put(j);
	return rc;
}

const struct fc_renderer fc_render_json = {
	.name = "json",
	.render = render_json,
};
