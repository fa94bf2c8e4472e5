// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of src/policy*.c and src/base/jsonpos.c: the matching rules with
 * rpm's own version comparison (helpers/rpmdb/rpm-evr.h, linked with librpmio for
 * this test only), epochs, '~' and '^' ordering, patterns, architectures,
 * coverage, the choice by marker package, the helper's package facts and
 * the positions the linter reports.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "base/jsonpos.h"
#include "policy/policy.h"
#include "rpm-evr.h"

#define PROV                                                                   \
	"\"provenance\": {\"source\": \"unit test\", \"date\": \"2026-11\", "   \
	"\"confidence\": \"verified\"}"
#define CERT(num, st)                                                          \
	"\"certificate\": {\"number\": " num ", \"status\": \"" st "\", " PROV \
	"}"

/* A table exercising every kind of entry. */
static const char table_text[] =
	"{\"format\": \"fipsctl-policy/1\", \"name\": \"unit\",\n"
	" \"title\": \"Unit\", \"vendor\": \"Test\",\n"
	" \"applies_to\": {\"os\": [{\"id\": \"almalinux\", \"version_id\": "
	"\"9.2\", " PROV "}],\n"
	"   \"arches\": [\"x86_64\", \"aarch64\"]},\n"
	" " PROV ",\n"
	" \"modules\": {\n"
	"  \"kernel\": {\"builds\": [\n"
	"    {\"arches\": [\"x86_64\"], \"packages\": [{\"name\": "
	"\"kernel-core\", \"evr\": \"5.14.0-284.11.1.el9_2.tuxcare.6\"}], "
	CERT("4750", "active") ", " PROV "}],\n"
	"   \"compliant\": [{\"arches\": [\"x86_64\"], \"package\": "
	"\"kernel-core\", \"evr_glob\": \"5.14.0-284.*.el9_2.tuxcare.*\", "
	"\"newer_than\": \"5.14.0-284.11.1.el9_2.tuxcare.6\", \"statement\": "
	"\"patched\", " PROV "}]},\n"
	"  \"openssl\": {\"builds\": [\n"
	"    {\"arches\": [\"x86_64\", \"aarch64\"], \"module_version\": "
	"\"3.0.7-1d2bd88ee26b3c90\", \"packages\": [{\"name\": "
	"\"openssl-libs\", \"evr\": \"1:3.0.7-20.el9_2.tuxcare.1\"}], "
	CERT("4823", "active") ", " PROV "}]},\n"
	"  \"libgcrypt\": {\"builds\": [\n"
	"    {\"arches\": [\"x86_64\"], \"packages\": [{\"name\": \"libgcrypt\", "
	"\"evr\": \"1.0-1\"}], " CERT("null", "unknown") ", " PROV "},\n"
	"    {\"arches\": [\"x86_64\"], \"packages\": [{\"name\": \"libgcrypt\", "
	"\"evr\": \"1.0.1-1\"}], " CERT("null", "unknown") ", " PROV "}],\n"
	"   \"not_covered\": [{\"arches\": [\"aarch64\"], \"reason\": \"not "
	"on arm\", " PROV "}]},\n"
	"  \"gnutls\": {\"builds\": [\n"
	"    {\"arches\": [\"x86_64\"], \"packages\": [{\"name\": \"gnutls\", "
	"\"evr_glob\": \"3.7.6-23.*\"}], " CERT("null", "in-process") ", " PROV
	"},\n"
	"    {\"arches\": [\"x86_64\"], \"packages\": [{\"name\": \"gnutls\", "
	"\"evr\": \"3.7.6-23.el9_2.x\"}], " CERT("99", "active") ", " PROV
	"}]}\n"
	" }}\n";

static struct fc_policy *load_table(void)
{
	struct fc_policy *p = NULL;
	struct fc_diags d = { 0 };
	int r = fc_policy_parse(table_text, strlen(table_text), "unit.json", &p,
				&d);
	if (r < 0)
		fc_diags_print(&d, stderr);
	fc_diags_free(&d);
	return p;
}

