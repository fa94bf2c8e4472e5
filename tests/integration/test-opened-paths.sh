#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every path fipsctl and its helpers open, as the kernel saw it (strace -ff
# -y: each descriptor with the file it resolved to), whoever opened it:
# fipsctl's own code, or a library that opens files itself (NSS opening a
# database and dlopen'ing softoken, librpm and sqlite the rpmdb, libarchive
# writing a bundle, OpenSSL its configuration and providers, GnuTLS and
# libgcrypt their .hmac files).
#   - live 'check', with a real NSS database in FIPS mode: nothing is
#     created, written, renamed or removed anywhere;
#   - '--root R check' and '--root R evidence export -o OUT': nothing is
#     written except the bundle (in OUT's folder) and the helpers' private
#     temporary folders, nothing under R; and no file outside R is opened
#     but the programs' own (their libraries, locale, probes, tables):
#     no fact of the host running the audit leaks into the report.
. "$(dirname "$0")/../lib.sh"

command -v strace > /dev/null || { skip opened-paths "strace is not installed"; t_done; exit 0; }
W=$t_tmp/w
mkdir -p "$W"
R=$W/root
fixture_root opened-paths validated/alma92-validated "$R"
policies=${FIPSCTL_POLICY_DIR:-$TOP/policies}
export FIPSCTL_POLICY_DIR=$policies

# trace NAME CMD...: CMD under strace, one file per process in $W/NAME/
# LeakSanitizer cannot run under ptrace (the sanitizer build checks
# leaks in every other test).
[ -z "${SANITIZE:-}" ] || export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export TMPDIR=$W/tmp
mkdir -p "$TMPDIR"

trace() {
	local name=$1; shift
	mkdir -p "$W/$name"
	strace -ff -y -qq -e trace=%file,%desc -e signal=none -o "$W/$name/t" "$@" \
		> "$W/$name.out" 2> "$W/$name.err" || true
	if ! ls "$W/$name"/t.* > /dev/null 2>&1; then
		not_ok "$name-traced" "strace wrote nothing: $(head -3 "$W/$name.err")"
		return 1
	fi
}

# judge NAME ROOT WRITABLE...: the classifier (below) over $W/NAME; ROOT
# is the audited tree ('-' for the live host), WRITABLE the folders
# where creating or writing a file is expected.
judge() {
	local name=$1 root=$2; shift 2
	if python3 "$TOP/tests/integration/opened-paths.py" "$W/$name" "$root" "$TOP" "$BUILD" "$policies" "$@" \
		> "$W/$name.verdict"; then
		ok "$name: $(tail -1 "$W/$name.verdict")"
	else
		not_ok "$name" "$(head -20 "$W/$name.verdict")"
	fi
}

# The live host, with a database switched to FIPS mode and one not.
nss_args=()
if command -v certutil > /dev/null && command -v modutil > /dev/null; then
	mkdir -p "$W/db-fips" "$W/db-plain"
	certutil -N --empty-password -d "sql:$W/db-fips" > /dev/null &&
		modutil -fips true -dbdir "sql:$W/db-fips" -force > /dev/null &&
		certutil -N --empty-password -d "sql:$W/db-plain" > /dev/null &&
		nss_args=(--nssdb "$W/db-fips" --nssdb "$W/db-plain")
fi
[ ${#nss_args[@]} -gt 0 ] || skip opened-paths-nssdb "certutil/modutil not installed: the live check runs without --nssdb"
listing() { (cd "$1" && find . -printf '%y %p %s %T@\n' | LC_ALL=C sort); }
listing "$W/db-fips" > "$W/db.before" 2> /dev/null || :
trace live "$FIPSCTL" check --selftest "${nss_args[@]}" --format json && judge live -
listing "$W/db-fips" > "$W/db.after" 2> /dev/null || :
if cmp -s "$W/db.before" "$W/db.after"; then ok live-nssdb-untouched; else not_ok live-nssdb-untouched "$(diff "$W/db.before" "$W/db.after" | head)"; fi
# A FIPS database really was opened (NSS did the opening).
if grep -qh "$W/db-fips/cert9.db" "$W/live"/t.* 2> /dev/null || [ ${#nss_args[@]} -eq 0 ]; then
	ok live-nssdb-opened
else
	not_ok live-nssdb-opened "no open of $W/db-fips/cert9.db in the trace"
fi

# An audited tree: check, then an evidence bundle of it.
trace root-check "$FIPSCTL" --root "$R" check --format json && judge root-check "$R"
mkdir -p "$W/out"
trace root-export "$FIPSCTL" --root "$R" evidence export -o "$W/out/b.tar.gz" -q &&
	judge root-export "$R" "$W/out"
if [ -s "$W/out/b.tar.gz" ]; then ok root-export-wrote-bundle; else not_ok root-export-wrote-bundle "no $W/out/b.tar.gz: $(head -3 "$W/root-export.err")"; fi
# The rpmdb was read (through the private copy), so librpm's opens were seen.
if grep -qh 'rpmdb.sqlite' "$W/root-check"/t.*; then ok root-check-rpmdb-opened; else not_ok root-check-rpmdb-opened "no rpmdb.sqlite in the trace"; fi
t_done
