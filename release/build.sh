#!/usr/bin/env bash
# Builds carico's downloadable zips in dist/, one per platform:
#
#   release/build.sh                  windows-amd64, linux-amd64 and linux-arm64
#                                     (linux-arm64 skipped with a notice where
#                                     its cross compiler is missing, except
#                                     under CI)
#   release/build.sh windows-amd64    just those named
#
# Each zip holds the program (and on Windows duckdb.dll beside it), LICENSE
# (EUPL-1.2), the third-party notice, an Italian LEGGIMI.txt and
# SHA256SUMS.txt for its files; dist/SHA256SUMS lists the version's zips,
# for the release page. The version comes from the git tag vX.Y.Z
# (release/version.sh); a tagged build checks that publiccode.yml and
# CHANGELOG.md speak of the same version.
#
# The zips are the same bytes whatever the checkout's path: Go's paths are
# trimmed, the build ID is left empty (the absolute -L path of duckdb.dll
# would otherwise reach it) and files carry the commit's date.
#
# Needs Go, npm, zip and cross compilers from Debian:
#   apt-get install gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix zip
#   apt-get install gcc-aarch64-linux-gnu g++-aarch64-linux-gnu
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(release/version.sh)
# Files in the zips carry the commit's date, so that the same commit gives
# the same zip bytes.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

# A release (a tag, no -dev) must be announced where users look for it.
if [[ $version != *-* && $version != *+* ]]; then
	v=${version#v}
	date=$(git log -1 --format=%cs "$version" 2>/dev/null || date -u -d "@$epoch" +%F)
	grep -qx "softwareVersion: \"$v\"" publiccode.yml ||
		{ echo "release: publiccode.yml's softwareVersion is not \"$v\"" >&2; exit 1; }
	grep -qx "releaseDate: \"$date\"" publiccode.yml ||
		{ echo "release: publiccode.yml's releaseDate is not \"$date\", the date of $version" >&2; exit 1; }
	grep -q "^## \[$v\]" CHANGELOG.md ||
		{ echo "release: CHANGELOG.md has no section «## [$v]»" >&2; exit 1; }
fi
dll_dir=release/windows/node_modules/@duckdb/node-bindings-win32-x64

platforms=("$@")
if ((${#platforms[@]} == 0)); then
	platforms=(windows-amd64 linux-amd64)
	if [[ -n ${CI:-} ]] || { command -v aarch64-linux-gnu-gcc >/dev/null && command -v aarch64-linux-gnu-g++ >/dev/null; }; then
		platforms+=(linux-arm64)
	else
		echo "release: linux-arm64 skipped (apt-get install gcc-aarch64-linux-gnu g++-aarch64-linux-gnu)" >&2
	fi
fi

need() {
	command -v "$1" >/dev/null || { echo "release: $1 missing ($2)" >&2; exit 1; }
}
need zip "apt-get install zip"
need npm "apt-get install npm"

# Every npm lockfile is installed: the ECharts (and any other) assets are
# embedded at build time, and the notice reads each package's licence.
# duckdb.dll's package declares os=win32, hence --force for that one.
while IFS= read -r lock; do
	dir=$(dirname "$lock")
	stamp=$dir/node_modules/.package-lock.json
	if [[ ! -e $stamp || $lock -nt $stamp ]]; then
		force=()
		[[ $dir == release/windows ]] && force=(--force)
		npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error "${force[@]}"
	fi
done < <(find . -name node_modules -prune -o -name dist -prune -o -name package-lock.json -print | sed 's|^\./||' | sort)
make --no-print-directory assets

mkdir -p dist
if (($# == 0)); then
	rm -f dist/carico-*.zip dist/SHA256SUMS
fi
for plat in "${platforms[@]}"; do
	goos=${plat%-*}
	goarch=${plat#*-}
	name=carico-$version-$plat
	stage=dist/$name
	rm -rf "$stage" "dist/$name.zip"
	mkdir -p "$stage"
	env=(GOOS="$goos" GOARCH="$goarch" CGO_ENABLED=1 GOFLAGS=)
	# duckdb_arrow: the importer streams rows into DuckDB through Arrow.
	tags=duckdb_arrow
	exe=carico
	case $plat in
	windows-amd64)
		need x86_64-w64-mingw32-gcc-posix "apt-get install gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix"
		# DuckDB's static Windows libraries are built for UCRT and MSVC's C++
		# ABI, which Debian's mingw-w64 cannot link; the DLL links fine.
		env+=(CC=x86_64-w64-mingw32-gcc-posix CXX=x86_64-w64-mingw32-g++-posix CGO_LDFLAGS="-L$PWD/$dll_dir")
		tags=duckdb_arrow,duckdb_use_lib
		exe=carico.exe
		cp "$dll_dir/duckdb.dll" "$stage/"
		need x86_64-w64-mingw32-windres "apt-get install binutils-mingw-w64-x86-64"
		# Icon and version information (Proprietà → Dettagli): a .syso in
		# the main package is linked in by go build, then removed.
		syso=cmd/carico/rsrc_windows_amd64.syso
		trap 'rm -f "$syso"' EXIT
		IFS=. read -r major minor patch <<<"$(sed -E 's/^v//; s/[-+].*//' <<<"$version")"
		sed -e "s/@FILEVERSION@/$major,$minor,$patch,0/" -e "s/@VERSION@/$version/g" release/windows/carico.rc.in |
			(cd release/windows && x86_64-w64-mingw32-windres -c 65001 -J rc -O coff -o "../../$syso")
		;;
	linux-amd64) ;;
	linux-arm64)
		need aarch64-linux-gnu-gcc "apt-get install gcc-aarch64-linux-gnu g++-aarch64-linux-gnu"
		env+=(CC=aarch64-linux-gnu-gcc CXX=aarch64-linux-gnu-g++)
		;;
	*)
		echo "release: unknown platform $plat (windows-amd64, linux-amd64, linux-arm64)" >&2
		exit 2
		;;
	esac
	echo "release: building $name" >&2
	env "${env[@]}" go build -tags "$tags" -trimpath -buildvcs=false \
		-ldflags "-s -w -buildid= -X main.version=$version" -o "$stage/$exe" ./cmd/carico
	rm -f cmd/carico/rsrc_windows_amd64.syso
	go run ./release/notice -bin "$stage/$exe" -o "$stage/NOTICE.txt"
	sed "s/@VERSIONE@/$version/g" "release/LEGGIMI-$goos.txt" >"$stage/LEGGIMI.txt"
	cp LICENSE "$stage/LICENSE.txt"
	if [[ $goos == windows ]]; then
		# Notepad on older Windows shows LF-only files on one line.
		for f in LEGGIMI.txt LICENSE.txt; do sed -i 's/\r*$/\r/' "$stage/$f"; done
	fi
	(cd "$stage" && find . -type f ! -name SHA256SUMS.txt -printf '%P\n' | LC_ALL=C sort | xargs sha256sum >SHA256SUMS.txt)
	chmod 0644 "$stage"/*
	chmod 0755 "$stage/$exe"
	find "$stage" -exec touch -h -d "@$epoch" {} +
	(cd dist && find "$name" | LC_ALL=C sort | zip -q -X -@ "$name.zip")
	rm -rf "$stage"
done
(cd dist && sha256sum carico-"$version"-*.zip >SHA256SUMS)
ls -l dist/carico-"$version"-*.zip >&2
cat dist/SHA256SUMS
