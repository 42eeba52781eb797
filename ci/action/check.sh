#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The GitHub Action's check step (action.yml): runs ogcheck in
# $OGCHECK_WORKDIR on INPUT_PATHS with INPUT_ARGS (both split like a shell
# would, by Python's shlex, without expansion), writes the JSON and SARIF
# reports and the Markdown summary in that one run, then lets
# ci/action/report.py print the annotations, write the step's outputs and
# append the summary to the job's. Exits with ogcheck's status.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
ogcheck="${OGCHECK_BIN_DIR:?}/ogcheck"
workdir=${OGCHECK_WORKDIR:?}
reports="${RUNNER_TEMP:?}/ogcheck-reports"
mkdir -p "$reports"

# NUL-separated words of a shell-like string, or a message and status 1.
split() {
	python3 -c '
import shlex, sys
try:
    words = shlex.split(sys.argv[2])
except ValueError as e:
    sys.exit("ogcheck: input %s: %s" % (sys.argv[1], e))
sys.stdout.write("".join(w + "\0" for w in words))' "$1" "$2"
}
split args "${INPUT_ARGS:-}" >"$reports/args"
split paths "${INPUT_PATHS:-.}" >"$reports/paths"
mapfile -d '' args <"$reports/args"
mapfile -d '' paths <"$reports/paths"

cd "$workdir"
absolute() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s\n' "$workdir/$1" ;;
	esac
}
json=$(absolute "${INPUT_JSON:-$reports/ogcheck.json}")
sarif=$(absolute "${INPUT_SARIF:-$reports/ogcheck.sarif}")
github="$reports/github.txt"
summary="$reports/summary.md"
rm -f "$json" "$sarif" "$github" "$summary"
mkdir -p "$(dirname "$json")" "$(dirname "$sarif")"

cache=()
if [ -n "${OGCHECK_URL_CACHE:-}" ]; then
	cache=(--cache "$OGCHECK_URL_CACHE")
fi

# Every report to a file: the text report goes to the log, the
# annotations are printed by report.py, their paths made relative to the
# repository, and the markdown summary goes to the job summary.
status=0
"$ogcheck" --format json --output "$json" --format sarif --output "$sarif" \
	--format github --output "$github" --format markdown --output "$summary" \
	--fail-on "${INPUT_FAIL_ON:-error}" "${cache[@]}" "${args[@]}" \
	-- "${paths[@]}" || status=$?

python3 "$here/report.py" --status "$status" --workdir "$workdir" \
	--workspace "${GITHUB_WORKSPACE:-$workdir}" --json "$json" \
	--sarif "$sarif" --github "$github" --summary "$summary"
exit "$status"
