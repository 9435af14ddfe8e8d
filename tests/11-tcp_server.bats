#!/usr/bin/env bats
# 11-tcp_server [PORT]: the hello protocol, one client at a time.

load helper

PROG=11-tcp_server

setup_file() {
	CLIENT_TIMEOUT=1 start_server srv "$(prog $PROG)" 0
}

@test "announces its address once listening" {
	run server_output srv
	assert_line --index 0 "Listening on 127.0.0.1:$SRV_PORT"
}

@test "answers Hello, client! and prints the message" {
	run hello send "$SRV_PORT" "Hello, server!"
	assert_output "Hello, client!"
	run server_output srv
	assert_line "Received: Hello, server!"
}

@test "a message split across many writes" {
	run hello send "$SRV_PORT" "in many small pieces" --split 3
	assert_output "Hello, client!"
	run server_output srv
	assert_line "Received: in many small pieces"
}

@test "a message without newline, ended by shutdown" {
	run hello send "$SRV_PORT" "no newline" --no-newline
	assert_output "Hello, client!"
	run server_output srv
	assert_line "Received: no newline"
}

@test "a line ending in CRLF" {
	run hello send "$SRV_PORT" $'windows\r'
	run server_output srv
	assert_line "Received: windows"
}

@test "only the first line is the message" {
	run hello send "$SRV_PORT" $'first\nsecond'
	run server_output srv
	assert_line "Received: first"
	refute_line "Received: second"
}

@test "an over-long message is cut at 1024 bytes" {
	long=$(printf 'x%.0s' {1..3000})
	# The server answers and closes once it has 1024 bytes; the rest of
	# the message may make the client's side see a reset.
	hello send "$SRV_PORT" "$long" --no-newline
	run server_output srv
	assert_line "Received: ${long:0:1024}"
	run hello send "$SRV_PORT" "next"
	assert_output "Hello, client!"
}

@test "a client that vanishes does not stop the server" {
	hello vanish "$SRV_PORT"
	run hello send "$SRV_PORT" "still there?"
	assert_output "Hello, client!"
}

@test "a silent client holds the next one up until its timeout" {
	run hello silent-first "$SRV_PORT"
	assert_line "reply: Hello, client!"
	assert_line "waited for the silent one"
	run server_output srv
	assert_line "$PROG: client dropped: silent for too long"
}

@test "SIGTERM: a last line, exit 0" {
	start_server term "$(prog $PROG)" 0
	stop_server term TERM
	assert_equal "$status" 0
	run server_output term
	assert_line --index -1 "Server stopped"
}

@test "SIGINT: a last line, exit 0" {
	start_server int "$(prog $PROG)" 0
	stop_server int INT
	assert_equal "$status" 0
	run server_output int
	assert_line --index -1 "Server stopped"
}

@test "a port in use" {
	run --separate-stderr "$(prog $PROG)" "$SRV_PORT"
	assert_failure 1
	assert_output ""
	assert_stderr "$PROG: cannot listen on 127.0.0.1:$SRV_PORT: Address already in use"
}

@test "a port that is not a number" {
	run --separate-stderr "$(prog $PROG)" eighty
	assert_usage "Usage: ./$PROG [PORT]"
}

@test "a port out of range" {
	run --separate-stderr "$(prog $PROG)" 65536
	assert_usage "Usage: ./$PROG [PORT]"
}
