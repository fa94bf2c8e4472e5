// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/parse/grubenv.c: the GRUB environment block. */
#include "harness.h"

#include <unistd.h>

#include "parse/grubenv.h"

#define SIG "# GRUB Environment Block\n"

/* A block as grub-editenv writes it: signature, lines, '#' to 1024. */
static size_t block(char *buf, const char *lines)
{
	size_t n = (size_t)snprintf(buf, FC_GRUBENV_SIZE + 1, "%s%s", SIG,
				    lines);
	memset(buf + n, '#', FC_GRUBENV_SIZE - n);
	buf[FC_GRUBENV_SIZE] = '\0';
	return FC_GRUBENV_SIZE;
}

static void test_block(void)
{
	char buf[FC_GRUBENV_SIZE + 1];
	size_t len = block(buf, "saved_entry=abc-5.14.0\n"
				"kernelopts=root=/dev/vda2 ro fips=1\n"
				"boot_success=0\n");
	struct fc_grubenv env;
	struct fc_parse_err err = { 0 };
	CHECK_INT(fc_grubenv_parse(buf, len, &env, &err), 0);
	CHECK_STR(fc_grubenv_get(&env, "saved_entry"), "abc-5.14.0");
	/* The value is everything after the first '=', spaces included. */
	CHECK_STR(fc_grubenv_get(&env, "kernelopts"),
		  "root=/dev/vda2 ro fips=1");
	CHECK(fc_grubenv_get(&env, "missing") == NULL);
	CHECK(fc_grubenv_get(NULL, "saved_entry") == NULL);
	CHECK_INT(env.size, FC_GRUBENV_SIZE);
	fc_grubenv_free(&env);
}

static void test_last_wins_and_escapes(void)
{
	char buf[FC_GRUBENV_SIZE + 1];
	size_t len = block(buf, "saved_entry=old\nsaved_entry=new\n"
				"path=C:\\\\boot\n");
	struct fc_grubenv env;
	struct fc_parse_err err = { 0 };
	CHECK_INT(fc_grubenv_parse(buf, len, &env, &err), 0);
	CHECK_STR(fc_grubenv_get(&env, "saved_entry"), "new");
	CHECK_STR(fc_grubenv_get(&env, "path"), "C:\\boot");
	fc_grubenv_free(&env);
}

static void test_malformed(void)
{
	char buf[FC_GRUBENV_SIZE + 1];
	struct fc_grubenv env;
	struct fc_parse_err err = { 0 };

	static const char nosig[] = "saved_entry=x\n";
	CHECK_INT(fc_grubenv_parse(nosig, sizeof(nosig) - 1, &env, &err),
		  -EBADMSG);
	CHECK_INT(err.line, 1);
	CHECK(strstr(err.what, "signature") != NULL);

	/* Truncated signature. */
	CHECK_INT(fc_grubenv_parse(SIG, 10, &env, &err), -EBADMSG);

	size_t len = block(buf, "a=1\nthis line has no equals sign\n");
	CHECK_INT(fc_grubenv_parse(buf, len, &env, &err), -EBADMSG);
	CHECK_INT(err.line, 3);
	CHECK_STR(err.what, "not NAME=VALUE");

	len = block(buf, "a=1\nb=2\n");
	buf[strlen(SIG) + 5] = '\0';
	CHECK_INT(fc_grubenv_parse(buf, len, &env, &err), -EBADMSG);
	CHECK_INT(err.line, 3);
	CHECK_STR(err.what, "NUL byte");

	/* grub-editenv writes a newline inside a value as "\\\n". */
	len = block(buf, "a=first\\\nsecond\n");
	CHECK_INT(fc_grubenv_parse(buf, len, &env, &err), -EBADMSG);
	CHECK_INT(err.line, 2);
	CHECK(strstr(err.what, "escaped newline") != NULL);
}

static void test_empty_and_short(void)
{
	/* A block that is only the signature: valid, nothing set; a short
	 * file is still read (GRUB only checks the signature). */
	struct fc_grubenv env;
	struct fc_parse_err err = { 0 };
	CHECK_INT(fc_grubenv_parse(SIG, strlen(SIG), &env, &err), 0);
	CHECK_INT(env.vars.n, 0);
	CHECK_INT(env.size, strlen(SIG));
	fc_grubenv_free(&env);
}

/* The real tool's output, when it is installed (grub-common). */
static void test_grub_editenv(void)
{
	static const char *const tools[] = { "/usr/bin/grub-editenv",
					     "/usr/bin/grub2-editenv" };
	const char *tool = NULL;
	for (size_t i = 0; i < 2 && !tool; i++)
		if (access(tools[i], X_OK) == 0)
			tool = tools[i];
	if (!tool)
		SKIP("grub-editenv is not installed (apt-get install grub-common)");
	char path[] = "/tmp/fc-grubenv-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	unlink(path);
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
		 "%s %s create && %s %s set saved_entry=abc-5.14.0-1 "
		 "'kernelopts=root=/dev/x ro fips=1' 'odd=a\\b'",
		 tool, path, tool, path);
	CHECK_INT(system(cmd), 0);
	FILE *f = fopen(path, "rb");
	CHECK(f != NULL);
	if (!f)
		return;
	char buf[4096];
	size_t len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	unlink(path);
	CHECK_INT(len, FC_GRUBENV_SIZE);
	struct fc_grubenv env;
	struct fc_parse_err err = { 0 };
	CHECK_INT(fc_grubenv_parse(buf, len, &env, &err), 0);
	CHECK_STR(fc_grubenv_get(&env, "saved_entry"), "abc-5.14.0-1");
	CHECK_STR(fc_grubenv_get(&env, "kernelopts"), "root=/dev/x ro fips=1");
	CHECK_STR(fc_grubenv_get(&env, "odd"), "a\\b");
	fc_grubenv_free(&env);
}

int main(void)
{
	RUN(test_block);
	RUN(test_last_wins_and_escapes);
	RUN(test_malformed);
	RUN(test_empty_and_short);
	RUN(test_grub_editenv);
	TEST_MAIN_END();
}
