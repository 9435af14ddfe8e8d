#!/usr/bin/env bats
# 101-starwars SEARCH: as 9-starwars, following "next" through every page.

load helper
load client

ALL="Number of results: 25
Luke Skywalker
C-3PO
R2-D2
Darth Vader
Leia Organa
Owen Lars
Beru Whitesun lars
R5-D4
Biggs Darklighter
Obi-Wan Kenobi
Anakin Skywalker
Wilhuff Tarkin
Chewbacca
Han Solo
Greedo
Jabba Desilijic Tiure
Wedge Antilles
Jek Tono Porkins
Yoda
Palpatine
Boba Fett
IG-88
Bossk
Lando Calrissian
Lobot"

setup_file() {
	start_client_servers
}

setup() {
	PROG=101-starwars
	export NET_TIMEOUT=10
}

# run_prog API_URL [SEARCH]
run_prog() {
	SWAPI_URL="$1" run --separate-stderr checked "$(prog $PROG)" "${2-}"
}

@test "every page" {
	run_prog "$MOCK_URL/api" ""
	assert_success
	assert_output "$ALL"
	assert_stderr ""
}

@test "follows next, page after page" {
	run_prog "$MOCK_URL/api" ""
	run recent_requests 3
	assert_line --index 0 --regexp " GET /api/people/\?search= HTTP/1.1$"
	assert_line --index 1 --regexp " GET /api/people/\?search=&page=2 HTTP/1.1$"
	assert_line --index 2 --regexp " GET /api/people/\?search=&page=3 HTTP/1.1$"
}

@test "a single page" {
	run_prog "$MOCK_URL/api" sky
	assert_success
	assert_output $'Number of results: 2\nLuke Skywalker\nAnakin Skywalker'
}

@test "a failing second page: nothing on stdout" {
	run_prog "$MOCK_URL/fail/page-2/api" ""
	assert_error "^$PROG: HTTP error 500$"
}

@test "HTTP 400, the first error status, is a failure" {
	run_prog "$MOCK_URL/status/400/api"
	assert_error "^$PROG: HTTP error 400$"
}

@test "the search is percent-encoded" {
	check_search_encoded
}

@test "exactly 100 pages are followed to the end" {
	check_hundred_pages
}

@test "a 101st page is one too many: nothing on stdout" {
	check_page_past_cap
}

@test "a next page that never ends" {
	run_prog "$MOCK_URL/loop" ""
	assert_error "^$PROG: more than 100 pages$"
}

@test "a next that is not a string" {
	run_prog "$MOCK_URL/broken/wrong-next/api" ""
	assert_error "^$PROG: unexpected JSON from the API$"
}

@test "no next" {
	run_prog "$MOCK_URL/broken/missing-next/api" ""
	assert_error "^$PROG: unexpected JSON from the API$"
}

@test "truncated JSON" {
	run_prog "$MOCK_URL/broken/truncated/api" ""
	assert_error "^$PROG: the answer is not valid JSON$"
}

@test "JSON nested 100,000 deep" {
	run_prog "$MOCK_URL/broken/deep/api" ""
	assert_error "^$PROG: the answer is not valid JSON$"
}

@test "a name that is a number" {
	run_prog "$MOCK_URL/broken/wrong-name/api" ""
	assert_error "^$PROG: unexpected JSON from the API$"
}

@test "10 MB of JSON on every page" {
	run_prog "$MOCK_URL/broken/huge/api" ""
	assert_success
	assert_output "$ALL"
}

@test "by default it asks https://swapi.dev/api" {
	https_proxy="$MOCK_URL" SWAPI_URL= run --separate-stderr checked "$(prog $PROG)" sky
	assert_error "^$PROG: "
	run last_request
	assert_line --index 0 "CONNECT swapi.dev:443 HTTP/1.1"
}

@test "no argument is a usage error" {
	run --separate-stderr checked "$(prog $PROG)"
	assert_usage "Usage: ./$PROG SEARCH"
}

@test "connection refused" {
	check_refused
}

@test "a server too slow for NET_TIMEOUT" {
	check_timeout
}

@test "HTTPS with a CA the system does not trust" {
	check_https_untrusted_ca
}
