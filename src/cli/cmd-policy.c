// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl policy list|show|lint: the validated-module tables.  The verbs
 * are a table of struct fc_cmd (docs/style.md habit 1).
 *
 * 'show' renders a table in a stable text form; 'make policy-snapshot'
 * renders every shipped table with it into tests/policy-snapshot.txt, so
 * a change to a table is a reviewable diff of that file.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include <json-c/json.h>

#include "base/date.h"
#include "base/utf8.h"
#include "cli/cmd.h"
#include "policy/cmvp.h"
#include "policy/policy.h"
#include "policy/signers.h"

#ifndef FC_DATADIR
#define FC_DATADIR "/usr/share/fipsctl"
#endif

/* Options of every verb: the global ones only. */
static int parse_verb(struct fc_global *g, int argc, char **argv,
		      const char *cmd)
{
	int r = fc_parse_global_options(g, argc, argv, cmd, false);
	return r < 0 ? r : fc_global_finish(g, cmd);
}

/* --- the stable text form ----------------------------------------------- */

static void put_prov(struct fc_buf *b, const char *indent, const char *what,
		     const struct fc_provenance *p)
{
	fc_buf_addf(b, "%s%s [%s, %s]: %s\n", indent, what,
		    fc_confidence_name(p->confidence), p->date, p->source);
	if (p->note)
		fc_buf_addf(b, "%s  note: %s\n", indent, p->note);
}

static void put_arches(struct fc_buf *b, char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fc_buf_addf(b, "%s%s", i ? "," : "", v[i]);
}

/* What show renders a table with: the certificate data and the day its
 * statuses are shown as of, and the signing keys. */
struct show_ctx {
	const struct fc_cmvp *db;
	const struct fc_signers *keys;
	long day;
};

static void render_cert(struct fc_buf *b, const struct show_ctx *sc,
			const struct fc_policy_cert *c)
{
	struct fc_life_at life;
	fc_cert_life(sc->db, c, sc->day, &life);
	_cleanup_free_ char *ph = fc_life_phrase(&life, c);
	fc_buf_addf(b, "      certificate: %s\n", ph);
	const struct fc_cmvp_entry *e = life.e;
	if (e) {
		fc_buf_addf(b, "        module: %s (%s)\n", e->module, e->vendor);
		if (e->validated >= 0 || e->sunset >= 0) {
			_cleanup_free_ char *v = fc_date_format(e->validated);
			_cleanup_free_ char *su = fc_date_format(e->sunset);
			fc_buf_addf(b, "        validated %s, sunset %s\n", v, su);
		}
		put_prov(b, "        ", "data source", &e->prov);
	}
	put_prov(b, "        ", "certificate source", &c->prov);
}

static void render_build(struct fc_buf *b, const struct show_ctx *sc,
			 const struct fc_policy_build *bd)
{
	fc_buf_addf(b, "    %s ", fc_build_is_validated(bd) ? "validated"
							 : "in process");
	put_arches(b, bd->arches, bd->n_arches);
	fc_buf_adds(b, ":");
	for (size_t k = 0; k < bd->n_pkgs; k++) {
		const struct fc_policy_pkg *pk = &bd->pkgs[k];
		fc_buf_addf(b, " %s %s%s", pk->name,
			    pk->evr ? pk->evr : pk->evr_glob,
			    pk->evr ? ""
			    : pk->matches_stock ? " (pattern, matches stock builds too)"
						: " (pattern)");
		if (k + 1 < bd->n_pkgs)
			fc_buf_adds(b, ",");
	}
	fc_buf_adds(b, "\n");
	if (bd->module_name || bd->module_version)
		fc_buf_addf(b, "      runtime: %s%s%s\n",
			    bd->module_name ? bd->module_name : "",
			    bd->module_name && bd->module_version ? " " : "",
			    bd->module_version ? bd->module_version : "");
	render_cert(b, sc, &bd->cert);
	put_prov(b, "      ", "source", &bd->prov);
	if (bd->note)
		fc_buf_addf(b, "      note: %s\n", bd->note);
}

/* Table text on stdout: names, titles, notes and paths come from table
 * files, shown as every text output shows outside text (fc_term_safe). */
static void put_safe(struct fc_buf *b)
{
	if (b->data) {
		_cleanup_free_ char *safe = fc_term_safe_lines(b->data);
		fputs(safe, stdout);
	}
	fc_buf_free(b);
}

