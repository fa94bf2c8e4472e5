// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for helpers/common/probe-module.c: the probe helpers read the
 * kernel FIPS flag with the parent's rule (src/parse/fips-flag.h), and
 * say which of its classes they found.
 */
#include "harness.h"

#include "probe-module.h"

/* fc_probe_kernel_fips() on a scratch root whose flag holds data (NULL:
 * no file; "/": a directory in its place); *fact gets the fact. */
static int kernel_fips(const char *data, char **fact)
{
	char dir[] = "/tmp/fc-probe-module-XXXXXX";
	t_tree(dir);
	t_mkdirs(dir, "proc/sys/crypto");
	if (data && fc_streq(data, "/"))
		t_mkdirs(dir, "proc/sys/crypto/fips_enabled");
	else if (data)
		t_put(dir, "proc/sys/crypto/fips_enabled", data);
	struct fc_root *root = NULL;
	if (fc_root_new(dir, &root) < 0)
		t_die(dir);
	struct fc_report *r = fc_report_new();
	struct fc_finding *f = fc_report_add(r, "x.y", "x.y");
	int rc = fc_probe_kernel_fips(root, f);
	const char *v = fc_finding_get_fact(f, "kernel_fips_enabled");
	*fact = v ? fc_strdup(v) : NULL;
	/* Without a finding nothing is recorded, and the answer is the same. */
	CHECK_INT(fc_probe_kernel_fips(root, NULL), rc);
	fc_report_free(r);
	fc_root_free(root);
	t_rmtree(dir);
	return rc;
}

static void test_kernel_fips_classes(void)
{
	char *fact = NULL;
	CHECK_INT(kernel_fips("1\n", &fact), 1);
	CHECK_STR(fact, "1");
	free(fact);
	CHECK_INT(kernel_fips("0\n", &fact), 0);
	CHECK_STR(fact, "0");
	free(fact);
	CHECK_INT(kernel_fips(NULL, &fact), -ENOENT);
	CHECK_STR(fact,
		  "absent (/proc/sys/crypto/fips_enabled does not exist)");
	free(fact);
	CHECK_INT(kernel_fips("/", &fact), -EISDIR);
	CHECK(fact && fc_startswith(fact, "unreadable ("));
	free(fact);
	/* A library that reads only the first character would say "on";
	 * no kernel writes this, so the mode is unknown. */
	CHECK_INT(kernel_fips("1garbage\n", &fact), -EBADMSG);
	CHECK_STR(fact, "1garbage");
	free(fact);
	CHECK_INT(kernel_fips("2\n", &fact), -EBADMSG);
	free(fact);
}

static void test_kernel_fips_why(void)
{
	char *w = fc_probe_kernel_fips_why(-EBADMSG);
	CHECK_STR(w, "/proc/sys/crypto/fips_enabled holds neither 0 nor 1");
	free(w);
	w = fc_probe_kernel_fips_why(-EISDIR);
	CHECK_STR(w, "/proc/sys/crypto/fips_enabled could not be read: "
		     "Is a directory");
	free(w);
}

int main(void)
{
	RUN(test_kernel_fips_classes);
	RUN(test_kernel_fips_why);
	TEST_MAIN_END();
}
