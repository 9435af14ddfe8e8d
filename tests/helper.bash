# helper.bash - loaded by every test file (`load helper`).
#
# Starts and stops the servers a test file talks to, and finds the
# programs under test. The programs come from $BIN_DIR (default: the top of
# the repository), so the same tests can grade another build.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

# Tests in one file share its servers' request logs, so they run one after
# the other; the files themselves still run side by side (bats --jobs).
BATS_NO_PARALLELIZE_WITHIN_FILE=true

ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
BIN_DIR=${BIN_DIR:-$ROOT}
export ROOT BIN_DIR

# Every test has a time limit; valgrind makes programs ~20 times slower.
if [[ -n "${UNDER_VALGRIND:-}" ]]; then
	BATS_TEST_TIMEOUT=${BATS_TEST_TIMEOUT:-180}
	SERVER_WAIT=${SERVER_WAIT:-60}
else
	BATS_TEST_TIMEOUT=${BATS_TEST_TIMEOUT:-30}
	SERVER_WAIT=${SERVER_WAIT:-10}
fi

# A host name that can never resolve, and whose lookup never leaves this
# machine: a label of 64 characters is refused by the resolver itself.
BAD_HOST=$(printf 'a%.0s' {1..64}).invalid

# start_server NAME COMMAND [ARGS...]
# Runs COMMAND in the background and waits until it prints
# "Listening on HOST:PORT". Sets and exports NAME_PORT (NAME in capitals).
# A server started by setup_file is stopped by teardown_file; one started
# by a test (or setup), by teardown, even when the test failed half-way.
# The server and the subshell that waits for it hold none of bats' output
# descriptors (fd 3, stdout, stderr), or bats would wait for them to exit.
start_server() {
	local name=$1 dir=$BATS_FILE_TMPDIR out pid="" port="" waited=0
	shift
	out="$dir/$name.out"
	# A server of the same name still running would be lost track of,
	# and outlive the tests: it is stopped first.
	[[ ! -e "$dir/$name.pid" ]] || stop_server "$name"
	rm -f "$dir/$name.pid" "$dir/$name.status" "$dir/$name.test"
	[[ -z "${BATS_TEST_NUMBER:-}" ]] || : >"$dir/$name.test"
	# Emptied here, not only by the redirection in the background: a
	# server of the same name started before left its "Listening on"
	# line in this file, and its port must not be taken for the new one.
	: >"$out"
	# The subshell waits for the server and records its exit status, so
	# that stop_server can check it from any test of the file.
	(
		set +e # bats runs tests with -e: a non-zero status is data here
		"$@" >"$out" 2>&1 &
		echo "$!" >"$dir/$name.pid"
		wait "$!"
		echo "$?" >"$dir/$name.status"
	) 3>&- >/dev/null 2>&1 &
	while [[ -z "$port" ]]; do
		[[ -n "$pid" ]] || pid=$(cat "$dir/$name.pid" 2>/dev/null) || true
		port=$(sed -n 's/^Listening on .*:\([0-9][0-9]*\)$/\1/p' "$out" 2>/dev/null | head -n 1)
		[[ -n "$port" ]] && break
		if [[ -e "$dir/$name.status" ]] || ((waited >= SERVER_WAIT * 10)); then
			echo "# server $name did not start; its output:" >&2
			sed 's/^/#   /' "$out" >&2
			return 1
		fi
		sleep 0.1
		waited=$((waited + 1))
	done
	until [[ -s "$dir/$name.pid" ]]; do sleep 0.05; done
	export "${name^^}_PORT=$port"
}

# start_mock NAME [MOCK-SERVER-ARGS...]
# Starts servers/mock_server.py on a free port, logging requests to
# $BATS_FILE_TMPDIR/NAME.requests. Exports NAME_PORT and NAME_URL
# (http://127.0.0.1:PORT, or https:// when --tls-cert is given).
start_mock() {
	local name=$1 scheme=http port_var
	shift
	[[ " $* " == *" --tls-cert "* ]] && scheme=https
	start_server "$name" python3 "$ROOT/servers/mock_server.py" --port 0 \
		--log "$BATS_FILE_TMPDIR/$name.requests" "$@" || return 1
	port_var="${name^^}_PORT"
	export "${name^^}_URL=$scheme://127.0.0.1:${!port_var}"
}

