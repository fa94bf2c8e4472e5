// SPDX-License-Identifier: GPL-2.0-or-later
#include "probe-child.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

#include <json-c/json.h>

#include "report-json.h"

bool fc_probe_wants(const struct fc_probe_ctx *ctx, const char *check_id)
{
	for (size_t i = 0; ctx->checks && ctx->checks[i]; i++)
		if (fc_streq(ctx->checks[i], check_id))
			return true;
	return false;
}

struct fc_finding *fc_probe_finding(struct fc_probe_ctx *ctx,
				    const char *check_id, const char *suffix)
{
	_cleanup_free_ char *id = suffix ? fc_asprintf("%s%s", check_id, suffix)
					 : fc_strdup(check_id);
	return fc_report_add(ctx->report, id, check_id);
}

static char **split_commas(const char *s)
{
	size_t n = 1;
	for (const char *p = s; *p; p++)
		n += *p == ',';
	char **v = fc_calloc(n + 1, sizeof(char *));
	size_t i = 0;
	const char *p = s;
	for (;;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		if (len)
			v[i++] = fc_strndup(p, len);
		if (!c)
			break;
		p = c + 1;
	}
	v[i] = NULL;
	return v;
}

static void strv_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

int fc_probe_main(int argc, char **argv, const struct fc_probe_def *def)
{
	static const struct option opts[] = {
		{ "checks", required_argument, NULL, 'c' },
		{ "selftest", no_argument, NULL, 's' },
		{ "nssdb", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct fc_probe_ctx ctx = { 0 };
	size_t n_nss = 0;
	int c, rc = 0;

	ctx.nssdb = fc_calloc(1, sizeof(char *));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			strv_free(ctx.checks);
			ctx.checks = split_commas(optarg);
			break;
		case 's':
			ctx.selftest = true;
			break;
		case 'n':
			ctx.nssdb = fc_realloc(ctx.nssdb,
					       (n_nss + 2) * sizeof(char *));
			ctx.nssdb[n_nss++] = fc_strdup(optarg);
			ctx.nssdb[n_nss] = NULL;
			break;
		default:
			fprintf(stderr, "fipsctl-probe-%s: usage: --checks "
					"ID[,ID] [--selftest] [--nssdb DIR]\n",
				def->name);
			rc = 2;
			goto out;
		}
	}
	if (!ctx.checks) {
		fprintf(stderr, "fipsctl-probe-%s: --checks is required\n",
			def->name);
		rc = 2;
		goto out;
	}
	ctx.report = fc_report_new();
	int r = def->run(&ctx);
	if (r < 0) {
		fprintf(stderr, "fipsctl-probe-%s: %s\n", def->name,
			strerror(-r));
		rc = 1;
		goto out;
	}
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "probe", json_object_new_string(def->name));
	struct json_object *arr = json_object_new_array();
	for (size_t i = 0; i < ctx.report->n_findings; i++)
		json_object_array_add(arr,
				      fc_finding_to_json(ctx.report->findings[i]));
	json_object_object_add(o, "findings", arr);
	const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	if (fc_write_all(STDOUT_FILENO, s, strlen(s)) < 0 ||
	    fc_write_all(STDOUT_FILENO, "\n", 1) < 0) {
		fprintf(stderr, "fipsctl-probe-%s: write: %s\n", def->name,
			strerror(errno));
		rc = 1;
	}
	json_object_put(o);
out:
	fc_report_free(ctx.report);
	strv_free(ctx.checks);
	strv_free(ctx.nssdb);
	return rc;
}
