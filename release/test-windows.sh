#!/usr/bin/env bash
# make test's Windows step: build the Windows zip and run its demo under
# Wine. A developer without the cross compiler or Wine is told and skipped;
# under CI (CI set, as .ci/run does) a missing tool is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v x86_64-w64-mingw32-g++-posix >/dev/null || missing+=(gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix)
command -v wine64 >/dev/null || [[ -x /usr/lib/wine/wine64 ]] || missing+=(wine64)
command -v zip >/dev/null || missing+=(zip)
command -v unzip >/dev/null || missing+=(unzip)
if ((${#missing[@]})); then
	if [[ -n ${CI:-} ]]; then
		echo "test-windows: missing ${missing[*]}" >&2
		exit 1
	fi
	echo "test-windows: skipped, to run it: apt-get install ${missing[*]}" >&2
	exit 0
fi
release/build.sh windows-amd64
release/wine-demo.sh "$(ls -t dist/carico-*-windows-amd64.zip | head -1)"
