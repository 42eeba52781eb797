#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""--version names the version, and the commit when built from a git
checkout; src/util/git_commit.py finds that commit only at the top of a
checkout, never in a repository that merely holds the source.

Usage: version_check.py OGCHECK SOURCE_ROOT
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GIT_COMMIT = os.path.join(HERE, '..', 'src', 'util', 'git_commit.py')


def run(argv, cwd=None):
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True,
                          timeout=60)


def git_head(root):
    """The short hash of root's commit, or None when root is not the top
    of a git checkout."""
    proc = run(['git', '-C', root, 'rev-parse', '--show-toplevel'])
    if proc.returncode != 0 or \
            os.path.realpath(proc.stdout.strip()) != os.path.realpath(root):
        return None
    return run(['git', '-C', root, 'rev-parse', '--short', 'HEAD']
               ).stdout.strip()


def main():
    ogcheck, source = sys.argv[1], sys.argv[2]
    failed = 0
    with open(os.path.join(source, 'meson.build'), encoding='utf-8') as f:
        version = re.search(r"version: '([^']+)'", f.read()).group(1)
    head = git_head(source)
    want = 'ogcheck %s%s\n' % (version, ' (git %s)' % head if head else '')
    for option in ('--version', '-V'):
        proc = run([ogcheck, option])
        if proc.returncode != 0 or proc.stdout != want or proc.stderr:
            print('FAIL %s: exit %d, %r (want %r), stderr %r'
                  % (option, proc.returncode, proc.stdout, want, proc.stderr))
            failed += 1
    # The SPEC's shape whatever the checkout: "ogcheck 0.1.0" and at most
    # " (git <hash>)".
    proc = run([ogcheck, '--version'])
    if not re.fullmatch(r'ogcheck \d+\.\d+\.\d+( \(git [0-9a-f]{4,40}\))?\n',
                        proc.stdout):
        print('FAIL --version: %r' % proc.stdout)
        failed += 1

    # git_commit.py: the hash at the top of a checkout; nothing in a
    # folder inside one, or outside any (and exit 0: vcs_tag would write
    # the project's version for a failing command).
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, 'repo')
        inner = os.path.join(repo, 'ogcheck-0.1.0')
        os.makedirs(inner)
        env = dict(os.environ, GIT_AUTHOR_NAME='t', GIT_AUTHOR_EMAIL='t@t',
                   GIT_COMMITTER_NAME='t', GIT_COMMITTER_EMAIL='t@t')
        for argv in (['git', 'init', '-q'],
                     ['git', 'commit', '-q', '--allow-empty', '-m', 'x']):
            subprocess.run(argv, cwd=repo, env=env, check=True,
                           capture_output=True)
        expect = run(['git', 'rev-parse', '--short', 'HEAD'], cwd=repo
                     ).stdout.strip()
        for root, code, out in ((repo, 0, expect + '\n'), (inner, 0, ''),
                                (tmp, 0, '')):
            proc = run([sys.executable, GIT_COMMIT, root])
            if proc.returncode != code or proc.stdout != out:
                print('FAIL git_commit.py %s: exit %d, %r (want %d, %r)'
                      % (os.path.relpath(root, tmp), proc.returncode,
                         proc.stdout, code, out))
                failed += 1
    print('version_check: %s' % ('failed' if failed else 'passed'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
