// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Encodings the core handles for every adapter (src/kat/kat.h): hex,
 * strict DER of ECDSA signatures, the EC point inside a
 * SubjectPublicKeyInfo.
 */
#include "kat/kat.h"

#include <errno.h>
#include <string.h>

int fc_kat_unhex(const char *hex, uint8_t **out, size_t *len)
{
	size_t n = strlen(hex);
	if (n % 2)
		return -EBADMSG;
	uint8_t *b = fc_malloc(n / 2 + 1);
	for (size_t i = 0; i < n / 2; i++) {
		int v = 0;
		for (int k = 0; k < 2; k++) {
			char c = hex[2 * i + k];
			int d = c >= '0' && c <= '9'   ? c - '0'
				: c >= 'a' && c <= 'f' ? c - 'a' + 10
				: c >= 'A' && c <= 'F' ? c - 'A' + 10
						       : -1;
			if (d < 0) {
				free(b);
				return -EBADMSG;
			}
			v = v * 16 + d;
		}
		b[i] = (uint8_t)v;
	}
	*out = b;
	*len = n / 2;
	return 0;
}

/* One DER TLV at *p (end e): tag t, definite minimal length. */
static int der_take(const uint8_t **p, const uint8_t *e, uint8_t t,
		    const uint8_t **val, size_t *len)
{
	const uint8_t *q = *p;
	if (e - q < 2 || q[0] != t)
		return -EBADMSG;
	size_t n = q[1];
	q += 2;
	if (n & 0x80) {
		size_t k = n & 0x7f;
		if (k == 0 || k > 3 || (size_t)(e - q) < k || q[0] == 0)
			return -EBADMSG;
		n = 0;
		for (size_t i = 0; i < k; i++)
			n = n << 8 | q[i];
		q += k;
		if (n < 0x80) /* the short form was required */
			return -EBADMSG;
	}
	if ((size_t)(e - q) < n)
		return -EBADMSG;
	*val = q;
	*len = n;
	*p = q + n;
	return 0;
}

/* A non-negative INTEGER in minimal form; v is returned without the sign
 * byte. */
static int der_uint(const uint8_t **p, const uint8_t *e, const uint8_t **v,
		    size_t *len)
{
	const uint8_t *x;
	size_t n;
	if (der_take(p, e, 0x02, &x, &n) < 0 || n == 0)
		return -EBADMSG;
	if (x[0] & 0x80)
		return -EBADMSG; /* negative */
	if (n > 1 && x[0] == 0 && !(x[1] & 0x80))
		return -EBADMSG; /* not minimal */
	if (x[0] == 0 && n > 1) {
		x++;
		n--;
	}
	*v = x;
	*len = n;
	return 0;
}

int fc_kat_der_sig_decode(const uint8_t *der, size_t len, const uint8_t **r,
			  size_t *r_len, const uint8_t **s, size_t *s_len)
{
	const uint8_t *p = der, *e = der + len, *seq;
	size_t n;
	if (der_take(&p, e, 0x30, &seq, &n) < 0 || p != e)
		return -EBADMSG;
	const uint8_t *q = seq, *qe = seq + n;
	if (der_uint(&q, qe, r, r_len) < 0 || der_uint(&q, qe, s, s_len) < 0 ||
	    q != qe)
		return -EBADMSG;
	return 0;
}

static size_t der_put_len(uint8_t *out, size_t n)
{
	if (n < 0x80) {
		out[0] = (uint8_t)n;
		return 1;
	}
	if (n < 0x100) {
		out[0] = 0x81;
		out[1] = (uint8_t)n;
		return 2;
	}
	out[0] = 0x82;
	out[1] = (uint8_t)(n >> 8);
	out[2] = (uint8_t)n;
	return 3;
}

static size_t der_put_uint(uint8_t *out, const uint8_t *v, size_t n)
{
	while (n > 1 && v[0] == 0) {
		v++;
		n--;
	}
	bool pad = n == 0 || (v[0] & 0x80);
	size_t k = 0;
	out[k++] = 0x02;
	k += der_put_len(out + k, n + pad + (n == 0 ? 0 : 0));
	if (pad)
		out[k++] = 0;
	memcpy(out + k, v, n);
	return k + n;
}

size_t fc_kat_der_sig_encode(const uint8_t *r, size_t r_len, const uint8_t *s,
			     size_t s_len, uint8_t *out)
{
	uint8_t body[2 * 140 + 16];
	if (r_len > 132 || s_len > 132)
		return 0;
	size_t n = der_put_uint(body, r, r_len);
	n += der_put_uint(body + n, s, s_len);
	size_t k = 0;
	out[k++] = 0x30;
	k += der_put_len(out + k, n);
	memcpy(out + k, body, n);
	return k + n;
}

int fc_kat_spki_ec_point(const uint8_t *der, size_t len, enum fc_kat_curve c,
			 const uint8_t **point, size_t *point_len)
{
	/* id-ecPublicKey 1.2.840.10045.2.1 and the named curves (RFC 5480). */
	static const uint8_t ec_pub[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 };
	static const uint8_t p256[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 };
	static const uint8_t p384[] = { 0x2b, 0x81, 0x04, 0x00, 0x22 };
	static const uint8_t p521[] = { 0x2b, 0x81, 0x04, 0x00, 0x23 };
	const uint8_t *want = c == FC_KAT_P256 ? p256 : c == FC_KAT_P384 ? p384 : p521;
	size_t want_len = c == FC_KAT_P256 ? sizeof(p256) : sizeof(p384);
	const uint8_t *p = der, *e = der + len, *spki, *alg, *oid, *bits;
	size_t n, an, on, bn;
	if (der_take(&p, e, 0x30, &spki, &n) < 0 || p != e)
		return -EBADMSG;
	const uint8_t *q = spki, *qe = spki + n;
	if (der_take(&q, qe, 0x30, &alg, &an) < 0 ||
	    der_take(&q, qe, 0x03, &bits, &bn) < 0 || q != qe)
		return -EBADMSG;
	const uint8_t *a = alg, *ae = alg + an;
	if (der_take(&a, ae, 0x06, &oid, &on) < 0 || on != sizeof(ec_pub) ||
	    memcmp(oid, ec_pub, on) != 0)
		return -EBADMSG;
	if (der_take(&a, ae, 0x06, &oid, &on) < 0 || a != ae ||
	    on != want_len || memcmp(oid, want, on) != 0)
		return -EBADMSG;
	if (bn < 2 || bits[0] != 0) /* no unused bits in a point */
		return -EBADMSG;
	*point = bits + 1;
	*point_len = bn - 1;
	return 0;
}
