#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# load_check.py: one large folder against a local server, whole and split.
"""The load test: load_check.py OGCHECK [--files N] [--urls N] [--pieces P].

Generates, in a temporary folder, ONE folder of N Markdown files (default
100,000: the "folder with 100,000 entries" case) whose og:image values are
U distinct URLs (default 5,000) on tests/net/server.py, started here on
127.0.0.1 (proxy variables are cleared: nothing leaves the machine). File i
uses URL i * U // N, so a contiguous slice of files uses its own slice of
the URLs. The URLs are the server's fixed routes made distinct by a query
string (/img/ok.png?n=17, /missing.png?n=18...): about 7.5 % of them fail
(404, 500, text/html) or are too small for image-size. About one file in
ten has an offline finding too (a long title, a bad date, an unknown
og:type, og:url differing from canonical). The generator computes every
expected finding; nothing is hard-coded but the file template.

Run 0 checks the folder --offline (and brings it into the page cache).
Run 1 checks the folder whole (`ogcheck --format json site`). Run 2 checks
the same files in P contiguous pieces (default 10), each named explicitly
(`site/p000000.md ...`), so file names compare equal. Asserted:

- --offline: the offline findings, a skipped check per file, no request;
- the whole run's diagnostics are exactly the generator's (file, line,
  column, severity, rule, field; the message too for network findings);
- the pieces' diagnostics, concatenated in piece order, equal the whole
  run's exactly (every JSON field), and their summary counts add up to
  the whole run's;
- the server saw each distinct URL of a run exactly once in that run (one
  ranged GET), and nothing else;
- exit status 1 everywhere but in a piece without an error.

Memory: peak RSS of the ogcheck process (ru_maxrss from wait4, in KiB;
see tests/peak_rss.py for why a helper process starts ogcheck). Criteria:

1. an absolute bound on the whole run: 128 MiB, or 384 MiB for a binary
   built with AddressSanitizer (shadow memory and redzones; its quarantine
   of freed blocks is cut to 16 MiB here, or RSS would follow all the
   memory ever allocated, up to 256 MiB, rather than the memory held);
2. no growth with the input beyond what must be kept: the whole run may
   exceed the largest piece by at most a fixed slack (4 MiB, plus the
   quarantine under ASan, which a small piece does not fill) and 1 KiB
   per extra file (2 KiB under ASan, whose redzones double small blocks).
   A whole run does keep some state per file, by design: the sorted
   folder listing (a name per entry), the place of each og:image value
   until the network pass judges it, and the findings kept for sorting
   (one file in six here has one); measured, that is about 350 bytes a
   file. Memory proportional to the content, a file's read buffer or YAML
   tree kept after the file is checked, or a leak per file, would be
   several KiB a file and fail. (A ratio test, "10 times the files, not
   10 times the memory", would pass even with such a leak, since
   start-up alone is 8 MiB.)

Prints the figures (files, URLs, requests, wall time, peak RSS of the
whole run and of the pieces) for ci/bench to quote. Exit status 0 when
every check passed, 1 otherwise.
"""

import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "net"))
from server import TestServer  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peak_rss  # noqa: E402

ENV = {k: v for k, v in os.environ.items()
       if k.lower() not in ("http_proxy", "https_proxy", "all_proxy",
                            "no_proxy", "curl_ca_bundle", "ssl_cert_file")}
NETWORK_RULES = ("image-reachable", "image-size")
RUN_TIMEOUT = 900                # seconds for one ogcheck run, then killed
RSS_BOUND_KIB = 128 * 1024
RSS_BOUND_ASAN_KIB = 384 * 1024
SLACK_KIB = 4 * 1024
BYTES_PER_FILE = 1024
BYTES_PER_FILE_ASAN = 2048
ASAN_QUARANTINE_MB = 16

passed = 0
failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}\n{detail}", file=sys.stderr)


