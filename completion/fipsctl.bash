# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck disable=SC2207 # COMPREPLY=($(compgen ...)): the words compgen prints, as bash-completion does
# bash completion for fipsctl: commands, sub-commands, options and their
# values.  Check ids and areas come from 'fipsctl list-checks', table names
# from 'fipsctl policy list', both asked of the fipsctl being completed.
# Installed into bash-completion's completionsdir (make install); works
# without bash-completion too: source it.  tests/integration/test-completion.sh
# asserts what it offers.

# Global options: before the command, and (but --help, --version) after it.
_fipsctl_global='--root --format --color --quiet --verbose'

# _fipsctl_opts COMMAND [SUB-COMMAND]: a command's own options, as
# 'fipsctl help COMMAND' lists them.
_fipsctl_opts()
{
	case $1 in
	check) echo '--only --skip --selftest --nssdb --probe-timeout --policy --strict --at --output --textfile' ;;
	pin-kernel) echo '--kernel --force-unvalidated --policy --dry-run --yes --undo --status --grubby' ;;
	selftest) echo '--module --algorithm --vectors --full --bench --seconds --probe-timeout --nssdb' ;;
	evidence)
		case $2 in
		export) echo '-o --sign-key --compress --selftest --policy --strict --at --nssdb --probe-timeout' ;;
		verify | show) echo '--key' ;;
		summarize) echo '--files-from --key' ;;
		esac
		;;
	policy)
		case $2 in
		show) echo '--at' ;;
		esac
		;;
	esac
}

# Candidates for one element of a comma-separated list: the element after
# the last comma of the current word is completed, the part before kept.
_fipsctl_list()
{
	local cur=$1 words=$2 head='' tail=$1
	if [[ $cur == *,* ]]; then
		head=${cur%,*},
		tail=${cur##*,}
	fi
	COMPREPLY=($(compgen -W "$words" -P "$head" -- "$tail"))
	# The user may go on with another element.
	[[ ${#COMPREPLY[@]} -gt 0 ]] && compopt -o nospace 2> /dev/null
}

_fipsctl_files()
{
	local IFS=$'\n'
	COMPREPLY=($(compgen -f -- "$1"))
	compopt -o filenames 2> /dev/null
}

_fipsctl_dirs()
{
	local IFS=$'\n'
	COMPREPLY=($(compgen -d -- "$1"))
	compopt -o filenames 2> /dev/null
}

_fipsctl()
{
	local prog=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]}
	local prev='' i w cmd='' sub='' want=''

	# '--format=json' arrives as three words: --format, =, json.
	if ((COMP_CWORD >= 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		if [[ $cur == = ]]; then
			cur=
		elif [[ $prev == = ]] && ((COMP_CWORD >= 2)); then
			prev=${COMP_WORDS[COMP_CWORD - 2]}
		fi
	fi
	[[ $cur == = ]] && cur=

	# The command and its sub-command: the first words that are neither
	# options nor an option's value.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $want ]]; then
			want=
			[[ $w == = ]] && want=1
			continue
		fi
		case $w in
		=) ;;
		--root | --format | --color | --colour | --only | --skip | --nssdb | \
			--probe-timeout | --policy | --kernel | --grubby | --module | \
			--algorithm | --vectors | --seconds | -o | --output | --sign-key | \
			--key | --compress | --textfile | --files-from | --at)
			want=1 ;;
		-*) ;;
		*)
			if [[ -z $cmd ]]; then
				cmd=$w
			elif [[ -z $sub ]]; then
				sub=$w
			fi
			;;
		esac
	done

	COMPREPLY=()
	case $prev in
	--root | --nssdb)
		_fipsctl_dirs "$cur"
		return
		;;
	--format)
		local formats='text json junit oscal prometheus html'
		case $cmd:$sub in
		list-checks:* | policy:* | selftest:* | evidence:verify) formats='text json' ;;
		evidence:summarize) formats='text json csv html' ;;
		esac
		COMPREPLY=($(compgen -W "$formats" -- "$cur"))
		return
		;;
	--color | --colour)
		COMPREPLY=($(compgen -W 'auto always never' -- "$cur"))
		return
		;;
	--only | --skip)
		# Ids and their areas (the id up to its first dot).
		local ids
		ids=$("$prog" list-checks 2> /dev/null | awk '{ print $1; sub(/\..*/, "", $1); print $1 }' | sort -u)
		_fipsctl_list "$cur" "$ids"
		return
		;;
	--policy)
		# Table names (lines of 'policy list' that start with one), or a file.
		local names
		names=$("$prog" policy list 2> /dev/null | awk '/^[^ ]/ { print $1 }')
		local IFS=$'\n'
		COMPREPLY=($(compgen -W "$names" -- "$cur") $(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
		compopt -o filenames 2> /dev/null
		return
		;;
	--module)
		_fipsctl_list "$cur" 'openssl libgcrypt gnutls nss'
		return
		;;
	--compress)
		COMPREPLY=($(compgen -W 'gzip zstd' -- "$cur"))
		return
		;;
	--kernel)
		# The kernels installed in /boot.
		local k kernels=
		for k in /boot/vmlinuz-*; do
			[[ -e $k && $k != *rescue* ]] && kernels+=" ${k#/boot/vmlinuz-}"
		done
		COMPREPLY=($(compgen -W "$kernels" -- "$cur"))
		return
		;;
	--vectors | -o | --output | --textfile | --files-from | --sign-key | --key | --grubby)
		_fipsctl_files "$cur"
		return
		;;
	--probe-timeout | --seconds | --algorithm | --at)
		return # a number, a glob of algorithm names, or a date
		;;
	esac

	if [[ $cur == -* ]]; then
		local opts
		if [[ -z $cmd ]]; then
			opts="$_fipsctl_global --help --version"
		else
			opts="$_fipsctl_global $(_fipsctl_opts "$cmd" "$sub")"
		fi
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi

	local commands='check list-checks policy pin-kernel selftest evidence help'
	case $cmd in
	'')
		COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		;;
	help)
		[[ -z $sub ]] && COMPREPLY=($(compgen -W "${commands% help}" -- "$cur"))
		;;
	policy)
		case $sub in
		'') COMPREPLY=($(compgen -W 'list show lint' -- "$cur")) ;;
		show)
			local names
			names=$("$prog" policy list 2> /dev/null | awk '/^[^ ]/ { print $1 }')
			local IFS=$'\n'
			COMPREPLY=($(compgen -W "$names" -- "$cur") $(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
			compopt -o filenames 2> /dev/null
			;;
		lint)
			local IFS=$'\n'
			COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
			compopt -o filenames 2> /dev/null
			;;
		esac
		;;
	evidence)
		case $sub in
		'') COMPREPLY=($(compgen -W 'export verify show summarize' -- "$cur")) ;;
		verify | show | summarize) _fipsctl_files "$cur" ;; # bundles
		esac
		;;
	esac
}
complete -F _fipsctl fipsctl
