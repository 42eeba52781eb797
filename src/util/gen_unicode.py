#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes unicode_tables.h from the Unicode Character Database that
Debian's unicode-data package installs (/usr/share/unicode): the grapheme
break property and Extended_Pictographic (UAX #29, for grapheme
clusters), and the East Asian Wide and Fullwidth ranges (UAX #11, for
columns). Usage: gen_unicode.py UNICODE_DIR OUTPUT"""
import os
import re
import sys

GCB = ['Other', 'CR', 'LF', 'Control', 'Extend', 'ZWJ',
       'Regional_Indicator', 'Prepend', 'SpacingMark', 'L', 'V', 'T',
       'LV', 'LVT']


def ranges(path, want):
    """(lo, hi, value) for the lines of a UCD file whose property value
    want() maps to something other than None, merged and sorted."""
    out = []
    line_re = re.compile(r'^([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;\s*([^#\s]+)')
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = line_re.match(line)
            if not m:
                continue
            value = want(m.group(3))
            if value is None:
                continue
            lo = int(m.group(1), 16)
            hi = int(m.group(2), 16) if m.group(2) else lo
            out.append((lo, hi, value))
    out.sort()
    merged = []
    for lo, hi, value in out:
        if merged and merged[-1][1] + 1 == lo and merged[-1][2] == value:
            merged[-1] = (merged[-1][0], hi, value)
        else:
            merged.append((lo, hi, value))
    return merged


def table(name, rows, with_value):
    lines = ['static const struct ogc_urange %s[] = {' % name]
    for lo, hi, value in rows:
        if with_value:
            lines.append('\t{0x%04X, 0x%04X, %s},' % (lo, hi, value))
        else:
            lines.append('\t{0x%04X, 0x%04X, 0},' % (lo, hi))
    lines.append('};')
    return '\n'.join(lines)


def main():
    top, output = sys.argv[1], sys.argv[2]
    gcb = ranges(os.path.join(top, 'auxiliary', 'GraphemeBreakProperty.txt'),
                 lambda v: 'OGC_GCB_' + v.upper() if v in GCB else None)
    pict = ranges(os.path.join(top, 'emoji', 'emoji-data.txt'),
                  lambda v: 1 if v == 'Extended_Pictographic' else None)
    wide = ranges(os.path.join(top, 'EastAsianWidth.txt'),
                  lambda v: 2 if v in ('W', 'F') else None)
    with open(os.path.join(top, 'ReadMe.txt'), encoding='utf-8') as f:
        version = re.search(r'Version (\d+\.\d+\.\d+)', f.read())
    text = '\n\n'.join([
        '/* unicode_tables.h: written by gen_unicode.py from the Unicode '
        'Character\n * Database %s; do not edit. */' %
        (version.group(1) if version else ''),
        '/* Grapheme_Cluster_Break (UAX #29) */\n' +
        table('gcb_ranges', gcb, True),
        '/* Extended_Pictographic (UTS #51) */\n' +
        table('pict_ranges', pict, False),
        '/* East_Asian_Width W and F (UAX #11) */\n' +
        table('wide_ranges', wide, False),
    ]) + '\n'
    with open(output, 'w', encoding='utf-8') as f:
        f.write(text)


if __name__ == '__main__':
    main()
