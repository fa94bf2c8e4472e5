/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where the zstd frames of a file end.  libarchive's zstd filter decodes
 * what it is given and fails at the first bytes that do not start a frame
 * ("Unknown frame descriptor"), before the tar reader sees a member, so a
 * bundle with bytes appended reads as damaged from its start, with no
 * offset.  This walks the frames as RFC 8878 (section 3.1) lays them out,
 * headers and block sizes only, nothing decoded: where they end is where
 * the bundle ends.  A skippable frame (magic 0x184D2A5?) carries data that
 * is no part of an archive, so it ends the walk like any other bytes.
 */
#ifndef FC_ZSTD_FRAMES_H
#define FC_ZSTD_FRAMES_H

#include <stdbool.h>
#include <stdint.h>

#include "base/util.h"

#define FC_ZSTD_MAGIC 0xFD2FB528u

/* The file starts with a zstd frame's magic number. */
bool fc_zstd_is_zstd(fc_read_at_fn read_at, void *opaque, uint64_t size);

/*
 * The offset where the frames from the start of the file end (size when
 * they fill it), or -1 when the first frame is cut or malformed (or a read
 * failed): the decoder then says what is wrong.
 */
int64_t fc_zstd_frames_end(fc_read_at_fn read_at, void *opaque,
			   uint64_t size);

#endif
