#!/usr/bin/env bash
# Builds carico's downloadable zips in dist/, one per platform:
#
#   release/build.sh                  windows-amd64, linux-amd64, and linux-arm64
#                                     when aarch64-linux-gnu-gcc is installed
#   release/build.sh windows-amd64    just those named
#
# Each zip holds the program (and on Windows duckdb.dll beside it), LICENSE
# (EUPL-1.2), the third-party notice, an Italian LEGGIMI.txt and
# SHA256SUMS.txt for its files; dist/SHA256SUMS lists the version's zips. The version
# comes from git (`git describe`), or VERSION=... overrides it.
#
# Needs Go, npm, zip and cross compilers from Debian:
#   apt-get install gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix zip
#   apt-get install gcc-aarch64-linux-gnu g++-aarch64-linux-gnu   # optional
set -euo pipefail
cd "$(dirname "$0")/.."

version=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo sviluppo)}
# Files in the zips carry the commit's date, so that the same commit gives
# the same zip bytes.
epoch=$(git log -1 --format=%ct 2>/dev/null || date +%s)
dll_dir=release/windows/node_modules/@duckdb/node-bindings-win32-x64

platforms=("$@")
if ((${#platforms[@]} == 0)); then
	platforms=(windows-amd64 linux-amd64)
	if command -v aarch64-linux-gnu-gcc >/dev/null && command -v aarch64-linux-gnu-g++ >/dev/null; then
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
	env=(GOOS="$goos" GOARCH="$goarch" CGO_ENABLED=1)
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
		-ldflags "-s -w -X main.version=$version" -o "$stage/$exe" ./cmd/carico
	go run ./release/notice -goos "$goos" -goarch "$goarch" -tags "$tags" -o "$stage/NOTICE.txt"
	sed "s/@VERSIONE@/$version/g" "release/LEGGIMI-$goos.txt" >"$stage/LEGGIMI.txt"
	cp LICENSE "$stage/LICENSE.txt"
	if [[ $goos == windows ]]; then
		# Notepad on older Windows shows LF-only files on one line.
		for f in LEGGIMI.txt LICENSE.txt; do sed -i 's/\r*$/\r/' "$stage/$f"; done
	fi
	(cd "$stage" && find . -type f ! -name SHA256SUMS.txt -printf '%P\n' | LC_ALL=C sort | xargs sha256sum >SHA256SUMS.txt)
	find "$stage" -exec touch -h -d "@$epoch" {} +
	(cd dist && find "$name" | LC_ALL=C sort | zip -q -X -@ "$name.zip")
	rm -rf "$stage"
done
(cd dist && sha256sum carico-"$version"-*.zip >SHA256SUMS)
ls -l dist/carico-"$version"-*.zip >&2
cat dist/SHA256SUMS
