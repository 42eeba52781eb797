#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Memory in findings (issue 17, part 4): peak RSS of ogcheck over a corpus
whose every file has six findings, for each report format, against the
goals (json at most 150 MB, jsonl at most 60 MB for 300,000 findings).

    mem_bench.py OGCHECK WORK_DIR [--files N]

The corpus (tests/bench/gen_findings.py, N files, default 50,000: 6 x N
findings) is made once in WORK_DIR/findings-N. Each run writes its report
to /dev/null; peak RSS is ogcheck's alone (tests/peak_rss.py). Prints a
table, with PASS or MISS for each goal when N is 50,000; exits 0 either
way (a benchmark, not a test).
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..'))
import peak_rss  # noqa: E402

# MB for 300,000 findings (50,000 files): judged at that size only, as
# start-up memory does not scale
GOALS = {'json': 150, 'jsonl': 60}
GOAL_FILES = 50000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('ogcheck')
    ap.add_argument('work')
    ap.add_argument('--files', type=int, default=50000)
    args = ap.parse_args()
    corpus = os.path.join(args.work, 'findings-%d' % args.files)
    if not os.path.isdir(corpus):
        subprocess.run([sys.executable, os.path.join(
            os.path.dirname(os.path.abspath(__file__)), 'gen_findings.py'),
            corpus, str(args.files)], check=True)
    findings = 6 * args.files
    print('Memory in findings: %d files, %d findings (peak RSS, one run '
          'each)' % (args.files, findings))
    print('%-8s %10s %9s %12s  %s' % ('format', 'peak RSS', 'seconds',
                                      'goal', 'verdict'))
    for fmt in ('json', 'jsonl', 'text'):
        with open(os.devnull, 'wb') as sink:
            status, took, rss = peak_rss.measure(
                [os.path.abspath(args.ogcheck), '--offline', '--format', fmt,
                 '.'], cwd=corpus, stdout=sink)
        mb = rss / 1024
        goal = GOALS.get(fmt) if args.files == GOAL_FILES else None
        if goal is None:
            print('%-8s %7.1f MB %8.2fs %12s  (exit %d)' % (fmt, mb, took,
                                                            '-', status))
            continue
        print('%-8s %7.1f MB %8.2fs %9.1f MB  %s (exit %d)'
              % (fmt, mb, took, goal, 'PASS' if mb <= goal else 'MISS',
                 status))
    return 0


if __name__ == '__main__':
    sys.exit(main())
