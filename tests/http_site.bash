# http_site.bash - what the tests of the static file servers share
# (15-http_server and 104-fast_server): the site they serve, and ways to
# ask it. Loaded after helper.bash; $URL and $SRV_PORT are set by the
# test file's setup_file.

# Every fixture file was last modified at this time.
MTIME="2020-01-02 03:04:05 UTC"
# A line of the access log, up to the request.
LOG='127\.0\.0\.1 - - \[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9:]{8} \+0000\]'

# The served directory, and a secret next to it that must never be served.
make_site() {
	local www=$1
	mkdir -p "$www/sub" "$www/docs/inner"
	printf 'Hello, world!\n' >"$www/hello.txt"
	printf '<p>page</p>\n' >"$www/page.html"
	printf 'sub index\n' >"$www/sub/index.html"
	printf 'z\n' >"$www/docs/z.txt"
	printf 'a\n' >"$www/docs/a.txt"
	printf 'odd\n' >"$www/docs/a b&<c>.txt"
	: >"$www/empty.txt"
	python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 4)' \
		>"$www/bytes.bin"
	head -c 3000000 /dev/urandom >"$www/big.bin"
	printf 'TOP SECRET\n' >"$www/../secret.txt"
	ln -s ../secret.txt "$www/out-relative"
	ln -s "$(cd "$www/.." && pwd)/secret.txt" "$www/out-absolute"
	ln -s "$(cd "$www" && pwd)/hello.txt" "$www/in-absolute"
	ln -s hello.txt "$www/in-relative"
	ln -s .. "$www/out-dir"
	mkfifo "$www/pipe"
	mkdir -p "$www/types" "$www/mixed/Sub"
	for f in app.mjs clip.webm song.ogg voice.opus mod.wasm notes.md \
		style.css data.json; do
		printf 'x' >"$www/types/$f"
	done
	printf 'alpha\n' >"$www/mixed/alpha.txt"
	printf 'Z\n' >"$www/mixed/Zeta.txt"
	ln -s ../hello.txt "$www/mixed/link-in"
	ln -s ../../secret.txt "$www/mixed/link-out"
	ln -s ../.. "$www/mixed/dir-out"
	mkfifo "$www/mixed/fifo"
	find "$www" -exec touch -h -d "$MTIME" {} +
}

# get PATH [CURL-ARGS...]: the whole answer (head without Date, then body).
get() {
	local path=$1
	shift
	curl -sS -i --path-as-is "$@" "$URL$path" | tr -d '\r' | grep -av '^Date: '
}

# raw REQUEST [HTTP.PY-ARGS...]: send REQUEST as it is (escapes decoded).
raw() {
	python3 "$ROOT/tests/http.py" send "$SRV_PORT" "$@"
}

# last_log: the server's last line of output.
last_log() {
	server_output srv | tail -n 1
}

# type_of PATH: the Content-Type the server gives PATH.
type_of() {
	curl -sS -o /dev/null -w '%{content_type}\n' "$URL$1"
}

# bad_request REQUEST STATUS-LINE: the answer, and the connection closed.
bad_request() {
	run raw "$1"
	assert_line --index 0 "$2"
	assert_line "Connection: close"
	assert_line --index -1 "[closed]"
	run last_log
	assert_output --regexp "^$LOG \"-\" ${2:9:3} [0-9]+\$"
}

# refused PATH STATUS-LINE: PATH is answered with STATUS-LINE, never with
# the secret.
refused() {
	run raw "GET $1 HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n"
	assert_line --index 0 "$2"
	refute_output --partial "SECRET"
}


# The checks below are the tests both servers must pass, word for word;
# each test file calls them from a test of the same name.

# check_date: the Date field: now, in the HTTP format.
check_date() {
	run curl -sS -D - -o /dev/null "$URL/hello.txt"
	assert_line --regexp "^Date: [A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} $(date -u +%Y) [0-9:]{8} GMT"$'\r$'
	# The current time in GMT, within a minute, though the server runs
	# with TZ=EST5.
	run python3 -c '
import email.utils, sys, time
date = [l for l in sys.stdin.read().split("\r\n") if l.startswith("Date: ")][0]
print(abs(email.utils.parsedate_to_datetime(date[6:]).timestamp() - time.time()) < 60)
' <<<"$(curl -sS -D - -o /dev/null "$URL/hello.txt")"
	assert_output "True"
}

# check_bodies: bodies byte for byte: binary, empty, 3 MB; the log says 3000000.
check_bodies() {
	local f
	for f in bytes.bin empty.txt big.bin; do
		curl -sS -o "$BATS_TEST_TMPDIR/$f" "$URL/$f"
		cmp "$WWW/$f" "$BATS_TEST_TMPDIR/$f"
	done
	run last_log
	assert_output --regexp "^$LOG \"GET /big.bin HTTP/1.1\" 200 3000000\$"
}

