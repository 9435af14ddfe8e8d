#!/usr/bin/env bats
# 102-starwars SEARCH: as 101-starwars, with each person's film titles.

load helper
load client

setup_file() {
	start_client_servers
}

setup() {
	PROG=102-starwars
	export NET_TIMEOUT=10
}

# run_prog API_URL [SEARCH]
run_prog() {
	SWAPI_URL="$1" run --separate-stderr checked "$(prog $PROG)" "${2-sky}"
}

@test "each person, then a tab-indented line per film" {
	run_prog "$MOCK_URL/api" sky
	assert_success
	assert_output "Number of results: 2
Luke Skywalker
	A New Hope
	The Empire Strikes Back
	Return of the Jedi
	Revenge of the Sith
Anakin Skywalker
	The Phantom Menace
	Attack of the Clones
	Revenge of the Sith"
	assert_stderr ""
}

@test "each film is fetched once, all on one connection" {
	# A fresh server, so that its log holds this run only.
	start_mock solo
	run_prog "$SOLO_URL/api" ""
	assert_success
	assert_line --index 0 "Number of results: 25"
	assert_equal "${#lines[@]}" $((1 + 25 + 76))
	run requests solo --lines
	assert_equal "${#lines[@]}" 9
	for film in 1 2 3 4 5 6; do
		run bash -c "python3 '$ROOT/tests/reqlog.py' '$BATS_FILE_TMPDIR/solo.requests' --lines | grep -c ' GET /api/films/$film/ '"
		assert_output 1
	done
	run requests solo --conns
	assert_output 1
}

@test "a film that cannot be fetched: nothing on stdout" {
	run_prog "$MOCK_URL/fail/films/api"
	assert_error "^$PROG: HTTP error 500$"
}

@test "a film answered 400, the first error status: a failure" {
	run_prog "$MOCK_URL/fail/films-400/api"
	assert_error "^$PROG: HTTP error 400$"
}

@test "a film without a title" {
	run_prog "$MOCK_URL/broken/missing-title/api"
	assert_error "^$PROG: unexpected JSON from the API$"
}

@test "a film whose title is not a string" {
	run_prog "$MOCK_URL/broken/wrong-title/api"
	assert_error "^$PROG: unexpected JSON from the API$"
}

@test "exactly 100 pages are followed to the end" {
	check_hundred_pages
}

@test "a 101st page is one too many: nothing on stdout" {
	check_page_past_cap
}

@test "films that are not a list" {
	run_prog "$MOCK_URL/broken/wrong-films/api"
	assert_error "^$PROG: unexpected JSON from the API$"
}

@test "a failing second page" {
	run_prog "$MOCK_URL/fail/page-2/api" ""
	assert_error "^$PROG: HTTP error 500$"
}

@test "HTTP 400, the first error status, is a failure" {
	run_prog "$MOCK_URL/status/400/api"
	assert_error "^$PROG: HTTP error 400$"
}

@test "truncated JSON" {
	run_prog "$MOCK_URL/broken/truncated/api"
	assert_error "^$PROG: the answer is not valid JSON$"
}

@test "JSON nested 100,000 deep" {
	run_prog "$MOCK_URL/broken/deep/api"
	assert_error "^$PROG: the answer is not valid JSON$"
}

@test "no results" {
	run_prog "$MOCK_URL/broken/missing-results/api"
	assert_error "^$PROG: unexpected JSON from the API$"
}

@test "a next page that never ends" {
	run_prog "$MOCK_URL/loop" ""
	assert_error "^$PROG: more than 100 pages$"
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
