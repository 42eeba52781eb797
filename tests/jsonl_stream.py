#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""jsonl streams: a file's lines come out before the next file is read,
and in the sorted report's order on any number of threads.

jsonl_stream.py OGCHECK:
- checks a.md, then a FIFO that this test fills only after it has read
  a.md's line from ogcheck's output. A report that waited for the end of
  the run would never show that line: the test would time out instead.
- checks a folder of 1,800 files, one in four of them 50 times as long to
  read, with 1, 2, 3 and 8 threads: every stream is byte-identical, and
  its findings are the sorted json report's, in its order. Names such as
  "a-b.md", "a.md" and the folder "a/" sort by strcmp(), not by folder.
  The same holds with a json report written beside it (findings kept) and
  with jsonl alone (findings forgotten once written).
"""
import json
import os
import random
import select
import subprocess
import sys
import tempfile


def make_tree(top):
    """Files whose findings differ, some slow to read, in folders whose
    names sort differently by folder and by path."""
    rnd = random.Random(17)
    folders = ['', 'a', 'a-b', 'b', 'b/c', 'b.c']
    n = 0
    for d in folders:
        os.makedirs(os.path.join(top, d), exist_ok=True)
        for i in range(300):
            n += 1
            pad = 'y' * rnd.choice([10, 10, 10, 30000])
            title = 'T%d %s' % (n, 'z' * rnd.choice([5, 80]))
            date = rnd.choice(['2024-01-02', 'yesterday'])
            with open(os.path.join(top, d, 'p%03d.md' % i), 'w') as f:
                f.write('---\ntitle: %s\ndate: %s\nx: %s\n---\nbody\n' %
                        (title, date, pad))
    for name in ('a.md', 'a-b.md', 'b0.md'):
        with open(os.path.join(top, name), 'w') as f:
            f.write('---\ntitle: %s\n---\n' % name)


def ordered(ogcheck, tmp):
    """The streams on 1, 2, 3 and 8 threads against the sorted report."""
    top = os.path.join(tmp, 'tree')
    make_tree(top)
    sorted_json = os.path.join(tmp, 'sorted.json')
    subprocess.run([ogcheck, '--offline', '--format', 'json', '--output',
                    sorted_json, top], stdout=subprocess.DEVNULL, check=False)
    with open(sorted_json) as f:
        want = [json.dumps(d, sort_keys=True)
                for d in json.load(f)['diagnostics']]
    streams = {}
    for threads in ('1', '2', '3', '8'):
        for beside in ([], ['--format', 'json', '--output', os.devnull]):
            run = subprocess.run([ogcheck, '--offline', '--threads', threads,
                                  '--format', 'jsonl'] + beside + [top],
                                 stdout=subprocess.PIPE, check=False)
            streams[(threads, bool(beside))] = run.stdout
    first = streams[('1', False)]
    same = all(s == first for s in streams.values())
    lines = first.decode().splitlines()[:-1]
    got = [json.dumps(json.loads(line), sort_keys=True) for line in lines]
    files = [json.loads(line)['file'] for line in lines]
    print('streams on 1, 2, 3, 8 threads, with and without a json report: '
          '%s' % ('identical' if same else 'DIFFERENT'))
    print('%d findings streamed, %d in the sorted report, same order: %s' %
          (len(got), len(want), got == want))
    print('files in order: %s' % (files == sorted(files)))
    return same and len(want) > 1000 and got == want and files == sorted(files)


def first_before_second():
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
    return ok


def main():
    results = [first_before_second()]
    with tempfile.TemporaryDirectory() as tmp:
        results.append(ordered(sys.argv[1], tmp))
    passed = sum(results)
    print('%d passed, %d failed' % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == '__main__':
    sys.exit(main())
