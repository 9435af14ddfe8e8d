"""Broken responses, served at /fault/<name>, for the error-path tests.

Each function gets the request handler `h` and writes whatever it likes on
the connection with h.raw(). A good client meets every one of these with a
one-line error and a non-zero exit status, in bounded time, and never
crashes or hangs. The exceptions are "no-reason" (a status line without a
reason phrase), "no-headers" (a response without any header),
"chunk-extensions" (chunks with extensions, then a trailer),
"padded-values" (spaces and tabs around header values), "folded-header"
(a header value continued on the next lines), "interim" (100 Continue and
103 Early Hints before the answer), "relative" (a redirect to a path
relative to the current one), "no-content" and "not-modified" (a 204 and a
304, which have no body whatever their fields say), "similar-names" (fields
named like X-Request-Id, but longer, before it): all legal, and every
real client accepts them.
"""

import time

OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"


def close(h):
    """Close the connection without answering."""
    h.raw(b"")


def garbage(h):
    """Something that is not HTTP instead of a status line."""
    h.raw(b"SPLORK 12 what\r\nX-Request-Id: garbage\r\n\r\nbody")


def http09(h):
    """An HTTP/0.9-style reply: just the body, then close."""
    h.raw(b"Index")


def no_reason(h):
    """A status line without a reason phrase (accepted by real clients)."""
    h.raw(b"HTTP/1.1 200\r\nX-Request-Id: no-reason\r\n"
          b"Content-Length: 2\r\n\r\nOK")


def no_headers(h):
    """A valid HTTP/1.0 response with no header at all, ended by closing
    (accepted by real clients; found by fuzzing lib/client/http.c)."""
    h.raw(b"HTTP/1.0 200 OK\r\n\r\nuntil the end")


def chunk_extensions(h):
    """A valid chunked body with chunk extensions and a trailer (accepted
    by real clients)."""
    h.raw(OK_HEAD + b"X-Request-Id: chunks\r\nTransfer-Encoding: chunked\r\n\r\n"
          b"4;name=value\r\nThis\r\nb ; x=\"y\"\r\n is chunked\r\n"
          b"0\r\nX-Trailer: yes\r\n\r\n")


def padded_values(h):
    """Header values with spaces and tabs on both sides, which are not
    part of the value (RFC 9112, section 5; accepted by real clients)."""
    h.raw(b"HTTP/1.1 200 OK\r\nX-Request-Id: \t padded \t\r\n"
          b"Content-Length:  2 \t\r\n\r\nOK")


def folded_header(h):
    """A header value folded over three lines, one of them blank (obsolete
    line folding, RFC 9112, section 5.2: read as one value, the line breaks
    and the whitespace around them replaced by one space)."""
    h.raw(b"HTTP/1.1 200 OK\r\nX-Request-Id: first \r\n \t \r\n\t second\r\n"
          b"Content-Length: 2\r\n\r\nOK")


def no_request_id(h):
    """A valid response without X-Request-Id."""
    h.raw(OK_HEAD + b"Content-Length: 2\r\n\r\nOK", close=False)


def negative_length(h):
    h.raw(OK_HEAD + b"Content-Length: -5\r\n\r\nOK")


def bad_length(h):
    h.raw(OK_HEAD + b"Content-Length: two\r\n\r\nOK")


def conflicting_length(h):
    h.raw(OK_HEAD + b"Content-Length: 2\r\nContent-Length: 5\r\n\r\nOK")


def short_body(h):
    """Announce 100 bytes, send 10, close."""
    h.raw(OK_HEAD + b"Content-Length: 100\r\n\r\n0123456789")


def bad_chunk(h):
    h.raw(OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n"
          b"2\r\nOK\r\nzz\r\nbad\r\n0\r\n\r\n")


