#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""meson install puts the binary, both man pages and the JSON Schema of
rule files in place, and every long option that --help shows is in
ogcheck(1).

Usage: install_check.py BUILD_DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile


def main():
    build = sys.argv[1]
    failed = 0
    with tempfile.TemporaryDirectory() as dest:
        proc = subprocess.run(['meson', 'install', '-C', build, '--no-rebuild',
                               '--destdir', dest, '--quiet'],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print('FAIL meson install:\n' + proc.stdout + proc.stderr)
            return 1
        found = {}
        for folder, _, files in os.walk(dest):
            for name in files:
                found[name] = os.path.join(folder, name)
        for name, where in (('ogcheck', 'bin'), ('ogcheck.1', 'man1'),
                            ('ogcheck-rules.5', 'man5')):
            path = found.get(name)
            if path is None or os.path.basename(os.path.dirname(path)) != where:
                print('FAIL %s is not installed in a %s folder: %s'
                      % (name, where, path))
                failed += 1
        schema = found.get('ogcheck.schema.json')
        if schema is None or not schema.endswith(
                os.path.join('share', 'ogcheck', 'ogcheck.schema.json')):
            print('FAIL ogcheck.schema.json is not installed in '
                  'share/ogcheck: %s' % schema)
            failed += 1
        else:
            with open(schema, encoding='utf-8') as f:
                if json.load(f).get('title') != 'ogcheck rule file':
                    print('FAIL %s is not the schema of rule files' % schema)
                    failed += 1
        if failed:
            return 1
        helptext = subprocess.run([found['ogcheck'], '--help'],
                                  capture_output=True, text=True).stdout
        with open(found['ogcheck.1'], encoding='utf-8') as f:
            page = re.sub(r'\\f[BIRP]', '', f.read()).replace('\\-', '-')
        # "  --name" or "  -x, --name": every long option --help lists
        options = sorted(set(re.findall(r'(?m)^  (?:-[a-zA-Z], )?(--[a-z][a-z-]*)',
                                        helptext)))
        if len(options) < 20:
            print('FAIL --help lists only %d options' % len(options))
            failed += 1
        for option in options:
            if not re.search(re.escape(option) + r'(?![a-z-])', page):
                print('FAIL %s is in --help but not in ogcheck(1)' % option)
                failed += 1
        print('install_check: %d options checked, %s'
              % (len(options), 'failed' if failed else 'passed'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
