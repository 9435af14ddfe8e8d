#!/usr/bin/env python3
"""A local stand-in for the curriculum's sandbox server, httpbin-style.

Run it alone:    python3 servers/mock_server.py --port 5000
In the tests:    python3 servers/mock_server.py --port 0 --log requests.jsonl

Once listening it prints "Listening on 127.0.0.1:<port>" (the port it got,
useful with --port 0) and, with --port-file, writes the port to that file.

Endpoints (the full list with examples is in the README):
  GET  /                     200 "Index"
  GET  /status               200 "OK"
  GET  /status_401           401            /status_500    500
  POST /post_email           200 "Your email is: <email>" (form field email)
  /status/<code>             any status, empty body
  /status/<code>/<anything>  that status with a JSON body, for API tests
  /anything[/...], /get, /post, /headers
                             the request echoed back as JSON
  /redirect/<n>              n redirects, then /get (?absolute=1: full URLs)
  /redirect-to?url=U&status_code=C
  /delay/<s>[/<anything>]    wait s seconds (at most 10), then echo
  /drip?numbytes=N&duration=S&delay=D&code=C
  /bytes/<n>                 n bytes: 0, 1, ..., 255, 0, 1, ...
                             (?framing=chunked: in chunks of 64 KiB;
                             ?framing=close: no length, ended by the close)
  /response-headers?Name=Value   (X-Request-Id here replaces the fresh one)
  /chunked                   a body sent with Transfer-Encoding: chunked
  /fault/<name>[/<anything>] a broken response; see faults.py
  host rfc3986-<n>.test      GET /b/c/d;p?q: a 302 to the n-th reference of
                             RFC 3986 section 5.4 (RFC3986 below); any
                             other path: 200, the path in the body and in
                             X-Request-Id
  /search_user, /user, /repos/..., /api/...   JSON APIs; see apis.py
Anything else: 404. Bodies have no trailing newline, like the original
server, and every response carries a fresh X-Request-Id.

With --log FILE every request is appended to FILE as one JSON line, as it
was received: request line, headers in order and case, body, and the
number of the connection it came on. Python 3 standard library only.
"""

import argparse
import json
import os
import re
import signal
import ssl
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import apis
import faults

