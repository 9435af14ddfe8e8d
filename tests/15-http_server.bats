#!/usr/bin/env bats
# 15-http_server [PORT [DIR]]: a static file server, one request per
# connection. The site served, get, raw and the other helpers are in
# tests/http_site.bash; 104-fast_server's tests use the same site.

load helper
load http_site

PROG=15-http_server

setup_file() {
	WWW="$BATS_FILE_TMPDIR/www"
	export WWW
	make_site "$WWW"
	# Five hours west of UTC: a date in local time would show it.
	TZ=EST5 CLIENT_TIMEOUT=2 start_server srv "$(prog $PROG)" 0 "$WWW"
	URL="http://127.0.0.1:$SRV_PORT"
	export URL
}

# bats test_tags=step:file
@test "announces its address once listening" {
	run server_output srv
	assert_line --index 0 "Listening on 127.0.0.1:$SRV_PORT"
	assert_equal "$(bound_address "$SRV_PORT")" "127.0.0.1"
}

# bats test_tags=step:file
@test "GET a file: the exact answer, and one line in the access log" {
	run raw 'GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n'
	assert_output "HTTP/1.1 200 OK
Server: $PROG
Content-Type: text/plain; charset=utf-8
Content-Length: 14
Connection: close

Hello, world!
[closed]"
	run last_log
	assert_output --regexp "^$LOG \"GET /hello.txt HTTP/1.1\" 200 14\$"
}

# bats test_tags=step:file
@test "Date is the current time, in the HTTP format" {
	check_date
}

# bats test_tags=step:file
@test "bodies are byte-identical: binary, empty, multi-megabyte" {
	check_bodies
}

# bats test_tags=step:file
@test "Content-Type comes from the extension" {
	run get /page.html
	assert_line "Content-Type: text/html; charset=utf-8"
	run get /bytes.bin
	assert_line "Content-Type: application/octet-stream"
}

# bats test_tags=step:file
@test "media types come from /etc/mime.types; text is UTF-8" {
	check_media_types
}

# bats test_tags=step:file
@test "MIME_TYPES that cannot be read: a warning, and the built-in types" {
	check_mime_unreadable
}

# bats test_tags=step:file
@test "HEAD: the same head as GET, no body" {
	run raw 'HEAD /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n'
	assert_output "HTTP/1.1 200 OK
Server: $PROG
Content-Type: text/plain; charset=utf-8
Content-Length: 14
Connection: close

[closed]"
	run last_log
	assert_output --regexp "^$LOG \"HEAD /hello.txt HTTP/1.1\" 200 -\$"
}

# bats test_tags=step:file
@test "one request per connection: what follows the first is not answered" {
	run raw 'GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\nGET /page.html HTTP/1.1\r\nHost: t\r\n\r\n' \
		--responses 2
	assert_output "HTTP/1.1 200 OK
Server: $PROG
Content-Type: text/plain; charset=utf-8
Content-Length: 14
Connection: close

Hello, world!
[closed]"
}

# bats test_tags=step:dirs
@test "a directory: its listing, sorted, names escaped" {
	run get /docs/
	assert_output 'HTTP/1.1 200 OK
Server: 15-http_server
Content-Type: text/html; charset=utf-8
Content-Length: 568
Connection: close

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
	run last_log
	assert_output --regexp "^$LOG \"GET /docs/ HTTP/1.1\" 200 568\$"
}

# bats test_tags=step:confinement
@test "a listing sorts without case, and leaves out what would be refused" {
	check_listing_order
}

# bats test_tags=step:dirs
@test "a directory with index.html serves it, and HEAD of a listing has no body" {
	run get /sub/
	assert_output "HTTP/1.1 200 OK
Server: $PROG
Content-Type: text/html; charset=utf-8
Content-Length: 10
Connection: close

sub index"
	run raw 'HEAD /docs/ HTTP/1.1\r\nHost: t\r\n\r\n'
	assert_output "HTTP/1.1 200 OK
Server: $PROG
Content-Type: text/html; charset=utf-8
Content-Length: 568
Connection: close

[closed]"
}

