#!/usr/bin/env bash
# hello.sh - connections per second for the hello protocol: 13-async_server
# against 11-tcp_server and an asyncio server (bench/asyncio_hello.py).
#
#   bench/hello.sh                 (from the top of the tree, after make)
#   RUNS=7 SECONDS_PER_RUN=3 CONCURRENCY="1 10 100" bench/hello.sh
#
# The servers run on CPU 0 and the load generator (bench/hello_load.c) on
# CPU 1, all on 127.0.0.1. Each figure is the median of RUNS runs; a run
# with any failed exchange is rejected. Servers print "Received: ..." to
# /dev/null. Not a test: nothing here passes or fails on speed.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-2}
CONCURRENCY=${CONCURRENCY:-1 10 100}
tmp=$(mktemp -d)
pid=

cleanup() {
	[[ -z "$pid" ]] || kill "$pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

make --no-print-directory -s 11-tcp_server 13-async_server
cc -O2 -Wall -Wextra -Werror -pedantic -o "$tmp/hello_load" bench/hello_load.c

# start COMMAND...: run a server on CPU 0; set pid and port.
start() {
	taskset -c 0 "$@" >"$tmp/out" 2>&1 &
	pid=$!
	port=
	for _ in $(seq 50); do
		port=$(sed -n 's/^Listening on .*:\([0-9]*\)$/\1/p' "$tmp/out")
		[[ -n "$port" ]] && return
		sleep 0.1
	done
	echo "hello.sh: $* did not start" >&2
	exit 1
}

stop() {
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
}

# median_rate CONCURRENCY: the median connections per second of RUNS runs.
median_rate() {
	local i line
	for i in $(seq "$RUNS"); do
		line=$(taskset -c 1 "$tmp/hello_load" "$port" "$1" \
			"$SECONDS_PER_RUN") || {
			echo "hello.sh: a run had errors: $line" >&2
			exit 1
		}
		echo "${line##* }"
	done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

declare -A rate
for c in $CONCURRENCY; do
	start ./13-async_server 0
	rate[13,$c]=$(median_rate "$c")
	stop
	CLIENT_TIMEOUT=10 start ./11-tcp_server 0
	rate[11,$c]=$(median_rate "$c")
	stop
	start python3 bench/asyncio_hello.py 0
	rate[py,$c]=$(median_rate "$c")
	stop
done

echo "Connections per second, median of $RUNS runs of ${SECONDS_PER_RUN} s" \
	"($(nproc) CPUs, $(uname -r))"
printf '%-12s %12s %12s %12s %10s %10s\n' concurrency 13-async 11-tcp \
	asyncio 13/11 13/asyncio
for c in $CONCURRENCY; do
	awk -v c="$c" -v a="${rate[13,$c]}" -v b="${rate[11,$c]}" \
		-v p="${rate[py,$c]}" 'BEGIN {
		printf "%-12s %12.0f %12.0f %12.0f %9.2fx %9.2fx\n",
			c, a, b, p, a / b, a / p }'
done
