#!/usr/bin/env bash
# Runs the Windows release as a user would: unzips it, checks its checksums,
# and runs `carico.exe version` and `carico.exe demo` under Wine. A key left
# in roaming %APPDATA%\carico by an earlier release must be moved to
# %LOCALAPPDATA%\carico on the first start, said, and used by the demo.
#
#   release/wine-demo.sh dist/carico-VERSION-windows-amd64.zip
#
# Wine 8.0 (Debian 12) has no bcryptprimitives.dll, from which the Go
# runtime takes ProcessPrng; a stub built here from release/wine/ goes into
# the throwaway Wine prefix only. It is never part of a zip.
set -euo pipefail
cd "$(dirname "$0")/.."
zip=${1:?usage: release/wine-demo.sh ZIP}

wine=$(command -v wine64 || true)
[[ -n $wine ]] || wine=/usr/lib/wine/wine64
[[ -x $wine ]] || { echo "wine-demo: wine64 missing (apt-get install wine64)" >&2; exit 1; }
wineserver=$(dirname "$(readlink -f "$wine")")/wineserver64
[[ -x $wineserver ]] || wineserver=$(command -v wineserver)

work=$(mktemp -d)
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
	"$wineserver" -k >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

unzip -q "$zip" -d "$work"
app=$(find "$work" -maxdepth 1 -type d -name 'carico-*')
if [[ -e $app/bcryptprimitives.dll ]]; then
	echo "wine-demo: the zip ships bcryptprimitives.dll, the Wine-only stub" >&2
	exit 1
fi
(cd "$app" && tr -d '\r' <SHA256SUMS.txt | sha256sum --quiet -c -)
for f in carico.exe duckdb.dll LEGGIMI.txt LICENSE.txt NOTICE.txt; do
	[[ -s $app/$f ]] || { echo "wine-demo: $f missing from the zip" >&2; exit 1; }
done

"$wine" wineboot --init >/dev/null 2>&1
x86_64-w64-mingw32-gcc-posix -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	release/wine/bcryptprimitives.c release/wine/bcryptprimitives.def -lbcrypt

profile=$WINEPREFIX/drive_c/users/$(id -un)/AppData
mkdir -p "$profile/Roaming/carico"
head -c 32 /dev/urandom >"$profile/Roaming/carico/chiave-pseudonimi"
sum=$(sha256sum <"$profile/Roaming/carico/chiave-pseudonimi")

cd "$app"
"$wine" ./carico.exe version 2>"$work/version.err"
grep -q "spostati da .*Roaming.carico a .*Local.carico" "$work/version.err" ||
	{ echo "wine-demo: the roaming key was not moved, or not said:" >&2; cat "$work/version.err" >&2; exit 1; }
[[ ! -e $profile/Roaming/carico/chiave-pseudonimi && $(sha256sum <"$profile/Local/carico/chiave-pseudonimi") == "$sum" ]] ||
	{ echo "wine-demo: the key is not in %LOCALAPPDATA%\\carico as it was" >&2; exit 1; }
start=$(date +%s.%N)
"$wine" ./carico.exe demo --out demo-out >"$work/demo.out" 2>"$work/demo.err" || {
	echo "wine-demo: carico.exe demo failed" >&2
	cat "$work/demo.out" "$work/demo.err" >&2
	exit 1
}
end=$(date +%s.%N)
grep -q "Dimostrazione di carico" "$work/demo.out"
grep -q "Chiave degli pseudonimi della dimostrazione" "$work/demo.out" && [[ -s demo-out/chiave-pseudonimi-demo ]] ||
	{ echo "wine-demo: the demo did not use a key of its own" >&2; exit 1; }
[[ $(sha256sum <"$profile/Local/carico/chiave-pseudonimi") == "$sum" ]] ||
	{ echo "wine-demo: the demo changed the installation's key" >&2; exit 1; }
# The statement is the most loaded social worker's, whoever she is.
statement=$(cd demo-out && ls carico-operatore-*.xlsx 2>/dev/null | head -n1)
statement=${statement%.xlsx}
[[ -n $statement ]] || { echo "$(basename "$0"): demo-out has no personal statement" >&2; exit 1; }
for f in carico.duckdb carico.xlsx carico.html carico-politico.xlsx carico-politico.html "$statement.xlsx" "$statement.html"; do
	[[ -s demo-out/$f ]] || { echo "wine-demo: demo-out/$f not written" >&2; exit 1; }
done
sed -n '/^Ambito di/p' "$work/demo.out"
elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
echo "wine-demo: carico.exe demo ok in $elapsed s; files: $(cd demo-out && ls -m -- *.xlsx *.html)"