static void render_table(const struct fc_policy *p, const struct show_ctx *sc,
			 struct fc_buf *b)
{
	fc_buf_addf(b, "table %s\n", p->name);
	fc_buf_addf(b, "  title: %s\n", p->title);
	fc_buf_addf(b, "  vendor: %s\n", p->vendor);
	put_prov(b, "  ", "source", &p->prov);
	for (size_t i = 0; i < p->n_os; i++) {
		const struct fc_policy_os *os = &p->os[i];
		fc_buf_addf(b, "  applies to: %s %s%s\n", os->id, os->version_id,
			    os->vendor_affirmed ? " (vendor-affirmed operating "
						  "environment)"
						: "");
		put_prov(b, "    ", "source", &os->prov);
	}
	fc_buf_adds(b, "  arches: ");
	put_arches(b, p->arches, p->n_arches);
	fc_buf_adds(b, "\n");
	if (p->n_markers) {
		fc_buf_adds(b, "  marker packages: ");
		put_arches(b, p->markers, p->n_markers);
		fc_buf_adds(b, "\n");
	}
	for (size_t i = 0; i < p->n_signers; i++) {
		fc_buf_addf(b, "  package signer: %s\n", p->signers[i]);
		for (size_t k = 0; sc->keys && k < sc->keys->n; k++) {
			const struct fc_signing_key *key = &sc->keys->v[k];
			if (!fc_streq(key->owner, p->signers[i]))
				continue;
			fc_buf_addf(b, "    key %s: %s\n",
				    key->fingerprint ? key->fingerprint
						     : "(fingerprint not found)",
				    key->name);
			put_prov(b, "      ", "source", &key->prov);
		}
	}
	if (p->n_signers)
		put_prov(b, "    ", "source", &p->signers_prov);
	for (int m = 0; m < FC_MODULE_COUNT_; m++) {
		const struct fc_policy_module *mo = &p->modules[m];
		if (!mo->present) {
			fc_buf_addf(b, "  module %s: not in this table\n",
				    fc_module_name((enum fc_module)m));
			continue;
		}
		fc_buf_addf(b, "  module %s%s%s\n",
			    fc_module_name((enum fc_module)m),
			    mo->title ? ": " : "", mo->title ? mo->title : "");
		if (mo->fips_name)
			fc_buf_addf(b, "    fips_name: %s\n", mo->fips_name);
		if (mo->note)
			fc_buf_addf(b, "    note: %s\n", mo->note);
		for (size_t i = 0; i < mo->n_builds; i++)
			render_build(b, sc, &mo->builds[i]);
		for (size_t i = 0; i < mo->n_compliant; i++) {
			const struct fc_policy_compliant *c = &mo->compliant[i];
			fc_buf_adds(b, "    compliant ");
			put_arches(b, c->arches, c->n_arches);
			fc_buf_addf(b, ": %s %s newer than %s\n", c->package,
				    c->evr_glob, c->newer_than);
			fc_buf_addf(b, "      statement: %s\n", c->statement);
			put_prov(b, "      ", "source", &c->prov);
		}
		for (size_t i = 0; i < mo->n_gaps; i++) {
			const struct fc_policy_gap *g = &mo->gaps[i];
			fc_buf_adds(b, "    not covered ");
			put_arches(b, g->arches, g->n_arches);
			fc_buf_addf(b, ": %s\n", g->reason);
			put_prov(b, "      ", "source", &g->prov);
		}
	}
}

/* --- verbs ------------------------------------------------------------------ */

