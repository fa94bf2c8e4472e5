#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The command line: help, version, usage errors with the
# documented exit codes and messages, global options before and after the
# command, list-checks, --root errors, colour rules, failed writes, -q.
. "$(dirname "$0")/../lib.sh"
hint=

if ! "$TOP/tests/cases/mkroot.sh" --in "$t_tmp/roots" all/el92-fips all/fips-disabled > "$t_tmp/mk.log" 2>&1; then
	not_ok mkroots "tests/cases/mkroot.sh failed"
	sed 's/^/    /' "$t_tmp/mk.log" >&2
	t_done; exit
fi
R=$t_tmp/roots/el92-fips
R_OFF=$t_tmp/roots/fips-disabled
ESC=$'\033'

# has NAME FILE ERE...: ok when FILE matches every ERE.
has() {
	local name=$1 file=$2 ere; shift 2
	for ere in "$@"; do
		if ! grep -Eq -- "$ere" "$file"; then
			not_ok "$name" "$(basename "$file") does not match /$ere/"
			sed 's/^/    | /' "$file" | head -15 >&2
			return 1
		fi
	done
	ok "$name"
}

# lacks NAME FILE ERE: ok when no line of FILE matches ERE.
lacks() {
	if grep -Eq -- "$3" "$2"; then
		not_ok "$1" "$(basename "$2") matches /$3/"
		grep -E -- "$3" "$2" | head -5 | sed 's/^/    | /' >&2
		return 1
	fi
	ok "$1"
}

# usage_error NAME ERE CMD...: exit 2, nothing on stdout, stderr names the
# culprit (ERE) and gives a usage hint.  input_error: the same without the
# hint (the command line was right, what it names is not).
usage_error() {
	hint="Try 'fipsctl (--help|help [a-z-]+)'" input_error "$@"
}
input_error() {
	local name=$1 ere=$2; shift 2
	expect_rc "$name-exit-2" 2 "$@" || return
	has "$name-message" "$t_tmp/err" "$ere" ${hint:+"$hint"}
	if [ -s "$t_tmp/out" ]; then
		not_ok "$name-stdout-empty" "usage error printed on stdout"
	else
		ok "$name-stdout-empty"
	fi
}

# --- help and version --------------------------------------------------
for h in --help -h; do
	expect_rc "help$h" 0 "$FIPSCTL" "$h" &&
	has "help$h-content" "$t_tmp/out" '^Usage: fipsctl' '^  check ' '^  list-checks ' \
		'^  help ' '--root DIR' '--format text\|json' '--color auto\|always\|never' \
		'^Exit status:' '^  0  pass: nothing failed' '^  1  fail: a selected check failed' \
		'^  2  usage or input error' '^  3  fipsctl itself could not run' \
		'^  4  incomplete: nothing failed, but an applicable check was not examined'
done
version=$(sed -n 's/^#define FC_VERSION "\(.*\)"$/\1/p' "$TOP/src/core/version.h")
for v in --version -V; do
	expect_rc "version$v" 0 "$FIPSCTL" "$v" &&
	has "version$v-content" "$t_tmp/out" "^fipsctl ${version//./\\.}\$"
done
expect_rc help-no-arg 0 "$FIPSCTL" help && has help-no-arg-content "$t_tmp/out" '^Commands:'
expect_rc help-check 0 "$FIPSCTL" help check &&
	has help-check-content "$t_tmp/out" '^Usage: .*check' '--only GLOB' '--skip GLOB' '^Exit status:'
expect_rc help-list-checks 0 "$FIPSCTL" help list-checks &&
	has help-list-checks-content "$t_tmp/out" 'list-checks'
usage_error help-nosuch "'nosuch'" "$FIPSCTL" help nosuch
usage_error help-too-many "too many" "$FIPSCTL" help check extra

# --- usage errors -----------------------------------------------------
usage_error no-command "no command" "$FIPSCTL"
usage_error unknown-command "unknown command 'frobnicate'" "$FIPSCTL" frobnicate
usage_error unknown-global-option "unrecognized option '--frob'" "$FIPSCTL" --frob check
usage_error unknown-short-option "invalid option -- 'z'" "$FIPSCTL" -z check
usage_error unknown-check-option "fipsctl check: unrecognized option '--frob'" "$FIPSCTL" check --frob
usage_error unknown-list-option "fipsctl list-checks: unrecognized option '--frob'" "$FIPSCTL" list-checks --frob
usage_error missing-argument "option '--only' requires an argument" "$FIPSCTL" check --only
usage_error stray-argument "unexpected argument 'extra'" "$FIPSCTL" check extra
usage_error bad-format "unknown format 'xml' \(expected .*text.*json" "$FIPSCTL" --format xml check
usage_error bad-format-after "unknown format 'xml'" "$FIPSCTL" check --format=xml
usage_error bad-format-list "unknown format 'yaml'" "$FIPSCTL" list-checks --format yaml
usage_error bad-color "invalid --color value 'sometimes'" "$FIPSCTL" --color sometimes check
usage_error bad-color-after "invalid --color value 'sometimes'" "$FIPSCTL" check --color=sometimes
usage_error only-matches-nothing "--only 'nosuch\.\*' matches no check" "$FIPSCTL" --root "$R" check --only 'nosuch.*'
usage_error bad-probe-timeout "invalid --probe-timeout 'soon'" "$FIPSCTL" check --probe-timeout soon

