#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Probe isolation: a probe helper that is killed by a signal,
# hangs past its time limit, prints malformed output or exits non-zero
# becomes "error" findings that say what happened, the other checks still
# report, and fipsctl exits 1 (a finding-level problem), never 3.  A helper
# whose library is missing becomes "skip: not installed".
#
# The crash/hang/garbage faults cannot be caused with the real libraries,
# so they come from the test double tests/lib/probe-fault.c (LD_PRELOAD,
# acting only inside the named helper).  The missing library is real: a
# copy of the helper edited with patchelf to need a library that does not
# exist, so the dynamic loader itself fails.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-probe.sh"

need_tools probe-isolation jq || exit 0
shim=$BUILD/tests/lib/probe-fault.so
if [ ! -f "$shim" ]; then
	not_ok probe-isolation "no fault shim at $shim (run make tests)"
	exit 1
fi
need_helper probe-isolation nss || exit 1
# A sanitizer build: ASan must not insist on coming first in the library
# list (the shim is preloaded) nor turn the shim's SIGSEGV into a report.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0:handle_segv=0"

nss_ids="nss.system_fips nss.database nss.selftest nss.summary"
limit_ms=2000

# Beside the NSS probe: the in-process kernel checks and every other
# library probe that is built, all running at the same time.
only='nss.*,kernel.*'
for a in openssl libgcrypt gnutls; do
	if [ -x "$FIPSCTL_PROBE_DIR/fipsctl-probe-$a" ] &&
		"$FIPSCTL" list-checks 2> /dev/null | grep -q "^$a\."; then
		only+=",$a.*"
	fi
done

# fault_run FAULT [PROBE]: the NSS probe (PROBE, default the NSS helper)
# given FAULT; elapsed seconds in $secs.
fault_run() {
	local t0
	t0=$(date +%s)
	report_run LD_PRELOAD="$shim" FIPSCTL_TEST_FAULT_PROBE="${2:-fipsctl-probe-nss}" \
		FIPSCTL_TEST_FAULT="$1" -- check --only "$only" --probe-timeout "$limit_ms"
	secs=$(($(date +%s) - t0))
}
# "id=status" of every finding that is not NSS's.
others() { jq -r '.findings[] | select(.id | startswith("nss.") | not) | "\(.id)=\(.status)"' "$t_tmp/report.json" 2> /dev/null | tr '\n' ' '; }

# Every NSS check is one error finding matching ERE; the kernel ran.
want_nss_errors() {
	local id
	want_eq "nss findings" "$(ids '^nss\.')" "$nss_ids"
	for id in $nss_ids; do
		want_status "$id" error
		want_match "$id" summary "$1"
		want_fact "$id" probe fipsctl-probe-nss
	done
	# The other checks and probes report exactly as without the fault.
	want_eq "other findings" "$(others)" "$others_ref"
	want_eq "exit status" "$rc" 1
}

# Control: the shim acts only in the named program, so the same run with
# another name is a normal run (and the shim is loaded in fipsctl itself).
case_begin isolation-shim-inactive-elsewhere
fault_run segv fipsctl-probe-none
want_status nss.selftest pass
want_eq "nss errors" "$(jq '[.findings[] | select((.id | startswith("nss.")) and .status == "error")] | length' "$t_tmp/report.json")" 0
others_ref=$(others)
[[ $others_ref == *kernel.fips_enabled=* ]] || c_err "no kernel finding in the control run"
case_end

case_begin isolation-segv
fault_run segv
want_nss_errors 'fipsctl-probe-nss was killed by signal 11 \(Segmentation fault\)'
case_end

case_begin isolation-abort
fault_run abort
want_nss_errors 'fipsctl-probe-nss was killed by signal 6 \(Abort'
case_end

case_begin isolation-hang
fault_run hang
want_nss_errors "fipsctl-probe-nss did not finish within $limit_ms ms and was killed"
# Only "it returned": 20 s is far above the 2 s limit yet catches a hang.
[ "$secs" -lt 20 ] || c_err "took ${secs}s with a ${limit_ms} ms probe limit"
case_end

case_begin isolation-malformed-output
fault_run garbage
want_nss_errors '^probe helper sent no valid result \('
case_end

case_begin isolation-exit-status
fault_run exit7
want_nss_errors 'fipsctl-probe-nss exited with status 7$'
case_end

# The library is really missing for the loader.
if need_tools isolation-library-not-installed patchelf; then
	case_begin isolation-library-not-installed
	pdir=$t_tmp/probes
	cp -a "$FIPSCTL_PROBE_DIR" "$pdir"
	if patchelf --replace-needed libnss3.so libnss3-fipsctl-missing.so "$pdir/fipsctl-probe-nss"; then
		report_run FIPSCTL_PROBE_DIR="$pdir" -- check --only 'nss.*'
		want_eq "nss findings" "$(ids '^nss\.')" "$nss_ids"
		for id in $nss_ids; do
			want_status "$id" skip
			want_match "$id" summary '^libnss3\.so is not installed \(package nss, nss-softokn \(EL9\), libnss3 \(Debian\)\)$'
			want_match "$id" remediation '^dnf install nss nss-softokn$'
			[[ $(fact "$id" probe_stderr) == *"libnss3-fipsctl-missing.so: cannot open shared object file"* ]] ||
				c_err "$id probe_stderr: '$(fact "$id" probe_stderr)'"
		done
		# Skips only: not installed is not a failure of the run.
		want_eq "exit status" "$rc" 0
	else
		c_err "patchelf could not edit $pdir/fipsctl-probe-nss"
	fi
	case_end
fi

t_done
