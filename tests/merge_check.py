#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""--shard K/N --index PART, then --merge PART...: exactly the whole run.

merge_check.py OGCHECK: a generated Jekyll site of 90 pages (repeated
titles and descriptions, one share image on most pages of a section), one
whole run, then for N in 1, 3 and 7: N shards that each write their part
(and read no other shard's page), and one --merge of the parts. The
shards' findings and the merge's are exactly the whole run's, with no
finding twice; the merge reports only the rules over pages together.
Parts made under other rules do not merge (exit status 2), nor does a
damaged part. Without a temporary folder (TMPDIR that is none) the whole
run's findings are the same, in the same order.
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

from expect import expect, summary

CROSS = {'title-duplicate', 'description-duplicate', 'image-shared',
         'canonical-target', 'url-duplicate'}


def run(ogcheck, cwd, *args):
    proc = subprocess.run([ogcheck, '--offline', '--format', 'json'] +
                          list(args), cwd=cwd, capture_output=True)
    out = json.loads(proc.stdout) if proc.stdout else None
    return proc.returncode, out, proc.stderr.decode()


def key(d):
    # the files a message names are spelt as the shard's path was
    return (d['file'].removeprefix('./'), d['line'], d['column'], d['rule'],
            d['message'].replace('./site/', 'site/'))


def make_site(root):
    os.makedirs(os.path.join(root, 'site'))
    with open(os.path.join(root, 'site', '_config.yml'), 'w') as f:
        f.write('title: Merge\nurl: https://example.org\n')
    for i in range(90):
        d = os.path.join(root, 'site', 'part%d' % (i % 5))
        os.makedirs(d, exist_ok=True)
        image = ('https://example.org/shared.png' if i % 5 == 0 else
                 'https://example.org/img%d.png' % i)
        with open(os.path.join(d, 'p%02d.md' % i), 'w') as f:
            f.write('---\ntitle: Post %d\ndescription: About %d\n'
                    'og:\n  type: article\n  image: %s\n---\n' %
                    (i - (i % 6 == 5), i - (i % 7 == 6), image))


def main():
    ogcheck = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        make_site(tmp)
        _, whole, _ = run(ogcheck, tmp, 'site')
        want = sorted(key(d) for d in whole['diagnostics'])
        rules = {k[3] for k in want}
        for rule in ('title-duplicate', 'description-duplicate',
                     'image-shared'):
            expect(rule in rules, 'the whole run reports %s' % rule)
        # no temporary folder: the index keeps the names, the stage tells
        # each page's findings at once (no spool); the same findings, in
        # the same order
        proc = subprocess.run([ogcheck, '--offline', '--format', 'json',
                               'site'], cwd=tmp, capture_output=True,
                              env=dict(os.environ, TMPDIR=os.path.join(
                                  tmp, 'none')))
        bare = json.loads(proc.stdout) if proc.stdout else None
        expect(bare is not None and
               bare['diagnostics'] == whole['diagnostics'],
               'without a temporary folder: the same findings',
               'exit %d: %s' % (proc.returncode, proc.stderr.decode()))
        for n in (1, 3, 7):
            got = []
            parts = []
            for k in range(1, n + 1):
                part = 'part-%d-%d.idx' % (k, n)
                status, out, err = run(ogcheck, tmp, '--shard',
                                       '%d/%d' % (k, n), '--index', part,
                                       'site' if k % 2 else './site')
                ran = out is not None and err.count('warning') == 0
                expect(ran, 'shard %d/%d: its findings, no warning' % (k, n),
                       'exit %d: %s' % (status, err))
                if not ran:
                    continue
                own = [d['rule'] for d in out['diagnostics']
                       if d['rule'] in CROSS]
                expect(not own, 'shard %d/%d: none of the rules over pages '
                       'together' % (k, n), 'it ran: %s' % own[:3])
                got += [key(d) for d in out['diagnostics']]
                parts.append(part)
            status, merged, err = run(ogcheck, tmp, '--merge', *parts)
            expect(merged is not None, 'N=%d: the merge runs' % n,
                   'exit %d: %s' % (status, err))
            if merged is None:
                continue
            errors = any(d['severity'] == 'error'
                         for d in merged['diagnostics'])
            expect(status == (1 if errors else 0),
                   'N=%d: the merge exits %d' % (n, 1 if errors else 0),
                   'exit %d' % status)
            other = [d['rule'] for d in merged['diagnostics']
                     if d['rule'] not in CROSS]
            expect(not other, 'N=%d: the merge reports only the rules over '
                   'pages together' % n, 'it reports: %s' % other[:3])
            got += [key(d) for d in merged['diagnostics']]
            twice = [g for g, c in collections.Counter(got).items() if c > 1]
            expect(not twice, 'N=%d: no finding twice' % n,
                   'twice: %s' % sorted(twice)[:4])
            expect(sorted(got) == want, 'N=%d: the union is the run' % n,
                   'differs by: %s' % sorted(set(got) ^ set(want))[:4])
        # parts made under other rules do not go together
        with open(os.path.join(tmp, 'other.yaml'), 'w') as f:
            f.write('rules:\n  - id: title-length\n    max: 30\n')
        run(ogcheck, tmp, '--shard', '1/2', '--index', 'a.idx', 'site')
        run(ogcheck, tmp, '--shard', '2/2', '--index', 'b.idx', '--rules',
            'other.yaml', 'site')
        status, _, err = run(ogcheck, tmp, '--merge', 'a.idx', 'b.idx')
        expect(status == 2 and 'b.idx' in err,
               'parts under other rules: exit 2, naming the part',
               'exit %d: %s' % (status, err))
        with open(os.path.join(tmp, 'a.idx'), 'rb') as f:
            data = f.read()
        with open(os.path.join(tmp, 'cut.idx'), 'wb') as f:
            f.write(data[:len(data) // 2])
        status, _, err = run(ogcheck, tmp, '--merge', 'cut.idx')
        expect(status == 2 and 'cut.idx' in err,
               'a damaged part: exit 2, naming it',
               'exit %d: %s' % (status, err))
        status, _, err = run(ogcheck, tmp, '--merge')
        expect(status == 2, '--merge without parts: exit 2',
               'exit %d: %s' % (status, err))
    return summary()


if __name__ == '__main__':
    sys.exit(main())
