// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/boot/pin.c: the validators for what reaches grubby's argv,
 * the argument plan, UPDATEDEFAULT editing, EVR order and releases.
 */
#include "harness.h"

#include "boot/pin.h"

static void test_kernel_release_valid(void)
{
	static const char *const good[] = {
		"5.14.0-284.11.1.el9_2.x86_64",
		"5.14.0-284.11.1.el9_2.tuxcare.6.x86_64",
		"5.14.0-570.21.1.el9_6.aarch64",
		"5.14.0-284.11.1.el9_2.x86_64+debug",
		"6.1.0-13-amd64",
		"5.14.0-1",
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(good); i++) {
		char *why = NULL;
		CHECK(fc_kernel_release_valid(good[i], &why));
		CHECK(why == NULL);
	}
	char long_ok[65], too_long[66];
	memset(long_ok, '1', sizeof(long_ok));
	long_ok[1] = '-';
	long_ok[64] = '\0';
	memcpy(too_long, long_ok, 64);
	too_long[64] = '1';
	too_long[65] = '\0';
	char *why = NULL;
	CHECK(fc_kernel_release_valid(long_ok, &why));
	static const char *const bad[] = {
		"",
		"../../etc/passwd",
		"5.14.0-1/../../x",
		"5.14.0 -1",
		"5.14.0-1;touch /tmp/x",
		"5.14.0-$(id)",
		"5.14.0-`id`",
		"5.14.0-1\nfips=0",
		"5.14.0-1\tx",
		"-5.14.0",
		"x5.14.0-1",
		"5.14.0", /* no release */
		"5.14..0-1",
		"5.14.0-1'",
		"5.14.0-1\"",
		"5.14.0-1*",
		"5.14.0-1:0",
		"5.14.0-1\xc3\xa9",
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(bad); i++) {
		why = NULL;
		if (fc_kernel_release_valid(bad[i], &why)) {
			fprintf(stderr, "accepted bad release #%zu\n", i);
			fc_t_fail_now++;
		}
		CHECK(why != NULL);
		/* The reason never echoes the hostile value. */
		CHECK(!why || !*bad[i] || !strstr(why, bad[i]));
		free(why);
	}
	why = NULL;
	CHECK(!fc_kernel_release_valid(too_long, &why));
	CHECK(why && strstr(why, "64"));
	free(why);
}

static void test_fs_uuid_valid(void)
{
	CHECK(fc_fs_uuid_valid("5f1d7c2a-93be-4e08-a6d4-2c7f0e9b1a35"));
	CHECK(fc_fs_uuid_valid("5F1D7C2A-93BE-4E08-A6D4-2C7F0E9B1A35"));
	CHECK(fc_fs_uuid_valid("7A3C-1F2E"));
	CHECK(!fc_fs_uuid_valid(""));
	CHECK(!fc_fs_uuid_valid("5f1d7c2a93be4e08a6d42c7f0e9b1a35"));
	CHECK(!fc_fs_uuid_valid("5f1d7c2a-93be-4e08-a6d4-2c7f0e9b1a3"));
	CHECK(!fc_fs_uuid_valid("5f1d7c2a-93be-4e08-a6d4-2c7f0e9b1a35 "));
	CHECK(!fc_fs_uuid_valid("5f1d7c2a-93be-4e08-a6d4-2c7f0e9b1a3g"));
	CHECK(!fc_fs_uuid_valid("5f1d7c2a-93be-4e08a-6d4-2c7f0e9b1a35"));
	CHECK(!fc_fs_uuid_valid("7A3C1F2E"));
	CHECK(!fc_fs_uuid_valid("7A3C-1F2 "));
	CHECK(!fc_fs_uuid_valid("../../../../etc/x"));
	CHECK(!fc_fs_uuid_valid("5f1d7c2a-93be-4e08-a6d4-2c7f0e9b1a35;x"));
}

static void test_evr_cmp(void)
{
	int c = 99;
	CHECK_INT(fc_evr_cmp("5.14.0-284.11.1.el9_2", "0:5.14.0-284.11.1.el9_2",
			     &c),
		  0);
	CHECK_INT(c, 0);
	CHECK_INT(fc_evr_cmp("5.14.0-284.1101.el9_2.tuxcare.7",
			     "5.14.0-284.11.1.el9_2.tuxcare.6", &c),
		  0);
	CHECK(c > 0);
	CHECK_INT(fc_evr_cmp("1:1.0-1", "2.0-1", &c), 0);
	CHECK(c > 0);
	CHECK_INT(fc_evr_cmp("1.0~rc1-1", "1.0-1", &c), 0);
	CHECK(c < 0);
	CHECK_INT(fc_evr_cmp("nodash", "1.0-1", &c), -EINVAL);
	CHECK_INT(fc_evr_cmp("x:1.0-1", "1.0-1", &c), -EINVAL);
	CHECK_INT(fc_evr_cmp("1.0-", "1.0-1", &c), -EINVAL);
}

