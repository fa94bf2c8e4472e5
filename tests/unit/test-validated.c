// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of checks/validated.c and checks/validated-kernel.c: how the
 * runtime identifier and the installed packages combine into a verdict.
 * The decision itself (fc_vjudge_decide) is pure and table-tested, one
 * row per outcome and per status it can take; the checks are then run
 * whole on a few cases.
 *
 * Test double, and why: the probe and rpmdb findings these checks read
 * are written here by hand.  A RHEL-family runtime module version
 * ("3.0.7-395c1a240fbfffd8") cannot be produced by Debian's libraries, and
 * these cases need it next to package facts that disagree with it; the
 * real probes and the real rpmdb helper are tested end to end in
 * tests/probes/ and tests/policy/.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks.h"
#include "harness.h"
#include "policy/policy.h"
#include "validated.h"

#define PROV                                                                   \
	"\"provenance\": {\"source\": \"unit test\", \"date\": \"2026-11\", "   \
	"\"confidence\": \"verified\"}"

static const char table_text[] =
	"{\"format\": \"fipsctl-policy/2\", \"name\": \"unit-rhel\", "
	"\"title\": \"t\", \"vendor\": \"v\", \"applies_to\": {\"os\": "
	"[{\"id\": \"rhel\", \"version_id\": \"9.2\", " PROV "}], "
	"\"arches\": [\"x86_64\"]}, " PROV ", \"modules\": {"
	"\"openssl\": {\"builds\": [{\"arches\": [\"x86_64\"], "
	"\"module_version\": \"3.0.7-395c1a240fbfffd8\", \"packages\": "
	"[{\"name\": \"openssl-libs\", \"evr\": \"1:3.0.7-17.el9_2\"}], "
	"\"certificate\": {\"number\": 4746, " PROV "}, " PROV "}]}}}";

/* The certificate data, in a policy directory of its own: #4746 as NIST
 * lists it (an interim validation with a two-year sunset). */
static const char cmvp_text[] =
	"{\"format\": \"fipsctl-cmvp/1\", \"data_as_of\": \"2026-04-15\", "
	PROV ", \"certificates\": [{\"number\": 4746, \"module\": "
	"\"RHEL 9 OpenSSL\", \"vendor\": \"Red Hat\", \"status\": "
	"\"active\", \"validation_date\": \"2024-07-31\", \"sunset_date\": "
	"\"2026-07-30\", " PROV "}]}";

static char table_path[] = "/tmp/fipsctl-test-validated-XXXXXX";
static char data_dir[] = "/tmp/fipsctl-test-validated-dir-XXXXXX";

struct run {
	struct fc_report *report;
	struct fc_ctx ctx;
	const char *files[2];
	/* An empty root: the checks read it (validated.kernel looks for
	 * live patches), and it has nothing. */
	char dir[64];
};

static void run_start(struct run *r)
{
	memset(r, 0, sizeof(*r));
	r->report = fc_report_new();
	r->report->host.os_id = fc_strdup("rhel");
	r->report->host.os_version_id = fc_strdup("9.2");
	r->report->host.arch = fc_strdup("x86_64");
	r->report->host.kernel_release = fc_strdup("5.14.0-284.11.1.el9_2.x86_64");
	r->files[0] = table_path;
	r->ctx.report = r->report;
	r->ctx.opts.policy_files = r->files;
	snprintf(r->dir, sizeof(r->dir), "/tmp/fipsctl-validated.XXXXXX");
	t_tree(r->dir);
	if (fc_root_new(r->dir, &r->ctx.root) < 0)
		t_die(r->dir);
	/* Judged as of 2026-01-01, when #4746 was active. */
	CHECK_INT(fc_time_parse("2026-01-01", &r->ctx.opts.check_time), 0);
}

