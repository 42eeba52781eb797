#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""schema/ogcheck.schema.json says what the rule loader accepts.

Usage: schema_check.py OGCHECK RULE_TABLES SOURCE_ROOT

1. The schema is a valid draft 2020-12 schema that uses only keywords
   draft-07 knows too (editors that know only draft-07 validate it fully),
   and read as draft-07 it says of every rule file below what it says as
   2020-12.
2. Every rule file the loader accepts (the built-in rule files, profiles
   and presets, the rule files of tests/golden, tests/schema/accept/)
   validates. Whether the loader accepts a file is asked of the real
   binary: `ogcheck --rules FILE --list-rules` exits 0 or 2.
3. Every rule file the loader rejects for a reason a schema can express
   fails it: tests/schema/reject/ (each names the loader's message on its
   first line, `# loader: ...`, which is checked too), and the rejected
   rule files of tests/golden, but for the ones NOT_EXPRESSIBLE lists.
4. The check kinds and each kind's parameters, the keys of a rule and of
   a rule file, the file-level rule ids, severities, profiles and presets
   are those of the loader's own tables, as RULE_TABLES (built from them:
   tests/schema/rule_tables.c) prints them, both ways; and each word the
   schema allows for a key that takes words is one the loader takes.

YAML is read as YAML 1.2 (the core schema: yes, on and off are text, as
they are to ogcheck and to the YAML language server of editors).
"""
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import jsonschema
import yaml

# Rejected golden rule files whose problem no JSON Schema can see.
NOT_EXPRESSIBLE = {
    'rules/bad-bad-date-format/rules.yaml':
        'a strftime conversion the date check does not know',
    'rules/bad-bad-regex/rules.yaml': 'a POSIX regular expression that '
        'does not compile',
    'rules/bad-missing-check/rules.yaml': 'a new rule needs check:, an '
        'override not, and which ids are new depends on the files before',
    'rules/bad-missing-fields/rules.yaml': 'a new rule needs fields:, '
        'likewise',
    'rules/near-rule-id/rules.yaml': 'an override of a misspelt id is a '
        'new rule without check:, likewise',
    'rules/near-rule-id-map/rules.yaml': 'likewise, in the map form',
    'rules/bad-same-url-no-as/rules.yaml': 'same-url needs as: unless the '
        'rule it overrides has one',
    'rules/bad-yaml-syntax/rules.yaml': 'not YAML',
}

# The keywords of draft 2020-12 that draft-07 knows with the same meaning
# ($defs is only a place that #/$defs/... points into).
KEYWORDS = {
    '$schema', '$defs', '$ref', 'title', 'description', 'type', 'enum',
    'const', 'anyOf', 'allOf', 'not', 'if', 'then', 'properties',
    'patternProperties', 'additionalProperties', 'propertyNames',
    'required', 'items', 'minItems', 'maxItems', 'minLength', 'maxLength',
    'pattern', 'minimum', 'maximum', 'exclusiveMinimum',
    'exclusiveMaximum', 'minProperties',
}
# Keywords whose value maps names to schemas, or lists schemas.
SCHEMA_MAPS = {'$defs', 'properties', 'patternProperties'}
SCHEMA_LISTS = {'anyOf', 'allOf'}


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2's core schema: only true/false are booleans, 010 is ten,
    and keys stay the text they were written as."""

    def construct_mapping(self, node, deep=False):
        self.flatten_mapping(node)
        result = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) \
                else repr(self.construct_object(key_node, deep=True))
            result[key] = self.construct_object(value_node, deep=deep)
        return result


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith('0o'):
        return int(text[2:], 8)
    if text.startswith('0x'):
        return int(text[2:], 16)
    return int(text, 10)


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, regex, first in (
        ('bool', r'^(?:true|True|TRUE|false|False|FALSE)$', 'tTfF'),
        ('null', r'^(?:~|null|Null|NULL|)$', ['~', 'n', 'N', '']),
        ('int', r'^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$',
         '-+0123456789'),
        ('float', r'^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)'
         r'(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$',
         '-+0123456789.')):
    Yaml12Loader.add_implicit_resolver('tag:yaml.org,2002:' + tag,
                                       re.compile(regex), list(first))
Yaml12Loader.add_constructor('tag:yaml.org,2002:int', construct_int)