MAX_DELAY = 10.0
MAX_BYTES = 100 * 1024 * 1024
MAX_BODY = 64 * 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    """Answers one connection; each request goes through dispatch()."""

    protocol_version = "HTTP/1.1"
    # A client that says nothing for this long is dropped.
    timeout = 30

    def version_string(self):
        return "mock"

    def setup(self):
        super().setup()
        self.conn_id = self.server.next_connection_id()
        # The name the client asked for in the TLS handshake (SNI), set
        # by on_server_name(); None without TLS or without a name.
        self.server_name = getattr(self.request, "server_name", None)

    # Every method goes to the same router.
    def do_GET(self):
        self.dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET
    do_HEAD = do_GET

    def do_CONNECT(self):
        # Logged, then refused: lets a test see which host a client with
        # a hard-coded https:// default tried to reach, through a proxy.
        self.body = b""
        self.log_request_record()
        self.reply(403, "Not a proxy")

    # --- reading and logging the request --------------------------------

    def read_body(self):
        """The request body, framed by Content-Length or chunked."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self.read_chunked()
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = 0
        length = max(0, min(length, MAX_BODY))
        return self.rfile.read(length) if length else b""

    def read_chunked(self):
        body = b""
        while len(body) <= MAX_BODY:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():
                    pass  # trailers
                break
            body += self.rfile.read(size)
            self.rfile.readline()
        return body

    def log_request_record(self):
        """Append this request to the --log file, as received."""
        record = {
            "conn": self.conn_id,
            "request_line": self.requestline,
            "method": self.command,
            "target": self.path,
            "version": self.request_version,
            "headers": [[k, v] for k, v in self.headers.items()],
            "body": self.body.decode("latin-1"),
            "tls_server_name": self.server_name,
            "time": time.time(),
        }
        self.server.write_log(record)

    def dispatch(self):
        self.body = self.read_body()
        self.log_request_record()
        case = re.fullmatch(r"rfc3986-(\d+)\.test(:\d+)?",
                            self.headers.get("Host", ""))
        if case:
            rfc3986(self, int(case.group(1)))
            return
        url = urllib.parse.urlsplit(self.path)
        self.query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        route = find_route(url.path)
        if route is None:
            self.reply(404, "Not Found")
            return
        handler, args = route
        handler(self, *args)

    # --- writing responses ------------------------------------------------

    def reply(self, status, body=b"", headers=(), ctype="text/html; charset=utf-8"):
        """Send a complete response with Content-Length."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        if not any(n.lower() == "x-request-id" for n, _ in headers):
            self.send_header("X-Request-Id", str(uuid.uuid4()))
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def reply_json(self, status, obj, headers=()):
        body = json.dumps(obj, indent=2, ensure_ascii=False)
        if getattr(self, "spoil", None):
            body = self.spoil(body)
        self.reply(status, body, headers,
                   ctype="application/json; charset=utf-8")

    def raw(self, data, close=True):
        """Write bytes as they are: for the broken responses of faults.py."""
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            pass
        if close:
            self.close_connection = True

    def base_url(self):
        scheme = "https" if self.server.tls else "http"
        host = self.headers.get("Host") or "127.0.0.1:%d" % self.server.port
        return "%s://%s" % (scheme, host)

    def echo(self):
        """The request as httpbin shows it."""
        args = {k: v[0] if len(v) == 1 else v for k, v in self.query.items()}
        ctype = self.headers.get("Content-Type", "")
        form = {}
        data = self.body.decode("utf-8", "replace")
        if ctype.startswith("application/x-www-form-urlencoded"):
            pairs = urllib.parse.parse_qs(data, keep_blank_values=True)
            form = {k: v[0] if len(v) == 1 else v for k, v in pairs.items()}
            data = ""
        try:
            parsed = json.loads(self.body) if self.body else None
        except ValueError:
            parsed = None
        return {
            "method": self.command,
            "url": self.base_url() + self.path,
            "args": args,
            "headers": dict(self.headers.items()),
            "form": form,
            "data": data,
            "json": parsed,
        }

    def log_message(self, fmt, *args):
        sys.stderr.write("[%d] %s\n" % (self.conn_id, fmt % args))


# --- the routes ----------------------------------------------------------


def index(h):
    h.reply(200, "Index")


def status_ok(h):
    h.reply(200, "OK")


def status_401(h):
    h.reply(401, "Unauthorized")


def status_500(h):
    h.reply(500, "Internal Server Error")


def post_email(h):
    if h.command != "POST":
        h.reply(405, "Method Not Allowed", [("Allow", "POST")])
        return
    form = urllib.parse.parse_qs(h.body.decode("utf-8", "replace"),
                                 keep_blank_values=True)
    h.reply(200, "Your email is: %s" % form.get("email", [""])[0])


def status_code(h, code):
    code, _, rest = code.partition("/")
    code = int(code)
    if rest or h.path.endswith("/"):
        # /status/<code>/<anything>: an API-style error with a JSON body.
        h.reply_json(code, {"detail": "status %d" % code})
        return
    if not 200 <= code <= 599:
        h.reply(400, "status must be 200-599")
        return
    redirects = (301, 302, 303, 307, 308)
    headers = [("Location", "/redirect/1")] if code in redirects else []
    h.reply(code, b"", headers)


def anything(h, _rest=""):
    h.reply_json(200, h.echo())


def headers(h):
    h.reply_json(200, {"headers": dict(h.headers.items())})