/* What openssl.provider would say on a RHEL 9.2 host. */
static void add_provider(struct run *r, const char *version)
{
	struct fc_finding *f =
		fc_report_add(r->report, "openssl.provider", "openssl.provider");
	fc_finding_status(f, FC_STATUS_PASS, "provider active");
	fc_finding_fact(f, "provider_name", "Red Hat Enterprise Linux 9 - "
					    "OpenSSL FIPS Provider");
	fc_finding_fact(f, "provider_version", "%s", version);
}

/* What the rpmdb helper would say, one package fact. */
static void add_rpmdb(struct run *r, const char *pkg_fact)
{
	struct fc_finding *f =
		fc_report_add(r->report, "validated.rpmdb", "validated.rpmdb");
	fc_finding_status(f, FC_STATUS_PASS, "1 package");
	fc_finding_fact(f, "policy", "unit-rhel");
	fc_finding_fact(f, "package.1", "%s", pkg_fact);
}

static const struct fc_finding *judge(struct run *r, const struct fc_check *c)
{
	r->ctx.current = c;
	int rc = c->run(&r->ctx);
	CHECK_INT(rc, 0);
	r->ctx.current = NULL;
	return fc_report_find(r->report, c->id);
}

static void run_end(struct run *r)
{
	fc_root_free(r->ctx.root);
	r->ctx.root = NULL;
	t_rmtree(r->dir);
	fc_ctx_done(&r->ctx);
	fc_report_free(r->report);
}

#define VALIDATED_PKG                                                          \
	"openssl-libs-1:3.0.7-17.el9_2.x86_64 module=openssl "                 \
	"name=openssl-libs evr=1:3.0.7-17.el9_2 arch=x86_64 class=validated "  \
	"ref=1:3.0.7-17.el9_2"
#define UNLISTED_PKG                                                           \
	"openssl-libs-1:3.0.7-18.el9_2.x86_64 module=openssl "                 \
	"name=openssl-libs evr=1:3.0.7-18.el9_2 arch=x86_64 class=unlisted "   \
	"relation=newer"

static void test_runtime_and_rpm_agree(void)
{
	struct run r;
	run_start(&r);
	add_provider(&r, "3.0.7-395c1a240fbfffd8");
	add_rpmdb(&r, VALIDATED_PKG);
	const struct fc_finding *f = judge(&r, &fc_check_validated_openssl);
	CHECK(f != NULL);
	if (f) {
		CHECK_INT(f->status, FC_STATUS_PASS);
		CHECK_STR(fc_finding_get_fact(f, "verdict"), "validated");
		CHECK_STR(fc_finding_get_fact(f, "certificate"), "#4746");
		CHECK_STR(fc_finding_get_fact(f, "runtime_match"),
			  "module version 3.0.7-395c1a240fbfffd8 is the "
			  "validated build");
		CHECK_STR(fc_finding_get_fact(f, "rpm_match"),
			  "the installed packages are a validated build");
	}
	run_end(&r);
}

/* The module that runs decides: validated packages do not make another
 * running module validated. */
static void test_runtime_mismatch_wins(void)
{
	struct run r;
	run_start(&r);
	add_provider(&r, "3.0.7-0123456789abcdef");
	add_rpmdb(&r, VALIDATED_PKG);
	const struct fc_finding *f = judge(&r, &fc_check_validated_openssl);
	CHECK(f != NULL);
	if (f) {
		CHECK_INT(f->status, FC_STATUS_FAIL);
		CHECK_STR(fc_finding_get_fact(f, "verdict"), "unvalidated");
		CHECK(strstr(f->summary, "3.0.7-0123456789abcdef is not a "
					 "validated build"));
	}
	run_end(&r);
}

/* The running module is validated but the package is not that build:
 * validated, with a warning that says so. */
static void test_packages_disagree(void)
{
	struct run r;
	run_start(&r);
	add_provider(&r, "3.0.7-395c1a240fbfffd8");
	add_rpmdb(&r, UNLISTED_PKG);
	const struct fc_finding *f = judge(&r, &fc_check_validated_openssl);
	CHECK(f != NULL);
	if (f) {
		CHECK_INT(f->status, FC_STATUS_WARN);
		CHECK_STR(fc_finding_get_fact(f, "verdict"), "validated");
		CHECK(strstr(f->summary, "but the installed packages are not "
					 "that build"));
	}
	run_end(&r);
}