static enum fc_pkg_class cls_of(const struct fc_policy *p, enum fc_module m,
				const char *name, const char *evr,
				const char *arch, enum fc_pkg_relation *rel)
{
	struct fc_pkg_match mt;
	int r = fc_policy_classify(p, m, name, evr, arch, fc_rpm_evr_cmp, &mt);
	if (r < 0)
		return (enum fc_pkg_class)-1;
	if (rel)
		*rel = mt.rel;
	return mt.cls;
}

static int cmp(const char *a, const char *b)
{
	int res = 99;
	if (fc_rpm_evr_cmp(a, b, &res) < 0)
		return 99;
	return res < 0 ? -1 : res > 0 ? 1 : 0;
}

/* rpm's ordering, as the rules see it through the callback. */
static void test_rpm_order(void)
{
	/* The epoch decides before anything else; none means 0. */
	CHECK_INT(cmp("1:3.0.7-20", "3.0.7-20"), 1);
	CHECK_INT(cmp("0:3.0.7-20", "3.0.7-20"), 0);
	CHECK_INT(cmp("1:1.0-1", "2:0.1-1"), -1);
	/* '~' sorts before everything, even the end of the string. */
	CHECK_INT(cmp("1.0~rc1-1", "1.0-1"), -1);
	CHECK_INT(cmp("1.0~rc1-1", "1.0~rc2-1"), -1);
	CHECK_INT(cmp("1.0-1.el9~", "1.0-1.el9"), -1);
	/* '^' sorts after the end but before anything else. */
	CHECK_INT(cmp("1.0^git1-1", "1.0-1"), 1);
	CHECK_INT(cmp("1.0^git1-1", "1.0.1-1"), -1);
	/* Numbers compare as numbers; letters sort before numbers. */
	CHECK_INT(cmp("5.14.0-284.1101.el9_2.tuxcare.7",
		      "5.14.0-284.11.1.el9_2.tuxcare.6"),
		  1);
	CHECK_INT(cmp("1.10.0-10.el9_2", "1.10.0-10.el9_2.tuxcare.3"), -1);
	CHECK_INT(cmp("1.0a-1", "1.0.1-1"), -1);
	CHECK_INT(cmp("1.01-1", "1.1-1"), 0);
}

static void test_evr_syntax(void)
{
	CHECK(fc_evr_valid("1:3.0.7-20.el9_2.tuxcare.1"));
	CHECK(fc_evr_valid("5.14.0-284.11.1.el9_2"));
	CHECK(fc_evr_valid("1.0~rc1-1^git2"));
	CHECK(!fc_evr_valid("3.0.7"));        /* no release */
	CHECK(!fc_evr_valid("3.0.7-1-2"));    /* two dashes */
	CHECK(!fc_evr_valid("x:3.0.7-1"));    /* epoch not a number */
	CHECK(!fc_evr_valid(":3.0.7-1"));
	CHECK(!fc_evr_valid("3.0 7-1"));
	CHECK(!fc_evr_valid("-1"));
	CHECK(!fc_evr_valid("1-"));
	CHECK(!fc_evr_valid("1234567890:1-1")); /* epoch beyond 32 bits */
	CHECK_STR(fc_evr_no_epoch("1:3.0.7-20"), "3.0.7-20");
	CHECK_STR(fc_evr_no_epoch("3.0.7-20"), "3.0.7-20");
}

