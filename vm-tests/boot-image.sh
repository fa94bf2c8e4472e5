# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash disable=SC2154,SC2034
# vm-tests/run --image DISK (sourced): boot a whole disk image under UEFI
# firmware, find the root shell on the serial console, type vm-tests/agent
# into it and run it.  Sets what run's judge reads: $work/console.txt,
# rc (QEMU's exit status), boot_s, boot_what; image_verdict explains a
# boot that did not get as far as the agent's last line.

# firmware_pair: "CODE:VARS" of the first UEFI firmware installed for
# $arch: Debian's (ovmf, qemu-efi-aarch64), then EL9's (edk2-ovmf,
# edk2-aarch64).
firmware_pair() {
	local p pairs
	case $arch in
	x86_64)
		pairs=(/usr/share/OVMF/OVMF_CODE_4M.fd:/usr/share/OVMF/OVMF_VARS_4M.fd
			/usr/share/OVMF/OVMF_CODE.fd:/usr/share/OVMF/OVMF_VARS.fd
			/usr/share/edk2/ovmf/OVMF_CODE.fd:/usr/share/edk2/ovmf/OVMF_VARS.fd)
		;;
	aarch64)
		pairs=(/usr/share/AAVMF/AAVMF_CODE.fd:/usr/share/AAVMF/AAVMF_VARS.fd
			/usr/share/edk2/aarch64/QEMU_EFI-pflash.raw:/usr/share/edk2/aarch64/vars-template-pflash.raw)
		;;
	esac
	for p in "${pairs[@]}"; do
		[ -f "${p%%:*}" ] && [ -f "${p#*:}" ] && { echo "$p"; return 0; }
	done
	return 1
}

# image_format DISK: raw or qcow2 (or what qemu-img says), so that QEMU
# is told and never guesses (a raw image guessed is a security warning).
image_format() {
	if command -v qemu-img > /dev/null; then
		qemu-img info --output=json -- "$1" 2> /dev/null | jq -r '.format // empty'
	elif [ "$(head -c 4 -- "$1" | od -An -tx1 | tr -d ' ')" = 514649fb ]; then
		echo qcow2
	else
		echo raw
	fi
}

# The agent, typed: base64 in a here-document (no tab for completion, no
# '!' for history expansion), decoded into a file, then run with the
# scenario's settings; then power off (the disk is a snapshot).
send_agent() {
	printf "stty -echo 2> /dev/null; base64 -d > /tmp/fipsctl-agent.sh << 'FIPSCTL_AGENT_EOF'\n"
	base64 -w 76 < "$top/vm-tests/agent"
	printf 'FIPSCTL_AGENT_EOF\n'
	printf "FIPSCTL_VM_ARGS='%s' FIPSCTL_VM_EXPORT='%s' FIPSCTL_VM_SELFTEST='%s' FIPSCTL_VM_FIPSCTL='%s' sh /tmp/fipsctl-agent.sh; sync; poweroff -f\n" \
		"$sc_args" "$sc_export" "$sc_selftest" "$guest_fipsctl"
}

