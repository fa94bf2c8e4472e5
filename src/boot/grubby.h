/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * grubby, EL9's tool for BLS boot entries (/usr/sbin/grubby is the
 * grubby-bls script of the grubby package), reached only through the exec
 * layer (src/core/exec.h).  This is its adapter: where the program is, how it
 * is pointed at an image, how its failures read, and its --info output
 * parsed (src/parse/grubby-info.h).
 *
 * Only documented options are used (grubby-bls --help): --set-default=,
 * --update-kernel= with --args= / --remove-args=, --default-kernel,
 * --info=, and for an image under --root: -b/--bls-directory= (the BLS
 * entries), --env= (the grubenv that holds saved_entry) and
 * -c/--config-file= (the GRUB configuration file).
 *
 * grubby's exit status is captured but never taken as proof of anything:
 * callers verify by reading the files back (src/cli/cmd-pin-kernel.c).
 */
#ifndef FC_GRUBBY_H
#define FC_GRUBBY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/exec.h"
#include "core/sysroot.h"
#include "base/util.h"
#include "parse/grubby-info.h"

#define FC_GRUBBY_DEFAULT "/usr/sbin/grubby"
#define FC_GRUBBY_ENV "FIPSCTL_GRUBBY"
/* grubby --info for one kernel is a few hundred bytes. */
#define FC_GRUBBY_INFO_MAX (256 * 1024)

struct fc_grubby {
	char *path;	  /* absolute */
	char **root_args; /* NULL-terminated options naming the image's files */
	struct fc_exec_opts exec;
};

/*
 * Find grubby (opt_path from --grubby, else $FIPSCTL_GRUBBY, else
 * /usr/sbin/grubby) and, for a root that is not the live host, the
 * options that make it work on that root's files.  -EINVAL with *why for
 * a relative path.
 */
int fc_grubby_open(struct fc_grubby *g, const char *opt_path,
		   const struct fc_root *root, const struct fc_exec_opts *exec,
		   char **why) FC_WUR;
void fc_grubby_close(struct fc_grubby *g);

/*
 * Run grubby with args (NULL-terminated, after the root options).
 * 0: it ran and exited 0 (or the run was a dry run), *res filled (free
 * it with fc_exec_result_free).  -EIO: it ran and failed, *why says how
 * ("grubby --set-default=... exited 1: <its message>").  Other -errno: it
 * could not be run, *why says why.  *res holds nothing on an error.
 */
int fc_grubby_run(const struct fc_grubby *g, const char *const *args,
		  struct fc_exec_result *res, char **why) FC_WUR;

/* grubby --default-kernel: the kernel path it prints (one line). */
int fc_grubby_default_kernel(const struct fc_grubby *g, char **path, char **why)
	FC_WUR;
/* grubby --info=<kernel>, parsed. */
int fc_grubby_info(const struct fc_grubby *g, const char *kernel,
		   struct fc_grubby_info *out, char **why) FC_WUR;

#endif
