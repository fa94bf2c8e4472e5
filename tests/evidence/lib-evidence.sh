# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the evidence tests (sourced after tests/lib.sh).

SCHEMAS=$TOP/tests/schemas
HELPER=$BUILD/probes/fipsctl-probe-evidence
EVROOTS=$t_tmp/roots

# ev_roots [NAME...]: the roots of the whole-host fixture cases
# tests/cases/all/NAME (all of them without NAME) at $EVROOTS/NAME, once
# per script.
ev_roots() {
	[ -d "$EVROOTS" ] && return 0
	local c cases=()
	if [ $# -eq 0 ]; then
		while read -r c; do
			case $c in all/*) cases+=("$c") ;; esac
		done < <("$TOP/tests/cases/mkroot.sh" list)
	else
		for c in "$@"; do cases+=("all/$c"); done
	fi
	mkdir -p "$EVROOTS"
	"$TOP/tests/cases/mkroot.sh" --in "$EVROOTS" "${cases[@]}" > "$t_tmp/mkroot.log" 2>&1 ||
		{ cat "$t_tmp/mkroot.log" >&2; return 1; }
}

# Signing keys: P-256, P-384, RSA 3072, a second P-256 (the wrong key),
# and a P-256 key with its self-signed certificate in one file.
ev_keys() {
	K=$t_tmp/keys
	[ -d "$K" ] && return 0
	mkdir -p "$K"
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$K/p256.pem" 2> /dev/null &&
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$K/p384.pem" 2> /dev/null &&
		openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$K/rsa.pem" 2> /dev/null &&
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$K/other.pem" 2> /dev/null &&
		openssl req -x509 -new -key "$K/p256.pem" -subj /CN=fipsctl-test -days 2 \
			-out "$K/p256.crt" 2> /dev/null || return 1
	cat "$K/p256.pem" "$K/p256.crt" > "$K/p256-with-cert.pem"
	local k
	for k in p256 p384 rsa other; do
		openssl pkey -in "$K/$k.pem" -pubout -out "$K/$k.pub" 2> /dev/null || return 1
	done
}

# repack DIR OUT: a gzip tar of everything in DIR, as a tamperer would
# make it (GNU tar, sorted, root-owned).
repack() {
	(cd "$1" && find . -type f -o -type l | sed 's|^\./||' | LC_ALL=C sort |
		tar --owner=0 --group=0 --numeric-owner --mtime=@1700000000 \
			--no-recursion -czf "$2" -T -)
}

# json FILE EXPR: a Python expression over the document d.
json() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# Validators: both JUnit schemas; OSCAL with python3-jsonschema and the
# regex module for \p{..} (tests/schemas/README.md).
validate_junit() {
	xmllint --noout --schema "$SCHEMAS/junit.xsd" "$1" 2> "$t_tmp/xmllint.err" &&
		xmllint --noout --schema "$SCHEMAS/junit-jenkins-xunit-10.xsd" "$1" \
			2>> "$t_tmp/xmllint.err" ||
		{ head -5 "$t_tmp/xmllint.err" >&2; return 1; }
}
validate_oscal() {
	python3 "$TOP/tests/evidence/validate-oscal.py" \
		"$SCHEMAS/oscal_assessment-results_schema.json" "$1" 2> "$t_tmp/oscal.err" ||
		{ head -5 "$t_tmp/oscal.err" >&2; return 1; }
}

# Why the validators cannot run, or nothing.
validators_missing() {
	if [ ! -f "$SCHEMAS/junit.xsd" ]; then
		echo "no schemas at $SCHEMAS"
	elif ! command -v xmllint > /dev/null; then
		echo "xmllint is not installed (tests/deps.sh: libxml2-utils)"
	elif ! python3 -c 'import jsonschema, regex' 2> /dev/null; then
		echo "python3-jsonschema or python3-regex is not installed (tests/deps.sh)"
	fi
}
