// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The evidence helper's one adapter to OpenSSL (docs/style.md habit 4): every
 * OpenSSL call returns 1 on success; ossl_fail() turns a failure into our
 * -errno plus OpenSSL's own error text.  All of it goes through EVP, so on
 * an EL9 host in FIPS mode the FIPS provider does the work.
 *
 * Algorithms (FIPS 186-5 signatures with SP 800-131A strengths): ECDSA on
 * P-256 with SHA-256 or P-384 with SHA-384; RSA of at least 2048 bits with
 * PSS, SHA-256, MGF1-SHA-256 and a salt as long as the digest.  The same
 * signature checks with 'openssl dgst -sha256 -verify signer.pem
 * -signature MANIFEST.sig MANIFEST' (RSA: add -sigopt
 * rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest), see
 * docs/evidence.md.
 */
#include "ev.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

/* OpenSSL's queued errors, most recent last, after what failed. */
static int ossl_fail(char **err, int rc, const char *what)
{
	struct fc_buf b = { 0 };
	fc_buf_adds(&b, what);
	unsigned long e;
	bool first = true;
	while ((e = ERR_get_error()) != 0) {
		char buf[256];
		ERR_error_string_n(e, buf, sizeof(buf));
		fc_buf_addf(&b, "%s%s", first ? ": " : "; ", buf);
		first = false;
	}
	free(*err);
	*err = fc_buf_steal(&b);
	return rc;
}

static void to_hex(const unsigned char *d, size_t n, char *out)
{
	static const char hx[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hx[d[i] >> 4];
		out[2 * i + 1] = hx[d[i] & 15];
	}
	out[2 * n] = '\0';
}

static void md_ctx_freep(EVP_MD_CTX **c)
{
	EVP_MD_CTX_free(*c);
}
#define _cleanup_md_ctx_ __attribute__((cleanup(md_ctx_freep)))

int ev_sha256_hex(const void *data, size_t len, char out[EV_SHA256_HEX],
		  char **err)
{
	unsigned char md[32];
	unsigned int n = 0;
	if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32)
		return ossl_fail(err, -EIO, "SHA-256");
	to_hex(md, 32, out);
	return 0;
}

int ev_sha256_fd(int fd, uint64_t max, char out[EV_SHA256_HEX],
		 uint64_t *bytes, char **err)
{
	_cleanup_md_ctx_ EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c || EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1)
		return ossl_fail(err, -EIO, "SHA-256");
	uint64_t total = 0;
	unsigned char buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			free(*err);
			*err = fc_asprintf("read: %s", strerror(e));
			return -e;
		}
		if (n == 0)
			break;
		total += (uint64_t)n;
		if (total > max) {
			free(*err);
			*err = fc_asprintf("larger than %llu bytes",
					   (unsigned long long)max);
			return -EFBIG;
		}
		if (EVP_DigestUpdate(c, buf, (size_t)n) != 1)
			return ossl_fail(err, -EIO, "SHA-256");
	}
	unsigned char md[32];
	unsigned int n = 0;
	if (EVP_DigestFinal_ex(c, md, &n) != 1 || n != 32)
		return ossl_fail(err, -EIO, "SHA-256");
	to_hex(md, 32, out);
	*bytes = total;
	return 0;
}

void ev_key_clear(struct ev_key *k)
{
	EVP_PKEY_free(k->pkey);
	X509_free(k->cert);
	k->pkey = NULL;
	k->cert = NULL;
}

/* Refuse, rather than prompt for, a passphrase. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	*(bool *)u = true;
	return -1;
}

/* The digest a key signs with, or NULL with *err for a key that is not
 * approved here. */
static const char *key_digest(EVP_PKEY *k, char **err)
{
	if (EVP_PKEY_is_a(k, "EC")) {
		char group[64] = "";
		if (EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME,
						   group, sizeof(group),
						   NULL) != 1) {
			ossl_fail(err, 0, "cannot tell the key's curve");
			return NULL;
		}
		if (fc_streq(group, "prime256v1") || fc_streq(group, "P-256"))
			return "SHA256";
		if (fc_streq(group, "secp384r1") || fc_streq(group, "P-384"))
			return "SHA384";
		free(*err);
		*err = fc_asprintf("an EC key on curve %s: only P-256 and "
				   "P-384 are accepted",
				   group);
		return NULL;
	}
	if (EVP_PKEY_is_a(k, "RSA") || EVP_PKEY_is_a(k, "RSA-PSS")) {
		int bits = EVP_PKEY_get_bits(k);
		if (bits < 2048) {
			free(*err);
			*err = fc_asprintf("an RSA key of %d bits: at least "
					   "2048 are required (SP 800-131A)",
					   bits);
			return NULL;
		}
		return "SHA256";
	}
	free(*err);
	*err = fc_asprintf("the key's type is %s: only ECDSA (P-256, P-384) "
			   "and RSA (used with PSS) keys are accepted",
			   EVP_PKEY_get0_type_name(k) ? EVP_PKEY_get0_type_name(k)
						      : "unknown");
	return NULL;
}

