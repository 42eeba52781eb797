#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The cost of the cross-page stage (issue 18).

    cross_bench.py OGCHECK WORK [--files N] [--before OGCHECK]

Checks the benchmark's generated corpus (gen_corpus.py; --files N, default
20,000, one page in ten given a title that another page has too) offline:
with the built-in rules; with the five rules over pages together set off
in a rule file (the stage still builds its index then, and compares
nothing); and, with --before, with a build that has no such stage. Prints
the best of 5 wall times, the median peak RSS of 7 runs of each (taken in
turn) and the findings of each, and the differences against the goals
(the stage under 20 % of the per-file pass, memory under 40 bytes a
page); with --before and valgrind, the stage's share in instructions
too (callgrind, one thread), the figure the time goal is judged by. ci/bench builds the --before binary from
the same commit with -Dbench_no_index=true: no page put in the index, so
the stage does nothing and every other change is on both sides. With
--before, the memory with one thread too: the findings are then told on
the thread that holds the index.

Then one named post checked as a pre-commit hook checks it, with the
corpus made one Jekyll site for the time (a _config.yml, taken away
after): the rest of the site read, and taken from --index FILE (written
by a whole run first).
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench import best_of, measure  # noqa: E402

CROSS = ('title-duplicate', 'description-duplicate', 'image-shared',
         'canonical-target', 'url-duplicate')


def findings(ogcheck, args):
    proc = subprocess.run([ogcheck] + args, capture_output=True)
    report = json.loads(proc.stdout)
    return sum(1 for d in report['diagnostics'] if d['rule'] in CROSS)


def medians(runs, args, n=7):
    """The median peak RSS (MiB) of each of runs (+ args), n runs each,
    taken in turn."""
    got = [[] for _ in runs]
    for _ in range(n):
        for k, r in enumerate(runs):
            got[k].append(measure(r + args)[1])
    return [statistics.median(g) for g in got]


def instructions(work, runs, args):
    """The instructions of each of runs (+ args) with one thread, as
    callgrind counts them; None without valgrind. Unlike the wall time
    on shared cores, the same from one run to the next."""
    if shutil.which('valgrind') is None:
        print('instructions: skipped (no valgrind on this machine)')
        return None
    out = os.path.join(work, 'callgrind.out')
    counts = []
    for r in runs:
        proc = subprocess.run(['valgrind', '--tool=callgrind',
                               '--callgrind-out-file=' + out] + r +
                              ['--threads', '1'] + args,
                              capture_output=True, text=True)
        m = re.search(r'Collected : (\d+)', proc.stderr)
        if m is None:
            print('instructions: skipped (callgrind said nothing)')
            return None
        counts.append(int(m.group(1)))
    os.remove(out)
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('ogcheck')
    ap.add_argument('work')
    ap.add_argument('--files', type=int, default=20000)
    ap.add_argument('--before', help='an ogcheck without the stage')
    args = ap.parse_args()
    ogcheck = os.path.abspath(args.ogcheck)
    work = os.path.abspath(args.work)
    corpus = os.path.join(work, 'cross-corpus')
    if not os.path.isdir(corpus):
        subprocess.run([sys.executable, os.path.join(HERE, 'gen_corpus.py'),
                        corpus, str(args.files), '1'], check=True)
        # one page in ten shares its title with the page before it
        names = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus)
                       for f in fs if f.endswith('.md'))
        for i in range(10, len(names), 10):
            with open(names[i], encoding='utf-8') as f:
                text = f.read()
            text = re.sub(r'(?m)^title: .*$', 'title: Page %d' % (i // 10),
                          text, count=1)
            with open(names[i], 'w', encoding='utf-8') as f:
                f.write(text)
            with open(names[i - 1], encoding='utf-8') as f:
                text = f.read()
            text = re.sub(r'(?m)^title: .*$', 'title: Page %d' % (i // 10),
                          text, count=1)
            with open(names[i - 1], 'w', encoding='utf-8') as f:
                f.write(text)
    off = os.path.join(work, 'cross-off.yaml')
    with open(off, 'w') as f:
        f.write('rules:\n' + ''.join('  %s: off\n' % r for r in CROSS))
    common = ['--offline', '--format', 'json', corpus]
    runs = [[ogcheck], [ogcheck, '--rules', off]]
    if args.before:
        runs.append([os.path.abspath(args.before)])
    # wall: the best of 5; peak RSS: the median of 7 runs of each, taken
    # in turn (the largest of a few moved by 10 bytes a page and more
    # from one set to the next), with two threads and with one
    times = [best_of(5, r + common)[0] for r in runs]
    rss = medians(runs, common)
    rss_one = medians(runs, ['--threads', '1'] + common) if args.before \
        else None
    n_on = findings(ogcheck, common)
    names = ['rules over pages on', 'rules over pages off (index built)',
             'without the stage (--before)']
    print()
    print('cross-page stage, %d files (%s)' % (args.files, corpus))
    print('%-36s %9s %10s %9s' % ('run', 'wall s', 'peak MiB',
                                  'findings'))
    for k in range(len(runs)):
        print('%-36s %9.3f %10.1f %9s' % (names[k], times[k], rss[k],
                                          (n_on, 0, '-')[k]))
    base = -1 if args.before else 1
    aside = '' if args.before else ', its index aside'
    # the wall time of two threads on shared cores moves by more than
    # the stage costs from one set of runs to the next: the goal is
    # judged by the instructions below
    print('the stage: %+.1f %% of the wall time without it%s'
          % ((times[0] - times[base]) / times[base] * 100, aside))
    print('memory: %+.0f bytes a page (goal: under 40)%s' %
          ((rss[0] - rss[base]) * 2**20 / args.files, aside))
    if args.before:
        counted = instructions(work, [runs[0], runs[-1]], common)
        if counted:
            print('the stage in instructions (callgrind, one thread): '
                  '%+.1f %% (%.1f M -> %.1f M; goal: under 20 %%)' %
                  ((counted[0] - counted[1]) / counted[1] * 100,
                   counted[1] / 1e6, counted[0] / 1e6))
        # the findings are told on the thread that holds the index
        print('memory with one thread: %+.0f bytes a page' %
              ((rss_one[0] - rss_one[base]) * 2**20 / args.files))
        # the index alone: built, compared by no rule, no finding told
        print('memory of the index alone (rules off): %+.0f bytes a page'
              % ((rss[1] - rss[base]) * 2**20 / args.files))
    hook_runs(ogcheck, work, corpus)
    return 0


def hook_runs(ogcheck, work, corpus):
    """One named post, the rest of its site read or taken from --index."""
    config = os.path.join(corpus, '_config.yml')
    index = os.path.join(work, 'cross-site.idx')
    post = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus)
                  for f in fs if f.endswith('.md'))[len(os.listdir(corpus))]
    with open(config, 'w') as f:
        f.write('title: Bench\n')
    try:
        whole = ['--offline', '--format', 'json', '--index', index, corpus]
        write_s = best_of(5, [ogcheck] + whole)[0]
        read_s = best_of(5, [ogcheck, '--offline', post])[0]
        kept_s = best_of(5, [ogcheck, '--offline', '--index', index,
                             post])[0]
    finally:
        os.remove(config)
    print('one named post of the site (a _config.yml added):')
    print('%-36s %9.3f' % ('  the rest of the site read', read_s))
    print('%-36s %9.3f' % ('  the rest from --index FILE', kept_s))
    print('%-36s %9.3f  (FILE %d bytes)' % ('  a whole run writing FILE',
                                            write_s, os.path.getsize(index)))


if __name__ == '__main__':
    sys.exit(main())
