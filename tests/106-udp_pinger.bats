#!/usr/bin/env bats
# 106-udp_pinger HOST PORT [COUNT]: pings over UDP, and ping's summary.
#
# The server is servers/udp_mock.py, an echo server whose faults are set
# per ping (--drop 2: no answer to ping 2) and which logs each datagram.

load helper

PROG=106-udp_pinger
# A reply line, up to its time.
REPLY='Reply from 127\.0\.0\.1: seq='
TIME='time=[0-9]+\.[0-9]{3} ms'
RTT='rtt min/avg/max = [0-9]+\.[0-9]{3}/[0-9]+\.[0-9]{3}/[0-9]+\.[0-9]{3} ms'

setup() {
	# A lost ping costs 0.3 s instead of 1.
	export PING_TIMEOUT=0.3
}

# udp_mock NAME [UDP_MOCK.PY-ARGS...]: start a mock; NAME_PORT is its port.
udp_mock() {
	local name=$1
	shift
	start_server "$name" python3 "$ROOT/servers/udp_mock.py" \
		--log "$BATS_TEST_TMPDIR/$name.log" "$@"
}

# ping_mock [UDP_MOCK.PY-ARGS...] -- [COUNT]: ping a new mock COUNT times.
ping_mock() {
	local args=()
	while [[ $1 != -- ]]; do args+=("$1"); shift; done
	shift
	udp_mock mock "${args[@]}"
	run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 "$MOCK_PORT" "$@"
}

# check_summary: the last line's min/avg/max are the least, the mean
# (rounded down to the microsecond) and the greatest of the round trips
# printed in the Reply lines of $output.
check_summary() {
	local want
	want=$(awk '/^Reply from/ { t = $NF == "ms" ? $(NF-1) : $NF;
			sub(/^time=/, "", t); sub(/\./, "", t); t += 0;
			if (n == 0 || t < min) min = t; if (t > max) max = t;
			sum += t; n++ }
		END { if (n) printf "rtt min/avg/max = %d.%03d/%d.%03d/%d.%03d ms",
			min / 1000, min % 1000, int(sum / n) / 1000,
			int(sum / n) % 1000, max / 1000, max % 1000 }' <<<"$output")
	[[ -n $want ]]
	assert_line --index -1 "$want"
}

@test "three replies: a line each, then ping's summary" {
	ping_mock -- 3
	assert_success
	assert_output --regexp "^PING 127\.0\.0\.1 port $MOCK_PORT
${REPLY}1 $TIME
${REPLY}2 $TIME
${REPLY}3 $TIME

--- 127\.0\.0\.1 port $MOCK_PORT ping statistics ---
3 packets transmitted, 3 received, 0% packet loss
$RTT\$"
	assert_stderr ""
}

@test "sends exactly \"Ping SEQ TIME\", SEQ from 1, TIME in seconds and microseconds" {
	ping_mock -- 3
	run cat "$BATS_TEST_TMPDIR/mock.log"
	assert_output --regexp "^Ping 1 [0-9]{10}\.[0-9]{6}
Ping 2 [0-9]{10}\.[0-9]{6}
Ping 3 [0-9]{10}\.[0-9]{6}\$"
}

@test "each round trip printed in ms: 200 ms of delay reads 200.000 to 999.999 ms" {
	PING_TIMEOUT=2 ping_mock --delay 200 -- 2
	assert_success
	local ms='[2-9][0-9]{2}\.[0-9]{3}'
	assert_line --index 1 --regexp "^${REPLY}1 time=$ms ms$"
	assert_line --index 2 --regexp "^${REPLY}2 time=$ms ms$"
	assert_line --index -1 --regexp "^rtt min/avg/max = $ms/$ms/$ms ms$"
}

@test "the summary's min, avg and max are those of the round trips printed" {
	ping_mock --delay 300,100,200 -- 3
	assert_success
	check_summary
}

@test "without COUNT: 10 pings" {
	ping_mock --
	assert_success
	assert_line --index 10 --regexp "^${REPLY}10 $TIME\$"
	assert_line "10 packets transmitted, 10 received, 0% packet loss"
}

@test "a ping without an answer: Request timed out, and the loss counted" {
	ping_mock --drop 2 -- 3
	assert_success
	assert_line --index 1 --regexp "^${REPLY}1 $TIME\$"
	assert_line --index 2 "Request timed out: seq=2"
	assert_line --index 3 --regexp "^${REPLY}3 $TIME\$"
	assert_line "3 packets transmitted, 2 received, 33% packet loss"
	assert_line --regexp "^$RTT\$"
}

