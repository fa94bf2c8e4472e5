// SPDX-License-Identifier: GPL-2.0-or-later
/* fipsctl list-checks: what check can run, with its requirement. */
#include <getopt.h>
#include <string.h>

#include <json-c/json.h>

#include "engine/check.h"
#include "cli/cmd.h"

static int run_list(struct fc_global *g, int argc, char **argv)
{
	int r = fc_parse_global_options(g, argc, argv, "list-checks", false);
	if (r < 0)
		return r;
	if (optind < argc)
		return fc_usage_error("list-checks", "unexpected argument '%s'",
				      argv[optind]);
	r = fc_global_finish(g, "list-checks");
	if (r < 0)
		return r;
	if (fc_streq(g->format, "json")) {
		struct json_object *arr = json_object_new_array();
		for (size_t i = 0; fc_checks[i]; i++) {
			const struct fc_check *k = fc_checks[i];
			struct json_object *o = json_object_new_object();
			json_object_object_add(o, "id", json_object_new_string(k->id));
			json_object_object_add(o, "area", json_object_new_string(k->area));
			json_object_object_add(o, "title", json_object_new_string(k->title));
			json_object_object_add(o, "requirement",
					       json_object_new_string(k->requirement));
			json_object_object_add(o, "probe",
					       k->probe ? json_object_new_string(k->probe)
							: json_object_new_null());
			json_object_array_add(arr, o);
		}
		puts(json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PRETTY |
								  JSON_C_TO_STRING_SPACED |
								  JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(arr);
		return 0;
	}
	size_t w = 0;
	for (size_t i = 0; fc_checks[i]; i++) {
		size_t n = strlen(fc_checks[i]->id);
		if (n > w)
			w = n;
	}
	for (size_t i = 0; fc_checks[i]; i++) {
		printf("%-*s  %s\n", (int)w, fc_checks[i]->id, fc_checks[i]->title);
		if (g->verbose)
			printf("%-*s  requirement: %s\n", (int)w, "",
			       fc_checks[i]->requirement);
	}
	return 0;
}

const struct fc_cmd fc_cmd_list_checks = {
	.name = "list-checks",
	.summary = "list the checks with their ids and requirements",
	.help = "Usage: fipsctl [--format text|json] list-checks [-v]\n"
		"\n"
		"List every check: its id (for --only/--skip), title and, with -v,\n"
		"the requirement it implements.\n",
	.run = run_list,
};