static void test_classify_exact_and_epoch(void)
{
	_cleanup_policy_ struct fc_policy *p = load_table();
	CHECK(p);
	if (!p)
		return;
	enum fc_pkg_relation rel;
	CHECK_INT(cls_of(p, FC_MODULE_OPENSSL, "openssl-libs",
			 "1:3.0.7-20.el9_2.tuxcare.1", "x86_64", &rel),
		  FC_PKG_VALIDATED);
	/* The same version-release without the epoch is another build. */
	CHECK_INT(cls_of(p, FC_MODULE_OPENSSL, "openssl-libs",
			 "3.0.7-20.el9_2.tuxcare.1", "x86_64", &rel),
		  FC_PKG_UNLISTED);
	CHECK_INT(rel, FC_REL_EPOCH_DIFFERS);
	/* A higher epoch is newer whatever the version says. */
	CHECK_INT(cls_of(p, FC_MODULE_OPENSSL, "openssl-libs", "2:1.0-1",
			 "x86_64", &rel),
		  FC_PKG_UNLISTED);
	CHECK_INT(rel, FC_REL_NEWER);
	/* The validated build on another architecture is not validated. */
	CHECK_INT(cls_of(p, FC_MODULE_OPENSSL, "openssl-libs",
			 "1:3.0.7-20.el9_2.tuxcare.1", "i686", &rel),
		  FC_PKG_UNLISTED);
	CHECK_INT(cls_of(p, FC_MODULE_OPENSSL, "openssl-libs",
			 "1:3.0.7-20.el9_2.tuxcare.1", "aarch64", &rel),
		  FC_PKG_VALIDATED);
}

static void test_classify_tilde_caret(void)
{
	_cleanup_policy_ struct fc_policy *p = load_table();
	if (!p)
		return;
	enum fc_pkg_relation rel;
	/* Validated: 1.0-1 and 1.0.1-1. */
	CHECK_INT(cls_of(p, FC_MODULE_LIBGCRYPT, "libgcrypt", "1.0-1", "x86_64",
			 &rel),
		  FC_PKG_VALIDATED);
	CHECK_INT(cls_of(p, FC_MODULE_LIBGCRYPT, "libgcrypt", "1.0~rc1-1",
			 "x86_64", &rel),
		  FC_PKG_UNLISTED);
	CHECK_INT(rel, FC_REL_OLDER);
	CHECK_INT(cls_of(p, FC_MODULE_LIBGCRYPT, "libgcrypt", "1.0^git1-1",
			 "x86_64", &rel),
		  FC_PKG_UNLISTED);
	CHECK_INT(rel, FC_REL_BETWEEN);
	CHECK_INT(cls_of(p, FC_MODULE_LIBGCRYPT, "libgcrypt", "1.0.1^git1-1",
			 "x86_64", &rel),
		  FC_PKG_UNLISTED);
	CHECK_INT(rel, FC_REL_NEWER);
	/* rpm treats 1.00 as 1.0: the same build. */
	CHECK_INT(cls_of(p, FC_MODULE_LIBGCRYPT, "libgcrypt", "1.00-1",
			 "x86_64", &rel),
		  FC_PKG_VALIDATED);
	/* A release with '~' sorts before the validated one. */
	CHECK_INT(cls_of(p, FC_MODULE_LIBGCRYPT, "libgcrypt", "1.0-1~pre",
			 "x86_64", &rel),
		  FC_PKG_UNLISTED);
	CHECK_INT(rel, FC_REL_OLDER);
}