# bats test_tags=step:dirs
@test "a directory without its slash: 301 to the slash, query kept" {
	run get /docs
	assert_output "HTTP/1.1 301 Moved Permanently
Server: $PROG
Location: /docs/
Content-Type: text/plain; charset=utf-8
Content-Length: 22
Connection: close

301 Moved Permanently"
	run get '/docs?sort=name'
	assert_line "Location: /docs/?sort=name"
	run get '/docs/inner'
	assert_line "Location: /docs/inner/"
}

# bats test_tags=step:dirs
@test "the slash redirect never names another host: //docs goes to /docs/" {
	# "//docs/" in Location would be read by a browser as the host "docs".
	local path
	for path in //docs ///docs /%2Fdocs; do
		run get "$path"
		assert_line --index 0 "HTTP/1.1 301 Moved Permanently"
		assert_line "Location: /docs/"
	done
	mkdir -p "$WWW/a b"
	run get '//a%20b'
	assert_line "Location: /a%20b/"
	rmdir "$WWW/a b"
}

# bats test_tags=step:file
@test "a file that is not there: 404" {
	run get /nothing.txt
	assert_output "HTTP/1.1 404 Not Found
Server: $PROG
Content-Type: text/plain; charset=utf-8
Content-Length: 14
Connection: close

404 Not Found"
	run last_log
	assert_output --regexp "^$LOG \"GET /nothing.txt HTTP/1.1\" 404 14\$"
	run get /hello.txt/
	assert_line --index 0 "HTTP/1.1 404 Not Found"
}

# bats test_tags=step:file
@test "HEAD of a file that is not there: the 404's head, no body" {
	run raw 'HEAD /nothing.txt HTTP/1.1\r\nHost: t\r\n\r\n'
	assert_output "HTTP/1.1 404 Not Found
Server: $PROG
Content-Type: text/plain; charset=utf-8
Content-Length: 14
Connection: close

[closed]"
	run last_log
	assert_output --regexp "^$LOG \"HEAD /nothing.txt HTTP/1.1\" 404 -\$"
}

# bats test_tags=step:errors
@test "a named pipe: 403 at once, not a hang" {
	run get /pipe
	assert_line --index 0 "HTTP/1.1 403 Forbidden"
}

# bats test_tags=step:errors
@test "methods other than GET and HEAD: 501, with Allow" {
	run raw 'DELETE /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n'
	assert_output "HTTP/1.1 501 Not Implemented
Server: $PROG
Allow: GET, HEAD
Content-Type: text/plain; charset=utf-8
Content-Length: 20
Connection: close

501 Not Implemented
[closed]"
	run last_log
	assert_output --regexp "^$LOG \"DELETE /hello.txt HTTP/1.1\" 501 20\$"
}

# bats test_tags=step:timeouts
@test "a request with a body: answered whole, though the body is never read" {
	# 4 MB the server does not read. Closing at once would reset the
	# connection while the client still sends, and lose the answer: the
	# server reads and drops what comes until the client closes.
	run raw 'POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4000000\r\n\r\n' \
		--body 4000000
	assert_output "HTTP/1.1 501 Not Implemented
Server: $PROG
Allow: GET, HEAD
Content-Type: text/plain; charset=utf-8
Content-Length: 20
Connection: close

501 Not Implemented
[closed]"
}

# bats test_tags=step:errors
@test "malformed requests: 400, and the connection closes" {
	bad_request 'GET /\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET  / HTTP/1.1\r\nHost: t\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTX/1.1\r\nHost: t\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET /\xff HTTP/1.1\r\nHost: t\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTP/1.1\r\nHost t\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTP/1.1\r\nHost: t\r\n folded\r\n\r\n' "HTTP/1.1 400 Bad Request"
	bad_request 'GET / HTTP/1.1\r\n\r\n' "HTTP/1.1 400 Bad Request"
}

# bats test_tags=step:errors
@test "at the limits: a request line of 8 KiB and 100 fields are read; one byte or field more is refused" {
	local a fields
	# "GET /hello.txt?" + 8167 bytes + " HTTP/1.1\r": 8,192 bytes before
	# the LF.
	a=$(printf 'a%.0s' {1..8167})
	run raw "GET /hello.txt?$a HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n"
	assert_line --index 0 "HTTP/1.1 200 OK"
	bad_request "GET /hello.txt?${a}a HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n" \
		"HTTP/1.1 414 URI Too Long"
	# Host and 99 more: 100 fields.
	fields=$(printf 'X: y\\r\\n%.0s' {1..99})
	run raw "GET /hello.txt HTTP/1.1\\r\\nHost: t\\r\\n$fields\\r\\n"
	assert_line --index 0 "HTTP/1.1 200 OK"
	bad_request "GET /hello.txt HTTP/1.1\\r\\nHost: t\\r\\n${fields}X: y\\r\\n\\r\\n" \
		"HTTP/1.1 431 Request Header Fields Too Large"
}