# server_output NAME: what server NAME printed so far (stdout and stderr).
server_output() {
	cat "$BATS_FILE_TMPDIR/$1.out"
}

# stop_server NAME [SIGNAL]: send SIGNAL (default TERM) to server NAME,
# wait for it to exit (at most 20 s, then SIGKILL); sets $status to its
# exit status (137 if it had to be killed).
stop_server() {
	local dir=$BATS_FILE_TMPDIR pid i
	pid=$(cat "$dir/$1.pid")
	rm -f "$dir/$1.pid" "$dir/$1.test"
	kill "-${2:-TERM}" "$pid" 2>/dev/null || true
	for i in {1..200}; do
		[[ -e "$dir/$1.status" ]] && break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	for i in {1..20}; do
		[[ -e "$dir/$1.status" ]] && break
		sleep 0.1
	done
	status=$(cat "$dir/$1.status" 2>/dev/null || echo 137)
}

# refusing COMMAND...: run COMMAND, a server that should refuse to start
# (a setting it must not take, a port in use). One that starts instead
# would serve on and hold the test until the grader's time limit: it is
# ended after 10 s (30 under valgrind), with status 124, which no test
# expects.
refusing() {
	local wait=10
	[[ -z "${UNDER_VALGRIND:-}" ]] || wait=30
	timeout -k 1 "$wait" "$@"
}

# hello ARGS...: the hello-protocol test driver (tests/hello.py).
hello() {
	python3 "$ROOT/tests/hello.py" "$@"
}

