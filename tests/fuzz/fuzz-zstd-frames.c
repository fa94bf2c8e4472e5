// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for src/parse/zstd-frames.c, the frame walk that finds where
 * a zstd evidence bundle ends.  Invariants checked on every input: no read
 * outside the input, an end inside the input, and -1 only when the input
 * does not start with a whole frame (the walk then found no end at all).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/zstd-frames.h"
#include "read-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	bool zstd = fc_zstd_is_zstd(read_input, &in, size);
	int64_t end = fc_zstd_frames_end(read_input, &in, size);
	if (end > (int64_t)size || end < -1 || (end == 0 && size > 0))
		abort();
	if (end > 0 && !zstd)
		abort(); /* frames were found where no frame starts */
	/* The frames found are a walk of their own: the same end again. */
	if (end > 0) {
		struct input prefix = { data, (size_t)end };
		if (fc_zstd_frames_end(read_input, &prefix, (uint64_t)end) != end)
			abort();
	}
	return 0;
}
