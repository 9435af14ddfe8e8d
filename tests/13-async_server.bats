#!/usr/bin/env bats
# 13-async_server [PORT]: the hello protocol, every client at once.

load helper
load hello

PROG=13-async_server

setup_file() {
	CLIENT_TIMEOUT=1 start_server srv "$(prog $PROG)" 0
}

# bats test_tags=step:echo
@test "announces its address once listening" {
	check_announces
}

# bats test_tags=step:echo
@test "answers Hello, client! and prints the message" {
	check_exchange "Hello, server!" "Hello, server!"
}

# bats test_tags=step:echo
@test "a message split across many writes" {
	check_exchange "in many small pieces" "in many small pieces" --split 3
}

# bats test_tags=step:echo
@test "a message without newline, ended by shutdown" {
	check_exchange "no newline" "no newline" --no-newline
}

# bats test_tags=step:echo
@test "a line ending in CRLF" {
	check_exchange "windows" $'windows\r'
}

# bats test_tags=step:echo
@test "only the first line is the message" {
	check_first_line_only
}

# bats test_tags=step:drain
@test "an over-long message is cut at 1024 bytes" {
	check_over_long
}

# bats test_tags=step:drain
@test "a message of exactly 1024 bytes arrives whole, 1025 is cut to 1024" {
	check_message_limit
}

# bats test_tags=step:drain
@test "a reply is not lost when the client sent more than the server reads" {
	check_long_messages
}

# bats test_tags=step:drain
@test "a client that keeps sending after its message is closed in bounded time" {
	check_flood
}

# bats test_tags=step:echo
@test "control characters are printed as '?'" {
	check_control_characters
}

# bats test_tags=step:echo
@test "a client that vanishes does not stop the server" {
	check_vanish
}

# bats test_tags=step:echo
@test "SIGTERM with a client connected: a last line, exit 0" {
	check_signal TERM
}

# bats test_tags=step:echo
@test "SIGINT: a last line, exit 0" {
	check_signal INT
}

# bats test_tags=step:echo
@test "CLIENT_TIMEOUT that is not a number of seconds" {
	check_bad_client_timeout
}

# bats test_tags=step:echo
@test "a port in use" {
	check_port_in_use
}

# bats test_tags=step:echo
@test "a port that is not a number from 0 to 65535, or two ports" {
	check_bad_ports
}

# bats test_tags=step:echo
@test "a silent client delays nobody" {
	run hello silent-first "$SRV_PORT"
	assert_line "reply: Hello, client!"
	assert_line "served at once"
}

# bats test_tags=step:timeouts
@test "a silent client is dropped after CLIENT_TIMEOUT" {
	run hello hold "$SRV_PORT" 10
	assert_output "closed by the server"
	run server_output srv
	assert_line "$PROG: client dropped: silent for too long"
}

# bats test_tags=step:timeouts
@test "a slow client that keeps sending is not silent: never dropped" {
	# Four pieces 0.5 s apart: 2 s in all, twice CLIENT_TIMEOUT (1 s),
	# but never 1 s without a byte.
	check_exchange "slow but steady" "slow but steady" --split 4 --pause 0.5
}

# bats test_tags=step:echo
@test "1,000 clients at once, all answered" {
	run hello many "$SRV_PORT" 1000
	assert_output "1000 of 1000 answered"
}

# bats test_tags=step:descriptors
@test "out of file descriptors: it pauses, then serves everyone" {
	start_server few bash -c 'ulimit -n 64 && exec "$@"' _ "$(prog $PROG)" 0
	run hello many "$FEW_PORT" 300
	if [[ -z "${UNDER_VALGRIND:-}" ]]; then
		assert_output "300 of 300 answered"
	else
		# Under valgrind some of the 300 are lost whatever the server
		# does: when accept() returns a descriptor above valgrind's own
		# limit for the program, valgrind closes it and reports EMFILE
		# (generic_POST_sys_accept), so that client is reset. What must
		# still hold: it pauses, survives, and serves the next clients.
		assert_line --regexp '^[0-9]+ of 300 answered$'
		run hello many "$FEW_PORT" 20
		assert_output "20 of 20 answered"
	fi
	run server_output few
	assert_line "$PROG: out of file descriptors, pausing"
	stop_server few TERM
	assert_equal "$status" 0
}

# bats test_tags=step:descriptors
@test "MAX_CLIENTS=3: a third client is served at once, a fourth once one leaves" {
	MAX_CLIENTS=3 CLIENT_TIMEOUT=5 start_server lim "$(prog $PROG)" 0
	run hello limit "$LIM_PORT" 3
	assert_output "at the limit: answered
past the limit: answered once one left"
	run server_output lim
	assert_line "$PROG: 3 clients, as MAX_CLIENTS allows: pausing"
	assert_line "Received: past the limit"
	stop_server lim TERM
	assert_equal "$status" 0
}

# bats test_tags=step:descriptors
@test "MAX_CLIENTS must be a whole number of clients" {
	local t
	for t in many -1 2x " 3" 99999999999; do
		MAX_CLIENTS=$t run --separate-stderr refusing "$(prog $PROG)" 0
		assert_failure 1
		assert_output ""
		assert_stderr "$PROG: MAX_CLIENTS must be a number of clients"
	done
}

# bats test_tags=step:echo,step:timeouts,step:drain,step:descriptors
@test "after all of the above, it stops cleanly" {
	check_clean_stop
}
