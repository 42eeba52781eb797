#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs the GitHub Action's step scripts as a runner would.

action_check.py OGCHECK SOURCE_ROOT: reads action.yml (every run: step is
bash calling a script of ci/action/ with its inputs in env:, no ${{ }} in
a run: script, every input used), then runs ci/action/prepare.sh,
build.sh and check.sh in a scratch workspace holding examples/ as a site
in a subfolder, with the variables a runner sets (GITHUB_OUTPUT and
GITHUB_STEP_SUMMARY files, RUNNER_TEMP, GITHUB_WORKSPACE...) and the
inputs as the INPUT_* variables action.yml gives them. The build step
finds OGCHECK already in the binary folder (as after a cache hit), so no
apt-get and no build. Asserts the outputs, the job summary (ogcheck's
--format markdown report from the same run, then the exit status), the
annotations and the SARIF paths relative to the repository, that each
check runs ogcheck once, that inputs cannot run shell code, and that the
docs name the action with the version of meson.build. (The summary's
size cap is ogcheck's: tests/markdown_check.py.)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

from expect import expect, summary

def read_outputs(path):
    """name=value and name<<DELIM lines, as the runner reads them."""
    out = {}
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if '<<' in line and ('=' not in line or
                             line.index('<<') < line.index('=')):
            name, delim = line.split('<<', 1)
            value = []
            while lines[i] != delim:
                value.append(lines[i])
                i += 1
            i += 1
            out[name] = '\n'.join(value)
        elif '=' in line:
            name, value = line.split('=', 1)
            out[name] = value
    return out


def check_version_tags(root):
    """The docs refer to the action as OWNER/ogcheck@v + meson's version."""
    meson = open(os.path.join(root, 'meson.build'), encoding='utf-8').read()
    version = re.search(r"version: '([^']+)'", meson).group(1)
    uses = []
    for path in ['README.md', 'docs/recipes.md', 'docs/ogcheck-workflow.yml']:
        text = open(os.path.join(root, path), encoding='utf-8').read()
        uses += re.findall(r'uses: (\S*/ogcheck\S*)', text)
    expect(uses and all(u == 'OWNER/ogcheck@v' + version for u in uses),
           'the docs use OWNER/ogcheck@v%s' % version, repr(uses))


def check_metadata(root):
    with open(os.path.join(root, 'action.yml'), encoding='utf-8') as f:
        action = yaml.safe_load(f)
    text = open(os.path.join(root, 'action.yml'), encoding='utf-8').read()
    expect(action['runs']['using'] == 'composite', 'a composite action')
    expect(action['inputs']['upload-sarif']['default'] == 'false',
           'SARIF upload is opt-in')
    for name in ('working-directory', 'paths', 'args', 'fail-on', 'cache',
                 'json', 'sarif', 'upload-sarif'):
        expect(name in action['inputs'], 'input %s' % name)
        expect('inputs.%s' % name in text, 'input %s is used' % name)
    for name in ('errors', 'warnings', 'json', 'sarif'):
        expect(name in action['outputs'], 'output %s' % name)
    for step in action['runs']['steps']:
        if 'run' not in step:
            continue
        expect('${{' not in step['run'],
               'no expression in the run: of %r' % step['name'])
        expect(step.get('shell') == 'bash', 'bash runs %r' % step['name'])
        m = re.fullmatch(r'"\$GITHUB_ACTION_PATH/(ci/action/[a-z]+\.sh)"',
                         step['run'])
        expect(m and os.access(os.path.join(root, m.group(1)), os.X_OK),
               'the run: of %r is one script of ci/action' % step['name'])
        for value in step.get('env', {}).values():
            expect(re.fullmatch(r'\$\{\{ [a-z.-]+ \}\}', str(value)),
                   'env of %r holds one expression each' % step['name'])


class Runner:
    """One job: a workspace, RUNNER_TEMP, and the action's steps."""

    def __init__(self, scratch, root, ogcheck):
        self.root = root
        self.workspace = os.path.join(scratch, 'workspace')
        self.temp = os.path.join(scratch, 'temp')
        os.makedirs(self.temp)
        shutil.copytree(os.path.join(root, 'examples'),
                        os.path.join(self.workspace, 'site'))
        self.output = os.path.join(scratch, 'output')
        self.summary = os.path.join(scratch, 'summary')
        self.env = dict(os.environ)
        for k in list(self.env):
            if k.startswith(('GITHUB_', 'INPUT_', 'RUNNER_', 'OGCHECK_')):
                del self.env[k]
        self.env.update({
            'GITHUB_ACTION_PATH': root, 'GITHUB_WORKSPACE': self.workspace,
            'GITHUB_OUTPUT': self.output, 'GITHUB_STEP_SUMMARY': self.summary,
            'GITHUB_ACTION_REPOSITORY': 'example/ogcheck',
            'GITHUB_SERVER_URL': 'https://github.example',
            'GITHUB_RUN_ID': '42', 'GITHUB_RUN_ATTEMPT': '1',
            'GITHUB_JOB': 'metadata', 'RUNNER_TEMP': self.temp,
            'RUNNER_OS': 'Linux', 'RUNNER_ARCH': 'X64',
            'ImageOS': 'ubuntu24', 'ImageVersion': '20250101.1.0',
            'ASAN_OPTIONS': 'detect_leaks=0'})
        self.ogcheck = ogcheck

    def step(self, script, env):
        open(self.output, 'w').close()
        open(self.summary, 'w').close()
        e = dict(self.env, **env)
        proc = subprocess.run(
            ['bash', '-c', '"$GITHUB_ACTION_PATH/ci/action/%s"' % script],
            cwd=self.workspace, env=e, capture_output=True, text=True,
            timeout=120)
        return (proc, read_outputs(self.output),
                open(self.summary, encoding='utf-8').read())

    def job(self, inputs):
        """prepare, build, check: the check's process, outputs, summary."""
        proc, prep, _ = self.step('prepare.sh', {
            'INPUT_WORKING_DIRECTORY': inputs.get('working-directory', '.'),
            'INPUT_CACHE': inputs.get('cache', '.ogcheck-cache.json')})
        expect(proc.returncode == 0, 'prepare.sh runs', proc.stderr)
        bin_dir = prep['bin-dir']
        # what a cache hit restores: the launcher and the binary
        os.makedirs(os.path.join(bin_dir, 'bin'), exist_ok=True)
        shutil.copy(self.ogcheck, os.path.join(bin_dir, 'bin', 'ogcheck'))
        launcher = os.path.join(bin_dir, 'ogcheck')
        self.runs = os.path.join(bin_dir, 'runs')
        with open(launcher, 'w') as f:
            # each run leaves a line in runs, for the test to count
            f.write('#!/bin/sh\necho run >>"$(dirname "$0")/runs"\n'
                    'exec "$(dirname "$0")/bin/ogcheck" "$@"\n')
        os.chmod(launcher, 0o755)
        proc, _, _ = self.step('build.sh', {'OGCHECK_BIN_DIR': bin_dir})
        expect(proc.returncode == 0 and 'restored from the cache' in
               proc.stdout, 'build.sh takes the restored binary',
               proc.stdout + proc.stderr)
        env = {'OGCHECK_BIN_DIR': bin_dir, 'OGCHECK_WORKDIR': prep['workdir'],
               'OGCHECK_URL_CACHE': prep['url-cache']}
        for name in ('paths', 'args', 'fail-on', 'json', 'sarif'):
            env['INPUT_' + name.upper().replace('-', '_')] = \
                inputs.get(name, {'paths': '.', 'fail-on': 'error'}.get(
                    name, ''))
        if os.path.exists(self.runs):
            os.remove(self.runs)
        return prep, self.step('check.sh', env)

    def ogcheck_runs(self):
        """How many times the last check ran ogcheck."""
        if not os.path.exists(self.runs):
            return 0
        return len(open(self.runs).read().splitlines())


def check_job(runner):
    prep, (proc, out, summary) = runner.job({
        'working-directory': 'site', 'paths': 'content',
        'args': '--offline --rules "$(touch pwned)"x'})
    # the args are split, not run: "$(touch pwned)x" is a rule file name
    expect(proc.returncode == 2, 'a rule file that does not exist: exit 2')
    expect(not os.path.exists(os.path.join(runner.workspace, 'site',
                                           'pwned')),
           'args are never run by a shell')
    expect(out.get('exit-code') == '2' and out.get('json') == '',
           'exit-code 2 and no report', repr(out))
    expect(summary.startswith('### ogcheck could not check `site/`\n'),
           'the summary says it could not run', repr(summary))

    prep, (proc, out, summary) = runner.job({
        'working-directory': 'site', 'paths': 'content "x; touch pwned"',
        'args': '--offline'})
    expect(proc.returncode == 2 and not os.path.exists(
        os.path.join(runner.workspace, 'site', 'pwned')),
        'paths are words, not shell code')

    prep, (proc, out, summary) = runner.job({
        'working-directory': 'site', 'paths': 'content', 'args': '--offline'})
    site = os.path.join(runner.workspace, 'site')
    expect(prep['workdir'] == os.path.realpath(site), 'workdir')
    expect(prep['url-cache'] == os.path.join(os.path.realpath(site),
                                             '.ogcheck-cache.json'),
           'the URL cache is relative to working-directory')
    expect(prep['bin-key'].startswith(
        'ogcheck-bin-1-Linux-X64-ubuntu24-20250101.1.0-'),
        'the binary key names the runner image', prep['bin-key'])
    expect(prep['homepage'] == 'https://github.example/example/ogcheck',
           'informationUri: the action\'s repository')
    expect(proc.returncode == 1, 'the examples hold errors: exit 1',
           'got %d' % proc.returncode)
    with open(out['json'], encoding='utf-8') as f:
        report = json.load(f)
    s = report['summary']
    expect((out['errors'], out['warnings'], out['infos'], out['files'],
            out['exit-code']) == (str(s['errors']), str(s['warnings']),
                                  str(s['infos']), str(s['files']), '1'),
           'the counts are the report\'s', repr(out))
    expect(s['errors'] == 6 and s['warnings'] == 5 and s['files'] == 8,
           'the examples: 6 errors, 5 warnings in 8 files',
           '%(errors)d errors, %(warnings)d warnings in %(files)d files' % s)
    expect(os.path.isabs(out['json']) and os.path.isabs(out['sarif']),
           'report paths are absolute')
    expect(runner.ogcheck_runs() == 1, 'one ogcheck run writes every '
           'report', '%d runs' % runner.ogcheck_runs())
    # the job summary is ogcheck's markdown report of that same run
    markdown = subprocess.run(
        [runner.ogcheck, '--offline', '--format', 'markdown', 'content'],
        cwd=site, capture_output=True, env=runner.env).stdout.decode()
    expect(summary == markdown + '\nExit status 1. The full reports: the '
           '`json` and `sarif` outputs of the step. Paths are relative to '
           '`site/`.\n', 'the job summary is the markdown report and the '
           'exit status', repr(summary[-300:]))
    counts = {}
    for d in report['diagnostics']:
        key = (d['rule'], d['severity'])
        counts[key] = counts.get(key, 0) + 1
    for (rule, severity), n in counts.items():
        expect('| `%s` | %s | %d |' % (rule, severity, n) in summary,
               'summary row %s %s %d' % (rule, severity, n))
    expect(summary.startswith(
        '### ogcheck: 8 files checked: 6 errors, 5 warnings, 0 infos; '
        '5 network checks skipped\n'),
        'summary heading', repr(summary[:100]))
    expect('#### `date-format`: 2 errors\n\n- `content/news/library-hours'
           '.md:4:7` \u2014 `date is not an ISO 8601 date: "16:08 '
           '29/05/2020"`\n' in summary, 'the summary lists the findings')
    annotations = [l for l in proc.stdout.splitlines()
                   if l.startswith(('::error ', '::warning ', '::notice '))]
    files = [re.search(r'file=([^,]*)', l).group(1) for l in annotations
             if 'file=' in l]
    expect(len(files) == 11 and all(f.startswith('site/content/')
                                    for f in files),
           'annotations name files from the repository root',
           repr(files))
    expect('content/news/market-day.md:6:7: error:' in proc.stdout,
           'the text report goes to the log')
    with open(out['sarif'], encoding='utf-8') as f:
        sarif = json.load(f)
    uris = [loc['physicalLocation']['artifactLocation']['uri']
            for r in sarif['runs'][0]['results'] for loc in r['locations']]
    expect(len(uris) == 11 and all(u.startswith('site/content/')
                                   for u in uris),
           'SARIF URIs from the repository root', repr(uris))

    # fail-on never: the step passes with the same findings
    _, (proc, out, _) = runner.job({
        'working-directory': 'site', 'paths': 'content/news/market-day.md',
        'args': '--offline', 'fail-on': 'never', 'cache': '',
        'json': 'out/r.json'})
    expect(proc.returncode == 0 and out.get('exit-code') == '0',
           'fail-on never: exit 0')
    expect(out.get('json') == os.path.join(os.path.realpath(site), 'out',
                                           'r.json'),
           'json relative to working-directory', repr(out.get('json')))

    # the workspace itself: no "relative to" in the summary
    _, (proc, out, summary) = runner.job({
        'working-directory': '.', 'paths': 'site/content/guides',
        'args': '--offline', 'cache': ''})
    expect(proc.returncode == 1 and summary.startswith(
        '### ogcheck: 3 files checked: 1 error, 1 warning, 0 infos') and
        summary.endswith('\nExit status 1. The full reports: the `json` and '
                         '`sarif` outputs of the step.\n'),
        'a summary from the workspace root', repr(summary))


def main():
    ogcheck = os.path.abspath(sys.argv[1])
    root = os.path.abspath(sys.argv[2])
    check_metadata(root)
    check_version_tags(root)
    with tempfile.TemporaryDirectory() as scratch:
        check_job(Runner(scratch, root, ogcheck))
    return summary()


if __name__ == '__main__':
    sys.exit(main())