def hex_prefix_chunk(h):
    """A chunk size written like a C constant: "0x2" (only hex digits are
    allowed, and strtoul() would take the "0x")."""
    h.raw(OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n0x2\r\nOK\r\n0\r\n\r\n")


def chunk_overflow(h):
    """A chunk size that does not fit in 64 bits."""
    h.raw(OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n"
          b"10000000000000002\r\nOK\r\n0\r\n\r\n")


def missing_final_chunk(h):
    h.raw(OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n2\r\nOK\r\n")


def no_colon(h):
    h.raw(OK_HEAD + b"This line has no colon\r\nContent-Length: 2\r\n\r\nOK")


def big_header(h):
    """One header of 1 MiB."""
    h.raw(OK_HEAD + b"X-Big: " + b"a" * (1024 * 1024) +
          b"\r\nContent-Length: 2\r\n\r\nOK")


def endless_headers(h):
    """Header lines without end (for at most 60 s or 256 MiB)."""
    h.raw(OK_HEAD, close=False)
    line = b"X-Filler: " + b"x" * 1000 + b"\r\n"
    deadline = time.time() + 60
    sent = 0
    try:
        while time.time() < deadline and sent < 256 * 1024 * 1024:
            h.wfile.write(line * 64)
            sent += len(line) * 64
    except OSError:
        pass
    h.close_connection = True


def nul_header(h):
    h.raw(OK_HEAD + b"X-Request-Id: abc\x00def\r\nContent-Length: 2\r\n\r\nOK")


def mid_headers(h):
    """Close in the middle of the header block."""
    h.raw(OK_HEAD + b"Content-Len")


def silent(h):
    """Accept, read, and never answer (until the client gives up)."""
    try:
        h.connection.settimeout(60)
        while h.connection.recv(4096):
            pass
    except OSError:
        pass
    h.close_connection = True


def drip(h):
    """A valid response, one byte per second."""
    data = OK_HEAD + b"Content-Length: 2\r\n\r\nOK"
    try:
        for i in range(len(data)):
            h.wfile.write(data[i:i + 1])
            h.wfile.flush()
            time.sleep(1)
    except OSError:
        pass
    h.close_connection = True


def interim(h):
    """Two interim answers (1xx, RFC 9110 section 15.2) before the final
    one: a client skips them (accepted by real clients)."""
    h.raw(b"HTTP/1.1 100 Continue\r\n\r\n"
          b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n"
          b"\r\n" + OK_HEAD + b"X-Request-Id: interim\r\n"
          b"Content-Length: 2\r\n\r\nOK")


def similar_names(h):
    """Fields whose names start like X-Request-Id before the real one: a
    name matches whole, never by its first letters."""
    h.raw(OK_HEAD + b"X-Request-Ident: wrong\r\nX-Request-Id-Old: wrong\r\n"
          b"X-Request-Id: similar-names\r\nContent-Length: 2\r\n\r\nOK")


def _held_open(h, data):
    """Send DATA, then keep the connection open (even if the client asked
    to close it) until the client closes it, or 10 s."""
    h.raw(data, close=False)
    h.connection.settimeout(10)
    try:
        h.connection.recv(1)
    except OSError:
        pass
    h.close_connection = True


def no_content(h):
    """A 204 without a length, the connection left open (RFC 9112 section
    6.3: a 204 has no body): a client that reads one until the close waits
    for ever."""
    _held_open(h, b"HTTP/1.1 204 No Content\r\nX-Request-Id: no-content\r\n"
               b"\r\n")


def not_modified(h):
    """A 304 whose Content-Length gives the size the resource would have,
    as RFC 9110 section 8.6 allows, the connection left open: a client that
    reads those 100 bytes waits for ever."""
    _held_open(h, b"HTTP/1.1 304 Not Modified\r\nX-Request-Id: not-modified"
               b"\r\nETag: \"v1\"\r\nContent-Length: 100\r\n\r\n")


def low_status(h):
    """Status 099: three digits, below 100, the first status there is."""
    h.raw(b"HTTP/1.1 099 Low\r\nX-Request-Id: low-status\r\n"
          b"Content-Length: 2\r\n\r\nOK")


def relative(h):
    """/fault/relative/start redirects to "target", relative to its own
    path (RFC 3986 section 5.2): /fault/relative/target answers. Resolved
    from the root instead, it leads to /target, which does not exist."""
    if h.path.endswith("/target"):
        h.raw(OK_HEAD + b"X-Request-Id: relative\r\n"
              b"Content-Length: 2\r\n\r\nOK")
    else:
        h.raw(b"HTTP/1.1 302 Found\r\nLocation: target\r\n"
              b"Content-Length: 0\r\n\r\n", close=False)


def redirect_loop(h):
    h.raw(b"HTTP/1.1 302 Found\r\nLocation: /fault/redirect-loop\r\n"
          b"Content-Length: 0\r\n\r\n", close=False)


def redirect_file(h):
    h.raw(b"HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\n"
          b"Content-Length: 0\r\n\r\n", close=False)


def redirect_no_location(h):
    h.raw(b"HTTP/1.1 302 Found\r\nX-Request-Id: no-location\r\n"
          b"Content-Length: 5\r\n\r\nFound", close=False)


def _stream(h, head, pieces, end=b""):
    """A 200 with the fields HEAD (ending the head), then each of PIECES,
    then END, as long as the client reads; then close."""
    h.raw(OK_HEAD + head, close=False)
    try:
        for piece in pieces:
            h.wfile.write(piece)
        h.wfile.write(end)
    except OSError:
        pass
    h.close_connection = True


def huge_body(h):
    """Announce 100 GiB and start sending it."""
    _stream(h, b"Content-Length: 107374182400\r\n\r\n",
           [b"x" * 65536] * 16384)


def huge_chunked(h):
    """A chunked body of 65 MiB, one past the clients' cap of 64 MiB:
    its size is known only chunk by chunk."""
    _stream(h, b"Transfer-Encoding: chunked\r\n\r\n",
           [b"100000\r\n" + b"x" * (1 << 20) + b"\r\n"] * 65, b"0\r\n\r\n")


def huge_close(h):
    """A body of 65 MiB with no length, ended by closing: one MiB past the
    clients' cap, known only as it arrives."""
    _stream(h, b"\r\n", [b"x" * (1 << 20)] * 65)


def bad_version(h):
    h.raw(b"HTTP/9.1 200 OK\r\nContent-Length: 2\r\n\r\nOK")


def bad_status(h):
    h.raw(b"HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\nOK")


# /fault/<name> -> function; the names are the functions' with dashes
# (helpers start with "_").
FAULTS = {
    name.replace("_", "-"): fn
    for name, fn in list(globals().items())
    if callable(fn) and getattr(fn, "__module__", None) == __name__
    and not name.startswith("_")
}