/* An older build of the validated package: unvalidated, and the
 * summary says how it relates to the validated build. */
static void test_older_build(void)
{
	struct run r;
	run_start(&r);
	add_rpmdb(&r, "openssl-libs-1:3.0.7-16.el9_2.x86_64 module=openssl "
		      "name=openssl-libs evr=1:3.0.7-16.el9_2 arch=x86_64 "
		      "class=unlisted relation=older");
	const struct fc_finding *f = judge(&r, &fc_check_validated_openssl);
	CHECK(f != NULL);
	if (f) {
		CHECK_INT(f->status, FC_STATUS_FAIL);
		CHECK_STR(fc_finding_get_fact(f, "verdict"), "unvalidated");
		CHECK_STR(f->summary,
			  "unvalidated: openssl-libs-1:3.0.7-16.el9_2.x86_64 "
			  "is not a validated build, older than the validated "
			  "build; runtime module identifier not checked");
		CHECK_STR(f->remediation,
			  "dnf install openssl-libs-1:3.0.7-17.el9_2 && dnf "
			  "versionlock add openssl-libs-1:3.0.7-17.el9_2");
	}
	run_end(&r);
}

/* The same host judged after #4746's sunset date: historical, with the
 * date in the summary; a warning, and a failure under --strict. */
static void test_certificate_past_sunset(void)
{
	for (int strict = 0; strict < 2; strict++) {
		struct run r;
		run_start(&r);
		r.ctx.opts.strict = strict;
		CHECK_INT(fc_time_parse("2026-12-01", &r.ctx.opts.check_time), 0);
		add_provider(&r, "3.0.7-395c1a240fbfffd8");
		add_rpmdb(&r, VALIDATED_PKG);
		const struct fc_finding *f =
			judge(&r, &fc_check_validated_openssl);
		if (f) {
			CHECK_INT(f->status,
				  strict ? FC_STATUS_FAIL : FC_STATUS_WARN);
			CHECK_STR(fc_finding_get_fact(f, "certificate_status"),
				  "historical");
			CHECK_STR(fc_finding_get_fact(f, "certificate_status_as_of"),
				  "2026-12-01");
			CHECK(strstr(f->summary, "historical since its sunset "
						 "date 2026-07-30") != NULL);
		}
		run_end(&r);
	}
}

/* --- the decision, one row per outcome ------------------------------------ */

/* A runtime identifier of a validated build (certificate active), and the
 * packages of a validated build (exact EVRs, certificate active). */
#define RT_VALIDATED                                                           \
	.runtime_read = true, .runtime_listed = true,                          \
	.runtime_validated = true, .runtime_cert = FC_LIFE_ACTIVE
#define RPM_VALIDATED .rpm = FC_VRPM_VALIDATED, .rpm_cert = FC_LIFE_ACTIVE

/* clang-format off: one row, one case; each input starts with the
 * coverage */
