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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from expect import expect, summary  # noqa: E402
from peak_rss import measure as peak_rss_of  # noqa: E402

FRONT = ('---\ntitle: A post with a huge body\n'
         'og:\n  title: t\n  type: article\n  url: https://x.org/a/\n'
         '  image: https://x.org/a.png\n---\n')

def run(ogcheck, path):
    """Runs ogcheck on path; returns (status, report, stderr)."""
    proc = subprocess.run([ogcheck, '--offline', '--format', 'json', path],
                          capture_output=True, timeout=120)
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def peak_rss(ogcheck, path):
    """Peak RSS in KiB of ogcheck alone (see tests/peak_rss.py)."""
    return peak_rss_of([ogcheck, '--offline', '--format', 'json', path])[2]


def flat(rss, base_rss, slack):
    """The measurement a memory check names, passing or failing."""
    return ('peak RSS %d KiB, a small page %d KiB, at most +%d KiB'
            % (rss, base_rss, slack))


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
        expect(status == 0 and report['diagnostics'] == [],
               'big body: no findings',
               'exit %d, %s' % (status, json.dumps(report['diagnostics'])))
        rss = peak_rss(ogcheck, big)
        expect(rss < base_rss + 4096,
               'big body: memory independent of body size (%s)'
               % flat(rss, base_rss, 4096))
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
        expect(rules == ['meta-outside-head', 'og-required', 'og-type'],
               '64 MiB page: head parsed, body scanned to its last tag',
               str(rules))
        rss = peak_rss(ogcheck, page)
        expect(rss < base_rss + 4096,
               '64 MiB page: memory independent of page size (%s)'
               % flat(rss, base_rss, 4096))
        os.remove(page)

        # a 64 MiB first line and no front matter: decided on the first bytes
        long_line = os.path.join(tmp, 'long-line.md')
        with open(long_line, 'w') as f:
            f.write('x' * (64 * 1024 * 1024))
        status, report, _ = run(ogcheck, long_line)
        rules = [d['rule'] for d in report['diagnostics']]
        expect(rules == ['front-matter-missing'],
               'long first line: front-matter-missing',
               str(rules))
        rss = peak_rss(ogcheck, long_line)
        expect(rss < base_rss + 4096,
               'long first line: memory flat (%s)'
               % flat(rss, base_rss, 4096))

        # front matter that never closes within the limit
        open_fm = os.path.join(tmp, 'never-closed.md')
        with open(open_fm, 'w') as f:
            f.write('---\n' + 'key: value\n' * (512 * 1024))
        status, report, _ = run(ogcheck, open_fm)
        d = report['diagnostics']
        expect(len(d) == 1 and d[0]['rule'] == 'limit-front-matter-size' and
               '1 MiB' in d[0]['message'],
               'unclosed 5 MiB front matter: limit-front-matter-size',
               json.dumps(d))

        # closed, but past the limit: 2 MiB of valid YAML
        big_fm = os.path.join(tmp, 'big-front.md')
        with open(big_fm, 'w') as f:
            f.write('---\nitems:\n' + '  - value\n' * (200 * 1024) +
                    '---\nBody\n')
        status, report, _ = run(ogcheck, big_fm)
        d = report['diagnostics']
        expect(status == 1 and [x['rule'] for x in d] ==
               ['limit-front-matter-size'] and d[0]['line'] == 1,
               '2 MiB front matter: limit-front-matter-size, status 1',
               json.dumps(d))

        # 10,000-deep nesting inside the front matter
        deep = os.path.join(tmp, 'deep.md')
        with open(deep, 'w') as f:
            f.write('---\nog: ' + '{k: ' * 10000 + '}' * 10000 + '\n---\n')
        status, report, _ = run(ogcheck, deep)
        d = report['diagnostics']
        expect(status == 1 and len(d) == 1 and
               d[0]['rule'] == 'limit-depth' and
               (d[0]['line'], d[0]['column']) == (2, 5 + 4 * 63) and
               '64 levels' in d[0]['message'],
               '10,000-deep nesting: limit-depth at the 65th level',
               json.dumps(d[:1]))

        # a billion laughs: each level doubles the one before
        laughs = os.path.join(tmp, 'laughs.md')
        with open(laughs, 'w') as f:
            f.write('---\na0: &a0 [lol, lol]\n')
            for i in range(1, 40):
                f.write('a%d: &a%d [*a%d, *a%d]\n' % (i, i, i - 1, i - 1))
            f.write('---\n')
        status, report, _ = run(ogcheck, laughs)
        d = report['diagnostics']
        expect(status == 1 and [x['rule'] for x in d] ==
               ['limit-aliases'] and '10000 values' in d[0]['message'],
               'alias bomb: limit-aliases',
               json.dumps(d))
        rss = peak_rss(ogcheck, laughs)
        expect(rss < base_rss + 8192,
               'alias bomb: memory flat (%s)' % flat(rss, base_rss, 8192))

        # 150,000 values in 600 KiB, no alias
        values = os.path.join(tmp, 'values.md')
        with open(values, 'w') as f:
            f.write('---\nl:\n' + '- a\n' * 150000 + '---\n')
        status, report, _ = run(ogcheck, values)
        d = report['diagnostics']
        expect(status == 1 and [x['rule'] for x in d] ==
               ['limit-values'] and '100000 values' in d[0]['message'],
               '150,000 values: limit-values',
               json.dumps(d))

        # a 60 KiB line is checked; a 100 KiB one is past the line limit
        wide = os.path.join(tmp, 'wide.md')
        with open(wide, 'w') as f:
            f.write('---\ntitle: ' + '\u00e9' * (30 * 1024) + '\n---\n')
        status, report, _ = run(ogcheck, wide)
        d = [x for x in report['diagnostics'] if x['rule'] == 'title-length']
        expect(len(d) == 1 and '30720 characters' in d[0]['message'] and
               len(d[0]['value'].encode()) <= 1024,
               '60 KiB line: title-length counts 30720 characters',
               d[0]['message'][:80] if d else
               'no title-length: ' + json.dumps(report['diagnostics'])[:300])
        with open(wide, 'w') as f:
            f.write('---\nog:\n  type: article\ntitle: ' +
                    '\u00e9' * (50 * 1024) + '\n---\n')
        status, report, _ = run(ogcheck, wide)
        d = report['diagnostics']
        expect(status == 1 and [(x['rule'], x['line']) for x in d] ==
               [('limit-line-length', 4)] and '64 KiB' in d[0]['message'],
               '100 KiB line: limit-line-length on line 4',
               json.dumps(d)[:300])

        # 3,000 bad dates: 1,000 listed, the rest counted
        dates = os.path.join(tmp, 'dates.md')
        with open(dates, 'w') as f:
            f.write(FRONT[:-4] + 'date:\n' + '- 31/12/2024\n' * 3000 +
                    '---\n')
        status, report, _ = run(ogcheck, dates)
        d = report['diagnostics']
        limit = [x for x in d if x['rule'] == 'limit-diagnostics']
        expect(len(d) == 1001 and len(limit) == 1 and
               limit[0]['severity'] == 'warning' and
               limit[0]['message'].startswith('2000 more findings') and
               report['summary']['errors'] == 1000 and
               [x['line'] for x in d[1:]] == list(range(9, 1009)),
               '3,000 findings: 1,000 listed and a limit-diagnostics',
               '%d findings, limit-diagnostics: %s'
               % (len(d), json.dumps(limit)))

        # an HTML head that runs past 1 MiB: its first MiB is checked
        head = os.path.join(tmp, 'big-head.html')
        with open(head, 'w') as f:
            f.write('<html><head><title>T</title>'
                    '<meta property="og:type" content="blog">')
            f.write('<script>' + 'x' * (2 * 1024 * 1024) + '</script>')
            f.write('<meta property="og:title" content="late"></head>'
                    '<body><meta property="og:url" content="u"></body>')
        status, report, _ = run(ogcheck, head)
        rules = sorted(set(x['rule'] for x in report['diagnostics']))
        expect(rules == ['limit-front-matter-size', 'og-required',
                         'og-type'],
               '2 MiB head: limit-front-matter-size, first MiB checked, '
               'rest unread',
               str(rules))

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
        # 207 og-type; the same title, og:title and og:url on every page
        # (title-duplicate twice, url-duplicate) and one image-shared
        cross = {}
        for d in report['diagnostics']:
            cross[d['rule']] = cross.get(d['rule'], 0) + 1
        expect(report['summary']['files'] == 20000
               and cross == {'og-type': 207, 'title-duplicate': 40000,
                             'url-duplicate': 20000, 'image-shared': 1},
               '20,000 files: all checked',
               str(report['summary']) + ' ' + str(cross))
        one = subprocess.run([ogcheck, '--offline', '--format', 'json',
                              '--threads', '1', many], capture_output=True)
        four = subprocess.run([ogcheck, '--offline', '--format', 'json',
                               '--threads', '4', many], capture_output=True)
        expect(one.stdout == four.stdout and len(one.stdout) > 1000,
               '20,000 files: the same bytes on 1 and 4 threads',
               '1 thread: exit %d, %d bytes; 4 threads: exit %d, %d bytes; '
               'stderr %r / %r'
               % (one.returncode, len(one.stdout), four.returncode,
                  len(four.stdout), one.stderr.decode()[-300:],
                  four.stderr.decode()[-300:]))
    return summary()


if __name__ == '__main__':
    sys.exit(main())
