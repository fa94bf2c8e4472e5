// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for src/boot/pin-state.c, the state file --undo trusts.
 * Invariants: a refusal says why and hands out nothing; an accepted file
 * written again by fc_pin_state_format parses back to the same state,
 * every byte of every recorded file included.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boot/pin-state.h"

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_img(const struct fc_file_image *a,
		     const struct fc_file_image *b)
{
	return same_str(a->path, b->path) && fc_file_image_same(a, b) &&
	       (!a->exists || a->mode == b->mode);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fc_pin_state s, t;
	struct fc_parse_err err = { 0 };
	if (fc_pin_state_parse((const char *)data, size, &s, &err) < 0) {
		if (!err.what || s.files || s.kernel)
			abort();
		return 0;
	}
	size_t len = 0;
	char *text = fc_pin_state_format(&s, &len);
	if (fc_pin_state_parse(text, len, &t, &err) != 0)
		abort();
	if (!same_str(s.kernel, t.kernel) || !same_str(s.created, t.created) ||
	    !same_str(s.prev_default_entry, t.prev_default_entry) ||
	    !same_str(s.prev_default_kernel, t.prev_default_kernel) ||
	    !same_str(s.prev_saved_entry, t.prev_saved_entry) ||
	    !same_str(s.prev_options, t.prev_options) ||
	    !same_str(s.prev_updatedefault, t.prev_updatedefault) ||
	    !same_str(s.created_dir, t.created_dir) ||
	    s.complete != t.complete || s.n_files != t.n_files)
		abort();
	for (size_t i = 0; i < s.n_files; i++)
		if (!same_img(&s.files[i].before, &t.files[i].before) ||
		    s.files[i].have_after != t.files[i].have_after ||
		    (s.files[i].have_after &&
		     !same_img(&s.files[i].after, &t.files[i].after)))
			abort();
	free(text);
	fc_pin_state_free(&s);
	fc_pin_state_free(&t);
	return 0;
}
