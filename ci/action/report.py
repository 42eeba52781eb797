#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The GitHub Action's reporting (ci/action/check.sh calls it).

report.py --status N --workdir DIR --workspace DIR --json FILE
          --sarif FILE --github FILE --summary FILE

- prints ogcheck's GitHub annotations (--format github) to standard
  output, where the runner turns them into annotations, with each file=
  made relative to the repository (the workspace) rather than to the
  folder ogcheck ran in, so that they land on the right file of a pull
  request; the SARIF report's artifact URIs the same way;
- appends name=value lines to $GITHUB_OUTPUT: errors, warnings, infos,
  files and exit-code from the JSON report's summary, and the absolute
  paths of the reports written (json, sarif);
- appends to $GITHUB_STEP_SUMMARY ogcheck's --format markdown report
  (which keeps itself under 512 KiB; GitHub takes at most 1 MiB per
  step) and a line with the exit status, or when ogcheck could not run,
  a line that says so.
Without those two variables (a run outside Actions) it only prints.
"""
import argparse
import json
import os
import re
import sys
import urllib.parse

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


def code_span(text):
    """text as a Markdown code span, which GitHub shows as written: fenced
    by one backtick more than its longest run of them, line breaks made
    spaces."""
    text = ' '.join(str(text).splitlines())
    if not text:
        return ''
    longest = max((len(m) for m in re.findall('`+', text)), default=0)
    fence = '`' * (longest + 1)
    pad = ' ' if text[:1] in ('`', ' ') or text[-1:] in ('`', ' ') else ''
    return fence + pad + text + pad + fence


def summary_footer(status, prefix):
    """The line after ogcheck's markdown summary."""
    where = (' Paths are relative to %s.' % code_span(prefix)
             if prefix else '')
    return ('\nExit status %d. The full reports: the `json` and `sarif` '
            'outputs of the step.%s\n' % (status, where))


def summary_failed(status, workdir_name):
    """The job summary when ogcheck wrote no summary (exit status 2)."""
    return ('### ogcheck could not check %s\n\nExit status %d: the '
            'reason is in the step\'s log.\n' % (code_span(workdir_name),
                                                  status))


def append(path, text):
    with open(path, 'a', encoding='utf-8') as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    for name in ('--workdir', '--workspace', '--json', '--sarif',
                 '--github', '--summary'):
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
    if step_summary and os.path.exists(opts.summary):
        with open(opts.summary, encoding='utf-8', errors='replace') as f:
            append(step_summary, f.read() + summary_footer(opts.status,
                                                          prefix))
    elif step_summary:
        append(step_summary, summary_failed(
            opts.status, prefix or os.path.basename(opts.workdir)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
