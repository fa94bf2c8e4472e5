// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Measurement aid, never installed (tests/bench/check-time.sh): with
 * LD_PRELOAD into fipsctl, inherited by every probe helper, each process
 * appends "<program> <peak RSS in KiB>" to the file $FIPSCTL_BENCH_RSS when
 * it exits, from getrusage(RUSAGE_SELF): the process alone.  (wait4's
 * rusage of fipsctl, what /usr/bin/time prints, is the largest of fipsctl
 * and every helper it reaped: getrusage(2), RUSAGE_CHILDREN.)  It changes
 * nothing else.  A process that ends by a signal or _exit() writes nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

__attribute__((destructor)) static void peak_rss(void)
{
	const char *path = getenv("FIPSCTL_BENCH_RSS");
	if (!path || !*path)
		return;
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) < 0)
		return;
	char line[256];
	int n = snprintf(line, sizeof(line), "%s %ld\n",
			 program_invocation_short_name, ru.ru_maxrss);
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	/* One write with O_APPEND: lines of parallel helpers do not mix. */
	if (n > 0 && write(fd, line, (size_t)n) < 0)
		n = -errno;
	close(fd);
}
