# lib.bash - what the benchmarks share (sourced by hello.sh, udp_echo.sh
# and dns_query.sh, from the top of the tree): a temporary folder removed at
# exit with the server still running, and a server started on CPU 0.
#
#   start COMMAND...      run a server on CPU 0, its output in $tmp/out;
#                         wait for its "Listening on" line; set pid, port
#   stop                  stop it
#   median_rate LOADER A  run "LOADER $port A $SECONDS_PER_RUN" on CPU 1
#                         RUNS times; print the median of the last word of
#                         its line (a rate). A run that fails stops all.

tmp=$(mktemp -d)
pid=

cleanup() {
	[[ -z "$pid" ]] || kill "$pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

start() {
	taskset -c 0 "$@" >"$tmp/out" 2>&1 &
	pid=$!
	port=
	for _ in $(seq 50); do
		port=$(sed -n 's/^Listening on .*:\([0-9]*\)$/\1/p' "$tmp/out")
		[[ -n "$port" ]] && return
		sleep 0.1
	done
	echo "${0##*/}: $* did not start" >&2
	exit 1
}

stop() {
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
}

median_rate() {
	local i line
	for i in $(seq "$RUNS"); do
		line=$(taskset -c 1 "$1" "$port" "$2" "$SECONDS_PER_RUN") || {
			echo "${0##*/}: a run failed: $line" >&2
			exit 1
		}
		echo "${line##* }"
	done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
