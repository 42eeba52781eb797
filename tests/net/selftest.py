#!/usr/bin/env python3
# selftest.py: checks every route of server.py, over HTTP and HTTPS.
# SPDX-License-Identifier: MIT
"""Self-test of the network test server: python3 tests/net/selftest.py.

Starts TestServer plain and with TLS (a CA made by make_ca), asks every
route with urllib.request / http.client, and checks the answers and the
request log.  Prints "selftest: N checks passed" and exits 0, or lists
the failed checks and exits 1.  All traffic stays on 127.0.0.1.
"""

import http.client
import io
import os
import socket
import ssl
import struct
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.request

# No proxy variable may route this test's traffic anywhere.
for _name in list(os.environ):
    if _name.lower() in ("http_proxy", "https_proxy", "all_proxy",
                         "ftp_proxy", "no_proxy"):
        del os.environ[_name]

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from server import BIG_SIZE, TestServer, make_ca  # noqa: E402

TIMEOUT = 10                            # seconds, for every client call
PASSED = []
FAILED = []


def check(condition, what):
    """Record one check."""
    (PASSED if condition else FAILED).append(what)
    return condition


# --------------------------------------------------------------------------
# Client helpers.
# --------------------------------------------------------------------------

class Answer:
    """Status, headers and body of one response."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        return self.headers.get(name)


def request(srv, path, method="GET", headers=None, context=None):
    """One request on a fresh connection, redirects not followed."""
    if srv.scheme == "https":
        conn = http.client.HTTPSConnection("127.0.0.1", srv.port,
                                           timeout=TIMEOUT, context=context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", srv.port,
                                          timeout=TIMEOUT)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        body = resp.read()
        return Answer(resp.status, resp.headers, body)
    finally:
        conn.close()


def opener(context=None):
    """A urllib opener that ignores any proxy and follows redirects."""
    handlers = [urllib.request.ProxyHandler({})]
    if context is not None:
        handlers.append(urllib.request.HTTPSHandler(context=context))
    return urllib.request.build_opener(*handlers)


def png_size(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def jpeg_size(data):
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        if marker == 0xC0:
            height, width = struct.unpack(">HH", data[pos + 5:pos + 9])
            return width, height
        pos += 2 + length
    return None


def gif_size(data):
    if data[:6] != b"GIF89a":
        return None
    return struct.unpack("<HH", data[6:10])


def webp_size(data):
    if data[:4] != b"RIFF" or data[8:16] != b"WEBPVP8X":
        return None
    width = int.from_bytes(data[24:27], "little") + 1
    height = int.from_bytes(data[27:30], "little") + 1
    return width, height


def wait_for(predicate, seconds=5.0):
    """Poll predicate until true or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def fresh_log(srv):
    """Let the requests still finishing end, then empty the log."""
    srv.wait_idle()
    srv.reset_log()


def last_entry(srv, path):
    for entry in reversed(list(srv.requests)):
        if entry["path"] == path:
            return entry
    return None


# --------------------------------------------------------------------------
# The checks, run once over HTTP and once over HTTPS.
# --------------------------------------------------------------------------