static BIO *bio_file(const char *path, char **err)
{
	BIO *b = BIO_new_file(path, "r");
	if (!b) {
		int e = errno ? errno : EIO;
		ERR_clear_error();
		free(*err);
		*err = fc_asprintf("%s: %s", path, strerror(e));
	}
	return b;
}

int ev_key_load_private(const char *path, struct ev_key *out, char **err)
{
	*out = (struct ev_key){ 0 };
	BIO *b = bio_file(path, err);
	if (!b)
		return -EINVAL;
	bool asked = false;
	out->pkey = PEM_read_bio_PrivateKey(b, NULL, no_passphrase, &asked);
	if (!out->pkey) {
		BIO_free(b);
		if (asked) {
			ERR_clear_error();
			free(*err);
			*err = fc_asprintf("%s: the key is encrypted; give an "
					   "unencrypted PEM key",
					   path);
			return -EINVAL;
		}
		_cleanup_free_ char *what =
			fc_asprintf("%s: no PEM private key", path);
		return ossl_fail(err, -EINVAL, what);
	}
	/* A certificate in the same file travels with the signature. */
	(void)BIO_reset(b);
	out->cert = PEM_read_bio_X509(b, NULL, no_passphrase, &asked);
	ERR_clear_error();
	BIO_free(b);
	const char *md = key_digest(out->pkey, err);
	if (!md) {
		_cleanup_free_ char *why = FC_TAKE(*err);
		*err = fc_asprintf("%s: %s", path, why);
		ev_key_clear(out);
		return -EINVAL;
	}
	if (out->cert && EVP_PKEY_eq(X509_get0_pubkey(out->cert), out->pkey) != 1) {
		ERR_clear_error();
		free(*err);
		*err = fc_asprintf("%s: the certificate in the file is not for "
				   "its private key",
				   path);
		ev_key_clear(out);
		return -EINVAL;
	}
	return 0;
}

static int load_public_bio(BIO *b, struct ev_key *out, const char *shown,
			   char **err)
{
	*out = (struct ev_key){ 0 };
	bool asked = false;
	out->pkey = PEM_read_bio_PUBKEY(b, NULL, no_passphrase, &asked);
	if (!out->pkey) {
		ERR_clear_error();
		(void)BIO_reset(b);
		out->cert = PEM_read_bio_X509(b, NULL, no_passphrase, &asked);
		if (!out->cert) {
			_cleanup_free_ char *what = fc_asprintf(
				"%s: neither a PEM public key nor a certificate",
				shown);
			return ossl_fail(err, -EINVAL, what);
		}
		out->pkey = X509_get_pubkey(out->cert);
		if (!out->pkey) {
			ev_key_clear(out);
			_cleanup_free_ char *what = fc_asprintf(
				"%s: cannot use the certificate's key", shown);
			return ossl_fail(err, -EINVAL, what);
		}
	}
	if (!key_digest(out->pkey, err)) {
		_cleanup_free_ char *why = FC_TAKE(*err);
		*err = fc_asprintf("%s: %s", shown, why);
		ev_key_clear(out);
		return -EINVAL;
	}
	return 0;
}

int ev_key_load_public(const void *pem, size_t len, struct ev_key *out,
		       char **err)
{
	if (len > INT32_MAX) {
		free(*err);
		*err = fc_strdup("signer.pem: too large");
		return -EINVAL;
	}
	BIO *b = BIO_new_mem_buf(pem, (int)len);
	if (!b)
		return ossl_fail(err, -EIO, "BIO_new_mem_buf");
	int r = load_public_bio(b, out, FC_EV_SIGNER, err);
	BIO_free(b);
	return r;
}

int ev_key_load_public_file(const char *path, struct ev_key *out, char **err)
{
	BIO *b = bio_file(path, err);
	if (!b)
		return -EINVAL;
	int r = load_public_bio(b, out, path, err);
	BIO_free(b);
	return r;
}

