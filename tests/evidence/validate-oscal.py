#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# validate-oscal.py SCHEMA DOC: validate an OSCAL document against NIST's
# JSON schema (draft-07) with Debian's python3-jsonschema.  Python's re
# cannot compile the schema's \p{L} patterns, so the "pattern" keyword is
# checked with the regex module instead (tests/schemas/README.md).
# Exit 0 when valid; each error as "path: message" on stderr.
import json
import sys

import jsonschema
import regex
from jsonschema import validators


def pattern(validator, pat, instance, schema):
    if validator.is_type(instance, "string") and not regex.search(pat, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pat!r}")


Validator = validators.extend(jsonschema.Draft7Validator, {"pattern": pattern})


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        doc = json.load(f)
    errors = sorted(Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
    for e in errors:
        print("/".join(map(str, e.path)) + ":", e.message, file=sys.stderr)
    return 1 if errors else 0


sys.exit(main())
