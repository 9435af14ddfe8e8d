#!/usr/bin/env python3
"""A test driver for the "hello" protocol servers (11, 13): it opens
connections, sends whole, split or endless messages, stays silent, and
prints what each connection saw.

  hello.py send PORT MESSAGE [--split N] [--pause S] [--no-newline]
                 [--escapes]
      send MESSAGE (and a newline) in pieces of N bytes, S seconds apart
      (default 0.01), shut down the
      writing side, print the reply exactly; with --escapes, MESSAGE's
      backslash escapes (\\x00, \\x1b, \\t, ...) are decoded first
  hello.py flood PORT SECONDS
      send "flood\\n", then bytes without end; print "closed by the
      server" once the server hangs up, or "still open" after SECONDS
  hello.py silent-first PORT
      connect a client that says nothing, then a second that says hello;
      print whether the second was answered while the first was still
      connected ("served at once") or only after the server dropped it
      ("waited for the silent one")
  hello.py many PORT N
      N clients at once, each sends "client <i>"; print how many got
      "Hello, client!\\n"
  hello.py limit PORT N
      for a server that serves at most N clients at once: with N - 1
      silent clients connected, one more must be answered at once ("at
      the limit: answered"); with N silent, one more must not be answered
      while they stay (it may wait 0.5 s for a wrong answer), and must be
      once one of them leaves ("past the limit: answered once one left")
  hello.py vanish PORT
      connect, send half a message, reset the connection
  hello.py hold PORT SECONDS
      connect and say nothing for at most SECONDS; print "closed by the
      server" if the server hangs up first, else "still open"
  hello.py reply-server 0 SIZE [--text TEXT]
      a server that reads each client's message to its end, answers with
      exactly SIZE bytes ("x"s ending in a newline), or with TEXT (Python
      escapes such as \x1b read), and closes
  hello.py hello-server 0
      a hello-protocol server (one thread per client), so that the
      client's tests depend on no other exercise; it reads all a client
      sends up to the end of its side, prints "Received: MESSAGE", then
      "Bytes: " and every byte as Python writes them, then replies
  hello.py silent-server 0
      a server that accepts connections and never answers (for clients'
      timeout tests); prints "Listening on 127.0.0.1:<port>"
  hello.py unanswered-server 0
      a port where a connection never completes, as for an address whose
      route leads nowhere: a listener with a backlog of zero, filled by a
      connection of its own and never accepted, so that the kernel drops
      every other SYN; prints "Listening on 127.0.0.1:<port>"
Every wait is bounded (20 s).
"""
import selectors
import socket
import struct
import sys
import threading
import time

REPLY = b"Hello, client!\n"
LIMIT = 20


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=LIMIT)
    return s


def read_all(s):
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            return data
        data += chunk


def send(port, message, split, newline, escapes, pause=0.01):
    data = message.encode()
    if escapes:
        data = data.decode("unicode_escape").encode("latin-1")
    data += b"\n" if newline else b""
    s = connect(port)
    try:
        for i in range(0, len(data), split):
            s.sendall(data[i:i + split])
            time.sleep(pause)
        s.shutdown(socket.SHUT_WR)
        sys.stdout.buffer.write(read_all(s))
    except OSError as e:
        # A server may close before reading all of an over-long message.
        print("(connection ended: %s)" % e.strerror)
    s.close()


def silent_first(port):
    silent = connect(port)
    time.sleep(0.2)
    second = connect(port)
    second.sendall(b"second\n")
    second.shutdown(socket.SHUT_WR)
    reply = read_all(second)
    silent.setblocking(False)
    try:
        still_open = silent.recv(1) != b""
    except BlockingIOError:
        still_open = True
    except OSError:
        still_open = False
    print("reply:", reply.decode().strip())
    print("served at once" if still_open else "waited for the silent one")


def many(port, n):
    sel = selectors.DefaultSelector()
    replies = {}
    for i in range(n):
        s = socket.socket()
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", port))
        sel.register(s, selectors.EVENT_WRITE, i)
        replies[i] = b""
    done, deadline = 0, time.time() + LIMIT
    while done < n and time.time() < deadline:
        for key, ev in sel.select(timeout=1):
            s, i = key.fileobj, key.data
            if ev & selectors.EVENT_WRITE:
                try:
                    s.sendall(b"client %d\n" % i)
                    s.shutdown(socket.SHUT_WR)
                except OSError as e:
                    print("client %d: %s" % (i, e.strerror))
                    sel.unregister(s)
                    s.close()
                    done += 1
                    continue
                sel.modify(s, selectors.EVENT_READ, i)
                continue
            try:
                chunk = s.recv(4096)
            except OSError:
                chunk = b""
            replies[i] += chunk
            if not chunk:
                sel.unregister(s)
                s.close()
                done += 1
    print(sum(1 for r in replies.values() if r == REPLY), "of", n, "answered")


