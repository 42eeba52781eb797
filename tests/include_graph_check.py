#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ci/include-graph: passes on the real tree, fails on a tree with a cycle.

Usage: include_graph_check.py CI_INCLUDE_GRAPH
"""
import os
import subprocess
import sys
import tempfile


def write(root, path, text):
    os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
    with open(os.path.join(root, path), 'w') as f:
        f.write(text)


def run(script, *args):
    return subprocess.run([sys.executable, script] + list(args),
                          capture_output=True, text=True)


def main():
    script = sys.argv[1]
    failed = 0
    real = run(script)
    if real.returncode != 0:
        print('FAIL the source tree has an include cycle:\n' + real.stderr)
        failed += 1
    with tempfile.TemporaryDirectory() as tmp:
        write(tmp, 'a/a.h', '#include "b/b.h"\n')
        write(tmp, 'b/b.c', '#include "b/b.h"\n#include "c/c.h"\n')
        write(tmp, 'c/c.c', '#include "a/a.h"\n')
        write(tmp, 'd/d.c', '#include "a/a.h"\n')
        bad = run(script, '--src', tmp)
        if bad.returncode != 1 or 'a -> b -> c -> a' not in bad.stderr:
            print('FAIL a cycle a -> b -> c -> a is not reported: %d %r'
                  % (bad.returncode, bad.stderr))
            failed += 1
        write(tmp, 'c/c.c', '#include "d/d.h"\n')
        write(tmp, 'd/d.c', '#include "util/u.h"\n')
        good = run(script, '--src', tmp)
        if good.returncode != 0:
            print('FAIL an acyclic tree is reported: %r' % good.stderr)
            failed += 1
    print('include_graph_check: %s' % ('failed' if failed else 'passed'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
