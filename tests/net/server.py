# server.py: loopback HTTP(S) test server for ogcheck's network stage.
# SPDX-License-Identifier: MIT
"""A scripted HTTP/1.1 server on 127.0.0.1 for the network tests.

The tests import this module and start the server themselves:

    from server import TestServer, make_ca

    with TestServer() as srv:                    # plain HTTP
        url = srv.url("/img/ok.png")
        ...                                      # run ogcheck against url
        assert srv.count("/img/ok.png") == 1

    ca = make_ca(tmpdir)                         # test CA + server cert
    with TestServer(tls=ca, delay_ms=200) as srv:
        ...                                      # https://127.0.0.1:PORT/...

The server binds 127.0.0.1 on an ephemeral port and never opens a
connection to anywhere.  Every request is recorded in ``srv.requests``
(arrival order) and the peak number of requests answered at the same
moment is kept in ``srv.max_in_flight``.  The routes are listed in
``Handler.ROUTES`` and documented on their methods.

Only the standard library is used, plus the ``openssl`` command line
for ``make_ca``.
"""

import functools
import http.server
import itertools
import os
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
import zlib

__all__ = ["TestServer", "TestCA", "make_ca", "BIG_SIZE"]

LOOPBACK = "127.0.0.1"

# The size of /img/big.png and the size of the writes that stream it.
BIG_SIZE = 10 * 1024 * 1024
BIG_CHUNK = 64 * 1024

# How long a connection may sit idle (or stall mid-request) before its
# thread gives up on it.
IDLE_TIMEOUT = 30.0


# --------------------------------------------------------------------------
# Image bodies, built in memory.
# --------------------------------------------------------------------------

