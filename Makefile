# Network exercises in C.
#
#   make            build every exercise at the top of the tree
#   make check      install what is missing, build, run every test
#   make demo       run every exercise against local servers
#   make compat     compile each exercise with the school's line (gnu89)
#   make sanitize   run the tests on an ASan + UBSan build
#   make memcheck   run the tests with every exercise under valgrind
#   make grade      build and test every exercise, print a scorecard
#   make grade-test check the grader against grading/broken/
#   make student DIR=path   write the students' edition (no solutions)
#   make fresh-check run `make demo` and `make check` on a fresh Debian 12
#                   root made with debootstrap (root and Debian's archive)
#
# CC, CFLAGS, CPPFLAGS and LDFLAGS are honoured. O=DIR puts the programs
# in DIR instead of here (used by compat and sanitize).

CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Werror -pedantic
PKG_CONFIG ?= pkg-config
O ?= .
# Where the exercises' .c files are (the grader points it at a student's).
SRC ?= .
# How many test files (and compiles) run at once.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BATS_FLAGS ?=
TESTS ?= tests

# What each exercise is built from comes from the grading table,
# grading/exercises: the files the student writes (taken from SRC), the
# given lib/ files (taken from here) and the pkg-config packages it links.
# ROWS holds one word per exercise: NAME|writes|given|links, each list
# joined with commas, "-" when empty.
TABLE = grading/exercises
ROWS := $(shell awk ' \
	function list(i, s) { s = "-"; for (i = 2; i <= NF; i++) \
		s = (s == "-" ? "" : s ",") $$i; return s } \
	function row() { if (n != "") print n "|" w "|" g "|" l } \
	/^\#/ || NF == 0 { next } \
	/^[^ \t]/ { row(); n = $$1; w = g = l = "-"; next } \
	$$1 == "writes" { w = list() } \
	$$1 == "given" { g = list() } \
	$$1 == "links" { l = list() } \
	END { row() }' $(TABLE))
comma := ,
# $(call field,ROW,K): the K-th field of ROW, as a list of words.
field = $(subst $(comma), ,$(filter-out -,$(word $(2),$(subst |, ,$(1)))))
pkg = $(if $(2),$(shell $(PKG_CONFIG) --$(1) $(2)))
# $(call src,FILES): the student's FILES, in SRC.
src = $(if $(filter .,$(SRC)),$(1),$(addprefix $(SRC)/,$(1)))

EXERCISES := $(foreach r,$(ROWS),$(call field,$(r),1))
PROGRAMS = $(addprefix $(O)/,$(EXERCISES))
HEADERS = $(wildcard lib/*.h lib/*/*.h)

# -I. lets a student's file elsewhere (SRC=DIR) include "lib/...".
COMPILE = $(CC) $(WARNINGS) -I. $(CPPFLAGS) $(CFLAGS)

# $(call exercise,ROW): the rule that builds ROW's program.
define exercise
$(O)/$(call field,$(1),1): $(call src,$(call field,$(1),2)) \
		$(call field,$(1),3) $(HEADERS)
	@mkdir -p $(O)
	$$(COMPILE) $$(call pkg,cflags,$(call field,$(1),4)) -o $$@ \
		$(call src,$(call field,$(1),2)) \
		$(call field,$(1),3) $$(LDFLAGS) \
		$$(call pkg,libs,$(call field,$(1),4))
endef

SANITIZE_FLAGS = -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all
VALGRIND = valgrind --quiet --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --track-fds=no

.PHONY: all deps check test compat sanitize memcheck demo clean grade \
	grade-test print-exercises fuzz fresh-check student steps mutants

all: $(PROGRAMS)

$(foreach r,$(ROWS),$(eval $(call exercise,$(r))))

deps:
	@scripts/install-deps

# The test command: a fresh Debian machine needs nothing else.
check: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@$(MAKE) --no-print-directory test

# scripts/run-tests runs bats, and a test file that also grades a later
# exercise once more for it (104-fast_server on 103's tests), beside it.
RUN_TESTS = JOBS=$(JOBS) BATS_FLAGS="$(BATS_FLAGS)" scripts/run-tests

test: all
	$(RUN_TESTS) $(TESTS)

