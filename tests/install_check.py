#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""meson install puts everything where it belongs, and what it installs
works:

- the binary, ogcheck(1) and ogcheck-rules(5), and every long option that
  --help shows is in ogcheck(1);
- the bash, zsh and fish completions in the places each shell reads,
  each naming every long option of --help; bash's, sourced in a real
  bash, completes `ogcheck --fo` to --format, values, files and options
  as it should; zsh's and fish's parse, and complete for real in zsh (in
  a pseudo-terminal) and fish (`complete -C`) when those shells are
  installed; every value a completion offers is one ogcheck takes;
- the README, LICENSE and each docs/*.md of the source under
  share/doc/ogcheck/, and the JSON Schema of rule files under
  share/ogcheck/.

Usage: install_check.py BUILD_DIR
"""
import glob
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

from expect import expect, failures, summary

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, timeout=60,
                          **kwargs)


def install_dirs(build):
    """prefix, datadir and mandir as the build was configured."""
    proc = run(['meson', 'introspect', '--buildoptions', build])
    options = {o['name']: o['value'] for o in json.loads(proc.stdout)}
    prefix = options['prefix']
    return (prefix, os.path.join(prefix, options['datadir']),
            os.path.join(prefix, options['mandir']))


def help_options(ogcheck):
    """Every long option --help lists ("  --name" or "  -x, --name")."""
    helptext = run([ogcheck, '--help']).stdout
    return sorted(set(re.findall(r'(?m)^  (?:-[a-zA-Z], )?(--[a-z][a-z-]*)',
                                 helptext)))


def check_man(page_path, options):
    with open(page_path, encoding='utf-8') as f:
        page = re.sub(r'\\f[BIRP]', '', f.read()).replace('\\-', '-')
    missing = [option for option in options
               if not re.search(re.escape(option) + r'(?![a-z-])', page)]
    expect(not missing, 'ogcheck(1) names each long option of --help',
           'in --help but not in ogcheck(1): ' + ' '.join(missing))


def bash_complete(script, words, cwd):
    """What the installed bash completion offers for a command line given
    as the words bash splits it into (the last is the one completed), and
    what went wrong when bash failed ('' when it did not)."""
    program = r'''
source "$1"
shift
spec=$(complete -p ogcheck) || exit 3
fn=${spec#*-F }
fn=${fn%% *}
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
"$fn" ogcheck "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
'''
    proc = run(['bash', '--norc', '--noprofile', '-c', program, 'bash',
                script] + words, cwd=cwd)
    if proc.returncode != 0:
        return [], ('bash completion of %r: exit %d: %s'
                    % (words, proc.returncode, proc.stderr.strip()))
    return sorted(w for w in proc.stdout.split('\n') if w), ''


def zsh_complete(fpath_dir, lines, cwd):
    """What zsh's completion system offers for each line: an interactive
    zsh in a pseudo-terminal, TAB pressed, compadd wrapped to print the
    matches instead of adding them. Returns the matches of each line and
    whether zsh's completion system started."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execvpe('zsh', ['zsh', '-f', '-i'], {
            'PATH': os.environ.get('PATH', '/usr/bin:/bin'),
            'TERM': 'dumb', 'HOME': cwd})

    def read_until(marker, timeout):
        buf = b''
        end = time.time() + timeout
        while marker not in buf and time.time() < end:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    break
                if not data:
                    break
                buf += data
        return buf.decode('utf-8', 'replace')

    setup = ("PS1=''; fpath=(%s $fpath); autoload -U compinit; "
             "compinit -u -D; compadd() { local -a hits; "
             "builtin compadd -A hits \"$@\"; "
             "print -rn -- \"<M>${(j:|:)hits}</M>\" > /dev/tty; }; "
             "print -- '<READY>'\n" % fpath_dir)
    results = []
    try:
        os.write(fd, setup.encode())
        if '<READY>' not in read_until(b'<READY>\r\n', 20):
            return [[] for _ in lines], False
        for n, line in enumerate(lines):
            # TAB, alone (zsh cuts completion short when more input
            # waits); then ^U to drop the line, and a command whose
            # output (not its echo) says this line's completion is over
            os.write(fd, line.encode() + b'\t')
            out = read_until(b'</M>', 5)
            os.write(fd, b'\x15print -- "<DONE $((%d + 1))>"\n' % n)
            out += read_until(b'<DONE %d>' % (n + 1), 20)
            hits = set()
            for found in re.findall(r'<M>(.*?)</M>', out, re.S):
                hits.update(h for h in found.split('|') if h)
            results.append(sorted(hits))
        os.write(fd, b'exit\n')
    finally:
        # zsh has exited, or is ended here (an exception above)
        for _ in range(50):
            if os.waitpid(pid, os.WNOHANG) != (0, 0):
                break
            time.sleep(0.1)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
    return results, True


def fish_complete(script, line, cwd):
    """What fish offers for line, and what went wrong when fish failed
    ('' when it did not)."""
    proc = run(['fish', '--no-config', '-c',
                'source $argv[1]; complete -C $argv[2]', script, line],
               cwd=cwd)
    error = ''
    if proc.returncode != 0:
        error = ('fish completion of %r: exit %d: %s'
                 % (line, proc.returncode, proc.stderr.strip()))
    return sorted(w.split('\t')[0] for w in proc.stdout.split('\n')
                  if w), error


def expect_completion(shell, line, got, want, error=''):
    """One check: the shell completes line to want, without an error."""
    detail = '%r completes to %s, not %s' % (line, got, sorted(want))
    expect(not error and got == sorted(want),
           '%s completes %r' % (shell, line),
           error + '\n' + detail if error else detail)


def values_not_taken(ogcheck, option, values, cwd):
    """Whether every value a completion offers for an option is one
    ogcheck takes (exit 0, where a wrong one is exit 2): a line for each
    value that is not, and for no-such-value if it is."""
    wrong = []
    for value in values + ['no-such-value']:
        proc = run([ogcheck, '--offline', option, value, '--list-rules'],
                   cwd=cwd)
        want = 2 if value == 'no-such-value' else 0
        if proc.returncode != want:
            wrong.append('ogcheck %s %s --list-rules: exit %d, not %d (%s)'
                         % (option, value, proc.returncode, want,
                            proc.stderr.strip()))
    return wrong


def check_completions(ogcheck, bash_script, zsh_script, fish_script,
                      options):
    # fish names a long option "-l name"
    for shell, path, spell in (('bash', bash_script, '%s'),
                               ('zsh', zsh_script, '%s'),
                               ('fish', fish_script, '-l %s')):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        missing = [option for option in options
                   if not re.search(re.escape(spell % (
                       option if spell == '%s' else option[2:]))
                       + r'(?![a-z-])', text)]
        expect(not missing, "%s's completion (%s) names each long option "
               'of --help' % (shell, os.path.basename(path)),
               'in --help but not in %s: %s'
               % (os.path.basename(path), ' '.join(missing)))

    formats = ['codeclimate', 'github', 'html', 'json', 'jsonl', 'markdown',
               'sarif', 'text']
    # "  -x, --name": the short options --help lists
    shorts = sorted(set(re.findall(r'(?m)^  (-[a-zA-Z]), --',
                                   run([ogcheck, '--help']).stdout)))
    all_options = options + shorts
    with tempfile.TemporaryDirectory() as cwd:
        for name in ('rules.yaml', 'readme.md', '--odd.md'):
            with open(os.path.join(cwd, name), 'w', encoding='utf-8'):
                pass
        os.mkdir(os.path.join(cwd, 'content'))
        cases = [
            (['ogcheck', '--fo'], ['--format']),
            (['ogcheck', '--format', ''], formats),
            (['ogcheck', '-f', 's'], ['sarif']),
            (['ogcheck', '--format', '=', 'js'], ['json', 'jsonl']),
            (['ogcheck', '--format', '='], formats),
            (['ogcheck', '--fail-on', 'w'], ['warning']),
            (['ogcheck', '--rules', 'ru'], ['rules.yaml']),
            (['ogcheck', '--offline', '-o', 're'], ['readme.md']),
            (['ogcheck', '--jobs', ''], []),
            (['ogcheck', 'con'], ['content']),
            (['ogcheck', '--', '--o'], ['--odd.md']),
            (['ogcheck', '--'], options),
            (['ogcheck', '-'], all_options),
        ]
        for words, want in cases:
            got, error = bash_complete(bash_script, words, cwd)
            expect_completion('bash', ' '.join(words), got, want, error)

        # each value the bash completion offers is one ogcheck takes
        for option in ('--fail-on', '--format', '--input', '--json-schema',
                       '--preset', '--profile'):
            values, error = bash_complete(bash_script,
                                          ['ogcheck', option, ''], cwd)
            wrong = [error] if error else []
            if not values:
                wrong.append('bash offers no value for %s' % option)
            wrong += values_not_taken(ogcheck, option, values, cwd)
            expect(not wrong, 'bash offers values for %s (%s), each taken '
                   'by ogcheck, which refuses no-such-value'
                   % (option, ' '.join(values)), '\n'.join(wrong))

        if shutil.which('zsh') is None:
            print('install_check: no zsh, its completion not run')
        else:
            proc = run(['zsh', '-n', zsh_script])
            expect(proc.returncode == 0, 'zsh -n _ogcheck: it parses',
                   'zsh -n %s: exit %d: %s'
                   % (zsh_script, proc.returncode, proc.stderr.strip()))
            zsh_cases = [
                ('ogcheck --fo', ['--format']),
                ('ogcheck --format ', formats),
                ('ogcheck --format=js', ['json', 'jsonl']),
                ('ogcheck --preset ', ['astro', 'eleventy', 'hugo',
                                       'jekyll', 'none']),
                ('ogcheck --rules ru', ['rules.yaml']),
                # options, and files that start so
                ('ogcheck -', all_options + ['--odd.md']),
            ]
            got, started = zsh_complete(os.path.dirname(zsh_script),
                                        [line for line, _ in zsh_cases], cwd)
            expect(started, 'zsh starts its completion system',
                   'no <READY> from zsh -f -i in a pseudo-terminal within '
                   '20 seconds')
            for (line, want), hits in zip(zsh_cases, got):
                expect_completion('zsh', line, hits, want)

        if shutil.which('fish') is None:
            print('install_check: no fish, its completion not run')
        else:
            proc = run(['fish', '--no-execute', fish_script])
            expect(proc.returncode == 0,
                   'fish --no-execute ogcheck.fish: it parses',
                   'fish --no-execute %s: exit %d: %s'
                   % (fish_script, proc.returncode, proc.stderr.strip()))
            for line, want in (
                    ('ogcheck --fo', ['--format']),
                    ('ogcheck --format ', formats),
                    ('ogcheck -f j', ['json', 'jsonl']),
                    ('ogcheck --profile ', ['facebook', 'linkedin', 'ogp',
                                            'seo', 'x']),
                    ('ogcheck --rules ru', ['rules.yaml']),
                    ('ogcheck --jobs ', []),
                    # options, and files that start so
                    ('ogcheck --', options + ['--odd.md'])):
                got, error = fish_complete(fish_script, line, cwd)
                expect_completion('fish', line, got, want, error)


def main():
    build = sys.argv[1]
    prefix, datadir, mandir = install_dirs(build)
    with tempfile.TemporaryDirectory() as dest:
        proc = run(['meson', 'install', '-C', build, '--no-rebuild',
                    '--destdir', dest, '--quiet'])
        expect(proc.returncode == 0, 'meson install --destdir',
               'exit %d\n%s' % (proc.returncode, proc.stdout + proc.stderr))
        if proc.returncode != 0:
            return summary()

        def under(*parts):
            return os.path.join(dest, *(p.lstrip('/') for p in parts))
        docdir = under(datadir, 'doc', 'ogcheck')
        paths = {
            'binary': under(prefix, 'bin', 'ogcheck'),
            'ogcheck(1)': under(mandir, 'man1', 'ogcheck.1'),
            'ogcheck-rules(5)': under(mandir, 'man5', 'ogcheck-rules.5'),
            'bash completion': under(datadir, 'bash-completion',
                                     'completions', 'ogcheck'),
            'zsh completion': under(datadir, 'zsh', 'site-functions',
                                    '_ogcheck'),
            'fish completion': under(datadir, 'fish', 'vendor_completions.d',
                                     'ogcheck.fish'),
        }
        docs = ['README.md', 'LICENSE'] + sorted(
            os.path.relpath(p, SOURCE)
            for p in glob.glob(os.path.join(SOURCE, 'docs', '*.md')))
        missing = ['%s is not installed as %s'
                   % (what, os.path.relpath(path, dest))
                   for what, path in paths.items()
                   if not os.path.isfile(path)]
        expect(not missing, 'meson install puts the binary, both man pages '
               'and the three completions in place', '\n'.join(missing))
        for doc in docs:
            paths[doc] = os.path.join(docdir, doc)
        schema = under(datadir, 'ogcheck', 'ogcheck.schema.json')
        if not os.path.isfile(schema):
            title = None
            detail = ('the JSON Schema of rule files is not installed as %s'
                      % os.path.relpath(schema, dest))
        else:
            with open(schema, encoding='utf-8') as f:
                title = json.load(f).get('title')
            detail = ('%s is not the schema of rule files (title %r)'
                      % (schema, title))
        expect(title == 'ogcheck rule file',
               'the JSON Schema of rule files is installed', detail)
        wrong = []
        for doc in docs:
            with open(os.path.join(SOURCE, doc), 'rb') as f:
                original = f.read()
            path = paths[doc]
            if not os.path.isfile(path):
                wrong.append('%s is not installed as %s'
                             % (doc, os.path.relpath(path, dest)))
            else:
                with open(path, 'rb') as f:
                    if f.read() != original:
                        wrong.append('%s is installed changed' % doc)
        expect(not wrong, 'README.md, LICENSE and the %d docs/*.md are '
               'installed as they are under share/doc/ogcheck/'
               % (len(docs) - 2), '\n'.join(wrong))
        if failures:
            return summary()

        options = help_options(paths['binary'])
        expect(len(options) >= 20, '--help lists %d long options (20 or '
               'more)' % len(options), 'only %d' % len(options))
        check_man(paths['ogcheck(1)'], options)
        check_completions(paths['binary'], paths['bash completion'],
                          paths['zsh completion'], paths['fish completion'],
                          options)
        print('install_check: %d options, %d docs checked, %s'
              % (len(options), len(docs),
                 'failed' if failures else 'passed'))
    return summary()


if __name__ == '__main__':
    sys.exit(main())
