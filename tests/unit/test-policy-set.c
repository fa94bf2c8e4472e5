// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/policy/policy-set.c: the search path
 * (FIPSCTL_POLICY_DIR, later directories override), the candidates for a
 * host and the choice between tables by marker package.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "base/strv.h"
#include "policy-table.h"

static bool installed_set(void *ud, const char *name)
{
	for (const char *const *n = ud; *n; n++)
		if (fc_streq(*n, name))
			return true;
	return false;
}

static struct fc_policy *mini(const char *name, const char *marker)
{
	_cleanup_free_ char *text = fc_asprintf(
		"{\"format\": \"fipsctl-policy/2\", \"name\": \"%s\", "
		"\"title\": \"t\", \"vendor\": \"v\", \"applies_to\": {\"os\": "
		"[{\"id\": \"rocky\", \"version_id\": \"9.6\", " PROV "}], "
		"\"arches\": [\"x86_64\"]%s%s%s}, " PROV ", \"modules\": "
		"{\"kernel\": {}}}",
		name, marker ? ", \"marker_packages\": [\"" : "",
		marker ? marker : "", marker ? "\"]" : "");
	struct fc_policy *p = NULL;
	struct fc_diags d = { 0 };
	if (fc_policy_parse(text, strlen(text), name, &p, &d) < 0)
		fc_diags_print(&d, stderr);
	fc_diags_free(&d);
	return p;
}

static void test_choose(void)
{
	struct fc_policy *c[2] = { mini("tux", "tux-release"), mini("ciq", NULL) };
	CHECK(c[0] && c[1]);
	if (!c[0] || !c[1])
		goto out;
	char *why = NULL;
	const char *none[] = { NULL };
	const char *tux[] = { "tux-release", NULL };
	CHECK_INT(fc_policy_choose(c, 2, installed_set, (void *)tux, &why), 0);
	free(why);
	CHECK_INT(fc_policy_choose(c, 2, installed_set, (void *)none, &why), 1);
	free(why);
	/* Without the rpmdb two tables cannot be told apart. */
	CHECK_INT(fc_policy_choose(c, 2, NULL, NULL, &why), -1);
	CHECK(why && strstr(why, "rpmdb"));
	free(why);
	/* One table applies whatever its marker says. */
	CHECK_INT(fc_policy_choose(c, 1, installed_set, (void *)none, &why), 0);
	CHECK(why && strstr(why, "not installed"));
	free(why);
	CHECK_INT(fc_policy_choose(c, 0, NULL, NULL, &why), -1);
	free(why);
	CHECK(fc_policy_applies(c[0], "rocky", "9.6", "x86_64"));
	CHECK(!fc_policy_applies(c[0], "rocky", "9.6", "aarch64"));
	CHECK(!fc_policy_applies(c[0], "rocky", "9.2", "x86_64"));
	CHECK(!fc_policy_applies(c[0], NULL, NULL, NULL));
out:
	fc_policy_free(c[0]);
	fc_policy_free(c[1]);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	CHECK_INT(fclose(f), 0);
}

/* The search path: FIPSCTL_POLICY_DIR, later directories override. */
static void test_search_path(void)
{
	char tmpl[] = "/tmp/fipsctl-policy-XXXXXX";
	char *dir = mkdtemp(tmpl);
	CHECK(dir != NULL);
	if (!dir)
		return;
	_cleanup_free_ char *a = fc_asprintf("%s/a", dir);
	_cleanup_free_ char *b = fc_asprintf("%s/b", dir);
	_cleanup_free_ char *fa = fc_asprintf("%s/t.json", a);
	_cleanup_free_ char *fb = fc_asprintf("%s/site.json", b);
	_cleanup_free_ char *fbad = fc_asprintf("%s/zz.json", b);
	_cleanup_free_ char *fdb = fc_asprintf("%s/cmvp-certificates.json", a);
	CHECK_INT(mkdir(a, 0700), 0);
	CHECK_INT(mkdir(b, 0700), 0);
	write_file(fa, table_text);
	/* The certificate data is not a table; every table's references
	 * into it must resolve. */
	write_file(fdb, cmvp_text);
	/* The same table name in the later (site) directory wins. */
	write_file(fb, table_text);
	_cleanup_free_ char *env = fc_asprintf("%s::%s", a, b);
	setenv("FIPSCTL_POLICY_DIR", env, 1);
	char **dirs = fc_policy_dirs();
	CHECK_STR(dirs[0], a);
	CHECK_STR(dirs[1], b);
	CHECK(dirs[2] == NULL);
	fc_strv_free(dirs);

	struct fc_policy_set set;
	struct fc_diags d = { 0 };
	CHECK_INT(fc_policy_load_all(&set, &d), 0);
	CHECK_INT(set.n, 1);
	if (set.n)
		CHECK_STR(set.v[0]->path, fb);
	fc_policy_set_free(&set);

	char **paths = NULL;
	CHECK_INT(fc_policy_candidates(NULL, "almalinux", "9.2", "x86_64",
				       &paths, &d),
		  0);
	CHECK(paths && paths[0] && !paths[1]);
	fc_strv_free(paths);
	CHECK_INT(fc_policy_candidates(NULL, "almalinux", "9.2", "s390x",
				       &paths, &d),
		  0);
	CHECK(paths && !paths[0]);
	fc_strv_free(paths);
	CHECK_INT(fc_policy_candidates("unit", "debian", "12", "x86_64", &paths,
				       &d),
		  0);
	CHECK(paths && paths[0]);
	fc_strv_free(paths);
	CHECK_INT(fc_policy_candidates("nosuch", NULL, NULL, NULL, &paths, &d),
		  -ENOENT);
	CHECK_INT(d.n, 1);
	fc_diags_free(&d);

	/* A reference to a certificate the data lacks stops the search at
	 * the reference's place. */
	_cleanup_free_ char *fref = fc_asprintf("%s/ref.json", b);
	_cleanup_free_ char *reft = fc_strdup(table_text);
	char *num = strstr(reft, "\"unit\"");
	memcpy(num, "\"ref1\"", 6);
	num = strstr(reft, "4823");
	memcpy(num, "4824", 4);
	write_file(fref, reft);
	CHECK_INT(fc_policy_load_all(&set, &d), -EBADMSG);
	CHECK_INT(d.n, 1);
	if (d.n) {
		CHECK_STR(d.v[0].file, fref);
		CHECK(strstr(d.v[0].msg, "certificate #4824 is not in") != NULL);
		CHECK(d.v[0].line > 0);
	}
	fc_policy_set_free(&set);
	fc_diags_free(&d);
	unlink(fref);

	/* A broken table fails the whole search, naming itself. */
	write_file(fbad, "{");
	CHECK_INT(fc_policy_load_all(&set, &d), -EBADMSG);
	CHECK_INT(set.n, 1);
	CHECK_INT(d.n, 1);
	if (d.n)
		CHECK_STR(d.v[0].file, fbad);
	fc_policy_set_free(&set);
	fc_diags_free(&d);
	unsetenv("FIPSCTL_POLICY_DIR");
	unlink(fa);
	unlink(fb);
	unlink(fbad);
	unlink(fdb);
	rmdir(a);
	rmdir(b);
	rmdir(dir);
}

int main(void)
{
	RUN(test_choose);
	RUN(test_search_path);
	TEST_MAIN_END();
}