boot_image() {
	local fw code vars fmt qemu_img t0 t1 t_shell='' state=boot next=0 nonce done_at=0 catpid qpid
	need_tool mkfifo
	if [ -n "$firmware" ]; then
		fw=$firmware
	else
		fw=$(firmware_pair) || fail "no UEFI firmware for $arch (Debian: apt-get install $([ "$arch" = x86_64 ] && echo ovmf || echo qemu-efi-aarch64); EL9: edk2-$([ "$arch" = x86_64 ] && echo ovmf || echo aarch64)); or --firmware CODE:VARS"
	fi
	code=${fw%%:*} vars=${fw#*:}
	[ "$code" != "$fw" ] || die "--firmware '$fw': CODE:VARS, two files"
	[ -f "$code" ] || die "firmware $code: no such file"
	[ -f "$vars" ] || die "firmware variables $vars: no such file"
	fmt=$(image_format "$image")
	[ -n "$fmt" ] || fail "$image: qemu-img cannot read it as a disk image"
	boot_what="image $image ($fmt), firmware $code"

	# In a scenario, the agent runs what its prepare step sets; the files
	# it adds went into the image when vm-tests/mkimage built it.
	if [ -n "$scenario" ]; then
		local scratch=$t_tmp/scenario
		vm_tree_base "$scratch"
		mkdir -p "$scratch/etc/fipsctl-vm"
		"scenario_${scenario//-/_}_prepare" "$scratch" "$arch" "$triplet" "$libroot"
		sc_export=$(cat "$scratch/etc/fipsctl-vm/export" 2> /dev/null) || sc_export=''
		[ -f "$scratch/etc/fipsctl-vm/selftest" ] && sc_selftest=1
	fi

	case $arch in
	x86_64) qemu_img=(qemu-system-x86_64 -accel tcg -M q35 -cpu max) ;;
	aarch64) qemu_img=("${qemu[@]}") ;;
	esac
	cp "$vars" "$work/vars.fd"
	# shellcheck disable=SC2054 # commas inside QEMU's own arguments
	qemu_img+=(-smp 1 -m "${memory:-2048}" -display none -monitor none -no-reboot -nic none
		-drive "if=pflash,format=raw,unit=0,readonly=on,file=$code"
		-drive "if=pflash,format=raw,unit=1,file=$work/vars.fd"
		-drive "file=$image,format=$fmt,if=none,id=disk0,snapshot=on"
		-device virtio-blk-pci,drive=disk0
		-serial "pipe:$work/serial")

	# The console both ways: QEMU opens serial.in and serial.out read-write;
	# so does this side (no open blocks), cat copies the output to the log.
	mkfifo "$work/serial.in" "$work/serial.out"
	exec 7<> "$work/serial.in" 8<> "$work/serial.out"
	: > "$console_log"
	cat <&8 >> "$console_log" &
	catpid=$!
	t0=$(date +%s.%N)
	"${qemu_img[@]}" > "$work/qemu.out" 2>&1 &
	qpid=$!
	# Neither QEMU nor the copier outlives this script, however it ends.
	trap 'kill "$qpid" "$catpid" 2> /dev/null; rm -rf "$t_tmp"' EXIT
	nonce=$RANDOM$RANDOM
	local start=$SECONDS
	image_timed_out='' image_login='' login_at=''
	while kill -0 "$qpid" 2> /dev/null; do
		if [ $((SECONDS - start)) -ge "$timeout" ]; then
			image_timed_out=1
			break
		fi
		case $state in
		boot)
			# Typing into the firmware or the boot loader could stop
			# them: wait for the kernel (or a minute, for a quiet one).
			if grep -aq 'Linux version' "$console_log" || [ $((SECONDS - start)) -ge 60 ]; then
				state=probe
			fi
			;;
		probe)
			# The guest computes 6*7: only the shell's output, never the
			# echo of the typed line, reads 42.  Not anchored: bash's
			# readline puts its terminal controls (bracketed paste off,
			# ESC[?2004l) on the line before it.  (grep reads the log
			# itself: in a pipeline under pipefail, grep -q leaving early
			# would fail the writer with SIGPIPE on a long log.)
			if grep -aq "@@FIPSCTL-READY-42-$nonce" "$console_log"; then
				t_shell=$(date +%s.%N)
				state=agent
				send_agent >&7
			elif grep -aq $'login: *\r*$' "$console_log"; then
				# A getty asks for a login (agetty's autologin line
				# goes on after 'login: '): no shell will answer.
				# Stop after a grace for a shell that was only slow.
				[ -n "$login_at" ] || login_at=$SECONDS
				if [ $((SECONDS - login_at)) -ge 15 ]; then
					image_login=1
					break
				fi
			fi
			if [ "$state" = probe ] && [ $SECONDS -ge $next ]; then
				# shellcheck disable=SC2016 # $((6*7)) is for the guest
				printf '\necho @@FIPSCTL-READY-$((6*7))-%s\n' "$nonce" >&7
				next=$((SECONDS + 5))
			fi
			;;
		agent)
			if grep -aq '^@@FIPSCTL-VM-DONE' "$console_log"; then
				state=finished done_at=$SECONDS
			fi
			;;
		finished)
			# poweroff -f ends QEMU; a guest that cannot (no root) is
			# stopped here: the disk is a snapshot, nothing is lost.
			[ $((SECONDS - done_at)) -ge 20 ] && break
			;;
		esac
		sleep 0.5
	done
	kill "$qpid" 2> /dev/null || true
	rc=0
	wait "$qpid" || rc=$?
	t1=$(date +%s.%N)
	# What is still in the pipe, then the copier.
	sleep 0.2
	kill "$catpid" 2> /dev/null || true
	wait "$catpid" 2> /dev/null || true
	exec 7>&- 8>&-
	trap 'rm -rf "$t_tmp"' EXIT
	# The guest may have powered off between two looks at the log.
	if [ "$state" = agent ] && grep -aq '^@@FIPSCTL-VM-DONE' "$console_log"; then
		state=finished
	fi
	image_state=$state
	tr -d '\r' < "$console_log" > "$work/console.txt"
	boot_s=$(secs "$t0" "$t1")
	echo "# $name: $fmt image $(($(stat -c %s "$image") / 1048576)) MiB, shell after" \
		"$([ -n "$t_shell" ] && secs "$t0" "$t_shell" || echo '-')s, whole boot ${boot_s}s" >&2
}

# image_verdict: why the boot did not reach the agent's last line, or
# nothing when it did.
image_verdict() {
	local hint=''
	if grep -aq 'login: *$' "$work/console.txt"; then
		hint="; the image asks for a login on $console: --image needs a root shell there without one (autologin, README.md)"
	fi
	case $image_state in
	finished) ;;
	boot | probe)
		if [ -n "$image_login" ]; then
			echo "no shell answered on the serial console ($console)$hint"
		elif [ -n "$image_timed_out" ]; then
			echo "no shell answered on the serial console ($console) within ${timeout}s$hint$([ "$image_state" = boot ] && echo "; the kernel printed no 'Linux version' there either")"
		else
			echo "QEMU stopped (exit $rc) before a shell answered on $console: $(head -3 "$work/qemu.out")$hint"
		fi
		;;
	agent)
		if [ -n "$image_timed_out" ]; then
			echo "vm-tests/agent did not finish within ${timeout}s"
		else
			echo "the VM stopped (QEMU exit $rc) before vm-tests/agent finished"
		fi
		;;
	esac
}
