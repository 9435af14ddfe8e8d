#!/usr/bin/env bash
# udp_echo.sh - datagrams per second through 105-udp_echo_server, against
# an asyncio echo server (bench/asyncio_udp_echo.py), on 127.0.0.1.
#
#   bench/udp_echo.sh              (from the top of the tree)
#   RUNS=7 SECONDS_PER_RUN=3 WINDOWS="1 16" bench/udp_echo.sh
#
# The servers run on CPU 0 and the load generator (bench/udp_load.c) on
# CPU 1. It keeps WINDOW datagrams of 32 bytes in flight from one socket
# (1: one at a time, as a pinger; 16: as many clients at once). Both
# servers log one line per datagram, as 105 does, to a file. Each
# figure is the median of RUNS runs; a run that loses more than 1 % of its
# datagrams is rejected. Not a test: nothing here passes or fails on speed.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-2}
WINDOWS=${WINDOWS:-1 16}
# shellcheck source=bench/lib.bash
. bench/lib.bash

make --no-print-directory -s 105-udp_echo_server
cc -O2 -Wall -Wextra -Werror -pedantic -o "$tmp/udp_load" bench/udp_load.c

declare -A rate
for w in $WINDOWS; do
	start ./105-udp_echo_server 0
	rate[105,$w]=$(median_rate "$tmp/udp_load" "$w")
	stop
	start python3 bench/asyncio_udp_echo.py 0
	rate[py,$w]=$(median_rate "$tmp/udp_load" "$w")
	stop
done

echo "Datagrams echoed per second, median of $RUNS runs of" \
	"${SECONDS_PER_RUN} s ($(nproc) CPUs, $(uname -r))"
printf '%-8s %14s %14s %12s\n' window 105-udp-echo asyncio 105/asyncio
for w in $WINDOWS; do
	awk -v w="$w" -v a="${rate[105,$w]}" -v p="${rate[py,$w]}" 'BEGIN {
		printf "%-8s %14.0f %14.0f %11.2fx\n", w, a, p, a / p }'
done
