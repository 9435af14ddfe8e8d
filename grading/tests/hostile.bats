#!/usr/bin/env bats
# The grader against hostile submissions (grading/hostile/): each must get
# exactly its score, and leave everything outside its sandbox as it was:
# the suite's files, bats, the reports of the grading after it, and no
# process of the grader's users left running.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
USERS=netgrade0,netgrade1,netgrade2,netgrade3

# fingerprint: one hash of every file the grading uses, and of bats.
fingerprint() {
	{
		(cd "$ROOT" && git ls-files -z grade Makefile lib tests servers \
			grading | xargs -0 sha256sum)
		sha256sum /usr/bin/bats /usr/lib/bats-core/* /usr/libexec/bats-core/*
	} | sha256sum
}

setup_file() {
	export HOSTILE="$BATS_FILE_TMPDIR/hostile"
	mkdir -p "$HOSTILE"
	cp -r "$ROOT"/grading/hostile/*/ "$HOSTILE/"
	for dir in "$HOSTILE"/*/; do
		[[ -e $dir/12-tcp_client.c ]] && with_module "$dir"
	done
	(cd "$HOSTILE/ignore-sigterm" && cp "$ROOT/11-tcp_server.c" . &&
		mkdir -p lib/server && cp "$ROOT/lib/server/listener.c" lib/server/ &&
		git apply -p1 11-tcp_server.c.patch && rm 11-tcp_server.c.patch)
	fingerprint >"$BATS_FILE_TMPDIR/before"
}

# with_module DIR...: put the reference's lib/client/connect.c in each
# DIR. 12-tcp_client reuses that module, written in exercise 4: each
# hostile 12-tcp_client.c comes with it, its hostile code in the
# exercise's own file.
with_module() {
	local dir
	for dir in "$@"; do
		mkdir -p "$dir/lib/client"
		cp "$ROOT/lib/client/connect.c" "$dir/lib/client/"
	done
}

# graded CASE EXERCISE: grade the hostile submission CASE.
graded() {
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --only "$2" \
		"$HOSTILE/$1"
}

# check_untouched: the suite and bats are as they were, and no process of
# the grader's users is left.
check_untouched() {
	assert_equal "$(fingerprint)" "$(cat "$BATS_FILE_TMPDIR/before")"
	run pgrep -u "$USERS" -l
	assert_output ""
}

@test "answer key: #include \"lib/../12-tcp_client.c\" does not compile" {
	# In the clean room that names the student's own file: it includes
	# itself until the compiler gives up.
	graded answer-key 12-tcp_client
	assert_line "12-tcp_client        no        -         0.00/10"
	assert_line --partial "#include nested depth 200 exceeds maximum"
	# The same through the suite's absolute path, and through a link.
	with_module "$BATS_TEST_TMPDIR/abs" "$BATS_TEST_TMPDIR/link"
	printf '#include "%s/12-tcp_client.c"\n' "$ROOT" \
		>"$BATS_TEST_TMPDIR/abs/12-tcp_client.c"
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --only 12-tcp_client \
		"$BATS_TEST_TMPDIR/abs"
	assert_line "12-tcp_client        no        -         0.00/10"
	assert_line --partial "12-tcp_client.c: No such file or directory"
	ln -s "$ROOT/12-tcp_client.c" "$BATS_TEST_TMPDIR/link/12-tcp_client.c"
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --only 12-tcp_client \
		"$BATS_TEST_TMPDIR/link"
	assert_line "12-tcp_client        no        -         0.00/10"
	assert_line "  12-tcp_client.c cannot be read: Too many levels of symbolic links"
	check_untouched
}

@test "compile bombs: #include \"/dev/zero\" fails; \"/dev/stdin\" reads nothing" {
	graded compile-zero 12-tcp_client
	assert_line "12-tcp_client        no        -         0.00/10"
	# The compile's stdin is /dev/null: an empty include, no wait.
	graded compile-stdin 12-tcp_client
	assert_line "12-tcp_client        yes       0/15      0.00/10"
	check_untouched
}

@test "TAP injection on every descriptor: no forged test counts" {
	graded tap-injection 12-tcp_client
	assert_line "12-tcp_client        yes       0/15      0.00/10"
	assert_line "Total                                    0.00/10"
	check_untouched
}

@test "TAP forged through \\r, \\v, \\f, \\x1c-\\x1e, NEL, U+2028, U+2029: score 0" {
	# bats ends TAP lines at "\n" only; so does the grader.
	graded tap-separators 12-tcp_client
	assert_line "12-tcp_client        yes       0/15      0.00/10"
	assert_line "Total                                    0.00/10"
	check_untouched
}

@test "a sanitizer hook defined or called (the leak check switched off from inside): refused, score 0" {
	local hook dir=$BATS_TEST_TMPDIR/hook n=0
	for hook in \
		'int __lsan_is_turned_off(void) { return 1; }' \
		'const char *__asan_default_options(void) { return "detect_leaks=0"; }' \
		'const char *__lsan_default_options(void) { return "detect_leaks=0"; }' \
		'const char *__ubsan_default_options(void) { return "halt_on_error=0"; }' \
		'const char *__lsan_default_suppressions(void) { return "leak:main"; }' \
		'void __lsan_disable(void); void off(void) __attribute__((constructor)); void off(void) { __lsan_disable(); }' \
		'int pretend(void) __asm__("__sanitizer_set_report_path"); int pretend(void) { return 0; }'
	do
		rm -rf "$dir" && mkdir -p "$dir" && cp "$ROOT/12-tcp_client.c" "$dir/"
		with_module "$dir"
		printf '%s\n' "$hook" >>"$dir/12-tcp_client.c"
		run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out$((n++))" \
			--only 12-tcp_client "$dir"
		assert_line "12-tcp_client        refused   -         0.00/10"
		assert_line --regexp "^  __(asan|lsan|ubsan|sanitizer)_[a-z_]+: a name reserved to the sanitizers, which the grader uses to check memory; not graded$"
	done
	check_untouched
}

@test "a sanitizer hook in an exercise built with a package's headers (cJSON): refused, score 0" {
	local dir=$BATS_TEST_TMPDIR/hook
	mkdir -p "$dir" && cp "$ROOT/8-json_api.c" "$dir/"
	printf '%s\n' 'int __lsan_is_turned_off(void) { return 1; }' \
		>>"$dir/8-json_api.c"
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --only 8-json_api "$dir"
	assert_line "8-json_api           refused   -         0.00/10"
	assert_line "  __lsan_is_turned_off: a name reserved to the sanitizers, which the grader uses to check memory; not graded"
	check_untouched
}

@test "a program that detaches (setsid, double fork) and kills its user's later runs: they run, full marks" {
	cat "$ROOT/12-tcp_client.c" "$HOSTILE/detach/daemon.c" \
		>"$HOSTILE/detach/12-tcp_client.c"
	with_module "$HOSTILE/detach"
	graded detach 12-tcp_client
	assert_line "12-tcp_client        yes       15/15     10.00/10"
	check_untouched
}

@test "memory bought with children (3 x 512 MiB at once): capped for the whole test file, score 0" {
	cat "$ROOT/12-tcp_client.c" "$HOSTILE/memory-fork/hog.c" \
		>"$HOSTILE/memory-fork/12-tcp_client.c"
	with_module "$HOSTILE/memory-fork"
	cp "$ROOT/3-error_code.c" "$HOSTILE/memory-fork/"
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" \
		--only 3-error_code,12-tcp_client "$HOSTILE/memory-fork"
	assert_line --regexp "^3-error_code +yes +[0-9]+/[0-9]+ +10.00/10$"
	assert_line "12-tcp_client        yes       0/15      0.00/10"
	check_untouched
}

@test "memory held in System V shared memory, by no process (3 x 512 MiB): capped, score 0" {
	cat "$ROOT/12-tcp_client.c" "$HOSTILE/shm-hog/hog.c" \
		>"$HOSTILE/shm-hog/12-tcp_client.c"
	with_module "$HOSTILE/shm-hog"
	cp "$ROOT/3-error_code.c" "$HOSTILE/shm-hog/"
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" \
		--only 3-error_code,12-tcp_client "$HOSTILE/shm-hog"
	assert_line --regexp "^3-error_code +yes +[0-9]+/[0-9]+ +10.00/10$"
	assert_line "12-tcp_client        yes       0/15      0.00/10"
	check_untouched
}

@test "rewriting the tests, bats and the grader's files: nothing changes" {
	graded rewrite-suite 12-tcp_client
	assert_line "12-tcp_client        yes       0/15      0.00/10"
	refute_line --partial "REWROTE"
	check_untouched
}

@test "forged reports and a killed grader: the grading goes on, score 0" {
	graded forge-reports 12-tcp_client
	assert_line "12-tcp_client        yes       0/15      0.00/10"
	refute_line --partial "FORGED"
	run cat "$BATS_TEST_TMPDIR/out/scorecard.txt"
	assert_line "12-tcp_client        yes       0/15      0.00/10"
	check_untouched
}

@test "a process that escapes its session does not outlive its test file" {
	graded escape 12-tcp_client
	assert_line "12-tcp_client        yes       0/15      0.00/10"
	check_untouched
}

@test "secrets: nothing outside the sandbox can be read and shown" {
	graded read-secrets 12-tcp_client
	assert_line "12-tcp_client        yes       0/15      0.00/10"
	refute_line --partial "LEAK"
	run grep -r "LEAK /" "$BATS_TEST_TMPDIR/out/tap" \
		"$BATS_TEST_TMPDIR/out/junit" "$BATS_TEST_TMPDIR/out/scorecard.txt"
	assert_output ""
	check_untouched
}

@test "bombs: processes, memory, output, disk and descriptors are capped" {
	local bomb
	for bomb in fork-bomb memory-bomb output-bomb disk-bomb fd-bomb; do
		graded "$bomb" 12-tcp_client
		assert_line "12-tcp_client        yes       0/15      0.00/10"
	done
	check_untouched
}

@test "a program that ignores SIGTERM costs seconds: it is killed 10 s later" {
	graded ignore-sigterm 11-tcp_server
	assert_line "11-tcp_server        yes       17/19     8.95/10"
	assert_line "  not ok: SIGTERM with a client connected: a last line, exit 0"
	check_untouched
}

@test "a folder's name is never code: \$(shell ...) and spaces" {
	local weird="$BATS_TEST_TMPDIR/\$(shell touch pwned;echo L)" spaced
	spaced="$BATS_TEST_TMPDIR/my work"
	mkdir -p "$weird" "$spaced"
	cp "$ROOT/12-tcp_client.c" "$weird/"
	cp "$ROOT/12-tcp_client.c" "$spaced/"
	with_module "$weird" "$spaced"
	cd "$BATS_TEST_TMPDIR"
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --only 12-tcp_client \
		"$weird"
	assert_line "Total                                    10.00/10"
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --only 12-tcp_client \
		"$spaced"
	assert_line "Total                                    10.00/10"
	run find / -xdev -name pwned -newer "$BATS_FILE_TMPDIR/before"
	assert_output ""
	check_untouched
}

@test "a class: each student in a sandbox of their own; a gradebook CSV" {
	local class="$BATS_TEST_TMPDIR/class"
	mkdir -p "$class/ada" "$class/=HYPERLINK(1)" "$class/mallory" \
		"$class/zoe"
	cp "$ROOT/12-tcp_client.c" "$ROOT/3-error_code.c" "$class/ada/"
	cp "$ROOT/12-tcp_client.c" "$class/=HYPERLINK(1)/"
	cp "$HOSTILE/forge-reports/12-tcp_client.c" "$class/mallory/"
	cp "$HOSTILE/escape/12-tcp_client.c" "$class/zoe/"
	with_module "$class"/*/
	run "$ROOT/grade" --class "$class" --jobs 4 \
		--only 12-tcp_client,3-error_code --out "$BATS_TEST_TMPDIR/book"
	assert_success
	run cat "$BATS_TEST_TMPDIR/book/gradebook.csv"
	assert_output "student,3-error_code,12-tcp_client,total
'=HYPERLINK(1),0.00,10.00,10.00
ada,10.00,10.00,20.00
mallory,0.00,0.00,0.00
zoe,0.00,0.00,0.00"
	run cat "$BATS_TEST_TMPDIR/book/002-ada/scorecard.txt"
	assert_line "Total                                    20.00/20"
	check_untouched
}

@test "a class: a student whose programs keep 48 processes on the CPU starves no one" {
	# Each test file's cgroup has the same CPU weight: mallory's dozens
	# of spinning processes weigh what ada's one or two do.
	local class="$BATS_TEST_TMPDIR/class"
	mkdir -p "$class/ada" "$class/mallory"
	cp "$ROOT/12-tcp_client.c" "$class/ada/"
	cat "$ROOT/12-tcp_client.c" "$HOSTILE/cpu-hog/spin.c" \
		>"$class/mallory/12-tcp_client.c"
	with_module "$class"/*/
	run "$ROOT/grade" --class "$class" --jobs 2 --only 12-tcp_client \
		--out "$BATS_TEST_TMPDIR/book"
	assert_success
	run cat "$BATS_TEST_TMPDIR/book/gradebook.csv"
	assert_line "ada,10.00,10.00"
	check_untouched
}

@test "names: control characters refused with one line, formulas neutralised in the gradebook" {
	local class="$BATS_TEST_TMPDIR/class" name
	for name in $'mallory\nalice' $'\t=1+1' '-2+3' '@SUM(1)' '+x'; do
		mkdir -p "$class/$name"
		cp "$ROOT/12-tcp_client.c" "$class/$name/"
		with_module "$class/$name"
	done
	run --separate-stderr "$ROOT/grade" --class "$class" --jobs 4 \
		--only 12-tcp_client --out "$BATS_TEST_TMPDIR/book"
	assert_success
	assert_equal "${stderr_lines[*]}" "grade: ?=1+1: a folder name with a control character (shown as ?) is not graded: rename it grade: mallory?alice: a folder name with a control character (shown as ?) is not graded: rename it"
	refute_output --partial "alice"
	run cat "$BATS_TEST_TMPDIR/book/gradebook.csv"
	assert_output "student,12-tcp_client,total
'+x,10.00,10.00
'-2+3,10.00,10.00
'@SUM(1),10.00,10.00"
	run --separate-stderr "$ROOT/grade" --only 12-tcp_client \
		--out "$BATS_TEST_TMPDIR/out" --results "$BATS_TEST_TMPDIR/r.json" \
		"$class/"$'mallory\nalice'
	assert_failure 2
	assert_output ""
	assert_regex "$stderr" '^grade: .*/mallory\?alice: a folder name with a control character \(shown as \?\) is not graded: rename it$'
	run python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); print(r["score"], r["tests"])' "$BATS_TEST_TMPDIR/r.json"
	assert_output "0 []"
	check_untouched
}

