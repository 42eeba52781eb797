# net_check.py: the network stage end to end, against a local HTTP server.
# SPDX-License-Identifier: MIT
#
# Usage: net_check.py OGCHECK
#
# Every request goes to servers this script starts on 127.0.0.1 (tests/net/
# server.py); proxy variables are cleared so nothing can leave the machine.
# Each case asserts the exact diagnostics ogcheck prints, and the servers'
# own request logs show what was fetched, how often and how many at once.

import base64
import json
import os
import re
import pty
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "net"))
from server import (TestServer, make_ca, make_gif, make_png,  # noqa: E402
                    make_webp)
from h2 import BlackHole, H2Server, node  # noqa: E402

OGCHECK = os.path.abspath(sys.argv[1])
NETWORK_RULES = ("image-reachable", "image-size", "image-bytes",
                 "url-reachable", "limit-redirects",
                 "limit-download-size", "limit-url-length",
                 "limit-diagnostics")
ENV = {k: v for k, v in os.environ.items()
       if k.lower() not in ("http_proxy", "https_proxy", "all_proxy",
                            "no_proxy", "curl_ca_bundle", "ssl_cert_file")}

passed = 0
failed = 0
SERVERS = []  # the servers running, whose logs settle after each run


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
        detail = ("  got:  " + json.dumps(got, indent=1) + "\n  want: " +
                  json.dumps(want, indent=1))
    check(got == want, what, detail)


PAGE = """---
title: {name}
description: A page that uses one image ({name}).
og:
  title: {name}
  type: article
  url: https://news.example.org/{name}/
  image: {image}
canonical: https://news.example.org/{name}/
---
Body.
"""


HTML_PAGE = """<!doctype html>
<html lang="en"><head>
<title>A built page</title>
<meta name="description" content="A page that uses one image.">
<meta property="og:title" content="A built page">
<meta property="og:type" content="article">
<meta property="og:image" content="{image}">
<meta property="og:url" content="https://news.example.org/built/">
<link rel="canonical" href="https://news.example.org/built/">
</head><body><p>Body.</p></body></html>
"""


def write_pages(folder, pages):
    """pages: {name: image URL}. The image value is on line 8, column 10."""
    for name, image in pages.items():
        with open(os.path.join(folder, name + ".md"), "w") as f:
            f.write(PAGE.format(name=name, image=image))


def run(args, cwd, env=None):
    started = time.monotonic()
    proc = subprocess.run([OGCHECK, "--format", "json"] + args, cwd=cwd,
                          env=env or ENV, capture_output=True, text=True,
                          timeout=120)
    elapsed = time.monotonic() - started
    for srv in SERVERS:
        srv.wait_idle()
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        report = None
        check(False, f"ogcheck {' '.join(args)} printed JSON",
              proc.stdout + proc.stderr)
    return proc, report, elapsed


def network_diags(report):
    """(file, line, column, rule, message) of the network findings."""
    if report is None:
        return []
    return [(d["file"], d["line"], d["column"], d["rule"], d["message"])
            for d in report["diagnostics"] if d["rule"] in NETWORK_RULES]


def other_diags(report):
    if report is None:
        return []
    return [d for d in report["diagnostics"]
            if d["rule"] not in NETWORK_RULES]


class Serving:
    """A TestServer whose log run() waits for."""

    def __init__(self, **kwargs):
        self.srv = TestServer(**kwargs)

    def __enter__(self):
        SERVERS.append(self.srv.__enter__())
        return self.srv

    def __exit__(self, *exc):
        SERVERS.remove(self.srv)
        return self.srv.__exit__(*exc)


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_default_rules(tmp):
    """The built-in image-reachable and image-size rules, one page each."""
    with Serving() as srv:
        dead = closed_port()
        pages = {
            "ok": srv.url("/img/noext"),
            "ok-again": srv.url("/img/noext"),
            "ok-upper": srv.url("/img/noext").replace("http://",
                                                      "HTTP://"),
            "small": srv.url("/img/small.png"),
            "missing": srv.url("/missing.png"),
            "missing-again": srv.url("/missing.png"),
            "error": srv.url("/error.png"),
            "page": srv.url("/page.html"),
            "chain": srv.url("/redirect/2"),
            "abs-chain": srv.url("/abs-redirect"),
            "direct": srv.url("/img/ok.png"),
            "long-chain": srv.url("/redirect/6"),
            "loop": srv.url("/loop/a"),
            "loop-b": srv.url("/loop/b"),
            "to-file": srv.url("/to-file"),
            "to-ftp": srv.url("/to-ftp"),
            "busy": srv.url("/busy.png"),
            "unavailable": srv.url("/unavailable.png"),
            "reset": srv.url("/reset.png"),
            "refused": f"http://127.0.0.1:{dead}/x.png",
            "jpeg": srv.url("/img/photo.jpg"),
            "gif": srv.url("/img/anim.gif"),
            "webp": srv.url("/img/pic.webp"),
            "typeless": srv.url("/typeless"),
        }
        folder = os.path.join(tmp, "default")
        os.mkdir(folder)
        write_pages(folder, pages)
        with open(os.path.join(folder, "built.html"), "w") as f:
            f.write(HTML_PAGE.format(image=srv.url("/missing.png")))
        proc, report, elapsed = run(["."], folder)
        u = srv.url
        r = [u(f"/redirect/{n}") for n in range(6, -1, -1)]
        want = [
            ("./built.html", 7, 35, "image-reachable",
             f"og:image does not load: {u('/missing.png')} answered HTTP "
             "404"),
            ("./error.md", 8, 10, "image-reachable",
             f"og.image does not load: {u('/error.png')} answered HTTP 500"),
            ("./long-chain.md", 8, 10, "limit-redirects",
             "og.image does not load: more than 5 redirects (limit "
             "redirects, set by --max-redirects): " + " -> ".join(r[:5]) +
             ", then 3 more"),
            # two pages' URLs redirect to each other: one loop, written
            # from its smallest URL whichever answer came first
            ("./loop-b.md", 8, 10, "image-reachable",
             f"og.image does not load: redirect loop: {u('/loop/a')} -> "
             f"{u('/loop/b')} -> {u('/loop/a')}"),
            ("./loop.md", 8, 10, "image-reachable",
             f"og.image does not load: redirect loop: {u('/loop/a')} -> "
             f"{u('/loop/b')} -> {u('/loop/a')}"),
            ("./missing-again.md", 8, 10, "image-reachable",
             f"og.image does not load: {u('/missing.png')} answered HTTP "
             "404"),
            ("./missing.md", 8, 10, "image-reachable",
             f"og.image does not load: {u('/missing.png')} answered HTTP "
             "404"),
            ("./page.md", 8, 10, "image-reachable",
             f"og.image is not image/*: {u('/page.html')} answered with "
             "text/html"),
            ("./refused.md", 8, 10, "image-reachable",
             f"og.image does not load: http://127.0.0.1:{dead}/x.png: could "
             f"not connect (Failed to connect to 127.0.0.1 port {dead}: "
             "Couldn't connect to server)"),
            ("./small.md", 8, 10, "image-size",
             f"og.image is too small: the PNG at {u('/img/small.png')} is "
             "100x50 pixels, at least 200x200 pixels wanted"),
            ("./to-file.md", 8, 10, "image-reachable",
             f"og.image does not load: {u('/to-file')} redirects to "
             "file:///etc/passwd; only http and https URLs are fetched"),
            ("./to-ftp.md", 8, 10, "image-reachable",
             f"og.image does not load: {u('/to-ftp')} redirects to "
             "ftp://127.0.0.1/x.png; only http and https URLs are fetched"),
            ("./typeless.md", 8, 10, "image-reachable",
             f"og.image is not image/*: {u('/typeless')} answered with no "
             "Content-Type header"),
            ("./unavailable.md", 8, 10, "image-reachable",
             f"og.image does not load: {u('/unavailable.png')} answered "
             "HTTP 503"),
        ]
        expect_equal(network_diags(report), want, "default rules: findings")
        expect_equal(other_diags(report), [], "default rules: nothing else")
        check(proc.returncode == 1, "default rules: exit status 1",
              proc.stderr)
        check(report is not None and report["summary"]["skipped"] == 0,
              "default rules: nothing skipped")

        # one request per distinct URL, whatever its spelling and users
        expect_equal(srv.count("/img/noext"), 1, "dedup: one URL, 3 pages, "
                     "2 spellings: fetched once")
        expect_equal(srv.count("/img/ok.png"), 1, "redirects to a URL that "
                     "pages use too: still one request for it")
        expect_equal(srv.count("/missing.png"), 1,
                     "dedup: missing.png fetched once for two pages")
        # the image rules want the header bytes: a ranged GET, no HEAD
        expect_equal(sorted({(q["method"], q["range"])
                             for q in srv.requests
                             if q["path"].startswith("/img/")}),
                     [("GET", "bytes=0-65535")],
                     "image URLs: one ranged GET each")
        agents = {q["user_agent"] for q in srv.requests}
        version = subprocess.run([OGCHECK, "--version"], capture_output=True,
                                 text=True).stdout.split()[1]
        expect_equal(agents, {f"ogcheck/{version}"}, "User-Agent")
        # redirects: each hop once, though /redirect/6 passes through
        # /redirect/2, which another page uses
        expect_equal([srv.count(f"/redirect/{n}") for n in range(7)],
                     [1] * 7, "redirect hops fetched once each")
        expect_equal((srv.count("/loop/a"), srv.count("/loop/b")), (1, 1),
                     "loop: each hop once")
        # retries: 429 honours Retry-After 1 and then passes; 503 gives up
        # after 2 retries; a reset connection is retried
        expect_equal(srv.count("/busy.png"), 2, "429: retried once")
        expect_equal(srv.count("/unavailable.png"), 3, "503: 2 retries")
        expect_equal(srv.count("/reset.png"), 2, "reset: retried once")
        busy = [q for q in srv.requests if q["path"] == "/busy.png"]
        check(len(busy) == 2 and busy[1]["start"] - busy[0]["end"] >= 0.9,
              "429: waited for Retry-After", str(busy))
        expect_equal(srv.count("/missing.png"), 1, "404: no retry")

        # the same findings whatever the number of threads
        _, one_thread, _ = run(["--threads", "1", "."], folder)
        expect_equal(network_diags(one_thread), want, "--threads 1: same")


