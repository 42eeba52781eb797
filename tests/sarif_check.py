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

from expect import expect, summary

LEVELS = {'none', 'note', 'warning', 'error'}


def every(items, name, test, what):
    """One check of test(item) over items, the detail naming each item
    that fails it."""
    bad = [name(i) for i in items if not test(i)]
    expect(not bad, what, 'not so for: ' + ', '.join(bad))


def physical(res):
    locs = res.get('locations', [])
    return locs[0].get('physicalLocation', {}) if locs else {}


def uri_of(res):
    return physical(res).get('artifactLocation', {}).get('uri', '')


def main():
    proc = subprocess.run([sys.argv[1], '--offline', '--format', 'sarif',
                           sys.argv[2]], capture_output=True)
    log = json.loads(proc.stdout)
    expect(proc.returncode in (0, 1), 'exit status 0 or 1',
           'exit status %d' % proc.returncode)
    expect(log.get('version') == '2.1.0', 'version is 2.1.0',
           repr(log.get('version')))
    expect(isinstance(log.get('runs'), list) and len(log['runs']) == 1,
           'one run', repr(log.get('runs'))[:200])
    run = log['runs'][0]
    driver = run.get('tool', {}).get('driver', {})
    expect(driver.get('name') == 'ogcheck', 'tool.driver.name',
           repr(driver.get('name')))
    expect(isinstance(driver.get('version'), str), 'tool.driver.version',
           repr(driver.get('version')))
    # SARIF Multitool's SARIF2005 warns without it: the project's address
    # (-Dhomepage=https://...), else the installed README as a file: URI
    uri = driver.get('informationUri', '')
    expect(re.match(r'(https?://[^/\s]+|file:///)[^\s"\\]*$', uri),
           'informationUri is an absolute http(s) or file URI', repr(uri))
    rules = driver.get('rules', [])
    expect(len(rules) > 0, 'driver.rules')

    def rule(r):
        return repr(r.get('id'))
    every(rules, rule, lambda r: isinstance(r.get('id'), str),
          'each rule: id')
    every(rules, rule, lambda r: isinstance(
        r.get('shortDescription', {}).get('text'), str),
        'each rule: shortDescription.text')
    every(rules, rule, lambda r: isinstance(
        r.get('help', {}).get('text'), str), 'each rule: help.text')
    # GitHub code scanning's rule GH2012 (SARIF Multitool, Ghas kind)
    every(rules, rule, lambda r: isinstance(
        r.get('fullDescription', {}).get('text'), str) and
        r['fullDescription']['text'] != '',
        'each rule: fullDescription.text (GH2012)')
    every(rules, rule, lambda r: r.get('defaultConfiguration', {}).get(
        'level') in LEVELS, 'each rule: defaultConfiguration.level')
    results = run.get('results')
    expect(isinstance(results, list) and len(results) > 0, 'results')
    results = results or []

    def result(res):
        return '%s at %r' % (res.get('ruleId'), uri_of(res))

    def rule_index(res):
        idx = res.get('ruleIndex')
        return isinstance(idx, int) and 0 <= idx < len(rules) and \
            rules[idx]['id'] == res.get('ruleId')

    def region(res):
        r = physical(res).get('region', {})
        return r.get('startLine', 0) >= 1 and r.get('startColumn', 0) >= 1
    every(results, result, lambda res: isinstance(
        res.get('message', {}).get('text'), str), 'each result: message.text')
    every(results, result, lambda res: res.get('level') in LEVELS,
          'each result: level')
    every(results, result, rule_index,
          'each result: ruleIndex is its rule\'s')
    every(results, result, lambda res: len(res.get('locations', [])) == 1,
          'each result: one location')
    every(results, result, lambda res: uri_of(res) != '' and
          not uri_of(res).startswith('./') and ' ' not in uri_of(res),
          'each result: a relative, encoded uri')
    every(results, result, region, 'each result: a 1-based region')
    every(results, result, lambda res: len(res.get(
        'partialFingerprints', {}).get('ogcheck/v1', '')) == 16,
        'each result: a partial fingerprint')
    return summary()


if __name__ == '__main__':
    sys.exit(main())
