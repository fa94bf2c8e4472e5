// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kat-gen: compile the public known-answer vectors (data/vectors, see its
 * README) into the C table the self-test core runs.  Built
 * for the build machine and run by make; the vectors are read with
 * src/kat/kat-load.c, the same code that reads --vectors at run time.
 *
 *   kat-gen VECTORS_DIR OUT.c
 *
 * The table is a documented subset, so that it stays small and the
 * self-test fast.  Within each file (ACVP: vector set), test group and
 * expected result (valid, invalid, acceptable), at most CAP cases are
 * kept, spread evenly over the group in file order (the first, then every
 * k-th), with CAP per algorithm from the caps table below.  Cases the core
 * cannot run (their loader skip reason: bit-oriented messages, AES
 * Monte-Carlo tests, ...) are left out; Monte-Carlo hash tests keep their
 * first record (1000 chained hashes).  Every vector keeps its file and
 * tgId/tcId, so a failure names the published case.
 *
 * Of the table, the default tier (`fipsctl selftest`, `check --selftest`)
 * is chosen by one rule, as a module's power-up self-test tests each
 * algorithm once per direction: the vectors fall into classes by
 * algorithm, operation, direction (encrypt or decrypt; a DRBG's
 * prediction resistance and derivation function) and key size where the
 * size chooses the code (the curve, the AES key, the RSA modulus); per
 * class the tier takes the cheapest valid vector (fewest iterations or
 * Monte-Carlo records, then fewest bytes, then the first) and, where the
 * class has invalid ones, the first invalid vector whose fields have the
 * lengths of that valid one (a well-formed input with a wrong value: what
 * a check that accepts everything lets through), else its first invalid
 * one.  `selftest --full` runs the whole table.
 *
 * The table is written without pointers (src/kat/kat.h says why).
 *
 * A malformed file stops the build with the loader's message (file,
 * tgId/tcId, what is wrong).
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "kat/kat-load.h"

/*
 * Cases kept per (file, group, result) and per (file, result), by
 * algorithm (first match).  Wycheproof's ECDSA files keep all their
 * one-case groups (special public keys, edge cases of the point
 * arithmetic: one of them catches GnuTLS 3.7.9 rejecting a valid P-521
 * signature), at about 0.5 s per run in the slower libraries; PBKDF2,
 * with thousands of iterations per case, keeps two per group.
 */
static const struct {
	const char *alg; /* fnmatch glob on the cell name */
	unsigned group_cap, file_cap;
} caps[] = {
	{ "SHA*", 12, 100 },	     { "HMAC-*", 4, 100 },
	{ "AES-ECB", 2, 100 },	     { "AES-CBC", 2, 100 },
	{ "AES-CTR", 4, 100 },	     { "AES-GCM", 2, 100 },
	{ "AES-CMAC", 1, 100 },	     { "HKDF", 4, 100 },
	{ "PBKDF2", 2, 100 },	     { "ECDSA-SigVer", 4, 100 },
	{ "ECDSA-SigGen", 2, 100 },  { "RSA-*", 4, 100 },
	{ "ECDH", 12, 100 },	     { "*DRBG", 100, 100 },
};

static void cap_of(const char *alg, unsigned *group_cap, unsigned *file_cap)
{
	*group_cap = 4;
	*file_cap = 100;
	for (size_t i = 0; i < FC_ARRAY_SIZE(caps); i++)
		if (fnmatch(caps[i].alg, alg, 0) == 0) {
			*group_cap = caps[i].group_cap;
			*file_cap = caps[i].file_cap;
			return;
		}
}

/* One (file, group, result) class and how many of it the set holds. */
struct klass {
	const char *source;
	uint32_t group;
	uint8_t expect;
	unsigned total, seen, kept;
};

/* Keep the next case of class c when it is one of cap spread evenly. */
static bool take(struct klass *c, unsigned cap)
{
	unsigned idx = c->seen++;
	if (c->kept < cap && (unsigned long long)idx * cap >=
				     (unsigned long long)c->kept * c->total) {
		c->kept++;
		return true;
	}
	return false;
}

