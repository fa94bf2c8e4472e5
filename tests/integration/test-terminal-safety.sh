#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bytes from the audited system reach no terminal raw: a root whose
# hostname, os-release, kernel release and a BLS file name hold ESC
# sequences, a C1 CSI and bidirectional overrides, through every text
# output that shows them (check, evidence show, evidence summarize text
# and CSV, evidence verify, and the diagnostics on stderr), must give
# output without ESC, C1 controls or bidi characters; the CSV cell that
# starts with '=' is neutralised.
. "$(dirname "$0")/../lib.sh"

F=$FIPSCTL
W=$t_tmp/w
mkdir -p "$W"
R=$W/root
"$TOP/tests/cases/mkroot.sh" boot/good "$R" 2> "$t_tmp/mkroot.err" || {
	not_ok terminal-root "tests/cases/mkroot.sh boot/good failed"; cat "$t_tmp/mkroot.err" >&2; t_done; exit; }
ESC=$'\033'
# A host line that clears the screen and prints a passing table, and a
# right-to-left override that reverses what follows it.
mkdir -p "$R/proc/sys/kernel"
printf '=HYPERLINK("http://x")%s[2J%s[1;1Hpass%s]0;title%s\\\n' "$ESC" "$ESC" "$ESC" "$ESC" > "$R/proc/sys/kernel/hostname"
printf '5.14.0-284.11.1.el9_2.x86_64\xe2\x80\xaeevil\xc2\x9b31m\n' > "$R/proc/sys/kernel/osrelease"
printf 'ID=alma%s[31mlinux\nVERSION_ID="9.2\xe2\x81\xa6"\nNAME=x\n' "$ESC" > "$R/etc/os-release"
for f in "$R"/boot/loader/entries/*-0-rescue.conf; do
	mv "$f" "${f%.conf}"$'\033[8m'.conf
done

# raw NAME FILE: FILE holds no ESC, C1 control (as UTF-8) or bidi character.
raw() {
	if LC_ALL=C grep -qP '\x1b|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$2"; then
		not_ok "$1" "raw control or bidi bytes on stdout: $(LC_ALL=C grep -aP '\x1b|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$2" | head -2 | od -c | head -5)"
	else
		ok "$1"
	fi
}

"$F" --root "$R" check > "$W/check.txt" 2>&1
raw check-text "$W/check.txt"
if grep -qF '\x1B[2J' "$W/check.txt"; then ok check-text-shows-escape; else not_ok check-text-shows-escape; fi
"$F" --root "$R" check -v --color never > "$W/check-v.txt" 2>&1
raw check-text-verbose "$W/check-v.txt"
"$F" --root "$R" check -v --color always > "$W/check-c.txt" 2>&1
# --color always writes its own SGR codes: only those may appear.
sed 's/\x1b\[\(32\|33\|2\|1;31\|0\)m//g' "$W/check-c.txt" > "$W/check-c-stripped.txt"
raw check-text-color "$W/check-c-stripped.txt"

"$F" --root "$R" evidence export -o "$W/b.tar.gz" -q > /dev/null 2>&1
"$F" evidence show "$W/b.tar.gz" > "$W/show.txt" 2>&1
raw evidence-show-text "$W/show.txt"
"$F" evidence verify "$W/b.tar.gz" > "$W/verify.txt" 2>&1
raw evidence-verify-text "$W/verify.txt"
cp "$W/b.tar.gz" "$W/x"$'\033'"[2Jy.tar.gz"
"$F" evidence summarize "$W/b.tar.gz" "$W/x"$'\033'"[2Jy.tar.gz" > "$W/sum.txt" 2>&1
raw evidence-summarize-text "$W/sum.txt"
"$F" evidence summarize --format csv "$W/b.tar.gz" > "$W/sum.csv" 2>&1
raw evidence-summarize-csv "$W/sum.csv"
if grep -q '"=HYPERLINK' "$W/sum.csv"; then
	not_ok evidence-summarize-csv-formula "a cell starts with '=': $(grep -o '"=HYPERLINK[^,]*' "$W/sum.csv")"
elif grep -q "\"'=HYPERLINK" "$W/sum.csv"; then
	ok evidence-summarize-csv-formula
else
	not_ok evidence-summarize-csv-formula "the hostname cell is missing: $(head -3 "$W/sum.csv")"
fi

# Diagnostics too (stderr is the same terminal): a table whose folder name
# holds ESC sequences, as a mounted image's or a copied table's may, and
# an error that names it.
D=$W/tables$'\033[2J\033[1;1H'
mkdir -p "$D"
printf '{"format": \n' > "$D/t.json"
"$F" policy lint "$D/t.json" > "$W/lint.txt" 2>&1
raw policy-lint-error "$W/lint.txt"
if grep -qF 'tables\x1B[2J' "$W/lint.txt"; then ok policy-lint-error-names-file; else not_ok policy-lint-error-names-file "$(head -2 "$W/lint.txt")"; fi
# An error message (fc_err) that names such a path.
"$F" evidence verify "$D/none.tar.gz" > "$W/err.txt" 2>&1
raw error-message "$W/err.txt"
# Table text (policy show, policy list): a table whose title clears the
# screen and reverses what follows.
mkdir -p "$W/pol"
sed '0,/"title": "/s//"title": "\\u001b[2J\\u001b[1;1Hall validated \\u202e/' \
	"$TOP/policies/rhel-9.json" > "$W/pol/rhel-9.json"
cp "$TOP/policies/cmvp-certificates.json" "$TOP/policies/signing-keys.json" "$W/pol/"
"$F" policy show "$W/pol/rhel-9.json" > "$W/pshow.txt" 2>&1
raw policy-show-text "$W/pshow.txt"
if grep -qF 'title: \x1B[2J' "$W/pshow.txt"; then ok policy-show-shows-escape; else not_ok policy-show-shows-escape "$(grep title "$W/pshow.txt" | head -1)"; fi
FIPSCTL_POLICY_DIR=$W/pol "$F" policy list > "$W/plist.txt" 2>&1
raw policy-list-text "$W/plist.txt"
if grep -qF 'validated \u202E' "$W/plist.txt"; then ok policy-list-shows-escape; else not_ok policy-list-shows-escape "$(head -2 "$W/plist.txt")"; fi
t_done
