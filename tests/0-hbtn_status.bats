#!/usr/bin/env bats
# 0-hbtn_status [URL]: GET URL and describe the body.

load helper
load client

setup_file() {
	start_client_servers
}

setup() {
	# This file also tests 4-hbtn_status (a link to it): same contract.
	PROG=$(basename "$BATS_TEST_FILENAME" .bats)
	# 4-7 speak HTTP by hand; 0-3 through libcurl.
	case $PROG in [4-7]-*) BY_HAND=yes ;; *) BY_HAND= ;; esac
	export NET_TIMEOUT=10
}

run_prog() {
	run --separate-stderr checked "$(prog $PROG)" "$@"
}

# bats test_tags=step:length
@test "prints the length and content of the body" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/status"
	assert_success
	assert_output $'Body response:\n\t- length: 2\n\t- content: OK'
	assert_exact_stdout $'Body response:\n\t- length: 2\n\t- content: OK\n'
	assert_stderr ""
}

# bats test_tags=step:length
@test "sends exactly this request (headers in any order)" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/status"
	assert_success
	run requests mock --sorted
	# By hand (4-7), the request also says that the connection closes
	# after the answer: the body is read up to the end of the connection.
	assert_output "GET /status HTTP/1.1
Accept: */*${BY_HAND:+
Connection: close}
Host: 127.0.0.1:$MOCK_PORT
User-Agent: $PROG/1.0"
}

# bats test_tags=step:length
@test "sends a GET with Host and a User-Agent naming the program" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/status"
	assert_success
	run last_request
	assert_line --index 0 "GET /status HTTP/1.1"
	assert_line "Host: 127.0.0.1:$MOCK_PORT"
	assert_line --regexp "^User-Agent: .*$PROG"
	refute_line --regexp "^Content-Length:"
}

# bats test_tags=step:length
@test "the root page" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/"
	assert_success
	assert_output $'Body response:\n\t- length: 5\n\t- content: Index'
}

# bats test_tags=step:length
@test "an empty body" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/status/204"
	assert_success
	assert_output $'Body response:\n\t- length: 0\n\t- content: '
}

# bats test_tags=step:tls
@test "without URL it asks https://intranet.hbtn.io/status" {
	# Every name resolves to a local mock server that has a certificate
	# for intranet.hbtn.io (resolved_here, in tests/helper.bash): nothing
	# leaves this machine.
	start_mock intranet --tls-cert "$CERTS/intranet.pem" \
		--tls-key "$CERTS/intranet.key"
	SSL_CERT_FILE="$CERTS/ca.pem" resolved_here "$INTRANET_PORT" \
		run --separate-stderr checked "$(prog $PROG)"
	assert_success
	assert_output $'Body response:\n\t- length: 2\n\t- content: OK'
	# The name in TLS (SNI), and in Host without a port: 443.
	run requests intranet --sni
	assert_output "intranet.hbtn.io"
	run last_request intranet
	assert_line --index 0 "GET /status HTTP/1.1"
	assert_line "Host: intranet.hbtn.io"
}

# bats test_tags=step:length
@test "through http_proxy, the proxy is asked for the whole URL" {
	[[ -z $BY_HAND ]] || skip "4-7 do not use proxies"
	http_proxy="$MOCK_URL" run --separate-stderr checked "$(prog $PROG)" \
		"http://intranet.invalid/status"
	assert_success
	assert_output $'Body response:\n\t- length: 2\n\t- content: OK'
	run last_request
	assert_line --index 0 "GET http://intranet.invalid/status HTTP/1.1"
	assert_line "Host: intranet.invalid"
}

# bats test_tags=step:length
@test "more than one argument is a usage error" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/" extra
	assert_usage "Usage: ./$PROG [URL]"
}

# bats test_tags=step:length
@test "a body with NUL bytes is counted and printed byte for byte" {
	"$(prog $PROG)" "$MOCK_URL/bytes/300" >"$BATS_TEST_TMPDIR/out"
	{ printf 'Body response:\n\t- length: 300\n\t- content: '
	  byte_pattern 300; printf '\n'; } >"$BATS_TEST_TMPDIR/expected"
	cmp "$BATS_TEST_TMPDIR/expected" "$BATS_TEST_TMPDIR/out"
}

# bats test_tags=step:length
@test "a body of more than 1 MiB" {
	"$(prog $PROG)" "$MOCK_URL/bytes/1048577" >"$BATS_TEST_TMPDIR/out"
	{ printf 'Body response:\n\t- length: 1048577\n\t- content: '
	  byte_pattern 1048577; printf '\n'; } >"$BATS_TEST_TMPDIR/expected"
	cmp "$BATS_TEST_TMPDIR/expected" "$BATS_TEST_TMPDIR/out"
}

# bats test_tags=step:chunked
@test "a chunked body" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/chunked"
	assert_success
	assert_output $'Body response:\n\t- length: 15\n\t- content: This is chunked'
}

# bats test_tags=step:length
@test "HTTP 404 is a failure" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/nowhere"
	assert_error "^$PROG: HTTP error 404$"
}

# bats test_tags=step:length
@test "HTTP 500 is a failure" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/status_500"
	assert_error "^$PROG: HTTP error 500$"
}

# bats test_tags=step:length
@test "HTTP 400, the first error status, is a failure" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/status/400"
	assert_error "^$PROG: HTTP error 400$"
}

# bats test_tags=step:length
@test "HTTP 399 is not" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/status/399"
	assert_success
	assert_output $'Body response:\n\t- length: 0\n\t- content: '
}

# bats test_tags=step:redirects
@test "redirects are followed" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/redirect-to?url=/status"
	assert_success
	assert_output $'Body response:\n\t- length: 2\n\t- content: OK'
	run last_request
	assert_line --index 0 "GET /status HTTP/1.1"
}

# bats test_tags=step:redirects
@test "ten redirects are followed, absolute or relative" {
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/redirect/10?absolute=1"
	assert_success
	run recent_requests 2
	assert_line --index 0 --regexp " GET /redirect/1\?absolute=1 HTTP/1.1$"
	assert_line --index 1 --regexp " GET /get HTTP/1.1$"
	run --separate-stderr checked "$(prog $PROG)" "$MOCK_URL/redirect/10"
	assert_success
	run last_request
	assert_line --index 0 "GET /get HTTP/1.1"
}

# bats test_tags=step:redirects
@test "ten redirects are followed, an eleventh is refused" {
	check_too_many_redirects
}

# bats test_tags=step:redirects
@test "a redirect to file:// is refused" {
	check_redirect_to_file
}

# bats test_tags=step:tls
@test "HTTPS with a certificate from a trusted CA" {
	SSL_CERT_FILE="$CERTS/ca.pem" run --separate-stderr checked "$(prog $PROG)" "$TLS_URL/status"
	assert_success
	assert_output $'Body response:\n\t- length: 2\n\t- content: OK'
}

# bats test_tags=step:tls
@test "HTTPS names the host in the handshake (SNI), but not an address" {
	SSL_CERT_FILE="$CERTS/ca.pem" run --separate-stderr checked "$(prog $PROG)" "https://localhost:$TLS_PORT/status"
	assert_success
	run requests tls --sni
	assert_output "localhost"
	SSL_CERT_FILE="$CERTS/ca.pem" run --separate-stderr checked "$(prog $PROG)" "$TLS_URL/status"
	assert_success
	run requests tls --sni
	assert_output "(none)"
}

# bats test_tags=step:tls
@test "HTTPS with a CA the system does not trust" {
	check_https_untrusted_ca
}

# bats test_tags=step:tls
@test "HTTPS with a self-signed certificate" {
	check_https_self_signed
}

# bats test_tags=step:length
@test "connection refused" {
	check_refused
}

# bats test_tags=step:length
@test "a host name that does not resolve" {
	check_unresolvable
}

# bats test_tags=step:length
@test "a server too slow for NET_TIMEOUT" {
	check_timeout
}

# bats test_tags=step:length
@test "NET_TIMEOUT that is not a number" {
	check_bad_timeout
}

# bats test_tags=step:length
@test "a server that closes without answering" {
	check_closed_without_answer
}

# bats test_tags=step:length
@test "garbage instead of a status line" {
	check_garbage
}

# bats test_tags=step:length
@test "a body shorter than its Content-Length" {
	check_short_body
}

# bats test_tags=step:length
@test "an oversized header" {
	check_big_header
}

# bats test_tags=step:length
@test "a body larger than 64 MiB" {
	check_huge_body
}

# bats test_tags=step:length
@test "an unwritable stdout" {
	check_unwritable_stdout "$MOCK_URL/status"
}
