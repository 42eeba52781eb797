#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the small image files of the golden sites: make_images.py DIR.

Each is a whole, valid file of one colour, made here with struct and zlib
(PNG, GIF) or written byte by byte (a JPEG's markers up to its frame
header, which is all ogcheck reads), so that no image is copied from
anywhere. The golden cases commit what this writes; run it again to
remake them:
  python3 tests/golden/make_images.py tests/golden/sites
"""
import os
import struct
import sys
import zlib


def png(width, height):
    """A 1-bit greyscale PNG, all black."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack('>I', len(data)) + body + \
            struct.pack('>I', zlib.crc32(body) & 0xffffffff)
    row = b'\0' + b'\0' * ((width + 7) // 8)
    return b'\x89PNG\r\n\x1a\n' + \
        chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 1, 0, 0, 0, 0)) + \
        chunk(b'IDAT', zlib.compress(row * height, 9)) + chunk(b'IEND', b'')


def gif(width, height):
    """A GIF87a of one colour: a two-entry palette, and one 1x1 image
    at the corner (LZW codes clear, 0, end); the rest is background."""
    return b'GIF87a' + struct.pack('<HHBBB', width, height, 0x80, 0, 0) + \
        b'\0\0\0\xff\xff\xff' + b',' + struct.pack('<HHHHB', 0, 0, 1, 1, 0) + \
        b'\x02\x02\x44\x01\x00' + b';'


def jpeg_head(width, height):
    """The start of a baseline JPEG: SOI, a JFIF APP0 and the SOF0 frame
    header that gives the size; no scan follows (ogcheck stops at SOF)."""
    app0 = b'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'
    sof = struct.pack('>BHHB', 8, height, width, 1) + b'\x01\x11\x00'
    return b'\xff\xd8' + b'\xff\xe0' + struct.pack('>H', len(app0) + 2) + \
        app0 + b'\xff\xc0' + struct.pack('>H', len(sof) + 2) + sof + b'\xff\xd9'


FILES = {
    # the images the older fixture sites name
    'jekyll/assets/ferry.jpg': jpeg_head(1200, 630),
    'hugo/public/ferry.jpg': png(1200, 630),
    'hugo-local-images/static/images/card.png': png(1200, 630),
    'hugo-local-images/static/images/small.png': png(100, 50),
    'hugo-local-images/assets/images/logo.png': png(400, 400),
    'hugo-local-images/content/posts/bundle/wide.png': png(1200, 630),
    'hugo-local-images/public/images/card.png': png(1200, 630),
    'hugo-local-images/public/images/square.png': png(120, 120),
    'jekyll-local-images/assets/card.jpg': jpeg_head(1200, 630),
    'jekyll-local-images/assets/small.gif': gif(100, 100),
    'jekyll-local-images/_private/secret.png': png(1200, 630),
    'eleventy-local-images/src/img/card.png': png(1200, 630),
    'eleventy-local-images/public/tall.png': png(300, 900),
    'eleventy-local-images/src/notcopied/card.png': png(1200, 630),
    'cross-built/public/img/generic.png': png(1200, 630),
    'cross-built/public/img/home.png': png(1200, 630),
    'cross-built/public/img/p12.png': png(1200, 630),
    'cross-source-and-build/public/img/generic.png': png(1200, 630),
}


def main():
    for name, data in FILES.items():
        path = os.path.join(sys.argv[1], name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
