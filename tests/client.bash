# client.bash - checks that every HTTP client exercise must pass, loaded by
# their test files after helper.bash.
#
# The test file sets PROG and defines run_prog URL, which runs the program
# on URL (with any other arguments it needs) under
# `run --separate-stderr`.
#
# Exercises 0-3 (libcurl) and 4-7 (by hand over a socket) have the same
# contract and the same tests; only the wording of their error messages
# differs, so each check names the error and `reason` gives the flavour's
# wording.

# reason NAME: the regular expression the error line must match.
reason() {
	local curl socket
	case $1 in
	refused)
		curl="Couldn't connect to server"
		socket="cannot connect to 127\.0\.0\.1 port [0-9]+: Connection refused$" ;;
	unresolvable)
		curl="Couldn't resolve host name"
		socket="cannot resolve $BAD_HOST: " ;;
	timeout)
		curl="Timeout was reached"
		socket="timed out$" ;;
	untrusted)
		curl="SSL peer certificate or SSH remote key was not OK"
		socket="TLS: certificate of 127\.0\.0\.1 not trusted: (self.signed certificate in certificate chain|unable to get local issuer certificate)$" ;;
	self-signed)
		curl="SSL peer certificate or SSH remote key was not OK"
		socket="TLS: certificate of 127\.0\.0\.1 not trusted: self.signed certificate$" ;;
	redirects)
		curl="Number of redirects hit maximum amount"
		socket="too many redirects \(more than 10\)$" ;;
	redirect-file)
		curl=".*[Pp]rotocol"
		socket="a redirect to a URL that is not http:// or https://: file://" ;;
	nothing)
		curl="Server returned nothing"
		socket="the server closed the connection without answering$" ;;
	garbage)
		curl="Unsupported protocol \(Received HTTP/0.9 when not allowed\)$"
		socket="not an HTTP/1.x status line: " ;;
	short-body)
		curl="Transferred a partial file"
		socket="the body is shorter than its Content-Length \([0-9]+ of [0-9]+ bytes\)$" ;;
	big-header)
		# libcurl 7.88 says "Out of memory"; later versions say
		# "Too large response headers".
		curl="(Out of memory|.*Too large response headers)"
		socket="the response's headers are larger than 64 KiB$" ;;
	huge-body)
		curl="Maximum file size exceeded"
		socket="the body is larger than 64 MiB$" ;;
	esac
	if [[ "${PROG%%-*}" -ge 4 && "${PROG%%-*}" -le 7 ]]; then
		echo "^$PROG: $socket"
	else
		echo "^$PROG: $curl"
	fi
}

# The servers every client test file uses: plain HTTP, HTTPS with a
# certificate from the test CA, and HTTPS with a self-signed certificate.
start_client_servers() {
	make_certs
	start_mock mock
	start_mock tls --tls-cert "$CERTS/good.pem" --tls-key "$CERTS/good.key"
	start_mock untrusted --tls-cert "$CERTS/self-signed.pem" \
		--tls-key "$CERTS/self-signed.key"
}

check_refused() {
	run_prog "http://127.0.0.1:$(free_port)/"
	assert_error "$(reason refused)"
}

check_unresolvable() {
	run_prog "http://$BAD_HOST/"
	assert_error "$(reason unresolvable)"
}

check_timeout() {
	NET_TIMEOUT=0.5 run_prog "$MOCK_URL/delay/5"
	assert_error "$(reason timeout)"
}

check_bad_timeout() {
	NET_TIMEOUT=soon run_prog "$MOCK_URL/"
	assert_error "^$PROG: NET_TIMEOUT must be a number of seconds$"
}

check_https_untrusted_ca() {
	run_prog "$TLS_URL/"
	assert_error "$(reason untrusted)"
}

check_https_self_signed() {
	SSL_CERT_FILE="$CERTS/ca.pem" run_prog "$UNTRUSTED_URL/"
	assert_error "$(reason self-signed)"
}

# check_too_many_redirects: ten redirects are followed to the end (the
# limit), an eleventh is refused (one past it).
check_too_many_redirects() {
	run_prog "$MOCK_URL/redirect/10"
	assert_success
	run last_request
	assert_line --index 0 "GET /get HTTP/1.1"
	run_prog "$MOCK_URL/redirect/11"
	assert_error "$(reason redirects)"
}

check_redirect_to_file() {
	run_prog "$MOCK_URL/fault/redirect-file"
	assert_error "$(reason redirect-file)"
}

check_closed_without_answer() {
	run_prog "$MOCK_URL/fault/close"
	assert_error "$(reason nothing)"
}

check_garbage() {
	run_prog "$MOCK_URL/fault/garbage"
	assert_error "$(reason garbage)"
}

check_short_body() {
	run_prog "$MOCK_URL/fault/short-body"
	assert_error "$(reason short-body)"
}

check_big_header() {
	run_prog "$MOCK_URL/fault/big-header"
	assert_error "$(reason big-header)"
}

# A body announced larger than BUF_MAX_SIZE (64 MiB) is refused up front.
check_huge_body() {
	run_prog "$MOCK_URL/fault/huge-body"
	assert_error "$(reason huge-body)"
}

# check_unwritable_stdout ARGS...: the program, run with ARGS and its
# stdout on a full disk, says so and fails.
check_unwritable_stdout() {
	run --separate-stderr bash -c '"$@" >/dev/full' _ "$(prog "$PROG")" "$@"
	assert_failure 1
	assert_stderr "$PROG: cannot write output: No space left on device"
}

# The Star Wars searches (9, 101, 102). run_prog URL SEARCH.

# check_search_encoded: the search goes percent-encoded in the query.
check_search_encoded() {
	run_prog "$MOCK_URL/api" "r2 d&2=x"
	assert_success
	assert_output "Number of results: 0"
	run last_request
	assert_line --index 0 "GET /api/people/?search=r2%20d%262%3Dx HTTP/1.1"
}

# check_hundred_pages: 100 pages are followed to the end (the cap).
check_hundred_pages() {
	run_prog "$MOCK_URL/chain/100" ""
	assert_success
	assert_output "Number of results: 100
$(seq -f 'Person %g' 1 100)"
	run recent_requests 1
	assert_line --regexp " GET /chain/100/people/\?search=&page=100 HTTP/1.1$"
}

# check_page_past_cap: a 100th page that names a 101st is an error, and
# the 101st is never asked for.
check_page_past_cap() {
	run_prog "$MOCK_URL/chain/101" ""
	assert_error "^$PROG: more than 100 pages$"
	run recent_requests 1
	assert_line --regexp " GET /chain/101/people/\?search=&page=100 HTTP/1.1$"
}
