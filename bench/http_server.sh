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
scripts/install-deps wrk nginx-light h2o
make --no-print-directory -s "$SERVER"
cc -O2 -o "$tmp/floor" bench/floor.c
# nginx's worker may run as another user: everything it reads is public.
chmod 755 "$tmp"
mkdir -p "$tmp/site"
python3 -c 'import sys; sys.stdout.write(("0123456789abcdef" * 4 + "\n")[:64] * 64)' \
	>"$tmp/site/file.html"
CLK_TCK=$(getconf CLK_TCK)

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# nginx_conf PORT [CACHED]: nginx's configuration, with open_file_cache
# when CACHED is given.
nginx_conf() {
	cat <<CONF
worker_processes 1;
master_process off;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx.err;
events { worker_connections 4096; }
http {
	include /etc/nginx/mime.types;
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	client_body_temp_path $tmp/body;
	proxy_temp_path $tmp/proxy;
	fastcgi_temp_path $tmp/fastcgi;
	uwsgi_temp_path $tmp/uwsgi;
	scgi_temp_path $tmp/scgi;
	${2:+open_file_cache max=1000 inactive=60s;}
	${2:+open_file_cache_valid 60s;}
	server { listen 127.0.0.1:$1; root $tmp/site; }
}
CONF
}

h2o_conf() {
	cat <<CONF
num-threads: 1
listen:
  host: 127.0.0.1
  port: $1
hosts:
  default:
    paths:
      /:
        file.dir: $tmp/site
CONF
}

# start NAME: start server NAME on CPU 0; set pid and port.
start() {
	local cached
	port=$(free_port)
	case $1 in
	own) taskset -c 0 "./$SERVER" "$port" "$tmp/site" >/dev/null 2>"$tmp/err" & ;;
	floor) taskset -c 0 "$tmp/floor" "$port" >/dev/null 2>"$tmp/err" & ;;
	h2o) h2o_conf "$port" >"$tmp/h2o.conf"
		taskset -c 0 h2o -c "$tmp/h2o.conf" >/dev/null 2>"$tmp/err" & ;;
	nginx | nginx-plain)
		if [[ $1 == nginx ]]; then cached=yes; else cached=; fi
		nginx_conf "$port" "$cached" >"$tmp/nginx.conf"
		taskset -c 0 nginx -c "$tmp/nginx.conf" >/dev/null 2>"$tmp/err" & ;;
	python) taskset -c 0 python3 bench/python_http.py "$port" "$tmp/site" \
		>/dev/null 2>"$tmp/err" & ;;
	esac
	pid=$!
	for _ in $(seq 50); do
		curl -sf -o /dev/null "http://127.0.0.1:$port/file.html" && return
		sleep 0.1
	done
	echo "http_server.sh: $1 did not start: $(cat "$tmp/err")" >&2
	exit 1
}

stop() {
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
}

# cpu_ticks: the server's user + system time so far, in ticks, its
# children's included (h2o serves from a child of the process started).
cpu_ticks() {
	local p ticks=0
	for p in "$pid" $(pgrep -P "$pid"); do
		ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$p/stat")))
	done
	echo "$ticks"
}

# one_run LOAD: print "requests/s CPU-µs/request" for one wrk run.
one_run() {
	local conns=${1%p*} args=() before after out requests
	[[ "$1" == *p* ]] && args=(-s bench/pipeline.lua)
	before=$(cpu_ticks)
	out=$(taskset -c 1 wrk -t1 -c"$conns" -d"${SECONDS_PER_RUN}s" --timeout 10s \
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
for round in $(seq "$RUNS"); do
	for server in "${servers[@]}"; do
		[[ ! -t 2 ]] || printf '\r\033[Kround %d of %d: %s' "$round" "$RUNS" \
			"$server" >&2
		start "$server"
		for load in $LOADS; do
			one_run "$load" >>"$tmp/$server.$load"
		done
		stop
	done
done
[[ ! -t 2 ]] || printf '\r\033[K' >&2

declare -A rps cpu
for server in "${servers[@]}"; do
	for load in $LOADS; do
		read -r "rps[$server,$load]" "cpu[$server,$load]" \
			< <(median "$tmp/$server.$load")
	done
done

# table TITLE ARRAY FORMAT WHICH: a row per load, a column per server, then
# the ratios of ours to each peer: ours/peer for requests per second
# (WHICH=up: higher is better), peer/ours for CPU time (WHICH=down).
table() {
	local -n values=$2
	local load server line
	echo "$1"
	line=$(printf '%-14s %10s' connections "${SERVER%%-*}")
	for server in $PEERS; do line+=$(printf ' %11s' "$server"); done
	for server in $PEERS; do
		if [[ $4 == up ]]; then
			line+=$(printf ' %12s' "${SERVER%%-*}/$server")
		else
			line+=$(printf ' %12s' "$server/${SERVER%%-*}")
		fi
	done
	echo "$line"
	for load in $LOADS; do
		line=$(printf "%-14s $3" "${load/p/ x}" "${values[own,$load]}")
		for server in $PEERS; do
			line+=$(printf " ${3/10/11}" "${values[$server,$load]}")
		done
		for server in $PEERS; do
			line+=$(awk -v o="${values[own,$load]}" \
				-v p="${values[$server,$load]}" -v w="$4" \
				'BEGIN { printf " %11.2fx", w == "up" ? o / p : p / o }')
		done
		echo "$line"
	done
}

echo "Median of $RUNS interleaved rounds of ${SECONDS_PER_RUN} s per load" \
	"($(nproc) CPUs, $(uname -r), nginx $(nginx -v 2>&1 | sed 's|.*/||')," \
	"h2o $(h2o --version | sed -n 's/^h2o version //p'))"
echo
table "Requests per second" rps "%10.0f" up
echo
table "Server CPU time per request (µs)" cpu "%10.2f" down
