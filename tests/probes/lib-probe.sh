# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the probe tier (sourced after tests/lib.sh): run fipsctl with
# --format json and assert on its findings with jq.
#
#   report_run [ENV=VAL...] -- ARGS...   run "$FIPSCTL --format json ARGS",
#                          report in $t_tmp/report.json, exit status in $rc
#   only_run GLOB [ENV=VAL...] -- ARGS   report_run check --only GLOB ARGS
#   case_begin NAME ... case_end         collect assertions; one ok/not ok
#   want_status ID STATUS                finding ID has STATUS
#   want_fact ID KEY VALUE               fact KEY of finding ID equals VALUE
#   want_match ID FIELD ERE              .FIELD (summary, remediation) matches
#   want_fact_match ID KEY ERE           fact KEY of finding ID matches
#   want_eq WHAT GOT WANT                plain comparison
# Assertions only record; case_end prints the verdict with every mismatch.

need_tools() { # NAME TOOL...: skip NAME (and return 1) unless all exist
	local name=$1 t; shift
	for t in "$@"; do
		if ! command -v "$t" > /dev/null 2>&1; then
			skip "$name" "$t not found (tests/setup/05-probe-tools.sh installs it)"
			return 1
		fi
	done
}

report_run() {
	local envs=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	env "${envs[@]}" "$FIPSCTL" --format json "$@" > "$t_tmp/report.json" 2> "$t_tmp/report.err"
	rc=$?
}

# only_run GLOB [ENV=VAL...] -- ARGS...: report_run of "check --only GLOB ARGS".
only_run() {
	local glob=$1 envs=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	report_run "${envs[@]}" -- check --only "$glob" "$@"
}

# need_helper NAME PROBE: not ok NAME (and return 1) unless the probe
# helper fipsctl-probe-PROBE was built.
need_helper() {
	[ -x "$FIPSCTL_PROBE_DIR/fipsctl-probe-$2" ] && return 0
	not_ok "$1" "no probe helper at $FIPSCTL_PROBE_DIR/fipsctl-probe-$2 (run make)"
	return 1
}

# jq over the last report; prints nothing for a missing finding or fact.
finding() { jq -r --arg id "$1" ".findings[] | select(.id == \$id) | $2 // empty" "$t_tmp/report.json" 2> /dev/null; }
fact() { jq -r --arg id "$1" --arg k "$2" '.findings[] | select(.id == $id) | .facts[]? | select(.key == $k) | .value' "$t_tmp/report.json" 2> /dev/null; }
ids() { jq -r --arg g "$1" '.findings[] | select(.id | test($g)) | .id' "$t_tmp/report.json" 2> /dev/null | tr '\n' ' ' | sed 's/ $//'; }

# flip_byte FILE OFFSET: invert one byte in place; fails unless exactly
# that byte changed.
flip_byte() {
	local f=$1 off=$2 b
	b=$(od -An -tu1 -j "$off" -N1 "$f" | tr -d ' ')
	[ -n "$b" ] || return 1
	cp "$f" "$f.orig" || return 1
	printf "\\$(printf '%03o' $((b ^ 0xff)))" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
	[ "$(cmp -l "$f.orig" "$f" | wc -l)" -eq 1 ] && rm -f "$f.orig"
}

# section_offset FILE SECTION: file offset (decimal) of an ELF section.
section_offset() {
	local off
	off=$(readelf -SW "$1" | awk -v s="$2" '{ for (i = 1; i < NF; i++) if ($i == s) { print $(i + 3); exit } }')
	[ -n "$off" ] && echo $((16#$off))
}

# symbol_offset FILE SYMBOL: file offset (decimal) of a function defined
# in FILE's .text.
symbol_offset() {
	local vaddr addr off
	vaddr=$(readelf -Ws "$1" | awk -v s="$2" '$7 != "UND" && ($8 == s || index($8, s "@") == 1) { print $2; exit }')
	read -r addr off < <(readelf -SW "$1" | awk '{ for (i = 1; i < NF; i++) if ($i == ".text") { print $(i + 2), $(i + 3); exit } }')
	[ -n "$vaddr" ] && [ -n "$addr" ] && [ -n "$off" ] && echo $((16#$vaddr - 16#$addr + 16#$off))
}

case_begin() { c_name=$1 c_errs=""; }
c_err() { c_errs+="    $*"$'\n'; }
want_eq() { [ "$2" = "$3" ] || c_err "$1: got '$2', want '$3'"; }
want_status() { want_eq "$1 status" "$(finding "$1" .status)" "$2"; }
want_fact() { want_eq "$1 fact $2" "$(fact "$1" "$2")" "$3"; }
want_match() {
	local got; got=$(finding "$1" ".$2")
	[[ $got =~ $3 ]] || c_err "$1 $2: '$got' does not match /$3/"
}
want_fact_match() { # ID KEY ERE
	local got; got=$(fact "$1" "$2")
	[[ $got =~ $3 ]] || c_err "$1 fact $2: '$got' does not match /$3/"
}
# The documented exit status: 1 when any finding failed or errored.
# The exit status says the report's verdict: 1 fail (a fail or an error),
# 4 incomplete (a skip of kind not-examined), 0 pass; and summary.verdict
# says the same word.
want_rc_consistent() {
	local bad ne verdict
	bad=$(jq -r '[.findings[].status] | map(select(. == "fail" or . == "error")) | length' "$t_tmp/report.json" 2> /dev/null)
	ne=$(jq -r '[.findings[] | select(.status == "skip" and .skip_kind != "not-applicable")] | length' "$t_tmp/report.json" 2> /dev/null)
	verdict=$(jq -r '.summary.verdict' "$t_tmp/report.json" 2> /dev/null)
	if [ "${bad:-0}" -gt 0 ]; then
		want_eq "exit status" "$rc" 1
		want_eq "summary.verdict" "$verdict" fail
	elif [ "${ne:-0}" -gt 0 ]; then
		want_eq "exit status" "$rc" 4
		want_eq "summary.verdict" "$verdict" incomplete
	else
		want_eq "exit status" "$rc" 0
		want_eq "summary.verdict" "$verdict" pass
	fi
}
case_end() {
	if [ -z "$c_errs" ]; then ok "$c_name"; return 0; fi
	not_ok "$c_name" "$(printf '%s' "$c_errs" | sed '1s/^ *//')"
	sed 's/^/    stderr: /' "$t_tmp/report.err" | head -5 >&2
}
