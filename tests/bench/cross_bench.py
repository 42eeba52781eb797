#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The cost of the cross-page stage (issue 18).

    cross_bench.py OGCHECK WORK [--files N] [--before OGCHECK]

Checks the benchmark's generated corpus (gen_corpus.py; --files N, default
20,000, one page in ten given a title that another page has too) offline:
with the built-in rules; with the five rules over pages together set off
in a rule file (the stage still builds its index then, and compares
nothing); and, with --before, with a build that has no such stage. Prints
the best of 5 wall times, the peak RSS and the findings of each, and the
differences against the goals (the stage under 20 % of the per-file pass,
memory under 40 bytes a page). ci/bench builds the --before binary from
the same commit with -Dbench_no_index=true: no page put in the index, so
the stage does nothing and every other change is on both sides.

Then one named post checked as a pre-commit hook checks it, with the
corpus made one Jekyll site for the time (a _config.yml, taken away
after): the rest of the site read, and taken from --index FILE (written
by a whole run first).
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench import best_of  # noqa: E402

CROSS = ('title-duplicate', 'description-duplicate', 'image-shared',
         'canonical-target', 'url-duplicate')


def findings(ogcheck, args):
    proc = subprocess.run([ogcheck] + args, capture_output=True)
    report = json.loads(proc.stdout)
    return sum(1 for d in report['diagnostics'] if d['rule'] in CROSS)


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
    on_s, on_rss, _ = best_of(5, [ogcheck] + common)
    off_s, off_rss, _ = best_of(5, [ogcheck, '--rules', off] + common)
    n_on = findings(ogcheck, common)
    before = None
    if args.before:
        before = best_of(5, [os.path.abspath(args.before)] + common)
    print()
    print('cross-page stage, %d files (%s)' % (args.files, corpus))
    print('%-36s %9s %10s %9s' % ('run', 'wall s', 'peak MiB',
                                  'findings'))
    print('%-36s %9.3f %10.1f %9d' % ('rules over pages on', on_s, on_rss,
                                      n_on))
    print('%-36s %9.3f %10.1f %9d' % ('rules over pages off (index built)',
                                      off_s, off_rss, 0))
    if before:
        print('%-36s %9.3f %10.1f %9s' % ('without the stage (--before)',
                                          before[0], before[1], '-'))
    base_s, base_rss = before[:2] if before else (off_s, off_rss)
    print('the stage: %+.1f %% of the run without it (goal: under 20 %%)%s'
          % ((on_s - base_s) / base_s * 100,
             '' if before else ', its index aside'))
    print('memory: %+.0f bytes a page (goal: under 40)%s' %
          ((on_rss - base_rss) * 2**20 / args.files,
           '' if before else ', its index aside'))
    if before:
        # the index alone: built, compared by no rule, no finding told
        print('memory of the index alone (rules off): %+.0f bytes a page'
              % ((off_rss - base_rss) * 2**20 / args.files))
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
