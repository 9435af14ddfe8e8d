#!/usr/bin/env bats
# 103-http11_server [PORT [DIR]]: a static file server speaking HTTP/1.1:
# keep-alive, pipelining, conditional requests, byte ranges, 408.
#
# 104-fast_server is graded on these tests too: the grader runs this file
# with EXERCISE=104-fast_server (grading/exercises, "also"), and so does
# make check.

load helper
load http_site

PROG=${EXERCISE:-103-http11_server}
LAST_MODIFIED="Thu, 02 Jan 2020 03:04:05 GMT"
# hello.txt's entity tag: its modification time and size, in hex.
ETAG='"5e0d5da5-e"'

setup_file() {
	WWW="$BATS_FILE_TMPDIR/www"
	export WWW
	make_site "$WWW"
	# Five hours west of UTC: a date in local time would show it.
	TZ=EST5 CLIENT_TIMEOUT=2 start_server srv "$(prog $PROG)" 0 "$WWW"
	URL="http://127.0.0.1:$SRV_PORT"
	export URL
}

# bats test_tags=step:keepalive
@test "announces its address once listening" {
	run server_output srv
	assert_line --index 0 "Listening on 127.0.0.1:$SRV_PORT"
	assert_equal "$(bound_address "$SRV_PORT")" "127.0.0.1"
}

# bats test_tags=step:keepalive
@test "GET a file: the exact answer, and one line in the access log" {
	run get /hello.txt
	assert_output "HTTP/1.1 200 OK
Server: $PROG
Last-Modified: $LAST_MODIFIED
ETag: $ETAG
Content-Type: text/plain; charset=utf-8
Content-Length: 14
Accept-Ranges: bytes

Hello, world!"
	run last_log
	assert_output --regexp "^$LOG \"GET /hello.txt HTTP/1.1\" 200 14\$"
}

# bats test_tags=step:keepalive
@test "Date is the current time, in the HTTP format" {
	check_date
}

# bats test_tags=step:keepalive
@test "bodies are byte-identical: binary, empty, multi-megabyte" {
	check_bodies
}

# bats test_tags=step:keepalive
@test "Content-Type comes from the extension" {
	run get /page.html
	assert_line "Content-Type: text/html; charset=utf-8"
	run get /bytes.bin
	assert_line "Content-Type: application/octet-stream"
}

# bats test_tags=step:keepalive
@test "media types come from /etc/mime.types; text is UTF-8" {
	check_media_types
}

# bats test_tags=step:keepalive
@test "MIME_TYPES: another table; the first line naming an extension wins" {
	printf '# a comment\ntext/x-first\tfoo\nx-second/y foo BAR\n\nx-empty/z\n' \
		>"$BATS_TEST_TMPDIR/types"
	mkdir -p "$BATS_TEST_TMPDIR/site"
	printf 'x' >"$BATS_TEST_TMPDIR/site/a.foo"
	printf 'x' >"$BATS_TEST_TMPDIR/site/b.bar"
	printf 'x' >"$BATS_TEST_TMPDIR/site/c.html"
	MIME_TYPES="$BATS_TEST_TMPDIR/types" start_server own "$(prog $PROG)" 0 \
		"$BATS_TEST_TMPDIR/site"
	URL="http://127.0.0.1:$OWN_PORT"
	run type_of /a.foo
	assert_output "text/x-first; charset=utf-8"
	run type_of /b.bar
	assert_output "x-second/y"
	run type_of /c.html
	assert_output "application/octet-stream"
	stop_server own
	assert_equal "$status" 0
}

# bats test_tags=step:keepalive
@test "MIME_TYPES that cannot be read: a warning, and the built-in types" {
	check_mime_unreadable
}

# bats test_tags=step:keepalive
@test "HEAD: the same head as GET, no body" {
	run raw 'HEAD /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n'
	assert_output "HTTP/1.1 200 OK
Server: $PROG
Last-Modified: $LAST_MODIFIED
ETag: $ETAG
Content-Type: text/plain; charset=utf-8
Content-Length: 14
Accept-Ranges: bytes

[open]"
	run last_log
	assert_output --regexp "^$LOG \"HEAD /hello.txt HTTP/1.1\" 200 -\$"
}

