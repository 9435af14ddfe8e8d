#!/usr/bin/env bats
# 1-hbtn_header URL: print the X-Request-Id header of the response.

load helper
load client

UUID='^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'

setup_file() {
	start_client_servers
}

setup() {
	# This file also tests 5-hbtn_header (a link to it): same contract.
	PROG=$(basename "$BATS_TEST_FILENAME" .bats)
	# 4-7 speak HTTP by hand; 0-3 through libcurl.
	case $PROG in [4-7]-*) BY_HAND=yes ;; *) BY_HAND= ;; esac
	export NET_TIMEOUT=10
}

run_prog() {
	run --separate-stderr checked "$(prog $PROG)" "$@"
}

@test "prints the header's value and a newline" {
	run_prog "$MOCK_URL/response-headers?X-Request-Id=7f1a2b3c-given"
	assert_success
	assert_output "7f1a2b3c-given"
	assert_exact_stdout $'7f1a2b3c-given\n'
	assert_stderr ""
}

@test "prints a fresh request id from the server" {
	run_prog "$MOCK_URL/"
	assert_success
	assert_output --regexp "$UUID"
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

@test "the header name is matched whatever its case" {
	run_prog "$MOCK_URL/response-headers?x-REQUEST-id=lower-and-upper"
	assert_success
	assert_output "lower-and-upper"
}

@test "the header is printed whatever the status: 404" {
	run_prog "$MOCK_URL/nowhere"
	assert_success
	assert_output --regexp "$UUID"
}

@test "the header is printed whatever the status: 500" {
	run_prog "$MOCK_URL/status_500"
	assert_success
	assert_output --regexp "$UUID"
}

@test "after redirects, the header of the last response" {
	run_prog "$MOCK_URL/redirect-to?url=%2Fresponse-headers%3FX-Request-Id%3Dthe-last-one"
	assert_success
	assert_output "the-last-one"
}

@test "no such header: nothing on stdout, a reason on stderr" {
	run_prog "$MOCK_URL/fault/no-request-id"
	assert_error "^$PROG: no X-Request-Id header in the response$"
}

@test "HTTPS with a certificate from a trusted CA" {
	SSL_CERT_FILE="$CERTS/ca.pem" run_prog "$TLS_URL/response-headers?X-Request-Id=over-tls"
	assert_success
	assert_output "over-tls"
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
