#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate a corpus with many findings, for measuring memory per finding.

    gen_findings.py OUT_DIR [N]

Writes N Markdown files (default 50000) under OUT_DIR, 1,000 to a folder.
Each gives six findings with the built-in rules offline: four og-required
(og.image, og.title, og.type, og.url missing), a title-length and a
date-format, so N files give 6 × N findings. Each file's title and date
differ, so no two findings carry the same value. Standard library only.
"""

import os
import sys


def main(argv):
    if len(argv) < 2 or len(argv) > 3:
        sys.stderr.write(__doc__)
        return 2
    out = argv[1]
    n = int(argv[2]) if len(argv) == 3 else 50000
    for i in range(n):
        folder = os.path.join(out, f"d{i // 1000:03d}")
        if i % 1000 == 0:
            os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"page-{i:06d}.md"), "w") as f:
            f.write("---\n"
                    f"title: \"Page {i} has a title that is much too long "
                    "for a search engine result page\"\n"
                    f"date: \"16:08 {1 + i % 28:02d}/05/2020\"\n"
                    "---\n"
                    f"Body of page {i}.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