def redirect(h, n):
    n = int(n)
    target = "/get" if n <= 1 else "/redirect/%d" % (n - 1)
    if h.query.get("absolute"):
        target = h.base_url() + target
        if n > 1:
            target += "?absolute=1"
    h.reply(302, b"", [("Location", target)])


def redirect_to(h):
    url = h.query.get("url", ["/get"])[0]
    status = int(h.query.get("status_code", ["302"])[0])
    h.reply(status, b"", [("Location", url)])


def delay(h, seconds):
    time.sleep(min(float(seconds.split("/")[0]), MAX_DELAY))
    h.reply_json(200, h.echo())


def drip(h):
    q = {k: v[0] for k, v in h.query.items()}
    numbytes = min(int(q.get("numbytes", 10)), 10 * 1024 * 1024)
    duration = min(float(q.get("duration", 2)), 60)
    time.sleep(min(float(q.get("delay", 0)), MAX_DELAY))
    h.send_response(int(q.get("code", 200)))
    h.send_header("X-Request-Id", str(uuid.uuid4()))
    h.send_header("Content-Type", "application/octet-stream")
    h.send_header("Content-Length", str(numbytes))
    h.end_headers()
    pause = duration / numbytes if numbytes else 0
    try:
        for _ in range(numbytes):
            h.wfile.write(b"*")
            h.wfile.flush()
            time.sleep(pause)
    except OSError:
        h.close_connection = True


