// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/kat/kat-load-wycheproof.c: Wycheproof files, the
 * LEGACY policy that decides a case's expected result, and the table of
 * group types (which cell, operation and values each type reads).
 */
#include "harness.h"
#include "kat-set.h"

#include "kat/kat-load-fmt.h"

static void test_wycheproof(void)
{
	static const char text[] =
		"{\"algorithm\": \"HMACSHA256\", \"schema\": \"mac_test_schema_v1.json\",\n"
		" \"numberOfTests\": 3,\n"
		" \"notes\": {\"Old\": {\"bugType\": \"LEGACY\"},\n"
		"           \"Bad\": {\"bugType\": \"AUTH_BYPASS\"}},\n"
		" \"testGroups\": [{\"type\": \"MacTest\", \"keySize\": 128, \"tagSize\": 32,\n"
		"   \"tests\": [\n"
		"    {\"tcId\": 1, \"flags\": [], \"key\": \"00112233445566778899aabbccddeeff\",\n"
		"     \"msg\": \"\", \"tag\": \"01020304\", \"result\": \"valid\"},\n"
		"    {\"tcId\": 2, \"flags\": [\"Bad\"], \"key\": \"00\", \"msg\": \"ff\",\n"
		"     \"tag\": \"01020304\", \"result\": \"invalid\"},\n"
		"    {\"tcId\": 3, \"flags\": [\"Old\"], \"key\": \"00\", \"msg\": \"ff\",\n"
		"     \"tag\": \"01020304\", \"result\": \"invalid\"}]}]}\n";
	struct fc_kat_set s = { 0 };
	char *err = NULL;
	CHECK_INT(fc_kat_load_text(&s, "hmac_sha256_test.json", text,
				   sizeof(text) - 1, &err),
		  0);
	CHECK(err == NULL);
	CHECK_INT(s.n, 3);
	const struct fc_kat_vector *v = t_kat_find(&s, 0, 1);
	CHECK(v && fc_streq(v->alg, "HMAC-SHA2-256"));
	CHECK(v && v->op == FC_KAT_OP_HMAC && v->hash == FC_KAT_SHA256);
	CHECK_INT(t_kat_field_len(v, FC_KAT_F_KEY), 16);
	CHECK_INT(t_kat_field_len(v, FC_KAT_F_MSG), 0);
	CHECK_INT(t_kat_field_len(v, FC_KAT_F_OUT), 4);
	CHECK(v && fc_streq(v->source, "hmac_sha256_test.json"));
	v = t_kat_find(&s, 0, 2);
	CHECK(v && v->expect == FC_KAT_INVALID);
	/* Invalid only for a LEGACY flag: acceptable. */
	v = t_kat_find(&s, 0, 3);
	CHECK(v && v->expect == FC_KAT_ACCEPTABLE);
	fc_kat_set_free(&s);
	free(err);
}

/* A valid case flagged with what the notes call an EDGE_CASE carries the
 * flag (src/kat/kat-verdict.c warns when it is rejected); an invalid one
 * or another bugType does not. */
