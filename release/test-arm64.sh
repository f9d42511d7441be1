#!/usr/bin/env bash
# make test's linux-arm64 step: build the linux-arm64 zip with Debian's
# cross compiler and run it as a user would, under qemu-user: unzip,
# check its checksums, `carico version` and `carico demo`. A developer
# without the tools is told and skipped; under CI (CI set, as .ci/run
# does) a missing tool is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

. release/require.sh
require aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
require aarch64-linux-gnu-g++ g++-aarch64-linux-gnu
require qemu-aarch64 qemu-user
require file file
require zip zip
require unzip unzip
require_done test-arm64

# One version for the whole step, even if the checkout changes meanwhile.
VERSION=$(release/version.sh)
export VERSION

start=$(date +%s)
release/build.sh linux-arm64
built=$(date +%s)
zip=dist/carico-$VERSION-linux-arm64.zip

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q "$zip" -d "$work"
app=$(find "$work" -maxdepth 1 -type d -name 'carico-*')
(cd "$app" && sha256sum --quiet -c SHA256SUMS.txt)
file "$app/carico" | grep -q 'ARM aarch64' || { echo "test-arm64: carico is not an arm64 program" >&2; exit 1; }

# The loader and the C/C++ libraries come from Debian's cross packages;
# HOME and XDG point into the throwaway folder, as on a fresh machine.
run() { (cd "$app" && HOME=$work/home XDG_DATA_HOME= XDG_CONFIG_HOME= qemu-aarch64 -L /usr/aarch64-linux-gnu ./carico "$@"); }
run version | tee "$work/version.out"
grep -q "linux/arm64" "$work/version.out"
run demo --out demo-out >"$work/demo.out" 2>"$work/demo.err" || {
	echo "test-arm64: carico demo failed" >&2
	cat "$work/demo.out" "$work/demo.err" >&2
	exit 1
}
grep -q "Dimostrazione di carico" "$work/demo.out"
grep -q "./carico serve --db demo-out/carico.duckdb" "$work/demo.out"
# The statement is the most loaded social worker's, whoever she is.
statement=$(cd "$app/demo-out" && ls carico-operatore-*.xlsx 2>/dev/null | head -n1)
statement=${statement%.xlsx}
[[ -n $statement ]] || { echo "$(basename "$0"): demo-out has no personal statement" >&2; exit 1; }
for f in carico.duckdb carico.xlsx carico.html carico-politico.xlsx carico-politico.html "$statement.xlsx" "$statement.html"; do
	[[ -s $app/demo-out/$f ]] || { echo "test-arm64: demo-out/$f not written" >&2; exit 1; }
done
echo "test-arm64: build $((built - start)) s, carico demo under qemu $(($(date +%s) - built)) s"