def test_proxy(tmp):
    """http_proxy from the environment is used, as libcurl reads it."""
    with Serving() as srv, Serving() as proxy:
        folder = os.path.join(tmp, "proxy")
        os.mkdir(folder)
        write_pages(folder, {"p": srv.url("/img/ok.png")})
        env = dict(ENV, http_proxy=proxy.url("").rstrip("/"))
        proc, report, _ = run(["."], folder, env=env)
        expect_equal([q["path"] for q in proxy.requests],
                     [srv.url("/img/ok.png")],
                     "http_proxy: the request went to the proxy")
        expect_equal(srv.requests, [], "http_proxy: not to the server")


def test_head_and_limits(tmp):
    """Without image-size a HEAD suffices; max-bytes and sizes by kind."""
    with Serving() as srv:
        folder = os.path.join(tmp, "head")
        os.mkdir(folder)
        write_pages(folder, {
            "nohead": srv.url("/img/../nohead.png"),
            "ok": srv.url("/img/ok.png"),
            "typeless": srv.url("/typeless"),
        })
        rules = os.path.join(tmp, "no-size.yaml")
        with open(rules, "w") as f:
            f.write("- id: image-size\n  severity: off\n")
        proc, report, _ = run(["--rules", rules, "."], folder)
        expect_equal(network_diags(report), [
            ("./typeless.md", 8, 10, "image-reachable",
             f"og.image is not image/*: {srv.url('/typeless')} answered "
             "with no Content-Type header"),
        ], "HEAD first: findings")
        log = [(q["method"], q["path"], q["range"]) for q in srv.requests]
        expect_equal(sorted(log), sorted([
            ("HEAD", "/nohead.png", None),
            ("GET", "/nohead.png", "bytes=0-65535"),
            ("HEAD", "/img/ok.png", None),
            ("HEAD", "/typeless", None),
            ("GET", "/typeless", "bytes=0-65535"),
        ]), "HEAD first, a ranged GET when HEAD is refused or says nothing")

    with Serving() as srv:
        folder = os.path.join(tmp, "limits")
        os.mkdir(folder)
        write_pages(folder, {
            "big": srv.url("/img/big.png"),
            "gif": srv.url("/img/anim.gif"),
            "jpeg": srv.url("/img/photo.jpg"),
            "webp": srv.url("/img/pic.webp"),
            "loop": srv.url("/loop/a"),
        })
        rules = os.path.join(tmp, "limits.yaml")
        with open(rules, "w") as f:
            f.write("- id: image-size\n  severity: off\n"
                    "- id: image-bytes\n  severity: error\n"
                    "  check: reachable\n  fields: [og.image]\n"
                    "  min-width: 700\n  max-bytes: 8000000\n")
        proc, report, _ = run(["--rules", rules, "."], folder)
        u = srv.url
        expect_equal(network_diags(report), [
            ("./big.md", 8, 10, "image-bytes",
             f"og.image is too large: {u('/img/big.png')} is 10485760 "
             "bytes, at most 8000000 wanted"),
            ("./gif.md", 8, 10, "image-bytes",
             f"og.image is too small: the GIF at {u('/img/anim.gif')} is "
             "320x240 pixels, at least 700 pixels wide wanted"),
            ("./loop.md", 8, 10, "image-bytes",
             f"og.image does not load: redirect loop: {u('/loop/a')} -> "
             f"{u('/loop/b')} -> {u('/loop/a')}"),
            ("./loop.md", 8, 10, "image-reachable",
             f"og.image does not load: redirect loop: {u('/loop/a')} -> "
             f"{u('/loop/b')} -> {u('/loop/a')}"),
            ("./webp.md", 8, 10, "image-bytes",
             f"og.image is too small: the WebP at {u('/img/pic.webp')} is "
             "640x480 pixels, at least 700 pixels wide wanted"),
        ], "min-width and max-bytes; a loop through one page's URL")
        big = [q for q in srv.requests if q["path"] == "/img/big.png"]
        check(len(big) == 1 and big[0].get("bytes_sent", 0) < 4 << 20,
              "a server that ignores Range is cut off early", str(big))