compat:
	@$(MAKE) --no-print-directory -j$(JOBS) O=build/compat CC=gcc CFLAGS= \
		WARNINGS="-Wall -Werror -Wextra -pedantic -std=gnu89" all
	@echo "compat: every exercise compiles with gcc -std=gnu89"

sanitize: deps
	@$(MAKE) --no-print-directory -j$(JOBS) O=build/sanitize \
		CFLAGS="$(SANITIZE_FLAGS)" LDFLAGS="$(SANITIZE_FLAGS)" all
	BIN_DIR=$(CURDIR)/build/sanitize \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(RUN_TESTS) $(TESTS)

# Each exercise is replaced by a two-line script that runs it under
# valgrind, so the tests need no change: any error or leak makes the
# program exit 99, which no test expects.
memcheck: deps all
	@rm -rf build/memcheck && mkdir -p build/memcheck
	@for p in $(EXERCISES); do \
		printf '#!/bin/sh\nexec $(VALGRIND) "%s" "$$@"\n' \
			"$(CURDIR)/$$p" > build/memcheck/$$p; \
		chmod +x build/memcheck/$$p; \
	done
	BIN_DIR=$(CURDIR)/build/memcheck UNDER_VALGRIND=1 \
		$(RUN_TESTS) $(TESTS)

demo: deps all
	@scripts/demo

# Grade this repository's solutions (./grade DIR grades a student's).
grade: deps
	@./grade

# Test the grader on the broken solutions in grading/broken/.
grade-test: deps
	bats $(BATS_FLAGS) grading/tests

# The checkpoints of the long exercises (the "step" lines of
# grading/exercises): each step's tests pass with the later steps'
# functions not yet written (scripts/check-steps).
steps: deps
	@scripts/check-steps

# The mutation run: each realistic mistake of grading/mutants, applied to
# a reference solution, must fail one of its graded tests
# (scripts/mutants; ONLY="13-async_server 15-http_server" for some).
mutants: deps
	@scripts/mutants $(ONLY)

# libFuzzer harnesses (fuzz/*_fuzz.c), each run FUZZ_SECONDS from the
# seeds in fuzz/corpus/NAME/; what they find lands in build/fuzz/.
FUZZ_SECONDS ?= 30
FUZZERS = url response request dns
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all

fuzz:
	@scripts/install-deps clang
	@scripts/install-deps libclang-rt-$$(clang -dumpversion | cut -d. -f1)-dev
	@mkdir -p build/fuzz
	clang $(FUZZ_FLAGS) -I. -o build/fuzz/url_fuzz fuzz/url_fuzz.c \
		lib/client/url.c
	clang $(FUZZ_FLAGS) -I. $(call pkg,cflags,openssl) \
		-o build/fuzz/response_fuzz fuzz/response_fuzz.c lib/client/*.c \
		lib/sock.c lib/buf.c lib/timeout.c $(call pkg,libs,openssl)
	clang $(FUZZ_FLAGS) -I. -o build/fuzz/request_fuzz fuzz/request_fuzz.c \
		lib/server/request.c
	clang $(FUZZ_FLAGS) -I. -o build/fuzz/dns_fuzz fuzz/dns_fuzz.c \
		lib/dns/message.c lib/dns/name.c lib/buf.c
	@for f in $(FUZZERS); do \
		mkdir -p build/fuzz/corpus-$$f && \
		echo "fuzz: $$f for $(FUZZ_SECONDS) s" && \
		if ! build/fuzz/$${f}_fuzz -max_total_time=$(FUZZ_SECONDS) \
			-artifact_prefix=build/fuzz/$$f- -print_final_stats=1 \
			build/fuzz/corpus-$$f fuzz/corpus/$$f \
			>build/fuzz/$$f.log 2>&1; then \
			tail -n 40 build/fuzz/$$f.log; exit 1; \
		fi; \
		grep "^stat::number_of_executed_units" build/fuzz/$$f.log; \
	done

# What a teacher hands to students (scripts/student-edition): the suite
# without any solution, a stub for each module an exercise asks for.
student:
	@test -n "$(DIR)" || { echo "Usage: make student DIR=path" >&2; exit 2; }
	@scripts/student-edition "$(DIR)"

# The README's two set-up commands on a minimal Debian 12 (scripts/fresh-check).
fresh-check:
	@scripts/fresh-check

print-exercises:
	@echo $(EXERCISES)

clean:
	rm -f $(EXERCISES)
	rm -rf build
