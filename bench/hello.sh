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
# shellcheck source=bench/lib.bash
. bench/lib.bash

make --no-print-directory -s 11-tcp_server 13-async_server
cc -O2 -Wall -Wextra -Werror -pedantic -o "$tmp/hello_load" bench/hello_load.c

declare -A rate
for c in $CONCURRENCY; do
	start ./13-async_server 0
	rate[13,$c]=$(median_rate "$tmp/hello_load" "$c")
	stop
	CLIENT_TIMEOUT=10 start ./11-tcp_server 0
	rate[11,$c]=$(median_rate "$tmp/hello_load" "$c")
	stop
	start python3 bench/asyncio_hello.py 0
	rate[py,$c]=$(median_rate "$tmp/hello_load" "$c")
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
