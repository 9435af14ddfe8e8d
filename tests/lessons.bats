#!/usr/bin/env bats
# The lesson lives in the exercise. grading/exercises says, for each
# exercise, the calls and names its opening comment says it teaches
# ("teaches") and the files the student writes for it ("writes"): every
# one of those calls must be in those files, in code (comments do not
# count), not only in a given lib/ file.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)

@test "every call an exercise teaches is in the code the student writes for it" {
	run python3 - "$ROOT" <<'PY'
import re, sys
root = sys.argv[1]
rows, cur = {}, None
for line in open(root + "/grading/exercises"):
    words = line.split()
    if not words or line.startswith("#"):
        continue
    if line[0] not in " \t":
        cur = rows.setdefault(words[0], {"writes": [], "teaches": []})
    elif words[0] in cur:
        cur[words[0]] += words[1:]
for name, row in rows.items():
    assert row["teaches"], name + ": no teaches line"
    code = ""
    for f in row["writes"]:
        text = open(root + "/" + f).read()
        # Comments out, strings kept ("Accept: */*" opens no comment).
        code += re.sub(r'("(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\')|/\*.*?\*/',
                       lambda m: m.group(1) or " ", text, flags=re.S)
    for word in row["teaches"]:
        word = word.strip('"')
        pattern = r"\b%s\b" % word if re.fullmatch(r"\w+", word) \
            else re.escape(word)
        if not re.search(pattern, code):
            print("%s: %s is not in %s" % (name, word,
                                           " ".join(row["writes"])))
PY
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
