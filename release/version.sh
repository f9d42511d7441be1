#!/usr/bin/env bash
# Prints carico's version for a build, from git:
#
#   at a tag vX.Y.Z               vX.Y.Z
#   N commits after tag vX.Y.Z    vX.Y.(Z+1)-dev.N+g<commit>
#   no tag yet                    v0.0.0-dev.N+g<commit>
#   uncommitted changes           the above with .modificata in the build metadata
#
# The development versions follow Semantic Versioning's order: after the
# last release, before the next. VERSION=... overrides; outside a git
# checkout the version is v0.0.0-dev+sconosciuta, never a made-up one.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -n ${VERSION:-} ]]; then
	echo "$VERSION"
	exit 0
fi
if ! commit=$(git rev-parse --short=12 HEAD 2>/dev/null); then
	echo "v0.0.0-dev+sconosciuta"
	exit 0
fi
dirty=
if [[ -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]]; then
	dirty=.modificata
fi
tagpat='v[0-9]*.[0-9]*.[0-9]*'
if tag=$(git describe --tags --exact-match --match "$tagpat" 2>/dev/null) && [[ -z $dirty ]]; then
	echo "$tag"
	exit 0
fi
if last=$(git describe --tags --abbrev=0 --match "$tagpat" 2>/dev/null); then
	n=$(git rev-list --count "$last..HEAD")
	IFS=. read -r major minor patch <<<"${last#v}"
	echo "v$major.$minor.$((patch + 1))-dev.$n+g$commit$dirty"
else
	n=$(git rev-list --count HEAD)
	echo "v0.0.0-dev.$n+g$commit$dirty"
fi
