#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a C file that holds a rule file as a byte array: embed.py IN OUT."""
import sys

with open(sys.argv[1], 'rb') as f:
    data = f.read()
lines = [
    '/* Generated from rules/default.yaml by rules/embed.py: do not edit. */',
    '#include <stddef.h>',
    '',
    'extern const char ogc_default_rules[];',
    'extern const size_t ogc_default_rules_len;',
    '',
    'const char ogc_default_rules[] = {',
]
for i in range(0, len(data), 12):
    lines.append('\t' + ' '.join('0x%02x,' % b for b in data[i:i + 12]))
lines.append('\t0x00,')
lines.append('};')
lines.append('const size_t ogc_default_rules_len = %d;' % len(data))
with open(sys.argv[2], 'w') as f:
    f.write('\n'.join(lines) + '\n')
