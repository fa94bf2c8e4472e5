#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The bash completion (completion/fipsctl.bash), loaded into a bash as
# bash-completion loads it: what COMPREPLY holds for partial command lines,
# with check ids and table names asked of the built fipsctl, and its option
# lists in step with 'fipsctl help COMMAND'.
. "$(dirname "$0")/../lib.sh"

comp=$TOP/completion/fipsctl.bash

# complete LINE: COMPREPLY for LINE (the cursor at its end), sorted, one
# per line.  Words split as readline does with the default COMP_WORDBREAKS
# for what fipsctl takes: at blanks, and '=' as a word of its own.
complete_line() {
	bash --norc --noprofile -c '
		. "$1" || exit 1
		line=$2
		words=()
		rest=$line
		while [[ -n $rest ]]; do
			if [[ $rest == " "* ]]; then rest=${rest# }; continue; fi
			if [[ $rest == "="* ]]; then words+=("="); rest=${rest#=}; continue; fi
			w=${rest%%[ =]*}; words+=("$w"); rest=${rest#"$w"}
		done
		[[ $line == *" " || $line == *"=" ]] && words+=("")
		words[0]=$3
		COMP_WORDS=("${words[@]}")
		COMP_CWORD=$((${#words[@]} - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		_fipsctl fipsctl "${words[COMP_CWORD]}" "${words[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort
	' complete-test "$comp" "$1" "$FIPSCTL"
}

# expect NAME LINE WANT...: COMPREPLY for LINE is exactly WANT.
expect() {
	local name=$1 line=$2
	shift 2
	local want have
	want=$(printf '%s\n' "$@" | LC_ALL=C sort)
	have=$(cd "$t_tmp/cwd" && complete_line "$line" 2> "$t_tmp/comp.err")
	if [ "$have" = "$want" ]; then
		ok "completion-$name"
	else
		not_ok "completion-$name" "'$line<TAB>' offers [${have//$'\n'/ }], expected [${want//$'\n'/ }]"
		sed 's/^/    /' "$t_tmp/comp.err" >&2
	fi
}

if ! bash -c 'compgen -W x x && type compopt' > /dev/null 2>&1; then
	skip completion "this bash has no programmable completion"
	t_done
	exit
fi

# bash-completion finds it where make install puts it: its completionsdir
# (here under XDG_DATA_DIRS, where bash-completion also looks) by the
# command's name, loaded on the first Tab.
bc=/usr/share/bash-completion/bash_completion
if [ ! -f "$bc" ]; then
	skip completion-found-by-bash-completion "no $bc (tests/deps.sh: bash-completion)"
else
	mkdir -p "$t_tmp/share/bash-completion/completions"
	cp "$comp" "$t_tmp/share/bash-completion/completions/fipsctl"
	if have=$(XDG_DATA_DIRS=$t_tmp/share bash --norc --noprofile -c \
		'. "$1" && __load_completion fipsctl && complete -p fipsctl' bc-test "$bc" 2>&1) &&
		[ "$have" = "complete -F _fipsctl fipsctl" ]; then
		ok completion-found-by-bash-completion
	else
		not_ok completion-found-by-bash-completion "bash-completion did not load it: $have"
	fi
fi

# A working directory with a few files, for the file arguments.
mkdir -p "$t_tmp/cwd/bundles" "$t_tmp/cwd/site"
touch "$t_tmp/cwd/bundles/host1.tar.gz" "$t_tmp/cwd/bundles/host2.tar.zst" \
	"$t_tmp/cwd/site/local.json" "$t_tmp/cwd/site/notes.txt"

# Commands and sub-commands, as 'fipsctl --help' and 'fipsctl help COMMAND'
# list them.
"$FIPSCTL" --help > "$t_tmp/help"
commands=$(sed -n '/^Commands:/,/^$/ s/^  \([a-z][a-z-]*\) .*/\1/p' "$t_tmp/help")
# subs COMMAND: the sub-commands its usage lines name.
subs() { "$FIPSCTL" help "$1" 2> /dev/null | grep -oE "^ *(Usage: )?fipsctl .*\b$1 [a-z]+\b" | grep -oE "\b$1 [a-z]+\b" | awk '{ print $2 }' | sort -u; }
# shellcheck disable=SC2086 # one argument per command
expect commands 'fipsctl ' $commands
expect command-prefix 'fipsctl p' pin-kernel policy
expect after-root 'fipsctl --root /mnt/image ch' check
expect help-topics 'fipsctl help ' check evidence list-checks pin-kernel policy selftest
for c in $commands; do
	s=$(subs "$c")
	[ -n "$s" ] || continue
	# shellcheck disable=SC2086 # one argument per sub-command
	expect "$c-verbs" "fipsctl --format json $c " $s
done

# Options, per command and sub-command.
expect global-options 'fipsctl --' --color --format --help --quiet --root --verbose --version
expect check-options 'fipsctl check --s' --selftest --skip --strict
expect pin-kernel-options 'fipsctl pin-kernel --st' --status
expect selftest-options 'fipsctl selftest --b' --bench
expect export-options 'fipsctl evidence export --s' --selftest --sign-key --strict
expect verify-options 'fipsctl evidence verify bundles/host1.tar.gz --k' --key

# Option values.
expect format-values 'fipsctl --format ' json junit oscal text
expect format-equals 'fipsctl check --format=j' json junit
expect format-summarize 'fipsctl evidence summarize --format ' csv json text
expect color-values 'fipsctl --color ' always auto never
expect compress-values 'fipsctl evidence export --compress ' gzip zstd
expect module-list 'fipsctl selftest --module openssl,g' openssl,gnutls

# Check ids and areas for --only/--skip, from 'fipsctl list-checks'.
ids=$("$FIPSCTL" list-checks | awk '{ print $1 }')
kernel_c=$(grep '^kernel\.c' <<< "$ids")
# shellcheck disable=SC2086 # one argument per id
expect only-ids 'fipsctl check --only kernel.c' $kernel_c
crypto=$(grep '^crypto-policy\.' <<< "$ids" | sed 's/^/boot.hmac,/')
# shellcheck disable=SC2086
expect skip-area-after-comma 'fipsctl check --skip boot.hmac,crypto-p' boot.hmac,crypto-policy $crypto

# Table names for --policy and 'policy show', from 'fipsctl policy list';
# files for 'policy lint' and bundle arguments.
tux=$("$FIPSCTL" policy list | awk '/^tux/ { print $1 }')
if [ -z "$tux" ]; then
	not_ok completion-policy-names "'fipsctl policy list' names no tuxcare-* table"
else
	# shellcheck disable=SC2086
	expect policy-names 'fipsctl check --policy tux' $tux
	# shellcheck disable=SC2086
	expect policy-show-names 'fipsctl policy show tux' $tux
fi
expect policy-file 'fipsctl pin-kernel --policy site/' site/local.json
expect lint-files 'fipsctl policy lint site/' site/local.json
expect bundle-files 'fipsctl evidence verify bundles/h' bundles/host1.tar.gz bundles/host2.tar.zst

# The option lists follow 'fipsctl help COMMAND': each option in a
# command's usage lines or its option list is offered, and nothing else
# but the global options.
for cmd in $commands; do
	[ "$cmd" = help ] && continue
	"$FIPSCTL" help "$cmd" > "$t_tmp/help" 2>&1 || { not_ok "completion-options-$cmd" "fipsctl help $cmd failed"; continue; }
	# The usage (up to the first blank line) and lines that start an option.
	declared=$(awk 'NR == 1, /^$/ { print; next } /^ +(-[a-zA-Z], )?--[a-z]/ { print $1, $2 }' "$t_tmp/help" |
		grep -oE -- '(^|[^a-z-])(--[a-z][a-z0-9-]*|-o)\b' | sed 's/^[^-]*//' | sort -u)
	offered=$(for s in $(subs "$cmd") -; do
		[ "$s" = - ] && s=
		complete_line "fipsctl $cmd $s -"
	done | sort -u)
	global=$(complete_line 'fipsctl --')
	missing=$(comm -23 <(echo "$declared") <(echo "$offered"))
	extra=$(comm -13 <(sort -u <<< "$declared"$'\n'"$global") <(echo "$offered"))
	if [ -z "$missing$extra" ]; then
		ok "completion-options-$cmd"
	else
		not_ok "completion-options-$cmd" "not offered: [${missing//$'\n'/ }]; offered but not in 'fipsctl help $cmd': [${extra//$'\n'/ }]"
	fi
done

t_done
