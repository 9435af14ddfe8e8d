#!/usr/bin/env bats
# Tests of the grader itself: each deliberately broken solution in
# grading/broken/ must get exactly the scorecard next to it, and the
# classroom files must be valid and up to date.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)

setup_file() {
	export BROKEN="$BATS_FILE_TMPDIR/broken"
	"$ROOT/grading/broken/make-solutions" "$BROKEN"
}

# check_case NAME: grade the broken solution NAME and compare with its
# expected scorecard (the mock servers' ports, which change from run to
# run, read PORT in both).
check_case() {
	local exercise
	exercise=$(basename "$BROKEN/$1"/*.c .c)
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --only "$exercise" \
		"$BROKEN/$1"
	assert_success
	output=$(sed -E 's/(127\.0\.0\.1[: ])[0-9]+/\1PORT/g' <<<"$output")
	assert_output "$(cat "$ROOT/grading/broken/$1/expected")"
}

@test "a solution that does not compile scores 0, with the compiler's message" {
	check_case does-not-compile
}

@test "wrong output" {
	check_case wrong-output
}

@test "wrong exit status" {
	check_case wrong-exit-status
}

@test "wrong request sent to the server" {
	check_case wrong-request
}

@test "a memory leak fails the tests that leak" {
	check_case leak
}

@test "a crash fails the test that crashes it" {
	check_case crash
}

@test "an infinite loop is killed after the time limit" {
	check_case infinite-loop
}

@test "--strict: exit 1 unless every test passed" {
	run "$ROOT/grade" --strict --out "$BATS_TEST_TMPDIR/out" \
		--only 12-tcp_client "$BROKEN/wrong-output"
	assert_failure 1
}

@test "TAP and JUnit reports are written, and the JUnit is well-formed" {
	"$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" \
		--only 12-tcp_client,3-error_code "$BROKEN/wrong-exit-status"
	run cat "$BATS_TEST_TMPDIR/out/tap/3-error_code.tap"
	assert_line --index 0 "1..70"
	assert_line --partial "not ok 4 401: prints the error code on stdout and exits 1"
	run cat "$BATS_TEST_TMPDIR/out/tap/12-tcp_client.tap"
	assert_output "1..1
not ok 1 compiles
# 12-tcp_client.c is missing
# lib/client/connect.c is missing"
	run python3 - "$BATS_TEST_TMPDIR/out/junit" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
for f in sorted(glob.glob(sys.argv[1] + "/*.xml")):
    root = ET.parse(f).getroot()
    cases = [c for c in root.findall(".//testcase")
             if c.find("skipped") is None]
    failed = [c for c in cases if c.find("failure") is not None]
    print(f.rsplit("/", 1)[1], len(cases), "cases", len(failed), "failed")
PY
	assert_output "12-tcp_client.xml 1 cases 1 failed
3-error_code.xml 67 cases 6 failed"
}

@test "the reference 4-hbtn_status.c alone, without the module written in exercise 4, does not build" {
	local student="$BATS_TEST_TMPDIR/student"
	mkdir -p "$student"
	cp "$ROOT/4-hbtn_status.c" "$student/"
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --only 4-hbtn_status \
		"$student"
	assert_success
	assert_output "Exercise             Compiles  Tests     Points
4-hbtn_status        missing   -         0.00/10
Total                                    0.00/10

4-hbtn_status: missing
  lib/client/connect.c is missing
  lib/client/url.c is missing
  lib/client/conn.c is missing
  lib/client/reader.c is missing
  lib/client/head.c is missing
  lib/client/body.c is missing
  lib/client/http.c is missing"
}

@test "the student's own module is compiled, never the suite's" {
	# The reference 4-hbtn_status with its module, but a module that
	# misspells the Host header: the tests that look at it must fail.
	local student="$BATS_TEST_TMPDIR/student"
	mkdir -p "$student/lib/client"
	cp "$ROOT/4-hbtn_status.c" "$student/"
	cp "$ROOT"/lib/client/*.c "$student/lib/client/"
	sed -i 's|\\r\\nHost: |\\r\\nHots: |' "$student/lib/client/http.c"
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --only 4-hbtn_status \
		"$student"
	assert_success
	assert_line --regexp "^4-hbtn_status +yes +70/74 +9.46/10$"
	assert_line "  not ok: sends a GET with Host and a User-Agent naming the program"
}

@test "a grading stopped by SIGTERM starts no other exercise" {
	local out="$BATS_TEST_TMPDIR/out" pid i
	"$ROOT/grade" --jobs 1 --out "$out" \
		--only 0-hbtn_status,1-hbtn_header,2-post_email "$ROOT" \
		>/dev/null 2>&1 3>&- &
	pid=$!
	for ((i = 0; i < 600; i++)); do
		[[ -e "$out/tap/0-hbtn_status.running" ]] && break
		sleep 0.1
	done
	kill -TERM "$pid"
	status=0
	wait "$pid" || status=$?
	assert_equal "$status" 1
	[[ ! -e "$out/tap/1-hbtn_header.running" ]]
	[[ ! -e "$out/tap/1-hbtn_header.tap" ]]
	[[ ! -e "$out/tap/2-post_email.tap" ]]
}

@test "the hostile servers count in each client's grade: skipping the host-name check loses points" {
	# The reference 4-hbtn_status whose module never tells OpenSSL which
	# address the certificate must name.
	local student="$BATS_TEST_TMPDIR/student"
	mkdir -p "$student/lib/client"
	cp "$ROOT/4-hbtn_status.c" "$student/"
	cp "$ROOT"/lib/client/*.c "$student/lib/client/"
	sed -i '/X509_VERIFY_PARAM_set1_ip_asc/s/^.*$/\t\t;/' \
		"$student/lib/client/conn.c"
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --only 4-hbtn_status \
		"$student"
	assert_success
	assert_line --regexp "^4-hbtn_status +yes +73/74 +9.86/10$"
	assert_line "  not ok: TLS: a certificate for another host name"
	assert_line --partial "    again: make 4-hbtn_status && EXERCISE=4-hbtn_status bats -f '^TLS: a certificate for another host name$' tests/4-hbtn_status.bats tests/hostile.bats"
}

@test "a student folder that does not exist: one line, exit 2" {
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --only 0-hbtn_status \
		"$BATS_TEST_TMPDIR/nowhere"
	assert_failure 2
	assert_output "grade: $BATS_TEST_TMPDIR/nowhere: no such folder"
}

@test "a module that is a link is refused, not followed" {
	local student="$BATS_TEST_TMPDIR/student"
	mkdir -p "$student/lib"
	cp "$ROOT/11-tcp_server.c" "$student/"
	ln -s "$ROOT/lib/server" "$student/lib/server"
	run "$ROOT/grade" --out "$BATS_TEST_TMPDIR/out" --only 11-tcp_server \
		"$student"
	assert_success
	assert_line "11-tcp_server        no        -         0.00/10"
	assert_line "  lib/server/listener.c cannot be read: lib/server is a link or a file, not a folder"
}

@test "Gradescope: results.json is written even when nothing compiles" {
	local ag="$BATS_TEST_TMPDIR/autograder" line
	mkdir -p "$ag/submission/my-work"
	(cd "$BROKEN/does-not-compile" &&
		cp --parents 12-tcp_client.c lib/client/connect.c \
			"$ag/submission/my-work/")
	AUTOGRADER=$ag run "$ROOT/grading/gradescope/run_autograder"
	assert_success
	run python3 - "$ag/results/results.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert set(r) >= {"score", "tests"}
for t in r["tests"]:
    assert set(t) >= {"name", "score", "max_score", "status", "output"}, t
    assert t["status"] in ("passed", "failed"), t
print(r["score"], len(r["tests"]))
t = [t for t in r["tests"] if t["name"] == "12-tcp_client"][0]
print(t["status"], t["output"])
PY
	line=$(grep -n 'unused;' "$BROKEN/does-not-compile/12-tcp_client.c" |
		cut -d: -f1)
	assert_output "0.0 $(grep -c '^[0-9]' "$ROOT/grading/exercises")
failed 12-tcp_client.c:$line:25: error: unused variable 'unused' [-Werror=unused-variable]"
	# The output says what held in this container: Gradescope's vary.
	run python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["output"])' "$ag/results/results.json"
	assert_output --regexp "^Graded with the suite's tests; each exercise scores points x tests passed / tests\. Sandbox: (bubblewrap namespaces|no namespaces \(bubblewrap cannot make them here\)); (kernel caps for each test file \(cgroups: (cpu|memory|pids|unified)(, (cpu|memory|pids|unified))*\)|no cgroup can be made here: memory capped per program only)\.$"
}

@test "Gradescope: a folder whose name holds a newline is refused, saying so, not mistaken for another" {
	local ag="$BATS_TEST_TMPDIR/autograder" dir
	dir="$ag/submission/"$'my\nwork'
	mkdir -p "$dir" "$ag/submission/my"
	cp "$ROOT/12-tcp_client.c" "$dir/"
	(cd "$ROOT" && cp --parents lib/client/connect.c "$dir/")
	AUTOGRADER=$ag run "$ROOT/grading/gradescope/run_autograder"
	assert_success
	run python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); print(r["score"], r["output"])' "$ag/results/results.json"
	assert_output --regexp '^0 .*/my\?work: a folder name with a control character \(shown as \?\) is not graded: rename it$'
}

@test "Gradescope: the zip has setup.sh and run_autograder at its top" {
	cd "$ROOT"
	run grading/gradescope/make-zip
	assert_success
	run python3 -m zipfile -l build/gradescope-autograder.zip
	assert_line --regexp "^setup.sh "
	assert_line --regexp "^run_autograder "
	assert_line --regexp "^grade "
	assert_line --regexp "^grading/exercises "
}

@test "Gradescope: the zip holds no solution" {
	cd "$ROOT"
	run grading/gradescope/make-zip
	assert_success
	run python3 -m zipfile -l build/gradescope-autograder.zip
	assert_line --regexp "^grading/run-untrusted\\.c "
	refute_line --regexp "^[0-9]+-[^/ ]*\.c "
	refute_line --partial "grading/broken/"
	# nor any module a student writes
	refute_line --regexp "^lib/client/[a-z]+\.c "
	refute_line --regexp "^lib/server/(listener|loop|acceptor|request|response|files|http11|conditional|cache)\.c "
	refute_line --regexp "^lib/curl/films\.c "
	# nor the mutation list, which quotes the solutions
	refute_line --partial "grading/mutants"
	assert_line --regexp "^lib/server/mime\.c "
}

@test "Gradescope, laid out as Gradescope does: full marks for the reference, the broken one's score" {
	# The zip unpacked in source/, setup.sh run there, run_autograder
	# copied to the top, the submission in submission/, and
	# run_autograder run from the top as its working directory.
	local ag="$BATS_TEST_TMPDIR/autograder"
	mkdir -p "$ag/source" "$ag/submission"
	(cd "$ROOT" && grading/gradescope/make-zip >/dev/null)
	python3 - "$ROOT/build/gradescope-autograder.zip" "$ag/source" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        path = z.extract(info, sys.argv[2])
        os.chmod(path, info.external_attr >> 16 & 0o777)
PY
	(cd "$ag/source" && ./setup.sh)
	cp "$ag/source/run_autograder" "$ag/run_autograder"
	cp "$ROOT/12-tcp_client.c" "$BROKEN/wrong-exit-status/3-error_code.c" \
		"$ag/submission/"
	(cd "$ROOT" && cp --parents lib/client/connect.c "$ag/submission/")
	cd "$ag"
	AUTOGRADER=$ag run ./run_autograder
	assert_success
	run python3 - "$ag/results/results.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(r["score"])
for t in r["tests"]:
    if t["score"] or t["name"] in ("3-error_code", "12-tcp_client"):
        print(t["name"], t["score"], t["max_score"], t["status"])
PY
	assert_output "19.1
3-error_code 9.1 10 failed
12-tcp_client 10.0 10 passed"
	run grep -c "" "$ag/results/scorecard.txt"
	assert_success
}

@test "GitHub Classroom: the workflow is generated from the table" {
	cd "$ROOT"
	run diff <(./grade --classroom) .github/workflows/classroom.yml
	assert_success
	run grep -c "uses: classroom-resources/autograding-command-grader@v1" \
		.github/workflows/classroom.yml
	assert_output "$(grep -c '^[0-9]' grading/exercises)"
}

@test "GitHub Classroom: the workflow is valid YAML with what the actions need" {
	python3 -c "import yaml" 2>/dev/null || skip "python3-yaml is not installed"
	cd "$ROOT"
	run python3 - <<'PY'
import yaml
flow = yaml.safe_load(open(".github/workflows/classroom.yml"))
steps = flow["jobs"]["run-autograding-tests"]["steps"]
graders = [s for s in steps if "autograding-command-grader" in s.get("uses", "")]
for s in graders:
    assert set(s["with"]) == {"test-name", "command", "timeout", "max-score"}, s
    assert 1 <= s["with"]["timeout"] <= 360, s
reporter = steps[-1]
ids = reporter["with"]["runners"].split(",")
assert ids == [s["id"] for s in graders]
assert set(reporter["env"]) == {i.upper() + "_RESULTS" for i in ids}
print(len(graders), "graded steps,", sum(s["with"]["max-score"] for s in graders), "points")
PY
	assert_output "$(awk '/^[0-9]/ { n++; p += $3 } END {
		print n " graded steps, " p " points" }' grading/exercises)"
}

@test "every exercise in the Makefile is in the grading table, and back" {
	cd "$ROOT"
	run diff <(make -s print-exercises | tr ' ' '\n' | sort) \
		<(awk '/^[0-9]/ { print $1 }' grading/exercises | sort)
	assert_success
}

@test "make demo shows every exercise" {
	cd "$ROOT"
	local e missing=()
	for e in $(make -s print-exercises); do
		grep -q "\./$e\b" scripts/demo || missing+=("$e")
	done
	assert_equal "${missing[*]}" ""
}
