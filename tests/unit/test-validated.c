// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of checks/validated.c and checks/validated-kernel.c: how the
 * runtime identifier and the installed packages combine into a verdict.
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

#define PROV                                                                   \
	"\"provenance\": {\"source\": \"unit test\", \"date\": \"2026-11\", "   \
	"\"confidence\": \"verified\"}"

static const char table_text[] =
	"{\"format\": \"fipsctl-policy/1\", \"name\": \"unit-rhel\", "
	"\"title\": \"t\", \"vendor\": \"v\", \"applies_to\": {\"os\": "
	"[{\"id\": \"rhel\", \"version_id\": \"9.2\", " PROV "}], "
	"\"arches\": [\"x86_64\"]}, " PROV ", \"modules\": {"
	"\"openssl\": {\"builds\": [{\"arches\": [\"x86_64\"], "
	"\"module_version\": \"3.0.7-395c1a240fbfffd8\", \"packages\": "
	"[{\"name\": \"openssl-libs\", \"evr\": \"1:3.0.7-17.el9_2\"}], "
	"\"certificate\": {\"number\": 4746, \"status\": \"active\", " PROV
	"}, " PROV "}]}}}";

static char table_path[] = "/tmp/fipsctl-test-validated-XXXXXX";

struct run {
	struct fc_report *report;
	struct fc_ctx ctx;
	const char *files[2];
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
	RUN(test_runtime_and_rpm_agree);
	RUN(test_runtime_mismatch_wins);
	RUN(test_packages_disagree);
	RUN(test_malformed_helper_fact);
	RUN(test_boot_default_unknown);
	RUN(test_kernel_not_listed);
	unlink(table_path);
	TEST_MAIN_END();
}
