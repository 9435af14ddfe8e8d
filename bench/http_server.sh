#!/usr/bin/env bash
# http_server.sh - requests per second and CPU time per request of
# 104-fast_server (or 103-http11_server, or 15-http_server), against
# nginx and Python's
# ThreadingHTTPServer, all serving the same 4 KiB file on 127.0.0.1.
#
#   bench/http_server.sh           (from the top of the tree)
#   RUNS=5 SECONDS_PER_RUN=5 bench/http_server.sh
#   SERVER=103-http11_server bench/http_server.sh
#   SERVER=15-http_server bench/http_server.sh
#
# 15-http_server closes every connection after one answer, so it is
# measured without pipelining (its default LOADS leave that out), and
# wrk's connections reconnect for each request (nginx and Python keep
# theirs open: the ratios show what keep-alive is worth).
#
# wrk makes the load: 1, 10 and 100 connections, then 100 connections
# each pipelining 16 requests (bench/pipeline.lua). Each server runs on
# CPU 0 and wrk (one thread) on CPU 1. nginx runs as one process (no
# master, one worker), access log off, sendfile and tcp_nopush on (as in
# Debian's nginx.conf), its other settings
# (open_file_cache off) its defaults; our servers keep their access log,
# written to /dev/null. CPU time per request is the
# server's user + system time (/proc/PID/stat) over the requests wrk
# counted. Each figure is the median of RUNS runs; a run with a socket
# error or an answer other than 2xx is rejected and the script fails. Not
# a test: nothing here passes or fails on speed.
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

scripts/install-deps wrk nginx-light
make --no-print-directory -s "$SERVER"
# nginx's worker may run as another user: everything it reads is public.
chmod 755 "$tmp"
mkdir -p "$tmp/site"
python3 -c 'import sys; sys.stdout.write(("0123456789abcdef" * 4 + "\n")[:64] * 64)' \
	>"$tmp/site/file.html"
CLK_TCK=$(getconf CLK_TCK)

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

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
	server { listen 127.0.0.1:$1; root $tmp/site; }
}
CONF
}

# start NAME: start server NAME on CPU 0; set pid and port.
start() {
	port=$(free_port)
	case $1 in
	own) taskset -c 0 "./$SERVER" "$port" "$tmp/site" >/dev/null 2>"$tmp/err" & ;;
	nginx) nginx_conf "$port" >"$tmp/nginx.conf"
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

cpu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$pid/stat"
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

# median LOAD: the median of RUNS runs, for both figures.
median() {
	local i
	for i in $(seq "$RUNS"); do one_run "$1"; done >"$tmp/runs"
	echo "$(sort -n -k1 "$tmp/runs" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" \
		"$(sort -n -k2 "$tmp/runs" | awk '{ v[NR] = $2 } END { print v[int((NR + 1) / 2)] }')"
}

declare -A rps cpu
for server in own nginx python; do
	start "$server"
	for load in $LOADS; do
		read -r "rps[$server,$load]" "cpu[$server,$load]" < <(median "$load")
	done
	stop
done

echo "Requests per second, median of $RUNS runs of ${SECONDS_PER_RUN} s" \
	"($(nproc) CPUs, $(uname -r), nginx $(nginx -v 2>&1 | sed 's|.*/||'))"
printf '%-14s %10s %10s %10s %9s %9s\n' connections "${SERVER%%_*}" nginx \
	python "${SERVER%%-*}/nginx" "${SERVER%%-*}/python"
for load in $LOADS; do
	awk -v l="${load/p/ x}" -v a="${rps[own,$load]}" -v n="${rps[nginx,$load]}" \
		-v p="${rps[python,$load]}" 'BEGIN {
		printf "%-14s %10.0f %10.0f %10.0f %8.2fx %8.2fx\n",
			l, a, n, p, a / n, a / p }'
done
echo
echo "Server CPU time per request (µs), same runs"
printf '%-14s %10s %10s %10s %9s %9s\n' connections "${SERVER%%_*}" nginx \
	python "nginx/${SERVER%%-*}" "python/${SERVER%%-*}"
for load in $LOADS; do
	awk -v l="${load/p/ x}" -v a="${cpu[own,$load]}" -v n="${cpu[nginx,$load]}" \
		-v p="${cpu[python,$load]}" 'BEGIN {
		printf "%-14s %10.2f %10.2f %10.2f %8.2fx %8.2fx\n",
			l, a, n, p, n / a, p / a }'
done
