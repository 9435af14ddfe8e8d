#!/usr/bin/env bats
# The lesson lives in the exercise. grading/exercises says, for each
# exercise, the calls and names its opening comment says it teaches
# ("teaches") and the files the student writes for it ("writes"), in the
# order of study. tests/lessons.py checks that each lesson is in the files
# first written in its exercise, that each module's functions are called
# by the exercise that writes it, and the rules of the README's
# "Requirements students work under".

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)

@test "every call an exercise teaches is in the files it writes first" {
	# Quoted words stay whole ("Host: "), comments and #include lines do
	# not count, and a word found only in a module of an earlier exercise
	# is not this exercise's lesson.
	run python3 "$ROOT/tests/lessons.py" teaches
	assert_success
	assert_output ""
}

@test "every public function of a module is called by the exercise that writes it" {
	# Built at -O0 with --gc-sections, a program keeps only the functions
	# some path from main() calls: a function first called by a later
	# exercise is missing from the one that writes it.
	cd "$ROOT"
	make -s O="$BATS_FILE_TMPDIR/reach" CC=gcc \
		CFLAGS="-O0 -ffunction-sections" LDFLAGS="-Wl,--gc-sections" all
	run python3 "$ROOT/tests/lessons.py" reach "$BATS_FILE_TMPDIR/reach"
	assert_success
	assert_output ""
}

@test "the rules students work under hold for every file" {
	# Functions of at most 40 lines, files of at most 350 (clients) or
	# 500 lines (servers), header guards named after their paths, no
	# global variable but signal flags.
	run --separate-stderr python3 "$ROOT/tests/lessons.py" budgets
	assert_success
	assert_output ""
}

@test "every lib/ module's \"Used by\" names exactly the exercises that compile it" {
	run python3 "$ROOT/tests/lessons.py" used
	assert_success
	assert_output ""
}

@test "every lib/ file says whether it is given or written in an exercise, and which use it" {
	cd "$ROOT"
	local f missing=()
	for f in lib/*.c lib/*/*.c; do
		head -n 20 "$f" | grep -Eq '(Given plumbing|Written in exercise [0-9]+)' &&
			head -n 20 "$f" | grep -Eq '[Uu]sed by' ||
			missing+=("$f")
	done
	assert_equal "${missing[*]}" ""
}

@test "a module written in an exercise is written by the student in every exercise that uses it" {
	# Never given to one exercise while another asks the student for it.
	cd "$ROOT"
	run awk '$1 == "writes" { for (i = 2; i <= NF; i++) w[$i] = 1 }
		$1 == "given" { for (i = 2; i <= NF; i++) g[$i] = 1 }
		END { for (f in w) if (f in g) print f " is both written and given" }' \
		grading/exercises
	assert_output ""
}
