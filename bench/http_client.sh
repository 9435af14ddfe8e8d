#!/usr/bin/env bash
# http_client.sh - whole-process time of one HTTP request: 0-hbtn_status
# (libcurl), 4-hbtn_status (by hand), the curl command line, Python's
# urllib, and a C program that does nothing (the floor: starting a
# process), all against the same local server, with hyperfine.
#
#   bench/http_client.sh                (from the top of the tree)
#   RUNS=500 bench/http_client.sh
#
# The server is the suite's mock server (servers/mock_server.py); its own
# time is the same for every client. Prints hyperfine's table and each
# client's mean time as a ratio to 4-hbtn_status. Not a test: nothing here
# passes or fails on speed.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-300}
tmp=$(mktemp -d)
pid=

cleanup() {
	[[ -z "$pid" ]] || kill "$pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

scripts/install-deps hyperfine
make --no-print-directory -s 0-hbtn_status 4-hbtn_status
printf 'int main(void) { return 0; }\n' >"$tmp/noop.c"
cc -O2 -o "$tmp/noop" "$tmp/noop.c"

python3 servers/mock_server.py --port 0 >"$tmp/server.out" 2>&1 &
pid=$!
until grep -q '^Listening' "$tmp/server.out"; do sleep 0.1; done
url="http://127.0.0.1:$(sed -n 's/^Listening on .*:\([0-9]*\)$/\1/p' \
	"$tmp/server.out")/status"

# Python by absolute path: a pyenv or virtualenv shim would add its own
# start-up time.
python=/usr/bin/python3
[[ -x "$python" ]] || python=$(command -v python3)
hyperfine --runs "$RUNS" --warmup 20 -N --export-json "$tmp/times.json" \
	-n noop "$tmp/noop" \
	-n 4-hbtn_status "./4-hbtn_status $url" \
	-n 0-hbtn_status "./0-hbtn_status $url" \
	-n curl "curl -s -o /dev/null $url" \
	-n python-urllib "$python -c 'import urllib.request; urllib.request.urlopen(\"$url\").read()'"

python3 - "$tmp/times.json" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = {r["command"]: r for r in results}["4-hbtn_status"]
print("\nmedian time, and mean as a ratio to 4-hbtn_status:")
for r in results:
    print("  %-14s %7.2f ms  %5.2fx" % (r["command"], r["median"] * 1000,
                                        r["mean"] / base["mean"]))
EOF