static void test_classify_compliant(void)
{
	_cleanup_policy_ struct fc_policy *p = load_table();
	if (!p)
		return;
	enum fc_pkg_relation rel;
	CHECK_INT(cls_of(p, FC_MODULE_KERNEL, "kernel-core",
			 "5.14.0-284.1101.el9_2.tuxcare.7", "x86_64", &rel),
		  FC_PKG_COMPLIANT);
	/* Matches the pattern but is older than the validated build. */
	CHECK_INT(cls_of(p, FC_MODULE_KERNEL, "kernel-core",
			 "5.14.0-284.11.1.el9_2.tuxcare.4", "x86_64", &rel),
		  FC_PKG_UNLISTED);
	CHECK_INT(rel, FC_REL_OLDER);
	/* Newer, but not the vendor's stream. */
	CHECK_INT(cls_of(p, FC_MODULE_KERNEL, "kernel-core",
			 "5.14.0-284.30.1.el9_2", "x86_64", &rel),
		  FC_PKG_UNLISTED);
	CHECK_INT(rel, FC_REL_NEWER);
	/* A '~' pre-release of the validated build is not newer. */
	CHECK_INT(cls_of(p, FC_MODULE_KERNEL, "kernel-core",
			 "5.14.0-284.11.1.el9_2.tuxcare.6~1", "x86_64", &rel),
		  FC_PKG_UNLISTED);
	/* A '^' snapshot after it is. */
	CHECK_INT(cls_of(p, FC_MODULE_KERNEL, "kernel-core",
			 "5.14.0-284.11.1.el9_2.tuxcare.6^1", "x86_64", &rel),
		  FC_PKG_COMPLIANT);
	/* The exact validated build is validated, not compliant. */
	CHECK_INT(cls_of(p, FC_MODULE_KERNEL, "kernel-core",
			 "5.14.0-284.11.1.el9_2.tuxcare.6", "x86_64", &rel),
		  FC_PKG_VALIDATED);
	/* Rules are per architecture. */
	CHECK_INT(cls_of(p, FC_MODULE_KERNEL, "kernel-core",
			 "5.14.0-284.1101.el9_2.tuxcare.7", "aarch64", &rel),
		  FC_PKG_UNLISTED);
}

static void test_classify_patterns_and_in_process(void)
{
	_cleanup_policy_ struct fc_policy *p = load_table();
	if (!p)
		return;
	struct fc_pkg_match mt;
	/* An exact validated EVR wins over an in-process pattern. */
	CHECK_INT(fc_policy_classify(p, FC_MODULE_GNUTLS, "gnutls",
				     "3.7.6-23.el9_2.x", "x86_64",
				     fc_rpm_evr_cmp, &mt),
		  0);
	CHECK_INT(mt.cls, FC_PKG_VALIDATED);
	CHECK_STR(mt.pkg->evr, "3.7.6-23.el9_2.x");
	CHECK_INT(fc_policy_classify(p, FC_MODULE_GNUTLS, "gnutls",
				     "3.7.6-23.el9_2.y", "x86_64",
				     fc_rpm_evr_cmp, &mt),
		  0);
	CHECK_INT(mt.cls, FC_PKG_IN_PROCESS);
	CHECK_STR(mt.pkg->evr_glob, "3.7.6-23.*");
	/* The helper's ref leads back to the same entries. */
	const struct fc_policy_pkg *pk = NULL;
	CHECK(fc_policy_find_build(p, FC_MODULE_GNUTLS, "x86_64", "gnutls",
				   "3.7.6-23.*", &pk) == mt.build);
	CHECK(fc_policy_validated_by_evr(p, FC_MODULE_GNUTLS, "x86_64",
					 "gnutls", "3.7.6-23.*") == NULL);
	CHECK(fc_policy_find_rule(p, FC_MODULE_KERNEL, "x86_64", "kernel-core",
				  "5.14.0-284.*.el9_2.tuxcare.*") != NULL);
	CHECK(fc_policy_module_has_package(p, FC_MODULE_NSS, "nss") == false);
	CHECK(fc_policy_module_has_package(p, FC_MODULE_GNUTLS, "gnutls"));
}

static void test_coverage(void)
{
	_cleanup_policy_ struct fc_policy *p = load_table();
	if (!p)
		return;
	const struct fc_policy_gap *g;
	CHECK_INT(fc_policy_coverage(p, FC_MODULE_OPENSSL, "aarch64", &g),
		  FC_COVER_YES);
	CHECK_INT(fc_policy_coverage(p, FC_MODULE_LIBGCRYPT, "aarch64", &g),
		  FC_COVER_NO);
	CHECK(g && fc_streq(g->reason, "not on arm"));
	/* Only a compliant rule, no build there: covered by the rule. */
	CHECK_INT(fc_policy_coverage(p, FC_MODULE_KERNEL, "x86_64", &g),
		  FC_COVER_YES);
	CHECK_INT(fc_policy_coverage(p, FC_MODULE_KERNEL, "aarch64", &g),
		  FC_COVER_UNKNOWN);
	CHECK_INT(fc_policy_coverage(p, FC_MODULE_NSS, "x86_64", &g),
		  FC_COVER_UNKNOWN);
}

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
		"{\"format\": \"fipsctl-policy/1\", \"name\": \"%s\", "
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