static const struct vrow {
	const char *name;
	struct fc_vjudge_in in;
	enum fc_vjudge_outcome outcome;
	enum fc_verdict verdict;
	enum fc_status status;
} vrows[] = {
	{ "validated: runtime and packages",
	  { FC_COVER_YES, .rpm = FC_VRPM_VALIDATED, RT_VALIDATED },
	  FC_VJ_VALIDATED_RUNTIME, FC_V_VALIDATED, FC_STATUS_PASS },
	{ "validated: runtime, rpmdb not read",
	  { FC_COVER_YES, .rpm = FC_VRPM_UNAVAIL, RT_VALIDATED },
	  FC_VJ_VALIDATED_RUNTIME, FC_V_VALIDATED, FC_STATUS_PASS },
	{ "validated, strict: the exact build passes",
	  { FC_COVER_YES, .strict = true, .rpm = FC_VRPM_VALIDATED,
	    RT_VALIDATED },
	  FC_VJ_VALIDATED_RUNTIME, FC_V_VALIDATED, FC_STATUS_PASS },
	{ "validated, certificate number and status unknown",
	  { FC_COVER_YES, .runtime_read = true, .runtime_listed = true,
	    .runtime_validated = true, .runtime_cert = FC_LIFE_UNKNOWN },
	  FC_VJ_VALIDATED_RUNTIME, FC_V_VALIDATED, FC_STATUS_WARN },
	{ "validated, certificate historical",
	  { FC_COVER_YES, .runtime_read = true, .runtime_listed = true,
	    .runtime_validated = true, .runtime_cert = FC_LIFE_HISTORICAL },
	  FC_VJ_VALIDATED_RUNTIME, FC_V_VALIDATED, FC_STATUS_WARN },
	{ "validated, certificate past its sunset, strict",
	  { FC_COVER_YES, .strict = true, .runtime_read = true,
	    .runtime_listed = true, .runtime_validated = true,
	    .runtime_cert = FC_LIFE_HISTORICAL },
	  FC_VJ_VALIDATED_RUNTIME, FC_V_VALIDATED, FC_STATUS_FAIL },
	{ "validated packages, certificate not yet issued on the check day",
	  { FC_COVER_YES, .rpm = FC_VRPM_VALIDATED,
	    .rpm_cert = FC_LIFE_NOT_YET },
	  FC_VJ_VALIDATED_PACKAGES, FC_V_VALIDATED, FC_STATUS_WARN },
	{ "validated packages, certificate not yet issued, strict",
	  { FC_COVER_YES, .strict = true, .rpm = FC_VRPM_VALIDATED,
	    .rpm_cert = FC_LIFE_NOT_YET },
	  FC_VJ_VALIDATED_PACKAGES, FC_V_VALIDATED, FC_STATUS_FAIL },
	{ "validated packages, certificate revoked",
	  { FC_COVER_YES, .rpm = FC_VRPM_VALIDATED,
	    .rpm_cert = FC_LIFE_REVOKED },
	  FC_VJ_VALIDATED_PACKAGES, FC_V_VALIDATED, FC_STATUS_FAIL },
	{ "validated runtime, packages not that build",
	  { FC_COVER_YES, .rpm = FC_VRPM_UNVALIDATED, RT_VALIDATED },
	  FC_VJ_VALIDATED_DISAGREE, FC_V_VALIDATED, FC_STATUS_WARN },
	{ "validated runtime, packages a patched build",
	  { FC_COVER_YES, .rpm = FC_VRPM_COMPLIANT, RT_VALIDATED },
	  FC_VJ_VALIDATED_DISAGREE, FC_V_VALIDATED, FC_STATUS_WARN },
	{ "validated runtime, packages by pattern: the runtime is exact",
	  { FC_COVER_YES, .rpm = FC_VRPM_VALIDATED, .rpm_by_glob = true,
	    .strict = true, RT_VALIDATED },
	  FC_VJ_VALIDATED_RUNTIME, FC_V_VALIDATED, FC_STATUS_PASS },
	{ "validated packages, no runtime identifier",
	  { FC_COVER_YES, RPM_VALIDATED },
	  FC_VJ_VALIDATED_PACKAGES, FC_V_VALIDATED, FC_STATUS_PASS },
	{ "validated packages, certificate unknown",
	  { FC_COVER_YES, .rpm = FC_VRPM_VALIDATED,
	    .rpm_cert = FC_LIFE_UNKNOWN },
	  FC_VJ_VALIDATED_PACKAGES, FC_V_VALIDATED, FC_STATUS_WARN },
	/* A runtime version the table does not list says nothing. */
	{ "validated packages, runtime identifier not listed",
	  { FC_COVER_YES, .runtime_read = true, RPM_VALIDATED },
	  FC_VJ_VALIDATED_PACKAGES, FC_V_VALIDATED, FC_STATUS_PASS },
	{ "validated packages by version-release pattern",
	  { FC_COVER_YES, .rpm_by_glob = true, RPM_VALIDATED },
	  FC_VJ_VALIDATED_PATTERN, FC_V_VALIDATED, FC_STATUS_WARN },
	{ "validated packages by pattern, strict",
	  { FC_COVER_YES, .strict = true, .rpm_by_glob = true,
	    RPM_VALIDATED },
	  FC_VJ_VALIDATED_PATTERN, FC_V_VALIDATED, FC_STATUS_FAIL },
	{ "compliant packages",
	  { FC_COVER_YES, .rpm = FC_VRPM_COMPLIANT },
	  FC_VJ_COMPLIANT, FC_V_COMPLIANT, FC_STATUS_WARN },
	{ "compliant packages, strict",
	  { FC_COVER_YES, .strict = true, .rpm = FC_VRPM_COMPLIANT },
	  FC_VJ_COMPLIANT, FC_V_COMPLIANT, FC_STATUS_FAIL },
	{ "compliant packages, listed runtime not a validated build",
	  { FC_COVER_YES, .runtime_read = true, .runtime_listed = true,
	    .rpm = FC_VRPM_COMPLIANT },
	  FC_VJ_COMPLIANT, FC_V_COMPLIANT, FC_STATUS_WARN },
	/* The module that runs decides over the packages. */
	{ "runtime identifier mismatch, validated packages",
	  { FC_COVER_YES, .runtime_read = true, .runtime_listed = true,
	    RPM_VALIDATED },
	  FC_VJ_UNVALIDATED_RUNTIME, FC_V_UNVALIDATED, FC_STATUS_FAIL },
	{ "runtime identifier mismatch, rpmdb not read",
	  { FC_COVER_YES, .runtime_read = true, .runtime_listed = true },
	  FC_VJ_UNVALIDATED_RUNTIME, FC_V_UNVALIDATED, FC_STATUS_FAIL },
	{ "older or unlisted packages",
	  { FC_COVER_YES, .rpm = FC_VRPM_UNVALIDATED },
	  FC_VJ_UNVALIDATED_PACKAGES, FC_V_UNVALIDATED, FC_STATUS_FAIL },
	{ "packages of the build in CMVP review",
	  { FC_COVER_YES, .rpm = FC_VRPM_IN_PROCESS },
	  FC_VJ_IN_PROCESS, FC_V_IN_PROCESS, FC_STATUS_WARN },
	{ "packages of the build in CMVP review, strict",
	  { FC_COVER_YES, .strict = true, .rpm = FC_VRPM_IN_PROCESS },
	  FC_VJ_IN_PROCESS, FC_V_IN_PROCESS, FC_STATUS_FAIL },
	/* Only builds in review for the arch: the one installed is one. */
	{ "in process, the table has no validated build for the arch",
	  { FC_COVER_NO, .rpm = FC_VRPM_IN_PROCESS },
	  FC_VJ_IN_PROCESS, FC_V_IN_PROCESS, FC_STATUS_WARN },
	{ "the running module is the build in CMVP review",
	  { FC_COVER_YES, .runtime_read = true, .runtime_listed = true,
	    .runtime_in_process = true, .rpm = FC_VRPM_VALIDATED },
	  FC_VJ_IN_PROCESS, FC_V_IN_PROCESS, FC_STATUS_WARN },
	{ "packages in review, but another listed module runs",
	  { FC_COVER_YES, .runtime_read = true, .runtime_listed = true,
	    .rpm = FC_VRPM_IN_PROCESS },
	  FC_VJ_UNVALIDATED_RUNTIME, FC_V_UNVALIDATED, FC_STATUS_FAIL },
	{ "not installed",
	  { FC_COVER_YES, .rpm = FC_VRPM_NONE },
	  FC_VJ_NOT_INSTALLED, FC_V_NOT_INSTALLED, FC_STATUS_SKIP },
	{ "only another architecture's packages (i686 multilib)",
	  { FC_COVER_YES, .rpm = FC_VRPM_OTHER_ARCH },
	  FC_VJ_OTHER_ARCH_ONLY, FC_V_UNVALIDATED, FC_STATUS_WARN },
	{ "only another architecture's packages, strict",
	  { FC_COVER_YES, .strict = true, .rpm = FC_VRPM_OTHER_ARCH },
	  FC_VJ_OTHER_ARCH_ONLY, FC_V_UNVALIDATED, FC_STATUS_FAIL },
	{ "only another architecture's packages, a running module unlisted",
	  { FC_COVER_YES, .runtime_read = true, .rpm = FC_VRPM_OTHER_ARCH },
	  FC_VJ_UNLISTED_RUNTIME, FC_V_UNKNOWN, FC_STATUS_SKIP },
	{ "unlisted runtime identifier, no package",
	  { FC_COVER_YES, .runtime_read = true, .rpm = FC_VRPM_NONE },
	  FC_VJ_UNLISTED_RUNTIME, FC_V_UNKNOWN, FC_STATUS_SKIP },
	{ "the table names no packages, no runtime identifier",
	  { FC_COVER_YES, .rpm = FC_VRPM_UNJUDGED },
	  FC_VJ_UNJUDGED, FC_V_UNKNOWN, FC_STATUS_SKIP },
	{ "neither side read",
	  { FC_COVER_YES, .rpm = FC_VRPM_UNAVAIL },
	  FC_VJ_UNREAD, FC_V_UNKNOWN, FC_STATUS_SKIP },
	{ "not covered, packages installed",
	  { FC_COVER_NO, RPM_VALIDATED },
	  FC_VJ_NOT_COVERED, FC_V_NOT_COVERED, FC_STATUS_FAIL },
	/* Not covered wins over a validated build of another table row. */
	{ "not covered, a running module",
	  { FC_COVER_NO, .rpm = FC_VRPM_NONE, RT_VALIDATED },
	  FC_VJ_NOT_COVERED, FC_V_NOT_COVERED, FC_STATUS_FAIL },
	{ "not covered, not installed",
	  { FC_COVER_NO, .rpm = FC_VRPM_NONE },
	  FC_VJ_NOT_COVERED_ABSENT, FC_V_NOT_INSTALLED, FC_STATUS_SKIP },
	{ "not covered, rpmdb not read",
	  { FC_COVER_NO, .rpm = FC_VRPM_UNAVAIL },
	  FC_VJ_NOT_COVERED_UNREAD, FC_V_UNKNOWN, FC_STATUS_SKIP },
	{ "the table lists nothing for the arch",
	  { FC_COVER_UNKNOWN, RPM_VALIDATED, RT_VALIDATED },
	  FC_VJ_NO_BUILDS, FC_V_UNKNOWN, FC_STATUS_SKIP },
	{ "the table lists nothing for the arch, not installed",
	  { FC_COVER_UNKNOWN, .rpm = FC_VRPM_NONE },
	  FC_VJ_NO_BUILDS_ABSENT, FC_V_NOT_INSTALLED, FC_STATUS_SKIP },
};
/* clang-format on */

