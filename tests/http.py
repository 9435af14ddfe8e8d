#!/usr/bin/env python3
"""A test driver for 15-http_server and 104-fast_server: what curl cannot
do. It sends raw (even malformed) requests, pipelines them, holds idle
connections, plays slowloris and slow readers, and prints what it saw.

  http.py send PORT REQUEST [--responses N] [--split N] [--body N]
      send REQUEST (backslash escapes such as \\r\\n and \\x00 decoded), in
      pieces of N bytes if --split, then N bytes of "x" if --body; read
      N responses (default 1; those to HEAD without a body) or until the
      server closes. Print them with CRLF as LF and without the Date
      field, then "[open]" if the connection is still open, or
      "[closed]"
  http.py slowloris PORT N SECONDS PATH
      N connections each send a request one byte at a time, a byte every
      0.2 s, never finishing it; meanwhile one normal request for PATH is
      made. Print its status line and how many slow connections were
      still open when it was answered; then wait up to SECONDS for the
      server to give up on them and print how many it closed, and how
      many of those it answered 408
  http.py idle PORT N PATH
      hold N silent connections, then GET PATH on a new one; print its
      status line and how many of the N are still open
  http.py many PORT N PATH
      N connections at once each GET PATH (Connection: close); print how
      many were answered 200
  http.py slow-reader PORT BIG SMALL SECONDS
      GET BIG and read nothing; meanwhile GET SMALL on another
      connection and print its status line; then wait up to SECONDS and
      print whether the server dropped the reader
  http.py slow-whole PORT PATH
      GET PATH (Connection: close) through a 4 KiB receive buffer, taking
      what is there every 2 ms until the server closes (slower than any
      server writes: it meets a full buffer hundreds of times); print "N
      bytes of body"
  http.py vanish PORT PATH
      GET PATH and reset the connection before reading the answer; then
      GET PATH thirty times more and close both ways at once
      (shutdown(SHUT_RDWR)) after 0 to 50 ms, so that the server's
      next write meets a closed socket (SIGPIPE)
  http.py exhaust PORT PATH MOST
      open connections one after the other, each kept open after one
      GET PATH, until one is not answered 200 (a server short of
      descriptors); print that answer as send does, or "all MOST
      answered 200"
Every wait is bounded.
"""
import resource
import select
import socket
import sys
import time

LIMIT = 20


def connect(port):
    return socket.create_connection(("127.0.0.1", port), timeout=LIMIT)


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def read_response(s, buf, head):
    """Read one response from s (after what buf holds already).
    Return (the response, what follows it); the response is None if the
    connection closed first."""
    while b"\r\n\r\n" not in buf:
        chunk = s.recv(65536)
        if not chunk:
            return None, buf
        buf += chunk
    end = buf.index(b"\r\n\r\n") + 4
    length = 0
    status = buf.split(b" ", 2)[1]
    for line in buf[:end].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length" and not head \
                and status != b"304":
            length = int(value)
    while len(buf) < end + length:
        chunk = s.recv(65536)
        if not chunk:
            return None, buf
        buf += chunk
    return buf[:end + length], buf[end + length:]


def try_now(s, action):
    """Run action() with s non-blocking: True if it succeeded or would
    have had to wait, False if the connection is gone."""
    timeout = s.gettimeout()
    s.setblocking(False)
    try:
        return action() != b""
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        s.settimeout(timeout)


def is_open(s):
    """True if the server has not closed s (no end of stream, no reset)."""
    return try_now(s, lambda: s.recv(1, socket.MSG_PEEK))


def show(response):
    lines = response.decode("latin-1").split("\r\n")
    text = "\n".join(l for l in lines if not l.startswith("Date: "))
    print(text, end="" if text.endswith("\n") else "\n")


def send(port, request, responses, split, body=0):
    data = request.encode("latin-1").decode("unicode_escape") \
        .encode("latin-1")
    s = connect(port)
    step = split or len(data)
    for i in range(0, len(data), step):
        s.sendall(data[i:i + step])
        if split:
            time.sleep(0.01)
    try:
        for i in range(0, body, 65536):
            s.sendall(b"x" * min(65536, body - i))
    except OSError:
        print("[reset while sending the body]")
    # Answers to HEAD have no body, whatever Content-Length says.
    heads = [r.startswith(b"HEAD ") for r in data.split(b"\r\n\r\n")]
    buf = b""
    for i in range(responses):
        try:
            response, buf = read_response(s, buf, i < len(heads) and heads[i])
        except ConnectionResetError:
            response = None
        if response is None:
            if buf:
                show(buf)
            break
        show(response)
    time.sleep(0.2)
    print("[open]" if is_open(s) else "[closed]")


def request(port, path):
    """GET path on a new connection; return the status line."""
    s = connect(port)
    s.sendall(b"GET %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
              % path.encode())
    response, _ = read_response(s, b"", False)
    s.close()
    return response.split(b"\r\n")[0].decode() if response else "no answer"