def still_open(s):
    """Whether the server still holds connection S open."""
    s.setblocking(False)
    try:
        return s.recv(1) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        s.setblocking(True)


def ask(port, message):
    """A client that sends MESSAGE and its newline, its writing side shut."""
    c = connect(port)
    c.sendall(message + b"\n")
    c.shutdown(socket.SHUT_WR)
    return c


def limit(port, n):
    silent = [connect(port) for _ in range(n - 1)]
    reply = read_all(ask(port, b"at the limit"))
    held = all(still_open(s) for s in silent)
    print("at the limit: %s" % ("answered" if reply == REPLY and held
                                else "waited"))
    silent.append(connect(port))
    past = ask(port, b"past the limit")
    sel = selectors.DefaultSelector()
    sel.register(past, selectors.EVENT_READ)
    if sel.select(0.5):
        print("past the limit: answered at once")
        return
    silent.pop(0).close()
    reply = read_all(past)
    print("past the limit: %s" % ("answered once one left" if reply == REPLY
                                  else "not answered"))


def flood(port, seconds):
    s = connect(port)
    s.settimeout(seconds)
    deadline = time.time() + seconds
    closed = False
    try:
        s.sendall(b"flood\n")
        while time.time() < deadline:
            s.sendall(b"y" * 65536)
    except socket.timeout:
        pass
    except OSError:
        closed = True
    print("closed by the server" if closed else "still open")
    s.close()


def vanish(port):
    s = connect(port)
    s.sendall(b"half a mess")
    # SO_LINGER 0: close() sends a reset instead of a polite FIN.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


def hold(port, seconds):
    s = connect(port)
    s.settimeout(seconds)
    try:
        closed = s.recv(1) == b""
    except socket.timeout:
        closed = False
    except OSError:
        closed = True
    print("closed by the server" if closed else "still open")
    s.close()


def reply_server(size, text=None):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    print("Listening on 127.0.0.1:%d" % srv.getsockname()[1], flush=True)
    reply = b"x" * (size - 1) + b"\n"
    if text is not None:
        reply = text.encode("latin-1").decode("unicode_escape").encode("latin-1")
    while True:
        conn = srv.accept()[0]
        conn.settimeout(LIMIT)
        try:
            read_all(conn)
            conn.sendall(reply)
        except OSError:
            pass
        conn.close()


def hello_server():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    print("Listening on 127.0.0.1:%d" % srv.getsockname()[1], flush=True)
    while True:
        conn = srv.accept()[0]
        threading.Thread(target=serve_hello, args=(conn,), daemon=True).start()


def serve_hello(conn):
    """Read all the client sends, up to its end (the client shuts down its
    side after its message), print its message and then every byte as
    Python writes bytes ("Bytes: b'Hello, server!\\n'"), then reply."""
    conn.settimeout(LIMIT)
    data = b""
    try:
        while len(data) < 65536:
            chunk = conn.recv(65536 - len(data))
            if not chunk:
                break
            data += chunk
        message = data[:1024].split(b"\n")[0]
        if message.endswith(b"\r"):
            message = message[:-1]
        print("Received: " + message.decode(errors="replace"), flush=True)
        print("Bytes: %r" % data, flush=True)
        conn.sendall(REPLY)
    except OSError:
        pass
    conn.close()


def silent_server():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    print("Listening on 127.0.0.1:%d" % srv.getsockname()[1], flush=True)
    held = []
    while True:
        held.append(srv.accept()[0])


def unanswered_server():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(0)
    port = srv.getsockname()[1]
    filler = socket.create_connection(("127.0.0.1", port), timeout=LIMIT)
    print("Listening on 127.0.0.1:%d" % port, flush=True)
    while filler:
        time.sleep(3600)


def main():
    cmd, port = sys.argv[1], int(sys.argv[2])
    args = sys.argv[3:]
    if cmd == "send":
        split = int(args[args.index("--split") + 1]) if "--split" in args else 1 << 20
        pause = float(args[args.index("--pause") + 1]) \
            if "--pause" in args else 0.01
        send(port, args[0], split, "--no-newline" not in args,
             "--escapes" in args, pause)
    elif cmd == "flood":
        flood(port, float(args[0]))
    elif cmd == "silent-first":
        silent_first(port)
    elif cmd == "many":
        many(port, int(args[0]))
    elif cmd == "limit":
        limit(port, int(args[0]))
    elif cmd == "vanish":
        vanish(port)
    elif cmd == "hold":
        hold(port, float(args[0]))
    elif cmd == "reply-server":
        reply_server(int(args[0]), args[args.index("--text") + 1]
                     if "--text" in args else None)
    elif cmd == "hello-server":
        hello_server()
    elif cmd == "silent-server":
        silent_server()
    elif cmd == "unanswered-server":
        unanswered_server()


if __name__ == "__main__":
    main()