static struct klass *klass_of(struct klass **k, size_t *n, const char *source,
			      uint32_t group, uint8_t expect)
{
	for (size_t j = *n; j-- > 0;)
		if ((*k)[j].source == source && (*k)[j].group == group &&
		    (*k)[j].expect == expect)
			return &(*k)[j];
	*k = fc_realloc(*k, (*n + 1) * sizeof(**k));
	struct klass *c = &(*k)[(*n)++];
	*c = (struct klass){ source, group, expect, 0, 0, 0 };
	return c;
}

/*
 * The table is written without pointers (src/kat/kat.h): every byte
 * string once, deduplicated (RSA moduli and EC keys recur), in one array,
 * and every name once in one string array; vectors and fields hold
 * offsets into them.
 */
struct pool {
	struct fc_buf data;
	/* open addressing over the offsets, cap a power of two */
	uint32_t *slot; /* offset + 1; 0: empty */
	size_t *len;
	size_t n, cap;
};

static uint64_t fnv(const uint8_t *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h ^ n;
}

static void pool_grow(struct pool *b)
{
	size_t cap = b->cap ? b->cap * 2 : 1024;
	uint32_t *slot = fc_calloc(cap, sizeof(*slot));
	size_t *len = fc_calloc(cap, sizeof(*len));
	for (size_t i = 0; i < b->cap; i++) {
		if (!b->slot[i])
			continue;
		const uint8_t *d = (const uint8_t *)b->data.data + b->slot[i] - 1;
		size_t k = fnv(d, b->len[i]) & (cap - 1);
		while (slot[k])
			k = (k + 1) & (cap - 1);
		slot[k] = b->slot[i];
		len[k] = b->len[i];
	}
	free(b->slot);
	free(b->len);
	b->slot = slot;
	b->len = len;
	b->cap = cap;
}

/* The offset of p[0..n) in the pool, added when new. */
static uint32_t pool_add(struct pool *b, const void *p, size_t n)
{
	if (b->n * 2 >= b->cap)
		pool_grow(b);
	size_t k = fnv(p, n) & (b->cap - 1);
	for (; b->slot[k]; k = (k + 1) & (b->cap - 1))
		if (b->len[k] == n &&
		    memcmp(b->data.data + b->slot[k] - 1, p, n) == 0)
			return b->slot[k] - 1;
	if (b->data.len >= UINT32_MAX - n - 1) {
		fprintf(stderr, "kat-gen: the vectors exceed 4 GiB\n");
		exit(1);
	}
	uint32_t off = (uint32_t)b->data.len;
	fc_buf_add(&b->data, p, n);
	b->slot[k] = off + 1;
	b->len[k] = n;
	b->n++;
	return off;
}

/* A NUL-terminated string, shared. */
static uint32_t pool_str(struct pool *b, const char *s)
{
	return pool_add(b, s, strlen(s) + 1);
}

static void pool_free(struct pool *b)
{
	fc_buf_free(&b->data);
	free(b->slot);
	free(b->len);
}

/* A string in a C comment: quoted, and never closing the comment. */
static void c_comment_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f ||
				      (s[0] == '*' && s[1] == '/')
			      ? '?'
			      : *s,
		      out);
	fputc('"', out);
}

/* A C array definition of the pool's bytes: a string literal exactly as
 * long as the array, with no terminating NUL. */
static void emit_bytes(FILE *out, const char *decl, const struct pool *b)
{
	size_t n = b->data.len;
	fprintf(out, "%s[%zu] =\n\t\"", decl, n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		if (i && i % 32 == 0)
			fputs("\"\n\t\"", out);
		fprintf(out, "\\x%02x", (unsigned char)b->data.data[i]);
	}
	fputs("\";\n\n", out);
}

