/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The architecture an ELF file is built for, from its header alone
 * (e_ident and e_machine, System V ABI "ELF Header"), in the names rpm and
 * uname -m use.  An offline image's C library tells the image's
 * architecture when nothing else does.
 */
#ifndef FC_ELF_ARCH_H
#define FC_ELF_ARCH_H

#include <stddef.h>

#include "base/util.h"

/* The bytes fc_elf_arch() needs: e_ident (16), e_type (2), e_machine (2). */
#define FC_ELF_ARCH_HEADER 20

/*
 * "x86_64", "aarch64", "i686", "ppc64le", "s390x", ... for the n bytes
 * of a file's start; NULL when they are not an ELF header (*why says why:
 * a static string) or name a machine fipsctl does not know.
 */
const char *fc_elf_arch(const unsigned char *hdr, size_t n, const char **why);

#endif