def test_timeout_and_tls(tmp):
    with Serving() as srv:
        folder = os.path.join(tmp, "slow")
        os.mkdir(folder)
        write_pages(folder, {"slow": srv.url("/slow.png?s=3")})
        proc, report, elapsed = run(["--timeout", "0.5", "."], folder)
        expect_equal(network_diags(report), [
            ("./slow.md", 8, 10, "image-reachable",
             f"og.image does not load: {srv.url('/slow.png?s=3')}: timed "
             "out after 0.5 s (Operation timed out with 0 bytes received)"),
        ], "--timeout")
        check(elapsed < 2.5, "--timeout: the run did not wait for the "
              "server", f"{elapsed:.2f} s")

    ca = make_ca(os.path.join(tmp, "ca"))
    with Serving(tls=ca) as srv:
        folder = os.path.join(tmp, "tls")
        os.mkdir(folder)
        write_pages(folder, {"secure": srv.url("/img/ok.png")})
        check(srv.url("/").startswith("https://"), "TLS server URL")
        proc, report, _ = run(["."], folder)
        diags = network_diags(report)
        check(len(diags) == 1 and diags[0][4].startswith(
            f"og.image does not load: {srv.url('/img/ok.png')}: TLS error "
            "(") and "certificate" in diags[0][4],
            "https with an unknown CA: a TLS error", str(diags))
        proc, report, _ = run(["--cacert", ca["ca_cert"], "."], folder)
        expect_equal(network_diags(report), [], "--cacert: trusted")
        expect_equal(srv.count("/img/ok.png"), 1,
                     "https: one request once trusted")


def test_caps(tmp):
    """--jobs-per-host and --jobs hold, as the server saw them."""
    with Serving(delay_ms=300) as srv:
        folder = os.path.join(tmp, "caps")
        os.mkdir(folder)
        write_pages(folder, {f"p{n:02}": srv.url(f"/delay/{n}.png")
                             for n in range(24)})
        proc, report, _ = run(["--jobs-per-host", "3", "."], folder)
        expect_equal(network_diags(report), [], "caps: all load")
        expect_equal(len(srv.requests), 24, "caps: one request per URL")
        expect_equal(srv.max_in_flight, 3, "--jobs-per-host 3: at most 3 "
                     "at once, and 3 used")
        srv.reset_log()
        run(["--jobs", "2", "."], folder)
        expect_equal(srv.max_in_flight, 2, "--jobs 2: at most 2 at once")
        shown = progress_on_terminal(folder)
        check("ogcheck: checking URLs " in shown and "/24, 0 failed" in shown
              and shown.rstrip("\r\n").endswith("\033[K24 files "
                                                   "checked: 0 errors, 0 "
                                                   "warnings, 0 infos"),
              "a progress line on a terminal, erased at the end", shown)


