#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Prints the short hash of the commit checked out in SOURCE_ROOT, for
--version; meson's vcs_tag runs it at every build.

Usage: git_commit.py SOURCE_ROOT

Prints nothing when SOURCE_ROOT is not the top of a git checkout: a
release tarball, or the source unpacked inside some other repository
(whose commit is not ogcheck's), or when git is not installed. It always
exits 0: vcs_tag takes a failing command's fallback, and an empty fallback
for the project's version.
"""
import os
import subprocess
import sys


def git(root, *args):
    return subprocess.run(['git', '-C', root] + list(args),
                          capture_output=True, text=True, check=True,
                          timeout=30).stdout.strip()


def main():
    root = os.path.realpath(sys.argv[1])
    try:
        top = git(root, 'rev-parse', '--show-toplevel')
        if os.path.realpath(top) == root:
            print(git(root, 'rev-parse', '--short', 'HEAD'))
    except (OSError, subprocess.SubprocessError):
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