# --- --root -------------------------------------------------------------
input_error root-missing "$t_tmp/no-such-dir: No such file or directory" "$FIPSCTL" --root "$t_tmp/no-such-dir" check
input_error root-is-file "$R/etc/machine-id: Not a directory" "$FIPSCTL" --root "$R/etc/machine-id" check
# A root has no running system to probe: the library probes are not
# examined, so the verdict is incomplete (exit 4).
expect_rc root-fixture 4 "$FIPSCTL" --root "$R" check &&
	has root-fixture-shown "$t_tmp/out" "^root: $R\$" 'alma92-fips\.example\.com \(almalinux 9\.2, x86_64, kernel 5\.14\.0-284\.11\.1\.el9_2\.tuxcare\.6\.x86_64\)'

# --- global options before and after the command -------------------------
"$FIPSCTL" --root "$R" --format json -q check > "$t_tmp/before" 2>&1
"$FIPSCTL" check --root "$R" --format json -q > "$t_tmp/after" 2>&1
"$FIPSCTL" --root "$R" check --format=json > "$t_tmp/mixed" 2>&1
if python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$t_tmp/before" 2> /dev/null &&
   cmp -s "$t_tmp/before" "$t_tmp/after" && cmp -s "$t_tmp/before" "$t_tmp/mixed"; then
	ok global-options-anywhere
else
	not_ok global-options-anywhere "options before and after 'check' gave different output"
	diff "$t_tmp/before" "$t_tmp/after" | head -10 >&2
fi

# --- --only / --skip -----------------------------------------------------
"$FIPSCTL" --root "$R" check --format json > "$t_tmp/all.json"
"$FIPSCTL" --root "$R" check --format json --only kernel.fips_enabled > "$t_tmp/only.json"
"$FIPSCTL" --root "$R" check --format json --skip kernel.fips_enabled > "$t_tmp/skip.json"
"$FIPSCTL" --root "$R" check --format json --only kernel > "$t_tmp/area.json"
if python3 - "$t_tmp" <<'PY'
import json, sys
d = sys.argv[1]
checks = lambda n: {f["check"] for f in json.load(open(f"{d}/{n}.json"))["findings"]}
all_, only, skip, area = checks("all"), checks("only"), checks("skip"), checks("area")
assert only == {"kernel.fips_enabled"}, only
assert "kernel.fips_enabled" not in skip and skip == all_ - only, (skip, all_)
assert area == {c for c in all_ if c.startswith("kernel.")}, area
PY
then ok only-skip-select
else not_ok only-skip-select "--only/--skip did not select as documented"
fi

# --- list-checks ---------------------------------------------------------
expect_rc list-checks-text 0 "$FIPSCTL" list-checks &&
	has list-checks-text-content "$t_tmp/out" '^kernel\.fips_enabled +Kernel FIPS mode flag$'
cp "$t_tmp/out" "$t_tmp/list.txt"
expect_rc list-checks-verbose 0 "$FIPSCTL" list-checks -v &&
	has list-checks-verbose-content "$t_tmp/out" '^ +requirement: FIPS 140-3'
expect_rc list-checks-json 0 "$FIPSCTL" --format json list-checks
if python3 - "$t_tmp/out" "$t_tmp/list.txt" <<'PY'
import json, sys
checks = json.load(open(sys.argv[1]))
text_ids = [l.split()[0] for l in open(sys.argv[2]) if l.strip()]
assert isinstance(checks, list) and checks
for c in checks:
    assert set(c) == {"id", "area", "title", "requirement", "probe"}, c
    assert c["id"].startswith(c["area"] + "."), c["id"]
    assert c["title"] and c["requirement"], c["id"]
ids = [c["id"] for c in checks]
assert len(ids) == len(set(ids)), "duplicate ids"
assert ids == text_ids, (ids, text_ids)
PY
then ok list-checks-json-content
else not_ok list-checks-json-content "list-checks JSON malformed or differs from the text list"
fi

