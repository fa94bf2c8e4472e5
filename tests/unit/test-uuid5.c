// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for src/base/uuid5.c.  The expected values were computed with
 * Python's uuid module (uuid5(uuid5(NAMESPACE_URL, url), name)), an
 * implementation independent of libuuid. */
#include "harness.h"

#include "base/uuid5.h"

static bool shape_ok(const char *u, char version)
{
	if (strlen(u) != 36 || u[8] != '-' || u[13] != '-' || u[18] != '-' ||
	    u[23] != '-')
		return false;
	return u[14] == version && strchr("89ab", u[19]) != NULL;
}

static void test_v5(void)
{
	char a[FC_UUID_LEN], b[FC_UUID_LEN];
	fc_uuid_v5(a, "report|%s|%s", "host", "x");
	CHECK_STR(a, "6c6845c8-640d-5aad-a98b-bbf3121b72ca");
	fc_uuid_v5(b, "h\xc3\xa9llo");
	CHECK_STR(b, "cd5385e4-384f-5b1e-b9b5-519673b0b20b");
	CHECK(shape_ok(a, '5'));
	fc_uuid_v5(b, "report|host|x");
	CHECK_STR(a, b);
}

static void test_v4(void)
{
	char a[FC_UUID_LEN], b[FC_UUID_LEN];
	fc_uuid_v4(a);
	fc_uuid_v4(b);
	CHECK(shape_ok(a, '4'));
	CHECK(shape_ok(b, '4'));
	CHECK(strcmp(a, b) != 0);
}

int main(void)
{
	RUN(test_v5);
	RUN(test_v4);
	TEST_MAIN_END();
}