class Checker:
    def __init__(self, ogcheck, tables, root, tmp):
        self.ogcheck = os.path.abspath(ogcheck)
        self.root = os.path.abspath(root)
        self.failed = 0
        self.checked = 0
        with open(os.path.join(root, 'schema', 'ogcheck.schema.json'),
                  encoding='utf-8') as f:
            self.schema = json.load(f)
        self.validator = jsonschema.Draft202012Validator(self.schema)
        self.validator7 = jsonschema.Draft7Validator(self.schema)
        self.tables = json.loads(subprocess.run(
            [tables], check=True, capture_output=True, text=True).stdout)
        self.tmp = tmp

    def fail(self, fmt, *args):
        print('FAIL ' + fmt % args)
        self.failed += 1

    def loader(self, path, before=()):
        """The loader's verdict on a rule file, loaded after the options
        `before`: (exit status, stderr)."""
        proc = subprocess.run([self.ogcheck, '--offline', *before, '--rules',
                               os.path.abspath(path), '--list-rules'],
                              cwd=self.tmp, capture_output=True, text=True,
                              timeout=60)
        if proc.returncode not in (0, 2):
            self.fail('%s: ogcheck exited %d: %s', path, proc.returncode,
                      proc.stderr.strip())
        return proc.returncode, proc.stderr.strip()

    def errors(self, path):
        """The schema's complaints about a rule file ([] when it is
        valid), or None when it is no YAML."""
        try:
            with open(path, encoding='utf-8') as f:
                data = yaml.load(f, Loader=Yaml12Loader)
        except (yaml.YAMLError, UnicodeDecodeError):
            return None
        if self.validator.is_valid(data) != self.validator7.is_valid(data):
            self.fail('%s: the schema read as draft-07 says %s, as 2020-12 '
                      'says %s', path, self.validator7.is_valid(data),
                      self.validator.is_valid(data))
        return sorted(self.validator.iter_errors(data),
                      key=lambda e: [str(p) for p in e.absolute_path])

    def accepted(self, path, rel):
        errors = self.errors(path)
        self.checked += 1
        if errors is None:
            self.fail('%s: the loader accepts it, but it is no YAML', rel)
        for e in errors or []:
            self.fail('%s: the loader accepts it, the schema not: at %s: %s',
                      rel, '/'.join(map(str, e.absolute_path)) or '(root)',
                      e.message[:200])

    def rejected(self, path, rel, message):
        errors = self.errors(path)
        self.checked += 1
        if errors == []:
            self.fail('%s: the loader rejects it (%s), the schema not',
                      rel, message)
        return errors

    # 1. the schema itself

    def check_keywords(self, node, where):
        if isinstance(node, bool):
            return
        if not isinstance(node, dict):
            self.fail('schema: %s is not a schema', where)
            return
        for key, value in node.items():
            if key not in KEYWORDS:
                self.fail('schema: %s uses %s, which draft-07 does not '
                          'know', where, key)
            elif key in SCHEMA_MAPS:
                for name, sub in value.items():
                    self.check_keywords(sub, '%s/%s/%s' % (where, key, name))
            elif key in SCHEMA_LISTS:
                for i, sub in enumerate(value):
                    self.check_keywords(sub, '%s/%s/%d' % (where, key, i))
            elif key in ('not', 'if', 'then', 'items', 'propertyNames',
                         'additionalProperties'):
                if isinstance(value, list):
                    self.fail('schema: %s/%s is a list', where, key)
                else:
                    self.check_keywords(value, where + '/' + key)
            if key == '$ref' and len(node) > 1:
                self.fail('schema: %s has keywords beside $ref, which '
                          'draft-07 ignores', where)

    def check_schema(self):
        jsonschema.Draft202012Validator.check_schema(self.schema)
        jsonschema.Draft7Validator.check_schema(self.schema)
        if self.schema.get('$schema') != \
                'https://json-schema.org/draft/2020-12/schema':
            self.fail('schema: $schema is not draft 2020-12')
        self.check_keywords(self.schema, '#')

    # 2. and 3. rule files

    def golden_rule_files(self):
        """The rule files of the golden cases, each with the options that
        load what it builds on: the --profile and --preset options and the
        --rules files before it in its case's args. Every .ogcheck.yaml is
        one too (with no options)."""
        golden = os.path.join(self.root, 'tests', 'golden')
        found = {}
        for args in glob.glob(os.path.join(golden, '*', '*', 'args')):
            case = os.path.dirname(args)
            with open(args, encoding='utf-8') as f:
                words = shlex.split(f.read().replace('%CASE_DIR%', case))
            before = []
            for option, value in zip(words, words[1:] + ['']):
                if option in ('--profile', '--preset'):
                    before += [option, value]
                elif option.startswith(('--profile=', '--preset=')):
                    before.append(option)
            for option, value in zip(words, words[1:] + ['']):
                name = value if option == '--rules' else \
                    option[len('--rules='):] \
                    if option.startswith('--rules=') else None
                if not name:
                    continue
                path = os.path.normpath(os.path.join(case, name))
                if os.path.isfile(path):
                    found.setdefault(path, list(before))
                    before += ['--rules', path]
        for path in glob.glob(os.path.join(golden, '**', '.ogcheck.yaml'),
                              recursive=True):
            found.setdefault(os.path.normpath(path), [])
        return sorted(found.items())

    def check_rule_files(self):
        builtin = [os.path.join(self.root, 'rules', 'default.yaml')] + \
            sorted(glob.glob(os.path.join(self.root, 'rules', '*', '*.yaml')))
        accept = sorted(glob.glob(os.path.join(
            self.root, 'tests', 'schema', 'accept', '*.yaml')))
        for path in builtin + accept:
            rel = os.path.relpath(path, self.root)
            status, message = self.loader(path)
            if status != 0:
                self.fail('%s: the loader rejects it: %s', rel, message)
            self.accepted(path, rel)
        golden = os.path.join(self.root, 'tests', 'golden')
        seen = set()
        for path, before in self.golden_rule_files():
            rel = os.path.relpath(path, golden)
            status, message = self.loader(path, before)
            if status == 0:
                self.accepted(path, 'tests/golden/' + rel)
            elif rel in NOT_EXPRESSIBLE:
                seen.add(rel)
                errors = self.errors(path)
                if errors:
                    self.fail('tests/golden/%s is in NOT_EXPRESSIBLE, but '
                              'the schema rejects it too: take it off',
                              rel)
            elif status == 2:
                self.rejected(path, 'tests/golden/' + rel, message)
        for rel in sorted(set(NOT_EXPRESSIBLE) - seen):
            self.fail('NOT_EXPRESSIBLE names tests/golden/%s, which is no '
                      'rejected rule file of a golden case', rel)
        for path in sorted(glob.glob(os.path.join(
                self.root, 'tests', 'schema', 'reject', '*.yaml'))):
            rel = os.path.relpath(path, self.root)
            with open(path, encoding='utf-8') as f:
                want = re.match(r'# loader: (.+)', f.readline())
            if want is None:
                self.fail('%s: no "# loader: MESSAGE" first line', rel)
                continue
            status, message = self.loader(path)
            if status != 2 or want.group(1) not in message:
                self.fail('%s: the loader should reject it with "%s"; it '
                          'exited %d: %s', rel, want.group(1), status,
                          message)
            self.rejected(path, rel, message)

    # 4. the loader's tables

    def same(self, what, schema_side, loader_side):
        schema_side, loader_side = set(schema_side), set(loader_side)
        for name in sorted(schema_side - loader_side):
            self.fail('%s: the schema has %s, the loader not', what, name)
        for name in sorted(loader_side - schema_side):
            self.fail('%s: the loader has %s, the schema not', what, name)

    def check_tables(self):
        defs = self.schema['$defs']
        body = defs['ruleBody']
        kinds = self.tables['kinds']
        check = body['properties']['check']['anyOf']
        self.same('check kinds', [c['const'] for c in check], kinds)
        for c in check:
            network = c['description'].startswith('Network:')
            if c['const'] in kinds and network != \
                    kinds[c['const']]['network']:
                self.fail('check kind %s: "Network:" in the schema is %s, '
                          'the loader says network %s', c['const'], network,
                          kinds[c['const']]['network'])
        common = set(self.tables['rule_keys']) | {'field'}
        params = set(p for k in kinds.values() for p in k['params'])
        self.same('keys of a rule', set(body['properties']) - params,
                  common)
        self.same('parameters of a rule without check:',
                  set(body['properties']) - common, params)
        self.same('parameters of a field group',
                  set(defs['group']['properties']) - {'fields'}, params)
        per_kind = {}
        for branch in body['allOf']:
            const = branch['if']['properties'].get('check', {}).get('const')
            if const is None:
                continue
            then = branch['then']
            per_kind[const] = then
            self.same('keys of a %s rule' % const,
                      then['propertyNames']['enum'],
                      common | set(kinds.get(const, {}).get('params', [])))
            for key in ('fields', 'field'):
                self.same('parameters of a %s rule\'s field group' % const,
                          set(then['properties'][key]['items']
                              ['propertyNames']['enum']) - {'fields'},
                          kinds.get(const, {}).get('params', []))
        self.same('check kinds with their own keys', per_kind, kinds)
        ids = self.tables['file_level_ids']
        self.same('file-level rule ids', defs['fileLevelId']['enum'], ids)
        pattern = '^(' + '|'.join(defs['fileLevelId']['enum']) + ')$'
        in_map = defs['rules']['anyOf'][2]['patternProperties']
        if list(in_map) != [pattern]:
            self.fail('the map form of rules: does not match the file-level '
                      'ids by %s', pattern)
        self.same('top-level keys', defs['ruleFile']['properties'],
                  self.tables['file_keys'])
        severities = defs['severity']['enum']
        self.same('severities (their names)',
                  set(severities) & set(self.tables['severities']),
                  self.tables['severities'])
        self.same('profiles', defs['profile']['enum'],
                  self.tables['profiles'])
        self.same('presets', defs['preset']['enum'],
                  self.tables['presets'])

    def words(self):
        """(key, word, rule file text) for each word the schema allows."""
        defs = self.schema['$defs']
        needs = {'absent': 'because: x', 'length': 'max: 1',
                 'one-of': 'values: [x]', 'pattern': 'pattern: x',
                 'same-url': 'as: b'}
        for name, schema in sorted(defs.items()):
            if not name.startswith('parameter-') or 'enum' not in schema:
                continue
            param = name[len('parameter-'):]
            kind = next(k for k, v in self.tables['kinds'].items()
                        if param in v['params'])
            for word in schema['enum']:
                extra = needs.get(kind, '')
                yield param, word, ('rules:\n  - id: probe\n    check: %s\n'
                                    '    fields: a\n    %s\n    %s: %s\n'
                                    % (kind, extra, param, word))
        props = defs['ruleBody']['properties']
        for key, words in (('severity', defs['severity']['enum']),
                           ('input', props['input']['enum']),
                           ('fallback', defs['boolean']['enum'])):
            for word in words:
                yield key, word, ('rules:\n  - id: title-length\n    %s: %s\n'
                                  % (key, json.dumps(word)))
        top = defs['ruleFile']['properties']
        for key, words in (('extends', top['extends']['enum']),
                           ('generator', [top['generator']['const']]),
                           ('profiles', defs['profile']['enum']),
                           ('preset', defs['preset']['enum'])):
            for word in words:
                yield key, word, '%s: %s\n' % (key, word)

    def check_words(self):
        path = os.path.join(self.tmp, 'probe.yaml')
        for key, word, text in self.words():
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
            status, message = self.loader(path)
            if status != 0:
                self.fail('%s: %s: the schema allows it, the loader not: %s',
                          key, json.dumps(word), message)
            self.accepted(path, '%s: %s' % (key, json.dumps(word)))