def _png_chunk(kind, data):
    """One PNG chunk: length, type, data, CRC of type + data."""
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _png_head(width, height):
    """PNG signature and IHDR: 8-bit greyscale, no interlace."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)


def _png_tail(width, height):
    """One IDAT holding an all-black image of the right size, then IEND."""
    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + width)        # filter byte "none" + one byte a pixel
    data = b"".join(packer.compress(row) for _ in range(height))
    data += packer.flush()
    return _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")


@functools.lru_cache(maxsize=None)
def make_png(width, height):
    """A valid width x height PNG (decodes to a black greyscale image)."""
    return _png_head(width, height) + _png_tail(width, height)


@functools.lru_cache(maxsize=None)
def make_big_png():
    """A 2000x1000 PNG of exactly BIG_SIZE bytes.

    The IHDR comes first, as a reader of dimensions expects; the padding
    is a private ancillary chunk ("ogPd", which decoders skip) so the
    file stays a valid PNG from end to end.
    """
    head = _png_head(2000, 1000)
    tail = _png_tail(2000, 1000)
    pad_len = BIG_SIZE - len(head) - len(tail) - 12   # 12: chunk framing
    body = head + _png_chunk(b"ogPd", b"\x00" * pad_len) + tail
    assert len(body) == BIG_SIZE
    return body


@functools.lru_cache(maxsize=None)
def make_jpeg(width=800, height=600, padding=0):
    """SOI, APP0 (JFIF), SOF0 (baseline, 3 components), SOS, data, EOI.

    Dimension readers find width and height in SOF0; the scan data is a
    few filler bytes, so the file does not decode to pixels. `padding`
    bytes of APP1 segments (as a large Exif block would be) come before
    SOF0, to put the size past a reader's first bytes.
    """
    app0 = b"JFIF\x00" + bytes([1, 1, 0]) + struct.pack(">HH", 1, 1) + b"\0\0"
    sof0 = struct.pack(">BHHB", 8, height, width, 3)
    sof0 += bytes([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])
    sos = bytes([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0])

    def segment(marker, payload):
        return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) \
            + payload

    pad = b""
    while len(pad) < padding:
        pad += segment(0xE1, b"\0" * min(60000, padding - len(pad)))
    return (b"\xff\xd8" + segment(0xE0, app0) + pad + segment(0xC0, sof0)
            + segment(0xDA, sos) + b"\x12\x34\x56\x78\x9a" + b"\xff\xd9")


@functools.lru_cache(maxsize=None)
def make_gif(width=320, height=240):
    """An animated GIF89a with a width x height logical screen.

    Two frames of one pixel each (frames need not cover the screen),
    each with a graphic control extension, and a NETSCAPE2.0 loop
    extension: small, valid and really animated.
    """
    screen = struct.pack("<HHBBB", width, height, 0x80, 0, 0)  # 2-colour GCT
    palette = b"\x00\x00\x00\xff\xff\xff"
    loop = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"

    def frame(colour):
        control = b"\x21\xf9\x04\x04" + struct.pack("<H", 10) + b"\x00\x00"
        descriptor = b"\x2c" + struct.pack("<HHHHB", 0, 0, 1, 1, 0)
        # LZW, minimum code size 2: clear (4), the pixel, end (5), 3 bits
        # each, packed least significant bit first.
        codes = 4 | (colour << 3) | (5 << 6)
        data = b"\x02\x02" + struct.pack("<H", codes) + b"\x00"
        return control + descriptor + data

    return b"GIF89a" + screen + palette + loop + frame(0) + frame(1) + b"\x3b"


class _BitWriter:
    """Packs bit fields least significant bit first (WebP lossless order)."""

    def __init__(self):
        self.value = 0
        self.nbits = 0

    def put(self, bits, count):
        self.value |= bits << self.nbits
        self.nbits += count

    def bytes(self):
        return self.value.to_bytes((self.nbits + 7) // 8, "little")


@functools.lru_cache(maxsize=None)
def make_webp(width=640, height=480):
    """RIFF/WEBP with a VP8X header (canvas width x height) and a VP8L image.

    The VP8L bitstream is a solid black image of the same size: with every
    prefix code holding a single symbol, pixels cost zero bits, so the
    whole stream is a few bytes yet decodes.
    """
    bits = _BitWriter()
    bits.put(0x2F, 8)                   # VP8L signature
    bits.put(width - 1, 14)
    bits.put(height - 1, 14)
    bits.put(0, 1)                      # alpha_is_used
    bits.put(0, 3)                      # version
    bits.put(0, 1)                      # no transform
    bits.put(0, 1)                      # no colour cache
    bits.put(0, 1)                      # no meta prefix codes
    # Five "simple" prefix codes of one symbol each: green, red, blue,
    # alpha, distance.  Fields: simple=1, num_symbols-1=0, is_first_8bits.
    for symbol in (0, 0, 0, 255, 0):
        bits.put(1, 1)
        bits.put(0, 1)
        if symbol < 2:
            bits.put(0, 1)
            bits.put(symbol, 1)
        else:
            bits.put(1, 1)
            bits.put(symbol, 8)
    vp8l = bits.bytes()

    def chunk(kind, data):
        pad = b"\x00" if len(data) % 2 else b""
        return kind + struct.pack("<I", len(data)) + data + pad

    canvas = (width - 1).to_bytes(3, "little") \
        + (height - 1).to_bytes(3, "little")
    vp8x = chunk(b"VP8X", b"\x00\x00\x00\x00" + canvas)   # no feature flags
    payload = b"WEBP" + vp8x + chunk(b"VP8L", vp8l)
    return b"RIFF" + struct.pack("<I", len(payload)) + payload


OK_PNG = make_png(1200, 630)
SMALL_PNG = make_png(100, 50)

# Static assets: path -> (body factory, Content-Type).  All honour Range.
ASSETS = {
    "/img/ok.png": (lambda: OK_PNG, "image/png"),
    "/img/small.png": (lambda: SMALL_PNG, "image/png"),
    "/img/photo.jpg": (make_jpeg, "image/jpeg"),
    # its size comes after 120,000 bytes of APP1 segments
    "/img/late.jpg": (lambda: make_jpeg(800, 600, 120000), "image/jpeg"),
    "/img/anim.gif": (make_gif, "image/gif"),
    "/img/pic.webp": (make_webp, "image/webp"),
    "/img/noext": (lambda: OK_PNG, "image/png"),
}


# --------------------------------------------------------------------------
# Test certificates.
# --------------------------------------------------------------------------

class TestCA:
    """Paths made by make_ca(); reads as attributes or as a dict."""

    __test__ = False                    # not a pytest test class

    def __init__(self, ca_cert, ca_key, server_cert, server_key):
        self.ca_cert = ca_cert
        self.ca_key = ca_key
        self.server_cert = server_cert
        self.server_key = server_key

    def __getitem__(self, key):
        return getattr(self, key)

    def __repr__(self):
        return "TestCA(ca_cert=%r, server_cert=%r, server_key=%r)" % (
            self.ca_cert, self.server_cert, self.server_key)


# The one openssl config used for every step, so the system's
# openssl.cnf (or OPENSSL_CONF) plays no part.
_OPENSSL_CNF = """\
[req]
distinguished_name = dn
prompt = no

