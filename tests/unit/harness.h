/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A tiny assert harness for tests/unit/test-<file>.c (docs/style.md habit 13).
 * Each test function is run by RUN(); a failed CHECK prints file:line and
 * the expression.  Output is one line per test for tests/run-tests.sh:
 *   ok NAME | not ok NAME | skip NAME: reason
 */
#ifndef FC_TEST_HARNESS_H
#define FC_TEST_HARNESS_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fc_t_fail_now;
static int fc_t_failed_tests;
static const char *fc_t_skip_reason;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, \
				__LINE__, #cond);                              \
			fc_t_fail_now++;                                       \
		}                                                              \
	} while (0)

#define CHECK_INT(a, b)                                                        \
	do {                                                                   \
		long long fc_a_ = (long long)(a), fc_b_ = (long long)(b);      \
		if (fc_a_ != fc_b_) {                                          \
			fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", \
				__FILE__, __LINE__, #a, fc_a_, #b, fc_b_);     \
			fc_t_fail_now++;                                       \
		}                                                              \
	} while (0)

#define CHECK_STR(a, b)                                                        \
	do {                                                                   \
		const char *fc_a_ = (a), *fc_b_ = (b);                         \
		if (!fc_a_ || !fc_b_ || strcmp(fc_a_, fc_b_) != 0) {           \
			fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", \
				__FILE__, __LINE__, #a,                        \
				fc_a_ ? fc_a_ : "(null)",                      \
				fc_b_ ? fc_b_ : "(null)");                     \
			fc_t_fail_now++;                                       \
		}                                                              \
	} while (0)

/* Mark the running test skipped (its environment is missing). */
#define SKIP(reason)                                                           \
	do {                                                                   \
		fc_t_skip_reason = (reason);                                   \
		return;                                                        \
	} while (0)

#define RUN(fn)                                                                \
	do {                                                                   \
		fc_t_fail_now = 0;                                             \
		fc_t_skip_reason = NULL;                                       \
		fn();                                                          \
		if (fc_t_fail_now) {                                           \
			printf("not ok %s\n", #fn);                            \
			fc_t_failed_tests++;                                   \
		} else if (fc_t_skip_reason) {                                 \
			printf("skip %s: %s\n", #fn, fc_t_skip_reason);        \
		} else {                                                       \
			printf("ok %s\n", #fn);                                \
		}                                                              \
		fflush(stdout);                                                \
	} while (0)

#define TEST_MAIN_END() return fc_t_failed_tests ? 1 : 0

/*
 * Scratch trees for tests that need files: t_tree() makes a temporary
 * directory from a mkdtemp template, t_put() writes ROOT/REL (parent
 * directories made), t_link() makes a symlink, t_rmtree() removes it all.
 * A setup failure ends the test program (exit 2): there is nothing to test.
 */
static inline void t_die(const char *what)
{
	perror(what);
	exit(2);
}

static inline void t_tree(char *tmpl)
{
	if (!mkdtemp(tmpl))
		t_die("mkdtemp");
}

static inline void t_mkdirs(const char *root, const char *rel)
{
	char p[4096];
	int n = snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (n < 0 || (size_t)n >= sizeof(p))
		t_die(rel);
	for (char *s = p + strlen(root) + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			t_die(p);
		*s = '/';
	}
	if (mkdir(p, 0755) < 0 && errno != EEXIST)
		t_die(p);
}

static inline void t_put(const char *root, const char *rel, const char *data)
{
	char p[4096];
	snprintf(p, sizeof(p), "%s", rel);
	char *slash = strrchr(p, '/');
	if (slash) {
		*slash = '\0';
		t_mkdirs(root, p);
	}
	snprintf(p, sizeof(p), "%s/%s", root, rel);
	FILE *f = fopen(p, "w");
	if (!f || fputs(data, f) < 0 || fclose(f) != 0)
		t_die(p);
}

static inline void t_link(const char *root, const char *target,
			  const char *rel)
{
	char p[4096];
	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (symlink(target, p) < 0)
		t_die(p);
}

static inline void t_rmtree(const char *root)
{
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "cleanup of %s failed\n", root);
}

#endif
