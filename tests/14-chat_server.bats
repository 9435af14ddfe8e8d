#!/usr/bin/env bats
# 14-chat_server [PORT]: a chat room; tests/chat.py plays the people in it.

load helper
load hello

PROG=14-chat_server
WELCOME="Commands: /nick NAME, /who, /quit"

# Each test gets a fresh room, so default nicknames start at guest1.
setup() {
	start_server srv "$(prog $PROG)" 0
}

# Stopping it also checks that it exits cleanly: under the sanitizers or
# valgrind, a leak or a memory error makes the exit status 99.
teardown() {
	[[ -n "${BATS_TEST_COMPLETED:-}" ]] || dump_servers
	if [[ -e "$BATS_FILE_TMPDIR/srv.pid" ]]; then
		stop_server srv
		assert_equal "$status" 0
	fi
	stop_test_servers
}

chat() {
	python3 "$ROOT/tests/chat.py" "$SRV_PORT" "$@"
}

@test "announces its address once listening" {
	check_announces
}

@test "a newcomer is welcomed with a default nickname" {
	run chat +a
	assert_output "a| Welcome, guest1! $WELCOME"
}

@test "a line reaches every other client as nick> text, not its author" {
	run chat +a +b +c 'a>hello, room' 'b?guest1> hello, room' \
		'c?guest1> hello, room' 'a>/who' 'a?* here: guest1, guest2, guest3'
	assert_success
	assert_output "a| Welcome, guest1! $WELCOME
a| * guest2 joined
a| * guest3 joined
a| * here: guest1, guest2, guest3
b| Welcome, guest2! $WELCOME
b| * guest3 joined
b| guest1> hello, room
c| Welcome, guest3! $WELCOME
c| guest1> hello, room"
}

@test "joins and leaves are announced, and printed by the server" {
	run chat +a +b 'a?* guest2 joined' -b 'a?* guest2 left'
	assert_output "a| Welcome, guest1! $WELCOME
a| * guest2 joined
a| * guest2 left
b| Welcome, guest2! $WELCOME"
	run server_output srv
	assert_line --index 1 "* guest1 joined"
	assert_line --index 2 "* guest2 joined"
	assert_line --index 3 "* guest2 left"
}

@test "/nick renames, everyone is told, later lines carry the new name" {
	run chat +a +b 'a>/nick ada' 'a?* guest1 is now ada' \
		'b?* guest1 is now ada' 'a>hi' 'b?ada> hi'
	assert_success
	assert_line "a| * guest1 is now ada"
	assert_line "b| * guest1 is now ada"
	assert_line "b| ada> hi"
	run server_output srv
	assert_line "* guest1 is now ada"
}

@test "/nick refuses bad and taken nicknames" {
	local bad="! a nickname is 1 to 16 letters, digits, '-' or '_'"
	run chat +a +b 'b>/nick bob' 'b?* guest2 is now bob' \
		'a>/nick ' "a?$bad" 'a>/nick two words' \
		'a>/nick seventeen-chars-x' 'a>/nick é' 'a>/nick a>b' 'a>/nick x!' \
		'a>/nick BOB' \
		'a?! that nickname is taken' 'a>/who' 'a?* here: guest1, bob'
	assert_success
	assert_output "a| Welcome, guest1! $WELCOME
a| * guest2 joined
a| * guest2 is now bob
a| $bad
a| $bad
a| $bad
a| $bad
a| $bad
a| $bad
a| ! that nickname is taken
a| * here: guest1, bob
b| Welcome, guest2! $WELCOME
b| * guest2 is now bob"
}

@test "/nick with one's own nickname in other capitals renames, it is not taken" {
	run chat +a +b 'b>/nick bob' 'b?* guest2 is now bob' \
		'b>/nick BOB' 'b?* bob is now BOB' 'a>/who' 'a?* here: guest1, BOB'
	assert_success
	assert_output "a| Welcome, guest1! $WELCOME
a| * guest2 joined
a| * guest2 is now bob
a| * bob is now BOB
a| * here: guest1, BOB
b| Welcome, guest2! $WELCOME
b| * guest2 is now bob
b| * bob is now BOB"
}

@test "a nickname of exactly 16 characters is accepted" {
	run chat +a 'a>/nick sixteen-chars-xx' 'a?* guest1 is now sixteen-chars-xx'
	assert_success
}