[dn]
CN = unused

[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[v3_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


def _openssl(*args):
    """Run the openssl command line; raise with its stderr if it fails."""
    env = dict(os.environ)
    env.pop("OPENSSL_CONF", None)
    proc = subprocess.run(["openssl", *args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, env=env,
                          check=False)
    if proc.returncode != 0:
        raise RuntimeError("openssl %s failed (%d): %s" % (
            args[0], proc.returncode, proc.stderr.strip()))


def make_ca(directory, days=3):
    """Create a test CA and a server certificate for 127.0.0.1 in directory.

    P-256 keys, valid for `days` days from now.  The server certificate
    carries subjectAltName IP:127.0.0.1 and DNS:localhost and is signed
    by the CA.  Returns a TestCA with the paths ca_cert, ca_key,
    server_cert and server_key.
    """
    directory = os.fspath(directory)
    os.makedirs(directory, exist_ok=True)
    path = functools.partial(os.path.join, directory)
    cnf = path("openssl.cnf")
    with open(cnf, "w", encoding="ascii") as out:
        out.write(_OPENSSL_CNF)
    keygen = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
              "-nodes"]

    _openssl("req", "-x509", "-config", cnf, "-extensions", "v3_ca",
             *keygen, "-keyout", path("ca.key"), "-out", path("ca.pem"),
             "-days", str(days), "-subj", "/CN=ogcheck test CA")
    _openssl("req", "-new", "-config", cnf, *keygen,
             "-keyout", path("server.key"), "-out", path("server.csr"),
             "-subj", "/CN=127.0.0.1")
    serial = "0x" + os.urandom(8).hex()
    _openssl("x509", "-req", "-in", path("server.csr"),
             "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
             "-set_serial", serial, "-days", str(days),
             "-extfile", cnf, "-extensions", "v3_server",
             "-out", path("server.pem"))
    return TestCA(ca_cert=path("ca.pem"), ca_key=path("ca.key"),
                  server_cert=path("server.pem"),
                  server_key=path("server.key"))


def _tls_context(tls):
    """A server-side SSLContext from a TestCA, a dict of paths, or itself."""
    if isinstance(tls, ssl.SSLContext):
        return tls
    if isinstance(tls, dict):
        cert, key = tls["server_cert"], tls["server_key"]
    else:
        cert, key = tls.server_cert, tls.server_key
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.set_alpn_protocols(["http/1.1"])    # no HTTP/2 offered
    return context


# --------------------------------------------------------------------------
# The request handler.
# --------------------------------------------------------------------------

def _parse_range(header, total):
    """Parse a single-range "bytes=A-B", "bytes=A-" or "bytes=-N".

    Returns (first, last) inclusive, None when the header is absent,
    malformed or lists several ranges (the full body is then sent, as
    RFC 9110 allows), or "unsatisfiable".
    """
    if not header:
        return None
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    try:
        if first == "":                         # suffix: the last N bytes
            length = int(last)
            if length <= 0:
                return "unsatisfiable"
            return max(0, total - length), total - 1
        first = int(first)
        last = int(last) if last != "" else total - 1
    except ValueError:
        return None
    if first >= total:
        return "unsatisfiable"
    if last < first:
        return None
    return first, min(last, total - 1)


class _Abort(Exception):
    """The client went away (or the server is stopping): stop answering."""


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers the scripted routes; one instance per connection."""

    protocol_version = "HTTP/1.1"       # keep-alive unless asked otherwise
    # TCP_NODELAY, as servers in the field set it (nginx: tcp_nodelay on):
    # with Nagle's algorithm the body of each answer on a reused connection
    # would wait 40 ms for the client's delayed ACK of the headers.
    disable_nagle_algorithm = True
    server_version = "ogcheck-testserver/1"
    timeout = IDLE_TIMEOUT

    # Exact paths -> method name.  Prefixes are matched in _route().
    ROUTES = {
        "/img/big.png": "route_big",
        "/missing.png": "route_missing",
        "/error.png": "route_error",
        "/page.html": "route_page",
        "/abs-redirect": "route_abs_redirect",
        "/loop/a": "route_loop",
        "/loop/b": "route_loop",
        "/to-file": "route_to_file",
        "/to-ftp": "route_to_ftp",
        "/slow.png": "route_slow",
        "/nohead.png": "route_nohead",
        "/busy.png": "route_busy",
        "/unavailable.png": "route_unavailable",
        "/reset.png": "route_reset",
        "/typeless": "route_typeless",
    }

    # -- connection set-up and tear-down ---------------------------------

    def setup(self):
        super().setup()
        self.entry = None
        self.handshake_failed = False
        self.conn_id = self.server.connection_opened(self.connection)
        if isinstance(self.connection, ssl.SSLSocket):
            # The listening socket does not handshake in accept(), which
            # runs in the server's single accept thread; do it here, in
            # this connection's own thread.  Failures (say, a client that
            # does not trust the CA) end the connection quietly.
            try:
                self.connection.do_handshake()
            except OSError:
                self.handshake_failed = True

    def handle(self):
        if not self.handshake_failed:
            super().handle()

    def finish(self):
        try:
            super().finish()
        except OSError:
            pass
        finally:
            self.server.connection_closed(self.connection)

    def version_string(self):
        return self.server_version

    def log_message(self, format, *args):   # pylint: disable=redefined-builtin
        """No access log on stderr: the request log is srv.requests."""

    # -- dispatch -----------------------------------------------------------

    def do_GET(self):
        self._dispatch()

    def do_HEAD(self):
        self._dispatch()

    def send_error(self, code, message=None, explain=None):
        """Errors raised by the parser (400, 501, ...) are logged too."""
        if self.entry is None:
            self.entry = self.server.request_started(self)
            try:
                self.entry["status"] = code
                super().send_error(code, message, explain)
            finally:
                self.server.request_finished(self.entry)
                self.entry = None
        else:
            super().send_error(code, message, explain)

    def _dispatch(self):
        """Log the request, answer it, and bracket it as in flight."""
        self.entry = self.server.request_started(self)
        try:
            self._discard_request_body()
            split = urllib.parse.urlsplit(self.path)
            self.route_path = split.path
            self.query = urllib.parse.parse_qs(split.query)
            self._route()
        except _Abort:
            self.close_connection = True
        except OSError:                         # reset, broken pipe, timeout
            self.close_connection = True
        finally:
            self.server.request_finished(self.entry)
            self.entry = None

    def _route(self):
        path = self.route_path
        if path in ASSETS:
            factory, ctype = ASSETS[path]
            self.send_body(factory(), ctype)
        elif path in self.ROUTES:
            getattr(self, self.ROUTES[path])()
        elif path.startswith("/redirect/"):
            self.route_redirect(path[len("/redirect/"):])
        elif path.startswith("/delay/"):
            self.route_delay()
        else:
            self.send_text(404, "not found\n")

    def _discard_request_body(self):
        """Read a body sent with GET or HEAD, keeping keep-alive in step."""
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True        # not worth decoding chunks
            return
        length = int(self.headers.get("Content-Length") or 0)
        while length > 0:
            got = self.rfile.read(min(length, 65536))
            if not got:
                break
            length -= len(got)

    # -- response helpers ---------------------------------------------------

    def _start(self, code, headers):
        """Status line and headers (Content-Length always among them)."""
        self.entry["status"] = code
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()

    def _write(self, data):
        """Write body bytes (not for HEAD); count them in the log entry."""
        if self.command == "HEAD" or not data:
            return
        self.wfile.write(data)
        self.entry["bytes_sent"] += len(data)

    def send_text(self, code, text, ctype="text/plain; charset=utf-8",
                  extra=()):
        """A small body with a status and optional extra headers."""
        body = text.encode("utf-8")
        headers = [("Content-Type", ctype),
                   ("Content-Length", str(len(body)))]
        self._start(code, headers + list(extra))
        self._write(body)

    def send_body(self, body, ctype, ranges=True):
        """Serve body (200), or the asked byte range of it (206 / 416)."""
        total = len(body)
        want = _parse_range(self.headers.get("Range"), total) \
            if ranges else None
        type_header = [("Content-Type", ctype)] if ctype else []
        if want == "unsatisfiable":
            self._start(416, [("Content-Range", "bytes */%d" % total),
                              ("Content-Length", "0")])
        elif want is None:
            self._start(200, type_header + [
                ("Accept-Ranges", "bytes" if ranges else "none"),
                ("Content-Length", str(total))])
            self._write(body)
        else:
            first, last = want
            self._start(206, type_header + [
                ("Accept-Ranges", "bytes"),
                ("Content-Range", "bytes %d-%d/%d" % (first, last, total)),
                ("Content-Length", str(last - first + 1))])
            self._write(body[first:last + 1])

    def send_redirect(self, code, location):
        self.send_text(code, "see %s\n" % location,
                       extra=[("Location", location)])

    def wait(self, seconds):
        """Sleep, but wake and abort at once if the server is stopping."""
        if self.server.stopping.wait(max(0.0, seconds)):
            raise _Abort()

    def query_number(self, name, default):
        try:
            return float(self.query[name][0])
        except (KeyError, IndexError, ValueError):
            return default

    def abort_connection(self):
        """Close with no response bytes: SO_LINGER 0 makes it a TCP reset."""
        self.entry["status"] = 0
        self.close_connection = True
        sock = self.connection
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                            struct.pack("ii", 1, 0))
        except OSError:
            pass
        # The buffered reader holds a reference to the socket; close it
        # too, or socket.close() would not release the descriptor.  (The
        # writer holds none, and the base class still flushes it.)
        try:
            self.rfile.close()
        except OSError:
            pass
        sock.close()
        raise _Abort()

    # -- routes ---------------------------------------------------------------

    def route_big(self):
        """10 MiB PNG, 200 always (Range ignored), sent in 64 KiB writes."""
        body = memoryview(make_big_png())
        self._start(200, [("Content-Type", "image/png"),
                          ("Accept-Ranges", "none"),
                          ("Content-Length", str(len(body)))])
        if self.command == "HEAD":
            return
        for offset in range(0, len(body), BIG_CHUNK):
            if self.server.stopping.is_set():
                raise _Abort()
            self._write(body[offset:offset + BIG_CHUNK])

    def route_missing(self):
        self.send_text(404, "not found\n")

    def route_error(self):
        self.send_text(500, "internal server error\n")

    def route_page(self):
        html = ("<!DOCTYPE html>\n<html lang=\"en\"><head>"
                "<meta charset=\"utf-8\"><title>Test page</title></head>\n"
                "<body><p>Not an image.</p></body></html>\n")
        self.send_text(200, html, ctype="text/html; charset=utf-8")

    def route_redirect(self, rest):
        """/redirect/N -> /redirect/N-1, ..., /redirect/0 -> /img/ok.png."""
        if not rest.isdigit():
            self.send_text(404, "not found\n")
            return
        hops = int(rest)
        target = "/img/ok.png" if hops == 0 else "/redirect/%d" % (hops - 1)
        self.send_redirect(302, target)

    def route_abs_redirect(self):
        self.send_redirect(301, self.server.owner.url("/img/ok.png"))

    def route_loop(self):
        other = "/loop/b" if self.route_path == "/loop/a" else "/loop/a"
        self.send_redirect(302, other)

    def route_to_file(self):
        self.send_redirect(302, "file:///etc/passwd")

    def route_to_ftp(self):
        self.send_redirect(302, "ftp://127.0.0.1/x.png")

    def route_slow(self):
        """Sleeps ?s=SECONDS (default 3), then the ok PNG."""
        self.wait(self.query_number("s", 3.0))
        self.send_body(OK_PNG, "image/png")

    def route_nohead(self):
        if self.command == "HEAD":
            self.send_text(405, "method not allowed\n",
                           extra=[("Allow", "GET")])
        else:
            self.send_body(OK_PNG, "image/png")

    def route_busy(self):
        """429 + Retry-After: 1 the first time, the ok PNG afterwards."""
        if self.server.first_time("/busy.png"):
            self.send_text(429, "too many requests\n",
                           extra=[("Retry-After", "1")])
        else:
            self.send_body(OK_PNG, "image/png")

    def route_unavailable(self):
        self.send_text(503, "service unavailable\n",
                       extra=[("Retry-After", "1")])

    def route_reset(self):
        """Reset the connection the first time, the ok PNG afterwards."""
        if self.server.first_time("/reset.png"):
            self.abort_connection()
        self.send_body(OK_PNG, "image/png")

    def route_delay(self):
        """Waits ?ms=N (default: the server's delay_ms), then the ok PNG."""
        self.wait(self.query_number("ms", self.server.owner.delay_ms) / 1000)
        self.send_body(OK_PNG, "image/png")

    def route_typeless(self):
        self.send_body(OK_PNG, None)


# --------------------------------------------------------------------------
# The server.
# --------------------------------------------------------------------------

class _HTTPServer(http.server.ThreadingHTTPServer):
    """ThreadingHTTPServer that keeps the log and the in-flight count."""

    daemon_threads = True
    request_queue_size = 256            # listen() backlog

    def __init__(self, owner, context):
        self.owner = owner
        self.context = context
        self.stopping = threading.Event()
        self._lock = owner.lock
        self._conn_ids = itertools.count(1)
        self._connections = set()
        self._seen = set()
        super().__init__((LOOPBACK, 0), Handler)

    def server_bind(self):
        # HTTPServer.server_bind() looks the host name up (getfqdn), which
        # may ask a DNS server: skip it, the name is known.
        self.socket.bind(self.server_address)
        self.server_address = self.socket.getsockname()
        self.server_name = LOOPBACK
        self.server_port = self.server_address[1]

    def server_activate(self):
        super().server_activate()
        if self.context is not None:
            # Handshakes happen in each connection's thread (Handler.setup).
            self.socket = self.context.wrap_socket(
                self.socket, server_side=True, do_handshake_on_connect=False)

    def handle_error(self, request, client_address):
        """Clients that vanish mid-request are not errors worth a trace."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)

    # -- bookkeeping, all under self._lock ------------------------------------

    def connection_opened(self, sock):
        with self._lock:
            self._connections.add(sock)
            return next(self._conn_ids)

    def connection_closed(self, sock):
        with self._lock:
            self._connections.discard(sock)

    def close_connections(self):
        """Shut down open connections so their threads end promptly."""
        with self._lock:
            socks = list(self._connections)
        for sock in socks:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def first_time(self, key):
        """True for the first caller with this key on this server."""
        with self._lock:
            if key in self._seen:
                return False
            self._seen.add(key)
            return True

    def rearm(self):
        with self._lock:
            self._seen.clear()

    def request_started(self, handler):
        headers = handler.headers if hasattr(handler, "headers") else {}
        entry = {
            "method": getattr(handler, "command", None),
            "path": getattr(handler, "path", None),
            "range": headers.get("Range"),
            "user_agent": headers.get("User-Agent"),
            "headers": dict(headers.items()) if headers else {},
            "conn": getattr(handler, "conn_id", None),
            "status": None,
            "bytes_sent": 0,
            "start": time.monotonic(),
            "end": None,
        }
        owner = self.owner
        with self._lock:
            owner.requests.append(entry)
            owner.in_flight += 1
            owner.max_in_flight = max(owner.max_in_flight, owner.in_flight)
        return entry

    def request_finished(self, entry):
        with self._lock:
            entry["end"] = time.monotonic()
            self.owner.in_flight -= 1
            self._lock.notify_all()


class TestServer:
    """The test server: a context manager that runs it in a thread.

    tls      -- None for plain HTTP, or what make_ca() returned (or a dict
                with server_cert and server_key, or a server SSLContext).
    delay_ms -- how long /delay/<anything> waits unless ?ms= says.

    Attributes: port, requests (list of dicts, arrival order),
    in_flight, max_in_flight, delay_ms, scheme, lock.
    """

    __test__ = False                    # not a pytest test class

    def __init__(self, tls=None, delay_ms=0):
        self.tls = tls
        self.delay_ms = delay_ms
        self.scheme = "https" if tls is not None else "http"
        # Guards the log and the counters; notified when a request ends.
        self.lock = threading.Condition()
        self.requests = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.port = None
        self._httpd = None
        self._thread = None

    # -- life cycle ---------------------------------------------------------

    def start(self):
        context = _tls_context(self.tls) if self.tls is not None else None
        self._httpd = _HTTPServer(self, context)
        self.port = self._httpd.server_port
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
            name="testserver-%d" % self.port, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._httpd is None:
            return
        httpd, self._httpd = self._httpd, None
        httpd.stopping.set()            # wakes /slow and /delay sleepers
        httpd.shutdown()                # ends serve_forever
        self._thread.join()
        httpd.close_connections()       # ends idle keep-alive threads
        httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- helpers for tests ----------------------------------------------------

    def url(self, path="/"):
        """Absolute URL of path on this server."""
        if not path.startswith("/"):
            path = "/" + path
        return "%s://%s:%d%s" % (self.scheme, LOOPBACK, self.port, path)

    def count(self, path, method=None):
        """Requests for path (its query too, if path has one), by method."""
        with_query = "?" in path
        total = 0
        for entry in list(self.requests):
            seen = entry["path"] or ""
            if not with_query:
                seen = seen.split("?", 1)[0]
            if seen == path and (method is None or entry["method"] == method):
                total += 1
        return total

    def wait_idle(self, timeout=5.0):
        """Wait until no request is in flight; False if timeout passed.

        A client can see the last byte (or the reset) a moment before the
        server marks the request done: call this before reading "end",
        in_flight or the last entry's status.
        """
        with self.lock:
            return self.lock.wait_for(lambda: self.in_flight == 0, timeout)

    def reset_log(self):
        """Forget logged requests; max_in_flight restarts from now."""
        with self.lock:
            self.requests.clear()
            self.max_in_flight = self.in_flight

    def rearm(self):
        """Make /busy.png and /reset.png misbehave once more."""
        if self._httpd is not None:
            self._httpd.rearm()