# check_media_types: Content-Type from /etc/mime.types, text in UTF-8.
check_media_types() {
	run type_of /types/app.mjs
	assert_output "text/javascript; charset=utf-8"
	run type_of /types/clip.webm
	assert_output "video/webm"
	run type_of /types/song.ogg
	assert_output "audio/ogg"
	run type_of /types/voice.opus
	assert_output "audio/ogg"
	run type_of /types/mod.wasm
	assert_output "application/wasm"
	run type_of /types/notes.md
	assert_output "text/markdown; charset=utf-8"
	run type_of /types/data.json
	assert_output "application/json"
}

# check_mime_unreadable: MIME_TYPES unreadable or empty: a warning on stderr, the built-in types.
check_mime_unreadable() {
	MIME_TYPES=/nonexistent start_server own "$(prog $PROG)" 0 "$WWW"
	URL="http://127.0.0.1:$OWN_PORT"
	run type_of /types/app.mjs
	assert_output "text/javascript; charset=utf-8"
	run type_of /page.html
	assert_output "text/html; charset=utf-8"
	run type_of /types/clip.webm
	assert_output "application/octet-stream"
	stop_server own
	assert_equal "$status" 0
	run server_output own
	assert_line --index 0 "$PROG: cannot read /nonexistent: No such file or directory; using built-in media types"
	# A table that names no type is no table either.
	printf '# only a comment\n\n' >"$BATS_TEST_TMPDIR/empty.types"
	MIME_TYPES="$BATS_TEST_TMPDIR/empty.types" start_server own "$(prog $PROG)" \
		0 "$WWW"
	URL="http://127.0.0.1:$OWN_PORT"
	run type_of /types/app.mjs
	assert_output "text/javascript; charset=utf-8"
	stop_server own
	assert_equal "$status" 0
	run server_output own
	assert_line --index 0 "$PROG: cannot read $BATS_TEST_TMPDIR/empty.types: it names no media type; using built-in media types"
}

# check_listing_order: the listing of mixed/: sorted without case, refused entries left out.
check_listing_order() {
	# Left out: a pipe, a link to a file outside DIR, a link to a
	# directory outside DIR. A link that stays inside is listed with the
	# size of what it leads to.
	run curl -sS "$URL/mixed/"
	assert_output '<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Index of /mixed/</title></head>
<body>
<h1>Index of /mixed/</h1>
<table>
<tr><th>Name</th><th>Last modified (UTC)</th><th>Size</th></tr>
<tr><td><a href="alpha.txt">alpha.txt</a></td><td>2020-01-02 03:04</td><td>6</td></tr>
<tr><td><a href="link-in">link-in</a></td><td>2020-01-02 03:04</td><td>14</td></tr>
<tr><td><a href="Sub/">Sub/</a></td><td>2020-01-02 03:04</td><td>-</td></tr>
<tr><td><a href="Zeta.txt">Zeta.txt</a></td><td>2020-01-02 03:04</td><td>2</td></tr>
</table>
</body>
</html>'
}

# check_symlinks: links: followed if they end inside DIR, else 403.
check_symlinks() {
	refused /out-relative "HTTP/1.1 403 Forbidden"
	refused /out-absolute "HTTP/1.1 403 Forbidden"
	refused /out-dir/secret.txt "HTTP/1.1 403 Forbidden"
	refused /out-dir/ "HTTP/1.1 403 Forbidden"
	run get /in-relative
	assert_line --index 0 "HTTP/1.1 200 OK"
	assert_line --index -1 "Hello, world!"
	run get /in-absolute
	assert_line --index -1 "Hello, world!"
}

# check_slow_reader: a reader that stops is dropped, another is served.
check_slow_reader() {
	run python3 "$ROOT/tests/http.py" slow-reader "$SRV_PORT" /big.bin /hello.txt 15
	assert_output "HTTP/1.1 200 OK
reader dropped"
}

# check_mixed_case: field names match whatever their case (RFC 9110).
check_mixed_case() {
	run raw 'GET /hello.txt HTTP/1.1\r\nhOsT: t\r\ncOnNeCtIoN: cLoSe\r\n\r\n' \
		--responses 2
	assert_line --index 0 "HTTP/1.1 200 OK"
	assert_line --index -1 "[closed]"
}

# check_slow_whole: a client that reads a large file slowly, through a
# small receive buffer, gets all of it: the server waits each time the
# socket is full, and goes on.
check_slow_whole() {
	run python3 "$ROOT/tests/http.py" slow-whole "$SRV_PORT" /big.bin
	assert_output "3000000 bytes of body"
}