static void test_installed_pkg_roundtrip(void)
{
	struct fc_installed_pkg p = {
		.module = FC_MODULE_KERNEL,
		.nevra = "kernel-core-5.14.0-1.el9.x86_64",
		.name = "kernel-core",
		.evr = "5.14.0-1.el9",
		.arch = "x86_64",
		.cls = FC_PKG_UNLISTED,
		.rel = FC_REL_OLDER,
	};
	_cleanup_free_ char *s = fc_installed_pkg_format(&p);
	CHECK_STR(s, "kernel-core-5.14.0-1.el9.x86_64 module=kernel "
		     "name=kernel-core evr=5.14.0-1.el9 arch=x86_64 "
		     "class=unlisted relation=older");
	struct fc_installed_pkg q;
	CHECK_INT(fc_installed_pkg_parse(s, &q), 0);
	CHECK_STR(q.evr, "5.14.0-1.el9");
	CHECK_INT(q.rel, FC_REL_OLDER);
	CHECK(q.ref == NULL);
	_cleanup_free_ char *rel = fc_installed_pkg_release(&q);
	CHECK_STR(rel, "5.14.0-1.el9.x86_64");
	fc_installed_pkg_clear(&q);
	/* The epoch is not part of a kernel release. */
	struct fc_installed_pkg e = { .evr = "1:2-3", .arch = "noarch" };
	_cleanup_free_ char *er = fc_installed_pkg_release(&e);
	CHECK_STR(er, "2-3.noarch");

	static const char *const bad[] = {
		"",
		"x module=kernel name=a evr=1-1 arch=x86_64",        /* no class */
		"x module=kern name=a evr=1-1 arch=x86_64 class=validated",
		"x module=kernel name=a evr=1-1 arch=x86_64 class=ok",
		"x y module=kernel name=a evr=1-1 arch=x class=validated",
		"x module=kernel name=a name=b evr=1-1 arch=x class=validated",
		"x module=kernel name= evr=1-1 arch=x class=validated",
		"x module=kernel name=a evr=1-1 arch=x class=validated "
		"relation=sideways",
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(bad); i++) {
		CHECK_INT(fc_installed_pkg_parse(bad[i], &q), -EBADMSG);
		CHECK(q.nevra == NULL);
	}
	/* Keys a newer helper adds are ignored. */
	CHECK_INT(fc_installed_pkg_parse("x module=nss name=a evr=1-1 arch=y "
					 "class=validated ref=1-1 extra=1",
					 &q),
		  0);
	CHECK_STR(q.ref, "1-1");
	fc_installed_pkg_clear(&q);
}

