// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The compiled table (src/kat/kat.h, written by tools/kat-gen.c) turned
 * into the vectors the runner takes, only when a self-test runs.
 */
#include "kat/kat.h"

struct fc_kat_vector *fc_kat_table_unpack(enum fc_kat_tier tier, size_t *n)
{
	size_t nv = 0, nf = 0;
	for (size_t i = 0; i < fc_kat_packed_len; i++)
		if (fc_kat_packed[i].tier <= tier) {
			nv++;
			nf += fc_kat_packed[i].n_fields;
		}
	struct fc_kat_vector *v =
		fc_calloc(1, nv * sizeof(*v) + nf * sizeof(struct fc_kat_field) + 1);
	struct fc_kat_field *f = (struct fc_kat_field *)(v + nv);
	size_t k = 0;
	for (size_t i = 0; i < fc_kat_packed_len; i++) {
		const struct fc_kat_packed *p = &fc_kat_packed[i];
		if (p->tier > tier)
			continue;
		const struct fc_kat_packed_field *pf = &fc_kat_packed_fields[p->fields];
		for (unsigned j = 0; j < p->n_fields; j++)
			f[j] = (struct fc_kat_field){
				.id = pf[j].id,
				.len = pf[j].len,
				.data = fc_kat_packed_bytes + pf[j].off,
			};
		v[k++] = (struct fc_kat_vector){
			.alg = fc_kat_packed_strings + p->alg,
			.source = fc_kat_packed_strings + p->source,
			.tg_id = p->tg_id,
			.tc_id = p->tc_id,
			.op = p->op,
			.expect = p->expect,
			.hash = p->hash,
			.mgf_hash = p->mgf_hash,
			.curve = p->curve,
			.mode = p->mode,
			.flags = p->flags,
			.n_steps = p->n_steps,
			.reseed_mask = p->reseed_mask,
			.count = p->count,
			.out_bits = p->out_bits,
			.out_len = p->out_len,
			.key_bits = p->key_bits,
			.salt_len = p->salt_len,
			.skip = p->skip == FC_KAT_PACKED_NONE
					? NULL
					: fc_kat_packed_strings + p->skip,
			.edge_case = p->edge_case == FC_KAT_PACKED_NONE
					     ? NULL
					     : fc_kat_packed_strings + p->edge_case,
			.n_fields = p->n_fields,
			.fields = f,
		};
		f += p->n_fields;
	}
	*n = nv;
	return v;
}
