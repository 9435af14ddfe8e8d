#!/usr/bin/env python3
"""A test driver for 105-udp_echo_server: datagrams sent, and what came
back.

  udp.py echo PORT [--text T | --size N | --bytes] [--count N] [--wait S]
      from one socket, send COUNT (default 1) datagrams one at a time: T
      (default "hello"), or N bytes of "x", or the 256 byte values; wait up
      to S seconds (default 2) for each one's answer. Print first
      "from PORT" (this socket's port), then for each datagram "same N
      bytes", "other N bytes" or "no answer"
  udp.py two PORT
      two sockets send "one" and "two", then each reads its answer; print
      what each got
Every wait is bounded.
"""
import argparse
import socket
import sys


def answer(s, wait):
    s.settimeout(wait)
    try:
        return s.recv(65535)
    except socket.timeout:
        return None


def echo(port, args):
    p = argparse.ArgumentParser(prog="udp.py echo")
    p.add_argument("--text", default="hello")
    p.add_argument("--size", type=int)
    p.add_argument("--bytes", action="store_true")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--wait", type=float, default=2)
    a = p.parse_args(args)
    if a.bytes:
        data = bytes(range(256))
    elif a.size is not None:
        data = b"x" * a.size
    else:
        data = a.text.encode()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    print("from %d" % s.getsockname()[1])
    for _ in range(a.count):
        s.sendto(data, ("127.0.0.1", port))
        got = answer(s, a.wait)
        if got is None:
            print("no answer")
        else:
            print("%s %d bytes" % ("same" if got == data else "other",
                                   len(got)))


def two(port):
    a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    a.sendto(b"one", ("127.0.0.1", port))
    b.sendto(b"two", ("127.0.0.1", port))
    print("first got %r" % answer(a, 2))
    print("second got %r" % answer(b, 2))


def main():
    cmd, port = sys.argv[1], int(sys.argv[2])
    if cmd == "echo":
        echo(port, sys.argv[3:])
    elif cmd == "two":
        two(port)
    else:
        sys.exit("udp.py: unknown command " + cmd)


if __name__ == "__main__":
    main()
