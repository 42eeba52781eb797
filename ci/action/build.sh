#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The GitHub Action's build step (action.yml): when the ogcheck restored
# from the cache into $OGCHECK_BIN_DIR runs, nothing to do; else installs
# the missing build packages with apt-get, builds a release binary of the
# action's own source with meson, and puts it in $OGCHECK_BIN_DIR with the
# shared libraries that apt-get added (a later run on the same runner
# image restores the folder and needs no apt-get) and a launcher,
# $OGCHECK_BIN_DIR/ogcheck.
set -euo pipefail

source=${GITHUB_ACTION_PATH:?}
bin_dir=${OGCHECK_BIN_DIR:?}

if version=$("$bin_dir/ogcheck" --version 2>/dev/null); then
	echo "ogcheck: restored from the cache: $version"
	exit 0
fi

# The libraries the system had before apt-get: the binary finds those
# where they are, the others go along with it.
before=$(mktemp)
build=$(mktemp -d)
trap 'rm -rf "$before" "$build"' EXIT
ldconfig -p | awk 'NR > 1 { print $1 }' | sort -u >"$before"

packages=(gcc meson ninja-build pkg-config python3 libyaml-dev
	libcurl4-openssl-dev libcjson-dev libgumbo-dev unicode-data
	fonts-liberation2)
missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} -ne 0 ]; then
	sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		sudo=(sudo)
	fi
	"${sudo[@]}" apt-get update -q
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q \
		--no-install-recommends "${missing[@]}"
fi

meson setup "$build" "$source" --buildtype=release -Dtests=disabled \
	-Dman=disabled -Dhomepage="${OGCHECK_HOMEPAGE:-}"
ninja -C "$build"

rm -rf "$bin_dir"
mkdir -p "$bin_dir/bin" "$bin_dir/lib"
cp "$build/src/ogcheck" "$bin_dir/bin/ogcheck"
ldd "$bin_dir/bin/ogcheck" | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' |
	while read -r name path; do
		if ! grep -qxF "$name" "$before"; then
			cp -L "$path" "$bin_dir/lib/$name"
		fi
	done
cat >"$bin_dir/ogcheck" <<'SH'
#!/bin/sh
# ogcheck with the shared libraries the action's build step kept beside it
here=$(dirname "$0")
LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
	exec "$here/bin/ogcheck" "$@"
SH
chmod +x "$bin_dir/ogcheck"
echo "ogcheck: built $("$bin_dir/ogcheck" --version)"