def expect_equal(got, want, what):
    detail = ""
    if got != want:
        detail = ("  got:  " + json.dumps(got)[:2000] +
                  "\n  want: " + json.dumps(want)[:2000])
    check(got == want, what, detail)


def expect_same_list(got, want, what):
    """Two long lists equal; on a difference, show what differs."""
    detail = ""
    if got != want:
        extra = collections.Counter(got) - collections.Counter(want)
        missing = collections.Counter(want) - collections.Counter(got)
        detail = (f"  {len(got)} got, {len(want)} wanted\n"
                  f"  unexpected: {sorted(extra.elements())[:10]}\n"
                  f"  missing: {sorted(missing.elements())[:10]}")
        if not extra and not missing:
            detail += "\n  (the same items in another order)"
    check(got == want, what, detail)


# The file template: the line and column of every value are fixed, so the
# generator knows where each finding points.
PAGE = """---
title: {title}
description: Page {i} of the load test.
date: {date}
og:
  title: Post {i}
  type: {type}
  url: {url}
  image: {image}
canonical: https://example.org/p/{i}/
---
Body of post {i}.
"""
POS = {  # field -> (line, column) of its value in PAGE
    "title": (2, 8),
    "date": (4, 7),
    "og.type": (7, 9),
    "og.url": (8, 8),
    "og.image": (9, 10),
}

# Offline defects, one file in ten: rule, severity, field, the change.
DEFECTS = [
    ("title-length", "warning", "title",
     {"title": "Post {i}, " + "a title far too long for any card " * 2}),
    ("date-format", "error", "date", {"date": "29/05/2020"}),
    ("og-type", "warning", "og.type", {"type": "blog"}),
    ("url-canonical", "error", "og.url",
     {"url": "https://example.org/q/{i}/"}),
]

# Failing URLs: (kind, route, share of the URLs, rule, severity, message).
FAILING = [
    ("404", "/missing.png", 0.02, "image-reachable", "error",
     "og.image does not load: {url} answered HTTP 404"),
    ("500", "/error.png", 0.02, "image-reachable", "error",
     "og.image does not load: {url} answered HTTP 500"),
    ("html", "/page.html", 0.015, "image-reachable", "error",
     "og.image is not image/*: {url} answered with text/html"),
    ("small", "/img/small.png", 0.02, "image-size", "warning",
     "og.image is too small: the PNG at {url} is 100x50 pixels, at least "
     "200x200 pixels wanted"),
]
GOOD_ROUTES = ["/img/ok.png", "/img/photo.jpg", "/img/anim.gif",
               "/img/pic.webp", "/img/noext"]