def check_assets(srv, tag, ctx):
    cases = [
        ("/img/ok.png", "image/png", png_size, (1200, 630)),
        ("/img/small.png", "image/png", png_size, (100, 50)),
        ("/img/photo.jpg", "image/jpeg", jpeg_size, (800, 600)),
        ("/img/late.jpg", "image/jpeg", jpeg_size, (800, 600)),
        ("/img/anim.gif", "image/gif", gif_size, (320, 240)),
        ("/img/pic.webp", "image/webp", webp_size, (640, 480)),
        ("/img/noext", "image/png", png_size, (1200, 630)),
    ]
    late = request(srv, "/img/late.jpg", context=ctx).body
    check(late.find(b"\xff\xc0") > 65536,
          "%s /img/late.jpg has its SOF0 past 64 KiB" % tag)
    for path, ctype, size_of, size in cases:
        got = request(srv, path, context=ctx)
        check(got.status == 200, "%s GET %s -> 200" % (tag, path))
        check(got.header("Content-Type") == ctype,
              "%s %s Content-Type %s" % (tag, path, ctype))
        check(got.header("Content-Length") == str(len(got.body)),
              "%s %s Content-Length matches" % (tag, path))
        check(size_of(got.body) == size, "%s %s is %dx%d" % (
            tag, path, size[0], size[1]))
        head = request(srv, path, method="HEAD", context=ctx)
        check(head.status == 200 and head.body == b""
              and head.header("Content-Length") == str(len(got.body)),
              "%s HEAD %s: same length, no body" % (tag, path))

    full = request(srv, "/img/ok.png", context=ctx).body
    total = len(full)
    for spec, first, last in (("0-99", 0, 99), ("100-", 100, total - 1),
                              ("-10", total - 10, total - 1),
                              ("0-999999", 0, total - 1)):
        got = request(srv, "/img/ok.png", headers={"Range": "bytes=" + spec},
                      context=ctx)
        check(got.status == 206, "%s Range %s -> 206" % (tag, spec))
        check(got.header("Content-Range") == "bytes %d-%d/%d" % (
            first, last, total), "%s Range %s Content-Range" % (tag, spec))
        check(got.body == full[first:last + 1],
              "%s Range %s body is the slice" % (tag, spec))
    got = request(srv, "/img/ok.png", headers={"Range": "bytes=99999-"},
                  context=ctx)
    check(got.status == 416 and got.header("Content-Range") ==
          "bytes */%d" % total, "%s unsatisfiable Range -> 416" % tag)
    got = request(srv, "/img/small.png", headers={"Range": "bytes=0-15"},
                  context=ctx)
    srv.wait_idle()
    check(got.status == 206 and len(got.body) == 16,
          "%s small.png Range -> 206" % tag)
    entry = last_entry(srv, "/img/small.png")
    check(entry is not None and entry["range"] == "bytes=0-15"
          and entry["status"] == 206, "%s log keeps the Range header" % tag)


def check_big(srv, tag, ctx):
    got = request(srv, "/img/big.png", headers={"Range": "bytes=0-1023"},
                  context=ctx)
    check(got.status == 200, "%s big.png ignores Range -> 200" % tag)
    check(len(got.body) == BIG_SIZE
          and got.header("Content-Length") == str(BIG_SIZE),
          "%s big.png is 10 MiB with Content-Length" % tag)
    check(png_size(got.body) == (2000, 1000), "%s big.png is 2000x1000" % tag)
    srv.wait_idle()
    entry = last_entry(srv, "/img/big.png")
    check(entry["bytes_sent"] == BIG_SIZE, "%s big.png bytes_sent full" % tag)

    # Read 64 KiB, then hang up: the server stops quietly.
    fresh_log(srv)
    sock = socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT)
    if ctx is not None:
        sock = ctx.wrap_socket(sock, server_hostname="127.0.0.1")
    sock.sendall(b"GET /img/big.png HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    got = 0
    while got < 65536:
        got += len(sock.recv(65536))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                    struct.pack("ii", 1, 0))
    sock.close()
    check(wait_for(lambda: srv.requests and
                   srv.requests[0]["end"] is not None),
          "%s big.png request ends after the client hangs up" % tag)
    entry = srv.requests[0]
    check(0 < entry["bytes_sent"] < BIG_SIZE,
          "%s big.png bytes_sent %d < 10 MiB after hang-up" % (
              tag, entry["bytes_sent"]))
    check(srv.in_flight == 0, "%s nothing in flight after hang-up" % tag)