# stop_servers: stop every server this file started.
stop_servers() {
	local f
	for f in "$BATS_FILE_TMPDIR"/*.pid; do
		[[ -e "$f" ]] && stop_server "$(basename "$f" .pid)"
	done
	return 0
}

# make_certs: throwaway CA and certificates in $CERTS (see make-certs).
make_certs() {
	export CERTS="$BATS_FILE_TMPDIR/certs"
	"$ROOT/tests/make-certs" "$CERTS"
}

# resolved_here PORT COMMAND...: run COMMAND with every name it resolves
# leading to 127.0.0.1:PORT (tests/resolve_here.c, preloaded). A test can
# so watch a program reach its hard-coded default URL on a local mock
# server: nothing leaves the machine.
resolved_here() {
	local port=$1 lib="$BATS_FILE_TMPDIR/resolve_here.so"
	shift
	[[ -e $lib ]] || cc -shared -fPIC -o "$lib" "$ROOT/tests/resolve_here.c" -ldl
	# ASan wants to be the first library loaded; it works as well second.
	RESOLVE_PORT=$port LD_PRELOAD=$lib \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		"$@"
}

# last_request [NAME]: the last request server NAME (default mock)
# received, as it came on the wire.
last_request() {
	python3 "$ROOT/tests/reqlog.py" "$BATS_FILE_TMPDIR/${1:-mock}.requests"
}

# requests [NAME] [--all|--count|--conns|--lines]
requests() {
	python3 "$ROOT/tests/reqlog.py" "$BATS_FILE_TMPDIR/${1:-mock}.requests" \
		"${2:---all}"
}

# recent_requests N [NAME]: the request lines of the last N requests,
# each after the number of the connection it came on.
recent_requests() {
	requests "${2:-mock}" --lines | tail -n "$1"
}

# free_port: a port on 127.0.0.1 where nothing listens (connections to it
# are refused).
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# prog NAME: the path of the program under test.
# bound_address PORT [-t|-u]: the address the socket listening on PORT
# (TCP, or UDP with -u) is bound to: 127.0.0.1, or 0.0.0.0 for every one.
bound_address() {
	ss -Hnl "${2:--t}" "sport = :$1" |
		awk '{ a = $4; sub(/:[0-9]+$/, "", a); print a }' | sort -u
}

prog() {
	echo "$BIN_DIR/$1"
}

# checked CMD...: run CMD, keeping its stdout and stderr byte for byte in
# $BATS_TEST_TMPDIR/stdout and stderr; fail with status 98, saying why,
# when either is not empty and does not end with a newline. bats' run drops
# trailing newlines from $output and $stderr, so without this no assertion
# could see a missing one. Use: run --separate-stderr checked PROGRAM ARGS
checked() {
	local dir=$BATS_TEST_TMPDIR f status=0
	"$@" >"$dir/stdout" 2>"$dir/stderr" || status=$?
	cat "$dir/stdout"
	cat "$dir/stderr" >&2
	for f in stdout stderr; do
		if [[ -s $dir/$f && $(tail -c 1 "$dir/$f" | od -An -tx1) != " 0a" ]]
		then
			echo "(the program's $f does not end with a newline)" >&2
			return 98
		fi
	done
	return "$status"
}

# assert_exact_stdout TEXT: the last checked run printed exactly TEXT
# (write it with $'...\n'), byte for byte.
assert_exact_stdout() {
	assert_equal "$(od -An -c "$BATS_TEST_TMPDIR/stdout")" \
		"$(printf '%s' "$1" | od -An -c)"
}

# assert_stderr TEXT: stderr (from run --separate-stderr) is exactly TEXT.
assert_stderr() {
	assert_equal "$stderr" "$1"
}

# assert_error_line REGEX: stderr is one line, and it matches REGEX. (Not
# named assert_stderr_line: newer bats-assert has one that means "some
# line of stderr is TEXT".)
assert_error_line() {
	if [[ "$stderr" == *$'\n'* || -z "$stderr" ]]; then
		fail "expected one line on stderr, got: '$stderr'"
	fi
	assert_regex "$stderr" "$1"
}

# assert_error REGEX: the program failed the way every client must: exit
# status 1, nothing on stdout, one line on stderr matching REGEX.
assert_error() {
	assert_failure 1
	assert_output ""
	assert_error_line "$1"
}

# assert_usage TEXT: wrong arguments: exit 2, nothing on stdout, and
# exactly TEXT on stderr.
assert_usage() {
	assert_failure 2
	assert_output ""
	assert_stderr "$1"
}

# byte_pattern N: the body of the mock server's /bytes/N.
byte_pattern() {
	python3 -c 'import sys; n = int(sys.argv[1]); sys.stdout.buffer.write((bytes(range(256)) * (n // 256 + 1))[:n])' "$1"
}

# Shown under a failed test: the last command run (the program under test
# as ./NAME), its stderr, the last lines of each server's output and the
# last request it received.
dump_servers() {
	local f command
	if [[ -n "${BATS_RUN_COMMAND:-}" ]]; then
		command=${BATS_RUN_COMMAND#checked }
		echo "# --- the last command run:"
		echo "#   ${command//$BIN_DIR\//./}"
	fi
	if [[ -n "${stderr+set}" ]]; then
		echo "# --- stderr of the last command run:"
		printf '%s\n' "$stderr" | sed 's/^/#   /'
	fi
	for f in "$BATS_FILE_TMPDIR"/*.out; do
		[[ -e "$f" ]] || continue
		echo "# --- last lines of $(basename "$f" .out)'s output:"
		tail -n 20 "$f" | sed 's/^/#   /'
	done
	for f in "$BATS_FILE_TMPDIR"/*.requests; do
		[[ -e "$f" ]] || continue
		echo "# --- last request to $(basename "$f" .requests):"
		python3 "$ROOT/tests/reqlog.py" "$f" 2>&1 | head -n 30 | sed 's/^/#   /'
	done
}

# stop_test_servers: stop the servers the current test started and left
# running (it failed before stopping them).
stop_test_servers() {
	local f
	for f in "$BATS_FILE_TMPDIR"/*.test; do
		[[ -e "$f" ]] || continue
		rm -f "$f"
		[[ -e "${f%.test}.pid" ]] && stop_server "$(basename "$f" .test)"
	done
	return 0
}

# Test files that need no other teardown use these as they are.
teardown() {
	[[ -n "${BATS_TEST_COMPLETED:-}" ]] || dump_servers
	stop_test_servers
}

teardown_file() {
	stop_servers
}
