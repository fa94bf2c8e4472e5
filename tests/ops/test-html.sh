#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# --format html for check, evidence show and evidence summarize, opened in
# a real browser: headless Chromium renders each file to its DOM (and
# check's to a PNG), and the tests read what it made of it: the verdict
# banner, one row per finding (per bundle in the summary, each linked to
# its host's section), the module table, and that a "<script>" planted in
# the fixture's files (the crypto policy, os-release) is text on the page
# and never ran.  A copy with the escaping undone shows that the same
# assertions catch a script that runs.  The files hold nothing from
# elsewhere (no src=, href= or url() outside the page).
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/evidence/lib-evidence.sh"

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	skip html-browser "chromium is not installed (tests/deps.sh: chromium)"
	t_done
	exit
fi
# browser --dump-dom|--screenshot=PNG|... FILE: one headless run, nothing
# fetched or kept (an empty profile each time).
browser() {
	local profile
	profile=$(mktemp -d "$t_tmp/profile.XXXXXX")
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" --window-size=1280,2000 "$@" 2> "$t_tmp/browser.err"
}

F=$FIPSCTL
W=$t_tmp/w
mkdir -p "$W"
ev_roots el92-fips fips-disabled || { not_ok html-roots "tests/cases/mkroot.sh failed"; t_done; exit; }
# The hostile host: el92-fips with markup in files fipsctl reads and
# quotes (its crypto policy name, its PRETTY_NAME).
cp -a "$EVROOTS/el92-fips" "$W/hostile"
printf '<script>document.title="INJECTED";document.documentElement.setAttribute("data-injected","1")</script>FIPS\n' \
	> "$W/hostile/etc/crypto-policies/config"
sed -i 's|^PRETTY_NAME=.*|PRETTY_NAME="AlmaLinux <img src=x onerror=document.title=1> 9.2"|' "$W/hostile/etc/os-release"

# dom_checks NAME DOM VERDICT ROWS: the verdict banner, the finding rows,
# no script element, the planted markup shown as text.
dom_checks() {
	local name=$1 dom=$2 verdict=$3 rows=$4
	if python3 - "$dom" "$verdict" "$rows" << 'EOF' 2> "$t_tmp/py.err"; then ok "$name"; else not_ok "$name" "$(cat "$t_tmp/py.err")"; fi
import sys
from html.parser import HTMLParser
dom, verdict, rows = open(sys.argv[1]).read(), sys.argv[2], int(sys.argv[3])
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.tags = []; s.title = ""; s.in_title = False; s.text = []
    def handle_starttag(s, t, a):
        s.tags.append((t, dict(a))); s.in_title = t == "title"
    def handle_endtag(s, t):
        s.in_title = False
    def handle_data(s, d):
        s.text.append(d)
        if s.in_title: s.title += d
p = P(); p.feed(dom)
banner = [a for t, a in p.tags if a.get("id") == "verdict"]
assert banner and banner[0].get("data-verdict") == verdict, banner
finding_rows = [a for t, a in p.tags if t == "tr" and "finding" in a.get("class", "").split()]
assert len(finding_rows) == rows, (len(finding_rows), rows)
assert not [t for t, a in p.tags if t in ("script", "img", "iframe", "object", "link")], "active or external element"
assert not [a for t, a in p.tags if "data-injected" in a], "the planted script ran"
assert "INJECTED" not in p.title and p.title.startswith("fipsctl report"), p.title
text = "".join(p.text)
assert '<script>document.title="INJECTED"' in text, "the planted script is not shown as text"
assert "<img src=x onerror" in text
assert any(a.get("id") == "modules" for t, a in p.tags), "no module table"
EOF
}

