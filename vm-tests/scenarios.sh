# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash disable=SC2034,SC2154
# The scenarios of vm-tests/run and vm-tests/mkimage (sourced).  Each NAME
# has
#   scenario_NAME_prepare STAGE ARCH TRIPLET LIBROOT
#       sets sc_append (kernel arguments; default "fips=1") and sc_args
#       (fipsctl's arguments) and adds files to the guest's tree STAGE (the
#       initramfs, or the root file system of a disk image)
#   scenario_NAME_check CASE NOTE
#       asserts on the report ($t_tmp/report.json, lib-probe.sh helpers)
#       and on what /init itself read (witness KEY), one ok/not ok line
# (a '-' in NAME is '_' in the function names).  The expectations are
# those of a real FIPS host: the VM's own reading of /proc (the witness)
# is the reference for the kernel facts, never a constant.

SCENARIOS="fips nofips providers corrupt-fips-so evidence selftest service"
# make vm-test runs these; selftest only on request (VM_SCENARIOS): under
# TCG it takes minutes per boot; service needs a systemd image (the suite
# boots the Debian one with it).
SUITE_SCENARIOS="fips nofips providers corrupt-fips-so evidence"

scenario_list() {
	cat << 'EOF'
fips             fips=1: kernel checks pass (flag, cmdline, /proc/crypto
                 self-tests, fips_name/fips_version), libgcrypt and NSS
                 follow the kernel flag
nofips           no fips=: the kernel checks fail with the remediation
providers        fips=1 with the OpenSSL FIPS provider (openssl.cnf as on
                 EL9) and an NSS FIPS database at /etc/pki/nssdb: the
                 OpenSSL and NSS modules report active
corrupt-fips-so  fips=1, the provider's fips.so with one byte flipped:
                 the OpenSSL integrity failure is reported
evidence         fips=1: 'fipsctl evidence export' in the VM; the bundle
                 comes back over the console and verifies on the host
                 (skipped when this fipsctl has no evidence command)
selftest         fips=1: 'fipsctl selftest --full' (fipsctl's own known-answer
                 vectors through every library) in the VM: no vector may
                 fail (skipped when this fipsctl has no selftest command)
service          fips=1, a systemd image only (mkimage --base debian):
                 fipsctl-check.service enabled as installed; it ran at
                 boot after the file systems, wrote last.json and the
                 metrics file and logged its verdict line at priority err
EOF
}
scenario_exists() { [[ " $SCENARIOS " == *" $1 "* ]]; }

# --- shared assertions ------------------------------------------------------

# The kernel side of a fips=1 boot, against what /init read itself.
want_kernel_fips() {
	local k v
	want_eq "VM fips_enabled" "$(witness fips_enabled)" 1
	want_status kernel.fips_enabled pass
	want_fact kernel.fips_enabled fips_enabled 1
	for k in fips_name fips_version; do
		v=$(witness $k)
		if [ "$v" = "(absent)" ]; then
			want_eq "kernel.fips_enabled fact $k (no /proc/sys/crypto/$k)" "$(fact kernel.fips_enabled $k)" ""
		else
			want_fact kernel.fips_enabled $k "$v"
		fi
	done
	want_status kernel.cmdline_fips pass
	want_fact kernel.cmdline_fips fips_args fips=1
	want_fact kernel.cmdline_fips cmdline "$(witness cmdline)"
	want_kernel_selftests
}

# /proc/crypto: every algorithm passed its self-test, as many as the VM
# counted before fipsctl ran (modules loaded from the initramfs, or by a
# disk image's own start-up, which reports nothing to us).
want_kernel_selftests() {
	want_eq "VM algorithms not passed" "$(witness selftest_not_passed)" 0
	want_status kernel.crypto_selftests pass
	want_fact kernel.crypto_selftests algorithms "$(witness selftest_passed)"
	want_fact kernel.crypto_selftests not_passed 0
	[ -n "${image:-}" ] || want_eq "modules that failed to load" "$(witness modules_failed)" "(none)"
}

