// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/policy/policy.c: the names of the model's
 * enumerations, and loading a file that cannot be a table.  The checks of
 * a table's text: test-policy-lint.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "policy/policy.h"

static void test_names(void)
{
	for (int m = 0; m < FC_MODULE_COUNT_; m++) {
		enum fc_module back;
		CHECK_INT(fc_module_from_name(fc_module_name((enum fc_module)m),
					      &back),
			  0);
		CHECK_INT(back, m);
	}
	enum fc_module x;
	CHECK_INT(fc_module_from_name("Kernel", &x), -EINVAL);
	CHECK_STR(fc_module_name(FC_MODULE_COUNT_), "?");
	CHECK_STR(fc_confidence_name(FC_CONF_THIRD_PARTY), "third-party");

}

/* A file that cannot be read, or is too large, is one diagnostic about
 * the whole file (line 0), printed without a position. */
static void test_load_errors(void)
{
	struct fc_policy *p = (struct fc_policy *)1;
	struct fc_diags d = { 0 };
	CHECK_INT(fc_policy_load("/nonexistent/t.json", &p, &d), -ENOENT);
	CHECK(p == NULL);
	CHECK_INT(d.n, 1);
	if (d.n) {
		CHECK_INT(d.v[0].line, 0);
		CHECK_STR(d.v[0].msg, "cannot read: No such file or directory");
	}

	char path[] = "/tmp/test-policy.XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK_INT(ftruncate(fd, FC_POLICY_MAX_BYTES + 1), 0);
	close(fd);
	CHECK_INT(fc_policy_load(path, &p, &d), -EBADMSG);
	CHECK_INT(d.n, 2);
	if (d.n == 2)
		CHECK(strstr(d.v[1].msg, "larger than") != NULL);

	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	CHECK(f != NULL);
	if (f) {
		fc_diags_print(&d, f);
		fclose(f);
		CHECK(out && fc_startswith(out, "/nonexistent/t.json: cannot "
						"read: No such file or "
						"directory\n"));
		CHECK(out && strstr(out, path) && strstr(out, ": larger than"));
	}
	free(out);
	fc_diags_free(&d);
	unlink(path);
}

int main(void)
{
	RUN(test_names);
	RUN(test_load_errors);
	TEST_MAIN_END();
}
