#!/usr/bin/env bats
# 2-post_email URL EMAIL: POST email=EMAIL as a form, print the answer.

load helper
load client

setup_file() {
	start_client_servers
}

setup() {
	# This file also tests 6-post_email (a link to it): same contract.
	PROG=$(basename "$BATS_TEST_FILENAME" .bats)
	# 4-7 speak HTTP by hand; 0-3 through libcurl.
	case $PROG in [4-7]-*) BY_HAND=yes ;; *) BY_HAND= ;; esac
	export NET_TIMEOUT=10
}

# The shared checks call run_prog URL; any email will do for them.
run_prog() {
	run --separate-stderr checked "$(prog $PROG)" "$1" "${2-hr@holbertonschool.com}"
}

@test "prints the server's answer and a newline" {
	run_prog "$MOCK_URL/post_email" "hr@holbertonschool.com"
	assert_success
	assert_output "Your email is: hr@holbertonschool.com"
	assert_exact_stdout $'Your email is: hr@holbertonschool.com\n'
	assert_stderr ""
}

@test "sends exactly this request (headers in any order)" {
	run_prog "$MOCK_URL/post_email" "a+b@c.d"
	assert_success
	run requests mock --sorted
	assert_output "POST /post_email HTTP/1.1
Accept: */*${BY_HAND:+
Connection: close}
Content-Length: 17
Content-Type: application/x-www-form-urlencoded
Host: 127.0.0.1:$MOCK_PORT
User-Agent: $PROG/1.0

email=a%2Bb%40c.d"
}

@test "sends the form as the server expects it" {
	run_prog "$MOCK_URL/post_email" "hr@holbertonschool.com"
	run last_request
	assert_line --index 0 "POST /post_email HTTP/1.1"
	assert_line "Host: 127.0.0.1:$MOCK_PORT"
	assert_line --regexp "^User-Agent: .*$PROG"
	assert_line "Content-Type: application/x-www-form-urlencoded"
	assert_line "Content-Length: 30"
	assert_line --index 1 --regexp "^Host:"
	assert_equal "${lines[-1]}" "email=hr%40holbertonschool.com"
}

@test "+, &, =, spaces and non-ASCII are percent-encoded" {
	run_prog "$MOCK_URL/post_email" "a+b c&d=é@x.y"
	assert_success
	assert_output "Your email is: a+b c&d=é@x.y"
	run last_request
	assert_equal "${lines[-1]}" "email=a%2Bb%20c%26d%3D%C3%A9%40x.y"
}

@test "an empty email is sent as an empty field" {
	run_prog "$MOCK_URL/post_email" ""
	assert_success
	assert_output "Your email is: "
	run last_request
	assert_line "Content-Length: 6"
	assert_equal "${lines[-1]}" "email="
}

@test "the body is printed as received" {
	run_prog "$MOCK_URL/anything" "x@y.z"
	assert_success
	assert_line '  "method": "POST",'
	assert_line '    "email": "x@y.z"'
}

@test "a 301, 302 or 303 redirect turns the POST into a GET" {
	local code
	for code in 301 302 303; do
		run_prog "$MOCK_URL/redirect-to?url=%2Fanything&status_code=$code" "x@y.z"
		assert_success
		run last_request
		assert_line --index 0 "GET /anything HTTP/1.1"
		refute_line --regexp "^Content-(Length|Type)"
	done
}

@test "a 307 or 308 redirect keeps the method and the body" {
	local code
	for code in 307 308; do
		run_prog "$MOCK_URL/redirect-to?url=%2Fpost_email&status_code=$code" "x@y.z"
		assert_success
		assert_output "Your email is: x@y.z"
		run last_request
		assert_line --index 0 "POST /post_email HTTP/1.1"
		assert_line "Content-Type: application/x-www-form-urlencoded"
		assert_equal "${lines[-1]}" "email=x%40y.z"
	done
}

@test "HTTP 404 is a failure" {
	run_prog "$MOCK_URL/nowhere"
	assert_error "^$PROG: HTTP error 404$"
}

@test "HTTP 405 is a failure" {
	run_prog "$MOCK_URL/status/405"
	assert_error "^$PROG: HTTP error 405$"
}

@test "HTTP 400, the first error status, is a failure" {
	run_prog "$MOCK_URL/status/400"
	assert_error "^$PROG: HTTP error 400$"
}

@test "HTTPS with a certificate from a trusted CA" {
	SSL_CERT_FILE="$CERTS/ca.pem" run_prog "$TLS_URL/post_email" "t@l.s"
	assert_success
	assert_output "Your email is: t@l.s"
}

@test "one argument is a usage error" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/post_email"
	assert_usage "Usage: ./$PROG URL EMAIL"
}

@test "three arguments are a usage error" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/post_email" a@b.c extra
	assert_usage "Usage: ./$PROG URL EMAIL"
}

@test "an unwritable stdout" {
	check_unwritable_stdout "$MOCK_URL/post_email" a@b.c
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
