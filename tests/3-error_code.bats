#!/usr/bin/env bats
# 3-error_code URL: print the body, or "Error code: <status>" from 400 on.

load helper
load client

setup_file() {
	start_client_servers
}

setup() {
	# This file also tests 7-error_code (a link to it): same contract.
	PROG=$(basename "$BATS_TEST_FILENAME" .bats)
	# 4-7 speak HTTP by hand; 0-3 through libcurl.
	case $PROG in [4-7]-*) BY_HAND=yes ;; *) BY_HAND= ;; esac
	export NET_TIMEOUT=10
}

run_prog() {
	run --separate-stderr checked "$(prog $PROG)" "$@"
}

@test "below 400: prints the body and a newline" {
	run_prog "$MOCK_URL/status"
	assert_success
	assert_output "OK"
	assert_exact_stdout $'OK\n'
	assert_stderr ""
}

@test "sends exactly this request (headers in any order)" {
	run_prog "$MOCK_URL/status"
	assert_success
	run requests mock --sorted
	assert_output "GET /status HTTP/1.1
Accept: */*${BY_HAND:+
Connection: close}
Host: 127.0.0.1:$MOCK_PORT
User-Agent: $PROG/1.0"
}

@test "sends a GET with Host and a User-Agent naming the program" {
	run_prog "$MOCK_URL/status"
	run last_request
	assert_line --index 0 "GET /status HTTP/1.1"
	assert_line "Host: 127.0.0.1:$MOCK_PORT"
	assert_line --regexp "^User-Agent: .*$PROG"
}

@test "401: prints the error code on stdout and exits 1" {
	run_prog "$MOCK_URL/status_401"
	assert_failure 1
	assert_output "Error code: 401"
	assert_stderr ""
}

@test "404" {
	run_prog "$MOCK_URL/nowhere"
	assert_failure 1
	assert_output "Error code: 404"
}

@test "500" {
	run_prog "$MOCK_URL/status_500"
	assert_failure 1
	assert_output "Error code: 500"
}

@test "400 is the first error, 399 is not" {
	run_prog "$MOCK_URL/status/400"
	assert_failure 1
	assert_output "Error code: 400"
	run_prog "$MOCK_URL/status/399"
	assert_success
	assert_output ""
}

@test "an error reached through a redirect" {
	run_prog "$MOCK_URL/redirect-to?url=%2Fstatus%2F418"
	assert_failure 1
	assert_output "Error code: 418"
}

@test "a body with NUL bytes is printed byte for byte" {
	"$(prog $PROG)" "$MOCK_URL/bytes/1048577" >"$BATS_TEST_TMPDIR/out"
	{ byte_pattern 1048577; printf '\n'; } >"$BATS_TEST_TMPDIR/expected"
	cmp "$BATS_TEST_TMPDIR/expected" "$BATS_TEST_TMPDIR/out"
}

@test "redirects are followed" {
	run_prog "$MOCK_URL/redirect/3"
	assert_success
	assert_line '  "method": "GET",'
	run last_request
	assert_line --index 0 "GET /get HTTP/1.1"
}

@test "HTTPS with a certificate from a trusted CA" {
	SSL_CERT_FILE="$CERTS/ca.pem" run_prog "$TLS_URL/status_401"
	assert_failure 1
	assert_output "Error code: 401"
}

@test "no argument is a usage error" {
	run_prog
	assert_usage "Usage: ./$PROG URL"
}

@test "two arguments are a usage error" {
	run_prog "$MOCK_URL/" extra
	assert_usage "Usage: ./$PROG URL"
}

@test "an unwritable stdout" {
	check_unwritable_stdout "$MOCK_URL/"
}

@test "connection refused" {
	check_refused
}

@test "a host name that does not resolve" {
	check_unresolvable
}

@test "a server too slow for NET_TIMEOUT" {
	check_timeout
}

@test "NET_TIMEOUT that is not a number" {
	check_bad_timeout
}

@test "HTTPS with a CA the system does not trust" {
	check_https_untrusted_ca
}

@test "HTTPS with a self-signed certificate" {
	check_https_self_signed
}

@test "ten redirects are followed, an eleventh is refused" {
	check_too_many_redirects
}

@test "a redirect to file:// is refused" {
	check_redirect_to_file
}

@test "a server that closes without answering" {
	check_closed_without_answer
}

@test "garbage instead of a status line" {
	check_garbage
}

@test "a body shorter than its Content-Length" {
	check_short_body
}

@test "an oversized header" {
	check_big_header
}

@test "a body larger than 64 MiB" {
	check_huge_body
}
