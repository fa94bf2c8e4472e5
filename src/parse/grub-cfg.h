/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What grub.cfg (and the user.cfg and custom.cfg EL9's grub.cfg sources)
 * does to the boot of a BLS entry, and the variables GRUB sees: grubenv's,
 * as grub.cfg's load_env brings them in, and grub.cfg's own.
 *
 * EL9's generated grub.cfg (grub2-mkconfig with rhboot's /etc/grub.d)
 * loads the grubenv, sets default="${next_entry}" when that is set and
 * default="${saved_entry}" otherwise, may set default=1 for fallback
 * counting (08_fallback_counting, with grubenv's boot_counter), sets
 * kernelopts only when grubenv has none, sources user.cfg, runs 'blscfg'
 * and adds the "UEFI Firmware Settings" entry (fwsetup).  All of that is
 * followed here; anything else that sets default, adds a menu entry,
 * runs blscfg otherwise, or reads another file is a construct fipsctl
 * does not follow, and makes the default or the menu uncertain.
 *
 * The scan lexes with GRUB's own lexer (src/parse/grub-script.h) and
 * follows its grammar for blocks (if/fi, for/while/until ... done,
 * function and menuentry bodies in braces); it does not run anything.
 */
#ifndef FC_GRUB_CFG_H
#define FC_GRUB_CFG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"
#include "parse/grub-script.h"
#include "parse/grubenv.h"

#define FC_GRUB_CFG_PATH "/boot/grub2/grub.cfg"
#define FC_GRUB_USER_CFG_PATH "/boot/grub2/user.cfg"
#define FC_GRUB_CUSTOM_CFG_PATH "/boot/grub2/custom.cfg"

/* One thing grub.cfg does, in the order it does it. */
enum fc_grubcfg_event_type {
	FC_GRUBCFG_LOAD_ENV, /* load_env: grubenv's variables arrive */
	FC_GRUBCFG_SET,      /* a variable is set, or unset (value NULL,
			      * unset true) */
	FC_GRUBCFG_BLSCFG,   /* 'blscfg' runs */
};

/* How a "set default=..." reads. */
enum fc_grubcfg_default {
	FC_GRUBCFG_DEFAULT_OTHER,
	FC_GRUBCFG_DEFAULT_NEXT,     /* "${next_entry}" (00_header) */
	FC_GRUBCFG_DEFAULT_SAVED,    /* "${saved_entry}" (00_header) */
	FC_GRUBCFG_DEFAULT_COUNTING, /* under a boot_counter test
				      * (08_fallback_counting) */
};

struct fc_grubcfg_event {
	enum fc_grubcfg_event_type type;
	char *name;
	char *value;       /* a literal value, or NULL (computed or unset) */
	bool unset;
	bool conditional;  /* inside if/for/while/until */
	/* "if [ -z "${name}" ]; then set name=...": only when empty */
	bool when_empty;
	enum fc_grubcfg_default def;
	char *where;       /* "grub.cfg line 12" */
};

struct fc_grubcfg {
	bool present; /* grub.cfg was read (else EL9's stock one is assumed) */
	struct fc_grubcfg_event *ev;
	size_t n_ev;
	/* Constructs that make the default entry uncertain, and those that
	 * put entries fipsctl does not audit in GRUB's menu (phrases). */
	char **default_unknowns;
	size_t n_default_unknowns;
	char **menu_unknowns;
	size_t n_menu_unknowns;
	/* Menu entries that boot a kernel after the BLS ones: a default
	 * that names no BLS entry may name one of them. */
	size_t n_entries_after;
	/* Menu entries grub.cfg adds that boot no kernel (fwsetup). */
	char **notes;
	size_t n_notes;
};

/*
 * Add what file (its name for messages, e.g. "grub.cfg") does to cfg:
 * sourced says where EL9's grub.cfg sources it (before or after
 * 'blscfg': user.cfg before, custom.cfg after; grub.cfg itself is not
 * sourced).  -EBADMSG for a NUL byte (the caller reports the file as
 * unreadable).
 */
enum fc_grubcfg_file {
	FC_GRUBCFG_MAIN,
	FC_GRUBCFG_BEFORE_BLSCFG,
	FC_GRUBCFG_AFTER_BLSCFG,
};
int fc_grubcfg_scan(struct fc_grubcfg *cfg, const char *file,
		    enum fc_grubcfg_file kind, const char *text,
		    size_t len) FC_WUR;
/* EL9's stock grub.cfg, for a root that has none (a copy of a host's
 * files, a test fixture): grubenv loaded first, the default from
 * next_entry or saved_entry, blscfg. */
void fc_grubcfg_assume_stock(struct fc_grubcfg *cfg);
void fc_grubcfg_free(struct fc_grubcfg *cfg);

/* The variables GRUB sees: a struct fc_grub_vars over these. */
struct fc_grub_env {
	const struct fc_grubenv *env; /* NULL: no usable grubenv */
	const struct fc_grubcfg *cfg;
};
enum fc_grub_var_state fc_grub_env_get(const void *ud,
				       enum fc_grub_stage stage,
				       const char *name, const char **value,
				       const char **why);

/*
 * What GRUB's 'default' is when the menu shows: *spec is the entry id,
 * title or index it names (NULL: none, GRUB boots the first entry), *via
 * the grubenv variable it came from ("next_entry", "saved_entry") or
 * NULL.  False (with a phrase added to cfg's default_unknowns by the
 * caller from *why) when grub.cfg sets it in a way fipsctl cannot follow.
 */
bool fc_grubcfg_default(const struct fc_grubcfg *cfg,
			const struct fc_grubenv *env, const char **spec,
			const char **via, char **why);

#endif