# fipsctl's own known-answer tests in the VM: a vector that fails on the
# FIPS-mode kernel fails the scenario; findings of other statuses are
# counted in the run's output.
want_selftest() {
	local why
	case $(witness selftest_rc) in
	"") c_err "the scenario asked for 'fipsctl selftest' and /init did not run it"; return ;;
	"(no selftest command)") c_err "this fipsctl has no selftest command"; return ;;
	esac
	if ! why=$(extract selftest "$t_tmp/selftest.json"); then
		c_err "$why"
		return
	fi
	if ! jq -e .findings > /dev/null < "$t_tmp/selftest.json"; then
		c_err "fipsctl selftest printed no JSON report (exit $(witness selftest_rc))"
		return
	fi
	echo "# $name: fipsctl selftest exit $(witness selftest_rc) in $(witness selftest_seconds)s:" \
		"$(jq -r '[.findings[].status] | group_by(.) | map("\(length) \(.[0])") | join(", ")' "$t_tmp/selftest.json")" >&2
	want_eq "selftest findings that failed" \
		"$(jq -r '[.findings[] | select(.status == "fail") | .id] | join(" ")' "$t_tmp/selftest.json")" ""
	[ "$(jq '[.findings[] | select(.status == "pass")] | length' "$t_tmp/selftest.json")" -gt 0 ] ||
		c_err "fipsctl selftest passed no vector set"
}

want_verdict() { # pass|fail: the summary and fipsctl's exit status agree
	want_eq "summary verdict" "$(jq -r .summary.verdict "$t_tmp/report.json")" "$1"
	want_rc_consistent
}

# fips.so and fipsmodule.cnf for ARCH: the x86_64 build of
# tests/setup/10-openssl-fips.sh or the arm64 one of 60-openssl-fips-arm64.sh,
# made on demand.
provider_dir() {
	local d=$CACHE/openssl-fips script=10-openssl-fips.sh
	[ "$1" = aarch64 ] && d=$CACHE/openssl-fips-arm64 script=60-openssl-fips-arm64.sh
	if [ ! -f "$d/fips.so" ] || [ ! -f "$d/fipsmodule.cnf" ]; then
		echo "vm-tests/run: no FIPS provider in $d; running tests/setup/$script" >&2
		"$top/tests/setup/$script" >&2 || fail "tests/setup/$script failed"
	fi
	echo "$d"
}

# install_provider STAGE ARCH TRIPLET [FIPS_SO]: the FIPS provider where
# libcrypto's MODULESDIR has it and an openssl.cnf that includes
# fipsmodule.cnf, activates fips and base and selects fips=yes (what
# fips-mode-setup arranges on EL9): tests/setup/10-openssl-fips.sh's
# openssl-fips.cnf (the same text for both arches), with the VM's paths.
install_provider() {
	local stage=$1 d cnf=$CACHE/openssl-fips/openssl-fips.cnf
	d=$(provider_dir "$2")
	[ -f "$cnf" ] || provider_dir x86_64 > /dev/null
	mkdir -p "$stage/usr/lib/$3/ossl-modules"
	cp "${4:-$d/fips.so}" "$stage/usr/lib/$3/ossl-modules/fips.so"
	cp "$d/fipsmodule.cnf" "$stage/etc/ssl/fipsmodule.cnf"
	sed -e 's#^\.include .*#.include /etc/ssl/fipsmodule.cnf#' \
		-e "s#^module = .*#module = /usr/lib/$3/ossl-modules/fips.so#" \
		"$cnf" > "$stage/etc/ssl/openssl.cnf"
	grep -q "^module = /usr/lib/$3/" "$stage/etc/ssl/openssl.cnf" ||
		fail "$cnf has no 'module =' line to point at the VM's fips.so"
}

# --- fips ---------------------------------------------------------------------
scenario_fips_prepare() { :; }
scenario_fips_check() {
	case_begin "$1 ($2)"
	want_kernel_fips
	# libgcrypt enters FIPS mode by itself from the kernel flag.
	want_status libgcrypt.fips_mode pass
	want_fact_match libgcrypt.fips_mode fips_requested_by '^/proc/sys/crypto/fips_enabled=1$'
	want_status nss.system_fips pass
	# Debian builds GnuTLS without FIPS 140 and ships no fips.so: those
	# must not pass just because the kernel is in FIPS mode.
	want_status gnutls.fips_mode fail
	want_status openssl.provider fail
	want_verdict fail
	case_end
}

