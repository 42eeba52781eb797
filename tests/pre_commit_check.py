#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The pre-commit hooks of .pre-commit-hooks.yaml, run by the pre-commit
program (Debian's: 3.0.4 in Debian 12) as a user's site would run them.

pre_commit_check.py OGCHECK REPO_ROOT:
- README.md's and docs/recipes.md's `rev:` is `v` + meson.build's version
  (the tag of the release a user copies them for);
- the tracked files of the working tree, as they are now, are committed to
  a scratch hooks repository, and a scratch site's .pre-commit-config.yaml
  names it at that commit (so the manifest tested is the working tree's);
- ogcheck-build builds ogcheck once in pre-commit's clone, silently, while
  pre-commit runs batches of files in parallel (one `meson setup` in all:
  the lock holds), and checks every file;
- with `pre-commit install`, a commit of a bad post is blocked by both
  hooks (ogcheck: the ogcheck on PATH, pointed at OGCHECK), also when the
  post is fixed only in the work tree; a good post and an unrelated commit
  pass;
- a build that fails prints its log, every time it is tried.
Exit status 77 (skipped) when pre-commit is not installed.
"""
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

from expect import expect, summary

POST = '''---
title: %s
date: %s
og:
  title: %s
  type: article
  url: https://x.example.org/%s/
  image: https://x.example.org/%s.png
---
Body.
'''
GOOD = '2024-03-01'
BAD = '16:08 29/05/2020'
POSTS = 40


def run(argv, cwd, env, check=False):
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True,
                          text=True)
    if check and proc.returncode != 0:
        raise RuntimeError('%s: %s%s' % (argv, proc.stdout, proc.stderr))
    return proc


def write(path, text, mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)
    if mode is not None:
        os.chmod(path, mode)


def post(repo, name, date):
    slug = os.path.splitext(os.path.basename(name))[0]
    write(os.path.join(repo, name), POST % (slug, date, slug, slug, slug))


def check_revs(root):
    with open(os.path.join(root, 'meson.build')) as f:
        version = re.search(r"version:\s*'([^']+)'", f.read()).group(1)
    for doc in ('README.md', 'docs/recipes.md'):
        with open(os.path.join(root, doc)) as f:
            revs = re.findall(r'^\s*rev:\s*(\S+)', f.read(), re.M)
        expect(revs != [] and all(r == 'v' + version for r in revs),
               '%s: rev: %s is v + the meson.build version (%s)' %
               (doc, ', '.join(revs) or '(none)', version))


def hooks_repo(root, dest, env):
    """The working tree's tracked files, as they are now, in a new
    repository at dest; returns its commit."""
    names = run(['git', 'ls-files', '-z'], root, env, True).stdout
    for name in names.split('\0'):
        source = os.path.join(root, name)
        if name == '' or not os.path.lexists(source):
            continue
        target = os.path.join(dest, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.islink(source):
            os.symlink(os.readlink(source), target)
        elif os.path.isfile(source):
            shutil.copy2(source, target)
    run(['git', 'init', '-q'], dest, env, True)
    run(['git', 'add', '-A'], dest, env, True)
    run(['git', 'commit', '-q', '-m', 'working tree'], dest, env, True)
    return run(['git', 'rev-parse', 'HEAD'], dest, env, True).stdout.strip()


def wrappers(bindir, log):
    """meson and flock on PATH that note each call in log, then run the
    real ones."""
    for tool in ('meson', 'flock'):
        real = shutil.which(tool)
        if real is None:
            raise RuntimeError(tool + ' not found')
        write(os.path.join(bindir, tool),
              '#!/bin/sh\necho "%s $(date +%%s.%%N) $1" >> "%s"\n'
              'exec "%s" "$@"\n' % (tool, log, real),
              stat.S_IRWXU)


def calls(log, tool, first_arg=None):
    """The times of the logged calls of tool (with that first argument)."""
    if not os.path.exists(log):
        return []
    out = []
    with open(log) as f:
        for line in f:
            parts = line.split()
            if parts[0] == tool and (first_arg is None or
                                     parts[2:3] == [first_arg]):
                out.append(float(parts[1]))
    return out


def hook_result(out, name):
    """Passed, Failed or Skipped, as pre-commit prints it for a hook."""
    m = re.search(r'^' + re.escape(name) + r'\.*(?:\(.*\))?(\w+)$', out,
                  re.M)
    return m.group(1) if m else None


def broken_build(tmp, root, env):
    """A source whose meson.build cannot be read: the entry prints the
    build's log and fails, and tries again the next time."""
    src = os.path.join(tmp, 'broken')
    os.makedirs(os.path.join(src, 'ci'))
    shutil.copy2(os.path.join(root, 'ci', 'pre-commit-ogcheck'),
                 os.path.join(src, 'ci'))
    write(os.path.join(src, 'meson.build'), "project('broken', 'c',\n")
    entry = os.path.join(src, 'ci', 'pre-commit-ogcheck')
    for attempt in ('first', 'second'):
        proc = run([entry, '--version'], src, env)
        expect(proc.returncode == 2 and 'building ogcheck' in proc.stderr
               and 'meson.build:' in proc.stderr,
               'a failing build (%s try): exit 2, its log printed' % attempt,
               proc.stdout + proc.stderr)


def main():
    ogcheck, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    check_revs(root)
    if shutil.which('pre-commit') is None:
        print('pre-commit is not installed (ci/deps installs it): skipped')
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.pop('PRE_COMMIT_NO_CONCURRENCY', None)
        env.pop('PRE_COMMIT_COLOR', None)
        env['PRE_COMMIT_HOME'] = os.path.join(tmp, 'cache')
        env['HOME'] = tmp
        env['GIT_CONFIG_GLOBAL'] = os.devnull
        env['GIT_CONFIG_NOSYSTEM'] = '1'
        for k in ('AUTHOR', 'COMMITTER'):
            env['GIT_%s_NAME' % k] = 't'
            env['GIT_%s_EMAIL' % k] = 't@example.org'
        log = os.path.join(tmp, 'calls.log')
        bindir = os.path.join(tmp, 'bin')
        wrappers(bindir, log)
        # the installed hook's ogcheck is the one under test
        env['PATH'] = os.pathsep.join([bindir, os.path.dirname(ogcheck),
                                       env.get('PATH', '/usr/bin:/bin')])

        broken_build(tmp, root, env)
        open(log, 'w').close()

        hooks = os.path.join(tmp, 'ogcheck-src')
        rev = hooks_repo(root, hooks, env)
        site = os.path.join(tmp, 'site')
        os.makedirs(site)
        run(['git', 'init', '-q'], site, env, True)
        write(os.path.join(site, '.pre-commit-config.yaml'),
              'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n'
              '      - id: ogcheck-build\n      - id: ogcheck\n' %
              (hooks, rev))
        for i in range(POSTS):
            post(site, 'content/posts/p%02d.md' % i, GOOD)
        run(['git', 'add', '-A'], site, env, True)

        # first use: one build, while batches run in parallel
        proc = run(['pre-commit', 'run', 'ogcheck-build', '--all-files',
                    '--verbose'], site, env)
        out = proc.stdout + proc.stderr
        expect(proc.returncode == 0 and
               hook_result(out, 'ogcheck (built on first use)') == 'Passed',
               'ogcheck-build, first use: built, and the posts pass', out)
        checked = sum(int(n) for n in re.findall(r'^(\d+) files? checked',
                                                 out, re.M))
        batches = len(re.findall(r'^\d+ files? checked', out, re.M))
        expect(checked == POSTS, 'every post checked once (%d in %d '
               'batches)' % (checked, batches), out)
        expect('Meson' not in out and 'ninja' not in out.lower(),
               'the build printed nothing', out)
        setups = calls(log, 'meson', 'setup')
        expect(len(setups) == 1, 'one meson setup (%d)' % len(setups))
        built = [os.path.join(dp, '.ogcheck-built') for dp, _, names in
                 os.walk(env['PRE_COMMIT_HOME']) if '.ogcheck-built' in names]
        expect(len(built) == 1, 'one build in pre-commit\'s clone')
        if built:
            done = os.stat(built[0]).st_mtime
            waiting = [t for t in calls(log, 'flock') if t <= done]
            if os.cpu_count() and os.cpu_count() > 1:
                expect(batches > 1 and len(waiting) > 1,
                       '%d batches took the lock before the build ended: '
                       'they ran in parallel' % len(waiting))
            else:
                print('note: one CPU, so pre-commit ran no batches in '
                      'parallel; the lock was not contended')
            entry = os.path.join(os.path.dirname(os.path.dirname(built[0])),
                                 'ci', 'pre-commit-ogcheck')
            proc = run([entry, '--version'], site, env)
            expect(proc.returncode == 0 and proc.stderr == '' and
                   proc.stdout.startswith('ogcheck '),
                   'the built entry runs ogcheck, quietly',
                   proc.stdout + proc.stderr)

        # as a git hook: both hooks on each commit
        proc = run(['pre-commit', 'install'], site, env)
        expect(proc.returncode == 0, 'pre-commit install', proc.stderr)
        proc = run(['git', 'commit', '-q', '-m', 'posts'], site, env)
        out = proc.stdout + proc.stderr
        expect(proc.returncode == 0 and
               hook_result(out, 'ogcheck (installed)') == 'Passed' and
               hook_result(out, 'ogcheck (built on first use)') == 'Passed',
               'good posts: committed, both hooks passed', out)

        def head():
            return run(['git', 'rev-parse', 'HEAD'], site, env).stdout

        before = head()
        post(site, 'content/posts/bad.md', BAD)
        run(['git', 'add', 'content/posts/bad.md'], site, env, True)
        proc = run(['git', 'commit', '-q', '-m', 'bad'], site, env)
        out = proc.stdout + proc.stderr
        expect(proc.returncode != 0 and head() == before,
               'a bad post: the commit is blocked', out)
        for name in ('ogcheck (installed)', 'ogcheck (built on first use)'):
            expect(hook_result(out, name) == 'Failed', name + ' failed', out)
        expect(out.count('content/posts/bad.md:3:7: error:') == 2,
               'each hook names the bad date', out)

        # fixed in the work tree only: pre-commit checks what is staged
        post(site, 'content/posts/bad.md', GOOD)
        proc = run(['git', 'commit', '-q', '-m', 'bad'], site, env)
        out = proc.stdout + proc.stderr
        expect(proc.returncode != 0 and head() == before,
               'fixed only in the work tree: still blocked', out)

        run(['git', 'add', 'content/posts/bad.md'], site, env, True)
        proc = run(['git', 'commit', '-q', '-m', 'fixed'], site, env)
        out = proc.stdout + proc.stderr
        expect(proc.returncode == 0 and head() != before,
               'fixed and staged: committed', out)

        write(os.path.join(site, 'main.c'), 'int main(void) { return 0; }\n')
        run(['git', 'add', 'main.c'], site, env, True)
        proc = run(['git', 'commit', '-q', '-m', 'c'], site, env)
        out = proc.stdout + proc.stderr
        expect(proc.returncode == 0 and
               hook_result(out, 'ogcheck (installed)') == 'Skipped',
               'only a .c file: committed, the hooks skipped', out)

        setups = calls(log, 'meson', 'setup')
        expect(len(setups) == 1, 'still one meson setup in all (%d)' %
               len(setups))
    return summary()


if __name__ == '__main__':
    sys.exit(main())
