#!/usr/bin/env bash
# idle.sh - memory per idle connection of 13-async_server, 14-chat_server,
# 103-http11_server and 104-fast_server: the server's resident memory
# (VmRSS) before and after COUNT connections, divided by COUNT.
#
#   bench/idle.sh                  (from the top of the tree, after make)
#   COUNT=5000 bench/idle.sh
#   HTTP_COUNTS="1000" bench/idle.sh
#
# The connections are opened and held by bench/hello_load.c --idle; for
# 14, which announces every join to everyone, they also read (and throw
# away) everything the room sends. Both the kernel's socket buffers and the
# server's own memory count in VmRSS only for the server's user-space part:
# kernel memory is not in it.
#
# Then 104-fast_server against h2o (one thread) and nginx (one worker,
# open_file_cache on; both configured as in bench/http_server.sh, from
# bench/peers.bash) with HTTP_COUNTS (default 1,000 and 10,000) idle
# connections open: the memory each costs, and the requests per second
# that wrk (one thread, 100 more connections, CPU 1) gets from the server
# (CPU 0) for a 4 KiB file while they stay open. Median of RUNS runs of
# SECONDS_PER_RUN s. An idle connection here never sent a byte: each
# server is set to keep those 10 minutes.
set -eu
cd "$(dirname "$0")/.."
COUNT=${COUNT:-10000}
HTTP_COUNTS=${HTTP_COUNTS:-1000 10000}
RUNS=${RUNS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-3}
tmp=$(mktemp -d)
pids=()

cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

make --no-print-directory -s 13-async_server 14-chat_server 103-http11_server \
	104-fast_server
cc -O2 -Wall -Wextra -Werror -pedantic -o "$tmp/hello_load" bench/hello_load.c

# rss PID: the resident memory of PID and its children, in KiB (h2o
# serves from a child of the process started).
rss() {
	local p kib=0
	for p in "$1" $(pgrep -P "$1"); do
		kib=$((kib + $(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status")))
	done
	echo "$kib"
}

# wait_stable PID: wait until PID's RSS stops changing for a second.
wait_stable() {
	local before after
	after=$(rss "$1")
	while :; do
		before=$after
		sleep 1
		after=$(rss "$1")
		[[ "$after" == "$before" ]] && break
	done
}

# hold NAME PID PORT COUNT [COMMAND...]: hold COUNT idle connections to
# server PID on PORT; set before and after to its RSS without them and
# with them (once steady); run COMMAND while they are held, its output in
# $tmp/while; then stop the server, and fail if it closed any.
hold() {
	local name=$1 server=$2 port=$3 count=$4 holder
	shift 4
	before=$(rss "$server")
	"$tmp/hello_load" --idle "$port" "$count" >"$tmp/holder" &
	holder=$!
	pids+=("$holder")
	until grep -q holding "$tmp/holder"; do sleep 0.1; done
	wait_stable "$server"
	after=$(rss "$server")
	[[ $# -eq 0 ]] || "$@" >"$tmp/while"
	kill "$holder"
	wait "$holder" 2>/dev/null || true
	kill "$server"
	wait "$server" 2>/dev/null || true
	if ! grep -q "still open $count\$" "$tmp/holder"; then
		echo "idle.sh: $name closed connections: $(tail -n 1 "$tmp/holder")" >&2
		exit 1
	fi
}

# measure NAME COMMAND...: print NAME, the RSS before and after, per conn.
measure() {
	local name=$1 server before after port=
	shift
	"$@" >"$tmp/out" 2>&1 &
	server=$!
	pids+=("$server")
	while [[ -z "$port" ]]; do
		sleep 0.1
		port=$(sed -n 's/^Listening on .*:\([0-9]*\)$/\1/p' "$tmp/out")
	done
	hold "$name" "$server" "$port" "$COUNT"
	awk -v n="$name" -v b="$before" -v a="$after" -v c="$COUNT" 'BEGIN {
		printf "%-18s %10d %10d %12d %10.0f\n",
			n, b, a, c, (a - b) * 1024 / c }'
}

echo "Memory per idle connection ($(nproc) CPUs, $(uname -r))"
printf '%-18s %10s %10s %12s %10s\n' server "RSS KiB" "with conns" \
	connections "bytes/conn"
CLIENT_TIMEOUT=600 measure 13-async_server ./13-async_server 0
measure 14-chat_server ./14-chat_server 0
CLIENT_TIMEOUT=600 measure 103-http11_server ./103-http11_server 0 bench
CLIENT_TIMEOUT=600 measure 104-fast_server ./104-fast_server 0 bench

scripts/install-deps wrk nginx-light h2o
. bench/peers.bash
chmod 755 "$tmp" # nginx's worker may run as another user
mkdir -p "$tmp/site"
python3 -c 'import sys; sys.stdout.write(("0123456789abcdef" * 4 + "\n")[:64] * 64)' \
	>"$tmp/site/file.html"

# start_http NAME PORT: start 104, h2o or nginx on CPU 0, set server to
# its pid, and wait until it answers.
start_http() {
	case $1 in
	104) CLIENT_TIMEOUT=600 taskset -c 0 ./104-fast_server "$2" "$tmp/site" \
		>/dev/null 2>"$tmp/err" & ;;
	*) start_peer "$1" "$2" 0 ;;
	esac
	server=$!
	pids+=("$server")
	answering "$2" && return
	echo "idle.sh: $1 did not start: $(cat "$tmp/err")" >&2
	exit 1
}

# rate PORT: requests per second from wrk, the median of RUNS runs.
rate() {
	local i out
	for i in $(seq "$RUNS"); do
		out=$(taskset -c 1 wrk -t1 -c100 -d"${SECONDS_PER_RUN}s" \
			"http://127.0.0.1:$1/file.html")
		if grep -Eq 'Socket errors|Non-2xx' <<<"$out"; then
			echo "idle.sh: run rejected: $out" >&2
			exit 1
		fi
		awk -v s="$SECONDS_PER_RUN" '/requests in/ { print $1 / s }' <<<"$out"
	done | sort -n | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }'
}

# measure_http NAME COUNT: print NAME's memory per idle connection, and
# its rate with COUNT of them open.
measure_http() {
	local server before after port
	port=$(free_port)
	start_http "$1" "$port"
	hold "$1" "$server" "$port" "$2" rate "$port"
	printf '%-8s %-8s %12d %12d\n' "$2" "$1" \
		$(((after - before) * 1024 / $2)) "$(cat "$tmp/while")"
}

echo
echo "HTTP servers with idle connections open (one core each; wrk: 100" \
	"connections, one thread, median of $RUNS runs of ${SECONDS_PER_RUN} s)"
printf '%-8s %-8s %12s %12s\n' idle server bytes/conn requests/s
for count in $HTTP_COUNTS; do
	for name in 104 h2o nginx; do
		measure_http "$name" "$count"
	done
done