# bats test_tags=step:errors
@test "HEAD of an error: its head without the body, and the next answer intact" {
	run raw 'HEAD /missing HTTP/1.1\r\nHost: t\r\n\r\nGET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n' \
		--responses 2
	assert_output "HTTP/1.1 404 Not Found
Server: $PROG
Content-Type: text/plain; charset=utf-8
Content-Length: 14

HTTP/1.1 200 OK
Server: $PROG
Last-Modified: $LAST_MODIFIED
ETag: $ETAG
Content-Type: text/plain; charset=utf-8
Content-Length: 14
Accept-Ranges: bytes

Hello, world!
[open]"
}

# bats test_tags=step:conditional
@test "If-Modified-Since: 304 when unchanged, 200 when changed or unreadable" {
	run get /hello.txt -H "If-Modified-Since: $LAST_MODIFIED"
	assert_output "HTTP/1.1 304 Not Modified
Server: $PROG
Last-Modified: $LAST_MODIFIED
ETag: $ETAG"
	run get /hello.txt -H "If-Modified-Since: Wed, 01 Jan 2020 00:00:00 GMT"
	assert_line --index 0 "HTTP/1.1 200 OK"
	run get /hello.txt -H "If-Modified-Since: yesterday"
	assert_line --index 0 "HTTP/1.1 200 OK"
}

# bats test_tags=step:conditional
@test "ETag: If-None-Match gives 304, and then If-Modified-Since is ignored" {
	run get /hello.txt -H "If-None-Match: $ETAG"
	assert_output "HTTP/1.1 304 Not Modified
Server: $PROG
Last-Modified: $LAST_MODIFIED
ETag: $ETAG"
	# Weak comparison, lists, and "*" match too.
	local inm
	for inm in "W/$ETAG" "\"other\", $ETAG" '*'; do
		run get /hello.txt -H "If-None-Match: $inm"
		assert_line --index 0 "HTTP/1.1 304 Not Modified"
	done
	# RFC 9110 13.2.2: with If-None-Match, If-Modified-Since is ignored,
	# both ways.
	run get /hello.txt -H 'If-None-Match: "other"' \
		-H "If-Modified-Since: $LAST_MODIFIED"
	assert_line --index 0 "HTTP/1.1 200 OK"
	run get /hello.txt -H "If-None-Match: $ETAG" \
		-H "If-Modified-Since: Wed, 01 Jan 2020 00:00:00 GMT"
	assert_line --index 0 "HTTP/1.1 304 Not Modified"
}

# bats test_tags=step:conditional
@test "If-Match and If-Unmodified-Since: 412 when the file is another version" {
	run get /hello.txt -H "If-Unmodified-Since: Wed, 01 Jan 2020 00:00:00 GMT"
	assert_output "HTTP/1.1 412 Precondition Failed
Server: $PROG
Content-Type: text/plain; charset=utf-8
Content-Length: 24

412 Precondition Failed"
	run get /hello.txt -H "If-Unmodified-Since: $LAST_MODIFIED"
	assert_line --index 0 "HTTP/1.1 200 OK"
	run get /hello.txt -H "If-Unmodified-Since: not a date"
	assert_line --index 0 "HTTP/1.1 200 OK"
	run get /hello.txt -H 'If-Match: "other"'
	assert_line --index 0 "HTTP/1.1 412 Precondition Failed"
	# If-Match compares strongly: a weak tag never matches.
	run get /hello.txt -H "If-Match: W/$ETAG"
	assert_line --index 0 "HTTP/1.1 412 Precondition Failed"
	run get /hello.txt -H "If-Match: \"other\", $ETAG"
	assert_line --index 0 "HTTP/1.1 200 OK"
	# With If-Match, If-Unmodified-Since is ignored.
	run get /hello.txt -H "If-Match: *" \
		-H "If-Unmodified-Since: Wed, 01 Jan 2020 00:00:00 GMT"
	assert_line --index 0 "HTTP/1.1 200 OK"
}