static int emit(const struct fc_kat_set *s, const bool *keep,
		const uint8_t *tier, FILE *out)
{
	struct pool bytes = { 0 }, strs = { 0 };
	pool_str(&strs, ""); /* offset 0: never a real name */
	size_t kept = 0, nf = 0;
	/* The directory is not named: the table depends only on the
	 * vectors, not on where the checkout is (reproducible builds). */
	fprintf(out, "/* Generated by tools/kat-gen from the known-answer "
		     "vectors (data/vectors/README.md).\n"
		     " * Do not edit: run make. */\n"
		     "#include \"kat/kat.h\"\n\n");
	/* The fields first (their byte strings go to the pool). */
	fprintf(out, "const struct fc_kat_packed_field fc_kat_packed_fields[] = {\n");
	for (size_t i = 0; i < s->n; i++) {
		if (!keep[i])
			continue;
		const struct fc_kat_vector *v = &s->v[i];
		for (unsigned f = 0; f < v->n_fields; f++)
			fprintf(out, "\t{ %u, %u, %u },\n",
				pool_add(&bytes, v->fields[f].data, v->fields[f].len),
				(unsigned)v->fields[f].len, v->fields[f].id);
		nf += v->n_fields;
	}
	if (!nf)
		fprintf(out, "\t{ 0, 0, 0 },\n");
	fprintf(out, "};\n\nconst struct fc_kat_packed fc_kat_packed[] = {\n");
	nf = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (!keep[i])
			continue;
		const struct fc_kat_vector *v = &s->v[i];
		/* The offsets below name these. */
		fprintf(out, "\t/* alg = ");
		c_comment_string(out, v->alg);
		fprintf(out, ", source = ");
		c_comment_string(out, v->source);
		fprintf(out, ", tgId %u, tcId %u */\n", (unsigned)v->tg_id,
			(unsigned)v->tc_id);
		fprintf(out, "\t{ .alg = %u, .source = %u, .skip = ",
			pool_str(&strs, v->alg), pool_str(&strs, v->source));
		if (v->skip)
			fprintf(out, "%u,", pool_str(&strs, v->skip));
		else
			fprintf(out, "FC_KAT_PACKED_NONE,");
		fprintf(out, " .edge_case = ");
		if (v->edge_case)
			fprintf(out, "%u,", pool_str(&strs, v->edge_case));
		else
			fprintf(out, "FC_KAT_PACKED_NONE,");
		fprintf(out, " .fields = %zu,\n\t ", nf);
		nf += v->n_fields;
		/* Only the members that are set, by name. */
		const struct {
			const char *name;
			unsigned value;
		} m[] = {
			{ "tg_id", v->tg_id },	       { "tc_id", v->tc_id },
			{ "op", v->op },	       { "expect", v->expect },
			{ "hash", v->hash },	       { "mgf_hash", v->mgf_hash },
			{ "curve", v->curve },	       { "mode", v->mode },
			{ "flags", v->flags },	       { "n_steps", v->n_steps },
			{ "reseed_mask", v->reseed_mask },
			{ "count", v->count },	       { "out_bits", v->out_bits },
			{ "out_len", v->out_len },     { "key_bits", v->key_bits },
			{ "salt_len", v->salt_len },   { "n_fields", v->n_fields },
			{ "tier", tier[i] },
		};
		for (size_t j = 0; j < FC_ARRAY_SIZE(m); j++)
			if (m[j].value)
				fprintf(out, " .%s = %u,", m[j].name, m[j].value);
		fprintf(out, " },\n");
		kept++;
	}
	if (!kept)
		fprintf(out, "\t{ .alg = 0 },\n");
	fprintf(out, "};\n\nconst size_t fc_kat_packed_len = %zu;\n\n", kept);
	emit_bytes(out, "const uint8_t fc_kat_packed_bytes", &bytes);
	fprintf(out, "const char fc_kat_packed_strings[%zu] =\n\t\"",
		strs.data.len);
	for (size_t i = 0; i + 1 < strs.data.len; i++) {
		unsigned char c = (unsigned char)strs.data.data[i];
		if (!c)
			fputs("\\0\"\n\t\"", out);
		else if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\%03o", c);
		else
			fputc(c, out);
	}
	fputs("\";\n", out);
	pool_free(&bytes);
	pool_free(&strs);
	return ferror(out) ? -EIO : 0;
}

/*
 * Which vectors the table keeps: per (file, group, result) class at most
 * the algorithm's group cap, then per (file, result) at most its file cap,
 * each spread evenly over the class; Monte-Carlo tests keep their first
 * record.
 */
