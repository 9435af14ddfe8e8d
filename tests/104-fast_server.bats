#!/usr/bin/env bats
# 104-fast_server [PORT [DIR]]: the server of 103, made fast. It is graded
# on tests/103-http11_server.bats too (every behaviour of 103, run with
# EXERCISE=104-fast_server); these are the tests of what it adds: the
# cache, and the descriptor budget.

load helper
load http_site

PROG=104-fast_server

setup_file() {
	WWW="$BATS_FILE_TMPDIR/www"
	export WWW
	make_site "$WWW"
	# Every use of a kept file checks it on disk (a window of 1 ms): the
	# cache's tests see each change at once.
	CACHE_VALID=0.001 CLIENT_TIMEOUT=2 start_server srv "$(prog $PROG)" 0 "$WWW"
	URL="http://127.0.0.1:$SRV_PORT"
	export URL
}

@test "announces its address once listening" {
	run server_output srv
	assert_line --index 0 "Listening on 127.0.0.1:$SRV_PORT"
}

# body PATH: the body of GET PATH, or the status line if it is not 200.
body() {
	curl -sS -w '%{http_code}' -o "$BATS_TEST_TMPDIR/body" "$URL$1" |
		grep -q '^200$' && cat "$BATS_TEST_TMPDIR/body" ||
		curl -sS -o /dev/null -w 'status %{http_code}\n' "$URL$1"
}

@test "CACHE_VALID=0.001: a small file kept in memory is served new once it changes on disk" {
	printf 'version 1\n' >"$WWW/kept.txt"
	ln -s kept.txt "$WWW/kept-link"
	sleep 2.5 # kept only once settled (lib/server/cache.c)
	assert_equal "$(body /kept.txt)" "version 1"
	assert_equal "$(body /kept-link)" "version 1"
	assert_equal "$(body /kept.txt)" "version 1"
	# Same size, and the old modification time put back: only the change
	# time tells.
	touch -r "$WWW/kept.txt" "$BATS_TEST_TMPDIR/when"
	printf 'version 2\n' >"$WWW/kept.txt"
	touch -r "$BATS_TEST_TMPDIR/when" "$WWW/kept.txt"
	assert_equal "$(body /kept.txt)" "version 2"
	sleep 2.5
	assert_equal "$(body /kept.txt)" "version 2"
	printf 'version 3\n' >"$BATS_TEST_TMPDIR/new"
	mv "$BATS_TEST_TMPDIR/new" "$WWW/kept.txt"
	assert_equal "$(body /kept.txt)" "version 3"
	ln -sfn ../secret.txt "$WWW/kept-link"
	assert_equal "$(body /kept-link)" "status 403"
	rm "$WWW/kept.txt"
	assert_equal "$(body /kept.txt)" "status 404"
}

@test "CACHE_VALID=3: within the window a change goes unseen, past it it is seen" {
	local i got=""
	CACHE_VALID=3 start_server window "$(prog $PROG)" 0 "$WWW"
	printf 'version 1\n' >"$WWW/window.txt"
	sleep 2.5 # kept only once settled
	URL="http://127.0.0.1:$WINDOW_PORT"
	assert_equal "$(body /window.txt)" "version 1" # kept, and checked
	printf 'version 2\n' >"$WWW/window.txt"
	# Within the window: not asked again, the kept copy is served.
	assert_equal "$(body /window.txt)" "version 1"
	# Past it: the change is seen.
	for i in $(seq 100); do
		got=$(body /window.txt)
		[[ $got == "version 1" ]] || break
		sleep 0.1
	done
	assert_equal "$got" "version 2"
	stop_server window
}

@test "CACHE_VALID that is not a number of seconds" {
	check_bad_seconds CACHE_VALID
}

@test "at the descriptor limit: it pauses accepting, and recovers" {
	start_server few bash -c 'ulimit -n 32 && exec "$@"' _ "$(prog $PROG)" 0 "$WWW"
	run python3 "$ROOT/tests/http.py" many "$FEW_PORT" 300 /hello.txt
	assert_output "300 of 300 answered"
	run server_output few
	# 32 less 16 spare, or fewer under valgrind, which keeps some.
	assert_line --regexp "^$PROG: [0-9]+ connections, the most it can serve; pausing\$"
	stop_server few TERM
	assert_equal "$status" 0
}