static int verb_list(struct fc_global *g, int argc, char **argv)
{
	int r = parse_verb(g, argc, argv, "policy");
	if (r < 0)
		return r;
	if (optind < argc)
		return fc_usage_error("policy", "'policy list' takes no "
						"arguments");
	struct fc_policy_set set;
	struct fc_diags diags = { 0 };
	int lr = fc_policy_load_all(&set, &diags);
	fc_diags_print(&diags, stderr);
	fc_diags_free(&diags);
	if (fc_streq(g->format, "json")) {
		struct json_object *arr = json_object_new_array();
		for (size_t i = 0; i < set.n; i++) {
			const struct fc_policy *p = set.v[i];
			struct json_object *o = json_object_new_object();
			struct json_object *os = json_object_new_array();
			struct json_object *ar = json_object_new_array();
			for (size_t k = 0; k < p->n_os; k++) {
				struct json_object *e = json_object_new_object();
				json_object_object_add(e, "id",
						       json_object_new_string(p->os[k].id));
				json_object_object_add(
					e, "version_id",
					json_object_new_string(p->os[k].version_id));
				json_object_array_add(os, e);
			}
			for (size_t k = 0; k < p->n_arches; k++)
				json_object_array_add(
					ar, json_object_new_string(p->arches[k]));
			json_object_object_add(o, "name", json_object_new_string(p->name));
			json_object_object_add(o, "title", json_object_new_string(p->title));
			json_object_object_add(o, "vendor",
					       json_object_new_string(p->vendor));
			json_object_object_add(o, "file", json_object_new_string(p->path));
			json_object_object_add(o, "os", os);
			json_object_object_add(o, "arches", ar);
			json_object_array_add(arr, o);
		}
		puts(json_object_to_json_string_ext(
			arr, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
				     JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(arr);
	} else {
		struct fc_buf b = { 0 };
		for (size_t i = 0; i < set.n; i++) {
			const struct fc_policy *p = set.v[i];
			fc_buf_addf(&b, "%-28s %s\n%-28s applies to ", p->name,
				    p->title, "");
			for (size_t k = 0; k < p->n_os; k++)
				fc_buf_addf(&b, "%s%s %s", k ? ", " : "",
					    p->os[k].id, p->os[k].version_id);
			fc_buf_adds(&b, " (");
			for (size_t k = 0; k < p->n_arches; k++)
				fc_buf_addf(&b, "%s%s", k ? ", " : "",
					    p->arches[k]);
			fc_buf_addf(&b, ")\n%-28s %s\n", "", p->path);
		}
		put_safe(&b);
		if (set.n == 0 && lr == 0)
			printf("no validated-module tables found\n");
	}
	fc_policy_set_free(&set);
	return lr;
}

/* The table file as json-c reads it, pretty-printed. */
static int show_json(const struct fc_policy *p)
{
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	int r = fc_policy_read(p->path, &text, &len);
	if (r < 0) {
		fc_err("policy show: %s: %s", p->path, strerror(-r));
		return r;
	}
	struct json_object *o = json_tokener_parse(text);
	if (!o) {
		fc_err("policy show: %s changed while it was read", p->path);
		return -EBADMSG;
	}
	puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
						       JSON_C_TO_STRING_SPACED |
						       JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return 0;
}

enum { OPT_SHOW_AT = 0x2100 };

static int show_option(void *args, int c, char *arg)
{
	const char **at = args;
	if (c != OPT_SHOW_AT)
		return 0;
	int r = fc_check_at(arg, "policy");
	if (r < 0)
		return r;
	*at = arg;
	return 1;
}

/* The header of 'show': the day statuses are shown as of, and whether
 * the certificate data is old (stderr: a warning, not the table). */
static void show_header(struct fc_buf *b, const struct show_ctx *sc,
			enum fc_time_source src)
{
	_cleanup_free_ char *day = fc_date_format(sc->day);
	fc_buf_addf(b, "certificate statuses as of %s (%s)\n", day,
		    fc_time_source_name(src));
	if (!sc->db) {
		fc_buf_addf(b, "certificate data: none in the search path\n");
		return;
	}
	_cleanup_free_ char *asof = fc_date_format(sc->db->data_as_of);
	fc_buf_addf(b, "certificate data: %s, as of %s\n", sc->db->path, asof);
	put_prov(b, "  ", "source", &sc->db->prov);
	if (fc_cmvp_stale(sc->db, sc->day))
		fc_err("warning: the certificate data is %ld days old (as "
			"of %s, more than %d days before %s): statuses may "
			"have changed since; update %s from NIST's CMVP "
			"pages",
			sc->day - sc->db->data_as_of, asof, FC_CMVP_STALE_DAYS,
			day, FC_CMVP_FILE);
}

static int verb_show(struct fc_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		FC_GLOBAL_OPTIONS,
		{ "at", required_argument, NULL, OPT_SHOW_AT },
		{ NULL, 0, NULL, 0 },
	};
	const char *at = NULL;
	int first = fc_parse_options_args(g, "policy", "", opts, argc, argv,
					  show_option, &at);
	if (first < 0)
		return first;
	int r = fc_global_finish(g, "policy");
	if (r < 0)
		return r;
	if (first >= argc)
		return fc_usage_error("policy", "'policy show' needs a table "
						"name or file");
	struct show_ctx sc = { 0 };
	long long t;
	enum fc_time_source src = FC_TIME_AT;
	if (!at || fc_time_parse(at, &t) < 0)
		t = fc_time_now(&src);
	sc.day = fc_time_day(t);
	_cleanup_cmvp_ struct fc_cmvp *db = NULL;
	_cleanup_signers_ struct fc_signers *keys = NULL;
	struct fc_diags diags = { 0 };
	int dr = fc_cmvp_load_default(&db, &diags);
	int kr = fc_signers_load_default(&keys, &diags);
	fc_diags_print(&diags, stderr);
	fc_diags_free(&diags);
	if ((dr < 0 && dr != -ENOENT) || (kr < 0 && kr != -ENOENT))
		return -EBADMSG;
	sc.db = db;
	sc.keys = keys;
	bool json = fc_streq(g->format, "json");
	for (int i = first; i < argc; i++) {
		_cleanup_policy_ struct fc_policy *p = NULL;
		r = fc_policy_open(argv[i], &p, &diags);
		fc_diags_print(&diags, stderr);
		fc_diags_free(&diags);
		if (r < 0)
			return r;
		if (json) {
			r = show_json(p);
			if (r < 0)
				return r;
			continue;
		}
		struct fc_buf b = { 0 };
		if (i == first)
			show_header(&b, &sc, src);
		fc_buf_adds(&b, "\n");
		render_table(p, &sc, &b);
		put_safe(&b);
	}
	return 0;
}

/* A table, or one of the data files the tables refer to (by its name:
 * cmvp-certificates.json, signing-keys.json). */
static int lint_one(const char *path, struct fc_policy **p,
		    struct fc_diags *diags)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (fc_streq(base, FC_CMVP_FILE)) {
		_cleanup_cmvp_ struct fc_cmvp *db = NULL;
		return fc_cmvp_load(path, &db, diags);
	}
	if (fc_streq(base, FC_SIGNERS_FILE)) {
		struct fc_signers *keys = NULL;
		int r = fc_signers_load(path, &keys, diags);
		fc_signers_free(keys);
		return r;
	}
	return fc_policy_load(path, p, diags);
}