static void test_decision_table(void)
{
	for (size_t i = 0; i < FC_ARRAY_SIZE(vrows); i++) {
		const struct vrow *w = &vrows[i];
		struct fc_vjudge j = fc_vjudge_decide(&w->in);
		if (j.outcome != w->outcome || j.verdict != w->verdict ||
		    j.status != w->status) {
			fprintf(stderr,
				"%s: outcome %d verdict %s status %s, expected "
				"outcome %d verdict %s status %s\n",
				w->name, (int)j.outcome,
				fc_verdict_name(j.verdict),
				fc_status_name(j.status), (int)w->outcome,
				fc_verdict_name(w->verdict),
				fc_status_name(w->status));
			fc_t_fail_now++;
		}
	}
}

/* Every outcome has its row. */
static void test_decision_table_complete(void)
{
	for (int o = FC_VJ_NOT_COVERED; o <= FC_VJ_UNREAD; o++) {
		bool seen = false;
		for (size_t i = 0; i < FC_ARRAY_SIZE(vrows) && !seen; i++)
			seen = (int)vrows[i].outcome == o;
		if (!seen) {
			fprintf(stderr, "no row for outcome %d\n", o);
			fc_t_fail_now++;
		}
	}
}

/* A helper that sends garbage is "not checked", never a verdict. */
static void test_malformed_helper_fact(void)
{
	struct run r;
	run_start(&r);
	add_rpmdb(&r, "openssl-libs module=openssl class=validated");
	const struct fc_finding *f = judge(&r, &fc_check_validated_openssl);
	CHECK(f != NULL);
	if (f) {
		CHECK_INT(f->status, FC_STATUS_SKIP);
		CHECK_STR(fc_finding_get_fact(f, "verdict"), "unknown");
		const char *m = fc_finding_get_fact(f, "rpm_match");
		CHECK(m && strstr(m, "malformed package fact"));
	}
	run_end(&r);
}

