#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Text that auditors read (requirements and summaries in the text, JSON,
# JUnit and OSCAL reports and in evidence bundles) cites the standard, the
# implementation guidance or the vendor's document, never one of our own
# tickets: nothing of it may match "[Ii]ssue [0-9]".
. "$(dirname "$0")/../lib.sh"

ticket='[Ii]ssue [0-9]'

# Every check's requirement, as 'list-checks' gives it.
if "$FIPSCTL" list-checks --format json > "$t_tmp/checks.json"; then
	if python3 - "$t_tmp/checks.json" "$ticket" <<'PY'
import json, re, sys
checks = json.load(open(sys.argv[1]))
bad = [c["id"] for c in checks
       if re.search(sys.argv[2], c["requirement"] + " " + c["title"])]
if bad:
    print("requirements naming a ticket: " + ", ".join(bad), file=sys.stderr)
    sys.exit(1)
if len(checks) < 20:
    print("only %d checks listed" % len(checks), file=sys.stderr)
    sys.exit(1)
PY
	then ok "requirements cite sources ($(grep -c '"id"' "$t_tmp/checks.json") checks)"
	else not_ok "requirements cite sources"; fi
else
	not_ok "requirements cite sources" "fipsctl list-checks --format json failed"
fi

# Requirements, summaries and remedies in every expected report and in the
# string literals the checks and probe helpers build findings from.
hits=$(cd "$TOP" && grep -rnE "\"(requirement|summary|remediation)\": \"[^\"]*$ticket" \
	tests/cases | head -5)
if [ -z "$hits" ]; then ok "expected reports name no ticket"
else not_ok "expected reports name no ticket" "$hits"; fi

hits=$(cd "$TOP" && grep -rnE "\"[^\"]*$ticket" checks helpers src | head -5)
if [ -z "$hits" ]; then ok "string literals of checks and helpers name no ticket"
else not_ok "string literals of checks and helpers name no ticket" "$hits"; fi

# The check would be useless if the pattern never matched.
if printf '%s\n' '"summary": "see Issue 4"' | grep -qE "\"summary\": \"[^\"]*$ticket"; then
	ok "the ticket pattern matches a ticket"
else
	not_ok "the ticket pattern matches a ticket"
fi

t_done
