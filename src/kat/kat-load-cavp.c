// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CAVP SHAVS response files (SHA1ShortMsg.rsp, SHA256LongMsg.rsp, ...):
 * "[L = n]" headers and records of "Len = bits", "Msg = hex", "MD = hex"
 * lines.  The file's name says which hash; the record's number is its
 * tcId.
 */
#include "kat/kat-load-fmt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum fc_kat_hash fc_kat_rsp_hash(const char *path)
{
	/* SHA1ShortMsg.rsp, SHA256LongMsg.rsp, SHA3_256ShortMsg.rsp,
	 * SHA512_256ShortMsg.rsp: the longer prefixes first. */
	static const struct {
		const char *prefix;
		enum fc_kat_hash h;
	} names[] = {
		{ "SHA512_224", FC_KAT_SHA512_224 }, { "SHA512_256", FC_KAT_SHA512_256 },
		{ "SHA3_224", FC_KAT_SHA3_224 },     { "SHA3_256", FC_KAT_SHA3_256 },
		{ "SHA3_384", FC_KAT_SHA3_384 },     { "SHA3_512", FC_KAT_SHA3_512 },
		{ "SHA1", FC_KAT_SHA1 },	     { "SHA224", FC_KAT_SHA224 },
		{ "SHA256", FC_KAT_SHA256 },	     { "SHA384", FC_KAT_SHA384 },
		{ "SHA512", FC_KAT_SHA512 },
	};
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!strstr(base, "ShortMsg") && !strstr(base, "LongMsg"))
		return FC_KAT_HASH_NONE;
	for (size_t i = 0; i < FC_ARRAY_SIZE(names); i++)
		if (fc_startswith(base, names[i].prefix))
			return names[i].h;
	return FC_KAT_HASH_NONE;
}

/* Where the reading of a file is. */
struct rsp {
	enum fc_kat_hash h;
	uint32_t line; /* of the file, from 1 */
	uint32_t rec;  /* records begun (the tcId of the current one) */
	uint32_t len_bits;
	bool have_len, have_msg;
};

/* "[L = n]": the digest size, which must be the named hash's. */
static int rsp_header(struct fc_kat_ld *l, const struct rsp *r,
		      const char *ln)
{
	unsigned dl;
	if (sscanf(ln, "[L = %u]", &dl) == 1 && dl != fc_kat_hash_len(r->h))
		return fc_kat_ld_fail(l, 0, 0,
				      "line %u: [L = %u] does not match %s",
				      (unsigned)r->line, dl,
				      fc_kat_hash_name(r->h));
	return 0;
}

/* "Len = bits" begins a record. */
static int rsp_len(struct fc_kat_ld *l, struct rsp *r, const char *val)
{
	char *end = NULL;
	unsigned long v = strtoul(val, &end, 10);
	if (!*val || *end || v > UINT32_MAX)
		return fc_kat_ld_fail(l, 0, 0, "line %u: bad Len '%s'",
				      (unsigned)r->line, val);
	r->len_bits = (uint32_t)v;
	r->have_len = true;
	r->have_msg = false;
	r->rec++;
	fc_kat_ld_begin(l, fc_kat_cell_name(fc_kat_hash_name(r->h)),
			FC_KAT_OP_DIGEST, 0, r->rec);
	l->cur.hash = (uint8_t)r->h;
	return 0;
}

static int rsp_msg(struct fc_kat_ld *l, struct rsp *r, const char *val)
{
	uint8_t *b;
	size_t bl;
	if (fc_kat_unhex(val, &b, &bl) < 0)
		return fc_kat_ld_fail(l, 0, r->rec, "line %u: Msg is not hex",
				      (unsigned)r->line);
	fc_kat_ld_own(l->set, b);
	if (r->len_bits % 8 == 0 && bl < r->len_bits / 8)
		return fc_kat_ld_fail(l, 0, r->rec,
				      "line %u: Msg is shorter than Len",
				      (unsigned)r->line);
	/* "Len = 0" comes with "Msg = 00", to be ignored. */
	fc_kat_ld_add(l, FC_KAT_F_MSG, b, r->len_bits / 8);
	fc_kat_ld_bytes_only(l, r->len_bits, "message");
	r->have_msg = true;
	return 0;
}

/* "MD = hex" ends the record. */
static int rsp_md(struct fc_kat_ld *l, struct rsp *r, const char *val)
{
	size_t hl = fc_kat_hash_len(r->h);
	uint8_t *b = fc_kat_unhex_exact(val, hl);
	if (!b)
		return fc_kat_ld_fail(l, 0, r->rec,
				      "line %u: MD is not a %zu-byte hex string",
				      (unsigned)r->line, hl);
	fc_kat_ld_add(l, FC_KAT_F_OUT, fc_kat_ld_own(l->set, b), hl);
	fc_kat_ld_commit(l);
	r->have_len = r->have_msg = false;
	return 0;
}

/* One "Name = value" line (ln is modified). */
static int rsp_record(struct fc_kat_ld *l, struct rsp *r, char *ln)
{
	char *eq = strchr(ln, '=');
	if (!eq)
		return fc_kat_ld_fail(l, 0, 0,
				      "line %u: expected 'Name = value'",
				      (unsigned)r->line);
	*eq = '\0';
	char *key = fc_strstrip(ln), *val = fc_strstrip(eq + 1);
	if (fc_streq(key, "Len"))
		return rsp_len(l, r, val);
	if (fc_streq(key, "Msg") && r->have_len)
		return rsp_msg(l, r, val);
	if (fc_streq(key, "MD") && r->have_msg)
		return rsp_md(l, r, val);
	return fc_kat_ld_fail(l, 0, r->rec,
			      "line %u: unexpected '%s' (only Len, Msg, MD "
			      "records are read)",
			      (unsigned)r->line, key);
}

int fc_kat_load_rsp(struct fc_kat_ld *l, const char *text, size_t len)
{
	struct rsp r = { .h = fc_kat_rsp_hash(l->src) };
	if (!r.h)
		return fc_kat_ld_fail(l, 0, 0,
				      "not a SHAVS ShortMsg/LongMsg response "
				      "file (the name says which hash)");
	const char *p;
	size_t pos = 0, n;
	l->group = 1;
	while (fc_next_line(text, len, &pos, &p, &n)) {
		_cleanup_free_ char *ln = fc_strndup(p, n);
		r.line++;
		fc_strstrip(ln);
		if (!*ln || ln[0] == '#')
			continue;
		int e = ln[0] == '[' ? rsp_header(l, &r, ln)
				     : rsp_record(l, &r, ln);
		if (e < 0)
			return e;
	}
	if (r.have_len)
		return fc_kat_ld_fail(l, 0, r.rec,
				      "record without MD at the end");
	if (!r.rec)
		return fc_kat_ld_fail(l, 0, 0, "no records");
	return 0;
}
