#!/usr/bin/env python3
"""udp_mock.py - a UDP echo server for 106-udp_pinger's tests, whose faults
are chosen per ping, and which logs every datagram it receives.

  udp_mock.py [--host ADDR] [--port PORT] [--log FILE] [FAULT SEQS]...
              [--loss P [--seed S]] [--delay MS[,MS...]]

It binds ADDR (default 127.0.0.1; ::1 for IPv6), prints "Listening on
ADDR:PORT", then answers each datagram with
its own bytes, except where a fault names the datagram's SEQ (the second
word of "Ping SEQ TIME"; SEQS is a comma-separated list):

  --drop SEQS        no answer
  --late SEQS        the answer is held back and sent when the next
                     datagram comes (before its answer, if it has one): it
                     comes while the pinger waits for the next ping's echo
  --twice SEQS       the answer, twice
  --wrong SEQS       other bytes instead ("Ping SEQ 0.000000")
  --longer SEQS      the answer with more bytes after it (" and more")
  --other-port SEQS  the answer comes from another port (a connected
                     socket must not take it), and from there only
  --loss P           drop P % of the datagrams, chosen as
                     105-udp_echo_server does with LOSS and LOSS_SEED
                     (--seed, default 1)
  --delay MS[,MS...] every answer sent MS milliseconds after its ping
                     came (the round trip a pinger measures, at least); a
                     list: ping k waits its k-th value, the list repeating

Each datagram received is appended to FILE as one line: its bytes, with
backslash escapes for anything that is not printable ASCII. SIGTERM or
SIGINT stops it.
"""
import argparse
import signal
import socket
import sys
import time


def seqs(text):
    return {int(s) for s in text.split(",") if s}


def escaped(data):
    return "".join(chr(b) if 32 <= b < 127 and b != 92 else "\\x%02x" % b
                   for b in data)


class Lossy:
    """105-udp_echo_server's pseudo-random drops (LOSS, LOSS_SEED)."""

    def __init__(self, percent, seed):
        self.percent, self.state = percent, seed

    def drop(self):
        if self.percent == 0:
            return False
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 16) % 100 < self.percent


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--log")
    for fault in ("drop", "late", "twice", "wrong", "longer", "other-port"):
        p.add_argument("--" + fault, type=seqs, default=set())
    p.add_argument("--loss", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--delay", type=lambda t: [int(x) for x in t.split(",")],
                   default=[0])
    a = p.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    family = socket.AF_INET6 if ":" in a.host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.bind((a.host, a.port))
    other = socket.socket(family, socket.SOCK_DGRAM)
    other.bind((a.host, 0))
    print("Listening on %s:%d" % (a.host, s.getsockname()[1]), flush=True)
    lossy, held = Lossy(a.loss, a.seed), []
    try:
        while True:
            data, peer = s.recvfrom(65535)
            if a.log:
                with open(a.log, "a") as log:
                    log.write(escaped(data) + "\n")
            words = data.split()
            seq = int(words[1]) if len(words) > 1 and words[1].isdigit() \
                else -1
            for old in held:
                s.sendto(old, peer)
            held = []
            if lossy.drop() or seq in a.drop:
                continue
            time.sleep(a.delay[(seq - 1) % len(a.delay)] / 1000)
            if seq in a.late:
                held.append(data)
            elif seq in a.wrong:
                s.sendto(b"Ping %d 0.000000" % seq, peer)
            elif seq in a.longer:
                s.sendto(data + b" and more", peer)
            elif seq in a.other_port:
                other.sendto(data, peer)
            else:
                s.sendto(data, peer)
                if seq in a.twice:
                    s.sendto(data, peer)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
