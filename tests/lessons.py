#!/usr/bin/env python3
"""lessons.py - check that each lesson lives where the course says it does.

  tests/lessons.py teaches    every "teaches" word of grading/exercises is
                              in the code of the files first written in
                              that exercise
  tests/lessons.py reach BIN  every public function of a module is in the
                              program of the exercise that first writes it,
                              built in BIN with --gc-sections (a function
                              no path from main() calls is dropped there)
  tests/lessons.py budgets    the rules of "Requirements students work
                              under": functions of at most 40 lines, files
                              of at most 350 lines (clients) or 500
                              (servers), header guards named after their
                              paths, no global variable but signal flags
  tests/lessons.py used       the "Used by" sentence opening each lib/
                              module (.c and .h) names exactly the
                              exercises that compile it (writes or given)

Each prints one line per problem and nothing when all is well.

"Written in" is read from grading/exercises, which lists the exercises in
the order of study: a file is first written by the first exercise that
lists it under "writes".
"""
import os
import re
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUNCTION_LINES = 40
CLIENT_LINES, SERVER_LINES = 350, 500
SERVERS = ("11-", "13-", "14-", "15-", "103-", "104-", "105-")
# Rules still broken, each to be mended, then taken off this list. They
# are said on stderr; one that no longer happens is an error, so that the
# list only shrinks.
OPEN = set()
found_open = set()


def problem(text):
    """Say a broken rule: on stdout, or on stderr if it is known OPEN."""
    if text in OPEN:
        found_open.add(text)
        print("still open: " + text, file=sys.stderr)
    else:
        print(text)


def table():
    """[(name, {"writes": [...], "teaches": [...]})] in the order of study.
    Teaches words are split as a shell would: "Host: " stays one word."""
    rows = []
    with open(os.path.join(ROOT, "grading", "exercises")) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            if line[0] not in " \t":
                rows.append((line.split()[0], {"writes": [], "teaches": [],
                                               "given": []}))
                continue
            key, _, rest = line.strip().partition("\t")
            if key in ("writes", "teaches", "given"):
                rows[-1][1][key] += shlex.split(rest)
    return rows


def first_written():
    """{exercise: [files it writes first]}."""
    seen, out = set(), {}
    for name, row in table():
        out[name] = [f for f in row["writes"] if f not in seen]
        seen.update(row["writes"])
    return out


def code_of(path):
    """The text of PATH without comments and #include lines; strings and
    character constants kept ("Accept: */*" opens no comment)."""
    text = open(os.path.join(ROOT, path)).read()
    text = re.sub(r'("(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\')|/\*.*?\*/',
                  lambda m: m.group(1) or " ", text, flags=re.S)
    return re.sub(r"^\s*#\s*include\b.*$", "", text, flags=re.M)


def check_teaches():
    firsts = first_written()
    for name, row in table():
        if not row["teaches"]:
            print("%s: no teaches line" % name)
        code = "\n".join(code_of(f) for f in firsts[name])
        for word in row["teaches"]:
            if not word.strip():
                print("%s: an empty teaches word" % name)
                continue
            pattern = r"\b%s\b" % word if re.fullmatch(r"\w+", word) \
                else re.escape(word)
            if not re.search(pattern, code):
                print("%s: %r is not in the files it writes first (%s)"
                      % (name, word, " ".join(firsts[name])))


def public_functions(header):
    """The functions a module's header declares."""
    text = code_of(header)
    return re.findall(r"^(?!typedef\b)[A-Za-z_][\w \t\*]*?\b(\w+)\s*"
                      r"\((?:[^;{()]|\([^()]*\))*\)\s*;", text, flags=re.M)


def check_reach(bindir):
    """BINDIR holds each exercise built with -ffunction-sections and
    --gc-sections at -O0 (nothing inlined, nothing unreachable kept)."""
    firsts = first_written()
    for name, _ in table():
        path = os.path.join(bindir, name)
        symbols = set(subprocess.run(
            ["nm", "--defined-only", path], capture_output=True, text=True,
            check=True).stdout.split())
        for f in firsts[name]:
            if not f.startswith("lib/"):
                continue
            for fn in public_functions(f[:-2] + ".h"):
                if fn not in symbols:
                    print("%s: %s() of %s is never called by it" %
                          (name, fn, f))


