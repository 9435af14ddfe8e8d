#!/usr/bin/env bats
# The hostile-server suite: every HTTP client exercise (0-7) against every
# broken response in servers/faults.py and every bad TLS certificate. It
# is part of each client's grade (see EXERCISE below).
# Each client must fail with exit status 1, print nothing on stdout, and
# print exactly one line on stderr, "NAME: reason", naming the problem.
# libcurl's clients (0-3) and the socket ones (4-7) word reasons
# differently: each test gives both.


# For 4-hbtn_status, the last of its steps (grading/exercises).
# bats file_tags=step:hostile
load helper

ALL_CLIENTS=(0-hbtn_status 1-hbtn_header 2-post_email 3-error_code
	4-hbtn_status 5-hbtn_header 6-post_email 7-error_code)
# The grader runs this file once for each client exercise, with EXERCISE
# naming it (grading/exercises: "also tests/hostile.bats"): each client's
# hostile cases count in that client's grade. Without EXERCISE (make
# check), every test checks every client.
if [[ " ${ALL_CLIENTS[*]} " == *" ${EXERCISE:-none} "* ]]; then
	CLIENTS=("$EXERCISE")
else
	CLIENTS=("${ALL_CLIENTS[@]}")
fi

# only GLOB: set SOME to the clients under test whose names match GLOB;
# skip the test when there are none (a skipped test is not graded).
only() {
	local p
	SOME=()
	for p in "${CLIENTS[@]}"; do
		[[ $p == $1 ]] && SOME+=("$p")
	done
	[[ ${#SOME[@]} -gt 0 ]] || skip "not a case for ${CLIENTS[*]}"
}

setup_file() {
	make_certs
	start_mock mock
	start_mock wronghost --tls-cert "$CERTS/wrong-host.pem" \
		--tls-key "$CERTS/wrong-host.key"
	start_mock expired --tls-cert "$CERTS/expired.pem" \
		--tls-key "$CERTS/expired.key"
	start_mock selfsigned --tls-cert "$CERTS/self-signed.pem" \
		--tls-key "$CERTS/self-signed.key"
}

setup() {
	# The slow faults (silent, drip) are cut short.
	export NET_TIMEOUT=2 SSL_CERT_FILE="$CERTS/ca.pem"
}

# run_client NAME URL: run one client on URL (2 and 6 also get an email).
run_client() {
	local args=("$2")
	[[ "$1" == [26]-* ]] && args+=("x@y.z")
	run --separate-stderr checked "$(prog "$1")" "${args[@]}"
}

# check_all URL CURL SOCKET: every client fails on URL with a reason
# matching CURL (clients 0-3) or SOCKET (clients 4-7), regular expressions
# for what follows "NAME: ".
check_all() {
	local p reason
	for p in "${CLIENTS[@]}"; do
		echo "# $p $1"
		run_client "$p" "$1"
		reason=$2
		[[ "${p%%-*}" -ge 4 ]] && reason=$3
		assert_failure 1
		assert_output ""
		assert_error_line "^$p: $reason"
	done
}

# check_fault NAME CURL SOCKET: check_all on /fault/NAME.
check_fault() {
	check_all "$MOCK_URL/fault/$1" "$2" "$3"
}

# check_legal FAULT ID [BODY]: every client accepts /fault/FAULT: the
# header clients (1, 5) print its X-Request-Id, ID, the others its body,
# BODY (default "OK"; it may be empty).
check_legal() {
	local p body=${3-OK}
	for p in "${CLIENTS[@]}"; do
		echo "# $p"
		run_client "$p" "$MOCK_URL/fault/$1"
		assert_success
		assert_stderr ""
		case $p in
		[15]-*) assert_output "$2" ;;
		[04]-*) assert_output "$(printf 'Body response:\n\t- length: %d\n\t- content: %s' "${#body}" "$body")" ;;
		*) assert_output "$body" ;;
		esac
	done
}

@test "close: the connection closes without an answer" {
	check_fault close "Server returned nothing" \
		"the server closed the connection without answering$"
}

@test "garbage: no status line" {
	check_fault garbage "Unsupported protocol \(Received HTTP/0.9" \
		"not an HTTP/1.x status line: \"SPLORK 12 what\"$"
}

@test "http09: a body without status line or headers" {
	check_fault http09 "Unsupported protocol \(Received HTTP/0.9" \
		"the response ended in its status line$"
}

@test "bad-version: HTTP/9.1" {
	check_fault bad-version "Unsupported protocol \(Unsupported HTTP version" \
		"not an HTTP/1.x status line: \"HTTP/9.1 200 OK\"$"
}

@test "bad-status: a status code that is not a number" {
	check_fault bad-status "Unsupported protocol \(Unsupported response code" \
		"not an HTTP/1.x status line: \"HTTP/1.1 2x0 OK\"$"
}

@test "negative-length: Content-Length: -5" {
	check_fault negative-length "Weird server reply \(Invalid Content-Length" \
		"an invalid Content-Length$"
}

@test "bad-length: Content-Length: two" {
	check_fault bad-length "Weird server reply \(Invalid Content-Length" \
		"an invalid Content-Length$"
}

@test "conflicting-length: two different Content-Length headers" {
	check_fault conflicting-length "Transferred a partial file" \
		"conflicting Content-Length headers$"
}

@test "short-body: a body shorter than announced" {
	check_fault short-body "Transferred a partial file" \
		"the body is shorter than its Content-Length \(10 of 100 bytes\)$"
}

@test "bad-chunk: a chunk size that is not hexadecimal" {
	check_fault bad-chunk "Failure when receiving data from the peer \(Illegal or missing hexadecimal sequence in chunked-encoding\)$" \
		"an invalid chunk size$"
}

@test "hex-prefix-chunk: a chunk size written 0x2" {
	check_fault hex-prefix-chunk "A libcurl function was given a bad argument \(Failed reading the chunked-encoded stream\)$" \
		"an invalid chunk size$"
}

@test "chunk-overflow: a chunk size beyond 64 bits" {
	check_fault chunk-overflow "Failure when receiving data from the peer \(Too long hexadecimal number in chunked-encoding\)$" \
		"a chunk size too large$"
}

@test "missing-final-chunk: the chunks end without the last one" {
	check_fault missing-final-chunk "Transferred a partial file" \
		"the chunked body ended before its last chunk$"
}

@test "no-colon: a header line without a colon" {
	check_fault no-colon "Weird server reply \(Header without colon\)$" \
		"a header line without a name and a colon: \"This line has no colon\"$"
}

@test "big-header: one header of 1 MiB" {
	# libcurl 7.88 says "Out of memory"; later versions say "Too large
	# response headers".
	check_fault big-header "(Out of memory|.*Too large response headers)" \
		"the response's headers are larger than 64 KiB$"
}

@test "endless-headers: header lines without end" {
	check_fault endless-headers "(Out of memory|.*Too large response headers)" \
		"the response's headers are larger than 64 KiB$"
}

@test "nul-header: a NUL byte in a header" {
	check_fault nul-header "Weird server reply \(Nul byte in header\)$" \
		"a NUL byte in the headers$"
}

@test "mid-headers: the connection closes in the middle of the headers" {
	check_fault mid-headers "the response ended in its headers$" \
		"the response ended in its headers$"
}

@test "silent: a server that never answers" {
	NET_TIMEOUT=1
	check_fault silent "Timeout was reached" "timed out$"
}

@test "drip: one byte per second, beyond NET_TIMEOUT" {
	NET_TIMEOUT=1
	check_fault drip "Timeout was reached" "timed out$"
}

@test "redirect-loop: a redirect to itself" {
	check_fault redirect-loop "Number of redirects hit maximum amount" \
		"too many redirects \(more than 10\)$"
}

@test "redirect-file: a redirect to file:///etc/passwd" {
	check_fault redirect-file "Unsupported protocol \(Protocol \"file\" not supported" \
		"a redirect to a URL that is not http:// or https://: file:///etc/passwd$"
}

@test "redirect-no-location: a 302 without Location" {
	check_fault redirect-no-location \
		"a 302 redirect without a Location header$" \
		"a 302 redirect without a Location header$"
}

@test "huge-body: a body of 100 GiB" {
	check_fault huge-body "Maximum file size exceeded$" \
		"the body is larger than 64 MiB$"
}

# past_cap CLIENT FRAMING MIB: the error line of CLIENT for a body one
# past the cap of MIB MiB, sent with FRAMING (length, chunked or close);
# empty when the client rightly takes it: 1 keeps no body, and only a
# length announced stops libcurl there.
past_cap() {
	case $1/$2 in
	1-*/chunked | 1-*/close) ;;
	[0-3]-*/length) echo "^$1: Maximum file size exceeded" ;;
	[0-3]-*) echo "^$1: Failed writing received data to disk/application" ;;
	*) echo "^$1: the body is larger than $3 MiB$" ;;
	esac
}

