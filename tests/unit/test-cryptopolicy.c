// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/parse/cryptopolicy.c: the crypto-policies config grammar as
 * update-crypto-policies reads it, and the EL9 fips-mode-setup --check
 * decision table.
 */
#include "harness.h"

#include "parse/cryptopolicy.h"

/* Parse a string literal (embedded NULs allowed through sizeof). */
#define PARSE(lit, pol, line, why)                                             \
	fc_crypto_policy_parse(lit, sizeof(lit) - 1, pol, line, why)

static void test_plain_fips(void)
{
	struct fc_crypto_policy p = { 0 };
	unsigned line = 0;
	char *why = NULL;
	CHECK_INT(PARSE("FIPS\n", &p, &line, &why), 0);
	CHECK_STR(p.base, "FIPS");
	CHECK_STR(p.name, "FIPS");
	CHECK_INT(p.n_subpolicies, 0);
	CHECK_INT(p.line, 1);
	CHECK(fc_crypto_policy_is_fips(&p));
	CHECK(why == NULL);
	char *subs = fc_crypto_policy_join_subpolicies(&p, ", ");
	CHECK_STR(subs, "");
	free(subs);
	fc_crypto_policy_free(&p);

	/* No final newline, as an editor may leave it. */
	CHECK_INT(PARSE("DEFAULT", &p, &line, &why), 0);
	CHECK_STR(p.name, "DEFAULT");
	CHECK(!fc_crypto_policy_is_fips(&p));
	fc_crypto_policy_free(&p);
}

static void test_comments_case_crlf(void)
{
	struct fc_crypto_policy p = { 0 };
	unsigned line = 0;
	char *why = NULL;
	/* update-crypto-policies upper-cases and strips '#' comments. */
	CHECK_INT(PARSE("# set by fips-mode-setup\n"
			"\n"
			"   fips:ospp\t# trailing comment\r\n"
			"# after\r\n",
			&p, &line, &why),
		  0);
	CHECK_STR(p.base, "FIPS");
	CHECK_STR(p.name, "FIPS:OSPP");
	CHECK_INT(p.n_subpolicies, 1);
	CHECK_STR(p.subpolicies[0], "OSPP");
	CHECK_INT(p.line, 3);
	CHECK(fc_crypto_policy_is_fips(&p));
	fc_crypto_policy_free(&p);

	/* A bare CR ends a line too (Python's universal newlines). */
	CHECK_INT(PARSE("# old Mac\rFIPS\r", &p, &line, &why), 0);
	CHECK_STR(p.name, "FIPS");
	CHECK_INT(p.line, 2);
	fc_crypto_policy_free(&p);

	/* UTF-8 in a comment is fine. */
	CHECK_INT(PARSE("# politique syst\xc3\xa8me\nFIPS\n", &p, &line, &why),
		  0);
	CHECK_STR(p.name, "FIPS");
	fc_crypto_policy_free(&p);
}

static void test_subpolicies(void)
{
	struct fc_crypto_policy p = { 0 };
	unsigned line = 0;
	char *why = NULL;
	CHECK_INT(PARSE("DEFAULT:AD-SUPPORT:no-sha1\n", &p, &line, &why), 0);
	CHECK_STR(p.base, "DEFAULT");
	CHECK_STR(p.name, "DEFAULT:AD-SUPPORT:NO-SHA1");
	char *subs = fc_crypto_policy_join_subpolicies(&p, ", ");
	CHECK_STR(subs, "AD-SUPPORT, NO-SHA1");
	free(subs);
	CHECK(!fc_crypto_policy_is_fips(&p));
	fc_crypto_policy_free(&p);

	/* Later lines add subpolicies, every name on them. */
	CHECK_INT(PARSE("FIPS\nOSPP:NO-ENFORCE-EMS\n\nCUSTOM_1\n", &p, &line,
			&why),
		  0);
	CHECK_STR(p.name, "FIPS:OSPP:NO-ENFORCE-EMS:CUSTOM_1");
	CHECK_INT(p.n_subpolicies, 3);
	CHECK_INT(p.line, 1);
	fc_crypto_policy_free(&p);

	/* FIPS as a subpolicy does not make a FIPS policy. */
	CHECK_INT(PARSE("DEFAULT:FIPS\n", &p, &line, &why), 0);
	CHECK(!fc_crypto_policy_is_fips(&p));
	fc_crypto_policy_free(&p);
	CHECK_INT(PARSE("FIPSX\n", &p, &line, &why), 0);
	CHECK(!fc_crypto_policy_is_fips(&p));
	fc_crypto_policy_free(&p);
}