def byte_pattern(n):
    """0, 1, ..., 255, 0, 1, ...: NUL bytes included, easy to check."""
    return (bytes(range(256)) * (n // 256 + 1))[:n]


def some_bytes(h, n):
    n = int(n)
    if n > MAX_BYTES:
        h.reply(400, "at most %d bytes" % MAX_BYTES)
        return
    framing = h.query.get("framing", [""])[0]
    if framing not in ("chunked", "close"):
        h.reply(200, byte_pattern(n), [("X-Request-Id", "bytes")],
                ctype="application/octet-stream")
        return
    body = byte_pattern(n)
    h.send_response(200)
    h.send_header("X-Request-Id", "bytes")
    if framing == "chunked":
        h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    for i in range(0, n, 65536):
        part = body[i:i + 65536]
        h.wfile.write(b"%x\r\n%s\r\n" % (len(part), part)
                      if framing == "chunked" else part)
    if framing == "chunked":
        h.wfile.write(b"0\r\n\r\n")
    h.close_connection = True


def response_headers(h):
    pairs = [(k, v) for k, values in h.query.items() for v in values]
    h.reply_json(200, dict(pairs), pairs)


def chunked(h):
    h.send_response(200)
    h.send_header("X-Request-Id", str(uuid.uuid4()))
    h.send_header("Content-Type", "text/plain")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    for part in (b"This ", b"is ", b"chunked"):
        h.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
    h.wfile.write(b"0\r\n\r\n")


# RFC 3986 section 5.4: the references of its examples, normal (5.4.1)
# then abnormal (5.4.2), resolved against http://a/b/c/d;p?q (the tests
# hold the results). Left out: those that leave the host or http ("g:h",
# "//g", "http:g"), and "#s" and "", which lead back to the base: a loop.
RFC3986 = [
    "g", "./g", "g/", "/g", "?y", "g?y", "g#s", "g?y#s", ";x", "g;x",
    "g;x?y#s", ".", "./", "..", "../", "../g", "../..", "../../",
    "../../g", "../../../g", "../../../../g", "/./g", "/../g", "g.", ".g",
    "g..", "..g", "./../g", "./g/.", "g/./h", "g/../h", "g;x=1/./y",
    "g;x=1/../y", "g?y/./x", "g?y/../x", "g#s/./x", "g#s/../x",
]


def rfc3986(h, n):
    """The redirect table: from the base, a 302 to reference N; anywhere
    else, the path requested (in the body and in X-Request-Id)."""
    if h.path == "/b/c/d;p?q" and n < len(RFC3986):
        h.reply(302, "", [("Location", RFC3986[n])])
    else:
        h.reply(200, h.path, [("X-Request-Id", h.path)])


def fault(h, name):
    make = faults.FAULTS.get(name.split("/")[0])
    if make is None:
        h.reply(404, "no such fault")
        return
    make(h)


# Exact paths first, then patterns: (prefix, handler) with the rest of the
# path after the prefix given to the handler as one argument.
EXACT = {
    "/": index,
    "/status": status_ok,
    "/status_401": status_401,
    "/status_500": status_500,
    "/post_email": post_email,
    "/anything": anything,
    "/get": anything,
    "/post": anything,
    "/headers": headers,
    "/redirect-to": redirect_to,
    "/drip": drip,
    "/response-headers": response_headers,
    "/chunked": chunked,
}
PREFIXES = [
    ("/status/", status_code, r"\d{3}(/.*)?"),
    ("/anything/", anything, r".*"),
    ("/redirect/", redirect, r"\d{1,3}"),
    ("/delay/", delay, r"\d+(\.\d+)?(/.*)?"),
    ("/bytes/", some_bytes, r"\d{1,10}"),
    ("/fault/", fault, r"[a-z0-9-]+(/.*)?"),
]


def find_route(path):
    """(handler, args) for a path, or None."""
    if path in EXACT:
        return EXACT[path], ()
    for prefix, handler, pattern in PREFIXES:
        rest = path[len(prefix):]
        if path.startswith(prefix) and re.fullmatch(pattern, rest):
            return handler, (rest,)
    return apis.find_route(path)


# --- the server ----------------------------------------------------------


class MockServer(ThreadingHTTPServer):
    daemon_threads = True
    # Stop listening at once when told to, even with clients connected.
    block_on_close = False

    def __init__(self, address, tls_context, log_path):
        self.tls = tls_context
        self.log_path = log_path
        self.lock = threading.Lock()
        self.connections = 0
        super().__init__(address, Handler)
        self.port = self.server_address[1]

    def next_connection_id(self):
        with self.lock:
            self.connections += 1
            return self.connections

    def write_log(self, record):
        if not self.log_path:
            return
        with self.lock, open(self.log_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")

    def finish_request(self, request, client_address):
        # The TLS handshake happens here, in the connection's own thread,
        # so a client that never completes it blocks nobody else.
        if self.tls:
            request.settimeout(Handler.timeout)
            try:
                request = self.tls.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError) as e:
                sys.stderr.write("TLS handshake failed: %s\n" % e)
                return
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        # A client that vanishes mid-response is normal here: one line.
        sys.stderr.write("connection from %s:%d ended: %s\n"
                         % (client_address[0], client_address[1],
                            sys.exc_info()[1]))


def on_server_name(sock, name, _context):
    """Keep the host name a TLS client sent (SNI) for the request log."""
    sock.server_name = name


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5000, help="0: any free port")
    p.add_argument("--port-file", help="write the bound port to this file")
    p.add_argument("--log", help="append each request to this file (JSON lines)")
    p.add_argument("--random-users", action="store_true",
                   help="/search_user answers at random, as in class")
    p.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM)")
    p.add_argument("--tls-key", help="the certificate's private key (PEM)")
    return p.parse_args()


def main():
    args = parse_args()
    tls = None
    if args.tls_cert:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args.tls_cert, args.tls_key)
        tls.sni_callback = on_server_name
    try:
        server = MockServer((args.host, args.port), tls, args.log)
    except OSError as e:
        sys.exit("mock_server: cannot listen on %s:%d: %s"
                 % (args.host, args.port, e.strerror))
    apis.configure(server, random_users=args.random_users)

    def stop(signum, _frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write("%d\n" % server.port)
        os.replace(args.port_file + ".tmp", args.port_file)
    print("Listening on %s:%d" % (args.host, server.port), flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        print("Stopped", flush=True)


if __name__ == "__main__":
    main()
