#!/usr/bin/env bats
# 107-resolve NAME: every address of NAME, through getaddrinfo().
#
# Nothing here asks a DNS server: the names are numeric, or localhost
# (from /etc/hosts), or a name the resolver refuses itself ($BAD_HOST).

load helper

PROG=107-resolve

# peer NAME: what Python's socket.getaddrinfo() (the same C library call)
# gives for NAME, each address once, in its order.
peer() {
	python3 - "$1" <<'PY'
import socket, sys
seen = []
for family, _, _, _, addr in socket.getaddrinfo(sys.argv[1], None):
    if family in (socket.AF_INET, socket.AF_INET6) and addr[0] not in seen:
        seen.append(addr[0])
print("\n".join(seen))
PY
}

@test "localhost: the addresses the resolver gives, each once, in its order" {
	run --separate-stderr checked "$(prog $PROG)" localhost
	assert_success
	assert_output "$(peer localhost)"
	assert_line "127.0.0.1"
	assert_stderr ""
}

@test "a name with IPv4 and IPv6 addresses interleaved: the resolver's order, not one family then the other" {
	local hosts
	# A private hosts file (nss_wrapper), read by the program and by peer.
	hosts=$(mktemp /tmp/hosts.XXXXXX)
	chmod 644 "$hosts"
	printf '127.0.0.2 mixed.test\n::1 mixed.test\n127.0.0.1 mixed.test\n' >"$hosts"
	export LD_PRELOAD=libnss_wrapper.so NSS_WRAPPER_HOSTS=$hosts
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		run --separate-stderr checked "$(prog $PROG)" mixed.test
	local expected
	expected=$(peer mixed.test)
	unset LD_PRELOAD NSS_WRAPPER_HOSTS
	rm -f "$hosts"
	assert_success
	assert_output "$expected"
	assert_equal "${#lines[@]}" 3
	# Not sorted by family: an IPv6 address between two IPv4 ones.
	assert_line --index 1 "::1"
}

@test "an IPv4 address is its own answer, once (not once per socket type)" {
	run --separate-stderr checked "$(prog $PROG)" 127.0.0.1
	assert_success
	assert_exact_stdout $'127.0.0.1\n'
}

@test "an IPv6 address, written in its shortest form" {
	run --separate-stderr checked "$(prog $PROG)" 0:0:0::1
	assert_success
	assert_exact_stdout $'::1\n'
	run --separate-stderr checked "$(prog $PROG)" 2001:DB8:0:0:0:0:0:1
	assert_exact_stdout $'2001:db8::1\n'
}

@test "a name that does not resolve: gai_strerror's reason, nothing on stdout" {
	# A label of 64 characters: the resolver refuses it without asking
	# any server ("Name or service not known" in glibc's words).
	run --separate-stderr checked "$(prog $PROG)" "$BAD_HOST"
	assert_error "^$PROG: cannot resolve $BAD_HOST: [A-Z][a-z]+.*[a-z]\$"
}

@test "an unwritable stdout" {
	run --separate-stderr bash -c '"$@" >/dev/full' _ "$(prog $PROG)" 127.0.0.1
	assert_failure 1
	assert_stderr "$PROG: cannot write output: No space left on device"
}

@test "wrong arguments: usage" {
	run --separate-stderr "$(prog $PROG)"
	assert_usage "Usage: ./$PROG NAME"
	run --separate-stderr "$(prog $PROG)" localhost extra
	assert_usage "Usage: ./$PROG NAME"
}
