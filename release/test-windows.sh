#!/usr/bin/env bash
# make test's Windows step: build the Windows zip and run its demo under
# Wine; under CI, also check that carico.exe carries its version
# information and that a second build from another path gives the same
# zip. A developer without the cross compiler or Wine is told and skipped;
# under CI (CI set, as .ci/run does) a missing tool is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v x86_64-w64-mingw32-g++-posix >/dev/null || missing+=(gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix)
command -v x86_64-w64-mingw32-windres >/dev/null || missing+=(binutils-mingw-w64-x86-64)
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
if [[ -n ${CI:-} || -n ${REPRO:-} ]]; then
	release/reproducible.sh windows-amd64
else
	release/build.sh windows-amd64
fi
zip=dist/carico-$(release/version.sh)-windows-amd64.zip
release/check-exe.sh "$zip"
release/wine-demo.sh "$zip"