@test "30 % loss with 105-udp_echo_server's LOSS_SEED=1: pings 3, 4, 6, 7, 8, 9 are lost" {
	ping_mock --loss 30 --seed 1 --delay 20 -- 10
	assert_success
	check_summary
	assert_equal "$(grep -c '^Reply' <<<"$output")" 4
	assert_line --index 3 "Request timed out: seq=3"
	assert_line --index 4 "Request timed out: seq=4"
	assert_line --index 6 "Request timed out: seq=6"
	assert_line --index 7 "Request timed out: seq=7"
	assert_line --index 8 "Request timed out: seq=8"
	assert_line --index 9 "Request timed out: seq=9"
	assert_line "10 packets transmitted, 4 received, 60% packet loss"
}

@test "a late echo is not the reply to the next ping" {
	# Ping 2's echo comes only with ping 3, whose own echo never does.
	ping_mock --late 2 --drop 3 -- 4
	assert_success
	assert_line --index 2 "Request timed out: seq=2"
	assert_line --index 3 "Request timed out: seq=3"
	assert_line --index 4 --regexp "^${REPLY}4 $TIME\$"
	assert_line "4 packets transmitted, 2 received, 50% packet loss"
}

@test "an echo sent twice counts once, and is not the reply to the next ping" {
	ping_mock --twice 1 --drop 2 -- 3
	assert_success
	assert_line --index 1 --regexp "^${REPLY}1 $TIME\$"
	assert_line --index 2 "Request timed out: seq=2"
	assert_line --index 3 --regexp "^${REPLY}3 $TIME\$"
	assert_line "3 packets transmitted, 2 received, 33% packet loss"
}

@test "an answer with other bytes, or more bytes, is not a reply" {
	ping_mock --wrong 2 -- 3
	assert_line --index 2 "Request timed out: seq=2"
	assert_line "3 packets transmitted, 2 received, 33% packet loss"
	udp_mock longer --longer 1
	run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 "$LONGER_PORT" 2
	assert_line --index 1 "Request timed out: seq=1"
	assert_line "2 packets transmitted, 1 received, 50% packet loss"
}

@test "an answer from another port is not a reply" {
	ping_mock --other-port 2 -- 3
	assert_line --index 2 "Request timed out: seq=2"
	assert_line "3 packets transmitted, 2 received, 33% packet loss"
}

@test "no reply at all: 100% loss, no rtt line, exit 1" {
	ping_mock --drop 1,2 -- 2
	assert_failure 1
	assert_output "PING 127.0.0.1 port $MOCK_PORT
Request timed out: seq=1
Request timed out: seq=2

--- 127.0.0.1 port $MOCK_PORT ping statistics ---
2 packets transmitted, 0 received, 100% packet loss"
	assert_stderr ""
}

@test "a port nobody listens on: Port unreachable (ICMP), exit 1" {
	local port
	port=$(free_port)
	PING_TIMEOUT=10 run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 "$port" 2
	assert_failure 1
	assert_output "PING 127.0.0.1 port $port
Port unreachable: seq=1
Port unreachable: seq=2

--- 127.0.0.1 port $port ping statistics ---
2 packets transmitted, 0 received, 100% packet loss"
}

@test "IPv6: ::1" {
	udp_mock six --host ::1
	run --separate-stderr checked "$(prog $PROG)" ::1 "$SIX_PORT" 2
	assert_success
	assert_line --index 1 --regexp "^Reply from ::1: seq=1 $TIME\$"
}

@test "a host name that does not resolve: one line, nothing on stdout" {
	run --separate-stderr checked "$(prog $PROG)" "$BAD_HOST" 12000
	assert_failure 1
	assert_output ""
	assert_error "^$PROG: cannot resolve $BAD_HOST: "
}

@test "PING_TIMEOUT that is not a number of seconds" {
	local t
	for t in soon 0 -1; do
		PING_TIMEOUT=$t run --separate-stderr checked "$(prog $PROG)" 127.0.0.1 12000
		assert_failure 1
		assert_output ""
		assert_error "^$PROG: PING_TIMEOUT must be a number of seconds\$"
	done
}

@test "wrong arguments: usage" {
	local args
	for args in "" "127.0.0.1" "127.0.0.1 0" "127.0.0.1 eighty" \
		"127.0.0.1 65536" "127.0.0.1 12000 0" "127.0.0.1 12000 1001" \
		"127.0.0.1 12000 ten" "127.0.0.1 12000 -1" "127.0.0.1 12000 3 4"; do
		# shellcheck disable=SC2086 # the words are the arguments
		run --separate-stderr "$(prog $PROG)" $args
		assert_usage "Usage: ./$PROG HOST PORT [COUNT]"
	done
}