def check_init(checker):
    """ogcheck --init writes a file the loader and the schema accept, whose
    first line points editors at the schema, for a site of each generator
    and for a folder in no site; a second --init leaves it as it is."""
    golden = os.path.join(checker.root, 'tests', 'golden', 'sites')
    for name in ('hugo', 'jekyll', 'eleventy', 'astro-starlight', None):
        where = os.path.join(checker.tmp, 'init-%s' % (name or 'no-site'))
        if name is not None:
            shutil.copytree(os.path.join(golden, name), where)
        else:
            os.makedirs(where)
        target = os.path.join(where, '.ogcheck.yaml')
        if os.path.exists(target):
            os.remove(target)
        proc = subprocess.run([checker.ogcheck, '--init', where],
                              capture_output=True, text=True, timeout=60)
        if proc.returncode != 0 or not os.path.exists(target):
            checker.fail('--init in %s: exit %d: %s', name, proc.returncode,
                         proc.stderr.strip())
            continue
        with open(target, encoding='utf-8') as f:
            text = f.read()
        first = text.split('\n', 1)[0]
        if not re.match(r'# yaml-language-server: \$schema=\S+'
                        r'ogcheck\.schema\.json$', first):
            checker.fail('--init in %s: first line %r names no schema',
                         name, first)
        status, message = checker.loader(target)
        if status != 0:
            checker.fail('--init in %s: the loader rejects it: %s', name,
                         message)
        checker.accepted(target, '--init output (%s)' % name)
        if name is not None and 'generator' not in text:
            checker.fail('--init in %s: the generator is not named', name)
        again = subprocess.run([checker.ogcheck, '--init', where],
                               capture_output=True, text=True, timeout=60)
        with open(target, encoding='utf-8') as f:
            kept = f.read() == text
        if again.returncode != 2 or not kept:
            checker.fail('--init in %s twice: exit %d, file kept: %s', name,
                         again.returncode, kept)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        checker = Checker(*sys.argv[1:4], tmp)
        checker.check_schema()
        checker.check_tables()
        checker.check_rule_files()
        checker.check_words()
        check_init(checker)
    print('schema_check: %d rule files checked, %s'
          % (checker.checked, 'failed' if checker.failed else 'passed'))
    return 1 if checker.failed else 0


if __name__ == '__main__':
    sys.exit(main())
