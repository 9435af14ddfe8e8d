#!/usr/bin/env bash
# idle.sh - memory per idle connection of 13-async_server, 14-chat_server,
# 103-http11_server and 104-fast_server: the server's resident memory
# (VmRSS) before and after COUNT connections, divided by COUNT.
#
#   bench/idle.sh                  (from the top of the tree, after make)
#   COUNT=5000 bench/idle.sh
#
# The connections are opened and held by bench/hello_load.c --idle; for
# 14, which announces every join to everyone, they also read (and throw
# away) everything the room sends. Both the kernel's socket buffers and the
# server's own memory count in VmRSS only for the server's user-space part:
# kernel memory is not in it.
set -eu
cd "$(dirname "$0")/.."
COUNT=${COUNT:-10000}
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

rss() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
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

# measure NAME COMMAND...: print NAME, the RSS before and after, per conn.
measure() {
	local name=$1 server holder before after port=
	shift
	"$@" >"$tmp/out" 2>&1 &
	server=$!
	pids+=("$server")
	while [[ -z "$port" ]]; do
		sleep 0.1
		port=$(sed -n 's/^Listening on .*:\([0-9]*\)$/\1/p' "$tmp/out")
	done
	before=$(rss "$server")
	"$tmp/hello_load" --idle "$port" "$COUNT" >"$tmp/holder" &
	holder=$!
	pids+=("$holder")
	until grep -q holding "$tmp/holder"; do sleep 0.1; done
	wait_stable "$server"
	after=$(rss "$server")
	kill "$holder"
	wait "$holder" 2>/dev/null || true
	kill "$server"
	wait "$server" 2>/dev/null || true
	if ! grep -q "still open $COUNT\$" "$tmp/holder"; then
		echo "idle.sh: $name closed connections: $(tail -n 1 "$tmp/holder")" >&2
		exit 1
	fi
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