static void test_positions(void)
{
	static const char text[] = "{\n"
				   "  \"a\": [1, {\"b\": \"x\"}],\n"
				   "  \"\\u00e9t\\u00e9\": \"\xc3\xa9\", \"c\": 2,\n"
				   "  \"a\": null\n"
				   "}\n";
	struct fc_jpos p;
	CHECK_INT(fc_jpos_index(text, strlen(text), &p), 0);
	unsigned l, c;
	fc_jpos_find(&p, "a[1].b", false, &l, &c);
	CHECK_INT(l, 2);
	CHECK_INT(c, 18);
	fc_jpos_find(&p, "a[1].b", true, &l, &c);
	CHECK_INT(c, 13);
	/* Columns count characters: "é" is one. */
	fc_jpos_find(&p, "c", true, &l, &c);
	CHECK_INT(l, 3);
	CHECK_INT(c, 25);
	fc_jpos_find(&p, "\xc3\xa9t\xc3\xa9", false, &l, &c);
	CHECK_INT(c, 20);
	/* The last of repeated keys is the one json-c keeps. */
	fc_jpos_find(&p, "a", false, &l, &c);
	CHECK_INT(l, 4);
	/* A path not indexed falls back to its nearest ancestor. */
	fc_jpos_find(&p, "c.x[3]", false, &l, &c);
	CHECK_INT(l, 3);
	fc_jpos_find(&p, "nothing.here", true, &l, &c);
	CHECK_INT(l, 1);
	CHECK_INT(c, 1);
	CHECK_INT(p.n_dups, 1);
	if (p.n_dups) {
		CHECK_STR(p.dups[0].path, "a");
		CHECK_INT(p.dups[0].line, 4);
		CHECK_INT(p.dups[0].fline, 2);
	}
	fc_jpos_free(&p);

	static const char *const bad[] = { "{'a': 1}", "[NaN]", "[1.]",
					   "{\"a\" 1}", "[1] x", "[\"\t\"]" };
	for (size_t i = 0; i < FC_ARRAY_SIZE(bad); i++) {
		CHECK_INT(fc_jpos_index(bad[i], strlen(bad[i]), &p), -EBADMSG);
		CHECK(p.err_what != NULL);
		fc_jpos_free(&p);
	}
	fc_text_linecol("ab\ncd", 5, 4, &l, &c);
	CHECK_INT(l, 2);
	CHECK_INT(c, 2);
}

/* Every problem is reported, in file order, with its position. */
static void test_lint_collects(void)
{
	static const char text[] =
		"{\"format\": \"fipsctl-policy/2\", \"name\": \"-x\",\n"
		" \"title\": \"\", \"vendor\": \"v\", \"applies_to\": {\"os\": [],"
		" \"arches\": [\"x86_64\"]},\n"
		" \"provenance\": {\"source\": \"s\", \"date\": \"2026-13\", "
		"\"confidence\": \"sure\"},\n"
		" \"modules\": {\"kernel\": {\"builds\": [{\"arches\": "
		"[\"s390x\"], \"packages\": [], " CERT("null", "active") "}]}}}\n";
	struct fc_policy *p = NULL;
	struct fc_diags d = { 0 };
	CHECK_INT(fc_policy_parse(text, strlen(text), "t.json", &p, &d),
		  -EBADMSG);
	CHECK(p == NULL);
	static const char *const want[] = {
		"1:12 unsupported format",
		"1:40 \"-x\" is not a valid table name",
		"2:11 \"title\" must not be empty",
		"2:51 \"os\" must not be empty",
		"3:40 \"2026-13\" is not a date",
		"3:65 \"sure\" is not a valid confidence",
		"4:36 a build has no \"provenance\"",
		"4:36 a build must name its packages",
		"4:48 architecture \"s390x\" is not one of",
		"4:100 a certificate with status active needs its number",
	};
	CHECK_INT(d.n, FC_ARRAY_SIZE(want));
	for (size_t i = 0; i < d.n && i < FC_ARRAY_SIZE(want); i++) {
		_cleanup_free_ char *got = fc_asprintf("%u:%u %s", d.v[i].line,
						       d.v[i].col, d.v[i].msg);
		if (strncmp(got, want[i], strlen(want[i])) != 0) {
			fprintf(stderr, "diag %zu: \"%s\", expected \"%s...\"\n",
				i, got, want[i]);
			fc_t_fail_now++;
		}
	}
	fc_diags_free(&d);
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
	CHECK_INT(mkdir(a, 0700), 0);
	CHECK_INT(mkdir(b, 0700), 0);
	write_file(fa, table_text);
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
	rmdir(a);
	rmdir(b);
	rmdir(dir);
}

int main(void)
{
	RUN(test_rpm_order);
	RUN(test_evr_syntax);
	RUN(test_classify_exact_and_epoch);
	RUN(test_classify_tilde_caret);
	RUN(test_classify_compliant);
	RUN(test_classify_patterns_and_in_process);
	RUN(test_coverage);
	RUN(test_choose);
	RUN(test_installed_pkg_roundtrip);
	RUN(test_positions);
	RUN(test_lint_collects);
	RUN(test_search_path);
	TEST_MAIN_END();
}
