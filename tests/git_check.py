#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""--changed-since and the pre-commit hook, in a temporary git repository.

git_check.py OGCHECK REPO_ROOT:
- --changed-since HEAD checks the modified, added and renamed content
  files only (not the deleted, untouched or non-content ones), within the
  PATHs given, and a bad revision is exit status 2;
- the `ogcheck` hook of .pre-commit-hooks.yaml runs as pre-commit runs it:
  its entry, then the staged files that match its `files` pattern;
- a changed page of a site is compared with the whole site by the rules
  over pages together.
"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

from expect import expect, summary

PAGE = '---\ntitle: %s\nog:\n  title: t\n  type: blog\n  url: https://x.org/\n' \
       '  image: https://x.org/i.png\n---\n'


def git(repo, *args):
    subprocess.run(['git', '-c', 'user.email=t@example.org', '-c',
                    'user.name=t'] + list(args), cwd=repo, check=True,
                   capture_output=True)


def write(repo, name, text):
    path = os.path.join(repo, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


def files_of(report):
    return sorted({d['file'] for d in report['diagnostics']})


def hook(root, hook_id):
    """entry and files of one hook, read from .pre-commit-hooks.yaml."""
    text = open(os.path.join(root, '.pre-commit-hooks.yaml')).read()
    block = text.split('- id: ' + hook_id + '\n')[1].split('\n- id:')[0]
    entry = re.search(r'^\s+entry: (.*)$', block, re.M).group(1)
    files = re.search(r'^\s+files: (.*)$', block, re.M).group(1)
    return entry, files


def main():
    ogcheck, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as repo:
        git(repo, 'init', '-q')
        for name in ('docs/keep.md', 'docs/edit.md', 'docs/gone.md',
                     'blog/old-name.md', 'blog/post.md'):
            write(repo, name, PAGE % name)
        write(repo, 'notes.txt', 'not content\n')
        git(repo, 'add', '-A')
        git(repo, 'commit', '-qm', 'one')
        write(repo, 'docs/edit.md', PAGE % 'edited')
        write(repo, 'docs/new.md', PAGE % 'new')
        write(repo, 'notes.txt', 'changed, not content\n')
        git(repo, 'rm', '-q', 'docs/gone.md')
        git(repo, 'mv', 'blog/old-name.md', 'blog/new-name.md')
        git(repo, 'add', '-A')

        run = subprocess.run([ogcheck, '--offline', '--format', 'json',
                              '--changed-since', 'HEAD'], cwd=repo,
                             capture_output=True)
        report = json.loads(run.stdout)
        expect(files_of(report) == ['blog/new-name.md', 'docs/edit.md',
                                    'docs/new.md'],
               'changed since HEAD: %s' % files_of(report))
        expect(report['summary']['files'] == 3, 'three files checked')
        run = subprocess.run([ogcheck, '--offline', '--format', 'json',
                              '--changed-since', 'HEAD', 'docs'], cwd=repo,
                             capture_output=True)
        expect(files_of(json.loads(run.stdout)) == ['docs/edit.md',
                                                    'docs/new.md'],
               'changed since HEAD within docs')
        run = subprocess.run([ogcheck, '--offline', '--changed-since',
                              'no-such-rev'], cwd=repo, capture_output=True)
        expect(run.returncode == 2 and b'no-such-rev' in run.stderr,
               'a bad revision is exit status 2')
        run = subprocess.run([ogcheck, '--offline', '--changed-since',
                              '--output=x'], cwd=repo, capture_output=True)
        expect(run.returncode == 2, 'a revision starting with - is refused')

        # the pre-commit hook, run the way pre-commit runs it
        entry, pattern = hook(root, 'ogcheck')
        staged = subprocess.run(['git', 'diff', '--cached', '--name-only'],
                                cwd=repo, capture_output=True, text=True)
        names = [n for n in staged.stdout.split() if re.search(pattern, n)]
        env = dict(os.environ)
        env['PATH'] = os.path.dirname(ogcheck) + os.pathsep + env['PATH']
        argv = shlex.split(entry) + ['--format', 'json'] + names
        run = subprocess.run(argv, cwd=repo, capture_output=True, env=env)
        report = json.loads(run.stdout)
        expect('--offline' in entry, 'the hook runs offline')
        expect(names == ['blog/new-name.md', 'docs/edit.md', 'docs/new.md'],
               'the hook sees the staged content files: %s' % names)
        expect(report['summary']['files'] == 3 and run.returncode == 0,
               'the hook checks them (warnings only: exit 0)')
    with tempfile.TemporaryDirectory() as repo:
        site_changes(ogcheck, repo)
    return summary()


def site_changes(ogcheck, repo):
    """A changed page is compared with the whole of its site."""
    git(repo, 'init', '-q')
    write(repo, 'site/_config.yml', 'title: Ferries\n')
    page = '---\ntitle: %s\n---\n'
    for name, title in (('a', 'Ferry times'), ('b', 'Harbour map')):
        write(repo, 'site/%s.md' % name, page % title)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-qm', 'one')
    write(repo, 'site/c.md', page % 'Ferry  times')
    git(repo, 'add', '-A')
    run = subprocess.run([ogcheck, '--offline', '--format', 'json',
                          '--changed-since', 'HEAD'], cwd=repo,
                         capture_output=True)
    report = json.loads(run.stdout)
    dups = [(d['file'], d['message']) for d in report['diagnostics']
            if d['rule'] == 'title-duplicate']
    expect(report['summary']['files'] == 1 and len(dups) == 1 and
           dups[0][0] == 'site/c.md' and 'site/a.md' in dups[0][1],
           'changed since HEAD: the new post has the title of an '
           'unchanged one, which is named and not checked: %s' % dups)
    run = subprocess.run([ogcheck, '--offline', '--format', 'json',
                          'site/b.md'], cwd=repo, capture_output=True)
    expect(not [d for d in json.loads(run.stdout)['diagnostics']
                if d['rule'] == 'title-duplicate'],
           'a named page with a title of its own: no title-duplicate')


if __name__ == '__main__':
    sys.exit(main())
