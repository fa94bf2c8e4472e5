// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The lazy load of the fips provider, in a fresh exec of this helper.
 * Once fips.so failed in a process, every later load in that process
 * (fresh library context or fork) fails with "invalid state", and only a
 * lazy OSSL_PROVIDER_load returns the library's own error text (probe.c).
 * So main() runs fc_ossl_lazy_load_main() when started with
 * LAZY_LOAD_ARG, and fc_ossl_lazy_load() starts that and reads what it
 * prints on a pipe.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/conf.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/self_test.h>

#include "core/spawn.h"
#include "ossl-probe.h"

#define LAZY_LOAD_TIMEOUT_MS 10000
#define LAZY_LOAD_OUTPUT_MAX (256 * 1024)

/* Events (E), errors (R) and the result (L), one per line, tab
 * separated. */
int fc_ossl_lazy_load_main(const char *file)
{
	struct fc_ossl_conf c = { 0 };
	struct fc_ossl_st_log log = { 0 }, *cur = &log;
	struct fc_ossl_err_chain ec = { 0 };
	OSSL_LIB_CTX *lctx = NULL;
	CONF *cnf = NULL;
	BIO *bio = NULL;
	OSSL_PROVIDER *prov = NULL;
	long eline = 0;
	int rc = 1;

	OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
	fc_ossl_conf_read(&c, file);
	if (!c.lazy_text) {
		fprintf(stderr, "%s: no fips provider section%s%s\n", file,
			c.error ? ": " : "", c.error ? c.error : "");
		goto out;
	}
	lctx = OSSL_LIB_CTX_new();
	if (!lctx)
		goto out;
	OSSL_SELF_TEST_set_callback(lctx, fc_ossl_st_callback, &cur);
	cnf = NCONF_new_ex(lctx, NULL);
	bio = BIO_new_mem_buf(c.lazy_text, -1);
	if (!cnf || !bio || NCONF_load_bio(cnf, bio, &eline) != 1 ||
	    CONF_modules_load(cnf, NULL, 0) <= 0) {
		fc_ossl_err_take(&ec);
	} else {
		prov = OSSL_PROVIDER_load(lctx, FIPS_PROVIDER);
		fc_ossl_err_take(&ec);
	}
	for (size_t i = 0; i < log.n; i++)
		printf("E\t%s\t%s\t%s\n", log.ev[i].phase, log.ev[i].type,
		       log.ev[i].desc);
	for (size_t i = 0; i < ec.n; i++)
		printf("R\t%lx\t%s\n", ec.e[i].code, ec.e[i].text);
	printf("L\t%d\n", prov ? 1 : 0);
	rc = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
out:
	if (prov)
		OSSL_PROVIDER_unload(prov);
	BIO_free(bio);
	NCONF_free(cnf);
	OSSL_LIB_CTX_free(lctx);
	fc_ossl_err_chain_free(&ec);
	fc_ossl_st_log_free(&log);
	fc_ossl_conf_free(&c);
	return rc;
}

static void lazy_parse(struct fc_ossl_probe *p, char *out)
{
	bool have_result = false;
	for (char *save = NULL, *line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[4] = { 0 };
		size_t nf = 0;
		for (char *s2 = NULL, *t = strtok_r(line, "\t", &s2);
		     t && nf < FC_ARRAY_SIZE(f); t = strtok_r(NULL, "\t", &s2))
			f[nf++] = t;
		if (nf == 4 && fc_streq(f[0], "E"))
			fc_ossl_st_log_add(&p->lazy_events, f[1], f[2], f[3]);
		else if (nf == 3 && fc_streq(f[0], "R"))
			fc_ossl_err_chain_add(&p->lazy_errors,
					      strtoul(f[1], NULL, 16), f[2]);
		else if (nf == 2 && fc_streq(f[0], "L")) {
			have_result = true;
			p->lazy_loaded = fc_streq(f[1], "1");
		}
	}
	if (!have_result)
		p->lazy_error = fc_strdup("the lazy load reported no result");
}

void fc_ossl_lazy_load(struct fc_ossl_probe *p)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		p->lazy_error = fc_asprintf("cannot find this helper: %s",
					    strerror(errno));
		return;
	}
	exe[n] = '\0';
	const char *argv[] = { exe, LAZY_LOAD_ARG, p->conf.file, NULL };
	const struct fc_spawn_opts so = {
		.path = exe,
		.argv = argv,
		/* Its stderr is ours, which the parent keeps; and it stays in
		 * our process group, so that the parent's kill at its
		 * deadline reaches it too. */
		.stdout_pipe = true,
		.exec_error = FC_SPAWN_EXEC_ERROR_EXIT,
		.exec_error_prefix = "lazy load: ",
	};
	struct fc_spawned sp;
	if (fc_spawn(&so, &sp, &p->lazy_error) < 0)
		return;
	p->lazy_ran = true;
	struct fc_spawn_stream out = { .fd = sp.out_fd,
				       .pid = sp.pid,
				       .max = LAZY_LOAD_OUTPUT_MAX };
	fc_spawn_collect(&out, 1, LAZY_LOAD_TIMEOUT_MS);
	int status = 0;
	while (waitpid(sp.pid, &status, 0) < 0 && errno == EINTR)
		;
	if (out.killed)
		p->lazy_error = fc_asprintf("the lazy load did not finish "
					    "within %d ms",
					    LAZY_LOAD_TIMEOUT_MS);
	else if (WIFSIGNALED(status))
		p->lazy_error = fc_asprintf("the lazy load was killed by "
					    "signal %d (%s)",
					    WTERMSIG(status),
					    strsignal(WTERMSIG(status)));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		p->lazy_error = fc_asprintf("the lazy load exited with "
					    "status %d",
					    WEXITSTATUS(status));
	else
		lazy_parse(p, out.buf.data ? out.buf.data : (char[]){ "" });
	fc_buf_free(&out.buf);
}