/* A default entry boot.c could not determine is not judged. */
static void test_boot_default_unknown(void)
{
	struct run r;
	run_start(&r);
	add_rpmdb(&r, VALIDATED_PKG);
	struct fc_finding *b = fc_report_add(r.report, "boot.default_entry",
					     "boot.default_entry");
	fc_finding_status(b, FC_STATUS_ERROR, "cannot tell the default entry");
	fc_finding_fact(b, "kernel_version", "5.14.0-284.11.1.el9_2.x86_64");
	const struct fc_finding *f = judge(&r, &fc_check_validated_boot_kernel);
	CHECK(f != NULL);
	if (f) {
		CHECK_INT(f->status, FC_STATUS_SKIP);
		CHECK(strstr(f->summary, "names no kernel"));
	}
	run_end(&r);
}

/* The RHEL table names no kernel build: the kernel is not judged, and
 * that is a skip with the reason, not a pass. */
static void test_kernel_not_listed(void)
{
	struct run r;
	run_start(&r);
	add_rpmdb(&r, VALIDATED_PKG);
	const struct fc_finding *f = judge(&r, &fc_check_validated_kernel);
	CHECK(f != NULL);
	if (f) {
		CHECK_INT(f->status, FC_STATUS_SKIP);
		CHECK_STR(fc_finding_get_fact(f, "verdict"), "unknown");
	}
	run_end(&r);
}

