#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""--format markdown as GitHub renders it.

markdown_check.py OGCHECK GOLDEN_DIR: renders every golden markdown report
(the expected output of each case whose args ask for --format markdown,
and the .md files it writes) with Debian's cmark-gfm, GitHub's fork of
cmark, with GitHub's extensions (table, autolink, strikethrough,
tagfilter) and raw HTML let through, and asserts of the HTML:

- only the elements ogcheck means to make: headings, paragraphs, tables,
  lists, code and strong; no link, image, raw HTML or emphasis;
- every text that is not ogcheck's own (outside <code>) holds no '<',
  '@', '#', '[', '`' or "http", which GitHub would turn into markup, a
  mention, a reference or a link;
- every table row's cells stay in their columns (the count in the
  Findings column);
- the hostile case's strings reach the reader whole, inside <code>.

Then it checks the size limit on a site generated here: 4,000 folders of
long names, whose folder table alone would pass 512 KiB: the report stays
under it, says what it left out, keeps the totals, and renders as above.
Skipped (77) without cmark-gfm.
"""
import html.parser
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

from expect import expect, summary

LIMIT = 512 * 1024
ALLOWED = {'h3', 'h4', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
           'ul', 'li', 'code', 'strong'}
EXTENSIONS = ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'strikethrough',
              '-e', 'tagfilter']

class Page(html.parser.HTMLParser):
    """The elements, the texts in and out of <code>, the table rows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = set()
        self.attrs = set()
        self.code_depth = 0
        self.code = []
        self.outside = []
        self.tables = []  # rows of cell texts, one list per table
        self.cell = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attrs.add((tag, name, value))
        if tag == 'code':
            self.code_depth += 1
            self.code.append('')
        elif tag == 'table':
            self.tables.append([])
        elif tag == 'tr':
            self.tables[-1].append([])
        elif tag in ('td', 'th'):
            self.tables[-1][-1].append('')
            self.cell = self.tables[-1][-1]

    def handle_endtag(self, tag):
        if tag == 'code':
            self.code_depth -= 1
        elif tag in ('td', 'th'):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[-1] += data
        if self.code_depth:
            self.code[-1] += data
        else:
            self.outside.append(data)


def render(markdown):
    proc = subprocess.run(['cmark-gfm'] + EXTENSIONS, input=markdown,
                          capture_output=True, check=True)
    page = Page()
    page.feed(proc.stdout.decode())
    page.close()
    return page


def check_rendering(name, markdown):
    page = render(markdown)
    expect(page.tags <= ALLOWED, '%s: only tables, lists, headings and '
           'code' % name, repr(sorted(page.tags - ALLOWED)))
    expect(all(tag in ('th', 'td') and attr == 'align'
               for tag, attr, _ in page.attrs),
           '%s: no attribute but align' % name, repr(page.attrs))
    outside = ''.join(page.outside)
    for bad in ('<', '@', '#', '[', '`', 'http'):
        at = outside.find(bad)
        expect(at < 0, '%s: no %r outside code' % (name, bad),
               repr(outside[max(at - 100, 0):at + 100]))
    for rows in page.tables:
        # a '|' that ended a cell early would shift the count's column
        column = rows[0].index('Findings') if 'Findings' in rows[0] else -1
        expect(column >= 0 and all(len(r) == len(rows[0]) and
                                   r[column].isdigit() for r in rows[1:]),
               '%s: every row\'s cells in their columns' % name, repr(rows))
    return page


def golden_reports(golden):
    """(name, markdown) of every golden markdown report: the file its
    --output names, else standard output."""
    for root, _, names in sorted(os.walk(golden)):
        if 'args' not in names:
            continue
        args = shlex.split(open(os.path.join(root, 'args')).read()) + ['']
        name = os.path.relpath(root, golden)
        for i, a in enumerate(args[:-2]):
            if a not in ('--format', '-f') or args[i + 1] != 'markdown':
                continue
            if args[i + 2] in ('--output', '-o'):
                path = os.path.join(root, 'expected-files', args[i + 3])
                yield name + ' ' + args[i + 3], open(path, 'rb').read()
            else:
                yield name, open(os.path.join(root, 'expected.txt'),
                                 'rb').read()


def check_golden(golden):
    reports = list(golden_reports(golden))
    expect(len(reports) >= 6, 'at least 6 golden markdown reports',
           repr([n for n, _ in reports]))
    for name, markdown in reports:
        page = check_rendering(name, markdown)
        if 'hostile' in name:
            code = '\n'.join(page.code)
            for whole in ('<script>alert(1)</script>',
                          '[x](javascript:alert(1))', '`code` ``two``',
                          '@octocat #1 https://evil.example/',
                          'news | `x`/<img src=x onerror=alert(1)> '
                          '[a](javascript:b).md:2:8',
                          '\\n| a | b |\\n<!--', 'en\\u{202E}gb'):
                expect(whole in code, '%s: %r whole in a code span' %
                       (name, whole))


def check_limit(ogcheck):
    with tempfile.TemporaryDirectory() as tmp:
        content = os.path.join(tmp, 'content')
        for i in range(4000):
            folder = os.path.join(content, 'folder-%04d-' % i + 'x' * 180)
            os.makedirs(folder)
            with open(os.path.join(folder, 'post.md'), 'w') as f:
                f.write('---\ntitle: Post %d\nog:\n  title: Post %d\n'
                        '  type: blog\n  url: https://example.org/%d/\n'
                        '  image: https://example.org/%d.jpg\n---\n'
                        % (i, i, i, i))
        env = dict(os.environ, ASAN_OPTIONS='detect_leaks=1')
        proc = subprocess.run([ogcheck, '--offline', '--format', 'markdown',
                               'content'], cwd=tmp, capture_output=True,
                              env=env, timeout=300)
        shutil.rmtree(content)
    out = proc.stdout
    expect(proc.returncode == 0, 'warnings only: exit 0', 'got %d: %s' %
           (proc.returncode, proc.stderr.decode()[-500:]))
    expect(LIMIT // 2 < len(out) <= LIMIT + 1024,
           'the report stops near 512 KiB', '%d bytes' % len(out))
    text = out.decode()
    expect(text.startswith('### ogcheck: 4000 files checked: 0 errors, '
                           '4000 warnings, 0 infos'),
           'the totals count every finding', repr(text[:100]))
    expect('| `og-type` | warning | 4000 |' in text,
           'the rule table counts every finding')
    m = re.search(r'\n\*\*Cut at 512 KiB\*\* [^\n]*: (\d+) table rows and '
                  r'the findings of 1 rule left out;[^\n]*\n$', text)
    expect(m is not None, 'the last line says what was left out',
           repr(text[-300:]))
    rows = len(re.findall(r'^\| `content/folder-', text, re.M))
    expect(m is not None and rows + int(m.group(1)) == 4000,
           'rows shown and left out make every folder',
           '%d + %s' % (rows, m.group(1) if m else '?'))
    check_rendering('cut at 512 KiB', out)


def main():
    if shutil.which('cmark-gfm') is None:
        print('cmark-gfm is not installed (ci/deps installs it): skipped')
        return 77
    ogcheck = os.path.abspath(sys.argv[1])
    check_golden(os.path.abspath(sys.argv[2]))
    check_limit(ogcheck)
    return summary()


if __name__ == '__main__':
    sys.exit(main())
