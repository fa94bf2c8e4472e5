// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/parse/grubby-info.c: grubby --info output of EL9 and
 * older grubby, and malformed output.
 */
#include "harness.h"

#include "parse/grubby-info.h"

/* What EL9's grubby --info=ALL prints (Rocky 9.1, two entries). */
static const char el9[] =
	"index=0\n"
	"kernel=\"/boot/vmlinuz-5.14.0-162.6.1.el9_1.x86_64\"\n"
	"args=\"ro crashkernel=1G-4G:192M,4G-64G:256M,64G-:512M "
	"rd.lvm.lv=rl/root fips=1\"\n"
	"root=\"/dev/mapper/rl-root\"\n"
	"initrd=\"/boot/initramfs-5.14.0-162.6.1.el9_1.x86_64.img\"\n"
	"title=\"Rocky Linux (5.14.0-162.6.1.el9_1.x86_64) 9.1 (Blue Onyx)\"\n"
	"id=\"a98618aa1631441dbb52c75a50834a0a-5.14.0-162.6.1.el9_1.x86_64\"\n"
	"index=1\n"
	"kernel=\"/boot/vmlinuz-0-rescue-a98618aa1631441dbb52c75a50834a0a\"\n"
	"args=\"ro\"\n"
	"initrd=\"/boot/initramfs-0-rescue-a98618aa1631441dbb52c75a50834a0a.img\"\n"
	"title=\"Rocky Linux (0-rescue-a98618aa1631441dbb52c75a50834a0a) 9.1\"\n"
	"id=\"a98618aa1631441dbb52c75a50834a0a-0-rescue\"\n";

static void test_parse_el9(void)
{
	struct fc_grubby_info info;
	struct fc_parse_err err = { 0 };
	CHECK_INT(fc_grubby_info_parse(el9, strlen(el9), &info, &err), 0);
	CHECK_INT(info.n, 2);
	if (info.n != 2)
		return;
	CHECK_INT(info.v[0].index, 0);
	CHECK_STR(info.v[0].kernel,
		  "/boot/vmlinuz-5.14.0-162.6.1.el9_1.x86_64");
	CHECK_STR(info.v[0].args, "ro crashkernel=1G-4G:192M,4G-64G:256M,"
				  "64G-:512M rd.lvm.lv=rl/root fips=1");
	CHECK_STR(info.v[0].root, "/dev/mapper/rl-root");
	CHECK_STR(info.v[0].id,
		  "a98618aa1631441dbb52c75a50834a0a-5.14.0-162.6.1"
		  ".el9_1.x86_64");
	CHECK_INT(info.v[1].index, 1);
	CHECK(info.v[1].root == NULL);
	CHECK_STR(info.v[1].args, "ro");
	fc_grubby_info_free(&info);
}

static void test_parse_old_and_odd(void)
{
	/* Older grubby: bare values, no id; unknown keys are ignored; CRLF;
	 * a quote inside a quoted value is kept (grubby prints raw). */
	static const char old[] = "index=3\r\n"
				  "kernel=/vmlinuz-4.18.0\r\n"
				  "args=\"ro quiet foo=\"a b\"\"\r\n"
				  "root=UUID=1234\r\n"
				  "initrd=/initramfs-4.18.0.img\r\n"
				  "title=Old\r\n"
				  "extra=whatever\r\n"
				  "\r\n";
	struct fc_grubby_info info;
	struct fc_parse_err err = { 0 };
	CHECK_INT(fc_grubby_info_parse(old, strlen(old), &info, &err), 0);
	CHECK_INT(info.n, 1);
	if (info.n == 1) {
		CHECK_INT(info.v[0].index, 3);
		CHECK_STR(info.v[0].kernel, "/vmlinuz-4.18.0");
		CHECK_STR(info.v[0].args, "ro quiet foo=\"a b\"");
		CHECK_STR(info.v[0].root, "UUID=1234");
		CHECK(info.v[0].id == NULL);
	}
	fc_grubby_info_free(&info);
	CHECK_INT(fc_grubby_info_parse("", 0, &info, &err), 0);
	CHECK_INT(info.n, 0);
	fc_grubby_info_free(&info);
}

static void bad(const char *text, size_t len, unsigned line, const char *what)
{
	struct fc_grubby_info info = { 0 };
	struct fc_parse_err err = { 0 };
	CHECK_INT(fc_grubby_info_parse(text, len, &info, &err), -EBADMSG);
	CHECK_INT(err.line, line);
	CHECK_STR(err.what, what);
	CHECK(info.v == NULL && info.n == 0);
}

static void test_parse_errors(void)
{
	bad("kernel=\"/x\"\n", 12, 1, "a key before the first index=");
	bad("index=0\nno equals sign\n", 23, 2, "not key=value");
	bad("index=0\n=x\n", 11, 2, "not key=value");
	bad("index=0\nkernel=a\nkernel=b\n", 25, 3,
	    "a key given twice in one entry");
	bad("index=-1\n", 9, 1, "index is not a number");
	bad("index=\n", 7, 1, "index is not a number");
	bad("index=1234567890\n", 17, 1, "index is not a number");
	bad("index=0\nargs=\"ro\n", 17, 2, "unterminated quote");
	bad("index=0\nargs=\"\n", 15, 2, "unterminated quote");
	bad("index=0\nargs=\"r\0o\"\n", 19, 2, "NUL byte");
}

int main(void)
{
	RUN(test_parse_el9);
	RUN(test_parse_old_and_odd);
	RUN(test_parse_errors);
	TEST_MAIN_END();
}
