/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Diagnostics: stderr, prefixed with the program name (docs/style.md habit 8:
 * stdout is for results only).  Any layer may say why it stopped here;
 * checks never do (they add findings).
 */
#ifndef FC_LOG_H
#define FC_LOG_H

#include "base/util.h"

void fc_err(const char *fmt, ...) FC_PRINTF(1, 2);

#endif
