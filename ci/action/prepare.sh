#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The GitHub Action's first step (action.yml): where the built ogcheck is
# kept and the cache key it is kept under, the folder ogcheck runs in, and
# the URL cache file and its keys. Reads only the environment (the
# runner's variables and the INPUT_* ones action.yml sets); writes
# name=value lines to $GITHUB_OUTPUT.
set -euo pipefail

source=${GITHUB_ACTION_PATH:?}
workspace=${GITHUB_WORKSPACE:?}
temp=${RUNNER_TEMP:?}

version=$(sed -n "s/^[[:space:]]*version: '\([^']*\)',\$/\1/p" \
	"$source/meson.build" | head -n 1)
if [ -z "$version" ]; then
	echo "ogcheck: no version in $source/meson.build" >&2
	exit 1
fi

# SARIF's informationUri: where this copy of the action is published (the
# repository of `uses: OWNER/ogcheck@REF`; for `uses: ./`, this one).
# Unknown: meson's default (the installed README).
homepage=
repository=${GITHUB_ACTION_REPOSITORY:-${GITHUB_REPOSITORY:-}}
if [ -n "$repository" ]; then
	homepage="${GITHUB_SERVER_URL:-https://github.com}/$repository"
fi

# The build's identity: every file that goes into the binary, the script
# that builds it (a branch or a local `uses: ./` changes without a new
# version) and the informationUri, hashed in a fixed order.
digest=$({
	cd "$source" && find meson.build meson_options.txt src include rules \
		ci/action/build.sh -type f -print0 | LC_ALL=C sort -z |
		xargs -0 sha256sum
	echo "$homepage"
} | sha256sum | cut -c1-16)

# The runner image (ImageOS and ImageVersion on GitHub's runners; empty on
# self-hosted ones, where build.sh rebuilds when the restored binary does
# not run).
image="${RUNNER_OS:-}-${RUNNER_ARCH:-}-${ImageOS:-}-${ImageVersion:-}"

case ${INPUT_WORKING_DIRECTORY:-.} in
/*) workdir=$INPUT_WORKING_DIRECTORY ;;
*) workdir="$workspace/${INPUT_WORKING_DIRECTORY:-.}" ;;
esac
if [ ! -d "$workdir" ]; then
	echo "ogcheck: working-directory $INPUT_WORKING_DIRECTORY is not a folder" >&2
	exit 1
fi
workdir=$(cd "$workdir" && pwd -P)

url_cache=
if [ -n "${INPUT_CACHE:-}" ]; then
	case $INPUT_CACHE in
	/*) url_cache=$INPUT_CACHE ;;
	*) url_cache="$workdir/$INPUT_CACHE" ;;
	esac
fi
# One URL cache per folder checked; each run saves its own (a cache entry
# cannot be overwritten) and restores the newest one.
place=$(printf '%s' "$workdir" | sha256sum | cut -c1-8)
restore="ogcheck-urls-${RUNNER_OS:-}-$place-"
key="$restore${GITHUB_RUN_ID:-0}-${GITHUB_RUN_ATTEMPT:-1}-${GITHUB_JOB:-job}"
key+="-${OGCHECK_JOB_INDEX:-0}"

{
	echo "version=$version"
	echo "bin-dir=$temp/ogcheck-bin"
	echo "bin-key=ogcheck-bin-1-$image-$version-$digest"
	echo "homepage=$homepage"
	echo "workdir=$workdir"
	echo "url-cache=$url_cache"
	echo "url-cache-key=$key"
	echo "url-cache-restore=$restore"
} >>"${GITHUB_OUTPUT:?}"
