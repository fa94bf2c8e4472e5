// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target for src/parse/grub-script.c and src/parse/grub-cfg.c: the
 * input's first line is a BLS options value, the rest a grubenv block's
 * lines ("name=value") and, after a line "--", a grub.cfg.  The options
 * are run through blscfg's expansion and GRUB's script engine with those
 * variables; the grub.cfg is scanned and its default worked out.  The
 * model must not crash, and what it reports must hold together: certain
 * arguments come with a command line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/grub-cfg.h"
#include "parse/grub-script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	if (memchr(text, '\0', size))
		return 0; /* a BLS line is a C string; bls.c rejects NUL */
	const char *nl = memchr(text, '\n', size);
	size_t opt_len = nl ? (size_t)(nl - text) : size;
	char *options = strndup(text, opt_len);
	const char *rest = nl ? nl + 1 : text + size;
	size_t rest_len = size - (size_t)(rest - text);
	const char *sep = memmem(rest, rest_len, "\n--\n", 4);
	size_t env_len = sep ? (size_t)(sep - rest) + 1 : rest_len;
	const char *cfg_text = sep ? sep + 4 : "";
	size_t cfg_len = sep ? rest_len - env_len - 3 : 0;

	/* The grubenv lines in a block as grub-editenv writes it. */
	char block[FC_GRUBENV_SIZE];
	static const char sig[] = "# GRUB Environment Block\n";
	memset(block, '#', sizeof(block));
	memcpy(block, sig, sizeof(sig) - 1);
	size_t n = env_len < sizeof(block) - (sizeof(sig) - 1)
			   ? env_len
			   : sizeof(block) - (sizeof(sig) - 1);
	memcpy(block + sizeof(sig) - 1, rest, n);
	struct fc_grubenv env;
	struct fc_parse_err err;
	bool have_env = fc_grubenv_parse(block, sizeof(block), &env, &err) == 0;

	struct fc_grubcfg cfg = { 0 };
	if (!sep || fc_grubcfg_scan(&cfg, "grub.cfg", FC_GRUBCFG_MAIN,
				    cfg_text, cfg_len) != 0) {
		fc_grubcfg_free(&cfg);
		memset(&cfg, 0, sizeof(cfg));
		fc_grubcfg_assume_stock(&cfg);
	}
	const char *spec = NULL, *via = NULL;
	char *why = NULL;
	(void)fc_grubcfg_default(&cfg, have_env ? &env : NULL, &spec, &via,
				 &why);
	free(why);

	struct fc_grub_env ge = { have_env ? &env : NULL, &cfg };
	struct fc_grub_vars vars = { fc_grub_env_get, &ge };
	const char *initrd[] = { "/initramfs-k.img", NULL };
	struct fc_grub_entry_in in = {
		.linux_path = "/vmlinuz-k",
		.options = options,
		.initrds = initrd,
	};
	struct fc_grub_boot b;
	fc_grub_entry_boot(&in, &vars, &b);
	if (b.n_unknowns == 0 && (!b.cmdline || b.argc == 0))
		abort();
	fc_grub_boot_free(&b);

	struct fc_grub_lexed l;
	if (fc_grub_lex(options, opt_len, &l) == 0)
		fc_grub_lexed_free(&l);

	fc_grubcfg_free(&cfg);
	if (have_env)
		fc_grubenv_free(&env);
	free(options);
	return 0;
}
