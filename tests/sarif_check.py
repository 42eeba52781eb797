#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks ogcheck's SARIF against what SARIF 2.1.0 requires.

sarif_check.py OGCHECK CONTENT_DIR: runs `ogcheck --format sarif` on the
folder and asserts the properties the SARIF 2.1.0 schema marks required
(sarifLog: version, runs; run: tool; tool: driver; toolComponent: name;
result: message; message: text; reportingDescriptor: id), the enums it
uses (level), and what GitHub code scanning reads: ruleIndex pointing at
the rule with the same id, a relative artifact URI, 1-based regions, a
partial fingerprint and an absolute informationUri. No network: the
schema's rules are written out here (tests/sarif_validate.py runs
Microsoft's SARIF Multitool too).
"""
import json
import re
import subprocess
import sys

LEVELS = {'none', 'note', 'warning', 'error'}
failures = []


def expect(cond, what):
    if not cond:
        failures.append(what)


def main():
    proc = subprocess.run([sys.argv[1], '--offline', '--format', 'sarif',
                           sys.argv[2]], capture_output=True)
    log = json.loads(proc.stdout)
    expect(proc.returncode in (0, 1), 'exit status %d' % proc.returncode)
    expect(log.get('version') == '2.1.0', 'version is 2.1.0')
    expect(isinstance(log.get('runs'), list) and len(log['runs']) == 1,
           'one run')
    run = log['runs'][0]
    driver = run.get('tool', {}).get('driver', {})
    expect(driver.get('name') == 'ogcheck', 'tool.driver.name')
    expect(isinstance(driver.get('version'), str), 'tool.driver.version')
    # SARIF Multitool's SARIF2005 warns without it: the project's address
    # (-Dhomepage=https://...), else the installed README as a file: URI
    uri = driver.get('informationUri', '')
    expect(re.match(r'(https?://[^/\s]+|file:///)[^\s"\\]*$', uri),
           'informationUri is an absolute http(s) or file URI: %r' % uri)
    rules = driver.get('rules', [])
    expect(len(rules) > 0, 'driver.rules')
    for r in rules:
        expect(isinstance(r.get('id'), str), 'rule id')
        expect(isinstance(r.get('shortDescription', {}).get('text'), str),
               'rule %s shortDescription.text' % r.get('id'))
        expect(isinstance(r.get('help', {}).get('text'), str),
               'rule %s help.text' % r.get('id'))
        # GitHub code scanning's rule GH2012 (SARIF Multitool, Ghas kind)
        full = r.get('fullDescription', {}).get('text')
        expect(isinstance(full, str) and full != '',
               'rule %s fullDescription.text (GH2012)' % r.get('id'))
        expect(r.get('defaultConfiguration', {}).get('level') in LEVELS,
               'rule %s defaultConfiguration.level' % r.get('id'))
    results = run.get('results')
    expect(isinstance(results, list) and len(results) > 0, 'results')
    for res in results or []:
        rid = res.get('ruleId')
        expect(isinstance(res.get('message', {}).get('text'), str),
               'result message.text')
        expect(res.get('level') in LEVELS, 'result level')
        idx = res.get('ruleIndex')
        expect(isinstance(idx, int) and 0 <= idx < len(rules) and
               rules[idx]['id'] == rid, 'ruleIndex of %s' % rid)
        locs = res.get('locations', [])
        expect(len(locs) == 1, 'one location')
        phys = locs[0].get('physicalLocation', {}) if locs else {}
        uri = phys.get('artifactLocation', {}).get('uri', '')
        expect(uri != '' and not uri.startswith('./') and ' ' not in uri,
               'relative, encoded uri: %r' % uri)
        region = phys.get('region', {})
        expect(region.get('startLine', 0) >= 1 and
               region.get('startColumn', 0) >= 1, 'region')
        fp = res.get('partialFingerprints', {}).get('ogcheck/v1', '')
        expect(len(fp) == 16, 'partial fingerprint')
    for f in failures:
        print('FAIL', f)
    print('%d passed, %d failed' % (0 if failures else 1, len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
