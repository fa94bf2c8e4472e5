// SPDX-License-Identifier: GPL-2.0-or-later
#include "boot/grubby.h"

#include <errno.h>
#include <string.h>

#include "base/strv.h"
#include "parse/bls.h"
#include "parse/grubenv.h"
#include "core/rootwrite.h"

/* Where GRUB's configuration lives on EL9 (grub2-mkconfig -o). */
#define GRUB_CFG_PATH "/boot/grub2/grub.cfg"

int fc_grubby_open(struct fc_grubby *g, const char *opt_path,
		   const struct fc_root *root, const struct fc_exec_opts *exec,
		   char **why)
{
	memset(g, 0, sizeof(*g));
	int r = fc_exec_program(opt_path, "--grubby", FC_GRUBBY_ENV,
				FC_GRUBBY_DEFAULT, &g->path, why);
	if (r < 0)
		return r;
	g->exec = *exec;
	if (fc_root_is_live(root))
		return 0; /* grubby's own defaults are the host's files */
	static const struct {
		const char *opt, *path;
	} map[] = {
		{ "--bls-directory", FC_BLS_DIR },
		{ "--env", FC_GRUBENV_PATH },
		{ "--config-file", GRUB_CFG_PATH },
	};
	size_t n = 0;
	for (size_t i = 0; i < FC_ARRAY_SIZE(map); i++) {
		_cleanup_free_ char *p = NULL;
		r = fc_root_host_path(root, map[i].path, &p, why);
		if (r < 0) {
			fc_grubby_close(g);
			return r;
		}
		fc_strv_add(&g->root_args, &n,
			    fc_asprintf("%s=%s", map[i].opt, p));
	}
	return 0;
}

void fc_grubby_close(struct fc_grubby *g)
{
	free(g->path);
	fc_strv_free(g->root_args);
	memset(g, 0, sizeof(*g));
}

int fc_grubby_run(const struct fc_grubby *g, const char *const *args,
		  struct fc_exec_result *res, char **why)
{
	size_t n_root = 0, n_args = 0;
	while (g->root_args && g->root_args[n_root])
		n_root++;
	while (args[n_args])
		n_args++;
	const char **argv = fc_calloc(1 + n_root + n_args + 1, sizeof(char *));
	size_t a = 0;
	argv[a++] = g->path;
	for (size_t i = 0; i < n_root; i++)
		argv[a++] = g->root_args[i];
	for (size_t i = 0; i < n_args; i++)
		argv[a++] = args[i];
	argv[a] = NULL;

	/* Messages name the operation ("grubby --set-default=..."), not
	 * the program path and the image options. */
	argv[n_root] = "grubby";
	_cleanup_free_ char *shown = fc_exec_quote(argv + n_root);
	argv[n_root] = n_root ? g->root_args[n_root - 1] : g->path;
	*why = NULL;
	int r = fc_exec_run(&g->exec, argv, res);
	free(argv);
	if (r < 0) {
		*why = r == -ENOENT ? fc_asprintf("cannot run %s: it does not "
						  "exist (EL9: dnf install "
						  "grubby)",
						  g->path)
				    : fc_asprintf("cannot run %s: %s", g->path,
						  strerror(-r));
		return r;
	}
	_cleanup_free_ char *fail = fc_exec_failure(res);
	if (fail) {
		*why = fc_asprintf("%s %s", shown, fail);
		fc_exec_result_free(res);
		return -EIO;
	}
	return 0;
}

/* A read-only question: not asked in a dry run (the exec layer would only
 * print it, and an empty answer must not pass for one). */
static int query(const struct fc_grubby *g, const char *const *args,
		 struct fc_exec_result *res, char **why)
{
	if (g->exec.dry_run) {
		*why = fc_strdup("not asked in a dry run");
		return -ECANCELED;
	}
	return fc_grubby_run(g, args, res, why);
}

/* ---- read-only queries -------------------------------------------------- */

int fc_grubby_default_kernel(const struct fc_grubby *g, char **path, char **why)
{
	const char *args[] = { "--default-kernel", NULL };
	struct fc_exec_result res;
	int r = query(g, args, &res, why);
	if (r < 0)
		return r;
	/* One absolute path on one line. */
	_cleanup_free_ char *s = fc_strndup(res.out, res.out_len);
	bool nul = strlen(s) != res.out_len;
	fc_exec_result_free(&res);
	fc_strstrip(s);
	if (nul || !*s || s[0] != '/' || strchr(s, '\n')) {
		_cleanup_free_ char *shown = fc_printable(s, 200);
		*why = fc_asprintf("grubby --default-kernel printed '%s', not "
				   "one kernel path",
				   shown);
		return -EBADMSG;
	}
	*path = FC_TAKE(s);
	return 0;
}

int fc_grubby_info(const struct fc_grubby *g, const char *kernel,
		   struct fc_grubby_info *out, char **why)
{
	_cleanup_free_ char *opt = fc_asprintf("--info=%s", kernel);
	const char *args[] = { opt, NULL };
	struct fc_exec_result res;
	int r = query(g, args, &res, why);
	if (r < 0)
		return r;
	if (res.out_len > FC_GRUBBY_INFO_MAX || res.out_truncated) {
		fc_exec_result_free(&res);
		*why = fc_asprintf("grubby --info=%s printed more than %d "
				   "bytes",
				   kernel, FC_GRUBBY_INFO_MAX);
		return -EFBIG;
	}
	struct fc_parse_err err = { 0 };
	r = fc_grubby_info_parse(res.out, res.out_len, out, &err);
	fc_exec_result_free(&res);
	if (r < 0) {
		*why = fc_asprintf("cannot read grubby --info=%s output: line "
				   "%u: %s",
				   kernel, err.line, err.what);
		return r;
	}
	return 0;
}
