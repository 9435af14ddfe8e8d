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

