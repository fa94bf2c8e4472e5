#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# test-cases.sh [GLOB...]: every fixture case, or those whose AREA/CASE or
# AREA matches a GLOB (or $CASES, which tests/run-tests.sh sets from TESTS).
#
# A case is a directory tests/cases/AREA/CASE/, AREA the check area it is
# about (kernel, boot, crypto-policy, validated; 'all' for whole-host
# cases that run every check), holding
#   mkroot       the bash fragment that builds its root (tests/cases/mkroot.sh)
#   expect       what fipsctl must report on that root, written by hand
#   report.json  (some cases) the whole JSON report of the first run,
#                compared byte for byte ("root" and paths normalized)
# A run is 'fipsctl --root ROOT ARGS --format json', ARGS 'check' unless an
# 'args' row says otherwise.  The rows of 'expect', one assertion each ('#'
# starts a comment):
#   args [VAR=VALUE...] ARG...
#                          start a run with this environment and these
#                          arguments (shell words; @TOP@ is the checkout);
#                          the rows below belong to it
#   exit N                 its exact exit status, and nothing on stderr
#                          (every run has one)
#   CHECK-GLOB STATUSES [ERE]
#                          every finding of CHECK-GLOB (its "check"; exactly
#                          one for a plain id) has one of STATUSES ("pass",
#                          "warn|fail"; "skip" is a skip of either kind,
#                          "skip:not-applicable" and "skip:not-examined" one
#                          of that kind) and its JSON text matches ERE
#   CHECK-GLOB STATUSES WHAT OP [VALUE]
#                          ... and WHAT (summary, remediation or fact:KEY)
#                          'is' VALUE, 'matches' the regular expression
#                          VALUE, 'contains' VALUE, or is 'absent'
#   @KEY OP [VALUE]        the report's summary.KEY (@fips_mode_setup, @verdict,
#                          @not_examined: numbers as decimal text), as above
#   text OP VALUE          the text report of the same run is, matches or
#                          contains VALUE
#   text shows CHECK-GLOB  the text report shows the summary of every finding
#                          of CHECK-GLOB, and its fix unless pass or skip
#   max-ms N               the run takes less than N milliseconds
#   no-host-data           no line of this host's /etc/passwd, /etc/shadow or
#                          /etc/group appears in the report
# VALUE is the rest of the line, or a JSON string ("...") when it has blanks
# at either end.  Regular expressions are Python's, searched (re.search,
# multi-line).  A row naming a check 'fipsctl list-checks' does not know
# fails.  Besides the rows, every finding of the case's area (every
# finding, for 'all') must be named by some row, unless report.json holds
# the whole report: nothing in the report goes unread.  Every run also
# checks that each skip says its kind (and nothing else has one).
#
#   UPDATE_GOLDEN=1 tests/run-tests.sh   rewrites report.json (never 'expect',
#                                        which is the hand-written contract)
. "$(dirname "$0")/../lib.sh"

if ! command -v python3 > /dev/null; then
	skip test-cases "python3 is not installed (tests/deps.sh)"
	exit 0
fi
if [ $# -eq 0 ] && [ -n "${CASES:-}" ]; then
	set -f
	# shellcheck disable=SC2086
	set -- $CASES
	set +f
fi
export TOP FIPSCTL
python3 "$TOP/tests/cases/lib/expect.py" "$@"