def slowloris(port, n, seconds, path):
    raise_fd_limit()
    text = b"GET / HTTP/1.1\r\nHost: t\r\nX-Slow: " + b"x" * 1000
    slow = [connect(port) for _ in range(n)]
    for i in range(3):  # each has started its request
        for s in slow:
            s.sendall(text[i:i + 1])
        time.sleep(0.2)
    print(request(port, path))
    print("%d slow connections open meanwhile" % sum(map(is_open, slow)))
    got, closed, pos, deadline = 0, 0, 3, time.time() + seconds
    while slow and time.time() < deadline:
        answered, _, _ = select.select(slow, [], [], 0)
        for s in answered:
            try:
                got += s.recv(100).startswith(b"HTTP/1.1 408 ")
            except OSError:
                pass
            closed += 1
            slow.remove(s)
        for s in slow:
            try:
                s.sendall(text[pos:pos + 1])
            except OSError:
                pass
        pos += 1
        time.sleep(0.2)
    print("%d of %d closed, %d with 408" % (closed, n, got))


def idle(port, n, path):
    raise_fd_limit()
    held = [connect(port) for _ in range(n)]
    time.sleep(0.5)
    print(request(port, path))
    print("%d of %d still open" % (sum(map(is_open, held)), n))


def many(port, n, path):
    raise_fd_limit()
    conns = [connect(port) for _ in range(n)]
    for s in conns:
        s.sendall(b"GET %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                  % path.encode())
    ok = 0
    for s in conns:
        response, _ = read_response(s, b"", False)
        ok += response is not None and response.startswith(b"HTTP/1.1 200 ")
        s.close()
    print("%d of %d answered" % (ok, n))


def slow_reader(port, big, small, seconds):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.settimeout(LIMIT)
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET %s HTTP/1.1\r\nHost: t\r\n\r\n" % big.encode())
    time.sleep(0.5)
    print(request(port, small))
    deadline = time.time() + seconds
    while time.time() < deadline and is_open_writer(s):
        time.sleep(0.2)
    print("reader dropped" if time.time() < deadline else "reader kept")


def is_open_writer(s):
    """True while the server has not closed s. It never reads what we send,
    so closing makes it reset the connection, and then sending fails."""
    return try_now(s, lambda: s.send(b"x"))


def slow_whole(port, path):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.settimeout(LIMIT)
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
              % path.encode())
    data = b""
    while True:
        chunk = s.recv(16384)
        if not chunk:
            break
        data += chunk
        time.sleep(0.002)
    print("%d bytes of body" % len(data.split(b"\r\n\r\n", 1)[-1]))


def vanish(port, path):
    s = connect(port)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
    s.sendall(b"GET %s HTTP/1.1\r\nHost: t\r\n\r\n" % path.encode())
    time.sleep(0.1)
    s.close()
    for delay in (0, 0.002, 0.005, 0.01, 0.02, 0.05) * 5:
        s = connect(port)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(b"GET %s HTTP/1.1\r\nHost: t\r\n\r\n" % path.encode())
        time.sleep(delay)
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()
    time.sleep(0.2)


def exhaust(port, path, most):
    raise_fd_limit()
    held = []
    for _ in range(most):
        s = connect(port)
        held.append(s)
        s.sendall(b"GET %s HTTP/1.1\r\nHost: t\r\n\r\n" % path.encode())
        try:
            response, _ = read_response(s, b"", False)
        except OSError:
            response = None
        if response is None:
            print("no answer")
            return
        if not response.startswith(b"HTTP/1.1 200 "):
            show(response)
            time.sleep(0.2)
            print("[open]" if is_open(s) else "[closed]")
            return
    print("all %d answered 200" % most)


def main():
    args = sys.argv[1:]
    opts = {}
    for flag in ("--responses", "--split", "--body"):
        if flag in args:
            i = args.index(flag)
            opts[flag] = int(args[i + 1])
            del args[i:i + 2]
    cmd, port = args[0], int(args[1])
    if cmd == "send":
        send(port, args[2], opts.get("--responses", 1),
             opts.get("--split", 0), opts.get("--body", 0))
    elif cmd == "slowloris":
        slowloris(port, int(args[2]), float(args[3]), args[4])
    elif cmd == "idle":
        idle(port, int(args[2]), args[3])
    elif cmd == "many":
        many(port, int(args[2]), args[3])
    elif cmd == "slow-reader":
        slow_reader(port, args[2], args[3], float(args[4]))
    elif cmd == "slow-whole":
        slow_whole(port, args[2])
    elif cmd == "vanish":
        vanish(port, args[2])
    elif cmd == "exhaust":
        exhaust(port, args[2], int(args[3]))
    else:
        sys.exit("http.py: unknown command " + cmd)


if __name__ == "__main__":
    main()
