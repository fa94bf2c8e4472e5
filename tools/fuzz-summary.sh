#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tools/fuzz-summary.sh DIR TARGET...: one line per fuzz target from the
# libFuzzer logs DIR/TARGET.log that 'make fuzz' leaves: executions, their
# rate, coverage at the end (cov: edges, ft: features), the corpus it grew
# (inputs/bytes), the slowest input and the peak RSS.  A target whose log is
# missing or has no final statistics is reported as such, and the script
# exits 1: a summary never shows a run that did not finish.
set -euo pipefail
dir=${1:?usage: tools/fuzz-summary.sh DIR TARGET...}
shift
status=0
printf '%-20s %12s %9s %6s %7s %14s %9s %8s\n' target executions exec/s cov ft corpus slowest-s rss-MB
for t in "$@"; do
	log=$dir/$t.log
	if [ ! -r "$log" ] || ! grep -q '^stat::number_of_executed_units' "$log"; then
		printf '%-20s %s\n' "$t" "no final statistics in $log (crashed or not run)"
		status=1
		continue
	fi
	stat() { awk -v k="stat::$1:" '$1 == k { print $2 }' "$log"; }
	done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
	cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$done_line")
	ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$done_line")
	corp=$(sed -nE 's/.* corp: ([0-9]+\/[0-9]+[A-Za-z]*).*/\1/p' <<<"$done_line")
	printf '%-20s %12s %9s %6s %7s %14s %9s %8s\n' "$t" "$(stat number_of_executed_units)" \
		"$(stat average_exec_per_sec)" "${cov:--}" "${ft:--}" "${corp:--}" \
		"$(stat slowest_unit_time_sec)" "$(stat peak_rss_mb)"
done
exit $status