static void test_edge_case(void)
{
	static const char text[] =
		"{\"algorithm\": \"HMACSHA256\", \"schema\": \"mac_test_schema_v1.json\",\n"
		" \"numberOfTests\": 4,\n"
		" \"notes\": {\"PointDuplication\": {\"bugType\": \"EDGE_CASE\"},\n"
		"           \"Pseudorandom\": {\"bugType\": \"FUNCTIONALITY\"}},\n"
		" \"testGroups\": [{\"type\": \"MacTest\", \"keySize\": 8, \"tagSize\": 32,\n"
		"   \"tests\": [\n"
		"    {\"tcId\": 1, \"flags\": [\"Pseudorandom\", \"PointDuplication\"],\n"
		"     \"key\": \"00\", \"msg\": \"\", \"tag\": \"01020304\", \"result\": \"valid\"},\n"
		"    {\"tcId\": 2, \"flags\": [\"PointDuplication\"], \"key\": \"00\",\n"
		"     \"msg\": \"ff\", \"tag\": \"01020304\", \"result\": \"invalid\"},\n"
		"    {\"tcId\": 3, \"flags\": [\"Pseudorandom\"], \"key\": \"00\",\n"
		"     \"msg\": \"ff\", \"tag\": \"01020304\", \"result\": \"valid\"},\n"
		"    {\"tcId\": 4, \"flags\": [\"Unlisted\"], \"key\": \"00\",\n"
		"     \"msg\": \"ff\", \"tag\": \"01020304\", \"result\": \"valid\"}]}]}\n";
	struct fc_kat_set s = { 0 };
	char *err = NULL;
	CHECK_INT(fc_kat_load_text(&s, "hmac_sha256_test.json", text,
				   sizeof(text) - 1, &err),
		  0);
	const struct fc_kat_vector *v = t_kat_find(&s, 0, 1);
	CHECK(v && v->edge_case && fc_streq(v->edge_case, "PointDuplication"));
	v = t_kat_find(&s, 0, 2);
	CHECK(v && !v->edge_case);
	v = t_kat_find(&s, 0, 3);
	CHECK(v && !v->edge_case);
	v = t_kat_find(&s, 0, 4);
	CHECK(v && !v->edge_case);
	fc_kat_set_free(&s);
	free(err);
}

/* The expected result: one row per result and flag situation. */
static void test_expect(void)
{
	static const struct {
		const char *result;
		size_t n_flags, n_legacy;
		int rc;
		enum fc_kat_expect want;
	} rows[] = {
		{ "valid", 0, 0, 0, FC_KAT_VALID },
		{ "valid", 2, 2, 0, FC_KAT_VALID },
		{ "acceptable", 0, 0, 0, FC_KAT_ACCEPTABLE },
		{ "acceptable", 1, 0, 0, FC_KAT_ACCEPTABLE },
		{ "invalid", 0, 0, 0, FC_KAT_INVALID },
		/* a flag that is not LEGACY keeps it invalid */
		{ "invalid", 1, 0, 0, FC_KAT_INVALID },
		{ "invalid", 2, 1, 0, FC_KAT_INVALID },
		/* invalid only for LEGACY encodings: acceptable */
		{ "invalid", 1, 1, 0, FC_KAT_ACCEPTABLE },
		{ "invalid", 3, 3, 0, FC_KAT_ACCEPTABLE },
		{ "Valid", 0, 0, -EINVAL, 0 },
		{ "", 0, 0, -EINVAL, 0 },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(rows); i++) {
		enum fc_kat_expect e = 99;
		int rc = fc_kat_wycheproof_expect(rows[i].result, rows[i].n_flags,
						  rows[i].n_legacy, &e);
		if (rc != rows[i].rc || (rc == 0 && e != rows[i].want)) {
			fprintf(stderr, "row %zu: rc %d expect %d\n", i, rc,
				(int)e);
			fc_t_fail_now++;
		}
	}
}

