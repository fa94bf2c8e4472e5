/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fuzz input as a file for parsers that read at offsets
 * (fc_read_at_fn): a read outside it aborts, since the parser must check
 * bounds before reading.
 */
#ifndef FC_FUZZ_READ_INPUT_H
#define FC_FUZZ_READ_INPUT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct input {
	const uint8_t *data;
	size_t size;
};

static inline int read_input(void *opaque, uint64_t off, void *buf, size_t n)
{
	const struct input *in = opaque;
	if (off > in->size || n > in->size - off)
		abort();
	memcpy(buf, in->data + off, n);
	return 0;
}

#endif