def check_status_routes(srv, tag, ctx):
    for path, status, ctype in (
            ("/missing.png", 404, "text/plain"),
            ("/error.png", 500, "text/plain"),
            ("/page.html", 200, "text/html; charset=utf-8"),
            ("/nowhere/at/all", 404, "text/plain"),
            ("/redirect/x", 404, "text/plain")):
        got = request(srv, path, context=ctx)
        check(got.status == status, "%s %s -> %d" % (tag, path, status))
        check((got.header("Content-Type") or "").startswith(ctype),
              "%s %s Content-Type %s" % (tag, path, ctype))
        check(got.header("Content-Length") == str(len(got.body))
              and got.body, "%s %s has a body with its length" % (tag, path))
    got = request(srv, "/page.html", context=ctx)
    check(b"<html" in got.body, "%s page.html is HTML" % tag)

    got = request(srv, "/typeless", context=ctx)
    check(got.status == 200 and got.header("Content-Type") is None
          and png_size(got.body) == (1200, 630),
          "%s /typeless: PNG body, no Content-Type" % tag)

    got = request(srv, "/unavailable.png", context=ctx)
    again = request(srv, "/unavailable.png", context=ctx)
    check(got.status == 503 and again.status == 503
          and got.header("Retry-After") == "1",
          "%s /unavailable.png -> 503 Retry-After: 1, always" % tag)

    got = request(srv, "/busy.png", context=ctx)
    check(got.status == 429 and got.header("Retry-After") == "1",
          "%s /busy.png first -> 429 Retry-After: 1" % tag)
    got = request(srv, "/busy.png", context=ctx)
    check(got.status == 200 and png_size(got.body) == (1200, 630),
          "%s /busy.png then -> 200 PNG" % tag)

    got = request(srv, "/nohead.png", method="HEAD", context=ctx)
    check(got.status == 405 and got.header("Allow") == "GET",
          "%s HEAD /nohead.png -> 405 Allow: GET" % tag)
    got = request(srv, "/nohead.png", context=ctx)
    check(got.status == 200, "%s GET /nohead.png -> 200" % tag)
    got = request(srv, "/nohead.png", headers={"Range": "bytes=0-7"},
                  context=ctx)
    check(got.status == 206 and got.body == b"\x89PNG\r\n\x1a\n",
          "%s GET /nohead.png Range -> 206" % tag)

    start = time.monotonic()
    got = request(srv, "/slow.png?s=0.3", context=ctx)
    took = time.monotonic() - start
    check(got.status == 200 and took >= 0.3,
          "%s /slow.png?s=0.3 waits then 200" % tag)


def check_redirects(srv, tag, ctx):
    for path, status, location in (
            ("/redirect/2", 302, "/redirect/1"),
            ("/redirect/1", 302, "/redirect/0"),
            ("/redirect/0", 302, "/img/ok.png"),
            ("/abs-redirect", 301, srv.url("/img/ok.png")),
            ("/loop/a", 302, "/loop/b"),
            ("/loop/b", 302, "/loop/a"),
            ("/to-file", 302, "file:///etc/passwd"),
            ("/to-ftp", 302, "ftp://127.0.0.1/x.png")):
        got = request(srv, path, context=ctx)
        check(got.status == status and got.header("Location") == location,
              "%s %s -> %d %s" % (tag, path, status, location))

    fresh_log(srv)
    with opener(ctx).open(srv.url("/redirect/2"), timeout=TIMEOUT) as resp:
        body = resp.read()
        final = resp.geturl()
    srv.wait_idle()
    check(final == srv.url("/img/ok.png") and png_size(body) == (1200, 630),
          "%s urllib follows /redirect/2 to the PNG" % tag)
    paths = [entry["path"] for entry in srv.requests]
    check(paths == ["/redirect/2", "/redirect/1", "/redirect/0",
                    "/img/ok.png"],
          "%s /redirect/2 is a chain of 3 redirects, logged in order" % tag)

    try:
        opener(ctx).open(srv.url("/loop/a"), timeout=TIMEOUT)
        looped = False
    except urllib.error.HTTPError as err:
        looped = err.code == 302
    check(looped, "%s urllib gives up on the /loop" % tag)


