#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The Debian package builds and works: the source (the files git tracks,
or without git the tree minus build*/ folders) is copied to a scratch
folder, `dpkg-buildpackage -us -uc -b` builds the .deb there, its contents
are listed (binary, man pages, completions, docs), and it is unpacked
into a scratch root with `dpkg -x`, whose ogcheck then runs: --version,
and the bundled examples offline (exit status 1, with findings). Nothing
is written into the source tree or beside it.

Exit 77 (skipped) when dpkg-buildpackage is not installed.

Usage: deb_check.py SOURCE_ROOT
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

from expect import expect, failures, summary


def source_files(source):
    """The files of the source: what git tracks (and what it would, new
    files not yet added), or without git every file outside build*/ and
    hidden folders."""
    proc = subprocess.run(['git', '-C', source, 'ls-files', '-z', '--cached',
                           '--others', '--exclude-standard'],
                          capture_output=True)
    top = subprocess.run(['git', '-C', source, 'rev-parse', '--show-toplevel'],
                         capture_output=True, text=True)
    if proc.returncode == 0 and top.returncode == 0 and \
            os.path.realpath(top.stdout.strip()) == os.path.realpath(source):
        return [p for p in proc.stdout.decode().split('\0') if p]
    files = []
    for folder, dirs, names in os.walk(source):
        rel = os.path.relpath(folder, source)
        dirs[:] = [d for d in dirs if not d.startswith('.') and
                   not (rel == '.' and d.startswith('build'))]
        files += [os.path.normpath(os.path.join(rel, n)) for n in names]
    return files


def copy_source(source, dest):
    for rel in source_files(source):
        path = os.path.join(source, rel)
        if not os.path.lexists(path):
            continue  # deleted, not yet committed
        target = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.islink(path):
            os.symlink(os.readlink(path), target)
        else:
            shutil.copy2(path, target)


def main():
    source = os.path.realpath(sys.argv[1])
    if shutil.which('dpkg-buildpackage') is None:
        print('deb_check: dpkg-buildpackage is not installed (dpkg-dev)')
        return 77
    with open(os.path.join(source, 'meson.build'), encoding='utf-8') as f:
        build = f.read()
    version = re.search(r"version: '([^']+)'", build).group(1)
    # libcurl is loaded with dlopen(): the .deb must name its package with
    # the version meson.build asks for, as shlibs no longer does
    curl = re.search(r"dependency\('libcurl', version: '>=([0-9.]+)'\)",
                     build).group(1)
    with tempfile.TemporaryDirectory() as scratch:
        tree = os.path.join(scratch, 'ogcheck-' + version)
        copy_source(source, tree)
        env = dict(os.environ, DEB_BUILD_OPTIONS='parallel=2')
        proc = subprocess.run(['dpkg-buildpackage', '-us', '-uc', '-b'],
                              cwd=tree, capture_output=True, text=True,
                              env=env, timeout=1500)
        expect(proc.returncode == 0, 'dpkg-buildpackage -us -uc -b',
               'exit %d\n%s' % (proc.returncode,
                                proc.stdout[-6000:] + proc.stderr[-6000:]))
        if proc.returncode != 0:
            return summary()
        debs = glob.glob(os.path.join(scratch, 'ogcheck_%s_*.deb' % version))
        expect(len(debs) == 1, 'one ogcheck_%s_*.deb built' % version,
               'found %s' % sorted(os.listdir(scratch)))
        if len(debs) != 1:
            return summary()
        deb = debs[0]

        listing = subprocess.run(['dpkg-deb', '-c', deb], capture_output=True,
                                 text=True, check=True).stdout
        paths = set(re.findall(r'\s\.(/\S+)$', listing, re.M))
        wanted = [
            '/usr/bin/ogcheck',
            '/usr/share/man/man1/ogcheck.1.gz',
            '/usr/share/man/man5/ogcheck-rules.5.gz',
            '/usr/share/bash-completion/completions/ogcheck',
            '/usr/share/zsh/site-functions/_ogcheck',
            '/usr/share/fish/vendor_completions.d/ogcheck.fish',
            '/usr/share/ogcheck/ogcheck.schema.json',
            '/usr/share/doc/ogcheck/copyright',
            '/usr/share/doc/ogcheck/changelog.gz',
        ]
        # dh_compress compresses the larger docs
        docs = ['/usr/share/doc/ogcheck/README.md'] + [
            '/usr/share/doc/ogcheck/docs/' + os.path.basename(p)
            for p in sorted(glob.glob(os.path.join(source, 'docs', '*.md')))]
        missing = [p for p in wanted if p not in paths]
        expect(not missing, 'the .deb holds the binary, both man pages, the '
               'three completions, the schema, copyright and changelog '
               '(%d files)' % len(wanted),
               'the .deb has no ' + ', '.join(missing))
        missing = [p + '(.gz)' for p in docs
                   if p not in paths and p + '.gz' not in paths]
        expect(not missing, 'the .deb holds README.md and the %d docs/*.md'
               % (len(docs) - 1), 'the .deb has no ' + ', '.join(missing))

        info = subprocess.run(['dpkg-deb', '-f', deb, 'Package', 'Version',
                               'Depends'], capture_output=True, text=True,
                              check=True).stdout
        depends = re.search(r'^Depends: (.*)$', info, re.M)
        alternatives = []
        for group in depends.group(1).split(',') if depends else []:
            alternatives += [a.strip() for a in group.split('|')]
        expect('Version: %s\n' % version in info and
               'libcurl4 (>= %s)' % curl in alternatives,
               'the .deb is version %s and depends on libcurl4 (>= %s)'
               % (version, curl), 'its control fields: %r' % info)

        root = os.path.join(scratch, 'root')
        subprocess.run(['dpkg', '-x', deb, root], check=True)
        ogcheck = os.path.join(root, 'usr', 'bin', 'ogcheck')
        proc = subprocess.run([ogcheck, '--version'], capture_output=True,
                              text=True)
        # built from a copy without .git: the version alone
        expect(proc.returncode == 0 and
               proc.stdout == 'ogcheck %s\n' % version,
               "the unpacked ogcheck --version: 'ogcheck %s'" % version,
               'exit %d, stdout %r, stderr %r'
               % (proc.returncode, proc.stdout, proc.stderr))
        proc = subprocess.run([ogcheck, '--offline', 'examples/content'],
                              cwd=source, capture_output=True, text=True)
        findings = [l for l in proc.stdout.split('\n')
                    if re.match(r'examples/content/\S+:\d+:\d+: error: ', l)]
        expect(proc.returncode == 1 and bool(findings) and
               'files checked' in proc.stderr,
               'the unpacked ogcheck --offline examples/content: exit 1, '
               'errors, a count of files checked',
               'exit %d, %d errors, stderr %r'
               % (proc.returncode, len(findings), proc.stderr))
        print('deb_check: %s, %d files, %s'
              % (os.path.basename(deb), len(paths),
                 'failed' if failures else 'passed'))
    return summary()


if __name__ == '__main__':
    sys.exit(main())