# check_past_cap CLIENT FRAMING MIB: $status and $output are those of a
# body one past the cap: refused as past_cap says, or taken.
check_past_cap() {
	local reason
	reason=$(past_cap "$@")
	if [[ -z $reason ]]; then
		assert_success
	else
		assert_failure 1
		assert_output ""
		assert_error_line "$reason"
	fi
}

@test "huge-chunked, huge-close: a body of 65 MiB in chunks, or ended by the close, one past the cap" {
	local p framing
	for framing in chunked close; do
	for p in "${CLIENTS[@]}"; do
		echo "# $p huge-$framing"
		run_client "$p" "$MOCK_URL/fault/huge-$framing"
		# The fault has no X-Request-Id: 1 takes the body, and misses it.
		if [[ $p == 1-* ]]; then
			assert_failure 1
			assert_error_line "^$p: no X-Request-Id header in the response$"
		else
			check_past_cap "$p" "$framing" 64
		fi
	done
	done
}

@test "NET_MAX_BODY=1: a body of 1 MiB is taken whatever its framing, one byte more is refused" {
	local p framing
	export NET_MAX_BODY=1
	for p in "${CLIENTS[@]}"; do
	for framing in length chunked close; do
		echo "# $p, $framing: 1048576 bytes"
		run_client "$p" "$MOCK_URL/bytes/1048576?framing=$framing"
		assert_success
		assert_stderr ""
		case $p in
		[04]-*) assert_line --index 1 $'\t- length: 1048576' ;;
		[15]-*) assert_output "bytes" ;;
		esac
		echo "# $p, $framing: 1048577 bytes"
		run_client "$p" "$MOCK_URL/bytes/1048577?framing=$framing"
		check_past_cap "$p" "$framing" 1
	done
	# A value that is not a whole number of MiB from 1 to 64 leaves the
	# cap at 64 MiB: it can never be raised, nor turned into 0.
	for NET_MAX_BODY in 65 0 1.5 one; do
		echo "# $p, NET_MAX_BODY=$NET_MAX_BODY: 1048577 bytes"
		run_client "$p" "$MOCK_URL/bytes/1048577"
		assert_success
	done
	NET_MAX_BODY=1
	done
}

