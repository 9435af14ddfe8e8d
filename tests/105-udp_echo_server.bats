#!/usr/bin/env bats
# 105-udp_echo_server [PORT]: every datagram back to its sender.

load helper

PROG=105-udp_echo_server

setup_file() {
	start_server srv "$(prog $PROG)" 0
}

# echo [UDP.PY-ARGS...]: send datagrams to the server and say what came
# back (tests/udp.py): "from PORT", then "same N bytes", "other N bytes"
# or "no answer" for each.
echo_() {
	python3 "$ROOT/tests/udp.py" echo "$SRV_PORT" "$@"
}

@test "announces its address once listening" {
	run server_output srv
	assert_line --index 0 "Listening on 127.0.0.1:$SRV_PORT"
	assert_equal "$(bound_address "$SRV_PORT" -u)" "127.0.0.1"
}

@test "a datagram comes back byte for byte, and is logged with its sender" {
	run echo_ --text "Ping 1 1764123456.000001"
	assert_line --index 1 "same 24 bytes"
	local from=${lines[0]#from }
	run server_output srv
	assert_line --index -1 "Received 24 bytes from 127.0.0.1:$from"
}

@test "an empty datagram, every byte value, and the largest datagram" {
	run echo_ --size 0
	assert_line --index 1 "same 0 bytes"
	run server_output srv
	assert_line --index -1 --regexp "^Received 0 bytes from 127\.0\.0\.1:[0-9]+\$"
	run echo_ --bytes
	assert_line --index 1 "same 256 bytes"
	run echo_ --size 65507
	assert_line --index 1 "same 65507 bytes"
}

@test "each answer goes to its own sender" {
	run python3 "$ROOT/tests/udp.py" two "$SRV_PORT"
	assert_output "first got b'one'
second got b'two'"
}

@test "many datagrams from one socket: each answered" {
	run echo_ --count 50
	assert_equal "${#lines[@]}" 51
	refute_line "no answer"
}

@test "LOSS=30 LOSS_SEED=13: the same datagrams are dropped on every run" {
	local i
	for i in 1 2; do
		LOSS=30 LOSS_SEED=13 start_server lossy "$(prog $PROG)" 0
		run python3 "$ROOT/tests/udp.py" echo "$LOSSY_PORT" --count 10 --wait 0.3
		assert_output --regexp "^from [0-9]+
same 5 bytes
same 5 bytes
no answer
same 5 bytes
same 5 bytes
no answer
same 5 bytes
same 5 bytes
no answer
same 5 bytes\$"
		stop_server lossy
		assert_equal "$status" 0
		run server_output lossy
		assert_line --index 3 --regexp "^Received 5 bytes from 127\.0\.0\.1:[0-9]+ \(dropped\)\$"
		assert_line --index 4 --regexp "^Received 5 bytes from 127\.0\.0\.1:[0-9]+\$"
	done
}

@test "LOSS without LOSS_SEED starts the sequence at 1; LOSS=0 and LOSS=100" {
	LOSS=30 start_server lossy "$(prog $PROG)" 0
	run python3 "$ROOT/tests/udp.py" echo "$LOSSY_PORT" --count 10 --wait 0.3
	assert_equal "$(printf '%s\n' "${lines[@]:1}" | tr '\n' ' ')" \
		"same 5 bytes same 5 bytes no answer no answer same 5 bytes no answer no answer no answer no answer same 5 bytes "
	stop_server lossy
	LOSS=100 start_server lossy "$(prog $PROG)" 0
	run python3 "$ROOT/tests/udp.py" echo "$LOSSY_PORT" --count 3 --wait 0.3
	assert_output --regexp "^from [0-9]+
no answer
no answer
no answer\$"
	stop_server lossy
	LOSS=0 start_server lossy "$(prog $PROG)" 0
	run python3 "$ROOT/tests/udp.py" echo "$LOSSY_PORT" --count 20 --wait 2
	refute_line "no answer"
	stop_server lossy
}

# drops N: send N datagrams to the server "lossy" (started with LOSS), 50
# at a time, each batch once it logged the last (so that none is lost in
# the socket's buffer), and print its drops as 0s and 1s.
drops() {
	python3 - "$LOSSY_PORT" "$1" "$BATS_FILE_TMPDIR/lossy.out" <<'PY'
import socket, sys, time
port, n, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(n):
    s.sendto(b"datagram %d" % i, ("127.0.0.1", port))
    if i % 50 == 49 or i == n - 1:
        for _ in range(200):
            if open(log).read().count("Received") > i:
                break
            time.sleep(0.05)
PY
	server_output lossy | grep '^Received' |
		awk '{ printf "%d", / \(dropped\)$/ }'
}

# expected_drops N P [SEED]: the drops the documented sequence makes.
expected_drops() {
	python3 -c '
import sys
n, p, state = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
for _ in range(n):
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    sys.stdout.write("1" if p > 0 and (state >> 16) % 100 < p else "0")
' "$1" "$2" "${3:-1}"
}

@test "LOSS=1 and LOSS=50 over 300 datagrams: exactly the documented sequence's drops" {
	local loss
	for loss in 1 50; do
		LOSS=$loss start_server lossy "$(prog $PROG)" 0
		run drops 300
		assert_output "$(expected_drops 300 "$loss")"
		stop_server lossy
	done
}

@test "REPLY_DELAY: the answer comes late, but it comes" {
	REPLY_DELAY=1 start_server slow "$(prog $PROG)" 0
	run python3 "$ROOT/tests/udp.py" echo "$SLOW_PORT" --wait 0.2
	assert_line --index 1 "no answer"
	run python3 "$ROOT/tests/udp.py" echo "$SLOW_PORT" --wait 10
	assert_line --index 1 "same 5 bytes"
	stop_server slow
	assert_equal "$status" 0
}

@test "LOSS, LOSS_SEED or REPLY_DELAY that is not valid: one line, exit 1" {
	local v
	for v in 101 -1 abc 3.5 ' 5'; do
		LOSS=$v run --separate-stderr refusing "$(prog $PROG)" 0
		assert_failure 1
		assert_output ""
		assert_stderr "$PROG: LOSS must be a whole number from 0 to 100"
	done
	LOSS_SEED=x run --separate-stderr refusing "$(prog $PROG)" 0
	assert_failure 1
	assert_stderr "$PROG: LOSS_SEED must be a whole number from 0 to 2147483647"
	LOSS_SEED=2147483648 run --separate-stderr refusing "$(prog $PROG)" 0
	assert_failure 1
	assert_stderr "$PROG: LOSS_SEED must be a whole number from 0 to 2147483647"
	for v in soon 0 -1; do
		REPLY_DELAY=$v run --separate-stderr refusing "$(prog $PROG)" 0
		assert_failure 1
		assert_stderr "$PROG: REPLY_DELAY must be a number of seconds"
	done
}

@test "a port in use" {
	run --separate-stderr refusing "$(prog $PROG)" "$SRV_PORT"
	assert_failure 1
	assert_output ""
	assert_stderr "$PROG: cannot listen on 127.0.0.1:$SRV_PORT: Address already in use"
}

@test "wrong arguments: usage" {
	local port
	for port in eighty 65536 -1 ""; do
		run --separate-stderr refusing "$(prog $PROG)" "$port"
		assert_usage "Usage: ./$PROG [PORT]"
	done
	run --separate-stderr refusing "$(prog $PROG)" 1 2
	assert_usage "Usage: ./$PROG [PORT]"
}

@test "SIGINT: a last line, exit 0" {
	start_server sig "$(prog $PROG)" 0
	stop_server sig INT
	assert_equal "$status" 0
	run server_output sig
	assert_output "Listening on 127.0.0.1:$SIG_PORT
Server stopped"
}

@test "after all of the above, it stops cleanly on SIGTERM" {
	stop_server srv TERM
	assert_equal "$status" 0
	run server_output srv
	assert_line --index -1 "Server stopped"
}
