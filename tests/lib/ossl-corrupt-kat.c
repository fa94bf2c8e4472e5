// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * TEST DOUBLE, never installed: makes one known-answer test of the OpenSSL
 * FIPS provider fail (tests/probes/test-openssl.sh: a KAT failure injected
 * through the self-test callback's Corrupt phase).
 *
 * A correct module does not fail a KAT on demand, and patching fips.so
 * would trip its integrity test first.  OpenSSL's own fault-injection
 * hook is the self-test callback: when it returns 0 in phase "Corrupt",
 * the provider flips a bit of the test's input before computing
 * (OSSL_SELF_TEST_oncorrupt_byte), so the KAT fails inside the real
 * module, which then enters its error state.  fipsctl's callback never
 * returns 0, so this shim, loaded with LD_PRELOAD, wraps whatever callback
 * a program installs with OSSL_SELF_TEST_set_callback: every event still
 * reaches it, and the wrapper returns 0 in phase Corrupt for tests whose
 * st-desc equals $FIPSCTL_TEST_CORRUPT_KAT (e.g. "SHA2").
 *
 * It reads OSSL_PARAM arrays by hand and finds libcrypto with dlsym, so it
 * is harmless in processes that do not load libcrypto (fipsctl itself).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/core.h>
#include <openssl/core_names.h>
#include <openssl/self_test.h>

/* One slot per library context that got a callback (a handful at most). */
struct wrapped {
	int used;
	OSSL_LIB_CTX *libctx;
	OSSL_CALLBACK *cb;
	void *arg;
};
static struct wrapped slots[16];

static const char *param_string(const OSSL_PARAM *p, const char *key)
{
	for (; p && p->key; p++)
		if (strcmp(p->key, key) == 0 &&
		    p->data_type == OSSL_PARAM_UTF8_STRING)
			return p->data;
	return NULL;
}

static int corrupting_callback(const OSSL_PARAM params[], void *arg)
{
	const struct wrapped *w = arg;
	int rc = w->cb ? w->cb(params, w->arg) : 1;
	const char *want = getenv("FIPSCTL_TEST_CORRUPT_KAT");
	const char *phase = param_string(params, OSSL_PROV_PARAM_SELF_TEST_PHASE);
	const char *desc = param_string(params, OSSL_PROV_PARAM_SELF_TEST_DESC);
	if (want && phase && desc && strcmp(phase, "Corrupt") == 0 &&
	    strcmp(desc, want) == 0)
		return 0;
	return rc;
}

void OSSL_SELF_TEST_set_callback(OSSL_LIB_CTX *libctx, OSSL_CALLBACK *cb,
				 void *cbarg)
{
	typedef void (*set_fn)(OSSL_LIB_CTX *, OSSL_CALLBACK *, void *);
	set_fn real = (set_fn)dlsym(RTLD_NEXT, "OSSL_SELF_TEST_set_callback");
	if (!real) {
		static const char msg[] = "ossl-corrupt-kat: libcrypto's "
					  "OSSL_SELF_TEST_set_callback not found\n";
		(void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
		_exit(97);
	}
	struct wrapped *w = NULL;
	for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]) && !w; i++)
		if (!slots[i].used || slots[i].libctx == libctx)
			w = &slots[i];
	if (!w) {
		static const char msg[] = "ossl-corrupt-kat: too many contexts\n";
		(void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
		_exit(97);
	}
	*w = (struct wrapped){ 1, libctx, cb, cbarg };
	real(libctx, corrupting_callback, w);
}
