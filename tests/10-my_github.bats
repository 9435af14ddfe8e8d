#!/usr/bin/env bats
# 10-my_github USERNAME TOKEN: print the account id from GITHUB_API_URL/user.

load helper
load client

TOKEN=ghp_octocat0000000000000000000000000000

setup_file() {
	start_client_servers
}

setup() {
	PROG=10-my_github
	export NET_TIMEOUT=10
}

# run_prog API_URL [USER TOKEN]
run_prog() {
	GITHUB_API_URL="$1" run --separate-stderr checked "$(prog $PROG)" \
		"${2-octocat}" "${3-$TOKEN}"
}

# unexpected HOW: an answer spoiled as /broken/HOW/ is reported.
unexpected() {
	run_prog "$MOCK_URL/broken/$1"
	assert_error "^$PROG: (the answer is not valid JSON|unexpected JSON: no numeric id)$"
}

@test "prints the account's id" {
	run_prog "$MOCK_URL"
	assert_success
	assert_output "583231"
	assert_stderr ""
}

@test "another account" {
	run_prog "$MOCK_URL" holberton hbtn-token-123
	assert_success
	assert_output "12345678"
}

@test "sends Basic authentication and the headers GitHub asks for" {
	run_prog "$MOCK_URL"
	run last_request
	assert_line --index 0 "GET /user HTTP/1.1"
	assert_line "Authorization: Basic $(printf 'octocat:%s' "$TOKEN" | base64 -w0)"
	assert_line "Accept: application/vnd.github+json"
	assert_line "X-GitHub-Api-Version: 2022-11-28"
	assert_line --regexp "^User-Agent: .*$PROG"
}

@test "a base URL with a trailing slash" {
	run_prog "$MOCK_URL/"
	assert_success
	run last_request
	assert_line --index 0 "GET /user HTTP/1.1"
}

@test "by default it asks https://api.github.com" {
	https_proxy="$MOCK_URL" GITHUB_API_URL= run --separate-stderr checked "$(prog $PROG)" octocat "$TOKEN"
	assert_error "^$PROG: "
	run last_request
	assert_line --index 0 "CONNECT api.github.com:443 HTTP/1.1"
}

@test "a wrong token is reported with GitHub's message" {
	run_prog "$MOCK_URL" octocat wrong
	assert_error "^$PROG: Bad credentials \(HTTP 401\)$"
}

@test "an unknown user" {
	run_prog "$MOCK_URL" nobody "$TOKEN"
	assert_error "^$PROG: Bad credentials \(HTTP 401\)$"
}

@test "HTTP error without a JSON body" {
	run_prog "$MOCK_URL/status/502"
	assert_error "^$PROG: HTTP error 502$"
}

@test "HTTP 400, the first error status, is a failure" {
	run_prog "$MOCK_URL/status/400"
	assert_error "^$PROG: HTTP error 400$"
}

@test "not JSON at all" {
	unexpected not-json
}

@test "truncated JSON" {
	unexpected truncated
}

@test "JSON nested 100,000 deep" {
	unexpected deep
}

@test "no id" {
	unexpected missing-id
}

@test "an id that is a string" {
	unexpected wrong-id
}

@test "an id of 1.5 is not a whole number" {
	unexpected fraction-id
}

@test "10 MB of JSON" {
	run_prog "$MOCK_URL/broken/huge"
	assert_success
	assert_output "583231"
}

@test "one argument, or three, is a usage error" {
	run --separate-stderr checked "$(prog $PROG)" octocat
	assert_usage "Usage: ./$PROG USERNAME TOKEN"
	run --separate-stderr checked "$(prog $PROG)" octocat "$TOKEN" extra
	assert_usage "Usage: ./$PROG USERNAME TOKEN"
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

@test "HTTPS with a certificate from a trusted CA" {
	SSL_CERT_FILE="$CERTS/ca.pem" run_prog "$TLS_URL"
	assert_success
	assert_output "583231"
}

@test "HTTPS with a CA the system does not trust" {
	check_https_untrusted_ca
}

@test "a server that closes without answering" {
	check_closed_without_answer
}
