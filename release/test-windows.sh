#!/usr/bin/env bash
# make test's Windows step: build the Windows zip and run its demo under
# Wine; under CI, also check that carico.exe carries its version
# information and that a second build from another path gives the same
# zip. A developer without the cross compiler or Wine is told and skipped;
# under CI (CI set, as .ci/run does) a missing tool is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

. release/require.sh
require x86_64-w64-mingw32-g++-posix gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix
require x86_64-w64-mingw32-windres binutils-mingw-w64-x86-64
command -v wine64 >/dev/null || require /usr/lib/wine/wine64 wine64
require zip zip
require unzip unzip
require_done test-windows

# One version for the whole step, even if the checkout changes meanwhile.
VERSION=$(release/version.sh)
export VERSION
if [[ -n ${CI:-} || -n ${REPRO:-} ]]; then
	release/reproducible.sh windows-amd64
else
	release/build.sh windows-amd64
fi
zip=dist/carico-$VERSION-windows-amd64.zip
release/check-exe.sh "$zip"
release/wine-demo.sh "$zip"
