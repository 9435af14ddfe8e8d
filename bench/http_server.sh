#!/usr/bin/env bash
# http_server.sh - requests per second and CPU time per request of
# 104-fast_server (or 103-http11_server, or 15-http_server), against the
# servers people run, all serving the same 4 KiB file on 127.0.0.1:
#
#   h2o          h2o 2.2, one thread, access log off
#   nginx        nginx, one worker, access log off, open_file_cache on (the
#                setting a tuned nginx uses for static files)
#   nginx-plain  the same without open_file_cache (Debian's default)
#   floor        bench/floor.c: one recv() and one send() per request and
#                nothing else, the least any server can do here
#   python       Python's ThreadingHTTPServer
#
#   bench/http_server.sh           (from the top of the tree)
#   RUNS=5 SECONDS_PER_RUN=5 bench/http_server.sh
#   SERVER=103-http11_server bench/http_server.sh
#   PEERS="h2o floor" bench/http_server.sh      (fewer peers)
#
# 15-http_server closes every connection after one answer, so it is
# measured without pipelining (its default LOADS leave that out), and
# wrk's connections reconnect for each request (the others keep theirs
# open: the ratios show what keep-alive is worth).
#
# wrk makes the load: 1, 10 and 100 connections, then 100 connections
# each pipelining 16 requests (bench/pipeline.lua). Each server runs on
# CPU 0 and wrk (one thread) on CPU 1. The rounds are interleaved: each
# round starts every server once and runs every load on it, so that the
# machine's moods fall on all of them alike. nginx runs as one process (no
# master, one worker), sendfile and tcp_nopush on (as in Debian's
# nginx.conf); our servers keep their access log, written to /dev/null.
# CPU time per request is the server's user + system time
# (/proc/PID/stat, every thread) over the requests wrk counted. Each figure
# is the median of RUNS rounds; a run with a socket error or an answer
# other than 2xx is rejected and the script fails. Not a test: nothing
# here passes or fails on speed.
#
# Then two cores (for 104, unless TWO_CORES=no): 104 with WORKERS=2 (a
# process per core on one port), h2o with two threads and nginx with a
# master and two workers (PEERS2), at 100 connections, plain and pipelined
# (LOADS2), with wrk's two threads on the same two CPUs. On a machine of
# two cores the load generator takes its share of them: these rows say how
# each server shares a machine with its clients, not what two free cores
# would give it. The configurations are in bench/peers.bash.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-3}
SERVER=${SERVER:-104-fast_server}
case $SERVER in
104-fast_server | 103-http11_server) LOADS=${LOADS:-1 10 100 100p16} ;;
15-http_server) LOADS=${LOADS:-1 10 100} ;;
*) echo "http_server.sh: SERVER is 104-fast_server, 103-http11_server" \
	"or 15-http_server" >&2
	exit 2 ;;
esac
tmp=$(mktemp -d)
pid=

cleanup() {
	[[ -z "$pid" ]] || kill "$pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

PEERS=${PEERS:-floor h2o nginx nginx-plain python}
# The two-core rounds: 104 only (103 and 15 have no workers).
PEERS2=${PEERS2:-h2o nginx}
LOADS2=${LOADS2:-100 100p16}
if [[ $SERVER == 104-fast_server ]]; then TWO_CORES=${TWO_CORES:-yes}
else TWO_CORES=no; fi
scripts/install-deps wrk nginx-light h2o
make --no-print-directory -s "$SERVER"
cc -O2 -o "$tmp/floor" bench/floor.c
. bench/peers.bash
# nginx's worker may run as another user: everything it reads is public.
chmod 755 "$tmp"
mkdir -p "$tmp/site"
python3 -c 'import sys; sys.stdout.write(("0123456789abcdef" * 4 + "\n")[:64] * 64)' \
	>"$tmp/site/file.html"
CLK_TCK=$(getconf CLK_TCK)

# start NAME: start server NAME, set pid and port. NAME is a server of
# the one-core rounds (on CPU 0), or one of the two-core rounds (NAME:2,
# on both CPUs: 104 with two workers, h2o with two threads, nginx with two
# workers).
start() {
	local cpus=0 n=1
	if [[ $1 == *:2 ]]; then cpus=0,1 n=2; fi
	port=$(free_port)
	case ${1%:2} in
	own) WORKERS=$n taskset -c $cpus "./$SERVER" "$port" "$tmp/site" \
		>/dev/null 2>"$tmp/err" & ;;
	floor) taskset -c 0 "$tmp/floor" "$port" >/dev/null 2>"$tmp/err" & ;;
	h2o | nginx | nginx-plain) start_peer "${1%:2}" "$port" $cpus $n ;;
	python) taskset -c 0 python3 bench/python_http.py "$port" "$tmp/site" \
		>/dev/null 2>"$tmp/err" & ;;
	esac
	pid=$!
	answering "$port" && return
	echo "http_server.sh: $1 did not start: $(cat "$tmp/err")" >&2
	exit 1
}

stop() {
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
}

# cpu_ticks: the server's user + system time so far, in ticks, its
# children's included (h2o serves from a child of the process started,
# nginx and 104 from their workers).
cpu_ticks() {
	local p ticks=0
	for p in "$pid" $(pgrep -P "$pid"); do
		ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$p/stat")))
	done
	echo "$ticks"
}