# bats test_tags=step:ranges
@test "If-Range: the range only if the file is the version the client has" {
	# The file changed since the date: the whole file, 200.
	run get /hello.txt -H "Range: bytes=0-4" \
		-H "If-Range: Wed, 01 Jan 2020 00:00:00 GMT"
	assert_line --index 0 "HTTP/1.1 200 OK"
	assert_line "Content-Length: 14"
	assert_line --index -1 "Hello, world!"
	run get /hello.txt -H "Range: bytes=0-4" -H 'If-Range: "other"'
	assert_line --index 0 "HTTP/1.1 200 OK"
	assert_line --index -1 "Hello, world!"
	run get /hello.txt -H "Range: bytes=0-4" -H "If-Range: W/$ETAG"
	assert_line --index 0 "HTTP/1.1 200 OK"
	run get /hello.txt -H "Range: bytes=0-4" -H "If-Range: not a date"
	assert_line --index 0 "HTTP/1.1 200 OK"
	# The same version, by date or by tag: the range, 206.
	run get /hello.txt -H "Range: bytes=0-4" -H "If-Range: $LAST_MODIFIED"
	assert_line --index 0 "HTTP/1.1 206 Partial Content"
	assert_line --index -1 "Hello"
	run get /hello.txt -H "Range: bytes=0-4" -H "If-Range: $ETAG"
	assert_line --index 0 "HTTP/1.1 206 Partial Content"
	assert_line --index -1 "Hello"
}

# bats test_tags=step:ranges
@test "Range: a byte range gives 206 with Content-Range" {
	run get /hello.txt -H "Range: bytes=0-4"
	assert_output "HTTP/1.1 206 Partial Content
Server: $PROG
Last-Modified: $LAST_MODIFIED
ETag: $ETAG
Content-Type: text/plain; charset=utf-8
Content-Length: 5
Accept-Ranges: bytes
Content-Range: bytes 0-4/14

Hello"
	run get /hello.txt -H "Range: bytes=7-"
	assert_line "Content-Range: bytes 7-13/14"
	assert_line --index -1 "world!"
	run get /hello.txt -H "Range: bytes=-6"
	assert_line "Content-Range: bytes 8-13/14"
	run get /hello.txt -H "Range: bytes=10-999"
	assert_line "Content-Range: bytes 10-13/14"
	# A suffix longer than the file is the whole file (RFC 9110 14.1.2).
	run get /hello.txt -H "Range: bytes=-100"
	assert_line --index 0 "HTTP/1.1 206 Partial Content"
	assert_line "Content-Range: bytes 0-13/14"
	assert_line --index -1 "Hello, world!"
}

# bats test_tags=step:ranges
@test "Range: past the end is 416; several ranges or nonsense get it all" {
	run get /hello.txt -H "Range: bytes=14-"
	assert_output "HTTP/1.1 416 Range Not Satisfiable
Server: $PROG
Content-Range: bytes */14
Content-Type: text/plain; charset=utf-8
Content-Length: 26

416 Range Not Satisfiable"
	run get /hello.txt -H "Range: bytes=0-1,4-5"
	assert_line --index 0 "HTTP/1.1 200 OK"
	run get /hello.txt -H "Range: lines=1-2"
	assert_line --index 0 "HTTP/1.1 200 OK"
	run get /hello.txt -H "Range: bytes=5-2"
	assert_line --index 0 "HTTP/1.1 200 OK"
}

# bats test_tags=step:ranges
@test "Range in a large file (sent by sendfile) is byte-exact" {
	curl -sS -H "Range: bytes=1000000-1999999" -o "$BATS_TEST_TMPDIR/part" \
		"$URL/big.bin"
	tail -c +1000001 "$WWW/big.bin" | head -c 1000000 >"$BATS_TEST_TMPDIR/want"
	cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/part"
}

# bats test_tags=step:keepalive
@test "a directory: its listing, sorted, names escaped" {
	run get /docs/
	assert_output "HTTP/1.1 200 OK
Server: $PROG
"'Content-Type: text/html; charset=utf-8
Content-Length: 568

<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Index of /docs/</title></head>
<body>
<h1>Index of /docs/</h1>
<table>
<tr><th>Name</th><th>Last modified (UTC)</th><th>Size</th></tr>
<tr><td><a href="a%20b%26%3Cc%3E.txt">a b&#38;&#60;c&#62;.txt</a></td><td>2020-01-02 03:04</td><td>4</td></tr>
<tr><td><a href="a.txt">a.txt</a></td><td>2020-01-02 03:04</td><td>2</td></tr>
<tr><td><a href="inner/">inner/</a></td><td>2020-01-02 03:04</td><td>-</td></tr>
<tr><td><a href="z.txt">z.txt</a></td><td>2020-01-02 03:04</td><td>2</td></tr>
</table>
</body>
</html>'
}

