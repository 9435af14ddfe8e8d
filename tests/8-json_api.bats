#!/usr/bin/env bats
# 8-json_api [LETTER]: POST q=LETTER to SEARCH_USER_URL, print the user.

load helper
load client

setup_file() {
	start_client_servers
}

setup() {
	PROG=8-json_api
	export NET_TIMEOUT=10
}

# run_prog URL [LETTER]: search at URL (default letter: g).
run_prog() {
	SEARCH_USER_URL="$1" run --separate-stderr checked "$(prog $PROG)" "${2-g}"
}

# not_valid HOW: a search answered with /broken/HOW/ prints "Not a valid
# JSON" on stdout and exits 1.
not_valid() {
	run_prog "$MOCK_URL/broken/$1/search_user"
	assert_failure 1
	assert_output "Not a valid JSON"
	assert_stderr ""
}

@test "a user is printed as [id] name" {
	run_prog "$MOCK_URL/search_user" g
	assert_success
	assert_output "[7] Grace Hopper"
	assert_stderr ""
}

@test "sends the letter as a form" {
	run_prog "$MOCK_URL/search_user" g
	run last_request
	assert_line --index 0 "POST /search_user HTTP/1.1"
	assert_line --regexp "^User-Agent: .*$PROG"
	assert_line "Content-Type: application/x-www-form-urlencoded"
	assert_line "Content-Length: 3"
	assert_equal "${lines[-1]}" "q=g"
}

@test "without a letter, q is sent empty" {
	SEARCH_USER_URL="$MOCK_URL/search_user" run --separate-stderr checked "$(prog $PROG)"
	assert_success
	assert_output "[1] Ada Lovelace"
	run last_request
	assert_equal "${lines[-1]}" "q="
}

@test "the letter is percent-encoded" {
	run_prog "$MOCK_URL/search_user" "&"
	assert_success
	assert_output "No result"
	run last_request
	assert_equal "${lines[-1]}" "q=%26"
}

@test "an empty object prints No result" {
	run_prog "$MOCK_URL/search_user" z
	assert_success
	assert_output "No result"
}

@test "non-ASCII names are printed as they are" {
	run_prog "$MOCK_URL/search_user" S
	assert_success
	assert_output "[16] Søren Kierkegaard"
}

@test "by default it posts to http://0.0.0.0:5000/search_user" {
	http_proxy="$MOCK_URL" SEARCH_USER_URL= run --separate-stderr checked "$(prog $PROG)" g
	assert_success
	assert_output "[7] Grace Hopper"
	run last_request
	assert_line --index 0 "POST http://0.0.0.0:5000/search_user HTTP/1.1"
}

@test "the classroom's random mode answers a user or No result" {
	start_mock random --random-users
	for i in 1 2 3 4 5 6; do
		run_prog "$RANDOM_URL/search_user" a
		assert_success
		assert_output --regexp '^(\[[0-9]+\] [^ ].*|No result)$'
	done
}

@test "not JSON at all" {
	not_valid not-json
}

@test "truncated JSON" {
	not_valid truncated
}

@test "JSON nested 100,000 deep" {
	not_valid deep
}

@test "no id" {
	not_valid missing-id
}

@test "an id that is a string" {
	not_valid wrong-id
}

@test "an id of 1.5 is not a whole number" {
	not_valid fraction-id
}

@test "\"ID\" is not \"id\": keys are matched exactly" {
	not_valid upper-id
}

@test "an empty list is not an empty object" {
	not_valid empty-list
}

@test "no name" {
	not_valid missing-name
}

@test "a name that is a number" {
	not_valid wrong-name
}

@test "a JSON value that is not an object" {
	SEARCH_USER_URL="$MOCK_URL/redirect-to?url=%2Fresponse-headers%3Fa%3D1" run --separate-stderr checked "$(prog $PROG)" g
	assert_failure 1
	assert_output "Not a valid JSON"
}

@test "10 MB of JSON" {
	run_prog "$MOCK_URL/broken/huge/search_user" g
	assert_success
	assert_output "[7] Grace Hopper"
}

@test "HTTP error with a JSON body" {
	run_prog "$MOCK_URL/status/503/search_user"
	assert_error "^$PROG: HTTP error 503$"
}

@test "HTTP error without a JSON body" {
	run_prog "$MOCK_URL/status_500"
	assert_error "^$PROG: HTTP error 500$"
}

@test "HTTP 400, the first error status, is a failure" {
	run_prog "$MOCK_URL/status/400/search_user"
	assert_error "^$PROG: HTTP error 400$"
}

@test "two arguments are a usage error" {
	run --separate-stderr checked "$(prog $PROG)" a b
	assert_usage "Usage: ./$PROG [LETTER]"
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

@test "HTTPS with a CA the system does not trust" {
	check_https_untrusted_ca
}

@test "a server that closes without answering" {
	check_closed_without_answer
}
