#!/usr/bin/env bats
# 12-tcp_client HOST PORT [MESSAGE]: send a message, print the reply.

load helper

PROG=12-tcp_client

setup_file() {
	# A reference hello server in Python: these tests depend on no other
	# exercise (a student's 11 may be broken).
	start_server srv python3 "$ROOT/tests/hello.py" hello-server 0
	start_server silent python3 "$ROOT/tests/hello.py" silent-server 0
	start_server unanswered python3 "$ROOT/tests/hello.py" unanswered-server 0
	start_mock mock
}

setup() {
	export NET_TIMEOUT=10
}

@test "sends Hello, server! and prints the reply" {
	run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 "$SRV_PORT"
	assert_success
	assert_output "Response: Hello, client!"
	assert_exact_stdout $'Response: Hello, client!\n'
	assert_stderr ""
	run server_output srv
	assert_line --index -2 "Received: Hello, server!"
	# Exactly the message and its newline, then the end of its side.
	assert_line --index -1 "Bytes: b'Hello, server!\\n'"
}

@test "sends the message given" {
	run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 "$SRV_PORT" "good morning"
	assert_success
	run server_output srv
	assert_line --index -2 "Received: good morning"
	assert_line --index -1 "Bytes: b'good morning\\n'"
}

@test "a host name" {
	run --separate-stderr checked "$(prog $PROG)" localhost "$SRV_PORT"
	assert_success
	assert_output "Response: Hello, client!"
}

@test "a name whose first address refuses: the next one is tried" {
	local hosts
	# A private hosts file (nss_wrapper): twoaddr.test is ::1, where
	# nobody listens on this port, then 127.0.0.1, where the server is.
	hosts=$(mktemp /tmp/hosts.XXXXXX)
	chmod 644 "$hosts"
	printf '::1 twoaddr.test\n127.0.0.1 twoaddr.test\n' >"$hosts"
	LD_PRELOAD=libnss_wrapper.so NSS_WRAPPER_HOSTS=$hosts \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		run --separate-stderr checked "$(prog $PROG)" twoaddr.test "$SRV_PORT"
	rm -f "$hosts"
	assert_success
	assert_output "Response: Hello, client!"
}

@test "sends the message, a newline, then shuts down its side" {
	run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 "$MOCK_PORT" "GET / HTTP/1.0"
	# The mock server answers an HTTP/1.0 request and closes.
	assert_success
	assert_line --index 0 --regexp "^Response: HTTP/1\.[01] 200 OK"
	run last_request
	assert_line --index 0 "GET / HTTP/1.0"
}

@test "a reply with control characters: each shown as ?, its line breaks kept" {
	start_server ctl python3 "$ROOT/tests/hello.py" reply-server 0 0 --text \
		'Hi\x1b[2J\x07\x00\rthere\ttab\r\nline 2\x7f\x9b\n'
	run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 "$CTL_PORT"
	assert_success
	assert_exact_stdout $'Response: Hi?[2J???there\ttab\r\nline 2?\x9b\n'
	assert_stderr ""
}

@test "a reply of exactly 64 KiB" {
	start_server exact python3 "$ROOT/tests/hello.py" reply-server 0 65536
	"$(prog $PROG)" 127.0.0.1 "$EXACT_PORT" >"$BATS_TEST_TMPDIR/out"
	{ printf 'Response: '; head -c 65535 /dev/zero | tr '\0' x; echo; } \
		>"$BATS_TEST_TMPDIR/expected"
	cmp "$BATS_TEST_TMPDIR/expected" "$BATS_TEST_TMPDIR/out"
}

@test "a reply one byte longer than 64 KiB" {
	start_server over python3 "$ROOT/tests/hello.py" reply-server 0 65537
	run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 "$OVER_PORT"
	assert_error "^$PROG: the reply is longer than 65536 bytes$"
}

@test "connection refused" {
	port=$(free_port)
	run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 "$port"
	assert_error "^$PROG: cannot connect to 127.0.0.1 port $port: Connection refused$"
}

@test "IPv6 refused" {
	port=$(free_port)
	run --separate-stderr checked "$(prog $PROG)" ::1 "$port"
	assert_error "^$PROG: cannot connect to ::1 port $port: (Connection refused|Cannot assign requested address|Network is unreachable|Address family not supported by protocol)$"
}

@test "a host name that does not resolve" {
	run --separate-stderr checked "$(prog $PROG)" "$BAD_HOST" 80
	assert_error "^$PROG: cannot resolve $BAD_HOST: "
}

@test "a server that never answers" {
	NET_TIMEOUT=0.5 run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 "$SILENT_PORT"
	assert_error "^$PROG: timed out waiting for the server$"
}

@test "an address that never answers the connection: connect() itself is bounded" {
	NET_TIMEOUT=0.5 run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 "$UNANSWERED_PORT"
	assert_error "^$PROG: cannot connect to 127.0.0.1 port $UNANSWERED_PORT: timed out$"
}

@test "NET_TIMEOUT that is not a number" {
	NET_TIMEOUT=x run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 "$SRV_PORT"
	assert_error "^$PROG: NET_TIMEOUT must be a number of seconds$"
}

@test "wrong arguments" {
	run --separate-stderr checked "$(prog $PROG)" 127.0.0.1
	assert_usage "Usage: ./$PROG HOST PORT [MESSAGE]"
	run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 port
	assert_usage "Usage: ./$PROG HOST PORT [MESSAGE]"
	run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 0
	assert_usage "Usage: ./$PROG HOST PORT [MESSAGE]"
	run --separate-stderr checked "$(prog $PROG)" a 1 b c
	assert_usage "Usage: ./$PROG HOST PORT [MESSAGE]"
}
