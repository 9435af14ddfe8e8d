# hello.bash - checks that every "hello" protocol server (11, 13) must
# pass, loaded by their test files after helper.bash.
#
# The test file sets PROG and starts the server under test as "srv" (so
# SRV_PORT is its port) with CLIENT_TIMEOUT=1.

check_announces() {
	run server_output srv
	assert_line --index 0 "Listening on 127.0.0.1:$SRV_PORT"
	# Bound to the loopback only: never reachable from the network.
	assert_equal "$(bound_address "$SRV_PORT")" "127.0.0.1"
}

# check_exchange EXPECTED ARGS...: send with tests/hello.py ARGS, expect
# the reply, and "Received: EXPECTED" printed by the server.
check_exchange() {
	local expected=$1
	shift
	run hello send "$SRV_PORT" "$@"
	assert_output "Hello, client!"
	run server_output srv
	assert_line "Received: $expected"
}

check_first_line_only() {
	check_exchange "first" $'first\nsecond'
	refute_line "Received: second"
}

check_over_long() {
	local long
	long=$(printf 'x%.0s' {1..3000})
	# The server answers once it has 1024 bytes, and reads the rest
	# before closing: the reply arrives whole.
	run hello send "$SRV_PORT" "$long" --no-newline
	assert_output "Hello, client!"
	run server_output srv
	assert_line "Received: ${long:0:1024}"
	run hello send "$SRV_PORT" "next"
	assert_output "Hello, client!"
}

# check_message_limit: a message of exactly 1024 bytes arrives whole, in
# one piece or in pieces of 341 bytes (the third ends at 1023); one of 1025
# bytes is cut to its first 1024.
check_message_limit() {
	local limit
	limit=$(printf 'z%.0s' {1..1024})
	run hello send "$SRV_PORT" "$limit"
	assert_output "Hello, client!"
	run hello send "$SRV_PORT" "$limit" --split 341
	assert_output "Hello, client!"
	run hello send "$SRV_PORT" "${limit}Z"
	assert_output "Hello, client!"
	run server_output srv
	assert_line --index -3 "Received: $limit"
	assert_line --index -2 "Received: $limit"
	assert_line --index -1 "Received: $limit"
}

# check_long_messages: input the server does not read (past 1024 bytes,
# or after the first line) must not cost the client its reply. A server
# that closes with unread input resets the connection, and the client's
# kernel drops the reply; that is a race, so each shape is tried often.
check_long_messages() {
	local long i
	long=$(printf 'y%.0s' {1..1500})
	for i in {1..10}; do
		run hello send "$SRV_PORT" "$long"
		assert_output "Hello, client!"
		run hello send "$SRV_PORT" "$(seq 1 300)"
		assert_output "Hello, client!"
	done
	run server_output srv
	assert_line "Received: 1"
}

# check_flood: a client that never stops sending after its message is
# drained for a bounded time and number of bytes, then closed; the next
# client is served.
check_flood() {
	run hello flood "$SRV_PORT" 15
	assert_output "closed by the server"
	run hello send "$SRV_PORT" "after the flood"
	assert_output "Hello, client!"
}

# check_control_characters: escape sequences, NUL and DEL reach the
# server's terminal as '?'; a tab stays a tab.
check_control_characters() {
	run hello send "$SRV_PORT" 'a\x1b[2Jb\x00c\x07d\x7fe\tf' --escapes
	assert_output "Hello, client!"
	run server_output srv
	assert_line "Received: a?[2Jb?c?d?e	f"
}

check_vanish() {
	hello vanish "$SRV_PORT"
	run hello send "$SRV_PORT" "still there?"
	assert_output "Hello, client!"
}

# check_signal SIGNAL: a fresh server stops on SIGNAL with a last line and
# exit status 0, even with a client connected.
check_signal() {
	start_server sig "$(prog "$PROG")" 0
	exec 5<>"/dev/tcp/127.0.0.1/$SIG_PORT"
	stop_server sig "$1"
	exec 5<&-
	assert_equal "$status" 0
	run server_output sig
	assert_line --index -1 "Server stopped"
}

# check_bad_client_timeout: CLIENT_TIMEOUT must be a number of seconds.
check_bad_client_timeout() {
	local t
	for t in soon 0 -1; do
		CLIENT_TIMEOUT=$t run --separate-stderr refusing "$(prog "$PROG")" 0
		assert_failure 1
		assert_output ""
		assert_stderr "$PROG: CLIENT_TIMEOUT must be a number of seconds"
	done
}

check_port_in_use() {
	run --separate-stderr refusing "$(prog "$PROG")" "$SRV_PORT"
	assert_failure 1
	assert_output ""
	assert_stderr "$PROG: cannot listen on 127.0.0.1:$SRV_PORT: Address already in use"
}

check_bad_ports() {
	local port
	for port in eighty 65536 -1 ""; do
		run --separate-stderr refusing "$(prog "$PROG")" "$port"
		assert_usage "Usage: ./$PROG [PORT]"
	done
	run --separate-stderr refusing "$(prog "$PROG")" 1 2
	assert_usage "Usage: ./$PROG [PORT]"
}

# check_clean_stop: the server that served every test above stops on
# SIGTERM with exit status 0; under the sanitizers or valgrind, a leak or
# memory error in all that serving would make it 99.
check_clean_stop() {
	stop_server srv TERM
	assert_equal "$status" 0
	run server_output srv
	assert_line --index -1 "Server stopped"
}
