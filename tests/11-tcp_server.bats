#!/usr/bin/env bats
# 11-tcp_server [PORT]: the hello protocol, one client at a time.

load helper
load hello

PROG=11-tcp_server

setup_file() {
	CLIENT_TIMEOUT=1 start_server srv "$(prog $PROG)" 0
}

@test "announces its address once listening" {
	check_announces
}

@test "answers Hello, client! and prints the message" {
	check_exchange "Hello, server!" "Hello, server!"
}

@test "a message split across many writes" {
	check_exchange "in many small pieces" "in many small pieces" --split 3
}

@test "a message without newline, ended by shutdown" {
	check_exchange "no newline" "no newline" --no-newline
}

@test "a line ending in CRLF" {
	check_exchange "windows" $'windows\r'
}

@test "only the first line is the message" {
	check_first_line_only
}

@test "an over-long message is cut at 1024 bytes" {
	check_over_long
}

@test "a message of exactly 1024 bytes arrives whole, 1025 is cut to 1024" {
	check_message_limit
}

@test "a reply is not lost when the client sent more than the server reads" {
	check_long_messages
}

@test "a client that keeps sending after its message is closed in bounded time" {
	check_flood
}

@test "control characters are printed as '?'" {
	check_control_characters
}

@test "a client that vanishes does not stop the server" {
	check_vanish
}

@test "SIGTERM with a client connected: a last line, exit 0" {
	check_signal TERM
}

@test "SIGINT: a last line, exit 0" {
	check_signal INT
}

@test "CLIENT_TIMEOUT that is not a number of seconds" {
	check_bad_client_timeout
}

@test "a port in use" {
	check_port_in_use
}

@test "a port that is not a number from 0 to 65535, or two ports" {
	check_bad_ports
}

@test "a silent client holds the next one up until its timeout" {
	run hello silent-first "$SRV_PORT"
	assert_line "reply: Hello, client!"
	assert_line "waited for the silent one"
	run server_output srv
	assert_line "$PROG: client dropped: silent for too long"
}

@test "after all of the above, it stops cleanly" {
	check_clean_stop
}
