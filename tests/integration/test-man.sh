#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The manual pages (man/*.in, built into $BUILD/man/ by make):
#  - one page per command 'fipsctl --help' lists, and no page for a
#    command that is not there; fipsctl(8) refers to each;
#  - 'mandoc -Tlint' reports nothing;
#  - the options in step with the help: every long option 'fipsctl --help'
#    or 'fipsctl help COMMAND' (and a sub-command's own help, where there is
#    one) prints is in the page, and every option a page's option list
#    defines is in that help;
#  - every environment variable the code reads is in fipsctl(8);
#  - the installation paths were substituted; the table in the example of
#    fipsctl-policy(5) passes 'fipsctl policy lint'.
. "$(dirname "$0")/../lib.sh"

mandir=$BUILD/man
if [ ! -f "$mandir/fipsctl.8" ]; then
	not_ok man-pages "no $mandir/fipsctl.8 (make builds the pages)"
	t_done
	exit
fi

# render PAGE: the page as plain text.
render() {
	if command -v mandoc > /dev/null; then
		mandoc -Tascii "$1" | col -bx
	else
		MANWIDTH=200 man -l "$1" 2> /dev/null | col -bx
	fi
}
# long_options: the --options in standard input, one per line.
long_options() { grep -oE -- '(^|[^a-zA-Z0-9-])--[a-z][a-z0-9-]*' | sed 's/^[^-]*//' | sort -u; }

"$FIPSCTL" --help > "$t_tmp/help"
commands=$(sed -n '/^Commands:/,/^$/ s/^  \([a-z][a-z-]*\) .*/\1/p' "$t_tmp/help" | grep -vx help)
if [ -z "$commands" ]; then
	not_ok man-commands "cannot find the commands in 'fipsctl --help'"
	t_done
	exit
fi

# --- one page per command ---------------------------------------------------
missing='' extra='' unref=''
for c in $commands; do
	[ -f "$mandir/fipsctl-$c.8" ] || missing+=" fipsctl-$c.8"
	grep -qx "\.Xr fipsctl-$c 8.*" "$mandir/fipsctl.8" || unref+=" $c"
