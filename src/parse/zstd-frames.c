// SPDX-License-Identifier: GPL-2.0-or-later
#include "parse/zstd-frames.h"

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

bool fc_zstd_is_zstd(fc_read_at_fn read_at, void *opaque, uint64_t size)
{
	unsigned char m[4];
	return size >= 4 && read_at(opaque, 0, m, 4) == 0 &&
	       le32(m) == FC_ZSTD_MAGIC;
}

/* One frame at off: its end, or -1. */
static int64_t frame_end(fc_read_at_fn read_at, void *opaque, uint64_t off,
			 uint64_t size)
{
	unsigned char h[5];
	if (size - off < 8 || read_at(opaque, off, h, 5) < 0 ||
	    le32(h) != FC_ZSTD_MAGIC)
		return -1;
	unsigned fhd = h[4];
	if (fhd & 0x08) /* reserved bit */
		return -1;
	bool single = fhd & 0x20;
	static const unsigned did_size[] = { 0, 1, 2, 4 };
	static const unsigned fcs_size[] = { 0, 2, 4, 8 };
	unsigned fcs = (fhd >> 6) == 0 ? (single ? 1 : 0) : fcs_size[fhd >> 6];
	uint64_t pos = off + 5 + (single ? 0 : 1) + did_size[fhd & 3] + fcs;
	for (;;) {
		unsigned char b[3];
		if (pos > size || size - pos < 3 || read_at(opaque, pos, b, 3) < 0)
			return -1;
		uint32_t bh = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
			      (uint32_t)b[2] << 16;
		unsigned type = (bh >> 1) & 3;
		if (type == 3) /* reserved */
			return -1;
		pos += 3 + (type == 1 ? 1 : bh >> 3);
		if (pos > size)
			return -1;
		if (bh & 1)
			break;
	}
	pos += (fhd & 0x04) ? 4 : 0; /* content checksum */
	return pos <= size && pos <= INT64_MAX ? (int64_t)pos : -1;
}

int64_t fc_zstd_frames_end(fc_read_at_fn read_at, void *opaque, uint64_t size)
{
	uint64_t off = 0;
	while (off < size) {
		int64_t end = frame_end(read_at, opaque, off, size);
		if (end < 0)
			return off == 0 ? -1 : (int64_t)off;
		off = (uint64_t)end;
	}
	return size > INT64_MAX ? -1 : (int64_t)off;
}