/* A malformed text: the line reported and a word of the reason. */
static void expect_bad(const char *text, size_t len, unsigned want_line,
		       const char *want_why, int src_line)
{
	struct fc_crypto_policy p = { 0 };
	unsigned line = 0;
	char *why = NULL;
	int r = fc_crypto_policy_parse(text, len, &p, &line, &why);
	if (r != -EBADMSG || line != want_line || !why ||
	    !strstr(why, want_why)) {
		fprintf(stderr,
			"%s:%d: r=%d line=%u why=\"%s\", expected "
			"-EBADMSG at line %u with \"%s\"\n",
			__FILE__, src_line, r, line, why ? why : "(null)",
			want_line, want_why);
		fc_t_fail_now++;
	}
	CHECK(p.base == NULL && p.name == NULL && p.subpolicies == NULL);
	free(why);
}
#define BAD(lit, line, why)                                                    \
	expect_bad(lit, sizeof(lit) - 1, line, why, __LINE__)

static void test_malformed_lines(void)
{
	BAD("FIPS::OSPP\n", 1, "empty subpolicy name");
	BAD("# c\n\nFIPS:\n", 3, "empty subpolicy name");
	BAD(":OSPP\n", 1, "empty policy name");
	BAD("FIPS\n:OSPP\n", 2, "empty subpolicy name");
	BAD("FIPS\nOSPP::X\n", 2, "empty subpolicy name");
	BAD("FIPS OSPP\n", 1,
	    "invalid character ' ' in policy name \"FIPS OSPP\"");
	BAD("FIPS : OSPP\n", 1, "invalid character ' '");
	BAD("# ok\nFIPS:../../etc/x\n", 2,
	    "invalid character '/' in subpolicy");
	BAD("FIPS=1\n", 1, "invalid character '='");
	/* Valid UTF-8, but no policy file is named with it. */
	BAD("F\xc4\xb0PS\n", 1, "invalid character 0xc4");
	BAD("FIPS\n# caf\xff\n", 2, "byte 0xff is not UTF-8");
	BAD("FIPS\n# \xc0\xaf overlong\n", 2, "byte 0xc0 is not UTF-8");
	BAD("# \xed\xa0\x80 surrogate\nFIPS\n", 1, "byte 0xed is not UTF-8");
	BAD("FIPS\n\nFI\0PS\n", 3, "NUL byte");
	BAD("", 1, "no policy set");
	BAD("# only\n\n   # comments\n", 3, "no policy set");
	BAD("\n\n\n", 3, "no policy set");
	char longname[300];
	memset(longname, 'A', sizeof(longname));
	memcpy(longname, "FIPS:", 5);
	expect_bad(longname, sizeof(longname), 1,
		   "subpolicy name longer than 250 characters", __LINE__);
	/* Exactly the limit is fine. */
	struct fc_crypto_policy p = { 0 };
	char *why = NULL;
	CHECK_INT(fc_crypto_policy_parse(longname, 5 + 250, &p, NULL, &why), 0);
	CHECK_INT(p.n_subpolicies, 1);
	fc_crypto_policy_free(&p);
}

/* ---- fips-mode-setup --check -------------------------------------- */

static void expect_fms(const char *flag, bool complete, const char *current,
		       const char *want_out, int want_rc, int src_line)
{
	struct fc_fips_mode_setup_state in = {
		.fips_enabled = flag,
		.current_policy = current,
		.install_complete = complete,
	};
	char *out = NULL, *verdict = NULL;
	int rc = fc_fips_mode_setup_check(&in, &out, &verdict);
	/* The verdict is the last line of the output. */
	const char *last = want_out + strlen(want_out) - 1;
	while (last > want_out && last[-1] != '\n')
		last--;
	size_t last_len = strlen(last) - 1;
	if (rc != want_rc || strcmp(out, want_out) != 0 ||
	    strlen(verdict) != last_len || strncmp(verdict, last, last_len)) {
		fprintf(stderr,
			"%s:%d: rc=%d out=\"%s\" verdict=\"%s\", "
			"expected rc=%d out=\"%s\"\n",
			__FILE__, src_line, rc, out, verdict, want_rc,
			want_out);
		fc_t_fail_now++;
	}
	free(out);
	free(verdict);
}
#define FMS(flag, complete, current, out, rc)                                  \
	expect_fms(flag, complete, current, out, rc, __LINE__)

static void test_fips_mode_setup_enabled(void)
{
	FMS("1\n", true, "FIPS\n", "FIPS mode is enabled.\n", 0);
	FMS("1\n", true, "FIPS:OSPP\n", "FIPS mode is enabled.\n", 0);
	/* $(echo $current | cut -f 1 -d :): blanks around are dropped. */
	FMS("1\n", true, "  FIPS:OSPP \n\n", "FIPS mode is enabled.\n", 0);
}

