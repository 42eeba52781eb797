#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""--shard K/N: the shards' union is the whole run, with no overlap.

shard_check.py OGCHECK: 60 generated files, one run of the whole folder,
then N runs of --shard K/N for N in 1, 3 and 7; the shards' files are
disjoint and together all files, and their findings together are exactly
the whole run's, those of the rules over pages together included (each
shard reads the rest of the site to compare its pages with). Shards also
agree between "site" and "./site".
"""
import json
import os
import subprocess
import sys
import tempfile

from expect import expect, summary


def run(ogcheck, cwd, *args):
    proc = subprocess.run([ogcheck, '--offline', '--format', 'json'] +
                          list(args), cwd=cwd, capture_output=True)
    return json.loads(proc.stdout)


def key(d):
    # the files a message names are spelt as the shard's path was
    return (d['file'].removeprefix('./'), d['line'], d['column'], d['rule'],
            d['message'].replace('./site/', 'site/'))


def main():
    ogcheck = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        # a Jekyll site, so that each shard compares its pages with the
        # whole site; one post in six has the title of the one before
        os.makedirs(os.path.join(tmp, 'site'))
        with open(os.path.join(tmp, 'site', '_config.yml'), 'w') as f:
            f.write('title: Shards\n')
        for i in range(60):
            d = os.path.join(tmp, 'site', 'part%d' % (i % 4))
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, 'p%02d.md' % i), 'w') as f:
                f.write('---\ntitle: Post %d\nog:\n  type: %s\n---\n' %
                        (i - (i % 6 == 5), 'blog' if i % 3 else 'article'))
        whole = run(ogcheck, tmp, 'site')
        want = sorted(key(d) for d in whole['diagnostics'])
        for n in (1, 3, 7):
            got = []
            files = []
            seen = set()
            for k in range(1, n + 1):
                part = run(ogcheck, tmp, '--shard', '%d/%d' % (k, n),
                           'site' if k % 2 else './site')
                files.append(part['summary']['files'])
                names = {d['file'].removeprefix('./')
                         for d in part['diagnostics']}
                expect(not names & seen,
                       '%d/%d: no file of an earlier shard' % (k, n),
                       'also in an earlier shard: %s' %
                       sorted(names & seen))
                seen |= names
                got += [key(d) for d in part['diagnostics']]
            expect(sum(files) == whole['summary']['files'],
                   'N=%d: the shards have the files of the run' % n,
                   '%s files, want %d' % (files, whole['summary']['files']))
            expect(sorted(got) == want,
                   'N=%d: the union is the run' % n,
                   'differs by: %s' % sorted(set(got) ^ set(want))[:4])
            if n > 1:
                expect(max(files) != whole['summary']['files'],
                       'N=%d: no shard took every file' % n,
                       '%s files' % files)
        expect(any(k[3] == 'title-duplicate' for k in want),
               'the whole run has a title-duplicate')
    return summary()


if __name__ == '__main__':
    sys.exit(main())