def progress_on_terminal(folder):
    """What ogcheck writes to standard error when it is a terminal."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([OGCHECK, "--jobs-per-host", "2", "."],
                            cwd=folder, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the other end closed
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode()


def test_offline_cache_jsonl(tmp):
    with Serving() as srv:
        folder = os.path.join(tmp, "cache")
        os.mkdir(folder)
        write_pages(folder, {
            "a": srv.url("/img/ok.png"),
            "b": srv.url("/img/small.png"),
            "c": srv.url("/missing.png"),
        })
        proc, report, _ = run(["--offline", "."], folder)
        expect_equal(srv.requests, [], "--offline: no request")
        expect_equal(report["summary"]["skipped"], 3, "--offline: one "
                     "skipped check per URL value, not per rule")
        expect_equal(network_diags(report), [], "--offline: no finding")

        cache = os.path.join(tmp, "urls.json")
        proc, first, _ = run(["--cache", cache, "."], folder)
        expect_equal(len(srv.requests), 3, "cache: the first run fetches")
        with open(cache) as f:
            stored = json.load(f)
        expect_equal(sorted(e["url"] for e in stored["entries"]),
                     [srv.url("/img/ok.png"), srv.url("/img/small.png")],
                     "cache: successes kept, the failure not")
        srv.reset_log()
        proc, second, _ = run(["--cache", cache, "."], folder)
        expect_equal([q["path"] for q in srv.requests], ["/missing.png"],
                     "cache: the second run asks only for the failure")
        expect_equal(network_diags(second), network_diags(first),
                     "cache: same findings")
        srv.reset_log()
        run(["--cache", cache, "--cache-max-age", "0", "."], folder)
        expect_equal(sorted(q["path"] for q in srv.requests),
                     ["/img/ok.png", "/img/small.png", "/missing.png"],
                     "--cache-max-age 0: everything is fetched again")
        check(not any(n.startswith("urls.json.tmp")
                      for n in os.listdir(tmp)), "cache: no temporary left")
        with open(cache, "w") as f:
            f.write('{"entries": [{"url": 7}, "x", {"checked": -1}')
        srv.reset_log()
        proc, report, _ = run(["--cache", cache, "."], folder)
        check(proc.returncode == 1 and len(srv.requests) == 3,
              "a damaged cache reads as empty", proc.stderr)
        with open(cache) as f:
            check(len(json.load(f)["entries"]) == 2,
                  "a damaged cache is rewritten")

        # a page that disables the network rules asks for nothing
        quiet = os.path.join(tmp, "quiet")
        os.mkdir(quiet)
        with open(os.path.join(quiet, "q.md"), "w") as f:
            f.write(PAGE.format(name="q", image=srv.url("/error.png"))
                    .replace("---\n", "---\n# ogcheck: disable "
                             "image-reachable, image-size\n", 1))
        srv.reset_log()
        proc, report, _ = run(["."], quiet)
        check(proc.returncode == 0 and report["diagnostics"] == [] and
              srv.requests == [], "a disabled network rule fetches nothing",
              proc.stdout)

        proc = subprocess.run([OGCHECK, "--format", "jsonl", "."],
                              cwd=folder, env=ENV, capture_output=True,
                              text=True, timeout=60)
        lines = [json.loads(x) for x in proc.stdout.splitlines()]
        rules = [x.get("rule") for x in lines if "rule" in x]
        check("image-reachable" in rules and "image-size" in rules,
              "jsonl: network findings are streamed too", proc.stdout)
        check("checking URLs" not in proc.stderr,
              "no progress line when stderr is not a terminal", proc.stderr)


def test_safety(tmp):
    """--no-private-addresses, --insecure, credentials, URL limits."""
    with Serving() as srv, Serving() as proxy:
        port = srv.url("/").split(":")[2].split("/")[0]
        folder = os.path.join(tmp, "private")
        os.mkdir(folder)
        write_pages(folder, {
            "literal": srv.url("/img/ok.png"),
            "name": f"http://localhost:{port}/img/small.png",
        })
        proc, report, _ = run(["--no-private-addresses", "."], folder)
        got = network_diags(report)
        expect_equal([d[:4] for d in got], [
            ("./literal.md", 8, 10, "image-reachable"),
            ("./name.md", 8, 10, "image-reachable"),
        ], "--no-private-addresses: both refused")
        check(len(got) == 2 and got[0][4] ==
              f"og.image does not load: {srv.url('/img/ok.png')}: not "
              "fetched: the host is at 127.0.0.1, a loopback address, and "
              "--no-private-addresses refuses those", "refusal message",
              str(got[:1]))
        check(len(got) == 2 and re.search(
            r"the host is at (::1|127\.0\.0\.1), a loopback address",
            got[1][4]) is not None,
              "a name is refused by the address it resolves to",
              str(got[1:]))
        expect_equal(srv.requests, [], "--no-private-addresses: no request")
        env = dict(ENV, http_proxy=proxy.url("").rstrip("/"))
        proc, report, _ = run(["--no-private-addresses", "literal.md"],
                              folder, env=env)
        check(len(network_diags(report)) == 1 and proxy.requests == [],
              "--no-private-addresses: a loopback proxy is refused too",
              str(network_diags(report)))
        proc, report, _ = run(["literal.md", "name.md"], folder)
        expect_equal([d[3] for d in network_diags(report)], ["image-size"],
                     "without the option both are fetched")

        # credentials in a URL are used but never shown
        folder = os.path.join(tmp, "credentials")
        os.mkdir(folder)
        secret = srv.url("/missing.png").replace("http://",
                                                 "http://user:s3cret@")
        write_pages(folder, {"secret": secret})
        cache = os.path.join(tmp, "credentials-cache.json")
        write_pages(folder, {"secret": secret,
                             "secret-ok": secret.replace("/missing.png",
                                                         "/img/ok.png")})
        run(["--cache", cache, "."], folder)
        with open(cache) as f:
            kept = f.read()
        check("s3cret" not in kept and "user" not in kept,
              "a URL with credentials is not written to the cache", kept)
        for fmt in ("json", "text", "sarif", "github"):
            out = subprocess.run([OGCHECK, "--format", fmt, "."], cwd=folder,
                                 env=ENV, capture_output=True, text=True)
            check("s3cret" not in out.stdout + out.stderr and
                  "http://***@127.0.0.1:" in out.stdout,
                  f"credentials masked in --format {fmt}", out.stdout[:400])

        # a URL past 8,000 bytes is not fetched
        folder = os.path.join(tmp, "long-url")
        os.mkdir(folder)
        long_url = srv.url("/img/ok.png?" + "a" * 8100)
        write_pages(folder, {"long": long_url})
        srv.reset_log()
        proc, report, _ = run(["."], folder)
        expect_equal(network_diags(report), [
            ("./long.md", 8, 10, "limit-url-length",
             f"og.image is not fetched: the URL is {len(long_url)} bytes "
             "long, and ogcheck fetches at most 8000 (limit url-length)"),
        ], "limit-url-length: one finding for two rules")
        expect_equal(srv.requests, [], "limit-url-length: no request")

        # an image whose size lies past the 64 KiB read
        folder = os.path.join(tmp, "late")
        os.mkdir(folder)
        write_pages(folder, {"late": srv.url("/img/late.jpg")})
        proc, report, _ = run(["."], folder)
        expect_equal(network_diags(report), [
            ("./late.md", 8, 10, "limit-download-size",
             f"the size of og.image is not known: the header of the JPEG "
             f"at {srv.url('/img/late.jpg')} goes on past the first 65536 "
             "bytes, which is all ogcheck reads (limit download-size)"),
        ], "limit-download-size")

        # 1,005 failing URLs in one file: 1,000 listed and a count
        folder = os.path.join(tmp, "many")
        os.mkdir(folder)
        images = "".join(f"\n    - {srv.url(f'/missing.png?n={n}')}"
                         for n in range(1005))
        write_pages(folder, {"many": images})
        proc, report, _ = run(["--jobs-per-host", "32", "."], folder)
        got = network_diags(report)
        expect_equal((len(got), got[0][3:] if got else None), (1001, (
            "limit-diagnostics", "5 more network findings in this file are "
            "not listed: at most 1000 are (limit diagnostics)")),
            "limit-diagnostics: network findings")
        check(report is not None and report["summary"]["errors"] == 1000,
              "limit-diagnostics: the summary counts those listed",
              str(report and report["summary"]))

    ca = make_ca(os.path.join(tmp, "ca-insecure"))
    with Serving(tls=ca) as srv:
        folder = os.path.join(tmp, "insecure")
        os.mkdir(folder)
        write_pages(folder, {"secure": srv.url("/img/ok.png")})
        proc, report, _ = run(["--insecure", "."], folder)
        expect_equal(network_diags(report), [], "--insecure: loads")
        check("warning: --insecure: https certificates are not verified"
              in proc.stderr, "--insecure warns", proc.stderr)


def write_page(folder, name, image, extra=""):
    """One page like write_pages' with `extra` front matter lines."""
    with open(os.path.join(folder, name + ".md"), "w") as f:
        f.write(PAGE.format(name=name, image=image).replace(
            "canonical:", extra + "canonical:", 1))


def profile_diags(report, prefix):
    return [(d["file"], d["rule"], d["message"]) for d in
            (report or {}).get("diagnostics", [])
            if d["rule"].startswith(prefix) or d["rule"] == "image-size"]