class Corpus:
    """The generated folder and everything expected of it."""

    def __init__(self, root, files, urls, srv, seed=20261129):
        rng = random.Random(seed)
        self.root = root
        self.folder = os.path.join(root, "site")
        self.names = [f"site/p{i:06d}.md" for i in range(files)]
        self.kinds = collections.Counter()
        self.url_paths = []      # server path (with query) of URL u
        url_failure = []         # u -> (rule, severity, message) or None
        for u in range(urls):
            x = rng.random()
            failure = None
            for name, route, share, rule, severity, message in FAILING:
                if x < share:
                    path = f"{route}?n={u}"
                    failure = (rule, severity,
                               message.format(url=srv.url(path)))
                    self.kinds[name] += 1
                    break
                x -= share
            else:
                path = f"{rng.choice(GOOD_ROUTES)}?n={u}"
                self.kinds["ok"] += 1
            self.url_paths.append(path)
            url_failure.append(failure)

        self.file_url = [i * urls // files for i in range(files)]
        self.expected = []       # (file, line, column, severity, rule, field)
        self.messages = []       # (file, rule, message) of network findings
        self.defects = collections.Counter()
        os.mkdir(self.folder)
        for i, name in enumerate(self.names):
            values = {"i": i, "title": f"Post {i}", "date": "2024-03-01",
                      "type": "article", "url": f"https://example.org/p/{i}/",
                      "image": srv.url(self.url_paths[self.file_url[i]])}
            if i % 10 == 7:
                rule, severity, field, change = DEFECTS[(i // 10) %
                                                        len(DEFECTS)]
                values.update({k: v.format(i=i) for k, v in change.items()})
                self.expected.append((name, *POS[field], severity, rule,
                                      field))
                self.defects[rule] += 1
            failure = url_failure[self.file_url[i]]
            if failure:
                rule, severity, message = failure
                self.expected.append((name, *POS["og.image"], severity, rule,
                                      "og.image"))
                self.messages.append((name, rule, message))
                self.defects[rule] += 1
            with open(os.path.join(root, name), "w") as f:
                f.write(PAGE.format(**values))
        self.expected.sort()
        self.messages.sort()

    def paths_of(self, first, last):
        """The server paths of the URLs files first..last-1 use."""
        return sorted({self.url_paths[u]
                       for u in self.file_url[first:last]})


def is_asan(ogcheck):
    """True when ogcheck is built with AddressSanitizer."""
    with open(ogcheck, "rb") as f:
        return b"__asan_init" in f.read()


def measure(argv, cwd, stdout, stderr):
    """Runs argv; (exit status, seconds, peak RSS in KiB)."""
    return peak_rss.measure(argv, cwd=cwd, env=ENV, stdout=stdout,
                            stderr=stderr, timeout=RUN_TIMEOUT)


def run(ogcheck, args, cwd, out):
    """ogcheck --format json ARGS; (status, report, stderr, seconds, KiB)."""
    with open(out, "wb") as stdout, open(out + ".err", "wb") as stderr:
        status, elapsed, rss = measure([ogcheck, "--format", "json"] + args,
                                       cwd, stdout, stderr)
    with open(out + ".err") as f:
        err = f.read()
    try:
        with open(out) as f:
            report = json.load(f)
    except ValueError:
        report = None
        check(False, f"ogcheck {' '.join(args[:4])}... printed JSON",
              f"status {status}\n{err[-4000:]}")
    return status, report, err, elapsed, rss


def logged(srv):
    """The server's log since the last reset, then cleared: a Counter of
    (method, path, range), and the seconds from the first request's start
    to the last one's end."""
    srv.wait_idle(timeout=30)
    with srv.lock:
        log = collections.Counter((q["method"], q["path"], q["range"])
                                  for q in srv.requests)
        span = (max(q["end"] for q in srv.requests) -
                min(q["start"] for q in srv.requests)) \
            if srv.requests else 0.0
    srv.reset_log()
    return log, span


def once_each(paths):
    return collections.Counter({("GET", p, "bytes=0-65535"): 1
                                for p in paths})


def diag_key(d):
    return (d["file"], d["line"], d["column"], d["severity"], d["rule"],
            d.get("field"))


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ogcheck")
    # --load-* as ci/bench passes them
    ap.add_argument("--files", "--load-files", type=int, default=100000,
                    help="Markdown files in the folder (0 skips the test)")
    ap.add_argument("--urls", "--load-urls", type=int, default=5000,
                    help="distinct og:image URLs")
    ap.add_argument("--pieces", "--load-pieces", type=int, default=10,
                    help="pieces of the split run")
    ap.add_argument("--jobs-per-host", "--load-jobs-per-host", type=int,
                    default=None, help="passed to ogcheck (all the URLs "
                    "are on one host; default: ogcheck's, 8)")
    ap.add_argument("--work", "--load-work", default=None,
                    help="where the temporary folder goes")
    opts = ap.parse_args()
    if opts.files == 0:
        print("load_check: skipped (--files 0)")
        return 0
    if not (1 <= opts.urls <= opts.files and
            1 <= opts.pieces <= opts.files):
        ap.error("want 1 <= --urls <= --files and 1 <= --pieces <= --files")
    if -(-opts.files // opts.pieces) > 50000:
        # each file of a piece is one argument ("site/p000123.md"), and
        # the arguments must fit in ARG_MAX (2 MiB with an 8 MiB stack)
        ap.error("at most 50,000 files a piece: raise --pieces")
    ogcheck = os.path.abspath(opts.ogcheck)
    asan = is_asan(ogcheck)
    flags = ["--jobs-per-host", str(opts.jobs_per_host)] \
        if opts.jobs_per_host else []
    if asan:
        # ASan keeps up to 256 MiB of freed blocks in quarantine, to catch
        # uses after free: RSS would then follow all the memory ever
        # allocated, not the memory held. A smaller quarantine (the last
        # option in ASAN_OPTIONS wins) keeps RSS a measure of the latter.
        ENV["ASAN_OPTIONS"] = ":".join(
            filter(None, [ENV.get("ASAN_OPTIONS"),
                          f"quarantine_size_mb={ASAN_QUARANTINE_MB}"]))

    begun = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ogcheck-load-",
                                     dir=opts.work and
                                     os.path.abspath(opts.work)) as tmp, \
            TestServer() as srv:
        started = time.monotonic()
        corpus = Corpus(tmp, opts.files, opts.urls, srv)
        generated = time.monotonic() - started
        n = opts.files
        kinds = ", ".join(f"{v} {k}" for k, v in sorted(corpus.kinds.items()))
        print(f"load_check: {n} files, {opts.urls} URLs ({kinds}), "
              f"{len(corpus.expected)} findings expected; generated in "
              f"{generated:.1f} s; {'ASan' if asan else 'no ASan'}",
              flush=True)

        # run 0: --offline, which also brings the files into the page cache
        status, offline, err, offline_time, offline_rss = run(
            ogcheck, ["--offline", "site"], tmp,
            os.path.join(tmp, "offline.json"))
        offline_log, _ = logged(srv)
        if offline is not None:
            expect_same_list(sorted(diag_key(d)
                                    for d in offline["diagnostics"]),
                             [d for d in corpus.expected
                              if d[4] not in NETWORK_RULES],
                             "--offline: the offline findings")
            expect_equal(offline["summary"]["skipped"], n,
                         "--offline: one skipped check a file")
        expect_equal(sum(offline_log.values()), 0, "--offline: no request")

        # run 1: the folder whole
        status, whole, err, whole_time, whole_rss = run(
            ogcheck, flags + ["site"], tmp, os.path.join(tmp, "whole.json"))
        whole_log, whole_span = logged(srv)
        check(status == 1, "whole run: exit status 1",
              f"status {status}\n{err[-4000:]}")
        if whole is None:
            return 1
        diags = whole["diagnostics"]
        expect_equal(whole["summary"]["files"], n, "whole run: files")
        expect_equal(whole["summary"]["skipped"], 0, "whole run: skipped")
        expect_same_list(sorted(diag_key(d) for d in diags), corpus.expected,
                         "whole run: the expected findings")
        by_rule = collections.Counter(d["rule"] for d in diags)
        expect_equal(dict(by_rule), dict(corpus.defects),
                     "whole run: findings per rule")
        expect_same_list(sorted((d["file"], d["rule"], d["message"])
                                for d in diags
                                if d["rule"] in NETWORK_RULES),
                         corpus.messages, "whole run: network messages")
        severities = collections.Counter(d["severity"] for d in diags)
        expect_equal([whole["summary"][k] for k in
                      ("errors", "warnings", "infos")],
                     [severities["error"], severities["warning"],
                      severities["info"]], "whole run: summary counts")
        all_paths = corpus.paths_of(0, n)
        expect_equal(len(all_paths), opts.urls, "every URL is used")
        expect_same_list(sorted(whole_log.elements()),
                         sorted(once_each(all_paths).elements()),
                         "whole run: each URL requested once")

        # run 2: the same files in contiguous pieces, named explicitly
        pieces = []
        merged = []
        totals = collections.Counter()
        split_requests = 0
        split_time = 0.0
        for k in range(opts.pieces):
            first, last = k * n // opts.pieces, (k + 1) * n // opts.pieces
            status, part, err, elapsed, rss = run(
                ogcheck, flags + corpus.names[first:last], tmp,
                os.path.join(tmp, f"piece{k}.json"))
            log, _ = logged(srv)
            split_time += elapsed
            split_requests += sum(log.values())
            pieces.append((last - first, elapsed, rss))
            if part is None:
                continue
            has_error = any(d["severity"] == "error"
                            for d in part["diagnostics"])
            check(status == (1 if has_error else 0),
                  f"piece {k}: exit status", f"{status}\n{err[-4000:]}")
            merged += part["diagnostics"]
            totals.update(part["summary"])
            expect_same_list(sorted(log.elements()),
                             sorted(once_each(corpus.paths_of(first, last))
                                    .elements()),
                             f"piece {k}: each of its URLs requested once")
        if merged == diags:
            check(True, "pieces: the whole run's diagnostics, in order")
        else:
            same = sorted(map(json.dumps, merged)) == \
                sorted(map(json.dumps, diags))
            check(False, "pieces: the whole run's diagnostics, in order",
                  "the same set in another order" if same else
                  f"{len(merged)} findings in the pieces, {len(diags)} in "
                  "the whole run; first difference: " +
                  next((f"{a} / {b}" for a, b in zip(merged, diags)
                        if a != b), "(one list is a prefix)"))
        expect_equal({k: totals[k] for k in whole["summary"]},
                     whole["summary"], "pieces: summary counts add up")

        # memory
        with open(os.path.join(tmp, "version"), "wb") as out:
            _, _, start_rss = measure([ogcheck, "--version"], tmp, out, out)
        piece_files, _, piece_rss = max(pieces, key=lambda p: p[2])
        bound = RSS_BOUND_ASAN_KIB if asan else RSS_BOUND_KIB
        slack = SLACK_KIB + (ASAN_QUARANTINE_MB * 1024 if asan else 0)
        per_file = BYTES_PER_FILE_ASAN if asan else BYTES_PER_FILE
        margin = slack + (n - piece_files) * per_file // 1024
        check(whole_rss <= bound, "whole run: peak RSS within the bound",
              f"{mib(whole_rss)} > {mib(bound)}")
        check(whole_rss <= piece_rss + margin, "whole run: peak RSS does "
              f"not grow by more than {per_file} bytes a file",
              f"whole {mib(whole_rss)}, largest piece ({piece_files} files)"
              f" {mib(piece_rss)}, margin {mib(margin)}")

        print(f"offline run: {n} files, {offline_time:.2f} s, peak RSS "
              f"{mib(offline_rss)}")
        print(f"whole run: {n} files, {sum(whole_log.values())} requests "
              f"(first to last: {whole_span:.2f} s), {len(diags)} findings, "
              f"{whole_time:.2f} s, peak RSS {mib(whole_rss)}")
        rss_values = sorted(p[2] for p in pieces)
        print(f"split run: {opts.pieces} pieces of {min(p[0] for p in pieces)}"
              f"-{max(p[0] for p in pieces)} files, {split_requests} "
              f"requests, {len(merged)} findings, {split_time:.2f} s in all "
              f"(piece: {min(p[1] for p in pieces):.2f}-"
              f"{max(p[1] for p in pieces):.2f} s), peak RSS "
              f"{mib(rss_values[0])}-{mib(rss_values[-1])} a piece")
        growth = (whole_rss - piece_rss) * 1024 / max(1, n - piece_files)
        print(f"memory: start-up (--version) {mib(start_rss)}; "
              f"whole / largest piece = {whole_rss / max(1, piece_rss):.2f} "
              f"for {n / piece_files:.0f}x the files; {growth:.0f} bytes "
              f"per extra file (bound: {mib(slack)} + {per_file} a file)")
    print(f"load_check: {passed} passed, {failed} failed, "
          f"{time.monotonic() - begun:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
