#!/usr/bin/env bash
# Builds the named platforms' zips twice, from this checkout and from a
# copy of it at another path, and fails unless the zips are identical
# byte for byte: the path of a checkout must not reach a release.
#
#   release/reproducible.sh windows-amd64 [linux-amd64 ...]
#
# The copy is made of hard links (cp -al) where /tmp is on the same file
# system, a plain copy otherwise; it carries the installed node_modules.
# Both builds get the same VERSION and SOURCE_DATE_EPOCH, read once here.
set -euo pipefail
cd "$(dirname "$0")/.."
(($#)) || { echo "usage: release/reproducible.sh PLATFORM..." >&2; exit 2; }

VERSION=$(release/version.sh)
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
export VERSION SOURCE_DATE_EPOCH

other=$(mktemp -d /tmp/carico-altro-percorso.XXXXXX)
trap 'rm -rf "$other"' EXIT
release/build.sh "$@" >/dev/null
cp -al . "$other/carico" 2>/dev/null || { rm -rf "$other/carico"; cp -a . "$other/carico"; }
rm -rf "$other/carico/dist"
(cd "$other/carico" && release/build.sh "$@" >/dev/null)

status=0
for plat in "$@"; do
	zip=carico-$VERSION-$plat.zip
	if cmp -s "dist/$zip" "$other/carico/dist/$zip"; then
		echo "reproducible: $zip identical from $PWD and $other/carico ($(sha256sum <"dist/$zip" | cut -c1-16)…)"
	else
		echo "reproducible: $zip differs between $PWD and $other/carico" >&2
		status=1
	fi
done
exit $status