done
for p in "$mandir"/fipsctl-*.8; do
	c=${p##*/fipsctl-}
	c=${c%.8}
	grep -qx "$c" <<< "$commands" || extra+=" ${p##*/}"
done
if [ -z "$missing$extra$unref" ]; then
	ok man-page-per-command
else
	not_ok man-page-per-command "no page:${missing:- none}; page without a command:${extra:- none}; not referred to in fipsctl(8):${unref:- none}"
fi
if [ -f "$mandir/fipsctl-policy.5" ]; then ok man-policy-format-page; else not_ok man-policy-format-page "no fipsctl-policy.5"; fi

# --- installation paths -------------------------------------------------------
if left=$(grep -l '@[A-Z]*@' "$mandir"/*.[58]); then
	not_ok man-paths-substituted "placeholders left in: $left"
else
	ok man-paths-substituted
fi

# --- mandoc -Tlint --------------------------------------------------------------
# Run beside the pages, so that mandoc finds their cross-references as it
# finds a source tree's (NAME.SECTION in the current directory) and the
# other pages in this machine's manual.  A page of another package that is
# not installed here (EL9's grubby(8), fips-mode-setup(8), ...) is the one
# message allowed, and it is named.  On stderr mandoc may note that this
# machine's own manual index is stale: that is not about these pages.
if ! command -v mandoc > /dev/null; then
	skip man-lint "mandoc is not installed (tests/deps.sh)"
else
	(cd "$mandir" && mandoc -Tlint ./*.[58]) > "$t_tmp/lint" 2> /dev/null
	others=$(sed -n 's/.*STYLE: referenced manual not found: Xr \([a-z-]*\) [0-9].*/\1/p' "$t_tmp/lint" | sort -u)
	ours=$(grep -E 'referenced manual not found: Xr fipsctl' "$t_tmp/lint" || true)
	grep -v 'STYLE: referenced manual not found: Xr ' "$t_tmp/lint" > "$t_tmp/lint.rest" || true
	if [ -s "$t_tmp/lint.rest" ] || [ -n "$ours" ]; then
		not_ok man-lint "mandoc -Tlint:"
		sed 's/^/    /' "$t_tmp/lint" >&2
	else
		ok "man-lint${others:+ (pages of other packages, not installed here: ${others//$'\n'/ })}"
	fi
fi

# --- options in step with the help ------------------------------------------------
# help_text CMD: 'fipsctl help CMD', and the help of each sub-command its
# usage names where the CLI has one ('fipsctl help CMD SUB' or
# 'fipsctl CMD SUB --help').
help_text() {
	local cmd=$1 sub
	"$FIPSCTL" help "$cmd" || return 1
	for sub in $("$FIPSCTL" help "$cmd" | grep -oE "\b$cmd [a-z]+\b" | awk '{ print $2 }' | sort -u); do
		"$FIPSCTL" help "$cmd" "$sub" 2> /dev/null || "$FIPSCTL" "$cmd" "$sub" --help 2> /dev/null || true
	done
}
# defined PAGE: the long options the page's lists define: on an '.It Fl'
# line, Fl writes one dash and '\-name' the rest ('.It Fl q , \-quiet').
defined() {
	grep -E '^\.It .*Fl ' "$1" | grep -oE '(^| )\\?-[a-z][a-z0-9-]*' |
		sed 's/^ *\\\?-/--/' | sort -u
}

sync_check() {
	local name=$1 page=$2 help=$3
	local in_help in_page not_in_page not_in_help
	in_help=$(long_options < "$help")
	in_page=$(render "$page" | long_options)
	not_in_page=$(comm -23 <(echo "$in_help") <(echo "$in_page"))
	not_in_help=$(comm -23 <(defined "$page") <(echo "$in_help"))
	if [ -z "$not_in_page$not_in_help" ]; then
		ok "man-options-$name"
	else
		not_ok "man-options-$name" "in the help but not in ${page##*/}: [${not_in_page//$'\n'/ }]; defined in ${page##*/} but not in the help: [${not_in_help//$'\n'/ }]"
	fi
}
sync_check fipsctl "$mandir/fipsctl.8" "$t_tmp/help"
for c in $commands; do
	[ -f "$mandir/fipsctl-$c.8" ] || continue
	help_text "$c" > "$t_tmp/help-$c" 2>&1 || { not_ok "man-options-$c" "fipsctl help $c failed"; continue; }
	sync_check "$c" "$mandir/fipsctl-$c.8" "$t_tmp/help-$c"
done

# --- environment ------------------------------------------------------------------
# The variables the code reads: getenv()'s literal names and the FIPSCTL_*
# names (some reach getenv() through a macro).
vars=$( (grep -rhoE '(secure_)?getenv\("[A-Z_]+"\)' "$TOP/src" "$TOP/helpers" | sed 's/.*("\(.*\)")/\1/'
	grep -rhoE '"FIPSCTL_[A-Z_]+"' "$TOP/src" "$TOP/helpers" | tr -d '"') | sort -u)
envsec=$(render "$mandir/fipsctl.8" | sed -n '/^ENVIRONMENT/,/^[A-Z]/p')
missing=
for v in $vars; do
	grep -qw -- "$v" <<< "$envsec" || missing+=" $v"
done
if [ -z "$vars" ]; then
	not_ok man-environment "found no getenv() in src/ and helpers/"
elif [ -z "$missing" ]; then
	ok man-environment
else
	not_ok man-environment "fipsctl(8) ENVIRONMENT does not name:$missing"
fi

# --- the example table ------------------------------------------------------------
sed -n '/^\.Bd -literal/,/^\.Ed/p' "$mandir/fipsctl-policy.5" | sed '1d;$d' > "$t_tmp/site-el9.json"
if [ ! -s "$t_tmp/site-el9.json" ]; then
	not_ok man-policy-example "no example table in fipsctl-policy.5"
elif "$FIPSCTL" policy lint "$t_tmp/site-el9.json" > "$t_tmp/lint-out" 2>&1; then
	ok man-policy-example
else
	not_ok man-policy-example "$(cat "$t_tmp/lint-out")"
fi

t_done
