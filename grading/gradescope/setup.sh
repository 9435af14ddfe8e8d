#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image,
# from the folder where it unpacked the zip (/autograder/source). It
# installs what the suite needs (Debian or Ubuntu packages) and the
# unprivileged users the grader runs students' programs as. There is
# nothing to build: the zip holds no solution.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps
make -s print-exercises >/dev/null
