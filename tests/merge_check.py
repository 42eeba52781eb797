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
damaged part.
"""
import json
import os
import subprocess
import sys
import tempfile

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
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        make_site(tmp)
        _, whole, _ = run(ogcheck, tmp, 'site')
        want = sorted(key(d) for d in whole['diagnostics'])
        rules = {k[3] for k in want}
        for rule in ('title-duplicate', 'description-duplicate',
                     'image-shared'):
            if rule not in rules:
                failures.append('the whole run has no %s' % rule)
        for n in (1, 3, 7):
            got = []
            parts = []
            for k in range(1, n + 1):
                part = 'part-%d-%d.idx' % (k, n)
                status, out, err = run(ogcheck, tmp, '--shard',
                                       '%d/%d' % (k, n), '--index', part,
                                       'site' if k % 2 else './site')
                if out is None or err.count('warning') > 0:
                    failures.append('shard %d/%d: %d %s' % (k, n, status,
                                                            err))
                    continue
                own = [d['rule'] for d in out['diagnostics']
                       if d['rule'] in CROSS]
                if own:
                    failures.append('shard %d/%d ran the rules over pages '
                                    'together: %s' % (k, n, own[:3]))
                got += [key(d) for d in out['diagnostics']]
                parts.append(part)
            status, merged, err = run(ogcheck, tmp, '--merge', *parts)
            if merged is None:
                failures.append('N=%d: the merge failed: %d %s' %
                                (n, status, err))
                continue
            if status != (1 if any(d['severity'] == 'error'
                                   for d in merged['diagnostics']) else 0):
                failures.append('N=%d: the merge exits %d' % (n, status))
            other = [d['rule'] for d in merged['diagnostics']
                     if d['rule'] not in CROSS]
            if other:
                failures.append('N=%d: the merge reports %s' % (n, other[:3]))
            got += [key(d) for d in merged['diagnostics']]
            if len(got) != len(set(got)):
                failures.append('N=%d: a finding twice' % n)
            if sorted(got) != want:
                failures.append('N=%d: the union differs from the run: %s'
                                % (n, sorted(set(got) ^ set(want))[:4]))
        # parts made under other rules do not go together
        with open(os.path.join(tmp, 'other.yaml'), 'w') as f:
            f.write('rules:\n  - id: title-length\n    max: 30\n')
        run(ogcheck, tmp, '--shard', '1/2', '--index', 'a.idx', 'site')
        run(ogcheck, tmp, '--shard', '2/2', '--index', 'b.idx', '--rules',
            'other.yaml', 'site')
        status, _, err = run(ogcheck, tmp, '--merge', 'a.idx', 'b.idx')
        if status != 2 or 'b.idx' not in err:
            failures.append('parts under other rules: %d %s' % (status, err))
        with open(os.path.join(tmp, 'a.idx'), 'rb') as f:
            data = f.read()
        with open(os.path.join(tmp, 'cut.idx'), 'wb') as f:
            f.write(data[:len(data) // 2])
        status, _, err = run(ogcheck, tmp, '--merge', 'cut.idx')
        if status != 2 or 'cut.idx' not in err:
            failures.append('a damaged part: %d %s' % (status, err))
        status, _, err = run(ogcheck, tmp, '--merge')
        if status != 2:
            failures.append('--merge without parts: %d %s' % (status, err))
    for f in failures:
        print('FAIL', f)
    print('%d passed, %d failed' % (0 if failures else 1, len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
