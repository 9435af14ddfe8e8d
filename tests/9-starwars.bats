#!/usr/bin/env bats
# 9-starwars SEARCH: the count and the names on the first page of results.

load helper
load client

setup_file() {
	start_client_servers
}

setup() {
	PROG=9-starwars
	export NET_TIMEOUT=10
}

# run_prog API_URL [SEARCH]
run_prog() {
	SWAPI_URL="$1" run --separate-stderr checked "$(prog $PROG)" "${2-sky}"
}

# unexpected HOW: an answer spoiled as /broken/HOW/ is reported.
unexpected() {
	run_prog "$MOCK_URL/broken/$1/api"
	assert_error "^$PROG: (the answer is not valid JSON|unexpected JSON from the API)$"
}

@test "the count, then each name" {
	run_prog "$MOCK_URL/api" sky
	assert_success
	assert_output $'Number of results: 2\nLuke Skywalker\nAnakin Skywalker'
	assert_stderr ""
}

@test "asks for the search in the query string" {
	run_prog "$MOCK_URL/api" sky
	run last_request
	assert_line --index 0 "GET /api/people/?search=sky HTTP/1.1"
	assert_line --regexp "^User-Agent: .*$PROG"
}

@test "the search is percent-encoded" {
	check_search_encoded
}

@test "only the first page" {
	run_prog "$MOCK_URL/api" ""
	assert_success
	assert_output "Number of results: 25
Luke Skywalker
C-3PO
R2-D2
Darth Vader
Leia Organa
Owen Lars
Beru Whitesun lars
R5-D4
Biggs Darklighter
Obi-Wan Kenobi"
}

@test "by default it asks https://swapi.dev/api" {
	https_proxy="$MOCK_URL" SWAPI_URL= run --separate-stderr checked "$(prog $PROG)" sky
	assert_error "^$PROG: "
	run last_request
	assert_line --index 0 "CONNECT swapi.dev:443 HTTP/1.1"
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

@test "no count" {
	unexpected missing-count
}

@test "a count that is a string" {
	unexpected wrong-count
}

@test "no results" {
	unexpected missing-results
}

@test "results that are not a list" {
	unexpected wrong-results
}

@test "a name that is a number" {
	unexpected wrong-name
}

@test "10 MB of JSON" {
	run_prog "$MOCK_URL/broken/huge/api" sky
	assert_success
	assert_output $'Number of results: 2\nLuke Skywalker\nAnakin Skywalker'
}

@test "HTTP error with a JSON body" {
	run_prog "$MOCK_URL/status/404/api"
	assert_error "^$PROG: HTTP error 404$"
}

@test "HTTP 400, the first error status, is a failure" {
	run_prog "$MOCK_URL/status/400/api"
	assert_error "^$PROG: HTTP error 400$"
}

@test "HTTP error without a JSON body" {
	run_prog "$MOCK_URL/nowhere"
	assert_error "^$PROG: HTTP error 404$"
}

@test "no argument is a usage error" {
	run --separate-stderr checked "$(prog $PROG)"
	assert_usage "Usage: ./$PROG SEARCH"
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
