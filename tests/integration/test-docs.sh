#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The documentation says what the code does:
#  - README's example outputs are what fipsctl prints on examples/ today
#    (each block follows a '<!-- example: ARGS -->' line; UPDATE_GOLDEN=1
#    rewrites them, then review 'git diff README.md');
#  - README's exit codes are the ones 'fipsctl --help' lists;
#  - .ci/run runs README's test command, verbatim;
#  - HACKING.md names every FIPSCTL_* variable the code and tests read,
#    and the other debug variables.
. "$(dirname "$0")/../lib.sh"

readme=$TOP/README.md hacking=$TOP/HACKING.md

# --- example outputs ------------------------------------------------------
python3 - "$readme" "$FIPSCTL" "$TOP" "${UPDATE_GOLDEN:-}" <<'PY'
import difflib, os, re, shlex, subprocess, sys

readme, fipsctl, top, update = sys.argv[1:5]
lines = open(readme).read().split("\n")
out, i, n = [], 0, 0
while i < len(lines):
    m = re.fullmatch(r"<!-- example: (.*) -->", lines[i])
    out.append(lines[i])
    i += 1
    if not m:
        continue
    n += 1
    args = m.group(1)
    name = "readme-example-" + re.sub(r"[^a-z0-9.]+", "-", args.lower()).strip("-")
    if i >= len(lines) or not lines[i].startswith("```"):
        print(f"not ok {name}")
        print("  no code block after the example marker", file=sys.stderr)
        continue
    end = lines.index("```", i + 1)
    have = lines[i + 1:end]
    res = subprocess.run([fipsctl] + shlex.split(args), cwd=top,
                         capture_output=True, text=True)
    # A probe helper shows the absolute root it was given (librpm needs
    # one): made relative like the rest, the checkout's place is no part
    # of the example.
    shown = res.stdout.replace(os.path.realpath(top) + "/", "")
    want = [f"$ fipsctl {args}"] + shown.rstrip("\n").split("\n")
    if update:
        out += [lines[i]] + want + ["```"]
        print(f"ok {name} (rewritten: review 'git diff README.md')")
    elif have == want:
        out += lines[i:end + 1]
        print(f"ok {name}")
    else:
        out += lines[i:end + 1]
        print(f"not ok {name}")
        print("  README.md differs from the real output (after review: UPDATE_GOLDEN=1):", file=sys.stderr)
        for d in list(difflib.unified_diff(have, want, "README.md", "fipsctl", lineterm=""))[:60]:
            print("    " + d, file=sys.stderr)
    i = end + 1
if n == 0:
    print("not ok readme-examples\n  README.md has no '<!-- example: ARGS -->' blocks")
if update:
    open(readme, "w").write("\n".join(out))
PY

# --- exit codes -----------------------------------------------------------
"$FIPSCTL" --help > "$t_tmp/help"
codes=$(sed -n '/^Exit status:/,/^$/ s/^  \([0-9]\)  \(.*\)$/\1|\2/p' "$t_tmp/help")
if [ "$(wc -l <<< "$codes")" -ne 5 ]; then
	not_ok readme-exit-codes "cannot find five exit codes in 'fipsctl --help'"
else
	missing=
	while IFS='|' read -r code text; do
		grep -qF "| $code | $text |" "$readme" || missing+=" $code"
	done <<< "$codes"
	if [ -z "$missing" ]; then
		ok readme-exit-codes
	else
		not_ok readme-exit-codes "README.md lacks the row '| N | <text from fipsctl --help> |' for:$missing"
	fi
fi

# --- the test command -----------------------------------------------------
cmd=$(sed -n '/^<!-- test-command -->$/,/^```$/ { /^```/d; /^<!--/d; p }' "$readme")
if [ -z "$cmd" ] || [ "$(wc -l <<< "$cmd")" -ne 1 ]; then
	not_ok ci-runs-readme-command "README.md needs one command line after '<!-- test-command -->'"
elif grep -qxF -e "$cmd" -e "$cmd || exit" "$TOP/.ci/run"; then
	ok ci-runs-readme-command
else
	not_ok ci-runs-readme-command ".ci/run does not run README's test command: $cmd"
fi

# --- HACKING.md -----------------------------------------------------------
vars=$( (grep -rhoE '\bFIPSCTL_[A-Z_]*[A-Z]\b' "$TOP/src" "$TOP/checks" \
	"$TOP/tests" --include='*.c' --include='*.h' --include='*.sh' 2> /dev/null
	echo SOURCE_DATE_EPOCH; echo NO_COLOR; echo TESTS; echo UPDATE_GOLDEN) | sort -u)
missing=
for v in $vars; do
	grep -qw -- "$v" "$hacking" || missing+=" $v"
done
if [ -z "$missing" ]; then
	ok hacking-env-vars
else
	not_ok hacking-env-vars "HACKING.md does not explain:$missing"
fi

t_done
