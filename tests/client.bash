# client.bash - checks that every HTTP client exercise must pass, loaded by
# their test files after helper.bash.
#
# The test file sets PROG and defines run_prog URL, which runs the program
# on URL (with any other arguments it needs) under
# `run --separate-stderr`.

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
	assert_error "^$PROG: Couldn't connect to server"
}

check_unresolvable() {
	run_prog "http://$BAD_HOST/"
	assert_error "^$PROG: Couldn't resolve host name"
}

check_timeout() {
	NET_TIMEOUT=0.5 run_prog "$MOCK_URL/delay/5"
	assert_error "^$PROG: Timeout was reached"
}

check_bad_timeout() {
	NET_TIMEOUT=soon run_prog "$MOCK_URL/"
	assert_error "^$PROG: NET_TIMEOUT must be a number of seconds$"
}

check_https_untrusted_ca() {
	run_prog "$TLS_URL/"
	assert_error "^$PROG: SSL peer certificate or SSH remote key was not OK"
}

check_https_self_signed() {
	SSL_CERT_FILE="$CERTS/ca.pem" run_prog "$UNTRUSTED_URL/"
	assert_error "^$PROG: SSL peer certificate or SSH remote key was not OK"
}

check_too_many_redirects() {
	run_prog "$MOCK_URL/redirect/11"
	assert_error "^$PROG: Number of redirects hit maximum amount"
}

check_redirect_to_file() {
	run_prog "$MOCK_URL/fault/redirect-file"
	assert_error "^$PROG: .*[Pp]rotocol"
}

check_closed_without_answer() {
	run_prog "$MOCK_URL/fault/close"
	assert_error "^$PROG: Server returned nothing"
}

check_garbage() {
	run_prog "$MOCK_URL/fault/garbage"
	assert_error "^$PROG: Unsupported protocol \(Received HTTP/0.9 when not allowed\)$"
}

check_short_body() {
	run_prog "$MOCK_URL/fault/short-body"
	assert_error "^$PROG: Transferred a partial file"
}

# libcurl 7.88 reports a header over its limit as "Out of memory"; later
# versions say "Too large response headers".
check_big_header() {
	run_prog "$MOCK_URL/fault/big-header"
	assert_error "^$PROG: (Out of memory|.*Too large response headers)"
}

# A body announced larger than BUF_MAX_SIZE (64 MiB) is refused up front.
check_huge_body() {
	run_prog "$MOCK_URL/fault/huge-body"
	assert_error "^$PROG: Maximum file size exceeded"
}

# check_unwritable_stdout ARGS...: the program, run with ARGS and its
# stdout on a full disk, says so and fails.
check_unwritable_stdout() {
	run --separate-stderr bash -c '"$@" >/dev/full' _ "$(prog "$PROG")" "$@"
	assert_failure 1
	assert_stderr "$PROG: cannot write output: No space left on device"
}
