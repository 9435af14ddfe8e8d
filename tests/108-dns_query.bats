#!/usr/bin/env bats
# 108-dns_query NAME [TYPE] [SERVER[:PORT]]: DNS by hand, printed as
# `dig +short` prints it.
#
# The server is servers/dns_mock.py: fixed records under example.test, a
# fault for each name under fault.test, and a log of every query.

load helper

PROG=108-dns_query

setup_file() {
	start_server dns python3 "$ROOT/servers/dns_mock.py" \
		--log "$BATS_FILE_TMPDIR/dns.log"
	export SERVER="127.0.0.1:$DNS_PORT"
}

setup() {
	# A lost answer costs 0.2 s instead of 2.
	export DNS_TIMEOUT=0.2
}

# ask NAME [TYPE]: run the program against the mock.
ask() {
	run --separate-stderr checked "$(prog $PROG)" "$@" "$SERVER"
}

# same_as_dig NAME TYPE EXPECTED: the program prints EXPECTED, exactly what
# dig +short prints for the same question to the same server.
same_as_dig() {
	ask "$1" "$2"
	assert_success
	assert_exact_stdout "$3"$'\n'
	assert_equal "$output" "$(dig +short +tries=1 +time=2 -p "$DNS_PORT" @127.0.0.1 "$1" "$2")"
}

# queries: what the mock received, one line each: "udp" or "tcp", the ID,
# the flags, the question, the bytes in hex.
queries() {
	cat "$BATS_FILE_TMPDIR/dns.log"
}

@test "A: every address, as dig +short prints them" {
	# Every answer of the mock names its records' owner with a compression
	# pointer to the question: they read right only if pointers are
	# followed.
	same_as_dig example.test A $'192.0.2.1\n192.0.2.2'
	assert_stderr ""
}

@test "AAAA, MX, NS and TXT, as dig +short prints them" {
	same_as_dig example.test AAAA "2001:db8::1"
	same_as_dig example.test MX $'10 mail.example.test.\n20 mx2.example.test.'
	same_as_dig example.test NS $'ns1.example.test.\nns2.example.test.'
	same_as_dig example.test TXT $'"hello world" "v=spf1 -all"\n"second"'
}

@test "TXT: quote, backslash, ~, DEL, ESC and 0xff escaped as dig escapes them" {
	same_as_dig bytes.example.test TXT '"say \"hi\" \\ ~\127\027\255"'
}

@test "a CNAME: the alias's target, then the target's records" {
	same_as_dig www.example.test CNAME "example.test."
	same_as_dig www.example.test A $'example.test.\n192.0.2.1\n192.0.2.2'
}

@test "without TYPE: A; the type's name in any case" {
	ask example.test
	assert_exact_stdout $'192.0.2.1\n192.0.2.2\n'
	ask example.test mx
	assert_line --index 0 "10 mail.example.test."
}

@test "sends exactly this query: a random ID, RD, one question, class IN" {
	: >"$BATS_FILE_TMPDIR/dns.log"
	ask example.test MX
	ask example.test MX
	ask example.test MX
	run queries
	# ID, flags 0100 (RD), QDCOUNT 1, then 7example4test0, MX (15), IN.
	assert_line --index 0 --regexp "^udp id=[0-9]+ flags=0100 example.test 15 1 [0-9a-f]{4}01000001000000000000076578616d706c65047465737400000f0001\$"
	assert_equal "${#lines[@]}" 3
	# Three queries, three IDs (the same three times: 1 chance in 2^32).
	run bash -c "cut -d' ' -f2 '$BATS_FILE_TMPDIR/dns.log' | sort -u | wc -l"
	refute_output 1
}

@test "a truncated answer (TC): asked again over TCP, every record read" {
	: >"$BATS_FILE_TMPDIR/dns.log"
	ask big.example.test A
	assert_success
	assert_equal "${#lines[@]}" 40
	assert_line --index 0 "198.51.100.1"
	assert_line --index 39 "198.51.100.40"
	run queries
	assert_line --index 0 --regexp "^udp id=[0-9]+ flags=0100 big.example.test 1 1 "
	assert_line --index 1 --regexp "^tcp id=[0-9]+ flags=0100 big.example.test 1 1 "
	# The same query both times.
	assert_equal "$(cut -d' ' -f2- <<<"${lines[0]}")" "$(cut -d' ' -f2- <<<"${lines[1]}")"
}

@test "an answer with another ID is not the answer: the right one is awaited" {
	ask wrong-id.fault.test
	assert_success
	assert_exact_stdout $'192.0.2.9\n'
}

# refused_answer NAME REASON: the program fails on NAME with REASON.
refused_answer() {
	ask "$1"
	assert_failure 1
	assert_output ""
	assert_stderr "$PROG: $1: $2"
}

@test "NXDOMAIN, SERVFAIL, REFUSED and an empty answer: each its own line" {
	refused_answer nx.example.test "no such name (NXDOMAIN)"
	refused_answer servfail.example.test "the server failed (SERVFAIL)"
	refused_answer refused.example.test "the server refused to answer (REFUSED)"
	refused_answer empty.example.test "no record of that type"
}

@test "no answer at all: 3 tries of DNS_TIMEOUT each, the same query" {
	: >"$BATS_FILE_TMPDIR/dns.log"
	refused_answer silent.fault.test "no answer (3 tries)"
	run queries
	assert_equal "${#lines[@]}" 3
	assert_equal "$(cut -d' ' -f2- "$BATS_FILE_TMPDIR/dns.log" | sort -u | wc -l)" 1
}

