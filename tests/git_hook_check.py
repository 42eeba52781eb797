#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ci/git-pre-commit, installed in a scratch git repository, with real
`git commit`s.

git_hook_check.py OGCHECK REPO_ROOT: the hook checks what is being
committed (the index, not the work tree): a bad date staged and fixed only
in the work tree is blocked; a good one staged with a bad work tree passes;
names with blanks and a newline, renames and upper-case endings are read;
a file's folder gives it its .ogcheck.yaml; symbolic links are not read;
`git commit PATH` (git's own temporary index) commits what it checks;
nothing staged, or no content file staged, is never blocked.
"""
import os
import subprocess
import sys
import tempfile

from expect import expect, summary

PAGE = '''---
title: %s
date: %s
og:
  title: A post
  type: article
  url: https://x.example.org/post/
  image: https://x.example.org/post.png
---
Body.
'''
GOOD = '2024-03-01'
BAD = '16:08 29/05/2020'


class Repo:
    def __init__(self, path, env):
        self.path = path
        self.env = env

    def git(self, *args, check=True):
        return subprocess.run(['git', '-c', 'user.email=t@example.org',
                               '-c', 'user.name=t'] + list(args),
                              cwd=self.path, check=check, capture_output=True,
                              text=True, env=self.env)

    def write(self, name, title, date):
        path = os.path.join(self.path, name)
        os.makedirs(os.path.dirname(path) or self.path, exist_ok=True)
        with open(path, 'w') as f:
            f.write(PAGE % (title, date))

    def head(self):
        return self.git('rev-parse', '-q', '--verify', 'HEAD',
                        check=False).stdout.strip()

    def commit(self, message, *args):
        """git commit with the hook: (committed, hook's output)."""
        before = self.head()
        run = self.git('commit', '-q', '-m', message, *args, check=False)
        after = self.head()
        expect((run.returncode == 0) == (before != after),
               '%s: exit status and HEAD agree' % message,
               run.stdout + run.stderr)
        return before != after, run.stdout + run.stderr


def main():
    ogcheck, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    hook = os.path.join(root, 'ci', 'git-pre-commit')
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env['OGCHECK'] = ogcheck
        # no user's or system's git configuration, no other hooks
        env['GIT_CONFIG_GLOBAL'] = os.devnull
        env['GIT_CONFIG_NOSYSTEM'] = '1'
        env['HOME'] = tmp
        repo = Repo(os.path.join(tmp, 'site'), env)
        os.mkdir(repo.path)
        repo.git('init', '-q')
        os.symlink(hook, os.path.join(repo.path, '.git', 'hooks',
                                      'pre-commit'))

        # nothing staged: the hook checks nothing and says nothing
        run = subprocess.run([hook], cwd=repo.path, capture_output=True,
                             text=True, env=env)
        expect(run.returncode == 0 and run.stdout == '' and
               run.stderr == '', 'nothing staged: exit 0, silent',
               run.stdout + run.stderr)
        done, out = repo.commit('empty', '--allow-empty')
        expect(done, 'an empty commit is not blocked', out)

        # bad staged, fixed in the work tree only: blocked
        repo.write('posts/ferry.md', 'Ferry', BAD)
        repo.git('add', 'posts/ferry.md')
        repo.write('posts/ferry.md', 'Ferry', GOOD)
        done, out = repo.commit('bad staged')
        expect(not done, 'a bad date staged, fixed only in the work tree: '
               'blocked', out)
        expect('posts/ferry.md:3:7: error:' in out and '[date-format]' in out,
               'the finding names the staged file, line and column', out)
        expect('commit blocked: 1 of 1' in out, 'the hook says why', out)

        # good staged, bad in the work tree: passes
        repo.write('posts/ferry.md', 'Ferry', GOOD)
        repo.git('add', 'posts/ferry.md')
        repo.write('posts/ferry.md', 'Ferry', BAD)
        done, out = repo.commit('good staged')
        expect(done, 'good staged, bad in the work tree: committed', out)
        expect('error' not in out, 'and nothing reported', out)

        # the work tree's bad file, unstaged, does not block an unrelated
        # commit; neither does a committed bad file
        with open(os.path.join(repo.path, 'main.c'), 'w') as f:
            f.write('int main(void) { return 0; }\n')
        with open(os.path.join(repo.path, 'notes.txt'), 'w') as f:
            f.write('date: 16:08 29/05/2020\n')
        repo.git('add', 'main.c', 'notes.txt')
        done, out = repo.commit('unrelated')
        expect(done and out == '', 'only a .c and a .txt file staged: '
               'committed, nothing said', out)
        repo.git('checkout', '-q', '--', 'posts/ferry.md')

        # names with blanks and a newline: read from the index, named in
        # the report (the newline escaped as \n)
        odd = ['posts/a new post.md', 'posts/two\nlines.md']
        for name in odd:
            repo.write(name, 'Odd', BAD)
        repo.git('add', '--', *odd)
        done, out = repo.commit('odd names')
        expect(not done, 'bad files with odd names: blocked', out)
        expect('posts/a new post.md:3:7: error:' in out and
               'posts/two\\nlines.md:3:7: error:' in out,
               'both odd names reported', out)
        expect('commit blocked: 2 of 2' in out, 'two of two failed', out)
        for name in odd:
            repo.write(name, 'Odd', GOOD)
        repo.git('add', '--', *odd)
        done, out = repo.commit('odd names fixed')
        expect(done, 'good files with odd names: committed', out)

        # a rename with a bad change is checked under its new name;
        # .HTML is a content ending too
        repo.git('mv', 'posts/a new post.md', 'posts/renamed.md')
        repo.write('posts/renamed.md', 'Odd', BAD)
        repo.git('add', 'posts/renamed.md')
        status = repo.git('diff', '--cached', '--name-status').stdout
        expect(status.startswith('R'), 'git sees a rename', status)
        done, out = repo.commit('rename')
        expect(not done and 'posts/renamed.md:3:7' in out,
               'a renamed bad file: blocked, under its new name', out)
        repo.write('posts/renamed.md', 'Odd', GOOD)
        repo.git('add', 'posts/renamed.md')
        with open(os.path.join(repo.path, 'PAGE.HTML'), 'w') as f:
            f.write('<html><head><title>t</title></head></html>\n')
        repo.git('add', 'PAGE.HTML')
        done, out = repo.commit('html')
        expect(not done and 'PAGE.HTML:1:' in out and 'og-required' in out,
               'an .HTML page is read as HTML: blocked', out)
        repo.git('rm', '-q', '--cached', 'PAGE.HTML')
        done, out = repo.commit('rename fixed')
        expect(done, 'the renamed file fixed: committed', out)

        # rules come from the staged file's folder: notes/.ogcheck.yaml
        # turns date-format off there, not in posts/
        os.makedirs(os.path.join(repo.path, 'notes'))
        with open(os.path.join(repo.path, 'notes', '.ogcheck.yaml'),
                  'w') as f:
            f.write('rules:\n  date-format: off\n')
        repo.write('notes/rough.md', 'Rough', BAD)
        repo.git('add', 'notes')
        done, out = repo.commit('notes')
        expect(done, "a bad date where the folder's .ogcheck.yaml turns "
               'date-format off: committed', out)

        # a symbolic link named .md is no file to read
        os.symlink('rough.md', os.path.join(repo.path, 'notes', 'link.md'))
        os.symlink('../notes/rough.md', os.path.join(repo.path, 'posts',
                                                     'link.md'))
        repo.git('add', 'notes/link.md', 'posts/link.md')
        done, out = repo.commit('links')
        expect(done and out == '', 'symbolic links: not read, committed',
               out)

        # git commit PATH commits (and the hook checks) the work tree's
        # file through git's own temporary index, whatever is staged
        repo.write('posts/ferry.md', 'Ferry again', BAD)
        repo.git('add', 'posts/ferry.md')
        repo.write('posts/ferry.md', 'Ferry again', GOOD)
        done, out = repo.commit('only', '--', 'posts/ferry.md')
        expect(done, 'git commit PATH: the good work tree file committed',
               out)
        committed = repo.git('show', 'HEAD:posts/ferry.md').stdout
        expect(GOOD in committed, 'and it is what was committed')
        repo.write('posts/ferry.md', 'Ferry again', BAD)
        done, out = repo.commit('only bad', '--', 'posts/ferry.md')
        expect(not done, 'git commit PATH with a bad work tree file: '
               'blocked', out)

        # an ogcheck that cannot run: status 2 blocks, and says why
        repo.git('add', 'posts/ferry.md')
        env2 = dict(env)
        env2['OGCHECK_ARGS'] = '--rules no-such-rules.yaml'
        run = subprocess.run([hook], cwd=repo.path, capture_output=True,
                             text=True, env=env2)
        expect(run.returncode == 2 and 'no-such-rules.yaml' in run.stderr,
               'a rule file that cannot be read: exit 2, named',
               run.stderr)
    return summary()


if __name__ == '__main__':
    sys.exit(main())
