#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""File system cases: fs_check.py OGCHECK.

Builds trees with hostile shapes in a temporary folder and checks that
ogcheck reports each case on its file, goes on with the others, never
hangs, and never writes inside the tree it checks:

- file names with spaces, newlines, tabs, escape sequences, backslashes and
  bytes that are not UTF-8, shown escaped in text and JSON output;
- symlink loops (to an ancestor, to itself, two folders to each other) and
  dangling symlinks;
- a FIFO named like content (skipped in a walk: opening it would block);
- permission denied on a file and on a folder (run as nobody when root);
- files that vanish while the walk runs, and files rewritten while they
  are read;
- the tree, its timestamps and sizes unchanged by a run that writes a
  cache, a report and a baseline elsewhere.
"""
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading

FRONT = (b'---\ntitle: A post\nog:\n  title: A post\n  type: article\n'
         b'  url: https://x.org/a/\n  image: https://x.org/a.png\n'
         b'canonical: https://x.org/a/\n---\nBody\n')
BAD = FRONT.replace(b'type: article', b'type: blog')   # one og-type finding
# the rules over pages together: files written from one FRONT share a
# title and an og:url
CROSS = {'title-duplicate', 'description-duplicate', 'image-shared',
         'canonical-target', 'url-duplicate'}
passed = failed = 0


def check(ok, what, detail=''):
    global passed, failed
    if ok:
        passed += 1
        print('ok   ' + what)
    else:
        failed += 1
        print('FAIL ' + what + (': ' + str(detail)[:600] if detail else ''))


def write(path, data=BAD):
    with open(path, 'wb') as f:
        f.write(data)


def run(ogcheck, args, cwd, user=None, timeout=60):
    """Runs ogcheck --offline ARGS; returns the CompletedProcess (bytes)."""
    cmd = [ogcheck, '--offline'] + args
    if user is not None:
        cmd = ['setpriv', '--reuid=%d' % user, '--regid=%d' % user,
               '--clear-groups', '--'] + cmd
    return subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout)


def report(proc):
    try:
        return json.loads(proc.stdout.decode('utf-8', errors='strict'))
    except ValueError as e:
        check(False, 'JSON output is valid UTF-8 JSON', e)
        return {'diagnostics': [], 'summary': {}}


def test_names(ogcheck, tmp):
    root = os.path.join(tmp, 'names')
    os.mkdir(root)
    names = {
        b'my post.md': './my post.md',
        b'new\nline.md': './new\\nline.md',
        b'tab\t.md': './tab\\t.md',
        b'latin\xe9.md': './latin\\xe9.md',
        b'back\\slash.md': './back\\\\slash.md',
        b'\x1b[31mred.md': './\\x1b[31mred.md',
        'caf\u00e9.md'.encode(): './caf\u00e9.md',
    }
    for name in names:
        write(os.path.join(root.encode(), name))
    proc = run(ogcheck, ['--format', 'json', '.'], root)
    got = report(proc)
    files = sorted(d['file'] for d in got['diagnostics']
                   if d['rule'] == 'og-type')
    check(files == sorted(names.values()),
          'names: JSON shows each name escaped, one finding each', files)
    others = [d['message'] for d in got['diagnostics']
              if d['rule'] == 'title-duplicate']
    check(len(others) == len(names) and
          all('\x1b' not in m and '\n' not in m for m in others) and
          any('./latin\\xe9.md' in m for m in others),
          'names: the files a duplicate names are escaped as in "file"',
          others[:3])
    check(got['summary'].get('files') == len(names), 'names: all checked',
          got['summary'])
    proc = run(ogcheck, ['.'], root)
    lines = [line for line in proc.stdout.decode(
        'utf-8', errors='strict').splitlines() if ':5:' in line]
    check(sorted(line.split(':5:')[0] for line in lines) ==
          sorted(names.values()) and
          all(line.endswith('[og-type]') for line in lines),
          'names: text has one line per finding, names escaped', lines)
    check(b'\x1b' not in proc.stdout + proc.stderr,
          'names: no raw escape sequence reaches the terminal')
    proc = run(ogcheck, [os.path.join(root, 'no\nsuch.md')], root)
    check(proc.returncode == 2 and b'no\\nsuch.md: no such file' in
          proc.stderr, 'names: a missing named path is escaped too',
          proc.stderr)


def test_links(ogcheck, tmp):
    root = os.path.join(tmp, 'links')
    for d in ('a', 'b', 'c'):
        os.makedirs(os.path.join(root, d))
        write(os.path.join(root, d, 'post.md'))
    os.symlink('..', os.path.join(root, 'a', 'up'))        # an ancestor
    os.symlink('.', os.path.join(root, 'a', 'here'))       # itself
    os.symlink('../c', os.path.join(root, 'b', 'to-c'))    # b -> c -> b
    os.symlink('../b', os.path.join(root, 'c', 'to-b'))
    os.symlink('self.md', os.path.join(root, 'self.md'))   # a file loop
    os.symlink('gone', os.path.join(root, 'dangling.md'))
    proc = run(ogcheck, ['--format', 'json', '.'], root, timeout=30)
    got = report(proc)
    by_file = {}
    for d in got['diagnostics']:
        by_file.setdefault(d['file'], []).append(d)
    unreadable = {f: ds[0]['message'] for f, ds in by_file.items()
                  if ds[0]['rule'] == 'file-unreadable'}
    check(proc.returncode == 1 and set(unreadable) ==
          {'./self.md', './dangling.md'},
          'links: the looping and the dangling link are file-unreadable',
          unreadable)
    check('symbolic links' in unreadable.get('./self.md', '') and
          'No such file' in unreadable.get('./dangling.md', ''),
          'links: each says why', unreadable)
    checked = sorted(f for f, ds in by_file.items()
                     if any(d['rule'] == 'og-type' for d in ds))
    # b/to-c and c/to-b each enter the other once; an ancestor is never
    # entered again (as find -L and ripgrep --follow do)
    check(checked == ['./a/post.md', './b/post.md', './b/to-c/post.md',
                      './c/post.md', './c/to-b/post.md'],
          'links: loops cut at the first repeat of an ancestor', checked)


def test_fifo(ogcheck, tmp):
    root = os.path.join(tmp, 'fifo')
    os.mkdir(root)
    os.mkfifo(os.path.join(root, 'pipe.md'))
    write(os.path.join(root, 'post.md'))
    try:
        proc = run(ogcheck, ['--format', 'json', '.'], root, timeout=20)
    except subprocess.TimeoutExpired:
        check(False, 'fifo: a FIFO in a walked folder does not block')
        return
    got = report(proc)
    check([d['file'] for d in got['diagnostics']] == ['./post.md'] and
          got['summary'].get('files') == 1,
          'fifo: a FIFO in a walked folder is skipped', got)


def test_permissions(ogcheck, tmp):
    user = None
    if os.geteuid() == 0:
        if shutil.which('setpriv') is None:
            check(False, 'permissions: setpriv is needed to drop root')
            return
        user = 65534                                     # nobody
        # nobody may not reach the build folder (a clone under /root):
        # a copy of the binary in the temporary folder runs as well
        copy = os.path.join(tmp, 'ogcheck-copy')
        shutil.copy(ogcheck, copy)
        os.chmod(copy, 0o755)
        ogcheck = copy
    root = os.path.join(tmp, 'perm')
    os.makedirs(os.path.join(root, 'closed'))
    write(os.path.join(root, 'closed', 'inside.md'))
    write(os.path.join(root, 'secret.md'))
    write(os.path.join(root, 'open.md'))
    os.chmod(os.path.join(root, 'secret.md'), 0)
    os.chmod(os.path.join(root, 'closed'), 0)
    for path in (tmp, root):
        os.chmod(path, 0o755)
    os.chmod(os.path.join(root, 'open.md'), 0o644)
    # the baseline goes where nobody may write
    os.makedirs(os.path.join(tmp, 'perm-out'))
    os.chmod(os.path.join(tmp, 'perm-out'), 0o777)
    base = os.path.join(tmp, 'perm-out', 'baseline.json')
    try:
        proc = run(ogcheck, ['--format', 'json', '.'], root, user=user)
        lines = run(ogcheck, ['--threads', '1', '--format', 'jsonl', '.'],
                    root, user=user)
        pooled = run(ogcheck, ['--threads', '2', '--format', 'jsonl', '.'],
                     root, user=user)
        wrote = run(ogcheck, ['--write-baseline', base, '.'], root,
                    user=user)
        known = run(ogcheck, ['--baseline', base, '--format', 'json', '.'],
                    root, user=user)
    finally:
        os.chmod(os.path.join(root, 'closed'), 0o755)
        os.chmod(os.path.join(root, 'secret.md'), 0o644)
    got = report(proc)
    seen = sorted((d['file'], d['rule'], d['message'])
                  for d in got['diagnostics'])
    check(seen == [
        ('./closed', 'file-unreadable',
         'cannot read the folder: Permission denied'),
        ('./open.md', 'og-type', seen[1][2] if len(seen) > 1 else ''),
        ('./secret.md', 'file-unreadable',
         'cannot open the file: Permission denied'),
    ], 'permissions: denied file and folder reported, the rest checked',
        seen)
    for name, got_lines in (('one thread', lines), ('a pool', pooled)):
        rows = [json.loads(x) for x in got_lines.stdout.splitlines()]
        files = sorted(r['file'] for r in rows if 'rule' in r)
        check(files == ['./closed', './open.md', './secret.md'],
              'permissions: jsonl (%s) writes the unreadable folder\'s '
              'finding' % name, got_lines.stdout[-600:])
    hidden = report(known)
    check(wrote.returncode == 1 and known.returncode == 0 and
          hidden['diagnostics'] == [] and
          hidden['summary'].get('baselined') == 3,
          'permissions: a baseline that records the unreadable folder '
          'hides it', (wrote.returncode, known.returncode, hidden))


def test_vanishing(ogcheck, tmp):
    """Files deleted while ogcheck reads the folder: no crash, and each
    file is either checked or reported as gone. The deleting starts once
    ogcheck runs and goes from the last name back, so that files vanish
    between the walk that lists them and their turn to be read."""
    root = os.path.join(tmp, 'vanish')
    os.mkdir(root)
    count = 20000
    for i in range(count):
        write(os.path.join(root, '%05d.md' % i))
    proc = subprocess.Popen([ogcheck, '--offline', '--threads', '1',
                             '--format', 'json', '.'], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for i in range(count - 1, -1, -2):
        os.remove(os.path.join(root, '%05d.md' % i))
    out, err = proc.communicate(timeout=120)
    got = report(subprocess.CompletedProcess([], proc.returncode, out, err))
    rules = {d['rule'] for d in got['diagnostics']}
    gone = [d['message'] for d in got['diagnostics']
            if d['rule'] == 'file-unreadable']
    checked = got['summary'].get('files', 0)
    # exit 1 comes from the files reported gone (errors); when the deleting
    # ran ahead of the walk, none is, and only og-type warnings are left
    check(proc.returncode == (1 if gone else 0) and
          rules <= {'og-type', 'file-unreadable'} | CROSS
          and all(m == 'cannot open the file: No such file or directory'
                  for m in gone) and b'Sanitizer' not in err and
          count // 2 <= checked <= count,
          'vanishing: each file checked or reported gone (%d of %d '
          'listed, %d gone)' % (checked, count, len(gone)),
          (rules, gone[:3], err[-400:]))

def test_changing(ogcheck, tmp):
    """Files rewritten (truncated, grown, shrunk) while ogcheck reads them:
    each read sees some state of the file; nothing crashes or hangs."""
    root = os.path.join(tmp, 'changing')
    os.mkdir(root)
    count = 300
    for i in range(count):
        write(os.path.join(root, '%03d.md' % i))
    shapes = [b'', BAD, FRONT, b'---\ntitle: "unclosed\n', BAD * 50,
              b'---\n' + b'k: v\n' * 5000 + b'---\n']
    stop = threading.Event()

    def rewrite():
        n = 0
        while not stop.is_set():
            path = os.path.join(root, '%03d.md' % (n % count))
            with open(path, 'r+b') as f:
                f.truncate(0)
                f.write(shapes[n % len(shapes)])
            n += 1

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        procs = [run(ogcheck, ['--format', 'json', '.'], root)
                 for _ in range(3)]
    finally:
        stop.set()
        writer.join()
    known = {'og-type', 'og-required', 'front-matter-missing',
             'front-matter-invalid', 'title-length', 'url-canonical',
             'url-format', 'limit-diagnostics'} | CROSS
    rules = set()
    for proc in procs:
        rules |= {d['rule'] for d in report(proc)['diagnostics']}
    check(all(p.returncode in (0, 1) and b'Sanitizer' not in p.stderr
              for p in procs) and rules <= known,
          'changing: files rewritten during the run are read whole or '
          'not at all, without a crash', (rules - known,
                                          procs[0].stderr[-300:]))


def snapshot(root):
    """Every path under root with its type, size, mtime and content hash."""
    state = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            digest = ''
            if stat.S_ISREG(st.st_mode):
                with open(path, 'rb') as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            state[path] = (st.st_mode, st.st_size, st.st_mtime_ns, digest)
    return state


def test_no_writes(ogcheck, tmp):
    root = os.path.join(tmp, 'site')
    out = os.path.join(tmp, 'out')
    os.makedirs(os.path.join(root, 'posts'))
    os.mkdir(out)
    write(os.path.join(root, 'posts', 'a.md'))
    write(os.path.join(root, 'posts', 'b.md'), FRONT)
    write(os.path.join(root, 'index.html'),
          b'<html><head><title>T</title></head><body></body></html>')
    before = snapshot(root)
    runs = [
        ['.'],
        ['--format', 'json', '--output', os.path.join(out, 'r.json'),
         '--format', 'sarif', '--output', os.path.join(out, 'r.sarif'),
         '--write-baseline', os.path.join(out, 'base.json'), '.'],
        ['--baseline', os.path.join(out, 'base.json'), '--cache',
         os.path.join(out, 'cache.json'), '.'],
    ]
    for args in runs:
        run(ogcheck, args, root)
    check(snapshot(root) == before,
          'no writes: the checked tree is byte for byte the same')
    check(sorted(os.listdir(out)) == ['base.json', 'r.json', 'r.sarif'],
          'no writes: the named files were written, elsewhere',
          os.listdir(out))


def test_gitignore(ogcheck, tmp):
    """.gitignore files are honoured in walks, as git reads them, but a
    site's build (Hugo's public/) is checked even when ignored."""
    root = os.path.join(tmp, 'ignored')
    os.makedirs(os.path.join(root, '.git'))
    for d in ('content/private', 'content/sub/private', 'public',
              'node_cache', 'content/deep'):
        os.makedirs(os.path.join(root, d))
    with open(os.path.join(root, 'hugo.toml'), 'w') as f:
        f.write('baseURL = "https://x.org/"\n')
    with open(os.path.join(root, '.gitignore'), 'w') as f:
        f.write('# builds and drafts\npublic/\nnode_cache/\n*.draft.md\n'
                '!keep.draft.md\n/content/private/\n')
    with open(os.path.join(root, 'content', 'deep', '.gitignore'), 'w') as f:
        f.write('secret.md\n')
    for name in ('content/a.md', 'content/b.draft.md',
                 'content/keep.draft.md', 'content/private/p.md',
                 'content/sub/private/q.md', 'node_cache/x.md',
                 'content/deep/secret.md', 'content/deep/open.md'):
        write(os.path.join(root, name))
    with open(os.path.join(root, 'public', 'index.html'), 'w') as f:
        f.write('<!doctype html><html><head><title>x</title></head></html>\n')
    got = report(run(ogcheck, ['--format', 'json', '.'], root))
    files = sorted(set(d['file'] for d in got['diagnostics']))
    check(files == ['./content/a.md', './content/deep/open.md',
                    './content/keep.draft.md', './content/sub/private/q.md',
                    './public/index.html'] and
          got['summary'].get('files') == 5,
          'gitignore: ignored files skipped, negation and anchoring kept, '
          'the site\'s build checked', (files, got['summary']))
    # from a subfolder the repository's .gitignore still applies
    got = report(run(ogcheck, ['--format', 'json', '.'],
                     os.path.join(root, 'content')))
    files = sorted(set(d['file'] for d in got['diagnostics']))
    check(files == ['./a.md', './deep/open.md', './keep.draft.md',
                    './sub/private/q.md'],
          'gitignore: the .gitignore above the start applies', files)
    # --no-ignore: every page, .gitignore or not (node_cache/x.md is
    # outside Hugo's content/, so no page either way)
    got = report(run(ogcheck, ['--format', 'json', '--no-ignore', '.'],
                     root))
    files = sorted(set(d['file'] for d in got['diagnostics']))
    check(got['summary'].get('files') == 8 and
          './content/deep/secret.md' in files and
          './content/private/p.md' in files and
          './content/b.draft.md' in files,
          'gitignore: --no-ignore checks the ignored files too',
          (files, got['summary']))


def main():
    ogcheck = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        for test in (test_names, test_links, test_fifo, test_permissions,
                     test_vanishing, test_changing, test_no_writes,
                     test_gitignore):
            try:
                test(ogcheck, tmp)
            except Exception as e:   # one broken case is one failure
                check(False, '%s raised %r' % (test.__name__, e))
    print('fs_check: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