# --- nofips -------------------------------------------------------------------
scenario_nofips_prepare() { sc_append=""; }
scenario_nofips_check() {
	case_begin "$1 ($2)"
	want_eq "VM fips_enabled" "$(witness fips_enabled)" 0
	want_status kernel.fips_enabled fail
	want_match kernel.fips_enabled summary 'fips_enabled=0'
	# The guest is Debian: neither fips-mode-setup nor grubby, so the
	# remedy says what to set instead of naming a program it lacks.
	want_match kernel.fips_enabled remediation '^set the FIPS system crypto policy and fips=1 on the kernel command line of every boot entry, then reboot .this root has neither fips-mode-setup nor grubby.$'
	want_status kernel.cmdline_fips fail
	want_match kernel.cmdline_fips summary 'booted without fips=1'
	want_match kernel.cmdline_fips remediation 'fips=1 on the kernel command line of every boot entry, then reboot .this root has neither fips-mode-setup nor grubby.$'
	want_fact kernel.cmdline_fips fips_args "(none)"
	want_kernel_selftests
	want_status libgcrypt.fips_mode fail
	want_status nss.system_fips fail
	want_verdict fail
	case_end
}

# --- providers ----------------------------------------------------------------
scenario_providers_prepare() {
	local stage=$1
	install_provider "$stage" "$2" "$3"
	# An NSS database switched to FIPS mode, where EL9 has the system one.
	mkdir -p "$stage/etc/pki/nssdb"
	certutil -N --empty-password -d "sql:$stage/etc/pki/nssdb" > /dev/null ||
		fail "certutil could not create the NSS database"
	modutil -fips true -dbdir "sql:$stage/etc/pki/nssdb" -force > /dev/null ||
		fail "modutil could not switch the NSS database to FIPS mode"
	# pkcs11.txt records the directory it was made in.
	sed -i "s#configdir='sql:$stage/etc/pki/nssdb'#configdir='sql:/etc/pki/nssdb'#" \
		"$stage/etc/pki/nssdb/pkcs11.txt"
	# The libraries' own self-tests; fipsctl's vectors (selftest.*) run in
	# the selftest scenario.
	sc_args="check --selftest --skip selftest --format json"
}
scenario_providers_check() {
	local d
	d=$(provider_dir "$arch")
	case_begin "$1 ($2)"
	want_kernel_fips
	want_status openssl.provider pass
	want_fact openssl.provider provider_available true
	want_fact openssl.provider provider_name "OpenSSL FIPS Provider"
	want_fact openssl.provider default_properties_fips true
	want_fact openssl.provider fips_so_path "/usr/lib/$triplet/ossl-modules/fips.so"
	want_fact openssl.provider fips_so_sha256 "$(sha256sum < "$d/fips.so" | cut -d' ' -f1)"
	want_status openssl.integrity pass
	want_status openssl.selftest pass
	want_status openssl.summary pass
	want_status nss.database.system pass
	want_match nss.database.system summary '/etc/pki/nssdb is in FIPS mode'
	want_status nss.selftest pass
	want_status nss.summary pass
	want_status libgcrypt.fips_mode pass
	want_status libgcrypt.selftest pass
	case_end
}

# --- corrupt-fips-so ------------------------------------------------------------
scenario_corrupt_fips_so_prepare() {
	local d size
	d=$(provider_dir "$2")
	cp "$d/fips.so" "$t_tmp/fips.so"
	# One byte in the middle: the module HMAC covers the whole file.
	size=$(stat -c %s "$t_tmp/fips.so")
	flip_byte "$t_tmp/fips.so" $((size / 2)) || fail "could not flip a byte of $t_tmp/fips.so"
	install_provider "$1" "$2" "$3" "$t_tmp/fips.so"
}
scenario_corrupt_fips_so_check() {
	case_begin "$1 ($2)"
	want_kernel_fips
	want_status openssl.integrity fail
	want_match openssl.integrity summary 'module integrity failure$'
	want_fact openssl.integrity failed_events "Module_Integrity/HMAC"
	want_match openssl.integrity remediation 'reinstall the module'
	want_status openssl.provider fail
	want_fact openssl.provider provider_available false
	want_fact openssl.provider fips_so_sha256 "$(sha256sum < "$t_tmp/fips.so" | cut -d' ' -f1)"
	want_status openssl.summary fail
	want_fact openssl.summary integrity_verified false
	want_verdict fail
	case_end
}