# bats test_tags=step:errors
@test "a head over 16 KiB: 431" {
	local big
	big=$(printf 'x%.0s' {1..4000})
	big="X-A: $big\\r\\nX-B: $big\\r\\nX-C: $big\\r\\nX-D: $big\\r\\nX-E: $big\\r\\n"
	bad_request "GET / HTTP/1.1\\r\\nHost: t\\r\\n$big\\r\\n" \
		"HTTP/1.1 431 Request Header Fields Too Large"
}

# bats test_tags=step:errors
@test "an HTTP version other than 1.x: 505" {
	bad_request 'GET / HTTP/2.0\r\nHost: t\r\n\r\n' "HTTP/1.1 505 HTTP Version Not Supported"
}

# bats test_tags=step:confinement
@test "no path leaves DIR: dot segments, encoded or not, backslashes, NUL" {
	refused '/../secret.txt' "HTTP/1.1 403 Forbidden"
	refused '/docs/../../secret.txt' "HTTP/1.1 403 Forbidden"
	refused '/%2e%2e/secret.txt' "HTTP/1.1 403 Forbidden"
	refused '/..%2fsecret.txt' "HTTP/1.1 403 Forbidden"
	# Inside DIR once resolved, but a dot segment all the same.
	refused '/docs/..%2fhello.txt' "HTTP/1.1 403 Forbidden"
	refused '/..\\secret.txt' "HTTP/1.1 403 Forbidden"
	refused '/hello.txt%00.html' "HTTP/1.1 400 Bad Request"
	refused '/%252e%252e/secret.txt' "HTTP/1.1 404 Not Found"
	refused "/$BATS_FILE_TMPDIR/secret.txt" "HTTP/1.1 404 Not Found"
	refused 'secret.txt' "HTTP/1.1 400 Bad Request"
}

# bats test_tags=step:confinement
@test "symbolic links: followed if they end inside DIR, else 403" {
	check_symlinks
}

# bats test_tags=step:file
@test "a path that is percent-encoded, and a query, are understood" {
	run get '/docs/a%20b%26%3Cc%3E.txt?x=1'
	assert_line --index 0 "HTTP/1.1 200 OK"
	assert_line --index -1 "odd"
}

# bats test_tags=step:file
@test "a request split across many small writes" {
	run raw 'GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n' --split 1
	assert_line --index -2 "Hello, world!"
}

# bats test_tags=step:timeouts
@test "a request not finished within CLIENT_TIMEOUT: the connection is closed" {
	run raw 'GET / HTTP/1.1\r\nHost: t\r\n'
	assert_output "[closed]"
}

# bats test_tags=step:timeouts
@test "slowloris: a normal request is answered meanwhile; the slow are closed" {
	run python3 "$ROOT/tests/http.py" slowloris "$SRV_PORT" 50 15 /hello.txt
	assert_output "HTTP/1.1 200 OK
50 slow connections open meanwhile
50 of 50 closed, 0 with 408"
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

# bats test_tags=step:file
@test "field names in any case: hOsT, cOnNeCtIoN: cLoSe" {
	check_mixed_case
}

# bats test_tags=step:file
@test "DIR that is missing or not a directory" {
	check_bad_dir
}

# bats test_tags=step:file
@test "CLIENT_TIMEOUT that is not a number of seconds" {
	check_bad_client_timeout
}

# bats test_tags=step:file
@test "a port in use" {
	check_port_in_use
}

# bats test_tags=step:file
@test "LISTEN_ADDRESS=::1: IPv6, and the client's address in the log" {
	check_listen_address
}

# bats test_tags=step:file
@test "wrong arguments: usage" {
	check_server_usage
}

# bats test_tags=step:file
@test "SIGINT with a client connected: a last line, exit 0" {
	check_sigint
}

# bats test_tags=step:file,step:dirs,step:confinement,step:errors,step:timeouts
@test "after all of the above, it stops cleanly" {
	check_stops_cleanly
}
