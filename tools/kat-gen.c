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

/* Byte strings are written once and shared (RSA moduli, EC keys). */
struct blob {
	const uint8_t *data;
	size_t len;
	size_t id;
};

struct blobs {
	struct blob *v;
	size_t n, cap; /* open addressing, cap a power of two */
	size_t next_id;
};

static uint64_t fnv(const uint8_t *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h ^ n;
}

static size_t blob_id(struct blobs *b, const uint8_t *p, size_t n, FILE *out,
		      bool *err)
{
	if (b->n * 2 >= b->cap) {
		struct blobs nb = { .cap = b->cap ? b->cap * 2 : 1024,
				    .next_id = b->next_id };
		nb.v = fc_calloc(nb.cap, sizeof(*nb.v));
		for (size_t i = 0; i < b->cap; i++) {
			if (!b->v[i].data)
				continue;
			size_t k = fnv(b->v[i].data, b->v[i].len) & (nb.cap - 1);
			while (nb.v[k].data)
				k = (k + 1) & (nb.cap - 1);
			nb.v[k] = b->v[i];
			nb.n++;
		}
		free(b->v);
		*b = nb;
	}
	size_t k = fnv(p, n) & (b->cap - 1);
	for (; b->v[k].data; k = (k + 1) & (b->cap - 1))
		if (b->v[k].len == n && memcmp(b->v[k].data, p, n) == 0)
			return b->v[k].id;
	b->v[k] = (struct blob){ p, n, b->next_id++ };
	b->n++;
	/* Exactly n bytes: a string literal as long as the array needs no
	 * terminating NUL. */
	if (fprintf(out, "static const uint8_t b%zu[%zu] = \"", b->v[k].id,
		    n ? n : 1) < 0)
		*err = true;
	for (size_t i = 0; i < n; i++) {
		if (i && i % 32 == 0 && fputs("\"\n\t\"", out) < 0)
			*err = true;
		if (fprintf(out, "\\x%02x", p[i]) < 0)
			*err = true;
	}
	if (fputs("\";\n", out) < 0)
		*err = true;
	return b->v[k].id;
}

static void c_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		if ((unsigned char)*s < 0x20)
			fprintf(out, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

static int emit(const struct fc_kat_set *s, const bool *keep, FILE *out)
{
	struct blobs b = { 0 };
	bool err = false;
	size_t kept = 0;
	/* The directory is not named: the table depends only on the
	 * vectors, not on where the checkout is (reproducible builds). */
	fprintf(out, "/* Generated by tools/kat-gen from the known-answer "
		     "vectors (data/vectors/README.md).\n"
		     " * Do not edit: run make. */\n"
		     "#include \"kat/kat.h\"\n\n");
	/* Blobs and the field lists first, then the table. */
	size_t *fid = fc_calloc(s->n + 1, sizeof(size_t));
	for (size_t i = 0; i < s->n; i++) {
		if (!keep[i])
			continue;
		const struct fc_kat_vector *v = &s->v[i];
		size_t ids[FC_KAT_F_COUNT_];
		for (unsigned f = 0; f < v->n_fields; f++)
			ids[f] = blob_id(&b, v->fields[f].data, v->fields[f].len,
					 out, &err);
		fid[i] = kept++;
		fprintf(out, "static const struct fc_kat_field f%zu[] = {", fid[i]);
		for (unsigned f = 0; f < v->n_fields; f++)
			fprintf(out, " { %u, %u, b%zu },", v->fields[f].id,
				(unsigned)v->fields[f].len, ids[f]);
		fprintf(out, " };\n");
	}
	fprintf(out, "\nconst struct fc_kat_vector fc_kat_table[] = {\n");
	for (size_t i = 0; i < s->n; i++) {
		if (!keep[i])
			continue;
		const struct fc_kat_vector *v = &s->v[i];
		fprintf(out, "\t{ .alg = ");
		c_string(out, v->alg);
		fprintf(out, ", .source = ");
		c_string(out, v->source);
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
		};
		if (v->edge_case) {
			fprintf(out, ", .edge_case = ");
			c_string(out, v->edge_case);
		}
		fprintf(out, ",\n\t ");
		for (size_t j = 0; j < FC_ARRAY_SIZE(m); j++)
			if (m[j].value)
				fprintf(out, " .%s = %u,", m[j].name, m[j].value);
		fprintf(out, " .fields = f%zu },\n", fid[i]);
	}
	fprintf(out, "};\n\nconst size_t fc_kat_table_len = %zu;\n", kept);
	free(fid);
	free(b.v);
	return err || ferror(out) ? -EIO : 0;
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

/* Write the table to out_path through a temporary file. */
static int write_table(const struct fc_kat_set *s, const bool *keep,
		       const char *out_path)
{
	_cleanup_free_ char *tmp = fc_asprintf("%s.tmp", out_path);
	FILE *out = fopen(tmp, "w");
	int r = out ? emit(s, keep, out) : -errno;
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
static void log_kept(const struct fc_kat_set *s, const bool *keep)
{
	for (size_t a = 0; fc_kat_algorithms[a]; a++) {
		const char *alg = fc_kat_algorithms[a];
		size_t read = 0, kept = 0;
		for (size_t i = 0; i < s->n; i++)
			if (fc_streq(s->v[i].alg, alg)) {
				read++;
				kept += keep[i];
			}
		if (read)
			fprintf(stderr, "  KAT %-22s %4zu of %4zu\n", alg, kept,
				read);
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
	choose(&s, keep);
	int r = write_table(&s, keep, out_path);
	if (r == 0)
		log_kept(&s, keep);
	free(keep);
	fc_kat_set_free(&s);
	return r < 0 ? 1 : 0;
}
