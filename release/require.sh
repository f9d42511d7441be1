# Sourced by make test's release steps: require NAME COMMAND PACKAGE...
# collects what is missing; require_done then skips the step with the
# apt-get line to run, or, under CI (CI set, as .ci/run does), fails.
missing=()
require() {
	local cmd=$1
	shift
	command -v "$cmd" >/dev/null || [[ -x $cmd ]] || missing+=("$@")
}
require_done() {
	((${#missing[@]})) || return 0
	if [[ -n ${CI:-} ]]; then
		echo "$1: missing ${missing[*]}" >&2
		exit 1
	fi
	echo "$1: skipped, to run it: apt-get install ${missing[*]}" >&2
	exit 0
}
