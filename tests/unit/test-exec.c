// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for src/core/exec.c, the one exec layer: absolute paths only, a
 * clean environment, no inherited descriptors, bounded capture, exit
 * status and signals, timeouts, and --dry-run enforced in the layer.
 * The programs run are real (/bin/sh, /usr/bin/env, /usr/bin/touch).
 */
#include "harness.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/exec.h"

static const struct fc_exec_opts quiet = { 0 };

static int sh(const struct fc_exec_opts *o, const char *script,
	      struct fc_exec_result *res)
{
	const char *argv[] = { "/bin/sh", "-c", script, NULL };
	return fc_exec_run(o, argv, res);
}

static void test_relative_path_refused(void)
{
	struct fc_exec_result res;
	const char *argv[] = { "sh", "-c", "true", NULL };
	CHECK_INT(fc_exec_run(&quiet, argv, &res), -EINVAL);
	const char *argv2[] = { "./sh", NULL };
	CHECK_INT(fc_exec_run(&quiet, argv2, &res), -EINVAL);
	const char *argv3[] = { NULL };
	CHECK_INT(fc_exec_run(&quiet, argv3, &res), -EINVAL);
}

static void test_cannot_start(void)
{
	struct fc_exec_result res;
	const char *missing[] = { "/nonexistent/fipsctl-no-such-program",
				  NULL };
	CHECK_INT(fc_exec_run(&quiet, missing, &res), -ENOENT);
	/* A file without execute permission, and one that is executable
	 * but no program: execve's own errors, never a shell's guess. */
	char path[] = "/tmp/fc-exec-notexec-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	CHECK(write(fd, "echo hi\n", 8) == 8);
	close(fd);
	const char *notexec[] = { path, NULL };
	CHECK(chmod(path, 0644) == 0);
	CHECK_INT(fc_exec_run(&quiet, notexec, &res), -EACCES);
	CHECK(chmod(path, 0755) == 0);
	CHECK_INT(fc_exec_run(&quiet, notexec, &res), -ENOEXEC);
	unlink(path);
}

static void test_exit_code_and_stderr(void)
{
	struct fc_exec_result res;
	CHECK_INT(sh(&quiet,
		     "echo out; echo first >&2; echo 'the reason' >&2; "
		     "echo >&2; exit 3",
		     &res),
		  0);
	CHECK(res.ran);
	CHECK_INT(res.exit_code, 3);
	CHECK_INT(res.term_signal, 0);
	CHECK_STR(res.out, "out\n");
	CHECK_STR(res.err, "first\nthe reason\n\n");
	char *why = fc_exec_failure(&res);
	CHECK_STR(why, "exited 3: the reason");
	free(why);
	fc_exec_result_free(&res);

	CHECK_INT(sh(&quiet, "exit 1", &res), 0);
	why = fc_exec_failure(&res);
	CHECK_STR(why, "exited 1 (no message on stderr)");
	free(why);
	fc_exec_result_free(&res);

	CHECK_INT(sh(&quiet, "exit 0", &res), 0);
	CHECK(fc_exec_failure(&res) == NULL);
	fc_exec_result_free(&res);
}

static void test_signal(void)
{
	struct fc_exec_result res;
	CHECK_INT(sh(&quiet, "kill -9 $$", &res), 0);
	CHECK_INT(res.exit_code, -1);
	CHECK_INT(res.term_signal, 9);
	char *why = fc_exec_failure(&res);
	CHECK_STR(why, "killed by signal 9");
	free(why);
	fc_exec_result_free(&res);
}

static void test_clean_environment(void)
{
	setenv("FC_EXEC_TEST_LEAK", "1", 1);
	setenv("LD_PRELOAD", "", 1);
	struct fc_exec_result res;
	const char *argv[] = { "/usr/bin/env", NULL };
	CHECK_INT(fc_exec_run(&quiet, argv, &res), 0);
	CHECK_STR(res.out, "PATH=/usr/sbin:/usr/bin:/sbin:/bin\nLC_ALL=C\n");
	fc_exec_result_free(&res);
	unsetenv("FC_EXEC_TEST_LEAK");
	unsetenv("LD_PRELOAD");
}

static void test_no_inherited_fds_and_stdin(void)
{
	int fd = open("/dev/null", O_RDONLY); /* deliberately not CLOEXEC */
	CHECK(fd >= 3);
	char *script = fc_asprintf("test -e /proc/self/fd/%d && echo leaked; "
				   "cat; echo done",
				   fd);
	struct fc_exec_result res;
	CHECK_INT(sh(&quiet, script, &res), 0);
	/* stdin is /dev/null: cat ends at once. */
	CHECK_STR(res.out, "done\n");
	fc_exec_result_free(&res);
	free(script);
	close(fd);
}

