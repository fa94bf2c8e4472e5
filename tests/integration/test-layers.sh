#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The layers hold (HACKING.md "Layout"): every #include "..." of src/,
# checks/ and helpers/ is resolved as the compiler resolves it (the
# including file's folder, then -Isrc, then -Ihelpers/common for helper
# code) and judged by the folder of the file it names:
#   src/: base < core < parse < policy < kat < boot < engine < checks/ <
#         render < evidence < cli < src/main.c; a file may include its own
#         layer and the ones below, never one above;
#   helpers/<name>/: base, core, parse, policy, kat, helpers/common and
#         its own folder; never engine, boot, checks, render, evidence, cli
#         or another helper's folder (a helper process must not carry the
#         parent's code);
# and the include graph between folders has no cycle.  Each offending
# include is printed as file:line.  Only the tree is read: no build needed.
. "$(dirname "$0")/../lib.sh"

command -v python3 > /dev/null || { skip layers "python3 is not installed"; exit 0; }

python3 - "$TOP" > "$t_tmp/layers" 2>&1 <<'EOF'
import os
import re
import sys

top = sys.argv[1]
os.chdir(top)

SRC_LAYERS = ["base", "core", "parse", "policy", "kat", "boot", "engine"]
# checks/ sits between the engine and the renderers.
ORDER = SRC_LAYERS + ["checks", "render", "evidence", "cli", "main"]
RANK = {name: i for i, name in enumerate(ORDER)}
HELPER_MAY = {"base", "core", "parse", "policy", "kat"}

def folder_of(path):
    """The unit the rules speak of: a src layer, checks, main, or helpers/<name>."""
    parts = path.split("/")
    if parts[0] == "src":
        return "main" if len(parts) == 2 else parts[1]
    if parts[0] == "checks":
        return "checks"
    if parts[0] == "helpers":
        return "helpers/" + parts[1]
    return None

def resolve(including, name):
    cands = [os.path.join(os.path.dirname(including), name),
             os.path.join("src", name)]
    if including.startswith("helpers/"):
        cands.append(os.path.join("helpers/common", name))
    for c in cands:
        if os.path.isfile(c):
            return os.path.normpath(c)
    return None

files = []
for root in ("src", "checks", "helpers"):
    for dirpath, _, names in os.walk(root):
        files += [os.path.join(dirpath, n) for n in names if n.endswith((".c", ".h"))]
files.sort()

inc_re = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
upward, unresolved = [], []
edges = {}  # (from folder, to folder) -> first "file:line: #include" seen
for f in files:
    src_folder = folder_of(f)
    with open(f, encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            m = inc_re.match(line)
            if not m:
                continue
            name = m.group(1)
            where = f"{f}:{lineno}: #include \"{name}\""
            target = resolve(f, name)
            if not target:
                unresolved.append(f"{where}: no such file in the include path")
                continue
            dst_folder = folder_of(target)
            if dst_folder != src_folder:
                edges.setdefault((src_folder, dst_folder), where)
            if src_folder.startswith("helpers/"):
                ok = (dst_folder in HELPER_MAY or dst_folder == "helpers/common"
                      or dst_folder == src_folder)
                if not ok:
                    upward.append(f"{where}: helper code may not include {dst_folder}")
            elif dst_folder is None or dst_folder.startswith("helpers/"):
                upward.append(f"{where}: the parent may not include {target}")
            elif RANK[dst_folder] > RANK[src_folder]:
                upward.append(f"{where}: {dst_folder} is above {src_folder}")

# Cycles between folders (Tarjan's strongly connected components).
graph = {}
for (a, b) in edges:
    graph.setdefault(a, set()).add(b)
    graph.setdefault(b, set())
index, low, stack, on, sccs = {}, {}, [], set(), []
def strong(v):
    index[v] = low[v] = len(index)
    stack.append(v)
    on.add(v)
    for w in sorted(graph[v]):
        if w not in index:
            strong(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            sccs.append(sorted(comp))
for v in sorted(graph):
    if v not in index:
        strong(v)
cycles = []
for comp in sccs:
    cycles.append("cycle between " + ", ".join(comp) + ":")
    for (a, b), where in sorted(edges.items()):
        if a in comp and b in comp:
            cycles.append(f"  {a} -> {b}: {where}")

def report(name, problems):
    if problems:
        print(f"not ok {name}")
        for p in problems:
            print(f"    {p}", file=sys.stderr)
    else:
        print(f"ok {name}")

print(f"# {len(files)} files, {len(edges)} folder-to-folder include edges", file=sys.stderr)
report("layers-includes-resolve", unresolved)
report("layers-no-upward-include", upward)
report("layers-no-folder-cycle", cycles)
EOF
rc=$?
cat "$t_tmp/layers"
grep -q '^not ok' "$t_tmp/layers" && t_failures=1
[ $rc -eq 0 ] || not_ok layers "the checker itself failed (exit $rc)"
t_done
