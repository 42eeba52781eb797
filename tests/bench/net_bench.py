#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The network benchmark, driven by ci/bench: net_bench.py OGCHECK WORK_DIR.

Starts tests/net/server.py on 127.0.0.1 (every /delay/ image answers after
--net-delay-ms), generates --net-pages HTML pages under WORK_DIR/net/site
that use --net-images distinct og:image URLs on it (each page also shows
its image in an <img>), then times, best of --net-runs, the tools that
check those URLs: ogcheck at its default caps and at 200/200, curl
--parallel (the reference), curl one URL after the other (once), Debian's
html-proofer and linkinator from npm (both installed when missing; a tool
that cannot be had is reported and left out). The server's request log
gives each tool's requests. Prints a table and PASS/MISS per goal.
A measurement, not a test: it always exits 0 unless it cannot run
(--net-pages 0 skips it).

og:url and the canonical URL are https://example.org/... (ogcheck never
fetches them, the other tools are told to skip them): nothing but the
local server can be reached, so a tool that tried anything else would
report a broken link and a non-zero exit status, which the table shows.
"""
import argparse
import collections
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'net'))

import server  # noqa: E402

# No proxy variable may send this benchmark's requests anywhere but to
# 127.0.0.1: cleared here, so every tool started below runs without them.
for _name in list(os.environ):
    if _name.lower() in ('http_proxy', 'https_proxy', 'all_proxy',
                         'ftp_proxy', 'no_proxy'):
        del os.environ[_name]

# linkinator 8.x needs Node.js >= 22; Debian 12's Node.js is 20, whose
# newest linkinator is 7.6.1 (engines: node >= 20).
LINKINATOR = 'linkinator@7.6.1'
# Anything that is not the local server (og:url and canonical).
SKIP_RE = r'example\.org'
RUN_TIMEOUT = 300   # seconds for one run of one tool, then it is killed

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Network benchmark page {i}</title>
  <meta name="description" content="Page {i} of the network benchmark.">
  <meta property="og:title" content="Network benchmark page {i}">
  <meta property="og:type" content="article">
  <meta property="og:url" content="https://example.org/p/{i}/">
  <meta property="og:image" content="{image}">
  <link rel="canonical" href="https://example.org/p/{i}/">
</head>
<body>
<h1>Network benchmark page {i}</h1>
<p><img src="{image}" alt="Cover of page {i}" width="1200" height="630">
</p>
</body>
</html>
"""