/* Exit 1 when a table has problems (the verdict), 2 when one cannot be
 * read at all (an input error). */
static int verb_lint(struct fc_global *g, int argc, char **argv)
{
	int r = parse_verb(g, argc, argv, "policy");
	if (r < 0)
		return r;
	int worst = 0;
	if (optind >= argc) {
		/* Every table in the search path. */
		struct fc_policy_set set;
		struct fc_diags diags = { 0 };
		r = fc_policy_load_all(&set, &diags);
		fc_diags_print(&diags, stdout);
		for (size_t i = 0; i < set.n; i++)
			printf("%s: ok\n", set.v[i]->path);
		/* The tables' data files were loaded with them. */
		static const char *const data[] = { FC_CMVP_FILE,
						    FC_SIGNERS_FILE };
		for (size_t i = 0; r >= 0 && i < FC_ARRAY_SIZE(data); i++) {
			_cleanup_free_ char *dp = fc_policy_data_path(data[i]);
			if (dp)
				printf("%s: ok\n", dp);
		}
		fc_diags_free(&diags);
		fc_policy_set_free(&set);
		return r < 0 ? 1 : 0;
	}
	for (int i = optind; i < argc; i++) {
		struct fc_policy *p = NULL;
		struct fc_diags diags = { 0 };
		r = lint_one(argv[i], &p, &diags);
		fc_diags_print(&diags, stdout);
		fc_diags_free(&diags);
		if (r == -EBADMSG)
			worst = worst ? worst : 1;
		else if (r < 0)
			worst = r;
		else
			printf("%s: ok\n", argv[i]);
		fc_policy_free(p);
	}
	return worst;
}

static const struct fc_cmd policy_list = {
	.name = "list",
	.usage = "fipsctl [--format text|json] policy list\n",
	.summary = "the tables found and what they apply to\n",
	.run = verb_list,
};

static const struct fc_cmd policy_show = {
	.name = "show",
	.usage = "fipsctl [--format text|json] policy show [--at DATE] NAME|FILE...\n",
	.summary = "a table in full, each certificate's status as of today\n"
		   "(or --at DATE) from the certificate data, with a warning\n"
		   "when that data is more than 180 days old (--format json:\n"
		   "the table as JSON)\n",
	.run = verb_show,
};

static const struct fc_cmd policy_lint = {
	.name = "lint",
	.usage = "fipsctl policy lint [FILE...]\n",
	.summary = "check tables; each problem as file:line:column: message\n"
		   "(exit 1 when a table has problems)\n",
	.run = verb_lint,
};

static const struct fc_cmd *const policy_verbs[] = {
	&policy_list,
	&policy_show,
	&policy_lint,
	NULL,
};

const struct fc_cmd fc_cmd_policy = {
	.name = "policy",
	.summary = "list, show and lint the validated-module tables",
	.help = "The validated-module tables say which builds of the kernel,\n"
		"OpenSSL, libgcrypt, NSS and GnuTLS a certified product stream\n"
		"ships, with certificate numbers and the source of every fact\n"
		"(docs/policies.md).  'check' chooses one by os-release and\n"
		"architecture, or takes --policy.\n",
	.epilog =
		"Tables are searched in the source tree's policies/ (when run\n"
		"from the build directory), " FC_DATADIR "/policies and\n"
		"/etc/fipsctl/policies.d/ (site tables; a site table replaces a\n"
		"shipped one of the same name).  FIPSCTL_POLICY_DIR (colon-\n"
		"separated) replaces the whole list.\n",
	.verbs = policy_verbs,
};
