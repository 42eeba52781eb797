#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Baseline round trip: record, fix one, add one, rewrite.

baseline_check.py OGCHECK: a site with two known findings is recorded;
lines added above a finding do not make it new; after one finding is
fixed and a new one added, a run with the baseline reports only the new
one, and rewriting the baseline drops the fixed one and records the new.
Two pages that share a title are recorded; when a third takes it too,
only the third page's finding is new.
"""
import json
import os
import subprocess
import sys
import tempfile

from expect import expect, summary


def run(ogcheck, cwd, *args):
    proc = subprocess.run([ogcheck, '--offline', '--format', 'json'] +
                          list(args) + ['site'], cwd=cwd, capture_output=True)
    return proc.returncode, json.loads(proc.stdout)


def main():
    ogcheck = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, 'site'))
        page = os.path.join(tmp, 'site', 'a.md')

        def write(extra, date):
            with open(page, 'w') as f:
                f.write('---\n%sog:\n  title: t\n  type: blog\n'
                        '  url: https://x.org/\n  image: https://x.org/i.png\n'
                        'date: %s\n---\n' % (extra, date))

        write('', '29/05/2020')
        status, _ = run(ogcheck, tmp, '--write-baseline', 'b.json')
        known = json.load(open(os.path.join(tmp, 'b.json')))['findings']
        expect(status == 1 and sorted(f['rule'] for f in known) ==
               ['date-format', 'og-type'], 'two findings recorded')

        write('description: moved every line down\n', '29/05/2020')
        status, report = run(ogcheck, tmp, '--baseline', 'b.json')
        expect(status == 0 and report['diagnostics'] == [] and
               report['summary']['baselined'] == 2,
               'edits above the findings keep them known')

        # fix the date, break the title
        write('title: "%s"\n' % ('t' * 70), '2020-05-29')
        status, report = run(ogcheck, tmp, '--baseline', 'b.json',
                             '--write-baseline', 'b.json')
        expect(status == 0 and [d['rule'] for d in report['diagnostics']] ==
               ['title-length'] and report['summary']['baselined'] == 1,
               'only the new finding is reported (a warning: exit 0)')
        now = json.load(open(os.path.join(tmp, 'b.json')))['findings']
        expect(sorted(f['rule'] for f in now) == ['og-type', 'title-length'],
               'the rewritten baseline drops the fixed finding')
        expect(not any('.tmp' in n for n in os.listdir(tmp)),
               'no temporary file left')
    group_joined(ogcheck)
    return summary()


def group_joined(ogcheck):
    """Two pages share a title, known in the baseline; a third takes it
    too: only the third page's finding is new (the two messages now name
    another page, and their fingerprints leave messages out)."""
    post = ('---\ntitle: Shared title\ndescription: About %s\nog:\n'
            '  type: article\n---\n')
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, 'site'))
        for name in ('a', 'b'):
            with open(os.path.join(tmp, 'site', name + '.md'), 'w') as f:
                f.write(post % name)
        run(ogcheck, tmp, '--write-baseline', 'b.json')
        known = json.load(open(os.path.join(tmp, 'b.json')))['findings']
        expect([f['rule'] for f in known].count('title-duplicate') == 2,
               'a group of two recorded: a finding each')
        with open(os.path.join(tmp, 'site', 'c.md'), 'w') as f:
            f.write(post % 'c')
        _, report = run(ogcheck, tmp, '--baseline', 'b.json')
        new = [d['file'] for d in report['diagnostics']
               if d['rule'] == 'title-duplicate']
        expect(new == ['site/c.md'],
               'a third page joins: only its finding is new',
               'title-duplicate reported on %s' % new)


if __name__ == '__main__':
    sys.exit(main())