def version(argv):
    """The first line a tool prints for its version, or None."""
    try:
        proc = subprocess.run(argv, capture_output=True, text=True,
                              timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    out = (proc.stdout or proc.stderr).strip().splitlines()
    if proc.returncode != 0 or not out:
        return None
    # "curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/..." ->
    # "curl 7.88.1 libcurl/7.88.1"
    return ' '.join(re.sub(r'\s*[([][^)\]]*[)\]]', '', out[0]).split()[:3])


def make_pages(site, srv, pages, images):
    """`pages` pages, page i using image i % images; returns the URLs."""
    shutil.rmtree(site, ignore_errors=True)
    os.makedirs(site)
    urls = [srv.url('/delay/%d.png' % n) for n in range(images)]
    for i in range(pages):
        with open(os.path.join(site, 'page-%04d.html' % i), 'w') as f:
            f.write(PAGE.format(i=i, image=urls[i % images]))
    return urls


def curl_config(path, urls):
    with open(path, 'w') as f:
        for url in urls:
            f.write('url = "%s"\noutput = "/dev/null"\n' % url)


def htmlproofer_argv(site):
    """html-proofer's command for the installed major version, or None."""
    if shutil.which('htmlproofer') is None:
        print('html-proofer: not installed (ci/bench installs Debian\'s '
              'ruby-html-proofer); skipped')
        return None, None
    ver = version(['htmlproofer', '--version'])
    if ver is None:
        print('html-proofer: `htmlproofer --version` failed; skipped')
        return None, None
    major = ver.split()[-1].split('.')[0]
    if major.isdigit() and int(major) <= 3:
        # Images (internal and external) and links run by default; Open
        # Graph only when asked. External URLs go through Typhoeus/Hydra.
        argv = ['htmlproofer', site, '--check-opengraph',
                '--url-ignore', '/%s/' % SKIP_RE, '--log-level', ':error']
    else:
        # 4.0 renamed the options (--checks, --ignore-urls), 4.1 added
        # --no-enforce-https; untested here (Debian 12 ships 3.19.2).
        argv = ['htmlproofer', '--checks', 'Images,OpenGraph',
                '--no-enforce-https', '--ignore-urls', '/%s/' % SKIP_RE,
                '--log-level', ':error', site]
    return argv, ver


def linkinator_argv(npm_dir, site):
    """Installs linkinator into npm_dir when missing; None on failure."""
    bin_ = os.path.join(npm_dir, 'node_modules', '.bin', 'linkinator')
    want = LINKINATOR.split('@')[1]
    if version([bin_, '--version']) != want:
        if shutil.which('npm') is None:
            print('linkinator: skipped (no npm on this machine)')
            return None, None
        os.makedirs(npm_dir, exist_ok=True)
        proc = subprocess.run(['npm', 'install', '--no-audit', '--no-fund',
                               '--save-exact', '--prefix', npm_dir,
                               LINKINATOR],
                              capture_output=True, text=True)
        if proc.returncode != 0 or version([bin_, '--version']) != want:
            print('linkinator: skipped (npm install %s failed: %s)' % (
                LINKINATOR, proc.stderr.strip().splitlines()[-1:]))
            return None, None
    # A glob of the pages: linkinator serves their folder itself on
    # localhost, GETs each page and checks every URL in it (HEAD first).
    # The glob is relative to the folder it runs in (WORK_DIR/net): with an
    # absolute one linkinator asks its own server for that whole path (404).
    return [bin_, os.path.join(os.path.basename(site), '*.html'),
            '--skip', SKIP_RE], want


def run_once(srv, argv, log, cwd):
    """Runs argv once; returns (seconds, exit status, request stats)."""
    srv.reset_log()
    with open(log, 'wb') as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT)
        try:
            status = proc.wait(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            status = 'timeout'
        secs = time.perf_counter() - start
    srv.wait_idle()
    with srv.lock:
        entries = list(srv.requests)
        peak = srv.max_in_flight
    paths = collections.Counter(e['path'] for e in entries)
    methods = collections.Counter(
        e['method'] + (' ranged' if e['range'] else '') for e in entries)
    stats = {
        'requests': len(entries),
        'distinct': len(paths),
        'most_per_url': max(paths.values()) if paths else 0,
        'other': sorted(p for p in paths
                        if not (p or '').startswith('/delay/')),
        'methods': methods,
        'statuses': collections.Counter(e['status'] for e in entries),
        'peak': peak,
    }
    return secs, status, stats


def run_case(srv, slug, name, argv, runs, logs, cwd):
    results = []
    for n in range(runs):
        log = os.path.join(logs, '%s.%d.log' % (slug, n + 1))
        results.append(run_once(srv, argv, log, cwd))
    return {'name': name, 'argv': argv, 'runs': results,
            'secs': min(r[0] for r in results)}


def describe(stats):
    methods = ', '.join('%d %s' % (n, m) for m, n in
                        sorted(stats['methods'].items()))
    codes = ', '.join('%s: %d' % (c, n) for c, n in
                      sorted(stats['statuses'].items(), key=str))
    text = '%s; status %s; at most %d per URL' % (
        methods or 'none', codes, stats['most_per_url'])
    if stats['other']:
        text += '; other paths: %s' % ' '.join(stats['other'][:5])
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('ogcheck')
    ap.add_argument('work')
    ap.add_argument('--net-pages', type=int, default=1000,
                    help='HTML pages (0 skips the network benchmark)')
    ap.add_argument('--net-images', type=int, default=200,
                    help='distinct og:image URLs among the pages')
    ap.add_argument('--net-delay-ms', type=int, default=50,
                    help='how long the server takes to answer each image')
    ap.add_argument('--net-runs', type=int, default=3,
                    help='runs of each tool; the best wall time counts')
    ap.add_argument('--net-nagle', action='store_true',
                    help='leave Nagle\'s algorithm on in the test server '
                    '(adds 40 ms to each request on a reused connection)')
    args = ap.parse_args()
    if args.net_pages <= 0:
        print('network benchmark: skipped (--net-pages 0)')
        return 0
    if not 0 < args.net_images <= args.net_pages:
        ap.error('--net-images must be 1..--net-pages')
    ogcheck = os.path.abspath(args.ogcheck)
    if not os.access(ogcheck, os.X_OK):
        print('net_bench: %s is not an executable' % ogcheck,
              file=sys.stderr)
        return 2
    work = os.path.abspath(args.work)
    net = os.path.join(work, 'net')
    site = os.path.join(net, 'site')
    logs = os.path.join(net, 'logs')
    shutil.rmtree(logs, ignore_errors=True)
    os.makedirs(logs)
    runs = max(1, args.net_runs)

    versions = [('ogcheck', version([ogcheck, '--version'])),
                ('curl', version(['curl', '--version']))]
    proofer_argv, proofer_ver = htmlproofer_argv(site)
    versions.append(('htmlproofer', proofer_ver))
    if proofer_ver:
        versions.append(('ruby', version(['ruby', '--version'])))
    linkinator, linkinator_ver = linkinator_argv(os.path.join(work, 'npm'),
                                                 site)
    versions.append(('linkinator', linkinator_ver))
    if linkinator_ver:
        versions.append(('node', version(['node', '--version'])))

    cases = []
    # The test server sets TCP_NODELAY as servers in the field do;
    # --net-nagle shows what Nagle's algorithm would cost (40 ms a request
    # on a reused connection, waiting for the client's delayed ACK).
    server.Handler.disable_nagle_algorithm = not args.net_nagle
    with server.TestServer(delay_ms=args.net_delay_ms) as srv:
        urls = make_pages(site, srv, args.net_pages, args.net_images)
        config = os.path.join(net, 'urls.curl')
        curl_config(config, urls)

        def case(slug, name, argv, n=runs):
            cases.append(run_case(srv, slug, name, argv, n, logs, net))

        case('ogcheck-default', 'ogcheck (--jobs 32 --jobs-per-host 8)',
             [ogcheck, '--format', 'json', site])
        case('ogcheck-200', 'ogcheck --jobs 200 --jobs-per-host 200',
             [ogcheck, '--format', 'json', '--jobs', '200',
              '--jobs-per-host', '200', site])
        if shutil.which('curl'):
            case('curl-parallel', 'curl --parallel --parallel-max 200',
                 ['curl', '-s', '--parallel', '--parallel-max', '200',
                  '-K', config])
            case('curl-sequential', 'curl, sequential (1 run)',
                 ['curl', '-s', '-K', config], n=1)
        else:
            print('curl: not installed; no reference row')
        if proofer_argv:
            case('htmlproofer', 'html-proofer ' + proofer_ver.split()[-1],
                 proofer_argv)
        if linkinator:
            case('linkinator', 'linkinator ' + linkinator_ver, linkinator)

    curl = next((c for c in cases if c['name'].startswith('curl --par')),
                None)
    print()
    print('network: %d HTML pages, %d distinct og:image / <img> URLs, each '
          'answered after %d ms by 127.0.0.1 (%s); best of %d runs' % (
              args.net_pages, args.net_images, args.net_delay_ms,
              'Nagle on' if args.net_nagle else 'TCP_NODELAY', runs))
    print('versions: ' + '; '.join(
        v if v and v.startswith(n) else '%s %s' % (n, v or 'missing')
        for n, v in versions))
    print('%-40s %8s %9s %9s %7s %8s %6s' % (
        'tool', 'wall s', 'requests', 'distinct', 'peak', 'vs curl',
        'exit'))
    for c in cases:
        secs, status, stats = min(c['runs'], key=lambda r: r[0])
        counts = sorted({r[2]['requests'] for r in c['runs']})
        reqs = '%d' % counts[0] if len(counts) == 1 else \
            '%d-%d' % (counts[0], counts[-1])
        statuses = sorted({str(r[1]) for r in c['runs']})
        print('%-40s %8.3f %9s %9d %7d %7.2fx %6s' % (
            c['name'], secs, reqs, stats['distinct'], stats['peak'],
            secs / curl['secs'] if curl else float('nan'),
            ','.join(statuses)))
    print('%-40s %8.3f %9s   (%d x %d ms, computed)' % (
        'sequential, no overhead', args.net_images * args.net_delay_ms /
        1000.0, '', args.net_images, args.net_delay_ms))
    print()
    print('requests of the best run (method, status):')
    for c in cases:
        secs, status, stats = min(c['runs'], key=lambda r: r[0])
        print('  %-38s %s' % (c['name'], describe(stats)))
    print('commands (run in %s; logs in %s):' % (net, logs))
    for c in cases:
        print('  %-38s %s' % (c['name'], shlex.join(
            os.path.relpath(a, net) if a.startswith(work) else a
            for a in c['argv'])))
    print()

    og_default, og_wide = cases[0], cases[1]
    once = all(r[2]['most_per_url'] <= 1 and r[2]['requests'] > 0
               for c in (og_default, og_wide) for r in c['runs'])
    most = max(r[2]['most_per_url'] for c in (og_default, og_wide)
               for r in c['runs'])
    goals = [
        ('ogcheck at its default caps under 1.5 s', og_default['secs'] < 1.5,
         '%.3f s' % og_default['secs']),
        ('ogcheck --jobs 200 within 2x of curl --parallel',
         curl is not None and og_wide['secs'] <= 2 * curl['secs'],
         '%.2fx' % (og_wide['secs'] / curl['secs']) if curl else 'no curl'),
        ('ogcheck makes at most one request per distinct URL', once,
         'at most %d per URL, %d URLs' % (most, args.net_images)),
    ]
    for name, ok, got in goals:
        print('%-4s %s (%s)' % ('PASS' if ok else 'MISS', name, got))
    return 0


if __name__ == '__main__':
    sys.exit(main())
