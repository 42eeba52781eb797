#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs one golden case: run.py OGCHECK CASE_DIR.

A case folder holds `args` (the command line after `ogcheck`, split like a
shell would, with %CASE_DIR% substituted), optional `stdin`, the content it
names (usually under input/), and what to expect: `expected.status` (the
exit status), `expected.json` or `expected.txt` (standard output, compared
byte for byte) and optionally `expected.stderr`. The command runs in the
case folder. OGCHECK_UPDATE_GOLDEN=1 rewrites the expected files instead.
"""
import os
import shlex
import subprocess
import sys


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def main():
    ogcheck, case = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    args = read(os.path.join(case, 'args')).decode().replace('%CASE_DIR%', case)
    argv = [ogcheck] + shlex.split(args)
    stdin_path = os.path.join(case, 'stdin')
    stdin = read(stdin_path) if os.path.exists(stdin_path) else b''
    env = dict(os.environ)
    env.setdefault('ASAN_OPTIONS', 'detect_leaks=1')
    proc = subprocess.run(argv, cwd=case, input=stdin, capture_output=True,
                          timeout=60, env=env)
    outputs = {'expected.status': b'%d\n' % proc.returncode}
    json_path = os.path.join(case, 'expected.json')
    out_name = 'expected.json' if os.path.exists(json_path) or \
        '--format json' in args else 'expected.txt'
    outputs[out_name] = proc.stdout
    if os.path.exists(os.path.join(case, 'expected.stderr')):
        outputs['expected.stderr'] = proc.stderr

    if os.environ.get('OGCHECK_UPDATE_GOLDEN') == '1':
        for name, data in outputs.items():
            with open(os.path.join(case, name), 'wb') as f:
                f.write(data)
        print('updated', case)
        return 0

    failed = False
    for name, data in outputs.items():
        path = os.path.join(case, name)
        if not os.path.exists(path):
            print('missing %s (run with OGCHECK_UPDATE_GOLDEN=1)' % name)
            failed = True
            continue
        want = read(path)
        if want != data:
            failed = True
            print('--- %s differs' % name)
            print('expected:\n' + want.decode(errors='replace'))
            print('got:\n' + data.decode(errors='replace'))
    if failed:
        print('stderr was:\n' + proc.stderr.decode(errors='replace'))
        print('command:', shlex.join(argv))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