static void choose(struct fc_kat_set *s, bool *keep)
{
	/* Count each class, then keep CAP of it spread over the group. */
	struct klass *k = NULL;
	size_t nk = 0;
	struct klass **of = fc_calloc(s->n + 1, sizeof(*of));
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].skip)
			continue;
		of[i] = klass_of(&k, &nk, s->v[i].source, s->group[i],
				 s->v[i].expect);
		of[i]->total++;
	}
	unsigned gcap, fcap;
	for (size_t i = 0; i < s->n; i++) {
		if (!of[i])
			continue;
		/* of[] may point into a moved array: look it up again. */
		struct klass *c = klass_of(&k, &nk, s->v[i].source, s->group[i],
					   s->v[i].expect);
		cap_of(s->v[i].alg, &gcap, &fcap);
		keep[i] = take(c, gcap);
	}
	/* The per-file bound: the same even thinning over what is left. */
	struct klass *fk = NULL;
	size_t nfk = 0;
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < s->n; i++) {
			if (!keep[i])
				continue;
			struct klass *c = klass_of(&fk, &nfk, s->v[i].source, 0,
						   s->v[i].expect);
			if (pass == 0) {
				c->total++;
				continue;
			}
			cap_of(s->v[i].alg, &gcap, &fcap);
			keep[i] = take(c, fcap);
		}
	for (size_t i = 0; i < s->n; i++) {
		if (keep[i] && (s->v[i].flags & FC_KAT_MCT)) {
			/* The first Monte-Carlo record: 1000 chained hashes. */
			s->v[i].count = 1;
			for (unsigned f = 0; f < s->v[i].n_fields; f++)
				if (s->v[i].fields[f].id == FC_KAT_F_OUT)
					((struct fc_kat_field *)s->v[i].fields)[f].len =
						(uint32_t)fc_kat_hash_len(s->v[i].hash);
		}
	}
	free(of);
	free(k);
	free(fk);
}

/* --- the default tier --------------------------------------------------------- */

/* The key size a vector exercises, where the size chooses the code (AES
 * rounds, curve arithmetic, modulus length): its curve, its key_bits, else
 * the length of its AES key or RSA modulus.  An HMAC key of any length
 * takes one path. */
static unsigned key_size(const struct fc_kat_vector *v)
{
	if (v->curve)
		return 100000u + v->curve;
	if (v->key_bits)
		return v->key_bits;
	const struct fc_kat_field *f = NULL;
	if (v->op == FC_KAT_OP_CIPHER || v->op == FC_KAT_OP_GCM ||
	    v->op == FC_KAT_OP_CMAC)
		f = fc_kat_get(v, FC_KAT_F_KEY);
	else if (v->op == FC_KAT_OP_RSA_VERIFY)
		f = fc_kat_get(v, FC_KAT_F_N);
	return f ? 8 * f->len : 0;
}

/* The flags that choose another code path in the library: the cipher
 * direction, the DRBG's prediction resistance and derivation function. */
#define DIRECTION_FLAGS (FC_KAT_DECRYPT | FC_KAT_PR | FC_KAT_DF)

static bool same_class(const struct fc_kat_vector *a,
		       const struct fc_kat_vector *b)
{
	return fc_streq(a->alg, b->alg) && a->op == b->op &&
	       (a->flags & DIRECTION_FLAGS) == (b->flags & DIRECTION_FLAGS) &&
	       key_size(a) == key_size(b);
}

static size_t bytes_of(const struct fc_kat_vector *v)
{
	size_t n = 0;
	for (unsigned f = 0; f < v->n_fields; f++)
		n += v->fields[f].len;
	return n;
}

/* a costs less than b: fewer iterations or Monte-Carlo records, then
 * fewer input bytes. */
static bool cheaper(const struct fc_kat_vector *a, const struct fc_kat_vector *b)
{
	if (a->count != b->count)
		return a->count < b->count;
	return bytes_of(a) < bytes_of(b);
}

/* Every field of a has the length of b's field of the same id. */
static bool same_shape(const struct fc_kat_vector *a,
		       const struct fc_kat_vector *b)
{
	if (a->n_fields != b->n_fields)
		return false;
	for (unsigned f = 0; f < a->n_fields; f++) {
		const struct fc_kat_field *o = fc_kat_get(b, a->fields[f].id);
		if (!o || o->len != a->fields[f].len)
			return false;
	}
	return true;
}