def test_profiles(tmp):
    """The image facts of the facebook, x and linkedin profiles."""
    with Serving() as srv:
        u = srv.url
        folder = os.path.join(tmp, "facebook")
        os.mkdir(folder)
        write_page(folder, "ok", u("/img/ok.png"),
                   "og:image:width: 1200\nog:image:height: 630\n")
        # the width is wrong, the height right
        write_page(folder, "declared", u("/img/photo.jpg"),
                   "og:image:width: 1200\nog:image:height: 600\n")
        write_page(folder, "small", u("/img/small.png"))
        write_page(folder, "big", u("/img/big.png"))
        # the pages' og:url is not on this machine: url-reachable (on in
        # the profile) is tested on its own, against the local server
        quiet = os.path.join(tmp, "no-url-reachable.yaml")
        with open(quiet, "w") as f:
            f.write("- id: url-reachable\n  severity: off\n")
        proc, report, _ = run(["--profile", "facebook", "--rules", quiet,
                               "--base-url", "https://news.example.org/",
                               "."], folder)
        expect_equal(profile_diags(report, "facebook-"), [
            ("./big.md", "facebook-image-bytes",
             f"og.image is too large: {u('/img/big.png')} is 10485760 "
             "bytes, at most 8000000 wanted"),
            ("./big.md", "facebook-image-ratio",
             f"og.image has the wrong shape: the PNG at {u('/img/big.png')} "
             "is 2000x1000 pixels, 2.00:1, and 1.91:1 is wanted (within "
             "3%)"),
            ("./declared.md", "facebook-image-declared",
             f"og:image:width says 1200, but the JPEG at "
             f"{u('/img/photo.jpg')} is 800 pixels wide"),
            ("./declared.md", "facebook-image-ratio",
             f"og.image has the wrong shape: the JPEG at "
             f"{u('/img/photo.jpg')} is 800x600 pixels, 1.33:1, and 1.91:1 "
             "is wanted (within 3%)"),
            ("./declared.md", "facebook-image-recommended",
             f"og.image is too small: the JPEG at {u('/img/photo.jpg')} is "
             "800x600 pixels, at least 1200x630 pixels wanted"),
            ("./small.md", "facebook-image-large",
             f"og.image is too small: the PNG at {u('/img/small.png')} is "
             "100x50 pixels, at least 600x315 pixels wanted"),
            ("./small.md", "facebook-image-ratio",
             f"og.image has the wrong shape: the PNG at "
             f"{u('/img/small.png')} is 100x50 pixels, 2.00:1, and 1.91:1 "
             "is wanted (within 3%)"),
            ("./small.md", "facebook-image-recommended",
             f"og.image is too small: the PNG at {u('/img/small.png')} is "
             "100x50 pixels, at least 1200x630 pixels wanted"),
            ("./small.md", "image-size",
             f"og.image is too small: the PNG at {u('/img/small.png')} is "
             "100x50 pixels, at least 200x200 pixels wanted"),
        ], "facebook profile: image facts")
        sev = {d["rule"]: d["severity"] for d in report["diagnostics"]}
        check(sev.get("image-size") == "error",
              "facebook profile: image-size becomes an error", str(sev))
        expect_equal(sorted(q["path"] for q in srv.requests),
                     ["/img/big.png", "/img/ok.png", "/img/photo.jpg",
                      "/img/small.png"],
                     "facebook profile: still one request per image")

    with Serving() as srv:
        u = srv.url
        folder = os.path.join(tmp, "x")
        os.mkdir(folder)
        write_page(folder, "square", u("/img/ok.png"),
                   "twitter:card: summary\n")
        write_page(folder, "large", u("/img/photo.jpg"),
                   "twitter:card: summary_large_image\n")
        write_page(folder, "own", u("/img/ok.png"),
                   "twitter:card: summary_large_image\n"
                   f"twitter:image: {u('/page.html')}\n")
        write_page(folder, "fine", u("/img/ok.png"),
                   "twitter:card: summary_large_image\n")
        proc, report, _ = run(["--profile", "x", "."], folder)
        expect_equal(profile_diags(report, "x-"), [
            ("./large.md", "x-image-large",
             f"og.image has the wrong shape: the JPEG at "
             f"{u('/img/photo.jpg')} is 800x600 pixels, 1.33:1, and 2:1 is "
             "wanted (within 5%)"),
            ("./own.md", "x-image-reachable",
             f"twitter:image is not image/*: {u('/page.html')} answered "
             "with text/html"),
            ("./square.md", "x-image-summary",
             f"og.image has the wrong shape: the PNG at {u('/img/ok.png')} "
             "is 1200x630 pixels, 1.90:1, and 1:1 is wanted (within 5%)"),
        ], "x profile: card images, og:image as the fallback")

    with Serving() as srv:
        u = srv.url
        folder = os.path.join(tmp, "linkedin")
        os.mkdir(folder)
        write_page(folder, "small", u("/img/photo.jpg"),
                   "og:description: A page.\n")
        write_page(folder, "big", u("/img/big.png"),
                   "og:description: A page.\n")
        write_page(folder, "ok", u("/img/ok.png"),
                   "og:description: A page.\n")
        proc, report, _ = run(["--profile", "linkedin", "."], folder)
        got = [d for d in profile_diags(report, "linkedin-")
               if d[1] != "linkedin-description"]
        expect_equal(got, [
            ("./big.md", "linkedin-image-bytes",
             f"og.image is too large: {u('/img/big.png')} is 10485760 "
             "bytes, at most 5242880 wanted"),
            ("./big.md", "linkedin-image-ratio",
             f"og.image has the wrong shape: the PNG at {u('/img/big.png')} "
             "is 2000x1000 pixels, 2.00:1, and 1.91:1 is wanted (within "
             "3%)"),
            ("./small.md", "linkedin-image-ratio",
             f"og.image has the wrong shape: the JPEG at "
             f"{u('/img/photo.jpg')} is 800x600 pixels, 1.33:1, and 1.91:1 "
             "is wanted (within 3%)"),
            ("./small.md", "linkedin-image-size",
             f"og.image is too small: the JPEG at {u('/img/photo.jpg')} is "
             "800x600 pixels, at least 1200x627 pixels wanted"),
        ], "linkedin profile: image facts")

    with Serving() as srv:
        u = srv.url
        folder = os.path.join(tmp, "facts")
        os.mkdir(folder)
        write_page(folder, "jpeg", u("/img/photo.jpg"))
        write_page(folder, "png", u("/img/ok.png"))
        write_page(folder, "gif", u("/img/anim.gif"))
        rules = os.path.join(tmp, "facts.yaml")
        with open(rules, "w") as f:
            f.write("rules:\n  - id: image-facts\n    severity: error\n"
                    "    check: reachable\n    formats: [png, webp]\n"
                    "    max-width: 1000\n    max-height: 1000\n"
                    "    unreachable: ignore\n    fields: [og.image]\n")
        proc, report, _ = run(["--rules", rules, "."], folder)
        expect_equal(profile_diags(report, "image-facts"), [
            ("./gif.md", "image-facts",
             f"og.image is not in a format wanted (PNG, WebP): "
             f"{u('/img/anim.gif')} is GIF"),
            ("./jpeg.md", "image-facts",
             f"og.image is not in a format wanted (PNG, WebP): "
             f"{u('/img/photo.jpg')} is JPEG"),
            ("./png.md", "image-facts",
             f"og.image is too large: the PNG at {u('/img/ok.png')} is "
             "1200x630 pixels, at most 1000x1000 wanted"),
        ], "formats and max-width/max-height")