static void test_bounded_output(void)
{
	struct fc_exec_opts o = { .max_output = 10 };
	struct fc_exec_result res;
	CHECK_INT(sh(&o,
		     "head -c 200000 /dev/zero | tr '\\0' x; "
		     "head -c 200000 /dev/zero | tr '\\0' y >&2",
		     &res),
		  0);
	CHECK_INT(res.exit_code, 0);
	CHECK_INT(res.out_len, 10);
	CHECK(res.out_truncated);
	CHECK_INT(res.err_len, 10);
	CHECK(res.err_truncated);
	CHECK_STR(res.out, "xxxxxxxxxx");
	fc_exec_result_free(&res);
}

static void test_timeout_kills_the_group(void)
{
	struct fc_exec_opts o = { .timeout_ms = 200 };
	struct fc_exec_result res;
	unsigned long long t0 = fc_now_ns();
	/* The grandchild keeps the pipes open: the group is killed. */
	CHECK_INT(sh(&o, "sleep 30 & sleep 30", &res), -ETIMEDOUT);
	double s = (double)(fc_now_ns() - t0) / 1e9;
	CHECK(s < 5.0);
}

static void test_dry_run_prints_and_runs_nothing(void)
{
	char path[] = "/tmp/fc-exec-dry-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	unlink(path);
	char *buf = NULL;
	size_t len = 0;
	FILE *trace = open_memstream(&buf, &len);
	struct fc_exec_opts o = { .dry_run = true, .trace = trace };
	const char *argv[] = { "/usr/bin/touch", path, "a b", "it's", NULL };
	struct fc_exec_result res;
	CHECK_INT(fc_exec_run(&o, argv, &res), 0);
	fclose(trace);
	CHECK(!res.ran);
	CHECK_INT(res.exit_code, 0);
	CHECK(access(path, F_OK) < 0);
	char *want = fc_asprintf("would run: /usr/bin/touch %s 'a b' "
				 "'it'\\''s'\n",
				 path);
	CHECK_STR(buf, want);
	free(want);
	free(buf);
	fc_exec_result_free(&res);
}

static void test_quote(void)
{
	const char *argv[] = { "/usr/sbin/grubby",
			       "--args=fips=1 boot=UUID=x",
			       "",
			       "a\nb",
			       "$(id)",
			       "plain-1.2_x:y,z@%+=",
			       NULL };
	char *q = fc_exec_quote(argv);
	CHECK_STR(q, "/usr/sbin/grubby '--args=fips=1 boot=UUID=x' '' 'a?b' "
		     "'$(id)' plain-1.2_x:y,z@%+=");
	free(q);
}

static void test_program_choice(void)
{
	char *p = NULL, *why = NULL;
	unsetenv("FC_EXEC_TEST_PROG");
	CHECK_INT(fc_exec_program(NULL, "--x", "FC_EXEC_TEST_PROG",
				  "/usr/sbin/a", &p, &why),
		  0);
	CHECK_STR(p, "/usr/sbin/a");
	free(p);
	setenv("FC_EXEC_TEST_PROG", "/opt/b", 1);
	CHECK_INT(fc_exec_program(NULL, "--x", "FC_EXEC_TEST_PROG",
				  "/usr/sbin/a", &p, &why),
		  0);
	CHECK_STR(p, "/opt/b");
	free(p);
	CHECK_INT(fc_exec_program("/opt/c", "--x", "FC_EXEC_TEST_PROG",
				  "/usr/sbin/a", &p, &why),
		  0);
	CHECK_STR(p, "/opt/c");
	free(p);
	setenv("FC_EXEC_TEST_PROG", "grubby", 1);
	CHECK_INT(fc_exec_program(NULL, "--x", "FC_EXEC_TEST_PROG",
				  "/usr/sbin/a", &p, &why),
		  -EINVAL);
	CHECK(why && strstr(why, "$FC_EXEC_TEST_PROG 'grubby'"));
	free(why);
	why = NULL;
	CHECK_INT(fc_exec_program("../x", "--x", "FC_EXEC_TEST_PROG",
				  "/usr/sbin/a", &p, &why),
		  -EINVAL);
	CHECK(why && strstr(why, "--x '../x' is not an absolute path"));
	free(why);
	unsetenv("FC_EXEC_TEST_PROG");
}

int main(void)
{
	RUN(test_relative_path_refused);
	RUN(test_cannot_start);
	RUN(test_exit_code_and_stderr);
	RUN(test_signal);
	RUN(test_clean_environment);
	RUN(test_no_inherited_fds_and_stdin);
	RUN(test_bounded_output);
	RUN(test_timeout_kills_the_group);
	RUN(test_dry_run_prints_and_runs_nothing);
	RUN(test_quote);
	RUN(test_program_choice);
	TEST_MAIN_END();
}
