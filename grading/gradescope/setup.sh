#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image:
# the suite is unpacked in /autograder/source. It installs what the suite
# needs (Debian or Ubuntu packages) and checks the reference builds.
set -euo pipefail
cd /autograder/source
scripts/install-deps
make
