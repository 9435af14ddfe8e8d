#!/usr/bin/env bash
# dns_query.sh - whole-process time of one DNS question: 108-dns_query
# against dig (`dig +short`), and a C program that does nothing (the
# floor: starting a process), all asking the same local server
# (servers/dns_mock.py), with hyperfine. Two questions: example.test A
# (one datagram each way) and big.example.test A (truncated over UDP, then
# asked again over TCP).
#
#   bench/dns_query.sh              (from the top of the tree)
#   RUNS=500 bench/dns_query.sh
#
# Prints hyperfine's table and each command's mean time as a ratio to
# 108-dns_query's for the same question. Not a test: nothing here passes
# or fails on speed.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-300}
# tmp, cleanup at exit, and start (the mock on CPU 0, its port in $port).
. bench/lib.bash

scripts/install-deps hyperfine
make --no-print-directory -s 108-dns_query
printf 'int main(void) { return 0; }\n' >"$tmp/noop.c"
cc -O2 -o "$tmp/noop" "$tmp/noop.c"

start python3 servers/dns_mock.py

hyperfine --runs "$RUNS" --warmup 20 -N --export-json "$tmp/times.json" \
	-n noop "$tmp/noop" \
	-n "108 A" "./108-dns_query example.test A 127.0.0.1:$port" \
	-n "dig A" "dig +short -p $port @127.0.0.1 example.test A" \
	-n "108 TC+TCP" "./108-dns_query big.example.test A 127.0.0.1:$port" \
	-n "dig TC+TCP" "dig +short -p $port @127.0.0.1 big.example.test A"

python3 - "$tmp/times.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
print("\nmedian time, and mean as a ratio to 108-dns_query's:")
for name, r in results.items():
    base = results["108 TC+TCP" if "TC" in name else "108 A"]
    print("  %-12s %7.2f ms  %5.2fx" % (name, r["median"] * 1000,
                                      r["mean"] / base["mean"]))
PY
