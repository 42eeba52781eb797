#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""jsonl streams: a file's lines come out before the next file is read.

jsonl_stream.py OGCHECK: checks a.md, then a FIFO that this test fills
only after it has read a.md's line from ogcheck's output. A report that
waited for the end of the run would never show that line: the test would
time out instead.
"""
import json
import os
import select
import subprocess
import sys
import tempfile


def main():
    with tempfile.TemporaryDirectory() as tmp:
        a = os.path.join(tmp, 'a.md')
        with open(a, 'w') as f:
            f.write('---\nog:\n  title: t\n  type: blog\n  url: https://x.org/\n'
                    '  image: https://x.org/i.png\n---\n')
        fifo = os.path.join(tmp, 'b.md')
        os.mkfifo(fifo)
        proc = subprocess.Popen([sys.argv[1], '--offline', '--format', 'jsonl',
                                 a, fifo], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
        ready, _, _ = select.select([proc.stdout], [], [], 20)
        first = json.loads(proc.stdout.readline()) if ready else None
        # now let ogcheck read the second file
        with open(fifo, 'w') as f:
            f.write('---\ntitle: b\n---\n')
        rest = [json.loads(line) for line in proc.stdout]
        proc.wait(timeout=20)
    ok = (first is not None and first.get('rule') == 'og-type' and
          first.get('file') == a and
          [d.get('rule') for d in rest[:-1]] == ['og-required'] * 4 and
          rest[-1].get('summary', {}).get('files') == 2 and
          proc.returncode == 1)
    print('first line before the second file: %r' % (first,))
    print('then: %r' % (rest,))
    print('%d passed, %d failed' % (1 if ok else 0, 0 if ok else 1))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
