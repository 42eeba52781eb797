#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs every golden case under valgrind: valgrind_golden.py OGCHECK [JOBS].

OGCHECK should be a build without sanitizers (ci/test uses the clang
build). Each case folder below tests/golden (one with an `args` file) goes
through tests/golden/run.py with OGCHECK_WRAPPER set to valgrind memcheck,
which turns any memory error or definite leak into exit status 99, so the
case fails on its expected.status and run.py shows valgrind's report. Cases
run JOBS at a time (default 2). Prints the failing cases, then
"valgrind: N cases passed, N failed"; the exit status is 1 when any failed.
"""
import concurrent.futures
import os
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, 'golden')
VALGRIND = ['valgrind', '--error-exitcode=99', '--leak-check=full',
            '--errors-for-leak-kinds=definite',
            '--show-leak-kinds=definite', '-q']


def cases():
    found = []
    for area in sorted(os.listdir(GOLDEN)):
        d = os.path.join(GOLDEN, area)
        if not os.path.isdir(d):
            continue
        for case in sorted(os.listdir(d)):
            if os.path.exists(os.path.join(d, case, 'args')):
                found.append(os.path.join(area, case))
    return found


def run(ogcheck, case):
    env = dict(os.environ, OGCHECK_WRAPPER=shlex.join(VALGRIND))
    proc = subprocess.run(
        [sys.executable, os.path.join(GOLDEN, 'run.py'), ogcheck,
         os.path.join(GOLDEN, case)],
        capture_output=True, env=env, timeout=300)
    return case, proc.returncode, proc.stdout + proc.stderr


def main():
    ogcheck = os.path.abspath(sys.argv[1])
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    start = time.monotonic()
    failed = []
    todo = cases()
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for case, status, output in pool.map(lambda c: run(ogcheck, c),
                                             todo):
            if status != 0:
                failed.append(case)
                print('FAIL %s\n%s' % (case, output.decode(errors='replace')))
    print('valgrind: %d cases passed, %d failed (%.0f s)' % (
        len(todo) - len(failed), len(failed), time.monotonic() - start))
    return 1 if failed or not todo else 0


if __name__ == '__main__':
    sys.exit(main())
