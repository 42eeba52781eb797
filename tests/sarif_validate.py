#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Validates ogcheck's SARIF with Microsoft's SARIF Multitool.

sarif_validate.py OGCHECK SOURCE_ROOT: runs `Sarif.Multitool validate`
(npm package @microsoft/sarif-multitool, a self-contained .NET program
installed by `npm ci`; no network) with rule kind Sarif (the SARIF 2.1.0
schema and the specification's rules) and rule kind Ghas (what GitHub
code scanning accepts: GH1001...) over
- ogcheck's SARIF for examples/ (offline), and for examples/ with every
  platform profile (more rules, longer help texts);
- every golden case's SARIF report (tests/golden/**/expected*: the files
  that hold a SARIF log), with its "%HOMEPAGE%" put back as this build's
  informationUri;
and fails on any result of level error or warning. Notes (advice such as
"consider a friendly rule name") are counted, not failures. A broken log
(no informationUri, a result without a message) must fail, so that a
validator that checks nothing cannot pass. Exit status 77 (skipped) when
node_modules is missing.
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

from expect import expect, summary

PROFILES = ['--profile', 'ogp', '--profile', 'facebook', '--profile', 'x',
            '--profile', 'linkedin', '--profile', 'seo']


def sarif_logs(root):
    """(name, text) of every golden expected file that is a SARIF log."""
    found = []
    golden = os.path.join(root, 'tests', 'golden')
    for dirpath, _, names in sorted(os.walk(golden)):
        for name in sorted(names):
            path = os.path.join(dirpath, name)
            if 'expected' not in os.path.relpath(path, golden):
                continue
            try:
                with open(path, encoding='utf-8') as f:
                    log = json.load(f)
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(log, dict) and log.get('version') == '2.1.0' \
                    and 'runs' in log:
                found.append((os.path.relpath(path, root),
                              json.dumps(log)))
    return found


def validate(multitool, kind, files, out):
    """The validator's results: [(level, ruleId, file, message)]."""
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT='1',
               DOTNET_CLI_TELEMETRY_OPTOUT='1')
    proc = subprocess.run(
        [multitool, 'validate', '--rule-kind', kind,
         '--level', 'Error;Warning;Note', '--output', out] + files,
        capture_output=True, text=True, env=env, timeout=300)
    if not os.path.exists(out):
        raise RuntimeError('the multitool wrote no log (status %d):\n%s%s'
                           % (proc.returncode, proc.stdout, proc.stderr))
    with open(out, encoding='utf-8-sig') as f:
        log = json.load(f)
    os.unlink(out)
    found = []
    for run in log.get('runs', []):
        rules = run.get('tool', {}).get('driver', {}).get('rules', [])
        texts = {r['id']: r.get('messageStrings', {}) for r in rules}
        for r in run.get('results', []):
            msg = r.get('message', {})
            text = msg.get('text')
            if text is None:
                template = texts.get(r['ruleId'], {}).get(
                    msg.get('id'), {}).get('text', msg.get('id', ''))
                try:
                    text = template.format(*msg.get('arguments', []))
                except (IndexError, KeyError):
                    text = '%s %r' % (template, msg.get('arguments'))
            uri = ''
            for loc in r.get('locations', []):
                uri = loc.get('physicalLocation', {}).get(
                    'artifactLocation', {}).get('uri', uri)
            found.append((r.get('level', 'warning'), r['ruleId'], uri, text))
    return found


def main():
    ogcheck = os.path.abspath(sys.argv[1])
    root = os.path.abspath(sys.argv[2])
    multitool = os.path.join(root, 'node_modules', '@microsoft',
                             'sarif-multitool-linux', 'Sarif.Multitool')
    if not os.path.exists(multitool):
        print('SKIP: run `npm ci` first (%s is missing)' % multitool)
        return 77
    env = dict(os.environ, ASAN_OPTIONS='detect_leaks=0')
    with tempfile.TemporaryDirectory() as tmp:
        logs = {}
        for name, extra in (('examples', []), ('examples-profiles',
                                                PROFILES)):
            proc = subprocess.run(
                [ogcheck, '--offline', '--format', 'sarif'] + extra +
                ['examples/content'], cwd=root, capture_output=True,
                env=env)
            expect(proc.returncode in (0, 1),
                   'ogcheck %s: exit status 0 or 1' % name,
                   'exit %d: %s' % (proc.returncode, proc.stderr.decode()))
            logs[name] = proc.stdout.decode()
        homepage = json.loads(logs['examples'])['runs'][0]['tool'][
            'driver'].get('informationUri', '')
        golden = sarif_logs(root)
        expect(len(golden) >= 2, 'golden SARIF reports: at least 2',
               'found %d' % len(golden))
        for name, text in golden:
            logs[name] = text.replace('"%HOMEPAGE%"', json.dumps(homepage))
        files = {}
        for i, (name, text) in enumerate(sorted(logs.items())):
            path = os.path.join(tmp, '%02d.sarif' % i)
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
            files[path] = name

        # What each rule kind must catch: a log without informationUri
        # (SARIF2005), one with a result without its message (the schema),
        # and for GitHub, a rule without fullDescription and a result
        # without a location.
        broken = {}
        log = json.loads(logs['examples'])
        del log['runs'][0]['tool']['driver']['informationUri']
        broken['no-information-uri'] = log
        log = json.loads(logs['examples'])
        del log['runs'][0]['results'][0]['message']
        broken['no-message'] = log
        log = json.loads(logs['examples'])
        for rule in log['runs'][0]['tool']['driver']['rules']:
            del rule['fullDescription']
        del log['runs'][0]['results'][0]['locations']
        broken['ghas'] = log
        for name, log in broken.items():
            with open(os.path.join(tmp, name + '.sarif'), 'w',
                      encoding='utf-8') as f:
                json.dump(log, f)
        must_find = {
            ('Sarif', 'no-information-uri'): ('warning', 'SARIF2005'),
            ('Sarif', 'no-message'): ('error', None),
            ('Ghas', 'ghas'): ('error', None),
        }

        out = os.path.join(tmp, 'validation.sarif')
        for kind in ('Sarif', 'Ghas'):
            try:
                found = validate(multitool, kind, list(files), out)
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                expect(False, '%s: the multitool runs' % kind, str(e))
                continue
            notes = collections.Counter()
            problems = []
            for level, rule, uri, text in found:
                name = files.get(uri[7:] if uri.startswith('file://')
                                 else uri, uri)
                if level in ('error', 'warning'):
                    problems.append('%s %s %s: %s' % (level, rule, name,
                                                      text))
                else:
                    notes[rule] += 1
            print('%s: %d logs, %d errors and warnings, notes: %s' % (
                kind, len(files), len(problems),
                ', '.join('%s %d' % kv for kv in sorted(notes.items()))
                or 'none'))
            expect(not problems, '%s: no error or warning in the %d logs'
                   % (kind, len(files)), '\n'.join(problems))
            for (k, name), (level, rule) in must_find.items():
                if k != kind:
                    continue
                got = validate(multitool, kind,
                               [os.path.join(tmp, name + '.sarif')], out)
                got = sorted({(lv, r) for lv, r, _, _ in got
                              if lv in ('error', 'warning')})
                print('%s on the broken log %s: %s' % (kind, name, got))
                expect(any(lv == level and rule in (None, r)
                           for lv, r in got),
                       '%s rejects the broken log %s (%s %s)' % (
                           kind, name, level, rule or 'of any rule'),
                       'it found: %s' % got)
    return summary()


if __name__ == '__main__':
    sys.exit(main())