def write_html(folder, name, url, image):
    with open(os.path.join(folder, name + ".html"), "w") as f:
        f.write(HTML_PAGE.replace("https://news.example.org/built/", url)
                .format(image=image))


def test_url_reachable(tmp):
    """og:url and canonical load: off by default, on in facebook and ogp;
    each distinct URL asked once, with HEAD."""
    with Serving() as srv:
        u = srv.url
        folder = os.path.join(tmp, "url-reachable")
        os.mkdir(folder)
        write_html(folder, "ok", u("/page.html"), u("/img/ok.png"))
        write_html(folder, "gone", u("/gone/"), u("/img/ok.png"))
        write_html(folder, "gone-too", u("/gone/"), u("/img/ok.png"))
        proc, report, _ = run(["."], folder)
        expect_equal([d for d in network_diags(report)
                      if d[3] == "url-reachable"], [],
                     "url-reachable is off by default")
        check(not any(q["path"] in ("/page.html", "/gone/")
                      for q in srv.requests),
              "off: the pages' URLs are not fetched", str(srv.requests))
    for profile in ("facebook", "ogp"):
        with Serving() as srv:
            u = srv.url
            folder = os.path.join(tmp, "url-reachable-" + profile)
            os.mkdir(folder)
            write_html(folder, "ok", u("/page.html"), u("/img/ok.png"))
            write_html(folder, "gone", u("/gone/"), u("/img/ok.png"))
            write_html(folder, "gone-too", u("/gone/"), u("/img/ok.png"))
            proc, report, _ = run(["--profile", profile, "."], folder)
            gone = f"og:url does not load: {u('/gone/')} answered HTTP 404"
            canon = (f"canonical does not load: {u('/gone/')} answered "
                     "HTTP 404")
            got = sorted((d[0], d[3], d[4]) for d in network_diags(report)
                         if d[3] == "url-reachable")
            expect_equal(got, sorted([
                ("./gone-too.html", "url-reachable", gone),
                ("./gone-too.html", "url-reachable", canon),
                ("./gone.html", "url-reachable", gone),
                ("./gone.html", "url-reachable", canon),
            ]), f"url-reachable in the {profile} profile")
            asked = [(q["method"], q["path"]) for q in srv.requests
                     if q["path"] in ("/page.html", "/gone/")]
            expect_equal(sorted(asked), sorted([
                ("HEAD", "/page.html"), ("HEAD", "/gone/")]),
                "each distinct page URL once, with HEAD")


def test_http2(tmp):
    """HTTP/2 over TLS: --jobs-per-host caps connections, requests share
    them up to --streams-per-connection and the server's
    SETTINGS_MAX_CONCURRENT_STREAMS, each URL asked for once."""
    if node() is None:
        check(False, "node is needed for the HTTP/2 server (ci/deps)")
        return
    ca = make_ca(os.path.join(tmp, "h2-ca"))
    folder = os.path.join(tmp, "h2")
    os.mkdir(folder)
    count = 60
    with H2Server(ca, make_png(1200, 630), delay_ms=150,
                  max_streams=10) as srv:
        write_pages(folder, {f"p{n:02}": srv.url(f"/img/{n}.png")
                             for n in range(count)})
        proc, report, elapsed = run(["--cacert", ca.ca_cert,
                                     "--jobs-per-host", "2", "."], folder)
    expect_equal(network_diags(report), [], "h2: every image loads")
    stats = srv.stats
    expect_equal(stats["requests"], {f"GET /img/{n}.png": 1
                                     for n in range(count)},
                 "h2: each URL asked for once (a ranged GET)")
    # the cap holds for the connections open at once; libcurl may close
    # an idle one and open another when a request cannot join it
    check(stats["peak_connections"] == 2 and stats["connections"] <= 4,
          "h2: --jobs-per-host 2 caps the connections", str(stats))
    check(stats["peak_streams_per_connection"] == 10,
          "h2: requests multiplexed, up to the server's 10 streams",
          str(stats))
    # 60 requests of 150 ms each: one at a time per connection would take
    # 30 rounds (4.5 s); multiplexed they take 3 to 6
    check(elapsed < 4.0, "h2: multiplexing makes it quick",
          f"{elapsed:.2f} s")

    with H2Server(ca, make_png(1200, 630), delay_ms=150,
                  max_streams=100) as srv:
        write_pages(folder, {f"p{n:02}": srv.url(f"/img/{n}.png")
                             for n in range(count)})
        proc, report, elapsed = run(["--cacert", ca.ca_cert,
                                     "--jobs-per-host", "3",
                                     "--streams-per-connection", "4", "."],
                                    folder)
    expect_equal(network_diags(report), [], "h2 4 streams: all load")
    stats = srv.stats
    expect_equal(sum(stats["requests"].values()), count,
                 "h2 4 streams: one request per URL")
    check(stats["peak_connections"] <= 3 and
          stats["peak_streams_per_connection"] == 4 and
          stats["peak_streams"] <= 12,
          "h2: --streams-per-connection 4 with --jobs-per-host 3: at most "
          "4 streams a connection, 12 in all", str(stats))


def test_host_down(tmp):
    """A host that accepts connections and never answers: after 3 timeouts
    in a row its other URLs are not tried; every page still gets its
    finding, and the text report folds them."""
    folder = os.path.join(tmp, "blackhole")
    os.mkdir(folder)
    count = 300
    with BlackHole() as hole:
        host = f"127.0.0.1:{hole.port}"
        write_pages(folder, {f"p{n:03}": hole.url(f"/img/{n}.png")
                             for n in range(count)})
        proc, report, elapsed = run(["--timeout", "2", "."], folder)
        connections = hole.connections
    diags = network_diags(report)
    not_tried = [d for d in diags if ": not tried: " in d[4]]
    tried = [d for d in diags if ": not tried: " not in d[4]]
    expect_equal(len(diags), count, "black hole: one finding per page")
    check(all(d[4].endswith(f": not tried: {host} failed 3 times in a row: "
                            "timed out") for d in not_tried),
          "black hole: the verdict names the host and the failures",
          str(not_tried[:2]))
    # 8 at once; each of the first two timeouts makes room for one more
    # before the third marks the host down
    check(3 <= len(tried) <= 10 and
          all("timed out after 2 s" in d[4] for d in tried),
          "black hole: only the first requests are tried", str(len(tried)))
    check(connections <= 10, "black hole: at most 10 connections to the "
          "host", str(connections))
    check(elapsed < 30, "black hole: done in seconds, not 300 timeouts",
          f"{elapsed:.1f} s")

    with BlackHole() as hole:
        host = f"127.0.0.1:{hole.port}"
        write_pages(folder, {f"p{n:03}": hole.url(f"/img/{n}.png")
                             for n in range(count)})
        proc = subprocess.run([OGCHECK, "--timeout", "1", "."], cwd=folder,
                              env=ENV, capture_output=True, text=True,
                              timeout=120)
    lines = proc.stdout.splitlines()
    folded = [line for line in lines if ": not tried: " in line]
    tail = [line for line in lines if line.startswith("\u2026 and ")]
    tried = len([line for line in lines if "timed out after 1 s" in line])
    expect_equal(len(folded), 3, "text: the first 3 verdicts are shown")
    expect_equal(tail, [f"\u2026 and {count - tried - 3} more findings with "
                        f"a URL on {host} (timed out: not tried)"],
                 "text: then one line for the rest")
    expect_equal(len(lines), tried + 3 + 1, "text: nothing else")

    dead = closed_port()
    folder = os.path.join(tmp, "refused")
    os.mkdir(folder)
    write_pages(folder, {f"p{n:02}": f"http://127.0.0.1:{dead}/{n}.png"
                         for n in range(20)})
    proc, report, _ = run(["."], folder)
    diags = network_diags(report)
    not_tried = [d for d in diags if d[4].endswith(
        f": not tried: 127.0.0.1:{dead} failed 3 times in a row: could not "
        "connect")]
    expect_equal(len(diags), 20, "refused: one finding per page")
    check(10 <= len(not_tried) <= 17, "refused: after 3 refusals the rest "
          "are not tried", str(len(not_tried)))