def check_reset(srv, tag, ctx):
    try:
        request(srv, "/reset.png", context=ctx)
        reset = False
    except (ConnectionError, http.client.HTTPException, ssl.SSLError):
        reset = True
    check(reset, "%s /reset.png first: connection dropped, no answer" % tag)
    check(srv.wait_idle(), "%s wait_idle after the reset" % tag)
    entry = last_entry(srv, "/reset.png")
    check(entry is not None and entry["status"] == 0
          and entry["end"] is not None, "%s /reset.png reset is logged" % tag)
    got = request(srv, "/reset.png", context=ctx)
    check(got.status == 200 and png_size(got.body) == (1200, 630),
          "%s /reset.png then -> 200 PNG" % tag)


def check_keepalive_and_log(srv, tag, ctx):
    fresh_log(srv)
    check(srv.requests == [] and srv.max_in_flight == 0,
          "%s reset_log empties the log" % tag)
    if ctx is not None:
        conn = http.client.HTTPSConnection("127.0.0.1", srv.port,
                                           timeout=TIMEOUT, context=ctx)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", srv.port,
                                          timeout=TIMEOUT)
    statuses = []
    for path, method in (("/img/ok.png", "GET"), ("/missing.png", "GET"),
                         ("/img/ok.png", "HEAD"), ("/error.png", "GET"),
                         ("/redirect/0", "GET"), ("/img/ok.png?x=1", "GET")):
        conn.request(method, path, headers={"User-Agent": "selftest/1",
                                            "Range": "bytes=0-3"})
        resp = conn.getresponse()
        resp.read()
        statuses.append(resp.status)
    conn.close()
    srv.wait_idle()
    check(statuses == [206, 404, 206, 500, 302, 206],
          "%s keep-alive: six answers on one connection" % tag)
    log = list(srv.requests)
    check(len(log) == 6, "%s log has the six requests" % tag)
    check(len({entry["conn"] for entry in log}) == 1,
          "%s all six came over one connection" % tag)
    check([entry["status"] for entry in log] == statuses,
          "%s log statuses match" % tag)
    check(all(entry["user_agent"] == "selftest/1"
              and entry["range"] == "bytes=0-3"
              and entry["start"] <= entry["end"] for entry in log),
          "%s log fields: user_agent, range, start <= end" % tag)
    check(log[5]["path"] == "/img/ok.png?x=1",
          "%s log path keeps the query" % tag)
    check(srv.count("/img/ok.png") == 3
          and srv.count("/img/ok.png", "HEAD") == 1
          and srv.count("/img/ok.png?x=1") == 1
          and srv.count("/missing.png", method="GET") == 1,
          "%s count(path, method)" % tag)

    # Parser errors and unknown methods are answered and logged too.
    fresh_log(srv)
    got = request(srv, "/img/ok.png", method="POST", context=ctx)
    srv.wait_idle()
    check(got.status == 501 and srv.count("/img/ok.png", "POST") == 1
          and srv.requests[0]["status"] == 501,
          "%s POST -> 501, logged" % tag)


def check_concurrency(srv, tag, ctx):
    """10 requests of 300 ms in 10 threads overlap; so do 64 more."""
    def fetch(path, results):
        try:
            with opener(ctx).open(srv.url(path), timeout=TIMEOUT) as resp:
                results.append(resp.status if resp.read() else None)
        except Exception as err:        # pylint: disable=broad-except
            results.append(repr(err))

    for count, path_of, want in (
            (10, "/delay/%d.png", 5),
            (64, "/delay/%d.png?ms=1000", 64)):
        fresh_log(srv)
        results = []
        threads = [threading.Thread(target=fetch,
                                    args=(path_of % (i + 1), results))
                   for i in range(count)]
        start = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        took = time.monotonic() - start
        check(srv.wait_idle(), "%s %d parallel: wait_idle" % (tag, count))
        check(results == [200] * count, "%s %d /delay requests -> 200" % (
            tag, count))
        check(srv.max_in_flight >= want, "%s %d parallel: max_in_flight "
              "%d >= %d" % (tag, count, srv.max_in_flight, want))
        check(len(srv.requests) == count and srv.in_flight == 0,
              "%s %d parallel: all logged, none left in flight" % (
                  tag, count))
        check(took < 0.3 * count / 2 if count == 10 else took < 5,
              "%s %d parallel requests ran in parallel (%.2fs)" % (
                  tag, count, took))
    fresh_log(srv)
    got = request(srv, "/delay/x.png?ms=0", context=ctx)
    srv.wait_idle()
    entry = srv.requests[0]
    check(got.status == 200 and entry["end"] - entry["start"] < 0.2,
          "%s /delay ?ms=0 overrides delay_ms" % tag)


