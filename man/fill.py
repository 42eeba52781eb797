#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Pastes the generated OPTIONS section into a man page source.

Usage: fill.py PAGE.scd.in OPTIONS.scd OUT.scd
The line "%OPTIONS%" of PAGE.scd.in is replaced by OPTIONS.scd, which
the build writes from the program's option table (src/cli/gen_man.c).
"""
import sys


def main(page, options, out):
    with open(page, encoding='utf-8') as f:
        text = f.read()
    with open(options, encoding='utf-8') as f:
        section = f.read()
    if text.count('\n%OPTIONS%\n') != 1:
        sys.exit('%s: needs exactly one line "%%OPTIONS%%"' % page)
    with open(out, 'w', encoding='utf-8') as f:
        f.write(text.replace('\n%OPTIONS%\n', '\n' + section, 1))


if __name__ == '__main__':
    main(*sys.argv[1:])