def function_lengths(path):
    """[(name, body lines)] for each function defined in PATH: the lines
    between its opening and closing braces at the start of a line."""
    lines = open(os.path.join(ROOT, path)).read().split("\n")
    out, name = [], None
    for i, line in enumerate(lines):
        m = re.match(r"^[A-Za-z_][\w \t\*]*?\b(\w+)\s*\(", line)
        if m and not line.rstrip().endswith(";"):
            name = m.group(1)
        if line == "{" and name is not None:
            start = i
        if line == "}" and name is not None:
            out.append((name, i - start - 1))
            name = None
    return out


def check_budgets():
    os.chdir(ROOT)
    files = sorted([f for f in os.listdir(".") if re.match(r"\d+-.*\.c$", f)]
                   + ["lib/" + f for f in os.listdir("lib")]
                   + ["lib/%s/%s" % (d, f) for d in os.listdir("lib")
                      if os.path.isdir("lib/" + d)
                      for f in os.listdir("lib/" + d)])
    for f in files:
        if f.endswith(".c"):
            check_file(f)
        elif f.endswith(".h"):
            guard = f.upper().replace("/", "_").replace(".", "_")
            if "#ifndef %s\n#define %s\n" % (guard, guard) not in open(f).read():
                problem("%s: its guard is not %s" % (f, guard))
    for text in sorted(OPEN - found_open):
        print("%s: mended, so take it off OPEN in tests/lessons.py" % text)


def check_file(f):
    n = open(f).read().count("\n")
    limit = SERVER_LINES if f.startswith(SERVERS + ("lib/server/",)) \
        else CLIENT_LINES
    if n > limit:
        problem("%s: over %d lines" % (f, limit))
    for fn, length in function_lengths(f):
        if length > FUNCTION_LINES:
            problem("%s: %s() is %d lines, over %d" % (f, fn, length,
                                                        FUNCTION_LINES))
    for m in re.finditer(r"^(?!typedef|struct \w+\s*$|extern|return\b)"
                         r"(static\s+)?(?!const\b)([A-Za-z_][\w \t\*]*?)"
                         r"\b(\w+)"
                         r"(\[[^\]]*\])*\s*(=[^;]*)?;",
                         code_of(f), flags=re.M):
        if "(" in m.group(0) or "sig_atomic_t" in m.group(0) or \
                re.search(r"\bconst\b", m.group(0)):
            continue
        problem("%s: %s is a global variable" % (f, m.group(3)))


def said_users(text, numbers):
    """The exercise numbers a "Used by ..." sentence names: NUMBERS that
    appear in it, ranges ("0-12") expanded over NUMBERS, and "every
    exercise but N"; None if there is no such sentence."""
    m = re.search(r"[Uu]sed by (.*?)(?:\.\s|\.$|\*/)", text, flags=re.S)
    if m is None:
        return None
    said = " ".join(m.group(1).replace("*", " ").split())
    said = re.sub(r"lib/\S+", "", said)
    if said.startswith("every exercise"):
        but = re.findall(r"\d+", said)
        return set(numbers) - set(int(n) for n in but)
    users = set()
    for a, b in re.findall(r"(?<![\w/])(\d+)(?:-(\d+)(?!_))?", said):
        low, high = int(a), int(b or a)
        users |= {n for n in numbers if low <= n <= high}
    return users


def check_used():
    rows = table()
    numbers = [int(name.split("-")[0]) for name, _ in rows]
    for path in sorted(f for _, r in rows for f in r["writes"] + r["given"]
                       if f.startswith("lib/")):
        if path in check_used.seen:
            continue
        check_used.seen.add(path)
        users = {int(n.split("-")[0]) for n, r in rows
                 if path in r["writes"] + r["given"]}
        for f in (path, path[:-2] + ".h"):
            said = said_users(open(os.path.join(ROOT, f)).read()[:1200],
                              numbers)
            if said is not None and said != users:
                problem("%s: says it is used by %s, but %s use it" % (
                    f, ",".join(map(str, sorted(said))),
                    ",".join(map(str, sorted(users)))))


check_used.seen = set()


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "teaches":
        check_teaches()
    elif what == "reach" and len(sys.argv) == 3:
        check_reach(sys.argv[2])
    elif what == "budgets":
        check_budgets()
    elif what == "used":
        check_used()
    else:
        sys.exit(__doc__)
