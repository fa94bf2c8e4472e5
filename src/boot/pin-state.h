/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What 'fipsctl pin-kernel' records so that '--undo' can restore the boot
 * configuration exactly, and the lock that keeps two runs apart.
 *
 * The state file (/var/lib/fipsctl/pin-kernel.state under the root) is
 * written before anything changes: the previous default entry and kernel,
 * saved_entry, the entry's options and UPDATEDEFAULT for the operator to
 * read, and the bytes and mode of every file the pin may change.  After a
 * verified pin it is rewritten with the bytes each changed file has then,
 * so an undo restores a file only while it is still what pin-kernel left
 * (a later change by someone else stops the undo instead of being lost).
 *
 * Format: "# comment" lines, then KEY=VALUE lines (src/base/kv.h, raw values);
 * file contents are hex, so any byte survives and a value never holds a
 * newline.  FORMAT=fipsctl-pin-state/1 comes first.
 */
#ifndef FC_PIN_STATE_H
#define FC_PIN_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/rootwrite.h"
#include "core/sysroot.h"
#include "base/util.h"

#define FC_PIN_STATE_DIR "/var/lib/fipsctl"
#define FC_PIN_STATE_PATH FC_PIN_STATE_DIR "/pin-kernel.state"
/* /run is a tmpfs on EL9: the lock file never outlives a boot. */
#define FC_PIN_LOCK_PATH "/run/fipsctl-pin-kernel.lock"
/* A state file holds a few files of at most FC_BLS_MAX_SIZE, in hex. */
#define FC_PIN_STATE_MAX (16 * 1024 * 1024)

struct fc_pin_file {
	struct fc_file_image before;
	bool have_after; /* the pin completed: after holds what it left */
	struct fc_file_image after;
};

struct fc_pin_state {
	char *created; /* RFC 3339 */
	char *kernel;  /* the release pinned */
	/* For the operator (printed by --undo): */
	char *prev_default_entry;  /* BLS id, or NULL */
	char *prev_default_kernel; /* its linux path, or NULL */
	char *prev_saved_entry;	   /* NULL: grubenv had none */
	char *prev_options;	   /* the pinned entry's options line */
	char *prev_updatedefault;  /* NULL: not set */
	/* The directory the pin created for this file ("/var/lib/fipsctl"
	 * or a parent of it), removed by the undo when empty; NULL. */
	char *created_dir;
	bool complete;
	struct fc_pin_file *files;
	size_t n_files;
};

void fc_pin_state_free(struct fc_pin_state *s);
/* The file for s (always ends in a newline). */
char *fc_pin_state_format(const struct fc_pin_state *s, size_t *len);
/* -EBADMSG with *err for anything that is not exactly what format writes
 * (unknown format, a missing key, bad hex, a file index out of range). */
int fc_pin_state_parse(const char *text, size_t len, struct fc_pin_state *out,
		       struct fc_parse_err *err) FC_WUR;

/* Read FC_PIN_STATE_PATH: -ENOENT when there is none, other -errno with
 * *why naming the file and line. */
int fc_pin_state_load(const struct fc_root *root, struct fc_pin_state *out,
		      char **why) FC_WUR;
/* Write it atomically, creating FC_PIN_STATE_DIR (recorded in
 * s->created_dir when made now). */
int fc_pin_state_save(const struct fc_root *root, struct fc_pin_state *s,
		      char **why) FC_WUR;
/* Remove the state file and the directory the pin created, if empty. */
int fc_pin_state_remove(const struct fc_root *root,
			const struct fc_pin_state *s, char **why) FC_WUR;

/*
 * Take the pin lock (flock on FC_PIN_LOCK_PATH inside the root, without
 * waiting).  *fd is the open lock; closing it releases the lock.  -EBUSY
 * with *why (naming the holder's pid) when another run holds it.
 */
int fc_pin_lock(const struct fc_root *root, int *fd, char **why) FC_WUR;

#endif