@test "TAP is counted by test number: 1..total, each once; a skipped test is not graded" {
	run python3 - "$ROOT/grade" <<'PY'
import sys
ns = {"__file__": sys.argv[1]}
exec(open(sys.argv[1]).read().split("if __name__")[0], ns)
tap = "1..4\nok 1 a\nok 1 a\nok 2 b\nok 7 c\nok 0 d\nnot ok 3 e\nok 3 e\n" \
    "ok 4 f # skip not a case for 0-hbtn_status\n"
passed, skipped, failures, ok = ns["parse_tap"](tap, 4)
print(passed, skipped, [f[0] for f in failures], sorted(ok.items()))
print(ns["parse_tap"]("ok 1 a\n", 3)[0], ns["parse_tap"]("ok 1 a\n", 3)[2])
PY
	assert_output "2 1 ['e'] [(1, True), (2, True), (4, False)]
1 [('2 tests did not finish', ['the test file ran out of time'])]"
}

@test "the steps line: each step's tests passed, by the step:NAME tags" {
	run python3 - "$ROOT/grade" <<'PY'
import sys
ns = {"__file__": sys.argv[1]}
exec(open(sys.argv[1]).read().split("if __name__")[0], ns)
ex = [r for r in ns["read_table"]() if r["name"] == "13-async_server"][0]
total = len(ns["test_steps"](ex))
ok = {n: True for n in range(1, total + 1) if n != 7}
ok[total] = False
print(ns["step_line"](ex, ok, total))
PY
	# Test 7 is drain's first; the last (tagged with every step, counted in
	# the first) is skipped here, so not counted.
	assert_output "steps: echo 15/15, timeouts 2/2, drain 3/4, descriptors 3/3"
}

