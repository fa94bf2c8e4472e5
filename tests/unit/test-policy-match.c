// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/policy/policy-match.c: the matching rules with rpm's
 * own version comparison (helpers/rpmdb/rpm-evr.h, linked with librpmio
 * for this test only), epochs, '~' and '^' ordering, patterns,
 * architectures, coverage, and the helper's package facts.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "policy-table.h"
#include "rpm-evr.h"

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

int main(void)
{
	RUN(test_rpm_order);
	RUN(test_classify_exact_and_epoch);
	RUN(test_classify_tilde_caret);
	RUN(test_classify_compliant);
	RUN(test_classify_patterns_and_in_process);
	RUN(test_coverage);
	RUN(test_installed_pkg_roundtrip);
	TEST_MAIN_END();
}
