#!/usr/bin/env bats
# 100-github_commits REPO OWNER: the 10 latest commits, "<sha>: <author>".

load helper
load client

setup_file() {
	start_client_servers
}

setup() {
	PROG=100-github_commits
	export NET_TIMEOUT=10
}

# run_prog API_URL [REPO OWNER]
run_prog() {
	GITHUB_API_URL="$1" run --separate-stderr checked "$(prog $PROG)" \
		"${2-rails}" "${3-rails}"
}

# unexpected HOW: an answer spoiled as /broken/HOW/ is reported.
unexpected() {
	run_prog "$MOCK_URL/broken/$1"
	assert_error "^$PROG: (the answer is not valid JSON|unexpected JSON: not a list of commits)$"
}

RAILS='fa8c2888cd3c3759160d424468ff0e195ab9394f: Jean Boussier
ba904bdf2a9ab4e518f7da23610215de4d52fdf3: Rafael França
8e0c3a3cc5ceecaed7776f6753fa09aab5844971: Ryuta Kamizono
ecceee4648f79544f6bfaaa58dfef269960eb932: José Valim
e8217e3d8899a4318910b1dea68bf93f8a3c47d1: Étienne Barrié
8e9e319bf8ce63955302fb1a655b8eaa1fed6e67: Yasuo Honda
1f40d5c1a10d9bf045dc42ac80c868a3c5a40f3a: Jonathan Hefner
c9d7c3833a6eaa7381839511a63e45dda479e092: Xavier Noria
9829672da1577fbe3a090a42154dfe068e50e055: Eileen M. Uchitelle
6d53f5462ed5032ac3862af9eba7a8b2cd610205: Aaron Patterson'

@test "the 10 latest commits, newest first, UTF-8 names as they are" {
	run_prog "$MOCK_URL"
	assert_success
	assert_output "$RAILS"
	assert_stderr ""
}

@test "an API that sends more than asked: still only the 10 latest" {
	run_prog "$MOCK_URL" rails generous
	assert_success
	assert_output "$RAILS"
}

@test "asks for 10 commits, with the headers GitHub asks for" {
	run_prog "$MOCK_URL"
	run last_request
	assert_line --index 0 "GET /repos/rails/rails/commits?per_page=10 HTTP/1.1"
	assert_line "Accept: application/vnd.github+json"
	assert_line "X-GitHub-Api-Version: 2022-11-28"
	assert_line --regexp "^User-Agent: .*$PROG"
}

@test "the sha is the commit's and the name its git author's" {
	run_prog "$MOCK_URL"
	assert_line --index 0 "$(printf 'rails/rails/0' | sha1sum | cut -d' ' -f1): Jean Boussier"
}

@test "fewer than 10 commits" {
	run_prog "$MOCK_URL" few holbertonschool
	assert_success
	assert_equal "${#lines[@]}" 3
	assert_line --index 2 "$(printf 'holbertonschool/few/2' | sha1sum | cut -d' ' -f1): Ryuta Kamizono"
}

@test "owner and repository are escaped in the path" {
	run_prog "$MOCK_URL" "a/b?c" "we ird"
	assert_error "^$PROG: repository we ird/a/b\?c not found$"
	run last_request
	assert_line --index 0 "GET /repos/we%20ird/a%2Fb%3Fc/commits?per_page=10 HTTP/1.1"
}

@test "a repository that does not exist" {
	run_prog "$MOCK_URL" nothing nobody
	assert_error "^$PROG: repository nobody/nothing not found$"
}

@test "an empty repository" {
	run_prog "$MOCK_URL" empty holbertonschool
	assert_error "^$PROG: repository holbertonschool/empty is empty$"
}

@test "rate limited (403): says when the limit resets, in UTC whatever the time zone" {
	run_prog "$MOCK_URL" any rate-limited
	assert_error "^$PROG: rate limited by the API; it resets at 2027-01-15 08:00:00 UTC$"
	TZ=JST-9 run_prog "$MOCK_URL" any rate-limited
	assert_error "^$PROG: rate limited by the API; it resets at 2027-01-15 08:00:00 UTC$"
}

@test "rate limited (429)" {
	run_prog "$MOCK_URL" any too-many
	assert_error "^$PROG: rate limited by the API; it resets at 2027-01-15 08:00:00 UTC$"
}

@test "403 that is not a rate limit: without rate fields, or with requests left" {
	run_prog "$MOCK_URL/status/403"
	assert_error "^$PROG: HTTP error 403$"
	run_prog "$MOCK_URL" any forbidden
	assert_error "^$PROG: HTTP error 403$"
}

@test "HTTP 400, the first error status, is a failure" {
	run_prog "$MOCK_URL/status/400"
	assert_error "^$PROG: HTTP error 400$"
}

@test "by default it asks https://api.github.com" {
	https_proxy="$MOCK_URL" GITHUB_API_URL= run --separate-stderr checked "$(prog $PROG)" rails rails
	assert_error "^$PROG: "
	run last_request
	assert_line --index 0 "CONNECT api.github.com:443 HTTP/1.1"
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

@test "no sha" {
	unexpected missing-sha
}

@test "a sha that is a number" {
	unexpected wrong-sha
}

@test "no author name" {
	unexpected missing-name
}

@test "an author that is a string" {
	unexpected wrong-author
}

@test "an object where a list belongs" {
	run_prog "$MOCK_URL/status/200/x"
	assert_error "^$PROG: unexpected JSON: not a list of commits$"
}

@test "10 MB of JSON" {
	run_prog "$MOCK_URL/broken/huge"
	assert_success
	assert_output "$RAILS"
}

@test "one argument is a usage error" {
	run --separate-stderr checked "$(prog $PROG)" rails
	assert_usage "Usage: ./$PROG REPO OWNER"
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
