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
# How many test files run at once.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BATS_FLAGS ?=
TESTS ?= tests

# Each group of exercises: the programs, the lib/ files they share, and
# the libraries they link.
CURL_CLIENTS = 0-hbtn_status 1-hbtn_header 2-post_email 3-error_code
CURL_LIB = lib/buf.c lib/easy.c lib/out.c lib/timeout.c
CURL_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcurl)
CURL_LIBS = $(shell $(PKG_CONFIG) --libs libcurl)

JSON_CLIENTS = 8-json_api 9-starwars 10-my_github 100-github_commits \
	101-starwars 102-starwars
JSON_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcurl libcjson)
JSON_LIBS = $(shell $(PKG_CONFIG) --libs libcurl libcjson)

# The same HTTP exchanges as the libcurl clients, by hand over a socket.
SOCKET_CLIENTS = 4-hbtn_status 5-hbtn_header 6-post_email 7-error_code
HTTP_LIB = lib/http.c lib/conn.c lib/url.c lib/sock.c lib/buf.c lib/out.c \
	lib/timeout.c
SSL_CFLAGS = $(shell $(PKG_CONFIG) --cflags openssl)
SSL_LIBS = $(shell $(PKG_CONFIG) --libs openssl)

SOCKET_PROGRAMS = 11-tcp_server 12-tcp_client
LOOP_SERVERS = 13-async_server 14-chat_server
SOCK_LIB = lib/sock.c lib/timeout.c lib/out.c
LOOP_LIB = lib/loop.c lib/sock.c lib/buf.c lib/timeout.c
HTTP_SERVER = 15-http_server
HTTP_SERVER_LIB = $(LOOP_LIB) lib/request.c lib/cache.c lib/mime.c

EXERCISES = $(CURL_CLIENTS) $(SOCKET_CLIENTS) $(JSON_CLIENTS) \
	$(SOCKET_PROGRAMS) $(LOOP_SERVERS) $(HTTP_SERVER)
PROGRAMS = $(addprefix $(O)/,$(EXERCISES))
HEADERS = $(wildcard lib/*.h)

# -I. lets a student's file elsewhere (SRC=DIR) include "lib/...".
COMPILE = $(CC) $(WARNINGS) -I. $(CPPFLAGS) $(CFLAGS)

SANITIZE_FLAGS = -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all
VALGRIND = valgrind --quiet --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --track-fds=no

.PHONY: all deps check test compat sanitize memcheck demo clean grade \
	grade-test print-exercises fuzz fresh-check

all: $(PROGRAMS)

$(addprefix $(O)/,$(CURL_CLIENTS)): $(O)/%: $(SRC)/%.c $(CURL_LIB) $(HEADERS)
	@mkdir -p $(O)
	$(COMPILE) $(CURL_CFLAGS) -o $@ $< $(CURL_LIB) $(LDFLAGS) $(CURL_LIBS)

$(addprefix $(O)/,$(JSON_CLIENTS)): $(O)/%: $(SRC)/%.c $(CURL_LIB) $(HEADERS)
	@mkdir -p $(O)
	$(COMPILE) $(JSON_CFLAGS) -o $@ $< $(CURL_LIB) $(LDFLAGS) $(JSON_LIBS)

$(addprefix $(O)/,$(SOCKET_CLIENTS)): $(O)/%: $(SRC)/%.c $(HTTP_LIB) $(HEADERS)
	@mkdir -p $(O)
	$(COMPILE) $(SSL_CFLAGS) -o $@ $< $(HTTP_LIB) $(LDFLAGS) $(SSL_LIBS)

$(addprefix $(O)/,$(SOCKET_PROGRAMS)): $(O)/%: $(SRC)/%.c $(SOCK_LIB) $(HEADERS)
	@mkdir -p $(O)
	$(COMPILE) -o $@ $< $(SOCK_LIB) $(LDFLAGS)

$(addprefix $(O)/,$(LOOP_SERVERS)): $(O)/%: $(SRC)/%.c $(LOOP_LIB) $(HEADERS)
	@mkdir -p $(O)
	$(COMPILE) -o $@ $< $(LOOP_LIB) $(LDFLAGS)

$(O)/$(HTTP_SERVER): $(O)/%: $(SRC)/%.c $(HTTP_SERVER_LIB) $(HEADERS)
	@mkdir -p $(O)
	$(COMPILE) -o $@ $< $(HTTP_SERVER_LIB) $(LDFLAGS)

deps:
	@scripts/install-deps

# The test command: a fresh Debian machine needs nothing else.
check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory test

test: all
	bats --jobs $(JOBS) $(BATS_FLAGS) $(TESTS)

compat:
	@$(MAKE) --no-print-directory O=build/compat CC=gcc CFLAGS= \
		WARNINGS="-Wall -Werror -Wextra -pedantic -std=gnu89" all
	@echo "compat: every exercise compiles with gcc -std=gnu89"

sanitize: deps
	@$(MAKE) --no-print-directory O=build/sanitize \
		CFLAGS="$(SANITIZE_FLAGS)" LDFLAGS="$(SANITIZE_FLAGS)" all
	BIN_DIR=$(CURDIR)/build/sanitize \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		bats --jobs $(JOBS) $(BATS_FLAGS) $(TESTS)

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
		bats --jobs $(JOBS) $(BATS_FLAGS) $(TESTS)

demo: deps all
	@scripts/demo

# Grade this repository's solutions (./grade DIR grades a student's).
grade: deps
	@./grade

# Test the grader on the broken solutions in grading/broken/.
grade-test: deps
	bats $(BATS_FLAGS) grading/tests

# libFuzzer harnesses (fuzz/*_fuzz.c), each run FUZZ_SECONDS from the
# seeds in fuzz/corpus/NAME/; what they find lands in build/fuzz/.
FUZZ_SECONDS ?= 30
FUZZERS = url response request
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all

fuzz:
	@scripts/install-deps clang
	@scripts/install-deps libclang-rt-$$(clang -dumpversion | cut -d. -f1)-dev
	@mkdir -p build/fuzz
	clang $(FUZZ_FLAGS) -I. -o build/fuzz/url_fuzz fuzz/url_fuzz.c lib/url.c
	clang $(FUZZ_FLAGS) -I. $(SSL_CFLAGS) -o build/fuzz/response_fuzz \
		fuzz/response_fuzz.c $(HTTP_LIB) $(SSL_LIBS)
	clang $(FUZZ_FLAGS) -I. -o build/fuzz/request_fuzz fuzz/request_fuzz.c \
		lib/request.c
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

# The README's two set-up commands on a minimal Debian 12 (scripts/fresh-check).
fresh-check:
	@scripts/fresh-check

print-exercises:
	@echo $(EXERCISES)

clean:
	rm -f $(EXERCISES)
	rm -rf build
