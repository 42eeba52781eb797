#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Pathological inputs, generated at test time: pathological.py OGCHECK.

Each case asserts the diagnostics and that memory stays independent of the
input's size (peak RSS of the ogcheck process, from wait4). Time is bounded
by the meson timeout, not measured here: speed belongs to ci/bench.
"""
import json
import os
import subprocess
import sys
import tempfile

FRONT = ('---\ntitle: A post with a huge body\n'
         'og:\n  title: t\n  type: article\n  url: https://x.org/a/\n'
         '  image: https://x.org/a.png\n---\n')
failures = []


def run(ogcheck, path):
    """Runs ogcheck on path; returns (status, report, stderr)."""
    proc = subprocess.run([ogcheck, '--offline', '--format', 'json', path],
                          capture_output=True, timeout=120)
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def peak_rss(ogcheck, path):
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execv(ogcheck, [ogcheck, '--offline', '--format', 'json', path])
    _, _, usage = os.wait4(pid, 0)
    return usage.ru_maxrss


def expect(name, cond, detail=''):
    print(('ok   ' if cond else 'FAIL ') + name + (': ' + detail if detail else ''))
    if not cond:
        failures.append(name)


def main():
    ogcheck = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        small = os.path.join(tmp, 'small.md')
        with open(small, 'w') as f:
            f.write(FRONT + 'Body.\n')
        base_rss = peak_rss(ogcheck, small)

        # a 256 MiB body: only the front matter may be read
        big = os.path.join(tmp, 'big.md')
        with open(big, 'w') as f:
            f.write(FRONT)
            line = 'word ' * 200 + '\n'
            block = line * 1024
            for _ in range(256 * 1024 * 1024 // len(block)):
                f.write(block)
        status, report, _ = run(ogcheck, big)
        expect('big body: no findings', status == 0 and
               report['diagnostics'] == [], json.dumps(report['diagnostics']))
        rss = peak_rss(ogcheck, big)
        expect('big body: memory independent of body size',
               rss < base_rss + 4096, '%d KiB vs %d KiB' % (rss, base_rss))
        os.remove(big)

        # a 64 MiB HTML page: only its head is parsed; the body is scanned
        page = os.path.join(tmp, 'big.html')
        with open(page, 'w') as f:
            f.write('<!doctype html><html><head><title>Big</title>'
                    '<meta property="og:type" content="blog"></head><body>')
            block = '<p>' + 'word ' * 200 + '</p>\n'
            for _ in range(64 * 1024 * 1024 // len(block)):
                f.write(block)
            f.write('<meta property="og:type" content="article"></body></html>')
        status, report, _ = run(ogcheck, page)
        rules = sorted(set(d['rule'] for d in report['diagnostics']))
        expect('64 MiB page: head parsed, body scanned to its last tag',
               rules == ['meta-outside-head', 'og-required', 'og-type'],
               str(rules))
        rss = peak_rss(ogcheck, page)
        expect('64 MiB page: memory independent of page size',
               rss < base_rss + 4096, '%d KiB vs %d KiB' % (rss, base_rss))
        os.remove(page)

        # a 64 MiB first line and no front matter: decided on the first bytes
        long_line = os.path.join(tmp, 'long-line.md')
        with open(long_line, 'w') as f:
            f.write('x' * (64 * 1024 * 1024))
        status, report, _ = run(ogcheck, long_line)
        rules = [d['rule'] for d in report['diagnostics']]
        expect('long first line: front-matter-missing',
               rules == ['front-matter-missing'], str(rules))
        rss = peak_rss(ogcheck, long_line)
        expect('long first line: memory flat', rss < base_rss + 4096,
               '%d KiB vs %d KiB' % (rss, base_rss))

        # front matter that never closes within the limit
        open_fm = os.path.join(tmp, 'never-closed.md')
        with open(open_fm, 'w') as f:
            f.write('---\n' + 'key: value\n' * (512 * 1024))
        status, report, _ = run(ogcheck, open_fm)
        d = report['diagnostics']
        expect('unclosed 5 MiB front matter: front-matter-invalid',
               len(d) == 1 and d[0]['rule'] == 'front-matter-invalid' and
               '1 MiB' in d[0]['message'], json.dumps(d))

        # 10,000-deep nesting inside the front matter
        deep = os.path.join(tmp, 'deep.md')
        with open(deep, 'w') as f:
            f.write('---\nog: ' + '{k: ' * 10000 + '}' * 10000 + '\n---\n')
        status, report, _ = run(ogcheck, deep)
        d = report['diagnostics']
        expect('10,000-deep nesting: front-matter-invalid',
               status == 1 and d[0]['rule'] == 'front-matter-invalid' and
               'levels deep' in d[0]['message'], json.dumps(d[:1]))

        # 1 MiB single-line title
        wide = os.path.join(tmp, 'wide.md')
        with open(wide, 'w') as f:
            f.write('---\ntitle: ' + 'é' * (500 * 1024) + '\n---\n')
        status, report, _ = run(ogcheck, wide)
        d = [x for x in report['diagnostics'] if x['rule'] == 'title-length']
        expect('1 MiB line: title-length counts 512000 characters',
               len(d) == 1 and '512000 characters' in d[0]['message'] and
               len(d[0]['value'].encode()) <= 1024, d[0]['message'][:80] if d else '')

        # 20,000 files in one folder
        many = os.path.join(tmp, 'many')
        os.mkdir(many)
        for i in range(20000):
            with open(os.path.join(many, '%05d.md' % i), 'w') as f:
                f.write(FRONT)
        for i in range(0, 20000, 97):
            with open(os.path.join(many, '%05d.md' % i), 'w') as f:
                f.write(FRONT.replace('type: article', 'type: blog'))
        status, report, _ = run(ogcheck, many)
        expect('20,000 files: all checked', report['summary']['files'] == 20000
               and report['summary']['warnings'] == 207,
               str(report['summary']))
        one = subprocess.run([ogcheck, '--offline', '--format', 'json',
                              '--threads', '1', many], capture_output=True)
        four = subprocess.run([ogcheck, '--offline', '--format', 'json',
                               '--threads', '4', many], capture_output=True)
        expect('20,000 files: the same bytes on 1 and 4 threads',
               one.stdout == four.stdout and len(one.stdout) > 1000)
    print('%d passed, %d failed' % (10 - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