# bats test_tags=step:keepalive
@test "a listing sorts without case, and leaves out what would be refused" {
	check_listing_order
}

# bats test_tags=step:keepalive
@test "a directory with index.html serves it" {
	run get /sub/
	assert_line --index 0 "HTTP/1.1 200 OK"
	assert_line "Content-Type: text/html; charset=utf-8"
	assert_line --index -1 "sub index"
}

# bats test_tags=step:keepalive
@test "a directory without its slash: 301 to the slash, query kept" {
	run get /docs
	assert_output "HTTP/1.1 301 Moved Permanently
Server: $PROG
Location: /docs/
Content-Type: text/plain; charset=utf-8
Content-Length: 22

301 Moved Permanently"
	run get '/docs?sort=name'
	assert_line "Location: /docs/?sort=name"
}

# bats test_tags=step:keepalive
@test "the slash redirect never names another host: //docs goes to /docs/" {
	# "//docs/" in Location would be read by a browser as the host "docs".
	local path
	for path in //docs ///docs /%2Fdocs /%2F%2Fdocs; do
		run get "$path"
		assert_line --index 0 "HTTP/1.1 301 Moved Permanently"
		assert_line "Location: /docs/"
	done
	run raw 'GET http://t//docs HTTP/1.1\r\nHost: t\r\n\r\n'
	assert_line "Location: /docs/"
	run get '//docs?x=//y'
	assert_line "Location: /docs/?x=//y"
	run get '/docs/inner'
	assert_line "Location: /docs/inner/"
	mkdir -p "$WWW/a b"
	run get '//a%20b'
	assert_line "Location: /a%20b/"
	rmdir "$WWW/a b"
	# A backslash is refused before any redirect: no Location at all.
	for path in '/\docs' '/%5Cdocs' '/%5C%5Cdocs'; do
		run get "$path"
		assert_line --index 0 "HTTP/1.1 403 Forbidden"
		refute_line --partial "Location:"
	done
}

# bats test_tags=step:keepalive
@test "a file that is not there: 404" {
	run get /nothing.txt
	assert_output "HTTP/1.1 404 Not Found
Server: $PROG
Content-Type: text/plain; charset=utf-8
Content-Length: 14

404 Not Found"
	run get /hello.txt/
	assert_line --index 0 "HTTP/1.1 404 Not Found"
}

# bats test_tags=step:errors
@test "a named pipe: 403 at once, not a hang" {
	run get /pipe
	assert_line --index 0 "HTTP/1.1 403 Forbidden"
}

# bats test_tags=step:errors
@test "methods other than GET and HEAD: 405 or 501, with Allow" {
	run raw 'DELETE /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n'
	assert_output "HTTP/1.1 405 Method Not Allowed
Server: $PROG
Allow: GET, HEAD
Content-Type: text/plain; charset=utf-8
Content-Length: 23

405 Method Not Allowed
[open]"
	run raw 'BREW /pot HTTP/1.1\r\nHost: t\r\n\r\n'
	assert_line --index 0 "HTTP/1.1 501 Not Implemented"
	assert_line "Allow: GET, HEAD"
}

# bats test_tags=step:errors
@test "a request with a body is answered, then the connection closes" {
	run raw 'POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello'
	assert_line --index 0 "HTTP/1.1 405 Method Not Allowed"
	assert_line "Connection: close"
	assert_line --index -1 "[closed]"
}

