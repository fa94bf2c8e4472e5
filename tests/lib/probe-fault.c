// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * TEST DOUBLE, never installed: fault injection for probe helpers
 * (tests/probes/test-isolation.sh: a probe child killed by a signal
 * and one that hangs past its limit).
 *
 * The real libraries do not crash, hang or print garbage on demand, so the
 * faults the probe runner must survive are caused here instead.  Loaded
 * with LD_PRELOAD into fipsctl, it is inherited by every helper; it acts
 * only in the process whose name is $FIPSCTL_TEST_FAULT_PROBE (e.g.
 * "fipsctl-probe-nss") and does nothing in fipsctl itself:
 *
 *   FIPSCTL_TEST_FAULT=segv     raise SIGSEGV
 *                      abort    abort() (SIGABRT)
 *                      hang     sleep until killed
 *                      garbage  print malformed JSON, exit 0
 *                      exit7    exit with status 7
 *
 * It runs as a constructor, before the helper's main(), as a library
 * failing at load time would.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

__attribute__((constructor)) static void probe_fault(void)
{
	const char *who = getenv("FIPSCTL_TEST_FAULT_PROBE");
	const char *what = getenv("FIPSCTL_TEST_FAULT");
	if (!who || !what || strcmp(program_invocation_short_name, who) != 0)
		return;
	if (strcmp(what, "segv") == 0 || strcmp(what, "abort") == 0) {
		if (what[0] == 's')
			raise(SIGSEGV);
		else
			abort();
		fprintf(stderr, "probe-fault: %s did not end the process\n",
			what);
		_exit(98);
	}
	if (strcmp(what, "hang") == 0)
		for (;;)
			pause();
	if (strcmp(what, "garbage") == 0) {
		static const char bad[] = "{\"probe\": \"fault\", \"findings\": [";
		_exit(write(STDOUT_FILENO, bad, sizeof(bad) - 1) < 0 ? 125 : 0);
	}
	if (strcmp(what, "exit7") == 0)
		_exit(7);
	/* A typo in a test must not look like a passing fault case. */
	fprintf(stderr, "probe-fault: unknown FIPSCTL_TEST_FAULT '%s'\n", what);
	_exit(99);
}