# one_run LOAD [2]: print "requests/s CPU-µs/request" for one wrk run:
# one thread on CPU 1, or with 2, two threads on both CPUs.
one_run() {
	local conns=${1%p*} args=() before after out requests cpus=1 threads=1
	[[ "$1" == *p* ]] && args=(-s bench/pipeline.lua)
	[[ -z "${2:-}" ]] || cpus=0,1 threads=2
	before=$(cpu_ticks)
	out=$(taskset -c $cpus wrk -t$threads -c"$conns" -d"${SECONDS_PER_RUN}s" --timeout 10s \
		"${args[@]}" "http://127.0.0.1:$port/file.html" ${args:+-- "${1#*p}"})
	after=$(cpu_ticks)
	if grep -Eq 'Socket errors|Non-2xx' <<<"$out"; then
		echo "http_server.sh: run rejected:" >&2
		echo "$out" >&2
		exit 1
	fi
	requests=$(awk '/requests in/ { print $1 }' <<<"$out")
	awk -v r="$requests" -v s="$SECONDS_PER_RUN" -v b="$before" \
		-v a="$after" -v hz="$CLK_TCK" \
		'BEGIN { printf "%.0f %.2f\n", r / s, (a - b) / hz * 1e6 / r }'
}

# median FILE: the median of each of the two columns of FILE.
median() {
	echo "$(sort -n -k1 "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" \
		"$(sort -n -k2 "$1" | awk '{ v[NR] = $2 } END { print v[int((NR + 1) / 2)] }')"
}

servers=(own $PEERS)
servers2=()
[[ $TWO_CORES == no ]] || for server in own $PEERS2; do servers2+=("$server:2"); done
for round in $(seq "$RUNS"); do
	for server in "${servers[@]}" "${servers2[@]}"; do
		[[ ! -t 2 ]] || printf '\r\033[Kround %d of %d: %s' "$round" "$RUNS" \
			"$server" >&2
		start "$server"
		if [[ $server == *:2 ]]; then loads=$LOADS2; else loads=$LOADS; fi
		for load in $loads; do
			one_run "$load" ${server#"${server%:2}"} >>"$tmp/$server.$load"
		done
		stop
	done
done
[[ ! -t 2 ]] || printf '\r\033[K' >&2

declare -A rps cpu
for server in "${servers[@]}" "${servers2[@]}"; do
	if [[ $server == *:2 ]]; then loads=$LOADS2; else loads=$LOADS; fi
	for load in $loads; do
		read -r "rps[$server,$load]" "cpu[$server,$load]" \
			< <(median "$tmp/$server.$load")
	done
done

# table TITLE ARRAY FORMAT WHICH SUFFIX LOADS PEERS: a row per load of
# LOADS, a column for ours and each of PEERS (their names in ARRAY end in
# SUFFIX: ":2" for the two-core rounds), then the ratios of ours to each
# peer: ours/peer for requests per second (WHICH=up: higher is better),
# peer/ours for CPU time (WHICH=down).
table() {
	local -n values=$2
	local load server line x=$5
	echo "$1"
	line=$(printf '%-14s %10s' connections "${SERVER%%-*}")
	for server in $7; do line+=$(printf ' %11s' "$server"); done
	for server in $7; do
		if [[ $4 == up ]]; then
			line+=$(printf ' %12s' "${SERVER%%-*}/$server")
		else
			line+=$(printf ' %12s' "$server/${SERVER%%-*}")
		fi
	done
	echo "$line"
	for load in $6; do
		line=$(printf "%-14s $3" "${load/p/ x}" "${values[own$x,$load]}")
		for server in $7; do
			line+=$(printf " ${3/10/11}" "${values[$server$x,$load]}")
		done
		for server in $7; do
			line+=$(awk -v o="${values[own$x,$load]}" \
				-v p="${values[$server$x,$load]}" -v w="$4" \
				'BEGIN { printf " %11.2fx", w == "up" ? o / p : p / o }')
		done
		echo "$line"
	done
}

echo "Median of $RUNS interleaved rounds of ${SECONDS_PER_RUN} s per load" \
	"($(nproc) CPUs, $(uname -r), nginx $(nginx -v 2>&1 | sed 's|.*/||')," \
	"h2o $(h2o --version | sed -n 's/^h2o version //p'))"
echo
echo "One core: each server on CPU 0, wrk (one thread) on CPU 1"
table "Requests per second" rps "%10.0f" up "" "$LOADS" "$PEERS"
echo
table "Server CPU time per request (µs)" cpu "%10.2f" down "" "$LOADS" "$PEERS"
[[ $TWO_CORES == no ]] && exit 0
echo
echo "Two cores: ${SERVER%%-*} with WORKERS=2, h2o with two threads, nginx" \
	"with two workers; wrk (two threads) on the same two CPUs"
table "Requests per second" rps "%10.0f" up ":2" "$LOADS2" "$PEERS2"
echo
table "Server CPU time per request (µs)" cpu "%10.2f" down ":2" "$LOADS2" \
	"$PEERS2"
