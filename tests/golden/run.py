#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs one golden case: run.py OGCHECK CASE_DIR.

A case folder holds `args` (the command line after `ogcheck`, split like a
shell would, with %CASE_DIR% substituted), optional `stdin`, optional `env`
(NAME=VALUE lines added to the environment; NO_COLOR and FORCE_COLOR are
always taken out first), the content it
names (usually under input/), and what to expect: `expected.status` (the
exit status), `expected.json` or `expected.txt` (standard output, compared
byte for byte), optionally `expected.stderr`, and for reports written to
files an `expected-files/` folder whose files are compared with the files
of the same names that the run wrote. The command runs in a temporary copy
of the case folder, so runs never write into the source tree. A case may
name another case's folder in `base` (relative to its own): that folder
(after its own base, if it has one) is copied first, without its args,
base and expected files, and the case's own files over it, so that
several cases share one site.
OGCHECK_UPDATE_GOLDEN=1 rewrites the expected files instead.
SARIF's informationUri (meson's homepage, which by default names the
install prefix of the build) is written "%HOMEPAGE%" in what the run
printed or wrote before the comparison, so that the expected files hold
no path of one machine.
OGCHECK_WRAPPER, split like a shell would, is put before the ogcheck
command (tests/valgrind_golden.py runs the cases under valgrind with it).
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def copy_case(source, case, skip):
    """Copies source into case, after the case its `base` names (which may
    name its own base)."""
    base = os.path.join(source, 'base')
    if os.path.exists(base):
        copy_case(os.path.normpath(os.path.join(
            source, read(base).decode().strip())), case, ('args',))
    shutil.copytree(source, case, symlinks=True, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns('expected*', 'base', *skip))


def main():
    ogcheck, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        case = os.path.join(tmp, os.path.basename(source))
        copy_case(source, case, ())
        return check(ogcheck, source, case)


def check(ogcheck, source, case):
    args = read(os.path.join(source, 'args')).decode().replace(
        '%CASE_DIR%', case)
    wrapper = shlex.split(os.environ.get('OGCHECK_WRAPPER', ''))
    argv = wrapper + [ogcheck] + shlex.split(args)
    stdin_path = os.path.join(source, 'stdin')
    stdin = read(stdin_path) if os.path.exists(stdin_path) else b''
    env = dict(os.environ)
    env.setdefault('ASAN_OPTIONS', 'detect_leaks=1')
    # colour depends on these: a case sets them in its `env` file
    env.pop('NO_COLOR', None)
    env.pop('FORCE_COLOR', None)
    env_path = os.path.join(source, 'env')
    if os.path.exists(env_path):
        for line in read(env_path).decode().splitlines():
            if '=' in line:
                name, value = line.split('=', 1)
                env[name] = value
    proc = subprocess.run(argv, cwd=case, input=stdin, capture_output=True,
                          timeout=60, env=env)
    outputs = {'expected.status': b'%d\n' % proc.returncode}
    json_path = os.path.join(source, 'expected.json')
    out_name = 'expected.json' if os.path.exists(json_path) or \
        re.search(r'--format json(\s|$)', args) else 'expected.txt'
    outputs[out_name] = proc.stdout
    if os.path.exists(os.path.join(source, 'expected.stderr')):
        outputs['expected.stderr'] = proc.stderr
    files_dir = os.path.join(source, 'expected-files')
    for root, _, names in os.walk(files_dir):
        for name in names:
            rel = os.path.relpath(os.path.join(root, name), files_dir)
            made = os.path.join(case, rel)
            outputs[os.path.join('expected-files', rel)] = \
                read(made) if os.path.exists(made) else b'(not written)\n'

    outputs = {name: re.sub(rb'("informationUri": )"[^"]*"',
                            rb'\1"%HOMEPAGE%"', data)
               for name, data in outputs.items()}

    if os.environ.get('OGCHECK_UPDATE_GOLDEN') == '1':
        for name, data in outputs.items():
            with open(os.path.join(source, name), 'wb') as f:
                f.write(data)
        print('updated', source)
        return 0

    failed = False
    for name, data in outputs.items():
        path = os.path.join(source, name)
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