# check_sigpipe: the server ignores (or blocks) SIGPIPE: sendfile() has no
# MSG_NOSIGNAL, and a client that goes away mid-answer must not kill it.
# Read from the kernel (/proc/PID/status), for the program itself (under
# the grader, the child of its launcher); valgrind's own masks say
# nothing of the program's, so under valgrind only check_vanish tells.
check_sigpipe() {
	local pid p found=""
	[[ -z ${UNDER_VALGRIND:-} ]] || skip "valgrind's signal masks are its own"
	pid=$(cat "$BATS_FILE_TMPDIR/srv.pid")
	for p in "$pid" $(pgrep -P "$pid"); do
		[[ $(cat "/proc/$p/comm") == "${PROG:0:15}" ]] || continue
		found=$(python3 -c '
import sys
masks = {l.split(":")[0]: int(l.split()[1], 16) for l in open(sys.argv[1])
         if l.startswith(("SigIgn:", "SigBlk:"))}
print("yes" if (masks["SigIgn"] | masks["SigBlk"]) & (1 << 12) else "no")
' "/proc/$p/status")
	done
	assert_equal "$found" "yes"
}

# check_vanish: a client that resets mid-answer does not stop the server.
check_vanish() {
	python3 "$ROOT/tests/http.py" vanish "$SRV_PORT" /big.bin
	run get /hello.txt
	assert_line --index 0 "HTTP/1.1 200 OK"
}

# check_bad_dir: DIR missing or not a directory: one line, exit 1.
check_bad_dir() {
	run --separate-stderr refusing "$(prog $PROG)" 0 "$BATS_FILE_TMPDIR/nowhere"
	assert_failure 1
	assert_output ""
	assert_stderr "$PROG: cannot serve $BATS_FILE_TMPDIR/nowhere: No such file or directory"
	run --separate-stderr refusing "$(prog $PROG)" 0 "$WWW/hello.txt"
	assert_failure 1
	assert_stderr "$PROG: cannot serve $WWW/hello.txt: Not a directory"
}

# check_bad_client_timeout: CLIENT_TIMEOUT not a number of seconds: one line, exit 1.
check_bad_client_timeout() {
	check_bad_seconds CLIENT_TIMEOUT
}

# check_bad_seconds VAR: VAR set to what is not a number of seconds (a
# word, zero, a negative number): one line, exit 1.
check_bad_seconds() {
	local t
	for t in soon 0 -1; do
		run --separate-stderr refusing env "$1=$t" "$(prog $PROG)" 0 "$WWW"
		assert_failure 1
		assert_output ""
		assert_stderr "$PROG: $1 must be a number of seconds"
	done
}

# check_port_in_use: a port in use: one line, exit 1.
check_port_in_use() {
	run --separate-stderr refusing "$(prog $PROG)" "$SRV_PORT" "$WWW"
	assert_failure 1
	assert_output ""
	assert_stderr "$PROG: cannot listen on 127.0.0.1:$SRV_PORT: Address already in use"
}

# check_listen_address: LISTEN_ADDRESS=::1: it listens there, says so as
# a URL writes it, and logs the client's IPv6 address; a name is not a
# numeric address: one line, exit 1.
check_listen_address() {
	LISTEN_ADDRESS=::1 start_server six "$(prog $PROG)" 0 "$WWW"
	run server_output six
	assert_line --index 0 "Listening on [::1]:$SIX_PORT"
	run curl -sS -g "http://[::1]:$SIX_PORT/hello.txt"
	assert_output "Hello, world!"
	stop_server six TERM
	assert_equal "$status" 0
	run server_output six
	assert_line --regexp '^::1 - - \[[^]]+\] "GET /hello.txt HTTP/1.1" 200 14$'
	LISTEN_ADDRESS=localhost run --separate-stderr refusing "$(prog $PROG)" 0 "$WWW"
	assert_failure 1
	assert_output ""
	assert_stderr "$PROG: cannot listen on localhost:0: Invalid argument"
}

# check_server_usage: wrong arguments: the usage line, exit 2.
check_server_usage() {
	local port
	for port in eighty 65536 -1 ""; do
		run --separate-stderr refusing "$(prog $PROG)" "$port"
		assert_usage "Usage: ./$PROG [PORT [DIR]]"
	done
	run --separate-stderr refusing "$(prog $PROG)" 1 "$WWW" 3
	assert_usage "Usage: ./$PROG [PORT [DIR]]"
}

# check_sigint: SIGINT with a client connected: "Server stopped", exit 0.
check_sigint() {
	start_server sig "$(prog $PROG)" 0 "$WWW"
	exec 5<>"/dev/tcp/127.0.0.1/$SIG_PORT"
	stop_server sig INT
	exec 5<&-
	assert_equal "$status" 0
	run server_output sig
	assert_line --index -1 "Server stopped"
}

# check_stops_cleanly: SIGTERM: "Server stopped", exit 0.
check_stops_cleanly() {
	stop_server srv TERM
	assert_equal "$status" 0
	run server_output srv
	assert_line --index -1 "Server stopped"
}