@test "--deadline bounds the whole grading, a compile that never ends included" {
	local start=$SECONDS
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --deadline 12 \
		--only 12-tcp_client "$HOSTILE/compile-forever"
	assert_line "12-tcp_client        no        -         0.00/10"
	assert_line "  the compiler ran out of time or memory"
	# The compile alone may take 120 s; the deadline stops it at 12.
	((SECONDS - start < 30))
	check_untouched
}

@test "the reports written while a grading goes on say \"not graded yet\", not \"ran out of time\"" {
	run python3 - "$ROOT/grade" <<'PY'
import sys
ns = {"__file__": sys.argv[1]}
exec(open(sys.argv[1]).read().split("if __name__")[0], ns)
rows = ns["read_table"]()[:2]
done = dict(rows[0], compiles=True, passed=1, total=1, failures=[],
            error=None, score=float(rows[0]["points"]))
print(ns["scorecard"]([done, ns["not_run"](rows[1], ns["NOT_YET"])], False))
PY
	assert_line --regexp "^1-hbtn_header +not yet +- +0.00/10$"
	assert_line "1-hbtn_header: not graded yet"
	refute_output --partial "ran out of time"
}

@test "--deadline: exercises it cannot reach are reported as not run" {
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --deadline 5 \
		--results "$BATS_TEST_TMPDIR/results.json" \
		--only 3-error_code,12-tcp_client "$ROOT"
	assert_line --regexp "^12-tcp_client +not run +- +0.00/10$"
	assert_line "12-tcp_client: not run"
	run python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print([(t["name"], t["status"]) for t in r["tests"]])' \
		"$BATS_TEST_TMPDIR/results.json"
	assert_output --partial "('12-tcp_client', 'failed')"
}
