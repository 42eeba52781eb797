#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes font_metrics.h: the advance width of every character of a
TrueType font (Liberation Sans, metric-compatible with Arial, from
Debian's fonts-liberation2), as runs of code points of equal width, in
the font's units. Usage: gen_metrics.py FONT.ttf OUTPUT"""
import struct
import sys


def tables(data):
    count = struct.unpack('>H', data[4:6])[0]
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack('>4sIII', data[12 + 16 * i:
                                                           28 + 16 * i])
        out[tag.decode('latin-1')] = data[offset:offset + length]
    return out


def cmap(table):
    """code point -> glyph id, from format 12 or 4 subtables."""
    count = struct.unpack('>H', table[2:4])[0]
    best = None
    for i in range(count):
        platform, encoding, offset = struct.unpack('>HHI',
                                                   table[4 + 8 * i:12 + 8 * i])
        fmt = struct.unpack('>H', table[offset:offset + 2])[0]
        if platform in (0, 3) and fmt in (4, 12):
            if best is None or fmt == 12:
                best = (fmt, offset)
    fmt, offset = best
    glyphs = {}
    sub = table[offset:]
    if fmt == 12:
        groups = struct.unpack('>I', sub[12:16])[0]
        for g in range(groups):
            start, end, glyph = struct.unpack('>III', sub[16 + 12 * g:
                                                          28 + 12 * g])
            for cp in range(start, end + 1):
                glyphs[cp] = glyph + cp - start
        return glyphs
    segs = struct.unpack('>H', sub[6:8])[0] // 2
    ends = struct.unpack('>%dH' % segs, sub[14:14 + 2 * segs])
    base = 16 + 2 * segs
    starts = struct.unpack('>%dH' % segs, sub[base:base + 2 * segs])
    deltas = struct.unpack('>%dh' % segs, sub[base + 2 * segs:
                                              base + 4 * segs])
    roff_at = base + 4 * segs
    roffs = struct.unpack('>%dH' % segs, sub[roff_at:roff_at + 2 * segs])
    for s in range(segs):
        for cp in range(starts[s], ends[s] + 1):
            if cp == 0xffff:
                continue
            if roffs[s] == 0:
                glyph = (cp + deltas[s]) & 0xffff
            else:
                at = roff_at + 2 * s + roffs[s] + 2 * (cp - starts[s])
                glyph = struct.unpack('>H', sub[at:at + 2])[0]
                if glyph:
                    glyph = (glyph + deltas[s]) & 0xffff
            if glyph:
                glyphs[cp] = glyph
    return glyphs


def main():
    font, output = sys.argv[1], sys.argv[2]
    with open(font, 'rb') as f:
        data = f.read()
    t = tables(data)
    units = struct.unpack('>H', t['head'][18:20])[0]
    metrics = struct.unpack('>H', t['hhea'][34:36])[0]
    advances = [struct.unpack('>H', t['hmtx'][4 * i:4 * i + 2])[0]
                for i in range(metrics)]
    runs = []
    for cp, glyph in sorted(cmap(t['cmap']).items()):
        width = advances[min(glyph, metrics - 1)]
        if runs and runs[-1][1] + 1 == cp and runs[-1][2] == width:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp, width])
    lines = ['/* font_metrics.h: written by gen_metrics.py from %s; do not '
             'edit. */' % font.rsplit('/', 1)[-1],
             '#define FONT_UNITS_PER_EM %d' % units,
             'static const struct ogc_urange font_advances[] = {']
    lines += ['\t{0x%04X, 0x%04X, %d},' % tuple(r) for r in runs]
    lines.append('};')
    with open(output, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
