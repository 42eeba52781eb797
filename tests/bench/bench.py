#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The ogcheck benchmark, driven by ci/bench: bench.py OGCHECK WORK_DIR.

Generates the corpus, warms the page cache, then measures wall time and
peak RSS (from wait4) of cat, ogcheck, the floor program (--floor: a walk
that reads each file's first 4 KiB and parses nothing) and, when npm could install it,
remark-lint-frontmatter-schema. Prints a table and PASS/MISS per goal.
A measurement, not a test: it always exits 0 unless it cannot run.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..'))
import peak_rss  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(argv, cwd=None, stdin=None):
    """Runs argv twice; returns (seconds, peak RSS in MiB, exit status).

    The time is that of a plain run (subprocess, as a shell starts it);
    the peak RSS that of a second run through tests/peak_rss.py, whose
    forking helper would add its own fork to the time.
    """
    def stdin_file():
        return open(stdin, 'rb') if stdin else subprocess.DEVNULL

    f = stdin_file()
    start = time.perf_counter()
    try:
        subprocess.run(argv, cwd=cwd, stdin=f, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    finally:
        if stdin:
            f.close()
    seconds = time.perf_counter() - start
    f = stdin_file()
    try:
        status, _, kib = peak_rss.measure(argv, cwd=cwd, stdin=f)
    finally:
        if stdin:
            f.close()
    return seconds, kib / 1024.0, status


def best_of(n, argv, **kw):
    runs = [measure(argv, **kw) for _ in range(n)]
    return min(r[0] for r in runs), max(r[1] for r in runs), runs[0][2]


def remark_setup(work):
    """Installs remark-cli + remark-lint-frontmatter-schema; None on failure."""
    npm_dir = os.path.join(work, 'npm')
    remark = os.path.join(npm_dir, 'node_modules', '.bin', 'remark')
    if os.path.exists(remark):
        return npm_dir
    if shutil.which('npm') is None:
        print('remark: skipped (no npm on this machine)')
        return None
    os.makedirs(npm_dir, exist_ok=True)
    proc = subprocess.run(
        ['npm', 'install', '--no-audit', '--no-fund', '--prefix', npm_dir,
         'remark-cli@12.0.1', 'remark-frontmatter@5.0.0',
         'remark-lint-frontmatter-schema@3.15.4'],
        capture_output=True, text=True)
    if proc.returncode != 0 or not os.path.exists(remark):
        print('remark: skipped (npm install failed: %s)' %
              proc.stderr.strip().splitlines()[-1:])
        return None
    return npm_dir


def remark_run(npm_dir, corpus, manifest, count):
    """Copies `count` files with --- front matter (remark reads no fenced
    block) to a folder beside the schema and times remark over them."""
    subset = os.path.join(npm_dir, 'content')
    shutil.rmtree(subset, ignore_errors=True)
    taken = 0
    with open(manifest) as f:
        for line in f:
            path, style, _ = line.rstrip('\n').split('\t')
            if style != 'dashes':
                continue
            dst = os.path.join(subset, path)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(os.path.join(corpus, path), dst)
            taken += 1
            if taken == count:
                break
    shutil.copyfile(os.path.join(HERE, 'remark', 'frontmatter.schema.json'),
                    os.path.join(npm_dir, 'frontmatter.schema.json'))
    with open(os.path.join(npm_dir, '.remarkrc.mjs'), 'w') as f:
        f.write(open(os.path.join(HERE, 'remark', 'remarkrc.mjs')).read())
    remark = os.path.join(npm_dir, 'node_modules', '.bin', 'remark')
    secs, rss, _ = measure([remark, '--quiet', 'content'], cwd=npm_dir)
    # ogcheck over the same subset, for a like-for-like ratio
    return taken, secs, rss, subset


HTML_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title}</title>
  <meta name="description" content="A generated page for the ogcheck benchmark.">
  <meta property="og:title" content="{title}">
  <meta property="og:type" content="{type}">
  <meta property="og:url" content="https://bench.example.org/p/{i}/">
  <meta property="og:image" content="https://bench.example.org/img/{i}.jpg{amp}">
  <link rel="canonical" href="https://bench.example.org/p/{canon}/">
</head>
<body>
"""


def make_html_corpus(out, count, size):
    """`count` pages of about `size` bytes; one in 7 has a defect."""
    para = '<p>' + ' '.join(['harbour', 'ferry', 'timetable', 'council',
                              'market', 'river', 'bridge'] * 8) + '</p>\n'
    body = para * (size // len(para))
    paths = []
    for i in range(count):
        d = os.path.join(out, 'site', '%03d' % (i % 100))
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, 'page-%05d.html' % i)
        head = HTML_HEAD.format(
            i=i, title='Page %d of the generated site' % i,
            type='blog' if i % 7 == 1 else 'article',
            amp='?w=1&amp;amp;h=2' if i % 7 == 2 else '',
            canon=i + 1 if i % 7 == 3 else i)
        with open(path, 'w') as f:
            f.write(head + body + '</body>\n</html>\n')
        paths.append(path)
    return paths


def html_case(ogcheck, work, count, size):
    corpus = os.path.join(work, 'html')
    list_file = os.path.join(work, 'html.nul')
    if not os.path.isdir(corpus):
        make_html_corpus(corpus, count, size)
    paths = sorted(os.path.join(r, f) for r, _, fs in os.walk(corpus)
                   for f in fs)
    with open(list_file, 'wb') as f:
        f.write(b'\0'.join(p.encode() for p in paths) + b'\0')
    subprocess.run(['xargs', '-0', 'cat'], stdin=open(list_file, 'rb'),
                   stdout=subprocess.DEVNULL, check=True)
    cat_s, cat_rss, _ = best_of(5, ['xargs', '-0', 'cat'], stdin=list_file)
    og_s, og_rss, _ = best_of(5, [ogcheck, '--offline', '--format', 'json',
                                  corpus])
    one_s, one_rss, _ = best_of(3, [ogcheck, '--offline', '--format', 'json',
                                    '--threads', '1', corpus])
    size_mib = sum(os.path.getsize(p) for p in paths) / 2**20
    return len(paths), size_mib, cat_s, cat_rss, og_s, og_rss, one_s, one_rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('ogcheck')
    ap.add_argument('work')
    ap.add_argument('--files', type=int, default=20000)
    ap.add_argument('--remark-files', type=int, default=1000)
    ap.add_argument('--html-files', type=int, default=20000)
    ap.add_argument('--floor', help='the floor program (tests/bench/floor.c)'
                    ', built; its row and goal are left out without it')
    args = ap.parse_args()
    ogcheck = os.path.abspath(args.ogcheck)
    work = os.path.abspath(args.work)
    corpus = os.path.join(work, 'corpus')
    manifest = os.path.join(work, 'manifest.tsv')
    list_file = os.path.join(work, 'files.nul')

    if not os.path.exists(manifest):
        subprocess.run([sys.executable, os.path.join(HERE, 'gen_corpus.py'),
                        corpus, str(args.files), '1', '--manifest', manifest],
                       check=True)
    with open(manifest) as f:
        paths = [os.path.join(corpus, line.split('\t')[0]) for line in f]
    with open(list_file, 'wb') as f:
        f.write(b'\0'.join(p.encode() for p in paths) + b'\0')
    size = sum(os.path.getsize(p) for p in paths)
    # warm the page cache
    subprocess.run(['xargs', '-0', 'cat'], stdin=open(list_file, 'rb'),
                   stdout=subprocess.DEVNULL, check=True)

    rows = []
    cat_s, cat_rss, _ = best_of(5, ['xargs', '-0', 'cat'], stdin=list_file)
    rows.append(('cat (xargs -0 cat)', len(paths), cat_s, cat_rss))
    og_s, og_rss, og_status = best_of(
        5, [ogcheck, '--offline', '--format', 'json', corpus])
    rows.append(('ogcheck --offline --format json', len(paths), og_s, og_rss))
    floor_s = None
    if args.floor:
        floor_s, floor_rss, _ = best_of(5, [os.path.abspath(args.floor),
                                            corpus, '2'])
        rows.append(('floor (4 KiB heads, 2 threads)', len(paths),
                     floor_s, floor_rss))

    one = paths[0]
    singles = [measure([ogcheck, '--offline', one])[0] for _ in range(100)]
    one_ms = statistics.median(singles) * 1000

    remark_row = None
    npm_dir = remark_setup(work)
    if npm_dir is not None and args.remark_files > 0:
        taken, r_s, r_rss, subset = remark_run(npm_dir, corpus, manifest,
                                               args.remark_files)
        o_s, o_rss, _ = best_of(5, [ogcheck, '--offline', '--format',
                                    'json', subset])
        remark_row = (taken, r_s, r_rss, o_s)

    print()
    print('corpus: %d files, %.1f MiB, %s' % (len(paths), size / 2**20,
                                             corpus))
    print('%-34s %7s %9s %10s %9s' % ('tool', 'files', 'wall s',
                                      'peak MiB', 'vs cat'))
    for name, n, s, rss in rows:
        print('%-34s %7d %9.3f %10.1f %8.2fx' % (name, n, s, rss, s / cat_s))
    print('%-34s %7d %9.2f ms (median of 100 runs)' % (
        'ogcheck, one file', 1, one_ms))
    if remark_row:
        taken, r_s, r_rss, o_s = remark_row
        print('%-34s %7d %9.3f %10.1f   (ogcheck on the same files: %.3f s,'
              ' %.0fx faster)' % ('remark-lint-frontmatter-schema', taken,
                                  r_s, r_rss, o_s, r_s / o_s))
    html = None
    if args.html_files > 0:
        html = html_case(ogcheck, work, args.html_files, 30 * 1024)
        n, mib, c_s, c_rss, h_s, h_rss, h1_s, h1_rss = html
        print()
        print('HTML: %d pages of 30 KB, %.1f MiB' % (n, mib))
        print('%-34s %7d %9.3f %10.1f %8.2fx' % ('cat (xargs -0 cat)', n, c_s,
                                                 c_rss, 1.0))
        print('%-34s %7d %9.3f %10.1f %8.2fx' % (
            'ogcheck --offline --format json', n, h_s, h_rss, h_s / c_s))
        print('%-34s %7d %9.3f %10.1f %8.2fx' % (
            '  the same, --threads 1', n, h1_s, h1_rss, h1_s / c_s))
    print()
    print('exit status of ogcheck on the corpus: %d (1: seeded defects found)'
          % og_status)
    goals = [
        ('ogcheck within 2x of cat', og_s <= 2 * cat_s,
         '%.2fx' % (og_s / cat_s)),
        ('peak RSS under 50 MB', og_rss < 50, '%.1f MiB' % og_rss),
        ('one-file run under 10 ms', one_ms < 10, '%.2f ms' % one_ms),
    ]
    if floor_s:
        goals.append(('ogcheck within 2.5x of the floor',
                      og_s <= 2.5 * floor_s, '%.2fx' % (og_s / floor_s)))
    if html:
        goals.append(('HTML: ogcheck within 3x of cat', html[4] <= 3 * html[2],
                      '%.2fx' % (html[4] / html[2])))
    for name, ok, got in goals:
        print('%-4s %s (%s)' % ('PASS' if ok else 'MISS', name, got))
    return 0


if __name__ == '__main__':
    sys.exit(main())
