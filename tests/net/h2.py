# h2.py: the HTTP/2 test server (h2server.js, run by node) and a black-hole
# listener, both on 127.0.0.1, for tests/net_check.py and ci/bench.
# SPDX-License-Identifier: MIT
"""Loopback servers that Python's standard library cannot be.

    with H2Server(ca, body, delay_ms=80, max_streams=100) as srv:
        url = srv.url("/img/1.png")          # https://127.0.0.1:PORT/...
        ...
    srv.stats   # {"connections", "requests", "peak_streams",
                #  "peak_streams_per_connection"}, once it has stopped

    with BlackHole() as hole:                # accepts, never answers
        url = hole.url("/img/1.png")
        ...
        hole.connections                     # how many it accepted
"""

import json
import os
import shutil
import socket
import subprocess
import threading

HERE = os.path.dirname(os.path.abspath(__file__))


def node():
    """The node binary, or None when it is not installed."""
    return shutil.which("node") or shutil.which("nodejs")


class H2Server:
    """h2server.js with a certificate from server.make_ca()."""

    def __init__(self, ca, body, delay_ms=0, max_streams=100):
        self.ca = ca
        self.body = body
        self.delay_ms = delay_ms
        self.max_streams = max_streams
        self.proc = None
        self.port = None
        self.stats = None

    def __enter__(self):
        body_file = os.path.join(os.path.dirname(self.ca.server_cert),
                                 "h2-body.bin")
        with open(body_file, "wb") as f:
            f.write(self.body)
        self.proc = subprocess.Popen(
            [node(), os.path.join(HERE, "h2server.js"),
             self.ca.server_cert, self.ca.server_key, body_file,
             str(self.delay_ms), str(self.max_streams)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = json.loads(self.proc.stdout.readline())["port"]
        return self

    def __exit__(self, *exc):
        self.proc.stdin.close()
        line = self.proc.stdout.readline()
        self.proc.wait(timeout=10)
        self.proc.stdout.close()
        self.stats = json.loads(line) if line else None
        return False

    def url(self, path="/"):
        return f"https://127.0.0.1:{self.port}{path}"


class BlackHole:
    """A listener on 127.0.0.1 that accepts connections and never answers
    (nor closes them until it stops): every request to it times out."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1024)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.held = []
        self.stopping = False
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        while not self.stopping:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            self.held.append(conn)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping = True
        self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        self.thread.join(timeout=5)
        for conn in self.held:
            conn.close()
        return False

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"