@test "TLS: a certificate for another host name" {
	check_all "$WRONGHOST_URL/status" \
		"SSL peer certificate or SSH remote key was not OK \(SSL: no alternative certificate subject name matches target host name '127.0.0.1'\)$" \
		"TLS: certificate of 127.0.0.1 not trusted: IP address mismatch$"
}

@test "TLS: an expired certificate" {
	check_all "$EXPIRED_URL/status" \
		"SSL peer certificate or SSH remote key was not OK \(SSL certificate problem: certificate has expired\)$" \
		"TLS: certificate of 127.0.0.1 not trusted: certificate has expired$"
}

@test "TLS: a self-signed certificate" {
	check_all "$SELFSIGNED_URL/status" \
		"SSL peer certificate or SSH remote key was not OK \(SSL certificate problem: self.signed certificate\)$" \
		"TLS: certificate of 127.0.0.1 not trusted: self.signed certificate$"
}

@test "no-reason: a status line without reason phrase is accepted by all" {
	check_legal no-reason "no-reason"
}

@test "no-headers: a response without any header is accepted by all" {
	local p
	for p in "${CLIENTS[@]}"; do
		echo "# $p"
		run_client "$p" "$MOCK_URL/fault/no-headers"
		case $p in
		[15]-*)
			assert_failure 1
			assert_stderr "$p: no X-Request-Id header in the response" ;;
		[04]-*)
			assert_success
			assert_output $'Body response:\n\t- length: 13\n\t- content: until the end' ;;
		*)
			assert_success
			assert_output "until the end" ;;
		esac
	done
}

@test "chunk-extensions: chunk extensions and a trailer are accepted by all" {
	check_legal chunk-extensions "chunks" "This is chunked"
}

@test "padded-values: spaces and tabs around header values are accepted by all" {
	check_legal padded-values "padded"
}

@test "folded-header: a header folded over several lines is accepted by all" {
	check_legal folded-header "first second"
}