/* One case of each group type: where its values come from. */
static void test_types(void)
{
	static const struct {
		const char *algorithm, *type, *group, *test;
		const char *alg; /* the cell */
		enum fc_kat_op op;
		enum fc_kat_hash hash;
		enum fc_kat_curve curve;
		uint8_t mode, flags, n_fields;
		uint32_t out_len, count, key_bits, salt_len;
		const char *skip; /* a substring of the skip reason */
	} rows[] = {
		{ "HMACSHA3-256", "MacTest", "",
		  "\"key\": \"00\", \"msg\": \"\", \"tag\": \"01\"",
		  "HMAC-SHA3-256", FC_KAT_OP_HMAC, FC_KAT_SHA3_256, .n_fields = 3 },
		{ "HMACSHA512/256", "MacTest", "",
		  "\"key\": \"00\", \"msg\": \"\", \"tag\": \"01\"",
		  "HMAC-SHA2-512/256", FC_KAT_OP_HMAC, FC_KAT_SHA512_256,
		  .n_fields = 3 },
		{ "AES-CMAC", "MacTest", "",
		  "\"key\": \"00\", \"msg\": \"\", \"tag\": \"01\"", "AES-CMAC",
		  FC_KAT_OP_CMAC, .n_fields = 3 },
		{ "AES-CBC-PKCS5", "IndCpaTest", "",
		  "\"key\": \"00\", \"iv\": \"01\", \"msg\": \"\", \"ct\": \"02\"",
		  "AES-CBC", FC_KAT_OP_CIPHER, .mode = FC_KAT_CBC,
		  .flags = FC_KAT_PKCS7, .n_fields = 4 },
		{ "AES-GCM", "AeadTest", "",
		  "\"key\": \"00\", \"iv\": \"01\", \"aad\": \"\", \"msg\": \"\", "
		  "\"ct\": \"\", \"tag\": \"02\"",
		  "AES-GCM", FC_KAT_OP_GCM, .n_fields = 6 },
		{ "HKDF-SHA-256", "HkdfTest", "",
		  "\"ikm\": \"00\", \"salt\": \"\", \"info\": \"\", \"okm\": \"01\", "
		  "\"size\": 1",
		  "HKDF", FC_KAT_OP_HKDF, FC_KAT_SHA256, .n_fields = 4,
		  .out_len = 1 },
		{ "PBKDF2-HMACSHA512", "PbkdfTest", "",
		  "\"password\": \"00\", \"salt\": \"\", \"dk\": \"0102\", "
		  "\"iterationCount\": 7, \"dkLen\": 2",
		  "PBKDF2", FC_KAT_OP_PBKDF2, FC_KAT_SHA512, .n_fields = 3,
		  .out_len = 2, .count = 7 },
		{ "ECDSA", "EcdsaVerify",
		  "\"publicKey\": {\"curve\": \"secp384r1\", \"wx\": \"01\", "
		  "\"wy\": \"02\"}, \"sha\": \"SHA-384\",",
		  "\"msg\": \"\", \"sig\": \"30\"", "ECDSA-SigVer",
		  FC_KAT_OP_ECDSA_VERIFY, FC_KAT_SHA384, FC_KAT_P384, .n_fields = 4 },
		{ "ECDSA", "EcdsaVerify",
		  "\"publicKey\": {\"curve\": \"brainpoolP256r1\", \"wx\": \"01\", "
		  "\"wy\": \"02\"}, \"sha\": \"SHA-256\",",
		  "\"msg\": \"\", \"sig\": \"30\"", "ECDSA-SigVer",
		  FC_KAT_OP_ECDSA_VERIFY, FC_KAT_SHA256, .n_fields = 4,
		  .skip = "curve brainpoolP256r1 is not one the core runs" },
		{ "ECDH", "EcdhTest", "\"curve\": \"secp256r1\",",
		  "\"public\": \"30\", \"private\": \"01\", \"shared\": \"02\"",
		  "ECDH", FC_KAT_OP_ECDH, .curve = FC_KAT_P256, .flags = FC_KAT_SPKI,
		  .n_fields = 3 },
		{ "ECDH", "EcdhEcpointTest", "\"curve\": \"secp256r1\",",
		  "\"public\": \"04\", \"private\": \"01\", \"shared\": \"02\"",
		  "ECDH", FC_KAT_OP_ECDH, .curve = FC_KAT_P256, .n_fields = 3 },
		/* testvectors_v1: the key under publicKey */
		{ "RSASSA-PKCS1-v1_5", "RsassaPkcs1Verify",
		  "\"publicKey\": {\"modulus\": \"00c1\", \"publicExponent\": "
		  "\"010001\"}, \"sha\": \"SHA-256\", \"keySize\": 2048,",
		  "\"msg\": \"\", \"sig\": \"01\"", "RSA-PKCS1v1.5-SigVer",
		  FC_KAT_OP_RSA_VERIFY, FC_KAT_SHA256, .mode = FC_KAT_RSA_PKCS1,
		  .n_fields = 4, .key_bits = 2048 },
		/* the older layout: n and e on the group */
		{ "RSASSA-PKCS1-v1_5", "RsassaPkcs1Verify",
		  "\"n\": \"00c1\", \"e\": \"03\", \"sha\": \"SHA-512\",",
		  "\"msg\": \"\", \"sig\": \"01\"", "RSA-PKCS1v1.5-SigVer",
		  FC_KAT_OP_RSA_VERIFY, FC_KAT_SHA512, .mode = FC_KAT_RSA_PKCS1,
		  .n_fields = 4 },
		{ "RSASSA-PSS", "RsassaPssVerify",
		  "\"publicKey\": {\"modulus\": \"00c1\", \"publicExponent\": "
		  "\"03\"}, \"sha\": \"SHA-256\", \"mgf\": \"MGF1\", \"mgfSha\": "
		  "\"SHA-256\", \"sLen\": 32,",
		  "\"msg\": \"\", \"sig\": \"01\"", "RSA-PSS-SigVer",
		  FC_KAT_OP_RSA_VERIFY, FC_KAT_SHA256, .mode = FC_KAT_RSA_PSS,
		  .n_fields = 4, .salt_len = 32 },
		{ "RSASSA-PSS", "RsassaPssVerify",
		  "\"publicKey\": {\"modulus\": \"00c1\", \"publicExponent\": "
		  "\"03\"}, \"sha\": \"SHA-256\", \"mgf\": \"MGF2\", \"mgfSha\": "
		  "\"SHA-256\", \"sLen\": 0,",
		  "\"msg\": \"\", \"sig\": \"01\"", "RSA-PSS-SigVer",
		  FC_KAT_OP_RSA_VERIFY, FC_KAT_SHA256, .mode = FC_KAT_RSA_PSS,
		  .n_fields = 4,
		  .skip = "mask function MGF2 is not one the core runs" },
		{ "RSASSA-PKCS1-v1_5", "RsassaPkcs1Generate", "", "",
		  "RSA-PKCS1v1.5-SigGen", FC_KAT_OP_RSA_VERIFY,
		  .skip = "RSA signature generation vectors are not run" },
	};
	for (size_t i = 0; i < FC_ARRAY_SIZE(rows); i++) {
		_cleanup_free_ char *text = fc_asprintf(
			"{\"algorithm\": \"%s\", \"schema\": \"s\", "
			"\"testGroups\": [{\"type\": \"%s\", %s \"tests\": "
			"[{\"tcId\": 1, \"result\": \"valid\", \"flags\": []%s%s}]}]}",
			rows[i].algorithm, rows[i].type, rows[i].group,
			*rows[i].test ? ", " : "", rows[i].test);
		struct fc_kat_set s = { 0 };
		char *err = NULL;
		int r = fc_kat_load_text(&s, "types.json", text, strlen(text),
					 &err);
		const struct fc_kat_vector *v = s.n == 1 ? &s.v[0] : NULL;
		bool ok = r == 0 && v && fc_streq(v->alg, rows[i].alg) &&
			  v->op == rows[i].op && v->hash == rows[i].hash &&
			  v->curve == rows[i].curve && v->mode == rows[i].mode &&
			  v->flags == rows[i].flags &&
			  v->n_fields == rows[i].n_fields &&
			  v->out_len == rows[i].out_len &&
			  v->count == rows[i].count &&
			  v->key_bits == rows[i].key_bits &&
			  v->salt_len == rows[i].salt_len &&
			  (rows[i].skip ? v->skip && strstr(v->skip, rows[i].skip)
					: !v->skip);
		if (!ok) {
			fprintf(stderr, "row %zu (%s): r=%d err=%s n=%zu skip=%s\n",
				i, rows[i].type, r, err ? err : "-", s.n,
				v && v->skip ? v->skip : "-");
			fc_t_fail_now++;
		}
		/* RSA-PSS: MGF1 with its hash. */
		if (v && rows[i].salt_len == 32)
			CHECK_INT(v->mgf_hash, FC_KAT_SHA256);
		free(err);
		fc_kat_set_free(&s);
	}
}

int main(void)
{
	RUN(test_wycheproof);
	RUN(test_edge_case);
	RUN(test_expect);
	RUN(test_types);
	TEST_MAIN_END();
}