def test_exclude_url(tmp):
    """--exclude-url and exclude-urls: skip URLs: not fetched, not told."""
    with Serving() as srv:
        u = srv.url
        folder = os.path.join(tmp, "exclude-url")
        os.mkdir(folder)
        write_pages(folder, {"a": u("/missing.png"), "b": u("/error.png"),
                             "c": u("/img/ok.png")})
        proc, report, _ = run(["--exclude-url", "/missing\\.png$", "."],
                              folder)
        expect_equal([d[0] for d in network_diags(report)], ["./b.md"],
                     "--exclude-url: the matching URL is not reported")
        expect_equal(srv.count("/missing.png"), 0,
                     "--exclude-url: nor fetched")
        with open(os.path.join(folder, ".ogcheck.yaml"), "w") as f:
            f.write("exclude-urls: [\"/error\\\\.png$\"]\n")
        srv.reset_log()
        proc, report, _ = run(["--exclude-url", "missing", "."], folder)
        expect_equal(network_diags(report), [],
                     "exclude-urls: in .ogcheck.yaml adds to --exclude-url")
        expect_equal(sorted(q["path"] for q in srv.requests),
                     ["/img/ok.png"], "only the URL not excluded is fetched")
        proc = subprocess.run([OGCHECK, "--exclude-url", "(", "."],
                              cwd=folder, env=ENV, capture_output=True,
                              text=True)
        expect_equal(proc.returncode, 2, "--exclude-url (: exit status 2")


STAT_LINE = re.compile(r" *(\d+) +(\d+) +\d+\.\d{3}s  (\S+)(.*)")


def test_statistics(tmp):
    """--statistics: after the findings, a host (and port) a line, the
    most requests first, with what the servers' logs count; a host that
    refuses connections is down after 3 and asked no more."""
    folder = os.path.join(tmp, "statistics")
    os.mkdir(folder)
    dead = closed_port()
    with Serving() as a, Serving() as b:
        pages = {f"a{n}": a.url(f"/img/{n}.png") for n in range(4)}
        pages.update({"b0": b.url("/img/ok.png"), "b1": b.url("/missing.png")})
        pages.update({f"d{n}": f"http://127.0.0.1:{dead}/{n}.png"
                      for n in range(6)})
        write_pages(folder, pages)
        proc = subprocess.run([OGCHECK, "--statistics", "--jobs-per-host",
                               "1", "."], cwd=folder, env=ENV,
                              capture_output=True, text=True, timeout=120)
        for srv in (a, b):
            srv.wait_idle()
        logged = {f"127.0.0.1:{a.port}": len(a.requests),
                  f"127.0.0.1:{b.port}": len(b.requests)}
    lines = proc.stdout.splitlines()
    start = lines.index("Requests by host:") if "Requests by host:" in \
        lines else len(lines)
    check(start > 0 and "Findings by folder:" in lines[:start],
          "statistics: the host table comes after the findings tables",
          proc.stdout)
    expect_equal(lines[start + 1:start + 2],
                 ["requests failures       time  host"],
                 "statistics: the host table's head")
    rows = [STAT_LINE.fullmatch(line) for line in lines[start + 2:]]
    got = [(m[3], int(m[1]), int(m[2]), m[4]) if m else line
           for m, line in zip(rows, lines[start + 2:])]
    expect_equal(got, [
        (f"127.0.0.1:{a.port}", 4, 0, ""),
        (f"127.0.0.1:{dead}", 3, 3, "  down  (3 could not connect)"),
        (f"127.0.0.1:{b.port}", 2, 0, ""),
    ], "statistics: requests, failures and down by host")
    expect_equal(logged, {f"127.0.0.1:{a.port}": 4,
                          f"127.0.0.1:{b.port}": 2},
                 "statistics: the counts are the servers' own")


def test_local_image(tmp):
    """image-in-site: og:image on the site's own host (the base URL's) is
    read from static/, never fetched; the same server under another name
    is fetched."""
    with Serving() as srv:
        site = os.path.join(tmp, "hugo-local")
        os.makedirs(os.path.join(site, "static", "images"))
        os.makedirs(os.path.join(site, "content", "posts"))
        with open(os.path.join(site, "hugo.toml"), "w") as f:
            f.write(f'baseURL = "{srv.url("/")}"\ntitle = "Cards"\n')
        with open(os.path.join(site, "static", "images", "card.png"),
                  "wb") as f:
            f.write(make_png(1200, 630))
        other = f"http://localhost:{srv.port}/img/ok.png"
        for name, image in (("local", "/images/card.png"),
                            ("own-host", srv.url("/images/card.png")),
                            ("external", other)):
            with open(os.path.join(site, "content", "posts", name + ".md"),
                      "w") as f:
                f.write(f"---\ntitle: A {name} card\nimages: [\"{image}\"]"
                        "\n---\nText.\n")
        proc, report, _ = run(["."], site)
        asked = [(q["method"], q["path"], q["headers"].get("Host"))
                 for q in srv.requests]
    expect_equal(network_diags(report), [], "local image: no findings")
    expect_equal(asked, [("GET", "/img/ok.png", f"localhost:{srv.port}")],
                 "local image: only the external URL is fetched")


def html_records(html):
    """The previews' records: the JSON array of the report's data script."""
    m = re.search(r'<script type="application/json" id="pv-data">(.*?)'
                  r'</script>', html, re.S)
    return json.loads(m.group(1)) if m else None


def html_article(html, name):
    """The section of one page, from its <article> to its end."""
    m = re.search(r'<article class="page"[^>]*><h2>' + re.escape(name) +
                  r'</h2>.*?</article>', html, re.S)
    return m.group(0) if m else ""


