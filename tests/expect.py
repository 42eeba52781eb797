# SPDX-License-Identifier: MIT
"""The checks of a test script that runs many steps: expect() prints each
as "ok" or "FAIL" (with detail when it fails) and remembers the failures;
summary() prints the closing line and returns the exit status."""

failures = []
passes = 0


def expect(cond, what, detail=''):
    global passes
    print(('ok   ' if cond else 'FAIL ') + what)
    if cond:
        passes += 1
    else:
        failures.append(what)
        if detail:
            print('     ' + detail.replace('\n', '\n     '))


def summary():
    """The script's last line and exit status: 1 when a check failed."""
    print('%d passed, %d failed' % (passes, len(failures)))
    return 1 if failures else 0
