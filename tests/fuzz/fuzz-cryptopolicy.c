// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for src/parse/cryptopolicy.c: the config/state grammar and the
 * fips-mode-setup --check mirror.  Invariants checked on every input: a
 * parsed policy re-parses from its own name to the same name (that is
 * what update-crypto-policies writes to state/current), a rejected one
 * names a line inside the text, and the mirror's verdict is its last line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/cryptopolicy.h"

static void check_parse(const char *text, size_t len)
{
	struct fc_crypto_policy p = { 0 };
	unsigned line = 0;
	char *why = NULL;
	int r = fc_crypto_policy_parse(text, len, &p, &line, &why);
	if (r < 0) {
		size_t lines = 1;
		for (size_t i = 0; i < len; i++)
			lines += text[i] == '\n' || text[i] == '\r';
		if (!why || line == 0 || line > lines || p.name)
			abort();
		free(why);
		return;
	}
	if (why || !p.base || !p.name || p.line == 0 ||
	    !fc_startswith(p.name, p.base))
		abort();
	struct fc_crypto_policy again = { 0 };
	char *why2 = NULL;
	if (fc_crypto_policy_parse(p.name, strlen(p.name), &again, NULL,
				   &why2) != 0 ||
	    strcmp(again.name, p.name) != 0 ||
	    again.n_subpolicies != p.n_subpolicies)
		abort();
	fc_crypto_policy_free(&again);
	fc_crypto_policy_free(&p);
}

static void check_mirror(const char *text)
{
	/* The input as state/current, under each kernel flag. */
	static const char *const flags[] = { "1\n", "0\n", "" };
	for (size_t i = 0; i < 6; i++) {
		struct fc_fips_mode_setup_state in = {
			.fips_enabled = flags[i % 3],
			.current_policy = text,
			.install_complete = i >= 3,
		};
		char *out = NULL, *verdict = NULL;
		int rc = fc_fips_mode_setup_check(&in, &out, &verdict);
		size_t n = strlen(out), v = strlen(verdict);
		if ((rc != 0 && rc != 1) || n < v + 1 || out[n - 1] != '\n' ||
		    memcmp(out + n - 1 - v, verdict, v) != 0 ||
		    (rc == 1) !=
			    fc_streq(verdict, "Inconsistent state detected."))
			abort();
		free(out);
		free(verdict);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	check_parse((const char *)data, size);
	char *text = fc_strndup((const char *)data, size);
	check_mirror(text);
	free(text);
	return 0;
}
