#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a C file that holds rule files as byte arrays: embed.py OUT IN...

Each IN (rules/default.yaml, rules/profiles/x.yaml, rules/presets/hugo.yaml)
becomes an entry of ogc_embedded_rules[], named by its path below rules/
without the ending ("default", "profiles/x", "presets/hugo"), in the order
given; ogc_default_rules is the first one's text.
"""
import os
import sys


def array(name, data):
    lines = ['static const char %s[] = {' % name]
    for i in range(0, len(data), 12):
        lines.append('\t' + ' '.join('0x%02x,' % b for b in data[i:i + 12]))
    lines.append('\t0x00,')
    lines.append('};')
    return lines


def main():
    out, inputs = sys.argv[1], sys.argv[2:]
    lines = [
        '/* Generated from the rule files by rules/embed.py: do not edit. */',
        '#include "rules/rules.h"',
        '',
    ]
    entries = []
    for n, path in enumerate(inputs):
        with open(path, 'rb') as f:
            data = f.read()
        parts = os.path.normpath(path).split(os.sep)
        name = '/'.join(parts[parts.index('rules') + 1:])
        name = os.path.splitext(name)[0]
        lines += array('rules_%d' % n, data)
        lines.append('')
        entries.append('\t{"%s", "rules/%s.yaml", rules_%d, %d},'
                       % (name, name, n, len(data)))
    lines.append('const struct ogc_embedded ogc_embedded_rules[] = {')
    lines += entries
    lines.append('\t{NULL, NULL, NULL, 0},')
    lines.append('};')
    lines.append('')
    lines.append('const char *const ogc_default_rules = rules_0;')
    lines.append('const size_t ogc_default_rules_len = %d;'
                 % os.path.getsize(inputs[0]))
    with open(out, 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