# bats test_tags=step:errors
@test "malformed requests: 400, and the connection closes" {
	bad_request 'GET /\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET  / HTTP/1.1\r\nHost: t\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTP/1.1 extra\r\nHost: t\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTX/1.1\r\nHost: t\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'G(T / HTTP/1.1\r\nHost: t\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET /\xff HTTP/1.1\r\nHost: t\r\n\r\n' "HTTP/1.1 400 Bad Request"
}

# bats test_tags=step:errors
@test "malformed headers: 400, and the connection closes" {
	bad_request 'GET / HTTP/1.1\r\nHost t\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTP/1.1\r\nHost : t\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTP/1.1\r\nHost: t\r\n folded\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTP/1.1\r\nHost: t\r\nX: a\x00b\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTP/1.1\r\nHost: t\r\nX: a\rb\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTP/1.1\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n' "HTTP/1.1 400 Bad Request"
}

# bats test_tags=step:errors
@test "request smuggling shapes: 400" {
	bad_request 'GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n' \
		"HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n' \
		"HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n' \
		"HTTP/1.1 400 Bad Request"
}

# bats test_tags=step:errors
@test "a request line over 8 KiB: 414" {
	local long
	long=$(printf 'a%.0s' {1..8200})
	bad_request "GET /$long HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n" "HTTP/1.1 414 URI Too Long"
}

# bats test_tags=step:errors
@test "at the limits: a request line of 8 KiB and 100 fields are read; one byte or field more is refused" {
	local a fields
	# "GET /hello.txt?" + 8167 bytes + " HTTP/1.1\r": 8,192 bytes before
	# the LF.
	a=$(printf 'a%.0s' {1..8167})
	run raw "GET /hello.txt?$a HTTP/1.1\\r\\nHost: t\\r\\nConnection: close\\r\\n\\r\\n"
	assert_line --index 0 "HTTP/1.1 200 OK"
	bad_request "GET /hello.txt?${a}a HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n" \
		"HTTP/1.1 414 URI Too Long"
	# Host, Connection and 98 more: 100 fields.
	fields=$(printf 'X: y\\r\\n%.0s' {1..98})
	run raw "GET /hello.txt HTTP/1.1\\r\\nHost: t\\r\\nConnection: close\\r\\n$fields\\r\\n"
	assert_line --index 0 "HTTP/1.1 200 OK"
	bad_request "GET /hello.txt HTTP/1.1\\r\\nHost: t\\r\\nConnection: close\\r\\n${fields}X: y\\r\\n\\r\\n" \
		"HTTP/1.1 431 Request Header Fields Too Large"
}

# bats test_tags=step:errors
@test "a head over 16 KiB, or over 100 fields: 431" {
	local big many
	big=$(printf 'x%.0s' {1..4000})
	big="X-A: $big\\r\\nX-B: $big\\r\\nX-C: $big\\r\\nX-D: $big\\r\\nX-E: $big\\r\\n"
	bad_request "GET / HTTP/1.1\\r\\nHost: t\\r\\n$big\\r\\n" \
		"HTTP/1.1 431 Request Header Fields Too Large"
	many=$(printf 'X: y\\r\\n%.0s' {1..101})
	bad_request "GET / HTTP/1.1\\r\\nHost: t\\r\\n$many\\r\\n" \
		"HTTP/1.1 431 Request Header Fields Too Large"
}

# bats test_tags=step:errors
@test "an HTTP version other than 1.x: 505" {
	bad_request 'GET / HTTP/2.0\r\nHost: t\r\n\r\n' "HTTP/1.1 505 HTTP Version Not Supported"
	bad_request 'GET / HTTP/0.9\r\n\r\n' "HTTP/1.1 505 HTTP Version Not Supported"
}

# bats test_tags=step:timeouts
@test "a request not finished within CLIENT_TIMEOUT: 408" {
	run raw 'GET / HTTP/1.1\r\nHost: t\r\n'
	assert_line --index 0 "HTTP/1.1 408 Request Timeout"
	assert_line "Connection: close"
	assert_line --index -1 "[closed]"
}

# bats test_tags=step:keepalive
@test "no path leaves DIR: dot segments, encoded or not" {
	refused '/../secret.txt' "HTTP/1.1 403 Forbidden"
	refused '/docs/../../secret.txt' "HTTP/1.1 403 Forbidden"
	refused '/%2e%2e/secret.txt' "HTTP/1.1 403 Forbidden"
	refused '/%2E%2E%2Fsecret.txt' "HTTP/1.1 403 Forbidden"
	refused '/..%2fsecret.txt' "HTTP/1.1 403 Forbidden"
	refused '/docs/..%2f..%2fsecret.txt' "HTTP/1.1 403 Forbidden"
	refused '/./hello.txt' "HTTP/1.1 403 Forbidden"
	refused 'http://t/../secret.txt' "HTTP/1.1 403 Forbidden"
}

# bats test_tags=step:keepalive
@test "no path leaves DIR: backslashes, NUL, double encoding, absolute" {
	refused '/..\\secret.txt' "HTTP/1.1 403 Forbidden"
	refused '/%5c..%5csecret.txt' "HTTP/1.1 403 Forbidden"
	refused '/hello.txt%00.html' "HTTP/1.1 400 Bad Request"
	refused '/%0a' "HTTP/1.1 400 Bad Request"
	refused '/%zz' "HTTP/1.1 400 Bad Request"
	refused '/%252e%252e/secret.txt' "HTTP/1.1 404 Not Found"
	refused '//etc/passwd' "HTTP/1.1 404 Not Found"
	refused "/$BATS_FILE_TMPDIR/secret.txt" "HTTP/1.1 404 Not Found"
	refused 'secret.txt' "HTTP/1.1 400 Bad Request"
}

# bats test_tags=step:keepalive
@test "symbolic links: followed if they end inside DIR, else 403" {
	check_symlinks
}

# bats test_tags=step:keepalive
@test "a path that is percent-encoded, and a query, are understood" {
	run get '/docs/a%20b%26%3Cc%3E.txt?x=1'
	assert_line --index 0 "HTTP/1.1 200 OK"
	assert_line --index -1 "odd"
	run get '/docs//a.txt'
	assert_line --index -1 "a"
}

# bats test_tags=step:keepalive
@test "keep-alive: two requests on one connection; it stays open" {
	run raw 'GET /docs/a.txt HTTP/1.1\r\nHost: t\r\n\r\nGET /docs/z.txt HTTP/1.1\r\nHost: t\r\n\r\n' \
		--responses 2 --split 30
	# (bats leaves blank lines out of $lines)
	assert_line --index 7 "a"
	assert_line --index 15 "z"
	assert_line --index -1 "[open]"
}

# bats test_tags=step:keepalive
@test "Connection: close is honoured" {
	run raw 'GET /docs/a.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n'
	assert_line "Connection: close"
	assert_line --index -1 "[closed]"
}

# bats test_tags=step:keepalive
@test "HTTP/1.0 closes, unless it asks for keep-alive" {
	run raw 'GET /docs/a.txt HTTP/1.0\r\n\r\n'
	assert_line "Connection: close"
	assert_line --index -1 "[closed]"
	run raw 'GET /docs/a.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n'
	assert_line "Connection: keep-alive"
	assert_line --index -1 "[open]"
}

# bats test_tags=step:keepalive
@test "pipelining: requests sent in one write are answered in order" {
	run raw 'GET /docs/z.txt HTTP/1.1\r\nHost: t\r\n\r\nGET /missing HTTP/1.1\r\nHost: t\r\n\r\nHEAD /hello.txt HTTP/1.1\r\nHost: t\r\n\r\nGET /docs/a.txt HTTP/1.1\r\nHost: t\r\n\r\n' \
		--responses 4
	assert_output "HTTP/1.1 200 OK
Server: $PROG
Last-Modified: $LAST_MODIFIED
ETag: \"5e0d5da5-2\"
Content-Type: text/plain; charset=utf-8
Content-Length: 2
Accept-Ranges: bytes

z
HTTP/1.1 404 Not Found
Server: $PROG
Content-Type: text/plain; charset=utf-8
Content-Length: 14

404 Not Found
HTTP/1.1 200 OK
Server: $PROG
Last-Modified: $LAST_MODIFIED
ETag: $ETAG
Content-Type: text/plain; charset=utf-8
Content-Length: 14
Accept-Ranges: bytes

HTTP/1.1 200 OK
Server: $PROG
Last-Modified: $LAST_MODIFIED
ETag: \"5e0d5da5-2\"
Content-Type: text/plain; charset=utf-8
Content-Length: 2
Accept-Ranges: bytes

a
[open]"
}

# bats test_tags=step:keepalive
@test "pipelining around a large file keeps the order" {
	python3 - "$SRV_PORT" "$WWW/big.bin" <<'PY'
import socket, sys
port, big = int(sys.argv[1]), open(sys.argv[2], "rb").read()
req = b"GET %s HTTP/1.1\r\nHost: t\r\n\r\n"
s = socket.create_connection(("127.0.0.1", port), timeout=20)
s.sendall(req % b"/docs/a.txt" + req % b"/big.bin" + req % b"/docs/z.txt")
data = b""
while data.count(b"HTTP/1.1 200 OK") < 3 or not data.endswith(b"z\n"):
    chunk = s.recv(1 << 20)
    assert chunk, "closed early"
    data += chunk
bodies = [part.split(b"\r\n\r\n", 1)[1] for part in data.split(b"HTTP/1.1 200 OK")[1:]]
assert bodies[0] == b"a\n" and bodies[2] == b"z\n", bodies[::2]
assert bodies[1] == big, len(bodies[1])
PY
}

# bats test_tags=step:keepalive
@test "a request split across many small writes" {
	run raw 'GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n' --split 1
	assert_line --index -2 "Hello, world!"
}

# bats test_tags=step:keepalive
@test "empty lines before a request are skipped" {
	run raw '\r\n\r\nGET /docs/a.txt HTTP/1.1\r\nHost: t\r\n\r\n'
	assert_line --index 0 "HTTP/1.1 200 OK"
}

# bats test_tags=step:timeouts
@test "slowloris: a normal request is answered meanwhile; the slow get 408" {
	run python3 "$ROOT/tests/http.py" slowloris "$SRV_PORT" 200 15 /hello.txt
	assert_output "HTTP/1.1 200 OK
200 slow connections open meanwhile
200 of 200 closed, 200 with 408"
}

# bats test_tags=step:timeouts
@test "a client that stops reading a large file is dropped; others are served" {
	check_slow_reader
}

# bats test_tags=step:timeouts
@test "a client that vanishes mid-answer does not stop the server" {
	check_vanish
}

# bats test_tags=step:timeouts
@test "SIGPIPE ignored: a write to a client gone cannot kill the server" {
	check_sigpipe
}

# bats test_tags=step:timeouts
@test "a large file read slowly through a small buffer arrives whole" {
	check_slow_whole
}

# bats test_tags=step:keepalive
@test "field names in any case: hOsT, cOnNeCtIoN: cLoSe" {
	check_mixed_case
}

# bats test_tags=step:timeouts
@test "10,000 idle connections, and requests are still served" {
	CLIENT_TIMEOUT=120 start_server idle "$(prog $PROG)" 0 "$WWW"
	run python3 "$ROOT/tests/http.py" idle "$IDLE_PORT" 10000 /hello.txt
	assert_output "HTTP/1.1 200 OK
10000 of 10000 still open"
	stop_server idle TERM
	assert_equal "$status" 0
}

# bats test_tags=step:keepalive
@test "DIR that is missing or not a directory" {
	check_bad_dir
}

# bats test_tags=step:keepalive
@test "CLIENT_TIMEOUT that is not a number of seconds" {
	check_bad_client_timeout
}

# bats test_tags=step:errors
@test "out of descriptors: 503 Service Unavailable, and that connection closes" {
	[[ $PROG != 104-fast_server ]] ||
		skip "104 keeps descriptors for its files: it pauses accepting first"
	start_server few bash -c 'ulimit -n 32 && exec "$@"' _ "$(prog $PROG)" 0 "$WWW"
	run python3 "$ROOT/tests/http.py" exhaust "$FEW_PORT" /hello.txt 100
	assert_output "HTTP/1.1 503 Service Unavailable
Server: $PROG
Content-Type: text/plain; charset=utf-8
Content-Length: 24
Connection: close

503 Service Unavailable
[closed]"
	stop_server few TERM
	assert_equal "$status" 0
}

# bats test_tags=step:keepalive
@test "a port in use" {
	check_port_in_use
}

# bats test_tags=step:keepalive
@test "LISTEN_ADDRESS=::1: IPv6, and the client's address in the log" {
	check_listen_address
}

# bats test_tags=step:keepalive
@test "wrong arguments: usage" {
	check_server_usage
}

# bats test_tags=step:keepalive
@test "SIGINT with a client connected: a last line, exit 0" {
	check_sigint
}

# bats test_tags=step:keepalive,step:conditional,step:ranges,step:errors,step:timeouts
@test "after all of the above, it stops cleanly" {
	check_stops_cleanly
}