# workers_of NAME: the process ids of server NAME's workers, one a line:
# the processes under it whose parent runs the same program (the server
# may run under a wrapper: timeout, valgrind, the grader's).
workers_of() {
	ps -e -o pid=,ppid=,comm= |
		awk -v root="$(cat "$BATS_FILE_TMPDIR/$1.pid")" '
		{ parent[$1] = $2; comm[$1] = $3 }
		END {
			for (p in parent) {
				q = parent[p]
				while (q != root && q in parent)
					q = parent[q]
				if (q == root && comm[parent[p]] == comm[p])
					print p
			}
		}' | sort -n
}

# master_of NAME: the process id of server NAME's master (the workers'
# parent).
master_of() {
	ps -o ppid= -p "$(workers_of "$1" | head -n 1)" | tr -d ' '
}

# answered PORT COUNT: COUNT requests at once, each on its own connection
# (so the kernel spreads them across the workers); prints how many were
# answered within WAIT seconds.
answered() {
	local i wait=${UNDER_VALGRIND:+10}
	for i in $(seq "$2"); do
		curl -s -o /dev/null -m "${wait:-2}" -w '%{http_code}\n' \
			"http://127.0.0.1:$1/hello.txt" &
	done | grep -c '^200$' || true
}

# check_gone PID...: each PID exits within 10 s.
check_gone() {
	local pid i
	for pid in "$@"; do
		for i in {1..100}; do
			kill -0 "$pid" 2>/dev/null || continue 2
			sleep 0.1
		done
		fail "process $pid is still running"
	done
}

@test "WORKERS=2: two workers share the port, each answers its share, it says where once" {
	local w ok pids
	WORKERS=2 start_server two "$(prog $PROG)" 0 "$WWW"
	run server_output two
	assert_output "Listening on 127.0.0.1:$TWO_PORT"
	pids=$(workers_of two)
	assert_equal "$(wc -w <<<"$pids")" 2
	for w in $pids; do
		# One worker paused: the other answers the connections the kernel
		# gives it; those given to the paused one wait.
		kill -STOP "$w"
		ok=$(answered "$TWO_PORT" 24)
		kill -CONT "$w"
		((ok > 0 && ok < 24)) || fail "worker $w paused: $ok of 24 answered"
	done
	assert_equal "$(answered "$TWO_PORT" 24)" 24
	stop_server two TERM
	assert_equal "$status" 0
	run server_output two
	assert_line --index -1 "Server stopped"
	assert_equal "$(grep -c '^Server stopped$' <<<"$output")" 1
	check_gone $pids
}

@test "WORKERS=3: a worker that dies stops the server: one line, exit 1" {
	local pids victim
	WORKERS=3 start_server three "$(prog $PROG)" 0 "$WWW"
	pids=$(workers_of three)
	assert_equal "$(wc -w <<<"$pids")" 3
	victim=${pids%%$'\n'*}
	kill -KILL "$victim"
	for _ in {1..100}; do
		[[ -e "$BATS_FILE_TMPDIR/three.status" ]] && break
		sleep 0.1
	done
	stop_server three
	assert_equal "$status" 1
	run server_output three
	assert_line --index -1 "$PROG: worker $victim stopped (signal 9); stopping"
	check_gone $pids
}

@test "WORKERS=3: when the master is killed, its workers stop too" {
	local pids
	WORKERS=3 start_server orphans "$(prog $PROG)" 0 "$WWW"
	pids=$(workers_of orphans)
	assert_equal "$(wc -w <<<"$pids")" 3
	kill -KILL "$(master_of orphans)"
	check_gone $pids
	stop_server orphans
	assert_equal "$status" 137
}

@test "WORKERS=16, the most: 16 workers; 0, 17 and what is not a whole number are refused" {
	local n
	WORKERS=16 start_server many "$(prog $PROG)" 0 "$WWW"
	assert_equal "$(workers_of many | wc -l)" 16
	assert_equal "$(answered "$MANY_PORT" 8)" 8
	stop_server many
	assert_equal "$status" 0
	for n in 0 17 -2 1.5 two ""; do
		run --separate-stderr refusing env WORKERS="$n" "$(prog $PROG)" 0 \
			"$WWW"
		assert_failure 1
		assert_output ""
		assert_stderr "$PROG: WORKERS must be a whole number from 1 to 16"
	done
}

@test "WORKERS=2 and a port in use, or a setting that is wrong: one line, exit 1" {
	WORKERS=2 check_port_in_use
	run --separate-stderr refusing env WORKERS=2 CLIENT_TIMEOUT=soon \
		"$(prog $PROG)" 0 "$WWW"
	assert_failure 1
	assert_output ""
	assert_stderr "$PROG: CLIENT_TIMEOUT must be a number of seconds"
}

@test "after all of the above, it stops cleanly" {
	check_stops_cleanly
}