def check_tls_only(srv, ca):
    # The certificate names DNS:localhost too (no name lookup here).
    ctx = ssl.create_default_context(cafile=ca.ca_cert)
    raw = socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT)
    with ctx.wrap_socket(raw, server_hostname="localhost") as tls_sock:
        check(tls_sock.version() is not None,
              "tls certificate valid for localhost")
        check(tls_sock.selected_alpn_protocol() in (None, "http/1.1"),
              "tls ALPN is HTTP/1.1 at most")

    # A client that does not trust the CA fails; the server carries on.
    untrusting = ssl.create_default_context()
    raw = socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT)
    try:
        untrusting.wrap_socket(raw, server_hostname="127.0.0.1").close()
        refused = False
    except ssl.SSLCertVerificationError:
        refused = True
    finally:
        raw.close()
    check(refused, "tls client without the CA refuses the certificate")
    got = request(srv, "/img/ok.png", context=ctx)
    check(got.status == 200, "tls server still answers after that")


def check_server_basics(srv, tag):
    check(srv.url("/img/ok.png") == "%s://127.0.0.1:%d/img/ok.png" % (
        srv.scheme, srv.port), "%s url()" % tag)
    check(srv._httpd.socket.getsockname()[0] == "127.0.0.1",  # noqa
          "%s listens on 127.0.0.1 only" % tag)


def run_all(srv, tag, ctx=None):
    check_server_basics(srv, tag)
    check_assets(srv, tag, ctx)
    check_status_routes(srv, tag, ctx)
    check_redirects(srv, tag, ctx)
    check_reset(srv, tag, ctx)
    check_keepalive_and_log(srv, tag, ctx)
    check_big(srv, tag, ctx)
    check_concurrency(srv, tag, ctx)


def main():
    # Anything the server writes to stderr (an access log, a traceback)
    # is caught here and fails the test.
    real_stderr, caught = sys.stderr, io.StringIO()
    sys.stderr = caught
    try:
        with TestServer(delay_ms=300) as srv:
            run_all(srv, "http")
        thread = srv._thread            # pylint: disable=protected-access
        check(not thread.is_alive(), "http server thread joined on exit")

        with tempfile.TemporaryDirectory() as tmp:
            ca = make_ca(tmp)
            check(all(os.path.getsize(ca[key]) > 0 for key in (
                "ca_cert", "server_cert", "server_key")),
                "make_ca wrote ca_cert, server_cert, server_key")
            ctx = ssl.create_default_context(cafile=ca.ca_cert)
            with TestServer(tls=ca, delay_ms=300) as srv:
                check(srv.url("/").startswith("https://127.0.0.1:"),
                      "tls url() is https")
                run_all(srv, "https", ctx)
                check_tls_only(srv, ca)
    except Exception:                   # pylint: disable=broad-except
        check(False, "no exception:\n" + traceback.format_exc())
    finally:
        sys.stderr = real_stderr
    noise = caught.getvalue()
    check(not noise, "nothing on stderr from the server:\n" + noise)

    for what in FAILED:
        print("FAIL: %s" % what, file=sys.stderr)
    if FAILED:
        print("selftest: %d checks passed, %d failed" % (
            len(PASSED), len(FAILED)))
        return 1
    print("selftest: %d checks passed" % len(PASSED))
    return 0


if __name__ == "__main__":
    sys.exit(main())
