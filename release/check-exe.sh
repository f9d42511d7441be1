#!/usr/bin/env bash
# Checks that carico.exe in a Windows zip carries its icon and version
# information (what Explorer shows under Proprietà → Dettagli), as UTF-16
# strings in its resources.
#
#   release/check-exe.sh dist/carico-VERSION-windows-amd64.zip
set -euo pipefail
zip=${1:?usage: release/check-exe.sh ZIP}
version=$(basename "$zip" -windows-amd64.zip)
version=${version#carico-}
exe=$(mktemp)
trap 'rm -f "$exe"' EXIT
unzip -p "$zip" "*/carico.exe" >"$exe"
info=$(strings -e l "$exe")
for want in ProductName FileVersion CompanyName FileDescription "carico: misura del carico di lavoro del servizio sociale" "$version"; do
	grep -qF -- "$want" <<<"$info" || { echo "check-exe: carico.exe lacks «$want» in its version information" >&2; exit 1; }
done
# windres reads the resources back out of the program: the icon must be there.
x86_64-w64-mingw32-windres -i "$exe" -O rc | grep -q 'RT_GROUP_ICON' || { echo "check-exe: carico.exe has no icon" >&2; exit 1; }
echo "check-exe: carico.exe carries its icon and version information ($version)"