# --- evidence -------------------------------------------------------------------
# The bundle is exported in the VM, comes back base64 over the console and
# is verified on the host by the x86_64 fipsctl: an auditor's path.
host_fipsctl() {
	if [ "$arch" = x86_64 ]; then echo "$build/fipsctl"; else echo "$FIPSCTL"; fi
}
# host_run ARGS...: the host's fipsctl with its own probe helpers.
host_run() {
	local host
	host=$(host_fipsctl)
	FIPSCTL_PROBE_DIR=$(dirname "$host")/probes "$host" "$@"
}
scenario_evidence_prepare() {
	local host
	host=$(host_fipsctl)
	if ! "$host" help evidence > /dev/null 2>&1; then
		skip "vm-$2-evidence" "$host has no evidence command"
		exit 0
	fi
	sc_args="evidence export -o /tmp/bundle.tar.gz --format json"
	echo /tmp/bundle.tar.gz > "$1/etc/fipsctl-vm/export"
}
scenario_evidence_check() {
	local bundle=$t_tmp/bundle.tar.gz why
	case_begin "$1 ($2)"
	want_kernel_fips
	if ! why=$(extract file-bundle.tar.gz "$bundle" base64); then
		c_err "$why"
		case_end
		return
	fi
	host_run evidence verify "$bundle" > "$t_tmp/verify.out" 2>&1
	want_eq "evidence verify of the VM's bundle on the host (exit)" "$?" 0
	# The stored report is the one the VM printed.
	host_run evidence show "$bundle" --format json > "$t_tmp/shown.json" 2> /dev/null
	want_eq "findings in the bundle = findings on the console" \
		"$(jq -cS .findings "$t_tmp/shown.json" 2> /dev/null | sha256sum)" \
		"$(jq -cS .findings "$t_tmp/report.json" | sha256sum)"
	want_eq "bundle host arch" "$(jq -r .host.arch "$t_tmp/shown.json" 2> /dev/null)" "$arch"
	# And a bundle changed in transit does not verify.
	cp "$bundle" "$t_tmp/tampered.tar.gz"
	flip_byte "$t_tmp/tampered.tar.gz" $(($(stat -c %s "$bundle") / 2)) ||
		c_err "could not flip a byte of the bundle copy"
	host_run evidence verify "$t_tmp/tampered.tar.gz" > /dev/null 2>&1
	want_eq "evidence verify of a tampered copy (exit)" "$?" 1
	echo "# $1: bundle $(stat -c %s "$bundle") bytes, verified on the host: $(head -1 "$t_tmp/verify.out")" >&2
	case_end
}

# --- selftest -------------------------------------------------------------------
scenario_selftest_prepare() {
	touch "$1/etc/fipsctl-vm/selftest"
	sc_args="check --only kernel --format json"
}
scenario_selftest_check() {
	if [ "$(witness selftest_rc)" = "(no selftest command)" ]; then
		skip "$1" "this fipsctl has no selftest command"
		return
	fi
	case_begin "$1 ($2)"
	want_kernel_fips
	want_selftest
	# NSS follows the kernel into its FIPS token, whose keys must be
	# unwrapped into it (helpers/nss/selftest.c): it ran there.
	want_eq "selftest.nss pk11_is_fips" "$(jq -r '.findings[] | select(.id == "selftest.nss") | .facts[] | select(.key == "pk11_is_fips") | .value' "$t_tmp/selftest.json" 2> /dev/null)" 1
	case_end
}

