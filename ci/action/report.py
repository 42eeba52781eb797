#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The GitHub Action's reporting (ci/action/check.sh calls it).

report.py --status N --workdir DIR --workspace DIR --json FILE
          --sarif FILE --github FILE

- prints ogcheck's GitHub annotations (--format github) to standard
  output, where the runner turns them into annotations, with each file=
  made relative to the repository (the workspace) rather than to the
  folder ogcheck ran in, so that they land on the right file of a pull
  request; the SARIF report's artifact URIs the same way;
- appends name=value lines to $GITHUB_OUTPUT: errors, warnings, infos,
  files and exit-code from the JSON report's summary, and the absolute
  paths of the reports written (json, sarif);
- appends to $GITHUB_STEP_SUMMARY a Markdown table of the findings by rule
  and severity, with the totals, kept under SUMMARY_LIMIT bytes (GitHub
  takes at most 1 MiB per step).
Without those two variables (a run outside Actions) it only prints.
"""
import argparse
import json
import os
import sys
import urllib.parse

SUMMARY_LIMIT = 64 * 1024
SEVERITIES = ('error', 'warning', 'info')
ANNOTATION = ('::error ', '::warning ', '::notice ')


def escape_property(text):
    """A workflow command's property value, as ogcheck escapes it."""
    return (text.replace('%', '%25').replace('\r', '%0D')
            .replace('\n', '%0A').replace(':', '%3A').replace(',', '%2C'))


def reroot_annotation(line, prefix):
    """Puts prefix before the file= property of an annotation line:
    "::error file=a.md,line=1::m" -> "::error file=site/a.md,line=1::m"."""
    if not prefix or not line.startswith(ANNOTATION):
        return line
    end = line.find('::', 2)
    if end < 0:
        return line
    command, _, props = line[2:end].partition(' ')
    fixed = []
    for prop in props.split(','):
        if prop.startswith('file='):
            prop = 'file=' + escape_property(prefix) + prop[5:]
        fixed.append(prop)
    return '::%s %s%s' % (command, ','.join(fixed), line[end:])


def reroot_sarif(path, prefix):
    """Relative artifact URIs of the SARIF report, made relative to the
    repository: "content/a.md" -> "site/content/a.md"."""
    with open(path, encoding='utf-8') as f:
        log = json.load(f)
    encoded = urllib.parse.quote(prefix)
    for run in log.get('runs', []):
        for result in run.get('results', []):
            for location in result.get('locations', []):
                artifact = location.get('physicalLocation', {}).get(
                    'artifactLocation', {})
                uri = artifact.get('uri')
                if uri is not None and ':' not in uri.split('/')[0]:
                    artifact['uri'] = encoded + uri
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(log, f, indent=2, ensure_ascii=False)
        f.write('\n')


def markdown_cell(text):
    """Text that stays one cell of a Markdown table, shown as written."""
    out = []
    for c in str(text):
        if c in '\\`*_[]<>|#&!~':
            out.append('\\' + c)
        elif c in '\r\n':
            out.append(' ')
        else:
            out.append(c)
    return ''.join(out)


def plural(n, word):
    return '%d %s%s' % (n, word, '' if n == 1 else 's')


def summary_markdown(report, status, workdir_name):
    """The job summary: the totals, then one row per rule and severity,
    most findings first within each severity."""
    if report is None:
        return ('### ogcheck could not check %s\n\nExit status %d: the '
                'reason is in the step\'s log.\n' % (
                    markdown_cell(workdir_name), status))
    summary = report.get('summary', {})
    counts = {}
    for d in report.get('diagnostics', []):
        if d.get('suppressed'):
            continue
        key = (d.get('rule', '?'), d.get('severity', '?'))
        counts[key] = counts.get(key, 0) + 1
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    rows = sorted(counts.items(), key=lambda kv: (
        rank.get(kv[0][1], len(SEVERITIES)), -kv[1], kv[0][0]))
    errors = summary.get('errors', 0)
    warnings = summary.get('warnings', 0)
    infos = summary.get('infos', 0)
    lines = ['### ogcheck: %s, %s, %s in %s' % (
        plural(errors, 'error'), plural(warnings, 'warning'),
        plural(infos, 'info'), plural(summary.get('files', 0), 'file')), '']
    notes = []
    if summary.get('skipped'):
        notes.append('%s skipped (offline)' % plural(summary['skipped'],
                                                    'network check'))
    if summary.get('suppressed'):
        notes.append('%s suppressed in their files' % plural(
            summary['suppressed'], 'finding'))
    if summary.get('baselined'):
        notes.append('%s hidden by the baseline' % plural(
            summary['baselined'], 'known finding'))
    if notes:
        lines += ['; '.join(notes).capitalize() + '.', '']
    if not rows:
        lines.append('No findings.' if status == 0 else
                     'Exit status %d.' % status)
        return '\n'.join(lines) + '\n'
    lines += ['| rule | severity | findings |', '|---|---|---:|']
    footer = ['| **total** | | **%d** |' % (errors + warnings + infos), '',
              'Exit status %d. The full report: the `json` and `sarif` '
              'outputs of the step.' % status]
    size = sum(len(x.encode()) + 1 for x in lines + footer) + 200
    left = 0
    for (rule, severity), n in rows:
        row = '| %s | %s | %d |' % (markdown_cell(rule),
                                    markdown_cell(severity), n)
        if left or size + len(row.encode()) + 1 > SUMMARY_LIMIT:
            left += 1
            continue
        lines.append(row)
        size += len(row.encode()) + 1
    if left:
        lines.append('| … %d more %s | | |' % (left, 'row' if left == 1
                                                else 'rows'))
    return '\n'.join(lines + footer) + '\n'


def append(path, text):
    with open(path, 'a', encoding='utf-8') as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    for name in ('--workdir', '--workspace', '--json', '--sarif',
                 '--github'):
        ap.add_argument(name, required=True)
    ap.add_argument('--status', type=int, required=True)
    opts = ap.parse_args()

    prefix = os.path.relpath(os.path.realpath(opts.workdir),
                             os.path.realpath(opts.workspace))
    if prefix == '.' or prefix.startswith('..'):
        prefix = ''
    else:
        prefix = prefix.replace(os.sep, '/') + '/'

    if os.path.exists(opts.github):
        with open(opts.github, encoding='utf-8', errors='replace') as f:
            for line in f:
                sys.stdout.write(reroot_annotation(line, prefix))
    if prefix and os.path.exists(opts.sarif):
        reroot_sarif(opts.sarif, prefix)

    report = None
    if os.path.exists(opts.json):
        with open(opts.json, encoding='utf-8') as f:
            report = json.load(f)
    summary = report.get('summary', {}) if report else {}

    output = os.environ.get('GITHUB_OUTPUT')
    if output:
        values = [('exit-code', str(opts.status))]
        for key in ('errors', 'warnings', 'infos', 'files'):
            values.append((key, str(summary.get(key, ''))))
        for key, path in (('json', opts.json), ('sarif', opts.sarif)):
            values.append((key, path if os.path.exists(path) else ''))
        append(output, ''.join('%s<<OGCHECK_EOF\n%s\nOGCHECK_EOF\n' % kv
                               for kv in values))
    step_summary = os.environ.get('GITHUB_STEP_SUMMARY')
    if step_summary:
        append(step_summary, summary_markdown(
            report, opts.status, prefix or os.path.basename(opts.workdir)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