static void test_release(void)
{
	char *r = fc_release_of("0:5.14.0-1.el9", "x86_64");
	CHECK_STR(r, "5.14.0-1.el9.x86_64");
	free(r);
	char *e = fc_release_evr("5.14.0-1.el9.x86_64", "x86_64");
	CHECK_STR(e, "5.14.0-1.el9");
	free(e);
	CHECK(fc_release_evr("5.14.0-1.el9.aarch64", "x86_64") == NULL);
	CHECK(fc_release_evr("x86_64", "x86_64") == NULL);
	CHECK(fc_release_evr(".x86_64", "x86_64") == NULL);
	CHECK(fc_release_evr("5.14.0-1.el9x86_64", "x86_64") == NULL);
}

static char *join_plan(char *const *v, size_t n)
{
	return fc_strv_join(v, n, " ");
}

/* plan OPTIONS WANTED: "remove|add" */
static char *plan(const char *options, const char *wanted)
{
	struct fc_arg_plan p;
	fc_arg_plan_make(options, wanted, &p);
	if (p.problem) {
		char *s = fc_asprintf("problem: %s", p.problem);
		fc_arg_plan_free(&p);
		return s;
	}
	char *rm = join_plan(p.remove, p.n_remove);
	char *add = join_plan(p.add, p.n_add);
	char *s = fc_asprintf("%s|%s", rm, add);
	free(rm);
	free(add);
	fc_arg_plan_free(&p);
	return s;
}

static void test_arg_plan(void)
{
	static const struct {
		const char *options, *wanted, *expect;
	} cases[] = {
		{ "ro fips=1 boot=UUID=ab", "UUID=ab", "|" },
		{ "ro fips=1", NULL, "|" },
		{ "ro", NULL, "|fips=1" },
		{ "ro", "UUID=ab", "|fips=1 boot=UUID=ab" },
		{ "ro fips=1 boot=/boot/efi", "UUID=ab",
		  "boot=/boot/efi|boot=UUID=ab" },
		{ "ro fips=1 boot=UUID=7A3C-1F2E", "UUID=ab",
		  "boot=UUID=7A3C-1F2E|boot=UUID=ab" },
		/* /boot on /: every boot= goes. */
		{ "ro fips=1 boot=UUID=ab", NULL, "boot=UUID=ab|" },
		{ "ro fips=0 fips=1", NULL, "fips=0|" },
		{ "ro fips=0", NULL, "fips=0|fips=1" },
		{ "ro fips", NULL, "fips|fips=1" },
		{ "ro fips=1 boot", "UUID=ab", "boot|boot=UUID=ab" },
		{ "ro boot=UUID=ab boot=UUID=ab fips=1", "UUID=ab", "|" },
		{ "ro boot=UUID=x boot=UUID=x", "UUID=ab",
		  "boot=UUID=x|fips=1 boot=UUID=ab" },
		{ "ro \"fips=1 boot=x\"", NULL,
		  "problem: the quoted argument \"fips=1 boot=x\" cannot be "
		  "removed through grubby; edit the entry" },
		{ "ro \"unterminated", NULL,
		  "problem: cannot split the options (unterminated quote at "
		  "offset 3)" },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(cases); i++) {
		char *got = plan(cases[i].options, cases[i].wanted);
		CHECK_STR(got, cases[i].expect);
		free(got);
	}
}

static char *set_no(const char *text)
{
	size_t n = 0;
	return fc_updatedefault_set_no(text, strlen(text), &n);
}

static void test_updatedefault_set_no(void)
{
	char *s = set_no(
		"# c\nUPDATEDEFAULT=yes\n\nDEFAULTKERNEL=kernel-core\n");
	CHECK_STR(s, "# c\nUPDATEDEFAULT=no\n\nDEFAULTKERNEL=kernel-core\n");
	free(s);
	s = set_no("DEFAULTKERNEL=kernel-core");
	CHECK_STR(s, "DEFAULTKERNEL=kernel-core\nUPDATEDEFAULT=no\n");
	free(s);
	s = set_no("");
	CHECK(fc_startswith(s, "# fipsctl pin-kernel"));
	CHECK(strstr(s, "\nUPDATEDEFAULT=no\n") != NULL);
	free(s);
	s = set_no("  UPDATEDEFAULT=yes\nUPDATEDEFAULT=\"yes\"\n"
		   "#UPDATEDEFAULT=yes\nXUPDATEDEFAULT=yes\n");
	CHECK_STR(s, "UPDATEDEFAULT=no\nUPDATEDEFAULT=no\n#UPDATEDEFAULT=yes\n"
		     "XUPDATEDEFAULT=yes\n");
	free(s);
	s = set_no("UPDATEDEFAULT=no\n");
	CHECK_STR(s, "UPDATEDEFAULT=no\n");
	free(s);
}

static void test_versionlock_command(void)
{
	char *s = fc_versionlock_command("0:5.14.0-284.11.1.el9_2.tuxcare.6");
	CHECK(strstr(s, "dnf versionlock add "
			"'kernel*-5.14.0-284.11.1.el9_2.tuxcare.6'") != NULL);
	free(s);
}

int main(void)
{
	RUN(test_kernel_release_valid);
	RUN(test_fs_uuid_valid);
	RUN(test_evr_cmp);
	RUN(test_release);
	RUN(test_arg_plan);
	RUN(test_updatedefault_set_no);
	RUN(test_versionlock_command);
	TEST_MAIN_END();
}