# --- check ----------------------------------------------------------------------
"$F" --root "$W/hostile" check --format json > "$W/hostile.json"
rows=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$W/hostile.json")
expect_rc html-check 1 "$F" --root "$W/hostile" check --format html
cp "$t_tmp/out" "$W/check.html"
if grep -Eq '(src|href)="[a-z]+:|url\(|@import' "$W/check.html"; then
	not_ok html-self-contained "$(grep -Eo '(src|href)="[a-z]+:[^"]*|url\([^)]*\)|@import' "$W/check.html" | head -3)"
else
	ok html-self-contained
fi
if browser --dump-dom "file://$W/check.html" > "$W/check.dom" && [ -s "$W/check.dom" ]; then
	dom_checks html-check-dom "$W/check.dom" fail "$rows"
else
	not_ok html-check-dom "chromium failed: $(tail -3 "$t_tmp/browser.err")"
fi
if browser --screenshot="$W/check.png" "file://$W/check.html" > /dev/null &&
	[ "$(head -c 8 "$W/check.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
	[ "$(stat -c %s "$W/check.png")" -gt 20000 ]; then
	ok html-check-png
else
	not_ok html-check-png "no PNG from chromium: $(tail -3 "$t_tmp/browser.err")"
fi
# The same page with the escaping of the planted <img onerror=...> undone
# (and the CSP taken out): there the handler runs and sets the title,
# which the DOM checks would see.
sed -e 's/&lt;img\([^&]*\)&gt;/<img\1>/g' -e '/Content-Security-Policy/d' "$W/check.html" > "$W/unsafe.html"
browser --virtual-time-budget=3000 --dump-dom "file://$W/unsafe.html" > "$W/unsafe.dom"
if grep -q '<title>1</title>' "$W/unsafe.dom"; then
	ok html-unescaped-control-runs
else
	not_ok html-unescaped-control-runs "the unescaped copy's handler did not run: $(grep -o '<title>[^<]*' "$W/unsafe.dom")"
fi

# --- evidence show and summarize ---------------------------------------------------
for s in hostile fips-disabled el92-fips; do
	root=$W/hostile
	[ "$s" = hostile ] || root=$EVROOTS/$s
	"$F" --root "$root" evidence export -o "$W/$s.tar.gz" -q > /dev/null 2>&1
done
expect_rc html-show 1 "$F" --format html evidence show "$W/hostile.tar.gz"
cp "$t_tmp/out" "$W/show.html"
if browser --dump-dom "file://$W/show.html" > "$W/show.dom" && [ -s "$W/show.dom" ]; then
	dom_checks html-show-dom "$W/show.dom" fail "$rows"
	grep -q 'evidence bundle' "$W/show.dom" && ok html-show-bundle-id || not_ok html-show-bundle-id
else
	not_ok html-show-dom "chromium failed: $(tail -3 "$t_tmp/browser.err")"
fi

bundles=("$W/el92-fips.tar.gz" "$W/fips-disabled.tar.gz" "$W/hostile.tar.gz" "$W/none.tar.gz")
expect_rc html-summarize 1 "$F" --format html evidence summarize "${bundles[@]}"
cp "$t_tmp/out" "$W/summary.html"
if browser --dump-dom "file://$W/summary.html" > "$W/summary.dom" && [ -s "$W/summary.dom" ]; then
	if python3 - "$W/summary.dom" << 'EOF' 2> "$t_tmp/py.err"; then ok html-summarize-dom; else not_ok html-summarize-dom "$(cat "$t_tmp/py.err")"; fi
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.tags = []; s.text = []
    def handle_starttag(s, t, a): s.tags.append((t, dict(a)))
    def handle_data(s, d): s.text.append(d)
p = P(); p.feed(open(sys.argv[1]).read())
rows = [a for t, a in p.tags if t == "tr" and "host" in a.get("class", "").split()]
assert len(rows) == 4, len(rows)
links = [a["href"] for t, a in p.tags if t == "a" and a.get("href", "").startswith("#host-")]
sections = {a["id"] for t, a in p.tags if t == "section" and a.get("id", "").startswith("host-")}
assert links == ["#host-%d" % i for i in (1, 2, 3, 4)], links
assert sections == {l[1:] for l in links}, sections
assert [r["class"] for r in rows] == ["host v-incomplete", "host v-fail", "host v-fail", "host v-error"], rows
assert not [t for t, a in p.tags if t in ("script", "img")], "active element"
text = "".join(p.text)
assert "4 bundles: 0 verified and passing, 4 not" in text, text[-300:]
assert '<script>document.title="INJECTED"' in text
EOF
else
	not_ok html-summarize-dom "chromium failed: $(tail -3 "$t_tmp/browser.err")"
fi
t_done