static void test_fips_mode_setup_inconsistent(void)
{
	/* RHEL 9.1 (crypto-policies-scripts-20220815-1.git0fbe86f.el9). */
	FMS("1\n", false, "FIPS\n",
	    "Installation of FIPS modules is not completed.\n"
	    "FIPS mode is enabled.\n"
	    "Inconsistent state detected.\n",
	    1);
	FMS("1\n", true, "DEFAULT\n",
	    "FIPS mode is enabled.\n"
	    "The current crypto policy (DEFAULT) neither is the FIPS policy "
	    "nor is based on the FIPS policy.\n"
	    "Inconsistent state detected.\n",
	    1);
	/* The script compares "FIPS" case-sensitively, unlike the config. */
	FMS("1\n", true, "fips\n",
	    "FIPS mode is enabled.\n"
	    "The current crypto policy (fips) neither is the FIPS policy "
	    "nor is based on the FIPS policy.\n"
	    "Inconsistent state detected.\n",
	    1);
	/* Missing state/current: cat prints nothing. */
	FMS("1\n", true, "",
	    "FIPS mode is enabled.\n"
	    "The current crypto policy () neither is the FIPS policy "
	    "nor is based on the FIPS policy.\n"
	    "Inconsistent state detected.\n",
	    1);
	/* Installed, not rebooted yet. */
	FMS("0\n", true, "FIPS\n",
	    "FIPS mode is disabled.\n"
	    "Inconsistent state detected.\n",
	    1);
	FMS("0\n", false, "FIPS:OSPP\n",
	    "Installation of FIPS modules is not completed.\n"
	    "FIPS mode is disabled.\n"
	    "The current crypto policy (FIPS:OSPP) is based on the FIPS "
	    "policy, but FIPS mode is not enabled.\n"
	    "Inconsistent state detected.\n",
	    1);
}

/* Files that do not exist: cat's complaint shows among the lines, where
 * the script reads each file. */
static void expect_fms_missing(bool flag_missing, bool cur_missing,
			       bool complete, const char *want_out, int src_line)
{
	struct fc_fips_mode_setup_state in = {
		.fips_enabled = flag_missing ? "" : "1\n",
		.current_policy = cur_missing ? "" : "FIPS\n",
		.install_complete = complete,
		.fips_enabled_missing = flag_missing,
		.current_policy_missing = cur_missing,
	};
	char *out = NULL, *verdict = NULL;
	(void)fc_fips_mode_setup_check(&in, &out, &verdict);
	if (strcmp(out, want_out) != 0) {
		fprintf(stderr, "%s:%d: out=\"%s\", expected \"%s\"\n", __FILE__,
			src_line, out, want_out);
		fc_t_fail_now++;
	}
	free(out);
	free(verdict);
}

static void test_fips_mode_setup_missing_files(void)
{
	/* A kernel without CONFIG_CRYPTO_FIPS, never set up: as on a
	 * Debian kernel, the last line is "FIPS mode is ." */
	expect_fms_missing(true, true, false,
			   "Installation of FIPS modules is not completed.\n"
			   "cat: /proc/sys/crypto/fips_enabled: No such file "
			   "or directory\n"
			   "FIPS mode is .\n"
			   "cat: /etc/crypto-policies/state/current: No such "
			   "file or directory\n",
			   __LINE__);
	/* ... set up: inconsistent before state/current is read. */
	expect_fms_missing(true, false, true,
			   "cat: /proc/sys/crypto/fips_enabled: No such file "
			   "or directory\n"
			   "FIPS mode is .\n"
			   "Inconsistent state detected.\n",
			   __LINE__);
	/* FIPS kernel, installed, no state/current. */
	expect_fms_missing(false, true, true,
			   "FIPS mode is enabled.\n"
			   "cat: /etc/crypto-policies/state/current: No such "
			   "file or directory\n"
			   "The current crypto policy () neither is the FIPS "
			   "policy nor is based on the FIPS policy.\n"
			   "Inconsistent state detected.\n",
			   __LINE__);
}

static void test_fips_mode_setup_disabled(void)
{
	/* Rocky 9.4, kernel 5.14.0-427, a host never set up for FIPS. */
	FMS("0\n", false, "DEFAULT\n",
	    "Installation of FIPS modules is not completed.\n"
	    "FIPS mode is disabled.\n",
	    0);
	/* A kernel without CONFIG_CRYPTO_FIPS: enable2txt of nothing. */
	FMS("", false, "",
	    "Installation of FIPS modules is not completed.\n"
	    "FIPS mode is .\n",
	    0);
	/* enable2txt sees the first word; the branch the exact text. */
	FMS("1 \n", false, "DEFAULT\n",
	    "Installation of FIPS modules is not completed.\n"
	    "FIPS mode is enabled.\n",
	    0);
}

int main(void)
{
	RUN(test_plain_fips);
	RUN(test_comments_case_crlf);
	RUN(test_subpolicies);
	RUN(test_malformed_lines);
	RUN(test_fips_mode_setup_enabled);
	RUN(test_fips_mode_setup_inconsistent);
	RUN(test_fips_mode_setup_disabled);
	RUN(test_fips_mode_setup_missing_files);
	TEST_MAIN_END();
}