# --- colour --------------------------------------------------------------
# In a pseudo-terminal ('script' from util-linux) "auto" colours, which
# makes the NO_COLOR and TERM=dumb cases below meaningful.
tty_run() {
	env TERM=xterm "$@" script -qec "$FIPSCTL --root $R check" /dev/null > "$t_tmp/tty" 2>&1
}
if command -v script > /dev/null; then
	tty_run && has color-auto-tty "$t_tmp/tty" "$ESC\\[32mpass"
	tty_run NO_COLOR=1 && lacks color-no-color-env "$t_tmp/tty" "$ESC"
	tty_run TERM=dumb && lacks color-term-dumb "$t_tmp/tty" "$ESC"
	env TERM=xterm script -qec "$FIPSCTL --color=never --root $R check" /dev/null > "$t_tmp/tty" 2>&1
	lacks color-never-tty "$t_tmp/tty" "$ESC"
else
	skip color-auto-tty "no 'script' command to make a pseudo-terminal"
fi
"$FIPSCTL" --root "$R" check > "$t_tmp/pipe" 2>&1
lacks color-auto-pipe "$t_tmp/pipe" "$ESC"
"$FIPSCTL" --color=always --root "$R" check > "$t_tmp/always" 2>&1
has color-always "$t_tmp/always" "$ESC\\[32mpass +$ESC\\[0m"
NO_COLOR=1 "$FIPSCTL" --color always --root "$R_OFF" check > "$t_tmp/always" 2>&1
has color-always-beats-no-color "$t_tmp/always" "$ESC\\[1;31mfail"
"$FIPSCTL" --color=always --root "$R" check --format json > "$t_tmp/json" 2>&1
lacks color-never-in-json "$t_tmp/json" "$ESC"

# --- a failed write is never success (exit 3, with a message) ------------
full_write() {
	local name=$1; shift
	"$@" > /dev/full 2> "$t_tmp/err"
	local rc=$?
	if [ $rc -eq 3 ] && grep -q 'fipsctl: .*No space left on device' "$t_tmp/err"; then
		ok "$name"
	else
		not_ok "$name" "exit $rc (expected 3 and an error on stderr): $*"
		sed 's/^/    stderr: /' "$t_tmp/err" >&2
	fi
}
full_write dev-full-check-text "$FIPSCTL" --root "$R" check
full_write dev-full-check-json "$FIPSCTL" --root "$R" check --format json
full_write dev-full-failing-check "$FIPSCTL" --root "$R_OFF" check
full_write dev-full-list-checks "$FIPSCTL" list-checks
full_write dev-full-help "$FIPSCTL" --help
full_write dev-full-version "$FIPSCTL" --version
"$FIPSCTL" --root "$R" check >&- 2> "$t_tmp/err"
rc=$?
if [ $rc -eq 3 ] && [ -s "$t_tmp/err" ]; then
	ok closed-stdout
else
	not_ok closed-stdout "exit $rc with stdout closed (expected 3 and a message)"
fi

# --- -q and -v -----------------------------------------------------------
"$FIPSCTL" --root "$R" check > "$t_tmp/normal"
"$FIPSCTL" --root "$R" -q check > "$t_tmp/quiet"
has quiet-control "$t_tmp/normal" '^pass +kernel\.fips_enabled'
lacks quiet-hides-pass "$t_tmp/quiet" '^pass '
has quiet-keeps-verdict "$t_tmp/quiet" 'passed, .* failed, .*: INCOMPLETE$'
"$FIPSCTL" --root "$R_OFF" check -q > "$t_tmp/quiet"
has quiet-shows-fail "$t_tmp/quiet" '^fail +kernel\.fips_enabled' 'fix: '
"$FIPSCTL" --root "$R" check -v > "$t_tmp/verbose"
has verbose-facts "$t_tmp/verbose" '^ +fips_enabled = 1$' '^ +fips_name = AlmaLinux 9 - Kernel Cryptographic API$'
"$FIPSCTL" --root "$R" check -vv > "$t_tmp/verbose"
has verbose2-requirement "$t_tmp/verbose" '^ +requirement: FIPS 140-3'


