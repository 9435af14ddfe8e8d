#!/usr/bin/env bats
# The students' edition (make student DIR=...): what a teacher hands out.
# It must hold no reference code, grade an untouched copy at 0 without
# crashing or hanging, and give full marks once the reference's files are
# copied in.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)

setup_file() {
	export ED="$BATS_FILE_TMPDIR/edition"
	make -s -C "$ROOT" student DIR="$ED" >/dev/null
}

@test "make student without DIR says how to use it" {
	run make -s -C "$ROOT" student
	assert_failure 2
	assert_line --index 0 "Usage: make student DIR=path"
}

@test "the edition holds no reference code: no solution file, no function body of one" {
	run bash -c 'cd "$ED" && ls [0-9]*-*.c 2>/dev/null'
	assert_output ""
	# nor the mutation list, whose lines quote the solutions
	[[ ! -e $ED/grading/mutants && ! -e $ED/scripts/mutants ]]
	run python3 - "$ROOT" "$ED" <<'PY'
import os, re, sys
root, ed = sys.argv[1:]
written = set()
for line in open(root + "/grading/exercises"):
    w = line.split()
    if w and w[0] == "writes":
        written.update(w[1:])
edition = ""
for d, _, files in os.walk(ed):
    for f in files:
        try:
            edition += open(os.path.join(d, f), errors="replace").read()
        except OSError:
            pass
for f in sorted(written):
    text = open(os.path.join(root, f)).read()
    # Every function body of three lines or more, from "{" to "}".
    for body in re.findall(r"(?m)^\{\n((?:.*\n){3,}?)\}$", text):
        if body in edition:
            print("%s: a function body is in the edition:\n%s" % (f, body))
PY
	assert_success
	assert_output ""
}

@test "each module to write is a stub that compiles, with its header's every function" {
	cd "$ED"
	local f fn missing=()
	# Every lib/ file grading/exercises says a student writes.
	for f in $(awk '$1 == "writes" { for (i = 2; i <= NF; i++) print $i }' \
		"$ROOT/grading/exercises" | grep '^lib/' | sort -u); do
		grep -q "TO WRITE (exercise " "$f" || missing+=("$f: no TO WRITE")
		gcc -Wall -Werror -Wextra -pedantic -std=gnu89 -I. -c -o /dev/null "$f" ||
			missing+=("$f: does not compile")
		for fn in $(sed -nE 's/^[a-z][^(]*[ *]([a-z_]+)\(.*/\1/p' "${f%.c}.h"); do
			grep -q "^[a-z].*[ *]$fn(" "$f" || missing+=("$f: no $fn")
		done
	done
	assert_equal "${missing[*]}" ""
}

@test "the edition's README states the exercises, not the reference's walkthrough" {
	run grep -E '^## ' "$ED/README.md"
	assert_output "## Set up, and grade your work
## What you learn
## Order of study
## Requirements students work under
## Exercises
## Conventions every client follows
## The mock server
## Tests"
	run grep -c '^| [0-9]* | `' "$ED/README.md"
	assert_output "$(grep -c '^[0-9]' "$ROOT/grading/exercises")"
}

@test "./grade in the untouched edition: 0 for every exercise, no crash, no hang" {
	run timeout 600 "$ED/grade" --out "$BATS_TEST_TMPDIR/out"
	assert_success
	assert_line --regexp "^Total +0\.00/$(awk '/^[0-9]/ { p += $3 } END { print p }' "$ROOT/grading/exercises")$"
	assert_line --regexp "^0-hbtn_status +missing"
}

@test "./grade in the edition with the reference's files copied in: full marks" {
	local f
	# Every file grading/exercises says the student writes for these.
	for f in $(awk '/^[0-9]/ { n = $1 } $1 == "writes" &&
		n ~ /^(0-hbtn_status|4-hbtn_status|11-tcp_server|13-async_server)$/ {
			for (i = 2; i <= NF; i++) print $i }' \
		"$ROOT/grading/exercises" | sort -u); do
		cp "$ROOT/$f" "$ED/$f"
	done
	run "$ED/grade" --strict --out "$BATS_TEST_TMPDIR/out" \
		--only 0-hbtn_status,4-hbtn_status,11-tcp_server,13-async_server
	assert_success
	assert_line --regexp "^Total +45\.00/45$"
}
