#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# opened-paths.py TRACEDIR ROOT TOP BUILD POLICIES [WRITABLE...]
#
# Reads the strace -ff -y logs in TRACEDIR (one file per process) and
# judges every file-system call that succeeded:
#   - a write (an open that can write or create, mkdir, unlink, rename,
#     link, symlink, truncate, chmod, chown, utimes) must be under one of
#     the WRITABLE folders or $TMPDIR, never under ROOT;
#   - with a ROOT ('-': the live host, where reading the host is the point),
#     an open of a file outside ROOT must be one of the programs' own:
#     shared libraries and the loader's cache, locale data, /dev/null and
#     /dev/urandom, the process's own /proc/self (or /proc/PID), the CPU
#     facts glibc reads,
#     the build (probes, tables) and the policy folder; and the host's
#     OpenSSL configuration (openssl.cnf and the crypto-policies back-end
#     it includes on EL), which libcrypto in the evidence helper reads
#     for its own hashing and signing: it configures the tool's crypto on
#     the machine it runs on, and nothing read from it goes into a report.
# Prints each violation and a last line with the counts; exit 1 on any.
import os
import re
import sys

tracedir, root, top, build, policies = sys.argv[1:6]
writable = [os.path.realpath(p) for p in sys.argv[6:]]
tmp = os.environ.get("TMPDIR")
if tmp:
    writable.append(os.path.realpath(tmp))
root = None if root == "-" else os.path.realpath(root)

OWN = ["/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/",
       "/etc/ld.so.cache", "/etc/ld.so.preload", "/usr/share/locale/",
       "/etc/locale.alias", "/usr/lib/locale/", "/dev/null", "/dev/urandom",
       "/sys/devices/system/cpu/", "/proc/self/", "/usr/share/zoneinfo/",
       os.path.realpath(build) + "/", os.path.realpath(policies) + "/",
       os.path.realpath(top) + "/",
       "/etc/ssl/openssl.cnf", "/usr/lib/ssl/openssl.cnf",
       "/etc/pki/tls/openssl.cnf",
       "/etc/crypto-policies/back-ends/opensslcnf.config"]
if os.environ.get("OPENSSL_CONF"):
    OWN.append(os.path.realpath(os.environ["OPENSSL_CONF"]))

WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")
WRITE_CALLS = {"mkdir", "mkdirat", "unlink", "unlinkat", "rmdir", "rename",
               "renameat", "renameat2", "link", "linkat", "symlink",
               "symlinkat", "truncate", "creat", "chmod", "fchmodat",
               "chown", "lchown", "fchownat", "utimensat", "utimes",
               "mknod", "mknodat"}
# call(args) = result
LINE = re.compile(r'^(\w+)\((.*)\)\s+=\s+(-?\d+)(?:<([^>]*)>)?')
ANNOT = re.compile(r'^(?:AT_FDCWD|\d+)<([^>]*)>$')


def under(path, folder):
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def split_args(s):
    """Top-level comma split of strace's argument text."""
    out, depth, cur, q = [], 0, "", False
    i = 0
    while i < len(s):
        c = s[i]
        if q:
            cur += c
            if c == "\\":
                cur += s[i + 1]
                i += 1
            elif c == '"':
                q = False
        elif c == '"':
            q = True
            cur += c
        elif c in "{[(":
            depth += 1
            cur += c
        elif c in "}])":
            depth -= 1
            cur += c
        elif c == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += c
        i += 1
    if cur.strip():
        out.append(cur.strip())
    return out


def unquote(a):
    if a.startswith('"') and a.endswith('"'):
        return a[1:-1].encode().decode("unicode_escape")
    return None


def resolve(dirarg, name):
    if name is None:
        return None
    if name.startswith("/"):
        return os.path.normpath(name)
    m = ANNOT.match(dirarg or "")
    base = m.group(1) if m else None
    return os.path.normpath(os.path.join(base, name)) if base else None


bad, n_open, n_write = [], 0, 0
for fn in sorted(os.listdir(tracedir)):
    cwd = None
    # A process's own /proc/PID/ (the sanitizer runtime reads it by pid).
    own = "/proc/%s/" % fn.rsplit(".", 1)[-1]
    for raw in open(os.path.join(tracedir, fn), errors="replace"):
        m = LINE.match(raw.strip())
        if not m or int(m.group(3)) < 0:
            continue
        call, args, res_annot = m.group(1), split_args(m.group(2)), m.group(4)
        if call in ("open", "openat", "openat2"):
            n_open += 1
            target = res_annot
            flags = args[1] if call == "open" else (args[2] if len(args) > 2 else "")
            if target is None:
                continue
            path = os.path.normpath(target)
            if any(f in flags for f in WRITE_FLAGS):
                n_write += 1
                if (root and under(path, root)) or not any(under(path, w) for w in writable + ["/dev/null"]):
                    bad.append(f"{fn}: write-open {path}: {raw.strip()[:200]}")
                    continue
            if root and not under(path, root) and not any(
                    path == o.rstrip("/") or path.startswith(o) for o in OWN + [own]) \
                    and not any(under(path, w) for w in writable) and path != "/":
                bad.append(f"{fn}: opened outside the root: {path}")
        elif call in WRITE_CALLS:
            n_write += 1
            if call in ("mkdirat", "unlinkat", "renameat", "renameat2", "linkat",
                        "fchmodat", "fchownat", "utimensat", "mknodat", "symlinkat"):
                if call == "symlinkat":
                    path = resolve(args[1], unquote(args[2]))
                elif call in ("renameat", "renameat2", "linkat"):
                    path = resolve(args[2], unquote(args[3]))
                else:
                    path = resolve(args[0], unquote(args[1]))
            elif call in ("rename", "link", "symlink"):
                path = resolve("AT_FDCWD<%s>" % (cwd or "/"), unquote(args[1]))
            else:
                path = resolve("AT_FDCWD<%s>" % (cwd or "/"), unquote(args[0]))
            if path is None:
                bad.append(f"{fn}: {call} on a path strace did not resolve: {raw.strip()[:200]}")
            elif (root and under(path, root)) or not any(under(path, w) for w in writable):
                bad.append(f"{fn}: {call} {path}")
        elif call == "chdir":
            cwd = unquote(args[0])

for b in bad:
    print(b)
print(f"{len(os.listdir(tracedir))} processes, {n_open} opens, {n_write} writes, "
      f"{len(bad)} outside what is allowed")
sys.exit(1 if bad else 0)