int main(void)
{
	int fd = mkstemp(table_path);
	if (fd < 0 || write(fd, table_text, strlen(table_text)) !=
			      (ssize_t)strlen(table_text)) {
		printf("not ok setup: cannot write %s\n", table_path);
		return 1;
	}
	close(fd);
	if (!mkdtemp(data_dir)) {
		printf("not ok setup: cannot make %s\n", data_dir);
		return 1;
	}
	_cleanup_free_ char *db = fc_asprintf("%s/cmvp-certificates.json",
					      data_dir);
	FILE *f = fopen(db, "w");
	if (!f || fputs(cmvp_text, f) < 0 || fclose(f) != 0) {
		printf("not ok setup: cannot write %s\n", db);
		return 1;
	}
	setenv("FIPSCTL_POLICY_DIR", data_dir, 1);
	RUN(test_runtime_and_rpm_agree);
	RUN(test_runtime_mismatch_wins);
	RUN(test_packages_disagree);
	RUN(test_older_build);
	RUN(test_decision_table);
	RUN(test_decision_table_complete);
	RUN(test_malformed_helper_fact);
	RUN(test_boot_default_unknown);
	RUN(test_kernel_not_listed);
	RUN(test_certificate_past_sunset);
	unlink(table_path);
	unlink(db);
	rmdir(data_dir);
	TEST_MAIN_END();
}