# --- service ------------------------------------------------------------------
# The units as 'make install' put them into the image (/usr/local), enabled
# as 'systemctl enable' would, and a witness unit ordered after the check
# that writes what systemd and the journal say of it to /root, for the
# agent to send back with the report and the metrics.  The agent's own
# run is a plain check, the reference for the service's report.
# svc_key KEY: KEY's value in what the witness unit wrote.
svc_key() { sed -n "s/^$1=//p" "$t_tmp/fipsctl-service.txt" 2> /dev/null | head -1; }
svc_files="/root/fipsctl-service.txt /var/lib/fipsctl/last.json /var/lib/node_exporter/textfile_collector/fipsctl.prom"
scenario_service_prepare() {
	local units=$1/usr/local/lib/systemd/system
	# vm-tests/run's initramfs (/init, no systemd): nothing to wait for.
	[ ! -e "$1/init" ] || return 0
	mkdir -p "$1/etc/fipsctl-vm"
	echo "$svc_files" > "$1/etc/fipsctl-vm/export"
	# vm-tests/run --image calls this on an empty folder, only for the
	# export list; the image itself was made by mkimage.
	[ -e "$1/usr/lib/systemd/systemd" ] || return 0
	[ -f "$units/fipsctl-check.service" ] || fail "make install put no fipsctl-check.service in the image"
	mkdir -p "$1/etc/systemd/system/multi-user.target.wants" "$1/etc/systemd/system/timers.target.wants"
	ln -sf /usr/local/lib/systemd/system/fipsctl-check.service "$1/etc/systemd/system/multi-user.target.wants/"
	ln -sf /usr/local/lib/systemd/system/fipsctl-check.timer "$1/etc/systemd/system/timers.target.wants/"
	cat > "$1/etc/systemd/system/fipsctl-vm-witness.service" <<- 'EOF'
		[Unit]
		Description=What systemd and the journal say of fipsctl-check.service (vm-tests)
		After=fipsctl-check.service
		[Service]
		Type=oneshot
		ExecStart=/bin/sh -c '{ systemctl show -p Result -p ExecMainStatus -p ExecMainStartTimestampMonotonic fipsctl-check.service; systemctl show -p ActiveEnterTimestampMonotonic local-fs.target | sed s/^/local_fs_/; journalctl -b -t fipsctl -p err -o cat | sed s/^/err_line=/; } > /root/fipsctl-service.tmp && mv /root/fipsctl-service.tmp /root/fipsctl-service.txt'
		[Install]
		WantedBy=multi-user.target
	EOF
	ln -sf ../fipsctl-vm-witness.service "$1/etc/systemd/system/multi-user.target.wants/"
}
scenario_service_check() {
	local f why
	if [ -z "${image:-}" ]; then
		skip "$1" "the service scenario needs a systemd image (vm-tests/mkimage --base debian --scenario service)"
		return
	fi
	case_begin "$1 ($2)"
	for f in $svc_files; do
		why=$(extract "file-${f##*/}" "$t_tmp/${f##*/}" base64) || c_err "$f: $why"
	done
	# Exit 1 is the verdict fail (Debian's OpenSSL and GnuTLS are not in
	# FIPS mode): a unit success, by SuccessExitStatus=1.
	want_eq "fipsctl-check.service Result" "$(svc_key Result)" success
	want_eq "fipsctl-check.service exit status" "$(svc_key ExecMainStatus)" 1
	[ "$(svc_key ExecMainStartTimestampMonotonic)" -gt "$(svc_key local_fs_ActiveEnterTimestampMonotonic)" ] 2> /dev/null ||
		c_err "the service started at $(svc_key ExecMainStartTimestampMonotonic) us, not after local-fs.target ($(svc_key local_fs_ActiveEnterTimestampMonotonic) us)"
	[[ $(svc_key err_line) =~ ^fipsctl:\ FIPS\ check\ verdict\ fail\ \(.*\)\;\ report\ /var/lib/fipsctl/last\.json\;\ metrics\ /var/lib/node_exporter/textfile_collector/fipsctl\.prom$ ]] ||
		c_err "no verdict line at priority err in the journal: '$(svc_key err_line)'"
	# The service's report: the same findings as the agent's own run.
	want_eq "last.json verdict" "$(jq -r .summary.verdict "$t_tmp/last.json" 2> /dev/null)" fail
	want_eq "last.json findings = the console report's" \
		"$(jq -c '[.findings[] | [.id, .status]]' "$t_tmp/last.json" 2> /dev/null | sha256sum)" \
		"$(jq -c '[.findings[] | [.id, .status]]' "$t_tmp/report.json" | sha256sum)"
	grep -qx 'fipsctl_verdict{state="fail"} 1' "$t_tmp/fipsctl.prom" 2> /dev/null ||
		c_err "fipsctl.prom has no fipsctl_verdict{state=\"fail\"} 1"
	if command -v promtool > /dev/null && ! why=$(promtool check metrics < "$t_tmp/fipsctl.prom" 2>&1); then
		c_err "promtool check metrics: $why"
	fi
	echo "# $1: fipsctl-check.service exit $(svc_key ExecMainStatus) at $(($(svc_key ExecMainStartTimestampMonotonic) / 1000)) ms after boot; $(svc_key err_line)" >&2
	case_end
}
