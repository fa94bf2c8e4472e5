#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Evidence bundles for tests/bench/evidence-summarize.sh, written the way
# the evidence helper lays them out (members sorted, MANIFEST with the
# SHA-256 of every other member, gzip), each with its own host name and
# machine id, so that every one verifies and gives its own row.
#   gen-bundles.py el92 SEED_DIR OUT N     the members of an extracted export
#   gen-bundles.py small - OUT N           report.json of eight findings
# Two processes share the work (the bench machine has two cores).
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile
from multiprocessing import Pool

kind, seed, out, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def small_report(i):
    def f(cid, st):
        return {"id": cid, "check": cid, "title": cid, "requirement": None, "status": st,
                "summary": "fine", "remediation": None, "facts": [{"key": "k", "value": "v"}]}
    host = "host%d.example.com" % i
    doc = {"schema": "https://fipsctl.invalid/schemas/evidence-1.0.json", "schema_version": "1.0",
           "bundle_id": "00000000-0000-4000-8000-%012d" % i, "created": "2023-11-14T22:13:20Z",
           "fipsctl_version": "0.1.0", "host": {"hostname": host, "machine_id": "%032x" % i},
           "report": {"schema": "https://fipsctl.invalid/schemas/report-1.0.json",
                      "schema_version": "1.0", "fipsctl_version": "0.1.0", "root": "/",
                      "host": {"hostname": host, "os_id": "almalinux", "os_version_id": "9.2",
                               "os_pretty_name": None, "arch": "x86_64", "kernel_release": None,
                               "time": "2023-11-14T22:13:20Z"},
                      "summary": {},
                      "findings": [f("kernel.fips_enabled", "pass"), f("kernel.cmdline_fips", "pass"),
                                   f("crypto-policy.config", "pass"), f("openssl.provider", "pass"),
                                   f("libgcrypt.fips_mode", "pass"), f("nss.selftest", "warn"),
                                   f("gnutls.fips_mode", "skip"),
                                   f("validated.kernel", "fail" if i % 7 == 0 else "pass")]}}
    return json.dumps(doc, indent=2).encode()


if kind == "el92":
    names = sorted(os.path.relpath(os.path.join(d, f), seed)
                   for d, _, fs in os.walk(seed) for f in fs if f != "MANIFEST")
    data = {m: open(os.path.join(seed, m), "rb").read() for m in names}
else:
    names, data = ["report.json"], {}
sums = {m: hashlib.sha256(b).hexdigest() for m, b in data.items()}


def one(i):
    if kind == "el92":
        rep = data["report.json"].replace(b"alma92-fips.example.com", b"host%d.example.com" % i)
        rep = rep.replace(b"4b7e2d9c1a8f4e3b9d6c5a2f1e0b7c84", b"%032x" % i)
    else:
        rep = small_report(i)
    mem = dict(data)
    mem["report.json"] = rep
    s = dict(sums)
    s["report.json"] = hashlib.sha256(rep).hexdigest()
    mem["MANIFEST"] = "".join("%s  %s\n" % (s[m], m) for m in names).encode()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:
        for m in sorted(mem):
            ti = tarfile.TarInfo(m)
            ti.size, ti.mtime, ti.mode = len(mem[m]), 1700000000, 0o644
            t.addfile(ti, io.BytesIO(mem[m]))
    sub = "%s/%03d" % (out, i // 1000)
    os.makedirs(sub, exist_ok=True)
    with open("%s/%06d.tar.gz" % (sub, i), "wb") as fh:
        fh.write(gzip.compress(buf.getvalue(), 6, mtime=0))


with Pool(2) as p:
    p.map(one, range(1, n + 1), chunksize=500)
