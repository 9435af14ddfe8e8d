#!/usr/bin/env python3
"""A scripted chat session for 14-chat_server: several clients, each step
done in order, then everything each client received.

  chat.py PORT STEP...

Clients are named by one lower-case letter. Steps:
  +a          connect a and wait for its welcome line
  +a/slow     connect a with a tiny receive buffer; a never reads
  a>TEXT      a sends TEXT and a newline
  a>>TEXT     a sends TEXT alone (no newline: a partial line)
  a?TEXT      wait until a receives the line TEXT
  a.          wait until the server closes a's connection
  -a          a closes its connection
  a*N:SIZE    a sends N lines of SIZE bytes as fast as it can, while
              every other client (but slow ones) keeps reading
In TEXT, \0 stands for a NUL byte (a shell cannot pass one).
Then, for each client in order, every line it received, as "a| line",
and "a| (closed)" if the server closed the connection.
Every wait is bounded (20 s); a wait that times out prints
"a: timed out waiting for ..." and the transcripts, and exits 1.
"""
import selectors
import socket
import sys
import time

LIMIT = 20


class Client:
    def __init__(self, name, port, slow=False):
        self.name, self.slow = name, slow
        self.sock = socket.socket()
        if slow:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.connect(("127.0.0.1", port))
        self.sock.setblocking(False)
        self.pending, self.lines = b"", []
        self.closed = self.closed_by_server = False

    def pump(self):
        """Read what has arrived; return False once the connection ended."""
        if self.closed or self.slow:
            return not self.closed
        try:
            data = self.sock.recv(65536)
        except BlockingIOError:
            return True
        except OSError:
            data = b""
        if not data:
            self.closed = self.closed_by_server = True
            return False
        self.pending += data
        *whole, self.pending = self.pending.split(b"\n")
        self.lines += [line.decode(errors="replace") for line in whole]
        return True


class Session:
    def __init__(self, port):
        self.port, self.clients = port, {}
        self.sel = selectors.DefaultSelector()

    def pump(self, timeout=0.05):
        for key, _ in self.sel.select(timeout):
            c = key.data
            if not c.pump():
                self.sel.unregister(c.sock)

    def wait(self, name, what, done):
        deadline = time.time() + LIMIT
        while not done():
            if time.time() > deadline:
                print("%s: timed out waiting for %s" % (name, what))
                self.report()
                sys.exit(1)
            self.pump()

    def connect(self, name, slow):
        c = self.clients[name] = Client(name, self.port, slow)
        if not slow:
            self.sel.register(c.sock, selectors.EVENT_READ, c)
            self.wait(name, "the welcome line", lambda: c.lines or c.closed)

    def send(self, c, data):
        c.sock.setblocking(True)
        c.sock.sendall(data)
        c.sock.setblocking(False)

    def flood(self, c, count, size):
        line = b"x" * (size - 1) + b"\n"
        data, sent = line * count, 0
        deadline = time.time() + LIMIT
        while sent < len(data) and time.time() < deadline:
            try:
                sent += c.sock.send(data[sent:sent + 65536])
            except BlockingIOError:
                pass
            self.pump(0)

    def step(self, s):
        if s[0] in "+-":
            name, rest = s[1], s[2:]
        else:
            name, rest = s[0], s[1:]
        if s[0] == "+":
            self.connect(name, rest == "/slow")
            return
        c = self.clients[name]
        if s[0] == "-":
            if not c.closed and not c.slow:
                self.sel.unregister(c.sock)
            c.sock.close()
            c.closed = True
        elif rest.startswith(">>"):
            self.send(c, rest[2:].encode().replace(b"\\0", b"\0"))
        elif rest.startswith(">"):
            self.send(c, rest[1:].encode().replace(b"\\0", b"\0") + b"\n")
        elif rest.startswith("?"):
            self.wait(name, repr(rest[1:]), lambda: rest[1:] in c.lines)
        elif rest == ".":
            self.wait(name, "the server to close",
                      lambda: c.closed_by_server)
        elif rest.startswith("*"):
            count, size = rest[1:].split(":")
            self.flood(c, int(count), int(size))

    def report(self):
        for name, c in self.clients.items():
            if c.slow:
                continue
            for line in c.lines:
                print("%s| %s" % (name, line))
            if c.closed_by_server:
                print("%s| (closed)" % name)


def main():
    session = Session(int(sys.argv[1]))
    for s in sys.argv[2:]:
        session.step(s)
    session.report()


if __name__ == "__main__":
    main()