# --- every command and verb answers -h and --help ------------------------
# The commands come from 'fipsctl --help', the verbs of each from its own
# help (its list of "  VERB  text" lines, each also in a usage line
# "... COMMAND VERB"), so that a new command or verb is covered without
# touching this file.  Help goes to stdout, exit 0, and names what it is
# for; it stops the command before it verifies or runs anything.
"$FIPSCTL" --help > "$t_tmp/usage"
cmds=$(sed -n '/^Commands:$/,/^$/ s/^  \([a-z][a-z-]*\) .*/\1/p' "$t_tmp/usage")
n_cmds=0 n_verbs=0
# help_opt NAME WORDS...: -h and --help after WORDS (a command, or a
# command and a verb) print the help naming WORDS, the same as
# 'fipsctl help WORDS'.
help_opt() {
	local name=$1 h; shift
	"$FIPSCTL" help "$@" > "$t_tmp/help-cmd" 2> "$t_tmp/err"
	for h in --help -h; do
		expect_rc "$name$h" 0 "$FIPSCTL" "$@" "$h" || continue
		if [ ! -s "$t_tmp/out" ] || ! grep -qF -- "$*" "$t_tmp/out"; then
			not_ok "$name$h-content" "'fipsctl $* $h' printed no help naming '$*'"
			head -5 "$t_tmp/out" | sed 's/^/    | /' >&2
		elif ! cmp -s "$t_tmp/out" "$t_tmp/help-cmd"; then
			not_ok "$name$h-content" "'fipsctl $* $h' differs from 'fipsctl help $*'"
			diff "$t_tmp/help-cmd" "$t_tmp/out" | head -10 | sed 's/^/    /' >&2
		elif [ -s "$t_tmp/err" ]; then
			not_ok "$name$h-content" "'fipsctl $* $h' wrote on stderr"
		else
			ok "$name$h-content"
		fi
	done
}
for c in $cmds; do
	n_cmds=$((n_cmds + 1))
	help_opt "help-opt-$c" "$c"
	"$FIPSCTL" help "$c" > "$t_tmp/cmd-help"
	verbs=$(sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' "$t_tmp/cmd-help")
	[ -n "$verbs" ] || continue
	for v in $verbs; do
		n_verbs=$((n_verbs + 1))
		if grep -Eq "^(Usage: |       )fipsctl (.* )?$c $v( |\$)" "$t_tmp/cmd-help"; then
			ok "verb-usage-$c-$v"
		else
			not_ok "verb-usage-$c-$v" "'fipsctl help $c' lists '$v' but has no usage line for it"
		fi
		help_opt "help-opt-$c-$v" "$c" "$v"
		expect_rc "help-$c-$v" 0 "$FIPSCTL" help "$c" "$v" &&
			has "help-$c-$v-content" "$t_tmp/out" "fipsctl .*$c $v" '^Exit status:'
	done
	# An unknown verb, or none: exit 2, and the message names every verb.
	for args in "$c no-such-verb" "$c" "help $c no-such-verb"; do
		name=verb-unknown-${args// /-}
		# shellcheck disable=SC2086 # words on purpose
		usage_error "$name" "(unknown verb 'no-such-verb'|no verb given)" "$FIPSCTL" $args || continue
		missing=
		for v in $verbs; do
			grep -Eq "[(, ]$v([,)]| or )" "$t_tmp/err" || missing="$missing $v"
		done
		if [ -z "$missing" ]; then
			ok "$name-names-verbs"
		else
			not_ok "$name-names-verbs" "the message does not name the verbs:$missing"
			sed 's/^/    | /' "$t_tmp/err" >&2
		fi
	done
done
# The enumeration itself must find something, or the cases above prove nothing.
if [ "$n_cmds" -ge 6 ] && [ "$n_verbs" -ge 7 ]; then
	ok "help-opt-enumerated"
else
	not_ok "help-opt-enumerated" "found $n_cmds commands and $n_verbs verbs in the help texts (expected at least 6 and 7)"
fi
# Help stops before the command verifies its options or touches anything.
expect_rc help-opt-before-verify 0 "$FIPSCTL" --format xml --root "$t_tmp/no-such-dir" check --only 'nosuch.*' --help
expect_rc help-opt-no-pin 0 "$FIPSCTL" --root "$R" pin-kernel --yes --kernel 5.14.0-1.el9.x86_64 -h &&
	has help-opt-no-pin-content "$t_tmp/out" '^Usage: .*pin-kernel'
expect_rc help-opt-after-args 0 "$FIPSCTL" policy show rhel-9 --help &&
	has help-opt-after-args-content "$t_tmp/out" '^Usage: .*policy show'
usage_error help-opt-bad-option-first "fipsctl check: unrecognized option '--frob'" "$FIPSCTL" check --frob --help
full_write dev-full-verb-help "$FIPSCTL" evidence export --help
usage_error help-verb-too-many "too many" "$FIPSCTL" help evidence export extra

t_done