@test "interim: 100 Continue and 103 Early Hints before the answer are skipped by all" {
	check_legal interim "interim"
}

@test "similar-names: X-Request-Ident and X-Request-Id-Old are not X-Request-Id" {
	check_legal similar-names "similar-names"
}

@test "no-content, not-modified: a 204 and a 304 have no body, whatever their fields say" {
	check_legal no-content "no-content" ""
	check_legal not-modified "not-modified" ""
}

@test "low-status: status 099, below the first there is (100), is refused" {
	check_fault low-status \
		"Unsupported protocol \(Unsupported response code in HTTP response\)$" \
		"bad status code 99$"
}

@test "relative: a redirect to \"target\" from /fault/relative/start leads to /fault/relative/target" {
	check_legal relative/start "relative"
}

# RFC 3986 section 5.4's examples, from the base http://a/b/c/d;p?q: the
# path each reference leads to, in the order of servers/mock_server.py's
# RFC3986 table (the reference is in the comment).
RFC3986_PATHS=(
	/b/c/g /b/c/g /b/c/g/ /g		# g ./g g/ /g
	"/b/c/d;p?y" "/b/c/g?y" /b/c/g "/b/c/g?y"	# ?y g?y g#s g?y#s
	"/b/c/;x" "/b/c/g;x" "/b/c/g;x?y"	# ;x g;x g;x?y#s
	/b/c/ /b/c/ /b/ /b/ /b/g / / /g		# . ./ .. ../ ../g ../.. ../../ ../../g
	/g /g /g /g				# ../../../g ../../../../g /./g /../g
	/b/c/g. /b/c/.g /b/c/g.. /b/c/..g	# g. .g g.. ..g
	/b/g /b/c/g/ /b/c/g/h /b/c/h		# ./../g ./g/. g/./h g/../h
	"/b/c/g;x=1/y" /b/c/y			# g;x=1/./y g;x=1/../y
	"/b/c/g?y/./x" "/b/c/g?y/../x" /b/c/g /b/c/g	# g?y/./x g?y/../x g#s/./x g#s/../x
)

@test "RFC 3986's redirect examples: relative, dot-segment and query-only Locations lead where the RFC says" {
	local p n path
	for p in "${CLIENTS[@]}"; do
	for n in "${!RFC3986_PATHS[@]}"; do
		# Under valgrind (make memcheck), one case in three, and only
		# the socket clients' own resolution: libcurl's is libcurl's.
		[[ -n $UNDER_VALGRIND ]] && { ((n % 3 == 0)) && [[ $p == [4-7]-* ]] || continue; }
		path=${RFC3986_PATHS[$n]}
		echo "# $p: reference $n leads to $path"
		resolved_here "$MOCK_PORT" run_client "$p" \
			"http://rfc3986-$n.test/b/c/d;p?q"
		assert_success
		case $p in
		[04]-*) assert_output "$(printf 'Body response:\n\t- length: %d\n\t- content: %s' "${#path}" "$path")" ;;
		*) assert_output "$path" ;;
		esac
	done
	done
}

@test "the socket clients (4-7) refuse URLs they cannot use" {
	local p url
	only "[4-7]-*"
	for p in "${SOME[@]}"; do
		for url in "ftp://127.0.0.1/" "http://user:pw@127.0.0.1/" \
			"http://127.0.0.1:99999/" "http://[zz]/" "not a URL" \
			"http://127.0.0.1/a b"; do
			echo "# $p $url"
			run_client "$p" "$url"
			assert_failure 1
			assert_output ""
			assert_error_line "^$p: (not an http:// or https:// URL|user names and passwords are refused|bad port|bad IPv6 address|a space or a control character): "
		done
	done
}

@test "an IPv6 literal is understood: [::1] is tried, and refused" {
	local p port
	only "[4-7]-*"
	port=$(free_port)
	for p in "${SOME[@]}"; do
		run_client "$p" "http://[::1]:$port/"
		assert_failure 1
		assert_error_line "^$p: cannot connect to ::1 port $port: (Connection refused|Cannot assign requested address|Network is unreachable|Address family not supported by protocol)$"
	done
}

@test "no-request-id: the header clients (1, 5) say it is missing" {
	local p
	only "[15]-*"
	for p in "${SOME[@]}"; do
		run_client "$p" "$MOCK_URL/fault/no-request-id"
		assert_failure 1
		assert_output ""
		assert_stderr "$p: no X-Request-Id header in the response"
	done
}
