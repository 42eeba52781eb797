#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""--index FILE: a run over one file takes the rest of its site from FILE.

index_check.py OGCHECK: a generated Jekyll site; FILE written by a whole
run, then runs that check one post, as a pre-commit hook does:

- a post that reuses another page's title fails (title-duplicate);
- FILE is what the other pages come from (a page changed behind its size
  and modification time is not read: the proof that FILE was used);
- a page edited after FILE was written is read again (its stale entry
  would give another answer), a deleted one is no longer a group member;
- a page read from standard input is not kept as its file's; another
  site's pages stay in FILE while a run checks this one;
- a damaged, truncated or foreign FILE, or one made under other rules,
  is not used: a one-line warning naming it, the findings of a run that
  reads every page, and FILE written anew (the next run uses it);
- no FILE yet (a hook's first run): no warning, FILE made; FILE that
  cannot be written: a warning, the run's findings and status as they
  are; a shard's part that cannot be written: exit 2.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from expect import expect, summary

POST = '---\ntitle: %s\nog:\n  type: article\n---\n'


def run(ogcheck, cwd, *args):
    proc = subprocess.run([ogcheck, '--offline', '--format', 'json'] +
                          list(args), cwd=cwd, capture_output=True)
    out = json.loads(proc.stdout) if proc.stdout else {'diagnostics': []}
    return out['diagnostics'], proc.stderr.decode()


def write(root, name, title):
    with open(os.path.join(root, 'site', name), 'w') as f:
        f.write(POST % title)


def dups(diags):
    return sorted(d['message'] for d in diags
                  if d['rule'] == 'title-duplicate')


def main():
    ogcheck = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, 'site', 'posts'))
        with open(os.path.join(tmp, 'site', '_config.yml'), 'w') as f:
            f.write('title: Index\n')
        for i in range(40):
            write(tmp, 'posts/p%02d.md' % i, 'Post %d' % i)
        post = 'site/posts/p07.md'

        def fresh():
            """FILE from a whole run, as a CI job or the last commit left
            it."""
            for name in os.listdir(tmp):
                if name.endswith('.idx'):
                    os.remove(os.path.join(tmp, name))
            diags, err = run(ogcheck, tmp, '--index', 'site.idx', 'site')
            expect('warning' not in err, 'the whole run: no warning', err)
            return diags

        def check(*args):
            """The post checked with FILE, and the truth: without it."""
            got, err = run(ogcheck, tmp, '--index', 'site.idx', *args,
                           post)
            truth, _ = run(ogcheck, tmp, *args, post)
            return got, truth, err

        # the whole run is the same with FILE
        whole, _ = run(ogcheck, tmp, 'site')
        expect(fresh() == whole, 'the whole run with --index: the same')

        # a post that reuses a title
        write(tmp, 'posts/p07.md', 'Post 3')
        got, truth, err = check()
        expect(any('p03.md' in m for m in dups(got)), 'a reused title',
               str(dups(got)))
        expect(got == truth, 'a reused title (truth)')
        expect('warning' not in err, 'a usable FILE: no warning', err)

        # FILE is used: p04 changed behind its size and time is not read
        fresh()
        p04 = os.path.join(tmp, 'site', 'posts', 'p04.md')
        st = os.stat(p04)
        write(tmp, 'posts/p04.md', 'Post 3')
        os.utime(p04, ns=(st.st_atime_ns, st.st_mtime_ns))
        got, truth, _ = check()
        expect(not any('p04.md' in m for m in dups(got)),
               'FILE used: p04 not read again', str(dups(got)))
        expect(any('p04.md' in m for m in dups(truth)), 'the truth sees p04',
               str(dups(truth)))
        write(tmp, 'posts/p04.md', 'Post 4')

        # edited after FILE was written: read again
        fresh()
        write(tmp, 'posts/p09.md', 'Post 3')
        got, truth, _ = check()
        expect(got == truth and any('p09.md' in m for m in dups(got)),
               'an edited page', str(dups(got)))
        write(tmp, 'posts/p09.md', 'Post 9')

        # deleted after FILE was written: no group member
        fresh()
        shutil.copy(os.path.join(tmp, 'site', 'posts', 'p03.md'),
                    os.path.join(tmp, 'p03.keep'))
        os.remove(os.path.join(tmp, 'site', 'posts', 'p03.md'))
        got, truth, _ = check()
        expect(got == truth and dups(got) == [], 'a deleted page',
               str(dups(got)))
        shutil.copy(os.path.join(tmp, 'p03.keep'),
                    os.path.join(tmp, 'site', 'posts', 'p03.md'))

        # a page read from standard input (a git hook's staged copy) is
        # not kept as its file's: the work tree's p07 says Post 7
        fresh()
        write(tmp, 'posts/p07.md', 'Post 7')
        subprocess.run([ogcheck, '--offline', '--index', 'site.idx',
                        '--stdin-filename', post, '-'], cwd=tmp,
                       input=(POST % 'Post 3').encode(), capture_output=True)
        write(tmp, 'posts/p11.md', 'Post 7')
        got, _ = run(ogcheck, tmp, '--index', 'site.idx', 'site/posts/p11.md')
        expect(any('p07.md' in m for m in dups(got)),
               'a page from standard input', str(dups(got)))
        write(tmp, 'posts/p11.md', 'Post 11')
        write(tmp, 'posts/p07.md', 'Post 3')

        # another site's pages stay in FILE while a run checks this one
        os.makedirs(os.path.join(tmp, 'other', 'posts'))
        with open(os.path.join(tmp, 'other', '_config.yml'), 'w') as f:
            f.write('title: Other\n')
        for i in range(5):
            with open(os.path.join(tmp, 'other', 'posts', 'o%d.md' % i),
                      'w') as f:
                f.write(POST % ('Other %d' % i))
        run(ogcheck, tmp, '--index', 'site.idx', 'site', 'other')
        run(ogcheck, tmp, '--index', 'site.idx', post)
        o1 = os.path.join(tmp, 'other', 'posts', 'o1.md')
        st = os.stat(o1)
        with open(o1, 'w') as f:
            f.write(POST % 'Other 0')
        os.utime(o1, ns=(st.st_atime_ns, st.st_mtime_ns))
        got, _ = run(ogcheck, tmp, '--index', 'site.idx',
                     'other/posts/o0.md')
        expect(dups(got) == [], 'another site kept', str(dups(got)))
        shutil.rmtree(os.path.join(tmp, 'other'))

        # a damaged FILE: a warning, the truth, and FILE written anew
        fresh()
        with open(os.path.join(tmp, 'site.idx'), 'rb') as f:
            good = f.read()
        bad = {
            'truncated': good[:len(good) * 2 // 3],
            'a byte changed': good[:100] + bytes([good[100] ^ 1]) +
            good[101:],
            'empty': b'',
            'another file': b'{"not": "an index"}\n',
            'another version': good[:8] + b'\x63\x00\x00\x00' + good[12:],
        }
        for what, data in bad.items():
            with open(os.path.join(tmp, 'site.idx'), 'wb') as f:
                f.write(data)
            got, truth, err = check()
            lines = [x for x in err.splitlines() if 'warning' in x]
            expect(len(lines) == 1 and 'site.idx' in lines[0],
                   '%s: a warning' % what, err)
            expect(got == truth, '%s: the findings' % what)
            _, err = run(ogcheck, tmp, '--index', 'site.idx', post)
            expect('warning' not in err, '%s: FILE written anew' % what,
                   err)

        # made under other rules: not used
        fresh()
        with open(os.path.join(tmp, 'other.yaml'), 'w') as f:
            f.write('rules:\n  - id: title-length\n    max: 30\n')
        st = os.stat(p04)
        write(tmp, 'posts/p04.md', 'Post 3')
        os.utime(p04, ns=(st.st_atime_ns, st.st_mtime_ns))
        got, truth, err = check('--rules', 'other.yaml')
        expect('site.idx' in err and 'other rules' in err,
               'other rules: a warning', err)
        expect(got == truth and any('p04.md' in m for m in dups(got)),
               'other rules: the findings', str(dups(got)))

        # the first run of a hook: no FILE yet, no warning, FILE made
        os.remove(os.path.join(tmp, 'site.idx'))
        got, truth, err = check()
        expect('warning' not in err, 'no FILE yet: no warning', err)
        expect(got == truth, 'no FILE yet: the findings')
        expect(os.path.exists(os.path.join(tmp, 'site.idx')),
               'no FILE yet: FILE made')

        # FILE cannot be written: the findings and status stand, a warning
        proc = subprocess.run([ogcheck, '--offline', '--format', 'json',
                               '--index', 'no-such-folder/site.idx', post],
                              cwd=tmp, capture_output=True)
        err = proc.stderr.decode()
        expect('no-such-folder/site.idx' in err and 'warning' in err,
               'unwritable FILE: a warning', err)
        expect(proc.stdout and
               json.loads(proc.stdout)['diagnostics'] == truth,
               'unwritable FILE: the findings')
        expect(proc.returncode == 1,
               'unwritable FILE: the status of the findings',
               str(proc.returncode))
        # a shard's part cannot be written: the merge would miss it
        proc = subprocess.run([ogcheck, '--offline', '--shard', '1/2',
                               '--index', 'no-such-folder/part.idx',
                               'site'], cwd=tmp, capture_output=True)
        expect(proc.returncode == 2, 'unwritable part: exit 2',
               str(proc.returncode))
    return summary()


if __name__ == '__main__':
    sys.exit(main())
