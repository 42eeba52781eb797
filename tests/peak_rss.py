#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Peak RSS of a command, measured right: measure(argv, ...).

Linux carries a process's peak RSS across execve, and a child that
subprocess starts with vfork (or posix_spawn) shares the parent's memory
until it execs: wait4 then reports at least the calling script's own peak
(tens of MiB after parsing a large report), not the command's. So the
command is started by a small helper interpreter that fork()s it: a forked
child starts from its parent's anonymous pages only, about 5 MiB for
`python3 -S`, below ogcheck's own start-up RSS (8 MiB), and the helper
reports the ru_maxrss of that child alone.
"""
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

RSS_HELPER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
took = time.perf_counter() - start
with open(sys.argv[1], "w") as f:
    f.write("%d %d %.9f\\n" % (os.waitstatus_to_exitcode(status),
                              usage.ru_maxrss, took))
"""


def measure(argv, cwd=None, env=None, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            timeout=None):
    """Runs argv; returns (exit status, seconds, peak RSS in KiB).

    The seconds are the command's own, from its fork to its exit, without
    the helper's start-up. After `timeout` seconds the helper and the
    command (one process group) are killed: the status is then -9 and the
    RSS 0.
    """
    with tempfile.TemporaryDirectory() as tmp:
        result = os.path.join(tmp, "rss")
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-S", "-c", RSS_HELPER,
                                 result] + list(argv), cwd=cwd, env=env,
                                stdin=stdin, stdout=stdout, stderr=stderr,
                                start_new_session=True)
        watchdog = None
        if timeout is not None:
            watchdog = threading.Timer(timeout, os.killpg,
                                       (proc.pid, signal.SIGKILL))
            watchdog.start()
        try:
            proc.wait()
        finally:
            if watchdog is not None:
                watchdog.cancel()
        elapsed = time.monotonic() - started
        try:
            with open(result) as f:
                fields = f.read().split()
            status, rss, elapsed = int(fields[0]), int(fields[1]), \
                float(fields[2])
        except (OSError, ValueError, IndexError):
            status, rss = -9, 0
    return status, elapsed, rss
