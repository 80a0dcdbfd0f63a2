#!/usr/bin/env python3
"""Which AppCDS archive the VM benchmarks' one-shots ran with (DIR/archive.txt, written by
vm-guest-archive.sh) and where their classes came from (DIR/classes.N.STEP.ROUND.txt, -Xlog:class+load
logs): per command, medians over the rounds, the classes taken from bin/rait's AppCDS archive, from the
JDK's base archive, from the JDK's modules file (parsed at run time), from jars (read, parsed and verified
at run time) and spun at run time (lambda and method-handle classes, which cost 10-30 ms each in the guest).
    usage: vm-class-origins.py DIR"""
import collections, glob, os, statistics, sys

out = sys.argv[1]
archive = os.path.join(out, "archive.txt")
if os.path.exists(archive):
    print("AppCDS archive: " + open(archive).read().strip())
KINDS = ("app archive", "base archive", "jdk modules", "jar", "spun")


def origins(path):
    counts = collections.Counter()
    for line in open(path):
        if " source: " not in line:
            continue
        source = line.split(" source: ", 1)[1]
        if source.startswith("shared objects file (top)"):
            counts["app archive"] += 1
        elif source.startswith("shared objects file"):
            counts["base archive"] += 1
        elif source.startswith("jrt:"):
            counts["jdk modules"] += 1
        elif source.startswith(("jar:", "file:")):
            counts["jar"] += 1
        else:
            counts["spun"] += 1
    return counts


by = collections.defaultdict(list)
for path in glob.glob(os.path.join(out, "classes.*.txt")):
    n, step = os.path.basename(path).split(".")[1:3]
    by[(int(n), step)].append(origins(path))
if by:
    apps = [run["app archive"] for runs in by.values() for run in runs]
    state = "mapped in every run" if min(apps) > 0 else ("NOT mapped in any run" if max(apps) == 0 else "mapped in some runs only")
    print(f"AppCDS archive {state}; classes per command (medians): {' / '.join(KINDS)}")
    for (n, step), runs in sorted(by.items()):
        print(f"  N={n} {step:<6} " + " / ".join(f"{statistics.median(r[k] for r in runs):.0f}" for k in KINDS))
