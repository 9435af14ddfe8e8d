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

@test "after all of the above, it stops cleanly" {
	check_stops_cleanly
}