def test_html_report(tmp):
    """--format html: pages whose only findings are the network stage's."""
    with Serving() as srv:
        folder = os.path.join(tmp, "html")
        os.mkdir(folder)
        u = srv.url
        # 320x240 (under 600x315), 640x480 (over it), 1200x630 (no finding)
        write_pages(folder, {"gif": u("/img/anim.gif"),
                             "webp": u("/img/pic.webp"),
                             "ok": u("/img/ok.png")})
        rules = os.path.join(tmp, "html.yaml")
        with open(rules, "w") as f:
            f.write("- id: image-size\n  min-width: 1000\n")
        proc = subprocess.run([OGCHECK, "--rules", rules, "--format", "html",
                               "--output", "r.html", "."], cwd=folder,
                              env=ENV, capture_output=True, text=True,
                              timeout=120)
        srv.wait_idle()
        expect_equal(proc.returncode, 0, "html report: exit status")
        with open(os.path.join(folder, "r.html"), encoding="utf-8") as f:
            html = f.read()
    gif = html_article(html, "./gif.md")
    webp = html_article(html, "./webp.md")
    check("image-size" in gif and "320x240 pixels" in gif,
          "a page whose only finding is image-size has its own section",
          html[:2000])
    check("image-size" in webp, "so has the second one", webp)
    check(html_article(html, "./ok.md") == "",
          "the page without findings has no section")
    clean = re.search(r'<h2 id="clean">Pages without findings \((\d+)\)'
                      r'</h2>\n(.*?)\n', html)
    expect_equal((clean.group(1), re.findall(r"<li>(.*?)</li>",
                                             clean.group(2)))
                 if clean else None, ("1", ["./ok.md"]),
                 "the pages with network findings left the list of pages "
                 "without findings")
    # both images are under 1 KB: their sizes in bytes
    want_gif = ("320\u00d7240 (fetched) \u00b7 %d bytes \u00b7 image/gif"
                % len(make_gif()))
    want_webp = ("640\u00d7480 (fetched) \u00b7 %d bytes \u00b7 image/webp"
                 % len(make_webp()))
    check(f"<span class=\"note\">({want_gif})</span>" in gif,
          "the section's text shows what the network stage learned of the "
          "image", gif)
    check("under 600\u00d7315: small layout" in gif and
          "small layout" not in webp,
          "Facebook's caption: the small layout for 320x240 only")
    records = html_records(html)
    check(records is not None and len(records) == 2,
          "one record per page with findings", str(records)[:2000])
    if records is None or len(records) != 2:
        return
    for rec, url, want, small in ((records[0], u("/img/anim.gif"), want_gif,
                                   True),
                                  (records[1], u("/img/pic.webp"), want_webp,
                                   False)):
        field = [k for k, v in rec["v"].items() if v == url]
        expect_equal(field and rec["i"].get(field[0]),
                     [320, 240, want] if small else [640, 480, want],
                     f"the record keeps the facts of {url}")
        fb = [c for c in rec["c"] if c[0] == "facebook"]
        slot = fb[0][2] if fb else None
        expect_equal((fb[0][1], slot.get("r"), slot.get("s"),
                      str(slot.get("f"))) if fb else None,
                     ("card fb row", [1, 1], "width:158px", field[0])
                     if small else
                     ("card fb", [1.91, 1], None, field[0]),
                     "Facebook's card: " + ("a square thumbnail beside the "
                                            "text under 600x315" if small
                                            else "the image on top at 1.91:1"))


def test_html_embed(tmp):
    """--report-images embed: the images read in full, inlined once each."""
    with Serving() as srv:
        folder = os.path.join(tmp, "embed")
        os.mkdir(folder)
        u = srv.url
        # two pages share the GIF; the 120,000-byte JPEG is not read in full
        write_pages(folder, {"a": u("/img/anim.gif"), "b": u("/img/anim.gif"),
                             "c": u("/img/pic.webp"),
                             "d": u("/img/late.jpg")})
        rules = os.path.join(tmp, "embed.yaml")
        with open(rules, "w") as f:
            f.write("- id: image-size\n  min-width: 1000\n")
        cache = os.path.join(tmp, "embed-cache.json")
        pages = []
        for i in range(2):  # the second run has every URL in the cache
            proc = subprocess.run([OGCHECK, "--rules", rules, "--cache",
                                   cache, "--report-images", "embed",
                                   "--format", "html", "--output",
                                   os.path.join(tmp, f"embed{i}.html"),
                                   "."], cwd=folder,
                                  env=ENV, capture_output=True, text=True,
                                  timeout=120)
            srv.wait_idle()
            expect_equal(proc.returncode, 0, f"embed run {i}: exit status")
            with open(os.path.join(tmp, f"embed{i}.html"),
                      encoding="utf-8") as f:
                pages.append(f.read())
        expect_equal(srv.count("/img/late.jpg"), 1, "the image too big to "
                     "embed is served from the cache the second time")
        expect_equal(srv.count("/img/anim.gif"), 2, "an image to embed is "
                     "read again: the cache keeps no bytes")
    for i, html in enumerate(pages):
        m = re.search(r'<script type="application/json" id="pv-img">(.*?)'
                      r'</script>', html, re.S)
        uris = json.loads(m.group(1)) if m else None
        want = [f"data:image/gif;base64,{base64.b64encode(make_gif()).decode()}",
                f"data:image/webp;base64,"
                f"{base64.b64encode(make_webp()).decode()}"]
        expect_equal(uris, want, f"run {i}: the GIF and the WebP, once each, "
                     "as data: URIs of their exact bytes")
        records = html_records(html) or []
        embeds = []
        for rec in records:
            fb = [c for c in rec["c"] if c[0] == "facebook"]
            embeds.append(fb[0][2].get("e") if fb else "no card")
        expect_equal(embeds, [1, 1, 2, None], f"run {i}: the cards of a.md "
                     "and b.md name the GIF, c.md's the WebP, d.md's none")
        check("<dt>images inlined</dt><dd>2, " in html,
              f"run {i}: the settings say how many images are inlined")
        check("img-src data:\"" in html, f"run {i}: the report still loads "
              "images from data: only")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for test in (test_default_rules, test_head_and_limits,
                     test_timeout_and_tls, test_caps, test_proxy,
                     test_offline_cache_jsonl, test_safety,
                     test_profiles, test_url_reachable, test_http2,
                     test_host_down, test_exclude_url, test_statistics,
                     test_local_image, test_html_report,
                     test_html_embed):
            before = failed
            try:
                test(tmp)
            except Exception as e:  # a crash in one case is one failure
                check(False, f"{test.__name__} raised {e!r}")
            print(f"{test.__name__}: "
                  f"{'ok' if failed == before else 'FAILED'}")
    print(f"net_check: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