@test "/quit says goodbye, closes, and the room is told" {
	run chat +a +b 'a>/quit' a. 'b?* guest1 left'
	assert_success
	assert_line "a| Bye!"
	assert_line "a| (closed)"
	assert_line "b| * guest1 left"
}

@test "an unknown command is answered, not broadcast" {
	run chat +a +b 'a>/dance' 'a?! unknown command; try /nick NAME, /who or /quit' \
		'a>real line' 'b?guest1> real line'
	assert_success
	refute_line --partial "b| guest1> /dance"
}

@test "a partial line waits for its newline; CRLF is accepted" {
	run chat +a +b 'a>>hel' 'a>>lo, ' $'a>world\r' 'b?guest1> hello, world' \
		$'a>second\r' 'b?guest1> second'
	assert_success
	assert_output --partial "b| guest1> hello, world
b| guest1> second"
}

@test "empty lines are ignored, control characters shown as ?" {
	run chat +a +b 'a>' $'a>\e[2Jcleared\a' 'b?guest1> ?[2Jcleared?'
	assert_success
	assert_output "a| Welcome, guest1! $WELCOME
a| * guest2 joined
b| Welcome, guest2! $WELCOME
b| guest1> ?[2Jcleared?"
}

@test "a NUL byte is shown as ? too, and the line goes on after it" {
	# chat.py sends \0 as a NUL byte.
	run chat +a +b 'a>one\0two' 'b?guest1> one?two'
	assert_success
	assert_output --partial "b| guest1> one?two"
}

@test "a line of 512 bytes is sent; 513 bytes is refused with a notice" {
	local max long
	max=$(printf 'm%.0s' {1..512})
	long=$(printf 'l%.0s' {1..5000})
	run chat +a +b "a>$max" "b?guest1> $max" "a>x$max" \
		'a?! line too long (at most 512 bytes): not sent' "a>$long" \
		'a>after' 'b?guest1> after'
	assert_success
	assert_output "a| Welcome, guest1! $WELCOME
a| * guest2 joined
a| ! line too long (at most 512 bytes): not sent
a| ! line too long (at most 512 bytes): not sent
b| Welcome, guest2! $WELCOME
b| guest1> $max
b| guest1> after"
}

@test "a client that never reads is dropped; the others keep chatting" {
	# 5 MB of chat: more than the kernel's socket buffers (4 MB at most)
	# plus the server's 64 KiB cap for the one client that never reads.
	run chat +s/slow +a +b 'a*10000:500' \
		'b?* guest1 left (disconnected: not reading)' 'a>still here' \
		'b?guest2> still here'
	assert_success
	refute_line "b| * guest2 left"
	run server_output srv
	assert_line --index 4 "* guest1 left (disconnected: not reading)"
}

@test "a client that vanishes mid-line is announced as gone" {
	hello vanish "$SRV_PORT"
	run chat +a 'a>/who' 'a?* here: guest2'
	assert_success
	run server_output srv
	assert_line "* guest1 left"
}

@test "1,000 people in the room at once" {
	run hello many "$SRV_PORT" 1000
	run chat +a 'a>/who' 'a?* here: guest1001'
	assert_success
	run server_output srv
	assert_line "* guest1000 joined"
	assert_line "* guest1000 left"
}

@test "SIGTERM with a client connected: a last line, exit 0" {
	check_signal TERM
}

@test "SIGTERM with people in the room: who was there is logged, then the last line" {
	local welcome
	start_server sig "$(prog $PROG)" 0
	exec 5<>"/dev/tcp/127.0.0.1/$SIG_PORT"
	read -r -t 10 welcome <&5
	exec 6<>"/dev/tcp/127.0.0.1/$SIG_PORT"
	read -r -t 10 welcome <&6
	stop_server sig TERM
	exec 5<&- 6<&-
	assert_equal "$status" 0
	run server_output sig
	assert_equal "${#lines[@]}" 6
	assert_line --index 1 "* guest1 joined"
	assert_line --index 2 "* guest2 joined"
	assert_line "* guest1 left (server stopping)"
	assert_line "* guest2 left (server stopping)"
	assert_line --index -1 "Server stopped"
}

@test "SIGINT: a last line, exit 0" {
	check_signal INT
}

@test "a port in use" {
	check_port_in_use
}

@test "a port that is not a number from 0 to 65535, or two ports" {
	check_bad_ports
}