/*
 * The default tier, out of the kept vectors: per class (algorithm,
 * operation, direction, key size; see the header comment) the cheapest
 * valid vector, and the first invalid one shaped like it (else the
 * class's first invalid one).  Everything else is FC_KAT_TIER_FULL.
 */
static void choose_tier(const struct fc_kat_set *s, const bool *keep,
			uint8_t *tier)
{
	bool *done = fc_calloc(s->n + 1, sizeof(bool));
	for (size_t i = 0; i < s->n; i++)
		tier[i] = FC_KAT_TIER_FULL;
	for (size_t i = 0; i < s->n; i++) {
		if (!keep[i] || done[i])
			continue;
		size_t valid = SIZE_MAX, invalid = SIZE_MAX;
		for (size_t j = i; j < s->n; j++) {
			if (!keep[j] || !same_class(&s->v[i], &s->v[j]))
				continue;
			done[j] = true;
			if (s->v[j].expect == FC_KAT_VALID &&
			    (valid == SIZE_MAX || cheaper(&s->v[j], &s->v[valid])))
				valid = j;
		}
		for (size_t j = i; j < s->n; j++) {
			if (!keep[j] || s->v[j].expect != FC_KAT_INVALID ||
			    !same_class(&s->v[i], &s->v[j]))
				continue;
			if (invalid == SIZE_MAX)
				invalid = j;
			if (valid != SIZE_MAX && same_shape(&s->v[j], &s->v[valid])) {
				invalid = j;
				break;
			}
		}
		if (valid != SIZE_MAX)
			tier[valid] = FC_KAT_TIER_DEFAULT;
		if (invalid != SIZE_MAX)
			tier[invalid] = FC_KAT_TIER_DEFAULT;
	}
	free(done);
}

/* Write the table to out_path through a temporary file. */
static int write_table(const struct fc_kat_set *s, const bool *keep,
		       const uint8_t *tier, const char *out_path)
{
	_cleanup_free_ char *tmp = fc_asprintf("%s.tmp", out_path);
	FILE *out = fopen(tmp, "w");
	int r = out ? emit(s, keep, tier, out) : -errno;
	if (out && fclose(out) != 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, out_path) < 0)
		r = -errno;
	if (r < 0) {
		fprintf(stderr, "kat-gen: writing %s: %s\n", out_path,
			strerror(-r));
		unlink(tmp);
	}
	return r;
}

/* What was kept, per algorithm, for the build log. */
static void log_kept(const struct fc_kat_set *s, const bool *keep,
		     const uint8_t *tier)
{
	for (size_t a = 0; fc_kat_algorithms[a]; a++) {
		const char *alg = fc_kat_algorithms[a];
		size_t read = 0, kept = 0, dflt = 0;
		for (size_t i = 0; i < s->n; i++)
			if (fc_streq(s->v[i].alg, alg)) {
				read++;
				kept += keep[i];
				dflt += keep[i] && tier[i] == FC_KAT_TIER_DEFAULT;
			}
		if (read)
			fprintf(stderr, "  KAT %-22s %4zu of %4zu, default tier %3zu\n",
				alg, kept, read, dflt);
	}
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: kat-gen VECTORS_DIR OUT.c\n");
		return 2;
	}
	const char *dir = argv[1], *out_path = argv[2];
	struct fc_kat_set s = { 0 };
	char *err = NULL;
	if (fc_kat_load_path(&s, dir, "", &err) < 0) {
		fprintf(stderr, "kat-gen: %s/%s\n", dir, err ? err : "cannot read");
		free(err);
		fc_kat_set_free(&s);
		return 1;
	}
	bool *keep = fc_calloc(s.n + 1, sizeof(bool));
	uint8_t *tier = fc_calloc(s.n + 1, sizeof(uint8_t));
	choose(&s, keep);
	choose_tier(&s, keep, tier);
	int r = write_table(&s, keep, tier, out_path);
	if (r == 0)
		log_kept(&s, keep, tier);
	free(keep);
	free(tier);
	fc_kat_set_free(&s);
	return r < 0 ? 1 : 0;
}