char *ev_key_algorithm(const struct ev_key *k)
{
	char *err = NULL;
	const char *md = key_digest(k->pkey, &err);
	free(err);
	const char *mdname = fc_streq(md, "SHA384") ? "SHA-384" : "SHA-256";
	if (EVP_PKEY_is_a(k->pkey, "EC"))
		return fc_asprintf("ECDSA %s with %s",
				   fc_streq(md, "SHA384") ? "P-384" : "P-256",
				   mdname);
	return fc_asprintf("RSA-PSS %d with %s", EVP_PKEY_get_bits(k->pkey),
			   mdname);
}

int ev_key_fingerprint(const struct ev_key *k, char out[EV_SHA256_HEX],
		       char **err)
{
	unsigned char *der = NULL;
	int n = i2d_PUBKEY(k->pkey, &der);
	if (n <= 0)
		return ossl_fail(err, -EIO, "encoding the public key");
	int r = ev_sha256_hex(der, (size_t)n, out, err);
	OPENSSL_free(der);
	return r;
}

int ev_key_public_pem(const struct ev_key *k, char **pem, size_t *len,
		      char **err)
{
	BIO *b = BIO_new(BIO_s_mem());
	if (!b)
		return ossl_fail(err, -EIO, "BIO_new");
	int ok = k->cert ? PEM_write_bio_X509(b, k->cert)
			 : PEM_write_bio_PUBKEY(b, k->pkey);
	if (ok != 1) {
		BIO_free(b);
		return ossl_fail(err, -EIO, "writing the public key");
	}
	char *p = NULL;
	long n = BIO_get_mem_data(b, &p);
	*pem = fc_strndup(p, (size_t)n);
	*len = (size_t)n;
	BIO_free(b);
	return 0;
}

/* Set up a digest-sign or digest-verify context for k. */
static int init_ctx(EVP_MD_CTX *c, const struct ev_key *k, bool sign,
		    char **err)
{
	const char *md = key_digest(k->pkey, err);
	if (!md)
		return -EINVAL;
	EVP_PKEY_CTX *pc = NULL;
	int ok = sign ? EVP_DigestSignInit_ex(c, &pc, md, NULL, NULL, k->pkey,
					      NULL)
		      : EVP_DigestVerifyInit_ex(c, &pc, md, NULL, NULL, k->pkey,
						NULL);
	if (ok != 1)
		return ossl_fail(err, -EIO, sign ? "signing" : "verifying");
	if (!EVP_PKEY_is_a(k->pkey, "EC") &&
	    (EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PSS_PADDING) != 1 ||
	     EVP_PKEY_CTX_set_rsa_pss_saltlen(pc, RSA_PSS_SALTLEN_DIGEST) != 1 ||
	     EVP_PKEY_CTX_set_rsa_mgf1_md_name(pc, md, NULL) != 1))
		return ossl_fail(err, -EIO, "setting up RSA-PSS");
	return 0;
}

int ev_sign(const struct ev_key *k, const void *msg, size_t len,
	    unsigned char **sig, size_t *sig_len, char **err)
{
	_cleanup_md_ctx_ EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c)
		return ossl_fail(err, -EIO, "EVP_MD_CTX_new");
	int r = init_ctx(c, k, true, err);
	if (r < 0)
		return r;
	size_t n = 0;
	if (EVP_DigestSign(c, NULL, &n, msg, len) != 1)
		return ossl_fail(err, -EIO, "signing MANIFEST");
	unsigned char *s = fc_malloc(n ? n : 1);
	if (EVP_DigestSign(c, s, &n, msg, len) != 1) {
		free(s);
		return ossl_fail(err, -EIO, "signing MANIFEST");
	}
	*sig = s;
	*sig_len = n;
	return 0;
}

int ev_verify(const struct ev_key *k, const void *msg, size_t len,
	      const unsigned char *sig, size_t sig_len, char **err)
{
	_cleanup_md_ctx_ EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c)
		return ossl_fail(err, -EIO, "EVP_MD_CTX_new");
	int r = init_ctx(c, k, false, err);
	if (r < 0)
		return r;
	int ok = EVP_DigestVerify(c, sig, sig_len, msg, len);
	if (ok == 1)
		return 0;
	/* 0 is "does not verify"; a malformed signature is the same
	 * thing to an auditor: OpenSSL's reason is kept. */
	return ossl_fail(err, -EBADMSG, "the signature does not verify");
}