@test "an answer from another port is not taken" {
	refused_answer other-port.fault.test "no answer (3 tries)"
}

@test "an answer that is not one: QR 0, another question, too short" {
	refused_answer no-qr.fault.test "the answer is not a response (QR is 0)"
	refused_answer other-q.fault.test "an answer to another question"
	refused_answer garbage.fault.test "the answer is shorter than a DNS header"
}

@test "compression pointers: a loop, past the end, forward" {
	refused_answer loop.fault.test "a compression pointer loop"
	refused_answer past.fault.test "a compression pointer past the end"
	refused_answer forward.fault.test "a compression pointer forward"
}

@test "names: a label over 63 bytes; a name of 255 bytes read, 256 refused" {
	refused_answer label.fault.test "a label longer than 63 bytes"
	same_as_dig edge.fault.test A "192.0.2.9"
	refused_answer long.fault.test "a name longer than 255 bytes"
}

@test "a name's bytes escaped as dig escapes them: \\DDD, \\. inside a label" {
	# The target's labels hold ESC, a dot, a NUL, a backslash, a space,
	# quotes, parentheses, ; @ $, DEL and 0xFF: none may reach the
	# terminal raw, a dot in a label is not a separator, a NUL does not
	# end the name.
	same_as_dig escaped.fault.test CNAME \
		'a\027b.c\.d.e\000f.g\\h\032\"i\"\(j\)\;\@\$\127\255.test.'
	assert_stderr ""
}

@test "a message shorter than it says: counts, a record cut, TCP cut" {
	refused_answer counts.fault.test "ANCOUNT counts more records than the message holds"
	refused_answer short.fault.test "the message is cut short"
	refused_answer tc-only.fault.test "the message is cut short"
}

@test "truncated, and then no answer over TCP: a timeout, not a hang" {
	refused_answer tcp-silent.fault.test "no answer over TCP (timed out)"
}

@test "a port with no DNS server: refused" {
	run --separate-stderr checked "$(prog $PROG)" example.test A "127.0.0.1:$(free_port)"
	assert_failure 1
	assert_output ""
	assert_stderr "$PROG: example.test: connection refused: no DNS server on that port"
}

@test "an IPv6 server: [::1]:PORT" {
	start_server six python3 "$ROOT/servers/dns_mock.py" --host ::1
	run --separate-stderr checked "$(prog $PROG)" example.test AAAA "[::1]:$SIX_PORT"
	assert_success
	assert_exact_stdout $'2001:db8::1\n'
}

@test "without SERVER: DNS_SERVER" {
	DNS_SERVER=$SERVER run --separate-stderr checked "$(prog $PROG)" example.test
	assert_success
	assert_exact_stdout $'192.0.2.1\n192.0.2.2\n'
	DNS_SERVER=nowhere run --separate-stderr checked "$(prog $PROG)" example.test
	assert_failure 1
	assert_stderr "$PROG: DNS_SERVER must be ADDRESS[:PORT]"
}

@test "without SERVER or DNS_SERVER: the first nameserver of /etc/resolv.conf" {
	# A private /etc/resolv.conf needs a mount namespace, and port 53
	# needs root: where neither is there, this test cannot run.
	[[ $(id -u) -eq 0 ]] && unshare --mount true 2>/dev/null ||
		skip "needs root and unshare(1)"
	start_server dns53 python3 "$ROOT/servers/dns_mock.py" --port 53 ||
		skip "port 53 is in use"
	printf '# a comment\nsearch example.test\nnameserver 127.0.0.1\nnameserver 192.0.2.53\n' \
		>"$BATS_TEST_TMPDIR/resolv.conf"
	run --separate-stderr unshare --mount sh -c \
		'mount --bind "$1" /etc/resolv.conf && shift && exec "$@"' _ \
		"$BATS_TEST_TMPDIR/resolv.conf" "$(prog $PROG)" example.test
	assert_success
	assert_output $'192.0.2.1\n192.0.2.2'
}

@test "NAME that cannot be a DNS name" {
	local long
	long=$(printf 'a%.0s' {1..64})
	for name in a..b .example.test "$long.test" \
		"$(printf 'abcdefghi.%.0s' {1..26})test"; do
		run --separate-stderr checked "$(prog $PROG)" "$name" A "$SERVER"
		assert_failure 1
		assert_output ""
		assert_stderr "$PROG: $name: not a DNS name"
	done
}

@test "DNS_TIMEOUT that is not a number of seconds" {
	DNS_TIMEOUT=soon ask example.test
	assert_failure 1
	assert_stderr "$PROG: example.test: DNS_TIMEOUT must be a number of seconds"
}

@test "wrong arguments: usage" {
	local usage="Usage: ./$PROG NAME [A|AAAA|CNAME|MX|NS|TXT] [SERVER[:PORT]]"
	run --separate-stderr "$(prog $PROG)"
	assert_usage "$usage"
	run --separate-stderr "$(prog $PROG)" example.test SOA "$SERVER"
	assert_usage "$usage"
	run --separate-stderr "$(prog $PROG)" example.test A 1.2.3
	assert_usage "$usage"
	run --separate-stderr "$(prog $PROG)" example.test A 127.0.0.1:0
	assert_usage "$usage"
	run --separate-stderr "$(prog $PROG)" example.test A "$SERVER" extra
	assert_usage "$usage"
}
