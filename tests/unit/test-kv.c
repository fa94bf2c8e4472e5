// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/base/kv.c: os-release quoting and grubenv raw values. */
#include "harness.h"

#include "base/kv.h"

static void test_os_release(void)
{
	static const char text[] =
		"NAME=\"AlmaLinux\"\n"
		"VERSION=\"9.2 (Turquoise Kodkod)\"\n"
		"ID=almalinux\n"
		"ID_LIKE=\"rhel centos fedora\"\n"
		"VERSION_ID=\"9.2\"\n"
		"# a comment\n"
		"\n"
		"PRETTY_NAME='AlmaLinux 9.2 (Turquoise Kodkod)'\n"
		"ESCAPED=\"a \\\"quoted\\\" \\$word\"\n"
		"CRLF=yes\r\n";
	struct fc_kv_list l = { 0 };
	unsigned line = 0;
	CHECK_INT(fc_kv_parse(text, sizeof(text) - 1, FC_KV_SHELL, &l, &line), 0);
	CHECK_STR(fc_kv_get(&l, "ID"), "almalinux");
	CHECK_STR(fc_kv_get(&l, "VERSION_ID"), "9.2");
	CHECK_STR(fc_kv_get(&l, "ID_LIKE"), "rhel centos fedora");
	CHECK_STR(fc_kv_get(&l, "PRETTY_NAME"), "AlmaLinux 9.2 (Turquoise Kodkod)");
	CHECK_STR(fc_kv_get(&l, "ESCAPED"), "a \"quoted\" $word");
	CHECK_STR(fc_kv_get(&l, "CRLF"), "yes");
	CHECK(fc_kv_get(&l, "MISSING") == NULL);
	CHECK_INT(l.items[2].line, 3);
	fc_kv_free(&l);
}

static void test_last_wins(void)
{
	static const char text[] = "A=1\nA=2\n";
	struct fc_kv_list l = { 0 };
	CHECK_INT(fc_kv_parse(text, sizeof(text) - 1, FC_KV_SHELL, &l, NULL), 0);
	CHECK_STR(fc_kv_get(&l, "A"), "2");
	fc_kv_free(&l);
}

static void test_malformed(void)
{
	struct fc_kv_list l = { 0 };
	unsigned line = 0;
	static const char noeq[] = "ID=x\nbogus line\n";
	CHECK_INT(fc_kv_parse(noeq, sizeof(noeq) - 1, FC_KV_SHELL, &l, &line), -EBADMSG);
	CHECK_INT(line, 2);
	static const char badkey[] = "1ID=x\n";
	CHECK_INT(fc_kv_parse(badkey, sizeof(badkey) - 1, FC_KV_SHELL, &l, &line), -EBADMSG);
	CHECK_INT(line, 1);
	static const char unterminated[] = "A=ok\nB=\"open\n";
	CHECK_INT(fc_kv_parse(unterminated, sizeof(unterminated) - 1, FC_KV_SHELL, &l, &line), -EBADMSG);
	CHECK_INT(line, 2);
	static const char nul[] = "A=x\0y\n";
	CHECK_INT(fc_kv_parse(nul, sizeof(nul) - 1, FC_KV_SHELL, &l, &line), -EBADMSG);
	CHECK(l.items == NULL);
}

static void test_grubenv_raw(void)
{
	/* A GRUB environment block: header, values kept verbatim, '#' pad. */
	char block[1024];
	const char *head = "# GRUB Environment Block\n"
			   "saved_entry=4a1b-5.14.0-284.11.1.el9_2.x86_64\n"
			   "kernelopts=root=/dev/vda2 ro fips=1 \"quoted\"\n"
			   "boot_success=0\n";
	size_t n = strlen(head);
	memcpy(block, head, n);
	memset(block + n, '#', sizeof(block) - n);
	struct fc_kv_list l = { 0 };
	CHECK_INT(fc_kv_parse(block, sizeof(block), FC_KV_RAW, &l, NULL), 0);
	CHECK_STR(fc_kv_get(&l, "saved_entry"), "4a1b-5.14.0-284.11.1.el9_2.x86_64");
	CHECK_STR(fc_kv_get(&l, "kernelopts"), "root=/dev/vda2 ro fips=1 \"quoted\"");
	CHECK_INT(l.n, 3);
	fc_kv_free(&l);
}

int main(void)
{
	RUN(test_os_release);
	RUN(test_last_wins);
	RUN(test_malformed);
	RUN(test_grubenv_raw);
	TEST_MAIN_END();
}
